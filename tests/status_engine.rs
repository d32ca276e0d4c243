//! The status engine against the documented rules (docs/format.md, "Kinds and their arithmetic"
//! and "Status"). Every expected number is worked by hand in a comment next to it.
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
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

use plan_widget::status::{IndicatorStatus, StatusCounts, Thresholds};
use plan_widget::{evaluate, load, Day, Evaluation, Options, Plan, Status};

const TOL: f64 = 1e-9;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn day(text: &str) -> Day {
    Day::parse(text).expect("a YYYY-MM-DD date")
}

/// A full indicator object in section `s` from its kind-specific fields.
fn indicator(id: &str, fields: &str) -> String {
    format!(r#"{{"id":"{id}","section":"s","name":"{id}","quote":"{id}",{fields}}}"#)
}

/// A plan file. `header` holds the plan fields after id/title/issuer (at least start and end).
fn plan_text(header: &str, sections: &str, indicators: &[String]) -> String {
    format!(
        r#"{{"schemaVersion":1,
            "plan":{{"id":"p","title":"t","issuer":"i",{header}}},
            "sections":{sections},
            "indicators":[{}]}}"#,
        indicators.join(",")
    )
}

/// A one-indicator plan running 2024–2026 (no `asOf`) from the indicator's kind-specific fields.
fn one_indicator_plan(fields: &str) -> String {
    plan_text(
        r#""start":"2024","end":"2026""#,
        r#"[{"id":"s","title":"S"}]"#,
        &[indicator("x", fields)],
    )
}

