//! Outputs that never clobber and writes that never panic (issue 9, "Outputs"), through the
//! real binary: `-o` onto devices, links and inputs, colliding outputs, temporaries, and
//! standard output or error that are closed or full.

use crate::common;

use common::{file_names as names, netfig, root, scratch};
use std::path::Path;
use std::process::{Command, Stdio};

const FLOW: &str = "flowchart LR\n  A[start] --> B[end]\n";
const BAD: &str = "flowchart LR\n  A[unclosed --> B\n";

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[cfg(unix)]
fn is_char_device(path: &str) -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::metadata(path)
        .unwrap()
        .file_type()
        .is_char_device()
}

#[test]
#[cfg(unix)]
fn output_onto_dev_null_writes_the_device_and_keeps_it() {
    let dir = scratch("hard-dev-null");
    std::fs::write(dir.join("a.mmd"), FLOW).unwrap();
    let o = netfig(&["render", "a.mmd", "-o", "/dev/null"], &dir, None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(is_char_device("/dev/null"), "/dev/null is still a device");
    assert_eq!(
        names(&dir),
        ["a.mmd"],
        "no temporary left in the input's folder"
    );
    // /dev/stdout is a link to the standard output (here a pipe): written through, kept.
    #[cfg(target_os = "linux")]
    {
        let o = netfig(&["render", "a.mmd", "-o", "/dev/stdout"], &dir, None);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(
            o.stdout.starts_with(b"<svg"),
            "the SVG went to standard output"
        );
        let link = std::fs::symlink_metadata("/dev/stdout").unwrap();
        assert!(link.file_type().is_symlink(), "/dev/stdout is still a link");
    }
}

#[test]
#[cfg(target_os = "linux")]
fn output_onto_dev_full_fails_with_exit_2_and_keeps_the_device() {
    let dir = scratch("hard-dev-full");
    std::fs::write(dir.join("a.mmd"), FLOW).unwrap();
    let o = netfig(&["render", "a.mmd", "-o", "/dev/full"], &dir, None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot write /dev/full: No space left on device"),
        "{}",
        stderr(&o)
    );
    assert!(is_char_device("/dev/full"));
}

#[test]
#[cfg(unix)]
fn output_through_a_symlink_replaces_its_file_and_keeps_the_link_and_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("hard-symlink");
    std::fs::write(dir.join("a.mmd"), FLOW).unwrap();
    std::fs::write(dir.join("real.svg"), "old").unwrap();
    std::fs::set_permissions(dir.join("real.svg"), std::fs::Permissions::from_mode(0o640)).unwrap();
    std::os::unix::fs::symlink("real.svg", dir.join("link.svg")).unwrap();
    let o = netfig(&["render", "a.mmd", "-o", "link.svg"], &dir, None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let link = std::fs::symlink_metadata(dir.join("link.svg")).unwrap();
    assert!(link.file_type().is_symlink(), "the link stays a link");
    let svg = std::fs::read_to_string(dir.join("real.svg")).unwrap();
    assert!(svg.starts_with("<svg"), "the linked file got the SVG");
    let mode = std::fs::metadata(dir.join("real.svg"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o640, "the replaced file keeps its mode");
    assert_eq!(
        names(&dir),
        ["a.mmd", "link.svg", "real.svg"],
        "no temporary left"
    );
    // A link to a file that does not exist yet: the file is created where the link points.
    std::fs::create_dir(dir.join("sub")).unwrap();
    std::os::unix::fs::symlink("sub/new.svg", dir.join("dangling.svg")).unwrap();
    let o = netfig(&["render", "a.mmd", "-o", "dangling.svg"], &dir, None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let link = std::fs::symlink_metadata(dir.join("dangling.svg")).unwrap();
    assert!(link.file_type().is_symlink(), "the link stays a link");
    assert!(std::fs::read_to_string(dir.join("sub/new.svg"))
        .unwrap()
        .starts_with("<svg"));
    assert_eq!(names(&dir.join("sub")), ["new.svg"], "no temporary left");
}

#[test]
#[cfg(unix)]
fn output_with_hard_links_is_written_in_place_so_every_name_sees_it() {
    use std::os::unix::fs::MetadataExt;
    let dir = scratch("hard-hardlink");
    std::fs::write(dir.join("a.mmd"), FLOW).unwrap();
    std::fs::write(dir.join("out.svg"), "old").unwrap();
    std::fs::hard_link(dir.join("out.svg"), dir.join("other.svg")).unwrap();
    let inode = std::fs::metadata(dir.join("out.svg")).unwrap().ino();
    let o = netfig(&["render", "a.mmd", "-o", "out.svg"], &dir, None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::metadata(dir.join("out.svg")).unwrap().ino(), inode);
    let other = std::fs::read_to_string(dir.join("other.svg")).unwrap();
    assert!(
        other.starts_with("<svg"),
        "the other name sees the new output"
    );
}

#[test]
fn a_new_output_leaves_no_temporary_and_a_planted_link_is_not_followed() {
    let dir = scratch("hard-temporary");
    std::fs::write(dir.join("a.mmd"), FLOW).unwrap();
    let mut expected = vec!["a.mmd".to_string(), "out.svg".to_string()];
    // Links at the old predictable temporary names (`.out.svg.PID.tmp`) to a file the run must
    // not create.
    #[cfg(unix)]
    for pid in 2..300 {
        let name = format!(".out.svg.{pid}.tmp");
        std::os::unix::fs::symlink("victim", dir.join(&name)).unwrap();
        expected.push(name);
    }
    expected.sort();
    let o = netfig(&["render", "a.mmd", "-o", "out.svg"], &dir, None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        !dir.join("victim").exists(),
        "no write through a planted link"
    );
    assert_eq!(names(&dir), expected, "no temporary left behind");
}

#[test]
#[cfg(unix)]
fn output_onto_the_input_is_refused_under_any_name() {
    let dir = scratch("hard-onto-input");
    std::fs::create_dir(dir.join("sub")).unwrap();
    std::fs::write(dir.join("a.mmd"), FLOW).unwrap();
    std::os::unix::fs::symlink("a.mmd", dir.join("link.mmd")).unwrap();
    std::fs::hard_link(dir.join("a.mmd"), dir.join("hard.mmd")).unwrap();
    for out in ["a.mmd", "./a.mmd", "sub/../a.mmd", "link.mmd", "hard.mmd"] {
        let o = netfig(&["render", "a.mmd", "-o", out], &dir, None);
        assert_eq!(o.status.code(), Some(2), "-o {out}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("onto the input a.mmd (the same file)"),
            "-o {out}: {}",
            stderr(&o)
        );
        assert_eq!(std::fs::read_to_string(dir.join("a.mmd")).unwrap(), FLOW);
    }
    // --out-dir onto an input: a flowchart saved as .svg, rendered into its own folder.
    std::fs::write(dir.join("sub/x.svg"), FLOW).unwrap();
    let o = netfig(&["render", "sub/x.svg", "--out-dir", "sub"], &dir, None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("onto the input sub/x.svg"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("sub/x.svg")).unwrap(),
        FLOW
    );
}

#[test]
fn two_inputs_with_one_output_are_refused_before_anything_is_written() {
    let dir = scratch("hard-collision");
    for d in ["d1", "d2"] {
        std::fs::create_dir(dir.join(d)).unwrap();
        std::fs::write(dir.join(d).join("a.mmd"), FLOW).unwrap();
    }
    let o = netfig(
        &["render", "d1/a.mmd", "d2/a.mmd", "--out-dir", "o"],
        &dir,
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("d1/a.mmd and d2/a.mmd would both be written to o/a.svg"),
        "{err}"
    );
    assert!(names(&dir.join("o")).is_empty(), "nothing written");

    std::fs::write(dir.join("b.mmd"), FLOW).unwrap();
    std::fs::write(dir.join("b.mermaid"), FLOW).unwrap();
    let o = netfig(&["render", "b.mmd", "b.mermaid"], &dir, None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("b.mmd and b.mermaid would both be written to b.svg"));
    assert!(!dir.join("b.svg").exists(), "nothing written");
}

/// Runs a binary with standard output closed at once (a reader that went away) or standard
/// error on `/dev/full`; returns its exit code.
fn run_with(bin: &str, args: &[&str], cwd: &Path, stdout: Stdio, stderr: Stdio) -> Option<i32> {
    let mut child = Command::new(bin)
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr)
        .spawn()
        .expect("spawn");
    // Closing our end of a piped stdout now: every write of the child gets EPIPE.
    drop(child.stdout.take());
    child.wait().expect("wait").code()
}

fn dev_full() -> Stdio {
    std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full")
        .into()
}

/// A folder with one good and one bad flowchart (`check` exits 1 on it).
fn checked_folder(name: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    std::fs::write(dir.join("good.mmd"), FLOW).unwrap();
    std::fs::write(dir.join("bad.mmd"), BAD).unwrap();
    dir
}

#[test]
fn a_closed_standard_output_ends_quietly_with_the_runs_exit_code() {
    let dir = checked_folder("hard-epipe");
    let netfig = env!("CARGO_BIN_EXE_netfig");
    let json = ["check", "--format", "json", "."];
    assert_eq!(
        run_with(netfig, &json, &dir, Stdio::piped(), Stdio::null()),
        Some(1)
    );
    let reference = ["reference", "--format", "json"];
    assert_eq!(
        run_with(netfig, &reference, &dir, Stdio::piped(), Stdio::null()),
        Some(0)
    );
    let render = ["render", "good.mmd", "-o", "-"];
    assert_eq!(
        run_with(netfig, &render, &dir, Stdio::piped(), Stdio::null()),
        Some(0)
    );
    assert_eq!(
        run_with(netfig, &["--help"], &dir, Stdio::piped(), Stdio::null()),
        Some(0)
    );
    let mdbook_netfig = env!("CARGO_BIN_EXE_mdbook-netfig");
    assert_eq!(
        run_with(
            mdbook_netfig,
            &["--version"],
            &dir,
            Stdio::piped(),
            Stdio::null()
        ),
        Some(0)
    );
}

#[test]
#[cfg(target_os = "linux")]
fn a_full_standard_error_or_output_exits_2_without_a_panic() {
    let dir = checked_folder("hard-full");
    let netfig = env!("CARGO_BIN_EXE_netfig");
    for args in [
        &["check", "."][..],
        &["render", "bad.mmd"],
        &["render", "nothere.mmd"],
    ] {
        let code = run_with(netfig, args, &dir, Stdio::null(), dev_full());
        assert_eq!(code, Some(2), "{args:?} 2>/dev/full");
    }
    for args in [
        &["check", "--format", "json", "."][..],
        &["reference"],
        &["--help"],
    ] {
        let code = run_with(netfig, args, &dir, dev_full(), Stdio::piped());
        assert_eq!(code, Some(2), "{args:?} >/dev/full");
    }
    // `build` prints the HTML's path on standard output and diagram errors on standard error.
    std::fs::create_dir_all(dir.join("book/src")).unwrap();
    std::fs::write(dir.join("book/book.toml"), "[book]\ntitle = \"t\"\n").unwrap();
    std::fs::write(
        dir.join("book/src/SUMMARY.md"),
        "# Summary\n\n- [A](a.md)\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("book/src/a.md"),
        "# A\n\n```mermaid\n{FLOW}```\n".replace("{FLOW}", FLOW),
    )
    .unwrap();
    let code = run_with(netfig, &["build", "book"], &dir, dev_full(), Stdio::null());
    assert_eq!(code, Some(2), "build >/dev/full");
    std::fs::write(
        dir.join("book/src/a.md"),
        "# A\n\n```mermaid\n{BAD}```\n".replace("{BAD}", BAD),
    )
    .unwrap();
    let code = run_with(netfig, &["build", "book"], &dir, Stdio::null(), dev_full());
    assert_eq!(code, Some(2), "build 2>/dev/full");
    let mdbook_netfig = env!("CARGO_BIN_EXE_mdbook-netfig");
    let code = run_with(
        mdbook_netfig,
        &["--version"],
        &dir,
        dev_full(),
        Stdio::null(),
    );
    assert_eq!(code, Some(2), "mdbook-netfig --version >/dev/full");
    let code = run_with(
        mdbook_netfig,
        &["nonsense"],
        &dir,
        Stdio::null(),
        dev_full(),
    );
    assert_eq!(code, Some(2), "mdbook-netfig nonsense 2>/dev/full");
}

#[test]
fn the_readme_example_still_writes_next_to_the_input() {
    // The ordinary path: default output beside the input, file replaced on a second run.
    let dir = scratch("hard-ordinary");
    std::fs::copy(
        root().join("diagrams/osi-vs-tcpip.mmd"),
        dir.join("osi.mmd"),
    )
    .unwrap();
    for _ in 0..2 {
        let o = netfig(&["render", "osi.mmd"], &dir, None);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    assert_eq!(names(&dir), ["osi.mmd", "osi.svg"]);
}
