//! `teikit validate` end to end: exit codes, output shapes, directories,
//! JSON, schema-only checks, and hostile schemas.

use std::path::Path;
use std::process::{Command, Output};

fn teikit(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_teikit"))
        .arg("validate")
        .args(args)
        .output()
        .expect("runs")
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

const SCHEMA: &str = r#"<grammar xmlns="http://relaxng.org/ns/structure/1.0"
    datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
  <start><element name="doc"><ref name="title"/><zeroOrMore><ref name="p"/></zeroOrMore></element></start>
  <define name="title"><element name="title"><text/></element></define>
  <define name="p"><element name="p"><optional><attribute name="n"><data type="integer"/></attribute></optional><text/></element></define>
</grammar>"#;

fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

#[test]
fn exit_codes_and_messages() {
    let dir = tempfile::tempdir().unwrap();
    let schema = write(dir.path(), "s.rng", SCHEMA);
    let valid = write(
        dir.path(),
        "ok.xml",
        "<doc><title>t</title><p n='3'>x</p></doc>",
    );
    let invalid = write(dir.path(), "bad.xml", "<doc>\n<p n='x'/>\n</doc>");
    let broken = write(dir.path(), "broken.xml", "<doc>\n<title></doc>");

    let o = teikit(&["--schema", &schema, &valid]);
    assert_eq!(code(&o), 0);
    assert!(o.stdout.is_empty());
    assert!(String::from_utf8_lossy(&o.stderr).contains("1 file: 1 valid, 0 invalid, 0 errors"));

    let o = teikit(&["--schema", &schema, &valid, &invalid]);
    assert_eq!(code(&o), 1);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains(&format!("{invalid}:2:11: error: element \"p\" not allowed yet; missing required element \"title\"")),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "{invalid}:2:11: error: value of attribute \"n\" is invalid;"
        )),
        "{out}"
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("2 files: 1 valid, 1 invalid, 0 errors"));

    let o = teikit(&["--schema", &schema, &valid, &invalid, &broken]);
    assert_eq!(code(&o), 2);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains(&format!("{broken}:2:")), "{err}");
    assert!(
        err.contains("3 files: 1 valid, 1 invalid, 1 error"),
        "{err}"
    );

    let o = teikit(&["--schema", &schema, "/nonexistent/file.xml"]);
    assert_eq!(code(&o), 2);
}

#[test]
fn directories_are_walked_for_xml_files_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let schema = write(dir.path(), "s.rng", SCHEMA);
    let docs = dir.path().join("docs");
    write(&docs, "b.xml", "<doc><title/></doc>");
    write(&docs, "a/z.xml", "<doc/>");
    write(&docs, "a/y.xml", "<doc><title/></doc>");
    write(&docs, "notes.txt", "not xml");
    let o = teikit(&["--schema", &schema, &docs.display().to_string()]);
    assert_eq!(code(&o), 1);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        out.contains("z.xml:1:7: error: element \"doc\" incomplete"),
        "{out}"
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("3 files: 2 valid, 1 invalid, 0 errors"));
}

#[test]
fn json_output_carries_the_same_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    let schema = write(dir.path(), "s.rng", SCHEMA);
    let invalid = write(dir.path(), "bad.xml", "<doc><title/><bogus/></doc>");
    let human = teikit(&["--schema", &schema, &invalid]);
    let o = teikit(&["--schema", &schema, "--format", "json", &invalid]);
    assert_eq!(code(&o), 1);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let d = &v["files"][0]["diagnostics"][0];
    assert_eq!(v["files"][0]["status"], "invalid");
    assert_eq!(d["line"], 1);
    assert_eq!(d["column"], 22);
    assert_eq!(d["severity"], "error");
    let line = format!(
        "{}:{}:{}: error: {}\n",
        d["file"].as_str().unwrap(),
        d["line"],
        d["column"],
        d["message"].as_str().unwrap()
    );
    assert_eq!(line, String::from_utf8_lossy(&human.stdout));
    assert_eq!(v["summary"]["invalid"], 1);
}

