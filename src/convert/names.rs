//! Names of persons and places: a small gazetteer of the places these
//! telegrams name, runs of capitalised words, and name-casing for titles.

/// Places of the Korean War correspondence, as the translations spell them.
const PLACES: &[&str] = &[
    "Beijing",
    "Peking",
    "Moscow",
    "Pyongyang",
    "Seoul",
    "Kaesong",
    "Gaeseong",
    "Gaesong",
    "Wonsan",
    "Panmunjom",
    "Panmunjeom",
    "Shenyang",
    "Mukden",
    "Dalian",
    "Dairen",
    "Port Arthur",
    "Andong",
    "Antung",
    "Harbin",
    "Shanghai",
    "Tokyo",
    "Washington",
    "Korea",
    "China",
    "India",
    "Poland",
    "Sweden",
    "England",
    "France",
    "Egypt",
    "America",
    "Manchuria",
    "Taiwan",
    "Vladivostok",
    "Khabarovsk",
    "Inchon",
    "Incheon",
    "Hamhung",
    "Sinuiju",
    "Chongjin",
    "Yalu",
];

/// Words that introduce or qualify a name but are not part of it.
const NOT_NAME: &[&str] = &[
    "To",
    "TO",
    "For",
    "FOR",
    "Comrade",
    "COMRADE",
    "Comrades",
    "Cde.",
    "Cde",
    "From",
    "FROM",
    "Received",
    "RECEIVED",
    "Sent",
    "SENT",
    "Dispatched",
    "DISPATCHED",
    "SERIES",
    "Series",
    "Special",
    "No.",
    "Nº",
    "No",
    "The",
    "THE",
    "I",
    "General",
    "Marshal",
    "Ambassador",
    "And",
    "AND",
    "Copies:",
    "Copies",
    "Date",
    "Mr.",
    "Transmit",
    "With",
    "Dear",
];

/// Words that name institutions, never persons: a run of capitalised words
/// holding one (`General Staff`, `Soviet Army`, `Main Directorate`,
/// `GENERAL STAFF`) is no personal name.
const INSTITUTION: &[&str] = &[
    "Staff",
    "Army",
    "Armies",
    "Navy",
    "Fleet",
    "Forces",
    "Directorate",
    "Administration",
    "Department",
    "Ministry",
    "Committee",
    "Council",
    "Government",
    "Command",
    "Headquarters",
    "Section",
    "Unit",
    "Bureau",
    "Office",
    "Embassy",
    "Mission",
    "Corps",
    "Division",
    "Front",
    "District",
    "Academy",
    "Institute",
    "Republic",
    "Union",
    "Party",
    "Assembly",
    "Secretariat",
    "Commissariat",
    "Politburo",
    "Presidium",
    "Volunteers",
    "Force",
    "Defense",
    "Defence",
];

/// Whether `word` names an institution (`Staff`, `ARMY`), in any letter case.
pub(crate) fn is_institution_word(word: &str) -> bool {
    INSTITUTION.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Whether the run of words `name` holds an institution word.
fn institution(name: &str) -> bool {
    name.split([' ', '\n'])
        .any(|w| is_institution_word(w.trim_end_matches(TRAILING)))
}

/// Whether `name` is a place of the gazetteer (any letter case).
pub(crate) fn is_place(name: &str) -> bool {
    // Asked of most capitalised words: only the places of the same length
    // are compared (most words have none, or one or two).
    static BY_LEN: std::sync::LazyLock<Vec<Vec<&'static str>>> = std::sync::LazyLock::new(|| {
        let mut by_len = vec![Vec::new(); PLACES.iter().map(|p| p.len() + 1).max().unwrap_or(0)];
        for p in PLACES {
            by_len[p.len()].push(*p);
        }
        by_len
    });
    BY_LEN
        .get(name.len())
        .is_some_and(|ps| ps.iter().any(|p| p.eq_ignore_ascii_case(name)))
}

/// Whether `word` may be part of a personal or place name.
pub(crate) fn is_name_word(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    first.is_uppercase()
        && word
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
        && !NOT_NAME.contains(&word)
}

/// Whether `word` is all capitals (at least two letters), as signatures print names.
pub(crate) fn is_caps_word(word: &str) -> bool {
    is_name_word(word)
        && word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !word.chars().any(|c| c.is_lowercase())
}

/// The run of name words ending just before byte `end` of `text`
/// (separated by single spaces, at most four words): its start. A run
/// naming an institution (`Soviet Army`) is none.
pub(crate) fn name_before(text: &str, end: usize) -> Option<usize> {
    name_run_before(text, end).filter(|&s| !institution(&text[s..end]))
}

fn name_run_before(text: &str, end: usize) -> Option<usize> {
    let mut start = end;
    let mut words = 0;
    let mut cur_end = end;
    while words < 4 {
        let head = &text[..cur_end];
        let ws = head.rfind([' ', '\n']).map_or(0, |i| i + 1);
        if !is_name_word(&head[ws..]) {
            break;
        }
        start = ws;
        words += 1;
        if ws == 0 || text.as_bytes()[ws - 1] != b' ' {
            break;
        }
        cur_end = ws - 1;
    }
    (words > 0).then_some(start)
}

