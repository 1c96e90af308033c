//! The restrictions of §7 on the simplified schema: prohibited paths (§7.1),
//! string sequences (§7.2), duplicate attributes (§7.3) and interleave
//! (§7.4).

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::rc::Rc;

use super::error::Error;
use super::names;
use super::pattern::{K, Loc, P};
use super::simplify::{PtrHasher, Simplified};
use crate::relaxng::model::NameClass;

type R<T> = Result<T, Error>;

fn err(loc: Loc, msg: impl Into<String>) -> Error {
    Error::in_file(loc.file as usize, loc.pos as usize, msg)
}

/// Checks every restriction of §7.
pub fn check(s: &Simplified) -> R<()> {
    let mut seen = PathsSeen::default();
    let mut types = TypeCache::default();
    let mut quick = QuickCache::default();
    paths(
        &s.start,
        Flags {
            start: true,
            ..Flags::default()
        },
        &mut seen,
    )?;
    for d in &s.defines {
        paths(&d.content, Flags::default(), &mut seen)?;
        if let Err(loc) = content_type(&d.content, &mut types) {
            return Err(err(
                loc,
                format!(
                    "content of element \"{}\" mixes data with other content (a string sequence, §7.2)",
                    d.name
                ),
            ));
        }
        occurrences(&d.content, s, &mut quick)?;
    }
    Ok(())
}

/// Shared subtrees already checked for §7.1, with the ancestors they had.
type PathsSeen = HashSet<(*const P, Flags), BuildHasherDefault<PtrHasher>>;

/// Content types of shared subtrees.
type TypeCache = HashMap<*const P, Ct, BuildHasherDefault<PtrHasher>>;

/// Which ancestors a pattern has, for §7.1.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
struct Flags {
    attribute: bool,
    one_or_more: bool,
    one_or_more_group: bool,
    list: bool,
    except: bool,
    start: bool,
}

fn paths(p: &P, f: Flags, seen: &mut PathsSeen) -> R<()> {
    super::deep(|| paths_inner(p, f, seen))
}

fn paths_inner(p: &P, f: Flags, seen: &mut PathsSeen) -> R<()> {
    let bad =
        |what: &str, inside: &str| Err(err(p.loc, format!("{what} not allowed inside {inside}")));
    match &p.kind {
        K::Attribute(nc, c) => {
            if f.attribute {
                return bad("attribute", "attribute");
            }
            if f.one_or_more_group {
                return bad("attribute", "group or interleave inside oneOrMore");
            }
            if f.list {
                return bad("attribute", "list");
            }
            if f.except {
                return bad("attribute", "except of data");
            }
            if f.start {
                return bad("attribute", "start");
            }
            if names::is_infinite(nc) && !f.one_or_more {
                return Err(err(
                    p.loc,
                    "attribute with anyName or nsName must be inside oneOrMore (§7.3)",
                ));
            }
            paths(
                c,
                Flags {
                    attribute: true,
                    ..f
                },
                seen,
            )
        }
        K::Ref(_) => {
            if f.attribute {
                return bad("element", "attribute");
            }
            if f.list {
                return bad("element", "list");
            }
            if f.except {
                return bad("element", "except of data");
            }
            Ok(())
        }
        K::OneOrMore(c) => {
            if f.except {
                return bad("oneOrMore", "except of data");
            }
            if f.start {
                return bad("oneOrMore", "start");
            }
            paths(
                c,
                Flags {
                    one_or_more: true,
                    ..f
                },
                seen,
            )
        }
        K::Group(a, b) | K::Interleave(a, b) => {
            let what = if matches!(p.kind, K::Group(..)) {
                "group"
            } else {
                "interleave"
            };
            if f.except {
                return bad(what, "except of data");
            }
            if f.start {
                return bad(what, "start");
            }
            if f.list && what == "interleave" {
                return bad("interleave", "list");
            }
            let g = Flags {
                one_or_more_group: f.one_or_more,
                ..f
            };
            paths(a, g, seen)?;
            paths(b, g, seen)
        }
        K::Choice(a, b) => {
            paths(a, f, seen)?;
            paths(b, f, seen)
        }
        K::List(c) => {
            if f.list {
                return bad("list", "list");
            }
            if f.except {
                return bad("list", "except of data");
            }
            if f.start {
                return bad("list", "start");
            }
            paths(c, Flags { list: true, ..f }, seen)
        }
        K::Text => {
            if f.list {
                return bad("text", "list");
            }
            if f.except {
                return bad("text", "except of data");
            }
            if f.start {
                return bad("text", "start");
            }
            Ok(())
        }
        K::Data(_, except) => {
            if f.start {
                return bad("data", "start");
            }
            match except {
                Some(e) => paths(e, Flags { except: true, ..f }, seen),
                None => Ok(()),
            }
        }
        K::Value(..) => {
            if f.start {
                return bad("value", "start");
            }
            Ok(())
        }
        K::Empty => {
            if f.except {
                return bad("empty", "except of data");
            }
            if f.start {
                return bad("empty", "start");
            }
            Ok(())
        }
        K::NotAllowed => Ok(()),
        K::Element(..) => Ok(()),
        K::Shared(inner) => {
            if seen.insert((Rc::as_ptr(inner), f)) {
                paths(inner, f, seen)?;
            }
            Ok(())
        }
    }
}

