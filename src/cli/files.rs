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

/// The glossary `--glossary` names, read once before any input: `Ok(None)` without the
/// option; on failure the exit code, the problem already printed (a file that cannot be read
/// exits 2, as any I/O problem; one that is not a glossary exits 1 with every problem located
/// in it, as any input error).
pub(crate) fn read_glossary(
    path: Option<&Path>,
) -> Result<Option<std::sync::Arc<crate::glossary::Glossary>>, i32> {
    use crate::pipeline::GlossaryError;
    let Some(path) = path else {
        return Ok(None);
    };
    let shown = display_name(path);
    match crate::pipeline::read_glossary(path, &shown) {
        Ok(g) => Ok(Some(g)),
        Err(GlossaryError::Read(e)) => {
            crate::console::errln(&format!("error: cannot read glossary {shown}: {e}"));
            Err(super::EXIT_USAGE)
        }
        Err(GlossaryError::Invalid(report)) => {
            crate::console::errln(&report.render());
            crate::console::errln(&format!(
                "error: {shown}: {} error(s) in the glossary; nothing done",
                report.errors()
            ));
            Err(super::EXIT_INPUT)
        }
    }
}
