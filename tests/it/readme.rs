//! README.md is honest: its main command and its CLI examples run, and CI runs its test command.

use crate::common;

use common::{copy_dir, netfig, root, scratch};

fn readme() -> String {
    std::fs::read_to_string(root().join("README.md")).unwrap()
}

/// Lines of the ```sh blocks of README.md.
fn shell_lines() -> Vec<String> {
    let text = readme();
    let mut lines = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            inside = !inside && line.trim() == "```sh";
            continue;
        }
        if inside && !line.trim().is_empty() {
            lines.push(line.trim().to_string());
        }
    }
    lines
}

/// Copies `diagrams/` and `book/` of the repository into `to`.
fn copy_diagrams(to: &std::path::Path) {
    copy_dir(&root().join("diagrams"), &to.join("diagrams"));
    copy_dir(&root().join("book"), &to.join("book"));
}

/// Splits a README command line into arguments and an optional `< file` redirection.
fn split(line: &str) -> (Vec<String>, Option<String>) {
    let mut args = Vec::new();
    let mut stdin = None;
    let mut words = line.split_whitespace();
    while let Some(w) = words.next() {
        if w == "<" {
            stdin = words.next().map(str::to_string);
        } else {
            args.push(w.to_string());
        }
    }
    (args, stdin)
}

#[test]
fn ci_runs_the_readme_test_command() {
    let lines = shell_lines();
    assert!(
        lines.iter().any(|l| l == "scripts/test"),
        "README gives `scripts/test` as the test command"
    );
    let ci = std::fs::read_to_string(root().join(".ci/run")).unwrap();
    assert!(
        ci.lines().any(|l| l.trim() == "scripts/test"),
        ".ci/run runs scripts/test"
    );
}

#[test]
fn main_command_and_examples_run() {
    let dir = scratch("readme");
    copy_diagrams(&dir);
    let mut ran = 0;
    for line in shell_lines() {
        let (args, stdin) = if let Some(rest) = line.strip_prefix("cargo run --release -- ") {
            split(rest)
        } else if let Some(rest) = line.strip_prefix("netfig ") {
            split(rest)
        } else {
            continue;
        };
        let input = stdin.map(|f| std::fs::read(dir.join(f)).unwrap());
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = netfig(&argv, &dir, input.as_deref());
        assert_eq!(
            o.status.code(),
            Some(0),
            "`{line}` failed: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        if let Some(i) = argv.iter().position(|a| *a == "-o") {
            let out = argv[i + 1];
            if out == "-" {
                assert!(!o.stdout.is_empty(), "`{line}` wrote nothing");
            } else {
                assert!(dir.join(out).is_file(), "`{line}` did not write {out}");
            }
        }
        ran += 1;
    }
    for edition in ["zh", "en"] {
        let index = dir.join(format!("target/book/{edition}/index.html"));
        assert!(
            index.is_file(),
            "the main command builds {}",
            index.display()
        );
    }
    assert!(ran >= 4, "README commands found: {ran}");
}
