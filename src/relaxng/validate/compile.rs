//! Compiling a simplified [`Schema`] into interned patterns and the tables
//! the derivatives read (name classes, datatypes, values, definitions).

use super::derive::{Engine, UNCOMPILED};
use super::pattern::{Arena, EMPTY, NOT_ALLOWED, Pat, PatId, TEXT};
use crate::relaxng::model::{NameClass, Node, Pattern, Schema, SharedSchema};

impl Engine {
    /// Compiles `schema`: its name classes and start pattern now, each
    /// element's content the first time a document reaches that element
    /// (a document uses a small part of a schema like tei_all). `limit`
    /// bounds the number of interned patterns (see [`Arena::with_limit`]).
    pub fn compile(schema: Schema, limit: u32) -> Engine {
        let mut e = Engine::empty(Arena::with_limit(limit));
        // Element nodes name their definition by index, so definitions can
        // refer to each other (and themselves) before they are compiled.
        for d in &schema.defines {
            let nc = e.add_name_class(&d.name_class);
            e.defines.push((nc, UNCOMPILED));
        }
        e.start = e.compile_pattern(&schema.start);
        e.build_id_table(&schema);
        e.schema = schema;
        e
    }

    /// Compiles a schema in shared form: each node once, in one forward
    /// pass (children come before parents, so no recursion), all
    /// definitions at once (tei_all has about 10,000 shared nodes, against
    /// 230,000 in tree form).
    pub fn compile_shared(schema: SharedSchema, limit: u32) -> Engine {
        let mut e = Engine::empty(Arena::with_limit(limit));
        for d in &schema.defines {
            let nc = e.add_name_class(&d.name_class);
            e.defines.push((nc, UNCOMPILED));
        }
        let mut ids: Vec<PatId> = Vec::with_capacity(schema.nodes.len());
        for n in &schema.nodes {
            let id = e.compile_node(n, &ids);
            ids.push(id);
        }
        e.start = ids[schema.start as usize];
        for (i, d) in schema.defines.iter().enumerate() {
            e.defines[i].1 = ids[d.content as usize];
        }
        e.build_id_table_shared(&schema);
        e
    }

    /// Compiles one shared node whose children are compiled in `ids`.
    fn compile_node(&mut self, n: &Node, ids: &[PatId]) -> PatId {
        let at = |c: &u32| ids[*c as usize];
        match n {
            Node::Empty => EMPTY,
            Node::NotAllowed => NOT_ALLOWED,
            Node::Text => TEXT,
            Node::Choice(a, b) => self.arena.choice_raw(at(a), at(b)),
            Node::Interleave(a, b) => self.arena.interleave(at(a), at(b)),
            Node::Group(a, b) => self.arena.group(at(a), at(b)),
            Node::OneOrMore(a) => self.arena.one_or_more(at(a)),
            Node::List(a) => {
                let a = at(a);
                if a == NOT_ALLOWED {
                    NOT_ALLOWED
                } else {
                    self.arena.intern(Pat::List(a))
                }
            }
            Node::Data { datatype, except } => {
                let ex = except.as_ref().map(at);
                let dt = self.datatypes.len() as u32;
                self.datatypes.push(datatype.clone());
                let id = self.arena.intern(Pat::Data(dt, ex));
                if reads_context(datatype) {
                    self.arena.mark_context(id);
                }
                id
            }
            Node::Value {
                datatype,
                value,
                context,
            } => {
                let v = self.values.len() as u32;
                self.values
                    .push((datatype.clone(), value.clone(), context.clone()));
                let id = self.arena.intern(Pat::Value(v));
                if reads_context(datatype) {
                    self.arena.mark_context(id);
                }
                id
            }
            Node::Attribute(nc, content) => {
                let nc = self.add_name_class(nc);
                self.arena.intern(Pat::Attribute(nc, at(content)))
            }
            Node::Ref(i) => {
                if *i < self.defines.len() {
                    self.arena.intern(Pat::Element(*i as u32))
                } else {
                    NOT_ALLOWED
                }
            }
        }
    }

