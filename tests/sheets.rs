//! Fill-in spreadsheets for actuals (`src/sheet/`, `plan-widget actuals export|import`): the
//! exported sheet, the round trip export → fill in → import, files written by LibreOffice and
//! openpyxl, a GBK CSV, and every located error. Fixtures: tests/fixtures/sheets/README.md.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use plan_widget::diag::Code;
use plan_widget::sheet::import::{import, Report};
use plan_widget::sheet::{self, export, Cell};
use plan_widget::{load, Day};
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sheets")
        .join(name)
}

fn plan_text() -> String {
    std::fs::read_to_string(fixture("plan.json")).expect("plan.json")
}

fn import_file(name: &str) -> Report {
    let bytes = std::fs::read(fixture(name)).expect(name);
    let book = sheet::read(&bytes, name).unwrap_or_else(|d| panic!("{name}: {d:?}"));
    import(&plan_text(), &book)
}

fn doc(text: &str) -> Value {
    serde_json::from_str(text).expect("json")
}

/// The actuals of every indicator as `(id, period) -> actual`.
fn actuals(v: &Value) -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    for ind in v["indicators"].as_array().expect("indicators") {
        let id = ind["id"].as_str().unwrap_or("").to_string();
        for a in ind["actuals"].as_array().into_iter().flatten() {
            out.push((
                id.clone(),
                a["period"].as_str().unwrap_or("").into(),
                a.clone(),
            ));
        }
    }
    out
}

/// The document without actuals: what an import must never change.
fn without_actuals(mut v: Value) -> Value {
    for ind in v["indicators"].as_array_mut().expect("indicators") {
        ind.as_object_mut().map(|m| m.remove("actuals"));
    }
    v
}

/// Asserts that `after` differs from the fixture plan exactly in `changed` actuals (id, period,
/// the new actual): everything else, other actuals included, is as it was.
fn assert_only(after: &str, changed: &[(&str, &str, Value)]) {
    let before = doc(&plan_text());
    let after = doc(after);
    assert_eq!(
        without_actuals(before.clone()),
        without_actuals(after.clone())
    );
    let mut expected: Vec<(String, String, Value)> = actuals(&before)
        .into_iter()
        .filter(|(i, p, _)| !changed.iter().any(|(ci, cp, _)| ci == i && cp == p))
        .collect();
    expected.extend(
        changed
            .iter()
            .map(|(i, p, a)| (i.to_string(), p.to_string(), a.clone())),
    );
    let mut got = actuals(&after);
    expected.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    got.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    assert_eq!(got, expected);
    assert!(load(&serde_json::to_string(&after).expect("text")).is_valid());
}

fn codes_at(r: &Report) -> Vec<(Code, String)> {
    r.diagnostics
        .iter()
        .map(|d| (d.code, d.path.clone()))
        .collect()
}

