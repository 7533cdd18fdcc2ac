//! mermaid `flowchart` / `graph` text → [`Document`], a syntax tree with byte spans.
//!
//! A hand-written, linear-time scanner (no regexes). Parsing never stops at the first problem:
//! each statement that fails is reported and skipped to its end, so one run reports every
//! error. Keywords are case-insensitive (`FlowChart TD` works, unlike in mermaid).
//!
//! What is accepted follows mermaid's grammar (`flow.jison`, `flowDb`, its parser specs):
//! node ids take mermaid's punctuation (`a.b`, `x/y`, `node-`, `A&B`, `1.5`), the header takes
//! `>` `<` `^` `v`, a start mark without its matching end mark is part of the line (`<---`),
//! strings may span lines. What mermaid rejects is reported rather than guessed at: brackets
//! or quotes in unquoted text (E-MMD-025), two labels on one arrow, mismatched ends around a
//! label, a statement keyword without its arguments.
//!
//! What mermaid.js rejects but netfig can read unambiguously (brackets in an unquoted
//! `|edge label|`, `=` in an unquoted subgraph title) renders with a warning saying so.
//!
//! Modules: `scan` (cursor), `statement` (statement dispatch, subgraphs, keyword
//! statements), `node` (node groups and shapes), `node_data` (`@{ … }`), `edge` (arrows),
//! `props` (style declarations), [`label`] (label text → [`Label`](crate::model::Label)),
//! `frontmatter` (YAML front matter, `%%{init}%%`); its diagnostic codes are
//! [`codes::mmd`](crate::diagnostic::codes::mmd).

mod ast;
pub(crate) mod curve;
use crate::diagnostic::codes::mmd as codes;
mod config_sections;
mod edge;
mod frontmatter;
pub mod label;
mod node;
mod node_data;
pub mod packet;
mod props;
mod scan;
pub mod sequence;
mod statement;
mod styles;
mod yaml;

pub use ast::*;

use crate::diagnostic::{Diagnostic, Span};
use crate::model::Direction;
use scan::{Hint, Parser};

/// Header keywords of mermaid diagram types, for did-you-mean on a misspelt header.
const HEADERS: &[&str] = &["flowchart", "graph", "flowchart-elk"];

/// Parses `source`. Always returns a tree (possibly partial) and every diagnostic found.
pub fn parse(source: &str) -> (Document, Vec<Diagnostic>) {
    let mut p = Parser::new(source);
    let closed = frontmatter::front_matter(&mut p);
    let header = if closed { header(&mut p) } else { None };
    let statements = match &header {
        Some(_) => statement::block(&mut p),
        None => Vec::new(),
    };
    let config = std::mem::take(&mut p.config);
    (
        Document {
            header,
            config,
            statements,
        },
        p.diags,
    )
}

/// The diagram type keyword: the first word after front matter, `%%` comments and blank lines
/// (`flowchart`, `graph`, `sequenceDiagram`, …), as written. `None` for an empty source.
pub fn diagram_kind(source: &str) -> Option<String> {
    let mut rest = source;
    let first = rest.trim_start_matches([' ', '\t', '\r', '\n']);
    if first.lines().next().is_some_and(|l| l.trim_end() == "---") {
        // Skip to the line after the closing `---`.
        let mut lines = first.split_inclusive('\n');
        let mut consumed = lines.next().map_or(0, str::len);
        let mut closed = false;
        for l in lines {
            consumed += l.len();
            // Indented like the opening `---` (mermaid.run dedents the diagram first).
            if l.trim() == "---" {
                closed = true;
                break;
            }
        }
        if !closed {
            return None;
        }
        rest = &first[consumed..];
    }
    let mut in_directive = false;
    for line in rest.lines() {
        let t = line.trim();
        // A `%%{ … }%%` directive may span lines (`%%{\n  init: {…}\n}%%`).
        if in_directive {
            in_directive = !t.contains("}%%");
            continue;
        }
        if t.starts_with("%%{") && !t.contains("}%%") {
            in_directive = true;
            continue;
        }
        if t.is_empty() || t.starts_with("%%") {
            continue;
        }
        let word: String = t
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != ';')
            .collect();
        return Some(word);
    }
    None
}

/// Whether `source` is a mermaid flowchart (`flowchart`, `graph` or `flowchart-elk`, any case).
pub fn is_flowchart(source: &str) -> bool {
    diagram_kind(source).is_some_and(|k| HEADERS.iter().any(|h| h.eq_ignore_ascii_case(&k)))
}

