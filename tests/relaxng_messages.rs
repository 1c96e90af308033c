//! Message for message agreement with jing on the fixtures in
//! `tests/data/messages/` (see its README): the same errors, on the same
//! lines, worded the same, in the same order. Needs `jing` on PATH.

use std::path::{Path, PathBuf};
use std::process::Command;

const DIR: &str = "tests/data/messages";

/// `(line, message)` of each error line of a run; a message listing
/// several "must be" reasons has them sorted (jing's order there comes
/// from identity hash codes).
fn errors(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for l in text.lines() {
        let Some((head, msg)) = l.split_once(": error: ") else {
            continue;
        };
        let mut parts = head.rsplitn(3, ':');
        let _col = parts.next();
        let Some(Ok(line)) = parts.next().map(str::parse) else {
            continue;
        };
        let msg = match msg.split_once("must be ") {
            Some((head, rest)) if rest.contains(", must be ") || rest.contains(" or must be ") => {
                let mut reasons: Vec<&str> = rest
                    .split(", must be ")
                    .flat_map(|r| r.split(" or must be "))
                    .collect();
                reasons.sort_unstable();
                format!("{head}must be {}", reasons.join(" | "))
            }
            _ => msg.to_owned(),
        };
        out.push((line, msg));
    }
    out
}

fn schema_for(doc: &Path) -> PathBuf {
    let name = doc.file_name().unwrap().to_string_lossy();
    if name.starts_with("cmif-") {
        PathBuf::from("../shared/schemas/cmi-customization.rng")
    } else if name.starts_with("tei-") {
        PathBuf::from("schemas/tei_all.rng")
    } else {
        doc.with_extension("rng")
    }
}

#[test]
fn the_same_messages_as_jing() {
    let mut docs: Vec<PathBuf> = std::fs::read_dir(DIR)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    docs.sort();
    assert!(docs.len() >= 9, "fixtures missing");
    let mut failures = Vec::new();
    for doc in &docs {
        let schema = schema_for(doc);
        let ours = Command::new(env!("CARGO_BIN_EXE_teikit"))
            .arg("validate")
            .arg("--schema")
            .arg(&schema)
            .arg(doc)
            .output()
            .unwrap();
        let theirs = Command::new("jing")
            .arg(&schema)
            .arg(doc)
            .output()
            .expect("jing is installed");
        let a = errors(&String::from_utf8_lossy(&ours.stdout));
        let b = errors(&String::from_utf8_lossy(&theirs.stdout));
        assert!(!b.is_empty(), "{}: every fixture is invalid", doc.display());
        if ours.status.code() != Some(1) || a != b {
            let only_ours: Vec<_> = a.iter().filter(|x| !b.contains(x)).collect();
            let only_jing: Vec<_> = b.iter().filter(|x| !a.contains(x)).collect();
            failures.push(format!(
                "{}: exit {:?}\n  only teikit: {only_ours:#?}\n  only jing: {only_jing:#?}",
                doc.display(),
                ours.status.code()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
