//! `teikit diff`: output formats, exit codes, paragraph warnings, colour,
//! batch mode and bad input (issue 4, sections 2, 3 and 6).

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

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

fn fixture(name: &str) -> String {
    format!("{FIXTURES}/{name}")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

#[test]
fn no_change_exits_0() {
    let out = teikit(&["diff", &fixture("telegram.txt"), &fixture("telegram.xml")]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(stdout(&out), "same\n");
}

#[test]
fn changes_print_like_compiler_diagnostics_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let tei = std::fs::read_to_string(fixture("telegram.xml")).unwrap();
    let tei = tei
        .replacen("<p>1. Comrade", "\n<p>1. Comrade", 1)
        .replacen("various", "several", 1);
    let f = write(dir.path(), "t.xml", tei.as_bytes());
    let original = fixture("telegram.txt");
    let out = teikit(&["diff", &original, &f]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            format!("{f}:3:69: change: replaced \"various\" with \"several\"").as_str(),
            format!("{original}:9:66: note: original here").as_str(),
            "1 change",
        ]
    );
    // no colour when stdout is not a terminal
    assert!(!text.contains('\x1b'));
    let coloured = teikit(&["diff", "--color", "always", &original, &f]);
    assert!(stdout(&coloured).contains("\x1b["));
}

