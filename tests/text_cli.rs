//! `teikit text`: output, options, warnings and bad input (issue 4,
//! sections 1 and 6).

use std::path::Path;
use std::process::{Command, Output};
use teikit::text::normalize_transcription;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/diff");

fn teikit(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_teikit"))
        .args(args)
        .output()
        .unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

#[test]
fn prints_the_text_layer() {
    let out = teikit(&["text", &format!("{FIXTURES}/telegram.xml")]);
    assert_eq!(out.status.code(), Some(0));
    let original = std::fs::read_to_string(format!("{FIXTURES}/telegram.txt")).unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        normalize_transcription(&original)
    );
    assert!(out.stderr.is_empty());
}

#[test]
fn corrections_and_notes_options() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "c.xml",
        b"<TEI><text><p><choice><sic>teh</sic><corr>the</corr></choice> end<note>remark</note></p></text></TEI>",
    );
    let plain = teikit(&["text", &f]);
    assert_eq!(plain.stdout, b"teh end\n");
    let both = teikit(&["text", "--corrections", "--notes", &f]);
    assert_eq!(both.stdout, b"the end remark\n");
}

#[test]
fn a_non_tei_root_prints_its_text_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "d.xml", b"<doc>\n  <p>hello</p>\n</doc>\n");
    let out = teikit(&["text", &f]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(out.stdout, b"hello\n");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with(&format!("{f}:1:1: warning:")), "{err}");
    assert!(err.contains("<doc>"), "{err}");
}

#[test]
fn not_well_formed_xml_is_an_error_at_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "bad.xml",
        b"<TEI>\n<text>\n<p>a &b c</p></text></TEI>",
    );
    let out = teikit(&["text", &f]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with(&format!("{f}:3:6: error: not well-formed XML")),
        "{err}"
    );

    let f = write(dir.path(), "unclosed.xml", b"<TEI>\n<text>\n<p>a</p>\n");
    let out = teikit(&["text", &f]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("<text>") && err.contains("2:1"), "{err}");
}

#[test]
fn invalid_utf8_and_unreadable_files_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "latin1.xml",
        b"<TEI><text>\n<p>caf\xe9</p></text></TEI>",
    );
    let out = teikit(&["text", &f]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with(&format!("{f}:2:7: error: invalid UTF-8")),
        "{err}"
    );

    let missing = dir.path().join("missing.xml").display().to_string();
    let out = teikit(&["text", &missing]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with(&format!("{missing}: error: cannot read")),
        "{err}"
    );

    let out = teikit(&["text", &dir.path().display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
}
