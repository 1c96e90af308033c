//! DTD-compatible ID checking, as jing does it.

use teikit::relaxng::model::{Define, NameClass, Pattern, Schema};
use teikit::relaxng::validate::Validator;
use teikit::xsd::{Datatype, XSD_LIBRARY};

fn n(local: &str) -> NameClass {
    NameClass::Name {
        ns: String::new(),
        local: local.into(),
    }
}
fn data(t: &str) -> Pattern {
    Pattern::Data {
        datatype: Datatype::new(XSD_LIBRARY, t, &[]).unwrap(),
        except: None,
    }
}
fn opt_attr(name: &str, t: &str) -> Pattern {
    Pattern::Choice(
        Box::new(Pattern::Attribute(n(name), Box::new(data(t)))),
        Box::new(Pattern::Empty),
    )
}

/// r = element r { a* }; a = element a { @id: ID?, @ref: IDREF?, @refs: IDREFS? }
fn schema(second_a_id_type: Option<&str>) -> Schema {
    let a_content = Pattern::Group(
        Box::new(opt_attr("id", "ID")),
        Box::new(Pattern::Group(
            Box::new(opt_attr("ref", "IDREF")),
            Box::new(opt_attr("refs", "IDREFS")),
        )),
    );
    let mut defines = vec![
        Define {
            name: "r".into(),
            name_class: n("r"),
            content: Pattern::Choice(
                Box::new(Pattern::OneOrMore(Box::new(Pattern::Ref(1)))),
                Box::new(Pattern::Empty),
            ),
        },
        Define {
            name: "a".into(),
            name_class: n("a"),
            content: a_content,
        },
    ];
    if let Some(t) = second_a_id_type {
        // another definition of "a" whose "id" has a different type
        defines.push(Define {
            name: "a2".into(),
            name_class: n("a"),
            content: opt_attr("id", t),
        });
        defines[0].content = Pattern::Choice(
            Box::new(Pattern::OneOrMore(Box::new(Pattern::Choice(
                Box::new(Pattern::Ref(1)),
                Box::new(Pattern::Ref(2)),
            )))),
            Box::new(Pattern::Empty),
        );
    }
    Schema {
        start: Pattern::Ref(0),
        defines,
    }
}

#[test]
fn duplicate_ids_and_dangling_references_as_jing_reports_them() {
    let mut v = Validator::new(schema(None));
    assert!(v.dtd_compatibility_problems().is_empty());
    let doc = "<r>\n<a id=\"x\"/>\n<a id=\"x\"/>\n<a ref=\"y\"/>\n<a refs=\"x z q\"/>\n</r>\n";
    let got: Vec<String> = v
        .validate("idt.xml", doc.as_bytes())
        .unwrap()
        .iter()
        .map(|d| d.to_string())
        .collect();
    // the exact output of `jing idt.rng idt.xml` on the same schema
    assert_eq!(
        got,
        vec![
            "idt.xml:3:12: error: ID \"x\" has already been defined",
            "idt.xml:2:12: error: first occurrence of ID \"x\"",
            "idt.xml:5:18: error: IDREF \"q\" without matching ID",
            "idt.xml:4:13: error: IDREF \"y\" without matching ID",
            "idt.xml:5:18: error: IDREF \"z\" without matching ID",
        ]
    );
    let ok = "<r><a ref=\"b\"/><a id=\"b\" refs=\"b  b\"/></r>";
    assert!(v.validate("ok.xml", ok.as_bytes()).unwrap().is_empty());
}

#[test]
fn conflicting_id_types_make_the_schema_incompatible() {
    let mut v = Validator::new(schema(Some("string")));
    let problems = v.dtd_compatibility_problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("conflicting ID-types for attribute \"id\" of element \"a\""));
    // IDs are then not checked
    let doc = "<r><a id=\"x\"/><a id=\"x\"/></r>";
    assert!(v.validate("d.xml", doc.as_bytes()).unwrap().is_empty());
}
