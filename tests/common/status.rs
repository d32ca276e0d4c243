//! Helpers and fixture indicators for the status-engine tests (`tests/status_*.rs`), which check
//! the engine against the documented rules (docs/format.md, "Kinds and their arithmetic" and
//! "Status"). Every expected number is worked by hand in a comment next to it.
//!
//! Day counts used throughout (time is measured between period ends):
//!
//! | from → to                | days |
//! |--------------------------|------|
//! | 2023-12-31 → 2024-06-30  | 182  |
//! | 2023-12-31 → 2024-12-31  | 366  (2024 is a leap year) |
//! | 2024-12-31 → 2025-06-30  | 181  |
//! | 2024-12-31 → 2025-12-31  | 365  |
//! | 2023-12-31 → 2025-06-30  | 547  |
//! | 2023-12-31 → 2025-12-31  | 731  |
//! | 2023-12-31 → 2026-12-31  | 1096 |
//!
//! Unless a case says otherwise the plan runs from 2024 to 2026, so the plan starts on
//! 2024-01-01 and its eve is 2023-12-31.

use plan_widget::status::{IndicatorStatus, Thresholds};
use plan_widget::{evaluate, load, Day, Evaluation, Options, Plan, Status};

pub const TOL: f64 = 1e-9;

pub fn day(text: &str) -> Day {
    Day::parse(text).expect("a YYYY-MM-DD date")
}

/// A full indicator object in section `s` from its kind-specific fields.
pub fn indicator(id: &str, fields: &str) -> String {
    format!(r#"{{"id":"{id}","section":"s","name":"{id}","quote":"{id}",{fields}}}"#)
}

/// A plan file. `header` holds the plan fields after id/title/issuer (at least start and end).
pub fn plan_text(header: &str, sections: &str, indicators: &[String]) -> String {
    format!(
        r#"{{"schemaVersion":1,
            "plan":{{"id":"p","title":"t","issuer":"i",{header}}},
            "sections":{sections},
            "indicators":[{}]}}"#,
        indicators.join(",")
    )
}

/// A one-indicator plan running 2024–2026 (no `asOf`) from the indicator's kind-specific fields.
pub fn one_indicator_plan(fields: &str) -> String {
    plan_text(
        r#""start":"2024","end":"2026""#,
        r#"[{"id":"s","title":"S"}]"#,
        &[indicator("x", fields)],
    )
}

#[track_caller]
pub fn load_ok(text: &str) -> Plan {
    let loaded = load(text);
    assert!(
        loaded.diagnostics.is_empty(),
        "unexpected diagnostics {:#?}\nin {text}",
        loaded.diagnostics
    );
    assert!(loaded.rejected.is_empty());
    loaded.plan.expect("a usable plan")
}

#[track_caller]
pub fn eval_plan(text: &str, as_of: Option<&str>, thresholds: Thresholds) -> Evaluation {
    let plan = load_ok(text);
    evaluate(
        &plan,
        &Options {
            as_of: as_of.map(day),
            thresholds,
        },
    )
}

/// Evaluates a one-indicator plan with the default thresholds.
#[track_caller]
pub fn eval_at(fields: &str, as_of: &str) -> IndicatorStatus {
    eval_with(fields, as_of, Thresholds::default())
}

#[track_caller]
pub fn eval_with(fields: &str, as_of: &str, thresholds: Thresholds) -> IndicatorStatus {
    let ev = eval_plan(&one_indicator_plan(fields), Some(as_of), thresholds);
    assert_eq!(ev.indicators.len(), 1);
    ev.indicators.into_iter().next().expect("one indicator")
}

#[track_caller]
pub fn close(got: Option<f64>, want: f64, what: &str) {
    close_tol(got, want, TOL, what);
}

#[track_caller]
pub fn close_tol(got: Option<f64>, want: f64, tol: f64, what: &str) {
    match got {
        Some(g) => assert!(
            (g - want).abs() <= tol,
            "{what}: got {g}, want {want} (±{tol})"
        ),
        None => panic!("{what}: got None, want {want}"),
    }
}

pub fn latest_value(st: &IndicatorStatus) -> Option<f64> {
    st.latest.as_ref().and_then(|p| p.value)
}

pub fn series_values(st: &IndicatorStatus) -> Vec<Option<f64>> {
    st.series.iter().map(|p| p.value).collect()
}

