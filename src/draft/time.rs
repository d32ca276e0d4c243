//! Time expressions of a clause: years, year ranges, school years, months, 年底 / 年内 (the plan's
//! first year), 今后三年 / 三年内 (its last year), 暑期; and frequency words (每年, 每学年, 按季度,
//! 每2年 …).

use super::text::{chars_len, cn_digit, digit, valid_year, Chars};

/// When a target is due, as the clause writes it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum When {
    Year(i32),
    Month(i32, u8),
    School(i32),
    /// 年内 / 年底: the plan's first year.
    Start,
    /// 今后三年 / 三年内: the plan's last year.
    End,
    /// 暑期 without a year.
    Summer,
    /// `9月份` without a year.
    MonthOnly(u8),
}

/// A time expression with its clause-local byte range.
#[derive(Clone, Copy, Debug)]
pub(super) struct TimeTok {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) when: When,
}

/// How often a clause's target recurs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Freq {
    Year,
    SchoolYear,
    Quarter,
    Month,
    /// 每N年 (N ≥ 2): one round every N years.
    Rounds(u32),
    /// 每周, 每日, 每学期 …: no period of the format fits.
    Other,
}

/// A frequency word with its clause-local byte range.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct FreqTok {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) freq: Freq,
}

/// Characters that join the two ends of a range (`2024—2026年`, `1—2所`).
pub(super) const DASHES: &[char] = &['—', '-', '–', '~', '～', '至', '－'];

const END_WORDS: &[&str] = &[
    "今后三年",
    "未来三年",
    "三年内",
    "三年左右",
    "用三年",
    "叠加三年",
    "三年时间",
    "今后五年",
    "未来五年",
    "五年内",
];
const START_WORDS: &[&str] = &[
    "年底前",
    "年底",
    "年末",
    "年内",
    "今年",
    "本年度",
    "本年",
    "当年",
];
const NOT_BEFORE_START: &[char] = &[
    '每', '逐', '学', '近', '去', '明', '上', '后', '同', '历', '多', '两', '三', '五', '十', '周',
    '百', '千', '万', '新', '跨', '整', '全', '半', '一', '二', '四', '六', '七', '八', '九', '往',
];

/// Time expressions of a clause (outside 《…》), with local byte ranges.
pub(super) fn time_tokens(s: &str) -> Vec<TimeTok> {
    let c = Chars::new(s);
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < c.len() {
        let ch = c.at(i).unwrap_or(' ');
        let (tok, next) = match ch {
            '《' => {
                depth += 1;
                (None, i + 1)
            }
            '》' => {
                depth = depth.saturating_sub(1);
                (None, i + 1)
            }
            _ if depth > 0 => (None, i + 1),
            _ if digit(ch).is_some() => digits_time(&c, i),
            _ => match word_time(&c, i) {
                Some((tok, end)) => (Some(tok), end),
                None => (None, i + 1),
            },
        };
        out.extend(tok);
        i = next;
    }
    out
}

/// A time expression starting with the digits at `i`, and the index to go on from.
fn digits_time(c: &Chars, i: usize) -> (Option<TimeTok>, usize) {
    let prev = i.checked_sub(1).and_then(|p| c.at(p));
    let (v, nd, j) = c.int(i);
    let found = if nd == 4 && valid_year(v as i64) {
        let y = v as i32;
        year_range(c, i, y, j)
            .or_else(|| year_and_month(c, i, y, j))
            .or_else(|| year_after_until(c, i, prev, y, j))
    } else if (1..=2).contains(&nd) && (1..=12).contains(&v) {
        month_only(c, i, prev, v as u8, j)
    } else {
        None
    };
    match found {
        Some((tok, end)) => (Some(tok), end),
        None => (None, j.max(i + 1)),
    }
}

/// The token from character `i` to character `end`.
fn tok(c: &Chars, i: usize, end: usize, when: When) -> Option<(TimeTok, usize)> {
    Some((
        TimeTok {
            start: c.off(i),
            end: c.off(end),
            when,
        },
        end,
    ))
}

