//! Where a line of label text may break: UAX #14 simplified to what diagram labels need.
//!
//! - Latin (and any other script written with spaces) breaks only after spaces, never inside a
//!   word: `TCP/IP`, `SYN-RECEIVED` and `snake_case` stay whole.
//! - Chinese and Japanese (Han, kana, full-width forms) break between any two characters.
//! - Kinsoku: never before closing punctuation (，。、；：？！）」』》〉】 … and ASCII `) ] } , .
//!   ; : ! ? %`) or small kana and the prolonged sound mark; never after opening punctuation
//!   (（「『《〈【 … and ASCII `( [ {`), spaces between them included.
//! - Combining marks, variation selectors, emoji modifiers and the zero-width joiner hold on to
//!   the character before them (UAX #14 LB9): `か` + U+3099 (a decomposed `が`) or a Han
//!   character with its variation selector never split.
//! - No-break spaces and the word joiner (U+00A0, U+2007, U+202F, U+2060, U+FEFF) glue their
//!   neighbours; a zero-width space (U+200B) is a break opportunity.

/// A character's line-breaking behaviour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// A space: a break may follow it; at a break it hangs and is dropped.
    Space,
    /// No break on either side (no-break spaces, word joiner).
    Glue,
    /// A zero-width space: a break may follow it.
    ZeroWidthSpace,
    /// Opening punctuation written between words (ASCII, curly quotes): nothing breaks after it.
    Open,
    /// Full-width opening punctuation: nothing breaks after it; a break may precede it.
    OpenWide,
    /// Closing punctuation written between words (ASCII, curly quotes, ellipsis): nothing
    /// breaks before it.
    Close,
    /// Full-width closing punctuation, small kana, the prolonged sound mark: nothing breaks
    /// before it; a break may follow it.
    CloseWide,
    /// Han, kana, full-width letters: a break may precede and follow it.
    Ideographic,
    /// A combining mark (or variation selector, emoji modifier, zero-width joiner): part of
    /// the character before it, which it takes the class of.
    Combining,
    /// Everything else (Latin letters, digits, symbols): breaks only at spaces.
    Other,
}

/// The class of `c`.
pub(crate) fn class(c: char) -> Class {
    use Class::*;
    match c {
        ' '
        | '\t'
        | '\u{3000}'
        | '\u{1680}'
        | '\u{2000}'..='\u{2006}'
        | '\u{2008}'..='\u{200A}'
        | '\u{205F}' => Space,
        '\u{A0}' | '\u{2007}' | '\u{202F}' | '\u{2060}' | '\u{FEFF}' => Glue,
        '\u{200B}' => ZeroWidthSpace,
        '(' | '[' | '{' | '\u{2018}' | '\u{201C}' | '\u{AB}' => Open,
        ')' | ']' | '}' | ',' | '.' | ';' | ':' | '!' | '?' | '%' | '\u{2019}' | '\u{201D}'
        | '\u{BB}' | '\u{2026}' | '\u{2025}' => Close,
        // CJK brackets: 〈《「『【〔〖〘〚〝 and their full-width / half-width forms.
        '\u{3008}' | '\u{300A}' | '\u{300C}' | '\u{300E}' | '\u{3010}' | '\u{3014}'
        | '\u{3016}' | '\u{3018}' | '\u{301A}' | '\u{301D}' | '\u{FF08}' | '\u{FF3B}'
        | '\u{FF5B}' | '\u{FF5F}' | '\u{FF62}' => OpenWide,
        // 、。〉》」』】〕〗〙〛〞〟 and full-width ！），．：；？］｝｠｡｣､
        '\u{3001}' | '\u{3002}' | '\u{3009}' | '\u{300B}' | '\u{300D}' | '\u{300F}'
        | '\u{3011}' | '\u{3015}' | '\u{3017}' | '\u{3019}' | '\u{301B}' | '\u{301E}'
        | '\u{301F}' | '\u{FF01}' | '\u{FF09}' | '\u{FF0C}' | '\u{FF0E}' | '\u{FF1A}'
        | '\u{FF1B}' | '\u{FF1F}' | '\u{FF3D}' | '\u{FF5D}' | '\u{FF60}' | '\u{FF61}'
        | '\u{FF63}' | '\u{FF64}' => CloseWide,
        // Japanese non-starters: iteration marks, 〜, ゠, ・, ー, small kana.
        '\u{3005}' | '\u{303B}' | '\u{301C}' | '\u{309D}' | '\u{309E}' | '\u{30A0}'
        | '\u{30FB}' | '\u{30FC}' | '\u{30FD}' | '\u{30FE}' | '\u{FF70}' => CloseWide,
        c if is_small_kana(c) => CloseWide,
        c if is_combining(c) => Combining,
        c if is_ideographic(c) => Ideographic,
        _ => Other,
    }
}

