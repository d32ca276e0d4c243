//! Targets without baselines (issue 15): a `level` may omit its baseline, its expected path then
//! starts at the first reported actual; `change`, `annualChange` and `growthRate` still need one,
//! with an error that says why. The validator, the JSON Schema, the status engine, the CLI and
//! the widget's words (tooltip, indicator view, sentences, fallback table) all agree.
//!
//! Day counts: 2024-12-31 → 2025-06-30 is 181 days, 2024-12-31 → 2025-12-31 is 365,
//! 2024-12-31 → 2026-12-31 is 730.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::path::Path;
use std::process::Command;

use plan_widget::a11y;
use plan_widget::layout::{layout, EstimateMeasure, Scene, View};
use plan_widget::model::Locale;
use plan_widget::{evaluate, load, load_value, Code, Day, IndicatorStatus, Options, Status};

const FIXTURE: &str = "tests/fixtures/no-baseline.json";

fn fixture_text() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE)).unwrap()
}

/// A one-indicator plan running 2024–2026 from the indicator's kind-specific fields.
fn plan(fields: &str) -> String {
    format!(
        r#"{{"schemaVersion":1,
            "plan":{{"id":"p","title":"t","issuer":"i","start":"2024","end":"2026"}},
            "sections":[{{"id":"s","title":"S"}}],
            "indicators":[{{"id":"x","section":"s","name":"x","quote":"x",{fields}}}]}}"#
    )
}

#[track_caller]
fn eval_at(fields: &str, as_of: &str) -> IndicatorStatus {
    let loaded = load(&plan(fields));
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    let plan = loaded.plan.unwrap();
    let ev = evaluate(
        &plan,
        &Options {
            as_of: Day::parse(as_of).ok(),
            ..Options::default()
        },
    );
    ev.indicators.into_iter().next().unwrap()
}

#[track_caller]
fn close(got: Option<f64>, want: f64, what: &str) {
    let g = got.unwrap_or_else(|| panic!("{what}: None, want {want}"));
    assert!((g - want).abs() < 1e-9, "{what}: got {g}, want {want}");
}

/// 80 % by 2026, no baseline.
fn level(actuals: &str) -> String {
    format!(
        r#""kind":"level","unit":"%","targets":[{{"period":"2026","value":80}}],"actuals":[{actuals}]"#
    )
}

#[test]
fn a_level_without_baseline_is_valid_and_the_change_kinds_still_need_one() {
    assert!(load(&plan(&level(""))).diagnostics.is_empty());
    for kind in ["change", "annualChange", "growthRate"] {
        let text = plan(&format!(
            r#""kind":"{kind}","unit":"%","targets":[{{"period":"2026","value":5}}]"#
        ));
        let loaded = load(&text);
        let d = loaded
            .diagnostics
            .iter()
            .find(|d| d.code == Code::NeededForKind)
            .unwrap_or_else(|| panic!("{kind}: no kind.fieldRequired"));
        assert_eq!(d.path, "indicators[0].baseline");
        assert!(d.line.is_some() && d.column.is_some());
        // The message says why, and what to do, in both languages.
        assert!(d.message_zh.contains("原文未给基期值"), "{}", d.message_zh);
        assert!(d.message_en.contains("kind \"level\""), "{}", d.message_en);
    }
}