#[track_caller]
fn load_ok(text: &str) -> Plan {
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
fn eval_plan(text: &str, as_of: Option<&str>, thresholds: Thresholds) -> Evaluation {
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
fn eval_at(fields: &str, as_of: &str) -> IndicatorStatus {
    eval_with(fields, as_of, Thresholds::default())
}

#[track_caller]
fn eval_with(fields: &str, as_of: &str, thresholds: Thresholds) -> IndicatorStatus {
    let ev = eval_plan(&one_indicator_plan(fields), Some(as_of), thresholds);
    assert_eq!(ev.indicators.len(), 1);
    ev.indicators.into_iter().next().expect("one indicator")
}

#[track_caller]
fn close(got: Option<f64>, want: f64, what: &str) {
    close_tol(got, want, TOL, what);
}

#[track_caller]
fn close_tol(got: Option<f64>, want: f64, tol: f64, what: &str) {
    match got {
        Some(g) => assert!(
            (g - want).abs() <= tol,
            "{what}: got {g}, want {want} (±{tol})"
        ),
        None => panic!("{what}: got None, want {want}"),
    }
}

fn latest_value(st: &IndicatorStatus) -> Option<f64> {
    st.latest.as_ref().and_then(|p| p.value)
}

fn series_values(st: &IndicatorStatus) -> Vec<Option<f64>> {
    st.series.iter().map(|p| p.value).collect()
}

/// A `level` in % from 60 (2023) to 80 (2025): expected = 60 + 20·t/731, t days after 2023-12-31.
fn level(actuals: &str) -> String {
    format!(
        r#""kind":"level","unit":"%","baseline":{{"period":"2023","value":60}},
           "targets":[{{"period":"2025","value":80}}],"actuals":[{actuals}]"#
    )
}

/// A `level` with two targets: 60 (2023) → 70 (2024) → 80 (2025).
fn level_two_targets(actuals: &str) -> String {
    format!(
        r#""kind":"level","unit":"%","baseline":{{"period":"2023","value":60}},
           "targets":[{{"period":"2024","value":70}},{{"period":"2025","value":80}}],
           "actuals":[{actuals}]"#
    )
}

// ---------------------------------------------------------------------------------------------
// level
// ---------------------------------------------------------------------------------------------

#[test]
fn level_ratio_statuses() {
    // Expected at 2024-12-31 = 60 + 20·366/731 = 70.013680.
    let expected_2024 = 60.0 + 20.0 * 366.0 / 731.0;

    // 70 → ratio (70−60)/(70.013680−60) = 10/10.013680 = 0.998634 ≥ 0.95 → onTrack.
    let st = eval_at(&level(r#"{"period":"2024","value":70}"#), "2025-03-01");
    assert_eq!(st.status, Status::OnTrack);
    close(st.baseline, 60.0, "baseline");
    close(latest_value(&st), 70.0, "latest");
    close(st.expected, expected_2024, "expected");
    close(st.progress_ratio, 10.0 / (expected_2024 - 60.0), "ratio");
    close_tol(st.progress_ratio, 0.998_634, 1e-6, "ratio ≈ 0.998634");
    // Expected now (2025-03-01, t = 366 + 31 + 28 + 1 = 426): 60 + 20·426/731 = 71.655267.
    close(st.expected_now, 60.0 + 20.0 * 426.0 / 731.0, "expected now");
    assert!(!st.lowered);

    // 67 → 7/10.013680 = 0.699044: ≥ 0.6, < 0.95 → atRisk.
    let st = eval_at(&level(r#"{"period":"2024","value":67}"#), "2025-03-01");
    assert_eq!(st.status, Status::AtRisk);
    close(st.progress_ratio, 7.0 * 731.0 / 7320.0, "ratio");

    // 64 → 4/10.013680 = 0.399454 < 0.6 → offTrack.
    let st = eval_at(&level(r#"{"period":"2024","value":64}"#), "2025-03-01");
    assert_eq!(st.status, Status::OffTrack);
    close(st.progress_ratio, 4.0 * 731.0 / 7320.0, "ratio");

    // On the final target's last day (not yet ended): 79 vs expected 80 →
    // 19/20 = 0.95, exactly the threshold → onTrack (not missed).
    let st = eval_at(
        &level(r#"{"period":"2024","value":70},{"period":"2025","value":79}"#),
        "2025-12-31",
    );
    assert_eq!(st.status, Status::OnTrack);
    close(st.expected, 80.0, "expected at 2025-12-31");
    close(st.progress_ratio, 0.95, "ratio");
}

#[test]
fn level_achieved_and_missed() {
    // 81 ≥ 80 (atLeast, the default for increase) → achieved, before the deadline.
    let st = eval_at(
        &level(r#"{"period":"2024","value":70},{"period":"2025-H1","value":81}"#),
        "2025-07-15",
    );
    assert_eq!(st.status, Status::Achieved);
    // The target's `met` uses the latest value ending by its deadline, so far 81 ≥ 80.
    assert_eq!(st.targets[0].met, Some(true));
    assert!(!st.targets[0].due, "2025 has not ended");

    // 79 < 80 and 2026-01-01 is after 2025-12-31 → missed.
    let st = eval_at(
        &level(r#"{"period":"2024","value":70},{"period":"2025","value":79}"#),
        "2026-01-01",
    );
    assert_eq!(st.status, Status::Missed);
    assert_eq!(st.targets[0].met, Some(false));
    assert!(st.targets[0].due);
}

#[test]
fn level_not_due_and_no_data() {
    // No actuals; the only target period (2025) starts 2025-01-01.
    let st = eval_at(&level(""), "2024-12-31");
    assert_eq!(st.status, Status::NotDue);
    assert_eq!(st.progress_ratio, None);
    assert_eq!(
        st.projection, None,
        "one point (the baseline) cannot be fitted"
    );
    assert_eq!(st.projected, None);

    let st = eval_at(&level(""), "2025-01-01");
    assert_eq!(st.status, Status::NoData);
    assert_eq!(st.latest, None);
}

#[test]
fn level_decrease() {
    // 30 (2023) → 20 (2025), lower is better; default bound atMost.
    let ind = |actuals: &str| {
        format!(
            r#""kind":"level","direction":"decrease","baseline":{{"period":"2023","value":30}},
               "targets":[{{"period":"2025","value":20}}],"actuals":[{actuals}]"#
        )
    };
    // Expected at 2024-12-31 = 30 − 10·366/731 = 24.993160; expected fall 5.006840.
    let fall = 10.0 * 366.0 / 731.0;

    // 25: ratio = −(25−30) / −(24.993160−30) = 5/5.006840 = 0.998634 → onTrack.
    let st = eval_at(&ind(r#"{"period":"2024","value":25}"#), "2025-03-01");
    assert_eq!(st.status, Status::OnTrack);
    close(st.expected, 30.0 - fall, "expected");
    close(st.progress_ratio, 5.0 / fall, "ratio");

    // 26.5: 3.5/5.006840 = 0.699044 → atRisk.
    let st = eval_at(&ind(r#"{"period":"2024","value":26.5}"#), "2025-03-01");
    assert_eq!(st.status, Status::AtRisk);
    close(st.progress_ratio, 3.5 / fall, "ratio");

    // 27: 3/5.006840 = 0.599180, just under 0.6 → offTrack.
    let st = eval_at(&ind(r#"{"period":"2024","value":27}"#), "2025-03-01");
    assert_eq!(st.status, Status::OffTrack);
    close(st.progress_ratio, 3.0 / fall, "ratio");

    // 32 (worse than the baseline): −2/5.006840 = −0.399454 → offTrack.
    let st = eval_at(&ind(r#"{"period":"2024","value":32}"#), "2025-03-01");
    assert_eq!(st.status, Status::OffTrack);
    close(st.progress_ratio, -2.0 / fall, "ratio");

    // 19.5 ≤ 20 → achieved.
    let st = eval_at(&ind(r#"{"period":"2025-H1","value":19.5}"#), "2025-07-01");
    assert_eq!(st.status, Status::Achieved);

    // 21 > 20 after 2025-12-31 → missed.
    let st = eval_at(&ind(r#"{"period":"2025","value":21}"#), "2026-01-01");
    assert_eq!(st.status, Status::Missed);
}

// ---------------------------------------------------------------------------------------------
// change
// ---------------------------------------------------------------------------------------------

/// 提高10个百分点: baseline 50 % (2023), target 2025 = +10 → level 60.
fn change(actuals: &str) -> String {
    format!(
        r#""kind":"change","unit":"%","baseline":{{"period":"2023","value":50}},
           "targets":[{{"period":"2025","value":10}}],"actuals":[{actuals}]"#
    )
}

#[test]
fn change_ratio_statuses() {
    // Target level 50 + 10 = 60; expected at 2024-12-31 = 50 + 10·366/731 = 55.006840.
    let rise = 10.0 * 366.0 / 731.0;

    // 55: 5/5.006840 = 0.998634 → onTrack.
    let st = eval_at(&change(r#"{"period":"2024","value":55}"#), "2025-03-01");
    assert_eq!(st.status, Status::OnTrack);
    close(st.targets[0].level, 60.0, "derived target level");
    close(st.expected, 50.0 + rise, "expected");
    close(st.progress_ratio, 5.0 / rise, "ratio");

    // 53.5: 3.5/5.006840 = 0.699044 → atRisk.
    let st = eval_at(&change(r#"{"period":"2024","value":53.5}"#), "2025-03-01");
    assert_eq!(st.status, Status::AtRisk);
    close(st.progress_ratio, 3.5 / rise, "ratio");

    // 52: 2/5.006840 = 0.399454 → offTrack.
    let st = eval_at(&change(r#"{"period":"2024","value":52}"#), "2025-03-01");
    assert_eq!(st.status, Status::OffTrack);
    close(st.progress_ratio, 2.0 / rise, "ratio");
}

#[test]
fn change_achieved_missed_not_due_no_data() {
    // 60.5 ≥ 60 → achieved.
    let st = eval_at(
        &change(r#"{"period":"2025-H1","value":60.5}"#),
        "2025-07-01",
    );
    assert_eq!(st.status, Status::Achieved);

    // 59 < 60, 2025 has ended → missed.
    let st = eval_at(&change(r#"{"period":"2025","value":59}"#), "2026-01-01");
    assert_eq!(st.status, Status::Missed);

    assert_eq!(eval_at(&change(""), "2024-06-30").status, Status::NotDue);
    assert_eq!(eval_at(&change(""), "2025-01-01").status, Status::NoData);
}

#[test]
fn change_decrease_and_chained_targets() {
    // Decrease by 10 from 50 → target level 40; expected at 2024-12-31 = 50 − 5.006840.
    let st = eval_at(
        r#""kind":"change","direction":"decrease","baseline":{"period":"2023","value":50},
           "targets":[{"period":"2025","value":10}],"actuals":[{"period":"2024","value":45}]"#,
        "2025-03-01",
    );
    let fall = 10.0 * 366.0 / 731.0;
    close(st.targets[0].level, 40.0, "derived level");
    close(st.expected, 50.0 - fall, "expected");
    // −(45−50)/−(44.993160−50) = 5/5.006840 = 0.998634 → onTrack.
    close(st.progress_ratio, 5.0 / fall, "ratio");
    assert_eq!(st.status, Status::OnTrack);

    // Two change targets: each is measured from the baseline: 50+4 = 54, 50+10 = 60.
    let st = eval_at(
        r#""kind":"change","baseline":{"period":"2023","value":50},
           "targets":[{"period":"2024","value":4},{"period":"2025","value":10}]"#,
        "2024-06-30",
    );
    close(st.targets[0].level, 54.0, "first level");
    close(st.targets[1].level, 60.0, "second level");
    // Path 50 → 54 over 366 days; at 2024-06-30 (182 days): 50 + 4·182/366 = 51.989071.
    close(st.expected_now, 50.0 + 4.0 * 182.0 / 366.0, "expected now");
}

// ---------------------------------------------------------------------------------------------
// annualChange
// ---------------------------------------------------------------------------------------------

/// +2 a year from 10 (2023) to 2026: target level 10 + 2·3 = 16.
fn annual(actuals: &str) -> String {
    format!(
        r#""kind":"annualChange","baseline":{{"period":"2023","value":10}},
           "targets":[{{"period":"2026","value":2}}],"actuals":[{actuals}]"#
    )
}

#[test]
fn annual_change_ratio_statuses() {
    // 2024-12-31 is one whole year after 2023-12-31 → expected 10 + 2·1 = 12.
    // 12 → (12−10)/(12−10) = 1 → onTrack.
    let st = eval_at(&annual(r#"{"period":"2024","value":12}"#), "2025-03-01");
    assert_eq!(st.status, Status::OnTrack);
    close(st.targets[0].level, 16.0, "target level 10 + 2·3");
    close(st.expected, 12.0, "expected");
    close(st.progress_ratio, 1.0, "ratio");
    // 2025-03-01 is still one whole year (the next step comes on 2025-12-31): 12.
    close(st.expected_now, 12.0, "expected now");

    // 2025-12-31: two whole years → expected 14. 12.8 → 2.8/4 = 0.7 → atRisk.
    let st = eval_at(&annual(r#"{"period":"2025","value":12.8}"#), "2026-03-01");
    assert_eq!(st.status, Status::AtRisk);
    close(st.expected, 14.0, "expected");
    close(st.progress_ratio, 0.7, "ratio");

    // 11 → 1/4 = 0.25 → offTrack.
    let st = eval_at(&annual(r#"{"period":"2025","value":11}"#), "2026-03-01");
    assert_eq!(st.status, Status::OffTrack);
    close(st.progress_ratio, 0.25, "ratio");
}

#[test]
fn annual_change_achieved_missed_not_due_no_data() {
    // 16.5 ≥ 16 → achieved.
    let st = eval_at(&annual(r#"{"period":"2025","value":16.5}"#), "2026-03-01");
    assert_eq!(st.status, Status::Achieved);

    // 15.5 < 16 and 2026 has ended → missed.
    let st = eval_at(&annual(r#"{"period":"2026","value":15.5}"#), "2027-01-01");
    assert_eq!(st.status, Status::Missed);

    // The only target period, 2026, starts on 2026-01-01.
    assert_eq!(eval_at(&annual(""), "2025-12-31").status, Status::NotDue);
    assert_eq!(eval_at(&annual(""), "2026-01-01").status, Status::NoData);
}

#[test]
fn annual_change_steps_once_a_year() {
    // 2024-06-30 is 182/366 of a year after the baseline: 0 whole years → expected 10, an
    // expected change of 0. Then the ratio is 1 when the value is at least as good, else 0.
    let st = eval_at(&annual(r#"{"period":"2024-H1","value":10}"#), "2024-07-01");
    close(st.expected, 10.0, "no step yet");
    close(st.progress_ratio, 1.0, "as good as expected");
    assert_eq!(st.status, Status::OnTrack);

    let st = eval_at(&annual(r#"{"period":"2024-H1","value":9.9}"#), "2024-07-01");
    close(st.progress_ratio, 0.0, "worse than expected");
    assert_eq!(st.status, Status::OffTrack);

    // 2025-06-30 is 1 + 181/365 = 1.496 years on: one whole year → 12, not 10 + 2·1.496 = 12.99.
    // 11.5 → 1.5/2 = 0.75 → atRisk.
    let st = eval_at(
        &annual(r#"{"period":"2025-H1","value":11.5}"#),
        "2025-07-01",
    );
    close(st.expected, 12.0, "one step");
    close(st.progress_ratio, 0.75, "ratio");
    assert_eq!(st.status, Status::AtRisk);
}

#[test]
fn annual_change_decrease() {
    // 近视率年均降低0.5个百分点: 50 % (2023), −0.5 a year, target 2026 → 50 − 1.5 = 48.5.
    let ind = |actuals: &str| {
        format!(
            r#""kind":"annualChange","unit":"%","direction":"decrease",
               "baseline":{{"period":"2023","value":50}},
               "targets":[{{"period":"2026","value":0.5}}],"actuals":[{actuals}]"#
        )
    };
    // 2025-12-31: two steps → 49. 49 → −(49−50)/−(49−50) = 1 → onTrack.
    let st = eval_at(&ind(r#"{"period":"2025","value":49}"#), "2026-03-01");
    close(st.targets[0].level, 48.5, "target level");
    close(st.expected, 49.0, "expected");
    close(st.progress_ratio, 1.0, "ratio");
    assert_eq!(st.status, Status::OnTrack);

    // 49.3 → 0.7/1 = 0.7 → atRisk.
    let st = eval_at(&ind(r#"{"period":"2025","value":49.3}"#), "2026-03-01");
    close(st.progress_ratio, 0.7, "ratio");
    assert_eq!(st.status, Status::AtRisk);

    // 49.6 → 0.4/1 = 0.4 → offTrack.
    let st = eval_at(&ind(r#"{"period":"2025","value":49.6}"#), "2026-03-01");
    close(st.progress_ratio, 0.4, "ratio");
    assert_eq!(st.status, Status::OffTrack);

    // 48.4 ≤ 48.5 → achieved; 48.7 > 48.5 after 2026 → missed.
    let st = eval_at(&ind(r#"{"period":"2026","value":48.4}"#), "2027-01-01");
    assert_eq!(st.status, Status::Achieved);
    let st = eval_at(&ind(r#"{"period":"2026","value":48.7}"#), "2027-01-01");
    assert_eq!(st.status, Status::Missed);
}

// ---------------------------------------------------------------------------------------------
// growthRate
// ---------------------------------------------------------------------------------------------

/// 录取人数力争每年增长30%: 10 (2023), +30 % a year, target 2025 → 10·1.3² = 16.9.
fn growth(actuals: &str) -> String {
    format!(
        r#""kind":"growthRate","baseline":{{"period":"2023","value":10}},
           "targets":[{{"period":"2025","value":30}}],"actuals":[{actuals}]"#
    )
}

#[test]
fn growth_rate_compounds() {
    // 2023-12-31 → 2024-12-31 is exactly 1 year: expected 10·1.3 = 13.
    // 2023-12-31 → 2025-12-31 is exactly 2 years: 10·1.3² = 16.9.
    let st = eval_at(&growth(r#"{"period":"2024","value":13}"#), "2025-03-01");
    close(st.targets[0].level, 16.9, "target level");
    close(st.expected, 13.0, "expected at 2024-12-31");

    // Chained: two targets 2024 (30 %) and 2025 (30 %) → levels 13 and 16.9; the second
    // segment starts from 13: at 2025-06-30 (181/365 of a year) 13·1.3^(181/365) = 14.806308.
    let st = eval_at(
        r#""kind":"growthRate","baseline":{"period":"2023","value":10},
           "targets":[{"period":"2024","value":30},{"period":"2025","value":30}]"#,
        "2025-06-30",
    );
    close(st.targets[0].level, 13.0, "first level");
    close(st.targets[1].level, 16.9, "second level");
    close(
        st.expected_now,
        13.0 * 1.3_f64.powf(181.0 / 365.0),
        "expected at 2025-06-30",
    );
    close_tol(st.expected_now, 14.806_308, 1e-6, "expected at 2025-06-30");
}

#[test]
fn growth_rate_ratio_statuses() {
    // 13 → (13−10)/(13−10) = 1 → onTrack.
    let st = eval_at(&growth(r#"{"period":"2024","value":13}"#), "2025-03-01");
    assert_eq!(st.status, Status::OnTrack);
    close(st.progress_ratio, 1.0, "ratio");

    // 12.1 → 2.1/3 = 0.7 → atRisk.
    let st = eval_at(&growth(r#"{"period":"2024","value":12.1}"#), "2025-03-01");
    assert_eq!(st.status, Status::AtRisk);
    close(st.progress_ratio, 2.1 / 3.0, "ratio");

    // 11 → 1/3 = 0.333 → offTrack.
    let st = eval_at(&growth(r#"{"period":"2024","value":11}"#), "2025-03-01");
    assert_eq!(st.status, Status::OffTrack);
    close(st.progress_ratio, 1.0 / 3.0, "ratio");

    // Half-year: 2024-06-30 is 182/366 of a year → 10·1.3^(182/366) = 11.393584.
    // 11 → 1/1.393584 = 0.717574 → atRisk.
    let st = eval_at(&growth(r#"{"period":"2024-H1","value":11}"#), "2024-07-01");
    let expected = 10.0 * 1.3_f64.powf(182.0 / 366.0);
    close(st.expected, expected, "expected");
    close_tol(st.expected, 11.393_584, 1e-6, "expected");
    close(st.progress_ratio, 1.0 / (expected - 10.0), "ratio");
    assert_eq!(st.status, Status::AtRisk);
}

#[test]
fn growth_rate_achieved_missed_not_due_no_data() {
    // 17 ≥ 16.9 → achieved.
    let st = eval_at(&growth(r#"{"period":"2025-H1","value":17}"#), "2025-07-01");
    assert_eq!(st.status, Status::Achieved);

    // 16.5 < 16.9 after 2025 → missed.
    let st = eval_at(&growth(r#"{"period":"2025","value":16.5}"#), "2026-01-01");
    assert_eq!(st.status, Status::Missed);

    assert_eq!(eval_at(&growth(""), "2024-12-31").status, Status::NotDue);
    assert_eq!(eval_at(&growth(""), "2025-01-01").status, Status::NoData);
}

#[test]
fn growth_rate_decrease() {
    // −10 % a year from 100 (2023): 90 at 2024-12-31, 81 at 2025-12-31.
    let ind = |actuals: &str| {
        format!(
            r#""kind":"growthRate","direction":"decrease","baseline":{{"period":"2023","value":100}},
               "targets":[{{"period":"2025","value":10}}],"actuals":[{actuals}]"#
        )
    };
    // 90 → −(90−100)/−(90−100) = 1 → onTrack.
    let st = eval_at(&ind(r#"{"period":"2024","value":90}"#), "2025-03-01");
    close(st.targets[0].level, 81.0, "target level 100·0.9²");
    close(st.expected, 90.0, "expected");
    close(st.progress_ratio, 1.0, "ratio");
    assert_eq!(st.status, Status::OnTrack);

    // 93 → 7/10 = 0.7 → atRisk.
    let st = eval_at(&ind(r#"{"period":"2024","value":93}"#), "2025-03-01");
    close(st.progress_ratio, 0.7, "ratio");
    assert_eq!(st.status, Status::AtRisk);

    // 95 → 5/10 = 0.5 → offTrack.
    let st = eval_at(&ind(r#"{"period":"2024","value":95}"#), "2025-03-01");
    close(st.progress_ratio, 0.5, "ratio");
    assert_eq!(st.status, Status::OffTrack);

    // 80 ≤ 81 → achieved; 82 > 81 after 2025 → missed.
    assert_eq!(
        eval_at(&ind(r#"{"period":"2025","value":80}"#), "2026-01-01").status,
        Status::Achieved
    );
    assert_eq!(
        eval_at(&ind(r#"{"period":"2025","value":82}"#), "2026-01-01").status,
        Status::Missed
    );
}

// ---------------------------------------------------------------------------------------------
// cumulative
// ---------------------------------------------------------------------------------------------

/// 三年培养90名: no baseline (0 on 2023-12-31), running total 90 by 2026.
/// Expected total = 90·t/1096, t days after 2023-12-31.
fn cumulative(actuals: &str) -> String {
    format!(
        r#""kind":"cumulative","unit":"名","targets":[{{"period":"2026","value":90}}],
           "actuals":[{actuals}]"#
    )
}

#[test]
fn cumulative_ratio_statuses_without_baseline() {
    // Expected at 2024-12-31 = 90·366/1096 = 30.054745.
    let expected = 90.0 * 366.0 / 1096.0;

    // Total 30 → 30/30.054745 = 0.998178 → onTrack.
    let st = eval_at(&cumulative(r#"{"period":"2024","value":30}"#), "2025-03-01");
    assert_eq!(st.status, Status::OnTrack);
    close(st.baseline, 0.0, "no baseline: 0 on the eve of the plan");
    close(st.expected, expected, "expected");
    close(st.progress_ratio, 30.0 / expected, "ratio");

    // 20 → 0.665452 → atRisk.
    let st = eval_at(&cumulative(r#"{"period":"2024","value":20}"#), "2025-03-01");
    assert_eq!(st.status, Status::AtRisk);
    close(st.progress_ratio, 20.0 / expected, "ratio");

    // 10 → 0.332726 → offTrack.
    let st = eval_at(&cumulative(r#"{"period":"2024","value":10}"#), "2025-03-01");
    assert_eq!(st.status, Status::OffTrack);
    close(st.progress_ratio, 10.0 / expected, "ratio");

    // Eve of the plan is day 0: at 2024-06-30 (182 days) 90·182/1096 = 14.945255.
    // 15 → 15/14.945255 = 1.003663 → onTrack.
    let st = eval_at(
        &cumulative(r#"{"period":"2024-H1","value":15}"#),
        "2024-07-01",
    );
    close(
        st.expected,
        90.0 * 182.0 / 1096.0,
        "expected from the eve of the plan",
    );
    close(st.progress_ratio, 15.0 / (90.0 * 182.0 / 1096.0), "ratio");
    assert_eq!(st.status, Status::OnTrack);
}

#[test]
fn cumulative_running_totals() {
    // Amounts 30 + 25 → running totals [30, 55]; expected at 2025-12-31 = 90·731/1096 = 60.027372;
    // 55/60.027372 = 0.916249 → atRisk.
    let st = eval_at(
        &cumulative(r#"{"period":"2024","value":30},{"period":"2025","value":25}"#),
        "2026-03-01",
    );
    assert_eq!(series_values(&st), vec![Some(30.0), Some(55.0)]);
    close(latest_value(&st), 55.0, "latest running total");
    close(st.expected, 90.0 * 731.0 / 1096.0, "expected");
    close(st.progress_ratio, 55.0 / (90.0 * 731.0 / 1096.0), "ratio");
    assert_eq!(st.status, Status::AtRisk);
}

#[test]
fn cumulative_with_baseline() {
    // 新增学位: 100 already counted at 2023, 300 in total by 2025.
    // Amount 100 in 2024 → total 200; expected 100 + 200·366/731 = 200.136799;
    // ratio (200−100)/(200.136799−100) = 0.998634 → onTrack.
    let st = eval_at(
        r#""kind":"cumulative","baseline":{"period":"2023","value":100},
           "targets":[{"period":"2025","value":300}],"actuals":[{"period":"2024","value":100}]"#,
        "2025-03-01",
    );
    close(st.baseline, 100.0, "baseline");
    assert_eq!(series_values(&st), vec![Some(200.0)]);
    close(st.expected, 100.0 + 200.0 * 366.0 / 731.0, "expected");
    close(st.progress_ratio, 100.0 / (200.0 * 366.0 / 731.0), "ratio");
    assert_eq!(st.status, Status::OnTrack);
}

#[test]
fn cumulative_achieved_missed_not_due_no_data() {
    // 30 + 30 + 35 = 95 ≥ 90 → achieved.
    let st = eval_at(
        &cumulative(
            r#"{"period":"2024","value":30},{"period":"2025","value":30},
               {"period":"2026-H1","value":35}"#,
        ),
        "2026-07-01",
    );
    assert_eq!(series_values(&st), vec![Some(30.0), Some(60.0), Some(95.0)]);
    assert_eq!(st.status, Status::Achieved);

    // 30 + 30 + 25 = 85 < 90 after 2026 → missed.
    let st = eval_at(
        &cumulative(
            r#"{"period":"2024","value":30},{"period":"2025","value":30},
               {"period":"2026","value":25}"#,
        ),
        "2027-01-01",
    );
    close(latest_value(&st), 85.0, "total");
    assert_eq!(st.status, Status::Missed);

    // The only target period, 2026, starts 2026-01-01.
    assert_eq!(
        eval_at(&cumulative(""), "2025-12-31").status,
        Status::NotDue
    );
    assert_eq!(
        eval_at(&cumulative(""), "2026-01-01").status,
        Status::NoData
    );
}

// ---------------------------------------------------------------------------------------------
// recurring
// ---------------------------------------------------------------------------------------------

/// 每位教师每年96培训学时, 2024–2026.
fn recurring(actuals: &str) -> String {
    format!(
        r#""kind":"recurring","unit":"学时",
           "targets":[{{"period":"2024","value":96}},{{"period":"2025","value":96}},
                      {{"period":"2026","value":96}}],
           "actuals":[{actuals}]"#
    )
}

#[test]
fn recurring_ratio_statuses() {
    // As of 2024-12-31 the 2024 period has started (so its figure counts) but not ended, so
    // only the ratio rule applies.
    // 96/96 = 1 → onTrack (baseline 0).
    let st = eval_at(&recurring(r#"{"period":"2024","value":96}"#), "2024-12-31");
    assert_eq!(st.status, Status::OnTrack);
    close(st.baseline, 0.0, "baseline");
    close(st.expected, 96.0, "expected = that period's target");
    close(st.progress_ratio, 1.0, "ratio");
    close(st.expected_now, 96.0, "the 2024 target");

    // 92/96 = 0.958333 ≥ 0.95 → onTrack, although 92 < 96 (the period is still running).
    let st = eval_at(&recurring(r#"{"period":"2024","value":92}"#), "2024-12-31");
    close(st.progress_ratio, 92.0 / 96.0, "ratio");
    assert_eq!(st.status, Status::OnTrack);

    // 72/96 = 0.75 → atRisk.
    let st = eval_at(&recurring(r#"{"period":"2024","value":72}"#), "2024-12-31");
    assert_eq!(st.status, Status::AtRisk);
    close(st.progress_ratio, 0.75, "ratio");

    // 48/96 = 0.5 → offTrack.
    let st = eval_at(&recurring(r#"{"period":"2024","value":48}"#), "2024-12-31");
    assert_eq!(st.status, Status::OffTrack);
    close(st.progress_ratio, 0.5, "ratio");

    // A met 2024 and the 2025 period under way: 96/96 = 1 → onTrack; expected now is 2025's 96.
    let st = eval_at(&recurring(r#"{"period":"2024","value":96}"#), "2025-03-01");
    assert_eq!(st.status, Status::OnTrack);
    close(st.expected_now, 96.0, "the 2025 target");
    assert!(!st.lowered);
}

#[test]
fn recurring_period_ended_unmet_lowers_one_step() {
    // Once 2024 has ended unmet it is an earlier (not final) target passed unmet: one step down.
    // 72/96 = 0.75 → atRisk → offTrack.
    let st = eval_at(&recurring(r#"{"period":"2024","value":72}"#), "2025-03-01");
    close(st.progress_ratio, 0.75, "ratio");
    assert_eq!(st.targets[0].met, Some(false));
    assert_eq!(st.status, Status::OffTrack);
    assert!(st.lowered);

    // 92/96 = 0.958333 → onTrack → atRisk.
    let st = eval_at(&recurring(r#"{"period":"2024","value":92}"#), "2025-01-01");
    assert_eq!(st.status, Status::AtRisk);
    assert!(st.lowered);

    // 保持96 (exact): 100 ≠ 96 is unmet, but the ratio 100/96 = 1.041667 → onTrack while 2024
    // runs; after it ends unmet → atRisk.
    let exact = |as_of: &str| {
        eval_at(
            r#""kind":"recurring",
               "targets":[{"period":"2024","value":96,"bound":"exact"},
                          {"period":"2025","value":96,"bound":"exact"}],
               "actuals":[{"period":"2024","value":100}]"#,
            as_of,
        )
    };
    let st = exact("2024-12-31");
    close(st.progress_ratio, 100.0 / 96.0, "ratio");
    assert_eq!(st.targets[0].met, Some(false));
    assert_eq!(st.status, Status::OnTrack);
    let st = exact("2025-01-01");
    assert_eq!(st.status, Status::AtRisk);
    assert!(st.lowered);

    // 2024 unmet (90 < 96), 2025 met: 96/96 = 1 → onTrack → atRisk.
    let st = eval_at(
        &recurring(r#"{"period":"2024","value":90},{"period":"2025","value":96}"#),
        "2026-03-01",
    );
    close(st.progress_ratio, 1.0, "ratio");
    assert_eq!(st.status, Status::AtRisk);
    assert!(st.lowered);

    // offTrack is not lowered further, and never to missed: 48/96 = 0.5.
    let st = eval_at(&recurring(r#"{"period":"2024","value":48}"#), "2025-03-01");
    assert_eq!(st.status, Status::OffTrack);
    assert!(!st.lowered);
}

#[test]
fn recurring_achieved_missed_not_due_no_data() {
    let three = |last: u32| {
        recurring(&format!(
            r#"{{"period":"2024","value":96}},{{"period":"2025","value":96}},
               {{"period":"2026","value":{last}}}"#
        ))
    };
    // Final period 2026: 100 ≥ 96 → achieved (even before the period ends).
    assert_eq!(eval_at(&three(100), "2026-12-31").status, Status::Achieved);

    // 90 < 96: while 2026 runs, 90/96 = 0.9375 → atRisk; once it has ended → missed.
    let st = eval_at(&three(90), "2026-12-31");
    close(st.progress_ratio, 0.9375, "ratio");
    assert_eq!(st.status, Status::AtRisk);
    assert_eq!(eval_at(&three(90), "2027-01-01").status, Status::Missed);

    // First target period starts 2024-01-01.
    assert_eq!(eval_at(&recurring(""), "2023-12-31").status, Status::NotDue);
    assert_eq!(eval_at(&recurring(""), "2024-01-01").status, Status::NoData);
}

#[test]
fn recurring_band_is_met_on_the_better_side() {
    // 每年评选校本教研示范校1—2所: band 1–2, increase → met when ≥ 1.
    let band = |actuals: &str| {
        format!(
            r#""kind":"recurring","unit":"所",
               "targets":[{{"period":"2024","min":1,"max":2}},{{"period":"2025","min":1,"max":2}},
                          {{"period":"2026","min":1,"max":2}}],
               "actuals":[{actuals}]"#
        )
    };
    // Three schools is above the band: the better side → met; ratio 3/1 = 3 → onTrack.
    let st = eval_at(&band(r#"{"period":"2024","value":3}"#), "2025-03-01");
    close(
        st.targets[0].level,
        1.0,
        "band level seen from increase is min",
    );
    assert_eq!(st.targets[0].met, Some(true));
    close(st.progress_ratio, 3.0, "ratio");
    assert_eq!(st.status, Status::OnTrack);

    // None in 2024: 0/1 = 0 → offTrack.
    let st = eval_at(&band(r#"{"period":"2024","value":0}"#), "2025-03-01");
    assert_eq!(st.targets[0].met, Some(false));
    assert_eq!(st.status, Status::OffTrack);

    // Three in the final year → achieved.
    let st = eval_at(
        &band(
            r#"{"period":"2024","value":1},{"period":"2025","value":2},
               {"period":"2026","value":3}"#,
        ),
        "2027-01-01",
    );
    assert_eq!(st.status, Status::Achieved);
}

// ---------------------------------------------------------------------------------------------
// zero
// ---------------------------------------------------------------------------------------------

/// 无较大及以上校园安全责任事故: no targets → covers the plan's span 2024–2026.
fn zero(actuals: &str) -> String {
    format!(r#""kind":"zero","unit":"起","actuals":[{actuals}]"#)
}

#[test]
fn zero_statuses() {
    // No incident so far, span not over → onTrack, ratio 1.
    let st = eval_at(&zero(r#"{"period":"2024","value":0}"#), "2025-03-01");
    assert_eq!(st.status, Status::OnTrack);
    close(st.progress_ratio, 1.0, "ratio");
    close(latest_value(&st), 0.0, "incidents");

    // One incident while the span runs → offTrack, ratio 0.
    let st = eval_at(&zero(r#"{"period":"2024","value":1}"#), "2025-03-01");
    assert_eq!(st.status, Status::OffTrack);
    close(st.progress_ratio, 0.0, "ratio");

    // Span ended (after 2026-12-31) with no incident → achieved.
    let st = eval_at(
        &zero(
            r#"{"period":"2024","value":0},{"period":"2025","value":0},{"period":"2026","value":0}"#,
        ),
        "2027-01-01",
    );
    assert_eq!(st.status, Status::Achieved);

    // Span ended with 0 + 2 + 0 = 2 incidents → missed; latest shows the total so far.
    let st = eval_at(
        &zero(
            r#"{"period":"2024","value":0},{"period":"2025","value":2},{"period":"2026","value":0}"#,
        ),
        "2027-01-01",
    );
    assert_eq!(st.status, Status::Missed);
    close(latest_value(&st), 2.0, "incidents so far");

    // Before the span starts (2024-01-01) → notDue; after, with nothing → noData.
    assert_eq!(eval_at(&zero(""), "2023-12-31").status, Status::NotDue);
    assert_eq!(eval_at(&zero(""), "2024-01-01").status, Status::NoData);
}

#[test]
fn zero_targets_give_the_periods_covered() {
    // Covers 2024 only: an incident in 2025-H1 lies outside it; 2024 has ended with none.
    let st = eval_at(
        r#""kind":"zero","targets":[{"period":"2024"}],
           "actuals":[{"period":"2024","value":0},{"period":"2025-H1","value":1}]"#,
        "2025-07-01",
    );
    assert_eq!(st.status, Status::Achieved);
    assert_eq!(st.targets[0].met, Some(true));
}

// ---------------------------------------------------------------------------------------------
// milestone
// ---------------------------------------------------------------------------------------------

/// 2025年创成省三星级高中: deadline 2025-12-31.
fn milestone(actuals: &str) -> String {
    format!(r#""kind":"milestone","targets":[{{"period":"2025"}}],"actuals":[{actuals}]"#)
}

#[test]
fn milestone_statuses() {
    let st = eval_at(
        &milestone(r#"{"period":"2024-H2","state":"done"}"#),
        "2025-01-15",
    );
    assert_eq!(st.status, Status::Achieved);
    assert_eq!(st.targets[0].met, Some(true));

    let st = eval_at(
        &milestone(r#"{"period":"2024","state":"inProgress"}"#),
        "2025-02-01",
    );
    assert_eq!(st.status, Status::OnTrack);

    // Not started before the deadline period begins → still on track.
    let st = eval_at(
        &milestone(r#"{"period":"2024-H1","state":"notStarted"}"#),
        "2024-08-01",
    );
    assert_eq!(st.status, Status::OnTrack);

    // Not started inside the deadline period (2025) → atRisk.
    let st = eval_at(
        &milestone(r#"{"period":"2025-Q1","state":"notStarted"}"#),
        "2025-04-01",
    );
    assert_eq!(st.status, Status::AtRisk);

    let st = eval_at(
        &milestone(r#"{"period":"2025-Q1","state":"blocked"}"#),
        "2025-04-01",
    );
    assert_eq!(st.status, Status::OffTrack);

    // Still in progress after 2025-12-31 → missed.
    let st = eval_at(
        &milestone(r#"{"period":"2025","state":"inProgress"}"#),
        "2026-01-01",
    );
    assert_eq!(st.status, Status::Missed);
    assert_eq!(st.targets[0].met, Some(false));

    assert_eq!(eval_at(&milestone(""), "2024-12-31").status, Status::NotDue);
    assert_eq!(eval_at(&milestone(""), "2025-01-01").status, Status::NoData);

    // A "done" reported for 2025-Q1 does not count as of 2024-12-31 (period not started).
    let st = eval_at(
        &milestone(r#"{"period":"2025-Q1","state":"done"}"#),
        "2024-12-31",
    );
    assert_eq!(st.status, Status::NotDue);
}

// ---------------------------------------------------------------------------------------------
// task
// ---------------------------------------------------------------------------------------------

/// A task due in 2025: expected percent = 100·t/731, t days after the plan's eve 2023-12-31.
fn task(actuals: &str) -> String {
    format!(r#""kind":"task","targets":[{{"period":"2025"}}],"actuals":[{actuals}]"#)
}

#[test]
fn task_ratio_statuses() {
    // Expected at 2024-12-31 = 100·366/731 = 50.068399 %.
    let expected = 100.0 * 366.0 / 731.0;

    // 50 % → 50/50.068399 = 0.998634 → onTrack.
    let st = eval_at(
        &task(r#"{"period":"2024","state":"inProgress","value":50}"#),
        "2025-02-01",
    );
    assert_eq!(st.status, Status::OnTrack);
    close(st.expected, expected, "expected percent");
    close(st.progress_ratio, 50.0 / expected, "ratio");
    close(st.baseline, 0.0, "baseline");

    // 40 % → 0.798907 → atRisk.
    let st = eval_at(
        &task(r#"{"period":"2024","state":"inProgress","value":40}"#),
        "2025-02-01",
    );
    assert_eq!(st.status, Status::AtRisk);
    close(st.progress_ratio, 40.0 / expected, "ratio");

    // 20 % → 0.399454 → offTrack.
    let st = eval_at(
        &task(r#"{"period":"2024","state":"inProgress","value":20}"#),
        "2025-02-01",
    );
    assert_eq!(st.status, Status::OffTrack);
    close(st.progress_ratio, 20.0 / expected, "ratio");

    // notStarted counts as 0 % → ratio 0 → offTrack.
    let st = eval_at(
        &task(r#"{"period":"2024","state":"notStarted"}"#),
        "2025-02-01",
    );
    close(latest_value(&st), 0.0, "percent");
    close(st.progress_ratio, 0.0, "ratio");
    assert_eq!(st.status, Status::OffTrack);

    // Blocked → offTrack whatever the percent (60 % would be on track: 60/50.07 > 1).
    let st = eval_at(
        &task(r#"{"period":"2024","state":"blocked","value":60}"#),
        "2025-02-01",
    );
    assert_eq!(st.status, Status::OffTrack);

    // inProgress without a percent → onTrack, no ratio.
    let st = eval_at(
        &task(r#"{"period":"2024","state":"inProgress"}"#),
        "2025-02-01",
    );
    assert_eq!(st.status, Status::OnTrack);
    assert_eq!(st.progress_ratio, None);
}

#[test]
fn task_achieved_missed_not_due_no_data() {
    let st = eval_at(
        &task(r#"{"period":"2025-H1","state":"done"}"#),
        "2025-07-01",
    );
    assert_eq!(st.status, Status::Achieved);
    close(latest_value(&st), 100.0, "done is 100 %");

    let st = eval_at(
        &task(r#"{"period":"2025","state":"inProgress","value":90}"#),
        "2026-01-01",
    );
    assert_eq!(st.status, Status::Missed);

    // A task's clock runs from the plan's start (2024-01-01), not from its deadline's period:
    // before it → notDue; from it on, with nothing reported → noData, even though the
    // deadline period (2025) has not started. Expected now at 2024-06-30: 100·182/731 = 24.897 %.
    assert_eq!(eval_at(&task(""), "2023-12-31").status, Status::NotDue);
    assert_eq!(eval_at(&task(""), "2024-01-01").status, Status::NoData);
    let st = eval_at(&task(""), "2024-06-30");
    assert_eq!(st.status, Status::NoData);
    close(st.expected_now, 100.0 * 182.0 / 731.0, "expected now");
}

#[test]
fn task_without_target_runs_to_the_plan_end() {
    // Deadline 2026-12-31: expected at 2024-12-31 = 100·366/1096 = 33.394161 %;
    // 30 % → 30/33.394161 = 0.898361 → atRisk.
    let st = eval_at(
        r#""kind":"task","actuals":[{"period":"2024","state":"inProgress","value":30}]"#,
        "2025-02-01",
    );
    close(st.expected, 100.0 * 366.0 / 1096.0, "expected percent");
    close(st.progress_ratio, 30.0 / (100.0 * 366.0 / 1096.0), "ratio");
    assert_eq!(st.status, Status::AtRisk);
    // Now (2025-02-01 = 366 + 32 days): 100·398/1096 = 36.313869 %.
    close(st.expected_now, 100.0 * 398.0 / 1096.0, "expected now");
}

// ---------------------------------------------------------------------------------------------
// An earlier target passed unmet lowers the status one step
// ---------------------------------------------------------------------------------------------

#[test]
fn earlier_unmet_target_lowers_one_step() {
    // Second segment: 70 (2024-12-31) → 80 (2025-12-31); at 2025-06-30 (181 days)
    // 70 + 10·181/365 = 74.958904, an expected rise of 14.958904 over the baseline 60.
    let rise = 10.0 + 10.0 * 181.0 / 365.0;

    // 2024: 68 < 70 → the first target is unmet at its deadline.
    // 74.8 → 14.8/14.958904 = 0.989377 → onTrack, lowered to atRisk.
    let st = eval_at(
        &level_two_targets(r#"{"period":"2024","value":68},{"period":"2025-H1","value":74.8}"#),
        "2025-07-01",
    );
    close(st.expected, 60.0 + rise, "expected");
    close(st.progress_ratio, 14.8 / rise, "ratio");
    assert_eq!(st.targets[0].met, Some(false));
    assert_eq!(st.status, Status::AtRisk);
    assert!(st.lowered);

    // 70 → 10/14.958904 = 0.668498 → atRisk, lowered to offTrack.
    let st = eval_at(
        &level_two_targets(r#"{"period":"2024","value":68},{"period":"2025-H1","value":70}"#),
        "2025-07-01",
    );
    close(st.progress_ratio, 10.0 / rise, "ratio");
    assert_eq!(st.status, Status::OffTrack);
    assert!(st.lowered);

    // 65 → 5/14.958904 = 0.334249 → offTrack stays offTrack (never missed while the final
    // target has not passed).
    let st = eval_at(
        &level_two_targets(r#"{"period":"2024","value":68},{"period":"2025-H1","value":65}"#),
        "2025-07-01",
    );
    close(st.progress_ratio, 5.0 / rise, "ratio");
    assert_eq!(st.status, Status::OffTrack);
    assert!(!st.lowered);

    // The first target met (70 ≥ 70): 74.8 stays onTrack.
    let st = eval_at(
        &level_two_targets(r#"{"period":"2024","value":70},{"period":"2025-H1","value":74.8}"#),
        "2025-07-01",
    );
    assert_eq!(st.targets[0].met, Some(true));
    assert_eq!(st.status, Status::OnTrack);
    assert!(!st.lowered);
}

#[test]
fn earlier_target_lowers_only_once_its_period_has_ended() {
    // As of 2024-12-31 the 2024 period has not ended: 68 vs expected 70 → 8/10 = 0.8 → atRisk.
    let st = eval_at(
        &level_two_targets(r#"{"period":"2024","value":68}"#),
        "2024-12-31",
    );
    close(st.progress_ratio, 0.8, "ratio");
    assert!(!st.targets[0].due);
    assert_eq!(st.status, Status::AtRisk);
    assert!(!st.lowered);

    // One day later it has ended unmet: atRisk → offTrack.
    let st = eval_at(
        &level_two_targets(r#"{"period":"2024","value":68}"#),
        "2025-01-01",
    );
    assert!(st.targets[0].due);
    assert_eq!(st.status, Status::OffTrack);
    assert!(st.lowered);

    // Once the final target has passed unmet it is `missed` by the final-target rule.
    let st = eval_at(
        &level_two_targets(r#"{"period":"2024","value":68},{"period":"2025","value":79}"#),
        "2026-01-01",
    );
    assert_eq!(st.status, Status::Missed);
    assert!(!st.lowered);
}

// ---------------------------------------------------------------------------------------------
// Thresholds
// ---------------------------------------------------------------------------------------------

#[test]
fn custom_thresholds() {
    // Ratio 7/10.013680 = 0.699044 (see level_ratio_statuses).
    let ind = level(r#"{"period":"2024","value":67}"#);
    assert_eq!(eval_at(&ind, "2025-03-01").status, Status::AtRisk);

    let lenient = Thresholds {
        on_track: 0.65,
        at_risk: 0.3,
    };
    assert_eq!(
        eval_with(&ind, "2025-03-01", lenient).status,
        Status::OnTrack
    );

    let strict = Thresholds {
        on_track: 0.95,
        at_risk: 0.75,
    };
    assert_eq!(
        eval_with(&ind, "2025-03-01", strict).status,
        Status::OffTrack
    );

    // Tasks use the same thresholds: 40/50.068399 = 0.798907 → onTrack at 0.65, offTrack at 0.8.
    let t = task(r#"{"period":"2024","state":"inProgress","value":40}"#);
    assert_eq!(eval_with(&t, "2025-02-01", lenient).status, Status::OnTrack);
    let stricter = Thresholds {
        on_track: 0.95,
        at_risk: 0.8,
    };
    assert_eq!(
        eval_with(&t, "2025-02-01", stricter).status,
        Status::OffTrack
    );

    // The projected status too: the two-point level projection 79.972678 vs 80 gives
    // 19.972678/20 = 0.998634 → onTrack by default, atRisk when onTrack needs 0.999.
    let ind = level(r#"{"period":"2024","value":70}"#);
    let picky = Thresholds {
        on_track: 0.999,
        at_risk: 0.6,
    };
    assert_eq!(
        eval_at(&ind, "2025-03-01").projected_status,
        Some(Status::OnTrack)
    );
    assert_eq!(
        eval_with(&ind, "2025-03-01", picky).projected_status,
        Some(Status::AtRisk)
    );
}

// ---------------------------------------------------------------------------------------------
// As-of date
// ---------------------------------------------------------------------------------------------

#[test]
fn as_of_defaults_and_counted_actuals() {
    let text = plan_text(
        r#""start":"2024","end":"2026","asOf":"2025-03-01""#,
        r#"[{"id":"s","title":"S"}]"#,
        &[indicator(
            "x",
            &level(r#"{"period":"2024-H1","value":64},{"period":"2024-H2","value":70}"#),
        )],
    );

    // No Options.as_of → plan.asOf (2025-03-01): both halves count; latest 70 at 2024-12-31,
    // 10/10.013680 = 0.998634 → onTrack.
    let ev = eval_plan(&text, None, Thresholds::default());
    assert_eq!(ev.as_of, day("2025-03-01"));
    let st = &ev.indicators[0];
    close(latest_value(st), 70.0, "latest");
    assert_eq!(st.status, Status::OnTrack);

    // Options.as_of overrides: as of 2024-06-30 the H2 value (starting 2024-07-01) does not
    // count. Latest 64 at 2024-06-30, expected 60 + 20·182/731 = 64.979480;
    // 4/4.979480 = 0.803297 → atRisk.
    let ev = eval_plan(&text, Some("2024-06-30"), Thresholds::default());
    assert_eq!(ev.as_of, day("2024-06-30"));
    let st = &ev.indicators[0];
    assert_eq!(st.series.len(), 1);
    close(latest_value(st), 64.0, "latest");
    close(st.expected, 60.0 + 20.0 * 182.0 / 731.0, "expected");
    close(st.progress_ratio, 4.0 / (20.0 * 182.0 / 731.0), "ratio");
    assert_eq!(st.status, Status::AtRisk);

    // As of 2024-07-01 the H2 period has started: it counts though it has not ended.
    let ev = eval_plan(&text, Some("2024-07-01"), Thresholds::default());
    close(latest_value(&ev.indicators[0]), 70.0, "latest");
    assert_eq!(ev.indicators[0].status, Status::OnTrack);

    // No plan.asOf and no option → the plan's last day (2026-12-31).
    let ev = eval_plan(&one_indicator_plan(&level("")), None, Thresholds::default());
    assert_eq!(ev.as_of, day("2026-12-31"));
    assert_eq!(ev.indicators[0].status, Status::NoData);
}

#[test]
fn cumulative_counts_only_started_periods() {
    // As of 2024-12-31 only the 2024 amount counts: total 30, not 60.
    let st = eval_at(
        &cumulative(r#"{"period":"2024","value":30},{"period":"2025","value":30}"#),
        "2024-12-31",
    );
    assert_eq!(series_values(&st), vec![Some(30.0)]);
    close(latest_value(&st), 30.0, "running total");
}

// ---------------------------------------------------------------------------------------------
// Projection
// ---------------------------------------------------------------------------------------------

#[test]
fn projection_two_points_level() {
    // Line through (2023-12-31, 60) and (2024-12-31, 70): slope 10/366 a day.
    // At 2025-12-31 (731 days): 60 + 10·731/366 = 79.972678 < 80 → not met;
    // projected ratio 19.972678/20 = 0.998634 → onTrack.
    let st = eval_at(&level(r#"{"period":"2024","value":70}"#), "2025-03-01");
    let p = st.projection.expect("two points fit a line");
    assert!(!p.log);
    close(Some(p.slope), 10.0 / 366.0, "slope");
    close(st.projected, 60.0 + 10.0 * 731.0 / 366.0, "projected");
    close(
        st.targets[0].projected,
        60.0 + 10.0 * 731.0 / 366.0,
        "target projected",
    );
    assert_eq!(st.targets[0].projected_met, Some(false));
    assert_eq!(st.projected_status, Some(Status::OnTrack));
}

#[test]
fn projection_three_points_least_squares() {
    // Baseline 10 on 2024-01-01, 14 on 2024-01-11, 15 on 2024-01-21; target 30 on 2024-03-01.
    // x = 0, 10, 20 days; mean x 10, mean y 13.
    // Sxx = 100 + 0 + 100 = 200; Sxy = (−10)(−3) + 0 + (10)(2) = 50; slope = 0.25 a day;
    // value at x = 0: 13 − 0.25·10 = 10.5.
    // 2024-03-01 is x = 31 + 29 = 60 → 10.5 + 0.25·60 = 25.5 < 30: not met;
    // projected ratio (25.5 − 10)/(30 − 10) = 0.775 → atRisk.
    let text = plan_text(
        r#""start":"2024","end":"2024""#,
        r#"[{"id":"s","title":"S"}]"#,
        &[indicator(
            "x",
            r#""kind":"level","baseline":{"period":"2024-01-01","value":10},
               "targets":[{"period":"2024-03-01","value":30}],
               "actuals":[{"period":"2024-01-11","value":14},{"period":"2024-01-21","value":15}]"#,
        )],
    );
    let ev = eval_plan(&text, Some("2024-01-31"), Thresholds::default());
    let st = &ev.indicators[0];
    let p = st.projection.expect("projection");
    close(Some(p.slope), 0.25, "slope");
    // Day(2024-01-01) = 19723: intercept (at 1970-01-01) = 10.5 − 0.25·19723 = −4920.25.
    assert_eq!(day("2024-01-01"), Day(19_723));
    close_tol(Some(p.intercept), -4920.25, 1e-6, "intercept");
    close_tol(Some(p.at(day("2024-01-01"))), 10.5, 1e-9, "fitted at x = 0");
    close_tol(st.projected, 25.5, 1e-9, "projected");
    assert_eq!(st.projected_status, Some(Status::AtRisk));
    // Status: expected at 2024-01-21 = 10 + 20·20/60 = 16.666667;
    // ratio (15−10)/6.666667 = 0.75 → atRisk.
    close(st.expected, 10.0 + 20.0 * 20.0 / 60.0, "expected");
    close(st.progress_ratio, 0.75, "ratio");
    assert_eq!(st.status, Status::AtRisk);
}

#[test]
fn projection_growth_rate_fits_the_logarithm() {
    // 100, 110, 121 at x = 0, 10, 20 days: ln y is exactly linear (ln 100 + x·ln 1.1 / 10), so
    // the log fit gives 100·1.1^(x/10); at 2024-02-10 (x = 40): 100·1.1⁴ = 146.41.
    // (A straight-line fit would give 110.333 + 1.05·(40 − 10) = 141.83.)
    // The target: 30 % a year for 40/366 of a year → 100·1.3^(40/366) = 102.908874 ≤ 146.41,
    // so the projection meets it → projected status achieved.
    let text = plan_text(
        r#""start":"2024","end":"2024""#,
        r#"[{"id":"s","title":"S"}]"#,
        &[indicator(
            "x",
            r#""kind":"growthRate","baseline":{"period":"2024-01-01","value":100},
               "targets":[{"period":"2024-02-10","value":30}],
               "actuals":[{"period":"2024-01-11","value":110},{"period":"2024-01-21","value":121}]"#,
        )],
    );
    let ev = eval_plan(&text, Some("2024-01-31"), Thresholds::default());
    let st = &ev.indicators[0];
    let p = st.projection.expect("projection");
    assert!(p.log);
    close(Some(p.slope), 1.1_f64.ln() / 10.0, "slope of ln y per day");
    close_tol(st.projected, 146.41, 1e-6, "projected");
    close(
        st.targets[0].level,
        100.0 * 1.3_f64.powf(40.0 / 366.0),
        "level",
    );
    assert_eq!(st.projected_status, Some(Status::Achieved));

    // Two points: 10 (2023-12-31) and 13 (2024-12-31) → 10·1.3^(t/366);
    // at 2025-12-31 (731 days): 10·1.3^(731/366) = 16.887890 < 16.9 (the calendar target) →
    // not met; ratio (16.887890 − 10)/(16.9 − 10) = 0.998245 → projected onTrack.
    let st = eval_at(&growth(r#"{"period":"2024","value":13}"#), "2025-03-01");
    let projected = 10.0 * 1.3_f64.powf(731.0 / 366.0);
    close_tol(st.projected, projected, 1e-9, "projected");
    close_tol(st.projected, 16.887_890, 1e-6, "projected");
    assert_eq!(st.targets[0].projected_met, Some(false));
    assert_eq!(st.projected_status, Some(Status::OnTrack));
}

#[test]
fn projection_percent_is_clamped_to_0_100() {
    // 90 % (2023) → 100 % (2026); 98 % in 2024. Line: 90 + 8·t/366;
    // at 2026-12-31 (1096 days): 90 + 8·1096/366 = 113.956 → clamped to 100 → met → achieved.
    let st = eval_at(
        r#""kind":"level","unit":"%","baseline":{"period":"2023","value":90},
           "targets":[{"period":"2026","value":100}],"actuals":[{"period":"2024","value":98}]"#,
        "2025-03-01",
    );
    close(st.projected, 100.0, "clamped at 100");
    assert_eq!(st.projected_status, Some(Status::Achieved));
    // Status itself: expected 90 + 10·366/1096 = 93.339416; 8/3.339416 = 2.395628 → onTrack.
    close(st.progress_ratio, 8.0 / (10.0 * 366.0 / 1096.0), "ratio");
    assert_eq!(st.status, Status::OnTrack);

    // Falling: 10 % → 2 % (2026), 4 % in 2024. Line 10 − 6·t/366; at 1096 days
    // 10 − 6·1096/366 = −7.967 → clamped to 0 ≤ 2 → achieved.
    let st = eval_at(
        r#""kind":"level","unit":"%","direction":"decrease","baseline":{"period":"2023","value":10},
           "targets":[{"period":"2026","value":2}],"actuals":[{"period":"2024","value":4}]"#,
        "2025-03-01",
    );
    close(st.projected, 0.0, "clamped at 0");
    assert_eq!(st.projected_status, Some(Status::Achieved));
}

#[test]
fn projection_cumulative_running_totals() {
    // Without baseline the origin is 0 on 2023-12-31. Two points (0, 0), (366, 30):
    // at 2026-12-31 (1096 days) 30·1096/366 = 89.836066 < 90 → ratio 0.998178 → onTrack.
    let st = eval_at(&cumulative(r#"{"period":"2024","value":30}"#), "2025-03-01");
    close(st.projected, 30.0 * 1096.0 / 366.0, "projected");
    assert_eq!(st.projected_status, Some(Status::OnTrack));

    // Three points (0, 0), (366, 30), (731, 60) (running totals of 30 + 30):
    // Σx = 1097, Σy = 90, Σx² = 668317, Σxy = 54840;
    // Sxx = 668317 − 1097²/3 = 801542/3 = 267180.667; Sxy = 54840 − 1097·90/3 = 21930;
    // slope = 21930·3/801542 = 0.08207929 a day;
    // at x = 1096: 30 + 0.08207929·(1096 − 1097/3) = 89.945243 < 90 → onTrack projected.
    let st = eval_at(
        &cumulative(r#"{"period":"2024","value":30},{"period":"2025","value":30}"#),
        "2026-03-01",
    );
    let slope = 21930.0 * 3.0 / 801_542.0;
    close(st.projection.map(|p| p.slope), slope, "slope");
    close_tol(
        st.projected,
        30.0 + slope * (1096.0 - 1097.0 / 3.0),
        1e-9,
        "projected",
    );
    close_tol(st.projected, 89.945_243, 1e-6, "projected");
    assert_eq!(st.projected_status, Some(Status::OnTrack));
}

// ---------------------------------------------------------------------------------------------
// Bounds and bands
// ---------------------------------------------------------------------------------------------

#[test]
fn bands_are_met_on_the_better_side() {
    // Increase, band 10–12: the level asked for is 10; 15 is above the band, the better side.
    let st = eval_at(
        r#""kind":"level","baseline":{"period":"2023","value":5},
           "targets":[{"period":"2025","min":10,"max":12}],
           "actuals":[{"period":"2025-H1","value":15}]"#,
        "2025-07-01",
    );
    close(st.targets[0].level, 10.0, "min seen from increase");
    assert_eq!(st.status, Status::Achieved);

    // Decrease, band 3–5 (控制在3—5): the level asked for is 5; 2 is below, the better side.
    let dec = |actuals: &str| {
        format!(
            r#""kind":"level","direction":"decrease","baseline":{{"period":"2023","value":8}},
               "targets":[{{"period":"2025","min":3,"max":5}}],"actuals":[{actuals}]"#
        )
    };
    let st = eval_at(&dec(r#"{"period":"2025-H1","value":2}"#), "2025-07-01");
    close(st.targets[0].level, 5.0, "max seen from decrease");
    assert_eq!(st.status, Status::Achieved);
    // 5.5 is above the band: the worse side; 2025 has ended → missed.
    let st = eval_at(&dec(r#"{"period":"2025","value":5.5}"#), "2026-01-01");
    assert_eq!(st.status, Status::Missed);
}

#[test]
fn approx_bound_is_plus_or_minus_5_percent() {
    // 约1.6: met within 1.6 ± 0.08, i.e. 1.52 to 1.68.
    let ind = |v: f64| {
        format!(
            r#""kind":"level","baseline":{{"period":"2023","value":1}},
               "targets":[{{"period":"2025","value":1.6,"bound":"approx"}}],
               "actuals":[{{"period":"2025","value":{v}}}]"#
        )
    };
    for (v, want) in [
        (1.52, Status::Achieved),
        (1.68, Status::Achieved),
        (1.6, Status::Achieved),
        (1.51, Status::Missed),
        (1.69, Status::Missed),
    ] {
        assert_eq!(eval_at(&ind(v), "2026-01-01").status, want, "value {v}");
    }
}

// ---------------------------------------------------------------------------------------------
// Roll-ups
// ---------------------------------------------------------------------------------------------

#[test]
fn rollups_per_section_unit_and_plan() {
    let text = plan_text(
        r#""start":"2024","end":"2026","asOf":"2025-03-01""#,
        r#"[{"id":"s1","title":"一","units":["教育局","财政局"]},
            {"id":"s2","title":"二","units":["财政局"]},
            {"id":"s3","title":"三","units":["无指标单位"]}]"#,
        &[
            // a: s1, section units → 教育局, 财政局. Done → achieved.
            r#"{"id":"a","section":"s1","name":"a","quote":"a","kind":"milestone",
                "targets":[{"period":"2024"}],"actuals":[{"period":"2024-H2","state":"done"}]}"#
                .to_string(),
            // b: s1, own units → 区社事局 only. 64 → 0.399454 → offTrack.
            format!(
                r#"{{"id":"b","section":"s1","name":"b","quote":"b","units":["区社事局"],{}}}"#,
                level(r#"{"period":"2024","value":64}"#)
            ),
            // c: s2 → 财政局. Target 2026 not started, nothing reported → notDue.
            r#"{"id":"c","section":"s2","name":"c","quote":"c","kind":"level",
                "baseline":{"period":"2023","value":1},"targets":[{"period":"2026","value":2}]}"#
                .to_string(),
            // d: s2 → 财政局. 70 → 0.998634 → onTrack.
            format!(
                r#"{{"id":"d","section":"s2","name":"d","quote":"d",{}}}"#,
                level(r#"{"period":"2024","value":70}"#)
            ),
            // e: s2, own units → 区社事局, 教育局. Task due 2025, nothing reported → noData.
            r#"{"id":"e","section":"s2","name":"e","quote":"e","units":["区社事局","教育局"],
                "kind":"task","targets":[{"period":"2025"}]}"#
                .to_string(),
        ],
    );
    let ev = eval_plan(&text, None, Thresholds::default());
    let statuses: Vec<Status> = ev.indicators.iter().map(|s| s.status).collect();
    assert_eq!(
        statuses,
        [
            Status::Achieved,
            Status::OffTrack,
            Status::NotDue,
            Status::OnTrack,
            Status::NoData
        ]
    );

    // Whole plan: 1 achieved, 1 onTrack, 1 offTrack, 1 notDue, 1 noData.
    // Healthy share = (1 + 1)/(5 − 1 − 1) = 2/3.
    let plan = ev.rollups.plan;
    assert_eq!(
        plan,
        StatusCounts {
            achieved: 1,
            on_track: 1,
            at_risk: 0,
            off_track: 1,
            missed: 0,
            not_due: 1,
            no_data: 1
        }
    );
    assert_eq!(plan.total(), 5);
    close(plan.healthy_share(), 2.0 / 3.0, "plan healthy share");

    // Sections in file order, the empty one included.
    let keys: Vec<&str> = ev.rollups.sections.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(keys, ["s1", "s2", "s3"]);
    let s1 = &ev.rollups.sections[0];
    assert_eq!(s1.label, "一");
    assert_eq!(
        (s1.counts.achieved, s1.counts.off_track, s1.counts.total()),
        (1, 1, 2)
    );
    close(s1.counts.healthy_share(), 0.5, "s1: 1 of 2");
    let s2 = &ev.rollups.sections[1];
    assert_eq!(
        (
            s2.counts.on_track,
            s2.counts.not_due,
            s2.counts.no_data,
            s2.counts.total()
        ),
        (1, 1, 1, 3)
    );
    close(s2.counts.healthy_share(), 1.0, "s2: 1 of 1 assessed");
    let s3 = &ev.rollups.sections[2];
    assert_eq!(s3.counts.total(), 0);
    assert_eq!(s3.counts.healthy_share(), None);

    // Units: an indicator's own units, else its section's. 无指标单位 has no indicator.
    let unit = |name: &str| {
        ev.rollups
            .units
            .iter()
            .find(|r| r.key == name)
            .unwrap_or_else(|| panic!("unit {name}"))
            .counts
    };
    assert_eq!(ev.rollups.units.len(), 3);
    // 教育局: a (achieved, via s1) + e (noData, own units).
    let u = unit("教育局");
    assert_eq!((u.achieved, u.no_data, u.total()), (1, 1, 2));
    close(u.healthy_share(), 1.0, "教育局");
    // 财政局: a (achieved, via s1) + c (notDue) + d (onTrack), both via s2.
    let u = unit("财政局");
    assert_eq!((u.achieved, u.on_track, u.not_due, u.total()), (1, 1, 1, 3));
    close(u.healthy_share(), 1.0, "财政局");
    // 区社事局: b (offTrack) + e (noData), both own units; b is not counted under s1's units.
    let u = unit("区社事局");
    assert_eq!((u.off_track, u.no_data, u.total()), (1, 1, 2));
    close(u.healthy_share(), 0.0, "区社事局");
}

#[test]
fn healthy_share_counts_assessed_indicators_only() {
    // Assessed = 11 − 3 notDue − 2 noData = 6; healthy = 2 achieved + 1 onTrack = 3 → 0.5.
    let c = StatusCounts {
        achieved: 2,
        on_track: 1,
        at_risk: 1,
        off_track: 1,
        missed: 1,
        not_due: 3,
        no_data: 2,
    };
    assert_eq!(c.total(), 11);
    close(c.healthy_share(), 0.5, "3 of 6");
    // Nothing assessed → no share.
    assert_eq!(StatusCounts::default().healthy_share(), None);
    let unassessed = StatusCounts {
        not_due: 2,
        no_data: 1,
        ..StatusCounts::default()
    };
    assert_eq!(unassessed.healthy_share(), None);
    // Only missed → 0.
    let missed = StatusCounts {
        missed: 4,
        ..StatusCounts::default()
    };
    close(missed.healthy_share(), 0.0, "0 of 4");
}

// ---------------------------------------------------------------------------------------------
// The CLI
// ---------------------------------------------------------------------------------------------

#[test]
fn cli_status_json() {
    let text = plan_text(
        r#""start":"2024","end":"2026""#,
        r#"[{"id":"s","title":"S"}]"#,
        &[
            indicator("lvl", &level(r#"{"period":"2024","value":70}"#)),
            indicator("cum", &cumulative(r#"{"period":"2024","value":30}"#)),
            indicator("ms", r#""kind":"milestone","targets":[{"period":"2026"}]"#),
        ],
    );
    load_ok(&text);
    let path = std::env::temp_dir().join(format!(
        "plan-widget-status-engine-{}.json",
        std::process::id()
    ));
    std::fs::write(&path, &text).expect("write temp file");
    let out = Command::new(env!("CARGO_BIN_EXE_plan-widget"))
        .arg("status")
        .arg(&path)
        .args(["--json", "--as-of", "2025-03-01"])
        .output()
        .expect("run plan-widget");
    let _ = std::fs::remove_file(&path);
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let rows = rows.as_array().expect("an array");
    assert_eq!(rows.len(), 3);
    let row = |id: &str| {
        rows.iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("row {id}"))
    };

    // lvl: ratio 10/(20·366/731) = 0.998634 → onTrack; projected 60 + 10·731/366 = 79.972678.
    let r = row("lvl");
    assert_eq!(r["status"], "onTrack");
    assert_eq!(r["asOf"], "2025-03-01");
    close(r["progressRatio"].as_f64(), 7310.0 / 7320.0, "lvl ratio");
    close(
        r["projected"].as_f64(),
        60.0 + 10.0 * 731.0 / 366.0,
        "lvl projected",
    );

    // cum: total 30 vs 90·366/1096 = 30.054745 → 0.998178 → onTrack;
    // projected 30·1096/366 = 89.836066.
    let r = row("cum");
    assert_eq!(r["status"], "onTrack");
    close(
        r["progressRatio"].as_f64(),
        30.0 / (90.0 * 366.0 / 1096.0),
        "cum ratio",
    );
    close(
        r["projected"].as_f64(),
        30.0 * 1096.0 / 366.0,
        "cum projected",
    );

    // ms: deadline period 2026 not started, nothing reported → notDue, no ratio or projection.
    let r = row("ms");
    assert_eq!(r["status"], "notDue");
    assert!(r["progressRatio"].is_null());
    assert!(r["projected"].is_null());
}

#[test]
fn recurring_final_period_over_without_report_is_no_data() {
    // 2024 and 2025 were met (96 each) but nothing was reported for 2026. On 2027-01-01 the last
    // period is over: the 2025 ratio (1.0) must not pass for the outcome → noData.
    let fields = recurring(r#"{"period":"2024","value":96},{"period":"2025","value":96}"#);
    assert_eq!(eval_at(&fields, "2026-12-31").status, Status::OnTrack);
    assert_eq!(eval_at(&fields, "2027-01-01").status, Status::NoData);
}
