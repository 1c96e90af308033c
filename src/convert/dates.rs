//! Dates and times as the telegrams print them: `30.6.1951`, `21.6.51`,
//! `30.6`, `13.June.1951`, `30 June 1951`, `12 August 4:00`; times `11:20`,
//! `0140` (after `Received` only), `20 hours 05 minutes`. Two-digit years are
//! of the 1900s (the archive's telegrams are Soviet-era).

use super::model::DateVal;
use regex::Regex;
use std::sync::LazyLock;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Roman-numeral months (`30.VI.1951`), in the order a reader tries them.
const ROMAN_TRIED: [&str; 12] = [
    "XII", "XI", "X", "IX", "VIII", "VII", "VI", "V", "IV", "III", "II", "I",
];
const ROMAN_MONTHS: [&str; 12] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
];
/// `10/14/50`, `10/14/1950`: month first, as US forms print dates. Read only
/// after the header keywords that print them (`Sent by wire on ...`), never
/// in running text, where `1/6` may be day first.
static US_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\A([0-9]{1,2})/([0-9]{1,2})/([0-9]{4}|[0-9]{2})").unwrap());

/// This module's patterns, to compile them ahead of the first conversion
/// (see [`super::warm_up`]).
pub(super) static PATTERNS: &[&LazyLock<Regex>] = &[&US_DATE];

/// A byte range of the text.
type Range = (usize, usize);

/// A date form read at a position (see [`scan`]).
type Form = fn(&[u8], usize) -> Option<Caps>;

/// What one of the date forms matched at a position: the groups of the
/// form's pattern (0: the whole match), as byte ranges.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Caps {
    groups: [Option<(usize, usize)>; 6],
}

impl Caps {
    fn at(start: usize, end: usize) -> Self {
        let mut c = Caps::default();
        c.groups[0] = Some((start, end));
        c
    }

    fn start(&self) -> usize {
        self.groups[0].map_or(0, |g| g.0)
    }

    fn end(&self) -> usize {
        self.groups[0].map_or(0, |g| g.1)
    }

    fn set_end(&mut self, end: usize) {
        self.groups[0] = Some((self.start(), end));
    }

    /// Ends the match at `e`, or after the time that follows there
    /// (`[ \n]([0-9]{1,2}):([0-9]{2})`, groups 4 and 5).
    fn with_time(mut self, b: &[u8], e: usize) -> Self {
        match time_after(b, e) {
            Some((h, m, end)) => {
                self.groups[4] = Some(h);
                self.groups[5] = Some(m);
                self.set_end(end);
            }
            None => self.set_end(e),
        }
        self
    }

    fn get<'t>(&self, text: &'t str, k: usize) -> Option<&'t str> {
        self.groups[k].map(|(a, b)| &text[a..b])
    }

    /// The number in group `k` (0 when it is absent or too long).
    fn num(&self, text: &str, k: usize) -> u8 {
        self.get(text, k).and_then(|x| x.parse().ok()).unwrap_or(0)
    }
}

// The date forms, each read at one position the way a regular expression
// engine reads its pattern: `[0-9]{1,2}` takes two digits when what must
// follow still matches, else one; optional parts are taken when they
// match. The pattern of each is in its comment; `tests::scanners_match_
// their_patterns` compares them with the patterns on generated text.

fn digits(b: &[u8], i: usize, n: usize) -> bool {
    b.len() >= i + n && b[i..i + n].iter().all(u8::is_ascii_digit)
}

fn sep(b: &[u8], i: usize) -> bool {
    matches!(b.get(i), Some(b' ' | b'\n'))
}

/// An English month name at `i`, any ASCII case: its length.
fn month_at(b: &[u8], i: usize) -> Option<usize> {
    // most letters start no month name
    let first = b.get(i)?.to_ascii_lowercase();
    if !matches!(first, b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd') {
        return None;
    }
    MONTHS
        .iter()
        .filter(|m| m.as_bytes()[0] == first)
        .find(|m| b.len() >= i + m.len() && b[i..i + m.len()].eq_ignore_ascii_case(m.as_bytes()))
        .map(|m| m.len())
}

