//! Blocks to TEI structure: the header blocks become `head` and an
//! `opener`; the blocks after the message that are closing lines become
//! `closer`s and `trailer`s; blocks of numbered lines become lists; a run of
//! blocks opened and closed by quotation marks becomes a `quote` (with
//! `floatingText` when it has its own addressee or signature). When no
//! message paragraph is left, every block falls back to a plain `p`, so that
//! any input converts.

use super::brackets;
use super::closing::{self, Close};
use super::dates::{self, Found};
use super::header::{self, HeadKind};
use super::metadata::{Metadata, Who};
use super::model::{Ann, Anns, Kind, Leaf, Part, Tag};
use super::names;
use super::segment::Block;
use regex::Regex;
use std::sync::LazyLock;

static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A(?:[-–•][ ]?)?(?:\(?([0-9]{1,3}|[a-z])[.)])(?:[ ]|\z)").unwrap()
});
static COMRADE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:Comrade|Comrades|COMRADE|Cde\.|General|Marshal|Ambassador)[ ]").unwrap()
});
static RELAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i:telegram) from (?:Comrade |Cde\. )?").unwrap());
/// "I am forwarding the telegram of X", "I transmit to you the following
/// message from X": the name follows.
static FORWARD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:forward|forwarding|transmit|transmitting|send|sending|pass on|passing on|relay|relaying)(?: to you)? (?:the |a )?(?:following )?(?:text of the )?(?:telegram|message|letter|reply|answer)s? (?:(?:received|sent|that I received|which I received) )?(?:of|from|by) (?:Comrade |Cde\. )?").unwrap()
});
/// Titles that may precede the name of a relay's sender.
const TITLES: &[&str] = &[
    "Chairman",
    "Premier",
    "Minister",
    "Commander",
    "President",
    "Secretary",
    "Deputy",
];
/// "X asks to transmit to you the following": the name precedes.
static ASKS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r" (?:asks|asked|has asked|requests|requested|has requested) (?:me |us )?to (?:transmit|forward|pass on|convey|send)(?: to you)?(?: the following)?").unwrap()
});

/// An opening and a closing quotation mark.
type Marks = (char, char);

/// A bracket kept as text: (block, offset in its text, message).
pub(crate) type Warning = (usize, usize, &'static str);

fn tag(name: &'static str) -> Tag {
    (name, Vec::new())
}

fn typed(name: &'static str, ty: &str) -> Tag {
    (name, vec![("type", ty.to_string())])
}

/// A list block: the lines before its first item (an introduction such as
/// `... the following questions:`, written without a blank line before the
/// items), when there are any, and the item ranges (start, end, n).
type ListBlock = (Option<(usize, usize)>, Vec<(usize, usize, String)>);

/// Reads a block as a list: every line from the first numbered one belongs
/// to an item. A block that does not start with an item needs at least two
/// items, the first numbered `1`, `a` or dashed, to be a list.
fn list_items(block: &Block) -> Option<ListBlock> {
    let ranges: Vec<(usize, usize)> = block.line_ranges().collect();
    let markers: Vec<Option<String>> = block
        .lines
        .iter()
        .map(|l| ITEM.captures(&l.text).map(|c| c[1].to_string()))
        .collect();
    let first = markers.iter().position(Option::is_some)?;
    let count = markers.iter().filter(|m| m.is_some()).count();
    let dashed = block.lines[first].text.starts_with(['-', '–', '•']);
    if first == 0 {
        if count < 2 && !dashed {
            return None;
        }
    } else {
        let n = markers[first].as_deref().unwrap_or_default();
        if count < 2 || !(dashed || n == "1" || n == "a") {
            return None;
        }
    }
    let intro = (first > 0).then(|| (0, ranges[first - 1].1));
    let mut items: Vec<(usize, usize, String)> = Vec::new();
    for (i, m) in markers.into_iter().enumerate().skip(first) {
        match m {
            Some(n) => items.push((ranges[i].0, ranges[i].1, n)),
            None => items.last_mut().unwrap().1 = ranges[i].1,
        }
    }
    Some((intro, items))
}

/// Names and dates found in running text.
fn annotate_text(text: &str, anns: &mut Anns) {
    for m in COMRADE.find_iter(text) {
        if let Some(ne) = names::name_after(text, m.end()) {
            let tag = if names::is_place(&text[m.end()..ne]) {
                "placeName"
            } else {
                "persName"
            };
            anns.add(Ann::elem(m.end(), ne, tag));
        }
    }
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let word_char = c.is_alphabetic() || c == '-';
        match (start, word_char) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let word = &text[s..i];
                let prev_ok = text[..s]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric());
                if prev_ok
                    && word.chars().next().is_some_and(char::is_uppercase)
                    && names::is_place(word)
                {
                    anns.add(Ann::elem(s, i, "placeName"));
                }
                start = None;
            }
            _ => {}
        }
    }
    for (s, e, f) in dates::find(text) {
        let kind = match f {
            Found::Date(d) => Kind::Date(d),
            Found::Time(h, m) => Kind::Time(h, m),
        };
        anns.add(Ann {
            start: s,
            end: e,
            kind,
        });
    }
}

/// The opening and closing quotation marks a block uses, when it opens a
/// quotation it does not close.
fn opens_quote(text: &str) -> Option<(char, char)> {
    let first = text.chars().next()?;
    let marks = QUOTE_MARKS.iter().find(|m| m.0 == first)?;
    unbalanced_open(text, *marks).then_some(*marks)
}

/// Quotation marks: double, curly, guillemets, low-high, and single ones.
const QUOTE_MARKS: &[Marks] = &[
    ('"', '"'),
    ('“', '”'),
    ('«', '»'),
    ('„', '“'),
    ('\'', '\''),
    ('‘', '’'),
];

/// How often `mark` occurs in `text` as a quotation mark: a single quote
/// or `’` between two letters is an apostrophe (`don't`, `Kim’s`).
fn count_marks(text: &str, mark: char) -> usize {
    if !matches!(mark, '\'' | '’') {
        return text.matches(mark).count();
    }
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len())
        .filter(|&i| {
            chars[i] == mark
                && !(i > 0
                    && chars[i - 1].is_alphanumeric()
                    && chars.get(i + 1).is_some_and(|c| c.is_alphanumeric()))
        })
        .count()
}

/// Whether `text` leaves a quotation of `marks` open at its end.
fn unbalanced_open(text: &str, (open, close): Marks) -> bool {
    if open == close {
        count_marks(text, open) % 2 == 1
    } else {
        count_marks(text, open) > count_marks(text, close)
    }
}

