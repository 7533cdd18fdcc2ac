//! Statement dispatch: keywords (`subgraph`, `end`, `direction`, `classDef`, `class`, `style`,
//! `linkStyle`, `click`, `accTitle`, `accDescr`), otherwise a node chain.
//!
//! **The `end` rule.** Lower-case `end` is reserved in mermaid, and authors write `End` as a
//! node id. netfig treats `end` (any case) as the keyword only when it is a whole statement on
//! its own (`end`, `End;`, `END %% comment`) inside a subgraph (with a warning unless written
//! `end`: mermaid's keyword is lower-case only), and lower-case `end` alone anywhere; anywhere
//! else (`B --> End`, `End[Finish]`, `End` alone outside subgraphs) it is an ordinary node id.

use super::ast::{Click, ClickAction, Spanned, Statement, Subgraph, Text, TextKind};
use super::scan::{Hint, Parser};
use super::{check_spelling, codes, node, skip_trivia, styles, unknown_direction};
use crate::diagnostic::Span;
use crate::model::Direction;

/// Statements until the end of input (top level) or a closing `end` (inside a subgraph).
/// Returns the statements and the `end` keyword's span, if one closed the block.
pub(crate) fn block(p: &mut Parser<'_>) -> Vec<Statement> {
    block_until_end(p).0
}

fn block_until_end(p: &mut Parser<'_>) -> (Vec<Statement>, Option<Span>) {
    let mut out = Vec::new();
    loop {
        skip_trivia(p);
        if p.at_end() {
            return (out, None);
        }
        let before = p.pos;
        match statement(p) {
            Parsed::Statement(s) => out.push(s),
            Parsed::End(_) if p.too_deep > 0 => p.too_deep -= 1,
            Parsed::End(span) => {
                if p.depth > 0 {
                    return (out, Some(span));
                }
                p.error(codes::STRAY_END, span, "`end` without an open `subgraph`")
                    .hint("remove it, or use `End` with other text (`End[End]`) for a node called End");
            }
            Parsed::Nothing => {}
        }
        if p.pos == before {
            // Never loop without progress.
            p.bump();
        }
    }
}

/// Whether a line starting with `rest` is a statement of its own: `end` as a whole statement
/// (`end`, `End;`) or a statement keyword and a space (`subgraph x`, `style a …`). An arrow at
/// the end of the line before does not take it as its target (mermaid lexes these as keywords,
/// and the error is clearer at the arrow).
pub(crate) fn starts_statement(rest: &str) -> bool {
    let word_end = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    let (word, after) = rest.split_at(word_end);
    let word = word.to_ascii_lowercase();
    if word == "end" {
        return after
            .trim_start_matches([' ', '\t', '\r'])
            .chars()
            .next()
            .is_none_or(|c| c == '\n' || c == ';' || c == '%');
    }
    after.starts_with([' ', '\t'])
        && (word == "subgraph"
            || word == "direction"
            || STATEMENT_KEYWORDS.contains(&word.as_str()))
}

/// Keywords that always start their statement: alone on a line they are an incomplete
/// statement, not a node (mermaid rejects them there too).
const STATEMENT_KEYWORDS: &[&str] = &["classdef", "class", "style", "linkstyle", "click"];

/// Whether the text after the spaces at the cursor starts an arrow or a `&` group.
fn starts_link(p: &Parser<'_>) -> bool {
    let rest = p.rest().trim_start_matches([' ', '\t']);
    rest.starts_with(['-', '=', '~', '&', '<'])
        || ["x-", "o-", "x=", "o="].iter().any(|s| rest.starts_with(s))
}

enum Parsed {
    Statement(Statement),
    End(Span),
    Nothing,
}

fn followed_by_space(p: &Parser<'_>) -> bool {
    matches!(p.peek(), Some(' ' | '\t'))
}

