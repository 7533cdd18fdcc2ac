//! The flowchart syntax tree. Every piece of text carries its byte span in the source; text
//! values are the raw source slices (entities and markup are decoded later, in lowering).

use crate::diagnostic::Span;
use crate::model::{Curve, Direction, Marker, Shape, Stroke};

/// A value and where it was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Its source range.
    pub span: Span,
}

impl<T> Spanned<T> {
    /// Pairs `value` with `span`.
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

/// The syntax tree of one flowchart source.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// The `flowchart`/`graph` line, if found.
    pub header: Option<Header>,
    /// Settings from front matter and `%%{init}%%` directives that netfig honours.
    pub config: Config,
    /// Top-level statements in source order.
    pub statements: Vec<Statement>,
}

/// The diagram header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The keyword as written (`flowchart`, `graph`, `flowchart-elk`).
    pub keyword: Spanned<String>,
    /// The direction, if given and valid.
    pub direction: Option<Spanned<Direction>>,
}

/// Honoured configuration.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Config {
    /// Front-matter `title`.
    pub title: Option<Text>,
    /// `config.theme`.
    pub theme: Option<String>,
    /// `config.themeVariables`, in the order given.
    pub theme_variables: Vec<(String, String)>,
    /// `config.flowchart.curve`.
    pub curve: Option<Curve>,
    /// `config.flowchart.nodeSpacing`, px.
    pub node_spacing: Option<f64>,
    /// `config.flowchart.rankSpacing`, px.
    pub rank_spacing: Option<f64>,
    /// `config.flowchart.wrappingWidth`, px.
    pub wrapping_width: Option<f64>,
    /// `config.markdownAutoWrap`.
    pub markdown_auto_wrap: Option<bool>,
    /// `config.flowchart.netfigMaxRankWidth`, px (netfig's own key).
    pub max_rank_width: Option<f64>,
    /// Sequence diagrams only: `config.sequence.*`, `config.wrap`, `%%{wrap}%%`.
    pub sequence: SequenceSettings,
    /// Packet diagrams only: `config.packet.*`, `themeVariables.packet.*`.
    pub packet: PacketSettings,
    /// Sequence diagrams only: front matter `check: tcp` (the diagram is a TCP exchange).
    pub check: Option<crate::model::sequence::SequenceCheck>,
    /// Flowcharts only: front matter `check:` (`layers`, `off`), as written.
    pub flowchart_check: Option<Spanned<String>>,
}

/// The `config.packet` settings netfig honours (read in packet diagrams only).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PacketSettings {
    /// `packet.bitsPerRow`.
    pub bits_per_row: Option<u32>,
    /// `packet.bitWidth`, px.
    pub bit_width: Option<f64>,
    /// `packet.rowHeight`, px.
    pub row_height: Option<f64>,
    /// `packet.paddingX`, px.
    pub padding_x: Option<f64>,
    /// `packet.paddingY`, px.
    pub padding_y: Option<f64>,
    /// `packet.showBits`.
    pub show_bits: Option<bool>,
    /// Front matter `check:` (netfig's own key): the reference header, or `off`.
    pub check: Option<Spanned<String>>,
    /// `themeVariables.packet.*` (`blockFillColor`, `startByteColor`, …), in the order given,
    /// values already checked safe.
    pub style: Vec<(String, String)>,
}

/// The `config.sequence` settings netfig honours (read in sequence diagrams only).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SequenceSettings {
    /// `sequence.mirrorActors`.
    pub mirror_actors: Option<bool>,
    /// `sequence.rightAngles`.
    pub right_angles: Option<bool>,
    /// `sequence.messageAlign`.
    pub message_align: Option<crate::model::sequence::MessageAlign>,
    /// `sequence.actorMargin`, px.
    pub actor_margin: Option<f64>,
    /// `sequence.wrap`, top-level `wrap`, or the `%%{wrap}%%` directive.
    pub wrap: Option<bool>,
    /// `sequence.showSequenceNumbers`.
    pub show_sequence_numbers: Option<bool>,
}

/// One statement.
#[derive(Debug, Clone, PartialEq)]
pub enum Statement {
    /// Nodes, optionally linked: `A`, `A & B --> C`, `A[x] --> B{y} --> C`.
    Chain(Chain),
    /// `subgraph … end`.
    Subgraph(Subgraph),
    /// `direction LR`.
    Direction(Spanned<Direction>),
    /// `classDef a,b fill:#f9f`.
    ClassDef(ClassDef),
    /// `class a,b name`.
    Class(ClassStmt),
    /// `style id fill:#f9f`.
    Style(StyleStmt),
    /// `linkStyle 0,1 stroke:red`.
    LinkStyle(LinkStyleStmt),
    /// `click id "url"`.
    Click(Click),
    /// `accTitle: …`.
    AccTitle(Spanned<String>),
    /// `accDescr: …` or `accDescr { … }`.
    AccDescr(Spanned<String>),
}

