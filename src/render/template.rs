//! A user's `state-table.html.hbs`, checked before anything is rendered with it: handlebars
//! recurses once per nested block, sub-expression and partial and has no limit of its own, so
//! an inline partial that includes itself (`{{#*inline "row"}}{{> row}}{{/inline}}`) or blocks
//! nested thousands deep would overflow the stack. Errors are located in the template
//! (`state-table.html.hbs:LINE:COL`), not in the diagram being rendered.

use super::table::TEMPLATE_NAME;
use crate::diagnostic::codes::tpl::{TEMPLATE_ERROR, TEMPLATE_INVALID};
use crate::diagnostic::{Diagnostic, Report, SourceFile, Span};
use handlebars::template::{Parameter, Template, TemplateElement, TemplateMapping};
use handlebars::Path as HbPath;
use std::collections::BTreeMap;

/// At most this many blocks, sub-expressions and partial calls inside one another when the
/// template renders (the built-in template needs 4). Each level costs handlebars a few stack
/// frames; 32 keeps rendering far inside a worker thread's 2 MiB stack.
pub const MAX_TEMPLATE_DEPTH: usize = 32;

/// A template that compiled and cannot recurse, with its source for locating later errors.
pub struct CheckedTemplate {
    /// The template file (name as given, text as read).
    pub file: SourceFile,
    /// The compiled template.
    pub template: Template,
}

/// Compiles `text` (the file `name`) and proves it renders within [`MAX_TEMPLATE_DEPTH`]
/// levels: every problem found, each located in the template.
pub fn check(name: &str, text: &str) -> Result<CheckedTemplate, Report> {
    let file = SourceFile::new(name, text);
    if let Some(d) = nesting(text) {
        return Err(Report::new(file, vec![d]));
    }
    let template = match Template::compile_with_name(text, TEMPLATE_NAME.to_string()) {
        Ok(t) => t,
        Err(e) => {
            let at = e.pos().map_or(0, |(l, c)| offset(&file, l, c));
            let reason = e.reason().to_string();
            let d = Diagnostic::error(TEMPLATE_ERROR, Span::new(at, at), reason);
            return Err(Report::new(file, vec![d]));
        }
    };
    let mut calls = Calls::default();
    calls.walk(&file, &template, &[MAIN.to_string()], 0);
    let diags = calls.check();
    if diags.is_empty() {
        Ok(CheckedTemplate { file, template })
    } else {
        Err(Report::new(file, diags))
    }
}

/// The byte offset of handlebars' 1-based line and column.
fn offset(file: &SourceFile, line: usize, col: usize) -> usize {
    crate::diagnostic::byte_offset(file.text(), line, col)
}

fn too_deep(at: usize) -> Diagnostic {
    Diagnostic::error(
        TEMPLATE_INVALID,
        Span::new(at, at + 2),
        format!("blocks, sub-expressions and partials nested more than {MAX_TEMPLATE_DEPTH} deep"),
    )
    .with_hint("flatten the template; the built-in one nests four levels")
}

