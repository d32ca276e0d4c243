//! The header: the plan's title (skipping 通知/印发 boilerplate), its issuer, and its years (the
//! title's, else those the text names, widened by 三年行动 / 今后五年 …).

use super::lines::{Line, LineKind};
use super::text::{chars_len, clip, digit, is_space, sub, valid_year, Chars};
use super::time::{time_tokens, When};
use super::{DraftOptions, UNKNOWN_YEAR};

/// What the header says.
pub(super) struct Header {
    pub(super) title: String,
    /// False when no line looked like a title (`title` is then a placeholder).
    pub(super) title_found: bool,
    /// The index of the title's line.
    pub(super) title_line: Option<usize>,
    pub(super) issuer: String,
    /// First and last year of the plan.
    pub(super) start: i32,
    pub(super) end: i32,
}

/// Words of a plan's title.
const TITLE_WORDS: &[&str] = &[
    "计划", "方案", "要点", "思路", "规划", "意见", "安排", "纲要",
];

/// Endings of an issuing body's name.
const ORG_SUFFIXES: &[&str] = &[
    "党工委",
    "委员会",
    "政府",
    "办公室",
    "教育局",
    "局",
    "委",
    "厅",
    "中心",
    "部",
    "办",
];

/// The text before the first numbered heading, as the header reads it.
struct Front<'t> {
    text: &'t str,
    lines: &'t [Line],
    kinds: &'t [LineKind],
    /// Index of the first numbered heading (or of line 40 when there is none).
    first_heading: usize,
}

/// Reads the header.
pub(super) fn header(
    text: &str,
    lines: &[Line],
    kinds: &[LineKind],
    options: &DraftOptions,
    warnings: &mut Vec<String>,
) -> Header {
    let front = Front {
        text,
        lines,
        kinds,
        first_heading: kinds
            .iter()
            .position(|k| matches!(k, LineKind::Heading { .. }))
            .unwrap_or(lines.len().min(40)),
    };
    let title_line = front.title_line();
    let (title, title_found) = match title_line {
        Some((_, t)) => (t.to_string(), true),
        None => {
            warnings.push("未识别到计划标题，请填写".into());
            ("（未识别到标题，请填写）".to_string(), false)
        }
    };
    let title_index = title_line.map(|x| x.0);
    let issuer = options
        .issuer
        .clone()
        .filter(|s| !s.trim().is_empty())
        .or_else(|| front.issuer(title_found.then_some(title.as_str()), title_index));
    let issuer = match issuer {
        Some(s) => clip(&s, 200).to_string(),
        None => {
            warnings.push("未识别到发布单位，请填写".into());
            "（未识别到发布单位，请填写）".to_string()
        }
    };
    let (start, end) = front
        .years(title_found.then_some(title.as_str()), title_index)
        .unwrap_or_else(|| unknown_years(text, options, warnings));
    Header {
        title,
        title_found,
        title_line: title_index,
        issuer,
        start,
        end,
    }
}

impl Front<'_> {
    fn line(&self, i: usize) -> &str {
        sub(self.text, self.lines[i].start, self.lines[i].end)
    }

    /// The title: the first prose line with a title word (or else the first short one without
    /// sentence punctuation) before the first heading.
    fn title_line(&self) -> Option<(usize, &str)> {
        let texts: Vec<(usize, &str)> = (0..self.first_heading)
            .filter(|&i| self.kinds[i] == LineKind::Text)
            .map(|i| (i, self.line(i)))
            .collect();
        let ends_sentence = |t: &str| t.ends_with(['。', '，', ',', '；', ';', '：', ':']);
        texts
            .iter()
            .find(|(_, t)| {
                chars_len(t) <= 60 && TITLE_WORDS.iter().any(|k| t.contains(k)) && !ends_sentence(t)
            })
            .or_else(|| {
                texts.iter().find(|(_, t)| {
                    chars_len(t) <= 40 && !ends_sentence(t) && !t.contains(['，', ',', '。'])
                })
            })
            .copied()
    }

    /// The issuer: the title's opening (before 关于, 年度, 工作 or a digit), else what stands
    /// before 关于 in an early line, else a short line before the first heading that names a
    /// body.
    fn issuer(&self, title: Option<&str>, title_line: Option<usize>) -> Option<String> {
        title
            .and_then(|title| {
                let mut cut = title.len();
                for w in ["关于", "年度", "工作"] {
                    if let Some(p) = title.find(w) {
                        cut = cut.min(p);
                    }
                }
                if let Some(p) = title.find(|c: char| digit(c).is_some()) {
                    cut = cut.min(p);
                }
                org_prefix(sub(title, 0, cut))
            })
            .or_else(|| {
                self.lines.iter().take(40).find_map(|l| {
                    let t = sub(self.text, l.start, l.end);
                    let p = t.find("关于")?;
                    org_prefix(sub(t, 0, p))
                })
            })
            .or_else(|| {
                (0..self.first_heading)
                    .filter(|&i| self.kinds[i] != LineKind::Blank)
                    .find_map(|i| {
                        let t = self.line(i);
                        (chars_len(t) <= 30
                            && !t.contains(['，', ',', '。', '：', ':'])
                            && Some(i) != title_line)
                            .then(|| org_prefix(t))
                            .flatten()
                    })
            })
    }

    /// The plan's first and last year: the title's (widened by 三年行动 …), else the years the
    /// text names; `None` when there are none.
    fn years(&self, title: Option<&str>, title_line: Option<usize>) -> Option<(i32, i32)> {
        let mut years: Vec<i32> = title.map(title_years).unwrap_or_default();
        let from_title = !years.is_empty();
        let mut span_years = if from_title {
            title.and_then(multi_year)
        } else {
            None
        };
        if !from_title {
            for (i, l) in self.lines.iter().enumerate() {
                if self.kinds[i] == LineKind::Boiler || Some(i) == title_line {
                    continue;
                }
                let t = sub(self.text, l.start, l.end);
                for tok in time_tokens(t) {
                    match tok.when {
                        When::Year(y) | When::Month(y, _) => years.push(y),
                        When::School(y) => years.push(y + 1),
                        _ => {}
                    }
                }
                if span_years.is_none() {
                    span_years = multi_year(t);
                }
            }
            if title.is_none() {
                span_years = span_years.or_else(|| multi_year(self.text));
            }
        }
        let (&a, &b) = (years.iter().min()?, years.iter().max()?);
        let b = match span_years {
            Some(n) if a == b || !from_title => b.max(a + n - 1),
            _ => b,
        };
        Some((a, b.min(2200)))
    }
}

