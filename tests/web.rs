//! Browser tests, run by `wasm-pack test --headless --chrome -- --test web`: the real wasm API on
//! a real canvas.
#![cfg(target_arch = "wasm32")]

use plan_widget::web::Widget;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

const PLAN_001: &str = include_str!("../www/data/001-yancheng-kfq.json");
const PLAN_003: &str = include_str!("../www/data/003-jinfeng-2024.json");
const PLAN_000: &str = include_str!("../www/data/000-jiujiang-2025.json");

fn canvas() -> HtmlCanvasElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let c: HtmlCanvasElement = doc.create_element("canvas").unwrap().dyn_into().unwrap();
    doc.body().unwrap().append_child(&c).unwrap();
    c
}

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &key.into()).unwrap()
}

fn pixel(c: &HtmlCanvasElement, x: f64, y: f64) -> [u8; 4] {
    let ctx: CanvasRenderingContext2d = c.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
    let d = ctx
        .get_image_data(x.floor(), y.floor(), 1.0, 1.0)
        .unwrap()
        .data();
    [d[0], d[1], d[2], d[3]]
}

fn close(a: [u8; 4], r: u8, g: u8, b: u8) -> bool {
    let d = |x: u8, y: u8| (x as i32 - y as i32).abs();
    d(a[0], r) <= 40 && d(a[1], g) <= 40 && d(a[2], b) <= 40
}

/// Renders a plan at a DPR and checks the canvas is not blank and shows each status colour where
/// the layout put it.
fn render_and_check(json: &str, view: &str, dpr: f64) {
    let mut w = Widget::new();
    let report = w.load(json.into()).expect("loads");
    assert_eq!(get(&report, "valid"), JsValue::TRUE);
    let opts = js_sys::JSON::parse(&format!("{{\"view\": \"{view}\"}}")).unwrap();
    w.set_options(opts).unwrap();
    let c = canvas();
    let css_w = 800.0;
    let h = w.render(&c, css_w, dpr).expect("renders");
    assert!(h > 200.0, "height {h}");
    assert_eq!(c.width(), (css_w * dpr).round() as u32);
    assert_eq!(c.height(), (h * dpr).round() as u32);
    let list_js = w.display_list();
    let items = js_sys::Array::from(&get(&list_js, "items"));
    // Background is painted.
    let bg = pixel(&c, 2.0, 2.0);
    assert_eq!(bg[3], 255, "opaque background");
    // Each filled status shape shows its colour at its centre.
    let mut checked = 0;
    for item in items.iter() {
        let (kind, body) = {
            let obj: &js_sys::Object = item.unchecked_ref();
            let keys = js_sys::Object::keys(obj);
            let k = keys.get(0).as_string().unwrap();
            (k.clone(), get(&item, &k))
        };
        let status = get(&body, "status");
        if status.is_null() || status.is_undefined() {
            continue;
        }
        let color = get(&body, "fill");
        if !color.is_object() || get(&color, "a").as_f64().unwrap_or(1.0) < 0.9 {
            continue; // outlines and translucent tints blend with what lies beneath
        }
        // Points inside the shape away from its centre, where labels and icons usually sit.
        let points: Vec<(f64, f64)> = match kind.as_str() {
            "Rect" => {
                let r = get(&body, "rect");
                let f = |k| get(&r, k).as_f64().unwrap();
                let (x, y, w, h) = (f("x"), f("y"), f("w"), f("h"));
                if w < 6.0 || h < 6.0 {
                    continue;
                }
                vec![
                    (x + 2.5, y + h / 2.0),
                    (x + w - 2.5, y + h / 2.0),
                    (x + w / 2.0, y + 2.5),
                    (x + w / 2.0, y + h - 2.5),
                    (x + w / 2.0, y + h / 2.0),
                ]
            }
            "Circle" => {
                let f = |k| get(&body, k).as_f64().unwrap();
                let (cx, cy, r) = (f("cx"), f("cy"), f("r"));
                if r < 4.0 {
                    continue;
                }
                let d = r * 0.7;
                vec![
                    (cx - d, cy),
                    (cx + d, cy),
                    (cx, cy - d),
                    (cx, cy + d),
                    (cx, cy),
                ]
            }
            _ => continue,
        };
        let rgb = |k| get(&color, k).as_f64().unwrap() as u8;
        let seen: Vec<[u8; 4]> = points
            .iter()
            .map(|(x, y)| pixel(&c, x * dpr, y * dpr))
            .collect();
        let ok = seen
            .iter()
            .any(|px| close(*px, rgb("r"), rgb("g"), rgb("b")));
        assert!(
            ok,
            "{kind} status {status:?} at {points:?} expected {:?} got {seen:?}",
            (rgb("r"), rgb("g"), rgb("b"))
        );
        checked += 1;
    }
    assert!(
        checked >= 3,
        "only {checked} status shapes checked in {view}"
    );
}

#[wasm_bindgen_test]
fn dashboard_renders_crisp_at_dpr_1_and_2() {
    for dpr in [1.0, 2.0] {
        render_and_check(PLAN_001, "dashboard", dpr);
        render_and_check(PLAN_000, "dashboard", dpr);
    }
}

#[wasm_bindgen_test]
fn sections_view_renders_at_dpr_1_and_2() {
    for dpr in [1.0, 2.0] {
        render_and_check(PLAN_003, "sections", dpr);
    }
}

