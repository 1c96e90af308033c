//! Issue 2, section 5b: the header facts of the five seeds, read back from
//! the converter's output through the exact paths consumers query.

use roxmltree::{Document, Node};

const TEI: &str = "http://www.tei-c.org/ns/1.0";

fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|c| {
        c.is_element() && c.tag_name().name() == name && c.tag_name().namespace() == Some(TEI)
    })
}

fn path<'a, 'i>(node: Node<'a, 'i>, names: &[&str]) -> Option<Node<'a, 'i>> {
    names.iter().try_fold(node, |n, name| child(n, name))
}

fn text(node: Option<Node<'_, '_>>) -> Option<String> {
    node.map(|n| {
        n.descendants()
            .filter(|d| d.is_text())
            .map(|d| d.text().unwrap())
            .collect()
    })
}

fn action<'a, 'i>(root: Node<'a, 'i>, ty: &str) -> Option<Node<'a, 'i>> {
    path(root, &["teiHeader", "profileDesc", "correspDesc"])?
        .children()
        .find(|c| c.tag_name().name() == "correspAction" && c.attribute("type") == Some(ty))
}

fn seed(name: &str) -> String {
    let path = format!("../shared/seeds/{name}");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    teikit::convert::convert(&bytes).unwrap().xml
}

struct Facts {
    seed: &'static str,
    telegram: Option<&'static str>,
    sent: (
        Option<&'static str>,
        Option<&'static str>,
        Option<&'static str>,
    ),
    received: (
        Option<&'static str>,
        Option<&'static str>,
        Option<&'static str>,
    ),
    gaps: usize,
}

const TABLE: &[Facts] = &[
    Facts {
        seed: "000_ffbb0f96138be622.txt",
        telegram: Some("21334"),
        sent: (Some("MAO ZEDONG"), Some("1951-06-30"), Some("BEIJING")),
        received: (Some("FILIPPOV"), Some("1951-06-30T11:20:00"), None),
        gaps: 0,
    },
    Facts {
        seed: "001_1135fd700102305a.txt",
        telegram: Some("21039"),
        sent: (Some("MAO ZEDONG"), Some("1951-06-21"), Some("BEIJING")),
        received: (Some("FILIPPOV"), Some("1951-06-21T21:15:00"), None),
        gaps: 0,
    },
    Facts {
        seed: "002_612cad52e4d6547c.txt",
        telegram: None,
        sent: (Some("FILIPPOV"), Some("1951-06-30"), None),
        received: (Some("MAO ZEDONG"), None, Some("BEIJING")),
        gaps: 1,
    },
    Facts {
        seed: "003_7b40d72c6c27a3c4.txt",
        telegram: Some("25902"),
        sent: (Some("MAO ZEDONG"), Some("1951-11-14"), Some("BEIJING")),
        received: (Some("FILIPPOV"), Some("1951-11-14T13:40:00"), None),
        gaps: 1,
    },
    Facts {
        seed: "004_46d8b0e95c9bed1b.txt",
        telegram: Some("22834"),
        sent: (None, Some("1951-08-13"), Some("BEIJING")),
        received: (Some("FILIPPOV"), Some("1951-08-13T17:20:00"), None),
        gaps: 0,
    },
];

fn check_action(
    root: Node<'_, '_>,
    ty: &str,
    want: (Option<&str>, Option<&str>, Option<&str>),
    seed: &str,
) {
    let a = action(root, ty);
    let pers = a.and_then(|a| text(child(a, "persName")));
    let when = a
        .and_then(|a| child(a, "date"))
        .and_then(|d| d.attribute("when").map(String::from));
    let place = a.and_then(|a| text(child(a, "placeName")));
    assert_eq!(pers.as_deref(), want.0, "{seed}: {ty} persName");
    assert_eq!(when.as_deref(), want.1, "{seed}: {ty} date/@when");
    assert_eq!(place.as_deref(), want.2, "{seed}: {ty} placeName");
}

