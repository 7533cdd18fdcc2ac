//! TCP state, event and action names: the RFC 9293 spellings, the aliases authors use, and the
//! built-in Chinese glossary (谢希仁《计算机网络》's terms).
//!
//! Matching is forgiving about spelling and strict about meaning: `TIME_WAIT`, `time-wait` and
//! Linux's `TCP_TIME_WAIT` all name TIME-WAIT; `SYN-ACK`, `SYN/ACK` and `SYN+ACK` all name the
//! SYN,ACK segment. For CLOSING, which the textbook does not name, the glossary uses 正在关闭
//! ("closing"): like 终止等待 and 关闭等待 it names what the state is (both FINs sent, waiting for
//! the ACK of ours), where 同时关闭 ("simultaneous close", still accepted) names the scenario that
//! leads to it. The event CLOSE is 调用关闭 ("the user calls close"), so that it never reads like
//! the state CLOSED (关闭) on the same diagram; 关闭 is still accepted for it in definitions.

/// A TCP connection state (RFC 9293 section 3.3.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum State {
    /// CLOSED (fictional: no TCB).
    Closed,
    /// LISTEN.
    Listen,
    /// SYN-SENT.
    SynSent,
    /// SYN-RECEIVED.
    SynReceived,
    /// ESTABLISHED.
    Established,
    /// FIN-WAIT-1.
    FinWait1,
    /// FIN-WAIT-2.
    FinWait2,
    /// CLOSE-WAIT.
    CloseWait,
    /// CLOSING.
    Closing,
    /// LAST-ACK.
    LastAck,
    /// TIME-WAIT.
    TimeWait,
}

/// Something that makes a connection change state: a user call, an arriving segment, a timeout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Event {
    /// `passive OPEN`.
    PassiveOpen,
    /// `active OPEN`.
    ActiveOpen,
    /// `SEND`.
    Send,
    /// `CLOSE`.
    Close,
    /// `ABORT`.
    Abort,
    /// `rcv SYN`.
    RcvSyn,
    /// `rcv SYN,ACK`.
    RcvSynAck,
    /// `rcv ACK of SYN`.
    RcvAckOfSyn,
    /// `rcv FIN`.
    RcvFin,
    /// `rcv ACK of FIN`.
    RcvAckOfFin,
    /// `rcv FIN + ACK of FIN`: a FIN in a segment that also acknowledges our FIN (Figure 5 note
    /// 2). A FIN that does not acknowledge our FIN is `rcv FIN`, whatever flags it carries: after
    /// the handshake nearly every FIN carries ACK (Figure 13's `<CTL=FIN,ACK>` takes FIN-WAIT-1 to
    /// CLOSING). Formerly spelled `rcv FIN,ACK`, still accepted with a warning
    /// ([`Event::deprecated`]).
    RcvFinAckOfFin,
    /// `rcv RST`.
    RcvRst,
    /// `timeout 2MSL` (Figure 5's `Timeout=2MSL`).
    Timeout2Msl,
    /// `user timeout`.
    UserTimeout,
}

/// What a connection does on a transition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Action {
    /// `create TCB`.
    CreateTcb,
    /// `delete TCB`.
    DeleteTcb,
    /// `snd SYN`.
    SndSyn,
    /// `snd SYN,ACK`.
    SndSynAck,
    /// `snd ACK`.
    SndAck,
    /// `snd FIN`.
    SndFin,
    /// `snd RST`.
    SndRst,
}

/// The spelling of "no action" in Figure 5.
pub const NO_ACTION: &str = "x";

/// English (RFC) and Chinese names of one thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glossary {
    /// RFC 9293 spelling.
    pub en: &'static str,
    /// Built-in Chinese name.
    pub zh: &'static str,
}

impl State {
    /// Every state, in Figure 5's reading order.
    pub const ALL: [State; 11] = [
        State::Closed,
        State::Listen,
        State::SynSent,
        State::SynReceived,
        State::Established,
        State::FinWait1,
        State::FinWait2,
        State::CloseWait,
        State::Closing,
        State::LastAck,
        State::TimeWait,
    ];

