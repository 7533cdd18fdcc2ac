//! Shared by the TCP mutation and property tests: the documented spellings of every state, event
//! and action, and a writer that turns a list of transitions into a definition in flow style
//! (one transition per line), block style (one key per line) or deep block style (lists as
//! `- item` lines too), remembering the line of every key.

#![allow(dead_code, unreachable_pub)]

use netfig::diagnostic::{Diagnostic, SourceFile};
use netfig::tcp::names::{Action, Event, State};
use netfig::tcp::reference::{Origin, RefTransition, Scope};

pub mod mutation;

/// Spellings a definition may use for each state (the RFC name first).
pub fn state_spellings(s: State) -> &'static [&'static str] {
    match s {
        State::Closed => &["CLOSED", "closed", "TCP_CLOSE", "Closed", "关闭"],
        State::Listen => &["LISTEN", "listen", "TCP_LISTEN", "收听", "监听"],
        State::SynSent => &[
            "SYN-SENT",
            "SYN_SENT",
            "syn-sent",
            "TCP_SYN_SENT",
            "同步已发送",
        ],
        State::SynReceived => &[
            "SYN-RECEIVED",
            "SYN-RCVD",
            "SYN_RECV",
            "SYN_RCVD",
            "TCP_SYN_RECV",
            "syn received",
            "同步收到",
        ],
        State::Established => &[
            "ESTABLISHED",
            "ESTAB",
            "established",
            "TCP_ESTABLISHED",
            "已建立连接",
        ],
        State::FinWait1 => &[
            "FIN-WAIT-1",
            "FIN_WAIT_1",
            "FIN_WAIT1",
            "FINWAIT-1",
            "TCP_FIN_WAIT1",
            "终止等待1",
        ],
        State::FinWait2 => &[
            "FIN-WAIT-2",
            "FINWAIT-2",
            "FIN_WAIT2",
            "FIN_WAIT_2",
            "TCP_FIN_WAIT2",
            "终止等待2",
        ],
        State::CloseWait => &[
            "CLOSE-WAIT",
            "CLOSE_WAIT",
            "close-wait",
            "TCP_CLOSE_WAIT",
            "关闭等待",
        ],
        State::Closing => &["CLOSING", "closing", "TCP_CLOSING", "同时关闭", "正在关闭"],
        State::LastAck => &[
            "LAST-ACK",
            "LAST_ACK",
            "last-ack",
            "TCP_LAST_ACK",
            "最后确认",
        ],
        State::TimeWait => &[
            "TIME-WAIT",
            "TIME_WAIT",
            "time-wait",
            "TCP_TIME_WAIT",
            "TIMEWAIT",
            "时间等待",
        ],
    }
}

/// Spellings a definition may use for each event (Figure 5's first).
pub fn event_spellings(e: Event) -> &'static [&'static str] {
    match e {
        Event::PassiveOpen => &[
            "passive OPEN",
            "Passive Open",
            "passive open",
            "OPEN (passive)",
            "被动打开",
        ],
        Event::ActiveOpen => &[
            "active OPEN",
            "Active Open",
            "active  open",
            "OPEN (active)",
            "主动打开",
        ],
        Event::Send => &["SEND", "send", "Send", "发送数据"],
        Event::Close => &["CLOSE", "close", "Close", "CLOSE()", "关闭"],
        Event::Abort => &["ABORT", "abort", "Abort", "中止"],
        Event::RcvSyn => &[
            "rcv SYN",
            "recv SYN",
            "receive SYN",
            "RCV syn",
            "rcv  SYN",
            "收到 SYN",
        ],
        Event::RcvSynAck => &[
            "rcv SYN,ACK",
            "rcv SYN+ACK",
            "rcv SYN/ACK",
            "rcv SYN-ACK",
            "receive SYN, ACK",
            "recv syn-ack",
            "收到 SYN,ACK",
        ],
        Event::RcvAckOfSyn => &[
            "rcv ACK of SYN",
            "receive ACK of SYN",
            "rcv ACK for SYN",
            "recv ack of syn",
        ],
        Event::RcvFin => &["rcv FIN", "recv FIN", "receive FIN", "RCV FIN", "收到 FIN"],
        Event::RcvAckOfFin => &[
            "rcv ACK of FIN",
            "receive ACK of FIN",
            "rcv ACK for FIN",
            "Rcv Ack Of Fin",
        ],
        Event::RcvFinAckOfFin => &[
            "rcv FIN + ACK of FIN",
            "rcv FIN,ACK of FIN",
            "receive FIN and ACK of FIN",
            "rcv FIN with ACK of FIN",
            "收到 FIN 及对 FIN 的确认",
        ],
        Event::RcvRst => &["rcv RST", "recv RST", "receive RST", "RCV rst", "收到 RST"],
        Event::Timeout2Msl => &[
            "timeout 2MSL",
            "Timeout=2MSL",
            "timeout = 2MSL",
            "2MSL timeout",
            "Timeout (2MSL)",
            "2MSL 超时",
        ],
        Event::UserTimeout => &[
            "user timeout",
            "USER TIMEOUT",
            "User Timeout",
            "user-timeout",
            "用户超时",
        ],
    }
}

