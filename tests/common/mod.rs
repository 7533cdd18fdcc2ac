//! Helpers shared by the integration tests.
#![allow(dead_code, unreachable_pub)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub mod annotations;
pub mod tools;
pub use tools::Need;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `shared/` beside the repository (the session layout and CI both put it there); panics
/// with how to get it when missing (the `tools` harness checks [`Need::Corpus`] first).
pub fn shared() -> PathBuf {
    Need::Corpus.find().unwrap_or_else(|why| panic!("{why}"))
}

/// The corpus folder; panics with a clear message when `shared/` is missing.
pub fn corpus_dir() -> PathBuf {
    shared().join("corpus/mermaid-flowchart/docs")
}

/// Every `.mmd` file of the corpus, sorted by name.
pub fn corpus_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("read corpus")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "mmd"))
        .collect();
    files.sort();
    files
}

/// The real-world flowcharts of `shared/corpus/realworld/flowchart` with mermaid's verdict
/// from its `MANIFEST.tsv` (`mermaid_renders`: `true` for `yes`), in manifest order.
pub fn realworld_flowcharts() -> Vec<(PathBuf, bool)> {
    realworld("flowchart")
}

/// The real-world diagrams of `shared/corpus/realworld/KIND` (`flowchart`, `sequence`) with
/// mermaid's verdict from its `MANIFEST.tsv` (`mermaid_renders`: `true` for `yes`), in
/// manifest order.
pub fn realworld(kind: &str) -> Vec<(PathBuf, bool)> {
    let dir = shared().join("corpus/realworld").join(kind);
    let manifest = std::fs::read_to_string(dir.join("MANIFEST.tsv")).expect("read MANIFEST.tsv");
    let mut lines = manifest.lines();
    let header: Vec<&str> = lines.next().expect("MANIFEST header").split('\t').collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("MANIFEST.tsv has no `{name}` column"))
    };
    let (file, renders) = (col("file"), col("mermaid_renders"));
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            (dir.join(cells[file]), cells[renders].trim() == "yes")
        })
        .collect()
}

/// Every `.mmd` example of mermaid's sequence-diagram documentation
/// (`shared/corpus/mermaid-sequence/docs`), sorted by name.
pub fn sequence_corpus_files() -> Vec<PathBuf> {
    let dir = shared().join("corpus/mermaid-sequence/docs");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read the sequence corpus")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "mmd"))
        .collect();
    files.sort();
    files
}

/// Every diagnostic's span lies inside `src`, on char boundaries, and each has a message
/// (what the parsers' property tests check of every run).
pub fn assert_spans_in(src: &str, diags: &[netfig::diagnostic::Diagnostic]) {
    for d in diags {
        assert!(d.span.start <= d.span.end, "{d:?}");
        assert!(d.span.end <= src.len(), "{d:?} beyond {}", src.len());
        assert!(
            src.is_char_boundary(d.span.start) && src.is_char_boundary(d.span.end),
            "{d:?}"
        );
        assert!(!d.message.is_empty());
    }
}

/// Runs the real `netfig` binary.
pub fn netfig(args: &[&str], cwd: &Path, stdin: Option<&[u8]>) -> Output {
    use std::io::Write;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_netfig"));
    cmd.args(args).current_dir(cwd);
    cmd.stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().expect("spawn netfig");
    {
        let mut pipe = child.stdin.take().expect("stdin");
        if let Some(input) = stdin {
            pipe.write_all(input).expect("write stdin");
        }
    }
    child.wait_with_output().expect("wait netfig")
}

/// A fresh empty folder under the target directory for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

/// One `g.node`, `g.edge` or `g.cluster` of a netfig SVG.
#[derive(Debug, Clone)]
pub struct Item {
    /// `data-id`, or `data-from->data-to` for edges.
    pub key: String,
    /// The lines of its label: one entry per line (a `<tspan>` with an `x` attribute starts a
    /// line; a `<text>` without such tspans is one line).
    pub lines: Vec<String>,
}

/// The `g.node` / `g.edge` / `g.cluster` items of an SVG (`kind` = "node", "edge", "cluster").
pub fn items(svg: &str, kind: &str) -> Vec<Item> {
    let doc = roxmltree::Document::parse(svg).expect("SVG is well-formed XML");
    doc.descendants()
        .filter(|n| {
            n.has_tag_name("g")
                && n.attribute("class")
                    .is_some_and(|c| c.split_whitespace().any(|w| w == kind))
        })
        .map(|g| {
            let key = match kind {
                "edge" => format!(
                    "{}->{}",
                    g.attribute("data-from").unwrap_or("?"),
                    g.attribute("data-to").unwrap_or("?")
                ),
                _ => g.attribute("data-id").unwrap_or("?").to_string(),
            };
            let mut lines = Vec::new();
            for text in g.descendants().filter(|n| n.has_tag_name("text")) {
                let line_spans: Vec<_> = text
                    .children()
                    .filter(|c| c.has_tag_name("tspan"))
                    .collect();
                if line_spans.is_empty() {
                    lines.push(text_of(text));
                } else {
                    for s in line_spans {
                        lines.push(text_of(s));
                    }
                }
            }
            Item { key, lines }
        })
        .collect()
}

