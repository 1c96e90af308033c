//! The streaming renderer: one pass over the XML events, an explicit stack
//! of open elements (no recursion, so any depth is fine), text written into
//! a [`Layout`].

use super::layout::Layout;
use super::rules::{Rule, RuleAttributes, choice_branch, gap_text, rule_for};
use super::{TextError, TextLayer, TextOptions};
use crate::diagnostic::Diagnostic;
use crate::doctype::{Doctype, Entity, Expander, Limits};
use crate::span::{LineIndex, Span};
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

/// One open element.
struct Frame {
    rule: Rule,
    /// For `choice` and `app`: whether a child has been rendered already.
    rendered_child: bool,
    /// Whether this is an `app` (whose state its `rdgGrp`s share).
    app: bool,
    /// For `app`: whether a `lem` comes after its first `rdg` (looked up
    /// once, at that `rdg`).
    lem_ahead: Option<bool>,
    /// Byte offset of its start tag, for messages.
    start: usize,
    /// A `w` (a token of a tokenised text) not inside another `w`.
    word: bool,
    /// A `list`, `listBibl`, ...: a `desc` in it is its introduction.
    list: bool,
    /// A heading, header line or page furniture (`rules::is_soft_block`).
    soft: bool,
    /// Whether its children are kept apart by a space (`cit`, `subst`).
    separating: bool,
    /// Under `xml:space="preserve"`: line ends in text are line breaks.
    preserve: bool,
}

/// Renders `xml` into its text layer.
pub(crate) fn render(xml: &str, options: &TextOptions) -> Result<TextLayer, TextError> {
    let mut reader = Reader::from_str(xml);
    let config = reader.config_mut();
    config.trim_text(false);
    config.check_end_names = true;
    config.check_comments = true;

    // bytes that looking ahead for a lem may still read, over the whole
    // document (nested apps with no lem must not make the pass quadratic)
    let mut lookahead = 2 * xml.len() + LOOKAHEAD;
    // quick-xml skips a byte-order mark and counts its positions after it
    let bom = if xml.starts_with('\u{feff}') { 3 } else { 0 };
    let mut layout = Layout::with_capacity(xml.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut warnings = Vec::new();
    // the DOCTYPE comes before the root: read it first, so that one
    // expander (one byte budget) serves the whole document
    let doctype = read_doctype(xml, &reader)?;
    let mut ents = Entities {
        expander: doctype
            .as_ref()
            .map(|d| Expander::new(d, expansion_limits(xml.len()))),
        doctype: doctype.as_ref(),
    };
    let mut seen_root = false;
    // byte offset of the root element's start tag
    let mut root = 0;

    loop {
        let before = reader.buffer_position() as usize + bom;
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                let at = reader.error_position() as usize + bom;
                return Err(not_well_formed(xml, at, &e.to_string()));
            }
        };
        match event {
            Event::Start(_) | Event::Empty(_) if stack.is_empty() && seen_root => {
                return Err(not_well_formed(
                    xml,
                    before,
                    "a second root element: a document has exactly one",
                ));
            }
            Event::Start(start) => {
                if !seen_root {
                    root = before;
                }
                let frame = open(
                    xml,
                    &start,
                    before,
                    false,
                    (&reader, &mut lookahead, bom),
                    &mut stack,
                    options,
                    &mut layout,
                    &mut warnings,
                )?;
                note_rendered_child(&mut stack, &frame);
                seen_root = true;
                stack.push(frame);
            }
            Event::Empty(start) => {
                if !seen_root {
                    root = before;
                }
                let frame = open(
                    xml,
                    &start,
                    before,
                    true,
                    (&reader, &mut lookahead, bom),
                    &mut stack,
                    options,
                    &mut layout,
                    &mut warnings,
                )?;
                note_rendered_child(&mut stack, &frame);
                seen_root = true;
                close(&frame, before, &mut layout);
            }
            Event::End(_) => {
                // quick-xml has checked that the name matches
                match stack.pop() {
                    Some(frame) => close(&frame, before, &mut layout),
                    None => {
                        return Err(not_well_formed(xml, before, "an end tag with no start tag"));
                    }
                }
            }
            Event::Text(text) => {
                let raw = str_in(xml, &text)
                    .map_err(|_| not_well_formed(xml, before, "text that is not UTF-8"))?;
                let Some(parent) = stack.last() else {
                    if raw.bytes().any(|b| !is_xml_space(b)) {
                        return Err(not_well_formed(
                            xml,
                            before + raw.len() - raw.trim_start_matches(is_xml_space_char).len(),
                            "text outside the root element",
                        ));
                    }
                    continue;
                };
                match parent.rule {
                    Rule::Excluded | Rule::Document | Rule::Gap => {
                        check_references(xml, raw, before, &mut ents)?
                    }
                    // element-only content: indentation is not a space
                    Rule::Choice | Rule::Apparatus if raw.bytes().all(is_xml_space) => {}
                    _ if parent.separating && raw.bytes().all(is_xml_space) => {}
                    _ => push_text(
                        xml,
                        raw,
                        before,
                        (&mut ents, parent.preserve),
                        &mut layout,
                        &mut warnings,
                    )?,
                }
            }
            Event::CData(data) => {
                let raw = std::str::from_utf8(&data)
                    .map_err(|_| not_well_formed(xml, before, "CDATA that is not UTF-8"))?;
                let Some(parent) = stack.last() else {
                    return Err(not_well_formed(
                        xml,
                        before,
                        "CDATA outside the root element",
                    ));
                };
                if !matches!(parent.rule, Rule::Excluded | Rule::Document | Rule::Gap) {
                    push_cdata(
                        raw,
                        before + "<![CDATA[".len(),
                        parent.preserve,
                        &mut layout,
                    );
                }
            }
            Event::DocType(_) => {
                if seen_root {
                    return Err(not_well_formed(
                        xml,
                        before,
                        "a DOCTYPE after the root element",
                    ));
                }
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => break,
        }
    }
    if let Some(open) = stack.last() {
        let name = tag_name(xml, open.start);
        return Err(not_well_formed(
            xml,
            xml.len(),
            &format!(
                "the document ends before <{name}> (opened at {}) is closed",
                { LineIndex::new(xml.as_bytes()).line_col(open.start) }
            ),
        ));
    }
    if !seen_root {
        return Err(not_well_formed(xml, xml.len(), "no root element"));
    }
    let (text, source_map, soft_breaks) = layout.finish();
    if text.is_empty() {
        warnings.push(Diagnostic::warning(
            "no-text",
            "the text layer is empty: no <text> element, or nothing in it is rendered",
            Span::at(root),
        ));
    }
    Ok(TextLayer {
        text,
        warnings,
        source_map,
        soft_breaks,
    })
}

