//! `classDef` definitions and turning parsed declarations into [`Style`]s.

use crate::diagnostic::codes::mmd as codes;
use crate::diagnostic::Diagnostic;
use crate::mermaid::syntax::{ClassDef, Prop, Spanned};
use crate::model::Style;
use std::collections::BTreeMap;

/// Every `classDef` in the file (a class defined twice accumulates, later declarations win).
#[derive(Default)]
pub(super) struct ClassDefs {
    defs: BTreeMap<String, Style>,
}

impl ClassDefs {
    pub(super) fn define(&mut self, cd: &ClassDef) {
        let style = style_of(&cd.props);
        for n in &cd.names {
            self.defs.entry(n.value.clone()).or_default().extend(&style);
        }
    }
    pub(super) fn get(&self, name: &str) -> Option<&Style> {
        self.defs.get(name)
    }
    /// Appends class `class`'s declarations to `style`, warning if it was never defined.
    pub(super) fn apply(
        &self,
        class: &Spanned<String>,
        style: &mut Style,
        diags: &mut Vec<Diagnostic>,
    ) {
        match self.defs.get(&class.value) {
            Some(s) => style.extend(s),
            None => diags.push(
                Diagnostic::warning(
                    codes::UNDEFINED_CLASS,
                    class.span,
                    format!("class `{}` is never defined with `classDef`", class.value),
                )
                .with_hint(format!(
                    "add `classDef {} fill:#f9f,stroke:#333`",
                    class.value
                )),
            ),
        }
    }
}

/// The declarations, the last of each property, in order.
pub(super) fn style_of(props: &[Prop]) -> Style {
    let mut style = Style {
        declarations: props
            .iter()
            .map(|p| (p.name.value.clone(), p.value.value.clone()))
            .collect(),
    };
    style.dedupe();
    style
}