#[wasm_bindgen_test]
fn indicator_view_renders() {
    let mut w = Widget::new();
    w.load(PLAN_001.into()).unwrap();
    w.set_options(
        js_sys::JSON::parse(r#"{"view":"indicator","indicator":"smart-campus-coverage"}"#).unwrap(),
    )
    .unwrap();
    let c = canvas();
    let h = w.render(&c, 600.0, 2.0).unwrap();
    assert!(h > 200.0);
    let hits = js_sys::Array::from(&w.hits());
    assert!(hits.length() >= 1);
}

/// `hitsPacked()` holds what `hits()` gives, region by region (the loader rebuilds the objects).
#[wasm_bindgen_test]
fn packed_hits_hold_the_same_regions() {
    let mut w = Widget::new();
    w.load(PLAN_001.into()).unwrap();
    w.render(&canvas(), 800.0, 1.0).unwrap();
    let hits = js_sys::Array::from(&w.hits());
    let packed = w.hits_packed();
    let kinds = js_sys::Uint8Array::new(&get(&packed, "kinds")).to_vec();
    let rects = js_sys::Float32Array::new(&get(&packed, "rects")).to_vec();
    let lengths = js_sys::Uint32Array::new(&get(&packed, "lengths")).to_vec();
    let values: Vec<u16> = get(&packed, "values")
        .as_string()
        .unwrap()
        .encode_utf16()
        .collect();
    assert!(hits.length() > 10);
    assert_eq!(kinds.len(), hits.length() as usize);
    let types = ["indicator", "status", "section", "unit"];
    let mut at = 0;
    for (i, hit) in hits.iter().enumerate() {
        let n = lengths[i] as usize;
        let value = String::from_utf16(&values[at..at + n]).unwrap();
        at += n;
        let kind = types[kinds[i] as usize];
        assert_eq!(get(&hit, "type").as_string().unwrap(), kind);
        assert_eq!(get(&hit, "value").as_string().unwrap(), value);
        let key = if kind == "indicator" {
            value.clone()
        } else {
            format!("{kind}:{value}")
        };
        assert_eq!(get(&hit, "key").as_string().unwrap(), key);
        for (j, k) in ["x", "y", "w", "h"].iter().enumerate() {
            assert_eq!(get(&hit, k).as_f64().unwrap(), f64::from(rects[4 * i + j]));
        }
    }
    assert_eq!(at, values.len());
}

#[wasm_bindgen_test]
fn invalid_data_throws_a_real_error_with_code_and_path() {
    let mut w = Widget::new();
    let err = w.load("{\"schemaVersion\": 1,".into()).unwrap_err();
    assert!(err.is_instance_of::<js_sys::Error>());
    assert_eq!(get(&err, "code").as_string().unwrap(), "syntax");
    assert_eq!(get(&err, "line").as_f64(), Some(1.0));
    let err = w.load(r#"{"schemaVersion": 2}"#.into()).unwrap_err();
    assert_eq!(get(&err, "code").as_string().unwrap(), "schemaVersion");
    assert_eq!(get(&err, "path").as_string().unwrap(), "schemaVersion");
    let err = w.load(JsValue::from_f64(3.0)).unwrap_err();
    assert_eq!(get(&err, "code").as_string().unwrap(), "data.type");
}

#[wasm_bindgen_test]
fn string_and_object_go_through_the_same_validation() {
    let mut a = Widget::new();
    let mut b = Widget::new();
    let ra = a.load(PLAN_003.into()).unwrap();
    let rb = b.load(js_sys::JSON::parse(PLAN_003).unwrap()).unwrap();
    assert_eq!(get(&ra, "indicators"), get(&rb, "indicators"));
    // A partly invalid object: the bad indicator is rejected, the others kept.
    let mut v: serde_json::Value = serde_json::from_str(PLAN_003).unwrap();
    v["indicators"][0]["kind"] = "bogus".into();
    let obj = js_sys::JSON::parse(&v.to_string()).unwrap();
    let r = b.load(obj).unwrap();
    assert_eq!(get(&r, "valid"), JsValue::FALSE);
    assert_eq!(js_sys::Array::from(&get(&r, "rejected")).length(), 1);
}

#[wasm_bindgen_test]
fn bad_options_throw_with_code_and_path() {
    let mut w = Widget::new();
    w.load(PLAN_001.into()).unwrap();
    for (opts, path) in [
        (r#"{"theme":"neon"}"#, "theme"),
        (r#"{"lang":"fr"}"#, "lang"),
        (r#"{"asOf":"2024-13-01"}"#, "asOf"),
        (r#"{"colors":{"onTrack":"green"}}"#, "colors.onTrack"),
        (r#"{"fontScale":9}"#, "fontScale"),
    ] {
        let err = w
            .set_options(js_sys::JSON::parse(opts).unwrap())
            .unwrap_err();
        assert_eq!(
            get(&err, "code").as_string().unwrap(),
            "options.invalid",
            "{opts}"
        );
        assert_eq!(get(&err, "path").as_string().unwrap(), path, "{opts}");
    }
    assert!(w
        .set_options(js_sys::JSON::parse(r#"{"nope":1}"#).unwrap())
        .is_err());
}
