//! The packet diagram IR: a header's fields in bit order, each a contiguous bit range with its
//! label, and the grid they are drawn on.
//!
//! Built from mermaid's `packet` text by `mermaid::lower::packet`; consumed by the packet
//! layout and renderer, and by the check against the RFC header formats (`packet::check`).
//! Everything is resolved: fields start at bit 0, each starts where the one before it ended,
//! none is empty, and the whole fits the row limit.

use super::label::{Label, LangChoice};
use crate::diagnostic::Span;

/// The most rows a packet diagram may have (mermaid's limit too).
pub const MAX_ROWS: u64 = 10_000;

/// One field: bits `start..=end`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Field {
    /// The first bit.
    pub start: u64,
    /// The last bit (`end >= start`).
    pub end: u64,
    /// What it is called, split into lines.
    pub label: Label,
    /// Whether its length varies (options, padding, data): drawn with a broken edge. Set by
    /// lowering from the label (`variable`, `可变`) or, for the trailing fields, their names
    /// (`Options`, `Data`, `Padding`, `Payload`, `选项`, `数据`, …).
    pub variable: bool,
    /// The whole statement.
    pub span: Span,
    /// Where the bits are written (`0-15`, `+16`).
    pub range_span: Span,
}

impl Field {
    /// A field of bits `start..=end`.
    pub fn new(start: u64, end: u64, label: Label, span: Span) -> Field {
        Field {
            start,
            end,
            label,
            variable: false,
            span,
            range_span: span,
        }
    }
    /// Its width in bits.
    pub fn bits(&self) -> u64 {
        self.end - self.start + 1
    }
}

/// The grid and colours.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct PacketConfig {
    /// Bits per row (`packet.bitsPerRow`, 32 by default, as in the RFCs).
    pub bits_per_row: u32,
    /// Width of one bit, px (`packet.bitWidth`).
    pub bit_width: f64,
    /// Least height of a row, px (`packet.rowHeight`); a row grows for labels of more lines.
    pub row_height: f64,
    /// Margin left and right of the grid, px (`packet.paddingX`).
    pub padding_x: f64,
    /// Margin above and below the grid, px (`packet.paddingY`).
    pub padding_y: f64,
    /// Whether bit numbers are drawn above the first row (`packet.showBits`).
    pub show_bits: bool,
    /// Where bit 0 of a row is drawn (`packet.bitOrder`, netfig's own key).
    pub bit_order: BitOrder,
    /// Theme named in config (`dark`, `forest`, …), if any.
    pub theme: Option<String>,
    /// Theme variables (`primaryColor`, …), in the order given.
    pub theme_variables: Vec<(String, String)>,
    /// Front matter `check:` (the reference header to check against, or `off`) and where it
    /// is written.
    pub check: Option<(String, Span)>,
    /// mermaid's packet style options (`themeVariables.packet`: `blockFillColor`,
    /// `startByteColor`, …), in the order given.
    pub style: Vec<(String, String)>,
}

/// How the bits of a row are numbered across the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum BitOrder {
    /// Bit 0 on the left, the most significant bit first: how the RFCs number header bits.
    #[default]
    Msb0,
    /// Bit 0 on the right: how hardware register maps often number them.
    Lsb0,
}

impl BitOrder {
    /// `msb0` or `lsb0`, also written `msb`/`msb-first` and `lsb`/`lsb-first` (ASCII case
    /// ignored).
    pub fn parse(text: &str) -> Option<BitOrder> {
        match text.trim().to_ascii_lowercase().as_str() {
            "msb0" | "msb" | "msb-first" => Some(BitOrder::Msb0),
            "lsb0" | "lsb" | "lsb-first" => Some(BitOrder::Lsb0),
            _ => None,
        }
    }
}

impl Default for PacketConfig {
    fn default() -> Self {
        PacketConfig {
            bits_per_row: 32,
            bit_width: 32.0,
            row_height: 32.0,
            padding_x: 5.0,
            padding_y: 5.0,
            show_bits: true,
            bit_order: BitOrder::Msb0,
            theme: None,
            theme_variables: Vec::new(),
            check: None,
            style: Vec::new(),
        }
    }
}

/// A resolved packet diagram.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct Packet {
    /// Front-matter `title` or the `title` statement.
    pub title: Option<Label>,
    /// Where the title is written, if it is.
    pub title_span: Option<Span>,
    /// `accTitle`.
    pub acc_title: Option<String>,
    /// `accDescr`.
    pub acc_descr: Option<String>,
    /// The fields in bit order, contiguous from bit 0.
    pub fields: Vec<Field>,
    /// Settings that apply.
    pub config: PacketConfig,
}

impl Packet {
    /// The number of bits drawn.
    pub fn bits(&self) -> u64 {
        self.fields.last().map_or(0, |f| f.end + 1)
    }
    /// A copy with every label (fields, title) reduced to `choice`.
    pub fn select_lang(&self, choice: LangChoice) -> Packet {
        let mut p = self.clone();
        for f in &mut p.fields {
            f.label = f.label.select(choice);
        }
        if let Some(t) = &mut p.title {
            *t = t.select(choice);
        }
        p
    }
}
