//! A message's text → the [`Segment`] it describes, in any of the three notations people draw
//! TCP exchanges with:
//!
//! * **RFC 9293** (its Figures 6–13): `<SEQ=100><ACK=301><CTL=SYN,ACK><DATA>`; `<WND=…>` and
//!   `<LEN=…>` are read too (`LEN` is the data length). Leading `...` (the RFC's "in flight")
//!   is allowed.
//! * **Textbook**: flags as `SYN=1`, `ACK=1`, `FIN=1`, `RST=1`, numbers as lower-case `seq=x`,
//!   `ack=y+1` (`ACK=` in capitals is the flag, `ack=` the number), separated by commas,
//!   full-width commas or spaces.
//! * **Plain flag names**: `SYN`, `SYN, ACK`, `SYN+ACK`, `SYN-ACK`, `SYN/ACK`, `FIN, ACK`,
//!   `RST`, `[SYN, ACK]` (Wireshark), each optionally followed by `seq=…`, `ack=…`, `len=…`
//!   (Wireshark's `Win=`, `MSS=`, `WS=`, `SACK_PERM`, `TSval=`, `TSecr=` are read and ignored).
//!
//! A number is an integer (32 bits) or a symbol with an offset: `x`, `x+1`, `ISN-1`. A label
//! line whose first item is not segment syntax is commentary; a line that starts as a segment
//! and then holds something else is an error (text in parentheses at its end is commentary).
//! The parser returns errors, never panics, and reads each line once (linear time).

/// A sequence or acknowledgment number as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Number {
    /// An integer (sequence space is 32 bits).
    Literal(u32),
    /// A symbol for an unknown number, with an offset: `x+1` is `("x", 1)`.
    Symbol {
        /// The symbol (`x`, `ISN`).
        name: String,
        /// What is added to it.
        offset: i64,
    },
}

impl std::fmt::Display for Number {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Number::Literal(n) => write!(f, "{n}"),
            Number::Symbol { name, offset: 0 } => write!(f, "{name}"),
            Number::Symbol { name, offset } if *offset > 0 => write!(f, "{name}+{offset}"),
            Number::Symbol { name, offset } => write!(f, "{name}{offset}"),
        }
    }
}

/// The control bits a segment carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Flags {
    /// SYN.
    pub syn: bool,
    /// ACK.
    pub ack: bool,
    /// FIN.
    pub fin: bool,
    /// RST.
    pub rst: bool,
}

impl Flags {
    /// RFC spelling of the bits set, `SYN,ACK` (empty if none).
    pub fn name(self) -> String {
        let mut out: Vec<&str> = Vec::new();
        for (set, name) in [
            (self.syn, "SYN"),
            (self.fin, "FIN"),
            (self.rst, "RST"),
            (self.ack, "ACK"),
        ] {
            if set {
                out.push(name);
            }
        }
        out.join(",")
    }
}

/// A value and the text it was read from (to point at it).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Written<T> {
    /// The value.
    pub value: T,
    /// The item as written, e.g. `ack=u+1` or `<ACK=301>`.
    pub text: String,
}

/// Which notation a segment was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Notation {
    /// `<SEQ=100><CTL=SYN>`.
    Rfc,
    /// `SYN=1, seq=x`.
    Textbook,
    /// `SYN, ACK seq=y`.
    Flags,
}

/// One segment, as far as the text says.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Segment {
    /// Control bits (an `ack` number sets ACK).
    pub flags: Flags,
    /// The sequence number, if given.
    pub seq: Option<Written<Number>>,
    /// The acknowledgment number, if given.
    pub ack: Option<Written<Number>>,
    /// Whether it carries data (`<DATA>`, `DATA`, or a `len` above 0).
    pub data: bool,
    /// The data length, if given.
    pub len: Option<u32>,
    /// The notation of its first segment line; `None` when no line is segment syntax (a data
    /// segment described in words).
    pub notation: Option<Notation>,
}

impl Segment {
    /// How much sequence space it takes: SYN and FIN one each, data its length (`None` when
    /// data of unknown length).
    pub fn space(&self) -> Option<u32> {
        let control = u32::from(self.flags.syn) + u32::from(self.flags.fin);
        match (self.data, self.len) {
            (_, Some(len)) => Some(control.wrapping_add(len)),
            (true, None) => None,
            (false, None) => Some(control),
        }
    }
}