/// `2024—2026年` (its last year) or `2023—2024学年` (a school year); the year `y` ends at `j`.
fn year_range(c: &Chars, i: usize, y: i32, j: usize) -> Option<(TimeTok, usize)> {
    let k = c.skip_spaces(j);
    if !c.at(k).is_some_and(|d| DASHES.contains(&d)) {
        return None;
    }
    let mut k2 = k;
    while c.at(k2).is_some_and(|d| DASHES.contains(&d)) {
        k2 += 1;
    }
    k2 = c.skip_spaces(k2);
    let (w, nd2, j2) = c.int(k2);
    if !(nd2 == 4 && valid_year(w as i64) && w as i32 > y && w as i32 - y <= 10) {
        return None;
    }
    let w = w as i32;
    let k3 = c.skip_spaces(j2);
    if c.starts(k3, "学年") {
        let when = if w == y + 1 {
            When::School(y)
        } else {
            When::Year(w)
        };
        tok(c, i, k3 + 2, when)
    } else if c.at(k3) == Some('年') {
        tok(c, i, k3 + 1, When::Year(w))
    } else {
        tok(c, i, j2, When::Year(w))
    }
}

/// `2024年`, `2024年底前`, `2024年9月份`, `2024年暑期`.
fn year_and_month(c: &Chars, i: usize, y: i32, j: usize) -> Option<(TimeTok, usize)> {
    let k = c.skip_spaces(j);
    if c.at(k) != Some('年') {
        return None;
    }
    let mut e = k + 1;
    let k4 = c.skip_spaces(e);
    let (m, nm, j4) = c.int(k4);
    let when = if (1..=2).contains(&nm) && (1..=12).contains(&m) && c.at(j4) == Some('月') {
        e = j4 + 1;
        if c.at(e)
            .is_some_and(|d| matches!(d, '份' | '底' | '末' | '前'))
        {
            e += 1;
        }
        When::Month(y, m as u8)
    } else if c.starts(k4, "暑期") || c.starts(k4, "暑假") {
        e = k4 + 2;
        When::Month(y, 8)
    } else {
        if c.at(e).is_some_and(|d| matches!(d, '底' | '末')) {
            e += 1;
            if c.at(e) == Some('前') {
                e += 1;
            }
        }
        When::Year(y)
    };
    tok(c, i, e, when)
}

/// `到2025` without 年: the year with the word before it.
fn year_after_until(
    c: &Chars,
    i: usize,
    prev: Option<char>,
    y: i32,
    j: usize,
) -> Option<(TimeTok, usize)> {
    if prev.is_some_and(|p| matches!(p, '到' | '至' | '止')) {
        tok(c, i - 1, j, When::Year(y))
    } else {
        None
    }
}

/// `9月`, `9月份` (not a decimal or a longer number before it).
fn month_only(
    c: &Chars,
    i: usize,
    prev: Option<char>,
    m: u8,
    j: usize,
) -> Option<(TimeTok, usize)> {
    let k = c.skip_spaces(j);
    if c.at(k) != Some('月') || prev.is_some_and(|p| p == '.' || digit(p).is_some()) {
        return None;
    }
    let mut e = k + 1;
    if c.at(e)
        .is_some_and(|d| matches!(d, '份' | '底' | '末' | '前'))
    {
        e += 1;
    }
    tok(c, i, e, When::MonthOnly(m))
}

/// 今后三年 …, 年底 … (not in 每年底, 去年底 …), 暑期 at character `i`.
fn word_time(c: &Chars, i: usize) -> Option<(TimeTok, usize)> {
    if let Some(w) = END_WORDS.iter().find(|w| c.starts(i, w)) {
        return tok(c, i, i + chars_len(w), When::End);
    }
    if let Some(w) = START_WORDS.iter().find(|w| c.starts(i, w)) {
        let prev = i.checked_sub(1).and_then(|p| c.at(p));
        if !prev.is_some_and(|p| NOT_BEFORE_START.contains(&p) || digit(p).is_some()) {
            return tok(c, i, i + chars_len(w), When::Start);
        }
    }
    if c.starts(i, "暑期") || c.starts(i, "暑假") {
        return tok(c, i, i + 2, When::Summer);
    }
    None
}