/// A block that opens a quotation after some words of its own and leaves it
/// open (`... asked me to transmit to you the following: "Comrade Filippov!`).
fn opens_quote_mid(text: &str) -> Option<Marks> {
    if opens_quote(text).is_some() {
        return None;
    }
    QUOTE_MARKS.iter().copied().find(|&(open, close)| {
        // single quotes only right after a colon: elsewhere they are too
        // often apostrophes
        let single = matches!(open, '\'' | '‘');
        let opened = || {
            text.match_indices(open)
                .any(|(i, _)| text[..i].ends_with(':') || text[..i].ends_with(": "))
        };
        text.contains(open)
            && (!single || opened())
            && unbalanced_open(text, (open, close))
            && !(open == close && text.ends_with(close))
    })
}

/// Whether `text` closes a quotation of `marks` opened before it: the
/// closing mark ends the block, possibly followed by a stop or a comma
/// (`Mao Zedong".`, `13.1.51”.`, `KIM IL SUNG».`) and spaces.
fn closes_quote(text: &str, (open, close): (char, char)) -> bool {
    let balanced = if open == close {
        count_marks(text, open) % 2 == 1
    } else {
        count_marks(text, close) > count_marks(text, open)
    };
    let end = text.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';'));
    balanced && end.ends_with(close)
}

/// How a run of text changes the depth of a quotation of `marks`: +1 for
/// each opening, -1 for each closing (symmetric marks toggle).
fn quote_depth_after(text: &str, (open, close): Marks, depth: usize) -> usize {
    if open == close {
        (depth + count_marks(text, open)) % 2
    } else {
        (depth + count_marks(text, open)).saturating_sub(count_marks(text, close))
    }
}

/// Whether `name` occurs in `text` as whole words.
fn contains_word(text: &str, name: &str) -> bool {
    text.match_indices(name).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + name.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Words a sentence does not end with: a line ending in one runs on.
const RUNS_ON: &[&str] = &[
    "of", "the", "a", "an", "and", "or", "to", "in", "into", "on", "at", "by", "for", "from",
    "with", "that", "which", "who", "whose", "our", "your", "their", "its", "his", "her", "my",
    "is", "are", "was", "were", "be", "been", "will", "would", "shall", "should", "can", "could",
    "may", "must", "not", "as", "about", "between", "this", "these", "those", "than", "but", "if",
    "also",
];

/// Whether a block ends in the middle of a sentence, so that a page break
/// may split it (`... and mainly construction of` / `defense.`): its last
/// word starts in lower case and is a word no sentence ends with, or the
/// last line is running text (six words or more) ending in a lower-case
/// word or a comma. Header and closing lines (`Extremely urgent`, `Copy N 9
/// to Cde. Khrushchev`) never run on.
fn runs_on(block: &Block) -> bool {
    let text = &block.text;
    let line = &text[text.rfind('\n').map_or(0, |i| i + 1)..];
    let word = line.rsplit(' ').next().unwrap_or_default();
    let comma = word.ends_with(',');
    let word = word.trim_end_matches(',');
    if !word.starts_with(char::is_lowercase) || !(comma || word.ends_with(char::is_lowercase)) {
        return false;
    }
    if closing_block(block).is_some() {
        return false;
    }
    RUNS_ON.contains(&word) && !comma || line.split(' ').count() >= 6
}

/// Classifies a block as closing when every line is a closing line (a
/// distribution line ending in a comma runs on to the next line:
/// `Copies: Stalin (2), Malenkov, Beria,` / `Bulganin, Mikoyan`).
fn closing_block(block: &Block) -> Option<Vec<Close>> {
    let mut out: Vec<Close> = Vec::with_capacity(block.lines.len());
    for (k, l) in block.lines.iter().enumerate() {
        let runs_on =
            k > 0 && out[k - 1] == Close::Distribution && block.lines[k - 1].text.ends_with(',');
        out.push(if runs_on {
            Close::Distribution
        } else {
            closing::classify(&l.text)?
        });
    }
    Some(out)
}

struct Builder<'a> {
    blocks: &'a [Block],
    anns: Vec<Anns>,
    lists: Vec<bool>,
    meta: Metadata,
    /// Dates printed in closings, by position: (in a quote, date).
    closing_dates: Vec<(bool, super::model::DateVal)>,
    /// Identifications printed after signatures inside quotations.
    quoted_ids: Vec<(String, String)>,
    /// What the closing lines of the message need to know of it.
    outer: Outer,
}

/// What the message before its closing lines tells about them.
#[derive(Default)]
struct Outer {
    /// A quotation of the message that no block closes (`"To Cde.
    /// Filippov.` ... `MAO ZEDONG` / `13.6.51"` / `ROSHCHIN`): its marks
    /// and how deeply it is open at the start of the next closing block.
    /// Closing lines inside it are the quoted message's.
    open_quote: Option<(Marks, usize)>,
    /// The sentences that pass a message on (`I received the following
    /// telegram of Mao Zedong addressed to you:`), lower-cased: a
    /// signature they name is the passed message's, not the telegram's.
    relays: Vec<String>,
}

/// `I received the following telegram`, `I am sending you a telegram of`,
/// `Transmitting another telegram from`: a message passed on. The verbs
/// and nouns of such a sentence, matched as whole words in any case; the
/// noun follows the verb within 60 characters of the same sentence.
const PASS_VERBS: &[&str] = &[
    "received",
    "receiving",
    "forwarding",
    "forward",
    "transmitting",
    "transmit",
    "sending",
    "send",
    "relaying",
    "relay",
    "passing on",
    "pass on",
];
const PASS_NOUNS: &[&str] = &[
    "telegrams",
    "telegram",
    "messages",
    "message",
    "letters",
    "letter",
    "cables",
    "cable",
];

/// Whether `text` holds one of `words`, in any ASCII letter case: a cheap
/// test before a pattern that needs one of them.
fn mentions(text: &str, words: &[&str]) -> bool {
    let lower = text.to_ascii_lowercase();
    words.iter().any(|w| lower.contains(w))
}

/// The nouns that [`FORWARD`] needs.
const MESSAGE_WORDS: &[&str] = &["telegram", "message", "letter", "cable", "reply", "answer"];

