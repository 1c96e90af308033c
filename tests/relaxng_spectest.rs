//! James Clark's RELAX NG conformance suite (`../shared/relaxng-suite/spectest.xml`,
//! 385 cases) run through `teikit::relaxng`.
//!
//! Each `testCase` holds either an `incorrect` schema, which loading must
//! reject, or a `correct` schema, which loading must accept, followed by
//! `valid` and `invalid` instances that the validator must judge right.
//! `resource` and `dir` elements give files for `include` / `externalRef`,
//! served from memory by a [`Resolver`].
//!
//! Cases are named by their index in the suite (1-based, document order)
//! and their section. The run fails on any failing case that is not in
//! `tests/relaxng_spectest_known_failures.txt`, and on any listed case that
//! passes, so that the list can only shrink. Set `SPECTEST_VERBOSE=1` to see
//! why every listed case fails.

use std::collections::{BTreeMap, HashMap};

use teikit::relaxng::schema::{self, Resolver};
use teikit::relaxng::validate::Validator;

const SUITE: &str = "../shared/relaxng-suite/spectest.xml";
const KNOWN: &str = "tests/relaxng_spectest_known_failures.txt";
/// Where each case's schema lives in the in-memory file system; resources
/// sit next to it.
const CASE_DIR: &str = "/case/";
const SCHEMA_URI: &str = "/case/schema.rng";

struct MemResolver(HashMap<String, Vec<u8>>);

impl Resolver for MemResolver {
    fn read(&self, uri: &str) -> std::io::Result<Vec<u8>> {
        self.0.get(uri).cloned().ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::NotFound, format!("no resource {uri}"))
        })
    }
}

/// Writes `node` (an element) as a standalone XML document, declaring every
/// namespace in scope and expanding entity references.
fn serialize(node: roxmltree::Node<'_, '_>, source: &str, out: &mut String) {
    let range = node.range();
    let raw = &source[range.start + 1..];
    let qname_end = raw
        .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
        .unwrap_or(raw.len());
    let qname = &raw[..qname_end];
    out.push('<');
    out.push_str(qname);
    let mut has_default = false;
    for ns in node.namespaces() {
        match ns.name() {
            Some("xml") => {}
            Some(p) => {
                out.push_str(&format!(" xmlns:{p}=\""));
                escape(ns.uri(), true, out);
                out.push('"');
            }
            None => {
                has_default = true;
                out.push_str(" xmlns=\"");
                escape(ns.uri(), true, out);
                out.push('"');
            }
        }
    }
    if !has_default {
        out.push_str(" xmlns=\"\"");
    }
    for a in node.attributes() {
        out.push(' ');
        if let Some(ns) = a.namespace() {
            let prefix = if ns == "http://www.w3.org/XML/1998/namespace" {
                Some("xml")
            } else {
                node.namespaces()
                    .find(|n| n.uri() == ns && n.name().is_some())
                    .and_then(|n| n.name())
            };
            if let Some(p) = prefix {
                out.push_str(p);
                out.push(':');
            }
        }
        out.push_str(a.name());
        out.push_str("=\"");
        escape(a.value(), true, out);
        out.push('"');
    }
    out.push('>');
    for c in node.children() {
        if c.is_element() {
            serialize(c, source, out);
        } else if c.is_text() {
            escape(c.text().unwrap_or(""), false, out);
        }
    }
    out.push_str("</");
    out.push_str(qname);
    out.push('>');
}

