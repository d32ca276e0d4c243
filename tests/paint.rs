//! The painter, proven through a real plotters backend.
//!
//! The recorder here paints with [`paint`] on plotters' `SVGBackend` and reads the calls back:
//! that backend overrides every drawing primitive and writes exactly one element per call
//! (`draw_rect` → `<rect>`, `draw_path` → `<polyline>`, `fill_polygon` → `<polygon>`,
//! `draw_circle` → `<circle>`, `draw_text` → `<text>`, `draw_line` → `<line>`), with the
//! coordinates, colour, opacity, width and text style it was given. (A hand-written
//! `DrawingBackend` would need the `plotters-backend` crate's types, which plotters does not
//! re-export.)
#![cfg(not(target_arch = "wasm32"))]

use plan_widget::layout::{Anchor, Baseline, Color, DisplayList, Item, Rect, Stroke};
use plan_widget::paint::{paint, to_svg, PaintError, ARC_TOLERANCE, SVG_RESOLUTION};
use plotters::prelude::SVGBackend;

/// One recorded backend call.
#[derive(Clone, Debug, PartialEq)]
enum Call {
    Rect {
        x: i32,
        y: i32,
        w: i32,
        h: i32,
        fill: String,
        stroke: String,
        opacity: f64,
    },
    Path {
        points: Vec<(i32, i32)>,
        color: String,
        width: u32,
        opacity: f64,
    },
    Polygon {
        points: Vec<(i32, i32)>,
        color: String,
        opacity: f64,
    },
    Circle {
        cx: i32,
        cy: i32,
        r: u32,
        fill: String,
        stroke: String,
        width: u32,
        opacity: f64,
    },
    Text {
        x: i32,
        y: i32,
        text: String,
        anchor: String,
        dy: String,
        /// The `font-size` written, times plotters' SVG divisor: the size `paint` handed over.
        size: f64,
        family: String,
        bold: bool,
        color: String,
        opacity: f64,
    },
    Line,
}

impl Call {
    fn kind(&self) -> &'static str {
        match self {
            Call::Rect { .. } => "rect",
            Call::Path { .. } => "path",
            Call::Polygon { .. } => "polygon",
            Call::Circle { .. } => "circle",
            Call::Text { .. } => "text",
            Call::Line => "line",
        }
    }
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn attrs(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = tag;
    while let Some(eq) = rest.find("=\"") {
        let key = rest[..eq].trim().rsplit(' ').next().unwrap().to_string();
        let after = &rest[eq + 2..];
        let end = after.find('"').unwrap();
        out.push((key, unescape(&after[..end])));
        rest = &after[end + 1..];
    }
    out
}

fn points(s: &str) -> Vec<(i32, i32)> {
    s.split_whitespace()
        .map(|p| {
            let (x, y) = p.split_once(',').unwrap();
            (x.parse().unwrap(), y.parse().unwrap())
        })
        .collect()
}

