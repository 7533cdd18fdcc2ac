//! The flowchart IR: nodes, edges and clusters (subgraphs) with resolved labels and styles.
//!
//! Built from the syntax tree by the `mermaid::syntax` lowering; consumed by `layout` and
//! `render`. Indices (`NodeId`, `EdgeId`, `ClusterId`) are positions in the vectors below, in
//! source order of first appearance, which keeps every later stage deterministic.

use super::label::{Label, LangChoice};
use crate::diagnostic::Span;

/// Layout direction of a graph or cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Direction {
    /// Top to bottom (`TB`, `TD`).
    #[default]
    TopBottom,
    /// Bottom to top (`BT`).
    BottomTop,
    /// Left to right (`LR`).
    LeftRight,
    /// Right to left (`RL`).
    RightLeft,
}

impl Direction {
    /// Parses `TB`/`TD`/`BT`/`LR`/`RL` (any case).
    pub fn from_keyword(s: &str) -> Option<Direction> {
        match s.to_ascii_uppercase().as_str() {
            "TB" | "TD" => Some(Direction::TopBottom),
            "BT" => Some(Direction::BottomTop),
            "LR" => Some(Direction::LeftRight),
            "RL" => Some(Direction::RightLeft),
            _ => None,
        }
    }
    /// Whether ranks run horizontally (LR/RL).
    pub fn is_horizontal(self) -> bool {
        matches!(self, Direction::LeftRight | Direction::RightLeft)
    }
}

index_type!(
    /// Index of a node in [`Flowchart::nodes`].
    NodeId
);
index_type!(
    /// Index of an edge in [`Flowchart::edges`].
    EdgeId
);
index_type!(
    /// Index of a cluster in [`Flowchart::clusters`].
    ClusterId
);

/// Node shapes: mermaid's classic bracket shapes and its v11.3 `@{ shape: … }` set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[allow(missing_docs)]
#[non_exhaustive]
pub enum Shape {
    #[default]
    Rect,
    Rounded,
    Stadium,
    Subroutine,
    Cylinder,
    Circle,
    /// `(-text-)`, mermaid's ellipse.
    Ellipse,
    DoubleCircle,
    /// `>text]`, mermaid's "odd".
    Asymmetric,
    Diamond,
    Hexagon,
    /// `[/text/]`, lean-r.
    LeanRight,
    /// `[\text\]`, lean-l.
    LeanLeft,
    /// `[/text\]`, trap-b.
    Trapezoid,
    /// `[\text/]`, trap-t.
    TrapezoidTop,
    Text,
    NotchedRect,
    LinedRect,
    SmallCircle,
    FramedCircle,
    Fork,
    Hourglass,
    BraceLeft,
    BraceRight,
    Braces,
    Bolt,
    Document,
    Delay,
    HorizontalCylinder,
    LinedCylinder,
    CurvedTrapezoid,
    DividedRect,
    Triangle,
    WindowPane,
    FilledCircle,
    LinedDocument,
    NotchedPentagon,
    FlippedTriangle,
    SlopedRect,
    Documents,
    Processes,
    Flag,
    BowTieRect,
    CrossedCircle,
    TaggedDocument,
    TaggedRect,
    Datastore,
}

