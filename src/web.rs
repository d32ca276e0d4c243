//! The browser binding: the only module that knows about JavaScript and the DOM. It converts
//! JavaScript values to the model and back, measures text with the canvas, scales by the
//! devicePixelRatio, and turns every failure into a real `Error` with `code` and `path`.
//!
//! The `<plan-widget>` element, fetching, events and observers live in the loader
//! `src/js/plan-widget.js`, which drives one [`Widget`] per element.

use std::cell::RefCell;

use js_sys::Reflect;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

mod surface;

use crate::diag::{Code, Diagnostic};
use crate::js_boundary::{diagnostic_error, error, json_text, set, to_js};
use crate::layout::text::{css_font, width_by_parts, Fx, WidthCache};
use crate::layout::{layout, DisplayList, HitTarget, LayoutOptions, Scene, TextMeasure};
use crate::model::{Locale, Plan};
use crate::options::{OptionError, Settings};
use crate::parse::{self, Rejected};
use crate::status::{evaluate, Evaluation, Options};
use std::collections::HashMap;

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs a panic hook (once per module instance) that keeps the panic's message so the loader
/// can report it through `plan-widget-error` instead of a bare `unreachable` trap.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let msg = info.to_string();
        web_sys_console_error(&msg);
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(msg));
    }));
}

fn web_sys_console_error(msg: &str) {
    let console = js_sys::Reflect::get(&js_sys::global(), &"console".into()).ok();
    if let Some(f) = console
        .as_ref()
        .and_then(|c| Reflect::get(c, &"error".into()).ok())
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    {
        let _ = f.call1(console.as_ref().unwrap_or(&JsValue::UNDEFINED), &msg.into());
    }
}

/// The message of the last Rust panic in this module instance, if any (and clears it).
#[wasm_bindgen(js_name = takePanicMessage)]
pub fn take_panic_message() -> Option<String> {
    LAST_PANIC.with(|p| p.borrow_mut().take())
}

thread_local! {
    static PANIC_FOR_TESTS: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Test hook (see docs/limits.md): the next [`Widget::load`] or [`Widget::render`] of any widget
/// in this module instance, whichever `stage` names (`"load"` or `"render"`), panics once, as a
/// bug would; `null` disarms it. No data, attribute or option reaches it: the end-to-end tests
/// call it to prove that a panic becomes an `internal.panic` error in that widget's box while
/// other widgets on the page keep working.
#[wasm_bindgen(js_name = armPanicForTests)]
pub fn arm_panic_for_tests(stage: Option<String>) {
    PANIC_FOR_TESTS.with(|p| *p.borrow_mut() = stage);
}

/// Panics when [`arm_panic_for_tests`] armed `stage` (and disarms it).
fn panic_point(stage: &str) {
    let armed = PANIC_FOR_TESTS.with(|p| {
        let mut p = p.borrow_mut();
        if p.as_deref() == Some(stage) {
            p.take()
        } else {
            None
        }
    });
    if armed.is_some() {
        panic!("test panic in {stage} (armPanicForTests)");
    }
}

/// The crate version, for diagnostics.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// A JavaScript `Error` with `code`, `path` (empty), `messageZh` and `messageEn`, in the
/// widget's language.
fn js_error(code: Code, zh: &str, en: &str, locale: Locale) -> JsValue {
    error(code, zh, en, locale, Some(""))
}

/// The `render.canvas` error: the canvas gives no 2D context.
fn no_canvas(locale: Locale) -> JsValue {
    js_error(
        Code::RenderCanvas,
        "无法获取画布",
        "no 2D canvas context",
        locale,
    )
}

/// The `render.noData` error: there is no plan to draw, describe or export.
fn no_data(locale: Locale) -> JsValue {
    js_error(
        Code::RenderNoData,
        "没有可显示的数据",
        "there is no data to show",
        locale,
    )
}

/// One widget's state: the loaded plan, its evaluation, options and last layout.
#[wasm_bindgen]
pub struct Widget {
    plan: Option<Plan>,
    diagnostics: Vec<Diagnostic>,
    rejected: Vec<Rejected>,
    eval: Option<Evaluation>,
    settings: Settings,
    list: Option<DisplayList>,
    /// Bumped whenever what `describe()` returns may have changed (see `describeRevision`).
    revision: u32,
}

impl Default for Widget {
    fn default() -> Self {
        Self::new()
    }
}

/// The result of loading data, as handed to JavaScript.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LoadReport<'a> {
    valid: bool,
    plan_id: &'a str,
    title: &'a str,
    indicators: usize,
    rejected: &'a [Rejected],
    diagnostics: &'a [Diagnostic],
}

