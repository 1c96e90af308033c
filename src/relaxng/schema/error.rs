//! Errors while loading a schema, kept as (file, byte offset) until they are
//! turned into a printable [`SchemaError`] with `line:col`.

use super::SchemaError;
use crate::span::LineIndex;

/// A schema error at a byte offset of one of the loaded files.
#[derive(Debug, Clone)]
pub struct Error {
    /// Index of the file in the loader's file table (`None`: the file being parsed).
    pub file: Option<usize>,
    /// Byte offset in that file.
    pub pos: usize,
    /// What is wrong.
    pub message: String,
}

impl Error {
    /// An error at `pos` of the file being parsed.
    pub fn at(pos: usize, message: impl Into<String>) -> Self {
        Error {
            file: None,
            pos,
            message: message.into(),
        }
    }

    /// An error at `pos` of file `file`.
    pub fn in_file(file: usize, pos: usize, message: impl Into<String>) -> Self {
        Error {
            file: Some(file),
            pos,
            message: message.into(),
        }
    }
}

/// A loaded schema file: its URI and its bytes (for `line:col`).
#[derive(Debug)]
pub struct SourceFile {
    /// The URI it was read from.
    pub uri: String,
    /// Its bytes.
    pub text: Vec<u8>,
}

/// Turns `err` into a [`SchemaError`], naming the file and `line:col`.
pub fn to_schema_error(err: Error, files: &[SourceFile], fallback_uri: &str) -> SchemaError {
    match err.file.and_then(|f| files.get(f)) {
        Some(file) => {
            let lc = LineIndex::new(&file.text).line_col(err.pos);
            SchemaError {
                file: file.uri.clone(),
                line: lc.line,
                column: lc.column,
                message: err.message,
            }
        }
        None => SchemaError {
            file: fallback_uri.to_owned(),
            line: 1,
            column: 1,
            message: err.message,
        },
    }
}
