//! `netfig install [BOOK_DIR]`: adds `[preprocessor.netfig]` to book.toml, idempotently, keeping
//! the file's comments and layout.

use super::output::write_output;
use super::watch::normalized;
use super::{EXIT_OK, EXIT_USAGE};
use crate::console::errln;
use clap::Args;
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub(crate) struct InstallArgs {
    /// The book's root folder (the one with book.toml).
    #[arg(default_value = ".")]
    book: PathBuf,
}

/// book.toml with the netfig preprocessor table added (or completed). `None` when nothing
/// needs to change.
#[cfg(test)]
pub(crate) fn with_netfig_table(toml: &str) -> Result<Option<String>, String> {
    let mut doc = parse(toml)?;
    let before = doc.to_string();
    add_netfig_table(&mut doc)?;
    let out = doc.to_string();
    Ok((out != before).then_some(out))
}

fn parse(toml: &str) -> Result<toml_edit::DocumentMut, String> {
    toml.parse()
        .map_err(|e| format!("book.toml is not valid TOML: {e}"))
}

/// Adds or completes `[preprocessor.netfig]`; returns notes for the user (a `command` other
/// than `mdbook-netfig` is kept, and said so).
fn add_netfig_table(doc: &mut toml_edit::DocumentMut) -> Result<Vec<String>, String> {
    let mut notes = Vec::new();
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
    match netfig.get("command") {
        None => {
            netfig.insert("command", toml_edit::value("mdbook-netfig"));
        }
        Some(command) if command.as_str() != Some("mdbook-netfig") => {
            let shown = command
                .as_str()
                .map(str::to_string)
                .unwrap_or_else(|| command.to_string().trim().to_string());
            notes.push(format!(
                "[preprocessor.netfig] keeps its command `{shown}` (netfig installs `mdbook-netfig`)"
            ));
        }
        Some(_) => {}
    }
    // After `links`, so `{{#include}}` inside a fence is expanded before netfig reads it.
    if !netfig.contains_key("after") {
        netfig.insert("after", toml_edit::value(toml_edit::Array::new()));
    }
    let after = netfig
        .get_mut("after")
        .and_then(|a| a.as_array_mut())
        .ok_or("`preprocessor.netfig.after` is not an array")?;
    if !after.iter().any(|v| v.as_str() == Some("links")) {
        after.push("links");
    }
    Ok(notes)
}

/// Adds the folders to `build.extra-watch-dirs` that are not there yet (an entry naming the
/// same folder in another spelling counts); returns the ones added.
fn add_watch_dirs(
    doc: &mut toml_edit::DocumentMut,
    dirs: &[PathBuf],
) -> Result<Vec<String>, String> {
    if dirs.is_empty() {
        return Ok(Vec::new());
    }
    let build = doc
        .entry("build")
        .or_insert(toml_edit::Item::Table(toml_edit::Table::new()))
        .as_table_like_mut()
        .ok_or("`build` in book.toml is not a table")?;
    if !build.contains_key("extra-watch-dirs") {
        build.insert(
            "extra-watch-dirs",
            toml_edit::value(toml_edit::Array::new()),
        );
    }
    let list = build
        .get_mut("extra-watch-dirs")
        .and_then(|a| a.as_array_mut())
        .ok_or("`build.extra-watch-dirs` is not an array")?;
    let mut added = Vec::new();
    for dir in dirs {
        let known = list.iter().any(|v| {
            v.as_str()
                .is_some_and(|s| normalized(Path::new(s)) == normalized(dir))
        });
        if !known {
            // Forward slashes: book.toml is shared between systems.
            let entry = dir
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            list.push(entry.as_str());
            added.push(entry);
        }
    }
    Ok(added)
}

