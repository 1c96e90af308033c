//! RELAX NG's built-in datatype library (the empty URI): `string`, compared
//! exactly, and `token`, compared after whitespace collapse. Neither takes
//! parameters, and every string is allowed.

use super::lexical::collapse;

/// A type of the built-in library.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RngType {
    String,
    Token,
}

impl RngType {
    pub(crate) fn from_name(name: &str) -> Option<RngType> {
        match name {
            "string" => Some(RngType::String),
            "token" => Some(RngType::Token),
            _ => None,
        }
    }

    pub(crate) fn equal(self, a: &str, b: &str) -> bool {
        match self {
            RngType::String => a == b,
            RngType::Token => collapse(a) == collapse(b),
        }
    }
}
