//! The YAML format → a [`Definition`] that keeps, for every value, what the author wrote, what it
//! means, and where it is. Problems become diagnostics; reading goes on after each one.

use super::codes;
use super::names::{did_you_mean, is_flag, Action, Event, State};
use super::reference::Scope;
use super::tree::{self, Kind, Node};
use crate::diagnostic::{Diagnostic, Span};
use crate::model::label::is_han;

/// A value and where it is in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Its byte span.
    pub span: Span,
}

/// A name as the author wrote it, and what it resolved to (`None`: unknown, already reported).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written<T> {
    /// The author's spelling, e.g. `TIME_WAIT`.
    pub text: String,
    /// The canonical id.
    pub id: Option<T>,
    /// Where it is.
    pub span: Span,
}

/// Optional English and Chinese texts (names, notes, titles).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Names {
    /// English.
    pub en: Option<Located<String>>,
    /// Chinese.
    pub zh: Option<Located<String>>,
}

/// An entry of `states:`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateDecl {
    /// The key, e.g. `TIME-WAIT`.
    pub state: Written<State>,
    /// Name overrides.
    pub names: Names,
    /// A note (`note: { en, zh }`).
    pub note: Names,
}

/// An entry of `events:` or `actions:` overriding the built-in names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameDecl<T> {
    /// The key.
    pub item: Written<T>,
    /// Name overrides.
    pub names: Names,
}

/// The `action:` value: one item per action; an item's id is `Some(None)` for `x`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionList {
    /// The whole value.
    pub span: Span,
    /// The actions, as written.
    pub items: Vec<Written<Option<Action>>>,
}

impl ActionList {
    /// The resolved actions (without `x`), sorted; `None` if any is unknown.
    pub fn resolved(&self) -> Option<Vec<Action>> {
        let mut out = Vec::new();
        for item in &self.items {
            match item.id {
                Some(Some(a)) => out.push(a),
                Some(None) => {}
                None => return None,
            }
        }
        out.sort_unstable();
        out.dedup();
        Some(out)
    }
}

/// One claimed transition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransitionDef {
    /// The whole list item.
    pub span: Span,
    /// `from:`.
    pub from: Written<State>,
    /// `event:`.
    pub event: Written<Event>,
    /// `action:`, if given (omitted = not checked).
    pub action: Option<ActionList>,
    /// `to:`.
    pub to: Written<State>,
    /// An optional note.
    pub note: Names,
}

/// A parsed definition file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Definition {
    /// `machine:` (only `tcp` exists).
    pub machine: Option<Located<String>>,
    /// `scope:`.
    pub scope: Scope,
    /// Where `scope:`'s value is, if given.
    pub scope_span: Option<Span>,
    /// Where the `transitions` key is.
    pub transitions_span: Span,
    /// `title:`.
    pub title: Names,
    /// `states:`, in order.
    pub states: Vec<StateDecl>,
    /// `events:` name overrides.
    pub events: Vec<NameDecl<Event>>,
    /// `actions:` name overrides.
    pub actions: Vec<NameDecl<Action>>,
    /// `transitions:`, in order (items missing a required key are left out, and reported).
    pub transitions: Vec<TransitionDef>,
}

const TOP_KEYS: &[&str] = &[
    "machine",
    "scope",
    "title",
    "states",
    "events",
    "actions",
    "transitions",
];
const TRANSITION_KEYS: &[&str] = &["from", "event", "action", "to", "note"];
const NAME_KEYS: &[&str] = &["en", "zh"];
const STATE_KEYS: &[&str] = &["en", "zh", "note"];

