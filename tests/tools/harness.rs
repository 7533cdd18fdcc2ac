//! The harness itself: a missing tool is reported as ignored with its reason, or fails the run
//! under CI. Each test runs this very binary again on one trial per kind of need, with the
//! tool pointed at a path that does not exist.

use std::process::Command;

/// One trial per need, and the variable that points its tool at nowhere.
const MISSING: [(&str, &str); 3] = [
    (
        "browser::labels_fit_their_nodes_in_chromium",
        "NETFIG_CHROMIUM",
    ),
    ("book_e2e::stock_mdbook_runs_mdbook_netfig", "NETFIG_MDBOOK"),
    ("parse_corpus::shapes_001_to_019", "NETFIG_SHARED"),
];

/// Runs this harness on the one trial `name` with `var` naming a missing path; `ci` sets `CI`.
fn run_one(name: &str, var: &str, ci: bool) -> (Option<i32>, String) {
    let mut cmd = Command::new(std::env::current_exe().expect("the harness binary"));
    cmd.args(["--exact", name, "--color", "never", "--test-threads", "1"])
        .env(var, "/nonexistent/netfig-test-tool")
        .env_remove("NETFIG_SKIP_BROWSER")
        .env_remove("CI");
    if ci {
        cmd.env("CI", "true");
    }
    let o = cmd.output().expect("run the harness again");
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
    )
}

pub(crate) fn a_missing_tool_is_ignored_with_its_reason() {
    for (name, var) in MISSING {
        let (code, out) = run_one(name, var, false);
        assert_eq!(code, Some(0), "{name} without CI:\n{out}");
        let line = out
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} not reported:\n{out}"));
        assert!(
            line.contains(" ... ignored (")
                && line.ends_with(&format!("{var}=/nonexistent/netfig-test-tool)")),
            "{name} is not reported ignored with the reason:\n{out}"
        );
        assert!(
            out.contains("0 passed; 0 failed; 1 ignored"),
            "{name} without CI:\n{out}"
        );
    }
}

pub(crate) fn a_missing_tool_fails_under_ci() {
    for (name, var) in MISSING {
        let (code, out) = run_one(name, var, true);
        assert_eq!(code, Some(101), "{name} under CI:\n{out}");
        assert!(
            out.lines()
                .any(|l| l.contains(name) && l.ends_with("FAILED")),
            "{name} is not reported failed:\n{out}"
        );
        assert!(
            out.contains(&format!("{var}=/nonexistent/netfig-test-tool"))
                && out.contains("CI is set"),
            "{name} under CI does not say why:\n{out}"
        );
        assert!(
            out.contains("0 passed; 1 failed; 0 ignored"),
            "{name} under CI:\n{out}"
        );
    }
}

pub(crate) fn no_libtest_attributes_here() {
    // `#[test]` in a `harness = false` binary compiles to nothing: the test would never run.
    let attribute = ["#[", "test]"].concat();
    let dir = crate::common::root().join("tests/tools");
    for e in std::fs::read_dir(&dir).unwrap() {
        let path = e.unwrap().path();
        // Sources only: `snapshots/` holds insta's files.
        if path.extension().is_none_or(|x| x != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            !text.lines().any(|l| l.trim_start().starts_with(&attribute)),
            "{}: list the test in tests/tools/main.rs instead of `{attribute}`",
            path.display()
        );
    }
}
