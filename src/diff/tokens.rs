//! Tokens: the words and punctuation marks of a text, each with its byte
//! span in that text and its key (the token in Unicode NFC) for comparing.
//!
//! A word is a run of letters, digits and combining marks (and the zero-width
//! joiners); every other visible character is a token of its own, with any
//! combining marks that follow it. Whitespace (any Unicode white space)
//! separates tokens and is never one.

use std::ops::{Index, Range};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// The tokens of one text.
#[derive(Clone, Debug)]
pub struct Tokens<'a> {
    /// The text the spans point into.
    source: &'a str,
    /// Byte spans in `source`, as `(start, end)`.
    spans: Vec<(u32, u32)>,
    /// The keys, when the source is not all NFC: the normalised tokens one
    /// after another in `normalized`, each at `keys[i]`.
    normalized: Option<(String, Vec<(u32, u32)>)>,
    /// Indices of the tokens that start a paragraph (a blank line before
    /// them), in increasing order; the first token is never one.
    paragraph_starts: Vec<u32>,
}

/// The text is too large for 32-bit offsets.
#[derive(Debug, thiserror::Error)]
#[error("the text is larger than 4 GiB")]
pub struct TooLarge;

impl<'a> Tokens<'a> {
    /// Splits `source` into tokens. A leading byte-order mark is skipped.
    /// A line break is `\n`, `\r\n` or a lone `\r`; two or more of them
    /// between two tokens make a paragraph boundary.
    pub fn new(source: &'a str) -> Result<Self, TooLarge> {
        if u32::try_from(source.len()).is_err() {
            return Err(TooLarge);
        }
        let skip = if source.starts_with('\u{feff}') { 3 } else { 0 };
        Ok(Tokens::from_scan(source, scan(source, skip, source.len())))
    }

    /// Like [`Tokens::new`], with a large text tokenised in two halves on
    /// two threads (cut at a single space between two ASCII words, so the
    /// result is the same).
    pub fn new_parallel(source: &'a str) -> Result<Self, TooLarge> {
        if u32::try_from(source.len()).is_err() {
            return Err(TooLarge);
        }
        let skip = if source.starts_with('\u{feff}') { 3 } else { 0 };
        let bytes = source.as_bytes();
        let mid = source.len() / 2;
        let cut = (mid.max(skip + 2)..source.len().min(mid + 65536)).find(|&p| {
            bytes[p - 1] == b' '
                && ASCII_WORD[bytes[p - 2] as usize]
                && ASCII_WORD[bytes[p] as usize]
        });
        let Some(cut) = cut.filter(|_| source.len() > 1 << 16) else {
            return Tokens::new(source);
        };
        let (first, second) = std::thread::scope(|scope| {
            let second = scope.spawn(|| scan(source, cut, source.len()));
            let first = scan(source, skip, cut);
            (
                first,
                second
                    .join()
                    .unwrap_or_else(|_| scan(source, cut, source.len())),
            )
        });
        let offset = first.spans.len() as u32;
        let mut merged = first;
        merged.spans.extend(second.spans);
        merged
            .paragraph_starts
            .extend(second.paragraph_starts.into_iter().map(|i| i + offset));
        merged
            .non_ascii
            .extend(second.non_ascii.into_iter().map(|i| i + offset));
        Ok(Tokens::from_scan(source, merged))
    }

    fn from_scan(source: &'a str, scan: Scan) -> Self {
        let Scan {
            spans,
            paragraph_starts,
            non_ascii,
        } = scan;
        let is_nfc = |t: &u32| {
            let (s, e) = spans[*t as usize];
            is_nfc_quick(source[s as usize..e as usize].chars()) == IsNormalized::Yes
        };
        let normalized = if non_ascii.iter().all(is_nfc) {
            None
        } else {
            let mut text = String::with_capacity(source.len());
            let mut keys = Vec::with_capacity(spans.len());
            for &(s, e) in &spans {
                let token = &source[s as usize..e as usize];
                let start = text.len() as u32;
                if is_nfc_quick(token.chars()) == IsNormalized::Yes {
                    text.push_str(token);
                } else {
                    text.extend(token.nfc());
                }
                keys.push((start, text.len() as u32));
            }
            Some((text, keys))
        };
        Tokens {
            source,
            spans,
            normalized,
            paragraph_starts,
        }
    }

