//! Incorrect schemas are rejected with the file and `line:col` of the
//! offending element and a message saying what is wrong; hostile schemas
//! (self-inclusion, deep nesting, undefined references) fail cleanly.

use std::collections::HashMap;

use teikit::relaxng::schema::{Resolver, SchemaError, load};

struct Mem(HashMap<String, String>);

impl Resolver for Mem {
    fn read(&self, uri: &str) -> std::io::Result<Vec<u8>> {
        self.0
            .get(uri)
            .map(|s| s.as_bytes().to_vec())
            .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"))
    }
}

fn load_files(files: &[(&str, &str)]) -> Result<teikit::relaxng::model::Schema, SchemaError> {
    let mem = Mem(files
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect());
    load(files[0].0, &mem)
}

#[track_caller]
fn assert_error(files: &[(&str, &str)], file: &str, line: usize, column: usize, message: &str) {
    let err = load_files(files).expect_err("schema must be rejected");
    assert_eq!(
        (err.file.as_str(), err.line, err.column),
        (file, line, column),
        "position of: {err}"
    );
    assert!(
        err.message.contains(message),
        "message {:?} should contain {message:?}",
        err.message
    );
    assert!(
        err.to_string()
            .starts_with(&format!("{file}:{line}:{column}: error: "))
    );
}

const RNG: &str = r#"xmlns="http://relaxng.org/ns/structure/1.0""#;

fn grammar(body: &str) -> String {
    format!("<grammar {RNG}>\n{body}\n</grammar>\n")
}

#[test]
fn not_well_formed_schema_reports_line_and_column() {
    let err = load_files(&[("s.rng", "<element name=\"a\">\n  <empty/>\n</elem>")]).unwrap_err();
    assert_eq!(err.file, "s.rng");
    assert_eq!(err.line, 3, "{err}");
    assert!(err.message.contains("not well-formed"), "{err}");
}

#[test]
fn unclosed_schema_is_an_error() {
    let err = load_files(&[("s.rng", "<element name=\"a\">\n  <empty/>\n")]).unwrap_err();
    assert!(err.message.contains("not closed"), "{err}");
}

#[test]
fn unreadable_schema_is_an_error() {
    let err = load("missing.rng", &Mem(HashMap::new())).unwrap_err();
    assert!(err.message.contains("cannot read"), "{err}");
}

#[test]
fn undefined_reference() {
    let s = grammar("<start>\n  <ref name=\"nowhere\"/>\n</start>");
    assert_error(
        &[("s.rng", &s)],
        "s.rng",
        3,
        3,
        "undefined pattern \"nowhere\"",
    );
}

#[test]
fn schema_that_includes_itself() {
    let s =
        grammar("<include href=\"s.rng\"/>\n<start><element name=\"a\"><empty/></element></start>");
    assert_error(
        &[("s.rng", &s)],
        "s.rng",
        2,
        1,
        "includes or references itself",
    );
}

#[test]
fn schemas_that_include_each_other() {
    let a =
        grammar("<include href=\"b.rng\"/>\n<start><element name=\"a\"><empty/></element></start>");
    let b = grammar("<include href=\"a.rng\"/>");
    assert_error(
        &[("a.rng", &a), ("b.rng", &b)],
        "b.rng",
        2,
        1,
        "\"a.rng\" includes or references itself",
    );
}

#[test]
fn external_ref_to_itself() {
    let s = format!("<element name=\"a\" {RNG}>\n  <externalRef href=\"s.rng\"/>\n</element>");
    assert_error(
        &[("s.rng", &s)],
        "s.rng",
        2,
        3,
        "includes or references itself",
    );
}

#[test]
fn missing_include_target() {
    let s = grammar("<include href=\"sub/none.rng\"/>");
    assert_error(
        &[("dir/s.rng", &s)],
        "dir/s.rng",
        2,
        1,
        "cannot read schema \"dir/sub/none.rng\"",
    );
}

#[test]
fn error_in_an_included_file_names_that_file() {
    let a = grammar("<include href=\"b.rng\"/>\n<start><ref name=\"x\"/></start>");
    let b = grammar("<define name=\"x\">\n  <element name=\"x\"><bogus/></element>\n</define>");
    assert_error(
        &[("a.rng", &a), ("b.rng", &b)],
        "b.rng",
        3,
        21,
        "\"bogus\" is not allowed here",
    );
}

