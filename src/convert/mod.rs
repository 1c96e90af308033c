//! Converting plain-text telegram transcriptions into TEI P5.
//!
//! The pipeline, one module per stage: `input` checks the bytes and
//! normalises the lines, `segment` groups lines into blocks, `brackets`,
//! `header`, `closing`, `dates` and `names` recognise what the blocks hold as
//! stand-off annotations, `body` builds the TEI structure (`model`) and
//! gathers the header facts (`metadata`), and `tei` writes the XML. Every
//! character of the transcription stays in the text, so that the text layer
//! of the output gives the transcription back (after
//! [`crate::text::normalize_transcription`]).
//!
//! ```
//! let tei = teikit::convert::convert(b"To Comrade FILIPPOV [Stalin]\n\nHello.\n").unwrap();
//! assert!(tei.xml.contains("<note type=\"identification\">Stalin</note>"));
//! ```

mod body;
mod brackets;
mod closing;
mod dates;
pub mod digest;
mod header;
mod input;
mod metadata;
mod model;
mod names;
mod segment;
mod tei;

use crate::diagnostic::Diagnostic;
use crate::span::Span;

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

/// At most this many bracket warnings are listed one by one per input.
pub const MAX_WARNINGS: usize = 50;

/// Converts one transcription, given as raw bytes.
///
/// The output ends with a `teikit-digest` comment (see [`digest`]) and is
/// the same, byte for byte, for the same input.
pub fn convert(input: &[u8]) -> Result<Conversion, ConvertError> {
    let source = input::decode(input)?;
    let blocks = segment::blocks(&source);
    let (parts, meta, found) = body::build(&blocks);
    let xml = digest::stamp(tei::write(&parts, &blocks, &meta));
    // Bracket soup (a line of 200 000 `[`) would give as many warnings, each
    // located by a scan of its line: list the first ones, then count the rest.
    let more = found.len().saturating_sub(MAX_WARNINGS);
    let mut warnings: Vec<Diagnostic> = found
        .iter()
        .take(MAX_WARNINGS + usize::from(more > 0))
        .enumerate()
        .map(|(n, &(b, off, msg))| {
            let (line, k) = blocks[b].locate(off);
            let at = input::raw_offset(source.raw, line, k);
            let span = Span::new(at, at + 1);
            if n < MAX_WARNINGS {
                Diagnostic::warning("unclosed-bracket", msg, span)
            } else {
                Diagnostic::warning(
                    "unclosed-bracket",
                    format!(
                        "{more} more brackets kept as text from here on (not listed one by one)"
                    ),
                    span,
                )
            }
        })
        .collect();
    warnings.shrink_to_fit();
    Ok(Conversion { xml, warnings })
}

/// Compiles part `part` of `parts` of the converter's patterns now, rather
/// than when the first transcription needs them: threads that will convert
/// call it with their own part, so that the compiling (a few milliseconds)
/// is shared out instead of done by one while the others wait.
pub fn warm_up(part: usize, parts: usize) {
    let all = body::PATTERNS
        .iter()
        .chain(closing::PATTERNS)
        .chain(dates::PATTERNS)
        .chain(header::PATTERNS);
    for (k, pattern) in all.enumerate() {
        if k % parts.max(1) == part {
            std::sync::LazyLock::force(pattern);
        }
    }
}

/// The editorial rules for brackets, as stated in every output's `editorialDecl`.
pub fn bracket_rules() -> &'static [&'static str] {
    tei::BRACKET_RULES
}
