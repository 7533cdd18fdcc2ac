//! The sequence diagram IR: participants, and a timeline of events (messages, notes, block
//! markers) with activations and blocks referring to it by position.
//!
//! Built from mermaid's `sequenceDiagram` text by `mermaid::lower::sequence`; consumed by the
//! sequence layout and renderer. Everything is resolved: participants are declared (explicitly
//! or by first mention) in source order, every reference is an index that exists, labels are
//! split into lines, autonumbers are computed, activations are paired, blocks are closed.
//!
//! **Time runs down the [`Sequence::events`] list.** Each event is one row of the drawing:
//! a message, a note, the top of a block, a block's divider (`else`, `and`, `option`) or the
//! bottom of a block. Activations, blocks, creations and destructions name events by their
//! position in that list ([`EventIndex`]).

use super::label::{Label, LangChoice};
use crate::diagnostic::Span;

index_type!(
    /// Index of a participant in [`Sequence::participants`].
    ParticipantId
);
index_type!(
    /// Index of a block in [`Sequence::blocks`].
    BlockId
);

/// Position of an event in [`Sequence::events`].
pub type EventIndex = usize;

/// How a participant is drawn: mermaid's `participant` (a box), `actor` (a stick figure) and
/// the UML shapes given with `participant X@{ "type": "…" }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum ParticipantKind {
    /// `participant`: a box.
    #[default]
    Participant,
    /// `actor`, or `"type": "actor"`: a stick figure.
    Actor,
    /// `"type": "boundary"`: a circle with a vertical bar on its left.
    Boundary,
    /// `"type": "control"`: a circle with an arrowhead on top.
    Control,
    /// `"type": "entity"`: a circle on a horizontal line.
    Entity,
    /// `"type": "database"`: a cylinder.
    Database,
    /// `"type": "collections"`: stacked boxes.
    Collections,
    /// `"type": "queue"`: a horizontal cylinder.
    Queue,
}

impl ParticipantKind {
    /// The kind named `name` in a `"type"` attribute (mermaid's spelling, lower case).
    pub fn from_name(name: &str) -> Option<ParticipantKind> {
        Some(match name {
            "participant" => ParticipantKind::Participant,
            "actor" => ParticipantKind::Actor,
            "boundary" => ParticipantKind::Boundary,
            "control" => ParticipantKind::Control,
            "entity" => ParticipantKind::Entity,
            "database" => ParticipantKind::Database,
            "collections" => ParticipantKind::Collections,
            "queue" => ParticipantKind::Queue,
            _ => return None,
        })
    }
    /// Every kind's name, for did-you-mean hints and error messages.
    pub const NAMES: &'static [&'static str] = &[
        "participant",
        "actor",
        "boundary",
        "control",
        "entity",
        "database",
        "collections",
        "queue",
    ];
    /// The name mermaid gives it (`"database"`), for `data-kind` attributes.
    pub fn name(self) -> &'static str {
        match self {
            ParticipantKind::Participant => "participant",
            ParticipantKind::Actor => "actor",
            ParticipantKind::Boundary => "boundary",
            ParticipantKind::Control => "control",
            ParticipantKind::Entity => "entity",
            ParticipantKind::Database => "database",
            ParticipantKind::Collections => "collections",
            ParticipantKind::Queue => "queue",
        }
    }
}

/// One lifeline: a participant or actor.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Participant {
    /// The id messages use (`A` in `participant A as Alice`), unique in the diagram.
    pub id: String,
    /// What its box shows: the alias (`as Alice`, or `"alias"` in `@{ … }`) or else the id.
    pub label: Label,
    /// Its shape.
    pub kind: ParticipantKind,
    /// The `box` group it belongs to, if any (an index into [`Sequence::boxes`]).
    pub group: Option<usize>,
    /// The message that creates it (`create participant X` before it): its box is drawn at
    /// that message's row instead of at the top. `None`: it exists from the start.
    pub created: Option<EventIndex>,
    /// The message that destroys it (`destroy X` before it): its lifeline ends there with a
    /// cross. `None`: it lives to the end.
    pub destroyed: Option<EventIndex>,
    /// Its menu links (`link X: label @ url`, `links X: {json}`), in the order given; a label
    /// given twice keeps its last URL at its first position. Script URLs never get here.
    pub links: Vec<ParticipantLink>,
    /// Where it was declared, or first mentioned.
    pub span: Span,
}

/// One entry of a participant's link menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParticipantLink {
    /// The menu text (`Dashboard`).
    pub label: String,
    /// The target (`https://…`, or a relative URL), never a `javascript:`/`data:` URL.
    pub url: String,
}

