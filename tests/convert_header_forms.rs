//! Header field forms of the archive's forms (session 8): preamble lines
//! that are no fields (agency abbreviations, registry numbers, formulas,
//! editors' notes), document numbers (`Issuing No.`, `CABLE Nº`, `#`),
//! sending and receiving lines with 12-hour times and month-first dates,
//! transmission and log lines, and addresses through an intermediary.
//! Fixtures: tests/fixtures/convert/hdr-*.txt (invented text in the layout
//! of each class). Facts a fixture's layout leaves to other rules (the
//! closing of a document without blank lines) are not asserted (`None`).

mod common;
mod facts;

use facts::*;
use roxmltree::Document;

struct Expected {
    fixture: &'static str,
    telegram: Option<&'static str>,
    /// `None`: not asserted (left to the closing rules).
    sent: Option<Action>,
    received: Action,
    transmitted: Action,
    copies: Vec<&'static str>,
}

fn check(e: &Expected) {
    let xml = convert_fixture(e.fixture);
    let doc = Document::parse(&xml).unwrap();
    let root = doc.root_element();
    let f = e.fixture;
    assert_eq!(
        telegram_idno(root).as_deref(),
        e.telegram,
        "{f}: telegram idno"
    );
    if let Some(sent) = &e.sent {
        assert_eq!(&action(root, "sent"), sent, "{f}: sent");
    }
    assert_eq!(action(root, "received"), e.received, "{f}: received");
    assert_eq!(
        action(root, "transmitted"),
        e.transmitted,
        "{f}: transmitted"
    );
    let copies: Vec<String> = root
        .descendants()
        .filter(|n| is(n, "list") && n.attribute("type") == Some("copies"))
        .flat_map(|l| l.children().filter(|c| is(c, "item")))
        .map(all_text)
        .collect();
    assert_eq!(copies, e.copies, "{f}: copies");
    // nothing lost
    assert_round_trip(f, &xml);
}

