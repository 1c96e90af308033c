//! Entities declared in a DOCTYPE's internal subset: expanded, within caps;
//! external ones never fetched (docs/text-and-diff.md, "Other people's TEI").

use std::process::{Command, Output};
use teikit::text::{TextError, TextOptions, text_layer};

fn layer(xml: &str) -> Result<teikit::text::TextLayer, TextError> {
    text_layer(xml, &TextOptions::default())
}

fn error_at(xml: &str) -> (usize, usize, String) {
    match layer(xml) {
        Err(TextError::NotWellFormed {
            line,
            column,
            message,
        }) => (line, column, message),
        Ok(l) => panic!("no error: {:?}", l.text),
    }
}

const OLD_STYLE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE TEI [
  <!-- house abbreviations -->
  <!ENTITY mdash "&#x2014;">
  <!ENTITY ed "the editor&mdash;F. Smith">
  <!ENTITY sig "<persName>MAO</persName> <note>an editorial note</note>ZEDONG">
  <!ENTITY br "<lb/>">
]>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>By &ed;</title></titleStmt></fileDesc></teiHeader>
  <text><body>
    <p>Checked by &ed; &amp; signed &sig;.</p>
    <p>one&br;two &mdash; three</p>
  </body></text>
</TEI>
"#;

#[test]
fn internal_entities_expand_text_and_markup() {
    let l = layer(OLD_STYLE).unwrap();
    assert_eq!(
        l.text,
        "Checked by the editor\u{2014}F. Smith & signed MAO ZEDONG.\n\none\ntwo \u{2014} three\n"
    );
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
    // the expansion maps to its reference in the XML
    let at = l.text.find("the editor").unwrap();
    let xml_at = l.source_map.xml_offset(at);
    assert_eq!(&OLD_STYLE[xml_at..xml_at + 4], "&ed;");
}

#[test]
fn an_entity_bomb_is_an_error_at_its_reference() {
    let mut xml = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE TEI [\n <!ENTITY l0 \"lol\">\n");
    for i in 1..10 {
        let prev = format!("&l{};", i - 1);
        xml.push_str(&format!(" <!ENTITY l{i} \"{}\">\n", prev.repeat(10)));
    }
    xml.push_str("]>\n<TEI><text><body>\n<p>a b &l9;</p></body></text></TEI>\n");
    let started = std::time::Instant::now();
    let (line, column, message) = error_at(&xml);
    assert!(
        started.elapsed().as_secs() < 5,
        "took {:?}",
        started.elapsed()
    );
    assert_eq!((line, column), (15, 8), "{message}");
    assert!(message.contains("&l9;"), "{message}");
    // a bomb in the header is caught all the same
    let header = xml.replace(
        "<TEI><text>",
        "<TEI><teiHeader><title>&l9;</title></teiHeader><text>",
    );
    assert!(layer(&header).is_err());
    // and so is a reference to itself
    let (line, _, message) = error_at(
        "<!DOCTYPE TEI [\n<!ENTITY a \"x&b;\">\n<!ENTITY b \"&a;\">\n]>\n<TEI><text><p>&a;</p></text></TEI>",
    );
    assert_eq!(line, 5);
    assert!(message.contains("refers to itself"), "{message}");
}

#[test]
fn external_entities_are_never_fetched_and_kept_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    // if teikit fetched it, its text would show
    std::fs::write(dir.path().join("secret.txt"), "FETCHED").unwrap();
    let xml = "<!DOCTYPE TEI [\n<!ENTITY ext SYSTEM \"secret.txt\">\n]>\n<TEI><text><p>a &ext; b</p></text></TEI>";
    let path = dir.path().join("e.xml");
    std::fs::write(&path, xml).unwrap();
    let out: Output = Command::new(env!("CARGO_BIN_EXE_teikit"))
        .args(["text", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text, "a &ext; b\n");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(":4:17: warning: entity &ext; is external (\"secret.txt\")"),
        "{err}"
    );
    // an unparsed (NDATA) entity is not text at all
    let (line, _, _) = error_at(
        "<!DOCTYPE TEI [\n<!ENTITY img SYSTEM \"a.png\" NDATA png>\n]>\n<TEI><text><p>&img;</p></text></TEI>",
    );
    assert_eq!(line, 4);
}

#[test]
fn undeclared_entities_are_errors_unless_an_external_dtd_may_declare_them() {
    // no DOCTYPE, or an internal subset that does not declare it: an error
    let (line, column, _) = error_at("<TEI>\n<text><p>a &nbsp; b</p></text></TEI>");
    assert_eq!((line, column), (2, 12));
    assert!(
        layer("<!DOCTYPE TEI [<!ENTITY x \"y\">]><TEI><text><p>&nbsp;</p></text></TEI>").is_err()
    );
    // an external DTD (never read) might declare it: kept, with a warning
    let l = layer("<!DOCTYPE TEI SYSTEM \"tei_all.dtd\"><TEI><text><p>a&nbsp;b</p></text></TEI>")
        .unwrap();
    assert_eq!(l.text, "a&nbsp;b\n");
    assert_eq!(l.warnings[0].code, "unknown-entity");
    // a DOCTYPE that is not well-formed is an error inside it
    let (line, _, message) = error_at("<!DOCTYPE TEI [\n<!ENTITY a \"x>\n]>\n<TEI/>");
    assert!(line <= 3, "{line}");
    assert!(message.contains("DOCTYPE"), "{message}");
}

#[test]
fn many_references_in_a_large_document_are_not_a_bomb() {
    // 3 bytes of expansion, three million times: 9 MB, more than a small
    // file may expand to, in a document larger still
    let mut xml = String::from("<!DOCTYPE TEI [<!ENTITY m \"&#x2014;\">]>\n<TEI><text><body><p>");
    for _ in 0..3_000_000 {
        xml.push_str("&m;");
    }
    xml.push_str("</p></body></text></TEI>");
    let l = layer(&xml).unwrap();
    assert_eq!(
        l.text.chars().filter(|&c| c == '\u{2014}').count(),
        3_000_000
    );
}
