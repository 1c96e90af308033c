//! The committed `tei/`: valid against tei_all (jing) and not stale; the
//! converter fixtures' outputs are valid too.

mod common;

use std::process::Command;

fn tei_files() -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir("tei")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    v.sort();
    v
}

#[test]
fn tei_is_valid_against_tei_all() {
    let files = tei_files();
    assert!(files.len() >= 9, "tei/ should hold the corpus");
    common::assert_valid_against_tei_all(&files);
}

#[test]
fn tei_is_not_stale() {
    let dir = tempfile::tempdir().unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_teikit"))
        .args(["convert", "corpus", "-o"])
        .arg(dir.path())
        .status()
        .unwrap();
    assert!(status.success());
    let mut fresh: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    fresh.sort();
    let committed: Vec<_> = tei_files()
        .iter()
        .map(|p| p.file_name().unwrap().to_owned())
        .collect();
    assert_eq!(
        fresh, committed,
        "tei/ and corpus/ name different files: run `teikit convert corpus -o tei`"
    );
    for name in fresh {
        let a = std::fs::read(dir.path().join(&name)).unwrap();
        let b = std::fs::read(std::path::Path::new("tei").join(&name)).unwrap();
        assert!(
            a == b,
            "tei/{} is stale: run `cargo run --release -- convert corpus -o tei`",
            name.to_string_lossy()
        );
    }
}

#[test]
fn fixtures_convert_to_valid_tei() {
    let dir = tempfile::tempdir().unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_teikit"))
        .args(["convert", "tests/fixtures/convert", "-o"])
        .arg(dir.path())
        .status()
        .unwrap();
    assert!(status.success());
    let files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(files.len() >= 11, "one output per fixture");
    common::assert_valid_against_tei_all(&files);
}
