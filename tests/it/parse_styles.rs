//! Style declarations (`classDef`, `style`, `linkStyle`) stay bounded: one declaration per
//! property, at most 32 properties per statement, values of at most 256 characters; every
//! element a class applies to carries its own copy.

use crate::common;

use common::lenient;

#[test]
fn styles_keep_one_declaration_per_property_and_at_most_32_properties() {
    // A `classDef` of 20,000 declarations given to 2,000 nodes took 4 GB: every node kept a
    // copy of all of them, though only the last of each property is ever read.
    let decls: Vec<String> = (0..2_000)
        .map(|i| format!("stroke-width:{}px,x-{i}:1", i % 9))
        .collect();
    let src = format!(
        "flowchart LR\nA --> B\nclassDef c {}\nclass A,B c\nlinkStyle default {}\nstyle A fill:#111,fill:#222,custom:1",
        decls.join(","),
        decls.join(",")
    );
    let (g, codes) = lenient(&src);
    // Once for the classDef, once for linkStyle: x-31 is the 33rd property.
    assert_eq!(codes, ["W-MMD-007", "W-MMD-007"]);
    let names = |s: &netfig::model::Style| -> Vec<String> {
        s.declarations.iter().map(|(p, _)| p.clone()).collect()
    };
    let mut want: Vec<String> = (0..31).map(|i| format!("x-{i}")).collect();
    want.push("stroke-width".into());
    assert_eq!(names(&g.nodes[1].style), want);
    assert_eq!(names(&g.edges[0].style), want);
    want.extend(["fill".into(), "custom".into()]);
    assert_eq!(names(&g.nodes[0].style), want);
    assert_eq!(g.nodes[0].style.get("stroke-width"), Some("1px"));
    assert_eq!(g.nodes[0].style.get("fill"), Some("#222"));
}

#[test]
fn long_style_values_are_dropped_with_a_warning() {
    // Every node a class applies to carries the value inline: a 300 KB `font-family` given to
    // 2,000 nodes made a 600 MB SVG.
    let long = "a".repeat(257);
    let (g, codes) = lenient(&format!(
        "flowchart LR\nA --> B\nclassDef c font-family:{long},fill:#123\nclass A,B c\nstyle A font-family:x,{long}"
    ));
    assert_eq!(codes, ["W-MMD-007", "W-MMD-007"]);
    assert_eq!(
        g.nodes[0].style.declarations,
        [("fill".to_string(), "#123".to_string())]
    );
    // 256 characters are taken.
    let (g, codes) = lenient(&format!(
        "flowchart LR\nA\nstyle A font-family:{}",
        "b".repeat(256)
    ));
    assert!(codes.is_empty(), "{codes:?}");
    assert_eq!(g.nodes[0].style.get("font-family").map(str::len), Some(256));
}
