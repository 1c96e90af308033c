//! The streaming loop: quick-xml events in, derivatives applied, jing's
//! messages out, with jing's recovery so that one run reports every real
//! error and no knock-on errors.
//!
//! Memory grows with the nesting depth (one frame per open element), never
//! with the document's size; nothing recurses on the document's depth.

use super::ValidateError;
use super::derive::{Engine, NameId, is_whitespace};
use super::events::{Bindings, Positioned, XML_NS};
use super::ids::IdChecker;
use super::pattern::{EMPTY, HAS_DATA, NOT_ALLOWED, Pat, PatId};
use super::wellformed::{
    self, Context, Entities, Flaw, Predefined, RawAttribute, check_chars, check_text,
};
use crate::diagnostic::{LocatedDiagnostic, Severity};
use crate::doctype::{Doctype, Expander, Limits};
use crate::encoding::DecodingReader;
use crate::xsd::IdType;
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
    /// The content type is data (data, value or list in the content: jing's
    /// "text-typed" element): its text is checked whole at the end tag, but
    /// text before or after a child element is untyped, allowed only where
    /// a `text` pattern can come.
    typed: bool,
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
    /// A defined element directly inside a skipped one (validated against
    /// its own definitions, with nothing after it): jing never lists its
    /// end tag as expected, since its continuation is notAllowed.
    orphan: bool,
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
    doctype_seen: bool,
    /// The DOCTYPE's internal subset: the entities the document declares.
    doctype: Option<Doctype>,
    /// Bytes entity expansion may still produce in this document.
    entity_budget: usize,
    /// Scratch space for the attributes of a start tag.
    raw_attrs: Vec<RawAttribute>,
    /// The value of the text event being read (kept to reuse its memory).
    text_buf: String,
    /// Scratch space: the names of a start tag's attributes in a namespace.
    prefixed: Vec<NameId>,
}

/// What validating one document found: every error found before the
/// document ended (or broke off), and why it broke off, if it did.
#[derive(Debug)]
pub struct Outcome {
    /// The validity errors, in document order, then dangling IDREFs.
    pub diagnostics: Vec<LocatedDiagnostic>,
    /// The error that stopped validation (not well-formed, unreadable,
    /// a limit), after which nothing more was checked.
    pub error: Option<ValidateError>,
}

/// Validates the document read from `input`.
pub fn validate<R: BufRead>(engine: &mut Engine, file: &str, input: R) -> Outcome {
    // Other encodings (UTF-16, ISO-8859-1, windows-1252) are decoded to
    // UTF-8 as the document streams; UTF-8 passes through.
    let decoded = match DecodingReader::new(input) {
        Ok(d) => d,
        Err(e) => {
            return Outcome {
                diagnostics: Vec::new(),
                error: Some(read_error(file, e)),
            };
        }
    };
    let input = std::io::BufReader::with_capacity(1 << 16, decoded);
    let mut reader = quick_xml::Reader::from_reader(Positioned::new(input));
    {
        let c = reader.config_mut();
        c.expand_empty_elements = true;
        // End tags and comments are checked here, with exact positions.
        c.check_end_names = false;
        c.allow_unmatched_ends = true;
        c.check_comments = false;
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
        doctype_seen: false,
        doctype: None,
        entity_budget: Limits::default().max_total_bytes,
        raw_attrs: Vec::new(),
        text_buf: String::new(),
        prefixed: Vec::new(),
    };
    match run.read(&mut reader) {
        Ok(()) => {
            // Document order, then the dangling references, as jing reports them.
            let mut diags = run.diags;
            diags.extend(run.ids.finish(file));
            Outcome {
                diagnostics: diags,
                error: None,
            }
        }
        Err(e) => Outcome {
            diagnostics: run.diags,
            error: Some(e),
        },
    }
}

/// An I/O error from the reader: a decoding error (with its place in the
/// decoded text) or a failure to read.
fn read_error(file: &str, e: std::io::Error) -> ValidateError {
    let inner = e
        .get_ref()
        .and_then(|x| x.downcast_ref::<ArcError>())
        .map_or(&e, |a| &*a.0);
    match DecodingReader::<std::io::Empty>::encoding_error(inner) {
        Some(ee) => ValidateError::NotWellFormed {
            file: file.to_owned(),
            line: ee.line,
            column: ee.column,
            message: ee.message.clone(),
        },
        None => ValidateError::Io {
            file: file.to_owned(),
            source: std::io::Error::new(inner.kind(), inner.to_string()),
        },
    }
}