/// The four-digit years of a title.
fn title_years(title: &str) -> Vec<i32> {
    let mut years = Vec::new();
    let c = Chars::new(title);
    let mut i = 0;
    while i < c.len() {
        let (v, nd, j) = c.int(i);
        if nd == 4 && valid_year(v as i64) {
            years.push(v as i32);
        }
        i = j.max(i + 1);
    }
    years
}

/// 三年行动, 今后五年 …, outside 《…》: the number of years the plan spans.
fn multi_year(s: &str) -> Option<i32> {
    const THREE: &[&str] = &[
        "今后三年",
        "未来三年",
        "三年内",
        "三年行动",
        "三年左右",
        "三年时间",
    ];
    const FIVE: &[&str] = &["今后五年", "未来五年", "五年内", "五年行动"];
    let s = outside_titles(s);
    if THREE.iter().any(|w| s.contains(w)) {
        Some(3)
    } else if FIVE.iter().any(|w| s.contains(w)) {
        Some(5)
    } else {
        None
    }
}

/// The year of a text that names none: the caller's fallback, else [`UNKNOWN_YEAR`], with a
/// warning.
fn unknown_years(text: &str, options: &DraftOptions, warnings: &mut Vec<String>) -> (i32, i32) {
    let y = options
        .fallback_year
        .filter(|y| valid_year(*y as i64))
        .unwrap_or(UNKNOWN_YEAR);
    let redacted = ["xxxx年", "XXXX年", "××××年"]
        .iter()
        .any(|w| text.contains(w));
    warnings.push(format!(
        "原文{}未写明年份，暂按{y}年填写，请改为实际年份",
        if redacted {
            "年份已脱敏（xxxx年）、"
        } else {
            ""
        }
    ));
    (y, y)
}

/// `s` when it names a body (ends with 局, 委员会, 政府 …; at most 40 characters).
fn org_prefix(s: &str) -> Option<String> {
    let s = s.trim_matches(is_space);
    (!s.is_empty() && chars_len(s) <= 40 && ORG_SUFFIXES.iter().any(|x| s.ends_with(x)))
        .then(|| s.to_string())
}

/// `s` without the text inside 《…》.
fn outside_titles(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '《' => depth += 1,
            '》' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issuers_years_and_spans() {
        assert_eq!(org_prefix(" 鸠江区教育局 "), Some("鸠江区教育局".into()));
        assert_eq!(org_prefix("鸠江区"), None);
        assert_eq!(title_years("2024—2026年三年行动"), [2024, 2026]);
        assert_eq!(multi_year("某区三年行动方案"), Some(3));
        assert_eq!(multi_year("《今后五年规划》解读"), None);
        assert_eq!(outside_titles("甲《乙》丙"), "甲丙");
    }

    #[test]
    fn a_header_without_a_year_warns() {
        let mut warnings = Vec::new();
        let options = DraftOptions {
            fallback_year: Some(2019),
            ..DraftOptions::default()
        };
        assert_eq!(
            unknown_years("xxxx年计划", &options, &mut warnings),
            (2019, 2019)
        );
        assert!(warnings[0].contains("脱敏"));
    }
}
