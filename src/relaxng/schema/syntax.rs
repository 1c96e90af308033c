//! Reading a schema document's XML into a small element tree that keeps,
//! for every element, its byte offset and its in-scope namespace bindings.
//!
//! Namespaces are handled here rather than by quick-xml's `NsReader`, because
//! RELAX NG needs the whole in-scope context of each element (QNames in
//! `name` attributes and elements, and `value` contexts).

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;

use quick_xml::events::{BytesStart, Event};

use super::error::Error;
use crate::xsd::Namespaces;

/// The RELAX NG structure namespace.
pub const RNG_NS: &str = "http://relaxng.org/ns/structure/1.0";
/// The XML namespace, bound to the prefix `xml`.
pub const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
/// The namespace of namespace declarations.
pub const XMLNS_NS: &str = "http://www.w3.org/2000/xmlns/";

/// Deepest element nesting accepted in a schema document: the later stages
/// recurse over the tree, and no real schema comes close.
pub const MAX_DEPTH: usize = 500;

/// An attribute with its name resolved.
#[derive(Debug, Clone)]
pub struct Attr {
    /// Namespace URI (`""` for unqualified attributes).
    pub ns: String,
    /// Local name (shared).
    pub local: Rc<str>,
    /// The value, entity references expanded, whitespace normalised.
    pub value: String,
}

/// A child of an element.
#[derive(Debug, Clone)]
pub enum Child {
    /// An element.
    Elem(Node),
    /// Character data (text and CDATA).
    Text(String),
}

/// An element of a schema document.
#[derive(Debug, Clone)]
pub struct Node {
    /// Namespace URI (shared between elements).
    pub ns: Rc<str>,
    /// Local name (shared).
    pub local: Rc<str>,
    /// Attributes other than namespace declarations.
    pub attrs: Vec<Attr>,
    /// Children in document order.
    pub children: Vec<Child>,
    /// Byte offset of the start tag's `<`.
    pub pos: usize,
    /// The namespace bindings in scope (shared between elements that declare nothing).
    pub nss: Rc<Namespaces>,
}

impl Node {
    /// The value of the unqualified attribute `local`.
    pub fn attr(&self, local: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.ns.is_empty() && &*a.local == local)
            .map(|a| a.value.as_str())
    }

    /// The value of the attribute `{ns}local`.
    pub fn attr_ns(&self, ns: &str, local: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.ns == ns && &*a.local == local)
            .map(|a| a.value.as_str())
    }

    /// Whether this is the RELAX NG element `local`.
    pub fn is_rng(&self, local: &str) -> bool {
        &*self.ns == RNG_NS && &*self.local == local
    }

    /// All character data of the element's text children, concatenated.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for c in &self.children {
            if let Child::Text(t) = c {
                s.push_str(t);
            }
        }
        s
    }
}

