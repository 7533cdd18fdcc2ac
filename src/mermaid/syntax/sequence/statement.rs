//! One statement that is not a block or a box: declarations, messages, notes, activations,
//! links, `autonumber`, titles and accessibility text.

use super::ast::*;
use super::codes;
use super::lex;
use crate::diagnostic::Span;
use crate::mermaid::syntax::scan::{Hint, Parser};
use crate::mermaid::syntax::yaml::{self, Yaml};
use crate::mermaid::syntax::{Spanned, Text, TextKind};
use crate::model::sequence::SequenceNumber;

/// Reads the statement at the cursor; `None` after an error (reported, statement skipped).
pub(super) fn statement(p: &mut Parser<'_>) -> Option<SeqStatement> {
    let start = p.pos;
    if let Some(create) = lex::keyword(p, "create") {
        p.skip_ws();
        let keyword = decl_keyword(p);
        let Some(keyword) = keyword else {
            p.error_at_next(codes::UNEXPECTED, |next| {
                format!("expected `participant` or `actor` after `create`, found {next}")
            });
            lex::skip_statement(p);
            return None;
        };
        return declaration(p, keyword, true, create.start);
    }
    if let Some(keyword) = decl_keyword(p) {
        return declaration(p, keyword, false, start);
    }
    if lex::keyword(p, "destroy").is_some() {
        let id = required_id(p, "`destroy`")?;
        lex::finish(p, "the participant");
        return Some(SeqStatement::Destroy(id));
    }
    for (kw, what, on) in [
        ("activate", "`activate`", true),
        ("deactivate", "`deactivate`", false),
    ] {
        if lex::keyword(p, kw).is_some() {
            let id = required_id(p, what)?;
            lex::finish(p, "the participant");
            let span = Span::new(start, id.span.end);
            return Some(SeqStatement::Activation { on, id, span });
        }
    }
    if lex::keyword(p, "note").is_some() {
        return note(p, start);
    }
    if lex::keyword(p, "autonumber").is_some() {
        return autonumber(p, start);
    }
    if let Some(s) = titles(p, start) {
        return s;
    }
    if let Some(s) = menus(p, start) {
        return s;
    }
    if lex::at_keyword(p, "sequenceDiagram") {
        let span = Span::new(p.pos, p.pos + "sequenceDiagram".len());
        p.error(codes::UNEXPECTED, span, "a second `sequenceDiagram` header");
        lex::skip_statement(p);
        return None;
    }
    super::message::message(p, start)
}

fn decl_keyword(p: &mut Parser<'_>) -> Option<DeclKeyword> {
    if lex::keyword(p, "participant").is_some() {
        Some(DeclKeyword::Participant)
    } else if lex::keyword(p, "actor").is_some() {
        Some(DeclKeyword::Actor)
    } else {
        None
    }
}

/// A declared id after `what`, or an error.
fn required_id(p: &mut Parser<'_>, what: &str) -> Option<Spanned<String>> {
    let id = lex::declared_id(p);
    if id.is_none() {
        p.error_at_next(codes::MISSING_PARTICIPANT, |next| {
            format!("expected a participant name after {what}, found {next}")
        });
        lex::skip_statement(p);
    }
    id
}

/// `participant A`, `actor B as Bob`, `participant C@{ "type": "queue" } as Queue`.
fn declaration(
    p: &mut Parser<'_>,
    keyword: DeclKeyword,
    create: bool,
    start: usize,
) -> Option<SeqStatement> {
    let what = match keyword {
        DeclKeyword::Participant => "`participant`",
        DeclKeyword::Actor => "`actor`",
    };
    let id = required_id(p, what)?;
    let mut decl = Declaration {
        keyword,
        create,
        id,
        kind: None,
        attr_alias: None,
        alias: None,
        span: Span::new(start, start),
    };
    p.skip_ws();
    if p.rest().starts_with("@{") {
        attrs(p, &mut decl);
        p.skip_ws();
    }
    if lex::at_keyword(p, "as") {
        p.pos += 2;
        let alias = lex::rest_of_line(p);
        if !alias.raw.is_empty() {
            decl.alias = Some(alias);
        }
    }
    decl.span = Span::new(start, p.src[..p.pos].trim_end().len().max(start));
    lex::finish(p, "the declaration");
    Some(SeqStatement::Declaration(decl))
}

