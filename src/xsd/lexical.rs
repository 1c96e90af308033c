//! Lexical spaces: whitespace normalisation, checking a literal against its
//! type, and mapping it to a [`Value`].

use std::borrow::Cow;

use super::NamespaceContext;
use super::names::{is_name, is_ncname, is_nmtoken, split_qname};
use super::types::{Builtin, Family, WhiteSpace};
use super::value::{DateTime, Decimal, Duration, Value, days_in_month};

/// Why a literal is not in a lexical space.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum LexError {
    /// Not of the type's form.
    Invalid,
    /// A `QName` whose prefix has no binding.
    UndeclaredPrefix(String),
    /// An `ENTITY` that the DTD does not declare unparsed.
    NotEntity(String),
}

/// A value as messages show it: on one line, and cut short when long.
/// Formats lazily, so that building it on a success path costs nothing.
pub(crate) struct Shown<'a>(pub(crate) &'a str);

impl std::fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const MAX: usize = 100;
        for (i, c) in self.0.chars().enumerate() {
            if i == MAX {
                return f.write_str("…");
            }
            match c {
                '\n' => f.write_str("\\n")?,
                '\r' => f.write_str("\\r")?,
                '\t' => f.write_str("\\t")?,
                c => std::fmt::Write::write_char(f, c)?,
            }
        }
        Ok(())
    }
}

/// [`Shown`] as a string.
pub(crate) fn shown(value: &str) -> String {
    Shown(value).to_string()
}

fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// Applies a `whiteSpace` rule, borrowing when nothing changes.
pub(crate) fn normalize(ws: WhiteSpace, s: &str) -> Cow<'_, str> {
    match ws {
        WhiteSpace::Preserve => Cow::Borrowed(s),
        WhiteSpace::Replace => {
            if s.contains(['\t', '\n', '\r']) {
                Cow::Owned(s.replace(['\t', '\n', '\r'], " "))
            } else {
                Cow::Borrowed(s)
            }
        }
        WhiteSpace::Collapse => collapse(s),
    }
}