/// Remembers in a `choice` that one of its children is being rendered.
fn note_rendered_child(stack: &mut [Frame], child: &Frame) {
    if let Some(parent) = stack.last_mut()
        && parent.rule == Rule::Choice
        && child.rule != Rule::Excluded
    {
        parent.rendered_child = true;
    }
}

/// Opens an element: decides its rule from its name, attributes and parent,
/// and writes what comes before its content.
#[allow(clippy::too_many_arguments)]
fn open(
    xml: &str,
    start: &BytesStart<'_>,
    offset: usize,
    empty: bool,
    (reader, lookahead, bom): (&Reader<&[u8]>, &mut usize, usize),
    stack: &mut [Frame],
    options: &TextOptions,
    layout: &mut Layout,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Frame, TextError> {
    let local = start.local_name();
    let name = str_in(xml, local.as_ref())
        .map_err(|_| not_well_formed(xml, offset, "an element name that is not UTF-8"))?;
    // Read every attribute, so that malformed ones are reported even in
    // excluded subtrees; keep the few the rules need.
    let mut attrs = RuleAttributes::default();
    let mut rend = None;
    let mut preserve = stack.last().is_some_and(|f| f.preserve);
    for attr in start.attributes() {
        let attr = attr.map_err(|e| not_well_formed(xml, offset, &e.to_string()))?;
        if attr.key.as_ref() == b"xml:space" {
            let value = attr
                .unescape_value()
                .map_err(|e| not_well_formed(xml, offset, &e.to_string()))?;
            preserve = value.trim() == "preserve";
            continue;
        }
        let key = attr.key.local_name();
        let wanted = matches!(key.as_ref(), b"break" | b"type" | b"rend");
        if !wanted {
            continue;
        }
        // an entity declared in the DOCTYPE is not expanded in the few
        // attributes the rules read: their value is taken as written
        let value = match attr.unescape_value() {
            Ok(v) => v,
            Err(_) if attr.value.contains(&b'&') => String::from_utf8_lossy(&attr.value),
            Err(e) => return Err(not_well_formed(xml, offset, &e.to_string())),
        };
        match key.as_ref() {
            b"break" => attrs.no_break = value.trim().eq_ignore_ascii_case("no"),
            b"type" => attrs.identification = value.trim() == "identification",
            _ => rend = Some(value.into_owned()),
        }
    }
    let rule = match stack.last() {
        None => {
            if !matches!(name, "TEI" | "teiCorpus") {
                warnings.push(Diagnostic::warning(
                    "not-tei-root",
                    format!("the root element is <{name}>, not <TEI>: rendering its whole content"),
                    Span::at(offset),
                ));
            }
            rule_for(name, attrs, options)
        }
        Some(parent) => match parent.rule {
            Rule::Excluded | Rule::Gap => Rule::Excluded,
            Rule::Document => match name {
                "TEI" | "teiCorpus" => Rule::Document,
                "text" => Rule::Block,
                _ => Rule::Excluded,
            },
            Rule::Choice => match choice_branch(name, options) {
                Some(true) => rule_for(name, attrs, options),
                Some(false) => Rule::Excluded,
                None if parent.rendered_child => Rule::Excluded,
                None => rule_for(name, attrs, options),
            },
            Rule::Apparatus => {
                // the app whose lem or reading this is (through its rdgGrps)
                let app = stack.iter().rposition(|f| f.app).unwrap_or(stack.len() - 1);
                match name {
                    "lem" => {
                        stack[app].rendered_child = true;
                        Rule::Inline
                    }
                    "rdgGrp" => Rule::Apparatus,
                    "rdg" if stack[app].rendered_child => Rule::Excluded,
                    "rdg" => {
                        let open_inside = stack.len() - app - 1 + usize::from(!empty);
                        let lem_ahead = *stack[app].lem_ahead.get_or_insert_with(|| {
                            let at = reader.buffer_position() as usize + bom;
                            lem_ahead(xml.get(at..).unwrap_or(""), open_inside, lookahead)
                        });
                        if lem_ahead {
                            Rule::Excluded
                        } else {
                            stack[app].rendered_child = true;
                            Rule::Inline
                        }
                    }
                    _ => Rule::Excluded,
                }
            }
            _ => rule_for(name, attrs, options),
        },
    };
    let parent = stack.last();
    // a desc describes its parent (a graphic, a gap...), except the
    // introduction of a list, which is text
    let rule = match (name, parent) {
        ("desc", Some(p)) if p.list && rule != Rule::Excluded => Rule::Line,
        ("desc", _) => Rule::Excluded,
        _ => rule,
    };
    // an XInclude (xi:include, whatever the prefix) is not followed: say so
    // where its content would be rendered
    let prefixed = start.name().as_ref().len() != local.as_ref().len();
    if name == "include" && prefixed && rule != Rule::Excluded {
        warnings.push(Diagnostic::warning(
            "xinclude",
            "an XInclude is not followed: the included text is not part of the text layer",
            Span::at(offset),
        ));
    }
    let separated = parent.is_some_and(|p| p.separating) && rule != Rule::Excluded;
    let word = name == "w" && rule == Rule::Inline && !stack.last().is_some_and(|p| p.word);
    if separated {
        layout.space();
    }
    if word {
        layout.start_word();
    }
    let soft = rule != Rule::Excluded && super::rules::is_soft_block(name);
    if soft {
        layout.mark_soft();
    }
    match rule {
        Rule::Block => layout.ensure_blank_line(soft),
        Rule::Line => layout.ensure_newline(),
        Rule::Cell | Rule::Space => layout.space(),
        Rule::LineBreak => layout.hard_newline(),
        Rule::PageBreak => layout.hard_blank_line(),
        Rule::JoinWord => layout.join_word(),
        Rule::Bracketed => layout.push_char('[', offset),
        Rule::Gap => layout.push_str(gap_text(rend.as_deref()), offset),
        Rule::Excluded | Rule::Inline | Rule::Choice | Rule::Apparatus | Rule::Document => {}
    }
    Ok(Frame {
        rule,
        rendered_child: false,
        app: rule == Rule::Apparatus && name == "app",
        lem_ahead: None,
        start: offset,
        word,
        list: name.starts_with("list"),
        soft,
        separating: rule == Rule::Inline && super::rules::SEPARATING.contains(&name),
        preserve,
    })
}

/// How far [`lem_ahead`] reads before it takes an `app` to have no `lem`.
const LOOKAHEAD: usize = 1 << 20;

/// Whether a `lem` of the current `app` (not of an `app` nested in it)
/// comes before the `app` ends; `open_inside` elements of the app are open
/// at the start of `rest`. Reads at most
/// [`LOOKAHEAD`] bytes and no more than is left of `budget` (which it
/// lowers); past either, the app is taken to have no `lem`. A fault in the
/// XML ends the look (the main pass reports it).
fn lem_ahead(rest: &str, open_inside: usize, budget: &mut usize) -> bool {
    if *budget == 0 {
        return false;
    }
    // a fresh reader over the rest of the document (cloning the main one
    // would copy its stack of open names, as deep as the document)
    let mut r = Reader::from_str(rest);
    r.config_mut().check_end_names = false;
    r.config_mut().allow_unmatched_ends = true;
    let from = r.buffer_position();
    let limit = LOOKAHEAD.min(*budget) as u64;
    let mut depth = open_inside;
    // depths at which nested apps were opened
    let mut nested: Vec<usize> = Vec::new();
    let found = loop {
        if r.buffer_position() - from > limit {
            break false;
        }
        match r.read_event() {
            Ok(Event::Start(e)) => {
                depth += 1;
                match e.local_name().as_ref() {
                    b"app" => nested.push(depth),
                    b"lem" if nested.is_empty() => break true,
                    _ => {}
                }
            }
            Ok(Event::Empty(e)) if nested.is_empty() && e.local_name().as_ref() == b"lem" => {
                break true;
            }
            Ok(Event::End(_)) => {
                if depth == 0 {
                    break false;
                }
                if nested.last() == Some(&depth) {
                    nested.pop();
                }
                depth -= 1;
            }
            Ok(Event::Eof) | Err(_) => break false,
            Ok(_) => {}
        }
    };
    *budget = budget.saturating_sub((r.buffer_position() - from) as usize);
    found
}

/// Closes an element: writes what comes after its content.
fn close(frame: &Frame, offset: usize, layout: &mut Layout) {
    if frame.soft {
        layout.mark_soft();
    }
    match frame.rule {
        Rule::Block => layout.ensure_blank_line(frame.soft),
        Rule::Line => layout.ensure_newline(),
        Rule::Cell => layout.space(),
        Rule::Bracketed => layout.push_char(']', offset),
        _ => {}
    }
    if frame.word {
        layout.end_word();
    }
}

/// `bytes` as text: a slice of `xml` (what quick-xml hands out when it
/// reads from a `&str`) is taken from it with no second UTF-8 check, which
/// cost about a tenth of the text layer's time; anything else is checked.
fn str_in<'x>(xml: &'x str, bytes: &'x [u8]) -> Result<&'x str, std::str::Utf8Error> {
    let offset = (bytes.as_ptr() as usize).wrapping_sub(xml.as_ptr() as usize);
    let within = offset
        .checked_add(bytes.len())
        .and_then(|end| xml.get(offset..end))
        .filter(|s| std::ptr::eq(s.as_ptr(), bytes.as_ptr()));
    match within {
        Some(s) => Ok(s),
        None => std::str::from_utf8(bytes),
    }
}

fn is_xml_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

fn is_xml_space_char(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

/// Writes a text node (raw, with references) that starts at XML byte `base`.
fn push_text(
    xml: &str,
    raw: &str,
    base: usize,
    (ents, preserve): (&mut Entities<'_>, bool),
    layout: &mut Layout,
    warnings: &mut Vec<Diagnostic>,
) -> Result<(), TextError> {
    let bytes = raw.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if is_xml_space(b) {
            white_space(bytes, i, preserve, layout);
            i += 1;
        } else if b == b'&' {
            let (reference, len) = reference(xml, raw, i, base)?;
            match reference {
                Reference::Char(c) if c.is_ascii() && is_xml_space(c as u8) => layout.space(),
                Reference::Char(c) => layout.push_char(c, base + i),
                Reference::Named => {
                    let at = base + i;
                    let written = &raw[i..i + len];
                    match ents.expand(xml, written, at, warnings)? {
                        Expanded::Text(text) => push_expansion(&text, at, preserve, layout),
                        Expanded::Markup(text) => push_markup(xml, &text, at, preserve, layout)?,
                        Expanded::KeptAsWritten => layout.push_str(written, at),
                    }
                }
            }
            i += len;
        } else {
            // A run of visible text, single spaces between words included
            // (copied as they are: the hot path); it stops before any other
            // white space or a reference.
            let run = run_end(bytes, visible_run_end(bytes, i));
            // the run ends at an ASCII byte, so it is a char boundary
            layout.push_str(&raw[i..run], base + i);
            i = run;
        }
    }
    Ok(())
}

/// The end of a run of visible text going on at `run`: before `\t`,
/// `\r`, `\n`, `&`, or a space that is not followed by a visible byte.
fn run_end(bytes: &[u8], mut run: usize) -> usize {
    while run < bytes.len() {
        let b = bytes[run];
        if b == b' ' {
            match bytes.get(run + 1) {
                Some(&next) if !is_xml_space(next) && next != b'&' => run += 2,
                _ => break,
            }
        } else if is_xml_space(b) || b == b'&' {
            break;
        } else {
            run += 1;
        }
    }
    run
}

/// How far from `i` the hot loop of [`push_text`] can skip at once: the
/// first byte, eight at a time (no branch per byte, where spaces between
/// words made the branch predictor miss), that is `\t`, `\r`, `\n`, `&`,
/// or a space followed by one of those or by another space. At the last
/// few bytes it stops early and the byte loop goes on from there.
fn visible_run_end(bytes: &[u8], mut i: usize) -> usize {
    const LOW: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const ONES: u64 = 0x0101_0101_0101_0101;
    // 0x80 in each byte lane of `x` equal to `c`, exactly
    let equal = |x: u64, c: u8| {
        let z = x ^ (u64::from(c) * ONES);
        !(((z & LOW).wrapping_add(LOW)) | z | LOW)
    };
    while let Some(chunk) = bytes.get(i..).and_then(|b| b.first_chunk::<9>()) {
        let x = u64::from_le_bytes([
            chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
        ]);
        // the same lanes one byte on: what follows each byte
        let next = (x >> 8) | (u64::from(chunk[8]) << 56);
        let special = |x: u64| equal(x, b'\t') | equal(x, b'\r') | equal(x, b'\n') | equal(x, b'&');
        let space = equal(x, b' ');
        let stop = special(x) | (space & (special(next) | equal(next, b' ')));
        if stop != 0 {
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i
}

/// The white space byte `bytes[i]`: a space, or under `xml:space="preserve"`
/// a line end (`\n`, `\r\n` or a lone `\r`) is a line break.
fn white_space(bytes: &[u8], i: usize, preserve: bool, layout: &mut Layout) {
    let line_end = match bytes[i] {
        b'\n' => i == 0 || bytes[i - 1] != b'\r',
        b'\r' => true,
        _ => false,
    };
    if preserve && line_end {
        layout.hard_newline();
    } else {
        layout.space();
    }
}

/// Checks the references in a text node that is not rendered.
fn check_references(
    xml: &str,
    raw: &str,
    base: usize,
    ents: &mut Entities<'_>,
) -> Result<(), TextError> {
    let mut from = 0;
    while let Some(n) = raw[from..].find('&') {
        let (reference, len) = reference(xml, raw, from + n, base)?;
        if let Reference::Named = reference {
            // expanded (and counted) all the same: a bomb is a bomb anywhere;
            // warnings about what is not rendered are not given
            let mut ignored = Vec::new();
            ents.expand(
                xml,
                &raw[from + n..from + n + len],
                base + from + n,
                &mut ignored,
            )?;
        }
        from += n + len;
    }
    Ok(())
}

/// Writes CDATA content starting at XML byte `base`: whitespace collapses,
/// nothing else is interpreted.
fn push_cdata(raw: &str, base: usize, preserve: bool, layout: &mut Layout) {
    push_plain(raw, |i| base + i, preserve, layout);
}

/// Writes text in which nothing is interpreted but white space; the run
/// at byte `i` of `text` comes from XML byte `xml_offset(i)`.
fn push_plain(
    text: &str,
    xml_offset: impl Fn(usize) -> usize,
    preserve: bool,
    layout: &mut Layout,
) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if is_xml_space(bytes[i]) {
            white_space(bytes, i, preserve, layout);
            i += 1;
        } else {
            let end = bytes[i..]
                .iter()
                .position(|&b| is_xml_space(b))
                .map_or(bytes.len(), |n| i + n);
            layout.push_str(&text[i..end], xml_offset(i));
            i = end;
        }
    }
}

enum Reference {
    Char(char),
    /// A named entity other than the five predefined ones.
    Named,
}

/// The entities of a document: those its DOCTYPE declares, expanded with
/// one byte budget for the whole document.
struct Entities<'d> {
    doctype: Option<&'d Doctype>,
    expander: Option<Expander<'d>>,
}

/// What a named entity reference becomes.
enum Expanded {
    /// Text, with no markup (references resolved).
    Text(String),
    /// XML to render (the entity's replacement text has elements).
    Markup(String),
    /// The reference itself, as written (with a warning).
    KeptAsWritten,
}

impl Entities<'_> {
    /// Expands the reference `written` (`&name;`) at XML byte `at`.
    fn expand(
        &mut self,
        xml: &str,
        written: &str,
        at: usize,
        warnings: &mut Vec<Diagnostic>,
    ) -> Result<Expanded, TextError> {
        let name = &written[1..written.len() - 1];
        let span = Span::new(at, at + written.len());
        let (Some(doctype), Some(expander)) = (self.doctype, self.expander.as_mut()) else {
            return Err(not_well_formed(
                xml,
                at,
                &format!("undefined entity {written} (the document has no DOCTYPE declaring it)"),
            ));
        };
        match doctype.entities.get(name) {
            None if doctype.external_subset.is_some() || doctype.uses_parameter_entities => {
                // it may be declared where teikit does not look
                warnings.push(Diagnostic::warning(
                    "unknown-entity",
                    format!(
                        "entity {written} is not declared in the DOCTYPE's internal subset (teikit never reads an external DTD or parameter entities): kept as written"
                    ),
                    span,
                ));
                Ok(Expanded::KeptAsWritten)
            }
            None => Err(not_well_formed(
                xml,
                at,
                &format!("undefined entity {written}: the DOCTYPE does not declare it"),
            )),
            Some(Entity::External {
                system,
                unparsed: false,
            }) => {
                warnings.push(Diagnostic::warning(
                    "external-entity",
                    format!(
                        "entity {written} is external (\"{system}\"), and teikit never fetches external entities: kept as written"
                    ),
                    span,
                ));
                Ok(Expanded::KeptAsWritten)
            }
            Some(_) => match expander.expand(name) {
                Ok(e) if e.has_markup => Ok(Expanded::Markup(e.text)),
                Ok(e) => Ok(Expanded::Text(e.text)),
                Err(e) => Err(not_well_formed(
                    xml,
                    at,
                    &format!("in entity {written}: {}", e.message),
                )),
            },
        }
    }
}

