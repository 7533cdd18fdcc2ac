//! The English edition of the book has no Chinese character in any diagram (issue 14): built by
//! a stock `mdbook` calling the real `mdbook-netfig`, with the built-in glossary only (the
//! edition names none), every `<svg>` of every page is free of Han characters.

use crate::common::{has_han, mdbook, path_with_mdbook_netfig, root, scratch};
use std::process::Command;

pub(crate) fn the_english_edition_has_no_han_character_in_any_diagram() {
    let toml = std::fs::read_to_string(root().join("book/en/book.toml")).unwrap();
    assert!(
        !toml.contains("glossary"),
        "the English edition relies on the built-in glossary alone"
    );
    let dest = scratch("book-lang").join("en");
    let o = Command::new(mdbook())
        .args(["build", "book/en", "--dest-dir"])
        .arg(&dest)
        .current_dir(root())
        .env("PATH", path_with_mdbook_netfig())
        .output()
        .expect("run mdbook");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "mdbook build book/en: {stderr}");
    assert!(
        !stderr.contains("W-LANG-001"),
        "every label line translated: {stderr}"
    );
    let mut pages = 0;
    let mut diagrams = 0;
    let mut failures = Vec::new();
    for entry in std::fs::read_dir(&dest).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("html") {
            continue;
        }
        pages += 1;
        let html = std::fs::read_to_string(&path).unwrap();
        let mut rest = html.as_str();
        while let Some(at) = rest.find("<svg") {
            let end = rest[at..]
                .find("</svg>")
                .map_or(rest.len(), |e| at + e + "</svg>".len());
            let svg = &rest[at..end];
            diagrams += 1;
            if has_han(svg) {
                let han: String = svg
                    .lines()
                    .filter(|l| has_han(l))
                    .take(3)
                    .collect::<Vec<_>>()
                    .join("\n");
                failures.push(format!("{}:\n{han}", path.display()));
            }
            rest = &rest[end..];
        }
    }
    assert!(
        pages >= 5 && diagrams >= 5,
        "{pages} pages, {diagrams} diagrams"
    );
    assert!(
        failures.is_empty(),
        "Han characters in diagrams:\n{}",
        failures.join("\n")
    );
}
