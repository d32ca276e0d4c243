//! Editing plan JSON text, as the authoring page does (`src/authoring.rs` exports these): write
//! one actual or the as-of date, and return the whole text pretty-printed ([`crate::pretty`]).
//! Plain functions over strings; every refusal is an [`EditError`] with its code and messages in
//! Chinese and English.

use std::fmt;

use serde_json::{Map, Value};

use crate::diag::Code;
use crate::model::TaskState;
use crate::parse;
use crate::period::{Day, Period, PeriodError};
use crate::pretty::{number, pretty};

/// Why an edit was refused. The text is left as it was.
#[derive(Clone, Debug, PartialEq)]
pub enum EditError {
    /// The text is not JSON: the syntax error's 1-based line and column.
    NotJson {
        /// Line of the syntax error.
        line: usize,
        /// Column of the syntax error.
        column: usize,
    },
    /// The period of an actual is in none of the six forms.
    Period {
        /// The period given (trimmed).
        text: String,
        /// What is wrong with it.
        error: PeriodError,
    },
    /// The value of an actual is not a finite number.
    Value,
    /// The state of an actual is not one of the four states.
    State(String),
    /// The file's `indicators` has no entry (or no object) at this 0-based index.
    NoIndicator(usize),
    /// The indicator's `actuals` is neither an array nor a valid series `{start, values}`.
    Actuals,
    /// The as-of date is not `YYYY-MM-DD`.
    Date {
        /// The date given (trimmed).
        text: String,
        /// What is wrong with it.
        error: PeriodError,
    },
    /// The JSON has no `plan` object.
    NoPlan,
}

impl EditError {
    /// The stable code (`authoring.*`).
    pub fn code(&self) -> Code {
        match self {
            EditError::NotJson { .. } => Code::AuthoringNotJson,
            EditError::Period { .. } => Code::AuthoringPeriod,
            EditError::Value => Code::AuthoringValue,
            EditError::State(_) => Code::AuthoringState,
            EditError::NoIndicator(_) | EditError::Actuals => Code::AuthoringNoIndicator,
            EditError::Date { .. } => Code::AuthoringDate,
            EditError::NoPlan => Code::AuthoringNoPlan,
        }
    }

    /// The message in Chinese.
    pub fn message_zh(&self) -> String {
        match self {
            EditError::NotJson { line, column } => {
                format!("JSON 语法错误（第 {line} 行第 {column} 列），请先修正")
            }
            EditError::Period { text, error } => format!(
                "期间“{text}”无效：{}。可写 2024、2024-H1、2024-Q3、2024-06、2024-06-30 或 2023/2024",
                error.zh()
            ),
            EditError::Value => "数值无效".into(),
            EditError::State(s) => {
                format!("状态“{s}”无效：可用 notStarted、inProgress、done、blocked")
            }
            EditError::NoIndicator(index) => format!("找不到第 {} 项指标", index + 1),
            EditError::Actuals => "该指标的 actuals 既不是数组，也不是有效的序列 {start, values}，请先在 JSON 中修正".into(),
            EditError::Date { text, error } => date_zh(text, error),
            EditError::NoPlan => "JSON 中没有 plan 对象".into(),
        }
    }

    /// The message in English.
    pub fn message_en(&self) -> String {
        match self {
            EditError::NotJson { line, column } => {
                format!("JSON syntax error at line {line}, column {column}; fix it first")
            }
            EditError::Period { text, error } => format!(
                "invalid period \"{text}\": {}. Use 2024, 2024-H1, 2024-Q3, 2024-06, 2024-06-30 or 2023/2024",
                error.en()
            ),
            EditError::Value => "the value is not a finite number".into(),
            EditError::State(s) => {
                format!("unknown state \"{s}\": use notStarted, inProgress, done or blocked")
            }
            EditError::NoIndicator(index) => {
                format!("there is no indicator number {}", index + 1)
            }
            EditError::Actuals => "this indicator's actuals is neither an array nor a valid series {start, values}; fix it in the JSON first".into(),
            EditError::Date { text, error } => date_en(text, error),
            EditError::NoPlan => "the JSON has no plan object".into(),
        }
    }
}

/// `日期“…”无效：…`, for the as-of date here and the authoring page's other dates.
pub fn date_zh(text: &str, error: &PeriodError) -> String {
    format!("日期“{text}”无效：{}", error.zh())
}

/// `invalid date "…": …`, for the as-of date here and the authoring page's other dates.
pub fn date_en(text: &str, error: &PeriodError) -> String {
    format!("invalid date \"{text}\": {}", error.en())
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code(), self.message_en())
    }
}

impl std::error::Error for EditError {}

/// Plan JSON text (a leading byte-order mark allowed) as a JSON value.
pub fn parse_json(text: &str) -> Result<Value, EditError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str(body).map_err(|e| EditError::NotJson {
        line: e.line(),
        column: e.column(),
    })
}

