//! Inputs that cannot crash or explode (issue 9, items 12, 13, 15, 16), through the real
//! binary: folder walks with symbolic links, devices and endless inputs, encodings, NUL bytes,
//! kind detection by content, and a scale too small to draw.

use crate::common;

use common::{netfig, scratch};
use std::path::Path;
use std::process::{Command, Stdio};

const FLOW: &str = "flowchart LR\n  A[start] --> B[end]\n";

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
#[cfg(unix)]
fn check_does_not_follow_folder_links_and_checks_each_file_once() {
    let dir = scratch("inputs-walk");
    std::fs::create_dir_all(dir.join("tree/sub")).unwrap();
    std::fs::write(dir.join("tree/a.mmd"), FLOW).unwrap();
    std::fs::write(dir.join("tree/sub/b.mmd"), FLOW).unwrap();
    // A link to `..` (a cycle), two links to folders of the tree, and a link to a file of the
    // tree: still two files, each once.
    std::os::unix::fs::symlink("..", dir.join("tree/sub/up")).unwrap();
    std::os::unix::fs::symlink("sub", dir.join("tree/again")).unwrap();
    std::os::unix::fs::symlink(".", dir.join("tree/sub/self")).unwrap();
    std::os::unix::fs::symlink("../a.mmd", dir.join("tree/sub/a-link.mmd")).unwrap();
    let o = netfig(&["check", "tree"], &dir, None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("checked 2 file(s)"), "{}", stderr(&o));
    // The same file named twice, or through a link, is checked once too.
    let o = netfig(
        &["check", "tree/a.mmd", "tree/sub/a-link.mmd", "tree/./a.mmd"],
        &dir,
        None,
    );
    assert!(stderr(&o).contains("checked 1 file(s)"), "{}", stderr(&o));
}

#[test]
#[cfg(unix)]
fn devices_and_named_pipes_are_refused_as_not_regular_files() {
    let dir = scratch("inputs-devices");
    let status = Command::new("mkfifo")
        .arg(dir.join("pipe.mmd"))
        .status()
        .expect("mkfifo");
    assert!(status.success());
    for (args, what) in [
        (
            &["render", "/dev/zero"][..],
            "/dev/zero: not a regular file (a character device)",
        ),
        (
            &["check", "/dev/zero"],
            "/dev/zero: not a regular file (a character device)",
        ),
        (
            &["render", "pipe.mmd"],
            "pipe.mmd: not a regular file (a named pipe)",
        ),
        (
            &["check", "pipe.mmd"],
            "pipe.mmd: not a regular file (a named pipe)",
        ),
    ] {
        let o = netfig(args, &dir, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(what), "{args:?}: {}", stderr(&o));
        assert!(!stderr(&o).contains("no such file"), "{}", stderr(&o));
    }
}

#[test]
fn standard_input_is_capped_at_16_mib() {
    let dir = scratch("inputs-stdin-cap");
    let mut child = Command::new(env!("CARGO_BIN_EXE_netfig"))
        .args(["render", "-", "-o", "out.svg"])
        .current_dir(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        let chunk = vec![b'%'; 1 << 20];
        // 17 MiB of comment; netfig stops reading after 16 MiB and one byte, so the write may
        // fail with a broken pipe.
        for _ in 0..17 {
            if stdin.write_all(&chunk).is_err() {
                break;
            }
        }
    }
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot read <stdin>: larger than 16 MiB"),
        "{}",
        stderr(&o)
    );
    assert!(!dir.join("out.svg").exists());
}

/// A chapter `ch.md` in a fresh book-less folder, checked with `netfig check`.
fn check_chapter(name: &str, chapter: &str, files: &[(&str, &[u8])]) -> std::process::Output {
    let dir = scratch(name);
    std::fs::write(dir.join("ch.md"), chapter).unwrap();
    for (file, bytes) in files {
        std::fs::write(dir.join(file), bytes).unwrap();
    }
    netfig(&["check", "ch.md"], &dir, None)
}

#[test]
fn an_include_of_a_device_is_refused_without_reading_it() {
    // No extension: refused by name before anything is opened.
    let o = check_chapter("inputs-include-zero", "# T\n\n{{#netfig /dev/zero}}\n", &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("E-BOOK-002"), "{}", stderr(&o));
    #[cfg(unix)]
    {
        // A diagram name that is a device: refused as not a regular file.
        let dir = scratch("inputs-include-zero-link");
        std::fs::write(dir.join("ch.md"), "# T\n\n{{#netfig zero.mmd}}\n").unwrap();
        std::os::unix::fs::symlink("/dev/zero", dir.join("zero.mmd")).unwrap();
        let o = netfig(&["check", "ch.md"], &dir, None);
        assert_eq!(o.status.code(), Some(1));
        let err = stderr(&o);
        assert!(err.contains("E-BOOK-001"), "{err}");
        assert!(
            err.contains("not a regular file (a character device)"),
            "{err}"
        );
    }
}

