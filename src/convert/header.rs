//! Header fields: the lines before the message (agency, document type and
//! number, distribution list, `From`, `Received`, series, priority, address
//! and addressee). A block belongs to the header when it is made of fields
//! and nothing else; several fields may share a line, and one field may run
//! over a line break.

use super::dates::{self, Found};
use super::metadata::{Metadata, Role, Who};
use super::model::{Ann, Anns, Kind};
use super::names;
use regex::Regex;
use std::sync::LazyLock;

/// What a header block is, which decides its TEI element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum HeadKind {
    /// The agency line alone: `head type="agency"`.
    Agency,
    /// The document type (and number): `head type="document"`.
    Document,
    /// Addressee or salutation: `salute` in the opener.
    Salute,
    /// Anything else (distribution, place, dates, series): `dateline` in the opener.
    Dateline,
    /// Fields of several of the kinds above (the document type with the
    /// distribution list, or with the addressee): an `opener` of its own
    /// holding them inline.
    Mixed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Agency,
    DocType,
    Number,
    Copies,
    From,
    Received,
    Series,
    Priority,
    When,
    Address,
    Addressee,
    Salutation,
}

static AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A[A-Z][A-Z0-9 ,.'’()\-]*\b(?:ADMINISTRATION|STAFF|MINISTRY|COMMITTEE|DIRECTORATE|DEPARTMENT|COUNCIL|EMBASSY|COMMISSARIAT|BUREAU|SERVICE)\b[A-Z0-9 ,.'’()\-]*").unwrap()
});
static DOCTYPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A((?:[A-Z][A-Za-z\-]*[ ]){0,3}(?i:telegram))(?:[ \n](?:(?i:No\.?)|Nº|№)[ ]?([0-9][0-9A-Za-z/\-]*))?").unwrap()
});
static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\A(?:(?i:No\.)|Nº|№)[ ]?([0-9][0-9A-Za-z/\-]*)").unwrap());
static SERIES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\A(?:(?i:series)[ ](?:"[^"\n]*"|“[^”\n]*”|[A-Z]\b)(?:[ ][A-Z]\b)?\.?|(?:Special|SPECIAL|Copy|COPY)[ ](?:No\.|Nº|№)[ ]?[0-9]+\.?)"#).unwrap()
});
static PRIORITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A(?:TOP PRIORITY|Top Priority|Top priority|EXTREMELY URGENT|Extremely Urgent|Extremely urgent|VERY URGENT|Very Urgent|Very urgent|URGENT|Urgent|IMMEDIATE|Immediate|SPECIAL|Special|TOP SECRET|Top Secret|Top secret|STRICTLY SECRET|Strictly Secret|Strictly secret|SECRET|Secret|PERSONAL|Personal)\b\.?").unwrap()
});
static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A([A-Z][A-Z\-]*[A-Z](?: [A-Z][A-Z\-]*[A-Z])*)(?: ?(?:—|–|--?) ?(?:(?:TO|To) )?|, ?(?:TO|To) |(?: ?(?:—|–|--?))?(\n)(?:TO|To) (?:(?:COMRADE|Comrade|Cde\.) )?)([A-Z][A-Z\-'’.]+(?: [A-Z][A-Z\-'’.]+)*)").unwrap()
});
static ADDRESSEE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\A(?:To|TO|to|For|for|FOR):?[ ](?:(?i:transmit to)[ ])?(?:(?:(?i:comrades?)|Cde\.)[ ])?",
    )
    .unwrap()
});
/// `Moscow, to Comrade Filippov`: the place of the addressee, then the addressee.
static PLACE_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A([A-Z][A-Za-z\-]+(?: [A-Z][A-Za-z\-]+)?)(?:, ?| )(?:to|To)[ ](?:(?:Comrade|COMRADE|Cde\.)[ ])?").unwrap()
});
static SALUTATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\A(?:Dear[ ])?(?:Comrade|Comrades|COMRADE|Cde\.)[ ]").unwrap());

