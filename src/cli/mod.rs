//! The `netfig` command line: argument parsing and reporting around [`crate::pipeline`].
//! Exit codes: 0 ok, 1 the input has errors, 2 usage or I/O failure.

mod build;
mod check;
mod files;
mod install;
mod output;
mod reference;
mod render;
mod watch;

use clap::{Parser, Subcommand};
use std::ffi::OsString;

/// Exit code: success.
pub const EXIT_OK: i32 = crate::console::EXIT_OK;
/// Exit code: the input has errors (syntax or check findings).
pub const EXIT_INPUT: i32 = crate::console::EXIT_INPUT;
/// Exit code: usage or I/O failure.
pub const EXIT_USAGE: i32 = crate::console::EXIT_USAGE;

#[derive(Parser, Debug)]
#[command(
    name = "netfig",
    version,
    about = "Networking diagrams for mdBook: mermaid flowcharts and RFC 9293-checked TCP state machines"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Render diagrams to standalone SVG or PNG.
    Render(render::RenderArgs),
    /// Build an mdBook book in-process with the netfig preprocessor.
    Build(build::BuildArgs),
    /// Add `[preprocessor.netfig]` to a book's book.toml (idempotent, keeps comments).
    Install(install::InstallArgs),
    /// Check TCP state machine definitions against RFC 9293.
    Check(check::CheckArgs),
    /// Print the built-in RFC 9293 reference (yaml, json or a table).
    Reference(reference::ReferenceArgs),
}

/// Runs the CLI on `args` (including the program name) and returns the exit code.
pub fn main(args: Vec<OsString>) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
            // `--help` and `--version` go to stdout, usage errors to stderr; a failed write is
            // handled as `console` handles every other (a broken pipe quietly, else exit 2).
            return match e.print() {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => code.max(EXIT_USAGE),
                _ => code,
            };
        }
    };
    let code = match cli.command {
        Command::Render(args) => render::run(args),
        Command::Build(args) => build::run(args),
        Command::Install(args) => install::run(args),
        Command::Check(args) => check::run(args),
        Command::Reference(args) => reference::run(args),
    };
    crate::console::exit_code(code)
}
