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
