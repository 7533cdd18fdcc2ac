//! Advance widths and vertical metrics of the bundled faces, parsed once.
//!
//! Start-up stays cheap: parsing a face only reads table directories, ASCII advances are
//! tabulated on first use (95 lookups), and everything else is a direct `cmap` + `hmtx` lookup.

use std::sync::OnceLock;

/// What one face contributes: per-ASCII advances in em, vertical metrics in em, and the face
/// for other characters.
struct FaceMetrics {
    face: Option<ttf_parser::Face<'static>>,
    units: f64,
    ascii: [f32; 128],
    ascender: f64,
    descender: f64,
}

/// Width of a character the font lacks, in em (not Han).
const MISSING_EM: f64 = 0.6;

impl FaceMetrics {
    fn load(data: &'static [u8]) -> FaceMetrics {
        let face = ttf_parser::Face::parse(data, 0).ok();
        let units = face
            .as_ref()
            .map(|f| f64::from(f.units_per_em()))
            .filter(|u| *u > 0.0)
            .unwrap_or(1000.0);
        let (ascender, descender) = face
            .as_ref()
            .map(|f| {
                (
                    f64::from(f.ascender()) / units,
                    -f64::from(f.descender()) / units,
                )
            })
            .unwrap_or((0.88, 0.12));
        let mut m = FaceMetrics {
            face,
            units,
            ascii: [0.0; 128],
            ascender,
            descender,
        };
        for b in 0u8..128 {
            m.ascii[usize::from(b)] = m.lookup(char::from(b)) as f32;
        }
        m
    }

    fn lookup(&self, c: char) -> f64 {
        if c.is_control() {
            return 0.0;
        }
        let found = self.face.as_ref().and_then(|f| {
            let g = f.glyph_index(c)?;
            f.glyph_hor_advance(g)
        });
        match found {
            Some(adv) => f64::from(adv) / self.units,
            None if crate::model::label::is_han(c) => 1.0,
            None => MISSING_EM,
        }
    }

    fn advance(&self, c: char) -> f64 {
        match self.ascii.get(c as usize) {
            Some(a) => f64::from(*a),
            None => self.lookup(c),
        }
    }
}

fn regular() -> &'static FaceMetrics {
    static FACE: OnceLock<FaceMetrics> = OnceLock::new();
    FACE.get_or_init(|| FaceMetrics::load(super::REGULAR))
}

fn bold() -> &'static FaceMetrics {
    static FACE: OnceLock<FaceMetrics> = OnceLock::new();
    FACE.get_or_init(|| FaceMetrics::load(super::BOLD))
}

/// Advance of `c` in em.
pub(super) fn advance_em(c: char, is_bold: bool) -> f64 {
    if is_bold {
        bold().advance(c)
    } else {
        regular().advance(c)
    }
}

/// The regular face's ascender, in em (positive, above the baseline).
pub fn ascender() -> f64 {
    regular().ascender
}

/// The regular face's descender, in em (positive, below the baseline).
pub fn descender() -> f64 {
    regular().descender
}
