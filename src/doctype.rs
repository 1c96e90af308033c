//! The internal subset of a DOCTYPE: the entities a document declares for
//! itself, and their expansion within safe limits.
//!
//! TEI files from older projects carry a DOCTYPE such as
//! `<!DOCTYPE TEI [ <!ENTITY mdash "&#x2014;"> <!ENTITY ed "the editor"> ]>`
//! and then use `&mdash;` and `&ed;` in the text. teikit reads those
//! declarations (it reads no DTD from outside the file: external entities
//! and external subsets are never fetched) and expands references with
//! caps on depth and size, so that an "entity bomb" (the billion laughs) is
//! an error, not a hang.
//!
//! Offsets in errors are byte offsets into the string given to [`parse`]
//! (the text quick-xml reports for a `DocType` event, between `<!DOCTYPE`
//! and the closing `>`); callers add where that text starts in the file.

use std::collections::BTreeMap;

/// An entity declared in the internal subset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entity {
    /// An internal entity: its replacement text (character references in
    /// the literal already resolved; references to other general entities
    /// left as written, to be expanded where the entity is used).
    Internal(String),
    /// An external entity (`SYSTEM "uri"` or `PUBLIC "id" "uri"`): never
    /// fetched.
    External {
        /// The system identifier (a URI).
        system: String,
        /// Whether it is an unparsed entity (`NDATA`).
        unparsed: bool,
    },
}

/// What [`parse`] found in a DOCTYPE.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Doctype {
    /// The name of the root element the DOCTYPE names.
    pub root: String,
    /// The system identifier of an external subset, if any (never read).
    pub external_subset: Option<String>,
    /// The general entities, by name (the first declaration of a name is
    /// the binding one, as XML 1.0 §4.2 says).
    pub entities: BTreeMap<String, Entity>,
    /// Whether the internal subset uses parameter entities (which teikit
    /// does not expand, so declarations they hide are not seen).
    pub uses_parameter_entities: bool,
}

/// A fault in a DOCTYPE or in expanding one of its entities.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct DoctypeError {
    /// Byte offset into the text given to [`parse`] (for expansion
    /// errors: 0; the caller knows where the reference is).
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

fn error(offset: usize, message: impl Into<String>) -> DoctypeError {
    DoctypeError {
        offset,
        message: message.into(),
    }
}

/// Parses the text of a DOCTYPE declaration (without `<!DOCTYPE` and the
/// final `>`).
pub fn parse(text: &str) -> Result<Doctype, DoctypeError> {
    let mut p = Parser { s: text, i: 0 };
    let mut doctype = Doctype::default();
    p.skip_ws();
    doctype.root = p
        .name()
        .ok_or_else(|| error(p.i, "the DOCTYPE has no root element name"))?;
    p.skip_ws();
    if p.eat("SYSTEM") {
        p.skip_ws();
        doctype.external_subset = Some(p.quoted()?);
    } else if p.eat("PUBLIC") {
        p.skip_ws();
        p.quoted()?;
        p.skip_ws();
        doctype.external_subset = Some(p.quoted()?);
    }
    p.skip_ws();
    if p.eat("[") {
        p.internal_subset(&mut doctype)?;
        p.skip_ws();
    }
    if p.i < p.s.len() {
        return Err(error(p.i, "unexpected text in the DOCTYPE declaration"));
    }
    Ok(doctype)
}

