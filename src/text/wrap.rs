//! Wrapping label lines to a width, as mermaid wraps its labels (`flowchart.wrappingWidth`):
//! greedily, measured with the bundled font, at the break opportunities of [`super::breaks`].
//!
//! A line that fits is kept as it is. Otherwise it is cut into as few pieces as the greedy fill
//! gives: each piece takes the next unbreakable unit (a word, an ideograph with the
//! punctuation that holds on to it) while the piece still fits, spaces at a break are dropped,
//! and a unit wider than the limit gets a piece of its own (the box widens, the text never
//! overflows it). Styles (bold, italic) stay on their characters across the break; rules
//! (`<hr>`) and the line's language are kept.

use super::breaks::{self, Class};
use super::metrics::advance_em;
use crate::model::{Label, LabelLine, TextRun};

/// Slack for comparing sums of advances measured in different orders.
const EPSILON: f64 = 1e-6;

/// `label` with every line wider than `max_width` px (at `size` px; all bold if `bold`, as a
/// `font-weight: bold` style sets it) broken into lines that fit, where the text allows.
pub fn wrap(label: &Label, max_width: f64, size: f64, bold: bool) -> Label {
    let mut lines = Vec::with_capacity(label.lines.len());
    for line in &label.lines {
        wrap_line(line, max_width, size, bold, &mut lines);
    }
    Label { lines }
}

/// Pushes `line`, wrapped, onto `out`.
fn wrap_line(line: &LabelLine, max_width: f64, size: f64, bold: bool, out: &mut Vec<LabelLine>) {
    let width = |c: char, run: u32| advance_em(c, bold || line.runs[run as usize].bold) * size;
    // Each character with the run it belongs to (runs are far fewer than 2^32: the input is
    // capped well below that).
    let chars: Vec<(char, u32)> = line
        .runs
        .iter()
        .enumerate()
        .flat_map(|(i, r)| r.text.chars().map(move |c| (c, i as u32)))
        .collect();
    let total: f64 = chars.iter().map(|&(c, r)| width(c, r)).sum();
    if line.rule || total <= max_width + EPSILON {
        out.push(line.clone());
        return;
    }
    let can_break = breaks::opportunities(chars.iter().map(|&(c, _)| c));
    // Greedy fill over units: `[start, end)` runs from one break opportunity to the next.
    let mut line_start = 0;
    // Width of the line so far, spaces after its last unit included.
    let mut line_width = 0.0;
    let mut start = 0;
    while start < chars.len() {
        let end = (start + 1..chars.len())
            .find(|&i| can_break[i])
            .unwrap_or(chars.len());
        let full: f64 = chars[start..end].iter().map(|&(c, r)| width(c, r)).sum();
        // Spaces at a break are dropped; after the last unit they stay, and count.
        let spaces: f64 = if end < chars.len() {
            chars[start..end]
                .iter()
                .rev()
                .take_while(|&&(c, _)| breaks::class(c) == Class::Space)
                .map(|&(c, r)| width(c, r))
                .sum()
        } else {
            0.0
        };
        if start > line_start && line_width + full - spaces > max_width + EPSILON {
            out.push(piece(line, &chars[line_start..start]));
            line_start = start;
            line_width = 0.0;
        }
        line_width += full;
        start = end;
    }
    out.push(last_piece(line, &chars[line_start..]));
}

/// A line ending at a break: its trailing spaces dropped.
fn piece(line: &LabelLine, chars: &[(char, u32)]) -> LabelLine {
    let keep = chars.len()
        - chars
            .iter()
            .rev()
            .take_while(|&&(c, _)| breaks::class(c) == Class::Space)
            .count();
    last_piece(line, &chars[..keep])
}

