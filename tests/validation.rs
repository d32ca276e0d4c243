//! Every validation rule: a valid base plan, one mutation, and the exact code and JSON path
//! expected. Plus the three acceptance fixtures run through the CLI.
#![cfg(not(target_arch = "wasm32"))]

use plan_widget::{load, Code};
use serde_json::{json, Value};

fn base() -> Value {
    json!({
        "schemaVersion": 1,
        "plan": {
            "id": "t", "title": "测试规划", "issuer": "某区教育局",
            "start": "2024", "end": "2025", "asOf": "2024-09-30",
            "source": { "title": "测试规划", "url": "https://edu.example.cn/plan" },
            "sampleData": true, "locale": "zh-CN"
        },
        "sections": [ { "id": "s1", "title": "第一章", "leaders": ["张三"], "units": ["基建室"] } ],
        "indicators": [
            {
                "id": "lvl", "section": "s1", "name": "公办园覆盖率", "unit": "%", "kind": "level",
                "baseline": { "period": "2023", "value": 60 },
                "targets": [ { "period": "2024", "value": 70 }, { "period": "2025", "value": 80 } ],
                "actuals": [ { "period": "2024-H1", "value": 65 } ],
                "quote": "公办园覆盖率达70%"
            },
            {
                "id": "ms", "section": "s1", "name": "创成三星级高中", "kind": "milestone",
                "targets": [ { "period": "2024" } ],
                "actuals": [ { "period": "2024-06", "state": "inProgress" } ],
                "quote": "2024年创成省三星级高中"
            },
            {
                "id": "rec", "section": "s1", "name": "示范校", "unit": "所", "kind": "recurring",
                "targets": [ { "period": "2024", "min": 1, "max": 2 } ],
                "quote": "每年评选示范校1—2所"
            }
        ]
    })
}

fn text(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap()
}

#[test]
fn the_base_plan_is_valid() {
    let loaded = load(&text(&base()));
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    assert_eq!(loaded.plan.unwrap().indicators.len(), 3);
}

/// (what, mutation, expected code, expected path)
type Case = (&'static str, fn(&mut Value), Code, &'static str);

