//! The comparison itself: Myers over the token keys (similar), grouped into
//! changes, plus the paragraph boundaries that moved inside unchanged text.

use super::tokens::Tokens;
use serde::Serialize;
use similar::{Algorithm, DiffOp, capture_diff, capture_diff_slices};
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
    let ops = token_ops(original, edited);
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
                    paragraph_moves(&old_paragraphs, &new_paragraphs, old_index, new_index, len)
                        .into_iter()
                        .filter(|m| is_real_move(original, edited, m));
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

/// Below this many tokens on a side, Myers runs over the tokens directly.
const DIRECT: usize = 4096;

/// The diff ops over the tokens.
///
/// Large texts are first cut into chunks at content-defined points (after
/// each token whose hash has its low five bits zero, or every 256 tokens),
/// so that the cuts fall at the same words on both sides whatever the
/// layout. Myers over the chunk hashes finds the unchanged stretches;
/// Myers over the tokens then runs only inside the stretches that differ.
/// Every equal chunk is checked token by token, so a hash collision can
/// cost time but never hide a change.
fn token_ops(original: &Tokens<'_>, edited: &Tokens<'_>) -> Vec<DiffOp> {
    let (old, new) = (original.keys(), edited.keys());
    if original.len() < DIRECT && edited.len() < DIRECT {
        return capture_diff(
            Algorithm::Myers,
            &old,
            0..original.len(),
            &new,
            0..edited.len(),
        );
    }
    // the two sides are hashed at once, on two threads
    let (old_chunks, new_chunks) = std::thread::scope(|scope| {
        let old = scope.spawn(|| chunks(original));
        let new = chunks(edited);
        (old.join().unwrap_or_else(|_| chunks(original)), new)
    });
    let old_hashes: Vec<u64> = old_chunks.iter().map(|c| c.1).collect();
    let new_hashes: Vec<u64> = new_chunks.iter().map(|c| c.1).collect();
    let chunk_ops = capture_diff_slices(Algorithm::Myers, &old_hashes, &new_hashes);
    drop((old_hashes, new_hashes));
    // token index where chunk `i` starts
    let old_start = |i: usize| {
        if i == 0 {
            0
        } else {
            old_chunks[i - 1].0 as usize
        }
    };
    let new_start = |i: usize| {
        if i == 0 {
            0
        } else {
            new_chunks[i - 1].0 as usize
        }
    };
    let mut ops = Vec::new();
    // a differing stretch not yet diffed, as token ranges
    let mut pending: Option<(Range<usize>, Range<usize>)> = None;
    let flush = |pending: &mut Option<(Range<usize>, Range<usize>)>, ops: &mut Vec<DiffOp>| {
        if let Some((o, n)) = pending.take() {
            ops.extend(capture_diff(Algorithm::Myers, &old, o, &new, n));
        }
    };
    for op in chunk_ops {
        let (o, n) = (op.old_range(), op.new_range());
        let o = old_start(o.start)..old_start(o.end);
        let n = new_start(n.start)..new_start(n.end);
        let equal = matches!(op, DiffOp::Equal { .. })
            && o.len() == n.len()
            && same_keys(original, o.clone(), edited, n.clone());
        if equal {
            flush(&mut pending, &mut ops);
            ops.push(DiffOp::Equal {
                old_index: o.start,
                new_index: n.start,
                len: o.len(),
            });
        } else {
            pending = Some(match pending.take() {
                Some((o0, n0)) => (o0.start..o.end, n0.start..n.end),
                None => (o, n),
            });
        }
    }
    flush(&mut pending, &mut ops);
    ops
}

/// Whether tokens `o` of `original` have the same keys as tokens `n` (of
/// the same length) of `edited`; a long stretch is checked in two halves
/// on two threads.
fn same_keys(original: &Tokens<'_>, o: Range<usize>, edited: &Tokens<'_>, n: Range<usize>) -> bool {
    const SPLIT: usize = 1 << 16;
    if o.len() < SPLIT {
        return original.keys_in(o).eq(edited.keys_in(n));
    }
    let half = o.len() / 2;
    let (o1, o2) = (o.start..o.start + half, o.start + half..o.end);
    let (n1, n2) = (n.start..n.start + half, n.start + half..n.end);
    let check = |o: Range<usize>, n: Range<usize>| original.keys_in(o).eq(edited.keys_in(n));
    std::thread::scope(|scope| {
        let (o2c, n2c) = (o2.clone(), n2.clone());
        let second = scope.spawn(move || check(o2c, n2c));
        let first = check(o1, n1);
        first && second.join().unwrap_or_else(|_| check(o2, n2))
    })
}

/// Content-defined chunks of the tokens: `(end token index, hash)`.
fn chunks(tokens: &Tokens<'_>) -> Vec<(u32, u64)> {
    const MAX_CHUNK: usize = 256;
    let mut chunks = Vec::with_capacity(tokens.len() / 16 + 1);
    let mut hash = 0u64;
    let mut size = 0;
    for (i, key) in tokens.keys_in(0..tokens.len()).enumerate() {
        let h = hash_key(key);
        hash = (hash.rotate_left(5) ^ h).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        size += 1;
        if h & 31 == 0 || size == MAX_CHUNK {
            chunks.push(((i + 1) as u32, hash));
            hash = 0;
            size = 0;
        }
    }
    if size > 0 {
        chunks.push((tokens.len() as u32, hash));
    }
    chunks
}

