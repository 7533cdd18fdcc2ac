//! The order things happen in: the diagram's rows top to bottom, a message sent and received
//! on its row, except inside `par` (and `par_over`): every message of the block is sent, and
//! every note in it read, before any of them arrives (RFC 9293 Figures 7 and 13, where the
//! segments cross). Blocks nested in a `par` belong to it. Other blocks (`loop`, `alt`, …) are
//! read as their rows run.

use crate::model::sequence::{BlockKind, Event, Sequence};

/// One step of the simulation; the index is the row in [`Sequence::events`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Step {
    /// The message's sender sends it.
    Send(usize),
    /// The message reaches its receiver (lost messages are skipped later, by their head).
    Arrive(usize),
    /// A note is read.
    Note(usize),
}

/// The steps of `seq`, in time order.
pub(super) fn schedule(seq: &Sequence) -> Vec<Step> {
    let mut out = Vec::with_capacity(seq.events.len() * 2);
    let mut i = 0;
    while i < seq.events.len() {
        match &seq.events[i] {
            Event::Message(_) => {
                out.push(Step::Send(i));
                out.push(Step::Arrive(i));
            }
            Event::Note(_) => out.push(Step::Note(i)),
            Event::BlockStart(b) => {
                let block = &seq.blocks[b.index()];
                if matches!(block.kind, BlockKind::Par | BlockKind::ParOver) && block.end > i {
                    let rows = i + 1..block.end;
                    for j in rows.clone() {
                        match &seq.events[j] {
                            Event::Message(_) => out.push(Step::Send(j)),
                            Event::Note(_) => out.push(Step::Note(j)),
                            _ => {}
                        }
                    }
                    out.extend(
                        rows.filter(|j| matches!(seq.events[*j], Event::Message(_)))
                            .map(Step::Arrive),
                    );
                    i = block.end;
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}
