//! The resolved state machine a renderer turns into a diagram or a table: states in order of
//! first appearance with bilingual names (built-in glossary, overridden by the YAML), and
//! transitions with bilingual event/action names and a client/server/other path.

use super::condition::Condition;
use super::names::{Action, Event, Glossary, State};
use super::reference::{self, Path, Scope};
use super::syntax::{Definition, Names};
use crate::model::{Label, LabelLine, Lang};

/// English and Chinese text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Bilingual {
    /// English.
    pub en: String,
    /// Chinese.
    pub zh: String,
}

impl Bilingual {
    /// Both names as a label, each line's language the field it came from (nothing guessed):
    /// the Chinese line above the English one, trimmed, empty ones left out, and the English
    /// line left out when it repeats the Chinese one. Reduce it with [`Label::select`].
    pub fn label(&self) -> Label {
        let zh = self.zh.trim();
        let en = self.en.trim();
        let mut lines = Vec::new();
        if !zh.is_empty() {
            lines.push(LabelLine::new(zh, Lang::Zh));
        }
        if !en.is_empty() && en != zh {
            lines.push(LabelLine::new(en, Lang::En));
        }
        Label { lines }
    }
    fn from_glossary(g: Glossary, overrides: &Names) -> Self {
        Bilingual {
            en: overrides
                .en
                .as_ref()
                .map_or_else(|| g.en.to_string(), |l| l.value.clone()),
            zh: overrides
                .zh
                .as_ref()
                .map_or_else(|| g.zh.to_string(), |l| l.value.clone()),
        }
    }
    fn from_names(names: &Names) -> Option<Self> {
        if names.en.is_none() && names.zh.is_none() {
            return None;
        }
        Some(Bilingual {
            en: names
                .en
                .as_ref()
                .map(|l| l.value.clone())
                .unwrap_or_default(),
            zh: names
                .zh
                .as_ref()
                .map(|l| l.value.clone())
                .unwrap_or_default(),
        })
    }
}

/// One state of the machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateNode {
    /// The canonical state.
    pub id: State,
    /// How the author first wrote it (`TIME_WAIT`); renderers show this.
    pub written: String,
    /// Display names: the author's spelling in English unless overridden, glossary Chinese.
    pub names: Bilingual,
    /// An optional note.
    pub note: Option<Bilingual>,
}

/// One action on a transition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionLabel {
    /// The canonical action.
    pub id: Action,
    /// Display names.
    pub names: Bilingual,
}

/// One transition of the machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    /// Index into [`StateMachine::states`].
    pub from: usize,
    /// Index into [`StateMachine::states`].
    pub to: usize,
    /// The event.
    pub event: Event,
    /// How the author wrote the event.
    pub event_written: String,
    /// Display names of the event.
    pub event_names: Bilingual,
    /// The actions (`None`: the author did not say; empty: `x`).
    pub actions: Option<Vec<ActionLabel>>,
    /// Client, server or other path (from the reference; `Other` for transitions it lacks).
    pub path: Path,
    /// The RFC 9293 section, when the transition is in the reference.
    pub section: Option<&'static str>,
    /// The conditions under which the reference applies it (empty: always, or not in the
    /// reference).
    pub conditions: &'static [Condition],
    /// An optional note.
    pub note: Option<Bilingual>,
}

impl Edge {
    /// An edge's label: `event / actions` (see [`Edge::caption`]), each language's line
    /// followed by the reference's conditions in brackets (`[after passive OPEN]`) on a line of
    /// their own, in that language. Reduce it with [`Label::select`].
    pub fn label(&self) -> Label {
        let caption = self.caption().label();
        if self.conditions.is_empty() {
            return caption;
        }
        let en = format!("[{}]", super::condition::joined(self.conditions, false));
        let zh = format!("［{}］", super::condition::joined(self.conditions, true));
        let mut lines = Vec::new();
        for line in caption.lines {
            let lang = line.lang;
            lines.push(line);
            lines.push(match lang {
                Lang::Zh => LabelLine::new(zh.as_str(), Lang::Zh),
                Lang::En => LabelLine::new(en.as_str(), Lang::En),
            });
        }
        Label { lines }
    }

