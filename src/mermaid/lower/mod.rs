//! Syntax tree → validated [`Flowchart`]: resolves ids (nodes, subgraphs, edge ids), subgraph
//! membership, classes and styles, and turns label text into [`Label`]s.
//!
//! **Membership** follows mermaid: a node belongs to the subgraph that mentions it and closes
//! first. Inner subgraphs close before their parents, so this is the innermost one; among
//! siblings it is the first. Mentions at top level claim nothing. The same holds for a
//! top-level subgraph whose id is mentioned inside another subgraph (`subgraph P` … `a --> X`
//! … `end` nests `X` in `P`, as mermaid does), unless that would make a subgraph contain
//! itself.
//!
//! **Styles** resolve as `classDef default` → classes in application order → `style`
//! statements (nodes, subgraphs); for edges `linkStyle default` → classes → `linkStyle N`.

mod attrs;
mod colour;
mod edge_ids;
mod packet;
mod sequence;
mod shape_names;
mod style;

pub use packet::packet;
pub use sequence::sequence;

use crate::diagnostic::codes::mmd as codes;
use crate::diagnostic::{Diagnostic, Span};
use crate::mermaid::syntax::label::{to_label, to_label_with};
use crate::mermaid::syntax::{
    Attr, Chain, ClickAction, Document, LinkStyleStmt, NodeRef, NodeShape, Spanned, Statement,
};
use crate::model::{
    Cluster, ClusterId, Direction, Edge, Endpoint, Flowchart, Label, Link, Node, NodeId, Shape,
    Style,
};
use std::collections::HashMap;

/// Whether `url` would run a script or embed a document when followed (`javascript:`,
/// `vbscript:`, `data:`): such links are dropped from every diagram kind.
pub(super) fn is_script_url(url: &str) -> bool {
    let scheme = url.trim_start().to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|s| scheme.starts_with(s))
}

/// Resolves ids, subgraph membership, classes and styles; splits labels into lines.
pub fn flowchart(doc: &Document) -> (Flowchart, Vec<Diagnostic>) {
    let mut l = Lower::default();
    l.g.direction = doc
        .header
        .as_ref()
        .and_then(|h| h.direction.as_ref())
        .map_or(Direction::TopBottom, |d| d.value);
    if let Some(t) = &doc.config.title {
        let (label, mut d) = to_label(t);
        if t.span.end - t.span.start != t.raw.len() {
            // The YAML value is not a verbatim slice (escapes, folding): point at the title.
            d.iter_mut().for_each(|d| d.span = t.span);
        }
        l.g.title = Some(label);
        l.diags.extend(d);
    }
    l.g.theme = doc.config.theme.clone();
    l.g.theme_variables = doc.config.theme_variables.clone();
    l.g.curve = doc.config.curve.unwrap_or_default();
    l.g.node_spacing = doc.config.node_spacing;
    l.g.rank_spacing = doc.config.rank_spacing;
    l.g.wrapping_width = doc.config.wrapping_width;
    l.markdown_auto_wrap = doc.config.markdown_auto_wrap.unwrap_or(true);
    l.g.max_rank_width = doc.config.max_rank_width;
    l.g.check = doc
        .config
        .flowchart_check
        .as_ref()
        .map(|c| (c.value.clone(), c.span));
    l.collect_clusters(&doc.statements, None);
    l.collect_edge_ids(&doc.statements);
    l.collect_class_defs(&doc.statements);
    l.walk(&doc.statements, None);
    l.finish();
    (l.g, l.diags)
}

#[derive(Default)]
struct Lower<'d> {
    g: Flowchart,
    diags: Vec<Diagnostic>,
    node_index: HashMap<String, usize>,
    cluster_index: HashMap<String, usize>,
    /// The walk meets subgraphs in the same pre-order as `collect_clusters` numbered them.
    next_cluster: usize,
    edge_ids: HashMap<String, ()>,
    edge_index: HashMap<String, usize>,
    auto_edge_ids: edge_ids::AutoEdgeIds,
    class_defs: style::ClassDefs,
    /// Per node: classes applied (with the span where applied) and inline styles.
    node_classes: Vec<Vec<Spanned<String>>>,
    node_styles: Vec<Style>,
    cluster_classes: Vec<Vec<Spanned<String>>>,
    cluster_styles: Vec<Style>,
    edge_classes: Vec<Vec<Spanned<String>>>,
    /// Direct node mentions per cluster, in order.
    mentions: Vec<Vec<usize>>,
    /// Subgraph-id mentions per cluster, in order.
    cluster_mentions: Vec<Vec<usize>>,
    deferred_edge_attrs: Vec<(&'d Spanned<String>, &'d [Attr])>,
    deferred_clicks: Vec<&'d crate::mermaid::syntax::Click>,
    deferred_edge_classes: Vec<(String, Spanned<String>)>,
    link_styles: Vec<&'d LinkStyleStmt>,
    /// `markdownAutoWrap` (mermaid's default: true).
    markdown_auto_wrap: bool,
}

