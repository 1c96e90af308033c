//! Reading the two files of a comparison, with errors that name the file
//! and, where there is one, the `line:col` of the fault.

use crate::encoding::{Encoding, EncodingError, SNIFF_LEN, decode, sniff};
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
    /// The file is not in its encoding: invalid UTF-8 in a transcription
    /// (always read as UTF-8), or bytes that do not decode in the encoding
    /// a TEI file declares (or an encoding teikit cannot read).
    #[error("{path}:{line}:{column}: error: {message}")]
    Encoding {
        /// The file.
        path: String,
        /// 1-based line of the fault (in decoded characters).
        line: usize,
        /// 1-based column of the fault, in characters.
        column: usize,
        /// What is wrong, e.g. `invalid UTF-8`.
        message: String,
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

/// Reads `path` as UTF-8 text (a transcription: a byte-order mark is
/// kept, and skipped by the tokens), or as UTF-16 when a UTF-16 byte-order
/// mark says so (decoded; positions then count characters of the text).
pub fn read_text(path: &Path) -> Result<String, InputError> {
    let bytes = read_bytes(path)?;
    if let Some(decoded) = crate::encoding::decode_utf16_text(&bytes) {
        return decoded.map_err(|e| InputError::Encoding {
            path: path.display().to_string(),
            line: e.line,
            column: e.column,
            message: e.message,
        });
    }
    utf8(path, bytes)
}

/// Reads the XML document at `path` as UTF-8, decoding it from the encoding
/// its byte-order mark or XML declaration names (UTF-16 LE/BE, ISO-8859-1,
/// windows-1252; UTF-8 otherwise).
pub fn read_xml(path: &Path) -> Result<String, InputError> {
    let bytes = read_bytes(path)?;
    let encoding_error = |e: EncodingError| InputError::Encoding {
        path: path.display().to_string(),
        line: e.line,
        column: e.column,
        message: e.message,
    };
    let sniffed = sniff(&bytes[..bytes.len().min(SNIFF_LEN)]).map_err(encoding_error)?;
    if sniffed.encoding == Encoding::Utf8 {
        // no copy: the bytes become the string
        utf8(path, bytes)
    } else {
        decode(&bytes)
            .map(|text| text.into_owned())
            .map_err(encoding_error)
    }
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, InputError> {
    std::fs::read(path).map_err(|source| InputError::Read {
        path: path.display().to_string(),
        source,
    })
}

fn utf8(path: &Path, bytes: Vec<u8>) -> Result<String, InputError> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let place = LineIndex::new(e.as_bytes()).line_col(at);
        InputError::Encoding {
            path: path.display().to_string(),
            line: place.line,
            column: place.column,
            message: "invalid UTF-8".to_owned(),
        }
    })
}

/// Places text-layer warning `w` in `xml` (named `name`); on the first line
/// of a file that starts with a byte-order mark, the mark is not a column.
pub fn locate_warning(
    w: &crate::diagnostic::Diagnostic,
    name: &str,
    xml: &str,
    index: &LineIndex<'_>,
) -> crate::diagnostic::LocatedDiagnostic {
    let mut located = w.locate(name, index);
    if located.line == 1 && located.column > 1 && xml.starts_with('\u{feff}') {
        located.column -= 1;
    }
    located
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
