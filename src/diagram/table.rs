//! State tables: one row per transition (from, event, action, to, RFC 9293 section), as HTML
//! through a handlebars template or as a Markdown table.
//!
//! The template's data (for users who write their own `state-table.html.hbs`):
//!
//! * `lang`: `zh`, `en` or `both`;
//! * `title`, `headers[]` and each row's `from`, `event`, `action`, `to`: lists of lines
//!   `{ text, lang }` (`lang` = `zh` or `en`), Chinese first, as the chosen language keeps them;
//! * each row's `section` (e.g. `3.3.2 Figure 5`, empty when not in the reference), `path`
//!   (`client`, `server`, `other`) and `from_id`/`to_id` (the states as the author wrote them).
//!
//! Handlebars escaping is on, so names from the YAML cannot inject markup. Whitespace-only lines
//! are dropped from the output: the table is inlined into Markdown, where a blank line would end
//! the HTML block.

use crate::diagnostic::{Diagnostic, Span};
use crate::model::LangChoice;
use crate::tcp::model::{Bilingual, Edge, StateMachine};
use serde::Serialize;
use std::path::Path;

/// The template file name, in `templates/` and in a `--template` folder.
pub const TEMPLATE_NAME: &str = "state-table.html.hbs";
/// The built-in template.
pub const DEFAULT_TEMPLATE: &str = include_str!("../../templates/state-table.html.hbs");
/// Diagnostic code: the HTML table template could not be read or rendered.
pub const TEMPLATE_ERROR: &str = "E-TPL-001";

#[derive(Serialize)]
struct Line {
    text: String,
    lang: &'static str,
}

#[derive(Serialize)]
struct Row {
    from: Vec<Line>,
    event: Vec<Line>,
    action: Vec<Line>,
    to: Vec<Line>,
    section: String,
    path: &'static str,
    from_id: String,
    to_id: String,
}

#[derive(Serialize)]
struct Data {
    lang: &'static str,
    title: Option<Vec<Line>>,
    headers: Vec<Vec<Line>>,
    rows: Vec<Row>,
}

const HEADERS: [(&str, &str); 5] = [
    ("源状态", "From"),
    ("事件", "Event"),
    ("动作", "Action"),
    ("目标状态", "To"),
    ("RFC 9293 章节", "RFC 9293 section"),
];

fn lang_name(lang: LangChoice) -> &'static str {
    match lang {
        LangChoice::Zh => "zh",
        LangChoice::En => "en",
        LangChoice::Both => "both",
    }
}

/// The lines of `b` that `lang` keeps, Chinese first; a missing language falls back to the
/// other, and identical lines are shown once.
fn lines(b: &Bilingual, lang: LangChoice) -> Vec<Line> {
    let zh = b.zh.trim();
    let en = b.en.trim();
    let mut out = Vec::new();
    let want_zh = matches!(lang, LangChoice::Zh | LangChoice::Both) || en.is_empty();
    let want_en = matches!(lang, LangChoice::En | LangChoice::Both) || zh.is_empty();
    if want_zh && !zh.is_empty() {
        out.push(Line {
            text: zh.to_string(),
            lang: "zh",
        });
    }
    if want_en && !en.is_empty() && en != zh {
        out.push(Line {
            text: en.to_string(),
            lang: "en",
        });
    }
    out
}

