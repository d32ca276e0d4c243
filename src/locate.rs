//! JSON paths (`indicators[3].targets[0].value`) and their line/column in the source text.
//!
//! The reader ([`crate::json`]) keeps every value's offset, so after validation a walk over the
//! tree finds the offsets of just the paths that diagnostics name, and one scan of the text turns
//! them into lines and columns. Validation itself carries paths as [`Path`]s, written out only
//! for the diagnostics actually reported.

use std::collections::{HashMap, HashSet};
use std::fmt::{self, Write as _};

use crate::json::{Node, Value};

/// Appends an object member to a path: `.key`, or `["key"]` when the key is not an identifier.
pub fn push_key(path: &mut String, key: &str) {
    let ident = key.chars().enumerate().all(|(i, c)| {
        c == '_' || c == '$' || c.is_ascii_alphabetic() || (i > 0 && c.is_ascii_digit())
    });
    if ident && !key.is_empty() {
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key);
    } else {
        path.push('[');
        crate::json::write_quoted(path, key);
        path.push(']');
    }
}

/// Appends an array index to a path: `[3]`.
pub fn push_index(path: &mut String, index: usize) {
    let _ = write!(path, "[{index}]");
}

/// `path` joined with a member.
pub fn key(path: &str, key: &str) -> String {
    let mut p = path.to_string();
    push_key(&mut p, key);
    p
}

/// `path` joined with an index.
pub fn index(path: &str, index: usize) -> String {
    let mut p = path.to_string();
    push_index(&mut p, index);
    p
}

/// A JSON path kept as its parts and written out (with [`push_key`] and [`push_index`]) only
/// when a diagnostic needs it, so that checking the fields of a long list costs no allocation.
#[derive(Clone, Copy, Debug)]
pub enum Path<'a> {
    /// A path already written out; `""` is the whole file.
    Text(&'a str),
    /// A member of an object: `parent.key`.
    Key(&'a Path<'a>, &'a str),
    /// An element of an array: `parent[index]`.
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    /// This path joined with a member.
    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        Path::Key(self, key)
    }

    /// This path joined with an index.
    pub fn index(&'a self, index: usize) -> Path<'a> {
        Path::Index(self, index)
    }

    /// Appends the written-out path to `out`.
    pub fn write_to(&self, out: &mut String) {
        match *self {
            Path::Text(text) => out.push_str(text),
            Path::Key(parent, key) => {
                parent.write_to(out);
                push_key(out, key);
            }
            Path::Index(parent, index) => {
                parent.write_to(out);
                push_index(out, index);
            }
        }
    }

    /// The written-out path, e.g. `indicators[3].targets[0].value`.
    pub fn build(&self) -> String {
        let mut out = String::new();
        self.write_to(&mut out);
        out
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.build())
    }
}

/// Every prefix of a path at segment boundaries, the path itself included, longest first.
fn prefixes(path: &str) -> Vec<&str> {
    let mut out = vec![path];
    let bytes = path.as_bytes();
    let mut in_string = false;
    let mut escaped = false;
    for i in (0..bytes.len()).rev() {
        let b = bytes[i];
        // A coarse scan is enough: quoted keys are rare and only ever inside `[...]`.
        if b == b'"' && !escaped {
            in_string = !in_string;
        }
        escaped = b == b'\\' && !escaped;
        if !in_string && (b == b'.' || b == b'[') && i > 0 {
            out.push(&path[..i]);
        }
    }
    out.push("");
    out
}

/// Finds 1-based (line, column) positions for the given paths in JSON text. A path that does not
/// exist in the text (a missing field) gets the position of its nearest existing ancestor; text
/// that is no JSON has none.
pub fn locate(text: &str, paths: &[&str]) -> Vec<Option<(usize, usize)>> {
    if paths.is_empty() {
        return Vec::new();
    }
    match crate::json::parse(text) {
        Ok(parsed) => locate_in(text, &parsed.root, paths),
        Err(_) => vec![None; paths.len()],
    }
}

/// [`locate`] in the tree already read from `text`: the offsets the reader kept, turned into
/// lines and columns in one scan of the text up to the last one needed.
pub fn locate_in(text: &str, root: &Node, paths: &[&str]) -> Vec<Option<(usize, usize)>> {
    if paths.is_empty() {
        return Vec::new();
    }
    let wanted: HashSet<&str> = paths.iter().flat_map(|p| prefixes(p)).collect();
    // Every value whose subtree may hold a wanted path: each path cut before any `.` or `[`
    // (also inside quoted keys, so that no true ancestor is ever missed). Other subtrees are
    // skipped without building their paths.
    let mut open: HashSet<&str> = wanted.clone();
    for p in paths {
        for (i, b) in p.bytes().enumerate() {
            if b == b'.' || b == b'[' {
                open.insert(&p[..i]);
            }
        }
    }
    let mut walker = Walker {
        path: String::new(),
        wanted: &wanted,
        open: &open,
        found: HashMap::new(),
    };
    walker.value(root);
    let offsets = walker.found;
    let mut needed: Vec<usize> = offsets.values().copied().collect();
    needed.sort_unstable();
    needed.dedup();
    let positions = line_columns(text, &needed);
    paths
        .iter()
        .map(|p| {
            prefixes(p)
                .into_iter()
                .find_map(|q| offsets.get(q))
                .and_then(|off| positions.get(off).copied())
        })
        .collect()
}

