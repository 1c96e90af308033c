//! Markup-only edits of a TEI file report no change (issue 4, section 4).

use std::process::Command;
use teikit::diff::{DiffOptions, Report, diff_sources};
use teikit::text::{TextOptions, normalize_transcription, text_layer};

const ORIGINAL: &str = include_str!("fixtures/diff/telegram.txt");
const TEI: &str = include_str!("fixtures/diff/telegram.xml");

fn diff(xml: &str) -> Report {
    diff_sources(
        "telegram.txt",
        ORIGINAL,
        "telegram.xml",
        xml,
        &DiffOptions::default(),
    )
    .unwrap()
}

fn assert_no_change(xml: &str) {
    let report = diff(xml);
    assert!(report.changes.is_empty(), "{}", report.human(false));
    assert!(
        report.warnings.is_empty(),
        "{}",
        report.human_warnings(false, usize::MAX)
    );
}

/// `TEI` with `from` (which must occur exactly once) replaced by `to`.
fn edit(from: &str, to: &str) -> String {
    assert_eq!(TEI.matches(from).count(), 1, "{from}");
    TEI.replacen(from, to, 1)
}

#[test]
fn the_fixture_renders_to_its_transcription() {
    let layer = text_layer(TEI, &TextOptions::default()).unwrap();
    assert_eq!(layer.text, normalize_transcription(ORIGINAL));
    assert_no_change(TEI);
}

#[test]
fn reindenting_with_xmllint_format_is_no_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.xml");
    std::fs::write(&path, TEI).unwrap();
    let out = Command::new("xmllint")
        .arg("--format")
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let formatted = String::from_utf8(out.stdout).unwrap();
    assert!(formatted.lines().count() > TEI.lines().count() + 10);
    assert_no_change(&formatted);
}

#[test]
fn added_names_places_and_dates_are_no_change() {
    let xml = TEI
        .replacen(
            "Comrade Gao Gang",
            "Comrade <persName ref=\"#gao\">Gao Gang</persName>",
            1,
        )
        .replacen("From BEIJING", "From <placeName>BEIJING</placeName>", 1)
        .replacen(
            "21:15 21.6.1951",
            "<time when=\"21:15:00\">21:15</time> <date when=\"1951-06-21\">21.6.1951</date>",
            1,
        )
        .replacen(
            "in 1952-1953",
            "in <date from=\"1952\" to=\"1953\">1952-1953</date>",
            1,
        );
    assert_ne!(xml, TEI);
    assert_no_change(&xml);
}

#[test]
fn added_line_breaks_are_no_change() {
    let xml = TEI
        .replacen("has returned and", "has returned<lb/> and", 1)
        .replacen("sixteen divisions", "sixteen\n<lb/>divisions", 1)
        .replacen(
            "Comrade FILIPPOV!",
            "Com<lb break=\"no\"/>rade FILIPPOV!",
            1,
        );
    assert_ne!(xml, TEI);
    assert_no_change(&xml);
}

#[test]
fn choice_sic_corr_around_existing_words_is_no_change() {
    let xml = edit(
        "from Conrade Xu",
        "from <choice>\n  <sic>Conrade</sic>\n  <corr>Comrade</corr>\n</choice> Xu",
    )
    .replacen(
        "According a telegram",
        "According <choice><corr>to</corr><sic/></choice>a telegram",
        1,
    );
    assert_no_change(&xml);
    // with --corrections the correction counts: two changes
    let report = diff_sources(
        "telegram.txt",
        ORIGINAL,
        "telegram.xml",
        &xml,
        &DiffOptions {
            text: TextOptions {
                corrections: true,
                ..TextOptions::default()
            },
            ..DiffOptions::default()
        },
    )
    .unwrap();
    assert_eq!(report.changes.len(), 2, "{}", report.human(false));
}

#[test]
fn new_editorial_notes_are_no_change() {
    let xml = edit(
        "various questions.</p>",
        "various questions.<note type=\"editorial\" place=\"foot\">Gao Gang visited Moscow in June 1951.</note></p>",
    )
    .replacen(
        "<closer>",
        "<note resp=\"#ed\"><p>The signature is handwritten.</p></note><closer>",
        1,
    );
    assert_no_change(&xml);
}

#[test]
fn all_markup_edits_together_are_no_change() {
    let xml = TEI
        .replacen(
            "Comrade Gao Gang",
            "Comrade <persName>Gao Gang</persName>",
            1,
        )
        .replacen("has returned and", "has returned<lb/>and", 1)
        .replacen(
            "Conrade",
            "<choice><sic>Conrade</sic><corr>Comrade</corr></choice>",
            1,
        )
        .replacen("</head>", "</head><!-- checked --><note>n</note>", 1)
        .replacen("<teiHeader>", "<teiHeader><!-- x -->", 1);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.xml");
    std::fs::write(&path, &xml).unwrap();
    let out = Command::new("xmllint")
        .arg("--format")
        .arg(&path)
        .output()
        .unwrap();
    assert_no_change(&String::from_utf8(out.stdout).unwrap());
}
