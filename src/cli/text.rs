//! `teikit text`. OWNER: the text-diff helper.

use std::path::PathBuf;
use teikit::diff::input::{layer_of, locate_warning, read_xml};
use teikit::span::LineIndex;
use teikit::text::TextOptions;

/// Flags of `teikit text`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The TEI document.
    pub file: PathBuf,
    /// Render `corr` / `reg` / `expan` of a `choice` (default: `sic` / `orig` / `abbr`).
    #[arg(long)]
    pub corrections: bool,
    /// Include notes other than identification notes (default: left out).
    #[arg(long)]
    pub notes: bool,
}

pub fn run(args: Args) -> u8 {
    let options = TextOptions {
        corrections: args.corrections,
        notes: args.notes,
    };
    let layer = match read_xml(&args.file).and_then(|xml| {
        let layer = layer_of(&args.file, &xml, &options)?;
        let name = args.file.display().to_string();
        let index = LineIndex::new(xml.as_bytes());
        for w in &layer.warnings {
            eprintln!("{}", locate_warning(w, &name, &xml, &index));
        }
        Ok(layer)
    }) {
        Ok(layer) => layer,
        Err(e) => {
            eprintln!("{e}");
            return super::ERROR;
        }
    };
    match super::write_stdout(layer.text.as_bytes()) {
        Ok(_) => super::SUCCESS,
        Err(e) => {
            eprintln!("teikit text: cannot write the output: {e}");
            super::ERROR
        }
    }
}
