//! What the authoring page shows of plan JSON text (`src/authoring.rs` exports it as
//! `validate`): the diagnostics, the plan header and every indicator with its targets and
//! actuals as written, and the periods to offer for new actuals.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::diag::Diagnostic;
use crate::parse;
use crate::period::Period;

/// The plan header's fields as written (empty when absent or not text).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanSummary {
    /// `plan.id`.
    pub id: String,
    /// `plan.title`.
    pub title: String,
    /// `plan.start`.
    pub start: String,
    /// `plan.end`.
    pub end: String,
    /// `plan.asOf`, if it is a string.
    pub as_of: Option<String>,
}

/// One actual as written.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActualRow {
    /// Its period.
    pub period: String,
    /// Its value, if a number.
    pub value: Option<f64>,
    /// Its state, if a string.
    pub state: Option<String>,
    /// Its note, if a string.
    pub note: Option<String>,
}

/// One entry of the file's `indicators`, as written.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IndicatorRow {
    /// Its index in `indicators`.
    pub index: usize,
    /// `id`.
    pub id: String,
    /// `name`.
    pub name: String,
    /// `kind`.
    pub kind: String,
    /// `unit`.
    pub unit: String,
    /// The periods of its targets.
    pub targets: Vec<String>,
    /// Its actuals (a series `{start, values}` listed period by period).
    pub actuals: Vec<ActualRow>,
    /// Whether loading left it out.
    pub rejected: bool,
}

/// What the authoring page shows of plan JSON text: see [`validation`].
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Validation {
    /// No errors.
    pub valid: bool,
    /// The widget can draw it.
    pub usable: bool,
    /// The text is JSON at all.
    pub json: bool,
    /// How many diagnostics are errors.
    pub errors: usize,
    /// How many are warnings.
    pub warnings: usize,
    /// Every diagnostic, as the widget's.
    pub diagnostics: Vec<Diagnostic>,
    /// The plan header, when there is a `plan` object.
    pub plan: Option<PlanSummary>,
    /// Every entry of `indicators` that is an object, rejected ones too.
    pub indicators: Vec<IndicatorRow>,
    /// The periods to offer for actuals.
    pub periods: Vec<String>,
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

/// Validates plan JSON text as the widget and `plan-widget check` do: `{valid, usable,
/// json, errors, warnings, diagnostics, plan, indicators, periods}`: `diagnostics` as the
/// widget's (`severity`, `code`, `path`, `line`, `column`, `messageZh`, `messageEn`), `usable`
/// when the widget can draw it, `json` when the text is JSON at all; `plan` is `{id, title,
/// start, end, asOf}`; `indicators` lists every entry of the file's `indicators` array (also the
/// rejected ones) as `{index, id, name, kind, unit, targets: [period], actuals: [{period, value,
/// state, note}], rejected}` (a series `{start, values}` listed period by period); `periods`
/// are the periods to offer for actuals.
pub fn validation(text: &str) -> Validation {
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
    Validation {
        valid: errors == 0,
        usable: loaded.plan.is_some(),
        json: value.is_some(),
        errors,
        warnings: loaded.diagnostics.len() - errors,
        plan,
        indicators,
        periods,
        diagnostics: loaded.diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_indicators_as_written_with_rejected_ones() {
        let text = r#"{"schemaVersion": 1,
            "plan": {"id": "p", "title": "P", "issuer": "I", "start": "2024", "end": "2025", "asOf": "2024-06-30"},
            "sections": [{"id": "s", "title": "S"}],
            "indicators": [
              {"id": "a", "section": "s", "name": "A", "quote": "A", "kind": "level", "unit": "%",
               "baseline": {"period": "2023", "value": 50},
               "targets": [{"period": "2025", "value": 60}],
               "actuals": {"start": "2024-Q1", "values": [51, null, 52]}},
              {"id": "b", "name": "B", "kind": "nonsense", "unit": "项", "targets": [{"period": "2026-Q2"}]},
              7
            ]}"#;
        let v = validation(text);
        assert!(v.json && !v.valid && v.usable);
        assert_eq!(v.errors + v.warnings, v.diagnostics.len());
        assert_eq!(
            v.errors,
            v.diagnostics.iter().filter(|d| d.is_error()).count()
        );
        assert_eq!(
            v.plan,
            Some(PlanSummary {
                id: "p".into(),
                title: "P".into(),
                start: "2024".into(),
                end: "2025".into(),
                as_of: Some("2024-06-30".into()),
            })
        );
        assert_eq!(v.indicators.len(), 2, "the entry 7 is no object");
        let a = &v.indicators[0];
        assert_eq!((a.index, a.id.as_str(), a.rejected), (0, "a", false));
        assert_eq!(a.targets, ["2025"]);
        let periods: Vec<&str> = a.actuals.iter().map(|x| x.period.as_str()).collect();
        assert_eq!(periods, ["2024-Q1", "2024-Q3"]);
        assert_eq!(a.actuals[1].value, Some(52.0));
        let b = &v.indicators[1];
        assert_eq!(
            (b.index, b.kind.as_str(), b.rejected),
            (1, "nonsense", true)
        );
        // The plan's years with their halves and quarters, then target periods not among them.
        assert_eq!(
            &v.periods[..7],
            ["2024", "2024-H1", "2024-H2", "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]
        );
        assert_eq!(v.periods.len(), 15);
        assert_eq!(v.periods.last().map(String::as_str), Some("2026-Q2"));
    }

    #[test]
    fn text_that_is_not_json() {
        let v = validation("{\"plan\": ");
        assert!(!v.json && !v.valid && !v.usable);
        assert_eq!(v.diagnostics[0].code, crate::diag::Code::Syntax);
        assert_eq!((v.plan, v.indicators.len(), v.periods.len()), (None, 0, 0));
    }
}
