//! XML Schema regular expressions (XSD 1.0 Part 2, Appendix F), parsed and
//! translated to the syntax of the `regex` crate.
//!
//! The translation is faithful rather than textual: every literal character
//! is written as `\x{..}`, so that characters which are ordinary in XSD but
//! special in the `regex` crate (`^`, `$`, `&&`, `~~`, `--` in classes) keep
//! their XSD meaning; the whole expression is anchored at both ends, because
//! an XSD pattern must match the entire value; and the multi-character
//! escapes get their XSD definitions (`.` excludes only `\n` and `\r`, `\w`
//! is "not punctuation, separator or other", `\i` and `\c` are the XML 1.0
//! Appendix B name classes).
//!
//! Compiled expressions are cached by pattern text: TEI schemas use the same
//! few patterns hundreds of times.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex, OnceLock};

use super::blocks::block_ranges;
use super::names::{XML1_NAME_CHAR, XML1_NAME_START};

/// Repetition counts above this are rewritten (see [`Node::bounded`]): the
/// `regex` crate cannot compile `x{2147483648}`, which XSD allows. Values
/// this long or longer are matched by a translation rewritten above their
/// length instead.
const COUNT_LIMIT: u32 = 1000;

/// A translated XSD pattern, compiled by the `regex` crate on first use.
///
/// Compiling is most of the cost of building a datatype, and a schema such
/// as tei_all declares patterns that a document may never use; so only
/// patterns that could exceed the `regex` crate's limits (counted
/// repetitions, very long translations) are compiled when the datatype is
/// built, to report their failure with the schema.
#[derive(Debug)]
pub(crate) struct Pattern {
    translated: String,
    regex: OnceLock<Option<::regex::Regex>>,
    /// For a pattern whose counts were rewritten (see [`Node::bounded`]):
    /// the parsed expression, and translations exact for longer values,
    /// keyed by the length limit they are exact below.
    long: Option<(Node, LongCache)>,
}

impl Pattern {
    /// Whether the whole of `value` matches.
    #[inline]
    pub(crate) fn is_match(&self, value: &str) -> bool {
        if let Some((node, cache)) = &self.long
            && value.len() >= COUNT_LIMIT as usize
        {
            return long_match(node, cache, value);
        }
        self.regex
            .get_or_init(|| build(&self.translated).ok())
            .as_ref()
            .is_some_and(|r| r.is_match(value))
    }
}

type LongCache = Mutex<HashMap<u32, Option<Arc<::regex::Regex>>>>;

/// Matches a value too long for the default rewrite of huge counts, with a
/// translation rewritten at a limit above the value's length (so exact for
/// it). Such translations are built on demand and kept per power of two.
#[cold]
fn long_match(node: &Node, cache: &LongCache, value: &str) -> bool {
    let chars = value.chars().count();
    let limit = u32::try_from(chars + 1)
        .ok()
        .and_then(u32::checked_next_power_of_two)
        .unwrap_or(u32::MAX)
        .max(COUNT_LIMIT);
    let regex = {
        let Ok(mut cache) = cache.lock() else {
            return false;
        };
        cache
            .entry(limit)
            .or_insert_with(|| {
                let mut out = String::from("^(?:");
                node.clone().bounded(limit).emit(&mut out);
                out.push_str(")$");
                build(&out).ok().map(Arc::new)
            })
            .clone()
    };
    match regex {
        Some(r) => r.is_match(value),
        // Too big for the regex crate even so: the default rewrite is the
        // best answer left.
        None => {
            let mut out = String::from("^(?:");
            node.clone().bounded(COUNT_LIMIT).emit(&mut out);
            out.push_str(")$");
            build(&out).is_ok_and(|r| r.is_match(value))
        }
    }
}

fn build(translated: &str) -> Result<::regex::Regex, String> {
    ::regex::RegexBuilder::new(translated)
        .size_limit(64 << 20)
        .nest_limit(1000)
        .build()
        .map_err(|e| format!("cannot compile the expression: {e}"))
}

type Cache = Mutex<HashMap<String, Result<Arc<Pattern>, String>>>;