pub(crate) fn run(args: InstallArgs) -> i32 {
    let link = args.book.join("book.toml");
    // A symlinked book.toml stays a link: its file is what changes.
    let path = std::fs::canonicalize(&link).unwrap_or_else(|_| link.clone());
    let text = match crate::input::read_file(&path) {
        Ok(t) => t,
        Err(e) => {
            errln(&format!("error: cannot read {}: {e}", link.display()));
            return EXIT_USAGE;
        }
    };
    let mut doc = match parse(&text) {
        Ok(doc) => doc,
        Err(e) => {
            errln(&format!("error: {}: {e}", link.display()));
            return EXIT_USAGE;
        }
    };
    let notes = match add_netfig_table(&mut doc) {
        Ok(notes) => notes,
        Err(e) => {
            errln(&format!("error: {}: {e}", link.display()));
            return EXIT_USAGE;
        }
    };
    let table_added = doc.to_string() != text;
    let watched = match super::watch::included_dirs(&args.book, &doc.to_string()) {
        Ok(dirs) => add_watch_dirs(&mut doc, &dirs),
        Err(e) => {
            errln(&format!(
                "warning: {}: build.extra-watch-dirs not updated: {e}",
                link.display()
            ));
            Ok(Vec::new())
        }
    };
    let watched = match watched {
        Ok(w) => w,
        Err(e) => {
            errln(&format!("error: {}: {e}", link.display()));
            return EXIT_USAGE;
        }
    };
    for note in &notes {
        errln(&format!("note: {}: {note}", link.display()));
    }
    let new = doc.to_string();
    if new == text {
        errln(&format!(
            "{}: [preprocessor.netfig] already installed",
            link.display()
        ));
        return EXIT_OK;
    }
    if let Err(e) = write_output(&path, new.as_bytes()) {
        errln(&format!("error: cannot write {}: {e}", link.display()));
        return EXIT_USAGE;
    }
    if table_added {
        errln(&format!("{}: added [preprocessor.netfig]", link.display()));
    }
    if !watched.is_empty() {
        errln(&format!(
            "{}: build.extra-watch-dirs += {} (mdbook serve rebuilds when an included diagram changes)",
            link.display(),
            watched.join(", ")
        ));
    }
    EXIT_OK
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
    fn another_command_is_kept_and_named() {
        let mut doc =
            parse("[preprocessor.netfig]\ncommand = \"cargo run --bin mdbook-netfig\"\n").unwrap();
        let notes = add_netfig_table(&mut doc).unwrap();
        assert!(doc
            .to_string()
            .contains("command = \"cargo run --bin mdbook-netfig\""));
        assert_eq!(notes.len(), 1);
        assert!(
            notes[0].contains("`cargo run --bin mdbook-netfig`"),
            "{notes:?}"
        );
        let mut doc = parse("[preprocessor.netfig]\ncommand = \"mdbook-netfig\"\n").unwrap();
        assert!(add_netfig_table(&mut doc).unwrap().is_empty());
    }

    #[test]
    fn watch_dirs_are_added_once_in_any_spelling() {
        let mut doc = parse("[build]\nextra-watch-dirs = [\"./../figs\"] # mine\n").unwrap();
        let dirs = [PathBuf::from("../figs"), PathBuf::from("../../diagrams")];
        let added = add_watch_dirs(&mut doc, &dirs).unwrap();
        assert_eq!(added, ["../../diagrams"]);
        let out = doc.to_string();
        assert!(out.contains("\"./../figs\", \"../../diagrams\"]"), "{out}");
        assert!(out.contains("# mine"), "{out}");
        assert!(
            add_watch_dirs(&mut doc, &dirs).unwrap().is_empty(),
            "idempotent"
        );
        let mut bare = parse("[book]\n").unwrap();
        add_watch_dirs(&mut bare, &dirs[..1]).unwrap();
        let table: toml::Table = bare.to_string().parse().unwrap();
        assert_eq!(
            table["build"]["extra-watch-dirs"][0].as_str(),
            Some("../figs")
        );
    }

    #[test]
    fn rejects_broken_toml() {
        assert!(with_netfig_table("[book\n").is_err());
    }
}
