//! Variants and alternatives in other people's TEI: `app` (with and without
//! `lem`, `rdgGrp`), `choice`, `subst`, abbreviations, additions and
//! deletions (docs/text-and-diff.md, "The rules").

use teikit::text::{TextOptions, text_layer};

fn text_with(xml: &str, options: &TextOptions) -> String {
    text_layer(xml, options).unwrap().text
}

fn body(inner: &str) -> String {
    body_with(inner, &TextOptions::default())
}

fn body_with(inner: &str, options: &TextOptions) -> String {
    text_with(
        &format!(
            "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader/>\n<text>\n  <body>\n{inner}\n  </body>\n</text>\n</TEI>"
        ),
        options,
    )
}

#[test]
fn app_with_lem_renders_only_lem_wherever_the_readings_are() {
    assert_eq!(
        body("<p>a <app><lem wit=\"#A\">one</lem><rdg wit=\"#B\">two</rdg></app> b</p>"),
        "a one b\n"
    );
    // lem inside a rdgGrp, pretty-printed
    let p = "<p>a <app>\n  <rdgGrp type=\"orth\">\n    <lem>one</lem>\n    <rdg>on</rdg>\n  </rdgGrp>\n  <rdgGrp>\n    <rdg>two</rdg>\n  </rdgGrp>\n</app> b</p>";
    assert_eq!(body(p), "a one b\n");
    // lem in a later rdgGrp than the first reading: still only lem
    let p = "<p>a <app><rdgGrp><rdg>x</rdg></rdgGrp><rdgGrp><lem>one</lem><rdg>y</rdg></rdgGrp></app> b</p>";
    assert_eq!(body(p), "a one b\n");
    // witnesses and notes in an app are never text
    let p = "<p>a <app><lem>one<index><term>Index term</term></index></lem><wit>A</wit><note>n</note><witDetail>d</witDetail></app> b</p>";
    assert_eq!(body(p), "a one b\n");
}

#[test]
fn app_without_lem_renders_its_first_reading() {
    assert_eq!(
        body("<p>a <app><rdg wit=\"#A\">one</rdg><rdg wit=\"#B\">two</rdg></app> b</p>"),
        "a one b\n"
    );
    let p = "<p>a <app>\n  <rdgGrp>\n    <rdg wit=\"#A\">one</rdg>\n    <rdg wit=\"#B\">two</rdg>\n  </rdgGrp>\n  <rdg wit=\"#C\">three</rdg>\n</app> b</p>";
    assert_eq!(body(p), "a one b\n");
    // an empty first reading (an omission) renders nothing
    assert_eq!(
        body("<p>a <app><rdg wit=\"#A\"/><rdg>two</rdg></app> b</p>"),
        "a b\n"
    );
    // a nested app inside a reading follows the same rules, and its lem
    // does not count as the outer app's
    let p = "<p><app><rdg>o<app><rdg>x</rdg><lem>i</lem></app>r</rdg><rdg>no</rdg></app></p>";
    assert_eq!(body(p), "oir\n");
    // one app after another: each decides for itself
    let p = "<p><app><rdg>a</rdg><rdg>x</rdg></app> <app><lem>b</lem><rdg>y</rdg></app> <app><rdg>c</rdg></app></p>";
    assert_eq!(body(p), "a b c\n");
}