#[wasm_bindgen]
impl Widget {
    /// A widget with no data.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Widget {
        Widget {
            plan: None,
            diagnostics: Vec::new(),
            rejected: Vec::new(),
            eval: None,
            settings: Settings::default(),
            list: None,
            revision: 0,
        }
    }

    fn locale(&self) -> Locale {
        self.settings
            .locale
            .or(self.plan.as_ref().map(|p| p.plan.locale))
            .unwrap_or_default()
    }

    /// Loads plan data: a JSON string or an already-parsed object, both through the same
    /// validation. Returns `{valid, planId, title, indicators, rejected, diagnostics}`; throws an
    /// `Error` (with `code`, `path`, `line`, `column`, `diagnostics`) when nothing is usable.
    pub fn load(&mut self, data: JsValue) -> Result<JsValue, JsValue> {
        panic_point("load");
        let (text, from_object) = if let Some(text) = data.as_string() {
            (text, false)
        } else if data.is_object() {
            let Some(text) = json_text(&data) else {
                return Err(js_error(
                    Code::DataNotJson,
                    "数据对象无法写成 JSON（含循环引用、嵌套过深或无法表示的值）",
                    "the data object cannot be written as JSON (a cycle, too deep, or a value JSON cannot hold)",
                    self.locale(),
                ));
            };
            (text, true)
        } else {
            return Err(js_error(
                Code::DataType,
                "数据应为 JSON 字符串或对象",
                "data must be a JSON string or an object",
                self.locale(),
            ));
        };
        // The old plan, evaluation and layout go before the new text is parsed, so a reload
        // reuses their memory instead of growing the heap to hold both.
        self.plan = None;
        self.eval = None;
        self.list = None;
        self.diagnostics = Vec::new();
        self.rejected = Vec::new();
        reserve_heap(text.len());
        let mut loaded = parse::load(&text);
        drop(text); // not needed once parsed: free it before the model grows
        if from_object {
            // An object has no lines: its diagnostics carry paths only.
            for d in &mut loaded.diagnostics {
                d.line = None;
                d.column = None;
            }
        }
        self.diagnostics = loaded.diagnostics;
        self.rejected = loaded.rejected;
        self.plan = loaded.plan;
        self.revision = self.revision.wrapping_add(1);
        let Some(plan) = &self.plan else {
            let first = self.diagnostics.iter().find(|d| d.is_error());
            return Err(match first {
                Some(d) => diagnostic_error(d, &self.diagnostics, self.locale()),
                None => js_error(
                    Code::DataUnusable,
                    "数据不可用",
                    "the data is not usable",
                    self.locale(),
                ),
            });
        };
        Ok(to_js(&LoadReport {
            valid: !self.diagnostics.iter().any(Diagnostic::is_error),
            plan_id: &plan.plan.id,
            title: &plan.plan.title,
            indicators: plan.indicators.len(),
            rejected: &self.rejected,
            diagnostics: &self.diagnostics,
        }))
    }

    /// Sets options: `{view: "dashboard"|"sections"|"indicator", indicator, lang: "zh-CN"|"en",
    /// theme: "light"|"dark"|"contrast", asOf: "YYYY-MM-DD", colors: {name: "#rrggbb"},
    /// fontFamily, fontScale, focus, filter: {sections, statuses, units}, today}`, checked by
    /// [`Settings::apply`]. Omitted (and `null`) fields keep their value; `focus: ""` clears the
    /// focus. Throws an `Error` with code `options.invalid` and the option's `path`.
    #[wasm_bindgen(js_name = setOptions)]
    pub fn set_options(&mut self, options: JsValue) -> Result<(), JsValue> {
        // Through JSON text (see json_text), so serde's deny_unknown_fields sees every key: a
        // misspelt option is an error, not silently ignored.
        let s = json_text(&options)
            .ok_or_else(|| OptionError::Unreadable("not representable as JSON".into()))
            .and_then(|text| self.settings.apply(&text))
            .map_err(|e| {
                error(
                    Code::OptionsInvalid,
                    &e.message_zh(),
                    &e.message_en(),
                    self.locale(),
                    Some(&e.path()),
                )
            })?;
        if self.settings.changes_words(&s) {
            self.revision = self.revision.wrapping_add(1);
        }
        if self.settings.reevaluates(&s) {
            self.eval = None;
        }
        self.settings = s;
        self.list = None;
        Ok(())
    }

    fn evaluation(&mut self) -> Option<&Evaluation> {
        if self.eval.is_none() {
            let plan = self.plan.as_ref()?;
            let as_of = self
                .settings
                .as_of
                .or(plan.plan.as_of)
                .or(self.settings.today);
            self.eval = Some(evaluate(
                plan,
                &Options {
                    as_of,
                    ..Options::default()
                },
            ));
        }
        self.eval.as_ref()
    }

    /// Lays out and paints into `canvas` at `cssWidth` CSS px and device pixel ratio `dpr`:
    /// the backing store becomes CSS size × DPR. Returns the height in CSS px (height follows
    /// content); the caller sets the canvas's CSS size. [`Widget::layout`] and
    /// [`Widget::paint_tile`] do the same in two steps, for a picture on several canvases.
    pub fn render(
        &mut self,
        canvas: &HtmlCanvasElement,
        css_width: f64,
        dpr: f64,
    ) -> Result<f64, JsValue> {
        let height = self.layout(canvas, css_width)?;
        let rows = (height * clamp_scale(dpr)).round().max(1.0);
        self.paint_tile(canvas, 0.0, rows, dpr)?;
        Ok(height)
    }

    /// Lays out the current view at `cssWidth` CSS px, measuring text with `canvas`'s 2D
    /// context, and keeps the display list (indexed by vertical band) for
    /// [`Widget::paint_tile`], `hitAt()` and `hits()`. Returns its height in CSS px.
    pub fn layout(&mut self, canvas: &HtmlCanvasElement, css_width: f64) -> Result<f64, JsValue> {
        panic_point("render");
        let locale = self.locale();
        if self.plan.is_none() {
            return Err(no_data(locale));
        }
        let width = css_width.clamp(200.0, 8192.0) as f32;
        let ctx = context(canvas).ok_or_else(|| no_canvas(locale))?;
        let measure = CanvasMeasure::new(ctx, &self.settings.theme.font_family);
        let t0 = now();
        self.evaluation();
        let t1 = now();
        let opts = self.layout_options(width);
        let (Some(plan), Some(eval)) = (&self.plan, &self.eval) else {
            return Err(no_data(locale));
        };
        let scene = Scene {
            plan,
            eval,
            rejected: &self.rejected,
        };
        let list = layout(&scene, &opts, &measure);
        timing("plan-widget evaluate", t0, t1);
        timing("plan-widget layout", t1, now());
        let height = list.height;
        self.list = Some(list);
        Ok(f64::from(height))
    }

    /// Paints one tile of the last layout onto `canvas` at scale `dpr` (device px per CSS px):
    /// the rows `top .. top + rows` (device px) of the picture at that scale. The backing store
    /// becomes the list's width × `dpr` by `rows`; the caller places the canvas `top / dpr` CSS
    /// px down. Only the items reaching into the tile are painted; tiles side by side show the
    /// one-canvas picture pixel for pixel.
    #[wasm_bindgen(js_name = paintTile)]
    pub fn paint_tile(
        &mut self,
        canvas: &HtmlCanvasElement,
        top: f64,
        rows: f64,
        dpr: f64,
    ) -> Result<(), JsValue> {
        let locale = self.locale();
        let Some(list) = &self.list else {
            return Err(no_data(locale));
        };
        let dpr = clamp_scale(dpr);
        let t0 = now();
        let device = |v: f64| v.round().clamp(0.0, f64::from(u32::MAX)) as u32;
        let (top, rows) = (device(top), device(rows).max(1));
        // Setting a canvas's size clears it and resets its context state, even to the same size.
        canvas.set_width((f64::from(list.width) * dpr).round().max(1.0) as u32);
        canvas.set_height(rows);
        let mut backend = surface::Surface::new(canvas).ok_or_else(|| no_canvas(locale))?;
        crate::paint::paint_band_dashed(list, &mut backend, dpr as f32, top, rows).map_err(
            |e| {
                js_error(
                    Code::RenderPaint,
                    &format!("绘制失败：{e}"),
                    &format!("painting failed: {e}"),
                    locale,
                )
            },
        )?;
        timing("plan-widget paint", t0, now());
        Ok(())
    }

    /// What the current view shows, in words, for the canvas's fallback content:
    /// `{lang, heading, asOf, note, summary, groups, sentences: [{id, status, text}], caption,
    /// columns, rows: [{id, status, cells}], source, sourceUrl}` (English when `lang` is `en`),
    /// or `null` without data.
    pub fn describe(&mut self) -> JsValue {
        self.with_scene(|scene, opts| to_js(&crate::a11y::describe(scene, opts)))
            .unwrap_or(JsValue::NULL)
    }

    /// A number that changes whenever `describe()`'s result may have changed (new data, another
    /// view, language, filter or date), and only then: resizing, colours, fonts and focus leave
    /// it alone, so a caller can skip rebuilding the fallback content.
    #[wasm_bindgen(js_name = describeRevision)]
    pub fn describe_revision(&self) -> u32 {
        self.revision
    }

    /// The tooltip of a hit region by its `key` (from `hits()` or `hitAt()`): `{key, title,
    /// status, lines: [{label, value}], hint}` (name, latest value and period, targets, expected
    /// by now, status in words, projection and the plan's quote for an indicator), or `null`.
    pub fn tooltip(&mut self, key: &str) -> JsValue {
        self.with_scene(|scene, opts| {
            crate::a11y::tooltip(scene, opts, key)
                .map(|t| to_js(&t))
                .unwrap_or(JsValue::NULL)
        })
        .unwrap_or(JsValue::NULL)
    }

    /// The indicators that pass the filter (all without one) as CSV text: a header row in the
    /// widget's language, then one row per indicator with plain numbers. Throws an `Error` with
    /// code `render.noData` without data.
    #[wasm_bindgen(js_name = toCSV)]
    pub fn to_csv(&mut self) -> Result<String, JsValue> {
        let locale = self.locale();
        self.with_scene(crate::a11y::csv)
            .ok_or_else(|| no_data(locale))
    }

    /// The interactive region at a point in CSS px: `{type, value, key, x, y, w, h}` or `null`.
    /// `key` names the region for `setOptions({focus})` and `tooltip()`.
    #[wasm_bindgen(js_name = hitAt)]
    pub fn hit_at(&self, x: f64, y: f64) -> JsValue {
        match self
            .list
            .as_ref()
            .and_then(|l| l.hit_at(x as f32, y as f32))
        {
            Some(h) => to_js(&JsHit::from(h)),
            None => JsValue::NULL,
        }
    }

    /// Every interactive region in reading order (`{type, value, key, x, y, w, h}` each).
    pub fn hits(&self) -> JsValue {
        let hits: Vec<JsHit> = self
            .list
            .as_ref()
            .map(|l| l.hits.iter().map(JsHit::from).collect())
            .unwrap_or_default();
        to_js(&hits)
    }

    /// [`Widget::hits`] packed for the loader, which rebuilds the same objects from it with one
    /// string crossing the boundary instead of three per region (a 5,000-card dashboard has
    /// 5,000 regions): `{kinds: Uint8Array (0 indicator, 1 status, 2 section, 3 unit), rects:
    /// Float32Array (x, y, w, h per region), values: string (every value, concatenated),
    /// lengths: Uint32Array (each value's length in UTF-16 code units)}`. The key is the value
    /// for an indicator and `type:value` otherwise ([`HitTarget::key`]).
    #[wasm_bindgen(js_name = hitsPacked)]
    pub fn hits_packed(&self) -> JsValue {
        let hits = self.list.as_ref().map_or(&[][..], |l| l.hits.as_slice());
        let mut kinds = Vec::with_capacity(hits.len());
        let mut rects = Vec::with_capacity(hits.len() * 4);
        let mut lengths = Vec::with_capacity(hits.len());
        let mut values = String::new();
        for h in hits {
            let (kind, value) = match &h.target {
                HitTarget::Indicator(id) => (0u8, id.as_str()),
                HitTarget::Status(s) => (1, s.as_str()),
                HitTarget::Section(id) => (2, id.as_str()),
                HitTarget::Unit(u) => (3, u.as_str()),
            };
            kinds.push(kind);
            rects.extend([h.rect.x, h.rect.y, h.rect.w, h.rect.h]);
            lengths.push(value.encode_utf16().count() as u32);
            values.push_str(value);
        }
        let o = js_sys::Object::new();
        set(&o, "kinds", js_sys::Uint8Array::from(kinds.as_slice()));
        set(&o, "rects", js_sys::Float32Array::from(rects.as_slice()));
        set(&o, "values", values);
        set(&o, "lengths", js_sys::Uint32Array::from(lengths.as_slice()));
        o.into()
    }

    /// The diagnostics of the last load.
    pub fn diagnostics(&self) -> JsValue {
        to_js(&self.diagnostics)
    }

    /// The plan's header (`{id, title, issuer, asOf, source, sampleData, locale, note}`), or `null`.
    pub fn plan(&self) -> JsValue {
        self.plan
            .as_ref()
            .map(|p| to_js(&p.plan))
            .unwrap_or(JsValue::NULL)
    }

    /// The evaluation: `{asOf, indicators: [{id, status, latest, expected, …}], rollups}`.
    #[wasm_bindgen(js_name = evaluation)]
    pub fn evaluation_js(&mut self) -> JsValue {
        self.evaluation().map(to_js).unwrap_or(JsValue::NULL)
    }

    /// The last display list (for tests and audits), or `null`.
    #[wasm_bindgen(js_name = displayList)]
    pub fn display_list(&self) -> JsValue {
        self.list.as_ref().map(to_js).unwrap_or(JsValue::NULL)
    }
}

