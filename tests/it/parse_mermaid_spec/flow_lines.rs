//! `flow-lines.spec.js`.

use super::*;

#[test]
fn interpolation() {
    let g = ok("graph TD\nA-->B\nlinkStyle default interpolate basis");
    assert_eq!(g.curve, Curve::Basis);
    let g = ok(
        "graph TD\nA-->B\nA-->C\nlinkStyle 0 interpolate basis\nlinkStyle 1 interpolate cardinal",
    );
    assert_eq!(g.edges[0].curve, Some(Curve::Basis));
    assert_eq!(g.edges[1].curve, Some(Curve::Cardinal));
    let g = ok("graph TD\nA-->B\nA-->C\nlinkStyle 0,1 interpolate stepBefore");
    assert!(g.edges.iter().all(|e| e.curve == Some(Curve::StepBefore)));
    let g = ok("graph TD\nA-->B\nlinkStyle default interpolate linear stroke-width:1px;");
    assert_eq!(g.curve, Curve::Linear);
    assert_eq!(g.edges[0].style.get("stroke-width"), Some("1px"));
    let g = ok("graph TD\nA-->B\nA-->C\nlinkStyle 0,1 interpolate basis stroke-width:1px;");
    assert!(g
        .edges
        .iter()
        .all(|e| e.style.get("stroke-width") == Some("1px")));
}

#[test]
fn link_styles_with_two_digit_indices() {
    let body: String = (1..=11).map(|i| format!("A-->B{i}\n")).collect();
    let g = ok(&format!("graph TD\n{body}linkStyle 0,10 stroke-width:1px;"));
    assert_eq!(g.edges[10].style.get("stroke-width"), Some("1px"));
    assert_eq!(g.edges[0].style.get("stroke-width"), Some("1px"));
    assert!(g.edges[5].style.is_empty());
    assert_eq!(
        errors("graph TD\nA-->B\nlinkStyle 1 stroke-width:1px;"),
        ["E-MMD-018"]
    );
}
