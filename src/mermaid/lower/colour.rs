//! A `box` line's colour and title, read as mermaid's `parseBoxData` reads them: a leading
//! `rgb(…)`/`rgba(…)`/`hsl(…)`/`hsla(…)` or word is the colour if CSS knows it as one;
//! otherwise the whole line is the title and the box has no fill.

/// `(fill, title)` of a `box` line: the fill as written (`None` for none or `transparent`),
/// and the title's byte range in `raw` (`None` if there is no title).
pub(super) fn box_header(raw: &str) -> (Option<String>, Option<(usize, usize)>) {
    let colour_end = functional_end(raw).unwrap_or_else(|| {
        raw.bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
            .count()
    });
    let colour = &raw[..colour_end];
    let (fill, title_from) = if is_css_colour(colour) {
        let fill = (!colour.eq_ignore_ascii_case("transparent")).then(|| colour.to_string());
        (fill, colour_end)
    } else {
        (None, 0)
    };
    let rest = &raw[title_from..];
    let lead = rest.len() - rest.trim_start().len();
    let start = title_from + lead;
    let end = start + rest.trim().len();
    (fill, (end > start).then_some((start, end)))
}

/// The end of a leading `rgb(…)`, `rgba(…)`, `hsl(…)` or `hsla(…)`: at the last `)` of the
/// line, as mermaid's greedy pattern takes it.
fn functional_end(raw: &str) -> Option<usize> {
    let name_len = ["rgba", "rgb", "hsla", "hsl"]
        .iter()
        .find(|f| raw.starts_with(*f))?
        .len();
    let after = raw[name_len..].trim_start();
    if !after.starts_with('(') {
        return None;
    }
    raw.rfind(')').map(|i| i + 1)
}

/// Whether `s` is a colour CSS accepts: a named colour, `transparent`, or a functional
/// `rgb`/`rgba`/`hsl`/`hsla` with numbers inside.
pub(super) fn is_css_colour(s: &str) -> bool {
    if let Some(open) = s.find('(') {
        let Some(inner) = s.strip_suffix(')').and_then(|t| t.get(open + 1..)) else {
            return false;
        };
        return !inner.trim().is_empty()
            && inner.chars().all(|c| {
                c.is_ascii_digit() || " ,./%-+".contains(c) || c == 'e' || c == 'd' || c == 'g'
            });
    }
    let lower = s.to_ascii_lowercase();
    NAMED.binary_search(&lower.as_str()).is_ok()
}

/// CSS named colours (CSS Color Module Level 4), sorted, with `transparent`.
const NAMED: &[&str] = &[
    "aliceblue",
    "antiquewhite",
    "aqua",
    "aquamarine",
    "azure",
    "beige",
    "bisque",
    "black",
    "blanchedalmond",
    "blue",
    "blueviolet",
    "brown",
    "burlywood",
    "cadetblue",
    "chartreuse",
    "chocolate",
    "coral",
    "cornflowerblue",
    "cornsilk",
    "crimson",
    "cyan",
    "darkblue",
    "darkcyan",
    "darkgoldenrod",
    "darkgray",
    "darkgreen",
    "darkgrey",
    "darkkhaki",
    "darkmagenta",
    "darkolivegreen",
    "darkorange",
    "darkorchid",
    "darkred",
    "darksalmon",
    "darkseagreen",
    "darkslateblue",
    "darkslategray",
    "darkslategrey",
    "darkturquoise",
    "darkviolet",
    "deeppink",
    "deepskyblue",
    "dimgray",
    "dimgrey",
    "dodgerblue",
    "firebrick",
    "floralwhite",
    "forestgreen",
    "fuchsia",
    "gainsboro",
    "ghostwhite",
    "gold",
    "goldenrod",
    "gray",
    "green",
    "greenyellow",
    "grey",
    "honeydew",
    "hotpink",
    "indianred",
    "indigo",
    "ivory",
    "khaki",
    "lavender",
    "lavenderblush",
    "lawngreen",
    "lemonchiffon",
    "lightblue",
    "lightcoral",
    "lightcyan",
    "lightgoldenrodyellow",
    "lightgray",
    "lightgreen",
    "lightgrey",
    "lightpink",
    "lightsalmon",
    "lightseagreen",
    "lightskyblue",
    "lightslategray",
    "lightslategrey",
    "lightsteelblue",
    "lightyellow",
    "lime",
    "limegreen",
    "linen",
    "magenta",
    "maroon",
    "mediumaquamarine",
    "mediumblue",
    "mediumorchid",
    "mediumpurple",
    "mediumseagreen",
    "mediumslateblue",
    "mediumspringgreen",
    "mediumturquoise",
    "mediumvioletred",
    "midnightblue",
    "mintcream",
    "mistyrose",
    "moccasin",
    "navajowhite",
    "navy",
    "oldlace",
    "olive",
    "olivedrab",
    "orange",
    "orangered",
    "orchid",
    "palegoldenrod",
    "palegreen",
    "paleturquoise",
    "palevioletred",
    "papayawhip",
    "peachpuff",
    "peru",
    "pink",
    "plum",
    "powderblue",
    "purple",
    "rebeccapurple",
    "red",
    "rosybrown",
    "royalblue",
    "saddlebrown",
    "salmon",
    "sandybrown",
    "seagreen",
    "seashell",
    "sienna",
    "silver",
    "skyblue",
    "slateblue",
    "slategray",
    "slategrey",
    "snow",
    "springgreen",
    "steelblue",
    "tan",
    "teal",
    "thistle",
    "tomato",
    "transparent",
    "turquoise",
    "violet",
    "wheat",
    "white",
    "whitesmoke",
    "yellow",
    "yellowgreen",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_colours_are_sorted_for_the_binary_search() {
        assert!(NAMED.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn colour_first_then_title_as_mermaid_reads_them() {
        let title = |raw: &str| {
            let (fill, t) = box_header(raw);
            (fill, t.map(|(a, b)| raw[a..b].to_string()))
        };
        assert_eq!(
            title("Purple Alice & John"),
            (Some("Purple".into()), Some("Alice & John".into()))
        );
        assert_eq!(title("Another Group"), (None, Some("Another Group".into())));
        assert_eq!(title("Aqua"), (Some("Aqua".into()), None));
        assert_eq!(title("transparent Aqua"), (None, Some("Aqua".into())));
        assert_eq!(
            title("rgb(33, 66, 99) Team"),
            (Some("rgb(33, 66, 99)".into()), Some("Team".into()))
        );
        assert_eq!(
            title("rgba(33,66,99,0.5)"),
            (Some("rgba(33,66,99,0.5)".into()), None)
        );
        assert_eq!(title(""), (None, None));
        assert_eq!(title("数据中心"), (None, Some("数据中心".into())));
        // An unclosed or empty function is no colour (`rgb(` once panicked).
        assert!(!is_css_colour("rgb("));
        assert!(!is_css_colour("rgb()"));
        assert!(!is_css_colour("rgb)"));
    }
}
