//! The rules that depend on an indicator's kind: which fields it uses, which it needs, and the
//! ranges of its values. [`Cx::kind_rules`] runs one check per concern, in this order (the
//! order of the diagnostics they give).

use super::series::ActualsForm;
use super::*;

/// Where actual `i` of an indicator at `at` stands: `actuals[i].field`, or its entry
/// `actuals.values[k]` when the actuals are a series.
fn actual_path(at: &Path, form: &ActualsForm, i: usize, field: &str) -> String {
    let actuals = at.key("actuals");
    match form {
        ActualsForm::List => actuals.index(i).key(field).build(),
        ActualsForm::Series(entries) => actuals.key("values").index(entries[i]).build(),
    }
}

impl Cx<'_> {
    /// A percentage outside 0–100; `path` is written out only then.
    fn percent(&mut self, v: f64, path: &dyn Fn() -> String, what_zh: &str, what_en: &str) {
        if !(0.0..=100.0).contains(&v) {
            self.push(
                Code::PercentRange,
                &path(),
                format!("单位为 % 时{what_zh}应在 0–100 之间，实为 {v}"),
                format!("with unit % the {what_en} must lie in 0-100, found {v}"),
            );
        }
    }

    /// Checks that depend on the kind of the indicator `ind` at `at`: its direction, baseline,
    /// targets, actuals and percentages. `explicit_direction` is the direction the file gives
    /// (not the kind's default), `form` how its actuals are written, `header` the plan's header
    /// when it could be read.
    pub(super) fn kind_rules(
        &mut self,
        ind: &Indicator,
        at: &Path,
        explicit_direction: Option<Direction>,
        form: &ActualsForm,
        header: Option<&PlanHeader>,
    ) {
        self.direction_rules(ind.kind, at, explicit_direction);
        self.baseline_rules(ind, at);
        self.target_rules(ind, at, header);
        if matches!(form, ActualsForm::Series(_)) && ind.kind.has_states() {
            self.not_for(
                ind.kind,
                &at.key("actuals"),
                "序列形式的实际值 {start, values}：每条实际值须写状态 state，请改用列表形式",
                "actuals as a series {start, values}: each actual needs a state, so use the list form",
            );
            // Nothing further to check: percentages do not apply to these kinds.
            return;
        }
        self.actual_rules(ind, at, form);
        self.percent_rules(ind, at, form);
    }

    /// A direction the kind does not take.
    fn direction_rules(&mut self, kind: Kind, at: &Path, explicit: Option<Direction>) {
        match (kind, explicit) {
            (Kind::Zero, Some(Direction::Increase)) => self.not_for(
                kind,
                &at.key("direction"),
                "“increase”方向（事故数越少越好）",
                "direction \"increase\" (fewer incidents is better)",
            ),
            (Kind::Milestone | Kind::Task, Some(Direction::Decrease)) => self.not_for(
                kind,
                &at.key("direction"),
                "“decrease”方向",
                "direction \"decrease\"",
            ),
            _ => {}
        }
    }

    /// A baseline the kind needs or does not use, and its value's range.
    fn baseline_rules(&mut self, ind: &Indicator, at: &Path) {
        let kind = ind.kind;
        let bpath = at.key("baseline");
        match (
            &ind.baseline,
            kind.needs_baseline(),
            kind.forbids_baseline(),
        ) {
            (None, true, _) => self.needed(
                kind,
                &bpath,
                "基线 baseline {period, value}：目标是相对基线的变化，没有基线就算不出目标水平（原文未给基期值时，请填统计公报中的起始值，或在原文给出目标水平时改用 level 类型）",
                "a baseline {period, value}: its targets are changes from the baseline, so without one the target level is unknown (when the plan gives no baseline, take the starting value from published statistics, or use kind \"level\" if the plan states the level to reach)",
            ),
            (Some(_), _, true) => self.not_for(kind, &bpath, "基线 baseline", "baseline"),
            _ => {}
        }
        let Some(b) = &ind.baseline else {
            return;
        };
        let (zh, en) = match kind {
            Kind::GrowthRate if b.value <= 0.0 => (
                "按年增长率计算时基线值必须大于 0",
                "a growth-rate baseline must be greater than 0",
            ),
            Kind::Cumulative if b.value < 0.0 => (
                "累计量的基线不能为负数",
                "a cumulative baseline cannot be negative",
            ),
            _ => return,
        };
        self.push_at(Code::ValueRange, &bpath.key("value"), zh.into(), en.into());
    }

    /// How many targets the kind takes, each target's goal and period, and the last target
    /// against the plan's end.
    fn target_rules(&mut self, ind: &Indicator, at: &Path, header: Option<&PlanHeader>) {
        let kind = ind.kind;
        let tpath = at.key("targets");
        let min_targets = match kind {
            Kind::Zero | Kind::Task => 0,
            _ => 1,
        };
        if ind.targets.len() < min_targets {
            self.needed(kind, &tpath, "至少一个目标 targets", "at least one target");
        }
        if kind == Kind::Task && ind.targets.len() > 1 {
            self.push_at(
                Code::NotForKind,
                &tpath.index(1),
                "任务只有一个截止期限".into(),
                "a task has one deadline only".into(),
            );
        }
        for (i, t) in ind.targets.iter().enumerate() {
            let tp = tpath.index(i);
            self.target_goal(ind, t.goal, &tp);
            if let Some(b) = &ind.baseline {
                if t.period.end() <= b.period.end() {
                    self.push_at(
                        Code::TargetBeforeBaseline,
                        &tp.key("period"),
                        format!("目标期间 {} 不晚于基线期间 {}", t.period, b.period),
                        format!(
                            "the target period {} is not after the baseline period {}",
                            t.period, b.period
                        ),
                    );
                }
            }
        }
        if let (Some(h), Some(last)) = (header, ind.targets.last()) {
            if last.period.start() > h.end.end() {
                self.push_at(
                    Code::ValueRange,
                    &tpath.index(ind.targets.len() - 1).key("period"),
                    format!("目标期间 {} 在规划期 {} 结束之后", last.period, h.end),
                    format!(
                        "the target period {} starts after the plan ends ({})",
                        last.period, h.end
                    ),
                );
            }
        }
    }

    /// The goal of one target (at `tp`): the forms the kind takes and their values' ranges.
    fn target_goal(&mut self, ind: &Indicator, goal: Goal, tp: &Path) {
        let kind = ind.kind;
        match (kind, goal) {
            (Kind::Milestone | Kind::Task, Goal::Deadline) => {}
            (Kind::Milestone | Kind::Task, _) => self.not_for(
                kind,
                tp,
                "目标值：目标只写截止期间 period",
                "target values: give only the deadline period",
            ),
            (Kind::Zero, Goal::Deadline) => {}
            (Kind::Zero, Goal::Value { value: 0.0, .. }) => {}
            (Kind::Zero, _) => self.push_at(
                Code::ValueRange,
                tp,
                "“zero”类目标只能是 0（或省略 value）".into(),
                "a \"zero\" target can only be 0 (or omit the value)".into(),
            ),
            (Kind::Level | Kind::Recurring, Goal::Deadline) => self.needed(
                kind,
                tp,
                "目标值 value 或区间 min/max",
                "a value or a min/max band",
            ),
            (Kind::Level | Kind::Recurring, _) => {}
            (_, Goal::Deadline) => self.needed(kind, &tp.key("value"), "目标值 value", "a value"),
            (_, Goal::Band { .. }) => {
                self.not_for(kind, tp, "min/max 区间目标", "min/max band targets")
            }
            (Kind::Change | Kind::AnnualChange | Kind::GrowthRate, Goal::Value { value, .. }) => {
                let kname = kind.as_str();
                if value <= 0.0 {
                    self.push_at(
                        Code::ValueRange,
                        &tp.key("value"),
                        format!("“{kname}”类目标值应为朝改善方向的正数（下降用 direction: \"decrease\"），实为 {value}"),
                        format!("a \"{kname}\" target is a positive amount in the better direction (use direction \"decrease\" for falls), found {value}"),
                    );
                } else if kind == Kind::GrowthRate
                    && ind.direction == Direction::Decrease
                    && value >= 100.0
                {
                    self.push_at(
                        Code::ValueRange,
                        &tp.key("value"),
                        "每年下降的百分比必须小于 100".into(),
                        "a yearly decline must be less than 100 %".into(),
                    );
                }
            }
            (Kind::Cumulative, Goal::Value { value, .. }) => {
                if value < 0.0 {
                    self.push_at(
                        Code::ValueRange,
                        &tp.key("value"),
                        "累计目标不能为负数".into(),
                        "a cumulative target cannot be negative".into(),
                    );
                }
            }
        }
    }

    /// Each actual against the kind: a state or a value as the kind takes, their ranges, and
    /// overlapping periods where amounts are added up. After parsing, an actual has a value (a
    /// state) exactly when its object has the field: a present but invalid one would have
    /// rejected the indicator already.
    fn actual_rules(&mut self, ind: &Indicator, at: &Path, form: &ActualsForm) {
        let kind = ind.kind;
        let path = |i: usize, field: &str| actual_path(at, form, i, field);
        for (i, a) in ind.actuals.iter().enumerate() {
            if kind.has_states() {
                self.state_actual(kind, a, &|field| path(i, field));
            } else {
                self.value_actual(kind, a, &|field| path(i, field));
            }
            if kind.sums_actuals() && i > 0 && a.period.start() <= ind.actuals[i - 1].period.end() {
                self.push(
                    Code::Overlap,
                    &path(i, "period"),
                    format!("期间 {} 与上一条 {} 重叠：本类指标按期累加，期间不能重叠", a.period, ind.actuals[i - 1].period),
                    format!("the period {} overlaps the previous one ({}): amounts are added up, so periods must not overlap", a.period, ind.actuals[i - 1].period),
                );
            }
        }
    }

    /// An actual of a kind with states (milestones, tasks); `path` writes out its field's path.
    fn state_actual(&mut self, kind: Kind, a: &Actual, path: &dyn Fn(&str) -> String) {
        if a.state.is_none() {
            self.needed(
                kind,
                &Path::Text(&path("state")),
                "状态 state（notStarted/inProgress/done/blocked）",
                "a state (notStarted, inProgress, done or blocked)",
            );
        }
        if kind == Kind::Milestone && a.value.is_some() {
            self.not_for(
                kind,
                &Path::Text(&path("value")),
                "数值 value（只写状态 state）",
                "a value (give the state only)",
            );
        }
        if let (Kind::Task, Some(v)) = (kind, a.value) {
            if !(0.0..=100.0).contains(&v) {
                self.push(
                    Code::PercentRange,
                    &path("value"),
                    format!("完成百分比应在 0–100 之间，实为 {v}"),
                    format!("percent complete must lie in 0-100, found {v}"),
                );
            }
        }
    }

    /// An actual of a kind with values; `path` writes out its field's path.
    fn value_actual(&mut self, kind: Kind, a: &Actual, path: &dyn Fn(&str) -> String) {
        if a.state.is_some() {
            self.not_for(kind, &Path::Text(&path("state")), "状态 state", "state");
        }
        if a.value.is_none() {
            self.needed(kind, &Path::Text(&path("value")), "数值 value", "a value");
        }
        if let (Kind::Cumulative | Kind::Zero, Some(v)) = (kind, a.value) {
            if v < 0.0 {
                self.push(
                    Code::ValueRange,
                    &path("value"),
                    format!("本期数量不能为负数，实为 {v}"),
                    format!("an amount for a period cannot be negative, found {v}"),
                );
            }
        }
    }

    /// With unit `%`: the baseline, actuals and the levels the targets reach within 0–100 (for
    /// kinds with values; amounts added up are not levels, so only their targets count).
    fn percent_rules(&mut self, ind: &Indicator, at: &Path, form: &ActualsForm) {
        let kind = ind.kind;
        if !ind.is_percent() || matches!(kind, Kind::Task | Kind::Milestone) {
            return;
        }
        let levels = !matches!(kind, Kind::Cumulative | Kind::Zero);
        if levels {
            if let Some(b) = &ind.baseline {
                let bpath = at.key("baseline");
                self.percent(b.value, &|| bpath.key("value").build(), "基线", "baseline");
            }
            for (i, a) in ind.actuals.iter().enumerate() {
                if let Some(v) = a.value {
                    self.percent(
                        v,
                        &|| actual_path(at, form, i, "value"),
                        "实际值",
                        "actual value",
                    );
                }
            }
        }
        self.percent_targets(ind, at);
    }

    /// With unit `%`: each target's value or band, or the level it reaches from the baseline
    /// (`change`) or year by year (`annualChange`), within 0–100.
    fn percent_targets(&mut self, ind: &Indicator, at: &Path) {
        let tpath = at.key("targets");
        let base = ind.baseline.map(|b| b.value);
        let mut prev_level = base;
        let mut prev_end = ind.baseline.map(|b| b.period.end());
        for (i, t) in ind.targets.iter().enumerate() {
            let tp = tpath.index(i);
            match (ind.kind, t.goal) {
                (Kind::Level | Kind::Recurring, Goal::Value { value, .. }) => {
                    self.percent(value, &|| tp.key("value").build(), "目标值", "target value")
                }
                (Kind::Level | Kind::Recurring, Goal::Band { min, max }) => {
                    for (f, v) in [("min", min), ("max", max)] {
                        if let Some(v) = v {
                            self.percent(v, &|| tp.key(f).build(), "目标区间", "target band");
                        }
                    }
                }
                (Kind::Change, Goal::Value { value, .. }) => {
                    if let Some(b) = base {
                        let reached = b + ind.direction.sign() * value;
                        self.percent(
                            reached,
                            &|| tp.key("value").build(),
                            "基线加变化后的目标水平",
                            "target level (baseline plus change)",
                        );
                    }
                }
                (Kind::AnnualChange, Goal::Value { value, .. }) => {
                    if let (Some(level), Some(from)) = (prev_level, prev_end) {
                        let years = crate::period::whole_years(from, t.period.end());
                        let reached = level + ind.direction.sign() * value * years;
                        self.percent(
                            reached,
                            &|| tp.key("value").build(),
                            "按年变化推算的目标水平",
                            "target level reached by the yearly change",
                        );
                        prev_level = Some(reached);
                        prev_end = Some(t.period.end());
                    }
                }
                _ => {}
            }
        }
    }
}