#[test]
fn before_any_actual_not_due_until_the_target_period_starts_then_no_data() {
    let st = eval_at(&level(""), "2025-06-30");
    assert_eq!(st.status, Status::NotDue);
    assert_eq!(st.baseline, None);
    assert_eq!(st.expected, None);
    // The target's level is still known.
    close(st.targets[0].level, 80.0, "target level");
    let st = eval_at(&level(""), "2026-03-01");
    assert_eq!(st.status, Status::NoData);
    let st = eval_at(&level(""), "2027-03-01");
    assert_eq!(st.status, Status::NoData);
    // An actual not yet counted (its period starts after the date) is not a start either.
    let st = eval_at(&level(r#"{"period":"2026","value":70}"#), "2025-06-30");
    assert_eq!(st.status, Status::NotDue);
}

#[test]
fn the_expected_path_starts_at_the_first_reported_actual() {
    // First report 60 at 2024-12-31; path 60 → 80 over 730 days.
    // At 2025-06-30 (181 days) expected 60 + 20·181/730; latest 66 → ratio 6 / (20·181/730).
    let st = eval_at(
        &level(r#"{"period":"2024","value":60},{"period":"2025-H1","value":66}"#),
        "2025-06-30",
    );
    let expected = 60.0 + 20.0 * 181.0 / 730.0;
    close(st.baseline, 60.0, "base (the first report)");
    close(st.expected, expected, "expected");
    close(st.progress_ratio, 6.0 / (expected - 60.0), "ratio");
    assert_eq!(st.status, Status::OnTrack);
    // The projection runs through the two reports only: slope 6 per 181 days.
    close(
        st.projected,
        66.0 + 6.0 * 549.0 / 181.0,
        "projected at 2026-12-31",
    );
    assert_eq!(st.projected_status, Some(Status::Achieved));

    // Falling behind: 61 at mid-2025 gives ratio 1 / 4.9589… ≈ 0.20 → offTrack.
    let st = eval_at(
        &level(r#"{"period":"2024","value":60},{"period":"2025-H1","value":61}"#),
        "2025-06-30",
    );
    assert_eq!(st.status, Status::OffTrack);

    // A single report is the start itself: on track, not a measure of progress yet.
    let st = eval_at(&level(r#"{"period":"2024","value":60}"#), "2025-06-30");
    close(st.progress_ratio, 1.0, "ratio of the start");
    assert_eq!(st.status, Status::OnTrack);
    assert_eq!(st.projection, None);

    // Reaching the target is achieved; the final period ended short of it is missed.
    let st = eval_at(
        &level(r#"{"period":"2024","value":60},{"period":"2025","value":81}"#),
        "2026-01-15",
    );
    assert_eq!(st.status, Status::Achieved);
    let st = eval_at(
        &level(r#"{"period":"2024","value":60},{"period":"2026","value":75}"#),
        "2027-01-15",
    );
    assert_eq!(st.status, Status::Missed);
}

#[test]
fn targets_the_first_report_has_passed_are_not_on_its_path() {
    // Targets 70 (2024) and 80 (2026); the first report is 2025-H1 (72): the path runs from it
    // to 80 at 2026-12-31 (549 days), not back through the 2024 target.
    let fields = r#""kind":"level","unit":"%",
        "targets":[{"period":"2024","value":70},{"period":"2026","value":80}],
        "actuals":[{"period":"2025-H1","value":72},{"period":"2025","value":74}]"#;
    let st = eval_at(fields, "2026-01-15");
    let expected = 72.0 + 8.0 * 184.0 / 549.0;
    close(st.expected, expected, "expected at 2025-12-31");
    close(st.progress_ratio, 2.0 / (expected - 72.0), "ratio");
    close(st.targets[0].level, 70.0, "first target");
    // The 2024 target had no report by its deadline: unknown, it lowers nothing.
    assert_eq!(st.targets[0].met, None);
    // 2 / 2.68… ≈ 0.75: at risk, not lowered.
    assert_eq!(st.status, Status::AtRisk);
    assert!(!st.lowered);
}

#[test]
fn check_accepts_and_render_draws_the_fixture() {
    let bin = env!("CARGO_BIN_EXE_plan-widget");
    let out = Command::new(bin).args(["check", FIXTURE]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("ok, 4 indicators, 0 warnings"));
    for (view, lang, words) in [
        ("indicator:gross-enrolment", "zh-CN", "原文未给基期值"),
        ("indicator:inclusive-coverage", "zh-CN", "原文未给基期值"),
        (
            "indicator:gross-enrolment",
            "en",
            "No baseline in the plan text",
        ),
    ] {
        let out = Command::new(bin)
            .args([
                "render", FIXTURE, "--view", view, "--width", "390", "--lang", lang,
            ])
            .args(["--out", "-"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{view}");
        let svg = String::from_utf8_lossy(&out.stdout);
        assert!(svg.starts_with("<svg") || svg.contains("<svg"), "{view}");
        assert!(svg.contains(words), "{view} {lang}: no “{words}”");
    }
}

#[test]
fn the_widget_says_where_the_baseline_would_be() {
    let loaded = load(&fixture_text());
    assert!(loaded.diagnostics.is_empty());
    let plan = loaded.plan.unwrap();
    let eval = evaluate(&plan, &Options::default());
    let scene = Scene {
        plan: &plan,
        eval: &eval,
        rejected: &[],
    };
    for (locale, words) in [
        (Locale::ZhCn, "原文未给基期值"),
        (Locale::En, "no baseline in the plan text"),
    ] {
        let opts = |view| common::layout_options(800.0, view, locale);
        let dash = opts(View::Dashboard);
        let d = a11y::describe(&scene, &dash);
        for s in &d.sentences {
            assert!(
                s.text.to_lowercase().contains(words),
                "sentence: {}",
                s.text
            );
        }
        for r in &d.rows {
            let expected_cell = &r.cells[6];
            assert!(expected_cell.to_lowercase().contains(words), "table: {r:?}");
        }
        let t = a11y::tooltip(&scene, &dash, "gross-enrolment").unwrap();
        assert!(
            t.lines
                .iter()
                .any(|l| l.value.to_lowercase().starts_with(words)),
            "tooltip: {t:?}"
        );
        let view = opts(View::Indicator("public-share".into()));
        let list = layout(&scene, &view, &EstimateMeasure);
        let drawn: Vec<&str> = list.texts().map(|(_, t)| t).collect();
        assert!(
            drawn.iter().any(|t| t.to_lowercase().contains(words)),
            "indicator view: {drawn:?}"
        );
        let html = a11y::fallback_html(&scene, &dash);
        assert!(html.to_lowercase().contains(words));
    }
}

#[test]
fn the_schema_agrees_a_level_may_omit_its_baseline_and_a_change_may_not() {
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("www/plan-indicators.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let good: serde_json::Value = serde_json::from_str(&fixture_text()).unwrap();
    assert!(validator.is_valid(&good));
    assert!(load_value(&good).is_valid());
    for kind in ["change", "annualChange", "growthRate"] {
        let mut bad = good.clone();
        bad["indicators"][0]["kind"] = kind.into();
        bad["indicators"][0]["targets"] = serde_json::json!([{"period": "2026", "value": 1}]);
        assert!(!validator.is_valid(&bad), "schema accepted {kind}");
        assert!(!load_value(&bad).is_valid(), "validator accepted {kind}");
        bad["indicators"][0]["baseline"] = serde_json::json!({"period": "2023", "value": 90});
        assert!(
            validator.is_valid(&bad),
            "schema rejected {kind} with baseline"
        );
        assert!(load_value(&bad).is_valid(), "validator rejected {kind}");
    }
}
