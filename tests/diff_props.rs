//! Property tests over generated TEI (issue 4, section 4):
//! - markup-only noise never shows as a change, and the text layer of the
//!   generated TEI is the normalised transcription (the contract);
//! - the diff of a text with itself is empty;
//! - for random edits, the reported changes applied to the original give
//!   back the tokens of the edited text layer.

use proptest::prelude::*;
use teikit::diff::{ChangeKind, DiffOptions, Report, Tokens, diff_sources};
use teikit::span::LineIndex;
use teikit::text::{TextOptions, normalize_transcription, text_layer};
use unicode_normalization::UnicodeNormalization;

/// A word or punctuation mark, how it is separated from the one before in
/// the transcription (0 = space, 1 = newline, 2 = nothing), and how it is
/// marked up in the TEI.
#[derive(Clone, Debug)]
struct Piece {
    word: String,
    separator: u8,
    markup: u8,
}

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z0-9]{1,7}",
        1 => "[éßжЖ漢字ñ]{1,3}",
        1 => prop::sample::select(vec![
            ".", ",", ";", ":", "!", "?", "(", ")", "\"", "'", "-", "&", "<", ">", "café", "Ångström", "№",
        ])
        .prop_map(str::to_owned),
    ]
}

fn piece() -> impl Strategy<Value = Piece> {
    (
        word(),
        prop_oneof![6 => Just(0u8), 2 => Just(1u8), 1 => Just(2u8)],
        0u8..10,
    )
        .prop_map(|(word, separator, markup)| Piece {
            word,
            separator,
            markup,
        })
}

fn paragraphs() -> impl Strategy<Value = Vec<Vec<Piece>>> {
    prop::collection::vec(prop::collection::vec(piece(), 1..10), 1..6)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The transcription of `paragraphs`.
fn transcription(paragraphs: &[Vec<Piece>]) -> String {
    let mut out = String::new();
    for (i, p) in paragraphs.iter().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        for (j, piece) in p.iter().enumerate() {
            if j > 0 {
                out.push_str(match piece.separator {
                    0 => " ",
                    1 => "\n",
                    _ => "",
                });
            }
            out.push_str(&piece.word);
        }
    }
    out.push('\n');
    out
}

/// TEI for `paragraphs`, with markup that must not change the text layer.
fn tei(paragraphs: &[Vec<Piece>]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\"?>\n<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><fileDesc><titleStmt><title>t &amp; x</title></titleStmt></fileDesc></teiHeader>\n<text>\n  <body>\n",
    );
    for p in paragraphs {
        out.push_str("    <p>");
        for (j, piece) in p.iter().enumerate() {
            if j > 0 {
                out.push_str(match (piece.separator, piece.markup % 3) {
                    (0, 0) => " ",
                    (0, 1) => "\n        ",
                    (0, _) => " <!-- c --> ",
                    (1, 0) => "<lb/>",
                    (1, 1) => "\n        <lb/>",
                    (1, _) => " <lb n=\"x\"/>\n  ",
                    (_, 0) => "",
                    (_, 1) => "<lb break=\"no\"/>",
                    _ => "<milestone unit=\"x\" break=\"no\"/>",
                });
            }
            let w = escape(&piece.word);
            match piece.markup {
                0..=2 => out.push_str(&w),
                3 => out.push_str(&format!("<persName ref=\"#p\">{w}</persName>")),
                4 => out.push_str(&format!("<hi rend=\"b\">{w}</hi>")),
                5 => out.push_str(&format!(
                    "<choice>\n  <corr>X{w}</corr>\n  <sic>{w}</sic>\n</choice>"
                )),
                6 => out.push_str(&format!("{w}<note type=\"editorial\">a note</note>")),
                7 => out.push_str(&escape(&piece.word.nfd().collect::<String>())),
                8 => out.push_str(&format!("<app><rdg>R</rdg><lem>{w}</lem></app>")),
                _ => out.push_str(&format!("<date>{w}</date><?pi x?>")),
            }
        }
        out.push_str("</p>\n");
    }
    out.push_str("  </body>\n</text>\n</TEI>\n");
    out
}

