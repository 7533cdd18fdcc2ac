//! Marker definitions.

use super::*;

#[test]
fn marker_defs_are_well_formed() {
    for m in [Marker::Arrow, Marker::Circle, Marker::Cross] {
        let d = marker_def("x-m", m, Some("#f00"));
        assert!(d.starts_with("<marker id=\"x-m\""), "{d}");
        assert!(d.contains("#f00"));
    }
    assert!(marker_def("x", Marker::None, None).is_empty());
}
