//! The text layer of a TEI document: the transcription it carries, with the
//! markup taken away by documented rules (see docs/text-and-diff.md, "The
//! text layer").
//!
//! The rules, in short: only `<text>` is rendered (or the whole root when it
//! is not `<TEI>`); BLOCK elements (`p`, `div`, `head`, ...) stand apart by a
//! blank line, LINE elements (`item`, `l`, ...) on lines of their own; `lb`
//! breaks a line and `pb` a paragraph (nothing with `break="no"`); `choice`
//! renders `sic`/`orig`/`abbr` (or, as an option, `corr`/`reg`/`expan`) by
//! name; `supplied` and identification notes render as `[...]`; other notes
//! are left out unless asked for; every other element passes its text.
//!
//! ```
//! use teikit::text::{text_layer, TextOptions};
//! let xml = r#"<TEI><teiHeader/><text><body>
//!   <p>To Comrade <persName>FILIPPOV</persName> <note type="identification">Stalin</note></p>
//!   <p>we <choice><sic>recieved</sic><corr>received</corr></choice> it</p>
//! </body></text></TEI>"#;
//! let layer = text_layer(xml, &TextOptions::default()).unwrap();
//! assert_eq!(layer.text, "To Comrade FILIPPOV [Stalin]\n\nwe recieved it\n");
//! ```
//!
//! OWNER: the text-diff helper. Keep the public signatures below.

mod layout;
mod normalize;
mod render;
mod rules;
mod source_map;

pub use normalize::normalize_transcription;
pub use source_map::SourceMap;

use crate::diagnostic::Diagnostic;

/// Choices the rules leave open.
#[derive(Clone, Debug, Default)]
pub struct TextOptions {
    /// Take `corr` / `reg` / `expan` from a `choice` instead of `sic` / `orig` / `abbr`.
    pub corrections: bool,
    /// Include notes other than the converter's identification notes.
    pub notes: bool,
}

/// The text layer of one document.
#[derive(Clone, Debug, Default)]
pub struct TextLayer {
    /// The text: blocks separated by one blank line, lines trimmed, ending
    /// with a newline (when not empty).
    pub text: String,
    /// Warnings, with spans in the XML source.
    pub warnings: Vec<Diagnostic>,
    /// Where each byte of `text` came from in the XML source.
    pub source_map: SourceMap,
    /// Byte offsets in `text` of the blank lines that set apart a heading,
    /// a header or closing line (`head`, `opener`, `dateline`, `salute`,
    /// `closer`, ...) or a page (`pb`), not two paragraphs: in a
    /// transcription such a blank line may be a mere line break.
    pub soft_breaks: Vec<usize>,
}

/// Why a text layer could not be made.
#[derive(Debug, thiserror::Error)]
pub enum TextError {
    /// The XML is not well-formed.
    #[error("{line}:{column}: {message}")]
    NotWellFormed {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
}

/// The text layer of `xml`.
///
/// Streams over the document once, with no recursion on its depth. XML that
/// is not well-formed is an error carrying the `line:column` of the fault.
pub fn text_layer(xml: &str, options: &TextOptions) -> Result<TextLayer, TextError> {
    render::render(xml, options)
}
