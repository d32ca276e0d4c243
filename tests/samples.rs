//! The sample plans in `www/data/` are the product's ground truth: each must validate cleanly,
//! match the JSON Schema, hold enough indicators, and quote its source plan verbatim.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::path::Path;

use common::{samples, source_text};

use plan_widget::model::Kind;

#[test]
fn there_is_one_sample_per_source_plan() {
    let names: Vec<String> = samples()
        .into_iter()
        .map(|(n, _)| n[..3].to_string())
        .collect();
    assert_eq!(names, ["000", "001", "002", "003", "004"]);
}

#[test]
fn every_sample_validates_without_any_diagnostic() {
    for (name, text) in samples() {
        let loaded = plan_widget::load(&text);
        assert!(
            loaded.diagnostics.is_empty(),
            "{name}: {:#?}",
            loaded.diagnostics
        );
        let plan = loaded.plan.expect("usable plan");
        assert!(
            plan.plan.sample_data,
            "{name}: illustrative actuals must be marked sampleData"
        );
        assert!(plan.plan.as_of.is_some(), "{name}: asOf");
    }
}

#[test]
fn samples_hold_enough_indicators_of_the_right_character() {
    let minimum = [
        ("000", 15),
        ("001", 30),
        ("002", 20),
        ("003", 15),
        ("004", 8),
    ];
    for (name, text) in samples() {
        let plan = plan_widget::load(&text).plan.unwrap();
        let want = minimum.iter().find(|(p, _)| name.starts_with(p)).unwrap().1;
        assert!(
            plan.indicators.len() >= want,
            "{name}: {} < {want}",
            plan.indicators.len()
        );
        let numeric = plan
            .indicators
            .iter()
            .filter(|i| !matches!(i.kind, Kind::Task | Kind::Milestone))
            .count();
        match &name[..3] {
            // The qualitative plans are mostly tasks.
            "000" | "002" => assert!(
                numeric * 4 < plan.indicators.len(),
                "{name}: {numeric} numeric"
            ),
            // The numeric plans use many kinds.
            "001" => {
                for k in Kind::ALL.iter().filter(|k| **k != Kind::Task) {
                    assert!(
                        plan.indicators.iter().any(|i| i.kind == *k),
                        "001 lacks {k:?}"
                    );
                }
            }
            _ => assert!(numeric >= 8, "{name}: only {numeric} numeric indicators"),
        }
    }
}

#[test]
fn every_quote_and_section_title_is_verbatim_in_its_plan() {
    for (name, text) in samples() {
        let source = source_text(&name);
        let plan = plan_widget::load(&text).plan.unwrap();
        for ind in &plan.indicators {
            assert!(
                source.contains(&ind.quote),
                "{name}: indicator {} quotes text not found in the plan: {}",
                ind.id,
                ind.quote
            );
        }
        for s in &plan.sections {
            assert!(
                source.contains(&s.title),
                "{name}: section title {:?} not in the plan",
                s.title
            );
        }
    }
}

#[test]
fn every_sample_matches_the_json_schema() {
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("www/plan-indicators.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    for (name, text) in samples() {
        let instance: serde_json::Value = serde_json::from_str(&text).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
}

#[test]
fn the_schema_rejects_what_the_validator_rejects() {
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("www/plan-indicators.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let (_, text) = samples().into_iter().nth(1).unwrap();
    let good: serde_json::Value = serde_json::from_str(&text).unwrap();
    type Mutation = Box<dyn Fn(&mut serde_json::Value)>;
    let mutations: Vec<(&str, Mutation)> = vec![
        (
            "unknown kind",
            Box::new(|v| v["indicators"][0]["kind"] = "ratio".into()),
        ),
        (
            "bad period",
            Box::new(|v| v["indicators"][0]["targets"][0]["period"] = "2024年".into()),
        ),
        (
            "misspelt field",
            Box::new(|v| v["indicators"][0]["acutals"] = serde_json::json!([])),
        ),
        (
            "bad id",
            Box::new(|v| v["indicators"][0]["id"] = "空格 id".into()),
        ),
        ("version 2", Box::new(|v| v["schemaVersion"] = 2.into())),
        (
            "milestone value",
            Box::new(|v| {
                let i = v["indicators"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .position(|i| i["kind"] == "milestone")
                    .unwrap();
                v["indicators"][i]["targets"][0]["value"] = 1.into();
            }),
        ),
        (
            "series with an unknown field",
            Box::new(|v| {
                let i = first_of_kind(v, "level");
                v["indicators"][i]["actuals"] =
                    serde_json::json!({ "start": "2024-01", "values": [50], "vaules": [] });
            }),
        ),
        (
            "series entry not a number",
            Box::new(|v| {
                let i = first_of_kind(v, "level");
                v["indicators"][i]["actuals"] =
                    serde_json::json!({ "start": "2024-01", "values": [50, "51"] });
            }),
        ),
        (
            "series without start",
            Box::new(|v| {
                let i = first_of_kind(v, "level");
                v["indicators"][i]["actuals"] = serde_json::json!({ "values": [50] });
            }),
        ),
        (
            "series with a bad start",
            Box::new(|v| {
                let i = first_of_kind(v, "level");
                v["indicators"][i]["actuals"] =
                    serde_json::json!({ "start": "2024年", "values": [50] });
            }),
        ),
        (
            "series for a milestone",
            Box::new(|v| {
                let i = first_of_kind(v, "milestone");
                v["indicators"][i]["actuals"] =
                    serde_json::json!({ "start": "2024-01", "values": [1] });
            }),
        ),
        (
            "missing quote",
            Box::new(|v| {
                v["indicators"][0].as_object_mut().unwrap().remove("quote");
            }),
        ),
    ];
    for (what, mutate) in mutations {
        let mut bad = good.clone();
        mutate(&mut bad);
        assert!(!validator.is_valid(&bad), "schema accepted: {what}");
        let loaded = plan_widget::load_value(&bad);
        assert!(!loaded.is_valid(), "validator accepted: {what}");
    }
}

/// The index of the first indicator of a kind.
fn first_of_kind(plan: &serde_json::Value, kind: &str) -> usize {
    plan["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .position(|i| i["kind"] == kind)
        .unwrap_or_else(|| panic!("no {kind} indicator"))
}

#[test]
fn actuals_as_a_series_match_the_json_schema() {
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("www/plan-indicators.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let (_, text) = samples().into_iter().nth(1).unwrap();
    let mut plan: serde_json::Value = serde_json::from_str(&text).unwrap();
    let i = first_of_kind(&plan, "level");
    plan["indicators"][i]["actuals"] =
        serde_json::json!({ "start": "2024-01", "values": [50, null, 51.5, 52] });
    let errors: Vec<String> = validator
        .iter_errors(&plan)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let loaded = plan_widget::load(&plan.to_string());
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    let ind = &loaded.plan.unwrap().indicators[i];
    assert_eq!(ind.actuals.len(), 3);
}