/// `@{ "type": "…", "alias": "…" }` after a declared id.
fn attrs(p: &mut Parser<'_>, decl: &mut Declaration) {
    let open = p.pos;
    let body_start = open + 2;
    let line_end = p.line_end();
    let Some(close) = p.src[body_start..line_end]
        .find('}')
        .map(|i| body_start + i)
    else {
        p.error(
            codes::BAD_ATTRS,
            Span::new(open, open + 2),
            "expected `}` to close the `@{` opened here",
        );
        p.pos = line_end;
        return;
    };
    p.pos = close + 1;
    let body = &p.src[open + 1..=close];
    let value = yaml::parse(body).or_else(|_| yaml::parse(&body.replace(':', ": ")));
    let entries = match value {
        Ok(Yaml::Map(entries)) if entries.iter().all(|(k, _)| !k.is_empty()) => Some(entries),
        _ => None,
    };
    let Some(entries) = entries else {
        p.error(
            codes::BAD_ATTRS,
            Span::new(open, close + 1),
            "`@{ … }` is not a mapping of keys to values",
        )
        .hint(r#"write it like `@{ "type": "database", "alias": "Users" }`"#);
        return;
    };
    // Keys are found in order, each after the previous one: one pass over the block.
    let mut from = open;
    for (key, value) in entries {
        let at = find_in(p.src, from, close, &key);
        from = at;
        let kspan = Span::new(at, at + if at > open { key.len() } else { 0 });
        let Some(text) = value.as_text() else {
            p.error(
                codes::BAD_ATTRS,
                kspan,
                format!("`{key}` must be a single value"),
            );
            continue;
        };
        let vat = find_in(p.src, at, close, &text);
        let vspan = if vat > at {
            Span::new(vat, vat + text.len())
        } else {
            kspan
        };
        match key.as_str() {
            "type" => decl.kind = Some(Spanned::new(text, vspan)),
            "alias" => {
                decl.attr_alias = Some(Text {
                    kind: TextKind::Plain,
                    raw: text,
                    span: vspan,
                })
            }
            _ => {
                p.warn(
                    codes::UNKNOWN_ATTR,
                    kspan,
                    format!("`{key}` is not a participant attribute; ignored"),
                )
                .hint("participants take `type` and `alias`");
            }
        }
    }
}

/// Where `needle` is written in `src[from..to]` (or `from` if it is not found as written).
fn find_in(src: &str, from: usize, to: usize, needle: &str) -> usize {
    if needle.is_empty() {
        return from;
    }
    src[from..to].find(needle).map_or(from, |i| from + i)
}

/// `Note left of A: …`, `Note right of A: …`, `Note over A: …`, `Note over A,B: …`.
fn note(p: &mut Parser<'_>, start: usize) -> Option<SeqStatement> {
    p.skip_ws();
    let side = if side_keyword(p, "left") {
        NoteSide::LeftOf
    } else if side_keyword(p, "right") {
        NoteSide::RightOf
    } else if lex::keyword(p, "over").is_some() {
        NoteSide::Over
    } else {
        p.error_at_next(codes::UNEXPECTED, |next| {
            format!("expected `left of`, `right of` or `over` after `Note`, found {next}")
        });
        lex::skip_statement(p);
        return None;
    };
    let mut participants = vec![required_actor(p, || "the note's placement".into())?];
    p.skip_ws();
    if side == NoteSide::Over && p.eat(",") {
        participants.push(required_actor(p, || "`,`".into())?);
    }
    let (text, wrap) = colon_text(p, "the note")?;
    Some(SeqStatement::Note(NoteStmt {
        side,
        participants,
        span: Span::new(start, text.span.end.max(start)),
        text,
        wrap,
    }))
}

/// `left of` / `right of` (any spaces between), consumed if present.
fn side_keyword(p: &mut Parser<'_>, word: &str) -> bool {
    if !lex::at_keyword(p, word) {
        return false;
    }
    let save = p.pos;
    p.pos += word.len();
    p.skip_ws();
    if lex::keyword(p, "of").is_some() {
        return true;
    }
    p.pos = save;
    false
}

/// A participant name as messages write it, or an error naming what came before (`after`
/// is only built for the error).
pub(super) fn required_actor(
    p: &mut Parser<'_>,
    after: impl FnOnce() -> String,
) -> Option<Spanned<String>> {
    p.skip_ws();
    let a = lex::actor(p);
    if a.is_none() {
        let after = after();
        p.error_at_next(codes::MISSING_PARTICIPANT, |next| {
            format!("expected a participant name after {after}, found {next}")
        });
        lex::skip_statement(p);
    }
    a
}

/// `: text` ending a message, note or link.
pub(super) fn colon_text(p: &mut Parser<'_>, what: &str) -> Option<(Text, Option<bool>)> {
    p.skip_ws();
    if !p.eat(":") {
        p.error_at_next(codes::MISSING_TEXT, |next| {
            format!("expected `:` and the text of {what}, found {next}")
        })
        .hint("mermaid needs the colon even when the text is empty (`A->>B: `)");
        lex::skip_statement(p);
        return None;
    }
    let t = lex::text_with_wrap(p);
    lex::finish(p, "the text");
    Some(t)
}

/// `autonumber`, `autonumber 10`, `autonumber 10 5`, `autonumber off`.
fn autonumber(p: &mut Parser<'_>, start: usize) -> Option<SeqStatement> {
    p.skip_ws();
    if lex::keyword(p, "off").is_some() {
        let span = Span::new(start, p.pos);
        lex::finish(p, "`autonumber off`");
        return Some(SeqStatement::Autonumber {
            start: None,
            step: None,
            off: true,
            span,
        });
    }
    let mut numbers = Vec::new();
    while numbers.len() < 2 && p.peek().is_some_and(|c| c.is_ascii_digit() || c == '.') {
        let s = p.pos;
        while p.peek().is_some_and(|c| c.is_ascii_digit() || c == '.') {
            p.bump();
        }
        let Some(n) = SequenceNumber::parse(&p.src[s..p.pos]) else {
            p.error(
                codes::BAD_AUTONUMBER,
                Span::new(s, p.pos),
                format!("`{}` is not a number mermaid takes here", &p.src[s..p.pos]),
            )
            .hint("numbers may have at most two decimals (`10`, `10.5`, `.01`)");
            lex::skip_statement(p);
            return None;
        };
        numbers.push(n);
        p.skip_ws();
    }
    let span = Span::new(start, p.src[..p.pos].trim_end().len());
    if !lex::at_statement_end(p) {
        p.error_at_next(codes::BAD_AUTONUMBER, |next| {
            format!("unexpected {next} in `autonumber`")
        })
        .hint("write `autonumber`, `autonumber START`, `autonumber START STEP` or `autonumber off` (numbers with at most two decimals)");
        lex::skip_statement(p);
        return None;
    }
    lex::finish(p, "`autonumber`");
    Some(SeqStatement::Autonumber {
        start: numbers.first().copied(),
        step: numbers.get(1).copied(),
        off: false,
        span,
    })
}

/// `title …`, `title: …`, `accTitle: …`, `accDescr: …`, `accDescr { … }`; `None` if the
/// statement is none of these.
fn titles(p: &mut Parser<'_>, start: usize) -> Option<Option<SeqStatement>> {
    if lex::at_keyword(p, "title") {
        let after = &p.rest()[5..];
        if !(after.starts_with([' ', '\t', ':'])) {
            return None;
        }
        p.pos += 5;
        p.eat(":");
        let t = lex::rest_of_line(p);
        if t.raw.is_empty() {
            p.error(
                codes::MISSING_TEXT,
                Span::new(start, p.pos),
                "`title` without its text",
            );
            return Some(None);
        }
        lex::finish(p, "the title");
        return Some(Some(SeqStatement::Title(t)));
    }
    for (kw, descr) in [("acctitle", false), ("accdescr", true)] {
        if !lex::at_keyword(p, kw) {
            continue;
        }
        let save = p.pos;
        p.pos += kw.len();
        p.skip_ws();
        if p.eat(":") {
            // mermaid reads to the end of the line, `;` and `#` included.
            p.skip_ws();
            let s = p.pos;
            p.skip_line();
            let raw = p.src[s..p.pos].trim_end();
            let text = Text {
                kind: TextKind::Plain,
                raw: raw.to_string(),
                span: Span::new(s, s + raw.len()),
            };
            return Some(Some(if descr {
                SeqStatement::AccDescr(text)
            } else {
                SeqStatement::AccTitle(text)
            }));
        }
        if descr && p.eat("{") {
            let s = p.pos;
            let Some(close) = p.rest().find('}') else {
                p.error(
                    codes::UNCLOSED_BLOCK,
                    Span::new(start, s),
                    "`accDescr {` is never closed with `}`",
                );
                p.pos = p.src.len();
                return Some(None);
            };
            p.pos = s + close + 1;
            let raw = &p.src[s..s + close];
            let lead = raw.len() - raw.trim_start().len();
            let text = Text {
                kind: TextKind::Plain,
                raw: raw.trim().to_string(),
                span: Span::new(s + lead, s + lead + raw.trim().len()),
            };
            lex::finish(p, "`}`");
            return Some(Some(SeqStatement::AccDescr(text)));
        }
        p.pos = save;
    }
    None
}

/// `link A: label @ url`, `links A: {…}`, and the ignored `properties` / `details`; `None`
/// if the statement is none of these (the keyword must be followed by spaces and a name,
/// otherwise it is a participant's name: `link->>B: x`).
fn menus(p: &mut Parser<'_>, start: usize) -> Option<Option<SeqStatement>> {
    let kw = ["links", "link", "properties", "details"]
        .into_iter()
        .find(|k| lex::at_keyword(p, k))?;
    let after = &p.rest()[kw.len()..];
    let name_next = after.starts_with([' ', '\t'])
        && after
            .trim_start_matches([' ', '\t'])
            .chars()
            .next()
            .is_some_and(|c| {
                !c.is_whitespace()
                    && !matches!(
                        c,
                        '/' | '\\' | '+' | '(' | ')' | '<' | '>' | ':' | ',' | ';' | '-'
                    )
            });
    if !name_next {
        return None;
    }
    p.pos += kw.len();
    if kw == "properties" || kw == "details" {
        lex::skip_statement(p);
        p.warn(
            codes::IGNORED_STATEMENT,
            Span::new(start, p.src[..p.pos].trim_end().len()),
            format!("`{kw}` is ignored: it feeds mermaid's in-browser participant menu"),
        );
        return Some(None);
    }
    let Some(id) = required_actor(p, || format!("`{kw}`")) else {
        return Some(None);
    };
    let Some((text, _)) = colon_text(p, &format!("`{kw}`")) else {
        return Some(None);
    };
    let span = Span::new(start, text.span.end.max(id.span.end));
    let links = if kw == "link" {
        // `label @ url`: the first `@` separates them (mermaid's `addALink`).
        text.raw
            .split_once('@')
            .map(|(label, url)| vec![(label.trim().to_string(), url.trim().to_string())])
    } else {
        json_links(&text.raw)
    };
    let Some(links) = links else {
        let (e, hint) = if kw == "link" {
            (
                "`link` text must be `label @ url`",
                "write `link A: Dashboard @ https://…`",
            )
        } else {
            (
                "`links` text must be a JSON object of labels to URLs",
                r#"write `links A: {"Dashboard": "https://…"}`"#,
            )
        };
        p.error(codes::BAD_LINKS, text.span, e).hint(hint);
        return Some(None);
    };
    Some(Some(SeqStatement::Links { id, links, span }))
}

/// `{"label": "url", …}` as pairs, or `None` if it is not an object of strings.
fn json_links(text: &str) -> Option<Vec<(String, String)>> {
    let value = yaml::parse(text).ok()?;
    let Yaml::Map(entries) = value else {
        return None;
    };
    entries
        .into_iter()
        .map(|(k, v)| v.as_text().map(|url| (k, url)))
        .collect()
}
