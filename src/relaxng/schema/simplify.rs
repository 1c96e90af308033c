//! The last steps of simplification (§4.19–§4.21): every `element` becomes
//! the body of its own definition, references to other definitions are
//! expanded (a reference cycle that does not pass through an element is an
//! error), `notAllowed` and `empty` are propagated, and definitions that
//! can no longer be reached are dropped.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;

use super::error::Error;
use super::grammar::Def;
use super::pattern::{K, Loc, P};
use crate::relaxng::model::{self, NameClass};

/// How deep expanded patterns may nest before the schema is rejected: the
/// stages after this one recurse over patterns.
const MAX_DEPTH: usize = 1000;

/// An element definition of the simplified schema, still in the loader's
/// pattern tree (refs are indices into the element definitions).
pub struct ElementDef {
    /// Unique name.
    pub name: String,
    /// The element's name class.
    pub name_class: NameClass,
    /// The element's content (expanded and simplified).
    pub content: P,
    /// Where the element is, for messages about it.
    #[allow(dead_code)]
    pub loc: Loc,
}

/// The simplified schema in the loader's tree.
pub struct Simplified {
    /// The start pattern.
    pub start: P,
    /// The element definitions reachable from the start.
    pub defines: Vec<ElementDef>,
    /// `Ref` numbers in the patterns are positions in the expansion order;
    /// this maps them to positions in `defines`.
    pub new_id: Vec<Option<usize>>,
}

/// An element definition being built: name, name class, expanded content, location.
type OutDef = (String, NameClass, Option<P>, Loc);

struct Expander<'d> {
    defs: &'d mut [Def],
    /// For each definition of the table whose body is an element, its
    /// element definition.
    element_of: Vec<Option<usize>>,
    /// Expanded bodies of definitions that are not elements.
    memo: Vec<Option<P>>,
    in_progress: Vec<bool>,
    out: Vec<OutDef>,
    raw: Vec<Option<P>>,
    pending: Vec<usize>,
    names: HashSet<String>,
    depth: usize,
}

/// Runs §4.19–§4.21 on the start pattern and the definitions of a reader.
pub fn simplify(start: P, defs: &mut [Def]) -> Result<Simplified, Error> {
    let n = defs.len();
    let mut ex = Expander {
        defs,
        element_of: vec![None; n],
        memo: vec![None; n],
        in_progress: vec![false; n],
        out: Vec::new(),
        raw: Vec::new(),
        pending: Vec::new(),
        names: HashSet::new(),
        depth: 0,
    };
    let start = ex.expand(&start)?;
    while let Some(k) = ex.pending.pop() {
        let raw = ex.raw[k].take().expect("found above");
        let content = ex.expand(&raw)?;
        ex.out[k].2 = Some(content);
    }
    // Reachability from the start, after notAllowed has pruned branches.
    let mut order: Vec<usize> = Vec::new();
    let mut new_id: Vec<Option<usize>> = vec![None; ex.out.len()];
    let mut stack = Vec::new();
    let mut seen = Seen::default();
    collect_refs(&start, &mut stack, &mut seen);
    while let Some(r) = stack.pop() {
        if new_id[r].is_some() {
            continue;
        }
        new_id[r] = Some(order.len());
        order.push(r);
        if let Some(c) = &ex.out[r].2 {
            collect_refs(c, &mut stack, &mut seen);
        }
    }
    let mut out: Vec<Option<OutDef>> = ex.out.into_iter().map(Some).collect();
    let mut defines = Vec::with_capacity(order.len());
    for &r in &order {
        let (name, name_class, content, loc) = out[r].take().expect("each once");
        defines.push(ElementDef {
            name,
            name_class,
            content: content.expect("expanded"),
            loc,
        });
    }
    Ok(Simplified {
        start,
        defines,
        new_id,
    })
}

/// Shared subtrees already walked.
type Seen = HashSet<*const P, BuildHasherDefault<PtrHasher>>;

fn collect_refs(p: &P, out: &mut Vec<usize>, seen: &mut Seen) {
    super::deep(|| collect_refs_inner(p, out, seen))
}

fn collect_refs_inner(p: &P, out: &mut Vec<usize>, seen: &mut Seen) {
    match &p.kind {
        K::Ref(r) => out.push(*r),
        K::Shared(inner) => {
            if seen.insert(Rc::as_ptr(inner)) {
                collect_refs(inner, out, seen);
            }
        }
        K::Choice(a, b) | K::Interleave(a, b) | K::Group(a, b) => {
            collect_refs(a, out, seen);
            collect_refs(b, out, seen);
        }
        K::OneOrMore(a) | K::List(a) | K::Attribute(_, a) | K::Element(_, a) => {
            collect_refs(a, out, seen)
        }
        K::Data(_, Some(e)) => collect_refs(e, out, seen),
        K::Data(_, None) | K::Value(..) | K::Empty | K::NotAllowed | K::Text => {}
    }
}

