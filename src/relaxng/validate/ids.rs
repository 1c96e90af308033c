//! DTD-compatibility ID checking (RELAX NG DTD Compatibility §4), as jing
//! does it: attributes whose datatype is `ID`, `IDREF` or `IDREFS` are
//! collected while validating; a duplicate ID, or an IDREF that matches no
//! ID, is an error naming both places (or the reference's place).

use super::derive::{Engine, NameId, is_xml_space, nc_contains};
use super::hash::FastMap;
use crate::diagnostic::{LocatedDiagnostic, Severity};
use crate::relaxng::model::{NameClass, Node, Pattern, Schema, SharedSchema};
use crate::xsd::IdType;
use std::collections::hash_map::Entry;

/// Which attributes of which elements carry IDs.
#[derive(Default)]
pub struct IdTable {
    /// (element name class, attribute name class, type).
    entries: Vec<(NameClass, NameClass, IdType)>,
    memo: FastMap<(NameId, NameId), IdType>,
    /// Why the schema is not DTD-compatible (then IDs are not checked).
    pub incompatible: Vec<String>,
}

impl IdTable {
    /// Whether the schema uses ID types at all.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// `{ns}local` of a single name, for messages.
fn show(nc: &NameClass) -> String {
    match nc {
        NameClass::Name { ns, local } if ns.is_empty() => local.clone(),
        NameClass::Name { ns, local } => format!("{{{ns}}}{local}"),
        _ => "*".to_owned(),
    }
}

impl Engine {
    /// Collects the ID-typed attributes of every definition, and checks the
    /// schema's DTD compatibility for IDs (RELAX NG DTD Compatibility §4):
    /// ID-typed attributes and their elements have simple names, and every
    /// attribute that competes with an ID-typed one has the same ID type.
    /// An incompatible schema is reported and its IDs are not checked.
    pub(super) fn build_id_table(&mut self, schema: &Schema) {
        let mut all: Vec<(&NameClass, &NameClass, IdType)> = Vec::new();
        let mut stack = Vec::new();
        for d in &schema.defines {
            stack.push(&d.content);
            while let Some(p) = stack.pop() {
                match p {
                    Pattern::Choice(a, b) | Pattern::Group(a, b) | Pattern::Interleave(a, b) => {
                        stack.push(a);
                        stack.push(b);
                    }
                    Pattern::OneOrMore(a) => stack.push(a),
                    Pattern::Attribute(nc, content) => {
                        all.push((&d.name_class, nc, id_type_of(content)))
                    }
                    _ => {}
                }
            }
        }
        self.finish_id_table(all);
    }

    /// [`Engine::build_id_table`] for a schema in shared form.
    pub(super) fn build_id_table_shared(&mut self, schema: &SharedSchema) {
        let mut all: Vec<(&NameClass, &NameClass, IdType)> = Vec::new();
        let mut stack = Vec::new();
        for d in &schema.defines {
            stack.push(d.content);
            while let Some(p) = stack.pop() {
                match schema.node(p) {
                    Node::Choice(a, b) | Node::Group(a, b) | Node::Interleave(a, b) => {
                        stack.push(*a);
                        stack.push(*b);
                    }
                    Node::OneOrMore(a) => stack.push(*a),
                    Node::Attribute(nc, content) => {
                        all.push((&d.name_class, nc, id_type_of_node(schema, *content)))
                    }
                    _ => {}
                }
            }
        }
        self.finish_id_table(all);
    }