impl<'d> Lower<'d> {
    fn collect_clusters(&mut self, stmts: &'d [Statement], parent: Option<usize>) {
        for s in stmts {
            let Statement::Subgraph(sg) = s else { continue };
            let idx = self.g.clusters.len();
            let id = sg
                .id
                .as_ref()
                .map_or_else(|| format!("subGraph{idx}"), |i| i.value.clone());
            let title = match &sg.title {
                Some(t) => {
                    let (label, d) = to_label_with(t, self.markdown_auto_wrap);
                    self.diags.extend(d);
                    label
                }
                None if sg.id.is_some() => Label::plain(&id),
                None => Label::default(),
            };
            if let Some(&first) = self.cluster_index.get(&id) {
                let span = sg.id.as_ref().map_or(sg.keyword, |i| i.span);
                self.diags.push(
                    Diagnostic::error(codes::DUPLICATE_SUBGRAPH, span, format!("a subgraph with id `{id}` already exists"))
                        .with_hint(format!("`{}` is declared earlier; give each subgraph a unique id (`subgraph id [title]`)", self.g.clusters[first].id)),
                );
            } else {
                self.cluster_index.insert(id.clone(), idx);
            }
            let direction = sg.body.iter().rev().find_map(|s| match s {
                Statement::Direction(d) => Some(d.value),
                _ => None,
            });
            self.g.clusters.push(Cluster {
                id,
                title,
                parent: parent.map(ClusterId::new),
                direction,
                classes: Vec::new(),
                style: Style::default(),
                span: sg.keyword,
            });
            self.cluster_classes.push(Vec::new());
            self.cluster_styles.push(Style::default());
            self.mentions.push(Vec::new());
            self.cluster_mentions.push(Vec::new());
            self.collect_clusters(&sg.body, Some(idx));
        }
    }

    fn collect_class_defs(&mut self, stmts: &'d [Statement]) {
        for s in stmts {
            match s {
                Statement::ClassDef(cd) => self.class_defs.define(cd),
                Statement::Subgraph(sg) => self.collect_class_defs(&sg.body),
                _ => {}
            }
        }
    }

    fn node(&mut self, id: &str, span: Span) -> usize {
        if let Some(&i) = self.node_index.get(id) {
            return i;
        }
        let i = self.g.nodes.len();
        self.g.nodes.push(Node {
            id: id.to_string(),
            label: Label::plain(id),
            shape: Shape::Rect,
            classes: Vec::new(),
            style: Style::default(),
            link: None,
            parent: None,
            span,
        });
        self.node_index.insert(id.to_string(), i);
        self.node_classes.push(Vec::new());
        self.node_styles.push(Style::default());
        i
    }

