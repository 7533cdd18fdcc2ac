//! `netfig reference [--format yaml|json|table]`: prints the built-in RFC 9293 reference. The
//! YAML form is a `scope: full` definition that passes `netfig check`.
//!
//! `netfig reference --header tcp|udp|ipv4|ipv6 [--format packet|table]`: prints a header
//! format packet diagrams are checked against, as a mermaid `packet` diagram that passes its
//! own check, or as a bilingual table of its fields.

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
    /// A mermaid packet diagram (with `--header`).
    Packet,
}

#[derive(Args, Debug)]
pub(crate) struct ReferenceArgs {
    /// Output format (default: yaml, or packet with `--header`).
    #[arg(long, value_enum)]
    format: Option<ReferenceFormat>,
    /// A packet header format instead of the TCP state machine: tcp, udp, ipv4 or ipv6.
    #[arg(long, value_parser = ["tcp", "udp", "ipv4", "ipv6"])]
    header: Option<String>,
}

pub(crate) fn run(args: ReferenceArgs) -> i32 {
    use crate::packet::reference as headers;
    let text = match (args.header.as_deref().and_then(headers::by_id), args.format) {
        (Some(h), None | Some(ReferenceFormat::Packet)) => headers::to_packet(h),
        (Some(h), Some(ReferenceFormat::Table)) => headers::to_table(h),
        (Some(_), Some(f)) => {
            crate::console::errln(&format!(
                "error: --header prints --format packet or table, not {}",
                format!("{f:?}").to_lowercase()
            ));
            return super::EXIT_USAGE;
        }
        (None, Some(ReferenceFormat::Packet)) => {
            crate::console::errln("error: --format packet needs --header tcp|udp|ipv4|ipv6");
            return super::EXIT_USAGE;
        }
        (None, None | Some(ReferenceFormat::Yaml)) => reference::to_yaml(),
        (None, Some(ReferenceFormat::Json)) => reference::to_json(),
        (None, Some(ReferenceFormat::Table)) => reference::to_table(),
    };
    crate::console::out(text.as_bytes());
    EXIT_OK
}
