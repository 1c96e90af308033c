//! Header fields: the lines before the message (agency, document type and
//! number, distribution list, `From`, `Received`, `Sent`, `Transmitted`,
//! series, priority, address and addressee). A block belongs to the header
//! when it is made of fields and nothing else; several fields may share a
//! line, and one field may run over a line break. Lines that carry no fact
//! count as fields so that the header goes on after them: agency
//! abbreviations (`MFA USSR`), registry numbers and bracketed notes at the
//! top, formulas (`Making copies is prohibited`), the cipher office's log
//! lines (`Deciphered by ... on 10/14/50 at 7:45 a.m.`), rules. A line that
//! opens with a field's word but goes on otherwise (`Sent to you are ...`)
//! is none, so a message's first sentence never becomes a field.

use super::dates::{self, Found};
use super::metadata::{Metadata, Role, Who};
use super::model::{Ann, Anns, Kind};
use super::names;
use regex::Regex;
use std::sync::LazyLock;

/// What a header block is, which decides its TEI element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum HeadKind {
    /// The agency line alone: `head type="agency"`.
    Agency,
    /// The document type (and number): `head type="document"`.
    Document,
    /// Addressee or salutation: `salute` in the opener.
    Salute,
    /// Anything else (distribution, place, dates, series): `dateline` in the opener.
    Dateline,
    /// Fields of several of the kinds above (the document type with the
    /// distribution list, or with the addressee): an `opener` of its own
    /// holding them inline.
    Mixed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Agency,
    DocType,
    Number,
    Copies,
    From,
    Received,
    Series,
    Priority,
    When,
    Address,
    Addressee,
    Salutation,
    /// Lines above or among the fields that carry no fact: a registry
    /// number (`113`), a formula (`Making copies is prohibited`), an
    /// editor's bracketed note (`[handwritten at the top: ...]`), a rule
    /// of underscores.
    Preamble,
    /// A log line of the cipher office (`Deciphered by Morozov on ...`).
    Log,
}

static AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A[A-Z][A-Z0-9 ,.'’()\-]*\b(?:ADMINISTRATION|STAFF|MINISTRY|COMMITTEE|DIRECTORATE|DEPARTMENT|COUNCIL|EMBASSY|COMMISSARIAT|BUREAU|SERVICE)\b[A-Z0-9 ,.'’()\-]*").unwrap()
});
static DOCTYPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A((?:[A-Z][A-Za-z\-]*[ ]){0,3}(?i:telegram))(?:[ \n](?:(?i:No\.?)|Nº|№|#):?[ ]?([0-9][0-9A-Za-z/\-]*))?").unwrap()
});
/// `CABLE Nº 25187`, `CABLE Nº: 58986`: the document type of the GRU forms,
/// only with its number (`Cable your answer` opens a message).
static CABLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A((?i:cable(?:gram)?))[ ](?:(?i:No\.?)|Nº|№|#)[ ]?:?[ ]?([0-9][0-9A-Za-z/\-]*)")
        .unwrap()
});
/// `No. 26044`, `Issuing No. 8600`.
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A(?:(?i:issuing)[ ])?(?:(?i:No\.)|Nº|№)[ ]?([0-9][0-9A-Za-z/\-]*)").unwrap()
});
static SERIES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\A(?:(?i:series)[ ](?:"[^"\n]*"|“[^”\n]*”|[A-Z]\b)(?:[ ][A-Z]\b|\n[A-Z]\.?(?m:$))?\.?|(?:Special|SPECIAL|Copy|COPY)[ ](?:(?i:No\.)|Nº|№):?[ ]?[0-9]+\.?)"#).unwrap()
});
/// `Copy Nº 1 to Cde. Stalin`, `Copy N1 to Cde. Stalin`, `Copies to Cde.
/// Stalin`, `Copy Nº: 2` / `to Cde. Stalin`: one copy of the distribution
/// and whom it went to (the name follows).
static COPY_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A(?i:copy|copies)(?:[ ](?:(?i:No\.?)|Nº|№|N)[ ]?:?[ ]?[0-9]+)?[ \n](?i:to|for)[ ](?:(?:Cde\.|Comrade|Comr\.|COMRADE)[ ])?").unwrap()
});
/// The next lines of a copy list: `Nº 2 to Cde. Stalin`, `to Cde. Molotov`.
static COPY_MORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A(?:(?:(?i:copy)[ ])?(?:(?i:No\.?)|Nº|№|N)[ ]?:?[ ]?[0-9]+[ ])?(?i:to|for)[ ](?:Cde\.|Comrade|Comr\.|COMRADE)[ ]").unwrap()
});
/// `Distribution list - 11 copies: Stalin - 2, Molotov-1, ...`: the
/// distribution of the US-style forms.
static DISTRIBUTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A(?i:distribution list)[ ]?(?:[-—–][ ]?)?(?:[0-9]+[ ](?i:copies))?:[ ]").unwrap()
});
/// One name of such a list, with its count (`Stalin - 2`, `Molotov-1`,
/// `Beria (1)`), and the comma or line end after it.
static COPY_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A([A-Z][A-Za-z'’]*(?: [A-Z][A-Za-z'’]*){0,3})(?:[ ]?-[ ]?([0-9]{1,3})|[ ]?\(([0-9]{1,3})\))?(?:, |\.?(?m:$))").unwrap()
});
/// `To No. 483/sh.`: the telegram this one answers.
static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A(?:(?i:to|re:?|reply to|in reply to))[ ](?:(?i:No\.)|Nº|№)[ ]?([0-9][0-9A-Za-z/\-]*)\.?(?m:$)").unwrap()
});
/// Formulas of the forms that carry no fact.
static FORMULA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A(?i:making copies is (?:prohibited|forbidden)|copying (?:is )?(?:prohibited|forbidden)|not to be copied|copies not to be made|by telegraph|by telegram|by wire|by radio)\.?(?m:$)").unwrap()
});
/// A bracketed note an editor put among the header lines, by its first word.
static NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A\[(?i:stamp|handwritten|translator's note|translator’s note|ed\. note|editor's note|editor’s note|note|seal|resolution)\b").unwrap()
});
static PRIORITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A(?:SPECIAL FILE|Special File|Special file|TOP PRIORITY|Top Priority|Top priority|EXTREMELY URGENT|Extremely Urgent|Extremely urgent|VERY URGENT|Very Urgent|Very urgent|URGENT|Urgent|IMMEDIATE|Immediate|SPECIAL|Special|TOP SECRET|Top Secret|Top secret|STRICTLY SECRET|Strictly Secret|Strictly secret|SECRET|Secret|PERSONAL|Personal)\b\.?").unwrap()
});
static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A([A-Z][A-Z\-]*[A-Z](?: [A-Z][A-Z\-]*[A-Z])*)(?: ?(?:—|–|--?) ?(?:(?:TO|To) )?(?:(?:COMRADE|Comrade|Cde\.) )?|, ?(?:TO|To) (?:(?:COMRADE|Comrade|Cde\.) )?|(?: ?(?:—|–|--?))?(\n)(?:TO|To) (?:(?:COMRADE|Comrade|Cde\.) )?)([A-Z][A-Z\-'’.]+(?: [A-Z][A-Z\-'’.]+)*)").unwrap()
});
/// `BEIJING - To Comrade Zakharov`, `PYONGYANG, Cde. Razuvaev`: a place
/// in capitals, then `Comrade` and the person the telegram goes through.
static ADDRESS_COMRADE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A([A-Z][A-Z\-]*[A-Z](?: [A-Z][A-Z\-]*[A-Z])*)(?: ?(?:—|–|--?) ?|, ?)(?:(?:TO|To|to) )?(?:COMRADE|Comrade|Cde\.) ").unwrap()
});
static ADDRESSEE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\A(?:To|TO|to|For|for|FOR):?[ ](?:(?i:transmit to|immediate report to)[ ])?(?:(?:(?i:comrades?)|Cde\.)[ ])?",
    )
    .unwrap()
});
/// `Moscow, to Comrade Filippov`: the place of the addressee, then the addressee.
static PLACE_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A([A-Z][A-Za-z\-]+(?: [A-Z][A-Za-z\-]+)?)(?:, ?| )(?:to|To)[ ](?:(?:Comrade|COMRADE|Cde\.)[ ])?").unwrap()
});
static SALUTATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\A(?:Dear[ ])?(?:Comrade|Comrades|COMRADE|Cde\.)[ ]").unwrap());

