//! Command-line parsing and dispatch. One file per subcommand; each turns
//! its flags into a library call and the result into output and an exit
//! code: 0 success, 1 invalid / texts differ, 2 error.

mod convert;
mod diff;
mod text;
mod validate;

use clap::{Parser, Subcommand};
use std::io::Write;
use std::process::ExitCode;

/// teikit: convert telegram transcriptions to TEI P5, validate TEI against
/// RELAX NG, and prove that edited TEI still carries its transcription.
#[derive(Parser, Debug)]
#[command(name = "teikit", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Convert plain-text transcriptions into TEI P5 XML.
    Convert(convert::Args),
    /// Print the text layer of a TEI document.
    Text(text::Args),
    /// Compare a transcription with the text layer of its TEI, word by word.
    Diff(diff::Args),
    /// Validate documents against a RELAX NG schema (TEI's tei_all by default).
    Validate(validate::Args),
}

/// Exit code: success.
pub const SUCCESS: u8 = 0;
/// Exit code: the document is invalid, or the texts differ.
#[allow(dead_code)]
pub const FINDINGS: u8 = 1;
/// Exit code: an error stopped the work.
pub const ERROR: u8 = 2;

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { ERROR } else { SUCCESS };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let code = match cli.command {
        Command::Convert(args) => convert::run(args),
        Command::Text(args) => text::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Validate(args) => validate::run(args),
    };
    ExitCode::from(code)
}

/// Writes to stdout. A closed pipe (`teikit text x.xml | head`) is not an
/// error: it returns `Ok(false)` and the caller stops writing.
#[allow(dead_code)] // used by the subcommands as they land
pub fn write_stdout(bytes: &[u8]) -> std::io::Result<bool> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(e),
    }
}