struct Parser<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> Parser<'a> {
    fn rest(&self) -> &'a str {
        &self.s[self.i..]
    }

    fn skip_ws(&mut self) {
        let rest = self.rest();
        self.i += rest.len() - rest.trim_start_matches([' ', '\t', '\r', '\n']).len();
    }

    fn eat(&mut self, token: &str) -> bool {
        if self.rest().starts_with(token) {
            self.i += token.len();
            true
        } else {
            false
        }
    }

    fn name(&mut self) -> Option<String> {
        let rest = self.rest();
        let len = rest
            .char_indices()
            .find(|&(k, c)| !is_name_char(c) || (k == 0 && !is_name_start(c)))
            .map_or(rest.len(), |(k, _)| k);
        if len == 0 {
            return None;
        }
        self.i += len;
        Some(rest[..len].to_string())
    }

    fn quoted(&mut self) -> Result<String, DoctypeError> {
        let start = self.i;
        let quote = match self.rest().chars().next() {
            Some(q @ ('"' | '\'')) => q,
            _ => return Err(error(start, "expected a quoted string")),
        };
        let body = &self.rest()[1..];
        let len = body
            .find(quote)
            .ok_or_else(|| error(start, "a quoted string is not closed"))?;
        self.i += 1 + len + 1;
        Ok(body[..len].to_string())
    }

    /// Skips a markup declaration other than ENTITY, up to its `>`,
    /// stepping over quoted strings.
    fn skip_declaration(&mut self, start: usize) -> Result<(), DoctypeError> {
        while let Some(c) = self.rest().chars().next() {
            match c {
                '"' | '\'' => {
                    self.quoted()?;
                }
                '>' => {
                    self.i += 1;
                    return Ok(());
                }
                _ => self.i += c.len_utf8(),
            }
        }
        Err(error(start, "a markup declaration is not closed"))
    }

    fn internal_subset(&mut self, doctype: &mut Doctype) -> Result<(), DoctypeError> {
        loop {
            self.skip_ws();
            let start = self.i;
            if self.eat("]") {
                return Ok(());
            }
            if self.rest().is_empty() {
                return Err(error(
                    start,
                    "the DOCTYPE's internal subset is not closed by ']'",
                ));
            }
            if self.eat("<!--") {
                let len = self
                    .rest()
                    .find("-->")
                    .ok_or_else(|| error(start, "a comment is not closed"))?;
                self.i += len + 3;
            } else if self.eat("<?") {
                let len = self
                    .rest()
                    .find("?>")
                    .ok_or_else(|| error(start, "a processing instruction is not closed"))?;
                self.i += len + 2;
            } else if self.eat("<!ENTITY") {
                self.entity(start, doctype)?;
            } else if self.eat("<!ELEMENT") || self.eat("<!ATTLIST") || self.eat("<!NOTATION") {
                self.skip_declaration(start)?;
            } else if self.eat("%") {
                doctype.uses_parameter_entities = true;
                self.name()
                    .ok_or_else(|| error(self.i, "expected a parameter entity name after '%'"))?;
                if !self.eat(";") {
                    return Err(error(self.i, "a parameter entity reference lacks its ';'"));
                }
            } else {
                return Err(error(
                    start,
                    "unexpected text in the DOCTYPE's internal subset",
                ));
            }
        }
    }

    fn entity(&mut self, start: usize, doctype: &mut Doctype) -> Result<(), DoctypeError> {
        self.skip_ws();
        let parameter = self.eat("%");
        self.skip_ws();
        let name = self
            .name()
            .ok_or_else(|| error(self.i, "expected an entity name"))?;
        self.skip_ws();
        let entity = if self.eat("SYSTEM") {
            self.skip_ws();
            self.external()?
        } else if self.eat("PUBLIC") {
            self.skip_ws();
            self.quoted()?;
            self.skip_ws();
            self.external()?
        } else {
            let at = self.i;
            let literal = self.quoted()?;
            Entity::Internal(resolve_char_refs(&literal).map_err(|(k, m)| error(at + 1 + k, m))?)
        };
        self.skip_ws();
        if !self.eat(">") {
            return Err(error(
                start,
                format!("the declaration of entity \"{name}\" is not closed by '>'"),
            ));
        }
        if parameter {
            doctype.uses_parameter_entities = true;
        } else {
            doctype.entities.entry(name).or_insert(entity);
        }
        Ok(())
    }

    fn external(&mut self) -> Result<Entity, DoctypeError> {
        let system = self.quoted()?;
        self.skip_ws();
        let unparsed = self.eat("NDATA");
        if unparsed {
            self.skip_ws();
            self.name()
                .ok_or_else(|| error(self.i, "expected a notation name after NDATA"))?;
        }
        Ok(Entity::External { system, unparsed })
    }
}

/// Resolves `&#N;` and `&#xN;` in an entity literal; other references stay.
fn resolve_char_refs(literal: &str) -> Result<String, (usize, String)> {
    let mut out = String::with_capacity(literal.len());
    let mut rest = literal;
    while let Some(k) = rest.find("&#") {
        out.push_str(&rest[..k]);
        let at = literal.len() - rest.len() + k;
        let body = &rest[k + 2..];
        let end = body
            .find(';')
            .ok_or_else(|| (at, "a character reference lacks its ';'".to_string()))?;
        let code = match body[..end].strip_prefix('x') {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => body[..end].parse::<u32>().ok(),
        };
        let c = code
            .and_then(char::from_u32)
            .filter(|&c| is_xml_char(c))
            .ok_or_else(|| {
                (
                    at,
                    format!("&#{}; is not a character XML allows", &body[..end]),
                )
            })?;
        out.push(c);
        rest = &body[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Limits on entity expansion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// How deeply entity references may nest.
    pub max_depth: usize,
    /// How many bytes all expansions of one document may produce together.
    pub max_total_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 32,
            max_total_bytes: 8 << 20,
        }
    }
}

