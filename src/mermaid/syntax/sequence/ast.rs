//! The syntax tree of a `sequenceDiagram`: statements as written, with byte spans; nothing
//! resolved (participants are names, blocks are nested statements).

use crate::diagnostic::Span;
use crate::mermaid::syntax::{Config, Spanned, Text};
use crate::model::sequence::{ArrowHead, BlockKind, LineStyle, SequenceNumber};

/// One `sequenceDiagram` source.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SequenceDocument {
    /// The `sequenceDiagram` keyword, if found.
    pub header: Option<Span>,
    /// Settings from front matter and `%%{init}%%` directives that netfig honours.
    pub config: Config,
    /// Top-level statements in source order.
    pub statements: Vec<SeqStatement>,
}

/// `participant` or `actor`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeclKeyword {
    /// `participant`.
    Participant,
    /// `actor`.
    Actor,
}

/// `participant A@{ "type": "database", "alias": "DB" } as Alice`.
#[derive(Debug, Clone, PartialEq)]
pub struct Declaration {
    /// `participant` or `actor`.
    pub keyword: DeclKeyword,
    /// Preceded by `create`.
    pub create: bool,
    /// The id.
    pub id: Spanned<String>,
    /// `"type"` from `@{ … }`, if given.
    pub kind: Option<Spanned<String>>,
    /// `"alias"` from `@{ … }`, if given.
    pub attr_alias: Option<Text>,
    /// The text after `as`, if given.
    pub alias: Option<Text>,
    /// The whole statement.
    pub span: Span,
}

/// `+` or `-` after the arrow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActivationMark {
    /// `+`: activates the target.
    Activate,
    /// `-`: deactivates the source.
    Deactivate,
}

/// An arrow as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arrow {
    /// Solid or dotted.
    pub line: LineStyle,
    /// What is drawn at the target.
    pub head: ArrowHead,
    /// What is drawn at the source.
    pub tail: ArrowHead,
    /// Where the arrow is written.
    pub span: Span,
}

/// `A->>+B: text`.
#[derive(Debug, Clone, PartialEq)]
pub struct MessageStmt {
    /// The source participant.
    pub from: Spanned<String>,
    /// The arrow.
    pub arrow: Arrow,
    /// `()` before the arrow.
    pub central_from: bool,
    /// `()` before the target.
    pub central_to: bool,
    /// `+` / `-` after the arrow.
    pub activation: Option<Spanned<ActivationMark>>,
    /// The target participant.
    pub to: Spanned<String>,
    /// The text after `:` (without a `wrap:`/`nowrap:` prefix).
    pub text: Text,
    /// `Some(true)` for `wrap:`, `Some(false)` for `nowrap:`.
    pub wrap: Option<bool>,
    /// The whole statement.
    pub span: Span,
}

/// Where a note goes, as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteSide {
    /// `left of`.
    LeftOf,
    /// `right of`.
    RightOf,
    /// `over`.
    Over,
}

/// `Note over A,B: text`.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteStmt {
    /// Placement keyword.
    pub side: NoteSide,
    /// The participants named (one, or two for `over A,B`), in the author's order.
    pub participants: Vec<Spanned<String>>,
    /// The text after `:`.
    pub text: Text,
    /// `wrap:`/`nowrap:` prefix.
    pub wrap: Option<bool>,
    /// The whole statement.
    pub span: Span,
}

/// One section of a block: its label line and its statements.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionSyntax {
    /// The text after the keyword (may be empty).
    pub label: Text,
    /// The keyword line (`alt x`, `else y`).
    pub span: Span,
    /// The statements up to the next section or `end`.
    pub statements: Vec<SeqStatement>,
}

/// `loop … end`, `alt … else … end`, `rect rgb(…) … end`, …
#[derive(Debug, Clone, PartialEq)]
pub struct BlockStmt {
    /// Which block.
    pub kind: BlockKind,
    /// Its sections (at least one).
    pub sections: Vec<SectionSyntax>,
    /// From the keyword to `end` (or to the end of input when `end` is missing).
    pub span: Span,
}

/// `box Purple Title … end`.
#[derive(Debug, Clone, PartialEq)]
pub struct BoxStmt {
    /// The text after `box`.
    pub header: Text,
    /// The declarations inside.
    pub statements: Vec<SeqStatement>,
    /// The `box` line.
    pub span: Span,
}

/// One statement of a sequence diagram.
#[derive(Debug, Clone, PartialEq)]
pub enum SeqStatement {
    /// `participant …` / `actor …` (optionally `create`d).
    Declaration(Declaration),
    /// `destroy A`.
    Destroy(Spanned<String>),
    /// A message.
    Message(MessageStmt),
    /// `activate A` (`true`) / `deactivate A` (`false`).
    Activation {
        /// Whether it activates.
        on: bool,
        /// The participant.
        id: Spanned<String>,
        /// The whole statement.
        span: Span,
    },
    /// A note.
    Note(NoteStmt),
    /// `link A: label @ url` (one entry) or `links A: {"label": "url", …}`.
    Links {
        /// The participant.
        id: Spanned<String>,
        /// `(label, url)` pairs in the order written.
        links: Vec<(String, String)>,
        /// The whole statement.
        span: Span,
    },
    /// `autonumber`, `autonumber 10`, `autonumber 10 5`, `autonumber off`.
    Autonumber {
        /// The first number, if given.
        start: Option<SequenceNumber>,
        /// The step, if given.
        step: Option<SequenceNumber>,
        /// `autonumber off`.
        off: bool,
        /// The whole statement.
        span: Span,
    },
    /// `title …` / `title: …`.
    Title(Text),
    /// `accTitle: …`.
    AccTitle(Text),
    /// `accDescr: …` or `accDescr { … }`.
    AccDescr(Text),
    /// A block.
    Block(BlockStmt),
    /// A box of participants.
    Box(BoxStmt),
}
