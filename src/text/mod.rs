//! Text metrics from the bundled font (a subset of Noto Sans CJK SC, OFL; see
//! `assets/fonts/OFL.txt`). Widths are real advance widths, CJK included.
//!
//! Headless Chromium uses the installed Noto Sans CJK SC (the same metrics) and resvg uses the
//! bundled faces, so these numbers describe what both draw. Kerning is left out on purpose: it
//! only ever narrows Latin text, so ignoring it errs on the safe (wider) side.

mod breaks;
mod metrics;
mod wrap;

use crate::geometry::Size;
use crate::model::{Label, LabelLine};

pub use metrics::{ascender, descender};
pub use wrap::wrap;

/// Font size of labels, px.
pub const FONT_SIZE: f64 = 16.0;
/// Line height as a multiple of the font size.
pub const LINE_HEIGHT: f64 = 1.5;
/// The font stack named in SVG: the bundled face first, then faces that cover Chinese on
/// Linux, macOS and Windows.
pub const FONT_FAMILY: &str = "'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','PingFang SC','Hiragino Sans GB','Microsoft YaHei',sans-serif";

/// Bundled regular face.
pub static REGULAR: &[u8] = include_bytes!("../../assets/fonts/NetfigSans-Regular.otf");
/// Bundled bold face.
pub static BOLD: &[u8] = include_bytes!("../../assets/fonts/NetfigSans-Bold.otf");

/// Width of `text` at `size` px, from the advance widths of the bundled regular (or bold) face.
/// Characters the subset lacks count 1 em if Han, 0.6 em otherwise; control characters count 0.
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    let em: f64 = text.chars().map(|c| metrics::advance_em(c, bold)).sum();
    em * size
}

/// Width of a styled line (italic runs are measured as regular: there is no italic face, and
/// synthesised slanting does not change advances).
pub fn line_width(line: &LabelLine, size: f64) -> f64 {
    line.runs
        .iter()
        .map(|r| text_width(&r.text, size, r.bold))
        .sum()
}

/// The box a label's text needs (no padding): the widest line by the number of lines times
/// [`LINE_HEIGHT`].
pub fn label_size(label: &Label, size: f64) -> Size {
    let w = label
        .lines
        .iter()
        .map(|l| line_width(l, size))
        .fold(0.0, f64::max);
    Size::new(w, label.lines.len() as f64 * size * LINE_HEIGHT)
}

/// The label size with the safety margin that keeps text inside its shape whatever the
/// browser's shaping does: 4% + 2 px on the width. Layout boxes are built from this.
pub fn safe_label_size(label: &Label, size: f64) -> Size {
    let s = label_size(label, size);
    if s.width <= 0.0 {
        return s;
    }
    Size::new(s.width * 1.04 + 2.0, s.height)
}

/// Baseline of the first line, measured from the top of a line box of height
/// `size * LINE_HEIGHT`: the CSS half-leading model with the face's ascender and descender,
/// so text set this way sits where a browser would put it in HTML.
pub fn first_baseline(size: f64) -> f64 {
    let content = (ascender() + descender()) * size;
    (size * LINE_HEIGHT - content) / 2.0 + ascender() * size
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_is_one_em_and_latin_is_narrower() {
        let han = text_width("应用层", 16.0, false);
        assert!((han - 48.0).abs() < 0.5, "{han}");
        let latin = text_width("Application", 16.0, false);
        assert!(latin > 50.0 && latin < 11.0 * 16.0 * 0.7, "{latin}");
        // Proportional: `i` is narrower than `W`.
        assert!(text_width("i", 16.0, false) < text_width("W", 16.0, false));
    }

    #[test]
    fn bold_is_at_least_as_wide() {
        let r = text_width("Transport Layer", 16.0, false);
        let b = text_width("Transport Layer", 16.0, true);
        assert!(b >= r, "{b} < {r}");
    }

    #[test]
    fn missing_characters_have_fallback_widths() {
        // U+20000 (CJK Ext. B) is Han but outside GB2312; U+1F600 is an emoji.
        assert_eq!(text_width("\u{20000}", 10.0, false), 10.0);
        assert!((text_width("\u{1F600}", 10.0, false) - 6.0).abs() < 1e-9);
        assert_eq!(text_width("\u{7}", 10.0, false), 0.0);
    }

    #[test]
    fn label_size_is_widest_line_by_line_count() {
        let l = Label::plain("应用层\nApplication Layer");
        let s = label_size(&l, FONT_SIZE);
        assert_eq!(s.height, 2.0 * FONT_SIZE * LINE_HEIGHT);
        assert_eq!(s.width, text_width("Application Layer", FONT_SIZE, false));
        let safe = safe_label_size(&l, FONT_SIZE);
        assert!(safe.width > s.width * 1.03 + 2.0);
    }

    #[test]
    fn no_break_space_is_as_wide_as_a_space() {
        // `markdownAutoWrap: false` turns spaces into U+00A0: the measure must not change.
        for bold in [false, true] {
            let (nbsp, sp) = (
                text_width("\u{a0}", 16.0, bold),
                text_width(" ", 16.0, bold),
            );
            assert!((nbsp - sp).abs() < 1e-3, "{nbsp} vs {sp}");
        }
    }

    #[test]
    fn baseline_sits_inside_the_line_box() {
        let b = first_baseline(FONT_SIZE);
        assert!(b > FONT_SIZE * 0.8 && b < FONT_SIZE * LINE_HEIGHT, "{b}");
    }
}
