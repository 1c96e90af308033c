//! Reading the document: a [`BufRead`] wrapper that counts lines and
//! columns of the bytes quick-xml consumes (so positions cost nothing to
//! keep and no line index of the whole document is needed), and the stack
//! of in-scope namespace bindings.

use crate::xsd::NamespaceContext;
use std::io::{BufRead, Read};

/// The XML namespace.
pub const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// Counts lines and columns of consumed bytes. quick-xml's buffered
/// reader consumes exactly the bytes of each event, so after an event the
/// position is just past it (where a SAX locator would be).
pub struct Positioned<R> {
    inner: R,
    /// Nothing consumed yet (a byte-order mark there is not a character).
    at_start: bool,
    at: Cursor,
}

/// A position in the consumed bytes.
struct Cursor {
    line: usize,
    /// Characters since the last newline.
    column: usize,
    /// The last byte consumed was a carriage return (a CR LF pair is one
    /// line end; a lone CR is one too, as XML normalises it).
    after_cr: bool,
    /// The last byte consumed ended a line, and the column before it.
    after_line_end: Option<usize>,
}

impl<R: BufRead> Positioned<R> {
    /// Wraps `inner`, starting at line 1, column 1.
    pub fn new(inner: R) -> Self {
        Positioned {
            inner,
            at_start: true,
            at: Cursor {
                line: 1,
                column: 0,
                after_cr: false,
                after_line_end: None,
            },
        }
    }

    /// 1-based line and column of the next unread byte.
    pub fn position(&self) -> (usize, usize) {
        (self.at.line, self.at.column + 1)
    }

    /// Where Xerces reports the end of the input inside a comment, CDATA
    /// section or processing instruction: on the last line, counting its
    /// line end as a column, when the input ends with one.
    pub fn end_position(&self) -> (usize, usize) {
        match self.at.after_line_end {
            Some(col) if self.at.line > 1 => (self.at.line - 1, col + 1),
            _ => self.position(),
        }
    }
}

impl Cursor {
    /// Moves the position over `bytes`: line ends are found with `memchr`,
    /// and the characters between them counted as the bytes that do not
    /// continue a UTF-8 sequence (a loop the compiler vectorises).
    fn count(&mut self, bytes: &[u8]) {
        let mut s = bytes;
        while let Some(&first) = s.first() {
            if self.after_cr && first == b'\n' {
                // the LF of a CR LF pair: the line was counted at the CR
                self.after_cr = false;
                s = &s[1..];
                continue;
            }
            match memchr::memchr2(b'\n', b'\r', s) {
                Some(p) => {
                    self.column += chars_in(&s[..p]);
                    self.after_line_end = Some(self.column);
                    self.after_cr = s[p] == b'\r';
                    self.line += 1;
                    self.column = 0;
                    s = &s[p + 1..];
                }
                None => {
                    self.column += chars_in(s);
                    self.after_line_end = None;
                    self.after_cr = false;
                    break;
                }
            }
        }
    }
}

/// How many characters the UTF-8 `bytes` hold (bytes that are not
/// continuation bytes).
fn chars_in(bytes: &[u8]) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let mut continuations = 0;
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        let w = u64::from_le_bytes(w.try_into().unwrap_or_default());
        // 0b10xxxxxx: bit 7 set and bit 6 clear, one flag per byte, summed
        // by the multiplication into the top byte
        let flags = (w & !(w << 1) & HI) >> 7;
        continuations += (flags.wrapping_mul(LO) >> 56) as usize;
    }
    continuations += words
        .remainder()
        .iter()
        .filter(|&&b| b & 0xC0 == 0x80)
        .count();
    bytes.len() - continuations
}