/// quick-xml's shared I/O error, carried in an [`std::io::Error`].
#[derive(Debug)]
struct ArcError(std::sync::Arc<std::io::Error>);

impl std::fmt::Display for ArcError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for ArcError {}

/// The entities a document's DOCTYPE declares, expanded within the
/// document's byte budget (an entity bomb ends in an error).
struct DocEntities<'d> {
    doctype: Option<&'d Doctype>,
    budget: &'d mut usize,
}

impl Entities for DocEntities<'_> {
    fn replacement(&mut self, name: &str) -> Result<Option<String>, String> {
        let Some(d) = self.doctype else {
            return Ok(None);
        };
        if !d.entities.contains_key(name) {
            if d.external_subset.is_some() || d.uses_parameter_entities {
                return Err(format!(
                    "the entity \"{name}\" was referenced, but not declared in the internal \
                     subset (teikit never reads external DTDs or parameter entities)"
                ));
            }
            return Ok(None);
        }
        let limits = Limits {
            max_total_bytes: *self.budget,
            ..Limits::default()
        };
        match Expander::new(d, limits).expand(name) {
            Ok(e) if e.has_markup => Err(format!(
                "entity \"{name}\" contains markup; teikit expands only entities whose \
                 replacement is text"
            )),
            Ok(e) => {
                *self.budget = self.budget.saturating_sub(e.text.len().max(1));
                Ok(Some(e.text))
            }
            Err(e) => Err(e.message),
        }
    }
}

/// Why declaring `prefix` (`""`: the default namespace) as `uri` breaks
/// Namespaces in XML, if it does.
fn binding_error(prefix: &str, uri: &str) -> Option<String> {
    const XMLNS_NS: &str = "http://www.w3.org/2000/xmlns/";
    if prefix == "xmlns" {
        return Some("the prefix \"xmlns\" must not be declared".into());
    }
    if prefix == "xml" {
        return (uri != XML_NS).then(|| {
            format!("the prefix \"xml\" can only be bound to \"{XML_NS}\", not \"{uri}\"")
        });
    }
    if uri == XML_NS || uri == XMLNS_NS {
        return Some(format!(
            "the namespace \"{uri}\" must not be bound to another prefix"
        ));
    }
    if uri.is_empty() && !prefix.is_empty() {
        return Some(format!(
            "prefixed namespace bindings may not be empty (xmlns:{prefix}=\"\")"
        ));
    }
    None
}

/// Splits `qname` at its colon and finds the namespace its prefix is bound
/// to in `bindings` (an unprefixed attribute is in no namespace, an
/// unprefixed element in the default one); `Err(prefix)` when the prefix
/// is bound to none.
fn resolve<'a>(
    bindings: &'a Bindings,
    qname: &'a str,
    attribute: bool,
) -> Result<(&'a str, &'a str), &'a str> {
    match memchr::memchr(b':', qname.as_bytes()) {
        Some(i) => {
            let (prefix, local) = (&qname[..i], &qname[i + 1..]);
            match bindings.lookup(prefix) {
                Some(ns) if !ns.is_empty() => Ok((ns, local)),
                _ => Err(prefix),
            }
        }
        None if attribute => Ok(("", qname)),
        None => Ok((bindings.lookup("").unwrap_or(""), qname)),
    }
}

/// `(line, column)` after `bytes`, starting at `(line, column)`.
fn advance((mut line, mut column): (usize, usize), bytes: &[u8]) -> (usize, usize) {
    for (i, &b) in bytes.iter().enumerate() {
        // A CR LF pair, a lone CR or a LF ends a line.
        if b == b'\n' && i > 0 && bytes[i - 1] == b'\r' {
            continue;
        }
        if b == b'\n' || b == b'\r' {
            line += 1;
            column = 1;
        } else if b & 0xC0 != 0x80 {
            column += 1;
        }
    }
    (line, column)
}