#[test]
fn schema_only_checks() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.rng", SCHEMA);
    assert_eq!(code(&teikit(&["--schema", &good])), 0);

    let undefined = write(
        dir.path(),
        "undef.rng",
        "<grammar xmlns=\"http://relaxng.org/ns/structure/1.0\">\n<start>\n<ref name=\"nowhere\"/>\n</start>\n</grammar>",
    );
    let o = teikit(&["--schema", &undefined]);
    assert_eq!(code(&o), 2);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains(&format!("{undefined}:3:")), "{err}");

    let looping = write(
        dir.path(),
        "self.rng",
        "<grammar xmlns=\"http://relaxng.org/ns/structure/1.0\">\n<include href=\"self.rng\"/>\n<start><element name=\"a\"><empty/></element></start>\n</grammar>",
    );
    let o = teikit(&["--schema", &looping]);
    assert_eq!(code(&o), 2);
    assert!(String::from_utf8_lossy(&o.stderr).contains("self.rng:"));

    let bad_xml = write(dir.path(), "broken.rng", "<grammar");
    assert_eq!(code(&teikit(&["--schema", &bad_xml])), 2);
}

#[test]
fn embedded_tei_all_is_the_default() {
    let dir = tempfile::tempdir().unwrap();
    let doc = write(
        dir.path(),
        "t.xml",
        r#"<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader><text><body><p>x</p></body></text></TEI>"#,
    );
    let o = teikit(&[&doc]);
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stdout));
    let bad = write(
        dir.path(),
        "u.xml",
        r#"<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt/><publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader><text><body><p>x</p></body></text></TEI>"#,
    );
    let o = teikit(&[&bad]);
    assert_eq!(code(&o), 1);
    assert!(
        String::from_utf8_lossy(&o.stdout)
            .contains("element \"titleStmt\" incomplete; missing required element \"title\""),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
}

/// `--format json` prints exactly one JSON document per run, whatever
/// mix of files, directories and errors it meets, and for schema checks.
#[test]
fn json_is_one_document_per_run() {
    let dir = tempfile::tempdir().unwrap();
    let schema = write(dir.path(), "s.rng", SCHEMA);
    let docs = dir.path().join("docs");
    write(&docs, "a.xml", "<doc><title/></doc>");
    write(&docs, "b.xml", "<doc><p/></doc>");
    write(&docs, "c.xml", "<doc><title/>\n<p>&bogus;</p></doc>");
    let extra = write(dir.path(), "extra.xml", "<doc><title>x</title></doc>");
    let o = teikit(&[
        "--schema",
        &schema,
        "--format",
        "json",
        &docs.display().to_string(),
        &extra,
        "/nonexistent/missing.xml",
    ]);
    assert_eq!(code(&o), 2);
    // from_slice fails on anything after the first document
    let v: serde_json::Value =
        serde_json::from_slice(&o.stdout).expect("exactly one JSON document");
    let files = v["files"].as_array().unwrap();
    let statuses: Vec<&str> = files
        .iter()
        .map(|f| f["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["valid", "invalid", "error", "valid", "error"]);
    assert!(
        files[2]["error"]
            .as_str()
            .unwrap()
            .contains("c.xml:2:4: error: ")
    );
    assert_eq!(v["summary"]["files"], 5);
    assert_eq!(v["summary"]["valid"], 2);
    assert_eq!(v["summary"]["invalid"], 1);
    assert_eq!(v["summary"]["errors"], 2);
    assert_eq!(v["schema"]["status"], "correct");

    // an incorrect schema: still one document, saying why
    let bad = write(
        dir.path(),
        "bad.rng",
        "<grammar xmlns=\"http://relaxng.org/ns/structure/1.0\">\n<start><ref name=\"x\"/></start>\n</grammar>",
    );
    let o = teikit(&["--schema", &bad, "--format", "json", &extra]);
    assert_eq!(code(&o), 2);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("one JSON document");
    assert_eq!(v["schema"]["status"], "error");
    assert!(
        v["schema"]["error"]
            .as_str()
            .unwrap()
            .contains("bad.rng:2:")
    );
    assert_eq!(v["files"].as_array().unwrap().len(), 0);

    // the schema alone
    let o = teikit(&["--schema", &schema, "--format", "json"]);
    assert_eq!(code(&o), 0);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("one JSON document");
    assert_eq!(v["schema"]["status"], "correct");
}
