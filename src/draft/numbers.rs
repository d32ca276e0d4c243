//! Numbers of a clause that can be targets: a value (or a range) with a unit (percent,
//! percentage points, a count, money) and the bound words around it (`以上`, `不超过`, `约` …),
//! outside time expressions and 《…》 titles.

use super::text::{chars_len, digit, is_han, is_space, sub, Chars};
use super::time::{TimeTok, DASHES};
use crate::model::Bound;

/// What a number counts.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Unit {
    Percent,
    /// 个百分点.
    Points,
    Count(String),
    Money(String),
}

/// A number with its unit and bound words.
#[derive(Clone, Debug)]
pub(super) struct Quantity {
    /// Local byte range of the digits (and range).
    pub(super) start: usize,
    /// End of unit and bound words.
    pub(super) end: usize,
    pub(super) value: f64,
    /// The upper end of a range (`1—2所`).
    pub(super) hi: Option<f64>,
    pub(super) unit: Option<Unit>,
    pub(super) bound: Option<Bound>,
    /// `控制在` / `以下`: a ceiling.
    pub(super) ceiling: bool,
    /// `各1个`.
    pub(super) each: bool,
}

const COUNT_UNITS: &[&str] = &[
    "人次", "课时", "学时", "个", "所", "名", "人", "项", "种", "家", "场", "次", "篇", "节", "门",
    "间", "套", "台", "部", "份", "支", "位", "座", "处", "条", "本", "册", "园", "校", "班", "户",
    "件", "首", "批",
];
const MONEY_UNITS: &[&str] = &["亿元", "万元", "千元", "元"];
/// Bound words after the unit.
const BOUNDS_AFTER: &[(&str, Bound)] = &[
    ("及以上", Bound::AtLeast),
    ("以上", Bound::AtLeast),
    ("以下", Bound::AtMost),
    ("以内", Bound::AtMost),
    ("左右", Bound::Approx),
];
/// Bound words before the number, with whether they make a ceiling (longest first: 不超过
/// before 超过).
const BOUNDS_BEFORE: &[(&str, Bound, bool)] = &[
    ("不少于", Bound::AtLeast, false),
    ("不低于", Bound::AtLeast, false),
    ("不超过", Bound::AtMost, true),
    ("不高于", Bound::AtMost, true),
    ("不多于", Bound::AtMost, true),
    ("控制在", Bound::AtMost, true),
    ("保持在", Bound::Exact, false),
    ("约为", Bound::Approx, false),
    ("至少", Bound::AtLeast, false),
    ("超过", Bound::AtLeast, false),
    ("高于", Bound::AtLeast, false),
    ("低于", Bound::AtMost, true),
    ("少于", Bound::AtMost, true),
    ("约", Bound::Approx, false),
];

/// Reads a number whose integer part runs from character `i` to `j_end`, with an optional
/// decimal part: its value and the index after it.
fn parse_number(c: &Chars, i: usize, j_end: usize) -> Option<(f64, usize)> {
    let mut j = j_end;
    if c.at(j).is_some_and(|d| d == '.' || d == '．') && c.at(j + 1).and_then(digit).is_some() {
        j += 1;
        while c.at(j).and_then(digit).is_some() {
            j += 1;
        }
    }
    let text: String = (i..j)
        .filter_map(|k| c.at(k))
        .map(|ch| match digit(ch) {
            Some(d) => char::from_digit(d, 10).unwrap_or('0'),
            None => '.',
        })
        .collect();
    let v: f64 = text.parse().ok()?;
    v.is_finite().then_some((v, j))
}

