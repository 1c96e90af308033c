//! What a pattern would have accepted, phrased as jing phrases it, for the
//! "; expected ..." part of messages.

use super::derive::Engine;
use super::events::{Bindings, bindings_note};
use super::pattern::{HAS_ATTR, Pat, PatId};
use crate::relaxng::model::NameClass;

/// The things that may come next in an element's content.
#[derive(Default, Debug)]
pub struct Expected {
    /// The end tag is allowed.
    pub end_tag: bool,
    /// Text is allowed (a `text` pattern can come: mixed content).
    pub text: bool,
    /// Data can come (`data`, `value` or `list`): the content type is
    /// data, and jing says "data" where it would say "text".
    pub data: bool,
    /// Element names (displayed), sorted and deduplicated.
    pub elements: Vec<String>,
    /// Namespace bindings invented to display names.
    pub extra: Vec<(String, String)>,
    /// An element of some other namespace (a wildcard) may come.
    pub other_ns: bool,
}

impl ExpectedAttributes {
    /// `; expected attribute "a" or "b"` (with `or an attribute from
    /// another namespace` where a wildcard allows them), or nothing when no
    /// attribute is named.
    pub fn phrase(&self) -> String {
        if self.names.is_empty() {
            return String::new();
        }
        format!(
            "; expected attribute {}{}{}",
            or_list(&self.names),
            bindings_note(&self.extra),
            if self.other_ns {
                " or an attribute from another namespace"
            } else {
                ""
            }
        )
    }
}

/// Names something requires (sorted), with the namespace bindings
/// invented to display them.
#[derive(Debug, Default)]
pub struct Required {
    /// The names, displayed and sorted.
    pub names: Vec<String>,
    /// Bindings invented for them (`(with xmlns:ns="...")`).
    pub extra: Vec<(String, String)>,
}

impl Required {
    fn new(mut names: Vec<String>, mut extra: Vec<(String, String)>) -> Self {
        names.sort();
        names.dedup();
        extra.retain(|(p, _)| {
            names.iter().any(|n| match n.split_once(':') {
                Some((q, _)) => q == p,
                None => p.is_empty(),
            })
        });
        Required { names, extra }
    }

    /// How many names.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether nothing is required.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// `"a" or "b"` with the bindings note.
    pub fn or_list(&self) -> String {
        format!("{}{}", or_list(&self.names), bindings_note(&self.extra))
    }

    /// `"a" and "b"` with the bindings note.
    pub fn and_list(&self) -> String {
        format!("{}{}", and_list(&self.names), bindings_note(&self.extra))
    }
}

/// What attributes a pattern allows, for messages.
#[derive(Debug, Default)]
pub struct ExpectedAttributes {
    /// Some attribute is allowed at all.
    pub any: bool,
    /// The attributes named (displayed), sorted.
    pub names: Vec<String>,
    /// Namespace bindings invented to display names.
    pub extra: Vec<(String, String)>,
    /// Attributes of some other namespace (a wildcard) are allowed.
    pub other_ns: bool,
}

impl Expected {
    /// `; expected the element end-tag, text or element "a" or "b"`, or
    /// nothing when nothing can come.
    pub fn phrase(&self) -> String {
        let mut parts = Vec::new();
        if self.end_tag {
            parts.push("the element end-tag".to_owned());
        }
        // jing names one by the content type: data wins over text.
        if self.data {
            parts.push("data".to_owned());
        } else if self.text {
            parts.push("text".to_owned());
        }
        if !self.elements.is_empty() {
            parts.push(format!(
                "element {}{}",
                or_list(&self.elements),
                bindings_note(&self.extra)
            ));
            if self.other_ns {
                parts.push("an element from another namespace".to_owned());
            }
        }
        if parts.is_empty() {
            return String::new();
        }
        let n = parts.len();
        let list = if n == 1 {
            parts.pop().unwrap_or_default()
        } else {
            format!("{} or {}", parts[..n - 1].join(", "), parts[n - 1])
        };
        format!("; expected {list}")
    }
}

