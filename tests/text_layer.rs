//! The text-layer rules, one test per rule (docs/text-and-diff.md, and the
//! text-layer contract with the converter).

use teikit::text::{TextError, TextOptions, normalize_transcription, text_layer};

fn text(xml: &str) -> String {
    text_layer(xml, &TextOptions::default()).unwrap().text
}

fn body(inner: &str) -> String {
    text(&format!(
        "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt></fileDesc></teiHeader><text><body>{inner}</body></text></TEI>"
    ))
}

fn body_with(inner: &str, options: &TextOptions) -> String {
    text_layer(
        &format!("<TEI><text><body>{inner}</body></text></TEI>"),
        options,
    )
    .unwrap()
    .text
}

#[test]
fn only_text_is_rendered_header_facsimile_standoff_comments_pis_are_not() {
    let xml = r#"<?xml version="1.0"?>
<!-- a comment -->
<TEI><teiHeader><fileDesc>HEADER</fileDesc></teiHeader>
<facsimile><surface>FACS</surface></facsimile>
<standOff>STANDOFF</standOff>
<text><body><p>one <!-- c --> two<?pi x?> three</p></body></text></TEI>"#;
    assert_eq!(text(xml), "one two three\n");
}

#[test]
fn whitespace_runs_become_one_space_and_other_characters_pass() {
    assert_eq!(
        body("<p>  a \t\r\n b\u{a0}c\u{2028}d\u{3000}e  </p>"),
        "a b\u{a0}c\u{2028}d\u{3000}e\n"
    );
}

#[test]
fn blocks_are_separated_by_one_blank_line() {
    assert_eq!(
        body(
            "<head>H</head><p>a</p><div><p>b</p><p>c</p></div><closer><signed>S</signed></closer>"
        ),
        "H\n\na\n\nb\n\nc\n\nS\n"
    );
}

#[test]
fn line_elements_take_a_line_and_cells_a_space() {
    assert_eq!(
        body("<list><item>one</item><item>two</item></list><lg><l>x</l><l>y</l></lg>"),
        "one\ntwo\n\nx\ny\n"
    );
    assert_eq!(
        body("<table><row><cell>a</cell><cell>b</cell></row><row><cell>c</cell></row></table>"),
        "a b\nc\n"
    );
}

#[test]
fn lb_breaks_a_line_two_make_a_blank_line_and_break_no_joins() {
    assert_eq!(body("<p>a<lb/>b</p>"), "a\nb\n");
    assert_eq!(body("<p>a <lb/> b</p>"), "a\nb\n");
    assert_eq!(body("<p>a<lb/><lb/>b</p>"), "a\n\nb\n");
    assert_eq!(body("<p>a<lb/><lb/><lb/>b</p>"), "a\n\nb\n");
    assert_eq!(body("<p>com<lb break=\"no\"/>rade</p>"), "comrade\n");
}

#[test]
fn pb_makes_a_blank_line_cb_and_milestone_a_space() {
    assert_eq!(body("<p>a<pb n=\"2\"/>b</p>"), "a\n\nb\n");
    assert_eq!(body("<p>a<pb break=\"no\"/>b</p>"), "ab\n");
    assert_eq!(body("<p>a<cb/>b<milestone unit=\"x\"/>c</p>"), "a b c\n");
    assert_eq!(
        body("<p>a<cb break=\"no\"/>b<milestone break=\"no\"/>c</p>"),
        "abc\n"
    );
}

#[test]
fn supplied_and_identification_notes_are_bracketed() {
    assert_eq!(
        body("<p><supplied>we should</supplied> go</p>"),
        "[we should] go\n"
    );
    assert_eq!(
        body("<p><persName>FILIPPOV</persName> <note type=\"identification\">Stalin</note></p>"),
        "FILIPPOV [Stalin]\n"
    );
}

#[test]
fn other_notes_are_excluded_unless_asked_for() {
    let xml = "<p>a<note place=\"foot\">editorial remark</note> b</p>";
    assert_eq!(body(xml), "a b\n");
    let notes = TextOptions {
        notes: true,
        ..TextOptions::default()
    };
    assert_eq!(body_with(xml, &notes), "a editorial remark b\n");
}

