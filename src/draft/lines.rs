//! Lines: the text split into trimmed lines, each classified as blank, boilerplate, a numbered
//! heading, a responsibility line or prose.

use super::responsibility::resp_line;
use super::text::{chars_len, cn_number, digit, digit_number, is_cn_numeral, is_space, sub};

/// One line of the text: the byte range of its content without surrounding white space.
#[derive(Clone, Copy, Debug)]
pub(super) struct Line {
    pub(super) start: usize,
    pub(super) end: usize,
}

/// What a line is, for the structure and the header.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum LineKind {
    /// Nothing but white space.
    Blank,
    /// Notice, download, date or addressee boilerplate (and the lines of a table).
    Boiler,
    /// Numbered heading: level 1 `一、`, 2 `（一）`, 3 `1.`; `content` is where the text after
    /// the numbering starts.
    Heading { level: u8, num: u32, content: usize },
    /// 责任领导 (`leaders`) or 责任单位 line; names start at `names`.
    Resp { leaders: bool, names: usize },
    /// Anything else: prose.
    Text,
}

/// The lines of the text, trimmed.
pub(super) fn split_lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut off = 0;
    for raw in text.split_inclusive('\n') {
        let body = raw.trim_end_matches(['\n', '\r']);
        let lead = body.len() - body.trim_start_matches(is_space).len();
        let trimmed = body.trim_matches(is_space);
        out.push(Line {
            start: off + lead,
            end: off + lead + trimmed.len(),
        });
        off += raw.len();
    }
    out
}

/// `一、` → (1, n), `（一）` → (2, n), `1.` → (3, n), `（1）` → (4, n); the byte length of the
/// marker including spaces after it.
fn heading_marker(t: &str) -> Option<(u8, u32, usize)> {
    let first = t.chars().next()?;
    let skip_ws = |from: usize| -> usize {
        let rest = sub(t, from, t.len());
        from + (rest.len() - rest.trim_start_matches(is_space).len())
    };
    if first == '(' || first == '（' {
        let rest = sub(t, first.len_utf8(), t.len());
        let close = rest.find([')', '）'])?;
        let inner = sub(rest, 0, close);
        let close_len = sub(rest, close, rest.len()).chars().next()?.len_utf8();
        let end = skip_ws(first.len_utf8() + close + close_len);
        if let Some(n) = cn_number(inner) {
            return Some((2, n, end));
        }
        return digit_number(inner).map(|n| (4, n, end));
    }
    if is_cn_numeral(first) {
        let n_end = t
            .char_indices()
            .find(|(_, c)| !is_cn_numeral(*c))
            .map(|(i, _)| i)?;
        let next = sub(t, n_end, t.len()).chars().next()?;
        if next == '、' {
            let n = cn_number(sub(t, 0, n_end))?;
            return Some((1, n, skip_ws(n_end + next.len_utf8())));
        }
        return None;
    }
    if digit(first).is_some() {
        let n_end = t
            .char_indices()
            .find(|(_, c)| digit(*c).is_none())
            .map(|(i, _)| i)?;
        let n = digit_number(sub(t, 0, n_end))?;
        let mut rest = sub(t, n_end, t.len()).chars();
        let sep = rest.next()?;
        if !matches!(sep, '.' | '．' | '、') {
            return None;
        }
        let after = rest.next()?;
        if digit(after).is_some() || after == '%' || after == '％' {
            return None;
        }
        return Some((3, n, skip_ws(n_end + sep.len_utf8())));
    }
    None
}

/// A line that is only a date (`2022年3月29日`).
fn is_date_line(t: &str) -> bool {
    let mut has_year = false;
    for c in t.chars() {
        if digit(c).is_some() || is_space(c) {
            continue;
        }
        match c {
            '年' => has_year = true,
            '月' | '日' => {}
            _ => return false,
        }
    }
    has_year && t.ends_with('日')
}

/// A line that frames the published page rather than the plan.
fn is_boiler(t: &str) -> bool {
    const STARTS: &[&str] = &[
        "附件",
        "时间:",
        "时间：",
        "发布时间",
        "来源:",
        "来源：",
        "扫一扫",
        "【下载】",
        "浏览",
        "(此件",
        "（此件",
        "打印",
        "关闭窗口",
    ];
    const ENDS: &[&str] = &[".doc", ".docx", ".pdf", ".wps", ".xls", ".xlsx", ".zip"];
    if t.contains("印发") || (t.contains("通知") && t.contains("关于")) {
        return true;
    }
    if STARTS.iter().any(|s| t.starts_with(s)) || ENDS.iter().any(|s| t.ends_with(s)) {
        return true;
    }
    if t == "展开" || t == "附件" || is_date_line(t) {
        return true;
    }
    // An addressee line: "各中小学、幼儿园,局属有关单位:".
    (t.ends_with(':') || t.ends_with('：')) && chars_len(t) <= 40
}

/// What the line is.
pub(super) fn classify(text: &str, line: Line) -> LineKind {
    let t = sub(text, line.start, line.end);
    if t.is_empty() {
        return LineKind::Blank;
    }
    if let Some((leaders, names)) = resp_line(t) {
        return LineKind::Resp {
            leaders,
            names: line.start + names,
        };
    }
    if let Some((level, num, len)) = heading_marker(t) {
        if level <= 3 {
            return LineKind::Heading {
                level,
                num,
                content: line.start + len,
            };
        }
    }
    if is_boiler(t) {
        return LineKind::Boiler;
    }
    LineKind::Text
}

// ---------------------------------------------------------------------------------------------
// Time expressions.

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_markers_by_level() {
        assert_eq!(heading_marker("一、总体要求"), Some((1, 1, "一、".len())));
        assert_eq!(heading_marker("（二） 落实"), Some((2, 2, "（二） ".len())));
        assert_eq!(heading_marker("(3)落实"), Some((4, 3, "(3)".len())));
        assert_eq!(heading_marker("12．推进"), Some((3, 12, "12．".len())));
        // A decimal or a percent is not a numbering.
        assert_eq!(heading_marker("1.5亿元"), None);
        assert_eq!(heading_marker("5.%"), None);
        assert_eq!(heading_marker("一是加强"), None);
    }

    #[test]
    fn lines_are_classified() {
        let text =
            "关于印发《要点》的通知\n\n一、突出党建引领\n责任单位：基教科\n正文。\n2022年3月29日";
        let kinds: Vec<LineKind> = split_lines(text)
            .into_iter()
            .map(|l| classify(text, l))
            .collect();
        assert_eq!(kinds[0], LineKind::Boiler);
        assert_eq!(kinds[1], LineKind::Blank);
        assert!(matches!(
            kinds[2],
            LineKind::Heading {
                level: 1,
                num: 1,
                ..
            }
        ));
        assert!(matches!(kinds[3], LineKind::Resp { leaders: false, .. }));
        assert_eq!(kinds[4], LineKind::Text);
        assert_eq!(kinds[5], LineKind::Boiler);
    }
}
