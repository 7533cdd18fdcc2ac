//! The reference mappings between the built-in layer models, as data: which layer of one model
//! corresponds to which of another, and who says so. Where respected sources differ, each
//! reading is accepted and the data says which source holds it (OSI's Session is part of the
//! Application layer in most textbooks; RFC 1812 §2.2.1 puts session functions in the transport
//! or application protocols, so Session → Transport is accepted too, naming RFC 1812).
//!
//! Two models of the same kind (two OSI hosts side by side) map each layer to its peer.

use super::reference::{Layer, Model};

/// Who holds a correspondence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source {
    /// A stable key (`textbooks`).
    pub key: &'static str,
    /// The citation, as shown in hints.
    pub cite: &'static str,
}

/// Tanenbaum & Wetherall and 谢希仁: the comparison every textbook draws (OSI's top three layers
/// in TCP/IP's Application, Network as Internet, Data Link and Physical as the bottom layer).
pub static TEXTBOOKS: Source = Source {
    key: "textbooks",
    cite: "Tanenbaum & Wetherall, Computer Networks §1.4; 谢希仁《计算机网络》§1.7",
};

/// RFC 1122 §1.1.3: the Internet application layer "essentially combines the functions of the
/// top two layers — Presentation and Application — of the OSI reference model"; IP was the
/// model for OSI's connectionless network protocol.
pub static RFC1122: Source = Source {
    key: "rfc1122",
    cite: "RFC 1122 §1.1.3",
};

/// RFC 1812 §2.2.1: the Internet suite has no session layer; its functions are found in the
/// transport or the application protocols.
pub static RFC1812: Source = Source {
    key: "rfc1812",
    cite: "RFC 1812 §2.2.1",
};

/// 谢希仁《计算机网络》§1.7.3 and Kurose & Ross §1.5.1: the five-layer model is OSI with its top
/// three layers as one, and TCP/IP with its bottom layer split in two.
pub static FIVE_LAYER: Source = Source {
    key: "five-layer",
    cite: "谢希仁《计算机网络》第8版 §1.7.3; Kurose & Ross §1.5.1",
};

/// Two models of one kind: each layer corresponds to its peer.
pub static PEERS: Source = Source {
    key: "peers",
    cite: "the same model on both sides: each layer maps to its peer",
};

/// One accepted correspondence: layer `a` of the first model, layer `b` of the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair {
    /// The key of a layer of the first model.
    pub a: &'static str,
    /// The key of a layer of the second model.
    pub b: &'static str,
    /// Who holds it.
    pub held_by: &'static [&'static Source],
}

/// The accepted correspondences between two models.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mapping {
    /// The first model's key.
    pub a: &'static str,
    /// The second model's key.
    pub b: &'static str,
    /// Every accepted pair.
    pub pairs: &'static [Pair],
}

const fn pair(a: &'static str, b: &'static str, held_by: &'static [&'static Source]) -> Pair {
    Pair { a, b, held_by }
}

/// OSI ↔ TCP/IP, OSI ↔ five-layer, TCP/IP ↔ five-layer.
pub static MAPPINGS: &[Mapping] = &[
    Mapping {
        a: "osi",
        b: "tcpip",
        pairs: &[
            pair("application", "application", &[&TEXTBOOKS, &RFC1122]),
            pair("presentation", "application", &[&TEXTBOOKS, &RFC1122]),
            pair("session", "application", &[&TEXTBOOKS, &RFC1812]),
            pair("session", "transport", &[&RFC1812]),
            pair("transport", "transport", &[&TEXTBOOKS, &RFC1122]),
            pair("network", "internet", &[&TEXTBOOKS, &RFC1122]),
            pair("data-link", "link", &[&TEXTBOOKS]),
            pair("physical", "link", &[&TEXTBOOKS]),
        ],
    },
    Mapping {
        a: "osi",
        b: "five",
        pairs: &[
            pair("application", "application", &[&FIVE_LAYER]),
            pair("presentation", "application", &[&FIVE_LAYER]),
            pair("session", "application", &[&FIVE_LAYER]),
            pair("session", "transport", &[&RFC1812]),
            pair("transport", "transport", &[&FIVE_LAYER]),
            pair("network", "network", &[&FIVE_LAYER]),
            pair("data-link", "data-link", &[&FIVE_LAYER]),
            pair("physical", "physical", &[&FIVE_LAYER]),
        ],
    },
    Mapping {
        a: "tcpip",
        b: "five",
        pairs: &[
            pair("application", "application", &[&FIVE_LAYER]),
            pair("transport", "transport", &[&FIVE_LAYER]),
            pair("internet", "network", &[&FIVE_LAYER]),
            pair("link", "data-link", &[&FIVE_LAYER]),
            pair("link", "physical", &[&FIVE_LAYER]),
        ],
    },
];

