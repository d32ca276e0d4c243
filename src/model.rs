//! The validated plan model: what [`crate::parse::load`] produces from JSON and every later stage
//! reads. Field names serialize in the file format's camelCase.

use serde::{Serialize, Serializer};

use crate::period::{Day, Period};

/// A whole plan file after validation: the header, its sections and the indicators that passed.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    /// The plan's header.
    pub plan: PlanHeader,
    /// The plan's chapters or task groups.
    pub sections: Vec<Section>,
    /// The indicators that passed validation, in file order.
    pub indicators: Vec<Indicator>,
}

/// The `plan` object of a file.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanHeader {
    /// Stable identifier.
    pub id: String,
    /// The plan's title as published.
    pub title: String,
    /// The issuing body.
    pub issuer: String,
    /// First period of the plan.
    #[serde(serialize_with = "as_string")]
    pub start: Period,
    /// Last period of the plan.
    #[serde(serialize_with = "as_string")]
    pub end: Period,
    /// The date the actual values describe.
    #[serde(serialize_with = "opt_as_string")]
    pub as_of: Option<Day>,
    /// Where the plan was published.
    pub source: Option<Source>,
    /// True when the actual values are illustrative (示例数据).
    pub sample_data: bool,
    /// Language of the plan's own strings.
    pub locale: Locale,
    /// A remark every reader must see.
    pub note: Option<String>,
}

/// Where a plan was published.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Source {
    /// Title of the published document.
    pub title: String,
    /// Address; shown as a link only for `http:`/`https:`.
    pub url: Option<String>,
}

impl Source {
    /// The URL when it may be shown as a link (`http:` or `https:` only).
    pub fn safe_url(&self) -> Option<&str> {
        self.url.as_deref().filter(|u| is_http_url(u))
    }
}

/// True for an absolute `http:` or `https:` URL (case-insensitive scheme).
pub fn is_http_url(url: &str) -> bool {
    let lower = url
        .trim_start()
        .get(..8)
        .unwrap_or(url)
        .to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && !url.chars().any(|c| c.is_control() || c.is_whitespace())
}

/// A supported language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize)]
pub enum Locale {
    /// Simplified Chinese (the default).
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    /// English.
    #[serde(rename = "en")]
    En,
}

impl Locale {
    /// Parses `zh-CN` (also `zh`, `zh-Hans`) or `en` (also `en-*`).
    pub fn parse(text: &str) -> Option<Locale> {
        let lower = text.to_ascii_lowercase();
        if lower == "zh-cn" || lower == "zh" || lower == "zh-hans" || lower == "zh-hans-cn" {
            Some(Locale::ZhCn)
        } else if lower == "en" || lower.starts_with("en-") {
            Some(Locale::En)
        } else {
            None
        }
    }
}

/// A chapter or task group of the plan.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Section {
    /// Unique among sections.
    pub id: String,
    /// Title as written in the plan.
    pub title: String,
    /// 责任领导.
    pub leaders: Vec<String>,
    /// 责任单位.
    pub units: Vec<String>,
}

/// One target or task of the plan.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Indicator {
    /// Unique among indicators.
    pub id: String,
    /// The id of its section.
    pub section: String,
    /// Short name.
    pub name: String,
    /// Unit of the measured value (`%`, `所`, `万元`, …); empty when none.
    pub unit: String,
    /// What is measured and how targets are read.
    pub kind: Kind,
    /// Which way is better.
    pub direction: Direction,
    /// The starting point.
    pub baseline: Option<Baseline>,
    /// Targets in period order.
    pub targets: Vec<Target>,
    /// Reported values in period order.
    pub actuals: Vec<Actual>,
    /// The plan's own sentence.
    pub quote: String,
    /// 责任领导 of this item.
    pub leaders: Vec<String>,
    /// 责任单位 of this item.
    pub units: Vec<String>,
    /// A remark shown with the indicator.
    pub note: Option<String>,
}

