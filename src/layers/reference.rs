//! The layer models a layer diagram is recognised as and checked against, as data, each citing
//! its source: OSI (ISO/IEC 7498-1), TCP/IP (RFC 1122 §1.1.3) and the five-layer teaching
//! model (谢希仁《计算机网络》§1.7; Kurose & Ross's "Internet protocol stack"). Every layer has
//! its English and Chinese name and the other names it goes by; [`names`] says how a label line
//! is compared with them.
//!
//! The reference mappings between the models are in [`super::mapping`].

/// One layer of a reference model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layer {
    /// A stable key (`transport`), unique within its model.
    pub key: &'static str,
    /// The English name, without "Layer" (`Transport`).
    pub en: &'static str,
    /// The Chinese name (`传输层`).
    pub zh: &'static str,
    /// Other names in either language, without a trailing "Layer" (`运输层`, `Host-to-Host`).
    pub aliases: &'static [&'static str],
}

impl Layer {
    /// Every name it goes by: English, Chinese, then the aliases.
    pub fn names(&self) -> impl Iterator<Item = &'static str> {
        [self.en, self.zh]
            .into_iter()
            .chain(self.aliases.iter().copied())
    }
    /// `Transport 传输层`, for messages.
    pub fn both(&self) -> String {
        format!("{} {}", self.en, self.zh)
    }
}

/// A reference layer model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Model {
    /// The key the IR records (`osi`, `tcpip`, `five`).
    pub key: &'static str,
    /// Its short name (`OSI`).
    pub name: &'static str,
    /// Its Chinese name.
    pub zh: &'static str,
    /// Where the layers are defined.
    pub source: &'static str,
    /// Its layers, top (application) first.
    pub layers: &'static [Layer],
    /// Words in a subgraph title that name this model (lower case), used only to break ties.
    pub title_words: &'static [&'static str],
}

impl Model {
    /// The layer with key `key`.
    pub fn layer(&self, key: &str) -> Option<&'static Layer> {
        self.layers.iter().find(|l| l.key == key)
    }
    /// The position of the layer with key `key` (0 = top).
    pub fn position(&self, key: &str) -> Option<usize> {
        self.layers.iter().position(|l| l.key == key)
    }
    /// `OSI (ISO/IEC 7498-1): Application, Presentation, …` — the layers top first, for hints.
    pub fn layers_hint(&self) -> String {
        let names: Vec<String> = self.layers.iter().map(Layer::both).collect();
        format!(
            "{} ({}), top first: {}",
            self.name,
            self.source,
            names.join(", ")
        )
    }
}

const fn layer(
    key: &'static str,
    en: &'static str,
    zh: &'static str,
    aliases: &'static [&'static str],
) -> Layer {
    Layer {
        key,
        en,
        zh,
        aliases,
    }
}

/// The OSI reference model, ISO/IEC 7498-1:1994 §7 (Chinese names as in GB/T 9387.1).
pub static OSI: Model = Model {
    key: "osi",
    name: "OSI",
    zh: "OSI 参考模型",
    source: "ISO/IEC 7498-1:1994 §7",
    layers: &[
        layer("application", "Application", "应用层", &[]),
        layer("presentation", "Presentation", "表示层", &[]),
        layer("session", "Session", "会话层", &["会晤层"]),
        layer("transport", "Transport", "传输层", &["运输层"]),
        layer("network", "Network", "网络层", &[]),
        layer("data-link", "Data Link", "数据链路层", &["Datalink"]),
        layer("physical", "Physical", "物理层", &[]),
    ],
    title_words: &["osi", "iso", "七层", "seven", "7-layer", "7 layer"],
};

/// The Internet protocol suite's four layers, RFC 1122 §1.1.3, with the names textbooks give
/// them (Network Interface / Network Access / Host-to-Network for Link; 网际层 / 网络层 for
/// Internet; Host-to-Host for Transport, from the DoD model).
pub static TCPIP: Model = Model {
    key: "tcpip",
    name: "TCP/IP",
    zh: "TCP/IP 参考模型",
    source: "RFC 1122 §1.1.3",
    layers: &[
        layer(
            "application",
            "Application",
            "应用层",
            &["Process", "进程层"],
        ),
        layer(
            "transport",
            "Transport",
            "传输层",
            &["运输层", "Host-to-Host", "主机到主机层"],
        ),
        layer(
            "internet",
            "Internet",
            "网际层",
            &[
                "Internetwork",
                "IP",
                "Network",
                "网络层",
                "互联网层",
                "互连网层",
                "网际互联层",
                "网络互联层",
            ],
        ),
        layer(
            "link",
            "Link",
            "网络接口层",
            &[
                "Network Interface",
                "Network Access",
                "Host-to-Network",
                "Media Access",
                "链路层",
                "网络访问层",
                "网络接入层",
                "主机-网络层",
                "主机到网络层",
            ],
        ),
    ],
    title_words: &[
        "tcp/ip",
        "tcp ip",
        "tcp-ip",
        "internet protocol suite",
        "四层",
        "four",
        "4-layer",
        "4 layer",
        "dod",
    ],
};

