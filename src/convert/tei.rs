//! The TEI writer: the `teiHeader` from the gathered facts, and the body
//! from the document model. Inline markup is written from stand-off
//! annotations; line breaks inside a block become `lb`.

use super::dates;
use super::metadata::{Metadata, Who};
use super::model::{Ann, Kind, Leaf, Part, Tag};
use super::segment::Block;
use std::fmt::Write;

/// The bracket conventions, stated in `editorialDecl` (and in docs/convert.md).
pub(crate) const BRACKET_RULES: &[&str] = &[
    "Square brackets are the editor's. Within one paragraph, [...], [....] and […] mark an elision and are encoded as gap, with the exact form in @rend.",
    "A bracket that follows or precedes a name and begins with a capital identifies the name (FILIPPOV [Stalin], [Alan] Kirk): it is encoded as note type=\"identification\" next to the persName or placeName.",
    "Any other bracketed words were supplied by the editor ([we should]) and are encoded as supplied.",
    "A bracket that does not close within its paragraph, and an empty pair ([ ]), are kept as text.",
    "The header lines, the line breaks (lb) and every character of the transcription are kept in the text; whitespace is normalised (runs of spaces and tabs as one space, lines trimmed, runs of blank lines as one).",
];

fn esc_text(out: &mut String, s: &str) {
    // Copy the runs between the characters to escape in one go.
    let mut rest = s;
    while let Some(i) = rest.find(['&', '<', '>']) {
        out.push_str(&rest[..i]);
        out.push_str(match rest.as_bytes()[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            _ => "&gt;",
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

fn esc_attr(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#10;"),
            _ => out.push(c),
        }
    }
}

fn open(out: &mut String, (name, attrs): &Tag) {
    out.push('<');
    out.push_str(name);
    for (k, v) in attrs {
        let _ = write!(out, " {k}=\"");
        esc_attr(out, v);
        out.push('"');
    }
    out.push('>');
}

fn close(out: &mut String, name: &str) {
    let _ = write!(out, "</{name}>");
}

struct Inline<'a> {
    text: &'a str,
    year: Option<i32>,
    list: bool,
}

impl Inline<'_> {
    fn text(&self, out: &mut String, s: usize, e: usize, top: bool) {
        let mut first = true;
        for piece in self.text[s..e].split('\n') {
            if !first {
                // Between list items a line break is layout, not an lb; no
                // whitespace either, so no reader can take it for a line.
                if !(top && self.list) {
                    out.push_str("<lb/>");
                }
            }
            first = false;
            esc_text(out, piece);
        }
    }

    fn emit(&self, out: &mut String, s: usize, e: usize, anns: &[Ann], top: bool) {
        let mut pos = s;
        let mut i = 0;
        while i < anns.len() {
            let a = &anns[i];
            let mut j = i + 1;
            while j < anns.len() && anns[j].end <= a.end && anns[j].start < a.end {
                j += 1;
            }
            self.text(out, pos, a.start, top);
            let children = &anns[i + 1..j];
            match &a.kind {
                Kind::Gap => {
                    out.push_str("<gap reason=\"editorial\" rend=\"");
                    esc_attr(out, &self.text[a.start..a.end]);
                    out.push_str("\"/>");
                }
                Kind::Supplied => {
                    out.push_str("<supplied>");
                    self.emit(out, a.start + 1, a.end - 1, children, false);
                    out.push_str("</supplied>");
                }
                Kind::IdNote => {
                    out.push_str("<note type=\"identification\">");
                    self.emit(out, a.start + 1, a.end - 1, children, false);
                    out.push_str("</note>");
                }
                Kind::Elem(name, attrs) => {
                    open(out, &(*name, attrs.clone()));
                    self.emit(out, a.start, a.end, children, false);
                    close(out, name);
                }
                Kind::Date(d) => {
                    out.push_str("<date when=\"");
                    out.push_str(&dates::when(d, self.year));
                    out.push_str("\">");
                    self.emit(out, a.start, a.end, children, false);
                    out.push_str("</date>");
                }
                Kind::Time(h, m) => {
                    let _ = write!(out, "<time when=\"{}\">", dates::time_when(*h, *m));
                    self.emit(out, a.start, a.end, children, false);
                    out.push_str("</time>");
                }
            }
            pos = a.end;
            i = j;
        }
        self.text(out, pos, e, top);
    }
}

fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// What an element's first or latest child is, as libxml2 sees it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Child {
    None,
    Text,
    Other,
}

