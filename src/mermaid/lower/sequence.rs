//! Sequence syntax tree → validated [`Sequence`]: participants declared or first mentioned,
//! in that order; the timeline of events; activations paired; blocks closed and nested;
//! autonumbers computed; `create`/`destroy` tied to their messages, as mermaid's
//! `sequenceDb` does (and with its errors: deactivating an inactive participant, a created
//! participant that the next message does not reach, …).

use super::colour;
use crate::diagnostic::codes::seq as codes;
use crate::diagnostic::{Diagnostic, Span};
use crate::mermaid::syntax::label::{to_label, to_label_keeping_segment_tags};
use crate::mermaid::syntax::sequence::{
    ActivationMark, BlockStmt, BoxStmt, DeclKeyword, Declaration, MessageStmt, NoteSide, NoteStmt,
    SeqStatement, SequenceDocument,
};
use crate::mermaid::syntax::{Spanned, Text};
use crate::model::sequence::{
    Activation, Block, BlockId, BlockKind, Event, Message, Note, NotePlacement, Participant,
    ParticipantBox, ParticipantId, ParticipantKind, ParticipantLink, Section, Sequence,
    SequenceCheck, SequenceConfig, SequenceNumber,
};
use crate::model::Label;
use std::collections::HashMap;

/// Resolves participants, the timeline, activations, blocks and numbers.
pub fn sequence(doc: &SequenceDocument) -> (Sequence, Vec<Diagnostic>) {
    let c = &doc.config;
    let s = &c.sequence;
    let mut l = Lower {
        wrap: s.wrap.unwrap_or(false),
        numbering: s.show_sequence_numbers.unwrap_or(false),
        next_number: SequenceNumber::whole(1),
        step: SequenceNumber::whole(1),
        ..Lower::default()
    };
    let defaults = SequenceConfig::default();
    l.seq.config = SequenceConfig {
        mirror_actors: s.mirror_actors.unwrap_or(defaults.mirror_actors),
        right_angles: s.right_angles.unwrap_or(defaults.right_angles),
        message_align: s.message_align.unwrap_or(defaults.message_align),
        actor_margin: s.actor_margin,
        theme: c.theme.clone(),
        theme_variables: c.theme_variables.clone(),
    };
    l.seq.check = c.check;
    l.keep_segment_tags = c.check == Some(SequenceCheck::Tcp);
    if let Some(t) = &c.title {
        let n = l.diags.len();
        let label = l.label(t);
        if t.span.end - t.span.start != t.raw.len() {
            // The YAML value is not a verbatim slice (escapes, folding): point at the title.
            l.diags[n..].iter_mut().for_each(|d| d.span = t.span);
        }
        l.seq.title = Some(label);
    }
    l.walk(&doc.statements, None, 0);
    l.finish();
    (l.seq, l.diags)
}

#[derive(Default)]
struct Lower {
    seq: Sequence,
    diags: Vec<Diagnostic>,
    /// Participant id → index (lookups only; output order is the `participants` vector).
    index: HashMap<String, usize>,
    /// Per participant, its open activations (indices into `activations`), innermost last.
    open: Vec<Vec<usize>>,
    /// Activations as built, with the statement or mark that opened each; `None` once
    /// dropped for spanning no event.
    activations: Vec<Option<(Activation, Span)>>,
    /// (participant, link label) → position in its `links` (lookups only).
    link_index: HashMap<(usize, String), usize>,
    /// The box being read, if any.
    current_box: Option<usize>,
    /// `create`d and not yet reached by a message.
    pending_create: Option<(ParticipantId, Span)>,
    /// `destroy`ed and not yet in a message.
    pending_destroy: Option<(ParticipantId, Span)>,
    /// The diagram's default for wrapping text.
    wrap: bool,
    /// `check: tcp`: RFC 9293's segment notation (`<SEQ=100><CTL=SYN>`) is text, not HTML.
    keep_segment_tags: bool,
    /// Whether messages are numbered now.
    numbering: bool,
    next_number: SequenceNumber,
    step: SequenceNumber,
}

