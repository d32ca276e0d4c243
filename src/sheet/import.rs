//! Importing a filled-in sheet: find the columns by their headers, read every filled row, check
//! it, merge it into the plan JSON and validate the result as `plan-widget check` does.
//!
//! Nothing is merged when any row has an error, and the caller writes nothing then: every
//! problem comes back located by sheet and cell (`填报表!H7`) and row, in Chinese and English.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::Value;

use crate::diag::{Code, Diagnostic};
use crate::model::{Kind, TaskState};
use crate::parse;
use crate::period::{Day, Period};
use crate::pretty::{number, pretty};

use super::csv::TextEncoding;
use super::number::{self as num, NumberError};
use super::{at_cell, cell_ref, parse_state, state_label, Cell, Table, Workbook};

/// The columns the importer reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// The indicator's id.
    Id,
    /// The period.
    Period,
    /// The value.
    Value,
    /// The state.
    State,
    /// The note.
    Note,
}

/// The field a header names, or `None` for a context column (name, unit, kind, target, last
/// value) or anything else. Headers are matched by words, in either language, ignoring case:
/// `id`/编号, `period`/期间/报告期, `value`/数值/实际值, `state`/`status`/状态, `note`/备注;
/// a header with `last`, `target`, 最新 or 目标 is context even when it also says `value`.
pub fn classify(header: &str) -> Option<Field> {
    let h = num::normalize(header).to_lowercase();
    let words: Vec<&str> = h
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let word = |w: &str| words.contains(&w);
    if word("last") || word("target") || word("name") || h.contains("最新") || h.contains("目标")
    {
        return None;
    }
    if word("id") || h.contains("编号") {
        Some(Field::Id)
    } else if word("period") || h.contains("期间") || h.contains("报告期") {
        Some(Field::Period)
    } else if word("value") || h.contains("数值") || h.contains("实际值") {
        Some(Field::Value)
    } else if word("state") || word("status") || h.contains("状态") {
        Some(Field::State)
    } else if word("note") || word("remark") || h.contains("备注") {
        Some(Field::Note)
    } else {
        None
    }
}

/// Where a sheet's header row is and which column holds each field.
#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    /// 0-based row of the headers.
    pub row: usize,
    /// 0-based columns of id, period, value, state and note (`None` when absent).
    pub columns: [Option<usize>; 5],
}

impl Header {
    fn col(&self, f: Field) -> Option<usize> {
        self.columns[f as usize]
    }
}

/// Looks for the header row among the first 30 rows: the first with id and period columns and a
/// value or state column.
pub fn find_header(table: &Table) -> Option<Header> {
    for (r, row) in table.rows.iter().enumerate().take(30) {
        let mut columns = [None; 5];
        for (c, cell) in row.iter().enumerate() {
            if let Cell::Text(t) = cell {
                if let Some(f) = classify(t) {
                    columns[f as usize].get_or_insert(c);
                }
            }
        }
        let h = Header { row: r, columns };
        if h.col(Field::Id).is_some()
            && h.col(Field::Period).is_some()
            && (h.col(Field::Value).is_some() || h.col(Field::State).is_some())
        {
            return Some(h);
        }
    }
    None
}

/// One actual added or replaced.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    /// The indicator's id.
    pub id: String,
    /// The period.
    pub period: String,
    /// The cell it came from (`填报表!H7`): the value cell, else the state or note cell.
    pub cell: String,
    /// The 1-based row.
    pub row: usize,
    /// What was there before (for a replacement).
    pub old: Option<String>,
    /// What is there now.
    pub new: String,
}

/// The result of an import.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// The merged plan JSON, pretty-printed; `None` when there is any error.
    pub json: Option<String>,
    /// Every problem (errors and warnings), located by cell when it comes from the sheet.
    pub diagnostics: Vec<Diagnostic>,
    /// Actuals for periods the plan did not have.
    pub added: Vec<Change>,
    /// Actuals that replaced different ones.
    pub replaced: Vec<Change>,
    /// Filled rows equal to what the plan already had.
    pub unchanged: usize,
    /// The sheets rows were read from.
    pub sheets: Vec<String>,
    /// For CSV: how the text was decoded (`UTF-8`, `GBK/GB18030`, …).
    pub encoding: Option<&'static str>,
}

impl Report {
    /// The report of an import that could not start: one problem, nothing merged.
    pub fn failed(diagnostic: Diagnostic) -> Report {
        Report {
            json: None,
            diagnostics: vec![diagnostic],
            added: Vec::new(),
            replaced: Vec::new(),
            unchanged: 0,
            sheets: Vec::new(),
            encoding: None,
        }
    }