impl Expander<'_> {
    fn new_element(&mut self, name: &str, nc: &NameClass, content: &P, loc: Loc) -> usize {
        let mut unique = name.to_owned();
        let mut i = 1;
        while !self.names.insert(unique.clone()) {
            i += 1;
            unique = format!("{name}-{i}");
        }
        let k = self.out.len();
        self.out.push((unique, nc.clone(), None, loc));
        self.raw.push(Some(content.clone()));
        self.pending.push(k);
        k
    }

    fn expand(&mut self, p: &P) -> Result<P, Error> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Error::in_file(
                p.loc.file as usize,
                p.loc.pos as usize,
                format!("schema patterns nested deeper than {MAX_DEPTH}"),
            ));
        }
        let r = super::deep(|| self.expand_inner(p));
        self.depth -= 1;
        r
    }

    fn expand_inner(&mut self, p: &P) -> Result<P, Error> {
        let loc = p.loc;
        let at = |k: K| P::new(loc, k);
        Ok(match &p.kind {
            K::Empty => at(K::Empty),
            K::NotAllowed => at(K::NotAllowed),
            K::Text => at(K::Text),
            K::Shared(inner) => at(K::Shared(inner.clone())),
            K::Value(dt, v, c) => at(K::Value(dt.clone(), v.clone(), c.clone())),
            K::Element(nc, content) => {
                let name = element_name(nc);
                let k = self.new_element(&name, nc, content, loc);
                at(K::Ref(k))
            }
            K::Ref(d) => {
                let d = *d;
                if let Some(k) = self.element_of[d] {
                    return Ok(at(K::Ref(k)));
                }
                if let Some(m) = &self.memo[d] {
                    return Ok(m.clone());
                }
                if self.in_progress[d] {
                    return Err(Error::in_file(
                        loc.file as usize,
                        loc.pos as usize,
                        format!(
                            "recursive reference to \"{}\" that does not pass through an element",
                            self.defs[d].name
                        ),
                    ));
                }
                let body = self.defs[d]
                    .body
                    .take()
                    .expect("bodies are set when grammars close");
                if let K::Element(nc, content) = &body.kind {
                    let name = self.defs[d].name.clone();
                    let k = self.new_element(&name, nc, content, body.loc);
                    self.element_of[d] = Some(k);
                    self.defs[d].body = Some(body);
                    return Ok(at(K::Ref(k)));
                }
                self.in_progress[d] = true;
                let r = self.expand(&body);
                self.in_progress[d] = false;
                self.defs[d].body = Some(body);
                let r = r?;
                let r = match r.kind {
                    K::Empty | K::NotAllowed | K::Ref(_) | K::Shared(_) => r,
                    _ => P::new(r.loc, K::Shared(Rc::new(r))),
                };
                self.memo[d] = Some(r.clone());
                r
            }
            K::Choice(a, b) => {
                let (a, b) = (self.expand(a)?, self.expand(b)?);
                match (&a.kind, &b.kind) {
                    (K::NotAllowed, _) => b,
                    (_, K::NotAllowed) => a,
                    (K::Empty, K::Empty) => a,
                    _ => at(K::Choice(Rc::new(a), Rc::new(b))),
                }
            }
            K::Group(a, b) | K::Interleave(a, b) => {
                let (a, b) = (self.expand(a)?, self.expand(b)?);
                match (&a.kind, &b.kind) {
                    (K::NotAllowed, _) => a,
                    (_, K::NotAllowed) => b,
                    (K::Empty, _) => b,
                    (_, K::Empty) => a,
                    _ => {
                        let (a, b) = (Rc::new(a), Rc::new(b));
                        at(if matches!(p.kind, K::Group(..)) {
                            K::Group(a, b)
                        } else {
                            K::Interleave(a, b)
                        })
                    }
                }
            }
            K::OneOrMore(a) => {
                let a = self.expand(a)?;
                match a.kind {
                    K::NotAllowed | K::Empty => a,
                    _ => at(K::OneOrMore(Rc::new(a))),
                }
            }
            K::List(a) => {
                let a = self.expand(a)?;
                match a.kind {
                    K::NotAllowed => a,
                    _ => at(K::List(Rc::new(a))),
                }
            }
            K::Attribute(nc, a) => {
                let a = self.expand(a)?;
                match a.kind {
                    K::NotAllowed => a,
                    _ => at(K::Attribute(nc.clone(), Rc::new(a))),
                }
            }
            K::Data(dt, except) => {
                let except = match except {
                    Some(e) => {
                        let e = self.expand(e)?;
                        match e.kind {
                            K::NotAllowed => None,
                            _ => Some(Rc::new(e)),
                        }
                    }
                    None => None,
                };
                at(K::Data(dt.clone(), except))
            }
        })
    }
}

