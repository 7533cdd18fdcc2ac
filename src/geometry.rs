//! Plain 2-D geometry shared by layout and render. Coordinates are `f64` pixels, y down; they
//! are rounded once, when render writes them.

/// A point.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    /// x
    pub x: f64,
    /// y
    pub y: f64,
}

impl Point {
    /// A point.
    pub fn new(x: f64, y: f64) -> Self {
        Point { x, y }
    }
}

/// A width and height.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Size {
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

impl Size {
    /// A size.
    pub fn new(width: f64, height: f64) -> Self {
        Size { width, height }
    }
}

/// An axis-aligned rectangle given by its top-left corner and size.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

impl Rect {
    /// A rectangle from its top-left corner and size.
    pub fn new(x: f64, y: f64, width: f64, height: f64) -> Self {
        Rect {
            x,
            y,
            width,
            height,
        }
    }
    /// A rectangle of `size` centred on `c`.
    pub fn centered(c: Point, size: Size) -> Self {
        Rect::new(
            c.x - size.width / 2.0,
            c.y - size.height / 2.0,
            size.width,
            size.height,
        )
    }
    /// The centre.
    pub fn center(&self) -> Point {
        Point::new(self.x + self.width / 2.0, self.y + self.height / 2.0)
    }
    /// Right edge.
    pub fn right(&self) -> f64 {
        self.x + self.width
    }
    /// Bottom edge.
    pub fn bottom(&self) -> f64 {
        self.y + self.height
    }
    /// Whether the interiors of the two rectangles overlap by more than `eps`.
    pub fn overlaps(&self, o: &Rect, eps: f64) -> bool {
        self.x + eps < o.right()
            && o.x + eps < self.right()
            && self.y + eps < o.bottom()
            && o.y + eps < self.bottom()
    }
    /// Whether `o` lies inside `self` (with `eps` tolerance).
    pub fn contains(&self, o: &Rect, eps: f64) -> bool {
        o.x >= self.x - eps
            && o.y >= self.y - eps
            && o.right() <= self.right() + eps
            && o.bottom() <= self.bottom() + eps
    }
}

/// The parameter interval `(t0, t1)` of segment `a`–`b` (t from 0 at `a` to 1 at `b`) within
/// the closed box `x0..=x1` × `y0..=y1` (Liang–Barsky clipping): `None` when the segment runs
/// parallel to a side outside it; otherwise the segment meets the box iff `t0 <= t1`.
pub(crate) fn clip_to_box(
    a: Point,
    b: Point,
    (x0, y0, x1, y1): (f64, f64, f64, f64),
) -> Option<(f64, f64)> {
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    for (p, q) in [
        (-dx, a.x - x0),
        (dx, x1 - a.x),
        (-dy, a.y - y0),
        (dy, y1 - a.y),
    ] {
        if p.abs() < 1e-12 {
            if q < 0.0 {
                return None;
            }
        } else if p < 0.0 {
            t0 = t0.max(q / p);
        } else {
            t1 = t1.min(q / p);
        }
    }
    Some((t0, t1))
}

/// Whether a polyline through `a`, `b`, `c` goes on in the same direction at `b` (no bend, no
/// reversal).
pub(crate) fn goes_straight(a: Point, b: Point, c: Point) -> bool {
    let (ux, uy, vx, vy) = (b.x - a.x, b.y - a.y, c.x - b.x, c.y - b.y);
    let norm = (ux.hypot(uy) * vx.hypot(vy)).max(1e-12);
    (ux * vy - uy * vx).abs() / norm <= 1e-9 && ux * vx + uy * vy >= 0.0
}
