//! The shared form of a loaded schema (`load_shared`) means the same as the
//! tree form (`load`), and is much smaller for tei_all.

use teikit::relaxng::model::{Node, Pattern, Schema, SharedSchema};

/// Structural equality (datatypes compare by library, name and params; their
/// lazily compiled regexes, which `Debug` shows, may differ).
fn same(a: &Pattern, b: &Pattern) -> bool {
    use Pattern as P;
    match (a, b) {
        (P::Empty, P::Empty) | (P::NotAllowed, P::NotAllowed) | (P::Text, P::Text) => true,
        (P::Choice(a1, a2), P::Choice(b1, b2))
        | (P::Group(a1, a2), P::Group(b1, b2))
        | (P::Interleave(a1, a2), P::Interleave(b1, b2)) => same(a1, b1) && same(a2, b2),
        (P::OneOrMore(x), P::OneOrMore(y)) | (P::List(x), P::List(y)) => same(x, y),
        (
            P::Data {
                datatype: d1,
                except: e1,
            },
            P::Data {
                datatype: d2,
                except: e2,
            },
        ) => {
            d1 == d2
                && match (e1, e2) {
                    (None, None) => true,
                    (Some(x), Some(y)) => same(x, y),
                    _ => false,
                }
        }
        (
            P::Value {
                datatype: d1,
                value: v1,
                context: c1,
            },
            P::Value {
                datatype: d2,
                value: v2,
                context: c2,
            },
        ) => d1 == d2 && v1 == v2 && c1 == c2,
        (P::Attribute(n1, x), P::Attribute(n2, y)) => n1 == n2 && same(x, y),
        (P::Ref(x), P::Ref(y)) => x == y,
        _ => false,
    }
}

fn same_schema(a: &Schema, b: &Schema) -> bool {
    same(&a.start, &b.start)
        && a.defines.len() == b.defines.len()
        && a.defines.iter().zip(&b.defines).all(|(x, y)| {
            x.name == y.name && x.name_class == y.name_class && same(&x.content, &y.content)
        })
}
use teikit::relaxng::schema::{FsResolver, load, load_shared};

/// Children come before their parents, and refs name existing defines.
fn well_ordered(s: &SharedSchema) -> bool {
    let ok = |i: usize, c: u32| (c as usize) < i;
    s.nodes.iter().enumerate().all(|(i, n)| match n {
        Node::Choice(a, b) | Node::Group(a, b) | Node::Interleave(a, b) => ok(i, *a) && ok(i, *b),
        Node::OneOrMore(a) | Node::List(a) | Node::Attribute(_, a) => ok(i, *a),
        Node::Data {
            except: Some(e), ..
        } => ok(i, *e),
        Node::Ref(r) => *r < s.defines.len(),
        _ => true,
    }) && (s.start as usize) < s.nodes.len()
        && s.defines
            .iter()
            .all(|d| (d.content as usize) < s.nodes.len())
}

#[test]
fn tei_all_shared_expands_to_the_tree() {
    let path = "schemas/tei_all.rng";
    let shared = load_shared(path, &FsResolver).expect("tei_all loads shared");
    let tree = load(path, &FsResolver).expect("tei_all loads");
    assert!(well_ordered(&shared));
    assert_eq!(shared.defines.len(), tree.defines.len());
    // Same meaning: expanding the shared form gives the tree form exactly.
    assert!(
        same_schema(&shared.to_tree(), &tree),
        "to_tree differs from load"
    );
    // tei_all's tree repeats attribute classes in every element: sharing
    // must keep it several times smaller than the tree (about 230,000 nodes).
    fn count(p: &Pattern) -> usize {
        use Pattern as P;
        1 + match p {
            P::Choice(a, b) | P::Group(a, b) | P::Interleave(a, b) => count(a) + count(b),
            P::OneOrMore(a) | P::List(a) | P::Attribute(_, a) => count(a),
            P::Data {
                except: Some(e), ..
            } => count(e),
            _ => 0,
        }
    }
    let tree_nodes: usize = count(&tree.start)
        + tree
            .defines
            .iter()
            .map(|d| count(&d.content))
            .sum::<usize>();
    assert!(
        shared.nodes.len() * 5 < tree_nodes,
        "{} shared nodes for {tree_nodes} tree nodes",
        shared.nodes.len()
    );
}

#[test]
fn small_schema_shared_and_tree_agree() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("s.rng");
    std::fs::write(
        &path,
        r#"<grammar xmlns="http://relaxng.org/ns/structure/1.0"
             datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
  <start><element name="a"><ref name="atts"/><ref name="atts2"/><zeroOrMore><element name="b"><ref name="atts"/><text/></element></zeroOrMore></element></start>
  <define name="atts"><optional><attribute name="n"><data type="integer"><param name="minInclusive">1</param></data></attribute></optional></define>
  <define name="atts2"><attribute name="t"><choice><value>x</value><value type="QName">y:z</value></choice></attribute></define>
</grammar>"#
            .replace("y:z", "z"),
    )
    .expect("write schema");
    let p = path.to_str().expect("utf-8 path");
    let shared = load_shared(p, &FsResolver).expect("loads shared");
    let tree = load(p, &FsResolver).expect("loads");
    assert!(well_ordered(&shared));
    assert!(same_schema(&shared.to_tree(), &tree));
    assert_eq!(shared.defines.len(), 2);
}

/// Validating with the shared form compiled (`Validator::from_shared`)
/// gives the same diagnostics as with the tree form (`Validator::new`), on
/// valid and invalid TEI documents.
#[test]
fn shared_and_tree_validators_agree() {
    use teikit::relaxng::validate::Validator;
    let path = "schemas/tei_all.rng";
    let mut shared = Validator::from_shared(load_shared(path, &FsResolver).expect("loads"));
    let mut tree = Validator::new(load(path, &FsResolver).expect("loads"));
    assert_eq!(
        shared.dtd_compatibility_problems(),
        tree.dtd_compatibility_problems()
    );
    let mut docs: Vec<std::path::PathBuf> = Vec::new();
    for dir in ["../shared/tei-samples", "tests/data/invalid"] {
        for e in std::fs::read_dir(dir).expect("sample directory") {
            let p = e.expect("entry").path();
            if p.extension().is_some_and(|x| x == "xml")
                && std::fs::metadata(&p).is_ok_and(|m| m.len() < 1_000_000)
            {
                docs.push(p);
            }
        }
    }
    docs.sort();
    assert!(docs.len() >= 5, "too few documents: {docs:?}");
    let mut invalid = 0;
    for p in &docs {
        let text = std::fs::read(p).expect("read document");
        let name = p.display().to_string();
        let a = shared.validate(&name, &text[..]).expect("validates");
        let b = tree.validate(&name, &text[..]).expect("validates");
        assert_eq!(format!("{a:?}"), format!("{b:?}"), "{name}");
        invalid += usize::from(!a.is_empty());
    }
    assert!(invalid > 0, "no invalid document among {docs:?}");
}
