//! Helpers shared by the test files (each `tests/*.rs` is its own crate and
//! includes this module with `mod common;`).

use std::path::Path;
use std::process::Command;

/// Runs jing (the reference validator, installed by `scripts/setup`) with
/// the shipped tei_all on `files` in one call, and fails with its messages
/// unless every file is valid.
pub fn assert_valid_against_tei_all<P: AsRef<Path>>(files: &[P]) {
    let out = Command::new("jing")
        .arg("schemas/tei_all.rng")
        .args(files.iter().map(AsRef::as_ref))
        .output()
        .expect("jing on PATH (run scripts/setup)");
    assert!(
        out.status.success(),
        "jing: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
