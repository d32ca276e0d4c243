//! The whole pure pipeline on one input: parse -> validate -> status -> layout -> paint::to_svg,
//! with checks that turn a wrong-but-quiet result into a panic (a "crash" to the fuzzer).
//!
//! Shared by the fuzz target (`fuzz/fuzz_targets/pipeline.rs`) and the normal test suite
//! (`tests/hostile.rs` includes this file with `#[path]`), so every crash the fuzzer finds replays
//! in `cargo test` exactly as it was found.

use plan_widget::layout::{layout, EstimateMeasure, Filter, LayoutOptions, Scene, View};
use plan_widget::model::Locale;
use plan_widget::paint::to_svg;
use plan_widget::period::{MAX_YEAR, MIN_YEAR};
use plan_widget::theme::{Theme, ThemeName};
use plan_widget::{evaluate, load, load_value, Day, Options, Status};

/// Widths a portal plausibly gives the widget, plus the clamps' edges.
const WIDTHS: [f32; 8] = [0.0, 200.0, 320.0, 360.0, 768.0, 1280.0, 2560.0, 8192.0];

/// A small, stable hash of the input: picks the options, so each input always runs the same way
/// and a mutation of the input can reach another option combination.
fn fnv(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Runs every stage on `data` (JSON text, possibly broken) and checks what comes out. Panics
/// only when the code under test panics or produces an unsafe or inconsistent result.
pub fn run(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        // The browser hands the widget a string (fetch's text() decodes with replacement).
        run_text(&String::from_utf8_lossy(data), fnv(data));
        return;
    };
    run_text(text, fnv(data));
}

/// [`run`] on text, with the options picked by `seed`.
pub fn run_text(text: &str, seed: u64) {
    let loaded = load(text);
    // The crate's reader refuses exactly what serde_json refuses, in its words and at its place
    // (a float at the edge of the range may round either way: serde_json's `float_roundtrip`
    // differs between this crate's test build and its other builds).
    let ours = plan_widget::json::parse(text).err().map(|e| e.to_string());
    let theirs = serde_json::from_str::<serde_json::Value>(text)
        .err()
        .map(|e| e.to_string());
    let range = |e: &Option<String>| {
        e.as_deref()
            .is_some_and(|e| e.starts_with("number out of range"))
    };
    if !range(&ours) && !range(&theirs) {
        assert_eq!(ours, theirs, "the JSON reader and serde_json disagree");
    }
    for d in &loaded.diagnostics {
        assert!(
            !d.message_zh.is_empty() && !d.message_en.is_empty(),
            "empty message for {:?}",
            d.code
        );
    }
    // The JavaScript-object path (update(object)) must behave like the text path.
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
        let from_value = load_value(&value);
        // Only text can repeat a key (the object path has none): a repeated key outside the
        // indicators leaves the text unusable.
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        let repeated_outside = plan_widget::dupkeys::repeated_keys(body)
            .iter()
            .any(|r| r.indicator().is_none());
        if repeated_outside {
            assert!(
                loaded.plan.is_none(),
                "a repeated key outside indicators was accepted"
            );
        } else {
            assert_eq!(
                from_value.plan.is_some(),
                loaded.plan.is_some()
                    || text.len() > plan_widget::parse::Limits::default().file_bytes,
                "text and value paths disagree on usability"
            );
        }
    }
    let Some(plan) = &loaded.plan else { return };

    let as_of = match seed % 4 {
        0 => None,
        1 => plan.plan.as_of,
        // Any date a page can pass as `asOf` (years MIN_YEAR..=MAX_YEAR), and the extremes.
        2 => Some(Day(((seed >> 8) % 110_000) as i32 - 25_567)),
        _ if (seed >> 8).is_multiple_of(2) => Day::from_ymd(MIN_YEAR, 1, 1),
        _ => Day::from_ymd(MAX_YEAR, 12, 31),
    };
    let eval = evaluate(
        plan,
        &Options {
            as_of,
            ..Options::default()
        },
    );
    assert_eq!(eval.indicators.len(), plan.indicators.len());
    assert_eq!(eval.rollups.plan.total(), plan.indicators.len());

    let mut theme = Theme::named(match (seed >> 3) % 3 {
        0 => ThemeName::Light,
        1 => ThemeName::Dark,
        _ => ThemeName::Contrast,
    });
    theme.font_scale = [1.0, 0.5, 3.0][((seed >> 5) % 3) as usize];
    let locale = if (seed >> 7).is_multiple_of(2) {
        Locale::ZhCn
    } else {
        Locale::En
    };
    let width = WIDTHS[((seed >> 9) % WIDTHS.len() as u64) as usize];
    let pick = |k: u64| {
        plan.indicators
            .get((k % plan.indicators.len().max(1) as u64) as usize)
            .map(|i| i.id.clone())
    };
    let focus = if (seed >> 13).is_multiple_of(2) {
        None
    } else {
        pick(seed >> 14)
    };
    let filter = match (seed >> 20) % 4 {
        0 | 1 => Filter::default(),
        2 => Filter {
            statuses: vec![Status::OnTrack, Status::NoData],
            ..Filter::default()
        },
        _ => Filter {
            sections: plan.sections.iter().take(1).map(|s| s.id.clone()).collect(),
            units: plan
                .indicators
                .iter()
                .flat_map(|i| i.units.iter().cloned())
                .take(1)
                .collect(),
            ..Filter::default()
        },
    };
    let scene = Scene {
        plan,
        eval: &eval,
        rejected: &loaded.rejected,
    };
    let mut views = vec![View::Dashboard, View::Sections];
    if let Some(id) = pick(seed >> 24) {
        views.push(View::Indicator(id));
    }
    views.push(View::Indicator("no such indicator".into()));
    for view in views {
        let opts = LayoutOptions {
            width,
            view,
            theme: theme.clone(),
            locale,
            focus: focus.clone(),
            filter: filter.clone(),
        };
        let list = layout(&scene, &opts, &EstimateMeasure);
        assert!(
            list.height.is_finite() && list.height >= 0.0,
            "height {}",
            list.height
        );
        check_svg(&to_svg(&list));
    }
}

/// Tags plotters' SVG backend writes; anything else after a `<` came from the data unescaped.
const TAGS: [&str; 10] = [
    "svg", "/svg", "rect", "/rect", "text", "/text", "polygon", "polyline", "circle", "line",
];

/// The SVG is safe to inline and well-formed enough to parse: every `<` opens one of the
/// backend's own tags, and no character that XML 1.0 forbids appears anywhere.
pub fn check_svg(svg: &str) {
    for (i, _) in svg.match_indices('<') {
        let rest = &svg[i + 1..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
            .collect();
        assert!(
            TAGS.contains(&name.as_str()),
            "unexpected markup in SVG at byte {i}: {:?}",
            &rest[..rest.len().min(60)]
        );
    }
    if let Some(c) = svg.chars().find(|&c| !xml_char(c)) {
        panic!("SVG contains U+{:04X}, which XML 1.0 forbids", c as u32);
    }
}

/// XML 1.0's `Char` production.
pub fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}
