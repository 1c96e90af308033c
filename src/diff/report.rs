//! Changes placed in both files (`line:col` and the words on each side),
//! printed like compiler diagnostics or serialised as JSON.

use super::compare::{Change, ChangeKind, Comparison, ParagraphChange};
use super::tokens::Tokens;
use crate::diagnostic::LocatedDiagnostic;
use crate::span::LineCol;
use serde::Serialize;
use std::cell::Cell;
use std::fmt::Write as _;

/// One side of a compared pair: its tokens, the file they are placed in,
/// and how a token offset becomes a file offset.
pub struct Side<'a> {
    /// The file name, as the user gave it.
    pub name: &'a str,
    /// The tokens.
    pub tokens: &'a Tokens<'a>,
    /// The file the positions are reported in (the XML for a text layer).
    pub file: &'a str,
    /// Maps a byte offset in the tokens' source to a byte offset in `file`.
    pub to_file: &'a dyn Fn(usize) -> usize,
}

/// A place in one file, with the words there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Place {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters (a byte-order mark is not counted).
    pub column: usize,
    /// The words on this side, single-spaced (empty for the side where
    /// nothing is, which then gives the place where it would go).
    pub text: String,
}

/// A change placed in both files.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LocatedChange {
    /// `replace`, `insert` or `delete`.
    pub kind: ChangeKind,
    /// Where it is in the original.
    pub original: Place,
    /// Where it is in the edited file.
    pub edited: Place,
    /// For a paragraph split or join: which.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<ParagraphChange>,
}

/// The comparison of one pair of files, ready to print.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The original file's name.
    pub original: String,
    /// The edited file's name.
    pub edited: String,
    /// The changes, in order.
    pub changes: Vec<LocatedChange>,
    /// Paragraph splits and joins (when not counted as changes).
    pub warnings: Vec<LocatedChange>,
    /// Warnings about the edited TEI (such as a root that is not `TEI`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub text_layer_warnings: Vec<LocatedDiagnostic>,
}

impl Report {
    /// Places each change of `comparison` in both files.
    pub fn new(comparison: &Comparison, original: &Side<'_>, edited: &Side<'_>) -> Report {
        let original_index = Lines::new(original.file.as_bytes());
        let edited_index = Lines::new(edited.file.as_bytes());
        let locate = |c: &Change| LocatedChange {
            kind: c.kind,
            original: place(
                original,
                &original_index,
                &c.original,
                c.paragraph.is_some(),
            ),
            edited: place(edited, &edited_index, &c.edited, c.paragraph.is_some()),
            paragraph: c.paragraph,
        };
        Report {
            original: original.name.to_owned(),
            edited: edited.name.to_owned(),
            changes: comparison.changes.iter().map(locate).collect(),
            warnings: comparison.warnings.iter().map(locate).collect(),
            text_layer_warnings: Vec::new(),
        }
    }

    /// The report as compiler-style lines: each change at its place in the
    /// edited file, with a note at its place in the original. Paragraph
    /// warnings are left to [`Report::human_warnings`].
    pub fn human(&self, color: bool) -> String {
        let mut out = String::new();
        for c in &self.changes {
            self.write_change(&mut out, c, Label::Change, color);
        }
        out
    }

    /// The paragraph warnings as compiler-style lines, at most `limit` of
    /// them, then a line saying how many more there are.
    pub fn human_warnings(&self, color: bool, limit: usize) -> String {
        let mut out = String::new();
        for c in self.warnings.iter().take(limit) {
            self.write_change(&mut out, c, Label::Warning, color);
        }
        if self.warnings.len() > limit {
            let _ = writeln!(
                out,
                "{}: {} {} more paragraph splits or joins (--format json lists them all)",
                self.edited,
                Label::Warning.paint(Paint(color)),
                self.warnings.len() - limit
            );
        }
        out
    }

    fn write_change(&self, out: &mut String, c: &LocatedChange, label: Label, color: bool) {
        let paint = Paint(color);
        let what = match (c.paragraph, c.kind) {
            (Some(ParagraphChange::Split), _) => "paragraph split here".to_owned(),
            (Some(ParagraphChange::Join), _) => "paragraphs joined here".to_owned(),
            (None, ChangeKind::Replace) => format!(
                "replaced {} with {}",
                paint.removed(&quote(&c.original.text)),
                paint.added(&quote(&c.edited.text))
            ),
            (None, ChangeKind::Insert) => {
                format!("inserted {}", paint.added(&quote(&c.edited.text)))
            }
            (None, ChangeKind::Delete) => {
                format!("deleted {}", paint.removed(&quote(&c.original.text)))
            }
        };
        let note = match (c.paragraph, c.kind) {
            (Some(ParagraphChange::Split), _) => "one paragraph in the original",
            (Some(ParagraphChange::Join), _) => "a paragraph break in the original",
            (None, ChangeKind::Insert) => "would go here in the original",
            (None, _) => "original here",
        };
        let _ = writeln!(
            out,
            "{}: {} {}",
            paint.bold(&format!(
                "{}:{}:{}",
                self.edited, c.edited.line, c.edited.column
            )),
            label.paint(paint),
            what
        );
        let _ = writeln!(
            out,
            "{}: {} {}",
            paint.bold(&format!(
                "{}:{}:{}",
                self.original, c.original.line, c.original.column
            )),
            paint.note("note:"),
            note
        );
    }
}