impl Lower {
    fn label(&mut self, t: &Text) -> Label {
        let (label, d) = if self.keep_segment_tags {
            to_label_keeping_segment_tags(t)
        } else {
            to_label(t)
        };
        self.diags.extend(d);
        label
    }

    fn error(&mut self, code: &'static str, span: Span, msg: String) -> &mut Diagnostic {
        self.diags.push(Diagnostic::error(code, span, msg));
        self.diags.last_mut().expect("just pushed")
    }

    /// The participant `id` names, declared as a plain participant if it is new.
    fn mention(&mut self, id: &Spanned<String>) -> ParticipantId {
        if let Some(&i) = self.index.get(&id.value) {
            return ParticipantId::new(i);
        }
        let text = Text {
            kind: crate::mermaid::syntax::TextKind::Plain,
            raw: id.value.clone(),
            span: id.span,
        };
        let label = self.label(&text);
        self.add(Participant {
            id: id.value.clone(),
            label,
            kind: ParticipantKind::Participant,
            group: None,
            created: None,
            destroyed: None,
            links: Vec::new(),
            span: id.span,
        })
    }

    fn add(&mut self, p: Participant) -> ParticipantId {
        let i = self.seq.participants.len();
        self.index.insert(p.id.clone(), i);
        self.seq.participants.push(p);
        self.open.push(Vec::new());
        ParticipantId::new(i)
    }

    fn walk(&mut self, statements: &[SeqStatement], parent: Option<BlockId>, depth: u32) {
        for s in statements {
            match s {
                SeqStatement::Declaration(d) => self.declare(d),
                SeqStatement::Destroy(id) => {
                    let p = self.mention(id);
                    self.pending_destroy = Some((p, id.span));
                }
                SeqStatement::Message(m) => self.message(m),
                SeqStatement::Activation { on, id, span } => self.activation(*on, id, *span),
                SeqStatement::Note(n) => self.note(n),
                SeqStatement::Links { id, links, span } => self.links(id, links, *span),
                SeqStatement::Autonumber {
                    start, step, off, ..
                } => {
                    self.numbering = !off;
                    if let Some(s) = start {
                        self.next_number = *s;
                    }
                    if let Some(s) = step {
                        self.step = *s;
                    }
                }
                SeqStatement::Title(t) => self.seq.title = Some(self.label(t)),
                SeqStatement::AccTitle(t) => self.seq.acc_title = Some(t.raw.clone()),
                SeqStatement::AccDescr(t) => self.seq.acc_descr = Some(t.raw.clone()),
                SeqStatement::Block(b) => self.block(b, parent, depth),
                SeqStatement::Box(b) => self.group(b),
            }
        }
    }

