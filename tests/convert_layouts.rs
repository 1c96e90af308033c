//! Issue 2, section 4: header facts of transcriptions in layouts the corpus
//! does not hold (tests/fixtures/convert/), read back through the paths
//! consumers query; every fixture's output is valid (jing) and gives the
//! transcription back.

mod common;
mod facts;

use facts::*;
use roxmltree::Document;
use teikit::text::{TextOptions, normalize_transcription, text_layer};

#[derive(Default)]
struct Expected {
    fixture: &'static str,
    telegram: Option<&'static str>,
    sent: Action,
    received: Action,
    transmitted: Vec<&'static str>,
    copies: Vec<(Option<&'static str>, &'static str)>,
    gaps: usize,
}

fn check(e: &Expected) {
    let xml = convert_fixture(e.fixture);
    let doc = Document::parse(&xml).unwrap();
    let root = doc.root_element();
    let f = e.fixture;
    assert_header_facts(root, f, e.telegram, &e.sent, &e.received, &e.transmitted);
    let copies: Vec<(Option<String>, String)> = root
        .descendants()
        .filter(|n| is(n, "list") && n.attribute("type") == Some("copies"))
        .flat_map(|l| l.children().filter(|c| is(c, "item")))
        .map(|i| (i.attribute("n").map(str::to_owned), all_text(i)))
        .collect();
    let want: Vec<(Option<String>, String)> = e
        .copies
        .iter()
        .map(|(n, s)| (n.map(str::to_owned), s.to_string()))
        .collect();
    assert_eq!(copies, want, "{f}: copies");
    let body = root.descendants().find(|n| is(n, "body")).unwrap();
    let gaps = body.descendants().filter(|n| is(n, "gap")).count();
    assert_eq!(gaps, e.gaps, "{f}: gaps");
    // nothing lost
    assert_round_trip(f, &xml);
}

