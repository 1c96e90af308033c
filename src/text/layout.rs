//! The output buffer of the text layer: "ensure" layout semantics applied
//! as the text streams in, so the result needs no second pass.
//!
//! Separators are never written at once: they are remembered as pending
//! (a space, a newline, a blank line) and written only in front of the next
//! visible character. That gives, in one pass, what the contract states as a
//! post-processing step: spaces next to a newline vanish, runs of spaces and
//! of blank lines collapse, and nothing leads or trails.

use super::source_map::SourceMap;

/// The text being built, with its source map.
#[derive(Debug, Default)]
pub(crate) struct Layout {
    pub(crate) text: String,
    pub(crate) map: SourceMap,
    /// Newlines ensured before the next character by element boundaries:
    /// 0, 1 or 2 (a blank line).
    newlines: u8,
    /// Hard newlines (`lb`, `pb`) since the last character, at most 2. The
    /// newlines written are the larger of the two counts, so an `lb` right
    /// after a LINE element (`fw`, `item`, ...) adds no blank line.
    hard: u8,
    /// A space wanted before the next character (ignored after a newline).
    space: bool,
    /// Set by a break="no" milestone: white space and hard breaks are
    /// dropped until the next character (the word goes on).
    glue: bool,
    /// A `w` has just ended: a `w` right after it is another word.
    after_word: bool,
    /// The pending blank line sets apart a heading, a header line or a
    /// page (not only paragraphs).
    soft: bool,
    /// Text offsets of the blank lines written with `soft` set.
    pub(crate) soft_breaks: Vec<usize>,
}

