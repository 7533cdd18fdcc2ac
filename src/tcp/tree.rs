//! A YAML document as a tree of nodes that remember their byte spans. Definitions written in
//! plain YAML (block mappings and lists, one-line `{ … }`/`[ … ]`, plain or simply quoted
//! scalars, comments) are read by [`fast`], a small scanner (about a quarter of the parser's
//! instructions); everything else, errors included, is read from the event stream of
//! `granit-parser` (the parser under `serde-saphyr`): one pass, no serde, every span taken from
//! the parser's byte offsets.
//!
//! Duplicate keys are passed through (and reported by the caller) so all problems surface in
//! one run; scalars keep the author's text, so `n`, `yes` or `12` are never turned into
//! booleans or numbers behind the author's back. The reading is the one serde-saphyr gave (the
//! tests compare the two): `~`, `null` and empty plain scalars are null, an alias is a copy of
//! its anchor's node with every span on the `*alias`, `<<` merges mappings (keys written in the
//! mapping win), and one document per file.

use super::codes;
use crate::diagnostic::{byte_offset, Diagnostic, Span};
use granit_parser::{ErrorKind, Event, Marker, Options, Parser, ScalarStyle, StrInput, Tag};

mod fast;
#[cfg(test)]
mod tests;

/// One YAML node and where it is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    pub(crate) kind: Kind,
    pub(crate) span: Span,
}

/// What a node holds.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    /// `~`, `null` or nothing.
    Null,
    /// Any scalar, as text (plain scalars as written, quoted ones unquoted).
    Scalar(String),
    /// `[ … ]` or `- …`.
    Seq(Vec<Node>),
    /// `{ … }` or `key: value` lines, in source order, duplicates kept.
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// The scalar text, if this is a scalar.
    pub(crate) fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::Scalar(s) => Some(s),
            _ => None,
        }
    }
    /// A word for error messages.
    pub(crate) fn kind_name(&self) -> &'static str {
        match self.kind {
            Kind::Null => "nothing",
            Kind::Scalar(_) => "a single value",
            Kind::Seq(_) => "a list",
            Kind::Map(_) => "a mapping",
        }
    }
    /// How many nodes this tree holds (itself included).
    fn count(&self) -> usize {
        1 + match &self.kind {
            Kind::Null | Kind::Scalar(_) => 0,
            Kind::Seq(items) => items.iter().map(Node::count).sum(),
            Kind::Map(entries) => entries.iter().map(|(k, v)| k.count() + v.count()).sum(),
        }
    }
    /// How many lists and mappings are nested here (0 for a scalar).
    fn depth(&self) -> usize {
        match &self.kind {
            Kind::Null | Kind::Scalar(_) => 0,
            Kind::Seq(items) => 1 + items.iter().map(Node::depth).max().unwrap_or(0),
            Kind::Map(entries) => {
                1 + entries
                    .iter()
                    .map(|(k, v)| k.depth().max(v.depth()))
                    .max()
                    .unwrap_or(0)
            }
        }
    }
    /// Every span in the tree set to `span` (an alias's copy points at the alias).
    fn respan(&mut self, span: Span) {
        self.span = span;
        match &mut self.kind {
            Kind::Null | Kind::Scalar(_) => {}
            Kind::Seq(items) => items.iter_mut().for_each(|n| n.respan(span)),
            Kind::Map(entries) => entries.iter_mut().for_each(|(k, v)| {
                k.respan(span);
                v.respan(span);
            }),
        }
    }
}

/// At most this many nodes, aliases expanded: a few thousand make a large machine; the cap
/// stops `&a [*b, *b, …]` chains from growing exponentially.
const MAX_NODES: usize = 200_000;

/// At most this many lists and mappings inside one another (flow and block style together,
/// aliases' copies included): a TCP definition needs four. The readers, the node tree's
/// drop, clone and walks (`flow::repair_splits`, the definition reader) recurse once per level
/// (the event reader's frames take about 12 KiB a level in a debug build), so the bound keeps
/// them inside half of a worker thread's 2 MiB stack.
pub(crate) const MAX_DEPTH: usize = 64;

