//! The header formats a packet diagram is checked against, as data, each citing its source:
//! TCP (RFC 9293 §3.1, Figure 1, with CWR and ECE from RFC 3168), UDP (RFC 768), IPv4
//! (RFC 791, its type-of-service octet as DSCP per RFC 2474 and ECN per RFC 3168) and IPv6
//! (RFC 8200 §3). Field names carry their aliases in English and Chinese.

/// One field of a reference header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RefField {
    /// The first bit.
    pub start: u64,
    /// The last bit; `None` for a variable-length field (options, padding, data).
    pub end: Option<u64>,
    /// Names it goes by: the English name first, then the Chinese one, then other spellings.
    pub names: &'static [&'static str],
    /// What it holds, in one line.
    pub meaning: &'static str,
    /// The RFC that assigned these bits after the header's original RFC, if one did (a
    /// drawing that shows them as reserved is the older layout).
    pub assigned_by: Option<&'static str>,
    /// Whether the field may be drawn split into single bits or smaller pieces of the same
    /// name (reserved bits).
    pub splittable: bool,
}

impl RefField {
    /// The English name.
    pub fn name(&self) -> &'static str {
        self.names[0]
    }
    /// The Chinese name.
    pub fn zh(&self) -> &'static str {
        self.names.get(1).copied().unwrap_or(self.names[0])
    }
    /// `start-end`, `start` or `start-` (variable).
    pub fn bits(&self) -> String {
        match self.end {
            Some(e) if e == self.start => format!("{}", self.start),
            Some(e) => format!("{}-{e}", self.start),
            None => format!("{}-", self.start),
        }
    }
}

/// A reference header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    /// The name `check:` selects it by (`tcp-header`).
    pub id: &'static str,
    /// Its short name (`TCP`).
    pub name: &'static str,
    /// Where the layout is defined (`RFC 9293 §3.1, Figure 1`).
    pub source: &'static str,
    /// Its fields in bit order.
    pub fields: &'static [RefField],
    /// Runs of fields a drawing may show as one field, or that an older layout had as one.
    pub groups: &'static [Group],
}

/// A run of consecutive reference fields drawn as one: the TCP control bits as `Flags`, the
/// IPv4 `Flags` of RFC 791 (reserved, DF, MF), or a field of the original layout that a later
/// RFC split (IPv4's `Type of Service`, now DSCP and ECN).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group {
    /// The first bit.
    pub start: u64,
    /// The last bit.
    pub end: u64,
    /// Names it goes by: the English name first, then the Chinese one, then other spellings.
    pub names: &'static [&'static str],
    /// For a field of an older layout, the RFCs that split it (a drawing of it is the older
    /// layout); `None` for a group the reference accepts drawn as one field.
    pub split_by: Option<&'static str>,
}

impl Group {
    /// `start-end`.
    pub fn bits(&self) -> String {
        format!("{}-{}", self.start, self.end)
    }
}

const fn f(
    start: u64,
    end: u64,
    names: &'static [&'static str],
    meaning: &'static str,
) -> RefField {
    RefField {
        start,
        end: Some(end),
        names,
        meaning,
        assigned_by: None,
        splittable: false,
    }
}

const fn reserved(start: u64, end: u64) -> RefField {
    RefField {
        splittable: true,
        ..f(
            start,
            end,
            &["Reserved", "保留", "Rsrvd", "Res"],
            "must be zero",
        )
    }
}

const fn assigned(
    start: u64,
    end: u64,
    names: &'static [&'static str],
    meaning: &'static str,
    by: &'static str,
) -> RefField {
    RefField {
        assigned_by: Some(by),
        ..f(start, end, names, meaning)
    }
}

const fn variable(start: u64, names: &'static [&'static str], meaning: &'static str) -> RefField {
    RefField {
        end: None,
        ..f(start, start, names, meaning)
    }
}

const SOURCE_PORT: &[&str] = &["Source Port", "源端口", "Src Port", "源端口号"];
const DESTINATION_PORT: &[&str] = &[
    "Destination Port",
    "目的端口",
    "Dest Port",
    "Dst Port",
    "目标端口",
    "目的端口号",
];
const CHECKSUM: &[&str] = &["Checksum", "检验和", "校验和"];
const DATA: &[&str] = &["Data", "数据", "Payload", "载荷", "数据部分"];
const OPTIONS: &[&str] = &["Options", "选项", "Options and Padding", "选项和填充"];
const PADDING: &[&str] = &["Padding", "填充"];