    fn declare(&mut self, d: &Declaration) {
        let mut kind = match d.keyword {
            DeclKeyword::Participant => ParticipantKind::Participant,
            DeclKeyword::Actor => ParticipantKind::Actor,
        };
        if let Some(t) = &d.kind {
            match ParticipantKind::from_name(&t.value) {
                Some(k) => kind = k,
                None => {
                    let hint = crate::diagnostic::suggest(&t.value, ParticipantKind::NAMES);
                    let e = self.error(
                        codes::BAD_ATTRS,
                        t.span,
                        format!("unknown participant type `{}`", t.value),
                    );
                    e.hints.push(match hint {
                        Some(m) => format!("did you mean `{m}`?"),
                        None => format!("expected one of {}", ParticipantKind::NAMES.join(", ")),
                    });
                }
            }
        }
        let existing = self.index.get(&d.id.value).copied();
        if d.create && existing.is_some() {
            self.error(
                codes::CREATE_EXISTING,
                d.id.span,
                format!(
                    "`{}` already exists: an id cannot be created twice, even after `destroy`",
                    d.id.value
                ),
            )
            .hints
            .push("give the new participant another id and the same alias (`create participant B2 as Bob`)".into());
            return;
        }
        let label_text = d.alias.as_ref().or(d.attr_alias.as_ref());
        let label = label_text.map(|t| self.label(t));
        let id = match existing {
            Some(i) => {
                // mermaid: a later declaration updates the type and description, not the position.
                let p = &mut self.seq.participants[i];
                p.kind = kind;
                if let Some(l) = label {
                    p.label = l;
                }
                ParticipantId::new(i)
            }
            None => {
                let id = self.mention(&d.id);
                let p = &mut self.seq.participants[id.index()];
                p.kind = kind;
                p.span = d.span;
                if let Some(l) = label {
                    p.label = l;
                }
                id
            }
        };
        if d.create {
            self.pending_create = Some((id, d.span));
        }
        if let Some(b) = self.current_box {
            match self.seq.participants[id.index()].group {
                Some(g) if g != b => {
                    self.error(
                        codes::TWO_BOXES,
                        d.id.span,
                        format!("`{}` is already in another box", d.id.value),
                    )
                    .hints
                    .push("a participant belongs to one box: declare it in one of them".into());
                }
                Some(_) => {}
                None => {
                    self.seq.participants[id.index()].group = Some(b);
                    self.seq.boxes[b].members.push(id);
                }
            }
        }
    }

    /// The position the next event takes.
    fn now(&self) -> usize {
        self.seq.events.len()
    }

    fn message(&mut self, m: &MessageStmt) {
        let from = self.mention(&m.from);
        let to = self.mention(&m.to);
        let at = self.now();
        if let Some((c, _)) = self.pending_create.take() {
            if to == c {
                self.seq.participants[c.index()].created = Some(at);
            } else {
                let name = self.seq.participants[c.index()].id.clone();
                self.error(
                    codes::CREATE_WITHOUT_MESSAGE,
                    m.span,
                    format!("`{name}` was just created, so this message must go to it"),
                )
                .hints
                .push(format!(
                    "send the first message after `create participant {name}` to `{name}`, or move the `create` line to just before that message"
                ));
            }
        } else if let Some((d, _)) = self.pending_destroy.take() {
            if from == d || to == d {
                self.seq.participants[d.index()].destroyed = Some(at);
            } else {
                let name = self.seq.participants[d.index()].id.clone();
                self.error(
                    codes::DESTROY_WITHOUT_MESSAGE,
                    m.span,
                    format!(
                        "`{name}` was just destroyed, so this message must come from or go to it"
                    ),
                )
                .hints
                .push(format!(
                    "send the message that destroys `{name}` right after `destroy`"
                ));
            }
        }
        let number = self.numbering.then_some(self.next_number);
        self.next_number = self.next_number.plus(self.step);
        let text = self.label(&m.text);
        self.seq.events.push(Event::Message(Message {
            from,
            to,
            line: m.arrow.line,
            head: m.arrow.head,
            tail: m.arrow.tail,
            central_from: m.central_from,
            central_to: m.central_to,
            text,
            number,
            wrap: m.wrap.unwrap_or(self.wrap),
            span: m.span,
        }));
        match m.activation.as_ref().map(|a| (a.value, a.span)) {
            Some((ActivationMark::Activate, span)) => self.activate(to, at, span),
            Some((ActivationMark::Deactivate, span)) => self.deactivate(from, at, span),
            None => {}
        }
    }

    fn activate(&mut self, p: ParticipantId, start: usize, span: Span) {
        let depth = u32::try_from(self.open[p.index()].len()).unwrap_or(u32::MAX);
        self.open[p.index()].push(self.activations.len());
        let activation = Activation {
            participant: p,
            start,
            end: None,
            depth,
        };
        self.activations.push(Some((activation, span)));
    }

