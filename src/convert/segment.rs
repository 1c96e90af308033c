//! Lines to blocks: a block is a run of non-blank lines; blank lines
//! separate blocks. Each block keeps its lines joined by `\n`.

use super::input::{Line, Source};

/// A run of non-blank lines.
#[derive(Clone, Debug)]
pub(crate) struct Block {
    /// The lines joined by `\n`.
    pub text: String,
    /// The source lines.
    pub lines: Vec<Line>,
    /// Offset in `text` where each line starts.
    pub starts: Vec<usize>,
}

impl Block {
    /// The line holding byte `k` of `text`, and `k` relative to that line.
    pub fn locate(&self, k: usize) -> (&Line, usize) {
        let i = match self.starts.binary_search(&k) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        (&self.lines[i], k - self.starts[i])
    }

    /// The byte ranges of the lines in `text`.
    pub fn line_ranges(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.starts
            .iter()
            .zip(&self.lines)
            .map(|(&s, l)| (s, s + l.text.len()))
    }
}

/// Splits the source into blocks.
pub(crate) fn blocks(source: &Source<'_>) -> Vec<Block> {
    let mut out = Vec::new();
    let mut cur: Vec<Line> = Vec::new();
    let flush = |cur: &mut Vec<Line>, out: &mut Vec<Block>| {
        if cur.is_empty() {
            return;
        }
        let mut text = String::new();
        let mut starts = Vec::new();
        for l in cur.iter() {
            if !text.is_empty() {
                text.push('\n');
            }
            starts.push(text.len());
            text.push_str(&l.text);
        }
        out.push(Block {
            text,
            lines: std::mem::take(cur),
            starts,
        });
    };
    for line in &source.lines {
        match line {
            Some(l) => cur.push(l.clone()),
            None => flush(&mut cur, &mut out),
        }
    }
    flush(&mut cur, &mut out);
    out
}