#[test]
fn override_of_a_missing_define() {
    let a = grammar(
        "<include href=\"b.rng\">\n  <define name=\"y\"><element name=\"y\"><empty/></element></define>\n</include>",
    );
    let b = grammar("<start><element name=\"x\"><empty/></element></start>");
    assert_error(
        &[("a.rng", &a), ("b.rng", &b)],
        "a.rng",
        2,
        1,
        "does not define it",
    );
}

#[test]
fn include_overrides_and_combines() {
    let a = grammar(concat!(
        "<include href=\"b.rng\">\n",
        "  <define name=\"x\"><element name=\"new\"><empty/></element></define>\n",
        "</include>\n",
        "<define name=\"y\" combine=\"choice\"><element name=\"y2\"><empty/></element></define>",
    ));
    let b = grammar(concat!(
        "<start><choice><ref name=\"x\"/><ref name=\"y\"/></choice></start>\n",
        "<define name=\"x\"><element name=\"old\"><empty/></element></define>\n",
        "<define name=\"y\"><element name=\"y1\"><empty/></element></define>",
    ));
    let schema = load_files(&[("a.rng", &a), ("b.rng", &b)]).expect("loads");
    let mut names: Vec<String> = schema
        .defines
        .iter()
        .map(|d| match &d.name_class {
            teikit::relaxng::model::NameClass::Name { local, .. } => local.clone(),
            other => format!("{other:?}"),
        })
        .collect();
    names.sort();
    assert_eq!(names, ["new", "y1", "y2"]);
}

#[test]
fn two_defines_without_combine() {
    let s = grammar(concat!(
        "<start><ref name=\"x\"/></start>\n",
        "<define name=\"x\"><element name=\"a\"><empty/></element></define>\n",
        "<define name=\"x\"><element name=\"b\"><empty/></element></define>",
    ));
    assert_error(
        &[("s.rng", &s)],
        "s.rng",
        4,
        1,
        "more than once without \"combine\"",
    );
}

#[test]
fn inconsistent_combine() {
    let s = grammar(concat!(
        "<start><ref name=\"x\"/></start>\n",
        "<define name=\"x\" combine=\"choice\"><element name=\"a\"><empty/></element></define>\n",
        "<define name=\"x\" combine=\"interleave\"><element name=\"b\"><empty/></element></define>",
    ));
    assert_error(
        &[("s.rng", &s)],
        "s.rng",
        4,
        1,
        "both \"choice\" and \"interleave\"",
    );
}

#[test]
fn grammar_without_start() {
    let s = grammar("<define name=\"x\"><element name=\"a\"><empty/></element></define>");
    assert_error(&[("s.rng", &s)], "s.rng", 1, 1, "no \"start\"");
}

#[test]
fn parent_ref_outside_nested_grammar() {
    let s = grammar("<start><parentRef name=\"x\"/></start>");
    assert_error(
        &[("s.rng", &s)],
        "s.rng",
        2,
        8,
        "outside of a nested grammar",
    );
}

#[test]
fn recursion_not_through_an_element() {
    let s = grammar(concat!(
        "<start><element name=\"a\"><ref name=\"x\"/></element></start>\n",
        "<define name=\"x\"><choice><text/><group><ref name=\"x\"/><text/></group></choice></define>",
    ));
    assert_error(
        &[("s.rng", &s)],
        "s.rng",
        3,
        40,
        "recursive reference to \"x\"",
    );
}

#[test]
fn recursion_through_an_element_is_fine() {
    let s = grammar(concat!(
        "<start><ref name=\"x\"/></start>\n",
        "<define name=\"x\"><element name=\"a\"><optional><ref name=\"x\"/></optional></element></define>",
    ));
    let schema = load_files(&[("s.rng", &s)]).expect("loads");
    assert_eq!(schema.defines.len(), 1);
}

