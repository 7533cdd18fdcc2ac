//! Mapping positions in a chapter's content (as mdBook hands it over, possibly changed by an
//! earlier preprocessor such as `links`) to the chapter file on disk, where diagnostics point.
//!
//! Everything a chapter needs is computed once per chapter, so the cost per block does not grow
//! with the chapter: whether the texts are equal, how long their common head and tail are. In
//! the part that differs, blocks are mapped in document order and a block usually lies as far
//! from its place in the file as the block before it (nothing was expanded between them): that
//! is checked first, in the length of the block. Only otherwise (once after each expansion) is
//! the file searched, and the occurrences of each searched text are cached.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

/// Where a searched text occurs: (in the file, in the content), each sorted.
type Occurrences = (Vec<usize>, Vec<usize>);

/// Maps offsets in `content` to offsets in `disk`.
pub(crate) struct Locator<'a> {
    disk: &'a str,
    content: &'a str,
    /// Bytes at the start that both texts share.
    head: usize,
    /// Bytes at the end that both texts share (not overlapping `head`).
    tail: usize,
    /// Occurrences of each searched text.
    found: RefCell<HashMap<String, Occurrences>>,
    /// Where the last text mapped lies in the file minus where it lies in the content.
    shift: Cell<isize>,
}

impl<'a> Locator<'a> {
    /// Compares the two texts once.
    pub(crate) fn new(disk: &'a str, content: &'a str) -> Self {
        let head = common_prefix(disk.as_bytes(), content.as_bytes());
        let room = disk.len().min(content.len()) - head;
        let tail = disk
            .bytes()
            .rev()
            .zip(content.bytes().rev())
            .take(room)
            .take_while(|(a, b)| a == b)
            .count();
        Locator {
            disk,
            content,
            head,
            tail,
            found: RefCell::new(HashMap::new()),
            shift: Cell::new(0),
        }
    }

    /// The file on disk.
    pub(crate) fn disk(&self) -> &'a str {
        self.disk
    }

    /// Whether the content is the file as on disk.
    pub(crate) fn same(&self) -> bool {
        self.head == self.disk.len() && self.head == self.content.len()
    }

    /// Maps the occurrence of `needle` at `offset` in the content to the file: the same offset
    /// in a common head, the same distance from the end in a common tail. Elsewhere, the
    /// occurrence of `needle` with the same rank in the file when both hold it equally often,
    /// else the occurrence nearest to it. Checked first: the same shift as the text mapped
    /// last.
    pub(crate) fn map(&self, offset: usize, needle: &str) -> Option<usize> {
        let at = self.find(offset, needle)?;
        self.shift.set(at as isize - offset as isize);
        Some(at)
    }

    fn find(&self, offset: usize, needle: &str) -> Option<usize> {
        if self.same() || offset + needle.len() <= self.head {
            return Some(offset);
        }
        if offset >= self.content.len() - self.tail {
            return Some(offset + self.disk.len() - self.content.len());
        }
        if needle.is_empty() {
            return None;
        }
        let shifted = offset.checked_add_signed(self.shift.get());
        if let Some(at) = shifted.filter(|&at| {
            self.disk
                .get(at..)
                .is_some_and(|rest| rest.starts_with(needle))
        }) {
            return Some(at);
        }
        let mut found = self.found.borrow_mut();
        let (on_disk, in_content) = found.entry(needle.to_string()).or_insert_with(|| {
            let at = |text: &str| text.match_indices(needle).map(|(i, _)| i).collect();
            (at(self.disk), at(self.content))
        });
        if on_disk.len() == in_content.len() {
            if let Ok(rank) = in_content.binary_search(&offset) {
                return Some(on_disk[rank]);
            }
        }
        // The nearest occurrence: one of the two around `offset`.
        let i = on_disk.partition_point(|&at| at < offset);
        [i.checked_sub(1), Some(i)]
            .into_iter()
            .flatten()
            .filter_map(|i| on_disk.get(i).copied())
            .min_by_key(|&at| at.abs_diff(offset))
    }
}

fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_map_to_themselves() {
        let l = Locator::new("abc abc", "abc abc");
        assert!(l.same());
        assert_eq!(l.map(4, "abc"), Some(4));
    }

    #[test]
    fn head_and_tail_map_by_position() {
        // An earlier preprocessor expanded `{{#x}}` in the middle.
        let disk = "```m\nA\n```\n{{#x}}\n```m\nA\n```\n";
        let content = "```m\nA\n```\nexpanded text\n```m\nA\n```\n";
        let l = Locator::new(disk, content);
        assert!(!l.same());
        assert_eq!(l.map(0, "```m\nA\n```"), Some(0));
        let second = content.rfind("```m").unwrap();
        assert_eq!(
            l.map(second, "```m\nA\n```"),
            Some(disk.rfind("```m").unwrap())
        );
    }

    #[test]
    fn blocks_after_an_expansion_keep_its_shift() {
        let block = "```m\nA\n```\n";
        let disk = format!("{{{{#x}}}}\n{}{{{{#y}}}}\n", block.repeat(3));
        let content = format!("expanded x\n{}expanded y\n", block.repeat(3));
        let l = Locator::new(&disk, &content);
        for i in 0..3 {
            let c = "expanded x\n".len() + i * block.len();
            let d = "{{#x}}\n".len() + i * block.len();
            assert_eq!(l.map(c, block), Some(d), "block {i}");
        }
    }

    /// A chapter changed at both ends (`links` expanded an include at the top and one at the
    /// bottom): every block lies in the changed middle, yet only the first is searched for;
    /// the others are found at its shift, in the length of the block. (Searching the file for
    /// each block was quadratic: 20,000 fences took 122 s.)
    #[test]
    fn the_changed_middle_is_searched_once() {
        let blocks: Vec<String> = (0..2000).map(|i| format!("```m\nA{i}\n```\n\n")).collect();
        let body = blocks.concat();
        let disk = format!("{{{{#include a}}}}\n{body}{{{{#include b}}}}\n");
        let content = format!("expanded a\n\n{body}expanded b\n");
        let l = Locator::new(&disk, &content);
        let (mut c, mut d) = ("expanded a\n\n".len(), "{{#include a}}\n".len());
        for b in &blocks {
            assert_eq!(l.map(c, b), Some(d));
            c += b.len();
            d += b.len();
        }
        assert_eq!(l.found.borrow().len(), 1);
    }

    #[test]
    fn the_middle_maps_by_rank_then_by_distance() {
        let disk = "x\n{{#a}}\nB\n{{#b}}\nB\nz";
        let content = "x\nAAAA\nB\nBBBB\nB\nz";
        let l = Locator::new(disk, content);
        let first = content.find("\nB\n").unwrap() + 1;
        assert_eq!(l.map(first, "B\n"), Some(disk.find("\nB\n").unwrap() + 1));
        // Not in the file at all.
        assert_eq!(l.map(2, "AAAA"), None);
        // Occurs more often in the content: the nearest occurrence in the file.
        let bbbb = content.find("BBBB").unwrap();
        assert!(l.map(bbbb, "B").is_some());
    }
}
