//! The status engine for the measured kinds: level, change, annualChange, growthRate and
//! cumulative. See `tests/common/status.rs` for the helpers, the
//! fixture indicators and the day counts the hand-worked numbers use.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::status::*;
use plan_widget::Status;

// ---------------------------------------------------------------------------------------------
// level
// ---------------------------------------------------------------------------------------------

#[test]
fn level_ratio_statuses() {
    // Expected at 2024-12-31 = 60 + 20·366/731 = 70.013680.
    let expected_2024 = 60.0 + 20.0 * 366.0 / 731.0;

    // 70 → ratio (70−60)/(70.013680−60) = 10/10.013680 = 0.998634 ≥ 0.95 → onTrack.
    let st = status_at(&level(&one("2024", 70.0)), "2025-03-01", Status::OnTrack);
    close(st.baseline, 60.0, "baseline");
    close(latest_value(&st), 70.0, "latest");
    close(st.expected, expected_2024, "expected");
    close(st.progress_ratio, 10.0 / (expected_2024 - 60.0), "ratio");
    close_tol(st.progress_ratio, 0.998_634, 1e-6, "ratio ≈ 0.998634");
    // Expected now (2025-03-01, t = 366 + 31 + 28 + 1 = 426): 60 + 20·426/731 = 71.655267.
    close(st.expected_now, 60.0 + 20.0 * 426.0 / 731.0, "expected now");
    assert!(!st.lowered);

    // 67 → 7/10.013680 = 0.699044: ≥ 0.6, < 0.95 → atRisk.
    ratio_at(
        &level(&one("2024", 67.0)),
        "2025-03-01",
        7.0 * 731.0 / 7320.0,
        Status::AtRisk,
    );

    // 64 → 4/10.013680 = 0.399454 < 0.6 → offTrack.
    ratio_at(
        &level(&one("2024", 64.0)),
        "2025-03-01",
        4.0 * 731.0 / 7320.0,
        Status::OffTrack,
    );

    // On the final target's last day (not yet ended): 79 vs expected 80 →
    // 19/20 = 0.95, exactly the threshold → onTrack (not missed).
    let st = status_at(
        &level(r#"{"period":"2024","value":70},{"period":"2025","value":79}"#),
        "2025-12-31",
        Status::OnTrack,
    );
    close(st.expected, 80.0, "expected at 2025-12-31");
    close(st.progress_ratio, 0.95, "ratio");
}

#[test]
fn level_achieved_and_missed() {
    // 81 ≥ 80 (atLeast, the default for increase) → achieved, before the deadline.
    let st = status_at(
        &level(r#"{"period":"2024","value":70},{"period":"2025-H1","value":81}"#),
        "2025-07-15",
        Status::Achieved,
    );
    // The target's `met` uses the latest value ending by its deadline, so far 81 ≥ 80.
    assert_eq!(st.targets[0].met, Some(true));
    assert!(!st.targets[0].due, "2025 has not ended");

    // 79 < 80 and 2026-01-01 is after 2025-12-31 → missed.
    let st = status_at(
        &level(r#"{"period":"2024","value":70},{"period":"2025","value":79}"#),
        "2026-01-01",
        Status::Missed,
    );
    assert_eq!(st.targets[0].met, Some(false));
    assert!(st.targets[0].due);
}

#[test]
fn level_not_due_and_no_data() {
    // No actuals; the only target period (2025) starts 2025-01-01.
    let st = status_at(&level(""), "2024-12-31", Status::NotDue);
    assert_eq!(st.progress_ratio, None);
    assert_eq!(
        st.projection, None,
        "one point (the baseline) cannot be fitted"
    );
    assert_eq!(st.projected, None);

    let st = status_at(&level(""), "2025-01-01", Status::NoData);
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
    let st = status_at(&ind(&one("2024", 25.0)), "2025-03-01", Status::OnTrack);
    close(st.expected, 30.0 - fall, "expected");
    close(st.progress_ratio, 5.0 / fall, "ratio");

    // 26.5: 3.5/5.006840 = 0.699044 → atRisk.
    ratio_at(
        &ind(&one("2024", 26.5)),
        "2025-03-01",
        3.5 / fall,
        Status::AtRisk,
    );

    // 27: 3/5.006840 = 0.599180, just under 0.6 → offTrack.
    ratio_at(
        &ind(&one("2024", 27.0)),
        "2025-03-01",
        3.0 / fall,
        Status::OffTrack,
    );

    // 32 (worse than the baseline): −2/5.006840 = −0.399454 → offTrack.
    ratio_at(
        &ind(&one("2024", 32.0)),
        "2025-03-01",
        -2.0 / fall,
        Status::OffTrack,
    );

    // 19.5 ≤ 20 → achieved.
    status_at(&ind(&one("2025-H1", 19.5)), "2025-07-01", Status::Achieved);

    // 21 > 20 after 2025-12-31 → missed.
    status_at(&ind(&one("2025", 21.0)), "2026-01-01", Status::Missed);
}

// ---------------------------------------------------------------------------------------------
// change
// ---------------------------------------------------------------------------------------------

#[test]
fn change_ratio_statuses() {
    // Target level 50 + 10 = 60; expected at 2024-12-31 = 50 + 10·366/731 = 55.006840.
    let rise = 10.0 * 366.0 / 731.0;

    // 55: 5/5.006840 = 0.998634 → onTrack.
    let st = status_at(&change(&one("2024", 55.0)), "2025-03-01", Status::OnTrack);
    close(st.targets[0].level, 60.0, "derived target level");
    close(st.expected, 50.0 + rise, "expected");
    close(st.progress_ratio, 5.0 / rise, "ratio");

    // 53.5: 3.5/5.006840 = 0.699044 → atRisk.
    ratio_at(
        &change(&one("2024", 53.5)),
        "2025-03-01",
        3.5 / rise,
        Status::AtRisk,
    );

    // 52: 2/5.006840 = 0.399454 → offTrack.
    ratio_at(
        &change(&one("2024", 52.0)),
        "2025-03-01",
        2.0 / rise,
        Status::OffTrack,
    );
}

#[test]
fn change_achieved_missed_not_due_no_data() {
    // 60.5 ≥ 60 → achieved.
    status_at(
        &change(&one("2025-H1", 60.5)),
        "2025-07-01",
        Status::Achieved,
    );

    // 59 < 60, 2025 has ended → missed.
    status_at(&change(&one("2025", 59.0)), "2026-01-01", Status::Missed);

    status_at(&change(""), "2024-06-30", Status::NotDue);
    status_at(&change(""), "2025-01-01", Status::NoData);
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

#[test]
fn annual_change_ratio_statuses() {
    // 2024-12-31 is one whole year after 2023-12-31 → expected 10 + 2·1 = 12.
    // 12 → (12−10)/(12−10) = 1 → onTrack.
    let st = status_at(&annual(&one("2024", 12.0)), "2025-03-01", Status::OnTrack);
    close(st.targets[0].level, 16.0, "target level 10 + 2·3");
    close(st.expected, 12.0, "expected");
    close(st.progress_ratio, 1.0, "ratio");
    // 2025-03-01 is still one whole year (the next step comes on 2025-12-31): 12.
    close(st.expected_now, 12.0, "expected now");

    // 2025-12-31: two whole years → expected 14. 12.8 → 2.8/4 = 0.7 → atRisk.
    let st = status_at(&annual(&one("2025", 12.8)), "2026-03-01", Status::AtRisk);
    close(st.expected, 14.0, "expected");
    close(st.progress_ratio, 0.7, "ratio");

    // 11 → 1/4 = 0.25 → offTrack.
    ratio_at(
        &annual(&one("2025", 11.0)),
        "2026-03-01",
        0.25,
        Status::OffTrack,
    );
}

#[test]
fn annual_change_achieved_missed_not_due_no_data() {
    // 16.5 ≥ 16 → achieved.
    status_at(&annual(&one("2025", 16.5)), "2026-03-01", Status::Achieved);

    // 15.5 < 16 and 2026 has ended → missed.
    status_at(&annual(&one("2026", 15.5)), "2027-01-01", Status::Missed);

    // The only target period, 2026, starts on 2026-01-01.
    status_at(&annual(""), "2025-12-31", Status::NotDue);
    status_at(&annual(""), "2026-01-01", Status::NoData);
}

#[test]
fn annual_change_steps_once_a_year() {
    // 2024-06-30 is 182/366 of a year after the baseline: 0 whole years → expected 10, an
    // expected change of 0. Then the ratio is 1 when the value is at least as good, else 0.
    let st = eval_at(&annual(&one("2024-H1", 10.0)), "2024-07-01");
    close(st.expected, 10.0, "no step yet");
    close(st.progress_ratio, 1.0, "as good as expected");
    assert_eq!(st.status, Status::OnTrack);

    let st = eval_at(&annual(&one("2024-H1", 9.9)), "2024-07-01");
    close(st.progress_ratio, 0.0, "worse than expected");
    assert_eq!(st.status, Status::OffTrack);

    // 2025-06-30 is 1 + 181/365 = 1.496 years on: one whole year → 12, not 10 + 2·1.496 = 12.99.
    // 11.5 → 1.5/2 = 0.75 → atRisk.
    let st = eval_at(&annual(&one("2025-H1", 11.5)), "2025-07-01");
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
    let st = eval_at(&ind(&one("2025", 49.0)), "2026-03-01");
    close(st.targets[0].level, 48.5, "target level");
    close(st.expected, 49.0, "expected");
    close(st.progress_ratio, 1.0, "ratio");
    assert_eq!(st.status, Status::OnTrack);

    // 49.3 → 0.7/1 = 0.7 → atRisk.
    ratio_at(&ind(&one("2025", 49.3)), "2026-03-01", 0.7, Status::AtRisk);

    // 49.6 → 0.4/1 = 0.4 → offTrack.
    ratio_at(
        &ind(&one("2025", 49.6)),
        "2026-03-01",
        0.4,
        Status::OffTrack,
    );

    // 48.4 ≤ 48.5 → achieved; 48.7 > 48.5 after 2026 → missed.
    status_at(&ind(&one("2026", 48.4)), "2027-01-01", Status::Achieved);
    status_at(&ind(&one("2026", 48.7)), "2027-01-01", Status::Missed);
}

// ---------------------------------------------------------------------------------------------
// growthRate
// ---------------------------------------------------------------------------------------------

#[test]
fn growth_rate_compounds() {
    // 2023-12-31 → 2024-12-31 is exactly 1 year: expected 10·1.3 = 13.
    // 2023-12-31 → 2025-12-31 is exactly 2 years: 10·1.3² = 16.9.
    let st = eval_at(&growth(&one("2024", 13.0)), "2025-03-01");
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
    ratio_at(
        &growth(&one("2024", 13.0)),
        "2025-03-01",
        1.0,
        Status::OnTrack,
    );

    // 12.1 → 2.1/3 = 0.7 → atRisk.
    ratio_at(
        &growth(&one("2024", 12.1)),
        "2025-03-01",
        2.1 / 3.0,
        Status::AtRisk,
    );

    // 11 → 1/3 = 0.333 → offTrack.
    ratio_at(
        &growth(&one("2024", 11.0)),
        "2025-03-01",
        1.0 / 3.0,
        Status::OffTrack,
    );

    // Half-year: 2024-06-30 is 182/366 of a year → 10·1.3^(182/366) = 11.393584.
    // 11 → 1/1.393584 = 0.717574 → atRisk.
    let st = eval_at(&growth(&one("2024-H1", 11.0)), "2024-07-01");
    let expected = 10.0 * 1.3_f64.powf(182.0 / 366.0);
    close(st.expected, expected, "expected");
    close_tol(st.expected, 11.393_584, 1e-6, "expected");
    close(st.progress_ratio, 1.0 / (expected - 10.0), "ratio");
    assert_eq!(st.status, Status::AtRisk);
}

#[test]
fn growth_rate_achieved_missed_not_due_no_data() {
    // 17 ≥ 16.9 → achieved.
    status_at(
        &growth(&one("2025-H1", 17.0)),
        "2025-07-01",
        Status::Achieved,
    );

    // 16.5 < 16.9 after 2025 → missed.
    status_at(&growth(&one("2025", 16.5)), "2026-01-01", Status::Missed);

    status_at(&growth(""), "2024-12-31", Status::NotDue);
    status_at(&growth(""), "2025-01-01", Status::NoData);
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
    let st = eval_at(&ind(&one("2024", 90.0)), "2025-03-01");
    close(st.targets[0].level, 81.0, "target level 100·0.9²");
    close(st.expected, 90.0, "expected");
    close(st.progress_ratio, 1.0, "ratio");
    assert_eq!(st.status, Status::OnTrack);

    // 93 → 7/10 = 0.7 → atRisk.
    ratio_at(&ind(&one("2024", 93.0)), "2025-03-01", 0.7, Status::AtRisk);

    // 95 → 5/10 = 0.5 → offTrack.
    ratio_at(
        &ind(&one("2024", 95.0)),
        "2025-03-01",
        0.5,
        Status::OffTrack,
    );

    // 80 ≤ 81 → achieved; 82 > 81 after 2025 → missed.
    status_at(&ind(&one("2025", 80.0)), "2026-01-01", Status::Achieved);
    status_at(&ind(&one("2025", 82.0)), "2026-01-01", Status::Missed);
}

// ---------------------------------------------------------------------------------------------
// cumulative
// ---------------------------------------------------------------------------------------------

#[test]
fn cumulative_ratio_statuses_without_baseline() {
    // Expected at 2024-12-31 = 90·366/1096 = 30.054745.
    let expected = 90.0 * 366.0 / 1096.0;

    // Total 30 → 30/30.054745 = 0.998178 → onTrack.
    let st = status_at(
        &cumulative(&one("2024", 30.0)),
        "2025-03-01",
        Status::OnTrack,
    );
    close(st.baseline, 0.0, "no baseline: 0 on the eve of the plan");
    close(st.expected, expected, "expected");
    close(st.progress_ratio, 30.0 / expected, "ratio");

    // 20 → 0.665452 → atRisk.
    ratio_at(
        &cumulative(&one("2024", 20.0)),
        "2025-03-01",
        20.0 / expected,
        Status::AtRisk,
    );

    // 10 → 0.332726 → offTrack.
    ratio_at(
        &cumulative(&one("2024", 10.0)),
        "2025-03-01",
        10.0 / expected,
        Status::OffTrack,
    );

    // Eve of the plan is day 0: at 2024-06-30 (182 days) 90·182/1096 = 14.945255.
    // 15 → 15/14.945255 = 1.003663 → onTrack.
    let st = eval_at(&cumulative(&one("2024-H1", 15.0)), "2024-07-01");
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
    status_at(&cumulative(""), "2025-12-31", Status::NotDue);
    status_at(&cumulative(""), "2026-01-01", Status::NoData);
}