/// First words that make `... telegram No. N` a reference in a sentence
/// (`Your telegram No. 3587 received`), not the document's type.
const NOT_A_DOCUMENT_TYPE: &[&str] = &[
    "your",
    "our",
    "my",
    "his",
    "her",
    "their",
    "this",
    "that",
    "the",
    "a",
    "an",
    "in",
    "on",
    "of",
    "by",
    "per",
    "re",
    "with",
    "to",
    "from",
    "after",
    "before",
    "regarding",
    "concerning",
    "received",
    "according",
    "see",
    "cf.",
    "last",
    "previous",
    "above",
    "same",
];

const ROLE_WORDS: &[&str] = &[
    "AMBASSADOR",
    "REPRESENTATIVE",
    "ADVISER",
    "ADVISOR",
    "ATTACHÉ",
    "ATTACHE",
    "COMMANDER",
    "CONSUL",
    "EMBASSY",
    "MISSION",
    "CHIEF",
];

const AGENCY_WORDS: &[&str] = &[
    "administration",
    "staff",
    "ministry",
    "committee",
    "directorate",
    "department",
    "council",
    "embassy",
    "commissariat",
    "bureau",
    "service",
];
const SMALL_WORDS: &[&str] = &["of", "the", "and", "for", "on", "in", "at", "to"];

/// `Second Main Administration of the General Staff of the Soviet Army`: an
/// agency line in title case (capitalised words and small words only, with
/// an agency word); the length of its first line.
fn title_case_agency(rest: &str) -> Option<usize> {
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let words: Vec<&str> = line.split(' ').collect();
    let capitalised = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().all(|c| {
                c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | ',' | '.' | '(' | ')')
            })
    };
    let ok = words.len() >= 3
        && words.first().is_some_and(|w| capitalised(w))
        && words
            .iter()
            .all(|w| capitalised(w) || SMALL_WORDS.contains(w))
        && words.iter().any(|w| {
            let w = w.trim_end_matches([',', '.']).to_lowercase();
            AGENCY_WORDS.contains(&w.as_str())
        });
    ok.then_some(line.len())
}

/// A header keyword at the start of `rest` in any letter case (`From`,
/// `FROM`, `from`), with an optional colon (`From: BEIJING`): the byte
/// length of keyword and colon, when a word boundary follows.
fn keyword(rest: &str, kw: &str) -> Option<usize> {
    let head = rest.get(..kw.len())?;
    if !head.eq_ignore_ascii_case(kw) {
        return None;
    }
    let mut end = kw.len();
    if rest[end..].starts_with(':') {
        end += 1;
    }
    boundary(rest, end).then_some(end)
}

/// ` 01.40` after `Received`: hour, minute and the length taken (the space
/// included), when the two numbers are no date (`01.40`) or a date follows
/// (`11.12 30.6.1951`).
fn dotted_time(after: &str) -> Option<(u8, u8, usize)> {
    let d = after.strip_prefix(' ')?;
    let dot = d.find('.')?;
    let (hs, rest) = (&d[..dot], &d[dot + 1..]);
    if !(1..=2).contains(&hs.len()) || !hs.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let ms = rest.get(..2)?;
    if !ms.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let len = 1 + dot + 3;
    let tail = &after[len..];
    // not the start of a longer number or date (`11.12.51`, `01.405`)
    if tail.starts_with(|c: char| c.is_alphanumeric())
        || (tail.starts_with(['.', ':']) && tail[1..].starts_with(|c: char| c.is_ascii_digit()))
    {
        return None;
    }
    let (h, m): (u8, u8) = (hs.parse().ok()?, ms.parse().ok()?);
    let date_follows = tail
        .strip_prefix([' ', '\n'])
        .is_some_and(|x| dates::find_at_start(x).is_some_and(|f| matches!(f.2, Found::Date(_))));
    (h < 24 && m < 60 && (m > 12 || date_follows)).then_some((h, m, len))
}

fn boundary(text: &str, end: usize) -> bool {
    text[end..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric())
}

