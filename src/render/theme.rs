//! Colours: a palette per theme, overridable by the diagram's `themeVariables`, written as an
//! embedded stylesheet whose every colour is a `--netfig-*` CSS variable with the palette's
//! literal as fallback.
//!
//! Pages (the mdBook integration) restyle diagrams by setting the variables; without them the
//! literal fallbacks apply. The PNG path resolves `var(…, fallback)` to the fallback before
//! handing the SVG to resvg (see [`crate::render::png`]).

use crate::model::Flowchart;
use crate::model::Theme;

/// The CSS custom properties a page may set, in stylesheet order, with what they colour.
pub const VARIABLES: [(&str, &str); 11] = [
    ("--netfig-node-fill", "node background"),
    (
        "--netfig-node-stroke",
        "node border, inner lines, solid marks",
    ),
    ("--netfig-node-text", "node label text"),
    ("--netfig-edge-stroke", "edge lines and arrowheads"),
    ("--netfig-edge-label-bg", "edge label background"),
    ("--netfig-edge-label-text", "edge label text"),
    ("--netfig-cluster-fill", "subgraph background"),
    ("--netfig-cluster-stroke", "subgraph border"),
    ("--netfig-cluster-text", "subgraph title text"),
    ("--netfig-title-text", "diagram title text"),
    ("--netfig-font-family", "font stack of all text"),
];

/// Literal values behind the variables.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Palette {
    /// One value per entry of [`VARIABLES`], same order.
    pub(crate) values: [String; 11],
    /// The label font size, px (not a variable: boxes are sized for it).
    pub(crate) font_size: f64,
}

const LIGHT: [&str; 10] = [
    "#ececff", "#9370db", "#333333", "#333333", "#e8e8e8", "#333333", "#ffffde", "#aaaa33",
    "#333333", "#333333",
];
const DARK: [&str; 10] = [
    "#1f2020", "#81b1db", "#dddddd", "#cccccc", "#585858", "#eeeeee", "#2b2b36", "#6b6b7b",
    "#eeeeee", "#eeeeee",
];
const FOREST: [&str; 10] = [
    "#cde498", "#13540c", "#000000", "#008000", "#e8e8e8", "#333333", "#cdffb2", "#6eaa49",
    "#333333", "#333333",
];
const NEUTRAL: [&str; 10] = [
    "#eeeeee", "#999999", "#333333", "#666666", "#ffffff", "#333333", "#f4f4f4", "#999999",
    "#333333", "#333333",
];

/// Index of a variable in [`VARIABLES`].
pub(crate) fn index(name: &str) -> usize {
    VARIABLES.iter().position(|(n, _)| *n == name).unwrap_or(0)
}

/// The palette for `theme`, switched by the diagram's own `theme` (`dark`, `forest`,
/// `neutral`), then overridden by its theme variables. `font_size` is the label size in px.
pub(crate) fn palette(theme: Theme, chart: &Flowchart, font_size: f64) -> Palette {
    palette_for(
        theme,
        chart.theme.as_deref(),
        &chart.theme_variables,
        font_size,
    )
}

/// The palette for `theme`, switched by a diagram's own theme name, then overridden by its
/// theme variables (flowchart and sequence-diagram names alike). `font_size` is the label
/// size in px.
pub(crate) fn palette_for(
    theme: Theme,
    diagram_theme: Option<&str>,
    variables: &[(String, String)],
    font_size: f64,
) -> Palette {
    let base = match (diagram_theme.map(str::to_ascii_lowercase), theme) {
        (Some(t), _) if t == "dark" => DARK,
        (_, Theme::Dark) => DARK,
        (Some(t), _) if t == "forest" => FOREST,
        (Some(t), _) if t == "neutral" => NEUTRAL,
        _ => LIGHT,
    };
    let mut values: [String; 11] = Default::default();
    for (v, b) in values.iter_mut().zip(base) {
        *v = b.to_string();
    }
    values[10] = crate::text::FONT_FAMILY.to_string();
    let mut set = |name: &str, value: &str| values[index(name)] = value.to_string();
    for (key, raw) in variables {
        let Some(value) = clean(raw, key == "fontFamily") else {
            continue;
        };
        match key.as_str() {
            "primaryColor" | "mainBkg" => set("--netfig-node-fill", &value),
            "primaryBorderColor" | "nodeBorder" => set("--netfig-node-stroke", &value),
            "primaryTextColor" | "nodeTextColor" => set("--netfig-node-text", &value),
            "lineColor" => set("--netfig-edge-stroke", &value),
            "edgeLabelBackground" => set("--netfig-edge-label-bg", &value),
            "clusterBkg" => set("--netfig-cluster-fill", &value),
            "clusterBorder" => set("--netfig-cluster-stroke", &value),
            "textColor" => {
                set("--netfig-edge-label-text", &value);
                set("--netfig-cluster-text", &value);
                set("--netfig-title-text", &value);
            }
            "titleColor" => {
                set("--netfig-cluster-text", &value);
                set("--netfig-title-text", &value);
            }
            "fontFamily" => set("--netfig-font-family", &value),
            // Sequence diagrams' names.
            "actorBkg" => set("--netfig-node-fill", &value),
            "actorBorder" => set("--netfig-node-stroke", &value),
            "actorTextColor" => set("--netfig-node-text", &value),
            "signalColor" => set("--netfig-edge-stroke", &value),
            "signalTextColor" => set("--netfig-edge-label-text", &value),
            "noteBkgColor" => set("--netfig-cluster-fill", &value),
            "noteBorderColor" => set("--netfig-cluster-stroke", &value),
            "noteTextColor" => set("--netfig-cluster-text", &value),
            _ => {}
        }
    }
    Palette { values, font_size }
}