/// TCP, RFC 9293 §3.1 Figure 1 (CWR and ECE per RFC 3168).
pub const TCP: Header = Header {
    id: "tcp-header",
    name: "TCP",
    source: "RFC 9293 §3.1, Figure 1",
    fields: &[
        f(0, 15, SOURCE_PORT, "the sending port"),
        f(16, 31, DESTINATION_PORT, "the receiving port"),
        f(
            32,
            63,
            &[
                "Sequence Number",
                "序号",
                "序列号",
                "Seq",
                "Seq Number",
                "Sequence No",
            ],
            "the first data octet's sequence number",
        ),
        f(
            64,
            95,
            &[
                "Acknowledgment Number",
                "确认号",
                "Acknowledgement Number",
                "Ack Number",
                "确认序号",
            ],
            "the next sequence number the sender expects",
        ),
        f(
            96,
            99,
            &[
                "Data Offset",
                "数据偏移",
                "首部长度",
                "DOffset",
                "Offset",
                "Header Length",
                "HLEN",
                "THL",
            ],
            "the header's length in 32-bit words",
        ),
        reserved(100, 103),
        assigned(
            104,
            104,
            &["CWR", "拥塞窗口减小"],
            "congestion window reduced",
            "RFC 3168",
        ),
        assigned(
            105,
            105,
            &["ECE", "ECN回显", "ECN-Echo"],
            "ECN-Echo",
            "RFC 3168",
        ),
        f(
            106,
            106,
            &["URG", "紧急"],
            "the urgent pointer is significant",
        ),
        f(
            107,
            107,
            &["ACK", "确认"],
            "the acknowledgment field is significant",
        ),
        f(108, 108, &["PSH", "推送"], "push function"),
        f(109, 109, &["RST", "复位"], "reset the connection"),
        f(110, 110, &["SYN", "同步"], "synchronize sequence numbers"),
        f(111, 111, &["FIN", "终止"], "no more data from the sender"),
        f(
            112,
            127,
            &["Window", "窗口", "Window Size", "窗口大小"],
            "the receive window",
        ),
        f(
            128,
            143,
            CHECKSUM,
            "checksum over pseudo-header, header and data",
        ),
        f(
            144,
            159,
            &["Urgent Pointer", "紧急指针"],
            "the end of urgent data",
        ),
        variable(160, OPTIONS, "options, padded to 32 bits"),
        variable(160, PADDING, "zeros to a 32-bit boundary"),
        variable(160, DATA, "the segment's data"),
    ],
    groups: &[Group {
        start: 104,
        end: 111,
        names: &[
            "Flags",
            "标志位",
            "控制位",
            "标志",
            "Control Bits",
            "Control Flags",
            "TCP Flags",
            "Flag Bits",
        ],
        split_by: None,
    }],
};

/// UDP, RFC 768.
pub const UDP: Header = Header {
    id: "udp-header",
    name: "UDP",
    source: "RFC 768",
    fields: &[
        f(0, 15, SOURCE_PORT, "the sending port"),
        f(16, 31, DESTINATION_PORT, "the receiving port"),
        f(
            32,
            47,
            &["Length", "长度", "UDP Length"],
            "header and data length in octets",
        ),
        f(
            48,
            63,
            CHECKSUM,
            "checksum over pseudo-header, header and data",
        ),
        variable(64, DATA, "the datagram's data"),
    ],
    groups: &[],
};

/// IPv4, RFC 791 (DSCP per RFC 2474, ECN per RFC 3168).
pub const IPV4: Header = Header {
    id: "ipv4-header",
    name: "IPv4",
    source: "RFC 791 §3.1",
    fields: &[
        f(0, 3, &["Version", "版本"], "4"),
        f(
            4,
            7,
            &[
                "IHL",
                "首部长度",
                "Internet Header Length",
                "Header Length",
                "HLEN",
            ],
            "the header's length in 32-bit words",
        ),
        assigned(
            8,
            13,
            &[
                "DSCP",
                "区分服务码点",
                "Differentiated Services",
                "区分服务",
            ],
            "differentiated services code point",
            "RFC 2474",
        ),
        assigned(
            14,
            15,
            &["ECN", "显式拥塞通知"],
            "explicit congestion notification",
            "RFC 3168",
        ),
        f(
            16,
            31,
            &["Total Length", "总长度"],
            "datagram length in octets",
        ),
        f(
            32,
            47,
            &["Identification", "标识", "ID", "Identifier", "标识符"],
            "for reassembling fragments",
        ),
        reserved(48, 48),
        f(
            49,
            49,
            &["DF", "不分片", "Don't Fragment"],
            "don't fragment",
        ),
        f(
            50,
            50,
            &["MF", "更多分片", "More Fragments"],
            "more fragments",
        ),
        f(
            51,
            63,
            &[
                "Fragment Offset",
                "片偏移",
                "分片偏移",
                "Fragmentation Offset",
                "Frag Offset",
            ],
            "where the fragment belongs, in 8-octet units",
        ),
        f(64, 71, &["Time to Live", "生存时间", "TTL"], "hops left"),
        f(72, 79, &["Protocol", "协议"], "the next protocol"),
        f(
            80,
            95,
            &["Header Checksum", "首部检验和", "首部校验和", "Checksum"],
            "checksum of the header",
        ),
        f(
            96,
            127,
            &["Source Address", "源地址", "Source IP Address", "源IP地址"],
            "the sender",
        ),
        f(
            128,
            159,
            &[
                "Destination Address",
                "目的地址",
                "Destination IP Address",
                "目的IP地址",
            ],
            "the destination",
        ),
        variable(160, OPTIONS, "options"),
        variable(160, PADDING, "padding to 32 bits"),
        variable(160, DATA, "the datagram's data"),
    ],
    groups: &[
        Group {
            start: 8,
            end: 15,
            names: &[
                "Type of Service",
                "服务类型",
                "TOS",
                "Type-of-Service",
                "Service Type",
            ],
            split_by: Some("RFC 2474 (DSCP, bits 8-13) and RFC 3168 (ECN, bits 14-15)"),
        },
        Group {
            start: 48,
            end: 50,
            names: &["Flags", "标志", "标志位", "Control Flags", "Flag"],
            split_by: None,
        },
    ],
};

