//! Hostile documents: none may crash or hang the validator; each gets a
//! clear error (or passes) in bounded time and memory.

use std::io::{BufRead, BufReader, Read};
use teikit::relaxng::model::{Define, NameClass, Pattern, Schema};
use teikit::relaxng::validate::{ValidateError, Validator};

/// e = element e { e? }, and r = element r { item* } with item = element item { text }.
fn nested_schema() -> Schema {
    let name = |l: &str| NameClass::Name {
        ns: String::new(),
        local: l.into(),
    };
    Schema {
        start: Pattern::Choice(Box::new(Pattern::Ref(0)), Box::new(Pattern::Ref(1))),
        defines: vec![
            Define {
                name: "e".into(),
                name_class: name("e"),
                content: Pattern::Choice(Box::new(Pattern::Ref(0)), Box::new(Pattern::Empty)),
            },
            Define {
                name: "r".into(),
                name_class: name("r"),
                content: Pattern::Choice(
                    Box::new(Pattern::OneOrMore(Box::new(Pattern::Ref(2)))),
                    Box::new(Pattern::Empty),
                ),
            },
            Define {
                name: "item".into(),
                name_class: name("item"),
                content: Pattern::Text,
            },
        ],
    }
}

#[test]
fn nesting_100_000_deep_is_validated_without_recursion() {
    let depth = 100_000;
    let mut doc = "<e>".repeat(depth);
    doc.push_str(&"</e>".repeat(depth));
    let mut v = Validator::new(nested_schema());
    let errs = v.validate("deep.xml", doc.as_bytes()).expect("well-formed");
    assert!(errs.is_empty(), "{:?}", errs.first());
    // the same depth, invalid at the bottom: the undefined element is
    // reported (and, as jing does, once more where the defined element
    // directly inside it ends); its subtree is still validated
    let mut doc = "<e>".repeat(depth);
    doc.push_str("<x>");
    doc.push_str(&"<e>".repeat(1000));
    doc.push_str(&"</e>".repeat(1000));
    doc.push_str("</x>");
    doc.push_str(&"</e>".repeat(depth));
    let errs = v.validate("deep.xml", doc.as_bytes()).expect("well-formed");
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert!(
        errs.iter()
            .all(|e| e.message.contains("\"x\" not allowed anywhere"))
    );
}

/// Streams `<r>` then `n` items then `</r>` without holding the document.
struct Generated {
    n: usize,
    i: usize,
    buf: Vec<u8>,
    pos: usize,
    done: bool,
}

