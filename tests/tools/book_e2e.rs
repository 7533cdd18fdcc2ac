//! End-to-end tests of the mdBook integration: `netfig build` in-process, and a stock `mdbook`
//! binary calling the real `mdbook-netfig`.

use crate::common::{copy_dir, mdbook, netfig, path_with_mdbook_netfig, root, scratch};
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/books").join(name)
}

/// A copy of a fixture book in a scratch folder (tests must not write into the repository).
fn copy_book(name: &str, test: &str) -> PathBuf {
    let dest = scratch(test).join(name);
    copy_dir(&fixture(name), &dest);
    dest
}

fn run_mdbook(book: &Path) -> std::process::Output {
    Command::new(mdbook())
        .arg("build")
        .current_dir(book)
        .env("PATH", path_with_mdbook_netfig())
        .output()
        .expect("run mdbook")
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn assert_rendered_ok_book(html_dir: &Path) {
    let layers = read(&html_dir.join("layers.html"));
    assert_eq!(
        layers.matches("<figure class=\"netfig\">").count(),
        3,
        "three diagrams on the layers page"
    );
    assert!(layers.contains("<figcaption>Two layers</figcaption>"));
    assert!(!layers.contains("```mermaid") && !layers.contains("{{#netfig"));
    assert!(
        layers.contains("<em>before</em>"),
        "Markdown outside the blocks still rendered"
    );
    // Ids are unique on the page.
    let ids: Vec<&str> = layers
        .match_indices(" id=\"nf-")
        .map(|(i, _)| &layers[i + 5..i + 5 + layers[i + 5..].find('"').unwrap()])
        .collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "duplicate ids: {ids:?}");
    let other = read(&html_dir.join("other.html"));
    assert!(
        other.contains("classDiagram"),
        "a class diagram is left for mdbook-mermaid"
    );
    assert!(
        !other.contains("sequenceDiagram") && other.contains("netfig netfig-sequence"),
        "a sequence diagram is drawn"
    );
}

pub(crate) fn netfig_build_renders_a_book_in_process() {
    let book = copy_book("ok", "build-ok");
    let out = book.join("out");
    let o = netfig(
        &[
            "build",
            book.to_str().unwrap(),
            "--dest-dir",
            out.to_str().unwrap(),
        ],
        &root(),
        None,
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let printed = String::from_utf8_lossy(&o.stdout);
    assert!(
        printed.trim().ends_with("index.html"),
        "prints where the HTML is: {printed}"
    );
    assert_rendered_ok_book(&out);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("src/other.md:5:"),
        "warning names the chapter line of the class diagram: {stderr}"
    );
    // Nothing written into src/.
    let mut src: Vec<String> = std::fs::read_dir(book.join("src"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    src.sort();
    assert_eq!(
        src,
        vec!["SUMMARY.md", "layers.md", "layers.mmd", "other.md"]
    );
}

pub(crate) fn netfig_build_prints_the_html_path_without_detours() {
    let dir = scratch("build-normalised");
    let book = dir.join("books/en");
    copy_dir(&fixture("ok"), &book);
    let toml = read(&book.join("book.toml")) + "\n[build]\nbuild-dir = \"../../site/en\"\n";
    std::fs::write(book.join("book.toml"), toml).unwrap();
    let o = netfig(&["build", "books/en"], &dir, None);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&o.stdout), "site/en/index.html\n");
    assert!(dir.join("site/en/index.html").is_file());
}

pub(crate) fn install_keeps_a_symlinked_book_toml_a_link() {
    let dir = scratch("install-symlink");
    let book = dir.join("book");
    copy_dir(&fixture("ok"), &book);
    let shared = dir.join("shared.toml");
    std::fs::write(&shared, "[book]\ntitle = \"linked\"\n").unwrap();
    std::fs::remove_file(book.join("book.toml")).unwrap();
    std::os::unix::fs::symlink("../shared.toml", book.join("book.toml")).unwrap();
    let o = netfig(&["install", book.to_str().unwrap()], &root(), None);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let meta = std::fs::symlink_metadata(book.join("book.toml")).unwrap();
    assert!(meta.file_type().is_symlink(), "book.toml is still a link");
    assert!(read(&shared).contains("[preprocessor.netfig]"));
}