/// IPv6, RFC 8200 §3.
pub const IPV6: Header = Header {
    id: "ipv6-header",
    name: "IPv6",
    source: "RFC 8200 §3",
    fields: &[
        f(0, 3, &["Version", "版本"], "6"),
        f(
            4,
            11,
            &["Traffic Class", "通信量类", "流量类别", "流量类"],
            "DSCP and ECN",
        ),
        f(
            12,
            31,
            &["Flow Label", "流标签", "流标号"],
            "labels packets of one flow",
        ),
        f(
            32,
            47,
            &["Payload Length", "有效载荷长度", "载荷长度"],
            "length of the rest in octets",
        ),
        f(
            48,
            55,
            &["Next Header", "下一个首部", "下一首部"],
            "the header that follows",
        ),
        f(56, 63, &["Hop Limit", "跳数限制"], "hops left"),
        f(64, 191, &["Source Address", "源地址"], "the sender"),
        f(
            192,
            319,
            &["Destination Address", "目的地址"],
            "the destination",
        ),
        variable(320, DATA, "extension headers and payload"),
    ],
    groups: &[],
};

/// Each field's meaning in Chinese, by its English meaning (谢希仁《计算机网络》's wording
/// where it has one).
const MEANINGS_ZH: &[(&str, &str)] = &[
    ("4", "4"),
    ("6", "6"),
    ("checksum of the header", "首部的检验和"),
    (
        "checksum over pseudo-header, header and data",
        "对伪首部、首部和数据的检验和",
    ),
    ("congestion window reduced", "拥塞窗口已减小"),
    ("datagram length in octets", "数据报长度（字节）"),
    ("differentiated services code point", "区分服务码点"),
    ("don't fragment", "不要分片"),
    ("explicit congestion notification", "显式拥塞通知"),
    ("extension headers and payload", "扩展首部和有效载荷"),
    ("for reassembling fragments", "用于重组分片"),
    (
        "header and data length in octets",
        "首部和数据的长度（字节）",
    ),
    ("hops left", "剩余跳数"),
    ("labels packets of one flow", "标记同一个流的分组"),
    ("length of the rest in octets", "其余部分的长度（字节）"),
    ("more fragments", "还有分片"),
    ("no more data from the sender", "发送方没有更多数据"),
    ("options", "选项"),
    ("options, padded to 32 bits", "选项，填充到 32 位"),
    ("padding to 32 bits", "填充到 32 位"),
    ("push function", "推送功能"),
    ("reset the connection", "复位连接"),
    ("synchronize sequence numbers", "同步序号"),
    ("the acknowledgment field is significant", "确认号字段有效"),
    ("the datagram's data", "数据报的数据"),
    ("the destination", "目的地"),
    ("the end of urgent data", "紧急数据的末尾"),
    (
        "the first data octet's sequence number",
        "第一个数据字节的序号",
    ),
    ("the header that follows", "后面的首部"),
    (
        "the header's length in 32-bit words",
        "首部长度（以 32 位字为单位）",
    ),
    ("the next protocol", "上层协议"),
    (
        "the next sequence number the sender expects",
        "发送方期望收到的下一个序号",
    ),
    ("the receive window", "接收窗口"),
    ("the receiving port", "接收端口"),
    ("the segment's data", "报文段的数据"),
    ("the sender", "发送方"),
    ("the sending port", "发送端口"),
    ("the urgent pointer is significant", "紧急指针有效"),
    (
        "where the fragment belongs, in 8-octet units",
        "分片的位置，以 8 字节为单位",
    ),
    ("must be zero", "必须为零"),
    ("ECN-Echo", "ECN 回显"),
    ("zeros to a 32-bit boundary", "用零填充到 32 位边界"),
    ("DSCP and ECN", "DSCP 和 ECN"),
];