fn statement(p: &mut Parser<'_>) -> Parsed {
    let start = p.pos;
    if let Some((word, span)) = p.ident() {
        let lower = word.to_ascii_lowercase();
        if lower == "end" {
            p.skip_ws();
            // Outside a subgraph only mermaid's own `end` is the keyword: `End` alone is a
            // node there, as in mermaid.
            if p.at_eos() && (p.depth > 0 || word == "end") {
                check_spelling(p, &word, span, "end");
                return Parsed::End(span);
            }
        } else if lower == "subgraph" && (followed_by_space(p) || p.at_eos()) {
            check_spelling(p, &word, span, "subgraph");
            return Parsed::Statement(subgraph(p, span));
        } else if lower == "acctitle" || lower == "accdescr" {
            p.skip_ws();
            if p.peek() == Some(':') || (lower == "accdescr" && p.peek() == Some('{')) {
                return acc(p, lower == "acctitle");
            }
        } else if followed_by_space(p)
            || (p.at_eos() && STATEMENT_KEYWORDS.contains(&lower.as_str()))
        {
            let keyword = match lower.as_str() {
                // `direction --> B` links a node called direction, as in mermaid.
                "direction" if !starts_link(p) => Some(direction(p, span)),
                "classdef" => Some(styles::class_def(p, start)),
                "class" => Some(styles::class(p, start)),
                "style" => Some(styles::style(p, start)),
                "linkstyle" => Some(styles::link_style(p, start)),
                "click" => Some(click(p, start)),
                _ => None,
            };
            if let Some(k) = keyword {
                let mermaid = match lower.as_str() {
                    "classdef" => "classDef",
                    "linkstyle" => "linkStyle",
                    other => other,
                };
                check_spelling(p, &word, span, mermaid);
                p.skip_ws();
                if !p.at_eos() {
                    p.error_at_next(codes::UNEXPECTED, |next| {
                        format!("unexpected {next} at the end of the `{word}` statement")
                    });
                    p.skip_statement();
                }
                return k.map_or(Parsed::Nothing, Parsed::Statement);
            }
        }
    }
    p.pos = start;
    match node::chain(p) {
        Some(c) => Parsed::Statement(Statement::Chain(c)),
        None => Parsed::Nothing,
    }
}

fn subgraph(p: &mut Parser<'_>, keyword: Span) -> Statement {
    p.skip_ws();
    let mut id = None;
    let mut title = None;
    if p.peek() == Some('"') {
        if let Some(t) = node::string(p) {
            p.skip_ws();
            if p.peek() == Some('[') {
                // `subgraph "s1"["Title"]`: mermaid's `textNoTags SQS text SQE` takes a
                // string id too.
                id = Some(Spanned::new(t.raw.clone(), t.span));
                title = bracket_title(p);
            } else {
                if !t.raw.chars().any(char::is_whitespace) && !t.raw.is_empty() {
                    id = Some(Spanned::new(t.raw.clone(), t.span));
                }
                title = Some(t);
            }
        } else {
            p.skip_line();
        }
    } else if !p.at_eos() {
        let save = p.pos;
        let explicit = p.node_id(true);
        p.skip_ws();
        if let (Some((i, ispan)), Some('[')) = (explicit, p.peek()) {
            id = Some(Spanned::new(i, ispan));
            title = bracket_title(p);
        } else {
            // An unquoted title runs to the end of the line or a `;` (it may contain `/`,
            // spaces and full-width punctuation); it is also the id unless it contains
            // whitespace.
            p.pos = save;
            let line_end = p.line_end();
            let line = &p.src[save..line_end];
            let end = [line.find("%%"), line.find(';')]
                .into_iter()
                .flatten()
                .min()
                .map_or(line_end, |i| save + i);
            let raw = p.src[save..end].trim_end();
            let t = Text {
                kind: TextKind::Plain,
                raw: raw.to_string(),
                span: Span::new(save, save + raw.len()),
            };
            if !raw.chars().any(char::is_whitespace) {
                id = Some(Spanned::new(raw.to_string(), t.span));
            }
            // mermaid's unquoted subgraph title (`textNoTags`) has no token for tags, brackets
            // or `|` (they open shapes and labels), and mermaid.js rejects `=` there too.
            if let Some(i) = raw.find(['=', '<', '>', '(', ')', '{', '}', '|']) {
                let at = save + i;
                let c = &raw[i..=i];
                p.warn(
                    codes::MERMAID_REJECTS,
                    Span::new(at, at + 1),
                    format!("mermaid.js would reject `{c}` in an unquoted subgraph title (netfig renders it)"),
                )
                .hint(format!("quote the title: `subgraph \"{raw}\"`"));
            }
            title = Some(t);
            p.pos = end;
        }
    }
    p.skip_ws();
    if !p.at_eos() {
        p.error_at_next(codes::BAD_SUBGRAPH, |next| {
            format!("unexpected {next} after the subgraph title")
        });
        p.skip_statement();
    }
    if p.depth >= MAX_SUBGRAPH_DEPTH {
        return too_deep(p, keyword, id, title);
    }
    p.depth += 1;
    let (body, end) = block_until_end(p);
    p.depth -= 1;
    if end.is_none() {
        p.error(
            codes::UNCLOSED_SUBGRAPH,
            keyword,
            "this subgraph is never closed",
        )
        .hint("add a line with `end` after its last statement");
    }
    Statement::Subgraph(Subgraph {
        keyword,
        id,
        title,
        body,
        end,
    })
}