    fn walk(&mut self, stmts: &'d [Statement], cluster: Option<usize>) {
        for s in stmts {
            match s {
                Statement::Chain(c) => self.chain(c, cluster),
                Statement::Subgraph(sg) => {
                    let idx = self.next_cluster;
                    self.next_cluster += 1;
                    self.walk(&sg.body, Some(idx));
                    // Closing: claim every mentioned node that no earlier-closed subgraph has.
                    for n in std::mem::take(&mut self.mentions[idx]) {
                        if self.g.nodes[n].parent.is_none() {
                            self.g.nodes[n].parent = Some(ClusterId::new(idx));
                        }
                    }
                    for c in std::mem::take(&mut self.cluster_mentions[idx]) {
                        if self.g.clusters[c].parent.is_none() && !self.is_ancestor_or_self(c, idx)
                        {
                            self.g.clusters[c].parent = Some(ClusterId::new(idx));
                        }
                    }
                }
                Statement::Direction(d) => {
                    if cluster.is_none() {
                        self.g.direction = d.value;
                    }
                }
                Statement::ClassDef(_) => {}
                Statement::Class(c) => {
                    for t in &c.targets {
                        for class in &c.classes {
                            self.apply_class(t, class);
                        }
                    }
                }
                Statement::Style(st) => {
                    let props = style::style_of(&st.props);
                    if let Some(&ci) = self.cluster_index.get(&st.target.value) {
                        self.cluster_styles[ci].extend(&props);
                    } else {
                        let n = self.implicit_node(&st.target, "style");
                        self.node_styles[n].extend(&props);
                    }
                }
                Statement::LinkStyle(ls) => self.link_styles.push(ls),
                Statement::Click(c) => self.deferred_clicks.push(c),
                Statement::AccTitle(t) => self.g.acc_title = Some(t.value.clone()),
                Statement::AccDescr(t) => self.g.acc_descr = Some(t.value.clone()),
            }
        }
    }

    /// The node `target` names, created (with a warning, as mermaid creates it silently) if
    /// no statement so far defined it.
    fn implicit_node(&mut self, target: &Spanned<String>, what: &str) -> usize {
        if !self.node_index.contains_key(&target.value) {
            self.diags.push(
                Diagnostic::warning(
                    codes::IMPLICIT_NODE,
                    target.span,
                    format!(
                        "`{what}` names `{}`, which is not defined yet; a node is created",
                        target.value
                    ),
                )
                .with_hint("check the id for a typo, or define the node before styling it"),
            );
        }
        self.node(&target.value, target.span)
    }

    /// Whether cluster `a` is `b` or one of `b`'s ancestors.
    fn is_ancestor_or_self(&self, a: usize, b: usize) -> bool {
        let mut cur = Some(b);
        // Parents form a forest, so this ends; the bound guards against mistakes.
        for _ in 0..=self.g.clusters.len() {
            match cur {
                Some(c) if c == a => return true,
                Some(c) => cur = self.g.clusters[c].parent.map(|p| p.index()),
                None => return false,
            }
        }
        true
    }

    fn apply_class(&mut self, target: &Spanned<String>, class: &Spanned<String>) {
        if let Some(&ci) = self.cluster_index.get(&target.value) {
            self.cluster_classes[ci].push(class.clone());
        } else if let Some(e) = self
            .auto_edge_ids
            .get(&target.value)
            .filter(|_| !self.node_index.contains_key(&target.value))
        {
            self.edge_classes[e].push(class.clone());
        } else if self.edge_ids.contains_key(&target.value) {
            // Edges may be defined after the `class` statement: apply once all exist.
            self.deferred_edge_classes
                .push((target.value.clone(), class.clone()));
        } else {
            let n = self.implicit_node(target, "class");
            self.node_classes[n].push(class.clone());
        }
    }

    fn endpoint(&mut self, r: &'d NodeRef, cluster: Option<usize>) -> Endpoint {
        if let Some(&ci) = self.cluster_index.get(&r.id.value) {
            if r.shape.is_none() {
                for c in &r.classes {
                    self.cluster_classes[ci].push(c.clone());
                }
                if let Some(cur) = cluster {
                    self.cluster_mentions[cur].push(ci);
                }
                return Endpoint::Cluster(ClusterId::new(ci));
            }
        }
        let n = self.node(&r.id.value, r.id.span);
        match &r.shape {
            Some(NodeShape::Bracket { shape, text, .. }) => {
                let (label, d) = to_label_with(text, self.markdown_auto_wrap);
                self.diags.extend(d);
                self.g.nodes[n].shape = *shape;
                self.g.nodes[n].label = label;
            }
            Some(NodeShape::Attrs { attrs, .. }) => {
                let node = &mut self.g.nodes[n];
                attrs::node_attrs(
                    attrs,
                    &mut node.shape,
                    &mut node.label,
                    self.markdown_auto_wrap,
                    &mut self.diags,
                );
            }
            None => {}
        }
        if let Some(NodeShape::Attrs { attrs, .. }) = &r.data {
            let node = &mut self.g.nodes[n];
            attrs::node_attrs(
                attrs,
                &mut node.shape,
                &mut node.label,
                self.markdown_auto_wrap,
                &mut self.diags,
            );
        }
        for c in &r.classes {
            self.node_classes[n].push(c.clone());
        }
        if let Some(ci) = cluster {
            self.mentions[ci].push(n);
        }
        Endpoint::Node(NodeId::new(n))
    }

