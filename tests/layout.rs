//! Layout invariants on every sample plan, at phone, tablet and desktop widths, in every view:
//! no two texts overlap, nothing leaves the picture, hits are in reading order, and every card
//! says its status in words.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use plan_widget::layout::{
    layout, DisplayList, EstimateMeasure, HitTarget, Item, LayoutOptions, Rect, Scene, View,
};
use plan_widget::model::Locale;
use plan_widget::status::Status;
use plan_widget::theme::{Theme, ThemeName};
use plan_widget::{evaluate, load, Options};

use common::{all_views, loaded_samples as samples, Sample};

/// Layout options with defaults.
pub fn options(width: f32, view: View) -> LayoutOptions {
    common::layout_options(width, view, Locale::ZhCn)
}

/// Lays out a sample.
pub fn run(s: &Sample, opts: &LayoutOptions) -> DisplayList {
    let scene = Scene {
        plan: &s.plan,
        eval: &s.eval,
        rejected: &s.rejected,
    };
    layout(&scene, opts, &EstimateMeasure)
}

const EPS: f32 = 0.5;

fn inside(page: &Rect, r: &Rect) -> bool {
    r.x >= page.x - EPS
        && r.y >= page.y - EPS
        && r.right() <= page.right() + EPS
        && r.bottom() <= page.bottom() + EPS
}

/// The box an item covers (including half a stroke), or `None` for text (checked by bounds).
pub fn item_box(item: &Item) -> Rect {
    let from_points = |pts: &[(f32, f32)], pad: f32| {
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for &(x, y) in pts {
            x0 = x0.min(x);
            y0 = y0.min(y);
            x1 = x1.max(x);
            y1 = y1.max(y);
        }
        Rect::new(x0 - pad, y0 - pad, x1 - x0 + 2.0 * pad, y1 - y0 + 2.0 * pad)
    };
    match item {
        Item::Rect { rect, stroke, .. } => {
            let p = stroke.map_or(0.0, |s| s.width / 2.0);
            Rect::new(rect.x - p, rect.y - p, rect.w + 2.0 * p, rect.h + 2.0 * p)
        }
        Item::Circle {
            cx, cy, r, stroke, ..
        } => {
            let r = r + stroke.map_or(0.0, |s| s.width / 2.0);
            Rect::new(cx - r, cy - r, 2.0 * r, 2.0 * r)
        }
        Item::Arc {
            cx, cy, r, width, ..
        } => {
            let r = r + width / 2.0;
            Rect::new(cx - r, cy - r, 2.0 * r, 2.0 * r)
        }
        Item::Polyline { points, stroke } => from_points(points, stroke.width / 2.0),
        Item::Polygon { points, .. } => from_points(points, 0.0),
        Item::Text { bounds, .. } => *bounds,
    }
}

/// Checks the invariants every display list must keep; returns the problems found.
pub fn problems(list: &DisplayList) -> Vec<String> {
    let mut out = Vec::new();
    let page = Rect::new(0.0, 0.0, list.width, list.height);
    for item in &list.items {
        let b = item_box(item);
        let finite = [b.x, b.y, b.w, b.h].iter().all(|v| v.is_finite());
        if !finite || !inside(&page, &b) {
            out.push(format!("outside the page {page:?}: {item:?}"));
        }
        if let Item::Text {
            text, size, bounds, ..
        } = item
        {
            if *size < 12.0 - 1e-3 {
                out.push(format!("text smaller than 12px: {text:?} at {size}"));
            }
            if text.is_empty() || bounds.w <= 0.0 {
                out.push(format!("empty text item: {item:?}"));
            }
        }
    }
    let texts: Vec<(&Rect, &str)> = list.texts().collect();
    for (i, (a, ta)) in texts.iter().enumerate() {
        for (b, tb) in &texts[i + 1..] {
            if a.overlaps(b) {
                out.push(format!("texts overlap: {ta:?} {a:?} and {tb:?} {b:?}"));
            }
        }
    }
    for h in &list.hits {
        if !inside(&page, &h.rect) {
            out.push(format!("hit outside the page: {h:?}"));
        }
    }
    for w in list.hits.windows(2) {
        let (a, b) = (&w[0].rect, &w[1].rect);
        let same_row = (a.y - b.y).abs() < EPS;
        let ordered = if same_row { b.x > a.x } else { b.y > a.y };
        if !ordered {
            out.push(format!(
                "hits out of reading order: {:?} then {:?}",
                w[0], w[1]
            ));
        }
    }
    out
}

