//! Every `data` and `value` pattern of the shipped `tei_all.rng` builds its
//! datatype, and typical TEI attribute values are judged as jing judges them.

use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;
use teikit::xsd::{Datatype, Namespaces, XSD_LIBRARY};

/// `(library, type, params)` of a `data` pattern.
type Data = (String, String, Vec<(String, String)>);
/// `(library, type, value)` of a `value` pattern.
type Value = (String, String, String);

/// `(library, type, params)` of each `data` and `(library, type, value)` of
/// each `value` in the schema, with `datatypeLibrary` inherited.
fn datatypes_of(path: &str) -> (Vec<Data>, Vec<Value>) {
    let xml = std::fs::read_to_string(path).expect("schema readable");
    let mut reader = Reader::from_str(&xml);
    let mut libs: Vec<String> = vec![String::new()];
    let mut data = Vec::new();
    let mut values = Vec::new();
    // The open `data` (its params so far) or `value` (its text so far).
    let mut open_data: Option<Data> = None;
    let mut open_value: Option<Value> = None;
    let mut open_param: Option<(String, String)> = None;
    let attr = |e: &BytesStart, name: &str| {
        e.try_get_attribute(name)
            .expect("attribute")
            .map(|a| a.unescape_value().expect("value").into_owned())
    };
    loop {
        let event = reader.read_event().expect("well-formed schema");
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let lib = attr(e, "datatypeLibrary")
                    .unwrap_or_else(|| libs.last().cloned().unwrap_or_default());
                let local = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                let is_empty = matches!(event, Event::Empty(_));
                match local.as_str() {
                    "data" => {
                        let t = attr(e, "type").expect("data type");
                        if is_empty {
                            data.push((lib.clone(), t, Vec::new()));
                        } else {
                            open_data = Some((lib.clone(), t, Vec::new()));
                        }
                    }
                    "value" => {
                        // No type attribute means the built-in token.
                        let (lib, t) = match attr(e, "type") {
                            Some(t) => (lib.clone(), t),
                            None => (String::new(), "token".to_owned()),
                        };
                        if is_empty {
                            values.push((lib, t, String::new()));
                        } else {
                            open_value = Some((lib, t, String::new()));
                        }
                    }
                    "param" => {
                        open_param = Some((attr(e, "name").expect("param name"), String::new()))
                    }
                    _ => {}
                }
                if !is_empty {
                    libs.push(lib);
                }
            }
            Event::Text(t) => {
                let text = t.unescape().expect("text");
                if let Some((_, v)) = open_param.as_mut() {
                    v.push_str(&text);
                } else if let Some((_, _, v)) = open_value.as_mut() {
                    v.push_str(&text);
                }
            }
            Event::End(e) => {
                libs.pop();
                match e.local_name().as_ref() {
                    b"param" => {
                        let p = open_param.take().expect("open param");
                        open_data.as_mut().expect("param inside data").2.push(p);
                    }
                    b"data" => data.push(open_data.take().expect("open data")),
                    b"value" => {
                        if let Some(v) = open_value.take() {
                            values.push(v);
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    (data, values)
}

#[test]
fn every_tei_all_datatype_builds() {
    let (data, values) = datatypes_of("schemas/tei_all.rng");
    assert!(data.len() > 500, "only {} data patterns found", data.len());
    for (lib, t, params) in &data {
        if let Err(e) = Datatype::new(lib, t, params) {
            panic!("data {lib} {t} {params:?}: {e}");
        }
    }
    let ns = Namespaces::default();
    for (lib, t, v) in &values {
        let dt = Datatype::new(lib, t, &[]).unwrap_or_else(|e| panic!("value type {t}: {e}"));
        assert!(dt.allows(v, &ns).is_ok(), "value {v:?} of type {t}");
    }
}

fn tei(t: &str, pattern: Option<&str>) -> Datatype {
    let params: Vec<(String, String)> = pattern
        .map(|p| vec![("pattern".to_owned(), p.to_owned())])
        .unwrap_or_default();
    Datatype::new(XSD_LIBRARY, t, &params).expect("TEI datatype")
}

#[test]
fn typical_tei_values() {
    let ns = Namespaces::default();
    let ok = |t: &Datatype, v: &str| t.allows(v, &ns).is_ok();

    // teidata.word and teidata.enumerated
    let word = tei("token", Some(r"[^\p{C}\p{Z}]+"));
    assert!(ok(&word, "person"));
    assert!(
        ok(&word, "  person  "),
        "token collapses before the pattern"
    );
    assert!(!ok(&word, "two words"));
    assert!(!ok(&word, ""));

    // teidata.pointer: anyURI
    let uri = tei("anyURI", None);
    assert!(ok(&uri, "#p1"));
    assert!(ok(&uri, "http://example.org/a b"));
    assert!(!ok(&uri, "#a#b"));

    // teidata.temporal.w3c
    assert!(ok(&tei("date", None), "1951-06-13"));
    assert!(ok(&tei("gYear", None), "1951"));
    assert!(!ok(&tei("date", None), "1951-02-29"));
    assert!(ok(&tei("dateTime", None), "1951-06-13T10:30:00+03:00"));

    // teidata.probability: double between 0 and 1
    let params = [
        ("minInclusive".to_owned(), "0".to_owned()),
        ("maxInclusive".to_owned(), "1".to_owned()),
    ];
    let probability = Datatype::new(XSD_LIBRARY, "double", &params).expect("builds");
    assert!(ok(&probability, "0.5"));
    assert!(!ok(&probability, "1.5"));
    assert!(!ok(&probability, "NaN"));

    // xml:id
    assert!(ok(&tei("ID", None), "tel-1951-06-13"));
    assert!(!ok(&tei("ID", None), "1951"));
    assert!(ok(&tei("language", None), "ru-Latn"));
}
