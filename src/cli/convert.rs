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
    /// Threads that convert (default: one per core; 1: no threads besides
    /// the main one). Files and messages are the same whatever the number.
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
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
    // Each input's output path, fixed before any work starts: two inputs
    // of one run written to the same file is an error for the second.
    let mut seen = std::collections::BTreeSet::new();
    // The names in the output folder now: a target not among them needs no
    // look before it is written (None: unknown, look at each)
    let listing: Option<std::collections::HashSet<std::ffi::OsString>> =
        args.output.as_ref().and_then(|dir| {
            std::fs::read_dir(dir)
                .ok()?
                .map(|e| e.map(|e| e.file_name()))
                .collect::<std::io::Result<_>>()
                .ok()
        });
    let jobs: Vec<Job> = inputs
        .iter()
        .map(|input| {
            let target = args
                .output
                .as_ref()
                .map(|dir| dir.join(format!("{}.xml", input.stem())));
            let clash = target.as_ref().is_some_and(|t| !seen.insert(t.clone()));
            let listed = match (&listing, target.as_ref().and_then(|t| t.file_name())) {
                (Some(names), Some(name)) => names.contains(name),
                _ => true,
            };
            Job {
                input,
                target,
                clash,
                listed,
            }
        })
        .collect();
    let mut report = Report::new(jobs.len());
    let workers = workers(jobs.len(), args.jobs.map(usize::from));
    if workers == 0 {
        for job in &jobs {
            let converted = job.read().and_then(|bytes| job.convert(&bytes));
            job.finish(converted, args.force, &mut report);
        }
    } else {
        pipeline(&jobs, workers, args.force, &mut report);
    }
    failed += report.failed;
    let converted = report.converted;
    if inputs.len() + failed > 1 || failed > 0 && args.output.is_some() {
        eprintln!("teikit convert: converted {converted}, failed {failed}");
    }
    if failed > 0 {
        super::ERROR
    } else {
        super::SUCCESS
    }
}

/// How many threads convert `files` files: `--jobs`, or by default one
/// per core (at most 8). 0: the main thread converts them itself, as it
/// does with `--jobs 1` or a few files, where starting threads would cost
/// more than they save.
fn workers(files: usize, jobs: Option<usize>) -> usize {
    const FILES_PER_WORKER: usize = 8;
    let threads =
        jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get().min(8)));
    if threads <= 1 || files < 2 * FILES_PER_WORKER {
        0
    } else {
        threads.min(files / FILES_PER_WORKER)
    }
}

/// Converts `jobs` with `workers` threads. The main thread does all the
/// reading and writing, in input order; the workers only convert. (Files
/// created in one folder from several threads queue in the kernel: each
/// `openat` took 12 times longer than from one thread.)
fn pipeline(jobs: &[Job], workers: usize, force: bool, report: &mut Report) {
    use std::sync::mpsc;
    // Inputs go to the workers in batches (fewer wake-ups), a few batches
    // ahead per worker: not the whole corpus in memory.
    const BATCH: usize = 8;
    type Batch = Vec<(usize, Vec<u8>)>;
    let (to_workers, from_main) = mpsc::sync_channel::<Batch>(2 * workers);
    let from_main = std::sync::Mutex::new(from_main);
    let (to_main, from_workers) = mpsc::channel::<Vec<(usize, Converted)>>();
    std::thread::scope(|scope| {
        for k in 0..workers {
            let to_main = to_main.clone();
            let from_main = &from_main;
            scope.spawn(move || {
                teikit::convert::warm_up(k, workers);
                loop {
                    let next = from_main.lock().unwrap_or_else(|e| e.into_inner()).recv();
                    let Ok(batch) = next else { break };
                    let done = batch
                        .into_iter()
                        .map(|(i, bytes)| (i, jobs[i].convert(&bytes)))
                        .collect();
                    if to_main.send(done).is_err() {
                        break;
                    }
                }
            });
        }
        drop(to_main);
        // Finished conversions wait here until every earlier input is
        // written, so that stderr and the files come in input order.
        let mut done = std::collections::BTreeMap::<usize, Converted>::new();
        let mut written = 0;
        let mut finish_ready = |done: &mut std::collections::BTreeMap<usize, Converted>| {
            while let Some(converted) = done.remove(&written) {
                jobs[written].finish(converted, force, report);
                written += 1;
            }
        };
        let mut batch = Vec::with_capacity(BATCH);
        for (i, job) in jobs.iter().enumerate() {
            match job.read() {
                Ok(bytes) => batch.push((i, bytes)),
                Err(message) => {
                    done.insert(i, Err(message));
                }
            }
            if batch.len() == BATCH || i + 1 == jobs.len() {
                if to_workers.send(std::mem::take(&mut batch)).is_err() {
                    break;
                }
                while let Ok(converted) = from_workers.try_recv() {
                    done.extend(converted);
                }
                finish_ready(&mut done);
            }
        }
        drop(to_workers);
        for converted in from_workers.iter() {
            done.extend(converted);
            finish_ready(&mut done);
        }
        finish_ready(&mut done);
    });
}

/// One input and where it goes.
struct Job<'a> {
    input: &'a Input,
    /// `DIR/STEM.xml` with `-o DIR`; `None`: stdout.
    target: Option<PathBuf>,
    /// An earlier input of the run goes to the same target.
    clash: bool,
    /// The target was in the output folder's listing when the run began
    /// (or the listing could not be read).
    listed: bool,
}

/// A conversion's TEI and its warnings for stderr, or the error message.
type Converted = Result<(String, String), String>;

