//! Reading the two files of a comparison, with errors that name the file
//! and, where there is one, the `line:col` of the fault.

use crate::span::LineIndex;
use crate::text::{TextError, TextLayer, TextOptions, text_layer};
use std::path::Path;

/// Why a file could not be compared.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The file could not be read.
    #[error("{path}: error: cannot read: {source}")]
    Read {
        /// The file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is not UTF-8.
    #[error("{path}:{line}:{column}: error: invalid UTF-8")]
    Utf8 {
        /// The file.
        path: String,
        /// 1-based line of the first bad byte.
        line: usize,
        /// 1-based column of the first bad byte.
        column: usize,
    },
    /// The XML is not well-formed.
    #[error("{path}:{line}:{column}: error: not well-formed XML: {message}")]
    Xml {
        /// The file.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// Two files of one stem in one folder (`a.txt` and `a.TXT`): which to
    /// compare is not guessed.
    #[error("{path}: error: a second file for '{stem}' in this folder; rename one of them")]
    Duplicate {
        /// The second file.
        path: String,
        /// The stem both share.
        stem: String,
    },
    /// The file is too large to compare (4 GiB or more).
    #[error("{path}: error: too large to compare (4 GiB or more)")]
    TooLarge {
        /// The file.
        path: String,
    },
}

/// Reads `path` as UTF-8 text.
pub fn read_text(path: &Path) -> Result<String, InputError> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| InputError::Read {
        path: name.clone(),
        source,
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let place = LineIndex::new(e.as_bytes()).line_col(at);
        InputError::Utf8 {
            path: name,
            line: place.line,
            column: place.column,
        }
    })
}

/// The text layer of `xml`, read from `path`, with errors naming it.
pub fn layer_of(path: &Path, xml: &str, options: &TextOptions) -> Result<TextLayer, InputError> {
    text_layer(xml, options).map_err(|e| match e {
        TextError::NotWellFormed {
            line,
            column,
            message,
        } => InputError::Xml {
            path: path.display().to_string(),
            line,
            column,
            message,
        },
    })
}
