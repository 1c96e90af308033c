//! Lexical spaces: whitespace normalisation, checking a literal against its
//! type, and mapping it to a [`Value`].

use std::borrow::Cow;

use super::NamespaceContext;
use super::binary::{parse_base64, parse_hex};
use super::names::{is_name, is_ncname, is_nmtoken, split_qname};
use super::temporal::{parse_date_time, parse_duration};
use super::types::{Builtin, Family, WhiteSpace};
use super::value::{Decimal, Value};

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
        B::Decimal => ok(parse_decimal_parts(s, false).is_some()),
        _ => match kind.integer_bounds() {
            Some(bounds) => ok(integer_within(s, bounds)),
            None => parse(kind, s, ctx).map(|_| ()),
        },
    }
}

/// Splits a `decimal` literal into sign, integer digits without leading
/// zeros and fraction digits without trailing zeros, without allocating.
fn parse_decimal_parts(s: &str, integer_only: bool) -> Option<(bool, &str, &str)> {
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
    let int = int.trim_start_matches('0');
    let frac = frac.trim_end_matches('0');
    Some((negative && !(int.is_empty() && frac.is_empty()), int, frac))
}

/// Compares two non-negative digit strings without leading zeros.
fn cmp_digits(a: &str, b: &str) -> std::cmp::Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

/// Whether `s` is an integer literal within the inclusive `bounds`
/// (decimal strings), checked without allocating.
fn integer_within(s: &str, bounds: (Option<&'static str>, Option<&'static str>)) -> bool {
    use std::cmp::Ordering::{Greater, Less};
    let Some((negative, digits, _)) = parse_decimal_parts(s, true) else {
        return false;
    };
    // `signed(a) < signed(b)` for (negative, magnitude) pairs.
    let less = |(an, a): (bool, &str), (bn, b): (bool, &str)| match (an, bn) {
        (true, false) => true,
        (false, true) => false,
        (false, false) => cmp_digits(a, b) == Less,
        (true, true) => cmp_digits(a, b) == Greater,
    };
    let split = |b: &'static str| match b.strip_prefix('-') {
        Some(m) => (true, m),
        None => (false, if b == "0" { "" } else { b }),
    };
    let value = (negative, digits);
    bounds.0.is_none_or(|min| !less(value, split(min)))
        && bounds.1.is_none_or(|max| !less(split(max), value))
}

/// Whether `s` is a lexically valid `decimal`.
pub(crate) fn is_decimal(s: &str) -> bool {
    parse_decimal_parts(s, false).is_some()
}

/// For a lexically valid integer outside `bounds`: the bound it breaks,
/// with `true` for the minimum (jing's "an integer greater than or equal
/// to MIN" / "less than or equal to MAX").
pub(crate) fn broken_integer_bound(
    s: &str,
    bounds: (Option<&'static str>, Option<&'static str>),
) -> Option<(bool, &'static str)> {
    parse_decimal_parts(s, true)?;
    if let Some(min) = bounds.0
        && !integer_within(s, (Some(min), None))
    {
        return Some((true, min));
    }
    match bounds.1 {
        Some(max) if !integer_within(s, (None, Some(max))) => Some((false, max)),
        _ => None,
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
            if kind
                .integer_bounds()
                .is_some_and(|bounds| !integer_within(s, bounds))
            {
                return Err(invalid);
            }
            let d = parse_decimal(s, kind != B::Decimal).ok_or(invalid)?;
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
        return brackets_ok(s);
    };
    let scheme = &s[..colon];
    if scheme.contains(['/', '?', '#']) {
        return brackets_ok(s);
    }
    let mut chars = scheme.bytes();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'))
        && colon + 1 < s.len()
        // an opaque URI (`mailto:x`) may hold brackets; a hierarchical one
        // only where jing (java.net.URI) allows them
        && (!s[colon + 1..].starts_with('/') || brackets_ok(&s[colon + 1..]))
}

/// `[` and `]` in a hierarchical URI reference, as jing accepts them:
/// anywhere in the query and fragment, in the authority only around an
/// IPv6 address, never in the path.
fn brackets_ok(s: &str) -> bool {
    let end = s.find(['?', '#']).unwrap_or(s.len());
    let (authority, path) = match s[..end].strip_prefix("//") {
        Some(rest) => {
            let a = rest.find('/').unwrap_or(rest.len());
            (&rest[..a], &rest[a..])
        }
        None => ("", &s[..end]),
    };
    if path.contains(['[', ']']) {
        return false;
    }
    match authority.find('[') {
        None => !authority.contains(']'),
        Some(open) => {
            let Some(close) = authority[open..].find(']').map(|c| open + c) else {
                return false;
            };
            let ip = &authority[open + 1..close];
            let after = &authority[close + 1..];
            ip.contains(':')
                && ip
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit() || matches!(b, b':' | b'.'))
                && !authority[..open].contains(['[', ']'])
                && (after.is_empty()
                    || after
                        .strip_prefix(':')
                        .is_some_and(|p| p.bytes().all(|b| b.is_ascii_digit())))
        }
    }
}

pub(crate) fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// `decimal` (or, with `integer_only`, `integer`) lexical form to value.
pub(crate) fn parse_decimal(s: &str, integer_only: bool) -> Option<Decimal> {
    let (negative, int, frac) = parse_decimal_parts(s, integer_only)?;
    Some(Decimal {
        negative,
        int: int.to_owned(),
        frac: frac.to_owned(),
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
    fn integer_bounds_without_allocation() {
        let byte = (Some("-128"), Some("127"));
        for (v, ok) in [
            ("127", true),
            ("128", false),
            ("-128", true),
            ("-129", false),
            ("-0", true),
            ("+007", true),
            ("1.0", false),
        ] {
            assert_eq!(integer_within(v, byte), ok, "{v}");
        }
        let positive = (Some("1"), None);
        assert!(!integer_within("0", positive));
        assert!(!integer_within("-0", positive));
        assert!(integer_within("99999999999999999999", positive));
        let non_positive = (None, Some("0"));
        assert!(integer_within("-0", non_positive));
        assert!(integer_within("0", non_positive));
        assert!(!integer_within("1", non_positive));
        let negative = (None, Some("-1"));
        assert!(!integer_within("0", negative));
        assert!(integer_within("-1", negative));
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
}
