//! TCP exchanges: a mermaid sequence diagram whose front matter says `check: tcp`, checked by
//! running every endpoint through the RFC 9293 reference.
//!
//! Every participant is a TCP endpoint and every message between two of them a segment; a
//! message from a participant to itself is commentary. A participant talking to several peers
//! holds one TCB per connection (`connections`). The check consumes the sequence IR
//! ([`Sequence`]); the source text is used only to point findings at the item at fault.
//!
//! * **Segments** ([`segment`]): control bits and numbers in RFC notation
//!   (`<SEQ=100><ACK=301><CTL=SYN,ACK>`), textbook notation (`SYN=1, ACK=1, seq=y, ack=x+1`)
//!   or plain flag names (`SYN, ACK seq=y ack=x+1`). A message with no control bits is data.
//! * **Claims** ([`claims`]): a note naming a TCP state claims it for the endpoints it sits
//!   on.
//! * **Simulation** (`simulate`): each endpoint starts in its first claimed state; without a
//!   claim, the sender of the first SYN starts CLOSED, an endpoint that first receives a SYN
//!   starts LISTEN, any other ESTABLISHED. Sending SYN is `active OPEN` (or `SEND` from
//!   LISTEN), FIN is `CLOSE`, RST is `ABORT` or an answer; SYN,ACK and ACK answer arrivals.
//!   Receiving is a `rcv …` event chosen in one function from the bits and the numbers.
//!   Silent events (`timeout 2MSL`, the user timeout, a CLOSE or ABORT that sends nothing)
//!   happen where a note names them; otherwise they are inferred only where a claim needs
//!   them, out of a state a note showed, at the end of the endpoint's part (a user timeout
//!   only while a segment waits for its ACK); an OPEN is never inferred.
//! * **In flight** (`schedule`): a `par` block's messages are all sent before any arrives;
//!   `-x`/`--x` is a lost segment; a SYN or FIN sent again is a retransmission.
//! * **Numbers** ([`numbers`]): an `ack` must be the sender's RCV.NXT when known; a `seq`
//!   continues the sender's sequence (SYN and FIN take one, data its `len`), a SYN carries
//!   ISS, a retransmission repeats the original; a new symbol stands for an unknown later
//!   number and binds on first use.
//!
//! Findings have the codes of [`codes::tcpx`](crate::diagnostic::codes::tcpx).
//!
//! ```
//! let src = "---\ncheck: tcp\n---\nsequenceDiagram\n    Note over C,S: ESTABLISHED\n    C->>S: FIN\n    Note left of C: TIME_WAIT\n";
//! let (seq, _) = netfig::mermaid::sequence(src).unwrap();
//! let d = netfig::tcp::exchange::check(&seq, src);
//! assert_eq!(d[0].code, "E-TCPX-002");
//! assert!(d[0].message.contains("FIN-WAIT-1"));
//! ```

mod arrive;
pub mod claims;
mod connections;
mod findings;
mod ladder;
pub mod numbers;
mod schedule;
pub mod segment;
mod send;
mod simulate;

use crate::diagnostic::Diagnostic;
use crate::model::sequence::EventIndex;
use crate::model::Sequence;
use crate::tcp::names::{Event, State};

/// How an endpoint entered a state, at the row [`StateStep::at`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// A note claimed it: the endpoint's first state, or one an inferred silent event led to.
    Claim,
    /// Sending the message at that row.
    Sent,
    /// The arrival of the message at that row.
    Arrived,
    /// A silent event a note named (`(2 MSL)`, `(Close)`, …).
    Silent,
}

/// One state an endpoint was in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StateStep {
    /// The state.
    pub state: State,
    /// The row where it was entered (a message, or the note that claimed or needed it).
    pub at: Option<EventIndex>,
    /// How it was entered there.
    pub via: Via,
    /// The silent event netfig inferred to enter it, if any (`timeout 2MSL`, …).
    pub inferred: Option<Event>,
    /// Whether a note claimed it while the endpoint was in it (else netfig inferred it).
    pub claimed: bool,
}

/// One endpoint's run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointTrace {
    /// The participant's id.
    pub participant: String,
    /// Its states in order, the first where it started.
    pub states: Vec<StateStep>,
}

impl EndpointTrace {
    /// The states alone (the RFC figures' columns).
    pub fn columns(&self) -> Vec<State> {
        self.states.iter().map(|s| s.state).collect()
    }
}

/// The outcome of simulating an exchange.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exchange {
    /// Every participant's run, in participant order.
    pub endpoints: Vec<EndpointTrace>,
    /// Every finding, in source order.
    pub diagnostics: Vec<Diagnostic>,
    /// Per finding: the participant a claim it contradicts is about (a note over two
    /// endpoints may be wrong for either); `None` for findings on segments.
    pub about: Vec<Option<usize>>,
    /// The messages whose `ack` was checked against a known RCV.NXT.
    pub checked_acks: Vec<EventIndex>,
}

/// Runs the exchange drawn in `seq` (read from `source`).
pub fn simulate(seq: &Sequence, source: &str) -> Exchange {
    simulate::run(seq, source)
}

/// The ladder of the exchange `x` (simulated from `seq`), drawn from `shown` (the same
/// diagram, its labels reduced to `lang`), with `findings` (the graded findings to mark on it;
/// spans are byte ranges of the source). Inferred states are named in `lang`: Chinese names
/// for `zh`, RFC names for `en`, both for `both` when the diagram has Chinese text.
pub fn ladder(
    seq: &Sequence,
    (shown, lang): (&Sequence, crate::model::LangChoice),
    x: &Exchange,
    findings: &[Diagnostic],
) -> crate::model::ladder::Ladder {
    ladder::build(seq, (shown, lang), x, findings)
}

/// Every finding of the exchange drawn in `seq` (read from `source`), in source order.
pub fn check(seq: &Sequence, source: &str) -> Vec<Diagnostic> {
    simulate::run(seq, source).diagnostics
}
