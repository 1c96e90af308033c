//! `teikit text`. OWNER: the text-diff helper.

use std::path::PathBuf;

/// Flags of `teikit text`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The TEI document.
    pub file: PathBuf,
}

pub fn run(args: Args) -> u8 {
    let _ = args;
    eprintln!("teikit text: not implemented yet");
    super::ERROR
}
