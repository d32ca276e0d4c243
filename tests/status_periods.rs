//! The status engine for the kinds counted per period or by state: recurring, zero,
//! milestone and task. See `tests/common/status.rs` for the helpers, the
//! fixture indicators and the day counts the hand-worked numbers use.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::status::*;
use plan_widget::Status;

// ---------------------------------------------------------------------------------------------
// recurring
// ---------------------------------------------------------------------------------------------

#[test]
fn recurring_ratio_statuses() {
    // As of 2024-12-31 the 2024 period has started (so its figure counts) but not ended, so
    // only the ratio rule applies.
    // 96/96 = 1 → onTrack (baseline 0).
    let st = status_at(
        &recurring(&one("2024", 96.0)),
        "2024-12-31",
        Status::OnTrack,
    );
    close(st.baseline, 0.0, "baseline");
    close(st.expected, 96.0, "expected = that period's target");
    close(st.progress_ratio, 1.0, "ratio");
    close(st.expected_now, 96.0, "the 2024 target");

    // 92/96 = 0.958333 ≥ 0.95 → onTrack, although 92 < 96 (the period is still running).
    ratio_at(
        &recurring(&one("2024", 92.0)),
        "2024-12-31",
        92.0 / 96.0,
        Status::OnTrack,
    );

    // 72/96 = 0.75 → atRisk.
    ratio_at(
        &recurring(&one("2024", 72.0)),
        "2024-12-31",
        0.75,
        Status::AtRisk,
    );

    // 48/96 = 0.5 → offTrack.
    ratio_at(
        &recurring(&one("2024", 48.0)),
        "2024-12-31",
        0.5,
        Status::OffTrack,
    );

    // A met 2024 and the 2025 period under way: 96/96 = 1 → onTrack; expected now is 2025's 96.
    let st = status_at(
        &recurring(&one("2024", 96.0)),
        "2025-03-01",
        Status::OnTrack,
    );
    close(st.expected_now, 96.0, "the 2025 target");
    assert!(!st.lowered);
}

