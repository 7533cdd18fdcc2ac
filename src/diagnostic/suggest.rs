//! Did-you-mean hints: the one rule for when a misspelt word is close enough to a known one to
//! suggest it.
//!
//! A candidate is suggested when it is at most [`max_edits`] edits away from the word: one edit
//! for every three characters of the word, and at least one. An edit inserts, deletes or
//! replaces one character, or swaps two neighbouring ones (`CLOES` is one edit from `CLOSE`:
//! the commonest typo costs one edit whatever the word's length). The nearest candidate wins;
//! among equally near ones, the first.

/// Edits allowed between a word of `chars` characters and a candidate suggested for it: a third
/// of the word's length, at least one (`LRR` → `LR`, `subgrap` → `subgraph`, `TIME-WIAT` →
/// `TIME-WAIT`, `zzz` → nothing).
pub fn max_edits(chars: usize) -> usize {
    (chars / 3).max(1)
}

/// The candidate closest to `word`, compared case-insensitively, within [`max_edits`].
pub fn suggest<'c>(word: &str, candidates: &[&'c str]) -> Option<&'c str> {
    let word = word.to_lowercase();
    suggest_by(&word, candidates.iter().map(|c| (*c, c.to_lowercase())))
}

/// The value whose spelling is closest to `key` within [`max_edits`], spellings compared as
/// they are (the caller normalises both sides: case, separators, aliases). Each value may come
/// with several spellings; the first value among equally near ones wins.
pub fn suggest_by<T, S: AsRef<str>>(
    key: &str,
    spellings: impl IntoIterator<Item = (T, S)>,
) -> Option<T> {
    let chars = key.chars().count();
    let limit = max_edits(chars);
    let mut best: Option<(usize, T)> = None;
    for (value, spelling) in spellings {
        let spelling = spelling.as_ref();
        // The distance is at least the difference in length: skip what cannot be near (so a
        // megabyte-long word costs no more than its length, whatever the candidates).
        if spelling.chars().count().abs_diff(chars) > limit {
            continue;
        }
        let d = edit_distance(key, spelling);
        if d <= limit && best.as_ref().is_none_or(|(b, _)| d < *b) {
            best = Some((d, value));
        }
    }
    best.map(|(_, value)| value)
}

/// Edits between two strings, counted in characters: insertions, deletions, replacements and
/// swaps of two neighbouring characters (the optimal string alignment distance: no substring is
/// edited twice). Three rows of the table are kept.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Rows i-2, i-1 and i of the table; row[j] = edits between a[..i] and b[..j].
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut above: Vec<usize> = (0..=b.len()).collect();
    let mut row: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        row[0] = i;
        for j in 1..=b.len() {
            let replace = above[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let mut best = replace.min(above[j] + 1).min(row[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            row[j] = best;
        }
        std::mem::swap(&mut before, &mut above);
        std::mem::swap(&mut above, &mut row);
    }
    above[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("时间等待", "时间等"), 1);
        assert_eq!(edit_distance("flaw", "lawn"), 2);
        // A swap of neighbours is one edit; a swap of distant characters is two.
        assert_eq!(edit_distance("CLOES", "CLOSE"), 1);
        assert_eq!(edit_distance("LCOSE", "CLOSE"), 1);
        assert_eq!(edit_distance("ESOLC", "CLOSE"), 4);
        assert_eq!(edit_distance("ca", "abc"), 3);
    }

    #[test]
    fn the_threshold_is_a_third_of_the_word_and_at_least_one() {
        assert_eq!(max_edits(0), 1);
        assert_eq!(max_edits(2), 1);
        assert_eq!(max_edits(5), 1);
        assert_eq!(max_edits(6), 2);
        assert_eq!(max_edits(9), 3);
        // What the front ends' fixtures and tests rely on.
        assert_eq!(suggest("LRR", &["TB", "TD", "BT", "LR", "RL"]), Some("LR"));
        assert_eq!(suggest("subgrap", &["subgraph", "end"]), Some("subgraph"));
        assert_eq!(
            suggest("Figur", &["partial", "figure", "full"]),
            Some("figure")
        );
        assert_eq!(suggest("zzz", &["subgraph"]), None);
        // Two edits in a short word are too many: `XY` is not `LR`.
        assert_eq!(suggest("XY", &["TB", "TD", "BT", "LR", "RL"]), None);
        assert_eq!(suggest("fromm", &["from", "event"]), Some("from"));
        assert_eq!(suggest("CLOES", &["CLOSE", "ABORT"]), Some("CLOSE"));
        assert_eq!(suggest("scoep", &["scope", "title"]), Some("scope"));
    }

    #[test]
    fn nearest_wins_then_the_first() {
        assert_eq!(suggest("ab", &["ax", "ab"]), Some("ab"));
        assert_eq!(suggest("ab", &["xb", "ax"]), Some("xb"));
        let by = suggest_by(
            "TIMEWIAT",
            [(1, "TIMEXXAT"), (2, "TIMEWAIT"), (3, "CLOSED")],
        );
        assert_eq!(by, Some(2), "one edit (a swap) beats two");
    }

    #[test]
    fn case_is_ignored_by_suggest_but_not_by_suggest_by() {
        assert_eq!(suggest("SUBGRAP", &["subgraph"]), Some("subgraph"));
        assert_eq!(suggest_by("SUBGRAP", [((), "subgraph")]), None);
    }

    /// A huge word is not compared letter by letter: it is longer than every candidate by
    /// more than the edits allowed. (Compared, this word would take 10^12 steps.)
    #[test]
    fn long_words_are_not_compared() {
        let long = "a".repeat(1_000_000);
        assert_eq!(suggest(&long, &["a", "abc"]), None);
        let long_candidate = "a".repeat(10);
        assert_eq!(suggest_by(&long, [((), long_candidate.as_str())]), None);
    }
}