impl Widget {
    /// The layout options the settings give at a width.
    fn layout_options(&self, width: f32) -> LayoutOptions {
        self.settings.layout_options(width, self.locale())
    }

    /// Runs `f` on the scene and the current options (at the last width), if there is data.
    fn with_scene<T>(&mut self, f: impl FnOnce(&Scene, &LayoutOptions) -> T) -> Option<T> {
        self.evaluation();
        let width = self.list.as_ref().map_or(800.0, |l| l.width);
        let opts = self.layout_options(width);
        let (plan, eval) = (self.plan.as_ref()?, self.eval.as_ref()?);
        let scene = Scene {
            plan,
            eval,
            rejected: &self.rejected,
        };
        Some(f(&scene, &opts))
    }
}

#[derive(Serialize)]
struct JsHit<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    value: &'a str,
    key: String,
    x: f32,
    y: f32,
    w: f32,
    h: f32,
}

impl<'a> From<&'a crate::layout::Hit> for JsHit<'a> {
    fn from(h: &'a crate::layout::Hit) -> Self {
        let (kind, value) = match &h.target {
            HitTarget::Indicator(id) => ("indicator", id.as_str()),
            HitTarget::Status(s) => ("status", s.as_str()),
            HitTarget::Section(id) => ("section", id.as_str()),
            HitTarget::Unit(u) => ("unit", u.as_str()),
        };
        JsHit {
            kind,
            value,
            key: h.target.key(),
            x: h.rect.x,
            y: h.rect.y,
            w: h.rect.w,
            h: h.rect.h,
        }
    }
}

