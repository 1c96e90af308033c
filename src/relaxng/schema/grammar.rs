//! From schema documents to a pattern tree with grammars resolved: §4.1–§4.18
//! of the specification in one pass over the syntax.
//!
//! - foreign elements and attributes are dropped (§4.1), whitespace rules
//!   applied (§4.2);
//! - `datatypeLibrary`, `ns` and `xml:base` are inherited along the way
//!   (§4.3, §4.9), `value` gets its default type (§4.4);
//! - `externalRef` and `include` read other documents through the
//!   [`Resolver`] (§4.5–§4.7), with overriding components and a check
//!   against documents that include themselves;
//! - `name` attributes and elements become name classes (§4.8, §4.10),
//!   `div`, `mixed`, `optional`, `zeroOrMore` disappear (§4.11–§4.15);
//! - name class constraints are checked (§4.16);
//! - every `define` of every grammar gets a slot of one table, `combine`
//!   is applied, and `ref` / `parentRef` point at slots (§4.17, §4.18).

use std::collections::HashMap;
use std::rc::Rc;

use super::Resolver;
use super::error::{Error, SourceFile};
use super::pattern::{K, Loc, P, balanced, nc_choice};
use super::syntax::{self, Child, Node, RNG_NS, XML_NS};
use super::uri;
use crate::relaxng::model::NameClass;
use crate::xsd::{Datatype, NamespaceContext, Namespaces};

/// How many documents may be open inside one another via `include` /
/// `externalRef`.
const MAX_OPEN_DOCUMENTS: usize = 64;

/// `combine="choice"` or `combine="interleave"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Combine {
    Choice,
    Interleave,
}

/// A definition slot: one name in one grammar.
#[derive(Debug)]
pub struct Def {
    /// The name as written.
    pub name: String,
    /// The combined body (after the grammar is complete).
    pub body: Option<P>,
    /// Where it was first defined (or referenced).
    pub loc: Loc,
    bodies: Vec<(Option<Combine>, P)>,
    first_ref: Option<Loc>,
}

struct Scope {
    parent: Option<usize>,
    names: HashMap<String, usize>,
    starts: Vec<(Option<Combine>, P)>,
}

/// Components overridden by an `include` element, looked for in the
/// included grammar.
struct Exclusion {
    scope: usize,
    start: Option<bool>,
    names: HashMap<String, bool>,
}

/// The inherited context of an element.
#[derive(Clone)]
struct Ctx {
    file: usize,
    base: Rc<str>,
    ns: Rc<str>,
    dtlib: Rc<str>,
    scope: Option<usize>,
}

/// Reads schema documents into a pattern tree and a table of definitions.
pub struct Reader<'r> {
    resolver: &'r dyn Resolver,
    /// Every document read, for error positions.
    pub files: Vec<SourceFile>,
    /// Every definition of every grammar.
    pub defs: Vec<Def>,
    docs: HashMap<String, (usize, Rc<Node>)>,
    open: Vec<String>,
    scopes: Vec<Scope>,
    exclusions: Vec<Exclusion>,
}

type R<T> = Result<T, Error>;

impl<'r> Reader<'r> {
    /// A reader over `resolver`.
    pub fn new(resolver: &'r dyn Resolver) -> Self {
        Reader {
            resolver,
            files: Vec::new(),
            defs: Vec::new(),
            docs: HashMap::new(),
            open: Vec::new(),
            scopes: Vec::new(),
            exclusions: Vec::new(),
        }
    }

    /// Reads the schema at `uri`: returns its start pattern. Definitions are
    /// left in [`Reader::defs`].
    pub fn read(&mut self, uri: &str) -> R<P> {
        let (file, root) = self.document(uri, None)?;
        self.open.push(uri.to_owned());
        let ctx = Ctx {
            file,
            base: Rc::from(uri),
            ns: Rc::from(""),
            dtlib: Rc::from(""),
            scope: None,
        };
        let p = self.pattern(&root, &ctx)?;
        self.open.pop();
        Ok(p)
    }

