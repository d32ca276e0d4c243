//! The options object read from JSON text with the crate's own reader ([`crate::json`]), refused
//! in the words serde's derived reader used before: `unknown field `colour`, expected one of …`,
//! `invalid type: integer `3`, expected a string`, `duplicate field `lang``, each with serde_json's
//! ` at line L column C`. (Unlike serde, a syntax error anywhere in the text is reported before
//! a field error, and an array is no options object; the widget's options come from
//! `JSON.stringify` of an object, so neither happens there.)

use std::collections::BTreeMap;

use crate::json::{self, Node, Number, Value};

use super::{JsFilter, JsOptions};

const OPTION_FIELDS: &[&str] = &[
    "view",
    "indicator",
    "lang",
    "theme",
    "asOf",
    "colors",
    "fontFamily",
    "fontScale",
    "focus",
    "filter",
    "today",
];
const FILTER_FIELDS: &[&str] = &["sections", "statuses", "units"];

/// The options of JSON text `text`, or serde's explanation of why they are none.
pub(super) fn read(text: &str) -> Result<JsOptions, String> {
    let parsed = json::parse(text).map_err(|e| e.to_string())?;
    let r = Reader { text };
    r.options(&parsed.root)
}

struct Reader<'t> {
    text: &'t str,
}

impl Reader<'_> {
    /// serde_json's ` at line L column C` for byte offset `at`.
    fn at(&self, message: String, at: usize) -> String {
        let before = self
            .text
            .as_bytes()
            .get(..at)
            .unwrap_or(self.text.as_bytes());
        let line_start = before
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(0, |p| p + 1);
        let line = 1 + before[..line_start].iter().filter(|&&c| c == b'\n').count();
        format!(
            "{message} at line {line} column {}",
            before.len() - line_start
        )
    }

    /// `invalid type: …, expected …`, where serde_json reports it: past a scalar, at a container.
    fn invalid_type(&self, v: &Node, expected: &str) -> String {
        let at = match v.value {
            Value::Array(_) | Value::Object(_) => v.start,
            _ => v.end,
        };
        self.at(
            format!("invalid type: {}, expected {expected}", unexpected(v)),
            at,
        )
    }

    /// The members of an object read as struct `name` with `fields`, each key once.
    fn members<'n, 'a>(
        &self,
        v: &'n Node<'a>,
        name: &str,
        fields: &[&str],
    ) -> Result<Vec<(&'n str, &'n Node<'a>)>, String> {
        let Value::Object(o) = &v.value else {
            return Err(self.invalid_type(v, &format!("struct {name}")));
        };
        let mut out: Vec<(&str, &Node)> = Vec::new();
        for m in &o.members {
            // serde_json reports a key's error just past its closing quote.
            let after_key = m.key_at + key_len(self.text, m.key_at);
            if !fields.contains(&m.key.as_ref()) {
                let list: Vec<String> = fields.iter().map(|f| format!("`{f}`")).collect();
                return Err(self.at(
                    format!(
                        "unknown field `{}`, expected one of {}",
                        m.key,
                        list.join(", ")
                    ),
                    after_key,
                ));
            }
            if out.iter().any(|(k, _)| *k == m.key) {
                return Err(self.at(format!("duplicate field `{}`", m.key), after_key));
            }
            out.push((&m.key, &m.value));
        }
        Ok(out)
    }

    fn options(&self, v: &Node) -> Result<JsOptions, String> {
        let mut o = JsOptions::default();
        for (key, value) in self.members(v, "JsOptions", OPTION_FIELDS)? {
            if matches!(value.value, Value::Null) {
                continue;
            }
            match key {
                "view" => o.view = Some(self.string(value)?),
                "indicator" => o.indicator = Some(self.string(value)?),
                "lang" => o.lang = Some(self.string(value)?),
                "theme" => o.theme = Some(self.string(value)?),
                "asOf" => o.as_of = Some(self.string(value)?),
                "colors" => o.colors = Some(self.colors(value)?),
                "fontFamily" => o.font_family = Some(self.string(value)?),
                "fontScale" => match &value.value {
                    Value::Number(n) => o.font_scale = Some(n.as_f64() as f32),
                    _ => return Err(self.invalid_type(value, "f32")),
                },
                "focus" => o.focus = Some(self.string(value)?),
                "filter" => o.filter = Some(self.filter(value)?),
                _ => o.today = Some(self.string(value)?),
            }
        }
        Ok(o)
    }

    fn string(&self, v: &Node) -> Result<String, String> {
        v.as_str()
            .map(str::to_string)
            .ok_or_else(|| self.invalid_type(v, "a string"))
    }

    fn strings(&self, v: &Node) -> Result<Vec<String>, String> {
        let items = v
            .as_array()
            .ok_or_else(|| self.invalid_type(v, "a sequence"))?;
        items.iter().map(|item| self.string(item)).collect()
    }

    fn colors(&self, v: &Node) -> Result<BTreeMap<String, String>, String> {
        let Value::Object(o) = &v.value else {
            return Err(self.invalid_type(v, "a map"));
        };
        let mut out = BTreeMap::new();
        for m in &o.members {
            out.insert(m.key.to_string(), self.string(&m.value)?);
        }
        Ok(out)
    }

    fn filter(&self, v: &Node) -> Result<JsFilter, String> {
        let mut f = JsFilter::default();
        for (key, value) in self.members(v, "JsFilter", FILTER_FIELDS)? {
            let list = self.strings(value)?;
            match key {
                "sections" => f.sections = list,
                "statuses" => f.statuses = list,
                _ => f.units = list,
            }
        }
        Ok(f)
    }
}

