//! Closing lines: signatures (`MAO ZEDONG`, `13.1.51 ROSHCHIN`,
//! `LI KENONG 12.8.51 4:00."`), dates and outgoing references
//! (`No. 3107 21.6.51`, `30.6`, `No. 335/III`), titles of signatories,
//! end markers (`###`), a trailing `[...]`, archivists' notes (`Spravka: ...`)
//! and formulas (`Confirm receipt.`, `Two copies printed. Nº 2 to file.`).

use super::dates::{self, Found};
use super::model::{Ann, Anns, DateVal, Kind};
use super::names;
use regex::Regex;
use std::sync::LazyLock;

/// What a closing line is.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Close {
    /// A signature: the name's byte range and the date printed with it.
    Signature(usize, usize, Option<DateVal>),
    /// A date and/or an outgoing number.
    DateRef(Option<DateVal>),
    /// Co-signatories (`MAO ZEDONG, ZHOU ENLAI`): each name's byte range,
    /// and the date printed after them.
    CoSigned(Vec<(usize, usize)>, Option<DateVal>),
    /// The place and date of writing (`MOSCOW, 30.6.51`, `Beijing`): the
    /// place's byte range and the date.
    PlaceDate(usize, usize, Option<DateVal>),
    /// The title of a signatory.
    Role,
    /// A closing salutation alone (`With communist greetings,`).
    Salute,
    /// `###` and the like.
    EndMarker,
    /// An elision alone.
    Gap,
    /// An archivist's note.
    Note,
    /// A closing formula.
    Formula,
    /// A distribution line (`Copies: Stalin, Copy`, `5 copies`, `1. Comr.
    /// Stalin`, `Copy Nº 2 to Cde. Molotov`), or the rest of one that ran
    /// onto the next line.
    Distribution,
}

static REF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\A(?:No\.|Nº|№|no\.)[ ]?[0-9][0-9A-Za-z/\-]*").unwrap());
/// The same, anywhere (the caller checks where).
static REF_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:No\.|Nº|№|no\.)[ ]?[0-9][0-9A-Za-z/\-]*").unwrap());
/// An archivist's or editor's note: `Spravka: ...`, `Source: APRF, ...`,
/// or an archive's reference (`APRF, f. 45, op. 1, d. 335`).
static NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A(?:(?:Spravka|SPRAVKA|Reference|Certificate|Note|Source|SOURCE|Sources)[:.]|(?:APRF|AP RF|AVPRF|AVP RF|RGASPI|RGANI|GARF|TsAMO|TsKhSD|RGVA)[,. ])").unwrap()
});
/// A closing salutation: `With communist greetings`, `Greetings`, `Respectfully`.
const GREETING_CORE: &str = r"(?:With (?:[a-z]+ ){0,2}(?:greetings|regards|respect)|(?:[A-Z][a-z]+ )?(?:Greetings|Regards)|Respectfully(?: yours)?|Yours (?:truly|faithfully|sincerely))";
/// A salutation that a signature follows on the same line.
static GREETING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"\A{GREETING_CORE}[.,!]? ")).unwrap());
/// A line that is a salutation and nothing else.
static SALUTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r#"\A{GREETING_CORE}[.,!]?["”»'’]?\z"#)).unwrap());
static FORMULA: LazyLock<Regex> = LazyLock::new(|| {
    // ASCII letter case and word characters: the formulas are English
    Regex::new(r"(?i-u)\A(?:confirm (?:the )?(?:receipt|delivery)|(?:immediately )?telegraph (?:the )?(?:fulfil?l?ment|execution)\b|(?u:.)*\bcop(?:y|ies) (?:printed|made|typed)\b|printed (?:in )?\w+ cop(?:y|ies)\b|(?u:.)*\bto file\b|(?:typed|deciphered|decoded|ciphered|encoded|printed|cabled|copied|checked|verified) by:? (?u:\S)+(?: (?u:\S)+)?(?: on| at|,)? (?u:.)*[0-9])")
        .unwrap()
});
/// A footnote line after the message: `x/ ...`, `* ...`.
static FOOTNOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\A(?:x/|\*{1,3}|x\))[ ]?[A-Z\[]").unwrap());
/// A date printed in a form the date reader does not take (`13/5-50.`),
/// before a signature.
static DATEISH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\A[0-9]{1,2}[./-][0-9]{1,2}[./-][0-9]{2,4}\.?[ ]").unwrap());
/// A distribution line at the end: `Copies: Stalin (2), Molotov`, `Copies:`,
/// `5 copies`, `Distribution list - 11 copies: ...`, `1. Comr. Stalin`,
/// `Copy Nº 2 to Cde. Molotov`.
static DISTRIBUTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A(?:(?i:copies)(?::|\z| to:)|(?i:distribution(?: list)?)(?::| -| –| —)|[0-9]{1,2} (?i:copies)\.?\z|[0-9]{1,2}(?:\.|[ ]?[–-]) ?(?:Comr\.|Comrade|Cde\.|Com\.|Tov\.|to Cde\.|to Comrade) |(?i:copy) ?(?:No\.?|Nº|N|№) ?[0-9]{1,2}(?:\z|[ ]to\b|[ ][-–—]))").unwrap()
});