#[test]
fn recurring_period_ended_unmet_lowers_one_step() {
    // Once 2024 has ended unmet it is an earlier (not final) target passed unmet: one step down.
    // 72/96 = 0.75 → atRisk → offTrack.
    let st = eval_at(&recurring(&one("2024", 72.0)), "2025-03-01");
    close(st.progress_ratio, 0.75, "ratio");
    assert_eq!(st.targets[0].met, Some(false));
    assert_eq!(st.status, Status::OffTrack);
    assert!(st.lowered);

    // 92/96 = 0.958333 → onTrack → atRisk.
    let st = status_at(&recurring(&one("2024", 92.0)), "2025-01-01", Status::AtRisk);
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
    let st = ratio_at(
        &recurring(r#"{"period":"2024","value":90},{"period":"2025","value":96}"#),
        "2026-03-01",
        1.0,
        Status::AtRisk,
    );
    assert!(st.lowered);

    // offTrack is not lowered further, and never to missed: 48/96 = 0.5.
    let st = status_at(
        &recurring(&one("2024", 48.0)),
        "2025-03-01",
        Status::OffTrack,
    );
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
    status_at(&three(100), "2026-12-31", Status::Achieved);

    // 90 < 96: while 2026 runs, 90/96 = 0.9375 → atRisk; once it has ended → missed.
    ratio_at(&three(90), "2026-12-31", 0.9375, Status::AtRisk);
    status_at(&three(90), "2027-01-01", Status::Missed);

    // First target period starts 2024-01-01.
    status_at(&recurring(""), "2023-12-31", Status::NotDue);
    status_at(&recurring(""), "2024-01-01", Status::NoData);
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
    let st = eval_at(&band(&one("2024", 3.0)), "2025-03-01");
    close(
        st.targets[0].level,
        1.0,
        "band level seen from increase is min",
    );
    assert_eq!(st.targets[0].met, Some(true));
    close(st.progress_ratio, 3.0, "ratio");
    assert_eq!(st.status, Status::OnTrack);

    // None in 2024: 0/1 = 0 → offTrack.
    let st = eval_at(&band(&one("2024", 0.0)), "2025-03-01");
    assert_eq!(st.targets[0].met, Some(false));
    assert_eq!(st.status, Status::OffTrack);

    // Three in the final year → achieved.
    status_at(
        &band(
            r#"{"period":"2024","value":1},{"period":"2025","value":2},
               {"period":"2026","value":3}"#,
        ),
        "2027-01-01",
        Status::Achieved,
    );
}

// ---------------------------------------------------------------------------------------------
// zero
// ---------------------------------------------------------------------------------------------

#[test]
fn zero_statuses() {
    // No incident so far, span not over → onTrack, ratio 1.
    let st = ratio_at(&zero(&one("2024", 0.0)), "2025-03-01", 1.0, Status::OnTrack);
    close(latest_value(&st), 0.0, "incidents");

    // One incident while the span runs → offTrack, ratio 0.
    ratio_at(
        &zero(&one("2024", 1.0)),
        "2025-03-01",
        0.0,
        Status::OffTrack,
    );

    // Span ended (after 2026-12-31) with no incident → achieved.
    status_at(
        &zero(
            r#"{"period":"2024","value":0},{"period":"2025","value":0},{"period":"2026","value":0}"#,
        ),
        "2027-01-01",
        Status::Achieved,
    );

    // Span ended with 0 + 2 + 0 = 2 incidents → missed; latest shows the total so far.
    let st = status_at(
        &zero(
            r#"{"period":"2024","value":0},{"period":"2025","value":2},{"period":"2026","value":0}"#,
        ),
        "2027-01-01",
        Status::Missed,
    );
    close(latest_value(&st), 2.0, "incidents so far");

    // Before the span starts (2024-01-01) → notDue; after, with nothing → noData.
    status_at(&zero(""), "2023-12-31", Status::NotDue);
    status_at(&zero(""), "2024-01-01", Status::NoData);
}

#[test]
fn zero_targets_give_the_periods_covered() {
    // Covers 2024 only: an incident in 2025-H1 lies outside it; 2024 has ended with none.
    let st = status_at(
        r#""kind":"zero","targets":[{"period":"2024"}],
           "actuals":[{"period":"2024","value":0},{"period":"2025-H1","value":1}]"#,
        "2025-07-01",
        Status::Achieved,
    );
    assert_eq!(st.targets[0].met, Some(true));
}

// ---------------------------------------------------------------------------------------------
// milestone
// ---------------------------------------------------------------------------------------------

#[test]
fn milestone_statuses() {
    let st = status_at(
        &milestone(r#"{"period":"2024-H2","state":"done"}"#),
        "2025-01-15",
        Status::Achieved,
    );
    assert_eq!(st.targets[0].met, Some(true));

    status_at(
        &milestone(r#"{"period":"2024","state":"inProgress"}"#),
        "2025-02-01",
        Status::OnTrack,
    );

    // Not started before the deadline period begins → still on track.
    status_at(
        &milestone(r#"{"period":"2024-H1","state":"notStarted"}"#),
        "2024-08-01",
        Status::OnTrack,
    );

    // Not started inside the deadline period (2025) → atRisk.
    status_at(
        &milestone(r#"{"period":"2025-Q1","state":"notStarted"}"#),
        "2025-04-01",
        Status::AtRisk,
    );

    status_at(
        &milestone(r#"{"period":"2025-Q1","state":"blocked"}"#),
        "2025-04-01",
        Status::OffTrack,
    );

    // Still in progress after 2025-12-31 → missed.
    let st = status_at(
        &milestone(r#"{"period":"2025","state":"inProgress"}"#),
        "2026-01-01",
        Status::Missed,
    );
    assert_eq!(st.targets[0].met, Some(false));

    status_at(&milestone(""), "2024-12-31", Status::NotDue);
    status_at(&milestone(""), "2025-01-01", Status::NoData);

    // A "done" reported for 2025-Q1 does not count as of 2024-12-31 (period not started).
    status_at(
        &milestone(r#"{"period":"2025-Q1","state":"done"}"#),
        "2024-12-31",
        Status::NotDue,
    );
}

// ---------------------------------------------------------------------------------------------
// task
// ---------------------------------------------------------------------------------------------

#[test]
fn task_ratio_statuses() {
    // Expected at 2024-12-31 = 100·366/731 = 50.068399 %.
    let expected = 100.0 * 366.0 / 731.0;

    // 50 % → 50/50.068399 = 0.998634 → onTrack.
    let st = status_at(
        &task(r#"{"period":"2024","state":"inProgress","value":50}"#),
        "2025-02-01",
        Status::OnTrack,
    );
    close(st.expected, expected, "expected percent");
    close(st.progress_ratio, 50.0 / expected, "ratio");
    close(st.baseline, 0.0, "baseline");

    // 40 % → 0.798907 → atRisk.
    ratio_at(
        &task(r#"{"period":"2024","state":"inProgress","value":40}"#),
        "2025-02-01",
        40.0 / expected,
        Status::AtRisk,
    );

    // 20 % → 0.399454 → offTrack.
    ratio_at(
        &task(r#"{"period":"2024","state":"inProgress","value":20}"#),
        "2025-02-01",
        20.0 / expected,
        Status::OffTrack,
    );

    // notStarted counts as 0 % → ratio 0 → offTrack.
    let st = eval_at(
        &task(r#"{"period":"2024","state":"notStarted"}"#),
        "2025-02-01",
    );
    close(latest_value(&st), 0.0, "percent");
    close(st.progress_ratio, 0.0, "ratio");
    assert_eq!(st.status, Status::OffTrack);

    // Blocked → offTrack whatever the percent (60 % would be on track: 60/50.07 > 1).
    status_at(
        &task(r#"{"period":"2024","state":"blocked","value":60}"#),
        "2025-02-01",
        Status::OffTrack,
    );

    // inProgress without a percent → onTrack, no ratio.
    let st = status_at(
        &task(r#"{"period":"2024","state":"inProgress"}"#),
        "2025-02-01",
        Status::OnTrack,
    );
    assert_eq!(st.progress_ratio, None);
}

#[test]
fn task_achieved_missed_not_due_no_data() {
    let st = status_at(
        &task(r#"{"period":"2025-H1","state":"done"}"#),
        "2025-07-01",
        Status::Achieved,
    );
    close(latest_value(&st), 100.0, "done is 100 %");

    status_at(
        &task(r#"{"period":"2025","state":"inProgress","value":90}"#),
        "2026-01-01",
        Status::Missed,
    );

    // A task's clock runs from the plan's start (2024-01-01), not from its deadline's period:
    // before it → notDue; from it on, with nothing reported → noData, even though the
    // deadline period (2025) has not started. Expected now at 2024-06-30: 100·182/731 = 24.897 %.
    status_at(&task(""), "2023-12-31", Status::NotDue);
    status_at(&task(""), "2024-01-01", Status::NoData);
    let st = status_at(&task(""), "2024-06-30", Status::NoData);
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
