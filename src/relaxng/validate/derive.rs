//! James Clark's derivatives ("An algorithm for RELAX NG validation") over
//! interned patterns: start-tag-open, attribute, start-tag-close, text and
//! end-tag, the first, third and last memoised by pattern id.
//!
//! Derivatives recurse on the structure of a pattern's first component
//! only; the chain of `after` continuations (which grows with the
//! document's depth) is never walked, so deep documents do not deepen the
//! recursion.

use super::hash::FastMap;
use super::ids::IdTable;
use super::pattern::{Arena, CONTEXT, EMPTY, HAS_ATTR, HAS_DATA, NOT_ALLOWED, Pat, PatId, TEXT};
use crate::relaxng::model::{NameClass, Schema};
use crate::xsd::{Datatype, NamespaceContext, Namespaces};

/// An interned `(namespace, local name)`.
pub type NameId = u32;

/// Recent attribute derivatives for one (pattern, name): (value, result).
type AttResults = Vec<(Box<str>, PatId)>;

/// The content id of a definition not compiled yet.
pub const UNCOMPILED: PatId = PatId::MAX;

/// Memo tables are dropped when they hold more entries than this, so that
/// memory stays bounded on documents with endlessly varied content.
const MEMO_LIMIT: usize = 1 << 21;

/// The compiled schema and every memo table.
pub struct Engine {
    /// Interned patterns.
    pub arena: Arena,
    /// The start pattern.
    pub start: PatId,
    /// Definitions: (name-class index, content pattern or [`UNCOMPILED`]).
    pub defines: Vec<(u32, PatId)>,
    /// The simplified schema, whose definitions compile on first use.
    pub schema: Schema,
    /// Name classes, by index.
    pub name_classes: Vec<NameClass>,
    /// Datatypes of `data` patterns, by index.
    pub datatypes: Vec<Datatype>,
    /// `value` patterns: datatype, value, its namespace context.
    pub values: Vec<(Datatype, String, Namespaces)>,
    /// DTD-compatibility ID attributes.
    pub ids: IdTable,
    /// Index of each single-name name class, for sharing.
    pub single_names: FastMap<(String, String), u32>,
    names: Vec<(String, String)>,
    name_map: FastMap<String, NameId>,
    key: String,
    contains_memo: FastMap<(u32, NameId), bool>,
    stod_memo: FastMap<(PatId, NameId), PatId>,
    stcd_memo: FastMap<PatId, PatId>,
    stcd_lenient_memo: FastMap<PatId, PatId>,
    text_memo: FastMap<PatId, PatId>,
    /// Attribute derivatives by (pattern, name), then by value: a few
    /// recent short values each (attribute values repeat: `rend`, `type`).
    att_memo: FastMap<(PatId, NameId), AttResults>,
}

impl Engine {
    /// An engine with no schema yet.
    pub fn empty(arena: Arena) -> Engine {
        Engine {
            arena,
            start: NOT_ALLOWED,
            defines: Vec::new(),
            schema: Schema {
                start: crate::relaxng::model::Pattern::NotAllowed,
                defines: Vec::new(),
            },
            name_classes: Vec::new(),
            datatypes: Vec::new(),
            values: Vec::new(),
            ids: IdTable::default(),
            single_names: FastMap::default(),
            names: Vec::new(),
            name_map: FastMap::default(),
            key: String::new(),
            contains_memo: FastMap::default(),
            stod_memo: FastMap::default(),
            stcd_memo: FastMap::default(),
            stcd_lenient_memo: FastMap::default(),
            text_memo: FastMap::default(),
            att_memo: FastMap::default(),
        }
    }

    /// Interns a name; no allocation when it is already known.
    pub fn name(&mut self, ns: &str, local: &str) -> NameId {
        self.key.clear();
        self.key.push_str(ns);
        self.key.push('\u{0}');
        self.key.push_str(local);
        if let Some(&id) = self.name_map.get(self.key.as_str()) {
            return id;
        }
        let id = self.names.len() as NameId;
        self.names.push((ns.to_owned(), local.to_owned()));
        self.name_map.insert(self.key.clone(), id);
        id
    }

    /// The `(namespace, local)` of an interned name.
    pub fn name_parts(&self, id: NameId) -> (&str, &str) {
        let (n, l) = &self.names[id as usize];
        (n, l)
    }

