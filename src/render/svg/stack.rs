//! The stack view of a layer diagram → SVG.
//!
//! The same contract as the other kinds (see [`super`]): a standalone `<svg>` with root
//! classes `netfig netfig-stack`, ids prefixed, colours from the shared palette's `--netfig-*`
//! variables with literal fallbacks, `classDef`/`style` declarations inline as on flowchart
//! nodes and subgraphs, no script, no external resource. Structure: the title, marker
//! definitions, `<g class="guides">` (dashed lines across the gaps at the edges of aligned
//! runs), then one `<g class="model" data-id="SUBGRAPH">` per model — its frame
//! (`<rect class="frame">`), its title (`<text class="heading">`), one `<g class="layer"
//! data-id="NODE">` per layer, top first, holding its band (`<rect class="band">`) and then its
//! label — and last one `<g class="mapping" data-from data-to>` per mapping edge (`mapping
//! span` when alignment draws it): a connector's `<path class="line">` with its markers, and
//! its label in a `<g class="edge-label">`. Written as laid out ([`crate::layout::stack`]):
//! nothing is measured or moved here.

use super::label::{self, Part};
use super::writer::{esc, esc_id, num, Doc};
use super::{
    accessible_title, classes, edge_color, edges, endpoint_id, id_prefix, link_open, open_svg,
    rect_el, style_attr, Head, Markers,
};
use crate::layout::stack::StackLayout;
use crate::model::{Flowchart, Marker, Stroke};
use crate::render::theme::{self, var_named, Palette};
use crate::render::{DiagramKind, SvgOptions};

/// The SVG document for the stack view of `chart` laid out as `l` (by
/// [`crate::layout::stack::layout`] for this chart and its layer diagram).
pub fn stack(chart: &Flowchart, l: &StackLayout, options: &SvgOptions) -> String {
    let p = id_prefix(&options.id_prefix);
    let palette = theme::palette(options.theme, chart, l.font_size);
    let title = chart.title.as_ref().filter(|t| !t.is_empty());
    let mut doc = Doc::default();
    open_svg(
        &mut doc,
        &Head {
            prefix: &p,
            kind: DiagramKind::Stack,
            title: match (
                chart.acc_title.as_deref().filter(|t| !t.trim().is_empty()),
                title,
            ) {
                (None, None) => models_title(chart, l),
                (acc, title) => accessible_title(acc, title, DiagramKind::Stack),
            },
            descr: chart.acc_descr.as_deref(),
            size: (l.width, l.height),
            font_size: l.font_size,
            stylesheet: stylesheet(&p, &palette),
        },
    );
    let connectors = l
        .mappings
        .iter()
        .filter(|m| !m.is_span())
        .filter_map(|m| chart.edges.get(m.edge.index()));
    let markers = Markers::of(connectors, &p);
    markers.write_defs(&mut doc);
    if let (Some(_), Some(at)) = (title, &l.title) {
        doc.line(&label::text(at, "title", ""));
    }
    if !l.guides.is_empty() {
        doc.open("<g class=\"guides\">");
        for (a, b) in &l.guides {
            doc.line(&format!(
                "<path class=\"guide\" d=\"M{},{} L{},{}\"/>",
                num(a.x),
                num(a.y),
                num(b.x),
                num(b.y)
            ));
        }
        doc.close("g");
    }
    for m in &l.models {
        let Some(c) = chart.clusters.get(m.cluster.index()) else {
            continue;
        };
        doc.open(&format!(
            "<g class=\"{}\" data-id=\"{}\">",
            classes("model", &c.classes),
            esc_id(&c.id)
        ));
        let st = style_attr(&label::inline(&c.style, Part::Body));
        doc.line(&rect_el("frame", m.frame, &st));
        if let Some(at) = &m.title {
            doc.line(&label::text(
                at,
                "heading",
                &label::text_inline(&c.style, at),
            ));
        }
        for layer in &m.layers {
            let Some(n) = chart.nodes.get(layer.node.index()) else {
                continue;
            };
            doc.open(&format!(
                "<g class=\"{}\" data-id=\"{}\">",
                classes("layer", &n.classes),
                esc_id(&n.id)
            ));
            if let Some(t) = n
                .link
                .as_ref()
                .and_then(|l| l.tooltip.as_ref())
                .filter(|t| !t.trim().is_empty())
            {
                doc.line(&format!("<title>{}</title>", esc(t)));
            }
            let link = n.link.as_ref().and_then(link_open);
            if let Some(a) = &link {
                doc.open(a);
            }
            let st = style_attr(&label::inline(&n.style, Part::Body));
            doc.line(&rect_el("band", layer.band, &st));
            if let Some(at) = &layer.label {
                doc.line(&label::text(at, "label", &label::text_inline(&n.style, at)));
            }
            if link.is_some() {
                doc.close("a");
            }
            doc.close("g");
        }
        doc.close("g");
    }
    for m in &l.mappings {
        let Some(e) = chart.edges.get(m.edge.index()) else {
            continue;
        };
        let edge_id =
            e.id.as_ref()
                .map(|id| format!(" data-edge-id=\"{}\"", esc_id(id)))
                .unwrap_or_default();
        let open = format!(
            "<g class=\"{}\" data-from=\"{}\" data-to=\"{}\"{edge_id}>",
            classes(
                if m.is_span() {
                    "mapping span"
                } else {
                    "mapping"
                },
                &e.classes
            ),
            esc_id(&endpoint_id(chart, e.from)),
            esc_id(&endpoint_id(chart, e.to))
        );
        if m.is_span() && m.label.is_none() {
            doc.line(&format!("{}/>", open.trim_end_matches('>')));
            continue;
        }
        doc.open(&open);
        if !m.is_span() {
            doc.line(&connector(e, &m.connector, &markers));
        }
        if let Some((r, at)) = &m.label {
            doc.open("<g class=\"edge-label\">");
            doc.line(&rect_el("bg", *r, ""));
            doc.line(&label::text(at, "label", &label::text_inline(&e.style, at)));
            doc.close("g");
        }
        doc.close("g");
    }
    doc.close("svg");
    doc.finish()
}