impl Layout {
    /// A layout expecting about `capacity` bytes of text.
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        Layout {
            text: String::with_capacity(capacity),
            ..Layout::default()
        }
    }

    /// Ensures a blank line here (BLOCK elements, before and after);
    /// `soft` for headings and header lines (see [`Layout::soft_breaks`]).
    pub(crate) fn ensure_blank_line(&mut self, soft: bool) {
        self.newlines = 2;
        self.soft |= soft;
    }

    /// Marks the boundary here as one of a heading, a header line or page
    /// furniture: a blank line written before the next character is soft.
    pub(crate) fn mark_soft(&mut self) {
        self.soft = true;
    }

    /// Ensures a line break here (LINE elements, before and after).
    pub(crate) fn ensure_newline(&mut self) {
        self.newlines = self.newlines.max(1);
    }

    /// A hard line break (`lb`): two in a row make a blank line; one right
    /// after an ensured line break adds nothing.
    pub(crate) fn hard_newline(&mut self) {
        if !self.glue {
            self.hard = (self.hard + 1).min(2);
        }
    }

    /// A hard blank line (`pb`).
    pub(crate) fn hard_blank_line(&mut self) {
        if !self.glue {
            self.hard = 2;
            self.soft = true;
        }
    }

    /// A space (whitespace in text nodes, `cb`, `milestone`, `cell`).
    pub(crate) fn space(&mut self) {
        if !self.glue {
            self.space = true;
        }
    }

    /// A milestone with break="no": the word goes on across it. The white
    /// space and hard breaks since the last character are dropped, and so
    /// are those up to the next character. Line breaks and blank lines
    /// ensured by element boundaries stay.
    pub(crate) fn join_word(&mut self) {
        self.space = false;
        self.hard = 0;
        self.glue = true;
    }

    /// A `w` ends: a `w` that starts before the next character is a word
    /// of its own.
    pub(crate) fn end_word(&mut self) {
        self.after_word = true;
    }

    /// A `w` starts: after another `w`, with nothing between, a space.
    pub(crate) fn start_word(&mut self) {
        if self.after_word {
            self.space();
        }
    }

    /// Writes the pending separator. Separators are not mapped: no token
    /// starts or ends on one, and leaving them out keeps "a b" copied from
    /// "a b" one linear stretch of the map.
    fn flush(&mut self) {
        let newlines = self.newlines.max(self.hard);
        if self.text.is_empty() {
            // nothing leads the text
        } else if newlines > 0 {
            if newlines >= 2 && self.soft {
                self.soft_breaks.push(self.text.len());
            }
            for _ in 0..newlines {
                self.text.push('\n');
            }
        } else if self.space {
            self.text.push(' ');
        }
        self.newlines = 0;
        self.hard = 0;
        self.space = false;
        self.glue = false;
        self.after_word = false;
        self.soft = false;
    }

    /// Appends visible text (no XML whitespace in it) that comes from
    /// `xml_offset`, byte for byte.
    pub(crate) fn push_str(&mut self, s: &str, xml_offset: usize) {
        if s.is_empty() {
            return;
        }
        self.flush();
        self.map.record(self.text.len(), xml_offset);
        self.text.push_str(s);
    }

    /// Appends one visible character that comes from `xml_offset`.
    pub(crate) fn push_char(&mut self, c: char, xml_offset: usize) {
        self.flush();
        self.map.record(self.text.len(), xml_offset);
        self.text.push(c);
    }

    /// Ends the text: one final newline unless it is empty.
    pub(crate) fn finish(mut self) -> (String, SourceMap, Vec<usize>) {
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        (self.text, self.map, self.soft_breaks)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(ops: &[&str]) -> String {
        let mut l = Layout::default();
        for op in ops {
            match *op {
                "BL" => l.ensure_blank_line(false),
                "SOFT" => l.ensure_blank_line(true),
                "NL" => l.ensure_newline(),
                "LB" => l.hard_newline(),
                "PB" => l.hard_blank_line(),
                "SP" => l.space(),
                "JOIN" => l.join_word(),
                s => l.push_str(s, 0),
            }
        }
        l.finish().0
    }

    #[test]
    fn soft_blank_lines_are_recorded() {
        let mut l = Layout::default();
        for op in [
            "BL", "a", "SOFT", "BL", "b", "BL", "c", "PB", "d", "SOFT", "SOFT",
        ] {
            match op {
                "BL" => l.ensure_blank_line(false),
                "SOFT" => l.ensure_blank_line(true),
                "PB" => l.hard_blank_line(),
                s => l.push_str(s, 0),
            }
        }
        let (text, _, soft) = l.finish();
        assert_eq!(text, "a\n\nb\n\nc\n\nd\n");
        assert_eq!(soft, [1, 7]);
    }

    #[test]
    fn ensure_semantics() {
        assert_eq!(run(&[]), "");
        assert_eq!(run(&["BL", "SP", "NL"]), "");
        assert_eq!(run(&["BL", "a", "BL", "BL", "b", "BL"]), "a\n\nb\n");
        assert_eq!(run(&["a", "SP", "SP", "b"]), "a b\n");
        assert_eq!(run(&["a", "SP", "LB", "SP", "b"]), "a\nb\n");
        assert_eq!(run(&["a", "LB", "LB", "LB", "b"]), "a\n\nb\n");
        // an lb right after a line element's end is the same line break
        assert_eq!(run(&["a", "NL", "LB", "b"]), "a\nb\n");
        assert_eq!(run(&["a", "LB", "NL", "b"]), "a\nb\n");
        assert_eq!(run(&["a", "NL", "LB", "LB", "b"]), "a\n\nb\n");
        assert_eq!(run(&["a", "NL", "PB", "b"]), "a\n\nb\n");
        assert_eq!(run(&["a", "NL", "NL", "b"]), "a\nb\n");
        assert_eq!(run(&["a", "b"]), "ab\n");
    }

    #[test]
    fn a_break_no_milestone_joins_across_white_space_and_breaks() {
        assert_eq!(run(&["wo", "SP", "JOIN", "SP", "rd"]), "word\n");
        assert_eq!(run(&["wo", "SP", "PB", "SP", "JOIN", "SP", "rd"]), "word\n");
        assert_eq!(run(&["wo", "JOIN", "SP", "LB", "SP", "rd"]), "word\n");
        // an element boundary still separates
        assert_eq!(run(&["wo", "JOIN", "BL", "rd"]), "wo\n\nrd\n");
        // the glue ends at the next character
        assert_eq!(run(&["wo", "JOIN", "rd", "SP", "x"]), "word x\n");
    }
}
