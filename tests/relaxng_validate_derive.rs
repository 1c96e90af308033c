//! The validator on hand-built simplified schemas: verdicts, jing-style
//! messages, positions and recovery.

use teikit::relaxng::model::{Define, NameClass, Pattern, Schema};
use teikit::relaxng::validate::{ValidateError, Validator};
use teikit::xsd::{Datatype, Namespaces};

fn n(local: &str) -> NameClass {
    NameClass::Name {
        ns: String::new(),
        local: local.into(),
    }
}
fn b(p: Pattern) -> Box<Pattern> {
    Box::new(p)
}
fn group(a: Pattern, c: Pattern) -> Pattern {
    Pattern::Group(b(a), b(c))
}
fn choice(a: Pattern, c: Pattern) -> Pattern {
    Pattern::Choice(b(a), b(c))
}
fn opt(a: Pattern) -> Pattern {
    choice(a, Pattern::Empty)
}
fn star(a: Pattern) -> Pattern {
    opt(Pattern::OneOrMore(b(a)))
}
fn value(v: &str) -> Pattern {
    Pattern::Value {
        datatype: Datatype::new("", "token", &[]).unwrap(),
        value: v.into(),
        context: Namespaces::default(),
    }
}
fn attr(name: &str, p: Pattern) -> Pattern {
    Pattern::Attribute(n(name), b(p))
}
fn def(name: &str, content: Pattern) -> Define {
    Define {
        name: name.into(),
        name_class: n(name),
        content,
    }
}

/// doc = element doc { attribute type { "a" | "b" }?, title, (p | list)*, note? }
/// title = element title { text }
/// p = element p { attribute n { text }, (text | hi)* }   (mixed)
/// list = element list { item+ }
/// item = element item { text }
/// hi = element hi { text }
/// note = element note { empty }
/// orphan = element orphan { empty } (defined but not reachable from doc)
fn schema() -> Schema {
    let mixed = star(choice(Pattern::Text, Pattern::Ref(5)));
    Schema {
        start: Pattern::Ref(0),
        defines: vec![
            def(
                "doc",
                group(
                    opt(attr("type", choice(value("a"), value("b")))),
                    group(
                        Pattern::Ref(1),
                        group(
                            star(choice(Pattern::Ref(2), Pattern::Ref(3))),
                            opt(Pattern::Ref(6)),
                        ),
                    ),
                ),
            ),
            def("title", Pattern::Text),
            def("p", group(attr("n", Pattern::Text), mixed)),
            def("list", Pattern::OneOrMore(b(Pattern::Ref(4)))),
            def("item", Pattern::Text),
            def("hi", Pattern::Text),
            def("note", Pattern::Empty),
            def("orphan", Pattern::Empty),
        ],
    }
}

fn check(doc: &str) -> Vec<String> {
    let mut v = Validator::new(schema());
    v.validate("d.xml", doc.as_bytes())
        .expect("well-formed")
        .iter()
        .map(|d| d.to_string())
        .collect()
}

#[test]
fn valid_document_has_no_errors() {
    let doc = "<doc type='a'>\n <title>T</title>\n <p n='1'>x <hi>y</hi> z</p>\n <list><item/><item>i</item></list>\n <note/>\n</doc>";
    assert_eq!(check(doc), Vec::<String>::new());
}

#[test]
fn disallowed_element_is_reported_once_with_expected_names() {
    let doc = "<doc><title/><item/><p n='1'/></doc>";
    assert_eq!(
        check(doc),
        vec![
            "d.xml:1:21: error: element \"item\" not allowed here; expected the element end-tag or element \"list\", \"note\" or \"p\""
        ]
    );
}

#[test]
fn unknown_element_is_skipped_with_its_subtree() {
    // jing's output on the same schema and document: defined elements inside
    // the undefined one are validated, and jing repeats its last message
    // where each ends
    let doc = "<doc><title/>\n<bogus><title/><p/></bogus><p n='2'/></doc>";
    let bogus = "error: element \"bogus\" not allowed anywhere; expected the element end-tag or element \"list\", \"note\" or \"p\"";
    assert_eq!(
        check(doc),
        vec![
            format!("d.xml:2:8: {bogus}"),
            format!("d.xml:2:16: {bogus}"),
            "d.xml:2:20: error: element \"p\" missing required attribute \"n\"".to_owned(),
            "d.xml:2:20: error: element \"p\" missing required attribute \"n\"".to_owned(),
        ]
    );
    // an undefined subtree with only undefined elements is reported once
    let doc = "<doc><title/><bogus><x><y/></x></bogus></doc>";
    assert_eq!(check(doc).len(), 1);
}

#[test]
fn missing_required_element_at_end_tag() {
    assert_eq!(
        check("<doc>\n</doc>"),
        vec!["d.xml:2:7: error: element \"doc\" incomplete; missing required element \"title\""]
    );
}

#[test]
fn element_before_required_content_is_not_allowed_yet() {
    let errs = check("<doc><p n='1'/></doc>");
    assert_eq!(
        errs,
        vec![
            "d.xml:1:16: error: element \"p\" not allowed yet; missing required element \"title\""
        ]
    );
}

#[test]
fn attributes_missing_unknown_and_invalid() {
    let errs = check("<doc type='c' x='1'><title/><p/></doc>");
    assert_eq!(
        errs,
        vec![
            "d.xml:1:21: error: value of attribute \"type\" is invalid; must be equal to \"a\" or \"b\"",
            // the bad "type" still counts as given (as in jing), so none is left
            "d.xml:1:21: error: found attribute \"x\", but no attributes allowed here",
            "d.xml:1:33: error: element \"p\" missing required attribute \"n\"",
        ]
    );
}

