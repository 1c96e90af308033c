//! The text-layer rules, element by element: what each TEI element
//! contributes to the text (see docs/text-and-diff.md for the table).

use super::TextOptions;

/// What an element does to the text layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Rule {
    /// Neither it nor anything inside it is rendered.
    Excluded,
    /// A blank line before and after; content inline.
    Block,
    /// A line break before and after; content inline.
    Line,
    /// A space before and after (table cells, notes when included).
    Cell,
    /// Content passes through unchanged.
    Inline,
    /// `[` + content + `]` (`supplied`, identification notes).
    Bracketed,
    /// `choice`: one child picked by its name.
    Choice,
    /// `app` (and `rdgGrp` inside it): only `lem` is rendered.
    Apparatus,
    /// `TEI` / `teiCorpus`: only `text`, `TEI` and `teiCorpus` children render.
    Document,
    /// `lb`: a hard newline.
    LineBreak,
    /// `pb`: a hard blank line.
    PageBreak,
    /// `cb`, `gb`, `milestone`, `space`, `caesura`: one space.
    Space,
    /// `lb`, `pb`, `cb`, `milestone` with `break="no"`: the word goes on
    /// across it (white space and breaks around it are dropped).
    JoinWord,
    /// `gap`: its recorded bracketed form, or `[...]`; content excluded.
    Gap,
}

/// Elements that start and end a block (a blank line on each side).
const BLOCKS: &[&str] = &[
    "text",
    "front",
    "body",
    "back",
    "group",
    "div",
    "div1",
    "div2",
    "div3",
    "div4",
    "div5",
    "div6",
    "div7",
    "p",
    "ab",
    "head",
    "opener",
    "closer",
    "dateline",
    "salute",
    "signed",
    "byline",
    "argument",
    "epigraph",
    "trailer",
    "postscript",
    "docTitle",
    "titlePage",
    "list",
    "table",
    "lg",
    "floatingText",
    "sp",
    "speaker",
    "stage",
    "castList",
    "figure",
    "docImprint",
    "docEdition",
    "imprimatur",
    "prologue",
    "epilogue",
    "spGrp",
    "listBibl",
];

/// Elements that are headings, header and closing lines or page furniture
/// rather than paragraphs: a blank line next to them may be a line break
/// in a transcription.
const SOFT_BLOCKS: &[&str] = &[
    "head",
    "opener",
    "closer",
    "dateline",
    "salute",
    "signed",
    "byline",
    "argument",
    "epigraph",
    "trailer",
    "docTitle",
    "titlePage",
    "docImprint",
    "docEdition",
    "imprimatur",
    "speaker",
    "stage",
    // page furniture (a LINE element)
    "fw",
];

/// Whether a blank line next to element `name` may stand for a line break
/// in a transcription.
pub(crate) fn is_soft_block(name: &str) -> bool {
    SOFT_BLOCKS.contains(&name)
}

/// Elements that take a line of their own (`fw`: page furniture, running
/// heads, page numbers, catchwords, stands on its own line).
const LINES: &[&str] = &[
    "item",
    "label",
    "l",
    "row",
    "fw",
    "addrLine",
    "titlePart",
    "castItem",
];

/// Elements kept apart from their neighbours by a space.
const CELLS: &[&str] = &["cell", "docAuthor", "docDate"];

/// Elements whose children are each kept apart by a space: `cit` (a
/// quotation and its reference), `subst` (the deleted and the added text).
pub(crate) const SEPARATING: &[&str] = &["cit", "subst"];

/// Subtrees never rendered, wherever they are.
const EXCLUDED: &[&str] = &[
    "teiHeader",
    "facsimile",
    "standOff",
    "figDesc",
    // apparatus sigla, not text of the document
    "wit",
    "witDetail",
    // analytic and linking markup whose content is metadata
    "index",
    "interp",
    "interpGrp",
    "span",
    "spanGrp",
    "link",
    "linkGrp",
    "join",
    "joinGrp",
    "alt",
    "altGrp",
    "certainty",
    "precision",
    "respons",
    "timeline",
    "fs",
    "fLib",
    "fvLib",
];

/// The attributes a rule may depend on.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct RuleAttributes {
    /// `@break="no"`.
    pub(crate) no_break: bool,
    /// `@type="identification"`.
    pub(crate) identification: bool,
}

