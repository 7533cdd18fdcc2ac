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
            &["Sequence Number", "序号", "序列号", "Seq"],
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
        variable(160, DATA, "the segment's data"),
    ],
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
            &["IHL", "首部长度", "Internet Header Length", "Header Length"],
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
            &["Identification", "标识", "ID"],
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
            &["Fragment Offset", "片偏移", "分片偏移"],
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
};

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

/// The header's fields as a bilingual Markdown table: bits, name, 名称, meaning, source.
pub fn to_table(h: &Header) -> String {
    let mut out = format!(
        "{} header ({})\n\n| Bits | Field | 字段 | Meaning | Source |\n|---|---|---|---|---|\n",
        h.name, h.source
    );
    for r in h.fields {
        let source = r.assigned_by.unwrap_or(h.source);
        let bits = match r.end {
            None => format!("{}– (variable)", r.start),
            Some(_) => r.bits(),
        };
        out.push_str(&format!(
            "| {bits} | {} | {} | {} | {source} |\n",
            r.name(),
            r.zh(),
            r.meaning
        ));
    }
    out
}
