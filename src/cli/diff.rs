//! `teikit diff`. OWNER: the text-diff helper.

use std::path::PathBuf;

/// Flags of `teikit diff`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The original transcription (or a directory of them).
    pub original: PathBuf,
    /// The edited TEI (or a directory of them).
    pub edited: PathBuf,
}

pub fn run(args: Args) -> u8 {
    let _ = args;
    eprintln!("teikit diff: not implemented yet");
    super::ERROR
}
