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
        let mut spans = Vec::with_capacity(source.len() / 5);
        let mut paragraph_starts = Vec::new();
        let skip = if source.starts_with('\u{feff}') { 3 } else { 0 };
        let bytes = source.as_bytes();
        let mut newlines = 0u32;
        // start of the open word, if a word is open
        let mut word: Option<usize> = None;
        let mut i = skip;
        while i < bytes.len() {
            let b = bytes[i];
            let (c, len) = if b < 0x80 {
                (b as char, 1)
            } else {
                let c = source[i..].chars().next().unwrap_or('\u{fffd}');
                (c, c.len_utf8())
            };
            if c.is_whitespace() {
                if let Some(s) = word.take() {
                    spans.push((s as u32, i as u32));
                }
                match c {
                    '\n' => newlines += 1,
                    '\r' if bytes.get(i + 1) != Some(&b'\n') => newlines += 1,
                    _ => {}
                }
            } else if word.is_some() && (is_word_char(c) || is_combining_mark(c)) {
                // the word goes on
            } else if is_combining_mark(c) && spans.last().is_some_and(|l| l.1 as usize == i) {
                // a mark right after a punctuation mark belongs to it
                if let Some(last) = spans.last_mut() {
                    last.1 = (i + len) as u32;
                }
            } else {
                if let Some(s) = word.take() {
                    spans.push((s as u32, i as u32));
                }
                if newlines >= 2 && !spans.is_empty() {
                    paragraph_starts.push(spans.len() as u32);
                }
                newlines = 0;
                if is_word_char(c) || is_combining_mark(c) {
                    word = Some(i);
                } else {
                    spans.push((i as u32, (i + len) as u32));
                }
            }
            i += len;
        }
        if let Some(s) = word.take() {
            spans.push((s as u32, bytes.len() as u32));
        }
        let normalized = if is_nfc_quick(source.chars()) == IsNormalized::Yes {
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
        Ok(Tokens {
            source,
            spans,
            normalized,
            paragraph_starts,
        })
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

    /// Indices of the tokens that start a paragraph, in increasing order.
    pub fn paragraph_starts(&self) -> impl Iterator<Item = usize> + '_ {
        self.paragraph_starts.iter().map(|&i| i as usize)
    }

    /// The keys, indexable by token number (what the diff runs over).
    pub fn keys(&self) -> Keys<'_, 'a> {
        Keys(self)
    }
}

/// The keys of [`Tokens`], indexable without building a vector of them.
#[derive(Clone, Copy, Debug)]
pub struct Keys<'t, 'a>(&'t Tokens<'a>);

impl Index<usize> for Keys<'_, '_> {
    type Output = str;
    fn index(&self, i: usize) -> &str {
        self.0.key(i)
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\u{200c}' || c == '\u{200d}'
}

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
        assert_eq!(&t.keys()[2], ".");
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
