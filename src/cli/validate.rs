//! `teikit validate`. OWNER: the rng-validate helper.

use std::path::PathBuf;

/// Flags of `teikit validate`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The RELAX NG schema (XML syntax); the embedded tei_all.rng by default.
    #[arg(long, value_name = "FILE.rng")]
    pub schema: Option<PathBuf>,
    /// Documents, or directories walked for *.xml.
    pub files: Vec<PathBuf>,
}

pub fn run(args: Args) -> u8 {
    let _ = args;
    eprintln!("teikit validate: not implemented yet");
    super::ERROR
}
