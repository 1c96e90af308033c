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

/// `text` in `encoding` (Python's names are not needed: done by hand).
fn encode(text: &str, encoding: &str) -> Vec<u8> {
    match encoding {
        "UTF-16LE" => {
            let mut out = vec![0xFF, 0xFE];
            for u in text.encode_utf16() {
                out.extend(u.to_le_bytes());
            }
            out
        }
        "UTF-16BE" => {
            let mut out = vec![0xFE, 0xFF];
            for u in text.encode_utf16() {
                out.extend(u.to_be_bytes());
            }
            out
        }
        "ISO-8859-1" => text
            .chars()
            .map(|c| u8::try_from(u32::from(c)).unwrap())
            .collect(),
        "windows-1252" => text
            .chars()
            .map(|c| match c {
                '\u{201C}' => 0x93,
                '\u{201D}' => 0x94,
                '\u{2013}' => 0x96,
                '\u{20AC}' => 0x80,
                c => u8::try_from(u32::from(c)).unwrap(),
            })
            .collect(),
        _ => text.as_bytes().to_vec(),
    }
}

#[test]
fn tei_in_utf16_latin1_and_windows_1252_is_decoded_and_placed_in_characters() {
    let dir = tempfile::tempdir().unwrap();
    let original = "Café “naïve” – 5 €\n\nsecond paragraph here\n";
    let o = write(dir.path(), "o.txt", original.as_bytes());
    for encoding in ["UTF-16LE", "UTF-16BE", "ISO-8859-1", "windows-1252"] {
        let declared = match encoding {
            "UTF-16LE" | "UTF-16BE" => "UTF-16",
            e => e,
        };
        let body = if encoding == "ISO-8859-1" {
            // Latin-1 has no curly quotes, dash or euro: references
            "<p>Café &#x201C;naïve&#x201D; &#x2013; 5 &#x20AC;</p>"
        } else {
            "<p>Café “naïve” – 5 €</p>"
        };
        let xml = format!(
            "<?xml version=\"1.0\" encoding=\"{declared}\"?>\n<TEI>\n<text><body>{body}\n<p>second parágraph here</p></body></text></TEI>\n"
        );
        let e = write(
            dir.path(),
            &format!("{encoding}.xml"),
            &encode(&xml, encoding),
        );
        let out = teikit(&["text", &e]);
        assert_eq!(out.status.code(), Some(0), "{encoding}: {}", stderr(&out));
        assert_eq!(
            stdout(&out),
            "Café “naïve” – 5 €\n\nsecond parágraph here\n",
            "{encoding}"
        );
        // one change, at line 4 and the column of the word in characters
        let out = teikit(&["diff", "--format", "json", &o, &e]);
        assert_eq!(out.status.code(), Some(1), "{encoding}: {}", stderr(&out));
        let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        let changes = v["changes"].as_array().unwrap();
        assert_eq!(changes.len(), 1, "{encoding}: {v}");
        assert_eq!(changes[0]["edited"]["line"], 4, "{encoding}");
        assert_eq!(changes[0]["edited"]["column"], 11, "{encoding}");
        assert_eq!(changes[0]["edited"]["text"], "parágraph", "{encoding}");
        assert_eq!(changes[0]["original"]["line"], 3, "{encoding}");
    }
}

#[test]
fn bytes_that_do_not_decode_are_an_error_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let o = write(dir.path(), "o.txt", b"cafe\n");
    let cases: [(&str, Vec<u8>, &str); 4] = [
        // UTF-8 (no declaration): a Latin-1 byte
        (
            "latin1-undeclared.xml",
            b"<TEI><text><body>\n<p>caf\xe9</p></body></text></TEI>".to_vec(),
            ":2:7: error: invalid UTF-8",
        ),
        // UTF-16 with an unpaired surrogate on line 2
        (
            "utf16.xml",
            [
                encode("<TEI><text>\n<p>a", "UTF-16LE"),
                vec![0x00, 0xDC],
                encode("</p></text></TEI>", "UTF-16LE")[2..].to_vec(),
            ]
            .concat(),
            ":2:5: error: invalid UTF-16",
        ),
        // an encoding teikit does not read
        (
            "koi8.xml",
            b"<?xml version=\"1.0\" encoding=\"KOI8-R\"?>\n<TEI/>".to_vec(),
            ":1:31: error: unsupported encoding",
        ),
        // a transcription-like UTF-8 file declared UTF-8 with a bad byte
        (
            "declared-utf8.xml",
            b"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<TEI><text><p>\xff</p></text></TEI>"
                .to_vec(),
            ":2:15: error: invalid UTF-8",
        ),
    ];
    for (name, bytes, want) in cases {
        let e = write(dir.path(), name, &bytes);
        for args in [vec!["text", &e], vec!["diff", &o, &e]] {
            let out = teikit(&args);
            assert_eq!(out.status.code(), Some(2), "{name} {args:?}");
            assert!(stdout(&out).is_empty());
            let err = stderr(&out);
            assert!(err.starts_with(&format!("{e}{want}")), "{name}: {err}");
        }
    }
    // a UTF-16 transcription (Notepad's "Unicode", told by its byte-order
    // mark) is decoded; its positions count characters
    let utf16 = write(
        dir.path(),
        "utf16.txt",
        &encode("cafe\nau lait\n", "UTF-16LE"),
    );
    let same = write(
        dir.path(),
        "utf16-same.xml",
        b"<TEI><text><body><p>cafe au lait</p></body></text></TEI>",
    );
    let out = teikit(&["diff", &utf16, &same]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let changed = write(
        dir.path(),
        "utf16-changed.xml",
        b"<TEI><text><body><p>cafe au noir</p></body></text></TEI>",
    );
    let out = teikit(&["diff", &utf16, &changed]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stdout(&out).contains(&format!("{utf16}:2:4: note: original here")),
        "{}",
        stdout(&out)
    );
    let mut broken = encode("cafe\n", "UTF-16BE");
    broken.push(b'x');
    let broken = write(dir.path(), "utf16-broken.txt", &broken);
    let out = teikit(&["diff", &broken, &same]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with(&format!("{broken}:2:1: error: invalid UTF-16")),
        "{}",
        stderr(&out)
    );
    // the transcription is UTF-8 only (a BOM allowed): Latin-1 is refused
    let latin = write(dir.path(), "latin.txt", b"\xef\xbb\xbfok\ncaf\xe9\n");
    let e = write(dir.path(), "e.xml", TEI);
    let out = teikit(&["diff", &latin, &e]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with(&format!("{latin}:2:4: error: invalid UTF-8")),
        "{}",
        stderr(&out)
    );
}

#[test]
fn warning_columns_do_not_count_a_byte_order_mark() {
    let dir = tempfile::tempdir().unwrap();
    let e = write(dir.path(), "e.xml", "\u{feff}<doc>one</doc>".as_bytes());
    let out = teikit(&["text", &e]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).starts_with(&format!("{e}:1:1: warning: the root element is <doc>")),
        "{}",
        stderr(&out)
    );
}
