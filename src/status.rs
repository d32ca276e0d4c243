//! The status engine: as of a date, each indicator's expected value, progress ratio, status,
//! projection, and the roll-ups per section, per responsible unit and for the whole plan.
//!
//! The arithmetic is documented in `docs/format.md` ("Kinds and their arithmetic", "Status").

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::model::*;
use crate::period::{whole_years, years_between, Day, Period};

/// The seven statuses, from best to worst where that is meaningful.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Status {
    /// The final target is met.
    Achieved,
    /// Progress ratio at or above the on-track threshold.
    OnTrack,
    /// Progress ratio at or above the at-risk threshold.
    AtRisk,
    /// Progress ratio below the at-risk threshold, a blocked task, or an incident.
    OffTrack,
    /// The final target's period has ended and it is not met.
    Missed,
    /// No data yet and no target period has started.
    NotDue,
    /// A target period has started but nothing has been reported.
    NoData,
}

impl Status {
    /// All statuses in display order.
    pub const ALL: [Status; 7] = [
        Status::Achieved,
        Status::OnTrack,
        Status::AtRisk,
        Status::OffTrack,
        Status::Missed,
        Status::NotDue,
        Status::NoData,
    ];

    /// The name used in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::OnTrack => "onTrack",
            Status::AtRisk => "atRisk",
            Status::OffTrack => "offTrack",
            Status::Missed => "missed",
            Status::NotDue => "notDue",
            Status::NoData => "noData",
        }
    }

    /// Parses the JSON name.
    pub fn parse(text: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// The label in Chinese.
    pub fn label_zh(self) -> &'static str {
        match self {
            Status::Achieved => "已完成",
            Status::OnTrack => "进度正常",
            Status::AtRisk => "存在风险",
            Status::OffTrack => "进度滞后",
            Status::Missed => "未完成",
            Status::NotDue => "未到期",
            Status::NoData => "暂无数据",
        }
    }

    /// The label in English.
    pub fn label_en(self) -> &'static str {
        match self {
            Status::Achieved => "Achieved",
            Status::OnTrack => "On track",
            Status::AtRisk => "At risk",
            Status::OffTrack => "Off track",
            Status::Missed => "Missed",
            Status::NotDue => "Not yet due",
            Status::NoData => "No data",
        }
    }

    /// The label in a locale.
    pub fn label(self, locale: Locale) -> &'static str {
        match locale {
            Locale::ZhCn => self.label_zh(),
            Locale::En => self.label_en(),
        }
    }

    fn index(self) -> usize {
        Status::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// One step worse on the ratio scale (`onTrack` → `atRisk` → `offTrack`).
    fn lowered(self) -> Status {
        match self {
            Status::OnTrack => Status::AtRisk,
            Status::AtRisk => Status::OffTrack,
            other => other,
        }
    }
}

/// Ratio thresholds (Open SDG's by default).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Thresholds {
    /// At or above: on track. Default 0.95.
    pub on_track: f64,
    /// At or above: at risk; below: off track. Default 0.6.
    pub at_risk: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            on_track: 0.95,
            at_risk: 0.6,
        }
    }
}

impl Thresholds {
    /// The status a progress ratio earns.
    pub fn classify(&self, ratio: f64) -> Status {
        if ratio >= self.on_track {
            Status::OnTrack
        } else if ratio >= self.at_risk {
            Status::AtRisk
        } else {
            Status::OffTrack
        }
    }
}

/// How to evaluate a plan.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Options {
    /// The date to evaluate at; default `plan.asOf`, else the plan's last day.
    pub as_of: Option<Day>,
    /// Ratio thresholds.
    pub thresholds: Thresholds,
}

/// A target as evaluated.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TargetEval {
    /// Its period.
    #[serde(serialize_with = "as_string")]
    pub period: Period,
    /// The level it asks for (derived for `change`, `annualChange`, `growthRate`); `None` for a
    /// deadline-only target.
    pub level: Option<f64>,
    /// True once its period has ended.
    pub due: bool,
    /// Whether the value at its deadline met it, when known.
    pub met: Option<bool>,
    /// The projected value at its period end.
    pub projected: Option<f64>,
    /// Whether the projection meets it.
    pub projected_met: Option<bool>,
}