    /// Reads and parses the document at `uri` (cached). `from` is where it
    /// was referenced, for errors.
    fn document(&mut self, uri: &str, from: Option<(usize, usize)>) -> R<(usize, Rc<Node>)> {
        if let Some((f, n)) = self.docs.get(uri) {
            return Ok((*f, n.clone()));
        }
        let err_at = |msg: String| match from {
            Some((f, p)) => Error::in_file(f, p, msg),
            None => Error::at(0, msg),
        };
        let bytes = self
            .resolver
            .read(uri)
            .map_err(|e| err_at(format!("cannot read schema \"{uri}\": {e}")))?;
        let file = self.files.len();
        let parsed = syntax::parse(&bytes);
        self.files.push(SourceFile {
            uri: uri.to_owned(),
            text: bytes,
        });
        let node = Rc::new(parsed.map_err(|mut e| {
            e.file = Some(file);
            e
        })?);
        self.docs.insert(uri.to_owned(), (file, node.clone()));
        Ok((file, node))
    }

    fn err(&self, ctx: &Ctx, node: &Node, msg: impl Into<String>) -> Error {
        Error::in_file(ctx.file, node.pos, msg)
    }

    fn loc(ctx: &Ctx, node: &Node) -> Loc {
        Loc {
            file: ctx.file as u32,
            pos: node.pos as u32,
        }
    }

    /// The context inside `node`: its `xml:base`, `ns`, `datatypeLibrary`.
    fn enter(&self, node: &Node, ctx: &Ctx) -> R<Ctx> {
        let mut c = ctx.clone();
        if let Some(b) = node.attr_ns(XML_NS, "base") {
            c.base = Rc::from(uri::resolve(&ctx.base, b));
        }
        if let Some(ns) = node.attr("ns") {
            c.ns = Rc::from(ns);
        }
        if let Some(lib) = node.attr("datatypeLibrary") {
            if !lib.is_empty()
                && (uri::scheme(lib).is_none_or(|s| lib.len() == s.len() + 1)
                    || lib.contains('#')
                    || !uri::is_uri_reference(lib))
            {
                return Err(self.err(
                    ctx,
                    node,
                    format!("datatypeLibrary \"{lib}\" is not an absolute URI without a fragment"),
                ));
            }
            c.dtlib = Rc::from(lib);
        }
        Ok(c)
    }

    /// Checks the unqualified attributes of `node` against `allowed` (plus
    /// `ns` and `datatypeLibrary`); qualified ones are foreign and ignored.
    fn check_attrs(&self, node: &Node, ctx: &Ctx, allowed: &[&str]) -> R<()> {
        for a in &node.attrs {
            if a.ns.is_empty() {
                if &*a.local != "ns"
                    && &*a.local != "datatypeLibrary"
                    && !allowed.contains(&&*a.local)
                {
                    return Err(self.err(
                        ctx,
                        node,
                        format!(
                            "attribute \"{}\" not allowed on \"{}\"",
                            a.local, node.local
                        ),
                    ));
                }
            } else if a.ns == RNG_NS {
                return Err(self.err(
                    ctx,
                    node,
                    format!(
                        "attribute \"{}\" in the RELAX NG namespace not allowed on \"{}\"",
                        a.local, node.local
                    ),
                ));
            }
        }
        Ok(())
    }

