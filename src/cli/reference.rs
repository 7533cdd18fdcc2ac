//! `netfig reference [--format yaml|json|table]`: prints the built-in RFC 9293 reference. The
//! YAML form is a `scope: full` definition that passes `netfig check`.

use super::EXIT_OK;
use crate::tcp::reference;
use clap::{Args, ValueEnum};

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ReferenceFormat {
    /// A definition in netfig's YAML format.
    Yaml,
    /// JSON for machines.
    Json,
    /// A Markdown table.
    Table,
}

#[derive(Args, Debug)]
pub(crate) struct ReferenceArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReferenceFormat::Yaml)]
    format: ReferenceFormat,
}

pub(crate) fn run(args: ReferenceArgs) -> i32 {
    let text = match args.format {
        ReferenceFormat::Yaml => reference::to_yaml(),
        ReferenceFormat::Json => reference::to_json(),
        ReferenceFormat::Table => reference::to_table(),
    };
    crate::console::out(text.as_bytes());
    EXIT_OK
}