/// `"a", "b" or "c"`
pub fn or_list(items: &[String]) -> String {
    let q: Vec<String> = items.iter().map(|s| format!("\"{s}\"")).collect();
    match q.len() {
        0 => String::new(),
        1 => q[0].clone(),
        n => format!("{} or {}", q[..n - 1].join(", "), q[n - 1]),
    }
}

/// `"a", "b" and "c"`
pub fn and_list(items: &[String]) -> String {
    let q: Vec<String> = items.iter().map(|s| format!("\"{s}\"")).collect();
    match q.len() {
        0 => String::new(),
        1 => q[0].clone(),
        n => format!("{} and {}", q[..n - 1].join(", "), q[n - 1]),
    }
}

impl Engine {
    /// What the content pattern `p` (in `after` form) accepts next.
    pub fn expected(&mut self, p: PatId, b: &Bindings) -> Expected {
        let mut e = Expected::default();
        let mut names = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut stack = vec![p];
        while let Some(x) = stack.pop() {
            if !seen.insert(x) {
                continue;
            }
            match self.arena.get(x) {
                Pat::After(a, _) => {
                    if self.arena.nullable(a) {
                        e.end_tag = true;
                    }
                    stack.push(a)
                }
                Pat::Choice(a, c) | Pat::Interleave(a, c) => {
                    stack.push(a);
                    stack.push(c)
                }
                Pat::Group(a, c) => {
                    stack.push(a);
                    if self.arena.nullable(a) {
                        stack.push(c)
                    }
                }
                Pat::OneOrMore(a) => stack.push(a),
                Pat::Text => e.text = true,
                Pat::Data(..) | Pat::Value(_) | Pat::List(_) => e.data = true,
                Pat::Element(d) => {
                    let nc = self.defines[d as usize].0;
                    name_class_names(
                        &self.name_classes[nc as usize],
                        false,
                        b,
                        &mut names,
                        &mut e.extra,
                        &mut e.other_ns,
                    )
                }
                _ => {}
            }
        }
        names.sort();
        names.dedup();
        e.elements = names;
        e
    }

    /// The elements `p` requires next: those that every way through it
    /// must start with, after anything optional (displayed, sorted), as jing
    /// names them in "missing required element".
    pub fn required_elements(&mut self, p: PatId, b: &Bindings) -> Required {
        let mut ids = self.required_element_defs(p, 0);
        ids.sort_unstable();
        ids.dedup();
        let mut names = Vec::new();
        let mut extra = Vec::new();
        for d in ids {
            let nc = self.defines[d as usize].0;
            if let NameClass::Name { .. } = &self.name_classes[nc as usize] {
                name_class_names(
                    &self.name_classes[nc as usize],
                    false,
                    b,
                    &mut names,
                    &mut extra,
                    &mut false,
                );
            }
        }
        Required::new(names, extra)
    }

    fn required_element_defs(&mut self, p: PatId, depth: u32) -> Vec<u32> {
        if depth > 2000 {
            return Vec::new();
        }
        match self.arena.get(p) {
            Pat::Element(d) => vec![d],
            Pat::After(a, _) | Pat::OneOrMore(a) => self.required_element_defs(a, depth + 1),
            Pat::Group(a, c) => {
                if self.arena.nullable(a) {
                    self.required_element_defs(c, depth + 1)
                } else {
                    self.required_element_defs(a, depth + 1)
                }
            }
            Pat::Interleave(a, c) => {
                let mut x = self.required_element_defs(a, depth + 1);
                x.extend(self.required_element_defs(c, depth + 1));
                x
            }
            Pat::Choice(..) => {
                let mut alts = Vec::new();
                self.arena.alternatives(p, &mut alts);
                let mut acc: Option<Vec<u32>> = None;
                for a in alts {
                    let r = self.required_element_defs(a, depth + 1);
                    // By name, as jing intersects them: two definitions of
                    // one element name are one requirement.
                    acc = Some(match acc {
                        None => r,
                        Some(prev) => prev
                            .into_iter()
                            .filter(|&x| {
                                let nx = &self.name_classes[self.defines[x as usize].0 as usize];
                                r.iter().any(|&y| {
                                    y == x
                                        || *nx
                                            == self.name_classes
                                                [self.defines[y as usize].0 as usize]
                                })
                            })
                            .collect(),
                    });
                    if acc.as_ref().is_some_and(|v| v.is_empty()) {
                        break;
                    }
                }
                acc.unwrap_or_default()
            }
            _ => Vec::new(),
        }
    }

