//! Files roster writes beside the database: private, and never seen half
//! written.

use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` (mode 0600) under a temporary name first, then
/// renames it over `path`: a reader sees the old file or the new one, never
/// half of one, and a file written again after a crash replaces itself.
/// Synced to disk before the rename.
pub(crate) fn replace_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    replace(path, bytes, true)
}

/// Like `replace_private`, without the sync: for what may be lost to a power
/// cut (an fsync costs a write command several milliseconds).
pub(crate) fn replace_private_unsynced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    replace(path, bytes, false)
}

fn replace(path: &Path, bytes: &[u8], sync: bool) -> std::io::Result<()> {
    let (mut file, partial) = new_partial(path)?;
    let written = file.write_all(bytes).and_then(|()| if sync { file.sync_all() } else { Ok(()) });
    let placed = written.and_then(|()| std::fs::rename(&partial, path));
    if placed.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    placed
}

/// A new file (mode 0600) beside `path`, under a name of its own: never one
/// that is there already (a planted file or symlink), never another
/// writer's.
pub fn new_partial(path: &Path) -> std::io::Result<(std::fs::File, PathBuf)> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut unique = [0u8; 8];
    rand::fill(&mut unique);
    let partial =
        path.with_file_name(format!(".{name}.{}.{}.partial", std::process::id(), crate::model::types::hex(&unique)));
    let file = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(&partial)?;
    Ok((file, partial))
}