/// A `box … end` group of participants, drawn as a band behind their lifelines.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ParticipantBox {
    /// The title after the colour (`Alice & John` in `box Purple Alice & John`), if any.
    pub title: Option<Label>,
    /// The fill colour as written (`Purple`, `rgb(33, 66, 99)`, `rgba(…)`, `hsl(…)`),
    /// `None` for none (`transparent`, or no colour word).
    pub fill: Option<String>,
    /// Its members, in declaration order.
    pub members: Vec<ParticipantId>,
    /// The `box` line.
    pub span: Span,
}

/// Whether a message's line is drawn solid or dotted (`--`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum LineStyle {
    /// `->`, `->>`, …
    #[default]
    Solid,
    /// `-->`, `-->>`, …
    Dotted,
}

/// What is drawn at one end of a message line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum ArrowHead {
    /// Nothing: `->`, `-->`, and the tail of most arrows.
    #[default]
    None,
    /// A filled triangle: `->>`, `-->>`, both ends of `<<->>` / `<<-->>`.
    Filled,
    /// A cross: `-x`, `--x`.
    Cross,
    /// An open arrowhead (async): `-)`, `--)`.
    Open,
    /// The upper half of a filled triangle: `-|\`, `--|\`, or at the tail `/|-`, `/|--`.
    HalfFilledTop,
    /// The lower half of a filled triangle: `-|/`, `--|/`, or at the tail `\|-`, `\|--`.
    HalfFilledBottom,
    /// The upper barb of an open arrowhead: `-\\`, `--\\`, or at the tail `//-`, `//--`.
    HalfOpenTop,
    /// The lower barb of an open arrowhead: `-//`, `--//`, or at the tail `\\-`, `\\--`.
    HalfOpenBottom,
}

/// An arrow between two lifelines (or from one to itself).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Message {
    /// Where the line starts.
    pub from: ParticipantId,
    /// Where it points (`from == to`: a self-message, drawn as a loop).
    pub to: ParticipantId,
    /// Solid or dotted line.
    pub line: LineStyle,
    /// What is drawn at `to`.
    pub head: ArrowHead,
    /// What is drawn at `from` (`<<->>` and the reverse half arrows `/|-` … have one).
    pub tail: ArrowHead,
    /// A small circle where the line leaves `from` (`A()->>B`, mermaid's central connection).
    pub central_from: bool,
    /// A small circle where the line meets `to` (`A->>()B`).
    pub central_to: bool,
    /// The text after `:` (may be empty).
    pub text: Label,
    /// Its number when `autonumber` is on, else `None`. As in mermaid the count runs over
    /// every message, numbered or not: `autonumber` without a start continues it.
    pub number: Option<SequenceNumber>,
    /// Whether the text wraps to the space between the lifelines (`wrap:` prefix, or
    /// `sequence.wrap` / `%%{wrap}%%`); otherwise it keeps its lines.
    pub wrap: bool,
    /// The whole statement.
    pub span: Span,
}

impl Message {
    /// Whether it goes from a lifeline to itself.
    pub fn is_self(&self) -> bool {
        self.from == self.to
    }
}

/// A message number from `autonumber`: a non-negative number with at most two decimals
/// (mermaid takes `autonumber 10.1 .01`), kept exactly in hundredths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct SequenceNumber(pub u64);

impl SequenceNumber {
    /// The whole number `n`.
    pub fn whole(n: u64) -> Self {
        SequenceNumber(n.saturating_mul(100))
    }
    /// Parses `12`, `10.1`, `.01` (at most two decimals).
    pub fn parse(s: &str) -> Option<Self> {
        let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
        let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
        let dotted = s.contains('.');
        if !digits(whole) || !digits(frac) || frac.len() > 2 || (dotted && frac.is_empty()) {
            return None;
        }
        if whole.is_empty() && frac.is_empty() {
            return None;
        }
        let w: u64 = if whole.is_empty() {
            0
        } else {
            whole.parse().ok()?
        };
        let f: u64 = match frac.len() {
            0 => 0,
            1 => frac.parse::<u64>().ok()? * 10,
            _ => frac.parse().ok()?,
        };
        w.checked_mul(100)?.checked_add(f).map(SequenceNumber)
    }
    /// The next number, `step` on (saturating at the largest).
    pub fn plus(self, step: SequenceNumber) -> Self {
        SequenceNumber(self.0.saturating_add(step.0))
    }
}

impl std::fmt::Display for SequenceNumber {
    /// `7`, `10.1`, `10.11`: no trailing zeros.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (w, h) = (self.0 / 100, self.0 % 100);
        match h {
            0 => write!(f, "{w}"),
            h if h % 10 == 0 => write!(f, "{w}.{}", h / 10),
            h => write!(f, "{w}.{h:02}"),
        }
    }
}