/// Translates `pattern` (XSD syntax), reusing an earlier translation of the
/// same text. The error is a message without the pattern itself.
pub(crate) fn compile(pattern: &str) -> Result<Arc<Pattern>, String> {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(hit) = cache
        .lock()
        .map_err(|_| "regex cache poisoned")?
        .get(pattern)
    {
        return hit.clone();
    }
    let compiled = translate_checked(pattern).and_then(|(translated, risky, original)| {
        let regex = OnceLock::new();
        if risky {
            // Report size-limit failures now, with the schema.
            let _ = regex.set(Some(build(&translated)?));
        }
        let long = original.map(|node| (node, Mutex::default()));
        Ok(Arc::new(Pattern {
            translated,
            regex,
            long,
        }))
    });
    cache
        .lock()
        .map_err(|_| "regex cache poisoned")?
        .insert(pattern.to_owned(), compiled.clone());
    compiled
}

/// Translates an XSD pattern into an anchored `regex` crate expression.
pub fn translate(pattern: &str) -> Result<String, String> {
    translate_checked(pattern).map(|(t, _, _)| t)
}

/// The translation; whether compiling it could hit the `regex` crate's
/// size limits; and, when counts were rewritten, the parsed expression.
fn translate_checked(pattern: &str) -> Result<(String, bool, Option<Node>), String> {
    let mut parser = Parser {
        chars: pattern.chars().collect(),
        pos: 0,
        depth: 0,
    };
    let node = parser.parse_regexp()?;
    if parser.pos < parser.chars.len() {
        return Err(format!(
            "unexpected \"{}\" at character {}",
            parser.chars[parser.pos],
            parser.pos + 1
        ));
    }
    let original = (node.max_count() > COUNT_LIMIT).then(|| node.clone());
    let node = node.bounded(COUNT_LIMIT);
    let mut out = String::from("^(?:");
    node.emit(&mut out);
    out.push_str(")$");
    let risky = node.expansion() > 64 || out.len() > 8192;
    Ok((out, risky, original))
}

/// The parsed expression.
#[derive(Debug, Clone)]
enum Node {
    /// Matches the empty string.
    Empty,
    /// Matches nothing at all.
    Never,
    /// A single character from a class (written in `regex` crate syntax).
    Class(String),
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat(Box<Node>, u32, Option<u32>),
}

impl Node {
    /// How many copies of its deepest part a counted repetition makes the
    /// `regex` crate compile (`(a{10}){10}` is 100; `?`, `*`, `+` are 1).
    fn expansion(&self) -> u64 {
        match self {
            Node::Concat(v) | Node::Alt(v) => v.iter().map(Node::expansion).max().unwrap_or(1),
            Node::Repeat(n, min, max) => {
                u64::from(max.unwrap_or(*min).max(1)).saturating_mul(n.expansion())
            }
            _ => 1,
        }
    }

    fn nullable(&self) -> bool {
        match self {
            Node::Empty => true,
            Node::Never | Node::Class(_) => false,
            Node::Concat(v) => v.iter().all(Node::nullable),
            Node::Alt(v) => v.iter().any(Node::nullable),
            Node::Repeat(n, min, _) => *min == 0 || n.nullable(),
        }
    }

    /// The largest repetition count written in the expression.
    fn max_count(&self) -> u32 {
        match self {
            Node::Concat(v) | Node::Alt(v) => v.iter().map(Node::max_count).max().unwrap_or(0),
            Node::Repeat(n, min, max) => (*min).max(max.unwrap_or(0)).max(n.max_count()),
            _ => 0,
        }
    }

