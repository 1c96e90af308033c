//! Datatypes for RELAX NG: the built-in library (`string`, `token`) and XML
//! Schema Part 2 datatypes with their facets, including XSD regular
//! expressions.
//!
//! OWNER: the xsd helper. The public API below is the contract the RELAX NG
//! engine codes against; keep its signatures.
//!
//! ```
//! use teikit::xsd::{Datatype, Namespaces, XSD_LIBRARY};
//! let params = [("maxLength".to_owned(), "4".to_owned())];
//! let t = Datatype::new(XSD_LIBRARY, "token", &params).unwrap();
//! let ns = Namespaces::default();
//! assert!(t.allows(" abcd ", &ns).is_ok());
//! assert!(t.allows("abcde", &ns).is_err());
//! assert!(t.equal("a  b", &ns, " a b", &ns));
//! ```

use std::sync::Arc;

mod binary;
mod blocks;
mod builtin;
mod facets;
mod lexical;
pub(crate) mod names;
mod regex;
mod temporal;
mod types;
mod value;

use builtin::RngType;
use facets::Facet;
use types::{Builtin, Family};

pub use regex::translate as translate_regex;

/// The datatype library URI of XML Schema datatypes.
pub const XSD_LIBRARY: &str = "http://www.w3.org/2001/XMLSchema-datatypes";

/// Resolves namespace prefixes, for values of type `QName` (and `NOTATION`).
pub trait NamespaceContext {
    /// The namespace URI bound to `prefix` (`""` is the default namespace;
    /// `None` when unbound). `xml` is always bound.
    fn resolve(&self, prefix: &str) -> Option<&str>;

    /// Whether the document's DTD declares `name` as an unparsed entity
    /// (for `ENTITY` and `ENTITIES`). Without a DTD, nothing is.
    fn is_unparsed_entity(&self, name: &str) -> bool {
        let _ = name;
        false
    }
}

/// In-scope namespace bindings as a list of `(prefix, uri)`; later entries
/// shadow earlier ones. `""` is the default namespace.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Namespaces(pub Vec<(String, String)>);

impl NamespaceContext for Namespaces {
    fn resolve(&self, prefix: &str) -> Option<&str> {
        if prefix == "xml" {
            return Some("http://www.w3.org/XML/1998/namespace");
        }
        self.0
            .iter()
            .rev()
            .find(|(p, _)| p == prefix)
            .map(|(_, u)| u.as_str())
    }
}

/// Why a datatype could not be built or a value is not allowed. The message
/// names the datatype and, for a value, the facet that failed, e.g.
/// `"abc" is not a valid value of datatype "integer"; must be an integer`,
/// `value "abcde" has length 5, but facet "maxLength" of datatype "token" is 4`
/// or `"x" does not match the pattern "[a-z]{2}" of datatype "token"`.
/// Values are shown on one line and cut at 100 characters.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct DatatypeError {
    /// Human-readable explanation.
    pub message: String,
}

/// What a datatype means for DTD-compatible ID checking.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IdType {
    /// Not an ID-type.
    Null,
    /// `ID`
    Id,
    /// `IDREF`
    Idref,
    /// `IDREFS`
    Idrefs,
}

/// A datatype with its facets applied, ready to check values.
///
/// Two datatypes are equal (and hash alike) when they have the same
/// library, name and params in the same order: they then accept the same
/// values, so a pattern interner may share them. To key a map, use
/// [`Datatype::key`]: a `Datatype` holds lazily compiled regexes, which
/// clippy's `mutable_key_type` lint rejects in keys.
///
/// Cloning is cheap (one reference count): the loader copies a datatype
/// into every place its pattern is used.
#[derive(Clone, Debug)]
pub struct Datatype(Arc<DatatypeInner>);

#[derive(Debug)]
struct DatatypeInner {
    library: String,
    name: String,
    params: Arc<[(String, String)]>,
    kind: Kind,
}

/// What identifies a [`Datatype`]: library, name and params. Plain data,
/// for use as a map key.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DatatypeKey {
    /// The library URI.
    pub library: String,
    /// The type's local name.
    pub name: String,
    /// The params in schema order.
    pub params: Arc<[(String, String)]>,
}