impl Indicator {
    /// True when the unit is percent, so levels must lie in 0–100.
    pub fn is_percent(&self) -> bool {
        self.unit == "%"
    }
}

/// The kinds of indicator, each with its own arithmetic (see `docs/format.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Kind {
    /// A level to reach: 覆盖率达70%.
    Level,
    /// A change from the baseline: 提高10个百分点.
    Change,
    /// A change per year: 年均降低0.5个百分点.
    AnnualChange,
    /// Compounding growth per year in percent: 每年增长30%.
    GrowthRate,
    /// A running total of per-period amounts: 三年培养90名.
    Cumulative,
    /// An amount per period: 每年评选1—2所.
    Recurring,
    /// No incidents: 无较大及以上校园安全责任事故.
    Zero,
    /// Done or not by a deadline: 2024年创成省三星级高中.
    Milestone,
    /// A qualitative task with a state and optional percent.
    Task,
}

impl Kind {
    /// Every kind, in documentation order.
    pub const ALL: [Kind; 9] = [
        Kind::Level,
        Kind::Change,
        Kind::AnnualChange,
        Kind::GrowthRate,
        Kind::Cumulative,
        Kind::Recurring,
        Kind::Zero,
        Kind::Milestone,
        Kind::Task,
    ];

    /// The name used in the file format.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Level => "level",
            Kind::Change => "change",
            Kind::AnnualChange => "annualChange",
            Kind::GrowthRate => "growthRate",
            Kind::Cumulative => "cumulative",
            Kind::Recurring => "recurring",
            Kind::Zero => "zero",
            Kind::Milestone => "milestone",
            Kind::Task => "task",
        }
    }

    /// Parses the file format's name.
    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// Kinds whose baseline is required: their targets are changes measured from it. A `level`
    /// may omit it (its expected path then starts at the first reported actual).
    pub fn needs_baseline(self) -> bool {
        matches!(self, Kind::Change | Kind::AnnualChange | Kind::GrowthRate)
    }

    /// Kinds that may not have a baseline.
    pub fn forbids_baseline(self) -> bool {
        matches!(
            self,
            Kind::Recurring | Kind::Zero | Kind::Milestone | Kind::Task
        )
    }

    /// Kinds whose actuals carry a `state` instead of a measured value.
    pub fn has_states(self) -> bool {
        matches!(self, Kind::Milestone | Kind::Task)
    }

    /// Kinds whose actuals are amounts per period that add up (so periods must not overlap).
    pub fn sums_actuals(self) -> bool {
        matches!(self, Kind::Cumulative | Kind::Zero)
    }

    /// Kinds with a value trajectory that can be projected by least squares.
    pub fn is_trended(self) -> bool {
        matches!(
            self,
            Kind::Level | Kind::Change | Kind::AnnualChange | Kind::GrowthRate | Kind::Cumulative
        )
    }
}

/// Which way is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Direction {
    /// Higher is better (the default).
    #[default]
    Increase,
    /// Lower is better.
    Decrease,
}

impl Direction {
    /// +1 for increase, −1 for decrease: multiply a difference by it to get "better is positive".
    pub fn sign(self) -> f64 {
        match self {
            Direction::Increase => 1.0,
            Direction::Decrease => -1.0,
        }
    }
}

/// The starting point of an indicator.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Baseline {
    /// When it was measured.
    #[serde(serialize_with = "as_string")]
    pub period: Period,
    /// The level (or, for `cumulative`, the amount already counted).
    pub value: f64,
}

/// A target: a period and what is to be reached by its end.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Target {
    /// The period whose end is the deadline.
    #[serde(serialize_with = "as_string")]
    pub period: Period,
    /// What is to be reached.
    pub goal: Goal,
}

