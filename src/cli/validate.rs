//! `teikit validate`. OWNER: the rng-validate helper.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use teikit::diagnostic::LocatedDiagnostic;
use teikit::relaxng::schema::{self, FsResolver};
use teikit::relaxng::validate::{ValidateError, Validator};
use teikit::schemas::{EmbeddedResolver, TEI_ALL_URI};

/// How diagnostics are printed.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// `file:line:col: error: message`, one a line.
    #[default]
    Human,
    /// One JSON document.
    Json,
}

/// Flags of `teikit validate`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The RELAX NG schema (XML syntax); the embedded tei_all.rng by default.
    #[arg(long, value_name = "FILE.rng")]
    pub schema: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Documents, or directories walked for *.xml.
    pub files: Vec<PathBuf>,
}

/// The outcome for one document.
#[derive(serde::Serialize)]
struct FileReport {
    file: String,
    status: &'static str,
    diagnostics: Vec<LocatedDiagnostic>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

/// With `--format json`, prints the run's one JSON document: the schema's
/// status, every file's report and the summary. `false` if stdout failed.
fn print_json(schema: serde_json::Value, reports: &[FileReport]) -> bool {
    let count = |s: &str| reports.iter().filter(|r| r.status == s).count();
    let doc = serde_json::json!({
        "schema": schema,
        "files": reports,
        "summary": {
            "files": reports.len(),
            "valid": count("valid"),
            "invalid": count("invalid"),
            "errors": count("error"),
        },
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    super::write_stdout(text.as_bytes()).is_ok()
}

pub fn run(args: Args) -> u8 {
    let schema_name = args
        .schema
        .as_ref()
        .map_or(TEI_ALL_URI.to_owned(), |p| p.display().to_string());
    let loaded = match &args.schema {
        Some(path) => schema::load_shared(&path.to_string_lossy(), &FsResolver),
        None => schema::load_shared(TEI_ALL_URI, &EmbeddedResolver),
    };
    let schema = match loaded {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            if args.format == Format::Json {
                let status = serde_json::json!({
                    "file": schema_name, "status": "error", "error": e.to_string(),
                });
                print_json(status, &[]);
            }
            return super::ERROR;
        }
    };
    let schema_status = serde_json::json!({"file": schema_name, "status": "correct"});
    if args.files.is_empty() {
        eprintln!("{schema_name}: schema is correct");
        if args.format == Format::Json && !print_json(schema_status, &[]) {
            return super::ERROR;
        }
        return super::SUCCESS;
    }
    let mut files = Vec::new();
    let mut reports = Vec::new();
    for path in &args.files {
        if path.is_dir() {
            if let Err(e) = walk(path, &mut files) {
                let report = FileReport {
                    file: path.display().to_string(),
                    status: "error",
                    diagnostics: Vec::new(),
                    error: Some(format!(
                        "{}: error: cannot read directory: {e}",
                        path.display()
                    )),
                };
                if args.format == Format::Human {
                    print_human(&report);
                }
                reports.push(report);
            }
        } else {
            files.push(path.clone());
        }
    }
    let mut validator = Validator::from_shared(schema);
    for p in validator.dtd_compatibility_problems() {
        eprintln!("warning: {p}; IDs are not checked");
    }
    let progress = files.len() > 1 && std::io::stderr().is_terminal();
    let total = files.len();
    for (i, path) in files.iter().enumerate() {
        if progress {
            eprint!("\r[{}/{}] {}\x1b[K", i + 1, total, path.display());
        }
        let name = path.display().to_string();
        let report = match std::fs::File::open(path) {
            Err(e) => FileReport {
                file: name.clone(),
                status: "error",
                diagnostics: Vec::new(),
                error: Some(
                    ValidateError::Io {
                        file: name,
                        source: e,
                    }
                    .to_string(),
                ),
            },
            Ok(f) => {
                let reader = std::io::BufReader::with_capacity(1 << 16, f);
                let outcome = validator.validate_all(&name, reader);
                let status = match (&outcome.error, outcome.diagnostics.is_empty()) {
                    (Some(_), _) => "error",
                    (None, true) => "valid",
                    (None, false) => "invalid",
                };
                FileReport {
                    file: name,
                    status,
                    diagnostics: outcome.diagnostics,
                    error: outcome.error.map(|e| e.to_string()),
                }
            }
        };
        if args.format == Format::Human && !print_human(&report) {
            return super::ERROR;
        }
        reports.push(report);
    }
    if progress {
        eprint!("\r\x1b[K");
    }
    // The process is about to exit: freeing the compiled schema's many
    // small allocations would only cost time.
    std::mem::forget(validator);
    let count = |s: &str| reports.iter().filter(|r| r.status == s).count();
    let (valid, invalid, errors) = (count("valid"), count("invalid"), count("error"));
    if args.format == Format::Json && !print_json(schema_status, &reports) {
        return super::ERROR;
    }
    eprintln!(
        "{} file{}: {valid} valid, {invalid} invalid, {errors} error{}",
        reports.len(),
        if reports.len() == 1 { "" } else { "s" },
        if errors == 1 { "" } else { "s" },
    );
    if errors > 0 {
        super::ERROR
    } else if invalid > 0 {
        super::FINDINGS
    } else {
        super::SUCCESS
    }
}

/// Prints one report's diagnostics on stdout and its error on stderr;
/// `false` if stdout failed (other than a closed pipe).
fn print_human(r: &FileReport) -> bool {
    let mut ok = true;
    if !r.diagnostics.is_empty() {
        let mut out = String::new();
        for d in &r.diagnostics {
            out.push_str(&d.to_string());
            out.push('\n');
        }
        ok = super::write_stdout(out.as_bytes()).is_ok();
    }
    // After the errors found before it: the document broke off there.
    if let Some(e) = &r.error {
        eprintln!("{e}");
    }
    ok
}

/// Collects `*.xml` under `dir`, recursively, sorted.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out)?;
        } else if p.extension().is_some_and(|x| x == "xml") {
            out.push(p);
        }
    }
    Ok(())
}
