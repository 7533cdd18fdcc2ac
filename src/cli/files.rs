//! Reading the CLI's inputs (files, or `-` for standard input) through [`crate::input`], and
//! telling what an input is.

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

/// What an input is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum InputKind {
    Flowchart,
    Tcp,
}

impl InputKind {
    /// By extension, else by content: a mermaid flowchart header, or a YAML mapping with a
    /// top-level `transitions:` key. Unknown text is treated as a flowchart (its errors say why).
    /// `render` and `check` both decide with this.
    pub(crate) fn of(path: &Path, text: &str) -> InputKind {
        match path.extension().and_then(|e| e.to_str()) {
            Some("mmd" | "mermaid") => return InputKind::Flowchart,
            Some("yaml" | "yml") => return InputKind::Tcp,
            _ => {}
        }
        if crate::syntax::flowchart::is_flowchart(text) {
            InputKind::Flowchart
        } else if text
            .lines()
            .any(|l| l.starts_with("transitions:") || l.starts_with("\"transitions\":"))
        {
            InputKind::Tcp
        } else {
            InputKind::Flowchart
        }
    }
}
