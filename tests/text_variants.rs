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

#[test]
fn subst_renders_deletion_and_addition_apart() {
    assert_eq!(
        body("<p>the <subst><del>old</del><add>new</add></subst> word.</p>"),
        "the old new word.\n"
    );
    assert_eq!(
        body("<p>the <subst>\n  <del>old</del>\n  <add place=\"above\">new</add>\n</subst>.</p>"),
        "the old new.\n"
    );
    // add and del outside subst pass their text as written
    assert_eq!(body("<p>a<add>b</add> <del>c</del>d</p>"), "ab cd\n");
}

#[test]
fn choice_picks_by_name_however_it_is_laid_out() {
    let plain = TextOptions::default();
    let corr = TextOptions {
        corrections: true,
        ..TextOptions::default()
    };
    let p = "<p>the <choice>\n  <corr>received</corr>\n  <sic>recieved</sic>\n</choice> letter</p>";
    assert_eq!(body_with(p, &plain), "the recieved letter\n");
    assert_eq!(body_with(p, &corr), "the received letter\n");
    // abbreviations with their parts
    let p = "<p><choice><expan>D<ex>octo</ex>r</expan><abbr>D<am>r</am></abbr></choice> Who</p>";
    assert_eq!(body_with(p, &plain), "Dr Who\n");
    assert_eq!(body_with(p, &corr), "Doctor Who\n");
    // inside a word
    let p = "<p>co<choice><orig>lour</orig><reg>lor</reg></choice>ed</p>";
    assert_eq!(body_with(p, &plain), "coloured\n");
    assert_eq!(body_with(p, &corr), "colored\n");
    // choice of segs (no named child): the first
    let p = "<p><choice><seg type=\"a\">one</seg><seg type=\"b\">two</seg></choice></p>";
    assert_eq!(body_with(p, &plain), "one\n");
    // nested choice
    let p = "<p><choice><sic><choice><abbr>Mr</abbr><expan>Mister</expan></choice> Smyth</sic><corr>Mr Smith</corr></choice></p>";
    assert_eq!(body_with(p, &plain), "Mr Smyth\n");
    assert_eq!(body_with(p, &corr), "Mr Smith\n");
}

#[test]
fn deeply_nested_apps_without_lem_stay_linear() {
    // every app's first reading holds the next app: looking ahead for a
    // lem from each of them must not read the rest of the document again
    let depth = 50_000;
    let mut p = String::from("<p>");
    for _ in 0..depth {
        p.push_str("<app><rdg>w ");
    }
    for _ in 0..depth {
        p.push_str("</rdg><rdg>no</rdg></app>");
    }
    p.push_str("</p>");
    let started = std::time::Instant::now();
    let text = body(&p);
    assert!(
        started.elapsed().as_secs() < 10,
        "took {:?}",
        started.elapsed()
    );
    // the first readings, all of them, and no other reading
    assert_eq!(text.matches('w').count(), depth);
    assert!(!text.contains("no"));
}