/// Groups of nodes joined by links; `links.len() + 1 == groups.len()`.
#[derive(Debug, Clone, PartialEq)]
pub struct Chain {
    /// `&`-separated node groups.
    pub groups: Vec<Vec<NodeRef>>,
    /// The links between consecutive groups.
    pub links: Vec<Link>,
}

/// A mention of a node (or subgraph, or edge id for `e1@{…}`), maybe with a shape.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeRef {
    /// The id.
    pub id: Spanned<String>,
    /// A bracket shape or `@{…}` block.
    pub shape: Option<NodeShape>,
    /// An `@{…}` block after a bracket shape (`C[Hello]@{ shape: circle }`); applied after it.
    pub data: Option<NodeShape>,
    /// `:::class` suffixes.
    pub classes: Vec<Spanned<String>>,
}

/// How a node's shape and text were given.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeShape {
    /// `[text]`, `(text)`, `{text}`, …
    Bracket {
        /// The shape the brackets denote.
        shape: Shape,
        /// The text between them.
        text: Text,
        /// From the opening to the closing bracket.
        span: Span,
    },
    /// `@{ key: value, … }`.
    Attrs {
        /// The pairs in order.
        attrs: Vec<Attr>,
        /// From `@{` to `}`.
        span: Span,
    },
}

/// What kind of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// Unquoted.
    Plain,
    /// `"…"`.
    Quoted,
    /// ``"`…`"``: markdown.
    Markdown,
}

/// Label text; `raw` is exactly the source slice `span` (without quotes/backticks).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// How it was written.
    pub kind: TextKind,
    /// The raw source text.
    pub raw: String,
    /// Where `raw` is.
    pub span: Span,
}

/// A `key: value` pair in `@{…}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attr {
    /// The key.
    pub key: Spanned<String>,
    /// The value: quotes removed and YAML escapes resolved (`\"`, `''`), so it equals
    /// `source[span]` unless it had escapes.
    pub value: Spanned<String>,
    /// Whether the value was quoted.
    pub quoted: bool,
}

/// An arrow between two node groups.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// `e1` in `A e1@--> B`.
    pub id: Option<Spanned<String>>,
    /// Line style.
    pub stroke: Stroke,
    /// Tail decoration.
    pub start: Marker,
    /// Head decoration.
    pub end: Marker,
    /// Rank span (1 for `-->`).
    pub min_len: u32,
    /// `-- text -->` or `-->|text|`.
    pub label: Option<Text>,
    /// The arrow (including an inline label).
    pub span: Span,
}

/// `subgraph … end`.
#[derive(Debug, Clone, PartialEq)]
pub struct Subgraph {
    /// The `subgraph` keyword.
    pub keyword: Span,
    /// The id: explicit, or the title when it has no whitespace (mermaid's rule); `None` means
    /// lowering generates `subGraphN`.
    pub id: Option<Spanned<String>>,
    /// The title, if any.
    pub title: Option<Text>,
    /// The statements inside.
    pub body: Vec<Statement>,
    /// The closing `end` (missing if unclosed).
    pub end: Option<Span>,
}

/// A `name:value` style declaration, already sanitised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prop {
    /// Property name, lower-case.
    pub name: Spanned<String>,
    /// Value, trimmed.
    pub value: Spanned<String>,
}

/// `classDef a,b props`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassDef {
    /// Class names defined.
    pub names: Vec<Spanned<String>>,
    /// Declarations.
    pub props: Vec<Prop>,
    /// The statement.
    pub span: Span,
}

/// `class a,b name`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassStmt {
    /// Node, subgraph or edge ids.
    pub targets: Vec<Spanned<String>>,
    /// Class names applied.
    pub classes: Vec<Spanned<String>>,
    /// The statement.
    pub span: Span,
}

/// `style id props`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StyleStmt {
    /// Node or subgraph id.
    pub target: Spanned<String>,
    /// Declarations.
    pub props: Vec<Prop>,
    /// The statement.
    pub span: Span,
}

/// Which links a `linkStyle` addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkTarget {
    /// `default`.
    Default,
    /// An index in source order of edges.
    Index(usize),
}

/// `linkStyle 0,1 [interpolate curve] props`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkStyleStmt {
    /// Indices or `default`.
    pub targets: Vec<Spanned<LinkTarget>>,
    /// `interpolate basis`.
    pub interpolate: Option<Spanned<Curve>>,
    /// Declarations.
    pub props: Vec<Prop>,
    /// The statement.
    pub span: Span,
}

/// What a `click` does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClickAction {
    /// Open a URL.
    Link {
        /// The URL.
        href: String,
        /// Tooltip.
        tooltip: Option<String>,
        /// `_blank`, …
        target: Option<String>,
    },
    /// A JavaScript callback (not rendered).
    Callback,
}

/// `click id …`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Click {
    /// The node id.
    pub target: Spanned<String>,
    /// The action.
    pub action: ClickAction,
    /// The statement.
    pub span: Span,
}
