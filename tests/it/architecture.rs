//! The module rules of ARCHITECTURE.md, checked on the sources: the import graph of the
//! top-level modules of `src/` (non-test code) has no cycle, and every import is one the table
//! there allows (`model` imports only leaves; front ends never import layout or render; nothing
//! below the pipeline knows the shells).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// What each top-level module may import (ARCHITECTURE.md, "Rules that keep the graph acyclic").
const ALLOWED: &[(&str, &[&str])] = &[
    ("geometry", &[]),
    ("markup", &[]),
    ("diagnostic", &[]),
    ("input", &["diagnostic"]),
    ("model", &["diagnostic", "geometry"]),
    ("text", &["geometry", "model"]),
    ("mermaid", &["diagnostic", "model", "input"]),
    ("tcp", &["diagnostic", "model", "input"]),
    ("packet", &["diagnostic", "model"]),
    ("glossary", &["diagnostic", "model", "tcp"]),
    ("layers", &["diagnostic", "model"]),
    ("layout", &["geometry", "model", "text"]),
    (
        "render",
        &[
            "geometry",
            "model",
            "layout",
            "text",
            "markup",
            "diagnostic",
        ],
    ),
    ("console", &["diagnostic"]),
];

/// The pipeline may import every stage; each shell what the one before it may, plus that one
/// (`book` the pipeline and `console`; `cli` also `book`).
const STACKED: &[(&str, &[&str])] = &[
    (
        "pipeline",
        &[
            "diagnostic",
            "geometry",
            "input",
            "markup",
            "model",
            "text",
            "mermaid",
            "tcp",
            "packet",
            "glossary",
            "layers",
            "layout",
            "render",
        ],
    ),
    ("book", &["pipeline", "console"]),
    ("cli", &["book"]),
];

/// Every top-level module and what it may import.
fn allowed() -> BTreeMap<&'static str, BTreeSet<&'static str>> {
    let mut allowed: BTreeMap<&str, BTreeSet<&str>> = ALLOWED
        .iter()
        .map(|(m, ok)| (*m, ok.iter().copied().collect()))
        .collect();
    let mut below: BTreeSet<&str> = BTreeSet::new();
    for (m, extra) in STACKED {
        below.extend(extra.iter().copied());
        allowed.insert(m, below.clone());
    }
    allowed
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read src")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The folder a module file's child modules live in (`a/mod.rs` → `a/`, `a/b.rs` → `a/b/`).
fn child_dir(file: &Path) -> PathBuf {
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let parent = file.parent().unwrap_or(Path::new(""));
    if stem == "mod" || stem == "lib" {
        parent.to_path_buf()
    } else {
        parent.join(stem)
    }
}

/// `mod x;` declarations under `#[cfg(test)]` in `text` (a `#[path = "…"]` between them names
/// the file): the files they name are test code.
fn test_module_files(file: &Path, text: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    for (i, line) in lines.iter().enumerate() {
        if *line != "#[cfg(test)]" {
            continue;
        }
        let mut path = None;
        let mut k = i + 1;
        while let Some(attr) = lines.get(k).filter(|l| l.starts_with("#[")) {
            if let Some(p) = attr
                .strip_prefix("#[path = \"")
                .and_then(|r| r.strip_suffix("\"]"))
            {
                path = Some(p);
            }
            k += 1;
        }
        let Some(decl) = lines.get(k) else { continue };
        let decl = decl
            .trim_start_matches("pub(crate) ")
            .trim_start_matches("pub ");
        if let Some(name) = decl.strip_prefix("mod ").and_then(|r| r.strip_suffix(';')) {
            match path {
                Some(p) => out.push(file.parent().unwrap_or(Path::new("")).join(p)),
                None => {
                    let dir = child_dir(file);
                    out.push(dir.join(format!("{name}.rs")));
                    out.push(dir.join(name));
                }
            }
        }
    }
    out
}

/// `text` without comments, string contents and `#[cfg(test)]` items (inline test modules and
/// test-only functions): what remains is the code the library compiles.
fn non_test_code(text: &str) -> String {
    let mut code = String::new();
    for line in text.lines() {
        let line = match line.find("//") {
            Some(i) if !line[..i].contains('"') => &line[..i],
            _ => line,
        };
        code.push_str(line);
        code.push('\n');
    }
    let mut out = String::new();
    let mut rest = code.as_str();
    while let Some(i) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..i]);
        rest = &rest[i + "#[cfg(test)]".len()..];
        // Skip the item: up to its `;` (a declaration) or its balanced `{ … }` body.
        let mut depth = 0usize;
        let mut end = rest.len();
        for (j, c) in rest.char_indices() {
            match c {
                ';' if depth == 0 => {
                    end = j + 1;
                    break;
                }
                '{' => depth += 1,
                '}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        end = j + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The top-level modules `code` names through `crate::…` paths (including `crate::{a, b}`).
fn imports(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for (i, _) in code.match_indices("crate::") {
        let after = &code[i + "crate::".len()..];
        if let Some(group) = after.strip_prefix('{') {
            // Each top-level entry of the group: split on commas at depth 0.
            let mut depth = 0;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => {
                        depth += 1;
                        item.push(c);
                    }
                    '}' if depth == 0 => break,
                    '}' => {
                        depth -= 1;
                        item.push(c);
                    }
                    ',' if depth == 0 => {
                        let name = ident(item.trim());
                        if !name.is_empty() {
                            found.insert(name);
                        }
                        item.clear();
                    }
                    c => item.push(c),
                }
            }
            let name = ident(item.trim());
            if !name.is_empty() {
                found.insert(name);
            }
        } else {
            let name = ident(after);
            if !name.is_empty() {
                found.insert(name);
            }
        }
    }
    found
}

