//! The reader the event reader replaced: serde-saphyr's `Spanned<T>` through serde. A test
//! oracle only (a submodule of the unit tests, never compiled into the library): the event
//! reader is compared with it (same trees, same spans, errors at the same place). It stays an
//! in-crate unit test because it compares the crate-private `Node` trees.

use crate::diagnostic::{Diagnostic, Span};
use crate::tcp::codes;
use crate::tcp::tree::{byte_offset, clamp_boundary, Kind, Node};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::options::DuplicateKeyPolicy;
use serde_saphyr::{Location, Spanned};
use std::fmt;

/// The raw shape serde-saphyr hands us; converted to [`Node`] with the source at hand.
#[derive(Debug)]
enum Raw {
    Null,
    Str(String),
    Other,
    Seq(Vec<Spanned<Raw>>),
    Map(Vec<(Spanned<Raw>, Spanned<Raw>)>),
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Raw;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any YAML value")
            }
            fn visit_unit<E>(self) -> Result<Raw, E> {
                Ok(Raw::Null)
            }
            fn visit_none<E>(self) -> Result<Raw, E> {
                Ok(Raw::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Raw, D::Error> {
                Raw::deserialize(d)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Raw, E> {
                Ok(Raw::Other)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Raw, E> {
                Ok(Raw::Other)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Raw, E> {
                Ok(Raw::Other)
            }
            fn visit_i128<E>(self, _: i128) -> Result<Raw, E> {
                Ok(Raw::Other)
            }
            fn visit_u128<E>(self, _: u128) -> Result<Raw, E> {
                Ok(Raw::Other)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Raw, E> {
                Ok(Raw::Other)
            }
            fn visit_char<E>(self, v: char) -> Result<Raw, E> {
                Ok(Raw::Str(v.to_string()))
            }
            fn visit_str<E>(self, v: &str) -> Result<Raw, E> {
                Ok(Raw::Str(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<Raw, E> {
                Ok(Raw::Str(v))
            }
            fn visit_bytes<E>(self, _: &[u8]) -> Result<Raw, E> {
                Ok(Raw::Other)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Raw, A::Error> {
                let mut items = Vec::new();
                while let Some(x) = a.next_element()? {
                    items.push(x);
                }
                Ok(Raw::Seq(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Raw, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = a.next_entry()? {
                    entries.push(entry);
                }
                Ok(Raw::Map(entries))
            }
            fn visit_enum<A: de::EnumAccess<'de>>(self, _: A) -> Result<Raw, A::Error> {
                Ok(Raw::Other)
            }
        }
        d.deserialize_any(V)
    }
}

/// Parses `source` into a node tree, or one syntax error with its position.
pub(super) fn parse(source: &str) -> Result<Node, Diagnostic> {
    let options = serde_saphyr::options! {
        duplicate_keys: DuplicateKeyPolicy::PassThrough,
    };
    match serde_saphyr::from_str_with_options::<Spanned<Raw>>(source, options) {
        Ok(raw) => Ok(convert(source, raw)),
        Err(e) => {
            let at = e
                .location()
                .map(|l| location_span(source, &l))
                .unwrap_or_default();
            Err(Diagnostic::error(
                codes::YAML_SYNTAX,
                at,
                format!(
                    "invalid YAML: {}",
                    bare_message(&e.without_snippet().to_string())
                ),
            ))
        }
    }
}

/// `error: line 3 column 5: unclosed bracket '{'` → `unclosed bracket '{'`.
fn bare_message(rendered: &str) -> String {
    let first = rendered.lines().next().unwrap_or(rendered);
    let rest = first.strip_prefix("error: ").unwrap_or(first);
    let rest = match rest.strip_prefix("line ") {
        Some(r) => r.split_once(": ").map_or(rest, |(_, m)| m),
        None => rest,
    };
    if rest.starts_with("multiple YAML documents") {
        return "a second YAML document (`---`); one definition per file".to_string();
    }
    // Some messages repeat the position at the end: `… at line 5, column 5`.
    let rest = match rest.rfind(" at line ") {
        Some(i) => &rest[..i],
        None => rest,
    };
    rest.trim().to_string()
}

fn convert(source: &str, raw: Spanned<Raw>) -> Node {
    let span = location_span(source, &raw.referenced);
    let kind = match raw.value {
        Raw::Null => Kind::Null,
        Raw::Str(s) => {
            // Keep the author's text for plain scalars: the parsed string may have folded lines,
            // but for a one-line plain scalar the two are the same.
            Kind::Scalar(s)
        }
        Raw::Other => Kind::Scalar(
            source
                .get(span.start..span.end)
                .unwrap_or_default()
                .trim()
                .to_string(),
        ),
        Raw::Seq(items) => Kind::Seq(items.into_iter().map(|x| convert(source, x)).collect()),
        Raw::Map(entries) => Kind::Map(
            entries
                .into_iter()
                .map(|(k, v)| (convert(source, k), convert(source, v)))
                .collect(),
        ),
    };
    Node { kind, span }
}

/// A saphyr location as a byte span: its byte offsets when it has them, otherwise its 1-based
/// line and character column converted (column counts characters, so multi-byte text before
/// the position is stepped over char by char).
fn location_span(source: &str, loc: &Location) -> Span {
    let s = loc.span();
    if let (Some(off), Some(len)) = (s.byte_offset(), s.byte_len()) {
        let start = clamp_boundary(source, off as usize);
        let end = clamp_boundary(source, start + len as usize);
        return Span::new(start, end);
    }
    let start = byte_offset(source, loc.line() as usize, loc.column() as usize);
    Span::new(start, start)
}