/// A least-squares line through the baseline and actuals: `value = intercept + slope × day`
/// (on the logarithm of the value when `log`), held inside `[lo, hi]` where the unit bounds it
/// (a percentage cannot pass 100, a count cannot fall below 0).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Projection {
    /// Value (or log value) at day 0 (1970-01-01).
    pub intercept: f64,
    /// Change per day.
    pub slope: f64,
    /// Fitted on the logarithm of the value (compounding growth).
    pub log: bool,
    /// Lowest possible value, if any.
    pub lo: Option<f64>,
    /// Highest possible value, if any.
    pub hi: Option<f64>,
}

impl Projection {
    /// The projected value on a day.
    pub fn at(&self, day: Day) -> f64 {
        let y = self.intercept + self.slope * day.0 as f64;
        let v = if self.log { y.exp() } else { y };
        v.max(self.lo.unwrap_or(f64::NEG_INFINITY))
            .min(self.hi.unwrap_or(f64::INFINITY))
    }
}

/// One point of an indicator's measured series (running totals for `cumulative`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Point {
    /// Its period.
    #[serde(serialize_with = "as_string")]
    pub period: Period,
    /// The level, running total, amount in the period, percent complete or incident count.
    pub value: Option<f64>,
    /// State of a milestone or task.
    pub state: Option<TaskState>,
}

/// Everything the engine says about one indicator.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IndicatorStatus {
    /// The indicator's id.
    pub id: String,
    /// Its status as of the evaluation date.
    pub status: Status,
    /// The latest counted report (for `cumulative` the running total, for `zero` the incidents so
    /// far, for `task` the percent complete).
    pub latest: Option<Point>,
    /// The expected value at the latest report's period end.
    pub expected: Option<f64>,
    /// The expected value on the evaluation date.
    pub expected_now: Option<f64>,
    /// (latest − baseline) / (expected − baseline), direction-aware.
    pub progress_ratio: Option<f64>,
    /// The baseline level used (0 for a `cumulative` without baseline).
    pub baseline: Option<f64>,
    /// Each target, evaluated.
    pub targets: Vec<TargetEval>,
    /// The projected value at the final target's period end.
    pub projected: Option<f64>,
    /// The status the projection would earn at the final target.
    pub projected_status: Option<Status>,
    /// The fitted line, for drawing.
    pub projection: Option<Projection>,
    /// True when an earlier target passed unmet lowered the status.
    pub lowered: bool,
    /// The counted series in period order (running totals for `cumulative`).
    pub series: Vec<Point>,
    /// The note of the last counted report (in file order) that has one, shown as its
    /// explanation (报告说明). Not serialized: the reports' notes are in the plan.
    #[serde(skip)]
    pub latest_note: Option<String>,
}

impl IndicatorStatus {
    /// The final target, evaluated.
    pub fn final_target(&self) -> Option<&TargetEval> {
        self.targets.last()
    }

    /// The first target not yet due, else the final one.
    pub fn next_target(&self) -> Option<&TargetEval> {
        self.targets.iter().find(|t| !t.due).or(self.targets.last())
    }
}

/// Counts of each status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusCounts {
    /// Achieved.
    pub achieved: usize,
    /// On track.
    pub on_track: usize,
    /// At risk.
    pub at_risk: usize,
    /// Off track.
    pub off_track: usize,
    /// Missed.
    pub missed: usize,
    /// Not yet due.
    pub not_due: usize,
    /// No data.
    pub no_data: usize,
}

impl StatusCounts {
    /// Adds one indicator's status.
    pub fn add(&mut self, s: Status) {
        *self.slot(s) += 1;
    }

    /// Adds another group's counts.
    fn add_counts(&mut self, other: &StatusCounts) {
        for s in Status::ALL {
            *self.slot(s) += other.get(s);
        }
    }

    fn slot(&mut self, s: Status) -> &mut usize {
        match s {
            Status::Achieved => &mut self.achieved,
            Status::OnTrack => &mut self.on_track,
            Status::AtRisk => &mut self.at_risk,
            Status::OffTrack => &mut self.off_track,
            Status::Missed => &mut self.missed,
            Status::NotDue => &mut self.not_due,
            Status::NoData => &mut self.no_data,
        }
    }

