//! Documents that are not well-formed: each kind is refused with
//! `FILE:LINE:COL: error: ...` at the offending character and exit 2, on
//! the line where jing (Xerces) reports it. Errors found before the break
//! are still reported. Needs `jing` on PATH (CI installs it).

use std::path::Path;
use std::process::{Command, Output};

/// Accepts anything well-formed with a `doc` root.
const ANY: &str = r#"<grammar xmlns="http://relaxng.org/ns/structure/1.0">
  <start><element name="doc"><ref name="any"/></element></start>
  <define name="any"><zeroOrMore><choice><attribute><anyName/></attribute><text/>
    <element><anyName/><ref name="any"/></element></choice></zeroOrMore></define>
</grammar>"#;

/// `doc` holds `p`s; `p` holds text and has an optional integer `n`.
const STRICT: &str = r#"<grammar xmlns="http://relaxng.org/ns/structure/1.0"
    datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
  <start><element name="doc"><zeroOrMore><element name="p">
    <optional><attribute name="n"><data type="integer"/></attribute></optional>
    <text/></element></zeroOrMore></element></start>
</grammar>"#;

/// (kind, document, our line:col, a word of our message)
type Case = (&'static str, &'static [u8], (usize, usize), &'static str);

const CASES: &[Case] = &[
    (
        "control-char",
        b"<doc>\n  <p>a\x01b</p>\n</doc>\n",
        (2, 7),
        "U+0001",
    ),
    (
        "control-char-attr",
        b"<doc>\n  <p a=\"x\x02y\">a</p>\n</doc>\n",
        (2, 10),
        "U+0002",
    ),
    (
        "control-char-comment",
        b"<doc>\n  <!-- a\x01 -->\n</doc>\n",
        (2, 9),
        "U+0001",
    ),
    (
        "noncharacter-fffe",
        b"<doc>\n  <p>a\xef\xbf\xbeb</p>\n</doc>\n",
        (2, 7),
        "U+FFFE",
    ),
    (
        "cdata-end-in-text",
        b"<doc>\n  <p>a ]]> b</p>\n</doc>\n",
        (2, 8),
        "]]>",
    ),
    (
        "lt-in-attribute",
        b"<doc>\n  <p a=\"x<y\">a</p>\n</doc>\n",
        (2, 10),
        "'<'",
    ),
    (
        "lt-in-text",
        b"<doc>\n  <p>a < b</p>\n</doc>\n",
        (2, 9),
        "name expected",
    ),
    (
        "double-hyphen-in-comment",
        b"<doc>\n  <!-- a -- b -->\n</doc>\n",
        (2, 11),
        "\"--\"",
    ),
    (
        "comment-ending-in-hyphen",
        b"<doc>\n  <!-- a --->\n</doc>\n",
        (2, 10),
        "\"--\"",
    ),
    (
        "bad-element-name",
        b"<doc>\n  <1p>a</1p>\n</doc>\n",
        (2, 4),
        "legal element name",
    ),
    (
        "bad-attribute-name",
        b"<doc>\n  <p 1a=\"x\">a</p>\n</doc>\n",
        (2, 6),
        "legal attribute name",
    ),
    (
        "xml-declaration-not-first",
        b"\n<?xml version=\"1.0\"?>\n<doc/>\n",
        (2, 3),
        "very start",
    ),
    (
        "xml-declaration-inside",
        b"<doc>\n<?xml version=\"1.0\"?>\n</doc>\n",
        (2, 3),
        "very start",
    ),
    (
        "pi-named-xml",
        b"<doc>\n  <?XML bar?>\n</doc>\n",
        (2, 5),
        "\"xml\"",
    ),
    (
        "bad-xml-version",
        b"<?xml version=\"2.0\"?>\n<doc/>\n",
        (1, 16),
        "version",
    ),
    (
        "bad-standalone",
        b"<?xml version=\"1.0\" standalone=\"maybe\"?>\n<doc/>\n",
        (1, 33),
        "standalone",
    ),
    (
        "unescaped-ampersand",
        b"<doc>\n  <p>a & b</p>\n</doc>\n",
        (2, 9),
        "'&'",
    ),
    (
        "unescaped-ampersand-attr",
        b"<doc>\n  <p a=\"a & b\">a</p>\n</doc>\n",
        (2, 12),
        "'&'",
    ),
    (
        "undefined-entity",
        b"<doc>\n  <p>a &nbsp; b</p>\n</doc>\n",
        (2, 8),
        "\"nbsp\"",
    ),
    (
        "undefined-entity-attr",
        b"<doc>\n  <p a=\"&foo;\">a</p>\n</doc>\n",
        (2, 9),
        "\"foo\"",
    ),
    (
        "entity-without-semicolon",
        b"<doc>\n  <p>a &amp b</p>\n</doc>\n",
        (2, 12),
        "';'",
    ),
    (
        "illegal-char-reference",
        b"<doc>\n  <p>&#1;</p>\n</doc>\n",
        (2, 6),
        "&#1;",
    ),
    (
        "surrogate-char-reference",
        b"<doc>\n  <p>&#xD800;</p>\n</doc>\n",
        (2, 6),
        "&#xD800;",
    ),
    (
        "empty-char-reference",
        b"<doc>\n  <p>&#x;</p>\n</doc>\n",
        (2, 9),
        "hexadecimal",
    ),
    (
        "mismatched-tags",
        b"<doc>\n  <p>a</q>\n</doc>\n",
        (2, 9),
        "\"</p>\"",
    ),
    (
        "duplicate-attribute",
        b"<doc>\n  <p a=\"1\" a=\"2\">a</p>\n</doc>\n",
        (2, 12),
        "twice",
    ),
    (
        "duplicate-attribute-by-namespace",
        b"<doc xmlns:a=\"u\" xmlns:b=\"u\">\n  <p a:x=\"1\" b:x=\"2\">a</p>\n</doc>\n",
        (2, 14),
        "twice",
    ),
    (
        "unquoted-attribute",
        b"<doc>\n  <p a=x>a</p>\n</doc>\n",
        (2, 8),
        "quoted",
    ),
    (
        "attribute-without-value",
        b"<doc>\n  <p a>a</p>\n</doc>\n",
        (2, 7),
        "'='",
    ),
    (
        "no-space-between-attributes",
        b"<doc>\n  <p a=\"1\"b=\"2\">a</p>\n</doc>\n",
        (2, 11),
        "white space",
    ),
    (
        "unbound-prefix",
        b"<doc>\n  <x:p>a</x:p>\n</doc>\n",
        (2, 4),
        "\"x\"",
    ),
    (
        "empty-prefixed-binding",
        b"<doc xmlns:a=\"u\">\n  <p xmlns:a=\"\">a</p>\n</doc>\n",
        (2, 6),
        "empty",
    ),
    (
        "xml-prefix-rebound",
        b"<doc>\n  <p xmlns:xml=\"http://bad\">a</p>\n</doc>\n",
        (2, 6),
        "\"xml\"",
    ),
    (
        "text-after-root",
        b"<doc>\n</doc>\ntext\n",
        (3, 1),
        "after the root",
    ),
    (
        "element-after-root",
        b"<doc>\n</doc>\n<doc/>\n",
        (3, 2),
        "after the root",
    ),
    (
        "text-before-root",
        b"hello\n<doc/>\n",
        (1, 1),
        "before the root",
    ),
    (
        "end-tag-without-start",
        b"</doc>\n",
        (1, 1),
        "without a matching start tag",
    ),
    (
        "no-root",
        b"<?xml version=\"1.0\"?>\n<!-- nothing -->\n",
        (3, 1),
        "no root",
    ),
    ("unclosed-element", b"<doc>\n  <p>a\n", (3, 1), "not closed"),
    (
        "doctype-after-root",
        b"<doc/>\n<!DOCTYPE doc>\n",
        (2, 1),
        "DOCTYPE",
    ),
    (
        "invalid-utf8",
        b"<doc>\n  <p>a\xff</p>\n</doc>\n",
        (2, 7),
        "UTF-8",
    ),
    (
        "overlong-utf8",
        b"<doc>\n<p>\xc0\xaf</p>\n</doc>\n",
        (2, 4),
        "UTF-8",
    ),
    (
        "surrogate-in-utf8",
        b"<doc>\n<p>\xed\xa0\x80</p>\n</doc>\n",
        (2, 4),
        "UTF-8",
    ),
    (
        "bad-utf8-in-a-later-attribute-value",
        b"<doc>\n<p a=\"\xc3\xa9t\xc3\xa9\" b=\"x\xff\">t</p>\n</doc>\n",
        (2, 16),
        "UTF-8",
    ),
    (
        "nul-character",
        b"<doc>\n<p>a\x00b</p>\n</doc>\n",
        (2, 5),
        "U+0000",
    ),
    (
        "cr-line-ends",
        b"<doc>\r<p>\ra & b</p>\r</doc>\r",
        (3, 4),
        "'&'",
    ),
    (
        "unclosed-comment",
        b"<doc>\n<!-- abc\n</doc>\n",
        (3, 7),
        "comment not closed",
    ),
    (
        "unclosed-cdata",
        b"<doc>\n<![CDATA[ abc\n</doc>\n",
        (3, 7),
        "CDATA not closed",
    ),
    (
        "unclosed-pi",
        b"<doc>\n<?pi abc\n</doc>\n",
        (3, 7),
        "not closed",
    ),
    (
        "unclosed-tag",
        b"<doc>\n<p a=\"1\"\n",
        (3, 1),
        "\">\" not found",
    ),
    (
        "unknown-bang-markup",
        b"<doc>\n<!ELEMENT x ANY>\n</doc>\n",
        (2, 3),
        "\"<!\"",
    ),
    (
        "pi-without-target",
        b"<doc>\n<? x?>\n</doc>\n",
        (2, 3),
        "target name expected",
    ),
    (
        "two-doctypes",
        b"<!DOCTYPE doc>\n<!DOCTYPE doc>\n<doc/>\n",
        (2, 1),
        "only one DOCTYPE",
    ),
    (
        "end-tag-with-attribute",
        b"<doc>\n<p>a</p x=\"1\">\n</doc>\n",
        (2, 7),
        "\"</p>\"",
    ),
    (
        "name-starting-with-colon",
        b"<doc>\n<:p/>\n</doc>\n",
        (2, 2),
        "\":p\"",
    ),
    (
        "declaration-without-version",
        b"<?xml encoding=\"UTF-8\"?>\n<doc/>\n",
        (1, 7),
        "version",
    ),
];

fn teikit(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_teikit"))
        .arg("validate")
        .args(args)
        .output()
        .expect("runs")
}

/// The line of jing's fatal error, if it reports one with a position.
fn jing_fatal_line(schema: &Path, doc: &Path) -> Option<usize> {
    let out = Command::new("jing")
        .arg(schema)
        .arg(doc)
        .output()
        .expect("jing is installed");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let line = text.lines().find(|l| l.contains(": fatal: "))?;
    let head = line.split(": fatal: ").next()?;
    let mut parts = head.rsplitn(3, ':');
    let _col = parts.next();
    parts.next()?.parse().ok()
}

#[test]
fn every_kind_is_refused_at_its_position_on_jings_line() {
    let dir = tempfile::tempdir().unwrap();
    let schema = dir.path().join("any.rng");
    std::fs::write(&schema, ANY).unwrap();
    let mut failures = Vec::new();
    for (kind, doc, (line, col), word) in CASES {
        let path = dir.path().join(format!("{kind}.xml"));
        std::fs::write(&path, doc).unwrap();
        let name = path.display().to_string();
        let o = teikit(&["--schema", &schema.display().to_string(), &name]);
        let err = String::from_utf8_lossy(&o.stderr);
        let first = err.lines().next().unwrap_or("");
        let expected = format!("{name}:{line}:{col}: error: ");
        if o.status.code() != Some(2) || !first.starts_with(&expected) || !first.contains(word) {
            failures.push(format!(
                "{kind}: exit {:?}, expected {expected}...{word}..., got {first}",
                o.status.code()
            ));
        }
        if !o.stdout.is_empty() {
            failures.push(format!("{kind}: unexpected stdout"));
        }
        let jing = jing_fatal_line(&schema, &path);
        if jing != Some(*line) {
            failures.push(format!("{kind}: jing reports line {jing:?}, teikit {line}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn an_empty_file_has_no_root() {
    let dir = tempfile::tempdir().unwrap();
    let schema = dir.path().join("any.rng");
    std::fs::write(&schema, ANY).unwrap();
    let path = dir.path().join("empty.xml");
    std::fs::write(&path, b"").unwrap();
    let o = teikit(&[
        "--schema",
        &schema.display().to_string(),
        &path.display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("empty.xml:1:1: error: no root element"),
        "{err}"
    );
}

/// What is well-formed stays accepted: the checks must not refuse legal
/// XML (references, CDATA, comments, PIs, a `>` in an attribute value,
/// CR LF line ends, non-ASCII names).
#[test]
fn legal_xml_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let schema = dir.path().join("any.rng");
    std::fs::write(&schema, ANY).unwrap();
    let doc = "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n\
        <!-- a - comment -->\r\n<?xml-stylesheet href=\"a.css\"?>\n\
        <doc xmlns:é=\"urn:x\" é:ça=\"1\" b='x > y &lt; &#x10FFFF; &#233;'>\
        <p a=\"]]&gt;\">&amp;&lt;&gt;&apos;&quot;&#9;&#x20AC;</p>\
        <![CDATA[<not a tag> & ]] ]>]]><é:élément/><p\n  a = '1'\t/>\
        <?target data?>a ] b ]] c > ]></doc >\r\n<!-- after -->\r<?pi after?>\n";
    let path = dir.path().join("legal.xml");
    std::fs::write(&path, doc).unwrap();
    let o = teikit(&[
        "--schema",
        &schema.display().to_string(),
        &path.display().to_string(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let jing = Command::new("jing")
        .arg(&schema)
        .arg(&path)
        .output()
        .unwrap();
    assert!(jing.status.success(), "jing disagrees");
}

/// Validity errors found before the document breaks off are reported (on
/// stdout, as jing does), then the break (stderr); exit 2.
#[test]
fn errors_before_the_break_are_still_reported() {
    let dir = tempfile::tempdir().unwrap();
    let schema = dir.path().join("strict.rng");
    std::fs::write(&schema, STRICT).unwrap();
    let path = dir.path().join("both.xml");
    std::fs::write(
        &path,
        "<doc>\n  <p n=\"x\">a</p>\n  <q/>\n  <p>a & b</p>\n  <p n=\"y\"/>\n</doc>\n",
    )
    .unwrap();
    let name = path.display().to_string();
    let o = teikit(&["--schema", &schema.display().to_string(), &name]);
    assert_eq!(o.status.code(), Some(2));
    let out = String::from_utf8_lossy(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].starts_with(&format!("{name}:2:")), "{out}");
    assert!(
        lines[0].contains("value of attribute \"n\" is invalid"),
        "{out}"
    );
    assert!(lines[1].starts_with(&format!("{name}:3:")), "{out}");
    assert!(lines[1].contains("element \"q\" not allowed"), "{out}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains(&format!("{name}:4:9: error: ")), "{err}");
    assert!(err.contains("1 file: 0 valid, 0 invalid, 1 error"), "{err}");

    // jing: the same two errors, then its fatal error on line 4
    let j = Command::new("jing")
        .arg(&schema)
        .arg(&path)
        .output()
        .unwrap();
    let jt = String::from_utf8_lossy(&j.stdout);
    let jlines: Vec<usize> = jt
        .lines()
        .filter_map(|l| {
            let head = l.split(": error: ").next()?.split(": fatal: ").next()?;
            let mut p = head.rsplitn(3, ':');
            p.next();
            p.next()?.parse().ok()
        })
        .collect();
    assert_eq!(jlines, vec![2, 3, 4], "{jt}");

    // JSON: the file is an error, and keeps the diagnostics found first
    let o = teikit(&[
        "--schema",
        &schema.display().to_string(),
        "--format",
        "json",
        &name,
    ]);
    assert_eq!(o.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("one JSON document");
    let f = &v["files"][0];
    assert_eq!(f["status"], "error");
    assert_eq!(f["diagnostics"].as_array().unwrap().len(), 2);
    assert!(
        f["error"].as_str().unwrap().contains(":4:9: error: "),
        "{f}"
    );
    assert_eq!(v["summary"]["errors"], 1);
}