/// The action cell: the actions joined, `x` / 无 for none, empty when the author gave none.
fn actions(t: &Edge) -> Bilingual {
    match &t.actions {
        None => Bilingual::default(),
        Some(list) if list.is_empty() => Bilingual {
            en: "x".to_string(),
            zh: "无".to_string(),
        },
        Some(list) => Bilingual {
            en: list
                .iter()
                .map(|a| a.names.en.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            zh: list
                .iter()
                .map(|a| a.names.zh.as_str())
                .collect::<Vec<_>>()
                .join("，"),
        },
    }
}

fn data(m: &StateMachine, lang: LangChoice) -> Data {
    let name = |i: usize| m.states.get(i).map(|s| s.names.clone()).unwrap_or_default();
    let written = |i: usize| {
        m.states
            .get(i)
            .map(|s| s.written.clone())
            .unwrap_or_default()
    };
    Data {
        lang: lang_name(lang),
        title: m.title.as_ref().map(|t| lines(t, lang)),
        headers: HEADERS
            .iter()
            .map(|(zh, en)| {
                lines(
                    &Bilingual {
                        en: en.to_string(),
                        zh: zh.to_string(),
                    },
                    lang,
                )
            })
            .collect(),
        rows: m
            .transitions
            .iter()
            .map(|t| Row {
                from: lines(&name(t.from), lang),
                event: lines(&t.event_names, lang),
                action: lines(&actions(t), lang),
                to: lines(&name(t.to), lang),
                section: t.section.unwrap_or_default().to_string(),
                path: t.path.name(),
                from_id: written(t.from),
                to_id: written(t.to),
            })
            .collect(),
    }
}

/// Checks a user's table template before any input is rendered with it: its syntax, partials
/// and nesting ([`super::template::check`]), then a rendering of the whole RFC 9293 reference in
/// each language, so that what only fails while rendering (an unknown helper, a helper given
/// the wrong arguments) is found up front and located in the template too.
pub fn check_template(
    name: &str,
    text: &str,
) -> Result<(), (crate::diagnostic::SourceFile, Vec<Diagnostic>)> {
    let checked = super::template::check(name, text)?;
    let mut hb = handlebars::Handlebars::new();
    hb.register_template(TEMPLATE_NAME, checked.template);
    let (Some(reference), _) = crate::tcp::load(&crate::tcp::reference::to_yaml()) else {
        return Ok(());
    };
    for lang in [LangChoice::Both, LangChoice::Zh, LangChoice::En] {
        if let Err(e) = hb.render(TEMPLATE_NAME, &data(&reference, lang)) {
            let at = match (e.line_no, e.column_no) {
                (Some(l), Some(c)) => crate::tcp::byte_offset(checked.file.text(), l, c),
                _ => 0,
            };
            let d = Diagnostic::error(TEMPLATE_ERROR, Span::new(at, at), e.reason().to_string())
                .with_hint("the template is rendered with the RFC 9293 reference to check it");
            return Err((checked.file, vec![d]));
        }
    }
    Ok(())
}

/// The HTML table of `m`, through `template_dir/state-table.html.hbs` if that file exists, else
/// the built-in template.
pub fn html(
    m: &StateMachine,
    lang: LangChoice,
    template_dir: Option<&Path>,
) -> Result<String, Diagnostic> {
    let fail = |msg: String| Diagnostic::error(TEMPLATE_ERROR, Span::default(), msg);
    let custom = template_dir
        .map(|d| d.join(TEMPLATE_NAME))
        .filter(|p| p.is_file());
    let data = data(m, lang);
    let out = match &custom {
        Some(p) => {
            let template = crate::input::read_file(p)
                .map_err(|e| fail(format!("cannot read template {}: {e}", p.display())))?;
            let name = p.display().to_string();
            // Checked first: handlebars has no recursion limit of its own.
            let checked = super::template::check(&name, &template).map_err(|(file, diags)| {
                let at = diags.first().map_or(0, |d| d.span.start);
                let (line, col) = file.line_col(at);
                let message = diags.first().map_or("", |d| d.message.as_str());
                fail(format!("template {name}:{line}:{col}: {message}"))
            })?;
            let mut hb = handlebars::Handlebars::new();
            hb.register_template(TEMPLATE_NAME, checked.template);
            hb.render(TEMPLATE_NAME, &data).map_err(|e| {
                let at = match (e.line_no, e.column_no) {
                    (Some(l), Some(c)) => format!("{name}:{l}:{c}"),
                    _ => name.clone(),
                };
                fail(format!("template {at}: {}", e.reason()))
            })?
        }
        None => builtin()
            .render(TEMPLATE_NAME, &data)
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
fn md_cell(lines: &[Line]) -> String {
    let text = lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    crate::markup::markdown_escape(&text)
}

/// The Markdown table of `m`; with `both`, a cell reads `中文 English`.
pub fn markdown(m: &StateMachine, lang: LangChoice) -> String {
    let d = data(m, lang);
    let mut out = String::new();
    let header: Vec<String> = d.headers.iter().map(|h| md_cell(h)).collect();
    out.push_str(&format!("| {} |\n", header.join(" | ")));
    out.push_str(&format!("|{}\n", "---|".repeat(header.len())));
    for r in &d.rows {
        let section = [Line {
            text: r.section.clone(),
            lang: "en",
        }];
        let cells = [
            md_cell(&r.from),
            md_cell(&r.event),
            md_cell(&r.action),
            md_cell(&r.to),
            md_cell(&section),
        ];
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tcp::model::{Bilingual, StateNode};

    /// The table is well-formed whatever the names hold: markup and quotes are escaped.
    fn escapes_everything(m: &StateMachine) {
        for lang in [LangChoice::En, LangChoice::Zh, LangChoice::Both] {
            let out = html(m, lang, None).unwrap();
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
    /// each row keeps its five cells.
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
            let md = markdown(&m, lang);
            assert!(md.contains("click") || md.contains("强调"), "{md}");
            crate::markup::assert_inert(&md);
            let cells = pulldown_cmark::Parser::new_ext(&md, crate::book::blocks::mdbook_options())
                .filter(|e| {
                    matches!(
                        e,
                        pulldown_cmark::Event::Start(pulldown_cmark::Tag::TableCell)
                    )
                })
                .count();
            assert_eq!(cells, 5 * (m.transitions.len() + 1), "{md}");
        }
    }
}