/// `[ \n]([0-9]{1,2}):([0-9]{2})` at `i`: hour, minute, end.
fn time_after(b: &[u8], i: usize) -> Option<(Range, Range, usize)> {
    if !sep(b, i) {
        return None;
    }
    let q = i + 1;
    [2, 1].into_iter().find_map(|n| {
        (digits(b, q, n) && b.get(q + n) == Some(&b':') && digits(b, q + n + 1, 2)).then_some((
            (q, q + n),
            (q + n + 1, q + n + 3),
            q + n + 3,
        ))
    })
}

/// `(?i)([0-9]{1,2})(?:[ \n]|\.)(MONTH)(?:(?:[ \n]|\.)([0-9]{4}))?(?:[ \n]([0-9]{1,2}):([0-9]{2}))?`
fn named_at(b: &[u8], s: usize) -> Option<Caps> {
    [2, 1].into_iter().find_map(|n| {
        let p = s + n;
        if !digits(b, s, n) || !(sep(b, p) || b.get(p) == Some(&b'.')) {
            return None;
        }
        let ml = month_at(b, p + 1)?;
        let mut c = Caps::at(s, p + 1 + ml);
        c.groups[1] = Some((s, p));
        c.groups[2] = Some((p + 1, p + 1 + ml));
        let mut e = p + 1 + ml;
        if (sep(b, e) || b.get(e) == Some(&b'.')) && digits(b, e + 1, 4) {
            c.groups[3] = Some((e + 1, e + 5));
            e += 5;
        }
        Some(c.with_time(b, e))
    })
}

/// `(?i)(MONTH)[ \n]([0-9]{1,2})(?:,?[ \n]([0-9]{4}))?`
fn month_first_at(b: &[u8], s: usize) -> Option<Caps> {
    let ml = month_at(b, s)?;
    let p = s + ml;
    if !sep(b, p) {
        return None;
    }
    let n = [2, 1].into_iter().find(|&n| digits(b, p + 1, n))?;
    let mut e = p + 1 + n;
    let mut c = Caps::at(s, e);
    c.groups[1] = Some((s, p));
    c.groups[2] = Some((p + 1, e));
    let q = e + usize::from(b.get(e) == Some(&b','));
    if sep(b, q) && digits(b, q + 1, 4) {
        c.groups[3] = Some((q + 1, q + 5));
        e = q + 5;
    }
    c.set_end(e);
    Some(c)
}

/// `([0-9]{1,2})\.(XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)\.([0-9]{4}|[0-9]{2})`
fn roman_at(b: &[u8], s: usize) -> Option<Caps> {
    [2, 1].into_iter().find_map(|n| {
        let p = s + n + 1;
        if !digits(b, s, n) || b.get(s + n) != Some(&b'.') {
            return None;
        }
        ROMAN_TRIED.iter().find_map(|r| {
            let q = p + r.len() + 1;
            if !(b.len() > p && b[p..].starts_with(r.as_bytes()) && b.get(q - 1) == Some(&b'.')) {
                return None;
            }
            let yl = [4, 2].into_iter().find(|&y| digits(b, q, y))?;
            let mut c = Caps::at(s, q + yl);
            c.groups[1] = Some((s, s + n));
            c.groups[2] = Some((p, p + r.len()));
            c.groups[3] = Some((q, q + yl));
            Some(c)
        })
    })
}

/// `([0-9]{1,2})\.([0-9]{1,2})(?:\.([0-9]{4}|[0-9]{2}))?(?:[ \n]([0-9]{1,2}):([0-9]{2}))?`
fn numeric_at(b: &[u8], s: usize) -> Option<Caps> {
    [2, 1].into_iter().find_map(|n| {
        let p = s + n + 1;
        if !digits(b, s, n) || b.get(s + n) != Some(&b'.') {
            return None;
        }
        let ml = [2, 1].into_iter().find(|&m| digits(b, p, m))?;
        let mut e = p + ml;
        let mut c = Caps::at(s, e);
        c.groups[1] = Some((s, s + n));
        c.groups[2] = Some((p, e));
        if b.get(e) == Some(&b'.')
            && let Some(yl) = [4, 2].into_iter().find(|&y| digits(b, e + 1, y))
        {
            c.groups[3] = Some((e + 1, e + 1 + yl));
            e += 1 + yl;
        }
        Some(c.with_time(b, e))
    })
}

