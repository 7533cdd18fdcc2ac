//! The conditions under which a reference transition applies, as data: each with the RFC 9293
//! section that states it, a sentence for tables and hints, and a short label for diagrams.
//!
//! A transition with several conditions applies when all of them hold. Transitions that differ
//! only in their conditions (SYN-RECEIVED `rcv RST` → LISTEN after a passive OPEN, → CLOSED
//! after an active OPEN) are all in the reference: a definition may list any of them.

use super::names::Glossary;

/// A condition under which a transition of the reference applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Condition {
    /// SYN-RECEIVED was reached from LISTEN (Figure 5 note 1; section 3.10.7.4, second and
    /// fourth steps).
    PassiveOpen,
    /// SYN-RECEIVED was reached from SYN-SENT (section 3.10.7.4, second and fourth steps).
    ActiveOpen,
    /// In SYN-SENT, a RST counts only if its ACK acknowledges our SYN (section 3.10.7.3, first
    /// and second steps); otherwise it is dropped.
    RstAcksSyn,
    /// In a state past SYN-SENT, the RST's sequence number is acceptable: exactly RCV.NXT for
    /// RFC 5961 stacks (another in-window RST gets a challenge ACK, one outside is dropped), in
    /// the window for RFC 793 stacks (section 3.10.7.4, first and second steps).
    RstAcceptable,
    /// In FIN-WAIT-1, the arriving FIN does not acknowledge our FIN (section 3.10.7.4, eighth
    /// step; Figure 13).
    FinNotAcked,
    /// In TIME-WAIT, the FIN is a retransmission; the 2 MSL timeout restarts (section 3.10.7.4,
    /// fifth and eighth steps).
    RetransmittedFin,
    /// A stack without RFC 5961: an in-window SYN in a synchronized state is an error, answered
    /// by a reset (RFC 793's rule, kept in section 3.10.7.4, fourth step). RFC 5961 stacks send a
    /// challenge ACK and stay.
    Rfc793Syn,
    /// MAY-2 (section 3.6.1): a new SYN reopens the connection from TIME-WAIT if the new ISN is
    /// larger than any sequence number of the previous incarnation, returning to TIME-WAIT if the
    /// SYN turns out to be an old duplicate.
    NewSynMay2,
    /// Figure 5 note 3: an endpoint that sends a RST may enter TIME-WAIT instead of CLOSED.
    RstSenderTimeWait,
}

impl Condition {
    /// Every condition, in the order the reference first uses them.
    pub const ALL: [Condition; 9] = [
        Condition::PassiveOpen,
        Condition::ActiveOpen,
        Condition::RstAcksSyn,
        Condition::RstAcceptable,
        Condition::FinNotAcked,
        Condition::RetransmittedFin,
        Condition::Rfc793Syn,
        Condition::NewSynMay2,
        Condition::RstSenderTimeWait,
    ];

