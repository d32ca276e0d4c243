//! The authoring page's exports (`www/authoring.html`): draft a plan document from its text,
//! validate JSON text with located diagnostics, list the indicators for the actuals table, write
//! one actual or the as-of date back into the JSON, and pretty-print it in a stable key order.
//!
//! Built only with the cargo feature `authoring`, into a second bundle (`pkg/authoring/`), so the
//! widget's own module (`pkg/plan_widget_bg.wasm`) does not carry the draft extractor. Thin
//! exports over plain Rust that builds and tests natively (`crate::draft`, `crate::overview`,
//! `crate::edit`, `crate::sheet`): no DOM, no network, no storage; every failure is a JavaScript
//! `Error` with `code`, `messageZh` and `messageEn` (`crate::js_boundary`).

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::diag::Code;
use crate::draft::{draft, DraftItem, DraftOptions};
use crate::edit::{self, EditError};
use crate::js_boundary::to_js;
use crate::model::Locale;
use crate::parse;
use crate::period::Day;
use crate::pretty::pretty;

/// A JavaScript `Error` with `code`, `messageZh` and `messageEn` (the message is the Chinese one).
fn error(code: Code, zh: &str, en: &str) -> JsValue {
    crate::js_boundary::error(code, zh, en, Locale::ZhCn, None)
}

/// An edit's refusal as a JavaScript `Error`.
fn edit_error(e: EditError) -> JsValue {
    error(e.code(), &e.message_zh(), &e.message_en())
}

/// Pretty-prints plan JSON text: two-space indentation, keys in the order of `docs/format.md`,
/// targets, actuals and name lists one per line. Throws an `Error` (`authoring.notJson`) when the
/// text is not JSON.
#[wasm_bindgen(js_name = formatJson)]
pub fn format_json(text: &str) -> Result<String, JsValue> {
    edit::format_json(text).map_err(edit_error)
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
    to_js(&crate::overview::validation(text))
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
    edit::set_actual(
        text,
        index,
        period,
        value,
        state.as_deref(),
        note.as_deref(),
    )
    .map_err(edit_error)
}

/// Sets (a `YYYY-MM-DD` date) or, with `null` or `""`, removes `plan.asOf` in the plan JSON
/// `text`; returns the whole text pretty-printed. Throws an `Error` (`authoring.notJson`,
/// `authoring.date`, `authoring.noPlan`).
#[wasm_bindgen(js_name = setAsOf)]
pub fn set_as_of(text: &str, date: Option<String>) -> Result<String, JsValue> {
    edit::set_as_of(text, date.as_deref()).map_err(edit_error)
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
            Code::AuthoringDate,
            &edit::date_zh(today, &e),
            &edit::date_en(today, &e),
        )
    })?;
    let Some(plan) = parse::load(text).plan else {
        return Err(error(
            Code::AuthoringNoPlan,
            "JSON 还不能使用（见校验结果），无法生成填报表",
            "the JSON has no usable plan yet (see the problems), so there is no sheet to make",
        ));
    };
    let rows = crate::sheet::export::rows(&plan, plan.plan.as_of.unwrap_or(today));
    crate::sheet::export::xlsx(&plan, &rows).map_err(|e| {
        error(
            Code::AuthoringSheet,
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