    fn chain(&mut self, c: &'d Chain, cluster: Option<usize>) {
        if self.edge_reference(c) {
            return;
        }
        let mut prev: Vec<Endpoint> = c.groups[0]
            .iter()
            .map(|r| self.endpoint(r, cluster))
            .collect();
        for (link, group) in c.links.iter().zip(&c.groups[1..]) {
            let next: Vec<Endpoint> = group.iter().map(|r| self.endpoint(r, cluster)).collect();
            if let Some(d) = link_too_big(link, prev.len(), next.len()) {
                self.diags.push(d);
                prev = next;
                continue;
            }
            let label = match &link.label {
                Some(t) => {
                    let (label, d) = to_label_with(t, self.markdown_auto_wrap);
                    self.diags.extend(d);
                    label
                }
                None => Label::default(),
            };
            // mermaid (flowDb.addLink) gives the id to the edge from the group's last node
            // to the next group's first: `A & B e1@--> C & D` names B --> C.
            let (last, head) = (prev.len() - 1, 0);
            for (i, &from) in prev.iter().enumerate() {
                for (j, &to) in next.iter().enumerate() {
                    let mut id = if (i, j) == (last, head) {
                        link.id.as_ref()
                    } else {
                        None
                    };
                    if let Some(given) = id {
                        if self.edge_index.contains_key(&given.value) {
                            id = None;
                            // mermaid (flowDb.addSingleLink) gives the later edge an
                            // automatic id; attributes stay with the first.
                            self.diags.push(
                                Diagnostic::warning(
                                    codes::REUSED_EDGE_ID,
                                    given.span,
                                    format!(
                                        "an edge with id `{}` already exists; this edge gets no id",
                                        given.value
                                    ),
                                )
                                .with_hint("give each edge its own id"),
                            );
                        } else {
                            self.edge_index
                                .insert(given.value.clone(), self.g.edges.len());
                        }
                    }
                    let (a, b) = (self.endpoint_name(from), self.endpoint_name(to));
                    self.auto_edge_ids
                        .record(&a, &b, self.g.edges.len(), id.is_some());
                    self.g.edges.push(Edge {
                        id: id.map(|i| i.value.clone()),
                        from,
                        to,
                        label: label.clone(),
                        stroke: link.stroke,
                        start: link.start,
                        end: link.end,
                        min_len: link.min_len.max(1),
                        style: Style::default(),
                        classes: Vec::new(),
                        curve: None,
                        animation: None,
                        span: link.span,
                    });
                    self.edge_classes.push(Vec::new());
                }
            }
            prev = next;
        }
    }