    /// A stable identifier for JSON and templates, e.g. `passive-open`.
    pub fn id(self) -> &'static str {
        match self {
            Condition::PassiveOpen => "passive-open",
            Condition::ActiveOpen => "active-open",
            Condition::RstAcksSyn => "rst-acks-syn",
            Condition::RstAcceptable => "rst-acceptable",
            Condition::FinNotAcked => "fin-not-acked",
            Condition::RetransmittedFin => "retransmitted-fin",
            Condition::Rfc793Syn => "rfc793-syn",
            Condition::NewSynMay2 => "may-2",
            Condition::RstSenderTimeWait => "note-3",
        }
    }

    /// The RFC 9293 section that states the condition.
    pub fn section(self) -> &'static str {
        match self {
            Condition::PassiveOpen => "3.3.2 Figure 5 note 1; 3.10.7.4",
            Condition::ActiveOpen => "3.10.7.4",
            Condition::RstAcksSyn => "3.10.7.3",
            Condition::RstAcceptable => "3.10.7.4, second step",
            Condition::FinNotAcked => "3.10.7.4, eighth step",
            Condition::RetransmittedFin => "3.10.7.4, eighth step",
            Condition::Rfc793Syn => "3.10.7.4, fourth step",
            Condition::NewSynMay2 => "3.6.1, MAY-2",
            Condition::RstSenderTimeWait => "3.3.2 Figure 5 note 3",
        }
    }

    /// The condition as a sentence, in English and Chinese (tables, hints, JSON).
    pub fn text(self) -> Glossary {
        let (en, zh) = match self {
            Condition::PassiveOpen => (
                "only after a passive OPEN (SYN-RECEIVED reached from LISTEN)",
                "仅限被动打开之后（从收听状态进入同步收到）",
            ),
            Condition::ActiveOpen => (
                "only after an active OPEN (SYN-RECEIVED reached from SYN-SENT)",
                "仅限主动打开之后（从同步已发送进入同步收到）",
            ),
            Condition::RstAcksSyn => (
                "only if the RST's ACK acknowledges our SYN (SND.UNA < SEG.ACK =< SND.NXT); \
                 otherwise the RST is dropped",
                "仅当 RST 的 ACK 确认了本端的 SYN（SND.UNA < SEG.ACK =< SND.NXT）；否则丢弃该 RST",
            ),
            Condition::RstAcceptable => (
                "only an acceptable RST: SEG.SEQ = RCV.NXT with RFC 5961 (another in-window RST \
                 gets a challenge ACK, one outside the window is dropped), in the window without it \
                 (RFC 793)",
                "仅限可接受的 RST：实现 RFC 5961 时须 SEG.SEQ = RCV.NXT（窗口内的其他 RST 回复挑战 ACK，\
                 窗口外的丢弃）；未实现时在窗口内即可（RFC 793）",
            ),
            Condition::FinNotAcked => (
                "only if our FIN is not acknowledged, not by this segment either",
                "仅当本端的 FIN 尚未被确认（该报文段也未确认）",
            ),
            Condition::RetransmittedFin => (
                "a retransmitted FIN (our last ACK was lost): acknowledge it and restart the 2 MSL \
                 timeout",
                "重传的 FIN（本端最后的 ACK 丢失）：再次确认，并重启 2MSL 计时器",
            ),
            Condition::Rfc793Syn => (
                "only without RFC 5961 (RFC 793's rule): a SYN in the window is an error; RFC 5961 \
                 stacks answer any SYN with a challenge ACK and stay",
                "仅限未实现 RFC 5961（RFC 793 的规则）：窗口内的 SYN 是错误；实现 RFC 5961 时回复挑战 ACK，\
                 状态不变",
            ),
            Condition::NewSynMay2 => (
                "only if the new ISN is larger than any sequence number of the previous \
                 incarnation, returning to TIME-WAIT if the SYN turns out to be an old duplicate",
                "仅当新的初始序号大于旧连接用过的所有序号；若该 SYN 是旧的重复报文段，则回到时间等待",
            ),
            Condition::RstSenderTimeWait => (
                "the RST sender may enter TIME-WAIT instead of CLOSED",
                "发送 RST 的一端可以进入时间等待，而不是关闭",
            ),
        };
        Glossary { en, zh }
    }

    /// A short label for a diagram's edge, in English and Chinese.
    pub fn short(self) -> Glossary {
        let (en, zh) = match self {
            Condition::PassiveOpen => ("after passive OPEN", "被动打开后"),
            Condition::ActiveOpen => ("after active OPEN", "主动打开后"),
            Condition::RstAcksSyn => ("RST acks our SYN", "RST 确认了 SYN"),
            Condition::RstAcceptable => ("acceptable RST", "可接受的 RST"),
            Condition::FinNotAcked => ("our FIN not acked", "本端 FIN 未被确认"),
            Condition::RetransmittedFin => ("restart 2MSL", "重启 2MSL 计时"),
            Condition::Rfc793Syn => ("RFC 793, no RFC 5961", "RFC 793，无 RFC 5961"),
            Condition::NewSynMay2 => ("MAY-2: new SYN", "MAY-2：新的 SYN"),
            Condition::RstSenderTimeWait => ("note 3", "注 3"),
        };
        Glossary { en, zh }
    }

    /// `text (RFC 9293 section)`, in English: how hints and tables cite it.
    pub fn cite(self) -> String {
        format!("{} (RFC 9293 {})", self.text().en, self.section())
    }
}

