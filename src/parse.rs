//! JSON text (or an already-parsed JSON value) → validated [`Plan`], with every problem found at
//! once, located and explained in Chinese and English.
//!
//! Policy: an indicator with any error is left out (and listed in [`Loaded::rejected`]); the
//! others are kept. Errors in the top level or in a required header field leave no plan.

use std::collections::HashSet;

use serde_json::{Map, Value};

use crate::diag::{Code, Diagnostic};
use crate::dupkeys::Repeated;
use crate::locate::{self, Path};
use crate::model::*;
use crate::period::{Day, Period, MAX_YEAR};

/// Size caps. The defaults are documented in `docs/format.md`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of JSON text.
    pub file_bytes: usize,
    /// Sections in a file.
    pub sections: usize,
    /// Indicators in a file.
    pub indicators: usize,
    /// Targets per indicator.
    pub targets: usize,
    /// Actuals per indicator.
    pub actuals: usize,
    /// Actuals in a file.
    pub total_actuals: usize,
    /// Characters in any string.
    pub string_chars: usize,
    /// Entries in a `leaders` or `units` list.
    pub names: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            file_bytes: 20 * 1024 * 1024,
            sections: 1_000,
            indicators: 10_000,
            targets: 100,
            actuals: 200_000,
            total_actuals: 1_000_000,
            string_chars: 2_000,
            names: 50,
        }
    }
}

/// An indicator left out because of errors.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Rejected {
    /// Its position in `indicators`.
    pub index: usize,
    /// Its id, when it had a readable one.
    pub id: Option<String>,
    /// Its name, when it had a readable one.
    pub name: Option<String>,
}

/// What loading a file produced.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The usable plan (valid indicators only), or `None` when the file has no usable header.
    pub plan: Option<Plan>,
    /// Every error and warning, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// Indicators left out because of errors.
    pub rejected: Vec<Rejected>,
}

impl Loaded {
    /// The errors (warnings excluded).
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }

    /// True when there is no error (warnings allowed).
    pub fn is_valid(&self) -> bool {
        self.errors().next().is_none()
    }
}

/// Loads plan JSON text with the default [`Limits`].
pub fn load(text: &str) -> Loaded {
    load_with(text, &Limits::default())
}

/// Loads plan JSON text with the given limits. Never panics.
pub fn load_with(text: &str, limits: &Limits) -> Loaded {
    if text.len() > limits.file_bytes {
        return fatal(Diagnostic::new(
            Code::LimitFileSize,
            "",
            format!(
                "文件大小 {} 字节，超过上限 {} 字节（{} MiB）",
                text.len(),
                limits.file_bytes,
                limits.file_bytes / (1024 * 1024)
            ),
            format!(
                "the file has {} bytes, more than the limit of {} bytes ({} MiB)",
                text.len(),
                limits.file_bytes,
                limits.file_bytes / (1024 * 1024)
            ),
        ));
    }
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = match serde_json::from_str(body) {
        Ok(v) => v,
        Err(e) => return fatal(syntax_diagnostic(body, &e)),
    };
    let repeated = crate::dupkeys::repeated_keys(body);
    let mut loaded = load_parsed(&value, limits, &repeated);
    let paths: Vec<&str> = loaded.diagnostics.iter().map(|d| d.path.as_str()).collect();
    let positions = locate::locate(body, &paths);
    for (d, pos) in loaded.diagnostics.iter_mut().zip(positions) {
        if let Some((line, column)) = pos {
            d.line = Some(line);
            d.column = Some(column);
        }
    }
    // Located at the repetition itself, which a path alone cannot name.
    loaded
        .diagnostics
        .extend(repeated.iter().map(|r| r.diagnostic(body)));
    // File order (stable, so diagnostics at one place keep the order they were found in).
    loaded
        .diagnostics
        .sort_by_key(|d| (d.line.unwrap_or(usize::MAX), d.column.unwrap_or(usize::MAX)));
    loaded
}

/// Loads an already-parsed JSON value (e.g. an object handed over from JavaScript). Diagnostics
/// carry paths but no line or column.
pub fn load_value(value: &Value) -> Loaded {
    load_value_with(value, &Limits::default())
}

/// [`load_value`] with explicit limits.
pub fn load_value_with(value: &Value, limits: &Limits) -> Loaded {
    load_parsed(value, limits, &[])
}

/// Loads a parsed value whose text repeated the given keys.
fn load_parsed(value: &Value, limits: &Limits, repeated: &[Repeated]) -> Loaded {
    let mut cx = Cx {
        diags: Vec::new(),
        limits,
        repeated_in: repeated.iter().filter_map(Repeated::indicator).collect(),
        repeated_outside: repeated.iter().any(|r| r.indicator().is_none()),
    };
    let (plan, rejected) = cx.file(value);
    Loaded {
        plan,
        diagnostics: cx.diags,
        rejected,
    }
}

fn fatal(d: Diagnostic) -> Loaded {
    Loaded {
        plan: None,
        diagnostics: vec![d],
        rejected: Vec::new(),
    }
}

/// A syntax error with a character-based column and a Chinese explanation.
fn syntax_diagnostic(text: &str, e: &serde_json::Error) -> Diagnostic {
    let (line, byte_col) = (e.line(), e.column());
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let line_text = text.get(line_start..).unwrap_or("");
    let mut end = byte_col.min(line_text.len());
    while end > 0 && !line_text.is_char_boundary(end) {
        end -= 1;
    }
    let column = line_text[..end].chars().count().max(1);
    let full = e.to_string();
    let en = full
        .rsplit_once(" at line ")
        .map(|(m, _)| m.to_string())
        .unwrap_or(full);
    let zh = syntax_zh(&en);
    let mut d = Diagnostic::new(
        Code::Syntax,
        "",
        format!("JSON 语法错误（第 {line} 行第 {column} 列）：{zh}"),
        format!("JSON syntax error at line {line}, column {column}: {en}"),
    );
    d.line = Some(line.max(1));
    d.column = Some(column);
    d
}