/// Parses `source` into a node tree, or one syntax error where the parser stopped (the tests
/// compare it with other readers).
#[cfg(test)]
pub(crate) fn parse(source: &str) -> Result<Node, Diagnostic> {
    parse_classified(source).map_err(|e| e.diagnostic)
}

/// Why the text is not YAML netfig reads.
#[derive(Debug, PartialEq)]
pub(crate) struct SyntaxError {
    /// The error, where the parser stopped.
    pub(crate) diagnostic: Diagnostic,
    /// Whether the parser stopped at a tab (in indentation, or where YAML allows none): the
    /// parser's position is then often the line before the tab.
    pub(crate) at_tab: bool,
}

/// [`parse`], saying what kind of error stopped it.
pub(crate) fn parse_classified(source: &str) -> Result<Node, SyntaxError> {
    fast::read(source).map_or_else(|| parse_events(source), Ok)
}

/// [`parse`] by the full parser's events.
fn parse_events(source: &str) -> Result<Node, SyntaxError> {
    let mut options = Options::default();
    options.set_emit_comments(false);
    // The scanner looks ahead through flow brackets, so its own limits meet a deep flow
    // collection before this reader does; they are set to the reader's.
    options.flow_nesting_limit = MAX_DEPTH;
    options.block_nesting_limit = MAX_DEPTH;
    let mut reader = Reader {
        source,
        events: Parser::new_from_str_with_options(source, options),
        anchors: Vec::new(),
        nodes: 0,
        depth: 0,
        tab_error: None,
    };
    reader.stream().map_err(|diagnostic| SyntaxError {
        at_tab: reader.tab_error == Some(diagnostic.span),
        diagnostic,
    })
}

/// Whether the YAML parser stopped at a tab.
fn is_tab_error(kind: &ErrorKind) -> bool {
    matches!(
        kind,
        ErrorKind::TabNotAllowed
            | ErrorKind::TabInBlockIndentation
            | ErrorKind::TabAtBlockScalarStart
            | ErrorKind::TabInIndentation
            | ErrorKind::TabInPlainScalar
    )
}

type Step<'a> = (Event<'a>, granit_parser::Span);

struct Reader<'a> {
    source: &'a str,
    events: Parser<'a, StrInput<'a>>,
    /// Finished anchored nodes by anchor id, with their node counts and depths.
    anchors: Vec<Option<Anchored>>,
    /// Nodes read so far, aliases expanded.
    nodes: usize,
    /// Lists and mappings open around the node being read.
    depth: usize,
    /// Where the parser reported a tab error, if it did.
    tab_error: Option<Span>,
}

/// An anchored node, how many nodes it holds and how deep its lists and mappings go.
#[derive(Clone)]
struct Anchored {
    node: Node,
    count: usize,
    depth: usize,
}