/// This module's patterns, to compile them ahead of the first conversion
/// (see [`super::warm_up`]).
pub(super) static PATTERNS: &[&LazyLock<Regex>] = &[
    &REF,
    &REF_AFTER,
    &NOTE,
    &GREETING,
    &SALUTE,
    &FORMULA,
    &FOOTNOTE,
    &DATEISH,
    &DISTRIBUTION,
];
const FUNCTION_WORDS: &[&str] = &["of", "the", "in", "and", "for", "to", "on"];
/// Words of titles and offices: a mixed-case line made of them is a title
/// (`Foreign Minister`), not a signature.
const TITLE_WORDS: &[&str] = &[
    "Commander",
    "Chief",
    "Minister",
    "Chairman",
    "Premier",
    "Secretary",
    "Ambassador",
    "Representative",
    "Adviser",
    "Advisor",
    "General",
    "Marshal",
    "Head",
    "Deputy",
    "President",
    "Party",
    "Army",
    "Committee",
    "Government",
    "Council",
    "Staff",
    "Department",
    "Ministry",
    "Embassy",
    "Military",
    "Foreign",
    "Affairs",
    "Central",
    "Volunteers",
    "Command",
    "Headquarters",
    "Mission",
    "Attaché",
    "Consul",
];
/// Single words that end a message without being a signature.
const NOT_SIGNATURE: &[&str] = &[
    "Thanks",
    "Agreed",
    "Approved",
    "Yes",
    "Correct",
    "Confirmed",
    "Received",
    "Urgent",
    "Secret",
    "End",
    "Ussr",
    "Sssr",
    "Dprk",
    "Prc",
    "Usa",
    "Ccp",
    "Mfa",
    "Mid",
];

/// Whether `name` (a run of name words) is a signature: all capitals as
/// the telegrams print them (`MAO ZEDONG`), or a mixed-case name (`Kim Il
/// Sung`) that is no title, place or common closing word.
fn signature_name(name: &str) -> bool {
    let words: Vec<&str> = name.split(' ').collect();
    if words.len() == 1 && NOT_SIGNATURE.contains(&names::name_case(words[0]).as_str()) {
        return false;
    }
    // single letters (`U S S R`) are no name: a letter-spaced one is read
    // closed up (`letter_spaced`)
    if words.iter().all(|w| w.chars().count() == 1) {
        return false;
    }
    if words.iter().all(|w| names::is_caps_word(w)) {
        return true;
    }
    let title = names::is_place(name)
        || words.iter().any(|w| TITLE_WORDS.contains(w))
        || (words.len() == 1 && NOT_SIGNATURE.contains(&words[0]));
    !title
        && words
            .iter()
            .all(|w| names::is_name_word(w) || w.ends_with('.'))
}

