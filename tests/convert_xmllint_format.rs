//! Issue 4, section 4: re-indenting the converter's output with
//! `xmllint --format` changes no word. libxml2 (keepBlanks=0) drops a
//! whitespace-only text node followed by a tag when the element's first
//! child and the node's previous sibling are not text, unless
//! `xml:space="preserve"` is in scope; the converter must never leave such a
//! node where it separates words. Checked for every `tei/` file, every
//! converter fixture and generated input, once and after formatting twice.

use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use teikit::text::{TextOptions, text_layer};

fn files(dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    v.sort();
    v
}

/// `xmllint --format` of `xml`, as a string.
fn xmllint_format(xml: &str) -> String {
    use std::io::Write;
    let mut child = Command::new("xmllint")
        .args(["--format", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("xmllint on PATH");
    let mut stdin = child.stdin.take().unwrap();
    let input = xml.as_bytes().to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(
        out.status.success(),
        "xmllint --format failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn layer(xml: &str) -> String {
    text_layer(xml, &TextOptions::default()).unwrap().text
}

/// `teikit diff original formatted` must exit 0 and report no change.
fn diff_reports_nothing(original: &Path, formatted_xml: &str, label: &str) {
    let dir = tempfile::tempdir().unwrap();
    let formatted = dir.path().join("formatted.xml");
    std::fs::write(&formatted, formatted_xml).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_teikit"))
        .arg("diff")
        .arg(original)
        .arg(&formatted)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{label}: teikit diff after xmllint --format reports changes:\n{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!stdout.contains("change:"), "{label}: {stdout}");
}

/// The whole check for one converter output `xml` of transcription
/// `original`; whether xmllint changed the file at all (an output with no
/// mixed content xmllint would re-indent can come out as it went in).
fn check(original: &Path, xml: &str, label: &str) -> bool {
    let once = xmllint_format(xml);
    assert_eq!(
        layer(&once),
        layer(xml),
        "{label}: text layer changed by xmllint --format"
    );
    diff_reports_nothing(original, &once, label);
    let twice = xmllint_format(&once);
    assert_eq!(
        layer(&twice),
        layer(xml),
        "{label}: text layer changed by a second xmllint --format"
    );
    diff_reports_nothing(original, &twice, &format!("{label} (formatted twice)"));
    once != xml
}

/// The check is no check if xmllint changed nothing: most files must
/// come out of it re-indented.
fn most_reindented(changed: usize, total: usize) {
    assert!(
        changed * 2 > total,
        "xmllint --format changed only {changed} of {total} files: is it re-indenting?"
    );
}

#[test]
fn committed_tei_survives_xmllint_format() {
    let tei = files("tei", "xml");
    assert!(tei.len() >= 9);
    let mut changed = 0;
    for path in &tei {
        let stem = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let original = Path::new("corpus").join(format!("{stem}.txt"));
        let xml = std::fs::read_to_string(path).unwrap();
        changed += usize::from(check(&original, &xml, &path.display().to_string()));
    }
    most_reindented(changed, tei.len());
}

#[test]
fn fixture_outputs_survive_xmllint_format() {
    let fixtures = files("tests/fixtures/convert", "txt");
    assert!(fixtures.len() >= 15);
    let mut changed = 0;
    for path in &fixtures {
        let bytes = std::fs::read(path).unwrap();
        let xml = teikit::convert::convert(&bytes).unwrap().xml;
        changed += usize::from(check(path, &xml, &path.display().to_string()));
    }
    most_reindented(changed, fixtures.len());
}

/// Mixed content that starts with an element, in every place the converter
/// writes one: a signature with a date, a header block on one line, names
/// side by side in a salutation, brackets next to each other.
#[test]
fn word_separating_spaces_after_leading_elements_survive() {
    let input = "CIPHERED TELEGRAM No. 7 Copies: Stalin (2) From BEIJING Received 21:15 21.6.1951 SERIES \"G\" T\n\n\
                 To Comrade FILIPPOV [Stalin]\n\n\
                 FILIPPOV [Stalin] [we should] Kaesong Moscow [...] [....] ask.\n\n\
                 [we should] [...] go 30.6.1951 11:20 Moscow.\n\n\
                 MAO ZEDONG, ZHOU ENLAI 13.1.51 4:00.\"\n";
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("x.txt");
    std::fs::write(&original, input).unwrap();
    let xml = teikit::convert::convert(input.as_bytes()).unwrap().xml;
    assert!(
        check(&original, &xml, "inline sample"),
        "xmllint re-indents it"
    );
}

fn gen_line() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "FILIPPOV",
            "[Stalin]",
            "[we should]",
            "[...]",
            "Kaesong",
            "Moscow",
            "MAO ZEDONG",
            "30.6.1951",
            "11:20",
            "13.1.51",
            "Comrade",
            "To",
            "From",
            "BEIJING",
            "Received",
            "Copies:",
            "Stalin (2)",
            "No.",
            "21334",
            "\"",
            "a",
            "word",
            ".",
            ",",
            "- 1.",
            "a)",
        ]),
        1..8,
    )
    .prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Generated lines made of the pieces the converter marks up, joined by
    /// single spaces: formatting keeps every word apart.
    #[test]
    fn generated_input_survives_xmllint_format(
        blocks in prop::collection::vec(prop::collection::vec(gen_line(), 1..3), 1..5)
    ) {
        let input: String = blocks.iter().map(|b| b.join("\n")).collect::<Vec<_>>().join("\n\n") + "\n";
        let xml = teikit::convert::convert(input.as_bytes()).unwrap().xml;
        let once = xmllint_format(&xml);
        prop_assert_eq!(layer(&once), layer(&xml), "input:\n{}\nxml:\n{}\nformatted:\n{}", input, xml, once);
        let twice = xmllint_format(&once);
        prop_assert_eq!(layer(&twice), layer(&xml));
    }
}