#[test]
fn text_where_only_elements_go() {
    let errs = check("<doc><title/>oops<list><item/></list></doc>");
    assert_eq!(
        errs,
        vec![
            "d.xml:1:18: error: text not allowed here; expected the element end-tag or element \"list\", \"note\" or \"p\""
        ]
    );
    // whitespace between elements is fine; text in an empty element is not
    assert_eq!(
        check("<doc> <title/> <note>x</note></doc>"),
        vec!["d.xml:1:23: error: text not allowed here; expected the element end-tag"]
    );
}

#[test]
fn element_in_wrong_place_is_validated_against_its_own_definition() {
    // <list> out of place inside <p> still has its own content checked
    let errs = check("<doc><title/><p n='1'><list><hi/></list></p></doc>");
    assert_eq!(errs.len(), 3, "{errs:?}");
    assert!(
        errs[0].contains("element \"list\" not allowed here"),
        "{errs:?}"
    );
    assert!(
        errs[1].contains("element \"hi\" not allowed here"),
        "{errs:?}"
    );
    assert!(errs[2].contains("element \"list\" incomplete"), "{errs:?}");
}

#[test]
fn positions_are_at_the_end_of_the_start_tag() {
    let doc = "<doc>\n  <title/>\n  <p n='1'>\n    <note\n       />\n  </p>\n</doc>";
    let errs = check(doc);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].starts_with("d.xml:5:10: error: element \"note\" not allowed here"),
        "{errs:?}"
    );
}

#[test]
fn namespaces_resolve_and_display_with_prefixes() {
    let schema = Schema {
        start: Pattern::Ref(0),
        defines: vec![Define {
            name: "r".into(),
            name_class: NameClass::Name {
                ns: "urn:x".into(),
                local: "r".into(),
            },
            content: Pattern::Empty,
        }],
    };
    let mut v = Validator::new(schema);
    assert!(
        v.validate("a.xml", "<x:r xmlns:x='urn:x'/>".as_bytes())
            .unwrap()
            .is_empty()
    );
    assert!(
        v.validate("a.xml", "<r xmlns='urn:x'/>".as_bytes())
            .unwrap()
            .is_empty()
    );
    let errs = v.validate("a.xml", "<r/>".as_bytes()).unwrap();
    assert_eq!(errs.len(), 1);
    assert_eq!(
        errs[0].message,
        "element \"r\" not allowed anywhere; expected element \"r\" (with xmlns=\"urn:x\")"
    );
}

#[test]
fn interleave_accepts_any_order() {
    let schema = Schema {
        start: Pattern::Ref(0),
        defines: vec![
            def(
                "r",
                Pattern::Interleave(
                    b(Pattern::Ref(1)),
                    b(Pattern::OneOrMore(b(Pattern::Ref(2)))),
                ),
            ),
            def("a", Pattern::Empty),
            def("b", Pattern::Empty),
        ],
    };
    let mut v = Validator::new(schema);
    for ok in [
        "<r><a/><b/></r>",
        "<r><b/><a/><b/></r>",
        "<r><b/><b/><a/></r>",
    ] {
        assert!(
            v.validate("i.xml", ok.as_bytes()).unwrap().is_empty(),
            "{ok}"
        );
    }
    for bad in ["<r><a/><a/><b/></r>", "<r><b/></r>", "<r><a/></r>"] {
        assert!(
            !v.validate("i.xml", bad.as_bytes()).unwrap().is_empty(),
            "{bad}"
        );
    }
}

#[test]
fn list_and_value_content() {
    let schema = Schema {
        start: Pattern::Ref(0),
        defines: vec![def(
            "r",
            Pattern::List(b(Pattern::OneOrMore(b(choice(value("x"), value("y")))))),
        )],
    };
    let mut v = Validator::new(schema);
    assert!(
        v.validate("l.xml", "<r> x y\n x </r>".as_bytes())
            .unwrap()
            .is_empty()
    );
    let errs = v.validate("l.xml", "<r>x z</r>".as_bytes()).unwrap();
    assert_eq!(errs.len(), 1);
    assert!(
        errs[0]
            .message
            .starts_with("character content of element \"r\" invalid"),
        "{}",
        errs[0].message
    );
    let errs = v.validate("l.xml", "<r>  </r>".as_bytes()).unwrap();
    assert_eq!(errs.len(), 1, "an empty list is not oneOrMore");
}

#[test]
fn not_well_formed_is_an_error_with_position() {
    let mut v = Validator::new(schema());
    match v.validate("w.xml", "<doc>\n<title></titel></doc>".as_bytes()) {
        Err(ValidateError::NotWellFormed { line, .. }) => assert_eq!(line, 2),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        v.validate("w.xml", "<doc><title/>".as_bytes()),
        Err(ValidateError::NotWellFormed { .. })
    ));
    assert!(matches!(
        v.validate("w.xml", "<doc/><doc/>".as_bytes()),
        Err(ValidateError::NotWellFormed { .. })
    ));
    assert!(matches!(
        v.validate("w.xml", "<doc><title>&nope;</title></doc>".as_bytes()),
        Err(ValidateError::NotWellFormed { .. })
    ));
}

#[test]
fn pattern_limit_fails_cleanly() {
    let mut v = Validator::with_pattern_limit(schema(), 40);
    let doc = "<doc><title/><p n='1'>a<hi/>b</p><list><item/></list><note/></doc>";
    match v.validate("big.xml", doc.as_bytes()) {
        Err(ValidateError::Limit { message, .. }) => assert!(message.contains("patterns")),
        other => panic!("expected a limit error, got {other:?}"),
    }
}
