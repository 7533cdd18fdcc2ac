//! The translation rule for one label line.
//!
//! **Which lines.** A line's words are its maximal runs of characters that are neither Han
//! characters, nor white space, nor punctuation that separates terms (ASCII `( ) , : ; ! ? "
//! [ ]` and the full-width and CJK marks). A word is *English* when it has at least two ASCII
//! letters, a lower-case one among them, and no digit or `=`; every other word (`TCP`, `SYN`,
//! `TCP/IP`, `IPv4`, `seq=x`, `2MSL`, `x`, numbers) is a *token* that reads the same in both
//! languages and stays as written. A line is then ([`classify`]):
//! - **Chinese** — it has a Han character and no English word (`OSI七层模型（理论标准）`);
//! - **English** — no Han character and an English word (`send SYN`);
//! - **neutral** — neither (`SYN, ACK`, `seq=x`);
//! - **mixed** — both (`应用层 Application Layer`): kept as written, never reported.
//!
//! **How.** A Chinese line is translated into English (an English one into Chinese; a neutral
//! one only when the whole line is a glossary form, as `ESTABLISHED` is): first the whole
//! line, compared by [`key`] (ASCII case, white space and full-width punctuation ignored);
//! else term by term — between spaces and punctuation, the longest glossary form first
//! (Chinese: characters; English: words, the last one also without a plural `s`/`es`);
//! tokens pass through. Full-width punctuation becomes ASCII going into English (`（` → ` (`,
//! `）` → `)`, `，` → `, `, `：` → `: `) and the reverse going into Chinese. A line with any term
//! left over is not translated at all: [`Translation::Missing`] names the terms.

use super::{Entry, Glossary};
use crate::model::label::is_han;
use crate::model::Lang;

/// What a line is, for translation (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// A Han character and no English word.
    Chinese,
    /// No Han character, an English word.
    English,
    /// Neither: tokens and punctuation only (or nothing).
    Neutral,
    /// Both: kept as written.
    Mixed,
}

/// The outcome for one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Translation {
    /// The line in the other language.
    Translated(String),
    /// Nothing to translate: already in that language, neutral, or mixed.
    Kept,
    /// Not translatable whole: the terms no glossary has, in reading order, each once.
    Missing(Vec<String>),
}

/// Longest Chinese form tried term by term, in characters (longer ones match whole lines).
const TERM_CHARS: usize = 64;
/// Longest English form tried term by term, in words.
const TERM_WORDS: usize = 16;

/// Whether `c` separates terms: white space, ASCII `( ) , : ; ! ? " [ ]`, or a full-width or
/// CJK punctuation mark.
pub fn is_separator(c: char) -> bool {
    // 々 〆 〇 are ideographic, not punctuation.
    !matches!(c, '\u{3005}'..='\u{3007}') && is_punctuation_or_space(c)
}

fn is_punctuation_or_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '(' | ')' | ',' | ':' | ';' | '!' | '?' | '"' | '[' | ']')
        || matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}'
            | '\u{FF3B}'..='\u{FF40}' | '\u{FF5B}'..='\u{FF65}' | '\u{2018}'..='\u{201F}' | '\u{2026}' | '\u{00B7}')
}

/// The words of `text` (runs of what is neither Han, nor a separator).
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| is_han(c) || is_separator(c))
        .filter(|w| !w.is_empty())
}

/// Whether `word` is an English word rather than a token (see the module documentation).
pub fn is_english_word(word: &str) -> bool {
    let letters = word.chars().filter(char::is_ascii_alphabetic).count();
    letters >= 2
        && word.chars().any(|c| c.is_ascii_lowercase())
        && !word.chars().any(|c| c.is_ascii_digit() || c == '=')
}

/// What `text` is, for translation.
pub fn classify(text: &str) -> LineKind {
    let han = text.chars().any(is_han);
    let english = words(text).any(is_english_word);
    match (han, english) {
        (true, false) => LineKind::Chinese,
        (false, true) => LineKind::English,
        (false, false) => LineKind::Neutral,
        (true, true) => LineKind::Mixed,
    }
}

/// The ASCII character a full-width or CJK punctuation mark stands for, if any.
fn ascii_of(c: char) -> Option<char> {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
        '\u{3000}' => Some(' '),
        '、' => Some(','),
        '。' => Some('.'),
        '“' | '”' | '「' | '」' | '《' | '》' => Some('"'),
        '‘' | '’' => Some('\''),
        _ => None,
    }
}

/// The form `text` is compared by: full-width punctuation as ASCII, ASCII lower case, runs of
/// white space as one space, none next to a Han character or punctuation, none at the ends.
pub fn key(text: &str) -> String {
    exact_key(text).to_ascii_lowercase()
}