impl PartialEq for Datatype {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
            || self.0.library == other.0.library
                && self.0.name == other.0.name
                && self.0.params == other.0.params
    }
}

impl Eq for Datatype {}

impl std::hash::Hash for Datatype {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.library.hash(state);
        self.0.name.hash(state);
        self.0.params.hash(state);
    }
}

#[derive(Clone, Debug)]
enum Kind {
    Rng(RngType),
    Xsd(Arc<XsdType>),
}

/// An XSD built-in type restricted by facets.
#[derive(Debug)]
struct XsdType {
    builtin: Builtin,
    family: Family,
    facets: Vec<Facet>,
    needs_value: bool,
}

fn error(message: String) -> DatatypeError {
    DatatypeError { message }
}

impl Datatype {
    /// Builds `name` from the library `library` (`""` is RELAX NG's built-in
    /// library) with the `param`s of a `data` pattern, in schema order.
    /// Fails for an unknown library or type, an unknown or ill-typed facet,
    /// or any params on a built-in type.
    pub fn new(
        library: &str,
        name: &str,
        params: &[(String, String)],
    ) -> Result<Datatype, DatatypeError> {
        let kind = match library {
            "" => {
                let t = RngType::from_name(name).ok_or_else(|| {
                    error(format!(
                        "datatype \"{name}\" is not defined by the built-in datatype library (which has \"string\" and \"token\")"
                    ))
                })?;
                if let Some((param, _)) = params.first() {
                    return Err(error(format!(
                        "datatype \"{name}\" of the built-in datatype library takes no parameters, but has \"{param}\""
                    )));
                }
                Kind::Rng(t)
            }
            XSD_LIBRARY => {
                let builtin = Builtin::from_name(name).ok_or_else(|| {
                    error(format!(
                        "datatype \"{name}\" is not defined by datatype library \"{XSD_LIBRARY}\""
                    ))
                })?;
                let family = builtin.family();
                let mut facets: Vec<Facet> = Vec::with_capacity(params.len());
                for (param, value) in params {
                    let facet = facets::parse_facet(builtin, name, param, value)?;
                    // A range limit must itself pass the facets before it,
                    // as jing requires ("is not allowed by the base type").
                    if let Facet::Range { limit, source, .. } = &facet {
                        for earlier in &facets {
                            facets::check(earlier, name, family, source, Some(limit)).map_err(
                                |e| {
                                    error(format!(
                                        "value \"{value}\" of facet \"{param}\" is not allowed by the earlier facets of datatype \"{name}\": {e}"
                                    ))
                                },
                            )?;
                        }
                    }
                    facets.push(facet);
                }
                Kind::Xsd(Arc::new(XsdType {
                    builtin,
                    family,
                    needs_value: facets::needs_value(family, &facets),
                    facets,
                }))
            }
            _ => {
                return Err(error(format!(
                    "datatype library \"{library}\" is not supported (only the built-in library and \"{XSD_LIBRARY}\" are)"
                )));
            }
        };
        Ok(Datatype(Arc::new(DatatypeInner {
            library: library.to_owned(),
            name: name.to_owned(),
            params: params.into(),
            kind,
        })))
    }

    /// The type's local name, e.g. `"integer"`.
    pub fn name(&self) -> &str {
        &self.0.name
    }

    /// The library URI.
    pub fn library(&self) -> &str {
        &self.0.library
    }

    /// Checks that `value` is in the lexical space (and passes all facets).
    pub fn allows(&self, value: &str, ctx: &dyn NamespaceContext) -> Result<(), DatatypeError> {
        let t = match &self.0.kind {
            Kind::Rng(_) => return Ok(()),
            Kind::Xsd(t) => t,
        };
        let normalized = lexical::normalize(t.builtin.white_space(), value);
        let parsed = if t.needs_value {
            Some(
                lexical::parse(t.builtin, &normalized, ctx)
                    .map_err(|e| self.lexical_error(value, e))?,
            )
        } else {
            lexical::check(t.builtin, &normalized, ctx)
                .map_err(|e| self.lexical_error(value, e))?;
            None
        };
        for facet in &t.facets {
            facets::check(facet, &self.0.name, t.family, &normalized, parsed.as_ref())?;
        }
        Ok(())
    }

