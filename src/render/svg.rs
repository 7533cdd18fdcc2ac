//! Flowchart geometry → SVG. PLACEHOLDER until the renderer lands.

use super::SvgOptions;
use crate::layout::Layout;
use crate::model::Flowchart;

/// The SVG document for a laid-out flowchart.
pub fn flowchart(_chart: &Flowchart, layout: &Layout, _options: &SvgOptions) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\"></svg>\n",
        layout.width.round(),
        layout.height.round()
    )
}