    /// The RFC 9293 name, e.g. `SYN-RECEIVED`.
    pub fn name(self) -> &'static str {
        self.glossary().en
    }

    /// The built-in English and Chinese names.
    pub fn glossary(self) -> Glossary {
        let (en, zh) = match self {
            State::Closed => ("CLOSED", "关闭"),
            State::Listen => ("LISTEN", "收听"),
            State::SynSent => ("SYN-SENT", "同步已发送"),
            State::SynReceived => ("SYN-RECEIVED", "同步收到"),
            State::Established => ("ESTABLISHED", "已建立连接"),
            State::FinWait1 => ("FIN-WAIT-1", "终止等待1"),
            State::FinWait2 => ("FIN-WAIT-2", "终止等待2"),
            State::CloseWait => ("CLOSE-WAIT", "关闭等待"),
            State::Closing => ("CLOSING", "正在关闭"),
            State::LastAck => ("LAST-ACK", "最后确认"),
            State::TimeWait => ("TIME-WAIT", "时间等待"),
        };
        Glossary { en, zh }
    }

    /// Other spellings, squashed (upper case, letters and digits only).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            State::Closed => &["CLOSED", "TCPCLOSE", "关闭", "已关闭"],
            State::Listen => &["LISTEN", "收听", "监听", "侦听"],
            State::SynSent => &["SYNSENT", "同步已发送"],
            State::SynReceived => &[
                "SYNRECEIVED",
                "SYNRCVD",
                "SYNRECV",
                "SYNRCV",
                "NEWSYNRECV",
                "同步收到",
                "同步已收到",
                "同步已接收",
            ],
            State::Established => &["ESTABLISHED", "ESTAB", "已建立连接", "连接已建立", "已建立"],
            State::FinWait1 => &["FINWAIT1", "终止等待1"],
            State::FinWait2 => &["FINWAIT2", "终止等待2"],
            State::CloseWait => &["CLOSEWAIT", "关闭等待"],
            State::Closing => &["CLOSING", "正在关闭", "同时关闭"],
            State::LastAck => &["LASTACK", "最后确认"],
            State::TimeWait => &["TIMEWAIT", "时间等待"],
        }
    }

    /// Resolves any accepted spelling (`TIME_WAIT`, `time-wait`, `TCP_TIME_WAIT`, 时间等待 …).
    pub fn parse(text: &str) -> Option<State> {
        let key = squash(text);
        let bare = key.strip_prefix("TCP").unwrap_or(&key);
        State::ALL
            .into_iter()
            .find(|s| s.aliases().iter().any(|a| *a == key || *a == bare))
    }

    /// The state whose name is closest to `text`, for did-you-mean hints.
    pub fn suggest(text: &str) -> Option<State> {
        let key = squash(text);
        closest(&key, State::ALL.into_iter().map(|x| (x, x.aliases())))
    }
}

impl Event {
    /// Every event, in the order the reference lists them.
    pub const ALL: [Event; 14] = [
        Event::PassiveOpen,
        Event::ActiveOpen,
        Event::Send,
        Event::Close,
        Event::Abort,
        Event::RcvSyn,
        Event::RcvSynAck,
        Event::RcvAckOfSyn,
        Event::RcvFin,
        Event::RcvAckOfFin,
        Event::RcvFinAckOfFin,
        Event::RcvRst,
        Event::Timeout2Msl,
        Event::UserTimeout,
    ];