/// Spellings a definition may use for each action (Figure 5's first).
pub fn action_spellings(a: Action) -> &'static [&'static str] {
    match a {
        Action::CreateTcb => &["create TCB", "Create TCB", "create tcb", "创建 TCB"],
        Action::DeleteTcb => &["delete TCB", "Delete TCB", "DELETE TCB", "删除 TCB"],
        Action::SndSyn => &["snd SYN", "send SYN", "SND SYN", "发送 SYN"],
        Action::SndSynAck => &[
            "snd SYN,ACK",
            "snd SYN+ACK",
            "snd SYN/ACK",
            "send SYN-ACK",
            "snd SYN, ACK",
        ],
        Action::SndAck => &["snd ACK", "send ACK", "Snd Ack", "发送 ACK"],
        Action::SndFin => &["snd FIN", "send FIN", "SND fin", "发送 FIN"],
        Action::SndRst => &["snd RST", "send RST", "snd rst", "发送 RST"],
    }
}

/// The reference transitions a scope covers, in table order (`full`: all 68, else Figure 5).
pub fn refs(scope: Scope) -> Vec<&'static RefTransition> {
    netfig::tcp::reference::transitions()
        .iter()
        .filter(|r| scope == Scope::Full || r.origin == Origin::Figure5)
        .collect()
}

/// The `seed`-th documented spelling of `s`.
pub fn spell_state(s: State, seed: usize) -> String {
    let list = state_spellings(s);
    list[seed % list.len()].to_string()
}

/// Sets `key` of `item` to the `seed`-th spelling of `s`.
pub fn set_state(item: &mut Item, key: &str, s: State, seed: usize) {
    item.set(key, Value::Text(spell_state(s, seed)));
}

/// How the `action:` value is written.
#[derive(Clone, Debug, PartialEq)]
pub enum ActionValue {
    /// Left out (not checked).
    Omitted,
    /// `[a, b]` (a flow list, or `- a` lines in deep block style); `[]` when empty.
    List(Vec<String>),
    /// One scalar: `a; b`, `x`, `none`.
    Text(String),
}

/// A value written exactly as given (for traps and wrong types).
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A scalar, quoted when the style needs it.
    Text(String),
    /// Inserted verbatim.
    Raw(String),
    /// An action value.
    Action(ActionValue),
}

/// One transition item: keys in the order they are written.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub entries: Vec<(String, Value)>,
    /// Left out of the text (a deleted transition keeps its index).
    pub gone: bool,
}

impl Item {
    /// The item for a claim, in RFC spellings, keys `from, event, action, to`.
    pub fn claim(from: State, event: Event, actions: &[Action], to: State) -> Item {
        let action = if actions.is_empty() {
            ActionValue::Text("x".into())
        } else {
            ActionValue::List(actions.iter().map(|a| a.name().to_string()).collect())
        };
        Item {
            entries: vec![
                ("from".into(), Value::Text(from.name().into())),
                ("event".into(), Value::Text(event.name().into())),
                ("action".into(), Value::Action(action)),
                ("to".into(), Value::Text(to.name().into())),
            ],
            gone: false,
        }
    }
    pub fn of(r: &RefTransition) -> Item {
        Item::claim(r.from, r.event, r.actions, r.to)
    }
    pub fn set(&mut self, key: &str, value: Value) {
        match self.entries.iter_mut().find(|(k, _)| k == key) {
            Some(e) => e.1 = value,
            None => self.entries.push((key.into(), value)),
        }
    }
    pub fn remove(&mut self, key: &str) {
        self.entries.retain(|(k, _)| k != key);
    }
    pub fn text(&self, key: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, v)| match v {
                Value::Text(t) | Value::Raw(t) => Some(t.as_str()),
                Value::Action(_) => None,
            })
    }
}

/// How a definition is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// `- { from: …, event: …, action: …, to: … }`, one transition per line.
    Flow,
    /// `- from: …` then one key per line; lists as `[a, b]`.
    Block,
    /// One key per line and lists as `- a` lines.
    Deep,
}

pub const STYLES: [Style; 3] = [Style::Flow, Style::Block, Style::Deep];

