//! `teikit diff` and `teikit text` on bad or unusual inputs: missing paths,
//! folders with other extensions' case, duplicates, empty text layers
//! (issue 4, section 6).

use std::path::Path;
use std::process::{Command, Output};

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

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

const TEI: &[u8] = b"<TEI><text><body><p>one two</p></body></text></TEI>";

#[test]
fn a_missing_path_is_named_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let o = write(dir.path(), "o.txt", b"one two\n");
    let e = write(dir.path(), "e.xml", TEI);
    let gone = dir.path().join("gone.xml").display().to_string();
    for (args, named) in [
        (vec!["diff", &o, &gone], vec![&gone]),
        (vec!["diff", &gone, &e], vec![&gone]),
        // a missing file against a folder: not "compare two files or two folders"
        (
            vec!["diff", &gone, dir.path().to_str().unwrap()],
            vec![&gone],
        ),
    ] {
        let out = teikit(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stdout(&out).is_empty());
        let err = stderr(&out);
        for n in named {
            assert!(
                err.contains(&format!("{n}: error: no such file or folder")),
                "{err}"
            );
        }
        assert!(!err.contains("compare two files"), "{err}");
    }
    // both missing: both named
    let gone2 = dir.path().join("gone.txt").display().to_string();
    let out = teikit(&["diff", &gone2, &gone]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains(&gone) && err.contains(&gone2), "{err}");
    // teikit text too
    let out = teikit(&["text", &gone]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with(&format!("{gone}: error:")));
}

#[test]
fn batch_matches_extensions_in_any_case_and_reports_missing_partners() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    write(a.path(), "one.TXT", b"one two\n");
    write(a.path(), "two.txt", b"one two\n");
    write(a.path(), "lonely.Txt", b"x\n");
    write(a.path(), ".hidden.txt", b"x\n");
    write(b.path(), "one.xml", TEI);
    write(b.path(), "two.XML", TEI);
    write(b.path(), "orphan.xml", TEI);
    write(b.path(), "._two.xml", b"\x00\x05binary");
    let out = teikit(&[
        "diff",
        a.path().to_str().unwrap(),
        b.path().to_str().unwrap(),
    ]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("one: same\n"), "{text}");
    assert!(text.contains("two: same\n"), "{text}");
    assert!(
        text.contains("lonely: missing TEI: no lonely.xml in"),
        "{text}"
    );
    assert!(
        text.contains("orphan: missing transcription: no orphan.txt in"),
        "{text}"
    );
    assert!(!text.contains("hidden"), "{text}");
    assert!(
        text.ends_with(
            "total: 4 pairs, 2 same, 0 with changes (0 changes), 2 missing a partner, 0 errors\n"
        ),
        "{text}"
    );
}

#[test]
fn batch_with_two_files_of_one_stem_is_an_error_for_that_pair_only() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    write(a.path(), "x.txt", b"one two\n");
    write(a.path(), "y.txt", b"one two\n");
    write(b.path(), "x.xml", TEI);
    write(b.path(), "y.xml", TEI);
    write(b.path(), "y.XML", TEI);
    let out = teikit(&[
        "diff",
        a.path().to_str().unwrap(),
        b.path().to_str().unwrap(),
    ]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("x: same\n"), "{text}");
    // the names sort "y.XML" before "y.xml": the second is named
    let second = b.path().join("y.xml").display().to_string();
    assert!(
        text.contains(&format!(
            "y: {second}: error: a second file for 'y' in this folder"
        )),
        "{text}"
    );
    assert!(text.contains("1 error\n"), "{text}");
}

#[test]
fn an_empty_text_layer_is_a_no_text_warning() {
    let dir = tempfile::tempdir().unwrap();
    let o = write(dir.path(), "o.txt", b"one two\n");
    for (name, xml) in [
        ("header-only.xml", &b"<TEI>\n  <teiHeader><fileDesc><titleStmt><title>T</title></titleStmt></fileDesc></teiHeader>\n</TEI>"[..]),
        ("empty-body.xml", b"<?xml version=\"1.0\"?>\n<TEI><teiHeader/><text><body>\n  <p/>\n</body></text></TEI>"),
        ("source-doc-only.xml", b"<TEI><teiHeader/><sourceDoc><surface><line>words</line></surface></sourceDoc></TEI>"),
    ] {
        let e = write(dir.path(), name, xml);
        let out = teikit(&["text", &e]);
        assert_eq!(out.status.code(), Some(0), "{name}");
        assert_eq!(stdout(&out), "", "{name}");
        let err = stderr(&out);
        let at = if name == "empty-body.xml" { 2 } else { 1 };
        assert!(
            err.contains(&format!("{e}:{at}:1: warning: the text layer is empty")),
            "{name}: {err}"
        );
        // the diff says so too, and reports the words as deleted
        let out = teikit(&["diff", &o, &e]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        assert!(stderr(&out).contains("warning: the text layer is empty"), "{name}");
        assert!(stdout(&out).contains("deleted \"one two\""), "{name}");
    }
    // a text layer with words draws no such warning
    let e = write(dir.path(), "full.xml", TEI);
    let out = teikit(&["text", &e]);
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

#[test]
fn an_empty_or_binary_tei_file_is_an_error_with_a_position() {
    let dir = tempfile::tempdir().unwrap();
    let o = write(dir.path(), "o.txt", b"one two\n");
    for (name, bytes) in [
        ("empty.xml", &b""[..]),
        ("spaces.xml", b"  \n"),
        ("truncated.xml", b"<TEI><text><body><p>one"),
    ] {
        let e = write(dir.path(), name, bytes);
        let out = teikit(&["diff", &o, &e]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = stderr(&out);
        assert!(err.starts_with(&format!("{e}:")), "{name}: {err}");
        assert!(err.contains(": error: "), "{name}: {err}");
        assert!(stdout(&out).is_empty());
    }
}