    /// Drops the memo tables if they have grown past their limit.
    pub fn trim_memos(&mut self) {
        let total = self.stod_memo.len()
            + self.stcd_memo.len()
            + self.text_memo.len()
            + self.att_memo.len()
            + self.contains_memo.len()
            + self.stcd_lenient_memo.len();
        if total > MEMO_LIMIT {
            self.stod_memo.clear();
            self.stcd_memo.clear();
            self.text_memo.clear();
            self.att_memo.clear();
            self.contains_memo.clear();
            self.stcd_lenient_memo.clear();
        }
    }

    /// Whether name class `nc` contains `name`.
    pub fn contains(&mut self, nc: u32, name: NameId) -> bool {
        if let Some(&b) = self.contains_memo.get(&(nc, name)) {
            return b;
        }
        let (ns, local) = &self.names[name as usize];
        let b = nc_contains(&self.name_classes[nc as usize], ns, local);
        self.contains_memo.insert((nc, name), b);
        b
    }

    /// Start-tag-open derivative.
    pub fn stod(&mut self, p: PatId, name: NameId) -> PatId {
        if let Some(&r) = self.stod_memo.get(&(p, name)) {
            return r;
        }
        let r = match self.arena.get(p) {
            Pat::Choice(a, b) => {
                let a = self.stod(a, name);
                let b = self.stod(b, name);
                self.arena.choice(a, b)
            }
            Pat::Element(d) => {
                let nc = self.defines[d as usize].0;
                if self.contains(nc, name) {
                    let content = self.content(d);
                    self.arena.after(content, EMPTY)
                } else {
                    NOT_ALLOWED
                }
            }
            Pat::Interleave(a, b) => {
                let da = self.stod(a, name);
                let x = self.apply_after(da, |e, q| e.arena.interleave(q, b));
                let db = self.stod(b, name);
                let y = self.apply_after(db, |e, q| e.arena.interleave(a, q));
                self.arena.choice(x, y)
            }
            Pat::OneOrMore(a) => {
                let da = self.stod(a, name);
                let rest = self.arena.choice(p, EMPTY);
                self.apply_after(da, |e, q| e.arena.group(q, rest))
            }
            Pat::Group(a, b) => {
                let da = self.stod(a, name);
                let x = self.apply_after(da, |e, q| e.arena.group(q, b));
                if self.arena.nullable(a) {
                    let y = self.stod(b, name);
                    self.arena.choice(x, y)
                } else {
                    x
                }
            }
            Pat::After(a, b) => {
                let da = self.stod(a, name);
                self.apply_after(da, |e, q| e.arena.after(q, b))
            }
            _ => NOT_ALLOWED,
        };
        self.stod_memo.insert((p, name), r);
        r
    }

    /// Applies `f` to the continuation of every `after` in the choice `p`.
    fn apply_after(&mut self, p: PatId, f: impl Fn(&mut Engine, PatId) -> PatId + Copy) -> PatId {
        match self.arena.get(p) {
            Pat::After(a, b) => {
                let b = f(self, b);
                self.arena.after(a, b)
            }
            Pat::Choice(a, b) => {
                let a = self.apply_after(a, f);
                let b = self.apply_after(b, f);
                self.arena.choice(a, b)
            }
            _ => NOT_ALLOWED,
        }
    }

    /// Attribute derivative, memoised for short values when the result
    /// cannot depend on the namespace context.
    pub fn att(
        &mut self,
        p: PatId,
        name: NameId,
        value: &str,
        ctx: &dyn NamespaceContext,
    ) -> PatId {
        const SHORT: usize = 64;
        const PER_KEY: usize = 8;
        let flags = self.arena.flags(p);
        if flags & HAS_ATTR == 0 {
            return NOT_ALLOWED;
        }
        if flags & CONTEXT != 0 || value.len() > SHORT {
            return self.att_uncached(p, name, value, ctx);
        }
        if let Some((_, r)) = self
            .att_memo
            .get(&(p, name))
            .and_then(|v| v.iter().find(|(s, _)| &**s == value))
        {
            return *r;
        }
        let r = self.att_uncached(p, name, value, ctx);
        let v = self.att_memo.entry((p, name)).or_default();
        if v.len() >= PER_KEY {
            v.remove(0);
        }
        v.push((value.into(), r));
        r
    }

