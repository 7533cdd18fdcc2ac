//! The `[preprocessor.netfig]` table of `book.toml`: typed values (serde), and an error that
//! names the file, the position and the key when a value is not one netfig knows.

use crate::diagnostic::{codes, Diagnostic, Finding, SourceFile, Span};
use crate::glossary::Glossary;
use crate::model::LangChoice;
use crate::pipeline::CheckMode;
use crate::pipeline::GlossaryError;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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

/// The preprocessor's configuration.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case", default, deny_unknown_fields)]
pub struct Config {
    /// Which label lines to show: `both` (default), `zh` or `en`. The default is `both`
    /// whatever `book.language` says: a Chinese book still shows the English protocol terms
    /// readers search for. (Documented in the book's netfig chapter.)
    pub lang: LangChoice,
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
    /// A glossary file (relative to the book root): a YAML list of `zh:`/`en:` pairs that
    /// translate one-language label lines under `lang = "zh"`/`"en"`, over the built-in one.
    pub glossary: Option<PathBuf>,
    /// The glossary `glossary` names, once read ([`Config::load_glossary`]).
    #[serde(skip)]
    pub loaded_glossary: Option<Arc<Glossary>>,
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
            lang: LangChoice::Both,
            on_error: OnError::Fail,
            check: CheckMode::Deny,
            flowchart_fences: vec!["mermaid".into(), "flowchart".into()],
            tcp_fences: vec!["tcp-states".into()],
            template_dir: None,
            glossary: None,
            loaded_glossary: None,
            _command: None,
            _before: None,
            _after: None,
            _renderers: None,
            _optional: None,
        }
    }
}

impl Config {
    /// The table of the book.toml text `text` (named `file` in errors), or the defaults when it
    /// has none. A value netfig does not know is an error naming the file, line:col and key.
    pub fn from_book_toml(file: &str, text: &str) -> Result<Config, ConfigError> {
        #[derive(Deserialize, Default)]
        struct BookToml {
            #[serde(default)]
            preprocessor: Preprocessors,
        }
        #[derive(Deserialize, Default)]
        struct Preprocessors {
            netfig: Option<Config>,
        }
        match toml::from_str::<BookToml>(text) {
            Ok(book) => Ok(book.preprocessor.netfig.unwrap_or_default()),
            Err(e) => Err(ConfigError::located(file, text, &e)),
        }
    }

    /// The table of the book being built: `book` is mdBook's (already merged) configuration;
    /// an invalid table is located in `root`/book.toml when the file shows the problem.
    pub fn from_mdbook(
        root: &Path,
        book: &mdbook_preprocessor::config::Config,
    ) -> Result<Config, ConfigError> {
        match book.get::<Config>("preprocessor.netfig") {
            Ok(config) => Ok(config.unwrap_or_default()),
            Err(e) => {
                if let Ok(text) = crate::input::read_file(&root.join("book.toml")) {
                    Config::from_book_toml("book.toml", &text)?;
                }
                // Not in the file (an `MDBOOK_…` environment override): mdBook's words.
                Err(ConfigError {
                    file: "book.toml".into(),
                    line_col: None,
                    key: None,
                    message: format!("{:#}", e).replace('\n', " "),
                })
            }
        }
    }

