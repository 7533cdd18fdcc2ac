//! Writes a [`StateTable`]: HTML through a handlebars template, or a Markdown (GFM) table.
//!
//! Handlebars escaping is on, so names from the YAML cannot inject markup. Whitespace-only lines
//! are dropped from the output: the table is inlined into Markdown, where a blank line would end
//! the HTML block.

use crate::diagnostic::codes::tpl::TEMPLATE_ERROR;
use crate::diagnostic::{Diagnostic, Report, Span};
use crate::model::{StateTable, TableLine};

/// The template file name, in `templates/` and in a `--template` folder.
pub const TEMPLATE_NAME: &str = "state-table.html.hbs";
/// The built-in template.
pub const DEFAULT_TEMPLATE: &str = include_str!("../../templates/state-table.html.hbs");

/// Checks a user's table template before any input is rendered with it: its syntax, partials
/// and nesting ([`super::template::check`]), then a rendering of each of `samples` (the caller
/// passes the RFC 9293 reference in each language), so that what only fails while rendering (an
/// unknown helper, a helper given the wrong arguments) is found up front and located in the
/// template too.
pub fn check_template(name: &str, text: &str, samples: &[StateTable]) -> Result<(), Report> {
    let checked = super::template::check(name, text)?;
    let mut hb = handlebars::Handlebars::new();
    hb.register_template(TEMPLATE_NAME, checked.template);
    for sample in samples {
        if let Err(e) = hb.render(TEMPLATE_NAME, sample) {
            let at = match (e.line_no, e.column_no) {
                (Some(l), Some(c)) => crate::diagnostic::byte_offset(checked.file.text(), l, c),
                _ => 0,
            };
            let d = Diagnostic::error(TEMPLATE_ERROR, Span::new(at, at), e.reason().to_string())
                .with_hint("the template is rendered with the RFC 9293 reference to check it");
            return Err(Report::new(checked.file, vec![d]));
        }
    }
    Ok(())
}

/// A user's table template: the name messages give it (its path) and its text.
#[derive(Debug, Clone, Copy)]
pub struct CustomTemplate<'a> {
    /// How messages name the template (its path as the user gave it).
    pub name: &'a str,
    /// The template's text.
    pub text: &'a str,
}

/// The HTML table, through `custom` if given, else the built-in template.
pub fn html(table: &StateTable, custom: Option<CustomTemplate<'_>>) -> Result<String, Diagnostic> {
    let fail = |msg: String| Diagnostic::error(TEMPLATE_ERROR, Span::default(), msg);
    let out = match custom {
        Some(CustomTemplate { name, text }) => {
            // Checked first: handlebars has no recursion limit of its own.
            let checked = super::template::check(name, text).map_err(|report| {
                let first = report.diagnostics.first();
                let (line, col) = report.file.line_col(first.map_or(0, |d| d.span.start));
                let message = first.map_or("", |d| d.message.as_str());
                fail(format!("template {name}:{line}:{col}: {message}"))
            })?;
            let mut hb = handlebars::Handlebars::new();
            hb.register_template(TEMPLATE_NAME, checked.template);
            hb.render(TEMPLATE_NAME, table).map_err(|e| {
                let at = match (e.line_no, e.column_no) {
                    (Some(l), Some(c)) => format!("{name}:{l}:{c}"),
                    _ => name.to_string(),
                };
                fail(format!("template {at}: {}", e.reason()))
            })?
        }
        None => builtin()
            .render(TEMPLATE_NAME, table)
            .map_err(|e| fail(format!("built-in template: {e}")))?,
    };
    let mut html = out
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    html.push('\n');
    Ok(html)
}

/// The built-in template, compiled once per process.
fn builtin() -> &'static handlebars::Handlebars<'static> {
    static BUILTIN: std::sync::OnceLock<handlebars::Handlebars<'static>> =
        std::sync::OnceLock::new();
    BUILTIN.get_or_init(|| {
        let mut hb = handlebars::Handlebars::new();
        hb.register_template_string(TEMPLATE_NAME, DEFAULT_TEMPLATE)
            .expect("the built-in state table template compiles");
        hb
    })
}

