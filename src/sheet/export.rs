//! The fill-in sheet: one row per indicator and reporting period, as xlsx or CSV.
//!
//! The periods of an indicator are those of its reporting form (the form of its latest actual,
//! else of its first target, else years) from the plan's start that have ended by the as-of
//! date, its target periods, and the periods it already has actuals for, in period order (at
//! most [`MAX_PERIODS`] per indicator: the latest). Rows that have an actual carry its value,
//! state and note, so that the sheet shows what is there; importing them unchanged changes
//! nothing.

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, Format, FormatAlign, FormatBorder,
    ProtectionOptions, Workbook, Worksheet, XlsxError,
};

use crate::model::{Goal, Indicator, Kind, Plan, TaskState};
use crate::period::{Day, Period};

use super::state_label;

/// The most rows one indicator gets (a daily series keeps its latest days).
pub const MAX_PERIODS: usize = 400;

/// The data sheet's name.
pub const SHEET_NAME: &str = "填报表";
/// The explanation sheet's name.
pub const NOTES_NAME: &str = "说明";

/// The columns, in order: header text, width in characters, read-only.
pub const COLUMNS: [(&str, f64, bool); 10] = [
    ("编号 id", 24.0, false),
    ("指标名称 name", 34.0, true),
    ("单位 unit", 9.0, true),
    ("类型 kind", 16.0, true),
    ("目标 target", 18.0, true),
    ("最新值 last value", 20.0, true),
    ("期间 period", 13.0, false),
    ("数值 value", 12.0, false),
    ("状态 state", 16.0, false),
    ("备注 note", 30.0, false),
];

/// One row of the sheet.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The indicator's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its unit.
    pub unit: String,
    /// Its kind.
    pub kind: Kind,
    /// The target that applies to the period, as text (`2024：70`).
    pub target: String,
    /// The indicator's latest actual, as text (`66.5（2024-H1）`).
    pub last: String,
    /// The reporting period.
    pub period: Period,
    /// The value already reported for the period.
    pub value: Option<f64>,
    /// The state already reported.
    pub state: Option<TaskState>,
    /// The note already reported.
    pub note: Option<String>,
}

/// The Chinese name of a kind, for the kind column (`水平值 level`).
pub fn kind_label(kind: Kind) -> String {
    let zh = match kind {
        Kind::Level => "水平值",
        Kind::Change => "变化量",
        Kind::AnnualChange => "年均变化",
        Kind::GrowthRate => "增长率",
        Kind::Cumulative => "累计（填当期增量）",
        Kind::Recurring => "每期",
        Kind::Zero => "零事故（填当期次数）",
        Kind::Milestone => "里程碑",
        Kind::Task => "任务",
    };
    format!("{zh} {}", kind.as_str())
}

/// A number as people write it: `70`, `66.5`.
pub fn number_text(v: f64) -> String {
    format!("{v}")
}

fn goal_text(goal: &Goal) -> String {
    match goal {
        Goal::Deadline => "截止 deadline".into(),
        Goal::Value { value, .. } => number_text(*value),
        Goal::Band { min, max } => format!(
            "{}–{}",
            min.map(number_text).unwrap_or_default(),
            max.map(number_text).unwrap_or_default()
        ),
    }
}

/// The period of `like`'s form that contains `day`.
fn period_at(like: Period, day: Day) -> Period {
    let (y, m, _) = day.ymd();
    match like {
        Period::Year(_) => Period::Year(y),
        Period::Half(..) => Period::Half(y, if m <= 6 { 1 } else { 2 }),
        Period::Quarter(..) => Period::Quarter(y, (m - 1) / 3 + 1),
        Period::Month(..) => Period::Month(y, m),
        Period::Date(_) => Period::Date(day),
        Period::SchoolYear(_) => Period::SchoolYear(if m >= 9 { y } else { y - 1 }),
    }
}

/// Period order for rows: by end, and of two ending together the shorter first (2024-H2 before
/// 2024).
fn period_key(p: &Period) -> (Day, std::cmp::Reverse<Day>) {
    (p.end(), std::cmp::Reverse(p.start()))
}

