//! Mutation tests of the packet check (issue 15): correct TCP, UDP, IPv4 and IPv6 header
//! diagrams, each written with absolute ranges and with `+n`, in English and in Chinese, pass
//! the check; every single shifted boundary between fixed-width fields, every swapped pair of
//! neighbouring fields with different names, and every renamed field is reported at the line
//! of a field it touches.

use netfig::diagnostic::Severity;

/// A header drawn correctly: `(start, end, English, Chinese)` per field.
type Drawing = &'static [(u64, u64, &'static str, &'static str)];

const TCP: Drawing = &[
    (0, 15, "Source Port", "源端口"),
    (16, 31, "Destination Port", "目的端口"),
    (32, 63, "Sequence Number", "序号"),
    (64, 95, "Acknowledgment Number", "确认号"),
    (96, 99, "Data Offset", "数据偏移"),
    (100, 103, "Reserved", "保留"),
    (104, 104, "CWR", "拥塞窗口减小"),
    (105, 105, "ECE", "ECN回显"),
    (106, 106, "URG", "紧急"),
    (107, 107, "ACK", "确认"),
    (108, 108, "PSH", "推送"),
    (109, 109, "RST", "复位"),
    (110, 110, "SYN", "同步"),
    (111, 111, "FIN", "终止"),
    (112, 127, "Window", "窗口"),
    (128, 143, "Checksum", "检验和"),
    (144, 159, "Urgent Pointer", "紧急指针"),
    (160, 191, "Options", "选项"),
    (192, 255, "Data", "数据"),
];

const UDP: Drawing = &[
    (0, 15, "Source Port", "源端口"),
    (16, 31, "Destination Port", "目的端口"),
    (32, 47, "Length", "长度"),
    (48, 63, "Checksum", "校验和"),
    (64, 95, "Data", "数据"),
];

const IPV4: Drawing = &[
    (0, 3, "Version", "版本"),
    (4, 7, "IHL", "首部长度"),
    (8, 13, "DSCP", "区分服务"),
    (14, 15, "ECN", "显式拥塞通知"),
    (16, 31, "Total Length", "总长度"),
    (32, 47, "Identification", "标识"),
    (48, 48, "Reserved", "保留"),
    (49, 49, "DF", "不分片"),
    (50, 50, "MF", "更多分片"),
    (51, 63, "Fragment Offset", "片偏移"),
    (64, 71, "Time to Live", "生存时间"),
    (72, 79, "Protocol", "协议"),
    (80, 95, "Header Checksum", "首部检验和"),
    (96, 127, "Source Address", "源地址"),
    (128, 159, "Destination Address", "目的地址"),
    (160, 191, "Options", "选项"),
    (192, 223, "Data", "数据"),
];

const IPV6: Drawing = &[
    (0, 3, "Version", "版本"),
    (4, 11, "Traffic Class", "通信量类"),
    (12, 31, "Flow Label", "流标签"),
    (32, 47, "Payload Length", "有效载荷长度"),
    (48, 55, "Next Header", "下一个首部"),
    (56, 63, "Hop Limit", "跳数限制"),
    (64, 191, "Source Address", "源地址"),
    (192, 319, "Destination Address", "目的地址"),
    (320, 351, "Data", "数据"),
];

const HEADERS: &[(&str, Drawing)] = &[
    ("tcp-header", TCP),
    ("udp-header", UDP),
    ("ipv4-header", IPV4),
    ("ipv6-header", IPV6),
];

/// The first line of fields in every source [`source`] writes (after front matter and header).
const FIRST_FIELD_LINE: usize = 5;

/// The diagram source of `fields` checked against `check`, with absolute ranges or `+n`,
/// labelled in English or Chinese.
fn source(check: &str, fields: &[(u64, u64, String)], relative: bool) -> String {
    let mut s = format!("---\ncheck: {check}\n---\npacket\n");
    for (a, b, name) in fields {
        if relative {
            s.push_str(&format!("+{}: \"{name}\"\n", b - a + 1));
        } else if a == b {
            s.push_str(&format!("{a}: \"{name}\"\n"));
        } else {
            s.push_str(&format!("{a}-{b}: \"{name}\"\n"));
        }
    }
    s
}

