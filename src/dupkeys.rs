//! Object keys given twice (`"actuals": […], …, "actuals": […]`). JSON parsers keep one of the
//! two (serde_json, this crate's reader and the browser's `JSON.parse` the last) and drop the
//! other without a word, so the validator reports each repetition (`key.duplicate`) at its second occurrence.
//!
//! The reader ([`crate::json`]) notes them while it reads the text, writing out the JSON path
//! only for a repetition.

use crate::diag::{Code, Diagnostic};
use crate::locate::line_column;

/// One repeated key: the member's JSON path and the byte offsets of its first and second
/// occurrence (the key's opening quote).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repeated {
    /// Path of the member, e.g. `indicators[0].actuals`.
    pub path: String,
    /// The key as written (decoded).
    pub key: String,
    /// Byte offset of the first occurrence.
    pub first: usize,
    /// Byte offset of the repetition.
    pub again: usize,
}

impl Repeated {
    /// 1-based (line, column) of the repetition and of the first occurrence in `text`.
    pub fn positions(&self, text: &str) -> ((usize, usize), (usize, usize)) {
        (line_column(text, self.again), line_column(text, self.first))
    }
}

impl Repeated {
    /// The `key.duplicate` error, located at the repetition.
    pub fn diagnostic(&self, text: &str) -> Diagnostic {
        let ((line, column), (l1, c1)) = self.positions(text);
        let key = &self.key;
        let mut d = Diagnostic::new(
            Code::DuplicateKey,
            self.path.clone(),
            format!("键“{key}”在同一对象中重复出现（第一次在第 {l1} 行第 {c1} 列）：JSON 读取时只保留其中一个，另一个会被悄悄丢弃；请合并两处或删去一处"),
            format!("the key \"{key}\" is given twice in this object (first at line {l1}, column {c1}): a JSON reader keeps only one and silently drops the other; merge them or remove one"),
        );
        d.line = Some(line);
        d.column = Some(column);
        d
    }

    /// The index of the indicator the repetition is in (`indicators[3]…` → 3), if any.
    pub fn indicator(&self) -> Option<usize> {
        let rest = self.path.strip_prefix("indicators[")?;
        rest[..rest.find(']')?].parse().ok()
    }
}

/// Every repeated key of valid JSON text, in file order ([`crate::json::parse`] finds them while
/// reading); none for text that is no JSON. Never panics.
pub fn repeated_keys(text: &str) -> Vec<Repeated> {
    crate::json::parse(text)
        .map(|p| p.repeated)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_repeats_at_any_depth_with_both_offsets() {
        let text = "{\"a\": 1,\n \"b\": [{\"x\": 1, \"y\": 2, \"x\": 3}],\n \"a\": 2}";
        let got = repeated_keys(text);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].path, "b[0].x");
        assert_eq!(got[0].positions(text), ((2, 25), (2, 9)));
        assert_eq!(got[1].path, "a");
        assert_eq!(got[1].key, "a");
        assert_eq!(got[1].positions(text), ((3, 2), (1, 2)));
    }

    #[test]
    fn escaped_keys_are_compared_decoded_and_siblings_are_separate() {
        let got =
            repeated_keys(r#"{"k": 1, "\u006b": 2, "o": {"k": 1}, "p": [{"k": 1}, {"k": 2}]}"#);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].path, "k");
        assert!(repeated_keys(r#"{"a": [1, "x", {"b": 1}], "c": {}}"#).is_empty());
    }

    #[test]
    fn malformed_text_never_panics() {
        for t in [
            "",
            "{",
            "{\"a\"",
            "{\"a\": [1, {\"b\": ",
            "]]]",
            "{\"a\":1,\"a\"",
            "\"\\",
        ] {
            let _ = repeated_keys(t);
        }
    }
}
