//! The document model: source blocks with stand-off annotations, grouped
//! into TEI structure. The TEI writer turns it into XML; nothing here knows
//! about XML syntax.

/// A calendar date as printed, with the year possibly left to context.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct DateVal {
    /// The year, when the text gives one (two-digit years already expanded).
    pub year: Option<i32>,
    /// 1..=12.
    pub month: u8,
    /// 1..=31.
    pub day: u8,
    /// Hour and minute, when printed with the date.
    pub time: Option<(u8, u8)>,
}

/// What an annotation makes of the text it covers.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Kind {
    /// An element wrapping the covered text.
    Elem(&'static str, Vec<(&'static str, String)>),
    /// `[words]`: the brackets become `supplied`.
    Supplied,
    /// `Name [Identification]`: the brackets become an identification note.
    IdNote,
    /// `[...]`: an elision, recorded in `gap/@rend`.
    Gap,
    /// A date; `@when` is resolved against the document's year at writing time.
    Date(DateVal),
    /// A clock time.
    Time(u8, u8),
}

/// A stand-off annotation over a block's text (byte offsets into it).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Ann {
    /// First byte covered.
    pub start: usize,
    /// One past the last byte covered.
    pub end: usize,
    /// What it becomes.
    pub kind: Kind,
}

impl Ann {
    pub fn elem(start: usize, end: usize, name: &'static str) -> Self {
        Ann {
            start,
            end,
            kind: Kind::Elem(name, Vec::new()),
        }
    }

    pub fn elem_with(
        start: usize,
        end: usize,
        name: &'static str,
        attrs: Vec<(&'static str, String)>,
    ) -> Self {
        Ann {
            start,
            end,
            kind: Kind::Elem(name, attrs),
        }
    }
}

/// A set of annotations that nest properly: an annotation that would cross
/// another is refused, so the writer can always build a tree.
///
/// Kept sorted by start, with the longest short span seen, so that the
/// check for crossings only looks at the short annotations that can reach
/// the new one, and at the few long ones (a long paragraph with thousands
/// of names and dates stays fast, also when a bracket spans most of it).
#[derive(Clone, Debug, Default)]
pub(crate) struct Anns {
    /// (annotation, insertion number), sorted by start.
    items: Vec<(Ann, usize)>,
    /// The longest span among those of at most `LONG` bytes.
    max_len: usize,
    /// The annotations longer than `LONG` bytes (also in `items`).
    long: Vec<Ann>,
    added: usize,
}

/// Spans longer than this are checked one by one, not through the window
/// of spans that start close enough to reach a new one.
const LONG: usize = 512;

impl Anns {
    /// Adds `ann` unless it is empty of text or crosses one already there.
    /// Returns whether it was added. Among equal spans, the first added is outermost.
    pub fn add(&mut self, ann: Ann) -> bool {
        if ann.start >= ann.end {
            return false;
        }
        let lo = ann.start.saturating_sub(self.max_len);
        let from = self.items.partition_point(|(x, _)| x.start < lo);
        let to = self.items.partition_point(|(x, _)| x.start < ann.end);
        let near = self.items[from..to]
            .iter()
            .map(|(a, _)| a)
            .chain(&self.long);
        let inside = |x: &Ann, y: &Ann| x.start >= y.start && x.end <= y.end;
        let refused = near.into_iter().any(|a| {
            let overlap = ann.start < a.end && a.start < ann.end;
            let nested = inside(&ann, a) || inside(a, &ann);
            // Replacement annotations (gap) cannot hold anything, and a
            // bracket wrapper strips its own first and last byte, so nothing
            // may share its ends.
            let strips = |k: &Kind| matches!(k, Kind::Supplied | Kind::IdNote);
            let same_end = ann.start == a.start || ann.end == a.end;
            (overlap && !nested)
                || *a == ann
                || (a.kind == Kind::Gap && inside(&ann, a))
                || (ann.kind == Kind::Gap && inside(a, &ann))
                || (strips(&a.kind) && inside(&ann, a) && same_end)
                || (strips(&ann.kind) && inside(a, &ann) && same_end)
        });
        if refused {
            return false;
        }
        if ann.end - ann.start > LONG {
            self.long.push(ann.clone());
        } else {
            self.max_len = self.max_len.max(ann.end - ann.start);
        }
        let at = self.items.partition_point(|(x, _)| x.start <= ann.start);
        self.items.insert(at, (ann, self.added));
        self.added += 1;
        true
    }

    /// The annotations, outermost first in document order.
    pub fn sorted(&self) -> Vec<Ann> {
        let mut v: Vec<&(Ann, usize)> = self.items.iter().collect();
        v.sort_by(|(a, i), (b, j)| a.start.cmp(&b.start).then(b.end.cmp(&a.end)).then(i.cmp(j)));
        v.into_iter().map(|(a, _)| a.clone()).collect()
    }

    /// Every annotation, by start.
    pub fn iter(&self) -> impl Iterator<Item = &Ann> {
        self.items.iter().map(|(a, _)| a)
    }
}

/// An element with its attributes.
pub(crate) type Tag = (&'static str, Vec<(&'static str, String)>);

/// One source block (lines without a blank line between them) and its markup.
#[derive(Clone, Debug)]
pub(crate) struct Leaf {
    /// Index of the block in the document's blocks.
    pub block: usize,
    /// Wrapping elements, outermost first (for example `closer`, `signed`).
    pub wrap: Vec<Tag>,
    /// Inline markup over the block's text.
    pub anns: Anns,
    /// A list block: line breaks between items are not `lb`.
    pub list: bool,
    /// Blocks that continue this paragraph after a page break (`pb`).
    pub continued: Vec<(usize, Anns)>,
}

/// The TEI structure of the body.
#[derive(Clone, Debug)]
pub(crate) enum Part {
    /// One source block.
    Leaf(Leaf),
    /// A container of several parts (`opener`, `quote`, `floatingText`, `body`).
    Group(Tag, Vec<Part>),
}