    fn required_attr<'n>(&self, node: &'n Node, ctx: &Ctx, name: &str) -> R<&'n str> {
        node.attr(name).ok_or_else(|| {
            self.err(
                ctx,
                node,
                format!("element \"{}\" needs a \"{name}\" attribute", node.local),
            )
        })
    }

    /// The RELAX NG element children of `node`, foreign ones dropped; text
    /// other than whitespace is an error.
    fn children<'n>(&self, node: &'n Node, ctx: &Ctx) -> R<Vec<&'n Node>> {
        let mut out = Vec::new();
        for c in &node.children {
            match c {
                Child::Text(t) => {
                    if !t.chars().all(syntax::is_xml_space) {
                        return Err(self.err(
                            ctx,
                            node,
                            format!("text not allowed in element \"{}\"", node.local),
                        ));
                    }
                }
                Child::Elem(e) if &*e.ns == RNG_NS => out.push(e),
                Child::Elem(_) => {}
            }
        }
        Ok(out)
    }

    fn no_children(&self, node: &Node, ctx: &Ctx) -> R<()> {
        if self.children(node, ctx)?.is_empty() {
            Ok(())
        } else {
            Err(self.err(
                ctx,
                node,
                format!("element \"{}\" must be empty", node.local),
            ))
        }
    }

    /// The patterns `nodes` as one: a group when there are several.
    fn group_of(&mut self, nodes: &[&Node], ctx: &Ctx, parent: &Node) -> R<P> {
        let mut items = Vec::with_capacity(nodes.len());
        for n in nodes {
            items.push(self.pattern(n, ctx)?);
        }
        balanced(items, &K::Group as &dyn Fn(Rc<P>, Rc<P>) -> K).ok_or_else(|| {
            self.err(
                ctx,
                parent,
                format!("element \"{}\" needs at least one pattern", parent.local),
            )
        })
    }

    /// Reads a pattern element.
    /// Reads a pattern element (with stack to spare for its children).
    fn pattern(&mut self, node: &Node, outer: &Ctx) -> R<P> {
        super::deep(|| self.pattern_inner(node, outer))
    }

    fn pattern_inner(&mut self, node: &Node, outer: &Ctx) -> R<P> {
        if &*node.ns != RNG_NS {
            return Err(self.err(
                outer,
                node,
                format!(
                    "element \"{}\" in namespace \"{}\" is not a RELAX NG pattern",
                    node.local, node.ns
                ),
            ));
        }
        let ctx = &self.enter(node, outer)?;
        let loc = Self::loc(ctx, node);
        let kind = match &*node.local {
            "element" | "attribute" => {
                self.check_attrs(node, ctx, &["name"])?;
                let is_attr = &*node.local == "attribute";
                let kids = self.children(node, ctx)?;
                let (nc, rest) = match node.attr("name") {
                    Some(n) => {
                        let n = n.trim_matches(syntax::is_xml_space);
                        let ns = if is_attr {
                            node.attr("ns").unwrap_or("")
                        } else {
                            &ctx.ns
                        };
                        (self.qname(n, ns, node, ctx)?, &kids[..])
                    }
                    None => match kids.split_first() {
                        Some((first, rest)) => (self.name_class(first, ctx, false, false)?, rest),
                        None => {
                            return Err(self.err(
                                ctx,
                                node,
                                format!("element \"{}\" needs a name", node.local),
                            ));
                        }
                    },
                };
                if is_attr {
                    self.check_xmlns(&nc, node, ctx)?;
                    if rest.len() > 1 {
                        return Err(self.err(
                            ctx,
                            node,
                            "element \"attribute\" may contain only one pattern",
                        ));
                    }
                    let content = match rest.first() {
                        Some(c) => self.pattern(c, ctx)?,
                        None => P::new(loc, K::Text),
                    };
                    K::Attribute(nc, Rc::new(content))
                } else {
                    let content = self.group_of(rest, ctx, node)?;
                    K::Element(nc, Rc::new(content))
                }
            }
            "group" | "interleave" | "choice" | "optional" | "zeroOrMore" | "oneOrMore"
            | "list" | "mixed" => {
                self.check_attrs(node, ctx, &[])?;
                let kids = self.children(node, ctx)?;
                let mut items = Vec::with_capacity(kids.len());
                for k in &kids {
                    items.push(self.pattern(k, ctx)?);
                }
                let make: &dyn Fn(Rc<P>, Rc<P>) -> K = match &*node.local {
                    "interleave" => &K::Interleave,
                    "choice" => &K::Choice,
                    _ => &K::Group,
                };
                let inner = balanced(items, make).ok_or_else(|| {
                    self.err(
                        ctx,
                        node,
                        format!("element \"{}\" needs at least one pattern", node.local),
                    )
                })?;
                let b = |k: K| Rc::new(P::new(loc, k));
                match &*node.local {
                    "optional" => K::Choice(Rc::new(inner), b(K::Empty)),
                    "zeroOrMore" => K::Choice(b(K::OneOrMore(Rc::new(inner))), b(K::Empty)),
                    "oneOrMore" => K::OneOrMore(Rc::new(inner)),
                    "list" => K::List(Rc::new(inner)),
                    "mixed" => K::Interleave(Rc::new(inner), b(K::Text)),
                    _ => return Ok(inner),
                }
            }
            "empty" | "text" | "notAllowed" => {
                self.check_attrs(node, ctx, &[])?;
                self.no_children(node, ctx)?;
                match &*node.local {
                    "empty" => K::Empty,
                    "text" => K::Text,
                    _ => K::NotAllowed,
                }
            }
            "ref" | "parentRef" => {
                self.check_attrs(node, ctx, &["name"])?;
                self.no_children(node, ctx)?;
                let name = self
                    .required_attr(node, ctx, "name")?
                    .trim_matches(syntax::is_xml_space);
                if !is_ncname(name) {
                    return Err(self.err(ctx, node, format!("\"{name}\" is not a valid name")));
                }
                let mut scope = ctx.scope.ok_or_else(|| {
                    self.err(
                        ctx,
                        node,
                        format!("\"{}\" outside of a grammar", node.local),
                    )
                })?;
                if &*node.local == "parentRef" {
                    scope = self.scopes[scope].parent.ok_or_else(|| {
                        self.err(ctx, node, "\"parentRef\" outside of a nested grammar")
                    })?;
                }
                let d = self.slot(scope, name, loc);
                if self.defs[d].first_ref.is_none() {
                    self.defs[d].first_ref = Some(loc);
                }
                K::Ref(d)
            }
            "externalRef" => {
                self.check_attrs(node, ctx, &["href"])?;
                self.no_children(node, ctx)?;
                let (file, root, target) = self.open_href(node, ctx)?;
                let inner = Ctx {
                    file,
                    base: Rc::from(target.as_str()),
                    ns: ctx.ns.clone(),
                    dtlib: Rc::from(""),
                    scope: ctx.scope,
                };
                let p = self.pattern(&root, &inner);
                self.open.pop();
                return p;
            }
            "grammar" => {
                self.check_attrs(node, ctx, &[])?;
                let scope = self.scopes.len();
                self.scopes.push(Scope {
                    parent: ctx.scope,
                    names: HashMap::new(),
                    starts: Vec::new(),
                });
                let inner = Ctx {
                    scope: Some(scope),
                    ..ctx.clone()
                };
                self.grammar_content(node, &inner, false)?;
                return self.close_scope(scope, node, ctx);
            }
            "data" => {
                self.check_attrs(node, ctx, &["type"])?;
                let ty = self
                    .required_attr(node, ctx, "type")?
                    .trim_matches(syntax::is_xml_space);
                if !is_ncname(ty) {
                    return Err(self.err(
                        ctx,
                        node,
                        format!("\"{ty}\" is not a valid datatype name"),
                    ));
                }
                let kids = self.children(node, ctx)?;
                let mut params = Vec::new();
                let mut except = None;
                for (i, k) in kids.iter().enumerate() {
                    match &*k.local {
                        "param" if except.is_none() => {
                            let kctx = self.enter(k, ctx)?;
                            self.check_attrs(k, &kctx, &["name"])?;
                            let name = self
                                .required_attr(k, &kctx, "name")?
                                .trim_matches(syntax::is_xml_space);
                            if !is_ncname(name) {
                                return Err(self.err(
                                    &kctx,
                                    k,
                                    format!("\"{name}\" is not a valid parameter name"),
                                ));
                            }
                            if k.children.iter().any(|c| matches!(c, Child::Elem(_))) {
                                return Err(self.err(
                                    &kctx,
                                    k,
                                    "element \"param\" may contain only text",
                                ));
                            }
                            params.push((name.to_owned(), k.text()));
                        }
                        "except" if i + 1 == kids.len() => {
                            let kctx = self.enter(k, ctx)?;
                            self.check_attrs(k, &kctx, &[])?;
                            let ek = self.children(k, &kctx)?;
                            let mut items = Vec::new();
                            for e in ek {
                                items.push(self.pattern(e, &kctx)?);
                            }
                            except = Some(balanced(items, &K::Choice).ok_or_else(|| {
                                self.err(&kctx, k, "element \"except\" needs at least one pattern")
                            })?);
                        }
                        other => {
                            return Err(self.err(
                                ctx,
                                k,
                                format!("element \"{other}\" not allowed in \"data\""),
                            ));
                        }
                    }
                }
                let dt = Datatype::new(&ctx.dtlib, ty, &params)
                    .map_err(|e| self.err(ctx, node, format!("datatype \"{ty}\": {e}")))?;
                K::Data(dt, except.map(Rc::new))
            }
            "value" => {
                self.check_attrs(node, ctx, &["type"])?;
                if node.children.iter().any(|c| matches!(c, Child::Elem(_))) {
                    return Err(self.err(ctx, node, "element \"value\" may contain only text"));
                }
                let (lib, ty) = match node.attr("type") {
                    Some(t) => (ctx.dtlib.as_ref(), t.trim_matches(syntax::is_xml_space)),
                    None => ("", "token"),
                };
                if !is_ncname(ty) {
                    return Err(self.err(
                        ctx,
                        node,
                        format!("\"{ty}\" is not a valid datatype name"),
                    ));
                }
                let dt = Datatype::new(lib, ty, &[])
                    .map_err(|e| self.err(ctx, node, format!("datatype \"{ty}\": {e}")))?;
                let value = node.text();
                let mut nss = (*node.nss).clone();
                nss.0.push((String::new(), ctx.ns.to_string()));
                // Only QName-like values depend on their context; others
                // carry an empty one, which keeps the simplified schema small
                // (tei_all inlines thousands of values).
                let keep_context = matches!(ty, "QName" | "NOTATION") && !lib.is_empty();
                dt.allows(&value, &nss).map_err(|e| {
                    self.err(
                        ctx,
                        node,
                        format!("value \"{value}\" is not allowed by datatype \"{ty}\": {e}"),
                    )
                })?;
                K::Value(
                    dt,
                    value,
                    if keep_context {
                        nss
                    } else {
                        Namespaces::default()
                    },
                )
            }
            other => {
                return Err(self.err(
                    ctx,
                    node,
                    format!("element \"{other}\" is not allowed here; expected a pattern"),
                ));
            }
        };
        Ok(P::new(loc, kind))
    }

    /// Resolves `href` of `node`, checks for documents that include
    /// themselves, and reads the target. Pushes the target on the open stack.
    fn open_href(&mut self, node: &Node, ctx: &Ctx) -> R<(usize, Rc<Node>, String)> {
        let href = self.required_attr(node, ctx, "href")?;
        if href.contains('#') {
            return Err(self.err(
                ctx,
                node,
                format!("href \"{href}\" has a fragment identifier"),
            ));
        }
        if !uri::is_uri_reference(href) {
            return Err(self.err(ctx, node, format!("href \"{href}\" is not a URI reference")));
        }
        let target = uri::resolve(&ctx.base, href);
        if self.open.contains(&target) {
            return Err(self.err(
                ctx,
                node,
                format!("schema \"{target}\" includes or references itself"),
            ));
        }
        if self.open.len() >= MAX_OPEN_DOCUMENTS {
            return Err(self.err(ctx, node, "schema documents nested too deeply"));
        }
        let (file, root) = self.document(&target, Some((ctx.file, node.pos)))?;
        self.open.push(target.clone());
        Ok((file, root, target))
    }

    /// The slot of `name` in `scope`.
    fn slot(&mut self, scope: usize, name: &str, loc: Loc) -> usize {
        if let Some(&d) = self.scopes[scope].names.get(name) {
            return d;
        }
        let d = self.defs.len();
        self.defs.push(Def {
            name: name.to_owned(),
            body: None,
            loc,
            bodies: Vec::new(),
            first_ref: None,
        });
        self.scopes[scope].names.insert(name.to_owned(), d);
        d
    }

    /// Whether a component (`None`: `start`) of `scope` is overridden by an
    /// enclosing `include`; marks it found.
    fn overridden(&mut self, scope: usize, name: Option<&str>) -> bool {
        for ex in self.exclusions.iter_mut().rev() {
            if ex.scope != scope {
                continue;
            }
            match name {
                None => {
                    if let Some(found) = ex.start.as_mut() {
                        *found = true;
                        return true;
                    }
                }
                Some(n) => {
                    if let Some(found) = ex.names.get_mut(n) {
                        *found = true;
                        return true;
                    }
                }
            }
        }
        false
    }

    fn combine(&self, node: &Node, ctx: &Ctx) -> R<Option<Combine>> {
        match node
            .attr("combine")
            .map(|c| c.trim_matches(syntax::is_xml_space))
        {
            None => Ok(None),
            Some("choice") => Ok(Some(Combine::Choice)),
            Some("interleave") => Ok(Some(Combine::Interleave)),
            Some(other) => Err(self.err(ctx, node, format!("bad combine value \"{other}\""))),
        }
    }

    /// Reads the components of a `grammar`, `div` or `include`.
    fn grammar_content(&mut self, node: &Node, ctx: &Ctx, in_include: bool) -> R<()> {
        super::deep(|| self.grammar_content_inner(node, ctx, in_include))
    }

    fn grammar_content_inner(&mut self, node: &Node, ctx: &Ctx, in_include: bool) -> R<()> {
        let scope = ctx.scope.expect("grammar content has a scope");
        for k in self.children(node, ctx)? {
            let kctx = &self.enter(k, ctx)?;
            let loc = Self::loc(kctx, k);
            match &*k.local {
                "start" => {
                    self.check_attrs(k, kctx, &["combine"])?;
                    let combine = self.combine(k, kctx)?;
                    let kids = self.children(k, kctx)?;
                    if kids.len() != 1 {
                        return Err(self.err(
                            kctx,
                            k,
                            "element \"start\" must contain exactly one pattern",
                        ));
                    }
                    if self.overridden(scope, None) {
                        continue;
                    }
                    let p = self.pattern(kids[0], kctx)?;
                    self.scopes[scope].starts.push((combine, p));
                }
                "define" => {
                    self.check_attrs(k, kctx, &["name", "combine"])?;
                    let name = self
                        .required_attr(k, kctx, "name")?
                        .trim_matches(syntax::is_xml_space);
                    if !is_ncname(name) {
                        return Err(self.err(kctx, k, format!("\"{name}\" is not a valid name")));
                    }
                    let combine = self.combine(k, kctx)?;
                    let kids = self.children(k, kctx)?;
                    if kids.is_empty() {
                        return Err(self.err(
                            kctx,
                            k,
                            "element \"define\" needs at least one pattern",
                        ));
                    }
                    if self.overridden(scope, Some(name)) {
                        continue;
                    }
                    let body = self.group_of(&kids, kctx, k)?;
                    let d = self.slot(scope, name, loc);
                    if self.defs[d].bodies.is_empty() {
                        self.defs[d].loc = loc;
                    }
                    self.defs[d].bodies.push((combine, P::new(loc, body.kind)));
                }
                "div" => {
                    self.check_attrs(k, kctx, &[])?;
                    self.grammar_content(k, kctx, in_include)?;
                }
                "include" if !in_include => {
                    self.check_attrs(k, kctx, &["href"])?;
                    self.include(k, kctx)?;
                }
                other => {
                    return Err(self.err(
                        kctx,
                        k,
                        format!("element \"{other}\" not allowed in a grammar"),
                    ));
                }
            }
        }
        Ok(())
    }

    fn include(&mut self, node: &Node, ctx: &Ctx) -> R<()> {
        let scope = ctx.scope.expect("include has a scope");
        let mut ex = Exclusion {
            scope,
            start: None,
            names: HashMap::new(),
        };
        self.collect_overrides(node, ctx, &mut ex)?;
        let (file, root, target) = self.open_href(node, ctx)?;
        let inner = Ctx {
            file,
            base: Rc::from(target.as_str()),
            ns: ctx.ns.clone(),
            dtlib: Rc::from(""),
            scope: Some(scope),
        };
        if !root.is_rng("grammar") {
            self.open.pop();
            return Err(self.err(
                ctx,
                node,
                format!("included schema \"{target}\" is not a grammar"),
            ));
        }
        self.exclusions.push(ex);
        let result = self.enter(&root, &inner).and_then(|rctx| {
            self.check_attrs(&root, &rctx, &[])?;
            self.grammar_content(&root, &rctx, false)
        });
        let ex = self.exclusions.pop().expect("pushed above");
        self.open.pop();
        result?;
        if ex.start == Some(false) {
            return Err(self.err(
                ctx,
                node,
                format!("\"include\" overrides \"start\", but \"{target}\" has no start"),
            ));
        }
        let mut missing: Vec<&String> = ex
            .names
            .iter()
            .filter(|(_, f)| !**f)
            .map(|(n, _)| n)
            .collect();
        missing.sort();
        if let Some(n) = missing.first() {
            return Err(self.err(
                ctx,
                node,
                format!("\"include\" overrides \"{n}\", but \"{target}\" does not define it"),
            ));
        }
        self.grammar_content(node, ctx, true)
    }

    fn collect_overrides(&self, node: &Node, ctx: &Ctx, ex: &mut Exclusion) -> R<()> {
        for k in self.children(node, ctx)? {
            match &*k.local {
                "start" => ex.start = Some(false),
                "define" => {
                    if let Some(n) = k.attr("name") {
                        ex.names
                            .insert(n.trim_matches(syntax::is_xml_space).to_owned(), false);
                    }
                }
                "div" => self.collect_overrides(k, ctx, ex)?,
                _ => {}
            }
        }
        Ok(())
    }

    /// Combines the components of a finished grammar; returns its start.
    fn close_scope(&mut self, scope: usize, node: &Node, ctx: &Ctx) -> R<P> {
        let mut ids: Vec<usize> = self.scopes[scope].names.values().copied().collect();
        ids.sort_unstable();
        for d in ids {
            let bodies = std::mem::take(&mut self.defs[d].bodies);
            if bodies.is_empty() {
                let loc = self.defs[d].first_ref.unwrap_or(self.defs[d].loc);
                return Err(Error::in_file(
                    loc.file as usize,
                    loc.pos as usize,
                    format!("reference to undefined pattern \"{}\"", self.defs[d].name),
                ));
            }
            let what = format!("define \"{}\"", self.defs[d].name);
            self.defs[d].body = Some(combine_all(bodies, &what)?);
        }
        let starts = std::mem::take(&mut self.scopes[scope].starts);
        if starts.is_empty() {
            return Err(self.err(ctx, node, "grammar has no \"start\""));
        }
        combine_all(starts, "start")
    }

    /// A name class element.
    fn name_class(
        &mut self,
        node: &Node,
        outer: &Ctx,
        in_any_except: bool,
        in_ns_except: bool,
    ) -> R<NameClass> {
        super::deep(|| self.name_class_inner(node, outer, in_any_except, in_ns_except))
    }

    fn name_class_inner(
        &mut self,
        node: &Node,
        outer: &Ctx,
        in_any_except: bool,
        in_ns_except: bool,
    ) -> R<NameClass> {
        let ctx = &self.enter(node, outer)?;
        match &*node.local {
            "name" => {
                self.check_attrs(node, ctx, &[])?;
                if node.children.iter().any(|c| matches!(c, Child::Elem(_))) {
                    return Err(self.err(ctx, node, "element \"name\" may contain only text"));
                }
                let text = node.text();
                let ns = ctx.ns.clone();
                self.qname(text.trim_matches(syntax::is_xml_space), &ns, node, ctx)
            }
            "anyName" | "nsName" => {
                let any = &*node.local == "anyName";
                self.check_attrs(node, ctx, &[])?;
                if any && (in_any_except || in_ns_except) {
                    return Err(self.err(
                        ctx,
                        node,
                        "\"anyName\" not allowed in \"except\" of \"anyName\" or \"nsName\"",
                    ));
                }
                if !any && in_ns_except {
                    return Err(self.err(
                        ctx,
                        node,
                        "\"nsName\" not allowed in \"except\" of \"nsName\"",
                    ));
                }
                let kids = self.children(node, ctx)?;
                let except = match kids.as_slice() {
                    [] => None,
                    [e] if &*e.local == "except" => {
                        let ectx = &self.enter(e, ctx)?;
                        self.check_attrs(e, ectx, &[])?;
                        let mut items = Vec::new();
                        for k in self.children(e, ectx)? {
                            items.push(self.name_class(
                                k,
                                ectx,
                                in_any_except || any,
                                in_ns_except || !any,
                            )?);
                        }
                        Some(Box::new(nc_choice(items).ok_or_else(|| {
                            self.err(ectx, e, "element \"except\" needs at least one name class")
                        })?))
                    }
                    _ => {
                        return Err(self.err(
                            ctx,
                            node,
                            format!("element \"{}\" may contain only \"except\"", node.local),
                        ));
                    }
                };
                Ok(if any {
                    NameClass::AnyName { except }
                } else {
                    NameClass::NsName {
                        ns: ctx.ns.to_string(),
                        except,
                    }
                })
            }
            "choice" => {
                self.check_attrs(node, ctx, &[])?;
                let mut items = Vec::new();
                for k in self.children(node, ctx)? {
                    items.push(self.name_class(k, ctx, in_any_except, in_ns_except)?);
                }
                nc_choice(items).ok_or_else(|| {
                    self.err(
                        ctx,
                        node,
                        "element \"choice\" needs at least one name class",
                    )
                })
            }
            other => Err(self.err(
                ctx,
                node,
                format!("element \"{other}\" is not allowed here; expected a name class"),
            )),
        }
    }

    /// The name `qname` (prefix resolved in `node`'s scope; `default_ns` for
    /// no prefix).
    fn qname(&self, qname: &str, default_ns: &str, node: &Node, ctx: &Ctx) -> R<NameClass> {
        let bad = || self.err(ctx, node, format!("\"{qname}\" is not a valid name"));
        match qname.split_once(':') {
            Some((prefix, local)) => {
                if !is_ncname(prefix) || !is_ncname(local) {
                    return Err(bad());
                }
                let ns = node.nss.resolve(prefix).ok_or_else(|| {
                    self.err(
                        ctx,
                        node,
                        format!("namespace prefix \"{prefix}\" is not declared"),
                    )
                })?;
                Ok(NameClass::Name {
                    ns: ns.to_owned(),
                    local: local.to_owned(),
                })
            }
            None => {
                if !is_ncname(qname) {
                    return Err(bad());
                }
                Ok(NameClass::Name {
                    ns: default_ns.to_owned(),
                    local: qname.to_owned(),
                })
            }
        }
    }

    /// §4.16: attributes may not be named `xmlns` or be in the xmlns namespace.
    fn check_xmlns(&self, nc: &NameClass, node: &Node, ctx: &Ctx) -> R<()> {
        let is_xmlns_ns = |ns: &str| ns == "http://www.w3.org/2000/xmlns" || ns == syntax::XMLNS_NS;
        let bad = match nc {
            NameClass::Name { ns, local } => (ns.is_empty() && local == "xmlns") || is_xmlns_ns(ns),
            NameClass::NsName { ns, except } => {
                if let Some(e) = except {
                    self.check_xmlns(e, node, ctx)?;
                }
                is_xmlns_ns(ns)
            }
            NameClass::AnyName { except } => {
                if let Some(e) = except {
                    self.check_xmlns(e, node, ctx)?;
                }
                false
            }
            NameClass::Choice(a, b) => {
                self.check_xmlns(a, node, ctx)?;
                self.check_xmlns(b, node, ctx)?;
                false
            }
        };
        if bad {
            return Err(self.err(
                ctx,
                node,
                "attribute name \"xmlns\" and the xmlns namespace are not allowed",
            ));
        }
        Ok(())
    }
}

