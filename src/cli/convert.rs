//! `teikit convert`. OWNER: the convert helper.

use std::io::Read;
use std::path::{Path, PathBuf};
use teikit::convert::{convert, digest};
use teikit::span::LineIndex;

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

/// One input to convert.
enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    fn name(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".into(),
            Input::File(p) => p.display().to_string(),
        }
    }

    fn stem(&self) -> String {
        match self {
            Input::Stdin => "stdin".into(),
            Input::File(p) => p
                .file_stem()
                .map_or_else(|| "output".into(), |s| s.to_string_lossy().into_owned()),
        }
    }

    fn read(&self) -> std::io::Result<Vec<u8>> {
        match self {
            Input::Stdin => {
                let mut buf = Vec::new();
                std::io::stdin().read_to_end(&mut buf)?;
                Ok(buf)
            }
            Input::File(p) => std::fs::read(p),
        }
    }
}

/// The `*.txt` files under `dir`, recursively, sorted by path.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    // The listing's file types save asking the file system about each
    // file; a symbolic link is followed to see whether it is a folder.
    let mut entries: Vec<(PathBuf, bool)> = std::fs::read_dir(dir)?
        .map(|e| {
            let e = e?;
            let path = e.path();
            let t = e.file_type()?;
            let is_dir = t.is_dir() || (t.is_symlink() && path.is_dir());
            Ok((path, is_dir))
        })
        .collect::<std::io::Result<_>>()?;
    entries.sort();
    for (path, is_dir) in entries {
        if is_dir {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "txt") {
            out.push(path);
        }
    }
    Ok(())
}

pub fn run(args: Args) -> u8 {
    let mut failed = 0usize;
    let mut inputs = Vec::new();
    for arg in &args.inputs {
        if arg.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if arg.is_dir() {
            let mut files = Vec::new();
            match walk(arg, &mut files) {
                Ok(()) => inputs.extend(files.into_iter().map(Input::File)),
                Err(e) => {
                    eprintln!("{}: error: cannot read directory: {e}", arg.display());
                    failed += 1;
                }
            }
        } else {
            inputs.push(Input::File(arg.clone()));
        }
    }
    if args.output.is_none() && inputs.len() + failed > 1 {
        eprintln!("teikit convert: error: several inputs need -o DIR");
        return super::ERROR;
    }
    if let Some(dir) = &args.output
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        eprintln!(
            "{}: error: cannot create output directory: {e}",
            dir.display()
        );
        return super::ERROR;
    }
    let mut converted = 0usize;
    let mut seen = std::collections::BTreeSet::new();
    for input in &inputs {
        if convert_one(input, &args, &mut seen) {
            converted += 1;
        } else {
            failed += 1;
        }
    }
    if inputs.len() + failed > 1 || failed > 0 && args.output.is_some() {
        eprintln!("teikit convert: converted {converted}, failed {failed}");
    }
    if failed > 0 {
        super::ERROR
    } else {
        super::SUCCESS
    }
}

/// Converts and writes one input; reports its problems; returns success.
fn convert_one(input: &Input, args: &Args, seen: &mut std::collections::BTreeSet<PathBuf>) -> bool {
    let name = input.name();
    let bytes = match input.read() {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{name}: error: cannot read: {e}");
            return false;
        }
    };
    // A transcription saved as UTF-16 (with its byte-order mark) is
    // converted from its decoded text; positions then count its characters.
    let bytes = match teikit::encoding::decode_utf16_text(&bytes) {
        None => bytes,
        Some(Ok(text)) => text.into_bytes(),
        Some(Err(e)) => {
            eprintln!("{name}:{}:{}: error: {}", e.line, e.column, e.message);
            return false;
        }
    };
    let index = LineIndex::new(&bytes);
    let conversion = match convert(&bytes) {
        Ok(c) => c,
        Err(e) => {
            match e.offset {
                Some(at) => eprintln!("{name}:{}: error: {}", index.line_col(at), e.message),
                None => eprintln!("{name}: error: {}", e.message),
            }
            return false;
        }
    };
    for w in &conversion.warnings {
        eprintln!("{}", w.locate(&name, &index));
    }
    let Some(dir) = &args.output else {
        return match super::write_stdout(conversion.xml.as_bytes()) {
            Ok(_) => true,
            Err(e) => {
                eprintln!("teikit convert: error: cannot write to stdout: {e}");
                false
            }
        };
    };
    let target = dir.join(format!("{}.xml", input.stem()));
    if !seen.insert(target.clone()) {
        eprintln!(
            "{name}: error: another input of this run is also written to {}; rename one of them",
            target.display()
        );
        return false;
    }
    // The file there now, if any, and its permissions (kept on replacing)
    let existing = std::fs::File::open(&target).and_then(|mut f| {
        let permissions = f.metadata()?.permissions();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes)?;
        Ok((bytes, permissions))
    });
    let permissions = existing.as_ref().ok().map(|(_, p)| p.clone());
    match existing {
        Ok((existing, _)) if existing == conversion.xml.as_bytes() => return true,
        Ok((existing, _)) if !args.force && !digest::is_unedited(&existing) => {
            eprintln!(
                "{}: error: edited since teikit wrote it (or not written by teikit); not overwritten (use --force to replace it)",
                target.display()
            );
            return false;
        }
        _ => {}
    }
    match teikit::output::replace_atomic(&target, conversion.xml.as_bytes(), permissions) {
        Ok(()) => true,
        Err(e) => {
            eprintln!("{}: error: cannot write: {e}", target.display());
            false
        }
    }
}
