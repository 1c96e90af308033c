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