    fn att_uncached(
        &mut self,
        p: PatId,
        name: NameId,
        value: &str,
        ctx: &dyn NamespaceContext,
    ) -> PatId {
        if self.arena.flags(p) & HAS_ATTR == 0 {
            return NOT_ALLOWED;
        }
        match self.arena.get(p) {
            Pat::After(a, b) => {
                let a = self.att_uncached(a, name, value, ctx);
                self.arena.after(a, b)
            }
            Pat::Choice(a, b) => {
                let a = self.att_uncached(a, name, value, ctx);
                let b = self.att_uncached(b, name, value, ctx);
                self.arena.choice(a, b)
            }
            Pat::Group(a, b) => {
                let da = self.att_uncached(a, name, value, ctx);
                let x = self.arena.group(da, b);
                let db = self.att_uncached(b, name, value, ctx);
                let y = self.arena.group(a, db);
                self.arena.choice(x, y)
            }
            Pat::Interleave(a, b) => {
                let da = self.att_uncached(a, name, value, ctx);
                let x = self.arena.interleave(da, b);
                let db = self.att_uncached(b, name, value, ctx);
                let y = self.arena.interleave(a, db);
                self.arena.choice(x, y)
            }
            Pat::OneOrMore(a) => {
                let da = self.att_uncached(a, name, value, ctx);
                let rest = self.arena.choice(p, EMPTY);
                self.arena.group(da, rest)
            }
            Pat::Attribute(nc, content) => {
                if self.contains(nc, name) && self.value_match(content, value, ctx) {
                    EMPTY
                } else {
                    NOT_ALLOWED
                }
            }
            _ => NOT_ALLOWED,
        }
    }

    /// Attribute derivative that ignores the value (for recovery: an
    /// attribute with a bad value still counts as present).
    pub fn att_any_value(&mut self, p: PatId, name: NameId) -> PatId {
        if self.arena.flags(p) & HAS_ATTR == 0 {
            return NOT_ALLOWED;
        }
        match self.arena.get(p) {
            Pat::After(a, b) => {
                let a = self.att_any_value(a, name);
                self.arena.after(a, b)
            }
            Pat::Choice(a, b) => {
                let a = self.att_any_value(a, name);
                let b = self.att_any_value(b, name);
                self.arena.choice(a, b)
            }
            Pat::Group(a, b) => {
                let da = self.att_any_value(a, name);
                let x = self.arena.group(da, b);
                let db = self.att_any_value(b, name);
                let y = self.arena.group(a, db);
                self.arena.choice(x, y)
            }
            Pat::Interleave(a, b) => {
                let da = self.att_any_value(a, name);
                let x = self.arena.interleave(da, b);
                let db = self.att_any_value(b, name);
                let y = self.arena.interleave(a, db);
                self.arena.choice(x, y)
            }
            Pat::OneOrMore(a) => {
                let da = self.att_any_value(a, name);
                let rest = self.arena.choice(p, EMPTY);
                self.arena.group(da, rest)
            }
            Pat::Attribute(nc, _) if self.contains(nc, name) => EMPTY,
            _ => NOT_ALLOWED,
        }
    }

    /// The value patterns of the attributes of `p` whose name class
    /// contains `name` (empty when the name is not allowed at all).
    pub fn attribute_values(&mut self, p: PatId, name: NameId) -> Vec<PatId> {
        let mut found = Vec::new();
        let mut stack = vec![p];
        while let Some(x) = stack.pop() {
            if self.arena.flags(x) & HAS_ATTR == 0 {
                continue;
            }
            match self.arena.get(x) {
                Pat::After(a, _) | Pat::OneOrMore(a) => stack.push(a),
                Pat::Choice(a, b) | Pat::Group(a, b) | Pat::Interleave(a, b) => {
                    stack.push(a);
                    stack.push(b)
                }
                Pat::Attribute(nc, c) if self.contains(nc, name) => found.push(c),
                _ => {}
            }
        }
        found
    }

    /// Whether `s` matches `p` as a whole attribute value or text.
    pub fn value_match(&mut self, p: PatId, s: &str, ctx: &dyn NamespaceContext) -> bool {
        (self.arena.nullable(p) && is_whitespace(s)) || {
            let d = self.text(p, s, ctx);
            self.arena.nullable(d)
        }
    }