/// Combines the bodies of one define (or the starts of one grammar).
fn combine_all(bodies: Vec<(Option<Combine>, P)>, what: &str) -> R<P> {
    let mut method: Option<Combine> = None;
    let mut without = 0;
    for (c, p) in &bodies {
        match c {
            None => {
                without += 1;
                if without > 1 {
                    return Err(Error::in_file(
                        p.loc.file as usize,
                        p.loc.pos as usize,
                        format!("{what} is defined more than once without \"combine\""),
                    ));
                }
            }
            Some(c) => {
                if method.is_some_and(|m| m != *c) {
                    return Err(Error::in_file(
                        p.loc.file as usize,
                        p.loc.pos as usize,
                        format!("{what} is combined with both \"choice\" and \"interleave\""),
                    ));
                }
                method = Some(*c);
            }
        }
    }
    let items: Vec<P> = bodies.into_iter().map(|(_, p)| p).collect();
    let make: &dyn Fn(Rc<P>, Rc<P>) -> K = match method {
        Some(Combine::Interleave) => &K::Interleave,
        _ => &K::Choice,
    };
    Ok(balanced(items, make).expect("at least one body"))
}

/// Whether `s` is an XML NCName.
pub fn is_ncname(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if is_name_start(c) && !unicode_normalization::char::is_combining_mark(c) => {
            chars.all(|c| is_name_start(c) || is_name_char(c))
        }
        _ => false,
    }
}

fn is_name_start(c: char) -> bool {
    matches!(c, 'A'..='Z' | 'a'..='z' | '_'
        | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}'
        | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}'
        | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
}

fn is_name_char(c: char) -> bool {
    matches!(c, '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}
