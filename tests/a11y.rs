//! Accessibility and export, natively: one sentence per indicator from its numbers (Chinese and
//! English), table rows equal to the indicators and their values, filters, tooltips for every
//! hit, focus rings for every kind of hit, CSV, escaped fallback HTML, the no-wasm page's
//! template, and status icons that stay distinct in greyscale.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::path::Path;

use plan_widget::a11y::{self, Description};
use plan_widget::format::{format_value, plain};
use plan_widget::layout::canvas::{Canvas, Sizes};
use plan_widget::layout::icons::{icon, status_colors};
use plan_widget::layout::{
    layout, Color, DisplayList, EstimateMeasure, Filter, HitTarget, Item, LayoutOptions, Scene,
    View,
};
use plan_widget::model::{Kind, Locale};
use plan_widget::parse::Rejected;
use plan_widget::status::Status;
use plan_widget::theme::{Theme, ThemeName};
use plan_widget::{evaluate, load, Day, Evaluation, Options, Period, Plan};

struct Sample {
    name: String,
    json: serde_json::Value,
    plan: Plan,
    eval: Evaluation,
    rejected: Vec<Rejected>,
}

impl Sample {
    fn from_text(name: &str, text: &str) -> Sample {
        let loaded = load(text);
        let plan = loaded.plan.expect("usable plan");
        let eval = evaluate(&plan, &Options::default());
        Sample {
            name: name.to_string(),
            json: serde_json::from_str(text).unwrap(),
            plan,
            eval,
            rejected: loaded.rejected,
        }
    }

    fn scene(&self) -> Scene<'_> {
        Scene {
            plan: &self.plan,
            eval: &self.eval,
            rejected: &self.rejected,
        }
    }
}

fn samples() -> Vec<Sample> {
    common::samples()
        .iter()
        .map(|(name, text)| Sample::from_text(name, text))
        .collect()
}

fn sample(name: &str) -> Sample {
    samples()
        .into_iter()
        .find(|s| s.name.starts_with(name))
        .unwrap()
}

fn options(view: View, locale: Locale) -> LayoutOptions {
    common::layout_options(800.0, view, locale)
}

/// The indicators in dashboard order: by section, then plan order.
fn dashboard_order(s: &Sample) -> Vec<String> {
    s.plan
        .sections
        .iter()
        .flat_map(|sec| {
            s.plan
                .indicators
                .iter()
                .filter(move |i| i.section == sec.id)
                .map(|i| i.id.clone())
        })
        .collect()
}

/// The issue's own example: 公办园覆盖率 68% in June 2024 against a 70% target.
const EXAMPLE: &str = r#"{"schemaVersion":1,
 "plan":{"id":"example","title":"某区学前教育行动计划","issuer":"某区教育局","start":"2024","end":"2024","asOf":"2024-06-30"},
 "sections":[{"id":"s1","title":"扩大普惠资源","units":["学前科"]}],
 "indicators":[
  {"id":"coverage","section":"s1","name":"公办园覆盖率","unit":"%","kind":"level",
   "baseline":{"period":"2023","value":50},"targets":[{"period":"2024","value":70}],
   "actuals":[{"period":"2024-06","value":55}],"quote":"公办园覆盖率达到70%"}]}"#;

#[test]
fn the_issue_example_reads_as_one_sentence_from_its_numbers() {
    let s = Sample::from_text("example", EXAMPLE);
    let d = a11y::describe(&s.scene(), &options(View::Dashboard, Locale::ZhCn));
    assert_eq!(d.sentences.len(), 1);
    let text = &d.sentences[0].text;
    assert_eq!(d.sentences[0].status, Status::OffTrack, "{text}");
    assert!(
        text.starts_with("截至2024年6月，公办园覆盖率为55%，2024年目标不低于70%，当前应达"),
        "{text}"
    );
    assert!(text.contains("进度滞后：低于预期进度，需加快"), "{text}");
    let en = a11y::describe(&s.scene(), &options(View::Dashboard, Locale::En));
    let text = &en.sentences[0].text;
    assert!(
        text.starts_with(
            "As of Jun 2024, 公办园覆盖率: 55%; target at least 70% by 2024; expected by now"
        ),
        "{text}"
    );
    assert!(
        text.contains("Off track: behind the expected progress, needs to speed up."),
        "{text}"
    );
}