/// The five-layer teaching model: 谢希仁《计算机网络》(第8版) §1.7.3 (应用层, 运输层, 网络层,
/// 数据链路层, 物理层), Kurose & Ross, *Computer Networking* §1.5.1 (application, transport,
/// network, link, physical) and Comer's five-layer TCP/IP model (application, transport,
/// Internet, network interface, physical).
pub static FIVE: Model = Model {
    key: "five",
    name: "five-layer model",
    zh: "五层协议体系结构",
    source:
        "谢希仁《计算机网络》第8版 §1.7.3; Kurose & Ross §1.5.1; Comer, Internetworking with TCP/IP",
    layers: &[
        layer("application", "Application", "应用层", &[]),
        layer("transport", "Transport", "运输层", &["传输层"]),
        layer("network", "Network", "网络层", &["Internet", "网际层"]),
        layer(
            "data-link",
            "Data Link",
            "数据链路层",
            &["Link", "Datalink", "Network Interface", "链路层"],
        ),
        layer("physical", "Physical", "物理层", &[]),
    ],
    title_words: &["五层", "five", "5-layer", "5 layer", "hybrid", "教学"],
};

/// Every built-in model, in the order recognition prefers them on a tie.
pub static MODELS: &[&Model] = &[&OSI, &TCPIP, &FIVE];

/// The model with key `key`.
pub fn by_key(key: &str) -> Option<&'static Model> {
    MODELS.iter().copied().find(|m| m.key == key)
}

/// How label text is compared with layer names.
pub mod names {
    /// A name reduced for comparison: lower case; full-width forms and `-`, `_`, `/`, `.`
    /// as spaces; spaces collapsed; a trailing "layer"/"layers"/"层" and a leading layer
    /// number (`7`, `L7`, `Layer 7`, `第7层`, `(7)`) dropped.
    pub fn normal(s: &str) -> String {
        let lower: String = s
            .to_lowercase()
            .chars()
            .map(|c| match c {
                '（' => '(',
                '）' => ')',
                '：' => ':',
                '-' | '_' | '/' | '.' | '　' | '·' | '、' => ' ',
                c => c,
            })
            .collect();
        let words: Vec<&str> = lower.split_whitespace().collect();
        let mut text = words.join(" ");
        text = strip_number(&text).to_string();
        for suffix in [" layers", " layer", "layers", "layer"] {
            if let Some(rest) = text.strip_suffix(suffix) {
                if !rest.trim().is_empty() {
                    text = rest.trim_end().to_string();
                    break;
                }
            }
        }
        if let Some(rest) = text.strip_suffix('层') {
            if !rest.trim().is_empty() {
                text = rest.trim_end().to_string();
            }
        }
        text
    }

    /// `text` without a leading layer number: `7 `, `l7 `, `layer 7 `, `第7层 `, `第七层 `,
    /// `(7) `, `7: ` (the number must be followed by a separator and more text).
    fn strip_number(text: &str) -> &str {
        if let Some(r) = text.strip_prefix('第') {
            let Some(end) = r.find('层') else {
                return text;
            };
            let n = &r[..end];
            if n.is_empty()
                || !n
                    .chars()
                    .all(|c| c.is_ascii_digit() || "一二三四五六七".contains(c))
            {
                return text;
            }
            let after = r[end + '层'.len_utf8()..].trim_start();
            return if after.is_empty() { text } else { after };
        }
        let r = text
            .strip_prefix("layer ")
            .or_else(|| {
                text.strip_prefix('l')
                    .filter(|r| r.starts_with(|c: char| c.is_ascii_digit()))
            })
            .unwrap_or(text);
        let r = r.strip_prefix('(').unwrap_or(r);
        let n = r.chars().take_while(char::is_ascii_digit).count();
        if n == 0 || n > 2 {
            return text;
        }
        let rest = &r[n..];
        let after = rest.trim_start_matches([')', ':', ' ']);
        if after.len() == rest.len() || after.is_empty() {
            return text;
        }
        after
    }