/// What is wrong with a line that starts as a segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentError {
    /// What is wrong.
    pub message: String,
    /// What to write instead.
    pub hint: String,
    /// The offending item as written (to point at it).
    pub text: String,
}

/// One label line, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// Segment syntax (possibly partial: numbers on a second line).
    Segment(Segment),
    /// Not segment syntax.
    Commentary,
    /// Starts as a segment, then goes wrong: every error of the line, in order.
    Error(Vec<SegmentError>),
}

const NOTATIONS: &str = "write `<SEQ=100><ACK=301><CTL=SYN,ACK>`, `SYN=1, ACK=1, seq=y, ack=x+1` or `SYN, ACK seq=y ack=x+1`; commentary goes on its own line or in parentheses";

/// Reads a message's label lines into one segment (numbers may sit on another line than the
/// flags), with every error met. Commentary lines are skipped.
pub fn parse_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> (Segment, Vec<SegmentError>) {
    let mut seg = Segment::default();
    let mut errors = Vec::new();
    for line in lines {
        match parse_line(line) {
            Line::Segment(part) => {
                if let Err(e) = merge(&mut seg, part) {
                    errors.push(e);
                }
            }
            Line::Commentary => {}
            Line::Error(e) => errors.extend(e),
        }
    }
    (seg, errors)
}

fn merge(into: &mut Segment, part: Segment) -> Result<(), SegmentError> {
    for (mine, theirs, what) in [
        (&mut into.seq, part.seq, "sequence number"),
        (&mut into.ack, part.ack, "acknowledgment number"),
    ] {
        if let Some(t) = theirs {
            if mine.is_some() {
                return Err(SegmentError {
                    message: format!("a second {what} (`{}`) in one segment", t.text),
                    hint: "a message is one segment: give each number once".into(),
                    text: t.text,
                });
            }
            *mine = Some(t);
        }
    }
    let f = &mut into.flags;
    f.syn |= part.flags.syn;
    f.ack |= part.flags.ack;
    f.fin |= part.flags.fin;
    f.rst |= part.flags.rst;
    into.data |= part.data;
    into.len = into.len.or(part.len);
    into.notation = into.notation.or(part.notation);
    Ok(())
}

/// Reads one label line.
pub fn parse_line(line: &str) -> Line {
    let t = line.trim();
    let t = t.strip_prefix("...").unwrap_or(t).trim_start();
    if t.starts_with('<') && rfc_field_name(t).is_some() {
        return rfc(t);
    }
    words(t)
}

/// The field name of a `<NAME…` group at the start of `s`, if it is one of RFC's.
fn rfc_field_name(s: &str) -> Option<&'static str> {
    let body = s.strip_prefix('<')?;
    ["SEQ", "ACK", "CTL", "DATA", "WND", "LEN"]
        .into_iter()
        .find(|name| {
            body.get(..name.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(name))
        })
}

fn error(message: String, text: &str) -> SegmentError {
    SegmentError {
        message,
        hint: NOTATIONS.into(),
        text: text.to_string(),
    }
}

/// The line read: its errors if it has any, else the segment.
fn finish(seg: Segment, errors: Vec<SegmentError>) -> Line {
    if errors.is_empty() {
        Line::Segment(seg)
    } else {
        Line::Error(errors)
    }
}

/// RFC notation: `<SEQ=100><ACK=301><CTL=SYN,ACK><DATA>`.
fn rfc(line: &str) -> Line {
    let mut seg = Segment {
        notation: Some(Notation::Rfc),
        ..Segment::default()
    };
    let mut errors = Vec::new();
    let mut rest = line;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() || rest.starts_with('(') {
            return finish(seg, errors);
        }
        let Some(close) = rest.find('>').filter(|_| rest.starts_with('<')) else {
            let item = rest.split_whitespace().next().unwrap_or(rest);
            errors.push(error(
                format!("unexpected `{item}` in RFC segment notation"),
                item,
            ));
            return finish(seg, errors);
        };
        let group = &rest[..=close];
        rest = &rest[close + 1..];
        if let Err(e) = rfc_field(&mut seg, group) {
            errors.push(e);
        }
    }
}

