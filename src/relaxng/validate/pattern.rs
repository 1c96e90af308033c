//! Interned, hash-consed patterns: every distinct pattern is stored once in
//! an arena and named by a `u32` id, so that patterns compare and hash in
//! O(1) and derivatives can be memoised by id.

use super::hash::FastMap;

/// The id of an interned pattern.
pub type PatId = u32;

/// `empty`, always id 0.
pub const EMPTY: PatId = 0;
/// `notAllowed`, always id 1.
pub const NOT_ALLOWED: PatId = 1;
/// `text`, always id 2.
pub const TEXT: PatId = 2;

/// One node of an interned pattern; children are ids into the same arena.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pat {
    /// `empty`
    Empty,
    /// `notAllowed`
    NotAllowed,
    /// `text`
    Text,
    /// `choice`
    Choice(PatId, PatId),
    /// `interleave`
    Interleave(PatId, PatId),
    /// `group`
    Group(PatId, PatId),
    /// Clark's `after`: the content of an open element, then what follows it.
    After(PatId, PatId),
    /// `oneOrMore`
    OneOrMore(PatId),
    /// `list`
    List(PatId),
    /// `data`: index into the datatype table, and the `except` pattern.
    Data(u32, Option<PatId>),
    /// `value`: index into the value table.
    Value(u32),
    /// `attribute`: name-class index and value pattern.
    Attribute(u32, PatId),
    /// An element: index of its definition.
    Element(u32),
}

/// Pattern can match the empty sequence.
pub const NULLABLE: u8 = 1;
/// An `attribute` occurs outside any element (derivatives by attribute matter).
pub const HAS_ATTR: u8 = 2;
/// `data`, `value` or `list` occur outside any element (text derivatives
/// depend on the text itself).
pub const HAS_DATA: u8 = 4;
/// `text`, `data`, `value` or `list` occur outside any element.
pub const HAS_TEXT: u8 = 8;

/// `data` or `value` whose datatype reads the namespace context (`QName`,
/// `NOTATION`) occurs outside any element: derivatives depend on more than
/// the text, so they are not memoised by text.
pub const CONTEXT: u8 = 16;

/// Too many patterns: ids would overflow the limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Overflow;

/// The arena of interned patterns.
pub struct Arena {
    pats: Vec<Pat>,
    flags: Vec<u8>,
    map: FastMap<Pat, PatId>,
    limit: u32,
    overflowed: bool,
}

impl Default for Arena {
    fn default() -> Self {
        Self::with_limit(u32::MAX)
    }
}

impl Arena {
    /// An arena that refuses to hold more than `limit` patterns (at most
    /// `u32::MAX`), so ids never wrap around.
    pub fn with_limit(limit: u32) -> Self {
        let mut a = Arena {
            pats: Vec::new(),
            flags: Vec::new(),
            map: FastMap::default(),
            limit: limit.max(3),
            overflowed: false,
        };
        for p in [Pat::Empty, Pat::NotAllowed, Pat::Text] {
            a.intern(p);
        }
        a
    }

    /// Whether an allocation was refused; every derivative computed since
    /// then is unreliable and validation must stop.
    pub fn overflowed(&self) -> bool {
        self.overflowed
    }

    /// How many patterns are interned.
    pub fn len(&self) -> usize {
        self.pats.len()
    }

    /// Whether the arena is empty (never: the constants are always there).
    pub fn is_empty(&self) -> bool {
        self.pats.is_empty()
    }

    /// The node of `id`.
    #[inline]
    pub fn get(&self, id: PatId) -> Pat {
        self.pats[id as usize]
    }

    /// The flags of `id` ([`NULLABLE`], [`HAS_ATTR`], [`HAS_DATA`], [`HAS_TEXT`]).
    #[inline]
    pub fn flags(&self, id: PatId) -> u8 {
        self.flags[id as usize]
    }

    /// Whether `id` matches the empty sequence.
    #[inline]
    pub fn nullable(&self, id: PatId) -> bool {
        self.flags(id) & NULLABLE != 0
    }

    /// Interns `p` as given (no simplification). On overflow, records it and
    /// returns [`NOT_ALLOWED`].
    pub fn intern(&mut self, p: Pat) -> PatId {
        if let Some(&id) = self.map.get(&p) {
            return id;
        }
        let id = match u32::try_from(self.pats.len()) {
            Ok(id) if id < self.limit => id,
            _ => {
                self.overflowed = true;
                return NOT_ALLOWED;
            }
        };
        let f = |x: PatId| self.flags[x as usize];
        let flags = match p {
            Pat::Empty => NULLABLE,
            Pat::NotAllowed => 0,
            Pat::Text => NULLABLE | HAS_TEXT,
            Pat::Choice(a, b) => f(a) | f(b),
            Pat::Interleave(a, b) | Pat::Group(a, b) => {
                ((f(a) | f(b)) & !NULLABLE) | (f(a) & f(b) & NULLABLE)
            }
            Pat::After(a, _) => f(a) & !NULLABLE,
            Pat::OneOrMore(a) => f(a),
            Pat::List(_) | Pat::Data(..) | Pat::Value(_) => HAS_DATA | HAS_TEXT,
            Pat::Attribute(_, c) => HAS_ATTR | (f(c) & CONTEXT),
            Pat::Element(_) => 0,
        };
        self.pats.push(p);
        self.flags.push(flags);
        self.map.insert(p, id);
        id
    }