/// Numbers with a unit of a target (percent, points, counts, money) outside time expressions and
/// 《…》 titles.
pub(super) fn quantities(s: &str, times: &[TimeTok]) -> Vec<Quantity> {
    let c = Chars::new(s);
    let mut out: Vec<Quantity> = Vec::new();
    // Time expressions are in text order: a moving cursor finds the one at an offset.
    let mut cursor = 0usize;
    let mut in_time = |off: usize| {
        while times.get(cursor).is_some_and(|t| t.end <= off) {
            cursor += 1;
        }
        times
            .get(cursor)
            .is_some_and(|t| off >= t.start && off < t.end)
    };
    let mut depth = 0usize;
    let mut i = 0;
    while i < c.len() {
        let ch = c.at(i).unwrap_or(' ');
        if ch == '《' {
            depth += 1;
        } else if ch == '》' {
            depth = depth.saturating_sub(1);
        }
        if depth > 0 || digit(ch).is_none() || in_time(c.off(i)) {
            i += 1;
            continue;
        }
        let (found, next) = quantity_at(s, &c, i);
        out.extend(found);
        i = next;
    }
    share_list_units(s, &mut out);
    out.retain(|n| n.unit.is_some());
    out
}

/// The number starting at character `i` (a digit), if it is a target's, and the index to go on
/// from. A number without a unit is kept only as a list item (`45、95%`), for
/// [`share_list_units`].
fn quantity_at(s: &str, c: &Chars, i: usize) -> (Option<Quantity>, usize) {
    let prev = i.checked_sub(1).and_then(|p| c.at(p));
    let (_, _, j) = c.int(i);
    let Some((value, j)) = parse_number(c, i, j) else {
        return (None, j.max(i + 1));
    };
    let start = c.off(i);
    let skip = (None, j.max(i + 1));
    // Ordinals, versions, codes: 第25届, 2.0, “5+X”.
    if prev.is_some_and(|p| p == '第' || p.is_ascii_alphanumeric() || p == '.' || p == '+') {
        return skip;
    }
    let (hi, after_range) = range_end(c, j);
    let mut k = c.skip_spaces(after_range);
    let mut bound = None;
    if c.at(k).is_some_and(|d| d == '余' || d == '多') {
        bound = Some(Bound::AtLeast);
        k += 1;
    }
    let (unit, after_unit, unit_bound) = unit_at(c, k);
    k = after_unit;
    bound = unit_bound.or(bound);
    // Not a target number: followed by 年/月/日/届/…
    if unit.is_none() {
        let follow = c.at(c.skip_spaces(after_range));
        if follow != Some('、') && follow != Some('和') {
            return skip;
        }
    }
    let mut ceiling = false;
    if let Some((w, b)) = BOUNDS_AFTER.iter().find(|(w, _)| c.starts(k, w)) {
        bound = Some(*b);
        ceiling = *b == Bound::AtMost;
        k += chars_len(w);
    }
    let before = sub(s, 0, start);
    if bound.is_none() {
        if let Some((_, b, ceil)) = BOUNDS_BEFORE.iter().find(|(w, ..)| before.ends_with(w)) {
            bound = Some(*b);
            ceiling = *ceil;
        }
    }
    let found = Quantity {
        start,
        end: c.off(k),
        value,
        hi,
        unit,
        bound,
        ceiling,
        each: before.ends_with('各'),
    };
    (Some(found), k.max(i + 1))
}

/// The upper end of a range after the number ending at `j` (`1—2`, `1到2`), and where the range
/// ends.
fn range_end(c: &Chars, j: usize) -> (Option<f64>, usize) {
    let is_dash = |d: char| DASHES.contains(&d) || d == '到';
    let k = c.skip_spaces(j);
    if !c.at(k).is_some_and(is_dash) {
        return (None, j);
    }
    let mut k2 = k;
    while c.at(k2).is_some_and(is_dash) {
        k2 += 1;
    }
    if c.at(k2).and_then(digit).is_some() {
        let (_, _, j2) = c.int(k2);
        if let Some((v2, j3)) = parse_number(c, k2, j2) {
            return (Some(v2), j3);
        }
    }
    (None, j)
}

