//! Small text helpers shared by every phase: slicing that never panics (every slice goes through
//! [`sub`]), character classes, Chinese and ASCII numerals, clipping by characters, number
//! formatting, the plan's year range, and [`Chars`], a string read by character index.

use serde_json::{json, Value};

use crate::period::Period;

/// `s[a..b]`, or `""` when the range is not on character boundaries or out of bounds.
pub(super) fn sub(s: &str, a: usize, b: usize) -> &str {
    s.get(a..b.min(s.len())).unwrap_or("")
}

pub(super) fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}')
}

/// The value of an ASCII or full-width digit.
pub(super) fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// The value of a Chinese digit (零〇一二两三…九).
pub(super) fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

pub(super) fn is_cn_numeral(c: char) -> bool {
    cn_digit(c).is_some() || c == '十' || c == '百'
}

/// Parses 一 … 九百九十九.
pub(super) fn cn_number(s: &str) -> Option<u32> {
    if s.is_empty() || s.chars().count() > 5 {
        return None;
    }
    let (mut total, mut cur) = (0u32, 0u32);
    for c in s.chars() {
        if let Some(d) = cn_digit(c) {
            cur = d;
        } else if c == '十' {
            total += cur.max(1) * 10;
            cur = 0;
        } else if c == '百' {
            total += cur.max(1) * 100;
            cur = 0;
        } else {
            return None;
        }
    }
    Some(total + cur)
}

/// Parses up to three ASCII or full-width digits.
pub(super) fn digit_number(s: &str) -> Option<u32> {
    if s.is_empty() || s.chars().count() > 3 {
        return None;
    }
    s.chars()
        .try_fold(0u32, |acc, c| digit(c).map(|d| acc * 10 + d))
}

pub(super) fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

pub(super) fn chars_len(s: &str) -> usize {
    s.chars().count()
}

/// At most `max` characters of `s` (a prefix, so still a substring).
pub(super) fn clip(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((i, _)) => sub(s, 0, i),
        None => s,
    }
}

/// Characters of `s` after the first `n`.
pub(super) fn skip_chars(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => sub(s, i, s.len()),
        None => "",
    }
}

/// The last `n` characters of `s`.
pub(super) fn last_chars(s: &str, n: usize) -> &str {
    let len = chars_len(s);
    skip_chars(s, len.saturating_sub(n))
}

pub(super) fn strip_any<'a>(s: &'a str, list: &[&str]) -> Option<&'a str> {
    list.iter().find_map(|p| s.strip_prefix(p))
}

pub(super) fn strip_any_suffix<'a>(s: &'a str, list: &[&str]) -> Option<&'a str> {
    list.iter().find_map(|p| s.strip_suffix(p))
}

/// A number as the plan would write it: no trailing zeros, at most four decimals.
pub(super) fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A number for the document: an integer when it is whole.
pub(super) fn json_num(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        json!(v as i64)
    } else {
        serde_json::Number::from_f64(v)
            .map(Value::Number)
            .unwrap_or(Value::Null)
    }
}

pub(super) fn valid_year(y: i64) -> bool {
    (1900..=2200).contains(&y)
}

/// The year `y` as a period, clamped to the years the format accepts.
pub(super) fn year_period(y: i32) -> Period {
    Period::Year(y.clamp(1900, 2200))
}

// ---------------------------------------------------------------------------------------------
// Lines.

/// A string read by character index: `at(i)` is the i-th character, `off(i)` its byte offset.
pub(super) struct Chars<'a> {
    s: &'a str,
    cs: Vec<(usize, char)>,
}

impl<'a> Chars<'a> {
    pub(super) fn new(s: &'a str) -> Self {
        Chars {
            s,
            cs: s.char_indices().collect(),
        }
    }
    pub(super) fn len(&self) -> usize {
        self.cs.len()
    }
    pub(super) fn at(&self, i: usize) -> Option<char> {
        self.cs.get(i).map(|x| x.1)
    }
    pub(super) fn off(&self, i: usize) -> usize {
        self.cs.get(i).map(|x| x.0).unwrap_or(self.s.len())
    }
    pub(super) fn starts(&self, i: usize, pat: &str) -> bool {
        sub(self.s, self.off(i), self.s.len()).starts_with(pat)
    }
    pub(super) fn skip_spaces(&self, mut i: usize) -> usize {
        while self
            .at(i)
            .is_some_and(|c| c == ' ' || c == '\u{3000}' || c == '\u{a0}')
        {
            i += 1;
        }
        i
    }
    /// Reads digits from `i`: (value, digit count, index after).
    pub(super) fn int(&self, i: usize) -> (u64, usize, usize) {
        let mut j = i;
        let mut v: u64 = 0;
        while let Some(d) = self.at(j).and_then(digit) {
            v = v.saturating_mul(10).saturating_add(d as u64);
            j += 1;
        }
        (v, j - i, j)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_never_panic() {
        assert_eq!(sub("覆盖率", 0, 3), "覆");
        assert_eq!(sub("覆盖率", 1, 3), "");
        assert_eq!(sub("ab", 1, 99), "b");
        assert_eq!(clip("覆盖率达", 2), "覆盖");
        assert_eq!(skip_chars("覆盖率达", 2), "率达");
        assert_eq!(last_chars("覆盖率达", 3), "盖率达");
        assert_eq!(last_chars("率", 3), "率");
    }

    #[test]
    fn numerals() {
        assert_eq!(cn_number("十二"), Some(12));
        assert_eq!(cn_number("二十"), Some(20));
        assert_eq!(cn_number("一百零五"), Some(105));
        assert_eq!(cn_number("两"), Some(2));
        assert_eq!(cn_number("十万"), None);
        assert_eq!(cn_number(""), None);
        assert_eq!(digit_number("１２"), Some(12));
        assert_eq!(digit_number("1234"), None);
        let c = Chars::new("到2025年");
        assert_eq!(c.int(1), (2025, 4, 5));
        assert_eq!(c.off(5), "到2025".len());
        assert!(c.starts(5, "年"));
    }

    #[test]
    fn numbers_are_written_as_the_plan_would() {
        assert_eq!(fmt_num(70.0), "70");
        assert_eq!(fmt_num(0.5), "0.5");
        assert_eq!(fmt_num(1.0 / 3.0), "0.3333");
        assert_eq!(json_num(2520.0), json!(2520));
        assert_eq!(json_num(1.6), json!(1.6));
        assert_eq!(year_period(1800), Period::Year(1900));
    }
}
