//! The authoring page's exports (`www/authoring.html`): draft a plan document from its text,
//! validate JSON text with located diagnostics, list the indicators for the actuals table, write
//! one actual or the as-of date back into the JSON, and pretty-print it in a stable key order.
//!
//! Built only with the cargo feature `authoring`, into a second bundle (`pkg/authoring/`), so the
//! widget's own module (`pkg/plan_widget_bg.wasm`) does not carry the draft extractor. Pure
//! functions over strings: no DOM, no network, no storage; every failure is a JavaScript `Error`
//! with `code`, `messageZh` and `messageEn`.

use js_sys::Reflect;
use serde::Serialize;
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;

use crate::diag::Diagnostic;
use crate::draft::{draft, DraftItem, DraftOptions};
use crate::model::TaskState;
use crate::parse;
use crate::period::{Day, Period};
use crate::pretty::{number, pretty};

/// A JavaScript `Error` with `code`, `messageZh` and `messageEn` (the message is the Chinese one).
fn error(code: &str, zh: &str, en: &str) -> JsValue {
    let e = js_sys::Error::new(zh);
    for (k, v) in [("code", code), ("messageZh", zh), ("messageEn", en)] {
        let _ = Reflect::set(&e, &k.into(), &v.into());
    }
    e.into()
}

/// A Rust value as a plain JavaScript value, through JSON text.
fn to_js<T: Serialize + ?Sized>(v: &T) -> JsValue {
    serde_json::to_string(v)
        .ok()
        .and_then(|s| js_sys::JSON::parse(&s).ok())
        .unwrap_or(JsValue::NULL)
}

fn parse_json(text: &str) -> Result<Value, JsValue> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str(body).map_err(|e| {
        error(
            "authoring.notJson",
            &format!(
                "JSON 语法错误（第 {} 行第 {} 列），请先修正",
                e.line(),
                e.column()
            ),
            &format!(
                "JSON syntax error at line {}, column {}; fix it first",
                e.line(),
                e.column()
            ),
        )
    })
}

/// Pretty-prints plan JSON text: two-space indentation, keys in the order of `docs/format.md`,
/// targets, actuals and name lists one per line. Throws an `Error` (`authoring.notJson`) when the
/// text is not JSON.
#[wasm_bindgen(js_name = formatJson)]
pub fn format_json(text: &str) -> Result<String, JsValue> {
    Ok(pretty(&parse_json(text)?))
}

// ---------------------------------------------------------------------------------------------
// Drafting.

#[derive(Serialize)]
struct DraftReport<'a> {
    json: String,
    items: &'a [DraftItem],
    warnings: &'a [String],
}

/// Drafts a plan document from a plan's text (as `plan-widget draft` does). `year` is used when
/// the text states none. Returns `{json, items, warnings}`: the document as pretty JSON text, the
/// extraction metadata of every indicator (`id`, `kind`, `intendedKind`, `confidence`,
/// `reasons`, …) and plan-level remarks.
#[wasm_bindgen(js_name = draftPlan)]
pub fn draft_plan(text: &str, year: Option<i32>) -> JsValue {
    let d = draft(
        text,
        &DraftOptions {
            fallback_year: year,
            ..Default::default()
        },
    );
    to_js(&DraftReport {
        json: pretty(&d.document),
        items: &d.items,
        warnings: &d.warnings,
    })
}

// ---------------------------------------------------------------------------------------------
// Validation and the indicator list.

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PlanSummary {
    id: String,
    title: String,
    start: String,
    end: String,
    as_of: Option<String>,
}

#[derive(Serialize)]
struct ActualRow {
    period: String,
    value: Option<f64>,
    state: Option<String>,
    note: Option<String>,
}

#[derive(Serialize)]
struct IndicatorRow {
    index: usize,
    id: String,
    name: String,
    kind: String,
    unit: String,
    targets: Vec<String>,
    actuals: Vec<ActualRow>,
    rejected: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Validation<'a> {
    valid: bool,
    usable: bool,
    json: bool,
    errors: usize,
    warnings: usize,
    diagnostics: &'a [Diagnostic],
    plan: Option<PlanSummary>,
    indicators: Vec<IndicatorRow>,
    periods: Vec<String>,
}