fn table() -> Vec<Expected> {
    vec![
        Expected {
            // no blank line anywhere: one paragraph (a blank line the source
            // lacks would break the round trip), but the header lines at its
            // top and the signature, date and number at its end give their
            // facts and markup
            fixture: "no-blank-lines.txt",
            telegram: Some("3790"),
            sent: act(&["FILIPPOV"], &[], &["1951-06-27"]),
            received: act(&["MAO ZEDONG"], &[], &[]),
            gaps: 1,
            ..Default::default()
        },
        Expected {
            // `[…]` first, lines of one space between blocks, `To Terebin`,
            // then `Reply to No. 4. Convey to Mao Zedong the following:`:
            // Terebin passes the message on, Mao Zedong receives it
            fixture: "relay-convey-after-reply-spacer-lines.txt",
            telegram: None,
            sent: act(&["Filippov"], &[], &["1949-01-12"]),
            received: act(&["Mao Zedong"], &[], &[]),
            transmitted: vec!["Terebin"],
            gaps: 1,
            ..Default::default()
        },
        Expected {
            // `To Comrade Kotov` / `Visit Zhou Enlai and transmit to him
            // the reply ...`: Kotov goes between; the quoted reply's
            // signatory sends it
            fixture: "relay-visit-and-transmit.txt",
            telegram: None,
            sent: act(&["FILIPPOV"], &[], &["1950-08-03"]),
            received: act(&["Zhou Enlai"], &[], &[]),
            transmitted: vec!["Kotov"],
            ..Default::default()
        },
        Expected {
            // `EXTREMELY URGENT`; after the signature an editor's note in
            // brackets (`[Source: APRF, ...]`), which once hid the whole
            // closing; `No. 2941` and `19.11 11:00` before the signature
            fixture: "closing-source-note-after-signature.txt",
            telegram: Some("26105"),
            sent: act(&["ZHOU ENLAI"], &["Beijing"], &["1950-11-19T11:00:00"]),
            received: act(&["FILIPPOV"], &[], &["1950-11-19T21:10:00"]),
            copies: vec![(Some("2"), "Stalin"), (None, "Molotov"), (None, "Bulganin")],
            ..Default::default()
        },
        Expected {
            // `[...]` before the header (the editor left part out), then
            // the document line, priorities, `BEIJING--` and `TO KRASOVSKY`
            // in blocks of their own; `Transmit the following reply to MAO
            // ZEDONG.` names the addressee; the quoted message is signed
            fixture: "outgoing-elision-first-dashed-place.txt",
            telegram: Some("4127"),
            sent: act(&["FILIPPOV"], &[], &[]),
            received: act(&["MAO ZEDONG"], &["BEIJING"], &[]),
            transmitted: vec!["KRASOVSKY"],
            gaps: 2,
            ..Default::default()
        },
        Expected {
            // `PYONGYANG —` / `TO COMRADE RAZUVAEV` in one block; `Please
            // convey to Comrade Kim Il Sung the following:`
            fixture: "outgoing-place-dash-then-to-one-block.txt",
            telegram: None,
            sent: act(&["FILIPPOV"], &[], &["1952-03-04"]),
            received: act(&["Kim Il Sung"], &["PYONGYANG"], &[]),
            transmitted: vec!["RAZUVAEV"],
            ..Default::default()
        },
        Expected {
            // two priority lines; `Your telegram No. 3587 [...] received.`
            // opens the message: that number is no telegram number of
            // this document
            fixture: "outgoing-your-telegram-no.txt",
            telegram: None,
            sent: act(&["FILIPPOV"], &[], &["1951-07-20"]),
            received: act(&["MAO ZEDONG"], &["BEIJING"], &[]),
            transmitted: vec!["SOVIET AMBASSADOR"],
            gaps: 1,
            ..Default::default()
        },
        Expected {
            // `BEIJING` alone on its line, `TO COMRADE KRASOVSKY` on the
            // next, then `for Comrade MAO ZEDONG`; a priority block after
            fixture: "outgoing-place-own-line.txt",
            telegram: None,
            sent: act(&["FILIPPOV"], &[], &["1951-07-01"]),
            received: act(&["MAO ZEDONG"], &["BEIJING"], &[]),
            transmitted: vec!["KRASOVSKY"],
            ..Default::default()
        },
        Expected {
            // a priority line, then the agency line, then the fields, one
            // block with no blank lines; the message signed by two
            fixture: "header-priority-before-agency.txt",
            telegram: Some("17002"),
            sent: act(
                &["KIM IL SUNG", "PAK HON YONG"],
                &["PYONGYANG"],
                &["1951-07-02"],
            ),
            received: act(&["FILIPPOV"], &[], &["1951-07-02T03:15:00"]),
            copies: vec![
                (Some("2"), "Stalin"),
                (None, "Molotov"),
                (None, "Malenkov"),
                (None, "Beria"),
            ],
            gaps: 1,
            ..Default::default()
        },
        Expected {
            fixture: "keywords-lowercase.txt",
            telegram: Some("123"),
            sent: act(&["MAO ZEDONG"], &["BEIJING"], &[]),
            received: act(&["FILIPPOV"], &[], &["1951-06-30T11:20:00"]),
            copies: vec![(Some("2"), "Stalin"), (None, "Molotov")],
            ..Default::default()
        },
        Expected {
            fixture: "keywords-colons.txt",
            telegram: Some("4410"),
            sent: act(&["MAO ZEDONG"], &["BEIJING"], &[]),
            received: act(&["FILIPPOV"], &[], &["1951-06-30T11:20:00"]),
            copies: vec![(Some("2"), "Stalin")],
            ..Default::default()
        },
        Expected {
            fixture: "dates-dot-time-month-first.txt",
            telegram: Some("5521"),
            sent: act(&["KIM IL SUNG"], &["PYONGYANG"], &[]),
            received: act(&["FILIPPOV"], &[], &["1951-06-30T01:40:00"]),
            ..Default::default()
        },
        Expected {
            fixture: "dates-roman-months.txt",
            telegram: Some("6012"),
            sent: act(&["MAO ZEDONG"], &["BEIJING"], &["1951-06-30"]),
            received: act(&["FILIPPOV"], &[], &["1951-06-30T21:15:00"]),
            ..Default::default()
        },
        Expected {
            fixture: "preamble-archive-reference.txt",
            telegram: Some("8801"),
            sent: act(&["MAO ZEDONG"], &["BEIJING"], &[]),
            received: act(&["FILIPPOV"], &[], &["1951-06-30T11:20:00"]),
            copies: vec![(Some("2"), "Stalin")],
            ..Default::default()
        },
        Expected {
            fixture: "preamble-agency-title-case.txt",
            telegram: Some("8802"),
            sent: act(&["Mao Zedong"], &["Beijing"], &[]),
            received: act(&["Filippov"], &[], &["1951-06-30T11:20:00"]),
            copies: vec![(Some("2"), "Stalin")],
            ..Default::default()
        },
        Expected {
            fixture: "closing-co-signatories.txt",
            telegram: Some("8804"),
            sent: act(&["MAO ZEDONG", "ZHOU ENLAI"], &["BEIJING"], &[]),
            received: act(&["FILIPPOV"], &[], &["1951-06-30T11:20:00"]),
            ..Default::default()
        },
        Expected {
            fixture: "header-brackets-between-fields.txt",
            telegram: Some("8803"),
            sent: act(&["MAO ZEDONG"], &["BEIJING"], &[]),
            received: act(&["FILIPPOV"], &[], &["1951-06-30T11:20:00"]),
            copies: vec![(Some("2"), "Stalin")],
            gaps: 1,
            ..Default::default()
        },
        Expected {
            fixture: "outgoing-to-place-comma-name.txt",
            telegram: None,
            sent: act(&["FILIPPOV"], &["MOSCOW"], &["1951-06-30"]),
            received: act(&["MAO ZEDONG"], &["BEIJING"], &[]),
            transmitted: vec!["KRASOVSKY"],
            ..Default::default()
        },
        Expected {
            fixture: "outgoing-to-transmit-following.txt",
            telegram: None,
            sent: act(&["FILIPPOV"], &[], &["1951-07-16"]),
            received: act(&["Mao Zedong"], &["BEIJING"], &[]),
            transmitted: vec!["SOVIET AMBASSADOR"],
            ..Default::default()
        },
        Expected {
            fixture: "relay-single-quotes.txt",
            telegram: Some("7001"),
            sent: act(&["Kim Il Sung"], &[], &[]),
            received: act(&["FILIPPOV"], &[], &["1951-07-14T22:40:00"]),
            transmitted: vec!["KRASOVSKY"],
            ..Default::default()
        },
        Expected {
            fixture: "relay-quote-mid-sentence.txt",
            telegram: Some("7002"),
            sent: act(&["Mao Zedong"], &[], &[]),
            received: act(&["FILIPPOV"], &[], &["1951-07-15T10:05:00"]),
            transmitted: vec!["ROSHCHIN"],
            ..Default::default()
        },
        Expected {
            fixture: "closing-date-after-page-break.txt",
            telegram: Some("7003"),
            sent: act(&["MAO ZEDONG"], &["BEIJING"], &["1951-07-15"]),
            received: act(&["FILIPPOV"], &[], &[]),
            ..Default::default()
        },
        Expected {
            fixture: "list-intro-with-brackets.txt",
            telegram: Some("1"),
            sent: act(&["MAO ZEDONG"], &[], &[]),
            received: act(&["FILIPPOV"], &[], &[]),
            gaps: 1,
            ..Default::default()
        },
        Expected {
            fixture: "list-intro-empty-brackets.txt",
            telegram: Some("8805"),
            sent: act(&["MAO ZEDONG"], &["BEIJING"], &[]),
            received: act(&["FILIPPOV"], &[], &["1951-06-30T11:20:00"]),
            ..Default::default()
        },
        Expected {
            fixture: "header-received-date-at-time.txt",
            telegram: Some("21334"),
            sent: act(&["Mao Zedong"], &["Beijing"], &[]),
            received: act(&["Stalin"], &[], &["1951-06-30T11:20:00"]),
            ..Default::default()
        },
        Expected {
            fixture: "header-received-time-on-date.txt",
            telegram: Some("5120"),
            sent: act(&["MAO ZEDONG"], &["BEIJING"], &["1951-06-30"]),
            received: act(&["FILIPPOV"], &[], &["1951-06-30T11:20:00"]),
            copies: vec![(Some("2"), "Stalin")],
            ..Default::default()
        },
        Expected {
            fixture: "header-date-field-two-addressees.txt",
            telegram: Some("5121"),
            sent: act(&["MAO ZEDONG"], &[], &["1951-06-30"]),
            received: act(&["STALIN"], &[], &[]),
            ..Default::default()
        },
        Expected {
            fixture: "outgoing-sent-time-to-for.txt",
            telegram: Some("400"),
            sent: act(&["FILIPPOV"], &["MOSCOW"], &["1951-07-02T14:00:00"]),
            received: act(&["MAO ZEDONG"], &[], &[]),
            transmitted: vec!["KRASOVSKY"],
            ..Default::default()
        },
        Expected {
            fixture: "header-copies-over-two-lines.txt",
            telegram: Some("30012"),
            sent: act(&["MAO ZEDONG"], &["BEIJING"], &["1951-06-30"]),
            received: act(&["FILIPPOV"], &[], &["1951-06-30T11:20:00"]),
            copies: vec![(Some("2"), "Stalin"), (None, "Molotov"), (None, "Malenkov")],
            ..Default::default()
        },
        Expected {
            fixture: "page-break-before-a-date.txt",
            telegram: Some("7004"),
            sent: act(&["MAO ZEDONG"], &["BEIJING"], &["1951-07-16"]),
            received: act(&["FILIPPOV"], &[], &["1951-07-16T10:05:00"]),
            ..Default::default()
        },
        Expected {
            fixture: "initials-and-titled-signature.txt",
            telegram: Some("21335/sh"),
            sent: act(&["MAO TSE-TUNG"], &["PEKING"], &[]),
            received: act(&["I. V. STALIN"], &[], &["1951-06-30T11:20:00"]),
            copies: vec![
                (Some("2"), "Stalin"),
                (Some("1"), "Molotov"),
                (None, "Beria"),
            ],
            ..Default::default()
        },
        Expected {
            fixture: "corpus/1951-07-03_mao-zedong_to_filippov_no-21457.txt",
            telegram: Some("21457"),
            sent: act(&["MAO ZEDONG"], &["BEIJING"], &["1951-07-03"]),
            received: act(&["FILIPPOV"], &[], &["1951-07-03T01:40:00"]),
            copies: vec![(Some("2"), "Stalin"), (None, "Molotov")],
            ..Default::default()
        },
        Expected {
            fixture: "corpus/1951-07-06_filippov_to_mao-zedong_via-krasovsky_no-3581.txt",
            telegram: None,
            sent: act(&["FILIPPOV"], &["MOSCOW"], &["1951-07-06"]),
            received: act(&["MAO ZEDONG"], &["BEIJING"], &[]),
            transmitted: vec!["KRASOVSKY"],
            gaps: 1,
            ..Default::default()
        },
        Expected {
            fixture: "corpus/1951-07-14_kim-il-sung-via-razuvaev_to_filippov_no-16210.txt",
            telegram: Some("16210"),
            sent: act(&["Kim Il Sung"], &[], &[]),
            received: act(&["FILIPPOV"], &[], &["1951-07-14T22:40:00"]),
            transmitted: vec!["RAZUVAEV"],
            copies: vec![(Some("2"), "Stalin")],
            gaps: 1,
        },
        Expected {
            fixture: "corpus/1951-07-20_mao-zedong-zhou-enlai_to_filippov_no-22410.txt",
            telegram: Some("22410"),
            sent: act(&["MAO ZEDONG", "ZHOU ENLAI"], &["BEIJING"], &["1951-07-20"]),
            received: act(&["FILIPPOV"], &[], &["1951-07-20T11:12:00"]),
            copies: vec![(Some("2"), "Stalin"), (None, "Molotov"), (None, "Malenkov")],
            ..Default::default()
        },
    ]
}

