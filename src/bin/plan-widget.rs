//! The `plan-widget` command-line tool for data clerks: check plan files, print statuses, render
//! the widget's views to SVG.
//! Run `plan-widget --help`.
#![forbid(unsafe_code)]

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(cli::main(std::env::args_os().skip(1).collect()));
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::ffi::OsString;
    use std::io::Write;

    use lexopt::prelude::*;
    use plan_widget::layout::{layout, EstimateMeasure, Filter, LayoutOptions, Scene, View};
    use plan_widget::model::Locale;
    use plan_widget::paint::to_svg;
    use plan_widget::sheet::cli::read_text as read;
    use plan_widget::status::Thresholds;
    use plan_widget::theme::{Theme, ThemeName};
    use plan_widget::{evaluate, load, Code, Day, Options};
    use serde_json::json;

    const HELP: &str = "\
plan-widget: check plan-indicator JSON files, compute progress statuses, render views as SVG.

USAGE:
    plan-widget check FILE... [--lang zh-CN|en] [--json]
    plan-widget check --codes
    plan-widget status FILE [--as-of YYYY-MM-DD] [--json] [--lang zh-CN|en]
                            [--on-track RATIO] [--at-risk RATIO]
    plan-widget render FILE [--view dashboard|sections|indicator:ID] [--width PX]
                            [--out FILE.svg|FILE.html|-] [--format svg|html]
                            [--theme light|dark|contrast] [--lang zh-CN|en]
                            [--as-of YYYY-MM-DD] [--on-track RATIO] [--at-risk RATIO]
    plan-widget draft PLAN.txt [--year YYYY] [--items] > plan.json
    plan-widget draft PLAN.txt --compare CURATED.json
    plan-widget actuals export PLAN.json --out FILE.xlsx|FILE.csv [--as-of YYYY-MM-DD]
    plan-widget actuals import PLAN.json FILE.xlsx|FILE.csv [--out NEW.json] [--dry-run] [--json]
    plan-widget --version

check   Validates each file and prints every problem as
        FILE:LINE:COL: error[CODE] PATH: message. Exits 1 if any file has an error.
        Without --lang, messages are printed in Chinese and English.
        --json prints one object per file with its diagnostics.
        --codes lists the stable error codes.
status  Prints each indicator's status, latest value, expected value, progress ratio and
        projection as of a date (default: the file's plan.asOf, else today).
        --json prints an array of objects.
render  Draws one view of the plan as the widget does and writes it as an SVG file.
        Defaults: --view dashboard, --width 1280 (CSS px, 200 to 10000; the height follows
        the content), --out the input's name with .svg (.html with --format html) beside
        it; --out - writes to standard output. The defaults used are printed. Text widths are estimated, so a browser's fonts may
        set lines a little wider or narrower. Problems in the file are printed as by
        check; indicators with errors are left out with a warning. Exits 1 if the file
        has no usable plan. --format html writes instead the fallback content to paste
        inside <plan-widget> for browsers without WebAssembly: the SVG, one sentence per
        indicator and a data table, all text escaped, no script or style attribute.
draft   Drafts indicator JSON from a plan's text: title, sections, 责任领导/责任单位, and
        target sentences of every kind, each with its verbatim quote; unrecognised numbered
        items become tasks. Every drafted indicator needs a person's confirmation (its note
        says so). Writes the JSON to standard output and warnings to standard error.
        --year is used when the text names no year (default: this year). --items prints the
        extractor's per-indicator metadata (confidence, intended kind) instead.
        --compare prints recall and precision against a curated file.
actuals export writes a fill-in sheet: one row per indicator and reporting period (due by
        the as-of date, and target periods), read-only context columns, data validation.
actuals import merges a filled-in xlsx/xls/ods or CSV (UTF-8 or GBK) into the plan (in place,
        or --out), validating as check does. Every problem is printed with its sheet cell
        (填报表!H7) and row; with any error nothing is written. See docs/spreadsheets.md.