/// Small hiragana and katakana (ぁ, っ, ャ, ㇰ, ｧ …), which never start a line.
fn is_small_kana(c: char) -> bool {
    matches!(c,
        'ぁ' | 'ぃ' | 'ぅ' | 'ぇ' | 'ぉ' | 'っ' | 'ゃ' | 'ゅ' | 'ょ' | 'ゎ' | 'ゕ' | 'ゖ'
        | 'ァ' | 'ィ' | 'ゥ' | 'ェ' | 'ォ' | 'ッ' | 'ャ' | 'ュ' | 'ョ' | 'ヮ' | 'ヵ' | 'ヶ'
        | '\u{31F0}'..='\u{31FF}' | '\u{FF67}'..='\u{FF6F}')
}

/// Marks written on the character before them: combining diacritics (general, extended,
/// supplement, for symbols, half marks), the kana voicing marks, variation selectors, emoji
/// skin-tone modifiers, the zero-width joiner and tag characters.
fn is_combining(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F
        | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF
        | 0x20D0..=0x20FF
        | 0xFE20..=0xFE2F
        | 0x3099..=0x309A
        | 0xFE00..=0xFE0F
        | 0xE0100..=0xE01EF
        | 0x1F3FB..=0x1F3FF
        | 0x200D
        | 0xE0020..=0xE007F)
}

/// Han, kana, bopomofo, CJK symbols and full-width letters: text written without spaces.
fn is_ideographic(c: char) -> bool {
    crate::model::label::is_han(c)
        || matches!(c as u32,
            0x2E80..=0x2FDF      // CJK radicals, Kangxi radicals
            | 0x3003..=0x303F    // CJK symbols (the punctuation is classed above)
            | 0x3040..=0x30FF    // hiragana, katakana
            | 0x3100..=0x31EF    // bopomofo, kanbun, CJK strokes
            | 0x3200..=0x33FF    // enclosed CJK, CJK compatibility
            | 0xFF01..=0xFF60    // full-width forms (the punctuation is classed above)
            | 0xFF66..=0xFF9F) // half-width katakana
}