    /// Checks DTD compatibility of the collected (element, attribute, type)
    /// triples and keeps the ID-typed ones.
    fn finish_id_table(&mut self, all: Vec<(&NameClass, &NameClass, IdType)>) {
        let mut problems = Vec::new();
        type Key<'a> = (&'a str, &'a str, &'a str, &'a str);
        // Sized up front: tei_all has 17,000 (element, attribute) pairs,
        // and each rehash while growing would hash four strings per entry.
        let mut by_name: FastMap<Key<'_>, IdType> =
            FastMap::with_capacity_and_hasher(all.len(), Default::default());
        let mut wild = Vec::new();
        for &(e, a, t) in &all {
            let key = match (e, a) {
                (
                    NameClass::Name { ns: ens, local: el },
                    NameClass::Name { ns: ans, local: al },
                ) => Some((ens.as_str(), el.as_str(), ans.as_str(), al.as_str())),
                _ => None,
            };
            if t != IdType::Null && key.is_none() {
                problems.push(format!(
                    "attribute \"{}\" of element \"{}\" has an ID-type datatype but not a simple name (DTD compatibility)",
                    show(a),
                    show(e)
                ));
            } else if let Some(key) = key {
                match by_name.entry(key) {
                    Entry::Occupied(u) if *u.get() != t => problems.push(format!(
                        "conflicting ID-types for attribute \"{}\" of element \"{}\" (DTD compatibility)",
                        show(a),
                        show(e)
                    )),
                    Entry::Occupied(_) => {}
                    Entry::Vacant(v) => {
                        v.insert(t);
                    }
                }
            } else {
                wild.push((e, a));
            }
        }
        // Wildcard attributes compete with every ID-typed attribute they match.
        for &(e, a, t) in &all {
            if t == IdType::Null {
                continue;
            }
            if let (NameClass::Name { ns: ens, local: el }, NameClass::Name { ns: ans, local: al }) =
                (e, a)
                && wild
                    .iter()
                    .any(|(we, wa)| nc_contains(we, ens, el) && nc_contains(wa, ans, al))
            {
                problems.push(format!(
                    "conflicting ID-types for attribute \"{}\" of element \"{}\" (DTD compatibility)",
                    show(a),
                    show(e)
                ));
            }
        }
        problems.sort();
        problems.dedup();
        if !problems.is_empty() {
            self.ids.incompatible = problems;
            return;
        }
        self.ids.entries = all
            .into_iter()
            .filter(|x| x.2 != IdType::Null)
            .map(|(e, a, t)| (e.clone(), a.clone(), t))
            .collect();
    }