/// [`key`] with ASCII case kept: English forms are looked up as written first, so that
/// `SEND` (the TCP event) and `send` (the word) can have different entries.
pub fn exact_key(text: &str) -> String {
    let chars: Vec<char> = text.chars().map(|c| ascii_of(c).unwrap_or(c)).collect();
    let sticky = |c: char| is_han(c) || !c.is_alphanumeric();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            let start = i;
            while i < chars.len() && chars[i].is_whitespace() {
                i += 1;
            }
            let before = start.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i).copied();
            if let (Some(b), Some(a)) = (before, after) {
                if !sticky(b) && !sticky(a) {
                    out.push(' ');
                }
            }
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// Translates one line of text into `to` (see the module documentation).
pub fn line(glossary: &Glossary, text: &str, to: Lang) -> Translation {
    let kind = classify(text);
    let translatable = match to {
        Lang::En => kind == LineKind::Chinese,
        Lang::Zh => kind == LineKind::English || kind == LineKind::Neutral,
    };
    if !translatable {
        return Translation::Kept;
    }
    let entry = match to {
        Lang::En => glossary.zh_entry(&key(text)),
        Lang::Zh => glossary.en_entry(&exact_key(text)),
    };
    if let Some(e) = entry {
        return Translation::Translated(preferred(e, to).to_string());
    }
    if kind == LineKind::Neutral {
        return Translation::Kept;
    }
    let result = match to {
        Lang::En => into_english(glossary, text),
        Lang::Zh => into_chinese(glossary, text),
    };
    match result {
        Ok(t) => Translation::Translated(t),
        Err(missing) => Translation::Missing(missing),
    }
}

/// The form an entry is written with in `lang`.
fn preferred(e: &Entry, lang: Lang) -> &str {
    match lang {
        Lang::En => &e.en[0],
        Lang::Zh => &e.zh[0],
    }
}

/// Adds `term` to `missing` unless it is there already.
fn note_missing(missing: &mut Vec<String>, term: &mut String) {
    let t = std::mem::take(term);
    let t = t.trim();
    if !t.is_empty() && !missing.iter().any(|m| m == t) {
        missing.push(t.to_string());
    }
}

/// A Chinese line in English, or the terms missing.
fn into_english(g: &Glossary, text: &str) -> Result<String, Vec<String>> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut missing = Vec::new();
    let mut unknown = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_separator(c) {
            note_missing(&mut missing, &mut unknown);
            let a = ascii_of(c).unwrap_or(c);
            match a {
                c if c.is_whitespace() => out.push(' '),
                '(' => out.push_str(" ("),
                ',' | ':' | ';' | '.' | '!' | '?' => {
                    out.push(a);
                    out.push(' ');
                }
                _ => out.push(a),
            }
            i += 1;
            continue;
        }
        if let Some((len, e)) = longest_zh(g, &chars, i) {
            note_missing(&mut missing, &mut unknown);
            push_word(&mut out, preferred(e, Lang::En));
            i += len;
            continue;
        }
        if is_han(c) {
            unknown.push(c);
            i += 1;
            continue;
        }
        note_missing(&mut missing, &mut unknown);
        let start = i;
        while i < chars.len() && !is_separator(chars[i]) && !is_han(chars[i]) {
            i += 1;
        }
        push_word(&mut out, &chars[start..i].iter().collect::<String>());
    }
    note_missing(&mut missing, &mut unknown);
    if missing.is_empty() {
        Ok(tidy_english(&out))
    } else {
        Err(missing)
    }
}

/// Appends `word`, with a space first when both sides are letters or digits.
fn push_word(out: &mut String, word: &str) {
    let joins = out.chars().last().is_some_and(char::is_alphanumeric)
        && word.chars().next().is_some_and(char::is_alphanumeric);
    if joins {
        out.push(' ');
    }
    out.push_str(word);
}

/// One space between words, none inside brackets or before closing punctuation, none at the
/// ends.
fn tidy_english(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == ' ' {
            if !out.is_empty() && !out.ends_with(' ') && !out.ends_with('(') {
                out.push(' ');
            }
            continue;
        }
        if matches!(c, ')' | ',' | ':' | ';' | '.' | '!' | '?') && out.ends_with(' ') {
            out.pop();
        }
        out.push(c);
    }
    out.trim_end().to_string()
}

