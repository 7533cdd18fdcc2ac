//! Reading inputs (files or `-` for stdin, UTF-8 only) and writing outputs safely: a temporary
//! file in the target folder, then a rename, so a failed or interrupted run never leaves a
//! half-written file.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically (temporary sibling + rename), or to stdout for `-`.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if path.as_os_str() == "-" {
        let mut out = std::io::stdout().lock();
        out.write_all(bytes)?;
        return out.flush();
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Reads `input` (`-` = standard input) as UTF-8; returns its display name and its text.
pub(crate) fn read_input(input: &Path) -> std::io::Result<(String, String)> {
    use std::io::Read;
    if input.as_os_str() == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s)?;
        return Ok(("<stdin>".to_string(), without_bom(s)));
    }
    let bytes = std::fs::read(input)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "not valid UTF-8"))?;
    Ok((input.display().to_string(), without_bom(text)))
}

/// The text without a leading byte order mark (editors on Windows add one; mdBook ignores it
/// too). Positions in diagnostics then count from the first real character.
fn without_bom(mut text: String) -> String {
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    text
}
