//! `netfig install` makes `mdbook serve` watch the folders a book's diagrams come from: a
//! real `mdbook serve` (on the loopback address) rebuilds the page when an included diagram
//! outside `src/` changes.

use crate::common::{mdbook, netfig, path_with_mdbook_netfig, root, scratch};
use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Kills the server however the test ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The body of `GET path` from the server, or `None` while it does not answer.
fn get(port: u16, path: &str) -> Option<String> {
    let mut stream = TcpStream::connect((Ipv4Addr::LOCALHOST, port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).ok()?;
    let response = String::from_utf8_lossy(&response).into_owned();
    response
        .starts_with("HTTP/1.1 200")
        .then(|| response.split_once("\r\n\r\n").map(|(_, b)| b.to_string()))
        .flatten()
}

/// Waits (at most a minute) until `done` holds, calling `nudge` every two seconds meanwhile.
fn wait_until(what: &str, mut done: impl FnMut() -> bool, mut nudge: impl FnMut()) {
    let start = Instant::now();
    let mut last_nudge = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "timed out waiting for {what}"
        );
        if last_nudge.elapsed() > Duration::from_secs(2) {
            nudge();
            last_nudge = Instant::now();
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

pub(crate) fn mdbook_serve_rebuilds_when_an_included_diagram_changes() {
    let dir = scratch("serve");
    let book = dir.join("book");
    let diagram = dir.join("figs/net.mmd");
    write(
        &book.join("book.toml"),
        "[book]\ntitle = \"serve\"\n\n[build]\nbuild-dir = \"out\"\n",
    );
    write(&book.join("src/SUMMARY.md"), "# Summary\n\n[Net](net.md)\n");
    write(
        &book.join("src/net.md"),
        "# Net\n\n{{#netfig ../../figs/net.mmd}}\n",
    );
    write(&diagram, "flowchart LR\n  A[Alpha] --> B[Beta]\n");
    // The book's repository: `mdbook serve` skips what the nearest .gitignore ignores, and the
    // scratch folder is inside this repository's ignored `target/`.
    write(&dir.join(".gitignore"), "book/out/\n");

    let o = netfig(&["install", book.to_str().unwrap()], &root(), None);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let toml: toml::Table = std::fs::read_to_string(book.join("book.toml"))
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(
        toml["build"]["extra-watch-dirs"].as_array().unwrap(),
        &vec![toml::Value::from("../figs")],
        "the diagram's folder is watched"
    );

    let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let _server = Server(
        Command::new(mdbook())
            .args(["serve", "-n", "127.0.0.1", "-p", &port.to_string()])
            .current_dir(&book)
            .env("PATH", path_with_mdbook_netfig())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("run mdbook serve"),
    );
    let page = || get(port, "/net.html").unwrap_or_default();
    wait_until("the first build", || page().contains("Alpha"), || {});
    // The watcher starts after the first build: write until the change is seen.
    let changed = "flowchart LR\n  A[Omega] --> B[Beta]\n";
    wait_until(
        "the rebuild after the diagram changed",
        || page().contains("Omega"),
        || write(&diagram, changed),
    );
    assert!(!page().contains("Alpha"));
}
