//! Schema customisations built the ways ODD-generated and hand-written
//! schemas are: `include` with overriding defines, `combine="choice"` and
//! `combine="interleave"` across includes, `div`, `xml:base` on `include`
//! and `externalRef`, nested includes, `externalRef` and `parentRef`
//! (fixtures in `tests/data/customisations/`, each saying what it shows).
//! teikit must accept the correct ones, refuse the incorrect ones at the
//! right place, and judge documents message for message like jing.
//! Needs `jing` on PATH (CI installs it).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const DIR: &str = "tests/data/customisations";

fn teikit(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_teikit"))
        .arg("validate")
        .args(args)
        .output()
        .expect("runs")
}

fn jing(schema: &Path, doc: &Path) -> Output {
    Command::new("jing")
        .arg(schema)
        .arg(doc)
        .output()
        .expect("jing is installed")
}

/// `(file name, line, message)` of each `FILE:LINE:COL: error: MESSAGE`
/// line; the file is reduced to its name relative to [`DIR`].
fn errors(text: &str) -> Vec<(String, usize, String)> {
    let mut out = Vec::new();
    for l in text.lines() {
        let Some((head, msg)) = l.split_once(": error: ") else {
            continue;
        };
        let mut parts = head.rsplitn(3, ':');
        let _col = parts.next();
        let (Some(line), Some(file)) = (parts.next(), parts.next()) else {
            continue;
        };
        let Ok(line) = line.parse() else { continue };
        let file = file.rsplit_once("customisations/").map_or(file, |(_, f)| f);
        out.push((file.to_owned(), line, msg.to_owned()));
    }
    out
}

fn files(dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    v.sort();
    v
}

#[test]
fn correct_customisations_are_accepted() {
    let schemas = files(DIR, "rng");
    assert!(schemas.len() >= 7, "fixtures missing");
    for s in &schemas {
        let o = teikit(&["--schema", &s.display().to_string()]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}: {}",
            s.display(),
            String::from_utf8_lossy(&o.stderr)
        );
    }
}

/// Every document in `docs/` (`STEM.valid.xml`, `STEM.invalid.xml`, for
/// the schema `STEM.rng`): the same verdict as jing, and the same errors,
/// line and message, in the same order.
#[test]
fn documents_are_judged_message_for_message_like_jing() {
    let docs = files(&format!("{DIR}/docs"), "xml");
    assert!(docs.len() >= 14, "fixtures missing");
    let mut failures = Vec::new();
    for doc in &docs {
        let name = doc.file_name().unwrap().to_string_lossy().into_owned();
        let stem = name.split('.').next().unwrap();
        let schema = PathBuf::from(format!("{DIR}/{stem}.rng"));
        let ours = teikit(&[
            "--schema",
            &schema.display().to_string(),
            &doc.display().to_string(),
        ]);
        let theirs = jing(&schema, doc);
        let want_valid = name.contains(".valid.");
        if (ours.status.code() == Some(0)) != want_valid {
            failures.push(format!("{name}: teikit exit {:?}", ours.status.code()));
        }
        if theirs.status.success() != want_valid {
            failures.push(format!("{name}: jing disagrees with the fixture's name"));
        }
        let strip = |v: Vec<(String, usize, String)>| -> Vec<(usize, String)> {
            v.into_iter().map(|(_, l, m)| (l, m)).collect()
        };
        let a = strip(errors(&String::from_utf8_lossy(&ours.stdout)));
        let b = strip(errors(&String::from_utf8_lossy(&theirs.stdout)));
        if a != b {
            failures.push(format!("{name}:\n  teikit: {a:#?}\n  jing: {b:#?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Incorrect schemas: exit 2 with `FILE:LINE:COL: error:` at the place of
/// the problem, which jing refuses too. `same_place`: jing names the same
/// file and line (where it does not, teikit's place is the more direct
/// one: the include that closes a cycle rather than the first one jing
/// re-reads; the include of a non-grammar rather than the included root;
/// jing gives no place for a missing file).
#[test]
fn incorrect_customisations_are_refused_where_the_problem_is() {
    let cases: &[(&str, &str, usize, &str, bool)] = &[
        (
            "override-missing.rng",
            "incorrect/override-missing.rng",
            4,
            "\"para\"",
            true,
        ),
        (
            "cycle-a.rng",
            "incorrect/cycle-b.rng",
            4,
            "includes or references itself",
            false,
        ),
        (
            "undefined-ref.rng",
            "incorrect/undefined-ref.rng",
            8,
            "undefined pattern \"model.phrase\"",
            true,
        ),
        (
            "combine-conflict.rng",
            "incorrect/combine-conflict.rng",
            6,
            "\"head\"",
            true,
        ),
        (
            "combine-mixed.rng",
            "incorrect/combine-mixed.rng",
            6,
            "\"att.global\"",
            true,
        ),
        (
            "external-missing.rng",
            "incorrect/external-missing.rng",
            6,
            "no-such-file.rng",
            false,
        ),
        (
            "include-not-grammar.rng",
            "incorrect/include-not-grammar.rng",
            4,
            "not a grammar",
            false,
        ),
    ];
    let doc = PathBuf::from(format!("{DIR}/docs/override.valid.xml"));
    let mut failures = Vec::new();
    for (schema, file, line, word, same_place) in cases {
        let path = PathBuf::from(format!("{DIR}/incorrect/{schema}"));
        let o = teikit(&["--schema", &path.display().to_string()]);
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        let ours = errors(&err);
        let ok = o.status.code() == Some(2)
            && ours
                .first()
                .is_some_and(|(f, l, m)| f == file && l == line && m.contains(word));
        if !ok {
            failures.push(format!(
                "{schema}: exit {:?}, want {file}:{line} ...{word}..., got {err}",
                o.status.code()
            ));
        }
        // with a document too: the schema error, exit 2, nothing validated
        let o = teikit(&[
            "--schema",
            &path.display().to_string(),
            &doc.display().to_string(),
        ]);
        if o.status.code() != Some(2) || !o.stdout.is_empty() {
            failures.push(format!(
                "{schema} with a document: exit {:?}",
                o.status.code()
            ));
        }
        let j = jing(&path, &doc);
        if j.status.success() {
            failures.push(format!("{schema}: jing accepts it"));
        }
        if *same_place {
            let theirs = errors(&String::from_utf8_lossy(&j.stdout));
            let place = theirs.first().map(|(f, l, _)| (f.clone(), *l));
            if place != Some((file.to_string(), *line)) {
                failures.push(format!(
                    "{schema}: jing at {place:?}, teikit at {file}:{line}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
