//! A state table: one row per transition (from, event, action, to, condition, RFC 9293
//! section), each
//! cell the lines the chosen language keeps. Built by [`crate::tcp::table`], written by
//! [`crate::render::table`] (HTML through a handlebars template, or Markdown).
//!
//! Serialized, it is the template's data (for users who write their own
//! `state-table.html.hbs`):
//!
//! * `lang`: `zh`, `en` or `both`;
//! * `title`, `headers[]` and each row's `from`, `event`, `action`, `to`, `condition`: lists of
//!   lines
//!   `{ text, lang }` (`lang` = `zh` or `en`), Chinese first, as the chosen language keeps them;
//! * each row's `section` (e.g. `3.3.2 Figure 5`, empty when not in the reference), `path`
//!   (`client`, `server`, `other`) and `from_id`/`to_id` (the states as the author wrote them).

use super::label::{LabelLine, Lang, LangChoice};
use serde::Serialize;

/// One line of a cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableLine {
    /// The text.
    pub text: String,
    /// Its language (serialized `zh` or `en`).
    pub lang: Lang,
}

impl From<&LabelLine> for TableLine {
    /// A label line, already selected for the chosen language, as a cell line.
    fn from(line: &LabelLine) -> Self {
        TableLine {
            text: line.text(),
            lang: line.lang,
        }
    }
}

/// One transition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableRow {
    /// The state it leaves.
    pub from: Vec<TableLine>,
    /// What triggers it.
    pub event: Vec<TableLine>,
    /// What the endpoint does (empty when the author gave nothing).
    pub action: Vec<TableLine>,
    /// The state it enters.
    pub to: Vec<TableLine>,
    /// When the reference applies it (each condition with its section), empty if always.
    pub condition: Vec<TableLine>,
    /// Where RFC 9293 has it (e.g. `3.3.2 Figure 5`), empty when not in the reference.
    pub section: String,
    /// `client`, `server` or `other`.
    pub path: &'static str,
    /// The state it leaves, as the author wrote it.
    pub from_id: String,
    /// The state it enters, as the author wrote it.
    pub to_id: String,
}

/// A whole state table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StateTable {
    /// The chosen language (serialized `zh`, `en` or `both`).
    pub lang: LangChoice,
    /// The machine's title.
    pub title: Option<Vec<TableLine>>,
    /// The six column headers.
    pub headers: Vec<Vec<TableLine>>,
    /// One row per transition, in the definition's order.
    pub rows: Vec<TableRow>,
}
