//! SVG snapshots of the three views of every sample plan in `www/data/` at 360 and 1280 px:
//! `tests/snapshots/<plan>-<view>-<width>.svg`, the indicator view showing the plan's first
//! trended indicator (else its first).
//!
//! On a difference the new picture is written beside the old one as `<name>-changed.svg` (git
//! ignores those) and the test fails: open both to compare. To accept the new pictures, run
//! `UPDATE_SNAPSHOTS=1 cargo test --test snapshots`, which rewrites them (and removes snapshots
//! no longer produced).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::path::{Path, PathBuf};

use plan_widget::layout::{layout, EstimateMeasure, Filter, LayoutOptions, Scene, View};
use plan_widget::paint::to_svg;
use plan_widget::theme::Theme;
use plan_widget::{evaluate, load, Options};

const WIDTHS: [f32; 2] = [360.0, 1280.0];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn snapshot_dir() -> PathBuf {
    root().join("tests/snapshots")
}

/// Every sample plan as `(file stem, JSON text)`, sorted by name.
fn samples() -> Vec<(String, String)> {
    common::samples()
        .into_iter()
        .map(|(name, text)| (name.trim_end_matches(".json").to_string(), text))
        .collect()
}

/// Every snapshot as `(file name, SVG)`, in a fixed order.
fn render_all() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (stem, text) in samples() {
        let loaded = load(&text);
        let plan = loaded
            .plan
            .unwrap_or_else(|| panic!("{stem}: the sample has no usable plan"));
        // Statuses as of the plan's own date: no clock is read.
        let as_of = plan
            .plan
            .as_of
            .unwrap_or_else(|| panic!("{stem}: samples must set plan.asOf"));
        let eval = evaluate(
            &plan,
            &Options {
                as_of: Some(as_of),
                ..Options::default()
            },
        );
        let shown = plan
            .indicators
            .iter()
            .find(|i| i.kind.is_trended())
            .or(plan.indicators.first())
            .unwrap_or_else(|| panic!("{stem}: no indicators"))
            .id
            .clone();
        let scene = Scene {
            plan: &plan,
            eval: &eval,
            rejected: &loaded.rejected,
        };
        for (view_name, view) in [
            ("dashboard", View::Dashboard),
            ("sections", View::Sections),
            ("indicator", View::Indicator(shown.clone())),
        ] {
            for width in WIDTHS {
                let opts = LayoutOptions {
                    width,
                    view: view.clone(),
                    theme: Theme::default(),
                    locale: plan.plan.locale,
                    focus: None,
                    filter: Filter::default(),
                };
                let list = layout(&scene, &opts, &EstimateMeasure);
                out.push((format!("{stem}-{view_name}-{width}.svg"), to_svg(&list)));
            }
        }
    }
    out
}

#[test]
fn views_of_every_sample_plan_match_their_snapshots() {
    let update = common::update_snapshots();
    let dir = snapshot_dir();
    std::fs::create_dir_all(&dir).expect("can create tests/snapshots");
    let rendered = render_all();
    let mut problems = Vec::new();
    for (name, svg) in &rendered {
        let path = dir.join(name);
        let changed = dir.join(name.replace(".svg", "-changed.svg"));
        let old = std::fs::read_to_string(&path)
            .ok()
            .map(|s| s.replace("\r\n", "\n"));
        if old.as_deref() == Some(svg.as_str()) {
            let _ = std::fs::remove_file(&changed);
            continue;
        }
        if update {
            std::fs::write(&path, svg).expect("can write the snapshot");
            let _ = std::fs::remove_file(&changed);
            continue;
        }
        std::fs::write(&changed, svg).expect("can write the changed picture");
        problems.push(match old {
            None => format!(
                "{name}: no snapshot yet; the picture is in {}",
                changed.display()
            ),
            Some(_) => format!(
                "{name}: the picture changed; compare it with {}",
                changed.display()
            ),
        });
    }
    // Snapshots that nothing produces any more (a sample renamed or removed).
    let expected: Vec<&str> = rendered.iter().map(|(n, _)| n.as_str()).collect();
    let mut stale: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/snapshots is readable")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".svg") && !n.ends_with("-changed.svg"))
        .filter(|n| !expected.contains(&n.as_str()))
        .collect();
    stale.sort();
    for name in stale {
        if update {
            std::fs::remove_file(dir.join(&name)).expect("can remove a stale snapshot");
        } else {
            problems.push(format!("{name}: no longer produced by any sample plan"));
        }
    }
    assert!(
        problems.is_empty(),
        "{} snapshot problem(s):\n  {}\nIf the new pictures are right, run \
         `UPDATE_SNAPSHOTS=1 cargo test --test snapshots` to accept them.",
        problems.len(),
        problems.join("\n  ")
    );
}