    /// True when there is an error (so nothing may be written).
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// A filled row, checked.
struct Entry {
    indicator: usize,
    period: Period,
    value: Option<f64>,
    state: Option<TaskState>,
    note: Option<String>,
    sheet: String,
    row: usize,
    /// Columns of id, period, value, state, note in its sheet.
    cols: [Option<usize>; 5],
}

impl Entry {
    fn cell(&self, f: Field) -> String {
        let c = self.cols[f as usize].or(self.cols[0]).unwrap_or(0);
        cell_ref(&self.sheet, self.row, c)
    }

    /// The cell that best stands for the entry: its value, else state, else note cell.
    fn main_cell(&self) -> String {
        let f = if self.value.is_some() {
            Field::Value
        } else if self.state.is_some() {
            Field::State
        } else {
            Field::Note
        };
        self.cell(f)
    }
}

struct Target {
    id: String,
    kind: Option<Kind>,
    percent: bool,
}

fn text_of(cell: &Cell) -> Option<String> {
    match cell {
        Cell::Empty => None,
        Cell::Text(t) => {
            let t = num::normalize(t);
            (!t.is_empty()).then_some(t)
        }
        Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Some(format!("{}", *n as i64)),
        other => Some(other.shown()),
    }
}

fn read_period(cell: &Cell) -> Result<Period, String> {
    match cell {
        Cell::Date(y, m, d) => Day::from_ymd(*y, *m, *d)
            .map(Period::Date)
            .ok_or_else(|| cell.shown()),
        Cell::Number(n) if n.fract() == 0.0 && (1900.0..=2200.0).contains(n) => {
            Ok(Period::Year(*n as i32))
        }
        other => {
            let t = text_of(other).unwrap_or_default();
            Period::parse(&t).map_err(|_| t)
        }
    }
}

/// Reads the spreadsheet file `bytes` (named `file_name`, see [`super::read`]) and imports it
/// into `plan_text`, as the CLI and the authoring page both do.
pub fn import_file(plan_text: &str, bytes: &[u8], file_name: &str) -> Report {
    match super::read(bytes, file_name) {
        Ok(book) => import(plan_text, &book),
        Err(d) => Report::failed(d),
    }
}

/// Imports `book` into the plan JSON `plan_text`. See the module's documentation.
pub fn import(plan_text: &str, book: &Workbook) -> Report {
    let mut report = Report {
        json: None,
        diagnostics: Vec::new(),
        added: Vec::new(),
        replaced: Vec::new(),
        unchanged: 0,
        sheets: Vec::new(),
        encoding: book.encoding.map(TextEncoding::label),
    };
    let body = plan_text.strip_prefix('\u{feff}').unwrap_or(plan_text);
    let mut doc: Value = match serde_json::from_str(body) {
        Ok(v) => v,
        Err(_) => {
            report.diagnostics = parse::load(plan_text).diagnostics;
            return report;
        }
    };
    let targets: Vec<Target> = doc
        .get("indicators")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .map(|i| Target {
                    id: i.get("id").and_then(Value::as_str).unwrap_or("").into(),
                    kind: i.get("kind").and_then(Value::as_str).and_then(Kind::parse),
                    percent: i.get("unit").and_then(Value::as_str) == Some("%"),
                })
                .collect()
        })
        .unwrap_or_default();
    let by_id: HashMap<&str, usize> = targets
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let mut entries: Vec<Entry> = Vec::new();
    let mut errors: Vec<Diagnostic> = Vec::new();
    for table in &book.tables {
        let Some(header) = find_header(table) else {
            continue;
        };
        report.sheets.push(table.name.clone());
        read_rows(table, &header, &targets, &by_id, &mut entries, &mut errors);
    }
    if report.sheets.is_empty() {
        errors.push(Diagnostic::new(
            Code::SheetNoHeader,
            "",
            "找不到表头：需要一行含“编号 id”“期间 period”和“数值 value”（或“状态 state”）的列标题",
            "no header row found: one row must name the id, period and value (or state) columns",
        ));
    }
    duplicates(&entries, &mut errors);
    if !errors.is_empty() {
        report.diagnostics = errors;
        return report;
    }
    let origin = merge(&mut doc, &targets, &entries, &mut report);
    let loaded = parse::load_value(&doc);
    let relocated = loaded
        .diagnostics
        .into_iter()
        .map(|d| relocate(d, &origin, &entries));
    report.diagnostics.extend(relocated);
    if !report.has_errors() {
        report.json = Some(pretty(&doc));
    }
    report
}