/// An edit to the words: 0 replace, 1 delete, 2 insert; at a position
/// taken modulo the number of words.
#[derive(Clone, Debug)]
struct Edit {
    op: u8,
    at: usize,
    word: String,
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(
        (0u8..3, any::<usize>(), word()).prop_map(|(op, at, word)| Edit { op, at, word }),
        1..5,
    )
}

fn apply_edits(paragraphs: &[Vec<Piece>], edits: &[Edit]) -> Vec<Vec<Piece>> {
    let mut ps = paragraphs.to_vec();
    for e in edits {
        let total: usize = ps.iter().map(Vec::len).sum();
        if total == 0 {
            break;
        }
        let mut at = e.at % total;
        let p = ps
            .iter_mut()
            .find(|p| {
                if at < p.len() {
                    true
                } else {
                    at -= p.len();
                    false
                }
            })
            .unwrap();
        match e.op {
            0 => p[at].word = e.word.clone(),
            1 => {
                p.remove(at);
            }
            _ => p.insert(
                at,
                Piece {
                    word: e.word.clone(),
                    separator: 0,
                    markup: 3,
                },
            ),
        }
    }
    ps
}

fn keys(text: &str) -> Vec<String> {
    let t = Tokens::new(text).unwrap();
    (0..t.len()).map(|i| t.key(i).to_owned()).collect()
}

/// Byte offset of 1-based `line`, `column` (in characters) in `text`.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start = LineIndex::new(text.as_bytes()).line_start(line).unwrap();
    text[start..]
        .char_indices()
        .nth(column - 1)
        .map_or(text.len(), |(i, _)| start + i)
}

/// Applies the reported changes to `original`, last first, using only what
/// the report says: the places and the words.
fn apply_report(original: &str, report: &Report) -> String {
    let mut text = original.to_owned();
    for c in report.changes.iter().rev() {
        let at = offset_of(&text, c.original.line, c.original.column);
        let end = match c.kind {
            ChangeKind::Insert => at,
            ChangeKind::Replace | ChangeKind::Delete => {
                let n = Tokens::new(&c.original.text).unwrap().len();
                let rest = Tokens::new(&text[at..]).unwrap();
                // the report's words are the ones found at its place
                let found: Vec<_> = (0..n).map(|i| rest.key(i).to_owned()).collect();
                assert_eq!(found, keys(&c.original.text));
                at + rest.span(n - 1).end
            }
        };
        text.replace_range(at..end, &format!(" {} ", c.edited.text));
    }
    text
}

