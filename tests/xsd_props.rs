//! Property tests: no input makes the datatype code panic, and literal
//! text escaped into an XSD pattern matches exactly itself.

use proptest::prelude::*;
use teikit::xsd::{Datatype, Namespaces, XSD_LIBRARY};

/// Escapes every XSD regex metacharacter.
fn escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if ".\\?*+{}()|[]^-".contains(c) {
            out.push('\\');
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out
}

fn string_with_pattern(pattern: &str) -> Result<Datatype, String> {
    Datatype::new(
        XSD_LIBRARY,
        "string",
        &[("pattern".to_owned(), pattern.to_owned())],
    )
    .map_err(|e| e.message)
}

proptest! {
    #[test]
    fn escaped_literals_match_themselves(s in "\\PC{0,12}") {
        let t = string_with_pattern(&escape(&s)).expect("escaped literal is a valid pattern");
        let ns = Namespaces::default();
        prop_assert!(t.allows(&s, &ns).is_ok());
        let longer = format!("{s}x");
        prop_assert!(t.allows(&longer, &ns).is_err());
    }

    #[test]
    fn arbitrary_patterns_never_panic(p in "[a-z\\\\\\[\\]\\-^(){}|.?*+,0-9pPIsdwic&~$]{0,16}") {
        if let Ok(t) = string_with_pattern(&p) {
            let _ = t.allows("abc", &Namespaces::default());
        }
    }

    #[test]
    fn arbitrary_values_never_panic(v in "[-+0-9.eEPYMDTHSZ:a-zA-Z =/%#\u{e9}\u{10000}]{0,24}") {
        let ns = Namespaces::default();
        for name in Datatype::xsd_type_names() {
            let t = Datatype::new(XSD_LIBRARY, name, &[]).expect("builtin");
            let _ = t.allows(&v, &ns);
            let _ = t.equal(&v, &ns, &v, &ns);
        }
    }
}

#[test]
fn datatypes_can_be_shared_between_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Datatype>();
}
