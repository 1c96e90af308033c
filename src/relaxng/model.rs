//! The simplified form of a RELAX NG schema (§4.19 of the specification):
//! the contract between [`super::schema`] (which produces it) and
//! [`super::validate`] (which compiles and runs it).
//!
//! In simplified form the start pattern references only element definitions,
//! and every `element` is the body of its own definition, so a
//! [`Pattern::Ref`] always names an element.

use crate::xsd::{Datatype, Namespaces};

/// A name class (§3, simplified).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NameClass {
    /// `anyName`, with an optional `except`.
    AnyName {
        /// Names excluded.
        except: Option<Box<NameClass>>,
    },
    /// `nsName`, with an optional `except`.
    NsName {
        /// The namespace URI (`""` for no namespace).
        ns: String,
        /// Names excluded.
        except: Option<Box<NameClass>>,
    },
    /// A single name.
    Name {
        /// The namespace URI (`""` for no namespace).
        ns: String,
        /// The local name.
        local: String,
    },
    /// Either of two name classes.
    Choice(Box<NameClass>, Box<NameClass>),
}

/// A pattern in simplified form.
#[derive(Clone, Debug)]
pub enum Pattern {
    /// `empty`
    Empty,
    /// `notAllowed`
    NotAllowed,
    /// `text`
    Text,
    /// `choice` of two patterns.
    Choice(Box<Pattern>, Box<Pattern>),
    /// `interleave` of two patterns.
    Interleave(Box<Pattern>, Box<Pattern>),
    /// `group` of two patterns.
    Group(Box<Pattern>, Box<Pattern>),
    /// `oneOrMore`
    OneOrMore(Box<Pattern>),
    /// `list`
    List(Box<Pattern>),
    /// `data`, with its params already applied to the datatype.
    Data {
        /// The datatype with its facets.
        datatype: Datatype,
        /// The `except` pattern, if any.
        except: Option<Box<Pattern>>,
    },
    /// `value`
    Value {
        /// The datatype (no params).
        datatype: Datatype,
        /// The value as written in the schema.
        value: String,
        /// The namespace bindings in scope of the `value` element (with its
        /// `ns` attribute as the default namespace), for QName values.
        context: Namespaces,
    },
    /// `attribute`
    Attribute(NameClass, Box<Pattern>),
    /// A reference to [`Schema::defines`]`[i]`, always an element.
    Ref(usize),
}

/// `define name = element name_class content` in simplified form.
#[derive(Clone, Debug)]
pub struct Define {
    /// The definition's name after renaming (unique in the schema), for messages.
    pub name: String,
    /// The element's name class.
    pub name_class: NameClass,
    /// The element's content.
    pub content: Pattern,
}

/// A simplified schema.
#[derive(Clone, Debug)]
pub struct Schema {
    /// The start pattern.
    pub start: Pattern,
    /// The element definitions.
    pub defines: Vec<Define>,
}

/// A position in [`SharedSchema::nodes`].
pub type NodeId = u32;

/// A pattern node of a [`SharedSchema`]: the variants of [`Pattern`], with
/// children named by their position instead of owned.
#[derive(Clone, Debug)]
pub enum Node {
    /// `empty`
    Empty,
    /// `notAllowed`
    NotAllowed,
    /// `text`
    Text,
    /// `choice` of two patterns.
    Choice(NodeId, NodeId),
    /// `interleave` of two patterns.
    Interleave(NodeId, NodeId),
    /// `group` of two patterns.
    Group(NodeId, NodeId),
    /// `oneOrMore`
    OneOrMore(NodeId),
    /// `list`
    List(NodeId),
    /// `data`, with its params already applied to the datatype.
    Data {
        /// The datatype with its facets.
        datatype: Datatype,
        /// The `except` pattern, if any.
        except: Option<NodeId>,
    },
    /// `value`
    Value {
        /// The datatype (no params).
        datatype: Datatype,
        /// The value as written in the schema.
        value: String,
        /// The namespace bindings in scope, as in [`Pattern::Value`].
        context: Namespaces,
    },
    /// `attribute`
    Attribute(NameClass, NodeId),
    /// A reference to [`SharedSchema::defines`]`[i]`, always an element.
    Ref(usize),
}

/// An element definition of a [`SharedSchema`].
#[derive(Clone, Debug)]
pub struct SharedDefine {
    /// The definition's name after renaming (unique in the schema), for messages.
    pub name: String,
    /// The element's name class.
    pub name_class: NameClass,
    /// The element's content.
    pub content: NodeId,
}

/// The same simplified schema as [`Schema`], with equal subtrees stored
/// once: a schema like tei_all references the same attribute and content
/// definitions from hundreds of elements, so its tree form has several
/// times more nodes than this form. A node's children always come before
/// it in [`SharedSchema::nodes`], so a consumer can process the nodes in
/// one forward pass (no recursion) and memoise by [`NodeId`].
#[derive(Clone, Debug)]
pub struct SharedSchema {
    /// Every pattern node, children before parents.
    pub nodes: Vec<Node>,
    /// The start pattern.
    pub start: NodeId,
    /// The element definitions.
    pub defines: Vec<SharedDefine>,
}

impl SharedSchema {
    /// The node `id`.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id as usize]
    }

    /// Expands the shared nodes into the tree form.
    pub fn to_tree(&self) -> Schema {
        Schema {
            start: self.tree(self.start, 0),
            defines: self
                .defines
                .iter()
                .map(|d| Define {
                    name: d.name.clone(),
                    name_class: d.name_class.clone(),
                    content: self.tree(d.content, 0),
                })
                .collect(),
        }
    }

    /// The tree of node `id`, `depth` levels down. Children come before
    /// parents, so the nesting is bounded by the loader's depth limit; the
    /// stack is checked every few levels only (frames are small).
    fn tree(&self, id: NodeId, depth: u32) -> Pattern {
        if depth.is_multiple_of(8) {
            stacker::maybe_grow(64 * 1024, 2 * 1024 * 1024, || self.tree_inner(id, depth))
        } else {
            self.tree_inner(id, depth)
        }
    }

    fn tree_inner(&self, id: NodeId, depth: u32) -> Pattern {
        let b = |c: NodeId| Box::new(self.tree(c, depth + 1));
        match self.node(id) {
            Node::Empty => Pattern::Empty,
            Node::NotAllowed => Pattern::NotAllowed,
            Node::Text => Pattern::Text,
            Node::Choice(x, y) => Pattern::Choice(b(*x), b(*y)),
            Node::Interleave(x, y) => Pattern::Interleave(b(*x), b(*y)),
            Node::Group(x, y) => Pattern::Group(b(*x), b(*y)),
            Node::OneOrMore(x) => Pattern::OneOrMore(b(*x)),
            Node::List(x) => Pattern::List(b(*x)),
            Node::Data { datatype, except } => Pattern::Data {
                datatype: datatype.clone(),
                except: except.map(b),
            },
            Node::Value {
                datatype,
                value,
                context,
            } => Pattern::Value {
                datatype: datatype.clone(),
                value: value.clone(),
                context: context.clone(),
            },
            Node::Attribute(nc, x) => Pattern::Attribute(nc.clone(), b(*x)),
            Node::Ref(r) => Pattern::Ref(*r),
        }
    }
}
