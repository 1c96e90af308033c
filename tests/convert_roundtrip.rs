//! Nothing lost (issue 2, section 6): the text layer of the converter's
//! output is the normalised transcription, for every corpus file and for
//! generated input; the output is always well-formed XML and deterministic.

mod common;

use proptest::prelude::*;
use teikit::convert::convert;
use teikit::text::{TextOptions, normalize_transcription, text_layer};

fn round_trip(input: &[u8]) -> Result<(), String> {
    let conv = convert(input).map_err(|e| format!("convert failed: {e}"))?;
    roxmltree::Document::parse(&conv.xml)
        .map_err(|e| format!("not well-formed: {e}\n{}", conv.xml))?;
    let layer = text_layer(&conv.xml, &TextOptions::default()).map_err(|e| e.to_string())?;
    let want = normalize_transcription(std::str::from_utf8(input).unwrap());
    if layer.text != want {
        return Err(format!(
            "text layer differs\n--- got\n{}\n--- want\n{}\n--- xml\n{}",
            layer.text, want, conv.xml
        ));
    }
    let again = convert(input).unwrap();
    if again.xml != conv.xml {
        return Err("output not deterministic".into());
    }
    Ok(())
}

#[test]
fn every_corpus_file_round_trips() {
    let mut n = 0;
    for entry in std::fs::read_dir("corpus").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            let bytes = std::fs::read(&path).unwrap();
            if let Err(e) = round_trip(&bytes) {
                panic!("{}: {e}", path.display());
            }
            n += 1;
        }
    }
    assert!(n >= 9);
}

#[test]
fn fixtures_round_trip() {
    for entry in std::fs::read_dir("tests/fixtures/convert").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            let bytes = std::fs::read(&path).unwrap();
            if let Err(e) = round_trip(&bytes) {
                panic!("{}: {e}", path.display());
            }
        }
    }
}

/// Characters XML 1.0 can carry, minus the controls the converter rejects.
fn any_text_char() -> impl Strategy<Value = char> {
    any::<char>().prop_filter("not binary", |c| {
        !((*c as u32) < 0x20 || *c == '\u{fffe}' || *c == '\u{ffff}')
    })
}

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        // arbitrary Unicode
        prop::collection::vec(any_text_char(), 0..30).prop_map(|v| v.into_iter().collect()),
        // bracket soup and XML specials
        prop::collection::vec(
            prop::sample::select(vec![
                "[", "]", "[...]", "[…]", "[....]", "FILIPPOV", "[Stalin]", " ", "  ", "\t", "&", "<", ">", "\"",
                "“", "”", "we", "Comrade", "Kim", "]]>", "'", ".", "-", "1.", "a)", "30.6", "11:20", "No.",
            ]),
            0..12,
        )
        .prop_map(|v| v.concat()),
        // header-like and closing-like lines
        prop::sample::select(vec![
            "SECOND MAIN ADMINISTRATION OF THE GENERAL STAFF OF THE SOVIET ARMY",
            "CIPHERED TELEGRAM No. 21039 Copies: Stalin (2) From BEIJING Received 21:15 21.6.1951 SERIES \"G\" T",
            "CIPHERED TELEGRAM",
            "Copies: Stalin (2), Molotov, Malenkov",
            "From BEIJING No. 1309 20 hours 05",
            "minutes, 13.1.1951",
            "Received 0140 31.2.1951",
            "Series \"G\" T.",
            "Special No. 62",
            "TOP PRIORITY",
            "To Comrade FILIPPOV [Stalin]",
            "TO FILIPPOV [Stalin",
            "To Cde. Filippov.",
            "BEIJING—TO KRASOVSKY",
            "BEIJING - SOVIET AMBASSADOR",
            "for Comrade MAO ZEDONG",
            "Comrade FILIPPOV!",
            "\"To Comrade Mao Zedong.",
            "“Comrade Filippov!",
            "With greetings. FILIPPOV [Stalin].”",
            "LI KENONG 12.8.51 4:00.\"",
            "13.1.51 ROSHCHIN",
            "MAO ZEDONG",
            "No. 3260 30.6",
            "No. 335/III",
            "Spravka: no. 48 (from no. 837) of 14.1.51",
            "Confirm receipt.",
            "###",
            "[...]",
            "- 1. first",
            "  - a) nested",
            "2. second",
            "Ciphered telegram no. 123",
            "copies: Stalin (2)",
            "From: BEIJING",
            "Received: 01.40 June 30, 1951",
            "Received 11.12 30.VI.51",
            "Archive of the President of the Russian Federation, fond 45, opis 1, delo 339",
            "Second Main Administration of the General Staff of the Soviet Army",
            "MAO ZEDONG, ZHOU ENLAI",
            "MOSCOW, 30.6.51",
            "TO BEIJING, KRASOVSKY",
            "To transmit to Comrade Mao Zedong the following:",
            "I received the following telegram from Kim Il Sung addressed to you: 'Comrade Filippov!",
            "'We ask you. With greetings. KIM IL SUNG'",
            "the army's needs: \"Comrade Stalin!",
            "We ask [ ] the following [we should] questions:",
            "No. 8803 [...] Copies: Stalin (2) [illegible] From BEIJING",
            "",
            "   ",
        ])
        .prop_map(String::from),
    ]
}

fn document() -> impl Strategy<Value = Vec<u8>> {
    (
        any::<bool>(),
        prop::collection::vec(
            (
                line(),
                prop::sample::select(vec!["\n", "\r\n", "\r", "\n\n", "\r\n\r\n"]),
            ),
            1..25,
        ),
    )
        .prop_map(|(bom, lines)| {
            let mut s = String::new();
            if bom {
                s.push('\u{feff}');
            }
            for (l, end) in lines {
                s.push_str(&l);
                s.push_str(end);
            }
            s.into_bytes()
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn generated_input_round_trips(input in document()) {
        let text = std::str::from_utf8(&input).unwrap();
        if normalize_transcription(text).is_empty() {
            prop_assert!(convert(&input).is_err(), "blank input must be refused");
        } else if let Err(e) = round_trip(&input) {
            prop_assert!(false, "{e}");
        }
    }
}

/// Layouts the converter does not recognise still give valid TEI: a fixed
/// sample of generated documents, checked by jing in one run.
#[test]
fn generated_input_is_valid_tei() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for i in 0..300 {
        let input = document().new_tree(&mut runner).unwrap().current();
        if let Ok(conv) = convert(&input) {
            let path = dir.path().join(format!("g{i:03}.xml"));
            std::fs::write(&path, conv.xml).unwrap();
            files.push(path);
        }
    }
    assert!(files.len() > 250);
    common::assert_valid_against_tei_all(&files);
}
