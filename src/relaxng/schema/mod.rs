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

use std::sync::mpsc;

use super::model::Schema;

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
///
/// The work runs on a thread of its own with a large stack, so that deeply
/// nested schemas meet the depth limits (and a clear error) long before the
/// stack ends; the caller's thread serves the resolver's reads.
pub fn load(uri: &str, resolver: &dyn Resolver) -> Result<Schema, SchemaError> {
    let (req_tx, req_rx) = mpsc::channel::<String>();
    let (resp_tx, resp_rx) = mpsc::channel::<std::io::Result<Vec<u8>>>();
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .name("rng-schema".into())
            .stack_size(WORKER_STACK)
            .spawn_scoped(scope, move || {
                let remote = RemoteResolver {
                    requests: req_tx,
                    responses: resp_rx,
                };
                load_here(uri, &remote)
            });
        let Ok(worker) = worker else {
            return load_here(uri, resolver);
        };
        // Ends when the worker drops its request sender.
        for request in req_rx {
            if resp_tx.send(resolver.read(&request)).is_err() {
                break;
            }
        }
        worker.join().unwrap_or_else(|_| {
            Err(SchemaError {
                file: uri.to_owned(),
                line: 1,
                column: 1,
                message: "internal error while loading the schema".into(),
            })
        })
    })
}

/// Stack of the loading thread (reserved, not committed, memory).
const WORKER_STACK: usize = 256 << 20;

/// Forwards reads to the thread that owns the real resolver.
struct RemoteResolver {
    requests: mpsc::Sender<String>,
    responses: mpsc::Receiver<std::io::Result<Vec<u8>>>,
}

impl Resolver for RemoteResolver {
    fn read(&self, uri: &str) -> std::io::Result<Vec<u8>> {
        let gone = || std::io::Error::other("schema reader is gone");
        self.requests.send(uri.to_owned()).map_err(|_| gone())?;
        self.responses.recv().map_err(|_| gone())?
    }
}

fn load_here(uri: &str, resolver: &dyn Resolver) -> Result<Schema, SchemaError> {
    let mut reader = grammar::Reader::new(resolver);
    let result = reader.read(uri).and_then(|start| {
        let simplified = simplify::simplify(start, &mut reader.defs)?;
        restrictions::check(&simplified)?;
        Ok(simplify::to_model(simplified))
    });
    result.map_err(|e| error::to_schema_error(e, &reader.files, uri))
}