    /// Reads the glossary `glossary` names (relative to `root`, the book's folder) into
    /// `loaded_glossary`: what is wrong with it, as findings in the glossary file (named
    /// `shown_root`/`glossary`; the built-in glossary is used meanwhile).
    pub fn load_glossary(&mut self, root: &Path, shown_root: &Path) -> Vec<Finding> {
        let Some(file) = &self.glossary else {
            return Vec::new();
        };
        let shown = shown_root.join(file);
        match crate::pipeline::read_glossary(&root.join(file), &shown.display().to_string()) {
            Ok(g) => {
                self.loaded_glossary = Some(g);
                Vec::new()
            }
            Err(GlossaryError::Invalid(report)) => report
                .diagnostics
                .into_iter()
                .map(|diagnostic| Finding {
                    file: report.file.clone(),
                    diagnostic,
                })
                .collect(),
            Err(GlossaryError::Read(e)) => vec![Finding {
                file: Arc::new(SourceFile::new("book.toml", "")),
                diagnostic: Diagnostic::error(
                    codes::lang::BAD_GLOSSARY,
                    Span::default(),
                    format!(
                        "[preprocessor.netfig] glossary: cannot read {}: {e}",
                        shown.display()
                    ),
                ),
            }],
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

/// A `[preprocessor.netfig]` table (or the book.toml holding it) netfig cannot use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file, as shown (`book.toml`).
    pub file: String,
    /// 1-based line and column (in characters) of the problem, when known.
    pub line_col: Option<(usize, usize)>,
    /// The key of `[preprocessor.netfig]` whose value is wrong (or that is unknown), when known.
    pub key: Option<String>,
    /// What is wrong, e.g. ``unknown variant `fr`, expected one of `zh`, `en`, `both` ``.
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some((line, col)) = self.line_col {
            write!(f, ":{line}:{col}")?;
        }
        match &self.key {
            Some(key) => write!(f, ": [preprocessor.netfig] {key}: {}", self.message),
            None => write!(f, ": {}", self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

impl ConfigError {
    /// `e`, met deserializing `text`, with its position and the netfig key it falls in.
    fn located(file: &str, text: &str, e: &toml::de::Error) -> ConfigError {
        let span = e.span();
        let line_col = span.as_ref().map(|s| line_col(text, s.start));
        let key = span.and_then(|s| netfig_key_at(text, s.start));
        ConfigError {
            file: file.to_string(),
            line_col,
            key,
            message: e.message().trim_end().replace('\n', " "),
        }
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// The key of `[preprocessor.netfig]` whose entry (key or value) covers byte `offset`.
fn netfig_key_at(text: &str, offset: usize) -> Option<String> {
    use toml::de::{DeTable, DeValue};
    fn table<'a, 'i>(t: &'a DeTable<'i>, name: &str) -> Option<&'a DeTable<'i>> {
        t.iter().find_map(|(k, v)| match v.get_ref() {
            DeValue::Table(inner) if k.get_ref().as_ref() == name => Some(inner),
            _ => None,
        })
    }
    let root = DeTable::parse(text).ok()?;
    let netfig = table(table(root.get_ref(), "preprocessor")?, "netfig")?;
    netfig.iter().find_map(|(k, v)| {
        let covers =
            |s: std::ops::Range<usize>| s.start <= offset && offset < s.end.max(s.start + 1);
        (covers(k.span()) || covers(v.span())).then(|| k.get_ref().to_string())
    })
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
        assert_eq!(c.lang, LangChoice::Zh);
        assert_eq!(c.on_error, OnError::Render);
        assert_eq!(c.check, CheckMode::Warn);
        assert_eq!(
            c.claimed_fences(),
            vec!["flow".to_string(), "tcp-states".to_string()]
        );
    }

    #[test]
    fn a_bad_value_names_the_file_position_and_key() {
        let text = "[book]\ntitle = \"t\"\n\n[preprocessor.netfig]\nlang = \"fr\"\n";
        let e = Config::from_book_toml("book.toml", text).unwrap_err();
        assert_eq!(
            e.to_string(),
            "book.toml:5:8: [preprocessor.netfig] lang: unknown variant `fr`, expected one of `zh`, `en`, `both`"
        );
        let e = Config::from_book_toml("b/book.toml", "[preprocessor.netfig]\ncheck = \"maybe\"\n")
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "b/book.toml:2:9: [preprocessor.netfig] check: unknown variant `maybe`, expected one of `deny`, `warn`, `off`"
        );
    }

    #[test]
    fn a_good_table_and_no_table() {
        let c = Config::from_book_toml(
            "book.toml",
            "[preprocessor.netfig]\nlang = \"en\"\ncheck = \"off\"\n",
        )
        .unwrap();
        assert_eq!((c.lang, c.check), (LangChoice::En, CheckMode::Off));
        assert_eq!(
            Config::from_book_toml("book.toml", "[book]\n").unwrap(),
            Config::default()
        );
    }

    #[test]
    fn rejects_unknown_keys() {
        assert!(toml::from_str::<Config>("colour = \"red\"\n").is_err());
    }
}