fn escape(s: &str, attr: bool, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attr => out.push_str("&quot;"),
            '\n' if attr => out.push_str("&#10;"),
            '\t' if attr => out.push_str("&#9;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
}

fn first_element<'a, 'i>(node: roxmltree::Node<'a, 'i>) -> Option<roxmltree::Node<'a, 'i>> {
    node.children().find(|c| c.is_element())
}

fn document_of(node: roxmltree::Node<'_, '_>, source: &str) -> Vec<u8> {
    let mut s = String::new();
    if let Some(e) = first_element(node) {
        serialize(e, source, &mut s);
    }
    s.into_bytes()
}

/// Adds the `resource`s and `dir`s under `node` to `files`, below `dir`.
fn add_resources(
    node: roxmltree::Node<'_, '_>,
    dir: &str,
    source: &str,
    files: &mut HashMap<String, Vec<u8>>,
) {
    for c in node.children().filter(|c| c.is_element()) {
        let name = c.attribute("name").unwrap_or("");
        match c.tag_name().name() {
            "resource" => {
                let bytes = if first_element(c).is_some() {
                    document_of(c, source)
                } else {
                    c.text().unwrap_or("").as_bytes().to_vec()
                };
                files.insert(format!("{dir}{name}"), bytes);
            }
            "dir" => add_resources(c, &format!("{dir}{name}/"), source, files),
            _ => {}
        }
    }
}

/// Runs one case; `Err` says why it failed.
fn run_case(case: roxmltree::Node<'_, '_>, source: &str) -> Result<(), String> {
    let mut files = HashMap::new();
    add_resources(case, CASE_DIR, source, &mut files);
    let elements: Vec<_> = case.children().filter(|c| c.is_element()).collect();
    if let Some(incorrect) = elements.iter().find(|e| e.has_tag_name("incorrect")) {
        files.insert(SCHEMA_URI.to_owned(), document_of(*incorrect, source));
        return match schema::load(SCHEMA_URI, &MemResolver(files)) {
            Ok(_) => Err("incorrect schema was accepted".into()),
            Err(_) => Ok(()),
        };
    }
    let correct = elements
        .iter()
        .find(|e| e.has_tag_name("correct"))
        .ok_or("case has neither correct nor incorrect schema")?;
    files.insert(SCHEMA_URI.to_owned(), document_of(*correct, source));
    let schema = schema::load(SCHEMA_URI, &MemResolver(files))
        .map_err(|e| format!("correct schema rejected: {e}"))?;
    for (i, e) in elements.iter().enumerate() {
        let valid = match e.tag_name().name() {
            "valid" => true,
            "invalid" => false,
            _ => continue,
        };
        let doc = document_of(*e, source);
        let mut validator = Validator::new(schema.clone());
        let verdict = validator.validate("instance.xml", doc.as_slice());
        let judged_valid = matches!(&verdict, Ok(d) if d.is_empty());
        if judged_valid != valid {
            return Err(format!(
                "{} instance (child {}) judged {}: {}",
                if valid { "valid" } else { "invalid" },
                i + 1,
                if judged_valid { "valid" } else { "invalid" },
                match verdict {
                    Ok(d) => d
                        .iter()
                        .map(|d| d.to_string())
                        .collect::<Vec<_>>()
                        .join("; "),
                    Err(e) => e.to_string(),
                }
            ));
        }
    }
    Ok(())
}

const KNOWN_HEADER: &str = "\
# Cases of ../shared/relaxng-suite/spectest.xml that fail today, by index (1-based,
# document order), with the section and the reason. tests/relaxng_spectest.rs fails
# if a case not listed here fails, or if a listed case passes: the list only shrinks.
# `SPECTEST_BLESS=1 cargo test --test relaxng_spectest` rewrites it from a run.
";

/// A short reason for the list, from a failure message.
fn reason_of(why: &str) -> String {
    if why.contains("judged valid") && why.starts_with("invalid") {
        let stub = Validator::new(teikit::relaxng::model::Schema {
            start: teikit::relaxng::model::Pattern::NotAllowed,
            defines: Vec::new(),
        })
        .validate("x.xml", &b"<x/>"[..])
        .is_ok_and(|d| d.is_empty());
        if stub {
            return "validator not merged yet (the stub judges every instance valid)".into();
        }
    }
    why.lines().next().unwrap_or("").to_owned()
}

fn known_failures() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(KNOWN).unwrap_or_default();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (id, reason) = l.split_once(char::is_whitespace).unwrap_or((l, ""));
            (id.to_owned(), reason.trim().to_owned())
        })
        .collect()
}