    /// The count of one status.
    pub fn get(&self, s: Status) -> usize {
        [
            self.achieved,
            self.on_track,
            self.at_risk,
            self.off_track,
            self.missed,
            self.not_due,
            self.no_data,
        ][s.index()]
    }

    /// All indicators counted.
    pub fn total(&self) -> usize {
        Status::ALL.iter().map(|s| self.get(*s)).sum()
    }

    /// Share of assessed indicators (not `notDue`/`noData`) that are achieved or on track.
    pub fn healthy_share(&self) -> Option<f64> {
        let assessed = self.total() - self.not_due - self.no_data;
        (assessed > 0).then(|| (self.achieved + self.on_track) as f64 / assessed as f64)
    }
}

/// Status counts for one group.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rollup {
    /// Section id, or the unit's name.
    pub key: String,
    /// Section title, or the unit's name.
    pub label: String,
    /// Counts per status.
    pub counts: StatusCounts,
}

/// Roll-ups for the plan, its sections and its responsible units.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rollups {
    /// The whole plan.
    pub plan: StatusCounts,
    /// Per section, in section order (sections without indicators included).
    pub sections: Vec<Rollup>,
    /// Per responsible unit (an indicator's units, else its section's), by name.
    pub units: Vec<Rollup>,
}

/// A whole plan evaluated.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Evaluation {
    /// The evaluation date.
    #[serde(serialize_with = "as_string")]
    pub as_of: Day,
    /// One per indicator, in plan order.
    pub indicators: Vec<IndicatorStatus>,
    /// Counts per group.
    pub rollups: Rollups,
}

impl Evaluation {
    /// The status of an indicator by id.
    pub fn get(&self, id: &str) -> Option<&IndicatorStatus> {
        self.indicators.iter().find(|s| s.id == id)
    }
}

/// Evaluates every indicator of a plan.
pub fn evaluate(plan: &Plan, options: &Options) -> Evaluation {
    let as_of = options
        .as_of
        .or(plan.plan.as_of)
        .unwrap_or_else(|| plan.plan.end.end());
    let indicators: Vec<IndicatorStatus> = plan
        .indicators
        .iter()
        .map(|ind| evaluate_indicator(ind, &plan.plan, as_of, &options.thresholds))
        .collect();
    let rollups = rollup(plan, &indicators);
    Evaluation {
        as_of,
        indicators,
        rollups,
    }
}

fn rollup(plan: &Plan, statuses: &[IndicatorStatus]) -> Rollups {
    let mut out = Rollups::default();
    let mut sections: Vec<Rollup> = plan
        .sections
        .iter()
        .map(|s| Rollup {
            key: s.id.clone(),
            label: s.title.clone(),
            counts: StatusCounts::default(),
        })
        .collect();
    let mut units: BTreeMap<&str, StatusCounts> = BTreeMap::new();
    // Each section id's first position, looked up once per indicator (a city-wide plan has
    // thousands of indicators in dozens of sections).
    let mut section_at: HashMap<&str, usize> = HashMap::with_capacity(plan.sections.len());
    for (i, s) in plan.sections.iter().enumerate() {
        section_at.entry(s.id.as_str()).or_insert(i);
    }
    let mut by_section_units = vec![StatusCounts::default(); plan.sections.len()];
    // Indicators come section by section: the last one's section is checked first.
    let mut last: Option<(&str, Option<usize>)> = None;
    for (ind, st) in plan.indicators.iter().zip(statuses) {
        out.plan.add(st.status);
        let section = match last {
            Some((id, at)) if id == ind.section => at,
            _ => section_at.get(ind.section.as_str()).copied(),
        };
        last = Some((ind.section.as_str(), section));
        if let Some(i) = section {
            sections[i].counts.add(st.status);
        }
        if ind.units.is_empty() {
            // The section's units: counted per section, then added to each of its units.
            if let Some(i) = section {
                by_section_units[i].add(st.status);
            }
        } else {
            for unit in &ind.units {
                units.entry(unit.as_str()).or_default().add(st.status);
            }
        }
    }
    for (s, counts) in plan.sections.iter().zip(&by_section_units) {
        if counts.total() > 0 {
            for unit in &s.units {
                units.entry(unit.as_str()).or_default().add_counts(counts);
            }
        }
    }
    out.sections = std::mem::take(&mut sections);
    out.units = units
        .into_iter()
        .map(|(name, counts)| Rollup {
            key: name.to_string(),
            label: name.to_string(),
            counts,
        })
        .collect();
    out
}

