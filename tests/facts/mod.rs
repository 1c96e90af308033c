//! Reading the converter's output back through the paths consumers query:
//! helpers shared by the fixture tests of the converter
//! (`convert_layouts.rs`, `convert_header_forms.rs`,
//! `convert_closing_forms.rs`), each of which includes it with `mod facts;`.
// Each test file is its own crate and uses only some of the helpers.
#![allow(dead_code)]

use roxmltree::Node;

pub const TEI: &str = "http://www.tei-c.org/ns/1.0";

/// Whether `n` is the TEI element `name`.
pub fn is(n: &Node<'_, '_>, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(TEI)
}

/// The text of `n` and its descendants.
pub fn all_text(n: Node<'_, '_>) -> String {
    n.descendants()
        .filter(|d| d.is_text())
        .map(|d| d.text().unwrap())
        .collect()
}

/// What one correspAction holds: persNames, placeNames, date/@when.
#[derive(Debug, Default, PartialEq)]
pub struct Action {
    pub pers: Vec<String>,
    pub place: Vec<String>,
    pub when: Vec<String>,
}

/// The correspActions of type `ty` under `root`, merged.
pub fn action(root: Node<'_, '_>, ty: &str) -> Action {
    let mut a = Action::default();
    for n in root
        .descendants()
        .filter(|n| is(n, "correspAction") && n.attribute("type") == Some(ty))
    {
        for c in n.children() {
            if is(&c, "persName") {
                a.pers.push(all_text(c));
            } else if is(&c, "placeName") {
                a.place.push(all_text(c));
            } else if is(&c, "date") {
                a.when.push(c.attribute("when").unwrap().to_owned());
            }
        }
    }
    a
}

/// An expected correspAction.
pub fn act(pers: &[&str], place: &[&str], when: &[&str]) -> Action {
    let v = |x: &[&str]| x.iter().map(|s| s.to_string()).collect();
    Action {
        pers: v(pers),
        place: v(place),
        when: v(when),
    }
}

/// `tests/fixtures/convert/NAME`, or a path with a folder (`corpus/...`).
pub fn source_path(name: &str) -> String {
    if name.contains('/') {
        name.to_owned()
    } else {
        format!("tests/fixtures/convert/{name}")
    }
}

/// The TEI of the fixture (or file) `name`.
pub fn convert_fixture(name: &str) -> String {
    let path = source_path(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    teikit::convert::convert(&bytes).unwrap().xml
}

/// Asserts the header facts of `root` (the TEI of fixture `f`): the
/// telegram's idno, and the sent, received and transmitted correspActions.
pub fn assert_header_facts(
    root: Node<'_, '_>,
    f: &str,
    telegram: Option<&str>,
    sent: &Action,
    received: &Action,
    transmitted: &[&str],
) {
    assert_eq!(
        telegram_idno(root).as_deref(),
        telegram,
        "{f}: telegram idno"
    );
    assert_eq!(&action(root, "sent"), sent, "{f}: sent");
    assert_eq!(&action(root, "received"), received, "{f}: received");
    assert_eq!(
        action(root, "transmitted").pers,
        transmitted,
        "{f}: transmitted"
    );
}

/// `msDesc/msIdentifier/idno[@type='telegram']`.
pub fn telegram_idno(root: Node<'_, '_>) -> Option<String> {
    root.descendants()
        .find(|n| {
            is(n, "idno")
                && n.attribute("type") == Some("telegram")
                && n.ancestors().any(|a| is(&a, "msIdentifier"))
        })
        .map(all_text)
}

/// Asserts that the text layer of `xml` (the TEI of fixture `f`) gives the
/// transcription back.
pub fn assert_round_trip(f: &str, xml: &str) {
    use teikit::text::{TextOptions, normalize_transcription, text_layer};
    let source = std::fs::read_to_string(source_path(f)).unwrap();
    let layer = text_layer(xml, &TextOptions::default()).unwrap();
    assert_eq!(
        layer.text,
        normalize_transcription(&source),
        "{f}: round trip"
    );
}