/// An open element while [`keep_word_spaces`] scans a fragment.
struct Open {
    /// Byte offset of the `>` that ends its start tag.
    tag_end: usize,
    first: Child,
    last: Child,
    /// `xml:space="preserve"` is in scope (on it or an ancestor).
    preserve: bool,
    /// It holds a whitespace-only text node that libxml2 would drop.
    at_risk: bool,
}

/// Adds `xml:space="preserve"` to every element of `out[from..]` (a piece of
/// body the writer made: tags, text and character references, no comments)
/// that holds a whitespace-only text node libxml2 would drop when parsing
/// without blanks (`xmllint --format`, `keepBlanks=0`): a node followed by a
/// tag, in an element whose first child is not text, after a sibling that is
/// not text (`<signed><persName>MAO ZEDONG</persName> <date>...`). Such a node
/// is the space between two words; with the attribute every tool that honours
/// `xml:space` (libxml2, XSLT `strip-space`, editors' re-indenters) keeps it,
/// however often the file is re-indented.
fn keep_word_spaces(out: &mut String, from: usize) {
    let bytes = out.as_bytes();
    let mut stack: Vec<Open> = Vec::new();
    let mut marks: Vec<usize> = Vec::new();
    let mut i = from;
    let set = |stack: &mut Vec<Open>, kind: Child| {
        if let Some(top) = stack.last_mut() {
            if top.first == Child::None {
                top.first = kind;
            }
            top.last = kind;
        }
    };
    while i < bytes.len() {
        if bytes[i] == b'<' {
            let end = i + bytes[i..]
                .iter()
                .position(|&b| b == b'>')
                .unwrap_or(bytes.len() - i);
            if bytes.get(i + 1) == Some(&b'/') {
                if let Some(done) = stack.pop()
                    && done.at_risk
                {
                    marks.push(done.tag_end);
                }
            } else {
                set(&mut stack, Child::Other);
                if bytes[end - 1] != b'/' {
                    let tag = &out[i..end];
                    let inherited = stack.last().is_some_and(|o| o.preserve);
                    stack.push(Open {
                        tag_end: end,
                        first: Child::None,
                        last: Child::None,
                        preserve: inherited || tag.contains("xml:space=\"preserve\""),
                        at_risk: false,
                    });
                }
            }
            i = end + 1;
            continue;
        }
        let end = i + bytes[i..]
            .iter()
            .position(|&b| b == b'<')
            .unwrap_or(bytes.len() - i);
        let blank = bytes[i..end]
            .iter()
            .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'));
        if let Some(top) = stack.last_mut() {
            let before_end_tag = bytes.get(end + 1) == Some(&b'/');
            if blank
                && end < bytes.len()
                && !top.preserve
                && top.first != Child::Text
                && top.last != Child::Text
                && !(top.first == Child::None && before_end_tag)
            {
                top.at_risk = true;
            }
        }
        set(&mut stack, Child::Text);
        i = end;
    }
    marks.sort_unstable();
    for at in marks.into_iter().rev() {
        out.insert_str(at, " xml:space=\"preserve\"");
    }
}

fn write_leaf(out: &mut String, leaf: &Leaf, blocks: &[Block], year: Option<i32>, depth: usize) {
    indent(out, depth);
    let from = out.len();
    for t in &leaf.wrap {
        open(out, t);
    }
    let text = &blocks[leaf.block].text;
    let inline = Inline {
        text,
        year,
        list: leaf.list,
    };
    inline.emit(out, 0, text.len(), &leaf.anns.sorted(), true);
    for (block, anns) in &leaf.continued {
        out.push_str("<pb/>");
        let text = &blocks[*block].text;
        let inline = Inline {
            text,
            year,
            list: false,
        };
        inline.emit(out, 0, text.len(), &anns.sorted(), true);
    }
    for t in leaf.wrap.iter().rev() {
        close(out, t.0);
    }
    keep_word_spaces(out, from);
    out.push('\n');
}

fn write_parts(
    out: &mut String,
    parts: &[Part],
    blocks: &[Block],
    year: Option<i32>,
    depth: usize,
) {
    for part in parts {
        match part {
            Part::Leaf(leaf) => write_leaf(out, leaf, blocks, year, depth),
            Part::Group(t, children) => {
                indent(out, depth);
                open(out, t);
                out.push('\n');
                write_parts(out, children, blocks, year, depth + 1);
                indent(out, depth);
                close(out, t.0);
                out.push('\n');
            }
        }
    }
}

/// A one-line element `<name>text</name>` at `depth`.
fn line(out: &mut String, depth: usize, t: Tag, text: &str) {
    indent(out, depth);
    open(out, &t);
    esc_text(out, text);
    close(out, t.0);
    out.push('\n');
}