    /// Rewrites counts above `limit`, which the `regex` crate could not
    /// compile (XSD allows `x{2147483648}`). Exact for values shorter than
    /// `limit` characters: a non-nullable atom repeated more than `limit`
    /// times needs more characters than such a value has, a nullable one
    /// can take empty turns, and an upper bound above the length is no bound.
    fn bounded(self, limit: u32) -> Node {
        match self {
            Node::Concat(v) => Node::Concat(v.into_iter().map(|n| n.bounded(limit)).collect()),
            Node::Alt(v) => Node::Alt(v.into_iter().map(|n| n.bounded(limit)).collect()),
            Node::Repeat(inner, min, max) => {
                let inner = inner.bounded(limit);
                let nullable = inner.nullable();
                if min > limit && !nullable {
                    return Node::Never;
                }
                let min = if min > limit { 0 } else { min };
                let max = max.filter(|&m| m <= limit);
                Node::Repeat(Box::new(inner), min, max)
            }
            other => other,
        }
    }

    fn emit(&self, out: &mut String) {
        match self {
            Node::Empty => {}
            Node::Never => out.push_str("[a&&b]"),
            Node::Class(c) => out.push_str(c),
            Node::Concat(v) => {
                for n in v {
                    n.emit(out);
                }
            }
            Node::Alt(v) => {
                // Grouped as a whole, so that `a(b|c)d` stays one branch.
                out.push_str("(?:");
                for (i, n) in v.iter().enumerate() {
                    if i > 0 {
                        out.push('|');
                    }
                    n.emit(out);
                }
                out.push(')');
            }
            Node::Repeat(n, min, max) => {
                out.push_str("(?:");
                n.emit(out);
                out.push(')');
                match max {
                    Some(max) => write!(out, "{{{min},{max}}}"),
                    None => write!(out, "{{{min},}}"),
                }
                .expect("writing to a String");
            }
        }
    }
}

/// Writes `c` as a `regex` crate escape, safe inside and outside classes.
fn push_char(out: &mut String, c: char) {
    if c.is_ascii_alphanumeric() {
        out.push(c);
    } else {
        write!(out, "\\x{{{:X}}}", c as u32).expect("writing to a String");
    }
}

fn ranges_class(ranges: &[(u32, u32)], negated: bool) -> String {
    let mut out = String::from(if negated { "[^" } else { "[" });
    for &(a, b) in ranges {
        // Tables hold only scalar values; a surrogate bound would be a bug.
        let (Some(a), Some(b)) = (char::from_u32(a), char::from_u32(b)) else {
            continue;
        };
        push_char(&mut out, a);
        if b != a {
            out.push('-');
            push_char(&mut out, b);
        }
    }
    out.push(']');
    out
}

/// The general categories XSD 1.0 allows in `\p{..}`.
const CATEGORIES: &[&str] = &[
    "L", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No", "P", "Pc",
    "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Z", "Zs", "Zl", "Zp", "S", "Sm", "Sc", "Sk", "So", "C",
    "Cc", "Cf", "Co", "Cn",
];

/// Groups and class subtractions may nest this deep: the parser recurses,
/// and a hostile schema must not overflow the stack.
const MAX_DEPTH: usize = 200;

