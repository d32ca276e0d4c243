//! Quantified targets of a clause: each number is classified by its unit and the words before it
//! (a level `达70%`, a change `提高5个百分点`, an annual change, a growth rate `每年增长30%`, a
//! recurring count `每年新增2所`, a cumulative count `建成3所`); levels and changes form groups
//! (`levels`), counts become indicators of their own (`counts`).

use super::clause::{Clause, Scanner, Sentence, MAX_TOKENS};
use super::names::text_without;
use super::numbers::{Quantity, Unit};
use super::text::{is_space, strip_any_suffix, sub};
use super::time::Freq;
use crate::model::Kind;

/// Words that introduce a level (达70%, 提高到29%, 实现100%), in the order they are tried
/// (下降至 before 降至), with whether they make lower better.
const LEVEL_TRIGGERS: &[(&str, bool)] = &[
    ("提高到", false),
    ("提高至", false),
    ("提升到", false),
    ("提升至", false),
    ("增加到", false),
    ("增加至", false),
    ("增长到", false),
    ("增长至", false),
    ("上升到", false),
    ("上升至", false),
    ("降低到", true),
    ("降低至", true),
    ("下降到", true),
    ("下降至", true),
    ("减少到", true),
    ("减少至", true),
    ("降至", true),
    ("降到", true),
    ("控制在", true),
    ("保持在", false),
    ("达到", false),
    ("达成", false),
    ("达", false),
    ("实现", false),
    ("不低于", false),
    ("不高于", true),
    ("不超过", true),
    ("保持", false),
    ("为", false),
];
/// Words of a change (提高10个百分点, 每年增长30%), with whether they make lower better.
const CHANGE_VERBS: &[(&str, bool)] = &[
    ("提高", false),
    ("提升", false),
    ("增加", false),
    ("增长", false),
    ("上升", false),
    ("降低", true),
    ("下降", true),
    ("减少", true),
    ("缩小", true),
    ("压减", true),
    ("缩减", true),
];
/// Verbs that make a count a target: 培养3名, 新增2520个, 建成2所.
const COUNT_VERBS: &[&str] = &[
    "培养",
    "新增",
    "新建",
    "建成",
    "创成",
    "创建",
    "建设",
    "打造",
    "成立",
    "申报",
    "增评",
    "完成",
    "评选",
    "评定",
    "评比",
    "培育",
    "培植",
    "遴选",
    "引进",
    "招聘",
    "促进",
    "推进",
    "实施",
    "组织",
    "指导",
    "开展",
    "举办",
    "推广",
    "认定",
    "投资",
    "投入",
    "争取",
    "改造",
    "扩建",
    "改扩建",
    "建立",
    "设立",
    "达成",
    "开设",
    "发布",
];

/// What a number of a clause is a target of.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Class {
    Level,
    Change,
    Annual,
    Growth,
    Recurring,
    Cumulative,
}

impl Class {
    /// A count (one indicator per number) rather than a level-like group member.
    pub(super) fn is_count(self) -> bool {
        matches!(self, Class::Recurring | Class::Cumulative)
    }
}

/// A number of a clause with what it is a target of.
pub(super) struct Classified {
    /// Index into [`Clause::quantities`].
    pub(super) num: usize,
    pub(super) class: Class,
    /// Trigger word and its local start, when the number has its own.
    pub(super) trigger: Option<(&'static str, usize)>,
    pub(super) falling: bool,
    pub(super) freq: Option<Freq>,
    /// The count verb before the number and its local start.
    pub(super) verb: Option<(usize, &'static str)>,
    /// A count continuing the previous clause's list (`…6所学校，10所幼儿园`).
    pub(super) continued: bool,
    /// Value and local start (at 从/由) of a baseline stated before the number.
    pub(super) baseline: Option<(f64, usize)>,
}

/// A clause's numbers, classified, with what naming them needs.
pub(super) struct Quantified<'c> {
    pub(super) clause: &'c Clause<'c>,
    pub(super) list: Vec<Classified>,
    /// Local ranges of the time expressions and frequency words, left out of names.
    pub(super) cut: Vec<(usize, usize)>,
    /// The clause's count verbs, by end.
    pub(super) verbs: Vec<(usize, &'static str)>,
}

impl Quantified<'_> {
    /// The quantity of a classified number.
    pub(super) fn quantity(&self, c: &Classified) -> &Quantity {
        &self.clause.quantities[c.num]
    }
}

impl Scanner<'_> {
    /// Analyses the numbers of a clause: level-like groups first, then counts. False when no
    /// number is a target's.
    pub(super) fn quantified(&mut self, clause: &Clause, sentence: &mut Sentence) -> bool {
        let cut: Vec<(usize, usize)> = clause
            .times
            .iter()
            .map(|t| (t.start, t.end))
            .chain(clause.freqs.iter().map(|f| (f.start, f.end)))
            .collect();
        let verbs = verbs_in(clause.text);
        let list = classify(clause, &verbs, sentence);
        if list.is_empty() {
            return false;
        }
        let q = Quantified {
            clause,
            list,
            cut,
            verbs,
        };
        let groups = level_groups(&q.list);
        let mut last_end = 0usize;
        for g in &groups {
            let first = &q.list[g[0]];
            let mut subj_end = first
                .trigger
                .map(|t| t.1)
                .unwrap_or(q.quantity(first).start);
            if let Some((_, from)) = first.baseline {
                subj_end = subj_end.min(from);
            }
            let subject = text_without(clause.text, last_end.min(subj_end), subj_end, &q.cut);
            last_end = q.quantity(&q.list[*g.last().unwrap_or(&g[0])]).end;
            self.level_group(&q, g, &subject, sentence);
        }
        let counted = self.counts(&q, sentence);
        !groups.is_empty() || counted
    }
}