#[test]
fn gap_renders_as_recorded_or_as_three_dots() {
    assert_eq!(
        body("<p>a <gap reason=\"editorial\" rend=\"[....]\"/> b</p>"),
        "a [....] b\n"
    );
    assert_eq!(body("<p>a <gap rend=\"[…]\"/> b</p>"), "a […] b\n");
    assert_eq!(
        body("<p>a <gap reason=\"illegible\"/> b</p>"),
        "a [...] b\n"
    );
    assert_eq!(
        body("<p>a <gap rend=\"bold\"><desc>lost</desc></gap> b</p>"),
        "a [...] b\n"
    );
}

#[test]
fn choice_picks_by_name_never_by_position() {
    let first = "<p><choice><sic>teh</sic><corr>the</corr></choice></p>";
    let second = "<p><choice><corr>the</corr><sic>teh</sic></choice></p>";
    assert_eq!(body(first), "teh\n");
    assert_eq!(body(second), "teh\n");
    assert_eq!(
        body("<p><choice><reg>Kaesong</reg><orig>Gaeseong</orig></choice></p>"),
        "Gaeseong\n"
    );
    assert_eq!(
        body("<p><choice><expan>Comrade</expan><abbr>Com.</abbr></choice></p>"),
        "Com.\n"
    );
    let corr = TextOptions {
        corrections: true,
        ..TextOptions::default()
    };
    assert_eq!(body_with(first, &corr), "the\n");
    assert_eq!(body_with(second, &corr), "the\n");
    assert_eq!(
        body_with(
            "<p><choice><abbr>Com.</abbr><expan>Comrade</expan></choice></p>",
            &corr
        ),
        "Comrade\n"
    );
}

#[test]
fn whitespace_between_choice_children_adds_nothing() {
    assert_eq!(
        body("<p>un<choice>\n  <sic>kown</sic>\n  <corr>known</corr>\n</choice>s</p>"),
        "unkowns\n"
    );
}

#[test]
fn app_renders_lem_only() {
    assert_eq!(
        body("<p>a <app><rdg wit=\"#B\">Y</rdg><lem wit=\"#A\">X</lem><note>n</note></app> b</p>"),
        "a X b\n"
    );
    assert_eq!(
        body("<p><app><rdgGrp><lem>X</lem><rdg>Y</rdg></rdgGrp></app></p>"),
        "X\n"
    );
}

#[test]
fn add_del_unclear_fw_are_included_fig_desc_is_not() {
    assert_eq!(
        body(
            "<p><subst><del>old</del><add>new</add></subst> <unclear>word</unclear></p><fw type=\"header\">PAGE 2</fw>"
        ),
        "old new word\n\nPAGE 2\n"
    );
    assert_eq!(
        body("<p>a</p><figure><head>Fig</head><figDesc>a picture</figDesc></figure>"),
        "a\n\nFig\n"
    );
}

#[test]
fn inline_markup_passes_its_text() {
    assert_eq!(
        body(
            "<p><date when=\"1951-06-21\">21.6.1951</date> <placeName>BEIJING</placeName> <hi rend=\"b\">No.</hi> <num>3</num><seg type=\"x\">!</seg> <rs>him</rs> <q>q</q> <title>T</title> <foreign>da</foreign> <time>21:15</time></p>"
        ),
        "21.6.1951 BEIJING No. 3! him q T da 21:15\n"
    );
}

#[test]
fn references_and_cdata() {
    assert_eq!(
        body("<p>a &amp; b &lt;c&gt; &#x41;&#66;&#10;x</p>"),
        "a & b <c> AB x\n"
    );
    assert_eq!(body("<p><![CDATA[x  <y>\n z]]></p>"), "x <y> z\n");
}

#[test]
fn a_non_tei_root_renders_everything_with_a_warning() {
    let layer = text_layer("<doc><p>a</p><x>b</x></doc>", &TextOptions::default()).unwrap();
    assert_eq!(layer.text, "a\n\nb\n");
    assert_eq!(layer.warnings.len(), 1);
    assert_eq!(layer.warnings[0].code, "not-tei-root");
}

