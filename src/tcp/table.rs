//! A TCP state machine as a state table ([`StateTable`]): one row per transition, each cell in
//! the chosen language(s). Writing it (HTML, Markdown) is [`crate::render::table`]'s.

use super::model::{Bilingual, Edge, StateMachine};
use crate::model::{LangChoice, StateTable, TableLine, TableRow};

const HEADERS: [(&str, &str); 6] = [
    ("源状态", "From"),
    ("事件", "Event"),
    ("动作", "Action"),
    ("目标状态", "To"),
    ("条件", "Condition"),
    ("RFC 9293 章节", "RFC 9293 section"),
];

/// The lines of `b` that `lang` keeps ([`Label::select`](crate::model::Label::select), as for
/// the diagram): Chinese first, a missing language falling back to the other.
fn lines(b: &Bilingual, lang: LangChoice) -> Vec<TableLine> {
    b.label()
        .select(lang)
        .lines
        .iter()
        .map(TableLine::from)
        .collect()
}

/// The action cell: the actions joined, `x` / 无 for none, empty when the author gave none.
fn actions(t: &Edge) -> Bilingual {
    match &t.actions {
        None => Bilingual::default(),
        Some(list) if list.is_empty() => Bilingual {
            en: "x".to_string(),
            zh: "无".to_string(),
        },
        Some(list) => Bilingual {
            en: list
                .iter()
                .map(|a| a.names.en.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            zh: list
                .iter()
                .map(|a| a.names.zh.as_str())
                .collect::<Vec<_>>()
                .join("，"),
        },
    }
}

/// The state table of `m` in `lang`.
pub fn state_table(m: &StateMachine, lang: LangChoice) -> StateTable {
    let name = |i: usize| m.states.get(i).map(|s| s.names.clone()).unwrap_or_default();
    let written = |i: usize| {
        m.states
            .get(i)
            .map(|s| s.written.clone())
            .unwrap_or_default()
    };
    StateTable {
        lang,
        title: m.title.as_ref().map(|t| lines(t, lang)),
        headers: HEADERS
            .iter()
            .map(|(zh, en)| {
                lines(
                    &Bilingual {
                        en: en.to_string(),
                        zh: zh.to_string(),
                    },
                    lang,
                )
            })
            .collect(),
        rows: m
            .transitions
            .iter()
            .map(|t| TableRow {
                from: lines(&name(t.from), lang),
                event: lines(&t.event_names, lang),
                action: lines(&actions(t), lang),
                to: lines(&name(t.to), lang),
                condition: lines(&t.condition_text(), lang),
                section: t.section.unwrap_or_default().to_string(),
                path: t.path.name(),
                from_id: written(t.from),
                to_id: written(t.to),
            })
            .collect(),
    }
}
