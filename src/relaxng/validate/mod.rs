//! Validating documents against a simplified schema with James Clark's
//! derivative algorithm, reading the document as a stream.
//!
//! - [`pattern`]: interned, hash-consed patterns with `u32` ids;
//! - `compile`: [`Schema`] to interned patterns;
//! - [`derive`]: the derivatives, memoised;
//! - [`expect`]: what was expected, for messages;
//! - [`ids`]: DTD-compatible ID / IDREF checking;
//! - [`events`]: position tracking and namespace bindings;
//! - [`document`]: the streaming loop, messages and recovery.

mod compile;
pub mod derive;
pub mod document;
pub mod events;
pub mod expect;
pub mod hash;
pub mod ids;
pub mod pattern;
pub mod wellformed;

use super::model::{Schema, SharedSchema};
use crate::diagnostic::LocatedDiagnostic;
pub use document::Outcome;

/// Why a document could not be validated at all: unreadable, or not
/// well-formed XML (with its position).
#[derive(Debug, thiserror::Error)]
pub enum ValidateError {
    /// Reading failed.
    #[error("{file}: error: cannot read: {source}")]
    Io {
        /// The document.
        file: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The XML is not well-formed.
    #[error("{file}:{line}:{column}: error: {message}")]
    NotWellFormed {
        /// The document.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The validator's own limits were reached (too many distinct
    /// patterns); validation stopped cleanly instead of wrapping ids.
    #[error("{file}:{line}:{column}: error: {message}")]
    Limit {
        /// The document.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What limit.
        message: String,
    },
}

/// A compiled schema, reusable for many documents.
pub struct Validator {
    engine: derive::Engine,
}

impl Validator {
    /// Compiles a simplified schema. At most [`Validator::PATTERN_LIMIT`]
    /// patterns are interned (about a gigabyte), so a pathological document
    /// ends in [`ValidateError::Limit`] rather than exhausting memory.
    pub fn new(schema: Schema) -> Self {
        Self::with_pattern_limit(schema, Self::PATTERN_LIMIT)
    }

    /// The default bound on interned patterns. Real documents need a tiny
    /// fraction: the states of a document repeat, and equal states share ids.
    pub const PATTERN_LIMIT: u32 = 1 << 25;

    /// Compiles a simplified schema, refusing to intern more than `limit`
    /// patterns (validation then fails with [`ValidateError::Limit`]).
    pub fn with_pattern_limit(schema: Schema, limit: u32) -> Self {
        Validator {
            engine: derive::Engine::compile(schema, limit),
        }
    }

    /// Compiles a simplified schema in shared form (quicker than
    /// [`Validator::new`] for large schemas: each shared node compiles once).
    pub fn from_shared(schema: SharedSchema) -> Self {
        Validator {
            engine: derive::Engine::compile_shared(schema, Self::PATTERN_LIMIT),
        }
    }

    /// Why the schema is not compatible with the RELAX NG DTD
    /// Compatibility ID rules (empty when it is). An incompatible schema
    /// still validates documents, without ID/IDREF checking.
    pub fn dtd_compatibility_problems(&self) -> &[String] {
        &self.engine.ids.incompatible
    }

    /// Validates one document read from `reader`, naming it `file` in
    /// diagnostics. Returns every error found (empty when valid).
    pub fn validate<R: std::io::BufRead>(
        &mut self,
        file: &str,
        reader: R,
    ) -> Result<Vec<LocatedDiagnostic>, ValidateError> {
        let outcome = self.validate_all(file, reader);
        match outcome.error {
            Some(e) => Err(e),
            None => Ok(outcome.diagnostics),
        }
    }

    /// Like [`Validator::validate`], but keeps the errors found before a
    /// document breaks off (not well-formed, unreadable): they are in
    /// [`Outcome::diagnostics`], and the break in [`Outcome::error`].
    pub fn validate_all<R: std::io::BufRead>(&mut self, file: &str, reader: R) -> Outcome {
        document::validate(&mut self.engine, file, reader)
    }
}