    /// `event / actions` in both languages (actions left out when the author gave none; `x`
    /// shown as `x` / 无), without the conditions.
    pub fn caption(&self) -> Bilingual {
        self.event_and_actions()
    }

    /// The conditions as sentences with their sections, for a table cell (empty for none).
    pub fn condition_text(&self) -> Bilingual {
        let en: Vec<String> = self
            .conditions
            .iter()
            .map(|c| format!("{} ({})", c.text().en, c.section()))
            .collect();
        let zh: Vec<String> = self
            .conditions
            .iter()
            .map(|c| format!("{}（{}）", c.text().zh, c.section()))
            .collect();
        Bilingual {
            en: en.join("; "),
            zh: zh.join("；"),
        }
    }

    /// `event / actions` in both languages, without conditions.
    fn event_and_actions(&self) -> Bilingual {
        let mut caption = self.event_names.clone();
        if let Some(actions) = &self.actions {
            let (en, zh): (Vec<&str>, Vec<&str>) = actions
                .iter()
                .map(|a| (a.names.en.as_str(), a.names.zh.as_str()))
                .unzip();
            let (en, zh) = if actions.is_empty() {
                ("x".to_string(), "无".to_string())
            } else {
                (en.join(", "), zh.join("，"))
            };
            caption.en = format!("{} / {en}", caption.en);
            caption.zh = format!("{} / {zh}", caption.zh);
        }
        caption
    }
}

/// A resolved TCP state machine.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StateMachine {
    /// The title.
    pub title: Option<Bilingual>,
    /// The scope the definition claims.
    pub scope: Scope,
    /// States in order of first appearance (`states:` first, then transitions).
    pub states: Vec<StateNode>,
    /// Transitions in source order (unresolvable ones left out).
    pub transitions: Vec<Edge>,
}

impl StateMachine {
    /// Builds the machine from a definition; names the author overrides win over the glossary.
    pub fn new(def: &Definition) -> Self {
        let mut m = StateMachine {
            title: Bilingual::from_names(&def.title),
            scope: def.scope,
            ..StateMachine::default()
        };
        for decl in &def.states {
            if let Some(id) = decl.state.id {
                m.state_index(def, id, &decl.state.text);
            }
        }
        for t in &def.transitions {
            let (Some(from_id), Some(event), Some(to_id)) = (t.from.id, t.event.id, t.to.id) else {
                continue;
            };
            let from = m.state_index(def, from_id, &t.from.text);
            let to = m.state_index(def, to_id, &t.to.text);
            let found = reference::find(from_id, event, to_id);
            // Shown in the RFC's order when they are the reference's (3.10.5: send the RST, then
            // delete the TCB), else as written.
            let actions = t.action.as_ref().and_then(|a| a.as_written()).map(|list| {
                let mut sorted = list.clone();
                sorted.sort_unstable();
                let rfc = found.iter().find(|r| {
                    let mut a = r.actions.to_vec();
                    a.sort_unstable();
                    a == sorted
                });
                rfc.map_or(list, |r| r.actions.to_vec())
                    .into_iter()
                    .map(|id| ActionLabel {
                        id,
                        names: Bilingual::from_glossary(id.glossary(), overrides(&def.actions, id)),
                    })
                    .collect()
            });
            let event_override = overrides(&def.events, event);
            let mut event_names = Bilingual::from_glossary(event.glossary(), event_override);
            if event_override.en.is_none() {
                event_names.en = t.event.text.clone();
            }
            m.transitions.push(Edge {
                from,
                to,
                event,
                event_written: t.event.text.clone(),
                event_names,
                actions,
                path: found.first().map_or(Path::Other, |r| r.path),
                section: found.first().map(|r| r.section),
                conditions: found.first().map_or(&[][..], |r| r.conditions),
                note: Bilingual::from_names(&t.note),
            });
        }
        m
    }

    fn state_index(&mut self, def: &Definition, id: State, written: &str) -> usize {
        if let Some(i) = self.states.iter().position(|s| s.id == id) {
            return i;
        }
        let decl = def.states.iter().find(|d| d.state.id == Some(id));
        let empty = Names::default();
        let names = decl.map_or(&empty, |d| &d.names);
        let mut bilingual = Bilingual::from_glossary(id.glossary(), names);
        if names.en.is_none() {
            bilingual.en = written.to_string();
        }
        self.states.push(StateNode {
            id,
            written: written.to_string(),
            names: bilingual,
            note: decl.and_then(|d| Bilingual::from_names(&d.note)),
        });
        self.states.len() - 1
    }
}