/// Every indicator card contains a status label text.
fn cards_have_status_labels(list: &DisplayList, locale: Locale) -> Vec<String> {
    let labels: Vec<&str> = Status::ALL.iter().map(|s| s.label(locale)).collect();
    list.hits
        .iter()
        .filter(|h| matches!(h.target, HitTarget::Indicator(_)))
        .filter(|h| {
            !list
                .texts()
                .any(|(b, t)| h.rect.contains(b) && labels.contains(&t))
        })
        .map(|h| format!("card without a status label: {:?}", h.target))
        .collect()
}

/// Text that touches a card lies wholly inside it (nothing spills out of a card).
pub fn texts_inside_cards(list: &DisplayList) -> Vec<String> {
    let cards: Vec<&Rect> = list
        .hits
        .iter()
        .filter(|h| matches!(h.target, HitTarget::Indicator(_)))
        .map(|h| &h.rect)
        .collect();
    let mut out = Vec::new();
    for (b, t) in list.texts() {
        for c in &cards {
            if c.overlaps(b) && !c.contains(b) {
                out.push(format!("text {t:?} {b:?} spills out of card {c:?}"));
            }
        }
    }
    out
}

fn assert_clean(list: &DisplayList, what: &str) {
    let p = problems(list);
    assert!(
        p.is_empty(),
        "{what}: {} problems, first: {:#?}",
        p.len(),
        &p[..p.len().min(8)]
    );
}

#[test]
fn every_sample_every_view_every_width_is_clean() {
    for s in samples() {
        for width in [320.0, 360.0, 768.0, 1280.0, 1920.0] {
            for view in all_views(&s.plan) {
                let list = run(&s, &options(width, view.clone()));
                let what = format!("{} at {width}px, {view:?}", s.name);
                assert_clean(&list, &what);
                assert!(list.height > 0.0 && !list.items.is_empty(), "{what}: empty");
                if view == View::Dashboard {
                    let p = cards_have_status_labels(&list, Locale::ZhCn);
                    assert!(p.is_empty(), "{what}: {p:?}");
                    let p = texts_inside_cards(&list);
                    assert!(p.is_empty(), "{what}: {p:?}");
                    let cards = list
                        .hits
                        .iter()
                        .filter(|h| matches!(h.target, HitTarget::Indicator(_)))
                        .count();
                    assert_eq!(cards, s.plan.indicators.len(), "{what}: one card each");
                }
            }
        }
    }
}

#[test]
fn english_and_dark_and_contrast_themes_at_360_768_and_1280() {
    for s in samples() {
        let settings = [
            (360.0, ThemeName::Light),
            (360.0, ThemeName::Dark),
            (360.0, ThemeName::Contrast),
            (768.0, ThemeName::Light),
            (1280.0, ThemeName::Light),
        ];
        for (width, theme) in settings {
            for view in all_views(&s.plan) {
                let mut opts = options(width, view.clone());
                opts.locale = Locale::En;
                opts.theme = Theme::named(theme);
                let list = run(&s, &opts);
                let what = format!("{} en {theme:?} at {width}px {view:?}", s.name);
                assert_clean(&list, &what);
                if view == View::Dashboard {
                    let p = cards_have_status_labels(&list, Locale::En);
                    assert!(p.is_empty(), "{what}: {p:?}");
                    let p = texts_inside_cards(&list);
                    assert!(p.is_empty(), "{what}: {p:?}");
                }
            }
        }
    }
}

#[test]
fn large_text_and_odd_widths_stay_clean() {
    let all = samples();
    for s in &all {
        for width in [333.0, 599.0, 1000.0, 1280.0, 1399.0] {
            let mut opts = options(width, View::Dashboard);
            opts.theme.font_scale = 1.5;
            assert_clean(&run(s, &opts), &format!("{} large text at {width}", s.name));
        }
    }
}

