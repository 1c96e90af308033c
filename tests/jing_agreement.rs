//! teikit's validator agrees with jing, the reference RELAX NG validator:
//! for every document in `../shared/tei-samples/` and every `*.xml` in
//! `tei/` (and the crafted invalid documents in `tests/data/invalid/`),
//! validated against `schemas/tei_all.rng` and the CMIF customisation, the
//! same verdict and the same errors: line and message, in order (where
//! several datatypes reject one value, jing orders their reasons by Java
//! identity hash codes; those are compared as sets). Needs `jing` on PATH
//! (CI installs it).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use teikit::relaxng::schema;
use teikit::relaxng::validate::Validator;

fn documents() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in ["../shared/tei-samples", "tei", "tests/data/invalid"] {
        let mut stack = vec![PathBuf::from(dir)];
        while let Some(d) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&d) else {
                continue;
            };
            for e in entries.flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "xml") {
                    out.push(p);
                }
            }
        }
    }
    out.sort();
    out
}

/// `msg` with a list of several "must be" reasons sorted.
fn normalise(msg: &str) -> String {
    match msg.split_once("must be ") {
        Some((head, rest)) if rest.contains(", must be ") || rest.contains(" or must be ") => {
            let mut reasons: Vec<&str> = rest
                .split(", must be ")
                .flat_map(|r| r.split(" or must be "))
                .collect();
            reasons.sort_unstable();
            format!("{head}must be {}", reasons.join(" | "))
        }
        _ => msg.to_owned(),
    }
}

/// jing's verdict (`None` for a fatal error) and the lines of its errors.
fn jing(schema: &str, doc: &Path) -> (Option<bool>, BTreeSet<usize>, Vec<String>) {
    let out = Command::new("jing")
        .arg(schema)
        .arg(doc)
        .output()
        .expect("jing is installed");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    let mut lines = BTreeSet::new();
    let mut messages = Vec::new();
    let mut fatal = false;
    for l in text.lines() {
        // path:line:col: error: message
        let mut parts = l.rsplitn(2, ": error: ");
        let (Some(msg), Some(head)) = (parts.next(), parts.next()) else {
            fatal |= l.contains("fatal:");
            continue;
        };
        let mut nums = head.rsplitn(3, ':');
        let _col = nums.next();
        if let Some(line) = nums.next().and_then(|n| n.parse::<usize>().ok()) {
            lines.insert(line);
            messages.push(format!("{line}: {}", normalise(msg)));
        }
    }
    let verdict = if fatal {
        None
    } else {
        Some(out.status.success())
    };
    (verdict, lines, messages)
}

/// Validates every document with teikit and jing against `schema_path`;
/// returns the disagreements.
fn disagreements(schema_path: &str, schema: teikit::relaxng::model::Schema) -> Vec<String> {
    let mut validator = Validator::new(schema);
    let docs = documents();
    assert!(docs.len() >= 9, "the shared samples are missing");
    let mut out = Vec::new();
    for doc in &docs {
        let (jv, jlines, jmsgs) = jing(schema_path, doc);
        let f = std::fs::File::open(doc).unwrap();
        let name = doc.display().to_string();
        let ours = validator.validate(&name, std::io::BufReader::new(f));
        let (tv, tlines, tmsgs): (Option<bool>, BTreeSet<usize>, Vec<String>) = match &ours {
            Ok(d) => (
                Some(d.is_empty()),
                d.iter().map(|d| d.line).collect(),
                d.iter()
                    .map(|d| format!("{}: {}", d.line, normalise(&d.message)))
                    .collect(),
            ),
            Err(_) => (None, BTreeSet::new(), Vec::new()),
        };
        if jv != tv || jlines != tlines || jmsgs != tmsgs {
            out.push(format!(
                "{name}: jing {jv:?} on lines {jlines:?}, teikit {tv:?} on lines {tlines:?}\n  jing: {jmsgs:#?}\n  teikit: {tmsgs:#?}"
            ));
        }
    }
    out
}

#[test]
fn same_verdicts_and_error_lines_as_jing() {
    let schema = teikit::schemas::load_tei_all().expect("tei_all loads");
    let d = disagreements("schemas/tei_all.rng", schema);
    assert!(d.is_empty(), "{}", d.join("\n"));
}

/// The same documents against another TEI customisation (CMIF), where most
/// of them are invalid in many ways: recovery must match jing's too.
#[test]
fn same_error_lines_as_jing_with_a_tei_customisation() {
    let path = "../shared/schemas/cmi-customization.rng";
    let schema = schema::load(path, &teikit::relaxng::schema::FsResolver).expect("CMIF loads");
    let d = disagreements(path, schema);
    assert!(d.is_empty(), "{}", d.join("\n"));
}