#[test]
fn a_tei_root_gives_no_warning_and_tei_corpus_renders_each_text() {
    let layer = text_layer(
        "<teiCorpus><teiHeader>H</teiHeader><TEI><teiHeader>h</teiHeader><text><p>a</p></text></TEI><TEI><text><p>b</p></text></TEI></teiCorpus>",
        &TextOptions::default(),
    )
    .unwrap();
    assert_eq!(layer.text, "a\n\nb\n");
    assert!(layer.warnings.is_empty());
}

#[test]
fn empty_text_is_empty() {
    assert_eq!(
        text("<TEI><teiHeader/><text><body><p> </p></body></text></TEI>"),
        ""
    );
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let depth = 200_000;
    let xml = format!(
        "<TEI><text><body><p>{}deep{}</p></body></text></TEI>",
        "<hi>".repeat(depth),
        "</hi>".repeat(depth)
    );
    assert_eq!(text(&xml), "deep\n");
}

fn error_at(xml: &str) -> (usize, usize) {
    match text_layer(xml, &TextOptions::default()) {
        Err(TextError::NotWellFormed { line, column, .. }) => (line, column),
        Ok(l) => panic!("accepted: {:?}", l.text),
    }
}

#[test]
fn not_well_formed_xml_is_an_error_with_line_and_column() {
    assert_eq!(error_at("<TEI>\n<text><p>a</x></text></TEI>").0, 2);
    assert_eq!(
        error_at("<TEI>\n<text>\n  <p>a &nbsp; b</p></text></TEI>"),
        (3, 8)
    );
    assert_eq!(error_at("<TEI>\n<text>\n<p>a & b</p></text></TEI>"), (3, 6));
    assert_eq!(error_at("<TEI><text>").0, 1);
    assert_eq!(error_at(""), (1, 1));
    assert_eq!(error_at("just text"), (1, 1));
    assert_eq!(error_at("<a/>\n<b/>"), (2, 1));
    assert_eq!(error_at("<a/>\ntail"), (2, 1));
    assert_eq!(error_at("<a x='1' x='2'/>").0, 1);
    assert_eq!(error_at("<a>&#0;</a>").0, 1);
    assert_eq!(error_at("</a>").0, 1);
}

#[test]
fn a_declared_entity_is_expanded() {
    let layer = text_layer(
        "<!DOCTYPE TEI [<!ENTITY x \"y\">]><TEI><text><p>a &x; b</p></text></TEI>",
        &TextOptions::default(),
    )
    .unwrap();
    assert_eq!(layer.text, "a y b\n");
    assert!(layer.warnings.is_empty());
}

#[test]
fn source_map_points_into_the_xml() {
    let xml = "<TEI><text>\n<p>alpha   &amp;beta <supplied>gamma</supplied></p></text></TEI>";
    let layer = text_layer(xml, &TextOptions::default()).unwrap();
    assert_eq!(layer.text, "alpha &beta [gamma]\n");
    for (word, in_xml) in [
        ("alpha", "alpha"),
        ("&", "&amp;"),
        ("beta", "beta"),
        ("[", "<supplied"),
        ("gamma", "gamma"),
        ("]", "</supplied"),
    ] {
        let at = layer.text.find(word).unwrap();
        assert_eq!(
            layer.source_map.xml_offset(at),
            xml.find(in_xml).unwrap(),
            "{word}"
        );
    }
}

#[test]
fn the_contract_example_round_trips() {
    let source = "To Comrade FILIPPOV [Stalin]\r\n\r\n\r\nWe  received [....] from Gaeseong [Kaesong].\r\n[we should] go\r\n";
    let xml = r#"<TEI><teiHeader/><text><body>
  <p>To Comrade <persName>FILIPPOV</persName> <note type="identification">Stalin</note></p>
  <p>We received <gap reason="editorial" rend="[....]"/> from <placeName>Gaeseong</placeName> <note type="identification">Kaesong</note>.<lb/>
     <supplied>we should</supplied> go</p>
</body></text></TEI>"#;
    assert_eq!(text(xml), normalize_transcription(source));
}

#[test]
fn a_byte_order_mark_before_the_xml_is_accepted() {
    assert_eq!(
        text("\u{feff}<?xml version=\"1.0\"?><TEI><text><p>a</p></text></TEI>"),
        "a\n"
    );
}
