//! Other people's TEI: documents in UTF-16 (with a byte-order mark),
//! ISO-8859-1 and windows-1252, and documents whose DOCTYPE declares
//! entities, validate like jing (the same errors, line and message); an
//! entity bomb, an external entity and an encoding teikit does not read
//! are clear errors (exit 2). Needs `jing` on PATH.

use std::io::{BufReader, Read};
use std::path::Path;
use std::process::{Command, Output};
use teikit::relaxng::model::{Define, NameClass, Pattern, Schema};
use teikit::relaxng::validate::Validator;

const SCHEMA: &str = r#"<grammar xmlns="http://relaxng.org/ns/structure/1.0"
    datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
  <start><element name="doc"><zeroOrMore><element name="p">
    <optional><attribute name="n"><data type="integer"/></attribute></optional>
    <optional><attribute name="t"/></optional>
    <text/></element></zeroOrMore></element></start>
</grammar>"#;

/// Line 3 valid, line 4 a bad attribute, line 5 an undefined element;
/// non-ASCII text throughout, so that columns count characters.
fn document(encoding: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"{encoding}\"?>\n<doc>\n\
         <p n=\"1\">Größe — “quoted” café</p>\n<p n=\"x\">Ünïcödé</p>\n<é/>\n</doc>\n"
    )
}

fn teikit(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_teikit"))
        .arg("validate")
        .args(args)
        .output()
        .expect("runs")
}

/// `line:col: message` of each error line, without the file.
fn errors(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| {
            let (head, msg) = l.split_once(": error: ")?;
            let mut parts = head.rsplitn(3, ':');
            let col = parts.next()?;
            let line = parts.next()?;
            Some(format!("{line}:{col}: {msg}"))
        })
        .collect()
}

fn compare(schema: &Path, doc: &Path) -> (Output, Vec<String>, Vec<String>) {
    let ours = teikit(&[
        "--schema",
        &schema.display().to_string(),
        &doc.display().to_string(),
    ]);
    let theirs = Command::new("jing")
        .arg(schema)
        .arg(doc)
        .output()
        .expect("jing is installed");
    let a = errors(&String::from_utf8_lossy(&ours.stdout));
    let b = errors(&String::from_utf8_lossy(&theirs.stdout));
    (ours, a, b)
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for u in text.encode_utf16() {
        let b = if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        };
        out.extend_from_slice(&b);
    }
    out
}

/// ISO-8859-1 or windows-1252 bytes of `text` (only the characters used here).
fn eight_bit(text: &str, windows: bool) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '—' if windows => 0x97,
            '“' if windows => 0x93,
            '”' if windows => 0x94,
            '—' => b'-',
            '“' | '”' => b'"',
            c => u8::try_from(u32::from(c)).expect("a Latin-1 character"),
        })
        .collect()
}

#[test]
fn encoded_documents_validate_like_jing() {
    let dir = tempfile::tempdir().unwrap();
    let schema = dir.path().join("s.rng");
    std::fs::write(&schema, SCHEMA).unwrap();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("utf16le.xml", utf16(&document("UTF-16"), false)),
        ("utf16be.xml", utf16(&document("UTF-16"), true)),
        ("latin1.xml", eight_bit(&document("ISO-8859-1"), false)),
        ("cp1252.xml", eight_bit(&document("windows-1252"), true)),
        ("utf8-bom.xml", {
            let mut v = b"\xEF\xBB\xBF".to_vec();
            v.extend_from_slice(document("UTF-8").as_bytes());
            v
        }),
    ];
    for (name, bytes) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let (ours, a, b) = compare(&schema, &path);
        assert_eq!(ours.status.code(), Some(1), "{name}: {a:?}");
        assert_eq!(a.len(), 2, "{name}: {a:?}");
        assert!(
            a[0].starts_with("4:10: value of attribute \"n\""),
            "{name}: {a:?}"
        );
        assert!(
            a[1].starts_with("5:5: element \"é\" not allowed"),
            "{name}: {a:?}"
        );
        assert_eq!(a, b, "{name}: teikit and jing differ");
    }
}

