//! mermaid `sequenceDiagram` text → [`SequenceDocument`], a syntax tree with byte spans.
//!
//! What is accepted follows mermaid's grammar (`sequenceDiagram.jison`, `sequenceDb`, its
//! parser spec): keywords are case-insensitive whole words; a statement ends at a line break
//! or `;`; text runs to the end of the statement (`#` starts a comment unless it starts an
//! entity code, which netfig warns about); participant names may hold spaces and hyphens.
//! Like the flowchart parser it never stops at the first problem: a statement that fails is
//! reported and skipped.
//!
//! Modules: `lex` (keywords, names, arrows, text, comments), `statement` (one statement),
//! `message` (messages, and misspelt keywords that read like one),
//! this file (the header, statement lists, blocks and boxes); front matter and `%%{init}%%`
//! come from the shared `frontmatter`. Codes: [`codes::seq`](crate::diagnostic::codes::seq).

mod ast;
mod lex;
mod message;
mod statement;

pub use ast::*;

use crate::diagnostic::codes::seq as codes;
use crate::diagnostic::Span;
use crate::mermaid::syntax::frontmatter;
use crate::mermaid::syntax::scan::{Hint, Parser};
use crate::model::sequence::BlockKind;

/// How deep blocks may nest (deeper ones are reported and read flat).
const MAX_DEPTH: usize = 64;

/// Parses `source`. Always returns a tree (possibly partial) and every diagnostic found.
pub fn parse(source: &str) -> (SequenceDocument, Vec<crate::diagnostic::Diagnostic>) {
    let mut p = Parser::new(source);
    p.sequence = true;
    let closed = frontmatter::front_matter(&mut p);
    let header = if closed { header(&mut p) } else { None };
    let statements = match header {
        Some(_) => top_level(&mut p),
        None => Vec::new(),
    };
    let config = std::mem::take(&mut p.config);
    (
        SequenceDocument {
            header,
            config,
            statements,
        },
        p.diags,
    )
}

/// Skips blank lines, `;` and comments (applying `%%{…}%%` directives) before a statement.
fn skip_trivia(p: &mut Parser<'_>) {
    loop {
        crate::mermaid::syntax::skip_trivia(p);
        if p.peek() == Some('#') && lex::entity_len(p.rest()).is_none() {
            lex::hash_comment(p);
        } else {
            return;
        }
    }
}

fn header(p: &mut Parser<'_>) -> Option<Span> {
    skip_trivia(p);
    let start = p.pos;
    let Some((word, span)) = p.word() else {
        p.error(
            codes::NOT_SEQUENCE,
            Span::new(start, start),
            "expected a `sequenceDiagram` header",
        );
        return None;
    };
    if !word.eq_ignore_ascii_case("sequenceDiagram") {
        let e = p.error(
            codes::NOT_SEQUENCE,
            span,
            format!("this is a `{word}` diagram, not a `sequenceDiagram`"),
        );
        if crate::diagnostic::suggest(&word, &["sequenceDiagram"]).is_some() {
            e.hint("did you mean `sequenceDiagram`?");
        }
        return None;
    }
    if word != "sequenceDiagram" {
        p.warn(
            codes::MERMAID_REJECTS,
            span,
            format!("mermaid.js does not recognise `{word}`: it only knows `sequenceDiagram` (netfig reads it)"),
        )
        .hint("write `sequenceDiagram`");
    }
    lex::finish(p, "the header");
    Some(span)
}

/// Where a statement list stopped.
enum Stop {
    /// The end of input.
    Eof,
    /// `end` (consumed), at this span.
    End(Span),
    /// A section keyword of the enclosing block (not consumed).
    Section,
}

/// The statements of the whole diagram.
fn top_level(p: &mut Parser<'_>) -> Vec<SeqStatement> {
    let mut out = Vec::new();
    loop {
        let (mut part, stop) = statements(p, None, 0);
        out.append(&mut part);
        match stop {
            Stop::Eof => return out,
            Stop::End(span) => {
                p.error(codes::STRAY_END, span, "`end` without an open block or box")
                    .hint("remove it, or open the block it closes (`loop`, `alt`, `box`, …)");
            }
            Stop::Section => unreachable_section(p),
        }
    }
}

/// A section keyword where no block takes it (never reached: [`statements`] reports it).
fn unreachable_section(p: &mut Parser<'_>) {
    lex::skip_statement(p);
}

/// Statements up to the end of input, an `end`, or a section keyword `block` takes.
fn statements(
    p: &mut Parser<'_>,
    block: Option<BlockKind>,
    depth: usize,
) -> (Vec<SeqStatement>, Stop) {
    let mut out = Vec::new();
    loop {
        skip_trivia(p);
        if p.at_end() {
            return (out, Stop::Eof);
        }
        if let Some(span) = lex::keyword(p, "end") {
            if p.too_deep > 0 {
                p.too_deep -= 1;
                lex::finish(p, "`end`");
                continue;
            }
            lex::finish(p, "`end`");
            return (out, Stop::End(span));
        }
        if let Some(kw) = ["else", "and", "option"]
            .into_iter()
            .find(|k| lex::at_keyword(p, k))
        {
            if block.and_then(BlockKind::section_keyword) == Some(kw) && p.too_deep == 0 {
                return (out, Stop::Section);
            }
            misplaced_section(p, kw, block);
            continue;
        }
        if let Some(kind) = block_keyword(p) {
            let kw_start = p.pos;
            p.pos += kind.keyword().len();
            if depth >= MAX_DEPTH {
                p.error(
                    codes::TOO_DEEP,
                    Span::new(kw_start, p.pos),
                    format!("blocks nested more than {MAX_DEPTH} deep"),
                );
                p.too_deep += 1;
                lex::skip_statement(p);
                continue;
            }
            out.push(SeqStatement::Block(block_stmt(p, kind, kw_start, depth)));
            continue;
        }
        if let Some(span) = lex::keyword(p, "box") {
            out.push(SeqStatement::Box(box_stmt(p, span, 0)));
            continue;
        }
        if let Some(s) = statement::statement(p) {
            out.push(s);
        }
    }
}

