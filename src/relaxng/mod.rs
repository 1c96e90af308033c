//! A RELAX NG (ISO/IEC 19757-2, XML syntax) engine.
//!
//! The pipeline, one way:
//!
//! 1. [`schema`]: read the schema's XML, resolve `include` / `externalRef`,
//!    simplify it (§4 of the specification) and check the restrictions (§7),
//!    giving a [`model::Schema`] in simplified form, or an error with the
//!    schema file's `line:col`.
//! 2. [`validate`]: intern the simplified patterns, then validate a
//!    document as a stream with James Clark's derivative algorithm.

pub mod model;
pub mod schema;
pub mod validate;
