//! Input that silently changes meaning (issue 15): a key given twice (`key.duplicate`, an error
//! at the second occurrence) and bidi controls or zero-width characters in strings
//! (`text.hidden`, a located warning; removed from what is drawn and from the fallback text).
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

use plan_widget::a11y;
use plan_widget::layout::{layout, EstimateMeasure, Filter, LayoutOptions, Scene, View};
use plan_widget::model::Locale;
use plan_widget::theme::Theme;
use plan_widget::{evaluate, load, load_value, Code, Options, Severity};

/// A plan with two indicators; `first` is the first indicator's body after its id.
fn plan_text(header_extra: &str, first: &str) -> String {
    format!(
        "{{\"schemaVersion\": 1,\n\"plan\": {{\"id\": \"p\", \"title\": \"计划\", \"issuer\": \"某局\", \"start\": \"2024\", \"end\": \"2026\"{header_extra}}},\n\"sections\": [{{\"id\": \"s\", \"title\": \"第一章\"}}],\n\"indicators\": [\n{{\"id\": \"a\", {first}}},\n{{\"id\": \"b\", \"section\": \"s\", \"name\": \"建成新校\", \"kind\": \"task\", \"quote\": \"建成新校\"}}\n]}}"
    )
}

const LEVEL: &str = "\"section\": \"s\", \"name\": \"覆盖率\", \"unit\": \"%\", \"kind\": \"level\", \"targets\": [{\"period\": \"2026\", \"value\": 80}], \"quote\": \"覆盖率80%\"";