    /// Ends `p`'s innermost activation at event `end`.
    fn deactivate(&mut self, p: ParticipantId, end: usize, span: Span) {
        let Some(a) = self.open[p.index()].pop() else {
            let name = self.seq.participants[p.index()].id.clone();
            self.error(
                codes::INACTIVE,
                span,
                format!("`{name}` is not active here, so it cannot be deactivated"),
            )
            .hints
            .push("activate it first (`activate X`, or `+` on a message to it)".into());
            return;
        };
        if let Some((act, _)) = &mut self.activations[a] {
            if end < act.start || end >= self.seq.events.len() {
                self.diags.push(Diagnostic::warning(
                    codes::EMPTY_ACTIVATION,
                    span,
                    "this activation spans no message; it is not drawn",
                ));
                self.activations[a] = None;
            } else {
                act.end = Some(end);
            }
        }
    }

    fn activation(&mut self, on: bool, id: &Spanned<String>, span: Span) {
        let p = self.mention(id);
        if on {
            self.activate(p, self.now(), span);
        } else {
            // A `deactivate` statement ends the bar at the event before it.
            let end = self.now().checked_sub(1).unwrap_or(usize::MAX);
            self.deactivate(p, end, span);
        }
    }

    fn note(&mut self, n: &NoteStmt) {
        let ids: Vec<ParticipantId> = n.participants.iter().map(|p| self.mention(p)).collect();
        let placement = match n.side {
            NoteSide::LeftOf => NotePlacement::LeftOf(ids[0]),
            NoteSide::RightOf => NotePlacement::RightOf(ids[0]),
            NoteSide::Over => NotePlacement::Over {
                first: ids[0],
                last: ids.get(1).copied(),
            },
        };
        let text = self.label(&n.text);
        self.seq.events.push(Event::Note(Note {
            placement,
            text,
            wrap: n.wrap.unwrap_or(self.wrap),
            span: n.span,
        }));
    }

    fn links(&mut self, id: &Spanned<String>, links: &[(String, String)], span: Span) {
        let p = self.mention(id);
        for (label, url) in links {
            if super::is_script_url(url) {
                self.diags.push(
                    Diagnostic::warning(
                        codes::UNSAFE_LINK,
                        span,
                        format!("link `{label}` dropped: netfig output never runs scripts"),
                    )
                    .with_hint("use an http(s) or relative URL"),
                );
                continue;
            }
            let list = &mut self.seq.participants[p.index()].links;
            match self.link_index.get(&(p.index(), label.clone())) {
                Some(&i) => list[i].url = url.clone(),
                None => {
                    self.link_index
                        .insert((p.index(), label.clone()), list.len());
                    list.push(ParticipantLink {
                        label: label.clone(),
                        url: url.clone(),
                    });
                }
            }
        }
    }

    fn block(&mut self, b: &BlockStmt, parent: Option<BlockId>, depth: u32) {
        let id = BlockId::new(self.seq.blocks.len());
        let start = self.now();
        let fill = (b.kind == BlockKind::Rect)
            .then(|| &b.sections[0].label)
            .filter(|t| !t.raw.trim().is_empty())
            .and_then(|t| {
                let colour = t.raw.trim();
                if colour::is_css_colour(colour) {
                    return Some(colour.to_string());
                }
                self.diags.push(
                    Diagnostic::warning(
                        codes::NOT_A_COLOUR,
                        t.span,
                        format!(
                            "`{colour}` is not a colour; the rect is drawn with the theme's fill"
                        ),
                    )
                    .with_hint("write a colour name or `rgb(…)`, `rgba(…)`, `hsl(…)`"),
                );
                None
            });
        self.seq.blocks.push(Block {
            kind: b.kind,
            sections: Vec::new(),
            fill,
            parent,
            depth,
            start,
            end: start,
            span: b.span,
        });
        self.seq.events.push(Event::BlockStart(id));
        for (i, s) in b.sections.iter().enumerate() {
            if i > 0 {
                self.seq.events.push(Event::Section {
                    block: id,
                    section: i,
                });
            }
            let label = if b.kind == BlockKind::Rect {
                Label::default()
            } else {
                self.label(&strip_wrap(&s.label))
            };
            let section_start = if i == 0 { start } else { self.now() - 1 };
            self.seq.blocks[id.index()].sections.push(Section {
                label,
                start: section_start,
                span: s.span,
            });
            self.walk(&s.statements, Some(id), depth + 1);
        }
        let end = self.now();
        self.seq.events.push(Event::BlockEnd(id));
        self.seq.blocks[id.index()].end = end;
    }