/// This module's patterns, to compile them ahead of the first conversion
/// (see [`super::warm_up`]).
pub(super) static PATTERNS: &[&LazyLock<Regex>] = &[
    &AGENCY,
    &DOCTYPE,
    &CABLE,
    &NUMBER,
    &SERIES,
    &COPY_TO,
    &COPY_MORE,
    &DISTRIBUTION,
    &COPY_ITEM,
    &REFERENCE,
    &FORMULA,
    &NOTE,
    &PRIORITY,
    &ADDRESS,
    &ADDRESS_COMRADE,
    &ADDRESSEE,
    &PLACE_TO,
    &SALUTATION,
];

/// First words that make `... telegram No. N` a reference in a sentence
/// (`Your telegram No. 3587 received`), not the document's type.
const NOT_A_DOCUMENT_TYPE: &[&str] = &[
    "your",
    "our",
    "my",
    "his",
    "her",
    "their",
    "this",
    "that",
    "the",
    "a",
    "an",
    "in",
    "on",
    "of",
    "by",
    "per",
    "re",
    "with",
    "to",
    "from",
    "after",
    "before",
    "regarding",
    "concerning",
    "received",
    "according",
    "see",
    "cf.",
    "last",
    "previous",
    "above",
    "same",
];

const ROLE_WORDS: &[&str] = &[
    "AMBASSADOR",
    "REPRESENTATIVE",
    "ADVISER",
    "ADVISOR",
    "ATTACHÉ",
    "ATTACHE",
    "COMMANDER",
    "CONSUL",
    "EMBASSY",
    "MISSION",
    "CHIEF",
];

const AGENCY_WORDS: &[&str] = &[
    "administration",
    "staff",
    "ministry",
    "committee",
    "directorate",
    "department",
    "council",
    "embassy",
    "commissariat",
    "bureau",
    "service",
];
const SMALL_WORDS: &[&str] = &["of", "the", "and", "for", "on", "in", "at", "to"];
/// Abbreviations an agency line is made of (`MFA USSR`, `MID USSR`).
const ACRONYMS: &[&str] = &[
    "MFA", "MID", "NKID", "GRU", "MGB", "MVD", "NKVD", "NKGB", "KGB", "USSR", "SSSR", "VKP(b)",
    "CC", "CPSU", "GS",
];
/// Of those, the ones that name an agency (one is needed).
const AGENCY_ACRONYMS: &[&str] = &[
    "MFA", "MID", "NKID", "GRU", "MGB", "MVD", "NKVD", "NKGB", "KGB",
];
/// Log lines of the cipher office, by their first word.
const LOG_WORDS: &[&str] = &[
    "arrived",
    "deciphered",
    "decoded",
    "decrypted",
    "enciphered",
    "encoded",
    "encrypted",
    "typed",
    "cabled",
    "verified",
    "registered",
];

/// `NORTH KOREA`: a place of the gazetteer, possibly after a compass word.
fn place_like(name: &str) -> bool {
    names::is_place(name)
        || name.split_once(' ').is_some_and(|(w, rest)| {
            ["north", "south", "east", "west"].contains(&w.to_lowercase().as_str())
                && names::is_place(rest)
        })
}

/// Whether a person or office is named by a function (`SOVIET AMBASSADOR`,
/// `SovAmbassador`).
fn is_role(name: &str) -> bool {
    let up = name.to_uppercase();
    up.split(' ')
        .any(|w| ROLE_WORDS.iter().any(|r| w.contains(r)))
}

/// A name run `s..e` that swallowed a priority (`RAZUVAEV TOP PRIORITY`):
/// its end before the priority.
fn cut_priority(t: &str, s: usize, e: usize) -> usize {
    let mut q = s;
    while let Some(i) = t[q..e].find(' ') {
        q += i + 1;
        if PRIORITY.is_match(&t[q..]) {
            return q - 1;
        }
    }
    e
}

/// `MFA USSR`, `MID USSR`: an agency line of abbreviations; its length.
fn acronym_agency(rest: &str) -> Option<usize> {
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let words: Vec<&str> = line.split(' ').map(|w| w.trim_end_matches('.')).collect();
    (words.iter().all(|w| ACRONYMS.contains(w))
        && words.iter().any(|w| AGENCY_ACRONYMS.contains(w)))
    .then_some(line.len())
}

/// A log line is short (sixteen words at most) and ends with its date or
/// time (`Deciphered by Morozov on 10/14/50 at 7:45 a.m.`): a sentence
/// that opens with the same word (`Sent to you are ... of 30.4.51.`) is none.
fn is_log_line(rest: &str) -> bool {
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let stamped = dates::find(line).last().is_some_and(|f| f.1 == line.len())
        || line.rsplit_once("on ").is_some_and(|(_, d)| {
            dates::us_date_at_start(d).is_some_and(|(len, _)| len == d.len())
        });
    // `Sent to the 8th Department`, `Deciphered by Morozov`, `Arrived at
    // the 8D/GS`: a name or number after the prepositions
    let named = line
        .split(' ')
        .skip(1)
        .find(|w| !["by", "to", "at", "in", "the", "on"].contains(w))
        .is_some_and(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()));
    line.split(' ').count() <= 16 && stamped && named
}

/// A rule of underscores, dashes or equals signs alone on its line; its length.
fn rule_line(rest: &str) -> Option<usize> {
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    (line.len() >= 3
        && line
            .chars()
            .all(|c| matches!(c, '_' | '-' | '=' | '—' | '–' | '*')))
    .then_some(line.len())
}