/// The reporting periods of one indicator (see the module's documentation).
pub fn periods(plan: &Plan, ind: &Indicator, as_of: Day) -> Vec<Period> {
    let form = ind
        .actuals
        .last()
        .map(|a| a.period)
        .or(ind.targets.first().map(|t| t.period))
        .unwrap_or(plan.plan.start);
    let last_day = plan.plan.end.end().min(as_of);
    let mut out: Vec<Period> = Vec::new();
    let first = period_at(form, plan.plan.start.start());
    // Walk from the latest period back, so a long daily span keeps its latest days.
    let mut p = Some(period_at(form, last_day));
    while let Some(q) = p {
        if q.end() < first.start() || out.len() >= MAX_PERIODS {
            break;
        }
        if q.end() <= as_of {
            out.push(q);
        }
        p = previous(q);
    }
    out.extend(ind.targets.iter().map(|t| t.period));
    out.extend(ind.actuals.iter().map(|a| a.period));
    out.sort_by_key(period_key);
    out.dedup();
    if out.len() > MAX_PERIODS {
        out.drain(..out.len() - MAX_PERIODS);
    }
    out
}

fn previous(p: Period) -> Option<Period> {
    let day = Day(p.start().0 - 1);
    (day.ymd().0 >= 1900).then(|| period_at(p, day))
}

/// Every row of the fill-in sheet for `plan` as of `as_of`.
pub fn rows(plan: &Plan, as_of: Day) -> Vec<Row> {
    let mut out = Vec::new();
    for ind in &plan.indicators {
        let last = ind
            .actuals
            .last()
            .map(|a| {
                let what = match (a.value, a.state) {
                    (Some(v), Some(s)) => format!("{} {}", state_label(s), number_text(v)),
                    (Some(v), None) => number_text(v),
                    (None, Some(s)) => state_label(s),
                    (None, None) => String::new(),
                };
                format!("{what}（{}）", a.period)
            })
            .unwrap_or_default();
        for period in periods(plan, ind, as_of) {
            let target = ind
                .targets
                .iter()
                .find(|t| t.period == period)
                .or_else(|| ind.targets.iter().find(|t| t.period.end() >= period.end()))
                .or(ind.targets.last())
                .map(|t| format!("{}：{}", t.period, goal_text(&t.goal)))
                .unwrap_or_default();
            let actual = ind.actuals.iter().find(|a| a.period == period);
            out.push(Row {
                id: ind.id.clone(),
                name: ind.name.clone(),
                unit: ind.unit.clone(),
                kind: ind.kind,
                target,
                last: last.clone(),
                period,
                value: actual.and_then(|a| a.value),
                state: actual.and_then(|a| a.state),
                note: actual.and_then(|a| a.note.clone()),
            });
        }
    }
    out
}

/// The rows as text cells, the header first (for CSV).
pub fn text_rows(rows: &[Row]) -> Vec<Vec<String>> {
    let mut out = vec![COLUMNS.iter().map(|c| c.0.to_string()).collect()];
    for r in rows {
        out.push(vec![
            r.id.clone(),
            r.name.clone(),
            r.unit.clone(),
            kind_label(r.kind),
            r.target.clone(),
            r.last.clone(),
            r.period.to_string(),
            r.value.map(number_text).unwrap_or_default(),
            r.state.map(state_label).unwrap_or_default(),
            r.note.clone().unwrap_or_default(),
        ]);
    }
    out
}

/// The fill-in sheet as CSV (UTF-8 with a BOM).
pub fn csv(rows: &[Row]) -> Vec<u8> {
    super::csv::write(&text_rows(rows))
}

/// What a value cell of a row may hold.
#[derive(Clone, Copy, Debug, PartialEq)]
enum ValueRule {
    /// Any number.
    Any,
    /// 0–100 (a percentage, or a task's percent complete).
    Percent,
    /// Not negative (amounts that add up, incidents, amounts per period).
    NonNegative,
    /// No value (milestones take a state).
    None,
}

fn value_rule(r: &Row) -> ValueRule {
    match r.kind {
        Kind::Milestone => ValueRule::None,
        Kind::Task => ValueRule::Percent,
        _ if r.unit == "%" => ValueRule::Percent,
        Kind::Cumulative | Kind::Zero | Kind::Recurring => ValueRule::NonNegative,
        _ => ValueRule::Any,
    }
}