fn cases() -> Vec<Case> {
    vec![
        (
            "schemaVersion 2",
            |v| v["schemaVersion"] = json!(2),
            Code::SchemaVersion,
            "schemaVersion",
        ),
        (
            "no schemaVersion",
            |v| {
                v.as_object_mut().unwrap().remove("schemaVersion");
            },
            Code::SchemaVersion,
            "schemaVersion",
        ),
        (
            "unknown top field",
            |v| v["extra"] = json!(1),
            Code::UnknownField,
            "extra",
        ),
        (
            "missing plan",
            |v| {
                v.as_object_mut().unwrap().remove("plan");
            },
            Code::MissingField,
            "plan",
        ),
        (
            "missing title",
            |v| {
                v["plan"].as_object_mut().unwrap().remove("title");
            },
            Code::MissingField,
            "plan.title",
        ),
        (
            "empty issuer",
            |v| v["plan"]["issuer"] = json!("  "),
            Code::EmptyString,
            "plan.issuer",
        ),
        (
            "title is a number",
            |v| v["plan"]["title"] = json!(5),
            Code::WrongType,
            "plan.title",
        ),
        (
            "bad plan id",
            |v| v["plan"]["id"] = json!("a b"),
            Code::BadId,
            "plan.id",
        ),
        (
            "plan ends before start",
            |v| v["plan"]["end"] = json!("2023"),
            Code::PlanSpan,
            "plan.end",
        ),
        (
            "bad asOf",
            |v| v["plan"]["asOf"] = json!("2024-09"),
            Code::BadDate,
            "plan.asOf",
        ),
        (
            "bad locale",
            |v| v["plan"]["locale"] = json!("fr"),
            Code::UnknownValue,
            "plan.locale",
        ),
        (
            "sampleData string",
            |v| v["plan"]["sampleData"] = json!("yes"),
            Code::WrongType,
            "plan.sampleData",
        ),
        (
            "javascript url",
            |v| v["plan"]["source"]["url"] = json!("javascript:alert(1)"),
            Code::UnsafeUrl,
            "plan.source.url",
        ),
        (
            "sections not array",
            |v| v["sections"] = json!({}),
            Code::WrongType,
            "sections",
        ),
        (
            "duplicate section",
            |v| {
                let s = v["sections"][0].clone();
                v["sections"].as_array_mut().unwrap().push(s);
            },
            Code::DuplicateId,
            "sections[1].id",
        ),
        (
            "leaders not strings",
            |v| v["sections"][0]["leaders"] = json!([1]),
            Code::WrongType,
            "sections[0].leaders[0]",
        ),
        (
            "unknown section",
            |v| v["indicators"][0]["section"] = json!("s9"),
            Code::UnknownSection,
            "indicators[0].section",
        ),
        (
            "duplicate indicator",
            |v| v["indicators"][1]["id"] = json!("lvl"),
            Code::DuplicateId,
            "indicators[1].id",
        ),
        (
            "misspelt actuals",
            |v| v["indicators"][0]["acutals"] = json!([]),
            Code::UnknownField,
            "indicators[0].acutals",
        ),
        (
            "unknown kind",
            |v| v["indicators"][0]["kind"] = json!("ratio"),
            Code::UnknownKind,
            "indicators[0].kind",
        ),
        (
            "missing kind",
            |v| {
                v["indicators"][0].as_object_mut().unwrap().remove("kind");
            },
            Code::MissingField,
            "indicators[0].kind",
        ),
        (
            "missing quote",
            |v| {
                v["indicators"][0].as_object_mut().unwrap().remove("quote");
            },
            Code::MissingField,
            "indicators[0].quote",
        ),
        (
            "bad direction",
            |v| v["indicators"][0]["direction"] = json!("up"),
            Code::UnknownValue,
            "indicators[0].direction",
        ),
        (
            "bad period",
            |v| v["indicators"][0]["targets"][0]["period"] = json!("2024年"),
            Code::BadPeriod,
            "indicators[0].targets[0].period",
        ),
        (
            "no such month",
            |v| v["indicators"][0]["actuals"][0]["period"] = json!("2024-13"),
            Code::BadPeriod,
            "indicators[0].actuals[0].period",
        ),
        (
            "school year gap",
            |v| v["indicators"][0]["actuals"][0]["period"] = json!("2023/2025"),
            Code::BadPeriod,
            "indicators[0].actuals[0].period",
        ),
        (
            "value is a string",
            |v| v["indicators"][0]["targets"][0]["value"] = json!("70%"),
            Code::WrongType,
            "indicators[0].targets[0].value",
        ),
        (
            "percent over 100",
            |v| v["indicators"][0]["targets"][1]["value"] = json!(101),
            Code::PercentRange,
            "indicators[0].targets[1].value",
        ),
        (
            "negative percent",
            |v| v["indicators"][0]["actuals"][0]["value"] = json!(-1),
            Code::PercentRange,
            "indicators[0].actuals[0].value",
        ),
        (
            "baseline percent",
            |v| v["indicators"][0]["baseline"]["value"] = json!(250),
            Code::PercentRange,
            "indicators[0].baseline.value",
        ),
        (
            "change beyond 100",
            |v| {
                v["indicators"][0]["kind"] = json!("change");
                v["indicators"][0]["targets"] = json!([{ "period": "2024", "value": 45 }]);
            },
            Code::PercentRange,
            "indicators[0].targets[0].value",
        ),
        (
            "annual change below 0",
            |v| {
                v["indicators"][0]["kind"] = json!("annualChange");
                v["indicators"][0]["direction"] = json!("decrease");
                v["indicators"][0]["targets"] = json!([{ "period": "2025", "value": 40 }]);
            },
            Code::PercentRange,
            "indicators[0].targets[0].value",
        ),
        (
            "min greater than max",
            |v| v["indicators"][2]["targets"][0] = json!({ "period": "2024", "min": 3, "max": 1 }),
            Code::MinMax,
            "indicators[2].targets[0].min",
        ),
        (
            "value and band",
            |v| v["indicators"][2]["targets"][0]["value"] = json!(1),
            Code::NotForKind,
            "indicators[2].targets[0].value",
        ),
        (
            "bound on band",
            |v| v["indicators"][2]["targets"][0]["bound"] = json!("atLeast"),
            Code::NotForKind,
            "indicators[2].targets[0].bound",
        ),
        (
            "bad bound",
            |v| v["indicators"][0]["targets"][0]["bound"] = json!("more"),
            Code::UnknownValue,
            "indicators[0].targets[0].bound",
        ),
        (
            "target before baseline",
            |v| v["indicators"][0]["targets"][0]["period"] = json!("2023-06"),
            Code::TargetBeforeBaseline,
            "indicators[0].targets[0].period",
        ),
        (
            "target after plan",
            |v| v["indicators"][0]["targets"][1]["period"] = json!("2027"),
            Code::ValueRange,
            "indicators[0].targets[1].period",
        ),
        (
            "targets out of order",
            |v| {
                v["indicators"][0]["targets"] =
                    json!([{ "period": "2025", "value": 80 }, { "period": "2024", "value": 70 }])
            },
            Code::Order,
            "indicators[0].targets[1].period",
        ),
        (
            "repeated actual period",
            |v| {
                v["indicators"][0]["actuals"] = json!([{ "period": "2024-H1", "value": 1 }, { "period": "2024-H1", "value": 2 }])
            },
            Code::Order,
            "indicators[0].actuals[1].period",
        ),
        (
            // A level may omit its baseline (tests/no_baseline.rs); a change may not.
            "change without baseline",
            |v| {
                v["indicators"][0]["kind"] = json!("change");
                v["indicators"][0]["targets"] = json!([{ "period": "2024", "value": 5 }]);
                v["indicators"][0]
                    .as_object_mut()
                    .unwrap()
                    .remove("baseline");
            },
            Code::NeededForKind,
            "indicators[0].baseline",
        ),
        (
            "level without targets",
            |v| v["indicators"][0]["targets"] = json!([]),
            Code::NeededForKind,
            "indicators[0].targets",
        ),
        (
            "level target without value",
            |v| v["indicators"][0]["targets"][0] = json!({ "period": "2024" }),
            Code::NeededForKind,
            "indicators[0].targets[0]",
        ),
        (
            "actual without value",
            |v| v["indicators"][0]["actuals"][0] = json!({ "period": "2024-H1" }),
            Code::NeededForKind,
            "indicators[0].actuals[0].value",
        ),
        (
            "state on level",
            |v| v["indicators"][0]["actuals"][0]["state"] = json!("done"),
            Code::NotForKind,
            "indicators[0].actuals[0].state",
        ),
        (
            "milestone baseline",
            |v| v["indicators"][1]["baseline"] = json!({ "period": "2023", "value": 0 }),
            Code::NotForKind,
            "indicators[1].baseline",
        ),
        (
            "milestone target value",
            |v| v["indicators"][1]["targets"][0]["value"] = json!(1),
            Code::NotForKind,
            "indicators[1].targets[0]",
        ),
        (
            "milestone without state",
            |v| v["indicators"][1]["actuals"][0] = json!({ "period": "2024-06" }),
            Code::NeededForKind,
            "indicators[1].actuals[0].state",
        ),
        (
            "milestone with value",
            |v| v["indicators"][1]["actuals"][0]["value"] = json!(50),
            Code::NotForKind,
            "indicators[1].actuals[0].value",
        ),
        (
            "bad state",
            |v| v["indicators"][1]["actuals"][0]["state"] = json!("finished"),
            Code::UnknownValue,
            "indicators[1].actuals[0].state",
        ),
        (
            "milestone decrease",
            |v| v["indicators"][1]["direction"] = json!("decrease"),
            Code::NotForKind,
            "indicators[1].direction",
        ),
        (
            "task percent 120",
            |v| {
                v["indicators"][1]["kind"] = json!("task");
                v["indicators"][1]["actuals"][0]["value"] = json!(120);
            },
            Code::PercentRange,
            "indicators[1].actuals[0].value",
        ),
        (
            "task two deadlines",
            |v| {
                v["indicators"][1]["kind"] = json!("task");
                v["indicators"][1]["targets"] = json!([{ "period": "2024" }, { "period": "2025" }]);
            },
            Code::NotForKind,
            "indicators[1].targets[1]",
        ),
        (
            "recurring baseline",
            |v| v["indicators"][2]["baseline"] = json!({ "period": "2023", "value": 1 }),
            Code::NotForKind,
            "indicators[2].baseline",
        ),
        (
            "change band",
            |v| {
                v["indicators"][0]["kind"] = json!("change");
                v["indicators"][0]["targets"] = json!([{ "period": "2024", "min": 5 }]);
            },
            Code::NotForKind,
            "indicators[0].targets[0]",
        ),
        (
            "change not positive",
            |v| {
                v["indicators"][0]["kind"] = json!("change");
                v["indicators"][0]["targets"] = json!([{ "period": "2024", "value": -5 }]);
            },
            Code::ValueRange,
            "indicators[0].targets[0].value",
        ),
        (
            "growth base zero",
            |v| {
                v["indicators"][0]["kind"] = json!("growthRate");
                v["indicators"][0]["unit"] = json!("人");
                v["indicators"][0]["baseline"]["value"] = json!(0);
            },
            Code::ValueRange,
            "indicators[0].baseline.value",
        ),
        (
            "zero increase",
            |v| {
                v["indicators"][2] = json!({ "id": "z", "section": "s1", "name": "事故", "kind": "zero", "direction": "increase", "quote": "无事故" });
            },
            Code::NotForKind,
            "indicators[2].direction",
        ),
        (
            "zero target 1",
            |v| {
                v["indicators"][2] = json!({ "id": "z", "section": "s1", "name": "事故", "kind": "zero", "targets": [{ "period": "2024", "value": 1 }], "quote": "无事故" });
            },
            Code::ValueRange,
            "indicators[2].targets[0]",
        ),
        (
            "cumulative negative amount",
            |v| {
                v["indicators"][2] = json!({ "id": "c", "section": "s1", "name": "学位", "kind": "cumulative", "targets": [{ "period": "2024", "value": 10 }], "actuals": [{ "period": "2024-H1", "value": -1 }], "quote": "新增学位" });
            },
            Code::ValueRange,
            "indicators[2].actuals[0].value",
        ),
        (
            "cumulative overlap",
            |v| {
                v["indicators"][2] = json!({ "id": "c", "section": "s1", "name": "学位", "kind": "cumulative", "targets": [{ "period": "2024", "value": 10 }], "actuals": [{ "period": "2024-06", "value": 1 }, { "period": "2024-H2", "value": 1 }, { "period": "2024", "value": 1 }], "quote": "新增学位" });
            },
            Code::Order,
            "indicators[2].actuals[2].period",
        ),
        (
            "cumulative overlap across",
            |v| {
                v["indicators"][2] = json!({ "id": "c", "section": "s1", "name": "学位", "kind": "cumulative", "targets": [{ "period": "2024", "value": 10 }], "actuals": [{ "period": "2024-Q1", "value": 1 }, { "period": "2024-H1", "value": 1 }], "quote": "新增学位" });
            },
            Code::Overlap,
            "indicators[2].actuals[1].period",
        ),
        (
            "actuals neither a list nor a series",
            |v| v["indicators"][0]["actuals"] = json!("65"),
            Code::WrongType,
            "indicators[0].actuals",
        ),
        (
            "series value over 100 %",
            |v| {
                v["indicators"][0]["actuals"] =
                    json!({ "start": "2024-01", "values": [61, null, 120] })
            },
            Code::PercentRange,
            "indicators[0].actuals.values[2]",
        ),
        (
            "series entry not a number",
            |v| v["indicators"][0]["actuals"] = json!({ "start": "2024-01", "values": [61, "62"] }),
            Code::WrongType,
            "indicators[0].actuals.values[1]",
        ),
        (
            "series unknown field",
            |v| {
                v["indicators"][0]["actuals"] =
                    json!({ "start": "2024-01", "values": [61], "value": 1 })
            },
            Code::UnknownField,
            "indicators[0].actuals.value",
        ),
        (
            "series bad start",
            |v| v["indicators"][0]["actuals"] = json!({ "start": "2024-1", "values": [61] }),
            Code::BadPeriod,
            "indicators[0].actuals.start",
        ),
        (
            "series without values",
            |v| v["indicators"][0]["actuals"] = json!({ "start": "2024-01" }),
            Code::MissingField,
            "indicators[0].actuals.values",
        ),
        (
            "series values not a list",
            |v| v["indicators"][0]["actuals"] = json!({ "start": "2024-01", "values": 61 }),
            Code::WrongType,
            "indicators[0].actuals.values",
        ),
        (
            "series runs past 2200",
            |v| v["indicators"][0]["actuals"] = json!({ "start": "2200-11", "values": [1, 2, 3] }),
            Code::BadPeriod,
            "indicators[0].actuals.values[2]",
        ),
        (
            "series for a milestone",
            |v| v["indicators"][1]["actuals"] = json!({ "start": "2024-01", "values": [1] }),
            Code::NotForKind,
            "indicators[1].actuals",
        ),
        (
            "series negative amount",
            |v| {
                v["indicators"][2] = json!({ "id": "c", "section": "s1", "name": "学位", "kind": "cumulative", "targets": [{ "period": "2024", "value": 10 }], "actuals": { "start": "2024-Q1", "values": [1, null, -1] }, "quote": "新增学位" });
            },
            Code::ValueRange,
            "indicators[2].actuals.values[2]",
        ),
        (
            "string too long",
            |v| v["indicators"][0]["note"] = json!("长".repeat(2001)),
            Code::LimitStringLength,
            "indicators[0].note",
        ),
        (
            "too many units",
            |v| v["sections"][0]["units"] = json!(vec!["单位"; 51]),
            Code::LimitNames,
            "sections[0].units",
        ),
    ]
}