/// The sentences of `text` that pass a message on, lower-cased: from a
/// verb of [`PASS_VERBS`] to the end of the sentence (`.`, `:`, `;`), when
/// a noun of [`PASS_NOUNS`] follows the verb within 60 characters.
fn relay_sentences(text: &str, out: &mut Vec<String>) {
    // ASCII lower case keeps every byte where it was
    let lower = text.to_ascii_lowercase();
    if !PASS_NOUNS.iter().any(|n| lower.contains(n)) {
        return;
    }
    let b = lower.as_bytes();
    let whole = |i: usize, w: &str| {
        lower.is_char_boundary(i)
            && lower[i..].starts_with(w)
            && !lower[..i].chars().next_back().is_some_and(is_word_char)
            && !lower[i + w.len()..]
                .chars()
                .next()
                .is_some_and(is_word_char)
    };
    let mut i = 0;
    while i < b.len() {
        // every verb starts with one of these letters
        let verb = matches!(b[i], b'r' | b'f' | b't' | b's' | b'p')
            .then(|| PASS_VERBS.iter().find(|v| whole(i, v)))
            .flatten();
        let Some(verb) = verb else {
            i += 1;
            continue;
        };
        let from = i + verb.len();
        let end = lower[from..]
            .find(['.', ':', ';'])
            .map_or(b.len(), |k| from + k);
        let reach = lower[from..end]
            .char_indices()
            .nth(60)
            .map_or(end, |(k, _)| from + k);
        let noun = (from..=reach)
            .filter(|&k| matches!(b.get(k), Some(b't' | b'm' | b'l' | b'c')))
            .any(|k| PASS_NOUNS.iter().any(|n| whole(k, n)));
        if noun {
            out.push(text[i..end].to_lowercase());
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
}

impl Builder<'_> {
    fn leaf(&self, block: usize, wrap: Vec<Tag>) -> Part {
        Part::Leaf(Leaf {
            block,
            wrap,
            anns: self.anns[block].clone(),
            list: self.lists[block],
            continued: Vec::new(),
        })
    }

    fn common(&mut self, i: usize) -> Part {
        if self.lists[i] {
            self.leaf(i, vec![tag("list")])
        } else {
            self.leaf(i, vec![tag("p")])
        }
    }

    /// Closing region at the end of `range` (never its first block).
    fn closing_start(&self, from: usize, to: usize) -> usize {
        let mut s = to;
        // a numbered distribution list (`Copies:` / `1. Comr. Stalin` /
        // `2. Comr. Molotov`) is a list block of closing lines
        while s > from + 1 && closing_block(&self.blocks[s - 1]).is_some() {
            s -= 1;
        }
        s
    }

    fn closer(&mut self, i: usize, quoted: bool) -> Part {
        let closes = closing_block(&self.blocks[i]).unwrap_or_default();
        let ranges: Vec<(usize, usize)> = self.blocks[i].line_ranges().collect();
        if self.lists[i] {
            // a numbered distribution list: lines of a closing, no items
            self.lists[i] = false;
            let mut kept = super::model::Anns::default();
            for a in self.anns[i].iter() {
                if !matches!(a.kind, Kind::Elem("item" | "desc", _)) {
                    kept.add(a.clone());
                }
            }
            self.anns[i] = kept;
        }
        let outer = quoted;
        for (k, close) in closes.iter().enumerate() {
            let (s, e) = ranges[k];
            let line = &self.blocks[i].text[s..e];
            // a line inside a quotation that a later line closes
            let quoted = match &mut self.outer.open_quote {
                Some((marks, depth)) if !outer => {
                    let inside = *depth > 0;
                    *depth = quote_depth_after(line, *marks, *depth);
                    inside
                }
                _ => outer,
            };
            let mut anns = std::mem::take(&mut self.anns[i]);
            closing::annotate(s, line, close, &mut anns);
            self.anns[i] = anns;
            match close {
                Close::Signature(a, b, d) => {
                    // `S H T Y K O V` signs as SHTYKOV
                    let name = closing::signatory(&line[*a..*b]);
                    // the signature of a message passed on without
                    // quotation marks (`... the following telegram of Mao
                    // Zedong addressed to you:` ... `Mao Zedong`)
                    let lower = name.to_lowercase();
                    let quoted = quoted
                        || !outer && self.outer.relays.iter().any(|r| contains_word(r, &lower));
                    if quoted {
                        self.meta.quoted_signatories.push(name.clone());
                    }
                    if let Some(x) = line[*b..].strip_prefix(" [")
                        && let Some(c) = x.find(']')
                    {
                        let id = (name.clone(), x[..c].to_string());
                        if !quoted || self.meta.transmit {
                            self.meta.identifications.push(id);
                        } else {
                            self.quoted_ids.push(id);
                        }
                    }
                    if !quoted {
                        self.meta.signatories.push(name);
                    }
                    if let Some(d) = d {
                        self.closing_dates.push((quoted, *d));
                    }
                }
                Close::CoSigned(names_at, d) => {
                    if !quoted {
                        for (a, b) in names_at {
                            self.meta.signatories.push(line[*a..*b].to_string());
                        }
                    }
                    if let Some(d) = d {
                        self.closing_dates.push((quoted, *d));
                    }
                }
                Close::DateRef(Some(d)) => self.closing_dates.push((quoted, *d)),
                Close::PlaceDate(a, b, d) => {
                    if !quoted && self.meta.from_place.is_none() {
                        self.meta.from_place = Some(line[*a..*b].to_string());
                    }
                    if let Some(d) = d {
                        self.closing_dates.push((quoted, *d));
                    }
                }
                _ => {}
            }
        }
        let wrap = match closes.as_slice() {
            [Close::Signature(..) | Close::CoSigned(..)] | [Close::Role] => {
                vec![tag("closer"), tag("signed")]
            }
            [Close::DateRef(_) | Close::PlaceDate(..)] => vec![tag("closer"), tag("dateline")],
            [Close::Salute] => vec![tag("closer"), tag("salute")],
            // "With greetings," / "MAO ZEDONG", a name with its title: one
            // signature on several lines
            lines
                if lines.iter().all(|c| {
                    matches!(
                        c,
                        Close::Signature(..) | Close::CoSigned(..) | Close::Role | Close::Salute
                    )
                }) && lines.iter().any(|c| !matches!(c, Close::Salute)) =>
            {
                vec![tag("closer"), tag("signed")]
            }
            lines
                if lines
                    .iter()
                    .all(|c| matches!(c, Close::DateRef(_) | Close::PlaceDate(..))) =>
            {
                vec![tag("closer"), tag("dateline")]
            }
            [Close::EndMarker] => vec![typed("trailer", "endMarker")],
            [Close::Gap] => vec![typed("trailer", "elision")],
            [Close::Note] => vec![typed("trailer", "archivalNote")],
            [Close::Formula] => vec![typed("trailer", "formula")],
            // `Printed in 3 copies.` / `Copies to: Stalin, Molotov`
            lines
                if lines
                    .iter()
                    .all(|c| matches!(c, Close::Distribution | Close::Formula)) =>
            {
                vec![typed("trailer", "distribution")]
            }
            _ => vec![tag("closer")],
        };
        self.leaf(i, wrap)
    }

    /// The parts of blocks `from..to` (the message, after the header).
    fn message(&mut self, from: usize, to: usize, quoted: bool) -> (Vec<Part>, Vec<Part>) {
        // Quotations first: a closing region never reaches into one. A
        // quotation's own blocks are not searched again (no nesting).
        let mut quotes = Vec::new();
        // For each kind of mark, the next block that closes a quotation:
        // computed once, so that many unclosed openings stay linear.
        let mut next_close: Vec<(Marks, Vec<Option<usize>>)> = Vec::new();
        // the first quotation that no block closes
        let mut unclosed: Option<(Marks, usize)> = None;
        let mut i = from;
        while i < to && !quoted {
            let text = &self.blocks[i].text;
            // A quotation opened after words of the block's own: the
            // block stays a paragraph, and the quotation is the blocks after it.
            let (marks, mid) = match (opens_quote(text), opens_quote_mid(text)) {
                (Some(m), _) if !self.lists[i] => (m, false),
                (None, Some(m)) if !self.lists[i] => (m, true),
                _ => {
                    i += 1;
                    continue;
                }
            };
            if !next_close.iter().any(|(m, _)| *m == marks) {
                let mut v = vec![None; to - from + 1];
                for k in (from..to).rev() {
                    v[k - from] = if closes_quote(&self.blocks[k].text, marks) {
                        Some(k)
                    } else {
                        v[k - from + 1]
                    };
                }
                next_close.push((marks, v));
            }
            let v = &next_close.iter().find(|(m, _)| *m == marks).unwrap().1;
            match v[i + 1 - from] {
                Some(j) => {
                    quotes.push((i + usize::from(mid), j + 1));
                    i = j + 1;
                }
                None => {
                    // a block that opens with the mark, or a mark after a
                    // colon (a mark later in a block may close a quotation)
                    if !mid || text.contains(&format!(": {}", marks.0)) {
                        unclosed.get_or_insert((marks, i));
                    }
                    i += 1;
                }
            }
        }
        let last_quote = quotes.last().map_or(from, |q| q.1);
        let end = self.closing_start(from, to).max(last_quote);
        let mut parts = Vec::new();
        let mut i = from;
        while i < end {
            if let Some(&(_, e)) = quotes.iter().find(|q| q.0 == i) {
                parts.push(self.quote(i, e));
                i = e;
                continue;
            }
            // "construction of" / blank line / "defense.": one paragraph
            // split by a page break.
            if let Some(Part::Leaf(prev)) = parts.last_mut()
                && prev.wrap.len() == 1
                && prev.wrap[0].0 == "p"
                && !self.lists[i]
            {
                let last = prev.continued.last().map_or(prev.block, |c| c.0);
                let ends_open = runs_on(&self.blocks[last]);
                // `... your telegram of` / page break / `28.6.1951 has been received`
                let next = &self.blocks[i].text;
                // `from Peking 22 July 1950`, `to Filippov`: a header field
                // or a closing line is never the rest of a sentence
                let starts_low = (next.starts_with(char::is_lowercase)
                    && header::parse(next, &self.anns[i], &mut Metadata::default()).is_none()
                    || dates::find_at_start(next).is_some_and(|f| matches!(f.2, Found::Date(_))))
                    && closing_block(&self.blocks[i]).is_none();
                if ends_open && starts_low {
                    prev.continued.push((i, self.anns[i].clone()));
                    i += 1;
                    continue;
                }
            }
            parts.push(self.common(i));
            i += 1;
        }
        // A quotation opened in the message and closed by no block: the
        // closing lines stay inside it up to the line that closes it
        // (`MAO ZEDONG` / `13.6.51"` / `ROSHCHIN`), or to the end.
        // (the marks are counted from the start of the message: a mark
        // that closes a quotation opened in a list is no opening)
        self.outer.relays.clear();
        if !quoted {
            for (k, block) in self.blocks.iter().enumerate().take(end).skip(from) {
                if !quotes.iter().any(|q| (q.0..q.1).contains(&k)) {
                    relay_sentences(&block.text, &mut self.outer.relays);
                }
            }
        }
        self.outer.open_quote = unclosed.filter(|&(_, k)| k < end).map(|(marks, _)| {
            let depth =
                (from..end).fold(0, |d, b| quote_depth_after(&self.blocks[b].text, marks, d));
            (marks, depth)
        });
        let closers = (end..to).map(|k| self.closer(k, quoted)).collect();
        self.outer = Outer::default();
        // The message is one quotation and nothing else but dates, numbers
        // and notes (`for Comrade Mao Zedong` / `“Comrade Mao Zedong! ...
        // FILIPPOV [Stalin].”`): the quoted message is the telegram's own.
        if !quoted
            && matches!(parts.as_slice(), [Part::Group((name, _), _)] if *name == "quote")
            && self.meta.signatories.is_empty()
            && (end..to).all(|k| {
                closing_block(&self.blocks[k]).is_some_and(|cs| {
                    cs.iter().all(|c| {
                        matches!(
                            c,
                            Close::DateRef(_)
                                | Close::PlaceDate(..)
                                | Close::EndMarker
                                | Close::Gap
                                | Close::Note
                                | Close::Distribution
                        )
                    })
                })
            })
        {
            self.meta.whole_quote = true;
            self.meta.identifications.append(&mut self.quoted_ids);
            for d in &mut self.closing_dates {
                d.0 = false;
            }
        }
        (parts, group_closers(closers))
    }

    fn quote(&mut self, from: usize, to: usize) -> Part {
        let first = &self.blocks[from];
        let words = first.text.split(' ').count();
        let opener = first.lines.len() == 1
            && words <= 12
            && to - from >= 2
            && ["To ", "TO ", "Dear ", "Comrade "].iter().any(|p| {
                first
                    .text
                    .trim_start_matches(|c| QUOTE_MARKS.iter().any(|m| m.0 == c))
                    .starts_with(p)
            });
        let body_from = from + usize::from(opener);
        let (parts, closers) = self.message(body_from, to, true);
        if !opener && closers.is_empty() {
            return Part::Group(tag("quote"), parts);
        }
        let mut inner = Vec::new();
        if opener {
            inner.push(Part::Group(
                tag("opener"),
                vec![self.leaf(from, vec![tag("salute")])],
            ));
        }
        inner.extend(parts);
        inner.extend(closers);
        Part::Group(
            tag("quote"),
            vec![Part::Group(
                tag("floatingText"),
                vec![Part::Group(tag("body"), inner)],
            )],
        )
    }
}

/// Consecutive closing blocks that are each a `signed` or a `dateline` go
/// into one `closer`: `<closer><signed>MAO ZEDONG</signed><dateline>No.
/// 3260</dateline></closer>`.
fn group_closers(parts: Vec<Part>) -> Vec<Part> {
    let mut out: Vec<Part> = Vec::new();
    let mut run: Vec<Part> = Vec::new();
    let flush = |run: &mut Vec<Part>, out: &mut Vec<Part>| {
        if !run.is_empty() {
            out.push(Part::Group(tag("closer"), std::mem::take(run)));
        }
    };
    for part in parts {
        match part {
            Part::Leaf(mut leaf) if leaf.wrap.len() == 2 && leaf.wrap[0].0 == "closer" => {
                leaf.wrap.remove(0);
                run.push(Part::Leaf(leaf));
            }
            other => {
                flush(&mut run, &mut out);
                out.push(other);
            }
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Flattens every part into `p` (or `list`) leaves: the fallback when the
/// recognised structure would leave the body without a paragraph.
fn flatten(parts: Vec<Part>, out: &mut Vec<Part>) {
    for part in parts {
        match part {
            Part::Leaf(mut leaf) => {
                leaf.wrap = vec![tag(if leaf.list { "list" } else { "p" })];
                out.push(Part::Leaf(leaf));
            }
            Part::Group(_, children) => flatten(children, out),
        }
    }
}

/// The sender a relay formula in `text` names: "telegram from X addressed
/// to you" (also "... to you", "... for you"), and, when the message follows
/// (the block ends with a colon or the next block opens a quotation), "I am
/// forwarding the telegram of X" and "X asks to transmit to you the following".
fn relayed_sender(text: &str, next: Option<&Block>) -> Option<String> {
    let mut found = None;
    for m in RELAY.find_iter(text) {
        if let Some(ne) = names::name_after(text, m.end())
            && [" addressed to", ", addressed to", " to you", " for you"]
                .iter()
                .any(|p| text[ne..].starts_with(p))
        {
            found = Some(text[m.end()..ne].to_string());
        }
    }
    let follows = text.trim_end().ends_with(':')
        || next.is_some_and(|b| opens_quote(&b.text).is_some())
        || opens_quote_mid(text).is_some()
        || QUOTE_MARKS
            .iter()
            .any(|m| text.contains(&format!(": {}", m.0)));
    if found.is_some() || !follows {
        return found;
    }
    // each pattern needs one of a few words: most blocks have none
    let forwards = mentions(text, MESSAGE_WORDS).then(|| FORWARD.find_iter(text));
    for m in forwards.into_iter().flatten() {
        if let Some(ne) = names::name_after(text, m.end()) {
            found = Some(text[m.end()..ne].to_string());
        }
    }
    let asks = mentions(text, &["ask", "request"]).then(|| ASKS.find_iter(text));
    for m in asks.into_iter().flatten() {
        if let Some(ns) = names::name_before(text, m.start()) {
            // "Chairman Mao Zedong asks ...": the title is not the name
            let mut name = &text[ns..m.start()];
            while let Some((first, rest)) = name.split_once(' ')
                && TITLES.contains(&first)
            {
                name = rest;
            }
            found = Some(name.to_string());
        }
    }
    found
}

static ARCHIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A(?:(?i:archives?|source)\b|(?:APRF|AP RF|AVPRF|AVP RF|RGASPI|RGANI|GARF|TsAMO|TsKhSD|RGVA|CWIHP)\b)").unwrap()
});

/// This module's patterns, to compile them ahead of the first conversion
/// (see [`super::warm_up`]).
pub(super) static PATTERNS: &[&LazyLock<Regex>] =
    &[&ITEM, &COMRADE, &RELAY, &FORWARD, &ASKS, &ARCHIVE];

/// `fond 45`, `F. 45`: an archive's fond number.
const FOND: &[&str] = &["fond", "f."];
/// `opis 1`, `op. 1`, `delo 339`, `d. 339`.
const OPIS: &[&str] = &["opis", "op.", "delo", "d."];

/// A character of a word, as a regular expression's `\w` (and `\b`)
/// sees it.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether `text` holds one of `keys` (any ASCII case) as a word of its
/// own, then a number, with or without a space between (`fond 45`,
/// `f.45`).
fn numbered(text: &str, keys: &[&str]) -> bool {
    let b = text.as_bytes();
    keys.iter().any(|k| {
        let k = k.as_bytes();
        (0..b.len().saturating_sub(k.len() - 1)).any(|i| {
            let word_start = text.is_char_boundary(i)
                && !text[..i].chars().next_back().is_some_and(is_word_char);
            let mut j = i + k.len();
            word_start && b[i..j].eq_ignore_ascii_case(k) && {
                if b.get(j) == Some(&b' ') {
                    j += 1;
                }
                b.get(j).is_some_and(u8::is_ascii_digit)
            }
        })
    })
}

/// An archival reference at the top (`Archive of the President of the
/// Russian Federation, fond 45, opis 1, delo 339, listy 17-18`, `APRF, f. 45,
/// op. 1, d. 339`): a short block naming an archive, or giving fond and
/// opis/delo numbers.
fn archive_reference(block: &Block) -> bool {
    let t = &block.text;
    block.lines.len() <= 3
        && (ARCHIVE.is_match(t) && (t.contains(',') || numbered(t, FOND))
            || numbered(t, FOND) && numbered(t, OPIS))
}

/// `Transmit the following answer to MAO ZEDONG.`, `Please convey to
/// Comrade Kim Il Sung the following:`, `Reply to No. 1. Convey to Mao
/// Zedong the following:`, `Visit Zhou Enlai and transmit to him ...`: an
/// instruction, at the start of a sentence on a block's first line, to
/// pass a message on; the byte range of the name it goes to.
fn transmit_to(text: &str) -> Option<(usize, usize)> {
    const VERBS: &[&str] = &[
        "transmit",
        "pass on",
        "convey",
        "deliver",
        "hand over",
        "forward",
    ];
    /// `Visit X and transmit to him`: the verbs of going to the addressee.
    const VISIT: &[&str] = &["visit ", "see ", "meet ", "call on "];
    let line = &text[..text.find('\n').unwrap_or(text.len())];
    // ASCII lower case keeps every byte where it was
    let lower = line.to_ascii_lowercase();
    let verb_at = |at: usize| {
        VERBS
            .iter()
            .find(|v| {
                lower[at..].starts_with(*v)
                    && !lower[at + v.len()..].starts_with(|c: char| c.is_alphanumeric())
            })
            .map(|v| v.len())
    };
    let starts = std::iter::once(0).chain(lower.match_indices(". ").map(|(i, _)| i + 2));
    for start in starts {
        let at = start
            + lower[start..]
                .strip_prefix("please ")
                .map_or(0, |_| "please ".len());
        if let Some(len) = verb_at(at) {
            // the first ` to ` of the instruction's sentence
            let end = lower[at..]
                .find(['.', ':', '"', '“', '«'])
                .map_or(lower.len(), |i| at + i);
            let Some(to) = lower[at + len..end].find(" to ") else {
                continue;
            };
            let mut q = at + len + to + " to ".len();
            if let Some(t) = ["comrades ", "comrade ", "cde. "]
                .iter()
                .find(|t| lower[q..].starts_with(*t))
            {
                q += t.len();
            }
            if let Some(ne) = names::name_after(text, q) {
                return Some((q, ne));
            }
        } else if let Some(v) = VISIT.iter().find(|v| lower[at..].starts_with(*v)) {
            let mut q = at + v.len();
            if let Some(t) = ["comrade ", "cde. "]
                .iter()
                .find(|t| lower[q..].starts_with(*t))
            {
                q += t.len();
            }
            if let Some(ne) = names::name_after(text, q)
                && let Some(r) = lower[ne..].strip_prefix(" and ")
                && verb_at(lower.len() - r.len()).is_some()
            {
                return Some((q, ne));
            }
        }
    }
    None
}

/// Closing lines that end the last block without a blank line before them
/// (a transcription with no blank lines at all, or a signature right under
/// the last paragraph): `... the conversation.` / `FILIPPOV [Stalin]` /
/// `24 June 1951` / `No. 635177`. The block stays a paragraph (a blank line
/// the source does not have would break the round trip), but the signature
/// and dates are marked up and give their facts. The lines are read from the
/// end up to the first that is no closing line or that closes a quotation
/// (a relayed message's signature is not the telegram's). Returns the dates.
fn closing_lines_at_end(
    blocks: &[Block],
    h: usize,
    lists: &[bool],
    anns: &mut [Anns],
    meta: &mut Metadata,
) -> Vec<super::model::DateVal> {
    let mut dates = Vec::new();
    let Some(last) = blocks.len().checked_sub(1) else {
        return dates;
    };
    let block = &blocks[last];
    if last < h
        || lists[last]
        || closing_block(block).is_some()
        || opens_quote(&block.text).is_some()
    {
        return dates;
    }
    let ranges: Vec<(usize, usize)> = block.line_ranges().collect();
    let closes: Vec<(usize, Close)> = ranges
        .iter()
        .rev()
        .map_while(|&(s, e)| {
            let line = &block.text[s..e];
            let quote_end = QUOTE_MARKS
                .iter()
                .any(|m| line.contains(m.1) || line.contains(m.0));
            if quote_end {
                return None;
            }
            closing::classify(line).map(|c| (s, c))
        })
        .collect();
    let signed = closes
        .iter()
        .any(|(_, c)| matches!(c, Close::Signature(..) | Close::CoSigned(..)));
    if !signed || closes.len() >= ranges.len() {
        return dates;
    }
    for (s, close) in closes.iter().rev() {
        let e = ranges.iter().find(|r| r.0 == *s).map_or(*s, |r| r.1);
        let line = &block.text[*s..e];
        closing::annotate(*s, line, close, &mut anns[last]);
        match close {
            Close::Signature(a, b, d) => {
                if let Some(x) = line[*b..].strip_prefix(" [")
                    && let Some(c) = x.find(']')
                {
                    meta.identifications
                        .push((line[*a..*b].to_string(), x[..c].to_string()));
                }
                meta.signatories.push(line[*a..*b].to_string());
                dates.extend(d);
            }
            Close::CoSigned(names_at, d) => {
                for (a, b) in names_at {
                    meta.signatories.push(line[*a..*b].to_string());
                }
                dates.extend(d);
            }
            Close::DateRef(Some(d)) => dates.push(*d),
            Close::PlaceDate(a, b, d) => {
                if meta.from_place.is_none() {
                    meta.from_place = Some(line[*a..*b].to_string());
                }
                dates.extend(d);
            }
            _ => {}
        }
    }
    dates
}

/// A block that is one elision and nothing else (`[...]`).
fn only_elision(block: &Block, anns: &Anns) -> bool {
    anns.iter()
        .any(|a| a.kind == Kind::Gap && a.start == 0 && a.end == block.text.len())
}

/// Builds the body structure and gathers the header facts.
pub(crate) fn build(blocks: &[Block]) -> (Vec<Part>, Metadata, Vec<Warning>) {
    let mut warnings = Vec::new();
    let mut anns = Vec::with_capacity(blocks.len());
    let mut lists = Vec::with_capacity(blocks.len());
    for (b, block) in blocks.iter().enumerate() {
        let mut a = Anns::default();
        let items = list_items(block);
        let paragraphs: Vec<(usize, usize)> = match &items {
            Some((intro, items)) => intro
                .iter()
                .copied()
                .chain(items.iter().map(|&(s, e, _)| (s, e)))
                .collect(),
            None => vec![(0, block.text.len())],
        };
        if let Some((intro, items)) = &items {
            // The introduction cannot be a `p` of its own (a block element
            // would put a blank line where the source has a line break): it
            // is the list's `desc`, which renders inline before the items.
            if let Some((s, e)) = intro {
                a.add(Ann::elem(*s, *e, "desc"));
            }
            for (s, e, n) in items {
                a.add(Ann::elem_with(*s, *e, "item", vec![("n", n.clone())]));
            }
        }
        let mut found = Vec::new();
        for (s, e) in paragraphs {
            for (off, msg) in brackets::annotate(&block.text, s, e, &mut a) {
                found.push((b, off, msg));
            }
        }
        // `desc` holds only phrase markup: an introduction with a line
        // break, an elision, supplied words or an identification note
        // cannot be one, and the block stays a paragraph (lines with `lb`).
        let mut is_list = items.is_some();
        if let Some((Some((s, e)), _)) = &items {
            let bracketed = a.iter().any(|x| {
                x.start < *e
                    && x.end > *s
                    && matches!(x.kind, Kind::Gap | Kind::Supplied | Kind::IdNote)
            });
            if bracketed || block.text[*s..*e].contains('\n') {
                is_list = false;
                a = Anns::default();
                found.clear();
                for (off, msg) in brackets::annotate(&block.text, 0, block.text.len(), &mut a) {
                    found.push((b, off, msg));
                }
            }
        }
        warnings.extend(found);
        lists.push(is_list);
        anns.push(a);
    }
    let mut meta = Metadata::default();
    let mut head_parts: Vec<Part> = Vec::new();
    let mut opener: Vec<Part> = Vec::new();
    let mut h = 0;
    while h < blocks.len() && !lists[h] {
        // `Archive of the President of the Russian Federation, fond 45,
        // opis 1, delo 339`: the editor's reference, never a field; `[...]`
        // alone before or between the header lines: the editor left out
        // part of the header
        let aside = if archive_reference(&blocks[h]) {
            Some("archivalReference")
        } else if h + 1 < blocks.len() && only_elision(&blocks[h], &anns[h]) {
            Some("elision")
        } else {
            None
        };
        if let Some(ty) = aside {
            if !opener.is_empty() {
                head_parts.push(Part::Group(tag("opener"), std::mem::take(&mut opener)));
            }
            head_parts.push(Part::Leaf(Leaf {
                block: h,
                wrap: vec![typed("head", ty)],
                anns: anns[h].clone(),
                list: false,
                continued: Vec::new(),
            }));
            h += 1;
            continue;
        }
        let mut tried = meta.clone();
        let Some(hb) = header::parse(&blocks[h].text, &anns[h], &mut tried) else {
            break;
        };
        if !hb.complete {
            let mut ahead = tried.clone();
            let next_is_header = h + 1 < blocks.len()
                && !lists[h + 1]
                && header::parse(&blocks[h + 1].text, &anns[h + 1], &mut ahead)
                    .is_some_and(|b| b.complete);
            if !next_is_header {
                // Header lines that run straight into the message
                // (`CIPHERED TELEGRAM No. 5` / `To Comrade FILIPPOV` /
                // `I send you ...`): the block is the first paragraph, and
                // its complete header lines still give their facts and markup.
                let cut = hb.lines_done;
                let mut pre_meta = meta.clone();
                if cut > 0
                    && let Some(pre) =
                        header::parse(&blocks[h].text[..cut], &anns[h], &mut pre_meta)
                    && pre.complete
                {
                    meta = pre_meta;
                    anns[h] = pre.anns;
                }
                break;
            }
        }
        meta = tried;
        anns[h] = hb.anns;
        let leaf = |wrap| {
            Part::Leaf(Leaf {
                block: h,
                wrap,
                anns: anns[h].clone(),
                list: false,
                continued: Vec::new(),
            })
        };
        match hb.kind {
            HeadKind::Agency | HeadKind::Document => {
                if !opener.is_empty() {
                    head_parts.push(Part::Group(tag("opener"), std::mem::take(&mut opener)));
                }
                let ty = if hb.kind == HeadKind::Agency {
                    "agency"
                } else {
                    "document"
                };
                head_parts.push(leaf(vec![typed("head", ty)]));
            }
            HeadKind::Salute => opener.push(leaf(vec![tag("salute")])),
            // Fields of several kinds in one block (agency, number, copies,
            // addressee on lines without blank lines between them): one
            // `opener` holding them inline, lines separated by `lb`.
            HeadKind::Mixed => {
                if !opener.is_empty() {
                    head_parts.push(Part::Group(tag("opener"), std::mem::take(&mut opener)));
                }
                head_parts.push(leaf(vec![tag("opener")]));
            }
            HeadKind::Dateline => opener.push(leaf(vec![tag("dateline")])),
        }
        h += 1;
    }
    if !opener.is_empty() {
        head_parts.push(Part::Group(tag("opener"), opener));
    }
    for i in h..blocks.len() {
        let mut a = std::mem::take(&mut anns[i]);
        annotate_text(&blocks[i].text, &mut a);
        anns[i] = a;
    }
    // `TO KRASOVSKY` / `Transmit the following answer to MAO ZEDONG.`: the
    // telegram goes through its addressee to the person named (in the
    // first blocks of the message, before any quotation)
    for block in blocks.iter().skip(h).take(3) {
        if opens_quote(&block.text).is_some() {
            break;
        }
        if let Some((q, ne)) = transmit_to(&block.text) {
            if meta.address_to.is_none() || meta.addressee.is_none() {
                let who = Who {
                    name: block.text[q..ne].to_string(),
                    role: false,
                };
                if meta.address_to.is_none() {
                    meta.address_to = meta.addressee.take();
                }
                meta.addressee = Some(who);
                meta.transmit = true;
            }
            break;
        }
        if opens_quote_mid(&block.text).is_some() {
            break;
        }
    }
    // "the following telegram from X addressed to you": X sent it.
    for (k, block) in blocks.iter().enumerate().skip(h) {
        if opens_quote(&block.text).is_some() {
            break;
        }
        if let Some(from) = relayed_sender(&block.text, blocks.get(k + 1)) {
            meta.relayed_from = Some(from);
        }
        if opens_quote_mid(&block.text).is_some() {
            break;
        }
    }
    let tail_dates = closing_lines_at_end(blocks, h, &lists, &mut anns, &mut meta);
    let mut builder = Builder {
        blocks,
        anns,
        lists,
        meta,
        closing_dates: Vec::new(),
        quoted_ids: Vec::new(),
        outer: Outer::default(),
    };
    let (parts, closers) = builder.message(h, blocks.len(), false);
    let mut meta = builder.meta;
    if let Some(&(_, d)) = builder.closing_dates.iter().find(|(q, _)| !q)
        && meta.sent_date.is_none()
    {
        meta.sent_date = Some(d);
    }
    if let Some(&d) = tail_dates.first()
        && meta.sent_date.is_none()
    {
        meta.sent_date = Some(d);
    }
    if let Some(&(_, d)) = builder.closing_dates.iter().find(|(q, _)| *q) {
        meta.relayed_date = Some(d);
    }
    let has_common = !parts.is_empty();
    let mut all = head_parts;
    all.extend(parts);
    all.extend(closers);
    if !has_common {
        let mut flat = Vec::new();
        flatten(all, &mut flat);
        all = flat;
    }
    // The year that dates printed without one take: the commonest year printed.
    let mut years: Vec<i32> = Vec::new();
    collect_years(&all, &mut years);
    let mut best: Option<(usize, i32)> = None;
    for &y in &years {
        let n = years.iter().filter(|&&x| x == y).count();
        if best.is_none_or(|(bn, _)| n > bn) {
            best = Some((n, y));
        }
    }
    meta.context_year = best.map(|(_, y)| y);
    (all, meta, warnings)
}

fn collect_years(parts: &[Part], years: &mut Vec<i32>) {
    for part in parts {
        match part {
            Part::Leaf(leaf) => {
                let cont = leaf.continued.iter().flat_map(|c| c.1.iter());
                for a in leaf.anns.iter().chain(cont) {
                    if let Kind::Date(d) = &a.kind
                        && let Some(y) = d.year
                    {
                        years.push(y);
                    }
                }
            }
            Part::Group(_, children) => collect_years(children, years),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts made of the words the hand-written matchers look for, their
    /// look-alikes, punctuation, digits and non-ASCII letters, from a fixed
    /// seed.
    fn generated_texts(count: usize) -> Vec<String> {
        const PIECES: &[&str] = &[
            "received",
            "Receiving",
            "FORWARD",
            "forwarding",
            "transmit",
            "send",
            "sending",
            "relay",
            "pass on",
            "passing  on",
            "telegram",
            "Telegrams",
            "message",
            "letters",
            "cable",
            "cables",
            "the",
            "following",
            "of",
            "from",
            "Mao",
            "fond",
            "F.",
            "f.",
            "opis",
            "op.",
            "delo",
            "d.",
            "Fond",
            "45",
            "7",
            " ",
            " ",
            " ",
            ". ",
            ":",
            ";",
            ",",
            "\n",
            "é",
            "Пекин",
            "x",
            "_",
            "sendx",
            "telegrammes",
            "a",
            "in",
            "to you",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        (0..count)
            .map(|_| {
                let mut next = || {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    state
                };
                let len = (next() % 40) as usize;
                (0..len)
                    .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                    .collect::<Vec<_>>()
                    .join(if next() % 3 == 0 { "" } else { " " })
            })
            .collect()
    }

    /// `relay_sentences` finds what the regular expression it replaced
    /// (compiling it cost more than converting a file) found.
    #[test]
    fn relay_sentences_match_the_pattern_they_replace() {
        let pattern = regex::Regex::new(r"(?i)\b(?:received|receiving|forwarding|forward|transmitting|transmit|sending|send|relaying|relay|passing on|pass on)\b[^.:;]{0,60}?\b(?:telegrams?|messages?|letters?|cables?)\b[^.:;]*").unwrap();
        let mut found = 0;
        for text in generated_texts(5000) {
            let expected: Vec<String> = pattern
                .find_iter(&text)
                .map(|m| m.as_str().to_lowercase())
                .collect();
            let mut got = Vec::new();
            relay_sentences(&text, &mut got);
            assert_eq!(got, expected, "{text:?}");
            found += got.len();
        }
        assert!(found > 500, "the texts hold relay sentences: {found}");
    }

    /// `numbered` finds what the regular expressions it replaced found.
    #[test]
    fn fond_and_opis_match_the_patterns_they_replace() {
        let fond = regex::Regex::new(r"(?i)\b(?:fond|f\.) ?[0-9]").unwrap();
        let opis = regex::Regex::new(r"(?i)\b(?:opis|op\.|delo|d\.) ?[0-9]").unwrap();
        let mut hits = 0;
        for text in generated_texts(5000) {
            assert_eq!(numbered(&text, FOND), fond.is_match(&text), "{text:?}");
            assert_eq!(numbered(&text, OPIS), opis.is_match(&text), "{text:?}");
            hits += usize::from(numbered(&text, FOND));
        }
        assert!(hits > 100, "{hits}");
    }

    fn block(text: &str) -> Block {
        let source = super::super::input::decode(text.as_bytes()).unwrap();
        super::super::segment::blocks(&source).remove(0)
    }

    #[test]
    fn lists_after_an_introduction() {
        let b = block("We ask:\n1. one;\n   a) sub;\n2. two.");
        let (intro, items) = list_items(&b).unwrap();
        assert_eq!(intro, Some((0, 7)));
        let ns: Vec<_> = items.iter().map(|i| i.2.as_str()).collect();
        assert_eq!(ns, ["1", "a", "2"]);
        // one numbered line after text, or a list not starting at 1/a: a paragraph
        assert!(list_items(&block("In the year\n1. only one")).is_none());
        assert!(list_items(&block("Text\n3. three\n4. four")).is_none());
        let (_, items) = list_items(&block("(a) one\n(b) two")).unwrap();
        assert_eq!(items[1].2, "b");
    }

    #[test]
    fn quotation_closings() {
        let dq = ('"', '"');
        let curly = ('“', '”');
        let guil = ('«', '»');
        assert!(closes_quote("Mao Zedong\".", dq));
        assert!(closes_quote("14 January 1949\"  ", dq));
        assert!(closes_quote("FILIPPOV [Stalin].”", curly));
        assert!(closes_quote("KIM IL SUNG».", guil));
        assert!(closes_quote("13.1.51”.", curly));
        // a quotation opened and closed in the block closes nothing
        assert!(!closes_quote("He called it \"the plan\".", dq));
        assert!(!closes_quote("the “plan”.", curly));
        assert!(!closes_quote("Mao Zedong\". ROSHCHIN", dq));
    }

    #[test]
    fn page_break_run_on() {
        assert!(runs_on(&block("and mainly construction of")));
        assert!(runs_on(&block("Your telegram of")));
        assert!(runs_on(&block(
            "We ask you to send the group of bridge specialists for the repair"
        )));
        for t in [
            "Extremely urgent",
            "Copy N 9 to Cde. Khrushchev",
            "Making copies is prohibited",
            "The telegram was received.",
        ] {
            assert!(!runs_on(&block(t)), "{t}");
        }
    }

    #[test]
    fn relay_formulas() {
        let quote = block("\"Comrade Filippov!");
        let f = |t: &str, next| relayed_sender(t, next);
        assert_eq!(
            f("I am forwarding the telegram of Kim Il Sung:", None).as_deref(),
            Some("Kim Il Sung")
        );
        assert_eq!(
            f("I transmit the telegram received from Kim Il Sung:", None).as_deref(),
            Some("Kim Il Sung")
        );
        assert_eq!(
            f(
                "Mao Zedong asks to transmit to you the following.",
                Some(&quote)
            )
            .as_deref(),
            Some("Mao Zedong")
        );
        assert_eq!(
            f("Chairman Mao Zedong has asked me to forward:", None).as_deref(),
            Some("Mao Zedong")
        );
        // no message follows: no relay
        assert_eq!(
            f(
                "I am transmitting the telegram of Comrade Peng Dehuai to you.",
                None
            ),
            None
        );
        assert_eq!(
            f(
                "I received the following telegram from Li Kenong addressed to you.",
                None
            )
            .as_deref(),
            Some("Li Kenong")
        );
    }
}