#[test]
#[cfg(unix)]
fn check_refuses_an_mdbook_include_of_a_device_before_mdbook_reads_it() {
    // `netfig check` expands `{{#include}}` with mdBook's own code, which reads whole files:
    // directly, and one level down (an included file that includes /dev/zero).
    for (chapter, part) in [
        ("# T\n\n```mermaid\n{{#include /dev/zero}}\n```\n", ""),
        (
            "# T\n\n{{#include part.md}}\n",
            "text\n{{#include /dev/zero}}\n",
        ),
    ] {
        let o = check_chapter(
            "inputs-mdbook-include",
            chapter,
            &[("part.md", part.as_bytes())],
        );
        assert_eq!(o.status.code(), Some(2), "{chapter}");
        assert!(
            stderr(&o).contains(
                "ch.md: cannot include /dev/zero: not a regular file (a character device)"
            ),
            "{}",
            stderr(&o)
        );
    }
    // An escaped directive is not an include.
    let o = check_chapter(
        "inputs-mdbook-escaped",
        "# T\n\n\\{{#include /dev/zero}}\n",
        &[],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn invalid_utf8_is_an_input_error_at_the_first_bad_byte() {
    let dir = scratch("inputs-utf8");
    std::fs::write(dir.join("bad.mmd"), b"flowchart LR\n  A --> B[caf\xE9]\n").unwrap();
    for command in ["render", "check"] {
        let o = netfig(&[command, "bad.mmd"], &dir, None);
        assert_eq!(o.status.code(), Some(1), "{command}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.contains("bad.mmd:2:14: error[E-INPUT-001]"),
            "{command}: {err}"
        );
        assert!(err.contains("0xE9"), "{err}");
        assert!(
            err.contains("2 |   A --> B[caf\u{fffd}]"),
            "the line, lossily: {err}"
        );
        assert!(
            err.contains("  |              ^"),
            "a caret under the byte: {err}"
        );
    }
    assert!(!dir.join("bad.svg").exists());
    // The same in a book: the error points into the included file.
    let o = check_chapter(
        "inputs-utf8-include",
        "# T\n\n{{#netfig bad.mmd}}\n",
        &[("bad.mmd", b"flowchart LR\n  A --> B[caf\xE9]\n")],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("bad.mmd:2:14: error[E-INPUT-001]"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn utf16_with_a_byte_order_mark_is_decoded() {
    let dir = scratch("inputs-utf16");
    let text = "flowchart LR\n  A[开始] --> B[end]\n";
    let le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    std::fs::write(dir.join("le.mmd"), le).unwrap();
    std::fs::write(dir.join("be.mmd"), be).unwrap();
    for name in ["le", "be"] {
        let o = netfig(&["render", &format!("{name}.mmd")], &dir, None);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        let svg = std::fs::read_to_string(dir.join(format!("{name}.svg"))).unwrap();
        assert!(svg.contains("开始"), "{name}");
    }
    let o = netfig(&["check", "le.mmd", "be.mmd"], &dir, None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn a_nul_byte_is_named_where_it_is() {
    let dir = scratch("inputs-nul");
    std::fs::write(dir.join("nul.mmd"), b"flowchart LR\n  A --> B\0C\n").unwrap();
    for command in ["render", "check"] {
        let o = netfig(&[command, "nul.mmd"], &dir, None);
        assert_eq!(o.status.code(), Some(1), "{command}");
        let err = stderr(&o);
        assert!(
            err.contains("nul.mmd:2:10: error[E-INPUT-003]: NUL byte (U+0000)"),
            "{command}: {err}"
        );
    }
}

#[test]
fn check_detects_a_flowchart_without_extension_by_content_as_render_does() {
    let dir = scratch("inputs-kind");
    std::fs::write(dir.join("flow.txt"), "flowchart LR\n  A --> B[x\n").unwrap();
    let check = netfig(&["check", "flow.txt"], &dir, None);
    let render = netfig(&["render", "flow.txt", "-o", "-"], &dir, None);
    assert_eq!(check.status.code(), Some(1));
    assert_eq!(render.status.code(), Some(1));
    assert!(
        stderr(&check).contains("flow.txt:2:10: error[E-MMD-003]"),
        "{}",
        stderr(&check)
    );
    assert!(!stderr(&check).contains("mapping"), "{}", stderr(&check));
    std::fs::write(dir.join("ok.txt"), FLOW).unwrap();
    let o = netfig(&["check", "ok.txt"], &dir, None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn a_scale_too_small_to_draw_says_so() {
    let dir = scratch("inputs-scale");
    std::fs::write(dir.join("a.mmd"), FLOW).unwrap();
    for scale in ["1e-300", "0.001"] {
        let o = netfig(
            &["render", "a.mmd", "--format", "png", "--scale", scale],
            &dir,
            None,
        );
        assert_eq!(o.status.code(), Some(2));
        assert!(
            stderr(&o).contains(&format!(
                "--scale {scale}: the scale is too small: at least 0.01"
            )),
            "{}",
            stderr(&o)
        );
    }
    let o = netfig(
        &["render", "a.mmd", "--format", "png", "--scale", "17"],
        &dir,
        None,
    );
    assert!(stderr(&o).contains("too large"), "{}", stderr(&o));
    assert!(!Path::new(&dir.join("a.png")).exists());
}
