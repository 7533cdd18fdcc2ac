//! A definition as read from YAML: for every value, what the author wrote, what it means, and
//! where it is. [`super::syntax::parse`] builds it; [`super::check()`] and
//! [`super::StateMachine`] consume it.

use super::names::{Action, Event, State};
use super::reference::Scope;
use crate::diagnostic::Span;

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
    /// The resolved actions (without `x`), sorted, for comparing as sets; `None` if any is
    /// unknown.
    pub fn resolved(&self) -> Option<Vec<Action>> {
        let mut out = self.as_written()?;
        out.sort_unstable();
        Some(out)
    }

    /// The resolved actions (without `x`) in the order written, repeats left out; `None` if
    /// any is unknown.
    pub fn as_written(&self) -> Option<Vec<Action>> {
        let mut out = Vec::new();
        for item in &self.items {
            match item.id {
                Some(Some(a)) if !out.contains(&a) => out.push(a),
                Some(_) => {}
                None => return None,
            }
        }
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
    /// `follows:`: which handling of a SYN in a synchronized state the definition describes
    /// (`None`: either is accepted).
    pub follows: Option<Located<super::condition::Handling>>,
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
