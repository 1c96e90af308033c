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

static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"([0-9]{1,2})\.([0-9]{1,2})(?:\.([0-9]{4}|[0-9]{2}))?(?:[ \n]([0-9]{1,2}):([0-9]{2}))?",
    )
    .unwrap()
});
static NAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)([0-9]{1,2})(?:[ \n]|\.)(january|february|march|april|may|june|july|august|september|october|november|december)(?:(?:[ \n]|\.)([0-9]{4}))?(?:[ \n]([0-9]{1,2}):([0-9]{2}))?",
    )
    .unwrap()
});
/// `June 30, 1951`, `June 30`: the month first.
static MONTH_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(january|february|march|april|may|june|july|august|september|october|november|december)[ \n]([0-9]{1,2})(?:,?[ \n]([0-9]{4}))?",
    )
    .unwrap()
});
/// `30.VI.1951`, `30.VI.51`: Roman-numeral months (the year is required).
static ROMAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([0-9]{1,2})\.(XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)\.([0-9]{4}|[0-9]{2})")
        .unwrap()
});
const ROMAN_MONTHS: [&str; 12] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
];
/// `11:20`, `4:10 am`, `6:36 a.m.`, `10:05 PM`: a clock time, with an
/// optional 12-hour suffix.
static CLOCK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([0-9]{1,2}):([0-9]{2})(?:[ ]?([aApP])\.?[mM]\.?)?").unwrap());
/// `10/14/50`, `10/14/1950`: month first, as US forms print dates. Read only
/// after the header keywords that print them (`Sent by wire on ...`), never
/// in running text, where `1/6` may be day first.
static US_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\A([0-9]{1,2})/([0-9]{1,2})/([0-9]{4}|[0-9]{2})").unwrap());
static HOURS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([0-9]{1,2})[ \n]hours?(?:[ \n]([0-9]{1,2})(?:[ \n]minutes?)?)?").unwrap()
});

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

fn time_of(h: Option<regex::Match<'_>>, m: Option<regex::Match<'_>>) -> Option<(u8, u8)> {
    match (h, m) {
        (Some(h), Some(m)) => Some((h.as_str().parse().ok()?, m.as_str().parse().ok()?)),
        _ => None,
    }
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
    for c in NAMED.captures_iter(text) {
        let m = c.get(0).unwrap();
        if !boundary_ok(text, m.start(), m.end()) {
            continue;
        }
        let d = DateVal {
            year: c.get(3).map(|y| expand_year(y.as_str())),
            month: month_named(&c[2]),
            day: c[1].parse().unwrap_or(0),
            time: time_of(c.get(4), c.get(5)),
        };
        if valid(&d) {
            push(m.start(), m.end(), Found::Date(d), &mut out);
        }
    }
    for c in MONTH_FIRST.captures_iter(text) {
        let m = c.get(0).unwrap();
        if !boundary_ok(text, m.start(), m.end()) {
            continue;
        }
        let month = month_named(&c[1]);
        let d = DateVal {
            year: c.get(3).map(|y| expand_year(y.as_str())),
            month,
            day: c[2].parse().unwrap_or(0),
            time: None,
        };
        // `May 5` only with a year: "may" is also a verb; `July 10-15` is a
        // range, not the 10th
        let range = text[m.end()..]
            .strip_prefix(['-', '–'])
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
        if valid(&d) && (month != 5 || d.year.is_some()) && !range {
            push(m.start(), m.end(), Found::Date(d), &mut out);
        }
    }
    for c in ROMAN.captures_iter(text) {
        let m = c.get(0).unwrap();
        let month = ROMAN_MONTHS.iter().position(|r| *r == &c[2]).unwrap_or(99) as u8 + 1;
        let d = DateVal {
            year: Some(expand_year(&c[3])),
            month,
            day: c[1].parse().unwrap_or(0),
            time: None,
        };
        if boundary_ok(text, m.start(), m.end()) && valid(&d) {
            push(m.start(), m.end(), Found::Date(d), &mut out);
        }
    }
    for c in NUMERIC.captures_iter(text) {
        let m = c.get(0).unwrap();
        let mut d = DateVal {
            year: c.get(3).map(|y| expand_year(y.as_str())),
            month: c[2].parse().unwrap_or(0),
            day: c[1].parse().unwrap_or(0),
            time: time_of(c.get(4), c.get(5)),
        };
        let mut end = m.end();
        if d.time.is_some() && !boundary_ok(text, m.start(), end) {
            // retry without the time: "12.8.51 4:00x" is still a date
            end = c.get(3).or(c.get(2)).unwrap().end();
            d.time = None;
        }
        if boundary_ok(text, m.start(), end) && valid(&d) {
            push(m.start(), end, Found::Date(d), &mut out);
        }
    }
    for c in HOURS.captures_iter(text) {
        let m = c.get(0).unwrap();
        let h: u8 = c[1].parse().unwrap_or(99);
        let mi: u8 = c
            .get(2)
            .map_or(Some(0), |x| x.as_str().parse().ok())
            .unwrap_or(99);
        if boundary_ok(text, m.start(), m.end()) && h < 24 && mi < 60 {
            push(m.start(), m.end(), Found::Time(h, mi), &mut out);
        }
    }
    for c in CLOCK.captures_iter(text) {
        let m = c.get(0).unwrap();
        let h: u8 = c[1].parse().unwrap_or(99);
        let mi: u8 = c[2].parse().unwrap_or(99);
        if h >= 24 || mi >= 60 {
            continue;
        }
        // `4:10 am`, `12:30 a.m.` (00:30), `5:30 p.m.` (17:30), `12 pm`
        // noon; a 24-hour time with a suffix (`13:30 p.m.`) is kept as printed
        let suffixed = c.get(3).map(|x| x.as_str().to_ascii_lowercase());
        let h12 = match suffixed.as_deref() {
            Some("a") if h == 12 => 0,
            Some("p") if (1..12).contains(&h) => h + 12,
            _ => h,
        };
        if suffixed.is_some() && boundary_ok(text, m.start(), m.end()) {
            push(m.start(), m.end(), Found::Time(h12, mi), &mut out);
        } else if boundary_ok(text, m.start(), c.get(2).unwrap().end()) {
            push(
                m.start(),
                c.get(2).unwrap().end(),
                Found::Time(h, mi),
                &mut out,
            );
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