/// At most this many subgraphs inside one another. mermaid sets no limit; real diagrams nest
/// a few levels. Parsing, lowering, layout (`layout::layered::nested`, the ordering's cluster
/// tree) and rendering recurse once per level, and ordering costs grow with depth × nodes, so
/// the bound keeps every stage linear and inside a worker thread's 2 MiB stack.
pub(crate) const MAX_SUBGRAPH_DEPTH: usize = 64;

/// A subgraph one level too deep: reported at its keyword (the first of a run only). Its body
/// is read flat, without recursion, by the enclosing block (`Parser::too_deep` counts the
/// `end`s still owed), so any depth of nesting costs no stack.
fn too_deep(
    p: &mut Parser<'_>,
    keyword: Span,
    id: Option<Spanned<String>>,
    title: Option<Text>,
) -> Statement {
    if p.too_deep == 0 {
        p.error(
            codes::SUBGRAPH_TOO_DEEP,
            keyword,
            format!("subgraphs nested more than {MAX_SUBGRAPH_DEPTH} deep"),
        )
        .hint("flatten the diagram: a subgraph can sit beside another instead of inside it");
    }
    p.too_deep += 1;
    Statement::Subgraph(Subgraph {
        keyword,
        id,
        title,
        body: Vec::new(),
        end: None,
    })
}

/// `[title]` after a subgraph id, the cursor on the `[`.
fn bracket_title(p: &mut Parser<'_>) -> Option<Text> {
    let open = p.pos;
    p.bump();
    p.skip_ws();
    let t = if p.peek() == Some('"') {
        node::string(p)
    } else {
        let line_end = p.line_end();
        p.src[p.pos..line_end].find(']').map(|i| {
            let t = super::edge::text_between(p.src, p.pos, p.pos + i);
            p.pos += i;
            t
        })
    };
    p.skip_ws();
    if t.is_none() || !p.eat("]") {
        p.error(
            codes::BAD_SUBGRAPH,
            Span::new(open, open + 1),
            "expected `]` to close the subgraph title opened here",
        );
        p.skip_line();
    }
    t
}