/// How many bytes of heap a plan's model, evaluation and layout take per byte of its JSON text,
/// about (the 5,000-indicator plan of bench (e): 1.9 MB of text, 28 MB of memory).
const HEAP_PER_TEXT_BYTE: usize = 8;

/// Grows the heap once, before a plan is parsed, to about what the plan will need: one
/// allocation, freed at once, that the allocator then hands out in pieces. Without it the heap
/// grows in many small steps (one `memory.grow` each) while the model is built.
fn reserve_heap(text_len: usize) {
    drop(Vec::<u8>::with_capacity(
        text_len.saturating_mul(HEAP_PER_TEXT_BYTE).min(256 << 20),
    ));
}

/// A device pixel ratio within what painting accepts (0.5–4; 1 for a non-number).
fn clamp_scale(dpr: f64) -> f64 {
    if dpr.is_finite() {
        dpr.clamp(0.5, 4.0)
    } else {
        1.0
    }
}

fn context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok().flatten()?.dyn_into().ok()
}

/// Text measurement with the browser's own fonts (`measureText`). Widths are cached per font and
/// string for the whole page (every widget, every render: a resize or an update measures only
/// new strings); the cache is dropped when it grows past [`MEASURE_CACHE_LIMIT`] strings.
struct CanvasMeasure {
    ctx: CanvasRenderingContext2d,
    family: String,
    font: RefCell<String>,
    /// The widths of single characters asked for while measuring texts by pieces, by font (size
    /// bits, weight) and character: the same few dozen characters, asked for thousands of times
    /// by a large dashboard, answered without the page-wide cache's string keys.
    chars: RefCell<HashMap<(u32, bool, char), f32, Fx>>,
}