    fn finish(&mut self) {
        for (id, class) in std::mem::take(&mut self.deferred_edge_classes) {
            if let Some(&e) = self.edge_index.get(&id) {
                self.edge_classes[e].push(class);
            }
        }
        for (id, attrs) in std::mem::take(&mut self.deferred_edge_attrs) {
            if let Some(&e) = self.edge_index.get(&id.value) {
                attrs::edge_attrs(attrs, &mut self.g.edges[e], &mut self.diags);
            }
        }
        for c in std::mem::take(&mut self.deferred_clicks) {
            let Some(&n) = self.node_index.get(&c.target.value) else {
                self.diags.push(
                    Diagnostic::warning(
                        codes::UNKNOWN_CLICK_NODE,
                        c.target.span,
                        format!(
                            "`click` names `{}`, which is not a node; ignored (as mermaid does)",
                            c.target.value
                        ),
                    )
                    .with_hint("check the id for a typo"),
                );
                continue;
            };
            if let ClickAction::Link {
                href,
                tooltip,
                target,
            } = &c.action
            {
                if is_script_url(href) {
                    self.diags.push(
                        Diagnostic::warning(
                            codes::UNSAFE_LINK,
                            c.span,
                            "link dropped: netfig output never runs scripts",
                        )
                        .with_hint("use an http(s) or relative URL"),
                    );
                    continue;
                }
                self.g.nodes[n].link = Some(Link {
                    href: href.clone(),
                    target: target.clone(),
                    tooltip: tooltip.clone(),
                });
            }
        }
        let mut link_default = Style::default();
        let mut link_specific = vec![Style::default(); self.g.edges.len()];
        for ls in std::mem::take(&mut self.link_styles) {
            let props = style::style_of(&ls.props);
            for t in &ls.targets {
                let targets: Vec<usize> = match t.value {
                    crate::mermaid::syntax::LinkTarget::Default => {
                        link_default.extend(&props);
                        if let Some(c) = &ls.interpolate {
                            self.g.curve = c.value;
                        }
                        continue;
                    }
                    crate::mermaid::syntax::LinkTarget::Index(i) if i < self.g.edges.len() => {
                        vec![i]
                    }
                    crate::mermaid::syntax::LinkTarget::Index(i) => {
                        let n = self.g.edges.len();
                        let msg = format!(
                            "`linkStyle {i}`: there are only {n} links (indices 0 to {})",
                            n.saturating_sub(1)
                        );
                        self.diags.push(
                            Diagnostic::error(codes::LINK_INDEX_RANGE, t.span, msg).with_hint(
                                "links are numbered from 0 in the order they appear in the source",
                            ),
                        );
                        continue;
                    }
                };
                for i in targets {
                    link_specific[i].extend(&props);
                    if let Some(c) = &ls.interpolate {
                        self.g.edges[i].curve = Some(c.value);
                    }
                }
            }
        }
        // Resolve styles.
        let default = self.class_defs.get("default").cloned().unwrap_or_default();
        for (i, n) in self.g.nodes.iter_mut().enumerate() {
            let mut s = default.clone();
            for c in &self.node_classes[i] {
                self.class_defs.apply(c, &mut s, &mut self.diags);
                n.classes.push(c.value.clone());
            }
            s.extend(&self.node_styles[i]);
            n.style = s;
        }
        for (i, c) in self.g.clusters.iter_mut().enumerate() {
            let mut s = Style::default();
            for cl in &self.cluster_classes[i] {
                self.class_defs.apply(cl, &mut s, &mut self.diags);
                c.classes.push(cl.value.clone());
            }
            s.extend(&self.cluster_styles[i]);
            c.style = s;
        }
        for (i, e) in self.g.edges.iter_mut().enumerate() {
            let mut s = link_default.clone();
            for cl in &self.edge_classes[i] {
                self.class_defs.apply(cl, &mut s, &mut self.diags);
                e.classes.push(cl.value.clone());
            }
            s.extend(&link_specific[i]);
            e.style = s;
        }
    }
}

/// The most edges one link draws: `A & B --> C & D` makes every pair (mermaid does the same).
const MAX_LINK_EDGES: usize = 1024;

/// Edges one link may draw per node it names (at least 64): a chain of large `&` groups
/// stays within a few edges per byte of source.
const LINK_EDGES_PER_NODE: usize = 8;

/// The most label text (bytes, all copies) one link draws.
const MAX_LINK_LABEL_BYTES: usize = 1 << 20;

/// E-MMD-027 when a link between `&` groups of `from` and `to` nodes would make more edges (or
/// label copies) than it may: 800 `&`-joined ids on each side, 10 KB of source, made 640,000
/// edges and took 50 s; a long label was copied to every edge.
fn link_too_big(link: &crate::mermaid::syntax::Link, from: usize, to: usize) -> Option<Diagnostic> {
    let edges = from.saturating_mul(to);
    let most = (LINK_EDGES_PER_NODE * (from + to)).clamp(64, MAX_LINK_EDGES);
    let label = link.label.as_ref().map_or(0, |t| t.raw.len());
    if edges <= most && edges.saturating_mul(label) <= MAX_LINK_LABEL_BYTES {
        return None;
    }
    let what = if edges > most {
        format!("at most {most}")
    } else {
        format!(
            "with this {label}-byte label, at most {}",
            MAX_LINK_LABEL_BYTES / label
        )
    };
    Some(
        Diagnostic::error(
            codes::TOO_MANY_LINK_EDGES,
            link.span,
            format!("this link makes {edges} edges ({from} × {to} nodes joined with `&`); {what}"),
        )
        .with_hint("split the statement, or join the nodes through a subgraph"),
    )
}
