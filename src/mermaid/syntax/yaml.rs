//! A small ordered YAML value, deserialised with `serde-saphyr`, so configuration keys keep the
//! order the author wrote them in (theme variables are emitted in that order).

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// A YAML value with mappings kept in source order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Yaml {
    Null,
    Bool(bool),
    /// Numbers and strings, as text.
    Scalar(String),
    Seq(Vec<Yaml>),
    Map(Vec<(String, Yaml)>),
}

impl Yaml {
    /// The scalar as text (`true`, `12`, `dark`); `None` for null, sequences and mappings.
    pub(crate) fn as_text(&self) -> Option<String> {
        match self {
            Yaml::Bool(b) => Some(b.to_string()),
            Yaml::Scalar(s) => Some(s.clone()),
            _ => None,
        }
    }
    /// The entries of a mapping (empty otherwise).
    pub(crate) fn entries(&self) -> &[(String, Yaml)] {
        match self {
            Yaml::Map(m) => m,
            _ => &[],
        }
    }
}

struct YamlVisitor;

impl<'de> Visitor<'de> for YamlVisitor {
    type Value = Yaml;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Yaml, E> {
        Ok(Yaml::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Yaml, E> {
        Ok(Yaml::Scalar(v.to_string()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Yaml, E> {
        Ok(Yaml::Scalar(v.to_string()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Yaml, E> {
        Ok(Yaml::Scalar(v.to_string()))
    }
    fn visit_str<E>(self, v: &str) -> Result<Yaml, E> {
        Ok(Yaml::Scalar(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Yaml, E> {
        Ok(Yaml::Scalar(v))
    }
    fn visit_unit<E>(self) -> Result<Yaml, E> {
        Ok(Yaml::Null)
    }
    fn visit_none<E>(self) -> Result<Yaml, E> {
        Ok(Yaml::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Yaml, D::Error> {
        Yaml::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Yaml, A::Error> {
        let mut v = Vec::new();
        while let Some(x) = a.next_element()? {
            v.push(x);
        }
        Ok(Yaml::Seq(v))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Yaml, A::Error> {
        let mut v = Vec::new();
        while let Some((k, x)) = a.next_entry::<Yaml, Yaml>()? {
            let key = k.as_text().unwrap_or_default();
            v.push((key, x));
        }
        Ok(Yaml::Map(v))
    }
}

impl<'de> Deserialize<'de> for Yaml {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(YamlVisitor)
    }
}

/// What a YAML text past the reader's limits is told.
pub(crate) const TOO_LARGE: &str =
    "more than netfig reads: too many values (aliases expanded), aliases or anchors, or nested too deep";

/// Parses YAML text; on failure, the error's 1-based line and column (if known) and message.
pub(crate) fn parse(text: &str) -> Result<Yaml, (Option<(usize, usize)>, String)> {
    serde_saphyr::from_str::<Yaml>(text).map_err(|e| {
        let loc = e
            .location()
            .filter(|l| l.line() > 0)
            .map(|l| (l.line() as usize, l.column().max(1) as usize));
        let msg = e.to_string();
        let mut first = msg.lines().next().unwrap_or("invalid YAML");
        first = first.strip_prefix("error: ").unwrap_or(first);
        // Positions are relative to the YAML block; the diagnostic's span carries the real one.
        if first.starts_with("line ") {
            first = first.split_once(": ").map_or(first, |(_, m)| m);
        }
        // The reader's limits (values with aliases expanded, anchors, nesting) are reported
        // in its own debug notation: say what they mean instead.
        if matches!(e, serde_saphyr::Error::Budget { .. }) || first.starts_with("budget breached") {
            return (loc, TOO_LARGE.to_string());
        }
        let first = first.to_string();
        (loc, first)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_alias_bomb_is_told_in_words() {
        // Each level repeats the one before ten times: 10^7 values once expanded.
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (prev, name) in ["a", "b", "c", "d", "e", "f"]
            .iter()
            .zip(["b", "c", "d", "e", "f", "g"])
        {
            let refs = vec![format!("*{prev}"); 10].join(", ");
            text.push_str(&format!("{name}: &{name} [{refs}]\n"));
        }
        text.push_str("config: *g\n");
        let (_, msg) = parse(&text).expect_err("too large");
        assert_eq!(msg, TOO_LARGE);
        assert!(!msg.contains('{'), "{msg}");
    }

    #[test]
    fn ordinary_errors_keep_the_reader_s_message() {
        let (loc, msg) = parse("a: [1, 2\n").expect_err("unclosed");
        assert!(loc.is_some());
        assert_ne!(msg, TOO_LARGE);
    }
}
