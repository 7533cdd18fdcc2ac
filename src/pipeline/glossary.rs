//! Reading a user's glossary file (`--glossary FILE`, `glossary = "…"` in book.toml), the one
//! way both shells do it: through the capped reader [`crate::input::read_file`], parsed by
//! [`Glossary::with_user`] (its entries over the built-in ones).

use crate::diagnostic::{Report, SourceFile};
use crate::glossary::Glossary;
use crate::input::ReadError;
use std::path::Path;
use std::sync::Arc;

/// Why a glossary file cannot be used.
#[derive(Debug)]
#[non_exhaustive]
pub enum GlossaryError {
    /// It cannot be read (missing, not a regular file, too large): an I/O problem (exit 2).
    Read(ReadError),
    /// It is not text, or not a glossary: every problem, located in the file (exit 1).
    Invalid(Report),
}

impl std::fmt::Display for GlossaryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GlossaryError::Read(e) => write!(f, "{e}"),
            GlossaryError::Invalid(r) => write!(f, "{}", r.render().trim_end()),
        }
    }
}

/// The glossary in the file at `path` (named `shown` in messages) over the built-in one.
pub fn read_glossary(path: &Path, shown: &str) -> Result<Arc<Glossary>, GlossaryError> {
    let text = match crate::input::read_file(path) {
        Ok(text) => text,
        Err(ReadError::Encoding(lossy, d)) => {
            return Err(GlossaryError::Invalid(Report::new(
                SourceFile::new(shown, lossy),
                vec![d],
            )))
        }
        Err(e) => return Err(GlossaryError::Read(e)),
    };
    Glossary::with_user(&text)
        .map(Arc::new)
        .map_err(|d| GlossaryError::Invalid(Report::new(SourceFile::new(shown, text), d)))
}
