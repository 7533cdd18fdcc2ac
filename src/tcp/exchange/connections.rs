//! Connections: the TCBs of an exchange. A TCP endpoint is one end of one connection, so a
//! participant that exchanges segments with two peers (a proxy, a load balancer between a
//! client and a server) has one TCB for each, simulated apart; a participant with one peer —
//! every RFC figure — has exactly one.
//!
//! A segment belongs to the connection between its sender and receiver. A note on one
//! participant claims the state of the connection it is about: the one with the peer named on
//! the same note (`Note over A,B`), else the one its latest segment so far belongs to, else,
//! before its first segment, the one its first segment will belong to.

use crate::model::sequence::{Event as Row, Sequence};
use std::collections::BTreeMap;

/// One end of a connection: a participant, and the peer it talks to (`None` for a participant
/// that never exchanges a segment).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct End {
    pub(super) participant: usize,
    pub(super) peer: Option<usize>,
}

/// The ends met so far, and where each participant's segments go.
#[derive(Debug, Default)]
pub(super) struct Ends {
    ends: Vec<End>,
    /// Each end's index.
    index: BTreeMap<(usize, Option<usize>), usize>,
    /// Per participant: its ends, in order of first use.
    mine: Vec<Vec<usize>>,
    /// Per participant: the rows of its segments, each with the peer, in row order.
    talks: Vec<Vec<(usize, usize)>>,
    /// Per participant: its peers, each with the rows of the segments between them.
    peers: Vec<BTreeMap<usize, Vec<usize>>>,
}

impl Ends {
    pub(super) fn new(seq: &Sequence) -> Ends {
        let n = seq.participants.len();
        let mut talks = vec![Vec::new(); n];
        let mut peers: Vec<BTreeMap<usize, Vec<usize>>> = vec![BTreeMap::new(); n];
        for (i, row) in seq.events.iter().enumerate() {
            let Row::Message(m) = row else { continue };
            if m.is_self() {
                continue;
            }
            let (a, b) = (m.from.index(), m.to.index());
            for (p, q) in [(a, b), (b, a)] {
                if let (Some(t), Some(known)) = (talks.get_mut(p), peers.get_mut(p)) {
                    t.push((i, q));
                    known.entry(q).or_default().push(i);
                }
            }
        }
        Ends {
            ends: Vec::new(),
            index: BTreeMap::new(),
            mine: vec![Vec::new(); n],
            talks,
            peers,
        }
    }

    /// The index of `participant`'s end towards `peer`, made on first use.
    pub(super) fn end(&mut self, participant: usize, peer: Option<usize>) -> usize {
        if let Some(k) = self.index.get(&(participant, peer)) {
            return *k;
        }
        let k = self.ends.len();
        self.ends.push(End { participant, peer });
        self.index.insert((participant, peer), k);
        if let Some(mine) = self.mine.get_mut(participant) {
            mine.push(k);
        }
        k
    }

    /// The end a note at `row` on participant `p` is about; `with` are the note's other
    /// participants.
    pub(super) fn of_note(&mut self, p: usize, with: &[usize], row: usize) -> usize {
        let peer = self
            .peers
            .get(p)
            .and_then(|known| with.iter().find(|q| known.contains_key(q)).copied());
        if peer.is_some() {
            return self.end(p, peer);
        }
        let talks = self.talks.get(p).map(Vec::as_slice).unwrap_or_default();
        let next = talks.partition_point(|&(r, _)| r <= row);
        let peer = match next {
            0 => talks.first(),
            k => talks.get(k - 1),
        }
        .map(|&(_, q)| q);
        self.end(p, peer)
    }

    pub(super) fn get(&self, e: usize) -> End {
        self.ends[e]
    }

    /// The ends of participant `p` met so far, in order of first use.
    pub(super) fn of_participant(&self, p: usize) -> &[usize] {
        self.mine.get(p).map(Vec::as_slice).unwrap_or_default()
    }

    /// Whether end `e`'s connection has a segment after `row`, and the first such row.
    pub(super) fn next_segment(&self, e: usize, row: usize) -> Option<usize> {
        let End { participant, peer } = self.ends[e];
        let peer = peer?;
        let rows = self.peers.get(participant)?.get(&peer)?;
        rows.get(rows.partition_point(|&r| r <= row)).copied()
    }

    /// Whether participant `p` talks to more than one peer (its ends are then named with
    /// their peer).
    pub(super) fn several(&self, p: usize) -> bool {
        self.peers.get(p).is_some_and(|q| q.len() > 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ends(src: &str) -> Ends {
        let (seq, _) = crate::mermaid::sequence(src).expect("parses");
        Ends::new(&seq)
    }

    #[test]
    fn a_note_is_about_the_connection_of_the_latest_segment_or_the_first() {
        // Rows: 0 note, 1 C→P, 2 note, 3 P→S, 4 note, 5 note over P,C.
        let src = "sequenceDiagram\n    participant C\n    participant P\n    participant S\n    Note over P: LISTEN\n    C->>P: SYN\n    Note over P: SYN-RECEIVED\n    P->>S: SYN\n    Note over P: SYN-SENT\n    Note over P,C: SYN-RECEIVED\n";
        let mut e = ends(src);
        let (c, p, s) = (0, 1, 2);
        let before = e.of_note(p, &[p], 0);
        assert_eq!(e.get(before).peer, Some(c), "before any segment: its first");
        assert_eq!(e.of_note(p, &[p], 2), before, "after C→P: to C");
        let to_s = e.of_note(p, &[p], 4);
        assert_eq!(e.get(to_s).peer, Some(s), "after P→S: to S");
        assert_eq!(
            e.of_note(p, &[p, c], 5),
            before,
            "the peer on the note wins"
        );
        assert!(e.several(p) && !e.several(c));
        assert_eq!(e.of_participant(p), &[before, to_s]);
        assert_eq!(e.next_segment(before, 1), None);
        assert_eq!(e.next_segment(to_s, 2), Some(3));
        // A participant that never talks has one end, with no peer.
        let lone = "sequenceDiagram\n    participant A\n    Note over A: LISTEN\n";
        let mut e = ends(lone);
        let a = e.of_note(0, &[0], 0);
        assert_eq!(
            e.get(a),
            End {
                participant: 0,
                peer: None
            }
        );
        assert_eq!(e.next_segment(a, 0), None);
    }
}
