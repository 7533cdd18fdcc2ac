//! SVG → PNG through resvg, with the bundled fonts only (no system font scan).
//!
//! Colours: netfig's stylesheet writes every colour as `var(--netfig-…, literal)`, which usvg's
//! CSS does not resolve. [`resolve_vars`] replaces each `var()` by its fallback before parsing,
//! so the PNG gets exactly the literal palette (theme variables from the diagram included).

use resvg::{tiny_skia, usvg};
use std::sync::{Arc, OnceLock};

/// Why a PNG could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PngError {
    /// usvg rejected the SVG.
    #[error("invalid SVG: {0}")]
    Svg(String),
    /// The scaled image is empty or too large.
    #[error("the image would be {0}×{1} px; a PNG has at most {MAX_SIDE} px a side and {MAX_PIXELS} pixels (write SVG, or lower --scale)")]
    Size(u32, u32),
    /// The drawing's nodes alone cover more pixels than an image may have.
    #[error("the image would have more than {0} pixels (its nodes alone cover that much); a PNG has at most {MAX_SIDE} px a side and {MAX_PIXELS} pixels (write SVG, or lower --scale)")]
    Area(u64),
    /// PNG encoding failed.
    #[error("PNG encoding failed: {0}")]
    Encode(String),
}

/// Largest width or height of an image, px.
pub const MAX_SIDE: u32 = 16_384;

/// Most pixels in an image (8192², a 256 MiB pixmap).
pub const MAX_PIXELS: u64 = 67_108_864;

/// The family name of the bundled faces.
const FAMILY: &str = "Noto Sans CJK SC";

/// The font database: the two bundled faces, borrowed from the binary, every generic family
/// mapped to them. Built once.
fn fontdb() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        for data in [crate::text::REGULAR, crate::text::BOLD] {
            db.load_font_source(usvg::fontdb::Source::Binary(Arc::new(data)));
        }
        db.set_sans_serif_family(FAMILY);
        db.set_serif_family(FAMILY);
        db.set_monospace_family(FAMILY);
        db.set_cursive_family(FAMILY);
        db.set_fantasy_family(FAMILY);
        Arc::new(db)
    })
    .clone()
}

/// Renders `svg` at `scale` (1.0 = one pixel per SVG unit) on a transparent background.
pub fn render(svg: &str, scale: f32) -> Result<Vec<u8>, PngError> {
    if !(scale.is_finite() && scale > 0.0) {
        return Err(PngError::Size(0, 0));
    }
    // Refused before usvg reads (and lays out the text of) a drawing too large to rasterise:
    // a 1M-character label took 20 s and 770 MB to reach the size check below.
    if let Some((w, h)) = declared_size(svg) {
        checked_size(
            f64::from(w) * f64::from(scale),
            f64::from(h) * f64::from(scale),
        )?;
    }
    let resolved = resolve_vars(svg);
    let options = usvg::Options {
        font_family: FAMILY.to_string(),
        font_size: crate::text::FONT_SIZE as f32,
        languages: vec!["zh-CN".to_string(), "en".to_string()],
        fontdb: fontdb(),
        ..usvg::Options::default()
    };
    let tree =
        usvg::Tree::from_str(&resolved, &options).map_err(|e| PngError::Svg(e.to_string()))?;
    let size = tree.size();
    let (w, h) = checked_size(
        f64::from(size.width()) * f64::from(scale),
        f64::from(size.height()) * f64::from(scale),
    )?;
    let mut pixmap = tiny_skia::Pixmap::new(w, h).ok_or(PngError::Size(w, h))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| PngError::Encode(e.to_string()))
}

/// Refuses, before layout, a drawing whose nodes (`sizes`, px at scale 1) could not fit in a
/// PNG at `scale`: the drawing is at least as wide and as tall as its largest node, and at least
/// as large as their areas together (nodes never overlap). A 200k-node diagram took 6.7 s and
/// 2.1 GB of layout before its image was refused.
pub fn check_nodes_fit(
    sizes: impl Iterator<Item = crate::geometry::Size>,
    scale: f32,
) -> Result<(), PngError> {
    let s = f64::from(scale);
    let (mut w, mut h, mut area) = (0.0f64, 0.0f64, 0.0f64);
    for size in sizes {
        w = w.max(size.width);
        h = h.max(size.height);
        area += size.width * size.height;
    }
    if w * s > f64::from(MAX_SIDE) || h * s > f64::from(MAX_SIDE) {
        checked_size(w * s, h * s)?;
    }
    let pixels = area * s * s;
    if pixels > MAX_PIXELS as f64 {
        return Err(PngError::Area(MAX_PIXELS));
    }
    Ok(())
}