    fn lexical_error(&self, value: &str, e: lexical::LexError) -> DatatypeError {
        let builtin = match &self.0.kind {
            Kind::Xsd(t) => t.builtin,
            Kind::Rng(_) => Builtin::String,
        };
        let why = match e {
            lexical::LexError::Invalid => {
                // jing's words for integers that are decimals, or out of range.
                let s = value.trim_matches([' ', '\t', '\n', '\r']);
                let bounds = builtin.integer_bounds();
                match bounds.and_then(|b| lexical::broken_integer_bound(s, b)) {
                    Some((true, min)) => format!("must be an integer greater than or equal to {min}"),
                    Some((false, max)) => format!("must be an integer less than or equal to {max}"),
                    None if bounds.is_some() && lexical::is_decimal(s) => {
                        "must be a decimal number without any significant digits after the decimal point"
                            .to_owned()
                    }
                    // The list types have a built-in minLength of 1.
                    None if matches!(
                        builtin,
                        Builtin::NmTokens | Builtin::IdRefs | Builtin::Entities
                    ) && s.is_empty() =>
                    {
                        format!(
                            "must be {} with length at least 1 (actual length was 0)",
                            builtin.description()
                        )
                    }
                    None => format!("must be {}", builtin.description()),
                }
            }
            lexical::LexError::UndeclaredPrefix(p) => {
                format!(
                    "must be a QName whose prefix, if any, is declared (\"{p}\" is not declared)"
                )
            }
            lexical::LexError::NotEntity(n) => {
                format!("\"{n}\" must be a name declared in the DTD as an unparsed entity")
            }
        };
        error(format!(
            "\"{}\" is not a valid value of datatype \"{}\"; {why}",
            lexical::shown(value),
            self.0.name
        ))
    }

    /// Whether two lexical values denote the same value of this type (for
    /// `value` patterns). Values that are not allowed are never equal.
    pub fn equal(
        &self,
        a: &str,
        a_ctx: &dyn NamespaceContext,
        b: &str,
        b_ctx: &dyn NamespaceContext,
    ) -> bool {
        let t = match &self.0.kind {
            Kind::Rng(r) => return r.equal(a, b),
            Kind::Xsd(t) => t,
        };
        if self.allows(a, a_ctx).is_err() || self.allows(b, b_ctx).is_err() {
            return false;
        }
        let ws = t.builtin.white_space();
        let (na, nb) = (lexical::normalize(ws, a), lexical::normalize(ws, b));
        if matches!(t.family, Family::Text | Family::List) {
            return na == nb;
        }
        match (
            lexical::parse(t.builtin, &na, a_ctx),
            lexical::parse(t.builtin, &nb, b_ctx),
        ) {
            (Ok(va), Ok(vb)) => va.equal(&vb),
            _ => false,
        }
    }

    /// What identifies this datatype, as a plain map key.
    pub fn key(&self) -> DatatypeKey {
        DatatypeKey {
            library: self.0.library.clone(),
            name: self.0.name.clone(),
            params: Arc::clone(&self.0.params),
        }
    }

    /// Whether values are read in their namespace context (`QName` and
    /// `NOTATION`): the same text may then be valid in one element and not
    /// in another, so results must not be shared across contexts.
    pub fn is_context_dependent(&self) -> bool {
        match &self.0.kind {
            Kind::Xsd(t) => t.family == Family::QName,
            Kind::Rng(_) => false,
        }
    }

    /// The type's role in DTD-compatible ID checking.
    pub fn id_type(&self) -> IdType {
        match &self.0.kind {
            Kind::Xsd(t) => t.builtin.id_type(),
            Kind::Rng(_) => IdType::Null,
        }
    }

    /// The names of the types of the XML Schema datatype library.
    pub fn xsd_type_names() -> impl Iterator<Item = &'static str> {
        Builtin::names()
    }
}