    /// Adds [`CONTEXT`] to the flags of a `data` or `value` pattern (before
    /// any pattern containing it is interned).
    pub fn mark_context(&mut self, id: PatId) {
        self.flags[id as usize] |= CONTEXT;
    }

    /// `choice`, simplified and canonical (alternatives flattened, sorted
    /// and deduplicated), so that equal sets of alternatives get one id.
    pub fn choice(&mut self, a: PatId, b: PatId) -> PatId {
        if a == NOT_ALLOWED || a == b {
            return b;
        }
        if b == NOT_ALLOWED {
            return a;
        }
        let is_choice = |x: PatId, s: &Self| matches!(s.get(x), Pat::Choice(..));
        if !is_choice(a, self) && !is_choice(b, self) {
            let (x, y) = if a < b { (a, b) } else { (b, a) };
            return self.intern(Pat::Choice(x, y));
        }
        let mut alts = Vec::new();
        self.alternatives(a, &mut alts);
        self.alternatives(b, &mut alts);
        alts.sort_unstable();
        alts.dedup();
        let mut it = alts.into_iter().rev();
        let mut acc = it.next().unwrap_or(NOT_ALLOWED);
        for x in it {
            acc = self.intern(Pat::Choice(x, acc));
        }
        acc
    }

    /// The alternatives of a (possibly nested) choice.
    pub fn alternatives(&self, p: PatId, out: &mut Vec<PatId>) {
        let mut stack = vec![p];
        while let Some(x) = stack.pop() {
            match self.get(x) {
                Pat::Choice(a, b) => {
                    stack.push(b);
                    stack.push(a);
                }
                _ => out.push(x),
            }
        }
    }

    /// `choice` without canonicalisation (for compiling big schema choices).
    pub fn choice_raw(&mut self, a: PatId, b: PatId) -> PatId {
        if a == NOT_ALLOWED || a == b {
            return b;
        }
        if b == NOT_ALLOWED {
            return a;
        }
        self.intern(Pat::Choice(a, b))
    }

    /// `group`, simplified.
    pub fn group(&mut self, a: PatId, b: PatId) -> PatId {
        if a == NOT_ALLOWED || b == NOT_ALLOWED {
            NOT_ALLOWED
        } else if a == EMPTY {
            b
        } else if b == EMPTY {
            a
        } else {
            self.intern(Pat::Group(a, b))
        }
    }

    /// `interleave`, simplified.
    pub fn interleave(&mut self, a: PatId, b: PatId) -> PatId {
        if a == NOT_ALLOWED || b == NOT_ALLOWED {
            NOT_ALLOWED
        } else if a == EMPTY {
            b
        } else if b == EMPTY {
            a
        } else {
            self.intern(Pat::Interleave(a, b))
        }
    }

    /// Clark's `after`, simplified.
    pub fn after(&mut self, a: PatId, b: PatId) -> PatId {
        if a == NOT_ALLOWED || b == NOT_ALLOWED {
            NOT_ALLOWED
        } else {
            self.intern(Pat::After(a, b))
        }
    }

    /// `oneOrMore`, simplified.
    pub fn one_or_more(&mut self, a: PatId) -> PatId {
        if a == NOT_ALLOWED || a == EMPTY {
            a
        } else {
            self.intern(Pat::OneOrMore(a))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interning_shares_equal_patterns() {
        let mut a = Arena::default();
        let e = a.intern(Pat::Element(0));
        let g1 = a.group(e, TEXT);
        let g2 = a.group(e, TEXT);
        assert_eq!(g1, g2);
        assert_eq!(a.group(e, NOT_ALLOWED), NOT_ALLOWED);
        assert_eq!(a.group(EMPTY, e), e);
        let c = a.choice(e, EMPTY);
        assert!(a.nullable(c));
        assert!(!a.nullable(g1));
    }

    #[test]
    fn choice_is_canonical() {
        let mut a = Arena::default();
        let x = a.intern(Pat::Element(0));
        let y = a.intern(Pat::Element(1));
        let z = a.intern(Pat::Element(2));
        let c1 = a.choice(x, y);
        let c1 = a.choice(c1, z);
        let c2 = a.choice(z, y);
        let c2 = a.choice(x, c2);
        let c2 = a.choice(c2, y);
        assert_eq!(c1, c2);
    }

    #[test]
    fn ids_never_wrap_past_the_limit() {
        let mut a = Arena::with_limit(5);
        let x = a.intern(Pat::Element(0));
        let y = a.intern(Pat::Element(1));
        assert!(!a.overflowed());
        let z = a.intern(Pat::Element(2));
        assert_eq!(z, NOT_ALLOWED);
        assert!(a.overflowed());
        assert_ne!(x, y);
        assert_eq!(a.len(), 5);
    }
}