/// Where a note sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NotePlacement {
    /// `Note left of A`.
    LeftOf(ParticipantId),
    /// `Note right of A`.
    RightOf(ParticipantId),
    /// `Note over A` (`last == None`) or `Note over A,B`: spans from `first` to `last` in the
    /// author's order (`over B,A` keeps `B` first; the drawing spans both either way).
    Over {
        /// The first participant named.
        first: ParticipantId,
        /// The second, if two were named (it may equal `first`).
        last: Option<ParticipantId>,
    },
}

impl NotePlacement {
    /// The participants the note sits on: one, or both ends of `over A,B` (in the author's
    /// order, once each).
    pub fn participants(self) -> Vec<ParticipantId> {
        match self {
            NotePlacement::LeftOf(p) | NotePlacement::RightOf(p) => vec![p],
            NotePlacement::Over { first, last } => {
                let mut v = vec![first];
                v.extend(last.filter(|l| *l != first));
                v
            }
        }
    }
}

/// A note.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Note {
    /// Where it sits.
    pub placement: NotePlacement,
    /// Its text.
    pub text: Label,
    /// Whether the text wraps (`wrap:` prefix or the diagram's `wrap` setting).
    pub wrap: bool,
    /// The whole statement.
    pub span: Span,
}

/// The kinds of block (mermaid's "combined fragments", and `rect`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BlockKind {
    /// `loop`.
    Loop,
    /// `alt` (sections: `else`).
    Alt,
    /// `opt`.
    Opt,
    /// `par` (sections: `and`).
    Par,
    /// `par_over` (sections: `and`): a `par` whose sections are drawn over each other.
    ParOver,
    /// `critical` (sections: `option`).
    Critical,
    /// `break`.
    Break,
    /// `rect <colour>`: a coloured background, no frame or label.
    Rect,
}

impl BlockKind {
    /// The keyword (`loop`, `alt`, …), for `data-kind` and the frame's tab.
    pub fn keyword(self) -> &'static str {
        match self {
            BlockKind::Loop => "loop",
            BlockKind::Alt => "alt",
            BlockKind::Opt => "opt",
            BlockKind::Par => "par",
            BlockKind::ParOver => "par_over",
            BlockKind::Critical => "critical",
            BlockKind::Break => "break",
            BlockKind::Rect => "rect",
        }
    }
    /// The keyword that starts a further section (`else`, `and`, `option`), if any.
    pub fn section_keyword(self) -> Option<&'static str> {
        match self {
            BlockKind::Alt => Some("else"),
            BlockKind::Par | BlockKind::ParOver => Some("and"),
            BlockKind::Critical => Some("option"),
            _ => None,
        }
    }
}

/// One section of a block: the first one starts with the block; `else`/`and`/`option` start
/// the others.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Section {
    /// Its text (`is sick` in `alt is sick`, `is well` in `else is well`); empty if none.
    pub label: Label,
    /// The event that starts it: [`Event::BlockStart`] for the first, [`Event::Section`]
    /// for the others.
    pub start: EventIndex,
    /// The `alt`/`else`/… line.
    pub span: Span,
}

/// A block: a frame around a run of events (or, for `rect`, a background).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Block {
    /// Its kind.
    pub kind: BlockKind,
    /// Its sections, at least one, in order.
    pub sections: Vec<Section>,
    /// `rect`'s colour as written (`rgb(191, 223, 255)`, `rgba(…)`, a name); `None` for the
    /// other kinds, or a `rect` without a colour.
    pub fill: Option<String>,
    /// The block it is nested in, if any.
    pub parent: Option<BlockId>,
    /// Its nesting depth: 0 at top level.
    pub depth: u32,
    /// Its [`Event::BlockStart`].
    pub start: EventIndex,
    /// Its [`Event::BlockEnd`] (after `start`).
    pub end: EventIndex,
    /// From the keyword to `end`.
    pub span: Span,
}

/// One row of the timeline.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Event {
    /// An arrow.
    Message(Message),
    /// A note.
    Note(Note),
    /// The top of a block (its first section's label goes here).
    BlockStart(BlockId),
    /// A divider inside a block: the start of section `section` (1 or more).
    Section {
        /// The block.
        block: BlockId,
        /// The section's position in [`Block::sections`].
        section: usize,
    },
    /// The bottom of a block.
    BlockEnd(BlockId),
}

/// An activation bar on a lifeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Activation {
    /// Whose lifeline.
    pub participant: ParticipantId,
    /// The row it starts at: the message that activates (`A->>+B`), or for an `activate B`
    /// statement the next event.
    pub start: EventIndex,
    /// The row it ends at (inclusive, `>= start`): the message that deactivates
    /// (`B-->>-A`), or for a `deactivate B` statement the event before it. `None`: still
    /// active when the diagram ends.
    pub end: Option<EventIndex>,
    /// How many bars of the same participant are open under it (0 for the first): nested
    /// bars are drawn offset.
    pub depth: u32,
}