/// How a run went so far; on a terminal, a progress line.
struct Report {
    converted: usize,
    failed: usize,
    total: usize,
    /// When the progress line was last drawn, if it is shown at all
    progress: Option<std::time::Instant>,
    /// The progress line is on the screen
    drawn: bool,
}

impl Report {
    fn new(total: usize) -> Self {
        use std::io::IsTerminal;
        let progress = (total > 1 && std::io::stderr().is_terminal())
            .then(|| std::time::Instant::now() - std::time::Duration::from_secs(1));
        Report {
            converted: 0,
            failed: 0,
            total,
            progress,
            drawn: false,
        }
    }

    /// Prints messages for stderr (under the progress line, if any).
    fn say(&mut self, messages: &str) {
        if messages.is_empty() {
            return;
        }
        if self.drawn {
            eprint!("\r\x1b[K");
            self.drawn = false;
        }
        eprint!("{messages}");
    }

    /// Counts a finished input; redraws the progress line at most ten
    /// times a second (drawing it for every file would cost more than
    /// converting it).
    fn done(&mut self, job: &Job, ok: bool) {
        if ok {
            self.converted += 1;
        } else {
            self.failed += 1;
        }
        let Some(last) = self.progress else { return };
        let finished = self.converted + self.failed;
        if finished == self.total {
            if self.drawn {
                eprint!("\r\x1b[K");
                self.drawn = false;
            }
        } else if last.elapsed() >= std::time::Duration::from_millis(100) {
            eprint!("\r[{finished}/{}] {}\x1b[K", self.total, job.input.name());
            self.drawn = true;
            self.progress = Some(std::time::Instant::now());
        }
    }
}

impl Job<'_> {
    /// The input's bytes, or the message saying why they cannot be read.
    fn read(&self) -> Result<Vec<u8>, String> {
        self.input
            .read()
            .map_err(|e| format!("{}: error: cannot read: {e}\n", self.input.name()))
    }

    /// The TEI of `bytes` with the warnings for stderr, or the error
    /// message. Pure work: no file is touched.
    fn convert(&self, bytes: &[u8]) -> Converted {
        let name = self.input.name();
        // A transcription saved as UTF-16 (with its byte-order mark) is
        // converted from its decoded text; positions then count its characters.
        let decoded;
        let bytes = match teikit::encoding::decode_utf16_text(bytes) {
            None => bytes,
            Some(Ok(text)) => {
                decoded = text.into_bytes();
                &decoded
            }
            Some(Err(e)) => {
                return Err(format!(
                    "{name}:{}:{}: error: {}\n",
                    e.line, e.column, e.message
                ));
            }
        };
        let index = LineIndex::new(bytes);
        match convert(bytes) {
            Ok(conversion) => {
                let mut warnings = String::new();
                for w in &conversion.warnings {
                    warnings.push_str(&w.locate(&name, &index).to_string());
                    warnings.push('\n');
                }
                Ok((conversion.xml, warnings))
            }
            Err(e) => Err(match e.offset {
                Some(at) => format!("{name}:{}: error: {}\n", index.line_col(at), e.message),
                None => format!("{name}: error: {}\n", e.message),
            }),
        }
    }

    /// Prints the conversion's messages and writes its TEI; returns
    /// success.
    fn finish(&self, converted: Converted, force: bool, report: &mut Report) {
        let (xml, warnings) = match converted {
            Ok(c) => c,
            Err(message) => {
                report.say(&message);
                return report.done(self, false);
            }
        };
        report.say(&warnings);
        match self.write(&xml, force) {
            Ok(()) => report.done(self, true),
            Err(message) => {
                report.say(&format!("{message}\n"));
                report.done(self, false);
            }
        }
    }

    /// Writes `xml` to the target (or stdout), unless that would overwrite
    /// a hand-edited file without `force`.
    fn write(&self, xml: &str, force: bool) -> Result<(), String> {
        let Some(target) = &self.target else {
            return match super::write_stdout(xml.as_bytes()) {
                Ok(_) => Ok(()),
                Err(e) => Err(format!(
                    "teikit convert: error: cannot write to stdout: {e}"
                )),
            };
        };
        if self.clash {
            return Err(format!(
                "{}: error: another input of this run is also written to {}; rename one of them",
                self.input.name(),
                target.display()
            ));
        }
        // Not in the folder's listing: created if still free, without
        // opening it first (a system call a file saved)
        if !self.listed {
            match teikit::output::create_atomic(target, xml.as_bytes()) {
                Ok(true) => return Ok(()),
                Ok(false) => {}
                Err(e) => return Err(format!("{}: error: cannot write: {e}", target.display())),
            }
        }
        // The file there now, if any, and its permissions (kept on replacing)
        let existing = std::fs::File::open(target).and_then(|mut f| {
            let permissions = f.metadata()?.permissions();
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes)?;
            Ok((bytes, permissions))
        });
        let permissions = existing.as_ref().ok().map(|(_, p)| p.clone());
        match existing {
            Ok((existing, _)) if existing == xml.as_bytes() => return Ok(()),
            Ok((existing, _)) if !force && !digest::is_unedited(&existing) => {
                return Err(format!(
                    "{}: error: edited since teikit wrote it (or not written by teikit); not overwritten (use --force to replace it)",
                    target.display()
                ));
            }
            _ => {}
        }
        teikit::output::replace_atomic(target, xml.as_bytes(), permissions)
            .map_err(|e| format!("{}: error: cannot write: {e}", target.display()))
    }
}