/// Most strings kept in the measurement cache.
const MEASURE_CACHE_LIMIT: usize = 50_000;

/// Cached widths and the font family they were measured in.
struct MeasureCache {
    family: String,
    widths: WidthCache,
}

thread_local! {
    static MEASURED: RefCell<MeasureCache> = RefCell::new(MeasureCache {
        family: String::new(),
        widths: WidthCache::new(MEASURE_CACHE_LIMIT),
    });
}

impl CanvasMeasure {
    fn new(ctx: CanvasRenderingContext2d, family: &str) -> Self {
        MEASURED.with(|m| {
            let mut m = m.borrow_mut();
            if m.family != family {
                *m = MeasureCache {
                    family: family.to_string(),
                    widths: WidthCache::new(MEASURE_CACHE_LIMIT),
                };
            }
        });
        CanvasMeasure {
            ctx,
            family: family.to_string(),
            font: RefCell::new(String::new()),
            chars: RefCell::default(),
        }
    }

    /// The width of one piece of [`width_by_parts`] (a single character).
    fn piece(&self, piece: &str, size: f32, bold: bool) -> f32 {
        let mut cs = piece.chars();
        let Some(c) = cs.next().filter(|_| cs.next().is_none()) else {
            return self.whole(piece, size, bold);
        };
        let key = (size.to_bits(), bold, c);
        if let Some(&w) = self.chars.borrow().get(&key) {
            return w;
        }
        let w = self.whole(piece, size, bold);
        self.chars.borrow_mut().insert(key, w);
        w
    }