fn direction(p: &mut Parser<'_>, keyword: Span) -> Option<Statement> {
    p.skip_ws();
    let Some((d, span)) = p.word() else {
        p.error(
            codes::UNKNOWN_DIRECTION,
            keyword,
            "expected a direction (TB, TD, BT, LR or RL) after `direction`",
        );
        return None;
    };
    let Some(dir) = Direction::from_keyword(&d) else {
        unknown_direction(p, &d, span);
        return None;
    };
    check_spelling(p, &d, span, &d.to_ascii_uppercase());
    if p.depth == 0 {
        p.warn(
            codes::TOP_DIRECTION,
            keyword,
            "`direction` outside a subgraph sets the direction of the whole graph",
        )
        .hint("put the direction in the header instead: `flowchart LR`");
    }
    Some(Statement::Direction(Spanned::new(dir, span)))
}

fn click(p: &mut Parser<'_>, start: usize) -> Option<Statement> {
    p.skip_ws();
    let Some((id, id_span)) = p.node_id(true) else {
        let here = p.here();
        p.error(
            codes::BAD_STATEMENT,
            here,
            "expected a node id after `click`",
        );
        p.skip_statement();
        return None;
    };
    let target = Spanned::new(id, id_span);
    p.skip_ws();
    let save = p.pos;
    let word = p.ident();
    let is_href = word.as_ref().is_some_and(|(w, _)| w == "href");
    if word.is_some() && !is_href {
        let span = Span::new(save, p.pos);
        p.warn(
            codes::CALLBACK,
            span,
            "click callbacks need JavaScript and are not rendered; the node is kept",
        )
        .hint("use `click id \"https://…\"` for a link");
        // The rest (`call fn(args) "tooltip"`) is the callback's; quotes may contain `;`.
        p.skip_line();
        return Some(Statement::Click(Click {
            target,
            action: ClickAction::Callback,
            span: Span::new(start, p.pos),
        }));
    }
    if !is_href {
        p.pos = save;
    }
    p.skip_ws();
    if p.peek() != Some('"') {
        let here = p.here();
        p.error(
            codes::BAD_STATEMENT,
            here,
            "expected a quoted URL, `href \"url\"` or a callback name after `click id`",
        );
        p.skip_statement();
        return None;
    }
    let href = node::string(p)?;
    p.skip_ws();
    let mut tooltip = None;
    if p.peek() == Some('"') {
        tooltip = Some(node::string(p)?.raw);
        p.skip_ws();
    }
    let mut link_target = None;
    if !p.at_eos() {
        let (t, tspan) = p.word()?;
        if ["_blank", "_self", "_parent", "_top"].contains(&t.as_str()) {
            link_target = Some(t);
        } else {
            p.error(
                codes::BAD_STATEMENT,
                tspan,
                format!("unknown link target `{t}`; expected _blank, _self, _parent or _top"),
            );
        }
    }
    Some(Statement::Click(Click {
        target,
        action: ClickAction::Link {
            href: href.raw,
            tooltip,
            target: link_target,
        },
        span: Span::new(start, p.pos),
    }))
}

fn acc(p: &mut Parser<'_>, title: bool) -> Parsed {
    if p.eat(":") {
        p.skip_ws();
        let s = p.pos;
        p.skip_line();
        let raw = p.src[s..p.pos].trim_end();
        let v = Spanned::new(raw.to_string(), Span::new(s, s + raw.len()));
        return Parsed::Statement(if title {
            Statement::AccTitle(v)
        } else {
            Statement::AccDescr(v)
        });
    }
    let open = p.pos;
    p.bump(); // `{`
    match p.rest().find('}') {
        Some(i) => {
            let s = p.pos;
            p.pos += i + 1;
            let body = &p.src[s..s + i];
            let text = body
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n");
            Parsed::Statement(Statement::AccDescr(Spanned::new(text, Span::new(s, s + i))))
        }
        None => {
            p.error(
                codes::UNCLOSED_ACC_DESCR,
                Span::new(open, open + 1),
                "expected `}` to close the `accDescr` block opened here",
            );
            p.pos = p.src.len();
            Parsed::Nothing
        }
    }
}