/// Content types of §7.2, ordered so that `max` is the spec's maximum.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Ct {
    Empty,
    Complex,
    Simple,
}

fn groupable(a: Ct, b: Ct) -> bool {
    a == Ct::Empty || b == Ct::Empty || (a == Ct::Complex && b == Ct::Complex)
}

/// The content type, or where it is undefined.
fn content_type(p: &P, cache: &mut TypeCache) -> Result<Ct, Loc> {
    super::deep(|| content_type_inner(p, cache))
}

fn content_type_inner(p: &P, cache: &mut TypeCache) -> Result<Ct, Loc> {
    Ok(match &p.kind {
        K::Empty | K::NotAllowed => Ct::Empty,
        K::Text | K::Ref(_) | K::Element(..) => Ct::Complex,
        // The content of a list is not element content: §7.2 does not look inside.
        K::Value(..) | K::Data(..) | K::List(_) => Ct::Simple,
        K::Shared(inner) => {
            let key = Rc::as_ptr(inner);
            match cache.get(&key) {
                Some(ct) => *ct,
                None => {
                    let ct = content_type(inner, cache)?;
                    cache.insert(key, ct);
                    ct
                }
            }
        }
        K::Attribute(_, c) => {
            content_type(c, cache)?;
            Ct::Empty
        }
        K::Group(a, b) | K::Interleave(a, b) => {
            let (x, y) = (content_type(a, cache)?, content_type(b, cache)?);
            if !groupable(x, y) {
                return Err(p.loc);
            }
            x.max(y)
        }
        K::Choice(a, b) => content_type(a, cache)?.max(content_type(b, cache)?),
        K::OneOrMore(c) => {
            let x = content_type(c, cache)?;
            if !groupable(x, x) {
                return Err(p.loc);
            }
            x
        }
    })
}

/// §7.3 and §7.4: checks groups and interleaves bottom-up.
fn occurrences<'a>(p: &'a P, s: &Simplified, quick: &mut QuickCache<'a>) -> R<()> {
    // Quick pass first: with no interleave and only distinct plain names,
    // no group can hold a duplicate. That is the common case (tei_all:
    // every element has dozens of attributes), and it avoids comparing
    // every pair of attributes at every group.
    let mut names = Vec::new();
    if plain_attributes(p, &mut names, quick) {
        names.sort_unstable();
        if names.windows(2).all(|w| w[0] != w[1]) {
            return Ok(());
        }
    }
    attributes(p, s, &mut Vec::new())
}

/// An attribute's (namespace, local name).
type Name<'a> = (&'a str, &'a str);

/// For each shared subtree already walked by [`plain_attributes`], its
/// attribute names, or `None` if it failed.
type QuickCache<'a> = HashMap<*const P, Option<Rc<[Name<'a>]>>, BuildHasherDefault<PtrHasher>>;

