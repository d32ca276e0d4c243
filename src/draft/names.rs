//! Names as words of the plan: a drafted name is always contiguous text of its quote. Building a
//! name by cutting a time expression out of the middle (`中心组2024年度学习计划` → `中心组度学习
//! 计划`) or by sharing a list's prefix (`小学优秀率、合格率` → `小学合格率`) splices words the
//! plan never wrote; [`contiguous`] turns such a candidate back into text of the quote.

use super::{chars_len, clean_name, clip, Found};
use crate::model::{Goal, Kind};

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
