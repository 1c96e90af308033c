//! Text-layer rules on real-world-shaped TEI: pretty-printed, hand-edited,
//! other people's encodings (docs/text-and-diff.md, "The rules").

use teikit::text::{TextOptions, text_layer};

fn text(xml: &str) -> String {
    text_layer(xml, &TextOptions::default()).unwrap().text
}

/// `inner` inside `<TEI><text><body>`, with a namespace and a header as
/// other people's files have.
fn body(inner: &str) -> String {
    text(&format!(
        "<?xml version=\"1.0\"?>\n<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">\n  <teiHeader>\n    <fileDesc><titleStmt><title>T</title></titleStmt></fileDesc>\n  </teiHeader>\n  <text>\n    <body>\n{inner}\n    </body>\n  </text>\n</TEI>\n"
    ))
}

#[test]
fn break_no_joins_a_word_across_pretty_printed_white_space() {
    // every way an indenting editor or xmllint leaves the white space
    for p in [
        "<p>wo<lb break=\"no\"/>rd</p>",
        "<p>wo<lb break=\"no\"/>\n        rd</p>",
        "<p>wo\n        <lb break=\"no\"/>rd</p>",
        "<p>wo\n        <lb break=\"no\"/>\n        rd</p>",
        "<p>wo\t<lb break=\"no\" rend=\"hyphen\"/>\t\r\n rd</p>",
        "<p>wo &#10;<lb break='no'/>&#x20; rd</p>",
        "<p>wo<pb break=\"no\" n=\"2\"/>\n rd</p>",
        "<p>wo\n<cb break=\"no\"/>\nrd</p>",
        "<p>wo <milestone unit=\"section\" break=\"no\"/> rd</p>",
        "<p><hi>wo</hi>\n  <lb break=\"no\"/>\n  <hi>rd</hi></p>",
        "<p>wo<lb break=\" NO \"/>rd</p>",
    ] {
        assert_eq!(body(p), "word\n", "{p}");
    }
}

#[test]
fn break_no_on_the_next_milestone_joins_across_the_page_break_before_it() {
    // the word runs over a page: break="no" is often given only on the lb
    // that starts the new page's first line
    let p = "<p>the wo\n  <pb n=\"2\" facs=\"#p2\"/>\n  <lb break=\"no\"/>rd goes on</p>";
    assert_eq!(body(p), "the word goes on\n");
    let p = "<p>the wo<lb/>\n<cb n=\"b\"/>\n<lb break=\"no\"/>\nrd goes on</p>";
    assert_eq!(body(p), "the word goes on\n");
    // and on both milestones
    let p = "<p>the wo<pb break=\"no\"/>\n<lb break=\"no\"/>\nrd goes on</p>";
    assert_eq!(body(p), "the word goes on\n");
}

#[test]
fn break_no_keeps_the_words_before_and_after_apart_from_their_neighbours() {
    assert_eq!(
        body("<p>a wo<lb break=\"no\"/>\n  rd b<lb/>\n  c</p>"),
        "a word b\nc\n"
    );
    // a hyphen written in the text stays: it is the editor's text
    assert_eq!(body("<p>wo-<lb break=\"no\"/>\n rd</p>"), "wo-rd\n");
    // break="yes" and break="maybe" are ordinary breaks
    assert_eq!(
        body("<p>a<lb break=\"yes\"/>b<lb break=\"maybe\"/>c</p>"),
        "a\nb\nc\n"
    );
    // a block boundary is never glued over
    assert_eq!(body("<p>a<lb break=\"no\"/></p>\n<p>b</p>"), "a\n\nb\n");
}

