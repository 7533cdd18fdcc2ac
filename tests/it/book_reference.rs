//! `{{#netfig reference …}}`: a view of the built-in RFC 9293 reference in a chapter (issue 16,
//! point 9), so a book's table of, say, the ways into TIME-WAIT is generated from the data the
//! checker uses instead of written by hand.

use netfig::book::{process_chapter, ChapterContext, Config};
use netfig::tcp::names::State;
use netfig::tcp::reference::{self, transitions, Filter};
use std::path::Path;

fn cx(config: &Config) -> ChapterContext<'_> {
    ChapterContext {
        display_path: "src/chapter.md".into(),
        dir: Path::new("."),
        disk_text: None,
        renderer: "markdown",
        id_seed: "test".into(),
        config,
    }
}

#[test]
fn the_ways_into_time_wait_are_every_reference_row_that_enters_it() {
    let config = Config::default();
    let chapter = "# T\n\n{{#netfig reference to=TIME-WAIT view=table lang=en}}\n\nAfter.\n";
    let (out, findings) = process_chapter(chapter, &cx(&config));
    assert!(findings.is_empty(), "{findings:?}");
    let into: Vec<_> = transitions()
        .iter()
        .filter(|r| r.to == State::TimeWait)
        .collect();
    // Figure 5's two, Note 2's FIN + ACK of FIN, the retransmitted FIN and Note 3's aborts.
    assert!(into.len() >= 5, "{into:?}");
    let rows: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with('|') && l.contains("TIME-WAIT"))
        .collect();
    assert_eq!(rows.len(), into.len(), "{out}");
    for r in into {
        assert!(
            rows.iter()
                .any(|row| row.contains(r.from.name()) && row.contains(r.event.name())),
            "{} {} missing from\n{out}",
            r.from.name(),
            r.event.name()
        );
    }
    let title = reference::yaml_where(Filter {
        from: None,
        to: Some(State::TimeWait),
    });
    assert!(title.contains("title: { en: Ways into TIME-WAIT, zh: 进入时间等待的途径 }"));
    assert!(out.ends_with("After.\n"), "{out}");
}

#[test]
fn a_filtered_reference_passes_its_own_check_for_every_state() {
    for s in State::ALL {
        for filter in [
            Filter {
                from: Some(s),
                to: None,
            },
            Filter {
                from: None,
                to: Some(s),
            },
        ] {
            let yaml = reference::yaml_where(filter);
            let diagnostics = netfig::tcp::check_source(&yaml);
            assert!(
                diagnostics.is_empty(),
                "{filter:?}: {diagnostics:?}\n{yaml}"
            );
            let kept = transitions().iter().filter(|r| filter.keeps(r)).count();
            assert_eq!(yaml.matches("\n  - {").count(), kept, "{yaml}");
        }
    }
}

#[test]
fn an_unknown_state_is_an_error_at_the_directive() {
    let config = Config::default();
    let chapter = "# T\n\n{{#netfig reference to=TIME_WAITING view=table}}\n";
    let (out, findings) = process_chapter(chapter, &cx(&config));
    assert_eq!(findings.len(), 1, "{findings:?}");
    let d = &findings[0].diagnostic;
    assert!(d.message.contains("TIME_WAITING"), "{}", d.message);
    assert_eq!(&chapter[d.span.start..d.span.start + 9], "{{#netfig");
    // The directive stays as written.
    assert!(out.contains("{{#netfig reference"), "{out}");
}