#[test]
fn header_facts_per_layout() {
    for e in table() {
        check(&e);
    }
}

/// Every layout fixture converts to TEI valid against tei_all (one jing call).
#[test]
fn layout_fixtures_are_valid() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for e in table() {
        let out = dir
            .path()
            .join(e.fixture.replace('/', "_").replace(".txt", ".xml"));
        std::fs::write(&out, convert_fixture(e.fixture)).unwrap();
        files.push(out);
    }
    common::assert_valid_against_tei_all(&files);
}

/// Dates in the forms the archive prints, each with its `@when`.
#[test]
fn date_forms_in_the_body() {
    let xml = convert_fixture("dates-dot-time-month-first.txt");
    for (printed, when) in [
        ("June 30, 1951", "1951-06-30"),
        ("28 June 1951", "1951-06-28"),
        ("13.June.1951", "1951-06-13"),
        ("30.VI.1951", "1951-06-30"),
        ("2.VII.51", "1951-07-02"),
    ] {
        let tag = format!("<date when=\"{when}\">{printed}</date>");
        assert!(xml.contains(&tag), "{tag} missing");
    }
    assert!(xml.contains("<time when=\"01:40:00\">01.40</time>"));
}

/// A line at the top that is no field (an archive reference, a title-case
/// agency line) is kept as a `head` and does not hide the header after it.
#[test]
fn preamble_lines_are_heads() {
    let xml = convert_fixture("preamble-archive-reference.txt");
    let doc = Document::parse(&xml).unwrap();
    let head = doc
        .descendants()
        .find(|n| is(n, "head") && n.attribute("type") == Some("archivalReference"))
        .expect("archival reference head");
    assert!(
        all_text(head).starts_with("Archive of the President of the Russian Federation, fond 45")
    );
    let xml = convert_fixture("preamble-agency-title-case.txt");
    let doc = Document::parse(&xml).unwrap();
    let head = doc
        .descendants()
        .find(|n| is(n, "head") && n.attribute("type") == Some("agency"))
        .expect("agency head");
    assert_eq!(
        all_text(head),
        "Second Main Administration of the General Staff of the Soviet Army"
    );
}