#[test]
fn cards_reflow_into_columns() {
    let s = &samples()[1];
    for (width, cols) in [(320.0, 1), (768.0, 2), (1280.0, 3), (1920.0, 4)] {
        let list = run(s, &options(width, View::Dashboard));
        let first_row_y = list
            .hits
            .iter()
            .find(|h| matches!(h.target, HitTarget::Indicator(_)))
            .unwrap()
            .rect
            .y;
        let in_row = list
            .hits
            .iter()
            .filter(|h| matches!(h.target, HitTarget::Indicator(_)) && h.rect.y == first_row_y)
            .count();
        assert_eq!(in_row, cols, "{width}px");
    }
}

#[test]
fn filters_hide_cards_and_focus_draws_a_ring() {
    let s = &samples()[1];
    let mut opts = options(768.0, View::Dashboard);
    opts.filter.statuses = vec![Status::Achieved];
    let list = run(s, &opts);
    let cards: Vec<_> = list
        .hits
        .iter()
        .filter_map(|h| match &h.target {
            HitTarget::Indicator(id) => Some(id.clone()),
            _ => None,
        })
        .collect();
    let achieved = s
        .eval
        .indicators
        .iter()
        .filter(|i| i.status == Status::Achieved)
        .count();
    assert_eq!(cards.len(), achieved);
    assert_clean(&list, "filtered");

    let id = s.plan.indicators[0].id.clone();
    let mut opts = options(768.0, View::Dashboard);
    opts.focus = Some(id);
    let accent = opts.theme.accent;
    let list = run(s, &opts);
    let rings = list
        .items
        .iter()
        .filter(|i| matches!(i, Item::Rect { stroke: Some(st), fill: None, .. } if st.color == accent && st.width >= 3.0))
        .count();
    assert_eq!(rings, 1);
    assert_clean(&list, "focused");
}

#[test]
fn dashboard_header_says_sample_data_as_of_and_summary_hits() {
    let s = &samples()[1];
    let list = run(s, &options(1280.0, View::Dashboard));
    let texts: Vec<&str> = list.texts().map(|(_, t)| t).collect();
    assert!(texts.contains(&"示例数据"), "{texts:?}");
    assert!(texts.contains(&"截至 2025年6月30日"), "{texts:?}");
    let statuses = list
        .hits
        .iter()
        .filter(|h| matches!(h.target, HitTarget::Status(_)))
        .count();
    let present = Status::ALL
        .iter()
        .filter(|st| s.eval.rollups.plan.get(**st) > 0)
        .count();
    assert_eq!(statuses, present);
    let mut opts = options(1280.0, View::Dashboard);
    opts.locale = Locale::En;
    let list = run(s, &opts);
    let texts: Vec<&str> = list.texts().map(|(_, t)| t).collect();
    assert!(texts.contains(&"Sample data"), "{texts:?}");
    assert!(texts.contains(&"As of 30 Jun 2025"), "{texts:?}");
}

#[test]
fn sections_view_has_a_hit_per_section_and_unit() {
    for s in samples() {
        let list = run(&s, &options(768.0, View::Sections));
        let sections = list
            .hits
            .iter()
            .filter(|h| matches!(h.target, HitTarget::Section(_)))
            .count();
        let units = list
            .hits
            .iter()
            .filter(|h| matches!(h.target, HitTarget::Unit(_)))
            .count();
        assert_eq!(sections, s.eval.rollups.sections.len(), "{}", s.name);
        assert_eq!(units, s.eval.rollups.units.len(), "{}", s.name);
    }
}

#[test]
fn unknown_indicator_says_so() {
    let s = &samples()[0];
    let list = run(s, &options(320.0, View::Indicator("nope".into())));
    assert!(list.texts().any(|(_, t)| t.contains("未找到指标")));
    assert_clean(&list, "unknown id");
}