/// A fast, stable hash of a short key. Keys of up to 8 bytes are read as
/// one word (overlapping reads, injective for a given length), longer ones
/// eight bytes at a time; the low bits (which pick the chunk ends) are mixed
/// from all the others.
fn hash_key(b: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mix = |h: u64, w: u64| (h ^ w).wrapping_mul(K).rotate_left(31);
    let n = b.len();
    let mut h = (n as u64).wrapping_mul(K);
    if let (Some(first), Some(last)) = (b.first_chunk::<8>(), b.last_chunk::<8>()) {
        h = mix(h, u64::from_le_bytes(*first));
        for w in b[8..].chunks(8) {
            let w = w.first_chunk::<8>().unwrap_or(last);
            h = mix(h, u64::from_le_bytes(*w));
        }
    } else if let (Some(first), Some(last)) = (b.first_chunk::<4>(), b.last_chunk::<4>()) {
        let w =
            u64::from(u32::from_le_bytes(*first)) | (u64::from(u32::from_le_bytes(*last)) << 32);
        h = mix(h, w);
    } else if let (Some(&x), Some(&y), Some(&z)) = (b.first(), b.get(n / 2), b.last()) {
        h = mix(h, (u64::from(x) << 16) | (u64::from(y) << 8) | u64::from(z));
    }
    h ^= h >> 32;
    h = h.wrapping_mul(0xD6E8_FEB8_6659_FD93);
    h ^ (h >> 29)
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

/// Whether a paragraph boundary moved for real. A blank line of the
/// original against a line break of the edited text is layout (list items,
/// verse or opener lines one to a line, `lb`), not a join. (A blank line of
/// the edited text against a line break is weighed by the caller, which
/// knows what made it: see [`crate::diff::diff_sources`].)
fn is_real_move(_original: &Tokens<'_>, edited: &Tokens<'_>, m: &Change) -> bool {
    match m.paragraph {
        Some(ParagraphChange::Join) => !edited.line_break_before(m.edited.start),
        _ => true,
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
    fn large_texts_go_through_chunks_and_find_each_edit() {
        let words: Vec<String> = (0..20_000).map(|i| format!("w{}", i % 997)).collect();
        let original = words.join(" ");
        let mut edited_words = words.clone();
        edited_words[5] = "x".into();
        edited_words.remove(10_000);
        edited_words.insert(19_000, "y".into());
        let edited = edited_words.join("\n");
        let c = run(&original, &edited, false);
        let got: Vec<_> = c
            .changes
            .iter()
            .map(|c| (c.kind, c.original.clone(), c.edited.clone()))
            .collect();
        assert_eq!(
            got,
            [
                (ChangeKind::Replace, 5..6, 5..6),
                (ChangeKind::Delete, 10_000..10_001, 10_000..10_000),
                (ChangeKind::Insert, 19_001..19_001, 19_000..19_001),
            ]
        );
        assert!(run(&original, &original, true).changes.is_empty());
    }

    #[test]
    fn long_equal_stretches_are_checked_in_halves() {
        let words: Vec<String> = (0..150_000).map(|i| format!("w{}", i % 4999)).collect();
        let original = words.join(" ");
        let mut edited_words = words.clone();
        edited_words[149_000] = "changed".into();
        let c = run(&original, &edited_words.join(" "), false);
        assert_eq!(c.changes.len(), 1);
        assert_eq!(c.changes[0].original, 149_000..149_001);
        let (a, b) = (
            Tokens::new(&original).unwrap(),
            Tokens::new(&original).unwrap(),
        );
        assert!(same_keys(&a, 0..150_000, &b, 0..150_000));
        let edited = edited_words.join(" ");
        let other = Tokens::new(&edited).unwrap();
        assert!(!same_keys(&a, 0..150_000, &other, 0..150_000));
        assert!(!same_keys(&a, 1..150_000, &b, 0..149_999));
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

    fn keys(t: &Tokens<'_>, r: Range<usize>) -> Vec<String> {
        r.map(|i| t.key(i).to_owned()).collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(24))]

        /// The chunked path (texts above DIRECT tokens): the changes,
        /// applied to the original tokens, give the edited tokens, and
        /// every equal stretch between them is really equal.
        #[test]
        fn chunked_changes_rebuild_the_edited_tokens(
            base in proptest::collection::vec(0u16..300, 4500..6000),
            edits in proptest::collection::vec((0u8..3, 0usize..6000, 0u16..400), 0..30),
        ) {
            let mut edited = base.clone();
            for (op, at, w) in edits {
                let at = at % edited.len().max(1);
                match op {
                    0 if !edited.is_empty() => edited[at] = w,
                    1 if !edited.is_empty() => { edited.remove(at); }
                    _ => edited.insert(at, w),
                }
            }
            let text = |v: &[u16]| v.iter().map(|w| format!("w{w}")).collect::<Vec<_>>().join(" ");
            let (a, b) = (text(&base), text(&edited));
            let (ta, tb) = (Tokens::new(&a).unwrap(), Tokens::new(&b).unwrap());
            let c = compare(&ta, &tb, false);
            let mut rebuilt = Vec::new();
            let (mut i, mut j) = (0, 0);
            for change in &c.changes {
                proptest::prop_assert_eq!(keys(&ta, i..change.original.start), keys(&tb, j..change.edited.start));
                rebuilt.extend(keys(&ta, i..change.original.start));
                rebuilt.extend(keys(&tb, change.edited.clone()));
                i = change.original.end;
                j = change.edited.end;
            }
            rebuilt.extend(keys(&ta, i..ta.len()));
            proptest::prop_assert_eq!(rebuilt, keys(&tb, 0..tb.len()));
        }
    }
}