#[test]
fn seed_facts_table() {
    for f in TABLE {
        let xml = seed(f.seed);
        let doc = Document::parse(&xml).unwrap();
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "TEI");
        let idno = path(
            root,
            &[
                "teiHeader",
                "fileDesc",
                "sourceDesc",
                "msDesc",
                "msIdentifier",
            ],
        )
        .and_then(|m| {
            m.children()
                .find(|c| c.tag_name().name() == "idno" && c.attribute("type") == Some("telegram"))
        });
        assert_eq!(
            text(idno).as_deref(),
            f.telegram,
            "{}: telegram number",
            f.seed
        );
        check_action(root, "sent", f.sent, f.seed);
        check_action(root, "received", f.received, f.seed);
        let text_el = child(root, "text").unwrap();
        let gaps = text_el
            .descendants()
            .filter(|d| d.tag_name().name() == "gap")
            .count();
        assert_eq!(gaps, f.gaps, "{}: gaps", f.seed);
        let title = text(path(root, &["teiHeader", "fileDesc", "titleStmt", "title"])).unwrap();
        assert!(!title.is_empty());
    }
}

#[test]
fn titles_and_intermediaries() {
    let xml = seed("000_ffbb0f96138be622.txt");
    assert!(xml.contains(
        "<title>Ciphered Telegram No. 21334, Mao Zedong to Filippov [Stalin], 30 June 1951</title>"
    ));
    let xml = seed("002_612cad52e4d6547c.txt");
    let doc = Document::parse(&xml).unwrap();
    let via = action(doc.root_element(), "transmitted").and_then(|a| text(child(a, "persName")));
    assert_eq!(via.as_deref(), Some("KRASOVSKY"));
    // relayed through an ambassador: ROSHCHIN transmits Mao Zedong's telegram
    let bytes =
        std::fs::read("corpus/1951-01-13_mao-zedong-via-roshchin_to_filippov_no-1583.txt").unwrap();
    let xml = teikit::convert::convert(&bytes).unwrap().xml;
    let doc = Document::parse(&xml).unwrap();
    let root = doc.root_element();
    let via = action(root, "transmitted").and_then(|a| text(child(a, "persName")));
    assert_eq!(via.as_deref(), Some("ROSHCHIN"));
    check_action(
        root,
        "received",
        (Some("FILIPPOV"), Some("1951-01-14T01:40:00"), None),
        "1583",
    );
    // the relay formula names the sender; the relay's own place and time go with ROSHCHIN
    check_action(
        root,
        "sent",
        (Some("Mao Zedong"), Some("1951-01-13"), None),
        "1583",
    );
    let via_place = action(root, "transmitted").and_then(|a| text(child(a, "placeName")));
    assert_eq!(via_place.as_deref(), Some("BEIJING"));
}

#[test]
fn required_header_parts() {
    for f in TABLE {
        let xml = seed(f.seed);
        let doc = Document::parse(&xml).unwrap();
        let root = doc.root_element();
        assert!(path(root, &["teiHeader", "fileDesc", "publicationStmt"]).is_some());
        let decl = text(path(root, &["teiHeader", "encodingDesc", "editorialDecl"])).unwrap();
        assert!(
            decl.contains("supplied") && decl.contains("gap") && decl.contains("identification")
        );
        let app = path(
            root,
            &["teiHeader", "encodingDesc", "appInfo", "application"],
        )
        .unwrap();
        assert_eq!(app.attribute("ident"), Some("teikit"));
        assert_eq!(app.attribute("version"), Some(env!("CARGO_PKG_VERSION")));
        let lang = path(root, &["teiHeader", "profileDesc", "langUsage"]).unwrap();
        let idents: Vec<_> = lang
            .children()
            .filter_map(|l| l.attribute("ident"))
            .collect();
        assert_eq!(idents, ["en", "ru"]);
    }
    // copies as structured data
    let xml = seed("004_46d8b0e95c9bed1b.txt");
    let doc = Document::parse(&xml).unwrap();
    let list = doc
        .descendants()
        .find(|n| n.tag_name().name() == "list" && n.attribute("type") == Some("copies"))
        .unwrap();
    let items: Vec<_> = list
        .children()
        .filter(|c| c.is_element())
        .map(|i| {
            format!(
                "{}:{}",
                text(Some(i)).unwrap(),
                i.attribute("n").unwrap_or("")
            )
        })
        .collect();
    assert_eq!(
        items,
        ["Stalin:2", "Molotov:", "Malenkov:", "Beria:", "Bulganin:"]
    );
}