fn validation(rule: ValueRule) -> Result<Option<DataValidation>, XlsxError> {
    let (v, zh) = match rule {
        ValueRule::None => return Ok(None),
        ValueRule::Any => (
            DataValidation::new().allow_decimal_number(DataValidationRule::Between(-1e15, 1e15)),
            "只能填数字 Numbers only",
        ),
        ValueRule::Percent => (
            DataValidation::new().allow_decimal_number(DataValidationRule::Between(0.0, 100.0)),
            "填 0–100 之间的数字（66.5 表示 66.5%） A number from 0 to 100",
        ),
        ValueRule::NonNegative => (
            DataValidation::new()
                .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0)),
            "填不小于 0 的数字 A number, 0 or more",
        ),
    };
    Ok(Some(
        v.set_error_title("数值无效 Invalid value")?
            .set_error_message(zh)?
            .set_input_message(zh)?,
    ))
}

/// Adds one validation per run of consecutive rows (0-based data rows) with the same rule.
fn add_runs<T: PartialEq + Copy>(
    sheet: &mut Worksheet,
    col: u16,
    rules: &[T],
    make: impl Fn(T) -> Result<Option<DataValidation>, XlsxError>,
) -> Result<(), XlsxError> {
    let mut i = 0;
    while i < rules.len() {
        let mut j = i;
        while j + 1 < rules.len() && rules[j + 1] == rules[i] {
            j += 1;
        }
        if let Some(v) = make(rules[i])? {
            sheet.add_data_validation(i as u32 + 1, col, j as u32 + 1, col, &v)?;
        }
        i = j + 1;
    }
    Ok(())
}

/// The explanation sheet's lines: (column or topic, Chinese, English).
const NOTES: [(&str, &str, &str); 12] = [
    ("编号 id", "指标编号，与规划 JSON 中的 id 一致；新增一行时照抄同一指标的编号", "the indicator's id in the plan JSON; copy it when adding a row"),
    ("期间 period", "报告期：2024、2024-H1（上半年）、2024-Q3（季度）、2024-06（月）、2024-06-30（日）或 2023/2024（学年）", "the reporting period: 2024, 2024-H1, 2024-Q3, 2024-06, 2024-06-30 or 2023/2024 (school year)"),
    ("数值 value", "实际值，只填数字：66.5、1,234；单位为 % 时填 66.5 或 66.5%（都表示 66.5%），不超过 100；累计类填当期新增量", "the actual value, digits only: 66.5, 1,234; for % write 66.5 or 66.5% (both mean 66.5 %), at most 100; cumulative kinds take the amount added in the period"),
    ("状态 state", "里程碑、任务填状态：未启动 notStarted、推进中 inProgress、已完成 done、受阻 blocked；任务可另在数值栏填完成百分比", "milestones and tasks take a state: notStarted, inProgress, done or blocked; a task may add its percent complete as value"),
    ("备注 note", "可选，随数值或状态一起填写", "optional, with a value or state"),
    ("只读列 read-only", "指标名称、单位、类型、目标、最新值仅供参考，导入时忽略", "name, unit, kind, target and last value are for reference and ignored on import"),
    ("留空 empty", "数值和状态都为空的行不导入；导入不会删除已有数据", "rows with neither value nor state are not imported; importing never deletes data"),
    ("覆盖 replace", "已有数据的期间再次填写不同数值时替换原值，并在导入结果中列出", "a period that already has an actual is replaced when filled differently, and the replacement is listed"),
    ("新增行 new rows", "可插入新行，填写编号、期间和数值；同一指标同一期间只能有一行", "rows may be inserted with id, period and value; one row per indicator and period"),
    ("导入 import", "plan-widget actuals import 规划.json 本表.xlsx，或在编辑器页面拖入本表；有任何错误时不写入", "plan-widget actuals import PLAN.json THIS.xlsx, or drop it on the authoring page; nothing is written when there is any error"),
    ("CSV", "也可另存为 CSV（UTF-8 或 GBK 均可）后导入", "it may also be saved as CSV (UTF-8 or GBK) and imported"),
    ("列的位置 columns", "导入按表头文字找列，列的顺序可以调整", "import finds columns by their headers, so they may be moved"),
];

