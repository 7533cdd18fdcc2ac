//! What a caller asks of [`super::compile`]: one set of options for every kind of diagram.

use crate::model::{LangChoice, Theme};
use std::path::PathBuf;

/// What a state machine produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum View {
    /// The state diagram (SVG).
    #[default]
    Diagram,
    /// The state table.
    Table,
    /// Both, diagram first.
    Both,
}

impl std::str::FromStr for View {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "diagram" => Ok(View::Diagram),
            "table" => Ok(View::Table),
            "both" => Ok(View::Both),
            _ => Err(format!(
                "unknown view `{s}` (expected diagram, table or both)"
            )),
        }
    }
}

impl View {
    /// Whether the view includes the diagram.
    pub fn has_diagram(self) -> bool {
        matches!(self, View::Diagram | View::Both)
    }
    /// Whether the view includes the table.
    pub fn has_table(self) -> bool {
        matches!(self, View::Table | View::Both)
    }
}

/// How a state table is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum TableFormat {
    /// HTML through a handlebars template (`templates/state-table.html.hbs`).
    #[default]
    Html,
    /// A Markdown (GFM) table.
    Markdown,
}

impl std::str::FromStr for TableFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "html" => Ok(TableFormat::Html),
            "md" | "markdown" => Ok(TableFormat::Markdown),
            _ => Err(format!("unknown table format `{s}` (expected html or md)")),
        }
    }
}

/// What to do with the findings of a check against a reference (RFC 9293 for state machines).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum CheckMode {
    /// Findings that are errors stop rendering.
    #[default]
    Deny,
    /// Findings are returned as warnings.
    Warn,
    /// Nothing is checked.
    Off,
}

impl std::str::FromStr for CheckMode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "deny" => Ok(CheckMode::Deny),
            "warn" => Ok(CheckMode::Warn),
            "off" => Ok(CheckMode::Off),
            _ => Err(format!(
                "unknown check mode `{s}` (expected deny, warn or off)"
            )),
        }
    }
}

/// What the caller wants, for every kind of diagram (a kind ignores what does not apply to it:
/// a flowchart has no table).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Options {
    /// Which label lines to keep.
    pub lang: LangChoice,
    /// Colour theme.
    pub theme: Theme,
    /// Id prefix for the SVG; `None` derives one from the source text, so output stays
    /// byte-identical for identical input.
    pub id_prefix: Option<String>,
    /// Diagram, table or both (state machines).
    pub view: View,
    /// Format of the table.
    pub table_format: TableFormat,
    /// A folder whose `state-table.html.hbs`, if present, replaces the built-in template.
    pub template_dir: Option<PathBuf>,
    /// How check findings are treated.
    pub check: CheckMode,
}
