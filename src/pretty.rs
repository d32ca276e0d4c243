//! Plan JSON written the way people read it: two-space indentation, keys in the order of
//! `docs/format.md`, small objects and arrays of scalars on one line. Shared by the authoring
//! page (`src/authoring.rs`) and `plan-widget actuals import`.

use serde_json::{Map, Number, Value};

/// Keys in the order `docs/format.md` writes them, for every kind of object in the file (they are
/// consistent: each object's keys appear here in its documented order). Other keys follow,
/// alphabetically.
const KEY_ORDER: [&str; 33] = [
    "$schema",
    "schemaVersion",
    "plan",
    "sections",
    "indicators",
    "id",
    "section",
    "title",
    "name",
    "issuer",
    "unit",
    "kind",
    "direction",
    "start",
    "end",
    "asOf",
    "source",
    "url",
    "sampleData",
    "locale",
    "baseline",
    "targets",
    "actuals",
    "period",
    "value",
    "min",
    "max",
    "bound",
    "state",
    "quote",
    "leaders",
    "units",
    "note",
];

/// Widest line (in columns, a Chinese character counting two) that a small object or array is
/// written on.
const INLINE_WIDTH: usize = 100;

fn key_rank(k: &str) -> usize {
    KEY_ORDER
        .iter()
        .position(|x| *x == k)
        .unwrap_or(KEY_ORDER.len())
}

fn ordered(map: &Map<String, Value>) -> Vec<(&String, &Value)> {
    let mut entries: Vec<(&String, &Value)> = map.iter().collect();
    entries.sort_by(|a, b| key_rank(a.0).cmp(&key_rank(b.0)).then(a.0.cmp(b.0)));
    entries
}

fn columns(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

fn scalar(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "null".into())
}

/// The one-line form of a container of scalars (`{ "period": "2024", "value": 70 }`), or `None`
/// when it holds a container.
fn inline(v: &Value) -> Option<String> {
    match v {
        Value::Array(a) if a.is_empty() => Some("[]".into()),
        Value::Object(m) if m.is_empty() => Some("{}".into()),
        Value::Array(a) => {
            let parts: Option<Vec<String>> = a
                .iter()
                .map(|x| (!x.is_array() && !x.is_object()).then(|| scalar(x)))
                .collect();
            Some(format!("[{}]", parts?.join(", ")))
        }
        Value::Object(m) => {
            let parts: Option<Vec<String>> = ordered(m)
                .into_iter()
                .map(|(k, x)| {
                    (!x.is_array() && !x.is_object())
                        .then(|| format!("{}: {}", scalar(&Value::String(k.clone())), scalar(x)))
                })
                .collect();
            Some(format!("{{ {} }}", parts?.join(", ")))
        }
        _ => Some(scalar(v)),
    }
}

/// Writes `v` where the current line holds `depth` levels of indentation and `used` more columns
/// (a key).
fn write_value(out: &mut String, v: &Value, depth: usize, used: usize) {
    if !(v.is_array() || v.is_object()) {
        out.push_str(&scalar(v));
        return;
    }
    if let Some(one) = inline(v) {
        if 2 * depth + used + columns(&one) <= INLINE_WIDTH {
            out.push_str(&one);
            return;
        }
    }
    let pad = "  ".repeat(depth + 1);
    let (open, close) = if v.is_array() { ('[', ']') } else { ('{', '}') };
    out.push(open);
    out.push('\n');
    let entries: Vec<(Option<&String>, &Value)> = match v {
        Value::Array(a) => a.iter().map(|x| (None, x)).collect(),
        Value::Object(m) => ordered(m).into_iter().map(|(k, x)| (Some(k), x)).collect(),
        _ => Vec::new(),
    };
    let n = entries.len();
    for (i, (k, x)) in entries.into_iter().enumerate() {
        out.push_str(&pad);
        let key = k
            .map(|k| format!("{}: ", scalar(&Value::String(k.clone()))))
            .unwrap_or_default();
        out.push_str(&key);
        write_value(out, x, depth + 1, columns(&key));
        if i + 1 < n {
            out.push(',');
        }
        out.push('\n');
    }
    out.push_str(&"  ".repeat(depth));
    out.push(close);
}

/// `v` as JSON text: two-space indentation, keys in the format's order, small objects and arrays
/// of scalars on one line, a final newline.
pub fn pretty(v: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, v, 0, 0);
    out.push('\n');
    out
}

/// A number as JSON: whole numbers without a fraction (`70`, not `70.0`); `None` when not finite.
pub fn number(v: f64) -> Option<Value> {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        Some(Value::from(v as i64))
    } else {
        Number::from_f64(v).map(Value::Number)
    }
}
