//! The integration tests, one module per former test file, in one binary: linking one binary
//! instead of one per file is most of what a test build costs. The tests that need a tool or
//! the `../shared` corpus are in the `tools` harness (`tests/tools/main.rs`), which reports
//! them as ignored when the tool is missing (and fails under `CI`).
//!
//! Run one file's tests with `cargo test --test it NAME::` (e.g. `cargo test --test it
//! render_svg::`).

#[path = "../common/mod.rs"]
mod common;
#[path = "../render_support/mod.rs"]
mod render_support;
#[path = "../tcp_support/mod.rs"]
mod tcp_support;

mod architecture;
mod book_containers;
mod book_figures;
mod book_fixtures_qa;
mod book_parity;
mod book_reference;
mod book_splice;
mod cli_hardening;
mod cli_hardening_inputs;
mod cli_hostile;
mod cli_render;
mod glossary_lang;
mod input_limits;
mod label_wrapping;
mod layers_fixtures;
mod layers_mutation;
mod layout_cases;
mod layout_compact;
mod layout_generated;
mod layout_props;
mod layout_vs_mermaid;
mod packet_mutation;
mod parse_as_written;
mod parse_constructs;
mod parse_fixtures;
mod parse_mermaid_spec;
mod parse_osi;
mod parse_packet;
mod parse_props;
mod parse_sequence;
mod parse_sequence_fixtures;
mod parse_sequence_props;
mod parse_sequence_spec;
mod parse_styles;
mod readme;
mod render_png;
mod render_sizing;
mod render_snapshots;
mod render_svg;
mod sequence_render;
mod stack_view;
mod states_cli;
mod states_render;
mod tcp_cli;
mod tcp_equivalence;
mod tcp_exchange;
mod tcp_fixtures;
mod tcp_ladder;
mod tcp_ladder_room;
mod tcp_mutation;
mod tcp_mutation_more;
mod tcp_proptest;
mod text_props;