/// The pixel size of a `w` × `h` image (rounded up), if within [`MAX_SIDE`] and [`MAX_PIXELS`].
fn checked_size(w: f64, h: f64) -> Result<(u32, u32), PngError> {
    let clamp = |v: f64| {
        if v.is_finite() && v > 0.0 {
            v.ceil().min(f64::from(u32::MAX)) as u32
        } else {
            0
        }
    };
    let (w, h) = (clamp(w), clamp(h));
    if w == 0 || h == 0 || w > MAX_SIDE || h > MAX_SIDE || u64::from(w) * u64::from(h) > MAX_PIXELS
    {
        return Err(PngError::Size(w, h));
    }
    Ok((w, h))
}

/// The `width` and `height` the root `<svg>` tag declares (netfig writes both, in px), read
/// without parsing the document.
fn declared_size(svg: &str) -> Option<(f32, f32)> {
    let start = svg.find("<svg")?;
    let tag = &svg[start..start + svg[start..].find('>')?];
    let attr = |name: &str| -> Option<f32> {
        let i = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        tag[i..]
            .split('"')
            .next()?
            .trim_end_matches("px")
            .parse()
            .ok()
    };
    Some((attr("width")?, attr("height")?))
}

/// Replaces every CSS `var(--name, fallback)` by its fallback (recursively; `initial` when
/// there is none), leaving everything else byte-identical.
pub fn resolve_vars(svg: &str) -> String {
    resolve_vars_within(svg, 0)
}

/// How deep fallbacks of fallbacks are followed: netfig writes two levels; a user's style may
/// nest more, but past this the value is `initial` (each level rescans its text, and recursion
/// must stay bounded).
const MAX_VAR_NESTING: usize = 8;

fn resolve_vars_within(svg: &str, nesting: usize) -> String {
    if !svg.contains("var(") {
        return svg.to_string();
    }
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(i) = rest.find("var(") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 4..];
        // Find the matching `)` and the first top-level `,`.
        let (mut depth, mut comma, mut close) = (0usize, None, None);
        for (j, c) in after.char_indices() {
            match c {
                '(' => depth += 1,
                ')' if depth == 0 => {
                    close = Some(j);
                    break;
                }
                ')' => depth -= 1,
                ',' if depth == 0 && comma.is_none() => comma = Some(j),
                _ => {}
            }
        }
        let Some(close) = close else {
            out.push_str(&rest[i..]);
            return out;
        };
        match comma {
            Some(c) if nesting < MAX_VAR_NESTING => out.push_str(&resolve_vars_within(
                after[c + 1..close].trim(),
                nesting + 1,
            )),
            Some(_) => out.push_str("initial"),
            None => out.push_str("initial"),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deeply_nested_fallbacks_stop_at_a_bound() {
        let n = 50_000;
        let deep = format!("a{{fill:{}red{}}}", "var(--x,".repeat(n), ")".repeat(n));
        assert_eq!(resolve_vars(&deep), "a{fill:initial}");
        let shallow = format!("a{{fill:{}red{}}}", "var(--x,".repeat(3), ")".repeat(3));
        assert_eq!(resolve_vars(&shallow), "a{fill:red}");
    }

    #[test]
    fn vars_resolve_to_fallbacks() {
        assert_eq!(
            resolve_vars("a{fill:var(--x,#fff);stroke:var(--y, rgb(1,2,3))}"),
            "a{fill:#fff;stroke:rgb(1,2,3)}"
        );
        assert_eq!(resolve_vars("var(--a,var(--b,red))"), "red");
        assert_eq!(resolve_vars("var(--a)"), "initial");
        assert_eq!(resolve_vars("x var(--a,"), "x var(--a,");
        assert_eq!(resolve_vars("plain"), "plain");
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        assert!(matches!(render("<svg", 1.0), Err(PngError::Svg(_))));
        let tiny = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>";
        assert!(matches!(render(tiny, 0.0), Err(PngError::Size(0, 0))));
        assert!(matches!(render(tiny, 5000.0), Err(PngError::Size(..))));
        assert!(render(tiny, 1.0).is_ok());
    }
}