/// `S H T Y K O V`: a name printed letter-spaced (four capitals or more,
/// single spaces between); its end.
fn letter_spaced(line: &str, start: usize) -> Option<usize> {
    let rest = &line[start..];
    let mut letters = 0;
    let mut end = start;
    for (i, w) in rest.split(' ').enumerate() {
        let mut cs = w.chars();
        match (cs.next(), cs.next()) {
            (Some(c), None) if c.is_uppercase() => {
                letters += 1;
                end = start
                    + rest
                        .split(' ')
                        .take(i + 1)
                        .map(|w| w.len() + 1)
                        .sum::<usize>()
                    - 1;
            }
            _ => break,
        }
    }
    (letters >= 4 && signature_name(&signatory(&line[start..end]))).then_some(end)
}

/// A signatory's name as the header records it: a letter-spaced name
/// (`S H T Y K O V`) closed up (`SHTYKOV`), any other as printed.
pub(crate) fn signatory(name: &str) -> String {
    if name.len() >= 7 && name.split(' ').all(|w| w.chars().count() == 1) {
        name.replace(' ', "")
    } else {
        name.to_owned()
    }
}

/// Separators between an outgoing number, a signature and a date on one
/// line (`No. 18 - TEREBIN - 14 January`).
const SEPARATORS: &[&str] = &[" - ", " – ", " — ", ", ", ". ", " "];

/// The end of the line's content without closing quotation marks and final stops.
fn core_end(line: &str) -> usize {
    line.trim_end_matches(['"', '”', '»', '\'', '’', '.', ','])
        .len()
}

/// Dates and times covering `line[s..e]` exactly (with single spaces or commas between).
fn only_dates(line: &str, s: usize, e: usize) -> Option<Option<DateVal>> {
    let part = &line[s..e];
    let found = dates::find(part);
    let mut p = 0;
    let mut first = None;
    for (a, b, f) in found {
        if !part[p..a].chars().all(|c| c == ' ' || c == ',') {
            return None;
        }
        if let (Found::Date(d), None) = (f, first) {
            first = Some(d);
        }
        p = b;
    }
    part[p..]
        .chars()
        .all(|c| c == ' ' || c == ',')
        .then_some(first)
}

/// `MAO ZEDONG, ZHOU ENLAI` (also `... and ...`, and a date after them):
/// two or more signatures on one line, in capitals or all in mixed case.
fn co_signed(line: &str, end: usize) -> Option<Close> {
    let q0 = GREETING.find(line).map_or(0, |m| m.end());
    let mut names_at = Vec::new();
    let mut q = q0;
    loop {
        let ne = names::name_after(line, q)?;
        if !signature_name(&line[q..ne]) {
            return None;
        }
        names_at.push((q, ne));
        let sep = [", ", " and ", " AND "]
            .iter()
            .find(|s| line[ne..].starts_with(**s))
            .map(|s| s.len());
        match sep {
            Some(k) if names::name_after(line, ne + k).is_some() => q = ne + k,
            _ => break,
        }
    }
    let last = names_at.last()?.1;
    let caps = |(a, b): &(usize, usize)| line[*a..*b].split(' ').all(names::is_caps_word);
    let same_case = names_at.iter().all(caps) || names_at.iter().all(|n| !caps(n));
    if names_at.len() < 2 || !same_case {
        return None;
    }
    let date = if last >= end {
        None
    } else {
        let gap = [" ", ". ", ", "]
            .iter()
            .find(|g| line[last..].starts_with(**g))?;
        only_dates(line, last + gap.len() - 1, end)?
    };
    Some(Close::CoSigned(names_at, date))
}

