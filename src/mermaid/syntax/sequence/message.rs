//! A message (`A->>+B: text`, with `()` marks), and the statements that read like one but
//! start with a misspelt or unsupported keyword.

use super::ast::*;
use super::codes;
use super::lex;
use super::statement::{colon_text, required_actor};
use crate::diagnostic::Span;
use crate::mermaid::syntax::scan::{Hint, Parser};
use crate::mermaid::syntax::Spanned;

/// Statement keywords, for did-you-mean on a misspelt one.
const KEYWORDS: &[&str] = &[
    "participant",
    "actor",
    "create",
    "destroy",
    "box",
    "loop",
    "alt",
    "else",
    "opt",
    "par",
    "par_over",
    "and",
    "critical",
    "option",
    "break",
    "rect",
    "end",
    "Note",
    "activate",
    "deactivate",
    "autonumber",
    "link",
    "links",
    "title",
    "accTitle",
    "accDescr",
];

/// Keywords of newer mermaid versions that netfig does not read.
const UNSUPPORTED: &[&str] = &["group"];

/// Reports a statement that starts with a misspelt or unsupported keyword (`particpant A`,
/// `group …`) rather than an arrow missing after a name with a space in it; whether it did.
fn unknown_keyword(p: &mut Parser<'_>, from: &Spanned<String>) -> bool {
    let Some((word, _)) = from.value.split_once([' ', '\t']) else {
        return false;
    };
    if word.is_empty() || !word.bytes().all(|b| b.is_ascii_alphabetic() || b == b'_') {
        return false;
    }
    let span = Span::new(from.span.start, from.span.start + word.len());
    if UNSUPPORTED.iter().any(|k| k.eq_ignore_ascii_case(word)) {
        p.error(
            codes::UNKNOWN_STATEMENT,
            span,
            format!("`{word}` is not a statement netfig reads"),
        )
        .hint("use `rect` or `box` to group");
        return true;
    }
    // Short words are names more often than typos (`Bob Lee: hi` is not `box`).
    let near = (word.len() >= 4).then(|| crate::diagnostic::suggest(word, KEYWORDS));
    let Some(Some(keyword)) = near else {
        return false;
    };
    p.error(
        codes::UNKNOWN_STATEMENT,
        span,
        format!("unknown statement `{word}`"),
    )
    .hint(format!("did you mean `{keyword}`?"));
    true
}

/// `A->>B: text`, with `+`/`-` and `()` marks.
pub(super) fn message(p: &mut Parser<'_>, start: usize) -> Option<SeqStatement> {
    let Some(from) = lex::actor(p) else {
        p.error_at_next(codes::UNEXPECTED, |next| {
            format!("expected a statement, found {next}")
        });
        lex::skip_statement(p);
        return None;
    };
    p.skip_ws();
    let central_from = p.eat("()");
    p.skip_ws();
    let Some((line, head, tail, aspan)) = lex::arrow(p) else {
        if unknown_keyword(p, &from) {
            lex::skip_statement(p);
            return None;
        }
        let at_end = lex::at_statement_end(p);
        let after_semicolon = p.src[..start].trim_end_matches([' ', '\t']).ends_with(';');
        let e = p.error_at_next(codes::BAD_ARROW, |next| {
            format!(
                "expected an arrow after `{}` (`->>`, `-->>`, `->`, `-x`, `-)`, …), found {next}",
                from.value
            )
        });
        if after_semicolon {
            e.hint(
                "`;` ends a statement in mermaid, even inside text: write `#59;` for a semicolon",
            );
        } else if at_end {
            e.hint("a statement that is not a keyword is a message: `A->>B: text`");
        }
        lex::skip_statement(p);
        return None;
    };
    p.skip_ws();
    let mark_start = p.pos;
    let activation = if p.eat("+") {
        Some(ActivationMark::Activate)
    } else if p.eat("-") {
        Some(ActivationMark::Deactivate)
    } else {
        None
    }
    .map(|m| Spanned::new(m, Span::new(mark_start, p.pos)));
    p.skip_ws();
    let central_to = p.eat("()");
    let src = p.src;
    let to = required_actor(p, || {
        format!("the arrow `{}`", &src[aspan.start..aspan.end])
    })?;
    let (text, wrap) = colon_text(p, "the message")?;
    Some(SeqStatement::Message(MessageStmt {
        from,
        arrow: Arrow {
            line,
            head,
            tail,
            span: aspan,
        },
        central_from,
        central_to,
        activation,
        to,
        span: Span::new(start, text.span.end.max(aspan.end)),
        text,
        wrap,
    }))
}