struct Parser {
    chars: Vec<char>,
    pos: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.pos + offset).copied()
    }

    fn error<T>(&self, what: &str) -> Result<T, String> {
        Err(format!("{what} at character {}", self.pos + 1))
    }

    fn enter(&mut self) -> Result<(), String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.error(&format!("nesting deeper than {MAX_DEPTH} levels"));
        }
        Ok(())
    }

    fn parse_regexp(&mut self) -> Result<Node, String> {
        let mut branches = vec![self.parse_branch()?];
        while self.peek() == Some('|') {
            self.pos += 1;
            branches.push(self.parse_branch()?);
        }
        Ok(if branches.len() == 1 {
            branches.pop().unwrap_or(Node::Empty)
        } else {
            Node::Alt(branches)
        })
    }

    fn parse_branch(&mut self) -> Result<Node, String> {
        let mut pieces = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let atom = self.parse_atom()?;
            pieces.push(self.parse_quantifier(atom)?);
        }
        Ok(match pieces.len() {
            0 => Node::Empty,
            1 => pieces.pop().unwrap_or(Node::Empty),
            _ => Node::Concat(pieces),
        })
    }

    fn parse_quantifier(&mut self, atom: Node) -> Result<Node, String> {
        let (min, max) = match self.peek() {
            Some('?') => (0, Some(1)),
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('{') => {
                self.pos += 1;
                let min = self.parse_count()?;
                let max = if self.peek() == Some(',') {
                    self.pos += 1;
                    if self.peek() == Some('}') {
                        None
                    } else {
                        Some(self.parse_count()?)
                    }
                } else {
                    Some(min)
                };
                if self.peek() != Some('}') {
                    return self.error("expected \"}\"");
                }
                if max.is_some_and(|max| max < min) {
                    return self.error("the lower bound of a quantifier exceeds its upper bound");
                }
                (min, max)
            }
            _ => return Ok(atom),
        };
        self.pos += 1;
        Ok(Node::Repeat(Box::new(atom), min, max))
    }

    fn parse_count(&mut self) -> Result<u32, String> {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        if start == self.pos {
            return self.error("expected a digit");
        }
        let digits: String = self.chars[start..self.pos].iter().collect();
        // Counts beyond u32 behave like "very many": clamp instead of failing.
        Ok(digits.parse::<u32>().unwrap_or(u32::MAX))
    }

    fn parse_atom(&mut self) -> Result<Node, String> {
        let Some(c) = self.peek() else {
            return self.error("unexpected end of expression");
        };
        match c {
            '(' => {
                self.pos += 1;
                self.enter()?;
                let inner = self.parse_regexp()?;
                self.depth -= 1;
                if self.peek() != Some(')') {
                    return self.error("expected \")\"");
                }
                self.pos += 1;
                Ok(inner)
            }
            '[' => {
                self.pos += 1;
                Ok(Node::Class(self.parse_class_expr()?))
            }
            '.' => {
                self.pos += 1;
                Ok(Node::Class("[^\\n\\r]".to_owned()))
            }
            '\\' => {
                self.pos += 1;
                match self.parse_escape()? {
                    Escape::Char(c) => {
                        let mut s = String::new();
                        push_char(&mut s, c);
                        Ok(Node::Class(s))
                    }
                    Escape::Class(s) => Ok(Node::Class(s)),
                }
            }
            '?' | '*' | '+' | '{' | '}' | ')' | ']' => {
                self.error(&format!("\"{c}\" must be escaped with \"\\\" here"))
            }
            _ => {
                self.pos += 1;
                let mut s = String::new();
                push_char(&mut s, c);
                Ok(Node::Class(s))
            }
        }
    }

    /// After a backslash: a single-character escape or a class escape.
    fn parse_escape(&mut self) -> Result<Escape, String> {
        let Some(c) = self.peek() else {
            return self.error("unexpected end of expression after \"\\\"");
        };
        self.pos += 1;
        Ok(match c {
            'n' => Escape::Char('\n'),
            'r' => Escape::Char('\r'),
            't' => Escape::Char('\t'),
            '\\' | '|' | '.' | '?' | '*' | '+' | '(' | ')' | '{' | '}' | '-' | '[' | ']' | '^' => {
                Escape::Char(c)
            }
            's' => Escape::Class("[\\x{20}\\t\\n\\r]".to_owned()),
            'S' => Escape::Class("[^\\x{20}\\t\\n\\r]".to_owned()),
            'd' => Escape::Class("\\p{Nd}".to_owned()),
            'D' => Escape::Class("\\P{Nd}".to_owned()),
            'w' => Escape::Class("[^\\p{P}\\p{Z}\\p{C}]".to_owned()),
            'W' => Escape::Class("[\\p{P}\\p{Z}\\p{C}]".to_owned()),
            'i' => Escape::Class(ranges_class(XML1_NAME_START, false)),
            'I' => Escape::Class(ranges_class(XML1_NAME_START, true)),
            'c' => Escape::Class(ranges_class(XML1_NAME_CHAR, false)),
            'C' => Escape::Class(ranges_class(XML1_NAME_CHAR, true)),
            'p' | 'P' => Escape::Class(self.parse_property(c == 'P')?),
            _ => {
                self.pos -= 1;
                return self.error(&format!("invalid escape \"\\{c}\""));
            }
        })
    }

    fn parse_property(&mut self, negated: bool) -> Result<String, String> {
        if self.peek() != Some('{') {
            return self.error("expected \"{\" after \"\\p\"");
        }
        self.pos += 1;
        let start = self.pos;
        while self.peek().is_some_and(|c| c != '}') {
            self.pos += 1;
        }
        if self.peek().is_none() {
            return self.error("expected \"}\"");
        }
        let name: String = self.chars[start..self.pos].iter().collect();
        self.pos += 1;
        if let Some(block) = name.strip_prefix("Is") {
            let Some(ranges) = block_ranges(block) else {
                return Err(format!("unknown Unicode block \"{block}\""));
            };
            return Ok(ranges_class(&ranges, negated));
        }
        if !CATEGORIES.contains(&name.as_str()) {
            if name.is_empty() {
                return Err("empty property name in \"\\p{}\"".to_owned());
            }
            return Err(format!("unknown Unicode category \"{name}\""));
        }
        Ok(format!("\\{}{{{name}}}", if negated { 'P' } else { 'p' }))
    }

    /// After `[`: a class up to and including its `]`.
    fn parse_class_expr(&mut self) -> Result<String, String> {
        let negated = if self.peek() == Some('^') {
            self.pos += 1;
            true
        } else {
            false
        };
        let mut body = String::new();
        let mut items = 0usize;
        let mut subtract = None;
        loop {
            let Some(c) = self.peek() else {
                return self.error("expected \"]\"");
            };
            match c {
                ']' => {
                    if items == 0 {
                        return self.error("empty character class");
                    }
                    self.pos += 1;
                    break;
                }
                '[' => return self.error("\"[\" must be escaped with \"\\\" here"),
                '-' if self.peek_at(1) == Some('[') => {
                    if items == 0 {
                        return self.error("expected a character before \"-[\"");
                    }
                    self.pos += 2;
                    self.enter()?;
                    subtract = Some(self.parse_class_expr()?);
                    self.depth -= 1;
                    if self.peek() != Some(']') {
                        return self.error("a class subtraction must end its class");
                    }
                    self.pos += 1;
                    break;
                }
                '-' if items == 0 || self.peek_at(1) == Some(']') => {
                    self.pos += 1;
                    push_char(&mut body, '-');
                    items += 1;
                }
                '-' => return self.error("\"-\" must be escaped with \"\\\" here"),
                _ => {
                    let start = match self.class_atom()? {
                        Escape::Class(s) => {
                            body.push_str(&s);
                            items += 1;
                            continue;
                        }
                        Escape::Char(c) => c,
                    };
                    items += 1;
                    if self.peek() == Some('-') && !matches!(self.peek_at(1), Some(']' | '[')) {
                        self.pos += 1;
                        if self.peek() == Some('-') {
                            return self.error("\"-\" must be escaped with \"\\\" here");
                        }
                        let end = match self.class_atom()? {
                            Escape::Char(c) => c,
                            Escape::Class(_) => {
                                return self.error("a range must end with a single character");
                            }
                        };
                        if end < start {
                            return self.error("a range ends before it starts");
                        }
                        push_char(&mut body, start);
                        body.push('-');
                        push_char(&mut body, end);
                    } else {
                        push_char(&mut body, start);
                    }
                }
            }
        }
        let base = format!("[{}{body}]", if negated { "^" } else { "" });
        Ok(match subtract {
            Some(sub) => format!("[{base}--{sub}]"),
            None => base,
        })
    }

    /// One character or escape inside a class.
    fn class_atom(&mut self) -> Result<Escape, String> {
        let Some(c) = self.peek() else {
            return self.error("expected \"]\"");
        };
        if c == '[' || c == ']' {
            return self.error(&format!("\"{c}\" must be escaped with \"\\\" here"));
        }
        self.pos += 1;
        if c == '\\' {
            self.parse_escape()
        } else {
            Ok(Escape::Char(c))
        }
    }
}