#[test]
fn co_signatories_each_a_persname_in_one_signed() {
    let xml = convert_fixture("closing-co-signatories.txt");
    assert!(xml.contains(
        "<signed><persName>MAO ZEDONG</persName>, <persName>ZHOU ENLAI</persName></signed>"
    ));
    assert!(xml.contains("<title>Ciphered Telegram No. 8804, Mao Zedong and Zhou Enlai to Filippov [Stalin], 30 June 1951</title>"));
}

/// A relayed message keeps its own closing inside the quotation, whatever
/// the quotation marks, and wherever the quotation opens.
#[test]
fn relayed_messages_keep_their_closers_inside_the_quote() {
    for (f, signed) in [
        ("relay-single-quotes.txt", "KIM IL SUNG"),
        ("relay-quote-mid-sentence.txt", "MAO ZEDONG"),
        ("outgoing-to-transmit-following.txt", "FILIPPOV"),
    ] {
        let xml = convert_fixture(f);
        let doc = Document::parse(&xml).unwrap();
        let quote = doc
            .descendants()
            .find(|n| is(n, "quote"))
            .unwrap_or_else(|| panic!("{f}: no quote"));
        let inner: Vec<String> = quote
            .descendants()
            .filter(|n| is(n, "signed"))
            .flat_map(|s| {
                s.children()
                    .filter(|c| is(c, "persName"))
                    .map(all_text)
                    .collect::<Vec<_>>()
            })
            .collect();
        assert_eq!(inner, [signed], "{f}");
    }
    // the block that opens the quotation mid-sentence stays a paragraph
    let xml = convert_fixture("relay-quote-mid-sentence.txt");
    assert!(xml.contains("<p>Comrade <persName>Mao Zedong</persName> asked me to transmit to you the following: \"Comrade <persName>Filippov</persName>!</p>"));
}

