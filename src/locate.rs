//! JSON paths (`indicators[3].targets[0].value`) and their line/column in the source text.
//!
//! `serde_json::Value` keeps no positions, so after validation a single scan over the (already
//! valid) text records the offsets of just the paths that diagnostics name.

use std::collections::{HashMap, HashSet};

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
        path.push_str(&serde_json::Value::String(key.to_string()).to_string());
        path.push(']');
    }
}

/// Appends an array index to a path: `[3]`.
pub fn push_index(path: &mut String, index: usize) {
    path.push('[');
    path.push_str(&index.to_string());
    path.push(']');
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

/// Finds 1-based (line, column) positions for the given paths. A path that does not exist in the
/// text (a missing field) gets the position of its nearest existing ancestor.
pub fn locate(text: &str, paths: &[&str]) -> Vec<Option<(usize, usize)>> {
    let wanted: HashSet<&str> = paths.iter().flat_map(|p| prefixes(p)).collect();
    let mut scanner = Scanner {
        bytes: text.as_bytes(),
        pos: 0,
        path: String::new(),
        wanted: &wanted,
        found: HashMap::new(),
    };
    scanner.skip_ws();
    scanner.value(0);
    let offsets = scanner.found;
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

struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
    path: String,
    wanted: &'a HashSet<&'a str>,
    found: HashMap<String, usize>,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn mark(&mut self, offset: usize) {
        if self.wanted.contains(self.path.as_str()) {
            self.found.entry(self.path.clone()).or_insert(offset);
        }
    }

    /// Scans one value at `pos`; never panics on malformed text, it just stops.
    fn value(&mut self, depth: usize) {
        if depth > 256 {
            self.pos = self.bytes.len();
            return;
        }
        self.mark(self.pos);
        match self.peek() {
            Some(b'{') => {
                self.pos += 1;
                loop {
                    self.skip_ws();
                    match self.peek() {
                        Some(b'}') => {
                            self.pos += 1;
                            return;
                        }
                        Some(b',') => self.pos += 1,
                        Some(b'"') => {
                            let key_at = self.pos;
                            let key = self.string();
                            self.skip_ws();
                            if self.peek() == Some(b':') {
                                self.pos += 1;
                            }
                            self.skip_ws();
                            let len = self.path.len();
                            push_key(&mut self.path, &key);
                            self.mark(key_at);
                            self.value(depth + 1);
                            self.path.truncate(len);
                        }
                        _ => {
                            self.pos = self.bytes.len();
                            return;
                        }
                    }
                }
            }
            Some(b'[') => {
                self.pos += 1;
                let mut i = 0;
                loop {
                    self.skip_ws();
                    match self.peek() {
                        Some(b']') => {
                            self.pos += 1;
                            return;
                        }
                        Some(b',') => self.pos += 1,
                        Some(_) => {
                            let len = self.path.len();
                            push_index(&mut self.path, i);
                            self.value(depth + 1);
                            self.path.truncate(len);
                            i += 1;
                        }
                        None => return,
                    }
                }
            }
            Some(b'"') => {
                self.string();
            }
            Some(_) => {
                while let Some(b) = self.peek() {
                    if matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                        break;
                    }
                    self.pos += 1;
                }
            }
            None => {}
        }
    }

    /// Scans a string at `pos` (which holds `"`) and returns its decoded text.
    fn string(&mut self) -> String {
        let start = self.pos;
        self.pos += 1;
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'\\' => self.pos += 1,
                b'"' => break,
                _ => {}
            }
        }
        let raw = self
            .bytes
            .get(start..self.pos.min(self.bytes.len()))
            .unwrap_or(&[]);
        serde_json::from_slice::<String>(raw).unwrap_or_default()
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
    fn columns_count_characters_not_bytes() {
        assert_eq!(line_column("\"中文\"x", 8), (1, 5));
    }
}