/// Classifies one line of a closing block.
pub(crate) fn classify(line: &str) -> Option<Close> {
    if line.chars().count() >= 3
        && line
            .chars()
            .all(|c| matches!(c, '#' | '*' | '=' | '-' | '—' | '–' | '_'))
    {
        return Some(Close::EndMarker);
    }
    // `x/ Pseudonym of I.V. Stalin.`, `* ...`: a footnote to the message
    if FOOTNOTE.is_match(line) {
        return Some(Close::Note);
    }
    let inner = line.strip_prefix('[').and_then(|x| x.strip_suffix(']'));
    if inner.is_some_and(|x| !x.is_empty() && x.chars().all(|c| c == '.' || c == '…')) {
        return Some(Close::Gap);
    }
    // `[Source: APRF, Fond 45, Opis 1, Delo 335]`, `[Translated by ...]`:
    // an editor's note in brackets, a line of its own after the message
    let bracketed_note = inner.is_some_and(|x| {
        !x.contains(['[', ']'])
            && x.split(' ')
                .filter(|w| w.chars().any(char::is_alphabetic))
                .count()
                >= 2
    });
    if NOTE.is_match(line) || bracketed_note {
        return Some(Close::Note);
    }
    if FORMULA.is_match(line) && line.split(' ').count() <= 12 {
        return Some(Close::Formula);
    }
    if SALUTE.is_match(line) {
        return Some(Close::Salute);
    }
    if DISTRIBUTION.is_match(line) && line.split(' ').count() <= 40 {
        return Some(Close::Distribution);
    }
    let end = core_end(line);
    if end == 0 {
        return None;
    }
    if &line[..end] == "Date" {
        return Some(Close::DateRef(None));
    }
    // [No. N] [dates]
    let mut p = 0;
    if let Some(m) = REF.find(line) {
        p = m.end();
    }
    if let Some(d) = only_dates(line, p, end)
        && (p > 0 || d.is_some() || !dates::find(&line[..end]).is_empty())
    {
        return Some(Close::DateRef(d));
    }
    // PLACE[, date]: where it was written, not who signed
    if let Some(ne) = names::name_after(line, 0)
        && names::is_place(&line[..ne])
    {
        if ne >= end {
            return Some(Close::PlaceDate(0, ne, None));
        }
        if let Some(g) = [", ", " ", "; "]
            .iter()
            .find(|g| line[ne..].starts_with(**g))
            && let Some(d) = only_dates(line, ne + g.len() - 1, end)
            && d.is_some()
        {
            return Some(Close::PlaceDate(0, ne, d));
        }
    }
    if let Some(co) = co_signed(line, end) {
        return Some(co);
    }
    // [greeting | No. N -] [date] NAME [ [Id] ] [date]
    let mut q = GREETING.find(line).map_or(0, |m| m.end());
    // `No. 18 - TEREBIN - 14 January`: the outgoing number first
    if q == 0
        && let Some(m) = REF.find(line)
        && let Some(sep) = SEPARATORS.iter().find(|g| line[m.end()..].starts_with(**g))
    {
        q = m.end() + sep.len();
    }
    let mut date = None;
    if let Some(&(s, b, f)) = dates::find(line).first()
        && s == q
    {
        if let Found::Date(d) = f {
            date = Some(d);
        }
        if line[b..].starts_with(' ') {
            q = b + 1;
        }
    } else if let Some(m) = DATEISH.find(&line[q..]) {
        // `13/5-50. Roshchin`: a date in a form not read, kept as text
        q += m.end();
    }
    // `Chairman MAO TSE-TUNG`: a title in mixed case before a name in capitals
    let mut t = q;
    while let Some((w, _)) = line[t..].split_once(' ')
        && TITLE_WORDS.contains(&w)
    {
        t += w.len() + 1;
    }
    if t > q
        && let Some(ne) = names::name_after(line, t)
        && line[t..ne].split(' ').all(names::is_caps_word)
    {
        q = t;
    }
    if let Some(ne) = letter_spaced(line, q)
        .or_else(|| names::name_after(line, q).filter(|&ne| signature_name(&line[q..ne])))
    {
        let mut r = ne;
        // an identification, in brackets or in parentheses (`FILIPPOV (Stalin)`)
        if let Some(x) = line[r..]
            .strip_prefix(" [")
            .or_else(|| line[r..].strip_prefix(" ("))
            && let Some(c) = x.find([']', ')'])
            && !x[..c].contains(['[', '('])
        {
            r += 2 + c + 1;
        }
        // `ROSHCHIN No. 2974 13.6.51`: the outgoing number after the name
        if let Some(g) = SEPARATORS.iter().find(|g| line[r..].starts_with(**g))
            && let Some(m) = REF.find(&line[r + g.len()..])
        {
            r += g.len() + m.end();
        }
        // "MAO ZEDONG 12.8.51", also "Mao Zedong. 13.1.51", "TEREBIN - 14 January"
        let gap = SEPARATORS
            .iter()
            .find(|g| line[r..].starts_with(**g))
            .map(|g| g.len() - 1);
        let rest_ok = r >= end
            || (gap.is_some_and(|g| r + g < end)
                && only_dates(line, r + gap.unwrap_or(0), end).is_some_and(|d| {
                    if date.is_none() {
                        date = d;
                    }
                    true
                }));
        if rest_ok {
            return Some(Close::Signature(q, ne, date));
        }
    }
    // Commander in Chief of the Korean People's Army
    let words: Vec<&str> = line[..end].split(' ').collect();
    if words.len() >= 2
        && words.len() <= 12
        && !line[..end].contains([',', ';', ':', '.', '!', '?', '[', '"'])
        && words[0].chars().next().is_some_and(char::is_uppercase)
        && words
            .iter()
            .all(|w| FUNCTION_WORDS.contains(w) || w.chars().next().is_some_and(char::is_uppercase))
    {
        return Some(Close::Role);
    }
    None
}

