//! Reading one value: the primitives every part of the file is read with (objects, strings,
//! ids, numbers, periods, name lists, arrays), each reporting a located diagnostic.

use super::*;
use crate::period::Period;

pub(super) fn type_name(v: &Node) -> (&'static str, &'static str) {
    match &v.value {
        Value::Null => ("null", "null"),
        Value::Bool(_) => ("布尔值", "a boolean"),
        Value::Number(_) => ("数字", "a number"),
        Value::String(_) => ("字符串", "a string"),
        Value::Array(_) => ("数组", "an array"),
        Value::Object(_) => ("对象", "an object"),
    }
}

/// What a field should hold, for type errors.
#[derive(Clone, Copy)]
pub(super) enum Want {
    Object,
    Array,
    String,
    Number,
    Bool,
    /// An entry of a series' `values`.
    NumberOrNull,
    /// `actuals`: a list, or a series `{start, values}`.
    Actuals,
}

impl Want {
    fn names(self) -> (&'static str, &'static str) {
        match self {
            Want::Object => ("对象", "an object"),
            Want::Array => ("数组", "an array"),
            Want::String => ("字符串", "a string"),
            Want::Number => ("数字", "a number"),
            Want::Bool => ("布尔值 true 或 false", "true or false"),
            Want::NumberOrNull => ("数字或 null", "a number or null"),
            Want::Actuals => (
                "数组，或序列对象 {start, values}",
                "an array, or a series object {start, values}",
            ),
        }
    }
}

