//! `netfig build [BOOK_DIR] [--dest-dir DIR]`: builds an mdBook book in-process, with the netfig
//! preprocessor registered (nothing else to install). A folder without `book.toml` whose
//! sub-folders are books (one per language, like this repository's `book/zh` and `book/en`)
//! builds each of them.

use super::{EXIT_INPUT, EXIT_OK, EXIT_USAGE};
use crate::book::Netfig;
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
}

pub(crate) fn run(args: BuildArgs) -> i32 {
    if args.book.join("book.toml").is_file() {
        return build_one(&args.book, args.dest_dir);
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
        code = code.max(build_one(&edition, dest));
    }
    code
}

fn build_one(dir: &std::path::Path, dest_dir: Option<PathBuf>) -> i32 {
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
            if format!("{e:#}").contains("netfig:") {
                EXIT_INPUT
            } else {
                EXIT_USAGE
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