#[test]
fn every_indicator_has_a_sentence_and_a_row_with_its_status_and_latest_value() {
    for s in samples() {
        for locale in [Locale::ZhCn, Locale::En] {
            let d = a11y::describe(&s.scene(), &options(View::Dashboard, locale));
            let ids: Vec<String> = d.sentences.iter().map(|x| x.id.clone()).collect();
            assert_eq!(ids, dashboard_order(&s), "{} sentences", s.name);
            let row_ids: Vec<String> = d.rows.iter().map(|x| x.id.clone()).collect();
            assert_eq!(row_ids, ids, "{} rows", s.name);
            assert_eq!(d.columns.len(), 10);
            for (sentence, row) in d.sentences.iter().zip(&d.rows) {
                let ind = s.plan.indicators.iter().find(|i| i.id == row.id).unwrap();
                let st = s.eval.get(&row.id).unwrap();
                let label = st.status.label(locale);
                assert!(
                    sentence.text.contains(label),
                    "{}: {label} missing in {}",
                    s.name,
                    sentence.text
                );
                assert_eq!(row.cells.len(), 10);
                assert_eq!(row.cells[0], ind.name);
                assert_eq!(row.cells[2], label);
                assert_eq!(row.status, st.status);
                if let Some(v) = st.latest.as_ref().and_then(|p| p.value) {
                    if ind.kind == Kind::Level {
                        let shown = format_value(v, &ind.unit, locale);
                        assert_eq!(row.cells[3], shown, "{} {}", s.name, ind.id);
                        assert!(sentence.text.contains(&shown), "{}", sentence.text);
                    }
                }
                assert_eq!(row.cells[9], ind.quote);
            }
        }
    }
}

#[test]
fn table_values_equal_the_files_latest_actuals() {
    // Independently of the engine: for `level` indicators the latest actual up to the as-of
    // date, straight from the JSON, is the table's latest value.
    for s in samples() {
        let as_of = Day::parse(s.json["plan"]["asOf"].as_str().unwrap()).unwrap();
        let d = a11y::describe(&s.scene(), &options(View::Dashboard, Locale::ZhCn));
        let mut checked = 0;
        for ind in s.json["indicators"].as_array().unwrap() {
            if ind["kind"] != "level" || ind["unit"] != "%" {
                continue;
            }
            let Some(last) = ind["actuals"].as_array().and_then(|a| {
                a.iter().rfind(|x| {
                    Period::parse(x["period"].as_str().unwrap())
                        .unwrap()
                        .start()
                        <= as_of
                })
            }) else {
                continue;
            };
            let id = ind["id"].as_str().unwrap();
            let Some(row) = d.rows.iter().find(|r| r.id == id) else {
                continue; // rejected by validation
            };
            let v = last["value"].as_f64().unwrap();
            assert_eq!(row.cells[3], format!("{}%", plain(v, 2)), "{} {id}", s.name);
            checked += 1;
        }
        assert!(checked > 0 || !s.name.starts_with("001"), "{}", s.name);
    }
}

