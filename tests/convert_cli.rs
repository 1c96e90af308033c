//! `teikit convert` from the command line: stdout, -o, stdin, directories,
//! bad input (exit 2, no output, the rest still converted), warnings, safe
//! writes and hand-edit protection.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const SEED: &str = "corpus/1951-06-30_mao-zedong_to_filippov_no-21334.txt";

fn teikit(args: &[&str], cwd: Option<&Path>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_teikit"));
    cmd.args(args);
    if let Some(d) = cwd {
        cmd.current_dir(d);
    }
    cmd.output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn abs(p: &str) -> String {
    std::fs::canonicalize(p).unwrap().display().to_string()
}

#[test]
fn one_input_goes_to_stdout() {
    let o = teikit(&["convert", SEED], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let expected = std::fs::read("tei/1951-06-30_mao-zedong_to_filippov_no-21334.xml").unwrap();
    assert_eq!(o.stdout, expected);
}

#[test]
fn stdin_is_read_for_dash() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_teikit"))
        .args(["convert", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&std::fs::read(SEED).unwrap())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    assert_eq!(
        o.stdout,
        std::fs::read("tei/1951-06-30_mao-zedong_to_filippov_no-21334.xml").unwrap()
    );
}

#[test]
fn directory_to_output_dir() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("in/sub");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::copy(SEED, src.join("a.txt")).unwrap();
    std::fs::write(tmp.path().join("in/b.txt"), "MAO ZEDONG\n").unwrap();
    std::fs::write(tmp.path().join("in/notes.md"), "not a transcription\n").unwrap();
    let out = tmp.path().join("out/deeper");
    let o = teikit(
        &["convert", "in", "-o", out.to_str().unwrap()],
        Some(tmp.path()),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut names: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["a.xml", "b.xml"]);
    assert!(stderr(&o).contains("converted 2, failed 0"));
}

#[test]
fn bad_inputs_fail_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::write(d.join("utf8.txt"), b"CIPHERED TELEGRAM\n\nab\xffcd\n").unwrap();
    std::fs::write(d.join("empty.txt"), b"").unwrap();
    std::fs::write(d.join("blank.txt"), b"  \r\n\t\n").unwrap();
    std::fs::write(d.join("binary.txt"), b"PK\x03\x04\x00\x00data").unwrap();
    std::fs::copy(SEED, d.join("good.txt")).unwrap();
    let o = teikit(
        &[
            "convert",
            "utf8.txt",
            "empty.txt",
            "blank.txt",
            "binary.txt",
            "missing.txt",
            "good.txt",
            "-o",
            "out",
        ],
        Some(d),
    );
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("utf8.txt:3:3: error: invalid UTF-8"), "{err}");
    assert!(err.contains("empty.txt: error: empty file"), "{err}");
    assert!(err.contains("blank.txt: error: only whitespace"), "{err}");
    assert!(err.contains("binary.txt:1:3: error: binary data"), "{err}");
    assert!(err.contains("missing.txt: error: cannot read"), "{err}");
    assert!(err.contains("converted 1, failed 5"), "{err}");
    let names: Vec<_> = std::fs::read_dir(d.join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(
        names,
        ["good.xml"],
        "no output for bad inputs, no temporary files left"
    );
}

#[test]
fn unclosed_bracket_warns_with_position() {
    let o = teikit(
        &["convert", "tests/fixtures/convert/unclosed-bracket.txt"],
        None,
    );
    assert_eq!(o.status.code(), Some(0));
    let err = stderr(&o);
    assert!(
        err.contains(
            "tests/fixtures/convert/unclosed-bracket.txt:4:22: warning: bracket '[' not closed"
        ),
        "{err}"
    );
    assert!(
        err.contains("unclosed-bracket.txt:6:10: warning: closing bracket ']'"),
        "{err}"
    );
    let xml = String::from_utf8(o.stdout).unwrap();
    assert!(xml.contains("<supplied>to send<lb/>the arms</supplied>"));
    assert!(xml.contains("[possible."));
}