#[test]
fn every_rule_reports_its_code_at_its_path_with_a_location_and_two_languages() {
    for (what, mutate, code, path) in cases() {
        let mut v = base();
        mutate(&mut v);
        let src = text(&v);
        let loaded = load(&src);
        let hit = loaded
            .diagnostics
            .iter()
            .find(|d| d.code == code && d.path == path)
            .unwrap_or_else(|| {
                panic!(
                    "{what}: expected {code} at {path}, got {:#?}",
                    loaded.diagnostics
                )
            });
        assert!(
            hit.line.is_some() && hit.column.is_some(),
            "{what}: not located"
        );
        assert!(
            hit.message_zh
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{what}: zh message {:?}",
            hit.message_zh
        );
        assert!(
            hit.message_en.is_ascii() || hit.message_en.contains('"'),
            "{what}: en message {:?}",
            hit.message_en
        );
        // Located at the offending value: the line holds the field's name (or its array).
        let line = src.lines().nth(hit.line.unwrap() - 1).unwrap();
        let last = path
            .rsplit(['.', '['])
            .next()
            .unwrap()
            .trim_end_matches(']');
        let present = src.contains(&format!("\"{last}\""));
        if present
            && last.parse::<usize>().is_err()
            && !matches!(code, Code::MissingField | Code::NeededForKind)
        {
            assert!(
                line.contains(&format!("\"{last}\"")),
                "{what}: line {} is {line:?}",
                hit.line.unwrap()
            );
        }
    }
}

