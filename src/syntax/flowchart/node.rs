//! Node groups (`A & B:::c`), node shapes (`[text]`, `((text))`, `@{ … }`) and strings.

use super::ast::{Attr, Chain, NodeRef, NodeShape, Spanned, Text, TextKind};
use super::codes;
use super::edge::{self, LinkResult};
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
    r.starts_with("--")
        || r.starts_with("==")
        || r.starts_with("-.")
        || r.trim_start_matches('.').len() < r.len() && r.trim_start_matches('.').starts_with('-')
        || rest.starts_with("~~~")
}

fn unexpected_after_node(p: &mut Parser<'_>, chain: &Chain) {
    let here = p.here();
    let next = p.describe_next();
    let lone =
        chain.links.is_empty() && chain.groups[0].len() == 1 && chain.groups[0][0].shape.is_none();
    let first = chain.groups[0][0].id.clone();
    let hint = lone
        .then(|| codes::did_you_mean(&first.value, KEYWORDS))
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
    if p.rest().starts_with("->") && p.src[p.pos..p.line_end()].contains(']') {
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
        let block = attrs(p)?;
        if shape.is_none() {
            shape = Some(block);
        } else {
            data = Some(block);
        }
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
                e.hint("node text must close on the same line; use a quoted markdown string for line breaks");
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
/// HTML tag (`<img src="…">`), which real diagrams write and mermaid renders.
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

/// `@{ key: value, … }` (may span lines).
fn attrs(p: &mut Parser<'_>) -> Result<NodeShape, Fail> {
    let start = p.pos;
    p.pos += 2;
    let mut attrs = Vec::new();
    loop {
        skip_ws_nl(p);
        if p.eat("}") {
            return Ok(NodeShape::Attrs {
                attrs,
                span: Span::new(start, p.pos),
            });
        }
        let kstart = p.pos;
        while p
            .peek()
            .is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_')
        {
            p.bump();
        }
        if p.pos == kstart {
            p.error_at_next(codes::BAD_ATTRS, |next| {
                format!("expected an attribute name or `}}`, found {next}")
            })
            .hint("write attributes as `@{ shape: rect, label: \"text\" }`");
            return Err(Fail::Reported);
        }
        let key = Spanned::new(p.src[kstart..p.pos].to_string(), Span::new(kstart, p.pos));
        p.skip_ws();
        if !p.eat(":") {
            let here = p.here();
            p.error(
                codes::BAD_ATTRS,
                here,
                format!("expected `:` after attribute `{}`", key.value),
            );
            return Err(Fail::Reported);
        }
        p.skip_ws();
        let (value, quoted) = match p.peek() {
            Some(q @ ('"' | '\'')) => {
                p.bump();
                let Some((len, value)) = yaml_quoted(p.rest(), q) else {
                    p.error(
                        codes::UNCLOSED_STRING,
                        Span::new(p.pos - 1, p.pos),
                        format!("expected `{q}` to close the string opened here"),
                    );
                    return Err(Fail::Reported);
                };
                let span = Span::new(p.pos, p.pos + len);
                p.pos += len + 1;
                (Spanned::new(value, span), true)
            }
            Some('|' | '>') if block_scalar_header(p.rest()) => {
                let indent = kstart - p.src[..kstart].rfind('\n').map_or(0, |i| i + 1);
                (block_scalar(p, indent), true)
            }
            _ => {
                let vstart = p.pos;
                while p.peek().is_some_and(|c| c != ',' && c != '}' && c != '\n') {
                    p.bump();
                }
                let raw = &p.src[vstart..p.pos];
                let trimmed = raw.trim_end();
                let span = Span::new(vstart, vstart + trimmed.len());
                (Spanned::new(trimmed.to_string(), span), false)
            }
        };
        attrs.push(Attr { key, value, quoted });
        let before = p.pos;
        skip_ws_nl(p);
        // A newline separates pairs too (mermaid reads a multi-line block as YAML).
        if p.eat(",") || p.peek() == Some('}') || p.src[before..p.pos].contains('\n') {
            continue;
        }
        p.error_at_next(codes::BAD_ATTRS, |next| {
            format!("expected `,` or `}}` in the attribute block, found {next}")
        });
        return Err(Fail::Reported);
    }
}

/// Whether `rest` (at `|` or `>`) is a YAML block scalar header: the indicator, an optional
/// chomping/indent indicator, then the end of the line.
fn block_scalar_header(rest: &str) -> bool {
    let line = rest.split('\n').next().unwrap_or("");
    line[1..]
        .trim_start_matches(['-', '+', '1', '2', '3', '4', '5', '6', '7', '8', '9'])
        .trim()
        .is_empty()
}

/// A YAML block scalar (`label: |` / `label: >`) inside `@{ … }`: the following lines
/// indented deeper than the key (`key_indent`), up to a `}` (mermaid's lexer ends the block
/// there). `|` keeps the line breaks, `>` folds them into spaces. The cursor ends after the
/// last line taken (or on the `}`).
fn block_scalar(p: &mut Parser<'_>, key_indent: usize) -> Spanned<String> {
    let literal = p.peek() == Some('|');
    p.skip_line();
    let mut lines: Vec<&str> = Vec::new();
    let mut block_indent = None;
    let (start, mut end) = (p.pos, p.pos);
    while p.at_line_break() {
        let line_start = p.pos + if p.rest().starts_with('\r') { 2 } else { 1 };
        let line_end = p.src[line_start..]
            .find('\n')
            .map_or(p.src.len(), |i| line_start + i);
        let line = p.src[line_start..line_end].trim_end_matches('\r');
        let body = line.trim_start_matches([' ', '\t']);
        let indent = line.len() - body.len();
        if !body.is_empty() && (indent <= key_indent || body.starts_with('}')) {
            break;
        }
        if body.is_empty() {
            lines.push("");
            p.pos = line_end;
            continue;
        }
        let strip = (*block_indent.get_or_insert(indent)).min(indent);
        let text = &line[strip..];
        if let Some(i) = text.find('}') {
            lines.push(text[..i].trim_end());
            p.pos = line_start + strip + i;
            end = p.pos;
            break;
        }
        lines.push(text);
        p.pos = line_end;
        end = p.pos;
    }
    if !p.rest().starts_with('}') {
        p.pos = end;
    }
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    let value = if literal {
        lines.join("\n")
    } else {
        // Folding: a line break becomes a space, an empty line a line break.
        let mut out = String::new();
        for l in &lines {
            if l.is_empty() {
                out.push('\n');
            } else {
                if !out.is_empty() && !out.ends_with('\n') {
                    out.push(' ');
                }
                out.push_str(l.trim());
            }
        }
        out
    };
    Spanned::new(value, Span::new(start, end))
}

/// A YAML flow scalar's body up to its closing quote `q` (mermaid reads `@{…}` as YAML):
/// `"…"` takes backslash escapes (`\"`, `\\`, `\n`, `\t`), `'…'` takes `''` for a quote.
/// Either may run over lines: in `"…"` a line break (and the indentation after it) is a
/// line break of the label (mermaid's lexer turns it into `<br/>`), in `'…'` a space (YAML
/// folding). Returns the body's length in the source and its value.
fn yaml_quoted(rest: &str, q: char) -> Option<(usize, String)> {
    let mut value = String::new();
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\r' => {}
            '\n' => {
                while chars.peek().is_some_and(|&(_, n)| n.is_whitespace()) {
                    chars.next();
                }
                let trimmed = value.trim_end_matches([' ', '\t']).len();
                value.truncate(trimmed);
                value.push(if q == '"' { '\n' } else { ' ' });
            }
            '\\' if q == '"' => match chars.next() {
                Some((_, 'n')) => value.push('\n'),
                Some((_, 't')) => value.push('\t'),
                Some((_, e)) => value.push(e),
                None => return None,
            },
            '\'' if q == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') => {
                chars.next();
                value.push('\'');
            }
            c if c == q => return Some((i, value)),
            c => value.push(c),
        }
    }
    None
}

fn skip_ws_nl(p: &mut Parser<'_>) {
    while p.peek().is_some_and(char::is_whitespace) {
        p.bump();
    }
}
