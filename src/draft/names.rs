//! Names as words of the plan: a drafted name is always contiguous text of its quote. Building a
//! name by cutting a time expression out of the middle (`中心组2024年度学习计划` → `中心组度学习
//! 计划`) or by sharing a list's prefix (`小学优秀率、合格率` → `小学合格率`) splices words the
//! plan never wrote; [`contiguous`] turns such a candidate back into text of the quote.
//!
//! Also the helpers that cut candidate names from a clause: [`clean_name`], text without the
//! time expressions ([`text_without`]), lists (`甲、乙`, [`split_list`], [`distribute`]) and the
//! noun after a number ([`tail_end`]).

use super::clause::Found;
use super::text::{chars_len, clip, digit, is_space, skip_chars, strip_any, strip_any_suffix, sub};
use crate::model::{Goal, Kind};

/// Words a name does not start with.
const LEAD_FILLERS: &[&str] = &[
    "——",
    "—",
    "到",
    "至",
    "力争",
    "确保",
    "努力",
    "争取",
    "全区",
    "全县",
    "全市",
    "全省",
    "实现",
    "推动",
    "在",
    "并",
    "且",
    "将",
    "要",
    "分别",
    "全面",
    "进一步",
    "使",
    "做到",
    "保障",
    "计划",
    "的",
    "其中",
    "同时",
    "有",
    "按期",
    "如期",
    "使得",
    "以",
    "已",
];
/// Words a name does not end with.
const TRAIL_FILLERS: &[&str] = &[
    "力争",
    "年均",
    "每年",
    "分别",
    "均",
    "达到",
    "达",
    "实现",
    "的",
    "都",
    "要",
    "将",
    "各",
    "约",
    "约为",
    "不少于",
    "不低于",
    "至少",
    "超过",
    "不超过",
    "不高于",
    "控制在",
    "共",
    "累计",
    "等",
];

/// A name cut from a clause: without surrounding punctuation, filler words at either end
/// (力争, 确保, 达到, 的 …) and unbalanced parentheses; at most 60 characters.
pub(super) fn clean_name(s: &str) -> String {
    let punct = |c: char| is_space(c) || "，,、；;：:。—-－【】".contains(c);
    let mut t = s.trim_matches(punct);
    loop {
        let before = t;
        if let Some(r) = strip_any(t, LEAD_FILLERS) {
            t = r;
        }
        if let Some(r) = strip_any_suffix(t, TRAIL_FILLERS) {
            t = r;
        }
        t = t.trim_matches(punct);
        let opens = t.matches(['(', '（']).count();
        let closes = t.matches([')', '）']).count();
        if closes > opens {
            t = t.trim_start_matches([')', '）']);
        }
        if opens > closes {
            t = t.trim_end_matches(['(', '（']);
        }
        if t == before {
            break;
        }
    }
    clip(t, 60).to_string()
}

/// A task's name: its heading as written, without surrounding punctuation.
pub(super) fn heading_name(s: &str) -> String {
    clip(
        s.trim_matches(|c: char| is_space(c) || "，,、；;：:。".contains(c)),
        60,
    )
    .to_string()
}

/// `s` without the given local ranges (time expressions).
pub(super) fn without(s: &str, cut: &[(usize, usize)]) -> String {
    let mut out = String::new();
    let mut pos = 0;
    let mut ranges: Vec<(usize, usize)> = cut.to_vec();
    ranges.sort_unstable();
    for (a, b) in ranges {
        if a >= pos {
            out.push_str(sub(s, pos, a));
        }
        pos = pos.max(b);
    }
    out.push_str(sub(s, pos, s.len()));
    out
}

/// Splits a list written as `甲、乙` (or `甲和乙`) into `want` parts.
pub(super) fn split_list(s: &str, want: usize) -> Option<Vec<String>> {
    let parts: Vec<String> = s
        .split('、')
        .map(clean_name)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() == want {
        return Some(parts);
    }
    let parts: Vec<String> = s
        .split(['、', '和', '及', '与'])
        .map(clean_name)
        .filter(|p| !p.is_empty())
        .collect();
    (parts.len() == want).then_some(parts)
}