/// `Second Main Administration of the General Staff of the Soviet Army`: an
/// agency line in title case (capitalised words and small words only, with
/// an agency word; two words when the second is the agency word: `Tenth
/// Department`), possibly followed by an editor's bracket (`... Soviet Army
/// [Translator's note: ...]`) or by a field on the same line (`Tenth
/// Department Received 18:35 ...`): the length of the agency's name and of
/// the field it makes.
fn title_case_agency(rest: &str) -> Option<(usize, usize)> {
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let body = match line.find(" [") {
        Some(i) if line.ends_with(']') => &line[..i],
        _ => line,
    };
    let words: Vec<&str> = body.split(' ').collect();
    let capitalised = |w: &str| {
        // `10th Department`: an ordinal as well
        let ordinal = w.starts_with(|c: char| c.is_ascii_digit())
            && ["st", "nd", "rd", "th"].iter().any(|s| w.ends_with(s))
            && w.trim_end_matches(char::is_alphabetic)
                .bytes()
                .all(|b| b.is_ascii_digit());
        ordinal
            || w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| {
                    c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | ',' | '.' | '(' | ')')
                })
    };
    let agency_word = |w: &str| {
        let w = w.trim_end_matches([',', '.']).to_lowercase();
        AGENCY_WORDS.contains(&w.as_str())
    };
    if !words.first().is_some_and(|w| capitalised(w)) {
        return None;
    }
    let n = words
        .iter()
        .take_while(|w| capitalised(w) || SMALL_WORDS.contains(w))
        .count();
    if n == words.len() {
        let ok = (words.len() >= 3 || (words.len() == 2 && agency_word(words[1])))
            && words.iter().any(|w| agency_word(w));
        return ok.then_some((body.len(), line.len()));
    }
    let last = words[..n].iter().rposition(|w| agency_word(w))?;
    let after = words[last + 1..].join(" ");
    let field_follows = ["received", "sent", "from", "copies"]
        .iter()
        .any(|k| keyword(&after, k).is_some());
    if last == 0 || !field_follows {
        return None;
    }
    let len = words[..=last].join(" ").len();
    Some((len, len))
}

/// A header keyword at the start of `rest` in any letter case (`From`,
/// `FROM`, `from`), with an optional colon (`From: BEIJING`): the byte
/// length of keyword and colon, when a word boundary follows.
fn keyword(rest: &str, kw: &str) -> Option<usize> {
    let head = rest.get(..kw.len())?;
    if !head.eq_ignore_ascii_case(kw) {
        return None;
    }
    let mut end = kw.len();
    if rest[end..].starts_with(':') {
        end += 1;
    }
    boundary(rest, end).then_some(end)
}

/// ` 01.40` after `Received`: hour, minute and the length taken (the space
/// included), when the two numbers are no date (`01.40`) or a date follows
/// (`11.12 30.6.1951`).
fn dotted_time(after: &str) -> Option<(u8, u8, usize)> {
    let d = after.strip_prefix(' ')?;
    let dot = d.find('.')?;
    let (hs, rest) = (&d[..dot], &d[dot + 1..]);
    if !(1..=2).contains(&hs.len()) || !hs.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let ms = rest.get(..2)?;
    if !ms.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let len = 1 + dot + 3;
    let tail = &after[len..];
    // not the start of a longer number or date (`11.12.51`, `01.405`)
    if tail.starts_with(|c: char| c.is_alphanumeric())
        || (tail.starts_with(['.', ':']) && tail[1..].starts_with(|c: char| c.is_ascii_digit()))
    {
        return None;
    }
    let (h, m): (u8, u8) = (hs.parse().ok()?, ms.parse().ok()?);
    let date_follows = tail
        .strip_prefix([' ', '\n'])
        .is_some_and(|x| dates::find_at_start(x).is_some_and(|f| matches!(f.2, Found::Date(_))));
    (h < 24 && m < 60 && (m > 12 || date_follows)).then_some((h, m, len))
}

fn boundary(text: &str, end: usize) -> bool {
    text[end..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric())
}

struct Scan<'a> {
    text: &'a str,
    anns: Anns,
    meta: Metadata,
    fields: Vec<Field>,
    /// Where the line starts whose keyword (`Sent by wire on`, `Received in
    /// Moscow on`) allows month-first dates (`10/14/50`) after `on`.
    kw_line: Option<usize>,
}

/// Where the line holding byte `p` starts.
fn line_start_of(t: &str, p: usize) -> usize {
    t[..p].rfind('\n').map_or(0, |i| i + 1)
}

/// Where the line holding byte `p` ends.
fn line_end_of(t: &str, p: usize) -> usize {
    t[p..].find('\n').map_or(t.len(), |i| p + i)
}