#[test]
fn json_output() {
    let dir = tempfile::tempdir().unwrap();
    let o = write(
        dir.path(),
        "o.txt",
        b"one two three\n\nfour five.\n\nseven\n",
    );
    let e = write(
        dir.path(),
        "e.xml",
        b"<TEI><text>\n<p>one three</p>\n<p>four <hi>five</hi>!</p>\n<p>seven six</p></text></TEI>",
    );
    let out = teikit(&["diff", "--format", "json", &o, &e]);
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let changes = v["changes"].as_array().unwrap();
    let summary: Vec<(String, u64, u64, String, u64, u64, String)> = changes
        .iter()
        .map(|c| {
            (
                c["kind"].as_str().unwrap().to_owned(),
                c["original"]["line"].as_u64().unwrap(),
                c["original"]["column"].as_u64().unwrap(),
                c["original"]["text"].as_str().unwrap().to_owned(),
                c["edited"]["line"].as_u64().unwrap(),
                c["edited"]["column"].as_u64().unwrap(),
                c["edited"]["text"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let s = |x: &str| x.to_owned();
    assert_eq!(
        summary,
        [
            (s("delete"), 1, 5, s("two"), 2, 7, s("")),
            (s("replace"), 3, 10, s("."), 3, 22, s("!")),
            (s("insert"), 5, 6, s(""), 4, 10, s("six")),
        ]
    );
    assert_eq!(v["warnings"].as_array().unwrap().len(), 0);
}

#[test]
fn a_paragraph_split_is_a_warning_unless_strict() {
    let dir = tempfile::tempdir().unwrap();
    let o = write(dir.path(), "o.txt", b"one two\nthree four\n");
    let e = write(
        dir.path(),
        "e.xml",
        b"<TEI><text><p>one two</p>\n<p>three four</p></text></TEI>",
    );
    let out = teikit(&["diff", &o, &e]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "same\n");
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{e}:2:4: warning: paragraph split here")),
        "{err}"
    );
    assert!(err.contains(&format!("{o}:2:1: note:")), "{err}");

    let json = teikit(&["diff", "--format", "json", &o, &e]);
    let v: Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(v["changes"].as_array().unwrap().len(), 0);
    assert_eq!(v["warnings"][0]["paragraph"], "split");

    let strict = teikit(&["diff", "--strict", &o, &e]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(stdout(&strict).contains("change: paragraph split here"));

    // and a join
    let e2 = write(
        dir.path(),
        "e2.xml",
        b"<TEI><text><p>one two three four</p></text></TEI>",
    );
    let o2 = write(dir.path(), "o2.txt", b"one two\n\nthree four\n");
    let out = teikit(&["diff", "--strict", "--format", "json", &o2, &e2]);
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["changes"][0]["paragraph"], "join");
    assert_eq!(v["changes"][0]["kind"], "delete");
}

#[test]
fn positions_in_an_original_with_bom_and_crlf() {
    let dir = tempfile::tempdir().unwrap();
    let o = write(
        dir.path(),
        "o.txt",
        "\u{feff}alpha beta\r\n\r\ngamma delta\r\n".as_bytes(),
    );
    let e = write(
        dir.path(),
        "e.xml",
        b"<TEI><text><p>alpha BETA</p><p>gamma</p></text></TEI>",
    );
    let out = teikit(&["diff", "--format", "json", &o, &e]);
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["changes"][0]["original"]["line"], 1);
    assert_eq!(v["changes"][0]["original"]["column"], 7);
    assert_eq!(v["changes"][1]["original"]["line"], 3);
    assert_eq!(v["changes"][1]["original"]["column"], 7);
    assert_eq!(v["changes"][1]["original"]["text"], "delta");
}

#[test]
fn bad_input_exits_2_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let o = write(dir.path(), "o.txt", b"a b\n");
    let bad = write(
        dir.path(),
        "bad.xml",
        b"<TEI>\n<text><p>a b</x></text></TEI>",
    );
    let out = teikit(&["diff", &o, &bad]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with(&format!("{bad}:2:")),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());

    let latin1 = write(dir.path(), "l.txt", b"ok\nna\xefve\n");
    let good = write(dir.path(), "g.xml", b"<TEI><text><p>a b</p></text></TEI>");
    let out = teikit(&["diff", &latin1, &good]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with(&format!("{latin1}:2:3: error: invalid UTF-8")),
        "{}",
        stderr(&out)
    );

    let out = teikit(&[
        "diff",
        &dir.path().join("nope.txt").display().to_string(),
        &good,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nope.txt: error: no such file or folder"));

    let out = teikit(&["diff", &dir.path().display().to_string(), &good]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_non_tei_root_is_compared_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let o = write(dir.path(), "o.txt", b"a b\n");
    let e = write(dir.path(), "e.xml", b"<doc><p>a b</p></doc>");
    let out = teikit(&["diff", &o, &e]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("warning"), "{}", stderr(&out));
    let json = teikit(&["diff", "--format", "json", &o, &e]);
    let v: Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(v["text_layer_warnings"][0]["code"], "not-tei-root");
    assert_eq!(v["text_layer_warnings"][0]["line"], 1);
}

#[test]
fn batch_pairs_by_stem() {
    let corpus = tempfile::tempdir().unwrap();
    let tei = tempfile::tempdir().unwrap();
    let (c, t) = (corpus.path(), tei.path());
    write(c, "a.txt", b"one two\n");
    write(t, "a.xml", b"<TEI><text><p>one two</p></text></TEI>");
    write(c, "b.txt", b"one two three\n");
    write(
        t,
        "b.xml",
        b"<TEI><text><p>one 2 three four</p></text></TEI>",
    );
    write(c, "only-text.txt", b"x\n");
    write(t, "only-tei.xml", b"<TEI><text><p>x</p></text></TEI>");
    write(c, "notes.md", b"ignored");
    let (cs, ts) = (c.display().to_string(), t.display().to_string());
    let out = teikit(&["diff", &cs, &ts]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5, "{text}");
    assert_eq!(lines[0], "a: same");
    assert_eq!(lines[1], "b: 2 changes");
    assert!(
        lines[2].starts_with("only-tei: missing transcription"),
        "{text}"
    );
    assert!(lines[3].starts_with("only-text: missing TEI"), "{text}");
    assert_eq!(
        lines[4],
        "total: 4 pairs, 1 same, 1 with changes (2 changes), 2 missing a partner, 0 errors"
    );

    let json = teikit(&["diff", "--format", "json", &cs, &ts]);
    let v: Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(v["pairs"][1]["status"], "changed");
    assert_eq!(
        v["pairs"][1]["report"]["changes"].as_array().unwrap().len(),
        2
    );
    assert_eq!(v["total"]["missing"], 2);

    // a broken file: the others are still compared, and the exit code is 2
    write(t, "only-text.xml", b"<TEI><text><p>x</text>");
    let out = teikit(&["diff", &cs, &ts]);
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    assert!(text.contains("a: same\n"), "{text}");
    assert!(
        text.contains("only-text: ") && text.contains("only-text.xml:1:"),
        "{text}"
    );
    assert!(text.contains(": error: not well-formed XML"), "{text}");
    assert!(text.ends_with("1 missing a partner, 1 error\n"), "{text}");
}

#[test]
fn all_same_batch_exits_0() {
    let corpus = tempfile::tempdir().unwrap();
    let tei = tempfile::tempdir().unwrap();
    write(corpus.path(), "a.txt", b"one two\n");
    write(
        tei.path(),
        "a.xml",
        b"<TEI><text><p>one two</p></text></TEI>",
    );
    let out = teikit(&[
        "diff",
        &corpus.path().display().to_string(),
        &tei.path().display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout(&out),
        "a: same\ntotal: 1 pair, 1 same, 0 with changes (0 changes), 0 missing a partner, 0 errors\n"
    );
}

#[test]
fn many_paragraph_warnings_are_counted_after_the_first_twenty() {
    let dir = tempfile::tempdir().unwrap();
    let words: Vec<String> = (0..30).map(|i| format!("w{i}")).collect();
    let o = write(dir.path(), "o.txt", words.join("\n\n").as_bytes());
    let e = write(
        dir.path(),
        "e.xml",
        format!("<TEI><text><p>{}</p></text></TEI>", words.join(" ")).as_bytes(),
    );
    let out = teikit(&["diff", &o, &e]);
    assert_eq!(out.status.code(), Some(0));
    let err = stderr(&out);
    assert_eq!(
        err.matches("warning: paragraphs joined here").count(),
        20,
        "{err}"
    );
    assert!(
        err.contains("warning: 9 more paragraph splits or joins"),
        "{err}"
    );
    let json = teikit(&["diff", "--format", "json", &o, &e]);
    let v: Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(v["warnings"].as_array().unwrap().len(), 29);
}
