//! The `[preprocessor.netfig]` table of `book.toml`.

use crate::model::LangChoice;
use serde::Deserialize;
use std::path::PathBuf;

/// What to do when a diagram has errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OnError {
    /// Print every diagnostic and fail the build.
    #[default]
    Fail,
    /// Print every diagnostic and put a visible error box in the page instead of the diagram.
    Render,
}

/// How TCP definitions are checked against RFC 9293.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckMode {
    /// Check findings are errors.
    #[default]
    Deny,
    /// Check findings are printed as warnings; the diagram is still rendered.
    Warn,
    /// No checking.
    Off,
}

/// The preprocessor's configuration.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case", default, deny_unknown_fields)]
pub struct Config {
    /// Which label lines to show: `both` (default), `zh` or `en`.
    pub lang: Option<String>,
    /// `fail` (default) or `render`.
    pub on_error: OnError,
    /// `deny` (default), `warn` or `off`.
    pub check: CheckMode,
    /// Fence names rendered as flowcharts.
    pub flowchart_fences: Vec<String>,
    /// Fence names rendered as TCP state machines.
    pub tcp_fences: Vec<String>,
    /// A folder with templates overriding `templates/` (relative to the book root).
    pub template_dir: Option<PathBuf>,
    // Keys mdBook itself puts in every preprocessor table.
    #[serde(rename = "command")]
    #[doc(hidden)]
    pub _command: Option<String>,
    #[serde(rename = "before")]
    #[doc(hidden)]
    pub _before: Option<Vec<String>>,
    #[serde(rename = "after")]
    #[doc(hidden)]
    pub _after: Option<Vec<String>>,
    #[serde(rename = "renderers")]
    #[doc(hidden)]
    pub _renderers: Option<Vec<String>>,
    #[serde(rename = "optional")]
    #[doc(hidden)]
    pub _optional: Option<bool>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            lang: None,
            on_error: OnError::Fail,
            check: CheckMode::Deny,
            flowchart_fences: vec!["mermaid".into(), "flowchart".into()],
            tcp_fences: vec!["tcp-states".into()],
            template_dir: None,
            _command: None,
            _before: None,
            _after: None,
            _renderers: None,
            _optional: None,
        }
    }
}

impl Config {
    /// The language to use. An explicit `lang` wins; otherwise `both`, whatever
    /// `book.language` says: a Chinese book still shows the English protocol terms readers
    /// search for. (Documented in the book's netfig chapter.)
    pub fn lang_choice(&self) -> Result<LangChoice, String> {
        match &self.lang {
            Some(l) => l.parse(),
            None => Ok(LangChoice::Both),
        }
    }
    /// Every fence name netfig claims.
    pub fn claimed_fences(&self) -> Vec<String> {
        self.flowchart_fences
            .iter()
            .chain(&self.tcp_fences)
            .cloned()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_kebab_case_table() {
        let c: Config = toml::from_str(
            "lang = \"zh\"\non-error = \"render\"\ncheck = \"warn\"\nflowchart-fences = [\"flow\"]\ncommand = \"mdbook-netfig\"\nafter = [\"links\"]\n",
        )
        .unwrap();
        assert_eq!(c.lang_choice().unwrap(), LangChoice::Zh);
        assert_eq!(c.on_error, OnError::Render);
        assert_eq!(c.check, CheckMode::Warn);
        assert_eq!(
            c.claimed_fences(),
            vec!["flow".to_string(), "tcp-states".to_string()]
        );
    }

    #[test]
    fn rejects_unknown_keys() {
        assert!(toml::from_str::<Config>("colour = \"red\"\n").is_err());
    }
}