impl Scan<'_> {
    /// Nothing but agency, priority, series and preamble lines so far, in
    /// this block and the blocks before: the top of the header, where a
    /// bare registry number or a bracketed note may stand.
    fn preamble_stage(&self) -> bool {
        let m = &self.meta;
        self.fields.iter().all(|f| {
            matches!(
                f,
                Field::Agency | Field::Priority | Field::Preamble | Field::Series
            )
        }) && m.doc_type.is_none()
            && m.telegram_no.is_none()
            && m.from_place.is_none()
            && m.addressee.is_none()
            && m.address_to.is_none()
            && m.received_place.is_none()
            && m.role == Role::None
    }

    /// Whether month-first dates are read at `p`: on a line whose keyword prints them.
    fn us_dates_at(&self, p: usize) -> bool {
        self.kw_line == Some(line_start_of(self.text, p))
    }

    /// Marks up the dates and times of a log line `p..` (to its end), month-first
    /// dates after `on` included, without asserting them; returns the line end.
    fn log_line(&mut self, p: usize) -> usize {
        let t = self.text;
        let e = line_end_of(t, p);
        self.seg(p, e, "log");
        let mut q = p;
        while let Some(i) = t[q..e].find("on ") {
            let at = q + i + 3;
            if let Some((len, d)) = dates::us_date_at_start(&t[at..e]) {
                self.anns.add(Ann {
                    start: at,
                    end: at + len,
                    kind: Kind::Date(d),
                });
            }
            q = at;
        }
        for (s, x, f) in dates::find(&t[p..e]) {
            let kind = match f {
                Found::Date(d) => Kind::Date(d),
                Found::Time(h, m) => Kind::Time(h, m),
            };
            self.anns.add(Ann {
                start: p + s,
                end: p + x,
                kind,
            });
        }
        self.meta.role = Role::Log;
        self.fields.push(Field::Log);
        e
    }

    /// `[handwritten at the top: ...]`, `[Stamp: SUBJECT TO RETURN` / ... /
    /// `... 13 July 1951]`: an editor's bracketed note at a line start, to
    /// the end of the line where its bracket closes (nested brackets
    /// counted; at most six lines). A note of another kind is taken only at
    /// the top of the header, and a bracket that does not close ends with
    /// its line.
    fn bracket_note(&mut self, p: usize) -> Option<usize> {
        let t = self.text;
        let rest = &t[p..];
        let keyworded = NOTE.is_match(rest);
        let elision = self
            .anns
            .iter()
            .any(|a| a.start == p && a.kind == Kind::Gap && a.end == line_end_of(t, p));
        if !keyworded && !elision && !self.preamble_stage() {
            return None;
        }
        let mut depth = 0usize;
        let mut lines = 0;
        let mut close = None;
        let mut last_close = None;
        for (i, c) in rest.char_indices() {
            match c {
                '[' => depth += 1,
                ']' => {
                    last_close = Some(i);
                    depth = depth.saturating_sub(1);
                    if depth == 0 && close.is_none() {
                        close = Some(i);
                    }
                }
                '\n' => {
                    lines += 1;
                    if lines > 5 || close.is_some() {
                        break;
                    }
                }
                _ => {}
            }
        }
        let end = match (close, last_close) {
            (Some(i), _) => line_end_of(t, p + i),
            (None, Some(i)) if keyworded => line_end_of(t, p + i),
            _ => line_end_of(t, p),
        };
        self.seg(p, end, "note");
        self.fields.push(Field::Preamble);
        Some(end)
    }

    /// `From PLACE`: the place of sending at `s..e`; the dates that follow
    /// are the sending's.
    fn sent_from(&mut self, s: usize, e: usize) {
        self.anns.add(Ann::elem(s, e, "placeName"));
        let place = &self.text[s..e];
        self.meta
            .from_place
            .get_or_insert_with(|| place.to_string());
        self.meta.role = Role::From;
        self.fields.push(Field::From);
    }

    /// A name of a copy list at `q` (ending at `ne`): marked up and
    /// recorded; the end with a stop or comma after it.
    fn copy_name(&mut self, q: usize, ne: usize) -> usize {
        let t = self.text;
        self.anns.add(Ann::elem(q, ne, "persName"));
        self.meta.copies.push((t[q..ne].to_string(), None));
        ne + usize::from(t[ne..].starts_with(['.', ',']))
    }

    fn seg(&mut self, s: usize, e: usize, ty: &str) {
        self.anns
            .add(Ann::elem_with(s, e, "seg", vec![("type", ty.into())]));
    }

    /// A name starting at `p`, with an identification bracket after it when
    /// present; returns (name end, field end).
    fn name_at(&mut self, p: usize) -> Option<(usize, usize)> {
        let ne = names::name_after(self.text, p)?;
        let ne = cut_priority(self.text, p, ne);
        if ne <= p {
            return None;
        }
        let mut end = ne;
        let rest = &self.text[ne..];
        if let Some(r) = rest.strip_prefix(" [")
            && let Some(close) = r.find(']')
            && !r[..close].contains(['[', '\n'])
        {
            let id = &r[..close];
            self.meta
                .identifications
                .push((self.text[p..ne].to_string(), id.to_string()));
            end = ne + 2 + close + 1;
        } else if let Some(r) = rest.strip_prefix(" [") {
            // `To Comrade FILIPPOV [Stalin`: a bracket left open to the end
            // of the line stays text (the bracket pass warns about it), and
            // the addressee is still the name before it.
            let line_end = r.find('\n').unwrap_or(r.len());
            if !r[..line_end].contains([']', '[']) {
                end = ne + 2 + line_end;
            }
        }
        let tag = if names::is_place(&self.text[p..ne]) {
            "placeName"
        } else {
            "persName"
        };
        self.anns.add(Ann::elem(p, ne, tag));
        Some((ne, end))
    }

    fn date_or_time(&mut self, p: usize) -> Option<usize> {
        let us = || {
            dates::us_date_at_start(&self.text[p..])
                .filter(|_| self.us_dates_at(p) && self.text[..p].ends_with("on "))
                .map(|(len, d)| (0, len, Found::Date(d)))
        };
        let (s, e, f) = dates::find_at_start(&self.text[p..]).or_else(us)?;
        let (s, e) = (p + s, p + e);
        match f {
            Found::Date(d) => {
                self.anns.add(Ann {
                    start: s,
                    end: e,
                    kind: Kind::Date(d),
                });
                match self.meta.role {
                    Role::Received if self.meta.received_date.is_none() => {
                        self.meta.received_date = Some(d)
                    }
                    Role::Transmitted if self.meta.transmitted_date.is_none() => {
                        self.meta.transmitted_date = Some(d)
                    }
                    Role::From | Role::None if self.meta.sent_date.is_none() => {
                        self.meta.sent_date = Some(d)
                    }
                    _ => {}
                }
            }
            Found::Time(h, m) => {
                self.anns.add(Ann {
                    start: s,
                    end: e,
                    kind: Kind::Time(h, m),
                });
                match self.meta.role {
                    Role::Received => self.meta.received_time = Some((h, m)),
                    Role::Transmitted => self.meta.transmitted_time = Some((h, m)),
                    Role::Log => {}
                    _ => self.meta.sent_time = Some((h, m)),
                }
            }
        }
        Some(e)
    }

    /// Tries every field at `p`; returns its end.
    fn field(&mut self, p: usize, block_start: bool) -> Option<usize> {
        let t = self.text;
        let rest = &t[p..];
        let line_start = p == 0 || t[..p].ends_with('\n');
        let line_end = rest.find('\n').unwrap_or(rest.len());
        if line_start && let Some(len) = rule_line(rest) {
            self.fields.push(Field::Preamble);
            return Some(p + len);
        }
        if line_start
            && rest.starts_with('[')
            && let Some(e) = self.bracket_note(p)
        {
            return Some(e);
        }
        // The agency line opens a header block, or follows priority,
        // agency and preamble lines (`TOP SECRET` / `SECOND MAIN
        // ADMINISTRATION ...` / ..., `MFA USSR` / `Tenth Department`).
        let agency_place = (block_start && p == 0)
            || (line_start
                && self.fields.iter().all(|f| {
                    matches!(
                        f,
                        Field::Priority
                            | Field::Agency
                            | Field::Preamble
                            | Field::Number
                            | Field::Series
                    )
                }));
        if agency_place
            && let Some((name, field)) = AGENCY
                .find(rest)
                .map(|m| m.end())
                .filter(|&m| m == line_end && rest[..line_end].split(' ').count() >= 2)
                .map(|m| (m, m))
                .or_else(|| title_case_agency(rest))
                .or_else(|| acronym_agency(rest).map(|m| (m, m)))
        {
            self.anns.add(Ann::elem(p, p + name, "orgName"));
            self.meta
                .agency
                .get_or_insert_with(|| rest[..name].to_string());
            self.fields.push(Field::Agency);
            return Some(p + field);
        }
        // `113` alone on its line at the top: a registry number
        if line_start
            && (1..=6).contains(&line_end)
            && rest[..line_end].bytes().all(|b| b.is_ascii_digit())
            && self.preamble_stage()
        {
            self.seg(p, p + line_end, "registry");
            self.fields.push(Field::Preamble);
            return Some(p + line_end);
        }
        if line_start && let Some(m) = FORMULA.find(rest) {
            self.seg(p, p + m.end(), "formula");
            self.fields.push(Field::Preamble);
            return Some(p + m.end());
        }
        // `[...]` alone on its line among the fields: the editor left a line out
        if line_start
            && let Some(g) = self
                .anns
                .iter()
                .find(|a| a.start == p && a.kind == Kind::Gap && a.end == p + line_end)
        {
            let e = g.end;
            self.fields.push(Field::Preamble);
            return Some(e);
        }
        // `CABLE Nº 25187` (always with its number), `CIPHERED TELEGRAM No. N`
        let doc = CABLE
            .captures(rest)
            .filter(|c| boundary(rest, c.get(0).unwrap().end()))
            .or_else(|| {
                DOCTYPE.captures(rest).filter(|c| {
                    // `Your telegram No. 3587 received.` opens a message, not a header
                    let first = c.get(1).unwrap().as_str();
                    let first =
                        first[..first.find([' ', '\n']).unwrap_or(first.len())].to_lowercase();
                    !NOT_A_DOCUMENT_TYPE.contains(&first.as_str())
                        && boundary(rest, c.get(0).unwrap().end())
                })
            });
        if let Some(c) = doc {
            let m = c.get(0).unwrap();
            let kind = c.get(1).unwrap();
            self.meta
                .doc_type
                .get_or_insert_with(|| kind.as_str().replace('\n', " "));
            self.seg(p, p + m.end(), "documentType");
            if let Some(n) = c.get(2) {
                self.anns.add(Ann::elem_with(
                    p + n.start(),
                    p + n.end(),
                    "idno",
                    vec![("type", "telegram".into())],
                ));
                self.meta
                    .telegram_no
                    .get_or_insert_with(|| n.as_str().to_string());
            }
            self.fields.push(Field::DocType);
            return Some(p + m.end());
        }
        // `Copy Nº 1 to Cde. Stalin` / `Nº 2 to Cde. Stalin` / `to Cde. Molotov`
        if line_start
            && let Some(m) = COPY_TO.find(rest)
            && let Some(ne) = names::name_after(t, p + m.end())
        {
            let ends_line = |e: usize| t[e..].is_empty() || t[e..].starts_with('\n');
            let first_end = ne + usize::from(t[ne..].starts_with(['.', ',']));
            if ends_line(first_end) {
                let mut end = self.copy_name(p + m.end(), ne);
                while let Some(r) = t[end..].strip_prefix('\n') {
                    let q = end + 1;
                    let Some(m2) = COPY_MORE.find(r) else { break };
                    let Some(ne2) = names::name_after(t, q + m2.end()) else {
                        break;
                    };
                    let e2 = ne2 + usize::from(t[ne2..].starts_with(['.', ',']));
                    if !ends_line(e2) {
                        break;
                    }
                    end = self.copy_name(q + m2.end(), ne2);
                }
                self.seg(p, end, "distribution");
                self.fields.push(Field::Copies);
                return Some(end);
            }
        }
        if line_start && let Some(m) = DISTRIBUTION.find(rest) {
            let mut q = p + m.end();
            while let Some(c) = COPY_ITEM.captures(&t[q..]) {
                let name = c.get(1).unwrap();
                self.anns.add(Ann::elem(q, q + name.end(), "persName"));
                let count = c.get(2).or(c.get(3)).and_then(|n| n.as_str().parse().ok());
                self.meta.copies.push((name.as_str().to_string(), count));
                q += c.get(0).unwrap().end();
                if !c.get(0).unwrap().as_str().ends_with(", ") {
                    break;
                }
            }
            self.seg(p, q, "distribution");
            self.fields.push(Field::Copies);
            return Some(q);
        }
        // `To No. 483/sh.`: the telegram this one answers
        if line_start && let Some(c) = REFERENCE.captures(rest) {
            let n = c.get(1).unwrap();
            let m = c.get(0).unwrap();
            self.anns.add(Ann::elem_with(
                p + n.start(),
                p + n.end(),
                "idno",
                vec![("type", "reference".into())],
            ));
            self.seg(p, p + m.end(), "reference");
            self.fields.push(Field::When);
            return Some(p + m.end());
        }
        if let Some(m) = SERIES.find(rest) {
            self.seg(p, p + m.end(), "series");
            self.meta.series.push(m.as_str().to_string());
            self.fields.push(Field::Series);
            return Some(p + m.end());
        }
        if let Some(c) = NUMBER.captures(rest) {
            let m = c.get(0).unwrap();
            if boundary(rest, m.end()) {
                let n = c.get(1).unwrap();
                let ty = if self.meta.role == Role::From || self.meta.telegram_no.is_some() {
                    "outgoing"
                } else {
                    self.meta.telegram_no = Some(n.as_str().to_string());
                    "telegram"
                };
                self.anns.add(Ann::elem_with(
                    p + n.start(),
                    p + n.end(),
                    "idno",
                    vec![("type", ty.into())],
                ));
                self.fields.push(Field::Number);
                return Some(p + m.end());
            }
        }
        if let Some(m) = PRIORITY.find(rest) {
            self.seg(p, p + m.end(), "priority");
            self.meta.priority.push(m.as_str().to_string());
            self.fields.push(Field::Priority);
            return Some(p + m.end());
        }
        if let Some(after) = keyword(rest, "copies")
            .filter(|&k| rest[..k].ends_with(':'))
            .map(|k| &rest[k..])
        {
            let mut q = p + (rest.len() - after.len());
            let mut end = q;
            loop {
                let skip = t[q..].len() - t[q..].trim_start_matches([' ', '\n']).len();
                let Some(ne) = names::name_after(t, q + skip) else {
                    break;
                };
                let start = q + skip;
                let name = t[start..ne].to_string();
                self.anns.add(Ann::elem(start, ne, "persName"));
                end = ne;
                let mut count = None;
                let r = &t[ne..];
                let digits = r
                    .strip_prefix(" (")
                    .or_else(|| r.strip_prefix('('))
                    .and_then(|x| x.split_once(')'))
                    .filter(|(d, _)| {
                        !d.is_empty() && d.len() < 4 && d.bytes().all(|b| b.is_ascii_digit())
                    });
                if let Some((d, _)) = digits {
                    count = d.parse().ok();
                    end = ne + r.find(')').unwrap() + 1;
                }
                self.meta.copies.push((name, count));
                if let Some(x) = t[end..]
                    .strip_prefix(", ")
                    .or_else(|| t[end..].strip_prefix(" and "))
                    .or_else(|| t[end..].strip_prefix(",\n"))
                {
                    q = t.len() - x.len();
                } else {
                    break;
                }
            }
            self.seg(p, end, "distribution");
            self.fields.push(Field::Copies);
            return Some(end);
        }
        if let Some(after) = keyword(rest, "from").and_then(|k| rest[k..].strip_prefix(' ')) {
            let q = p + (rest.len() - after.len());
            // `from [BEIJING] received ...`: a place the editor supplied
            if after.starts_with('[')
                && let Some(close) = after.find(']')
                && let Some(ne) = names::name_after(&t[..q + close], q + 1)
                && ne == q + close
            {
                self.sent_from(q + 1, ne);
                return Some(ne + 1);
            }
            // `From Correspondent 20 Sent ...`: a code for the sender, no place
            let code = after.strip_prefix("Correspondent ").map_or(0, |r| {
                let n = r.bytes().take_while(u8::is_ascii_digit).count();
                if boundary(r, n) { n } else { 0 }
            });
            if code > 0 {
                let e = q + "Correspondent ".len() + code;
                self.seg(q, e, "sender");
                self.meta.role = Role::From;
                self.fields.push(Field::From);
                return Some(e);
            }
            // `From Pyongyang.Sent 31.8.50 11:32`: no space after the stop
            let word = &after[..after.find([' ', '\n']).unwrap_or(after.len())];
            if let Some((place, next)) = word.split_once('.')
                && names::is_name_word(place)
                && (keyword(next, "sent").is_some() || keyword(next, "received").is_some())
            {
                self.sent_from(q, q + place.len());
                return Some(q + place.len());
            }
            if let Some(ne) = names::name_after(t, q) {
                self.sent_from(q, ne);
                return Some(ne);
            }
        }
        // `Sent 14:00 2.7.1951`: the dates that follow are the sending's
        if let Some(kw_len) = keyword(rest, "sent").or_else(|| keyword(rest, "dispatched"))
            && !(rest[kw_len..].starts_with(" to ") && !(line_start && is_log_line(rest)))
        {
            // `Sent to the 8th Department ... 31.8 17:35`: passed on inside
            // the receiving office, no sending (and never the sending when
            // it is no log line)
            if rest[kw_len..].starts_with(" to ") {
                return Some(self.log_line(p));
            }
            // `Received on 4:10 am, 14 May 1950` / `Sent on 5:30 am, ...`: a
            // receipt printed before the sending is the cipher office's
            // intake of the text, not its delivery
            let m = &mut self.meta;
            if m.sent_date.is_none()
                && m.sent_time.is_none()
                && (m.received_date.is_some() || m.received_time.is_some())
            {
                m.received_date = None;
                m.received_time = None;
            }
            let mut end = p + kw_len;
            // `Sent by wire on 10/14/50 at 03:15 a.m.`
            for how in [" by wire", " by telegraph", " by radio"] {
                if t[end..].starts_with(how) && boundary(t, end + how.len()) {
                    end += how.len();
                }
            }
            self.meta.role = Role::From;
            self.kw_line = Some(line_start_of(t, p));
            self.fields.push(Field::From);
            return Some(end);
        }
        // `Transmitted 22:55 16.2.51`: the transmission's time and date
        if let Some(kw_len) = keyword(rest, "transmitted")
            && rest[kw_len..]
                .trim_start_matches(' ')
                .trim_start_matches("at ")
                .trim_start_matches("on ")
                .starts_with(|c: char| c.is_ascii_digit())
        {
            self.meta.role = Role::Transmitted;
            self.kw_line = Some(line_start_of(t, p));
            self.fields.push(Field::When);
            return Some(p + kw_len);
        }
        // `Deciphered by Morozov on 10/14/50 at 7:45 a.m.`, `Arrived at the
        // 8D/GS on ...`: the cipher office's log, not the telegram's journey
        if line_start
            && let Some(w) = LOG_WORDS.iter().find(|w| keyword(rest, w).is_some())
            && rest[w.len()..].starts_with(' ')
            && is_log_line(rest)
        {
            return Some(self.log_line(p));
        }
        if let Some(kw_len) = keyword(rest, "received") {
            {
                self.meta.role = Role::Received;
                self.kw_line = Some(line_start_of(t, p));
                self.fields.push(Field::Received);
                let mut end = p + kw_len;
                // `Received in Moscow on ...`: where it was received
                let q = end + 4;
                if t[end..].starts_with(" in ")
                    && let Some(ne) = names::name_after(t, q)
                {
                    self.anns.add(Ann::elem(q, ne, "placeName"));
                    self.meta
                        .received_place
                        .get_or_insert_with(|| t[q..ne].to_string());
                    end = ne;
                }
                // `received at 1940 24 October 1951`
                if let Some(d) = t[end..].strip_prefix(" at ")
                    && d.len() >= 4
                    && d.as_bytes()[..4].iter().all(u8::is_ascii_digit)
                    && boundary(d, 4)
                {
                    end += 3;
                }
                // "Received 0140": four digits read as a time only here
                if let Some(d) = t[end..].strip_prefix(' ')
                    && d.len() >= 4
                    && d.as_bytes()[..4].iter().all(u8::is_ascii_digit)
                    && boundary(d, 4)
                {
                    let (h, m) = (
                        d[..2].parse().unwrap_or(99u8),
                        d[2..4].parse().unwrap_or(99u8),
                    );
                    if h < 24 && m < 60 {
                        self.anns.add(Ann {
                            start: end + 1,
                            end: end + 5,
                            kind: Kind::Time(h, m),
                        });
                        self.meta.received_time = Some((h, m));
                        end += 5;
                    }
                } else if let Some((h, m, len)) = dotted_time(&t[end..]) {
                    // "Received 01.40": a time with a dot, read as one only
                    // here, and only when it cannot be a date or a date follows
                    self.anns.add(Ann {
                        start: end + 1,
                        end: end + len,
                        kind: Kind::Time(h, m),
                    });
                    self.meta.received_time = Some((h, m));
                    end += len;
                }
                return Some(end);
            }
        }
        // `Destination: PEKING`: the place the telegram goes to
        if let Some(k) = keyword(rest, "destination").filter(|&k| rest[..k].ends_with(':')) {
            let q = p + k + usize::from(rest[k..].starts_with(' '));
            if let Some(ne) = names::name_after(t, q) {
                self.anns.add(Ann::elem(q, ne, "placeName"));
                self.meta
                    .received_place
                    .get_or_insert_with(|| t[q..ne].to_string());
                self.fields.push(Field::Address);
                return Some(ne);
            }
        }
        // `To Whom: SovAmbassador`: the person or office it goes through
        if let Some(k) = keyword(rest, "to whom").filter(|&k| rest[..k].ends_with(':')) {
            let mut q = p + k + usize::from(rest[k..].starts_with(' '));
            for title in ["Comrade ", "COMRADE ", "Cde. "] {
                if t[q..].starts_with(title) {
                    q += title.len();
                }
            }
            // the rest of the line, a function (`Soviet Ambassador`,
            // `SovAmbassador`) or a name of capitalised words
            let le = line_end_of(t, q);
            let ne = le - t[q..le].len() + t[q..le].trim_end_matches(['.', ',']).len();
            let value = &t[q..ne];
            let words = value.split(' ').count();
            let capitalised = value.split(' ').all(|w| {
                w.starts_with(|c: char| c.is_uppercase()) && w.chars().all(char::is_alphabetic)
            });
            if ne > q && words <= 4 && capitalised {
                let name = value.to_string();
                let role = is_role(&name);
                self.anns
                    .add(Ann::elem(q, ne, if role { "roleName" } else { "persName" }));
                self.meta.address_to = Some(Who { name, role });
                self.fields.push(Field::Address);
                return Some(ne + usize::from(t[ne..].starts_with(['.', ','])));
            }
        }
        // `Date: 30.6.1951`
        let at = keyword(rest, "date")
            .filter(|&k| rest[..k].ends_with(':'))
            .map_or(p, |k| p + k + usize::from(rest[k..].starts_with(' ')));
        if let Some(e) = self.date_or_time(at) {
            self.fields.push(Field::When);
            return Some(e);
        }
        // `TO BEIJING, KRASOVSKY`: the place of the address, then the person
        // it goes through (or to)
        if let Some(m) = ADDRESSEE.find(rest)
            && let Some(pe) = names::name_after(t, p + m.end())
            && place_like(&t[p + m.end()..pe])
            && let Some(after) = [", To ", ", TO ", ", ", " - ", " To ", " TO "]
                .iter()
                .find_map(|sep| t[pe..].strip_prefix(sep))
            && let Some(ne) = names::name_after(t, t.len() - after.len())
                .map(|ne| cut_priority(t, t.len() - after.len(), ne))
            && ne > t.len() - after.len()
        {
            let q = t.len() - after.len();
            let to_text = t[q..ne].trim_end_matches('.');
            self.anns.add(Ann::elem(p + m.end(), pe, "placeName"));
            let role = to_text.split(' ').any(|w| ROLE_WORDS.contains(&w));
            self.anns.add(Ann::elem(
                q,
                q + to_text.len(),
                if role { "roleName" } else { "persName" },
            ));
            self.meta
                .received_place
                .get_or_insert_with(|| t[p + m.end()..pe].to_string());
            self.meta.address_to = Some(Who {
                name: to_text.to_string(),
                role,
            });
            self.fields.push(Field::Address);
            return Some(ne + usize::from(t[ne..].starts_with(['.', '!', ',', ':'])));
        }
        if let Some(m) = ADDRESSEE.find(rest)
            && let Some((ne, end)) = self.name_at(p + m.end())
        {
            let who = Who {
                name: t[p + m.end()..ne].to_string(),
                role: false,
            };
            let prior = self.meta.addressee.is_some();
            let first = who.clone();
            if self.meta.address_pending && !prior {
                // `BEIJING--` / `TO KRASOVSKY`: the telegram goes through
                // the person named after the place
                self.meta.address_pending = false;
                self.meta.address_to = Some(who);
            } else {
                self.meta.addressee.get_or_insert(who);
            }
            let mut end = end;
            // `To Comrades STALIN and MOLOTOV`: every name is marked up; the
            // first is the addressee
            while let Some(r) = t[end..]
                .strip_prefix(", ")
                .or_else(|| t[end..].strip_prefix(" and "))
                .or_else(|| t[end..].strip_prefix(", and "))
            {
                let q = t.len() - r.len();
                let q = q + SALUTATION.find(&t[q..]).map_or(0, |m| m.end());
                match self.name_at(q) {
                    Some((_, e)) => end = e,
                    None => break,
                }
            }
            // `To Comrade KRASOVSKY for Comrade MAO ZEDONG`: through the first
            if let Some(r) = t[end..]
                .strip_prefix(" for ")
                .or_else(|| t[end..].strip_prefix(", for "))
            {
                let q = t.len() - r.len();
                let q = q + SALUTATION.find(&t[q..]).map_or(0, |m| m.end());
                if let Some((ne2, e)) = self.name_at(q) {
                    if !prior {
                        self.meta.address_to = Some(first);
                        self.meta.addressee = Some(Who {
                            name: t[q..ne2].to_string(),
                            role: false,
                        });
                    }
                    end = e;
                }
            }
            if m.as_str().to_lowercase().contains("transmit") {
                self.meta.transmit = true;
                // `To transmit to Comrade MAO ZEDONG the following:`
                if let Some(x) = t[end..].strip_prefix(" the following") {
                    end = t.len() - x.len();
                }
            }
            let end = end + usize::from(t[end..].starts_with(['.', '!', ',', ':']));
            self.fields.push(Field::Addressee);
            return Some(end);
        }
        if let Some(m) = SALUTATION.find(rest)
            && let Some((ne, end)) = self.name_at(p + m.end())
        {
            if self.meta.addressee.is_none() {
                let who = Who {
                    name: t[p + m.end()..ne].to_string(),
                    role: false,
                };
                self.meta.addressee = Some(who);
            }
            let end = end + usize::from(t[end..].starts_with(['.', '!', ',', ':']));
            self.fields.push(Field::Salutation);
            return Some(end);
        }
        if let Some(c) = PLACE_TO.captures(rest) {
            let place = c.get(1).unwrap();
            let m = c.get(0).unwrap();
            if names::is_place(place.as_str()) {
                // name_at changes nothing when no name follows
                if let Some((ne, end)) = self.name_at(p + m.end()) {
                    self.anns
                        .add(Ann::elem(p + place.start(), p + place.end(), "placeName"));
                    self.meta
                        .received_place
                        .get_or_insert_with(|| place.as_str().to_string());
                    let who = Who {
                        name: t[p + m.end()..ne].to_string(),
                        role: false,
                    };
                    self.meta.addressee.get_or_insert(who);
                    let end = end + usize::from(t[end..].starts_with(['.', '!', ',', ':']));
                    self.fields.push(Field::Addressee);
                    return Some(end);
                }
            }
        }
        // `BEIJING - To Comrade Zakharov`: after `Comrade` the name may be
        // in mixed case
        if let Some(c) = ADDRESS_COMRADE.captures(rest)
            && let Some(ne) = names::name_after(t, p + c.get(0).unwrap().end())
            && ne == p + line_end - usize::from(rest[..line_end].ends_with(['.', ',']))
        {
            let place = c.get(1).unwrap();
            let q = p + c.get(0).unwrap().end();
            if place_like(place.as_str()) || place.as_str() == place.as_str().to_uppercase() {
                self.anns
                    .add(Ann::elem(p + place.start(), p + place.end(), "placeName"));
                self.anns.add(Ann::elem(q, ne, "persName"));
                self.meta
                    .received_place
                    .get_or_insert_with(|| place.as_str().to_string());
                self.meta.address_to = Some(Who {
                    name: t[q..ne].to_string(),
                    role: false,
                });
                self.fields.push(Field::Address);
                return Some(p + line_end);
            }
        }
        if let Some(c) = ADDRESS.captures(rest) {
            let m = c.get(0).unwrap();
            let place = c.get(1).unwrap();
            // `BEIJING` / `TO COMRADE KRASOVSKY`: the place alone on its
            // line (a known place), the intermediary on the next
            let own_line = c.get(2).is_some();
            let to = c.get(3).unwrap();
            let line_end = rest[to.start()..]
                .find('\n')
                .map_or(rest.len(), |i| to.start() + i);
            let to_text = to.as_str().trim_end_matches('.');
            if (!own_line || names::is_place(place.as_str()))
                && (m.end() == line_end || boundary(rest, m.end()) && m.end() <= line_end)
            {
                self.anns
                    .add(Ann::elem(p + place.start(), p + place.end(), "placeName"));
                let role = to_text.split(' ').any(|w| ROLE_WORDS.contains(&w));
                let tag = if role { "roleName" } else { "persName" };
                self.anns.add(Ann::elem(
                    p + to.start(),
                    p + to.start() + to_text.len(),
                    tag,
                ));
                self.meta
                    .received_place
                    .get_or_insert_with(|| place.as_str().to_string());
                self.meta.address_to = Some(Who {
                    name: to_text.to_string(),
                    role,
                });
                self.fields.push(Field::Address);
                return Some(p + m.end());
            }
        }
        // `BEIJING--` or `BEIJING —` ending its line: the place the
        // telegram goes to; the person it goes through follows on the next
        // line or in the next block (`TO KRASOVSKY`)
        let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
        let bare = line.trim_end_matches(['-', '—', '–', ' ']);
        if !bare.is_empty()
            && line[bare.len()..].contains(['-', '—', '–'])
            && (names::is_place(bare)
                || bare
                    .split(' ')
                    .all(|w| w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase() || c == '-')))
        {
            self.anns.add(Ann::elem(p, p + bare.len(), "placeName"));
            self.meta
                .received_place
                .get_or_insert_with(|| bare.to_string());
            self.meta.address_pending = true;
            self.fields.push(Field::Address);
            return Some(p + line.len());
        }
        // `FENG XI [Stalin]` alone on its line after the header's facts: the
        // addressee, printed without `To`
        let facts = self.meta.doc_type.is_some()
            || self.meta.telegram_no.is_some()
            || self.meta.from_place.is_some()
            || self.meta.role != Role::None;
        if line_start
            && facts
            && self.meta.addressee.is_none()
            && self.meta.address_to.is_none()
            && line.contains(" [")
            && line.ends_with(']')
            && let Some(ne) = names::name_after(t, p)
            && t[p..ne].split(' ').all(names::is_caps_word)
            && !place_like(&t[p..ne])
            && t[ne..].starts_with(" [")
        {
            let id = &line[ne - p + 2..];
            if !id[..id.len() - 1].contains(['[', ']'])
                && let Some((ne, end)) = self.name_at(p)
            {
                self.meta.addressee = Some(Who {
                    name: t[p..ne].to_string(),
                    role: false,
                });
                self.fields.push(Field::Addressee);
                return Some(end);
            }
        }
        None
    }
}

