//! `teikit convert`. OWNER: the convert helper.

use std::path::PathBuf;

/// Flags of `teikit convert`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Transcriptions: files, directories (their *.txt, recursively) or - for stdin.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Write each input to DIR/STEM.xml instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Overwrite output files that were edited since teikit wrote them.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: Args) -> u8 {
    let _ = args;
    eprintln!("teikit convert: not implemented yet");
    super::ERROR
}
