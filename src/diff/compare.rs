//! The comparison itself: Myers over the token keys (similar), grouped into
//! changes, plus the paragraph boundaries that moved inside unchanged text.

use super::tokens::Tokens;
use serde::Serialize;
use similar::{Algorithm, DiffOp, capture_diff};
use std::ops::Range;

/// What a change does to the original.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// Tokens of the original were replaced by others.
    Replace,
    /// Tokens were added.
    Insert,
    /// Tokens were removed.
    Delete,
}

/// A paragraph boundary that moved while the words stayed the same.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ParagraphChange {
    /// The edited text has a paragraph break the original does not.
    Split,
    /// The original has a paragraph break the edited text does not.
    Join,
}

/// One change, as token index ranges into both sides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// What it does.
    pub kind: ChangeKind,
    /// The tokens of the original it covers (empty for an insertion: then
    /// the position where the insertion goes).
    pub original: Range<usize>,
    /// The tokens of the edited text it covers (empty for a deletion).
    pub edited: Range<usize>,
    /// Set when the change is a paragraph split or join (both ranges are
    /// then empty, at the token after the boundary).
    pub paragraph: Option<ParagraphChange>,
}

/// The result of comparing two token sequences.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Comparison {
    /// The changes, in order.
    pub changes: Vec<Change>,
    /// Paragraph splits and joins, when they are not counted as changes.
    pub warnings: Vec<Change>,
}

/// Compares `original` with `edited`. Paragraph splits and joins inside
/// unchanged text are changes when `strict`, warnings otherwise.
pub fn compare(original: &Tokens<'_>, edited: &Tokens<'_>, strict: bool) -> Comparison {
    let old = original.keys();
    let new = edited.keys();
    let ops = capture_diff(
        Algorithm::Myers,
        &old,
        0..original.len(),
        &new,
        0..edited.len(),
    );
    let old_paragraphs: Vec<usize> = original.paragraph_starts().collect();
    let new_paragraphs: Vec<usize> = edited.paragraph_starts().collect();
    let mut result = Comparison::default();
    // a change being built from adjacent non-equal ops
    let mut open: Option<(Range<usize>, Range<usize>)> = None;
    for op in ops {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                if let Some((o, e)) = open.take() {
                    result.changes.push(token_change(o, e));
                }
                let moved =
                    paragraph_moves(&old_paragraphs, &new_paragraphs, old_index, new_index, len);
                if strict {
                    result.changes.extend(moved);
                } else {
                    result.warnings.extend(moved);
                }
            }
            _ => {
                let (o, e) = (op.old_range(), op.new_range());
                open = Some(match open.take() {
                    Some((o0, e0)) => (o0.start..o.end, e0.start..e.end),
                    None => (o, e),
                });
            }
        }
    }
    if let Some((o, e)) = open.take() {
        result.changes.push(token_change(o, e));
    }
    result
}

fn token_change(original: Range<usize>, edited: Range<usize>) -> Change {
    let kind = match (original.is_empty(), edited.is_empty()) {
        (true, _) => ChangeKind::Insert,
        (_, true) => ChangeKind::Delete,
        _ => ChangeKind::Replace,
    };
    Change {
        kind,
        original,
        edited,
        paragraph: None,
    }
}

/// The paragraph boundaries that differ inside an equal run of `len` tokens
/// starting at `old_index` / `new_index`. Both lists are sorted.
fn paragraph_moves(
    old_starts: &[usize],
    new_starts: &[usize],
    old_index: usize,
    new_index: usize,
    len: usize,
) -> Vec<Change> {
    let within = |starts: &[usize], from: usize| -> Vec<usize> {
        let a = starts.partition_point(|&s| s < from);
        let b = starts.partition_point(|&s| s < from + len);
        starts[a..b].iter().map(|&s| s - from).collect()
    };
    let old = within(old_starts, old_index);
    let new = within(new_starts, new_index);
    let mut moves = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < old.len() || j < new.len() {
        let (k, change) = match (old.get(i), new.get(j)) {
            (Some(&a), Some(&b)) if a == b => {
                i += 1;
                j += 1;
                continue;
            }
            (Some(&a), Some(&b)) if a < b => {
                i += 1;
                (a, ParagraphChange::Join)
            }
            (Some(&a), None) => {
                i += 1;
                (a, ParagraphChange::Join)
            }
            (_, Some(&b)) => {
                j += 1;
                (b, ParagraphChange::Split)
            }
            (None, None) => break,
        };
        moves.push(Change {
            kind: match change {
                ParagraphChange::Split => ChangeKind::Insert,
                ParagraphChange::Join => ChangeKind::Delete,
            },
            original: old_index + k..old_index + k,
            edited: new_index + k..new_index + k,
            paragraph: Some(change),
        });
    }
    moves
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(a: &str, b: &str, strict: bool) -> Comparison {
        compare(&Tokens::new(a).unwrap(), &Tokens::new(b).unwrap(), strict)
    }

    #[test]
    fn identical_texts_have_no_change() {
        let c = run("a b, c.\n\nd", "a  b ,c .\n\nd\n", false);
        assert_eq!(c, Comparison::default());
    }

    #[test]
    fn one_change_per_edit() {
        let c = run("a b c d", "a x c d", false);
        assert_eq!(c.changes.len(), 1);
        assert_eq!(c.changes[0].kind, ChangeKind::Replace);
        assert_eq!(
            (c.changes[0].original.clone(), c.changes[0].edited.clone()),
            (1..2, 1..2)
        );
        let c = run("a b c", "a c", false);
        assert_eq!(c.changes[0].kind, ChangeKind::Delete);
        assert_eq!(c.changes[0].edited, 1..1);
        let c = run("a c", "a b c", false);
        assert_eq!(c.changes[0].kind, ChangeKind::Insert);
        assert_eq!(c.changes[0].original, 1..1);
        let c = run("a, b", "a; b", false);
        assert_eq!(c.changes.len(), 1);
    }

    #[test]
    fn nfc_equal_tokens_are_equal() {
        assert!(run("café", "cafe\u{301}", false).changes.is_empty());
    }

    #[test]
    fn paragraph_splits_and_joins_are_warnings_unless_strict() {
        let c = run("a b\n\nc d", "a\n\nb c d", false);
        assert!(c.changes.is_empty());
        let kinds: Vec<_> = c.warnings.iter().map(|w| w.paragraph).collect();
        assert_eq!(
            kinds,
            [Some(ParagraphChange::Split), Some(ParagraphChange::Join)]
        );
        assert_eq!(c.warnings[0].edited, 1..1);
        let c = run("a b\n\nc d", "a\n\nb c d", true);
        assert_eq!(c.changes.len(), 2);
        assert!(c.warnings.is_empty());
        // a single line break is layout, not a paragraph
        assert_eq!(run("a b c", "a\nb\nc", true), Comparison::default());
    }
}
