//! Translation over whole diagrams, the one place the pipeline calls for every kind: each
//! label that has no line in the language asked for gets its lines translated
//! ([`translate::line`]); a line that cannot be translated is kept as written and reported
//! (`W-LANG-001`) at the line's text in the source when it can be found there, else at its
//! owner (the node, edge, message …). `accTitle` and `accDescr`, which the SVG carries as its
//! `<title>` and `<desc>`, are translated the same way. `--lang both` changes nothing.

use super::translate::{self, Translation};
use super::Glossary;
use crate::diagnostic::codes::lang;
use crate::diagnostic::{Diagnostic, Span};
use crate::model::sequence::Event;
use crate::model::{Flowchart, Label, LabelLine, Lang, LangChoice, Packet, Sequence, TextRun};
use crate::tcp::model::Bilingual;
use crate::tcp::StateMachine;

/// What translation needs besides the label: the glossary, the language, the source (to
/// locate lines) and where warnings go.
pub struct Translator<'a> {
    glossary: &'a Glossary,
    to: Lang,
    source: &'a str,
    /// The warnings so far, in the order the labels were met.
    pub warnings: Vec<Diagnostic>,
}

impl<'a> Translator<'a> {
    /// A translator into `choice` (`None` for `both`: nothing is translated).
    pub fn new(glossary: &'a Glossary, choice: LangChoice, source: &'a str) -> Option<Self> {
        let to = match choice {
            LangChoice::Both => return None,
            LangChoice::Zh => Lang::Zh,
            LangChoice::En => Lang::En,
        };
        Some(Translator {
            glossary,
            to,
            source,
            warnings: Vec::new(),
        })
    }

    /// Translates `label` in place unless it has a line in the language asked for; `owner` is
    /// where its lines are looked for in the source.
    pub fn label(&mut self, label: &mut Label, owner: Span) {
        let has_wanted = label.lines.iter().any(|l| !l.rule && l.lang == self.to);
        if has_wanted {
            return;
        }
        for l in label.lines.iter_mut().filter(|l| !l.rule) {
            let text = l.text();
            if let Some(t) = self.text(&text, owner) {
                let (bold, italic) = uniform_style(l);
                l.runs = vec![TextRun {
                    text: t,
                    bold,
                    italic,
                }];
            }
            // Every line is shown for this language now: translated, neutral or kept.
            l.lang = self.to;
        }
    }

    /// The translation of one line of text, or `None` (kept; reported when terms are missing).
    pub fn text(&mut self, text: &str, owner: Span) -> Option<String> {
        match translate::line(self.glossary, text, self.to) {
            Translation::Translated(t) => Some(t),
            Translation::Kept => None,
            Translation::Missing(terms) => {
                self.warnings.push(untranslated(
                    text,
                    &terms,
                    self.to,
                    self.locate(text, owner),
                ));
                None
            }
        }
    }

    /// Where `text` is written: its first occurrence from `owner`'s start (then anywhere),
    /// else `owner`.
    fn locate(&self, text: &str, owner: Span) -> Span {
        let text = text.trim();
        if text.is_empty() {
            return owner;
        }
        let from = owner.start.min(self.source.len());
        let found = self
            .source
            .get(from..)
            .and_then(|rest| rest.find(text).map(|i| from + i))
            .or_else(|| self.source.find(text));
        found.map_or(owner, |start| Span::new(start, start + text.len()))
    }

    /// Translates a TCP name pair: the side asked for, when empty, from the other.
    fn bilingual(&mut self, b: &mut Bilingual) {
        let (from, to) = match self.to {
            Lang::En => (b.zh.clone(), &mut b.en),
            Lang::Zh => (b.en.clone(), &mut b.zh),
        };
        if !to.trim().is_empty() || from.trim().is_empty() {
            return;
        }
        let lines: Vec<Option<String>> = from.lines().map(|l| self.text_or_same(l)).collect();
        if lines.iter().all(Option::is_some) {
            *to = lines.into_iter().flatten().collect::<Vec<_>>().join("\n");
        }
    }

    /// Translates plain text that is not a label (`accTitle`, `accDescr`), line by line, when
    /// every line can be.
    fn plain(&mut self, text: &mut Option<String>) {
        let Some(t) = text else { return };
        let lines: Vec<Option<String>> = t.lines().map(|l| self.text_or_same(l)).collect();
        if lines.iter().all(Option::is_some) {
            *t = lines.into_iter().flatten().collect::<Vec<_>>().join("\n");
        }
    }