/// Parses a whole document into its root element. Errors carry byte offsets
/// into `text`.
pub fn parse(text: &[u8]) -> Result<Node, Error> {
    let text = std::str::from_utf8(text)
        .map_err(|e| Error::at(e.valid_up_to(), "schema is not UTF-8 encoded"))?;
    let (text, skip) = match text.strip_prefix('\u{feff}') {
        Some(t) => (t, 3),
        None => (text, 0),
    };
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().trim_text(false);
    let mut stack: Vec<Node> = Vec::new();
    let mut root: Option<Node> = None;
    let empty_ns = Rc::new(Namespaces::default());
    // Depth inside a foreign element below the document element: its
    // content is dropped by §4.1, so only a childless stand-in is kept
    // (`name`, `value` and `param` must still see that it was there).
    let mut foreign = 0usize;
    let mut interned: Interned = Interned::default();
    loop {
        let pos = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| {
            Error::at(
                reader.error_position() as usize + skip,
                format!("schema is not well-formed XML: {e}"),
            )
        })?;
        if foreign > 0 {
            match event {
                Event::Start(_) => foreign += 1,
                Event::End(_) => foreign -= 1,
                Event::Eof => {
                    return Err(Error::at(
                        text.len() + skip,
                        "schema is not well-formed XML: unclosed element",
                    ));
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(e) | Event::Empty(e) if root.is_some() && stack.is_empty() => {
                let _ = e;
                return Err(Error::at(pos + skip, "content after the document element"));
            }
            Event::Start(e) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(Error::at(
                        pos + skip,
                        format!("schema elements nested deeper than {MAX_DEPTH}"),
                    ));
                }
                let parent_ns = stack
                    .last()
                    .map(|n| n.nss.clone())
                    .unwrap_or(empty_ns.clone());
                let hint = stack.last().map(|n| n.ns.clone());
                let node = start_node(&e, parent_ns, pos + skip, &mut interned, hint)?;
                match stack.last_mut() {
                    Some(p) if &*node.ns != RNG_NS => {
                        p.children.push(Child::Elem(node));
                        foreign = 1;
                    }
                    _ => stack.push(node),
                }
            }
            Event::Empty(e) => {
                let parent_ns = stack
                    .last()
                    .map(|n| n.nss.clone())
                    .unwrap_or(empty_ns.clone());
                let hint = stack.last().map(|n| n.ns.clone());
                let node = start_node(&e, parent_ns, pos + skip, &mut interned, hint)?;
                match stack.last_mut() {
                    Some(p) => p.children.push(Child::Elem(node)),
                    None => root = Some(node),
                }
            }
            Event::End(_) => {
                // quick-xml checks that end tags match.
                let node = stack
                    .pop()
                    .ok_or_else(|| Error::at(pos + skip, "unexpected end tag"))?;
                match stack.last_mut() {
                    Some(p) => p.children.push(Child::Elem(node)),
                    None => root = Some(node),
                }
            }
            // Whitespace between elements (most text events of a schema)
            // is dropped without unescaping it, unless it is in `value`
            // or `param`.
            Event::Text(t)
                if t.iter().all(|&b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
                    && stack.last().is_some_and(|p| {
                        !(&*p.ns == RNG_NS && (&*p.local == "value" || &*p.local == "param"))
                    }) => {}
            Event::Text(t) => {
                let s = t.unescape().map_err(|e| {
                    Error::at(pos + skip, format!("schema is not well-formed XML: {e}"))
                })?;
                match stack.last_mut() {
                    // Whitespace matters only in `value` and `param`.
                    Some(p)
                        if !(s.chars().all(is_xml_space)
                            && !(&*p.ns == RNG_NS
                                && (&*p.local == "value" || &*p.local == "param"))) =>
                    {
                        push_text(p, &s)
                    }
                    Some(_) => {}
                    None => {
                        if !s.chars().all(is_xml_space) {
                            return Err(Error::at(pos + skip, "text outside the document element"));
                        }
                    }
                }
            }
            Event::CData(t) => {
                let s = String::from_utf8_lossy(&t).into_owned();
                match stack.last_mut() {
                    Some(p) => push_text(p, &s),
                    None => {
                        return Err(Error::at(pos + skip, "CDATA outside the document element"));
                    }
                }
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
            Event::Eof => {
                if let Some(open) = stack.last() {
                    return Err(Error::at(
                        text.len() + skip,
                        format!(
                            "schema is not well-formed XML: element \"{}\" is not closed",
                            open.local
                        ),
                    ));
                }
                return root.ok_or_else(|| Error::at(skip, "schema document has no element"));
            }
        }
    }
}

fn push_text(node: &mut Node, s: &str) {
    if let Some(Child::Text(t)) = node.children.last_mut() {
        t.push_str(s);
    } else {
        node.children.push(Child::Text(s.to_owned()));
    }
}

/// XML whitespace.
pub fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

fn start_node(
    e: &BytesStart<'_>,
    parent_ns: Rc<Namespaces>,
    pos: usize,
    interned: &mut Interned,
    parent: Option<Rc<str>>,
) -> Result<Node, Error> {
    let has_parent = parent.is_some();
    let wf = |msg: String| Error::at(pos, format!("schema is not well-formed XML: {msg}"));
    let mut raw: Vec<(&str, String)> = Vec::new();
    let mut decls: Vec<(String, String)> = Vec::new();
    for a in e.attributes().with_checks(true) {
        let a = a.map_err(|e| wf(e.to_string()))?;
        let name = std::str::from_utf8(a.key.into_inner()).map_err(|e| wf(e.to_string()))?;
        let literal = std::str::from_utf8(&a.value).map_err(|e| wf(e.to_string()))?;
        let value = if literal
            .bytes()
            .any(|b| matches!(b, b'\t' | b'\n' | b'\r' | b'&'))
        {
            // Attribute-value normalisation: literal whitespace becomes a space.
            let normalized = literal.replace(['\t', '\n', '\r'], " ");
            quick_xml::escape::unescape(&normalized)
                .map_err(|e| wf(e.to_string()))?
                .into_owned()
        } else {
            literal.to_owned()
        };
        if name == "xmlns" {
            decls.push((String::new(), value));
        } else if let Some(p) = name.strip_prefix("xmlns:") {
            if value.is_empty() {
                return Err(wf(format!(
                    "namespace prefix \"{p}\" bound to the empty string"
                )));
            }
            decls.push((p.to_owned(), value));
        } else {
            raw.push((name, value));
        }
    }
    let qname_bytes = e.name();
    let qname = std::str::from_utf8(qname_bytes.as_ref()).map_err(|e| wf(e.to_string()))?;
    let scope = Scope {
        decls: &decls,
        parent: &parent_ns,
    };
    let (ns, local) = resolve_qname(qname, &scope, true).ok_or_else(|| {
        wf(format!(
            "undeclared namespace prefix in element name \"{qname}\""
        ))
    })?;
    // Most elements are in their parent's namespace.
    let ns = match parent {
        Some(p) if &*p == ns => p,
        _ => intern(interned, ns),
    };
    let local = intern(interned, local);
    if has_parent && &*ns != RNG_NS {
        // Dropped by §4.1: only the fact that it was there matters (its
        // bindings do not: tei_all declares a prefix on each of its 1,900
        // `a:documentation` elements).
        return Ok(Node {
            ns,
            local,
            attrs: Vec::new(),
            children: Vec::new(),
            pos,
            nss: parent_ns,
        });
    }
    let nss = if decls.is_empty() {
        parent_ns
    } else {
        let mut v = parent_ns.0.clone();
        v.extend(decls);
        Rc::new(Namespaces(v))
    };
    let mut attrs = Vec::with_capacity(raw.len());
    for (name, value) in raw {
        let (ans, alocal) = resolve_qname(name, &*nss, false).ok_or_else(|| {
            wf(format!(
                "undeclared namespace prefix in attribute name \"{name}\""
            ))
        })?;
        if attrs
            .iter()
            .any(|a: &Attr| a.ns == ans && &*a.local == alocal)
        {
            return Err(wf(format!("duplicate attribute \"{name}\"")));
        }
        attrs.push(Attr {
            ns: ans.to_owned(),
            local: intern(interned, alocal),
            value,
        });
    }
    Ok(Node {
        ns,
        local,
        attrs,
        children: Vec::new(),
        pos,
        nss,
    })
}

/// Names and namespaces seen so far (short keys: an FNV-1a-like hash, a
/// word at a time, beats SipHash here).
type Interned = HashSet<Rc<str>, BuildHasherDefault<Fnv>>;

/// FNV-1a over 8-byte words, then over the remaining bytes.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Eight bytes at a time: namespace URIs are long.
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes(c.try_into().expect("8 bytes"));
            self.0 = (self.0 ^ w).wrapping_mul(0x100_0000_01b3).rotate_left(29);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
}