    /// How many tokens there are.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The text the spans point into.
    pub fn source(&self) -> &'a str {
        self.source
    }

    /// The byte span of token `i` in the source.
    pub fn span(&self, i: usize) -> Range<usize> {
        let (s, e) = self.spans[i];
        s as usize..e as usize
    }

    /// Token `i` as written in the source.
    pub fn text(&self, i: usize) -> &'a str {
        &self.source[self.span(i)]
    }

    /// Token `i` in NFC: what comparisons use.
    pub fn key(&self, i: usize) -> &str {
        match &self.normalized {
            None => self.text(i),
            Some((text, keys)) => {
                let (s, e) = keys[i];
                &text[s as usize..e as usize]
            }
        }
    }

    /// Whether token `i` starts a paragraph (a blank line comes before it).
    pub fn starts_paragraph(&self, i: usize) -> bool {
        u32::try_from(i).is_ok_and(|i| self.paragraph_starts.binary_search(&i).is_ok())
    }

    /// Whether a line break (`\n` or `\r`) comes between token `i - 1` and
    /// token `i` (false for the first token and past the end).
    pub fn line_break_before(&self, i: usize) -> bool {
        match (
            i.checked_sub(1).and_then(|p| self.spans.get(p)),
            self.spans.get(i),
        ) {
            (Some(&(_, end)), Some(&(start, _))) => self.source.as_bytes()
                [end as usize..start as usize]
                .iter()
                .any(|&b| b == b'\n' || b == b'\r'),
            _ => false,
        }
    }

    /// Indices of the tokens that start a paragraph, in increasing order.
    pub fn paragraph_starts(&self) -> impl Iterator<Item = usize> + '_ {
        self.paragraph_starts.iter().map(|&i| i as usize)
    }

    /// Token `i` in NFC, as bytes (no char-boundary checks: the hot path
    /// of the comparison).
    pub fn key_bytes(&self, i: usize) -> &[u8] {
        let (text, (s, e)) = match &self.normalized {
            None => (self.source, self.spans[i]),
            Some((text, keys)) => (text.as_str(), keys[i]),
        };
        &text.as_bytes()[s as usize..e as usize]
    }

    /// The keys of tokens `range`, in order, as bytes (faster than
    /// [`Tokens::key_bytes`] one by one).
    pub fn keys_in(&self, range: Range<usize>) -> impl Iterator<Item = &[u8]> + '_ {
        let (text, ranges) = match &self.normalized {
            None => (self.source.as_bytes(), &self.spans),
            Some((text, keys)) => (text.as_bytes(), keys),
        };
        ranges
            .get(range)
            .unwrap_or_default()
            .iter()
            .map(move |&(s, e)| text.get(s as usize..e as usize).unwrap_or_default())
    }

    /// The keys, indexable by token number (what the diff runs over).
    pub fn keys(&self) -> Keys<'_, 'a> {
        Keys(self)
    }
}

/// The raw result of tokenising part of a text.
struct Scan {
    spans: Vec<(u32, u32)>,
    paragraph_starts: Vec<u32>,
    non_ascii: Vec<u32>,
}

