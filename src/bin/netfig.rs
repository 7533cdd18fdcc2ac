//! The `netfig` command line.
#![forbid(unsafe_code)]

fn main() {
    std::process::exit(netfig::cli::main(std::env::args_os().collect()));
}