/// `([0-9]{1,2})[ \n]hours?(?:[ \n]([0-9]{1,2})(?:[ \n]minutes?)?)?`
fn hours_at(b: &[u8], s: usize) -> Option<Caps> {
    [2, 1].into_iter().find_map(|n| {
        let p = s + n + 1;
        if !digits(b, s, n) || !sep(b, s + n) || !b.get(p..).is_some_and(|r| r.starts_with(b"hour"))
        {
            return None;
        }
        let mut e = p + 4;
        e += usize::from(b.get(e) == Some(&b's'));
        let mut c = Caps::at(s, e);
        c.groups[1] = Some((s, s + n));
        if sep(b, e)
            && let Some(ml) = [2, 1].into_iter().find(|&m| digits(b, e + 1, m))
        {
            c.groups[2] = Some((e + 1, e + 1 + ml));
            e += 1 + ml;
            if sep(b, e) && b.get(e + 1..).is_some_and(|r| r.starts_with(b"minute")) {
                e += 7;
                e += usize::from(b.get(e) == Some(&b's'));
            }
        }
        c.set_end(e);
        Some(c)
    })
}

/// `([0-9]{1,2}):([0-9]{2})(?:[ ]?([aApP])\.?[mM]\.?)?`
fn clock_at(b: &[u8], s: usize) -> Option<Caps> {
    [2, 1].into_iter().find_map(|n| {
        if !(digits(b, s, n) && b.get(s + n) == Some(&b':') && digits(b, s + n + 1, 2)) {
            return None;
        }
        let mut e = s + n + 3;
        let mut c = Caps::at(s, e);
        c.groups[1] = Some((s, s + n));
        c.groups[2] = Some((s + n + 1, e));
        let q = e + usize::from(b.get(e) == Some(&b' '));
        if matches!(b.get(q), Some(b'a' | b'A' | b'p' | b'P')) {
            let r = q + 1 + usize::from(b.get(q + 1) == Some(&b'.'));
            if matches!(b.get(r), Some(b'm' | b'M')) {
                c.groups[3] = Some((q, q + 1));
                e = r + 1 + usize::from(b.get(r + 1) == Some(&b'.'));
            }
        }
        c.set_end(e);
        Some(c)
    })
}

/// Every match of a form in `text`, left to right, not overlapping (the
/// next is looked for after the end of the last), as a regular
/// expression's `captures_iter` gives them. Forms start with a digit or,
/// `digit` false, an ASCII letter.
fn scan(text: &str, digit: bool, form: impl Fn(&[u8], usize) -> Option<Caps>) -> Vec<Caps> {
    let b = text.as_bytes();
    // where a match can start: a digit, or the first letter of a month
    let start = |c: u8| {
        if digit {
            c.is_ascii_digit()
        } else {
            matches!(
                c | 0x20,
                b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd'
            )
        }
    };
    let mut out = Vec::new();
    let mut s = 0;
    while let Some(k) = b.get(s..).and_then(|r| r.iter().position(|&c| start(c))) {
        s += k;
        match form(b, s) {
            Some(c) => {
                s = c.end().max(s + 1);
                out.push(c);
            }
            None => s += 1,
        }
    }
    out
}

/// [`scan`] for the forms that start with a digit, in one pass over the
/// text: each form keeps its own place, so each gives what its own scan
/// would.
fn scan_digits<const N: usize>(text: &str, forms: [Option<Form>; N]) -> [Vec<Caps>; N] {
    let b = text.as_bytes();
    let mut out: [Vec<Caps>; N] = std::array::from_fn(|_| Vec::new());
    let mut next = [0usize; N];
    for (s, c) in b.iter().enumerate() {
        if !c.is_ascii_digit() {
            continue;
        }
        for (k, form) in forms.iter().enumerate() {
            if let Some(form) = form
                && s >= next[k]
                && let Some(c) = form(b, s)
            {
                next[k] = c.end().max(s + 1);
                out[k].push(c);
            }
        }
    }
    out
}

/// A date or time found in a text, with its byte range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Found {
    /// A date, possibly with a time.
    Date(DateVal),
    /// A time alone.
    Time(u8, u8),
}

