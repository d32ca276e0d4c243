//! Counts of a clause: each counted number (`培养3名…`, `每年新增1—2所…`, `投资约1.6亿元`) is an
//! indicator of its own, recurring (a target per period) or cumulative (by its period, the plan's
//! end, or in rounds every N years), or one per list element with 各 (`省、市级项目各1个`).

use super::clause::{Clause, Found, Group, Scanner, Sentence};
use super::names::{clean_name, distribute, tail_end, text_without, without};
use super::numbers::{Quantity, Unit};
use super::quantified::{starts_with_verb, Class, Classified, Quantified};
use super::text::{chars_len, fmt_num, sub, year_period};
use super::time::{Freq, When};
use crate::model::{Bound, Direction, Goal, Kind, Target};

/// The words around one counted number.
struct CountWords {
    /// Text from the verb (or the previous list element) to the number.
    head: String,
    /// The noun after the number.
    tail: String,
    /// The count verb (the number's own, else the one the sentence's previous clause used).
    verb: String,
    /// The first count of the clause.
    first: bool,
}

/// The kind, targets, reasons and confidence of one count.
struct Counted {
    kind: Kind,
    targets: Vec<Target>,
    reasons: Vec<String>,
    confidence: f64,
}

impl Scanner<'_> {
    /// Drafts the counts of a clause; false when there are none.
    pub(super) fn counts(&mut self, q: &Quantified, sentence: &mut Sentence) -> bool {
        let s = q.clause.text;
        let mut prev_tail_end: Option<usize> = None;
        let mut group = Group::default();
        for c in q.list.iter().filter(|c| c.class.is_count()) {
            let n = q.quantity(c);
            let head_start = head_start(q, c, prev_tail_end);
            let next_start = q
                .clause
                .quantities
                .get(c.num + 1)
                .map_or(s.len(), |m| m.start);
            let te = tail_end(s, n.end, next_start);
            let words = CountWords {
                head: text_without(s, head_start.min(n.start), n.start, &q.cut),
                tail: text_without(s, n.end, te, &q.cut),
                verb: c
                    .verb
                    .map(|v| v.1.to_string())
                    .unwrap_or_else(|| sentence.group.verb.clone()),
                first: prev_tail_end.is_none(),
            };
            prev_tail_end = Some(te);
            let names = count_names(q, c, &words);
            let when = q.clause.when_of(n.start, sentence);
            let unit = match &n.unit {
                Some(Unit::Count(u)) | Some(Unit::Money(u)) => u.clone(),
                _ => String::new(),
            };
            let mut counted = if c.class == Class::Recurring {
                self.recurring(c, n, when, sentence)
            } else {
                self.cumulative(c, n, when, sentence, &words.verb, &unit)
            };
            if n.bound == Some(Bound::Approx) {
                counted.reasons.push("“约/左右”：约数".into());
            }
            let multi = names.len() > 1;
            for name in names {
                let mut reasons = counted.reasons.clone();
                if multi {
                    reasons.push("“各”：每项一个指标".into());
                }
                let i = self.push(Found {
                    kind: counted.kind,
                    direction: Direction::Increase,
                    unit: unit.clone(),
                    name,
                    baseline: None,
                    targets: counted.targets.clone(),
                    quote: q.clause.quote,
                    confidence: counted.confidence,
                    reasons,
                });
                group.found.push(i);
            }
            group.kind = Some(counted.kind);
            group.verb = words.verb;
            group.freq = c.freq;
        }
        if group.kind.is_none() {
            return false;
        }
        if !group.found.is_empty() {
            sentence.group = group;
        }
        true
    }

    /// A recurring count: a target per period (year, school year, quarter, month) up to its
    /// period or the plan's end.
    fn recurring(
        &self,
        c: &Classified,
        n: &Quantity,
        when: Option<When>,
        sentence: &Sentence,
    ) -> Counted {
        let freq = c.freq.unwrap_or(Freq::Year);
        let upto = super::clause::upto_year(when, self.span, sentence);
        let goal = match n.hi {
            Some(hi) => Goal::Band {
                min: Some(n.value.min(hi)),
                max: Some(n.value.max(hi)),
            },
            None => Goal::Value {
                value: n.value,
                bound: n.bound.unwrap_or(Bound::AtLeast),
            },
        };
        let why = match freq {
            Freq::SchoolYear => "“每学年…X”：每学年一个目标",
            Freq::Quarter => "“每季度…X”：每季度一个目标",
            Freq::Month => "“每月…X”：每月一个目标",
            _ => "“每年…X”：每年一个目标",
        };
        Counted {
            kind: Kind::Recurring,
            targets: self
                .periods(freq, upto)
                .into_iter()
                .map(|period| Target { period, goal })
                .collect(),
            reasons: vec![why.to_string()],
            confidence: 0.75,
        }
    }

    /// A cumulative count: by its period (the plan's end when it has none), or in rounds every N
    /// years; a range counts by its lower end.
    fn cumulative(
        &self,
        c: &Classified,
        n: &Quantity,
        when: Option<When>,
        sentence: &Sentence,
        verb: &str,
        unit: &str,
    ) -> Counted {
        let mut reasons = Vec::new();
        let mut confidence = if c.verb.is_some() { 0.7 } else { 0.6 };
        let (value, bound) = match n.hi {
            Some(hi) => {
                reasons.push(format!(
                    "区间{}—{}按下限计（累计量不能写区间）",
                    fmt_num(n.value),
                    fmt_num(hi)
                ));
                (n.value.min(hi), Bound::AtLeast)
            }
            None => (n.value, n.bound.unwrap_or(Bound::AtLeast)),
        };
        let targets = if let Some(Freq::Rounds(every)) = c.freq {
            reasons.push(format!("“每{every}年…X”：每{every}年一轮，按轮累计"));
            confidence = 0.5;
            self.rounds(every as i32, value, bound)
        } else {
            let period = match when {
                Some(w) => self.resolve(w, sentence),
                None => {
                    reasons.push("未写年份，按规划期末计".into());
                    confidence -= 0.1;
                    year_period(self.span.end)
                }
            };
            vec![Target {
                period,
                goal: Goal::Value { value, bound },
            }]
        };
        reasons.push(if matches!(n.unit, Some(Unit::Money(_))) {
            "金额：累计投入".to_string()
        } else if c.continued {
            "并列数量，沿用前一分句的动词".to_string()
        } else {
            format!("“{verb}…X{unit}”：累计数量")
        });
        Counted {
            kind: Kind::Cumulative,
            targets,
            reasons,
            confidence,
        }
    }

    /// 每N年…X: one round every N years, counted up (the plan's end when no round ends in it).
    fn rounds(&self, every: i32, value: f64, bound: Bound) -> Vec<Target> {
        let mut t = Vec::new();
        let mut k = 1;
        let mut y = self.span.start + every - 1;
        while y <= self.span.end && t.len() < 100 {
            t.push(Target {
                period: year_period(y),
                goal: Goal::Value {
                    value: value * k as f64,
                    bound,
                },
            });
            k += 1;
            y += every;
        }
        if t.is_empty() {
            t.push(Target {
                period: year_period(self.span.end),
                goal: Goal::Value { value, bound },
            });
        }
        t
    }
}