/// A list's introduction is its `desc` only when `desc` can hold its markup;
/// empty brackets stay text everywhere, with no warning.
#[test]
fn list_introductions_and_empty_brackets() {
    let xml = convert_fixture("list-intro-empty-brackets.txt");
    assert!(xml.contains("<list><desc>We propose [ ] the following points:</desc><item n=\"1\">1. the cease-fire [ ];</item><item n=\"2\">2. the exchange of prisoners [].</item></list>"));
    let bytes = std::fs::read("tests/fixtures/convert/list-intro-empty-brackets.txt").unwrap();
    assert!(
        teikit::convert::convert(&bytes)
            .unwrap()
            .warnings
            .is_empty()
    );
    // a note, a gap, supplied words and a line break cannot go into desc
    let xml = convert_fixture("list-intro-with-brackets.txt");
    let doc = Document::parse(&xml).unwrap();
    assert!(!doc.descendants().any(|n| is(&n, "desc")), "{xml}");
    let p = doc
        .descendants()
        .find(|n| is(n, "p") && all_text(*n).contains("questions:"))
        .unwrap();
    assert!(p.children().any(|c| is(&c, "supplied")));
    assert!(p.children().any(|c| is(&c, "lb")));
}

/// Found by the round-trip proptest: header lines running into the message,
/// with a bracket after them, once sliced past the end of the header part.
#[test]
fn header_lines_then_brackets_then_message_convert() {
    for input in [
        "TOP PRIORITY\n[\nReceived 11.12 30.VI.51\nWe ask [...] you.\n",
        "CIPHERED TELEGRAM No. 5 [...]\nTo Comrade FILIPPOV [Stalin]\nI send you [our] reply.\n",
    ] {
        let conv = teikit::convert::convert(input.as_bytes()).unwrap();
        let layer = text_layer(&conv.xml, &TextOptions::default()).unwrap();
        assert_eq!(layer.text, normalize_transcription(input));
    }
}