/// One `<NAME=value>` group of RFC notation, into `seg`.
fn rfc_field(seg: &mut Segment, group: &str) -> Result<(), SegmentError> {
    let body = &group[1..group.len() - 1];
    let (name, value) = match body.split_once('=') {
        Some((n, v)) => (n.trim(), Some(v.trim())),
        None => (body.trim(), None),
    };
    let upper = name.to_ascii_uppercase();
    match (upper.as_str(), value) {
        ("DATA", None) => seg.data = true,
        ("SEQ" | "ACK", Some(v)) => {
            let number = parse_number(v).ok_or_else(|| bad_number(v, group))?;
            let slot = if upper == "SEQ" {
                &mut seg.seq
            } else {
                seg.flags.ack = true;
                &mut seg.ack
            };
            if slot.is_some() {
                return Err(error(format!("`{group}` is given twice"), group));
            }
            *slot = Some(Written {
                value: number,
                text: group.to_string(),
            });
        }
        ("CTL", Some(v)) => {
            for bit in v.split([',', '+', '/', ' ']).filter(|b| !b.is_empty()) {
                if !set_flag(&mut seg.flags, bit) {
                    return Err(error(
                        format!("`{bit}` in `{group}` is not a control bit"),
                        group,
                    ));
                }
            }
        }
        ("LEN", Some(v)) => {
            let n = v.parse::<u32>().map_err(|_| bad_number(v, group))?;
            seg.len = Some(n);
            seg.data |= n > 0;
        }
        ("WND", Some(_)) => {}
        _ => {
            return Err(error(
                format!("`{group}` is not a segment field (SEQ, ACK, CTL, DATA, WND, LEN)"),
                group,
            ))
        }
    }
    Ok(())
}

fn bad_number(value: &str, item: &str) -> SegmentError {
    SegmentError {
        message: format!("`{value}` is not a sequence number"),
        hint: "a number is an integer below 2^32, or a symbol with an offset: `x`, `x+1`".into(),
        text: item.to_string(),
    }
}

/// Sets the flag `bit` names (`SYN`, `ack`, …); `PSH`, `URG`, `ECE`, `CWR` are accepted and
/// not simulated. `false` if it names none.
fn set_flag(flags: &mut Flags, bit: &str) -> bool {
    match bit.to_ascii_uppercase().as_str() {
        "SYN" => flags.syn = true,
        "ACK" => flags.ack = true,
        "FIN" => flags.fin = true,
        "RST" => flags.rst = true,
        "PSH" | "URG" | "ECE" | "CWR" => {}
        _ => return false,
    }
    true
}

/// `100`, `x`, `x+1`, `ISN-1` (spaces around the sign allowed).
pub fn parse_number(text: &str) -> Option<Number> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return None;
    }
    if t.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse::<u32>().ok().map(Number::Literal);
    }
    let first = t.chars().next()?;
    if !first.is_alphabetic() && first != '_' {
        return None;
    }
    let split = t.find(['+', '-']).unwrap_or(t.len());
    let (name, offset) = t.split_at(split);
    if !name
        .chars()
        .all(|c| c.is_alphanumeric() || c == '_' || c == '\'')
    {
        return None;
    }
    let offset = match offset.as_bytes().first() {
        None => 0,
        Some(sign) => {
            let digits = &offset[1..];
            if digits.is_empty() || digits.len() > 10 || !digits.bytes().all(|b| b.is_ascii_digit())
            {
                return None;
            }
            let n: i64 = digits.parse().ok()?;
            if *sign == b'-' {
                -n
            } else {
                n
            }
        }
    };
    Some(Number::Symbol {
        name: name.to_string(),
        offset,
    })
}