/// Skips blank lines, `;` and comments (processing `%%{…}%%` directives) before a statement.
pub(crate) fn skip_trivia(p: &mut Parser<'_>) {
    loop {
        p.skip_ws();
        match p.peek() {
            Some('\n') | Some(';') => {
                p.bump();
            }
            Some('%') if p.rest().starts_with("%%") => {
                if p.rest().starts_with("%%{") {
                    frontmatter::directive(p);
                } else {
                    p.skip_line();
                }
            }
            _ => return,
        }
    }
}

fn header(p: &mut Parser<'_>) -> Option<Header> {
    skip_trivia(p);
    let start = p.pos;
    let Some((word, span)) = p.word() else {
        p.error(
            codes::NOT_FLOWCHART,
            Span::new(start, start),
            "expected a `flowchart` or `graph` header",
        );
        return None;
    };
    let lower = word.to_ascii_lowercase();
    if HEADERS.contains(&lower.as_str()) {
        check_spelling(p, &word, span, &lower);
    }
    if lower == "flowchart-elk" {
        p.warn(
            codes::ELK,
            span,
            "`flowchart-elk`: the ELK renderer is not available; netfig uses its layered layout",
        );
    } else if lower != "flowchart" && lower != "graph" {
        if let Some(m) = crate::diagnostic::suggest(&lower, HEADERS) {
            p.error(
                codes::NOT_FLOWCHART,
                span,
                format!("unknown diagram header `{word}`"),
            )
            .hint(format!("did you mean `{m}`?"));
            // Parse on as a flowchart so every other error is reported too.
        } else {
            p.error(
                codes::NOT_FLOWCHART,
                span,
                format!(
                    "netfig renders flowcharts, sequence diagrams and packet diagrams only; this is a `{word}` diagram"
                ),
            )
            .hint("start the diagram with `flowchart TD` (or `graph LR`, …) or `sequenceDiagram`");
            return None;
        }
    }
    p.skip_ws();
    let mut direction = None;
    if !p.at_eos() {
        if let Some((d, dspan)) = p.word() {
            // mermaid also takes `>` `<` `^` `v` in the header (flowDb.setDirection).
            let symbol = match d.as_str() {
                ">" => Some(Direction::LeftRight),
                "<" => Some(Direction::RightLeft),
                "^" => Some(Direction::BottomTop),
                "v" | "V" => Some(Direction::TopBottom),
                _ => None,
            };
            match symbol.or_else(|| Direction::from_keyword(&d)) {
                Some(dir) => {
                    if symbol.is_none() {
                        check_spelling(p, &d, dspan, &d.to_ascii_uppercase());
                    }
                    direction = Some(Spanned::new(dir, dspan));
                }
                None => {
                    unknown_direction(p, &d, dspan);
                }
            }
        }
        p.skip_ws();
        if !p.at_eos() {
            p.error_at_next(codes::UNEXPECTED, |next| {
                format!("unexpected {next} after the header")
            })
            .hint("put each statement on its own line or separate them with `;`");
            p.skip_statement();
        }
    }
    Some(Header {
        keyword: Spanned::new(word, span),
        direction,
    })
}

/// Keywords are case-insensitive in netfig but not in mermaid: a keyword written other than
/// mermaid spells it (`FlowChart`, `END`, `direction lr`) gets a warning that mermaid.js would
/// reject the diagram.
pub(crate) fn check_spelling(p: &mut Parser<'_>, written: &str, span: Span, mermaid: &str) {
    if written != mermaid {
        p.warn(
            codes::MERMAID_REJECTS,
            span,
            format!(
                "mermaid.js would reject `{written}`: it only knows `{mermaid}` (netfig reads it)"
            ),
        )
        .hint(format!("write `{mermaid}`"));
    }
}

/// Reports an unknown direction keyword with a did-you-mean hint.
pub(crate) fn unknown_direction(p: &mut Parser<'_>, d: &str, span: Span) {
    let d_hint = crate::diagnostic::suggest(d, &["TB", "TD", "BT", "LR", "RL"]);
    let e = p.error(
        codes::UNKNOWN_DIRECTION,
        span,
        format!("unknown direction `{d}`; expected TB, TD, BT, LR or RL"),
    );
    if let Some(m) = d_hint {
        e.hint(format!("did you mean `{m}`?"));
    }
}
