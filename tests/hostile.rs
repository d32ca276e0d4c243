//! Hostile input, natively: every crash the fuzzer found (fuzz/regressions/) and its whole
//! minimised corpus (fuzz/corpus/pipeline/) replay through parse -> validate -> status -> layout
//! -> paint::to_svg; random structural mutations of the samples lay out and paint without a
//! panic; script and HTML payloads in every string field stay literal text (escaped in SVG, as
//! is in the display list); every size cap gives its own error, and a plan at the caps renders.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../fuzz/src/mutate.rs"]
mod mutate;
#[path = "../fuzz/src/pipeline.rs"]
mod pipeline;

use std::path::{Path, PathBuf};
use std::time::Instant;

use plan_widget::layout::{layout, EstimateMeasure, LayoutOptions, Scene, View};
use plan_widget::paint::to_svg;
use plan_widget::parse::Limits;
use plan_widget::period::{MAX_YEAR, MIN_YEAR};
use plan_widget::theme::Theme;
use plan_widget::{evaluate, load, load_value, Code, Day, Loaded, Options};
use proptest::prelude::*;
use serde_json::{json, Value};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn files(dir: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(Path::new(ROOT).join(dir))
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && !p.ends_with(".gitkeep"))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn sample(name: &str) -> Value {
    let text = std::fs::read_to_string(Path::new(ROOT).join("www/data").join(name)).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Every crash the fuzzer found, its corpus, the samples and the invalid fixtures.
#[test]
fn fuzz_regressions_and_corpus_replay() {
    let regressions = files("fuzz/regressions");
    let corpus = files("fuzz/corpus/pipeline");
    let mut all = regressions.clone();
    all.extend(corpus.iter().cloned());
    all.extend(files("www/data"));
    all.extend(files("tests/fixtures/invalid"));
    let start = Instant::now();
    for path in &all {
        let data = std::fs::read(path).unwrap();
        let outcome = std::panic::catch_unwind(|| pipeline::run(&data));
        assert!(outcome.is_ok(), "{} panics", path.display());
    }
    eprintln!(
        "replayed {} regressions, {} corpus inputs and the samples in {:.1?}",
        regressions.len(),
        corpus.len(),
        start.elapsed()
    );
}

/// Regression (found by the replay of the samples with the fuzz harness's options): at a large
/// font scale the sparkline's label line was taller than its area and `f32::clamp` panicked.
#[test]
fn every_sample_lays_out_at_the_font_scale_extremes() {
    for path in files("www/data") {
        let text = std::fs::read_to_string(&path).unwrap();
        let loaded = load(&text);
        let plan = loaded.plan.as_ref().unwrap();
        let eval = evaluate(plan, &Options::default());
        let scene = Scene {
            plan,
            eval: &eval,
            rejected: &loaded.rejected,
        };
        for scale in [0.5, 3.0] {
            for width in [200.0, 360.0, 1280.0] {
                let opts = LayoutOptions {
                    width,
                    view: View::Dashboard,
                    theme: Theme {
                        font_scale: scale,
                        ..Theme::default()
                    },
                    locale: plan.plan.locale,
                    focus: None,
                    filter: Default::default(),
                };
                let list = layout(&scene, &opts, &EstimateMeasure);
                assert!(list.height > 0.0, "{}", path.display());
            }
        }
    }
}

/// A small plan cut from a sample: its header, the first `n` indicators, their sections.
fn small_plan(which: usize, n: usize) -> Value {
    let names = [
        "000-jiujiang-2025.json",
        "001-yancheng-kfq.json",
        "002-county-annual.json",
        "003-jinfeng-2024.json",
        "004-licheng-2022.json",
    ];
    let mut v = sample(names[which % names.len()]);
    let skip = v["indicators"].as_array().unwrap().len().saturating_sub(n) * which / 5;
    let inds: Vec<Value> = v["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .skip(skip)
        .take(n)
        .cloned()
        .collect();
    let used: Vec<&str> = inds.iter().filter_map(|i| i["section"].as_str()).collect();
    let secs: Vec<Value> = v["sections"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| used.contains(&s["id"].as_str().unwrap_or("")))
        .cloned()
        .collect();
    v["sections"] = Value::Array(secs);
    v["indicators"] = Value::Array(inds);
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    /// The fuzzer's structural mutations, in the normal suite: through layout and SVG too.
    #[test]
    fn mutated_plans_lay_out_and_paint(which in 0usize..5, n in 1usize..6, seeds in prop::collection::vec(any::<u32>(), 1..4)) {
        let mut data = serde_json::to_vec(&small_plan(which, n)).unwrap();
        let mut size = data.len();
        data.resize(size * 4 + 4096, 0);
        let max = data.len();
        for seed in seeds {
            if let Some(s) = mutate::mutate_json(&mut data, size, max, seed) {
                size = s;
            }
        }
        pipeline::run(&data[..size]);
    }

    /// Truncated and byte-flipped small plans, through layout and SVG.
    #[test]
    fn damaged_plans_lay_out_and_paint(which in 0usize..5, cut in 0.0f64..1.0, flip in any::<(usize, u8)>()) {
        let mut data = serde_json::to_vec(&small_plan(which, 3)).unwrap();
        let at = flip.0 % data.len();
        data[at] ^= flip.1;
        data.truncate(((data.len() as f64) * (0.5 + cut / 2.0)) as usize);
        pipeline::run(&data);
    }
}

/// Script and markup payloads, and other strings that have hurt renderers.
pub const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "\"><svg onload=alert(1)>",
    "{{constructor}}",
    "'; alert(1); //",
    "&lt;b&gt;&amp;",
    "\u{202e}evil\u{202c} \u{2066}rtl\u{2069}",
    "\u{0}\u{1}\u{8}\u{b}\u{c}\u{1f}\u{7f}\u{fffe}\u{ffff}",
    "]]><![CDATA[<x>",
];

/// Paths of every string field the format has, in a plan with one section and two indicators.
const STRING_FIELDS: &[&str] = &[
    "/plan/title",
    "/plan/issuer",
    "/plan/note",
    "/plan/source/title",
    "/plan/source/url",
    "/sections/0/title",
    "/sections/0/leaders/0",
    "/sections/0/units/0",
    "/indicators/0/name",
    "/indicators/0/unit",
    "/indicators/0/quote",
    "/indicators/0/note",
    "/indicators/0/leaders/0",
    "/indicators/0/units/0",
    "/indicators/0/baseline/note",
    "/indicators/0/actuals/0/note",
    "/indicators/1/name",
    "/indicators/1/quote",
];

/// A plan with every string field present.
fn full_strings_plan() -> Value {
    json!({
        "schemaVersion": 1,
        "plan": {
            "id": "hostile", "title": "标题", "issuer": "发布单位", "start": "2024", "end": "2026",
            "asOf": "2025-06-30", "source": {"title": "来源", "url": "https://example.org/plan"},
            "note": "说明"
        },
        "sections": [{"id": "s1", "title": "第一章", "leaders": ["张三"], "units": ["教育局"]}],
        "indicators": [
            {"id": "a", "section": "s1", "name": "公办园覆盖率", "unit": "%", "kind": "level",
             "baseline": {"period": "2023", "value": 60, "note": "基期"},
             "targets": [{"period": "2026", "value": 80}],
             "actuals": [{"period": "2024", "value": 66, "note": "年报"}],
             "quote": "覆盖率达80%", "leaders": ["李四"], "units": ["学前科"], "note": "备注"},
            {"id": "b", "section": "s1", "name": "建成新校", "kind": "task",
             "actuals": [{"period": "2025-H1", "state": "inProgress"}],
             "quote": "建成新校"}
        ]
    })
}

fn set(v: &mut Value, pointer: &str, to: &str) {
    *v.pointer_mut(pointer)
        .unwrap_or_else(|| panic!("no {pointer}")) = Value::String(to.into());
}

fn views(plan: &Value) -> Vec<View> {
    let mut v = vec![View::Dashboard, View::Sections];
    for i in plan["indicators"].as_array().unwrap() {
        if let Some(id) = i["id"].as_str() {
            v.push(View::Indicator(id.into()));
        }
    }
    v
}

/// Lays out and paints every view; returns every text item and every SVG.
fn render_all(loaded: &Loaded, plan: &Value) -> (Vec<String>, Vec<String>) {
    let p = loaded.plan.as_ref().expect("a usable plan");
    let eval = evaluate(p, &Options::default());
    let scene = Scene {
        plan: p,
        eval: &eval,
        rejected: &loaded.rejected,
    };
    let (mut texts, mut svgs) = (Vec::new(), Vec::new());
    for view in views(plan) {
        {
            let opts = LayoutOptions {
                width: 1280.0,
                view: view.clone(),
                theme: Theme::default(),
                locale: p.plan.locale,
                focus: None,
                filter: Default::default(),
            };
            let list = layout(&scene, &opts, &EstimateMeasure);
            texts.extend(list.texts().map(|(_, t)| t.to_string()));
            let svg = to_svg(&list);
            pipeline::check_svg(&svg);
            svgs.push(svg);
        }
    }
    (texts, svgs)
}

/// XML-escapes as plotters' SVG backend does (and drops what XML cannot carry, as to_svg does).
fn xml_escaped(s: &str) -> String {
    s.chars()
        .filter(|&c| pipeline::xml_char(c))
        .map(|c| match c {
            '<' => "&lt;".to_string(),
            '>' => "&gt;".to_string(),
            '&' => "&amp;".to_string(),
            '"' => "&quot;".to_string(),
            '\'' => "&apos;".to_string(),
            c => c.to_string(),
        })
        .collect()
}

#[test]
fn payloads_in_every_string_field_stay_text() {
    // Fields drawn in full somewhere at 1280 px (titles wrap, they are not cut).
    let shown_in_full = ["/plan/title", "/indicators/0/name", "/indicators/0/quote"];
    for payload in PAYLOADS {
        for field in STRING_FIELDS {
            let mut plan = full_strings_plan();
            set(&mut plan, field, payload);
            let text = serde_json::to_string(&plan).unwrap();
            // The object path (update(object) in the browser) validates the same way.
            let from_value = load_value(&plan);
            let codes = |l: &Loaded| l.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>();
            let loaded = load(&text);
            assert_eq!(codes(&from_value), codes(&loaded), "{field} = {payload:?}");
            {
                let (texts, svgs) = render_all(&loaded, &plan);
                // Bidi controls and zero-width characters: a warning, and left out of what is
                // drawn (docs/format.md, "Repeated keys and hidden characters").
                let hidden = plan_widget::hidden::found(payload).1 > 0;
                let payload: &str = &plan_widget::hidden::strip(payload);
                for t in texts.iter().chain(&svgs) {
                    assert!(
                        !t.chars().any(plan_widget::hidden::is_hidden),
                        "{field}: a hidden character drawn"
                    );
                }
                for d in &loaded.diagnostics {
                    assert!(
                        d.code == Code::UnsafeUrl || (hidden && d.code == Code::HiddenText),
                        "{field} = {payload:?}: unexpected {:?} {}",
                        d.code,
                        d.message_en
                    );
                }
                if shown_in_full.contains(field) && !payload.trim().is_empty() {
                    // Literal in the display list (lines may break anywhere, so compare the
                    // concatenation without whitespace) and escaped in the SVG.
                    let squash =
                        |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
                    let joined = squash(&texts.concat());
                    assert!(
                        joined.contains(&squash(payload)),
                        "{field} = {payload:?} not drawn literally"
                    );
                    let first_word = xml_escaped(payload.split_whitespace().next().unwrap());
                    assert!(
                        svgs.iter().any(|s| s.contains(&first_word)),
                        "{field} = {payload:?}: SVG lacks {first_word:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn only_http_source_urls_are_links() {
    for (url, ok) in [
        ("https://www.example.gov.cn/a.html", true),
        ("HTTP://example.org/", true),
        ("javascript:alert(1)", false),
        (" javascript:alert(1)", false),
        ("JaVaScRiPt:alert(1)", false),
        ("data:text/html,<script>alert(1)</script>", false),
        ("vbscript:msgbox(1)", false),
        ("//evil.example/", false),
        ("https://example.org/\u{0}x", false),
        ("https://example.org/ onmouseover=alert(1)", false),
    ] {
        let mut plan = full_strings_plan();
        set(&mut plan, "/plan/source/url", url);
        let loaded = load(&serde_json::to_string(&plan).unwrap());
        let p = loaded.plan.as_ref().unwrap();
        let src = p.plan.source.as_ref().unwrap();
        assert_eq!(src.safe_url().is_some(), ok, "{url:?}");
        assert_eq!(
            loaded.diagnostics.iter().any(|d| d.code == Code::UnsafeUrl),
            !ok,
            "{url:?}"
        );
    }
}

#[test]
fn ten_thousand_character_strings_are_refused_with_their_own_error() {
    let long = "长".repeat(10_000);
    for field in STRING_FIELDS {
        let mut plan = full_strings_plan();
        set(&mut plan, field, &long);
        let loaded = load(&serde_json::to_string(&plan).unwrap());
        // "/sections/0/leaders/0" -> "sections[0].leaders"
        let parts: Vec<&str> = field.trim_start_matches('/').split('/').collect();
        let mut path = String::new();
        for p in &parts {
            if p.parse::<usize>().is_ok() {
                path += &format!("[{p}]");
            } else {
                if !path.is_empty() {
                    path.push('.');
                }
                path += p;
            }
        }
        let d = loaded
            .diagnostics
            .iter()
            .find(|d| d.code == Code::LimitStringLength)
            .unwrap_or_else(|| panic!("{field}: no limit.stringLength"));
        assert_eq!(d.path, path, "{field}");
        assert!(d.message_en.contains("10000 characters") && d.message_en.contains("2000"));
        if let Some(p) = &loaded.plan {
            render_all(&loaded, &plan);
            assert!(p.indicators.len() <= 2);
        }
    }
}

/// One plan per cap, one over it; each gives its own error code at its own path.
#[test]
fn every_cap_has_its_own_error() {
    let l = Limits::default();
    let base = full_strings_plan();
    let over = |f: &dyn Fn(&mut Value)| {
        let mut v = base.clone();
        f(&mut v);
        v
    };
    let cases: Vec<(Code, &str, Value)> = vec![
        (
            Code::LimitSections,
            "sections",
            over(&|v| {
                let s: Vec<Value> = (0..=l.sections)
                    .map(|i| json!({"id": format!("s{i}"), "title": "章"}))
                    .collect();
                v["sections"] = Value::Array(s);
                v["sections"][0]["id"] = json!("s1");
                v["sections"][1]["id"] = json!("sx");
            }),
        ),
        (
            Code::LimitIndicators,
            "indicators",
            over(&|v| {
                let one = v["indicators"][1].clone();
                let all: Vec<Value> = (0..=l.indicators)
                    .map(|i| {
                        let mut x = one.clone();
                        x["id"] = json!(format!("t{i}"));
                        x
                    })
                    .collect();
                v["indicators"] = Value::Array(all);
            }),
        ),
        (
            Code::LimitTargets,
            "indicators[0].targets",
            over(&|v| {
                let t: Vec<Value> = (0..=l.targets)
                    .map(|i| json!({"period": format!("{}", 1900 + i), "value": 80}))
                    .collect();
                v["indicators"][0]["targets"] = Value::Array(t);
            }),
        ),
        (
            Code::LimitActuals,
            "indicators[0].actuals",
            over(&|v| {
                v["indicators"][0]["actuals"] = Value::Array(vec![json!(0); l.actuals + 1]);
            }),
        ),
        (
            Code::LimitTotalActuals,
            "indicators",
            over(&|v| {
                let one = v["indicators"][1].clone();
                let per = l.total_actuals / 5 + 1;
                let all: Vec<Value> = (0..5)
                    .map(|i| {
                        let mut x = one.clone();
                        x["id"] = json!(format!("t{i}"));
                        x["actuals"] = Value::Array(vec![json!(0); per]);
                        x
                    })
                    .collect();
                v["indicators"] = Value::Array(all);
            }),
        ),
        (
            Code::LimitStringLength,
            "indicators[0].name",
            over(&|v| v["indicators"][0]["name"] = json!("x".repeat(l.string_chars + 1))),
        ),
        (
            Code::LimitNames,
            "indicators[0].units",
            over(&|v| {
                v["indicators"][0]["units"] =
                    Value::Array((0..=l.names).map(|i| json!(format!("u{i}"))).collect())
            }),
        ),
    ];
    for (code, path, plan) in cases {
        let text = serde_json::to_string(&plan).unwrap();
        assert!(
            text.len() <= l.file_bytes,
            "{code:?}: the test file is too big"
        );
        let loaded = load(&text);
        let d = loaded
            .diagnostics
            .iter()
            .find(|d| d.code == code)
            .unwrap_or_else(|| panic!("{code:?} not reported"));
        assert_eq!(d.path, path, "{code:?}");
        assert!(d.line.is_some(), "{code:?} is located");
    }
    // The file-size cap, on text only (an object handed over from JavaScript has no bytes).
    let mut text = serde_json::to_string(&base).unwrap();
    text.push_str(&" ".repeat(l.file_bytes + 1 - text.len()));
    let loaded = load(&text);
    assert!(loaded.plan.is_none());
    assert_eq!(loaded.diagnostics.len(), 1);
    assert_eq!(loaded.diagnostics[0].code, Code::LimitFileSize);
    // Just at the cap, the same padded file is fine.
    text.pop();
    assert!(load(&text).is_valid());
}

/// A valid plan at the caps: 10,000 indicators over 1,000 sections of 50 units each, one
/// indicator with 100 targets, one with an actual for every day from 1900 to 2200, and
/// 2,000-character strings. Deterministic; `tests/e2e/hostile.test.mjs` builds the same plan.
pub fn at_caps_plan() -> String {
    let l = Limits::default();
    let long = |c: char| c.to_string().repeat(l.string_chars);
    let units: Vec<String> = (0..l.names).map(|i| format!("单位{i}")).collect();
    let sections: Vec<Value> = (0..l.sections)
        .map(|i| json!({"id": format!("s{i}"), "title": format!("第{i}章"), "units": units}))
        .collect();
    let mut indicators: Vec<Value> = (0..l.indicators)
        .map(|i| {
            let section = format!("s{}", i % l.sections);
            match i % 4 {
                0 => json!({"id": format!("i{i}"), "section": section, "name": format!("指标{i}"),
                    "unit": "%", "kind": "level", "baseline": {"period": "2023", "value": 50},
                    "targets": [{"period": "2026", "value": 90}],
                    "actuals": [{"period": "2024", "value": 60 + i % 30}], "quote": "达到90%"}),
                1 => json!({"id": format!("i{i}"), "section": section, "name": format!("指标{i}"),
                    "unit": "所", "kind": "cumulative", "targets": [{"period": "2026", "value": 10}],
                    "actuals": [{"period": "2024", "value": i % 12}], "quote": "新建10所"}),
                2 => json!({"id": format!("i{i}"), "section": section, "name": format!("任务{i}"),
                    "kind": "task", "actuals": [{"period": "2025-H1", "state": "inProgress"}],
                    "quote": "完成任务"}),
                _ => json!({"id": format!("i{i}"), "section": section, "name": format!("节点{i}"),
                    "kind": "milestone", "targets": [{"period": "2025-06-30"}], "quote": "按期完成"}),
            }
        })
        .collect();
    // 100 targets: one per year.
    indicators[0]["targets"] = Value::Array(
        (0..l.targets)
            .map(
                |k| json!({"period": format!("{}", MIN_YEAR + 1 + k as i32), "value": 50 + k % 40}),
            )
            .collect(),
    );
    indicators[0]["baseline"] = json!({"period": format!("{MIN_YEAR}"), "value": 50});
    // The most actuals a valid indicator can have: one per day over the years the format accepts
    // (1900–2200: 109,938 days, under the 200,000 cap, which bounds work before validation).
    let first = Day::from_ymd(MIN_YEAR, 1, 1).unwrap().0;
    let last = Day::from_ymd(MAX_YEAR, 12, 31).unwrap().0;
    indicators[5]["actuals"] = Value::Array(
        (first..=last)
            .take(l.actuals)
            .map(|k| json!({"period": Day(k).to_string(), "value": (k - first) / 10_000}))
            .collect(),
    );
    indicators[8]["name"] = json!(long('名'));
    indicators[8]["quote"] = json!(long('引'));
    let plan = json!({
        "schemaVersion": 1,
        "plan": {"id": "at-caps", "title": long('标'), "issuer": "上限测试",
                 "start": format!("{MIN_YEAR}"), "end": format!("{MAX_YEAR}"), "asOf": "2025-06-30", "note": long('注')},
        "sections": sections,
        "indicators": indicators,
    });
    serde_json::to_string(&plan).unwrap()
}

/// Loads, evaluates, lays out and paints the plan at the caps; returns a timing report. The
/// dashboard (10,000 cards, a very tall picture) is painted only when `paint_dashboard`.
fn render_at_caps(paint_dashboard: bool) -> String {
    let l = Limits::default();
    let text = at_caps_plan();
    assert!(text.len() <= l.file_bytes, "{} bytes", text.len());
    let t = Instant::now();
    let loaded = load(&text);
    let t_load = t.elapsed();
    let errors: Vec<_> = loaded
        .errors()
        .take(5)
        .map(|d| (d.code, d.path.clone(), d.message_en.clone()))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let plan = loaded.plan.as_ref().unwrap();
    assert_eq!(plan.indicators.len(), l.indicators);
    assert_eq!(plan.sections.len(), l.sections);
    assert_eq!(plan.indicators[0].targets.len(), l.targets);
    let t = Instant::now();
    let eval = evaluate(plan, &Options::default());
    let t_eval = t.elapsed();
    let scene = Scene {
        plan,
        eval: &eval,
        rejected: &loaded.rejected,
    };
    let mut report = format!(
        "at the caps ({:.1} MiB, {} actuals in i5): load {t_load:.1?}, evaluate {t_eval:.1?}",
        text.len() as f64 / 1048576.0,
        plan.indicators[5].actuals.len()
    );
    for view in [
        View::Dashboard,
        View::Sections,
        View::Indicator("i0".into()),
        View::Indicator("i5".into()),
        View::Indicator("i8".into()),
    ] {
        let t = Instant::now();
        let list = layout(
            &scene,
            &LayoutOptions {
                width: 1280.0,
                view: view.clone(),
                theme: Theme::default(),
                locale: plan.plan.locale,
                focus: None,
                filter: Default::default(),
            },
            &EstimateMeasure,
        );
        let t_layout = t.elapsed();
        assert!(list.items.len() > 10, "{view:?} drew nothing");
        report += &format!(
            "; {view:?}: layout {t_layout:.1?} ({} items, {} px tall)",
            list.items.len(),
            list.height
        );
        if view != View::Dashboard || paint_dashboard {
            let t = Instant::now();
            let svg = to_svg(&list);
            let t_svg = t.elapsed();
            pipeline::check_svg(&svg);
            report += &format!(
                ", svg {t_svg:.1?} ({:.1} MiB)",
                svg.len() as f64 / 1048576.0
            );
        }
    }
    report
}

#[test]
fn a_plan_at_the_caps_renders() {
    eprintln!("{}", render_at_caps(false));
}

/// The timings in docs/limits.md: `cargo test --release --test hostile -- --ignored --nocapture`.
#[test]
#[ignore = "a measurement: run in release"]
fn a_plan_at_the_caps_timing() {
    eprintln!("{}", render_at_caps(true));
}
