//! Times loading a RELAX NG schema (parse, simplify, check) and compiling
//! it for validation; used by `benches/schema-load.sh`.
//!
//! `cargo run --release --example schema_load -- [SCHEMA.rng] [RUNS]`
//! (default: the embedded tei_all.rng, 1 run). Prints the mean times of
//! the runs. With `LOAD_ONLY=1` the compile step is skipped. With
//! `SHARED=1` the schema is loaded into the shared form
//! ([`schema::load_shared`], no tree) and compiled from it
//! ([`Validator::from_shared`]); needs a SCHEMA path.

use std::time::Instant;

use teikit::relaxng::schema::{self, FsResolver};
use teikit::relaxng::validate::Validator;

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.first().filter(|p| !p.is_empty()).cloned();
    let runs: u32 = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(1).max(1);
    let load_only = std::env::var_os("LOAD_ONLY").is_some();
    if std::env::var_os("SHARED").is_some() {
        return shared(path.as_deref().unwrap_or_default(), runs);
    }
    let (mut load_total, mut compile_total) = (0.0, 0.0);
    let mut defines = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let loaded = match &path {
            Some(p) => schema::load(p, &FsResolver),
            None => teikit::schemas::load_tei_all(),
        };
        let s = match loaded {
            Ok(s) => s,
            Err(e) => {
                eprintln!("{e}");
                return std::process::ExitCode::from(2);
            }
        };
        load_total += t.elapsed().as_secs_f64();
        defines = s.defines.len();
        if load_only {
            // Freeing is not part of loading; the process ends soon anyway.
            std::mem::forget(s);
            continue;
        }
        let t = Instant::now();
        let v = Validator::new(s);
        compile_total += t.elapsed().as_secs_f64();
        drop(v);
    }
    println!(
        "{}: {defines} element definitions; load {:.2} ms, compile {:.2} ms, together {:.2} ms (mean of {runs})",
        path.as_deref().unwrap_or(teikit::schemas::TEI_ALL_URI),
        load_total * 1000.0 / f64::from(runs),
        compile_total * 1000.0 / f64::from(runs),
        (load_total + compile_total) * 1000.0 / f64::from(runs)
    );
    std::process::ExitCode::SUCCESS
}

/// Loads `path` into the shared form `runs` times.
fn shared(path: &str, runs: u32) -> std::process::ExitCode {
    let load_only = std::env::var_os("LOAD_ONLY").is_some();
    let (mut total, mut compile_total) = (0.0, 0.0);
    let mut sizes = (0, 0);
    for _ in 0..runs {
        let t = Instant::now();
        match schema::load_shared(path, &FsResolver) {
            Ok(s) => {
                total += t.elapsed().as_secs_f64();
                sizes = (s.defines.len(), s.nodes.len());
                if load_only {
                    std::mem::forget(s);
                    continue;
                }
                let t = Instant::now();
                let v = Validator::from_shared(s);
                compile_total += t.elapsed().as_secs_f64();
                drop(v);
            }
            Err(e) => {
                eprintln!("{e}");
                return std::process::ExitCode::from(2);
            }
        }
    }
    println!(
        "{path}: {} element definitions, {} shared nodes; load {:.2} ms, compile {:.2} ms, together {:.2} ms (mean of {runs})",
        sizes.0,
        sizes.1,
        total * 1000.0 / f64::from(runs),
        compile_total * 1000.0 / f64::from(runs),
        (total + compile_total) * 1000.0 / f64::from(runs)
    );
    std::process::ExitCode::SUCCESS
}