/// The caps on entity expansion for a document of `len` bytes: the shared
/// defaults, with a byte budget that grows with the document (four times its
/// size), so that a large edition that uses `&mdash;` a few million times
/// is not taken for a bomb, while a small file's expansions stay small.
fn expansion_limits(len: usize) -> Limits {
    let limits = Limits::default();
    Limits {
        max_total_bytes: limits.max_total_bytes.max(len.saturating_mul(4)),
        ..limits
    }
}

/// Parses the DOCTYPE of the document, if it has one before its root. (An
/// external DTD it names is never read; a reference to an entity that only
/// such a DTD could declare draws a warning where it is used.)
fn read_doctype(xml: &str, reader: &Reader<&[u8]>) -> Result<Option<Doctype>, TextError> {
    let mut r = reader.clone();
    loop {
        match r.read_event() {
            Ok(Event::DocType(text)) => {
                let Ok(content) = str_in(xml, &text) else {
                    return Ok(None);
                };
                let start = (content.as_ptr() as usize).wrapping_sub(xml.as_ptr() as usize);
                let start = if start <= xml.len() { start } else { 0 };
                let doctype = crate::doctype::parse(content).map_err(|e| {
                    not_well_formed(
                        xml,
                        start + e.offset,
                        &format!("in the DOCTYPE: {}", e.message),
                    )
                })?;
                return Ok(Some(doctype));
            }
            Ok(Event::Start(_) | Event::Empty(_) | Event::Eof) | Err(_) => return Ok(None),
            Ok(_) => {}
        }
    }
}

