//! Node groups (`A & B:::c`), node shapes (`[text]`, `((text))`, `@{ … }`) and strings.

use super::ast::{Chain, NodeRef, NodeShape, Spanned, Text, TextKind};
use super::codes;
use super::edge::{self, LinkResult};
use super::node_data;
use super::scan::{Hint, Parser};
use crate::diagnostic::Span;
use crate::model::Shape;

/// Why a node could not be read.
pub(crate) enum Fail {
    /// No id at the cursor; nothing consumed, nothing reported.
    NoId,
    /// A problem was reported and the statement should be abandoned.
    Reported,
}

/// Keywords that a misspelt statement start is compared against.
const KEYWORDS: &[&str] = &[
    "subgraph",
    "end",
    "direction",
    "classDef",
    "class",
    "style",
    "linkStyle",
    "click",
    "accTitle",
    "accDescr",
];

/// `group (link group)*` up to the end of the statement. Returns what parsed before an error.
pub(crate) fn chain(p: &mut Parser<'_>) -> Option<Chain> {
    let first = match group(p) {
        Ok(g) => g,
        Err(Fail::NoId) => {
            p.error_at_next(codes::UNEXPECTED, |next| {
                format!("unexpected {next}; expected a node id or a statement")
            });
            p.skip_statement();
            return None;
        }
        Err(Fail::Reported) => {
            p.skip_line();
            return None;
        }
    };
    let mut chain = Chain {
        groups: vec![first],
        links: Vec::new(),
    };
    loop {
        p.skip_ws();
        if p.at_eos() {
            // mermaid's link tokens start with `\s*`: a line that starts with an arrow
            // continues this statement (`A` / `--> B` on the next line).
            match p.after_line_breaks() {
                Some(next) if p.at_line_break() && continues_chain(&p.src[next..]) => {
                    p.pos = next;
                }
                _ => break,
            }
        }
        let before = p.pos;
        match edge::link(p) {
            LinkResult::Link(link) => {
                p.skip_ws();
                match group(p) {
                    Ok(g) => {
                        chain.links.push(link);
                        chain.groups.push(g);
                    }
                    Err(Fail::NoId) => {
                        p.error_at_next(codes::MISSING_NODE, |next| {
                            format!("expected a node after the arrow, found {next}")
                        });
                        p.skip_statement();
                        break;
                    }
                    Err(Fail::Reported) => {
                        p.skip_line();
                        break;
                    }
                }
            }
            LinkResult::Failed => {
                p.skip_line();
                break;
            }
            LinkResult::NotALink => {
                p.pos = before;
                unexpected_after_node(p, &chain);
                p.skip_statement();
                break;
            }
        }
    }
    Some(chain)
}

/// Whether a line starting with `rest` is an arrow that continues the previous statement:
/// mermaid's `LINK` / `START_LINK` tokens (`--`, `==`, `-.`, `.-`, `~~~`, with a `<`, `x` or
/// `o` start mark: mermaid lexes `o-->B` at a line start as an arrow too).
fn continues_chain(rest: &str) -> bool {
    let r = rest.strip_prefix(['<', 'x', 'o']).unwrap_or(rest);
    let after_dots = r.trim_start_matches('.');
    r.starts_with("--")
        || r.starts_with("==")
        || r.starts_with("-.")
        || (after_dots.len() < r.len() && after_dots.starts_with('-'))
        || rest.starts_with("~~~")
}

fn unexpected_after_node(p: &mut Parser<'_>, chain: &Chain) {
    let here = p.here();
    let next = p.describe_next();
    let lone =
        chain.links.is_empty() && chain.groups[0].len() == 1 && chain.groups[0][0].shape.is_none();
    let first = chain.groups[0][0].id.clone();
    let hint = lone
        .then(|| crate::diagnostic::suggest(&first.value, KEYWORDS))
        .flatten()
        .filter(|k| !k.eq_ignore_ascii_case(&first.value));
    let e = p.error(
        codes::UNEXPECTED,
        here,
        format!("unexpected {next}; expected an arrow, `&`, or the end of the statement"),
    );
    if let Some(k) = hint {
        e.hint(format!(
            "did you mean the keyword `{k}` instead of `{}`?",
            first.value
        ));
    }
}

/// `node ('&' node)*`.
pub(crate) fn group(p: &mut Parser<'_>) -> Result<Vec<NodeRef>, Fail> {
    let mut nodes = vec![node(p)?];
    loop {
        let save = p.pos;
        p.skip_ws();
        if p.peek() != Some('&') {
            p.pos = save;
            return Ok(nodes);
        }
        p.bump();
        p.skip_ws();
        match node(p) {
            Ok(n) => nodes.push(n),
            Err(Fail::NoId) => {
                p.error_at_next(codes::MISSING_NODE, |next| {
                    format!("expected a node after `&`, found {next}")
                });
                return Err(Fail::Reported);
            }
            Err(e) => return Err(e),
        }
    }
}