/// Reads a definition. `None` only when the text is not YAML or not a mapping at all.
pub fn parse(source: &str) -> (Option<Definition>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut root = match tree::parse(source) {
        Ok(n) => n,
        Err(d) => return (None, vec![d]),
    };
    repair_splits(source, &mut root, &mut diags);
    let entries = match &root.kind {
        Kind::Map(e) => e,
        Kind::Null => {
            diags.push(
                Diagnostic::error(codes::MISSING_KEY, root.span, "empty definition")
                    .with_hint("start with `machine: tcp` and a `transitions:` list"),
            );
            return (None, diags);
        }
        _ => {
            diags.push(Diagnostic::error(
                codes::INVALID_VALUE,
                root.span,
                format!(
                    "a TCP definition is a mapping (`machine:`, `transitions:` …), found {}",
                    root.kind_name()
                ),
            ));
            return (None, diags);
        }
    };
    let mut def = Definition::default();
    let mut saw_transitions = false;
    for (key, value) in known_entries(entries, TOP_KEYS, "at the top level", &mut diags) {
        match key {
            "machine" => {
                if let Some(text) = scalar(value, "machine", &mut diags) {
                    if !text.eq_ignore_ascii_case("tcp") {
                        diags.push(
                            Diagnostic::error(
                                codes::INVALID_VALUE,
                                value.span,
                                format!("unknown machine `{text}`"),
                            )
                            .with_hint("the only machine is `tcp` (checked against RFC 9293)"),
                        );
                    }
                    def.machine = Some(Located {
                        value: text.to_string(),
                        span: value.span,
                    });
                }
            }
            "scope" => {
                if let Some(text) = scalar(value, "scope", &mut diags) {
                    def.scope_span = Some(value.span);
                    match Scope::parse(text) {
                        Some(s) => def.scope = s,
                        None => {
                            let mut d = Diagnostic::error(
                                codes::INVALID_VALUE,
                                value.span,
                                format!("unknown scope `{text}`"),
                            );
                            if let Some(s) = did_you_mean(text, &["partial", "figure", "full"]) {
                                d = d.with_hint(format!("did you mean `{s}`?"));
                            }
                            diags.push(d.with_hint("scopes: partial (default), figure, full"));
                        }
                    }
                }
            }
            "title" => def.title = names(value, NAME_KEYS, &mut diags).0,
            "states" => def.states = state_decls(value, &mut diags),
            "events" => {
                def.events = name_decls(value, "events", &mut diags, Event::parse, unknown_event)
            }
            "actions" => {
                def.actions = name_decls(
                    value,
                    "actions",
                    &mut diags,
                    |t| Action::parse(t).flatten(),
                    unknown_action,
                )
            }
            _ => {
                saw_transitions = true;
                def.transitions_span = key_span(entries, "transitions");
                def.transitions = transitions(value, &mut diags);
            }
        }
    }
    if !saw_transitions {
        diags.push(
            Diagnostic::error(
                codes::MISSING_KEY,
                Span::new(root.span.start, root.span.start),
                "missing `transitions:`",
            )
            .with_hint("list the transitions: `- { from: CLOSED, event: passive OPEN, action: create TCB, to: LISTEN }`"),
        );
    }
    (Some(def), diags)
}

fn key_span(entries: &[(Node, Node)], key: &str) -> Span {
    entries
        .iter()
        .find(|(k, _)| k.as_str() == Some(key))
        .map_or_else(Span::default, |(k, _)| k.span)
}

/// The entries with known keys; unknown keys, non-text keys and repeated keys are reported.
fn known_entries<'a>(
    entries: &'a [(Node, Node)],
    allowed: &'static [&'static str],
    place: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(&'static str, &'a Node)> {
    let mut out: Vec<(&'static str, &'a Node)> = Vec::new();
    let mut seen: Vec<(&str, Span)> = Vec::new();
    for (k, v) in entries {
        let Some(text) = k.as_str() else {
            diags.push(Diagnostic::error(
                codes::UNKNOWN_KEY,
                k.span,
                format!("expected a key name {place}, found {}", k.kind_name()),
            ));
            continue;
        };
        if let Some((_, first)) = seen.iter().find(|(s, _)| *s == text) {
            diags.push(
                Diagnostic::error(
                    codes::DUPLICATE_KEY,
                    k.span,
                    format!("`{text}` given twice"),
                )
                .with_hint(format!("first given at byte {}; keep one", first.start)),
            );
            continue;
        }
        seen.push((text, k.span));
        match allowed.iter().find(|a| **a == text) {
            Some(a) => out.push((a, v)),
            None => {
                let mut d = Diagnostic::error(
                    codes::UNKNOWN_KEY,
                    k.span,
                    format!("unknown key `{text}` {place}"),
                );
                if let Some(s) = did_you_mean(text, allowed) {
                    d = d.with_hint(format!("did you mean `{s}`?"));
                }
                diags.push(d.with_hint(format!("known keys: {}", allowed.join(", "))));
            }
        }
    }
    out
}

fn scalar<'a>(node: &'a Node, key: &str, diags: &mut Vec<Diagnostic>) -> Option<&'a str> {
    match node.as_str() {
        Some(s) if !s.trim().is_empty() => Some(s.trim()),
        _ => {
            diags.push(Diagnostic::error(
                codes::INVALID_VALUE,
                node.span,
                format!("`{key}` needs a single value, found {}", node.kind_name()),
            ));
            None
        }
    }
}

