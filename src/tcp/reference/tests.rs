//! Unit tests of the RFC 9293 reference: counts, uniqueness, each condition, the alternatives
//! and the order of actions.

use super::*;

#[test]
fn counts_by_origin() {
    let count = |o| transitions().iter().filter(|r| r.origin == o).count();
    assert_eq!(count(Figure5), 20);
    assert_eq!(count(EventProcessing), 34);
    assert_eq!(count(Alternative), 14);
}

#[test]
fn from_event_to_is_unique() {
    for (i, a) in transitions().iter().enumerate() {
        for b in &transitions()[i + 1..] {
            assert!(
                (a.from, a.event, a.to) != (b.from, b.event, b.to),
                "{}",
                a.describe()
            );
        }
    }
}

#[test]
fn every_condition_is_used_and_cites_a_section() {
    for c in Condition::ALL {
        assert!(
            transitions().iter().any(|r| r.conditions.contains(&c)),
            "{c:?} is used by no transition"
        );
    }
}

#[test]
fn open_history_decides_syn_received_on_rst_and_syn() {
    let to_listen = find(SynReceived, RcvRst, Listen);
    assert_eq!(
        to_listen[0].conditions,
        [Condition::PassiveOpen, Condition::RstAcceptable]
    );
    let to_closed = find(SynReceived, RcvRst, Closed);
    assert_eq!(
        to_closed[0].conditions,
        [Condition::ActiveOpen, Condition::RstAcceptable]
    );
    assert_eq!(
        find(SynReceived, RcvSyn, Listen)[0].conditions,
        [Condition::PassiveOpen]
    );
    let reset = find(SynReceived, RcvSyn, Closed);
    assert_eq!(reset[0].origin, Alternative);
    assert_eq!(
        reset[0].conditions,
        [Condition::ActiveOpen, Condition::Rfc793Syn]
    );
}

#[test]
fn syn_sent_takes_a_rst_only_if_it_acks_our_syn() {
    let r = find(SynSent, RcvRst, Closed);
    assert_eq!(r[0].conditions, [Condition::RstAcksSyn]);
    assert_eq!(r[0].section, "3.10.7.3");
    assert_eq!(Condition::RstAcksSyn.section(), "3.10.7.3");
    let (section, text) = no_change(SynSent, RcvRst).unwrap();
    assert_eq!(section, "3.10.7.3");
    assert!(text.contains("dropped"), "{text}");
}

#[test]
fn a_fin_in_fin_wait_1_is_told_apart_by_the_ack_of_our_fin() {
    let closing = find(FinWait1, RcvFin, Closing);
    assert_eq!(closing[0].conditions, [Condition::FinNotAcked]);
    assert_eq!(closing[0].origin, Figure5);
    let time_wait = find(FinWait1, RcvFinAckOfFin, TimeWait);
    assert!(time_wait[0].conditions.is_empty());
    assert_eq!(time_wait[0].section, "3.10.7.4 (Figure 5 note 2)");
    // Neither reaches the other's target.
    assert!(find(FinWait1, RcvFin, TimeWait).is_empty());
    assert!(find(FinWait1, RcvFinAckOfFin, Closing).is_empty());
    // Retransmitted FIN in TIME-WAIT: restart 2MSL, shown as a condition.
    let again = find(TimeWait, RcvFin, TimeWait);
    assert_eq!(again[0].conditions, [Condition::RetransmittedFin]);
}

#[test]
fn a_syn_in_time_wait_has_two_permitted_outcomes() {
    let all = all_outcomes(TimeWait, RcvSyn);
    let described: Vec<String> = all.iter().map(|r| r.describe()).collect();
    assert_eq!(
        described,
        [
            "TIME-WAIT --rcv SYN / snd RST, delete TCB--> CLOSED",
            "TIME-WAIT --rcv SYN / snd SYN,ACK--> SYN-RECEIVED",
        ]
    );
    assert!(all.iter().all(|r| r.origin == Alternative));
    assert_eq!(all[0].conditions, [Condition::Rfc793Syn]);
    assert_eq!(all[1].conditions, [Condition::NewSynMay2]);
    assert_eq!(all[1].section, "3.6.1 (MAY-2); 3.10.7.2");
    // Alternatives are not advice: `outcomes` leaves them out, and RFC 5961's challenge
    // ACK (no state change) is in the no-change table.
    assert!(outcomes(TimeWait, RcvSyn).is_empty());
    assert!(no_change(TimeWait, RcvSyn).unwrap().1.contains("RFC 5961"));
}

#[test]
fn rfc_793_resets_on_a_syn_in_every_synchronized_state() {
    for s in [
        Established,
        FinWait1,
        FinWait2,
        CloseWait,
        Closing,
        LastAck,
        TimeWait,
    ] {
        let r = find(s, RcvSyn, Closed);
        assert_eq!(r.len(), 1, "{s:?}");
        assert_eq!(r[0].actions, [SndRst, DeleteTcb], "{s:?}");
        assert_eq!(r[0].conditions, [Condition::Rfc793Syn], "{s:?}");
        assert_eq!(r[0].origin, Alternative, "{s:?}");
        assert!(no_change(s, RcvSyn).is_some(), "{s:?}");
        // An acceptable RST resets all of them (RCV.NXT exactly with RFC 5961).
        let rst = find(s, RcvRst, Closed);
        assert_eq!(rst[0].conditions, [Condition::RstAcceptable], "{s:?}");
        assert!(no_change(s, RcvRst).unwrap().1.contains("challenge ACK"));
    }
}

/// Actions in the RFC's order: a TCB is created before anything is sent and deleted after
/// (3.10.5: "Send a reset segment … Delete the TCB").
#[test]
fn actions_keep_the_rfc_order() {
    for r in transitions() {
        if let Some(i) = r.actions.iter().position(|a| *a == DeleteTcb) {
            assert_eq!(i, r.actions.len() - 1, "{}", r.describe());
        }
        if let Some(i) = r.actions.iter().position(|a| *a == CreateTcb) {
            assert_eq!(i, 0, "{}", r.describe());
        }
    }
    assert_eq!(
        find(Established, Abort, Closed)[0].actions,
        [SndRst, DeleteTcb]
    );
    assert_eq!(
        find(Closed, ActiveOpen, SynSent)[0].actions,
        [CreateTcb, SndSyn]
    );
}

#[test]
fn path_into_time_wait_from_established() {
    let p = shortest_path(Established, TimeWait).unwrap();
    assert_eq!(
        describe_path(&p),
        "ESTABLISHED --CLOSE / snd FIN--> FIN-WAIT-1 --rcv FIN + ACK of FIN / snd ACK--> TIME-WAIT"
    );
    assert!(shortest_path(TimeWait, TimeWait).is_none());
    let into: Vec<State> = entries(TimeWait).iter().map(|r| r.from).collect();
    assert_eq!(into, vec![FinWait2, Closing, FinWait1]);
}