    /// The content pattern of definition `d`, compiled on first use.
    pub fn content(&mut self, d: u32) -> PatId {
        let c = self.defines[d as usize].1;
        if c != UNCOMPILED {
            return c;
        }
        let schema = std::mem::replace(
            &mut self.schema,
            Schema {
                start: Pattern::NotAllowed,
                defines: Vec::new(),
            },
        );
        let c = self.compile_pattern(&schema.defines[d as usize].content);
        self.schema = schema;
        self.defines[d as usize].1 = c;
        c
    }

    /// Adds a name class, sharing equal single names (the common case, and
    /// the one that lets equal attribute patterns intern to one id).
    fn add_name_class(&mut self, nc: &NameClass) -> u32 {
        if let NameClass::Name { ns, local } = nc {
            if let Some(&i) = self.single_names.get(&(ns.clone(), local.clone())) {
                return i;
            }
            let i = self.name_classes.len() as u32;
            self.name_classes.push(nc.clone());
            self.single_names.insert((ns.clone(), local.clone()), i);
            return i;
        }
        if let Some(i) = self.name_classes.iter().position(|x| x == nc) {
            return i as u32;
        }
        self.name_classes.push(nc.clone());
        (self.name_classes.len() - 1) as u32
    }

    /// Compiles one pattern. Recursion follows the schema's nesting, which
    /// the loader produced from a finite document, never the instance.
    fn compile_pattern(&mut self, p: &Pattern) -> PatId {
        match p {
            Pattern::Empty => EMPTY,
            Pattern::NotAllowed => NOT_ALLOWED,
            Pattern::Text => TEXT,
            Pattern::Choice(a, b) => {
                let a = self.compile_pattern(a);
                let b = self.compile_pattern(b);
                self.arena.choice_raw(a, b)
            }
            Pattern::Interleave(a, b) => {
                let a = self.compile_pattern(a);
                let b = self.compile_pattern(b);
                self.arena.interleave(a, b)
            }
            Pattern::Group(a, b) => {
                let a = self.compile_pattern(a);
                let b = self.compile_pattern(b);
                self.arena.group(a, b)
            }
            Pattern::OneOrMore(a) => {
                let a = self.compile_pattern(a);
                self.arena.one_or_more(a)
            }
            Pattern::List(a) => {
                let a = self.compile_pattern(a);
                if a == NOT_ALLOWED {
                    NOT_ALLOWED
                } else {
                    self.arena.intern(Pat::List(a))
                }
            }
            Pattern::Data { datatype, except } => {
                let ex = except.as_ref().map(|x| self.compile_pattern(x));
                let dt = self.datatypes.len() as u32;
                self.datatypes.push(datatype.clone());
                let id = self.arena.intern(Pat::Data(dt, ex));
                if reads_context(datatype) {
                    self.arena.mark_context(id);
                }
                id
            }
            Pattern::Value {
                datatype,
                value,
                context,
            } => {
                let v = self.values.len() as u32;
                self.values
                    .push((datatype.clone(), value.clone(), context.clone()));
                let id = self.arena.intern(Pat::Value(v));
                if reads_context(datatype) {
                    self.arena.mark_context(id);
                }
                id
            }
            Pattern::Attribute(nc, content) => {
                let nc = self.add_name_class(nc);
                let c = self.compile_pattern(content);
                self.arena.intern(Pat::Attribute(nc, c))
            }
            Pattern::Ref(i) => {
                if *i < self.defines.len() {
                    self.arena.intern(Pat::Element(*i as u32))
                } else {
                    NOT_ALLOWED
                }
            }
        }
    }
}

/// Whether values of the datatype depend on the namespace context.
fn reads_context(dt: &crate::xsd::Datatype) -> bool {
    matches!(dt.name(), "QName" | "NOTATION")
}