#[test]
fn an_indicator_with_errors_is_left_out_and_the_others_kept() {
    let mut v = base();
    v["indicators"][0]["targets"][0]["period"] = json!("2024年");
    let loaded = load(&text(&v));
    let plan = loaded.plan.as_ref().expect("plan still usable");
    assert_eq!(
        plan.indicators
            .iter()
            .map(|i| i.id.as_str())
            .collect::<Vec<_>>(),
        ["ms", "rec"]
    );
    assert_eq!(loaded.rejected.len(), 1);
    assert_eq!(loaded.rejected[0].index, 0);
    assert_eq!(loaded.rejected[0].id.as_deref(), Some("lvl"));
    assert_eq!(loaded.rejected[0].name.as_deref(), Some("公办园覆盖率"));
}

#[test]
fn warnings_do_not_reject() {
    let mut v = base();
    v["plan"]["source"]["url"] = json!("ftp://x");
    let loaded = load(&text(&v));
    assert!(loaded.is_valid());
    assert_eq!(loaded.diagnostics.len(), 1);
    let plan = loaded.plan.unwrap();
    assert_eq!(plan.plan.source.as_ref().unwrap().safe_url(), None);
}

#[test]
fn header_errors_leave_no_plan_but_still_report_indicator_errors() {
    let mut v = base();
    v["plan"].as_object_mut().unwrap().remove("start");
    v["indicators"][0]["kind"] = json!("ratio");
    let loaded = load(&text(&v));
    assert!(loaded.plan.is_none());
    let codes: Vec<Code> = loaded.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes.len(), 2, "{codes:?}");
    assert!(codes.contains(&Code::MissingField) && codes.contains(&Code::UnknownKind));
}

