//! Fill-in spreadsheets for actuals: `plan-widget actuals export|import` and the authoring page's
//! 下载填报表 / import (see `docs/spreadsheets.md`).
//!
//! ```text
//! Plan -> export::rows -> export::xlsx | export::csv          (one row per indicator and period)
//! xlsx/xls/ods/csv bytes -> read -> [Table] -> import::merge -> new plan JSON, or located errors
//! ```
//!
//! Built natively (the CLI) and with the cargo feature `authoring` (the authoring bundle), never
//! into the widget's own module: calamine, rust_xlsxwriter, encoding_rs and csv stay out of it.

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod csv;
pub mod export;
pub mod import;
pub mod number;
pub mod styles;

use std::io::Cursor;

use calamine::{Data, Reader};

use crate::diag::{Code, Diagnostic};
use crate::model::TaskState;

/// One cell as read from a sheet.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Nothing in it.
    Empty,
    /// Text (every CSV cell, and text cells of a workbook).
    Text(String),
    /// A number cell.
    Number(f64),
    /// A number cell shown as a percentage (a typed `70.5%`, stored as 0.705), in percent: 70.5.
    Percent(f64),
    /// A date cell, as `(year, month, day)`.
    Date(i32, u8, u8),
    /// Anything else a workbook can hold (a boolean, an error such as `#DIV/0!`), as shown.
    Other(String),
}

impl Cell {
    /// True when nothing is in the cell (or only spaces).
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => number::normalize(t).is_empty(),
            _ => false,
        }
    }

    /// The cell as a person sees it, for messages.
    pub fn shown(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) | Cell::Other(t) => t.clone(),
            Cell::Number(n) => format!("{n}"),
            Cell::Percent(p) => format!("{p}%"),
            Cell::Date(y, m, d) => format!("{y:04}-{m:02}-{d:02}"),
        }
    }
}

/// One sheet: its name and its cells by 0-based row and column from `A1`.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// The sheet's name (for a CSV file: the file's name without its extension, as Excel names
    /// the sheet it opens).
    pub name: String,
    /// Rows from the first; short rows are padded with [`Cell::Empty`] when read.
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// The cell at 0-based `row` and `col`, empty outside the table.
    pub fn get(&self, row: usize, col: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&Cell::Empty)
    }
}

/// What a file held.
#[derive(Clone, Debug, PartialEq)]
pub struct Workbook {
    /// Its sheets, in order.
    pub tables: Vec<Table>,
    /// For CSV: how the bytes were decoded.
    pub encoding: Option<csv::TextEncoding>,
}

/// The column letters of a 0-based column: 0 is `A`, 25 `Z`, 26 `AA`.
pub fn column_name(col: usize) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// `Sheet1!D7` for 0-based `row` and `col`. Sheet names with spaces or punctuation are quoted
/// as spreadsheet programs do (`'实际值 Actuals'!H2`).
pub fn cell_ref(sheet: &str, row: usize, col: usize) -> String {
    let plain = sheet.chars().all(|c| c.is_alphanumeric() || c == '_');
    let name = if plain {
        sheet.to_string()
    } else {
        format!("'{}'", sheet.replace('\'', "''"))
    };
    format!("{name}!{}{}", column_name(col), row + 1)
}

/// A diagnostic located at a cell: `path` is `Sheet!A1`, `line` the 1-based row, `column` the
/// 1-based column.
pub fn at_cell(
    code: Code,
    sheet: &str,
    row: usize,
    col: usize,
    zh: impl Into<String>,
    en: impl Into<String>,
) -> Diagnostic {
    let mut d = Diagnostic::new(code, cell_ref(sheet, row, col), zh, en);
    d.line = Some(row + 1);
    d.column = Some(col + 1);
    d
}

/// The four states with their Chinese names, in the order they are offered.
pub const STATES: [(TaskState, &str, &str); 4] = [
    (TaskState::NotStarted, "notStarted", "未启动"),
    (TaskState::InProgress, "inProgress", "推进中"),
    (TaskState::Done, "done", "已完成"),
    (TaskState::Blocked, "blocked", "受阻"),
];

/// A state as the sheet offers it: `已完成 done`.
pub fn state_label(state: TaskState) -> String {
    STATES
        .iter()
        .find(|s| s.0 == state)
        .map(|(_, en, zh)| format!("{zh} {en}"))
        .unwrap_or_default()
}

/// Reads a state cell: the format's name (`done`, any case), the Chinese name (`已完成`) or both
/// as the sheet offers them (`已完成 done`).
pub fn parse_state(text: &str) -> Option<TaskState> {
    let t = number::normalize(text);
    let words: Vec<&str> = t.split_whitespace().collect();
    let one = |w: &str| {
        STATES
            .iter()
            .find(|(_, en, zh)| en.eq_ignore_ascii_case(w) || *zh == w)
            .map(|s| s.0)
    };
    match words.as_slice() {
        [w] => one(w),
        [a, b] => match (one(a), one(b)) {
            (Some(x), Some(y)) if x == y => Some(x),
            _ => None,
        },
        _ => None,
    }
}

