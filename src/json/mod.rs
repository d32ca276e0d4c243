//! The plan file's own JSON reader: one pass over the text into a small tree whose values keep
//! their byte offsets, with syntax errors located and worded as serde_json words them, and keys
//! repeated within an object found on the way (see [`crate::dupkeys`]).
//!
//! The widget's wasm module reads plans and options with this alone, so it links no serde_json
//! (docs/benchmarks.md, "Size: measured changes"). The grammar, the nesting limit (128), the
//! numbers (`u64`, `i64`, else `f64`; `-0` is the float `-0.0`; out-of-range floats are an
//! error) and every error's message and position follow serde_json 1.0 without its
//! `float_roundtrip` feature, as the widget and CLI were built before; tests/json_reader.rs
//! compares the two.

use std::borrow::Cow;
use std::fmt::{self, Write as _};

mod number;
mod read;

pub use number::Number;
pub use read::{parse, Error, ErrorCode, Parsed};

/// One JSON value and where it starts and ends in the text (byte offsets; both 0 for a value
/// that came from no text, see [`Node::from_serde`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Node<'a> {
    /// The value.
    pub value: Value<'a>,
    /// Byte offset of the value's first byte.
    pub start: usize,
    /// Byte offset just past the value's last byte.
    pub end: usize,
}

/// A JSON value. Strings borrow the text when they hold no escape.
#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string, decoded.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Node<'a>>),
    /// An object, its members in file order (a repeated key kept twice).
    Object(Object<'a>),
}

/// An object's members in file order. Lookups see the last of repeated keys, as serde_json's
/// and the browser's readers keep it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Object<'a> {
    /// The members as written.
    pub members: Vec<Member<'a>>,
}

/// One member of an object.
#[derive(Clone, Debug, PartialEq)]
pub struct Member<'a> {
    /// The key, decoded.
    pub key: Cow<'a, str>,
    /// Byte offset of the key's opening quote.
    pub key_at: usize,
    /// The value.
    pub value: Node<'a>,
}

impl<'a> Object<'a> {
    /// The value of `key` (the last one when the key is repeated).
    pub fn get(&self, key: &str) -> Option<&Node<'a>> {
        self.members
            .iter()
            .rev()
            .find(|m| m.key == key)
            .map(|m| &m.value)
    }

    /// Whether the object has `key`.
    pub fn contains_key(&self, key: &str) -> bool {
        self.members.iter().any(|m| m.key == key)
    }

    /// The distinct keys in sorted order, each with its (last) value: the order serde_json's
    /// map iterates in.
    pub fn sorted(&self) -> Vec<(&str, &Node<'a>)> {
        let mut out: Vec<(&str, &Node<'a>)> = Vec::with_capacity(self.members.len());
        for m in self.members.iter().rev() {
            if !out.iter().any(|(k, _)| *k == m.key) {
                out.push((&m.key, &m.value));
            }
        }
        out.sort_by(|a, b| a.0.cmp(b.0));
        out
    }
}

impl<'a> Node<'a> {
    /// A value at no place in a text.
    pub fn detached(value: Value<'a>) -> Self {
        Node {
            value,
            start: 0,
            end: 0,
        }
    }

    /// The object, if this is one.
    pub fn as_object(&self) -> Option<&Object<'a>> {
        match &self.value {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&Vec<Node<'a>>> {
        match &self.value {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The number as an `f64`, if this is a number.
    pub fn as_f64(&self) -> Option<f64> {
        match &self.value {
            Value::Number(n) => Some(n.as_f64()),
            _ => None,
        }
    }

    /// The number as a `u64`, if this is a non-negative integer written without fraction or
    /// exponent.
    pub fn as_u64(&self) -> Option<u64> {
        match &self.value {
            Value::Number(n) => n.as_u64(),
            _ => None,
        }
    }

    /// Whether this is an array.
    pub fn is_array(&self) -> bool {
        matches!(self.value, Value::Array(_))
    }

    /// The member `key` of an object (`None` for anything else).
    pub fn get(&self, key: &str) -> Option<&Node<'a>> {
        self.as_object()?.get(key)
    }
}

/// Compact JSON text, as serde_json writes a value: keys sorted and each once, numbers as
/// serde_json prints them (`1.0`, `1e21`), strings escaped the same way.
impl fmt::Display for Node<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.value {
            Value::Null => f.write_str("null"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Number(n) => write!(f, "{n}"),
            Value::String(s) => {
                let mut out = String::new();
                write_quoted(&mut out, s);
                f.write_str(&out)
            }
            Value::Array(items) => {
                f.write_char('[')?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_char(',')?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_char(']')
            }
            Value::Object(o) => {
                f.write_char('{')?;
                for (i, (k, v)) in o.sorted().into_iter().enumerate() {
                    if i > 0 {
                        f.write_char(',')?;
                    }
                    let mut key = String::new();
                    write_quoted(&mut key, k);
                    write!(f, "{key}:{v}")?;
                }
                f.write_char('}')
            }
        }
    }
}

/// Appends `s` as a JSON string literal, escaped as serde_json escapes it: `\"`, `\\`, `\b`,
/// `\f`, `\n`, `\r`, `\t`, other control characters as `\u00xx`, everything else as is.
pub fn write_quoted(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
impl Node<'static> {
    /// A serde_json value (e.g. one the CLI or a test built) as a tree at no place in a text.
    /// Containers nested deeper than the reader's limit are kept empty (the validator never looks
    /// that deep, it only names their type), so a hand-built value cannot exhaust the stack.
    pub fn from_serde(v: &serde_json::Value) -> Self {
        Self::from_serde_at(v, 0)
    }

    fn from_serde_at(v: &serde_json::Value, depth: usize) -> Self {
        use serde_json::Value as S;
        let deep = depth >= read::DEPTH_LIMIT;
        Node::detached(match v {
            S::Null => Value::Null,
            S::Bool(b) => Value::Bool(*b),
            S::Number(n) => Value::Number(Number::from_serde(n)),
            S::String(s) => Value::String(Cow::Owned(s.clone())),
            S::Array(_) if deep => Value::Array(Vec::new()),
            S::Object(_) if deep => Value::Object(Object::default()),
            S::Array(a) => Value::Array(
                a.iter()
                    .map(|x| Self::from_serde_at(x, depth + 1))
                    .collect(),
            ),
            S::Object(m) => Value::Object(Object {
                members: m
                    .iter()
                    .map(|(k, x)| Member {
                        key: Cow::Owned(k.clone()),
                        key_at: 0,
                        value: Self::from_serde_at(x, depth + 1),
                    })
                    .collect(),
            }),
        })
    }
}
