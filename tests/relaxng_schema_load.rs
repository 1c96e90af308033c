//! Real schemas load: the shipped tei_all.rng (from disk and embedded) and
//! the CMIF customisation.

use teikit::relaxng::model::{NameClass, Pattern, Schema};
use teikit::relaxng::schema::{FsResolver, load};

const TEI_NS: &str = "http://www.tei-c.org/ns/1.0";

fn element_names(schema: &Schema) -> Vec<&str> {
    schema
        .defines
        .iter()
        .filter_map(|d| match &d.name_class {
            NameClass::Name { ns, local } if ns == TEI_NS => Some(local.as_str()),
            _ => None,
        })
        .collect()
}

/// Every `Ref` in the schema points at an existing define.
fn refs_in_range(p: &Pattern, n: usize) -> bool {
    match p {
        Pattern::Ref(r) => *r < n,
        Pattern::Choice(a, b) | Pattern::Group(a, b) | Pattern::Interleave(a, b) => {
            refs_in_range(a, n) && refs_in_range(b, n)
        }
        Pattern::OneOrMore(a) | Pattern::List(a) | Pattern::Attribute(_, a) => refs_in_range(a, n),
        Pattern::Data {
            except: Some(e), ..
        } => refs_in_range(e, n),
        _ => true,
    }
}

fn check_tei_all(schema: &Schema) {
    let names = element_names(schema);
    for expected in [
        "TEI",
        "teiHeader",
        "p",
        "persName",
        "div",
        "lg",
        "facsimile",
    ] {
        assert!(
            names.contains(&expected),
            "tei_all defines element {expected}"
        );
    }
    assert!(
        schema.defines.len() > 500,
        "tei_all has over 500 element definitions"
    );
    let n = schema.defines.len();
    assert!(refs_in_range(&schema.start, n));
    assert!(schema.defines.iter().all(|d| refs_in_range(&d.content, n)));
}

#[test]
fn tei_all_loads_from_disk() {
    let schema = load("schemas/tei_all.rng", &FsResolver).expect("tei_all.rng loads");
    check_tei_all(&schema);
}

#[test]
fn embedded_tei_all_loads() {
    let schema = teikit::schemas::load_tei_all().expect("embedded tei_all loads");
    check_tei_all(&schema);
}

#[test]
fn shared_tei_all_matches_the_shipped_copy() {
    let shipped = std::fs::read("schemas/tei_all.rng").expect("shipped copy");
    let shared = std::fs::read("../shared/schemas/tei_all.rng").expect("shared copy");
    assert_eq!(shipped, shared);
}

#[test]
fn cmif_customisation_loads() {
    let schema = load("../shared/schemas/cmi-customization.rng", &FsResolver).expect("CMIF loads");
    let names = element_names(&schema);
    for expected in ["TEI", "correspDesc", "correspAction"] {
        assert!(names.contains(&expected), "CMIF defines element {expected}");
    }
}