/// A shared copy of `s`: schemas use few distinct names and namespaces.
fn intern(interned: &mut Interned, s: &str) -> Rc<str> {
    match interned.get(s) {
        Some(i) => i.clone(),
        None => {
            let i: Rc<str> = Rc::from(s);
            interned.insert(i.clone());
            i
        }
    }
}

/// The bindings of an element being read: its own declarations over its
/// parent's scope.
struct Scope<'a> {
    decls: &'a [(String, String)],
    parent: &'a Namespaces,
}

impl crate::xsd::NamespaceContext for Scope<'_> {
    fn resolve(&self, prefix: &str) -> Option<&str> {
        match self.decls.iter().rev().find(|(p, _)| p == prefix) {
            Some((_, u)) => Some(u),
            None => self.parent.resolve(prefix),
        }
    }
}

/// Splits `qname` and resolves its prefix; unprefixed names take the default
/// namespace only if `use_default`. `None` when the prefix is unbound.
fn resolve_qname<'q>(
    qname: &'q str,
    nss: &'q dyn crate::xsd::NamespaceContext,
    use_default: bool,
) -> Option<(&'q str, &'q str)> {
    match qname.split_once(':') {
        Some((p, l)) => Some((nss.resolve(p)?, l)),
        None => {
            let ns = if use_default {
                nss.resolve("").unwrap_or("")
            } else {
                ""
            };
            Some((ns, qname))
        }
    }
}
