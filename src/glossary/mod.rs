//! The bilingual glossary that turns a label line written in one language into the other
//! (`--lang en` on a Chinese-only line, `--lang zh` on an English-only one).
//!
//! Built in, as data: `builtin.txt` (layer and model names, the everyday vocabulary of
//! networking texts, each section naming where its Chinese terms come from) and the TCP
//! state, event and action names of [`crate::tcp::names`] (their one definition). A user's
//! glossary (`--glossary FILE`, `glossary = "…"` in book.toml) is a YAML list of `zh:`/`en:`
//! pairs read by [`Glossary::with_user`]; its entries win over the built-in ones.
//!
//! [`translate::line`] is the translation rule; [`apply`] runs it over every label of every
//! kind of diagram, the one place the pipeline calls, and reports what it could not translate
//! (`W-LANG-001`).

pub mod apply;
mod data;
pub mod translate;
mod user;

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

pub use translate::{classify, line, LineKind, Translation};

/// One entry: the Chinese and English forms of one term. The first form on each side is the
/// one translation writes; every form is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Chinese forms, the preferred one first.
    pub zh: Vec<String>,
    /// English forms, the preferred one first.
    pub en: Vec<String>,
    /// Where the Chinese terms come from (a book, a terminology standard, a user's file).
    pub source: String,
}

/// Entries and their lookup tables. Lookups are by normalised form ([`translate::key`]); the
/// first entry that has a form translates it (a user's entries come first).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Glossary {
    entries: Vec<Entry>,
    /// Normalised Chinese form → entry.
    zh: BTreeMap<String, usize>,
    /// Normalised English form → entry.
    en: BTreeMap<String, usize>,
    /// English form, normalised but with its case → entry.
    en_exact: BTreeMap<String, usize>,
    /// The longest Chinese key, in characters.
    longest_zh: usize,
    /// The longest English key, in words.
    longest_en: usize,
}

impl Glossary {
    /// The built-in glossary (built once).
    pub fn builtin() -> Arc<Glossary> {
        static BUILTIN: OnceLock<Arc<Glossary>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| Arc::new(Glossary::from_entries(data::builtin_entries())))
            .clone()
    }

    /// The built-in glossary under a user's: the YAML text `text` (spans are into it),
    /// or every problem in it, located.
    pub fn with_user(text: &str) -> Result<Glossary, Vec<crate::diagnostic::Diagnostic>> {
        let mut entries = user::parse(text)?;
        entries.extend(data::builtin_entries());
        Ok(Glossary::from_entries(entries))
    }

    /// A glossary of `entries`, the first having a form translating it.
    pub fn from_entries(entries: Vec<Entry>) -> Glossary {
        let mut g = Glossary {
            entries,
            ..Glossary::default()
        };
        for (i, e) in g.entries.iter().enumerate() {
            for zh in &e.zh {
                let k = translate::key(zh);
                if !k.is_empty() {
                    g.longest_zh = g.longest_zh.max(k.chars().count());
                    g.zh.entry(k).or_insert(i);
                }
            }
            for en in &e.en {
                let k = translate::key(en);
                if !k.is_empty() {
                    g.longest_en = g.longest_en.max(k.split(' ').count());
                    g.en.entry(k).or_insert(i);
                    g.en_exact.entry(translate::exact_key(en)).or_insert(i);
                }
            }
        }
        g
    }

    /// Whether `text` reads as a glossary file rather than a TCP state machine (both are
    /// YAML): its first line that is not blank or a comment starts a list item with `zh` or
    /// `en` (`- zh: …`, `- {en: …}`). `netfig check` checks such a file as a glossary.
    pub fn is_glossary(text: &str) -> bool {
        let Some(first) = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with('#') && *l != "---")
        else {
            return false;
        };
        let Some(item) = first.strip_prefix('-') else {
            return false;
        };
        let item = item.trim_start().trim_start_matches('{').trim_start();
        ["zh:", "en:", "\"zh\":", "\"en\":"]
            .iter()
            .any(|k| item.starts_with(k))
    }

    /// Every entry, in lookup order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry with the Chinese form whose normalised key is `key`.
    fn zh_entry(&self, key: &str) -> Option<&Entry> {
        self.zh.get(key).map(|&i| &self.entries[i])
    }

    /// The entry with the English form `exact` ([`translate::exact_key`]): as written first,
    /// then regardless of ASCII case.
    fn en_entry(&self, exact: &str) -> Option<&Entry> {
        self.en_exact
            .get(exact)
            .or_else(|| self.en.get(&exact.to_ascii_lowercase()))
            .map(|&i| &self.entries[i])
    }
}

#[cfg(test)]
mod tests;