/// Where a count's name starts: after the previous list element, at the clause's start for
/// money, else at its verb or after its frequency word.
fn head_start(q: &Quantified, c: &Classified, prev_tail_end: Option<usize>) -> usize {
    let clause: &Clause = q.clause;
    let n = q.quantity(c);
    match prev_tail_end {
        Some(e) => {
            let t = sub(clause.text, e, n.start);
            let skip = t.len() - t.trim_start_matches(['、', '和', '及', '与']).len();
            e + skip
        }
        None if matches!(n.unit, Some(Unit::Money(_))) => 0,
        None => c
            .verb
            .map(|v| v.0)
            .or_else(|| {
                clause
                    .freqs
                    .iter()
                    .rfind(|f| f.end <= n.start)
                    .map(|f| f.end)
            })
            .unwrap_or(0),
    }
}

/// The names of a count: one per list element with 各, the verb and the noun when the head
/// lists examples (`甲、乙等3所`), else head and tail.
fn count_names(q: &Quantified, c: &Classified, w: &CountWords) -> Vec<String> {
    let n = q.quantity(c);
    let verb = w.verb.as_str();
    if n.each {
        let h = w.head.strip_suffix('各').unwrap_or(w.head.as_str());
        let h = h.strip_prefix(verb).unwrap_or(h);
        let parts: Vec<String> = h
            .split('、')
            .map(clean_name)
            .filter(|p| !p.is_empty())
            .collect();
        if parts.len() >= 2 {
            return distribute(parts)
                .into_iter()
                .map(|p| format!("{verb}{p}"))
                .collect();
        }
    }
    if w.head.trim_end().ends_with('等') {
        // 组织甲、乙等3所幼儿园参加…: the examples are not the name.
        let first_verb = q
            .verbs
            .iter()
            .min_by_key(|(p, _)| *p)
            .map(|x| x.1)
            .unwrap_or(verb);
        return vec![clean_name(&format!("{first_verb}{}", clean_name(&w.tail)))];
    }
    let h = clean_name(&w.head);
    let mut name = format!("{h}{}", clean_name(&w.tail));
    let needs_verb = !w.first || (c.continued && h.is_empty());
    if needs_verb && !verb.is_empty() && !starts_with_verb(&name) {
        name = format!("{verb}{name}");
    }
    let mut name = clean_name(&name);
    if chars_len(&name) <= 2 {
        name = clean_name(&without(q.clause.text, &q.cut));
    }
    vec![name]
}

#[cfg(test)]
mod tests {
    use super::super::clause::found;
    use super::*;

    #[test]
    fn rounds_every_n_years_count_up() {
        let f = found("每2年评选优秀教师10名");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].kind, Kind::Cumulative);
        assert_eq!(
            f[0].targets,
            [Target {
                period: year_period(2025),
                goal: Goal::Value {
                    value: 10.0,
                    bound: Bound::AtLeast
                }
            }]
        );
    }

    #[test]
    fn each_gives_one_name_per_list_element_and_examples_are_not_names() {
        let names: Vec<String> = found("建成省、市级项目各1个")
            .into_iter()
            .map(|f| f.name)
            .collect();
        assert_eq!(names, ["建成省级项目", "建成市级项目"]);
        let names: Vec<String> = found("组织甲园、乙园等3所幼儿园参加")
            .into_iter()
            .map(|f| f.name)
            .collect();
        assert_eq!(names, ["组织幼儿园参加"]);
    }
}
