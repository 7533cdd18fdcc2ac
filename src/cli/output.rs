//! Writing outputs safely. What `-o PATH` does depends on what is there:
//! - `-`: standard output;
//! - nothing, or a regular file with one link: the bytes go to a temporary file with an
//!   unpredictable name created exclusively (never through a planted link) in the same folder,
//!   which is then renamed over the target, so a failed or interrupted run never leaves a
//!   half-written file; an existing file keeps its mode (and, where allowed, its owner);
//! - a symbolic link: followed to the file it names, which is replaced as above; the link stays;
//! - a regular file with several hard links: written in place (truncated, then written from
//!   the output already complete in memory), because a rename would split it from its other
//!   names;
//! - anything else (`/dev/null`, `/dev/stdout`, a named pipe): opened for writing without
//!   truncating or replacing it, so a device stays a device; errors such as `/dev/full`'s
//!   ENOSPC are reported (exit 2).
//!
//! A SIGINT or SIGTERM removes the temporaries being written and exits 130.

use std::fs::{File, Metadata, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, Once};

/// Writes `bytes` to `path` as described in the module documentation.
pub(crate) fn write_output(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if path.as_os_str() == "-" {
        crate::console::out(bytes);
        return Ok(());
    }
    // The kernel follows links (also `/dev/stdout` → `/proc/self/fd/1` → a pipe, which has
    // no path): opening `path` itself reaches what is there.
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => write_in_place(path, bytes, false),
        Ok(meta) if links(&meta) > 1 => write_in_place(path, bytes, true),
        Ok(meta) => replace(&std::fs::canonicalize(path)?, bytes, Some(&meta)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            replace(&follow_links(path)?, bytes, None)
        }
        Err(e) => Err(e),
    }
}

/// The path a chain of symbolic links at `path` ends at, for a link to a file that does not
/// exist yet (created where the link points, as `>` in a shell does).
fn follow_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut path = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let to = std::fs::read_link(&path)?;
                path = match path.parent() {
                    Some(dir) => dir.join(to),
                    None => to,
                };
            }
            _ => return Ok(path),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

/// The folder `path` is in (`.` for a bare file name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn write_in_place(path: &Path, bytes: &[u8], truncate: bool) -> std::io::Result<()> {
    let mut file = OpenOptions::new()
        .write(true)
        .truncate(truncate)
        .open(path)?;
    file.write_all(bytes)?;
    file.flush()
}

fn replace(target: &Path, bytes: &[u8], existing: Option<&Metadata>) -> std::io::Result<()> {
    let dir = folder_of(target);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // A new file gets the usual 0666 less the umask; an existing one its own mode below.
        builder.permissions(std::fs::Permissions::from_mode(if existing.is_some() {
            0o600
        } else {
            0o666
        }));
    }
    let (mut tmp, _registered) = Registered::create(&builder, dir)?;
    if let Some(meta) = existing {
        keep_owner(tmp.as_file(), meta);
        tmp.as_file().set_permissions(meta.permissions())?;
    }
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    persist(tmp, target)
}

/// Gives the temporary the replaced file's owner (root replacing another user's file); not
/// allowed for other users, who can only replace files as their own.
fn keep_owner(file: &File, meta: &Metadata) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid()));
    }
    #[cfg(not(unix))]
    let _ = (file, meta);
}

fn links(meta: &Metadata) -> u64 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        meta.nlink()
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        1
    }
}

/// The temporaries being written, removed by the signal handler.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn live() -> MutexGuard<'static, Vec<PathBuf>> {
    LIVE.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Removes every temporary being written. The registry stays locked afterwards for as long as
/// the returned guard lives, so no new temporary appears before the process exits.
pub(crate) fn remove_temporaries() -> MutexGuard<'static, Vec<PathBuf>> {
    let mut live = live();
    for path in live.drain(..) {
        let _ = std::fs::remove_file(path);
    }
    live
}

/// Installs the SIGINT/SIGTERM handler once (not at all if the embedding program has one).
fn on_signal_remove_temporaries() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let _ = ctrlc::set_handler(|| {
            let _held = remove_temporaries();
            std::process::exit(130);
        });
    });
}

/// A temporary file's entry in [`LIVE`], from its creation until the file is renamed or
/// deleted (dropping a `NamedTempFile` deletes it).
struct Registered(PathBuf);

impl Registered {
    fn create(
        builder: &tempfile::Builder,
        dir: &Path,
    ) -> std::io::Result<(tempfile::NamedTempFile, Registered)> {
        on_signal_remove_temporaries();
        // Created and listed under the lock: a signal sees either no file or a listed one.
        let mut live = live();
        let file = builder.tempfile_in(dir)?;
        live.push(file.path().to_path_buf());
        let path = file.path().to_path_buf();
        Ok((file, Registered(path)))
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        live().retain(|p| *p != self.0);
    }
}

/// Renames the temporary over `target` under the registry's lock, so a signal cannot remove
/// it half-way.
fn persist(tmp: tempfile::NamedTempFile, target: &Path) -> std::io::Result<()> {
    let _live = live();
    tmp.persist(target).map(drop).map_err(|e| e.error)
}

/// What identifies a file for "is this the same file": device and inode where the file
/// exists (so other spellings, symbolic and hard links agree), else the absolute path with
/// its folder resolved.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum FileKey {
    /// Device and inode of an existing file.
    Node(u64, u64),
    /// A path that does not exist yet.
    Path(PathBuf),
}

impl FileKey {
    pub(crate) fn of(path: &Path) -> FileKey {
        #[cfg(unix)]
        if let Ok(meta) = std::fs::metadata(path) {
            use std::os::unix::fs::MetadataExt;
            return FileKey::Node(meta.dev(), meta.ino());
        }
        if let Ok(full) = std::fs::canonicalize(path) {
            return FileKey::Path(full);
        }
        let target = follow_links(path).unwrap_or_else(|_| path.to_path_buf());
        let dir = folder_of(&target);
        let dir = std::fs::canonicalize(dir)
            .or_else(|_| std::path::absolute(dir))
            .unwrap_or_else(|_| dir.to_path_buf());
        FileKey::Path(dir.join(target.file_name().unwrap_or_default()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signal_removes_live_temporaries() {
        let dir = std::env::temp_dir().join(format!("netfig-live-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut builder = tempfile::Builder::new();
        builder.prefix(".out.svg.").suffix(".tmp");
        let (tmp, registered) = Registered::create(&builder, &dir).unwrap();
        let path = tmp.path().to_path_buf();
        assert!(path.exists());
        assert!(live().contains(&path));
        drop(remove_temporaries());
        assert!(
            !path.exists(),
            "the handler's cleanup removes the temporary"
        );
        drop((tmp, registered));
        assert!(!live().contains(&path));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn temporaries_have_unpredictable_names() {
        let dir = std::env::temp_dir().join(format!("netfig-names-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut builder = tempfile::Builder::new();
        builder.prefix(".out.svg.").suffix(".tmp");
        let (a, _ra) = Registered::create(&builder, &dir).unwrap();
        let (b, _rb) = Registered::create(&builder, &dir).unwrap();
        assert_ne!(a.path(), b.path());
        let pid = format!(".out.svg.{}.tmp", std::process::id());
        assert!(!a.path().ends_with(&pid), "{}", a.path().display());
        drop((a, b));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