#[test]
fn all_problems_are_reported_at_once_in_file_order() {
    let mut v = base();
    v["plan"]["asOf"] = json!("soon");
    v["indicators"][0]["targets"][0]["value"] = json!(170);
    v["indicators"][1]["actuals"][0]["state"] = json!("finished");
    v["indicators"][2]["section"] = json!("nope");
    let loaded = load(&text(&v));
    let mut got: Vec<(Code, &str)> = loaded
        .diagnostics
        .iter()
        .map(|d| (d.code, d.path.as_str()))
        .collect();
    got.sort_by_key(|(_, p)| p.to_string());
    assert_eq!(
        got,
        [
            (Code::PercentRange, "indicators[0].targets[0].value"),
            (Code::UnknownValue, "indicators[1].actuals[0].state"),
            (Code::UnknownSection, "indicators[2].section"),
            (Code::BadDate, "plan.asOf"),
        ]
    );
    // Reported in the order they stand in the text.
    let lines: Vec<usize> = loaded.diagnostics.iter().map(|d| d.line.unwrap()).collect();
    assert!(lines.windows(2).all(|w| w[0] < w[1]), "{lines:?}");
}

#[test]
fn syntax_errors_give_line_and_character_column() {
    let loaded = load("{\n  \"标题\": \"中文\",,\n}");
    let d = &loaded.diagnostics[0];
    assert_eq!(d.code, Code::Syntax);
    assert_eq!((d.line, d.column), (Some(2), Some(14)));
    assert!(d.message_zh.contains("第 2 行第 14 列"), "{}", d.message_zh);
    let truncated = load("{\"schemaVersion\": 1, \"plan\": {\"id\": \"x\"");
    assert_eq!(truncated.diagnostics[0].code, Code::Syntax);
    assert!(truncated.diagnostics[0].message_zh.contains("意外结束"));
    assert_eq!(load("[1, 2]").diagnostics[0].code, Code::TopLevel);
    assert_eq!(
        load("\u{feff}{}").diagnostics[0].code,
        Code::SchemaVersion,
        "a BOM is tolerated"
    );
}