#[test]
fn filters_by_status_section_and_unit_limit_sentences_rows_and_cards() {
    let s = sample("003");
    let scene = s.scene();
    let mut opts = options(View::Dashboard, Locale::ZhCn);
    opts.filter.statuses = vec![Status::AtRisk, Status::OffTrack];
    let d = a11y::describe(&scene, &opts);
    let expected = s
        .eval
        .indicators
        .iter()
        .filter(|i| matches!(i.status, Status::AtRisk | Status::OffTrack))
        .count();
    assert_eq!(d.rows.len(), expected);
    assert!(d
        .rows
        .iter()
        .all(|r| matches!(r.status, Status::AtRisk | Status::OffTrack)));
    assert!(
        d.summary.contains(&format!("显示 {expected} 项")),
        "{}",
        d.summary
    );
    let cards = layout(&scene, &opts, &EstimateMeasure)
        .hits
        .iter()
        .filter(|h| matches!(h.target, HitTarget::Indicator(_)))
        .count();
    assert_eq!(cards, expected);
    // CSV follows the filter too.
    assert_eq!(a11y::csv(&scene, &opts).lines().count(), expected + 1);

    let section = &s.plan.sections[1];
    opts.filter = Filter {
        sections: vec![section.id.clone()],
        ..Filter::default()
    };
    let d = a11y::describe(&scene, &opts);
    let in_section = s
        .plan
        .indicators
        .iter()
        .filter(|i| i.section == section.id)
        .count();
    assert_eq!(d.rows.len(), in_section);
    assert!(d.summary.contains(&section.title), "{}", d.summary);

    let unit = s.eval.rollups.units[0].clone();
    opts.filter = Filter {
        units: vec![unit.key.clone()],
        ..Filter::default()
    };
    assert_eq!(
        a11y::describe(&scene, &opts).rows.len(),
        unit.counts.total()
    );
}

#[test]
fn the_sections_view_honours_the_filter_and_describes_each_rollup() {
    let s = sample("001");
    let scene = s.scene();
    let mut opts = options(View::Sections, Locale::ZhCn);
    let all = layout(&scene, &opts, &EstimateMeasure);
    let d = a11y::describe(&scene, &opts);
    assert_eq!(
        d.groups.len(),
        s.eval.rollups.sections.len() + s.eval.rollups.units.len()
    );
    opts.filter.statuses = vec![Status::OffTrack];
    let some = layout(&scene, &opts, &EstimateMeasure);
    let sections_with = s
        .eval
        .rollups
        .sections
        .iter()
        .filter(|r| r.counts.get(Status::OffTrack) > 0)
        .count();
    let count = |l: &DisplayList| {
        l.hits
            .iter()
            .filter(|h| matches!(h.target, HitTarget::Section(_)))
            .count()
    };
    assert!(count(&all) > sections_with);
    assert_eq!(count(&some), sections_with);
}

#[test]
fn every_hit_has_a_tooltip_and_indicator_tooltips_say_everything() {
    for s in samples() {
        let scene = s.scene();
        for view in [View::Dashboard, View::Sections] {
            let opts = options(view.clone(), Locale::ZhCn);
            let list = layout(&scene, &opts, &EstimateMeasure);
            for hit in &list.hits {
                let key = hit.target.key();
                assert_eq!(HitTarget::from_key(&key).as_ref(), Some(&hit.target));
                let t = a11y::tooltip(&scene, &opts, &key)
                    .unwrap_or_else(|| panic!("{} {view:?}: no tooltip for {key}", s.name));
                assert!(!t.title.is_empty() && !t.hint.is_empty());
                if let HitTarget::Indicator(id) = &hit.target {
                    let ind = s.plan.indicators.iter().find(|i| &i.id == id).unwrap();
                    let st = s.eval.get(id).unwrap();
                    let labels: Vec<&str> = t.lines.iter().map(|l| l.label.as_str()).collect();
                    assert_eq!(t.title, ind.name);
                    assert_eq!(labels[0], "最新值");
                    assert!(labels.contains(&"状态"));
                    assert!(t
                        .lines
                        .iter()
                        .any(|l| l.value == st.status.label(Locale::ZhCn)));
                    assert!(t.lines.iter().any(|l| l.value.contains(&ind.quote)));
                    if !ind.targets.is_empty() {
                        assert!(labels.contains(&"目标"), "{id}: {labels:?}");
                    }
                }
            }
        }
    }
    let s = sample("001");
    let opts = options(View::Dashboard, Locale::En);
    assert_eq!(
        a11y::tooltip(&s.scene(), &opts, "status:atRisk")
            .unwrap()
            .title,
        "At risk"
    );
    assert!(a11y::tooltip(&s.scene(), &opts, "status:nonsense").is_none());
    assert!(a11y::tooltip(&s.scene(), &opts, "no-such-indicator").is_none());
}

