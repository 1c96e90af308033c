//! Times loading a RELAX NG schema (parse, simplify, check) and compiling
//! it for validation; used by `benches/schema-load.sh`.
//!
//! `cargo run --release --example schema_load -- [SCHEMA.rng] [RUNS]`
//! (default: the embedded tei_all.rng, 20 runs).

use std::time::Instant;

use teikit::relaxng::schema::{self, FsResolver};
use teikit::relaxng::validate::Validator;

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.first().cloned();
    let runs: u32 = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(20);
    let load = || match &path {
        Some(p) => schema::load(p, &FsResolver),
        None => teikit::schemas::load_tei_all(),
    };
    let (mut load_total, mut compile_total) = (0.0, 0.0);
    for _ in 0..runs {
        let t = Instant::now();
        let s = match load() {
            Ok(s) => s,
            Err(e) => {
                eprintln!("{e}");
                return std::process::ExitCode::from(2);
            }
        };
        load_total += t.elapsed().as_secs_f64();
        if std::env::var_os("LOAD_ONLY").is_some() {
            continue;
        }
        let t = Instant::now();
        let v = Validator::new(s);
        compile_total += t.elapsed().as_secs_f64();
        drop(v);
    }
    let schema = load().expect("loaded above");
    if std::env::var_os("RNG_COUNT").is_some() {
        let mut c = [0; 4];
        count(&schema.start, &mut c);
        for d in &schema.defines {
            count(&d.content, &mut c);
        }
        eprintln!(
            "nodes {} attributes {} data {} values {}",
            c[0], c[1], c[2], c[3]
        );
    }
    println!(
        "{}: {} element definitions; load {:.2} ms, load + compile {:.2} ms (mean of {runs})",
        path.as_deref().unwrap_or(teikit::schemas::TEI_ALL_URI),
        schema.defines.len(),
        load_total * 1000.0 / f64::from(runs),
        (load_total + compile_total) * 1000.0 / f64::from(runs)
    );
    std::process::ExitCode::SUCCESS
}

/// Counts pattern nodes (debug aid).
#[allow(dead_code)]
fn count(p: &teikit::relaxng::model::Pattern, c: &mut [usize; 4]) {
    use teikit::relaxng::model::Pattern as M;
    c[0] += 1;
    match p {
        M::Choice(a, b) | M::Group(a, b) | M::Interleave(a, b) => {
            count(a, c);
            count(b, c)
        }
        M::OneOrMore(a) | M::List(a) => count(a, c),
        M::Attribute(_, a) => {
            c[1] += 1;
            count(a, c)
        }
        M::Data { except, .. } => {
            c[2] += 1;
            if let Some(e) = except {
                count(e, c)
            }
        }
        M::Value { .. } => c[3] += 1,
        _ => {}
    }
}