fn table() -> Vec<Expected> {
    vec![
        Expected {
            // `MFA USSR`, `Tenth Department`, `Making copies is prohibited`,
            // `Special no. 412`, a bare `207`: preamble lines that no longer
            // end the header; `Issuing No.`; `Received on 11:40 pm` printed
            // before `Sent on 12:15 am` is the cipher office's intake, not a
            // delivery; `Destination: X  To Whom: Y`, then `For Kim Il Sung.`
            fixture: "hdr-preamble-intake-destination.txt",
            telegram: Some("4471"),
            sent: Some(act(&["VYSHINSKY"], &[], &["1951-03-03T00:15:00"])),
            received: act(&["Kim Il Sung"], &["PYONGYANG"], &[]),
            transmitted: act(&["SovAmbassador"], &[], &[]),
            copies: vec![],
        },
        Expected {
            // no blank lines: a bracketed note at the top, `MID USSR`,
            // `No. N`, `Tenth Department Received ...` (intake) then `Sent
            // ...`, `To NORTH KOREA To RAZUVAEV TOP PRIORITY`
            fixture: "hdr-noblank-note-agency-place-to.txt",
            telegram: Some("30117"),
            sent: Some(act(&["GROMYKO"], &[], &["1951-12-04T11:05:00"])),
            received: act(&["RAZUVAEV"], &["NORTH KOREA"], &[]),
            transmitted: act(&[], &[], &[]),
            copies: vec![],
        },
        Expected {
            // `Ciphered Telegram # N`, `FROM: PLACE`, `Sent by wire on
            // MM/DD/YY at hh:mm p.m.`, `Received in Moscow on ...`, log lines
            // (`Arrived at ...`, `Deciphered by ...`: not asserted), a
            // distribution list with counts, the addressee `FENG XI
            // [Stalin]` alone on its line
            fixture: "hdr-us-dates-log-lines.txt",
            telegram: Some("712233/sh"),
            sent: None,
            received: act(&["FENG XI"], &["Moscow"], &["1950-11-03T02:20:00"]),
            transmitted: act(&[], &[], &[]),
            copies: vec!["Stalin", "Molotov", "Malenkov", "Beria", "Bulganin"],
        },
        Expected {
            // no blank lines: a note at the top, `CABLE Nº`, copy lines over
            // several lines, `from [PEKING] received at 2215 <date>`, `Copy
            // Nº 2`, a stamp over three lines with nested brackets, `SERIES
            // "G"` / `T`, `to Cde. FILIPPOV`
            fixture: "hdr-cable-copies-stamp-noblank.txt",
            telegram: Some("31402"),
            sent: None,
            received: act(&["FILIPPOV"], &[], &["1951-11-03T22:15:00"]),
            transmitted: act(&[], &[], &[]),
            copies: vec!["Stalin", "Stalin", "Molotov"],
        },
        Expected {
            // `Transmitted hh:mm d.m.yy`; `BEIJING - To Comrade X` / `for
            // Comrade Y` in blocks of their own: through X, to Y
            fixture: "hdr-transmitted-comrade-for.txt",
            telegram: Some("2210"),
            sent: Some(act(&["FILIPPOV"], &[], &["1951-03-03T21:40:00"])),
            received: act(&["ZHOU ENLAI"], &["BEIJING"], &[]),
            transmitted: act(&["ZAKHAROV"], &[], &["1951-03-03T22:10:00"]),
            copies: vec![],
        },
        Expected {
            // no blank lines: `BEIJING - Comrade KRASOVSKY` / `For Comrade
            // MAO ZEDONG` / the message
            fixture: "hdr-place-comrade-for-noblank.txt",
            telegram: Some("3802"),
            sent: None,
            received: act(&["MAO ZEDONG"], &["BEIJING"], &[]),
            transmitted: act(&["KRASOVSKY"], &[], &[]),
            copies: vec![],
        },
        Expected {
            // `From Pyongyang.Sent ...` (no space), `Received d.m hh:mm`, a
            // log line `Sent to the 8th Department ...` (not the sending),
            // `By telegraph`, `Special File`, `FENG XI [Stalin]`, `To No. 512/sh.`
            fixture: "hdr-from-dot-sent-log.txt",
            telegram: None,
            sent: Some(act(&[], &["Pyongyang"], &["1950-09-04T09:12:00"])),
            received: act(&["FENG XI"], &[], &["1950-09-04T15:40:00"]),
            transmitted: act(&[], &[], &[]),
            copies: vec![],
        },
        Expected {
            // `Ministry of Foreign Affairs of the USSR`, `10th Department
            // Received ...` (an ordinal; intake), `To KOREA, To RAZUVAEV`
            fixture: "hdr-ordinal-department-comma-to.txt",
            telegram: Some("30422"),
            sent: Some(act(&["GROMYKO"], &[], &["1951-12-07T17:45:00"])),
            received: act(&["RAZUVAEV"], &["KOREA"], &[]),
            transmitted: act(&[], &[], &[]),
            copies: vec![],
        },
        Expected {
            // `Sent on 9:20 p.m., <date>`; `Destination:` and `To Whom:` on
            // two lines, a function of two words (`Soviet Ambassador`)
            fixture: "hdr-to-whom-function-pm.txt",
            telegram: None,
            sent: Some(act(&["FILIPPOV"], &[], &["1951-04-05T21:20:00"])),
            received: act(&["Zhou Enlai"], &["PEKING"], &[]),
            transmitted: act(&["Soviet Ambassador"], &[], &[]),
            copies: vec![],
        },
        Expected {
            // `BEIJING - To Comrade Zakharov`: a name in mixed case after `Comrade`
            fixture: "hdr-place-comrade-mixed-case.txt",
            telegram: Some("2281"),
            sent: Some(act(&["Filippov"], &[], &[])),
            received: act(&["Zhou Enlai"], &["BEIJING"], &[]),
            transmitted: act(&["Zakharov"], &[], &[]),
            copies: vec![],
        },
        Expected {
            // no blank lines: `From Correspondent 31 Sent ...` (a code, no
            // place), `Received ...`, a long log line `Dispatched to 8th
            // Administration ... <date time>` (not the sending), `By telegram`
            fixture: "hdr-correspondent-dispatched.txt",
            telegram: None,
            sent: Some(act(&["RAZUVAEV"], &[], &["1951-08-03T06:40:00"])),
            received: act(&[], &[], &["1951-08-03T08:05:00"]),
            transmitted: act(&[], &[], &[]),
            copies: vec![],
        },
        Expected {
            // no blank lines: `Making copies is forbidden`, `[Stamp: "..."]`,
            // `From PEKING`, `For immediate report to comrade Filippov
            // [Stalin].x/` (a footnote mark after the field)
            fixture: "hdr-immediate-report-stamp.txt",
            telegram: None,
            sent: Some(act(&["ROSHCHIN"], &["PEKING"], &[])),
            received: act(&["Filippov"], &[], &[]),
            transmitted: act(&[], &[], &[]),
            copies: vec![],
        },
    ]
}

#[test]
fn header_facts_per_form() {
    for e in table() {
        check(&e);
    }
}

/// Every fixture converts to TEI valid against tei_all (one jing call).
#[test]
fn header_form_fixtures_are_valid() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for e in table() {
        let out = dir.path().join(e.fixture.replace(".txt", ".xml"));
        std::fs::write(&out, convert_fixture(e.fixture)).unwrap();
        files.push(out);
    }
    common::assert_valid_against_tei_all(&files);
}

