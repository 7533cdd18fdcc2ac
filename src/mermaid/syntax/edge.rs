//! Arrows: `-->`, `---`, `-.->`, `==>`, `~~~`, markers `o`/`x`/`<`, longer forms, inline
//! labels (`-- text -->`, `-. text .->`, `== text ==>`), `|text|` labels and `e1@` edge ids.
//!
//! Length follows mermaid: `min_len` is 1 for the shortest form and grows by one per extra
//! dash, dot or equals sign (`---->` and `-...->` are 3).

use super::ast::{Link, Spanned, Text, TextKind};
use super::codes;
use super::scan::{Hint, Parser};
use crate::diagnostic::Span;
use crate::model::{Marker, Stroke};

/// Outcome of [`link`].
pub(crate) enum LinkResult {
    /// An arrow was read.
    Link(Link),
    /// No arrow here; nothing consumed or reported.
    NotALink,
    /// A malformed arrow was reported.
    Failed,
}

fn head(c: Option<char>) -> Option<Marker> {
    match c {
        Some('>') => Some(Marker::Arrow),
        Some('o') => Some(Marker::Circle),
        Some('x') => Some(Marker::Cross),
        _ => None,
    }
}

fn count(p: &mut Parser<'_>, c: char) -> u32 {
    let mut n = 0;
    while p.peek() == Some(c) {
        p.bump();
        n += 1;
    }
    n
}

/// Reads an arrow (with optional `id@` prefix and `|label|` suffix) at the cursor.
pub(crate) fn link(p: &mut Parser<'_>) -> LinkResult {
    let start = p.pos;
    let mut id = None;
    if let Some((w, span)) = p.ident() {
        if p.peek() == Some('@') && p.peek2() != Some('{') {
            p.bump();
            id = Some(Spanned::new(w, span));
        } else {
            p.pos = start;
        }
    }
    let arrow_start = p.pos;
    let mut start_marker = Marker::None;
    let c0 = p.peek();
    let c1 = p.peek2();
    if matches!(c1, Some('-' | '=' | '.')) {
        match c0 {
            Some('<') => start_marker = Marker::Arrow,
            Some('o') => start_marker = Marker::Circle,
            Some('x') => start_marker = Marker::Cross,
            _ => {}
        }
        if start_marker != Marker::None {
            p.bump();
        }
    }
    let body = match p.peek() {
        Some('-') => dashes(p, arrow_start),
        Some('=') => equals(p, arrow_start),
        // mermaid's dotted LINK is `-?\.+-`: the leading dash is optional (`A .-> B`).
        Some('.') if p.rest().trim_start_matches('.').starts_with('-') => {
            let dots = count(p, '.');
            p.bump(); // the `-`
            let end = marker(p);
            Ok((Stroke::Dotted, end, dots, None))
        }
        Some('~') => {
            let n = count(p, '~');
            if n >= 3 {
                Ok((Stroke::Invisible, Marker::None, n - 2, None))
            } else {
                Err(Some("`~~~` (an invisible link) needs at least three `~`"))
            }
        }
        _ => Err(None),
    };
    let (stroke, end, mut min_len, mut label) = match body {
        Ok(b) => b,
        Err(None) if id.is_none() && start_marker == Marker::None => {
            p.pos = start;
            return LinkResult::NotALink;
        }
        Err(Some(REPORTED)) => return LinkResult::Failed,
        Err(msg) => {
            let span = if p.pos > arrow_start {
                Span::new(arrow_start, p.pos)
            } else {
                p.here()
            };
            let next = p.describe_next();
            let msg = msg.map_or_else(
                || format!("expected an arrow such as `-->`, found {next}"),
                str::to_string,
            );
            p.error(codes::BAD_ARROW, span, msg);
            return LinkResult::Failed;
        }
    };
    let arrow_end = p.pos;
    if start_marker != Marker::None && start_marker != end {
        if label.is_some() {
            p.error(
                codes::BAD_ARROW,
                Span::new(arrow_start, arrow_end),
                "the two ends of a labelled arrow must match (`<-- text -->`, `x-- text --x`, `o-- text --o`) or the start must be plain (`-- text --x`)",
            );
            return LinkResult::Failed;
        }
        // mermaid (flowDb.destructEndLink): a start mark without its matching end mark is
        // part of the line, so it draws nothing but counts towards the length (`<---` is an
        // open link of length 2); dotted lengths count only the dots.
        start_marker = Marker::None;
        if stroke != Stroke::Dotted {
            min_len += 1;
        }
    }
    if let Some(t) = &label {
        if let Err(()) = check_unquoted(p, t) {
            return LinkResult::Failed;
        }
    }
    // mermaid's LINK token ends in `\s*`: a line break after a bare arrow is whitespace, so
    // the `|label|` or the target may follow on the next line.
    let mut save = p.pos;
    p.skip_ws();
    if p.at_line_break() {
        if let Some(next) = p
            .after_line_breaks()
            .filter(|&next| !super::statement::starts_statement(&p.src[next..]))
        {
            save = next;
        }
    }
    p.pos = save;
    p.skip_ws();
    if p.peek() == Some('|') {
        let open = p.pos;
        p.bump();
        let line_end = p.line_end();
        let Some(i) = p.src[p.pos..line_end].find('|') else {
            p.error(
                codes::BAD_ARROW,
                Span::new(open, open + 1),
                "expected `|` to close the edge label opened here",
            );
            return LinkResult::Failed;
        };
        let text = text_between(p.src, p.pos, p.pos + i);
        if label.is_some() {
            p.error(
                codes::BAD_ARROW,
                Span::new(open, p.pos + i + 1),
                "this arrow already has a label (`-- text -->`); an edge takes one label",
            )
            .hint("keep either `A -- text --> B` or `A -->|text| B`");
            return LinkResult::Failed;
        }
        if let Err(()) = check_unquoted(p, &text) {
            return LinkResult::Failed;
        }
        warn_brackets(p, &text);
        label = Some(text);
        p.pos += i + 1;
    } else {
        p.pos = save;
    }
    LinkResult::Link(Link {
        id,
        stroke,
        start: start_marker,
        end,
        min_len,
        label,
        span: Span::new(arrow_start, arrow_end),
    })
}