fn boundary_ok(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let bad_before =
        matches!(before, Some(c) if c.is_alphanumeric() || c == '.' || c == ':' || c == '/');
    let digit_next = text[end..]
        .get(1..)
        .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
    let bad_after = matches!(after, Some(c) if c.is_alphanumeric() || c == '/')
        || (matches!(after, Some('.' | ':')) && digit_next);
    !bad_before && !bad_after
}

/// 1..=12 for an English month name (any case).
fn month_named(name: &str) -> u8 {
    MONTHS
        .iter()
        .position(|n| n.eq_ignore_ascii_case(name))
        .unwrap_or(0) as u8
        + 1
}

fn expand_year(y: &str) -> i32 {
    let n: i32 = y.parse().unwrap_or(0);
    if y.len() == 2 { 1900 + n } else { n }
}

/// Whether day/month (and year, when known) make a real calendar date.
pub(crate) fn valid(d: &DateVal) -> bool {
    if !(1..=12).contains(&d.month) || d.day == 0 {
        return false;
    }
    let leap = match d.year {
        Some(y) => (y % 4 == 0 && y % 100 != 0) || y % 400 == 0,
        None => true,
    };
    let max = match d.month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if let Some(y) = d.year
        && !(1000..=9999).contains(&y)
    {
        return false;
    }
    d.day <= max && d.time.is_none_or(|(h, m)| h < 24 && m < 60)
}

fn time_of(text: &str, c: &Caps) -> Option<(u8, u8)> {
    Some((c.get(text, 4)?.parse().ok()?, c.get(text, 5)?.parse().ok()?))
}

/// Every date and time in `text`, in order, not overlapping.
pub(crate) fn find(text: &str) -> Vec<(usize, usize, Found)> {
    let mut out: Vec<(usize, usize, Found)> = Vec::new();
    // Every date and time has an ASCII digit (a group that does not parse
    // as one is rejected below): most lines of a message have none, and
    // running the seven patterns over them was a fifth of `convert`.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return out;
    }
    // `out` stays sorted and free of overlaps; earlier patterns win.
    let push = |s: usize, e: usize, f: Found, out: &mut Vec<(usize, usize, Found)>| {
        let at = out.partition_point(|&(a, _, _)| a < e);
        let free = out[..at].last().is_none_or(|&(_, b, _)| b <= s);
        if free {
            out.insert(at, (s, e, f));
        }
    };
    // the month names are rare: the two forms with one are read only when
    // the text holds one
    let lower = text.to_ascii_lowercase();
    let month = MONTHS.iter().any(|m| lower.contains(m));
    let [named, roman, numeric, hours, clock] = scan_digits(
        text,
        [
            month.then_some(named_at as Form),
            Some(roman_at),
            Some(numeric_at),
            Some(hours_at),
            Some(clock_at),
        ],
    );
    for c in named {
        if !boundary_ok(text, c.start(), c.end()) {
            continue;
        }
        let d = DateVal {
            year: c.get(text, 3).map(expand_year),
            month: month_named(c.get(text, 2).unwrap_or_default()),
            day: c.num(text, 1),
            time: time_of(text, &c),
        };
        if valid(&d) {
            push(c.start(), c.end(), Found::Date(d), &mut out);
        }
    }
    let month_first = if month {
        scan(text, false, month_first_at)
    } else {
        Vec::new()
    };
    for c in month_first {
        if !boundary_ok(text, c.start(), c.end()) {
            continue;
        }
        let month = month_named(c.get(text, 1).unwrap_or_default());
        let d = DateVal {
            year: c.get(text, 3).map(expand_year),
            month,
            day: c.num(text, 2),
            time: None,
        };
        // `May 5` only with a year: "may" is also a verb; `July 10-15` is a
        // range, not the 10th
        let range = text[c.end()..]
            .strip_prefix(['-', '–'])
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
        if valid(&d) && (month != 5 || d.year.is_some()) && !range {
            push(c.start(), c.end(), Found::Date(d), &mut out);
        }
    }
    for c in roman {
        let roman = c.get(text, 2).unwrap_or_default();
        let month = ROMAN_MONTHS.iter().position(|r| *r == roman).unwrap_or(99) as u8 + 1;
        let d = DateVal {
            year: c.get(text, 3).map(expand_year),
            month,
            day: c.num(text, 1),
            time: None,
        };
        if boundary_ok(text, c.start(), c.end()) && valid(&d) {
            push(c.start(), c.end(), Found::Date(d), &mut out);
        }
    }
    for c in numeric {
        let mut d = DateVal {
            year: c.get(text, 3).map(expand_year),
            month: c.num(text, 2),
            day: c.num(text, 1),
            time: time_of(text, &c),
        };
        let mut end = c.end();
        if d.time.is_some() && !boundary_ok(text, c.start(), end) {
            // retry without the time: "12.8.51 4:00x" is still a date
            end = c.groups[3].or(c.groups[2]).map_or(end, |g| g.1);
            d.time = None;
        }
        if boundary_ok(text, c.start(), end) && valid(&d) {
            push(c.start(), end, Found::Date(d), &mut out);
        }
    }
    for c in hours {
        let h: u8 = c.get(text, 1).and_then(|x| x.parse().ok()).unwrap_or(99);
        let mi: u8 = c
            .get(text, 2)
            .map_or(Some(0), |x| x.parse().ok())
            .unwrap_or(99);
        if boundary_ok(text, c.start(), c.end()) && h < 24 && mi < 60 {
            push(c.start(), c.end(), Found::Time(h, mi), &mut out);
        }
    }
    for c in clock {
        let h: u8 = c.get(text, 1).and_then(|x| x.parse().ok()).unwrap_or(99);
        let mi: u8 = c.get(text, 2).and_then(|x| x.parse().ok()).unwrap_or(99);
        if h >= 24 || mi >= 60 {
            continue;
        }
        // `4:10 am`, `12:30 a.m.` (00:30), `5:30 p.m.` (17:30), `12 pm`
        // noon; a 24-hour time with a suffix (`13:30 p.m.`) is kept as printed
        let suffixed = c.get(text, 3).map(|x| x.to_ascii_lowercase());
        let h12 = match suffixed.as_deref() {
            Some("a") if h == 12 => 0,
            Some("p") if (1..12).contains(&h) => h + 12,
            _ => h,
        };
        let minutes_end = c.groups[2].map_or(c.end(), |g| g.1);
        if suffixed.is_some() && boundary_ok(text, c.start(), c.end()) {
            push(c.start(), c.end(), Found::Time(h12, mi), &mut out);
        } else if boundary_ok(text, c.start(), minutes_end) {
            push(c.start(), minutes_end, Found::Time(h, mi), &mut out);
        }
    }
    out
}