/// Bytes of the string literal whose opening quote is at `at`, both quotes included.
fn key_len(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = at + 1;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => i += 2,
            b'"' => return i + 1 - at,
            _ => i += 1,
        }
    }
    bytes.len().saturating_sub(at)
}

/// serde's `Unexpected` wording of a value, as serde_json gives it.
fn unexpected(v: &Node) -> String {
    match &v.value {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(Number::U64(u)) => format!("integer `{u}`"),
        Value::Number(Number::I64(i)) => format!("integer `{i}`"),
        // serde_json words floats as it prints them: `1.0`, `1e+21`.
        Value::Number(n @ Number::F64(_)) => format!("floating point `{n}`"),
        Value::String(s) => format!("string {s:?}"),
        Value::Array(_) => "sequence".into(),
        Value::Object(_) => "map".into(),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::super::JsOptions;

    #[test]
    fn refusals_read_as_serde_worded_them() {
        for text in [
            "null",
            "\"dashboard\"",
            "3",
            "-2.5",
            "true",
            "{}",
            "{\"colour\": \"red\"}",
            "{\n  \"lang\": \"en\",\n  \"colour\": \"red\"}",
            "{\"fontScale\": \"big\"}",
            "{\"fontScale\": [1]}",
            "{\"fontScale\": {\"a\": 1}}",
            "{\"fontScale\": 1.5, \"fontScale\": 2}",
            "{\"filter\": {\"status\": []}}",
            "{\"filter\": {\"units\": null}}",
            "{\"filter\": {\"units\": [\"a\", 3]}}",
            "{\"filter\": {\"units\": \"a\"}}",
            "{\"filter\": 7}",
            "{\"view\": 3}",
            "{\"view\": -3}",
            "{\"view\": 3.0}",
            "{\"view\": 1e21}",
            "{\"view\": false}",
            "{\"view\": \"a\\\"b\\n中\"}",
            "{\"view\": null, \"lang\": null}",
            "{\"colors\": {\"text\": 1}}",
            "{\"colors\": []}",
            "{\"colors\": {\"a\": \"x\", \"a\": \"y\"}}",
            "{\"lang\": \"en\"",
            "{\"lang\": \"en\",}",
            "{\"\\u0076iew\": \"x\", \"view\": \"y\"}",
        ] {
            let ours = super::read(text).map(|_| ());
            let theirs = serde_json::from_str::<JsOptions>(text)
                .map(|_| ())
                .map_err(|e| e.to_string());
            assert_eq!(ours, theirs, "{text}");
        }
    }
}