/// A recognised header block.
#[derive(Clone, Debug)]
pub(crate) struct HeaderBlock {
    /// Which element it becomes.
    pub kind: HeadKind,
    /// Its inline markup (brackets included).
    pub anns: Anns,
    /// Whether every word of the block belongs to a field.
    pub complete: bool,
    /// For a partial block, where the last line before the first word that
    /// is no field ends (0 when that word is on the first line).
    pub lines_done: usize,
}

/// Reads `text` as a header block, given the annotations its brackets already
/// made. Returns `None` (and leaves `meta` alone) unless the block starts
/// with a field; `complete` tells whether every word is part of one.
pub(crate) fn parse(text: &str, anns: &Anns, meta: &mut Metadata) -> Option<HeaderBlock> {
    let mut scan = Scan {
        text,
        anns: anns.clone(),
        meta: meta.clone(),
        fields: Vec::new(),
        kw_line: None,
    };
    let mut p = 0;
    let mut complete = true;
    let mut lines_done = 0;
    loop {
        let skip = text[p..].len()
            - text[p..]
                .trim_start_matches([' ', '\n', ',', ';', '.', ':'])
                .len();
        p += skip;
        if p >= text.len() {
            break;
        }
        // `Received 11:20 on 30.6.1951`, `received 30.6.1951 at 11:20`:
        // a connective before a date or time
        if !scan.fields.is_empty()
            && let Some(r) = ["at ", "on ", "AT ", "ON "]
                .iter()
                .find_map(|w| text[p..].strip_prefix(w))
            && (dates::find_at_start(r).is_some()
                || (scan.us_dates_at(p) && dates::us_date_at_start(r).is_some()))
        {
            p = text.len() - r.len();
        }
        // an editorial bracket between fields (`No. 8803 [...] Copies: ...`,
        // `[illegible]`) belongs to no field and ends none
        let note_line = (p == 0 || text[..p].ends_with('\n')) && NOTE.is_match(&text[p..]);
        if !scan.fields.is_empty()
            && !note_line
            && let Some(b) = anns.iter().find(|a| {
                a.start == p
                    && a.end <= text.len()
                    && matches!(a.kind, Kind::Gap | Kind::Supplied | Kind::IdNote)
            })
        {
            p = b.end;
            continue;
        }
        match scan.field(p, scan.fields.is_empty()) {
            // `For immediate report to comrade Filippov [Stalin].x/`: a
            // footnote mark after a field is part of it
            Some(e) => {
                p = e;
                let r = text[p..].trim_start_matches('.');
                if r.starts_with("x/") && boundary(r, 2) {
                    p = text.len() - r.len() + 2;
                }
            }
            // Fields, then words that are none: a partial header block,
            // which the caller accepts only when a header block follows.
            None if !scan.fields.is_empty() => {
                complete = false;
                lines_done = text[..p].rfind('\n').unwrap_or(0);
                break;
            }
            None => return None,
        }
    }
    // Preamble lines (registry numbers, formulas, notes) do not decide
    // the element; a block of them only is an opener of its own.
    let f: Vec<Field> = scan
        .fields
        .iter()
        .copied()
        .filter(|x| *x != Field::Preamble)
        .collect();
    let kind = if f.is_empty() {
        HeadKind::Mixed
    } else if f.iter().all(|x| *x == Field::Agency) {
        HeadKind::Agency
    } else if f
        .iter()
        .all(|x| matches!(x, Field::Agency | Field::DocType | Field::Number))
    {
        HeadKind::Document
    } else if f
        .iter()
        .all(|x| matches!(x, Field::Addressee | Field::Salutation | Field::Address))
    {
        HeadKind::Salute
    } else {
        let heading = f
            .iter()
            .any(|x| matches!(x, Field::Agency | Field::DocType));
        let salute = f
            .iter()
            .any(|x| matches!(x, Field::Addressee | Field::Salutation | Field::Address));
        if heading || salute {
            HeadKind::Mixed
        } else {
            HeadKind::Dateline
        }
    };
    *meta = scan.meta;
    Some(HeaderBlock {
        kind: if complete { kind } else { HeadKind::Dateline },
        anns: scan.anns,
        complete,
        lines_done,
    })
}