type Body = Result<(Stroke, Marker, u32, Option<Text>), Option<&'static str>>;

fn dashes(p: &mut Parser<'_>, arrow_start: usize) -> Body {
    let n = count(p, '-');
    if n == 1 {
        if p.peek() != Some('.') {
            return Err(Some(
                "a single `-` is not an arrow; expected `-->`, `---` or `-.->`",
            ));
        }
        let dots = count(p, '.');
        if p.peek() == Some('-') {
            p.bump();
            let end = marker(p);
            return Ok((Stroke::Dotted, end, dots, None));
        }
        // `-. text .->`
        return labelled(p, arrow_start, Stroke::Dotted);
    }
    let end = marker(p);
    if end != Marker::None {
        return Ok((Stroke::Normal, end, n - 1, None));
    }
    if n >= 3 {
        return Ok((Stroke::Normal, Marker::None, n - 2, None));
    }
    labelled(p, arrow_start, Stroke::Normal)
}

fn equals(p: &mut Parser<'_>, arrow_start: usize) -> Body {
    let n = count(p, '=');
    if n < 2 {
        return Err(Some(
            "a single `=` is not an arrow; expected `==>` or `===`",
        ));
    }
    let end = marker(p);
    if end != Marker::None {
        return Ok((Stroke::Thick, end, n - 1, None));
    }
    if n >= 3 {
        return Ok((Stroke::Thick, Marker::None, n - 2, None));
    }
    labelled(p, arrow_start, Stroke::Thick)
}

fn marker(p: &mut Parser<'_>) -> Marker {
    match head(p.peek()) {
        Some(m) => {
            p.bump();
            m
        }
        None => Marker::None,
    }
}

/// After an opener `--`, `-.` or `==`: text up to the closing arrow on the same line.
fn labelled(p: &mut Parser<'_>, arrow_start: usize, stroke: Stroke) -> Body {
    let text_start = p.pos;
    let line_end = p.line_end();
    let hay = &p.src[text_start..line_end];
    let (needle, expected) = match stroke {
        Stroke::Dotted => (".-", "`.->` or `.-`"),
        Stroke::Thick => ("==", "`==>` or `===`"),
        _ => ("--", "`-->` or `---`"),
    };
    let Some(i) = hay.find(needle) else {
        p.error(
            codes::UNCLOSED_EDGE_LABEL,
            Span::new(arrow_start, text_start),
            format!("expected {expected} to close the edge label opened here"),
        )
        .hint("or put the label after the arrow: `A -->|text| B`");
        return Err(Some(REPORTED));
    };
    let mut close = text_start + i;
    if stroke == Stroke::Dotted {
        // Extra dots before `.-` belong to the closing arrow (`-. x ..->`).
        while close > text_start && p.src.as_bytes()[close - 1] == b'.' {
            close -= 1;
        }
    }
    let label = text_between(p.src, text_start, close);
    p.pos = close;
    let len = match stroke {
        Stroke::Dotted => {
            let dots = count(p, '.');
            p.bump(); // the `-`
            let end = marker(p);
            return Ok((stroke, end, dots, Some(label)));
        }
        Stroke::Thick => count(p, '='),
        _ => count(p, '-'),
    };
    let end = marker(p);
    if end == Marker::None && len < 3 {
        p.error(
            codes::BAD_ARROW,
            Span::new(close, p.pos),
            format!("expected {expected} to close the edge label"),
        );
        return Err(Some(REPORTED));
    }
    let min_len = if end == Marker::None {
        len - 2
    } else {
        len - 1
    };
    Ok((stroke, end, min_len, Some(label)))
}