/// Frequency words of a clause with their local positions (`年均` counts as yearly).
pub(super) fn freq_tokens(s: &str) -> Vec<FreqTok> {
    const WORDS: &[(&str, Freq)] = &[
        ("每学年", Freq::SchoolYear),
        ("每年度", Freq::Year),
        ("每年", Freq::Year),
        ("年均", Freq::Year),
        ("每季度", Freq::Quarter),
        ("按季度", Freq::Quarter),
        ("每季", Freq::Quarter),
        ("每个月", Freq::Month),
        ("每月", Freq::Month),
        ("按月", Freq::Month),
        ("每学期", Freq::Other),
        ("每半年", Freq::Other),
        ("每周", Freq::Other),
        ("每日", Freq::Other),
        ("每天", Freq::Other),
        ("每星期", Freq::Other),
    ];
    let c = Chars::new(s);
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let word = every_n_years(&c, i).or_else(|| {
            WORDS
                .iter()
                .find(|(w, _)| c.starts(i, w))
                .map(|(w, f)| (i + chars_len(w), *f))
        });
        match word {
            Some((end, freq)) => {
                out.push(FreqTok {
                    start: c.off(i),
                    end: c.off(end),
                    freq,
                });
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// `每2年` / `每两年` / `每隔2年` at character `i`: where it ends, and its rounds.
fn every_n_years(c: &Chars, i: usize) -> Option<(usize, Freq)> {
    if c.at(i) != Some('每') {
        return None;
    }
    let mut k = i + 1;
    if c.at(k) == Some('隔') {
        k += 1;
    }
    let (v, nd, j) = c.int(k);
    let (n, j) = if nd > 0 {
        (v as u32, j)
    } else {
        match c.at(k).and_then(cn_digit) {
            Some(d) => (d, k + 1),
            None => (0, k),
        }
    };
    ((2..=10).contains(&n) && c.at(j) == Some('年')).then_some((j + 1, Freq::Rounds(n)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whens(s: &str) -> Vec<(When, &str)> {
        time_tokens(s)
            .into_iter()
            .map(|t| (t.when, &s[t.start..t.end]))
            .collect()
    }

    #[test]
    fn years_ranges_months_and_words() {
        assert_eq!(
            whens("到2025年底前，2024—2026年"),
            [
                (When::Year(2025), "2025年底前"),
                (When::Year(2026), "2024—2026年")
            ]
        );
        assert_eq!(
            whens("2023—2024学年"),
            [(When::School(2023), "2023—2024学年")]
        );
        assert_eq!(
            whens("2024年9月份"),
            [(When::Month(2024, 9), "2024年9月份")]
        );
        assert_eq!(whens("2024年暑期"), [(When::Month(2024, 8), "2024年暑期")]);
        assert_eq!(whens("截至2025"), [(When::Year(2025), "至2025")]);
        assert_eq!(whens("保障9月份开园"), [(When::MonthOnly(9), "9月份")]);
        assert_eq!(
            whens("三年内年底暑期"),
            [
                (When::End, "三年内"),
                (When::Start, "年底"),
                (When::Summer, "暑期")
            ]
        );
        // Not a start word after 每 / a digit; nothing inside a title.
        assert!(whens("每年底").is_empty());
        assert!(whens("《2024年计划》").is_empty());
        assert!(whens("1.5月").is_empty());
    }

    #[test]
    fn frequency_words() {
        let f = |s: &str| -> Vec<Freq> { freq_tokens(s).into_iter().map(|t| t.freq).collect() };
        assert_eq!(
            f("每学年、年均、按季度、每月"),
            [Freq::SchoolYear, Freq::Year, Freq::Quarter, Freq::Month]
        );
        assert_eq!(
            f("每2年、每隔两年、每周"),
            [Freq::Rounds(2), Freq::Rounds(2), Freq::Other]
        );
        assert!(f("每1年").is_empty());
    }
}