/// Whitespace collapse: trims and turns every run of XML spaces into one space.
pub(crate) fn collapse(s: &str) -> Cow<'_, str> {
    let trimmed = s.trim_matches(is_xml_space);
    let clean = !trimmed.contains(['\t', '\n', '\r']) && !trimmed.contains("  ");
    if clean {
        return Cow::Borrowed(trimmed);
    }
    let mut out = String::with_capacity(trimmed.len());
    let mut in_space = false;
    for c in trimmed.chars() {
        if is_xml_space(c) {
            in_space = true;
        } else {
            if in_space {
                out.push(' ');
                in_space = false;
            }
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Checks `s` (already whitespace-normalised) against the lexical space of
/// `kind`, without allocating for the string and name types.
pub(crate) fn check(kind: Builtin, s: &str, ctx: &dyn NamespaceContext) -> Result<(), LexError> {
    use Builtin as B;
    let ok = |b: bool| if b { Ok(()) } else { Err(LexError::Invalid) };
    match kind {
        B::String | B::NormalizedString | B::Token | B::AnyAtomicType | B::UntypedAtomic => Ok(()),
        B::Language => ok(is_language(s)),
        B::Name => ok(is_name(s)),
        B::NCName | B::Id | B::IdRef => ok(is_ncname(s)),
        B::NmToken => ok(is_nmtoken(s)),
        B::Entity => check_entity(s, ctx),
        B::AnyUri => ok(is_uri(s)),
        B::NmTokens => ok(!s.is_empty() && s.split(' ').all(is_nmtoken)),
        B::IdRefs => ok(!s.is_empty() && s.split(' ').all(is_ncname)),
        B::Entities => {
            if s.is_empty() {
                return Err(LexError::Invalid);
            }
            s.split(' ').try_for_each(|item| check_entity(item, ctx))
        }
        B::Boolean => ok(matches!(s, "true" | "false" | "1" | "0")),
        _ => parse(kind, s, ctx).map(|_| ()),
    }
}

fn check_entity(s: &str, ctx: &dyn NamespaceContext) -> Result<(), LexError> {
    if !is_ncname(s) {
        Err(LexError::Invalid)
    } else if !ctx.is_unparsed_entity(s) {
        Err(LexError::NotEntity(s.to_owned()))
    } else {
        Ok(())
    }
}

/// Maps `s` (already whitespace-normalised) to its value.
pub(crate) fn parse(kind: Builtin, s: &str, ctx: &dyn NamespaceContext) -> Result<Value, LexError> {
    use Builtin as B;
    let invalid = LexError::Invalid;
    match kind.family() {
        Family::Text => {
            check(kind, s, ctx)?;
            Ok(Value::Str(s.to_owned()))
        }
        Family::List => {
            check(kind, s, ctx)?;
            Ok(Value::List(s.split(' ').map(str::to_owned).collect()))
        }
        Family::QName => {
            let (prefix, local) = split_qname(s).ok_or(LexError::Invalid)?;
            let ns = match prefix {
                Some(p) => ctx
                    .resolve(p)
                    .ok_or_else(|| LexError::UndeclaredPrefix(p.to_owned()))?,
                None => ctx.resolve("").unwrap_or(""),
            };
            Ok(Value::QName(ns.to_owned(), local.to_owned()))
        }
        Family::Boolean => match s {
            "true" | "1" => Ok(Value::Bool(true)),
            "false" | "0" => Ok(Value::Bool(false)),
            _ => Err(invalid),
        },
        Family::Decimal => {
            let d = parse_decimal(s, kind != B::Decimal).ok_or(LexError::Invalid)?;
            if let Some((min, max)) = kind.integer_bounds() {
                let out_of = |bound: Option<&str>, ord| {
                    bound.is_some_and(|b| parse_decimal(b, true).is_some_and(|b| d.cmp(&b) == ord))
                };
                if out_of(min, std::cmp::Ordering::Less) || out_of(max, std::cmp::Ordering::Greater)
                {
                    return Err(invalid);
                }
            }
            Ok(Value::Decimal(d))
        }
        Family::Float => parse_float(s, kind == B::Float)
            .map(Value::Float)
            .ok_or(invalid),
        Family::Duration => parse_duration(s).map(Value::Duration).ok_or(invalid),
        Family::DateTime => parse_date_time(kind, s).map(Value::DateTime).ok_or(invalid),
        Family::Binary => {
            let bytes = if kind == B::HexBinary {
                parse_hex(s)
            } else {
                parse_base64(s)
            };
            bytes.map(Value::Binary).ok_or(invalid)
        }
    }
}

/// `[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*`, the XSD 1.0 `language` pattern.
fn is_language(s: &str) -> bool {
    let mut parts = s.split('-');
    let first = parts.next().unwrap_or("");
    let good = |p: &str, alpha_only: bool| {
        (1..=8).contains(&p.len())
            && p.bytes()
                .all(|b| b.is_ascii_alphabetic() || (!alpha_only && b.is_ascii_digit()))
    };
    good(first, true) && parts.all(|p| good(p, false))
}

/// The URI checks jing makes: `%` starts an escape of two hex digits, at
/// most one `#`, and a scheme (text before a `:` that comes before any `/`,
/// `?` or `#`) is a letter followed by letters, digits, `+`, `-` or `.`,
/// with something after its colon.
fn is_uri(s: &str) -> bool {
    let b = s.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c == b'%'
            && !(b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
        {
            return false;
        }
    }
    if s.matches('#').count() > 1 {
        return false;
    }
    let Some(colon) = s.find(':') else {
        return true;
    };
    let scheme = &s[..colon];
    if scheme.contains(['/', '?', '#']) {
        return true;
    }
    let mut chars = scheme.bytes();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'))
        && colon + 1 < s.len()
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// `decimal` (or, with `integer_only`, `integer`) lexical form to value.
pub(crate) fn parse_decimal(s: &str, integer_only: bool) -> Option<Decimal> {
    let (negative, body) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let (int, frac) = match body.split_once('.') {
        Some(_) if integer_only => return None,
        Some((i, f)) => {
            if (i.is_empty() && f.is_empty())
                || !(i.is_empty() || all_digits(i))
                || !(f.is_empty() || all_digits(f))
            {
                return None;
            }
            (i, f)
        }
        None if all_digits(body) => (body, ""),
        None => return None,
    };
    let int = int.trim_start_matches('0').to_owned();
    let frac = frac.trim_end_matches('0').to_owned();
    let negative = negative && !(int.is_empty() && frac.is_empty());
    Some(Decimal {
        negative,
        int,
        frac,
    })
}

/// `float`/`double` lexical form to value (floats rounded to `f32`).
fn parse_float(s: &str, single: bool) -> Option<f64> {
    match s {
        "INF" => return Some(f64::INFINITY),
        "-INF" => return Some(f64::NEG_INFINITY),
        "NaN" => return Some(f64::NAN),
        _ => {}
    }
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let mantissa_ok = match mantissa.split_once('.') {
        Some((i, f)) => {
            !(i.is_empty() && f.is_empty())
                && (i.is_empty() || all_digits(i))
                && (f.is_empty() || all_digits(f))
        }
        None => all_digits(mantissa),
    };
    let exponent_ok = exponent.is_none_or(|e| all_digits(e.strip_prefix(['+', '-']).unwrap_or(e)));
    if !(mantissa_ok && exponent_ok) {
        return None;
    }
    if single {
        s.parse::<f32>().ok().map(f64::from)
    } else {
        s.parse::<f64>().ok()
    }
}

/// `-?PnYnMnDTnHnMnS` to value.
fn parse_duration(s: &str) -> Option<Duration> {
    let (negative, rest) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let rest = rest.strip_prefix('P')?;
    let (date, time) = match rest.split_once('T') {
        Some((d, t)) => {
            if t.is_empty() {
                return None;
            }
            (d, Some(t))
        }
        None => (rest, None),
    };
    let mut months: i128 = 0;
    let mut seconds: i128 = 0;
    let mut components = [0i128; 6];
    let mut frac = String::new();
    let mut any = false;
    // Components must appear in order, each at most once.
    let mut take = |part: &str, designators: &[u8], time: bool| -> Option<()> {
        let mut rest = part;
        let mut next = 0;
        while !rest.is_empty() {
            let end = rest.find(|c: char| !c.is_ascii_digit() && c != '.')?;
            let (number, tail) = rest.split_at(end);
            let d = tail.as_bytes()[0];
            let pos = designators[next..].iter().position(|&x| x == d)? + next;
            next = pos + 1;
            rest = &tail[1..];
            any = true;
            // Seconds may be "1.5", "1." or ".5" (XSD 1.1 spells this out).
            let (whole, fraction) = match number.split_once('.') {
                Some((w, f))
                    if time
                        && d == b'S'
                        && !(w.is_empty() && f.is_empty())
                        && (f.is_empty() || all_digits(f)) =>
                {
                    (w, f)
                }
                Some(_) => return None,
                None => (number, ""),
            };
            if !(all_digits(whole) || (whole.is_empty() && !fraction.is_empty())) {
                return None;
            }
            let n: i128 = whole.trim_start_matches('0').parse().unwrap_or(0);
            if whole.trim_start_matches('0').len() > 30 {
                return None;
            }
            let slot = if time { 3 + pos } else { pos };
            components[slot] = n;
            match (time, d) {
                (false, b'Y') => months = months.checked_add(n.checked_mul(12)?)?,
                (false, b'M') => months = months.checked_add(n)?,
                (false, b'D') => seconds = seconds.checked_add(n.checked_mul(86_400)?)?,
                (true, b'H') => seconds = seconds.checked_add(n.checked_mul(3600)?)?,
                (true, b'M') => seconds = seconds.checked_add(n.checked_mul(60)?)?,
                (true, b'S') => {
                    seconds = seconds.checked_add(n)?;
                    frac = fraction.trim_end_matches('0').to_owned();
                }
                _ => return None,
            }
        }
        Some(())
    };
    take(date, b"YMD", false)?;
    if let Some(t) = time {
        take(t, b"HMS", true)?;
    }
    if !any {
        return None;
    }
    let mut d = Duration {
        negative,
        components,
        months,
        seconds,
        frac,
    };
    if d.is_zero() {
        d.negative = false;
    }
    Some(d)
}

/// A cursor over the ASCII form of a date/time literal.
struct Cursor<'a> {
    s: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn eat(&mut self, b: u8) -> Option<()> {
        (self.s.get(self.pos) == Some(&b)).then(|| self.pos += 1)
    }

    /// Exactly `n` digits.
    fn digits(&mut self, n: usize) -> Option<u32> {
        let slice = self.s.get(self.pos..self.pos + n)?;
        if !slice.iter().all(u8::is_ascii_digit) {
            return None;
        }
        self.pos += n;
        Some(slice.iter().fold(0, |a, &b| a * 10 + u32::from(b - b'0')))
    }

    fn year(&mut self) -> Option<i64> {
        let negative = self.eat(b'-').is_some();
        let start = self.pos;
        while self.s.get(self.pos).is_some_and(u8::is_ascii_digit) {
            self.pos += 1;
        }
        let digits = &self.s[start..self.pos];
        // Four digits at least; more only without a leading zero.
        if digits.len() < 4 || (digits.len() > 4 && digits[0] == b'0') || digits.len() > 15 {
            return None;
        }
        let year: i64 = std::str::from_utf8(digits).ok()?.parse().ok()?;
        if year == 0 {
            return None;
        }
        Some(if negative { -year } else { year })
    }

    fn month(&mut self) -> Option<u8> {
        let m = self.digits(2)?;
        (1..=12).contains(&m).then_some(m as u8)
    }

    fn day(&mut self) -> Option<u8> {
        let d = self.digits(2)?;
        (1..=31).contains(&d).then_some(d as u8)
    }

    /// `hh:mm:ss(.s+)?`, allowing `24:00:00` as the end of the day.
    fn time(&mut self, dt: &mut DateTime) -> Option<()> {
        let h = self.digits(2)?;
        self.eat(b':')?;
        let m = self.digits(2)?;
        self.eat(b':')?;
        let sec = self.digits(2)?;
        if self.eat(b'.').is_some() {
            let start = self.pos;
            while self.s.get(self.pos).is_some_and(u8::is_ascii_digit) {
                self.pos += 1;
            }
            if start == self.pos {
                return None;
            }
            let f = std::str::from_utf8(&self.s[start..self.pos]).ok()?;
            dt.frac = f.trim_end_matches('0').to_owned();
        }
        if m > 59 || sec > 59 || h > 24 || (h == 24 && (m != 0 || sec != 0 || !dt.frac.is_empty()))
        {
            return None;
        }
        dt.hour = h as u8;
        dt.minute = m as u8;
        dt.second = sec as u8;
        Some(())
    }

    /// An optional timezone, then the end of input.
    fn timezone_and_end(&mut self, dt: &mut DateTime) -> Option<()> {
        match self.s.get(self.pos) {
            None => {}
            Some(b'Z') => {
                self.pos += 1;
                dt.tz = Some(0);
            }
            Some(&sign @ (b'+' | b'-')) => {
                self.pos += 1;
                let h = self.digits(2)?;
                self.eat(b':')?;
                let m = self.digits(2)?;
                if m > 59 || h > 14 || (h == 14 && m != 0) {
                    return None;
                }
                let offset = (h * 60 + m) as i32;
                dt.tz = Some(if sign == b'-' { -offset } else { offset });
            }
            _ => return None,
        }
        (self.pos == self.s.len()).then_some(())
    }
}

fn parse_date_time(kind: Builtin, s: &str) -> Option<DateTime> {
    use Builtin as B;
    let mut c = Cursor {
        s: s.as_bytes(),
        pos: 0,
    };
    // Fields a type lacks take the reference values 1972-12-01T00:00:00
    // (1972 is a leap year, so --02-29 is a valid gMonthDay).
    let mut dt = DateTime {
        year: 1972,
        month: 12,
        day: 1,
        hour: 0,
        minute: 0,
        second: 0,
        frac: String::new(),
        tz: None,
    };
    match kind {
        B::DateTime | B::Date | B::GYearMonth | B::GYear => {
            dt.year = c.year()?;
            if kind != B::GYear {
                c.eat(b'-')?;
                dt.month = c.month()?;
            } else {
                dt.month = 1;
            }
            if matches!(kind, B::DateTime | B::Date) {
                c.eat(b'-')?;
                dt.day = c.day()?;
            }
            if kind == B::DateTime {
                c.eat(b'T')?;
                c.time(&mut dt)?;
            }
        }
        B::Time => {
            c.time(&mut dt)?;
            // A time of day has no next day: 24:00:00 is 00:00:00.
            if dt.hour == 24 {
                dt.hour = 0;
            }
        }
        B::GMonthDay | B::GMonth => {
            c.eat(b'-')?;
            c.eat(b'-')?;
            dt.month = c.month()?;
            if kind == B::GMonthDay {
                c.eat(b'-')?;
                dt.day = c.day()?;
            }
        }
        B::GDay => {
            for _ in 0..3 {
                c.eat(b'-')?;
            }
            dt.day = c.day()?;
        }
        _ => return None,
    }
    if dt.day > days_in_month(dt.year, dt.month) {
        return None;
    }
    c.timezone_and_end(&mut dt)?;
    Some(dt)
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

fn parse_hex(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    if !b.len().is_multiple_of(2) {
        return None;
    }
    b.chunks(2)
        .map(|p| Some(hex_value(p[0])? << 4 | hex_value(p[1])?))
        .collect()
}

fn base64_value(b: u8) -> Option<u8> {
    match b {
        b'A'..=b'Z' => Some(b - b'A'),
        b'a'..=b'z' => Some(b - b'a' + 26),
        b'0'..=b'9' => Some(b - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// XSD 1.0 `base64Binary`: groups of four, single spaces allowed between
/// characters (the value is already collapsed), padding only at the end
/// and only where the unused bits are zero.
fn parse_base64(s: &str) -> Option<Vec<u8>> {
    let chars: Vec<u8> = s.bytes().filter(|&b| b != b' ').collect();
    if !chars.len().is_multiple_of(4) {
        return None;
    }
    let mut out = Vec::with_capacity(chars.len() / 4 * 3);
    let groups = chars.len() / 4;
    for (g, quad) in chars.chunks(4).enumerate() {
        let last = g + 1 == groups;
        let pad = quad.iter().rev().take_while(|&&b| b == b'=').count();
        if pad > 2 || (pad > 0 && !last) {
            return None;
        }
        let mut v = [0u8; 4];
        for (i, &b) in quad[..4 - pad].iter().enumerate() {
            v[i] = base64_value(b)?;
        }
        out.push(v[0] << 2 | v[1] >> 4);
        match pad {
            0 => {
                out.push(v[1] << 4 | v[2] >> 2);
                out.push(v[2] << 6 | v[3]);
            }
            1 => {
                if v[2] & 0b11 != 0 {
                    return None;
                }
                out.push(v[1] << 4 | v[2] >> 2);
            }
            _ => {
                if v[1] & 0b1111 != 0 {
                    return None;
                }
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_values_are_one_short_line() {
        assert_eq!(shown("a\nb\tc"), "a\\nb\\tc");
        assert_eq!(shown(&"x".repeat(500)).chars().count(), 101);
    }

    #[test]
    fn collapse_borrows_clean_values() {
        assert!(matches!(collapse("a b"), Cow::Borrowed("a b")));
        assert!(matches!(collapse(" a b "), Cow::Borrowed("a b")));
        assert_eq!(collapse("a \t\n b"), "a b");
        assert_eq!(collapse("a\tb"), "a b");
    }

    #[test]
    fn decimals_normalise() {
        let d = parse_decimal("-000.500", false).expect("valid");
        assert_eq!(
            (d.negative, d.int.as_str(), d.frac.as_str()),
            (true, "", "5")
        );
        assert!(!parse_decimal("-0.0", false).expect("valid").negative);
        assert!(parse_decimal(".", false).is_none());
        assert!(parse_decimal("1.5", true).is_none());
    }

    #[test]
    fn base64_padding_rules() {
        assert_eq!(parse_base64("BA=="), Some(vec![4]));
        assert!(parse_base64("BB==").is_none());
        assert!(parse_base64("BBB=").is_none());
        assert!(parse_base64("B===").is_none());
    }
}