/// Which handling of a SYN in a synchronized state a definition follows (`follows:`):
/// RFC 5961's challenge ACK or RFC 793's reset (RFC 9293 section 3.10.7.4, fourth step; both
/// are in the RFC). Without `follows:`, either is accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Handling {
    /// RFC 5961: a SYN gets a challenge ACK and the state stays; RFC 793's reset is excluded.
    Rfc5961,
    /// RFC 793: an in-window SYN gets a reset and the connection is closed.
    Rfc793,
}

impl Handling {
    /// The YAML spelling.
    pub fn name(self) -> &'static str {
        match self {
            Handling::Rfc5961 => "rfc5961",
            Handling::Rfc793 => "rfc793",
        }
    }

    /// Parses `rfc5961`, `RFC 5961`, `5961`, `rfc793` … in any case.
    pub fn parse(text: &str) -> Option<Handling> {
        let key: String = text
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .flat_map(|c| c.to_lowercase())
            .collect();
        match key.trim_start_matches("rfc") {
            "5961" => Some(Handling::Rfc5961),
            "793" => Some(Handling::Rfc793),
            _ => None,
        }
    }

    /// Whether a definition that follows this handling excludes transitions under `c`.
    pub fn excludes(self, c: Condition) -> bool {
        self == Handling::Rfc5961 && c == Condition::Rfc793Syn
    }
}

/// The short labels joined, in English (`a; b`) or Chinese (`a；b`); empty for none.
pub fn joined(conditions: &[Condition], zh: bool) -> String {
    conditions
        .iter()
        .map(|c| if zh { c.short().zh } else { c.short().en })
        .collect::<Vec<_>>()
        .join(if zh { "；" } else { "; " })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_distinct_and_every_condition_cites_a_section() {
        let mut ids: Vec<&str> = Condition::ALL.iter().map(|c| c.id()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), Condition::ALL.len());
        for c in Condition::ALL {
            let s = c.section();
            assert!(s.starts_with("3."), "{c:?}: {s}");
            assert!(!c.text().en.is_empty() && !c.text().zh.is_empty());
            assert!(c.cite().contains(s));
        }
    }

    #[test]
    fn handlings_parse_and_rfc5961_excludes_rfc793s_reset() {
        for t in ["rfc5961", "RFC 5961", "5961", "rfc-5961"] {
            assert_eq!(Handling::parse(t), Some(Handling::Rfc5961), "{t}");
        }
        assert_eq!(Handling::parse("RFC793"), Some(Handling::Rfc793));
        assert_eq!(Handling::parse("rfc1337"), None);
        assert!(Handling::Rfc5961.excludes(Condition::Rfc793Syn));
        assert!(!Handling::Rfc793.excludes(Condition::Rfc793Syn));
        assert!(!Handling::Rfc5961.excludes(Condition::NewSynMay2));
    }

    #[test]
    fn the_chinese_texts_keep_protocol_tokens() {
        assert!(Condition::RstAcksSyn.text().zh.contains("SND.UNA"));
        assert!(Condition::Rfc793Syn.text().zh.contains("RFC 5961"));
        let both = [Condition::ActiveOpen, Condition::Rfc793Syn];
        assert_eq!(
            joined(&both, false),
            "after active OPEN; RFC 793, no RFC 5961"
        );
        assert_eq!(joined(&both, true), "主动打开后；RFC 793，无 RFC 5961");
    }
}
