//! The reader: JSON text → [`Node`] tree in one pass, following serde_json's `from_str` step by
//! step (so that every error has serde_json's message, line and column) and noting repeated keys
//! on the way.

use std::borrow::Cow;
use std::fmt;

use std::collections::HashMap;

use rustc_hash::FxBuildHasher;

type FxHashMap<K, V> = HashMap<K, V, FxBuildHasher>;

use super::number::{f64_from_parts, Number};
use super::{Member, Node, Object, Value};
use crate::dupkeys::Repeated;
use crate::locate::{push_index, push_key};

/// How deeply arrays and objects may nest: serde_json's recursion limit (127 levels read, the
/// 128th refused).
pub(crate) const DEPTH_LIMIT: usize = 128;

/// Objects with more members than this look repeated keys up in a map, not a list.
const LIST_SCAN: usize = 32;

/// What is wrong with the text, in serde_json's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorCode {
    /// The text ends inside an array.
    EofWhileParsingList,
    /// The text ends inside an object.
    EofWhileParsingObject,
    /// The text ends inside a string.
    EofWhileParsingString,
    /// The text ends where a value should be.
    EofWhileParsingValue,
    /// No `:` after a key.
    ExpectedColon,
    /// Neither `,` nor `]` after an element.
    ExpectedListCommaOrEnd,
    /// Neither `,` nor `}` after a member.
    ExpectedObjectCommaOrEnd,
    /// A word that is not `true`, `false` or `null`.
    ExpectedSomeIdent,
    /// No value where one should be.
    ExpectedSomeValue,
    /// A backslash escape JSON does not have.
    InvalidEscape,
    /// A malformed number.
    InvalidNumber,
    /// A number too large for an `f64`.
    NumberOutOfRange,
    /// An unescaped control character in a string.
    ControlCharacterWhileParsingString,
    /// An object key that is not a string.
    KeyMustBeAString,
    /// A `\u` escape of a lone surrogate.
    LoneLeadingSurrogateInHexEscape,
    /// A comma before `]` or `}`.
    TrailingComma,
    /// More after the value.
    TrailingCharacters,
    /// A leading surrogate not followed by a `\u` escape.
    UnexpectedEndOfHexEscape,
    /// Nesting deeper than [`DEPTH_LIMIT`].
    RecursionLimitExceeded,
}

impl ErrorCode {
    /// serde_json's message.
    pub fn message(self) -> &'static str {
        match self {
            ErrorCode::EofWhileParsingList => "EOF while parsing a list",
            ErrorCode::EofWhileParsingObject => "EOF while parsing an object",
            ErrorCode::EofWhileParsingString => "EOF while parsing a string",
            ErrorCode::EofWhileParsingValue => "EOF while parsing a value",
            ErrorCode::ExpectedColon => "expected `:`",
            ErrorCode::ExpectedListCommaOrEnd => "expected `,` or `]`",
            ErrorCode::ExpectedObjectCommaOrEnd => "expected `,` or `}`",
            ErrorCode::ExpectedSomeIdent => "expected ident",
            ErrorCode::ExpectedSomeValue => "expected value",
            ErrorCode::InvalidEscape => "invalid escape",
            ErrorCode::InvalidNumber => "invalid number",
            ErrorCode::NumberOutOfRange => "number out of range",
            ErrorCode::ControlCharacterWhileParsingString => {
                "control character (\\u0000-\\u001F) found while parsing a string"
            }
            ErrorCode::KeyMustBeAString => "key must be a string",
            ErrorCode::LoneLeadingSurrogateInHexEscape => "lone leading surrogate in hex escape",
            ErrorCode::TrailingComma => "trailing comma",
            ErrorCode::TrailingCharacters => "trailing characters",
            ErrorCode::UnexpectedEndOfHexEscape => "unexpected end of hex escape",
            ErrorCode::RecursionLimitExceeded => "recursion limit exceeded",
        }
    }
}

/// A syntax error and where serde_json reports it: 1-based line, and the column as serde_json
/// counts it (bytes since the line's start).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Error {
    /// What is wrong.
    pub code: ErrorCode,
    /// 1-based line.
    pub line: usize,
    /// Bytes from the line's start (serde_json's column).
    pub column: usize,
}

/// serde_json's wording: `expected value at line 1 column 2`.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.code.message(),
            self.line,
            self.column
        )
    }
}

