use super::*;

fn laid(src: &str) -> (Packet, PacketLayout) {
    let (p, _) = crate::mermaid::packet(src).expect("valid");
    let l = layout(&p);
    (p, l)
}

#[test]
fn a_field_over_rows_is_one_outline_and_rows_are_32_bits() {
    let (_, l) = laid("packet\n0-15: \"a\"\n16-55: \"b\"\n56-63: \"c\"\n");
    assert_eq!(l.fields[1].outlines.len(), 1);
    // A staircase: 8 corners.
    assert_eq!(l.fields[1].outlines[0].len(), 8);
    assert_eq!(l.grid.width, 32.0 * 32.0);
    assert_eq!(l.bits.first().map(|b| b.0), Some(0));
    assert_eq!(l.bits.last().map(|b| b.0), Some(31));
}

#[test]
fn pieces_that_do_not_touch_are_two_boxes() {
    let (_, l) = laid("packet\n0-23: \"a\"\n24-39: \"b\"\n40-63: \"c\"\n");
    assert_eq!(l.fields[1].outlines.len(), 2);
}

#[test]
fn a_flag_too_narrow_for_its_label_gets_a_leader() {
    let (_, l) = laid("packet\n0: \"Congestion Window Reduced\"\n1-31: \"rest\"\n");
    let f = &l.fields[0];
    let leader = f.leader.as_ref().expect("a leader");
    let label = f.label.as_ref().unwrap();
    // Bit 0 is on the left: the label goes left of the grid.
    assert!(label.center.x < l.grid.x, "{label:?}");
    assert!(leader[0].x < f.label_home.right() && leader[0].x > f.label_home.x);
    assert!(l.width >= label.center.x + label.width / 2.0);
    assert!(l.fields[1].leader.is_none());
}

#[test]
fn one_bit_flags_are_stacked_in_their_columns_as_the_rfc_writes_them() {
    let src = crate::packet::reference::to_packet(&crate::packet::reference::TCP);
    let (p, _) = crate::mermaid::packet(&src).expect("valid");
    for choice in [
        crate::model::LangChoice::En,
        crate::model::LangChoice::Zh,
        crate::model::LangChoice::Both,
    ] {
        let p = p.select_lang(choice);
        let l = layout(&p);
        assert!(l.fields.iter().all(|f| f.leader.is_none()), "{choice:?}");
        let flags: Vec<&FieldPlace> = l
            .fields
            .iter()
            .filter(|f| (104..=111).contains(&f.start))
            .collect();
        assert_eq!(flags.len(), 8);
        // Every flag stacked, in one size, a column per label line, inside its bit.
        let size = flags[0].stacked[0].font_size;
        for (f, field) in flags.iter().zip(&p.fields[6..14]) {
            assert!(f.label.is_none());
            assert_eq!(f.stacked.len(), field.label.lines.len(), "{choice:?}");
            for column in &f.stacked {
                assert_eq!(column.font_size, size);
                let chars = column.label.lines.len() as f64;
                let top = column.top;
                let bottom = top + chars * column.line_height;
                let home = f.label_home;
                assert!(top >= home.y && bottom <= home.bottom(), "{choice:?} {f:?}");
                assert!(column.center.x - column.font_size / 2.0 >= home.x);
                assert!(column.center.x + column.font_size / 2.0 <= home.right());
            }
        }
        // C over W over R (拥 over 塞 … in Chinese).
        let cwr: Vec<String> = flags[0].stacked[0]
            .label
            .lines
            .iter()
            .map(|l| l.text())
            .collect();
        let expected: &[&str] = match choice {
            crate::model::LangChoice::Zh => &["拥", "塞", "窗", "口", "减", "小"],
            _ => &["C", "W", "R"],
        };
        assert_eq!(cwr, expected, "{choice:?}");
    }
}

#[test]
fn lsb0_puts_bit_0_on_the_right_of_each_row_with_text_upright() {
    let src = "packet\n0-7: \"Low\"\n8-31: \"High\"\n";
    let (_, msb) = laid(src);
    let (_, lsb) = laid(&format!(
        "---\nconfig:\n  packet:\n    bitOrder: lsb0\n---\n{src}"
    ));
    assert_eq!((msb.width, msb.height), (lsb.width, lsb.height));
    let low = |l: &PacketLayout| l.fields[0].label.as_ref().unwrap().center.x;
    assert!(low(&msb) < l_mid(&msb) && low(&lsb) > l_mid(&lsb));
    assert!((low(&msb) + low(&lsb) - msb.width).abs() < 1e-9);
    // The ruler reads 31 … 0 from the left.
    let first = lsb
        .bits
        .iter()
        .min_by(|a, b| a.1.center.x.total_cmp(&b.1.center.x));
    assert_eq!(first.map(|b| b.0), Some(31));
    assert_eq!(lsb.grid, msb.grid);
}

fn l_mid(l: &PacketLayout) -> f64 {
    l.grid.x + l.grid.width / 2.0
}

#[test]
fn variable_fields_have_a_broken_edge_shared_with_the_next() {
    let (_, l) = laid("packet\n0-31: \"x\"\n32-63: \"Options\"\n64-127: \"Data\"\n");
    let options = &l.fields[1].outlines[0];
    let data = &l.fields[2].outlines[0];
    assert!(options.len() > 4 && data.len() > 4);
    let bottom = l.fields[1].label_home.bottom();
    let zig_o: Vec<_> = options
        .iter()
        .filter(|p| (p.y - bottom).abs() <= ZIG)
        .collect();
    let zig_d: Vec<_> = data
        .iter()
        .filter(|p| (p.y - bottom).abs() <= ZIG)
        .collect();
    assert!(
        zig_o.iter().all(|p| zig_d.contains(p)),
        "{zig_o:?} {zig_d:?}"
    );
}

#[test]
fn rows_grow_for_two_line_labels() {
    let (_, l) = laid("packet\n0-31: \"Source Port<br>源端口\"\n");
    assert!(l.grid.height >= 2.0 * LABEL_FONT_SIZE * LINE_HEIGHT);
}
