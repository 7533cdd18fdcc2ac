//! Inputs that must not crash or explode (issue 9, items 9, 14 and 16): deep nesting is a
//! located error, never a stack overflow (also with two inputs, rendered on worker threads,
//! whose stacks are smaller); user templates are checked and their errors located in the
//! template; an image too large for PNG is refused before it is rasterised.

use crate::common;

use common::{netfig, root, scratch};
use std::path::Path;
use std::process::Output;

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs `render` on `inputs` in `dir` (with `extra` arguments) and checks exit 1 with each
/// `expected` message in stderr and no abort; returns stderr.
fn fails_located(dir: &Path, inputs: &[&str], extra: &[&str], expected: &[&str]) -> String {
    let mut args = vec!["render"];
    args.extend_from_slice(inputs);
    args.extend_from_slice(&["--out-dir", "out"]);
    args.extend_from_slice(extra);
    let out = netfig(&args, dir, None);
    let err = stderr(&out);
    assert!(!err.contains("overflow"), "{inputs:?}: {err}");
    assert_eq!(out.status.code(), Some(1), "{inputs:?}: {err}");
    for e in expected {
        assert!(err.contains(e), "{inputs:?}: expected {e:?} in:\n{err}");
    }
    err
}

#[test]
fn deep_yaml_lists_and_mappings_are_located_errors() {
    let dir = scratch("limits-yaml");
    let deep = |open: &str, close: &str| {
        format!(
            "transitions: {}1{}\n",
            open.repeat(30_000),
            close.repeat(30_000)
        )
    };
    std::fs::write(dir.join("list.yaml"), deep("[", "]")).unwrap();
    std::fs::write(dir.join("list2.yaml"), deep("[", "]")).unwrap();
    std::fs::write(dir.join("map.yaml"), deep("{a: ", "}")).unwrap();
    let block: String = (0..100).map(|i| format!("{}a:\n", " ".repeat(i))).collect();
    std::fs::write(dir.join("block.yaml"), block).unwrap();
    let message = "error[E-TCP-010]: invalid YAML: lists and mappings nested more than 64 deep";
    // The bracket that opens level 65 (`transitions: ` is 13 characters).
    fails_located(
        &dir,
        &["list.yaml"],
        &[],
        &[&format!("list.yaml:1:78: {message}")],
    );
    // Two inputs run on worker threads.
    fails_located(
        &dir,
        &["list.yaml", "list2.yaml", "map.yaml", "block.yaml"],
        &[],
        &[
            &format!("list.yaml:1:78: {message}"),
            &format!("list2.yaml:1:78: {message}"),
            // The top mapping counts: the 64th `{` opens level 65.
            &format!("map.yaml:1:{}: {message}", 14 + 4 * 63),
            &format!("block.yaml:65:65: {message}"),
        ],
    );
}