    /// Start-tag-close derivative; with `lenient`, missing attributes are
    /// forgiven (for recovery after reporting them).
    pub fn stcd(&mut self, p: PatId, lenient: bool) -> PatId {
        if self.arena.flags(p) & HAS_ATTR == 0 {
            return p;
        }
        let memo = if lenient {
            &self.stcd_lenient_memo
        } else {
            &self.stcd_memo
        };
        if let Some(&r) = memo.get(&p) {
            return r;
        }
        let r = match self.arena.get(p) {
            Pat::After(a, b) => {
                let a = self.stcd(a, lenient);
                self.arena.after(a, b)
            }
            Pat::Choice(a, b) => {
                let a = self.stcd(a, lenient);
                let b = self.stcd(b, lenient);
                self.arena.choice(a, b)
            }
            Pat::Group(a, b) => {
                let a = self.stcd(a, lenient);
                let b = self.stcd(b, lenient);
                self.arena.group(a, b)
            }
            Pat::Interleave(a, b) => {
                let a = self.stcd(a, lenient);
                let b = self.stcd(b, lenient);
                self.arena.interleave(a, b)
            }
            Pat::OneOrMore(a) => {
                let a = self.stcd(a, lenient);
                self.arena.one_or_more(a)
            }
            Pat::Attribute(..) => {
                if lenient {
                    EMPTY
                } else {
                    NOT_ALLOWED
                }
            }
            _ => p,
        };
        if lenient {
            self.stcd_lenient_memo.insert(p, r);
        } else {
            self.stcd_memo.insert(p, r);
        }
        r
    }

    /// jing's derivative for untyped text (text before or after a child
    /// element of an element whose content is data): only a `text`
    /// pattern takes it; `data`, `value` and `list` do not.
    pub fn mixed_text(&mut self, p: PatId) -> PatId {
        match self.arena.get(p) {
            Pat::Choice(a, b) => {
                let a = self.mixed_text(a);
                let b = self.mixed_text(b);
                self.arena.choice(a, b)
            }
            Pat::Interleave(a, b) => {
                let da = self.mixed_text(a);
                let x = self.arena.interleave(da, b);
                let db = self.mixed_text(b);
                let y = self.arena.interleave(a, db);
                self.arena.choice(x, y)
            }
            Pat::Group(a, b) => {
                let da = self.mixed_text(a);
                let x = self.arena.group(da, b);
                if self.arena.nullable(a) {
                    let y = self.mixed_text(b);
                    self.arena.choice(x, y)
                } else {
                    x
                }
            }
            Pat::After(a, b) => {
                let a = self.mixed_text(a);
                self.arena.after(a, b)
            }
            Pat::OneOrMore(a) => {
                let da = self.mixed_text(a);
                let rest = self.arena.choice(p, EMPTY);
                self.arena.group(da, rest)
            }
            Pat::Text => TEXT,
            _ => NOT_ALLOWED,
        }
    }

    /// Text derivative. Memoised by pattern alone where the text's content
    /// cannot matter (no `data`, `value` or `list` in reach).
    pub fn text(&mut self, p: PatId, s: &str, ctx: &dyn NamespaceContext) -> PatId {
        let data = self.arena.flags(p) & HAS_DATA != 0;
        if let (false, Some(&r)) = (data, self.text_memo.get(&p)) {
            return r;
        }
        let r = match self.arena.get(p) {
            Pat::Choice(a, b) => {
                let a = self.text(a, s, ctx);
                let b = self.text(b, s, ctx);
                self.arena.choice(a, b)
            }
            Pat::Interleave(a, b) => {
                let da = self.text(a, s, ctx);
                let x = self.arena.interleave(da, b);
                let db = self.text(b, s, ctx);
                let y = self.arena.interleave(a, db);
                self.arena.choice(x, y)
            }
            Pat::Group(a, b) => {
                let da = self.text(a, s, ctx);
                let x = self.arena.group(da, b);
                if self.arena.nullable(a) {
                    let y = self.text(b, s, ctx);
                    self.arena.choice(x, y)
                } else {
                    x
                }
            }
            Pat::After(a, b) => {
                let a = self.text(a, s, ctx);
                self.arena.after(a, b)
            }
            Pat::OneOrMore(a) => {
                let da = self.text(a, s, ctx);
                let rest = self.arena.choice(p, EMPTY);
                self.arena.group(da, rest)
            }
            Pat::Text => TEXT,
            Pat::Value(v) => {
                let (dt, val, vctx) = &self.values[v as usize];
                if dt.equal(s, ctx, val, vctx) {
                    EMPTY
                } else {
                    NOT_ALLOWED
                }
            }
            Pat::Data(dt, except) => {
                let ok = self.datatypes[dt as usize].allows(s, ctx).is_ok()
                    && match except {
                        None => true,
                        Some(x) => {
                            let d = self.text(x, s, ctx);
                            !self.arena.nullable(d)
                        }
                    };
                if ok { EMPTY } else { NOT_ALLOWED }
            }
            Pat::List(a) => {
                let mut q = a;
                for tok in s.split(is_xml_space).filter(|t| !t.is_empty()) {
                    q = self.text(q, tok, ctx);
                    if q == NOT_ALLOWED {
                        break;
                    }
                }
                if self.arena.nullable(q) {
                    EMPTY
                } else {
                    NOT_ALLOWED
                }
            }
            _ => NOT_ALLOWED,
        };
        if !data {
            self.text_memo.insert(p, r);
        }
        r
    }