/// `en`/`zh` texts: a mapping, or one string (Chinese if it has Han characters). Returns the
/// names and, for state entries, the `note`.
fn names(
    node: &Node,
    allowed: &'static [&'static str],
    diags: &mut Vec<Diagnostic>,
) -> (Names, Names) {
    let mut out = Names::default();
    let mut note = Names::default();
    match &node.kind {
        Kind::Null => {}
        Kind::Scalar(s) => {
            let located = Some(Located {
                value: s.trim().to_string(),
                span: node.span,
            });
            if s.chars().any(is_han) {
                out.zh = located;
            } else {
                out.en = located;
            }
        }
        Kind::Map(entries) => {
            for (key, value) in known_entries(entries, allowed, "in a name", diags) {
                if key == "note" {
                    note = names(value, NAME_KEYS, diags).0;
                    continue;
                }
                let Some(text) = scalar(value, key, diags) else {
                    continue;
                };
                let located = Some(Located {
                    value: text.to_string(),
                    span: value.span,
                });
                if key == "en" {
                    out.en = located;
                } else {
                    out.zh = located;
                }
            }
        }
        Kind::Seq(_) => diags.push(Diagnostic::error(
            codes::INVALID_VALUE,
            node.span,
            "expected a name or `{ en: …, zh: … }`, found a list",
        )),
    }
    (out, note)
}

fn state_decls(node: &Node, diags: &mut Vec<Diagnostic>) -> Vec<StateDecl> {
    let Kind::Map(entries) = &node.kind else {
        if node.kind != Kind::Null {
            diags.push(Diagnostic::error(
                codes::INVALID_VALUE,
                node.span,
                format!(
                    "`states` is a mapping from state to names, found {}",
                    node.kind_name()
                ),
            ));
        }
        return Vec::new();
    };
    let mut out: Vec<StateDecl> = Vec::new();
    for (key, value) in entries {
        let Some(state) = state_name(key, diags) else {
            continue;
        };
        if let Some(first) = out
            .iter()
            .find(|d| d.state.id.is_some() && d.state.id == state.id)
        {
            diags.push(
                Diagnostic::error(
                    codes::DUPLICATE_KEY,
                    key.span,
                    format!("state `{}` is listed twice", state.text),
                )
                .with_hint(format!("already listed as `{}`", first.state.text)),
            );
            continue;
        }
        let (names, note) = names(value, STATE_KEYS, diags);
        out.push(StateDecl { state, names, note });
    }
    out
}