impl Read for Generated {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.pos == self.buf.len() {
            self.buf.clear();
            self.pos = 0;
            if self.i == 0 {
                self.buf.extend_from_slice(b"<r>\n");
            }
            if self.i < self.n {
                for _ in 0..1000.min(self.n - self.i) {
                    self.buf
                        .extend_from_slice(b"  <item>some text &amp; more</item>\n");
                    self.i += 1;
                }
            } else if !self.done {
                self.buf.extend_from_slice(b"</r>\n");
                self.done = true;
            }
        }
        let n = out.len().min(self.buf.len() - self.pos);
        out[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

#[test]
fn a_large_document_streams() {
    // ~36 MB, never held in memory: the reader generates it as it goes.
    let n = 1_000_000;
    let reader: Box<dyn BufRead> = Box::new(BufReader::new(Generated {
        n,
        i: 0,
        buf: Vec::new(),
        pos: 0,
        done: false,
    }));
    let mut v = Validator::new(nested_schema());
    let errs = v.validate("big.xml", reader).expect("well-formed");
    assert!(errs.is_empty(), "{:?}", errs.first());
}

#[test]
fn entity_expansion_bombs_are_refused() {
    let mut doc = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE r [\n <!ENTITY a0 \"lol\">\n");
    for i in 1..10 {
        let prev = format!("&a{};", i - 1);
        doc.push_str(&format!(" <!ENTITY a{i} \"{}\">\n", prev.repeat(10)));
    }
    doc.push_str("]>\n<r><item>&a9;</item></r>\n");
    let mut v = Validator::new(nested_schema());
    match v.validate("bomb.xml", doc.as_bytes()) {
        Err(ValidateError::NotWellFormed {
            message,
            line,
            column,
            ..
        }) => {
            // refused at the reference, within the byte budget, quickly
            assert!(message.contains("entity expansion bomb"), "{message}");
            assert_eq!((line, column), (14, 10));
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn external_entities_are_never_fetched() {
    let mut v = Validator::new(nested_schema());
    // an external DTD subset is ignored, not fetched
    let doc = "<!DOCTYPE r SYSTEM \"http://example.invalid/never.dtd\">\n<r><item>x</item></r>";
    assert!(v.validate("ext.xml", doc.as_bytes()).unwrap().is_empty());
    // an external entity declaration is refused
    let doc = "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<r><item>&x;</item></r>";
    assert!(matches!(
        v.validate("ext.xml", doc.as_bytes()),
        Err(ValidateError::NotWellFormed { .. })
    ));
    // an undeclared entity is an error, not an expansion
    let doc = "<r><item>&x;</item></r>";
    assert!(matches!(
        v.validate("ext.xml", doc.as_bytes()),
        Err(ValidateError::NotWellFormed { .. })
    ));
}

#[test]
fn garbage_and_truncated_input_are_errors() {
    let mut v = Validator::new(nested_schema());
    for doc in [
        "",
        "not xml at all",
        "<r><item>x</item>",
        "<r><item>x</r></item>",
        "<r a='1' a='2'/>",
        "<p:r/>",
        "<r>\u{0}</r>",
    ] {
        match v.validate("bad.xml", doc.as_bytes()) {
            Err(ValidateError::NotWellFormed { .. }) => {}
            Ok(d) if !d.is_empty() => {}
            other => panic!("{doc:?}: {other:?}"),
        }
    }
    let bytes: &[u8] = b"<r><item>\xff\xfe</item></r>";
    assert!(v.validate("bin.xml", bytes).is_err());
}

#[test]
fn tei_nested_100_000_divs_deep_against_tei_all() {
    let schema = teikit::schemas::load_tei_all().expect("tei_all loads");
    let mut v = Validator::new(schema);
    let n = 100_000;
    let mut doc = String::from(
        "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader><text><body>",
    );
    doc.push_str(&"<div>".repeat(n));
    doc.push_str("<p>x</p>");
    doc.push_str(&"</div>".repeat(n));
    doc.push_str("</body></text></TEI>");
    let errs = v
        .validate("deep-tei.xml", doc.as_bytes())
        .expect("well-formed");
    assert!(errs.is_empty(), "{:?}", errs.first());
    // and the same depth with an undefined element at the bottom: one error
    let broken = doc.replacen("<p>x</p>", "<p>x</p><bogus/>", 1);
    let errs = v
        .validate("deep-tei.xml", broken.as_bytes())
        .expect("well-formed");
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0]
            .message
            .starts_with("element \"bogus\" not allowed anywhere"),
        "{}",
        errs[0].message
    );
}

/// A bomb spread over many references (each one small enough) is refused
/// too: the byte budget is the whole document's.
#[test]
fn entity_budget_is_per_document() {
    let big = "x".repeat(1 << 20);
    let mut doc = format!("<!DOCTYPE r [<!ENTITY big \"{big}\">]>\n<r>\n");
    for _ in 0..20 {
        doc.push_str("<item>&big;</item>\n");
    }
    doc.push_str("</r>\n");
    let started = std::time::Instant::now();
    let mut v = Validator::new(nested_schema());
    match v.validate("spread.xml", doc.as_bytes()) {
        Err(ValidateError::NotWellFormed { message, line, .. }) => {
            assert!(message.contains("entity expansion bomb"), "{message}");
            // the budget (8 MiB) is spent by eight references: the ninth
            // (line 11) is refused
            assert_eq!(line, 11);
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

/// Internal entities are expanded, in content and attribute values.
#[test]
fn internal_entities_are_expanded() {
    let doc = "<!DOCTYPE r [<!ENTITY ed \"the editor\"><!ENTITY two \"&ed; &amp; &ed;\">]>\n\
               <r><item>&two;</item><item>&ed;</item></r>";
    let mut v = Validator::new(nested_schema());
    assert_eq!(v.validate("ok.xml", doc.as_bytes()).unwrap(), vec![]);
}