fn read_rows(
    table: &Table,
    header: &Header,
    targets: &[Target],
    by_id: &HashMap<&str, usize>,
    entries: &mut Vec<Entry>,
    errors: &mut Vec<Diagnostic>,
) {
    let name = &table.name;
    let get = |r: usize, f: Field| header.col(f).map_or(&Cell::Empty, |c| table.get(r, c));
    let col = |f: Field| header.col(f).unwrap_or(0);
    for r in header.row + 1..table.rows.len() {
        let row_no = r + 1;
        let (id_cell, period_cell) = (get(r, Field::Id), get(r, Field::Period));
        let (value_cell, state_cell, note_cell) = (
            get(r, Field::Value),
            get(r, Field::State),
            get(r, Field::Note),
        );
        if value_cell.is_empty() && state_cell.is_empty() && note_cell.is_empty() {
            continue;
        }
        let mut bad = |f: Field, code: Code, zh: String, en: String| {
            errors.push(at_cell(
                code,
                name,
                r,
                col(f),
                format!("第 {row_no} 行：{zh}"),
                format!("row {row_no}: {en}"),
            ));
        };
        let Some(id) = text_of(id_cell) else {
            bad(
                Field::Id,
                Code::SheetIncomplete,
                "已填数值或状态，但编号为空".into(),
                "a value or state is filled in but the id is empty".into(),
            );
            continue;
        };
        let Some(&indicator) = by_id.get(id.as_str()) else {
            let near = targets
                .iter()
                .map(|t| (strsim::jaro_winkler(&t.id, &id), t.id.as_str()))
                .filter(|(s, _)| *s > 0.85)
                .max_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, t)| t);
            let (zh, en) = match near {
                Some(t) => (
                    format!("，是否应为“{t}”？"),
                    format!("; did you mean \"{t}\"?"),
                ),
                None => (String::new(), String::new()),
            };
            bad(
                Field::Id,
                Code::SheetUnknownId,
                format!("规划中没有编号为“{id}”的指标{zh}"),
                format!("the plan has no indicator with id \"{id}\"{en}"),
            );
            continue;
        };
        let target = &targets[indicator];
        let period = if period_cell.is_empty() {
            bad(
                Field::Period,
                Code::SheetIncomplete,
                "期间为空".into(),
                "the period is empty".into(),
            );
            None
        } else {
            match read_period(period_cell) {
                Ok(p) => Some(p),
                Err(t) => {
                    bad(
                        Field::Period,
                        Code::SheetPeriod,
                        format!("期间“{t}”格式不对：应为 2024、2024-H1、2024-Q3、2024-06、2024-06-30 或 2023/2024"),
                        format!("period \"{t}\" is in the wrong form: use 2024, 2024-H1, 2024-Q3, 2024-06, 2024-06-30 or 2023/2024"),
                    );
                    None
                }
            }
        };
        let percent_range = target.percent || target.kind == Some(Kind::Task);
        let mut value = None;
        let mut value_ok = true;
        match value_cell {
            Cell::Empty => {}
            Cell::Number(n) => value = Some(*n),
            Cell::Percent(p) if target.percent || target.kind == Some(Kind::Task) => {
                value = Some(*p)
            }
            Cell::Percent(p) => {
                value_ok = false;
                bad(
                    Field::Value,
                    Code::SheetNotNumber,
                    format!("“{p}%”是百分比，但该指标的单位不是 %"),
                    format!("\"{p}%\" is a percentage but the indicator's unit is not %"),
                );
            }
            Cell::Text(t) => match num::parse(t) {
                Ok(n) if n.percent && !target.percent && target.kind != Some(Kind::Task) => {
                    value_ok = false;
                    bad(
                        Field::Value,
                        Code::SheetNotNumber,
                        format!("“{}”带百分号，但该指标的单位不是 %", t.trim()),
                        format!(
                            "\"{}\" has a percent sign but the indicator's unit is not %",
                            t.trim()
                        ),
                    );
                }
                Ok(n) => value = Some(n.value),
                Err(NumberError::Empty) => {}
                Err(e) => {
                    value_ok = false;
                    bad(
                        Field::Value,
                        Code::SheetNotNumber,
                        format!("数值“{}”{}", t.trim(), e.zh()),
                        format!("value \"{}\": {}", t.trim(), e.en()),
                    );
                }
            },
            other => {
                value_ok = false;
                bad(
                    Field::Value,
                    Code::SheetNotNumber,
                    format!("数值“{}”不是数字（单元格可能被设成了日期或含公式错误）", other.shown()),
                    format!("value \"{}\" is not a number (the cell may be formatted as a date, or hold a formula error)", other.shown()),
                );
            }
        }
        if let Some(v) = value {
            if percent_range && !(0.0..=100.0).contains(&v) {
                value_ok = false;
                bad(
                    Field::Value,
                    Code::SheetPercent,
                    format!("百分比 {v} 超出 0–100"),
                    format!("percentage {v} is outside 0-100"),
                );
            }
        }
        let mut state = None;
        let mut state_ok = true;
        if let Some(t) = text_of(state_cell) {
            match parse_state(&t) {
                Some(s) => state = Some(s),
                None => {
                    state_ok = false;
                    bad(
                        Field::State,
                        Code::SheetState,
                        format!("状态“{t}”无效：应为 未启动 notStarted、推进中 inProgress、已完成 done 或 受阻 blocked"),
                        format!("state \"{t}\" is not one of notStarted, inProgress, done, blocked"),
                    );
                }
            }
        }
        let has_states = target.kind.is_some_and(Kind::has_states);
        if state.is_some() && target.kind.is_some() && !has_states {
            state_ok = false;
            bad(
                Field::State,
                Code::SheetKind,
                "该指标填数值，不填状态（只有里程碑和任务有状态）".into(),
                "this indicator takes a value, not a state (only milestones and tasks have states)"
                    .into(),
            );
        }
        if value.is_some() && target.kind == Some(Kind::Milestone) {
            value_ok = false;
            bad(
                Field::Value,
                Code::SheetKind,
                "里程碑只填状态，不填数值".into(),
                "a milestone takes a state, not a value".into(),
            );
        }
        let note = text_of(note_cell);
        let (Some(period), true, true) = (period, value_ok, state_ok) else {
            continue;
        };
        entries.push(Entry {
            indicator,
            period,
            value,
            state,
            note,
            sheet: name.clone(),
            row: r,
            cols: header.columns,
        });
    }
}