/// Bracket shapes, longest opener first. `None` closer: `[/` and `[\`, which close two ways.
const OPENERS: &[(&str, &str, Shape)] = &[
    ("(((", ")))", Shape::DoubleCircle),
    ("((", "))", Shape::Circle),
    // mermaid's `ellipse`.
    ("(-", "-)", Shape::Ellipse),
    ("([", "])", Shape::Stadium),
    ("(", ")", Shape::Rounded),
    ("[[", "]]", Shape::Subroutine),
    ("[(", ")]", Shape::Cylinder),
    ("[/", "", Shape::LeanRight),
    ("[\\", "", Shape::LeanLeft),
    ("[", "]", Shape::Rect),
    ("{{", "}}", Shape::Hexagon),
    ("{", "}", Shape::Diamond),
    (">", "]", Shape::Asymmetric),
];

/// One node: id, optional shape (a bracket shape, an `@{…}` block, or both in that order as
/// in `C[Hello]@{ shape: circle }`), optional `:::class` suffixes.
pub(crate) fn node(p: &mut Parser<'_>) -> Result<NodeRef, Fail> {
    let (mut id, mut id_span) = p.node_id(false).ok_or(Fail::NoId)?;
    // mermaid's `MINUS` token is an id token too: `odd->text]` is node `odd-` in the
    // asymmetric shape (`idString TAGEND text SQE`), not an arrow.
    let line = &p.src[p.pos..p.line_end()];
    if line.starts_with("->")
        && line[2..]
            .find(TEXT_STOPS)
            .is_some_and(|i| line[2 + i..].starts_with(']'))
    {
        p.bump();
        id.push('-');
        id_span = Span::new(id_span.start, p.pos);
    }
    let mut shape = None;
    let mut data = None;
    if let Some(&(open, close, s)) = OPENERS.iter().find(|(o, _, _)| p.rest().starts_with(o)) {
        shape = Some(bracket(p, open, close, s)?);
    }
    if p.rest().starts_with("@{") {
        let block = node_data::attrs(p)?;
        if shape.is_none() {
            shape = Some(block);
        } else {
            data = Some(block);
        }
        stray_at(p);
    }
    let mut classes = Vec::new();
    while p.eat(":::") {
        match p.ident() {
            Some((c, span)) => classes.push(Spanned::new(c, span)),
            None => {
                let here = p.here();
                p.error(codes::UNEXPECTED, here, "expected a class name after `:::`");
                return Err(Fail::Reported);
            }
        }
    }
    Ok(NodeRef {
        id: Spanned::new(id, id_span),
        shape,
        data,
        classes,
    })
}

/// A lone `@` after `@{ … }` (`n1@{ shape: tri }@`, as mermaid's cypress spec
/// `newShapes.spec.ts` writes it): no token of mermaid's lexer starts with `@` there, so
/// mermaid.js fails; netfig skips it and says so.
fn stray_at(p: &mut Parser<'_>) {
    if p.peek() != Some('@') || p.peek2() == Some('{') {
        return;
    }
    let at = p.pos;
    p.bump();
    if p.peek().is_some_and(|c| !c.is_whitespace() && c != ';') {
        // `}@x` is no stray sign: leave it for the caller to report.
        p.pos = at;
        return;
    }
    p.warn(
        codes::MERMAID_REJECTS,
        Span::new(at, at + 1),
        "mermaid.js would reject this `@` after `@{ … }` (netfig ignores it)",
    )
    .hint("remove the `@`");
}