/// The preamble lines are marked up, and the header after them is a header.
#[test]
fn preamble_lines_are_marked_up() {
    let xml = convert_fixture("hdr-preamble-intake-destination.txt");
    for tag in [
        "<orgName>MFA USSR</orgName>",
        "<orgName>Tenth Department</orgName>",
        "<seg type=\"formula\">Making copies is prohibited</seg>",
        "<seg type=\"series\">Special no. 412</seg>",
        "<seg type=\"registry\">207</seg>",
        "Issuing No. <idno type=\"telegram\">4471</idno>",
        // the intake is marked up (12-hour times), though not asserted
        "Received on <time when=\"23:40:00\">11:40 pm</time>, <date when=\"1951-03-02\">2 March 1951</date>",
        "<time when=\"00:15:00\">12:15 am</time>",
        "Destination: <placeName>PYONGYANG</placeName> To Whom: <roleName>SovAmbassador</roleName>",
    ] {
        assert!(xml.contains(tag), "{tag} missing");
    }
    let xml = convert_fixture("hdr-noblank-note-agency-place-to.txt");
    // the note is the bracket's markup alone (a seg of the same span would
    // add nothing)
    assert!(xml.contains(
        "<supplied>handwritten at the top: to the file</supplied><lb/><orgName>MID USSR</orgName>"
    ));
    assert!(xml.contains("<orgName>MID USSR</orgName>"));
    assert!(xml.contains("<orgName>Tenth Department</orgName> Received"));
    assert!(xml.contains("<seg type=\"priority\">TOP PRIORITY</seg>"));
}

/// Month-first dates only after the keywords that print them; log lines
/// keep their dates as markup.
#[test]
fn us_dates_only_in_keyword_lines() {
    let xml = convert_fixture("hdr-us-dates-log-lines.txt");
    assert!(xml.contains(
        "Sent by wire on <date when=\"1950-11-02\">11/2/50</date> at <time when=\"23:05:00\">11:05 p.m.</time>"
    ));
    assert!(xml.contains(
        "<seg type=\"log\">Deciphered by Ivanov on <date when=\"1950-11-03\">11/3/50</date> at <time when=\"03:40:00\">3:40 a.m.</time></seg>"
    ));
    // the counts of the distribution list
    assert!(xml.contains("<item n=\"2\"><persName>Stalin</persName></item>"));
    assert!(xml.contains("<item n=\"1\"><persName>Bulganin</persName></item>"));
    // running text: `1/6` and `12/15` are no dates
    assert!(xml.contains("asks for 1/6 of the trucks"));
    assert!(xml.contains("promised for 12/15."));
    let src = "CIPHERED TELEGRAM No. 5\n\nSent 10:00 3.5.51\n\nWe received your telegram on 4/5/51 and agree.\n";
    let xml = teikit::convert::convert(src.as_bytes()).unwrap().xml;
    assert!(xml.contains("your telegram on 4/5/51 and agree"), "{xml}");
}

/// The stamp's nested brackets are one note, and the copy lines one distribution.
#[test]
fn cable_copies_and_stamp() {
    let xml = convert_fixture("hdr-cable-copies-stamp-noblank.txt");
    assert!(xml.contains("<seg type=\"note\"><supplied>Stamp: SUBJECT TO RETURN"));
    assert!(xml.contains(
        "<seg type=\"distribution\">Copy Nº 1 to Cde. <persName>Stalin</persName><lb/>Nº 2 to Cde. <persName>Stalin</persName><lb/>Copy Nº 3 to Cde. <persName>Molotov</persName></seg>"
    ));
    assert!(xml.contains("from <supplied><placeName>PEKING</placeName></supplied> received at <time when=\"22:15:00\">2215</time>"));
    let xml = convert_fixture("hdr-to-whom-function-pm.txt");
    assert!(xml.contains("To Whom: <roleName>Soviet Ambassador</roleName>"));
    let xml = convert_fixture("hdr-from-dot-sent-log.txt");
    assert!(
        xml.contains(
            "<seg type=\"reference\">To No. <idno type=\"reference\">512/sh</idno>.</seg>"
        )
    );
    assert!(xml.contains("<seg type=\"formula\">By telegraph</seg>"));
    assert!(xml.contains("<seg type=\"priority\">Special File</seg>"));
}

/// A message whose first line opens with the words of a header field is
/// no header: no facts, and the line stays a paragraph.
#[test]
fn message_first_lines_are_no_fields() {
    for first in [
        "Cable your answer to Comrade Razuvaev before 5 May.",
        "Sent to you are the minutes of the meeting of 30.4.51.",
        "Sent to the front were 30 trucks on 2.5.51 at 10:00",
        "Received your telegram on 4/5/51 and agree with it.",
        "Transmitted below is the answer of Kim Il Sung.",
        "Deciphered by our staff, the letter of 3.5.51 says nothing new about the matter at 10:00",
        "Typed by Ivanova at 10:30.",
        "113 wagons of grain were unloaded at Andong.",
        "Copies to Comrade Molotov were sent yesterday.",
        "Tenth Department informs you of the decision.",
        "FENG XI [Stalin] agrees with your proposal.",
    ] {
        let src = format!("{first}\n\nThe second paragraph.\n");
        let xml = teikit::convert::convert(src.as_bytes()).unwrap().xml;
        assert!(!xml.contains("<correspDesc>"), "{first}: {xml}");
        assert!(!xml.contains("msIdentifier"), "{first}");
        assert!(!xml.contains("<opener"), "{first}");
        assert!(!xml.contains("<head"), "{first}");
    }
}