/// mermaid rejects a `"` inside unquoted edge text (`|a "b" c|`): report it.
fn check_unquoted(p: &mut Parser<'_>, t: &Text) -> Result<(), ()> {
    if t.kind != TextKind::Plain {
        return Ok(());
    }
    let Some(i) = t.raw.find('"') else {
        return Ok(());
    };
    let at = t.span.start + i;
    p.error(
        codes::NEEDS_QUOTES,
        Span::new(at, at + 1),
        "`\"` in unquoted edge text; quote the whole label or write `#quot;`",
    )
    .hint(format!(
        "for example `|\"{}\"|`",
        t.raw.replace('"', "#quot;")
    ));
    Err(())
}

/// mermaid's `|…|` text token stops at brackets, so `|f(x)|` or `|{a,b}|` breaks the diagram
/// there; netfig reads up to the closing `|` and draws it, with a warning for authors whose
/// page mermaid.js also shows.
fn warn_brackets(p: &mut Parser<'_>, t: &Text) {
    if t.kind != TextKind::Plain {
        return;
    }
    let Some(i) = t.raw.find(['(', ')', '[', ']', '{', '}']) else {
        return;
    };
    let at = t.span.start + i;
    let c = &t.raw[i..=i];
    p.warn(
        codes::MERMAID_REJECTS,
        Span::new(at, at + 1),
        format!("mermaid.js would reject `{c}` in an unquoted `|edge label|` (netfig renders it)"),
    )
    .hint(format!("quote the label: `|\"{}\"|`", t.raw));
}

/// Sentinel message: the error was already reported.
pub(crate) const REPORTED: &str = "\u{0}reported";

/// The label text between two offsets: trimmed, quotes and markdown backticks recognised.
pub(crate) fn text_between(src: &str, start: usize, end: usize) -> Text {
    let raw = &src[start..end];
    let lead = raw.len() - raw.trim_start().len();
    let t = raw.trim();
    let s = start + lead;
    let (kind, a, b) = if t.len() >= 4 && t.starts_with("\"`") && t.ends_with("`\"") {
        (TextKind::Markdown, s + 2, s + t.len() - 2)
    } else if t.len() >= 2 && t.starts_with('"') && t.ends_with('"') {
        (TextKind::Quoted, s + 1, s + t.len() - 1)
    } else {
        (TextKind::Plain, s, s + t.len())
    };
    Text {
        kind,
        raw: src[a..b].to_string(),
        span: Span::new(a, b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(src: &str) -> (Option<Link>, usize, Vec<&'static str>) {
        let mut p = Parser::new(src);
        let r = link(&mut p);
        let codes = p.diags.iter().map(|d| d.code).collect();
        match r {
            LinkResult::Link(l) => (Some(l), p.pos, codes),
            _ => (None, p.pos, codes),
        }
    }

    #[test]
    fn arrow_spans_cover_the_arrow() {
        let (l, pos, _) = one("e1@-.-> B");
        let l = l.unwrap();
        assert_eq!(l.id.unwrap().value, "e1");
        assert_eq!(l.span, Span::new(3, 7));
        assert_eq!(pos, 7);
    }

    #[test]
    fn not_a_link_consumes_nothing() {
        let (l, pos, codes) = one("B --> C");
        assert!(l.is_none());
        assert_eq!((pos, codes.len()), (0, 0));
    }

    #[test]
    fn inline_label_text_span_is_exact() {
        let src = "-- \"quoted\" --> B";
        let (l, _, _) = one(src);
        let t = l.unwrap().label.unwrap();
        assert_eq!(t.kind, TextKind::Quoted);
        assert_eq!(&src[t.span.start..t.span.end], "quoted");
    }

    #[test]
    fn malformed_arrows_report() {
        assert_eq!(one("-> B").2, [codes::BAD_ARROW]);
        assert_eq!(one("= B").2, [codes::BAD_ARROW]);
        assert_eq!(one("-- text").2, [codes::UNCLOSED_EDGE_LABEL]);
        assert_eq!(one("-->|open").2, [codes::BAD_ARROW]);
        assert_eq!(one("-- text -- B").2, [codes::BAD_ARROW]);
        assert_eq!(one("e1@ B").2, [codes::BAD_ARROW]);
    }
}