/// Tokenises `source[from..to]` (`to` on a char boundary, `from` where no
/// token is open), with spans relative to the whole of `source`.
fn scan(source: &str, from: usize, to: usize) -> Scan {
    // about one token per four bytes of prose: rarely a reallocation
    let mut spans = Vec::with_capacity((to - from) / 4);
    let mut paragraph_starts = Vec::new();
    let source = &source[..to];
    let bytes = source.as_bytes();
    let mut newlines = 0u32;
    // start of the open word, if a word is open
    let mut word: Option<usize> = None;
    // tokens with a non-ASCII character: the only ones that may not be NFC
    let mut non_ascii: Vec<u32> = Vec::new();
    let mut i = from;
    while i < bytes.len() {
        if word.is_none() {
            // The hot path: ASCII with no word open, one token per turn
            // with no state but the newline count. A non-ASCII byte (or a
            // word running into one) leaves it for the general path below.
            while let Some(&b) = bytes.get(i) {
                if b >= 0x80 {
                    break;
                }
                match ASCII_CLASSES[b as usize] {
                    Class::Space => i += 1,
                    Class::LineFeed => {
                        newlines += 1;
                        i += 1;
                    }
                    Class::CarriageReturn => {
                        if bytes.get(i + 1) != Some(&b'\n') {
                            newlines += 1;
                        }
                        i += 1;
                    }
                    class => {
                        if newlines >= 2 && !spans.is_empty() {
                            paragraph_starts.push(spans.len() as u32);
                        }
                        newlines = 0;
                        let start = i;
                        i += 1;
                        if class == Class::Word {
                            i = ascii_word_end(bytes, i);
                            if bytes.get(i).is_some_and(|&b| b >= 0x80) {
                                // a letter or a mark may go on with it
                                word = Some(start);
                                break;
                            }
                        }
                        spans.push((start as u32, i as u32));
                    }
                }
            }
            if i >= bytes.len() {
                break;
            }
        }
        let b = bytes[i];
        if ASCII_WORD[b as usize] {
            // the hot path: an ASCII word (or more of one), to its end
            if word.is_none() {
                if newlines >= 2 && !spans.is_empty() {
                    paragraph_starts.push(spans.len() as u32);
                }
                newlines = 0;
                word = Some(i);
            }
            i += 1;
            while i < bytes.len() && ASCII_WORD[bytes[i] as usize] {
                i += 1;
            }
            // An ASCII byte after the run ends the word here; a non-ASCII
            // one (a letter, a combining mark) may go on with it.
            if bytes.get(i).is_none_or(|&b| b < 0x80)
                && let Some(s) = word.take()
            {
                spans.push((s as u32, i as u32));
            }
            continue;
        }
        let (class, len) = if b < 0x80 {
            (ASCII_CLASSES[b as usize], 1)
        } else {
            let c = source[i..].chars().next().unwrap_or('\u{fffd}');
            (class_of(c), c.len_utf8())
        };
        match class {
            Class::Space | Class::LineFeed | Class::CarriageReturn => {
                if let Some(s) = word.take() {
                    spans.push((s as u32, i as u32));
                }
                match class {
                    Class::LineFeed => newlines += 1,
                    Class::CarriageReturn if bytes.get(i + 1) != Some(&b'\n') => newlines += 1,
                    _ => {}
                }
            }
            Class::Word | Class::Mark if word.is_some() => {}
            Class::Mark if spans.last().is_some_and(|l| l.1 as usize == i) => {
                // a mark right after a punctuation mark belongs to it
                if let Some(last) = spans.last_mut() {
                    last.1 = (i + len) as u32;
                }
            }
            Class::Word | Class::Mark | Class::Punctuation => {
                if let Some(s) = word.take() {
                    spans.push((s as u32, i as u32));
                }
                if newlines >= 2 && !spans.is_empty() {
                    paragraph_starts.push(spans.len() as u32);
                }
                newlines = 0;
                if class == Class::Punctuation {
                    spans.push((i as u32, (i + len) as u32));
                } else {
                    word = Some(i);
                }
            }
        }
        if b >= 0x80 && !matches!(class, Class::Space) {
            let token = if word.is_some() {
                spans.len()
            } else {
                spans.len() - 1
            } as u32;
            if non_ascii.last() != Some(&token) {
                non_ascii.push(token);
            }
        }
        i += len;
    }
    if let Some(s) = word.take() {
        spans.push((s as u32, bytes.len() as u32));
    }
    Scan {
        spans,
        paragraph_starts,
        non_ascii,
    }
}

/// The end of the run of ASCII letters and digits from `i`: eight bytes at
/// a time, with no branch per byte (word lengths vary too much for the
/// branch predictor, which made a byte loop here the tokenizer's main cost).
#[inline]
fn ascii_word_end(bytes: &[u8], mut i: usize) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    // byte lanes of `y` (all below 0x80) that are in `lo..=hi`, as 0x80
    let within = |y: u64, lo: u64, hi: u64| {
        y.wrapping_add((0x80 - lo) * ONES) & !y.wrapping_add((0x7f - hi) * ONES)
    };
    while let Some(chunk) = bytes.get(i..).and_then(|b| b.first_chunk::<8>()) {
        let x = u64::from_le_bytes(*chunk);
        let y = x & !HIGH;
        let alnum = (within(y | (0x20 * ONES), 0x61, 0x7a) | within(y, 0x30, 0x39)) & !x & HIGH;
        let stop = !alnum & HIGH;
        if stop != 0 {
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && ASCII_WORD[bytes[i] as usize] {
        i += 1;
    }
    i
}

/// The keys of [`Tokens`], indexable without building a vector of them.
#[derive(Clone, Copy, Debug)]
pub struct Keys<'t, 'a>(&'t Tokens<'a>);

impl Index<usize> for Keys<'_, '_> {
    type Output = [u8];
    fn index(&self, i: usize) -> &[u8] {
        self.0.key_bytes(i)
    }
}

/// What a character is to the tokenizer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Space,
    LineFeed,
    CarriageReturn,
    /// Letters, digits, the zero-width joiners: words are runs of these.
    Word,
    /// Combining marks: they stay with the character before.
    Mark,
    /// Anything else visible: a token of its own.
    Punctuation,
}