    /// Figure 5's spelling, e.g. `rcv ACK of SYN`.
    pub fn name(self) -> &'static str {
        self.glossary().en
    }

    /// The built-in English and Chinese names.
    pub fn glossary(self) -> Glossary {
        let (en, zh) = match self {
            Event::PassiveOpen => ("passive OPEN", "被动打开"),
            Event::ActiveOpen => ("active OPEN", "主动打开"),
            Event::Send => ("SEND", "发送数据"),
            Event::Close => ("CLOSE", "调用关闭"),
            Event::Abort => ("ABORT", "中止"),
            Event::RcvSyn => ("rcv SYN", "收到 SYN"),
            Event::RcvSynAck => ("rcv SYN,ACK", "收到 SYN,ACK"),
            Event::RcvAckOfSyn => ("rcv ACK of SYN", "收到对 SYN 的确认"),
            Event::RcvFin => ("rcv FIN", "收到 FIN"),
            Event::RcvAckOfFin => ("rcv ACK of FIN", "收到对 FIN 的确认"),
            Event::RcvFinAckOfFin => ("rcv FIN + ACK of FIN", "收到 FIN 及对 FIN 的确认"),
            Event::RcvRst => ("rcv RST", "收到 RST"),
            Event::Timeout2Msl => ("timeout 2MSL", "2MSL 超时"),
            Event::UserTimeout => ("user timeout", "用户超时"),
        };
        Glossary { en, zh }
    }

    /// Normalised spellings (see [`words`]).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Event::PassiveOpen => &["passive open", "open passive", "被动打开"],
            Event::ActiveOpen => &["active open", "open active", "主动打开"],
            Event::Send => &["send", "发送数据"],
            Event::Close => &["close", "调用关闭", "关闭"],
            Event::Abort => &["abort", "中止"],
            Event::RcvSyn => &["rcv syn", "收到 syn"],
            Event::RcvSynAck => &["rcv syn ack", "rcv synack", "收到 syn ack"],
            Event::RcvAckOfSyn => &[
                "rcv ack of syn",
                "rcv ack for syn",
                "rcv ack of syn ack",
                "收到对 syn 的确认",
            ],
            Event::RcvFin => &["rcv fin", "收到 fin"],
            Event::RcvAckOfFin => &["rcv ack of fin", "rcv ack for fin", "收到对 fin 的确认"],
            Event::RcvFinAckOfFin => &[
                "rcv fin ack of fin",
                "rcv fin and ack of fin",
                "rcv fin with ack of fin",
                "rcv ack of fin and fin",
                "rcv ack of fin fin",
                "收到 fin 及对 fin 的确认",
                "收到 fin 和对 fin 的确认",
            ],
            Event::RcvRst => &["rcv rst", "收到 rst"],
            Event::Timeout2Msl => &[
                "timeout 2msl",
                "2msl timeout",
                "time wait timeout",
                "2msl 超时",
            ],
            Event::UserTimeout => &["user timeout", "用户超时"],
        }
    }

    /// Resolves any accepted spelling (`rcv SYN-ACK`, `Timeout=2MSL`, `receive FIN` …),
    /// deprecated ones included ([`Event::deprecated`]).
    pub fn parse(text: &str) -> Option<Event> {
        let key = words(text);
        Event::ALL
            .into_iter()
            .find(|e| e.aliases().contains(&key.as_str()))
            .or_else(|| Event::deprecated(text).map(|(e, _)| e))
    }

    /// A deprecated spelling: the event it still means and why it was renamed. `rcv FIN,ACK`
    /// (also `rcv FIN+ACK`, `rcv FIN/ACK`, `rcv FINACK`) named Figure 5 note 2's FIN that
    /// acknowledges our FIN; it keeps that meaning, but the flags say nothing about what is
    /// acknowledged, so the event is now `rcv FIN + ACK of FIN`.
    pub fn deprecated(text: &str) -> Option<(Event, &'static str)> {
        const WHY_FIN_ACK: &str = "after the handshake nearly every FIN carries ACK; what \
            matters is whether it acknowledges our FIN (FIN-WAIT-1 → TIME-WAIT, Figure 5 note 2) \
            or not (`rcv FIN`: FIN-WAIT-1 → CLOSING, Figure 13)";
        match words(text).as_str() {
            "rcv fin ack" | "rcv finack" => Some((Event::RcvFinAckOfFin, WHY_FIN_ACK)),
            _ => None,
        }
    }

    /// The event whose name is closest to `text`, for did-you-mean hints (`recieve` is read as
    /// `rcv` here, never when parsing).
    pub fn suggest(text: &str) -> Option<Event> {
        let key = words(text)
            .replace("recieved", "rcv")
            .replace("recieve", "rcv");
        closest(&key, Event::ALL.into_iter().map(|x| (x, x.aliases())))
    }
}

impl Action {
    /// Every action.
    pub const ALL: [Action; 7] = [
        Action::CreateTcb,
        Action::DeleteTcb,
        Action::SndSyn,
        Action::SndSynAck,
        Action::SndAck,
        Action::SndFin,
        Action::SndRst,
    ];

    /// Figure 5's spelling, e.g. `snd SYN,ACK`.
    pub fn name(self) -> &'static str {
        self.glossary().en
    }

    /// The built-in English and Chinese names.
    pub fn glossary(self) -> Glossary {
        let (en, zh) = match self {
            Action::CreateTcb => ("create TCB", "创建 TCB"),
            Action::DeleteTcb => ("delete TCB", "删除 TCB"),
            Action::SndSyn => ("snd SYN", "发送 SYN"),
            Action::SndSynAck => ("snd SYN,ACK", "发送 SYN,ACK"),
            Action::SndAck => ("snd ACK", "发送 ACK"),
            Action::SndFin => ("snd FIN", "发送 FIN"),
            Action::SndRst => ("snd RST", "发送 RST"),
        };
        Glossary { en, zh }
    }

    fn aliases(self) -> &'static [&'static str] {
        match self {
            Action::CreateTcb => &["create tcb", "创建 tcb"],
            Action::DeleteTcb => &["delete tcb", "删除 tcb"],
            Action::SndSyn => &["snd syn", "发送 syn"],
            Action::SndSynAck => &["snd syn ack", "snd synack", "发送 syn ack"],
            Action::SndAck => &["snd ack", "发送 ack"],
            Action::SndFin => &["snd fin", "发送 fin"],
            Action::SndRst => &["snd rst", "发送 rst"],
        }
    }

    /// Resolves one action: `Some(None)` for no action (`x`, `none`, `no action`, `-`, `—`,
    /// `无`, empty), `None` if unknown.
    pub fn parse(text: &str) -> Option<Option<Action>> {
        let key = words(text);
        if matches!(
            key.as_str(),
            "" | "x" | "none" | "no action" | "无" | "无动作" | "—" | "–"
        ) {
            return Some(None);
        }
        Action::ALL
            .into_iter()
            .find(|a| a.aliases().contains(&key.as_str()))
            .map(Some)
    }

    /// The action whose name is closest to `text`, for did-you-mean hints.
    pub fn suggest(text: &str) -> Option<Action> {
        let key = words(text);
        closest(&key, Action::ALL.into_iter().map(|x| (x, x.aliases())))
    }
}

