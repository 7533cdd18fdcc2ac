//! The styling statements: `classDef NAME props`, `class IDS NAME`, `style ID props` and
//! `linkStyle N|default props` (with `interpolate CURVE`).

use super::ast::{ClassDef, ClassStmt, LinkStyleStmt, LinkTarget, Spanned, Statement, StyleStmt};
use super::codes;
use super::curve::curve_named;
use super::props::props;
use super::scan::{Hint, Parser};
use crate::diagnostic::Span;

/// Reports a style statement without declarations (mermaid requires at least one).
fn require_props(p: &mut Parser<'_>, what: &str) -> bool {
    if !p.at_eos() {
        return true;
    }
    let here = p.here();
    p.error(
        codes::BAD_STATEMENT,
        here,
        format!("expected style declarations after `{what}`, e.g. `stroke:#333,stroke-width:2px`"),
    );
    false
}

/// A comma-separated list of class names (`a,b,c`), or of node ids with `nodes`.
fn id_list(p: &mut Parser<'_>, nodes: bool) -> Vec<Spanned<String>> {
    let mut out = Vec::new();
    loop {
        let next = if nodes { p.node_id(true) } else { p.ident() };
        let Some((id, span)) = next else { break };
        out.push(Spanned::new(id, span));
        let save = p.pos;
        p.skip_ws();
        if !p.eat(",") {
            p.pos = save;
            break;
        }
        p.skip_ws();
    }
    out
}

pub(super) fn class_def(p: &mut Parser<'_>, start: usize) -> Option<Statement> {
    p.skip_ws();
    let names = id_list(p, false);
    if names.is_empty() {
        let here = p.here();
        p.error(
            codes::BAD_STATEMENT,
            here,
            "expected a class name after `classDef`",
        );
        p.skip_statement();
        return None;
    }
    p.skip_ws();
    if !require_props(p, "classDef NAME") {
        return None;
    }
    let props = props(p);
    Some(Statement::ClassDef(ClassDef {
        names,
        props,
        span: Span::new(start, p.pos),
    }))
}

pub(super) fn class(p: &mut Parser<'_>, start: usize) -> Option<Statement> {
    p.skip_ws();
    let targets = id_list(p, true);
    p.skip_ws();
    let classes = id_list(p, false);
    if targets.is_empty() || classes.is_empty() {
        let here = p.here();
        p.error(
            codes::BAD_STATEMENT,
            here,
            "expected `class ids className`, e.g. `class a,b highlight`",
        );
        p.skip_statement();
        return None;
    }
    Some(Statement::Class(ClassStmt {
        targets,
        classes,
        span: Span::new(start, p.pos),
    }))
}

pub(super) fn style(p: &mut Parser<'_>, start: usize) -> Option<Statement> {
    p.skip_ws();
    let Some((id, span)) = p.node_id(true) else {
        let here = p.here();
        p.error(
            codes::BAD_STATEMENT,
            here,
            "expected a node or subgraph id after `style`",
        );
        p.skip_statement();
        return None;
    };
    p.skip_ws();
    if !require_props(p, "style ID") {
        return None;
    }
    let props = props(p);
    Some(Statement::Style(StyleStmt {
        target: Spanned::new(id, span),
        props,
        span: Span::new(start, p.pos),
    }))
}

pub(super) fn link_style(p: &mut Parser<'_>, start: usize) -> Option<Statement> {
    p.skip_ws();
    let mut targets = Vec::new();
    loop {
        let s = p.pos;
        while p.peek().is_some_and(|c| c.is_ascii_alphanumeric()) {
            p.bump();
        }
        let w = &p.src[s..p.pos];
        let span = Span::new(s, p.pos);
        if w.eq_ignore_ascii_case("default") {
            targets.push(Spanned::new(LinkTarget::Default, span));
        } else if let Ok(i) = w.parse::<usize>() {
            targets.push(Spanned::new(LinkTarget::Index(i), span));
        } else if !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()) {
            // More digits than any index: no diagram has that many links.
            p.error(
                codes::LINK_INDEX_RANGE,
                span,
                format!("`linkStyle {w}`: the link index is out of range"),
            )
            .hint("links are numbered from 0 in the order they appear in the source");
            p.skip_statement();
            return None;
        } else {
            let span = if w.is_empty() { p.here() } else { span };
            p.error(
                codes::BAD_STATEMENT,
                span,
                "expected a link index (0, 1, …) or `default` after `linkStyle`",
            );
            p.skip_statement();
            return None;
        }
        if !p.eat(",") {
            break;
        }
    }
    p.skip_ws();
    let mut interpolate = None;
    let save = p.pos;
    if let Some((w, _)) = p.ident() {
        if w.eq_ignore_ascii_case("interpolate") {
            p.skip_ws();
            match p.ident() {
                Some((c, cspan)) => match curve_named(&c, cspan) {
                    Ok((curve, warning)) => {
                        p.diags.extend(warning);
                        interpolate = Some(Spanned::new(curve, cspan));
                    }
                    Err(e) => p.diags.push(e),
                },
                None => {
                    let here = p.here();
                    p.error(
                        codes::BAD_STATEMENT,
                        here,
                        "expected a curve name after `interpolate`",
                    );
                }
            }
            p.skip_ws();
        } else {
            p.pos = save;
        }
    }
    if interpolate.is_none() && !require_props(p, "linkStyle N") {
        return None;
    }
    let props = props(p);
    Some(Statement::LinkStyle(LinkStyleStmt {
        targets,
        interpolate,
        props,
        span: Span::new(start, p.pos),
    }))
}