/// Expands the internal entities that the suite declares in its DOCTYPE
/// (one: `dii`, an element whose name is given by character references,
/// which roxmltree will not parse inside an entity value) and drops the
/// DOCTYPE.
fn expand_entities(text: &str) -> String {
    let Some(start) = text.find("<!DOCTYPE") else {
        return text.to_owned();
    };
    let end = start + text[start..].find("]>").expect("DOCTYPE ends") + 2;
    let mut body = format!("{}{}", &text[..start], &text[end..]);
    for decl in text[start..end].split("<!ENTITY").skip(1) {
        let mut parts = decl.trim().splitn(2, char::is_whitespace);
        let name = parts.next().expect("entity name");
        let value = parts.next().expect("entity value").trim();
        let value = &value[1..value.rfind('"').expect("quoted value")];
        let mut expanded = String::new();
        let mut rest = value;
        while let Some(i) = rest.find("&#x") {
            expanded.push_str(&rest[..i]);
            let j = rest[i..].find(';').expect("char ref ends") + i;
            let code = u32::from_str_radix(&rest[i + 3..j], 16).expect("hex char ref");
            expanded.push(char::from_u32(code).expect("char"));
            rest = &rest[j + 1..];
        }
        expanded.push_str(rest);
        body = body.replace(&format!("&{name};"), &expanded);
    }
    body
}

#[test]
fn spectest() {
    let raw = std::fs::read_to_string(SUITE).expect("spectest.xml is readable");
    let source = expand_entities(&raw);
    let doc = roxmltree::Document::parse(&source).expect("spectest.xml is well-formed");
    let known = known_failures();
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testCase"))
        .collect();
    assert_eq!(cases.len(), 385, "the suite has 385 cases");
    let verbose = std::env::var_os("SPECTEST_VERBOSE").is_some();
    let (mut passed, mut failed_known) = (0, 0);
    let mut unexpected = Vec::new();
    let mut all_failures = Vec::new();
    let mut fixed = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        // A case without its own section takes its suite's.
        let section = case
            .ancestors()
            .find_map(|a| a.children().find(|c| c.has_tag_name("section")))
            .and_then(|s| s.text())
            .unwrap_or("?")
            .trim();
        let id = format!("{:03}", i + 1);
        let name = format!("case {id} (section {section})");
        // A panic in the engine is a failure of this case, not of the runner.
        let result =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run_case(*case, &source)))
                .unwrap_or_else(|_| Err("panicked".into()));
        if let Err(why) = &result {
            all_failures.push(format!("{id}  # §{section}: {}", reason_of(why)));
        }
        match (result, known.contains_key(&id)) {
            (Ok(()), false) => passed += 1,
            (Ok(()), true) => fixed.push(name),
            (Err(why), true) => {
                failed_known += 1;
                if verbose {
                    eprintln!("known failure {name}: {why}");
                }
            }
            (Err(why), false) => unexpected.push(format!("{name}: {why}")),
        }
    }
    eprintln!(
        "spectest: {} cases, {passed} pass, {failed_known} known failures, {} unexpected failures, {} listed but passing",
        cases.len(),
        unexpected.len(),
        fixed.len()
    );
    for u in &unexpected {
        eprintln!("FAIL {u}");
    }
    for f in &fixed {
        eprintln!("NOW PASSES (remove from {KNOWN}): {f}");
    }
    if std::env::var_os("SPECTEST_BLESS").is_some() {
        // Rewrites the list from this run (a deliberate act, reviewed in the diff).
        let mut text = String::from(KNOWN_HEADER);
        for f in &all_failures {
            text.push_str(f);
            text.push('\n');
        }
        std::fs::write(KNOWN, text).expect("known-failures list is writable");
        return;
    }
    assert!(
        unexpected.is_empty() && fixed.is_empty(),
        "spectest differs from {KNOWN}"
    );
}
