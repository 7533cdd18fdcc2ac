//! A wireframe SVG of a layout (boxes, cluster rectangles, titles, polylines, label boxes), for
//! looking at what the metrics measure while debugging. Not the product renderer.

use crate::layout::{Layout, LayoutGraph};
use std::fmt::Write;

/// The wireframe SVG of `l`, the layout of `g`.
pub fn wireframe_svg(_g: &LayoutGraph, l: &Layout) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{:.0}\" height=\"{:.0}\" \
         font-size=\"10\"><rect width=\"100%\" height=\"100%\" fill=\"white\"/>",
        l.width, l.height
    );
    for (i, c) in l.clusters.iter().enumerate() {
        let r = c.rect;
        let t = c.title;
        let _ = writeln!(
            s,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#eef\" \
             stroke=\"#99c\"/><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" \
             fill=\"#ccf\"/><text x=\"{:.1}\" y=\"{:.1}\">C{i}</text>",
            r.x,
            r.y,
            r.width,
            r.height,
            t.x,
            t.y,
            t.width,
            t.height,
            t.x + 2.0,
            t.y + 10.0
        );
    }
    for (i, r) in l.nodes.iter().enumerate() {
        let _ = writeln!(
            s,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#ffd\" \
             stroke=\"black\"/><text x=\"{:.1}\" y=\"{:.1}\">{i}</text>",
            r.x,
            r.y,
            r.width,
            r.height,
            r.x + 3.0,
            r.y + 12.0
        );
    }
    for e in &l.edges {
        let pts: Vec<String> = e
            .points
            .iter()
            .map(|p| format!("{:.1},{:.1}", p.x, p.y))
            .collect();
        let _ = writeln!(
            s,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"#c33\"/>",
            pts.join(" ")
        );
        if let Some(p) = e.points.last() {
            let _ = writeln!(
                s,
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"2\" fill=\"#c33\"/>",
                p.x, p.y
            );
        }
        if let Some(r) = e.label {
            let _ = writeln!(
                s,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#dfd\" \
                 stroke=\"#393\"/>",
                r.x, r.y, r.width, r.height
            );
        }
    }
    s.push_str("</svg>\n");
    s
}
