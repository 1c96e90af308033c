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
    line: usize,
    /// Characters since the last newline.
    column: usize,
    /// Nothing consumed yet (a byte-order mark there is not a character).
    at_start: bool,
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
            line: 1,
            column: 0,
            at_start: true,
            after_cr: false,
            after_line_end: None,
        }
    }

    /// 1-based line and column of the next unread byte.
    pub fn position(&self) -> (usize, usize) {
        (self.line, self.column + 1)
    }

    /// Where Xerces reports the end of the input inside a comment, CDATA
    /// section or processing instruction: on the last line, counting its
    /// line end as a column, when the input ends with one.
    pub fn end_position(&self) -> (usize, usize) {
        match self.after_line_end {
            Some(col) if self.line > 1 => (self.line - 1, col + 1),
            _ => self.position(),
        }
    }
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
            for &b in &buf[skip..amt] {
                if b == b'\n' && self.after_cr {
                    // the LF of a CR LF pair: the line was counted at the CR
                    self.after_cr = false;
                    continue;
                }
                self.after_cr = b == b'\r';
                if b == b'\n' || b == b'\r' {
                    self.after_line_end = Some(self.column);
                    self.line += 1;
                    self.column = 0;
                } else {
                    self.after_line_end = None;
                    if b & 0xC0 != 0x80 {
                        self.column += 1;
                    }
                }
            }
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