enum Escape {
    Char(char),
    /// A class in `regex` crate syntax, usable inside or outside `[...]`.
    Class(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, value: &str) -> bool {
        compile(pattern).expect("pattern compiles").is_match(value)
    }

    #[test]
    fn anchoring_and_literal_metacharacters() {
        assert!(matches("a|b", "a"));
        assert!(!matches("a|b", "ab"));
        assert!(matches("$", "$"));
        assert!(matches("^", "^"));
        assert!(matches("[f&&g]", "&"));
        assert!(matches("[a~~b]", "~"));
    }

    #[test]
    fn groups_keep_alternatives_inside() {
        assert!(matches("a(b|c)d", "abd"));
        assert!(matches("a(b|c)d", "acd"));
        assert!(!matches("a(b|c)d", "ab"));
        assert!(!matches("a(b|c)d", "cd"));
        assert!(matches("x(a|b|)y", "xy"));
        assert!(matches("(ab|cd)+e", "abcdabe"));
        assert!(!matches("(ab|cd)+e", "abce"));
    }

    #[test]
    fn subtraction_and_escapes() {
        assert!(matches("[a-z-[aeiou]]+", "xyz"));
        assert!(!matches("[a-z-[aeiou]]+", "xaz"));
        assert!(matches("\\i\\c*", "foo:bar"));
        assert!(!matches("\\i\\c*", "1foo"));
        assert!(matches("[^\\p{C}\\p{Z}]+", "abc"));
        assert!(!matches("[^\\p{C}\\p{Z}]+", "a c"));
        assert!(matches("\\p{IsBasicLatin}+", "abc"));
        assert!(!matches("\\p{IsBasicLatin}", "é"));
        assert!(matches("\\w+", "abc9"));
        assert!(!matches("\\w", "!"));
    }