/// One layer's counterpart in another model and who holds the correspondence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counterpart {
    /// The layer of the other model.
    pub layer: &'static Layer,
    /// Who holds it.
    pub held_by: Vec<&'static Source>,
}

/// The layers of `to` that layer `layer` of `from` corresponds to (empty if the pair of models
/// has no reference mapping), in `to`'s order.
pub fn counterparts(from: &Model, layer: &str, to: &'static Model) -> Vec<Counterpart> {
    if from.key == to.key {
        return to
            .layer(layer)
            .map(|l| Counterpart {
                layer: l,
                held_by: vec![&PEERS],
            })
            .into_iter()
            .collect();
    }
    let mut out: Vec<Counterpart> = Vec::new();
    for m in MAPPINGS {
        let forward = m.a == from.key && m.b == to.key;
        let backward = m.b == from.key && m.a == to.key;
        if !forward && !backward {
            continue;
        }
        for p in m.pairs {
            let (mine, theirs) = if forward { (p.a, p.b) } else { (p.b, p.a) };
            if mine == layer {
                if let Some(l) = to.layer(theirs) {
                    out.push(Counterpart {
                        layer: l,
                        held_by: p.held_by.to_vec(),
                    });
                }
            }
        }
    }
    out.sort_by_key(|c| to.position(c.layer.key));
    out
}

/// Whether some source maps layer `a` of `from` to layer `b` of `to` (either way round); `None`
/// when the two models have no reference mapping.
pub fn accepts(from: &Model, a: &str, to: &'static Model, b: &str) -> Option<bool> {
    if from.key != to.key && !MAPPINGS.iter().any(|m| covers(m, from.key, to.key)) {
        return None;
    }
    Some(counterparts(from, a, to).iter().any(|c| c.layer.key == b))
}

fn covers(m: &Mapping, x: &str, y: &str) -> bool {
    (m.a == x && m.b == y) || (m.a == y && m.b == x)
}

/// `TCP/IP Transport 传输层 (RFC 1122 §1.1.3; …)` for each counterpart, joined with ` or `.
pub fn describe(to: &Model, counterparts: &[Counterpart]) -> String {
    counterparts
        .iter()
        .map(|c| {
            let cites: Vec<&str> = c.held_by.iter().map(|s| s.cite).collect();
            format!("{} {} ({})", to.name, c.layer.both(), cites.join("; "))
        })
        .collect::<Vec<_>>()
        .join(" or ")
}

#[cfg(test)]
mod tests {
    use super::super::reference::{by_key, FIVE, OSI, TCPIP};
    use super::*;

    #[test]
    fn every_pair_names_layers_of_its_models() {
        for m in MAPPINGS {
            let (a, b) = (by_key(m.a).unwrap(), by_key(m.b).unwrap());
            for p in m.pairs {
                assert!(a.layer(p.a).is_some(), "{}: {}", m.a, p.a);
                assert!(b.layer(p.b).is_some(), "{}: {}", m.b, p.b);
                assert!(!p.held_by.is_empty());
            }
            // Every layer of either model has a counterpart.
            for l in a.layers {
                assert!(!counterparts(a, l.key, b).is_empty(), "{} {}", m.a, l.key);
            }
            for l in b.layers {
                assert!(!counterparts(b, l.key, a).is_empty(), "{} {}", m.b, l.key);
            }
        }
    }

    #[test]
    fn sources_that_differ_are_each_accepted_and_named() {
        assert_eq!(accepts(&OSI, "session", &TCPIP, "application"), Some(true));
        assert_eq!(accepts(&OSI, "session", &TCPIP, "transport"), Some(true));
        assert_eq!(accepts(&TCPIP, "transport", &OSI, "session"), Some(true));
        assert_eq!(accepts(&OSI, "transport", &TCPIP, "internet"), Some(false));
        assert_eq!(accepts(&OSI, "network", &TCPIP, "transport"), Some(false));
        assert_eq!(accepts(&OSI, "physical", &TCPIP, "link"), Some(true));
        assert_eq!(accepts(&TCPIP, "link", &FIVE, "physical"), Some(true));
        assert_eq!(accepts(&OSI, "network", &OSI, "network"), Some(true));
        assert_eq!(accepts(&OSI, "network", &OSI, "transport"), Some(false));
        let session = counterparts(&OSI, "session", &TCPIP);
        assert_eq!(session.len(), 2);
        assert_eq!(session[1].held_by, vec![&RFC1812]);
        assert_eq!(
            describe(&TCPIP, &counterparts(&OSI, "transport", &TCPIP)),
            "TCP/IP Transport 传输层 (Tanenbaum & Wetherall, Computer Networks §1.4; 谢希仁《计算机网络》§1.7; RFC 1122 §1.1.3)"
        );
    }
}