The format is documented in docs/format.md; the JSON Schema is www/plan-indicators.schema.json.
";

    /// Runs the tool and returns the process exit code.
    pub fn main(args: Vec<OsString>) -> i32 {
        match run(args) {
            Ok(code) => code,
            Err(e) => {
                eprintln!("plan-widget: {e}\n\nRun `plan-widget --help` for usage.");
                2
            }
        }
    }

    fn run(args: Vec<OsString>) -> Result<i32, String> {
        let mut parser = lexopt::Parser::from_args(args);
        let mut command: Option<String> = None;
        let mut files: Vec<String> = Vec::new();
        let mut lang: Option<Locale> = None;
        let mut json = false;
        let mut codes = false;
        let mut as_of: Option<Day> = None;
        let mut thresholds = Thresholds::default();
        let mut render = RenderArgs::default();
        let mut year: Option<i32> = None;
        let mut items = false;
        let mut compare: Option<String> = None;
        let mut dry_run = false;
        while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
            match arg {
                Short('h') | Long("help") => {
                    print!("{HELP}");
                    return Ok(0);
                }
                Short('V') | Long("version") => {
                    println!("{}", version_line());
                    return Ok(0);
                }
                Long("lang") => {
                    let v = parser
                        .value()
                        .map_err(|e| e.to_string())?
                        .string()
                        .map_err(|_| "--lang: not UTF-8")?;
                    lang =
                        Some(Locale::parse(&v).ok_or(format!("--lang: unknown language {v:?}"))?);
                }
                Long("json") => json = true,
                Long("items") => items = true,
                Long("dry-run") => dry_run = true,
                Long("year") => {
                    let v = parser
                        .value()
                        .map_err(|e| e.to_string())?
                        .string()
                        .map_err(|_| "--year: not UTF-8")?;
                    year = Some(
                        v.parse::<i32>()
                            .ok()
                            .filter(|y| (1900..=2200).contains(y))
                            .ok_or(format!(
                                "--year: expected a year from 1900 to 2200, got {v:?}"
                            ))?,
                    );
                }
                Long("compare") => {
                    let v = parser
                        .value()
                        .map_err(|e| e.to_string())?
                        .string()
                        .map_err(|_| "--compare: not UTF-8")?;
                    compare = Some(v);
                }
                Long("codes") => codes = true,
                Long("as-of") => {
                    let v = parser
                        .value()
                        .map_err(|e| e.to_string())?
                        .string()
                        .map_err(|_| "--as-of: not UTF-8")?;
                    as_of = Some(Day::parse(&v).map_err(|e| format!("--as-of {v}: {}", e.en()))?);
                }
                Long("view") => {
                    let v = string_arg(&mut parser, "--view")?;
                    // A bare `indicator` takes its id from the widget's separate option, which
                    // the CLI has not got: here the id must follow the colon.
                    let view = View::parse(&v)
                        .ok()
                        .filter(|view| *view != View::Indicator(String::new()));
                    render.view = Some(view.ok_or_else(|| {
                        format!("--view: expected dashboard, sections or indicator:ID, got {v:?}")
                    })?);
                }
                Long("width") => {
                    let v = string_arg(&mut parser, "--width")?;
                    render.width = Some(
                        v.parse::<f32>()
                            .ok()
                            .filter(|w| (200.0..=10_000.0).contains(w))
                            .ok_or(format!(
                                "--width: expected CSS px from 200 to 10000, got {v:?}"
                            ))?,
                    );
                }
                Long("theme") => {
                    let v = string_arg(&mut parser, "--theme")?;
                    render.theme = Some(ThemeName::parse(&v).ok_or(format!(
                        "--theme: expected light, dark or contrast, got {v:?}"
                    ))?);
                }
                Long("out") => render.out = Some(string_arg(&mut parser, "--out")?),
                Long("format") => {
                    let v = string_arg(&mut parser, "--format")?;
                    render.html = match v.as_str() {
                        "svg" => false,
                        "html" => true,
                        _ => return Err(format!("--format: expected svg or html, got {v:?}")),
                    };
                }
                Long("on-track") => thresholds.on_track = ratio_arg(&mut parser, "--on-track")?,
                Long("at-risk") => thresholds.at_risk = ratio_arg(&mut parser, "--at-risk")?,
                Value(v) => {
                    let v = v.string().map_err(|_| "arguments must be UTF-8")?;
                    if command.is_none() {
                        command = Some(v);
                    } else {
                        files.push(v);
                    }
                }
                other => return Err(other.unexpected().to_string()),
            }
        }
        match command.as_deref() {
            Some("check") if codes => {
                for c in Code::ALL {
                    println!("{:<24} {}", c.as_str(), c.summary());
                }
                Ok(0)
            }
            Some("check") if files.is_empty() => Err(
                "check: name at least one FILE (for example `plan-widget check plan.json`)".into(),
            ),
            Some("check") => Ok(check(&files, lang, json)),
            Some("status") if files.len() != 1 => Err(format!(
                "status: name exactly one FILE, got {}; it is evaluated as of {}",
                files.len(),
                as_of.map_or("the file's plan.asOf, else today".to_string(), |d| d
                    .to_string())
            )),
            Some("status") => status(&files[0], as_of, thresholds, lang, json),
            Some("draft") if files.len() != 1 => Err(format!(
                "draft: name exactly one PLAN.txt, got {}; years the text leaves out would be {}",
                files.len(),
                year.unwrap_or_else(|| today().ymd().0)
            )),
            Some("draft") => draft(&files[0], year, items, compare.as_deref()),
            Some("render") if files.is_empty() => Err(format!(
                "render: name the plan FILE to draw (for example `plan-widget render plan.json`); \
                 it would then be drawn with {}",
                render.describe_defaults("FILE")
            )),
            Some("render") if files.len() > 1 => Err(format!(
                "render: name exactly one FILE, got {}: {}",
                files.len(),
                files.join(" ")
            )),
            Some("render") => {
                let file = &files[0];
                let used = render.describe_defaults(file);
                let view = render.view.take().unwrap_or(View::Dashboard);
                let width = render.width.unwrap_or(DEFAULT_WIDTH);
                let out = match render.out.take() {
                    Some(out) => out,
                    None => default_out(file, render.html)?,
                };
                if !used.is_empty() && out != "-" {
                    eprintln!("render: using {used}");
                }
                let theme = render.theme.unwrap_or_default();
                let opts = RenderOptions {
                    view,
                    width,
                    theme,
                    lang,
                    as_of,
                    thresholds,
                    html: render.html,
                };
                render_file(file, &opts, &out)
            }
            Some("actuals") => plan_widget::sheet::cli::run(
                &plan_widget::sheet::cli::Args {
                    files,
                    out: render.out,
                    as_of,
                    lang,
                    dry_run,
                    json,
                },
                today(),
            ),
            Some(other) => Err(format!("unknown command {other:?}")),
            None => {
                print!("{HELP}");
                Ok(2)
            }
        }
    }

    /// `render`'s width when `--width` is not given: a desktop page's content width.
    const DEFAULT_WIDTH: f32 = 1280.0;

    /// What `--version` prints: the tool's version and the data format it reads.
    fn version_line() -> String {
        format!(
            "plan-widget {} (plan-indicator format version {})",
            env!("CARGO_PKG_VERSION"),
            plan_widget::SCHEMA_VERSION
        )
    }

    /// Options of `render` as given on the command line.
    #[derive(Default)]
    struct RenderArgs {
        view: Option<View>,
        width: Option<f32>,
        theme: Option<ThemeName>,
        out: Option<String>,
        html: bool,
    }

    impl RenderArgs {
        /// The defaults that would fill the options not given, as command-line text
        /// (`--view dashboard, --width 1280, --out plan.svg`); empty when all were given.
        fn describe_defaults(&self, file: &str) -> String {
            let mut used = Vec::new();
            if self.view.is_none() {
                used.push("--view dashboard".to_string());
            }
            if self.width.is_none() {
                used.push(format!("--width {DEFAULT_WIDTH}"));
            }
            if self.out.is_none() {
                let out = default_out(file, self.html).unwrap_or_else(|_| "FILE.svg".into());
                used.push(format!("--out {out}"));
            }
            used.join(", ")
        }
    }

    /// `render`'s output file when `--out` is not given: the input's name with `.svg` (or
    /// `.html`), beside it. Refuses to name the input itself.
    fn default_out(file: &str, html: bool) -> Result<String, String> {
        let ext = if html { "html" } else { "svg" };
        let out = std::path::Path::new(file).with_extension(ext);
        let out = out.to_string_lossy().into_owned();
        if out == file {
            return Err(format!(
                "render: {file} already ends in .{ext}; name the output with --out"
            ));
        }
        Ok(out)
    }

    fn string_arg(parser: &mut lexopt::Parser, name: &str) -> Result<String, String> {
        parser
            .value()
            .map_err(|e| e.to_string())?
            .string()
            .map_err(|_| format!("{name}: not UTF-8"))
    }

    fn ratio_arg(parser: &mut lexopt::Parser, name: &str) -> Result<f64, String> {
        let v = parser.value().map_err(|e| e.to_string())?;
        let v = v.string().map_err(|_| format!("{name}: not UTF-8"))?;
        v.parse::<f64>()
            .ok()
            .filter(|r| r.is_finite() && *r >= 0.0)
            .ok_or(format!("{name}: expected a non-negative number, got {v:?}"))
    }

    /// One diagnostic as `check` prints it: in the chosen language, else Chinese / English.
    fn diagnostic_line(d: &plan_widget::Diagnostic, file: &str, lang: Option<Locale>) -> String {
        match lang {
            Some(Locale::En) => d.render(file, true),
            Some(Locale::ZhCn) => d.render(file, false),
            None => format!("{} / {}", d.render(file, false), d.message_en),
        }
    }

    fn check(files: &[String], lang: Option<Locale>, json: bool) -> i32 {
        let mut failed = false;
        let mut reports = Vec::new();
        let mut out = std::io::stdout().lock();
        for file in files {
            let text = match read(file) {
                Ok(t) => t,
                Err(e) => {
                    failed = true;
                    if json {
                        reports.push(json!({"file": file, "valid": false, "readError": e}));
                    } else {
                        let _ = writeln!(out, "{e}");
                    }
                    continue;
                }
            };
            let loaded = load(&text);
            let errors = loaded.errors().count();
            let warnings = loaded.diagnostics.len() - errors;
            failed |= errors > 0;
            if json {
                reports.push(json!({
                    "file": file,
                    "valid": errors == 0,
                    "indicators": loaded.plan.as_ref().map(|p| p.indicators.len()),
                    "rejected": loaded.rejected,
                    "diagnostics": loaded.diagnostics,
                }));
                continue;
            }
            for d in &loaded.diagnostics {
                let _ = writeln!(out, "{}", diagnostic_line(d, file, lang));
            }
            let usable = loaded.plan.as_ref().map_or(0, |p| p.indicators.len());
            let _ = if errors == 0 {
                writeln!(
                    out,
                    "{file}: ok, {usable} indicators, {}",
                    plural(warnings, "warning")
                )
            } else {
                writeln!(
                    out,
                    "{file}: {}, {}; {usable} indicators usable, {} left out",
                    plural(errors, "error"),
                    plural(warnings, "warning"),
                    loaded.rejected.len()
                )
            };
        }
        if json {
            let _ = writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&reports).unwrap_or_default()
            );
        }
        i32::from(failed)
    }

    fn plural(n: usize, word: &str) -> String {
        if n == 1 {
            format!("1 {word}")
        } else {
            format!("{n} {word}s")
        }
    }

    fn draft(
        file: &str,
        year: Option<i32>,
        items: bool,
        compare: Option<&str>,
    ) -> Result<i32, String> {
        let text = read(file)?;
        let this_year = today().ymd().0;
        let options = plan_widget::draft::DraftOptions {
            fallback_year: Some(year.unwrap_or(this_year)),
            ..Default::default()
        };
        let d = plan_widget::draft::draft(&text, &options);
        if let Some(curated_file) = compare {
            let curated: serde_json::Value = serde_json::from_str(&read(curated_file)?)
                .map_err(|e| format!("{curated_file}: not JSON: {e}"))?;
            print!("{}", plan_widget::draft::compare(&d, &curated).report());
            return Ok(0);
        }
        for w in &d.warnings {
            eprintln!("{file}: warning: {w}");
        }
        if items {
            println!(
                "{}",
                serde_json::to_string_pretty(&d.items).unwrap_or_default()
            );
        } else {
            println!("{}", d.to_json());
        }
        Ok(0)
    }

    fn today() -> Day {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        Day((secs / 86_400) as i32)
    }

    fn fmt_num(v: Option<f64>) -> String {
        match v {
            Some(x) if (x - x.round()).abs() < 1e-9 => format!("{x:.0}"),
            Some(x) => format!("{x:.2}"),
            None => "-".into(),
        }
    }

    fn status(
        file: &str,
        as_of: Option<Day>,
        thresholds: Thresholds,
        lang: Option<Locale>,
        json: bool,
    ) -> Result<i32, String> {
        let text = read(file)?;
        let loaded = load(&text);
        for d in loaded.errors() {
            eprintln!("{}", d.render(file, lang == Some(Locale::En)));
        }
        let Some(plan) = loaded.plan else {
            return Ok(1);
        };
        let as_of = as_of.or(plan.plan.as_of).unwrap_or_else(today);
        let eval = evaluate(
            &plan,
            &Options {
                as_of: Some(as_of),
                thresholds,
            },
        );
        let locale = lang.unwrap_or(plan.plan.locale);
        if json {
            let rows: Vec<serde_json::Value> = plan
                .indicators
                .iter()
                .zip(&eval.indicators)
                .map(|(ind, st)| {
                    let mut v = serde_json::to_value(st).unwrap_or_default();
                    if let Some(o) = v.as_object_mut() {
                        o.insert("name".into(), json!(ind.name));
                        o.insert("kind".into(), json!(ind.kind.as_str()));
                        o.insert("unit".into(), json!(ind.unit));
                        o.insert("section".into(), json!(ind.section));
                        o.insert("statusLabel".into(), json!(st.status.label(locale)));
                        o.insert("asOf".into(), json!(eval.as_of.to_string()));
                    }
                    v
                })
                .collect();
            println!(
                "{}",
                serde_json::to_string_pretty(&rows).unwrap_or_default()
            );
            return Ok(i32::from(!loaded.rejected.is_empty()));
        }
        println!("{} — as of {}", plan.plan.title, eval.as_of);
        println!(
            "{:<40} {:<12} {:<10} {:>10} {:>10} {:>7} {:>10}",
            "id", "kind", "status", "latest", "expected", "ratio", "projected"
        );
        for (ind, st) in plan.indicators.iter().zip(&eval.indicators) {
            println!(
                "{:<40} {:<12} {:<10} {:>10} {:>10} {:>7} {:>10}",
                ind.id,
                ind.kind.as_str(),
                st.status.as_str(),
                fmt_num(st.latest.as_ref().and_then(|p| p.value)),
                fmt_num(st.expected),
                fmt_num(st.progress_ratio),
                fmt_num(st.projected),
            );
        }
        let c = &eval.rollups.plan;
        println!(
            "\n{} indicators: {} achieved, {} on track, {} at risk, {} off track, {} missed, {} not due, {} no data",
            c.total(),
            c.achieved,
            c.on_track,
            c.at_risk,
            c.off_track,
            c.missed,
            c.not_due,
            c.no_data
        );
        Ok(i32::from(!loaded.rejected.is_empty()))
    }

    /// What `render` draws.
    struct RenderOptions {
        view: View,
        width: f32,
        theme: ThemeName,
        lang: Option<Locale>,
        as_of: Option<Day>,
        thresholds: Thresholds,
        html: bool,
    }

    fn render_file(file: &str, opts: &RenderOptions, out: &str) -> Result<i32, String> {
        let text = read(file)?;
        let loaded = load(&text);
        for d in &loaded.diagnostics {
            eprintln!("{}", diagnostic_line(d, file, opts.lang));
        }
        let Some(plan) = loaded.plan else {
            eprintln!("{file}: no usable plan, nothing rendered");
            return Ok(1);
        };
        if let View::Indicator(id) = &opts.view {
            if !plan.indicators.iter().any(|i| &i.id == id) {
                return Err(format!(
                    "--view indicator:{id}: {file} has no usable indicator {id:?}"
                ));
            }
        }
        let eval = evaluate(
            &plan,
            &Options {
                as_of: Some(opts.as_of.or(plan.plan.as_of).unwrap_or_else(today)),
                thresholds: opts.thresholds,
            },
        );
        let scene = Scene {
            plan: &plan,
            eval: &eval,
            rejected: &loaded.rejected,
        };
        let layout_opts = LayoutOptions {
            width: opts.width,
            view: opts.view.clone(),
            theme: Theme::named(opts.theme),
            locale: opts.lang.unwrap_or(plan.plan.locale),
            focus: None,
            filter: Filter::default(),
        };
        let list = layout(&scene, &layout_opts, &EstimateMeasure);
        // --format html: the fallback a portal pastes inside <plan-widget> for browsers that
        // cannot run WebAssembly (static SVG, sentences, data table).
        let svg = if opts.html {
            plan_widget::a11y::fallback_html(&scene, &layout_opts)
        } else {
            to_svg(&list)
        };
        if out == "-" {
            print!("{svg}");
        } else {
            std::fs::write(out, &svg).map_err(|e| format!("{out}: cannot write: {e}"))?;
            println!(
                "{out}: {} × {} px, {} bytes",
                list.width.ceil(),
                list.height.ceil(),
                svg.len()
            );
        }
        if !loaded.rejected.is_empty() {
            eprintln!(
                "{file}: warning: {} left out because of errors; rendered the rest",
                plural(loaded.rejected.len(), "indicator")
            );
        }
        Ok(0)
    }
}
