//! The mdBook `Preprocessor` shell around [`process_chapter`](super::process_chapter).

use super::{process_chapter, ChapterContext, Config, Finding, OnError};
use crate::console::{errln, exit_code, out, EXIT_INPUT, EXIT_OK, EXIT_USAGE};
use crate::diagnostic::Report;
use mdbook_preprocessor::book::Book;
use mdbook_preprocessor::errors::{Error, Result};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use rayon::prelude::*;

/// Why the netfig preprocessor stopped a build: the error it returns to mdBook, which
/// `netfig build` finds again in mdBook's error to choose its exit code.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BookError {
    /// The book's diagrams have errors (each listed on standard error before): the input's
    /// fault.
    #[error("netfig: {0} error(s) in the book's diagrams (listed above)")]
    Diagrams(usize),
    /// `[preprocessor.netfig]` in book.toml has a value netfig cannot use.
    #[error("book.toml: [preprocessor.netfig] {0}")]
    Config(String),
}

impl BookError {
    /// Whether the failure is in the book's input (exit 1) rather than in how netfig was set
    /// up or run (exit 2).
    pub fn is_input(&self) -> bool {
        matches!(self, BookError::Diagrams(_))
    }

    /// The netfig error inside an mdBook error, if the failure was netfig's.
    pub fn find(e: &Error) -> Option<&BookError> {
        e.chain()
            .find_map(|cause| cause.downcast_ref::<BookError>())
    }
}

/// The netfig preprocessor (table `[preprocessor.netfig]`).
#[derive(Debug, Default, Clone, Copy)]
pub struct Netfig;

impl Netfig {
    /// Processes every chapter; returns the new book and every finding, in chapter order.
    pub fn process(
        &self,
        ctx: &PreprocessorContext,
        mut book: Book,
    ) -> Result<(Book, Vec<Finding>)> {
        let mut config = Config::from_mdbook(&ctx.root, &ctx.config).map_err(Error::new)?;
        // Findings about the book as a whole come first.
        let mut findings = config
            .template_dir
            .as_deref()
            .map(|d| template_findings(&ctx.root, d))
            .unwrap_or_default();
        findings.extend(config.load_glossary(&ctx.root, std::path::Path::new("")));
        // `template-dir` is relative to the book's root.
        config.template_dir = config.template_dir.map(|d| ctx.root.join(d));
        let src = ctx.root.join(&ctx.config.book.src);
        let src_name = ctx.config.book.src.clone();
        let renderer = ctx.renderer.clone();
        // Take the chapters out, render them in parallel, put them back in order.
        let mut chapters: Vec<(String, std::path::PathBuf)> = Vec::new();
        book.for_each_chapter_mut(|ch| {
            chapters.push((
                std::mem::take(&mut ch.content),
                ch.source_path.clone().unwrap_or_default(),
            ));
        });
        let results: Vec<(String, Vec<Finding>)> = chapters
            .par_iter()
            .map(|(content, source)| {
                let disk = src.join(source);
                let display = src_name.join(source);
                let cx = ChapterContext {
                    display_path: display.display().to_string(),
                    dir: disk.parent().unwrap_or(&src),
                    disk_text: super::read_source(&disk).ok(),
                    renderer: &renderer,
                    id_seed: crate::pipeline::default_id_prefix(&source.display().to_string())
                        .trim_start_matches("nf-")
                        .to_string(),
                    config: &config,
                };
                process_chapter(content, &cx)
            })
            .collect();
        let mut results = results.into_iter();
        book.for_each_chapter_mut(|ch| {
            if let Some((content, f)) = results.next() {
                ch.content = content;
                findings.extend(f);
            }
        });
        Ok((book, findings))
    }
}