/// A linear scan before compiling (the compiler recurses too): `{{#…}}`/`{{^…}}` open a
/// level, `{{/…}}` closes one, `(` inside a tag opens a level until its `)`.
fn nesting(text: &str) -> Option<Diagnostic> {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(k) = text[i..].find("{{").map(|k| k + i) {
        let mut j = k + 2;
        while matches!(b.get(j), Some(b'{' | b'~')) {
            j += 1;
        }
        if b.get(j) == Some(&b'!') {
            let close = if text[j..].starts_with("!--") {
                "--}}"
            } else {
                "}}"
            };
            i = text[j..]
                .find(close)
                .map_or(b.len(), |e| j + e + close.len());
            continue;
        }
        match b.get(j) {
            Some(b'#') => depth += 1,
            Some(b'^') if !matches!(b.get(j + 1), Some(b'}' | b'~')) => depth += 1,
            Some(b'/') => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > MAX_TEMPLATE_DEPTH {
            return Some(too_deep(k));
        }
        let end = text[j..].find("}}").map_or(b.len(), |e| j + e);
        let mut parens = 0usize;
        for (p, &c) in b[j..end].iter().enumerate() {
            match c {
                b'(' => parens += 1,
                b')' => parens = parens.saturating_sub(1),
                _ => {}
            }
            if depth + parens > MAX_TEMPLATE_DEPTH {
                return Some(too_deep(j + p));
            }
        }
        i = end;
    }
    None
}

/// The context of the template's own body (inline partials are named by their names).
const MAIN: &str = "";

/// Who includes whom: for each context (the template or an inline partial), its partial
/// calls with the nesting they sit at, and how deep its own blocks go.
#[derive(Default)]
struct Calls {
    /// Context → (callee, nesting at the call, byte offset of the call).
    calls: BTreeMap<String, Vec<(String, usize, usize)>>,
    /// Calls without a fallback body (`{{> name}}`), by callee, at the call.
    bare: Vec<(String, usize)>,
    /// Context → deepest block nesting in it.
    depth: BTreeMap<String, usize>,
    /// Inline partials defined, by name, at their definition.
    defined: BTreeMap<String, usize>,
    diags: Vec<Diagnostic>,
}

impl Calls {
    /// Records the calls in `t` for every context of `ctxs` (a partial block's body counts for
    /// the block's callee too), at block nesting `depth`.
    fn walk(&mut self, file: &SourceFile, t: &Template, ctxs: &[String], depth: usize) {
        for ctx in ctxs {
            let deepest = self.depth.entry(ctx.clone()).or_default();
            *deepest = (*deepest).max(depth);
        }
        for (i, e) in t.elements.iter().enumerate() {
            let at = t
                .mapping
                .get(i)
                .map_or(0, |m: &TemplateMapping| offset(file, m.0, m.1));
            match e {
                TemplateElement::HelperBlock(h) => {
                    for inner in [&h.template, &h.inverse].into_iter().flatten() {
                        self.walk(file, inner, ctxs, depth + 1);
                    }
                }
                TemplateElement::DecoratorBlock(d)
                    if name(&d.name).as_deref() == Some("inline") =>
                {
                    let Some(partial) = d.params.first().and_then(name) else {
                        self.dynamic(at);
                        continue;
                    };
                    self.defined.entry(partial.clone()).or_insert(at);
                    if let Some(body) = &d.template {
                        self.walk(file, body, &[partial], 0);
                    }
                }
                TemplateElement::DecoratorBlock(d) => {
                    if let Some(body) = &d.template {
                        self.walk(file, body, ctxs, depth + 1);
                    }
                }
                TemplateElement::PartialExpression(d) | TemplateElement::PartialBlock(d) => {
                    let Some(callee) = name(&d.name) else {
                        self.dynamic(at);
                        continue;
                    };
                    if d.template.is_none() {
                        self.bare.push((callee.clone(), at));
                    }
                    for ctx in ctxs {
                        self.calls.entry(ctx.clone()).or_default().push((
                            callee.clone(),
                            depth,
                            at,
                        ));
                    }
                    if let Some(body) = &d.template {
                        // The block's body renders here (as a fallback) or inside the callee
                        // (as `@partial-block`): its calls count for both.
                        let mut inner = ctxs.to_vec();
                        if !inner.contains(&callee) {
                            inner.push(callee);
                        }
                        self.walk(file, body, &inner, depth + 1);
                    }
                }
                _ => {}
            }
        }
    }

    fn dynamic(&mut self, at: usize) {
        self.diags.push(
            Diagnostic::error(
                TEMPLATE_INVALID,
                Span::new(at, at + 2),
                "a partial name computed at render time",
            )
            .with_hint("name partials literally (`{{> row}}`), so recursion can be ruled out"),
        );
    }

    /// Every recursion and every chain of calls nested too deep, from the template's body.
    fn check(mut self) -> Vec<Diagnostic> {
        for (callee, at) in &self.bare {
            if self.defined.contains_key(callee) || callee == "@partial-block" {
                continue;
            }
            let message = if callee == TEMPLATE_NAME {
                "the template includes itself".to_string()
            } else {
                format!("no partial `{callee}`")
            };
            self.diags.push(
                Diagnostic::error(TEMPLATE_INVALID, Span::new(*at, at + 2), message).with_hint(
                    "a partial is defined in the template with `{{#*inline \"name\"}}…{{/inline}}`",
                ),
            );
        }
        // Iterative depth-first search: `height` is how deep a context renders (its blocks
        // and, through each call, the callee's height), `None` while it is being visited.
        let mut height: BTreeMap<String, Option<usize>> = BTreeMap::new();
        let mut stack: Vec<(String, usize)> = vec![(MAIN.to_string(), 0)];
        height.insert(MAIN.to_string(), None);
        while let Some((ctx, next)) = stack.pop() {
            let calls = self.calls.get(&ctx).cloned().unwrap_or_default();
            if let Some((callee, _, at)) = calls.get(next) {
                stack.push((ctx.clone(), next + 1));
                if !self.defined.contains_key(callee) {
                    // The template itself or an unknown name: handlebars refuses both.
                    continue;
                }
                match height.get(callee) {
                    Some(None) => {
                        let mut chain: Vec<&str> = stack
                            .iter()
                            .skip_while(|(c, _)| c != callee)
                            .map(|(c, _)| c.as_str())
                            .collect();
                        chain.push(callee);
                        self.diags.push(
                            Diagnostic::error(
                                TEMPLATE_INVALID,
                                Span::new(*at, at + 2),
                                format!(
                                    "partial `{callee}` includes itself ({})",
                                    chain.join(" → ")
                                ),
                            )
                            .with_hint("handlebars has no recursion limit: a partial that includes itself never ends"),
                        );
                        return self.diags;
                    }
                    Some(Some(_)) => {}
                    None => {
                        height.insert(callee.clone(), None);
                        stack.push((callee.clone(), 0));
                    }
                }
                continue;
            }
            // All calls visited: the context's height.
            let own = self.depth.get(&ctx).copied().unwrap_or(0);
            let h = calls
                .iter()
                .filter_map(|(c, d, _)| Some(d + 1 + height.get(c).copied().flatten()?))
                .fold(own, usize::max);
            height.insert(ctx.clone(), Some(h));
            if h > MAX_TEMPLATE_DEPTH {
                let at = calls.iter().map(|c| c.2).next().unwrap_or(0);
                self.diags.push(too_deep(at));
                return self.diags;
            }
        }
        self.diags
    }
}

/// A literal partial (or decorator parameter) name.
fn name(p: &Parameter) -> Option<String> {
    match p {
        Parameter::Name(s) => Some(s.clone()),
        Parameter::Path(HbPath::Relative((_, raw)) | HbPath::Local((_, _, raw))) => {
            Some(raw.clone())
        }
        Parameter::Literal(serde_json::Value::String(s)) => Some(s.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> Vec<String> {
        match check(TEMPLATE_NAME, text) {
            Ok(_) => Vec::new(),
            Err(report) => report
                .diagnostics
                .iter()
                .map(|d| {
                    let (l, c) = report.file.line_col(d.span.start);
                    format!("{l}:{c} {}", d.message)
                })
                .collect(),
        }
    }

    #[test]
    fn the_builtin_template_and_reused_partials_pass() {
        assert!(errors(super::super::table::DEFAULT_TEMPLATE).is_empty());
        let reuse = "{{#*inline \"cell\"}}{{#each this}}{{text}}{{/each}}{{/inline}}\
                     {{#each rows}}{{> cell from}}{{> cell to}}{{/each}}";
        assert!(errors(reuse).is_empty(), "{:?}", errors(reuse));
    }

    #[test]
    fn recursion_through_a_partial_block_is_found() {
        // `a` renders its block (`@partial-block`), whose body calls `a` again.
        let src = "{{#*inline \"a\"}}{{> @partial-block}}{{/inline}}{{#> a}}{{> a}}{{/a}}";
        let e = errors(src);
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].contains("partial `a` includes itself"), "{e:?}");
    }

    #[test]
    fn computed_partial_names_and_deep_chains_are_refused() {
        let e = errors("{{> (lookup this \"name\")}}");
        assert_eq!(e, ["1:1 a partial name computed at render time"]);
        // 40 partials, each calling the next: no cycle, but 40 levels deep.
        let mut src = String::from("{{#*inline \"p0\"}}x{{/inline}}");
        for i in 1..40 {
            src.push_str(&format!(
                "{{{{#*inline \"p{i}\"}}}}{{{{> p{}}}}}{{{{/inline}}}}",
                i - 1
            ));
        }
        src.push_str("{{> p39}}");
        let e = errors(&src);
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].contains("nested more than 32 deep"), "{e:?}");
    }
}