#[test]
fn detail_view_shows_quote_leaders_and_units() {
    let s = samples()
        .into_iter()
        .find(|s| s.name.starts_with("003"))
        .unwrap();
    let ind = s
        .plan
        .indicators
        .iter()
        .find(|i| !i.leaders.is_empty())
        .unwrap();
    let list = run(&s, &options(768.0, View::Indicator(ind.id.clone())));
    let all: String = list.texts().map(|(_, t)| t).collect();
    assert!(all.contains(&ind.leaders[0]), "leaders");
    assert!(all.contains("责任单位"), "units");
    assert!(all.contains('“'), "quote");
}

#[test]
fn degenerate_inputs_do_not_panic() {
    let s = &samples()[1];
    for width in [0.0, 1.0, 50.0, f32::NAN, f32::INFINITY, -5.0] {
        for view in [
            View::Dashboard,
            View::Sections,
            View::Indicator(s.plan.indicators[0].id.clone()),
        ] {
            let list = run(s, &options(width, view));
            assert!(list.height.is_finite());
        }
    }
    let text = r#"{"schemaVersion":1,"plan":{"id":"x","title":"空","issuer":"某","start":"2024","end":"2024"},"sections":[],"indicators":[]}"#;
    let loaded = load(text);
    let plan = loaded.plan.unwrap();
    let eval = evaluate(&plan, &Options::default());
    let sample = Sample {
        name: "empty".into(),
        plan,
        eval,
        rejected: loaded.rejected,
    };
    for view in [View::Dashboard, View::Sections, View::Indicator("x".into())] {
        assert_clean(&run(&sample, &options(320.0, view)), "empty plan");
    }
}

/// Writes SVGs of the sample views to `$PLAN_WIDGET_LAYOUT_DUMP` (a directory) when set, for
/// looking at; does nothing otherwise.
#[test]
fn dump_svgs_when_asked() {
    let Some(dir) = std::env::var_os("PLAN_WIDGET_LAYOUT_DUMP") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).unwrap();
    for s in samples() {
        let stem = &s.name[..3];
        let runs = [
            (320.0, Locale::ZhCn, ThemeName::Light),
            (1280.0, Locale::ZhCn, ThemeName::Light),
            (360.0, Locale::En, ThemeName::Light),
            (768.0, Locale::ZhCn, ThemeName::Dark),
            (768.0, Locale::En, ThemeName::Contrast),
        ];
        for (width, locale, theme) in runs {
            let mut views = vec![
                ("dashboard".to_string(), View::Dashboard),
                ("sections".to_string(), View::Sections),
            ];
            views.extend(
                s.plan
                    .indicators
                    .iter()
                    .map(|i| (i.id.clone(), View::Indicator(i.id.clone()))),
            );
            for (name, view) in views {
                let mut opts = options(width, view);
                opts.locale = locale;
                opts.theme = Theme::named(theme);
                let list = run(&s, &opts);
                if stem == "001" && width == 1280.0 {
                    eprintln!(
                        "{stem} {name} {width}: {} items, {} texts, {} hits, height {}",
                        list.items.len(),
                        list.texts().count(),
                        list.hits.len(),
                        list.height
                    );
                }
                let svg = plan_widget::paint::to_svg(&list);
                let lang = if locale == Locale::En { "-en" } else { "" };
                let theme = format!("{theme:?}").to_lowercase();
                let path = dir.join(format!("{stem}-{name}-{width}{lang}-{theme}.svg"));
                std::fs::write(path, svg).unwrap();
            }
        }
    }
}

/// A measure that counts the questions layout asks, by text, size and weight.
#[derive(Default)]
struct CountingMeasure {
    asked: std::cell::RefCell<std::collections::HashMap<(String, u32, bool), usize>>,
}

impl CountingMeasure {
    fn calls(&self) -> usize {
        self.asked.borrow().values().sum()
    }
}

impl plan_widget::layout::TextMeasure for CountingMeasure {
    fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        *self
            .asked
            .borrow_mut()
            .entry((text.to_string(), size.to_bits(), bold))
            .or_default() += 1;
        plan_widget::layout::TextMeasure::width(&EstimateMeasure, text, size, bold)
    }
}