/// Level-like numbers form groups: a number with its own trigger starts a group, list items
/// without one join it. Indices into `list`.
fn level_groups(list: &[Classified]) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (li, c) in list.iter().enumerate() {
        if c.class.is_count() {
            continue;
        }
        let starts = match groups.last() {
            None => true,
            Some(g) => {
                let p = &list[*g.last().unwrap_or(&0)];
                c.trigger.is_some() || p.class != c.class
            }
        };
        if starts {
            groups.push(vec![li]);
        } else if let Some(g) = groups.last_mut() {
            g.push(li);
        }
    }
    groups
}

/// The clause's numbers that are targets, classified in order.
fn classify(
    clause: &Clause,
    verbs: &[(usize, &'static str)],
    sentence: &Sentence,
) -> Vec<Classified> {
    let (s, nums) = (clause.text, &clause.quantities);
    let mut list: Vec<Classified> = Vec::new();
    let mut baseline_of_next: Option<(f64, usize)> = None;
    for (i, n) in nums.iter().enumerate() {
        let before = sub(s, 0, n.start);
        let freq = clause
            .freqs
            .iter()
            .rfind(|f| f.end <= n.start)
            .map(|f| f.freq);
        let trig = trigger_before(before);
        let joined_prev = list.last().filter(|p| {
            let between = sub(s, nums[p.num].end, n.start).trim_matches(is_space);
            matches!(between, "、" | "和" | "及" | "与" | "或" | "/")
        });
        let unit = n.unit.clone().unwrap_or(Unit::Percent);
        if let Some(from) = stated_baseline(clause, i, &unit) {
            baseline_of_next = Some((n.value, from));
            continue;
        }
        let mut c = Classified {
            num: i,
            class: Class::Level,
            trigger: trig.map(|t| (t.word, t.start)),
            falling: false,
            freq,
            verb: None,
            continued: false,
            baseline: baseline_of_next.take(),
        };
        let target = match unit {
            Unit::Percent => percent(&mut c, n, trig, joined_prev),
            Unit::Points => points(&mut c, trig, joined_prev),
            Unit::Count(_) | Unit::Money(_) => count(&mut c, n, verbs, sentence),
        };
        if target {
            list.push(c);
        }
    }
    list
}

/// 从60%提高到70%: the number `i` is the baseline of the next one; where the baseline starts
/// (at 从/由).
fn stated_baseline(clause: &Clause, i: usize, unit: &Unit) -> Option<usize> {
    let (s, nums) = (clause.text, &clause.quantities);
    let n = &nums[i];
    let before = sub(s, 0, n.start);
    if *unit != Unit::Percent || !(before.ends_with('从') || before.ends_with('由')) {
        return None;
    }
    let next = nums.get(i + 1)?;
    let between = sub(s, n.end, next.start);
    (next.unit == Some(Unit::Percent) && LEVEL_TRIGGERS.iter().any(|(w, _)| *w == between))
        .then(|| before.len() - before.chars().last().map_or(0, char::len_utf8))
}

/// A percentage: a level after a level word (or joined to the previous number, or bare), a
/// growth rate after a change word with 每年. False when it is no target.
fn percent(
    c: &mut Classified,
    n: &Quantity,
    trig: Option<Trigger>,
    joined_prev: Option<&Classified>,
) -> bool {
    match trig {
        Some(t) if t.level => {
            c.class = Class::Level;
            c.falling = t.falling || n.ceiling;
        }
        Some(t) => {
            if c.freq != Some(Freq::Year) {
                return false;
            }
            c.class = Class::Growth;
            c.falling = t.falling;
        }
        None => match joined_prev {
            Some(p) => {
                c.class = p.class;
                c.falling = p.falling;
            }
            None => {
                c.class = Class::Level;
                c.falling = n.ceiling;
            }
        },
    }
    true
}

/// Percentage points: a change after a change word (annual with 每年/年均), or joined to a
/// previous change. False when it is no target.
fn points(c: &mut Classified, trig: Option<Trigger>, joined_prev: Option<&Classified>) -> bool {
    match trig {
        Some(t) if !t.level => {
            c.class = if c.freq == Some(Freq::Year) {
                Class::Annual
            } else {
                Class::Change
            };
            c.falling = t.falling;
        }
        Some(_) => return false,
        None => match joined_prev {
            Some(p) if matches!(p.class, Class::Change | Class::Annual) => {
                c.class = p.class;
                c.falling = p.falling;
            }
            _ => return false,
        },
    }
    true
}

/// A count or an amount of money: recurring with a frequency word, cumulative after a count verb
/// (or for money, or every N years), or continuing the previous clause's counts. False when it
/// is no target.
fn count(
    c: &mut Classified,
    n: &Quantity,
    verbs: &[(usize, &'static str)],
    sentence: &Sentence,
) -> bool {
    c.trigger = None;
    c.verb = last_verb(verbs, n.start);
    match c.freq {
        Some(Freq::Year | Freq::SchoolYear | Freq::Quarter | Freq::Month) => {
            c.class = Class::Recurring;
        }
        Some(Freq::Other) => return false,
        Some(Freq::Rounds(_)) => c.class = Class::Cumulative,
        None => {
            if c.verb.is_some() || matches!(n.unit, Some(Unit::Money(_))) {
                c.class = Class::Cumulative;
            } else if matches!(
                sentence.group.kind,
                Some(Kind::Cumulative | Kind::Recurring)
            ) {
                c.continued = true;
                c.class = if sentence.group.kind == Some(Kind::Recurring) {
                    Class::Recurring
                } else {
                    Class::Cumulative
                };
                c.freq = sentence.group.freq;
            } else {
                return false;
            }
        }
    }
    true
}

/// A level or change word right before a number.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Trigger {
    word: &'static str,
    /// Its local start.
    start: usize,
    /// A level word (else a change word).
    level: bool,
    /// It makes lower better.
    falling: bool,
}

/// The level or change word right before a number, skipping words such as 约, 分别, 每年.
fn trigger_before(before: &str) -> Option<Trigger> {
    const STRIP: &[&str] = &[
        "约为",
        "约",
        "不少于",
        "至少",
        "超过",
        "了",
        "分别",
        "均",
        "各",
        "年均",
        "每年",
        " ",
        "　",
    ];
    let mut t = before;
    for _ in 0..4 {
        for (level, words) in [(true, LEVEL_TRIGGERS), (false, CHANGE_VERBS)] {
            if let Some(&(word, falling)) = words.iter().find(|(w, _)| t.ends_with(w)) {
                return Some(Trigger {
                    word,
                    start: t.len() - word.len(),
                    level,
                    falling,
                });
            }
        }
        match strip_any_suffix(t, STRIP) {
            Some(r) => t = r,
            None => return None,
        }
    }
    None
}

/// Count verbs of a clause: (start, word), ordered by end.
fn verbs_in(s: &str) -> Vec<(usize, &'static str)> {
    let mut out: Vec<(usize, &'static str)> = COUNT_VERBS
        .iter()
        .flat_map(|v| s.match_indices(v).map(|(p, _)| (p, *v)).take(MAX_TOKENS))
        .collect();
    out.sort_by_key(|(p, v)| (*p + v.len(), v.len()));
    out
}

/// The count verb ending last at or before `end`.
fn last_verb(verbs: &[(usize, &'static str)], end: usize) -> Option<(usize, &'static str)> {
    let k = verbs.partition_point(|(p, v)| p + v.len() <= end);
    k.checked_sub(1).map(|i| verbs[i])
}

/// Whether `s` starts with a count verb.
pub(super) fn starts_with_verb(s: &str) -> bool {
    COUNT_VERBS.iter().any(|v| s.starts_with(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triggers_before_a_number() {
        let t = |s: &str| trigger_before(s).map(|t| (t.word, t.start, t.level, t.falling));
        assert_eq!(t("覆盖率达到"), Some(("达到", "覆盖率".len(), true, false)));
        assert_eq!(
            t("近视率年均降低"),
            Some(("降低", "近视率年均".len(), false, true))
        );
        assert_eq!(t("人数下降至"), Some(("下降至", "人数".len(), true, true)));
        // Filler words between trigger and number are skipped.
        assert_eq!(t("提高到约"), Some(("提高到", 0, true, false)));
        assert_eq!(t("培养"), None);
    }

    #[test]
    fn count_verbs_by_end() {
        let v = verbs_in("新建二十五小，建成后新增");
        assert_eq!(
            v.iter().map(|x| x.1).collect::<Vec<_>>(),
            ["新建", "建成", "新增"]
        );
        assert_eq!(
            last_verb(&v, "新建二十五小".len()).map(|x| x.1),
            Some("新建")
        );
        assert_eq!(last_verb(&v, 0), None);
        assert!(starts_with_verb("培养3名"));
    }
}
