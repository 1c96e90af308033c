//! The streaming loop: quick-xml events in, derivatives applied, jing's
//! messages out, with jing's recovery so that one run reports every real
//! error and no knock-on errors.
//!
//! Memory grows with the nesting depth (one frame per open element), never
//! with the document's size; nothing recurses on the document's depth.

use super::ValidateError;
use super::derive::{Engine, NameId, is_whitespace};
use super::events::{Bindings, Positioned, bindings_note};
use super::expect::{and_list, or_list};
use super::ids::IdChecker;
use super::pattern::{EMPTY, HAS_DATA, NOT_ALLOWED, Pat, PatId};
use crate::diagnostic::{LocatedDiagnostic, Severity};
use quick_xml::events::{BytesStart, Event};
use std::io::BufRead;

/// One open element (index 0 is the document itself).
#[derive(Default)]
struct Frame {
    /// The element's content pattern, in `after` form.
    pat: PatId,
    /// The element's name as written, for messages.
    qname: String,
    /// Inside an element defined nowhere: skip the subtree.
    skip: bool,
    /// A child element has been seen (whitespace between children is then
    /// insignificant).
    has_child: bool,
    /// The pending text is whitespace only (or empty).
    ws_only: bool,
    /// The pending text, kept only when the pattern needs it (data).
    text: String,
    /// Bindings in scope before this element's declarations.
    bindings_len: usize,
    /// The element's whole character content was reported as invalid: its
    /// end tag is then accepted without a knock-on "incomplete".
    content_reported: bool,
    /// The pending text was already reported as not allowed.
    text_reported: bool,
    /// In an element defined nowhere (and skipped): its message, which jing
    /// repeats at the end of each defined element inside it.
    unknown_msg: Option<String>,
    /// A defined element directly inside a skipped one: jing repeats its
    /// last message at such an element's end tag (unless the end tag has an
    /// error of its own).
    repeat_msg: Option<String>,
}

struct Run<'a> {
    engine: &'a mut Engine,
    file: &'a str,
    frames: Vec<Frame>,
    depth: usize,
    bindings: Bindings,
    diags: Vec<LocatedDiagnostic>,
    ids: IdChecker,
    line: usize,
    column: usize,
    /// Where the current event starts (the end of the text before it):
    /// jing reports text errors there.
    text_line: usize,
    text_column: usize,
    root_seen: bool,
}

/// Validates the document read from `input`.
pub fn validate<R: BufRead>(
    engine: &mut Engine,
    file: &str,
    input: R,
) -> Result<Vec<LocatedDiagnostic>, ValidateError> {
    let mut reader = quick_xml::Reader::from_reader(Positioned::new(input));
    {
        let c = reader.config_mut();
        c.expand_empty_elements = true;
        c.check_end_names = true;
        c.trim_text(false);
    }
    let start = engine.start;
    let mut run = Run {
        engine,
        file,
        frames: vec![Frame {
            pat: start,
            ws_only: true,
            ..Frame::default()
        }],
        depth: 0,
        bindings: Bindings::default(),
        diags: Vec::new(),
        ids: IdChecker::default(),
        line: 1,
        column: 1,
        text_line: 1,
        text_column: 1,
        root_seen: false,
    };
    let mut buf = Vec::with_capacity(4096);
    let mut events: u32 = 0;
    let mut after_text = false;
    loop {
        buf.clear();
        (run.text_line, run.text_column) = reader.get_ref().position();
        if after_text {
            // quick-xml consumes the `<` that ends a text node.
            run.text_column = run.text_column.saturating_sub(1).max(1);
        }
        let ev = reader.read_event_into(&mut buf);
        let (line, column) = reader.get_ref().position();
        run.line = line;
        run.column = column;
        let ev = match ev {
            Ok(ev) => ev,
            Err(quick_xml::Error::Io(e)) => {
                return Err(ValidateError::Io {
                    file: file.to_owned(),
                    source: std::io::Error::new(e.kind(), e.to_string()),
                });
            }
            Err(e) => return Err(run.fatal(e.to_string())),
        };
        after_text = matches!(ev, Event::Text(_));
        match ev {
            Event::Start(s) => run.start(&s)?,
            Event::End(_) => run.end()?,
            Event::Text(t) => {
                let s = t.unescape().map_err(|e| run.fatal(e.to_string()))?;
                run.text(&s, &t)?;
            }
            Event::CData(c) => {
                let bytes = c.into_inner();
                let s = std::str::from_utf8(&bytes)
                    .map_err(|_| run.fatal("text is not valid UTF-8".into()))?;
                run.text(s, b"")?;
            }
            Event::DocType(d) => {
                let raw = String::from_utf8_lossy(&d);
                if raw.contains("<!ENTITY") {
                    return Err(run.fatal(
                        "the DOCTYPE declares entities; teikit never expands DTD entities \
                         (they are refused to rule out entity-expansion bombs)"
                            .into(),
                    ));
                }
            }
            Event::Eof => break,
            _ => {}
        }
        events = events.wrapping_add(1);
        if events.is_multiple_of(4096) {
            run.engine.trim_memos();
        }
        if run.engine.arena.overflowed() {
            return Err(ValidateError::Limit {
                file: file.to_owned(),
                line,
                column,
                message: "too many distinct patterns; validation stopped".into(),
            });
        }
    }
    if run.depth > 0 {
        let name = run.frames[run.depth].qname.clone();
        return Err(run.fatal(format!(
            "unexpected end of file: element \"{name}\" is not closed"
        )));
    }
    if !run.root_seen {
        return Err(run.fatal("no root element".into()));
    }
    // Document order, then the dangling references, as jing reports them.
    let mut diags = run.diags;
    diags.extend(run.ids.finish(file));
    Ok(diags)
}