#[test]
fn a_layout_measures_each_text_once() {
    for s in samples() {
        for view in all_views(&s.plan) {
            let measure = CountingMeasure::default();
            let scene = Scene {
                plan: &s.plan,
                eval: &s.eval,
                rejected: &s.rejected,
            };
            let list = layout(&scene, &options(1280.0, view.clone()), &measure);
            assert_eq!(list, run(&s, &options(1280.0, view.clone())), "{}", s.name);
            let asked = measure.asked.borrow();
            let again: Vec<_> = asked.iter().filter(|(_, n)| **n > 1).collect();
            assert!(again.is_empty(), "{} {view:?}: {again:?}", s.name);
        }
    }
}

/// A plan of one `level` indicator with `n` daily values (a random walk) from 2000-01-01.
fn daily_plan(n: usize) -> Sample {
    let start = plan_widget::Day::from_ymd(2000, 1, 1).unwrap();
    let mut seed = 12_345u64;
    let mut v = 50.0f64;
    let actuals: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            v = (v + ((seed >> 33) as f64 / (1u64 << 31) as f64 - 0.5) * 2.0).clamp(0.0, 100.0);
            let day = plan_widget::Day(start.0 + i as i32);
            serde_json::json!({"period": day.to_string(), "value": (v * 10.0).round() / 10.0})
        })
        .collect();
    let last_year = plan_widget::Day(start.0 + n as i32).ymd().0;
    let json = serde_json::json!({
        "schemaVersion": 1,
        "plan": {"id": "daily", "title": "日数据", "issuer": "测试", "start": "2000",
                 "end": (last_year + 1).to_string(), "locale": "zh-CN",
                 "asOf": plan_widget::Day(start.0 + n as i32).to_string()},
        "sections": [{"id": "s1", "title": "日数据"}],
        "indicators": [{"id": "daily", "section": "s1", "name": "日监测值", "unit": "%",
                        "kind": "level", "baseline": {"period": "1999-12-31", "value": 50},
                        "targets": [{"period": (last_year + 1).to_string(), "value": 80}],
                        "actuals": actuals, "quote": "日监测值达到80%"}]
    });
    let loaded = load(&json.to_string());
    assert!(loaded.rejected.is_empty(), "{:?}", loaded.diagnostics);
    let plan = loaded.plan.expect("usable plan");
    let eval = evaluate(&plan, &Options::default());
    Sample {
        name: format!("{n} daily values"),
        plan,
        eval,
        rejected: loaded.rejected,
    }
}

#[test]
fn a_long_daily_series_costs_what_the_chart_width_does() {
    let s = daily_plan(30_000);
    let scene = Scene {
        plan: &s.plan,
        eval: &s.eval,
        rejected: &s.rejected,
    };
    for (view, width) in [
        (View::Indicator("daily".into()), 1280.0),
        (View::Indicator("daily".into()), 360.0),
        (View::Dashboard, 1280.0),
    ] {
        let measure = CountingMeasure::default();
        let list = layout(&scene, &options(width, view.clone()), &measure);
        assert_clean(&list, &format!("{view:?} at {width}"));
        // Each text is measured once, and the axis labels tried are those that might fit: at
        // most the 366 day labels ("01-31") whatever the length of the series, plus the rest.
        assert!(
            measure.calls() < 600,
            "{view:?}: {} measurements",
            measure.calls()
        );
        // Lines: at most four points per CSS px column.
        for item in &list.items {
            if let Item::Polyline { points, .. } = item {
                assert!(
                    points.len() <= 4 * width as usize,
                    "{} points",
                    points.len()
                );
            }
        }
    }
}