/// The accessible title of a stack view without `title` or `accTitle`: its models' titles
/// on one line (`OSI / TCP/IP`), else the kind's default.
fn models_title(chart: &Flowchart, l: &StackLayout) -> String {
    let titles: Vec<String> = l
        .models
        .iter()
        .filter_map(|m| chart.clusters.get(m.cluster.index()))
        .map(|c| super::one_line(&c.title))
        .filter(|t| !t.trim().is_empty())
        .collect();
    if titles.is_empty() {
        DiagramKind::Stack.default_title().to_string()
    } else {
        titles.join(" / ")
    }
}

/// A connector's `<path>`: its line style, markers and the edge's own stroke.
fn connector(
    e: &crate::model::Edge,
    points: &[crate::geometry::Point],
    markers: &Markers,
) -> String {
    let mut class = String::from("line");
    match e.stroke {
        Stroke::Normal => {}
        Stroke::Thick => class.push_str(" thick"),
        Stroke::Dotted => class.push_str(" dotted"),
        Stroke::Invisible => class.push_str(" invisible"),
    }
    let invisible = e.stroke == Stroke::Invisible;
    let mut extra = String::new();
    let color = edge_color(e);
    for (attr, m) in [("marker-start", e.start), ("marker-end", e.end)] {
        if invisible || m == Marker::None {
            continue;
        }
        if let Some(id) = markers.id(m, &color) {
            extra.push_str(&edges::marker_ref(attr, id));
        }
    }
    let st = if invisible {
        "stroke:none".to_string()
    } else {
        label::inline(&e.style, Part::Line)
    };
    extra.push_str(&style_attr(&st));
    let mut d = String::with_capacity(points.len() * 14);
    for (i, pt) in points.iter().enumerate() {
        d.push_str(if i == 0 { "M" } else { " L" });
        d.push_str(&num(pt.x));
        d.push(',');
        d.push_str(&num(pt.y));
    }
    format!("<path class=\"{class}\" d=\"{d}\"{extra}/>")
}

