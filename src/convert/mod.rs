//! Converting plain-text telegram transcriptions into TEI P5.
//!
//! OWNER: the convert helper. Keep the public signatures below.

use crate::diagnostic::Diagnostic;

/// The TEI made from one transcription.
#[derive(Clone, Debug)]
pub struct Conversion {
    /// The TEI document, UTF-8.
    pub xml: String,
    /// Warnings (for example an unclosed bracket), with spans in the input bytes.
    pub warnings: Vec<Diagnostic>,
}

/// Why an input could not be converted: invalid UTF-8, empty, binary.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ConvertError {
    /// What is wrong.
    pub message: String,
    /// Where (byte offset in the input), when there is a place to point at.
    pub offset: Option<usize>,
}

/// Converts one transcription, given as raw bytes.
pub fn convert(input: &[u8]) -> Result<Conversion, ConvertError> {
    let _ = input;
    Err(ConvertError {
        message: "not implemented".into(),
        offset: None,
    })
}
