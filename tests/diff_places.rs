//! A single text edit is exactly one change, placed on the right line of
//! the TEI and of the transcription, whatever the layout of the TEI:
//! compact, pretty-printed, reflowed one word to a line, CRLF, re-indented
//! by xmllint (issue 4, section 4), with the real-world markup of other
//! people's TEI around the edits (break="no", choice, app, w, notes, fw).

use std::process::{Command, Stdio};
use teikit::diff::{ChangeKind, DiffOptions, Report, diff_sources};

const ORIGINAL: &str = "CIPHERED TELEGRAM No. 21039

From BEIJING

To Comrade FILIPPOV [Stalin]

The negotiations are going fuly in accordance with our plan. We received arms for only sixteen divisions.

SECRET
The rest follows.

MAO ZEDONG
";

/// The TEI, with `{S}` where white space separates words and `{I}` where
/// white space between elements does not count.
const TEMPLATE: &str = r##"<?xml version="1.0" encoding="UTF-8"?>{I}<TEI xmlns="http://www.tei-c.org/ns/1.0">{I}<teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>y</p></sourceDesc></fileDesc></teiHeader>{I}<text>{I}<body>{I}<head>CIPHERED{S}TELEGRAM{S}<idno>No.{S}21039</idno></head>{I}<opener>{I}<dateline>From{S}<placeName>BEIJING</placeName></dateline>{I}<salute>To{S}Comrade{S}<persName ref="#stalin">FILIPPOV</persName>{S}<note type="identification">Stalin</note></salute>{I}</opener>{I}<p>The{S}nego<lb break="no"/>{S}tiations{S}are{S}going{S}<choice>{I}<sic>fuly</sic>{I}<corr>fully</corr>{I}</choice>{S}in{S}accordance{S}with{S}<app>{I}<lem>our</lem>{I}<rdg wit="#B">the</rdg>{I}</app>{S}plan.<note place="foot">An editorial note.</note>{S}We{S}received{S}arms{S}for{S}only{S}sixteen{S}divisions.</p>{I}<pb n="2"/>{I}<fw type="header">SECRET</fw>{I}<p><w>The</w>{S}<w>rest</w>{S}<w>follows</w><pc>.</pc></p>{I}<closer><signed>MAO{S}ZEDONG</signed></closer>{I}</body>{I}</text>{I}</TEI>
"##;

/// The layouts: (name, word separator, element separator).
const LAYOUTS: &[(&str, &str, &str)] = &[
    ("compact", " ", ""),
    ("pretty", " ", "\n      "),
    ("reflowed", "\n        ", "\n"),
    ("tabs-crlf", "\t\r\n\t", "\r\n\t"),
];

fn render(template: &str, word: &str, element: &str) -> String {
    template.replace("{S}", word).replace("{I}", element)
}

