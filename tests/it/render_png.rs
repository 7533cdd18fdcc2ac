//! PNG output: real glyphs (Chinese and English) from the bundled fonts, real palette colours
//! (CSS variables resolved to their fallbacks), scale.

use crate::render_support;

use netfig::geometry::Rect;
use netfig::model::Theme;
use netfig::model::*;
use netfig::render::{png, svg};
use render_support::*;
use resvg::tiny_skia::Pixmap;

/// One node labelled `label`, rendered to a pixmap at `scale`; also returns the node box.
fn one_node(label: &str, shape: Shape, theme: Theme, scale: f32) -> (Pixmap, Rect) {
    let mut chart = Flowchart::default();
    chart.nodes.push(node("A", label, shape));
    let l = layout_at(&chart, &[(100.0, 60.0)], &[]);
    let s = svg::flowchart(&chart, &drawn(&chart, &l), &options("p", theme));
    assert_valid(&s);
    let bytes = png::render(&s, scale).expect("PNG renders");
    (Pixmap::decode_png(&bytes).expect("valid PNG"), l.nodes[0])
}

/// Pixels in `r` (scaled) darker than `max` on every channel (premultiplied, opaque).
fn dark_pixels(p: &Pixmap, r: Rect, scale: f64, max: u8) -> usize {
    let mut n = 0;
    for y in (r.y * scale) as u32..(r.bottom() * scale) as u32 {
        for x in (r.x * scale) as u32..(r.right() * scale) as u32 {
            if let Some(c) = p.pixel(x, y) {
                if c.alpha() == 255 && c.red() < max && c.green() < max && c.blue() < max {
                    n += 1;
                }
            }
        }
    }
    n
}

fn label_area(node: Rect) -> Rect {
    Rect::new(
        node.x + 12.0,
        node.y + 8.0,
        node.width - 24.0,
        node.height - 16.0,
    )
}

#[test]
fn chinese_glyphs_are_drawn() {
    let (p, node) = one_node("应用层", Shape::Rect, Theme::Light, 1.0);
    let dark = dark_pixels(&p, label_area(node), 1.0, 120);
    assert!(dark > 60, "only {dark} glyph pixels");
}

#[test]
fn english_glyphs_are_drawn() {
    let (p, node) = one_node("Application Layer", Shape::Rect, Theme::Light, 1.0);
    let dark = dark_pixels(&p, label_area(node), 1.0, 120);
    assert!(dark > 60, "only {dark} glyph pixels");
}

#[test]
fn glyphs_stay_inside_the_box() {
    for label in [
        "应用层 Application",
        "Transmission Control Protocol",
        "WWWWWWWW",
    ] {
        let (p, node) = one_node(label, Shape::Rect, Theme::Light, 1.0);
        let all = dark_pixels(
            &p,
            Rect::new(0.0, 0.0, p.width() as f64, p.height() as f64),
            1.0,
            120,
        );
        let inside = dark_pixels(
            &p,
            Rect::new(
                node.x + 2.0,
                node.y + 2.0,
                node.width - 4.0,
                node.height - 4.0,
            ),
            1.0,
            120,
        );
        assert_eq!(all, inside, "{label}: text outside its box");
    }
}

#[test]
fn default_node_has_the_palette_fill() {
    let (p, node) = one_node("A", Shape::Rect, Theme::Light, 1.0);
    // Inside the box, away from the label and the border.
    let c = p.pixel(node.x as u32 + 4, node.y as u32 + 4).unwrap();
    assert_eq!(
        (c.red(), c.green(), c.blue(), c.alpha()),
        (0xec, 0xec, 0xff, 255)
    );
    // The border: #9370db.
    let b = p.pixel(node.x as u32 + 10, node.y as u32).unwrap();
    assert!(b.red() < 0xd8 && b.green() < 0xd0, "{b:?}");
    let (d, node) = one_node("A", Shape::Rect, Theme::Dark, 1.0);
    let c = d.pixel(node.x as u32 + 4, node.y as u32 + 4).unwrap();
    assert_eq!((c.red(), c.green(), c.blue()), (0x1f, 0x20, 0x20));
}

#[test]
fn theme_variables_reach_the_png() {
    let mut chart = Flowchart::default();
    chart.nodes.push(node("A", "A", Shape::Rect));
    chart.theme_variables = vec![("primaryColor".into(), "#00ff00".into())];
    let l = layout_at(&chart, &[(100.0, 60.0)], &[]);
    let s = svg::flowchart(&chart, &drawn(&chart, &l), &options("p", Theme::Light));
    let p = Pixmap::decode_png(&png::render(&s, 1.0).unwrap()).unwrap();
    let c = p
        .pixel(l.nodes[0].x as u32 + 4, l.nodes[0].y as u32 + 4)
        .unwrap();
    assert_eq!((c.red(), c.green(), c.blue()), (0, 255, 0));
}

#[test]
fn scale_two_doubles_the_size() {
    let (one, _) = one_node("应用层", Shape::Rect, Theme::Light, 1.0);
    let (two, node) = one_node("应用层", Shape::Rect, Theme::Light, 2.0);
    assert_eq!(two.width(), one.width() * 2);
    assert_eq!(two.height(), one.height() * 2);
    assert!(dark_pixels(&two, label_area(node), 2.0, 120) > 200);
}

#[test]
fn edges_and_markers_are_painted() {
    let mut chart = Flowchart::default();
    chart.nodes.push(node("A", "A", Shape::Rect));
    chart.nodes.push(node("B", "B", Shape::Rect));
    chart.edges.push(edge(0, 1));
    let l = layout_at(&chart, &[(100.0, 40.0), (100.0, 200.0)], &[]);
    let s = svg::flowchart(&chart, &drawn(&chart, &l), &options("p", Theme::Light));
    dump("edge", &s);
    let p = Pixmap::decode_png(&png::render(&s, 1.0).unwrap()).unwrap();
    // The line between the boxes is #333333.
    let c = p.pixel(100, 120).unwrap();
    assert!(c.alpha() > 200 && c.red() < 0x60, "{c:?}");
    // The arrowhead just above B is filled, wider than the line.
    let y = l.nodes[1].y as u32 - 7;
    let c = p.pixel(102, y).unwrap();
    assert!(c.alpha() > 200 && c.red() < 0x60, "{c:?}");
}

#[test]
fn start_arrows_point_back_at_the_tail() {
    let mut chart = Flowchart::default();
    chart.nodes.push(node("A", "A", Shape::Rect));
    chart.nodes.push(node("B", "B", Shape::Rect));
    let mut e = edge(0, 1);
    e.start = Marker::Arrow;
    e.curve = Some(Curve::Linear);
    chart.edges.push(e);
    let l = layout_at(&chart, &[(100.0, 40.0), (100.0, 200.0)], &[]);
    let s = svg::flowchart(&chart, &drawn(&chart, &l), &options("p", Theme::Light));
    dump("start-arrow", &s);
    let p = Pixmap::decode_png(&png::render(&s, 1.0).unwrap()).unwrap();
    // Wide just below A (the arrow's base is further down, its tip at A's border).
    let below_a = l.nodes[0].bottom() as u32;
    let wide_near_tip = p.pixel(102, below_a + 1).unwrap();
    let wide_near_base = p.pixel(102, below_a + 8).unwrap();
    assert!(wide_near_base.alpha() > 200, "{wide_near_base:?}");
    assert!(
        wide_near_tip.alpha() < wide_near_base.alpha(),
        "{wide_near_tip:?}"
    );
}
