//! The status engine's shared rules: an earlier target passed unmet, thresholds, the as-of
//! date, the projection, bounds and bands. See `tests/common/status.rs` for the helpers, the
//! fixture indicators and the day counts the hand-worked numbers use.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::status::*;
use plan_widget::status::Thresholds;
use plan_widget::{Day, Status};

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
    let st = ratio_at(
        &level_two_targets(r#"{"period":"2024","value":68},{"period":"2025-H1","value":70}"#),
        "2025-07-01",
        10.0 / rise,
        Status::OffTrack,
    );
    assert!(st.lowered);

    // 65 → 5/14.958904 = 0.334249 → offTrack stays offTrack (never missed while the final
    // target has not passed).
    let st = ratio_at(
        &level_two_targets(r#"{"period":"2024","value":68},{"period":"2025-H1","value":65}"#),
        "2025-07-01",
        5.0 / rise,
        Status::OffTrack,
    );
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
    let st = eval_at(&level_two_targets(&one("2024", 68.0)), "2024-12-31");
    close(st.progress_ratio, 0.8, "ratio");
    assert!(!st.targets[0].due);
    assert_eq!(st.status, Status::AtRisk);
    assert!(!st.lowered);

    // One day later it has ended unmet: atRisk → offTrack.
    let st = eval_at(&level_two_targets(&one("2024", 68.0)), "2025-01-01");
    assert!(st.targets[0].due);
    assert_eq!(st.status, Status::OffTrack);
    assert!(st.lowered);

    // Once the final target has passed unmet it is `missed` by the final-target rule.
    let st = status_at(
        &level_two_targets(r#"{"period":"2024","value":68},{"period":"2025","value":79}"#),
        "2026-01-01",
        Status::Missed,
    );
    assert!(!st.lowered);
}

// ---------------------------------------------------------------------------------------------
// Thresholds
// ---------------------------------------------------------------------------------------------

#[test]
fn custom_thresholds() {
    // Ratio 7/10.013680 = 0.699044 (see level_ratio_statuses).
    let ind = level(&one("2024", 67.0));
    status_at(&ind, "2025-03-01", Status::AtRisk);

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
    let ind = level(&one("2024", 70.0));
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
    let st = eval_at(&level(&one("2024", 70.0)), "2025-03-01");
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
    let st = eval_in_2024(
        r#""kind":"level","baseline":{"period":"2024-01-01","value":10},
               "targets":[{"period":"2024-03-01","value":30}],
               "actuals":[{"period":"2024-01-11","value":14},{"period":"2024-01-21","value":15}]"#,
        "2024-01-31",
    );
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
    let st = eval_in_2024(
        r#""kind":"growthRate","baseline":{"period":"2024-01-01","value":100},
               "targets":[{"period":"2024-02-10","value":30}],
               "actuals":[{"period":"2024-01-11","value":110},{"period":"2024-01-21","value":121}]"#,
        "2024-01-31",
    );
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
    let st = eval_at(&growth(&one("2024", 13.0)), "2025-03-01");
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
    let st = eval_at(&cumulative(&one("2024", 30.0)), "2025-03-01");
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
    let st = eval_at(&dec(&one("2025-H1", 2.0)), "2025-07-01");
    close(st.targets[0].level, 5.0, "max seen from decrease");
    assert_eq!(st.status, Status::Achieved);
    // 5.5 is above the band: the worse side; 2025 has ended → missed.
    status_at(&dec(&one("2025", 5.5)), "2026-01-01", Status::Missed);
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
