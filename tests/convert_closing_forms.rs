//! Closings, quotations, names and brackets in the forms the archive prints
//! them (tests/fixtures/convert/close-*.txt): the facts they give, read back
//! through the paths consumers query; every fixture's output is valid
//! (jing) and gives the transcription back.

mod common;
mod facts;

use facts::*;
use roxmltree::{Document, Node};

#[derive(Default)]
struct Expected {
    fixture: &'static str,
    telegram: Option<&'static str>,
    sent: Action,
    received: Action,
    transmitted: Vec<&'static str>,
    /// The persNames in the closers inside the body's `quote`s.
    quoted_signed: Vec<&'static str>,
}

/// The persNames of the `closer`s inside (or outside) quotations.
fn signed_names(root: Node<'_, '_>, in_quote: bool) -> Vec<String> {
    root.descendants()
        .filter(|n| is(n, "closer") && n.ancestors().any(|a| is(&a, "quote")) == in_quote)
        .flat_map(|s| {
            s.descendants()
                .filter(|c| is(c, "persName"))
                .map(all_text)
                .collect::<Vec<_>>()
        })
        .collect()
}

fn check(e: &Expected) {
    let xml = convert_fixture(e.fixture);
    let doc = Document::parse(&xml).unwrap();
    let root = doc.root_element();
    let f = e.fixture;
    assert_header_facts(root, f, e.telegram, &e.sent, &e.received, &e.transmitted);
    assert_eq!(
        signed_names(root, true),
        e.quoted_signed,
        "{f}: quoted signed"
    );
    // nothing lost
    assert_round_trip(f, &xml);
}

fn table() -> Vec<Expected> {
    vec![
        Expected {
            // an unsigned relay: the quotation runs over several blocks and
            // ends `Kim Il Sung".` (a stop after the closing mark); its
            // signatory is the quoted message's, never the telegram's
            fixture: "close-relay-quote-stop.txt",
            sent: act(&[], &[], &["1951-03-05"]),
            received: act(&["Filippov"], &[], &[]),
            quoted_signed: vec!["Kim Il Sung"],
            ..Default::default()
        },
        Expected {
            // the quotation closes inside the closing block (`14.8.51"`),
            // so no block closes it: the signature before the mark is the
            // quoted message's, the one after it the telegram's
            fixture: "close-relay-unclosed-quote.txt",
            telegram: Some("40117"),
            sent: act(&["ROSHCHIN"], &["BEIJING"], &["1951-08-14"]),
            received: act(&["FILIPPOV"], &[], &["1951-08-14T19:40:00"]),
            ..Default::default()
        },
        Expected {
            // the message is one quotation signed inside its closing mark
            // (`FILIPPOV [Stalin].”`), with nothing of the telegram's own
            // around it: its signatory sends the telegram
            fixture: "close-whole-quote-signed-inside.txt",
            sent: act(&["FILIPPOV"], &[], &[]),
            received: act(&["Kim Il Sung"], &[], &[]),
            quoted_signed: vec!["FILIPPOV"],
            ..Default::default()
        },
        Expected {
            // a relayed message without quotation marks: its own signature
            // (the relay's sender) is no intermediary; the relay's is
            fixture: "close-relay-no-marks.txt",
            telegram: Some("40118"),
            sent: act(&["Kim Il Sung"], &[], &[]),
            received: act(&["FILIPPOV"], &[], &[]),
            transmitted: vec!["RAZUVAEV"],
            ..Default::default()
        },
        Expected {
            // `ROSHCHIN No. 2980 14.6.51`: the number and date after the
            // name; `Printed in 3 copies.` / `Copies to: ...` after it
            fixture: "close-name-then-number.txt",
            telegram: Some("40119"),
            sent: act(&["ROSHCHIN"], &["BEIJING"], &["1951-06-14"]),
            received: act(&["FILIPPOV"], &[], &["1951-06-14T21:05:00"]),
            ..Default::default()
        },
        Expected {
            // `15/5-50. Roshchin` (a date in a form not read: kept as text,
            // no date made up), a rule `——————` and a footnote `x/ ...`
            fixture: "close-footnote-after-signature.txt",
            sent: act(&["Roshchin"], &["PEKING"], &[]),
            received: act(&["Filippov"], &[], &[]),
            ..Default::default()
        },
        Expected {
            // an unsigned relay whose relayed message has no quotation
            // marks: the signature the relay sentence names (`the following
            // telegram of Kim Il Sung`) is the relayed message's
            fixture: "close-relay-unmarked-unsigned.txt",
            sent: act(&[], &[], &["1951-03-18"]),
            received: act(&["Filippov"], &[], &[]),
            ..Default::default()
        },
        Expected {
            // `S H T Y K O V`: a letter-spaced signature, recorded closed up;
            // then the number, the date and a typist's line
            fixture: "close-letter-spaced-signature.txt",
            sent: act(&["SHTYKOV"], &["PYONGYANG"], &["1950-10-15"]),
            received: act(&["FENG XI"], &[], &[]),
            ..Default::default()
        },
        Expected {
            // `No. 21 - TEREBIN - 16 January` after a relayed quotation:
            // the relay's signature, its year from the quotation's date
            fixture: "close-number-name-date.txt",
            telegram: Some("50614"),
            sent: act(&["TEREBIN"], &[], &["1949-01-16"]),
            received: act(&["KUZNETSOV"], &[], &[]),
            quoted_signed: vec!["Mao Zedong"],
            ..Default::default()
        },
        Expected {
            // `22.XI.51 GROMYKO` / `22.XI.51` / `Copies: Stalin, Copy`: the
            // copies line at the end does not hide the signature
            fixture: "close-date-name-copies.txt",
            sent: act(&["GROMYKO"], &[], &["1951-11-22"]),
            received: act(&["Kim Il Sung"], &[], &[]),
            transmitted: vec!["RAZUVAEV"],
            ..Default::default()
        },
        Expected {
            // `VYSHINSKY`, then `5 copies` / date / `Copies:` / `1. Comr.
            // Stalin` ... in blocks of their own
            fixture: "close-distribution-list.txt",
            sent: act(&["VYSHINSKY"], &[], &["1950-05-20"]),
            received: act(&["ZHOU ENLAI"], &["BEIJING"], &[]),
            transmitted: vec!["SOVIET AMBASSADOR"],
            ..Default::default()
        },
        Expected {
            // the same in one block: the numbered lines are no list
            fixture: "close-distribution-list-one-block.txt",
            telegram: Some("7012"),
            sent: act(&["ROSHCHIN"], &[], &["1950-05-22"]),
            received: act(&["FILIPPOV"], &[], &[]),
            ..Default::default()
        },
        Expected {
            // `Copies: ...,` running on to the next line after the number
            fixture: "close-copies-run-on.txt",
            sent: act(&["SHTYKOV"], &["Pyongyang"], &["1950-09-02T10:15:00"]),
            received: act(&["FENG XI"], &[], &[]),
            ..Default::default()
        },
    ]
}

