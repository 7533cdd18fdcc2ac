//! Hostile input through the real binary (issue 9): what reaches the terminal and what reaches
//! the SVG.

use crate::common;

use common::{netfig, root, scratch};

/// Bytes a terminal acts on: C0 controls but the line feed, DEL, C1 controls (UTF-8
/// `C2 80`–`C2 9F`), and the bidi embeddings, overrides and isolates (`E2 80 AA`–`AE`, `E2 81
/// A6`–`A9`).
fn terminal_controls(out: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(out);
    text.chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
        })
        .map(|c| format!("U+{:04X}", u32::from(c)))
        .collect()
}

/// ESC, BEL and RIGHT-TO-LEFT OVERRIDE in a label and in the file name: `render` and `check`
/// print them escaped (`\u{1b}`), the caret under the right column. (A NUL makes the file
/// not text, reported with its own error; the unit tests of `SourceFile::render` cover it.)
#[test]
fn diagnostics_show_control_characters_escaped() {
    let dir = scratch("cli-hostile-controls");
    let name = "a\u{1b}[31m\u{202e}.mmd";
    let file = dir.join(name);
    std::fs::write(
        &file,
        "flowchart LR\n  A[\u{1b}[2J\u{1b}]0;pwn\u{7}x\u{202e}y] --> B[\"\u{1b}[31m\n",
    )
    .unwrap();
    let render = netfig(
        &[
            "render",
            file.to_str().unwrap(),
            "-o",
            dir.join("o.svg").to_str().unwrap(),
        ],
        &root(),
        None,
    );
    assert_eq!(render.status.code(), Some(1));
    let check = netfig(&["check", dir.to_str().unwrap()], &root(), None);
    assert_eq!(check.status.code(), Some(1));
    for o in [&render, &check] {
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(
            terminal_controls(&o.stderr),
            Vec::<String>::new(),
            "{stderr:?}"
        );
        assert!(stderr.contains("a\\u{1b}[31m\\u{202e}.mmd:2:"), "{stderr}");
        let source = stderr
            .lines()
            .find(|l| l.starts_with("2 | "))
            .unwrap_or_else(|| panic!("source line in {stderr}"));
        assert!(
            source.contains("A[\\u{1b}[2J\\u{1b}]0;pwn\\u{7}x\\u{202e}y]"),
            "{source}"
        );
        // The caret sits under the character the diagnostic names, as shown.
        let (head, rest) = stderr.split_once("2 | ").unwrap();
        let caret_line = rest.lines().nth(1).unwrap();
        let caret = caret_line.find('^').unwrap();
        let (_, col) = head.lines().next().unwrap().rsplit_once(".mmd:2:").unwrap();
        let col: usize = col.split(':').next().unwrap().parse().unwrap();
        let shown_before: String = {
            let src = "  A[\u{1b}[2J\u{1b}]0;pwn\u{7}x\u{202e}y] --> B[\"\u{1b}[31m";
            src.chars()
                .take(col - 1)
                .map(|c| {
                    if c.is_control() || c == '\u{202e}' {
                        format!("\\u{{{:x}}}", u32::from(c))
                    } else {
                        c.to_string()
                    }
                })
                .collect()
        };
        assert_eq!(
            caret - "  | ".len(),
            shown_before.chars().count(),
            "{stderr}"
        );
    }
}

/// Theme variables from front matter and `%%{init}%%` that would load something or break out
/// of the stylesheet are dropped (with warnings, declared in the fixture): the SVG's only
/// `url(` are netfig's own marker references, and it names no other resource.
#[test]
fn theme_variables_cannot_load_anything() {
    let dir = scratch("cli-hostile-theme");
    let out = dir.join("t.svg");
    let o = netfig(
        &[
            "render",
            "tests/fixtures/mmd/hostile-theme-variables.mmd",
            "-o",
            out.to_str().unwrap(),
        ],
        &root(),
        None,
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    assert_eq!(stderr.matches("warning[W-MMD-007]").count(), 8, "{stderr}");
    for name in ["primaryColor", "lineColor", "fontFamily", "mainBkg"] {
        assert!(
            stderr.contains(&format!("theme variable `{name}` ignored")),
            "{stderr}"
        );
    }
    let svg = std::fs::read_to_string(&out).unwrap();
    let lower = svg.to_ascii_lowercase();
    for (i, _) in lower.match_indices("url(") {
        assert!(
            lower[i..].starts_with("url(#nf-"),
            "{}",
            &svg[i..(i + 60).min(svg.len())]
        );
    }
    for bad in [
        "expression",
        "@import",
        "javascript:",
        "x.invalid",
        "image-set",
        "<script",
        "alert(",
    ] {
        assert!(!lower.contains(bad), "{bad} in {svg}");
    }
    // The safe ones still apply.
    assert!(svg.contains("#00ff00"), "titleColor kept");
    assert!(svg.contains("'Noto Sans', sans-serif"), "fontFamily kept");
}

/// Every message on standard error, not only diagnostics, shows a file name's control
/// characters escaped: `check` and `render` failing to read, `install` and `build` failing to
/// load a book.
#[test]
fn other_messages_show_control_characters_escaped() {
    let dir = scratch("cli-hostile-messages");
    let missing = dir.join("gone\u{1b}]0;pwn\u{7}.yaml");
    let missing = missing.to_str().unwrap();
    let folder = dir.join("book\u{1b}[2J");
    std::fs::create_dir_all(&folder).unwrap();
    let folder = folder.to_str().unwrap();
    for args in [
        vec!["check", missing],
        vec!["render", missing, "-o", "-"],
        vec!["install", folder],
        vec!["build", folder],
    ] {
        let o = netfig(&args, &root(), None);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(
            terminal_controls(&o.stderr),
            Vec::<String>::new(),
            "{args:?}: {stderr:?}"
        );
        assert!(stderr.contains("\\u{1b}"), "{args:?}: {stderr}");
    }
}