/// The result of expanding one entity reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expansion {
    /// The replacement text, with nested general entities and the five
    /// predefined ones expanded. When [`Expansion::has_markup`] is set, the
    /// text is XML to be parsed (`<`, and `&` written as `&amp;` stay
    /// escaped so that the caller's parser sees them as the author meant).
    pub text: String,
    /// Whether the replacement text contains markup (`<`).
    pub has_markup: bool,
}

/// Expands entity references of one document, keeping count of the bytes
/// produced so that the whole document stays within [`Limits`].
#[derive(Debug)]
pub struct Expander<'a> {
    doctype: &'a Doctype,
    limits: Limits,
    used: usize,
}

impl<'a> Expander<'a> {
    /// An expander for the entities of `doctype`.
    pub fn new(doctype: &'a Doctype, limits: Limits) -> Self {
        Expander {
            doctype,
            limits,
            used: 0,
        }
    }

    /// Expands a reference to entity `name` (without `&` and `;`).
    ///
    /// Errors: an undeclared entity, an external one (never fetched), an
    /// unparsed one, one that refers to itself, one nested deeper than the
    /// limit, or expansions beyond the byte budget (an entity bomb).
    pub fn expand(&mut self, name: &str) -> Result<Expansion, DoctypeError> {
        if let Some(c) = predefined(name) {
            return Ok(Expansion {
                text: c.to_string(),
                has_markup: false,
            });
        }
        let mut stack = Vec::new();
        let raw = self.expand_raw(name, &mut stack)?;
        let has_markup = raw.contains('<');
        let text = if has_markup {
            raw
        } else {
            unescape_predefined(&raw)
        };
        Ok(Expansion { text, has_markup })
    }

    /// Expands `name` recursively; predefined references stay escaped.
    fn expand_raw<'n>(
        &mut self,
        name: &'n str,
        stack: &mut Vec<&'n str>,
    ) -> Result<String, DoctypeError>
    where
        'a: 'n,
    {
        if stack.contains(&name) {
            return Err(error(0, format!("entity \"{name}\" refers to itself")));
        }
        if stack.len() >= self.limits.max_depth {
            return Err(error(
                0,
                format!(
                    "entity references nest more than {} deep",
                    self.limits.max_depth
                ),
            ));
        }
        let replacement = match self.doctype.entities.get(name) {
            None => return Err(error(0, format!("undefined entity \"{name}\""))),
            Some(Entity::External { unparsed: true, .. }) => {
                return Err(error(0, format!("reference to unparsed entity \"{name}\"")));
            }
            Some(Entity::External { system, .. }) => {
                return Err(error(
                    0,
                    format!(
                        "entity \"{name}\" is external (\"{system}\"); teikit never fetches external entities"
                    ),
                ));
            }
            Some(Entity::Internal(text)) => text.as_str(),
        };
        stack.push(name);
        let mut out = String::new();
        let mut rest = replacement;
        while let Some(k) = rest.find('&') {
            self.charge(k)?;
            out.push_str(&rest[..k]);
            let body = &rest[k + 1..];
            let end = body.find(';').ok_or_else(|| {
                error(0, format!("a reference in entity \"{name}\" lacks its ';'"))
            })?;
            let inner = &body[..end];
            if predefined(inner).is_some() || inner.starts_with('#') {
                self.charge(end + 2)?;
                out.push('&');
                out.push_str(inner);
                out.push(';');
            } else {
                let nested = self.expand_raw(inner, stack)?;
                out.push_str(&nested);
            }
            rest = &body[end + 1..];
        }
        self.charge(rest.len())?;
        out.push_str(rest);
        stack.pop();
        Ok(out)
    }

    fn charge(&mut self, bytes: usize) -> Result<(), DoctypeError> {
        self.used += bytes;
        if self.used > self.limits.max_total_bytes {
            return Err(error(
                0,
                format!(
                    "entity expansion exceeds {} bytes (an entity expansion bomb?)",
                    self.limits.max_total_bytes
                ),
            ));
        }
        Ok(())
    }
}