fn syntax_zh(en: &str) -> &'static str {
    const TABLE: [(&str, &str); 16] = [
        (
            "EOF while parsing",
            "文件在此处意外结束，可能被截断，或缺少 }、] 或引号",
        ),
        ("trailing comma", "多余的逗号：最后一项之后不能有逗号"),
        ("expected `,` or `}`", "此处应为逗号或 }"),
        ("expected `,` or `]`", "此处应为逗号或 ]"),
        ("expected `:`", "此处应为冒号"),
        (
            "expected value",
            "此处应为一个值（字符串、数字、对象、数组、true、false 或 null）",
        ),
        ("expected ident", "无法识别的词：true、false、null 须小写"),
        ("key must be a string", "键名必须是带双引号的字符串"),
        (
            "control character",
            "字符串中有未转义的控制字符（如直接换行），请改用 \\n",
        ),
        ("invalid escape", "无效的转义序列"),
        ("invalid unicode", "无效的 Unicode 转义"),
        ("surrogate", "无效的 Unicode 代理对"),
        ("trailing characters", "JSON 结束之后还有多余内容"),
        ("recursion limit", "嵌套层数过深"),
        ("number out of range", "数字超出范围"),
        ("invalid number", "无效的数字"),
    ];
    TABLE
        .iter()
        .find(|(k, _)| en.contains(k))
        .map(|(_, v)| *v)
        .unwrap_or("无法解析")
}

fn type_name(v: &Value) -> (&'static str, &'static str) {
    match v {
        Value::Null => ("null", "null"),
        Value::Bool(_) => ("布尔值", "a boolean"),
        Value::Number(_) => ("数字", "a number"),
        Value::String(_) => ("字符串", "a string"),
        Value::Array(_) => ("数组", "an array"),
        Value::Object(_) => ("对象", "an object"),
    }
}

struct Cx<'l> {
    diags: Vec<Diagnostic>,
    limits: &'l Limits,
    /// Indicators holding a repeated key (`key.duplicate`): left out.
    repeated_in: HashSet<usize>,
    /// A key repeated outside the indicators (header, sections, top level): no usable plan.
    repeated_outside: bool,
}

/// What a field should hold, for type errors.
#[derive(Clone, Copy)]
enum Want {
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

/// Where an indicator's actuals stand in the file, for the paths of later checks.
enum ActualsForm {
    /// `"actuals": [{period, value, …}, …]`: actual `i` is `actuals[i]`.
    List,
    /// `"actuals": {start, values}`: actual `i` came from `actuals.values[entries[i]]` (null
    /// entries give no actual).
    Series(Vec<usize>),
}

/// The whole file.
const ROOT: Path<'static> = Path::Text("");

const TOP_FIELDS: &[&str] = &["$schema", "schemaVersion", "plan", "sections", "indicators"];
const PLAN_FIELDS: &[&str] = &[
    "id",
    "title",
    "issuer",
    "start",
    "end",
    "asOf",
    "source",
    "sampleData",
    "locale",
    "note",
];
const SOURCE_FIELDS: &[&str] = &["title", "url"];
const SECTION_FIELDS: &[&str] = &["id", "title", "leaders", "units"];
const INDICATOR_FIELDS: &[&str] = &[
    "id",
    "section",
    "name",
    "unit",
    "kind",
    "direction",
    "baseline",
    "targets",
    "actuals",
    "quote",
    "leaders",
    "units",
    "note",
];
const BASELINE_FIELDS: &[&str] = &["period", "value", "note"];
const TARGET_FIELDS: &[&str] = &["period", "value", "min", "max", "bound"];
const ACTUAL_FIELDS: &[&str] = &["period", "value", "state", "note"];
const SERIES_FIELDS: &[&str] = &["start", "values"];

/// How many actuals an indicator's raw `actuals` holds: the list's entries, or a series'
/// `values` (nulls included).
fn actual_count(actuals: &Value) -> usize {
    match actuals {
        Value::Array(items) => items.len(),
        Value::Object(series) => series
            .get("values")
            .and_then(Value::as_array)
            .map_or(0, Vec::len),
        _ => 0,
    }
}

/// The list form (`[{"period": …, "value": …}, …]`) of a compact series of actuals
/// (`{"start": …, "values": […]}`), one entry per number; `None` when `series` is not a
/// well-formed series (no readable `start`, no `values` array, an entry neither a number nor
/// null, or entries past the last period that can be named).
pub fn series_to_list(series: &Value) -> Option<Vec<Value>> {
    let start = Period::parse(series.get("start")?.as_str()?).ok()?;
    let values = series.get("values")?.as_array()?;
    let mut out = Vec::new();
    let mut period = Some(start);
    for value in values {
        let p = period?;
        match value {
            Value::Null => {}
            Value::Number(_) => {
                let mut actual = Map::new();
                actual.insert("period".into(), Value::String(p.to_string()));
                actual.insert("value".into(), value.clone());
                out.push(Value::Object(actual));
            }
            _ => return None,
        }
        period = p.next();
    }
    Some(out)
}

impl Cx<'_> {
    fn push(&mut self, code: Code, path: &str, zh: String, en: String) {
        self.diags.push(Diagnostic::new(code, path, zh, en));
    }

    /// [`Cx::push`] at a path written out only now.
    fn push_at(&mut self, code: Code, at: &Path, zh: String, en: String) {
        self.push(code, &at.build(), zh, en);
    }

    fn error_count(&self) -> usize {
        self.diags.iter().filter(|d| d.is_error()).count()
    }

    fn wrong_type(&mut self, at: &Path, want: Want, got: &Value) {
        let (wz, we) = want.names();
        let (gz, ge) = type_name(got);
        self.push_at(
            Code::WrongType,
            at,
            format!("应为{wz}，实为{gz}"),
            format!("expected {we}, found {ge}"),
        );
    }

    fn missing(&mut self, at: &Path, field: &str) {
        self.push_at(
            Code::MissingField,
            &at.key(field),
            format!("缺少必填字段“{field}”"),
            format!("the required field \"{field}\" is missing"),
        );
    }

    fn not_for(&mut self, kind: Kind, at: &Path, what_zh: &str, what_en: &str) {
        let kname = kind.as_str();
        self.push_at(
            Code::NotForKind,
            at,
            format!("“{kname}”类指标不使用{what_zh}"),
            format!("a \"{kname}\" indicator has no {what_en}"),
        );
    }