/// Completes list names that share a prefix or suffix: `小学优秀率、合格率` →
/// `小学优秀率`, `小学合格率`; `省、市级项目` → `省级项目`, `市级项目`.
pub(super) fn distribute(raw: Vec<String>) -> Vec<String> {
    if raw.len() < 2 {
        return raw;
    }
    let lens: Vec<usize> = raw.iter().map(|e| chars_len(e)).collect();
    let n = raw.len();
    if lens[1..].iter().all(|&l| l < lens[0]) {
        let first = &raw[0];
        let mut out = vec![first.clone()];
        for (e, &l) in raw[1..].iter().zip(&lens[1..]) {
            out.push(format!("{}{e}", clip(first, lens[0] - l)));
        }
        return out;
    }
    if lens[..n - 1].iter().all(|&l| l < lens[n - 1]) {
        let last = &raw[n - 1];
        let mut out = Vec::new();
        for (e, &l) in raw[..n - 1].iter().zip(&lens[..n - 1]) {
            out.push(format!("{e}{}", skip_chars(last, l)));
        }
        out.push(last.clone());
        return out;
    }
    raw
}

/// Text of `s[from..to]` without the (clause-local) cut ranges.
pub(super) fn text_without(s: &str, from: usize, to: usize, cut: &[(usize, usize)]) -> String {
    let shifted: Vec<(usize, usize)> = cut
        .iter()
        .filter(|(x, y)| *y > from && *x < to)
        .map(|(x, y)| (x.saturating_sub(from), y.min(&to) - from))
        .collect();
    without(sub(s, from, to), &shifted)
}

/// End of the noun after a number: when another number follows in the clause, the list
/// separator before it (`、`, or `和`/`及`/`与` right before a digit); else the clause's end.
pub(super) fn tail_end(s: &str, from: usize, limit: usize) -> usize {
    if limit >= s.len() {
        return s.len();
    }
    let t = sub(s, from, limit);
    let mut end = t.len();
    if let Some(p) = t.find('、') {
        end = end.min(p);
    }
    for sep in ["以及", "和", "及", "与"] {
        for (p, _) in t.match_indices(sep) {
            let after = sub(s, from + p + sep.len(), s.len()).trim_start_matches(is_space);
            if after.chars().next().and_then(digit).is_some() {
                end = end.min(p);
            }
        }
    }
    from + end
}

/// The name when it is text of the quote; else the shortest stretch of the quote that holds the
/// candidate's pieces in order (within one clause, at most ten characters longer: for a list
/// sharing a prefix, `小学优秀率、合格率`, the list as written), else the longest run of the
/// candidate found in the quote, else the quote's opening.
pub(super) fn contiguous(name: &str, quote: &str) -> String {
    if name.is_empty() || quote.contains(name) {
        return name.to_string();
    }
    let pieces = pieces(name, quote);
    if let (Some(first), Some(last)) = (pieces.first(), pieces.last()) {
        let span = &quote[first.0..last.1];
        let covered: usize = pieces.iter().map(|p| chars_len(&quote[p.0..p.1])).sum();
        if covered == chars_len(name)
            && chars_len(span) <= chars_len(name) + 10
            && !span.contains(['，', ',', '；', ';', '。'])
        {
            return clean_name(span);
        }
    }
    match longest_common(name, quote).filter(|p| chars_len(p) >= 2) {
        Some(p) => clean_name(p),
        None => clean_name(clip(quote, 30)),
    }
}

/// The longest run of characters of `name` that is text of `quote` (the first such in the
/// quote).
fn longest_common<'q>(name: &str, quote: &'q str) -> Option<&'q str> {
    let a: Vec<char> = name.chars().collect();
    let b: Vec<(usize, char)> = quote.char_indices().collect();
    let mut prev = vec![0usize; b.len() + 1];
    let mut best = (0usize, 0usize); // (length, end index in b)
    for &ca in &a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, &(_, cb)) in b.iter().enumerate() {
            if ca == cb {
                cur[j + 1] = prev[j] + 1;
                if cur[j + 1] > best.0 {
                    best = (cur[j + 1], j + 1);
                }
            }
        }
        prev = cur;
    }
    let (len, end) = best;
    if len == 0 {
        return None;
    }
    let start = b[end - len].0;
    let stop = b.get(end).map_or(quote.len(), |x| x.0);
    Some(&quote[start..stop])
}

