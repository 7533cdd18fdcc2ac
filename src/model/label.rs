//! Bilingual labels: lines of styled text runs, each line Chinese or English.
//!
//! A line's language is set once, by the front end that builds it (the mermaid front end
//! guesses it from the text with [`Lang::of_text`]; the TCP front end knows it from the `zh` and
//! `en` fields); [`Label::select`] is the one place that keeps the lines a [`LangChoice`] asks
//! for, for diagrams, tables, legends and titles alike.

use serde::{Deserialize, Serialize};

/// The language of one label line. Serialized `zh` / `en`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Chinese.
    Zh,
    /// English (and any text without Han characters, when guessed).
    #[default]
    En,
}

impl Lang {
    /// The guess for text whose language nobody stated: Chinese if it contains a Han
    /// character, otherwise English (full-width punctuation alone is not Chinese).
    pub fn of_text(text: &str) -> Lang {
        if text.chars().any(is_han) {
            Lang::Zh
        } else {
            Lang::En
        }
    }
}

/// Which label lines to show (`--lang`, `lang =` in book.toml, `lang=` on a block).
/// Serialized and parsed as `zh`, `en`, `both`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum LangChoice {
    /// Chinese lines only (a label with no Chinese line keeps its lines).
    Zh,
    /// English lines only (a label with no English line keeps its lines).
    En,
    /// Every line.
    #[default]
    Both,
}

/// A run of text with one style.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextRun {
    /// The text, entities already decoded, no markup.
    pub text: String,
    /// Markdown `**bold**`.
    pub bold: bool,
    /// Markdown `_italic_` / `*italic*`.
    pub italic: bool,
}

/// One line of a label.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LabelLine {
    /// Styled runs, in reading order.
    pub runs: Vec<TextRun>,
    /// A horizontal rule (`<hr>`) in place of text: no runs, drawn across the label at the
    /// middle of this line's box.
    pub rule: bool,
    /// The line's language, set by the front end that built the line (a rule's is
    /// meaningless: [`Label::select`] never keeps a rule alone).
    pub lang: Lang,
}

impl LabelLine {
    /// A line of one unstyled run in `lang`.
    pub fn new(text: impl Into<String>, lang: Lang) -> Self {
        LabelLine {
            runs: vec![TextRun {
                text: text.into(),
                bold: false,
                italic: false,
            }],
            rule: false,
            lang,
        }
    }
    /// A line of one unstyled run, its language guessed from the text ([`Lang::of_text`]).
    pub fn plain(text: impl Into<String>) -> Self {
        let text = text.into();
        let lang = Lang::of_text(&text);
        LabelLine::new(text, lang)
    }
    /// A horizontal rule (`<hr>`).
    pub fn rule() -> Self {
        LabelLine {
            runs: Vec::new(),
            rule: true,
            lang: Lang::default(),
        }
    }
    /// The line's text without styles.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// Whether `c` is a Han (CJK ideograph) character.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2A6DF | 0x2A700..=0x2EBEF
        | 0x30000..=0x3134F | 0x3007)
}

/// A label: zero or more lines.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Label {
    /// Lines, top to bottom.
    pub lines: Vec<LabelLine>,
}

impl Label {
    /// A label from plain text; `\n` separates lines, each line's language guessed
    /// ([`LabelLine::plain`]).
    pub fn plain(text: &str) -> Self {
        Label {
            lines: text.split('\n').map(LabelLine::plain).collect(),
        }
    }
    /// Whether there is nothing to show.
    pub fn is_empty(&self) -> bool {
        self.lines
            .iter()
            .all(|l| l.runs.iter().all(|r| r.text.trim().is_empty()))
    }
    /// The label's text, lines joined with `\n`.
    pub fn text(&self) -> String {
        self.lines
            .iter()
            .map(LabelLine::text)
            .collect::<Vec<_>>()
            .join("\n")
    }
    /// The lines to show for `choice`: `Both` keeps all; `Zh`/`En` keep the lines stored as
    /// that language (and a rule between two of them), unless the label has none of them, in
    /// which case it keeps everything.
    /// Nothing is guessed here: each line's language was set when it was built.
    pub fn select(&self, choice: LangChoice) -> Label {
        let want = match choice {
            LangChoice::Both => return self.clone(),
            LangChoice::Zh => Lang::Zh,
            LangChoice::En => Lang::En,
        };
        let keep = |l: &LabelLine| !l.rule && l.lang == want;
        let kept: Vec<LabelLine> = self
            .lines
            .iter()
            .enumerate()
            // A rule separates lines: it stays between two kept lines (a label translated
            // whole keeps its rules), never beside the other language's lines.
            .filter(|(i, l)| {
                keep(l)
                    || (l.rule
                        && self.lines[..*i].last().is_some_and(keep)
                        && self.lines.get(i + 1).is_some_and(keep))
            })
            .map(|(_, l)| l.clone())
            .collect();
        if kept.is_empty() {
            self.clone()
        } else {
            Label { lines: kept }
        }
    }
    /// The label's lines on one line, joined with a space (titles, tooltips, descriptions).
    pub fn one_line(&self) -> String {
        self.lines
            .iter()
            .map(LabelLine::text)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn select_keeps_language_lines() {
        let l = Label::plain("应用层\nApplication Layer");
        assert_eq!(l.select(LangChoice::Zh).text(), "应用层");
        assert_eq!(l.select(LangChoice::En).text(), "Application Layer");
        assert_eq!(
            l.select(LangChoice::Both).text(),
            "应用层\nApplication Layer"
        );
    }

    #[test]
    fn single_language_label_survives_other_choice() {
        assert_eq!(Label::plain("Start").select(LangChoice::Zh).text(), "Start");
        assert_eq!(Label::plain("开始").select(LangChoice::En).text(), "开始");
    }

    #[test]
    fn full_width_punctuation_alone_is_not_chinese() {
        assert_eq!(LabelLine::plain("（）").lang, Lang::En);
        assert_eq!(LabelLine::plain("OSI七层").lang, Lang::Zh);
    }

    #[test]
    fn select_uses_the_stored_language_not_the_text() {
        // A Chinese name without Han characters (an abbreviation) is still the Chinese line.
        let l = Label {
            lines: vec![
                LabelLine::new("CW", Lang::Zh),
                LabelLine::new("CLOSE-WAIT", Lang::En),
            ],
        };
        assert_eq!(l.select(LangChoice::Zh).text(), "CW");
        assert_eq!(l.select(LangChoice::En).text(), "CLOSE-WAIT");
        assert_eq!(l.select(LangChoice::Both).text(), "CW\nCLOSE-WAIT");
    }

    #[test]
    fn a_rule_stays_between_two_kept_lines_only() {
        let both = Label {
            lines: vec![
                LabelLine::plain("应用层"),
                LabelLine::rule(),
                LabelLine::plain("Application Layer"),
            ],
        };
        assert_eq!(both.select(LangChoice::En).lines.len(), 1);
        let english = Label {
            lines: vec![
                LabelLine::plain("Header"),
                LabelLine::rule(),
                LabelLine::plain("Data"),
            ],
        };
        assert_eq!(english.select(LangChoice::En), english);
    }

    #[test]
    fn stored_single_language_label_survives_other_choice() {
        let zh_only = Label {
            lines: vec![LabelLine::new("ABC", Lang::Zh)],
        };
        assert_eq!(zh_only.select(LangChoice::En).text(), "ABC");
    }
}
