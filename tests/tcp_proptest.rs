//! Arbitrary input and mutated versions of the reference YAML never panic, and every diagnostic
//! span lies inside the text on a character boundary.

use netfig::diagnostic::SourceFile;
use proptest::prelude::*;

fn check_all_spans(text: &str) {
    // `load` runs the whole library path: parse, check, and the resolved machine.
    let (_machine, diags) = netfig::tcp::load(text);
    let file = SourceFile::new("p.yaml", text);
    for d in &diags {
        assert!(
            d.span.start <= d.span.end && d.span.end <= text.len(),
            "{d:?}"
        );
        let _ = file.render(d);
    }
}

fn reference_lines() -> Vec<String> {
    netfig::tcp::reference::to_yaml()
        .lines()
        .map(str::to_string)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        check_all_spans(&text);
    }

    #[test]
    fn yaml_like_text_never_panics(text in "[-a-zA-Z0-9_:{}\\[\\],#\"' \n时间等待]{0,300}") {
        check_all_spans(&text);
    }

    #[test]
    fn mutated_reference_never_panics(
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..5, "[-a-zA-Z{}\\[\\],: 时]{0,6}"), 1..6)
    ) {
        let mut lines = reference_lines();
        for (at, op, text) in edits {
            let i = at.index(lines.len().max(1));
            match op {
                0 => { if !lines.is_empty() { lines.remove(i); } }
                1 => lines.insert(i, text),
                2 => { if let Some(l) = lines.get_mut(i) { let cut = l.char_indices().nth(l.chars().count() / 2).map_or(0, |(b, _)| b); l.insert_str(cut, &text); } }
                3 => { if let Some(l) = lines.get_mut(i) { let keep: String = l.chars().take(l.chars().count() / 2).collect(); *l = keep; } }
                _ => { if lines.len() > 1 { let j = (i + 1) % lines.len(); lines.swap(i, j); } }
            }
        }
        check_all_spans(&lines.join("\n"));
    }
}
