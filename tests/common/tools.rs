//! What some tests need from outside the repository: headless Chromium, a stock mdBook 0.5,
//! `strace`, and the mermaid corpus in `shared/` beside the repository.
//!
//! A test that needs one of them runs in the `tools` harness (`tests/tools/main.rs`), which
//! asks [`Need::find`] before running it: when the tool is missing the test is reported as
//! ignored, with the reason, or fails the run when `CI` is set (to any non-empty value). So a
//! missing tool never passes silently.

use std::path::PathBuf;
use std::process::Command;

/// Something from outside the repository that a test needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Headless Chromium (`NETFIG_CHROMIUM`, else Debian's `/usr/bin/chromium`);
    /// `NETFIG_SKIP_BROWSER` set counts as missing.
    Chromium,
    /// A stock `mdbook` 0.5 (`NETFIG_MDBOOK`, else `target/tools/bin/mdbook`, else on `PATH`).
    Mdbook,
    /// `strace` on `PATH` (it holds a write open for the signal test).
    Strace,
    /// `shared/corpus` beside the repository (`NETFIG_SHARED` names another `shared/`).
    Corpus,
}

impl Need {
    /// The tool's path (the `shared/` folder for the corpus), or why it is missing and how to
    /// get it.
    pub fn find(self) -> Result<PathBuf, String> {
        match self {
            Need::Chromium => find_chromium(),
            Need::Mdbook => find_mdbook(),
            Need::Strace => find_strace(),
            Need::Corpus => find_shared(),
        }
    }

    /// The name the harness shows beside a test that needs it.
    pub fn name(self) -> &'static str {
        match self {
            Need::Chromium => "chromium",
            Need::Mdbook => "mdbook",
            Need::Strace => "strace",
            Need::Corpus => "corpus",
        }
    }
}

/// Whether this run is CI's: `CI` set to a non-empty value. There a missing tool fails.
pub fn under_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty())
}

fn find_chromium() -> Result<PathBuf, String> {
    if std::env::var_os("NETFIG_SKIP_BROWSER").is_some() {
        return Err("NETFIG_SKIP_BROWSER is set".into());
    }
    if let Some(p) = std::env::var_os("NETFIG_CHROMIUM") {
        let p = PathBuf::from(p);
        return if p.is_file() {
            Ok(p)
        } else {
            Err(format!(
                "headless Chromium not found at NETFIG_CHROMIUM={}",
                p.display()
            ))
        };
    }
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .into_iter()
    .map(PathBuf::from)
    .find(|p| p.is_file())
    .ok_or_else(|| {
        "headless Chromium not found: run scripts/test (it installs chromium and \
             fonts-noto-cjk) or set NETFIG_CHROMIUM"
            .into()
    })
}

fn find_mdbook() -> Result<PathBuf, String> {
    if let Some(p) = std::env::var_os("NETFIG_MDBOOK") {
        let p = PathBuf::from(p);
        return if p.is_file() {
            Ok(p)
        } else {
            Err(format!("mdbook not found at NETFIG_MDBOOK={}", p.display()))
        };
    }
    let tools = super::root().join("target/tools/bin/mdbook");
    if tools.is_file() {
        return Ok(tools);
    }
    if Command::new("mdbook").arg("--version").output().is_ok() {
        return Ok(PathBuf::from("mdbook"));
    }
    Err(
        "mdbook not found: run scripts/test (it installs mdbook 0.5 into target/tools) or set \
         NETFIG_MDBOOK"
            .into(),
    )
}

fn find_strace() -> Result<PathBuf, String> {
    match Command::new("strace").arg("-V").output() {
        Ok(o) if o.status.success() => Ok(PathBuf::from("strace")),
        _ => Err(
            "strace not found: run scripts/test (it installs strace) or apt-get install \
                  strace"
                .into(),
        ),
    }
}

fn find_shared() -> Result<PathBuf, String> {
    if let Some(p) = std::env::var_os("NETFIG_SHARED") {
        let p = PathBuf::from(p);
        return if p.join("corpus").is_dir() {
            Ok(p)
        } else {
            Err(format!("no corpus/ in NETFIG_SHARED={}", p.display()))
        };
    }
    let root = super::root();
    [
        root.join("../shared"),
        root.join("shared"),
        root.join("../../shared"),
    ]
    .into_iter()
    .find(|p| p.join("corpus").is_dir())
    .ok_or_else(|| {
        "../shared/corpus not found: the corpus tests need shared/ beside the repository (or \
         NETFIG_SHARED)"
            .into()
    })
}