pub(crate) fn install_names_another_command_and_keeps_it() {
    let dir = scratch("install-command");
    std::fs::write(
        dir.join("book.toml"),
        "[book]\ntitle = \"x\"\n\n[preprocessor.netfig]\ncommand = \"./bin/mdbook-netfig\"\n",
    )
    .unwrap();
    let o = netfig(&["install", dir.to_str().unwrap()], &root(), None);
    assert_eq!(o.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("keeps its command `./bin/mdbook-netfig`"),
        "{stderr}"
    );
    assert!(read(&dir.join("book.toml")).contains("command = \"./bin/mdbook-netfig\""));
}

pub(crate) fn stock_mdbook_runs_mdbook_netfig() {
    let book = copy_book("ok", "mdbook-ok");
    let o = run_mdbook(&book);
    assert!(
        o.status.success(),
        "mdbook build failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_rendered_ok_book(&book.join("book"));
}

pub(crate) fn errors_fail_the_build_naming_chapter_lines() {
    let book = copy_book("bad", "mdbook-bad");
    let o = run_mdbook(&book);
    assert!(!o.status.success());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("src/broken.md:7:"), "{stderr}");
    assert!(
        stderr.contains("src/broken.md:12:"),
        "all errors printed before failing: {stderr}"
    );
    assert!(
        stderr.contains("src/broken.md:21:61: error[E-TCP-004]"),
        "a TCP definition contradicting RFC 9293 fails the build at its line: {stderr}"
    );
    assert!(
        stderr.contains("FIN-WAIT-1"),
        "with the legal outcome as a hint: {stderr}"
    );
    let o = netfig(&["build", book.to_str().unwrap()], &root(), None);
    assert_eq!(o.status.code(), Some(1));
}

/// A value netfig does not know in book.toml fails the build, naming book.toml, the position
/// and the key, through `netfig build` (exit 2, a configuration error) and through a stock
/// `mdbook` running `mdbook-netfig`.
pub(crate) fn a_bad_book_toml_value_names_book_toml_and_the_key() {
    let book = copy_book("ok", "bad-config");
    // The fixture's book.toml ends inside its `[preprocessor.netfig]` table.
    let toml = read(&book.join("book.toml"));
    assert!(toml.trim_end().ends_with("after = [\"links\"]"), "{toml}");
    let line = toml.lines().count() + 1;
    std::fs::write(book.join("book.toml"), format!("{toml}lang = \"fr\"\n")).unwrap();
    let want = format!(
        "book.toml:{line}:8: [preprocessor.netfig] lang: unknown variant `fr`, expected one of `zh`, `en`, `both`"
    );
    let o = netfig(&["build", book.to_str().unwrap()], &root(), None);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(&want), "{stderr}");
    std::fs::write(book.join("book.toml"), format!("{toml}check = \"maybe\"\n")).unwrap();
    let o = run_mdbook(&book);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "book.toml:{line}:9: [preprocessor.netfig] check: unknown variant `maybe`, expected one of `deny`, `warn`, `off`"
        )),
        "{stderr}"
    );
}

pub(crate) fn on_error_render_puts_an_error_box_in_the_page() {
    let book = copy_book("bad", "mdbook-bad-render");
    let toml = read(&book.join("book.toml")) + "on-error = \"render\"\n";
    std::fs::write(book.join("book.toml"), toml).unwrap();
    let o = run_mdbook(&book);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("src/broken.md:7:"),
        "diagnostic still printed"
    );
    let page = read(&book.join("book/broken.html"));
    assert!(page.contains("class=\"netfig-error\""));
    assert!(page.contains("src/broken.md:7:"));
}

pub(crate) fn install_is_idempotent_and_keeps_comments() {
    let dir = scratch("install");
    std::fs::write(dir.join("book.toml"), "# keep me\n[book]\ntitle = \"x\"\n").unwrap();
    for _ in 0..2 {
        let o = netfig(&["install", dir.to_str().unwrap()], &root(), None);
        assert_eq!(o.status.code(), Some(0));
    }
    let toml = read(&dir.join("book.toml"));
    assert!(toml.starts_with("# keep me\n"));
    assert_eq!(toml.matches("[preprocessor.netfig]").count(), 1);
    assert!(toml.contains("after = [\"links\"]"));
}

pub(crate) fn netfig_check_validates_a_book_without_writing_html() {
    let book = copy_book("bad", "check-bad");
    let o = netfig(&["check", book.to_str().unwrap()], &root(), None);
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("src/broken.md:7:6: error[E-MMD-003]"),
        "{stderr}"
    );
    assert!(
        stderr.contains("src/broken.md:12:11: error[E-MMD-002]"),
        "{stderr}"
    );
    assert!(!book.join("book").exists(), "check writes no HTML");
    let ok = copy_book("ok", "check-ok");
    let o = netfig(&["check", ok.to_str().unwrap()], &root(), None);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = netfig(
        &["check", "--deny-warnings", ok.to_str().unwrap()],
        &root(),
        None,
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "the class-diagram warning fails strict CI"
    );
}

