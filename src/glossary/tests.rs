use super::translate::{classify, key, line, LineKind, Translation};
use super::*;
use crate::model::Lang;
use proptest::prelude::*;

fn en(text: &str) -> Translation {
    line(&Glossary::builtin(), text, Lang::En)
}

fn zh(text: &str) -> Translation {
    line(&Glossary::builtin(), text, Lang::Zh)
}

fn done(t: &str) -> Translation {
    Translation::Translated(t.to_string())
}

#[test]
fn the_bundled_examples_titles() {
    assert_eq!(
        en("OSI七层模型（理论标准）"),
        done("OSI seven-layer model (theoretical standard)")
    );
    assert_eq!(
        en("TCP/IP四层模型（实际实现）"),
        done("TCP/IP four-layer model (actual implementation)")
    );
    // And back.
    assert_eq!(
        zh("OSI seven-layer model (theoretical standard)"),
        done("OSI七层模型（理论标准）")
    );
    assert_eq!(
        zh("TCP/IP four-layer model (actual implementation)"),
        done("TCP/IP四层模型（实际实现）")
    );
}

#[test]
fn every_builtin_entry_round_trips() {
    let g = Glossary::builtin();
    let mut failures = Vec::new();
    for e in g.entries() {
        let there = match line(&g, &e.zh[0], Lang::En) {
            Translation::Translated(t) => t,
            other => {
                failures.push(format!("{} → {other:?}", e.zh[0]));
                continue;
            }
        };
        let back = match line(&g, &there, Lang::Zh) {
            Translation::Translated(t) => t,
            Translation::Kept => there.clone(),
            other => {
                failures.push(format!("{} → {there} → {other:?}", e.zh[0]));
                continue;
            }
        };
        if !e.zh.iter().any(|z| key(z) == key(&back)) {
            failures.push(format!("{} → {there} → {back}", e.zh[0]));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_english_form_reads_back_into_chinese() {
    let g = Glossary::builtin();
    for e in g.entries() {
        for form in &e.en {
            match line(&g, form, Lang::Zh) {
                Translation::Translated(t) => {
                    assert!(t.chars().any(crate::model::label::is_han), "{form} → {t}")
                }
                other => panic!("{form} → {other:?}"),
            }
        }
    }
}

#[test]
fn lines_are_classified_by_their_words() {
    assert_eq!(classify("OSI七层模型（理论标准）"), LineKind::Chinese);
    assert_eq!(classify("发送 SYN, seq=x"), LineKind::Chinese);
    assert_eq!(classify("send SYN"), LineKind::English);
    assert_eq!(classify("SYN, ACK"), LineKind::Neutral);
    assert_eq!(classify("seq=x, ack=y+1"), LineKind::Neutral);
    assert_eq!(classify(""), LineKind::Neutral);
    assert_eq!(classify("应用层 Application Layer"), LineKind::Mixed);
    assert_eq!(classify("IPv4 数据报"), LineKind::Chinese);
}

#[test]
fn term_by_term_longest_first_with_tokens_kept() {
    assert_eq!(en("TCP连接"), done("TCP connection"));
    assert_eq!(en("UDP 用户数据报"), done("UDP user datagram"));
    assert_eq!(en("路由器，交换机"), done("router, switch"));
    assert_eq!(en("主机：客户端"), done("host: client"));
    assert_eq!(en("超时重传"), done("retransmission on timeout"));
    assert_eq!(zh("routers and switches"), done("路由器与交换机"));
    assert_eq!(
        zh("routers of switches"),
        Translation::Missing(vec!["of".into()])
    );
    assert_eq!(zh("routers, switches"), done("路由器，交换机"));
    assert_eq!(zh("three-way handshake"), done("三报文握手"));
    assert_eq!(zh("send SYN"), done("发送 SYN"));
    assert_eq!(zh("TCP connection"), done("TCP连接"));
    assert_eq!(zh("UDP user datagram"), done("UDP 用户数据报"));
    // Whole lines first: the TCP names.
    assert_eq!(en("收到 SYN,ACK"), done("rcv SYN,ACK"));
    assert_eq!(zh("rcv ACK of SYN"), done("收到对 SYN 的确认"));
    assert_eq!(zh("ESTABLISHED"), done("已建立连接"));
}

#[test]
fn what_needs_no_translation_is_kept() {
    assert_eq!(en("Application Layer"), Translation::Kept);
    assert_eq!(zh("应用层"), Translation::Kept);
    assert_eq!(zh("SYN, ACK"), Translation::Kept);
    assert_eq!(en("seq=x"), Translation::Kept);
    assert_eq!(en("应用层 Application Layer"), Translation::Kept);
    assert_eq!(zh("应用层 Application Layer"), Translation::Kept);
}

#[test]
fn missing_terms_are_named_once_in_reading_order() {
    assert_eq!(
        en("量子路由器跟量子交换机"),
        Translation::Missing(vec!["量子".into(), "跟量子".into()])
    );
    assert_eq!(
        zh("quantum router, quantum switch"),
        Translation::Missing(vec!["quantum".into()])
    );
}

#[test]
fn a_users_entries_win_and_bad_yaml_is_located() {
    let g = Glossary::with_user(
        "- zh: 运输层\n  en: Transport Layer (Xie)\n- zh: [量子, 量子的]\n  en: quantum\n",
    )
    .unwrap();
    assert_eq!(line(&g, "运输层", Lang::En), done("Transport Layer (Xie)"));
    assert_eq!(line(&g, "量子路由器", Lang::En), done("quantum router"));
    assert_eq!(g.entries()[0].source, user::USER_SOURCE);
    let text = "- zh: a\n  en: [b\n";
    let errs = Glossary::with_user(text).unwrap_err();
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].code, crate::diagnostic::codes::lang::BAD_GLOSSARY);
    assert!(errs[0].span.start > 0, "{:?}", errs[0]);
    let errs = Glossary::with_user("- zh: a\n  fr: b\n").unwrap_err();
    assert!(errs[0].message.contains("fr"), "{}", errs[0].message);
    let errs = Glossary::with_user("- zh: a\n  en: ''\n").unwrap_err();
    assert!(errs[0].message.contains("non-empty"), "{}", errs[0].message);
    assert_eq!(
        Glossary::with_user("").unwrap().entries().len(),
        Glossary::builtin().entries().len()
    );
}

#[test]
fn glossary_files_are_told_from_state_machines() {
    assert!(Glossary::is_glossary(
        "# terms\n- zh: 量子\n  en: quantum\n"
    ));
    assert!(Glossary::is_glossary("---\n- {en: quantum, zh: 量子}\n"));
    assert!(!Glossary::is_glossary("machine: tcp\ntransitions: []\n"));
    assert!(!Glossary::is_glossary("- { from: CLOSED, to: LISTEN }\n"));
    assert!(!Glossary::is_glossary(""));
}

proptest! {
    #[test]
    fn translation_never_panics_and_is_deterministic(text in "\\PC{0,40}", pick in 0usize..6, han in "[一-龥〇々（），：]{0,6}") {
        let samples = ["OSI七层模型（理论标准）", "send SYN", "路由器", " (", "seq=x", "Ａ〇"];
        let text = format!("{text}{han}{}", samples[pick]);
        let g = Glossary::builtin();
        for lang in [Lang::En, Lang::Zh] {
            let a = line(&g, &text, lang);
            prop_assert_eq!(&a, &line(&g, &text, lang));
            if let Translation::Translated(t) = a {
                prop_assert!(!t.is_empty());
                if lang == Lang::En {
                    prop_assert!(!t.chars().any(crate::model::label::is_han), "{}", t);
                }
            }
        }
    }
}

proptest! {
    #[test]
    fn a_users_glossary_never_panics(text in "[-a-z:{}\\[\\], \n#'\"量子]{0,60}") {
        let a = Glossary::with_user(&text);
        prop_assert_eq!(&a, &Glossary::with_user(&text));
        if let Err(d) = a {
            for d in d {
                prop_assert!(d.span.end <= text.len(), "{:?}", d);
            }
        }
    }
}
