//! Writing output files safely: to a temporary file in the same folder, then
//! renamed over the target, so that a reader never sees a half-written file
//! and a failure leaves the old file as it was.
//!
//! The file is not `fsync`ed: the guarantee is against teikit failing or
//! being killed midway (the rename is atomic), which is what an editor's
//! run can meet. Syncing every file cost ~4 ms each, 20 times the time of
//! converting it, and no other tool of the kind (pandoc, xmllint, saxon)
//! does it; journaling file systems (ext4's `auto_da_alloc`, XFS, btrfs)
//! already make a rename over an existing file safe against power loss.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically (temporary file + rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let existing = std::fs::metadata(path).ok().map(|m| m.permissions());
    replace_atomic(path, bytes, existing)
}

/// [`write_atomic`], for a caller that already knows the permissions of
/// the file `path` holds (`None`: there is none), which saves asking again.
pub fn replace_atomic(
    path: &Path,
    bytes: &[u8],
    existing: Option<std::fs::Permissions>,
) -> std::io::Result<()> {
    let tmp = written_beside(path, bytes, existing)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes `bytes` to `path` atomically, only if no file is there: `Ok(false)`
/// (and nothing written) when one is. The file gets the usual permissions.
/// For a caller that believes `path` free (it was not in the folder's
/// listing) and must not overwrite a file that appeared since.
pub fn create_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<bool> {
    let tmp = written_beside(path, bytes, None)?;
    match tmp.persist_noclobber(path) {
        Ok(_) => Ok(true),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e.error),
    }
}

/// A temporary file in the folder of `path`, holding `bytes`, with the
/// permissions `path` should get.
fn written_beside(
    path: &Path,
    bytes: &[u8],
    existing: Option<std::fs::Permissions>,
) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".teikit-").suffix(".tmp");
    // A temporary file is private (0600); the output is not: it keeps the
    // permissions of the file it replaces, or gets the usual ones (0666
    // less the umask, as any editor would create it).
    #[cfg(unix)]
    builder.permissions(
        existing.unwrap_or_else(|| std::os::unix::fs::PermissionsExt::from_mode(0o666)),
    );
    #[cfg(not(unix))]
    let _ = existing;
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    Ok(tmp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.xml");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn creating_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.xml");
        assert!(create_atomic(&path, b"one").unwrap());
        assert!(!create_atomic(&path, b"two").unwrap(), "the file is there");
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file left");
    }

    #[cfg(unix)]
    #[test]
    fn outputs_get_the_usual_permissions_or_keep_theirs() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        // a new file: 0666 less the umask, readable by others as usual
        // (not the temporary file's private 0600)
        let new = dir.path().join("new.xml");
        write_atomic(&new, b"one").unwrap();
        let umask_probe = dir.path().join("probe");
        std::fs::write(&umask_probe, b"").unwrap();
        assert_eq!(mode(&new), mode(&umask_probe));
        // a replaced file keeps the mode it had
        std::fs::set_permissions(&new, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&new, b"two").unwrap();
        assert_eq!(mode(&new), 0o640);
    }
}
