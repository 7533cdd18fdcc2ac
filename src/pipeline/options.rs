//! What a caller asks of [`super::compile`]: one set of options for every kind of diagram.
//!
//! The option values ([`View`], [`TableFormat`], [`CheckMode`], and the model's
//! [`LangChoice`] and [`Theme`]) derive their parsing: `serde` for book.toml (lower-case names)
//! and, with the `cli` feature, `clap::ValueEnum` for the command line. [`parse_value`] reads
//! one from a string through the same serde names (the book's `lang=`/`view=` block
//! attributes).

use crate::glossary::Glossary;
use crate::model::{LangChoice, Theme};
use serde::de::{DeserializeOwned, IntoDeserializer};
use serde::Deserialize;
use std::path::PathBuf;
use std::sync::Arc;

/// An option value from its name (`zh`, `table`, `warn`, …; ASCII case ignored), through the
/// type's serde names. The error names the value and the ones expected, e.g. ``unknown variant
/// `fr`, expected one of `zh`, `en`, `both` ``.
pub fn parse_value<T: DeserializeOwned>(s: &str) -> Result<T, String> {
    let lower = s.to_ascii_lowercase();
    let de: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
        lower.as_str().into_deserializer();
    T::deserialize(de).map_err(|e| e.to_string())
}

/// What a diagram is drawn as. A view applies to some kinds only: `table` and `both` to TCP
/// state machines, `stack` to mermaid flowcharts that are layer diagrams. The shells (CLI,
/// book) reject a view that does not apply to the kind; [`super::compile`] ignores it and
/// draws the kind's diagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum View {
    /// The state diagram (SVG).
    #[default]
    Diagram,
    /// The state table.
    Table,
    /// Both, diagram first.
    Both,
    /// A layer diagram (two or more layer models side by side, e.g. OSI and TCP/IP) drawn as
    /// the textbook's stacks, mappings as spans; an error for a flowchart that is not one.
    Stack,
}

impl View {
    /// Whether the view includes the diagram.
    pub fn has_diagram(self) -> bool {
        matches!(self, View::Diagram | View::Both | View::Stack)
    }
    /// Whether the view includes the table.
    pub fn has_table(self) -> bool {
        matches!(self, View::Table | View::Both)
    }
    /// Whether the view applies to diagrams of `kind` (every kind has its diagram view).
    pub fn applies_to(self, kind: super::Kind) -> bool {
        match self {
            View::Diagram => true,
            View::Table | View::Both => kind == super::Kind::TcpStates,
            View::Stack => kind == super::Kind::Flowchart,
        }
    }
}

/// How a state table is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum TableFormat {
    /// HTML through a handlebars template (`templates/state-table.html.hbs`).
    #[default]
    Html,
    /// A Markdown (GFM) table.
    #[serde(alias = "md")]
    #[cfg_attr(feature = "cli", value(alias = "md"))]
    Markdown,
}

/// What to do with the findings of a check against a reference (RFC 9293 for state machines).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum CheckMode {
    /// Findings that are errors stop rendering.
    #[default]
    Deny,
    /// Findings are returned as warnings.
    Warn,
    /// Nothing is checked.
    Off,
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
    /// Diagram, table or both (state machines); stack (layer diagrams).
    pub view: View,
    /// Format of the table.
    pub table_format: TableFormat,
    /// A folder whose `state-table.html.hbs`, if present, replaces the built-in template.
    pub template_dir: Option<PathBuf>,
    /// How check findings are treated.
    pub check: CheckMode,
    /// The glossary that translates label lines written in one language (`--glossary`,
    /// book.toml `glossary`); `None`: the built-in one.
    pub glossary: Option<Arc<Glossary>>,
}

impl Options {
    /// The glossary to translate with: the user's (over the built-in one), else the built-in.
    pub fn glossary(&self) -> Arc<Glossary> {
        self.glossary.clone().unwrap_or_else(Glossary::builtin)
    }
}