#[test]
fn caps_have_their_own_errors() {
    use plan_widget::parse::{load_with, Limits};
    let small = Limits {
        file_bytes: 100_000,
        sections: 1,
        indicators: 2,
        targets: 1,
        actuals: 0,
        total_actuals: 10,
        string_chars: 2000,
        names: 50,
    };
    let mut v = base();
    v["sections"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "id": "s2", "title": "第二章" }));
    let loaded = load_with(&text(&v), &small);
    let codes: Vec<Code> = loaded.diagnostics.iter().map(|d| d.code).collect();
    for c in [
        Code::LimitSections,
        Code::LimitIndicators,
        Code::LimitTargets,
        Code::LimitActuals,
    ] {
        assert!(codes.contains(&c), "{c} missing from {codes:?}");
    }
    let tiny = Limits {
        file_bytes: 10,
        ..Limits::default()
    };
    assert_eq!(
        load_with(&text(&base()), &tiny).diagnostics[0].code,
        Code::LimitFileSize
    );
    let few = Limits {
        total_actuals: 0,
        ..Limits::default()
    };
    let loaded = load_with(&text(&base()), &few);
    assert!(loaded.plan.is_none());
    assert_eq!(loaded.diagnostics[0].code, Code::LimitTotalActuals);
}

fn run_cli(args: &[&str]) -> (i32, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plan-widget"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn cli_check_accepts_every_sample() {
    let files: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/www/data"))
        .unwrap()
        .map(|e| e.unwrap().path().to_string_lossy().into_owned())
        .collect();
    let mut args = vec!["check"];
    args.extend(files.iter().map(String::as_str));
    let (code, out) = run_cli(&args);
    assert_eq!(code, 0, "{out}");
    assert_eq!(out.matches(": ok, ").count(), 5, "{out}");
}

#[test]
fn cli_check_locates_every_error_in_the_acceptance_fixtures() {
    let (code, out) = run_cli(&[
        "check",
        "--lang",
        "en",
        "tests/fixtures/invalid/syntax-error.json",
    ]);
    assert_eq!(code, 1);
    assert!(
        out.contains("syntax-error.json:12:3: error[syntax]"),
        "{out}"
    );

    let (code, out) = run_cli(&[
        "check",
        "--lang",
        "en",
        "tests/fixtures/invalid/five-semantic-errors.json",
    ]);
    assert_eq!(code, 1);
    let expected = [
        ":17:7: error[section.unknown] indicators[0].section",
        ":22:40: error[value.percentRange] indicators[0].targets[0].value",
        ":26:7: error[id.duplicate] indicators[1].id",
        ":30:22: error[period.invalid] indicators[1].targets[0].period",
        ":39:40: error[target.minGreaterThanMax] indicators[2].targets[0].min",
    ];
    for e in expected {
        assert!(out.contains(e), "missing {e} in\n{out}");
    }
    assert!(out.contains("5 errors"), "{out}");
    assert!(out.contains("1 indicators usable, 3 left out"), "{out}");

    let (code, out) = run_cli(&["check", "tests/fixtures/invalid/unknown-kind.json"]);
    assert_eq!(code, 1);
    assert!(
        out.contains(":16:7: error[kind.unknown] indicators[0].kind: 无法识别的指标类型“ratio”"),
        "{out}"
    );
    assert!(out.contains("unknown kind \"ratio\""), "{out}");
}