/// The book's table template (`template-dir`, relative to the book's root) checked once, before
/// any chapter uses it: what is wrong with it is located in the template
/// ([`crate::pipeline::check_table_template`]). Chapters whose tables use it still name the
/// blocks that could not be rendered.
fn template_findings(root: &std::path::Path, dir: &std::path::Path) -> Vec<Finding> {
    let shown = dir.join(crate::render::table::TEMPLATE_NAME);
    let path = root.join(&shown);
    if !path.is_file() {
        return Vec::new();
    }
    // A template that cannot be read is reported where the tables use it.
    let Ok(text) = crate::input::read_file(&path) else {
        return Vec::new();
    };
    match crate::pipeline::check_table_template(&shown.display().to_string(), &text) {
        Ok(()) => Vec::new(),
        Err(report) => report
            .diagnostics
            .into_iter()
            .map(|diagnostic| Finding {
                file: report.file.clone(),
                diagnostic,
            })
            .collect(),
    }
}

impl Preprocessor for Netfig {
    fn name(&self) -> &str {
        "netfig"
    }

    fn run(&self, ctx: &PreprocessorContext, book: Book) -> Result<Book> {
        let (book, findings) = self.process(ctx, book)?;
        // mdBook shows a preprocessor's stderr; stdout carries only the book. Findings are
        // shown file by file, as `netfig check` shows them.
        let reports = Report::group(findings);
        for report in &reports {
            errln(&report.render());
        }
        let errors: usize = reports.iter().map(Report::errors).sum();
        let config: Config = ctx.config.get("preprocessor.netfig")?.unwrap_or_default();
        if errors > 0 && config.on_error == OnError::Fail {
            return Err(Error::new(BookError::Diagrams(errors)));
        }
        Ok(book)
    }

    fn supports_renderer(&self, _renderer: &str) -> Result<bool> {
        // html gets inline SVG; every other renderer gets Markdown images with data URLs.
        Ok(true)
    }
}

/// Whether an mdBook version is one this preprocessor was built for (`^0.5`).
pub fn supported_mdbook(version: &str) -> bool {
    version.starts_with("0.5.") || version == "0.5"
}

/// The `mdbook-netfig` program: `supports <renderer>` answers with the exit code; otherwise
/// reads `[context, book]` JSON from stdin and writes the book JSON to stdout. Messages go to
/// stderr. Returns the exit code.
pub fn preprocessor_main(args: &[String]) -> i32 {
    match args.get(1).map(String::as_str) {
        Some("supports") => {
            // Every renderer is supported (html: inline SVG; others: Markdown images).
            return if args.get(2).is_some() {
                EXIT_OK
            } else {
                EXIT_USAGE
            };
        }
        Some("--version" | "-V") => {
            out(format!("mdbook-netfig {}\n", env!("CARGO_PKG_VERSION")).as_bytes());
            return exit_code(EXIT_OK);
        }
        Some(other) => {
            errln(&format!("mdbook-netfig: unknown argument `{other}`\nusage: mdbook-netfig [supports <renderer>] (mdBook runs it)"));
            return exit_code(EXIT_USAGE);
        }
        None => {}
    }
    let (ctx, book) = match mdbook_preprocessor::parse_input(std::io::stdin().lock()) {
        Ok(x) => x,
        Err(e) => {
            errln(&format!(
                "mdbook-netfig: cannot read the book from mdBook: {e:#}"
            ));
            return exit_code(EXIT_USAGE);
        }
    };
    if !supported_mdbook(&ctx.mdbook_version) {
        errln(&format!(
            "mdbook-netfig: warning: built for mdBook ^0.5 (mdbook-preprocessor {}), but run by mdBook {}; the book format may differ",
            mdbook_preprocessor::MDBOOK_VERSION,
            ctx.mdbook_version
        ));
    }
    let code = match Netfig.run(&ctx, book) {
        Ok(book) => match serde_json::to_vec(&book) {
            Ok(json) => {
                out(&json);
                EXIT_OK
            }
            Err(e) => {
                errln(&format!("mdbook-netfig: cannot write the book: {e}"));
                EXIT_USAGE
            }
        },
        Err(e) => {
            errln(&format!("mdbook-netfig: {e:#}"));
            // As `netfig build` decides: the book's fault exits 1, anything else 2.
            match BookError::find(&e) {
                Some(netfig) if netfig.is_input() => EXIT_INPUT,
                _ => EXIT_USAGE,
            }
        }
    };
    exit_code(code)
}