fn element_name(nc: &NameClass) -> String {
    match nc {
        NameClass::Name { local, .. } => local.clone(),
        NameClass::AnyName { .. } => "anyName".into(),
        NameClass::NsName { .. } => "nsName".into(),
        NameClass::Choice(a, _) => element_name(a),
    }
}

/// Converts the loader's tree into the model's shared form: each shared
/// subtree (an expanded definition) becomes nodes once, however many
/// places reference it.
pub fn to_shared(s: Simplified) -> model::SharedSchema {
    let mut b = SharedBuilder {
        ids: &s.new_id,
        nodes: Vec::new(),
        shared: HashMap::default(),
        leaves: [None; 3],
    };
    let start = b.node(&s.start, 0);
    let defines = s
        .defines
        .iter()
        .map(|d| model::SharedDefine {
            name: d.name.clone(),
            name_class: d.name_class.clone(),
            content: b.node(&d.content, 0),
        })
        .collect();
    model::SharedSchema {
        nodes: b.nodes,
        start,
        defines,
    }
}

struct SharedBuilder<'s> {
    ids: &'s [Option<usize>],
    nodes: Vec<model::Node>,
    /// Node of each shared subtree already converted.
    shared: HashMap<*const P, model::NodeId, BuildHasherDefault<PtrHasher>>,
    /// The nodes `empty`, `notAllowed` and `text`, once each.
    leaves: [Option<model::NodeId>; 3],
}

impl SharedBuilder<'_> {
    fn push(&mut self, n: model::Node) -> model::NodeId {
        self.nodes.push(n);
        (self.nodes.len() - 1) as model::NodeId
    }

    fn leaf(&mut self, i: usize, n: model::Node) -> model::NodeId {
        match self.leaves[i] {
            Some(id) => id,
            None => {
                let id = self.push(n);
                self.leaves[i] = Some(id);
                id
            }
        }
    }

    /// Converts `p`, `depth` levels down; checks the stack every few
    /// levels only (the schema is large, the frames are small).
    fn node(&mut self, p: &P, depth: u32) -> model::NodeId {
        if depth.is_multiple_of(8) {
            super::deep(|| self.node_inner(p, depth))
        } else {
            self.node_inner(p, depth)
        }
    }

    fn node_inner(&mut self, p: &P, depth: u32) -> model::NodeId {
        use model::Node as N;
        let d = depth + 1;
        match &p.kind {
            K::Empty => self.leaf(0, N::Empty),
            K::NotAllowed => self.leaf(1, N::NotAllowed),
            K::Text => self.leaf(2, N::Text),
            K::Choice(a, c) => {
                let (a, c) = (self.node(a, d), self.node(c, d));
                self.push(N::Choice(a, c))
            }
            K::Interleave(a, c) => {
                let (a, c) = (self.node(a, d), self.node(c, d));
                self.push(N::Interleave(a, c))
            }
            K::Group(a, c) => {
                let (a, c) = (self.node(a, d), self.node(c, d));
                self.push(N::Group(a, c))
            }
            K::OneOrMore(a) => {
                let a = self.node(a, d);
                self.push(N::OneOrMore(a))
            }
            K::List(a) => {
                let a = self.node(a, d);
                self.push(N::List(a))
            }
            K::Data(datatype, except) => {
                let except = except.as_ref().map(|e| self.node(e, d));
                self.push(N::Data {
                    datatype: datatype.clone(),
                    except,
                })
            }
            K::Value(datatype, value, context) => self.push(N::Value {
                datatype: datatype.clone(),
                value: value.clone(),
                context: context.clone(),
            }),
            K::Attribute(nc, a) => {
                let a = self.node(a, d);
                self.push(N::Attribute(nc.clone(), a))
            }
            // Elements were all moved into definitions by `simplify`.
            K::Element(..) => self.leaf(1, N::NotAllowed),
            K::Ref(r) => self.push(N::Ref(self.ids[*r].expect("reachable"))),
            K::Shared(inner) => {
                let key = Rc::as_ptr(inner);
                if let Some(&id) = self.shared.get(&key) {
                    return id;
                }
                let id = self.node(inner, d);
                self.shared.insert(key, id);
                id
            }
        }
    }
}

/// Hashes pointers (already unique and well spread) by their address bits.
#[derive(Default)]
pub struct PtrHasher(u64);

impl Hasher for PtrHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }

    fn write_usize(&mut self, n: usize) {
        // Allocations are 8-aligned: drop the constant low bits, then mix.
        self.0 = ((n as u64) >> 3).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}
