//! The built-in entries: `builtin.txt` (read at compile time) and the TCP names of
//! [`crate::tcp::names`].

use super::Entry;
use crate::tcp::names::{Action, Event, State};

/// The data file: `中文; 别名 = English; alias` a line, `@source …` before each section,
/// `#` comments.
const BUILTIN: &str = include_str!("builtin.txt");

/// Where the TCP names come from (as `tcp::names` says).
const TCP_SOURCE: &str =
    "谢希仁《计算机网络》（第8版）第5.9节“TCP的运输连接管理”; RFC 9293 (src/tcp/names.rs)";

/// Every built-in entry: the data file's in order, then the TCP states, events and actions.
pub(super) fn builtin_entries() -> Vec<Entry> {
    let mut entries = parse(BUILTIN);
    let tcp = State::ALL
        .iter()
        .map(|s| s.glossary())
        .chain(Event::ALL.iter().map(|e| e.glossary()))
        .chain(Action::ALL.iter().map(|a| a.glossary()));
    entries.extend(tcp.map(|g| Entry {
        zh: vec![g.zh.to_string()],
        en: vec![g.en.to_string()],
        source: TCP_SOURCE.to_string(),
    }));
    entries
}

/// The entries of a data file in the `builtin.txt` format. Lines that are not entries
/// (no `=`, an empty side) are skipped; the test `data_file_is_well_formed` rejects them.
pub(super) fn parse(text: &str) -> Vec<Entry> {
    let mut source = String::new();
    let mut out = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(s) = line.strip_prefix("@source") {
            source = s.trim().to_string();
            continue;
        }
        let Some((zh, en)) = line.split_once(" = ") else {
            continue;
        };
        let forms = |side: &str| -> Vec<String> {
            side.split(';')
                .map(str::trim)
                .filter(|f| !f.is_empty())
                .map(String::from)
                .collect()
        };
        let (zh, en) = (forms(zh), forms(en));
        if !zh.is_empty() && !en.is_empty() {
            out.push(Entry {
                zh,
                en,
                source: source.clone(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_file_is_well_formed() {
        let mut source_seen = false;
        for (n, line) in BUILTIN.lines().enumerate().map(|(n, l)| (n + 1, l.trim())) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line.starts_with("@source") {
                source_seen = true;
                continue;
            }
            assert!(source_seen, "line {n}: an entry before any @source");
            let (zh, en) = line
                .split_once(" = ")
                .unwrap_or_else(|| panic!("line {n}: no ` = `: {line}"));
            assert!(
                zh.split(';')
                    .all(|f| f.trim().chars().any(crate::model::label::is_han)),
                "line {n}: a Chinese form without Han characters: {zh}"
            );
            // Acronyms (TCP, SYN, MSS …) are protocol tokens that stay as written: never an
            // English form of their own.
            assert!(
                en.split(';')
                    .all(|f| f.trim().chars().any(|c| c.is_ascii_lowercase())
                        && !f.chars().any(crate::model::label::is_han)),
                "line {n}: an English form that is an acronym or has Han characters: {en}"
            );
        }
        let entries = builtin_entries();
        assert!(entries.len() >= 300, "{} entries", entries.len());
        assert!(entries.iter().all(|e| !e.source.is_empty()));
    }
}