fn duplicates(entries: &[Entry], errors: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<(usize, Period), &Entry> = HashMap::new();
    for e in entries {
        if let Some(first) = seen.get(&(e.indicator, e.period)) {
            let c = e.cols[0].unwrap_or(0);
            let first_cell = first.cell(Field::Id);
            errors.push(at_cell(
                Code::SheetDuplicate,
                &e.sheet,
                e.row,
                c,
                format!(
                    "第 {} 行：与第 {} 行（{first_cell}）重复：同一指标同一期间 {} 只能填一行",
                    e.row + 1,
                    first.row + 1,
                    e.period
                ),
                format!(
                    "row {}: duplicates row {} ({first_cell}): one row per indicator and period ({})",
                    e.row + 1,
                    first.row + 1,
                    e.period
                ),
            ));
        } else {
            seen.insert((e.indicator, e.period), e);
        }
    }
}

fn describe(actual: &Value) -> String {
    let mut parts = Vec::new();
    if let Some(s) = actual
        .get("state")
        .and_then(Value::as_str)
        .and_then(TaskState::parse)
    {
        parts.push(state_label(s));
    }
    if let Some(v) = actual.get("value").and_then(Value::as_f64) {
        parts.push(format!("{v}"));
    }
    if let Some(n) = actual.get("note").and_then(Value::as_str) {
        parts.push(format!("（{n}）"));
    }
    parts.join(" ")
}

fn period_of(actual: &Value) -> Option<Period> {
    actual
        .get("period")
        .and_then(Value::as_str)
        .and_then(|p| Period::parse(p).ok())
}

