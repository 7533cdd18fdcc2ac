//! The project's own example: the OSI / TCP-IP comparison.

use netfig::mermaid::flowchart as parse_flowchart;
use netfig::model::{Direction, Endpoint, Lang};

#[test]
fn osi_vs_tcpip() {
    let src = include_str!("../../diagrams/osi-vs-tcpip.mmd");
    let (g, d) = parse_flowchart(src);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(g.nodes.len(), 11);
    assert_eq!(g.clusters.len(), 2);
    assert_eq!(g.clusters[0].title.text(), "OSI七层模型（理论标准）");
    assert_eq!(g.clusters[1].title.text(), "TCP/IP四层模型（实际实现）");
    assert_eq!(g.clusters[0].id, "OSI七层模型（理论标准）");
    for c in &g.clusters {
        assert_eq!(c.direction, Some(Direction::LeftRight));
    }
    assert_eq!(g.direction, Direction::TopBottom);
    assert_eq!(g.edges.len(), 7);
    for e in &g.edges {
        assert!(matches!(
            (e.from, e.to),
            (Endpoint::Node(_), Endpoint::Node(_))
        ));
    }
    for n in &g.nodes {
        assert_eq!(n.label.lines.len(), 2, "{}", n.id);
        assert_eq!(n.label.lines[0].lang, Lang::Zh);
        assert_eq!(n.label.lines[1].lang, Lang::En);
        assert_eq!(n.style.get("fill"), Some("#e6f3ff"), "{}", n.id);
        assert_eq!(n.style.get("stroke-width"), Some("2px"));
        assert!(n.parent.is_some());
    }
    assert_eq!(g.nodes[0].label.text(), "应用层\nApplication Layer");
    assert_eq!(g.nodes[7].parent, Some(netfig::model::ClusterId::new(1)));
}

#[test]
fn osi_with_crlf_line_endings() {
    let src = include_str!("../../diagrams/osi-vs-tcpip.mmd").replace('\n', "\r\n");
    let (g, d) = parse_flowchart(&src);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!((g.nodes.len(), g.edges.len(), g.clusters.len()), (11, 7, 2));
    assert_eq!(g.clusters[1].title.text(), "TCP/IP四层模型（实际实现）");
    assert_eq!(
        g.nodes[10].label.text(),
        "网络接口层\nNetwork Interface Layer"
    );
}
