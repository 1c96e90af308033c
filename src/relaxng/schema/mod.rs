//! Loading a RELAX NG schema: parse, resolve includes, simplify (§4),
//! check restrictions (§7).
//!
//! OWNER: the rng-schema helper. Keep the public signatures below.

mod error;
mod grammar;
mod names;
mod pattern;
mod restrictions;
mod simplify;
mod syntax;
mod uri;

use super::model::{Schema, SharedSchema};

/// Reads schema files by URI, so that schemas can come from the file system,
/// from the binary (the embedded `tei_all.rng`) or from memory (the
/// conformance suite's resources).
pub trait Resolver {
    /// The bytes of the resource at `uri` (already resolved against its base).
    fn read(&self, uri: &str) -> std::io::Result<Vec<u8>>;
}

/// Reads schemas from the file system; URIs are paths.
#[derive(Clone, Copy, Debug, Default)]
pub struct FsResolver;

impl Resolver for FsResolver {
    fn read(&self, uri: &str) -> std::io::Result<Vec<u8>> {
        std::fs::read(uri)
    }
}

/// Why a schema could not be loaded: an unreadable file, XML that is not
/// well-formed, or an incorrect schema. Prints as `file:line:col: error: message`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{column}: error: {message}")]
pub struct SchemaError {
    /// The schema file (URI) where the problem is.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

/// Loads and simplifies the schema at `uri`.
///
/// `uri` is handed to `resolver` as is; `href`s in the schema resolve
/// against it (and any `xml:base`), so a relative file path works as a base.
pub fn load(uri: &str, resolver: &dyn Resolver) -> Result<Schema, SchemaError> {
    load_here(uri, resolver).map(|s| s.to_tree())
}

/// Loads and simplifies the schema at `uri` like [`load`], into the shared
/// form, which is several times smaller for schemas like tei_all (and
/// quicker to build and to compile).
pub fn load_shared(uri: &str, resolver: &dyn Resolver) -> Result<SharedSchema, SchemaError> {
    load_here(uri, resolver)
}

/// Runs `f` with enough stack for one more level of a recursive walk: the
/// stages recurse over the schema's nesting, which the depth limits keep
/// bounded, but the frames of unoptimised builds are large, and threads may
/// have small stacks. More stack is allocated on demand.
pub(crate) fn deep<R>(f: impl FnOnce() -> R) -> R {
    stacker::maybe_grow(64 * 1024, 2 * 1024 * 1024, f)
}

fn load_here(uri: &str, resolver: &dyn Resolver) -> Result<SharedSchema, SchemaError> {
    let mut reader = grammar::Reader::new(resolver);
    let result = reader.read(uri).and_then(|start| {
        let simplified = simplify::simplify(start, &mut reader.defs)?;
        restrictions::check(&simplified)?;
        Ok(simplify::to_shared(simplified))
    });
    result.map_err(|e| error::to_schema_error(e, &reader.files, uri))
}