impl Run<'_> {
    /// The event loop; `Err` when the document breaks off.
    fn read<R: BufRead>(
        &mut self,
        reader: &mut quick_xml::Reader<Positioned<R>>,
    ) -> Result<(), ValidateError> {
        let mut buf = Vec::with_capacity(4096);
        let mut events: u32 = 0;
        let mut after_text = false;
        loop {
            buf.clear();
            (self.text_line, self.text_column) = reader.get_ref().position();
            if after_text {
                // quick-xml consumes the `<` that ends a text node.
                self.text_column = self.text_column.saturating_sub(1).max(1);
            }
            let at = (self.text_line, self.text_column);
            let ev = reader.read_event_into(&mut buf);
            let (line, column) = reader.get_ref().position();
            self.line = line;
            self.column = column;
            let ev = match ev {
                Ok(ev) => ev,
                Err(quick_xml::Error::Io(e)) => {
                    let e = std::io::Error::new(e.kind(), ArcError(e.clone()));
                    return Err(read_error(self.file, e));
                }
                Err(e) => {
                    use quick_xml::errors::{Error, SyntaxError};
                    let at = match e {
                        Error::Syntax(
                            SyntaxError::UnclosedComment
                            | SyntaxError::UnclosedCData
                            | SyntaxError::UnclosedPIOrXmlDecl
                            | SyntaxError::UnclosedDoctype,
                        ) => reader.get_ref().end_position(),
                        _ => (line, column),
                    };
                    return Err(self.fatal_at(at, syntax_message(&e)));
                }
            };
            after_text = matches!(ev, Event::Text(_));
            let first = events == 0;
            match ev {
                Event::Start(s) => self.start(&s, at)?,
                Event::End(e) => {
                    if self.depth == 0 {
                        return Err(self.fatal_at(
                            at,
                            format!(
                                "end tag \"</{}>\" without a matching start tag",
                                String::from_utf8_lossy(&e)
                            ),
                        ));
                    }
                    let open = &self.frames[self.depth].qname;
                    if *e != *open.as_bytes() {
                        let msg = format!(
                            "the element \"{open}\" must be closed by the matching end tag \"</{open}>\", not \"</{}>\"",
                            String::from_utf8_lossy(&e)
                        );
                        return Err(self.fatal_at(advance(at, b"</"), msg));
                    }
                    self.end()?
                }
                Event::Text(t) => {
                    if self.depth == 0 {
                        if let Some(i) = t
                            .iter()
                            .position(|&b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
                        {
                            return Err(self.fatal_at(advance(at, &t[..i]), self.outside_root()));
                        }
                        continue;
                    }
                    let mut s = std::mem::take(&mut self.text_buf);
                    s.clear();
                    let mut ents = DocEntities {
                        doctype: self.doctype.as_ref(),
                        budget: &mut self.entity_budget,
                    };
                    let checked = check_chars(&t, Context::Content, &mut ents, Some(&mut s));
                    checked.map_err(|f| self.flaw(at, 0, &t, f))?;
                    self.text(&s, &t)?;
                    self.text_buf = s;
                }
                Event::CData(c) => {
                    if self.depth == 0 {
                        return Err(self.fatal_at(at, self.outside_root()));
                    }
                    check_chars(&c, Context::Literal, &mut Predefined, None)
                        .map_err(|f| self.flaw(at, 9, &c, f))?;
                    let s = std::str::from_utf8(&c).unwrap_or_default();
                    self.text(s, b"")?;
                }
                Event::Comment(c) => {
                    wellformed::comment(&c).map_err(|f| self.flaw(at, 4, &c, f))?;
                }
                Event::PI(p) => {
                    wellformed::processing_instruction(&p).map_err(|f| self.flaw(at, 2, &p, f))?;
                }
                Event::Decl(d) => {
                    if !first || at != (1, 1) {
                        return Err(self.fatal_at(
                            advance(at, b"<?"),
                            "the XML declaration is allowed only at the very start of the document"
                                .into(),
                        ));
                    }
                    wellformed::xml_declaration(&d).map_err(|f| self.flaw(at, 2, &d, f))?;
                }
                Event::DocType(d) => {
                    if self.root_seen || self.doctype_seen {
                        return Err(self.fatal_at(
                            at,
                            if self.root_seen {
                                "the DOCTYPE declaration must come before the root element"
                            } else {
                                "only one DOCTYPE declaration is allowed"
                            }
                            .into(),
                        ));
                    }
                    self.doctype_seen = true;
                    // Where the DOCTYPE's text starts (quick-xml drops the
                    // white space after the keyword; one space is usual).
                    let text_at = advance(at, b"<!DOCTYPE ");
                    let text = std::str::from_utf8(&d).map_err(|e| {
                        self.fatal_at(
                            advance(text_at, &d[..e.valid_up_to()]),
                            "invalid byte sequence: the document is not valid UTF-8".into(),
                        )
                    })?;
                    match crate::doctype::parse(text) {
                        Ok(dt) => self.doctype = Some(dt),
                        Err(e) => {
                            let pos = advance(text_at, &d[..e.offset.min(d.len())]);
                            return Err(self.fatal_at(pos, e.message));
                        }
                    }
                }
                Event::Eof => break,
                // Never produced: empty elements are expanded.
                Event::Empty(_) => {}
            }
            events = events.wrapping_add(1);
            if events.is_multiple_of(4096) {
                self.engine.trim_memos();
            }
            if self.engine.arena.overflowed() {
                return Err(ValidateError::Limit {
                    file: self.file.to_owned(),
                    line,
                    column,
                    message: "too many distinct patterns; validation stopped".into(),
                });
            }
        }
        if self.depth > 0 {
            let name = self.frames[self.depth].qname.clone();
            return Err(self.fatal(format!(
                "unexpected end of file: element \"{name}\" is not closed"
            )));
        }
        if !self.root_seen {
            return Err(self.fatal("no root element: a well-formed document has one".into()));
        }
        Ok(())
    }

    /// What the frame at `depth` (in state `pat`) expected, as jing
    /// words it.
    fn expected(&mut self, depth: usize, pat: PatId) -> super::expect::Expected {
        let mut e = self.engine.expected(pat, &self.bindings);
        if self.frames[depth].orphan {
            e.end_tag = false;
        }
        e
    }

    fn outside_root(&self) -> String {
        if self.root_seen {
            "content is not allowed after the root element".into()
        } else {
            "content is not allowed before the root element".into()
        }
    }

    /// The error for `flaw` in `raw`, an event that starts at `at` with
    /// `prefix` bytes of markup before `raw`.
    fn flaw(&self, at: (usize, usize), prefix: usize, raw: &[u8], flaw: Flaw) -> ValidateError {
        let (l, c) = (at.0, at.1 + prefix);
        let pos = advance((l, c), &raw[..flaw.at.min(raw.len())]);
        self.fatal_at(pos, flaw.message)
    }

    fn fatal_at(&self, (line, column): (usize, usize), message: String) -> ValidateError {
        ValidateError::NotWellFormed {
            file: self.file.to_owned(),
            line,
            column,
            message,
        }
    }

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

    /// The error for a prefix bound to no namespace.
    fn unbound(&self, prefix: &str, qname: &str, at: (usize, usize)) -> ValidateError {
        self.fatal_at(
            at,
            format!("the namespace prefix \"{prefix}\" of \"{qname}\" is not bound"),
        )
    }

    fn start(&mut self, s: &BytesStart<'_>, at: (usize, usize)) -> Result<(), ValidateError> {
        let raw: &[u8] = s;
        let tag_at = advance(at, b"<");
        if self.depth == 0 && self.root_seen {
            return Err(self.fatal_at(tag_at, self.outside_root()));
        }
        let mut raw_attrs = std::mem::take(&mut self.raw_attrs);
        // The tag decoded once (when it is UTF-8), its names and values
        // sliced from it.
        let text = std::str::from_utf8(raw).ok();
        let name_len = wellformed::start_tag_in(raw, text, &mut raw_attrs)
            .map_err(|f| self.flaw(at, 1, raw, f))?;
        self.root_seen = true;
        self.flush_text(false);
        let qname = wellformed::piece(raw, text, 0..name_len);
        let bindings_len = self.bindings.len();
        // Attributes: namespace declarations first, so that they apply to
        // the element's own name and attributes.
        // Where each attribute's name is, worked out only for a message.
        let key_at = |offset: usize| advance(tag_at, &raw[..offset]);
        let mut attrs: Vec<(&str, String, usize)> = Vec::with_capacity(raw_attrs.len());
        for a in &raw_attrs {
            let key = wellformed::piece(raw, text, a.name.clone());
            let mut value = String::with_capacity(a.value.len());
            let mut ents = DocEntities {
                doctype: self.doctype.as_ref(),
                budget: &mut self.entity_budget,
            };
            let checked = match text.and_then(|t| t.get(a.value.clone())) {
                Some(v) => check_text(v, Context::Attribute, &mut ents, Some(&mut value)),
                None => check_chars(
                    &raw[a.value.clone()],
                    Context::Attribute,
                    &mut ents,
                    Some(&mut value),
                ),
            };
            checked.map_err(|f| self.flaw(at, 1, raw, f.shifted(a.value.start)))?;
            if key == "xmlns" || key.starts_with("xmlns:") {
                let prefix = key.strip_prefix("xmlns:").unwrap_or("");
                if let Some(why) = binding_error(prefix, &value) {
                    return Err(self.fatal_at(key_at(a.name.start), why));
                }
                self.bindings.push(prefix, &value);
            } else {
                attrs.push((key, value, a.name.start));
            }
        }
        self.raw_attrs = raw_attrs;
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
            f.qname.push_str(qname);
            f.skip = parent_skip;
            f.has_child = false;
            f.ws_only = true;
            f.text.clear();
            f.bindings_len = bindings_len;
            f.content_reported = false;
            f.text_reported = false;
            f.unknown_msg = inherited;
            f.repeat_msg = None;
            f.orphan = false;
            f.typed = false;
            f.pat = NOT_ALLOWED;
        }
        let name = match resolve(&self.bindings, qname, false) {
            Ok((ns, local)) => self.engine.name(ns, local),
            Err(prefix) => return Err(self.unbound(prefix, qname, tag_at)),
        };
        let mut q = if parent_skip {
            // Inside an element defined nowhere: a defined element is still
            // validated against its definitions; others are skipped.
            match self.engine.definitions_for(name) {
                None => return Ok(()),
                Some(contents) => {
                    let f = &mut self.frames[self.depth];
                    f.skip = false;
                    f.orphan = true;
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
                    let exp = self.expected(parent, parent_pat).phrase();
                    let msg = format!("element \"{qname}\" not allowed anywhere{exp}");
                    self.error("not-allowed", msg.clone());
                    let f = &mut self.frames[self.depth];
                    f.skip = true;
                    f.unknown_msg = Some(msg);
                    return Ok(());
                }
                Some(contents) => {
                    let r = self.engine.skip_stod(parent_pat, name);
                    let exp = self.expected(parent, parent_pat);
                    if r != NOT_ALLOWED {
                        let req = self.engine.required_elements(parent_pat, &self.bindings);
                        let msg = match req.len() {
                            0 => format!("element \"{qname}\" not allowed yet{}", exp.phrase()),
                            1 => format!(
                                "element \"{qname}\" not allowed yet; missing required element {}",
                                req.or_list()
                            ),
                            _ => format!(
                                "element \"{qname}\" not allowed yet; missing required elements {}",
                                req.and_list()
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
        // The names of the attributes with a namespace, to find one
        // written twice with two prefixes.
        let mut prefixed = std::mem::take(&mut self.prefixed);
        prefixed.clear();
        // ID-typed values, checked after the element's validity errors as
        // jing's separate ID checker does.
        let mut id_values: Vec<(IdType, usize)> = Vec::new();
        for (index, (key, value, key_offset)) in attrs.iter().enumerate() {
            let (ans, alocal) = match resolve(&self.bindings, key, true) {
                Ok(r) => r,
                Err(prefix) => return Err(self.unbound(prefix, key, key_at(*key_offset))),
            };
            let aname = self.engine.name(ans, alocal);
            if !ans.is_empty() {
                // Two prefixes bound to one namespace name one attribute.
                if prefixed.contains(&aname) {
                    return Err(self.fatal_at(
                        key_at(*key_offset),
                        format!(
                            "attribute \"{alocal}\" in namespace \"{ans}\" is written twice in the same start tag"
                        ),
                    ));
                }
                prefixed.push(aname);
            }
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
            }
            let t = self.engine.id_type(name, aname);
            if t != IdType::Null {
                id_values.push((t, index));
            }
        }
        self.prefixed = prefixed;
        let mut q3 = self.engine.stcd(q, false);
        if q3 == NOT_ALLOWED {
            let req = self.engine.required_attributes(q, &self.bindings);
            let msg = match req.len() {
                0 => {
                    let exp = self.engine.expected_attributes(q, &self.bindings).phrase();
                    format!("element \"{qname}\" missing one or more required attributes{exp}")
                }
                1 => format!(
                    "element \"{qname}\" missing required attribute {}",
                    req.or_list()
                ),
                _ => format!(
                    "element \"{qname}\" missing required attributes {}",
                    req.and_list()
                ),
            };
            self.error("missing-attribute", msg);
            q3 = self.engine.stcd(q, true);
        }
        for (t, index) in id_values {
            let value = &attrs[index].1;
            self.ids.record(self.file, t, value, self.line, self.column);
        }
        let id_errors = self.ids.take_errors();
        self.diags.extend(id_errors);
        let typed = self.engine.arena.flags(q3) & HAS_DATA != 0;
        let f = &mut self.frames[self.depth];
        f.pat = q3;
        f.typed = typed;
        Ok(())
    }

    fn attribute_error(&mut self, q: PatId, aname: NameId, key: &str, value: &str) {
        let values = self.engine.attribute_values(q, aname);
        if values.is_empty() {
            let exp = self.engine.expected_attributes(q, &self.bindings);
            let msg = if !exp.any {
                format!("found attribute \"{key}\", but no attributes allowed here")
            } else {
                format!("attribute \"{key}\" not allowed here{}", exp.phrase())
            };
            self.error("attribute-not-allowed", msg);
        } else {
            let mut p = NOT_ALLOWED;
            for v in values {
                p = self.engine.arena.choice(p, v);
            }
            let why = self.engine.value_requirement(p, value, &self.bindings);
            let sep = if why.is_empty() { "" } else { "; " };
            self.error(
                "bad-attribute-value",
                format!("value of attribute \"{key}\" is invalid{sep}{why}"),
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
        let f = &self.frames[self.depth];
        // Text that data may match is kept, and checked whole at the end
        // tag; after a child element of a data element, text is untyped
        // and never allowed (as in jing).
        let after_child = f.typed && f.has_child;
        let keep = self.engine.arena.flags(pat) & HAS_DATA != 0 && !after_child;
        if f.skip {
            return Ok(());
        }
        if !keep && !is_whitespace(s) {
            // Whether text is allowed does not depend on the text here, so
            // it is decided now and, like jing (which sees the text in SAX
            // chunks: lines and entity references), reported for each chunk.
            let d = if after_child {
                let d = self.engine.mixed_text(pat);
                if d != NOT_ALLOWED {
                    self.frames[self.depth].pat = d;
                }
                d
            } else {
                self.engine.text(pat, "x", &self.bindings)
            };
            if d == NOT_ALLOWED {
                let exp = self.expected(self.depth, pat).phrase();
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
            let first_child = !self.frames[d].has_child;
            self.frames[d].has_child = true;
            if first_child && self.frames[d].typed {
                // jing's untyped text before a start tag in a data element:
                // not allowed, reported where the start tag ends; the
                // element's pattern is unchanged.
                let f = &mut self.frames[d];
                let ws = f.ws_only;
                f.text.clear();
                f.ws_only = true;
                f.text_reported = false;
                let pat = self.frames[d].pat;
                if !ws {
                    let r = self.engine.mixed_text(pat);
                    if r == NOT_ALLOWED {
                        let exp = self.expected(d, pat).phrase();
                        self.error("text-not-allowed", format!("text not allowed here{exp}"));
                    } else {
                        self.frames[d].pat = r;
                    }
                }
                return;
            }
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
        let mut r = if ws {
            self.engine.arena.choice(pat, d1)
        } else {
            d1
        };
        if whole && self.frames[d].typed && self.engine.end_tag(r, false) == NOT_ALLOWED {
            // jing checks a data element's whole content against its
            // text-only form: content that still needs an element is bad
            // character content, not an incomplete element.
            r = NOT_ALLOWED;
        }
        if r == NOT_ALLOWED {
            self.frames[d].content_reported = whole;
            let qname = self.frames[d].qname.clone();
            let exp = if whole && ws && self.frames[d].typed {
                Some(self.expected(d, pat))
            } else {
                None
            };
            if let Some(exp) = exp.filter(|e| !e.elements.is_empty()) {
                // jing: blank content where an element could have come.
                self.error_at(
                    self.line,
                    self.column,
                    "bad-character-content",
                    format!(
                        "empty content for element \"{qname}\" not allowed{}",
                        exp.phrase()
                    ),
                );
            } else if self.engine.arena.flags(pat) & HAS_DATA != 0 {
                let firsts = self.first_components(pat);
                let why = self.engine.value_requirement(firsts, &text, &self.bindings);
                let sep = if why.is_empty() { "" } else { "; " };
                // jing checks data when the element ends: after its end tag.
                self.error_at(
                    self.line,
                    self.column,
                    "bad-character-content",
                    format!("character content of element \"{qname}\" invalid{sep}{why}"),
                );
            } else {
                let exp = self.expected(d, pat).phrase();
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
        // An error in the element's character content is its end tag's
        // own error too (no repeated message then).
        let before = self.diags.len();
        self.flush_text(true);
        let d = self.depth;
        let bl = self.frames[d].bindings_len;
        if !self.frames[d].skip {
            let pat = self.frames[d].pat;
            let mut e = self.engine.end_tag(pat, false);
            if e == NOT_ALLOWED && self.frames[d].content_reported {
                e = self.engine.end_tag(pat, true);
            } else if e == NOT_ALLOWED {
                let qname = self.frames[d].qname.clone();
                let exp = self.expected(d, pat);
                let req = self.engine.required_elements(pat, &self.bindings);
                let msg = match req.len() {
                    0 => format!("element \"{qname}\" incomplete{}", exp.phrase()),
                    1 => format!(
                        "element \"{qname}\" incomplete; missing required element {}",
                        req.or_list()
                    ),
                    _ => format!(
                        "element \"{qname}\" incomplete; missing required elements {}",
                        req.and_list()
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

/// A message for an error quick-xml found (markup it could not tokenize).
fn syntax_message(e: &quick_xml::Error) -> String {
    use quick_xml::errors::{Error, SyntaxError};
    match e {
        Error::Syntax(SyntaxError::UnclosedTag) => {
            "unexpected end of file in a tag: \">\" not found".into()
        }
        Error::Syntax(SyntaxError::InvalidBangMarkup) => {
            "unknown markup after \"<!\" (a comment must start with \"<!--\", \
             a CDATA section with \"<![CDATA[\")"
                .into()
        }
        Error::Syntax(s) => format!("unexpected end of file: {s}"),
        Error::IllFormed(e) => e.to_string(),
        Error::Encoding(_) => "invalid byte sequence: the document is not valid UTF-8".into(),
        e => e.to_string(),
    }
}

/// Where jing reports each chunk of a text node that is not allowed: SAX
/// delivers text in chunks ending at newlines, around entity and
/// character references and around runs of `]`; a chunk with non-whitespace is reported at its
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
            // Xerces ends a chunk before a run of `]` (it looks for `]]>`
            // there) and delivers the run as a chunk of its own.
            b']' => {
                if significant {
                    out.push((l, c));
                }
                while raw.get(i) == Some(&b']') {
                    c += 1;
                    i += 1;
                }
                out.push((l, c));
                significant = false;
            }
            // Line ends are normalised to a newline before SAX sees them:
            // a CR LF pair is skipped up to its LF, a lone CR is a newline.
            b'\r' if raw.get(i + 1) == Some(&b'\n') => i += 1,
            b'\r' => {
                if significant {
                    out.push((l, c));
                }
                significant = false;
                l += 1;
                c = 1;
                i += 1;
            }
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
        assert_eq!(
            chunk_ends(b"a [b] c]]", 1, 1),
            vec![(1, 5), (1, 6), (1, 8), (1, 10)]
        );
        assert_eq!(chunk_ends(b"]", 1, 1), vec![(1, 2)]);
    }
}
