//! Paragraph splits and joins: warned about only when a paragraph boundary
//! on one side faces running text on the other (docs/text-and-diff.md,
//! "Paragraphs").

use teikit::diff::{DiffOptions, ParagraphChange, Report, diff_sources};

fn diff(original: &str, inner: &str) -> Report {
    let xml = format!(
        "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader/>\n<text>\n<body>\n{inner}\n</body>\n</text>\n</TEI>\n"
    );
    diff_sources("o.txt", original, "e.xml", &xml, &DiffOptions::default()).unwrap()
}

fn kinds(report: &Report) -> Vec<Option<ParagraphChange>> {
    report.warnings.iter().map(|w| w.paragraph).collect()
}

#[test]
fn header_lines_one_to_a_line_against_blocks_are_not_splits() {
    // a heading and opener lines, one per line, the text right after
    let original = "TELEGRAM No. 5\nFrom BEIJING\nTo Comrade FILIPPOV\nWe agree with you.\n";
    let inner = "<head>TELEGRAM No. 5</head>\n<opener>\n  <dateline>From BEIJING</dateline>\n  <salute>To Comrade FILIPPOV</salute>\n</opener>\n<p>We agree with you.</p>";
    let report = diff(original, inner);
    assert!(report.changes.is_empty(), "{:?}", report.changes);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    // a closing block after the text, and a page break at a line end
    let original = "We agree.\nMAO ZEDONG\nend of page\nnext page\n";
    let inner = "<p>We agree.</p><closer><signed>MAO ZEDONG</signed></closer><p>end of page<pb/>next page</p>";
    let report = diff(original, inner);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
}

#[test]
fn blank_lines_against_line_breaks_are_not_joins() {
    // opener lines set apart by blank lines, encoded with lb
    let original = "From BEIJING\n\nTo Comrade FILIPPOV\n\nWe agree.\n";
    let inner = "<opener>From BEIJING<lb/>\n  To Comrade FILIPPOV</opener>\n<p>We agree.</p>";
    let report = diff(original, inner);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    // list items and verse lines one to a line
    let original = "Points:\n\n1. first\n\n2. second\n\nA line\n\nanother line\n";
    let inner = "<list><head>Points:</head><item>1. first</item>\n<item>2. second</item></list>\n<lg><l>A line</l><l>another line</l></lg>";
    let report = diff(original, inner);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    // a heading with a line break in it, against blank lines
    let report = diff(
        "Title\n\nSubtitle\n\nText.\n",
        "<head>Title<lb/>Subtitle</head><p>Text.</p>",
    );
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
}

#[test]
fn a_paragraph_split_or_joined_in_running_text_is_still_warned_about() {
    let original = "one two three\n\nfour five\n";
    let report = diff(original, "<p>one</p>\n<p>two three\nfour five</p>");
    assert!(report.changes.is_empty());
    assert_eq!(
        kinds(&report),
        [Some(ParagraphChange::Split), Some(ParagraphChange::Join)]
    );
    // with the join on the same line
    let report = diff(original, "<p>one two three four five</p>");
    assert_eq!(kinds(&report), [Some(ParagraphChange::Join)]);
    assert_eq!(report.warnings[0].original.line, 3);
    // two paragraphs made of two lines of one: a split
    let report = diff("one two\nthree four\n", "<p>one two</p>\n<p>three four</p>");
    assert_eq!(kinds(&report), [Some(ParagraphChange::Split)]);
    // and strict makes them changes
    let xml = "<TEI><text><body><p>one two three four five</p></body></text></TEI>";
    let strict = DiffOptions {
        strict: true,
        ..DiffOptions::default()
    };
    let report = diff_sources("o.txt", original, "e.xml", xml, &strict).unwrap();
    assert_eq!(report.changes.len(), 1);
    assert!(report.warnings.is_empty());
}

#[test]
fn headings_and_header_lines_set_apart_in_running_text_are_not_splits() {
    // the transcription runs the heading and the opener into the text
    let original = "TELEGRAM No. 5 From BEIJING We agree with you.\n";
    let inner = "<head>TELEGRAM No. 5</head><opener><dateline>From BEIJING</dateline></opener><p>We agree with you.</p>";
    let report = diff(original, inner);
    assert!(report.changes.is_empty(), "{:?}", report.changes);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    // a page break in running text is a page, not a paragraph
    let report = diff(
        "end of page next page\n",
        "<p>end of page<pb n=\"2\"/>next page</p>",
    );
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    // but a p split in running text still is
    let report = diff(
        "end of page next page\n",
        "<p>end of page</p><p>next page</p>",
    );
    assert_eq!(kinds(&report), [Some(ParagraphChange::Split)]);
}

#[test]
fn page_furniture_and_page_breaks_add_no_warning() {
    // the transcription keeps the running head on its own line after the
    // page break's blank line
    let original = "end of the page\n\nHEADER\nnext line goes on\n";
    let inner = "<p>end of the page\n<pb n=\"2\"/>\n<fw type=\"header\">HEADER</fw>\n<lb/>next line goes on</p>";
    let report = diff(original, inner);
    assert!(report.changes.is_empty(), "{:?}", report.changes);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
}