impl Goal {
    /// The level a goal asks for, seen from a direction: the value, or the band's worse-side end.
    pub fn threshold(&self, direction: Direction) -> Option<f64> {
        match *self {
            Goal::Deadline => None,
            Goal::Value { value, .. } => Some(value),
            Goal::Band { min, max } => match direction {
                Direction::Increase => min.or(max),
                Direction::Decrease => max.or(min),
            },
        }
    }

    /// Whether `actual` meets the goal when its level is `level` (the derived level for
    /// relative kinds). A band is met when the value is not on its worse side.
    pub fn met(&self, actual: f64, level: f64, direction: Direction) -> bool {
        match *self {
            Goal::Deadline => true,
            Goal::Value { bound, .. } => bound.met(actual, level),
            Goal::Band { min, max } => match (direction, min, max) {
                (Direction::Increase, Some(lo), _) => actual >= lo - 1e-9,
                (Direction::Decrease, _, Some(hi)) => actual <= hi + 1e-9,
                (_, Some(lo), None) => actual >= lo - 1e-9,
                (_, None, Some(hi)) => actual <= hi + 1e-9,
                _ => true,
            },
        }
    }
}

struct Ctx<'a> {
    ind: &'a Indicator,
    header: &'a PlanHeader,
    as_of: Day,
    th: &'a Thresholds,
}

fn evaluate_indicator(
    ind: &Indicator,
    header: &PlanHeader,
    as_of: Day,
    th: &Thresholds,
) -> IndicatorStatus {
    let cx = Ctx {
        ind,
        header,
        as_of,
        th,
    };
    let mut st = IndicatorStatus {
        id: ind.id.clone(),
        status: Status::NoData,
        latest: None,
        expected: None,
        expected_now: None,
        progress_ratio: None,
        baseline: None,
        targets: ind
            .targets
            .iter()
            .map(|t| TargetEval {
                period: t.period,
                level: None,
                due: t.period.end() < as_of,
                met: None,
                projected: None,
                projected_met: None,
            })
            .collect(),
        projected: None,
        projected_status: None,
        projection: None,
        lowered: false,
        series: Vec::new(),
        latest_note: None,
    };
    match ind.kind {
        // Finds the note on its way through the series.
        Kind::Level | Kind::Change | Kind::AnnualChange | Kind::GrowthRate | Kind::Cumulative => {
            cx.trended(&mut st)
        }
        Kind::Recurring => cx.recurring(&mut st),
        Kind::Zero => cx.zero(&mut st),
        Kind::Milestone | Kind::Task => cx.stateful(&mut st),
    }
    if !ind.kind.is_trended() {
        st.latest_note = cx
            .counted()
            .filter(|a| a.note.is_some())
            .last()
            .and_then(|a| a.note.clone());
    }
    st
}

/// A knot of the expected path: a day and the level expected on it.
#[derive(Clone, Copy, Debug)]
struct Knot {
    day: Day,
    level: f64,
}