/// Reads a spreadsheet file: a workbook (xlsx, xlsm, xls, xlsb, ods; told by its content) or
/// CSV text. `name` is the file's name, which names a CSV file's one sheet. The error is
/// `sheet.unreadable`, located at the file.
pub fn read(bytes: &[u8], name: &str) -> Result<Workbook, Diagnostic> {
    let zip = bytes.starts_with(b"PK\x03\x04");
    let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    if zip || ole {
        return read_workbook(bytes);
    }
    let stem = name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(name)
        .rsplit_once('.')
        .map_or(name, |(s, _)| s);
    let stem = if stem.is_empty() { "csv" } else { stem };
    let Some((text, encoding)) = csv::decode(bytes) else {
        return Err(Diagnostic::new(
            Code::SheetUnreadable,
            "",
            "文件既不是 UTF-8 也不是 GBK/GB18030 编码的文本，也不是 xlsx/xls/ods 表格",
            "the file is neither UTF-8 nor GBK/GB18030 text, nor an xlsx/xls/ods workbook",
        ));
    };
    let table = csv::read(&text, stem).ok_or_else(|| {
        Diagnostic::new(
            Code::SheetUnreadable,
            "",
            "CSV 文件的引号不成对，无法读取",
            "the CSV file has unbalanced quotes and cannot be read",
        )
    })?;
    Ok(Workbook {
        tables: vec![table],
        encoding: Some(encoding),
    })
}

fn read_workbook(bytes: &[u8]) -> Result<Workbook, Diagnostic> {
    let unreadable = |e: String| {
        Diagnostic::new(
            Code::SheetUnreadable,
            "",
            format!("无法读取表格文件（{e}）：请用 Excel、WPS 或 LibreOffice 另存为 .xlsx 后再试"),
            format!("cannot read the workbook ({e}): save it as .xlsx with Excel, WPS or LibreOffice and try again"),
        )
    };
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| unreadable(e.to_string()))?;
    let percent = if bytes.starts_with(b"PK\x03\x04") {
        styles::percent_cells(bytes)
    } else {
        Default::default()
    };
    let mut tables = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| unreadable(e.to_string()))?;
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let (r0, c0) = (r0 as usize, c0 as usize);
        let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); r0];
        let shown = percent.get(&name);
        for (r, row) in range.rows().enumerate() {
            let mut cells = vec![Cell::Empty; c0];
            cells.extend(row.iter().enumerate().map(|(c, d)| {
                let cell = cell_of(d);
                match cell {
                    Cell::Number(n) if shown.is_some_and(|s| s.contains(&(r0 + r, c0 + c))) => {
                        // 0.705 × 100 is 70.49999999999999: round to what a person typed.
                        Cell::Percent((n * 100.0 * 1e9).round() / 1e9)
                    }
                    other => other,
                }
            }));
            rows.push(cells);
        }
        tables.push(Table { name, rows });
    }
    Ok(Workbook {
        tables,
        encoding: None,
    })
}

fn cell_of(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            Cell::Date(i32::from(y), m, d)
        }
        Data::DateTime(dt) => Cell::Other(format!("{}", dt.as_f64())),
        Data::DateTimeIso(s) | Data::DurationIso(s) => match s.get(..10) {
            Some(day) if crate::period::Day::parse(day).is_ok() => {
                let (y, m, dd) = crate::period::Day::parse(day)
                    .map(|x| x.ymd())
                    .unwrap_or((1970, 1, 1));
                Cell::Date(y, m, dd)
            }
            _ => Cell::Other(s.clone()),
        },
        Data::Bool(b) => Cell::Other(if *b { "TRUE" } else { "FALSE" }.into()),
        Data::Error(e) => Cell::Other(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_spreadsheets_name_them() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
        assert_eq!(cell_ref("Sheet1", 6, 3), "Sheet1!D7");
        assert_eq!(cell_ref("实际值 Actuals", 1, 7), "'实际值 Actuals'!H2");
        assert_eq!(cell_ref("O'Neil", 0, 0), "'O''Neil'!A1");
    }

    #[test]
    fn states_read_in_either_language() {
        assert_eq!(parse_state("done"), Some(TaskState::Done));
        assert_eq!(parse_state(" Done "), Some(TaskState::Done));
        assert_eq!(parse_state("已完成"), Some(TaskState::Done));
        assert_eq!(parse_state("已完成 done"), Some(TaskState::Done));
        assert_eq!(parse_state("受阻 blocked"), Some(TaskState::Blocked));
        assert_eq!(parse_state("已完成 blocked"), None);
        assert_eq!(parse_state("finished"), None);
        for s in STATES {
            assert_eq!(parse_state(&state_label(s.0)), Some(s.0));
        }
    }

    #[test]
    fn garbage_is_an_unreadable_error_not_a_panic() {
        let e = read(b"PK\x03\x04garbage", "x.xlsx").expect_err("not a workbook");
        assert_eq!(e.code, Code::SheetUnreadable);
        let e = read(&[0xD0, 0xCF, 0x11, 0xE0, 0, 1], "x.xls").expect_err("not a workbook");
        assert_eq!(e.code, Code::SheetUnreadable);
    }
}