    /// The width of `text` measured whole, from the page-wide cache or `measureText`.
    fn whole(&self, text: &str, size: f32, bold: bool) -> f32 {
        if let Some(w) = MEASURED.with(|m| m.borrow().widths.get(text, size, bold)) {
            return w;
        }
        let font = css_font(size, bold, &self.family);
        if *self.font.borrow() != font {
            self.ctx.set_font(&font);
            *self.font.borrow_mut() = font;
        }
        let w = self
            .ctx
            .measure_text(text)
            .map(|m| m.width() as f32)
            .unwrap_or_else(|_| crate::layout::EstimateMeasure.width(text, size, bold));
        MEASURED.with(|m| m.borrow_mut().widths.insert(text, size, bold, w));
        w
    }
}

impl TextMeasure for CanvasMeasure {
    fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        // Pieces measured once per font where that gives the same width (ideograph runs,
        // numbers with ideographs): far fewer measureText calls than distinct labels.
        width_by_parts(text, |part| self.piece(part, size, bold))
            .unwrap_or_else(|| self.whole(text, size, bold))
    }
}

#[wasm_bindgen]
extern "C" {
    /// `performance.now()`.
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn now() -> f64;
    #[wasm_bindgen(js_namespace = performance, js_name = clearMeasures)]
    fn clear_measures(name: &str);
    #[wasm_bindgen(catch, js_namespace = performance, js_name = measure)]
    fn measure(name: &str, options: &js_sys::Object) -> Result<JsValue, JsValue>;
}

/// Records a phase of `render` as a `performance.measure` entry (DevTools shows it in the
/// timeline; a `PerformanceObserver` sees every one). Only the latest entry of each name is kept
/// in the timeline, so a long-lived page does not accumulate them.
fn timing(name: &str, start: f64, end: f64) {
    let o = js_sys::Object::new();
    set(&o, "start", start);
    set(&o, "end", end);
    clear_measures(name);
    let _ = measure(name, &o);
}