/// A month-first date (`10/14/50`) at the very start of `text`: its length
/// and value. Only for header lines whose keyword prints such dates.
pub(crate) fn us_date_at_start(text: &str) -> Option<(usize, DateVal)> {
    let c = US_DATE.captures(text)?;
    let m = c.get(0).unwrap();
    if !boundary_ok(text, 0, m.end()) {
        return None;
    }
    let d = DateVal {
        year: Some(expand_year(&c[3])),
        month: c[1].parse().ok()?,
        day: c[2].parse().ok()?,
        time: None,
    };
    valid(&d).then_some((m.end(), d))
}

/// The date or time that [`find`] finds first in `text`, if it starts at
/// its very beginning: the same answer as `find(text).first()` with a
/// start of 0, without scanning the rest of a long text (header fields ask
/// this at every position).
pub(crate) fn find_at_start(text: &str) -> Option<(usize, usize, Found)> {
    let first = *text.as_bytes().first()?;
    let month_first = || {
        text.get(..3)
            .is_some_and(|t| MONTHS.iter().any(|m| t.eq_ignore_ascii_case(&m[..3])))
    };
    if !first.is_ascii_digit() && !month_first() {
        return None;
    }
    // Every pattern that starts with digits has one or two, then `.`, `:`,
    // a space or a line end (`21039 Copies` or `2)` is none).
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 2
        || (digits > 0
            && !matches!(
                text.as_bytes().get(digits),
                Some(b'.' | b':' | b' ' | b'\n')
            ))
    {
        return None;
    }
    // A date with its time is short (`13 September 1951 12:30` is 23
    // bytes): 64 bytes, cut at white space (a boundary for every pattern,
    // so nothing that ends there changes).
    let cut = text
        .char_indices()
        .skip_while(|&(i, _)| i < 64)
        .find(|&(_, c)| c.is_whitespace())
        .map_or(text.len(), |(i, _)| i);
    find(&text[..cut]).into_iter().next().filter(|f| f.0 == 0)
}