/// Bracket soup stays linear: a 200 KB line of `[` (or `]`, `[a`, names
/// with open identifications, quotation marks, a bracket around thousands
/// of others) converts in well under a
/// second, lists at most `MAX_WARNINGS` warnings plus one that counts the
/// rest, and still gives the text back.
#[test]
fn bracket_soup_is_linear() {
    let soups = [
        "[".repeat(200_000),
        "]".repeat(200_000),
        "[a".repeat(100_000),
        "[[a]".repeat(50_000),
        "FILIPPOV [Stalin ".repeat(12_000),
        "\"".repeat(200_000),
        format!("X [{}", "a ".repeat(100_000)),
        // one bracket around the whole line, thousands of names, dates and
        // brackets inside it (each new one was checked against all before)
        format!(
            "[Note that {}more]",
            "we [should] send FILIPPOV [Stalin] 30.6.1951 and ".repeat(12_000)
        ),
    ];
    for soup in soups {
        let input = format!("{soup}\n");
        let t = std::time::Instant::now();
        let conv = teikit::convert::convert(input.as_bytes()).unwrap();
        let took = t.elapsed();
        assert!(
            took.as_secs_f64() < 1.5,
            "{} bytes of {:?}...: {took:?}",
            input.len(),
            &soup[..8]
        );
        assert!(conv.warnings.len() <= teikit::convert::MAX_WARNINGS + 1);
        let layer = text_layer(&conv.xml, &TextOptions::default()).unwrap();
        assert_eq!(layer.text, normalize_transcription(&input));
    }
    let conv = teikit::convert::convert(format!("{}\n", "[".repeat(200_000)).as_bytes()).unwrap();
    assert_eq!(conv.warnings.len(), teikit::convert::MAX_WARNINGS + 1);
    assert!(
        conv.warnings
            .last()
            .unwrap()
            .message
            .contains("199950 more brackets")
    );
}

#[test]
fn several_addressees_are_each_marked_up() {
    let xml = convert_fixture("header-date-field-two-addressees.txt");
    assert!(xml.contains(
        "<salute>To Comrades <persName>STALIN</persName> and <persName>MOLOTOV</persName></salute>"
    ));
    assert!(xml.contains("<dateline>Date: <date when=\"1951-06-30\">30.6.1951</date></dateline>"));
}

/// A paragraph split by a page break, the second part starting with a date.
#[test]
fn page_break_before_a_date_continues_the_paragraph() {
    let xml = convert_fixture("page-break-before-a-date.txt");
    assert!(xml.contains("<p>Your telegram of<pb/><date when=\"1951-07-15\">15.7.1951</date> has been received. We agree.</p>"));
}

/// The text's language comes from its letters: a Russian transcription is
/// not declared an English translation; a Russian text with its English
/// translation declares both; the English corpus (with a Cyrillic word or
/// two) stays English.
#[test]
fn languages_come_from_the_letters() {
    let languages = |name: &str| {
        let xml = convert_fixture(name);
        let doc = Document::parse(&xml).unwrap();
        let root = doc.root_element();
        let text = root.descendants().find(|n| is(n, "text")).unwrap();
        let declared: Vec<String> = root
            .descendants()
            .filter(|n| is(n, "language"))
            .map(|n| format!("{}: {}", n.attribute("ident").unwrap(), all_text(n)))
            .collect();
        (
            text.attribute(("http://www.w3.org/XML/1998/namespace", "lang"))
                .map(str::to_owned),
            declared,
        )
    };
    let (lang, declared) = languages("language-russian.txt");
    assert_eq!(lang.as_deref(), Some("ru"));
    assert_eq!(declared.len(), 1, "{declared:?}");
    assert!(declared[0].starts_with("ru: "), "{declared:?}");
    let (lang, declared) = languages("language-russian-with-translation.txt");
    assert_eq!(lang, None, "most letters are Latin: the text inherits en");
    assert_eq!(declared.len(), 2, "{declared:?}");
    assert!(
        declared.iter().all(|d| !d.contains("translation")),
        "{declared:?}"
    );
    let (lang, declared) =
        languages("corpus/1951-06-14_kim-il-sung-via-pyongyang_to_filippov_no-15418.txt");
    assert_eq!(lang, None);
    assert!(declared[0].starts_with("en: English: the transcription is an English translation"));
}
