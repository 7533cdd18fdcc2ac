//! Sequence numbers as terms: a literal, or a symbol plus an offset (`x+1`). A symbol is an
//! unknown number; comparing it with a known one binds it (unification of `symbol + offset`
//! terms), so `y` read in one segment and `y+1` in a later acknowledgment are compared exactly.
//! Arithmetic is modulo 2^32, as sequence space is.

use super::segment::Number;

/// A number in canonical form: `root + offset` (`root == None`: a literal).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Term {
    root: Option<u32>,
    offset: i64,
}

impl Term {
    /// This term moved `by` forward.
    pub fn plus(self, by: u32) -> Term {
        Term {
            root: self.root,
            offset: wrap(self.offset + i64::from(by)),
        }
    }
}

/// Offsets of literals are kept in `0..2^32`; symbol offsets as written (reduced the same
/// way, so `x+4294967296` is `x`).
fn wrap(n: i64) -> i64 {
    n.rem_euclid(1 << 32)
}

/// The symbols met so far and what they are bound to.
#[derive(Debug, Default)]
pub struct Numbers {
    names: Vec<String>,
    bound: Vec<Option<Term>>,
}

impl Numbers {
    /// Whether `n` is a symbol not met before.
    pub fn is_fresh(&self, n: &Number) -> bool {
        match n {
            Number::Literal(_) => false,
            Number::Symbol { name, .. } => !self.names.iter().any(|m| m == name),
        }
    }

    /// The term `n` stands for (a new symbol is met here).
    pub fn term(&mut self, n: &Number) -> Term {
        match n {
            Number::Literal(v) => Term {
                root: None,
                offset: i64::from(*v),
            },
            Number::Symbol { name, offset } => {
                let id = match self.names.iter().position(|m| m == name) {
                    Some(i) => i,
                    None => {
                        self.names.push(name.clone());
                        self.bound.push(None);
                        self.names.len() - 1
                    }
                };
                let id = u32::try_from(id).unwrap_or(u32::MAX);
                self.resolve(Term {
                    root: Some(id),
                    offset: wrap(*offset),
                })
            }
        }
    }

    /// `t` with bound symbols replaced (the chain is acyclic: a symbol is bound only to a term
    /// whose root is another, unbound, symbol or none).
    pub fn resolve(&self, mut t: Term) -> Term {
        while let Some(root) = t.root {
            match self.bound.get(root as usize).copied().flatten() {
                Some(b) => {
                    t = Term {
                        root: b.root,
                        offset: wrap(b.offset + t.offset),
                    }
                }
                None => break,
            }
        }
        t
    }

    /// Whether `a` and `b` are equal: `None` when that depends on unbound symbols.
    pub fn same(&self, a: Term, b: Term) -> Option<bool> {
        let (a, b) = (self.resolve(a), self.resolve(b));
        if a.root == b.root {
            Some(a.offset == b.offset)
        } else {
            None
        }
    }

    /// Makes `a` equal `b` if it can (binding an unbound symbol); `false` on a contradiction.
    pub fn unify(&mut self, a: Term, b: Term) -> bool {
        let (a, b) = (self.resolve(a), self.resolve(b));
        if a.root == b.root {
            return a.offset == b.offset;
        }
        // Bind the symbol met later to the earlier one (or to the literal).
        let (var, to) = match (a.root, b.root) {
            (Some(x), Some(y)) if x > y => (a, b),
            (Some(_), Some(_)) => (b, a),
            (Some(_), None) => (a, b),
            (None, _) => (b, a),
        };
        if let Some(root) = var.root {
            if let Some(slot) = self.bound.get_mut(root as usize) {
                *slot = Some(Term {
                    root: to.root,
                    offset: wrap(to.offset - var.offset),
                });
            }
        }
        true
    }

    /// How a term reads: `301`, `w+1`.
    pub fn show(&self, t: Term) -> String {
        let t = self.resolve(t);
        match t.root {
            None => t.offset.to_string(),
            Some(root) => {
                let name = self
                    .names
                    .get(root as usize)
                    .map_or("?", String::as_str)
                    .to_string();
                // Symbol offsets read best small and signed.
                let off = if t.offset >= 1 << 31 {
                    t.offset - (1 << 32)
                } else {
                    t.offset
                };
                Number::Symbol { name, offset: off }.to_string()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tcp::exchange::segment::parse_number;

    fn n(s: &str) -> Number {
        parse_number(s).expect("a number")
    }

    #[test]
    fn unification_binds_symbols_once() {
        let mut ns = Numbers::default();
        assert!(ns.is_fresh(&n("x")));
        let x1 = ns.term(&n("x+1"));
        assert!(!ns.is_fresh(&n("x")));
        let lit = ns.term(&n("101"));
        assert_eq!(ns.same(x1, lit), None);
        assert!(ns.unify(x1, lit));
        let x = ns.term(&n("x"));
        assert_eq!(ns.show(x), "100");
        let x2 = ns.term(&n("x+2"));
        assert_eq!(ns.same(x2, lit.plus(1)), Some(true));
        assert!(!ns.unify(x, lit));
        let w = ns.term(&n("w"));
        let v = ns.term(&n("v+5"));
        assert!(ns.unify(w, v));
        // The symbol met later is bound to the earlier one.
        assert_eq!(ns.show(v), "w");
        let v1 = ns.term(&n("v-1"));
        assert_eq!(ns.show(v1), "w-6");
        // Literals wrap at 2^32.
        let (max, zero) = (ns.term(&n("4294967295")), ns.term(&n("0")));
        assert_eq!(ns.same(max.plus(1), zero), Some(true));
    }
}