/// Collects the names of the attributes of `p` (not inside elements);
/// false, stopping early, at an interleave or at an attribute whose name
/// class is not a single name.
fn plain_attributes<'a>(p: &'a P, out: &mut Vec<Name<'a>>, quick: &mut QuickCache<'a>) -> bool {
    super::deep(|| match &p.kind {
        K::Interleave(..) => false,
        K::Attribute(NameClass::Name { ns, local }, _) => {
            out.push((ns, local));
            true
        }
        K::Attribute(..) => false,
        K::Choice(a, b) | K::Group(a, b) => {
            plain_attributes(a, out, quick) && plain_attributes(b, out, quick)
        }
        K::OneOrMore(c) | K::List(c) => plain_attributes(c, out, quick),
        K::Shared(c) => {
            let key = Rc::as_ptr(c);
            let names = match quick.get(&key) {
                Some(names) => names.clone(),
                None => {
                    let mut mine = Vec::new();
                    let names = plain_attributes(c, &mut mine, quick).then(|| Rc::from(mine));
                    quick.insert(key, names.clone());
                    names
                }
            };
            match names {
                Some(names) => {
                    out.extend_from_slice(&names);
                    true
                }
                None => false,
            }
        }
        K::Empty
        | K::NotAllowed
        | K::Value(..)
        | K::Data(..)
        | K::Element(..)
        | K::Text
        | K::Ref(_) => true,
    })
}

/// Whether two attribute name classes overlap, without allocating for the
/// common case of two plain names.
fn attributes_overlap(a: &NameClass, b: &NameClass) -> bool {
    match (a, b) {
        (NameClass::Name { ns: n1, local: l1 }, NameClass::Name { ns: n2, local: l2 }) => {
            l1 == l2 && n1 == n2
        }
        _ => names::overlap(a, b),
    }
}

/// Appends the attribute name classes of `p` (not inside elements) to
/// `out`, checking §7.3 at every group and interleave, and §7.4 at every
/// interleave.
fn attributes<'a>(p: &'a P, s: &'a Simplified, out: &mut Vec<&'a NameClass>) -> R<()> {
    super::deep(|| attributes_inner(p, s, out))
}

fn attributes_inner<'a>(p: &'a P, s: &'a Simplified, out: &mut Vec<&'a NameClass>) -> R<()> {
    match &p.kind {
        K::Empty
        | K::NotAllowed
        | K::Value(..)
        | K::Data(..)
        | K::Element(..)
        | K::Text
        | K::Ref(_) => Ok(()),
        K::Attribute(nc, _) => {
            out.push(nc);
            Ok(())
        }
        K::OneOrMore(c) | K::List(c) => attributes(c, s, out),
        K::Shared(inner) => attributes(inner, s, out),
        K::Choice(a, b) => {
            attributes(a, s, out)?;
            attributes(b, s, out)
        }
        K::Group(a, b) | K::Interleave(a, b) => {
            let start = out.len();
            attributes(a, s, out)?;
            let mid = out.len();
            attributes(b, s, out)?;
            let (x, y) = out[start..].split_at(mid - start);
            for na in x {
                for nb in y {
                    if attributes_overlap(na, nb) {
                        return Err(err(
                            p.loc,
                            format!(
                                "duplicate attribute {} in group or interleave (§7.3)",
                                names::describe(nb)
                            ),
                        ));
                    }
                }
            }
            if matches!(p.kind, K::Interleave(..)) {
                interleave(p.loc, a, b, s)?;
            }
            Ok(())
        }
    }
}

/// §7.4 for `interleave(a, b)`.
fn interleave(loc: Loc, a: &P, b: &P, s: &Simplified) -> R<()> {
    let (mut ea, mut eb) = (Vec::new(), Vec::new());
    let ta = elements(a, s, &mut ea);
    let tb = elements(b, s, &mut eb);
    for na in &ea {
        for nb in &eb {
            if names::overlap(na, nb) {
                return Err(err(
                    loc,
                    format!(
                        "element {} in both operands of interleave (§7.4)",
                        names::describe(nb)
                    ),
                ));
            }
        }
    }
    if ta && tb {
        return Err(err(loc, "text in both operands of interleave (§7.4)"));
    }
    Ok(())
}

/// Collects the name classes of the elements `p` may contain directly;
/// returns whether it may contain text.
fn elements<'a>(p: &'a P, s: &'a Simplified, out: &mut Vec<&'a NameClass>) -> bool {
    super::deep(|| elements_inner(p, s, out))
}

fn elements_inner<'a>(p: &'a P, s: &'a Simplified, out: &mut Vec<&'a NameClass>) -> bool {
    match &p.kind {
        K::Text => true,
        K::Ref(r) => {
            out.push(&s.defines[s.new_id[*r].expect("reachable")].name_class);
            false
        }
        K::Choice(a, b) | K::Group(a, b) | K::Interleave(a, b) => {
            let x = elements(a, s, out);
            elements(b, s, out) || x
        }
        K::OneOrMore(c) => elements(c, s, out),
        K::Shared(inner) => elements(inner, s, out),
        _ => false,
    }
}
