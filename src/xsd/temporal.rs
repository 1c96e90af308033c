//! Lexical forms of `duration` and the date and time types.

use super::lexical::all_digits;
use super::types::Builtin;
use super::value::{DateTime, Duration, days_in_month};

/// `-?PnYnMnDTnHnMnS` to value.
pub(crate) fn parse_duration(s: &str) -> Option<Duration> {
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
        if digits.len() < 4 || (digits.len() > 4 && digits[0] == b'0') || digits.len() > 18 {
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

pub(crate) fn parse_date_time(kind: Builtin, s: &str) -> Option<DateTime> {
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