impl std::error::Error for Error {}

/// A parsed text: its value and its repeated keys, in file order.
#[derive(Clone, Debug)]
pub struct Parsed<'a> {
    /// The top-level value.
    pub root: Node<'a>,
    /// Every key given twice in one object, at its second occurrence.
    pub repeated: Vec<Repeated>,
}

/// Parses JSON text in one pass. Never panics.
pub fn parse(text: &str) -> Result<Parsed<'_>, Error> {
    let mut r = Reader {
        text,
        b: text.as_bytes(),
        i: 0,
        remaining: DEPTH_LIMIT,
        path: Vec::new(),
        repeated: Vec::new(),
        scratch: Vec::new(),
    };
    let root = r.value()?;
    r.skip_ws();
    if r.peek().is_some() {
        return Err(r.peek_error(ErrorCode::TrailingCharacters));
    }
    Ok(Parsed {
        root,
        repeated: r.repeated,
    })
}

/// One step of the path to the value being read.
enum Seg {
    /// The member whose key's opening quote is at this offset.
    Key(usize),
    /// The element at this index.
    Index(usize),
}

struct Reader<'a> {
    text: &'a str,
    b: &'a [u8],
    i: usize,
    remaining: usize,
    path: Vec<Seg>,
    repeated: Vec<Repeated>,
    scratch: Vec<u8>,
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.i += 1;
        Some(c)
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\t' | b'\r')) {
            self.i += 1;
        }
    }

    fn error_at(&self, i: usize, code: ErrorCode) -> Error {
        let i = i.min(self.b.len());
        let before = &self.b[..i];
        let line_start = before
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(0, |p| p + 1);
        Error {
            code,
            line: 1 + before[..line_start].iter().filter(|&&c| c == b'\n').count(),
            column: i - line_start,
        }
    }

    /// An error caused by the byte just read (serde_json's `error`).
    fn error(&self, code: ErrorCode) -> Error {
        self.error_at(self.i, code)
    }

    /// An error caused by the byte at the cursor (serde_json's `peek_error`).
    fn peek_error(&self, code: ErrorCode) -> Error {
        self.error_at(self.i + 1, code)
    }

    fn value(&mut self) -> Result<Node<'a>, Error> {
        self.skip_ws();
        let start = self.i;
        let value = match self.peek() {
            None => return Err(self.peek_error(ErrorCode::EofWhileParsingValue)),
            Some(b'n') => {
                self.i += 1;
                self.ident(b"ull")?;
                Value::Null
            }
            Some(b't') => {
                self.i += 1;
                self.ident(b"rue")?;
                Value::Bool(true)
            }
            Some(b'f') => {
                self.i += 1;
                self.ident(b"alse")?;
                Value::Bool(false)
            }
            Some(b'-') => {
                self.i += 1;
                Value::Number(self.integer(false)?)
            }
            Some(b'0'..=b'9') => Value::Number(self.integer(true)?),
            Some(b'"') => {
                self.i += 1;
                Value::String(self.string()?)
            }
            Some(b'[') => {
                self.enter()?;
                let items = self.array();
                self.remaining += 1;
                Value::Array(items?)
            }
            Some(b'{') => {
                self.enter()?;
                let object = self.object();
                self.remaining += 1;
                Value::Object(object?)
            }
            Some(_) => return Err(self.peek_error(ErrorCode::ExpectedSomeValue)),
        };
        Ok(Node {
            value,
            start,
            end: self.i,
        })
    }

    fn enter(&mut self) -> Result<(), Error> {
        self.remaining -= 1;
        if self.remaining == 0 {
            return Err(self.peek_error(ErrorCode::RecursionLimitExceeded));
        }
        self.i += 1;
        Ok(())
    }

    fn ident(&mut self, rest: &[u8]) -> Result<(), Error> {
        for &expected in rest {
            match self.next() {
                None => return Err(self.error(ErrorCode::EofWhileParsingValue)),
                Some(c) if c != expected => return Err(self.error(ErrorCode::ExpectedSomeIdent)),
                Some(_) => {}
            }
        }
        Ok(())
    }

    fn array(&mut self) -> Result<Vec<Node<'a>>, Error> {
        let mut items = Vec::new();
        loop {
            self.skip_ws();
            match self.peek() {
                None => return Err(self.peek_error(ErrorCode::EofWhileParsingList)),
                Some(b']') => break,
                Some(_) if items.is_empty() => {}
                Some(b',') => {
                    self.i += 1;
                    self.skip_ws();
                    match self.peek() {
                        Some(b']') => return Err(self.peek_error(ErrorCode::TrailingComma)),
                        Some(_) => {}
                        None => return Err(self.peek_error(ErrorCode::EofWhileParsingValue)),
                    }
                }
                Some(_) => return Err(self.peek_error(ErrorCode::ExpectedListCommaOrEnd)),
            }
            self.path.push(Seg::Index(items.len()));
            let item = self.value();
            self.path.pop();
            items.push(item?);
        }
        self.i += 1;
        Ok(items)
    }

    fn object(&mut self) -> Result<Object<'a>, Error> {
        let mut members: Vec<Member<'a>> = Vec::new();
        // Keys and their first offsets, once the object is too long for a list scan.
        let mut index: Option<FxHashMap<String, usize>> = None;
        loop {
            self.skip_ws();
            match self.peek() {
                None => return Err(self.peek_error(ErrorCode::EofWhileParsingObject)),
                Some(b'}') => break,
                Some(b'"') if members.is_empty() => {}
                Some(_) if members.is_empty() => {
                    return Err(self.peek_error(ErrorCode::KeyMustBeAString))
                }
                Some(b',') => {
                    self.i += 1;
                    self.skip_ws();
                    match self.peek() {
                        Some(b'"') => {}
                        Some(b'}') => return Err(self.peek_error(ErrorCode::TrailingComma)),
                        Some(_) => return Err(self.peek_error(ErrorCode::KeyMustBeAString)),
                        None => return Err(self.peek_error(ErrorCode::EofWhileParsingValue)),
                    }
                }
                Some(_) => return Err(self.peek_error(ErrorCode::ExpectedObjectCommaOrEnd)),
            }
            let key_at = self.i;
            self.i += 1;
            let key = self.string()?;
            self.skip_ws();
            match self.peek() {
                Some(b':') => self.i += 1,
                Some(_) => return Err(self.peek_error(ErrorCode::ExpectedColon)),
                None => return Err(self.peek_error(ErrorCode::EofWhileParsingObject)),
            }
            self.path.push(Seg::Key(key_at));
            let first = match &mut index {
                Some(map) => match map.get(key.as_ref()) {
                    Some(&at) => Some(at),
                    None => {
                        map.insert(key.to_string(), key_at);
                        None
                    }
                },
                None => members.iter().find(|m| m.key == key).map(|m| m.key_at),
            };
            if let Some(first) = first {
                self.repeated.push(Repeated {
                    path: self.path_text(),
                    key: key.to_string(),
                    first,
                    again: key_at,
                });
            }
            let value = self.value();
            self.path.pop();
            members.push(Member {
                key,
                key_at,
                value: value?,
            });
            if index.is_none() && members.len() > LIST_SCAN {
                let mut map = FxHashMap::default();
                for m in members.iter().rev() {
                    map.insert(m.key.to_string(), m.key_at);
                }
                index = Some(map);
            }
        }
        self.i += 1;
        Ok(Object { members })
    }

    /// The written-out path of the value being read (for a repeated key, rarely).
    fn path_text(&self) -> String {
        let mut out = String::new();
        for seg in &self.path {
            match *seg {
                Seg::Index(i) => push_index(&mut out, i),
                Seg::Key(at) => {
                    let mut r = Reader {
                        text: self.text,
                        b: self.b,
                        i: at + 1,
                        remaining: DEPTH_LIMIT,
                        path: Vec::new(),
                        repeated: Vec::new(),
                        scratch: Vec::new(),
                    };
                    push_key(&mut out, &r.string().unwrap_or_default());
                }
            }
        }
        out
    }

    /// A string whose opening quote is behind the cursor, decoded.
    fn string(&mut self) -> Result<Cow<'a, str>, Error> {
        self.scratch.clear();
        let mut start = self.i;
        let mut escaped = false;
        loop {
            while let Some(&c) = self.b.get(self.i) {
                if c == b'"' || c == b'\\' || c < 0x20 {
                    break;
                }
                self.i += 1;
            }
            match self.peek() {
                None => return Err(self.error(ErrorCode::EofWhileParsingString)),
                Some(b'"') => {
                    let run = self.text.get(start..self.i).unwrap_or("");
                    self.i += 1;
                    if !escaped {
                        return Ok(Cow::Borrowed(run));
                    }
                    self.scratch.extend_from_slice(run.as_bytes());
                    let bytes = std::mem::take(&mut self.scratch);
                    return Ok(Cow::Owned(String::from_utf8(bytes).unwrap_or_default()));
                }
                Some(b'\\') => {
                    escaped = true;
                    let run = self.b.get(start..self.i).unwrap_or(&[]);
                    self.scratch.extend_from_slice(run);
                    self.i += 1;
                    self.escape()?;
                    start = self.i;
                }
                Some(_) => {
                    self.i += 1;
                    return Err(self.error(ErrorCode::ControlCharacterWhileParsingString));
                }
            }
        }
    }

    fn escape(&mut self) -> Result<(), Error> {
        let Some(c) = self.next() else {
            return Err(self.error(ErrorCode::EofWhileParsingString));
        };
        let byte = match c {
            b'"' => b'"',
            b'\\' => b'\\',
            b'/' => b'/',
            b'b' => b'\x08',
            b'f' => b'\x0c',
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'u' => return self.unicode_escape(),
            _ => return Err(self.error(ErrorCode::InvalidEscape)),
        };
        self.scratch.push(byte);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u16, Error> {
        let Some(digits) = self.b.get(self.i..self.i + 4) else {
            self.i = self.b.len();
            return Err(self.error(ErrorCode::EofWhileParsingString));
        };
        self.i += 4;
        let mut n: u16 = 0;
        for &d in digits {
            let v = match d {
                b'0'..=b'9' => d - b'0',
                b'a'..=b'f' => d - b'a' + 10,
                b'A'..=b'F' => d - b'A' + 10,
                _ => return Err(self.error(ErrorCode::InvalidEscape)),
            };
            n = (n << 4) | u16::from(v);
        }
        Ok(n)
    }

    fn unicode_escape(&mut self) -> Result<(), Error> {
        let n = self.hex4()?;
        if (0xDC00..=0xDFFF).contains(&n) {
            return Err(self.error(ErrorCode::LoneLeadingSurrogateInHexEscape));
        }
        let code = if (0xD800..=0xDBFF).contains(&n) {
            for want in [b'\\', b'u'] {
                match self.peek() {
                    None => return Err(self.error(ErrorCode::EofWhileParsingString)),
                    Some(c) => {
                        self.i += 1;
                        if c != want {
                            return Err(self.error(ErrorCode::UnexpectedEndOfHexEscape));
                        }
                    }
                }
            }
            let n2 = self.hex4()?;
            if !(0xDC00..=0xDFFF).contains(&n2) {
                return Err(self.error(ErrorCode::LoneLeadingSurrogateInHexEscape));
            }
            ((u32::from(n - 0xD800) << 10) | u32::from(n2 - 0xDC00)) + 0x1_0000
        } else {
            u32::from(n)
        };
        let c = char::from_u32(code).unwrap_or('\u{FFFD}');
        let mut buf = [0u8; 4];
        self.scratch
            .extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        Ok(())
    }

    /// A number whose sign (if any) is behind the cursor (serde_json's `parse_integer`).
    fn integer(&mut self, positive: bool) -> Result<Number, Error> {
        let Some(c) = self.next() else {
            return Err(self.error(ErrorCode::EofWhileParsingValue));
        };
        match c {
            b'0' => {
                if matches!(self.peek(), Some(b'0'..=b'9')) {
                    return Err(self.peek_error(ErrorCode::InvalidNumber));
                }
                self.number(positive, 0)
            }
            b'1'..=b'9' => {
                let mut significand = u64::from(c - b'0');
                while let Some(c @ b'0'..=b'9') = self.peek() {
                    let digit = u64::from(c - b'0');
                    if overflows(significand, digit) {
                        return Ok(Number::F64(self.long_integer(positive, significand)?));
                    }
                    self.i += 1;
                    significand = significand * 10 + digit;
                }
                self.number(positive, significand)
            }
            _ => Err(self.error(ErrorCode::InvalidNumber)),
        }
    }

    fn number(&mut self, positive: bool, significand: u64) -> Result<Number, Error> {
        Ok(match self.peek() {
            Some(b'.') => Number::F64(self.decimal(positive, significand, 0)?),
            Some(b'e' | b'E') => Number::F64(self.exponent(positive, significand, 0)?),
            _ if positive => Number::U64(significand),
            _ => {
                let neg = (significand as i64).wrapping_neg();
                // A float when it does not fit, and for `-0`.
                if neg >= 0 {
                    Number::F64(-(significand as f64))
                } else {
                    Number::I64(neg)
                }
            }
        })
    }

    fn decimal(&mut self, positive: bool, mut significand: u64, before: i32) -> Result<f64, Error> {
        self.i += 1;
        let mut after: i32 = 0;
        while let Some(c @ b'0'..=b'9') = self.peek() {
            let digit = u64::from(c - b'0');
            if overflows(significand, digit) {
                return self.decimal_overflow(positive, significand, before.saturating_add(after));
            }
            self.i += 1;
            significand = significand * 10 + digit;
            after = after.saturating_sub(1);
        }
        if after == 0 {
            return Err(match self.peek() {
                Some(_) => self.peek_error(ErrorCode::InvalidNumber),
                None => self.peek_error(ErrorCode::EofWhileParsingValue),
            });
        }
        let exponent = before.saturating_add(after);
        match self.peek() {
            Some(b'e' | b'E') => self.exponent(positive, significand, exponent),
            _ => self.float(positive, significand, exponent),
        }
    }

    fn exponent(&mut self, positive: bool, significand: u64, starting: i32) -> Result<f64, Error> {
        self.i += 1;
        let positive_exp = match self.peek() {
            Some(b'+') => {
                self.i += 1;
                true
            }
            Some(b'-') => {
                self.i += 1;
                false
            }
            _ => true,
        };
        let mut exp = match self.next() {
            None => return Err(self.error(ErrorCode::EofWhileParsingValue)),
            Some(c @ b'0'..=b'9') => i32::from(c - b'0'),
            Some(_) => return Err(self.error(ErrorCode::InvalidNumber)),
        };
        while let Some(c @ b'0'..=b'9') = self.peek() {
            self.i += 1;
            let digit = i32::from(c - b'0');
            if exp >= i32::MAX / 10 && (exp > i32::MAX / 10 || digit > i32::MAX % 10) {
                // Error instead of ±infinity; a tiny number is zero.
                if significand != 0 && positive_exp {
                    return Err(self.error(ErrorCode::NumberOutOfRange));
                }
                while let Some(b'0'..=b'9') = self.peek() {
                    self.i += 1;
                }
                return Ok(if positive { 0.0 } else { -0.0 });
            }
            exp = exp * 10 + digit;
        }
        let exponent = if positive_exp {
            starting.saturating_add(exp)
        } else {
            starting.saturating_sub(exp)
        };
        self.float(positive, significand, exponent)
    }

    fn float(&mut self, positive: bool, significand: u64, exponent: i32) -> Result<f64, Error> {
        f64_from_parts(positive, significand, exponent)
            .ok_or_else(|| self.error(ErrorCode::NumberOutOfRange))
    }

    /// More integer digits than a `u64` holds: the rest only count as powers of ten.
    fn long_integer(&mut self, positive: bool, significand: u64) -> Result<f64, Error> {
        let mut exponent: i32 = 0;
        loop {
            match self.peek() {
                Some(b'0'..=b'9') => {
                    self.i += 1;
                    exponent = exponent.saturating_add(1);
                }
                Some(b'.') => return self.decimal(positive, significand, exponent),
                Some(b'e' | b'E') => return self.exponent(positive, significand, exponent),
                _ => return self.float(positive, significand, exponent),
            }
        }
    }

    /// More fraction digits than a `u64` holds: the rest are ignored.
    fn decimal_overflow(
        &mut self,
        positive: bool,
        significand: u64,
        exponent: i32,
    ) -> Result<f64, Error> {
        while let Some(b'0'..=b'9') = self.peek() {
            self.i += 1;
        }
        match self.peek() {
            Some(b'e' | b'E') => self.exponent(positive, significand, exponent),
            _ => self.float(positive, significand, exponent),
        }
    }
}

/// Whether `significand * 10 + digit` overflows a `u64`.
fn overflows(significand: u64, digit: u64) -> bool {
    significand >= u64::MAX / 10 && (significand > u64::MAX / 10 || digit > u64::MAX % 10)
}
