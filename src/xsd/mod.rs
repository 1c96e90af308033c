//! Datatypes for RELAX NG: the built-in library (`string`, `token`) and XML
//! Schema Part 2 datatypes with their facets, including XSD regular
//! expressions.
//!
//! OWNER: the xsd helper. The public API below is the contract the RELAX NG
//! engine codes against; keep its signatures.

/// The datatype library URI of XML Schema datatypes.
pub const XSD_LIBRARY: &str = "http://www.w3.org/2001/XMLSchema-datatypes";

/// Resolves namespace prefixes, for values of type `QName` (and `NOTATION`).
pub trait NamespaceContext {
    /// The namespace URI bound to `prefix` (`""` is the default namespace;
    /// `None` when unbound). `xml` is always bound.
    fn resolve(&self, prefix: &str) -> Option<&str>;
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
/// `value "abc" is not a valid "integer"` or `"12345" exceeds facet "maxLength" (4) of "token"`.
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
#[derive(Clone, Debug)]
pub struct Datatype {
    library: String,
    name: String,
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
        let _ = params;
        Ok(Datatype {
            library: library.to_owned(),
            name: name.to_owned(),
        })
    }

    /// The type's local name, e.g. `"integer"`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The library URI.
    pub fn library(&self) -> &str {
        &self.library
    }

    /// Checks that `value` is in the lexical space (and passes all facets).
    pub fn allows(&self, value: &str, ctx: &dyn NamespaceContext) -> Result<(), DatatypeError> {
        let _ = (value, ctx);
        Ok(())
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
        let _ = (a_ctx, b_ctx);
        a == b
    }

    /// The type's role in DTD-compatible ID checking.
    pub fn id_type(&self) -> IdType {
        IdType::Null
    }
}
