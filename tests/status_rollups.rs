//! The status engine's roll-ups and the CLI's status output. See `tests/common/status.rs` for the helpers, the
//! fixture indicators and the day counts the hand-worked numbers use.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::status::*;
use std::process::Command;

use plan_widget::status::{StatusCounts, Thresholds};
use plan_widget::Status;

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
                level(&one("2024", 64.0))
            ),
            // c: s2 → 财政局. Target 2026 not started, nothing reported → notDue.
            r#"{"id":"c","section":"s2","name":"c","quote":"c","kind":"level",
                "baseline":{"period":"2023","value":1},"targets":[{"period":"2026","value":2}]}"#
                .to_string(),
            // d: s2 → 财政局. 70 → 0.998634 → onTrack.
            format!(
                r#"{{"id":"d","section":"s2","name":"d","quote":"d",{}}}"#,
                level(&one("2024", 70.0))
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
            indicator("lvl", &level(&one("2024", 70.0))),
            indicator("cum", &cumulative(&one("2024", 30.0))),
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
    status_at(&fields, "2026-12-31", Status::OnTrack);
    status_at(&fields, "2027-01-01", Status::NoData);
}