impl Shape {
    /// The shape for a mermaid `shape:` name or alias (case-insensitive), per mermaid's docs.
    pub fn from_name(name: &str) -> Option<Shape> {
        use Shape::*;
        Some(match name.to_ascii_lowercase().as_str() {
            "rect" | "proc" | "process" | "rectangle" | "square" => Rect,
            "rounded" | "event" => Rounded,
            "stadium" | "pill" | "terminal" => Stadium,
            "subproc" | "fr-rect" | "framed-rectangle" | "subprocess" | "subroutine" => Subroutine,
            "cyl" | "cylinder" | "database" | "db" => Cylinder,
            "circle" | "circ" => Circle,
            "dbl-circ" | "double-circle" => DoubleCircle,
            "odd" => Asymmetric,
            "diamond" | "decision" | "question" | "diam" => Diamond,
            "hex" | "hexagon" | "prepare" => Hexagon,
            "lean-r" | "lean-right" | "in-out" => LeanRight,
            "lean-l" | "lean-left" | "out-in" => LeanLeft,
            "trap-b" | "priority" | "trapezoid-bottom" | "trapezoid" => Trapezoid,
            "trap-t" | "manual" | "trapezoid-top" | "inv-trapezoid" => TrapezoidTop,
            "text" => Text,
            "notch-rect" | "card" | "notched-rectangle" => NotchedRect,
            "lin-rect" | "lin-proc" | "lined-process" | "lined-rectangle" | "shaded-process" => {
                LinedRect
            }
            "sm-circ" | "small-circle" | "start" => SmallCircle,
            "fr-circ" | "framed-circle" | "stop" => FramedCircle,
            "fork" | "join" => Fork,
            "hourglass" | "collate" => Hourglass,
            "brace" | "brace-l" | "comment" => BraceLeft,
            "brace-r" => BraceRight,
            "braces" => Braces,
            "bolt" | "com-link" | "lightning-bolt" => Bolt,
            "doc" | "document" => Document,
            "delay" | "half-rounded-rectangle" => Delay,
            "h-cyl" | "das" | "horizontal-cylinder" => HorizontalCylinder,
            "lin-cyl" | "disk" | "lined-cylinder" => LinedCylinder,
            "curv-trap" | "curved-trapezoid" | "display" => CurvedTrapezoid,
            "div-rect" | "div-proc" | "divided-process" | "divided-rectangle" => DividedRect,
            "tri" | "extract" | "triangle" => Triangle,
            "win-pane" | "internal-storage" | "window-pane" => WindowPane,
            "f-circ" | "filled-circle" | "junction" => FilledCircle,
            "lin-doc" | "lined-document" => LinedDocument,
            "notch-pent" | "loop-limit" | "notched-pentagon" => NotchedPentagon,
            "flip-tri" | "flipped-triangle" | "manual-file" => FlippedTriangle,
            "sl-rect" | "manual-input" | "sloped-rectangle" => SlopedRect,
            "docs" | "documents" | "st-doc" | "stacked-document" => Documents,
            "st-rect" | "procs" | "processes" | "stacked-rectangle" => Processes,
            "flag" | "paper-tape" => Flag,
            "bow-rect" | "bow-tie-rectangle" | "stored-data" => BowTieRect,
            "cross-circ" | "crossed-circle" | "summary" => CrossedCircle,
            "tag-doc" | "tagged-document" => TaggedDocument,
            "tag-rect" | "tag-proc" | "tagged-process" | "tagged-rectangle" => TaggedRect,
            "datastore" | "data-store" => Datastore,
            _ => return None,
        })
    }
}

/// CSS-like declarations from `classDef`, `style` and `linkStyle`, in the order they apply
/// (a later declaration of the same property wins). Values are already sanitised: no `<`, `>`,
/// `"`, `;` or `{}` can reach the SVG.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Style {
    /// `(property, value)` pairs, property lower-case.
    pub declarations: Vec<(String, String)>,
}

impl Style {
    /// The last value given for `property`.
    pub fn get(&self, property: &str) -> Option<&str> {
        self.declarations
            .iter()
            .rev()
            .find(|(p, _)| p == property)
            .map(|(_, v)| v.as_str())
    }
    /// Appends `other`'s declarations (they win over ours), keeping one declaration per
    /// property (see [`Style::dedupe`]).
    pub fn extend(&mut self, other: &Style) {
        self.declarations.extend(other.declarations.iter().cloned());
        self.dedupe();
    }
    /// Keeps only the last declaration of each property (the one that wins), in the order of
    /// those: a style applied again and again does not grow.
    pub fn dedupe(&mut self) {
        let mut seen = std::collections::BTreeSet::new();
        let mut kept: Vec<(String, String)> = std::mem::take(&mut self.declarations)
            .into_iter()
            .rev()
            .filter(|(p, _)| seen.insert(p.clone()))
            .collect();
        kept.reverse();
        self.declarations = kept;
    }
    /// Whether nothing is declared.
    pub fn is_empty(&self) -> bool {
        self.declarations.is_empty()
    }
}

/// A `click` link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The URL.
    pub href: String,
    /// `_blank`, `_self`, … if given.
    pub target: Option<String>,
    /// Tooltip text, if given.
    pub tooltip: Option<String>,
}

/// A node.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The author's id (`A7`).
    pub id: String,
    /// The label (defaults to the id).
    pub label: Label,
    /// The shape.
    pub shape: Shape,
    /// Class names applied (`:::`, `class`), in order; `default` is implied, not listed.
    pub classes: Vec<String>,
    /// Resolved style: `classDef default`, then classes in order, then `style` statements.
    pub style: Style,
    /// A `click` link.
    pub link: Option<Link>,
    /// The innermost cluster containing the node.
    pub parent: Option<ClusterId>,
    /// Where the node was first defined (its id).
    pub span: Span,
}

/// What an edge attaches to: a node, or a whole subgraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Endpoint {
    /// A node.
    Node(NodeId),
    /// A subgraph's box.
    Cluster(ClusterId),
}

/// Line style of an edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Stroke {
    /// `--`
    #[default]
    Normal,
    /// `==`
    Thick,
    /// `-.-`
    Dotted,
    /// `~~~` (laid out, not drawn)
    Invisible,
}

/// An edge end decoration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Marker {
    /// Nothing.
    #[default]
    None,
    /// `>` / `<`
    Arrow,
    /// `o`
    Circle,
    /// `x`
    Cross,
}

/// Edge interpolation (mermaid's `curve`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[allow(missing_docs)]
pub enum Curve {
    #[default]
    Basis,
    Linear,
    Natural,
    Step,
    StepBefore,
    StepAfter,
    Cardinal,
    CatmullRom,
    MonotoneX,
    MonotoneY,
    BumpX,
    BumpY,
}