/// The stroked rectangles in the accent colour 3px wide: focus rings.
fn rings(list: &DisplayList, accent: Color) -> usize {
    list.items
        .iter()
        .filter(|i| {
            matches!(i, Item::Rect { stroke: Some(s), fill: None, .. }
                if s.color == accent && (s.width - 3.0).abs() < 1e-3)
        })
        .count()
}

#[test]
fn the_focus_ring_can_sit_on_every_kind_of_hit() {
    let s = sample("001");
    let scene = s.scene();
    for view in [View::Dashboard, View::Sections] {
        let mut opts = options(view.clone(), Locale::ZhCn);
        let accent = opts.theme.accent;
        let plain_list = layout(&scene, &opts, &EstimateMeasure);
        let base = rings(&plain_list, accent);
        for hit in &plain_list.hits {
            opts.focus = Some(hit.target.key());
            let l = layout(&scene, &opts, &EstimateMeasure);
            assert_eq!(rings(&l, accent), base + 1, "{view:?} {:?}", hit.target);
            assert_eq!(
                l.hits, plain_list.hits,
                "focus must not move anything: {view:?}"
            );
        }
    }
}

#[test]
fn selected_status_segments_are_outlined_and_the_total_says_how_many_are_shown() {
    let s = sample("001");
    let scene = s.scene();
    let mut opts = options(View::Dashboard, Locale::ZhCn);
    let before = layout(&scene, &opts, &EstimateMeasure);
    opts.filter.statuses = vec![Status::Missed];
    let after = layout(&scene, &opts, &EstimateMeasure);
    let text = opts.theme.text;
    let outlines = |l: &DisplayList| {
        l.items
            .iter()
            .filter(
                |i| matches!(i, Item::Rect { stroke: Some(s), fill: None, .. } if s.color == text),
            )
            .count()
    };
    assert_eq!(outlines(&after), outlines(&before) + 1);
    assert!(after
        .texts()
        .any(|(_, t)| t == "共 69 项指标，筛选后显示 2 项"));
    // The summary bar still has a segment per status, so the filter can be undone.
    let segments = |l: &DisplayList| {
        l.hits
            .iter()
            .filter(|h| matches!(h.target, HitTarget::Status(_)))
            .count()
    };
    assert_eq!(segments(&after), segments(&before));
    assert_eq!(segments(&before), 7);
}

/// Splits CSV text into records of fields (RFC 4180).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

#[test]
fn csv_has_one_row_per_indicator_with_plain_numbers() {
    for s in samples() {
        let text = a11y::csv(&s.scene(), &options(View::Dashboard, Locale::ZhCn));
        assert!(text.ends_with("\r\n"));
        let rows = parse_csv(&text);
        assert_eq!(rows.len(), s.plan.indicators.len() + 1, "{}", s.name);
        assert_eq!(rows[0][0], "编号");
        assert!(rows.iter().all(|r| r.len() == 19), "{}", s.name);
        let ids: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
        assert_eq!(ids, dashboard_order(&s));
        for r in &rows[1..] {
            let st = s.eval.get(&r[0]).unwrap();
            assert_eq!(r[6], st.status.as_str());
            let latest = st.latest.as_ref().and_then(|p| p.value);
            assert_eq!(r[9], latest.map(|v| plain(v, 4)).unwrap_or_default());
            if !r[9].is_empty() {
                r[9].parse::<f64>().expect("a plain number");
            }
        }
    }
    let s = sample("003");
    let en = a11y::csv(
        &s.scene(),
        &options(View::Indicator("x".into()), Locale::En),
    );
    assert!(en.starts_with("id,section id,section,indicator,kind,"));
    assert_eq!(
        parse_csv(&en).len(),
        s.plan.indicators.len() + 1,
        "every view exports the filtered dashboard's rows"
    );
}