/// What a target asks for.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Goal {
    /// Only a deadline (`milestone`, `task`, or `zero` without a value).
    Deadline,
    /// One value compared by a bound.
    Value {
        /// The number in the plan.
        value: f64,
        /// How the value is compared.
        bound: Bound,
    },
    /// A band `min`–`max` (either end may be open).
    Band {
        /// Lower end.
        min: Option<f64>,
        /// Upper end.
        max: Option<f64>,
    },
}

/// How a target value is compared with an actual value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Bound {
    /// 以上, 不少于, 力争, 达到: value ≥ target.
    AtLeast,
    /// 以下, 不超过: value ≤ target.
    AtMost,
    /// 保持: value = target.
    Exact,
    /// 约, 左右: within ±5 % of the target.
    Approx,
}

impl Bound {
    /// Relative tolerance of [`Bound::Approx`].
    pub const APPROX_TOLERANCE: f64 = 0.05;

    /// The name used in the file format.
    pub fn as_str(self) -> &'static str {
        match self {
            Bound::AtLeast => "atLeast",
            Bound::AtMost => "atMost",
            Bound::Exact => "exact",
            Bound::Approx => "approx",
        }
    }

    /// The default bound for a direction.
    pub fn default_for(direction: Direction) -> Bound {
        match direction {
            Direction::Increase => Bound::AtLeast,
            Direction::Decrease => Bound::AtMost,
        }
    }

    /// Whether `actual` meets `target` under this bound.
    pub fn met(self, actual: f64, target: f64) -> bool {
        const EPS: f64 = 1e-9;
        match self {
            Bound::AtLeast => actual >= target - EPS,
            Bound::AtMost => actual <= target + EPS,
            Bound::Exact => (actual - target).abs() <= EPS,
            Bound::Approx => (actual - target).abs() <= target.abs() * Self::APPROX_TOLERANCE + EPS,
        }
    }
}

/// The state of a milestone or task.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum TaskState {
    /// 未启动.
    NotStarted,
    /// 推进中.
    InProgress,
    /// 已完成.
    Done,
    /// 受阻.
    Blocked,
}

impl TaskState {
    /// Parses the file format's name.
    pub fn parse(text: &str) -> Option<TaskState> {
        match text {
            "notStarted" => Some(TaskState::NotStarted),
            "inProgress" => Some(TaskState::InProgress),
            "done" => Some(TaskState::Done),
            "blocked" => Some(TaskState::Blocked),
            _ => None,
        }
    }
}

/// A reported value.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Actual {
    /// The period it describes.
    #[serde(serialize_with = "as_string")]
    pub period: Period,
    /// The level, the amount in the period, or a task's percent complete.
    pub value: Option<f64>,
    /// State of a milestone or task.
    pub state: Option<TaskState>,
    /// A remark.
    pub note: Option<String>,
}

fn as_string<S: Serializer, T: std::fmt::Display>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(value)
}

fn opt_as_string<S: Serializer, T: std::fmt::Display>(
    value: &Option<T>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => s.collect_str(v),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_compare_as_documented() {
        assert!(Bound::AtLeast.met(70.0, 70.0));
        assert!(!Bound::AtLeast.met(69.99, 70.0));
        assert!(Bound::AtMost.met(3.0, 3.5));
        assert!(Bound::Exact.met(1.0, 1.0));
        assert!(!Bound::Exact.met(1.01, 1.0));
        assert!(Bound::Approx.met(1.52, 1.6));
        assert!(!Bound::Approx.met(1.51, 1.6));
        assert!(Bound::Approx.met(1.68, 1.6));
    }

    #[test]
    fn only_http_urls_are_links() {
        for ok in ["https://edu.gov.cn/a", "HTTP://x.cn"] {
            assert!(is_http_url(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "data:text/html,<b>",
            "//evil.cn",
            "https://a b",
            "ftp://x",
            "",
        ] {
            assert!(!is_http_url(bad), "{bad}");
        }
    }

    #[test]
    fn kind_names_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()), Some(k));
        }
        assert_eq!(Kind::parse("Level"), None);
    }
}