    /// The attribute names `p` still accepts (displayed, sorted), and the
    /// bindings invented to display them.
    pub fn expected_attributes(&mut self, p: PatId, b: &Bindings) -> ExpectedAttributes {
        let mut e = ExpectedAttributes::default();
        let mut stack = vec![p];
        while let Some(x) = stack.pop() {
            if self.arena.flags(x) & HAS_ATTR == 0 {
                continue;
            }
            match self.arena.get(x) {
                Pat::After(a, _) | Pat::OneOrMore(a) => stack.push(a),
                Pat::Choice(a, c) | Pat::Group(a, c) | Pat::Interleave(a, c) => {
                    stack.push(a);
                    stack.push(c)
                }
                Pat::Attribute(nc, _) => {
                    e.any = true;
                    name_class_names(
                        &self.name_classes[nc as usize],
                        true,
                        b,
                        &mut e.names,
                        &mut e.extra,
                        &mut e.other_ns,
                    )
                }
                _ => {}
            }
        }
        e.names.sort();
        e.names.dedup();
        e
    }

    /// The attributes `p` requires (those every alternative needs).
    pub fn required_attributes(&mut self, p: PatId, b: &Bindings) -> Required {
        let mut names = Vec::new();
        let mut extra = Vec::new();
        self.required_attrs_into(p, b, &mut names, &mut extra, 0);
        Required::new(names, extra)
    }

    fn required_attrs_into(
        &mut self,
        p: PatId,
        b: &Bindings,
        out: &mut Vec<String>,
        extra: &mut Vec<(String, String)>,
        depth: u32,
    ) {
        if depth > 200 || self.arena.flags(p) & HAS_ATTR == 0 {
            return;
        }
        match self.arena.get(p) {
            Pat::After(a, _) | Pat::OneOrMore(a) => {
                self.required_attrs_into(a, b, out, extra, depth + 1)
            }
            Pat::Group(a, c) | Pat::Interleave(a, c) => {
                self.required_attrs_into(a, b, out, extra, depth + 1);
                self.required_attrs_into(c, b, out, extra, depth + 1);
            }
            Pat::Choice(a, c) => {
                // Only what both alternatives need is required.
                let mut x = Vec::new();
                let mut y = Vec::new();
                self.required_attrs_into(a, b, &mut x, extra, depth + 1);
                self.required_attrs_into(c, b, &mut y, extra, depth + 1);
                out.extend(x.into_iter().filter(|n| y.contains(n)));
            }
            Pat::Attribute(nc, _) => name_class_names(
                &self.name_classes[nc as usize],
                true,
                b,
                out,
                extra,
                &mut false,
            ),
            _ => {}
        }
    }

    /// Why `value` fails the value pattern `p` of an attribute or element:
    /// `must be equal to "a" or "b"`, or the datatype's own explanation.
    pub fn value_requirement(&mut self, p: PatId, value: &str, b: &Bindings) -> String {
        self.value_requirement_at(p, value, b, 0)
    }

