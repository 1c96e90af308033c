//! Property test: loading never panics, whatever mix of RELAX NG elements
//! and attributes a schema holds (including includes and external
//! references of itself and of a second generated schema).

use proptest::prelude::*;
use teikit::relaxng::schema::{Resolver, load};

const ELEMENTS: &[&str] = &[
    "grammar",
    "start",
    "define",
    "ref",
    "parentRef",
    "element",
    "attribute",
    "group",
    "interleave",
    "choice",
    "optional",
    "zeroOrMore",
    "oneOrMore",
    "list",
    "mixed",
    "empty",
    "text",
    "notAllowed",
    "value",
    "data",
    "param",
    "except",
    "name",
    "anyName",
    "nsName",
    "div",
    "include",
    "externalRef",
];

const ATTRIBUTES: &[(&str, &[&str])] = &[
    ("name", &["a", "b", "x:y", "xmlns", " a "]),
    ("combine", &["choice", "interleave", "bad"]),
    ("href", &["s.rng", "t.rng", "missing.rng"]),
    ("type", &["token", "string", "integer", "bogus"]),
    ("ns", &["", "urn:u"]),
    (
        "datatypeLibrary",
        &["", "http://www.w3.org/2001/XMLSchema-datatypes", "rel"],
    ),
];

#[derive(Clone, Debug)]
struct Tree {
    element: usize,
    attributes: Vec<(usize, usize)>,
    text: Option<String>,
    children: Vec<Tree>,
}

fn tree() -> impl Strategy<Value = Tree> {
    let leaf = (
        0..ELEMENTS.len(),
        prop::collection::vec((0..ATTRIBUTES.len(), 0..6usize), 0..3),
        prop::option::of("[a-z ]{0,4}"),
    )
        .prop_map(|(element, attributes, text)| Tree {
            element,
            attributes,
            text,
            children: Vec::new(),
        });
    leaf.prop_recursive(6, 64, 4, |inner| {
        (
            0..ELEMENTS.len(),
            prop::collection::vec((0..ATTRIBUTES.len(), 0..6usize), 0..3),
            prop::collection::vec(inner, 0..4),
        )
            .prop_map(|(element, attributes, children)| Tree {
                element,
                attributes,
                text: None,
                children,
            })
    })
}

const PATTERNS: &[&str] = &[
    "element",
    "attribute",
    "group",
    "interleave",
    "choice",
    "optional",
    "zeroOrMore",
    "oneOrMore",
    "list",
    "mixed",
    "empty",
    "text",
    "notAllowed",
    "value",
    "data",
    "ref",
    "parentRef",
    "externalRef",
    "grammar",
];
const NAME_CLASSES: &[&str] = &["name", "anyName", "nsName", "choice"];
const COMPONENTS: &[&str] = &["start", "define", "div", "include"];

/// Whether `child` may appear in `parent` (roughly the RELAX NG grammar:
/// the generator aims at schemas that get past the syntax checks).
fn fits(parent: &str, child: &str) -> bool {
    match parent {
        "grammar" | "div" | "include" => COMPONENTS.contains(&child),
        "element" | "attribute" => PATTERNS.contains(&child) || NAME_CLASSES.contains(&child),
        "anyName" | "nsName" => child == "except",
        "data" => child == "param" || child == "except",
        "except" => PATTERNS.contains(&child) || NAME_CLASSES.contains(&child),
        "start" | "define" | "group" | "interleave" | "choice" | "optional" | "zeroOrMore"
        | "oneOrMore" | "list" | "mixed" => PATTERNS.contains(&child),
        _ => false,
    }
}

/// Whether attribute `name` belongs on `element`.
fn applies(element: &str, name: &str) -> bool {
    match name {
        "ns" | "datatypeLibrary" => true,
        "name" => matches!(
            element,
            "element" | "attribute" | "define" | "ref" | "parentRef" | "param"
        ),
        "combine" => matches!(element, "define" | "start"),
        "href" => matches!(element, "include" | "externalRef"),
        "type" => matches!(element, "data" | "value"),
        _ => false,
    }
}

fn write(t: &Tree, root: bool, out: &mut String) {
    // A document element that is no pattern would only test one error.
    let element = match ELEMENTS[t.element] {
        e if root && !PATTERNS.contains(&e) => "grammar",
        e => e,
    };
    out.push('<');
    out.push_str(element);
    if root {
        out.push_str(" xmlns=\"http://relaxng.org/ns/structure/1.0\" xmlns:x=\"urn:x\"");
    }
    let mut seen = Vec::new();
    for &(a, v) in &t.attributes {
        if seen.contains(&a) {
            continue;
        }
        seen.push(a);
        let (name, values) = ATTRIBUTES[a];
        if !applies(element, name) {
            continue;
        }
        out.push_str(&format!(" {name}=\"{}\"", values[v % values.len()]));
    }
    out.push('>');
    if let Some(text) = &t.text {
        out.push_str(text);
    }
    for c in &t.children {
        if fits(element, ELEMENTS[c.element]) {
            write(c, false, out);
        }
    }
    out.push_str(&format!("</{element}>"));
}

struct Two(String, String);

impl Resolver for Two {
    fn read(&self, uri: &str) -> std::io::Result<Vec<u8>> {
        match uri {
            "s.rng" => Ok(self.0.clone().into_bytes()),
            "t.rng" => Ok(self.1.clone().into_bytes()),
            _ => Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "no such file",
            )),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn loading_never_panics(a in tree(), b in tree()) {
        let (mut s, mut t) = (String::new(), String::new());
        write(&a, true, &mut s);
        write(&b, true, &mut t);
        let r = load("s.rng", &Two(s, t));
        if std::env::var_os("PROPS_DEBUG").is_some() {
            eprintln!("{}", r.as_ref().map(|_| "ok".to_string()).unwrap_or_else(|e| e.message.clone()));
        }
        match r {
            Ok(schema) => {
                // Every reference points at a definition.
                let n = schema.defines.len();
                prop_assert!(refs_ok(&schema.start, n));
                for d in &schema.defines {
                    prop_assert!(refs_ok(&d.content, n));
                }
            }
            Err(e) => {
                prop_assert!(e.line >= 1 && e.column >= 1);
                prop_assert!(!e.message.is_empty());
            }
        }
    }
}

fn refs_ok(p: &teikit::relaxng::model::Pattern, n: usize) -> bool {
    use teikit::relaxng::model::Pattern as M;
    match p {
        M::Ref(r) => *r < n,
        M::Choice(a, b) | M::Group(a, b) | M::Interleave(a, b) => refs_ok(a, n) && refs_ok(b, n),
        M::OneOrMore(a) | M::List(a) | M::Attribute(_, a) => refs_ok(a, n),
        M::Data {
            except: Some(e), ..
        } => refs_ok(e, n),
        _ => true,
    }
}