/// Textbook and plain-flag notation: items separated by commas or spaces.
fn words(line: &str) -> Line {
    let items = items(line);
    let mut seg = Segment::default();
    let mut errors = Vec::new();
    let mut started = false;
    for item in &items {
        let bare = item.trim_matches(['[', ']']);
        if bare.is_empty() {
            continue;
        }
        match word(&mut seg, bare) {
            Ok(notation) => {
                seg.notation = seg.notation.or(Some(notation));
                started = true;
            }
            Err(()) if !started && !bare.contains('=') => return Line::Commentary,
            Err(()) if started && bare.starts_with('(') => break,
            Err(()) => match bare.split_once('=') {
                Some((_, v)) if is_number_name(bare) => {
                    errors.push(bad_number(v, bare));
                    started = true;
                }
                _ if bare.contains('=') && flag_name(bare) => {
                    errors.push(SegmentError {
                        message: format!("`{bare}`: a flag is 0 or 1"),
                        hint: "`ACK=1` is the ACK flag; the acknowledgment number is lower-case `ack=`"
                            .into(),
                        text: bare.to_string(),
                    });
                    started = true;
                }
                _ if !started => return Line::Commentary,
                _ => {
                    errors.push(error(format!("unexpected `{bare}` in a segment"), bare));
                    break;
                }
            },
        }
    }
    if started {
        finish(seg, errors)
    } else {
        Line::Commentary
    }
}

/// Whether `item` is `name=…` with a number name.
fn is_number_name(item: &str) -> bool {
    let name = item.split('=').next().unwrap_or("");
    matches!(
        name,
        "seq" | "Seq" | "SEQ" | "ack" | "Ack" | "len" | "Len" | "LEN"
    )
}

/// Whether `item` is `FLAG=…`.
fn flag_name(item: &str) -> bool {
    let name = item.split('=').next().unwrap_or("");
    set_flag(&mut Flags::default(), name)
}

/// Splits at whitespace, commas (ASCII and full-width), `;` and `、`, after gluing `=` and
/// `+` to their neighbours (`seq = x + 1` is one item).
fn items(line: &str) -> Vec<String> {
    let mut glued = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            let next = chars.peek().copied();
            let prev = glued.chars().next_back();
            if matches!(next, Some('=' | '+')) || matches!(prev, Some('=' | '+')) {
                continue;
            }
        }
        glued.push(c);
    }
    glued
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | ';' | '、'))
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// One item: sets what it says and returns its notation, or `Err` if it is not segment syntax.
fn word(seg: &mut Segment, item: &str) -> Result<Notation, ()> {
    if let Some((name, value)) = item.split_once('=') {
        let upper = name.to_ascii_uppercase();
        let is_ack_flag = name == "ACK";
        if is_ack_flag || (upper != "ACK" && set_flag(&mut Flags::default(), name)) {
            return match value {
                "1" => {
                    set_flag(&mut seg.flags, name);
                    Ok(Notation::Textbook)
                }
                "0" => Ok(Notation::Textbook),
                _ => Err(()),
            };
        }
        let slot = match upper.as_str() {
            "SEQ" => &mut seg.seq,
            "ACK" => &mut seg.ack,
            "LEN" => {
                let n = value.parse::<u32>().map_err(|_| ())?;
                seg.len = Some(n);
                seg.data |= n > 0;
                return Ok(Notation::Flags);
            }
            // Window and options (Wireshark's summary line) are read and not checked.
            "WIN" | "WND" | "MSS" | "WS" | "TSVAL" | "TSECR" | "SACK_PERM" => {
                return Ok(Notation::Flags)
            }
            _ => return Err(()),
        };
        let number = parse_number(value).ok_or(())?;
        if slot.is_some() {
            return Err(());
        }
        if upper == "ACK" {
            seg.flags.ack = true;
        }
        *slot = Some(Written {
            value: number,
            text: item.to_string(),
        });
        return Ok(Notation::Flags);
    }
    if item.eq_ignore_ascii_case("SACK_PERM") {
        return Ok(Notation::Flags);
    }
    if item.eq_ignore_ascii_case("DATA") {
        seg.data = true;
        return Ok(Notation::Flags);
    }
    let mut flags = seg.flags;
    for part in item.split(['+', '-', '/']) {
        if part.is_empty() || !set_flag(&mut flags, part) {
            return Err(());
        }
    }
    seg.flags = flags;
    Ok(Notation::Flags)
}

#[cfg(test)]
#[path = "segment_tests.rs"]
mod tests;