/// Writes the replacement text of an entity (no markup), all of it mapped
/// to the reference at XML byte `at`.
fn push_expansion(text: &str, at: usize, preserve: bool, layout: &mut Layout) {
    push_plain(text, |_| at, preserve, layout);
}

/// What comes after an element's content inside an entity.
fn close_in_entity(rule: Rule, at: usize, layout: &mut Layout) {
    match rule {
        Rule::Block => layout.ensure_blank_line(false),
        Rule::Line => layout.ensure_newline(),
        Rule::Cell => layout.space(),
        Rule::Bracketed => layout.push_char(']', at),
        _ => {}
    }
}

/// Writes the replacement text of an entity that holds markup: its
/// elements follow the rules by name (excluded, block, line, break, or
/// passing their text; the finer rules of `choice`, `app` and the like are
/// not applied inside an entity), all of it mapped to the reference at
/// XML byte `at`. A fault in it is reported at the reference.
fn push_markup(
    xml: &str,
    fragment: &str,
    at: usize,
    preserve: bool,
    layout: &mut Layout,
) -> Result<(), TextError> {
    let mut reader = Reader::from_str(fragment);
    reader.config_mut().trim_text(false);
    reader.config_mut().check_end_names = true;
    let options = TextOptions::default();
    let fault = |message: &str| not_well_formed(xml, at, &format!("in an entity: {message}"));
    // rules of the open elements of the fragment
    let mut open: Vec<Rule> = Vec::new();
    let excluded = |open: &[Rule]| open.iter().any(|r| matches!(r, Rule::Excluded | Rule::Gap));
    loop {
        let event = reader.read_event().map_err(|e| fault(&e.to_string()))?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                let mut attrs = RuleAttributes::default();
                for a in e.attributes().flatten() {
                    let value = String::from_utf8_lossy(&a.value).into_owned();
                    match a.key.local_name().as_ref() {
                        b"break" => attrs.no_break = value.trim().eq_ignore_ascii_case("no"),
                        b"type" => attrs.identification = value.trim() == "identification",
                        _ => {}
                    }
                }
                let rule = if excluded(&open) {
                    Rule::Excluded
                } else {
                    rule_for(&name, attrs, &options)
                };
                if !excluded(&open) {
                    match rule {
                        Rule::Block => layout.ensure_blank_line(false),
                        Rule::Line => layout.ensure_newline(),
                        Rule::Cell | Rule::Space => layout.space(),
                        Rule::LineBreak => layout.hard_newline(),
                        Rule::PageBreak => layout.hard_blank_line(),
                        Rule::JoinWord => layout.join_word(),
                        Rule::Bracketed => layout.push_char('[', at),
                        Rule::Gap => layout.push_str(gap_text(None), at),
                        _ => {}
                    }
                }
                if !matches!(event, Event::Empty(_)) {
                    open.push(rule);
                } else if !excluded(&open) {
                    close_in_entity(rule, at, layout);
                }
            }
            Event::End(_) => {
                let rule = open
                    .pop()
                    .ok_or_else(|| fault("an end tag with no start tag"))?;
                if !excluded(&open) {
                    close_in_entity(rule, at, layout);
                }
            }
            Event::Text(t) => {
                let raw = std::str::from_utf8(&t).map_err(|e| fault(&e.to_string()))?;
                if !excluded(&open) {
                    // references in it: the five predefined ones and
                    // character references (nested entities are expanded)
                    let text =
                        quick_xml::escape::unescape(raw).map_err(|e| fault(&e.to_string()))?;
                    push_expansion(&text, at, preserve, layout);
                }
            }
            Event::CData(t) if !excluded(&open) => {
                push_expansion(&String::from_utf8_lossy(&t), at, preserve, layout);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !open.is_empty() {
        return Err(fault("an element is not closed within the entity"));
    }
    Ok(())
}

/// Resolves the reference at `raw[at..]` (which starts with `&`); returns it
/// and its length in bytes.
fn reference(
    xml: &str,
    raw: &str,
    at: usize,
    base: usize,
) -> Result<(Reference, usize), TextError> {
    let rest = &raw[at + 1..];
    let Some(end) = rest.find(';') else {
        return Err(not_well_formed(
            xml,
            base + at,
            "'&' that does not start a reference (write &amp;)",
        ));
    };
    let name = &rest[..end];
    let len = end + 2;
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            if let Some(num) = name.strip_prefix('#') {
                let code = match num.strip_prefix('x') {
                    Some(hex) if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
                        u32::from_str_radix(hex, 16).ok()
                    }
                    None if !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()) => {
                        num.parse::<u32>().ok()
                    }
                    _ => None,
                };
                match code.and_then(char::from_u32).filter(|&c| is_xml_char(c)) {
                    Some(c) => c,
                    None => {
                        return Err(not_well_formed(
                            xml,
                            base + at,
                            &format!("&{name}; is not a character XML allows"),
                        ));
                    }
                }
            } else if is_name(name) {
                return Ok((Reference::Named, len));
            } else {
                return Err(not_well_formed(
                    xml,
                    base + at,
                    &format!("'&{name};' is not a reference (write &amp; for '&')"),
                ));
            }
        }
    };
    Ok((Reference::Char(c), len))
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
}

