//! The mdBook preprocessor (reserved; implemented by the mdBook issue).
#![forbid(unsafe_code)]

fn main() {
    eprintln!("mdbook-netfig: the mdBook preprocessor is not implemented yet");
    std::process::exit(2);
}
