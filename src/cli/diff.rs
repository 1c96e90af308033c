//! `teikit diff`. OWNER: the text-diff helper.

use serde::Serialize;
use std::io::IsTerminal;
use std::path::PathBuf;
use teikit::diff::batch::{Outcome, Totals, compare_folders, totals};
use teikit::diff::{DiffOptions, Report, diff_files};
use teikit::text::TextOptions;

/// Paragraph warnings printed in full before the rest are only counted.
const SHOWN_WARNINGS: usize = 20;

/// Flags of `teikit diff`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The original transcription (or a directory of them).
    pub original: PathBuf,
    /// The edited TEI (or a directory of them).
    pub edited: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Count a paragraph split or join as a change (default: a warning).
    #[arg(long)]
    pub strict: bool,
    /// Take `corr` / `reg` / `expan` from a `choice` in the TEI.
    #[arg(long)]
    pub corrections: bool,
    /// Include notes other than identification notes in the TEI's text.
    #[arg(long)]
    pub notes: bool,
    /// Colour the output: on a terminal (auto), always or never.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

/// How to print the result.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Compiler-style lines.
    Human,
    /// One JSON object.
    Json,
}

/// When to colour.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Color {
    /// When stdout is a terminal and NO_COLOR is not set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl Color {
    /// Whether to colour a stream that is (or not) a terminal.
    fn on(self, terminal: bool) -> bool {
        match self {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => terminal && std::env::var_os("NO_COLOR").is_none(),
        }
    }
}

pub fn run(args: Args) -> u8 {
    let options = DiffOptions {
        strict: args.strict,
        text: TextOptions {
            corrections: args.corrections,
            notes: args.notes,
        },
    };
    let color = args.color.on(std::io::stdout().is_terminal());
    // a path that is not there is named as such (not "compare two files or
    // two folders", not a bare OS error)
    let mut missing = false;
    for path in [&args.original, &args.edited] {
        if let Err(e) = std::fs::metadata(path) {
            missing = true;
            if e.kind() == std::io::ErrorKind::NotFound {
                eprintln!("{}: error: no such file or folder", path.display());
            } else {
                eprintln!("{}: error: cannot read: {e}", path.display());
            }
        }
    }
    if missing {
        return super::ERROR;
    }
    match (args.original.is_dir(), args.edited.is_dir()) {
        (true, true) => batch(&args, &options),
        (false, false) => single(&args, &options, color),
        (true, false) | (false, true) => {
            eprintln!(
                "teikit diff: error: compare two files or two folders, not {} with {}",
                args.original.display(),
                args.edited.display()
            );
            super::ERROR
        }
    }
}

fn single(args: &Args, options: &DiffOptions, color: bool) -> u8 {
    let report = match diff_files(&args.original, &args.edited, options) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return super::ERROR;
        }
    };
    for w in &report.text_layer_warnings {
        eprintln!("{w}");
    }
    let out = match args.format {
        Format::Json => json(&report),
        Format::Human => {
            eprint!(
                "{}",
                report.human_warnings(
                    args.color.on(std::io::stderr().is_terminal()),
                    SHOWN_WARNINGS
                )
            );
            let mut out = report.human(color);
            out.push_str(&count(report.changes.len()));
            out.push('\n');
            out
        }
    };
    if let Err(e) = super::write_stdout(out.as_bytes()) {
        eprintln!("teikit diff: cannot write the output: {e}");
        return super::ERROR;
    }
    if report.changes.is_empty() {
        super::SUCCESS
    } else {
        super::FINDINGS
    }
}

fn count(changes: usize) -> String {
    match changes {
        0 => "same".to_owned(),
        n => plural(n, "change"),
    }
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

fn json<T: Serialize>(value: &T) -> String {
    // serialising plain data cannot fail
    let mut s = serde_json::to_string_pretty(value).unwrap_or_default();
    s.push('\n');
    s
}

/// One pair in the JSON output of a batch.
#[derive(Serialize)]
struct PairJson<'a> {
    stem: &'a str,
    original: Option<String>,
    edited: Option<String>,
    /// `same`, `changed`, `missing-edited`, `missing-original` or `error`.
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    report: Option<&'a Report>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

#[derive(Serialize)]
struct BatchJson<'a> {
    pairs: Vec<PairJson<'a>>,
    total: Totals,
}

fn batch(args: &Args, options: &DiffOptions) -> u8 {
    let results = match compare_folders(&args.original, &args.edited, options) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return super::ERROR;
        }
    };
    let total = totals(&results);
    let out = match args.format {
        Format::Json => json(&BatchJson {
            pairs: results
                .iter()
                .map(|(pair, outcome)| PairJson {
                    stem: &pair.stem,
                    original: pair.original.as_ref().map(|p| p.display().to_string()),
                    edited: pair.edited.as_ref().map(|p| p.display().to_string()),
                    status: match outcome {
                        Outcome::Compared(r) if r.changes.is_empty() => "same",
                        Outcome::Compared(_) => "changed",
                        Outcome::MissingEdited => "missing-edited",
                        Outcome::MissingOriginal => "missing-original",
                        Outcome::Failed(_) => "error",
                    },
                    report: match outcome {
                        Outcome::Compared(r) => Some(r),
                        _ => None,
                    },
                    error: match outcome {
                        Outcome::Failed(e) => Some(e.to_string()),
                        _ => None,
                    },
                })
                .collect(),
            total,
        }),
        Format::Human => {
            let mut out = String::new();
            for (pair, outcome) in &results {
                let line = match outcome {
                    Outcome::Compared(r) => {
                        for w in &r.text_layer_warnings {
                            eprintln!("{w}");
                        }
                        let mut line = count(r.changes.len());
                        if !r.warnings.is_empty() {
                            line.push_str(&format!(
                                " ({} paragraph warning{})",
                                r.warnings.len(),
                                if r.warnings.len() == 1 { "" } else { "s" }
                            ));
                        }
                        line
                    }
                    Outcome::MissingEdited => format!(
                        "missing TEI: no {}.xml in {}",
                        pair.stem,
                        args.edited.display()
                    ),
                    Outcome::MissingOriginal => format!(
                        "missing transcription: no {}.txt in {}",
                        pair.stem,
                        args.original.display()
                    ),
                    // the message names the file and says "error:"
                    Outcome::Failed(e) => e.to_string(),
                };
                out.push_str(&format!("{}: {line}\n", pair.stem));
            }
            out.push_str(&format!(
                "total: {}, {} same, {} with changes ({}), {} missing a partner, {}\n",
                plural(total.pairs, "pair"),
                total.same,
                total.changed,
                plural(total.changes, "change"),
                total.missing,
                plural(total.errors, "error"),
            ));
            out
        }
    };
    if let Err(e) = super::write_stdout(out.as_bytes()) {
        eprintln!("teikit diff: cannot write the output: {e}");
        return super::ERROR;
    }
    if total.errors > 0 {
        super::ERROR
    } else if total.changed > 0 || total.missing > 0 {
        super::FINDINGS
    } else {
        super::SUCCESS
    }
}