/// The candidate split greedily into the longest pieces that occur in the quote, each after the
/// previous one: byte ranges in `quote`.
fn pieces(name: &str, quote: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut rest = name;
    let mut from = 0;
    while !rest.is_empty() {
        let ends: Vec<usize> = rest.char_indices().map(|(i, c)| i + c.len_utf8()).collect();
        let found = ends.iter().rev().find_map(|&e| {
            quote
                .get(from..)
                .and_then(|q| q.find(&rest[..e]))
                .map(|at| (from + at, from + at + e, e))
        });
        match found {
            Some((a, b, used)) => {
                out.push((a, b));
                from = b;
                rest = &rest[used..];
            }
            None => {
                // This character is not in the rest of the quote: skip it.
                let skip = rest.chars().next().map_or(rest.len(), char::len_utf8);
                rest = &rest[skip..];
            }
        }
    }
    out
}

/// True when every level target of a `level` lies in 0–100 for unit `%` (so that the level can
/// be written without a baseline and still load).
pub(super) fn levels_in_range(f: &Found) -> bool {
    let ok = |v: f64| f.unit != "%" || (0.0..=100.0).contains(&v);
    f.kind == Kind::Level
        && !f.targets.is_empty()
        && f.targets.iter().all(|t| match t.goal {
            Goal::Value { value, .. } => ok(value),
            Goal::Band { min, max } => min.is_none_or(ok) && max.is_none_or(ok),
            _ => false,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_names_lose_fillers_and_unbalanced_parentheses() {
        assert_eq!(clean_name("，力争全区覆盖率达到"), "覆盖率");
        assert_eq!(
            clean_name("党支部规范化率(一星级及以上)"),
            "党支部规范化率(一星级及以上)"
        );
        assert_eq!(clean_name(")覆盖率"), "覆盖率");
        assert_eq!(clean_name("覆盖率（"), "覆盖率");
        assert_eq!(heading_name("加强组织建设。"), "加强组织建设");
    }

    #[test]
    fn lists_are_split_and_completed() {
        assert_eq!(
            split_list("优秀率、合格率", 2),
            Some(vec!["优秀率".to_string(), "合格率".to_string()])
        );
        assert_eq!(
            split_list("优秀率和合格率", 2),
            Some(vec!["优秀率".to_string(), "合格率".to_string()])
        );
        assert_eq!(split_list("优秀率", 2), None);
        assert_eq!(
            distribute(vec!["小学优秀率".into(), "合格率".into()]),
            ["小学优秀率", "小学合格率"]
        );
        assert_eq!(
            distribute(vec!["省".into(), "市级项目".into()]),
            ["省级项目", "市级项目"]
        );
    }

    #[test]
    fn cut_ranges_and_tails() {
        let s = "到2025年覆盖率达70%";
        let y = s.find("2025年").unwrap();
        assert_eq!(
            text_without(s, 0, s.len(), &[(y, y + "2025年".len())]),
            "到覆盖率达70%"
        );
        assert_eq!(without("abcdef", &[(3, 4), (1, 2)]), "acef");
        let s = "培养3名教育家型教师、9名卓越教师";
        let from = s.find("名").unwrap() + "名".len();
        let limit = s.find('9').unwrap();
        assert_eq!(&s[from..tail_end(s, from, limit)], "教育家型教师");
        assert_eq!(tail_end(s, from, s.len()), s.len());
    }

    #[test]
    fn splices_become_text_of_the_quote() {
        let q = "制定并落实党委理论学习中心组2024年度学习计划";
        assert_eq!(contiguous("中心组度学习计划", q), "中心组2024年度学习计划");
        // A shared list prefix is not written: the list as written.
        assert_eq!(
            contiguous("小学合格率", "小学优秀率、合格率分别提高5个百分点"),
            "小学优秀率、合格率"
        );
        assert_eq!(
            contiguous("公办园覆盖率", "公办园覆盖率达70%"),
            "公办园覆盖率"
        );
        assert_eq!(contiguous("完全不相干", "毛入园率98%"), "毛入园率98%");
        // A verb borrowed from the clause before: the run the quote has.
        assert_eq!(
            contiguous("创建安全规范化建设幼儿园", "10所安全规范化建设幼儿园"),
            "安全规范化建设幼儿园"
        );
        assert_eq!(contiguous("", "x"), "");
    }
}
