//! Values in the value spaces of the XSD datatypes, with equality and the
//! (partial) order that the range facets use.

use std::cmp::Ordering;

/// An arbitrary-precision decimal: sign, integer digits without leading
/// zeros, fraction digits without trailing zeros. Zero is never negative.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Decimal {
    pub(crate) negative: bool,
    pub(crate) int: String,
    pub(crate) frac: String,
}

impl Decimal {
    pub(crate) fn is_zero(&self) -> bool {
        self.int.is_empty() && self.frac.is_empty()
    }

    /// Digits as `totalDigits` counts them: the value is `i × 10^-n` with
    /// `|i| < 10^totalDigits` and `n <= totalDigits`, so `0.0012` needs 4
    /// (jing counts significant digits and says 2).
    pub(crate) fn total_digits(&self) -> usize {
        (self.int.len() + self.frac.len()).max(1)
    }

    pub(crate) fn fraction_digits(&self) -> usize {
        self.frac.len()
    }
}

fn cmp_magnitude(a: &Decimal, b: &Decimal) -> Ordering {
    a.int
        .len()
        .cmp(&b.int.len())
        .then_with(|| a.int.cmp(&b.int))
        .then_with(|| a.frac.cmp(&b.frac))
}

impl Ord for Decimal {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self.negative, other.negative) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => cmp_magnitude(self, other),
            (true, true) => cmp_magnitude(other, self),
        }
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A date/time value of one of the date and time types. Fields a type lacks
/// hold reference values (1972-12-01T00:00:00; 1972 is a leap year, so
/// `--02-29` is a valid `gMonthDay`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DateTime {
    pub(crate) year: i64,
    pub(crate) month: u8,
    pub(crate) day: u8,
    pub(crate) hour: u8,
    pub(crate) minute: u8,
    pub(crate) second: u8,
    /// Fraction-of-second digits without trailing zeros.
    pub(crate) frac: String,
    /// Timezone offset in minutes, if any.
    pub(crate) tz: Option<i32>,
}

/// Whether `year` (XSD 1.0 numbering: no year 0, -0001 is 1 BCE) is a leap year.
pub(crate) fn is_leap(year: i64) -> bool {
    let y = if year < 0 { year + 1 } else { year };
    y.rem_euclid(4) == 0 && (y.rem_euclid(100) != 0 || y.rem_euclid(400) == 0)
}

pub(crate) fn days_in_month(year: i64, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 31,
    }
}

/// Days from 1970-01-01 to the given date of the proleptic Gregorian
/// calendar (XSD 1.0 year numbering).
fn days_from_civil(year: i64, month: u8, day: u8) -> i128 {
    let y = i128::from(if year < 0 { year + 1 } else { year }) - i128::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i128::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i128::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

impl DateTime {
    /// Seconds on the time line of the local time (timezone ignored).
    fn local_seconds(&self) -> i128 {
        days_from_civil(self.year, self.month, self.day) * 86_400
            + i128::from(self.hour) * 3600
            + i128::from(self.minute) * 60
            + i128::from(self.second)
    }

    /// Seconds on the UTC time line, treating no timezone as UTC.
    fn utc_seconds(&self) -> i128 {
        self.local_seconds() - i128::from(self.tz.unwrap_or(0)) * 60
    }

    pub(crate) fn equal(&self, other: &DateTime) -> bool {
        self.tz.is_some() == other.tz.is_some()
            && self.utc_seconds() == other.utc_seconds()
            && self.frac == other.frac
    }

    /// The XSD partial order: values with and without a timezone compare
    /// only when they are more than 14 hours apart.
    pub(crate) fn partial_cmp(&self, other: &DateTime) -> Option<Ordering> {
        let key = |d: &DateTime, shift: i128| (d.utc_seconds() + shift, d.frac.clone());
        match (self.tz.is_some(), other.tz.is_some()) {
            (true, true) | (false, false) => Some(key(self, 0).cmp(&key(other, 0))),
            (true, false) => {
                let me = key(self, 0);
                if me < key(other, -14 * 3600) {
                    Some(Ordering::Less)
                } else if me > key(other, 14 * 3600) {
                    Some(Ordering::Greater)
                } else {
                    None
                }
            }
            (false, true) => other.partial_cmp(self).map(Ordering::reverse),
        }
    }
}

/// A duration: sign, its six components as written (for equality, which
/// XSD 1.0 defines component by component: `P1Y` is not `P12M`), and the
/// totals in months and seconds (whole and fraction digits) for the order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Duration {
    pub(crate) negative: bool,
    /// Years, months, days, hours, minutes, whole seconds.
    pub(crate) components: [i128; 6],
    pub(crate) months: i128,
    pub(crate) seconds: i128,
    pub(crate) frac: String,
}