fn class_of(c: char) -> Class {
    match c {
        '\n' => Class::LineFeed,
        '\r' => Class::CarriageReturn,
        _ if c.is_whitespace() => Class::Space,
        _ if is_combining_mark(c) => Class::Mark,
        _ if c.is_alphanumeric() || c == '\u{200c}' || c == '\u{200d}' => Class::Word,
        _ => Class::Punctuation,
    }
}

/// Whether a byte is an ASCII letter or digit (a byte of a word: the hot path).
const ASCII_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// [`class_of`] for ASCII, looked up rather than computed (the hot path).
const ASCII_CLASSES: [Class; 128] = {
    let mut table = [Class::Punctuation; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c == b'\n' {
            Class::LineFeed
        } else if c == b'\r' {
            Class::CarriageReturn
        } else if c == b' ' || c == b'\t' || c == 0x0b || c == 0x0c {
            Class::Space
        } else if c.is_ascii_alphanumeric() {
            Class::Word
        } else {
            Class::Punctuation
        };
        b += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        let t = Tokens::new(s).unwrap();
        (0..t.len()).map(|i| t.text(i)).collect()
    }

    #[test]
    fn words_and_each_punctuation_mark() {
        assert_eq!(
            texts("  Comrade FILIPPOV!  [Stalin]... 21.6.1951"),
            [
                "Comrade", "FILIPPOV", "!", "[", "Stalin", "]", ".", ".", ".", "21", ".", "6", ".",
                "1951"
            ]
        );
        assert_eq!(texts(""), Vec::<&str>::new());
        assert_eq!(texts("\u{feff}a"), ["a"]);
        assert_eq!(texts("a\u{a0}b\u{3000}c"), ["a", "b", "c"]);
    }

    #[test]
    fn combining_marks_stay_with_their_base() {
        assert_eq!(texts("cafe\u{301} x"), ["cafe\u{301}", "x"]);
        assert_eq!(texts("\"\u{301}a"), ["\"\u{301}", "a"]);
        assert_eq!(texts(" \u{301}a"), ["\u{301}a"]);
    }

    #[test]
    fn keys_are_nfc_and_spans_are_in_the_source() {
        let t = Tokens::new("x cafe\u{301}.").unwrap();
        assert_eq!(t.key(1), "café");
        assert_eq!(t.text(1), "cafe\u{301}");
        assert_eq!(t.span(1), 2..8);
        assert_eq!(&t.keys()[2], b".");
    }

    #[test]
    fn the_ascii_table_agrees_with_the_rules() {
        for b in 0u8..128 {
            assert_eq!(ASCII_CLASSES[b as usize], class_of(b as char), "{b}");
        }
    }

    #[test]
    fn two_halves_give_the_same_tokens() {
        let mut text = String::new();
        for i in 0..40_000 {
            text.push_str(match i % 7 {
                0 => "alpha, ",
                1 => "b\u{e9}ta\n\n",
                2 => "cafe\u{301} ",
                3 => "x\r\n",
                4 => "[y] ",
                5 => "\u{feff}z ",
                _ => "word ",
            });
        }
        let one = Tokens::new(&text).unwrap();
        let two = Tokens::new_parallel(&text).unwrap();
        assert_eq!(one.spans, two.spans);
        assert_eq!(one.paragraph_starts, two.paragraph_starts);
        assert_eq!(one.normalized, two.normalized);
        assert!(one.normalized.is_some());
    }

    #[test]
    fn word_ends_agree_with_the_table() {
        let all: Vec<u8> = (0u8..=255).collect();
        for start in 0..all.len() {
            let mut text = all[start..].to_vec();
            text.extend_from_slice(b"abcdefghijXYZ0189");
            text.extend_from_slice(&all[..start]);
            for i in 0..text.len() {
                let mut end = i;
                while end < text.len() && ASCII_WORD[text[end] as usize] {
                    end += 1;
                }
                assert_eq!(ascii_word_end(&text, i), end, "{start} {i}");
            }
        }
    }

    #[test]
    fn blank_lines_start_paragraphs() {
        let t = Tokens::new("a b\nc\r\n\r\nd\r\re\n \t\nf").unwrap();
        let starts: Vec<_> = t.paragraph_starts().collect();
        assert_eq!(starts, [3, 4, 5]);
        assert!(t.starts_paragraph(3));
        assert!(!t.starts_paragraph(2));
        let t = Tokens::new("\n\n\na").unwrap();
        assert_eq!(t.paragraph_starts().count(), 0);
    }
}