impl Ctx<'_> {
    fn counted(&self) -> impl Iterator<Item = &Actual> {
        let as_of = self.as_of;
        self.ind
            .actuals
            .iter()
            .filter(move |a| a.period.start() <= as_of)
    }

    /// Before anything is reported: not yet due, or no data.
    fn nothing_reported(&self, st: &mut IndicatorStatus) {
        let first_start = self
            .ind
            .targets
            .first()
            .map(|t| t.period.start())
            .unwrap_or_else(|| self.header.start.start());
        st.status = if self.as_of < first_start {
            Status::NotDue
        } else {
            Status::NoData
        };
    }

    /// The first counted actual with a value: the start of the expected path of a `level`
    /// without baseline.
    fn first_reported(&self) -> Option<Knot> {
        self.counted().find_map(|a| {
            a.value.map(|level| Knot {
                day: a.period.end(),
                level,
            })
        })
    }

    /// True for a `level` whose plan gives no baseline: its path starts at the first report.
    fn starts_at_first_report(&self) -> bool {
        self.ind.baseline.is_none() && self.ind.kind == Kind::Level
    }

    fn base_knot(&self) -> Knot {
        match (self.ind.baseline, self.ind.kind) {
            (Some(b), _) => Knot {
                day: b.period.end(),
                level: b.value,
            },
            (None, Kind::Level) => self.first_reported().unwrap_or(Knot {
                day: Day(self.header.start.start().0 - 1),
                level: 0.0,
            }),
            // A cumulative count without baseline starts from 0 on the eve of the plan.
            _ => Knot {
                day: Day(self.header.start.start().0 - 1),
                level: 0.0,
            },
        }
    }

    /// The knots of the expected path: the base, then each target's (derived) level.
    fn knots(&self) -> Vec<Knot> {
        let ind = self.ind;
        let sign = ind.direction.sign();
        let base = self.base_knot();
        let mut knots = vec![base];
        for t in &ind.targets {
            let prev = *knots.last().unwrap_or(&base);
            let day = t.period.end();
            let Some(v) = t.goal.threshold(ind.direction) else {
                continue;
            };
            let level = match ind.kind {
                Kind::Change => base.level + sign * v,
                Kind::AnnualChange => prev.level + sign * v * whole_years(prev.day, day),
                Kind::GrowthRate => {
                    prev.level * (1.0 + sign * v / 100.0).powf(years_between(prev.day, day))
                }
                _ => v,
            };
            knots.push(Knot { day, level });
        }
        knots
    }

    /// The expected level on a day, following the kind's path between knots.
    fn expected_at(&self, knots: &[Knot], day: Day) -> f64 {
        let ind = self.ind;
        let sign = ind.direction.sign();
        let first = knots[0];
        if day <= first.day || knots.len() == 1 {
            return first.level;
        }
        for (i, w) in knots.windows(2).enumerate() {
            let (a, b) = (w[0], w[1]);
            if day <= b.day {
                let target = &ind.targets[i];
                let rate = target.goal.threshold(ind.direction).unwrap_or(0.0);
                return match ind.kind {
                    Kind::AnnualChange => a.level + sign * rate * whole_years(a.day, day),
                    Kind::GrowthRate => {
                        a.level * (1.0 + sign * rate / 100.0).powf(years_between(a.day, day))
                    }
                    _ => {
                        let span = (b.day.0 - a.day.0).max(1) as f64;
                        a.level + (b.level - a.level) * (day.0 - a.day.0) as f64 / span
                    }
                };
            }
        }
        knots[knots.len() - 1].level
    }

    fn ratio(&self, latest: f64, expected: f64, base: f64) -> f64 {
        let sign = self.ind.direction.sign();
        let denom = sign * (expected - base);
        if denom.abs() < 1e-9 {
            if sign * (latest - expected) >= -1e-9 {
                1.0
            } else {
                0.0
            }
        } else {
            sign * (latest - base) / denom
        }
    }

    fn trended(&self, st: &mut IndicatorStatus) {
        let ind = self.ind;
        let knots = self.knots();
        for (t, k) in st.targets.iter_mut().zip(knots.iter().skip(1)) {
            t.level = Some(k.level);
        }
        if self.starts_at_first_report() && self.first_reported().is_none() {
            // No baseline and nothing reported yet: there is no path to measure against.
            return self.nothing_reported(st);
        }
        let base = knots[0];
        st.baseline = Some(base.level);
        // The expected path: from the base through the targets due after it (with a baseline
        // that is every target; from a first report, the targets it has not yet passed).
        let knots: Vec<Knot> = std::iter::once(base)
            .chain(knots[1..].iter().copied().filter(|k| k.day > base.day))
            .collect();
        // The measured series: levels, or running totals for cumulative, with each point's
        // period end (the day it is plotted and fitted at) kept beside it.
        let mut total = base.level;
        let mut ends: Vec<Day> = Vec::with_capacity(ind.actuals.len());
        let mut noted: Option<&Actual> = None;
        st.series = Vec::with_capacity(ind.actuals.len());
        st.series.extend(self.counted().filter_map(|a| {
            if a.note.is_some() {
                noted = Some(a);
            }
            let v = a.value?;
            let y = if ind.kind == Kind::Cumulative {
                total += v;
                total
            } else {
                v
            };
            ends.push(a.period.end());
            Some(Point {
                period: a.period,
                value: Some(y),
                state: None,
            })
        }));
        st.latest_note = noted.and_then(|a| a.note.clone());
        let series = &st.series;
        let value_at = |i: usize| series[i].value.unwrap_or(0.0);
        st.expected_now = Some(self.expected_at(&knots, self.as_of));

        // Each target's outcome at its deadline: the last point on or before it.
        for (i, t) in ind.targets.iter().enumerate() {
            let level = st.targets[i].level.unwrap_or(0.0);
            let end = t.period.end();
            let at_deadline = ends.iter().rposition(|d| *d <= end);
            st.targets[i].met = at_deadline.map(|j| t.goal.met(value_at(j), level, ind.direction));
        }

        // Projection through the baseline (or cumulative origin) and the series.
        let origin = (ind.baseline.is_some() || ind.kind == Kind::Cumulative)
            .then_some((base.day.0 as f64, base.level));
        let pts = origin.into_iter().chain(
            ends.iter()
                .enumerate()
                .map(|(i, d)| (d.0 as f64, value_at(i))),
        );
        let log = ind.kind == Kind::GrowthRate;
        st.projection = fit(pts, log).map(|p| Projection {
            lo: (ind.is_percent() || ind.kind == Kind::Cumulative).then_some(0.0),
            hi: ind.is_percent().then_some(100.0),
            ..p
        });
        if let Some(p) = st.projection {
            for (i, t) in ind.targets.iter().enumerate() {
                let v = p.at(t.period.end());
                let level = st.targets[i].level.unwrap_or(0.0);
                st.targets[i].projected = Some(v);
                st.targets[i].projected_met = Some(t.goal.met(v, level, ind.direction));
            }
            if let (Some(last), Some(fin)) = (ind.targets.last(), st.targets.last()) {
                let v = p.at(last.period.end());
                st.projected = Some(v);
                st.projected_status = Some(if fin.projected_met == Some(true) {
                    Status::Achieved
                } else {
                    self.th
                        .classify(self.ratio(v, fin.level.unwrap_or(v), base.level))
                });
            }
        }

        let (Some(&latest_day), Some(last)) = (ends.last(), st.series.last()) else {
            return self.nothing_reported(st);
        };
        let (latest, latest_period) = (last.value.unwrap_or(0.0), last.period);
        st.latest = Some(Point {
            period: latest_period,
            value: Some(latest),
            state: None,
        });
        let expected = self.expected_at(&knots, latest_day);
        st.expected = Some(expected);
        let ratio = self.ratio(latest, expected, base.level);
        st.progress_ratio = Some(ratio);

        let (Some(final_t), Some(final_e)) = (ind.targets.last(), st.targets.last()) else {
            st.status = self.th.classify(ratio);
            return;
        };
        let final_level = final_e.level.unwrap_or(latest);
        st.status = if final_t.goal.met(latest, final_level, ind.direction) {
            Status::Achieved
        } else if self.as_of > final_t.period.end() {
            Status::Missed
        } else {
            self.th.classify(ratio)
        };
        self.lower_for_earlier_misses(st);
    }

    /// An earlier (not final) target whose period has ended unmet lowers the status one step.
    fn lower_for_earlier_misses(&self, st: &mut IndicatorStatus) {
        let n = st.targets.len();
        if n < 2 || !matches!(st.status, Status::OnTrack | Status::AtRisk) {
            return;
        }
        if st.targets[..n - 1]
            .iter()
            .any(|t| t.due && t.met == Some(false))
        {
            st.status = st.status.lowered();
            st.lowered = true;
        }
    }

    fn recurring(&self, st: &mut IndicatorStatus) {
        let ind = self.ind;
        let dir = ind.direction;
        for (e, t) in st.targets.iter_mut().zip(&ind.targets) {
            e.level = t.goal.threshold(dir);
        }
        let counted: Vec<&Actual> = self.counted().collect();
        st.series = counted
            .iter()
            .map(|a| Point {
                period: a.period,
                value: a.value,
                state: None,
            })
            .collect();
        // Pair each target with the actual for the same period.
        let mut latest: Option<(usize, f64)> = None;
        for (i, t) in ind.targets.iter().enumerate() {
            let (start, end) = (t.period.start(), t.period.end());
            let actual = counted
                .iter()
                .find(|a| a.period.start() == start && a.period.end() == end)
                .and_then(|a| a.value);
            if let (Some(v), Some(level)) = (actual, st.targets[i].level) {
                st.targets[i].met = Some(t.goal.met(v, level, dir));
                latest = Some((i, v));
            }
        }
        st.expected_now = ind
            .targets
            .iter()
            .zip(&st.targets)
            .find(|(t, _)| t.period.start() <= self.as_of && self.as_of <= t.period.end())
            .and_then(|(_, e)| e.level);
        st.baseline = Some(0.0);
        let Some((i, v)) = latest else {
            return self.nothing_reported(st);
        };
        let level = st.targets[i].level.unwrap_or(0.0);
        st.latest = Some(Point {
            period: ind.targets[i].period,
            value: Some(v),
            state: None,
        });
        st.expected = Some(level);
        let ratio = match dir {
            Direction::Increase if level.abs() > 1e-9 => v / level,
            Direction::Decrease if v > level && v.abs() > 1e-9 => level / v,
            _ if st.targets[i].met == Some(true) => 1.0,
            _ => 0.0,
        };
        st.progress_ratio = Some(ratio);
        let last = ind.targets.len() - 1;
        let final_due = self.as_of > ind.targets[last].period.end();
        st.status = match (i == last, st.targets[i].met) {
            (true, Some(true)) => Status::Achieved,
            (true, _) if final_due => Status::Missed,
            // The last period is over and nothing was reported for it: an older period's ratio
            // must not pass for the plan's outcome.
            (false, _) if final_due => Status::NoData,
            _ => self.th.classify(ratio),
        };
        // A non-final period that has ended unmet (the latest reported one included) lowers the
        // status one step, as for every kind.
        self.lower_for_earlier_misses(st);
    }

    fn zero(&self, st: &mut IndicatorStatus) {
        let ind = self.ind;
        let (start, end) = match (ind.targets.first(), ind.targets.last()) {
            (Some(a), Some(b)) => (a.period.start(), b.period.end()),
            _ => (self.header.start.start(), self.header.end.end()),
        };
        for e in st.targets.iter_mut() {
            e.level = Some(0.0);
        }
        let counted: Vec<&Actual> = self
            .counted()
            .filter(|a| a.period.end() >= start && a.period.start() <= end)
            .collect();
        let mut total = 0.0;
        st.series = counted
            .iter()
            .map(|a| {
                total += a.value.unwrap_or(0.0);
                Point {
                    period: a.period,
                    value: a.value,
                    state: None,
                }
            })
            .collect();
        st.baseline = Some(0.0);
        st.expected_now = Some(0.0);
        let Some(last) = counted.last() else {
            st.status = if self.as_of < start {
                Status::NotDue
            } else {
                Status::NoData
            };
            return;
        };
        for (e, t) in st.targets.iter_mut().zip(&ind.targets) {
            let (from, to) = (t.period.start(), t.period.end());
            let in_window: f64 = counted
                .iter()
                .filter(|a| a.period.end() >= from && a.period.start() <= to)
                .filter_map(|a| a.value)
                .sum();
            e.met = Some(in_window <= 0.0);
        }
        st.latest = Some(Point {
            period: last.period,
            value: Some(total),
            state: None,
        });
        st.expected = Some(0.0);
        let ended = self.as_of > end;
        st.status = match (total > 0.0, ended) {
            (true, true) => Status::Missed,
            (true, false) => Status::OffTrack,
            (false, true) => Status::Achieved,
            (false, false) => Status::OnTrack,
        };
        st.progress_ratio = Some(if total > 0.0 { 0.0 } else { 1.0 });
    }

    fn stateful(&self, st: &mut IndicatorStatus) {
        let ind = self.ind;
        let start = self.header.start.start();
        let deadline_period = ind
            .targets
            .last()
            .map(|t| t.period)
            .unwrap_or(self.header.end);
        let deadline = deadline_period.end();
        let counted: Vec<&Actual> = self.counted().collect();
        st.series = counted
            .iter()
            .map(|a| Point {
                period: a.period,
                value: a.value,
                state: a.state,
            })
            .collect();
        let expected_pct = |day: Day| -> f64 {
            let span = (deadline.0 - start.0 + 1).max(1) as f64;
            (100.0 * (day.0 - start.0 + 1) as f64 / span).clamp(0.0, 100.0)
        };
        if ind.kind == Kind::Task {
            st.expected_now = Some(expected_pct(self.as_of));
            st.baseline = Some(0.0);
        }
        let Some(last) = counted.last() else {
            // A task runs from the plan's start; a milestone's clock starts with its deadline's period.
            let clock_starts = match ind.kind {
                Kind::Task => start,
                _ => deadline_period.start(),
            };
            st.status = if self.as_of < clock_starts {
                Status::NotDue
            } else {
                Status::NoData
            };
            return;
        };
        let state = last.state.unwrap_or(TaskState::InProgress);
        let pct = match (state, last.value) {
            (TaskState::Done, _) => Some(100.0),
            (_, Some(v)) => Some(v),
            (TaskState::NotStarted, None) => Some(0.0),
            _ => None,
        };
        st.latest = Some(Point {
            period: last.period,
            value: if ind.kind == Kind::Task { pct } else { None },
            state: Some(state),
        });
        let done = state == TaskState::Done;
        if let Some(e) = st.targets.last_mut() {
            e.met = Some(done).filter(|d| *d || e.due);
        }
        st.status = if done {
            Status::Achieved
        } else if self.as_of > deadline {
            Status::Missed
        } else if state == TaskState::Blocked {
            Status::OffTrack
        } else if ind.kind == Kind::Milestone {
            match state {
                TaskState::NotStarted if self.as_of >= deadline_period.start() => Status::AtRisk,
                _ => Status::OnTrack,
            }
        } else {
            match pct {
                Some(p) => {
                    let expected = expected_pct(last.period.end());
                    st.expected = Some(expected);
                    let ratio = if expected <= 0.0 { 1.0 } else { p / expected };
                    st.progress_ratio = Some(ratio);
                    self.th.classify(ratio)
                }
                None => Status::OnTrack,
            }
        };
    }
}