    fn value_requirement_at(&mut self, p: PatId, value: &str, b: &Bindings, depth: u32) -> String {
        // As jing's DataDerivFunction collects failures: datatype reasons
        // in the order met, then the values the text must equal (sorted) as
        // one reason; nothing for `empty`, and no reason at all when the
        // text matched an `except`.
        let mut equals = Vec::new();
        let mut reasons: Vec<String> = Vec::new();
        let mut stack = vec![p];
        while let Some(x) = stack.pop() {
            match self.arena.get(x) {
                Pat::Choice(a, c) => {
                    stack.push(c);
                    stack.push(a)
                }
                Pat::Group(a, c) => {
                    if self.arena.nullable(a) {
                        stack.push(c);
                    }
                    stack.push(a)
                }
                Pat::OneOrMore(a) | Pat::After(a, _) => stack.push(a),
                Pat::Value(v) => {
                    let (dt, raw, _) = &self.values[v as usize];
                    match dt.allows(value, b) {
                        Err(e) => reasons.push(jing_phrase(&e.message, dt.name())),
                        Ok(()) => equals.push(if matches!(dt.name(), "string") {
                            raw.clone()
                        } else {
                            raw.split(super::derive::is_xml_space)
                                .filter(|t| !t.is_empty())
                                .collect::<Vec<_>>()
                                .join(" ")
                        }),
                    }
                }
                Pat::Data(dt, except) => {
                    let dt = &self.datatypes[dt as usize];
                    match dt.allows(value, b) {
                        Err(e) => reasons.push(jing_phrase(&e.message, dt.name())),
                        // It matched the except: jing gives no reason.
                        Ok(()) if except.is_some() => return String::new(),
                        Ok(()) => {}
                    }
                }
                Pat::List(inner) if depth < 8 => {
                    let toks: Vec<&str> = value
                        .split(super::derive::is_xml_space)
                        .filter(|t| !t.is_empty())
                        .collect();
                    let mut q = inner;
                    let mut why = None;
                    for t in toks {
                        let d = self.text(q, t, b);
                        if d == super::pattern::NOT_ALLOWED {
                            let inner_why = self.value_requirement_at(q, t, b, depth + 1);
                            why = Some(if inner_why.is_empty() {
                                String::new()
                            } else {
                                format!("token \"{t}\" invalid; {inner_why}")
                            });
                            break;
                        }
                        q = d;
                    }
                    let why = match why {
                        Some(w) => w,
                        None if self.arena.nullable(q) => String::new(),
                        None => {
                            let inner_why = self.value_requirement_at(q, "", b, depth + 1);
                            if inner_why.is_empty() {
                                String::new()
                            } else {
                                format!("missing token; {inner_why}")
                            }
                        }
                    };
                    if why.is_empty() {
                        return why;
                    }
                    reasons.push(why);
                }
                _ => {}
            }
        }
        equals.sort();
        equals.dedup();
        let mut out: Vec<String> = Vec::new();
        for r in reasons {
            if !out.contains(&r) {
                out.push(r);
            }
        }
        if !equals.is_empty() {
            out.push(format!("must be equal to {}", or_list(&equals)));
        }
        match out.len() {
            0 => String::new(),
            1 => out.remove(0),
            n => format!("{} or {}", out[..n - 1].join(", "), out[n - 1]),
        }
    }
}

/// jing's phrasing of a datatype error: only what the value must be.
fn jing_phrase(message: &str, type_name: &str) -> String {
    // The phrase follows the datatype's name (the value, quoted before
    // it, may hold any text).
    let after = message
        .rfind(&format!("of datatype \"{type_name}\""))
        .unwrap_or(0);
    if let Some(i) = message[after..].find("must be ") {
        return message[after + i..].to_owned();
    }
    let marker = "does not match the pattern \"";
    if let Some(i) = message.find(marker) {
        let rest = &message[i + marker.len()..];
        if let Some(j) = rest.rfind("\" of datatype") {
            return format!(
                "must be a string matching the regular expression \"{}\"",
                &rest[..j]
            );
        }
    }
    message.to_owned()
}

/// Displayed names of a name class. Wildcards (`anyName`, `nsName`) are
/// not names: like jing, they only set `other` ("an element from another
/// namespace").
fn name_class_names(
    nc: &NameClass,
    attribute: bool,
    b: &Bindings,
    out: &mut Vec<String>,
    extra: &mut Vec<(String, String)>,
    other: &mut bool,
) {
    match nc {
        NameClass::Name { ns, local } => out.push(b.display(ns, local, attribute, extra)),
        NameClass::Choice(x, y) => {
            name_class_names(x, attribute, b, out, extra, other);
            name_class_names(y, attribute, b, out, extra, other);
        }
        NameClass::AnyName { .. } | NameClass::NsName { .. } => *other = true,
    }
}