fn text_of(m: &Map<String, Value>, k: &str) -> String {
    match m.get(k) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

fn periods_of(m: &Map<String, Value>, k: &str) -> Vec<String> {
    m.get(k)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|t| t.get("period").and_then(Value::as_str).map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The periods offered in the actuals table: every year of the plan's span with its halves and
/// quarters, then the indicators' target periods not among them.
fn suggested_periods(plan: Option<&PlanSummary>, rows: &[IndicatorRow]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if let Some(p) = plan {
        if let (Ok(a), Ok(b)) = (Period::parse(&p.start), Period::parse(&p.end)) {
            let (y0, y1) = (a.start().ymd().0, b.end().ymd().0);
            for y in y0..=y1.min(y0 + 20) {
                out.push(y.to_string());
                out.extend((1..=2).map(|h| format!("{y}-H{h}")));
                out.extend((1..=4).map(|q| format!("{y}-Q{q}")));
            }
        }
    }
    for r in rows {
        for t in &r.targets {
            if !out.contains(t) && out.len() < 2_000 {
                out.push(t.clone());
            }
        }
    }
    out
}

/// Validates plan JSON text as the widget and `plan-widget check` do. Returns `{valid, usable,
/// json, errors, warnings, diagnostics, plan, indicators, periods}`: `diagnostics` as the
/// widget's (`severity`, `code`, `path`, `line`, `column`, `messageZh`, `messageEn`), `usable`
/// when the widget can draw it, `json` when the text is JSON at all; `plan` is `{id, title,
/// start, end, asOf}`; `indicators` lists every entry of the file's `indicators` array (also the
/// rejected ones) as `{index, id, name, kind, unit, targets: [period], actuals: [{period, value,
/// state, note}], rejected}` (a series `{start, values}` listed period by period); `periods`
/// are the periods to offer for actuals.
#[wasm_bindgen]
pub fn validate(text: &str) -> JsValue {
    let loaded = parse::load(text);
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Option<Value> = serde_json::from_str(body).ok();
    let rejected: Vec<usize> = loaded.rejected.iter().map(|r| r.index).collect();
    let plan = value
        .as_ref()
        .and_then(|v| v.get("plan"))
        .and_then(Value::as_object)
        .map(|m| PlanSummary {
            id: text_of(m, "id"),
            title: text_of(m, "title"),
            start: text_of(m, "start"),
            end: text_of(m, "end"),
            as_of: m.get("asOf").and_then(Value::as_str).map(str::to_string),
        });
    let indicators: Vec<IndicatorRow> = value
        .as_ref()
        .and_then(|v| v.get("indicators"))
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .enumerate()
                .filter_map(|(index, ind)| {
                    let m = ind.as_object()?;
                    // A series `{start, values}` is listed period by period, like the list form.
                    let expanded = m.get("actuals").and_then(parse::series_to_list);
                    let actuals = expanded
                        .as_ref()
                        .or_else(|| m.get("actuals").and_then(Value::as_array))
                        .map(|a| {
                            a.iter()
                                .filter_map(Value::as_object)
                                .map(|x| ActualRow {
                                    period: text_of(x, "period"),
                                    value: x.get("value").and_then(Value::as_f64),
                                    state: x.get("state").and_then(Value::as_str).map(Into::into),
                                    note: x.get("note").and_then(Value::as_str).map(Into::into),
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    Some(IndicatorRow {
                        index,
                        id: text_of(m, "id"),
                        name: text_of(m, "name"),
                        kind: text_of(m, "kind"),
                        unit: text_of(m, "unit"),
                        targets: periods_of(m, "targets"),
                        actuals,
                        rejected: rejected.contains(&index),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let errors = loaded.errors().count();
    let periods = suggested_periods(plan.as_ref(), &indicators);
    to_js(&Validation {
        valid: errors == 0,
        usable: loaded.plan.is_some(),
        json: value.is_some(),
        errors,
        warnings: loaded.diagnostics.len() - errors,
        diagnostics: &loaded.diagnostics,
        plan,
        indicators,
        periods,
    })
}

// ---------------------------------------------------------------------------------------------
// Editing.

/// Writes one actual into indicator `index` of the plan JSON `text` and returns the whole text
/// pretty-printed (see [`format_json`]). The actual for the same period is replaced; with neither
/// `value` nor `state` it is removed. Actuals stay in period order. Actuals written as a series
/// `{start, values}` are rewritten in the list form first. `state` is `notStarted`,
/// `inProgress`, `done` or `blocked`. Throws an `Error` with `code` (`authoring.notJson`,
/// `authoring.noIndicator`, `authoring.period`, `authoring.value`, `authoring.state`).
#[wasm_bindgen(js_name = setActual)]
pub fn set_actual(
    text: &str,
    index: usize,
    period: &str,
    value: Option<f64>,
    state: Option<String>,
    note: Option<String>,
) -> Result<String, JsValue> {
    let mut doc = parse_json(text)?;
    let period_text = period.trim();
    let wanted = Period::parse(period_text).map_err(|e| {
        error(
            "authoring.period",
            &format!(
                "期间“{period_text}”无效：{}。可写 2024、2024-H1、2024-Q3、2024-06、2024-06-30 或 2023/2024",
                e.zh()
            ),
            &format!(
                "invalid period \"{period_text}\": {}. Use 2024, 2024-H1, 2024-Q3, 2024-06, 2024-06-30 or 2023/2024",
                e.en()
            ),
        )
    })?;
    let value = match value {
        Some(v) => Some(number(v).ok_or_else(|| {
            error(
                "authoring.value",
                "数值无效",
                "the value is not a finite number",
            )
        })?),
        None => None,
    };
    let state = match state.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(s) if TaskState::parse(s).is_some() => Some(s.to_string()),
        Some(s) => {
            return Err(error(
                "authoring.state",
                &format!("状态“{s}”无效：可用 notStarted、inProgress、done、blocked"),
                &format!("unknown state \"{s}\": use notStarted, inProgress, done or blocked"),
            ))
        }
    };
    let Some(ind) = doc
        .get_mut("indicators")
        .and_then(Value::as_array_mut)
        .and_then(|a| a.get_mut(index))
        .and_then(Value::as_object_mut)
    else {
        return Err(error(
            "authoring.noIndicator",
            &format!("找不到第 {} 项指标", index + 1),
            &format!("there is no indicator number {}", index + 1),
        ));
    };
    // A series `{start, values}` is written out in the list form first, then edited like it.
    let mut actuals = match ind.remove("actuals") {
        None => Vec::new(),
        Some(Value::Array(a)) => a,
        Some(other) => match parse::series_to_list(&other) {
            Some(list) => list,
            None => {
                ind.insert("actuals".into(), other);
                return Err(error(
                    "authoring.noIndicator",
                    "该指标的 actuals 既不是数组，也不是有效的序列 {start, values}，请先在 JSON 中修正",
                    "this indicator's actuals is neither an array nor a valid series {start, values}; fix it in the JSON first",
                ));
            }
        },
    };
    let same = |a: &Value| {
        a.get("period")
            .and_then(Value::as_str)
            .is_some_and(|p| p.trim() == period_text || Period::parse(p) == Ok(wanted))
    };
    actuals.retain(|a| !same(a));
    if value.is_some() || state.is_some() {
        let mut m = Map::new();
        m.insert("period".into(), Value::String(wanted.to_string()));
        if let Some(v) = value {
            m.insert("value".into(), v);
        }
        if let Some(s) = state {
            m.insert("state".into(), Value::String(s));
        }
        if let Some(n) = note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
            m.insert("note".into(), Value::String(n.to_string()));
        }
        actuals.push(Value::Object(m));
    }
    // Stable: actuals whose period cannot be read keep their order, after the readable ones.
    let key = |a: &Value| {
        a.get("period")
            .and_then(Value::as_str)
            .and_then(|p| Period::parse(p).ok())
            .map(|p| (0, p.end(), p.start()))
            .unwrap_or((1, Day(0), Day(0)))
    };
    actuals.sort_by_key(key);
    if !actuals.is_empty() {
        ind.insert("actuals".into(), Value::Array(actuals));
    }
    Ok(pretty(&doc))
}

/// Sets (a `YYYY-MM-DD` date) or, with `null` or `""`, removes `plan.asOf` in the plan JSON
/// `text`; returns the whole text pretty-printed. Throws an `Error` (`authoring.notJson`,
/// `authoring.date`, `authoring.noPlan`).
#[wasm_bindgen(js_name = setAsOf)]
pub fn set_as_of(text: &str, date: Option<String>) -> Result<String, JsValue> {
    let mut doc = parse_json(text)?;
    let date = date.as_deref().map(str::trim).filter(|d| !d.is_empty());
    if let Some(d) = date {
        Day::parse(d).map_err(|e| {
            error(
                "authoring.date",
                &format!("日期“{d}”无效：{}", e.zh()),
                &format!("invalid date \"{d}\": {}", e.en()),
            )
        })?;
    }
    let Some(plan) = doc.get_mut("plan").and_then(Value::as_object_mut) else {
        return Err(error(
            "authoring.noPlan",
            "JSON 中没有 plan 对象",
            "the JSON has no plan object",
        ));
    };
    match date {
        Some(d) => plan.insert("asOf".into(), Value::String(d.to_string())),
        None => plan.remove("asOf"),
    };
    Ok(pretty(&doc))
}

// ---------------------------------------------------------------------------------------------
// Fill-in spreadsheets (src/sheet/), as `plan-widget actuals export|import`.

/// The fill-in sheet for the plan JSON `text` as xlsx bytes: one row per indicator and
/// reporting period due by the plan's `asOf` (else `today`, `YYYY-MM-DD`) and each target
/// period, as `plan-widget actuals export` writes it. Throws an `Error` (`authoring.noPlan`
/// when the text has no usable plan, `authoring.date`, `authoring.sheet`).
#[wasm_bindgen(js_name = actualsSheet)]
pub fn actuals_sheet(text: &str, today: &str) -> Result<Vec<u8>, JsValue> {
    let today = Day::parse(today.trim()).map_err(|e| {
        error(
            "authoring.date",
            &format!("日期“{today}”无效：{}", e.zh()),
            &format!("invalid date \"{today}\": {}", e.en()),
        )
    })?;
    let Some(plan) = parse::load(text).plan else {
        return Err(error(
            "authoring.noPlan",
            "JSON 还不能使用（见校验结果），无法生成填报表",
            "the JSON has no usable plan yet (see the problems), so there is no sheet to make",
        ));
    };
    let rows = crate::sheet::export::rows(&plan, plan.plan.as_of.unwrap_or(today));
    crate::sheet::export::xlsx(&plan, &rows).map_err(|e| {
        error(
            "authoring.sheet",
            &format!("无法生成填报表：{e}"),
            &format!("cannot make the sheet: {e}"),
        )
    })
}

/// Imports a filled-in sheet (xlsx, xls, ods or CSV in UTF-8 or GBK; `bytes` as read from the
/// file called `file_name`) into the plan JSON `text`, as `plan-widget actuals import` does.
/// Returns `{json, diagnostics, added, replaced, unchanged, sheets, encoding}`: `json` is the
/// merged plan pretty-printed, or `null` when there is any error; each diagnostic from the sheet
/// has `path` `Sheet!H7`, `line` the row and `column` the column; `added` and `replaced` list
/// `{id, period, cell, row, old, new}`.
#[wasm_bindgen(js_name = importActuals)]
pub fn import_actuals(text: &str, bytes: &[u8], file_name: &str) -> JsValue {
    to_js(&crate::sheet::import::import_file(text, bytes, file_name))
}