#[test]
fn body_markup() {
    let xml = seed("000_ffbb0f96138be622.txt");
    for want in [
        "<supplied>we should</supplied>",
        "<persName>FILIPPOV</persName> <note type=\"identification\">Stalin</note>",
        "<note type=\"identification\">Alan</note> <persName>Kirk</persName>",
        "<item n=\"a\">",
        "<date when=\"1951-06-30\">30.6</date>",
        "<time when=\"11:20:00\">11:20</time>",
        "<signed><persName>MAO ZEDONG</persName></signed>",
    ] {
        assert!(xml.contains(want), "missing {want}");
    }
    // the closer holds the signature and the dateline
    let doc = Document::parse(&xml).unwrap();
    let closer = doc
        .descendants()
        .find(|n| n.tag_name().name() == "closer")
        .unwrap();
    let kids: Vec<_> = closer
        .children()
        .filter(|c| c.is_element())
        .map(|c| c.tag_name().name())
        .collect();
    assert_eq!(kids, ["signed", "dateline", "dateline"]);
    // a paragraph split by a page break stays one paragraph
    let xml = seed("003_7b40d72c6c27a3c4.txt");
    assert!(xml.contains("mainly construction of<pb/>defense.</p>"));
    let xml = seed("004_46d8b0e95c9bed1b.txt");
    assert!(xml.contains("<quote>\n        <floatingText>"));
    let xml = seed("002_612cad52e4d6547c.txt");
    assert!(xml.contains("<placeName>Gaeseong</placeName> <note type=\"identification\">"));
    assert!(xml.contains("<gap reason=\"editorial\" rend=\"[...]\"/>"));
    // no literal bracket left where they balance
    let doc = Document::parse(&xml).unwrap();
    let body = doc
        .descendants()
        .find(|n| n.tag_name().name() == "body")
        .unwrap();
    for t in body.descendants().filter(|n| n.is_text()) {
        assert!(
            !t.text().unwrap().contains(['[', ']']),
            "literal bracket in {:?}",
            t.text()
        );
    }
}

fn convert_str(s: &str) -> String {
    teikit::convert::convert(s.as_bytes()).unwrap().xml
}

#[test]
fn header_variants() {
    // a distribution list with words that are no field, followed by more header
    let xml = convert_str(
        "CIPHERED TELEGRAM No. 9\n\nCopies: Stalin (2), Molotov and Malenkov, copy to file\n\nFrom BEIJING Received 11:20 3.3.1951\n\nTo Comrade Stalin I.V.\n\nThe text.\n\nMAO ZEDONG\n",
    );
    assert!(xml.contains("<persName>Molotov</persName> and <persName>Malenkov</persName></seg>, copy to file</dateline>"));
    assert!(xml.contains("<salute>To Comrade <persName>Stalin I.V.</persName></salute>"));
    let doc = Document::parse(&xml).unwrap();
    let root = doc.root_element();
    check_action(
        root,
        "received",
        (Some("Stalin I.V."), Some("1951-03-03T11:20:00"), None),
        "variants",
    );
    check_action(
        root,
        "sent",
        (Some("MAO ZEDONG"), None, Some("BEIJING")),
        "variants",
    );
    // outgoing through an ambassador, unsigned outer telegram, priority
    let xml = convert_str(
        "URGENT\n\nCIPHERED TELEGRAM\n\nBEIJING - SOVIET AMBASSADOR\n\nTo transmit to Comrade MAO ZEDONG\n\nWe agree.\n\nNo. 1234/III\n\n12.9.51\n",
    );
    let doc = Document::parse(&xml).unwrap();
    let root = doc.root_element();
    check_action(root, "sent", (None, Some("1951-09-12"), None), "outgoing");
    check_action(
        root,
        "received",
        (Some("MAO ZEDONG"), None, Some("BEIJING")),
        "outgoing",
    );
    let role = action(root, "transmitted").and_then(|a| text(child(a, "persName")));
    assert_eq!(role.as_deref(), Some("SOVIET AMBASSADOR"));
    assert!(xml.contains("<seg type=\"priority\">URGENT</seg>"));
    // nothing recognisable: still a document, plain paragraphs
    let xml = convert_str("just some words\nand more\n\n[unclosed\n");
    assert!(xml.contains("<p>just some words<lb/>and more</p>"));
    assert!(xml.contains("<p>[unclosed</p>"));
    assert!(!xml.contains("correspDesc"));
    assert!(xml.contains("<title>Telegram</title>"));
}