impl Cx<'_> {
    pub(super) fn push(&mut self, code: Code, path: &str, zh: String, en: String) {
        self.diags.push(Diagnostic::new(code, path, zh, en));
    }

    /// [`Cx::push`] at a path written out only now.
    pub(super) fn push_at(&mut self, code: Code, at: &Path, zh: String, en: String) {
        self.push(code, &at.build(), zh, en);
    }

    pub(super) fn error_count(&self) -> usize {
        self.diags.iter().filter(|d| d.is_error()).count()
    }

    pub(super) fn wrong_type(&mut self, at: &Path, want: Want, got: &Node) {
        let (wz, we) = want.names();
        let (gz, ge) = type_name(got);
        self.push_at(
            Code::WrongType,
            at,
            format!("应为{wz}，实为{gz}"),
            format!("expected {we}, found {ge}"),
        );
    }

    pub(super) fn missing(&mut self, at: &Path, field: &str) {
        self.push_at(
            Code::MissingField,
            &at.key(field),
            format!("缺少必填字段“{field}”"),
            format!("the required field \"{field}\" is missing"),
        );
    }

    pub(super) fn not_for(&mut self, kind: Kind, at: &Path, what_zh: &str, what_en: &str) {
        let kname = kind.as_str();
        self.push_at(
            Code::NotForKind,
            at,
            format!("“{kname}”类指标不使用{what_zh}"),
            format!("a \"{kname}\" indicator has no {what_en}"),
        );
    }

    pub(super) fn needed(&mut self, kind: Kind, at: &Path, what_zh: &str, what_en: &str) {
        let kname = kind.as_str();
        self.push_at(
            Code::NeededForKind,
            at,
            format!("“{kname}”类指标需要{what_zh}"),
            format!("a \"{kname}\" indicator needs {what_en}"),
        );
    }

    pub(super) fn object<'v, 't>(
        &mut self,
        v: &'v Node<'t>,
        at: &Path,
        allowed: &[&str],
    ) -> Option<&'v Object<'t>> {
        let Value::Object(map) = &v.value else {
            self.wrong_type(at, Want::Object, v);
            return None;
        };
        // Each key once and in sorted order, as serde_json's map held them.
        for (key, _) in map.sorted() {
            if !allowed.contains(&key) {
                let hint = allowed
                    .iter()
                    .map(|a| (strsim::damerau_levenshtein(a, key), *a))
                    .filter(|(d, _)| *d <= 2)
                    .min()
                    .map(|(_, a)| a);
                let (hz, he) = match hint {
                    Some(a) => (
                        format!("，是否应为“{a}”？"),
                        format!("; did you mean \"{a}\"?"),
                    ),
                    None => (
                        format!("；可用字段：{}", allowed.join("、")),
                        format!("; allowed fields: {}", allowed.join(", ")),
                    ),
                };
                self.push_at(
                    Code::UnknownField,
                    &at.key(key),
                    format!("未定义的字段“{key}”{hz}"),
                    format!("unknown field \"{key}\"{he}"),
                );
            }
        }
        Some(map)
    }

    /// A string within the length cap, borrowed.
    pub(super) fn str_of<'v, 't>(&mut self, v: &'v Node<'t>, at: &Path) -> Option<&'v str> {
        let Value::String(s) = &v.value else {
            self.wrong_type(at, Want::String, v);
            return None;
        };
        let max = self.limits.string_chars;
        if s.len() > max && s.chars().count() > max {
            self.push_at(
                Code::LimitStringLength,
                at,
                format!("字符串有 {} 个字符，超过上限 {max}", s.chars().count()),
                format!(
                    "the string has {} characters, more than the limit of {max}",
                    s.chars().count()
                ),
            );
            return None;
        }
        Some(s)
    }

    /// A string without its hidden characters, warning (`text.hidden`) when it had any.
    pub(super) fn string(&mut self, v: &Node, at: &Path) -> Option<String> {
        let s = self.str_of(v, at)?;
        self.diags.extend(crate::hidden::warning(s, || at.build()));
        Some(crate::hidden::strip(s).into_owned())
    }

    pub(super) fn nonempty(&mut self, v: &Node, at: &Path) -> Option<String> {
        let s = self.string(v, at)?;
        if s.trim().is_empty() {
            self.push_at(
                Code::EmptyString,
                at,
                "不能为空".into(),
                "must not be empty".into(),
            );
            return None;
        }
        Some(s)
    }

    /// A required field and its path.
    pub(super) fn req<'v, 't, 'p>(
        &mut self,
        map: &'v Object<'t>,
        at: &'p Path<'p>,
        field: &'p str,
    ) -> Option<(&'v Node<'t>, Path<'p>)> {
        match map.get(field) {
            Some(v) => Some((v, at.key(field))),
            None => {
                self.missing(at, field);
                None
            }
        }
    }

    pub(super) fn req_text(&mut self, map: &Object, at: &Path, field: &str) -> Option<String> {
        let (v, p) = self.req(map, at, field)?;
        self.nonempty(v, &p)
    }

    /// An optional field: `Ok(None)` when absent, `Err(())` when present but invalid.
    pub(super) fn opt_text(
        &mut self,
        map: &Object,
        at: &Path,
        field: &str,
    ) -> Result<Option<String>, ()> {
        match map.get(field) {
            None => Ok(None),
            Some(v) => self.string(v, &at.key(field)).map(Some).ok_or(()),
        }
    }

    pub(super) fn id(&mut self, map: &Object, at: &Path) -> Option<String> {
        let (v, p) = self.req(map, at, "id")?;
        // As written: hidden characters make an id invalid rather than silently equal another.
        let s = self.str_of(v, &p)?.to_string();
        let ok = !s.is_empty()
            && s.len() <= 64
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
        if !ok {
            self.push_at(
                Code::BadId,
                &p,
                format!("标识“{s}”无效：应为 1–64 个英文字母、数字或 - _ ."),
                format!("invalid id \"{s}\": use 1-64 ASCII letters, digits, '-', '_' or '.'"),
            );
            return None;
        }
        Some(s)
    }

    pub(super) fn number(&mut self, v: &Node, at: &Path) -> Option<f64> {
        match v.as_f64() {
            Some(x) if x.is_finite() => Some(x),
            _ => {
                self.wrong_type(at, Want::Number, v);
                None
            }
        }
    }

    pub(super) fn period(&mut self, v: &Node, at: &Path) -> Option<Period> {
        let s = self.str_of(v, at)?;
        match Period::parse(s) {
            Ok(p) => Some(p),
            Err(e) => {
                self.push_at(
                    Code::BadPeriod,
                    at,
                    format!("无法识别的期间“{s}”：{}", e.zh()),
                    format!("unrecognised period \"{s}\": {}", e.en()),
                );
                None
            }
        }
    }

    pub(super) fn names(
        &mut self,
        map: &Object,
        at: &Path,
        field: &str,
    ) -> Result<Vec<String>, ()> {
        let Some(v) = map.get(field) else {
            return Ok(Vec::new());
        };
        let p = at.key(field);
        let Value::Array(items) = &v.value else {
            self.wrong_type(&p, Want::Array, v);
            return Err(());
        };
        if items.len() > self.limits.names {
            self.push_at(
                Code::LimitNames,
                &p,
                format!("列有 {} 项，超过上限 {}", items.len(), self.limits.names),
                format!(
                    "{} entries, more than the limit of {}",
                    items.len(),
                    self.limits.names
                ),
            );
            return Err(());
        }
        let before = self.error_count();
        let out: Vec<String> = items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| self.nonempty(item, &p.index(i)))
            .collect();
        if self.error_count() > before {
            Err(())
        } else {
            Ok(out)
        }
    }

    pub(super) fn enumerated<T>(
        &mut self,
        v: &Node,
        at: &Path,
        parse: impl Fn(&str) -> Option<T>,
        allowed: &[&str],
    ) -> Option<T> {
        let s = self.str_of(v, at)?;
        match parse(s) {
            Some(t) => Some(t),
            None => {
                self.push_at(
                    Code::UnknownValue,
                    at,
                    format!("无法识别的取值“{s}”，可用：{}", allowed.join("、")),
                    format!(
                        "unrecognised value \"{s}\"; allowed: {}",
                        allowed.join(", ")
                    ),
                );
                None
            }
        }
    }

    pub(super) fn array<'v, 't>(
        &mut self,
        map: &'v Object<'t>,
        at: &Path,
        field: &str,
        required: bool,
    ) -> Option<&'v Vec<Node<'t>>> {
        match map.get(field) {
            None if required => {
                self.missing(at, field);
                None
            }
            None => None,
            Some(Node {
                value: Value::Array(items),
                ..
            }) => Some(items),
            Some(other) => {
                self.wrong_type(&at.key(field), Want::Array, other);
                None
            }
        }
    }
}
