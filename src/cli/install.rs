//! `netfig install [BOOK_DIR]`: adds `[preprocessor.netfig]` to book.toml, idempotently, keeping
//! the file's comments and layout.

use super::files::write_atomic;
use super::{EXIT_OK, EXIT_USAGE};
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub(crate) struct InstallArgs {
    /// The book's root folder (the one with book.toml).
    #[arg(default_value = ".")]
    book: PathBuf,
}

/// book.toml with the netfig preprocessor table added (or completed). `None` when nothing
/// needs to change.
pub(crate) fn with_netfig_table(toml: &str) -> Result<Option<String>, String> {
    let mut doc: toml_edit::DocumentMut = toml
        .parse()
        .map_err(|e| format!("book.toml is not valid TOML: {e}"))?;
    let before = doc.to_string();
    let pre = doc.entry("preprocessor").or_insert_with(|| {
        let mut t = toml_edit::Table::new();
        t.set_implicit(true);
        toml_edit::Item::Table(t)
    });
    let pre = pre
        .as_table_mut()
        .ok_or("`preprocessor` in book.toml is not a table")?;
    let netfig = pre
        .entry("netfig")
        .or_insert(toml_edit::Item::Table(toml_edit::Table::new()));
    // A `[preprocessor.netfig]` table or an inline `netfig = { … }`.
    let netfig = netfig
        .as_table_like_mut()
        .ok_or("`preprocessor.netfig` in book.toml is not a table")?;
    if !netfig.contains_key("command") {
        netfig.insert("command", toml_edit::value("mdbook-netfig"));
    }
    // After `links`, so `{{#include}}` inside a fence is expanded before netfig reads it.
    if !netfig.contains_key("after") {
        netfig.insert("after", toml_edit::value(toml_edit::Array::new()));
    }
    let after = netfig
        .get_mut("after")
        .ok_or("`preprocessor.netfig.after` is not an array")?;
    let after = after
        .as_array_mut()
        .ok_or("`preprocessor.netfig.after` is not an array")?;
    if !after.iter().any(|v| v.as_str() == Some("links")) {
        after.push("links");
    }
    let out = doc.to_string();
    Ok((out != before).then_some(out))
}

pub(crate) fn run(args: InstallArgs) -> i32 {
    let path = args.book.join("book.toml");
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", path.display());
            return EXIT_USAGE;
        }
    };
    match with_netfig_table(&text) {
        Ok(None) => {
            eprintln!(
                "{}: [preprocessor.netfig] already installed",
                path.display()
            );
            EXIT_OK
        }
        Ok(Some(new)) => match write_atomic(&path, new.as_bytes()) {
            Ok(()) => {
                eprintln!("{}: added [preprocessor.netfig]", path.display());
                EXIT_OK
            }
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", path.display());
                EXIT_USAGE
            }
        },
        Err(e) => {
            eprintln!("error: {}: {e}", path.display());
            EXIT_USAGE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_table_and_keeps_comments() {
        let src = "# my book\n[book]\ntitle = \"T\" # the title\n";
        let out = with_netfig_table(src).unwrap().unwrap();
        assert!(
            out.starts_with("# my book\n[book]\ntitle = \"T\" # the title\n"),
            "{out}"
        );
        assert!(
            out.contains(
                "[preprocessor.netfig]\ncommand = \"mdbook-netfig\"\nafter = [\"links\"]\n"
            ),
            "{out}"
        );
        assert_eq!(with_netfig_table(&out).unwrap(), None, "idempotent");
    }

    #[test]
    fn completes_an_existing_table() {
        let src = "[preprocessor.netfig]\nlang = \"zh\" # Chinese only\n";
        let out = with_netfig_table(src).unwrap().unwrap();
        assert!(out.contains("lang = \"zh\" # Chinese only"));
        assert!(out.contains("after = [\"links\"]"));
    }

    #[test]
    fn completes_an_inline_table() {
        let src = "[preprocessor]\nnetfig = { lang = \"zh\" }\n";
        let out = with_netfig_table(src).unwrap().unwrap();
        let doc: toml::Table = out.parse().unwrap();
        let netfig = &doc["preprocessor"]["netfig"];
        assert_eq!(netfig["lang"].as_str(), Some("zh"));
        assert_eq!(netfig["command"].as_str(), Some("mdbook-netfig"));
        assert_eq!(netfig["after"].as_array().unwrap().len(), 1);
        assert_eq!(with_netfig_table(&out).unwrap(), None, "idempotent");
    }

    #[test]
    fn rejects_broken_toml() {
        assert!(with_netfig_table("[book\n").is_err());
    }
}
