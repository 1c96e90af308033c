//! James Clark's datatype and regular-expression suites from jing-trang
//! (`../shared/relaxng-suite/xsdtest.xml`, `regextest.xml`, `hardtest.xml`),
//! run against `teikit::xsd`.
//!
//! Each case has a stable id. The test fails on a failing case that is not
//! in `tests/xsd_known_failures.txt`, and on a listed case that now passes,
//! so the list can only shrink.

use std::collections::BTreeSet;
use std::path::Path;

use quick_xml::events::Event;
use quick_xml::reader::Reader;
use teikit::xsd::{Datatype, NamespaceContext, Namespaces, XSD_LIBRARY};

const SUITE: &str = "../shared/relaxng-suite";

/// A parsed element: name, attributes, children and text content.
#[derive(Debug, Default)]
struct Elem {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Elem>,
    text: String,
}

impl Elem {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn elements<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Elem> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }
}

fn read_tree(path: &Path) -> Elem {
    let xml = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut reader = Reader::from_str(&xml);
    let mut stack = vec![Elem::default()];
    let start = |e: &quick_xml::events::BytesStart| Elem {
        name: String::from_utf8_lossy(e.name().as_ref()).into_owned(),
        attrs: e
            .attributes()
            .map(|a| {
                let a = a.expect("attribute");
                (
                    String::from_utf8_lossy(a.key.as_ref()).into_owned(),
                    a.unescape_value().expect("attribute value").into_owned(),
                )
            })
            .collect(),
        ..Elem::default()
    };
    loop {
        match reader.read_event().expect("well-formed suite") {
            Event::Start(e) => stack.push(start(&e)),
            Event::Empty(e) => {
                let elem = start(&e);
                stack.last_mut().expect("parent").children.push(elem);
            }
            Event::End(_) => {
                let elem = stack.pop().expect("open element");
                stack.last_mut().expect("parent").children.push(elem);
            }
            Event::Text(t) => {
                let text = t.unescape().expect("text");
                stack.last_mut().expect("open element").text.push_str(&text);
            }
            Event::CData(t) => {
                let text = String::from_utf8_lossy(&t).into_owned();
                stack.last_mut().expect("open element").text.push_str(&text);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut root = stack.pop().expect("document");
    root.children.pop().expect("root element")
}

/// Namespace bindings from `xmlns:*` attributes, plus unparsed entities
/// declared by an `internalSubset` attribute.
#[derive(Default, Clone)]
struct Context {
    ns: Namespaces,
    entities: Vec<String>,
}

impl NamespaceContext for Context {
    fn resolve(&self, prefix: &str) -> Option<&str> {
        self.ns.resolve(prefix)
    }

    fn is_unparsed_entity(&self, name: &str) -> bool {
        self.entities.iter().any(|e| e == name)
    }
}

impl Context {
    fn with(&self, elem: &Elem) -> Context {
        let mut ctx = self.clone();
        for (name, value) in &elem.attrs {
            if let Some(prefix) = name.strip_prefix("xmlns:") {
                ctx.ns.0.push((prefix.to_owned(), value.clone()));
            } else if name == "xmlns" {
                ctx.ns.0.push((String::new(), value.clone()));
            } else if name == "internalSubset" {
                // `<!ENTITY name SYSTEM '...' NDATA type>`
                for decl in value.split("<!ENTITY").skip(1) {
                    if decl.contains("NDATA") {
                        let name = decl.split_whitespace().next().unwrap_or("");
                        ctx.entities.push(name.to_owned());
                    }
                }
            }
        }
        ctx
    }
}

/// Records each case's outcome under its id.
#[derive(Default)]
struct Outcomes {
    failed: BTreeSet<String>,
    passed: BTreeSet<String>,
}

impl Outcomes {
    fn record(&mut self, id: String, ok: bool) {
        if ok {
            self.passed.insert(id);
        } else {
            self.failed.insert(id);
        }
    }
}

fn xsd(name: &str, params: &[(&str, &str)]) -> Result<Datatype, String> {
    let params: Vec<(String, String)> = params
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect();
    Datatype::new(XSD_LIBRARY, name, &params).map_err(|e| e.message)
}

fn run_xsdtest(out: &mut Outcomes) {
    let root = read_tree(&Path::new(SUITE).join("xsdtest.xml"));
    let base = Context::default();
    for dt in root.elements("datatype") {
        let name = dt.attr("name").expect("datatype name");
        let id = |what: &str| format!("xsdtest {name} {what}");
        let Ok(t) = xsd(name, &[]) else {
            out.record(id("exists"), false);
            continue;
        };
        out.record(id("exists"), true);
        for child in &dt.children {
            let ctx = base.with(dt).with(child);
            match child.name.as_str() {
                "valid" | "invalid" => {
                    let want = child.name == "valid";
                    let got = t.allows(&child.text, &ctx).is_ok();
                    out.record(id(&format!("{} {:?}", child.name, child.text)), got == want);
                }
                "equiv" => {
                    let classes: Vec<Vec<&str>> = child
                        .elements("class")
                        .map(|c| c.elements("value").map(|v| v.text.as_str()).collect())
                        .collect();
                    for (i, class) in classes.iter().enumerate() {
                        for (j, other) in classes.iter().enumerate() {
                            for a in class {
                                for b in other {
                                    let want = i == j;
                                    let got = t.equal(a, &ctx, b, &ctx);
                                    out.record(
                                        id(&format!("equal({a:?}, {b:?}) is {want}")),
                                        got == want,
                                    );
                                }
                            }
                        }
                    }
                }
                "lessThan" | "incomparable" => {
                    let values: Vec<&str> =
                        child.elements("value").map(|v| v.text.as_str()).collect();
                    let [a, b] = values[..] else {
                        panic!("{} needs two values", child.name)
                    };
                    // a < b shows as: a passes maxExclusive=b, b passes
                    // minExclusive=a, and neither passes the reverse.
                    let allows = |facet: &str, limit: &str, v: &str| {
                        xsd(name, &[(facet, limit)]).is_ok_and(|t| t.allows(v, &ctx).is_ok())
                    };
                    let less = allows("maxExclusive", b, a) && allows("minExclusive", a, b);
                    let greater = allows("minExclusive", b, a) && allows("maxExclusive", a, b);
                    let ok = if child.name == "lessThan" {
                        less && !greater
                    } else {
                        !less && !greater
                    };
                    out.record(id(&format!("{} {a:?} {b:?}", child.name)), ok);
                }
                "length" => {
                    let n = child.attr("value").expect("length value");
                    let v = child.text.as_str();
                    let ok = xsd(name, &[("length", n)]).is_ok_and(|t| t.allows(v, &ctx).is_ok())
                        && xsd(name, &[("minLength", n)]).is_ok_and(|t| t.allows(v, &ctx).is_ok())
                        && xsd(name, &[("maxLength", n)]).is_ok_and(|t| t.allows(v, &ctx).is_ok());
                    // One more or one less must fail.
                    let more = (n.parse::<usize>().expect("length") + 1).to_string();
                    let ok = ok
                        && xsd(name, &[("length", &more)])
                            .is_ok_and(|t| t.allows(v, &ctx).is_err())
                        && xsd(name, &[("minLength", &more)])
                            .is_ok_and(|t| t.allows(v, &ctx).is_err());
                    out.record(id(&format!("length {n} {v:?}")), ok);
                }
                other => panic!("unknown xsdtest element {other}"),
            }
        }
    }
}

fn run_regex_suite(file: &str, out: &mut Outcomes) {
    let root = read_tree(&Path::new(SUITE).join(file));
    let ctx = Context::default();
    for case in root.elements("testCase") {
        let Some(first) = case.children.first() else {
            continue;
        };
        let pattern = first.text.as_str();
        let compiled = xsd("string", &[("pattern", pattern)]);
        let want_ok = first.name == "correct";
        out.record(
            format!("{file} {} {pattern:?}", first.name),
            compiled.is_ok() == want_ok,
        );
        let Ok(t) = compiled else { continue };
        for value in &case.children[1..] {
            let want = value.name == "valid";
            let got = t.allows(&value.text, &ctx).is_ok();
            out.record(
                format!("{file} {pattern:?} {} {:?}", value.name, value.text),
                got == want,
            );
        }
    }
}

#[test]
fn suites_match_the_known_failures_list() {
    let mut out = Outcomes::default();
    run_xsdtest(&mut out);
    run_regex_suite("regextest.xml", &mut out);
    run_regex_suite("hardtest.xml", &mut out);
    // An id that both passed and failed (duplicate values) counts as failed.
    let passed: BTreeSet<&String> = out.passed.difference(&out.failed).collect();

    let listed_text =
        std::fs::read_to_string("tests/xsd_known_failures.txt").expect("known failures list");
    let listed: BTreeSet<&str> = listed_text
        .lines()
        .map(|l| l.split(" #").next().unwrap_or("").trim_end())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();

    let unexpected: Vec<&String> = out
        .failed
        .iter()
        .filter(|id| !listed.contains(id.as_str()))
        .collect();
    let fixed: Vec<&&str> = listed
        .iter()
        .filter(|id| passed.contains(&id.to_string()))
        .collect();
    assert!(
        passed.len() > 700,
        "suspiciously few cases ran: {}",
        passed.len()
    );
    assert!(
        unexpected.is_empty() && fixed.is_empty(),
        "{} cases passed, {} failed.\nfailing and not listed:\n{}\nlisted but now passing (remove them):\n{}",
        passed.len(),
        out.failed.len(),
        unexpected
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        fixed.iter().map(|s| **s).collect::<Vec<_>>().join("\n"),
    );
}
