//! State claims: a note whose text names a TCP state claims that state for the endpoints it
//! sits on (`Note left of A`, `Note right of A`, `Note over A`: A; `Note over A,B`: both).
//!
//! A state name is any spelling [`State::parse`] accepts (RFC 9293 names, `TIME_WAIT`,
//! `SYN-RCVD`, Linux's `TCP_…`, the Chinese names), in any case, written as one word
//! (`FIN-WAIT-1`) or as up to three (`FIN WAIT 1`); Chinese names are found inside Chinese text
//! (`进入时间等待状态`). The longest name at each place wins (`关闭等待` is CLOSE-WAIT, not
//! CLOSED). A note naming no state is commentary; one naming two different states is not a
//! claim (a warning says so).

use crate::model::label::is_han;
use crate::tcp::{Event, State};

/// What a note says about states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    /// No state name: commentary.
    Commentary,
    /// One state (possibly named twice, in two languages): `text` is its first spelling.
    Claim {
        /// The state.
        state: State,
        /// The name as written (to point at it).
        text: String,
    },
    /// Several different states: not a claim.
    Several(Vec<State>),
}

/// Reads a note's lines.
pub fn read<'a>(lines: impl IntoIterator<Item = &'a str>) -> Reading {
    let mut found: Vec<(State, String)> = Vec::new();
    for line in lines {
        for (state, text) in states_in(line) {
            if !found.iter().any(|(s, _)| *s == state) {
                found.push((state, text));
            }
        }
    }
    match found.len() {
        0 => Reading::Commentary,
        1 => {
            let (state, text) = found.swap_remove(0);
            Reading::Claim { state, text }
        }
        _ => Reading::Several(found.into_iter().map(|(s, _)| s).collect()),
    }
}

/// The silent events a note that claims no state names, in order: `2MSL`/`2 MSL`/`MSL` is
/// the 2MSL timeout (unless the note says the timer restarts), `timeout`/`超时` the user timeout, `close` the CLOSE call (`(Close)` in the
/// RFC's figures), `abort`/`中止` the ABORT call. Case does not matter.
pub fn events_named<'a>(lines: impl IntoIterator<Item = &'a str>) -> Vec<Event> {
    let mut out = Vec::new();
    for line in lines {
        let lower = line.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        // "2MSL restarted" names the timer starting again, not its timeout.
        let restart = words.iter().any(|w| w.starts_with("restart")) || lower.contains("重新");
        let msl = lower.contains("msl") && !restart;
        let found = [
            (Event::Timeout2Msl, msl),
            (
                Event::UserTimeout,
                !msl && (words.contains(&"timeout") || lower.contains("超时")),
            ),
            (Event::Close, words.contains(&"close")),
            (
                Event::Abort,
                words.contains(&"abort") || lower.contains("中止"),
            ),
        ];
        for (event, named) in found {
            if named && !out.contains(&event) {
                out.push(event);
            }
        }
    }
    out
}

/// The words of `lines`, lower-cased, split at anything but letters and digits.
fn words_of(line: &str) -> Vec<String> {
    line.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether a note says its endpoint reboots (RFC 9293 Figures 9 and 10, `(REBOOT)`):
/// `reboot`, `crash`, `重启`, `崩溃`. The endpoint loses its TCB.
pub fn names_reboot<'a>(lines: impl IntoIterator<Item = &'a str>) -> bool {
    lines.into_iter().any(|l| {
        let w = words_of(l);
        w.iter().any(|w| w == "reboot" || w == "crash") || l.contains("重启") || l.contains("崩溃")
    })
}

/// Whether a message is an old segment (RFC 9293 Figures 8 and 11): its text says
/// `(old duplicate)`, `(duplicate)` or `(delayed)` (`旧`, `重复`, `延迟`). It was sent before
/// the rows drawn, by an earlier incarnation or long ago: it only arrives. (A lost message
/// marked so, `A-xB: … (delayed)`, is the sending of a segment whose arrival is drawn later.)
pub fn names_old<'a>(lines: impl IntoIterator<Item = &'a str>) -> bool {
    lines.into_iter().any(|l| {
        let w = words_of(l);
        w.iter().any(|w| w == "duplicate" || w == "delayed")
            || ["旧", "重复", "延迟"].iter().any(|z| l.contains(z))
    })
}

/// A word of a note: a run of ASCII letters, digits, `-` and `_`, or a run of Han characters
/// (with the digits right after them).
struct Word<'a> {
    text: &'a str,
    start: usize,
    han: bool,
}