fn overrides<T: PartialEq + Copy>(decls: &[super::syntax::NameDecl<T>], id: T) -> &Names {
    static EMPTY: Names = Names { en: None, zh: None };
    decls
        .iter()
        .find(|d| d.item.id == Some(id))
        .map_or(&EMPTY, |d| &d.names)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LangChoice;

    fn machine(src: &str) -> StateMachine {
        let (def, diags) = super::super::parse(src);
        assert!(diags.is_empty(), "{diags:?}");
        StateMachine::new(&def.unwrap())
    }

    #[test]
    fn actions_are_shown_in_the_rfc_order_and_conditions_under_the_caption() {
        let m = machine("machine: tcp\ntransitions:\n  - { from: ESTABLISHED, event: ABORT, action: [delete TCB, snd RST], to: CLOSED }\n  - { from: ESTABLISHED, event: ABORT, action: [delete TCB, snd FIN], to: LISTEN }\n  - { from: SYN-RECEIVED, event: rcv RST, action: x, to: LISTEN }\n");
        // The reference's order (3.10.5: send the RST, then delete the TCB)...
        assert_eq!(m.transitions[0].caption().en, "ABORT / snd RST, delete TCB");
        // ...and the author's where the reference has no such transition.
        assert_eq!(m.transitions[1].caption().en, "ABORT / delete TCB, snd FIN");
        assert!(m.transitions[1].conditions.is_empty());
        let rst = &m.transitions[2];
        assert_eq!(
            rst.conditions,
            [Condition::PassiveOpen, Condition::RstAcceptable]
        );
        assert_eq!(
            rst.label().select(LangChoice::En).text(),
            "rcv RST / x\n[after passive OPEN; acceptable RST]"
        );
        assert_eq!(
            rst.label().select(LangChoice::Zh).text(),
            "收到 RST / 无\n［被动打开后；可接受的 RST］"
        );
        assert!(rst.condition_text().en.starts_with(
            "only after a passive OPEN (SYN-RECEIVED reached from LISTEN) (3.3.2 Figure 5 note 1; 3.10.7.4); only an acceptable RST"
        ));
    }

    #[test]
    fn names_paths_and_order() {
        let src = "machine: tcp\nstates:\n  TIME-WAIT: { zh: 时间等待态, note: { en: waits } }\ntransitions:\n  - { from: FIN_WAIT2, event: rcv FIN, action: snd ACK, to: TIME_WAIT }\n  - { from: TIME_WAIT, event: Timeout=2MSL, to: CLOSED }\n";
        let (def, diags) = super::super::parse(src);
        assert!(diags.is_empty(), "{diags:?}");
        let m = StateMachine::new(&def.unwrap());
        let written: Vec<&str> = m.states.iter().map(|s| s.written.as_str()).collect();
        assert_eq!(written, ["TIME-WAIT", "FIN_WAIT2", "CLOSED"]);
        assert_eq!(m.states[0].names.zh, "时间等待态");
        assert_eq!(m.states[1].names.zh, "终止等待2");
        assert_eq!(m.states[0].note.as_ref().unwrap().en, "waits");
        assert_eq!(m.transitions[0].path, Path::Client);
        assert_eq!(m.transitions[0].section, Some("3.3.2 Figure 5"));
        assert_eq!(m.transitions[1].event_names.en, "Timeout=2MSL");
        assert_eq!(m.transitions[1].actions, None);
        let caption = m.transitions[0].caption();
        assert_eq!(caption.en, "rcv FIN / snd ACK");
        assert_eq!(caption.zh, "收到 FIN / 发送 ACK");
        assert_eq!(
            m.states[0].names.label().select(LangChoice::Zh).text(),
            "时间等待态"
        );
        assert_eq!(
            m.states[0].names.label().select(LangChoice::Both).text(),
            "时间等待态\nTIME-WAIT"
        );
    }
}
