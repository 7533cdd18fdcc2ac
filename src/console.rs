//! Standard output and standard error for the programs (`netfig`, `mdbook-netfig`): writes that
//! never panic (`print!` panics when a write fails).
//!
//! Rust ignores SIGPIPE, so a reader that goes away (`netfig check --format json | head -c 10`)
//! shows up as a broken-pipe error on write. That ends output quietly: the run keeps the exit
//! code it would have had. Any other failure (`2>/dev/full`: no space left) is an I/O failure:
//! the run exits 2 (see [`exit_code`]), with a message on standard error if that still works.

use std::io::Write;
use std::sync::atomic::{AtomicU8, Ordering};

/// Exit code: success.
pub(crate) const EXIT_OK: i32 = 0;
/// Exit code: the input has errors (syntax or check findings).
pub(crate) const EXIT_INPUT: i32 = 1;
/// Exit code: usage or I/O failure.
pub(crate) const EXIT_USAGE: i32 = 2;

const OK: u8 = 0;
const BROKEN_PIPE: u8 = 1;
const FAILED: u8 = 2;

/// The worst thing that happened to each stream.
static STDOUT: AtomicU8 = AtomicU8::new(OK);
static STDERR: AtomicU8 = AtomicU8::new(OK);

/// Writes `bytes` to standard output (nothing once a write to it has failed).
pub(crate) fn out(bytes: &[u8]) {
    if STDOUT.load(Ordering::Relaxed) != OK {
        return;
    }
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        drop(stdout);
        record(&STDOUT, &e);
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            err(&format!("error: cannot write to standard output: {e}\n"));
        }
    }
}

/// Writes `text` to standard error (nothing once a write to it has failed), its control and
/// bidirectional formatting characters other than line breaks shown escaped
/// ([`crate::diagnostic::printable`]): messages quote file names and user text, which must not
/// drive the terminal.
pub(crate) fn err(text: &str) {
    if STDERR.load(Ordering::Relaxed) != OK {
        return;
    }
    let text: String = text
        .split('\n')
        .map(crate::diagnostic::printable)
        .collect::<Vec<_>>()
        .join("\n");
    let mut stderr = std::io::stderr().lock();
    if let Err(e) = stderr
        .write_all(text.as_bytes())
        .and_then(|()| stderr.flush())
    {
        record(&STDERR, &e);
    }
}

/// `text` and a line break on standard error.
pub(crate) fn errln(text: &str) {
    err(&format!("{text}\n"));
}

fn record(stream: &AtomicU8, e: &std::io::Error) {
    let what = if e.kind() == std::io::ErrorKind::BrokenPipe {
        BROKEN_PIPE
    } else {
        FAILED
    };
    stream.fetch_max(what, Ordering::Relaxed);
}

/// The exit code of a run that would have exited `code`: 2 (I/O failure) at least when a write
/// failed for another reason than a broken pipe.
pub(crate) fn exit_code(code: i32) -> i32 {
    let worst = STDOUT
        .load(Ordering::Relaxed)
        .max(STDERR.load(Ordering::Relaxed));
    if worst == FAILED {
        code.max(EXIT_USAGE)
    } else {
        code
    }
}