// Layouts of the archive beyond the corpus (tests/fixtures/convert/README.md).

fn fixture(name: &str) -> teikit::convert::Conversion {
    let path = format!("tests/fixtures/convert/{name}");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    teikit::convert::convert(&bytes).unwrap()
}

fn body<'a, 'i>(root: Node<'a, 'i>) -> Node<'a, 'i> {
    path(root, &["text", "body"]).unwrap()
}

fn kids<'a>(node: Node<'a, '_>) -> Vec<&'a str> {
    node.children()
        .filter(|c| c.is_element())
        .map(|c| c.tag_name().name())
        .collect()
}

fn telegram_no(root: Node<'_, '_>) -> Option<String> {
    let ms = path(
        root,
        &[
            "teiHeader",
            "fileDesc",
            "sourceDesc",
            "msDesc",
            "msIdentifier",
        ],
    )?;
    text(
        ms.children()
            .find(|c| c.tag_name().name() == "idno" && c.attribute("type") == Some("telegram")),
    )
}

fn transmitted(root: Node<'_, '_>) -> Vec<String> {
    path(root, &["teiHeader", "profileDesc", "correspDesc"])
        .into_iter()
        .flat_map(|c| c.children())
        .filter(|c| c.attribute("type") == Some("transmitted"))
        .filter_map(|a| text(child(a, "persName")))
        .collect()
}

#[test]
fn header_lines_without_blank_lines_are_each_recognised() {
    let conv = fixture("header-without-blank-lines.txt");
    let doc = Document::parse(&conv.xml).unwrap();
    let root = doc.root_element();
    let b = body(root);
    // the header block is one opener holding the fields inline, lines as lb
    let opener = child(b, "opener").unwrap();
    assert_eq!(
        kids(opener),
        [
            "orgName",
            "lb",
            "seg",
            "lb",
            "seg",
            "lb",
            "placeName",
            "time",
            "date",
            "lb",
            "seg",
            "lb",
            "persName"
        ]
    );
    assert!(!conv.xml.contains("<dateline><orgName>"));
    let segs: Vec<_> = opener
        .children()
        .filter(|c| c.tag_name().name() == "seg")
        .map(|c| c.attribute("type").unwrap())
        .collect();
    assert_eq!(segs, ["documentType", "distribution", "series"]);
    assert_eq!(telegram_no(root).as_deref(), Some("18421"));
    check_action(
        root,
        "received",
        (Some("Filippov"), Some("1951-07-03T09:05:00"), None),
        "no-blank-lines",
    );
    check_action(
        root,
        "sent",
        (Some("Kim Il Sung"), Some("1951-07-03"), Some("PYONGYANG")),
        "no-blank-lines",
    );
    let copies: Vec<_> = root
        .descendants()
        .filter(|d| d.tag_name().name() == "list" && d.attribute("type") == Some("copies"))
        .flat_map(|l| l.children().filter(|c| c.is_element()))
        .map(|i| (text(child(i, "persName")).unwrap(), i.attribute("n")))
        .collect();
    assert_eq!(
        copies,
        [
            ("Stalin".to_string(), Some("2")),
            ("Molotov".to_string(), None)
        ]
    );
    assert!(
        conv.xml
            .contains("<seg type=\"series\">Special No. 62</seg>")
    );
}