/// Least-squares line through points (day, value); on ln(value) when `log` (points ≤ 0 skipped).
/// Needs two points on distinct days.
fn fit(points: impl Iterator<Item = (f64, f64)> + Clone, log: bool) -> Option<Projection> {
    let finite = |&(x, y): &(f64, f64)| x.is_finite() && y.is_finite();
    if log {
        // The logarithms once each (the passes below would take them twice).
        let pts: Vec<(f64, f64)> = points
            .filter(|(_, y)| *y > 0.0)
            .map(|(x, y)| (x, y.ln()))
            .filter(finite)
            .collect();
        least_squares(pts.iter().copied(), log)
    } else {
        least_squares(points.filter(finite), log)
    }
}

/// The least-squares line through finite points, in two passes over them: each sum adds its
/// terms in order from the same zero as `Iterator::sum`, so the line does not depend on how the
/// points are held.
fn least_squares(pts: impl Iterator<Item = (f64, f64)> + Clone, log: bool) -> Option<Projection> {
    let zero: f64 = std::iter::empty::<f64>().sum();
    let (mut count, mut sum_x, mut sum_y) = (0usize, zero, zero);
    for (x, y) in pts.clone() {
        count += 1;
        sum_x += x;
        sum_y += y;
    }
    if count < 2 {
        return None;
    }
    let n = count as f64;
    // Centre x for numerical stability (days since 1970 are ~20,000).
    let mx = sum_x / n;
    let my = sum_y / n;
    let (mut sxx, mut sxy) = (zero, zero);
    for (x, y) in pts {
        sxx += (x - mx) * (x - mx);
        sxy += (x - mx) * (y - my);
    }
    if sxx <= 0.0 {
        return None;
    }
    let slope = sxy / sxx;
    let proj = Projection {
        intercept: my - slope * mx,
        slope,
        log,
        lo: None,
        hi: None,
    };
    (proj.intercept.is_finite() && proj.slope.is_finite()).then_some(proj)
}

fn as_string<S: serde::Serializer, T: std::fmt::Display>(
    value: &T,
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_str(value)
}