/// Reads the calls back from plotters' SVG output.
fn parse(svg: &str) -> Vec<Call> {
    let mut calls = Vec::new();
    let mut lines = svg.lines();
    while let Some(line) = lines.next() {
        if !line.starts_with('<') || line.starts_with("</") || line.starts_with("<svg") {
            continue;
        }
        let name = line[1..].split([' ', '>', '/']).next().unwrap();
        let a = attrs(line);
        let get = |k: &str| {
            a.iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        let num = |k: &str| get(k).parse::<f64>().unwrap();
        let int = |k: &str| get(k).parse::<i32>().unwrap();
        calls.push(match name {
            "rect" => Call::Rect {
                x: int("x"),
                y: int("y"),
                w: int("width"),
                h: int("height"),
                fill: get("fill"),
                stroke: get("stroke"),
                opacity: num("opacity"),
            },
            "polyline" => Call::Path {
                points: points(&get("points")),
                color: get("stroke"),
                width: int("stroke-width") as u32,
                opacity: num("opacity"),
            },
            "polygon" => Call::Polygon {
                points: points(&get("points")),
                color: get("fill"),
                opacity: num("opacity"),
            },
            "circle" => Call::Circle {
                cx: int("cx"),
                cy: int("cy"),
                r: int("r") as u32,
                fill: get("fill"),
                stroke: get("stroke"),
                width: int("stroke-width") as u32,
                opacity: num("opacity"),
            },
            "text" => {
                let text = unescape(lines.next().unwrap());
                Call::Text {
                    x: int("x"),
                    y: int("y"),
                    text,
                    anchor: get("text-anchor"),
                    dy: get("dy"),
                    size: num("font-size") * 1.24,
                    family: get("font-family"),
                    bold: get("font-weight") == "bold",
                    color: get("fill"),
                    opacity: num("opacity"),
                }
            }
            "line" => Call::Line,
            other => panic!("unexpected element {other}"),
        });
    }
    calls
}

/// Paints `list` at `scale` and returns the backend calls, background first.
fn record(list: &DisplayList, scale: f32) -> Vec<Call> {
    let size = (
        (list.width * scale).ceil() as u32,
        (list.height * scale).ceil() as u32,
    );
    let mut svg = String::new();
    {
        let mut backend = SVGBackend::with_string(&mut svg, size);
        paint(list, &mut backend, scale).expect("paints");
    }
    parse(&svg)
}

/// The calls for the items, without the background.
fn items(list: &DisplayList, scale: f32) -> Vec<Call> {
    let mut calls = record(list, scale);
    assert!(
        matches!(calls[0], Call::Rect { x: 0, y: 0, .. }),
        "background first: {:?}",
        calls[0]
    );
    calls.remove(0);
    calls
}

const WHITE: Color = Color::rgb(255, 255, 255);
const INK: Color = Color::rgb(0x1f, 0x23, 0x28);
const GREEN: Color = Color::rgb(0x2f, 0x9e, 0x44);

fn list(items: Vec<Item>) -> DisplayList {
    let mut l = DisplayList::new(300.0, 200.0, WHITE, "system-ui, \"Noto Sans CJK SC\"");
    l.items = items;
    l
}

fn text(x: f32, y: f32, s: &str, anchor: Anchor, baseline: Baseline) -> Item {
    Item::Text {
        x,
        y,
        text: s.into(),
        size: 13.0,
        bold: false,
        color: INK,
        anchor,
        baseline,
        bounds: Rect::new(x, y, 50.0, 16.0),
    }
}

fn polyline(points: &[(f32, f32)], stroke: Stroke) -> Item {
    Item::Polyline {
        points: points.to_vec(),
        stroke,
    }
}

fn arc(sweep_deg: f32) -> Item {
    Item::Arc {
        cx: 100.0,
        cy: 100.0,
        r: 40.0,
        start_deg: 135.0,
        sweep_deg,
        width: 10.0,
        color: GREEN,
        status: None,
    }
}

/// One of every item variant, in a known order.
fn every_variant() -> Vec<Item> {
    vec![
        Item::Rect {
            rect: Rect::new(10.0, 10.0, 100.0, 50.0),
            radius: 0.0,
            fill: Some(Color::rgb(0xf6, 0xf8, 0xfa)),
            stroke: None,
            status: None,
        },
        Item::Circle {
            cx: 150.0,
            cy: 40.0,
            r: 6.0,
            fill: Some(GREEN),
            stroke: None,
            status: None,
        },
        arc(270.0),
        polyline(
            &[(10.0, 150.0), (60.0, 120.0), (110.0, 140.0)],
            Stroke::solid(INK, 2.0),
        ),
        Item::Polygon {
            points: vec![(200.0, 10.0), (220.0, 40.0), (180.0, 40.0)],
            fill: Color::rgb(0xd1, 0x45, 0x0f),
            status: None,
        },
        text(200.0, 100.0, "进度正常", Anchor::Start, Baseline::Top),
    ]
}

#[test]
fn every_item_variant_is_painted_in_list_order_after_the_background() {
    let calls = record(&list(every_variant()), 1.0);
    let kinds: Vec<&str> = calls.iter().map(Call::kind).collect();
    assert_eq!(
        kinds,
        ["rect", "rect", "circle", "polygon", "path", "polygon", "text"]
    );
    assert_eq!(
        calls[0],
        Call::Rect {
            x: 0,
            y: 0,
            w: 300,
            h: 200,
            fill: "#FFFFFF".into(),
            stroke: "none".into(),
            opacity: 1.0
        }
    );
    // Reversing the list reverses the calls: order is the list's, not grouped by kind.
    let mut reversed = every_variant();
    reversed.reverse();
    let mut back: Vec<&str> = items(&list(reversed), 1.0).iter().map(Call::kind).collect();
    back.reverse();
    assert_eq!(back, kinds[1..]);
}

#[test]
fn scale_two_doubles_coordinates_widths_and_font_sizes() {
    let mut all = every_variant();
    all.push(Item::Circle {
        cx: 250.0,
        cy: 150.0,
        r: 8.0,
        fill: None,
        stroke: Some(Stroke::solid(INK, 1.5)),
        status: None,
    });
    let l = list(all);
    let one = record(&l, 1.0);
    let two = record(&l, 2.0);
    assert_eq!(one.len(), two.len());
    let dbl = |p: &[(i32, i32)]| p.iter().map(|(x, y)| (x * 2, y * 2)).collect::<Vec<_>>();
    for (a, b) in one.iter().zip(&two) {
        match (a, b) {
            (
                Call::Rect { x, y, w, h, .. },
                Call::Rect {
                    x: x2,
                    y: y2,
                    w: w2,
                    h: h2,
                    ..
                },
            ) => assert_eq!((x * 2, y * 2, w * 2, h * 2), (*x2, *y2, *w2, *h2)),
            (
                Call::Circle {
                    cx, cy, r, width, ..
                },
                Call::Circle {
                    cx: cx2,
                    cy: cy2,
                    r: r2,
                    width: width2,
                    ..
                },
            ) => {
                assert_eq!((cx * 2, cy * 2, r * 2), (*cx2, *cy2, *r2));
                if *width != 1 {
                    // The 1.5 px outline: 2 device px at scale 1 (rounded), exactly 3 at 2.
                    assert_eq!((*width, *width2), (2, 3));
                }
            }
            (
                Call::Path { points, width, .. },
                Call::Path {
                    points: p2,
                    width: w2,
                    ..
                },
            ) => {
                assert_eq!(dbl(points), *p2);
                assert_eq!(width * 2, *w2);
            }
            (Call::Polygon { points, .. }, Call::Polygon { points: p2, .. }) => {
                if points.len() == 3 {
                    assert_eq!(dbl(points), *p2, "plain polygon");
                } else {
                    // Arcs get finer at scale 2; the first vertex is still twice as far out.
                    assert!(p2.len() > points.len());
                    let (x, y) = points[0];
                    let (x2, y2) = p2[0];
                    assert!((x * 2 - x2).abs() <= 1 && (y * 2 - y2).abs() <= 1);
                }
            }
            (
                Call::Text { x, y, size, .. },
                Call::Text {
                    x: x2,
                    y: y2,
                    size: s2,
                    ..
                },
            ) => {
                assert_eq!((x * 2, y * 2), (*x2, *y2));
                assert!((size - 13.0).abs() < 1e-9, "{size}");
                assert!((s2 - 26.0).abs() < 1e-9, "{s2}");
            }
            other => panic!("calls differ in kind: {other:?}"),
        }
    }
}

#[test]
fn fractional_scales_round_to_whole_device_pixels_and_keep_neighbours_touching() {
    // Two rectangles sharing an edge at x = 33.3 stay edge to edge at DPR 1.5.
    let l = list(vec![
        Item::Rect {
            rect: Rect::new(0.0, 0.0, 33.3, 10.0),
            radius: 0.0,
            fill: Some(GREEN),
            stroke: None,
            status: None,
        },
        Item::Rect {
            rect: Rect::new(33.3, 0.0, 20.0, 10.0),
            radius: 0.0,
            fill: Some(INK),
            stroke: None,
            status: None,
        },
    ]);
    let calls = items(&l, 1.5);
    let (Call::Rect { x: x0, w: w0, .. }, Call::Rect { x: x1, .. }) = (&calls[0], &calls[1]) else {
        panic!("{calls:?}");
    };
    assert_eq!(x0 + w0, *x1);
    assert_eq!(*x1, 50); // 33.3 × 1.5 = 49.95
}

#[test]
fn dashed_polylines_become_separate_dashes_with_gaps() {
    // Horizontal, 100 px, dash 6 gap 4: ten dashes, each a crisp 1 px band 6 px long.
    let calls = items(
        &list(vec![polyline(
            &[(10.0, 50.0), (110.0, 50.0)],
            Stroke::dashed(INK, 1.0, 6.0, 4.0),
        )]),
        1.0,
    );
    let xs: Vec<(i32, i32, i32, i32)> = calls
        .iter()
        .map(|c| match c {
            Call::Rect { x, y, w, h, .. } => (*x, *y, *w, *h),
            other => panic!("{other:?}"),
        })
        .collect();
    let expected: Vec<_> = (0..10).map(|i| (10 + 10 * i, 50, 6, 1)).collect();
    assert_eq!(xs, expected);

    // At scale 2 the pattern scales with it: still ten dashes, 12 px on and 8 off, 2 px thick.
    let calls = items(
        &list(vec![polyline(
            &[(10.0, 50.0), (110.0, 50.0)],
            Stroke::dashed(INK, 1.0, 6.0, 4.0),
        )]),
        2.0,
    );
    assert_eq!(calls.len(), 10);
    assert!(calls.iter().enumerate().all(|(i, c)| matches!(
        c,
        Call::Rect { x, w: 12, h: 2, .. } if *x == 20 + 20 * i as i32
    )));

    // A diagonal dashed line becomes separate paths with gaps between them, the dashes
    // covering about 6/10 of its length.
    let calls = items(
        &list(vec![polyline(
            &[(0.0, 0.0), (120.0, 90.0)],
            Stroke::dashed(INK, 2.0, 6.0, 4.0),
        )]),
        1.0,
    );
    assert_eq!(calls.len(), 15); // 150 px long
                                 // Each dash and each gap is within rounding (a pixel diagonal at each end) of 6 and 4 px.
    let len =
        |a: (i32, i32), b: (i32, i32)| f64::from((b.0 - a.0).pow(2) + (b.1 - a.1).pow(2)).sqrt();
    let mut last_end: Option<(i32, i32)> = None;
    for c in &calls {
        let Call::Path { points, width, .. } = c else {
            panic!("{c:?}")
        };
        assert_eq!(*width, 2);
        let (a, b) = (points[0], *points.last().unwrap());
        assert!((len(a, b) - 6.0).abs() <= 1.42, "dash {}", len(a, b));
        if let Some(e) = last_end {
            assert!((len(e, a) - 4.0).abs() <= 1.42, "gap {}", len(e, a));
        }
        last_end = Some(b);
    }

    // A solid polyline is one path.
    let calls = items(
        &list(vec![polyline(
            &[(0.0, 0.0), (50.0, 20.0), (100.0, 0.0)],
            Stroke::solid(INK, 1.0),
        )]),
        1.0,
    );
    assert_eq!(calls.len(), 1);
}

#[test]
fn dashes_run_on_around_corners() {
    // An L of 12 + 8 px with dash 6 gap 4: the second dash turns the corner as one path.
    let calls = items(
        &list(vec![polyline(
            &[(10.0, 10.0), (22.0, 10.0), (22.0, 18.0)],
            Stroke::dashed(INK, 1.0, 6.0, 4.0),
        )]),
        1.0,
    );
    assert_eq!(calls.len(), 2, "{calls:?}");
    assert!(matches!(calls[0], Call::Rect { x: 10, w: 6, .. }));
    assert_eq!(
        calls[1],
        Call::Path {
            points: vec![(20, 10), (22, 10), (22, 14)],
            color: "#1F2328".into(),
            width: 1,
            opacity: 1.0
        }
    );
}

fn dist(p: (i32, i32), c: (f64, f64)) -> f64 {
    (f64::from(p.0) - c.0).hypot(f64::from(p.1) - c.1)
}

#[test]
fn arcs_are_smooth_bands_with_round_ends_at_dpr_one_and_two() {
    for scale in [1.0f32, 2.0] {
        let calls = items(&list(vec![arc(270.0)]), scale);
        let [Call::Polygon { points, color, .. }] = calls.as_slice() else {
            panic!("{calls:?}")
        };
        assert_eq!(color, "#2F9E44");
        let s = f64::from(scale);
        let c = (100.0 * s, 100.0 * s);
        let (r, half) = (40.0 * s, 5.0 * s);
        let (outer, inner) = (r + half, r - half);
        // The round ends' centres lie on the centre line, inside the sweep by half the width.
        let inset = (half / r).to_degrees();
        let on_centre_line = |deg: f64| {
            let a = deg.to_radians();
            (c.0 + r * a.cos(), c.1 + r * a.sin())
        };
        let caps = [on_centre_line(135.0 + inset), on_centre_line(405.0 - inset)];
        // Every vertex lies on the outer or the inner edge or on a round end, within the
        // tessellation tolerance plus half a diagonal pixel of rounding.
        let slack = ARC_TOLERANCE + 0.71;
        let (mut n_out, mut n_in, mut n_cap) = (0, 0, [0, 0]);
        for p in points {
            let d = dist(*p, c);
            if (d - outer).abs() <= slack {
                n_out += 1;
            } else if (d - inner).abs() <= slack {
                n_in += 1;
            } else if let Some(k) = (0..2).find(|&k| (dist(*p, caps[k]) - half).abs() <= slack) {
                n_cap[k] += 1;
            } else {
                panic!("vertex {p:?} at {d} from the centre");
            }
        }
        // Both ends are round: several vertices on each half-disc, not one blunt edge.
        assert!(
            n_cap.iter().all(|&n| n >= 3),
            "{n_cap:?} vertices on the ends"
        );
        // Smooth: the outer edge's chords stray from the circle by well under a device pixel.
        let step = (270.0 - 2.0 * inset).to_radians() / (n_out - 1) as f64;
        let sagitta = outer * (1.0 - (step / 2.0).cos());
        assert!(
            sagitta <= ARC_TOLERANCE + 0.01,
            "scale {scale}: {n_out} outer vertices"
        );
        assert!(n_in >= n_out / 2, "{n_in} inner vs {n_out} outer");
        // The outer edge starts where the round start end meets it, near 135° (south-west,
        // clockwise on screen).
        let a = (135.0 + inset).to_radians();
        let start = (c.0 + outer * a.cos(), c.1 + outer * a.sin());
        assert!(dist(points[0], start) <= 1.0, "{:?}", points[0]);
        // And stays out of the 90° gap at the bottom (from 45° to 135°).
        for p in points {
            let a = (f64::from(p.1) - c.1)
                .atan2(f64::from(p.0) - c.0)
                .to_degrees();
            assert!(!(46.0..134.0).contains(&a), "vertex {p:?} at {a}°");
        }
    }
    let one = items(&list(vec![arc(270.0)]), 1.0);
    let two = items(&list(vec![arc(270.0)]), 2.0);
    let n = |c: &[Call]| match &c[0] {
        Call::Polygon { points, .. } => points.len(),
        _ => 0,
    };
    assert!(n(&two) > n(&one), "finer at DPR 2");
}

#[test]
fn arc_edge_cases_do_not_panic_and_draw_sensibly() {
    // A full circle, a negative sweep, a zero sweep, a band thicker than its radius.
    let mut thick = arc(180.0);
    if let Item::Arc { width, .. } = &mut thick {
        *width = 100.0;
    }
    let calls = items(&list(vec![arc(360.0), arc(-90.0), arc(0.0), thick]), 1.0);
    assert_eq!(calls.len(), 3);
    assert!(calls.iter().all(|c| matches!(c, Call::Polygon { .. })));
}

#[test]
fn colours_and_alpha_pass_through() {
    let l = list(vec![
        Item::Rect {
            rect: Rect::new(10.0, 10.0, 40.0, 20.0),
            radius: 0.0,
            fill: Some(Color::rgb(0x09, 0x69, 0xda).with_alpha(0.5)),
            stroke: None,
            status: None,
        },
        polyline(
            &[(0.0, 0.0), (30.0, 40.0)],
            Stroke::solid(Color::rgb(0xa6, 0x1e, 0x4d).with_alpha(0.25), 2.0),
        ),
        Item::Polygon {
            points: vec![(0.0, 0.0), (10.0, 0.0), (5.0, 8.0)],
            fill: Color::rgb(1, 2, 3).with_alpha(0.6),
            status: None,
        },
        Item::Circle {
            cx: 50.0,
            cy: 50.0,
            r: 5.0,
            fill: Some(Color::rgb(0x11, 0x6d, 0x3a).with_alpha(0.75)),
            stroke: None,
            status: None,
        },
        Item::Text {
            x: 1.0,
            y: 2.0,
            text: "x".into(),
            size: 12.0,
            bold: true,
            color: Color::rgb(0xff, 0x7b, 0x9c).with_alpha(0.9),
            anchor: Anchor::Start,
            baseline: Baseline::Top,
            bounds: Rect::default(),
        },
    ]);
    let calls = items(&l, 1.0);
    let got: Vec<(String, f64)> = calls
        .iter()
        .map(|c| match c {
            Call::Rect { fill, opacity, .. } => (fill.clone(), *opacity),
            Call::Path { color, opacity, .. } | Call::Polygon { color, opacity, .. } => {
                (color.clone(), *opacity)
            }
            Call::Circle { fill, opacity, .. } => (fill.clone(), *opacity),
            Call::Text { color, opacity, .. } => (color.clone(), *opacity),
            Call::Line => panic!(),
        })
        .collect();
    assert_eq!(
        got,
        [
            ("#0969DA".to_string(), 0.5),
            ("#A61E4D".to_string(), 0.25),
            ("#010203".to_string(), 0.6),
            ("#116D3A".to_string(), 0.75),
            ("#FF7B9C".to_string(), 0.9),
        ]
    );
    // A fully transparent item is skipped by the backend, as it should be.
    let calls = items(
        &list(vec![polyline(
            &[(0.0, 0.0), (9.0, 9.0)],
            Stroke::solid(INK.with_alpha(0.0), 1.0),
        )]),
        1.0,
    );
    assert!(calls.is_empty());
}

/// A text whose line box (`bounds`) is 20 px tall, as layout makes them for 16 px type.
fn boxed_text(x: f32, y: f32, anchor: Anchor, baseline: Baseline) -> Item {
    let top = match baseline {
        Baseline::Top => y,
        Baseline::Middle => y - 10.0,
        Baseline::Bottom => y - 20.0,
    };
    Item::Text {
        x,
        y,
        text: "目标 2026".into(),
        size: 16.0,
        bold: false,
        color: INK,
        anchor,
        baseline,
        bounds: Rect::new(x, top, 80.0, 20.0),
    }
}

#[test]
fn text_alignment_maps_to_the_backend_anchor() {
    let mut all = Vec::new();
    for anchor in [Anchor::Start, Anchor::Middle, Anchor::End] {
        for baseline in [Baseline::Top, Baseline::Middle, Baseline::Bottom] {
            all.push(boxed_text(100.0, 50.0, anchor, baseline));
        }
    }
    let l = list(all);
    let got: Vec<(String, String, i32, i32)> = items(&l, 1.0)
        .iter()
        .map(|c| match c {
            Call::Text {
                anchor, dy, x, y, ..
            } => (anchor.clone(), dy.clone(), *x, *y),
            other => panic!("{other:?}"),
        })
        .collect();
    // The anchor maps to plotters' HPos (which the SVG backend writes as text-anchor). The
    // glyphs are centred in the line box: on a canvas by VPos::Center ("middle", which the SVG
    // backend writes as dy 0.5ex) at the box's middle, 10 px below a top anchor, 10 px above a
    // bottom one.
    let mut expected = Vec::new();
    for a in ["start", "middle", "end"] {
        for y in [60, 50, 40] {
            expected.push((a.to_string(), "0.5ex".to_string(), 100, y));
        }
    }
    assert_eq!(got, expected);

    // to_svg puts the alphabetic baseline 0.38 em below the middle instead (plotters' SVG dy
    // guesses are for Latin x-heights): as a top anchor (dy 0.76em) 0.38 em above the middle.
    let r = f64::from(SVG_RESOLUTION);
    let svg: Vec<(String, i32)> = parse(&to_svg(&l))
        .into_iter()
        .filter_map(|c| match c {
            Call::Text { dy, y, .. } => Some((dy, y)),
            _ => None,
        })
        .collect();
    let expected: Vec<(String, i32)> = [60.0, 50.0, 40.0]
        .repeat(3)
        .into_iter()
        .map(|m: f64| ("0.76em".to_string(), ((m - 0.38 * 16.0) * r).round() as i32))
        .collect();
    assert_eq!(svg, expected);
}

#[test]
fn text_without_bounds_assumes_a_line_box_of_one_and_a_quarter_em() {
    let mut t = boxed_text(0.0, 0.0, Anchor::Start, Baseline::Top);
    if let Item::Text { bounds, .. } = &mut t {
        *bounds = Rect::default();
    }
    let calls = items(&list(vec![t]), 1.0);
    assert!(matches!(calls[0], Call::Text { y: 10, .. }), "{calls:?}");
}

#[test]
fn text_carries_family_weight_and_size() {
    let mut bold = text(5.0, 5.0, "Plan", Anchor::Start, Baseline::Top);
    if let Item::Text { bold: b, size, .. } = &mut bold {
        *b = true;
        *size = 20.5;
    }
    let calls = items(
        &list(vec![
            bold,
            text(5.0, 40.0, "plain", Anchor::Start, Baseline::Top),
        ]),
        1.0,
    );
    let [Call::Text {
        bold: true,
        family,
        size,
        ..
    }, Call::Text { bold: false, .. }] = calls.as_slice()
    else {
        panic!("{calls:?}")
    };
    assert_eq!(family, "system-ui, \"Noto Sans CJK SC\"");
    assert!((size - 20.5).abs() < 1e-9);
}

#[test]
fn thin_lines_still_show_and_zero_width_lines_do_not() {
    let l = list(vec![
        polyline(&[(10.0, 20.5), (90.0, 20.5)], Stroke::solid(INK, 0.3)),
        polyline(&[(10.0, 30.0), (90.0, 60.0)], Stroke::solid(INK, 0.4)),
        polyline(&[(10.0, 40.0), (90.0, 40.0)], Stroke::solid(INK, 0.0)),
    ]);
    let calls = items(&l, 1.0);
    assert_eq!(calls.len(), 2);
    assert!(matches!(
        calls[0],
        Call::Rect {
            x: 10,
            y: 20,
            w: 80,
            h: 1,
            ..
        }
    ));
    assert!(matches!(calls[1], Call::Path { width: 1, .. }));
}

#[test]
fn square_outlines_are_crisp_bands_that_never_overlap() {
    let l = list(vec![Item::Rect {
        rect: Rect::new(10.0, 10.0, 40.0, 20.0),
        radius: 0.0,
        fill: Some(WHITE),
        stroke: Some(Stroke::solid(INK.with_alpha(0.5), 1.0)),
        status: None,
    }]);
    let calls = items(&l, 1.0);
    assert_eq!(calls.len(), 5); // the fill, then four bands
    let mut pixels = std::collections::BTreeSet::new();
    for c in &calls[1..] {
        let Call::Rect { x, y, w, h, .. } = c else {
            panic!("{c:?}")
        };
        for px in *x..x + w {
            for py in *y..y + h {
                assert!(pixels.insert((px, py)), "pixel {px},{py} painted twice");
            }
        }
    }
    // A 1 px ring exactly on the rectangle's edge pixels: 2 × 40 + 2 × 18.
    assert_eq!(pixels.len(), 116);
    assert!(pixels
        .iter()
        .all(|&(x, y)| (10..50).contains(&x) && (10..30).contains(&y)));
}

#[test]
fn rounded_rectangles_become_polygons_and_outline_paths() {
    let l = list(vec![Item::Rect {
        rect: Rect::new(10.0, 10.0, 100.0, 60.0),
        radius: 8.0,
        fill: Some(WHITE),
        stroke: Some(Stroke::solid(INK, 1.0)),
        status: None,
    }]);
    let calls = items(&l, 2.0);
    let [Call::Polygon { points, .. }, Call::Path {
        points: outline, ..
    }] = calls.as_slice()
    else {
        panic!("{calls:?}")
    };
    assert!(points.len() > 12, "corners are curved: {}", points.len());
    assert_eq!(outline.first(), outline.last(), "the outline is closed");
    let xs = points.iter().map(|p| p.0);
    assert_eq!((xs.clone().min(), xs.max()), (Some(20), Some(220)));
    // No vertex sits in the square corner that the radius cuts away.
    assert!(!points.iter().any(|&(x, y)| x < 22 && y < 22));
}

#[test]
fn bad_scales_are_typed_errors() {
    let l = list(every_variant());
    for s in [0.0, -1.0, f32::NAN, f32::INFINITY] {
        let mut svg = String::new();
        let mut backend = SVGBackend::with_string(&mut svg, (10, 10));
        let err = paint(&l, &mut backend, s).unwrap_err();
        assert!(matches!(err, PaintError::InvalidScale(_)));
        let boxed: Box<dyn std::error::Error> = Box::new(err);
        assert!(boxed.to_string().contains("scale"));
    }
}

#[test]
fn degenerate_and_non_finite_items_are_skipped_without_panicking() {
    let l = list(vec![
        polyline(&[], Stroke::solid(INK, 1.0)),
        polyline(&[(5.0, 5.0)], Stroke::dashed(INK, 1.0, 0.0, 0.0)),
        polyline(&[(f32::NAN, 5.0), (5.0, 5.0)], Stroke::solid(INK, 1.0)),
        polyline(
            &[(0.0, 0.0), (1e9, 1e9)],
            Stroke::dashed(INK, 1.0, 1e-6, 1e-6),
        ),
        Item::Polygon {
            points: vec![(1.0, 1.0), (2.0, 2.0)],
            fill: INK,
            status: None,
        },
        Item::Rect {
            rect: Rect::new(0.0, 0.0, -5.0, f32::INFINITY),
            radius: f32::NAN,
            fill: Some(INK),
            stroke: Some(Stroke::solid(INK, 1.0)),
            status: None,
        },
        Item::Circle {
            cx: 1.0,
            cy: 1.0,
            r: 0.0,
            fill: Some(INK),
            stroke: None,
            status: None,
        },
        Item::Text {
            x: 0.0,
            y: 0.0,
            text: String::new(),
            size: 12.0,
            bold: false,
            color: INK,
            anchor: Anchor::Start,
            baseline: Baseline::Top,
            bounds: Rect::default(),
        },
        text(f32::NAN, 0.0, "x", Anchor::Start, Baseline::Top),
    ]);
    let calls = items(&l, 1.0);
    // Only the huge line (drawn solid, its dashes being too many to cut) remains.
    assert_eq!(calls.len(), 1, "{calls:?}");
    assert!(matches!(calls[0], Call::Path { .. }));
}

#[test]
fn svg_escapes_markup_and_keeps_chinese() {
    let l = list(vec![
        text(
            10.0,
            10.0,
            "<script>alert(1)</script>&\"'",
            Anchor::Start,
            Baseline::Top,
        ),
        text(
            10.0,
            40.0,
            "学前教育公办园覆盖率 ≥ 70%",
            Anchor::Start,
            Baseline::Top,
        ),
        text(
            10.0,
            70.0,
            "tab\there\u{0}nul",
            Anchor::Start,
            Baseline::Top,
        ),
    ]);
    let svg = to_svg(&l);
    assert!(!svg.contains("<script"), "{svg}");
    assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&apos;"));
    assert!(svg.contains("学前教育公办园覆盖率 ≥ 70%"));
    // Control characters, which XML forbids, are painted as spaces.
    assert!(svg.contains("tab here nul"));
    assert!(!svg.contains('\u{0}'));
    let texts: Vec<String> = parse(&svg)
        .into_iter()
        .filter_map(|c| match c {
            Call::Text { text, .. } => Some(text),
            _ => None,
        })
        .collect();
    assert_eq!(texts[0], "<script>alert(1)</script>&\"'");
}

#[test]
fn svg_size_fonts_and_output_are_exact_and_deterministic() {
    let mut l = list(every_variant());
    l.width = 360.4;
    l.height = 99.01;
    let svg = to_svg(&l);
    // The document is ceil(width) × ceil(height) CSS px; its viewBox is in finer units.
    let r = SVG_RESOLUTION;
    assert!(
        svg.starts_with(&format!(
            "<svg width=\"361\" height=\"100\" viewBox=\"0 0 {} {}\"",
            361 * r,
            100 * r
        )),
        "{svg}"
    );
    assert!(svg.trim_end().ends_with("</svg>"));
    // The font size written (plotters' SVG backend divides by 1.24) is the CSS size in viewBox
    // units, to within a thousandth, tidily.
    let calls = parse(&svg);
    let Some(Call::Text { size, .. }) = calls.iter().find(|c| c.kind() == "text") else {
        panic!("no text")
    };
    let written = size / 1.24;
    assert!(
        (written - 13.0 * f64::from(r)).abs() <= 0.001 + 1e-9,
        "{written}"
    );
    assert!(written.to_string().len() <= 6, "{written}");
    assert_eq!(svg, to_svg(&l));
    // Painting never asks for font metrics, so text of any size and script works without fonts.
    let mut big = text(0.0, 0.0, "𠀀 wide ✓", Anchor::End, Baseline::Bottom);
    if let Item::Text { size, .. } = &mut big {
        *size = 400.0;
    }
    assert!(to_svg(&list(vec![big])).contains("font-size=\"1600\""));
}

#[test]
fn svg_keeps_straight_lines_on_whole_pixels_and_the_rest_sub_pixel() {
    let r = SVG_RESOLUTION as i32;
    let l = list(vec![
        // A 1 px rule at y = 10.3: one whole CSS px row, [10, 11).
        polyline(&[(5.0, 10.3), (95.0, 10.3)], Stroke::solid(INK, 1.0)),
        // A 0.5 px rule still covers a whole CSS px.
        polyline(&[(5.0, 20.0), (95.0, 20.0)], Stroke::solid(INK, 0.5)),
        // A diagonal dashed line: every dash end lies on the true line but for rounding to a
        // quarter pixel (at most √2/8 px off), so the dashes stay in line.
        polyline(
            &[(0.0, 30.0), (200.0, 90.0)],
            Stroke::dashed(INK, 1.0, 5.0, 3.0),
        ),
    ]);
    let calls = parse(&to_svg(&l));
    assert_eq!(
        calls[1],
        Call::Rect {
            x: 5 * r,
            y: 10 * r,
            w: 90 * r,
            h: r,
            fill: "#1F2328".into(),
            stroke: "none".into(),
            opacity: 1.0
        }
    );
    let Call::Rect { x, y, w, h, .. } = calls[2] else {
        panic!("{:?}", calls[2])
    };
    assert_eq!((x, y, w, h), (5 * r, 20 * r, 90 * r, r));
    let dashes: Vec<&Vec<(i32, i32)>> = calls[3..]
        .iter()
        .map(|c| match c {
            Call::Path { points, width, .. } => {
                assert_eq!(*width as i32, r);
                points
            }
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(dashes.len(), 27); // 208.8 px long, one dash per 8 px
    for p in dashes.iter().flat_map(|d| d.iter()) {
        // Distance from the line y = 30 + 0.3 x, in CSS px.
        let (x, y) = (f64::from(p.0) / f64::from(r), f64::from(p.1) / f64::from(r));
        let off = (0.3 * x - y + 30.0).abs() / (1.0f64 + 0.09).sqrt();
        assert!(off <= 0.177, "{p:?} is {off} px off the line");
    }
}
