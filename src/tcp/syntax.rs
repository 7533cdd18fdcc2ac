//! The YAML format → a [`Definition`] that keeps, for every value, what the author wrote, what it
//! means, and where it is. Problems become diagnostics; reading goes on after each one.

use super::codes;
pub use super::definition::*;
use super::names::{Action, Event};
use super::reference::Scope;
use super::tree::{self, Kind, Node};
use super::values::{action_list, event_name, state_name, unknown_action, unknown_event};
use crate::diagnostic::{Diagnostic, Span};
use crate::model::label::is_han;

const TOP_KEYS: &[&str] = &[
    "machine",
    "scope",
    "follows",
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
    let mut root = match tree::parse_classified(source) {
        Ok(n) => n,
        Err(e) if e.at_tab => return (None, vec![at_the_tab(source, e.diagnostic)]),
        Err(e) => return (None, vec![e.diagnostic]),
    };
    super::flow::repair_splits(source, &mut root, &mut diags);
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
                    if !is_tcp(text) {
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
                            if let Some(s) =
                                crate::diagnostic::suggest(text, &["partial", "figure", "full"])
                            {
                                d = d.with_hint(format!("did you mean `{s}`?"));
                            }
                            diags.push(d.with_hint("scopes: partial (default), figure, full"));
                        }
                    }
                }
            }
            "follows" => def.follows = super::values::follows(value, &mut diags),
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

/// YAML reports a tab where the scanner was (often the value on the line before); point at
/// the tab itself, the first in the indentation of the error's line or a line after it, which
/// is what the author has to change. (For errors the parser classified as tab errors: see
/// [`tree::SyntaxError::at_tab`].)
fn at_the_tab(source: &str, mut d: Diagnostic) -> Diagnostic {
    let Some(before) = source.get(..d.span.start) else {
        return d;
    };
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let mut offset = line_start;
    for line in source[line_start..].split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        if let Some(tab) = line[..indent].find('\t') {
            d.span = Span::new(offset + tab, offset + tab + 1);
            return d.with_hint("indent with spaces: YAML does not allow tabs in indentation");
        }
        offset += line.len();
    }
    d
}

/// `machine:` names RFC 9293's TCP: `tcp`, `TCP`, `rfc9293`, `RFC 9293`.
fn is_tcp(text: &str) -> bool {
    let key: String = text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    matches!(key.as_str(), "tcp" | "rfc9293" | "tcprfc9293")
}

fn key_span(entries: &[(Node, Node)], key: &str) -> Span {
    entries
        .iter()
        .find(|(k, _)| k.as_str() == Some(key))
        .map_or_else(Span::default, |(k, _)| k.span)
}

/// Other spellings of keys: `actions:` in a transition is `action:`.
const KEY_ALIASES: &[(&str, &str)] = &[("actions", "action")];

/// The known key `text` stands for: keys are case-insensitive (`From:`), and an alias counts
/// where its key is allowed and it is not a key itself.
fn canonical_key(text: &str, allowed: &'static [&'static str]) -> Option<&'static str> {
    let lower = text.trim().to_ascii_lowercase();
    allowed.iter().copied().find(|a| *a == lower).or_else(|| {
        KEY_ALIASES
            .iter()
            .find(|(alias, key)| *alias == lower && allowed.contains(key))
            .map(|(_, key)| *key)
    })
}

/// The entries with known keys; unknown keys, non-text keys and repeated keys are reported.
/// At the top level, keys starting with `x-` are left alone: a place for YAML anchors.
fn known_entries<'a>(
    entries: &'a [(Node, Node)],
    allowed: &'static [&'static str],
    place: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(&'static str, &'a Node)> {
    let mut out: Vec<(&'static str, &'a Node)> = Vec::new();
    for (k, v) in entries {
        let Some(text) = k.as_str() else {
            diags.push(Diagnostic::error(
                codes::UNKNOWN_KEY,
                k.span,
                format!("expected a key name {place}, found {}", k.kind_name()),
            ));
            continue;
        };
        let Some(key) = canonical_key(text, allowed) else {
            if allowed == TOP_KEYS && text.to_ascii_lowercase().starts_with("x-") {
                continue;
            }
            let mut d = Diagnostic::error(
                codes::UNKNOWN_KEY,
                k.span,
                format!("unknown key `{text}` {place}"),
            );
            if let Some(s) = crate::diagnostic::suggest(text, allowed) {
                d = d.with_hint(format!("did you mean `{s}`?"));
            }
            diags.push(d.with_hint(format!("known keys: {}", allowed.join(", "))));
            continue;
        };
        if out.iter().any(|(seen, _)| *seen == key) {
            diags.push(
                Diagnostic::error(
                    codes::DUPLICATE_KEY,
                    k.span,
                    format!("`{text}` given twice"),
                )
                .with_hint(format!(
                    "`{key}` is already given above in this mapping; keep one"
                )),
            );
            continue;
        }
        out.push((key, v));
    }
    out
}

