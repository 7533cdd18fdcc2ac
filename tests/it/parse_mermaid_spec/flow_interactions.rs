//! `flow-interactions.spec.js`.

use super::*;

#[test]
fn links() {
    for (src, href, tooltip, target) in [
        ("click A \"click.html\"", "click.html", None, None),
        ("click A href \"click.html\"", "click.html", None, None),
        (
            "click A \"click.html\" \"tooltip\"",
            "click.html",
            Some("tooltip"),
            None,
        ),
        (
            "click A href \"click.html\" \"tooltip\"",
            "click.html",
            Some("tooltip"),
            None,
        ),
        (
            "click A \"click.html\" _blank",
            "click.html",
            None,
            Some("_blank"),
        ),
        (
            "click A href \"click.html\" _blank",
            "click.html",
            None,
            Some("_blank"),
        ),
        (
            "click A \"click.html\" \"tooltip\" _blank",
            "click.html",
            Some("tooltip"),
            Some("_blank"),
        ),
        (
            "click A href \"click.html\" \"tooltip\" _self",
            "click.html",
            Some("tooltip"),
            Some("_self"),
        ),
    ] {
        let g = ok(&format!("graph TD\nA-->B\n{src}"));
        let l = node(&g, "A").link.as_ref().expect(src);
        assert_eq!(l.href, href, "{src}");
        assert_eq!(l.tooltip.as_deref(), tooltip, "{src}");
        assert_eq!(l.target.as_deref(), target, "{src}");
    }
}

#[test]
fn callbacks_are_kept_nodes_without_links() {
    for src in [
        "click A callback",
        "click A call callback()",
        "click A call callback(\"test0\", test1, test2)",
        "click A callback \"tooltip\"",
        "click A call callback() \"tooltip\"",
    ] {
        let (g, d) = parse_flowchart(&format!("graph TD\nA-->B\n{src}"));
        assert_eq!(
            d.iter().map(|d| d.code).collect::<Vec<_>>(),
            ["W-MMD-005"],
            "{src}"
        );
        assert!(node(&g, "A").link.is_none());
        assert_eq!(pairs(&g), ["A>B"]);
    }
}