impl RefField {
    /// What it holds, in Chinese (the English meaning if none is recorded).
    pub fn meaning_zh(&self) -> &'static str {
        MEANINGS_ZH
            .iter()
            .find(|(en, _)| *en == self.meaning)
            .map_or(self.meaning, |(_, zh)| zh)
    }
}

/// Every reference header.
pub const HEADERS: &[Header] = &[TCP, UDP, IPV4, IPV6];

/// The header `check:` names (`tcp-header`, or just `tcp`).
pub fn by_id(id: &str) -> Option<&'static Header> {
    let id = id.trim().to_ascii_lowercase();
    HEADERS
        .iter()
        .find(|h| h.id == id || h.id.strip_suffix("-header") == Some(id.as_str()))
}

/// The header a diagram's title names: `TCP Packet`, `TCP 报文段首部`, `IPv4 Header`, `UDP
/// 首部`, … (the protocol as a word, and a word for a header or packet).
pub fn by_title(title: &str) -> Option<&'static Header> {
    let t = title.to_lowercase();
    let words: Vec<&str> = t
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let headerish = ["header", "packet", "segment", "datagram", "format"]
        .iter()
        .any(|w| words.contains(w))
        || ["首部", "报文", "头部", "数据报", "格式"]
            .iter()
            .any(|w| t.contains(w));
    if !headerish {
        return None;
    }
    let named = |w: &str| words.contains(&w);
    if named("tcp") {
        Some(&TCP)
    } else if named("udp") {
        Some(&UDP)
    } else if named("ipv6") {
        Some(&IPV6)
    } else if named("ipv4") || named("ip") {
        Some(&IPV4)
    } else {
        None
    }
}

/// The header as a mermaid `packet` diagram that passes its own check: front matter
/// `check:`, a title, each field labelled in English and Chinese (`Source Port<br>源端口`), the
/// variable-length fields one 32-bit row each.
pub fn to_packet(h: &Header) -> String {
    let mut out = format!(
        "---\ncheck: {}\n---\npacket\ntitle {} header ({})\n",
        h.id, h.name, h.source
    );
    let mut next = 0;
    for r in h.fields {
        let (start, end) = match r.end {
            Some(e) => (r.start, e),
            None => (next, next + 31),
        };
        next = end + 1;
        let bits = if start == end {
            format!("{start}")
        } else {
            format!("{start}-{end}")
        };
        out.push_str(&format!("{bits}: \"{}<br>{}\"\n", r.name(), r.zh()));
    }
    out
}

/// The header's fields as a bilingual Markdown table: bits, name, 字段, meaning, 含义, source.
pub fn to_table(h: &Header) -> String {
    let mut out = format!(
        "{} header ({})\n\n| Bits | Field | 字段 | Meaning | 含义 | Source |\n|---|---|---|---|---|---|\n",
        h.name, h.source
    );
    for r in h.fields {
        let source = r.assigned_by.unwrap_or(h.source);
        let bits = match r.end {
            None => format!("{}– (variable)", r.start),
            Some(_) => r.bits(),
        };
        out.push_str(&format!(
            "| {bits} | {} | {} | {} | {} | {source} |\n",
            r.name(),
            r.zh(),
            r.meaning,
            r.meaning_zh()
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_its_meaning_in_both_languages_and_every_group_names_both() {
        for h in HEADERS {
            for r in h.fields {
                let zh = r.meaning_zh();
                assert!(
                    r.meaning.chars().all(|c| c.is_ascii_digit()) || zh != r.meaning,
                    "{} {}: no Chinese meaning for `{}`",
                    h.name,
                    r.name(),
                    r.meaning
                );
            }
            for g in h.groups {
                assert!(g.names.len() >= 2 && g.names[1].chars().any(|c| c > '\u{2e80}'));
                assert!(h.fields.iter().any(|r| r.start == g.start));
                assert!(h.fields.iter().any(|r| r.end == Some(g.end)));
            }
        }
        assert!(to_table(&TCP).contains(
            "| 104 | CWR | 拥塞窗口减小 | congestion window reduced | 拥塞窗口已减小 | RFC 3168 |"
        ));
    }
}
