//! Problems in user input, as data (typst style): a severity, a stable code, a span into the
//! user's file, a message and hints. Libraries never print; the shells render diagnostics
//! through a [`Report`] (a file with its diagnostics: rustc-style text or JSON).
//!
//! One way to do each thing: every code is declared in [`codes`] (with its severity and
//! summary), did-you-mean hints come from [`suggest()`], diagnostics are put in order by
//! [`sort`], and a file is paired with its diagnostics by [`Report`].

pub mod codes;
mod report;
mod source;
mod suggest;

pub use report::{Finding, Report};
pub use source::{byte_offset, cell_width, printable, SourceFile};
pub use suggest::{max_edits, suggest, suggest_by};

/// A byte range `start..end` in a source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte (may equal `start` for a point).
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (byte offsets).
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start,
            end: end.max(start),
        }
    }
    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
    /// This span moved `by` bytes to the right (used when a block sits inside a larger file).
    pub fn shifted(self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }
}

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The input is wrong; the command exits 1.
    Error,
    /// Probably a mistake or something netfig ignores; output is still produced.
    Warning,
}

impl Severity {
    /// The word diagnostics are shown with, in text and in JSON: `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem in user input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable code such as `E-MMD-001`; tests and users' CI rely on it.
    pub code: &'static str,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Where in the source.
    pub span: Span,
    /// What to do about it ("expected `]`", "did you mean `LR`?").
    pub hints: Vec<String>,
}

impl Diagnostic {
    /// An error.
    pub fn error(code: &'static str, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            span,
            hints: Vec::new(),
        }
    }
    /// A warning.
    pub fn warning(code: &'static str, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            code,
            message: message.into(),
            span,
            hints: Vec::new(),
        }
    }
    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }
    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Whether any diagnostic in the list is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}

/// Puts one file's diagnostics in the order they are shown: by span start, then by code, the
/// order they were found in breaking the remaining ties (the sort is stable). The one sort of
/// diagnostics; a [`Report`] holds one file's, and several files' reports keep the order the
/// files were met in.
pub fn sort<D: std::borrow::Borrow<Diagnostic>>(diagnostics: &mut [D]) {
    diagnostics.sort_by_key(|d| {
        let d = d.borrow();
        (d.span.start, d.code)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_orders_by_start_then_code_then_source_order() {
        let d =
            |code, start, message| Diagnostic::error(code, Span::new(start, start + 1), message);
        let mut ds = vec![
            d("E-MMD-002", 5, "later"),
            d("E-MMD-003", 1, "first b"),
            d("E-MMD-001", 1, "first a"),
            d("E-MMD-003", 1, "first b again"),
            d("E-MMD-001", 0, "start"),
        ];
        sort(&mut ds);
        let order: Vec<&str> = ds.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            order,
            ["start", "first a", "first b", "first b again", "later"]
        );
        // References sort the same way.
        let mut refs: Vec<&Diagnostic> = ds.iter().rev().collect();
        sort(&mut refs);
        let again: Vec<&str> = refs.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            again,
            ["start", "first a", "first b again", "first b", "later"],
            "equal keys keep the order they came in"
        );
    }

    #[test]
    fn severity_words() {
        assert_eq!(Severity::Error.as_str(), "error");
        assert_eq!(Severity::Warning.as_str(), "warning");
    }
}