const HOSTILE: &str = r#"{"schemaVersion":1,
 "plan":{"id":"hostile","title":"<script>alert(1)</script> & \"plan\"","issuer":"<b>x</b>","start":"2024","end":"2025","asOf":"2024-12-31",
   "source":{"title":"<i>src</i>","url":"javascript:alert(1)"}},
 "sections":[{"id":"s1","title":"<img src=x onerror=alert(1)>"}],
 "indicators":[
  {"id":"a","section":"s1","name":"=HYPERLINK(\"http://evil\")","unit":"%","kind":"level",
   "baseline":{"period":"2023","value":50},"targets":[{"period":"2025","value":70}],
   "actuals":[{"period":"2024","value":60}],"quote":"say \"hi\", then\nleave <a href=x>"},
  {"id":"b","section":"s1","name":"-1+2","kind":"milestone","targets":[{"period":"2025"}],
   "actuals":[{"period":"2024","state":"inProgress"}],"quote":"@SUM(A1)"}]}"#;

#[test]
fn csv_quotes_fields_and_defuses_formulas() {
    let s = Sample::from_text("hostile", HOSTILE);
    let text = a11y::csv(&s.scene(), &options(View::Dashboard, Locale::ZhCn));
    let rows = parse_csv(&text);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1][3], "'=HYPERLINK(\"http://evil\")");
    assert_eq!(rows[1][18], "say \"hi\", then\nleave <a href=x>");
    assert_eq!(rows[2][3], "'-1+2");
    assert_eq!(rows[2][18], "'@SUM(A1)");
}

#[test]
fn fallback_html_escapes_all_text_and_has_no_script_style_or_handlers() {
    let s = Sample::from_text("hostile", HOSTILE);
    let html = a11y::fallback_html(&s.scene(), &options(View::Dashboard, Locale::ZhCn));
    for bad in [
        "<script",
        "<img",
        "<b>",
        "<i>",
        "javascript:",
        " style=",
        "<a href=x",
    ] {
        assert!(!html.contains(bad), "{bad} in fallback");
    }
    // Text is escaped, so every `<` opens a real tag: none may carry an event handler.
    for tag in html.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap().to_ascii_lowercase();
        assert!(
            !tag.split_whitespace().skip(1).any(|a| a.starts_with("on")),
            "event handler in <{tag}>"
        );
    }
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;plan&quot;"));
    assert!(html.contains("<svg width=\"100%\" role=\"img\" aria-label=\""));
    assert!(html.contains("viewBox=\""));
    assert_eq!(html.matches("<tr data-id=").count(), 2);
    assert_eq!(html.matches("<li data-id=").count(), 2);
}

#[test]
fn fallback_html_of_every_sample_has_svg_sentences_and_table() {
    for s in samples() {
        for view in [View::Dashboard, View::Sections] {
            let opts = options(view.clone(), Locale::ZhCn);
            let html = a11y::fallback_html(&s.scene(), &opts);
            assert!(html.starts_with("<div class=\"plan-widget-fallback\" lang=\"zh-CN\">"));
            assert_eq!(html.matches("<svg").count(), 1, "{} {view:?}", s.name);
            assert!(!html.contains(" style="));
            assert_eq!(
                html.matches("<tr data-id=").count(),
                s.plan.indicators.len(),
                "{} {view:?}",
                s.name
            );
            let d: Description = a11y::describe(&s.scene(), &opts);
            assert!(html.contains(&a11y::describe_html(&d)));
        }
    }
}

const NO_WASM_PAGE: &str = "www/e2e/no-wasm.html";

/// The no-wasm test page is committed without its fallback: tests/e2e/a11y.test.mjs pastes the
/// output of `plan-widget render --format html` between the markers when it runs (so the page
/// always holds the current fallback), and no generated copy creeps back into the tree.
#[test]
fn the_no_wasm_page_is_a_template_for_the_current_fallback() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(NO_WASM_PAGE);
    let page = std::fs::read_to_string(&path).unwrap();
    let begin = "<!-- fallback: plan-widget render ../data/003-jinfeng-2024.json --format html --width 700 -->\n";
    let (start, end) = (
        page.find(begin).expect("begin marker") + begin.len(),
        page.find("<!-- end of fallback -->").expect("end marker"),
    );
    assert!(start <= end, "{NO_WASM_PAGE}: markers out of order");
    assert!(
        !page.contains("plan-widget-fallback"),
        "{NO_WASM_PAGE}: the fallback is pasted at test time, not committed"
    );
}