    /// The ID type of attribute `attr` on element `elem`.
    pub fn id_type(&mut self, elem: NameId, attr: NameId) -> IdType {
        if self.ids.entries.is_empty() {
            return IdType::Null;
        }
        if let Some(&t) = self.ids.memo.get(&(elem, attr)) {
            return t;
        }
        let (ens, el) = self.name_parts(elem);
        let (ans, al) = self.name_parts(attr);
        let t = self
            .ids
            .entries
            .iter()
            .find(|(enc, anc, _)| nc_contains(enc, ens, el) && nc_contains(anc, ans, al))
            .map_or(IdType::Null, |e| e.2);
        self.ids.memo.insert((elem, attr), t);
        t
    }
}

/// The ID type of an attribute's value pattern (`data` or `value` whose
/// datatype is an ID type, possibly in a choice).
fn id_type_of(p: &Pattern) -> IdType {
    match p {
        Pattern::Data { datatype, .. } | Pattern::Value { datatype, .. } => datatype.id_type(),
        Pattern::Choice(a, b) => match id_type_of(a) {
            IdType::Null => id_type_of(b),
            t => t,
        },
        _ => IdType::Null,
    }
}

/// [`id_type_of`] for a node of a shared schema.
fn id_type_of_node(s: &SharedSchema, p: u32) -> IdType {
    match s.node(p) {
        Node::Data { datatype, .. } | Node::Value { datatype, .. } => datatype.id_type(),
        Node::Choice(a, b) => match id_type_of_node(s, *a) {
            IdType::Null => id_type_of_node(s, *b),
            t => t,
        },
        _ => IdType::Null,
    }
}

/// IDs and references seen so far in one document.
#[derive(Default)]
pub struct IdChecker {
    ids: FastMap<String, (usize, usize)>,
    refs: Vec<(String, usize, usize)>,
    errors: Vec<LocatedDiagnostic>,
}

impl IdChecker {
    /// Records an attribute value of type `t` at `line:col`.
    pub fn record(&mut self, file: &str, t: IdType, value: &str, line: usize, column: usize) {
        let mut tokens = value.split(is_xml_space).filter(|t| !t.is_empty());
        let first = tokens.next();
        let more = tokens.next().is_some();
        // jing checks IDs apart from validity: a value of the wrong shape
        // is reported even when the datatype already rejected it.
        let mut error = |code: &'static str, message: String| {
            self.errors.push(LocatedDiagnostic {
                file: file.to_owned(),
                line,
                column,
                severity: Severity::Error,
                code,
                message,
            })
        };
        let kind = match t {
            IdType::Null => return,
            IdType::Id => "ID",
            IdType::Idref => "IDREF",
            IdType::Idrefs => "IDREFS",
        };
        match (first, more) {
            (None, _) => {
                return error(
                    "bad-id",
                    format!("value of attribute of type {kind} contained no tokens"),
                );
            }
            (Some(_), true) if t != IdType::Idrefs => {
                return error(
                    "bad-id",
                    format!("value of attribute of type {kind} contained multiple tokens"),
                );
            }
            _ => {}
        }
        match t {
            IdType::Id => {
                let v = first.unwrap_or_default();
                if let Some(&(l, c)) = self.ids.get(v) {
                    // jing's pair: the duplicate, then the first occurrence.
                    error(
                        "duplicate-id",
                        format!("ID \"{v}\" has already been defined"),
                    );
                    self.errors.push(LocatedDiagnostic {
                        file: file.to_owned(),
                        line: l,
                        column: c,
                        severity: Severity::Error,
                        code: "duplicate-id",
                        message: format!("first occurrence of ID \"{v}\""),
                    });
                } else {
                    self.ids.insert(v.to_owned(), (line, column));
                }
            }
            _ => {
                for tok in value.split(is_xml_space).filter(|t| !t.is_empty()) {
                    self.refs.push((tok.to_owned(), line, column));
                }
            }
        }
    }

    /// Takes the duplicate-ID errors found so far (reported where found).
    pub fn take_errors(&mut self) -> Vec<LocatedDiagnostic> {
        std::mem::take(&mut self.errors)
    }

    /// The dangling references of the document, by ID then position (as
    /// jing orders them), after any duplicate-ID errors not yet taken.
    pub fn finish(mut self, file: &str) -> Vec<LocatedDiagnostic> {
        let mut refs = std::mem::take(&mut self.refs);
        refs.sort();
        for (r, line, column) in refs {
            if !self.ids.contains_key(&r) {
                self.errors.push(LocatedDiagnostic {
                    file: file.to_owned(),
                    line,
                    column,
                    severity: Severity::Error,
                    code: "dangling-idref",
                    message: format!("IDREF \"{r}\" without matching ID"),
                });
            }
        }
        self.errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_and_dangling_references_are_reported() {
        let mut c = IdChecker::default();
        c.record("d.xml", IdType::Id, "a", 1, 10);
        c.record("d.xml", IdType::Id, " a ", 3, 5);
        c.record("d.xml", IdType::Idrefs, "a b", 4, 2);
        let errs = c.finish("d.xml");
        assert_eq!(errs.len(), 3);
        assert_eq!(errs[0].line, 3);
        assert_eq!(errs[0].message, "ID \"a\" has already been defined");
        assert_eq!((errs[1].line, errs[1].column), (1, 10));
        assert_eq!(errs[1].message, "first occurrence of ID \"a\"");
        assert_eq!(errs[2].message, "IDREF \"b\" without matching ID");
        assert_eq!(errs[2].line, 4);
    }
}