/// A theme value safe inside a CSS declaration: colour-ish characters only (quotes too for a
/// font family, double ones turned single), no `var()`, ≤ 200 bytes.
pub(crate) fn clean(raw: &str, font: bool) -> Option<String> {
    let v = raw.trim();
    let ok = |c: char| {
        c.is_ascii_alphanumeric()
            || matches!(c, '#' | '%' | '.' | ',' | '(' | ')' | ' ' | '-' | '_')
            || (font && matches!(c, '\'' | '"'))
    };
    if v.is_empty() || v.len() > 200 || !v.chars().all(ok) || v.contains("var(") {
        return None;
    }
    if v.matches('(').count() != v.matches(')').count() {
        return None;
    }
    Some(v.replace('"', "'"))
}

/// `var(--name,fallback)` for variable `i`.
fn var(p: &Palette, i: usize) -> String {
    format!("var({},{})", VARIABLES[i].0, p.values[i])
}

/// `var(--name,fallback)` for the variable called `name` (one of [`VARIABLES`]).
pub(crate) fn var_named(p: &Palette, name: &str) -> String {
    var(p, index(name))
}

/// The embedded stylesheet, every rule scoped to `#prefix`.
pub(crate) fn stylesheet(prefix: &str, p: &Palette) -> String {
    let v = |name: &str| var(p, index(name));
    let s = format!("#{prefix}");
    let rules = [
        format!(
            "{s}{{font-family:{};font-size:{}px}}",
            v("--netfig-font-family"),
            super::svg::writer::num(p.font_size)
        ),
        format!(
            "{s} .node .shape{{fill:{};stroke:{};stroke-width:1px}}",
            v("--netfig-node-fill"),
            v("--netfig-node-stroke")
        ),
        format!("{s} .node .fill-only{{stroke:none}}"),
        format!("{s} .node .hidden{{fill:none;stroke:none}}"),
        format!(
            "{s} .node .shape-line{{fill:none;stroke:{};stroke-width:1px}}",
            v("--netfig-node-stroke")
        ),
        format!(
            "{s} .node .shape-solid{{fill:{};stroke:none}}",
            v("--netfig-node-stroke")
        ),
        format!("{s} .node .label{{fill:{}}}", v("--netfig-node-text")),
        format!(
            "{s} .edge .line{{fill:none;stroke:{};stroke-width:2px}}",
            v("--netfig-edge-stroke")
        ),
        format!("{s} .edge .thick{{stroke-width:3.5px}}"),
        format!("{s} .edge .dotted{{stroke-dasharray:3}}"),
        format!("{s} .edge .invisible{{stroke:none}}"),
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
        format!(
            "{s} .cluster .shape{{fill:{};stroke:{};stroke-width:1px}}",
            v("--netfig-cluster-fill"),
            v("--netfig-cluster-stroke")
        ),
        format!("{s} .cluster .label{{fill:{}}}", v("--netfig-cluster-text")),
        format!("{s} .title{{fill:{}}}", v("--netfig-title-text")),
        format!(
            "{s} .netfig-animate{{stroke-dasharray:9,5;stroke-dashoffset:900;animation:{prefix}-dash 25s linear infinite}}"
        ),
        format!("{s} .netfig-animate-slow{{animation-duration:50s}}"),
        format!("@keyframes {prefix}-dash{{to{{stroke-dashoffset:0}}}}"),
    ];
    rules.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(vars: &[(&str, &str)]) -> Flowchart {
        Flowchart {
            theme_variables: vars
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn light_and_dark_differ_only_in_literals() {
        let c = chart(&[]);
        let l = stylesheet("p", &palette(Theme::Light, &c, 16.0));
        let d = stylesheet("p", &palette(Theme::Dark, &c, 16.0));
        assert_ne!(l, d);
        for (name, _) in VARIABLES {
            assert!(l.contains(name) && d.contains(name), "{name}");
        }
        assert!(l.contains("var(--netfig-node-fill,#ececff)"));
        assert!(d.contains("var(--netfig-node-fill,#1f2020)"));
    }

    #[test]
    fn theme_variables_override_fallbacks() {
        let c = chart(&[
            ("primaryColor", "#ff0000"),
            ("lineColor", "rgb(1, 2, 3)"),
            ("clusterBkg", "red;}body{x:y"),
            ("fontFamily", "\"Fira Sans\", sans-serif"),
        ]);
        let css = stylesheet("p", &palette(Theme::Light, &c, 16.0));
        assert!(css.contains("var(--netfig-node-fill,#ff0000)"));
        assert!(css.contains("var(--netfig-edge-stroke,rgb(1, 2, 3))"));
        assert!(css.contains("var(--netfig-cluster-fill,#ffffde)"), "{css}");
        assert!(css.contains("var(--netfig-font-family,'Fira Sans', sans-serif)"));
        assert!(!css.contains("body"));
    }

    #[test]
    fn diagram_theme_selects_palette() {
        let mut c = chart(&[]);
        c.theme = Some("dark".into());
        assert_eq!(palette(Theme::Light, &c, 16.0).values[0], "#1f2020");
        c.theme = Some("forest".into());
        assert_eq!(palette(Theme::Light, &c, 16.0).values[0], "#cde498");
    }
}