/// `@when` of a date: `1951-06-30`, `1951-06-30T11:20:00`, or `--06-30`
/// when no year is known.
pub(crate) fn when(d: &DateVal, context_year: Option<i32>) -> String {
    match d.year.or(context_year) {
        Some(y) => {
            let full = DateVal {
                year: Some(y),
                ..*d
            };
            if !valid(&full) {
                return format!("--{:02}-{:02}", d.month, d.day);
            }
            match d.time {
                Some((h, m)) => format!("{y:04}-{:02}-{:02}T{h:02}:{m:02}:00", d.month, d.day),
                None => format!("{y:04}-{:02}-{:02}", d.month, d.day),
            }
        }
        None => format!("--{:02}-{:02}", d.month, d.day),
    }
}

/// `@when` of a time: `11:20:00`.
pub(crate) fn time_when(h: u8, m: u8) -> String {
    format!("{h:02}:{m:02}:00")
}

/// `30 June 1951` (for titles).
pub(crate) fn display(d: &DateVal, context_year: Option<i32>) -> String {
    let month = MONTHS[(d.month - 1) as usize];
    let month = format!("{}{}", month[..1].to_uppercase(), &month[1..]);
    match d.year.or(context_year) {
        Some(y) => format!("{} {month} {y}", d.day),
        None => format!("{} {month}", d.day),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scanners find what the patterns they replace found (compiling
    /// the six patterns cost a tenth of converting 200 files), on texts of
    /// digits, separators, month names in any case, Roman numerals,
    /// `hours`/`minutes`, `am`/`p.m.` and other letters, from a fixed seed.
    #[test]
    fn scanners_match_their_patterns() {
        const PIECES: &[&str] = &[
            "1",
            "2",
            "3",
            "0",
            "12",
            "30",
            "31",
            "1951",
            "51",
            "4",
            ".",
            ".",
            ":",
            " ",
            " ",
            "\n",
            ",",
            "June",
            "june",
            "JUNE",
            "may",
            "September",
            "Sept",
            "december",
            "VI",
            "XII",
            "XI",
            "X",
            "IV",
            "I",
            "V",
            "hours",
            "hour",
            "minutes",
            "minute",
            "am",
            "a.m.",
            "PM",
            "p",
            "m",
            "x",
            "é",
            "/",
            "-",
            "30.VI.1951",
            "2.XII.51",
            "1.IX.",
            ".X.19",
            "13.1.51",
            "21:15",
            "20 hours 05",
            "June 30, 1951",
            "4:10 am",
        ];
        let months = MONTHS.join("|");
        let patterns: [(&str, bool, Form, String); 6] = [
            ("named", true, named_at, format!(r"(?i)([0-9]{{1,2}})(?:[ \n]|\.)({months})(?:(?:[ \n]|\.)([0-9]{{4}}))?(?:[ \n]([0-9]{{1,2}}):([0-9]{{2}}))?")),
            ("month first", false, month_first_at, format!(r"(?i)({months})[ \n]([0-9]{{1,2}})(?:,?[ \n]([0-9]{{4}}))?")),
            ("roman", true, roman_at, r"([0-9]{1,2})\.(XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)\.([0-9]{4}|[0-9]{2})".into()),
            ("numeric", true, numeric_at, r"([0-9]{1,2})\.([0-9]{1,2})(?:\.([0-9]{4}|[0-9]{2}))?(?:[ \n]([0-9]{1,2}):([0-9]{2}))?".into()),
            ("hours", true, hours_at, r"([0-9]{1,2})[ \n]hours?(?:[ \n]([0-9]{1,2})(?:[ \n]minutes?)?)?".into()),
            ("clock", true, clock_at, r"([0-9]{1,2}):([0-9]{2})(?:[ ]?([aApP])\.?[mM]\.?)?".into()),
        ];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let texts: Vec<String> = (0..4000)
            .map(|_| {
                let len = (next() % 24) as usize;
                (0..len)
                    .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                    .collect()
            })
            .collect();
        for (name, digit, form, pattern) in patterns {
            let re = regex::Regex::new(&pattern).unwrap();
            let mut seen = 0;
            for text in &texts {
                let expected: Vec<Caps> = re
                    .captures_iter(text)
                    .map(|c| {
                        let mut caps = Caps::default();
                        for k in 0..c.len().min(6) {
                            caps.groups[k] = c.get(k).map(|m| (m.start(), m.end()));
                        }
                        caps
                    })
                    .collect();
                assert_eq!(scan(text, digit, form), expected, "{name}: {text:?}");
                if digit {
                    let [together] = scan_digits(text, [Some(form)]);
                    assert_eq!(together, expected, "{name} in one pass: {text:?}");
                }
                seen += expected.len();
            }
            assert!(seen > 100, "{name}: the texts hold matches ({seen})");
        }
    }

    fn dates(t: &str) -> Vec<String> {
        find(t)
            .into_iter()
            .map(|(s, e, f)| match f {
                Found::Date(d) => format!("{}={}", &t[s..e], when(&d, Some(1951))),
                Found::Time(h, m) => format!("{}={}", &t[s..e], time_when(h, m)),
            })
            .collect()
    }

    #[test]
    fn the_archive_forms() {
        assert_eq!(
            dates("Received 11:20 30.6.1951"),
            ["11:20=11:20:00", "30.6.1951=1951-06-30"]
        );
        assert_eq!(dates("No. 3107 21.6.51"), ["21.6.51=1951-06-21"]);
        assert_eq!(dates("No. 3260 30.6"), ["30.6=1951-06-30"]);
        assert_eq!(
            dates("on 12 August 4:00."),
            ["12 August 4:00=1951-08-12T04:00:00"]
        );
        assert_eq!(dates("13.June.1951"), ["13.June.1951=1951-06-13"]);
        assert_eq!(
            dates("LI KENONG 12.8.51 4:00.\""),
            ["12.8.51 4:00=1951-08-12T04:00:00"]
        );
        assert_eq!(
            dates("20 hours 05\nminutes, 13.1.1951"),
            ["20 hours 05\nminutes=20:05:00", "13.1.1951=1951-01-13"]
        );
        assert!(dates("1.5.2.3 and 31.2.1951 and 1/6").is_empty());
        assert_eq!(dates("June 30, 1951"), ["June 30, 1951=1951-06-30"]);
        assert_eq!(dates("on july 2 we"), ["july 2=1951-07-02"]);
        assert!(dates("we may 5 times").is_empty());
        assert!(dates("on July 10-15 we").is_empty());
        assert_eq!(
            dates("30.VI.1951 and 2.VII.51 and 4.IX.1951"),
            [
                "30.VI.1951=1951-06-30",
                "2.VII.51=1951-07-02",
                "4.IX.1951=1951-09-04"
            ]
        );
        assert!(dates("31.XIII.1951 31.VI.1951 3.VIx.51").is_empty());
    }

    #[test]
    fn twelve_hour_times_and_us_dates() {
        assert_eq!(
            dates("on 4:10 am, 14 May"),
            ["4:10 am=04:10:00", "14 May=1951-05-14"]
        );
        assert_eq!(dates("at 6:36 a.m."), ["6:36 a.m.=06:36:00"]);
        assert_eq!(dates("at 5:30 p.m. and"), ["5:30 p.m.=17:30:00"]);
        assert_eq!(dates("12:10 a.m."), ["12:10 a.m.=00:10:00"]);
        assert_eq!(dates("12:10 PM"), ["12:10 PM=12:10:00"]);
        assert_eq!(dates("at 13:30 p.m."), ["13:30 p.m.=13:30:00"]);
        // not a suffix: the time alone
        assert_eq!(dates("at 5:30 amid"), ["5:30=05:30:00"]);
        // month-first dates only through us_date_at_start
        assert!(dates("on 10/14/50").is_empty());
        let (len, d) = us_date_at_start("10/14/50 at").unwrap();
        assert_eq!((len, when(&d, None)), (8, "1950-10-14".to_string()));
        assert!(us_date_at_start("14/10/50").is_none());
        assert!(us_date_at_start("10/14/50/2").is_none());
    }
}
