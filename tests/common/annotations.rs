//! The one walker for fixtures that carry their expected diagnostics inline
//! (`tests/fixtures/mmd/*.mmd`, `tests/fixtures/tcp/*.yaml`).
//!
//! An annotation is a comment of the fixture's own language — `%%` in a flowchart, `#` in
//! YAML — anywhere on a line (so one may sit inside a front-matter block, or after a value):
//!
//! ```text
//! %% error: LINE:COL CODE message
//! # warning: LINE:COL CODE message
//! ```
//!
//! `LINE:COL` is the 1-based position of the diagnostic's span start (columns count
//! characters), `CODE` its stable code, and `message` the message or a distinctive part of it
//! (it must occur in the message; it may not be empty). The diagnostics produced must be
//! exactly the ones annotated, as a multiset: two identical findings need two annotations.
//! An annotation inside a construct left open on purpose (an unclosed `[`, `"` or `accDescr {`)
//! is part of that construct's text: its message part must then avoid the closers (quote the
//! words after the `]` or `` ` ``, e.g. `to close the node label opened here`).
//! `NETFIG_SHOW=1` prints every fixture's diagnostics, and `NETFIG_BLESS=1` prints the
//! annotation lines a fixture produces (with the whole message) for pasting.

use netfig::diagnostic::{Diagnostic, Severity, SourceFile};
use std::path::Path;

/// One expected diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Expected {
    severity: Severity,
    line: usize,
    col: usize,
    code: String,
    message: String,
    /// The annotation's own line, for failure messages.
    written_on: usize,
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// The annotations of `src` (comments starting with `marker`), or what is malformed.
fn expectations(src: &str, marker: &str) -> Result<Vec<Expected>, String> {
    let mut out = Vec::new();
    for (n, line) in src.lines().enumerate() {
        let written_on = n + 1;
        let annotation = line.match_indices(marker).find_map(|(i, _)| {
            let rest = line[i + marker.len()..].trim_start();
            [Severity::Error, Severity::Warning]
                .into_iter()
                .find_map(|s| Some((s, rest.strip_prefix(severity_word(s))?.strip_prefix(':')?)))
        });
        let Some((severity, rest)) = annotation else {
            continue;
        };
        let malformed = |what: &str| format!("line {written_on}: {what} in `{}`", line.trim());
        let rest = rest.trim_start();
        let (pos, rest) = rest.split_once(' ').ok_or_else(|| malformed("no code"))?;
        let (l, c) = pos
            .split_once(':')
            .ok_or_else(|| malformed("no LINE:COL"))?;
        let (line_no, col) = match (l.parse(), c.parse()) {
            (Ok(l), Ok(c)) => (l, c),
            _ => return Err(malformed("LINE:COL is not two numbers")),
        };
        let (code, message) = rest
            .trim_start()
            .split_once(' ')
            .unwrap_or((rest.trim(), ""));
        if !code.starts_with("E-") && !code.starts_with("W-") {
            return Err(malformed("the code is not `E-…` or `W-…`"));
        }
        let message = message.trim();
        if message.is_empty() {
            return Err(malformed("no message after the code"));
        }
        out.push(Expected {
            severity,
            line: line_no,
            col,
            code: code.to_string(),
            message: message.to_string(),
            written_on,
        });
    }
    Ok(out)
}

/// The annotation line that `d` would match, with its whole message.
fn annotation_for(file: &SourceFile, marker: &str, d: &Diagnostic) -> String {
    let (line, col) = file.line_col(d.span.start);
    format!(
        "{marker} {}: {line}:{col} {} {}",
        severity_word(d.severity),
        d.code,
        d.message
    )
}

/// Checks one fixture: `Ok` when `diags` are exactly the annotated diagnostics, else what is
/// missing and what is unexpected, with the diagnostics rendered.
pub fn check_fixture(
    name: &str,
    src: &str,
    marker: &str,
    diags: &[Diagnostic],
) -> Result<(), String> {
    let file = SourceFile::new(name, src);
    let mut want = expectations(src, marker).map_err(|e| format!("{name}: {e}"))?;
    let mut unexpected = Vec::new();
    for d in diags {
        let (line, col) = file.line_col(d.span.start);
        let hit = want.iter().position(|e| {
            e.severity == d.severity
                && (e.line, e.col) == (line, col)
                && e.code == d.code
                && d.message.contains(&e.message)
        });
        match hit {
            Some(i) => {
                want.remove(i);
            }
            None => unexpected.push(annotation_for(&file, marker, d)),
        }
    }
    if want.is_empty() && unexpected.is_empty() {
        return Ok(());
    }
    let missing: Vec<String> = want
        .iter()
        .map(|e| {
            format!(
                "  (annotation on line {}) {} {}:{} {} {}",
                e.written_on,
                severity_word(e.severity),
                e.line,
                e.col,
                e.code,
                e.message
            )
        })
        .collect();
    Err(format!(
        "{name}:\n missing:\n{}\n unexpected (as annotations):\n{}\n{}",
        missing.join("\n"),
        unexpected
            .iter()
            .map(|u| format!("  {u}"))
            .collect::<Vec<_>>()
            .join("\n"),
        file.render_all(diags)
    ))
}

/// Checks every fixture with extension `ext` in `dir` (at least `at_least` of them), the
/// diagnostics of each coming from `diagnose`; fails with every mismatch at once.
pub fn check_fixtures(
    dir: &Path,
    ext: &str,
    marker: &str,
    at_least: usize,
    diagnose: impl Fn(&str) -> Vec<Diagnostic>,
) {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    assert!(
        files.len() >= at_least,
        "only {} fixtures in {}",
        files.len(),
        dir.display()
    );
    let show = std::env::var_os("NETFIG_SHOW").is_some();
    let bless = std::env::var_os("NETFIG_BLESS").is_some();
    let mut failures = Vec::new();
    for path in &files {
        let src = std::fs::read_to_string(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let diags = diagnose(&src);
        let file = SourceFile::new(name.as_str(), src.as_str());
        if show {
            eprintln!("{}", file.render_all(&diags));
        }
        if bless {
            println!("== {name}");
            for d in &diags {
                println!("{}", annotation_for(&file, marker, d));
            }
        }
        if let Err(e) = check_fixture(&name, &src, marker, &diags) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
