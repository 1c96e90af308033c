//! The well-formedness rules of XML 1.0 and Namespaces in XML that
//! quick-xml (a lax, fast tokenizer) leaves to its caller: legal
//! characters, references, names, attribute syntax, comments, processing
//! instructions and the XML declaration.
//!
//! Each check takes the raw bytes of one event and returns the first
//! [`Flaw`] with its byte offset in those bytes, so that the caller can
//! report it at its exact `line:col`. The checks are single passes over the
//! bytes with a table lookup per byte, cheap next to validation.

use crate::doctype::predefined;
use crate::xsd::names::{is_name, is_ncname};

/// A well-formedness error at byte offset `at` of the checked bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flaw {
    /// Byte offset of the offending character in the checked slice.
    pub at: usize,
    /// What is wrong, in a sentence without a capital or a full stop.
    pub message: String,
}

impl Flaw {
    fn new(at: usize, message: impl Into<String>) -> Self {
        Flaw {
            at,
            message: message.into(),
        }
    }

    /// The same flaw, `by` bytes further on (the checked slice started
    /// `by` bytes into a larger one).
    pub fn shifted(mut self, by: usize) -> Self {
        self.at += by;
        self
    }
}

/// Where character data sits: its rules differ a little.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// Element content: `]]>` is forbidden.
    Content,
    /// An attribute value: `<` is forbidden.
    Attribute,
    /// A comment, processing instruction or CDATA section: no references.
    Literal,
}

/// Bytes that need a closer look: ASCII controls other than tab, newline
/// and carriage return; `&`, `<`, `]`; and 0xEF (U+FFFE and U+FFFF start
/// with it).
static SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = !matches!(b, 0x09 | 0x0A | 0x0D);
        b += 1;
    }
    t[b'&' as usize] = true;
    t[b'<' as usize] = true;
    t[b']' as usize] = true;
    t[0xEF] = true;
    t
};

/// Whether none of the 8 bytes of `word` needs a look in any context: no
/// byte below 0x20 (controls and white space), no `&`, `<`, `]` or 0xEF.
/// Tested a word at a time (SWAR): a byte below `n` sets its top bit in
/// `(x - n) & !x`, and a byte equal to `c` is a zero byte of `x ^ c`.
fn plain_word(word: &[u8]) -> bool {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let x = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
    let zero = |v: u64| v.wrapping_sub(LO) & !v & HI;
    let flagged = (x.wrapping_sub(LO * 0x20) & !x & HI)
        | zero(x ^ (LO * u64::from(b'&')))
        | zero(x ^ (LO * u64::from(b'<')))
        | zero(x ^ (LO * u64::from(b']')))
        | zero(x ^ (LO * 0xEF));
    flagged == 0
}

/// How general entity references are resolved. The five predefined
/// entities need no declaration and are never asked for.
pub trait Entities {
    /// The replacement text of the entity `name` (`Ok(None)`: not
    /// declared; `Err`: it may not be used, with why).
    fn replacement(&mut self, name: &str) -> Result<Option<String>, String>;
}

/// No declared entities: only the predefined ones.
pub struct Predefined;

impl Entities for Predefined {
    fn replacement(&mut self, _name: &str) -> Result<Option<String>, String> {
        Ok(None)
    }
}