impl<R: BufRead> Read for Positioned<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = {
            let avail = self.fill_buf()?;
            let n = avail.len().min(buf.len());
            buf[..n].copy_from_slice(&avail[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Positioned<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        if let Ok(buf) = self.inner.fill_buf() {
            let amt = amt.min(buf.len());
            let skip = if self.at_start && amt > 0 {
                self.at_start = false;
                if buf.starts_with(b"\xEF\xBB\xBF") {
                    3.min(amt)
                } else {
                    0
                }
            } else {
                0
            };
            self.at.count(&buf[skip..amt]);
        }
        self.inner.consume(amt);
    }
}

/// In-scope namespace bindings `(prefix, uri)`, innermost last; `""` is the
/// default namespace.
#[derive(Default, Debug)]
pub struct Bindings {
    stack: Vec<(String, String)>,
}

impl Bindings {
    /// How many bindings are in scope (to restore at the end tag).
    pub fn len(&self) -> usize {
        self.stack.len()
    }

    /// Whether no binding is in scope.
    pub fn is_empty(&self) -> bool {
        self.stack.is_empty()
    }

    /// Declares `prefix` as `uri`.
    pub fn push(&mut self, prefix: &str, uri: &str) {
        self.stack.push((prefix.to_owned(), uri.to_owned()));
    }

    /// Drops the bindings declared after `len`.
    pub fn truncate(&mut self, len: usize) {
        self.stack.truncate(len);
    }

    /// The URI bound to `prefix` (`""` unbound default namespace gives `""`
    /// for elements).
    pub fn lookup(&self, prefix: &str) -> Option<&str> {
        if prefix == "xml" {
            return Some(XML_NS);
        }
        self.stack
            .iter()
            .rev()
            .find(|(p, _)| p == prefix)
            .map(|(_, u)| u.as_str())
    }