impl<'a> Reader<'a> {
    fn next(&mut self) -> Result<Step<'a>, Diagnostic> {
        match self.events.next_event() {
            Some(Ok(step)) => Ok(step),
            Some(Err(e)) => {
                let at = self.marker_offset(e.marker());
                Err(match e.kind() {
                    ErrorKind::RecursionLimitExceeded => self.too_deep(Span::new(at, at)),
                    kind => {
                        if is_tab_error(kind) {
                            self.tab_error = Some(Span::new(at, at));
                        }
                        // The kind says what is wrong; the position is the marker's.
                        self.error(at, e.kind().to_string())
                    }
                })
            }
            None => Err(self.error(self.source.len(), "unexpected end of input".to_string())),
        }
    }

    fn error(&self, at: usize, message: String) -> Diagnostic {
        self.error_over(Span::new(at, at), message)
    }

    fn error_over(&self, span: Span, message: String) -> Diagnostic {
        Diagnostic::error(codes::YAML_SYNTAX, span, format!("invalid YAML: {message}"))
    }

    /// The stream: at most one document; no document at all reads as null (at the end).
    fn stream(&mut self) -> Result<Node, Diagnostic> {
        let mut root = None;
        let end;
        loop {
            let (event, span) = self.next()?;
            match event {
                Event::StreamStart | Event::DocumentEnd => {}
                Event::StreamEnd => {
                    end = self.marker_offset(&span.start);
                    break;
                }
                Event::DocumentStart(..) if root.is_some() => {
                    // Reported where the second document's content starts.
                    let (_, content) = self.next()?;
                    return Err(self.error_over(
                        self.span(&content),
                        "a second YAML document (`---`); one definition per file".to_string(),
                    ));
                }
                Event::DocumentStart(..) => {
                    let step = self.next()?;
                    root = Some(self.node(step)?);
                }
                _ => {}
            }
        }
        Ok(root.unwrap_or(Node {
            kind: Kind::Null,
            span: Span::new(end, end),
        }))
    }

    /// The node that starts with `step`, children included.
    fn node(&mut self, (event, span): Step<'a>) -> Result<Node, Diagnostic> {
        let at = self.span(&span);
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(self.error(
                at.start,
                format!("more than {MAX_NODES} values (aliases expanded)"),
            ));
        }
        let (kind, anchor) = match event {
            Event::Scalar(text, style, anchor, tag) => {
                let kind = if is_null(&text, style, tag.as_deref()) {
                    Kind::Null
                } else {
                    Kind::Scalar(text.into_owned())
                };
                (kind, anchor)
            }
            Event::SequenceStart(_, anchor, tag) => {
                self.container_tag(tag.as_deref(), "seq", at)?;
                self.open(at)?;
                let mut items = Vec::new();
                loop {
                    let step = self.next()?;
                    if matches!(step.0, Event::SequenceEnd) {
                        break;
                    }
                    items.push(self.node(step)?);
                }
                self.depth -= 1;
                (Kind::Seq(items), anchor)
            }
            Event::MappingStart(_, anchor, tag) => {
                self.container_tag(tag.as_deref(), "map", at)?;
                self.open(at)?;
                let kind = self.mapping()?;
                self.depth -= 1;
                (kind, anchor)
            }
            Event::Alias(id) => return self.alias(id, at),
            _ => return Err(self.error(at.start, "expected a value".to_string())),
        };
        let node = Node { kind, span: at };
        if anchor != 0 {
            if self.anchors.len() <= anchor {
                self.anchors.resize(anchor + 1, None);
            }
            let count = node.count();
            let depth = node.depth();
            self.anchors[anchor] = Some(Anchored {
                node: node.clone(),
                count,
                depth,
            });
        }
        Ok(node)
    }

    /// A mapping's entries up to its end; `<<: *base` entries come after the written ones,
    /// unless a written (or earlier merged) key has the same text.
    fn mapping(&mut self) -> Result<Kind, Diagnostic> {
        let mut entries: Vec<(Node, Node)> = Vec::new();
        let mut merged: Vec<(Node, Node)> = Vec::new();
        loop {
            let step = self.next()?;
            if matches!(step.0, Event::MappingEnd) {
                break;
            }
            let merge = is_merge_key(&step.0);
            let key = self.node(step)?;
            let step = self.next()?;
            let value = self.node(step)?;
            if merge {
                merge_into(&mut merged, value).map_err(|span| {
                    self.error_over(
                        span,
                        "the value of `<<` must be a mapping or a list of mappings".to_string(),
                    )
                })?;
            } else {
                entries.push((key, value));
            }
        }
        if !merged.is_empty() {
            let mut seen: Vec<Option<String>> = entries.iter().map(|(k, _)| key_text(k)).collect();
            for (k, v) in merged {
                let text = key_text(&k);
                if text.is_none() || !seen.contains(&text) {
                    seen.push(text);
                    entries.push((k, v));
                }
            }
        }
        Ok(Kind::Map(entries))
    }

    /// A core-schema tag on a list or mapping must be its own (`!!seq`, `!!map`): `!!str` on a
    /// mapping is an error, as serde-saphyr made it.
    fn container_tag(&self, tag: Option<&Tag>, own: &str, at: Span) -> Result<(), Diagnostic> {
        match tag.and_then(Tag::core_suffix) {
            Some(suffix) if suffix != own => {
                Err(self.error_over(at, format!("unsupported tag `!!{suffix}`")))
            }
            _ => Ok(()),
        }
    }

    fn alias(&mut self, id: usize, at: Span) -> Result<Node, Diagnostic> {
        let Some(anchored) = self.anchors.get(id).and_then(Option::as_ref) else {
            return Err(self.error(
                at.start,
                "an alias to a value that is not finished (it contains the alias)".to_string(),
            ));
        };
        // The alias itself was counted in `node`; its copy adds the rest.
        let nodes = self.nodes + anchored.count - 1;
        if nodes > MAX_NODES {
            return Err(self.error(
                at.start,
                format!("more than {MAX_NODES} values (aliases expanded)"),
            ));
        }
        if self.depth + anchored.depth > MAX_DEPTH {
            return Err(self.too_deep(at));
        }
        let mut copy = anchored.node.clone();
        self.nodes = nodes;
        copy.respan(at);
        Ok(copy)
    }

    /// Enters a list or mapping at `at`: an error there when that goes deeper than
    /// [`MAX_DEPTH`], before anything inside is read.
    fn open(&mut self, at: Span) -> Result<(), Diagnostic> {
        if self.depth >= MAX_DEPTH {
            return Err(self.too_deep(at));
        }
        self.depth += 1;
        Ok(())
    }

    fn too_deep(&self, at: Span) -> Diagnostic {
        self.error(
            at.start,
            format!("lists and mappings nested more than {MAX_DEPTH} deep"),
        )
        .with_hint("a TCP definition needs a few levels: a list of transition mappings")
    }

    /// A parser span as a byte span of the source.
    fn span(&self, span: &granit_parser::Span) -> Span {
        let start = self.marker_offset(&span.start);
        let end = self.marker_offset(&span.end).max(start);
        Span::new(start, end)
    }

    /// A marker's byte offset: the parser's own when it has one (it does for text input),
    /// otherwise its 1-based line and character column converted.
    fn marker_offset(&self, marker: &Marker) -> usize {
        match marker.byte_offset() {
            Some(off) => clamp_boundary(self.source, off),
            None => byte_offset(self.source, marker.line(), marker.col() + 1),
        }
    }
}