/// Edge cases found with a stock mdBook: directives inside a line of text (paragraph, heading,
/// table cell), an escaped directive, a quoted path with a blank, `{{#include}}` inside a fence,
/// a fence in a footnote and one in `<details>`. mdBook warns about no unbalanced HTML, and
/// `netfig check` agrees with the build (and skips the built `book/` folder).
pub(crate) fn stock_mdbook_builds_the_edge_case_book_without_html_warnings() {
    let book = copy_book("edge", "stock-edge");
    let o = run_mdbook(&book);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(!stderr.contains("WARN"), "{stderr}");
    let inline = read(&book.join("book/inline.html"));
    assert_eq!(inline.matches("<img class=\"netfig\"").count(), 3);
    assert_eq!(inline.matches("<figure class=\"netfig\">").count(), 1);
    assert!(inline.contains("{{#netfig diagrams/a.mmd}} stays text."));
    assert!(inline.contains("<code>{{#netfig diagrams/a.mmd}}</code>"));
    assert!(inline.contains("<em>after</em>"));
    let nested = read(&book.join("book/nested.html"));
    assert_eq!(nested.matches("<figure class=\"netfig\">").count(), 3);
    assert!(!nested.contains("language-mermaid") && !nested.contains("{{#include"));
    assert!(nested.contains("<em>nested</em>"));
    let o = netfig(&["check", book.to_str().unwrap()], &root(), None);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("checked 5 file(s)"), "{stderr}");
}

/// `netfig check` on a book: an invalid `[preprocessor.netfig]` is a usage error (said once),
/// and a diagram error inside an `{{#include}}`d fence points into the included file.
pub(crate) fn netfig_check_reports_a_broken_config_and_errors_in_included_fences() {
    let book = scratch("check-config").join("b");
    std::fs::create_dir_all(book.join("src")).unwrap();
    std::fs::write(book.join("src/SUMMARY.md"), "# Summary\n\n- [A](a.md)\n").unwrap();
    std::fs::write(
        book.join("src/a.md"),
        "# A\n\ntext\n\n```mermaid\n{{#include bad.mmd}}\n```\n",
    )
    .unwrap();
    std::fs::write(book.join("src/bad.mmd"), "flowchart LR\n  A --> B[x\n").unwrap();
    std::fs::write(
        book.join("book.toml"),
        "[book]\ntitle = \"c\"\n[preprocessor.netfig]\non-error = \"explode\"\n",
    )
    .unwrap();
    let o = netfig(&["check", "."], &book, None);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert_eq!(
        stderr.matches("unknown variant `explode`").count(),
        1,
        "{stderr}"
    );
    assert!(
        stderr
            .contains("book.toml:4:12: [preprocessor.netfig] on-error: unknown variant `explode`"),
        "{stderr}"
    );
    std::fs::write(book.join("book.toml"), "[book]\ntitle = \"c\"\n").unwrap();
    let o = netfig(&["check", "src/a.md"], &book, None);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("src/bad.mmd:2:10: error[E-MMD-003]"),
        "{stderr}"
    );
}

/// A book's `template-dir` template is checked once, up front, and what is wrong with it is
/// located in the template (`theme/netfig/state-table.html.hbs:LINE:COL`, its line quoted).
pub(crate) fn a_broken_book_template_is_located_in_the_template() {
    let book = copy_book("ok", "book-template");
    let toml = read(&book.join("book.toml")) + "template-dir = \"theme/netfig\"\n";
    std::fs::write(book.join("book.toml"), toml).unwrap();
    std::fs::create_dir_all(book.join("theme/netfig")).unwrap();
    std::fs::write(
        book.join("theme/netfig/state-table.html.hbs"),
        "<table>\n{{#each rows}}\n  <tr>{{no-such-helper from}}</tr>\n{{/each}}\n</table>\n",
    )
    .unwrap();
    let o = netfig(&["build", book.to_str().unwrap()], &root(), None);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("theme/netfig/state-table.html.hbs:3:7: error[E-TPL-001]"),
        "{stderr}"
    );
    assert!(
        stderr.contains("3 |   <tr>{{no-such-helper from}}</tr>"),
        "{stderr}"
    );
}