/// Top-level module → the top-level modules its non-test code imports.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let root = src();
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let texts: Vec<(PathBuf, String)> = files
        .into_iter()
        .map(|p| {
            let t = std::fs::read_to_string(&p).expect("read source");
            (p, t)
        })
        .collect();
    let test_files: Vec<PathBuf> = texts
        .iter()
        .flat_map(|(p, t)| test_module_files(p, t))
        .collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, text) in &texts {
        let rel = path.strip_prefix(&root).expect("under src");
        let first = rel
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .unwrap_or("");
        if first == "bin" || first == "lib.rs" {
            continue;
        }
        if test_files.iter().any(|t| path.starts_with(t)) {
            continue;
        }
        let top = first.trim_end_matches(".rs").to_string();
        let entry = graph.entry(top.clone()).or_default();
        for import in imports(&non_test_code(text)) {
            if import != top && import != "self" {
                entry.insert(import);
            }
        }
    }
    graph
}

/// A cycle through the graph, if there is one (depth-first search, deterministic order).
fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match state.get(node) {
            Some(2) => return None,
            Some(1) => {
                let at = stack.iter().position(|n| n == node).unwrap_or(0);
                let mut c = stack[at..].to_vec();
                c.push(node.to_string());
                return Some(c);
            }
            _ => {}
        }
        state.insert(node.to_string(), 1);
        stack.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, graph, state, stack) {
                return Some(c);
            }
        }
        stack.pop();
        state.insert(node.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for node in graph.keys() {
        if let Some(c) = visit(node, graph, &mut state, &mut Vec::new()) {
            return Some(c);
        }
    }
    None
}

#[test]
fn top_level_modules_import_no_cycle() {
    let graph = graph();
    assert!(graph.contains_key("model") && graph.contains_key("pipeline"));
    if let Some(c) = cycle(&graph) {
        panic!("import cycle: {}\n{graph:#?}", c.join(" -> "));
    }
}

#[test]
fn every_import_is_one_the_rules_allow() {
    let graph = graph();
    let allowed = allowed();
    let mut wrong = Vec::new();
    for (module, imports) in &graph {
        let Some(ok) = allowed.get(module.as_str()) else {
            wrong.push(format!(
                "{module}: a top-level module ARCHITECTURE.md does not list"
            ));
            continue;
        };
        for import in imports {
            if !ok.contains(&import.as_str()) {
                wrong.push(format!("{module} imports {import}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The checker itself finds what it must: a cycle, a `crate::{…}` group, and ignores test code
/// and comments.
#[test]
fn the_checker_sees_groups_and_skips_tests_and_comments() {
    let code = non_test_code(
        "use crate::{model::Label, text::{a, b}};\n// crate::cli\nfn f() { crate::layout::x(); }\n#[cfg(test)]\nmod tests { use crate::pipeline; }\n#[cfg(test)]\nmod oracle;\n",
    );
    let found: Vec<String> = imports(&code).into_iter().collect();
    assert_eq!(found, ["layout", "model", "text"]);
    // Test modules in their own files, named by `mod` or by a `#[path]`.
    let files = test_module_files(
        Path::new("src/layout/curve.rs"),
        "#[cfg(test)]\nmod oracle;\n#[cfg(test)]\n#[path = \"curve_tests.rs\"]\nmod tests;\n",
    );
    assert_eq!(
        files,
        [
            Path::new("src/layout/curve/oracle.rs"),
            Path::new("src/layout/curve/oracle"),
            Path::new("src/layout/curve_tests.rs"),
        ]
    );
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    g.entry("a".into()).or_default().insert("b".into());
    g.entry("b".into()).or_default().insert("c".into());
    assert!(cycle(&g).is_none());
    g.entry("c".into()).or_default().insert("a".into());
    assert_eq!(cycle(&g).unwrap(), ["a", "b", "c", "a"]);
}