fn misplaced_section(p: &mut Parser<'_>, kw: &str, block: Option<BlockKind>) {
    let span = Span::new(p.pos, p.pos + kw.len());
    let owner = match kw {
        "else" => "an `alt`",
        "and" => "a `par`",
        _ => "a `critical`",
    };
    let inside = block.map_or("at top level".to_string(), |b| {
        format!("inside `{}`", b.keyword())
    });
    p.error(
        codes::MISPLACED_SECTION,
        span,
        format!("`{kw}` {inside}: it divides {owner} block"),
    )
    .hint(format!(
        "open {owner} block first, or close the inner block with `end`"
    ));
    lex::skip_statement(p);
}

/// The block keyword at the cursor, if any (not consumed).
fn block_keyword(p: &Parser<'_>) -> Option<BlockKind> {
    [
        BlockKind::Loop,
        BlockKind::Alt,
        BlockKind::Opt,
        BlockKind::ParOver,
        BlockKind::Par,
        BlockKind::Critical,
        BlockKind::Break,
        BlockKind::Rect,
    ]
    .into_iter()
    .find(|k| lex::at_keyword(p, k.keyword()))
}

/// A block after its keyword: its sections up to `end`.
fn block_stmt(p: &mut Parser<'_>, kind: BlockKind, kw_start: usize, depth: usize) -> BlockStmt {
    let mut sections = Vec::new();
    let mut line_start = kw_start;
    loop {
        let label = lex::rest_of_line(p);
        let line_span = Span::new(line_start, p.pos.max(label.span.end));
        let (statements, stop) = statements(p, Some(kind), depth + 1);
        sections.push(SectionSyntax {
            label,
            span: line_span,
            statements,
        });
        match stop {
            Stop::Section => {
                line_start = p.pos;
                p.pos += kind.section_keyword().map_or(0, str::len);
            }
            Stop::End(end) => {
                return BlockStmt {
                    kind,
                    sections,
                    span: Span::new(kw_start, end.end),
                }
            }
            Stop::Eof => {
                p.error(
                    codes::UNCLOSED_BLOCK,
                    Span::new(kw_start, kw_start + kind.keyword().len()),
                    format!("`{}` opened here is never closed", kind.keyword()),
                )
                .hint("close the block with `end` on a line of its own");
                return BlockStmt {
                    kind,
                    sections,
                    span: Span::new(kw_start, p.pos),
                };
            }
        }
    }
}

/// A `box` after its keyword: declarations and boxes (mermaid 11 nests them) up to `end`;
/// `depth` boxes enclose it.
fn box_stmt(p: &mut Parser<'_>, kw: Span, depth: usize) -> BoxStmt {
    let header = lex::rest_of_line(p);
    let span = Span::new(kw.start, p.pos.max(header.span.end));
    let mut statements = Vec::new();
    // Boxes opened past MAX_DEPTH: reported, read flat, their `end`s skipped.
    let mut too_deep = 0usize;
    loop {
        skip_trivia(p);
        if p.at_end() {
            p.error(
                codes::UNCLOSED_BLOCK,
                kw,
                "`box` opened here is never closed",
            )
            .hint("close the box with `end` after its participants");
            break;
        }
        if lex::keyword(p, "end").is_some() {
            lex::finish(p, "`end`");
            if too_deep == 0 {
                break;
            }
            too_deep -= 1;
            continue;
        }
        if let Some(inner) = lex::keyword(p, "box") {
            if depth + 1 < MAX_DEPTH {
                statements.push(SeqStatement::Box(box_stmt(p, inner, depth + 1)));
            } else {
                if too_deep == 0 {
                    p.error(
                        codes::TOO_DEEP,
                        inner,
                        format!("boxes nested more than {MAX_DEPTH} deep"),
                    );
                }
                lex::skip_statement(p);
                too_deep += 1;
            }
            continue;
        }
        let start = p.pos;
        let is_declaration = ["participant", "actor", "destroy"]
            .iter()
            .any(|k| lex::at_keyword(p, k));
        if !is_declaration {
            lex::skip_statement(p);
            p.error(
                codes::NOT_IN_BOX,
                Span::new(start, p.src[..p.pos].trim_end().len().max(start)),
                "only `participant` and `actor` declarations and boxes may stand in a `box`",
            )
            .hint("close the box with `end` before the messages");
            continue;
        }
        if let Some(s) = statement::statement(p) {
            statements.push(s);
        }
    }
    BoxStmt {
        header,
        statements,
        span,
    }
}

/// Whether `source` is a mermaid sequence diagram (its first word is `sequenceDiagram`).
pub fn is_sequence(source: &str) -> bool {
    crate::mermaid::syntax::diagram_kind(source).is_some_and(|k| k == "sequenceDiagram")
}