/// Punctuation that may follow a name word without being part of it; closing
/// quotation marks included (`With greetings. KIM IL SUNG."`).
const TRAILING: &[char] = &[',', '.', ';', ':', '!', '?', ')', '"', '”', '»', '\'', '’'];

/// The run of name words starting at byte `start` of `text` (single
/// spaces, at most four words): its end. A run naming an institution
/// (`General Staff`: `Staff` after the title `General`) is none.
pub(crate) fn name_after(text: &str, start: usize) -> Option<usize> {
    name_run_after(text, start).filter(|&e| !institution(&text[start..e]))
}

fn name_run_after(text: &str, start: usize) -> Option<usize> {
    // initials before a name: "I. V. Stalin", "I.V. STALIN"
    let mut lead = start;
    for _ in 0..3 {
        let rest = &text[lead..];
        let we = rest.find([' ', '\n']).unwrap_or(rest.len());
        if we < rest.len() && rest.as_bytes()[we] == b' ' && is_initials(&rest[..we]) {
            lead += we + 1;
        } else {
            break;
        }
    }
    if lead > start {
        let rest = &text[lead..];
        let we = rest.find([' ', '\n']).unwrap_or(rest.len());
        if is_name_word(rest[..we].trim_end_matches(TRAILING)) {
            return name_run_after(text, lead);
        }
    }
    let mut end = start;
    let mut words = 0;
    while words < 4 {
        let rest = &text[end..];
        let we = rest.find([' ', '\n']).unwrap_or(rest.len());
        let word = rest[..we].trim_end_matches(TRAILING);
        if !is_name_word(word) {
            break;
        }
        let full = we == word.len();
        end += word.len();
        words += 1;
        if !full || !text[end..].starts_with(' ') {
            break;
        }
        let next = &text[end + 1..];
        let nw = next.find([' ', '\n']).unwrap_or(next.len());
        if !is_name_word(next[..nw].trim_end_matches(TRAILING)) {
            break;
        }
        end += 1;
    }
    // initials after a name: "Stalin I.V.", "Stalin I. V."
    for _ in 0..3 {
        let Some(next) = text[end..].strip_prefix(' ').filter(|_| words > 0) else {
            break;
        };
        let nw = next
            .find([' ', '\n', ',', ';', ':', '!', '?'])
            .unwrap_or(next.len());
        if !is_initials(&next[..nw]) {
            break;
        }
        end += 1 + nw;
    }
    (words > 0).then_some(end)
}

/// `I.V.`, `V.`: one to three capital initials, each with its stop.
fn is_initials(word: &str) -> bool {
    let b = word.as_bytes();
    !b.is_empty()
        && b.len() <= 6
        && b.len().is_multiple_of(2)
        && b.chunks(2)
            .all(|c| c[0].is_ascii_uppercase() && c[1] == b'.')
}

/// `MAO ZEDONG` -> `Mao Zedong`; names already in mixed case are kept.
pub(crate) fn name_case(name: &str) -> String {
    if name.chars().any(|c| c.is_lowercase()) {
        return name.to_owned();
    }
    let mut out = String::with_capacity(name.len());
    let mut start = true;
    for c in name.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphabetic();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_name_words() {
        let t = "To Comrade FILIPPOV [Stalin]";
        assert_eq!(name_before(t, 19), Some(11));
        let t = "with Zhou Enlai [Chou En-lai]";
        assert_eq!(&t[name_before(t, 15).unwrap()..15], "Zhou Enlai");
        let t = "[Alan] Kirk. Then";
        assert_eq!(&t[7..name_after(t, 7).unwrap()], "Kirk");
        let t = "To Comrade Stalin I. V. today";
        assert_eq!(&t[11..name_after(t, 11).unwrap()], "Stalin I. V.");
        assert_eq!(name_case("KIM IL SUNG"), "Kim Il Sung");
        assert!(is_place("BEIJING"));
        let t = "To Comrade I. V. STALIN today";
        assert_eq!(&t[11..name_after(t, 11).unwrap()], "I. V. STALIN");
        let t = "I. we";
        assert_eq!(name_after(t, 0), None);
    }

    #[test]
    fn institutions_are_no_names() {
        let t = "an order to the General Staff to draw up a plan";
        assert_eq!(name_after(t, 24), None);
        let t = "of the Soviet Army [Translator's note]";
        assert_eq!(name_before(t, 18), None);
        let t = "the Second Main Directorate of";
        assert_eq!(name_after(t, 4), None);
        let t = "OF THE GENERAL STAFF OF";
        assert_eq!(name_after(t, 15), None);
        let t = "General of the Army Zakharov can";
        assert_eq!(&t[20..name_after(t, 20).unwrap()], "Zakharov");
    }
}