/// `xmllint --format` of `xml`.
fn xmllint(xml: &str) -> String {
    use std::io::Write;
    let mut child = Command::new("xmllint")
        .args(["--format", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(xml.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// Every layout of `template`, by name.
fn layouts(template: &str) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = LAYOUTS
        .iter()
        .map(|(name, w, e)| (name.to_string(), render(template, w, e)))
        .collect();
    all.push(("xmllint".to_owned(), xmllint(&render(template, " ", ""))));
    // a UTF-8 byte-order mark, all on one line: columns do not count it
    all.push((
        "bom-compact".to_owned(),
        format!("\u{feff}{}", render(template, " ", "")),
    ));
    all
}

/// 1-based line and column (in characters, a byte-order mark not counted)
/// of byte `offset`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let bom = usize::from(line == 1 && text.starts_with('\u{feff}'));
    (line, text[start..offset].chars().count() + 1 - bom)
}

/// The byte offset of the first `then` after the unique `anchor`, plus `plus`.
fn find(text: &str, anchor: &str, then: &str, plus: usize) -> usize {
    assert_eq!(text.matches(anchor).count(), 1, "anchor {anchor:?}");
    let a = text.find(anchor).unwrap();
    a + text[a..].find(then).unwrap() + plus
}

fn diff(xml: &str) -> Report {
    diff_sources("o.txt", ORIGINAL, "e.xml", xml, &DiffOptions::default()).unwrap()
}

#[test]
fn every_layout_of_the_unedited_tei_is_the_same_with_no_warning() {
    for (name, xml) in layouts(TEMPLATE) {
        let report = diff(&xml);
        assert!(report.changes.is_empty(), "{name}: {:?}", report.changes);
        assert!(report.warnings.is_empty(), "{name}: {:?}", report.warnings);
        assert!(report.text_layer_warnings.is_empty(), "{name}");
    }
}

/// One edit of the template and where its change must be reported.
struct Edit {
    from: &'static str,
    to: &'static str,
    kind: ChangeKind,
    original_text: &'static str,
    edited_text: &'static str,
    /// In the transcription: (anchor, then, plus).
    original_at: (&'static str, &'static str, usize),
    /// In the edited XML: (anchor, then, plus).
    edited_at: (&'static str, &'static str, usize),
}

const EDITS: &[Edit] = &[
    Edit {
        from: "sixteen",
        to: "16",
        kind: ChangeKind::Replace,
        original_text: "sixteen",
        edited_text: "16",
        original_at: ("sixteen", "sixteen", 0),
        edited_at: ("16{", "16", 0),
    },
    Edit {
        from: "{S}only",
        to: "",
        kind: ChangeKind::Delete,
        original_text: "only",
        edited_text: "",
        original_at: ("only", "only", 0),
        // right after the word before
        edited_at: ("arms", "for", 3),
    },
    Edit {
        from: "{S}received",
        to: "{S}duly{S}received",
        kind: ChangeKind::Insert,
        original_text: "",
        edited_text: "duly",
        // would go right after the word before
        original_at: ("We received", "We", 2),
        edited_at: ("duly", "duly", 0),
    },
    Edit {
        from: "plan.",
        to: "plan;",
        kind: ChangeKind::Replace,
        original_text: ".",
        edited_text: ";",
        original_at: ("plan.", ".", 0),
        edited_at: ("plan;", ";", 0),
    },
    Edit {
        from: ">FILIPPOV<",
        to: ">FILIPOV<",
        kind: ChangeKind::Replace,
        original_text: "FILIPPOV",
        edited_text: "FILIPOV",
        original_at: ("FILIPPOV", "FILIPPOV", 0),
        edited_at: ("FILIPOV", "FILIPOV", 0),
    },
    Edit {
        from: "<sic>fuly</sic>",
        to: "<sic>fully</sic>",
        kind: ChangeKind::Replace,
        original_text: "fuly",
        edited_text: "fully",
        original_at: ("fuly", "fuly", 0),
        edited_at: ("<sic>fully", "fully", 0),
    },
    Edit {
        from: "<lem>our</lem>",
        to: "<lem>their</lem>",
        kind: ChangeKind::Replace,
        original_text: "our",
        edited_text: "their",
        original_at: ("our plan", "our", 0),
        edited_at: ("their", "their", 0),
    },
    Edit {
        from: "<w>rest</w>",
        to: "<w>remainder</w>",
        kind: ChangeKind::Replace,
        original_text: "rest",
        edited_text: "remainder",
        original_at: ("rest", "rest", 0),
        edited_at: ("remainder", "remainder", 0),
    },
    Edit {
        // a word broken by <lb break="no"/>: the change starts where it does
        from: "tiations",
        to: "tiation",
        kind: ChangeKind::Replace,
        original_text: "negotiations",
        edited_text: "negotiation",
        original_at: ("negotiations", "negotiations", 0),
        edited_at: ("nego<", "nego", 0),
    },
    Edit {
        // a word added to a w sequence
        from: "<w>follows</w>",
        to: "<w>follows</w><w>here</w>",
        kind: ChangeKind::Insert,
        original_text: "",
        edited_text: "here",
        original_at: ("follows", "follows", 7),
        edited_at: ("here", "here", 0),
    },
];

#[test]
fn a_single_edit_is_one_change_on_the_right_line_in_every_layout() {
    for edit in EDITS {
        assert_eq!(TEMPLATE.matches(edit.from).count(), 1, "{}", edit.from);
        let template = TEMPLATE.replacen(edit.from, edit.to, 1);
        let (a, t, p) = edit.original_at;
        let original_at = line_col(ORIGINAL, find(ORIGINAL, a, t, p));
        for (name, xml) in layouts(&template) {
            let report = diff(&xml);
            let what = format!("{} -> {} in {name}", edit.from, edit.to);
            assert_eq!(report.changes.len(), 1, "{what}: {:?}", report.changes);
            assert!(report.warnings.is_empty(), "{what}: {:?}", report.warnings);
            let c = &report.changes[0];
            assert_eq!(c.kind, edit.kind, "{what}");
            assert_eq!(c.original.text, edit.original_text, "{what}");
            assert_eq!(c.edited.text, edit.edited_text, "{what}");
            assert_eq!((c.original.line, c.original.column), original_at, "{what}");
            let (a, t, p) = edit.edited_at;
            let anchor = a.replace("{", "");
            let edited_at = line_col(&xml, find(&xml, &anchor, t, p));
            assert_eq!((c.edited.line, c.edited.column), edited_at, "{what}");
        }
    }
}