#[test]
fn the_checker_catches_overlaps_spills_and_disorder() {
    use plan_widget::layout::{Anchor, Baseline, Color, Hit};
    let text = |x: f32, y: f32| Item::Text {
        x,
        y,
        text: "字".into(),
        size: 14.0,
        bold: false,
        color: Color::rgb(0, 0, 0),
        anchor: Anchor::Start,
        baseline: Baseline::Top,
        bounds: Rect::new(x, y, 14.0, 17.5),
    };
    let mut list = DisplayList::new(100.0, 100.0, Color::rgb(255, 255, 255), "x");
    list.items = vec![text(10.0, 10.0), text(15.0, 12.0), text(95.0, 50.0)];
    list.hits = vec![
        Hit {
            rect: Rect::new(0.0, 50.0, 10.0, 10.0),
            target: HitTarget::Status(Status::OnTrack),
        },
        Hit {
            rect: Rect::new(0.0, 10.0, 10.0, 10.0),
            target: HitTarget::Status(Status::AtRisk),
        },
    ];
    let p = problems(&list);
    assert!(p.iter().any(|m| m.starts_with("texts overlap")), "{p:?}");
    assert!(p.iter().any(|m| m.starts_with("outside the page")), "{p:?}");
    assert!(
        p.iter().any(|m| m.starts_with("hits out of reading order")),
        "{p:?}"
    );
}

mod mutated {
    use super::*;
    use plan_widget::Day;
    use proptest::prelude::*;
    use serde_json::Value;

    fn texts() -> Vec<String> {
        super::common::samples()
            .into_iter()
            .map(|(_, text)| text)
            .collect()
    }

    /// How many numbers a JSON value holds.
    fn count_numbers(v: &Value) -> usize {
        match v {
            Value::Number(_) => 1,
            Value::Array(a) => a.iter().map(count_numbers).sum(),
            Value::Object(m) => m.values().map(count_numbers).sum(),
            _ => 0,
        }
    }

    /// Replaces the `pick`-th number (of all numbers, cyclically) with `value`.
    fn set_number(v: &mut Value, pick: usize, value: f64) {
        fn walk(v: &mut Value, target: usize, seen: &mut usize, value: f64) -> bool {
            match v {
                Value::Number(_) => {
                    if *seen == target {
                        if let Some(n) = serde_json::Number::from_f64(value) {
                            *v = Value::Number(n);
                        }
                        return true;
                    }
                    *seen += 1;
                    false
                }
                Value::Array(a) => a.iter_mut().any(|x| walk(x, target, seen, value)),
                Value::Object(m) => m.values_mut().any(|x| walk(x, target, seen, value)),
                _ => false,
            }
        }
        let count = count_numbers(v);
        if count == 0 {
            return;
        }
        let target = pick % count;
        walk(v, target, &mut 0, value);
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

        #[test]
        fn mutated_plans_keep_every_invariant(
            which in 0usize..5,
            edits in proptest::collection::vec((any::<usize>(), prop_oneof![
                Just(0.0), Just(-3.0), Just(1e9), Just(123456.789), Just(0.001), 0.0f64..150.0
            ]), 0..6),
            as_of in 19_000i32..21_000,
            width in 300.0f32..2000.0,
            english in any::<bool>(),
        ) {
            let all = texts();
            let text = &all[which % all.len()];
            let mut json: Value = serde_json::from_str(text).unwrap();
            for (pick, value) in edits {
                set_number(&mut json, pick, value);
            }
            let loaded = plan_widget::load_value(&json);
            let Some(plan) = loaded.plan else { return Ok(()); };
            let options = Options { as_of: Some(Day(as_of)), ..Options::default() };
            let eval = evaluate(&plan, &options);
            let sample = Sample { name: "mutated".into(), plan, eval, rejected: loaded.rejected };
            let mut views = vec![View::Dashboard, View::Sections];
            views.extend(sample.plan.indicators.iter().take(12).map(|i| View::Indicator(i.id.clone())));
            for view in views {
                let mut opts = options_for(width, view.clone());
                if english {
                    opts.locale = Locale::En;
                }
                let list = run(&sample, &opts);
                let p = problems(&list);
                prop_assert!(p.is_empty(), "{view:?} at {width}: {:?}", &p[..p.len().min(4)]);
                let p = texts_inside_cards(&list);
                prop_assert!(p.is_empty(), "{view:?} at {width}: {:?}", &p[..p.len().min(4)]);
            }
        }
    }

    fn options_for(width: f32, view: View) -> LayoutOptions {
        options(width, view)
    }
}
