//! Signals: the run interrupted while writing leaves no temporary behind (moved here from
//! `cli_hardening` because it needs `strace`).

use crate::common::{file_names as names, scratch};
use std::process::{Command, Stdio};

/// SIGTERM while the output is being written: the temporary is removed and the run exits 130.
/// `strace` holds the temporary's `fsync` for a minute, so the signal lands while the file
/// exists, without any timing guess: the test waits until the temporary appears, signals, and
/// waits for netfig's `exit_group(130` in strace's log (strace itself is then killed rather
/// than waited for: it would finish the held `fsync` first).
pub(crate) fn sigterm_while_writing_removes_the_temporary() {
    let dir = scratch("hard-sigterm");
    let log = scratch("hard-sigterm-log").join("strace.log");
    std::fs::write(dir.join("a.mmd"), "flowchart LR\n  A[start] --> B[end]\n").unwrap();
    let mut strace = Command::new("strace")
        .args(["-f", "-o"])
        .arg(&log)
        .args(["-e", "trace=fsync,exit_group"])
        .args(["-e", "inject=fsync:delay_enter=60000000"])
        .arg(env!("CARGO_BIN_EXE_netfig"))
        .args(["render", "a.mmd", "-o", "out.svg"])
        .current_dir(&dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn strace");
    let temporary = || names(&dir).into_iter().find(|n| n.ends_with(".tmp"));
    while temporary().is_none() {
        assert!(strace.try_wait().unwrap().is_none(), "netfig ended early");
        std::thread::yield_now();
    }
    // netfig is strace's child.
    let children = format!("/proc/{0}/task/{0}/children", strace.id());
    let pid = std::fs::read_to_string(children).unwrap();
    let pid = pid.split_whitespace().next().expect("netfig's pid");
    let kill = Command::new("kill").args(["-TERM", pid]).status().unwrap();
    assert!(kill.success());
    while !std::fs::read_to_string(&log)
        .unwrap_or_default()
        .contains("exit_group(130")
    {
        assert!(
            strace.try_wait().unwrap().is_none(),
            "netfig ended otherwise"
        );
        std::thread::yield_now();
    }
    assert_eq!(temporary(), None, "the temporary was removed");
    assert_eq!(names(&dir), ["a.mmd"], "and nothing else written");
    strace.kill().unwrap();
    strace.wait().unwrap();
}
