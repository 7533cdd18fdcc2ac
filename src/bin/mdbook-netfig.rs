//! `mdbook-netfig`: the mdBook preprocessor. `[preprocessor.netfig]` in book.toml runs it.
#![forbid(unsafe_code)]

fn main() {
    let args: Vec<String> = std::env::args().collect();
    std::process::exit(netfig::book::preprocessor_main(&args));
}