#[test]
fn doctype_entities_are_expanded_like_jing() {
    let dir = tempfile::tempdir().unwrap();
    let schema = dir.path().join("s.rng");
    std::fs::write(&schema, SCHEMA).unwrap();
    let doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE doc [\n <!ENTITY ed \"the editor\">\n \
               <!ENTITY mdash \"&#x2014;\">\n <!ENTITY two \"&ed; and &ed;\">\n \
               <!ENTITY num \"12\">\n <!ENTITY word \"twelve\">\n]>\n<doc>\n\
               <p n=\"&num;\" t=\"&two;\">By &ed;&mdash;&two;</p>\n<p n=\"&word;\">x</p>\n\
               <q>&ed;</q>\n</doc>\n";
    let path = dir.path().join("entities.xml");
    std::fs::write(&path, doc).unwrap();
    let (ours, a, b) = compare(&schema, &path);
    assert_eq!(ours.status.code(), Some(1));
    assert_eq!(a.len(), 2, "{a:?}");
    assert!(a[0].starts_with("11:15: value of attribute \"n\""), "{a:?}");
    assert_eq!(a, b);
}

#[test]
fn unreadable_encodings_and_entities_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let schema = dir.path().join("s.rng");
    std::fs::write(&schema, SCHEMA).unwrap();
    let cases: &[(&str, &[u8], &str)] = &[
        (
            "sjis.xml",
            b"<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>\n<doc/>\n",
            ":1:31: error: unsupported encoding \"Shift_JIS\"",
        ),
        (
            "surrogate.xml",
            b"\xFF\xFE<\0d\0o\0c\0>\0\n\0x\0\x00\xD8<\0/\0d\0o\0c\0>\0",
            ":2:2: error: ",
        ),
        (
            "external.xml",
            b"<!DOCTYPE doc [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<doc>\n<p>&x;</p>\n</doc>\n",
            ":3:4: error: entity \"x\" is external",
        ),
        (
            "external-subset.xml",
            b"<!DOCTYPE doc SYSTEM \"http://example.invalid/never.dtd\">\n<doc><p>&nbsp;</p></doc>\n",
            ":2:9: error: the entity \"nbsp\" was referenced, but not declared",
        ),
        (
            "markup.xml",
            b"<!DOCTYPE doc [<!ENTITY m \"<p>x</p>\">]>\n<doc>\n&m;\n</doc>\n",
            ":3:1: error: entity \"m\" contains markup",
        ),
        (
            "recursive.xml",
            b"<!DOCTYPE doc [<!ENTITY a \"&b;\"><!ENTITY b \"&a;\">]>\n<doc><p>&a;</p></doc>\n",
            ":2:9: error: entity \"a\" refers to itself",
        ),
        (
            "bad-doctype.xml",
            b"<!DOCTYPE doc [<!ENTITY a>]>\n<doc/>\n",
            ":1:",
        ),
    ];
    for (name, bytes, expected) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let o = teikit(&[
            "--schema",
            &schema.display().to_string(),
            &path.display().to_string(),
        ]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{name}: {err}");
        assert!(
            err.contains(&format!("{}{expected}", path.display())),
            "{name}: {err}"
        );
    }
}

/// A UTF-16 document streams through the decoder: 1,000,000 items (about
/// 72 MB of UTF-16) are validated without the document ever being held.
#[test]
fn utf16_documents_stream() {
    struct Utf16Stream {
        n: usize,
        i: usize,
        buf: Vec<u8>,
        pos: usize,
        done: bool,
    }
    impl Read for Utf16Stream {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            if self.pos == self.buf.len() {
                self.buf.clear();
                self.pos = 0;
                let mut text = String::new();
                if self.i == 0 && !self.done && self.n > 0 && self.buf.is_empty() {
                    self.buf.extend_from_slice(&[0xFF, 0xFE]);
                    text.push_str("<doc>\n");
                }
                if self.i < self.n {
                    for _ in 0..1000.min(self.n - self.i) {
                        text.push_str("  <p n=\"7\">Größe &amp; more</p>\n");
                        self.i += 1;
                    }
                } else if !self.done {
                    text.push_str("</doc>\n");
                    self.done = true;
                }
                for u in text.encode_utf16() {
                    self.buf.extend_from_slice(&u.to_le_bytes());
                }
            }
            let n = out.len().min(self.buf.len() - self.pos);
            out[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
            self.pos += n;
            Ok(n)
        }
    }
    let name = |l: &str| NameClass::Name {
        ns: String::new(),
        local: l.into(),
    };
    let schema = Schema {
        start: Pattern::Ref(0),
        defines: vec![
            Define {
                name: "doc".into(),
                name_class: name("doc"),
                content: Pattern::Choice(
                    Box::new(Pattern::OneOrMore(Box::new(Pattern::Ref(1)))),
                    Box::new(Pattern::Empty),
                ),
            },
            Define {
                name: "p".into(),
                name_class: name("p"),
                content: Pattern::Group(
                    Box::new(Pattern::Attribute(name("n"), Box::new(Pattern::Text))),
                    Box::new(Pattern::Text),
                ),
            },
        ],
    };
    let reader = BufReader::new(Utf16Stream {
        n: 1_000_000,
        i: 0,
        buf: Vec::new(),
        pos: 0,
        done: false,
    });
    let mut v = Validator::new(schema);
    let errs = v.validate("big16.xml", reader).expect("well-formed");
    assert!(errs.is_empty(), "{:?}", errs.first());
}
