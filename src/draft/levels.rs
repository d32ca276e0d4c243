//! Level-like targets of a clause: a group of numbers sharing a trigger (`达70%`, `分别提高10个、
//! 5个百分点`, `每年增长30%`) becomes one indicator with a target per year
//! (`2024年95%、2025年100%`) or one indicator per list element (`优秀率、合格率分别达55%和92%`), or
//! adds targets to the indicators the sentence's previous clause found (`，2025年达100%`).

use super::clause::{Found, Group, Scanner, Sentence};
use super::names::{clean_name, distribute, split_list, tail_end, text_without, without};
use super::numbers::Quantity;
use super::quantified::{Class, Classified, Quantified};
use super::text::{chars_len, last_chars, sub, year_period};
use crate::model::{Bound, Direction, Goal, Kind, Target};

/// A group of level-like numbers of one clause, with the words around them.
struct LevelGroup<'q> {
    q: &'q Quantified<'q>,
    first: &'q Classified,
    nums: Vec<&'q Quantity>,
    kind: Kind,
    direction: Direction,
    /// 覆盖率2024年95%、2025年100%: one indicator, a target per year.
    per_year: bool,
    /// 力争 before the first number: a rising level is a floor.
    striving: bool,
    /// The text before the group (time expressions and frequency words cut).
    subject_raw: &'q str,
    subject: String,
    /// The words between each number and the one before it.
    heads: Vec<String>,
    /// The noun after each number.
    tails: Vec<String>,
}

/// Names of a group's indicators, and what choosing them cost in confidence.
struct Named {
    names: Vec<String>,
    /// Distinguishing ends of the names, for a later clause of the sentence.
    tails: Vec<String>,
    reason: Option<&'static str>,
    penalty: f64,
}

impl<'q> LevelGroup<'q> {
    fn new(q: &'q Quantified<'q>, members: &[usize], subject_raw: &'q str) -> Self {
        let first = &q.list[members[0]];
        let nums: Vec<&Quantity> = members.iter().map(|&m| q.quantity(&q.list[m])).collect();
        let kind = match first.class {
            Class::Change => Kind::Change,
            Class::Annual => Kind::AnnualChange,
            Class::Growth => Kind::GrowthRate,
            _ => Kind::Level,
        };
        let direction = if first.falling {
            Direction::Decrease
        } else {
            Direction::Increase
        };
        let times = &q.clause.times;
        let per_year = nums.len() >= 2
            && nums.windows(2).all(|w| {
                times
                    .iter()
                    .any(|t| t.start >= w[0].end && t.end <= w[1].start)
            });
        let striving = sub(q.clause.text, 0, nums[0].start).contains("力争");
        let (heads, tails) = heads_and_tails(q, first, &nums, subject_raw);
        LevelGroup {
            q,
            first,
            nums,
            kind,
            direction,
            per_year,
            striving,
            subject_raw,
            subject: clean_name(subject_raw),
            heads,
            tails,
        }
    }

    /// One indicator for the whole group (a target per number) rather than one per number.
    fn single(&self) -> bool {
        self.per_year || self.nums.len() == 1
    }

    /// The group's confidence before naming, and the reason for its kind.
    fn kind_reason(&self) -> (f64, String) {
        let confidence = match (self.kind, self.first.trigger) {
            (Kind::Level, Some(_)) => 0.8,
            (Kind::Level, None) => 0.6,
            (Kind::Change, _) => 0.8,
            _ => 0.75,
        };
        let reason = match (self.kind, self.first.trigger) {
            (Kind::Level, Some((w, _))) => format!("“{w}X%”：水平目标"),
            (Kind::Level, None) => "百分数紧随指标：水平目标".to_string(),
            (Kind::Change, _) => "“提高/降低X个百分点”：较基期的变化".to_string(),
            (Kind::AnnualChange, _) => "“每年/年均…X个百分点”：每年的变化".to_string(),
            _ => "“每年增长X%”：按年增长率".to_string(),
        };
        (confidence, reason)
    }