    fn needed(&mut self, kind: Kind, at: &Path, what_zh: &str, what_en: &str) {
        let kname = kind.as_str();
        self.push_at(
            Code::NeededForKind,
            at,
            format!("“{kname}”类指标需要{what_zh}"),
            format!("a \"{kname}\" indicator needs {what_en}"),
        );
    }

    fn object<'v>(
        &mut self,
        v: &'v Value,
        at: &Path,
        allowed: &[&str],
    ) -> Option<&'v Map<String, Value>> {
        let Value::Object(map) = v else {
            self.wrong_type(at, Want::Object, v);
            return None;
        };
        for key in map.keys() {
            if !allowed.contains(&key.as_str()) {
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
    fn str_of<'v>(&mut self, v: &'v Value, at: &Path) -> Option<&'v str> {
        let Value::String(s) = v else {
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
    fn string(&mut self, v: &Value, at: &Path) -> Option<String> {
        let s = self.str_of(v, at)?;
        self.diags.extend(crate::hidden::warning(s, || at.build()));
        Some(crate::hidden::strip(s).into_owned())
    }

    fn nonempty(&mut self, v: &Value, at: &Path) -> Option<String> {
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
    fn req<'v, 'p>(
        &mut self,
        map: &'v Map<String, Value>,
        at: &'p Path<'p>,
        field: &'p str,
    ) -> Option<(&'v Value, Path<'p>)> {
        match map.get(field) {
            Some(v) => Some((v, at.key(field))),
            None => {
                self.missing(at, field);
                None
            }
        }
    }

    fn req_text(&mut self, map: &Map<String, Value>, at: &Path, field: &str) -> Option<String> {
        let (v, p) = self.req(map, at, field)?;
        self.nonempty(v, &p)
    }

    /// An optional field: `Ok(None)` when absent, `Err(())` when present but invalid.
    fn opt_text(
        &mut self,
        map: &Map<String, Value>,
        at: &Path,
        field: &str,
    ) -> Result<Option<String>, ()> {
        match map.get(field) {
            None => Ok(None),
            Some(v) => self.string(v, &at.key(field)).map(Some).ok_or(()),
        }
    }

    fn id(&mut self, map: &Map<String, Value>, at: &Path) -> Option<String> {
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

    fn number(&mut self, v: &Value, at: &Path) -> Option<f64> {
        match v.as_f64() {
            Some(x) if v.is_number() && x.is_finite() => Some(x),
            _ => {
                self.wrong_type(at, Want::Number, v);
                None
            }
        }
    }

    fn period(&mut self, v: &Value, at: &Path) -> Option<Period> {
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

    fn names(
        &mut self,
        map: &Map<String, Value>,
        at: &Path,
        field: &str,
    ) -> Result<Vec<String>, ()> {
        let Some(v) = map.get(field) else {
            return Ok(Vec::new());
        };
        let p = at.key(field);
        let Value::Array(items) = v else {
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

    fn enumerated<T>(
        &mut self,
        v: &Value,
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

    fn array<'v>(
        &mut self,
        map: &'v Map<String, Value>,
        at: &Path,
        field: &str,
        required: bool,
    ) -> Option<&'v Vec<Value>> {
        match map.get(field) {
            None if required => {
                self.missing(at, field);
                None
            }
            None => None,
            Some(Value::Array(items)) => Some(items),
            Some(other) => {
                self.wrong_type(&at.key(field), Want::Array, other);
                None
            }
        }
    }

    fn file(&mut self, v: &Value) -> (Option<Plan>, Vec<Rejected>) {
        let Some(top) = self.object(v, &ROOT, TOP_FIELDS) else {
            self.diags.retain(|d| d.code != Code::WrongType);
            let (gz, ge) = type_name(v);
            self.push(
                Code::TopLevel,
                "",
                format!("文件顶层应为 JSON 对象 {{…}}，实为{gz}"),
                format!("the top level must be a JSON object {{…}}, found {ge}"),
            );
            return (None, Vec::new());
        };
        if let Some(s) = top.get("$schema") {
            self.string(s, &ROOT.key("$schema"));
        }
        match top.get("schemaVersion") {
            Some(v) if v.as_u64() == Some(crate::SCHEMA_VERSION) => {}
            Some(v) => {
                self.push(
                    Code::SchemaVersion,
                    "schemaVersion",
                    format!("不支持的格式版本 {v}：本组件读取版本 1"),
                    format!("unsupported format version {v}: this widget reads version 1"),
                );
                return (None, Vec::new());
            }
            None => {
                self.push(
                    Code::SchemaVersion,
                    "schemaVersion",
                    "缺少“schemaVersion”：应写 \"schemaVersion\": 1".into(),
                    "\"schemaVersion\" is missing: write \"schemaVersion\": 1".into(),
                );
            }
        }
        let header = match top.get("plan") {
            Some(p) => self.header(p),
            None => {
                self.missing(&ROOT, "plan");
                None
            }
        };
        let sections = self.sections(top);
        let (indicators, rejected) = self.indicators(top, &sections, header.as_ref());
        let usable = header.is_some()
            && top.contains_key("schemaVersion")
            && top.get("sections").is_some_and(Value::is_array)
            && top.get("indicators").is_some_and(Value::is_array)
            && !self.repeated_outside
            && !self.diags.iter().any(|d| d.code == Code::LimitTotalActuals);
        let plan = header.filter(|_| usable).map(|plan| Plan {
            plan,
            sections,
            indicators,
        });
        (plan, rejected)
    }

    fn header(&mut self, v: &Value) -> Option<PlanHeader> {
        let at = ROOT.key("plan");
        let map = self.object(v, &at, PLAN_FIELDS)?;
        let id = self.id(map, &at);
        let title = self.req_text(map, &at, "title");
        let issuer = self.req_text(map, &at, "issuer");
        let start = self
            .req(map, &at, "start")
            .and_then(|(v, p)| self.period(v, &p));
        let end = self
            .req(map, &at, "end")
            .and_then(|(v, p)| self.period(v, &p));
        if let (Some(s), Some(e)) = (start, end) {
            if s.end() > e.end() {
                self.push(
                    Code::PlanSpan,
                    "plan.end",
                    format!("规划结束期间 {e} 早于开始期间 {s}"),
                    format!("the plan ends ({e}) before it starts ({s})"),
                );
                return None;
            }
        }
        let as_of = map.get("asOf").and_then(|v| {
            let p = at.key("asOf");
            let s = self.str_of(v, &p)?;
            match Day::parse(s) {
                Ok(d) => Some(d),
                Err(e) => {
                    self.push_at(
                        Code::BadDate,
                        &p,
                        format!("无法识别的日期“{s}”：{}", e.zh()),
                        format!("unrecognised date \"{s}\": {}", e.en()),
                    );
                    None
                }
            }
        });
        let source = map.get("source").and_then(|v| {
            let p = at.key("source");
            let m = self.object(v, &p, SOURCE_FIELDS)?;
            let title = self.req_text(m, &p, "title")?;
            let url = self.opt_text(m, &p, "url").ok().flatten();
            if let Some(u) = &url {
                if !is_http_url(u) {
                    self.push(
                        Code::UnsafeUrl,
                        "plan.source.url",
                        "来源地址不是 http: 或 https: 链接，将只显示为文字".into(),
                        "the source address is not an http: or https: link; it is shown as text only".into(),
                    );
                }
            }
            Some(Source { title, url })
        });
        let sample_data = match map.get("sampleData") {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                self.wrong_type(&at.key("sampleData"), Want::Bool, other);
                false
            }
        };
        let locale = map
            .get("locale")
            .and_then(|v| self.enumerated(v, &at.key("locale"), Locale::parse, &["zh-CN", "en"]))
            .unwrap_or_default();
        let note = self.opt_text(map, &at, "note").ok().flatten();
        Some(PlanHeader {
            id: id?,
            title: title?,
            issuer: issuer?,
            start: start?,
            end: end?,
            as_of,
            source,
            sample_data,
            locale,
            note,
        })
    }

    fn sections(&mut self, top: &Map<String, Value>) -> Vec<Section> {
        let Some(items) = self.array(top, &ROOT, "sections", true) else {
            return Vec::new();
        };
        let cap = self.limits.sections;
        if items.len() > cap {
            self.push(
                Code::LimitSections,
                "sections",
                format!(
                    "共有 {} 个章节，超过上限 {cap}；只读取前 {cap} 个",
                    items.len()
                ),
                format!(
                    "{} sections, more than the limit of {cap}; only the first {cap} are read",
                    items.len()
                ),
            );
        }
        let list = ROOT.key("sections");
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for (i, item) in items.iter().take(cap).enumerate() {
            let at = list.index(i);
            let Some(map) = self.object(item, &at, SECTION_FIELDS) else {
                continue;
            };
            let id = self.id(map, &at);
            let title = self.req_text(map, &at, "title");
            let leaders = self.names(map, &at, "leaders").unwrap_or_default();
            let units = self.names(map, &at, "units").unwrap_or_default();
            let (Some(id), Some(title)) = (id, title) else {
                continue;
            };
            if !seen.insert(id.clone()) {
                self.push_at(
                    Code::DuplicateId,
                    &at.key("id"),
                    format!("章节标识“{id}”重复"),
                    format!("the section id \"{id}\" is used twice"),
                );
                continue;
            }
            out.push(Section {
                id,
                title,
                leaders,
                units,
            });
        }
        out
    }

    fn indicators(
        &mut self,
        top: &Map<String, Value>,
        sections: &[Section],
        header: Option<&PlanHeader>,
    ) -> (Vec<Indicator>, Vec<Rejected>) {
        let Some(items) = self.array(top, &ROOT, "indicators", true) else {
            return (Vec::new(), Vec::new());
        };
        let cap = self.limits.indicators;
        if items.len() > cap {
            self.push(
                Code::LimitIndicators,
                "indicators",
                format!(
                    "共有 {} 个指标，超过上限 {cap}；只读取前 {cap} 个",
                    items.len()
                ),
                format!(
                    "{} indicators, more than the limit of {cap}; only the first {cap} are read",
                    items.len()
                ),
            );
        }
        let total: usize = items
            .iter()
            .filter_map(|i| i.get("actuals"))
            .map(actual_count)
            .sum();
        if total > self.limits.total_actuals {
            self.push(
                Code::LimitTotalActuals,
                "indicators",
                format!(
                    "全文件共有 {total} 个实际值，超过上限 {}",
                    self.limits.total_actuals
                ),
                format!(
                    "{total} actual values in the file, more than the limit of {}",
                    self.limits.total_actuals
                ),
            );
            return (Vec::new(), Vec::new());
        }
        let section_ids: HashSet<&str> = sections.iter().map(|s| s.id.as_str()).collect();
        let list = ROOT.key("indicators");
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        let mut rejected = Vec::new();
        for (i, item) in items.iter().take(cap).enumerate() {
            let at = list.index(i);
            let before = self.error_count();
            let parsed = self.indicator(item, &at, &section_ids, header);
            // Checked on the raw id, so a duplicate is reported even when either copy has other errors.
            if let Some(id) = item.get("id").and_then(Value::as_str) {
                if !seen.insert(id) {
                    self.push_at(
                        Code::DuplicateId,
                        &at.key("id"),
                        format!("指标标识“{id}”重复"),
                        format!("the indicator id \"{id}\" is used twice"),
                    );
                }
            }
            match parsed {
                Some(ind) if self.error_count() == before && !self.repeated_in.contains(&i) => {
                    out.push(ind)
                }
                _ => rejected.push(Rejected {
                    index: i,
                    id: item.get("id").and_then(Value::as_str).map(|s| clip(s, 64)),
                    name: item
                        .get("name")
                        .and_then(Value::as_str)
                        .map(|s| clip(s, 200)),
                }),
            }
        }
        (out, rejected)
    }

    fn indicator(
        &mut self,
        v: &Value,
        at: &Path,
        section_ids: &HashSet<&str>,
        header: Option<&PlanHeader>,
    ) -> Option<Indicator> {
        let map = self.object(v, at, INDICATOR_FIELDS)?;
        let id = self.id(map, at);
        let section = self.req_text(map, at, "section");
        if let Some(s) = &section {
            if !section_ids.contains(s.as_str()) {
                let known: Vec<&str> = {
                    let mut k: Vec<&str> = section_ids.iter().copied().collect();
                    k.sort_unstable();
                    k.truncate(20);
                    k
                };
                self.push_at(
                    Code::UnknownSection,
                    &at.key("section"),
                    format!("章节“{s}”不存在；已有章节：{}", known.join("、")),
                    format!(
                        "there is no section \"{s}\"; sections are: {}",
                        known.join(", ")
                    ),
                );
            }
        }
        let name = self.req_text(map, at, "name");
        let unit = self.opt_text(map, at, "unit");
        let quote = self.req_text(map, at, "quote");
        let note = self.opt_text(map, at, "note");
        let leaders = self.names(map, at, "leaders");
        let units = self.names(map, at, "units");
        let kind_at = at.key("kind");
        let kind = match map.get("kind") {
            None => {
                self.missing(at, "kind");
                None
            }
            Some(v) => {
                let s = self.str_of(v, &kind_at)?;
                let k = Kind::parse(s);
                if k.is_none() {
                    let names: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
                    self.push_at(
                        Code::UnknownKind,
                        &kind_at,
                        format!("无法识别的指标类型“{s}”，可用：{}", names.join("、")),
                        format!("unknown kind \"{s}\"; the kinds are: {}", names.join(", ")),
                    );
                }
                k
            }
        };
        let direction_given = map.get("direction").map(|v| {
            self.enumerated(
                v,
                &at.key("direction"),
                |s| match s {
                    "increase" => Some(Direction::Increase),
                    "decrease" => Some(Direction::Decrease),
                    _ => None,
                },
                &["increase", "decrease"],
            )
        });
        let direction = match (direction_given.flatten(), kind) {
            (Some(d), _) => d,
            (None, Some(Kind::Zero)) => Direction::Decrease,
            (None, _) => Direction::Increase,
        };
        let baseline = map
            .get("baseline")
            .map(|v| self.baseline(v, &at.key("baseline")));
        let targets = self.targets(map, at, direction);
        let actuals = self.actuals(map, at);
        let kind = kind?;
        let unit = unit.ok()?.unwrap_or_default();
        let baseline = baseline.transpose().ok()?.flatten();
        let targets = targets.ok()?;
        let (actuals, form) = actuals.ok()?;
        let ind = Indicator {
            id: id?,
            section: section?,
            name: name?,
            unit,
            kind,
            direction,
            baseline,
            targets,
            actuals,
            quote: quote?,
            leaders: leaders.ok()?,
            units: units.ok()?,
            note: note.ok()?,
        };
        let explicit_direction = direction_given.flatten();
        self.kind_rules(&ind, at, explicit_direction, &form, header);
        Some(ind)
    }

    fn baseline(&mut self, v: &Value, at: &Path) -> Result<Option<Baseline>, ()> {
        let before = self.error_count();
        let map = self.object(v, at, BASELINE_FIELDS).ok_or(())?;
        let period = self
            .req(map, at, "period")
            .and_then(|(v, p)| self.period(v, &p));
        let value = self
            .req(map, at, "value")
            .and_then(|(v, p)| self.number(v, &p));
        if let Some(n) = map.get("note") {
            self.string(n, &at.key("note"));
        }
        if self.error_count() > before {
            return Err(());
        }
        match (period, value) {
            (Some(period), Some(value)) => Ok(Some(Baseline { period, value })),
            _ => Err(()),
        }
    }

    fn targets(
        &mut self,
        map: &Map<String, Value>,
        at: &Path,
        direction: Direction,
    ) -> Result<Vec<Target>, ()> {
        let Some(items) = self.array(map, at, "targets", false) else {
            return if map.contains_key("targets") {
                Err(())
            } else {
                Ok(Vec::new())
            };
        };
        let tpath = at.key("targets");
        if items.len() > self.limits.targets {
            self.push_at(
                Code::LimitTargets,
                &tpath,
                format!(
                    "共有 {} 个目标，超过上限 {}",
                    items.len(),
                    self.limits.targets
                ),
                format!(
                    "{} targets, more than the limit of {}",
                    items.len(),
                    self.limits.targets
                ),
            );
            return Err(());
        }
        let before = self.error_count();
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let p = tpath.index(i);
            let Some(m) = self.object(item, &p, TARGET_FIELDS) else {
                continue;
            };
            let period = self
                .req(m, &p, "period")
                .and_then(|(v, pp)| self.period(v, &pp));
            let num = |cx: &mut Self, f: &str| m.get(f).map(|v| cx.number(v, &p.key(f)));
            let value = num(self, "value");
            let min = num(self, "min");
            let max = num(self, "max");
            let bound = m.get("bound").map(|v| {
                self.enumerated(
                    v,
                    &p.key("bound"),
                    |s| match s {
                        "atLeast" => Some(Bound::AtLeast),
                        "atMost" => Some(Bound::AtMost),
                        "exact" => Some(Bound::Exact),
                        "approx" => Some(Bound::Approx),
                        _ => None,
                    },
                    &["atLeast", "atMost", "exact", "approx"],
                )
            });
            let goal = match (value, min, max) {
                (None, None, None) => {
                    if bound.is_some() {
                        self.push_at(
                            Code::NotForKind,
                            &p.key("bound"),
                            "没有 value 的目标不能有 bound".into(),
                            "a target without a value cannot have a bound".into(),
                        );
                    }
                    Some(Goal::Deadline)
                }
                (Some(v), None, None) => v.map(|value| Goal::Value {
                    value,
                    bound: bound.flatten().unwrap_or(Bound::default_for(direction)),
                }),
                (None, lo, hi) => {
                    if bound.is_some() {
                        self.push_at(
                            Code::NotForKind,
                            &p.key("bound"),
                            "min/max 区间目标不能有 bound：落在区间内即达标".into(),
                            "a min/max target cannot have a bound: inside the band is met".into(),
                        );
                    }
                    let lo = lo.flatten();
                    let hi = hi.flatten();
                    if let (Some(a), Some(b)) = (lo, hi) {
                        if a > b {
                            self.push_at(
                                Code::MinMax,
                                &p.key("min"),
                                format!("下限 min {a} 大于上限 max {b}"),
                                format!("min {a} is greater than max {b}"),
                            );
                        }
                    }
                    Some(Goal::Band { min: lo, max: hi })
                }
                (Some(_), _, _) => {
                    self.push_at(
                        Code::NotForKind,
                        &p.key("value"),
                        "目标只能写 value，或写 min/max 区间，不能同时写".into(),
                        "a target has either a value or a min/max band, not both".into(),
                    );
                    None
                }
            };
            if let (Some(period), Some(goal)) = (period, goal) {
                out.push(Target { period, goal });
            }
        }
        if self.error_count() > before {
            return Err(());
        }
        for i in 1..out.len() {
            if out[i].period.end() <= out[i - 1].period.end() {
                let (a, b) = (out[i - 1].period, out[i].period);
                self.push_at(
                    Code::Order,
                    &tpath.index(i).key("period"),
                    format!("目标应按期间先后排列，且每个截止日只设一个目标：{b} 不在 {a} 之后"),
                    format!("targets must be in period order with one per deadline: {b} does not come after {a}"),
                );
                return Err(());
            }
        }
        Ok(out)
    }

    /// An indicator's `actuals`, in the list form or as a series.
    fn actuals(
        &mut self,
        map: &Map<String, Value>,
        at: &Path,
    ) -> Result<(Vec<Actual>, ActualsForm), ()> {
        let apath = at.key("actuals");
        let items = match map.get("actuals") {
            None => return Ok((Vec::new(), ActualsForm::List)),
            Some(Value::Array(items)) => items,
            Some(series @ Value::Object(_)) => {
                let (actuals, entries) = self.series(series, &apath)?;
                return Ok((actuals, ActualsForm::Series(entries)));
            }
            Some(other) => {
                self.wrong_type(&apath, Want::Actuals, other);
                return Err(());
            }
        };
        if items.len() > self.limits.actuals {
            self.push_at(
                Code::LimitActuals,
                &apath,
                format!(
                    "共有 {} 个实际值，超过上限 {}",
                    items.len(),
                    self.limits.actuals
                ),
                format!(
                    "{} actual values, more than the limit of {}",
                    items.len(),
                    self.limits.actuals
                ),
            );
            return Err(());
        }
        let before = self.error_count();
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let p = apath.index(i);
            let Some(m) = self.object(item, &p, ACTUAL_FIELDS) else {
                continue;
            };
            let period = self
                .req(m, &p, "period")
                .and_then(|(v, pp)| self.period(v, &pp));
            let value = m.get("value").map(|v| self.number(v, &p.key("value")));
            let state = m.get("state").map(|v| {
                self.enumerated(
                    v,
                    &p.key("state"),
                    TaskState::parse,
                    &["notStarted", "inProgress", "done", "blocked"],
                )
            });
            let note = self.opt_text(m, &p, "note");
            if let (Some(period), Ok(note)) = (period, note) {
                out.push(Actual {
                    period,
                    value: value.flatten(),
                    state: state.flatten(),
                    note,
                });
            }
        }
        if self.error_count() > before {
            return Err(());
        }
        for i in 1..out.len() {
            if out[i].period.cmp_end(&out[i - 1].period) != std::cmp::Ordering::Greater {
                let (a, b) = (out[i - 1].period, out[i].period);
                self.push_at(
                    Code::Order,
                    &apath.index(i).key("period"),
                    format!("实际值应按期间先后排列，每个期间一条：{b} 不在 {a} 之后"),
                    format!("actuals must be in period order, one per period: {b} does not come after {a}"),
                );
                return Err(());
            }
        }
        Ok((out, ActualsForm::List))
    }

    /// A compact series `{start, values}`: entry `k` of `values` is the value for the `k`-th
    /// period from `start` on, in `start`'s form; `null` reports nothing for its period. Returns
    /// the actuals and, for each, the index of its entry. (Consecutive periods of one form are
    /// in order and never overlap, so the list form's order check has nothing to find here.)
    fn series(&mut self, v: &Value, at: &Path) -> Result<(Vec<Actual>, Vec<usize>), ()> {
        let before = self.error_count();
        let map = self.object(v, at, SERIES_FIELDS).ok_or(())?;
        let start = self
            .req(map, at, "start")
            .and_then(|(v, p)| self.period(v, &p));
        let values = self.array(map, at, "values", true).ok_or(())?;
        let vpath = at.key("values");
        // At `actuals`, as for the list form (docs/limits.md).
        if values.len() > self.limits.actuals {
            self.push_at(
                Code::LimitActuals,
                at,
                format!(
                    "共有 {} 个实际值，超过上限 {}",
                    values.len(),
                    self.limits.actuals
                ),
                format!(
                    "{} actual values, more than the limit of {}",
                    values.len(),
                    self.limits.actuals
                ),
            );
            return Err(());
        }
        let mut actuals = Vec::with_capacity(values.len());
        let mut entries = Vec::with_capacity(values.len());
        let mut period = start;
        for (k, item) in values.iter().enumerate() {
            if k > 0 {
                let previous = period;
                period = previous.and_then(|p| p.next());
                if let (Some(last), None) = (previous, period) {
                    self.push_at(
                        Code::BadPeriod,
                        &vpath.index(k),
                        format!("序列超出了可用的期间：{last} 之后没有下一个期间（年份最晚为 {MAX_YEAR}），此项及其后各项没有对应的期间"),
                        format!("the series runs past the last period that can be named ({last}; years end at {MAX_YEAR}): this entry and the ones after it have no period"),
                    );
                }
            }
            let value = match item {
                Value::Null => continue,
                Value::Number(n) => n.as_f64().filter(|x| x.is_finite()),
                _ => None,
            };
            let Some(value) = value else {
                self.wrong_type(&vpath.index(k), Want::NumberOrNull, item);
                continue;
            };
            if let Some(period) = period {
                actuals.push(Actual {
                    period,
                    value: Some(value),
                    state: None,
                    note: None,
                });
                entries.push(k);
            }
        }
        if self.error_count() > before {
            return Err(());
        }
        Ok((actuals, entries))
    }

    /// A percentage outside 0–100; `path` is written out only then.
    fn percent(&mut self, v: f64, path: &dyn Fn() -> String, what_zh: &str, what_en: &str) {
        if !(0.0..=100.0).contains(&v) {
            self.push(
                Code::PercentRange,
                &path(),
                format!("单位为 % 时{what_zh}应在 0–100 之间，实为 {v}"),
                format!("with unit % the {what_en} must lie in 0-100, found {v}"),
            );
        }
    }

    /// Checks that depend on the kind: which fields it uses, which it needs, and value ranges.
    fn kind_rules(
        &mut self,
        ind: &Indicator,
        at: &Path,
        explicit_direction: Option<Direction>,
        form: &ActualsForm,
        header: Option<&PlanHeader>,
    ) {
        let kind = ind.kind;
        let kname = kind.as_str();
        let bpath = at.key("baseline");
        let tpath = at.key("targets");
        let apath = at.key("actuals");
        let values = apath.key("values");
        // Where actual `i` stands: `actuals[i].field`, or its entry `actuals.values[k]`.
        let actual_path = |i: usize, field: &str| match form {
            ActualsForm::List => apath.index(i).key(field).build(),
            ActualsForm::Series(entries) => values.index(entries[i]).build(),
        };

        // Direction.
        match (kind, explicit_direction) {
            (Kind::Zero, Some(Direction::Increase)) => self.not_for(
                kind,
                &at.key("direction"),
                "“increase”方向（事故数越少越好）",
                "direction \"increase\" (fewer incidents is better)",
            ),
            (Kind::Milestone | Kind::Task, Some(Direction::Decrease)) => self.not_for(
                kind,
                &at.key("direction"),
                "“decrease”方向",
                "direction \"decrease\"",
            ),
            _ => {}
        }

        // Baseline.
        match (
            &ind.baseline,
            kind.needs_baseline(),
            kind.forbids_baseline(),
        ) {
            (None, true, _) => self.needed(
                kind,
                &bpath,
                "基线 baseline {period, value}：目标是相对基线的变化，没有基线就算不出目标水平（原文未给基期值时，请填统计公报中的起始值，或在原文给出目标水平时改用 level 类型）",
                "a baseline {period, value}: its targets are changes from the baseline, so without one the target level is unknown (when the plan gives no baseline, take the starting value from published statistics, or use kind \"level\" if the plan states the level to reach)",
            ),
            (Some(_), _, true) => self.not_for(kind, &bpath, "基线 baseline", "baseline"),
            _ => {}
        }
        if let (Some(b), Kind::GrowthRate) = (&ind.baseline, kind) {
            if b.value <= 0.0 {
                self.push_at(
                    Code::ValueRange,
                    &bpath.key("value"),
                    "按年增长率计算时基线值必须大于 0".into(),
                    "a growth-rate baseline must be greater than 0".into(),
                );
            }
        }
        if let (Some(b), Kind::Cumulative) = (&ind.baseline, kind) {
            if b.value < 0.0 {
                self.push_at(
                    Code::ValueRange,
                    &bpath.key("value"),
                    "累计量的基线不能为负数".into(),
                    "a cumulative baseline cannot be negative".into(),
                );
            }
        }

        // Targets.
        let min_targets = match kind {
            Kind::Zero | Kind::Task => 0,
            _ => 1,
        };
        if ind.targets.len() < min_targets {
            self.needed(kind, &tpath, "至少一个目标 targets", "at least one target");
        }
        if kind == Kind::Task && ind.targets.len() > 1 {
            self.push_at(
                Code::NotForKind,
                &tpath.index(1),
                "任务只有一个截止期限".into(),
                "a task has one deadline only".into(),
            );
        }
        for (i, t) in ind.targets.iter().enumerate() {
            let tp = tpath.index(i);
            match (kind, t.goal) {
                (Kind::Milestone | Kind::Task, Goal::Deadline) => {}
                (Kind::Milestone | Kind::Task, _) => self.not_for(
                    kind,
                    &tp,
                    "目标值：目标只写截止期间 period",
                    "target values: give only the deadline period",
                ),
                (Kind::Zero, Goal::Deadline) => {}
                (Kind::Zero, Goal::Value { value: 0.0, .. }) => {}
                (Kind::Zero, _) => self.push_at(
                    Code::ValueRange,
                    &tp,
                    "“zero”类目标只能是 0（或省略 value）".into(),
                    "a \"zero\" target can only be 0 (or omit the value)".into(),
                ),
                (Kind::Level | Kind::Recurring, Goal::Deadline) => self.needed(
                    kind,
                    &tp,
                    "目标值 value 或区间 min/max",
                    "a value or a min/max band",
                ),
                (Kind::Level | Kind::Recurring, _) => {}
                (_, Goal::Deadline) => {
                    self.needed(kind, &tp.key("value"), "目标值 value", "a value")
                }
                (_, Goal::Band { .. }) => {
                    self.not_for(kind, &tp, "min/max 区间目标", "min/max band targets")
                }
                (
                    Kind::Change | Kind::AnnualChange | Kind::GrowthRate,
                    Goal::Value { value, .. },
                ) => {
                    if value <= 0.0 {
                        self.push_at(
                            Code::ValueRange,
                            &tp.key("value"),
                            format!("“{kname}”类目标值应为朝改善方向的正数（下降用 direction: \"decrease\"），实为 {value}"),
                            format!("a \"{kname}\" target is a positive amount in the better direction (use direction \"decrease\" for falls), found {value}"),
                        );
                    } else if kind == Kind::GrowthRate
                        && ind.direction == Direction::Decrease
                        && value >= 100.0
                    {
                        self.push_at(
                            Code::ValueRange,
                            &tp.key("value"),
                            "每年下降的百分比必须小于 100".into(),
                            "a yearly decline must be less than 100 %".into(),
                        );
                    }
                }
                (Kind::Cumulative, Goal::Value { value, .. }) => {
                    if value < 0.0 {
                        self.push_at(
                            Code::ValueRange,
                            &tp.key("value"),
                            "累计目标不能为负数".into(),
                            "a cumulative target cannot be negative".into(),
                        );
                    }
                }
            }
            if let Some(b) = &ind.baseline {
                if t.period.end() <= b.period.end() {
                    self.push_at(
                        Code::TargetBeforeBaseline,
                        &tp.key("period"),
                        format!("目标期间 {} 不晚于基线期间 {}", t.period, b.period),
                        format!(
                            "the target period {} is not after the baseline period {}",
                            t.period, b.period
                        ),
                    );
                }
            }
        }
        if let (Some(h), Some(last)) = (header, ind.targets.last()) {
            if last.period.start() > h.end.end() {
                self.push_at(
                    Code::ValueRange,
                    &tpath.index(ind.targets.len() - 1).key("period"),
                    format!("目标期间 {} 在规划期 {} 结束之后", last.period, h.end),
                    format!(
                        "the target period {} starts after the plan ends ({})",
                        last.period, h.end
                    ),
                );
            }
        }

        // Actuals. After parsing, an actual has a value (a state) exactly when its object has
        // the field: a present but invalid one would have rejected the indicator already.
        let series = matches!(form, ActualsForm::Series(_));
        if series && kind.has_states() {
            self.not_for(
                kind,
                &apath,
                "序列形式的实际值 {start, values}：每条实际值须写状态 state，请改用列表形式",
                "actuals as a series {start, values}: each actual needs a state, so use the list form",
            );
            // Nothing further to check: percentages do not apply to these kinds.
            return;
        }
        for (i, a) in ind.actuals.iter().enumerate() {
            if kind.has_states() {
                if a.state.is_none() {
                    self.needed(
                        kind,
                        &Path::Text(&actual_path(i, "state")),
                        "状态 state（notStarted/inProgress/done/blocked）",
                        "a state (notStarted, inProgress, done or blocked)",
                    );
                }
                if kind == Kind::Milestone && a.value.is_some() {
                    self.not_for(
                        kind,
                        &Path::Text(&actual_path(i, "value")),
                        "数值 value（只写状态 state）",
                        "a value (give the state only)",
                    );
                }
                if let (Kind::Task, Some(v)) = (kind, a.value) {
                    if !(0.0..=100.0).contains(&v) {
                        self.push(
                            Code::PercentRange,
                            &actual_path(i, "value"),
                            format!("完成百分比应在 0–100 之间，实为 {v}"),
                            format!("percent complete must lie in 0-100, found {v}"),
                        );
                    }
                }
            } else {
                if a.state.is_some() {
                    self.not_for(
                        kind,
                        &Path::Text(&actual_path(i, "state")),
                        "状态 state",
                        "state",
                    );
                }
                if a.value.is_none() {
                    self.needed(
                        kind,
                        &Path::Text(&actual_path(i, "value")),
                        "数值 value",
                        "a value",
                    );
                }
                if let (Kind::Cumulative | Kind::Zero, Some(v)) = (kind, a.value) {
                    if v < 0.0 {
                        self.push(
                            Code::ValueRange,
                            &actual_path(i, "value"),
                            format!("本期数量不能为负数，实为 {v}"),
                            format!("an amount for a period cannot be negative, found {v}"),
                        );
                    }
                }
            }
            if kind.sums_actuals() && i > 0 && a.period.start() <= ind.actuals[i - 1].period.end() {
                self.push(
                    Code::Overlap,
                    &actual_path(i, "period"),
                    format!("期间 {} 与上一条 {} 重叠：本类指标按期累加，期间不能重叠", a.period, ind.actuals[i - 1].period),
                    format!("the period {} overlaps the previous one ({}): amounts are added up, so periods must not overlap", a.period, ind.actuals[i - 1].period),
                );
            }
        }

        // Percentages.
        if ind.is_percent() && !matches!(kind, Kind::Task | Kind::Milestone) {
            let levels = !matches!(kind, Kind::Cumulative | Kind::Zero);
            if let (Some(b), true) = (&ind.baseline, levels) {
                self.percent(b.value, &|| bpath.key("value").build(), "基线", "baseline");
            }
            if levels {
                for (i, a) in ind.actuals.iter().enumerate() {
                    if let Some(v) = a.value {
                        self.percent(v, &|| actual_path(i, "value"), "实际值", "actual value");
                    }
                }
            }
            let base = ind.baseline.map(|b| b.value);
            let mut prev_level = base;
            let mut prev_end = ind.baseline.map(|b| b.period.end());
            for (i, t) in ind.targets.iter().enumerate() {
                let tp = tpath.index(i);
                match (kind, t.goal) {
                    (Kind::Level | Kind::Recurring, Goal::Value { value, .. }) => {
                        self.percent(value, &|| tp.key("value").build(), "目标值", "target value")
                    }
                    (Kind::Level | Kind::Recurring, Goal::Band { min, max }) => {
                        for (f, v) in [("min", min), ("max", max)] {
                            if let Some(v) = v {
                                self.percent(v, &|| tp.key(f).build(), "目标区间", "target band");
                            }
                        }
                    }
                    (Kind::Change, Goal::Value { value, .. }) => {
                        if let Some(b) = base {
                            let reached = b + ind.direction.sign() * value;
                            self.percent(
                                reached,
                                &|| tp.key("value").build(),
                                "基线加变化后的目标水平",
                                "target level (baseline plus change)",
                            );
                        }
                    }
                    (Kind::AnnualChange, Goal::Value { value, .. }) => {
                        if let (Some(level), Some(from)) = (prev_level, prev_end) {
                            let years = crate::period::whole_years(from, t.period.end());
                            let reached = level + ind.direction.sign() * value * years;
                            self.percent(
                                reached,
                                &|| tp.key("value").build(),
                                "按年变化推算的目标水平",
                                "target level reached by the yearly change",
                            );
                            prev_level = Some(reached);
                            prev_end = Some(t.period.end());
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}

fn clip(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}