#[test]
fn deep_subgraphs_are_a_located_error() {
    let dir = scratch("limits-subgraphs");
    let src = format!(
        "flowchart TD\n{}A\n{}",
        (0..6_000)
            .map(|i| format!("subgraph s{i}\n"))
            .collect::<String>(),
        "end\n".repeat(6_000)
    );
    std::fs::write(dir.join("deep.mmd"), &src).unwrap();
    std::fs::write(dir.join("deep2.mmd"), &src).unwrap();
    let message = "error[E-MMD-026]: subgraphs nested more than 64 deep";
    // Reported once, at the 65th `subgraph` (line 66), and nothing else.
    fails_located(
        &dir,
        &["deep.mmd"],
        &[],
        &[&format!("deep.mmd:66:1: {message}")],
    );
    let out = netfig(&["render", "deep.mmd", "-o", "-"], &dir, None);
    assert_eq!(
        stderr(&out).matches("error[").count(),
        1,
        "{}",
        stderr(&out)
    );
    fails_located(
        &dir,
        &["deep.mmd", "deep2.mmd"],
        &[],
        &[
            &format!("deep.mmd:66:1: {message}"),
            &format!("deep2.mmd:66:1: {message}"),
        ],
    );
    // At the bound it renders.
    let ok = format!(
        "flowchart TD\n{}A\n{}",
        (0..64)
            .map(|i| format!("subgraph s{i}\n"))
            .collect::<String>(),
        "end\n".repeat(64)
    );
    std::fs::write(dir.join("ok.mmd"), ok).unwrap();
    let out = netfig(&["render", "ok.mmd", "-o", "ok.svg"], &dir, None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// A scratch folder with two state machines and `tpl/state-table.html.hbs` = `template`.
fn with_template(name: &str, template: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    let yaml = std::fs::read_to_string(root().join("diagrams/tcp-states.yaml")).unwrap();
    std::fs::write(dir.join("a.yaml"), &yaml).unwrap();
    std::fs::write(dir.join("b.yaml"), &yaml).unwrap();
    std::fs::create_dir_all(dir.join("tpl")).unwrap();
    std::fs::write(dir.join("tpl/state-table.html.hbs"), template).unwrap();
    dir
}

const TABLE: &[&str] = &["--view", "table", "--template", "tpl"];

#[test]
fn recursive_template_partials_are_located_errors() {
    let dir = with_template(
        "limits-template-self",
        "<table>\n{{#*inline \"row\"}}<tr>{{> row}}</tr>{{/inline}}{{> row}}\n</table>\n",
    );
    let at = "tpl/state-table.html.hbs:2:23: error[E-TPL-002]: partial `row` includes itself";
    fails_located(&dir, &["a.yaml"], TABLE, &[at]);
    fails_located(&dir, &["a.yaml", "b.yaml"], TABLE, &[at]);
    // Through another partial.
    let dir = with_template(
        "limits-template-mutual",
        "{{#*inline \"a\"}}{{> b}}{{/inline}}{{#*inline \"b\"}}{{> a}}{{/inline}}{{> a}}",
    );
    fails_located(
        &dir,
        &["a.yaml", "b.yaml"],
        TABLE,
        &["state-table.html.hbs:1:51: error[E-TPL-002]: partial `a` includes itself (a → b → a)"],
    );
    // The template by its own name, and a partial that is not there.
    let dir = with_template("limits-template-unknown", "x\n{{> state-table.html}}\n");
    fails_located(
        &dir,
        &["a.yaml"],
        TABLE,
        &["state-table.html.hbs:2:1: error[E-TPL-002]: no partial `state-table.html`"],
    );
    // Blocks nested too deep.
    let deep = format!(
        "{}x{}",
        "{{#if lang}}".repeat(5_000),
        "{{/if}}".repeat(5_000)
    );
    let dir = with_template("limits-template-deep", &deep);
    fails_located(
        &dir,
        &["a.yaml", "b.yaml"],
        TABLE,
        &["state-table.html.hbs:1:385: error[E-TPL-002]: blocks, sub-expressions and partials nested more than 32 deep"],
    );
}

#[test]
fn template_syntax_errors_point_into_the_template() {
    let dir = with_template(
        "limits-template-syntax",
        "<table>\n{{#each rows}}\n  <tr>{{foo bar}</tr>\n{{/each}}\n</table>\n",
    );
    let out = netfig(
        &[
            "render",
            "a.yaml",
            "-o",
            "t.html",
            "--view",
            "table",
            "--template",
            "tpl",
        ],
        &dir,
        None,
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.starts_with(
            "tpl/state-table.html.hbs:3:16: error[E-TPL-001]: invalid handlebars syntax"
        ),
        "{err}"
    );
    assert!(err.contains("3 |   <tr>{{foo bar}</tr>\n"), "{err}");
    assert!(!err.contains("a.yaml:1:1"), "{err}");
    assert!(!dir.join("t.html").exists());
}

#[test]
fn png_too_large_is_refused_before_rasterising() {
    let dir = scratch("limits-png");
    let label = format!("flowchart TD\n    A[\"{}\"]\n", "x".repeat(1_000_000));
    std::fs::write(dir.join("label.mmd"), label).unwrap();
    let out = netfig(
        &["render", "label.mmd", "--format", "png", "-o", "label.png"],
        &dir,
        None,
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.starts_with("error: label.mmd: the image would be "),
        "{err}"
    );
    assert!(
        err.contains("a PNG has at most 16384 px a side and 67108864 pixels"),
        "{err}"
    );
    assert!(!dir.join("label.png").exists());
}

#[test]
fn png_of_many_nodes_is_refused_before_layout() {
    // 20k nodes cover more pixels than a PNG may have: refused from their sizes, before the
    // layout (which took seconds and gigabytes for 200k nodes before the image was refused).
    let dir = scratch("limits-png-nodes");
    let src: String = (0..20_000)
        .map(|i| format!("n{i}-->n{}\n", i + 1))
        .collect();
    std::fs::write(dir.join("chain.mmd"), format!("flowchart TD\n{src}")).unwrap();
    let out = netfig(
        &["render", "chain.mmd", "--format", "png", "-o", "chain.png"],
        &dir,
        None,
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.starts_with("error: chain.mmd: the image would have more than 67108864 pixels (its nodes alone cover that much)"),
        "{err}"
    );
    assert!(!dir.join("chain.png").exists());
}

/// Thousands of errors on one long line: each diagnostic quotes the line around its caret,
/// so the report grows with the number of errors, not with errors × line length (it was
/// 6,000 copies of a 60 KB line).
#[test]
fn errors_on_one_long_line_quote_only_around_the_caret() {
    let dir = scratch("long-line-errors");
    let items = vec!["{from: XX, to: YY, event: e}"; 2_000].join(", ");
    std::fs::write(dir.join("long.yaml"), format!("transitions: [{items}]\n")).unwrap();
    let o = netfig(&["render", "long.yaml", "-o", "long.svg"], &dir, None);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(err.matches("error[E-TCP-001]").count(), 4_000);
    let last = format!("long.yaml:1:{}:", 14 + 2_000 * 30 - 30 + 16);
    assert!(err.contains(&last), "the last error is located: {last}");
    assert!(
        err.len() < 4_000_000,
        "{} bytes of diagnostics for 6,000 errors (each quoting the 60 KB line: 360 MB)",
        err.len()
    );
    assert!(err.lines().all(|l| l.chars().count() < 400));
}

/// What only fails while rendering (an unknown helper) is found before any input is rendered,
/// and located in the template, not at the input's first line.
#[test]
fn template_render_errors_point_into_the_template() {
    let dir = with_template(
        "limits-template-render",
        "<table>\n{{#each rows}}\n  <tr>{{no-such-helper from}}</tr>\n{{/each}}\n</table>\n",
    );
    let err = fails_located(
        &dir,
        &["a.yaml"],
        TABLE,
        &[
            "tpl/state-table.html.hbs:3:7: error[E-TPL-001]: Helper not found no-such-helper",
            "3 |   <tr>{{no-such-helper from}}</tr>\n",
        ],
    );
    assert!(
        !err.contains("a.yaml"),
        "nothing located in the input: {err}"
    );
    assert!(!dir.join("out").exists(), "nothing written");
}