fn text_of(n: roxmltree::Node) -> String {
    n.descendants()
        .filter(|d| d.is_text())
        .filter_map(|d| d.text())
        .collect::<String>()
        .trim()
        .to_string()
}

/// Whether `s` contains a Han character.
pub fn has_han(s: &str) -> bool {
    s.chars().any(netfig::model::label::is_han)
}

/// The names in `dir`, sorted.
pub fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Copies a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// Headless Chromium; panics with how to get it when missing (the `tools` harness checks
/// [`Need::Chromium`] first).
pub fn chromium() -> PathBuf {
    Need::Chromium.find().unwrap_or_else(|why| panic!("{why}"))
}

/// Runs headless Chromium on `url` with the flags this sandboxed, offline machine needs and a
/// profile folder of its own.
pub fn run_chromium(profile: &Path, extra: &[&str], url: &str) -> Output {
    Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--virtual-time-budget=5000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(url)
        .output()
        .expect("run chromium")
}

/// Writes `body` and the check `script` (which leaves its JSON in `<pre id="result">`) as
/// `dir/page.html`, runs it in headless Chromium, keeps a screenshot (`dir/page.png`, a window
/// `window` wide×high) and returns the JSON, once it is known that the script ran and that
/// Chromium had the CJK font.
pub fn check_page_in_chromium(
    dir: &Path,
    body: &str,
    script: &str,
    window: &str,
) -> serde_json::Value {
    let page = dir.join("page.html");
    std::fs::write(
        &page,
        format!("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>{body}<pre id=\"result\"></pre>{script}</body></html>"),
    )
    .unwrap();
    let url = format!("file://{}", page.display());
    let o = run_chromium(&dir.join("profile"), &["--dump-dom"], &url);
    let result = dumped_result(&String::from_utf8_lossy(&o.stdout), "result");
    let _ = run_chromium(
        &dir.join("profile"),
        &[
            &format!("--screenshot={}", dir.join("page.png").display()),
            &format!("--window-size={window}"),
        ],
        &url,
    );
    assert!(
        result["error"].is_null(),
        "the page's check failed: {result}"
    );
    assert_eq!(
        result["cjk"], true,
        "Noto Sans CJK SC not available to Chromium: install fonts-noto-cjk"
    );
    result
}

/// The JSON a page's check script left in `<pre id="{id}">`, from Chromium's `--dump-dom`.
pub fn dumped_result(dom: &str, id: &str) -> serde_json::Value {
    let open = format!("<pre id=\"{id}\">");
    let start = dom.find(&open).expect("result element in the dumped DOM") + open.len();
    let end = dom[start..].find("</pre>").expect("closed result element") + start;
    let raw = dom[start..end]
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    serde_json::from_str(&raw).unwrap_or_else(|e| panic!("result JSON: {e}: {raw}"))
}

/// The stock `mdbook` binary; panics with how to get it when missing (the `tools` harness
/// checks [`Need::Mdbook`] first).
pub fn mdbook() -> PathBuf {
    Need::Mdbook.find().unwrap_or_else(|why| panic!("{why}"))
}

/// `PATH` with the folder of the freshly built `mdbook-netfig` first, for a stock `mdbook`.
pub fn path_with_mdbook_netfig() -> std::ffi::OsString {
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_mdbook-netfig"))
        .parent()
        .expect("bin folder")
        .to_path_buf();
    std::env::join_paths(std::iter::once(bin_dir).chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))
    .expect("PATH")
}

/// The chart, and the codes of the diagnostics (none may be an error).
pub fn lenient(src: &str) -> (netfig::model::Flowchart, Vec<&'static str>) {
    let (g, d) = netfig::mermaid::flowchart(src);
    assert!(
        d.iter().all(|d| !d.is_error()),
        "errors for {src:?}: {d:#?}"
    );
    (g, d.iter().map(|d| d.code).collect())
}

/// How many cases a property test runs: `PROPTEST_CASES` when set (a longer search), else
/// `default`. `scripts/test` pins proptest's seed (`PROPTEST_RNG_SEED`) so CI is
/// reproducible; `NETFIG_PROPTEST_RANDOM=1 scripts/test` searches with fresh seeds.
pub fn proptest_cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
