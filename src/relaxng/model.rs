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