/// The character of a predefined entity (`lt`, `gt`, `amp`, `apos`, `quot`).
pub fn predefined(name: &str) -> Option<char> {
    Some(match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "apos" => '\'',
        "quot" => '"',
        _ => return None,
    })
}

/// Resolves predefined and character references in text without markup.
fn unescape_predefined(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(k) = rest.find('&') {
        out.push_str(&rest[..k]);
        let body = &rest[k + 1..];
        match body.find(';') {
            Some(end) => {
                let inner = &body[..end];
                let c = predefined(inner).or_else(|| {
                    let code = match inner.strip_prefix("#x") {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => inner.strip_prefix('#')?.parse().ok(),
                    };
                    code.and_then(char::from_u32)
                });
                match c {
                    Some(c) => out.push(c),
                    None => {
                        out.push('&');
                        out.push_str(inner);
                        out.push(';');
                    }
                }
                rest = &body[end + 1..];
            }
            None => {
                out.push_str(&rest[k..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

fn is_name_start(c: char) -> bool {
    matches!(c, ':' | 'A'..='Z' | '_' | 'a'..='z'
        | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}'
        | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}'
        | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
}

fn is_name_char(c: char) -> bool {
    is_name_start(c)
        || matches!(c, '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_entities_expand() {
        let d = parse(
            " TEI SYSTEM \"tei.dtd\" [\n  <!-- house style -->\n  <!ENTITY mdash \"&#x2014;\">\n  \
             <!ENTITY ed 'the editor &amp; &mdash; &who;'>\n  <!ENTITY who \"Filippov\">\n  \
             <!ENTITY who \"ignored: the first declaration binds\">\n  \
             <!ELEMENT p (#PCDATA)>\n  <!ATTLIST p rend CDATA \"x>y\">\n  \
             <!ENTITY hi \"<hi>Stalin</hi>\">\n  <!ENTITY logo SYSTEM \"logo.png\" NDATA png>\n  \
             <!ENTITY chap SYSTEM 'chap1.xml'>\n]",
        )
        .unwrap();
        assert_eq!(d.root, "TEI");
        assert_eq!(d.external_subset.as_deref(), Some("tei.dtd"));
        let mut x = Expander::new(&d, Limits::default());
        assert_eq!(x.expand("mdash").unwrap().text, "\u{2014}");
        let ed = x.expand("ed").unwrap();
        assert_eq!(
            (ed.text.as_str(), ed.has_markup),
            ("the editor & \u{2014} Filippov", false)
        );
        let hi = x.expand("hi").unwrap();
        assert_eq!((hi.text.as_str(), hi.has_markup), ("<hi>Stalin</hi>", true));
        assert_eq!(x.expand("amp").unwrap().text, "&");
        assert!(
            x.expand("chap")
                .unwrap_err()
                .message
                .contains("never fetches")
        );
        assert!(x.expand("logo").unwrap_err().message.contains("unparsed"));
        assert!(
            x.expand("nope")
                .unwrap_err()
                .message
                .contains("undefined entity")
        );
    }

    #[test]
    fn bombs_and_loops_are_errors() {
        let mut subset = String::from(" lolz [ <!ENTITY lol0 \"lol\">");
        for i in 1..10 {
            let refs = format!("&lol{};", i - 1).repeat(10);
            subset.push_str(&format!("<!ENTITY lol{i} \"{refs}\">"));
        }
        subset.push_str("<!ENTITY a \"&b;\"><!ENTITY b \"x&a;\"> ]");
        let d = parse(&subset).unwrap();
        let mut x = Expander::new(&d, Limits::default());
        assert!(x.expand("lol9").unwrap_err().message.contains("bomb"));
        let mut x = Expander::new(&d, Limits::default());
        assert_eq!(x.expand("lol2").unwrap().text.len(), 300);
        assert!(
            x.expand("a")
                .unwrap_err()
                .message
                .contains("refers to itself")
        );
    }

    #[test]
    fn malformed_subsets_point_at_the_fault() {
        let e = parse(" TEI [ <!ENTITY x \"open ]").unwrap_err();
        assert_eq!(e.offset, 18);
        let e = parse(" TEI [ <!ENTITY x \"&#0;\"> ]").unwrap_err();
        assert_eq!(e.offset, 19);
        assert!(parse(" TEI [ junk ]").is_err());
        assert!(parse(" TEI [ <!ENTITY x 'y'> ").is_err());
        assert!(parse(" TEI [ %pe; ]").unwrap().uses_parameter_entities);
    }
}
