//! `netfig build [BOOK_DIR] [--dest-dir DIR] [--glossary FILE]`: builds an mdBook book in-process, with the netfig
//! preprocessor registered (nothing else to install). A folder without `book.toml` whose
//! sub-folders are books (one per language, like this repository's `book/zh` and `book/en`)
//! builds each of them.

use super::{EXIT_INPUT, EXIT_OK, EXIT_USAGE};
use crate::book::{BookError, Netfig};
use crate::console::{errln, out};
use clap::Args;
use mdbook_driver::MDBook;
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub(crate) struct BuildArgs {
    /// The book's root folder (the one with book.toml).
    #[arg(default_value = ".")]
    book: PathBuf,
    /// Output folder (default: the book's `build.build-dir`, usually `book/`).
    #[arg(long)]
    dest_dir: Option<PathBuf>,
    /// A glossary (YAML list of `zh:`/`en:` pairs) in place of book.toml's `glossary`.
    #[arg(long, value_name = "FILE")]
    glossary: Option<PathBuf>,
}

pub(crate) fn run(args: BuildArgs) -> i32 {
    if let Err(code) = super::files::read_glossary(args.glossary.as_deref()) {
        return code;
    }
    let glossary = args.glossary.as_deref();
    if args.book.join("book.toml").is_file() {
        return build_one(&args.book, args.dest_dir, glossary);
    }
    let mut editions: Vec<PathBuf> = std::fs::read_dir(&args.book)
        .map(|dir| {
            dir.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.join("book.toml").is_file())
                .collect()
        })
        .unwrap_or_default();
    editions.sort();
    if editions.is_empty() {
        errln(&format!(
            "error: {} has no book.toml (nor sub-folders with one)",
            args.book.display()
        ));
        return EXIT_USAGE;
    }
    let mut code = EXIT_OK;
    for edition in editions {
        let dest = args
            .dest_dir
            .as_ref()
            .map(|d| d.join(edition.file_name().unwrap_or_default()));
        code = code.max(build_one(&edition, dest, glossary));
    }
    code
}

fn build_one(dir: &std::path::Path, dest_dir: Option<PathBuf>, glossary: Option<&Path>) -> i32 {
    let mut book = match MDBook::load(dir) {
        Ok(b) => b,
        Err(e) => {
            errln(&format!(
                "error: cannot load the book in {}: {e:#}",
                dir.display()
            ));
            return EXIT_USAGE;
        }
    };
    if let Some(dest) = dest_dir {
        book.config.build.build_dir = std::path::absolute(&dest).unwrap_or(dest);
    }
    if let Some(g) = glossary {
        // Absolute, so that the preprocessor's "relative to the book root" leaves it as is.
        let g = std::path::absolute(g).unwrap_or_else(|_| g.to_path_buf());
        if let Err(e) = book.config.set("preprocessor.netfig.glossary", g) {
            errln(&format!("error: --glossary: {e:#}"));
            return EXIT_USAGE;
        }
    }
    // Replaces a `[preprocessor.netfig]` command with the in-process one, keeping its place.
    book.with_preprocessor(Netfig);
    match book.build() {
        Ok(()) => {
            let html = shown(&book.build_dir_for("html"));
            let index = html.join("index.html");
            let shown = if index.is_file() { index } else { html };
            out(format!("{}\n", shown.display()).as_bytes());
            EXIT_OK
        }
        Err(e) => {
            errln(&format!("error: {e:#}"));
            match BookError::find(&e) {
                Some(netfig) if netfig.is_input() => EXIT_INPUT,
                _ => EXIT_USAGE,
            }
        }
    }
}

/// `book/en/../../target/book/en` as `target/book/en`, unless a symlinked folder on the way
/// makes the shorter spelling name another place.
fn shown(path: &Path) -> PathBuf {
    let short = super::watch::normalized(path);
    match (std::fs::canonicalize(path), std::fs::canonicalize(&short)) {
        (Ok(a), Ok(b)) if a == b => short,
        _ => path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/books")
            .join(name)
    }

    /// The exit code says whose fault a failed build is, from the error's type: errors in the
    /// book's diagrams exit 1; anything else exits 2, even when its message happens to
    /// contain `netfig:` (here the output folder's path: the exit code used to be chosen by
    /// looking for that text).
    #[test]
    fn the_exit_code_comes_from_the_error_type() {
        let scratch = tempfile::tempdir().expect("a scratch folder");
        let bad = fixture("bad");
        assert_eq!(
            build_one(&bad, Some(scratch.path().join("bad")), None),
            EXIT_INPUT
        );
        let in_the_way = scratch.path().join("netfig: not a folder");
        std::fs::write(&in_the_way, "").expect("a file where the output should go");
        assert_eq!(
            build_one(&fixture("ok"), Some(in_the_way.join("out")), None),
            EXIT_USAGE
        );
    }
}
