//! Render: geometry → SVG text, and SVG → PNG through resvg.

pub mod png;
pub mod svg;
pub mod theme;

/// Colour theme of the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Theme {
    /// Dark lines on light ground.
    #[default]
    Light,
    /// Light lines on dark ground.
    Dark,
}

impl std::str::FromStr for Theme {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "light" => Ok(Theme::Light),
            "dark" => Ok(Theme::Dark),
            _ => Err(format!("unknown theme `{s}` (expected light or dark)")),
        }
    }
}

/// Options for SVG output.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SvgOptions {
    /// Colour theme.
    pub theme: Theme,
    /// Prefix of every id in the SVG, unique per diagram on a page.
    pub id_prefix: String,
}