/// The longest Chinese form at `chars[i..]` that does not cut a word of ASCII letters or
/// digits: its length in characters and its entry.
fn longest_zh<'g>(g: &'g Glossary, chars: &[char], i: usize) -> Option<(usize, &'g Entry)> {
    let alnum = |j: usize| chars.get(j).is_some_and(|c| c.is_ascii_alphanumeric());
    if i > 0 && alnum(i - 1) && alnum(i) {
        return None;
    }
    let most = g.longest_zh.min(TERM_CHARS).min(chars.len() - i);
    (1..=most).rev().find_map(|len| {
        let piece = &chars[i..i + len];
        if piece.iter().any(|&c| is_separator(c)) {
            return None;
        }
        if alnum(i + len - 1) && alnum(i + len) {
            return None;
        }
        let k: String = piece.iter().map(|c| c.to_ascii_lowercase()).collect();
        g.zh_entry(&k).map(|e| (len, e))
    })
}

/// One piece of an English line: a word or a separator.
enum Piece<'a> {
    Word(&'a str),
    Separator(char),
}

/// The pieces of `text`, in order.
fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if is_separator(c) || is_han(c) {
            if let Some(s) = start.take() {
                out.push(Piece::Word(&text[s..i]));
            }
            out.push(Piece::Separator(c));
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push(Piece::Word(&text[s..]));
    }
    out
}

/// An English line in Chinese, or the terms missing.
fn into_chinese(g: &Glossary, text: &str) -> Result<String, Vec<String>> {
    let pieces = pieces(text);
    let mut out = String::new();
    let mut missing = Vec::new();
    let mut unknown = String::new();
    let mut i = 0;
    while i < pieces.len() {
        match pieces[i] {
            Piece::Separator(c) => {
                if !c.is_whitespace() {
                    note_missing(&mut missing, &mut unknown);
                }
                match c {
                    c if c.is_whitespace() => out.push(' '),
                    '(' => out.push('（'),
                    ')' => out.push('）'),
                    ',' => out.push('，'),
                    ':' => out.push('：'),
                    ';' => out.push('；'),
                    '!' => out.push('！'),
                    '?' => out.push('？'),
                    c => out.push(c),
                }
                i += 1;
            }
            Piece::Word(w) => {
                if let Some((n, e)) = longest_en(g, &pieces, i) {
                    note_missing(&mut missing, &mut unknown);
                    out.push_str(preferred(e, Lang::Zh));
                    i = n;
                } else if is_english_word(w) {
                    if !unknown.is_empty() {
                        unknown.push(' ');
                    }
                    unknown.push_str(w);
                    i += 1;
                } else {
                    note_missing(&mut missing, &mut unknown);
                    out.push_str(w);
                    i += 1;
                }
            }
        }
    }
    note_missing(&mut missing, &mut unknown);
    if missing.is_empty() {
        Ok(tidy_chinese(&out))
    } else {
        Err(missing)
    }
}

/// The longest English form starting with the word at `pieces[i]` (words separated by white
/// space only), the last word also without a plural ending: the index after it and its entry.
fn longest_en<'g>(g: &'g Glossary, pieces: &[Piece<'_>], i: usize) -> Option<(usize, &'g Entry)> {
    // The words from i on, with the index after each, up to a separator that is not a space.
    let mut run: Vec<(&str, usize)> = Vec::new();
    let mut j = i;
    while j < pieces.len() && run.len() < g.longest_en.min(TERM_WORDS) {
        match pieces[j] {
            Piece::Word(w) => run.push((w, j + 1)),
            Piece::Separator(c) if c.is_whitespace() => {}
            Piece::Separator(_) => break,
        }
        j += 1;
    }
    (1..=run.len()).rev().find_map(|n| {
        let words: Vec<&str> = run[..n].iter().map(|(w, _)| *w).collect();
        let last = words[n - 1];
        let singulars = [last.strip_suffix("es"), last.strip_suffix('s')];
        let candidates = std::iter::once(last).chain(
            singulars
                .into_iter()
                .flatten()
                .filter(|s| s.chars().count() >= 2),
        );
        candidates
            .map(|l| {
                let mut k = words[..n - 1].join(" ");
                if n > 1 {
                    k.push(' ');
                }
                k.push_str(l);
                exact_key(&k)
            })
            .find_map(|k| g.en_entry(&k))
            .map(|e| (run[n - 1].1, e))
    })
}

/// A space (one) only where the line had one between two ASCII letters or digits, or between
/// one of those and a Han character (`发送 SYN`, as the TCP names are written); none between
/// Han characters or next to punctuation, none at the ends.
fn tidy_chinese(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let latin = |c: char| c.is_ascii_alphanumeric();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let before = out.chars().last();
            let after = chars[i + 1..].iter().copied().find(|c| *c != ' ');
            let keeps = match (before, after) {
                (Some(b), Some(a)) => {
                    (latin(b) || is_han(b)) && (latin(a) || is_han(a)) && (latin(b) || latin(a))
                }
                _ => false,
            };
            if keeps && !out.ends_with(' ') {
                out.push(' ');
            }
            continue;
        }
        out.push(c);
    }
    out
}
