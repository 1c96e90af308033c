//! A single text edit in the TEI is exactly one change, placed on the right
//! line of the TEI file and of the transcription (issue 4, section 4).

use std::process::Command;
use std::sync::OnceLock;
use teikit::diff::{ChangeKind, DiffOptions, Report, diff_sources};

const ORIGINAL: &str = include_str!("fixtures/diff/telegram.txt");

/// The fixture re-indented by xmllint, so that blocks sit on lines of their own.
fn formatted() -> &'static str {
    static FORMATTED: OnceLock<String> = OnceLock::new();
    FORMATTED.get_or_init(|| {
        let out = Command::new("xmllint")
            .arg("--format")
            .arg(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/fixtures/diff/telegram.xml"
            ))
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    })
}

/// `line:col` (1-based, columns in characters) of byte `offset` in `text`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[start..offset].chars().count() + 1)
}

/// Applies one edit (`from` occurs once in the formatted TEI) and diffs.
fn one_edit(from: &str, to: &str) -> (String, Report) {
    let base = formatted();
    assert_eq!(base.matches(from).count(), 1, "{from}");
    let xml = base.replacen(from, to, 1);
    let report = diff_sources(
        "telegram.txt",
        ORIGINAL,
        "telegram.xml",
        &xml,
        &DiffOptions::default(),
    )
    .unwrap();
    assert_eq!(report.changes.len(), 1, "{}", report.human(false));
    (xml, report)
}

#[test]
fn a_replaced_word() {
    let (xml, report) = one_edit("on various questions", "on several questions");
    let c = &report.changes[0];
    assert_eq!(c.kind, ChangeKind::Replace);
    assert_eq!(
        (c.original.text.as_str(), c.edited.text.as_str()),
        ("various", "several")
    );
    assert_eq!(
        (c.edited.line, c.edited.column),
        line_col(&xml, xml.find("several").unwrap())
    );
    assert_eq!(
        (c.original.line, c.original.column),
        line_col(ORIGINAL, ORIGINAL.find("various").unwrap())
    );
}

#[test]
fn a_deleted_word() {
    let (xml, report) = one_edit("negotiations fully in", "negotiations in");
    let c = &report.changes[0];
    assert_eq!(c.kind, ChangeKind::Delete);
    assert_eq!(
        (c.original.text.as_str(), c.edited.text.as_str()),
        ("fully", "")
    );
    // where it would go: right after "negotiations"
    let after = xml.find("negotiations in").unwrap() + "negotiations".len();
    assert_eq!((c.edited.line, c.edited.column), line_col(&xml, after));
    assert_eq!(
        (c.original.line, c.original.column),
        line_col(ORIGINAL, ORIGINAL.find("fully").unwrap())
    );
}

#[test]
fn an_inserted_word() {
    let (xml, report) = one_edit("only sixteen divisions", "only sixteen new divisions");
    let c = &report.changes[0];
    assert_eq!(c.kind, ChangeKind::Insert);
    assert_eq!(
        (c.original.text.as_str(), c.edited.text.as_str()),
        ("", "new")
    );
    assert_eq!(
        (c.edited.line, c.edited.column),
        line_col(&xml, xml.find("new divisions").unwrap())
    );
    let after = ORIGINAL.find("sixteen divisions").unwrap() + "sixteen".len();
    assert_eq!(
        (c.original.line, c.original.column),
        line_col(ORIGINAL, after)
    );
}

#[test]
fn changed_punctuation() {
    let (xml, report) = one_edit("<p>Comrade FILIPPOV!</p>", "<p>Comrade FILIPPOV.</p>");
    let c = &report.changes[0];
    assert_eq!(c.kind, ChangeKind::Replace);
    assert_eq!(
        (c.original.text.as_str(), c.edited.text.as_str()),
        ("!", ".")
    );
    assert_eq!(
        (c.edited.line, c.edited.column),
        line_col(&xml, xml.find("FILIPPOV.").unwrap() + 8)
    );

    let (_, report) = one_edit("forty-four", "forty four");
    assert_eq!(report.changes[0].kind, ChangeKind::Delete);
    assert_eq!(report.changes[0].original.text, "-");
}

#[test]
fn an_edit_inside_markup() {
    let (xml, report) = one_edit(
        "<supplied>with instructions</supplied>",
        "<supplied>with orders</supplied>",
    );
    let c = &report.changes[0];
    assert_eq!(
        (c.original.text.as_str(), c.edited.text.as_str()),
        ("instructions", "orders")
    );
    assert_eq!(
        (c.edited.line, c.edited.column),
        line_col(&xml, xml.find("orders").unwrap())
    );
}

#[test]
fn a_changed_elision_points_at_the_gap() {
    let (xml, report) = one_edit("rend=\"[....]\"", "rend=\"[...]\"");
    let c = &report.changes[0];
    assert_eq!(c.kind, ChangeKind::Delete);
    assert_eq!(c.edited.line, line_col(&xml, xml.find("<gap").unwrap()).0);
}

#[test]
fn a_word_changed_on_a_later_line_of_a_paragraph() {
    // the edit sits after an <lb/> in the middle of a paragraph
    let (xml, report) = one_edit("to study the", "to read the");
    let c = &report.changes[0];
    assert_eq!(
        (c.edited.line, c.edited.column),
        line_col(&xml, xml.find("read the").unwrap())
    );
    assert_eq!(
        c.original.line,
        ORIGINAL
            .lines()
            .position(|l| l.contains("to study"))
            .unwrap()
            + 1
    );
}