fn bracket(p: &mut Parser<'_>, open: &str, close: &str, shape: Shape) -> Result<NodeShape, Fail> {
    let start = p.pos;
    p.pos += open.len();
    let open_span = Span::new(start, p.pos);
    // The closers to look for and the shape each one gives.
    let closers: Vec<(&str, Shape)> = match open {
        "[/" => vec![("/]", Shape::LeanRight), ("\\]", Shape::Trapezoid)],
        "[\\" => vec![("\\]", Shape::LeanLeft), ("/]", Shape::TrapezoidTop)],
        _ => vec![(close, shape)],
    };
    let expected = closers
        .iter()
        .map(|(c, _)| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(" or ");
    if open == "[" && p.peek() == Some('|') {
        skip_rect_props(p);
    }
    let save = p.pos;
    p.skip_ws();
    let text = if p.peek() == Some('"') {
        let t = string(p).ok_or(Fail::Reported)?;
        p.skip_ws();
        t
    } else {
        p.pos = save;
        let line_end = p.line_end();
        let hay = &p.src[p.pos..line_end];
        let found = closers
            .iter()
            .filter_map(|(c, _)| hay.find(c).map(|i| (i, *c)))
            .min_by_key(|(i, _)| *i)
            .or_else(|| close_on_later_line(p.rest(), &closers));
        let Some((i, _)) = found else {
            let e = p.error(
                codes::UNCLOSED_NODE,
                open_span,
                format!("expected {expected} to close the node label opened here"),
            );
            if open == "(-" {
                e.hint("`(-` opens mermaid's ellipse `(-text-)`; quote text that starts with `-`: `(\"-text\")`");
            } else {
                e.hint("unquoted node text ends at the next bracket, `|` or `\"`: close the label before it, or quote the text");
            }
            return Err(Fail::Reported);
        };
        let span = Span::new(p.pos, p.pos + i);
        p.pos += i;
        let text = Text {
            kind: TextKind::Plain,
            raw: p.src[span.start..span.end].to_string(),
            span,
        };
        if let Some(bad) = needs_quotes(&text.raw) {
            let at = span.start + bad;
            let c = text.raw[bad..].chars().next().unwrap_or('"');
            p.error(
                codes::NEEDS_QUOTES,
                Span::new(at, at + c.len_utf8()),
                format!(
                    "`{c}` in unquoted node text; mermaid only accepts it inside a quoted string"
                ),
            )
            .hint(format!(
                "quote the whole text: `{open}\"{}\"{}`",
                text.raw.replace('"', "#quot;"),
                closers[0].0
            ));
            return Err(Fail::Reported);
        }
        text
    };
    for (c, s) in &closers {
        if p.eat(c) {
            return Ok(NodeShape::Bracket {
                shape: *s,
                text,
                span: Span::new(start, p.pos),
            });
        }
    }
    let next = p.describe_next();
    let e = p.error(
        codes::UNCLOSED_NODE,
        open_span,
        format!("expected {expected} to close the node label opened here, found {next}"),
    );
    if text.raw.contains('\n') {
        e.hint("the quoted text runs over several lines: is a closing `\"` missing?");
    }
    Err(Fail::Reported)
}

/// Characters mermaid's lexer ends unquoted text at (`<text>[^\[\]\(\)\{\}\|\"]+`).
const TEXT_STOPS: [char; 8] = ['[', ']', '(', ')', '{', '}', '|', '"'];

/// Unquoted node text may run over lines in mermaid (its text token takes newlines) as long
/// as no bracket, `|` or `"` comes first: the closer must be the next such character.
/// Returns the closer's offset in `rest`.
fn close_on_later_line<'c>(rest: &str, closers: &[(&'c str, Shape)]) -> Option<(usize, &'c str)> {
    let stop = rest.find(TEXT_STOPS)?;
    closers.iter().find_map(|(c, _)| {
        // The closer's first stop character sits at `stop` (`-)` and `/]` start before it).
        let k = c.find(TEXT_STOPS)?;
        let at = stop.checked_sub(k)?;
        let before = rest.get(..at)?;
        (rest[at..].starts_with(c) && before.contains('\n')).then_some((at, *c))
    })
}

/// The offset of the first character that mermaid's lexer does not accept in unquoted node
/// text: brackets of any kind (they open or close shapes) and `"` — except a `"` inside an
/// HTML tag (`<img src="…">`), which real diagrams write; the label drops the tag itself with
/// a warning (no markup or external resource reaches the output).
pub(crate) fn needs_quotes(raw: &str) -> Option<usize> {
    let mut in_tag = false;
    let mut prev = None;
    for (i, c) in raw.char_indices() {
        match c {
            '(' | ')' | '[' | ']' | '{' | '}' => return Some(i),
            '"' if !in_tag => return Some(i),
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ => {}
        }
        if in_tag && prev == Some('<') && !(c.is_ascii_alphabetic() || c == '/') {
            in_tag = false;
        }
        prev = Some(c);
    }
    None
}

/// `[|borders:lt|text]`: mermaid's rect node with properties. The `key:value` list is skipped
/// (netfig draws the rect with all its borders); the cursor ends on the text.
fn skip_rect_props(p: &mut Parser<'_>) {
    let line_end = p.line_end();
    let body = &p.src[p.pos + 1..line_end];
    if let Some(i) = body.find('|') {
        let props = &body[..i];
        if props.contains(':')
            && props
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, ':' | ',' | '-' | '_' | ' '))
        {
            p.pos += 1 + i + 1;
        }
    }
}

/// A `"…"` string or a ``"`…`"`` markdown string at the cursor (which is on the `"`).
/// Both may span lines, as in mermaid (a newline in a plain string is a line break).
pub(crate) fn string(p: &mut Parser<'_>) -> Option<Text> {
    let start = p.pos;
    if p.rest().starts_with("\"`") {
        let body = start + 2;
        if let Some(i) = p.src[body..].find("`\"") {
            p.pos = body + i + 2;
            let span = Span::new(body, body + i);
            return Some(Text {
                kind: TextKind::Markdown,
                raw: p.src[span.start..span.end].to_string(),
                span,
            });
        }
        p.error(
            codes::UNCLOSED_STRING,
            Span::new(start, body),
            "expected `` `\" `` to close the markdown string opened here",
        );
        return None;
    }
    p.bump();
    match p.src[p.pos..].find('"') {
        Some(i) => {
            let span = Span::new(p.pos, p.pos + i);
            p.pos += i + 1;
            Some(Text {
                kind: TextKind::Quoted,
                raw: p.src[span.start..span.end].to_string(),
                span,
            })
        }
        None => {
            p.error(
                codes::UNCLOSED_STRING,
                Span::new(start, start + 1),
                "expected `\"` to close the string opened here",
            )
            .hint("write `#quot;` for a quote inside a string");
            None
        }
    }
}
