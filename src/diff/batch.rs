//! Batch comparison: the transcriptions of one folder paired by file stem
//! with the TEI files of another.

use super::input::InputError;
use super::{DiffOptions, Report, diff_files};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What became of one pair.
#[derive(Debug)]
pub enum Outcome {
    /// Both files were compared.
    Compared(Report),
    /// The transcription has no TEI partner.
    MissingEdited,
    /// The TEI has no transcription partner.
    MissingOriginal,
    /// One of the files could not be compared.
    Failed(InputError),
}

/// Counts over a batch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// Pairs (including those missing a partner).
    pub pairs: usize,
    /// Pairs with no change.
    pub same: usize,
    /// Pairs with at least one change.
    pub changed: usize,
    /// Changes over all pairs.
    pub changes: usize,
    /// Files with no partner.
    pub missing: usize,
    /// Pairs that could not be compared.
    pub errors: usize,
}

/// Compares every pair of [`pair_folders`]; a failure in one pair does not
/// stop the others.
pub fn compare_folders(
    originals: &Path,
    edited: &Path,
    options: &DiffOptions,
) -> Result<Vec<(Pair, Outcome)>, InputError> {
    Ok(pair_folders(originals, edited)?
        .into_iter()
        .map(|pair| {
            let outcome = match (&pair.original, &pair.edited) {
                _ if pair.duplicate.is_some() => Outcome::Failed(InputError::Duplicate {
                    path: pair
                        .duplicate
                        .iter()
                        .map(|p| p.display().to_string())
                        .collect(),
                    stem: pair.stem.clone(),
                }),
                (Some(o), Some(e)) => match diff_files(o, e, options) {
                    Ok(report) => Outcome::Compared(report),
                    Err(err) => Outcome::Failed(err),
                },
                (Some(_), None) => Outcome::MissingEdited,
                _ => Outcome::MissingOriginal,
            };
            (pair, outcome)
        })
        .collect())
}

/// The totals of a batch.
pub fn totals(results: &[(Pair, Outcome)]) -> Totals {
    let mut t = Totals {
        pairs: results.len(),
        ..Totals::default()
    };
    for (_, outcome) in results {
        match outcome {
            Outcome::Compared(r) if r.changes.is_empty() => t.same += 1,
            Outcome::Compared(r) => {
                t.changed += 1;
                t.changes += r.changes.len();
            }
            Outcome::MissingEdited | Outcome::MissingOriginal => t.missing += 1,
            Outcome::Failed(_) => t.errors += 1,
        }
    }
    t
}

/// A transcription and its TEI, either of which may be missing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pair {
    /// The file stem both share.
    pub stem: String,
    /// `ORIGINALS/STEM.txt`, if it exists.
    pub original: Option<PathBuf>,
    /// `EDITED/STEM.xml`, if it exists.
    pub edited: Option<PathBuf>,
    /// A second file of this stem in one of the folders (`STEM.TXT` beside
    /// `STEM.txt`): the pair is not compared.
    pub duplicate: Option<PathBuf>,
}

/// Pairs `*.txt` in `originals` with `*.xml` in `edited` by stem, sorted by
/// stem. Extensions are matched in any case (`.TXT`, `.Xml`); stems exactly.
/// Sub-folders, hidden files (`.name`) and other files are ignored. Two
/// files of one stem in one folder (`a.txt` and `a.TXT`) make the pair's
/// `duplicate`.
pub fn pair_folders(originals: &Path, edited: &Path) -> Result<Vec<Pair>, InputError> {
    let mut pairs: BTreeMap<String, Pair> = BTreeMap::new();
    for (folder, extension, is_original) in [(originals, "txt", true), (edited, "xml", false)] {
        for path in files_with_extension(folder, extension)? {
            let Some(stem) = path.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
                continue;
            };
            let pair = pairs.entry(stem.clone()).or_insert_with(|| Pair {
                stem,
                original: None,
                edited: None,
                duplicate: None,
            });
            let slot = if is_original {
                &mut pair.original
            } else {
                &mut pair.edited
            };
            match slot {
                // the files come sorted: keep the first, name the second
                Some(_) => {
                    pair.duplicate.get_or_insert(path);
                }
                None => *slot = Some(path),
            }
        }
    }
    Ok(pairs.into_values().collect())
}

fn files_with_extension(folder: &Path, extension: &str) -> Result<Vec<PathBuf>, InputError> {
    let read_error = |source| InputError::Read {
        path: folder.display().to_string(),
        source,
    };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(folder).map_err(read_error)? {
        let path = entry.map_err(read_error)?.path();
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        let wanted = path
            .extension()
            .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case(extension));
        if wanted && !hidden && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_by_stem_and_keeps_the_missing() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        for f in ["x.txt", "y.TXT", "notes.md", ".hidden.txt"] {
            std::fs::write(a.path().join(f), "").unwrap();
        }
        for f in ["x.XML", "z.xml", "z.Xml"] {
            std::fs::write(b.path().join(f), "").unwrap();
        }
        let pairs = pair_folders(a.path(), b.path()).unwrap();
        let summary: Vec<_> = pairs
            .iter()
            .map(|p| {
                (
                    p.stem.as_str(),
                    p.original.is_some(),
                    p.edited.is_some(),
                    p.duplicate.is_some(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                ("x", true, true, false),
                ("y", true, false, false),
                ("z", false, true, true)
            ]
        );
    }
}