/// Rasterises display-list items onto a square of `bg` (`n` px a side covering `side` CSS px
/// from `origin`) and returns grey levels 0–255 (Rec. 709 luma, as CSS `grayscale(1)` does).
fn raster(items: &[Item], bg: Color, origin: (f32, f32), side: f32, n: usize) -> Vec<f32> {
    let mut px = vec![[bg.r as f32, bg.g as f32, bg.b as f32]; n * n];
    let seg_dist = |p: (f32, f32), a: (f32, f32), b: (f32, f32)| {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len2 = dx * dx + dy * dy;
        let t = if len2 > 0.0 {
            (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0)
        } else {
            0.0
        };
        ((p.0 - a.0 - t * dx).powi(2) + (p.1 - a.1 - t * dy).powi(2)).sqrt()
    };
    let inside_poly = |p: (f32, f32), pts: &[(f32, f32)]| {
        let mut inside = false;
        let mut j = pts.len() - 1;
        for i in 0..pts.len() {
            let (a, b) = (pts[i], pts[j]);
            if (a.1 > p.1) != (b.1 > p.1) && p.0 < (b.0 - a.0) * (p.1 - a.1) / (b.1 - a.1) + a.0 {
                inside = !inside;
            }
            j = i;
        }
        inside
    };
    for y in 0..n {
        for x in 0..n {
            let p = (
                origin.0 + (x as f32 + 0.5) * side / n as f32,
                origin.1 + (y as f32 + 0.5) * side / n as f32,
            );
            let mut colour = None;
            for item in items {
                let c = match item {
                    Item::Circle {
                        cx,
                        cy,
                        r,
                        fill,
                        stroke,
                        ..
                    } => {
                        let d = ((p.0 - cx).powi(2) + (p.1 - cy).powi(2)).sqrt();
                        match stroke {
                            Some(s) if (d - r).abs() <= s.width / 2.0 => Some(s.color),
                            _ if d <= *r => *fill,
                            _ => None,
                        }
                    }
                    Item::Polygon { points, fill, .. } => inside_poly(p, points).then_some(*fill),
                    Item::Polyline { points, stroke } => points
                        .windows(2)
                        .any(|w| seg_dist(p, w[0], w[1]) <= stroke.width / 2.0)
                        .then_some(stroke.color),
                    Item::Rect { rect, fill, .. } => {
                        rect.contains_point(p.0, p.1).then_some(*fill).flatten()
                    }
                    _ => None,
                };
                if c.is_some() {
                    colour = c;
                }
            }
            if let Some(c) = colour {
                px[y * n + x] = [c.r as f32, c.g as f32, c.b as f32];
            }
        }
    }
    px.iter()
        .map(|[r, g, b]| 0.2126 * r + 0.7152 * g + 0.0722 * b)
        .collect()
}

#[test]
fn the_seven_status_icons_differ_pairwise_in_greyscale() {
    for name in [ThemeName::Light, ThemeName::Dark, ThemeName::Contrast] {
        let theme = Theme::named(name);
        let measure = EstimateMeasure;
        let bg = theme.background;
        let bg_grey = 0.2126 * bg.r as f32 + 0.7152 * bg.g as f32 + 0.0722 * bg.b as f32;
        let mut min = 1.0f32;
        let masks: Vec<(Status, Vec<bool>)> = Status::ALL
            .iter()
            .map(|&s| {
                let mut cv =
                    Canvas::new(&theme, &measure, Locale::ZhCn, Sizes::for_width(800.0, 1.0));
                let colors = status_colors(&cv, s);
                icon(&mut cv, 20.0, 20.0, 32.0, s, colors);
                let grey = raster(&cv.items, bg, (0.0, 0.0), 40.0, 80);
                // Everything that stands out from the background in greyscale.
                (s, grey.iter().map(|g| (g - bg_grey).abs() > 40.0).collect())
            })
            .collect();
        for (i, (a, ma)) in masks.iter().enumerate() {
            let ink = ma.iter().filter(|b| **b).count();
            assert!(
                ink > 200,
                "{name:?} {a:?}: icon barely visible in grey ({ink} px)"
            );
            for (b, mb) in &masks[i + 1..] {
                let xor = ma.iter().zip(mb).filter(|(x, y)| x != y).count();
                let union = ma.iter().zip(mb).filter(|(x, y)| **x || **y).count();
                let share = xor as f32 / union as f32;
                min = min.min(share);
                assert!(
                    share > 0.12,
                    "{name:?}: {a:?} and {b:?} look alike in greyscale ({:.0}% differ)",
                    share * 100.0
                );
            }
        }
        println!(
            "{name:?}: the most alike pair of icons still differs in {:.0}% of its pixels",
            min * 100.0
        );
    }
}