#[derive(Clone, Copy)]
enum Label {
    Change,
    Warning,
}

impl Label {
    fn paint(self, p: Paint) -> String {
        match self {
            Label::Change => p.wrap("1;31", "change:"),
            Label::Warning => p.wrap("1;33", "warning:"),
        }
    }
}

/// ANSI colours, or none.
#[derive(Clone, Copy)]
struct Paint(bool);

impl Paint {
    fn wrap(self, code: &str, s: &str) -> String {
        if self.0 {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_owned()
        }
    }
    fn bold(self, s: &str) -> String {
        self.wrap("1", s)
    }
    fn note(self, s: &str) -> String {
        self.wrap("1;36", s)
    }
    fn removed(self, s: &str) -> String {
        self.wrap("31", s)
    }
    fn added(self, s: &str) -> String {
        self.wrap("32", s)
    }
}

/// Longest text shown in a human-readable line, in characters.
const SHOWN: usize = 120;

/// `"text"`, shortened in the middle when long.
fn quote(text: &str) -> String {
    let count = text.chars().count();
    if count <= SHOWN {
        return format!("{text:?}");
    }
    let head: String = text.chars().take(SHOWN / 2).collect();
    let tail: String = text.chars().skip(count - SHOWN / 2).collect();
    let words = text.split(' ').count();
    format!("{head:?} … {tail:?} ({words} tokens)")
}

/// The place of token range `range` on `side`; with `at_token`, the start
/// of token `range.start` (a paragraph boundary before it).
fn place(
    side: &Side<'_>,
    index: &Lines<'_>,
    range: &std::ops::Range<usize>,
    at_token: bool,
) -> Place {
    let tokens = side.tokens;
    let (offset, text) = if at_token {
        (
            (side.to_file)(tokens.span(range.start).start),
            String::new(),
        )
    } else if !range.is_empty() {
        let start = tokens.span(range.start).start;
        let end = tokens.span(range.end - 1).end;
        let text = single_spaced(&tokens.source()[start..end]);
        ((side.to_file)(start), text)
    } else if range.start > 0 {
        // right after the token before
        let end = tokens.span(range.start - 1).end;
        ((side.to_file)(end - 1) + 1, String::new())
    } else if !tokens.is_empty() {
        ((side.to_file)(tokens.span(0).start), String::new())
    } else {
        (
            side.file.len().min(if side.file.starts_with('\u{feff}') {
                3
            } else {
                0
            }),
            String::new(),
        )
    };
    let mut at = index.line_col(offset);
    if at.line == 1 && side.file.starts_with('\u{feff}') && offset >= 3 {
        at.column -= 1;
    }
    Place {
        line: at.line,
        column: at.column,
        text,
    }
}

/// `line:col` of offsets in a text, counted from the last offset asked
/// for rather than from a table of all line starts: a report places a few
/// changes, in order, so counting the newlines between them in one
/// SIMD pass is cheaper than indexing every line of a 5 MB file.
/// Columns count characters, as [`crate::span::LineIndex`] does.
struct Lines<'a> {
    text: &'a [u8],
    /// The last offset asked for and the number of newlines before it.
    cursor: Cell<(usize, usize)>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a [u8]) -> Self {
        Lines {
            text,
            cursor: Cell::new((0, 0)),
        }
    }

    /// The line and column of byte `offset` (clamped to the end of the text).
    fn line_col(&self, offset: usize) -> LineCol {
        let offset = offset.min(self.text.len());
        let (at, newlines) = self.cursor.get();
        let newlines = if offset >= at {
            newlines + count_newlines(&self.text[at..offset])
        } else {
            newlines - count_newlines(&self.text[offset..at])
        };
        self.cursor.set((offset, newlines));
        let start = memchr::memrchr(b'\n', &self.text[..offset]).map_or(0, |i| i + 1);
        let column = 1 + self.text[start..offset]
            .iter()
            .filter(|&&b| (b & 0xC0) != 0x80)
            .count();
        LineCol {
            line: newlines + 1,
            column,
        }
    }
}

/// How many `\n` bytes `bytes` holds (memchr's SIMD count).
fn count_newlines(bytes: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', bytes).count()
}

/// `text` with each run of white space made one space.
fn single_spaced(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_shortened_in_the_middle() {
        assert_eq!(quote("a b"), "\"a b\"");
        let long: Vec<String> = (0..100).map(|i| format!("w{i}")).collect();
        let q = quote(&long.join(" "));
        assert!(q.starts_with("\"w0 w1 "), "{q}");
        assert!(q.contains("\" … \""), "{q}");
        assert!(q.ends_with("w99\" (100 tokens)"), "{q}");
        assert!(q.chars().count() < SHOWN + 40);
    }

    #[test]
    fn lines_agree_with_the_line_index() {
        let text = "ab\nçd\r\n\nxyz\n";
        let index = crate::span::LineIndex::new(text.as_bytes());
        let lines = Lines::new(text.as_bytes());
        // forwards, backwards, repeated and past the end
        for offset in [0, 1, 3, 5, 8, 9, 12, 4, 0, 12, 12, 100, 2] {
            assert_eq!(lines.line_col(offset), index.line_col(offset), "{offset}");
        }
    }

    #[test]
    fn single_spacing() {
        assert_eq!(single_spaced(" a\r\n\n b\tc "), "a b c");
    }
}
