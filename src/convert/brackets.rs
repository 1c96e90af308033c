//! Editorial brackets. Within one paragraph (a source block, or one list
//! item), every balanced pair becomes markup:
//!
//! - `[...]`, `[....]`, `[…]` (only dots or ellipses): an elision, `gap`
//!   with the exact form in `@rend`;
//! - `Name [Identification]` or `[Identification] Name` (the bracket starts
//!   with a capital and touches a run of capitalised words): an
//!   identification, `note type="identification"`, and the name becomes
//!   `persName` (or `placeName` when it is a known place);
//! - an editor's or translator's note (`[Translator's note: ...]`,
//!   `[Stamp: ...]`, `[handwritten: ...]`, `[Source: ...]`, `[illegible]`):
//!   never an identification, so the words before or after it are no name;
//!   `supplied` for now (see [`editorial_note`]);
//! - anything else (`[we should]`, `[telegram]`): words the editor supplied,
//!   `supplied`.
//!
//! A bracket without its partner in the paragraph stays text and is reported.

use super::model::{Ann, Anns, Kind};
use super::names;

/// How a bracket starts when it is an editor's or translator's note, and
/// the note's type.
const NOTE_STARTS: &[(&str, &str)] = &[
    ("translator's note", "editorial"),
    ("translator’s note", "editorial"),
    ("translators' note", "editorial"),
    ("translator's comment", "editorial"),
    ("ed. note", "editorial"),
    ("editor's note", "editorial"),
    ("editor’s note", "editorial"),
    ("editorial note", "editorial"),
    ("note:", "editorial"),
    ("source:", "editorial"),
    ("resolution:", "editorial"),
    ("illegible", "editorial"),
    ("signature", "editorial"),
    ("incoming", "stamp"),
    ("stamp", "stamp"),
    ("handwritten", "handwritten"),
];

/// The type of editor's note (`editorial`, `stamp`, `handwritten`) a
/// bracket's content `inner` is, when it starts like one: `Translator's
/// note: ...`, `Ed. note`, `Editor's note`, `Note:`, `Source:`,
/// `Resolution:`, `illegible`, `signature`, `Stamp: ...`, `Stamp at the end
/// of the page: ...`, `Incoming`, `handwritten: ...` (any letter case; the
/// word ends there). Such a bracket identifies no name.
///
/// Encoding it as `note type="..."` waits for the text layer: `teikit text`
/// leaves out every note but identification notes (docs/text-and-diff.md),
/// so a `note` would lose the words from the round trip; until then it is
/// `supplied`, which the text layer gives back in its brackets.
pub(crate) fn editorial_note(inner: &str) -> Option<&'static str> {
    let lower = inner.trim_start().to_lowercase();
    NOTE_STARTS.iter().find_map(|&(start, ty)| {
        let rest = lower.strip_prefix(start)?;
        (start.ends_with(':') || !rest.starts_with(|c: char| c.is_alphanumeric())).then_some(ty)
    })
}

/// How deeply bracket pairs may nest before they are kept as text.
const MAX_DEPTH: usize = 16;

