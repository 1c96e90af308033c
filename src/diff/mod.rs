//! Word-by-word comparison of a transcription with the text layer of its
//! TEI, each change placed in both files.
//!
//! The pipeline: the transcription and the text layer are split into
//! [`Tokens`] (words and punctuation marks, keyed in Unicode NFC, each with
//! its byte span), [`compare`] runs Myers over the keys and groups the
//! result into [`Change`]s, and a [`Report`] places each change at
//! `line:col` in the original file and in the XML (through the text layer's
//! source map).
//!
//! ```
//! use teikit::diff::{DiffOptions, diff_sources};
//! let original = "To Comrade FILIPPOV [Stalin]\n\nWe agree.\n";
//! let xml = "<TEI><text><body>\n<p>To Comrade <persName>FILIPPOV</persName> \
//!            <note type=\"identification\">Stalin</note></p>\n<p>We disagree.</p>\n</body></text></TEI>";
//! let report = diff_sources("a.txt", original, "a.xml", xml, &DiffOptions::default()).unwrap();
//! assert_eq!(report.changes.len(), 1);
//! assert_eq!(report.changes[0].original.text, "agree");
//! assert_eq!(report.changes[0].edited.text, "disagree");
//! assert_eq!((report.changes[0].edited.line, report.changes[0].edited.column), (3, 7));
//! ```
//!
//! OWNER: the text-diff helper.

pub mod batch;
pub mod compare;
pub mod input;
pub mod report;
pub mod tokens;

pub use compare::{Change, ChangeKind, Comparison, ParagraphChange, compare};
pub use input::InputError;
pub use report::{LocatedChange, Place, Report, Side};
pub use tokens::Tokens;

use crate::text::TextOptions;
use std::path::Path;

/// Above this many bytes of transcription, work is split over two threads.
const PARALLEL: usize = 1 << 20;

/// How to compare.
#[derive(Clone, Debug, Default)]
pub struct DiffOptions {
    /// Count paragraph splits and joins as changes (default: warnings).
    pub strict: bool,
    /// How to make the text layer of the edited TEI.
    pub text: TextOptions,
}

/// Compares the transcription `original` (named `original_name`) with the
/// text layer of the TEI `xml` (named `edited_name`).
pub fn diff_sources(
    original_name: &str,
    original: &str,
    edited_name: &str,
    xml: &str,
    options: &DiffOptions,
) -> Result<Report, InputError> {
    let too_large = |name: &str| InputError::TooLarge {
        path: name.to_owned(),
    };
    // Large inputs: the transcription is tokenised on a second thread
    // while the XML is rendered.
    let (old, layer) = if original.len() > PARALLEL {
        std::thread::scope(|scope| {
            let old = scope.spawn(|| Tokens::new(original));
            let layer = input::layer_of(Path::new(edited_name), xml, &options.text);
            (old.join().unwrap_or_else(|_| Tokens::new(original)), layer)
        })
    } else {
        (
            Tokens::new(original),
            input::layer_of(Path::new(edited_name), xml, &options.text),
        )
    };
    let layer = layer?;
    let old = old.map_err(|_| too_large(original_name))?;
    let new = if layer.text.len() > PARALLEL {
        Tokens::new_parallel(&layer.text)
    } else {
        Tokens::new(&layer.text)
    }
    .map_err(|_| too_large(edited_name))?;
    let mut comparison = compare(&old, &new, options.strict);
    // A blank line that sets apart a heading, a header or closing line,
    // page furniture or a page is structure, not a paragraph split.
    let layout_only = |c: &compare::Change| {
        c.paragraph == Some(ParagraphChange::Split)
            && soft_break_before(&new, &layer.soft_breaks, c.edited.start)
    };
    comparison.changes.retain(|c| !layout_only(c));
    comparison.warnings.retain(|c| !layout_only(c));
    let identity = |offset: usize| offset;
    let to_xml = |offset: usize| layer.source_map.xml_offset(offset);
    let mut report = Report::new(
        &comparison,
        &Side {
            name: original_name,
            tokens: &old,
            file: original,
            to_file: &identity,
        },
        &Side {
            name: edited_name,
            tokens: &new,
            file: xml,
            to_file: &to_xml,
        },
    );
    if !layer.warnings.is_empty() {
        // indexing the XML for lines is only worth it when there is a warning
        let index = crate::span::LineIndex::new(xml.as_bytes());
        report.text_layer_warnings = layer
            .warnings
            .iter()
            .map(|w| input::locate_warning(w, edited_name, xml, &index))
            .collect();
    }
    Ok(report)
}

/// Whether one of `soft` (sorted text offsets) lies between token `i - 1`
/// and token `i` of `tokens`.
fn soft_break_before(tokens: &Tokens<'_>, soft: &[usize], i: usize) -> bool {
    if i == 0 || i >= tokens.len() {
        return false;
    }
    let (from, to) = (tokens.span(i - 1).end, tokens.span(i).start);
    let k = soft.partition_point(|&s| s < from);
    soft.get(k).is_some_and(|&s| s <= to)
}

/// Compares the transcription at `original` with the TEI at `edited`.
pub fn diff_files(
    original: &Path,
    edited: &Path,
    options: &DiffOptions,
) -> Result<Report, InputError> {
    let original_text = input::read_text(original)?;
    let xml = input::read_xml(edited)?;
    diff_sources(
        &original.display().to_string(),
        &original_text,
        &edited.display().to_string(),
        &xml,
        options,
    )
}