/// 1-based (line, column in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    line_columns(text, &[offset])
        .get(&offset)
        .copied()
        .unwrap_or((1, 1))
}

fn line_columns(text: &str, sorted_offsets: &[usize]) -> HashMap<usize, (usize, usize)> {
    let mut out = HashMap::new();
    let (mut line, mut col) = (1usize, 1usize);
    let mut next = sorted_offsets.iter().peekable();
    for (i, ch) in text.char_indices() {
        if next.peek().is_none() {
            return out;
        }
        while let Some(&&o) = next.peek() {
            if o <= i {
                out.insert(o, (line, col));
                next.next();
            } else {
                break;
            }
        }
        if ch == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
    }
    for &o in next {
        out.insert(o, (line, col));
    }
    out
}

struct Walker<'a> {
    path: String,
    wanted: &'a HashSet<&'a str>,
    open: &'a HashSet<&'a str>,
    found: HashMap<String, usize>,
}

impl Walker<'_> {
    fn mark(&mut self, offset: usize) {
        if self.wanted.contains(self.path.as_str()) {
            self.found.entry(self.path.clone()).or_insert(offset);
        }
    }

    /// Marks `node` and, when its subtree may hold a wanted path, its members (at their keys)
    /// and elements. A repeated key is found at its first occurrence.
    fn value(&mut self, node: &Node) {
        self.mark(node.start);
        if !self.open.contains(self.path.as_str()) {
            return;
        }
        match &node.value {
            Value::Object(o) => {
                for m in &o.members {
                    let len = self.path.len();
                    push_key(&mut self.path, &m.key);
                    self.mark(m.key_at);
                    self.value(&m.value);
                    self.path.truncate(len);
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let len = self.path.len();
                    push_index(&mut self.path, i);
                    self.value(item);
                    self.path.truncate(len);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_built_like_javascript() {
        let mut p = String::new();
        push_key(&mut p, "indicators");
        push_index(&mut p, 3);
        push_key(&mut p, "targets");
        push_index(&mut p, 0);
        push_key(&mut p, "value");
        assert_eq!(p, "indicators[3].targets[0].value");
        assert_eq!(key("plan", "odd key"), "plan[\"odd key\"]");
        assert_eq!(key("", "1x"), "[\"1x\"]");
    }

    #[test]
    fn finds_values_keys_and_nearest_ancestors() {
        let text = "{\n  \"plan\": {\"title\": \"标题\"},\n  \"indicators\": [\n    {\"id\": \"a\"},\n    {\"id\": \"b\", \"x\\\"y\": 1}\n  ]\n}";
        let got = locate(
            text,
            &[
                "plan.title",
                "indicators[1].id",
                "indicators[1].name",
                "indicators[1][\"x\\\"y\"]",
                "",
            ],
        );
        assert_eq!(got[0], Some((2, 12)));
        assert_eq!(got[1], Some((5, 6)));
        // Missing member: the object that lacks it.
        assert_eq!(got[2], Some((5, 5)));
        assert_eq!(got[3], Some((5, 17)));
        assert_eq!(got[4], Some((1, 1)));
    }

    #[test]
    fn lazy_paths_write_out_like_key_and_index() {
        let top = Path::Text("indicators");
        let item = top.index(3);
        assert_eq!(
            item.key("targets").index(0).key("value").build(),
            "indicators[3].targets[0].value"
        );
        assert_eq!(
            Path::Text("plan").key("odd key").build(),
            key("plan", "odd key")
        );
        assert_eq!(Path::Text("").key("plan").to_string(), "plan");
        assert_eq!(Path::Text("").index(2).build(), "[2]");
    }

    #[test]
    fn no_paths_no_scan_and_skipped_subtrees_change_nothing() {
        assert!(locate("not even json", &[]).is_empty());
        // Keys holding `.`, `[` and quotes; wanted paths inside and after subtrees that are skipped.
        let text = "{\"a\": {\"b.c\": [1, {\"d\": 2}], \"e[f\": {\"g\": [3]}},\n \"h\": [{\"i\": \"x\\\"]}\"}, {\"i\": 4}]}";
        let got = locate(
            text,
            &["a[\"e[f\"].g[0]", "h[1].i", "a[\"b.c\"][1].d", "h[1].j"],
        );
        assert_eq!(got[0], Some((1, 44)));
        assert_eq!(got[1], Some((2, 25)));
        assert_eq!(got[2], Some((1, 20)));
        // Missing member: the object that lacks it.
        assert_eq!(got[3], Some((2, 24)));
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        assert_eq!(line_column("\"中文\"x", 8), (1, 5));
    }
}