struct Scan<'a> {
    text: &'a str,
    anns: Anns,
    meta: Metadata,
    fields: Vec<Field>,
}

impl Scan<'_> {
    fn seg(&mut self, s: usize, e: usize, ty: &str) {
        self.anns
            .add(Ann::elem_with(s, e, "seg", vec![("type", ty.into())]));
    }

    /// A name starting at `p`, with an identification bracket after it when
    /// present; returns (name end, field end).
    fn name_at(&mut self, p: usize) -> Option<(usize, usize)> {
        let ne = names::name_after(self.text, p)?;
        let mut end = ne;
        let rest = &self.text[ne..];
        if let Some(r) = rest.strip_prefix(" [")
            && let Some(close) = r.find(']')
            && !r[..close].contains(['[', '\n'])
        {
            let id = &r[..close];
            self.meta
                .identifications
                .push((self.text[p..ne].to_string(), id.to_string()));
            end = ne + 2 + close + 1;
        } else if let Some(r) = rest.strip_prefix(" [") {
            // `To Comrade FILIPPOV [Stalin`: a bracket left open to the end
            // of the line stays text (the bracket pass warns about it), and
            // the addressee is still the name before it.
            let line_end = r.find('\n').unwrap_or(r.len());
            if !r[..line_end].contains([']', '[']) {
                end = ne + 2 + line_end;
            }
        }
        let tag = if names::is_place(&self.text[p..ne]) {
            "placeName"
        } else {
            "persName"
        };
        self.anns.add(Ann::elem(p, ne, tag));
        Some((ne, end))
    }

    fn date_or_time(&mut self, p: usize) -> Option<usize> {
        let (s, e, f) = dates::find_at_start(&self.text[p..])?;
        let (s, e) = (p + s, p + e);
        match f {
            Found::Date(d) => {
                self.anns.add(Ann {
                    start: s,
                    end: e,
                    kind: Kind::Date(d),
                });
                match self.meta.role {
                    Role::Received if self.meta.received_date.is_none() => {
                        self.meta.received_date = Some(d)
                    }
                    Role::From | Role::None if self.meta.sent_date.is_none() => {
                        self.meta.sent_date = Some(d)
                    }
                    _ => {}
                }
            }
            Found::Time(h, m) => {
                self.anns.add(Ann {
                    start: s,
                    end: e,
                    kind: Kind::Time(h, m),
                });
                match self.meta.role {
                    Role::Received => self.meta.received_time = Some((h, m)),
                    _ => self.meta.sent_time = Some((h, m)),
                }
            }
        }
        Some(e)
    }

    /// Tries every field at `p`; returns its end.
    fn field(&mut self, p: usize, block_start: bool) -> Option<usize> {
        let t = self.text;
        let rest = &t[p..];
        // The agency line opens a header block, or follows priority lines
        // (`TOP SECRET` / `SECOND MAIN ADMINISTRATION ...` / ...).
        let agency_place = (block_start && p == 0)
            || (t[..p].ends_with('\n') && self.fields.iter().all(|f| *f == Field::Priority));
        if agency_place
            && let Some(m) = AGENCY
                .find(rest)
                .map(|m| m.end())
                .or_else(|| title_case_agency(rest))
        {
            let line_end = rest.find('\n').unwrap_or(rest.len());
            if m == line_end && rest[..line_end].split(' ').count() >= 2 {
                self.anns.add(Ann::elem(p, p + line_end, "orgName"));
                self.meta.agency = Some(rest[..line_end].to_string());
                self.fields.push(Field::Agency);
                return Some(p + line_end);
            }
        }
        if let Some(c) = DOCTYPE.captures(rest) {
            let m = c.get(0).unwrap();
            // `Your telegram No. 3587 received.` opens a message, not a header
            let first = c.get(1).unwrap().as_str();
            let first = first[..first.find([' ', '\n']).unwrap_or(first.len())].to_lowercase();
            if !NOT_A_DOCUMENT_TYPE.contains(&first.as_str()) && boundary(rest, m.end()) {
                let kind = c.get(1).unwrap();
                self.meta
                    .doc_type
                    .get_or_insert_with(|| kind.as_str().replace('\n', " "));
                self.seg(p, p + m.end(), "documentType");
                if let Some(n) = c.get(2) {
                    self.anns.add(Ann::elem_with(
                        p + n.start(),
                        p + n.end(),
                        "idno",
                        vec![("type", "telegram".into())],
                    ));
                    self.meta
                        .telegram_no
                        .get_or_insert_with(|| n.as_str().to_string());
                }
                self.fields.push(Field::DocType);
                return Some(p + m.end());
            }
        }
        if let Some(m) = SERIES.find(rest) {
            self.seg(p, p + m.end(), "series");
            self.meta.series.push(m.as_str().to_string());
            self.fields.push(Field::Series);
            return Some(p + m.end());
        }
        if let Some(c) = NUMBER.captures(rest) {
            let m = c.get(0).unwrap();
            if boundary(rest, m.end()) {
                let n = c.get(1).unwrap();
                let ty = if self.meta.role == Role::From || self.meta.telegram_no.is_some() {
                    "outgoing"
                } else {
                    self.meta.telegram_no = Some(n.as_str().to_string());
                    "telegram"
                };
                self.anns.add(Ann::elem_with(
                    p + n.start(),
                    p + n.end(),
                    "idno",
                    vec![("type", ty.into())],
                ));
                self.fields.push(Field::Number);
                return Some(p + m.end());
            }
        }
        if let Some(m) = PRIORITY.find(rest) {
            self.seg(p, p + m.end(), "priority");
            self.meta.priority.push(m.as_str().to_string());
            self.fields.push(Field::Priority);
            return Some(p + m.end());
        }
        if let Some(after) = keyword(rest, "copies")
            .filter(|&k| rest[..k].ends_with(':'))
            .map(|k| &rest[k..])
        {
            let mut q = p + (rest.len() - after.len());
            let mut end = q;
            loop {
                let skip = t[q..].len() - t[q..].trim_start_matches([' ', '\n']).len();
                let Some(ne) = names::name_after(t, q + skip) else {
                    break;
                };
                let start = q + skip;
                let name = t[start..ne].to_string();
                self.anns.add(Ann::elem(start, ne, "persName"));
                end = ne;
                let mut count = None;
                let r = &t[ne..];
                let digits = r
                    .strip_prefix(" (")
                    .or_else(|| r.strip_prefix('('))
                    .and_then(|x| x.split_once(')'))
                    .filter(|(d, _)| {
                        !d.is_empty() && d.len() < 4 && d.bytes().all(|b| b.is_ascii_digit())
                    });
                if let Some((d, _)) = digits {
                    count = d.parse().ok();
                    end = ne + r.find(')').unwrap() + 1;
                }
                self.meta.copies.push((name, count));
                if let Some(x) = t[end..]
                    .strip_prefix(", ")
                    .or_else(|| t[end..].strip_prefix(" and "))
                    .or_else(|| t[end..].strip_prefix(",\n"))
                {
                    q = t.len() - x.len();
                } else {
                    break;
                }
            }
            self.seg(p, end, "distribution");
            self.fields.push(Field::Copies);
            return Some(end);
        }
        if let Some(after) = keyword(rest, "from").and_then(|k| rest[k..].strip_prefix(' ')) {
            let q = p + (rest.len() - after.len());
            if let Some(ne) = names::name_after(t, q) {
                self.anns.add(Ann::elem(q, ne, "placeName"));
                self.meta
                    .from_place
                    .get_or_insert_with(|| t[q..ne].to_string());
                self.meta.role = Role::From;
                self.fields.push(Field::From);
                return Some(ne);
            }
        }
        // `Sent 14:00 2.7.1951`: the dates that follow are the sending's
        if let Some(kw_len) = keyword(rest, "sent").or_else(|| keyword(rest, "dispatched")) {
            self.meta.role = Role::From;
            self.fields.push(Field::From);
            return Some(p + kw_len);
        }
        if let Some(kw_len) = keyword(rest, "received") {
            {
                self.meta.role = Role::Received;
                self.fields.push(Field::Received);
                let mut end = p + kw_len;
                // "Received 0140": four digits read as a time only here
                if let Some(d) = t[end..].strip_prefix(' ')
                    && d.len() >= 4
                    && d.as_bytes()[..4].iter().all(u8::is_ascii_digit)
                    && boundary(d, 4)
                {
                    let (h, m) = (
                        d[..2].parse().unwrap_or(99u8),
                        d[2..4].parse().unwrap_or(99u8),
                    );
                    if h < 24 && m < 60 {
                        self.anns.add(Ann {
                            start: end + 1,
                            end: end + 5,
                            kind: Kind::Time(h, m),
                        });
                        self.meta.received_time = Some((h, m));
                        end += 5;
                    }
                } else if let Some((h, m, len)) = dotted_time(&t[end..]) {
                    // "Received 01.40": a time with a dot, read as one only
                    // here, and only when it cannot be a date or a date follows
                    self.anns.add(Ann {
                        start: end + 1,
                        end: end + len,
                        kind: Kind::Time(h, m),
                    });
                    self.meta.received_time = Some((h, m));
                    end += len;
                }
                return Some(end);
            }
        }
        // `Date: 30.6.1951`
        let at = keyword(rest, "date")
            .filter(|&k| rest[..k].ends_with(':'))
            .map_or(p, |k| p + k + usize::from(rest[k..].starts_with(' ')));
        if let Some(e) = self.date_or_time(at) {
            self.fields.push(Field::When);
            return Some(e);
        }
        // `TO BEIJING, KRASOVSKY`: the place of the address, then the person
        // it goes through (or to)
        if let Some(m) = ADDRESSEE.find(rest)
            && let Some(pe) = names::name_after(t, p + m.end())
            && names::is_place(&t[p + m.end()..pe])
            && let Some(after) = t[pe..]
                .strip_prefix(", ")
                .or_else(|| t[pe..].strip_prefix(" - "))
            && let Some(ne) = names::name_after(t, t.len() - after.len())
        {
            let q = t.len() - after.len();
            let to_text = t[q..ne].trim_end_matches('.');
            self.anns.add(Ann::elem(p + m.end(), pe, "placeName"));
            let role = to_text.split(' ').any(|w| ROLE_WORDS.contains(&w));
            self.anns.add(Ann::elem(
                q,
                q + to_text.len(),
                if role { "roleName" } else { "persName" },
            ));
            self.meta
                .received_place
                .get_or_insert_with(|| t[p + m.end()..pe].to_string());
            self.meta.address_to = Some(Who {
                name: to_text.to_string(),
                role,
            });
            self.fields.push(Field::Address);
            return Some(ne + usize::from(t[ne..].starts_with(['.', '!', ',', ':'])));
        }
        if let Some(m) = ADDRESSEE.find(rest)
            && let Some((ne, end)) = self.name_at(p + m.end())
        {
            let who = Who {
                name: t[p + m.end()..ne].to_string(),
                role: false,
            };
            let prior = self.meta.addressee.is_some();
            let first = who.clone();
            if self.meta.address_pending && !prior {
                // `BEIJING--` / `TO KRASOVSKY`: the telegram goes through
                // the person named after the place
                self.meta.address_pending = false;
                self.meta.address_to = Some(who);
            } else {
                self.meta.addressee.get_or_insert(who);
            }
            let mut end = end;
            // `To Comrades STALIN and MOLOTOV`: every name is marked up; the
            // first is the addressee
            while let Some(r) = t[end..]
                .strip_prefix(", ")
                .or_else(|| t[end..].strip_prefix(" and "))
                .or_else(|| t[end..].strip_prefix(", and "))
            {
                let q = t.len() - r.len();
                let q = q + SALUTATION.find(&t[q..]).map_or(0, |m| m.end());
                match self.name_at(q) {
                    Some((_, e)) => end = e,
                    None => break,
                }
            }
            // `To Comrade KRASOVSKY for Comrade MAO ZEDONG`: through the first
            if let Some(r) = t[end..]
                .strip_prefix(" for ")
                .or_else(|| t[end..].strip_prefix(", for "))
            {
                let q = t.len() - r.len();
                let q = q + SALUTATION.find(&t[q..]).map_or(0, |m| m.end());
                if let Some((ne2, e)) = self.name_at(q) {
                    if !prior {
                        self.meta.address_to = Some(first);
                        self.meta.addressee = Some(Who {
                            name: t[q..ne2].to_string(),
                            role: false,
                        });
                    }
                    end = e;
                }
            }
            if m.as_str().to_lowercase().contains("transmit") {
                self.meta.transmit = true;
                // `To transmit to Comrade MAO ZEDONG the following:`
                if let Some(x) = t[end..].strip_prefix(" the following") {
                    end = t.len() - x.len();
                }
            }
            let end = end + usize::from(t[end..].starts_with(['.', '!', ',', ':']));
            self.fields.push(Field::Addressee);
            return Some(end);
        }
        if let Some(m) = SALUTATION.find(rest)
            && let Some((ne, end)) = self.name_at(p + m.end())
        {
            if self.meta.addressee.is_none() {
                let who = Who {
                    name: t[p + m.end()..ne].to_string(),
                    role: false,
                };
                self.meta.addressee = Some(who);
            }
            let end = end + usize::from(t[end..].starts_with(['.', '!', ',', ':']));
            self.fields.push(Field::Salutation);
            return Some(end);
        }
        if let Some(c) = PLACE_TO.captures(rest) {
            let place = c.get(1).unwrap();
            let m = c.get(0).unwrap();
            if names::is_place(place.as_str()) {
                // name_at changes nothing when no name follows
                if let Some((ne, end)) = self.name_at(p + m.end()) {
                    self.anns
                        .add(Ann::elem(p + place.start(), p + place.end(), "placeName"));
                    self.meta
                        .received_place
                        .get_or_insert_with(|| place.as_str().to_string());
                    let who = Who {
                        name: t[p + m.end()..ne].to_string(),
                        role: false,
                    };
                    self.meta.addressee.get_or_insert(who);
                    let end = end + usize::from(t[end..].starts_with(['.', '!', ',', ':']));
                    self.fields.push(Field::Addressee);
                    return Some(end);
                }
            }
        }
        if let Some(c) = ADDRESS.captures(rest) {
            let m = c.get(0).unwrap();
            let place = c.get(1).unwrap();
            // `BEIJING` / `TO COMRADE KRASOVSKY`: the place alone on its
            // line (a known place), the intermediary on the next
            let own_line = c.get(2).is_some();
            let to = c.get(3).unwrap();
            let line_end = rest[to.start()..]
                .find('\n')
                .map_or(rest.len(), |i| to.start() + i);
            let to_text = to.as_str().trim_end_matches('.');
            if (!own_line || names::is_place(place.as_str()))
                && (m.end() == line_end || boundary(rest, m.end()) && m.end() <= line_end)
            {
                self.anns
                    .add(Ann::elem(p + place.start(), p + place.end(), "placeName"));
                let role = to_text.split(' ').any(|w| ROLE_WORDS.contains(&w));
                let tag = if role { "roleName" } else { "persName" };
                self.anns.add(Ann::elem(
                    p + to.start(),
                    p + to.start() + to_text.len(),
                    tag,
                ));
                self.meta
                    .received_place
                    .get_or_insert_with(|| place.as_str().to_string());
                self.meta.address_to = Some(Who {
                    name: to_text.to_string(),
                    role,
                });
                self.fields.push(Field::Address);
                return Some(p + m.end());
            }
        }
        // `BEIJING--` or `BEIJING —` ending its line: the place the
        // telegram goes to; the person it goes through follows on the next
        // line or in the next block (`TO KRASOVSKY`)
        let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
        let bare = line.trim_end_matches(['-', '—', '–', ' ']);
        if !bare.is_empty()
            && line[bare.len()..].contains(['-', '—', '–'])
            && (names::is_place(bare)
                || bare
                    .split(' ')
                    .all(|w| w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase() || c == '-')))
        {
            self.anns.add(Ann::elem(p, p + bare.len(), "placeName"));
            self.meta
                .received_place
                .get_or_insert_with(|| bare.to_string());
            self.meta.address_pending = true;
            self.fields.push(Field::Address);
            return Some(p + line.len());
        }
        None
    }
}

