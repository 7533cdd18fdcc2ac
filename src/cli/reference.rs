//! `netfig reference [--format yaml|json|table] [--from STATE] [--to STATE]`: prints the
//! built-in RFC 9293 reference, or the transitions leaving or entering a state. The YAML form
//! is a definition that passes `netfig check`.
//!
//! `netfig reference --header tcp|udp|ipv4|ipv6 [--format packet|table]`: prints a header
//! format packet diagrams are checked against, as a mermaid `packet` diagram that passes its
//! own check, or as a bilingual table of its fields.

use super::EXIT_OK;
use crate::tcp::names::State;
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
    /// Only the transitions leaving this state (any spelling `check` accepts: TIME-WAIT,
    /// TIME_WAIT, 时间等待).
    #[arg(long, value_name = "STATE", value_parser = state)]
    from: Option<State>,
    /// Only the transitions entering this state.
    #[arg(long, value_name = "STATE", value_parser = state)]
    to: Option<State>,
}

/// A state name as `--from`/`--to` take it.
fn state(text: &str) -> Result<State, String> {
    State::parse(text).ok_or_else(|| {
        let names: Vec<&str> = State::ALL.iter().map(|s| s.name()).collect();
        format!("unknown state `{text}`; states: {}", names.join(", "))
    })
}

pub(crate) fn run(args: ReferenceArgs) -> i32 {
    use crate::packet::reference as headers;
    if args.header.is_some() && (args.from.is_some() || args.to.is_some()) {
        crate::console::errln("error: --from and --to filter the TCP state machine, not --header");
        return super::EXIT_USAGE;
    }
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
        (None, format) => {
            let filter = reference::Filter {
                from: args.from,
                to: args.to,
            };
            match (format, filter == reference::Filter::default()) {
                (None | Some(ReferenceFormat::Yaml), true) => reference::to_yaml(),
                (None | Some(ReferenceFormat::Yaml), false) => reference::yaml_where(filter),
                (Some(ReferenceFormat::Json), _) => reference::to_json_where(filter),
                (_, _) => reference::to_table_where(filter),
            }
        }
    };
    crate::console::out(text.as_bytes());
    EXIT_OK
}