#[test]
fn page_furniture_stands_on_its_own_line_with_no_blank_line_after_it() {
    // the shape of a diplomatic edition: catchword, page break, running
    // head, then the first line of the new page
    let p = "<p>end of the page<lb/>\n<fw type=\"catch\" place=\"bottom\">next</fw>\n<pb n=\"2\"/>\n<fw type=\"header\" place=\"top\">HEADER</fw>\n<fw type=\"pageNum\">2</fw>\n<lb/>next line<lb/>more</p>";
    assert_eq!(
        body(p),
        "end of the page\nnext\n\nHEADER\n2\nnext line\nmore\n"
    );
    // no blank line after a furniture line, with or without an lb
    assert_eq!(body("<p><fw>2</fw><lb/>a</p>"), "2\na\n");
    assert_eq!(body("<p>a<fw>2</fw>b</p>"), "a\n2\nb\n");
    // between paragraphs it neither merges with them nor adds a paragraph
    assert_eq!(body("<p>a</p>\n<fw>2</fw>\n<p>b</p>"), "a\n\n2\n\nb\n");
    // other line elements followed by lb: one line break, not a blank line
    assert_eq!(
        body("<list><item>a</item>\n<lb/>\n<item>b</item></list>"),
        "a\nb\n"
    );
}

#[test]
fn adjacent_w_elements_are_separate_words() {
    assert_eq!(body("<p><w>a</w><w>b</w></p>"), "a b\n");
    assert_eq!(
        body("<p><w>word</w><pc>,</pc><w>next</w><pc>.</pc></p>"),
        "word,next.\n"
    );
    assert_eq!(body("<p><w>a</w>\n<w>b</w></p>"), "a b\n");
    // an excluded note between two w does not glue them
    assert_eq!(body("<p><w>a</w><note>n</note><w>b</w></p>"), "a b\n");
    // parts of one w are one word
    assert_eq!(body("<p><w><w>foot</w><w>ball</w></w></p>"), "football\n");
    // text right after a w is the source's business
    assert_eq!(body("<p><w>a</w>b</p>"), "ab\n");
    // w in a choice inside a w sequence
    assert_eq!(
        body("<p><w>a</w><choice><sic><w>b</w></sic><corr><w>c</w></corr></choice></p>"),
        "a b\n"
    );
}

#[test]
fn cit_keeps_its_quotation_and_reference_apart() {
    assert_eq!(
        body("<p>As <cit><quote>to be or not</quote><bibl>Hamlet 3.1</bibl></cit> says.</p>"),
        "As to be or not Hamlet 3.1 says.\n"
    );
    assert_eq!(
        body("<cit>\n<quote><p>long quote</p></quote>\n<bibl>Ref</bibl>\n</cit>"),
        "long quote\n\nRef\n"
    );
}

#[test]
fn other_line_and_title_page_elements_do_not_glue() {
    assert_eq!(
        body(
            "<p>To <address><addrLine>1 Main St</addrLine><addrLine>Leeds</addrLine></address></p>"
        ),
        "To\n1 Main St\nLeeds\n"
    );
    let front = text(
        "<TEI><text><front><titlePage><docTitle><titlePart type=\"main\">Main</titlePart><titlePart type=\"sub\">Sub</titlePart></docTitle><byline>by <docAuthor>Ann</docAuthor></byline><docImprint><pubPlace>York</pubPlace><docDate>1900</docDate></docImprint></titlePage></front><body><p>x</p></body></text></TEI>",
    );
    assert_eq!(front, "Main\nSub\n\nby Ann\n\nYork 1900\n\nx\n");
}

#[test]
fn xml_space_preserve_keeps_line_ends_as_line_breaks() {
    let p = "<p xml:space=\"preserve\">line one\n   line two\r\n\r\nnew  para</p><p>a\nb</p>";
    assert_eq!(body(p), "line one\nline two\n\nnew para\n\na b\n");
    // inherited, and reset by xml:space="default"
    let p = "<div xml:space=\"preserve\"><p>a\nb<hi xml:space=\"default\">c\nd</hi></p></div>";
    assert_eq!(body(p), "a\nbc d\n");
    // CDATA too
    assert_eq!(
        body("<p xml:space=\"preserve\"><![CDATA[a\nb]]></p>"),
        "a\nb\n"
    );
}

#[test]
fn character_references_to_white_space_are_white_space_and_cdata_is_text() {
    assert_eq!(body("<p>a&#32;b&#x9;c&#xA;&#13;d</p>"), "a b c d\n");
    // NBSP is not XML white space: it passes (and separates tokens in a diff)
    assert_eq!(body("<p>a&#xA0;b</p>"), "a\u{a0}b\n");
    assert_eq!(
        body("<p>x <![CDATA[<not> & markup]]> y</p>"),
        "x <not> & markup y\n"
    );
}