fn name_decls<T: Copy>(
    node: &Node,
    what: &str,
    diags: &mut Vec<Diagnostic>,
    parse: impl Fn(&str) -> Option<T>,
    unknown: impl Fn(&str) -> (&'static str, String, Vec<String>),
) -> Vec<NameDecl<T>> {
    let Kind::Map(entries) = &node.kind else {
        if node.kind != Kind::Null {
            diags.push(Diagnostic::error(
                codes::INVALID_VALUE,
                node.span,
                format!(
                    "`{what}` is a mapping from names to `{{ en, zh }}`, found {}",
                    node.kind_name()
                ),
            ));
        }
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, value) in entries {
        let Some(text) = scalar(key, what, diags) else {
            continue;
        };
        let id = parse(text);
        if id.is_none() {
            let (code, message, hints) = unknown(text);
            let mut d = Diagnostic::error(code, key.span, message);
            d.hints = hints;
            diags.push(d);
        }
        let (names, _) = names(value, NAME_KEYS, diags);
        out.push(NameDecl {
            item: Written {
                text: text.to_string(),
                id,
                span: key.span,
            },
            names,
        });
    }
    out
}

fn transitions(node: &Node, diags: &mut Vec<Diagnostic>) -> Vec<TransitionDef> {
    let Kind::Seq(items) = &node.kind else {
        diags.push(Diagnostic::error(
            codes::INVALID_VALUE,
            node.span,
            format!("`transitions` is a list, found {}", node.kind_name()),
        ));
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| transition(item, diags))
        .collect()
}

fn transition(item: &Node, diags: &mut Vec<Diagnostic>) -> Option<TransitionDef> {
    let Kind::Map(entries) = &item.kind else {
        diags.push(
            Diagnostic::error(
                codes::INVALID_VALUE,
                item.span,
                format!("a transition is a mapping, found {}", item.kind_name()),
            )
            .with_hint("write `- { from: …, event: …, action: …, to: … }`"),
        );
        return None;
    };
    let (mut from, mut event, mut to, mut action, mut note) =
        (None, None, None, None, Names::default());
    let mut broken = false;
    for (key, value) in known_entries(entries, TRANSITION_KEYS, "in a transition", diags) {
        match key {
            "from" | "to" => {
                let s = state_name(value, diags);
                broken |= s.is_none();
                if key == "from" {
                    from = s;
                } else {
                    to = s;
                }
            }
            "event" => {
                event = event_name(value, diags);
                broken |= event.is_none();
            }
            "action" => {
                action = action_list(value, diags);
                broken |= action.is_none();
            }
            _ => note = names(value, NAME_KEYS, diags).0,
        }
    }
    let missing: Vec<&str> = [
        ("from", from.is_none()),
        ("event", event.is_none()),
        ("to", to.is_none()),
    ]
    .into_iter()
    .filter(|(_, m)| *m)
    .map(|(k, _)| k)
    .collect();
    if !missing.is_empty() && !broken {
        let list = missing
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ");
        diags.push(
            Diagnostic::error(
                codes::MISSING_KEY,
                Span::new(item.span.start, item.span.start),
                format!("transition without {list}"),
            )
            .with_hint("every transition needs `from`, `event` and `to` (`action` is optional)"),
        );
    }
    Some(TransitionDef {
        span: item.span,
        from: from?,
        event: event?,
        action,
        to: to?,
        note,
    })
}

fn state_name(node: &Node, diags: &mut Vec<Diagnostic>) -> Option<Written<State>> {
    let text = scalar(node, "state", diags)?;
    let id = State::parse(text);
    if id.is_none() {
        let mut d = Diagnostic::error(
            codes::UNKNOWN_STATE,
            node.span,
            format!("unknown state `{text}`"),
        );
        if let Some(s) = State::suggest(text) {
            d = d.with_hint(format!("did you mean `{}`?", s.name()));
        }
        let all: Vec<&str> = State::ALL.iter().map(|s| s.name()).collect();
        diags.push(d.with_hint(format!("RFC 9293 states: {}", all.join(", "))));
    }
    Some(Written {
        text: text.to_string(),
        id,
        span: node.span,
    })
}

fn unknown_event(text: &str) -> (&'static str, String, Vec<String>) {
    let mut hints = Vec::new();
    if let Some(e) = Event::suggest(text) {
        hints.push(format!("did you mean `{}`?", e.name()));
    }
    let all: Vec<&str> = Event::ALL.iter().map(|e| e.name()).collect();
    hints.push(format!("events: {}", all.join("; ")));
    (
        codes::UNKNOWN_EVENT,
        format!("unknown event `{text}`"),
        hints,
    )
}

fn unknown_action(text: &str) -> (&'static str, String, Vec<String>) {
    let mut hints = Vec::new();
    if let Some(a) = Action::suggest(text) {
        hints.push(format!("did you mean `{}`?", a.name()));
    }
    let all: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
    hints.push(format!("actions: {}; `x` for none", all.join("; ")));
    (
        codes::UNKNOWN_ACTION,
        format!("unknown action `{text}`"),
        hints,
    )
}

fn event_name(node: &Node, diags: &mut Vec<Diagnostic>) -> Option<Written<Event>> {
    let text = scalar(node, "event", diags)?;
    let id = Event::parse(text);
    if id.is_none() {
        let (code, message, hints) = unknown_event(text);
        let mut d = Diagnostic::error(code, node.span, message);
        d.hints = hints;
        diags.push(d);
    }
    Some(Written {
        text: text.to_string(),
        id,
        span: node.span,
    })
}

/// `action:` as a list, or one string with `;` between actions.
fn action_list(node: &Node, diags: &mut Vec<Diagnostic>) -> Option<ActionList> {
    let mut pieces: Vec<(String, Span)> = Vec::new();
    match &node.kind {
        Kind::Scalar(_) => pieces.extend(split_actions(node)),
        Kind::Seq(items) => {
            for item in items {
                match item.kind {
                    Kind::Scalar(_) => pieces.extend(split_actions(item)),
                    _ => diags.push(Diagnostic::error(
                        codes::INVALID_VALUE,
                        item.span,
                        format!(
                            "an action is a name like `snd SYN`, found {}",
                            item.kind_name()
                        ),
                    )),
                }
            }
        }
        _ => {
            diags.push(
                Diagnostic::error(
                    codes::INVALID_VALUE,
                    node.span,
                    format!(
                        "`action` is a name or a list of names, found {}",
                        node.kind_name()
                    ),
                )
                .with_hint("write `x` for no action, or leave `action` out to skip checking it"),
            );
            return None;
        }
    }
    let mut items = Vec::new();
    for (text, span) in pieces {
        let id = Action::parse(&text);
        if id.is_none() {
            let (code, message, hints) = unknown_action(&text);
            let mut d = Diagnostic::error(code, span, message);
            d.hints = hints;
            diags.push(d);
        }
        items.push(Written { text, id, span });
    }
    if items.len() > 1 && items.iter().any(|i| i.id == Some(None)) {
        diags.push(
            Diagnostic::error(
                codes::INVALID_VALUE,
                node.span,
                "`x` means no action and cannot be combined with actions",
            )
            .with_hint("remove `x`"),
        );
        return None;
    }
    if items.is_empty() {
        diags.push(
            Diagnostic::error(codes::INVALID_VALUE, node.span, "empty `action`")
                .with_hint("write `x` for no action, or leave `action` out to skip checking it"),
        );
        return None;
    }
    Some(ActionList {
        span: node.span,
        items,
    })
}

/// Splits `create TCB; snd SYN` at `;`, with sub-spans when the source text is the value itself.
fn split_actions(node: &Node) -> Vec<(String, Span)> {
    let text = node.as_str().unwrap_or_default();
    let exact = node.span.end - node.span.start == text.len();
    let mut out = Vec::new();
    let mut offset = 0;
    for piece in text.split(';') {
        let lead = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        if !trimmed.is_empty() {
            let span = if exact {
                let s = node.span.start + offset + lead;
                Span::new(s, s + trimmed.len())
            } else {
                node.span
            };
            out.push((trimmed.to_string(), span));
        }
        offset += piece.len() + 1;
    }
    out
}

/// Undoes YAML's split of `rcv SYN,ACK` at the comma inside `{ … }` (a stray key `ACK` with no
/// value) or `[ … ]` (a stray item `ACK`), reporting each at the stray flag.
fn repair_splits(source: &str, node: &mut Node, diags: &mut Vec<Diagnostic>) {
    let flow_opener = source.get(node.span.start..).and_then(|s| s.chars().next());
    match &mut node.kind {
        Kind::Map(entries) => {
            let mut i = 1;
            while flow_opener == Some('{') && i < entries.len() {
                let stray = matches!(entries[i].1.kind, Kind::Null)
                    && entries[i].0.as_str().is_some_and(is_flag);
                let prev = &entries[i - 1];
                if stray && prev.1.as_str().is_some() {
                    let (flag_node, _) = entries.remove(i);
                    let (key, value) = &mut entries[i - 1];
                    merge(
                        value,
                        &flag_node,
                        key.as_str().unwrap_or("value"),
                        '{',
                        diags,
                    );
                } else {
                    i += 1;
                }
            }
            for (k, v) in entries {
                repair_splits(source, k, diags);
                repair_splits(source, v, diags);
            }
        }
        Kind::Seq(items) => {
            let mut i = 1;
            while flow_opener == Some('[') && i < items.len() {
                if items[i].as_str().is_some_and(is_flag) && items[i - 1].as_str().is_some() {
                    let flag_node = items.remove(i);
                    merge(&mut items[i - 1], &flag_node, "action", '[', diags);
                } else {
                    i += 1;
                }
            }
            for item in items {
                repair_splits(source, item, diags);
            }
        }
        _ => {}
    }
}

fn merge(value: &mut Node, flag: &Node, key: &str, opener: char, diags: &mut Vec<Diagnostic>) {
    let flag_text = flag.as_str().unwrap_or_default().trim().to_string();
    let head = value.as_str().unwrap_or_default().trim().to_string();
    let joined = format!("{head},{flag_text}");
    let (what, close) = if opener == '{' {
        ("flow mapping", '}')
    } else {
        ("flow list", ']')
    };
    diags.push(
        Diagnostic::error(
            codes::SPLIT_AT_COMMA,
            flag.span,
            format!(
                "YAML split `{key}: {joined}` at the comma: inside `{opener} … {close}` a comma ends the value, leaving `{head}` and a stray `{flag_text}`"
            ),
        )
        .with_hint(format!(
            "quote the value (`{key}: \"{joined}\"`) or write `{head}-{flag_text}`"
        ))
        .with_hint(format!("read here as `{joined}`; a {what} splits plain values at commas")),
    );
    value.kind = Kind::Scalar(joined);
    value.span = value.span.join(flag.span);
}
