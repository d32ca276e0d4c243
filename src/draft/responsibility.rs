//! Who is responsible: 责任领导 / 分管领导 / 责任人 (people) and 责任单位 / 牵头单位 / 责任部门 /
//! 牵头科室 / 配合单位 / 责任科室 … (bodies), written as a line of their own (`责任单位：…`), in
//! parentheses inside an item (`（责任科室：组干科、机关党委）`), or after a colon at the end of
//! an item (`…学习计划。牵头单位：区教育局；配合单位：区财政局`).

use super::structure::{add_names, Section};
use super::text::{chars_len, clip, is_han, is_space, sub};

/// Labels naming people (longer labels before the shorter ones they contain).
const LEADER_LABELS: &[&str] = &["责任领导", "牵头领导", "分管领导", "分管负责人", "责任人"];
/// Labels naming bodies (longer labels before the shorter ones they contain).
const UNIT_LABELS: &[&str] = &[
    "牵头责任单位",
    "配合责任单位",
    "责任单位",
    "牵头单位",
    "责任部门",
    "牵头部门",
    "配合单位",
    "协办单位",
    "配合部门",
    "责任科室",
    "牵头科室",
    "配合科室",
    "责任处室",
    "牵头处室",
];

/// A line starting with a label and a colon: whether it names leaders, and where the names
/// start.
pub(super) fn resp_line(t: &str) -> Option<(bool, usize)> {
    for (leaders, labels) in [(true, LEADER_LABELS), (false, UNIT_LABELS)] {
        for label in labels {
            if let Some(rest) = t.strip_prefix(label) {
                let trimmed = rest.trim_start_matches(is_space);
                let mut cs = trimmed.chars();
                if let Some(c @ (':' | '：')) = cs.next() {
                    let names = t.len() - trimmed.len() + c.len_utf8();
                    return Some((leaders, names));
                }
            }
        }
    }
    None
}