#[test]
fn cli_check_json_and_codes() {
    let (code, out) = run_cli(&[
        "check",
        "--json",
        "tests/fixtures/invalid/unknown-kind.json",
    ]);
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["valid"], json!(false));
    assert_eq!(v[0]["diagnostics"][0]["code"], json!("kind.unknown"));
    assert_eq!(v[0]["diagnostics"][0]["line"], json!(16));
    assert_eq!(v[0]["rejected"][0]["id"], json!("ratio"));
    let (code, out) = run_cli(&["check", "--codes"]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), Code::ALL.len());
    let (code, _) = run_cli(&["check", "no-such-file.json"]);
    assert_eq!(code, 1);
    let (code, _) = run_cli(&["frobnicate"]);
    assert_eq!(code, 2);
}

/// A plan whose one indicator (`level`, unit %) has `actuals` written as given, on line 10 from
/// column 18.
fn series_plan(actuals: &str) -> String {
    format!(
        r#"{{
  "schemaVersion": 1,
  "plan": {{ "id": "s", "title": "序列", "issuer": "某局", "start": "2024", "end": "2025" }},
  "sections": [ {{ "id": "s1", "title": "第一章" }} ],
  "indicators": [
    {{
      "id": "a", "section": "s1", "name": "覆盖率", "unit": "%", "kind": "level",
      "baseline": {{ "period": "2023", "value": 60 }},
      "targets": [ {{ "period": "2025", "value": 80 }} ],
      "actuals": {actuals},
      "quote": "覆盖率达80%"
    }}
  ]
}}"#
    )
}

/// (code, path, line, column) of every diagnostic, in order.
fn located(loaded: &plan_widget::Loaded) -> Vec<(Code, &str, usize, usize)> {
    loaded
        .diagnostics
        .iter()
        .map(|d| (d.code, d.path.as_str(), d.line.unwrap(), d.column.unwrap()))
        .collect()
}

#[test]
fn a_series_gives_the_same_actuals_as_the_list_form() {
    // One start per period form; the second value is null, so its period has no actual.
    let forms: [(&str, [&str; 4]); 6] = [
        (
            "2024-02-28",
            ["2024-02-28", "2024-02-29", "2024-03-01", "2024-03-02"],
        ),
        ("2024-11", ["2024-11", "2024-12", "2025-01", "2025-02"]),
        ("2024-Q3", ["2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2"]),
        ("2024-H2", ["2024-H2", "2025-H1", "2025-H2", "2026-H1"]),
        ("2023", ["2023", "2024", "2025", "2026"]),
        (
            "2023/2024",
            ["2023/2024", "2024/2025", "2025/2026", "2026/2027"],
        ),
    ];
    for (start, periods) in forms {
        let series = json!({ "start": start, "values": [61, null, 62.5, 63] });
        let list = json!([
            { "period": periods[0], "value": 61 },
            { "period": periods[2], "value": 62.5 },
            { "period": periods[3], "value": 63 }
        ]);
        let from_series = load(&series_plan(&series.to_string()));
        let from_list = load(&series_plan(&list.to_string()));
        assert!(
            from_series.diagnostics.is_empty(),
            "{start}: {:#?}",
            from_series.diagnostics
        );
        assert!(
            from_list.diagnostics.is_empty(),
            "{start}: {:#?}",
            from_list.diagnostics
        );
        let actuals =
            |l: &plan_widget::Loaded| l.plan.as_ref().unwrap().indicators[0].actuals.clone();
        assert_eq!(actuals(&from_series), actuals(&from_list), "{start}");
        assert_eq!(actuals(&from_series).len(), 3);
        // The JavaScript path (an object, not text) reads it the same way.
        let value: Value = serde_json::from_str(&series_plan(&series.to_string())).unwrap();
        assert_eq!(
            actuals(&plan_widget::load_value(&value)),
            actuals(&from_list),
            "{start}"
        );
        // The authoring page converts a series to the list form before editing it.
        assert_eq!(
            plan_widget::parse::series_to_list(&series),
            Some(list.as_array().unwrap().clone()),
            "{start}"
        );
    }
    for bad in [
        json!({ "start": "2024-13", "values": [1] }),
        json!({ "start": "2024", "values": [1, "2"] }),
        json!({ "start": "2200", "values": [1, 2] }),
        json!({ "values": [1] }),
        json!([1]),
    ] {
        assert_eq!(plan_widget::parse::series_to_list(&bad), None, "{bad}");
    }
}