/// A Markdown table cell: the lines joined, Markdown-escaped (`|` included, so the cell stays
/// whole; line breaks as blanks).
fn md_cell(lines: &[TableLine]) -> String {
    let text = lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    crate::markup::markdown_escape(&text)
}

/// The Markdown table; with `both`, a cell reads `中文 English`.
pub fn markdown(d: &StateTable) -> String {
    let mut out = String::new();
    let header: Vec<String> = d.headers.iter().map(|h| md_cell(h)).collect();
    out.push_str(&format!("| {} |\n", header.join(" | ")));
    out.push_str(&format!("|{}\n", "---|".repeat(header.len())));
    for r in &d.rows {
        let cells = [
            md_cell(&r.from),
            md_cell(&r.event),
            md_cell(&r.action),
            md_cell(&r.to),
            md_cell(&r.condition),
            crate::markup::markdown_escape(&r.section),
        ];
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LangChoice;
    use crate::tcp::model::{Bilingual, StateNode};
    use crate::tcp::table::state_table;
    use crate::tcp::StateMachine;

    /// The table is well-formed whatever the names hold: markup and quotes are escaped.
    fn escapes_everything(m: &StateMachine) {
        for lang in [LangChoice::En, LangChoice::Zh, LangChoice::Both] {
            let out = html(&state_table(m, lang), None).unwrap();
            assert!(!out.contains("<script>"), "{out}");
            assert!(!out.contains("\" onload"), "{out}");
            assert!(!out.contains("<b>"), "{out}");
            assert_eq!(out.matches("<tr").count(), m.transitions.len() + 1, "{out}");
        }
    }

    #[test]
    fn the_built_in_template_escapes_names_and_titles() {
        let yaml = crate::tcp::reference::to_yaml();
        let (def, _) = crate::tcp::parse(&yaml);
        let mut m = StateMachine::new(&def.unwrap());
        escapes_everything(&m);
        // Markup, quotes, backticks, `=`, line breaks, blanks and no title at all.
        m.title = Some(Bilingual {
            en: "a <b> & \"c\" 'd' `e` = f\n\n  \ng".to_string(),
            zh: String::new(),
        });
        m.states.push(StateNode {
            id: crate::tcp::State::Closed,
            written: "X\" onload=\"y".to_string(),
            names: Bilingual::default(),
            note: None,
        });
        if let Some(t) = m.transitions.first_mut() {
            t.from = m.states.len() - 1;
            t.event_names.en = "<script>".to_string();
        }
        escapes_everything(&m);
        m.title = Some(Bilingual::default());
        escapes_everything(&m);
        m.title = None;
        escapes_everything(&m);
    }

    /// Names that are Markdown links, images or raw HTML stay text in the Markdown table, and
    /// each row keeps its six cells.
    #[test]
    fn the_markdown_table_escapes_markdown() {
        let yaml = crate::tcp::reference::to_yaml();
        let (def, _) = crate::tcp::parse(&yaml);
        let mut m = StateMachine::new(&def.unwrap());
        m.states[0].names = Bilingual {
            en: "[click](javascript:alert(1)) | ![t](https://x/p.png)\n<img src=https://x/q.png>"
                .to_string(),
            zh: "*强调* `代码`".to_string(),
        };
        for lang in [LangChoice::En, LangChoice::Zh, LangChoice::Both] {
            let md = markdown(&state_table(&m, lang));
            assert!(md.contains("click") || md.contains("强调"), "{md}");
            crate::markup::assert_inert(&md);
            let cells = pulldown_cmark::Parser::new_ext(&md, crate::markup::mdbook_options())
                .filter(|e| {
                    matches!(
                        e,
                        pulldown_cmark::Event::Start(pulldown_cmark::Tag::TableCell)
                    )
                })
                .count();
            assert_eq!(cells, 6 * (m.transitions.len() + 1), "{md}");
        }
    }
}