/// The unit at character `k`: the unit, the index after it, and the bound it implies
/// (`个以上百分点`).
fn unit_at(c: &Chars, k: usize) -> (Option<Unit>, usize, Option<Bound>) {
    if c.at(k) == Some('%') || c.at(k) == Some('％') {
        return (Some(Unit::Percent), k + 1, None);
    }
    if c.starts(k, "个以上百分点") {
        return (Some(Unit::Points), k + 6, Some(Bound::AtLeast));
    }
    for w in ["个百分点", "百分点"] {
        if c.starts(k, w) {
            return (Some(Unit::Points), k + chars_len(w), None);
        }
    }
    if let Some(m) = MONEY_UNITS.iter().find(|m| c.starts(k, m)) {
        return (Some(Unit::Money((*m).to_string())), k + chars_len(m), None);
    }
    let wan = c.at(k) == Some('万');
    let k0 = if wan { k + 1 } else { k };
    if let Some(u) = COUNT_UNITS.iter().find(|u| c.starts(k0, u)) {
        let unit = Unit::Count(format!("{}{u}", if wan { "万" } else { "" }));
        return (Some(unit), k0 + chars_len(u), None);
    }
    // "96培训学时": a time unit after a short noun.
    for n in 1..=4 {
        if !(k..k + n).all(|x| c.at(x).is_some_and(is_han)) {
            break;
        }
        if let Some(u) = ["学时", "课时"].iter().find(|u| c.starts(k + n, u)) {
            return (Some(Unit::Count((*u).to_string())), k + n + 2, None);
        }
    }
    (None, k, None)
}

/// "10个、5个百分点", "45、95%": earlier list items take the unit (and bound) of the last one.
fn share_list_units(s: &str, out: &mut [Quantity]) {
    for n in (0..out.len().saturating_sub(1)).rev() {
        let between = sub(s, out[n].end, out[n + 1].start).trim_matches(is_space);
        let joined = matches!(between, "、" | "和" | "及" | "与" | "或" | "/");
        let bare = match &out[n].unit {
            None => true,
            Some(Unit::Count(u)) => u == "个",
            _ => false,
        };
        if joined && bare {
            if let Some(u @ (Unit::Percent | Unit::Points)) = out[n + 1].unit.clone() {
                out[n].unit = Some(u);
                if out[n].bound.is_none() {
                    out[n].bound = out[n + 1].bound;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::time::time_tokens;
    use super::*;

    type Read = (f64, Option<f64>, Option<Unit>, Option<Bound>, bool);

    fn read(s: &str) -> Vec<Read> {
        quantities(s, &time_tokens(s))
            .into_iter()
            .map(|q| (q.value, q.hi, q.unit, q.bound, q.ceiling))
            .collect()
    }

    #[test]
    fn units_ranges_and_bounds() {
        assert_eq!(
            read("2024年覆盖率达70%以上"),
            [(70.0, None, Some(Unit::Percent), Some(Bound::AtLeast), false)]
        );
        assert_eq!(
            read("控制在0.5%"),
            [(0.5, None, Some(Unit::Percent), Some(Bound::AtMost), true)]
        );
        assert_eq!(
            read("每年1—2所"),
            [(1.0, Some(2.0), Some(Unit::Count("所".into())), None, false)]
        );
        assert_eq!(
            read("提高2个以上百分点"),
            [(2.0, None, Some(Unit::Points), Some(Bound::AtLeast), false)]
        );
        assert_eq!(
            read("约1.6亿元"),
            [(
                1.6,
                None,
                Some(Unit::Money("亿元".into())),
                Some(Bound::Approx),
                false
            )]
        );
        assert_eq!(
            read("700余名"),
            [(
                700.0,
                None,
                Some(Unit::Count("名".into())),
                Some(Bound::AtLeast),
                false
            )]
        );
        assert_eq!(
            read("96培训学时"),
            [(96.0, None, Some(Unit::Count("学时".into())), None, false)]
        );
    }

    #[test]
    fn list_items_share_the_last_unit() {
        let got = read("分别提高10个、5个百分点");
        assert_eq!(got.len(), 2);
        assert!(got.iter().all(|q| q.2 == Some(Unit::Points)));
        assert_eq!(read("达45、95%").len(), 2);
    }

    #[test]
    fn ordinals_years_and_titles_are_not_targets() {
        assert!(read("第25届").is_empty());
        assert!(read("2024年").is_empty());
        assert!(read("《3所学校》").is_empty());
        assert!(read("5+X").is_empty());
        assert!(read("3天").is_empty());
    }
}
