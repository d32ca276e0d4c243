//! Charts a citizen reads at a glance (issue 19), on every sample plan: the projection leaves
//! from the last reported point, period labels are written as readers write them, gauges keep
//! their marks apart, a lowered status says why, and the sections view's bars share one edge.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use plan_widget::a11y::{sentence, shown};
use plan_widget::layout::marks::{mark_kind, MarkKind};
use plan_widget::layout::trend::TrendData;
use plan_widget::layout::{layout, DisplayList, EstimateMeasure, Item, Scene, View};
use plan_widget::model::Locale;
use plan_widget::theme::{Theme, ThemeName};

use common::{all_views, layout_options as options, loaded_samples as samples, Sample};

impl Sample {
    fn scene(&self) -> Scene<'_> {
        Scene {
            plan: &self.plan,
            eval: &self.eval,
            rejected: &self.rejected,
        }
    }

    fn run(&self, width: f32, view: View, locale: Locale) -> DisplayList {
        layout(
            &self.scene(),
            &options(width, view, locale),
            &EstimateMeasure,
        )
    }
}

fn day_of(period: &str) -> f64 {
    f64::from(plan_widget::Period::parse(period).unwrap().end().0)
}

#[test]
fn the_projection_leaves_from_the_last_point_towards_each_later_target() {
    let mut checked = 0;
    for s in samples() {
        let scene = s.scene();
        for ind in &s.plan.indicators {
            let opts = options(1280.0, View::Indicator(ind.id.clone()), Locale::ZhCn);
            for sub in shown(&scene, &opts) {
                let Some(d) = TrendData::new(&sub) else {
                    continue;
                };
                let what = format!("{} {}", s.name, ind.id);
                if d.projection.is_empty() {
                    continue;
                }
                let start = d.actual.last().map(|a| a.0).or(d.baseline.map(|b| b.0));
                assert_eq!(
                    Some(d.projection[0]),
                    start,
                    "{what}: starts at the last point"
                );
                // Then the projected value at each target period after it.
                let later: Vec<(f64, f64)> = sub
                    .ind
                    .targets
                    .iter()
                    .zip(&sub.st.targets)
                    .map(|(t, e)| (f64::from(t.period.end().0), e.projected.unwrap()))
                    .filter(|(day, _)| *day > d.projection[0].0)
                    .collect();
                assert!(!later.is_empty(), "{what}");
                for (day, v) in later {
                    let hit = d
                        .projection
                        .iter()
                        .any(|p| p.0 == day && (p.1 - v).abs() <= 1e-9 * v.abs().max(1.0));
                    assert!(hit, "{what}: no point at the projected {v} on day {day}");
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 20, "only {checked} projections checked");

    // Plan 001's 普通类高考优秀率: 58% at 2025-06, projected 59.8% at the end of 2025. The
    // dotted line no longer dips to about 57.4% first.
    let all = samples();
    let s = all.iter().find(|s| s.name.starts_with("001")).unwrap();
    let scene = s.scene();
    let opts = options(
        1280.0,
        View::Indicator("gaokao-excellent-rate".into()),
        Locale::ZhCn,
    );
    let sub = shown(&scene, &opts).pop().unwrap();
    let d = TrendData::new(&sub).unwrap();
    assert_eq!(d.projection[0], (day_of("2025-06"), 58.0));
    let end = *d.projection.last().unwrap();
    assert_eq!(end.0, day_of("2025"));
    assert!((end.1 - 59.8).abs() < 0.05, "{end:?}");
    assert!(
        d.projection.iter().all(|p| p.1 >= 58.0),
        "{:?}",
        d.projection
    );
}

/// True when `text` holds a label like `25-06` or `24H1`/`24Q3`: two digits not part of a longer
/// number, then `-` and two digits, or `H`/`Q` and one digit.
fn has_short_code(text: &str) -> bool {
    let c: Vec<char> = text.chars().collect();
    let digit = |i: usize| c.get(i).is_some_and(char::is_ascii_digit);
    (0..c.len()).any(|i| {
        let alone = i == 0 || !(c[i - 1].is_ascii_digit() || c[i - 1] == '-');
        if !(alone && digit(i) && digit(i + 1)) {
            return false;
        }
        let dash = c.get(i + 2) == Some(&'-') && digit(i + 3) && digit(i + 4) && !digit(i + 5);
        let half = matches!(c.get(i + 2), Some('H' | 'Q')) && digit(i + 3) && !digit(i + 4);
        dash || half
    })
}

#[test]
fn the_short_code_detector_finds_what_it_should() {
    for bad in ["25-06", "x 25-08 y", "24H1", "24Q3", "06-30"] {
        assert!(has_short_code(bad), "{bad}");
    }
    for good in [
        "2025年6月",
        "Jun 2025",
        "2025-06-30",
        "1–2所",
        "H1 2025",
        "100%",
        "12-345",
    ] {
        assert!(!has_short_code(good), "{good}");
    }
}

#[test]
fn no_view_writes_periods_as_short_codes() {
    for s in samples() {
        for locale in [Locale::ZhCn, Locale::En] {
            for width in [360.0, 1280.0] {
                for view in all_views(&s.plan) {
                    let list = s.run(width, view.clone(), locale);
                    for (_, t) in list.texts() {
                        assert!(
                            !has_short_code(t),
                            "{} {locale:?} {width} {view:?}: {t:?}",
                            s.name
                        );
                    }
                }
            }
        }
    }
    // And the committed SVG snapshots, which the browser's pictures follow.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let mut seen = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_none_or(|x| x != "svg") {
            continue;
        }
        let svg = std::fs::read_to_string(&path).unwrap();
        for piece in svg.split('<').filter(|p| p.starts_with("text")) {
            let content = piece.split_once('>').map_or("", |(_, t)| t);
            assert!(!has_short_code(content), "{}: {content:?}", path.display());
        }
        seen += 1;
    }
    assert!(seen >= 30, "{seen} snapshots");
}

#[test]
fn an_axis_within_one_year_writes_the_year_once() {
    // Plan 000 reports by quarter and month within 2025.
    let all = samples();
    let s = all.iter().find(|s| s.name.starts_with("000")).unwrap();
    let mut axes = 0;
    for ind in &s.plan.indicators {
        let list = s.run(1280.0, View::Indicator(ind.id.clone()), Locale::ZhCn);
        let texts: Vec<&str> = list.texts().map(|(_, t)| t).collect();
        let in_year = texts
            .iter()
            .filter(|t| t.starts_with("第") && t.ends_with("季度") || t.ends_with('月'))
            .filter(|t| !t.contains('年'))
            .count();
        if in_year == 0 {
            continue;
        }
        axes += 1;
        let with_year = texts
            .iter()
            .filter(|t| {
                t.starts_with("2025年")
                    && (t.ends_with("季度") || t.ends_with('月') || t.ends_with("半年"))
            })
            .count();
        assert!(
            with_year >= 1,
            "{}: the year is not written: {texts:?}",
            ind.id
        );
    }
    assert!(axes > 0, "no axis within one year");
}

#[test]
fn a_lowered_status_says_why() {
    let mut lowered = 0;
    for s in samples() {
        let scene = s.scene();
        for ind in &s.plan.indicators {
            for locale in [Locale::ZhCn, Locale::En] {
                let opts = options(1280.0, View::Indicator(ind.id.clone()), locale);
                let sub = shown(&scene, &opts).pop().unwrap();
                let text = sentence(&sub);
                let (zh, en) = ("状态下调一级", "so the status is lowered one step");
                let says = text.contains(if locale == Locale::ZhCn { zh } else { en });
                assert_eq!(says, sub.st.lowered, "{} {}: {text}", s.name, ind.id);
                if sub.st.lowered {
                    lowered += 1;
                    let list = layout(&scene, &opts, &EstimateMeasure);
                    let all: String = list.texts().map(|(_, t)| t).collect();
                    let words = sub.lowered_words().unwrap();
                    assert!(all.contains(&words), "{}: {words} not in the view", ind.id);
                }
            }
        }
    }
    assert!(lowered > 0, "no lowered status in the samples");

    let all = samples();
    let s = all.iter().find(|s| s.name.starts_with("001")).unwrap();
    let scene = s.scene();
    for (locale, want) in [
        (Locale::ZhCn, "存在风险：2024年目标未达成，状态下调一级"),
        (
            Locale::En,
            "At risk: the 2024 target was missed, so the status is lowered one step",
        ),
    ] {
        let opts = options(
            1280.0,
            View::Indicator("gaokao-excellent-rate".into()),
            locale,
        );
        let sub = shown(&scene, &opts).pop().unwrap();
        let text = sentence(&sub);
        assert!(text.contains(want), "{text}");
    }
}

#[test]
fn sections_bars_share_one_right_edge() {
    for s in samples() {
        for locale in [Locale::ZhCn, Locale::En] {
            for width in [360.0, 768.0, 1280.0] {
                let list = s.run(width, View::Sections, locale);
                let grid = Theme::named(ThemeName::Light).grid;
                // The roll-up rows' bar tracks (the summary's bar above them is thinner).
                let bars: Vec<_> = list
                    .items
                    .iter()
                    .filter_map(|i| match i {
                        Item::Rect {
                            rect,
                            fill: Some(f),
                            ..
                        } if *f == grid && (rect.h - 22.0).abs() < 0.01 => Some(*rect),
                        _ => None,
                    })
                    .collect();
                let what = format!("{} {locale:?} {width}", s.name);
                assert!(bars.len() >= 2, "{what}: {} bars", bars.len());
                for b in &bars {
                    assert_eq!((b.x, b.w), (bars[0].x, bars[0].w), "{what}: {b:?}");
                }
            }
        }
    }
}

#[test]
fn gauges_keep_ticks_apart_and_labels_and_the_expected_marker_outside_the_ring() {
    let theme = Theme::named(ThemeName::Light);
    let mut gauges = 0;
    for s in samples() {
        let mut lists = Vec::new();
        // The cards' small gauges on the dashboard, and each large one in its own view.
        for width in [360.0, 1280.0] {
            let list = s.run(width, View::Dashboard, Locale::ZhCn);
            lists.push((format!("{} dashboard at {width}", s.name), list));
        }
        for ind in &s.plan.indicators {
            if mark_kind(ind.kind, ind.is_percent()) != MarkKind::Gauge {
                continue;
            }
            for width in [360.0, 1280.0] {
                let list = s.run(width, View::Indicator(ind.id.clone()), Locale::ZhCn);
                lists.push((format!("{} {} at {width}", s.name, ind.id), list));
            }
        }
        for (what, list) in &lists {
            // Each gauge's track: an arc in the grid colour.
            let tracks: Vec<(f32, f32, f32, f32)> = list
                .items
                .iter()
                .filter_map(|i| match *i {
                    Item::Arc {
                        cx,
                        cy,
                        r,
                        width,
                        color,
                        ..
                    } if color == theme.grid => Some((cx, cy, r, width)),
                    _ => None,
                })
                .collect();
            assert!(
                !tracks.is_empty() || what.contains("dashboard"),
                "{what}: no gauge"
            );
            for &(cx, cy, r, t) in &tracks {
                gauges += 1;
                let what = format!("{what}, gauge at ({cx}, {cy})");
                let dist = |(x, y): (f32, f32)| (x - cx).hypot(y - cy);
                let (inner, outer) = (r - t / 2.0, r + t / 2.0);
                // No text crosses the ring (the value sits inside it, target labels outside,
                // the key below its opening): no point of a text's box lies on the band.
                let on_band = |(x, y): (f32, f32)| {
                    let d = dist((x, y));
                    let deg = (y - cy).atan2(x - cx).to_degrees();
                    let in_gap = (45.5..134.5).contains(&deg);
                    d >= inner && d <= outer && !in_gap
                };
                for (b, text) in list.texts() {
                    for i in 0..=8 {
                        for j in 0..=8 {
                            let p = (b.x + b.w * i as f32 / 8.0, b.y + b.h * j as f32 / 8.0);
                            assert!(!on_band(p), "{what}: {text:?} {b:?} crosses the ring");
                        }
                    }
                }
                // The expected-now triangle lies outside the ring.
                for i in &list.items {
                    if let Item::Polygon { points, fill, .. } = i {
                        let close = points.iter().all(|&p| dist(p) < outer + 20.0);
                        if *fill == theme.accent && points.len() == 3 && close {
                            assert!(
                                points.iter().all(|&p| dist(p) >= outer - 0.01),
                                "{what}: triangle {points:?} inside the ring"
                            );
                        }
                    }
                }
                // Target ticks: one per distinct position, never two touching ("//").
                let ticks: Vec<f32> = list
                    .items
                    .iter()
                    .filter_map(|i| match i {
                        Item::Polyline { points, stroke }
                            if stroke.color == theme.text && points.len() == 2 =>
                        {
                            let (a, b) = (points[0], points[1]);
                            let radial = (dist(a) - inner).abs() < t && (dist(b) - outer) < t;
                            radial.then(|| (b.1 - cy).atan2(b.0 - cx))
                        }
                        _ => None,
                    })
                    .collect();
                for (k, a) in ticks.iter().enumerate() {
                    for b in &ticks[k + 1..] {
                        let gap = (a - b).abs() * r;
                        assert!(gap >= 8.0, "{what}: ticks {gap:.1}px apart");
                    }
                }
            }
        }
    }
    assert!(gauges > 40, "{gauges} gauges");
}