/// The fill-in sheet as an xlsx workbook: the data sheet (frozen header row, column widths,
/// read-only context columns locked, data validation for states and numbers) and an explanation
/// sheet.
pub fn xlsx(plan: &Plan, rows: &[Row]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDCE6F1))
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_text_wrap();
    let context = Format::new()
        .set_background_color(Color::RGB(0xF2F2F2))
        .set_font_color(Color::RGB(0x404040));
    let open = Format::new().set_unlocked();
    let open_text = Format::new().set_unlocked().set_num_format("@");
    let sheet = book.add_worksheet();
    sheet.set_name(SHEET_NAME)?;
    for (c, (title, width, read_only)) in COLUMNS.iter().enumerate() {
        let c = c as u16;
        sheet.set_column_width(c, *width)?;
        // Periods and ids stay text (2024-06 must not become a date); fill-in columns stay
        // editable in new rows too.
        let fmt = match (read_only, c) {
            (true, _) => &context,
            (false, 0 | 6) => &open_text,
            (false, _) => &open,
        };
        sheet.set_column_format(c, fmt)?;
        sheet.write_string_with_format(0, c, *title, &header)?;
    }
    sheet.set_row_height(0, 32)?;
    sheet.set_freeze_panes(1, 0)?;
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string_with_format(row, 0, &r.id, &open_text)?;
        sheet.write_string_with_format(row, 1, &r.name, &context)?;
        sheet.write_string_with_format(row, 2, &r.unit, &context)?;
        sheet.write_string_with_format(row, 3, kind_label(r.kind), &context)?;
        sheet.write_string_with_format(row, 4, &r.target, &context)?;
        sheet.write_string_with_format(row, 5, &r.last, &context)?;
        sheet.write_string_with_format(row, 6, r.period.to_string(), &open_text)?;
        if let Some(v) = r.value {
            sheet.write_number_with_format(row, 7, v, &open)?;
        }
        if let Some(s) = r.state {
            sheet.write_string_with_format(row, 8, state_label(s), &open)?;
        }
        if let Some(n) = &r.note {
            sheet.write_string_with_format(row, 9, n, &open)?;
        }
    }
    let last_row = rows.len().max(1) as u32;
    sheet.autofilter(0, 0, last_row, COLUMNS.len() as u16 - 1)?;
    let value_rules: Vec<ValueRule> = rows.iter().map(value_rule).collect();
    add_runs(sheet, 7, &value_rules, validation)?;
    let state_rows: Vec<bool> = rows.iter().map(|r| r.kind.has_states()).collect();
    let labels: Vec<String> = super::STATES.iter().map(|s| state_label(s.0)).collect();
    add_runs(sheet, 8, &state_rows, |has| {
        if !has {
            return Ok(None);
        }
        Ok(Some(
            DataValidation::new()
                .allow_list_strings(&labels)?
                .set_error_title("状态无效 Invalid state")?
                .set_error_message("从列表中选择 Choose from the list")?,
        ))
    })?;
    let mut protection = ProtectionOptions::new();
    protection.format_columns = true;
    protection.format_rows = true;
    protection.insert_rows = true;
    protection.delete_rows = true;
    protection.sort = true;
    protection.use_autofilter = true;
    sheet.protect_with_options(&protection);

    let notes = book.add_worksheet();
    notes.set_name(NOTES_NAME)?;
    notes.set_column_width(0, 18)?;
    notes.set_column_width(1, 70)?;
    notes.set_column_width(2, 70)?;
    let wrap = Format::new().set_text_wrap();
    notes.write_string_with_format(0, 0, "填报表说明 About this sheet", &header)?;
    notes.write_string_with_format(0, 1, &plan.plan.title, &header)?;
    notes.write_string_with_format(0, 2, format!("plan id: {}", plan.plan.id), &header)?;
    for (i, (topic, zh, en)) in NOTES.iter().enumerate() {
        let row = i as u32 + 1;
        notes.write_string_with_format(row, 0, *topic, &Format::new().set_bold())?;
        notes.write_string_with_format(row, 1, *zh, &wrap)?;
        notes.write_string_with_format(row, 2, *en, &wrap)?;
    }
    book.save_to_buffer()
}
