//! Bilingual labels: lines of styled text runs, each line Chinese or English.

/// The language of one label line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// The line contains Han characters.
    Zh,
    /// Everything else.
    En,
}

/// Which label lines to show (`--lang`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum LangChoice {
    /// Chinese lines only (a label with no Chinese line keeps its lines).
    Zh,
    /// English lines only (a label with no English line keeps its lines).
    En,
    /// Every line.
    #[default]
    Both,
}

impl std::str::FromStr for LangChoice {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "zh" => Ok(LangChoice::Zh),
            "en" => Ok(LangChoice::En),
            "both" => Ok(LangChoice::Both),
            _ => Err(format!("unknown language `{s}` (expected zh, en or both)")),
        }
    }
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
}

impl LabelLine {
    /// A line of one unstyled run.
    pub fn plain(text: impl Into<String>) -> Self {
        LabelLine {
            runs: vec![TextRun {
                text: text.into(),
                bold: false,
                italic: false,
            }],
            rule: false,
        }
    }
    /// A horizontal rule (`<hr>`).
    pub fn rule() -> Self {
        LabelLine {
            runs: Vec::new(),
            rule: true,
        }
    }
    /// The line's text without styles.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
    /// Chinese if the line contains a Han character, otherwise English.
    pub fn lang(&self) -> Lang {
        if self.runs.iter().any(|r| r.text.chars().any(is_han)) {
            Lang::Zh
        } else {
            Lang::En
        }
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
    /// A label from plain text; `\n` separates lines.
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
    /// The lines to show for `choice`: `Both` keeps all; `Zh`/`En` keep that language's lines,
    /// unless the label has none of them, in which case it keeps everything.
    pub fn select(&self, choice: LangChoice) -> Label {
        let want = match choice {
            LangChoice::Both => return self.clone(),
            LangChoice::Zh => Lang::Zh,
            LangChoice::En => Lang::En,
        };
        let kept: Vec<LabelLine> = self
            .lines
            .iter()
            // A rule separates lines; alone with one language it would separate nothing.
            .filter(|l| !l.rule && l.lang() == want)
            .cloned()
            .collect();
        if kept.is_empty() {
            self.clone()
        } else {
            Label { lines: kept }
        }
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
        assert_eq!(LabelLine::plain("（）").lang(), Lang::En);
        assert_eq!(LabelLine::plain("OSI七层").lang(), Lang::Zh);
    }
}