impl Curve {
    /// Parses mermaid's curve names (`basis`, `linear`, `stepBefore`, …), case-insensitive.
    pub fn from_name(s: &str) -> Option<Curve> {
        use Curve::*;
        Some(match s.to_ascii_lowercase().as_str() {
            "basis" => Basis,
            "linear" => Linear,
            "natural" => Natural,
            "step" => Step,
            "stepbefore" => StepBefore,
            "stepafter" => StepAfter,
            "cardinal" => Cardinal,
            "catmullrom" => CatmullRom,
            "monotonex" => MonotoneX,
            "monotoney" => MonotoneY,
            "bumpx" => BumpX,
            "bumpy" => BumpY,
            _ => return None,
        })
    }
}

/// An edge.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// `e1` in `A e1@--> B`.
    pub id: Option<String>,
    /// Tail.
    pub from: Endpoint,
    /// Head.
    pub to: Endpoint,
    /// Label (empty if none).
    pub label: Label,
    /// Line style.
    pub stroke: Stroke,
    /// Decoration at the tail.
    pub start: Marker,
    /// Decoration at the head.
    pub end: Marker,
    /// Minimum rank span: 1 for `-->`, one more per extra dash (`---->` is 3).
    pub min_len: u32,
    /// Resolved style (`linkStyle default`, `linkStyle N`, classes).
    pub style: Style,
    /// Classes applied with `class e1 name`.
    pub classes: Vec<String>,
    /// Per-edge curve (`e1@{ curve: linear }`), else the diagram's.
    pub curve: Option<Curve>,
    /// `animate: true` or `animation: fast|slow`.
    pub animation: Option<String>,
    /// The arrow token.
    pub span: Span,
}

/// A subgraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// The id (`ide1`, or the title when no id is given, as mermaid does).
    pub id: String,
    /// The title.
    pub title: Label,
    /// The enclosing cluster.
    pub parent: Option<ClusterId>,
    /// `direction` inside the subgraph.
    pub direction: Option<Direction>,
    /// Classes.
    pub classes: Vec<String>,
    /// Resolved style.
    pub style: Style,
    /// The `subgraph` keyword.
    pub span: Span,
}

/// A whole flowchart, resolved.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Flowchart {
    /// Graph direction.
    pub direction: Direction,
    /// Front-matter `title`.
    pub title: Option<Label>,
    /// `accTitle`.
    pub acc_title: Option<String>,
    /// `accDescr`.
    pub acc_descr: Option<String>,
    /// Nodes, in order of first appearance.
    pub nodes: Vec<Node>,
    /// Edges, in source order (the index `linkStyle` uses).
    pub edges: Vec<Edge>,
    /// Clusters, in order of their `subgraph` keyword.
    pub clusters: Vec<Cluster>,
    /// Default edge curve (`config.flowchart.curve`, `%%{init}%%`).
    pub curve: Curve,
    /// Theme variables from config (`primaryColor`, …), in order given.
    pub theme_variables: Vec<(String, String)>,
    /// Theme named in config (`dark`, `forest`, …), if any.
    pub theme: Option<String>,
    /// Distance between neighbouring nodes in a rank, px (`flowchart.nodeSpacing`), if set.
    pub node_spacing: Option<f64>,
    /// Distance between ranks, px (`flowchart.rankSpacing`), if set.
    pub rank_spacing: Option<f64>,
    /// Width node labels and subgraph titles wrap at, px (`flowchart.wrappingWidth`), if set.
    pub wrapping_width: Option<f64>,
    /// The widest a rank may be before its leaves wrap into extra rows, px
    /// (`flowchart.netfigMaxRankWidth`), if set.
    pub max_rank_width: Option<f64>,
    /// Front matter `check:` (netfig's own key: `layers` to check the subgraphs as layer
    /// models, `off` for no check) and where it was written.
    pub check: Option<(String, Span)>,
}

impl Flowchart {
    /// A copy with every label (nodes, edges, cluster titles, title) reduced to `choice`.
    pub fn select_lang(&self, choice: LangChoice) -> Flowchart {
        let mut g = self.clone();
        for n in &mut g.nodes {
            n.label = n.label.select(choice);
        }
        for e in &mut g.edges {
            e.label = e.label.select(choice);
        }
        for c in &mut g.clusters {
            c.title = c.title.select(choice);
        }
        if let Some(t) = &mut g.title {
            *t = t.select(choice);
        }
        g
    }
    /// The node with author id `id`.
    pub fn node_by_id(&self, id: &str) -> Option<NodeId> {
        self.nodes
            .iter()
            .position(|n| n.id == id)
            .map(|i| NodeId(i as u32))
    }
    /// The cluster with author id `id`.
    pub fn cluster_by_id(&self, id: &str) -> Option<ClusterId> {
        self.clusters
            .iter()
            .position(|c| c.id == id)
            .map(|i| ClusterId(i as u32))
    }
}