fn who(out: &mut String, depth: usize, w: &Who) {
    if w.role {
        indent(out, depth);
        out.push_str("<persName><roleName>");
        esc_text(out, &w.name);
        out.push_str("</roleName></persName>\n");
    } else {
        line(out, depth, ("persName", vec![]), &w.name);
    }
}

fn action(
    out: &mut String,
    ty: &str,
    people: &[Who],
    place: Option<&String>,
    date: Option<String>,
) {
    if people.is_empty() && place.is_none() && date.is_none() {
        return;
    }
    let _ = writeln!(out, "        <correspAction type=\"{ty}\">");
    for w in people {
        who(out, 5, w);
    }
    if let Some(p) = place {
        line(out, 5, ("placeName", vec![]), p);
    }
    if let Some(d) = date {
        indent(out, 5);
        out.push_str("<date when=\"");
        esc_attr(out, &d);
        out.push_str("\"/>\n");
    }
    out.push_str("        </correspAction>\n");
}

fn header(out: &mut String, meta: &Metadata, language: Language) {
    let year = meta.context_year;
    out.push_str("  <teiHeader>\n    <fileDesc>\n      <titleStmt>\n");
    line(out, 4, ("title", vec![]), &meta.title());
    out.push_str("      </titleStmt>\n      <publicationStmt>\n");
    out.push_str("        <p>Converted from a plain-text transcription by teikit. Not published; no rights statement is made here.</p>\n");
    out.push_str("      </publicationStmt>\n");
    if !meta.copies.is_empty() || !meta.series.is_empty() || !meta.priority.is_empty() {
        out.push_str("      <notesStmt>\n");
        if !meta.copies.is_empty() {
            out.push_str(
                "        <note type=\"distribution\">\n          <list type=\"copies\">\n",
            );
            for (name, n) in &meta.copies {
                indent(out, 6);
                match n {
                    Some(n) => {
                        let _ = write!(out, "<item n=\"{n}\"><persName>");
                    }
                    None => out.push_str("<item><persName>"),
                }
                esc_text(out, name);
                out.push_str("</persName></item>\n");
            }
            out.push_str("          </list>\n        </note>\n");
        }
        for s in &meta.series {
            line(out, 4, ("note", vec![("type", "series".into())]), s);
        }
        for s in &meta.priority {
            line(out, 4, ("note", vec![("type", "priority".into())]), s);
        }
        out.push_str("      </notesStmt>\n");
    }
    out.push_str("      <sourceDesc>\n");
    match &meta.telegram_no {
        Some(no) => {
            out.push_str("        <msDesc>\n          <msIdentifier>\n");
            line(out, 6, ("idno", vec![("type", "telegram".into())]), no);
            out.push_str("          </msIdentifier>\n        </msDesc>\n");
        }
        None => out
            .push_str("        <p>A plain-text transcription; it prints no telegram number.</p>\n"),
    }
    out.push_str("      </sourceDesc>\n    </fileDesc>\n    <encodingDesc>\n      <appInfo>\n");
    let _ = writeln!(
        out,
        "        <application ident=\"teikit\" version=\"{}\">\n          <label>teikit</label>\n        </application>",
        env!("CARGO_PKG_VERSION")
    );
    out.push_str("      </appInfo>\n      <editorialDecl>\n");
    for rule in BRACKET_RULES {
        line(out, 4, ("p", vec![]), rule);
    }
    out.push_str(
        "      </editorialDecl>\n    </encodingDesc>\n    <profileDesc>\n      <langUsage>\n",
    );
    match language {
        Language::English => {
            out.push_str("        <language ident=\"en\">English: the transcription is an English translation.</language>\n");
            out.push_str("        <language ident=\"ru\">Russian: the language of the original telegram.</language>\n");
        }
        Language::Russian => {
            out.push_str("        <language ident=\"ru\">Russian: the transcription is in Russian, the language of the original telegram.</language>\n");
        }
        Language::Mixed(_) => {
            out.push_str("        <language ident=\"ru\">Russian: parts of the transcription are in Russian, the language of the original telegram.</language>\n");
            out.push_str("        <language ident=\"en\">English: parts of the transcription are in English.</language>\n");
        }
    }
    out.push_str("      </langUsage>\n");
    let a = meta.actions();
    let when = |d: Option<super::model::DateVal>| d.map(|d| dates::when(&d, year));
    let mut corresp = String::new();
    action(
        &mut corresp,
        "sent",
        &a.sent_by,
        a.sent_place.as_ref(),
        when(a.sent_date),
    );
    action(
        &mut corresp,
        "transmitted",
        &a.transmitted_by,
        a.transmitted_place.as_ref(),
        when(a.transmitted_date),
    );
    let received: Vec<Who> = a.received_by.iter().cloned().collect();
    action(
        &mut corresp,
        "received",
        &received,
        a.received_place.as_ref(),
        when(a.received_date),
    );
    if !corresp.is_empty() {
        out.push_str("      <correspDesc>\n");
        out.push_str(&corresp);
        out.push_str("      </correspDesc>\n");
    }
    out.push_str("    </profileDesc>\n  </teiHeader>\n");
}

