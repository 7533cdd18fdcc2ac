//! A checked TCP exchange's ladder ([`LadderPlace`]): states beside the lifelines
//! (`<g class="state claimed|inferred" data-participant data-state [data-event]>`), timers
//! (`<g class="timer 2msl" data-participant>`: bracket and name) and findings' codes
//! (`<g class="finding" data-code data-event>`, the message as its `<title>`); segments are
//! written with the messages, classed by [`SegmentClasses`]. Written as laid out.

use super::super::label;
use super::super::rect_el;
use super::super::writer::{esc, num, Doc};
use crate::layout::drawing::TextBox;
use crate::layout::sequence::ladder::LadderPlace;
use crate::model::sequence::Sequence;
use crate::render::theme::{var_named, Palette};
use std::collections::BTreeMap;

/// The colour findings are marked in (on light and dark grounds alike).
const FINDING: &str = "#e8590c";

/// The ladder's rules, scoped to `#prefix`.
pub(crate) fn stylesheet(s: &str, p: &Palette) -> Vec<String> {
    let v = |name: &str| var_named(p, name);
    vec![
        format!(
            "{s} .state.claimed .shape{{fill:{};stroke:{};stroke-width:1px}}",
            v("--netfig-cluster-fill"),
            v("--netfig-cluster-stroke")
        ),
        format!(
            "{s} .state.claimed .label{{fill:{}}}",
            v("--netfig-cluster-text")
        ),
        format!(
            "{s} .state.inferred .label{{fill:{};fill-opacity:0.65;font-style:italic}}",
            v("--netfig-edge-label-text")
        ),
        format!(
            "{s} .timer .bracket{{fill:none;stroke:{};stroke-width:1.5px}}",
            v("--netfig-edge-stroke")
        ),
        format!(
            "{s} .timer .label{{fill:{}}}",
            v("--netfig-edge-label-text")
        ),
        format!("{s} .finding .label{{fill:{FINDING};font-weight:bold}}"),
        format!("{s} .state.finding .shape{{stroke:{FINDING};stroke-width:2px}}"),
        format!("{s} .state.finding .label{{fill:{FINDING}}}"),
        format!("{s} .message.finding .line{{stroke:{FINDING}}}"),
        format!("{s} .message.old .line{{stroke-dasharray:2,4}}"),
        format!("{s} .message.finding .label{{fill:{FINDING}}}"),
    ]
}

/// The classes and data attributes of message groups beyond `message`: `segment`, `lost`,
/// `crossing` (sent with others), `old` (sent before the rows drawn), `finding` (with its
/// code). Each event's first segment and finding are looked up once, not searched for per
/// message (which made an exchange of n segments take n² steps).
pub(crate) struct SegmentClasses<'a> {
    ladder: &'a LadderPlace,
    /// Per event, the index of its first segment and of its first finding.
    segment: BTreeMap<usize, usize>,
    finding: BTreeMap<usize, usize>,
}

impl<'a> SegmentClasses<'a> {
    pub(crate) fn new(ladder: &'a LadderPlace) -> SegmentClasses<'a> {
        let mut segment = BTreeMap::new();
        for (i, s) in ladder.segments.iter().enumerate() {
            segment.entry(s.event).or_insert(i);
        }
        let mut finding = BTreeMap::new();
        for (i, f) in ladder.findings.iter().enumerate() {
            finding.entry(f.event).or_insert(i);
        }
        SegmentClasses {
            ladder,
            segment,
            finding,
        }
    }

    /// Message `event`'s classes (each with a leading blank) and data attributes.
    pub(crate) fn of(&self, event: usize) -> (String, String) {
        let mut class = String::new();
        let mut data = String::new();
        if let Some(s) = self.segment.get(&event).map(|&i| &self.ladder.segments[i]) {
            class.push_str(" segment");
            if s.lost {
                class.push_str(" lost");
            }
            if s.together {
                class.push_str(" crossing");
            }
            if s.old {
                class.push_str(" old");
            }
        }
        if let Some(f) = self.finding.get(&event).map(|&i| &self.ladder.findings[i]) {
            class.push_str(" finding");
            data.push_str(&format!(" data-code=\"{}\"", esc(&f.code)));
        }
        (class, data)
    }
}

fn small_text(t: &TextBox) -> String {
    label::text(t, "label", &format!("font-size:{}px", num(t.font_size)))
}

/// The states and timers (under the messages).
pub(crate) fn lanes(doc: &mut Doc, seq: &Sequence, l: &LadderPlace) {
    let id = |p: usize| seq.participants.get(p).map_or("", |p| p.id.as_str());
    for s in &l.states {
        let mut class = String::from(if s.claimed {
            "state claimed"
        } else {
            "state inferred"
        });
        let mut data = format!(
            " data-participant=\"{}\" data-state=\"{}\"",
            esc(id(s.participant)),
            esc(&s.state)
        );
        if let Some(e) = &s.event {
            data.push_str(&format!(" data-event=\"{}\"", esc(e)));
        }
        if let Some(code) = &s.finding {
            class.push_str(" finding");
            data.push_str(&format!(" data-code=\"{}\"", esc(code)));
        }
        doc.open(&format!("<g class=\"{class}\"{data}>"));
        if s.claimed {
            doc.line(&rect_el("shape", s.rect, ""));
        }
        doc.line(&label::text(&s.label, "label", ""));
        doc.close("g");
    }
    for t in &l.timers {
        doc.open(&format!(
            "<g class=\"timer {}\" data-participant=\"{}\" data-name=\"{}\">",
            esc(&t.name.to_lowercase()),
            esc(id(t.participant)),
            esc(&t.name)
        ));
        let d: Vec<String> = t
            .points
            .iter()
            .enumerate()
            .map(|(i, p)| {
                format!(
                    "{}{},{}",
                    if i == 0 { 'M' } else { 'L' },
                    num(p.x),
                    num(p.y)
                )
            })
            .collect();
        doc.line(&format!("<path class=\"bracket\" d=\"{}\"/>", d.join(" ")));
        doc.line(&small_text(&t.label));
        doc.close("g");
    }
}

/// The findings' codes (over everything).
pub(crate) fn findings(doc: &mut Doc, l: &LadderPlace) {
    for f in &l.findings {
        doc.open(&format!(
            "<g class=\"finding\" data-code=\"{}\" data-event=\"{}\">",
            esc(&f.code),
            f.event
        ));
        doc.line(&format!(
            "<title>{}: {}</title>",
            esc(&f.code),
            esc(&f.message)
        ));
        doc.line(&small_text(&f.label));
        doc.close("g");
    }
}