/// Markup for a closing line at `off` in a block text.
pub(crate) fn annotate(off: usize, line: &str, close: &Close, anns: &mut Anns) {
    match close {
        Close::Signature(s, e, _) => {
            anns.add(Ann::elem(off + s, off + e, "persName"));
        }
        Close::PlaceDate(s, e, _) => {
            anns.add(Ann::elem(off + s, off + e, "placeName"));
        }
        Close::CoSigned(names_at, _) => {
            for (s, e) in names_at {
                anns.add(Ann::elem(off + s, off + e, "persName"));
            }
        }
        Close::Role => {
            anns.add(Ann::elem(off, off + core_end(line), "roleName"));
        }
        _ => {}
    }
    // `ROSHCHIN No. 2974 13.6.51`: the number after the signature
    let after_name = match close {
        Close::Signature(_, e, _) => REF_AFTER.find_at(line, *e).filter(|m| {
            SEPARATORS
                .iter()
                .any(|g| m.start() == e + g.len() && line[*e..].starts_with(g))
        }),
        _ => None,
    };
    if let Some(m) = REF.find(line).or(after_name) {
        let digits = line[..m.end()]
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(0);
        anns.add(Ann::elem_with(
            off + digits,
            off + m.end(),
            "idno",
            vec![("type", "outgoing".into())],
        ));
    }
    for (s, e, f) in dates::find(line) {
        let kind = match f {
            Found::Date(d) => Kind::Date(d),
            Found::Time(h, m) => Kind::Time(h, m),
        };
        anns.add(Ann {
            start: off + s,
            end: off + e,
            kind,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closing_lines() {
        assert!(matches!(
            classify("MAO ZEDONG"),
            Some(Close::Signature(0, 10, None))
        ));
        assert!(matches!(
            classify("FILIPPOV [Stalin]"),
            Some(Close::Signature(0, 8, None))
        ));
        assert!(matches!(
            classify("13.1.51 ROSHCHIN"),
            Some(Close::Signature(8, 16, Some(_)))
        ));
        assert!(matches!(
            classify("LI KENONG 12.8.51 4:00.\""),
            Some(Close::Signature(0, 9, Some(_)))
        ));
        assert!(matches!(
            classify("No. 3107 21.6.51"),
            Some(Close::DateRef(Some(_)))
        ));
        assert!(matches!(
            classify("No. 335/III"),
            Some(Close::DateRef(None))
        ));
        assert!(matches!(classify("30.6"), Some(Close::DateRef(Some(_)))));
        assert_eq!(
            classify("MAO ZEDONG, ZHOU ENLAI"),
            Some(Close::CoSigned(vec![(0, 10), (12, 22)], None))
        );
        assert!(matches!(
            classify("Kim Il Sung and Pak Hon Yong 13.1.51."),
            Some(Close::CoSigned(v, Some(_))) if v.len() == 2
        ));
        // mixed capitals and title case, or a sentence: no co-signature
        assert_eq!(classify("MAO ZEDONG, Moscow"), None);
        assert!(matches!(
            classify("MOSCOW, 30.6.51"),
            Some(Close::PlaceDate(0, 6, Some(_)))
        ));
        assert_eq!(classify("Beijing."), Some(Close::PlaceDate(0, 7, None)));
        assert_eq!(
            classify("Chairman MAO TSE-TUNG"),
            Some(Close::Signature(9, 21, None))
        );
        assert_eq!(classify("Foreign Minister"), Some(Close::Role));
        assert!(!matches!(
            classify("Stalin, Molotov and others"),
            Some(Close::CoSigned(..))
        ));
        assert!(matches!(
            classify("30 June 1951"),
            Some(Close::DateRef(Some(_)))
        ));
        assert_eq!(classify("Date.”"), Some(Close::DateRef(None)));
        assert_eq!(classify("###"), Some(Close::EndMarker));
        assert_eq!(classify("[...]"), Some(Close::Gap));
        assert_eq!(
            classify("Spravka: no. 48 (from no. 837) of 3.7.51"),
            Some(Close::Note)
        );
        assert_eq!(
            classify("[Source: APRF, Fond 45, Opis 1, Delo 335, Listy 122-123]"),
            Some(Close::Note)
        );
        assert_eq!(
            classify("Source: AVPRF, f. 059a, op. 5a, d. 5, l. 80."),
            Some(Close::Note)
        );
        assert_eq!(
            classify("APRF, f. 45, op. 1, d. 342, l. 78"),
            Some(Close::Note)
        );
        assert_ne!(classify("[Stalin]"), Some(Close::Note));
        assert_eq!(
            classify("Two copies printed. Nº 2 to file."),
            Some(Close::Formula)
        );
        assert_eq!(
            classify("Commander in Chief of the Korean People's Army"),
            Some(Close::Role)
        );
        assert!(matches!(
            classify("With greetings. FILIPPOV [Stalin].”"),
            Some(Close::Signature(16, 24, None))
        ));
        // mixed-case names sign too; titles and places do not
        assert!(matches!(
            classify("Kim Il Sung"),
            Some(Close::Signature(0, 11, None))
        ));
        assert!(matches!(
            classify("Kim Il Sung [Kim Il-sung]"),
            Some(Close::Signature(0, 11, None))
        ));
        assert_eq!(classify("Foreign Minister"), Some(Close::Role));
        assert!(matches!(
            classify("With greetings, Mao Zedong. 13.1.51»"),
            Some(Close::Signature(16, 26, Some(_)))
        ));
        assert_ne!(
            classify("Moscow").map(|c| matches!(c, Close::Signature(..))),
            Some(true)
        );
        assert!(matches!(
            classify("With greetings. KIM IL SUNG.\""),
            Some(Close::Signature(16, 27, None))
        ));
        assert!(matches!(
            classify("With greetings, Kim Il Sung”"),
            Some(Close::Signature(16, 27, None))
        ));
        for salute in [
            "With communist greetings,",
            "With greetings,",
            "Greetings.",
            "Respectfully,",
            "With deep respect.",
        ] {
            assert_eq!(classify(salute), Some(Close::Salute), "{salute}");
        }
        assert_eq!(classify("I ask your instructions on the above."), None);
        // letter-spaced; after the outgoing number, with dashes
        assert_eq!(
            classify("S H T Y K O V"),
            Some(Close::Signature(0, 13, None))
        );
        assert_eq!(signatory("S H T Y K O V"), "SHTYKOV");
        assert!(!matches!(classify("U S S R"), Some(Close::Signature(..))));
        assert!(!matches!(classify("MID"), Some(Close::Signature(..))));
        assert!(!matches!(
            classify("U R G E N T"),
            Some(Close::Signature(..))
        ));
        assert!(matches!(
            classify("No. 18 - TEREBIN - 14 January"),
            Some(Close::Signature(9, 16, Some(_)))
        ));
        assert!(matches!(
            classify("21.XI.51 GROMYKO"),
            Some(Close::Signature(9, 16, Some(_)))
        ));
        for line in [
            "Copies: Stalin, Copy",
            "Copies: Stalin (2), Malenkov, Beria,",
            "Copies:",
            "5 copies",
            "1. Comr. Stalin",
            "4. Comr. 10th department",
            "Copy Nº 2 to Cde. Molotov",
            "Distribution list - 11 copies: Stalin - 2, Molotov-1.",
        ] {
            assert_eq!(classify(line), Some(Close::Distribution), "{line}");
        }
        assert_eq!(
            classify("Typed by Bantsekina on 10/14/50 at 13:30 p.m."),
            Some(Close::Formula)
        );
        assert!(!matches!(classify("URGENT"), Some(Close::Signature(..))));
        assert_eq!(classify("Distribution of the arms will begin."), None);
        assert_eq!(classify("Copies to the embassy were sent."), None);
        assert_eq!(classify("Copy No. 2 of the protocol is attached."), None);
        assert!(matches!(
            classify("ROSHCHIN No. 2974 13.6.51"),
            Some(Close::Signature(0, 8, Some(_)))
        ));
        assert!(matches!(
            classify("FILIPPOV (Stalin)"),
            Some(Close::Signature(0, 8, None))
        ));
        assert_eq!(
            classify("Copies to: Stalin, Molotov"),
            Some(Close::Distribution)
        );
        assert_eq!(classify("Printed in 3 copies."), Some(Close::Formula));
        assert_eq!(
            classify("Deciphered by Morozov 14.10.50 07:45"),
            Some(Close::Formula)
        );
        assert_eq!(classify("Typed by hand."), None);
        for line in [
            "Telegraph the fulfillment.",
            "Immediately telegraph the fulfillment.",
            "Telegraph the fulfillment [ispolneniie telegraf’te].",
        ] {
            assert_eq!(classify(line), Some(Close::Formula), "{line}");
        }
        assert!(matches!(
            classify("13/5-50. Roshchin"),
            Some(Close::Signature(9, 17, None))
        ));
        assert_eq!(classify("——————"), Some(Close::EndMarker));
        assert_eq!(classify("x/ Pseudonym of I.V. Stalin."), Some(Close::Note));
        assert_eq!(classify("1 – to Cde. Stalin"), Some(Close::Distribution));
        assert_eq!(
            classify("Four copies typed Leshevich Nº 6696"),
            Some(Close::Formula)
        );
        assert_eq!(
            classify("Verified by: Shift Chief Sadov 0355"),
            Some(Close::Formula)
        );
        assert_eq!(classify("Thus it will be possible."), None);
    }
}