/// `1 - 0.digits` as fraction digits without trailing zeros (`digits` nonempty).
fn complement(digits: &str) -> String {
    let mut out: Vec<u8> = digits.bytes().map(|b| b'9' - (b - b'0')).collect();
    // 0.999..9 + 0.000..1
    for b in out.iter_mut().rev() {
        if *b == b'9' {
            *b = b'0';
        } else {
            *b += 1;
            break;
        }
    }
    while out.last() == Some(&b'0') {
        out.pop();
    }
    String::from_utf8(out).unwrap_or_default()
}

impl Duration {
    pub(crate) fn is_zero(&self) -> bool {
        self.months == 0 && self.seconds == 0 && self.frac.is_empty()
    }

    pub(crate) fn equal(&self, other: &Duration) -> bool {
        (self.is_zero() && other.is_zero())
            || (self.negative == other.negative
                && self.components == other.components
                && self.frac == other.frac)
    }

    /// Where the duration lands when added to the first of `year`-`month`.
    fn landing(&self, year: i64, month: u8) -> (i128, String) {
        let sign = if self.negative { -1 } else { 1 };
        let total_months = i128::from(year) * 12 + i128::from(month) - 1 + sign * self.months;
        let y = total_months.div_euclid(12);
        let m = (total_months.rem_euclid(12) + 1) as u8;
        let (whole, frac) = if self.negative && !self.frac.is_empty() {
            (-self.seconds - 1, complement(&self.frac))
        } else {
            (sign * self.seconds, self.frac.clone())
        };
        // Reference years are far from year 0, so the numbering quirk is moot.
        let y = i64::try_from(y).unwrap_or(i64::MAX / 2);
        (days_from_civil(y, m, 1) * 86_400 + whole, frac)
    }

    /// The XSD order: compared at four reference dates, and incomparable
    /// unless all four agree.
    pub(crate) fn partial_cmp(&self, other: &Duration) -> Option<Ordering> {
        if self.equal(other) {
            return Some(Ordering::Equal);
        }
        let refs = [(1696, 9), (1697, 2), (1903, 3), (1903, 7)];
        let mut result = None;
        for (y, m) in refs {
            let ord = self.landing(y, m).cmp(&other.landing(y, m));
            match result {
                None => result = Some(ord),
                Some(r) if r != ord => return None,
                _ => {}
            }
        }
        result
    }
}

/// A value of any XSD type.
#[derive(Clone, Debug)]
pub(crate) enum Value {
    /// String-derived types: the whitespace-normalised string.
    Str(String),
    /// `QName` / `NOTATION`: namespace URI and local name.
    QName(String, String),
    Bool(bool),
    Decimal(Decimal),
    /// `float` (rounded to single precision) and `double`.
    Float(f64),
    Duration(Duration),
    DateTime(DateTime),
    Binary(Vec<u8>),
    List(Vec<String>),
}

impl Value {
    pub(crate) fn equal(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Str(a), Value::Str(b)) => a == b,
            (Value::QName(a, b), Value::QName(c, d)) => a == c && b == d,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Decimal(a), Value::Decimal(b)) => a == b,
            // NaN is equal to itself in the value space, and so are 0 and -0.
            (Value::Float(a), Value::Float(b)) => a == b || (a.is_nan() && b.is_nan()),
            (Value::Duration(a), Value::Duration(b)) => a.equal(b),
            (Value::DateTime(a), Value::DateTime(b)) => a.equal(b),
            (Value::Binary(a), Value::Binary(b)) => a == b,
            (Value::List(a), Value::List(b)) => a == b,
            _ => false,
        }
    }

    /// The order of ordered types; `None` when incomparable.
    pub(crate) fn partial_cmp(&self, other: &Value) -> Option<Ordering> {
        match (self, other) {
            (Value::Decimal(a), Value::Decimal(b)) => Some(a.cmp(b)),
            (Value::Float(a), Value::Float(b)) => a.partial_cmp(b),
            (Value::Duration(a), Value::Duration(b)) => a.partial_cmp(b),
            (Value::DateTime(a), Value::DateTime(b)) => a.partial_cmp(b),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1, 1, 1) - days_from_civil(-1, 12, 31), 1);
    }

    #[test]
    fn leap_years_before_the_common_era() {
        assert!(is_leap(-1));
        assert!(is_leap(-257));
        assert!(!is_leap(-258));
        assert!(is_leap(2000));
        assert!(!is_leap(1900));
    }

    #[test]
    fn complement_of_fractions() {
        assert_eq!(complement("25"), "75");
        assert_eq!(complement("5"), "5");
        assert_eq!(complement("001"), "999");
    }
}