/// The language of a transcription, as far as its letters tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Language {
    /// Latin letters (a Cyrillic word here and there): the English
    /// translations the archive publishes.
    English,
    /// Cyrillic letters (a Latin word here and there): the Russian text.
    Russian,
    /// Both, a tenth or more each (a Russian text with its translation);
    /// the language of most letters.
    Mixed(&'static str),
}

/// Counts Latin and Cyrillic letters: either kind under a tenth of the
/// other's is a quotation, not a language of the text.
fn language(blocks: &[Block]) -> Language {
    let (mut latin, mut cyrillic) = (0usize, 0usize);
    for block in blocks {
        let t = &block.text;
        latin += t.bytes().filter(u8::is_ascii_alphabetic).count();
        if !t.is_ascii() {
            for c in t.chars().filter(|c| !c.is_ascii()) {
                if ('\u{0400}'..='\u{04FF}').contains(&c) {
                    cyrillic += 1;
                } else if c.is_alphabetic() && c < '\u{0250}' {
                    latin += 1;
                }
            }
        }
    }
    if cyrillic * 10 < latin || cyrillic == 0 {
        Language::English
    } else if latin * 10 < cyrillic {
        Language::Russian
    } else if cyrillic > latin {
        Language::Mixed("ru")
    } else {
        Language::Mixed("en")
    }
}

/// Writes the whole TEI document (without the digest comment).
pub(crate) fn write(parts: &[Part], blocks: &[Block], meta: &Metadata) -> String {
    let size: usize = blocks.iter().map(|b| b.text.len()).sum();
    let mut out = String::with_capacity(size * 2 + 4096);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    // The header is teikit's, in English; the text has its own language.
    out.push_str("<TEI xmlns=\"http://www.tei-c.org/ns/1.0\" xml:lang=\"en\">\n");
    let language = language(blocks);
    header(&mut out, meta, language);
    match language {
        Language::English | Language::Mixed("en") => out.push_str("  <text>\n    <body>\n"),
        Language::Russian | Language::Mixed(_) => {
            out.push_str("  <text xml:lang=\"ru\">\n    <body>\n")
        }
    }
    write_parts(&mut out, parts, blocks, meta.context_year, 3);
    out.push_str("    </body>\n  </text>\n</TEI>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::keep_word_spaces;

    fn kept(s: &str) -> String {
        let mut out = format!("  {s}");
        keep_word_spaces(&mut out, 2);
        out[2..].to_owned()
    }

    #[test]
    fn marks_only_spaces_libxml2_would_drop() {
        // first child an element, space after an element: dropped without the attribute
        assert_eq!(
            kept("<signed><persName>A</persName> <date>1</date>.</signed>"),
            "<signed xml:space=\"preserve\"><persName>A</persName> <date>1</date>.</signed>"
        );
        // first child text: libxml2 keeps every space
        let p = "<p>To <persName>A</persName> <note>B</note></p>";
        assert_eq!(kept(p), p);
        // after a text sibling: kept
        let q = "<q><x>A</x>, <y>B</y></q>";
        assert_eq!(kept(q), q);
        // a lone space in an empty element is kept; not before a tag is kept
        let r = "<p><x> </x><y>a</y> &amp; b</p>";
        assert_eq!(kept(r), r);
        // nested: only the element holding the space is marked
        assert_eq!(
            kept("<p>a <supplied><x>b</x> <y>c</y></supplied></p>"),
            "<p>a <supplied xml:space=\"preserve\"><x>b</x> <y>c</y></supplied></p>"
        );
        // an empty element counts as a non-text sibling; preserve in scope is respected
        assert_eq!(
            kept("<p><gap/> <x>b</x></p>"),
            "<p xml:space=\"preserve\"><gap/> <x>b</x></p>"
        );
        let s = "<p xml:space=\"preserve\"><i><gap/> <x>b</x></i></p>";
        assert_eq!(kept(s), s);
    }
}
