//! A file paired with its diagnostics, and the two ways the shells show them: rustc-style text
//! and JSON (`netfig check --format json`).

use super::{sort, Diagnostic, Severity, SourceFile};
use serde::Serialize;
use std::sync::Arc;

/// One diagnostic with the file it points into (a chapter, or a file it includes): what a
/// stage that spans several files (the mdBook preprocessor) finds, one at a time. The shells
/// show findings grouped into [`Report`]s.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Finding {
    /// The file, for `file:line:col` and the source line.
    pub file: Arc<SourceFile>,
    /// The problem.
    pub diagnostic: Diagnostic,
}

impl Finding {
    /// rustc-style text of the finding.
    pub fn render(&self) -> String {
        self.file.render(&self.diagnostic)
    }
    /// Whether it is an error.
    pub fn is_error(&self) -> bool {
        self.diagnostic.is_error()
    }
}

/// A file and every diagnostic that points into it, in [`sort`]'s order: the one shape in
/// which the CLI and the mdBook preprocessor show diagnostics.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Report {
    /// The file, for `file:line:col` and the source lines.
    pub file: Arc<SourceFile>,
    /// Its diagnostics, sorted.
    pub diagnostics: Vec<Diagnostic>,
}

/// One diagnostic as `netfig check --format json` lists it. The fields are in alphabetical
/// order, as they always were written (the document used to be built from a sorted map).
#[derive(Serialize)]
struct JsonFinding<'a> {
    code: &'static str,
    col: usize,
    end_col: usize,
    end_line: usize,
    file: &'a str,
    hints: &'a [String],
    line: usize,
    message: &'a str,
    severity: &'static str,
}

impl Report {
    /// The report of `file`, its diagnostics put in order.
    pub fn new(file: impl Into<Arc<SourceFile>>, mut diagnostics: Vec<Diagnostic>) -> Self {
        sort(&mut diagnostics);
        Report {
            file: file.into(),
            diagnostics,
        }
    }

    /// Findings grouped by the file they point into (files compared by name), in the order the
    /// files first appear; each report sorted.
    pub fn group(findings: impl IntoIterator<Item = Finding>) -> Vec<Report> {
        let mut reports: Vec<Report> = Vec::new();
        for f in findings {
            match reports.iter_mut().find(|r| r.file.name() == f.file.name()) {
                Some(r) => r.diagnostics.push(f.diagnostic),
                None => reports.push(Report {
                    file: f.file,
                    diagnostics: vec![f.diagnostic],
                }),
            }
        }
        for r in &mut reports {
            sort(&mut r.diagnostics);
        }
        reports
    }

    /// How many diagnostics are errors.
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// How many diagnostics are warnings.
    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// rustc-style text of every diagnostic (see [`SourceFile::render`]), a blank line between
    /// them; empty when there are none.
    pub fn render(&self) -> String {
        self.file.render_all(&self.diagnostics)
    }

    /// Each diagnostic as a JSON object: `file`, `line`, `col`, `end_line`, `end_col` (1-based,
    /// columns in characters), `severity` (`error`/`warning`), `code`, `message`, `hints`.
    pub fn to_json(&self) -> Vec<serde_json::Value> {
        let mut sorted: Vec<&Diagnostic> = self.diagnostics.iter().collect();
        sort(&mut sorted);
        sorted
            .into_iter()
            .map(|d| {
                let (line, col) = self.file.line_col(d.span.start);
                let (end_line, end_col) = self.file.line_col(d.span.end);
                let finding = JsonFinding {
                    code: d.code,
                    col,
                    end_col,
                    end_line,
                    file: self.file.name(),
                    hints: &d.hints,
                    line,
                    message: &d.message,
                    severity: Severity::as_str(d.severity),
                };
                serde_json::to_value(finding).unwrap_or_default()
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{codes, Span};

    fn file(name: &str, text: &str) -> Arc<SourceFile> {
        Arc::new(SourceFile::new(name, text))
    }

    #[test]
    fn findings_group_by_file_in_first_seen_order_and_sort() {
        let chapter = file("ch.md", "abc\ndef\n");
        let included = file("x.mmd", "flowchart\n");
        let at = |f: &Arc<SourceFile>, start, code| Finding {
            file: f.clone(),
            diagnostic: Diagnostic::error(code, Span::new(start, start + 1), "m"),
        };
        let reports = Report::group([
            at(&chapter, 5, codes::book::BAD_BLOCK_ATTRIBUTE),
            at(&included, 0, codes::mmd::NOT_FLOWCHART),
            at(
                &file("ch.md", "abc\ndef\n"),
                1,
                codes::book::UNREADABLE_INCLUDE,
            ),
        ]);
        let shape: Vec<(&str, Vec<usize>)> = reports
            .iter()
            .map(|r| {
                (
                    r.file.name(),
                    r.diagnostics.iter().map(|d| d.span.start).collect(),
                )
            })
            .collect();
        assert_eq!(shape, [("ch.md", vec![1, 5]), ("x.mmd", vec![0])]);
        assert_eq!((reports[0].errors(), reports[0].warnings()), (2, 0));
        assert!(reports[0].has_errors());
        assert_eq!(
            reports[0].render(),
            format!(
                "{}\n{}",
                chapter.render(&reports[0].diagnostics[0]),
                chapter.render(&reports[0].diagnostics[1])
            )
        );
    }

    #[test]
    fn json_lists_positions_severity_and_hints() {
        let f = SourceFile::new("a.yaml", "x: 1\n中y: 2\n");
        let report = Report::new(
            f,
            vec![
                Diagnostic::warning(codes::tcp::GLOSSARY_CONTRADICTION, Span::new(8, 9), "w")
                    .with_hint("h"),
                Diagnostic::error(codes::tcp::UNKNOWN_KEY, Span::new(0, 1), "e"),
            ],
        );
        let json = serde_json::to_string(&report.to_json()).unwrap();
        assert_eq!(
            json,
            r#"[{"code":"E-TCP-011","col":1,"end_col":2,"end_line":1,"file":"a.yaml","hints":[],"line":1,"message":"e","severity":"error"},{"code":"W-TCP-009","col":2,"end_col":3,"end_line":2,"file":"a.yaml","hints":["h"],"line":2,"message":"w","severity":"warning"}]"#
        );
    }
}