/// The lines (1-based) of the check's findings, or of the errors if the source is invalid.
fn finding_lines(src: &str) -> Vec<usize> {
    let diags = netfig::pipeline::check(src, netfig::pipeline::Kind::Flowchart);
    diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| src[..d.span.start].matches('\n').count() + 1)
        .collect()
}

/// Fields as written: `(start, end, label)`.
type Fields = Vec<(u64, u64, String)>;

/// Every variant (absolute or `+n`, English or Chinese) of every header: its `check:` name,
/// its drawing, the fields in that language, and whether written with `+n`.
fn variants() -> Vec<(&'static str, Drawing, Fields, bool)> {
    let mut out = Vec::new();
    for (check, drawing) in HEADERS {
        for zh in [false, true] {
            let fields: Fields = drawing
                .iter()
                .map(|(a, b, en, z)| (*a, *b, if zh { z } else { en }.to_string()))
                .collect();
            for relative in [false, true] {
                out.push((*check, *drawing, fields.clone(), relative));
            }
        }
    }
    out
}

fn assert_reported(src: &str, lines: &[usize], what: &str) {
    let got = finding_lines(src);
    assert!(
        got.iter().any(|l| lines.contains(l)),
        "{what}: no finding at lines {lines:?} (findings at {got:?}):\n{src}"
    );
}

#[test]
fn correct_headers_pass_in_every_form() {
    for (check, _, fields, relative) in variants() {
        let src = source(check, &fields, relative);
        assert_eq!(finding_lines(&src), Vec::<usize>::new(), "{src}");
    }
}

#[test]
fn every_shifted_boundary_is_reported() {
    let mut tried = 0;
    for (check, drawing, fields, relative) in variants() {
        for i in 0..fields.len() - 1 {
            // Boundaries inside the variable tail move freely.
            if drawing[i].2 == "Options" || drawing[i].2 == "Data" {
                continue;
            }
            for delta in [-1i64, 1] {
                let mut f = fields.clone();
                let end = f[i].1 as i64 + delta;
                if end < f[i].0 as i64 || end + 1 > f[i + 1].1 as i64 {
                    continue;
                }
                f[i].1 = end as u64;
                f[i + 1].0 = end as u64 + 1;
                let src = source(check, &f, relative);
                let lines = [FIRST_FIELD_LINE + i, FIRST_FIELD_LINE + i + 1];
                assert_reported(
                    &src,
                    &lines,
                    &format!("boundary after field {i} moved by {delta}"),
                );
                tried += 1;
            }
        }
    }
    assert!(tried > 200, "{tried} mutations");
}

#[test]
fn every_swapped_pair_and_renamed_field_is_reported() {
    let mut tried = 0;
    for (check, _, fields, relative) in variants() {
        for i in 0..fields.len() {
            let mut f = fields.clone();
            f[i].2 = "Bogus Field".to_string();
            let src = source(check, &f, relative);
            assert_reported(&src, &[FIRST_FIELD_LINE + i], &format!("field {i} renamed"));
            tried += 1;
            if i + 1 < fields.len() && fields[i].2 != fields[i + 1].2 {
                let mut f = fields.clone();
                let (a, b) = (f[i].2.clone(), f[i + 1].2.clone());
                f[i].2 = b;
                f[i + 1].2 = a;
                // Options and data may come in either order in the variable tail.
                let tail = |n: &String| ["Options", "选项", "Data", "数据"].contains(&n.as_str());
                if tail(&fields[i].2) && tail(&fields[i + 1].2) {
                    continue;
                }
                let src = source(check, &f, relative);
                let lines = [FIRST_FIELD_LINE + i, FIRST_FIELD_LINE + i + 1];
                assert_reported(&src, &lines, &format!("fields {i} and {} swapped", i + 1));
                tried += 1;
            }
        }
    }
    assert!(tried > 200, "{tried} mutations");
}