/// Pretty-prints plan JSON text: two-space indentation, keys in the order of `docs/format.md`,
/// targets, actuals and name lists one per line.
pub fn format_json(text: &str) -> Result<String, EditError> {
    Ok(pretty(&parse_json(text)?))
}

/// Writes one actual into indicator `index` of the plan JSON `text` and returns the whole text
/// pretty-printed. The actual for the same period is replaced; with neither `value` nor `state`
/// it is removed. Actuals stay in period order (stable: actuals whose period cannot be read keep
/// their order, after the readable ones). Actuals written as a series `{start, values}` are
/// rewritten in the list form first. `state` is `notStarted`, `inProgress`, `done` or `blocked`;
/// an empty `state` or `note` counts as none.
pub fn set_actual(
    text: &str,
    index: usize,
    period: &str,
    value: Option<f64>,
    state: Option<&str>,
    note: Option<&str>,
) -> Result<String, EditError> {
    let mut doc = parse_json(text)?;
    let period_text = period.trim();
    let wanted = Period::parse(period_text).map_err(|error| EditError::Period {
        text: period_text.to_string(),
        error,
    })?;
    let value = match value {
        Some(v) => Some(number(v).ok_or(EditError::Value)?),
        None => None,
    };
    let state = match state.map(str::trim) {
        None | Some("") => None,
        Some(s) if TaskState::parse(s).is_some() => Some(s.to_string()),
        Some(s) => return Err(EditError::State(s.to_string())),
    };
    let Some(ind) = doc
        .get_mut("indicators")
        .and_then(Value::as_array_mut)
        .and_then(|a| a.get_mut(index))
        .and_then(Value::as_object_mut)
    else {
        return Err(EditError::NoIndicator(index));
    };
    // A series `{start, values}` is written out in the list form first, then edited like it.
    let mut actuals = match ind.remove("actuals") {
        None => Vec::new(),
        Some(Value::Array(a)) => a,
        Some(other) => match parse::series_to_list(&other) {
            Some(list) => list,
            None => return Err(EditError::Actuals),
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
        if let Some(n) = note.map(str::trim).filter(|n| !n.is_empty()) {
            m.insert("note".into(), Value::String(n.to_string()));
        }
        actuals.push(Value::Object(m));
    }
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

/// Sets (a `YYYY-MM-DD` date) or, with `None` or `""`, removes `plan.asOf` in the plan JSON
/// `text`; returns the whole text pretty-printed.
pub fn set_as_of(text: &str, date: Option<&str>) -> Result<String, EditError> {
    let mut doc = parse_json(text)?;
    let date = date.map(str::trim).filter(|d| !d.is_empty());
    if let Some(d) = date {
        Day::parse(d).map_err(|error| EditError::Date {
            text: d.to_string(),
            error,
        })?;
    }
    let Some(plan) = doc.get_mut("plan").and_then(Value::as_object_mut) else {
        return Err(EditError::NoPlan);
    };
    match date {
        Some(d) => plan.insert("asOf".into(), Value::String(d.to_string())),
        None => plan.remove("asOf"),
    };
    Ok(pretty(&doc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A plan whose indicator 0 has `actuals` as given (or none).
    fn plan(actuals: Option<Value>) -> String {
        let mut ind = json!({"id": "a", "name": "A", "kind": "level", "unit": "%"});
        if let Some(a) = actuals {
            ind["actuals"] = a;
        }
        json!({"schemaVersion": 1, "plan": {"id": "p", "title": "P"}, "indicators": [ind]})
            .to_string()
    }

    fn actuals(text: &str) -> Value {
        serde_json::from_str::<Value>(text).unwrap()["indicators"][0]["actuals"].clone()
    }

    #[test]
    fn format_json_orders_keys_and_refuses_non_json() {
        let out = format_json(
            "\u{feff}{\"plan\": {\"title\": \"T\", \"id\": \"p\"}, \"schemaVersion\": 1}",
        )
        .unwrap();
        assert!(out.find("schemaVersion").unwrap() < out.find("plan").unwrap());
        assert!(out.find("\"id\"").unwrap() < out.find("\"title\"").unwrap());
        let e = format_json("{\n  \"a\": }").unwrap_err();
        assert_eq!(e, EditError::NotJson { line: 2, column: 8 });
        assert_eq!(e.code(), Code::AuthoringNotJson);
        assert_eq!(e.message_zh(), "JSON 语法错误（第 2 行第 8 列），请先修正");
        assert_eq!(
            e.message_en(),
            "JSON syntax error at line 2, column 8; fix it first"
        );
    }

    #[test]
    fn set_actual_adds_replaces_and_keeps_period_order() {
        let t = set_actual(&plan(None), 0, " 2024 ", Some(5.0), None, Some("  ")).unwrap();
        assert_eq!(actuals(&t), json!([{"period": "2024", "value": 5}]));
        let t = set_actual(&t, 0, "2023", Some(4.5), None, Some(" est. ")).unwrap();
        let t = set_actual(&t, 0, "2024", Some(6.0), None, None).unwrap();
        assert_eq!(
            actuals(&t),
            json!([{"period": "2023", "value": 4.5, "note": "est."}, {"period": "2024", "value": 6}])
        );
        // The same period written another way is the same actual; nothing given removes it.
        let t = set_actual(&t, 0, "2023", None, Some(""), None).unwrap();
        assert_eq!(actuals(&t), json!([{"period": "2024", "value": 6}]));
        let t = set_actual(&t, 0, "2024", None, None, None).unwrap();
        assert_eq!(actuals(&t), Value::Null, "no empty actuals array is left");
    }

    #[test]
    fn set_actual_state_and_unreadable_periods() {
        let t = plan(Some(
            json!([{"period": "later", "value": 1}, {"period": "2025", "value": 2}]),
        ));
        let t = set_actual(&t, 0, "2024-Q3", None, Some(" done "), None).unwrap();
        assert_eq!(
            actuals(&t),
            json!([
                {"period": "2024-Q3", "state": "done"},
                {"period": "2025", "value": 2},
                {"period": "later", "value": 1}
            ])
        );
    }

    #[test]
    fn set_actual_rewrites_a_series_as_a_list() {
        let t = plan(Some(json!({"start": "2021", "values": [1, 2]})));
        let t = set_actual(&t, 0, "2023", Some(3.0), None, None).unwrap();
        assert_eq!(
            actuals(&t),
            json!([
                {"period": "2021", "value": 1},
                {"period": "2022", "value": 2},
                {"period": "2023", "value": 3}
            ])
        );
    }

    #[test]
    fn set_actual_refusals() {
        let t = plan(None);
        let period = set_actual(&t, 0, "2024-Q5", Some(1.0), None, None).unwrap_err();
        assert_eq!(
            period,
            EditError::Period {
                text: "2024-Q5".into(),
                error: Period::parse("2024-Q5").unwrap_err()
            }
        );
        assert_eq!(period.code(), Code::AuthoringPeriod);
        assert!(period.message_zh().starts_with("期间“2024-Q5”无效："));
        assert!(period
            .message_en()
            .ends_with(". Use 2024, 2024-H1, 2024-Q3, 2024-06, 2024-06-30 or 2023/2024"));
        let value = set_actual(&t, 0, "2024", Some(f64::NAN), None, None).unwrap_err();
        assert_eq!(
            (value.code(), value.message_zh()),
            (Code::AuthoringValue, "数值无效".into())
        );
        let state = set_actual(&t, 0, "2024", None, Some("finished"), None).unwrap_err();
        assert_eq!(state, EditError::State("finished".into()));
        assert_eq!(
            state.message_en(),
            "unknown state \"finished\": use notStarted, inProgress, done or blocked"
        );
        let missing = set_actual(&t, 3, "2024", Some(1.0), None, None).unwrap_err();
        assert_eq!(missing.code(), Code::AuthoringNoIndicator);
        assert_eq!(missing.message_zh(), "找不到第 4 项指标");
        assert_eq!(missing.message_en(), "there is no indicator number 4");
        let odd = plan(Some(json!({"start": "2021"})));
        let actuals_error = set_actual(&odd, 0, "2024", Some(1.0), None, None).unwrap_err();
        assert_eq!(actuals_error, EditError::Actuals);
        assert_eq!(actuals_error.code(), Code::AuthoringNoIndicator);
        assert!(matches!(
            set_actual("[", 0, "2024", Some(1.0), None, None),
            Err(EditError::NotJson { .. })
        ));
    }

    #[test]
    fn set_as_of_sets_and_removes() {
        let t = set_as_of(&plan(None), Some(" 2024-06-30 ")).unwrap();
        let v: Value = serde_json::from_str(&t).unwrap();
        assert_eq!(v["plan"]["asOf"], json!("2024-06-30"));
        for none in [None, Some(""), Some("  ")] {
            let cleared: Value = serde_json::from_str(&set_as_of(&t, none).unwrap()).unwrap();
            assert_eq!(cleared["plan"].get("asOf"), None);
        }
    }

    #[test]
    fn set_as_of_refusals() {
        let e = set_as_of(&plan(None), Some("2024-02-30")).unwrap_err();
        let error = Day::parse("2024-02-30").unwrap_err();
        assert_eq!(e.code(), Code::AuthoringDate);
        assert_eq!(
            e.message_zh(),
            format!("日期“2024-02-30”无效：{}", error.zh())
        );
        assert_eq!(
            e.message_en(),
            format!("invalid date \"2024-02-30\": {}", error.en())
        );
        let e = set_as_of("{\"indicators\": []}", Some("2024-01-01")).unwrap_err();
        assert_eq!(e, EditError::NoPlan);
        assert_eq!(
            (e.code(), e.message_zh(), e.message_en()),
            (
                Code::AuthoringNoPlan,
                "JSON 中没有 plan 对象".into(),
                "the JSON has no plan object".into()
            )
        );
    }
}