fn words(line: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut current: Option<(usize, bool)> = None;
    let kind = |c: char| {
        if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            Some(false)
        } else if is_han(c) {
            Some(true)
        } else {
            None
        }
    };
    for (i, c) in line
        .char_indices()
        .chain(std::iter::once((line.len(), ' ')))
    {
        let mut k = if i < line.len() { kind(c) } else { None };
        // Digits right after Han characters belong to them (`终止等待1`).
        if k == Some(false) && c.is_ascii_digit() && matches!(current, Some((_, true))) {
            k = Some(true);
        }
        match (current, k) {
            (Some((_, h)), Some(k)) if h == k => {}
            (Some((start, han)), _) => {
                out.push(Word {
                    text: &line[start..i],
                    start,
                    han,
                });
                current = k.map(|k| (i, k));
            }
            (None, Some(k)) => current = Some((i, k)),
            (None, None) => {}
        }
    }
    out
}

/// Every state named in `line`, left to right, with its spelling.
fn states_in(line: &str) -> Vec<(State, String)> {
    let words = words(line);
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if words[i].han {
            out.extend(han_states(words[i].text));
            i += 1;
            continue;
        }
        // The longest run of up to three ASCII words that names a state.
        let found = (1..=3).rev().find_map(|n| {
            let run = words.get(i..i + n)?;
            if run.iter().any(|w| w.han) {
                return None;
            }
            let last = run.last()?;
            let text = &line[run[0].start..last.start + last.text.len()];
            State::parse(text).map(|s| (s, n, text))
        });
        match found {
            Some((state, n, text)) => {
                out.push((state, text.to_string()));
                i += n;
            }
            None => i += 1,
        }
    }
    out
}

/// States named inside a run of Han characters (longest match at each place; runs are read
/// up to 64 characters, names are at most 6).
fn han_states(run: &str) -> Vec<(State, String)> {
    let chars: Vec<(usize, char)> = run.char_indices().take(64).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let found = (2..=6).rev().find_map(|n| {
            let end = chars.get(i + n).map_or(
                if i + n == chars.len() {
                    Some(chars.last().map_or(0, |(at, c)| at + c.len_utf8()))
                } else {
                    None
                },
                |(at, _)| Some(*at),
            )?;
            let text = &run[chars[i].0..end];
            State::parse(text).map(|s| (s, n, text))
        });
        match found {
            Some((state, n, text)) => {
                out.push((state, text.to_string()));
                i += n;
            }
            None => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(text: &str) -> Option<State> {
        match read(text.split('\n')) {
            Reading::Claim { state, .. } => Some(state),
            _ => None,
        }
    }

    #[test]
    fn names_in_notes() {
        for (text, state) in [
            ("ESTABLISHED", State::Established),
            ("FIN-WAIT-1", State::FinWait1),
            ("A: FIN WAIT 1", State::FinWait1),
            ("TIME_WAIT", State::TimeWait),
            ("TCP_TIME_WAIT", State::TimeWait),
            ("SYN-RCVD", State::SynReceived),
            ("进入时间等待状态", State::TimeWait),
            ("关闭等待", State::CloseWait),
            ("CLOSE-WAIT\n关闭等待", State::CloseWait),
            ("A is in LAST-ACK now", State::LastAck),
            ("同步已发送 SYN-SENT", State::SynSent),
            ("终止等待1", State::FinWait1),
            ("进入终止等待2状态", State::FinWait2),
        ] {
            assert_eq!(claim(text), Some(state), "{text}");
        }
        for s in State::ALL {
            assert_eq!(claim(s.name()), Some(s), "{}", s.name());
            let zh = s.glossary().zh;
            assert_eq!(claim(zh), Some(s), "{zh}");
            assert_eq!(claim(&format!("进入{zh}状态")), Some(s), "{zh}");
        }
        assert_eq!(read(["经过 2MSL 后", "after 2MSL"]), Reading::Commentary);
        assert_eq!(read(["CLOSE"]), Reading::Commentary);
        assert_eq!(
            read(["FIN-WAIT-1 → FIN-WAIT-2"]),
            Reading::Several(vec![State::FinWait1, State::FinWait2])
        );
        assert_eq!(
            events_named(["经过 2MSL 后", "after 2MSL"]),
            vec![Event::Timeout2Msl]
        );
        assert_eq!(events_named(["(2MSL restarted)"]), vec![]);
        assert_eq!(events_named(["2MSL 计时器重新开始"]), vec![]);
        assert_eq!(events_named(["(Close)"]), vec![Event::Close]);
        assert_eq!(
            events_named(["user timeout; ABORT"]),
            vec![Event::UserTimeout, Event::Abort]
        );
        assert!(events_named(["closed", "closing"]).is_empty());
        match read(["→ time-wait"]) {
            Reading::Claim { text, .. } => assert_eq!(text, "time-wait"),
            other => panic!("{other:?}"),
        }
    }
}
