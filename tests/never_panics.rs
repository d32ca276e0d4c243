//! Random, truncated and mutated input never panics anywhere on the parse -> validate -> status
//! path. (The coverage-guided fuzz target lives in `fuzz/`; this runs in the normal suite.)
#![cfg(not(target_arch = "wasm32"))]

use plan_widget::{evaluate, load, Options};
use proptest::prelude::*;
use serde_json::Value;

mod common;

fn samples() -> Vec<String> {
    common::samples()
        .into_iter()
        .map(|(_, text)| text)
        .collect()
}

/// Runs the whole pure pipeline on a text; panics only if the code under test panics.
fn pipeline(text: &str) {
    let loaded = load(text);
    for d in &loaded.diagnostics {
        assert!(!d.message_zh.is_empty() && !d.message_en.is_empty());
    }
    if let Some(plan) = &loaded.plan {
        let eval = evaluate(plan, &Options::default());
        assert_eq!(eval.indicators.len(), plan.indicators.len());
        assert_eq!(eval.rollups.plan.total(), plan.indicators.len());
    }
}

/// Every node of a JSON value, addressed by a list of steps.
fn paths(v: &Value, here: Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(here.clone());
    match v {
        Value::Object(m) => {
            for k in m.keys() {
                let mut p = here.clone();
                p.push(Step::Key(k.clone()));
                paths(&m[k], p, out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                let mut p = here.clone();
                p.push(Step::Index(i));
                paths(x, p, out);
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

fn node<'a>(v: &'a mut Value, path: &[Step]) -> &'a mut Value {
    path.iter().fold(v, |v, s| match s {
        Step::Key(k) => &mut v[k.as_str()],
        Step::Index(i) => &mut v[*i],
    })
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| serde_json::json!(f)),
        any::<i64>().prop_map(|i| serde_json::json!(i)),
        prop_oneof![
            Just("2024".to_string()),
            Just("2023/2024".to_string()),
            Just("2024-H1".to_string()),
            Just("2024-02-30".to_string()),
            Just("level".to_string()),
            Just("task".to_string()),
            Just("%".to_string()),
            Just("done".to_string()),
            ".{0,12}",
        ]
        .prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-zA-Z]{1,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A compact series of actuals: starts of every form (near the last period too, and unreadable
/// ones), entries that are numbers, nulls or neither.
fn arb_series() -> impl Strategy<Value = Value> {
    let start = prop_oneof![
        Just("1900-01-01"),
        Just("2024-02-27"),
        Just("2200-12-30"),
        Just("2024-12"),
        Just("2200-11"),
        Just("2024-Q4"),
        Just("2024-H2"),
        Just("2199"),
        Just("2198/2199"),
        Just("2024-13"),
        Just(""),
    ];
    let entry = prop_oneof![
        3 => Just(Value::Null),
        6 => (-10.0f64..110.0).prop_map(|f| serde_json::json!(f)),
        1 => Just(serde_json::json!("5")),
        1 => Just(serde_json::json!([1])),
    ];
    (start, prop::collection::vec(entry, 0..40))
        .prop_map(|(start, values)| serde_json::json!({ "start": start, "values": values }))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        pipeline(&text);
    }

    #[test]
    fn json_looking_text_never_panics(text in r#"[\{\}\[\]":,0-9a-zA-Z \n\-\.\\/eE+年]{0,200}"#) {
        pipeline(&text);
    }

    #[test]
    fn truncated_samples_never_panic(which in 0usize..5, cut in 0.0f64..1.0) {
        let text = &samples()[which];
        let mut at = (text.len() as f64 * cut) as usize;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        pipeline(&text[..at]);
    }

    #[test]
    fn mutated_samples_never_panic(which in 0usize..5, pick in any::<prop::sample::Index>(), replacement in arb_json()) {
        let mut v: Value = serde_json::from_str(&samples()[which]).unwrap();
        let mut all = Vec::new();
        paths(&v, Vec::new(), &mut all);
        let path = pick.get(&all).clone();
        *node(&mut v, &path) = replacement;
        pipeline(&serde_json::to_string(&v).unwrap());
        // The same value handed over as an object (the JavaScript path) behaves the same.
        let loaded = plan_widget::load_value(&v);
        if let Some(plan) = &loaded.plan {
            evaluate(plan, &Options::default());
        }
    }

    #[test]
    fn series_never_panic_and_read_like_the_list_form(which in 0usize..5, series in arb_series()) {
        let mut v: Value = serde_json::from_str(&samples()[which]).unwrap();
        v["indicators"][0]["actuals"] = series.clone();
        pipeline(&serde_json::to_string(&v).unwrap());
        let kind = v["indicators"][0]["kind"].as_str().unwrap_or("").to_string();
        if let (Some(list), false) = (
            plan_widget::parse::series_to_list(&series),
            kind == "milestone" || kind == "task",
        ) {
            let mut w = v.clone();
            w["indicators"][0]["actuals"] = Value::Array(list);
            let (a, b) = (plan_widget::load_value(&v), plan_widget::load_value(&w));
            let codes = |l: &plan_widget::Loaded| l.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>();
            prop_assert_eq!(codes(&a), codes(&b));
            let first = |l: &plan_widget::Loaded| {
                l.plan.as_ref().and_then(|p| p.indicators.first().map(|i| (i.id.clone(), i.actuals.clone())))
            };
            prop_assert_eq!(first(&a), first(&b));
        }
    }

    #[test]
    fn any_as_of_date_never_panics(which in 0usize..5, day in -50_000i32..150_000) {
        let plan = load(&samples()[which]).plan.unwrap();
        let eval = evaluate(&plan, &Options { as_of: Some(plan_widget::Day(day)), ..Options::default() });
        for s in &eval.indicators {
            if let Some(r) = s.progress_ratio {
                prop_assert!(r.is_finite(), "{}: ratio {r}", s.id);
            }
        }
    }
}