    fn group(&mut self, b: &BoxStmt) {
        let nests = b
            .statements
            .iter()
            .any(|s| matches!(s, SeqStatement::Box(_)));
        if nests {
            // mermaid 11 draws a box around the boxes inside it; netfig's layout draws one
            // band per box, so the inner boxes stand as they are and this one only holds the
            // participants declared directly in it (if any).
            self.diags.push(
                Diagnostic::warning(
                    codes::NESTED_BOX,
                    b.span,
                    "this box is drawn flat: netfig draws the boxes inside it, not it around them",
                )
                .with_hint("move the participants into one level of boxes to group them"),
            );
            let direct = b
                .statements
                .iter()
                .any(|s| matches!(s, SeqStatement::Declaration(_)));
            if !direct {
                let saved = self.current_box.take();
                self.walk(&b.statements, None, 0);
                self.current_box = saved;
                return;
            }
        }
        let (fill, title) = colour::box_header(&b.header.raw);
        let title = title.map(|(from, to)| {
            let t = Text {
                kind: b.header.kind,
                raw: b.header.raw[from..to].to_string(),
                span: Span::new(b.header.span.start + from, b.header.span.start + to),
            };
            self.label(&strip_wrap(&t))
        });
        self.seq.boxes.push(ParticipantBox {
            title,
            fill,
            members: Vec::new(),
            span: b.span,
        });
        let saved = self.current_box.replace(self.seq.boxes.len() - 1);
        self.walk(&b.statements, None, 0);
        self.current_box = saved;
    }

    fn finish(&mut self) {
        let n = self.seq.events.len();
        let mut kept: Vec<Activation> = Vec::new();
        for (a, span) in std::mem::take(&mut self.activations).into_iter().flatten() {
            if a.start >= n {
                let name = &self.seq.participants[a.participant.index()].id;
                self.diags.push(Diagnostic::warning(
                    codes::EMPTY_ACTIVATION,
                    span,
                    format!("`{name}` is activated after the last message; the bar is not drawn"),
                ));
                continue;
            }
            kept.push(a);
        }
        kept.sort_by_key(|a| a.start);
        self.seq.activations = kept;
        if let Some((c, span)) = self.pending_create.take() {
            let name = self.seq.participants[c.index()].id.clone();
            self.error(
                codes::CREATE_WITHOUT_MESSAGE,
                span,
                format!("`{name}` is created, but no message follows to create it"),
            );
        }
        if let Some((d, span)) = self.pending_destroy.take() {
            let name = self.seq.participants[d.index()].id.clone();
            self.error(
                codes::DESTROY_WITHOUT_MESSAGE,
                span,
                format!("`{name}` is destroyed, but no message follows to destroy it"),
            );
        }
    }
}

/// `t` without a leading `wrap:` / `nowrap:` (mermaid strips it from block and box labels).
fn strip_wrap(t: &Text) -> Text {
    for prefix in [":wrap:", ":nowrap:", "wrap:", "nowrap:"] {
        if let Some(rest) = t.raw.strip_prefix(prefix) {
            let lead = t.raw.len() - rest.trim_start().len();
            return Text {
                kind: t.kind,
                raw: rest.trim_start().to_string(),
                span: Span::new(t.span.start + lead, t.span.end),
            };
        }
    }
    t.clone()
}