#[test]
fn list_after_its_introduction_line_and_closing_salutation() {
    let conv = fixture("header-without-blank-lines.txt");
    let doc = Document::parse(&conv.xml).unwrap();
    let b = body(doc.root_element());
    assert_eq!(kids(b), ["opener", "opener", "list", "closer"]);
    let list = child(b, "list").unwrap();
    assert_eq!(
        text(child(list, "desc")).as_deref(),
        Some(
            "The Korean Workers' Party Central Committee asks you to consider the following questions:"
        )
    );
    let ns: Vec<_> = list
        .children()
        .filter(|c| c.tag_name().name() == "item")
        .map(|c| c.attribute("n").unwrap())
        .collect();
    assert_eq!(ns, ["1", "a", "b", "2"]);
    let closer = child(b, "closer").unwrap();
    assert_eq!(kids(closer), ["salute", "signed", "dateline"]);
    assert_eq!(
        text(child(closer, "salute")).as_deref(),
        Some("With communist greetings,")
    );
    let signed = child(closer, "signed").unwrap();
    assert_eq!(
        text(child(signed, "persName")).as_deref(),
        Some("Kim Il Sung")
    );
    assert!(!conv.xml.contains("roleName"));
}

#[test]
fn relayed_message_closes_inside_its_quotation_mark() {
    let conv = fixture("relay-closer-in-quote.txt");
    let doc = Document::parse(&conv.xml).unwrap();
    let root = doc.root_element();
    let quote = body(root)
        .descendants()
        .find(|d| d.tag_name().name() == "quote")
        .unwrap();
    let inner = path(quote, &["floatingText", "body"]).unwrap();
    assert_eq!(kids(inner), ["opener", "p", "p", "closer"]);
    let signed = path(inner, &["closer", "signed"]).unwrap();
    assert_eq!(
        text(Some(signed)).as_deref(),
        Some("With greetings. KIM IL SUNG.\"")
    );
    assert_eq!(
        text(child(signed, "persName")).as_deref(),
        Some("KIM IL SUNG")
    );
    // the relay formula names the sender; the outer signatory passes it on
    check_action(root, "sent", (Some("Kim Il Sung"), None, None), "relay");
    assert_eq!(transmitted(root), ["RAZUVAEV"]);
    check_action(
        root,
        "received",
        (Some("FILIPPOV"), Some("1951-08-19T23:50:00"), None),
        "relay",
    );
    // the same with curly quotes and no final stop
    let xml = convert_str(
        "To Comrade FILIPPOV\n\nI received the following telegram from Kim Il Sung addressed to you:\n\n“Comrade Filippov!\n\nWe ask your advice.\n\nWith greetings, Kim Il Sung”\n\nRAZUVAEV\n",
    );
    assert!(
        xml.contains("<signed>With greetings, <persName>Kim Il Sung</persName>”</signed>"),
        "{xml}"
    );
}

