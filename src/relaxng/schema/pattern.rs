//! The loader's own pattern tree: RELAX NG patterns after the syntax has
//! been read (§4.1–§4.18 applied), with a source location on every node so
//! that later stages can report errors at the offending element.

use std::rc::Rc;

use crate::relaxng::model::NameClass;
use crate::xsd::{Datatype, Namespaces};

/// Where a pattern came from: a file of the loader's table and a byte offset.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Loc {
    /// Index into the loader's file table.
    pub file: u32,
    /// Byte offset of the element's start tag.
    pub pos: u32,
}

/// A pattern with its location.
#[derive(Clone, Debug)]
pub struct P {
    /// Where it came from.
    pub loc: Loc,
    /// What it is.
    pub kind: K,
}

/// The kinds of pattern: the simplified set plus `element`, and `ref` to a
/// definition of the loader's table.
#[derive(Clone, Debug)]
pub enum K {
    /// `empty`
    Empty,
    /// `notAllowed`
    NotAllowed,
    /// `text`
    Text,
    /// `choice`
    Choice(Rc<P>, Rc<P>),
    /// `interleave`
    Interleave(Rc<P>, Rc<P>),
    /// `group`
    Group(Rc<P>, Rc<P>),
    /// `oneOrMore`
    OneOrMore(Rc<P>),
    /// `list`
    List(Rc<P>),
    /// `data`
    Data(Datatype, Option<Rc<P>>),
    /// `value`
    Value(Datatype, String, Namespaces),
    /// `attribute`
    Attribute(NameClass, Rc<P>),
    /// `element`
    Element(NameClass, Rc<P>),
    /// A reference to a definition (an index the owner of the tree knows).
    Ref(usize),
    /// An expanded definition, shared by every place that references it:
    /// means the same as its content. Walks over the simplified schema may
    /// visit it once instead of once per reference.
    Shared(Rc<P>),
}

impl P {
    /// A pattern at `loc`.
    pub fn new(loc: Loc, kind: K) -> P {
        P { loc, kind }
    }
}

/// Combines `items` pairwise with `make` into a balanced tree (the operators
/// are associative, and a balanced tree keeps recursion shallow for long
/// choices). `None` for no items.
pub fn balanced(mut items: Vec<P>, make: &dyn Fn(Rc<P>, Rc<P>) -> K) -> Option<P> {
    if items.is_empty() {
        return None;
    }
    while items.len() > 1 {
        let mut next = Vec::with_capacity(items.len().div_ceil(2));
        let mut it = items.into_iter();
        while let Some(a) = it.next() {
            match it.next() {
                Some(b) => {
                    let loc = a.loc;
                    next.push(P::new(loc, make(Rc::new(a), Rc::new(b))));
                }
                None => next.push(a),
            }
        }
        items = next;
    }
    items.pop()
}

/// Balanced choice of name classes.
pub fn nc_choice(mut items: Vec<NameClass>) -> Option<NameClass> {
    if items.is_empty() {
        return None;
    }
    while items.len() > 1 {
        let mut next = Vec::with_capacity(items.len().div_ceil(2));
        let mut it = items.into_iter();
        while let Some(a) = it.next() {
            match it.next() {
                Some(b) => next.push(NameClass::Choice(Box::new(a), Box::new(b))),
                None => next.push(a),
            }
        }
        items = next;
    }
    items.pop()
}