#[test]
fn a_repeated_key_is_an_error_at_its_second_occurrence_and_its_indicator_is_left_out() {
    let first = format!(
        "{LEVEL},\n  \"actuals\": [{{\"period\": \"2024\", \"value\": 60}}],\n  \"actuals\": [{{\"period\": \"2025\", \"value\": 70}}]"
    );
    let text = plan_text("", &first);
    let loaded = load(&text);
    let d: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::DuplicateKey)
        .collect();
    assert_eq!(d.len(), 1, "{:#?}", loaded.diagnostics);
    let d = d[0];
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.path, "indicators[0].actuals");
    // Line 7, column 3: the second "actuals" (the first is on line 6).
    assert_eq!((d.line, d.column), (Some(7), Some(3)));
    assert!(d.message_zh.contains("第 6 行第 3 列"), "{}", d.message_zh);
    assert!(
        d.message_en.contains("line 6, column 3"),
        "{}",
        d.message_en
    );
    // The indicator is left out; the other one still renders.
    let plan = loaded.plan.expect("the rest is usable");
    assert_eq!(plan.indicators.len(), 1);
    assert_eq!(plan.indicators[0].id, "b");
    assert_eq!(loaded.rejected.len(), 1);
    assert_eq!(loaded.rejected[0].id.as_deref(), Some("a"));

    // The same, decoded: "\u0061ctuals" is "actuals".
    let escaped = first.replacen("\"actuals\"", "\"\\u0061ctuals\"", 1);
    let loaded = load(&plan_text("", &escaped));
    assert!(loaded
        .diagnostics
        .iter()
        .any(|d| d.code == Code::DuplicateKey));

    // The CLI prints it with its place and exits 1.
    let dir = std::env::temp_dir().join(format!("pw-repeated-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("plan.json");
    std::fs::write(&file, &text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_plan-widget"))
        .args(["check", file.to_str().unwrap(), "--lang", "en"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(":7:3: error[key.duplicate] indicators[0].actuals: the key \"actuals\""),
        "{stdout}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_repeated_key_outside_the_indicators_leaves_no_usable_plan() {
    for header in [
        ", \"sampleData\": true, \"sampleData\": false",
        ", \"title\": \"另一个标题\"",
    ] {
        let text = plan_text(header, LEVEL);
        let loaded = load(&text);
        let d = loaded
            .diagnostics
            .iter()
            .find(|d| d.code == Code::DuplicateKey)
            .expect("key.duplicate");
        assert!(d.path.starts_with("plan."), "{}", d.path);
        assert_eq!(d.line, Some(2));
        assert!(loaded.plan.is_none(), "{header}");
    }
    // Same key in sibling objects is fine.
    assert!(load(&plan_text("", LEVEL)).diagnostics.is_empty());
}

#[test]
fn hidden_characters_are_a_located_warning_and_are_not_drawn() {
    // U+202E in the name (raw), a zero-width space in the quote (escaped in JSON), U+2066/2069 in
    // the section title and U+FEFF inside the issuer.
    let first = LEVEL
        .replace("覆盖率\", \"unit", "覆盖\u{202e}率%08\", \"unit")
        .replace("\"覆盖率80%\"", "\"覆盖率\\u200b80%\"");
    let text = plan_text("", &first)
        .replace("第一章", "\u{2066}第一章\u{2069}")
        .replace("某局", "某\u{feff}局");
    let loaded = load(&text);
    let hidden: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::HiddenText)
        .collect();
    let paths: Vec<&str> = hidden.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "plan.issuer",
            "sections[0].title",
            "indicators[0].name",
            "indicators[0].quote"
        ]
    );
    for d in &hidden {
        assert_eq!(d.severity, Severity::Warning);
        assert!(d.line.is_some() && d.column.is_some(), "{d:?}");
    }
    let name = hidden[2];
    // Line 5, column 29: the member "name" (as for every diagnostic of a value).
    assert_eq!((name.line, name.column), (Some(5), Some(29)));
    assert!(name.message_zh.contains("U+202E（从右到左覆盖）"));
    assert!(name.message_en.contains("U+202E (right-to-left override)"));
    assert!(hidden[3].message_en.contains("U+200B (zero-width space)"));
    assert!(hidden[1].message_en.contains("2 invisible characters"));
    assert!(loaded.is_valid(), "warnings only");

    // The model holds the text without them; drawn text and fallback text have none.
    let plan = loaded.plan.expect("usable");
    assert_eq!(plan.indicators[0].name, "覆盖率%08");
    assert_eq!(plan.indicators[0].quote, "覆盖率80%");
    assert_eq!(plan.sections[0].title, "第一章");
    assert_eq!(plan.plan.issuer, "某局");
    let eval = evaluate(&plan, &Options::default());
    let scene = Scene {
        plan: &plan,
        eval: &eval,
        rejected: &[],
    };
    for view in [View::Dashboard, View::Sections, View::Indicator("a".into())] {
        let names_drawn = view != View::Sections;
        let opts = LayoutOptions {
            width: 1280.0,
            view,
            theme: Theme::default(),
            locale: Locale::ZhCn,
            focus: None,
            filter: Filter::default(),
        };
        let list = layout(&scene, &opts, &EstimateMeasure);
        let texts: Vec<&str> = list.texts().map(|(_, t)| t).collect();
        if names_drawn {
            assert!(texts.concat().contains("覆盖率%08"));
        }
        let fallback = a11y::fallback_html(&scene, &opts);
        let csv = a11y::csv(&scene, &opts);
        for t in texts
            .iter()
            .copied()
            .chain([fallback.as_str(), csv.as_str()])
        {
            assert!(
                !t.chars().any(plan_widget::hidden::is_hidden),
                "hidden character in {t:?}"
            );
        }
    }

    // The object path warns the same way (at paths, without lines).
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let from_value = load_value(&value);
    let codes: Vec<_> = from_value
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::HiddenText)
        .map(|d| d.path.clone())
        .collect();
    assert_eq!(codes.len(), 4);
}

#[test]
fn a_hidden_character_in_an_id_makes_it_invalid() {
    let text = plan_text("", LEVEL).replace("\"id\": \"a\"", "\"id\": \"a\u{200b}\"");
    let loaded = load(&text);
    assert!(loaded
        .diagnostics
        .iter()
        .any(|d| d.code == Code::BadId && d.path == "indicators[0].id"));
}

#[test]
fn check_codes_lists_both() {
    let out = Command::new(env!("CARGO_BIN_EXE_plan-widget"))
        .args(["check", "--codes"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("key.duplicate"), "{stdout}");
    assert!(stdout.contains("text.hidden"), "{stdout}");
}
