//! Reading the CLI's inputs (files, or `-` for standard input) through [`crate::input`].

use crate::input::ReadError;
use std::path::Path;

/// Reads `input` (`-` = standard input); returns its display name and its text.
pub(crate) fn read_input(input: &Path) -> Result<(String, String), ReadError> {
    let text = if input.as_os_str() == "-" {
        crate::input::read_stdin()?
    } else {
        crate::input::read_file(input)?
    };
    Ok((display_name(input), text))
}

/// The name an input goes by in messages.
pub(crate) fn display_name(input: &Path) -> String {
    if input.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        input.display().to_string()
    }
}