#[test]
fn addressee_before_an_unclosed_bracket_and_empty_brackets() {
    let conv = fixture("one-line-header-odd-brackets.txt");
    let doc = Document::parse(&conv.xml).unwrap();
    let root = doc.root_element();
    assert_eq!(telegram_no(root).as_deref(), Some("777"));
    check_action(
        root,
        "received",
        (Some("FILIPPOV"), Some("1951-09-02T01:05:00"), None),
        "odd-brackets",
    );
    check_action(
        root,
        "sent",
        (Some("MAO ZEDONG"), None, Some("BEIJING")),
        "odd-brackets",
    );
    assert!(
        conv.xml
            .contains("<salute>To Comrade <persName>FILIPPOV</persName> [Stalin</salute>")
    );
    // the one-line header is an opener of inline fields, not a dateline
    let opener = child(body(root), "opener").unwrap();
    assert!(kids(opener).iter().all(|k| *k != "dateline"));
    assert!(
        conv.xml
            .contains("<seg type=\"series\">Series \"G\" T</seg>")
    );
    // `[ ]` stays text; no empty supplied
    assert!(conv.xml.contains("and [ ] empty"));
    assert!(!conv.xml.contains("<supplied> </supplied>"));
    // the open bracket after the addressee is reported like the others
    assert_eq!(conv.warnings.len(), 4, "{:?}", conv.warnings);
}

#[test]
fn other_relay_formulas_and_addressee_with_place() {
    let conv = fixture("relay-forwarding.txt");
    let doc = Document::parse(&conv.xml).unwrap();
    let root = doc.root_element();
    assert_eq!(telegram_no(root).as_deref(), Some("3102"));
    check_action(
        root,
        "sent",
        (Some("Kim Il Sung"), None, None),
        "forwarding",
    );
    assert_eq!(transmitted(root), ["RAZUVAEV"]);
    check_action(
        root,
        "received",
        (Some("Filippov"), None, Some("Moscow")),
        "forwarding",
    );
    let t = action(root, "transmitted").unwrap();
    let when = child(t, "date").and_then(|d| d.attribute("when"));
    assert_eq!(when, Some("1951-01-13T20:05:00"));
    assert!(conv.xml.contains("<idno type=\"outgoing\">335/III</idno>"));

    let conv = fixture("relay-asks-to-transmit.txt");
    let doc = Document::parse(&conv.xml).unwrap();
    let root = doc.root_element();
    check_action(root, "sent", (Some("Mao Zedong"), None, None), "asks");
    assert_eq!(transmitted(root), ["KRASOVSKY"]);
    check_action(
        root,
        "received",
        (Some("Stalin"), Some("1951-06-30T01:40:00"), None),
        "asks",
    );
    assert!(
        conv.xml
            .contains("<seg type=\"priority\">TOP PRIORITY</seg>")
    );
}

#[test]
fn outgoing_with_closing_salutation() {
    let conv = fixture("outgoing-closing-salutation.txt");
    let doc = Document::parse(&conv.xml).unwrap();
    let root = doc.root_element();
    assert_eq!(telegram_no(root), None);
    // "I am transmitting the telegram of Comrade Peng Dehuai to you." with no
    // message after it is no relay: the signatory is the sender
    check_action(
        root,
        "sent",
        (Some("FILIPPOV"), Some("1951-08-12T04:00:00"), None),
        "salutation",
    );
    check_action(
        root,
        "received",
        (Some("MAO ZEDONG"), None, Some("BEIJING")),
        "salutation",
    );
    let closer = body(root)
        .children()
        .find(|c| c.tag_name().name() == "closer")
        .unwrap();
    assert_eq!(kids(closer), ["salute", "signed", "dateline", "dateline"]);
    assert!(
        conv.xml
            .contains("<date when=\"1951-06-13\">13.June.1951</date>")
    );

    let conv = fixture("outgoing-via-intermediary.txt");
    let doc = Document::parse(&conv.xml).unwrap();
    let root = doc.root_element();
    check_action(
        root,
        "sent",
        (Some("FILIPPOV"), Some("1951-07-02"), None),
        "via",
    );
    check_action(
        root,
        "received",
        (Some("KIM IL SUNG"), None, Some("PYONGYANG")),
        "via",
    );
    assert_eq!(transmitted(root), ["RAZUVAEV"]);
    assert!(conv.xml.contains("<idno type=\"outgoing\">402/sh</idno>"));
}

