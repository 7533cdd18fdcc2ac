//! The tests that need something from outside the repository — headless Chromium, a stock
//! mdBook 0.5, `strace`, the mermaid corpus in `../shared` — in a harness of their own
//! (`harness = false`, libtest-mimic), because libtest cannot skip a test at run time.
//!
//! Each trial names what it needs ([`Need`]). When that is missing the trial is reported as
//! `ignored (reason)` and not counted as passed; when `CI` is set to a non-empty value it
//! fails instead, with the same reason. Trials are listed in [`main`]: a function of a module
//! here that is not listed is dead code, which the lints reject; `#[test]` does nothing here
//! (the suite checks that none is written, see `harness::no_libtest_attributes_here`).

use libtest_mimic::{Arguments, Completion, Failed, Trial};

#[path = "../common/mod.rs"]
mod common;

mod book_browser;
mod book_e2e;
mod book_lang;
mod book_markup;
mod book_serve;
mod browser;
mod clearance;
mod cli_signals;
mod conformance;
mod conformance_packet;
mod conformance_sequence;
mod harness;
mod ladder_browser;
mod layers_corpus;
mod packet_browser;
mod parse_corpus;
mod sequence_browser;
mod sequence_drawing;
mod stack_browser;
mod vs_mermaid_measure;

use common::Need::{self, Chromium, Corpus, Mdbook, Strace};

/// A trial named `module::function` that runs `test` when everything in `needs` is there.
fn trial(name: &str, needs: &'static [Need], test: fn()) -> Trial {
    let kind = needs.iter().map(|n| n.name()).collect::<Vec<_>>().join(",");
    Trial::ignorable_test(name, move || {
        for need in needs {
            if let Err(why) = need.find() {
                return if common::tools::under_ci() {
                    Err(Failed::from(format!(
                        "{why} (CI is set: a missing tool fails)"
                    )))
                } else {
                    Ok(Completion::ignored_with(why))
                };
            }
        }
        test();
        Ok(Completion::Completed)
    })
    .with_kind(kind)
}

macro_rules! trials {
    ($($module:ident :: $test:ident $needs:expr;)*) => {
        vec![$(trial(
            concat!(stringify!($module), "::", stringify!($test)),
            $needs,
            $module::$test,
        )),*]
    };
}

fn main() {
    let args = Arguments::from_args();
    let trials = trials![
        browser::labels_fit_their_nodes_in_chromium &[Chromium];
        vs_mermaid_measure::measures_known_drawings &[Chromium];
        sequence_browser::labels_fit_and_messages_clear_in_chromium &[Chromium];
        ladder_browser::ladder_text_clear_in_chromium &[Chromium];
        stack_browser::labels_lie_in_their_bands_in_chromium &[Chromium];
        packet_browser::labels_fit_their_fields_in_chromium &[Chromium];
        book_browser::every_chapter_renders_cleanly_in_light_and_dark_themes &[Chromium];
        book_markup::hostile_text_stays_text_in_the_browser &[Chromium];
        book_markup::hostile_text_stays_text_in_the_markdown_output &[];
        book_e2e::netfig_build_renders_a_book_in_process &[];
        book_e2e::netfig_build_prints_the_html_path_without_detours &[];
        book_e2e::install_keeps_a_symlinked_book_toml_a_link &[];
        book_e2e::install_names_another_command_and_keeps_it &[];
        book_e2e::stock_mdbook_runs_mdbook_netfig &[Mdbook];
        book_e2e::errors_fail_the_build_naming_chapter_lines &[Mdbook];
        book_e2e::a_bad_book_toml_value_names_book_toml_and_the_key &[Mdbook];
        book_e2e::on_error_render_puts_an_error_box_in_the_page &[Mdbook];
        book_e2e::install_is_idempotent_and_keeps_comments &[];
        book_e2e::netfig_check_validates_a_book_without_writing_html &[];
        book_e2e::stock_mdbook_builds_the_edge_case_book_without_html_warnings &[Mdbook];
        book_e2e::netfig_check_reports_a_broken_config_and_errors_in_included_fences &[];
        book_e2e::a_broken_book_template_is_located_in_the_template &[];
        book_serve::mdbook_serve_rebuilds_when_an_included_diagram_changes &[Mdbook];
        book_lang::the_english_edition_has_no_han_character_in_any_diagram &[Mdbook];
        parse_corpus::every_example_parses_without_errors &[Corpus];
        parse_corpus::corpus_warnings_are_exactly_the_expected_ones &[Corpus];
        parse_corpus::every_example_lowers_the_same_twice &[Corpus];
        parse_corpus::shapes_001_to_019 &[Corpus];
        parse_corpus::icon_and_image_nodes_warn &[Corpus];
        parse_corpus::markdown_004_and_100 &[Corpus];
        parse_corpus::arrows_069_to_090 &[Corpus];
        parse_corpus::groups_081_082 &[Corpus];
        parse_corpus::edge_ids_084_to_087_and_104 &[Corpus];
        parse_corpus::lengths_091_092 &[Corpus];
        parse_corpus::text_093_094 &[Corpus];
        parse_corpus::subgraphs_095_to_099 &[Corpus];
        parse_corpus::click_101_102 &[Corpus];
        parse_corpus::styles_105_to_108 &[Corpus];
        parse_corpus::icons_109_110 &[Corpus];
        parse_corpus::comment_103_and_111 &[Corpus];
        cli_signals::sigterm_while_writing_removes_the_temporary &[Strace];
        conformance::corpus_examples_render &[Corpus];
        clearance::drawn_edges_clear_foreign_boxes_in_the_corpora &[Corpus];
        conformance::realworld_flowcharts_render_where_mermaid_does &[Corpus];
        conformance::realworld_flowcharts_render_with_the_cli &[Corpus];
        conformance_packet::docs_examples_render &[Corpus];
        conformance_packet::realworld_packets_render_where_mermaid_does &[Corpus];
        conformance_sequence::docs_examples_parse &[Corpus];
        conformance_sequence::realworld_sequences_parse_where_mermaid_does &[Corpus];
        sequence_drawing::docs_examples_draw &[Corpus];
        sequence_drawing::realworld_sequences_draw_where_mermaid_does &[Corpus];
        layers_corpus::no_false_findings_in_the_corpora &[Corpus];
        harness::a_missing_tool_is_ignored_with_its_reason &[];
        harness::a_missing_tool_fails_under_ci &[];
        harness::no_libtest_attributes_here &[];
    ];
    libtest_mimic::run(&args, trials).exit();
}