/// A recognised header block.
#[derive(Clone, Debug)]
pub(crate) struct HeaderBlock {
    /// Which element it becomes.
    pub kind: HeadKind,
    /// Its inline markup (brackets included).
    pub anns: Anns,
    /// Whether every word of the block belongs to a field.
    pub complete: bool,
    /// For a partial block, where the last line before the first word that
    /// is no field ends (0 when that word is on the first line).
    pub lines_done: usize,
}

/// Reads `text` as a header block, given the annotations its brackets already
/// made. Returns `None` (and leaves `meta` alone) unless the block starts
/// with a field; `complete` tells whether every word is part of one.
pub(crate) fn parse(text: &str, anns: &Anns, meta: &mut Metadata) -> Option<HeaderBlock> {
    let mut scan = Scan {
        text,
        anns: anns.clone(),
        meta: meta.clone(),
        fields: Vec::new(),
    };
    let mut p = 0;
    let mut complete = true;
    let mut lines_done = 0;
    loop {
        let skip = text[p..].len()
            - text[p..]
                .trim_start_matches([' ', '\n', ',', ';', '.', ':'])
                .len();
        p += skip;
        if p >= text.len() {
            break;
        }
        // `Received 11:20 on 30.6.1951`, `received 30.6.1951 at 11:20`:
        // a connective before a date or time
        if !scan.fields.is_empty()
            && let Some(r) = ["at ", "on ", "AT ", "ON "]
                .iter()
                .find_map(|w| text[p..].strip_prefix(w))
            && dates::find_at_start(r).is_some()
        {
            p = text.len() - r.len();
        }
        // an editorial bracket between fields (`No. 8803 [...] Copies: ...`,
        // `[illegible]`) belongs to no field and ends none
        if !scan.fields.is_empty()
            && let Some(b) = anns.iter().find(|a| {
                a.start == p
                    && a.end <= text.len()
                    && matches!(a.kind, Kind::Gap | Kind::Supplied | Kind::IdNote)
            })
        {
            p = b.end;
            continue;
        }
        match scan.field(p, scan.fields.is_empty()) {
            Some(e) => p = e,
            // Fields, then words that are none: a partial header block,
            // which the caller accepts only when a header block follows.
            None if !scan.fields.is_empty() => {
                complete = false;
                lines_done = text[..p].rfind('\n').unwrap_or(0);
                break;
            }
            None => return None,
        }
    }
    let f = &scan.fields;
    let kind = if f.iter().all(|x| *x == Field::Agency) {
        HeadKind::Agency
    } else if f
        .iter()
        .all(|x| matches!(x, Field::Agency | Field::DocType | Field::Number))
    {
        HeadKind::Document
    } else if f
        .iter()
        .all(|x| matches!(x, Field::Addressee | Field::Salutation | Field::Address))
    {
        HeadKind::Salute
    } else {
        let heading = f
            .iter()
            .any(|x| matches!(x, Field::Agency | Field::DocType));
        let salute = f
            .iter()
            .any(|x| matches!(x, Field::Addressee | Field::Salutation | Field::Address));
        if heading || salute {
            HeadKind::Mixed
        } else {
            HeadKind::Dateline
        }
    };
    *meta = scan.meta;
    Some(HeaderBlock {
        kind: if complete { kind } else { HeadKind::Dateline },
        anns: scan.anns,
        complete,
        lines_done,
    })
}