#[test]
fn every_status_label_sits_right_next_to_its_icon_on_the_dashboard() {
    let s = sample("001");
    for locale in [Locale::ZhCn, Locale::En] {
        let list = layout(
            &s.scene(),
            &options(View::Dashboard, locale),
            &EstimateMeasure,
        );
        for st in Status::ALL {
            assert!(s.eval.rollups.plan.get(st) > 0, "001 has every status");
            let label = st.label(locale);
            let found = list.items.iter().any(|t| {
                let Item::Text { text, bounds, .. } = t else {
                    return false;
                };
                if !text.starts_with(label) {
                    return false;
                }
                // An icon of that status ends just left of the label, on the same line.
                list.items.iter().any(|i| {
                    let (status, x1, y0, y1) = match i {
                        Item::Circle {
                            cx, cy, r, status, ..
                        } => (*status, cx + r, cy - r, cy + r),
                        Item::Polygon { points, status, .. } => (
                            *status,
                            points.iter().map(|p| p.0).fold(f32::MIN, f32::max),
                            points.iter().map(|p| p.1).fold(f32::MAX, f32::min),
                            points.iter().map(|p| p.1).fold(f32::MIN, f32::max),
                        ),
                        _ => return false,
                    };
                    status == Some(st)
                        && x1 <= bounds.x + 0.5
                        && bounds.x - x1 < 12.0
                        && y0 < bounds.bottom()
                        && y1 > bounds.y
                })
            });
            assert!(found, "{locale:?}: no icon beside the label {label}");
        }
    }
}

#[test]
fn the_indicator_view_describes_one_indicator_and_english_follows_lang() {
    let s = sample("001");
    let id = s.plan.indicators[4].id.clone();
    let d = a11y::describe(
        &s.scene(),
        &options(View::Indicator(id.clone()), Locale::En),
    );
    assert_eq!(d.lang, "en");
    assert_eq!(d.sentences.len(), 1);
    assert_eq!(d.sentences[0].id, id);
    assert!(d.heading.starts_with(&s.plan.indicators[4].name));
    assert!(d.as_of.starts_with("As of 30 Jun 2025"), "{}", d.as_of);
    assert!(
        d.summary
            .starts_with("69 indicators: Achieved 15, On track 34"),
        "{}",
        d.summary
    );
    assert_eq!(d.columns[0], "Indicator");
}

/// `plan-widget render --format html` writes the fallback a portal pastes inside the element.
#[test]
fn cli_render_format_html_writes_the_fallback() {
    let render = |format: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_plan-widget"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args([
                "render",
                "www/data/003-jinfeng-2024.json",
                "--view",
                "dashboard",
                "--width",
                "720",
                "--format",
                format,
                "--out",
                "-",
            ])
            .output()
            .unwrap()
    };
    let out = render("html");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(
        html.starts_with("<div class=\"plan-widget-fallback\""),
        "{}",
        &html[..80.min(html.len())]
    );
    assert!(html.contains("<svg"));
    // 44 indicators: one row each plus the header row.
    assert_eq!(html.matches("<tr").count(), 45);
    assert!(!html.contains("<script") && !html.contains(" style="));
    let bad = render("pdf");
    assert_eq!(bad.status.code(), Some(2));
}