    /// How a name is shown in messages, as jing shows it: with the prefix
    /// the document binds to its namespace, unprefixed in the default
    /// namespace (elements) or no namespace; a namespace the document does
    /// not bind gets an invented binding, added to `extra` (printed as
    /// `(with xmlns:ns="...")`).
    pub fn display(
        &self,
        ns: &str,
        local: &str,
        attribute: bool,
        extra: &mut Vec<(String, String)>,
    ) -> String {
        if ns.is_empty() {
            // An element in no namespace where a default namespace is
            // declared: jing notes `(with xmlns="")`.
            if !attribute
                && matches!(self.lookup(""), Some(d) if !d.is_empty())
                && !extra.iter().any(|(p, _)| p.is_empty())
            {
                extra.push((String::new(), String::new()));
            }
            return local.to_owned();
        }
        if ns == XML_NS {
            return format!("xml:{local}");
        }
        for (p, u) in self.stack.iter().rev() {
            if u == ns && self.lookup(p) == Some(ns) {
                if p.is_empty() {
                    if !attribute {
                        return local.to_owned();
                    }
                } else {
                    return format!("{p}:{local}");
                }
            }
        }
        if let Some((p, _)) = extra
            .iter()
            .find(|(p, u)| u == ns && !(attribute && p.is_empty()))
        {
            return if p.is_empty() {
                local.to_owned()
            } else {
                format!("{p}:{local}")
            };
        }
        let default_free =
            matches!(self.lookup(""), None | Some("")) && !extra.iter().any(|(p, _)| p.is_empty());
        if !attribute && default_free {
            extra.push((String::new(), ns.to_owned()));
            return local.to_owned();
        }
        let taken = |p: &str| self.lookup(p).is_some() || extra.iter().any(|(x, _)| x == p);
        let mut prefix = "ns".to_owned();
        let mut i = 1;
        while taken(&prefix) {
            prefix = format!("ns{i}");
            i += 1;
        }
        extra.push((prefix.clone(), ns.to_owned()));
        format!("{prefix}:{local}")
    }
}

/// ` (with xmlns:ns="uri")` for invented bindings, or nothing.
pub fn bindings_note(extra: &[(String, String)]) -> String {
    if extra.is_empty() {
        return String::new();
    }
    let mut decls: Vec<String> = extra
        .iter()
        .map(|(p, u)| {
            if p.is_empty() {
                format!("xmlns=\"{u}\"")
            } else {
                format!("xmlns:{p}=\"{u}\"")
            }
        })
        .collect();
    // As jing: sorted, separated by spaces.
    decls.sort();
    format!(" (with {})", decls.join(" "))
}

impl NamespaceContext for Bindings {
    fn resolve(&self, prefix: &str) -> Option<&str> {
        match self.lookup(prefix) {
            Some("") if !prefix.is_empty() => None,
            r => r,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_follow_consumed_bytes() {
        let mut p = Positioned::new(std::io::Cursor::new("ab\nçd\ne".as_bytes()));
        p.consume(2);
        assert_eq!(p.position(), (1, 3));
        p.consume(1);
        assert_eq!(p.position(), (2, 1));
        p.consume(3);
        assert_eq!(p.position(), (2, 3));
    }

    /// The byte-at-a-time rule the memchr scan must agree with.
    fn naive(bytes: &[u8]) -> ((usize, usize), (usize, usize)) {
        let (mut line, mut column, mut after_cr, mut after_end) = (1, 0, false, None);
        for &b in bytes {
            if b == b'\n' && after_cr {
                after_cr = false;
                continue;
            }
            after_cr = b == b'\r';
            if b == b'\n' || b == b'\r' {
                after_end = Some(column);
                line += 1;
                column = 0;
            } else {
                after_end = None;
                if b & 0xC0 != 0x80 {
                    column += 1;
                }
            }
        }
        let end = match after_end {
            Some(col) if line > 1 => (line - 1, col + 1),
            _ => (line, column + 1),
        };
        ((line, column + 1), end)
    }

    #[test]
    fn positions_agree_with_a_byte_loop_at_every_split() {
        let inputs: [&[u8]; 6] = [
            "a\r\nb\rc\n\nd".as_bytes(),
            "\r\r\n\n\rçé\r".as_bytes(),
            "x\r".as_bytes(),
            "ü\n€\r\n𝄞z".as_bytes(),
            b"\n",
            b"",
        ];
        for input in inputs {
            for a in 0..=input.len() {
                for b in a..=input.len() {
                    let mut p = Positioned::new(std::io::Cursor::new(input));
                    // consume in three pieces: [0, a), [a, b), [b, len)
                    p.consume(a);
                    assert_eq!(p.position(), naive(&input[..a]).0, "{input:?} at {a}");
                    p.consume(b - a);
                    assert_eq!(p.position(), naive(&input[..b]).0, "{input:?} at {b}");
                    p.consume(input.len() - b);
                    let (pos, end) = naive(input);
                    assert_eq!(p.position(), pos, "{input:?}");
                    assert_eq!(p.end_position(), end, "{input:?}");
                }
            }
        }
    }

    #[test]
    fn characters_are_counted_word_by_word() {
        let text = "aé€𝄞\u{80}z".repeat(7);
        for a in 0..text.len() {
            let bytes = &text.as_bytes()[a..];
            let naive = bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count();
            assert_eq!(chars_in(bytes), naive, "from {a}");
        }
        let all: Vec<u8> = (0..=255).collect();
        let naive = all.iter().filter(|&&b| b & 0xC0 != 0x80).count();
        assert_eq!(chars_in(&all), naive);
    }

    #[test]
    fn a_byte_order_mark_is_not_a_column() {
        let mut p = Positioned::new(std::io::Cursor::new(b"\xEF\xBB\xBF<r/>".as_slice()));
        p.consume(7);
        assert_eq!(p.position(), (1, 5));
    }

    #[test]
    fn names_display_with_document_prefixes() {
        let mut b = Bindings::default();
        b.push("", "urn:tei");
        b.push("x", "urn:x");
        let mut extra = Vec::new();
        assert_eq!(b.display("urn:tei", "p", false, &mut extra), "p");
        assert_eq!(b.display("urn:x", "q", true, &mut extra), "x:q");
        assert_eq!(b.display(XML_NS, "id", true, &mut extra), "xml:id");
        assert!(extra.is_empty());
        assert_eq!(b.display("urn:other", "r", false, &mut extra), "ns:r");
        assert_eq!(bindings_note(&extra), " (with xmlns:ns=\"urn:other\")");
        let mut extra = Vec::new();
        let c = Bindings::default();
        assert_eq!(c.display("urn:other", "r", false, &mut extra), "r");
        assert_eq!(bindings_note(&extra), " (with xmlns=\"urn:other\")");
        assert_eq!(b.resolve("x"), Some("urn:x"));
    }
}