/// Whether `text` is a bare TCP flag name (`ACK`, `SYN`, …): what is left of `rcv SYN,ACK` after
/// YAML splits it at the comma inside `{ … }` or `[ … ]`.
pub fn is_flag(text: &str) -> bool {
    matches!(
        squash(text).as_str(),
        "ACK" | "SYN" | "FIN" | "RST" | "PSH" | "URG" | "ECE" | "CWR"
    )
}

/// Upper case, letters and digits only: `fin_wait-2` → `FINWAIT2`.
fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Lower case words: punctuation between flags (`SYN,ACK`, `SYN-ACK`, `SYN/ACK`, `SYN+ACK`),
/// `=`, `_`, `:`, brackets and full-width commas become spaces (`Timeout=2MSL`, `OPEN (active)`,
/// `CLOSE()`); `2 MSL`, `2*MSL` and `2×MSL` become `2msl`, `time-out` `timeout`; `receive`/`recv`/`received` become
/// `rcv`, `send` before a flag `snd`; `the` is dropped (`delete the TCB`).
fn words(text: &str) -> String {
    let lowered: String = text
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| {
            if matches!(
                c,
                ',' | '-'
                    | '/'
                    | '+'
                    | '='
                    | '_'
                    | ':'
                    | '('
                    | ')'
                    | '['
                    | ']'
                    | '，'
                    | '、'
                    | '（'
                    | '）'
            ) {
                ' '
            } else {
                c
            }
        })
        .collect();
    let lowered = lowered
        .replace("2*msl", "2msl")
        .replace("2×msl", "2msl")
        .replace("2 msl", "2msl")
        .replace("time out", "timeout");
    let mut out: Vec<&str> = Vec::new();
    let tokens: Vec<&str> = lowered.split_whitespace().collect();
    for (i, t) in tokens.iter().enumerate() {
        let next_is_flag = tokens.get(i + 1).is_some_and(|n| is_flag(n));
        let t = match *t {
            "the" => continue,
            "receive" | "recv" | "received" | "rcvd" => "rcv",
            "send" | "sent" | "snt" if next_is_flag => "snd",
            t => t,
        };
        out.push(t);
    }
    out.join(" ")
}