/// Names on a 责任领导 / 责任单位 line. A one-character token followed by a one- or
/// two-character token is taken as one name written with a space (`郭 顺`), kept as written.
pub(super) fn resp_names(
    text: &str,
    a: usize,
    b: usize,
    leaders: bool,
    warnings: &mut Vec<String>,
) -> Vec<String> {
    let t = sub(text, a, b);
    let is_sep = |c: char| is_space(c) || (leaders && "、，,；;".contains(c));
    let mut toks: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in t.char_indices() {
        if is_sep(c) {
            if let Some(s) = start.take() {
                toks.push((s, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        toks.push((s, t.len()));
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let (s0, e0) = toks[i];
        let tok = sub(t, s0, e0);
        let single = |x: &str| chars_len(x) == 1 && x.chars().all(is_han);
        if leaders && single(tok) {
            if let Some(&(s1, e1)) = toks.get(i + 1) {
                let next = sub(t, s1, e1);
                if (1..=2).contains(&chars_len(next)) && next.chars().all(is_han) {
                    let joined = sub(t, s0, e1);
                    let w =
                        format!("责任领导“{joined}”由两个以空格分开的字组成，按一人录入，请核对");
                    if !warnings.contains(&w) {
                        warnings.push(w);
                    }
                    out.push(clip(joined, 100).to_string());
                    i += 2;
                    continue;
                }
            }
        }
        out.push(clip(tok, 100).to_string());
        i += 1;
    }
    out
}

/// A short line without sentence punctuation right after a label line continues its list.
pub(super) fn is_resp_continuation(t: &str) -> bool {
    !t.is_empty() && chars_len(t) <= 40 && !t.contains(['。', '，', ',', '；', ';', '：', ':'])
}

/// A label clause inside a span of text: the byte range to cut out of the span (with its
/// parentheses), and the names it gives.
#[derive(Debug, PartialEq)]
pub(super) struct Inline {
    /// The clause's byte range in the text, parentheses included.
    pub cut: (usize, usize),
    /// True for people (责任领导 …), false for bodies (责任单位 …).
    pub leaders: bool,
    /// The names, as written.
    pub names: Vec<String>,
}

/// The first label at or after byte `from` of `t` that is followed by a colon: (label start,
/// names start, leaders?).
fn next_label(t: &str, from: usize) -> Option<(usize, usize, bool)> {
    let mut best: Option<(usize, usize, bool)> = None;
    for (leaders, labels) in [(true, LEADER_LABELS), (false, UNIT_LABELS)] {
        for label in labels {
            let mut at = from;
            while let Some(i) = t.get(at..).and_then(|r| r.find(label)) {
                let start = at + i;
                let after = start + label.len();
                let rest = &t[after..];
                let trimmed = rest.trim_start_matches(is_space);
                if let Some(c @ (':' | '：')) = trimmed.chars().next() {
                    let names = after + (rest.len() - trimmed.len()) + c.len_utf8();
                    // A longer label found at the same place wins (牵头责任单位 over 责任单位).
                    if best.is_none_or(|b| start < b.0) {
                        best = Some((start, names, leaders));
                    }
                    break;
                }
                at = after;
            }
        }
    }
    best
}

/// Every label clause inside `text[a..b]`.
pub(super) fn inline(text: &str, a: usize, b: usize) -> Vec<Inline> {
    let t = sub(text, a, b);
    let mut out = Vec::new();
    let mut from = 0;
    while let Some((start, names_at, leaders)) = next_label(t, from) {
        let before = t[..start].trim_end_matches(is_space);
        let open = before
            .chars()
            .next_back()
            .filter(|c| matches!(c, '（' | '('));
        let cut_start = match open {
            Some(c) => before.len() - c.len_utf8(),
            None => start,
        };
        // The names run to the closing parenthesis, the end of the sentence or clause, the next
        // label, or the end of the span.
        let next = next_label(t, names_at).map(|n| n.0);
        let stop = t[names_at..]
            .char_indices()
            .find(|(_, c)| matches!(c, '）' | ')' | '。' | '；' | ';' | '\n'))
            .map(|(i, c)| (names_at + i, c));
        let (names_end, cut_end) = match (stop, next) {
            (Some((i, _)), Some(n)) if n < i => (n, n),
            (Some((i, c)), _) => {
                let closes = matches!(c, '）' | ')') && open.is_some();
                (
                    i,
                    if closes || matches!(c, '；' | ';') {
                        i + c.len_utf8()
                    } else {
                        i
                    },
                )
            }
            (None, Some(n)) => (n, n),
            (None, None) => (t.len(), t.len()),
        };
        let names = split_names(&t[names_at..names_end]);
        if !names.is_empty() {
            out.push(Inline {
                cut: (a + cut_start, a + cut_end),
                leaders,
                names,
            });
        }
        from = cut_end.max(names_at);
    }
    out
}

/// Names of an inline clause, split on `、，,；;` and spaces (a clause ends the list it gives, so
/// a comma cannot be inside a name).
fn split_names(s: &str) -> Vec<String> {
    s.split(|c: char| is_space(c) || "、，,；;和及".contains(c))
        .map(|n| n.trim_matches(|c: char| "（）()：:“”\"'".contains(c)))
        .filter(|n| !n.is_empty() && chars_len(n) <= 40 && n.chars().any(is_han))
        .map(|n| clip(n, 100).to_string())
        .collect()
}

/// Takes the inline label clauses out of every item's and section's text: their names are
/// attached to the item (or the section, for its own text) and the clauses leave the spans, so
/// that no quote or name holds them.
pub(super) fn extract_inline(text: &str, secs: &mut [Section]) {
    let take =
        |spans: &mut Vec<(usize, usize)>, leaders: &mut Vec<String>, units: &mut Vec<String>| {
            let mut kept = Vec::with_capacity(spans.len());
            for &(a, b) in spans.iter() {
                let mut pos = a;
                for c in inline(text, a, b) {
                    if c.cut.0 > pos {
                        kept.push((pos, c.cut.0));
                    }
                    pos = pos.max(c.cut.1);
                    let list = if c.leaders {
                        &mut *leaders
                    } else {
                        &mut *units
                    };
                    add_names(list, c.names);
                }
                if b > pos {
                    kept.push((pos, b));
                }
            }
            kept.retain(|&(x, y)| !sub(text, x, y).trim_matches(is_space).is_empty());
            *spans = kept;
        };
    for sec in secs.iter_mut() {
        take(&mut sec.body, &mut sec.leaders, &mut sec.units);
        for it in sec.items.iter_mut() {
            take(&mut it.spans, &mut it.leaders, &mut it.units);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clauses(t: &str) -> Vec<(bool, Vec<String>, String)> {
        inline(t, 0, t.len())
            .into_iter()
            .map(|c| (c.leaders, c.names, t[c.cut.0..c.cut.1].to_string()))
            .collect()
    }

    #[test]
    fn every_label_in_parentheses_after_a_colon_or_at_the_end() {
        let got = clauses("制定学习计划。（责任科室：组干科、机关党委）");
        assert_eq!(
            got,
            [(
                false,
                vec!["组干科".into(), "机关党委".into()],
                "（责任科室：组干科、机关党委）".into()
            )]
        );
        let got = clauses("完成改造。牵头单位：区教育局；配合单位：区财政局、区住建局");
        assert_eq!(got.len(), 2);
        assert_eq!(
            got[0],
            (
                false,
                vec!["区教育局".into()],
                "牵头单位：区教育局；".into()
            )
        );
        assert_eq!(got[1].1, ["区财政局", "区住建局"]);
        for (label, leaders) in [
            ("责任科室", false),
            ("牵头单位", false),
            ("责任部门", false),
            ("牵头科室", false),
            ("配合单位", false),
            ("分管领导", true),
            ("责任人", true),
            ("责任领导", true),
            ("责任单位", false),
            ("牵头责任单位", false),
        ] {
            let t = format!("推进工作（{label}：甲乙丙）");
            let got = clauses(&t);
            assert_eq!(got.len(), 1, "{label}");
            assert_eq!(got[0].0, leaders, "{label}");
            assert_eq!(got[0].1, ["甲乙丙"], "{label}");
        }
        // Two labels in one parenthesis, separated by a comma-free space.
        let got = clauses("（分管领导：王伟 责任单位：基教科）");
        assert_eq!(got.len(), 2);
        assert_eq!(
            (got[0].0, got[0].1.clone()),
            (true, vec!["王伟".to_string()])
        );
        assert_eq!(
            (got[1].0, got[1].1.clone()),
            (false, vec!["基教科".to_string()])
        );
        // A label without a colon is ordinary text.
        assert!(clauses("由责任单位负责落实").is_empty());
    }
}