/// Where a message's text sits along its line (`sequence.messageAlign`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum MessageAlign {
    /// At the start.
    Left,
    /// In the middle (mermaid's default).
    #[default]
    Center,
    /// At the end.
    Right,
}

/// Settings from front matter and `%%{init}%%` that apply to sequence diagrams.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SequenceConfig {
    /// Participant boxes drawn again below the lifelines (`sequence.mirrorActors`, default
    /// true as in mermaid).
    pub mirror_actors: bool,
    /// Self-messages and long messages drawn with right angles (`sequence.rightAngles`).
    pub right_angles: bool,
    /// Where message text sits (`sequence.messageAlign`).
    pub message_align: MessageAlign,
    /// Horizontal room between participant boxes, px (`sequence.actorMargin`), if set.
    pub actor_margin: Option<f64>,
    /// Theme named in config (`dark`, `forest`, …), if any.
    pub theme: Option<String>,
    /// Theme variables (`primaryColor`, `actorBkg`, …), in the order given.
    pub theme_variables: Vec<(String, String)>,
}

impl Default for SequenceConfig {
    fn default() -> Self {
        SequenceConfig {
            mirror_actors: true,
            right_angles: false,
            message_align: MessageAlign::Center,
            actor_margin: None,
            theme: None,
            theme_variables: Vec::new(),
        }
    }
}

/// What front matter `check:` asks the diagram to be checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SequenceCheck {
    /// `check: tcp`: every participant is a TCP endpoint and every message a segment, run
    /// through the RFC 9293 reference (`tcp::exchange`).
    Tcp,
}

impl SequenceCheck {
    /// `tcp` (also `rfc9293`), in any case.
    pub fn parse(text: &str) -> Option<SequenceCheck> {
        let t = text.trim();
        (t.eq_ignore_ascii_case("tcp") || t.eq_ignore_ascii_case("rfc9293"))
            .then_some(SequenceCheck::Tcp)
    }
}

/// A resolved sequence diagram.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct Sequence {
    /// Front-matter `title` or the `title` statement.
    pub title: Option<Label>,
    /// `accTitle`.
    pub acc_title: Option<String>,
    /// `accDescr` (one line, or the `{ … }` block).
    pub acc_descr: Option<String>,
    /// Participants, left to right: in order of declaration or first mention.
    pub participants: Vec<Participant>,
    /// `box` groups, in source order.
    pub boxes: Vec<ParticipantBox>,
    /// The timeline, top to bottom.
    pub events: Vec<Event>,
    /// Blocks, in order of their opening keyword (a parent before its children).
    pub blocks: Vec<Block>,
    /// Activation bars, in order of their start (ties: source order).
    pub activations: Vec<Activation>,
    /// Settings that apply.
    pub config: SequenceConfig,
    /// Front matter `check:`, if given and known.
    pub check: Option<SequenceCheck>,
}

impl Sequence {
    /// The participant with id `id`.
    pub fn participant_by_id(&self, id: &str) -> Option<ParticipantId> {
        self.participants
            .iter()
            .position(|p| p.id == id)
            .map(ParticipantId::new)
    }
    /// The participant `id` names.
    pub fn participant(&self, id: ParticipantId) -> &Participant {
        &self.participants[id.index()]
    }
    /// The messages in time order.
    pub fn messages(&self) -> impl Iterator<Item = &Message> {
        self.events.iter().filter_map(|e| match e {
            Event::Message(m) => Some(m),
            _ => None,
        })
    }
    /// The notes in time order.
    pub fn notes(&self) -> impl Iterator<Item = &Note> {
        self.events.iter().filter_map(|e| match e {
            Event::Note(n) => Some(n),
            _ => None,
        })
    }
    /// A copy with every label (participants, boxes, messages, notes, sections, title)
    /// reduced to `choice`.
    pub fn select_lang(&self, choice: LangChoice) -> Sequence {
        let mut s = self.clone();
        for p in &mut s.participants {
            p.label = p.label.select(choice);
        }
        for b in &mut s.boxes {
            if let Some(t) = &mut b.title {
                *t = t.select(choice);
            }
        }
        for e in &mut s.events {
            match e {
                Event::Message(m) => m.text = m.text.select(choice),
                Event::Note(n) => n.text = n.text.select(choice),
                _ => {}
            }
        }
        for b in &mut s.blocks {
            for sec in &mut b.sections {
                sec.label = sec.label.select(choice);
            }
        }
        if let Some(t) = &mut s.title {
            *t = t.select(choice);
        }
        s
    }
}