#[test]
fn hand_edited_output_is_protected() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::copy(SEED, d.join("t.txt")).unwrap();
    let out = d.join("out/t.xml");
    assert!(
        teikit(&["convert", "t.txt", "-o", "out"], Some(d))
            .status
            .success()
    );
    let first = std::fs::read(&out).unwrap();
    // unedited: replaced silently after the input changed
    std::fs::write(d.join("t.txt"), "MAO ZEDONG\n").unwrap();
    assert!(
        teikit(&["convert", "t.txt", "-o", "out"], Some(d))
            .status
            .success()
    );
    let second = std::fs::read_to_string(&out).unwrap();
    assert_ne!(first, second.as_bytes());
    // edited by hand: refused without --force
    let edited = second.replacen("<body>", "<body>\n<!-- checked against the original -->", 1);
    assert_ne!(edited, second);
    std::fs::write(&out, &edited).unwrap();
    std::fs::copy(SEED, d.join("t.txt")).unwrap();
    let o = teikit(&["convert", "t.txt", "-o", "out"], Some(d));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), edited);
    // --force replaces it
    let o = teikit(&["convert", "t.txt", "-o", "out", "--force"], Some(d));
    assert!(o.status.success());
    assert_eq!(std::fs::read(&out).unwrap(), first);
    // a file teikit did not write is protected too
    std::fs::write(&out, "<TEI/>").unwrap();
    assert_eq!(
        teikit(&["convert", "t.txt", "-o", "out"], Some(d))
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn several_inputs_without_output_dir_is_an_error() {
    let o = teikit(&["convert", SEED, SEED], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("-o DIR"));
}

#[test]
fn same_stem_twice_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    for sub in ["a", "b"] {
        std::fs::create_dir_all(d.join(sub)).unwrap();
        std::fs::copy(abs(SEED), d.join(sub).join("x.txt")).unwrap();
    }
    let o = teikit(&["convert", "a", "b", "-o", "out"], Some(d));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("also written to"));
}

#[test]
fn utf16_transcriptions_are_decoded() {
    let text = std::fs::read_to_string(SEED).unwrap();
    let expected = std::fs::read("tei/1951-06-30_mao-zedong_to_filippov_no-21334.xml").unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (name, le) in [("le.txt", true), ("be.txt", false)] {
        let mut bytes: Vec<u8> = if le {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for u in text.replace('\n', "\r\n").encode_utf16() {
            bytes.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        let o = teikit(&["convert", path.to_str().unwrap()], None);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        assert_eq!(o.stdout, expected, "{name}: the same TEI as from UTF-8");
    }
    // A broken UTF-16 file: an unpaired surrogate on line 2.
    let mut bytes = vec![0xFF, 0xFE];
    for u in "From BEIJING\nab".encode_utf16().chain([0xDC00]) {
        bytes.extend(u.to_le_bytes());
    }
    let path = dir.path().join("broken.txt");
    std::fs::write(&path, &bytes).unwrap();
    let o = teikit(&["convert", path.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    assert!(
        stderr(&o).contains("broken.txt:2:3: error: invalid UTF-16"),
        "{}",
        stderr(&o)
    );
}

/// The files written and the messages printed do not depend on how many
/// threads convert: the same input folder (good files, bad files, files
/// with warnings, an edited output in the way) converted with `-j 1` and
/// with `-j 4` gives the same output folder and the same stderr, in input
/// order.
#[test]
fn threads_change_nothing() {
    let mut inputs: Vec<(String, Vec<u8>)> = Vec::new();
    let mut sources: Vec<_> = std::fs::read_dir("tests/fixtures/convert")
        .unwrap()
        .chain(std::fs::read_dir("corpus").unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    sources.sort();
    for (i, path) in sources.iter().enumerate() {
        let text = std::fs::read(path).unwrap();
        inputs.push((format!("{i:03}-good.txt"), text.clone()));
        match i % 7 {
            0 => inputs.push((
                format!("{i:03}-bad.txt"),
                b"TELEGRAM\n\nab\xffcd\n".to_vec(),
            )),
            3 => {
                let mut open = text.clone();
                open.extend_from_slice(b"\n\nAn [unclosed bracket here.\n");
                inputs.push((format!("{i:03}-warns.txt"), open));
            }
            5 => inputs.push((format!("{i:03}-empty.txt"), Vec::new())),
            _ => {}
        }
    }
    assert!(inputs.len() > 60, "enough files for several threads");
    let run = |jobs: &str| {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        std::fs::create_dir_all(d.join("in")).unwrap();
        std::fs::create_dir_all(d.join("out")).unwrap();
        for (name, bytes) in &inputs {
            std::fs::write(d.join("in").join(name), bytes).unwrap();
        }
        std::fs::write(d.join("out/010-good.xml"), "<TEI>edited by hand</TEI>\n").unwrap();
        let o = teikit(&["convert", "-j", jobs, "in", "-o", "out"], Some(d));
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(d.join("out"))
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().into_string().unwrap(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        files.sort();
        (o.status.code(), stderr(&o), files)
    };
    let (code1, err1, files1) = run("1");
    let (code4, err4, files4) = run("4");
    assert_eq!(code1, Some(2));
    assert!(
        err1.contains("010-good.xml: error: edited since teikit wrote it"),
        "{err1}"
    );
    assert!(
        err1.contains("-bad.txt:3:3: error: invalid UTF-8"),
        "{err1}"
    );
    assert!(err1.contains("-warns.txt:"), "{err1}");
    assert_eq!(code4, code1);
    assert_eq!(err4, err1, "the same messages in the same order");
    assert_eq!(files4.len(), files1.len());
    for ((n4, b4), (n1, b1)) in files4.iter().zip(&files1) {
        assert_eq!(n4, n1);
        assert!(b4 == b1, "{n4} differs between -j 4 and -j 1");
    }
}
