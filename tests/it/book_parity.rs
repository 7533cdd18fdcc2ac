//! The two editions of the bundled book say the same things (issue 16): the same chapters in
//! the same order, each with the same headings, figures (netfig fences and includes) and
//! tables; and the Chinese edition's prose uses the standard terms.

use crate::common::root;

/// A chapter's outline: heading levels, the info words of its fences, netfig includes, tables.
#[derive(Debug, PartialEq, Eq)]
struct Outline {
    headings: Vec<usize>,
    fences: Vec<String>,
    includes: usize,
    tables: usize,
}

fn outline(text: &str) -> Outline {
    let mut out = Outline {
        headings: Vec::new(),
        fences: Vec::new(),
        includes: 0,
        tables: 0,
    };
    // Only the top-level fence markers: an example fence inside a ```` block is text.
    let mut open: Option<usize> = None;
    for line in text.lines() {
        let ticks = line.len() - line.trim_start_matches('`').len();
        if let Some(n) = open {
            if ticks >= n && line.trim_matches('`').trim().is_empty() {
                open = None;
            }
            continue;
        }
        if ticks >= 3 {
            open = Some(ticks);
            let info = line[ticks..].split_whitespace().next().unwrap_or("");
            out.fences.push(info.to_string());
        } else if let Some(rest) = line.strip_prefix('#') {
            let level = 1 + rest.len() - rest.trim_start_matches('#').len();
            out.headings.push(level);
        } else if line.starts_with("|---") || line.starts_with("| ---") {
            out.tables += 1;
        }
        out.includes += line.matches("{{#netfig").count();
    }
    out
}

fn chapters(lang: &str) -> Vec<String> {
    let summary = std::fs::read_to_string(root().join(format!("book/{lang}/src/SUMMARY.md")))
        .expect("SUMMARY.md");
    summary
        .lines()
        .filter_map(|l| {
            let start = l.find("](")? + 2;
            let end = l[start..].find(')')? + start;
            Some(l[start..end].to_string())
        })
        .collect()
}

fn read(lang: &str, chapter: &str) -> String {
    std::fs::read_to_string(root().join(format!("book/{lang}/src/{chapter}"))).expect("chapter")
}

#[test]
fn both_editions_have_the_same_chapters_headings_figures_and_tables() {
    let (en, zh) = (chapters("en"), chapters("zh"));
    assert_eq!(en, zh, "the editions list different chapters");
    assert!(en.len() >= 6, "{en:?}");
    for chapter in &en {
        let (a, b) = (outline(&read("en", chapter)), outline(&read("zh", chapter)));
        assert_eq!(a, b, "{chapter}: the editions differ in structure");
    }
}

#[test]
fn the_outline_sees_fences_includes_and_tables_but_not_examples_inside_fences() {
    let text = "# A\n\n## B\n\n```mermaid\ngraph LR\n```\n\n````markdown\n```mermaid\nx\n```\n````\n\n{{#netfig x.mmd}}\n\n| a |\n|---|\n";
    let o = outline(text);
    assert_eq!(o.headings, [1, 2]);
    assert_eq!(o.fences, ["mermaid", "markdown"]);
    assert_eq!(o.includes, 1);
    assert_eq!(o.tables, 1);
}

/// Terms of 谢希仁《计算机网络》 and the 全国科学技术名词审定委员会 list the Chinese edition uses, and
/// phrasings it must not (awkward, or disagreeing with the generated tables and diagrams).
#[test]
fn the_chinese_edition_uses_the_standard_terms() {
    let text: String = chapters("zh").iter().map(|c| read("zh", c)).collect();
    for term in [
        "最长报文段寿命",
        "时间等待计时器",
        "连接释放",
        "四次挥手",
        "三报文握手",
        "三次握手",
        "正在关闭",
        "虚构的状态",
    ] {
        assert!(text.contains(term), "the Chinese edition never says {term}");
    }
    for banned in [
        "同时关闭（CLOSING）",
        "网络编程者",
        "时间等待在更后面",
        "纸面上",
        "虚拟状态",
        "原状态",
        "新状态",
    ] {
        assert!(!text.contains(banned), "the Chinese edition says {banned}");
    }
}