    /// End-tag derivative; with `lenient`, unfinished content is forgiven.
    pub fn end_tag(&mut self, p: PatId, lenient: bool) -> PatId {
        match self.arena.get(p) {
            Pat::Choice(a, b) => {
                let a = self.end_tag(a, lenient);
                let b = self.end_tag(b, lenient);
                self.arena.choice(a, b)
            }
            Pat::After(a, b) => {
                if lenient || self.arena.nullable(a) {
                    b
                } else {
                    NOT_ALLOWED
                }
            }
            _ => NOT_ALLOWED,
        }
    }

    /// Start-tag-open derivative that may skip required content before
    /// the element (for recovering from "not allowed yet"): content after
    /// the element stays required, as in jing.
    pub fn skip_stod(&mut self, p: PatId, name: NameId) -> PatId {
        match self.arena.get(p) {
            Pat::Choice(a, b) => {
                let a = self.skip_stod(a, name);
                let b = self.skip_stod(b, name);
                self.arena.choice(a, b)
            }
            Pat::Element(_) => self.stod(p, name),
            Pat::Interleave(a, b) => {
                let da = self.skip_stod(a, name);
                let x = self.apply_after(da, |e, q| e.arena.interleave(q, b));
                let db = self.skip_stod(b, name);
                let y = self.apply_after(db, |e, q| e.arena.interleave(a, q));
                self.arena.choice(x, y)
            }
            Pat::OneOrMore(a) => {
                let da = self.skip_stod(a, name);
                let rest = self.arena.choice(p, EMPTY);
                self.apply_after(da, |e, q| e.arena.group(q, rest))
            }
            Pat::Group(a, b) => {
                let da = self.skip_stod(a, name);
                let x = self.apply_after(da, |e, q| e.arena.group(q, b));
                let y = self.skip_stod(b, name);
                self.arena.choice(x, y)
            }
            Pat::After(a, b) => {
                let da = self.skip_stod(a, name);
                self.apply_after(da, |e, q| e.arena.after(q, b))
            }
            _ => NOT_ALLOWED,
        }
    }

    /// The contents of every definition whose name class contains `name`
    /// (a choice), or `None` if the name is defined nowhere.
    pub fn definitions_for(&mut self, name: NameId) -> Option<PatId> {
        let mut r = None;
        for i in 0..self.defines.len() {
            let nc = self.defines[i].0;
            if self.contains(nc, name) {
                let content = self.content(i as u32);
                r = Some(match r {
                    None => content,
                    Some(x) => self.arena.choice(x, content),
                });
            }
        }
        r
    }
}

/// Whether the name class contains `{ns}local`.
pub fn nc_contains(nc: &NameClass, ns: &str, local: &str) -> bool {
    match nc {
        NameClass::AnyName { except } => except.as_ref().is_none_or(|x| !nc_contains(x, ns, local)),
        NameClass::NsName { ns: n, except } => {
            n == ns && except.as_ref().is_none_or(|x| !nc_contains(x, ns, local))
        }
        NameClass::Name { ns: n, local: l } => n == ns && l == local,
        NameClass::Choice(a, b) => nc_contains(a, ns, local) || nc_contains(b, ns, local),
    }
}

/// XML whitespace (space, tab, newline, carriage return).
pub fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// Whether `s` is empty or only XML whitespace.
pub fn is_whitespace(s: &str) -> bool {
    s.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}