/// A definition to write.
#[derive(Clone, Debug)]
pub struct Doc {
    pub scope: Scope,
    pub style: Style,
    /// Lines between `scope:` and `transitions:` (title, states, comments), each ending in `\n`.
    pub header: String,
    pub items: Vec<Item>,
}

/// The written text and, for each item, the 1-based lines of its keys (and of its list items).
pub struct Written {
    pub text: String,
    pub lines: Vec<Vec<(String, Vec<usize>)>>,
}

impl Written {
    /// The lines of `key` in item `i` (empty if the key is absent).
    pub fn lines_of(&self, i: usize, key: &str) -> Vec<usize> {
        self.lines[i]
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, l)| l.clone())
            .unwrap_or_default()
    }
    /// Every line of item `i`.
    pub fn item_lines(&self, i: usize) -> Vec<usize> {
        self.lines[i].iter().flat_map(|(_, l)| l.clone()).collect()
    }
}

/// Quotes `text` when the style's plain scalars cannot hold it.
pub fn scalar(text: &str, flow: bool) -> String {
    let special = if flow {
        text.contains([',', ':', '#', '{', '}', '[', ']'])
    } else {
        text.contains([':', '#'])
    };
    let special = special
        || text.starts_with([
            '[', '{', '-', '&', '*', '!', '|', '>', '"', '\'', '%', '@', '`', '—', '–',
        ]);
    if special || text.is_empty() || text.trim() != text || text.contains("  ") && flow {
        format!("\"{}\"", text.replace('"', "\\\""))
    } else {
        text.to_string()
    }
}

impl Doc {
    /// Figure 5 (`scope: figure`) or every transition (`scope: full`), in RFC spellings.
    pub fn reference(scope: Scope, style: Style) -> Doc {
        let items = refs(scope).into_iter().map(Item::of).collect();
        Doc {
            scope,
            style,
            header: String::new(),
            items,
        }
    }

    pub fn write(&self) -> Written {
        let mut text = format!(
            "machine: tcp\nscope: {}\n{}transitions:\n",
            self.scope.name(),
            self.header
        );
        let mut line = 4 + self.header.lines().count();
        let mut lines = Vec::new();
        let flow = self.style == Style::Flow;
        for item in &self.items {
            let mut keys = Vec::new();
            let entries: Vec<&(String, Value)> = item
                .entries
                .iter()
                .filter(|(_, v)| *v != Value::Action(ActionValue::Omitted))
                .collect();
            if item.gone {
                lines.push(keys);
                continue;
            }
            if flow {
                let parts: Vec<String> = entries
                    .iter()
                    .map(|(k, v)| format!("{k}: {}", inline(v, true)))
                    .collect();
                text.push_str(&format!("  - {{ {} }}\n", parts.join(", ")));
                for (k, _) in &entries {
                    keys.push((k.clone(), vec![line]));
                }
                line += 1;
            } else if entries.is_empty() {
                text.push_str("  - {}\n");
                line += 1;
            } else {
                for (n, (k, v)) in entries.iter().enumerate() {
                    let lead = if n == 0 { "  - " } else { "    " };
                    match v {
                        Value::Action(ActionValue::List(list))
                            if self.style == Style::Deep && !list.is_empty() =>
                        {
                            text.push_str(&format!("{lead}{k}:\n"));
                            let mut ls = vec![line];
                            for a in list {
                                line += 1;
                                ls.push(line);
                                text.push_str(&format!("      - {}\n", scalar(a, false)));
                            }
                            keys.push((k.clone(), ls));
                        }
                        _ => {
                            text.push_str(&format!("{lead}{k}: {}\n", inline(v, false)));
                            keys.push((k.clone(), vec![line]));
                        }
                    }
                    line += 1;
                }
            }
            lines.push(keys);
        }
        Written { text, lines }
    }
}

fn inline(v: &Value, flow: bool) -> String {
    match v {
        Value::Text(t) => scalar(t, flow),
        Value::Raw(r) => r.clone(),
        Value::Action(ActionValue::Omitted) => "x".into(),
        Value::Action(ActionValue::Text(t)) => scalar(t, flow),
        Value::Action(ActionValue::List(list)) => {
            let items: Vec<String> = list.iter().map(|a| scalar(a, true)).collect();
            format!("[{}]", items.join(", "))
        }
    }
}

/// The line of each diagnostic, rendered for failure messages.
pub fn located(text: &str, diags: &[Diagnostic]) -> Vec<(usize, &'static str)> {
    let file = SourceFile::new("m.yaml", text);
    diags
        .iter()
        .map(|d| (file.line_col(d.span.start).0, d.code))
        .collect()
}

/// Renders the diagnostics with the source for a failure message.
pub fn render(text: &str, diags: &[Diagnostic]) -> String {
    SourceFile::new("m.yaml", text).render_all(diags)
}