#[test]
fn damage_surplus_hi_and_abbreviation_parts_pass_their_text() {
    assert_eq!(
        body(
            "<p><hi rend=\"initial\">W</hi>hen <damage agent=\"water\">the</damage> <surplus>the</surplus> D<ex>octo</ex>r M<am>r</am> <hi>half</hi><hi>word</hi></p>"
        ),
        "When the the Doctor Mr halfword\n"
    );
}

#[test]
fn notes_at_the_foot_are_left_out_and_their_anchors_keep_the_words_apart() {
    let p = "<p>a word<note place=\"foot\" n=\"1\">the <hi>foot</hi> note</note> next<anchor xml:id=\"a1\"/>, end</p>";
    assert_eq!(body(p), "a word next, end\n");
    let notes = text_layer(
        &format!("<TEI><text><body>{p}</body></text></TEI>"),
        &TextOptions {
            notes: true,
            ..TextOptions::default()
        },
    )
    .unwrap()
    .text;
    assert_eq!(notes, "a word the foot note next, end\n");
}

#[test]
fn tei_corpus_renders_each_tei_text_in_order_and_no_headers() {
    let xml = "<teiCorpus><teiHeader><fileDesc><titleStmt><title>C</title></titleStmt></fileDesc></teiHeader>\n<TEI><teiHeader><fileDesc><titleStmt><title>one</title></titleStmt></fileDesc></teiHeader><text><body><p>first</p></body></text></TEI>\n<TEI><teiHeader/><sourceDoc><surface><line>not this</line></surface></sourceDoc><text><body><p>second</p></body></text></TEI>\n<teiCorpus><TEI><text><body><p>third</p></body></text></TEI></teiCorpus></teiCorpus>";
    assert_eq!(text(xml), "first\n\nsecond\n\nthird\n");
}

#[test]
fn desc_is_text_only_as_the_introduction_of_a_list() {
    assert_eq!(
        body("<list><desc>We propose:</desc><item>one</item><item>two</item></list>"),
        "We propose:\none\ntwo\n"
    );
    assert_eq!(
        body(
            "<p>a <graphic url=\"x.png\"><desc>a drawing</desc></graphic>b <gap reason=\"damage\"><desc>torn</desc></gap></p>"
        ),
        "a b [...]\n"
    );
}

#[test]
fn caesura_and_gathering_breaks_keep_words_apart() {
    assert_eq!(body("<lg><l>half<caesura/>line</l></lg>"), "half line\n");
    assert_eq!(
        body("<p>a<gb n=\"2\"/>b wo<gb break=\"no\"/>\nrd</p>"),
        "a b word\n"
    );
}

#[test]
fn error_columns_do_not_count_a_byte_order_mark() {
    match text_layer(
        "\u{feff}<TEI><text><p>a</x></text></TEI>",
        &TextOptions::default(),
    ) {
        Err(teikit::text::TextError::NotWellFormed { line, column, .. }) => {
            // the same place as without the mark
            let plain = text_layer("<TEI><text><p>a</x></text></TEI>", &TextOptions::default());
            let Err(teikit::text::TextError::NotWellFormed {
                line: l2,
                column: c2,
                ..
            }) = plain
            else {
                panic!("no error without the mark");
            };
            assert_eq!((line, column), (l2, c2));
        }
        Ok(_) => panic!("no error"),
    }
}

#[test]
fn an_xinclude_is_not_followed_and_says_so() {
    let xml = "<TEI xmlns:xi=\"http://www.w3.org/2001/XInclude\"><teiHeader><xi:include href=\"h.xml\"/></teiHeader><text><body><p>a</p>\n<xi:include href=\"ch1.xml\"/></body></text></TEI>";
    let l = text_layer(xml, &TextOptions::default()).unwrap();
    assert_eq!(l.text, "a\n");
    // one warning: the include in the header would not be text anyway
    let codes: Vec<_> = l.warnings.iter().map(|w| (w.code, w.span.start)).collect();
    assert_eq!(codes, [("xinclude", xml.rfind("<xi:include").unwrap())]);
}