/// The styled line holding `chars` of `line`, consecutive characters of one run in one run.
fn last_piece(line: &LabelLine, chars: &[(char, u32)]) -> LabelLine {
    let mut runs: Vec<TextRun> = Vec::new();
    let mut current = None;
    for &(c, r) in chars {
        match runs.last_mut() {
            Some(last) if current == Some(r) => last.text.push(c),
            _ => {
                let style = &line.runs[r as usize];
                runs.push(TextRun {
                    text: c.to_string(),
                    bold: style.bold,
                    italic: style.italic,
                });
                current = Some(r);
            }
        }
    }
    LabelLine {
        runs,
        rule: false,
        lang: line.lang,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;
    use crate::text::{line_width, text_width, FONT_SIZE};

    fn lines(label: &Label) -> Vec<String> {
        label.lines.iter().map(LabelLine::text).collect()
    }

    fn wrapped(text: &str, max: f64) -> Vec<String> {
        lines(&wrap(&Label::plain(text), max, FONT_SIZE, false))
    }

    #[test]
    fn a_line_that_fits_is_kept() {
        let l = Label::plain("Application Layer");
        assert_eq!(wrap(&l, 1000.0, FONT_SIZE, false), l);
        let exact = text_width("Application Layer", FONT_SIZE, false);
        assert_eq!(wrap(&l, exact, FONT_SIZE, false), l);
    }

    #[test]
    fn spaces_after_the_last_word_stay_and_count() {
        // A label line that ends in an (ideographic) space.
        let l = Label {
            lines: vec![LabelLine::new("fits here\u{3000}", Lang::En)],
        };
        let max = text_width("fits here", FONT_SIZE, false);
        let w = wrap(&l, max, FONT_SIZE, false);
        assert_eq!(lines(&w), ["fits", "here\u{3000}"]);
        for l in &w.lines {
            assert!(line_width(l, FONT_SIZE) <= max + EPSILON);
        }
    }

    #[test]
    fn english_breaks_between_words_and_drops_the_spaces() {
        let text = "The quick brown fox jumps over the lazy dog";
        let max = text_width("The quick brown fox", FONT_SIZE, false);
        assert_eq!(
            wrapped(text, max),
            ["The quick brown fox", "jumps over the lazy", "dog"]
        );
        for l in wrap(&Label::plain(text), max, FONT_SIZE, false).lines {
            assert!(line_width(&l, FONT_SIZE) <= max + EPSILON);
        }
    }

    #[test]
    fn chinese_breaks_between_characters() {
        // Han characters are 1 em: five to a line of five ems.
        let max = 5.0 * FONT_SIZE;
        assert_eq!(
            wrapped("传输控制协议提供可靠的字节流服务", max),
            ["传输控制协", "议提供可靠", "的字节流服", "务"]
        );
    }

    #[test]
    fn punctuation_stays_with_its_neighbours() {
        // `，` may not start a line: `接，` moves down together.
        let max = 4.0 * FONT_SIZE;
        assert_eq!(
            wrapped("建立连接，发送数据", max),
            ["建立连", "接，发送", "数据"]
        );
        // `（` may not end one (it moves down with `传`), nor `）` start one.
        let max = 3.0 * FONT_SIZE;
        assert_eq!(wrapped("网络（传输层）", max), ["网络", "（传输", "层）"]);
    }

    #[test]
    fn mixed_chinese_and_english_keeps_latin_words_whole() {
        let max = text_width("建立TCP", FONT_SIZE, false);
        assert_eq!(wrapped("建立TCP连接", max), ["建立TCP", "连接"]);
        let narrow = text_width("建立TC", FONT_SIZE, false);
        assert_eq!(wrapped("建立TCP连接", narrow), ["建立", "TCP连", "接"]);
    }

    #[test]
    fn a_long_word_stays_whole_and_overflows_alone() {
        let max = 60.0;
        let w = wrapped("see Supercalifragilisticexpialidocious now", max);
        assert_eq!(w, ["see", "Supercalifragilisticexpialidocious", "now"]);
        let alone = wrapped("Supercalifragilisticexpialidocious", max);
        assert_eq!(alone, ["Supercalifragilisticexpialidocious"]);
    }

    #[test]
    fn forced_breaks_and_rules_are_kept() {
        // `<br>` became separate lines in the front end: each wraps on its own.
        let l = Label {
            lines: vec![
                LabelLine::plain("short"),
                LabelLine::rule(),
                LabelLine::plain("a somewhat longer second line"),
            ],
        };
        let max = text_width("a somewhat longer", FONT_SIZE, false);
        let w = wrap(&l, max, FONT_SIZE, false);
        assert_eq!(lines(&w), ["short", "", "a somewhat longer", "second line"]);
        assert!(w.lines[1].rule);
    }

    #[test]
    fn styled_runs_keep_their_style_across_the_break() {
        let run = |text: &str, bold, italic| TextRun {
            text: text.into(),
            bold,
            italic,
        };
        let l = Label {
            lines: vec![LabelLine {
                runs: vec![
                    run("plain then ", false, false),
                    run("bold words here", true, false),
                    run(" and italic", false, true),
                ],
                rule: false,
                lang: Lang::En,
            }],
        };
        let max = text_width("plain then bold", FONT_SIZE, true);
        let w = wrap(&l, max, FONT_SIZE, false);
        assert_eq!(lines(&w), ["plain then bold", "words here", "and italic"]);
        assert_eq!(
            w.lines[0].runs,
            [run("plain then ", false, false), run("bold", true, false)]
        );
        // The bold run goes on after the break; the italic run's leading space was the break.
        assert_eq!(w.lines[1].runs, [run("words here", true, false)]);
        assert_eq!(w.lines[2].runs, [run("and italic", false, true)]);
        assert!(w.lines.iter().all(|l| l.lang == Lang::En));
    }

    #[test]
    fn bold_measures_wider() {
        let text = "Bold text measured";
        let max = text_width(text, FONT_SIZE, false);
        assert_eq!(wrapped(text, max).len(), 1);
        let bold = wrap(&Label::plain(text), max, FONT_SIZE, true);
        assert_eq!(bold.lines.len(), 2, "{:?}", lines(&bold));
        // The runs themselves are not made bold: the style sets the weight.
        assert!(bold.lines.iter().all(|l| l.runs.iter().all(|r| !r.bold)));
    }

    #[test]
    fn no_break_spaces_glue_words() {
        let max = text_width("alpha", FONT_SIZE, false);
        assert_eq!(
            wrapped("alpha\u{a0}beta gamma", max),
            ["alpha\u{a0}beta", "gamma"]
        );
    }
}