/// Null as serde-saphyr reads it: `!!null`, or an untagged (or custom-tagged) plain scalar that
/// is empty, `~`, `null`, `Null` or `NULL`. `!!str null` and `!` tags keep the text.
fn is_null(text: &str, style: ScalarStyle, tag: Option<&Tag>) -> bool {
    let nullish = || matches!(style, ScalarStyle::Plain) && is_null_plain(text);
    match tag {
        None => nullish(),
        Some(tag) => match tag.core_suffix() {
            Some(suffix) => suffix == "null",
            None => !(tag.handle() == "!" && tag.suffix().is_empty()) && nullish(),
        },
    }
}

/// Whether an untagged plain scalar reads as null.
fn is_null_plain(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

/// A `<<` key: plain and untagged, or tagged `!!merge`.
fn is_merge_key(event: &Event) -> bool {
    match event {
        Event::Scalar(text, style, _, tag) => {
            text == "<<"
                && match tag.as_deref() {
                    None => matches!(style, ScalarStyle::Plain),
                    Some(tag) => tag.core_suffix() == Some("merge"),
                }
        }
        _ => false,
    }
}

/// Adds the entries `<<` brings in: a mapping's, each mapping's of a list, nothing for null;
/// anything else is an error at that value.
fn merge_into(merged: &mut Vec<(Node, Node)>, value: Node) -> Result<(), Span> {
    match value.kind {
        Kind::Null => Ok(()),
        Kind::Map(entries) => {
            merged.extend(entries);
            Ok(())
        }
        Kind::Seq(items) => {
            if let Some(bad) = items.iter().find(|n| !matches!(n.kind, Kind::Map(_))) {
                return Err(bad.span);
            }
            for item in items {
                if let Kind::Map(entries) = item.kind {
                    merged.extend(entries);
                }
            }
            Ok(())
        }
        Kind::Scalar(_) => Err(value.span),
    }
}

/// A key's text for merge comparisons (`None` for keys that are not scalars).
fn key_text(key: &Node) -> Option<String> {
    match &key.kind {
        Kind::Scalar(s) => Some(s.clone()),
        Kind::Null => Some(String::new()),
        _ => None,
    }
}

fn clamp_boundary(source: &str, mut i: usize) -> usize {
    i = i.min(source.len());
    while i > 0 && !source.is_char_boundary(i) {
        i -= 1;
    }
    i
}
