//! Words about one indicator: its latest value, targets, expected value and projection, in the
//! widget's language. Shared by cards, the detail view and the trend chart.

use crate::format::{
    format_goal, format_number, format_pp, format_ratio, format_value, period_label, plain,
    task_state,
};
use crate::model::{Bound, Goal, Indicator, Kind, Locale, PlanHeader, Section};
use crate::period::{Day, Period};
use crate::status::{IndicatorStatus, Status};

/// One indicator with everything needed to describe and draw it.
#[derive(Clone, Copy)]
pub struct Subject<'a> {
    /// The indicator.
    pub ind: &'a Indicator,
    /// Its evaluation.
    pub st: &'a IndicatorStatus,
    /// The plan's header.
    pub header: &'a PlanHeader,
    /// Its section, if found.
    pub section: Option<&'a Section>,
    /// The evaluation date.
    pub as_of: Day,
    /// The widget's language.
    pub locale: Locale,
}

impl Subject<'_> {
    /// True for Chinese.
    fn zh(&self) -> bool {
        self.locale == Locale::ZhCn
    }

    /// A value in the indicator's unit.
    pub fn value(&self, v: f64) -> String {
        format_value(v, &self.ind.unit, self.locale)
    }

    /// A computed value (expected, projected, derived target) rounded for reading: one decimal
    /// for percentages, whole numbers for counts of ten or more.
    pub fn derived(&self, v: f64) -> String {
        let unit = self.ind.unit.as_str();
        let countable = unit.is_empty()
            || unit == "个"
            || crate::format::unit_word_en(unit).is_some_and(|_| unit != "元");
        let decimals = match unit {
            "%" | "个百分点" => 1,
            _ if countable && v.abs() >= 10.0 => 0,
            _ if countable => 1,
            _ => 2,
        };
        let f = 10f64.powi(decimals);
        self.value((v * f).round() / f)
    }

    /// A period's label.
    pub fn period(&self, p: &Period) -> String {
        period_label(p, self.locale)
    }

    /// `（2024年）` / ` (2024)`.
    pub fn in_period(&self, p: &Period) -> String {
        if self.zh() {
            format!("（{}）", self.period(p))
        } else {
            format!(" ({})", self.period(p))
        }
    }

    /// The latest value with its period: `70.3%（2024年）`; a milestone's or task's state.
    pub fn latest(&self) -> Option<String> {
        let p = self.st.latest.as_ref()?;
        let state = p.state.map(|s| task_state(s, self.locale));
        let text = match (self.ind.kind, p.value, state) {
            (Kind::Task, Some(v), Some(s)) => format!("{s} {}%", plain(v, 1)),
            (_, _, Some(s)) => s.to_string(),
            (Kind::Zero, Some(v), _) => self.incidents(v),
            (_, Some(v), _) => self.value(v),
            _ => return None,
        };
        Some(format!("{text}{}", self.in_period(&p.period)))
    }

    /// `0 起事故` / `0 incidents`.
    pub fn incidents(&self, n: f64) -> String {
        let n_text = plain(n, 0);
        match (self.zh(), self.ind.unit.as_str()) {
            (true, "" | "起") => format!("{n_text} 起事故"),
            (true, u) => format!("{n_text} {u}"),
            (false, _) if (n - 1.0).abs() < 1e-9 => "1 incident".to_string(),
            (false, _) => format!("{n_text} incidents"),
        }
    }

    /// What target `i` asks for, without its period: `≥70%`, `+10个百分点 → 43%`, `1–2所`.
    pub fn goal(&self, i: usize) -> Option<String> {
        let t = self.ind.targets.get(i)?;
        let level = self.st.targets.get(i).and_then(|e| e.level);
        let sign = self.ind.direction.sign();
        let amount = match t.goal {
            Goal::Value { value, .. } => value * sign,
            _ => 0.0,
        };
        let relative = |text: String| match level {
            Some(l) => format!("{text} → {}", self.derived(l)),
            None => text,
        };
        let per_year = |text: String| {
            if self.zh() {
                format!("每年{text}")
            } else {
                format!("{text} a year")
            }
        };
        let signed = |v: f64| {
            let s = if self.ind.is_percent() {
                format_pp(v, self.locale)
            } else {
                self.value(v)
            };
            if v > 0.0 && !s.starts_with('+') {
                format!("+{s}")
            } else {
                s
            }
        };
        match self.ind.kind {
            Kind::Change => Some(relative(signed(amount))),
            Kind::AnnualChange => Some(relative(per_year(signed(amount)))),
            Kind::GrowthRate => {
                let pct = format!(
                    "{}{}%",
                    if amount > 0.0 { "+" } else { "" },
                    plain(amount, 2)
                );
                Some(relative(per_year(pct)))
            }
            Kind::Zero => Some(self.incidents(0.0)),
            Kind::Milestone | Kind::Task => None,
            _ => format_goal(&t.goal, &self.ind.unit, self.locale),
        }
    }

    /// Target `i` in full: goal, period and, once due, whether it was met.
    pub fn target(&self, i: usize) -> Option<String> {
        let t = self.ind.targets.get(i)?;
        let e = self.st.targets.get(i);
        let mut s = match self.goal(i) {
            Some(g) => format!("{g}{}", self.in_period(&t.period)),
            None => self.deadline(&t.period),
        };
        if let Some(e) = e.filter(|e| e.due) {
            match (e.met, self.zh()) {
                (Some(true), true) => s.push_str(" 已达成"),
                (Some(false), true) => s.push_str(" 未达成"),
                (Some(true), false) => s.push_str(" · met"),
                (Some(false), false) => s.push_str(" · not met"),
                _ => {}
            }
        }
        Some(s)
    }

    /// `截止 2024年` / `Due 2024`.
    pub fn deadline(&self, p: &Period) -> String {
        if self.zh() {
            format!("截止 {}", self.period(p))
        } else {
            format!("Due {}", self.period(p))
        }
    }

    /// The deadline: the last target's period, else the plan's end.
    pub fn deadline_period(&self) -> Period {
        self.ind
            .targets
            .last()
            .map(|t| t.period)
            .unwrap_or(self.header.end)
    }

    /// True for a `level` whose plan gives no baseline: its expected path starts at the first
    /// reported value.
    pub fn lacks_baseline(&self) -> bool {
        self.ind.baseline.is_none() && self.ind.kind == Kind::Level
    }

    /// Where a reader looks for the baseline of a `level` without one: `原文未给基期值` /
    /// `No baseline in the plan text`, and from where the expected path is counted instead.
    pub fn no_baseline_words(&self) -> Option<&'static str> {
        if !self.lacks_baseline() {
            return None;
        }
        let reported = self.st.latest.is_some();
        Some(match (self.zh(), reported) {
            (true, true) => "原文未给基期值，应达路径从首次报告值算起",
            (true, false) => "原文未给基期值，应达路径从首次报告值算起（尚无报告）",
            (false, true) => {
                "No baseline in the plan text; the expected path starts at the first reported value"
            }
            (false, false) => {
                "No baseline in the plan text; the expected path will start at the first reported value"
            }
        })
    }

    /// The target to show on a card: the next one not yet due, else the final one.
    pub fn headline_target(&self) -> Option<usize> {
        let n = self.st.targets.len();
        if n == 0 {
            return None;
        }
        Some(self.st.targets.iter().position(|t| !t.due).unwrap_or(n - 1))
    }

    /// `目标 ≥70%（2024年）` / `Target ≥70% (2024)`.
    pub fn target_line(&self) -> Option<String> {
        let i = self.headline_target()?;
        let t = self.target(i)?;
        Some(format!(
            "{}{t}",
            if self.zh() { "目标 " } else { "Target " }
        ))
    }

    /// The value expected by now: `66%`.
    pub fn expected_value(&self) -> Option<String> {
        let v = self.st.expected_now.filter(|v| v.is_finite())?;
        match self.ind.kind {
            Kind::Task => Some(format!("{}%", plain(v, 0))),
            Kind::Zero | Kind::Milestone => None,
            _ => Some(self.derived(v)),
        }
    }

    /// `当前应达 66%` / `Expected now 66%`.
    pub fn expected_line(&self) -> Option<String> {
        let text = self.expected_value()?;
        Some(if self.zh() {
            format!("当前应达 {text}")
        } else {
            format!("Expected now {text}")
        })
    }

    /// The progress ratio as a percent: `95%`.
    pub fn ratio_value(&self) -> Option<String> {
        let r = self.st.progress_ratio.filter(|r| r.is_finite())?;
        Some(format_ratio(r))
    }

    /// The projection at the final target: `按当前趋势，预计2026年达到72%，可达成目标`.
    pub fn projection_sentence(&self) -> Option<String> {
        let v = self.st.projected.filter(|v| v.is_finite())?;
        let fin = self.ind.targets.last()?;
        if self.st.final_target().is_some_and(|t| t.due) {
            return None;
        }
        let met = self.st.final_target().and_then(|t| t.projected_met);
        let period = self.period(&fin.period);
        let value = self.derived(v);
        Some(if self.zh() {
            let verdict = match met {
                Some(true) => "，可达成目标",
                Some(false) => "，达不到目标",
                None => "",
            };
            format!("按当前趋势，预计{period}达到{value}{verdict}")
        } else {
            let verdict = match met {
                Some(true) => ", meeting the target",
                Some(false) => ", short of the target",
                None => "",
            };
            format!("At the current trend: {value} by {period}{verdict}")
        })
    }

    /// `预计 72%` / `Projected 72%`, for the end of the projection line.
    pub fn projected_short(&self) -> Option<String> {
        let v = self.st.projected.filter(|v| v.is_finite())?;
        Some(if self.zh() {
            format!("预计 {}", self.derived(v))
        } else {
            format!("Projected {}", self.derived(v))
        })
    }

    /// The responsible units: the indicator's, else its section's.
    pub fn units(&self) -> &[String] {
        if self.ind.units.is_empty() {
            self.section.map(|s| &s.units[..]).unwrap_or(&[])
        } else {
            &self.ind.units
        }
    }

    /// The responsible leaders: the indicator's, else its section's.
    pub fn leaders(&self) -> &[String] {
        if self.ind.leaders.is_empty() {
            self.section.map(|s| &s.leaders[..]).unwrap_or(&[])
        } else {
            &self.ind.leaders
        }
    }

    /// The latest value without its period: `70.3%`, `推进中 80%`, `0 起事故`.
    pub fn latest_value(&self) -> Option<String> {
        let p = self.st.latest.as_ref()?;
        let state = p.state.map(|s| task_state(s, self.locale));
        Some(match (self.ind.kind, p.value, state) {
            (Kind::Task, Some(v), Some(s)) => format!("{s} {}%", plain(v, 1)),
            (_, _, Some(s)) => s.to_string(),
            (Kind::Zero, Some(v), _) => self.incidents(v),
            (_, Some(v), _) => self.value(v),
            _ => return None,
        })
    }

    /// The latest report's period: `2024年上半年` / `H1 2024`.
    pub fn latest_period(&self) -> Option<String> {
        self.st.latest.as_ref().map(|p| self.period(&p.period))
    }

    /// What target `i` asks for, in words for reading aloud (no `≥`, `→`): `不低于70%` /
    /// `at least 70%`; a derived level for relative kinds; `完成` / `done` for deadlines.
    pub fn goal_words(&self, i: usize) -> Option<String> {
        let t = self.ind.targets.get(i)?;
        let zh = self.zh();
        let words = |bound: Bound, v: String| -> String {
            match (bound, zh) {
                (Bound::AtLeast, true) => format!("不低于{v}"),
                (Bound::AtMost, true) => format!("不高于{v}"),
                (Bound::Exact, true) => format!("保持{v}"),
                (Bound::Approx, true) => format!("约{v}"),
                (Bound::AtLeast, false) => format!("at least {v}"),
                (Bound::AtMost, false) => format!("at most {v}"),
                (Bound::Exact, false) => format!("exactly {v}"),
                (Bound::Approx, false) => format!("about {v}"),
            }
        };
        match self.ind.kind {
            Kind::Milestone | Kind::Task => Some(self.tr("完成", "done").to_string()),
            Kind::Zero => Some(self.tr("不发生事故", "no incidents").to_string()),
            Kind::Change | Kind::AnnualChange | Kind::GrowthRate => {
                let level = self.st.targets.get(i).and_then(|e| e.level);
                let bound = match t.goal {
                    Goal::Value { bound, .. } => bound,
                    _ => Bound::default_for(self.ind.direction),
                };
                match level.filter(|l| l.is_finite()) {
                    Some(l) => Some(words(bound, self.derived(l))),
                    None => self.goal(i),
                }
            }
            _ => match t.goal {
                Goal::Value { value, bound } => Some(words(bound, self.value(value))),
                Goal::Band {
                    min: Some(a),
                    max: Some(b),
                } => Some(if zh {
                    format!("{}至{}", format_number(a, self.locale), self.value(b))
                } else {
                    format!(
                        "between {} and {}",
                        format_number(a, self.locale),
                        self.value(b)
                    )
                }),
                Goal::Band { min: Some(a), .. } => Some(words(Bound::AtLeast, self.value(a))),
                Goal::Band { max: Some(b), .. } => Some(words(Bound::AtMost, self.value(b))),
                _ => None,
            },
        }
    }

    /// Target `i` as a clause: `2024年目标不低于70%（已达成）` / `target at least 70% by 2024
    /// (met)`; for a deadline, `计划2024年完成` / `due by 2024`.
    pub fn target_words(&self, i: usize) -> Option<String> {
        let t = self.ind.targets.get(i)?;
        let period = self.period(&t.period);
        let mut s = match (self.ind.kind, self.zh()) {
            (Kind::Milestone | Kind::Task, true) => format!("计划{period}完成"),
            (Kind::Milestone | Kind::Task, false) => format!("due by {period}"),
            (_, true) => format!("{period}目标{}", self.goal_words(i)?),
            (_, false) => format!("target {} by {period}", self.goal_words(i)?),
        };
        if let Some(e) = self.st.targets.get(i).filter(|e| e.due) {
            match (e.met, self.zh()) {
                (Some(true), true) => s.push_str("（已达成）"),
                (Some(false), true) => s.push_str("（未达成）"),
                (Some(true), false) => s.push_str(" (met)"),
                (Some(false), false) => s.push_str(" (not met)"),
                _ => {}
            }
        }
        Some(s)
    }

    /// Why the status is one step lower than the progress alone would give, when an earlier
    /// target passed unmet: `2024年目标未达成，状态下调一级` / `The 2024 target was missed, so
    /// the status is lowered one step`. `None` when the status was not lowered.
    pub fn lowered_words(&self) -> Option<String> {
        if !self.st.lowered {
            return None;
        }
        let n = self.st.targets.len();
        let missed: Vec<String> = self.st.targets[..n.saturating_sub(1)]
            .iter()
            .filter(|t| t.due && t.met == Some(false))
            .map(|t| self.period(&t.period))
            .collect();
        if missed.is_empty() {
            return None;
        }
        Some(if self.zh() {
            format!("{}目标未达成，状态下调一级", missed.join("、"))
        } else {
            let (what, verb) = if missed.len() == 1 {
                ("target", "was")
            } else {
                ("targets", "were")
            };
            format!(
                "The {} {what} {verb} missed, so the status is lowered one step",
                crate::format::join_names(&missed, self.locale)
            )
        })
    }

    /// The status in words with what it means: `进度滞后：低于预期进度，需加快` /
    /// `Off track: behind the expected progress, needs to speed up`. Always starts with the
    /// status label.
    pub fn status_words(&self) -> String {
        let s = self.st.status;
        let label = s.label(self.locale);
        let explain = match (s, self.zh()) {
            (Status::Achieved, true) => "目标已达成",
            (Status::OnTrack, true) => "符合预期进度",
            (Status::AtRisk, true) => "略低于预期进度",
            (Status::OffTrack, true) => "低于预期进度，需加快",
            (Status::Missed, true) => "目标期限已过，未达成",
            (Status::NotDue, true) => "目标期尚未开始",
            (Status::NoData, true) => "已到报告期，尚无数据",
            (Status::Achieved, false) => "the target is met",
            (Status::OnTrack, false) => "progress as expected",
            (Status::AtRisk, false) => "slightly behind the expected progress",
            (Status::OffTrack, false) => "behind the expected progress, needs to speed up",
            (Status::Missed, false) => "the deadline has passed and the target was not met",
            (Status::NotDue, false) => "no target period has started yet",
            (Status::NoData, false) => "a target period has started but nothing is reported",
        };
        // A lowered status is explained by the missed target, not by the progress.
        let lowered = self.lowered_words().map(|w| {
            if self.zh() {
                w
            } else {
                let mut cs = w.chars();
                cs.next()
                    .map_or(String::new(), |c| c.to_lowercase().chain(cs).collect())
            }
        });
        let explain = lowered.as_deref().unwrap_or(explain);
        if s == Status::Achieved {
            // The target clause already says it was met.
            label.to_string()
        } else if self.zh() {
            format!("{label}：{explain}")
        } else {
            format!("{label}: {explain}")
        }
    }

    /// `zh` or `en` by the subject's language.
    fn tr<'s>(&self, zh: &'s str, en: &'s str) -> &'s str {
        if self.zh() {
            zh
        } else {
            en
        }
    }
}