#[test]
fn rendering_is_deterministic() {
    // Same inputs, same bytes: no map iteration order, clock or float formatting drift.
    assert_eq!(render_all(), render_all());
}

fn cli(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_plan-widget"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the CLI runs")
}

#[test]
fn cli_render_writes_the_snapshot_picture() {
    let out_dir = std::env::temp_dir().join(format!("plan-widget-render-{}", std::process::id()));
    std::fs::create_dir_all(&out_dir).unwrap();
    let cases = [
        ("dashboard", "dashboard"),
        ("sections", "sections"),
        ("indicator:public-kindergarten-coverage", "indicator"),
    ];
    let all = render_all();
    for (view, name) in cases {
        let file = out_dir.join(format!("{name}.svg"));
        let out = cli(&[
            "render",
            "www/data/001-yancheng-kfq.json",
            "--view",
            view,
            "--width",
            "360",
            "--out",
            file.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{out:?}");
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let written = std::fs::read_to_string(&file).unwrap();
        let expected = &all
            .iter()
            .find(|(n, _)| *n == format!("001-yancheng-kfq-{name}-360.svg"))
            .unwrap()
            .1;
        assert_eq!(&written, expected, "{view}");
    }
    // Other themes and languages render too; `--out -` writes to standard output.
    let out = cli(&[
        "render",
        "www/data/003-jinfeng-2024.json",
        "--view",
        "dashboard",
        "--width",
        "800",
        "--theme",
        "dark",
        "--lang",
        "en",
        "--as-of",
        "2024-12-31",
        "--out",
        "-",
    ]);
    assert!(out.status.success(), "{out:?}");
    let svg = String::from_utf8(out.stdout).unwrap();
    assert!(svg.starts_with("<svg width=\"800\" "), "{}", &svg[..80]);
    assert!(svg.contains("fill=\"#0D1117\""), "dark background");
    let _ = std::fs::remove_dir_all(&out_dir);
}

#[test]
fn cli_render_reports_problems_like_check() {
    let dir = std::env::temp_dir().join(format!("plan-widget-render-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out_file = dir.join("x.svg");
    let out_path = out_file.to_str().unwrap();
    // Some indicators rejected: located errors on stderr, a warning, a picture, exit 0.
    let out = cli(&[
        "render",
        "tests/fixtures/invalid/five-semantic-errors.json",
        "--view",
        "dashboard",
        "--width",
        "360",
        "--lang",
        "en",
        "--out",
        out_path,
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("five-semantic-errors.json:17:7: error[section.unknown]"),
        "{stderr}"
    );
    assert!(
        stderr.contains("warning: 3 indicators left out"),
        "{stderr}"
    );
    assert!(std::fs::read_to_string(&out_file)
        .unwrap()
        .starts_with("<svg "));
    // No usable plan: located errors, nothing written, exit 1.
    std::fs::remove_file(&out_file).unwrap();
    let out = cli(&[
        "render",
        "tests/fixtures/invalid/syntax-error.json",
        "--view",
        "dashboard",
        "--width",
        "360",
        "--out",
        out_path,
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("syntax-error.json:12:3: error[syntax]"),
        "{stderr}"
    );
    assert!(!out_file.exists());
    // Usage errors exit 2 with a message.
    for (args, message) in [
        (
            vec!["--view", "bogus", "--width", "360", "--out", out_path],
            "--view: expected dashboard, sections or indicator:ID",
        ),
        (
            vec!["--view", "dashboard", "--width", "5", "--out", out_path],
            "--width: expected CSS px from 200 to 10000",
        ),
        (
            vec![
                "--view",
                "indicator:nope",
                "--width",
                "360",
                "--out",
                out_path,
            ],
            "no usable indicator \"nope\"",
        ),
        (
            vec![
                "--view", "sections", "--width", "360", "--theme", "pink", "--out", out_path,
            ],
            "--theme: expected light, dark or contrast",
        ),
    ] {
        let mut full = vec!["render", "www/data/001-yancheng-kfq.json"];
        full.extend(args);
        let out = cli(&full);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{full:?}: {stderr}");
        assert!(stderr.contains(message), "{full:?}: {stderr}");
    }
    let help = String::from_utf8(cli(&["--help"]).stdout).unwrap();
    assert!(help.contains("plan-widget render FILE [--view dashboard|sections|indicator:ID]"));
    let _ = std::fs::remove_dir_all(&dir);
}