/// Distribution lines after the signature are trailers (or lines of the
/// closer they share a block with), never paragraphs or list items.
#[test]
fn distribution_lines_close_the_message() {
    let xml = convert_fixture("close-distribution-list.txt");
    for part in [
        "<trailer type=\"distribution\">5 copies</trailer>",
        "<trailer type=\"distribution\">Copies:</trailer>",
        "<trailer type=\"distribution\">3. Comr. Vyshinsky</trailer>",
        "<signed><persName>VYSHINSKY</persName></signed>",
    ] {
        assert!(xml.contains(part), "{part}: {xml}");
    }
    let xml = convert_fixture("close-distribution-list-one-block.txt");
    assert!(!xml.contains("<item"), "{xml}");
    assert!(
        xml.contains("<closer><persName>ROSHCHIN</persName><lb/>4 copies<lb/>"),
        "{xml}"
    );
    let xml = convert_fixture("close-name-then-number.txt");
    assert!(xml.contains("<signed xml:space=\"preserve\"><persName>ROSHCHIN</persName> No. <idno type=\"outgoing\">2980</idno> <date when=\"1951-06-14\">14.6.51</date></signed>"), "{xml}");
    assert!(xml.contains("<trailer type=\"distribution\">Printed in 3 copies.<lb/>Copies to: Stalin, Molotov, file</trailer>"), "{xml}");
    let xml = convert_fixture("close-date-name-copies.txt");
    assert!(xml.contains("<trailer type=\"distribution\">Copies: Stalin, Copy</trailer>"));
    let xml = convert_fixture("close-letter-spaced-signature.txt");
    assert!(
        xml.contains("<signed><persName>S H T Y K O V</persName></signed>"),
        "{xml}"
    );
    assert!(xml.contains(
        "<title>Ciphered Telegram, Shtykov to Feng Xi [Stalin], 15 October 1950</title>"
    ));
}