    /// The goal a number sets.
    fn goal(&self, n: &Quantity) -> Goal {
        if self.kind != Kind::Level {
            return Goal::Value {
                value: n.value,
                bound: match n.bound {
                    Some(Bound::Approx) => Bound::Approx,
                    _ => Bound::default_for(self.direction),
                },
            };
        }
        match n.hi {
            Some(hi) => Goal::Band {
                min: Some(n.value.min(hi)),
                max: Some(n.value.max(hi)),
            },
            None => Goal::Value {
                value: n.value,
                bound: n
                    .bound
                    .or((self.striving && self.direction == Direction::Increase)
                        .then_some(Bound::AtLeast))
                    .unwrap_or(Bound::default_for(self.direction)),
            },
        }
    }

    /// The targets of one number: at its period (the plan's end when it has none, which sets
    /// `no_year`), or every year up to it for a growth rate.
    fn targets(
        &self,
        scanner: &Scanner,
        n: &Quantity,
        sentence: &Sentence,
        no_year: &mut bool,
    ) -> Vec<Target> {
        let span = scanner.span;
        let when = self.q.clause.when_of(n.start, sentence);
        let goal = self.goal(n);
        if self.kind == Kind::GrowthRate {
            let upto = super::clause::upto_year(when, span, sentence);
            let years: Vec<i32> = if upto < span.start {
                vec![upto]
            } else {
                (span.start..=upto).take(100).collect()
            };
            return years
                .into_iter()
                .map(|y| Target {
                    period: year_period(y),
                    goal,
                })
                .collect();
        }
        let period = match when {
            Some(w) => scanner.resolve(w, sentence),
            None => {
                *no_year = true;
                year_period(span.end)
            }
        };
        vec![Target { period, goal }]
    }

    /// "，2025年达100%": a group with no words of its own, of the kind and size of the group the
    /// sentence's previous clause found, continues it.
    fn continues(&self, sentence: &Sentence) -> bool {
        !self.per_year
            && self.subject.is_empty()
            && self.heads.iter().all(String::is_empty)
            && self.tails.iter().all(String::is_empty)
            && sentence.group.kind == Some(self.kind)
            && sentence.group.found.len() == self.nums.len()
    }

    /// The names of the group's indicators.
    fn names(&self, sentence: &Sentence) -> Named {
        let (subject, heads, tails) = (&self.subject, &self.heads, &self.tails);
        let k = self.nums.len();
        let mut named = if self.single() {
            let name = if subject.is_empty() {
                format!("{}{}", heads[0], tails[0])
            } else if self.first.trigger.is_none() {
                format!("{subject}{}", tails[0])
            } else {
                subject.clone()
            };
            Named {
                names: vec![clean_name(&name)],
                tails: Vec::new(),
                reason: None,
                penalty: 0.0,
            }
        } else if let Some(parts) = split_list(self.subject_raw, k) {
            let m = parts.iter().map(|p| chars_len(p)).min().unwrap_or(0);
            let names = distribute(parts);
            Named {
                tails: names.iter().map(|n| last_chars(n, m).to_string()).collect(),
                names,
                reason: Some("名称由并列结构推断"),
                penalty: 0.05,
            }
        } else if !subject.is_empty() && sentence.group.tails.len() == k {
            Named {
                names: sentence
                    .group
                    .tails
                    .iter()
                    .map(|t| format!("{subject}{t}"))
                    .collect(),
                tails: sentence.group.tails.clone(),
                reason: Some("名称沿用前一分句的并列结构"),
                penalty: 0.1,
            }
        } else {
            let names = (0..k)
                .map(|j| {
                    let h = if j == 0 && heads[0].is_empty() {
                        subject
                    } else {
                        &heads[j]
                    };
                    clean_name(&format!("{h}{}", tails[j]))
                })
                .collect();
            Named {
                names,
                tails: Vec::new(),
                reason: None,
                penalty: 0.05,
            }
        };
        for n in named.names.iter_mut() {
            if n.is_empty() {
                *n = clean_name(&without(self.q.clause.text, &self.q.cut));
            }
        }
        named
    }
}