#[test]
fn export_lists_due_and_target_periods_with_bilingual_headers() {
    let plan = load(&plan_text()).plan.expect("plan");
    let rows = export::rows(&plan, Day::parse("2025-06-30").expect("day"));
    let got: Vec<(String, String)> = rows
        .iter()
        .map(|r| (r.id.clone(), r.period.to_string()))
        .collect();
    let want = [
        ("kindergarten-coverage", "2024"),
        ("kindergarten-coverage", "2026"),
        ("new-places", "2024"),
        ("new-places", "2026"),
        ("lead-teachers", "2024"),
        ("lead-teachers", "2025"),
        ("lead-teachers", "2026"),
        ("three-star-school", "2024"),
        ("three-star-school", "2025"),
        ("smart-campus", "2024"),
        ("smart-campus", "2026"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(got, want);
    // The rows that have an actual show it.
    assert_eq!(rows[0].value, Some(68.2));
    assert_eq!(rows[0].note.as_deref(), Some("示例数据"));
    assert_eq!(rows[0].last, "68.2（2024）");
    let headers = export::text_rows(&rows)[0].join(" | ");
    for word in [
        "id", "period", "value", "state", "note", "编号", "期间", "数值", "状态", "备注",
    ] {
        assert!(headers.contains(word), "{word} missing from {headers}");
    }
    for context in ["name", "unit", "kind", "target", "last value"] {
        assert!(
            headers.contains(context),
            "{context} missing from {headers}"
        );
    }
    // Later as-of dates add the periods that have ended by then.
    let later = export::rows(&plan, Day::parse("2026-01-15").expect("day"));
    assert!(later
        .iter()
        .any(|r| r.id == "kindergarten-coverage" && r.period.to_string() == "2025"));
}

fn zip_entry(bytes: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut s = String::new();
    z.by_name(name)
        .expect(name)
        .read_to_string(&mut s)
        .expect("utf-8");
    s
}

#[test]
fn xlsx_export_has_frozen_header_widths_validation_and_notes_sheet() {
    let plan = load(&plan_text()).plan.expect("plan");
    let rows = export::rows(&plan, Day::parse("2025-06-30").expect("day"));
    let bytes = export::xlsx(&plan, &rows).expect("xlsx");
    let data = zip_entry(&bytes, "xl/worksheets/sheet1.xml");
    assert!(
        data.contains(
            r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        ),
        "{data}"
    );
    assert!(
        data.contains(r#"<col min="2" max="2" width="34.7109375""#),
        "column widths"
    );
    // States offered as a list on the milestone and task rows (9–12), numbers 0–100 for the
    // percentage rows (2–3), not negative for amounts, nothing for milestone values.
    assert!(data.contains(r#"sqref="I9:I12""#), "state list rows");
    assert!(data.contains("未启动 notStarted,推进中 inProgress,已完成 done,受阻 blocked"));
    assert!(data.contains(
        r#"type="decimal" allowBlank="1" showInputMessage="1" showErrorMessage="1" errorTitle="#
    ));
    assert!(
        data.contains(r#"sqref="H2:H3"><formula1>0</formula1><formula2>100</formula2>"#),
        "{data}"
    );
    assert!(data.contains(r#"operator="greaterThanOrEqual""#));
    assert!(
        data.contains("<sheetProtection"),
        "context columns are locked"
    );
    let workbook = zip_entry(&bytes, "xl/workbook.xml");
    assert!(workbook.contains(r#"name="填报表""#) && workbook.contains(r#"name="说明""#));
    // It reads back: two sheets, the header row, the prefilled value as a number.
    let book = sheet::read(&bytes, "x.xlsx").expect("reads");
    assert_eq!(book.tables.len(), 2);
    let t = &book.tables[0];
    assert_eq!(t.get(0, 6), &Cell::Text("期间 period".into()));
    assert_eq!(t.get(1, 7), &Cell::Number(68.2));
    assert_eq!(t.get(1, 6), &Cell::Text("2024".into()));
    let notes = &book.tables[1];
    assert!(
        notes.rows.len() > 10,
        "the notes sheet explains the columns"
    );
}

#[test]
fn importing_the_export_unchanged_changes_nothing() {
    let plan = load(&plan_text()).plan.expect("plan");
    let rows = export::rows(&plan, Day::parse("2025-06-30").expect("day"));
    for (name, bytes) in [
        ("a.xlsx", export::xlsx(&plan, &rows).expect("xlsx")),
        ("a.csv", export::csv(&rows)),
    ] {
        let book = sheet::read(&bytes, name).expect("reads");
        let r = import(&plan_text(), &book);
        assert!(!r.has_errors(), "{name}: {:?}", r.diagnostics);
        assert!(r.added.is_empty() && r.replaced.is_empty(), "{name}");
        assert_eq!(r.unchanged, 3, "{name}: the three prefilled rows");
        assert_only(r.json.as_deref().expect("json"), &[]);
    }
}

#[test]
fn round_trip_changes_only_the_filled_cells() {
    let plan = load(&plan_text()).plan.expect("plan");
    let rows = export::rows(&plan, Day::parse("2025-06-30").expect("day"));
    let bytes = export::xlsx(&plan, &rows).expect("xlsx");
    let mut book = sheet::read(&bytes, "a.xlsx").expect("reads");
    let t = &mut book.tables[0];
    // Row 6 is lead-teachers 2024, row 3 kindergarten-coverage 2026 (a future target period:
    // filled anyway), row 2 kindergarten 2024 (replaced).
    t.rows[5][7] = Cell::Text("３０".into());
    t.rows[1][7] = Cell::Text("70.5%".into());
    t.rows[10][8] = Cell::Text("推进中 inProgress".into());
    t.rows[10][7] = Cell::Number(35.0);
    let r = import(&plan_text(), &book);
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    assert_eq!(r.added.len(), 2);
    assert_eq!(r.replaced.len(), 1);
    assert_eq!(r.replaced[0].cell, "填报表!H2");
    assert_eq!(r.replaced[0].old.as_deref(), Some("68.2 （示例数据）"));
    assert_only(
        r.json.as_deref().expect("json"),
        &[
            (
                "lead-teachers",
                "2024",
                serde_json::json!({"period": "2024", "value": 30}),
            ),
            (
                "kindergarten-coverage",
                "2024",
                serde_json::json!({"period": "2024", "value": 70.5, "note": "示例数据"}),
            ),
            (
                "smart-campus",
                "2024",
                serde_json::json!({"period": "2024", "value": 35, "state": "inProgress"}),
            ),
        ],
    );
}

#[test]
fn a_sheet_filled_with_openpyxl_imports() {
    let r = import_file("filled-openpyxl.xlsx");
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    assert_eq!(r.sheets, ["填报表"]);
    let replaced: Vec<&str> = r.replaced.iter().map(|c| c.cell.as_str()).collect();
    assert_eq!(replaced, ["填报表!H4"]);
    assert_eq!(r.added.len(), 4);
    assert_only(
        r.json.as_deref().expect("json"),
        &[
            (
                "lead-teachers",
                "2024",
                serde_json::json!({"period": "2024", "value": 31}),
            ),
            (
                "new-places",
                "2024",
                serde_json::json!({"period": "2024", "value": 1050, "note": "含民办园转公办"}),
            ),
            (
                "three-star-school",
                "2025",
                serde_json::json!({"period": "2025", "state": "done"}),
            ),
            (
                "smart-campus",
                "2024",
                serde_json::json!({"period": "2024", "value": 40, "state": "inProgress"}),
            ),
            (
                "kindergarten-coverage",
                "2025-H1",
                serde_json::json!({"period": "2025-H1", "value": 69.5}),
            ),
        ],
    );
    // The new half-year sits in period order, after 2024.
    let after = doc(r.json.as_deref().expect("json"));
    let periods: Vec<&str> = after["indicators"][0]["actuals"]
        .as_array()
        .expect("actuals")
        .iter()
        .map(|a| a["period"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(periods, ["2024", "2025-H1"]);
}

fn libreoffice_changes() -> Vec<(&'static str, &'static str, Value)> {
    vec![
        (
            "kindergarten-coverage",
            "2024",
            serde_json::json!({"period": "2024", "value": 70.5, "note": "教育统计年报"}),
        ),
        (
            "lead-teachers",
            "2025",
            serde_json::json!({"period": "2025", "value": 29}),
        ),
    ]
}

#[test]
fn sheets_saved_by_libreoffice_import() {
    // `70.5%` typed into LibreOffice is the number 0.705 with the format `0.00%`: it is read as
    // the 70.5 percent the person typed.
    let bytes = std::fs::read(fixture("filled-libreoffice.xlsx")).expect("xlsx");
    let book = sheet::read(&bytes, "filled-libreoffice.xlsx").expect("reads");
    assert_eq!(book.tables[0].get(1, 7), &Cell::Percent(70.5));
    assert_eq!(book.tables[0].get(6, 7), &Cell::Number(29.0));
    for name in ["filled-libreoffice.xlsx", "filled-libreoffice.ods"] {
        let r = import_file(name);
        assert!(!r.has_errors(), "{name}: {:?}", r.diagnostics);
        assert_eq!(r.replaced.len(), 1, "{name}");
        assert_eq!(r.added.len(), 1, "{name}");
        assert_only(r.json.as_deref().expect("json"), &libreoffice_changes());
    }
    // The exported sheet opened and saved again by LibreOffice: nothing changes.
    let r = import_file("export-libreoffice.xlsx");
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    assert!(r.added.is_empty() && r.replaced.is_empty());
    assert_only(r.json.as_deref().expect("json"), &[]);
}

#[test]
fn a_gbk_csv_is_detected_and_imports() {
    let bytes = std::fs::read(fixture("filled-libreoffice-gbk.csv")).expect("csv");
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture is not UTF-8"
    );
    let r = import_file("filled-libreoffice-gbk.csv");
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    assert_eq!(r.encoding, Some("GBK/GB18030"));
    assert_eq!(r.sheets, ["filled-libreoffice-gbk"]);
    assert_only(r.json.as_deref().expect("json"), &libreoffice_changes());
    // The UTF-8 export with its BOM reads the same way.
    let r = import_file("export.csv");
    assert_eq!(r.encoding, Some("UTF-8 (BOM)"));
    assert!(!r.has_errors());
}

#[test]
fn every_mistake_is_located_by_cell_and_row_in_both_languages() {
    let r = import_file("errors-openpyxl.xlsx");
    assert!(r.json.is_none(), "nothing to write");
    let got = codes_at(&r);
    let want = vec![
        (Code::SheetNotNumber, "报表!E4".to_string()),
        (Code::SheetPeriod, "报表!B5".to_string()),
        (Code::SheetUnknownId, "报表!C6".to_string()),
        (Code::SheetPercent, "报表!E7".to_string()),
        (Code::SheetState, "报表!F8".to_string()),
        (Code::SheetDuplicate, "报表!C10".to_string()),
    ];
    assert_eq!(got, want);
    for d in &r.diagnostics {
        let row = d.line.expect("row");
        assert!(
            d.message_zh.starts_with(&format!("第 {row} 行")),
            "{}",
            d.message_zh
        );
        assert!(
            d.message_en.starts_with(&format!("row {row}")),
            "{}",
            d.message_en
        );
        assert!(d.column.is_some());
    }
    let unknown = &r.diagnostics[2];
    assert!(unknown
        .message_en
        .contains("did you mean \"kindergarten-coverage\""));
    assert!(r.diagnostics[5].message_zh.contains("第 9 行"));
}

fn csv_import(body: &str) -> Report {
    let text = format!("编号 id,期间 period,数值 value,状态 state,备注 note\n{body}");
    let book = sheet::read(text.as_bytes(), "s.csv").expect("csv");
    import(&plan_text(), &book)
}

#[test]
fn kinds_units_and_incomplete_rows_are_checked() {
    let cases = [
        ("new-places,2025,12%,,", Code::SheetNotNumber, "s!C2"),
        ("kindergarten-coverage,2025,,done,", Code::SheetKind, "s!D2"),
        ("three-star-school,2025,1,done,", Code::SheetKind, "s!C2"),
        (",2025,1,,", Code::SheetIncomplete, "s!A2"),
        ("new-places,,1,,", Code::SheetIncomplete, "s!B2"),
        (
            "lead-teachers,2025,,,只有备注",
            Code::SheetIncomplete,
            "s!C2",
        ),
        (
            "smart-campus,2025,101,inProgress,",
            Code::SheetPercent,
            "s!C2",
        ),
        ("new-places,2025,\"1,5\",,", Code::SheetNotNumber, "s!C2"),
        ("new-places,2024-13,1,,", Code::SheetPeriod, "s!B2"),
        // Caught by the validation `check` does, then moved to the cell.
        ("new-places,2025,-5,,", Code::ValueRange, "s!C2"),
    ];
    for (row, code, cell) in cases {
        let r = csv_import(row);
        assert!(r.json.is_none(), "{row}: must not write");
        assert_eq!(codes_at(&r), vec![(code, cell.to_string())], "{row}");
    }
    // A percent-formatted number cell where the unit is not `%`.
    let mut book = sheet::read(
        "编号 id,期间 period,数值 value\nnew-places,2025,1\n".as_bytes(),
        "s.csv",
    )
    .expect("csv");
    book.tables[0].rows[1][2] = Cell::Percent(12.0);
    let r = import(&plan_text(), &book);
    assert_eq!(
        codes_at(&r),
        vec![(Code::SheetNotNumber, "s!C2".to_string())]
    );
    assert!(r.diagnostics[0]
        .message_en
        .contains("\"12%\" is a percentage"));
    // A note alone on a period that has an actual adds the note.
    let r = csv_import("new-places,2024,,,据统计年报");
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    assert_eq!(r.replaced.len(), 1);
    // Rows with neither value, state nor note are skipped, whatever their id.
    let r = csv_import("no-such-id,2024,,,\nnew-places,2024,,,");
    assert!(!r.has_errors() && r.added.is_empty() && r.replaced.is_empty());
    // No header row anywhere.
    let book = sheet::read("a,b\n1,2\n".as_bytes(), "x.csv").expect("csv");
    assert_eq!(
        codes_at(&import(&plan_text(), &book)),
        vec![(Code::SheetNoHeader, String::new())]
    );
}

#[test]
fn columns_are_found_by_header_wherever_they_are() {
    // A clerk's own layout: a title row, the headers on row 2 in another order, extra columns.
    let text = "教育事业统计报表,,,,\n说明,备注 note,实际值,指标编号,报告期\n,,66.6,kindergarten-coverage,2025-H1\n";
    let book = sheet::read(text.as_bytes(), "报表.csv").expect("csv");
    let r = import(&plan_text(), &book);
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    assert_eq!(r.added[0].cell, "报表!C3");
    assert_eq!(r.added[0].row, 3);
}

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_plan-widget")
}

#[test]
fn cli_exports_imports_and_writes_nothing_on_error() {
    let dir = std::env::temp_dir().join(format!("plan-widget-sheets-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let plan = dir.join("plan.json");
    std::fs::write(&plan, plan_text()).expect("copy");
    for out in ["f.xlsx", "f.csv"] {
        let o = Command::new(bin())
            .args(["actuals", "export"])
            .arg(&plan)
            .arg("--out")
            .arg(dir.join(out))
            .output()
            .expect("runs");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(String::from_utf8_lossy(&o.stdout).contains("11 rows for 5 indicators"));
    }
    let o = Command::new(bin())
        .args(["actuals", "export"])
        .arg(&plan)
        .args(["--out", "x.pdf"])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));

    // Errors: every one printed with its cell, and the plan is not touched.
    let o = Command::new(bin())
        .args(["actuals", "import"])
        .arg(&plan)
        .arg(fixture("errors-openpyxl.xlsx"))
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("报表!E4: error[sheet.notNumber] 第 4 行："),
        "{out}"
    );
    assert!(out.contains("/ row 4: value \"六十\""), "{out}");
    assert!(out.contains("nothing written"), "{out}");
    assert_eq!(std::fs::read_to_string(&plan).expect("plan"), plan_text());

    // --out NEW.json: the plan stays, the new file has the merge; the replacement is reported.
    let new = dir.join("new.json");
    let o = Command::new(bin())
        .args(["actuals", "import"])
        .arg(&plan)
        .arg(fixture("filled-libreoffice-gbk.csv"))
        .arg("--out")
        .arg(&new)
        .output()
        .expect("runs");
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{out}");
    assert!(out.contains("replaced / 已替换 kindergarten-coverage 2024: 68.2 （示例数据） -> 70.5 （教育统计年报）"), "{out}");
    assert!(
        out.contains("1 added, 1 replaced, 2 unchanged, read as GBK/GB18030"),
        "{out}"
    );
    assert_eq!(std::fs::read_to_string(&plan).expect("plan"), plan_text());
    assert_only(
        &std::fs::read_to_string(&new).expect("new"),
        &libreoffice_changes(),
    );
    // Without --out the plan itself is updated, and `check` passes on it.
    let o = Command::new(bin())
        .args(["actuals", "import"])
        .arg(&plan)
        .arg(fixture("filled-openpyxl.xlsx"))
        .output()
        .expect("runs");
    assert!(o.status.success());
    let c = Command::new(bin())
        .arg("check")
        .arg(&plan)
        .output()
        .expect("runs");
    assert!(c.status.success(), "{}", String::from_utf8_lossy(&c.stdout));
    assert_ne!(std::fs::read_to_string(&plan).expect("plan"), plan_text());
    let _ = std::fs::remove_dir_all(&dir);
}