#[test]
fn attribute_inside_attribute() {
    let s = format!(
        "<element name=\"a\" {RNG}>\n  <attribute name=\"b\">\n    <attribute name=\"c\"/>\n  </attribute>\n</element>"
    );
    assert_error(
        &[("s.rng", &s)],
        "s.rng",
        3,
        5,
        "attribute not allowed inside attribute",
    );
}

#[test]
fn duplicate_attribute() {
    let s = format!(
        "<element name=\"a\" {RNG}>\n  <attribute name=\"b\"/>\n  <attribute name=\"b\"/>\n</element>"
    );
    let err = load_files(&[("s.rng", &s)]).unwrap_err();
    assert!(err.message.contains("duplicate attribute \"b\""), "{err}");
}

#[test]
fn xmlns_attribute_is_prohibited() {
    let s = format!("<element name=\"a\" {RNG}>\n  <attribute name=\"xmlns\"/>\n</element>");
    assert_error(&[("s.rng", &s)], "s.rng", 2, 3, "xmlns");
}

#[test]
fn relative_datatype_library_is_an_error() {
    let s = format!(
        "<element name=\"a\" {RNG}>\n  <data type=\"x\" datatypeLibrary=\"rel/path\"/>\n</element>"
    );
    assert_error(&[("s.rng", &s)], "s.rng", 2, 3, "not an absolute URI");
}

#[test]
fn undeclared_prefix_in_a_name() {
    let s = format!("<element name=\"p:a\" {RNG}>\n  <empty/>\n</element>");
    assert_error(
        &[("s.rng", &s)],
        "s.rng",
        1,
        1,
        "prefix \"p\" is not declared",
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let depth = 100_000;
    let mut s = format!("<element name=\"a\" {RNG}>");
    s.push_str(&"<group>".repeat(depth));
    s.push_str("<empty/>");
    s.push_str(&"</group>".repeat(depth));
    s.push_str("</element>");
    let err = load_files(&[("s.rng", &s)]).unwrap_err();
    assert!(err.message.contains("nested deeper"), "{err}");
}

#[test]
fn long_chains_of_definitions_are_an_error_not_a_crash() {
    // Each definition nests the next one: expanding them all would recurse
    // 50,000 deep.
    let n = 50_000;
    let mut body =
        String::from("<start><element name=\"a\"><ref name=\"d0\"/></element></start>\n");
    for i in 0..n {
        body.push_str(&format!(
            "<define name=\"d{i}\"><optional><ref name=\"d{}\"/></optional></define>\n",
            i + 1
        ));
    }
    body.push_str(&format!("<define name=\"d{n}\"><text/></define>"));
    let s = grammar(&body);
    let err = load_files(&[("s.rng", &s)]).unwrap_err();
    assert!(err.message.contains("nested deeper"), "{err}");
}

#[test]
fn foreign_elements_and_attributes_are_ignored() {
    let s = format!(
        "<element name=\"a\" {RNG} xmlns:x=\"urn:x\" x:note=\"n\">\n  <x:doc>about a</x:doc>\n  <empty/>\n</element>"
    );
    let schema = load_files(&[("s.rng", &s)]).expect("loads");
    assert_eq!(schema.defines.len(), 1);
}

#[test]
fn href_resolves_against_xml_base() {
    let a = format!(
        "<element name=\"a\" {RNG}>\n  <externalRef xml:base=\"sub/\" href=\"b.rng\"/>\n</element>"
    );
    let b = format!("<element name=\"b\" {RNG}><empty/></element>");
    let schema = load_files(&[("dir/a.rng", &a), ("dir/sub/b.rng", &b)]).expect("loads");
    assert_eq!(schema.defines.len(), 2);
}

#[test]
fn nesting_just_below_the_limit_loads() {
    // 240 nested elements, each inside a oneOrMore: 481 levels of schema
    // elements, on a test thread's small stack.
    let depth = 240;
    let mut s = format!("<element name=\"a\" {RNG}>");
    for _ in 0..depth {
        s.push_str("<oneOrMore><element name=\"b\">");
    }
    s.push_str("<empty/>");
    for _ in 0..depth {
        s.push_str("</element></oneOrMore>");
    }
    s.push_str("</element>");
    let schema = load_files(&[("s.rng", &s)]).expect("loads");
    assert_eq!(schema.defines.len(), depth + 1);
}