/// Whether `c` matches the `Char` production of XML 1.0.
pub fn is_xml_char(c: u32) -> bool {
    matches!(c, 0x9 | 0xA | 0xD | 0x20..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
}

/// Checks character data (`raw` as written) and appends its value, with
/// references replaced, to `out` (when `Some`). In attribute values each
/// white-space character written literally becomes a space (a CR LF pair
/// one space), as XML 1.0 §3.3.3 normalises them; in content a CR LF pair
/// or a lone CR becomes a newline (§2.11).
pub fn check_chars(
    raw: &[u8],
    context: Context,
    entities: &mut dyn Entities,
    out: Option<&mut String>,
) -> Result<(), Flaw> {
    let text = std::str::from_utf8(raw).map_err(|e| {
        Flaw::new(
            e.valid_up_to(),
            "invalid byte sequence: the document is not valid UTF-8",
        )
    })?;
    check_text(text, context, entities, out)
}

/// [`check_chars`] for text already known to be UTF-8.
pub fn check_text(
    text: &str,
    context: Context,
    entities: &mut dyn Entities,
    mut out: Option<&mut String>,
) -> Result<(), Flaw> {
    let raw = text.as_bytes();
    let mut i = 0;
    let mut copied = 0;
    while i < raw.len() {
        // Whole words of plain bytes are skipped; a word with a byte that
        // may need a look is gone through byte by byte.
        while i + 8 <= raw.len() && plain_word(&raw[i..i + 8]) {
            i += 8;
        }
        let word_end = (i + 8).min(raw.len());
        while i < word_end {
            let b = raw[i];
            // Literal white space is normalised in attribute values.
            let normalised =
                b == b'\r' || (context == Context::Attribute && matches!(b, b'\t' | b'\n'));
            if !SPECIAL[b as usize] && !normalised {
                i += 1;
                continue;
            }
            match b {
                b'&' if context != Context::Literal => {
                    let (len, value) = reference(&raw[i..], entities).map_err(|f| f.shifted(i))?;
                    if let Some(o) = out.as_deref_mut() {
                        o.push_str(&text[copied..i]);
                        match value {
                            Replacement::Char(c) => o.push(c),
                            Replacement::Text(t) => {
                                if context == Context::Attribute {
                                    o.extend(t.chars().map(|c| {
                                        if matches!(c, '\t' | '\n' | '\r') {
                                            ' '
                                        } else {
                                            c
                                        }
                                    }));
                                } else {
                                    o.push_str(&t);
                                }
                            }
                        }
                    }
                    i += len;
                    copied = i;
                }
                b'<' if context == Context::Attribute => {
                    return Err(Flaw::new(
                        i,
                        "an attribute value must not contain the '<' character",
                    ));
                }
                b']' if context == Context::Content && raw[i..].starts_with(b"]]>") => {
                    return Err(Flaw::new(
                        i,
                        "the character sequence \"]]>\" must not appear in content \
                     unless it ends a CDATA section",
                    ));
                }
                0xEF if raw.get(i + 1) == Some(&0xBF)
                    && matches!(raw.get(i + 2), Some(0xBE | 0xBF)) =>
                {
                    return Err(Flaw::new(
                        i,
                        format!(
                            "invalid XML character (U+{})",
                            if raw[i + 2] == 0xBE { "FFFE" } else { "FFFF" }
                        ),
                    ));
                }
                b'\r' | b'\t' | b'\n' => {
                    let crlf = b == b'\r' && raw.get(i + 1) == Some(&b'\n');
                    if let Some(o) = out.as_deref_mut() {
                        o.push_str(&text[copied..i]);
                        o.push(match (context, b) {
                            (Context::Attribute, _) => ' ',
                            (_, b'\t') => '\t',
                            _ => '\n',
                        });
                    }
                    i += if crlf { 2 } else { 1 };
                    copied = i;
                }
                _ if b < 0x20 => {
                    return Err(Flaw::new(i, format!("invalid XML character (U+{b:04X})")));
                }
                _ => i += 1,
            }
        }
    }
    if let Some(o) = out {
        o.push_str(&text[copied..]);
    }
    Ok(())
}

enum Replacement {
    Char(char),
    Text(String),
}

/// Parses the reference at the start of `raw` (which starts with `&`):
/// its length and value.
fn reference(raw: &[u8], entities: &mut dyn Entities) -> Result<(usize, Replacement), Flaw> {
    if raw.get(1) == Some(&b'#') {
        let hex = raw.get(2) == Some(&b'x');
        let start = if hex { 3 } else { 2 };
        let digits = raw[start..]
            .iter()
            .take_while(|b| {
                if hex {
                    b.is_ascii_hexdigit()
                } else {
                    b.is_ascii_digit()
                }
            })
            .count();
        if digits == 0 {
            return Err(Flaw::new(
                start,
                if hex {
                    "a hexadecimal number must immediately follow \"&#x\" in a character reference"
                } else {
                    "a decimal number must immediately follow \"&#\" in a character reference"
                },
            ));
        }
        let end = start + digits;
        let written = String::from_utf8_lossy(&raw[..end]).into_owned();
        if raw.get(end) != Some(&b';') {
            return Err(Flaw::new(
                end,
                format!("the character reference \"{written}\" must end with ';'"),
            ));
        }
        let digits = std::str::from_utf8(&raw[start..end]).unwrap_or("");
        let value = u32::from_str_radix(digits, if hex { 16 } else { 10 }).unwrap_or(u32::MAX);
        match char::from_u32(value).filter(|&c| is_xml_char(c as u32)) {
            Some(c) => Ok((end + 1, Replacement::Char(c))),
            None => Err(Flaw::new(
                0,
                format!("character reference \"{written};\" is not a legal XML character"),
            )),
        }
    } else {
        let rest = &raw[1..];
        let len = rest
            .iter()
            .position(|&b| matches!(b, b';' | b'&' | b'<' | b'"' | b'\'') || b <= b' ')
            .unwrap_or(rest.len());
        let name = std::str::from_utf8(&rest[..len]).unwrap_or("");
        if len == 0 || !is_name(name) {
            return Err(Flaw::new(
                1,
                "the entity name must immediately follow the '&' in an entity reference \
                 (write a literal '&' as \"&amp;\")",
            ));
        }
        if rest.get(len) != Some(&b';') {
            return Err(Flaw::new(
                1 + len,
                format!("the reference to entity \"{name}\" must end with ';'"),
            ));
        }
        if let Some(c) = predefined(name) {
            return Ok((len + 2, Replacement::Char(c)));
        }
        match entities.replacement(name) {
            Ok(Some(t)) => Ok((len + 2, Replacement::Text(t))),
            Ok(None) => Err(Flaw::new(
                0,
                format!("the entity \"{name}\" was referenced, but not declared"),
            )),
            Err(why) => Err(Flaw::new(0, why)),
        }
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Whether `name` is a QName: an NCName, or two joined by one colon.
pub fn is_qname(name: &str) -> bool {
    match memchr::memchr(b':', name.as_bytes()) {
        None => is_ncname(name),
        Some(i) => is_ncname(&name[..i]) && is_ncname(&name[i + 1..]),
    }
}

fn name_flaw(at: usize, name: &str, what: &str) -> Flaw {
    if name.is_empty() {
        Flaw::new(at, format!("{what} name expected"))
    } else if is_name(name) {
        Flaw::new(
            at,
            format!(
                "\"{name}\" is not a legal {what} name in a namespace-aware document (one colon at most, not first or last)"
            ),
        )
    } else {
        Flaw::new(at, format!("\"{name}\" is not a legal {what} name"))
    }
}

/// One attribute of a start tag: byte ranges of its name and of its value
/// (between the quotes) in the tag's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawAttribute {
    /// The name, as written.
    pub name: std::ops::Range<usize>,
    /// The value as written, without its quotes.
    pub value: std::ops::Range<usize>,
}

/// Parses a start tag (`raw`: the bytes between `<` and `>`, without the
/// `/` of an empty-element tag): the length of the element name, and the
/// attributes. Checks names and the attribute syntax, and that no
/// attribute is written twice; values are checked by the caller.
pub fn start_tag(raw: &[u8], attrs: &mut Vec<RawAttribute>) -> Result<usize, Flaw> {
    start_tag_in(raw, std::str::from_utf8(raw).ok(), attrs)
}

/// The characters of `raw[range]`: a slice of `text` (the whole of `raw`,
/// when it is UTF-8), else decoded alone; U+FFFD when not UTF-8.
pub fn piece<'a>(raw: &'a [u8], text: Option<&'a str>, range: std::ops::Range<usize>) -> &'a str {
    text.and_then(|t| t.get(range.clone()))
        .or_else(|| std::str::from_utf8(&raw[range]).ok())
        .unwrap_or("\u{FFFD}")
}

/// [`start_tag`] with the tag's characters when it is all UTF-8 (`text`:
/// decoded once, for the caller to use too).
pub fn start_tag_in(
    raw: &[u8],
    text: Option<&str>,
    attrs: &mut Vec<RawAttribute>,
) -> Result<usize, Flaw> {
    attrs.clear();
    let name_len = raw.iter().position(|&b| is_space(b)).unwrap_or(raw.len());
    let name = piece(raw, text, 0..name_len);
    if !is_qname(name) {
        return Err(name_flaw(0, name, "element"));
    }
    let mut i = name_len;
    loop {
        let ws = raw[i..].iter().take_while(|&&b| is_space(b)).count();
        i += ws;
        if i == raw.len() {
            break;
        }
        if ws == 0 {
            return Err(Flaw::new(
                i,
                "white space is required between attributes, and before \">\" or \"/>\"",
            ));
        }
        let start = i;
        let len = raw[i..]
            .iter()
            .position(|&b| is_space(b) || matches!(b, b'=' | b'"' | b'\'' | b'/'))
            .unwrap_or(raw.len() - i);
        let name = piece(raw, text, i..i + len);
        if !is_qname(name) {
            return Err(name_flaw(i, name, "attribute"));
        }
        i += len;
        i += raw[i..].iter().take_while(|&&b| is_space(b)).count();
        if raw.get(i) != Some(&b'=') {
            return Err(Flaw::new(
                i,
                format!("attribute \"{name}\" must be followed by '='"),
            ));
        }
        i += 1;
        i += raw[i..].iter().take_while(|&&b| is_space(b)).count();
        let quote = match raw.get(i) {
            Some(&q @ (b'"' | b'\'')) => q,
            _ => {
                return Err(Flaw::new(
                    i,
                    format!("the value of attribute \"{name}\" must be quoted"),
                ));
            }
        };
        let vstart = i + 1;
        let Some(vlen) = memchr::memchr(quote, &raw[vstart..]) else {
            return Err(Flaw::new(
                i,
                format!("the value of attribute \"{name}\" is not closed"),
            ));
        };
        let attr = RawAttribute {
            name: start..start + len,
            value: vstart..vstart + vlen,
        };
        let dup = if attrs.len() < 16 {
            attrs
                .iter()
                .any(|a| raw[a.name.clone()] == raw[start..start + len])
        } else {
            // Many attributes: a set instead of a quadratic scan.
            let mut seen = std::collections::HashSet::with_capacity(attrs.len());
            attrs.iter().any(|a| !seen.insert(&raw[a.name.clone()]))
                || attrs
                    .iter()
                    .any(|a| raw[a.name.clone()] == raw[start..start + len])
        };
        if dup {
            return Err(Flaw::new(
                start,
                format!("attribute \"{name}\" is written twice in the same start tag"),
            ));
        }
        attrs.push(attr);
        i = vstart + vlen + 1;
    }
    Ok(name_len)
}

/// Checks a comment (`raw`: between `<!--` and `-->`).
pub fn comment(raw: &[u8]) -> Result<(), Flaw> {
    check_chars(raw, Context::Literal, &mut Predefined, None)?;
    if let Some(p) = memchr::memmem::find(raw, b"--") {
        return Err(Flaw::new(
            p + 1,
            "the string \"--\" is not permitted within comments",
        ));
    }
    if raw.ends_with(b"-") {
        return Err(Flaw::new(
            raw.len() - 1,
            "the string \"--\" is not permitted within comments (a comment may not end with \"--->\")",
        ));
    }
    Ok(())
}

/// Checks a processing instruction (`raw`: between `<?` and `?>`); the
/// XML declaration is checked by [`xml_declaration`].
pub fn processing_instruction(raw: &[u8]) -> Result<(), Flaw> {
    let len = raw.iter().position(|&b| is_space(b)).unwrap_or(raw.len());
    let target = std::str::from_utf8(&raw[..len]).unwrap_or("\u{FFFD}");
    if target.eq_ignore_ascii_case("xml") {
        return Err(Flaw::new(
            0,
            "a processing instruction may not be named \"xml\" \
             (the XML declaration is allowed only at the very start of the document)",
        ));
    }
    if !is_name(target) || target.contains(':') {
        return Err(name_flaw(0, target, "processing-instruction target"));
    }
    check_chars(&raw[len..], Context::Literal, &mut Predefined, None).map_err(|f| f.shifted(len))
}

/// What an XML declaration says.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct XmlDeclaration {
    /// `version`.
    pub version: String,
    /// `encoding`, if given.
    pub encoding: Option<String>,
    /// `standalone`, if given.
    pub standalone: Option<bool>,
}

/// Checks an XML declaration (`raw`: between `<?` and `?>`, so starting
/// with `xml`).
pub fn xml_declaration(raw: &[u8]) -> Result<XmlDeclaration, Flaw> {
    let mut decl = XmlDeclaration::default();
    let mut i = 3;
    let mut seen = 0;
    loop {
        let ws = raw[i..].iter().take_while(|&&b| is_space(b)).count();
        i += ws;
        if i == raw.len() {
            break;
        }
        if ws == 0 {
            return Err(Flaw::new(
                i,
                "white space is required here in the XML declaration",
            ));
        }
        let len = raw[i..]
            .iter()
            .position(|&b| is_space(b) || b == b'=')
            .unwrap_or(raw.len() - i);
        let name = String::from_utf8_lossy(&raw[i..i + len]).into_owned();
        let at = i;
        i += len;
        i += raw[i..].iter().take_while(|&&b| is_space(b)).count();
        if raw.get(i) != Some(&b'=') {
            return Err(Flaw::new(
                i,
                format!("\"{name}\" must be followed by '=' in the XML declaration"),
            ));
        }
        i += 1;
        i += raw[i..].iter().take_while(|&&b| is_space(b)).count();
        let Some(&q @ (b'"' | b'\'')) = raw.get(i) else {
            return Err(Flaw::new(
                i,
                format!("the value of \"{name}\" in the XML declaration must be quoted"),
            ));
        };
        let Some(vlen) = raw[i + 1..].iter().position(|&b| b == q) else {
            return Err(Flaw::new(
                i,
                format!("the value of \"{name}\" in the XML declaration is not closed"),
            ));
        };
        let value = String::from_utf8_lossy(&raw[i + 1..i + 1 + vlen]).into_owned();
        let vat = i + 1;
        i += vlen + 2;
        let order = match name.as_str() {
            "version" => 1,
            "encoding" => 2,
            "standalone" => 3,
            _ => 0,
        };
        if order == 0 || order <= seen || (seen == 0 && order != 1) {
            return Err(Flaw::new(
                at,
                if seen == 0 && order != 1 {
                    "the XML declaration must begin with the version".to_owned()
                } else {
                    format!(
                        "\"{name}\" is not allowed here in the XML declaration (version, encoding and standalone, in that order)"
                    )
                },
            ));
        }
        seen = order;
        match order {
            1 => {
                let ok = value
                    .strip_prefix("1.")
                    .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()));
                if !ok {
                    return Err(Flaw::new(
                        vat,
                        format!("XML version \"{value}\" is not supported, only XML 1.0 is"),
                    ));
                }
                decl.version = value;
            }
            2 => {
                let ok = value
                    .bytes()
                    .next()
                    .is_some_and(|b| b.is_ascii_alphabetic())
                    && value
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
                if !ok {
                    return Err(Flaw::new(
                        vat,
                        format!("\"{value}\" is not a legal encoding name"),
                    ));
                }
                decl.encoding = Some(value);
            }
            _ => {
                decl.standalone = Some(match value.as_str() {
                    "yes" => true,
                    "no" => false,
                    _ => {
                        return Err(Flaw::new(
                            vat,
                            format!("standalone must be \"yes\" or \"no\", not \"{value}\""),
                        ));
                    }
                });
            }
        }
    }
    if seen == 0 {
        return Err(Flaw::new(3, "the XML declaration must give the version"));
    }
    Ok(decl)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(raw: &str) -> Result<String, Flaw> {
        let mut out = String::new();
        check_chars(
            raw.as_bytes(),
            Context::Content,
            &mut Predefined,
            Some(&mut out),
        )
        .map(|()| out)
    }

    #[test]
    fn a_word_is_plain_exactly_when_no_byte_needs_a_look() {
        for background in [b'a', 0xA9, 0x7F, 0x20, 0xF0] {
            for pos in 0..8 {
                for b in 0..=255u8 {
                    let mut word = [background; 8];
                    word[pos] = b;
                    let look = b < 0x20 || matches!(b, b'&' | b'<' | b']' | 0xEF);
                    assert_eq!(
                        plain_word(&word),
                        !look,
                        "{b:#x} at {pos} in {background:#x}"
                    );
                }
            }
        }
    }

    #[test]
    fn long_text_is_checked_at_every_offset() {
        // Each kind of flaw at each offset of a text longer than a word.
        let flaws: [(&[u8], &str); 4] = [
            (b"\x01", "U+0001"),
            ("\u{FFFE}".as_bytes(), "U+FFFE"),
            (b"]]>", "]]>"),
            (b"&nope;", "nope"),
        ];
        for (flaw, said) in flaws {
            for at in 0..20 {
                // non-ASCII and ASCII characters, `at` bytes
                let mut raw = Vec::new();
                while raw.len() < at {
                    let c = if at - raw.len() >= 2 { "é" } else { "x" };
                    raw.extend_from_slice(c.as_bytes());
                }
                raw.extend_from_slice(flaw);
                raw.extend_from_slice(b"abcdefghij\n\tklmnop");
                let e = check_chars(&raw, Context::Content, &mut Predefined, None).unwrap_err();
                assert_eq!(e.at, at, "{said} at {at}");
                assert!(e.message.contains(said), "{}", e.message);
            }
        }
        let mut out = String::new();
        let raw = "0123456789&amp;0123456789\r\n0123456789&#233;abcdefgh\r";
        check_chars(
            raw.as_bytes(),
            Context::Content,
            &mut Predefined,
            Some(&mut out),
        )
        .unwrap();
        assert_eq!(out, "0123456789&0123456789\n0123456789éabcdefgh\n");
        out.clear();
        let raw = "0123456789\t0123456789\r\n01234567\n89&lt;";
        check_chars(
            raw.as_bytes(),
            Context::Attribute,
            &mut Predefined,
            Some(&mut out),
        )
        .unwrap();
        assert_eq!(out, "0123456789 0123456789 01234567 89<");
    }

    #[test]
    fn references_are_replaced_and_checked() {
        assert_eq!(text("a &amp; b&#x41;&#66;\r\nc").unwrap(), "a & bAB\nc");
        assert_eq!(text("a & b").unwrap_err().at, 3);
        assert_eq!(text("a &nbsp; b").unwrap_err().at, 2);
        assert!(text("&#1;").unwrap_err().message.contains("&#1;"));
        assert!(text("&#xD800;").is_err());
        assert_eq!(text("&#x;").unwrap_err().at, 3);
        assert_eq!(text("&amp b").unwrap_err().at, 4);
        assert_eq!(text("x ]]> y").unwrap_err().at, 2);
        assert_eq!(text("x\u{1}").unwrap_err().at, 1);
        assert!(text("x\u{FFFE}").unwrap_err().message.contains("U+FFFE"));
        assert!(text("x\u{FFFF}").unwrap_err().message.contains("U+FFFF"));
        assert!(text("x\u{FFFD}\u{EFFF}").is_ok());
    }

    #[test]
    fn attribute_values_are_normalised() {
        let mut out = String::new();
        check_chars(
            b"a\r\nb\tc&#10;d",
            Context::Attribute,
            &mut Predefined,
            Some(&mut out),
        )
        .unwrap();
        assert_eq!(out, "a b c\nd");
        assert_eq!(
            check_chars(b"a<b", Context::Attribute, &mut Predefined, None)
                .unwrap_err()
                .at,
            1
        );
    }

    #[test]
    fn start_tags() {
        let mut a = Vec::new();
        assert_eq!(start_tag(b"p a='1'  b:c = \"2\" ", &mut a), Ok(1));
        assert_eq!(a.len(), 2);
        assert_eq!(start_tag(b"1p", &mut a).unwrap_err().at, 0);
        assert_eq!(start_tag(b"p a='1'b='2'", &mut a).unwrap_err().at, 7);
        assert_eq!(start_tag(b"p a='1' a='2'", &mut a).unwrap_err().at, 8);
        assert_eq!(start_tag(b"p a", &mut a).unwrap_err().at, 3);
        assert_eq!(start_tag(b"p a=x", &mut a).unwrap_err().at, 4);
        assert_eq!(start_tag(b"p 1a='x'", &mut a).unwrap_err().at, 2);
        assert_eq!(start_tag(b" p", &mut a).unwrap_err().at, 0);
        assert!(start_tag(b"a:b:c", &mut a).is_err());
    }

    #[test]
    fn comments_pis_and_declarations() {
        assert_eq!(comment(b" a -- b ").unwrap_err().at, 4);
        assert_eq!(comment(b" a -").unwrap_err().at, 3);
        assert!(comment(b" a - b ").is_ok());
        assert!(processing_instruction(b"XML x").is_err());
        assert!(processing_instruction(b"xml-stylesheet href='a'").is_ok());
        let d = xml_declaration(b"xml version='1.0' encoding=\"UTF-8\" standalone='no'").unwrap();
        assert_eq!(d.encoding.as_deref(), Some("UTF-8"));
        assert!(xml_declaration(b"xml version='2.0'").is_err());
        assert!(xml_declaration(b"xml encoding='UTF-8'").is_err());
        assert!(xml_declaration(b"xml version='1.0' standalone='maybe'").is_err());
        assert!(xml_declaration(b"xml version='1.0' standalone='no' encoding='x'").is_err());
    }
}