/// A bracket left as text: its offset in the block text and what is wrong.
pub(crate) type Unbalanced = (usize, &'static str);

/// Annotates the brackets of `text[start..end]`; returns the unbalanced ones.
pub(crate) fn annotate(text: &str, start: usize, end: usize, anns: &mut Anns) -> Vec<Unbalanced> {
    let mut stack = Vec::new();
    let mut pairs = Vec::new();
    let mut bad = Vec::new();
    for (i, c) in text[start..end].char_indices() {
        match c {
            '[' => stack.push(start + i),
            ']' => match stack.pop() {
                // Deeper nesting is not editorial markup; keeping it as text
                // also keeps the XML tree shallow.
                Some(s) if stack.len() >= MAX_DEPTH => {
                    bad.push((s, "brackets nested too deeply; kept as text"))
                }
                Some(s) => pairs.push((s, start + i + 1)),
                None => bad.push((
                    start + i,
                    "closing bracket ']' without an opening one in its paragraph; kept as text",
                )),
            },
            _ => {}
        }
    }
    for s in stack {
        bad.push((s, "bracket '[' not closed in its paragraph; kept as text"));
    }
    bad.sort();
    pairs.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    for (s, e) in pairs {
        let inner = &text[s + 1..e - 1];
        // `[ ]`, `[]`: nothing supplied or identified; kept as text.
        if inner.trim().is_empty() {
            continue;
        }
        if !inner.is_empty() && inner.chars().all(|c| c == '.' || c == '…') {
            anns.add(Ann {
                start: s,
                end: e,
                kind: Kind::Gap,
            });
            continue;
        }
        // an editor's note identifies nothing
        let capital =
            inner.chars().next().is_some_and(char::is_uppercase) && editorial_note(inner).is_none();
        let before = (capital && s > start && text.as_bytes()[s - 1] == b' ')
            .then(|| names::name_before(text, s - 1))
            .flatten()
            .filter(|&ns| ns >= start);
        let after = (capital && before.is_none() && text[e..end].starts_with(' '))
            .then(|| names::name_after(&text[..end], e + 1))
            .flatten();
        let name = match (before, after) {
            (Some(ns), _) => Some((ns, s - 1)),
            (None, Some(ne)) => Some((e + 1, ne)),
            _ => None,
        };
        match name {
            Some((ns, ne)) => {
                anns.add(Ann {
                    start: s,
                    end: e,
                    kind: Kind::IdNote,
                });
                // `MID [Ministry of Foreign Affairs]`, `PolitSoviet [Political
                // Council]`: an institution, not a person
                let org = inner
                    .split(' ')
                    .any(|w| names::is_institution_word(w.trim_end_matches([',', '.', ')'])));
                let tag = if names::is_place(&text[ns..ne]) {
                    "placeName"
                } else if org {
                    "orgName"
                } else {
                    "persName"
                };
                anns.add(Ann::elem(ns, ne, tag));
            }
            None => {
                anns.add(Ann {
                    start: s,
                    end: e,
                    kind: Kind::Supplied,
                });
            }
        }
    }
    bad
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(t: &str) -> (Vec<(String, String)>, usize) {
        let mut anns = Anns::default();
        let bad = annotate(t, 0, t.len(), &mut anns);
        let v = anns
            .sorted()
            .into_iter()
            .map(|a| {
                let k = match a.kind {
                    Kind::Gap => "gap".to_string(),
                    Kind::Supplied => "supplied".into(),
                    Kind::IdNote => "note".into(),
                    Kind::Elem(n, _) => n.into(),
                    _ => "?".into(),
                };
                (k, t[a.start..a.end].to_string())
            })
            .collect();
        (v, bad.len())
    }

    #[test]
    fn editorial_notes_identify_nothing() {
        for (t, ty) in [
            ("Translator's note: this is the GRU", "editorial"),
            ("Translator’s note: the GRU", "editorial"),
            ("Ed. note: In the photocopy", "editorial"),
            ("Source: APRF, Fond 45", "editorial"),
            ("Stamp: SUBJECT TO RETURN", "stamp"),
            ("Stamp at the end of the first page:", "stamp"),
            ("Incoming", "stamp"),
            ("handwritten: to Cde. Stalin", "handwritten"),
            ("Handwritten at the top: IV", "handwritten"),
            ("illegible", "editorial"),
        ] {
            assert_eq!(editorial_note(t), Some(ty), "{t}");
        }
        for t in ["Stalin", "Stampede", "Notes", "Kaesong", "we should"] {
            assert_eq!(editorial_note(t), None, "{t}");
        }
        let (v, _) = kinds("of the Soviet Army [Translator's note: this is the GRU] and");
        let names: Vec<_> = v.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(names, ["supplied"]);
        let (v, _) = kinds("the MID [Ministry of Foreign Affairs] is");
        let names: Vec<_> = v.iter().map(|(k, t)| format!("{k}:{t}")).collect();
        assert_eq!(names, ["orgName:MID", "note:[Ministry of Foreign Affairs]"]);
    }

    #[test]
    fn deep_nesting_stays_text() {
        let t = format!("{}x{}", "[".repeat(100_000), "]".repeat(100_000));
        let (v, bad) = kinds(&t);
        assert_eq!(v.len(), MAX_DEPTH);
        assert_eq!(bad, 100_000 - MAX_DEPTH);
    }

    #[test]
    fn empty_brackets_stay_text() {
        let (v, bad) = kinds("and [ ] empty and [] and [sic]");
        assert_eq!(bad, 0);
        let names: Vec<_> = v.iter().map(|(k, t)| format!("{k}:{t}")).collect();
        assert_eq!(names, ["supplied:[sic]"]);
    }

    #[test]
    fn classifies_brackets() {
        let (v, bad) = kinds(
            "To Comrade FILIPPOV [Stalin] [we should] [...] [Alan] Kirk. Gaeseong [Kaesong] [x",
        );
        assert_eq!(bad, 1);
        let names: Vec<_> = v.iter().map(|(k, t)| format!("{k}:{t}")).collect();
        assert_eq!(
            names,
            [
                "persName:FILIPPOV",
                "note:[Stalin]",
                "supplied:[we should]",
                "gap:[...]",
                "note:[Alan]",
                "persName:Kirk",
                "placeName:Gaeseong",
                "note:[Kaesong]"
            ]
        );
    }
}