/// Merges the entries into `doc`; returns, for each (indicator, actual index) that came from the
/// sheet, the entry's index.
fn merge(
    doc: &mut Value,
    targets: &[Target],
    entries: &[Entry],
    report: &mut Report,
) -> HashMap<(usize, usize), usize> {
    let mut origin = HashMap::new();
    let mut by_indicator: Vec<Vec<usize>> = vec![Vec::new(); targets.len()];
    for (k, e) in entries.iter().enumerate() {
        by_indicator[e.indicator].push(k);
    }
    let Some(list) = doc.get_mut("indicators").and_then(Value::as_array_mut) else {
        return origin;
    };
    for (i, ks) in by_indicator.iter().enumerate() {
        if ks.is_empty() {
            continue;
        }
        let Some(ind) = list.get_mut(i).and_then(Value::as_object_mut) else {
            continue;
        };
        let current: Vec<Value> = match ind.get("actuals") {
            None => Vec::new(),
            Some(Value::Array(a)) => a.clone(),
            Some(series) => parse::series_to_list(series).unwrap_or_default(),
        };
        let mut rows: Vec<(Value, Option<usize>)> =
            current.into_iter().map(|a| (a, None)).collect();
        let mut changed = false;
        for &k in ks {
            let e = &entries[k];
            let at = rows
                .iter()
                .position(|(a, _)| period_of(a) == Some(e.period));
            let mut m = at
                .and_then(|j| rows[j].0.as_object().cloned())
                .unwrap_or_default();
            m.insert("period".into(), Value::String(e.period.to_string()));
            if let Some(v) = e.value.and_then(number) {
                m.insert("value".into(), v);
            }
            if let Some(s) = e.state {
                let name = super::STATES.iter().find(|x| x.0 == s).map_or("", |x| x.1);
                m.insert("state".into(), Value::String(name.into()));
            }
            if let Some(n) = &e.note {
                m.insert("note".into(), Value::String(n.clone()));
            }
            let new = Value::Object(m);
            let change = |old: Option<String>| Change {
                id: targets[i].id.clone(),
                period: e.period.to_string(),
                cell: e.main_cell(),
                row: e.row + 1,
                old,
                new: describe(&new),
            };
            match at {
                Some(j) if rows[j].0 == new => {
                    report.unchanged += 1;
                    rows[j].1 = Some(k);
                }
                Some(j) => {
                    report.replaced.push(change(Some(describe(&rows[j].0))));
                    rows[j] = (new, Some(k));
                    changed = true;
                }
                None if e.value.is_none() && e.state.is_none() => {
                    // A note alone needs an actual to go with.
                    report.diagnostics.push(at_cell(
                        Code::SheetIncomplete,
                        &e.sheet,
                        e.row,
                        e.cols[Field::Value as usize].unwrap_or(0),
                        format!(
                            "第 {} 行：只填了备注；备注要随数值或状态一起填写",
                            e.row + 1
                        ),
                        format!(
                            "row {}: only a note is filled in; a note goes with a value or state",
                            e.row + 1
                        ),
                    ));
                }
                None => {
                    report.added.push(change(None));
                    rows.push((new, Some(k)));
                    changed = true;
                }
            }
        }
        if !changed {
            continue;
        }
        let key = |a: &Value| {
            period_of(a)
                .map(|p| (0, p.end(), p.start()))
                .unwrap_or((1, Day(0), Day(0)))
        };
        rows.sort_by_key(|(a, _)| key(a));
        for (j, (_, k)) in rows.iter().enumerate() {
            if let Some(k) = k {
                origin.insert((i, j), *k);
            }
        }
        let array: Vec<Value> = rows.into_iter().map(|(a, _)| a).collect();
        ind.insert("actuals".into(), Value::Array(array));
    }
    origin
}

/// Moves a diagnostic about an actual that came from the sheet to its cell.
fn relocate(
    d: Diagnostic,
    origin: &HashMap<(usize, usize), usize>,
    entries: &[Entry],
) -> Diagnostic {
    let Some((i, j, rest)) = actual_path(&d.path) else {
        return d;
    };
    let Some(&k) = origin.get(&(i, j)) else {
        return d;
    };
    let e = &entries[k];
    let field = match rest {
        "value" => Field::Value,
        "state" => Field::State,
        "period" => Field::Period,
        "note" => Field::Note,
        _ => Field::Id,
    };
    let c = e.cols[field as usize].or(e.cols[0]).unwrap_or(0);
    let mut out = at_cell(
        d.code,
        &e.sheet,
        e.row,
        c,
        format!("第 {} 行：{}", e.row + 1, d.message_zh),
        format!("row {}: {}", e.row + 1, d.message_en),
    );
    out.severity = d.severity;
    out
}

/// `indicators[3].actuals[2].value` → `(3, 2, "value")`.
fn actual_path(path: &str) -> Option<(usize, usize, &str)> {
    let rest = path.strip_prefix("indicators[")?;
    let (i, rest) = rest.split_once(']')?;
    let rest = rest.strip_prefix(".actuals[")?;
    let (j, rest) = rest.split_once(']')?;
    Some((
        i.parse().ok()?,
        j.parse().ok()?,
        rest.trim_start_matches('.'),
    ))
}
