//! The folders outside a book's `src` that its diagrams are read from. `mdbook serve` watches
//! only `src`, the theme and `book.toml`, plus `build.extra-watch-dirs`: `netfig install` adds
//! these folders there so that editing an included diagram rebuilds the page.

use crate::book::blocks::{self, Block};
use crate::book::Config;
use std::path::{Component, Path, PathBuf};

/// The folders, relative to the book's root and in the order the chapters first include
/// them, that hold files the book's chapters include through netfig (`{{#netfig file}}`, or an
/// mdBook `{{#include file}}` inside a netfig fence) and that lie outside the book's source
/// folder. Folders that do not exist are left out (`mdbook serve` refuses to watch them).
pub(super) fn included_dirs(root: &Path, book_toml: &str) -> Result<Vec<PathBuf>, String> {
    let mut mdbook_config: mdbook_driver::config::Config =
        book_toml.parse().map_err(|e| format!("book.toml: {e:#}"))?;
    // Reading the chapters must not create the missing ones, as `mdbook build` would.
    mdbook_config.build.create_missing = false;
    let netfig: Config = mdbook_config
        .get("preprocessor.netfig")
        .map_err(|e| format!("[preprocessor.netfig]: {e:#}"))?
        .unwrap_or_default();
    let root = normalized(&std::path::absolute(root).map_err(|e| e.to_string())?);
    let src = normalized(&root.join(&mdbook_config.book.src));
    let book = mdbook_driver::MDBook::load_with_config(&root, mdbook_config)
        .map_err(|e| format!("cannot read the chapters: {e:#}"))?;
    let claimed = netfig.claimed_fences();
    let mut dirs: Vec<PathBuf> = Vec::new();
    for item in book.iter() {
        let mdbook_driver::book::BookItem::Chapter(chapter) = item else {
            continue;
        };
        let Some(source) = &chapter.source_path else {
            continue;
        };
        let chapter_dir = src.join(source.parent().unwrap_or(Path::new("")));
        for path in included_paths(&chapter.content, &claimed) {
            let Some(dir) = normalized(&chapter_dir.join(path))
                .parent()
                .map(Path::to_path_buf)
            else {
                continue;
            };
            if dir.starts_with(&src) || !dir.is_dir() {
                continue;
            }
            let relative = relative_to(&dir, &root);
            if !dirs.contains(&relative) {
                dirs.push(relative);
            }
        }
    }
    Ok(dirs)
}

/// The paths a chapter includes: every `{{#netfig path}}` directive, and every mdBook
/// `{{#include path}}` (or `{{#rustdoc_include}}`) line inside a netfig fence.
fn included_paths(chapter: &str, claimed: &[String]) -> Vec<String> {
    let mut paths = Vec::new();
    for block in blocks::find(chapter, claimed) {
        match block {
            Block::Include(inc) => paths.push(inc.path),
            Block::Fence(fence) => {
                for line in fence.content.lines() {
                    let tail = line
                        .trim()
                        .strip_prefix("{{#include")
                        .or_else(|| line.trim().strip_prefix("{{#rustdoc_include"))
                        .and_then(|t| t.strip_suffix("}}"));
                    // `file.mmd:anchor` or `file.mmd:3:10` names a part of the file.
                    if let Some(path) = tail
                        .and_then(|t| t.split_whitespace().next())
                        .and_then(|p| p.split(':').next())
                    {
                        paths.push(path.to_string());
                    }
                }
            }
        }
    }
    paths
}

/// `path` with `.` dropped and each `..` taking away the folder before it, without asking the
/// file system (so `book/en/../../target` becomes `target`). A `..` at the start of a relative
/// path, or right after the root, is kept or dropped as the file system would treat it.
pub(super) fn normalized(path: &Path) -> PathBuf {
    let mut out: Vec<Component> = Vec::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => match out.last() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(component),
            },
            other => out.push(other),
        }
    }
    if out.is_empty() {
        return PathBuf::from(".");
    }
    out.iter().collect()
}

/// `path` relative to `base`, both absolute and normalized (`/a/b/c` from `/a/d` is `../b/c`).
fn relative_to(path: &Path, base: &Path) -> PathBuf {
    let path: Vec<Component> = path.components().collect();
    let base: Vec<Component> = base.components().collect();
    let common = path.iter().zip(&base).take_while(|(a, b)| a == b).count();
    let mut out = PathBuf::new();
    for _ in common..base.len() {
        out.push("..");
    }
    for component in &path[common..] {
        out.push(component);
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizing_drops_dots_and_resolves_parents() {
        let n = |p: &str| normalized(Path::new(p)).display().to_string();
        assert_eq!(n("book/en/../../target/book/en"), "target/book/en");
        assert_eq!(n("./a/./b/"), "a/b");
        assert_eq!(n("../../x"), "../../x");
        assert_eq!(n("a/../../x"), "../x");
        assert_eq!(n("/../x"), "/x");
        assert_eq!(n("a/.."), ".");
    }

    #[test]
    fn relative_paths_climb_to_the_common_folder() {
        let r = |p: &str, b: &str| {
            relative_to(Path::new(p), Path::new(b))
                .display()
                .to_string()
        };
        assert_eq!(r("/w/diagrams", "/w/book/en"), "../../diagrams");
        assert_eq!(r("/w/book/en/figs", "/w/book/en"), "figs");
        assert_eq!(r("/w", "/w"), ".");
    }

    #[test]
    fn includes_are_directives_and_include_lines_in_netfig_fences() {
        let chapter = "# T\n\n{{#netfig ../../d/a.mmd lang=en}}\n\n```mermaid\n{{#include ../x/b.mmd:2}}\n```\n\n```rust\n{{#include ../y/c.rs}}\n```\n\n`{{#netfig in/code.mmd}}`\n";
        let claimed = Config::default().claimed_fences();
        assert_eq!(
            included_paths(chapter, &claimed),
            ["../../d/a.mmd", "../x/b.mmd"]
        );
    }
}