fn is_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':'))
}

/// The name in the tag starting at `offset` (for messages).
fn tag_name(xml: &str, offset: usize) -> &str {
    let rest = xml.get(offset + 1..).unwrap_or("");
    let end = rest
        .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
        .unwrap_or(rest.len());
    &rest[..end]
}

fn not_well_formed(xml: &str, offset: usize, message: &str) -> TextError {
    let mut at = LineIndex::new(xml.as_bytes()).line_col(offset);
    // a byte-order mark is not a column an editor shows
    if at.line == 1 && offset >= 3 && xml.starts_with('\u{feff}') {
        at.column -= 1;
    }
    TextError::NotWellFormed {
        line: at.line,
        column: at.column,
        message: message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_of_the_document_are_taken_as_they_are() {
        let xml = "<p>café</p>";
        let inner = &xml.as_bytes()[3..8];
        assert!(std::ptr::eq(
            str_in(xml, inner).unwrap().as_ptr(),
            inner.as_ptr()
        ));
        assert_eq!(str_in(xml, inner).unwrap(), "café");
        // bytes from elsewhere are checked
        let other = b"caf\xC3".to_vec();
        assert!(str_in(xml, &other).is_err());
        assert_eq!(str_in(xml, b"ok").unwrap(), "ok");
    }

    #[test]
    fn the_word_skip_agrees_with_the_byte_loop() {
        // every mix of the bytes that matter, at every offset
        let alphabet = [b'a', b' ', b'\t', b'\r', b'\n', b'&', 0xC3];
        let mut text = Vec::new();
        let mut state = 7u32;
        for _ in 0..4000 {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
            let pick = (state >> 16) as usize % 10;
            text.push(*alphabet.get(pick).unwrap_or(&b'x'));
        }
        for i in 0..text.len() {
            let skipped = visible_run_end(&text, i);
            assert!(skipped <= run_end(&text, i), "{i}");
            assert_eq!(run_end(&text, skipped), run_end(&text, i), "{i}");
        }
    }
}
