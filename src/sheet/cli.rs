//! `plan-widget actuals export|import`: the command-line side of the fill-in sheets (the binary
//! only dispatches here).

use std::io::Write;

use crate::diag::Diagnostic;
use crate::model::Locale;
use crate::period::Day;

/// Options of `plan-widget actuals`.
#[derive(Clone, Debug, Default)]
pub struct Args {
    /// `export` or `import`, then the files.
    pub files: Vec<String>,
    /// `--out FILE`.
    pub out: Option<String>,
    /// `--as-of YYYY-MM-DD` (export: the periods due by then).
    pub as_of: Option<Day>,
    /// `--lang`: messages in one language instead of both.
    pub lang: Option<Locale>,
    /// `--dry-run`: report what an import would change, write nothing.
    pub dry_run: bool,
    /// `--json`: print the import report as JSON.
    pub json: bool,
}

/// Runs `plan-widget actuals …`; returns the exit code (0 done, 1 problems in the files), or a
/// usage error.
pub fn run(args: &Args, today: Day) -> Result<i32, String> {
    match args.files.first().map(String::as_str) {
        Some("export") if args.files.len() == 2 => export(args, today),
        Some("export") => Err("actuals export: name exactly one PLAN.json".into()),
        Some("import") if args.files.len() == 3 => import(args),
        Some("import") => Err("actuals import: name PLAN.json and FILE.xlsx|FILE.csv".into()),
        _ => Err("actuals: expected export or import".into()),
    }
}

/// Reads a UTF-8 text file for the command-line tool; the error names the file and, for text
/// that is not UTF-8, the first bad byte, in English and Chinese.
pub fn read_text(file: &str) -> Result<String, String> {
    let bytes = std::fs::read(file).map_err(|e| format!("{file}: cannot read: {e}"))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{file}: not UTF-8 text (byte {}): save the file as UTF-8 / 文件不是 UTF-8 编码，请另存为 UTF-8",
            e.utf8_error().valid_up_to()
        )
    })
}

fn line(d: &Diagnostic, file: &str, lang: Option<Locale>) -> String {
    let sev = if d.is_error() { "error" } else { "warning" };
    let place = if d.path.is_empty() {
        file.to_string()
    } else if d.path.contains('!') {
        format!("{file}: {}", d.path)
    } else {
        return match lang {
            Some(Locale::En) => d.render(file, true),
            Some(Locale::ZhCn) => d.render(file, false),
            None => format!("{} / {}", d.render(file, false), d.message_en),
        };
    };
    let msg = match lang {
        Some(Locale::En) => d.message_en.clone(),
        Some(Locale::ZhCn) => d.message_zh.clone(),
        None => format!("{} / {}", d.message_zh, d.message_en),
    };
    format!("{place}: {sev}[{}] {msg}", d.code)
}

fn export(args: &Args, today: Day) -> Result<i32, String> {
    let file = &args.files[1];
    let out = args
        .out
        .as_deref()
        .ok_or("actuals export: --out FILE.xlsx|FILE.csv is required")?;
    let lower = out.to_ascii_lowercase();
    let xlsx = if lower.ends_with(".xlsx") {
        true
    } else if lower.ends_with(".csv") {
        false
    } else {
        return Err(format!(
            "actuals export: --out must end in .xlsx or .csv, got {out:?}"
        ));
    };
    let loaded = crate::load(&read_text(file)?);
    for d in loaded.errors() {
        eprintln!("{}", line(d, file, args.lang));
    }
    let Some(plan) = loaded.plan else {
        eprintln!("{file}: no usable plan, no sheet written");
        return Ok(1);
    };
    let as_of = args.as_of.or(plan.plan.as_of).unwrap_or(today);
    let rows = super::export::rows(&plan, as_of);
    let bytes = if xlsx {
        super::export::xlsx(&plan, &rows).map_err(|e| format!("{out}: cannot make xlsx: {e}"))?
    } else {
        super::export::csv(&rows)
    };
    std::fs::write(out, &bytes).map_err(|e| format!("{out}: cannot write: {e}"))?;
    println!(
        "{out}: {} rows for {} indicators, periods due by {as_of} and target periods",
        rows.len(),
        plan.indicators.len()
    );
    if !loaded.rejected.is_empty() {
        eprintln!(
            "{file}: warning: {} indicators with errors are not in the sheet",
            loaded.rejected.len()
        );
    }
    Ok(0)
}

fn import(args: &Args) -> Result<i32, String> {
    let (plan_file, sheet_file) = (&args.files[1], &args.files[2]);
    let plan_text = read_text(plan_file)?;
    let bytes = std::fs::read(sheet_file).map_err(|e| format!("{sheet_file}: cannot read: {e}"))?;
    let report = super::import::import_file(&plan_text, &bytes, sheet_file);
    let out = args.out.as_deref().unwrap_or(plan_file);
    if args.json {
        let v = serde_json::json!({
            "valid": !report.has_errors(),
            "written": !report.has_errors() && !args.dry_run,
            "out": out,
            "added": report.added,
            "replaced": report.replaced,
            "unchanged": report.unchanged,
            "sheets": report.sheets,
            "encoding": report.encoding,
            "diagnostics": report.diagnostics,
        });
        println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
    } else {
        let mut o = std::io::stdout().lock();
        for d in &report.diagnostics {
            let file = if d.path.contains('!') || d.path.is_empty() {
                sheet_file
            } else {
                plan_file
            };
            let _ = writeln!(o, "{}", line(d, file, args.lang));
        }
        for c in &report.replaced {
            let _ = writeln!(
                o,
                "{sheet_file}: {}: replaced / 已替换 {} {}: {} -> {}",
                c.cell,
                c.id,
                c.period,
                c.old.as_deref().unwrap_or(""),
                c.new
            );
        }
        let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
        if errors > 0 {
            let _ = writeln!(
                o,
                "{sheet_file}: {errors} errors; nothing written / 有 {errors} 处错误，未写入任何内容"
            );
        } else {
            let enc = report
                .encoding
                .map(|e| format!(", read as {e}"))
                .unwrap_or_default();
            let _ = writeln!(
                o,
                "{sheet_file}: {} added, {} replaced, {} unchanged{enc} / 新增 {}，替换 {}，未变 {}",
                report.added.len(),
                report.replaced.len(),
                report.unchanged,
                report.added.len(),
                report.replaced.len(),
                report.unchanged
            );
        }
    }
    let Some(json) = report.json.as_deref() else {
        return Ok(1);
    };
    if args.dry_run {
        eprintln!("--dry-run: {out} not written");
    } else if out == "-" {
        print!("{json}");
    } else {
        write_atomically(out, json)?;
        if !args.json {
            println!("{out}: written / 已写入");
        }
    }
    Ok(0)
}

/// Writes through a temporary file beside `out` and renames it, so a failure never leaves half a
/// plan.
fn write_atomically(out: &str, text: &str) -> Result<(), String> {
    let tmp = format!("{out}.tmp-{}", std::process::id());
    std::fs::write(&tmp, text).map_err(|e| format!("{out}: cannot write: {e}"))?;
    std::fs::rename(&tmp, out).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("{out}: cannot write: {e}")
    })
}