impl Run<'_> {
    fn fatal(&self, message: String) -> ValidateError {
        ValidateError::NotWellFormed {
            file: self.file.to_owned(),
            line: self.line,
            column: self.column,
            message,
        }
    }

    fn error(&mut self, code: &'static str, message: String) {
        self.error_at(self.line, self.column, code, message)
    }

    fn error_at(&mut self, line: usize, column: usize, code: &'static str, message: String) {
        self.diags.push(LocatedDiagnostic {
            file: self.file.to_owned(),
            line,
            column,
            severity: Severity::Error,
            code,
            message,
        });
    }

    /// Resolves a prefixed name against the bindings in scope.
    fn resolve<'n>(
        &self,
        qname: &'n str,
        attribute: bool,
    ) -> Result<(String, &'n str), ValidateError> {
        match qname.split_once(':') {
            Some((prefix, local)) => match self.bindings.lookup(prefix) {
                Some(ns) if !ns.is_empty() => Ok((ns.to_owned(), local)),
                _ => Err(self.fatal(format!("namespace prefix \"{prefix}\" is not bound"))),
            },
            None if attribute => Ok((String::new(), qname)),
            None => Ok((self.bindings.lookup("").unwrap_or("").to_owned(), qname)),
        }
    }

    fn start(&mut self, s: &BytesStart<'_>) -> Result<(), ValidateError> {
        if self.depth == 0 && self.root_seen {
            return Err(self.fatal("content after the root element".into()));
        }
        self.root_seen = true;
        self.flush_text(false);
        let qname = std::str::from_utf8(s.name().0)
            .map_err(|_| self.fatal("element name is not valid UTF-8".into()))?
            .to_owned();
        let bindings_len = self.bindings.len();
        // Attributes: namespace declarations first, so that they apply to
        // the element's own name and attributes.
        let mut attrs: Vec<(String, String)> = Vec::new();
        for a in s.attributes() {
            let a = a.map_err(|e| self.fatal(e.to_string()))?;
            let key = std::str::from_utf8(a.key.0)
                .map_err(|_| self.fatal("attribute name is not valid UTF-8".into()))?;
            let value = a.unescape_value().map_err(|e| self.fatal(e.to_string()))?;
            // Attribute-value normalisation (XML 1.0 §3.3.3).
            let value = if value.contains(['\t', '\n', '\r']) {
                value.replace(['\t', '\n', '\r'], " ")
            } else {
                value.into_owned()
            };
            if key == "xmlns" {
                self.bindings.push("", &value);
            } else if let Some(p) = key.strip_prefix("xmlns:") {
                self.bindings.push(p, &value);
            } else {
                attrs.push((key.to_owned(), value));
            }
        }
        let parent = self.depth;
        self.depth += 1;
        if self.frames.len() <= self.depth {
            self.frames.push(Frame::default());
        }
        let parent_pat = self.frames[parent].pat;
        let parent_skip = self.frames[parent].skip;
        let inherited = if parent_skip {
            self.frames[parent].unknown_msg.clone()
        } else {
            None
        };
        {
            let f = &mut self.frames[self.depth];
            f.qname.clear();
            f.qname.push_str(&qname);
            f.skip = parent_skip;
            f.has_child = false;
            f.ws_only = true;
            f.text.clear();
            f.bindings_len = bindings_len;
            f.content_reported = false;
            f.text_reported = false;
            f.unknown_msg = inherited;
            f.repeat_msg = None;
            f.pat = NOT_ALLOWED;
        }
        let (ns, local) = self.resolve(&qname, false)?;
        let name = self.engine.name(&ns, local);
        let mut q = if parent_skip {
            // Inside an element defined nowhere: a defined element is still
            // validated against its definitions; others are skipped.
            match self.engine.definitions_for(name) {
                None => return Ok(()),
                Some(contents) => {
                    let f = &mut self.frames[self.depth];
                    f.skip = false;
                    f.repeat_msg = f.unknown_msg.take();
                    self.engine.arena.after(contents, EMPTY)
                }
            }
        } else {
            self.engine.stod(parent_pat, name)
        };
        if q == NOT_ALLOWED && !parent_skip {
            match self.engine.definitions_for(name) {
                None => {
                    let exp = self.engine.expected(parent_pat, &self.bindings).phrase();
                    let msg = format!("element \"{qname}\" not allowed anywhere{exp}");
                    self.error("not-allowed", msg.clone());
                    let f = &mut self.frames[self.depth];
                    f.skip = true;
                    f.unknown_msg = Some(msg);
                    return Ok(());
                }
                Some(contents) => {
                    let r = self.engine.skip_stod(parent_pat, name);
                    let exp = self.engine.expected(parent_pat, &self.bindings);
                    if r != NOT_ALLOWED {
                        let req = self.engine.required_elements(parent_pat, &self.bindings);
                        let msg = match req.len() {
                            0 => format!("element \"{qname}\" not allowed yet{}", exp.phrase()),
                            1 => format!(
                                "element \"{qname}\" not allowed yet; missing required element {}",
                                or_list(&req)
                            ),
                            _ => format!(
                                "element \"{qname}\" not allowed yet; missing required elements {}",
                                and_list(&req)
                            ),
                        };
                        self.error("not-allowed", msg);
                        q = r;
                    } else {
                        self.error(
                            "not-allowed",
                            format!("element \"{qname}\" not allowed here{}", exp.phrase()),
                        );
                        // Validate the subtree against the element's own
                        // definitions; the parent continues as if it were absent.
                        q = self.engine.arena.after(contents, parent_pat);
                    }
                }
            }
        }
        for (key, value) in &attrs {
            let (ans, alocal) = self.resolve(key, true)?;
            let aname = self.engine.name(&ans, alocal);
            let q2 = self.engine.att(q, aname, value, &self.bindings);
            if q2 == NOT_ALLOWED {
                self.attribute_error(q, aname, key, value);
                // A bad value still counts as the attribute being there.
                let q3 = self.engine.att_any_value(q, aname);
                if q3 != NOT_ALLOWED {
                    q = q3;
                }
            } else {
                q = q2;
                let t = self.engine.id_type(name, aname);
                self.ids.record(self.file, t, value, self.line, self.column);
                let dups = self.ids.take_errors();
                self.diags.extend(dups);
            }
        }
        let mut q3 = self.engine.stcd(q, false);
        if q3 == NOT_ALLOWED {
            let req = self.engine.required_attributes(q, &self.bindings);
            let msg = match req.len() {
                0 => format!("element \"{qname}\" missing one or more required attributes"),
                1 => format!(
                    "element \"{qname}\" missing required attribute {}",
                    or_list(&req)
                ),
                _ => format!(
                    "element \"{qname}\" missing required attributes {}",
                    and_list(&req)
                ),
            };
            self.error("missing-attribute", msg);
            q3 = self.engine.stcd(q, true);
        }
        self.frames[self.depth].pat = q3;
        Ok(())
    }

    fn attribute_error(&mut self, q: PatId, aname: NameId, key: &str, value: &str) {
        let values = self.engine.attribute_values(q, aname);
        if values.is_empty() {
            let (exp, extra) = self.engine.expected_attributes(q, &self.bindings);
            let msg = if exp.is_empty() {
                format!("found attribute \"{key}\", but no attributes allowed here")
            } else {
                format!(
                    "attribute \"{key}\" not allowed here; expected attribute {}{}",
                    or_list(&exp),
                    bindings_note(&extra)
                )
            };
            self.error("attribute-not-allowed", msg);
        } else {
            let mut p = NOT_ALLOWED;
            for v in values {
                p = self.engine.arena.choice(p, v);
            }
            let why = self.engine.value_requirement(p, value, &self.bindings);
            self.error(
                "bad-attribute-value",
                format!("value of attribute \"{key}\" is invalid; {why}"),
            );
        }
    }

    /// A text node (or CDATA section, with `raw` empty). `raw` is the
    /// text as written, for positions.
    fn text(&mut self, s: &str, raw: &[u8]) -> Result<(), ValidateError> {
        if self.depth == 0 {
            if !is_whitespace(s) {
                return Err(self.fatal("text outside the root element".into()));
            }
            return Ok(());
        }
        let pat = self.frames[self.depth].pat;
        let keep = self.engine.arena.flags(pat) & HAS_DATA != 0;
        if self.frames[self.depth].skip {
            return Ok(());
        }
        if !keep && !is_whitespace(s) {
            // Whether text is allowed does not depend on the text here, so
            // it is decided now and, like jing (which sees the text in SAX
            // chunks: lines and entity references), reported for each chunk.
            let d = self.engine.text(pat, "x", &self.bindings);
            if d == NOT_ALLOWED {
                let exp = self.engine.expected(pat, &self.bindings).phrase();
                let ends = if raw.is_empty() {
                    vec![(self.line, self.column)]
                } else {
                    chunk_ends(raw, self.text_line, self.text_column)
                };
                for (l, c) in ends {
                    self.error_at(
                        l,
                        c,
                        "text-not-allowed",
                        format!("text not allowed here{exp}"),
                    );
                }
                self.frames[self.depth].text_reported = true;
                return Ok(());
            }
        }
        if self.frames[self.depth].text_reported && !keep {
            return Ok(());
        }
        let f = &mut self.frames[self.depth];
        if f.ws_only && !is_whitespace(s) {
            f.ws_only = false;
        }
        if keep {
            f.text.push_str(s);
        }
        Ok(())
    }

    /// Applies the pending text of the current element. `end`: at its end
    /// tag (then, without child elements, the text is the whole content,
    /// even if empty or whitespace).
    fn flush_text(&mut self, end: bool) {
        let d = self.depth;
        if d == 0 || self.frames[d].skip {
            return;
        }
        let whole = end && !self.frames[d].has_child;
        if !end {
            // A child element follows: whitespace around it is insignificant.
            let had = self.frames[d].has_child;
            self.frames[d].has_child = true;
            let _ = had;
        }
        if self.frames[d].text_reported {
            let f = &mut self.frames[d];
            f.text_reported = false;
            f.text.clear();
            f.ws_only = true;
            return;
        }
        let ws = self.frames[d].ws_only;
        if !whole && ws {
            self.frames[d].text.clear();
            return;
        }
        let pat = self.frames[d].pat;
        let text = std::mem::take(&mut self.frames[d].text);
        // The text itself only matters to data patterns (kept then).
        let s: &str = if text.is_empty() && !ws { "x" } else { &text };
        let d1 = self.engine.text(pat, s, &self.bindings);
        let r = if ws {
            self.engine.arena.choice(pat, d1)
        } else {
            d1
        };
        if r == NOT_ALLOWED {
            self.frames[d].content_reported = whole;
            let qname = self.frames[d].qname.clone();
            let data = self.engine.arena.flags(pat) & HAS_DATA != 0;
            if data {
                let firsts = self.first_components(pat);
                let why = self.engine.value_requirement(firsts, &text, &self.bindings);
                // jing checks data when the element ends: after its end tag.
                self.error_at(
                    self.line,
                    self.column,
                    "bad-character-content",
                    format!("character content of element \"{qname}\" invalid; {why}"),
                );
            } else {
                let exp = self.engine.expected(pat, &self.bindings).phrase();
                self.error_at(
                    self.text_line,
                    self.text_column,
                    "text-not-allowed",
                    format!("text not allowed here{exp}"),
                );
            }
        } else {
            self.frames[d].pat = r;
        }
        let f = &mut self.frames[d];
        f.text = text;
        f.text.clear();
        f.ws_only = true;
    }

    /// The choice of the first components of the `after`s of `p`.
    fn first_components(&mut self, p: PatId) -> PatId {
        let mut alts = Vec::new();
        self.engine.arena.alternatives(p, &mut alts);
        let mut r = NOT_ALLOWED;
        for a in alts {
            if let Pat::After(x, _) = self.engine.arena.get(a) {
                r = self.engine.arena.choice(r, x);
            }
        }
        r
    }

    fn end(&mut self) -> Result<(), ValidateError> {
        if self.depth == 0 {
            return Err(self.fatal("end tag without start tag".into()));
        }
        self.flush_text(true);
        let d = self.depth;
        let bl = self.frames[d].bindings_len;
        if !self.frames[d].skip {
            let pat = self.frames[d].pat;
            let before = self.diags.len();
            let mut e = self.engine.end_tag(pat, false);
            if e == NOT_ALLOWED && self.frames[d].content_reported {
                e = self.engine.end_tag(pat, true);
            } else if e == NOT_ALLOWED {
                let qname = self.frames[d].qname.clone();
                let exp = self.engine.expected(pat, &self.bindings);
                let req = self.engine.required_elements(pat, &self.bindings);
                let msg = match req.len() {
                    0 => format!("element \"{qname}\" incomplete{}", exp.phrase()),
                    1 => format!(
                        "element \"{qname}\" incomplete; missing required element {}",
                        or_list(&req)
                    ),
                    _ => format!(
                        "element \"{qname}\" incomplete; missing required elements {}",
                        and_list(&req)
                    ),
                };
                self.error("incomplete", msg);
                e = self.engine.end_tag(pat, true);
            }
            let own_error = self.diags.len() > before;
            if self.frames[d].repeat_msg.take().is_some() {
                // jing's quirk, kept for agreement on lines: a defined element
                // inside an undefined one ends in a state that repeats the
                // last message.
                if let (false, Some(last)) = (own_error, self.diags.last().cloned()) {
                    self.error(last.code, last.message);
                }
            } else {
                self.frames[d - 1].pat = e;
            }
        }
        self.bindings.truncate(bl);
        self.depth -= 1;
        Ok(())
    }
}