/// Fixtures checked by tests of their own (and for validity and round trip).
const OTHERS: &[&str] = &[
    "close-page-break-header-lines.txt",
    "close-institutions-not-persons.txt",
    "close-editorial-brackets.txt",
];

#[test]
fn closing_facts_per_form() {
    for e in table() {
        check(&e);
    }
}

/// Every fixture converts to TEI valid against tei_all (one jing call) and
/// gives the transcription back.
#[test]
fn closing_fixtures_are_valid() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    let names = table()
        .into_iter()
        .map(|e| e.fixture)
        .chain(OTHERS.iter().copied());
    for f in names {
        let out = dir.path().join(f.replace(".txt", ".xml"));
        let xml = convert_fixture(f);
        assert_round_trip(f, &xml);
        std::fs::write(&out, xml).unwrap();
        files.push(out);
    }
    common::assert_valid_against_tei_all(&files);
}

/// A signature inside a relayed quotation never signs the outer telegram,
/// whether a block or a line closes the quotation.
#[test]
fn quoted_signatures_stay_inside() {
    let xml = convert_fixture("close-relay-quote-stop.txt");
    assert!(
        xml.contains("<title>Telegram, to Filippov, 5 March 1951</title>"),
        "{xml}"
    );
    let xml = convert_fixture("close-relay-unclosed-quote.txt");
    let doc = Document::parse(&xml).unwrap();
    // both names are marked up in the closing block; only the one after
    // the closing mark signs the telegram
    assert_eq!(
        signed_names(doc.root_element(), false),
        ["MAO ZEDONG", "ROSHCHIN"]
    );
    assert_eq!(action(doc.root_element(), "sent").pers, ["ROSHCHIN"]);
    assert!(
        xml.contains("<title>Ciphered Telegram No. 40117, Roshchin to Filippov [Stalin], 14 August 1951</title>"),
        "{xml}"
    );
}

/// A page break joins two blocks only inside running text: never header
/// lines (`Copy N 3 to Cde. Khrushchev` / `from Peking ...`, `Extremely
/// urgent` / `to Filippov`).
#[test]
fn page_breaks_only_in_running_text() {
    let xml = convert_fixture("close-page-break-header-lines.txt");
    assert_eq!(xml.matches("<pb/>").count(), 1, "{xml}");
    assert!(
        xml.contains(
            "for the repair of<pb/>the crossings over the <placeName>Yalu</placeName> river"
        ),
        "{xml}"
    );
    // each header line ends its own element (the header reads them as
    // fields), with no page break after it
    for line in ["Extremely urgent</", "to <persName>Filippov</persName></"] {
        assert!(xml.contains(line), "{line}: {xml}");
    }
}

/// `General Staff`, `Main Directorate`, `Soviet Army` are institutions,
/// never persons; `General Zakharov` still is one.
#[test]
fn institutions_are_no_persons() {
    let xml = convert_fixture("close-institutions-not-persons.txt");
    let doc = Document::parse(&xml).unwrap();
    let body = doc.descendants().find(|n| is(n, "body")).unwrap();
    let pers: Vec<String> = body
        .descendants()
        .filter(|n| is(n, "persName"))
        .map(all_text)
        .collect();
    assert_eq!(pers, ["FILIPPOV", "Peng Dehuai", "Zakharov", "MAO ZEDONG"]);
}

/// An editor's or translator's note in brackets (`[Translator's note:
/// ...]`, `[handwritten: ...]`, `[Stamp: ...` over two lines) identifies no
/// name, and round-trips; an identification that names an institution
/// (`MID [Ministry of Foreign Affairs]`) makes an `orgName`.
#[test]
fn editorial_brackets_identify_nothing() {
    let xml = convert_fixture("close-editorial-brackets.txt");
    for part in [
        "<supplied>handwritten: to Cde. Molotov</supplied>",
        "Korean People's Army <supplied>Translator's note: the operations staff</supplied>",
        "<supplied>Stamp: SUBJECT TO RETURN<lb/>to the Special Section</supplied>",
        "<orgName>MID</orgName> <note type=\"identification\">Ministry of Foreign Affairs</note>",
    ] {
        assert!(xml.contains(part), "{part}: {xml}");
    }
    let doc = Document::parse(&xml).unwrap();
    let body = doc.descendants().find(|n| is(n, "body")).unwrap();
    let ids = body
        .descendants()
        .filter(|n| is(n, "note") && n.attribute("type") == Some("identification"))
        .count();
    assert_eq!(ids, 2, "{xml}");
    assert_eq!(action(doc.root_element(), "sent").pers, ["RAZUVAEV"]);
}