/// The value with an alias nearest to `key` ([`crate::diagnostic::suggest_by`]'s rule), for
/// did-you-mean hints; the first in order wins ties.
fn closest<T: Copy>(
    key: &str,
    candidates: impl Iterator<Item = (T, &'static [&'static str])>,
) -> Option<T> {
    crate::diagnostic::suggest_by(
        key,
        candidates.flat_map(|(x, aliases)| aliases.iter().map(move |a| (x, *a))),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_aliases() {
        for (text, state) in [
            ("TIME_WAIT", State::TimeWait),
            ("time-wait", State::TimeWait),
            ("TCP_TIME_WAIT", State::TimeWait),
            ("SYN-RCVD", State::SynReceived),
            ("SYN_RECV", State::SynReceived),
            ("ESTAB", State::Established),
            ("FINWAIT-2", State::FinWait2),
            ("FIN_WAIT2", State::FinWait2),
            ("TCP_CLOSE", State::Closed),
            ("监听", State::Listen),
            ("CLOSING", State::Closing),
        ] {
            assert_eq!(State::parse(text), Some(state), "{text}");
        }
        assert_eq!(State::parse("CLOSE"), None);
        assert_eq!(State::parse("WAIT"), None);
        assert_eq!(State::suggest("TIME-WIAT"), Some(State::TimeWait));
    }

    #[test]
    fn event_and_action_spellings() {
        for t in [
            "rcv SYN,ACK",
            "rcv SYN-ACK",
            "rcv SYN/ACK",
            "rcv SYN+ACK",
            "receive SYN, ACK",
        ] {
            assert_eq!(Event::parse(t), Some(Event::RcvSynAck), "{t}");
        }
        assert_eq!(Event::parse("Timeout=2MSL"), Some(Event::Timeout2Msl));
        assert_eq!(Event::parse("active  OPEN"), Some(Event::ActiveOpen));
        assert_eq!(Event::parse("SEND"), Some(Event::Send));
        assert_eq!(Action::parse("send SYN/ACK"), Some(Some(Action::SndSynAck)));
        assert_eq!(Action::parse("x"), Some(None));
        assert_eq!(Action::parse("snd SYNN"), None);
        assert_eq!(Action::suggest("snd SYNN"), Some(Action::SndSyn));
        assert!(is_flag("ACK") && !is_flag("rcv"));
    }

    #[test]
    fn brackets_msl_articles_and_no_action() {
        assert_eq!(Event::parse("OPEN (passive)"), Some(Event::PassiveOpen));
        assert_eq!(Event::parse("CLOSE()"), Some(Event::Close));
        for t in ["Timeout (2 MSL)", "timeout = 2*MSL", "2×MSL timeout"] {
            assert_eq!(Event::parse(t), Some(Event::Timeout2Msl), "{t}");
        }
        assert_eq!(Event::parse("rcv ACK of SYN,ACK"), Some(Event::RcvAckOfSyn));
        assert_eq!(Event::parse("user time-out"), Some(Event::UserTimeout));
        assert_eq!(Event::parse("recieve FIN"), None);
        assert_eq!(Event::suggest("recieve FIN"), Some(Event::RcvFin));
        assert_eq!(
            Action::parse("delete the TCB"),
            Some(Some(Action::DeleteTcb))
        );
        for t in ["x", "X", "none", "no action", "-", "—", "", "无"] {
            assert_eq!(Action::parse(t), Some(None), "{t}");
        }
        assert_eq!(State::parse("TCP_NEW_SYN_RECV"), Some(State::SynReceived));
        assert_eq!(State::parse("同步已接收"), Some(State::SynReceived));
        // Still strict about meaning.
        assert_eq!(Event::parse("rcv ACK"), None);
        assert_eq!(Event::parse("timeout"), None);
        assert_eq!(State::parse("CLOSE"), None);
    }

    #[test]
    fn the_fin_that_acks_our_fin_has_its_own_name_and_the_old_one_is_deprecated() {
        for t in [
            "rcv FIN + ACK of FIN",
            "rcv FIN,ACK of FIN",
            "receive FIN and ACK of FIN",
            "rcv FIN with ACK of FIN",
            "收到 FIN 及对 FIN 的确认",
        ] {
            assert_eq!(Event::parse(t), Some(Event::RcvFinAckOfFin), "{t}");
            assert_eq!(Event::deprecated(t), None, "{t}");
        }
        // The old spellings keep their meaning, flagged as deprecated.
        for t in [
            "rcv FIN,ACK",
            "rcv FIN+ACK",
            "rcv FIN/ACK",
            "receive FIN-ACK",
            "rcv FINACK",
        ] {
            assert_eq!(Event::parse(t), Some(Event::RcvFinAckOfFin), "{t}");
            let (e, why) = Event::deprecated(t).unwrap();
            assert_eq!(e, Event::RcvFinAckOfFin);
            assert!(why.contains("nearly every FIN carries ACK"), "{why}");
        }
        assert_eq!(Event::parse("rcv FIN"), Some(Event::RcvFin));
        assert_eq!(Event::deprecated("rcv FIN"), None);
        assert_eq!(Event::RcvFinAckOfFin.name(), "rcv FIN + ACK of FIN");
    }

    #[test]
    fn glossary_is_complete_and_distinct() {
        let zh: Vec<&str> = State::ALL.iter().map(|s| s.glossary().zh).collect();
        let mut sorted = zh.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), zh.len());
        for s in State::ALL {
            assert_eq!(State::parse(s.name()), Some(s));
            assert_eq!(State::parse(s.glossary().zh), Some(s));
        }
        for e in Event::ALL {
            assert_eq!(Event::parse(e.name()), Some(e), "{}", e.name());
        }
        for a in Action::ALL {
            assert_eq!(Action::parse(a.name()), Some(Some(a)));
        }
    }
}