/// The rule for element `name` (a local name) in a context where it is
/// rendered at all (the parent's rule has already been applied).
pub(crate) fn rule_for(name: &str, attrs: RuleAttributes, options: &TextOptions) -> Rule {
    match name {
        "lb" | "pb" | "cb" | "gb" | "milestone" if attrs.no_break => Rule::JoinWord,
        "lb" => Rule::LineBreak,
        "pb" => Rule::PageBreak,
        // a gathering break, a column break, a caesura in a verse line
        "cb" | "gb" | "milestone" | "space" | "caesura" => Rule::Space,
        "supplied" => Rule::Bracketed,
        "note" if attrs.identification => Rule::Bracketed,
        // a note is a text of its own: kept apart from the words around it
        "note" if options.notes => Rule::Cell,
        "note" => Rule::Excluded,
        "gap" => Rule::Gap,
        "choice" => Rule::Choice,
        "app" => Rule::Apparatus,
        "TEI" | "teiCorpus" => Rule::Document,
        _ if CELLS.contains(&name) => Rule::Cell,
        _ if EXCLUDED.contains(&name) => Rule::Excluded,
        _ if BLOCKS.contains(&name) => Rule::Block,
        _ if LINES.contains(&name) => Rule::Line,
        _ => Rule::Inline,
    }
}

/// Whether a `choice` child named `name` is the branch to render, is the
/// other branch, or is neither (`None`).
pub(crate) fn choice_branch(name: &str, options: &TextOptions) -> Option<bool> {
    let (wanted, other) = if options.corrections {
        (["corr", "reg", "expan"], ["sic", "orig", "abbr"])
    } else {
        (["sic", "orig", "abbr"], ["corr", "reg", "expan"])
    };
    if wanted.contains(&name) {
        Some(true)
    } else if other.contains(&name) {
        Some(false)
    } else {
        None
    }
}

/// The text of a `gap`: its `@rend` when that is a bracketed elision as the
/// converter records it (`[` + one or more `.` or `…` + `]`), else `[...]`.
pub(crate) fn gap_text(rend: Option<&str>) -> &str {
    match rend {
        Some(r) if is_recorded_elision(r) => r,
        _ => "[...]",
    }
}

fn is_recorded_elision(r: &str) -> bool {
    r.strip_prefix('[')
        .and_then(|r| r.strip_suffix(']'))
        .is_some_and(|inner| !inner.is_empty() && inner.chars().all(|c| c == '.' || c == '…'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gap_keeps_only_bracketed_elisions() {
        assert_eq!(gap_text(Some("[....]")), "[....]");
        assert_eq!(gap_text(Some("[…]")), "[…]");
        assert_eq!(gap_text(Some("[.…]")), "[.…]");
        assert_eq!(gap_text(Some("[]")), "[...]");
        assert_eq!(gap_text(Some("italic")), "[...]");
        assert_eq!(gap_text(Some("[..x]")), "[...]");
        assert_eq!(gap_text(None), "[...]");
    }

    #[test]
    fn choice_by_name() {
        let plain = TextOptions::default();
        let corr = TextOptions {
            corrections: true,
            ..TextOptions::default()
        };
        assert_eq!(choice_branch("sic", &plain), Some(true));
        assert_eq!(choice_branch("corr", &plain), Some(false));
        assert_eq!(choice_branch("expan", &corr), Some(true));
        assert_eq!(choice_branch("abbr", &corr), Some(false));
        assert_eq!(choice_branch("seg", &corr), None);
    }

    #[test]
    fn breaks_and_notes() {
        let o = TextOptions::default();
        let no = RuleAttributes {
            no_break: true,
            ..Default::default()
        };
        let id = RuleAttributes {
            identification: true,
            ..Default::default()
        };
        assert_eq!(rule_for("lb", no, &o), Rule::JoinWord);
        assert_eq!(rule_for("pb", no, &o), Rule::JoinWord);
        assert_eq!(rule_for("lb", Default::default(), &o), Rule::LineBreak);
        assert_eq!(rule_for("pb", Default::default(), &o), Rule::PageBreak);
        assert_eq!(rule_for("milestone", no, &o), Rule::JoinWord);
        assert_eq!(rule_for("note", id, &o), Rule::Bracketed);
        assert_eq!(rule_for("note", Default::default(), &o), Rule::Excluded);
        let notes = TextOptions {
            notes: true,
            ..TextOptions::default()
        };
        assert_eq!(rule_for("note", Default::default(), &notes), Rule::Cell);
        assert_eq!(rule_for("figDesc", Default::default(), &o), Rule::Excluded);
        assert_eq!(rule_for("persName", Default::default(), &o), Rule::Inline);
        assert_eq!(rule_for("div3", Default::default(), &o), Rule::Block);
        assert_eq!(rule_for("item", Default::default(), &o), Rule::Line);
        assert_eq!(rule_for("fw", Default::default(), &o), Rule::Line);
        assert_eq!(rule_for("cell", Default::default(), &o), Rule::Cell);
    }
}
