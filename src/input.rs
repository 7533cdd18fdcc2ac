//! Reading diagram sources, the one way every reader does it (the CLI's files and standard
//! input, `netfig check`, the book's includes and `{{#include}}`d fences): a regular file only,
//! at most [`MAX_INPUT_BYTES`], decoded by [`decode`].
//!
//! Decoding problems are errors *in the input* (a [`Diagnostic`] at the first bad byte, exit 1),
//! not I/O failures; their codes are [`codes::input`](crate::diagnostic::codes::input)'s
//! (`E-INPUT-001` not UTF-8, `E-INPUT-002` not UTF-16, `E-INPUT-003` a NUL byte).

use crate::diagnostic::{Diagnostic, Span};
use std::io::Read;
use std::path::Path;

/// The largest source netfig reads (16 MiB): far above any real diagram (the largest in the
/// test corpora is under 100 KiB), and small enough that `/dev/zero` or a runaway pipe fails
/// fast instead of exhausting memory.
pub const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

/// Why a source could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// Opening or reading failed (missing file, permissions …).
    #[error("{0}")]
    Io(std::io::Error),
    /// The path names something other than a regular file; the text says what (“a folder”,
    /// “a character device” …).
    #[error("not a regular file ({0})")]
    NotAFile(&'static str),
    /// Longer than [`MAX_INPUT_BYTES`].
    #[error("larger than {} MiB, the most netfig reads", MAX_INPUT_BYTES / (1024 * 1024))]
    TooLarge,
    /// The bytes are not text: the source decoded lossily (for showing the line) and the
    /// located error.
    #[error("{}", .1.message)]
    Encoding(String, Diagnostic),
}

impl From<std::io::Error> for ReadError {
    fn from(e: std::io::Error) -> Self {
        ReadError::Io(e)
    }
}

/// The text of the file at `path` (symbolic links followed): refused unless it is a regular
/// file, before anything is opened (a FIFO would block, a device never end).
pub fn read_file(path: &Path) -> Result<String, ReadError> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile(what_is(&meta)));
    }
    let file = std::fs::File::open(path)?;
    decode(read_capped(file)?)
}

/// The text of standard input, capped like a file.
pub fn read_stdin() -> Result<String, ReadError> {
    decode(read_capped(std::io::stdin().lock())?)
}

/// Every byte of `reader`, or [`ReadError::TooLarge`] as soon as it passes the limit.
fn read_capped(reader: impl Read) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    reader.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(ReadError::TooLarge);
    }
    Ok(bytes)
}

/// What a non-regular file is, for the message.
fn what_is(meta: &std::fs::Metadata) -> &'static str {
    if meta.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_fifo() {
            return "a named pipe";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "a special file"
}

/// Source bytes as text: UTF-8 (a leading byte order mark dropped, as mdBook drops it from
/// chapters), or UTF-16 when the bytes start with its byte order mark (`FF FE` little endian,
/// `FE FF` big endian). Invalid text and NUL bytes are errors located at the first bad byte;
/// the error carries the text decoded lossily so the line can be shown.
pub fn decode(bytes: Vec<u8>) -> Result<String, ReadError> {
    let text = match bytes.as_slice() {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes, "little")?,
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes, "big")?,
        _ => utf8(bytes)?,
    };
    if let Some(at) = text.find('\0') {
        let d = Diagnostic::error(
            crate::diagnostic::codes::input::NUL_BYTE,
            Span::new(at, at + '\u{2400}'.len_utf8()),
            "NUL byte (U+0000) in the source; is this a binary file?",
        )
        .with_hint("diagram sources are text: remove the NUL byte");
        // Shown as the visible symbol for NUL (␀), the same width as the span.
        return Err(ReadError::Encoding(text.replace('\0', "\u{2400}"), d));
    }
    Ok(text)
}

fn utf8(mut bytes: Vec<u8>) -> Result<String, ReadError> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bad = e.as_bytes()[at];
        let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
        let d = Diagnostic::error(
            crate::diagnostic::codes::input::NOT_UTF8,
            Span::new(at, at + '\u{fffd}'.len_utf8()),
            format!("not valid UTF-8: byte 0x{bad:02X} here cannot start or continue a character"),
        )
        .with_hint("netfig reads UTF-8 (or UTF-16 with a byte order mark): save the file as UTF-8");
        ReadError::Encoding(lossy, d)
    })
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16, endian: &str) -> Result<String, ReadError> {
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut text = String::with_capacity(bytes.len());
    let mut first_bad = None;
    for c in char::decode_utf16(units) {
        let c = c.unwrap_or_else(|_| {
            first_bad.get_or_insert(text.len());
            '\u{fffd}'
        });
        text.push(c);
    }
    if bytes.len() % 2 == 1 {
        first_bad.get_or_insert(text.len());
        text.push('\u{fffd}');
    }
    match first_bad {
        None => Ok(text),
        Some(at) => {
            let d = Diagnostic::error(
                crate::diagnostic::codes::input::NOT_UTF16,
                Span::new(at, at + '\u{fffd}'.len_utf8()),
                format!(
                    "not valid UTF-16 ({endian} endian, by its byte order mark): an unpaired surrogate or a lone byte here"
                ),
            )
            .with_hint("save the file as UTF-8");
            Err(ReadError::Encoding(text, d))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(bytes: &[u8]) -> (String, Diagnostic) {
        match decode(bytes.to_vec()) {
            Err(ReadError::Encoding(text, d)) => (text, d),
            other => panic!("expected an encoding error, got {other:?}"),
        }
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode(b"flowchart LR".to_vec()).unwrap(), "flowchart LR");
        assert_eq!(
            decode(b"\xEF\xBB\xBFflowchart LR".to_vec()).unwrap(),
            "flowchart LR"
        );
    }

    #[test]
    fn invalid_utf8_is_located_at_the_first_bad_byte() {
        let (text, d) = error(b"flowchart LR\n  A[ok] --> B[\xFFx]\n");
        assert_eq!(d.code, "E-INPUT-001");
        assert_eq!(d.span.start, "flowchart LR\n  A[ok] --> B[".len());
        assert!(d.message.contains("0xFF"), "{}", d.message);
        assert_eq!(text, "flowchart LR\n  A[ok] --> B[\u{fffd}x]\n");
    }

    #[test]
    fn utf16_is_decoded_both_ways() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(
                "flowchart LR\nA-->B 中"
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(
                "flowchart LR\nA-->B 中"
                    .encode_utf16()
                    .flat_map(u16::to_be_bytes),
            )
            .collect();
        assert_eq!(decode(le).unwrap(), "flowchart LR\nA-->B 中");
        assert_eq!(decode(be).unwrap(), "flowchart LR\nA-->B 中");
    }

    #[test]
    fn broken_utf16_is_located() {
        // "A", then a lone high surrogate, then "B".
        let (text, d) = error(&[0xFF, 0xFE, b'A', 0, 0x00, 0xD8, b'B', 0]);
        assert_eq!(d.code, "E-INPUT-002");
        assert_eq!(d.span.start, 1);
        assert_eq!(text, "A\u{fffd}B");
        let (_, d) = error(&[0xFF, 0xFE, b'A', 0, b'B']);
        assert_eq!(d.span.start, 1, "a lone trailing byte");
    }

    #[test]
    fn nul_is_named() {
        let (_, d) = error(b"flowchart LR\nA\0B\n");
        assert_eq!(d.code, "E-INPUT-003");
        assert_eq!(d.span.start, "flowchart LR\nA".len());
        assert!(d.message.contains("NUL byte (U+0000)"));
    }
}
