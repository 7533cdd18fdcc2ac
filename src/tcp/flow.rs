//! YAML flow collections end a plain value at a comma, so `{ event: rcv SYN,ACK }` arrives as
//! `event: rcv SYN` plus a stray key `ACK` (and `[snd SYN,ACK]` as two items), and
//! `{ action: create TCB, snd SYN }` as `action: create TCB` plus a stray key `snd SYN`. This
//! module spots the stray TCP flag (or stray action after `action:`), reports it there, and glues
//! the value back together so checking goes on with what the author meant.

use super::codes;
use super::names::{is_flag, Action};
use super::tree::{Kind, Node};
use crate::diagnostic::Diagnostic;

/// Undoes YAML's split of `rcv SYN,ACK` at the comma inside `{ … }` (a stray key `ACK` with no
/// value) or `[ … ]` (a stray item `ACK`), reporting each at the stray flag.
pub(crate) fn repair_splits(source: &str, node: &mut Node, diags: &mut Vec<Diagnostic>) {
    let flow_opener = source.get(node.span.start..).and_then(|s| s.chars().next());
    match &mut node.kind {
        Kind::Map(entries) => {
            let mut i = 1;
            while flow_opener == Some('{') && i < entries.len() {
                let prev = &entries[i - 1];
                let after_action = prev.0.as_str().is_some_and(|k| {
                    matches!(k.trim().to_ascii_lowercase().as_str(), "action" | "actions")
                });
                let stray = matches!(entries[i].1.kind, Kind::Null)
                    && entries[i].0.as_str().is_some_and(|k| {
                        is_flag(k) || (after_action && matches!(Action::parse(k), Some(Some(_))))
                    });
                if stray && prev.1.as_str().is_some() {
                    let (flag_node, _) = entries.remove(i);
                    let (key, value) = &mut entries[i - 1];
                    merge(
                        value,
                        &flag_node,
                        key.as_str().unwrap_or("value"),
                        '{',
                        diags,
                    );
                } else {
                    i += 1;
                }
            }
            for (k, v) in entries {
                repair_splits(source, k, diags);
                repair_splits(source, v, diags);
            }
        }
        Kind::Seq(items) => {
            let mut i = 1;
            while flow_opener == Some('[') && i < items.len() {
                if items[i].as_str().is_some_and(is_flag) && items[i - 1].as_str().is_some() {
                    let flag_node = items.remove(i);
                    merge(&mut items[i - 1], &flag_node, "action", '[', diags);
                } else {
                    i += 1;
                }
            }
            for item in items {
                repair_splits(source, item, diags);
            }
        }
        _ => {}
    }
}

fn merge(value: &mut Node, flag: &Node, key: &str, opener: char, diags: &mut Vec<Diagnostic>) {
    let flag_text = flag.as_str().unwrap_or_default().trim().to_string();
    let head = value.as_str().unwrap_or_default().trim().to_string();
    let joined = format!("{head},{flag_text}");
    let (what, close) = if opener == '{' {
        ("flow mapping", '}')
    } else {
        ("flow list", ']')
    };
    diags.push(
        Diagnostic::error(
            codes::SPLIT_AT_COMMA,
            flag.span,
            format!(
                "YAML split `{key}: {joined}` at the comma: inside `{opener} … {close}` a comma ends the value, leaving `{head}` and a stray `{flag_text}`"
            ),
        )
        .with_hint(if is_flag(&flag_text) {
            format!("quote the value (`{key}: \"{joined}\"`) or write `{head}-{flag_text}`")
        } else {
            format!("write a list (`{key}: [{head}, {flag_text}]`) or quote the value")
        })
        .with_hint(format!("read here as `{joined}`; a {what} splits plain values at commas")),
    );
    value.kind = Kind::Scalar(joined);
    value.span = value.span.join(flag.span);
}

#[cfg(test)]
mod tests {
    use crate::tcp::{codes, parse};

    #[test]
    fn stray_flag_is_reported_and_value_repaired() {
        let src = "transitions:\n  - { from: SYN-SENT, event: rcv SYN,ACK, action: snd ACK, to: ESTABLISHED }\n";
        let (def, diags) = parse(src);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, codes::SPLIT_AT_COMMA);
        assert_eq!(&src[diags[0].span.start..diags[0].span.end], "ACK");
        let t = &def.unwrap().transitions[0];
        assert_eq!(t.event.text, "rcv SYN,ACK");
        assert!(crate::tcp::check(&crate::tcp::parse(src).0.unwrap()).is_empty());
    }

    #[test]
    fn block_style_and_quoted_values_are_left_alone() {
        let src = "transitions:\n  - from: SYN-SENT\n    event: rcv SYN,ACK\n    to: ESTABLISHED\n  - { from: LISTEN, event: \"rcv SYN\", ACK: 1, to: SYN-RECEIVED }\n";
        let codes: Vec<_> = parse(src).1.iter().map(|d| d.code).collect();
        assert_eq!(codes, [codes::UNKNOWN_KEY]);
    }
}