/// Where jing reports each chunk of a text node that is not allowed: SAX
/// delivers text in chunks ending at newlines and around entity and
/// character references; a chunk with non-whitespace is reported at its
/// end. `line:col` is where the text starts.
fn chunk_ends(raw: &[u8], line: usize, column: usize) -> Vec<(usize, usize)> {
    let (mut l, mut c) = (line, column);
    let mut out = Vec::new();
    let mut significant = false;
    let mut i = 0;
    while i < raw.len() {
        let b = raw[i];
        match b {
            b'\n' => {
                if significant {
                    out.push((l, c));
                }
                significant = false;
                l += 1;
                c = 1;
                i += 1;
            }
            b'&' => {
                if significant {
                    out.push((l, c));
                }
                let end = raw[i..]
                    .iter()
                    .position(|&x| x == b';')
                    .map_or(raw.len(), |j| i + j + 1);
                c += raw[i..end].iter().filter(|&&x| x & 0xC0 != 0x80).count();
                out.push((l, c));
                significant = false;
                i = end;
            }
            // Line ends are normalised to a newline before SAX sees them.
            b'\r' => i += 1,
            _ => {
                if !matches!(b, b' ' | b'\t') {
                    significant = true;
                }
                if b & 0xC0 != 0x80 {
                    c += 1;
                }
                i += 1;
            }
        }
        // Bounded: a giant text node reports its first chunks only.
        if out.len() >= 1000 {
            break;
        }
    }
    if significant && out.len() < 1000 {
        out.push((l, c));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::chunk_ends;

    #[test]
    fn text_chunks_end_at_newlines_and_references() {
        assert_eq!(
            chunk_ends(b"x&amp;y", 2, 9),
            vec![(2, 10), (2, 15), (2, 16)]
        );
        assert_eq!(
            chunk_ends(b"\n  some\r\n  text\n  ", 2, 9),
            vec![(3, 7), (4, 7)]
        );
        assert_eq!(chunk_ends(b"   ", 1, 1), Vec::<(usize, usize)>::new());
    }
}