    /// A line translated, or the line itself when it needs no translation; `None` when terms
    /// are missing (reported).
    fn text_or_same(&mut self, l: &str) -> Option<String> {
        let before = self.warnings.len();
        match self.text(l, Span::default()) {
            Some(t) => Some(t),
            None if self.warnings.len() == before => Some(l.to_string()),
            None => None,
        }
    }
}

/// The bold and italic of a line's runs when all runs share them, else plain.
fn uniform_style(l: &LabelLine) -> (bool, bool) {
    let first = l
        .runs
        .first()
        .map_or((false, false), |r| (r.bold, r.italic));
    if l.runs.iter().all(|r| (r.bold, r.italic) == first) {
        first
    } else {
        (false, false)
    }
}

/// The warning for a line kept as written.
fn untranslated(text: &str, terms: &[String], to: Lang, at: Span) -> Diagnostic {
    let first = terms.first().map_or("", String::as_str);
    let (language, example) = match to {
        Lang::En => ("English", format!("- {{zh: {first}, en: …}}")),
        Lang::Zh => ("Chinese", format!("- {{en: {first}, zh: …}}")),
    };
    let quoted: Vec<String> = terms.iter().map(|t| format!("`{t}`")).collect();
    Diagnostic::warning(
        lang::UNTRANSLATED,
        at,
        format!(
            "no {language} for {} in the glossaries: the line `{text}` is kept as written",
            quoted.join(", ")
        ),
    )
    .with_hint(format!(
        "add the terms to a glossary file (a YAML list of zh:/en: pairs: `{example}`) and name \
         it with `--glossary FILE`, or with `glossary = \"FILE\"` in book.toml's \
         [preprocessor.netfig]"
    ))
}

/// Translates every label of a flowchart (nodes, edges, subgraph titles, title).
pub fn flowchart(chart: &mut Flowchart, t: &mut Translator<'_>) {
    for n in &mut chart.nodes {
        t.label(&mut n.label, n.span);
    }
    for e in &mut chart.edges {
        t.label(&mut e.label, e.span);
    }
    for c in &mut chart.clusters {
        t.label(&mut c.title, c.span);
    }
    if let Some(title) = &mut chart.title {
        t.label(title, Span::default());
    }
    t.plain(&mut chart.acc_title);
    t.plain(&mut chart.acc_descr);
}

/// Translates every label of a sequence diagram (participants, boxes, messages, notes, block
/// sections, title).
pub fn sequence(seq: &mut Sequence, t: &mut Translator<'_>) {
    for p in &mut seq.participants {
        t.label(&mut p.label, p.span);
    }
    for b in &mut seq.boxes {
        if let Some(title) = &mut b.title {
            t.label(title, b.span);
        }
    }
    for e in &mut seq.events {
        match e {
            Event::Message(m) => t.label(&mut m.text, m.span),
            Event::Note(n) => t.label(&mut n.text, n.span),
            _ => {}
        }
    }
    for b in &mut seq.blocks {
        for s in &mut b.sections {
            t.label(&mut s.label, s.span);
        }
    }
    if let Some(title) = &mut seq.title {
        t.label(title, Span::default());
    }
    t.plain(&mut seq.acc_title);
    t.plain(&mut seq.acc_descr);
}

/// Translates every label of a packet diagram (fields, title).
pub fn packet(p: &mut Packet, t: &mut Translator<'_>) {
    for f in &mut p.fields {
        t.label(&mut f.label, f.span);
    }
    let at = p.title_span.unwrap_or_default();
    if let Some(title) = &mut p.title {
        t.label(title, at);
    }
    t.plain(&mut p.acc_title);
    t.plain(&mut p.acc_descr);
}

/// Fills the missing side of every name pair of a TCP state machine (title, states, notes,
/// events, actions) that the language asked for needs: the diagram and the table both read
/// them.
pub fn state_machine(m: &mut StateMachine, t: &mut Translator<'_>) {
    if let Some(title) = &mut m.title {
        t.bilingual(title);
    }
    for s in &mut m.states {
        t.bilingual(&mut s.names);
        if let Some(note) = &mut s.note {
            t.bilingual(note);
        }
    }
    for e in &mut m.transitions {
        t.bilingual(&mut e.event_names);
        for a in e.actions.iter_mut().flatten() {
            t.bilingual(&mut a.names);
        }
        if let Some(note) = &mut e.note {
            t.bilingual(note);
        }
    }
}