#[test]
fn null_entries_of_a_series_are_skipped() {
    let loaded = load(&series_plan(
        r#"{ "start": "2024-01", "values": [null, 61, null, null, 64, null] }"#,
    ));
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    let got: Vec<(String, Option<f64>)> = loaded.plan.unwrap().indicators[0]
        .actuals
        .iter()
        .map(|a| (a.period.to_string(), a.value))
        .collect();
    assert_eq!(
        got,
        [
            ("2024-02".to_string(), Some(61.0)),
            ("2024-05".to_string(), Some(64.0))
        ]
    );
}

#[test]
fn series_errors_are_located_at_their_entry() {
    // A value outside 0-100 with unit %.
    let loaded = load(&series_plan(
        r#"{ "start": "2024-01", "values": [61, null, 120, 64] }"#,
    ));
    assert_eq!(
        located(&loaded),
        [(
            Code::PercentRange,
            "indicators[0].actuals.values[2]",
            10,
            61
        )]
    );
    assert_eq!(loaded.rejected.len(), 1);
    // Entries that are not numbers (or null): each one reported.
    let loaded = load(&series_plan(
        r#"{ "start": "2024-01", "values": [61, "62", true] }"#,
    ));
    assert_eq!(
        located(&loaded),
        [
            (Code::WrongType, "indicators[0].actuals.values[1]", 10, 55),
            (Code::WrongType, "indicators[0].actuals.values[2]", 10, 61),
        ]
    );
    assert_eq!(
        loaded.diagnostics[0].message_en,
        "expected a number or null, found a string"
    );
    // An unknown field, with a suggestion; the field it stands for is then missing (located, as
    // every missing field, at the member that lacks it: the key "actuals").
    let loaded = load(&series_plan(r#"{ "start": "2024-01", "value": [61] }"#));
    assert_eq!(
        located(&loaded),
        [
            (Code::MissingField, "indicators[0].actuals.values", 10, 7),
            (Code::UnknownField, "indicators[0].actuals.value", 10, 40),
        ]
    );
    assert!(loaded.diagnostics[1]
        .message_en
        .contains("did you mean \"values\"?"));
    assert!(loaded.diagnostics[1]
        .message_zh
        .contains("是否应为“values”"));
    // Running past the last period that can be named: one error, at the first entry without one.
    let loaded = load(&series_plan(
        r#"{ "start": "2200-11", "values": [1, 2, 3, null, 4] }"#,
    ));
    assert_eq!(
        located(&loaded),
        [(Code::BadPeriod, "indicators[0].actuals.values[2]", 10, 57)]
    );
    assert!(
        loaded.diagnostics[0].message_en.contains("2200-12"),
        "{}",
        loaded.diagnostics[0].message_en
    );
    assert!(loaded.diagnostics[0].message_zh.contains("2200"));
    // The caps count the entries of `values`, nulls included.
    use plan_widget::parse::{load_with, Limits};
    let four = series_plan(r#"{ "start": "2024-01", "values": [61, null, 62, 63] }"#);
    let loaded = load_with(
        &four,
        &Limits {
            actuals: 3,
            ..Limits::default()
        },
    );
    assert_eq!(
        located(&loaded),
        [(Code::LimitActuals, "indicators[0].actuals", 10, 7)]
    );
    let loaded = load_with(
        &four,
        &Limits {
            total_actuals: 3,
            ..Limits::default()
        },
    );
    assert_eq!(
        located(&loaded),
        [(Code::LimitTotalActuals, "indicators", 5, 3)]
    );
    assert!(loaded.plan.is_none());
    assert!(load_with(
        &four,
        &Limits {
            actuals: 4,
            total_actuals: 4,
            ..Limits::default()
        }
    )
    .is_valid());
}