pub(crate) fn scalar<'a>(
    node: &'a Node,
    key: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<&'a str> {
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
            for (key, value) in known_entries(entries, allowed, "in a name entry", diags) {
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

/// `states:` as a mapping from state to names, or as a list of states (each a name or a
/// one-entry mapping `- TIME-WAIT: { zh: … }`), which only orders them.
fn state_decls(node: &Node, diags: &mut Vec<Diagnostic>) -> Vec<StateDecl> {
    static NULL: Node = Node {
        kind: Kind::Null,
        span: Span { start: 0, end: 0 },
    };
    let entries: Vec<(&Node, &Node)> = match &node.kind {
        Kind::Map(entries) => entries.iter().map(|(k, v)| (k, v)).collect(),
        Kind::Seq(items) => items
            .iter()
            .filter_map(|item| match &item.kind {
                Kind::Map(e) if e.len() == 1 => Some((&e[0].0, &e[0].1)),
                Kind::Scalar(_) => Some((item, &NULL)),
                _ => {
                    diags.push(Diagnostic::error(
                        codes::INVALID_VALUE,
                        item.span,
                        format!(
                            "a `states` list holds state names (or `STATE: {{ en, zh }}`), found {}",
                            item.kind_name()
                        ),
                    ));
                    None
                }
            })
            .collect(),
        Kind::Null => Vec::new(),
        Kind::Scalar(_) => {
            diags.push(Diagnostic::error(
                codes::INVALID_VALUE,
                node.span,
                format!(
                    "`states` is a mapping from state to names, found {}",
                    node.kind_name()
                ),
            ));
            Vec::new()
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tcp::State;

    #[test]
    fn keeps_spellings_spans_and_scope() {
        let src = "machine: tcp\nscope: figure\ntitle: TCP 状态\ntransitions:\n  - from: TIME_WAIT\n    event: Timeout=2MSL\n    action: delete TCB\n    to: CLOSED\n";
        let (def, diags) = parse(src);
        assert!(diags.is_empty(), "{diags:?}");
        let def = def.unwrap();
        assert_eq!(def.scope, Scope::Figure);
        assert_eq!(def.title.zh.as_ref().unwrap().value, "TCP 状态");
        let t = &def.transitions[0];
        assert_eq!(
            (t.from.text.as_str(), t.from.id),
            ("TIME_WAIT", Some(State::TimeWait))
        );
        assert_eq!(&src[t.event.span.start..t.event.span.end], "Timeout=2MSL");
        assert_eq!(
            t.action.as_ref().unwrap().resolved(),
            Some(vec![Action::DeleteTcb])
        );
    }

    #[test]
    fn semicolon_actions_get_their_own_spans() {
        let src = "transitions:\n  - { from: CLOSED, event: active OPEN, action: create TCB; snd SYNN, to: SYN-SENT }\n";
        let (_, diags) = parse(src);
        assert_eq!(diags.len(), 1);
        assert_eq!(&src[diags[0].span.start..diags[0].span.end], "snd SYNN");
    }

    #[test]
    fn not_a_mapping_and_empty_are_reported() {
        assert_eq!(parse("").1[0].code, codes::MISSING_KEY);
        assert_eq!(parse("- a\n").1[0].code, codes::INVALID_VALUE);
        assert_eq!(parse("machine: tcp\n").1[0].code, codes::MISSING_KEY);
        assert_eq!(parse("a: 1\n---\nb: 2\n").1[0].code, codes::YAML_SYNTAX);
    }
}