/// The embedded stylesheet, every rule scoped to `#prefix`: models take the subgraph colours,
/// layers the node colours, connectors and mapping labels the edge colours.
fn stylesheet(prefix: &str, p: &Palette) -> String {
    let v = |name: &str| var_named(p, name);
    let s = format!("#{prefix}");
    [
        format!(
            "{s}{{font-family:{};font-size:{}px}}",
            v("--netfig-font-family"),
            num(p.font_size)
        ),
        format!(
            "{s} .model .frame{{fill:{};stroke:{};stroke-width:1px}}",
            v("--netfig-cluster-fill"),
            v("--netfig-cluster-stroke")
        ),
        format!("{s} .model .heading{{fill:{}}}", v("--netfig-cluster-text")),
        format!(
            "{s} .layer .band{{fill:{};stroke:{};stroke-width:1px}}",
            v("--netfig-node-fill"),
            v("--netfig-node-stroke")
        ),
        format!("{s} .layer .label{{fill:{}}}", v("--netfig-node-text")),
        format!(
            "{s} .guide{{fill:none;stroke:{};stroke-width:1px;stroke-dasharray:4,3}}",
            v("--netfig-edge-stroke")
        ),
        format!(
            "{s} .mapping .line{{fill:none;stroke:{};stroke-width:2px}}",
            v("--netfig-edge-stroke")
        ),
        format!("{s} .mapping .thick{{stroke-width:3.5px}}"),
        format!("{s} .mapping .dotted{{stroke-dasharray:3}}"),
        format!("{s} .mapping .invisible{{stroke:none}}"),
        format!(
            "{s} .marker{{fill:{};stroke:none}}",
            v("--netfig-edge-stroke")
        ),
        format!(
            "{s} .marker-cross{{fill:none;stroke:{};stroke-width:2px}}",
            v("--netfig-edge-stroke")
        ),
        format!(
            "{s} .edge-label .bg{{fill:{};stroke:none}}",
            v("--netfig-edge-label-bg")
        ),
        format!(
            "{s} .edge-label .label{{fill:{}}}",
            v("--netfig-edge-label-text")
        ),
        format!("{s} .title{{fill:{}}}", v("--netfig-title-text")),
    ]
    .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::layers::{LayerDiagram, LayerModel};
    use crate::model::{ClusterId, EdgeId, LangChoice};

    /// Two models of two layers, `A2 --> B2` and `A1 --> B1`, plus what `extra` adds.
    fn svg(extra: &str, lang: LangChoice) -> String {
        let src = format!(
            "flowchart TD\nsubgraph M1 [Model 1 & 2]\nA2[应用层<br>Application]\nA1[Link & Physical]\nend\nsubgraph M2\nB2[Top]\nB1[Bottom]\nend\nA2 --> B2\nA1 --> B1\n{extra}"
        );
        let (chart, d) = crate::mermaid::flowchart(&src);
        assert!(!crate::diagnostic::has_errors(&d), "{d:?}");
        let chart = chart.select_lang(lang);
        let id = |s: &str| chart.node_by_id(s).unwrap();
        let diagram = LayerDiagram {
            models: vec![
                LayerModel {
                    cluster: ClusterId::new(0),
                    layers: vec![id("A2"), id("A1")],
                    written_bottom_up: false,
                    reference: None,
                },
                LayerModel {
                    cluster: ClusterId::new(1),
                    layers: vec![id("B2"), id("B1")],
                    written_bottom_up: false,
                    reference: None,
                },
            ],
            mappings: (0..chart.edges.len()).map(EdgeId::new).collect(),
        };
        let l = crate::layout::stack::layout(&chart, &diagram);
        stack(
            &chart,
            &l,
            &SvgOptions {
                id_prefix: "t".into(),
                ..SvgOptions::default()
            },
        )
    }

    #[test]
    fn models_hold_layers_band_first_then_label() {
        let out = svg("", LangChoice::Both);
        assert!(out.contains("class=\"netfig netfig-stack\""), "{out}");
        assert!(out.contains("<title id=\"t-title\">Model 1 &amp; 2 / M2</title>"));
        let m = out.find("<g class=\"model\" data-id=\"M1\">").unwrap();
        let layer = out[m..].find("<g class=\"layer\" data-id=\"A2\">").unwrap() + m;
        let band = out[layer..].find("<rect class=\"band\"").unwrap();
        let text = out[layer..].find("<text class=\"label\"").unwrap();
        assert!(band < text);
        assert!(out[layer..].find("Application").unwrap() > text);
        // Escaped text; aligned mappings as empty groups; guides drawn.
        assert!(out.contains("Model 1 &amp; 2") && out.contains("Link &amp; Physical"));
        assert!(out.contains("<g class=\"mapping span\" data-from=\"A2\" data-to=\"B2\"/>"));
        assert!(out.contains("<path class=\"guide\""));
        assert!(!out.contains("<script") && !out.contains("<marker"));
    }

    #[test]
    fn languages_select_the_label_lines() {
        let zh = svg("", LangChoice::Zh);
        assert!(zh.contains("应用层") && !zh.contains("Application"));
        let en = svg("", LangChoice::En);
        assert!(!en.contains("应用层") && en.contains("Application"));
    }

    #[test]
    fn styles_carry_over_to_bands_frames_and_connectors() {
        let out = svg(
            "A1 -- also --> B2\nclassDef hot fill:#fde,stroke:#c36,stroke-width:3px,color:#600\nclass A2 hot\nstyle M2 fill:#eef\nlinkStyle 2 stroke:red\n",
            LangChoice::Both,
        );
        assert!(
            out.contains("<g class=\"layer hot\" data-id=\"A2\">"),
            "{out}"
        );
        assert!(out.contains("style=\"fill:#fde;stroke:#c36;stroke-width:3px\""));
        assert!(out.contains("style=\"fill:#600\""));
        assert!(out.contains("<rect class=\"frame\"") && out.contains("style=\"fill:#eef\""));
        // A1 → B1 and A1 → B2 make a many-to-many component: connectors, with a red arrow.
        assert!(out.contains("<g class=\"mapping\" data-from=\"A1\" data-to=\"B2\">"));
        assert!(out.contains("style=\"stroke:red\""), "{out}");
        assert!(out.contains("<marker id=\"t-arrow-1\""), "{out}");
        assert!(out.contains(">also</tspan>"));
    }

    #[test]
    fn dark_theme_changes_only_the_fallbacks() {
        let (chart, _) = crate::mermaid::flowchart("flowchart TD\nsubgraph S\nA\nend\n");
        let l = crate::layout::stack::layout(
            &chart,
            &LayerDiagram {
                models: vec![LayerModel {
                    cluster: ClusterId::new(0),
                    layers: vec![chart.node_by_id("A").unwrap()],
                    written_bottom_up: false,
                    reference: None,
                }],
                mappings: Vec::new(),
            },
        );
        let o = |theme| SvgOptions {
            theme,
            id_prefix: "t".into(),
            ..SvgOptions::default()
        };
        let light = stack(&chart, &l, &o(crate::model::Theme::Light));
        let dark = stack(&chart, &l, &o(crate::model::Theme::Dark));
        assert!(light.contains("var(--netfig-node-fill,#ececff)"));
        assert!(dark.contains("var(--netfig-node-fill,#1f2020)"));
        assert_eq!(light.lines().count(), dark.lines().count());
    }
}