    #[test]
    fn rejects_what_xsd_forbids() {
        for bad in [
            "a??",
            "\\b",
            "(?:a)",
            "a{2,1}",
            "\\pL",
            "[a-[a]-[a]]",
            "[]",
            "x{1, 2}",
        ] {
            assert!(translate(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn every_category_and_block_compiles() {
        for cat in CATEGORIES {
            let p = format!("\\p{{{cat}}}\\P{{{cat}}}[\\p{{{cat}}}-[a]]");
            assert!(compile(&p).is_ok(), "{p}");
        }
        for (block, _, _) in super::super::blocks::BLOCKS {
            let p = format!("\\p{{Is{block}}}[^\\P{{Is{block}}}]");
            assert!(compile(&p).is_ok(), "{p}");
        }
        assert!(matches("\\p{IsLatin-1Supplement}", "é"));
        assert!(matches("\\p{IsPrivateUse}", "\u{F0000}"));
        assert!(matches("\\p{Cn}", "\u{378}"));
        assert!(matches("\\p{IsSpecials}", "\u{FEFF}"));
        assert!(matches("\\p{IsSpecials}", "\u{FFFD}"));
        assert!(translate("\\p{IsNoSuchBlock}").is_err());
        assert!(translate("\\p{Xx}").is_err());
    }

    #[test]
    fn hostile_patterns_fail_cleanly() {
        let deep = format!("{}a{}", "(".repeat(100_000), ")".repeat(100_000));
        assert!(translate(&deep).is_err());
        let deep_class = format!("{}]", "[a-".repeat(100_000));
        assert!(translate(&deep_class).is_err());
        assert!(compile("((a{1000}){1000}){1000}").is_err());
    }

    #[test]
    fn huge_counts_are_exact_for_long_values_too() {
        let x = |n: usize| "x".repeat(n);
        assert!(matches("x{0,1500}", &x(1500)));
        assert!(!matches("x{0,1500}", &x(1501)));
        assert!(matches("x{2000}", &x(2000)));
        assert!(!matches("x{2000}", &x(1999)));
        assert!(!matches("x{2147483648}", &x(3000)));
        assert!(matches("x{1001,}y", &format!("{}y", x(1001))));
        assert!(!matches("x{1001,}y", &format!("{}y", x(1000))));
    }

    #[test]
    fn huge_counts_are_exact_for_short_values() {
        assert!(!matches("x{2147483648}", "x"));
        assert!(matches("x{0,2147483648}", "xx"));
        assert!(matches("(x?){5000}", "x"));
    }
}