/// Whether a line may break before each character of `text`: `result[i]` for the gap before
/// the `i`-th character (`result[0]` is always `false`).
pub(crate) fn opportunities(text: impl IntoIterator<Item = char>) -> Vec<bool> {
    use Class::*;
    let mut text = text.into_iter();
    let mut out = Vec::with_capacity(text.size_hint().0);
    let Some(first) = text.next() else {
        return out;
    };
    out.push(false);
    let mut a = class(first);
    // The class of the last character before the current one that is not a space, if any.
    let mut last_solid: Option<Class> = None;
    for c in text {
        let b = class(c);
        if b == Class::Combining {
            // Part of the character before: no break here, and the pair breaks as that
            // character does (a mark after a space makes the space a letter, as LB10 says).
            out.push(false);
            if a == Space {
                a = Other;
            }
            continue;
        }
        if a != Space {
            last_solid = Some(a);
        }
        out.push(match (a, b) {
            // Spaces hang at the end of a line; closing punctuation and glue hold on.
            (_, Space | Close | CloseWide | Glue) | (Glue, _) => false,
            (ZeroWidthSpace, _) => true,
            // After spaces, unless they follow opening punctuation or start the line.
            (Space, _) => !matches!(last_solid, Some(Open | OpenWide) | None),
            (Open | OpenWide, _) => false,
            (Ideographic | CloseWide, _) | (_, Ideographic | OpenWide) => true,
            _ => false,
        });
        a = b;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` with `|` at every break opportunity.
    fn marked(text: &str) -> String {
        let ok = opportunities(text.chars());
        let mut out = String::new();
        for (c, b) in text.chars().zip(ok) {
            if b {
                out.push('|');
            }
            out.push(c);
        }
        out
    }

    #[test]
    fn english_breaks_after_spaces_only() {
        assert_eq!(marked("Transport Layer  (TCP)"), "Transport |Layer  |(TCP)");
        assert_eq!(
            marked("SYN-RECEIVED TCP/IP snake_case"),
            "SYN-RECEIVED |TCP/IP |snake_case"
        );
        assert_eq!(marked("  leading"), "  leading", "no empty first line");
    }

    #[test]
    fn chinese_breaks_between_characters() {
        assert_eq!(marked("应用层协议"), "应|用|层|协|议");
        assert_eq!(marked("ひらがなカタカナ"), "ひ|ら|が|な|カ|タ|カ|ナ");
    }

    #[test]
    fn mixed_text_breaks_at_the_script_change_but_not_inside_latin() {
        assert_eq!(marked("TCP连接"), "TCP|连|接");
        assert_eq!(marked("建立TCP连接"), "建|立|TCP|连|接");
        assert_eq!(marked("传输 Transport"), "传|输 |Transport");
    }

    #[test]
    fn never_before_closing_or_after_opening_punctuation() {
        assert_eq!(marked("连接，建立。"), "连|接，|建|立。");
        assert_eq!(marked("（传输层）协议"), "（传|输|层）|协|议");
        assert_eq!(marked("「你好」"), "「你|好」");
        assert_eq!(marked("《网络》〈书〉【注】"), "《网|络》|〈书〉|【注】");
        assert_eq!(marked("他说“你好”然后"), "他|说|“你|好”|然|后");
        assert_eq!(marked("a , b ( c ) d"), "a , |b |( c ) |d");
        assert_eq!(
            marked("ちょっと"),
            "ちょっ|と",
            "small kana never start a line"
        );
        assert_eq!(
            marked("コーヒー"),
            "コー|ヒー",
            "nor does the prolonged sound mark"
        );
        assert_eq!(marked("中文……"), "中|文……");
    }

    #[test]
    fn combining_marks_hold_on_to_the_character_before() {
        // A decomposed が and a Han character with a variation selector stay whole, and the
        // pair still breaks as its first character does.
        assert_eq!(marked("か\u{3099}き"), "か\u{3099}|き");
        assert_eq!(marked("葛\u{E0100}城"), "葛\u{E0100}|城");
        assert_eq!(marked("中\u{301}文"), "中\u{301}|文");
        assert_eq!(marked("cafe\u{301} noir"), "cafe\u{301} |noir");
        // An emoji sequence with a skin tone and joiners after a Han character.
        assert_eq!(
            marked("好\u{1F44D}\u{1F3FD}\u{200D}x"),
            "好|\u{1F44D}\u{1F3FD}\u{200D}x"
        );
        // A mark on a space makes it a letter (no break after it).
        assert_eq!(marked("a \u{301}b"), "a \u{301}b");
        // A mark first in the line is just there.
        assert_eq!(marked("\u{301}中"), "\u{301}|中");
    }

    #[test]
    fn glue_and_zero_width_space() {
        assert_eq!(marked("a\u{a0}b c"), "a\u{a0}b |c");
        assert_eq!(marked("中\u{a0}文"), "中\u{a0}文");
        assert_eq!(marked("long\u{200b}word"), "long\u{200b}|word");
    }
}