fn diff(original: &str, xml: &str) -> Report {
    diff_sources("o.txt", original, "e.xml", xml, &DiffOptions::default()).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn markup_only_is_no_change_and_the_contract_holds(ps in paragraphs()) {
        let original = transcription(&ps);
        let xml = tei(&ps);
        let layer = text_layer(&xml, &TextOptions::default()).unwrap();
        prop_assert_eq!(keys(&layer.text), keys(&original));
        let report = diff(&original, &xml);
        prop_assert!(report.changes.is_empty(), "{}", report.human(false));
        prop_assert!(report.warnings.is_empty(), "{}", report.human_warnings(false, usize::MAX));
        // the round trip, up to NFC (the generator writes some words as NFD)
        prop_assert_eq!(
            layer.text.nfc().collect::<String>(),
            normalize_transcription(&original).nfc().collect::<String>()
        );
    }

    #[test]
    fn a_text_against_itself_is_empty(ps in paragraphs()) {
        let xml = tei(&ps);
        let layer = text_layer(&xml, &TextOptions::default()).unwrap();
        let report = diff(&layer.text, &xml);
        prop_assert!(report.changes.is_empty());
        prop_assert!(report.warnings.is_empty());
        let strict = diff_sources("o.txt", &layer.text, "e.xml", &xml, &DiffOptions { strict: true, ..DiffOptions::default() }).unwrap();
        prop_assert!(strict.changes.is_empty());
    }

    #[test]
    fn applying_the_reported_changes_gives_the_edited_text(ps in paragraphs(), es in edits()) {
        let original = transcription(&ps);
        let edited = apply_edits(&ps, &es);
        let xml = tei(&edited);
        let layer = text_layer(&xml, &TextOptions::default()).unwrap();
        let report = diff(&original, &xml);
        let rebuilt = apply_report(&original, &report);
        prop_assert_eq!(keys(&rebuilt), keys(&layer.text), "{}", report.human(false));
        prop_assert_eq!(report.changes.is_empty(), keys(&original) == keys(&layer.text));
    }

    #[test]
    fn every_edited_place_is_inside_the_xml(ps in paragraphs(), es in edits()) {
        let xml = tei(&apply_edits(&ps, &es));
        let report = diff(&transcription(&ps), &xml);
        let lines: Vec<&str> = xml.split('\n').collect();
        for c in &report.changes {
            prop_assert!(c.edited.line <= lines.len());
            prop_assert!(c.edited.column <= lines[c.edited.line - 1].chars().count() + 1);
            if c.kind != ChangeKind::Delete {
                // the first edited word starts at the reported place, unless
                // it was generated (brackets) or escaped
                let at = offset_of(&xml, c.edited.line, c.edited.column);
                let first = c.edited.text.chars().next().unwrap();
                let here = &xml[at..];
                prop_assert!(
                    here.starts_with(first)
                        || here.starts_with('&')
                        || here.nfd().next() == first.to_string().nfd().next(),
                    "{:?} at {}:{}: {:?}", first, c.edited.line, c.edited.column, &here[..here.len().min(20)]
                );
            }
        }
    }
}

/// XML-like soup: tags, references, CDATA, comments and text, often broken.
fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("<TEI>".to_owned()),
            Just("</TEI>".to_owned()),
            Just("<text>".to_owned()),
            Just("</text>".to_owned()),
            Just("<p>".to_owned()),
            Just("</p>".to_owned()),
            Just("<lb/>".to_owned()),
            Just("<lb break=\"no\"/>".to_owned()),
            Just("<pb/>".to_owned()),
            Just("<choice><sic>a</sic><corr>b</corr></choice>".to_owned()),
            Just("<gap rend=\"[…]\"/>".to_owned()),
            Just("<note type=\"identification\">".to_owned()),
            Just("</note>".to_owned()),
            Just("&amp;".to_owned()),
            Just("&#x10FFFF;".to_owned()),
            Just("&#xD800;".to_owned()),
            Just("&".to_owned()),
            Just("<![CDATA[ x ]]>".to_owned()),
            Just("<!-- c -->".to_owned()),
            Just("<?pi?>".to_owned()),
            Just("<a x='1' x='2'>".to_owned()),
            Just("\u{feff}".to_owned()),
            "\\PC{0,8}",
        ],
        0..30,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Any input gives a text layer or a positioned error, never a panic;
    /// the error's line and column lie inside the input.
    #[test]
    fn any_input_is_rendered_or_rejected_with_a_position(xml in soup(), original in "\\PC{0,40}") {
        match text_layer(&xml, &TextOptions::default()) {
            Ok(layer) => {
                prop_assert!(layer.text.is_empty() || layer.text.ends_with('\n'));
                prop_assert!(!layer.text.contains("\n\n\n") && !layer.text.starts_with('\n'));
                for line in layer.text.lines() {
                    prop_assert!(!line.starts_with(' ') && !line.ends_with(' ') && !line.contains("  "), "{:?}", line);
                }
                let _ = diff(&original, &xml);
            }
            Err(teikit::text::TextError::NotWellFormed { line, column, .. }) => {
                prop_assert!(line >= 1 && line <= xml.split('\n').count());
                prop_assert!(column >= 1);
            }
        }
    }
}