/// A `level` in % from 60 (2023) to 80 (2025): expected = 60 + 20·t/731, t days after 2023-12-31.
pub fn level(actuals: &str) -> String {
    format!(
        r#""kind":"level","unit":"%","baseline":{{"period":"2023","value":60}},
           "targets":[{{"period":"2025","value":80}}],"actuals":[{actuals}]"#
    )
}

/// A `level` with two targets: 60 (2023) → 70 (2024) → 80 (2025).
pub fn level_two_targets(actuals: &str) -> String {
    format!(
        r#""kind":"level","unit":"%","baseline":{{"period":"2023","value":60}},
           "targets":[{{"period":"2024","value":70}},{{"period":"2025","value":80}}],
           "actuals":[{actuals}]"#
    )
}

/// Evaluates a one-indicator plan running through 2024 only (default thresholds).
#[track_caller]
pub fn eval_in_2024(fields: &str, as_of: &str) -> IndicatorStatus {
    let text = plan_text(
        r#""start":"2024","end":"2024""#,
        r#"[{"id":"s","title":"S"}]"#,
        &[indicator("x", fields)],
    );
    let ev = eval_plan(&text, Some(as_of), Thresholds::default());
    ev.indicators.into_iter().next().expect("one indicator")
}

/// One reported value: `{"period":…,"value":…}`.
pub fn one(period: &str, value: f64) -> String {
    format!(r#"{{"period":"{period}","value":{value}}}"#)
}

/// Evaluates a one-indicator plan at `as_of` (default thresholds) and checks its status.
#[track_caller]
pub fn status_at(fields: &str, as_of: &str, status: Status) -> IndicatorStatus {
    let st = eval_at(fields, as_of);
    assert_eq!(st.status, status, "status as of {as_of}");
    st
}

/// [`status_at`], and checks the progress ratio too.
#[track_caller]
pub fn ratio_at(fields: &str, as_of: &str, ratio: f64, status: Status) -> IndicatorStatus {
    let st = status_at(fields, as_of, status);
    close(st.progress_ratio, ratio, "ratio");
    st
}

// Fixture indicators, one family per kind.

/// 提高10个百分点: baseline 50 % (2023), target 2025 = +10 → level 60.
pub fn change(actuals: &str) -> String {
    format!(
        r#""kind":"change","unit":"%","baseline":{{"period":"2023","value":50}},
           "targets":[{{"period":"2025","value":10}}],"actuals":[{actuals}]"#
    )
}

/// +2 a year from 10 (2023) to 2026: target level 10 + 2·3 = 16.
pub fn annual(actuals: &str) -> String {
    format!(
        r#""kind":"annualChange","baseline":{{"period":"2023","value":10}},
           "targets":[{{"period":"2026","value":2}}],"actuals":[{actuals}]"#
    )
}

/// 录取人数力争每年增长30%: 10 (2023), +30 % a year, target 2025 → 10·1.3² = 16.9.
pub fn growth(actuals: &str) -> String {
    format!(
        r#""kind":"growthRate","baseline":{{"period":"2023","value":10}},
           "targets":[{{"period":"2025","value":30}}],"actuals":[{actuals}]"#
    )
}

/// 三年培养90名: no baseline (0 on 2023-12-31), running total 90 by 2026.
/// Expected total = 90·t/1096, t days after 2023-12-31.
pub fn cumulative(actuals: &str) -> String {
    format!(
        r#""kind":"cumulative","unit":"名","targets":[{{"period":"2026","value":90}}],
           "actuals":[{actuals}]"#
    )
}

/// 每位教师每年96培训学时, 2024–2026.
pub fn recurring(actuals: &str) -> String {
    format!(
        r#""kind":"recurring","unit":"学时",
           "targets":[{{"period":"2024","value":96}},{{"period":"2025","value":96}},
                      {{"period":"2026","value":96}}],
           "actuals":[{actuals}]"#
    )
}

/// 无较大及以上校园安全责任事故: no targets → covers the plan's span 2024–2026.
pub fn zero(actuals: &str) -> String {
    format!(r#""kind":"zero","unit":"起","actuals":[{actuals}]"#)
}

/// 2025年创成省三星级高中: deadline 2025-12-31.
pub fn milestone(actuals: &str) -> String {
    format!(r#""kind":"milestone","targets":[{{"period":"2025"}}],"actuals":[{actuals}]"#)
}

/// A task due in 2025: expected percent = 100·t/731, t days after the plan's eve 2023-12-31.
pub fn task(actuals: &str) -> String {
    format!(r#""kind":"task","targets":[{{"period":"2025"}}],"actuals":[{actuals}]"#)
}