/// The head (words before, from the trigger or the previous list element) and the tail (noun
/// after) of each number of a group.
fn heads_and_tails(
    q: &Quantified,
    first: &Classified,
    nums: &[&Quantity],
    subject_raw: &str,
) -> (Vec<String>, Vec<String>) {
    let (s, cut) = (q.clause.text, &q.cut);
    let mut heads = Vec::new();
    let mut tails = Vec::new();
    let mut prev_end: Option<usize> = None;
    for (j, n) in nums.iter().enumerate() {
        let head = match prev_end {
            None => match first.trigger {
                Some((w, p)) => text_without(s, p + w.len(), n.start, cut),
                None => subject_raw.to_string(),
            },
            Some(e) => {
                let t = sub(s, e, n.start);
                let skip = t.len() - t.trim_start_matches(['、', '和', '及', '与', '或']).len();
                text_without(s, e + skip, n.start, cut)
            }
        };
        let limit = nums.get(j + 1).map_or(s.len(), |m| m.start);
        let te = tail_end(s, n.end, limit);
        heads.push(clean_name(&head));
        tails.push(clean_name(&text_without(s, n.end, te, cut)));
        prev_end = Some(te);
    }
    (heads, tails)
}

impl Scanner<'_> {
    /// Drafts the indicators of one group of level-like numbers (`members`: indices into the
    /// classified list) whose subject is `subject_raw`.
    pub(super) fn level_group(
        &mut self,
        q: &Quantified,
        members: &[usize],
        subject_raw: &str,
        sentence: &mut Sentence,
    ) {
        let g = LevelGroup::new(q, members, subject_raw);
        if g.continues(sentence) {
            self.continue_group(&g, sentence);
            return;
        }
        let (mut confidence, reason) = g.kind_reason();
        let mut reasons = vec![reason];
        let named = g.names(sentence);
        reasons.extend(named.reason.map(String::from));
        confidence -= named.penalty;
        let mut no_year = false;
        let mut targets: Vec<Vec<Target>> = Vec::new();
        for n in &g.nums {
            let t = g.targets(self, n, sentence, &mut no_year);
            match targets.last_mut() {
                Some(all) if g.single() => all.extend(t),
                _ => targets.push(t),
            }
        }
        if no_year {
            reasons.push("未写年份，按规划期末计".into());
            confidence -= 0.1;
        }
        if g.first.baseline.is_some() {
            reasons.push("“从X%提高到Y%”：基期值取自原文".into());
        }
        let unit = match g.kind {
            Kind::GrowthRate => String::new(),
            _ => "%".to_string(),
        };
        let mut group = Group {
            kind: Some(g.kind),
            tails: named.tails,
            ..Group::default()
        };
        for (name, targets) in named.names.into_iter().zip(targets) {
            let i = self.push(Found {
                kind: g.kind,
                direction: g.direction,
                unit: unit.clone(),
                name,
                baseline: g.first.baseline.map(|b| b.0),
                targets,
                quote: q.clause.quote,
                confidence,
                reasons: reasons.clone(),
            });
            group.found.push(i);
        }
        sentence.group = group;
    }

    /// Adds the group's targets to the indicators the sentence's previous clause found.
    fn continue_group(&mut self, g: &LevelGroup, sentence: &Sentence) {
        let mut no_year = false;
        for (j, n) in g.nums.iter().enumerate() {
            let t = g.targets(self, n, sentence, &mut no_year);
            let idx = sentence.group.found[j];
            if let Some(f) = self.found.get_mut(idx) {
                f.targets.extend(t);
                f.quote.1 = f.quote.1.max(g.q.clause.quote.1);
                f.reasons.push("后续分句补充的目标".into());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::clause::found;
    use super::*;

    #[test]
    fn per_year_targets_list_elements_and_continuations() {
        let f = found("覆盖率2024年95%、2025年100%");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].targets.len(), 2);
        let f = found("优秀率、合格率分别达55%和92%，2025年分别达60%和95%");
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].name, "优秀率");
        assert_eq!(f[1].name, "合格率");
        assert!(f.iter().all(|f| f.targets.len() == 2), "{f:?}");
        let f = found("录取人数每年增长30%");
        assert_eq!(f[0].kind, Kind::GrowthRate);
        assert_eq!(f[0].targets.len(), 3, "every plan year");
        assert_eq!(f[0].unit, "");
    }
}