    /// Pieces of one kind (bracketed, or one language's) looked at per line: enough for any
    /// label people write, and a bound for hostile ones.
    const PIECES: usize = 8;

    /// The parts of one label line that may name a layer, most specific first: the whole line,
    /// then its pieces between brackets, colons and dashes (`Transport Layer (TCP/UDP)` →
    /// `Transport Layer`, `TCP/UDP`), then, for a line in both languages (`传输层 Transport`),
    /// its Chinese and its other text apart; each [`normal`]ised, none empty or twice.
    pub fn candidates(line: &str) -> Vec<String> {
        let mut out = vec![normal(line)];
        let add = |out: &mut Vec<String>, piece: &str| {
            let n = normal(piece);
            if !n.is_empty() && !out.contains(&n) {
                out.push(n);
            }
        };
        let pieces = line.split(['(', ')', '（', '）', ':', '：', '—', '–', '|', '[', ']']);
        for piece in pieces.flat_map(|p| p.split(" - ")).take(PIECES) {
            add(&mut out, piece);
        }
        let han = |c: char| crate::model::label::is_han(c);
        if line.chars().any(han) && line.chars().any(|c| c.is_ascii_alphabetic()) {
            let mut runs: Vec<(bool, String)> = Vec::new();
            for c in line.chars() {
                let is = han(c);
                let full = runs.len() == PIECES;
                match runs.last_mut() {
                    Some((h, run)) if *h == is || (!is && !c.is_alphanumeric()) => run.push(c),
                    _ if full => break,
                    _ => runs.push((is, c.to_string())),
                }
            }
            for (_, run) in runs {
                add(&mut out, &run);
            }
        }
        out.retain(|c| !c.is_empty());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::names::{candidates, normal};
    use super::*;

    #[test]
    fn normal_drops_layer_words_and_numbers() {
        assert_eq!(normal("Transport Layer"), "transport");
        assert_eq!(normal("  Data-Link   layer "), "data link");
        assert_eq!(normal("传输层"), "传输");
        assert_eq!(normal("L7 Application"), "application");
        assert_eq!(normal("Layer 4: Transport"), "transport");
        assert_eq!(normal("7. Application Layer"), "application");
        assert_eq!(normal("(3) Network"), "network");
        assert_eq!(normal("第七层 应用层"), "应用");
        assert_eq!(normal("Host-to-Network"), "host to network");
        // A word that is only "layer", or only a number, stays.
        assert_eq!(normal("Layer"), "layer");
        assert_eq!(normal("层"), "层");
        assert_eq!(normal("7"), "7");
        assert_eq!(normal("802.11"), "802 11");
    }

    #[test]
    fn candidates_split_at_brackets() {
        assert_eq!(
            candidates("Transport Layer (TCP/UDP)"),
            vec!["transport layer (tcp udp)", "transport", "tcp udp"]
        );
        assert_eq!(candidates("应用层（HTTP）")[1], "应用");
        assert_eq!(
            candidates("传输层 Transport"),
            vec!["传输层 transport", "传输", "transport"]
        );
        // Hostile lines are looked at in bounded pieces.
        assert!(candidates(&"(a".repeat(100_000)).len() <= 2 * 8 + 1);
        assert!(candidates(&"传a".repeat(100_000)).len() <= 2 * 8 + 1);
    }

    #[test]
    fn every_model_is_well_formed() {
        for m in MODELS {
            assert!(!m.source.is_empty() && m.layers.len() >= 4, "{}", m.key);
            let mut keys: Vec<&str> = m.layers.iter().map(|l| l.key).collect();
            keys.sort_unstable();
            keys.dedup();
            assert_eq!(keys.len(), m.layers.len(), "{}: duplicate keys", m.key);
            // No two layers of one model share a name once normalised.
            let mut names: Vec<String> = m
                .layers
                .iter()
                .flat_map(|l| l.names().map(normal))
                .collect();
            let all = names.len();
            names.sort();
            names.dedup();
            assert_eq!(names.len(), all, "{}: a name of two layers", m.key);
            assert_eq!(by_key(m.key), Some(*m));
        }
        assert_eq!(OSI.layers.len(), 7);
        assert_eq!(TCPIP.layers.len(), 4);
        assert_eq!(FIVE.layers.len(), 5);
        assert_eq!(OSI.position("transport"), Some(3));
        assert!(OSI
            .layers_hint()
            .starts_with("OSI (ISO/IEC 7498-1:1994 §7), top first: Application 应用层"));
    }
}