#[test]
fn header_lines_running_into_the_message() {
    let conv = fixture("header-into-message.txt");
    let doc = Document::parse(&conv.xml).unwrap();
    let root = doc.root_element();
    assert_eq!(telegram_no(root).as_deref(), Some("5120"));
    check_action(
        root,
        "received",
        (Some("FILIPPOV"), None, None),
        "into-message",
    );
    check_action(
        root,
        "sent",
        (Some("MAO ZEDONG"), Some("1951-07-02"), None),
        "into-message",
    );
    let b = body(root);
    assert_eq!(kids(b), ["p", "closer"]);
    let p = child(b, "p").unwrap();
    assert_eq!(kids(p), ["seg", "lb", "persName", "note", "lb", "supplied"]);
    // a paragraph whose first line only looks like the start of a field stays plain
    let xml = convert_str("Received your telegram.\nWe agree.\n\nFILIPPOV\n");
    assert!(
        xml.contains("<p>Received your telegram.<lb/>We agree.</p>"),
        "{xml}"
    );
}

#[test]
fn header_block_with_caps_addressee_and_dashed_list() {
    let conv = fixture("header-block-dashed-list.txt");
    let doc = Document::parse(&conv.xml).unwrap();
    let root = doc.root_element();
    assert_eq!(telegram_no(root).as_deref(), Some("19200"));
    check_action(
        root,
        "sent",
        (
            Some("MAO ZEDONG"),
            Some("1951-06-13T20:05:00"),
            Some("BEIJING"),
        ),
        "dashed",
    );
    check_action(
        root,
        "received",
        (Some("FILIPPOV"), Some("1951-06-13T22:40:00"), None),
        "dashed",
    );
    let b = body(root);
    assert_eq!(kids(b), ["opener", "opener", "list", "closer", "trailer"]);
    let list = child(b, "list").unwrap();
    assert_eq!(kids(list), ["desc", "item", "item", "item", "item"]);
    let closer = child(b, "closer").unwrap();
    assert_eq!(kids(closer), ["salute", "signed", "dateline"]);
    assert!(conv.xml.contains(
        "Nº <idno type=\"outgoing\">4/sh</idno> <date when=\"1951-06-13\">13.June.1951</date>"
    ));
}

#[test]
fn outgoing_address_with_comma_and_signature_block() {
    let conv = fixture("outgoing-comma-address.txt");
    let doc = Document::parse(&conv.xml).unwrap();
    let root = doc.root_element();
    assert_eq!(telegram_no(root), None);
    check_action(
        root,
        "sent",
        (Some("Filippov"), Some("1951-06-30"), None),
        "comma",
    );
    check_action(
        root,
        "received",
        (Some("Kim Il Sung"), None, Some("PYONGYANG")),
        "comma",
    );
    assert_eq!(transmitted(root), ["SOVIET AMBASSADOR"]);
    let closer = child(body(root), "closer").unwrap();
    assert_eq!(kids(closer), ["signed", "dateline"]);
    assert_eq!(
        text(child(child(closer, "signed").unwrap(), "persName")).as_deref(),
        Some("Filippov")
    );
}

#[test]
fn relayed_message_in_guillemets_with_dated_signature() {
    let conv = fixture("relay-guillemets.txt");
    let doc = Document::parse(&conv.xml).unwrap();
    let root = doc.root_element();
    // the relayed message's own date is the sending date; the relay's is the transmission's
    check_action(
        root,
        "sent",
        (Some("Mao Zedong"), Some("1951-01-13"), None),
        "guillemets",
    );
    assert_eq!(transmitted(root), ["ROSHCHIN"]);
    check_action(
        root,
        "received",
        (Some("FILIPPOV"), None, None),
        "guillemets",
    );
    let quote = body(root)
        .descendants()
        .find(|d| d.tag_name().name() == "quote")
        .unwrap();
    let signed = path(quote, &["floatingText", "body", "closer", "signed"]).unwrap();
    assert_eq!(kids(signed), ["persName", "date"]);
}
