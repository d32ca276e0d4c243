//! The command-line defaults a user expects: `render` with only a FILE draws the dashboard at
//! 1280 px beside the input, says which defaults it used, and a missing argument says what would
//! have been used; `--version` works.

use std::path::PathBuf;
use std::process::{Command, Output};

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plan-widget"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A scratch directory holding a copy of sample plan 002 as `plan.json`.
fn scratch(name: &str) -> (PathBuf, String) {
    let dir = std::env::temp_dir().join(format!("plan-widget-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let plan = dir.join("plan.json");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/www/data/002-county-annual.json"
        ),
        &plan,
    )
    .unwrap();
    (dir, plan.to_string_lossy().into_owned())
}

#[test]
fn render_defaults_to_the_dashboard_at_1280_beside_the_input() {
    let (dir, plan) = scratch("defaults");
    let out = cli(&["render", &plan]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let svg_path = dir.join("plan.svg");
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "render: using --view dashboard, --width 1280, --out {}",
            svg_path.display()
        )),
        "{err}"
    );
    let by_default = std::fs::read_to_string(&svg_path).unwrap();
    let explicit = cli(&[
        "render",
        &plan,
        "--view",
        "dashboard",
        "--width",
        "1280",
        "--out",
        "-",
    ]);
    assert_eq!(
        by_default,
        String::from_utf8(explicit.stdout.clone()).unwrap()
    );
    assert!(
        !stderr(&explicit).contains("render: using"),
        "all options given: no defaults to report"
    );
    assert!(by_default.starts_with("<svg") && by_default.contains("width=\"1280\""));

    // --format html names the file .html; a given --view keeps the other defaults.
    let out = cli(&["render", &plan, "--format", "html", "--view", "sections"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let html_path = dir.join("plan.html");
    assert!(stderr(&out).contains(&format!(
        "render: using --width 1280, --out {}",
        html_path.display()
    )));
    assert!(std::fs::read_to_string(&html_path)
        .unwrap()
        .contains("<svg"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn render_never_overwrites_its_input() {
    let (dir, plan) = scratch("same");
    let svg_named = dir.join("plan.svg");
    std::fs::copy(&plan, &svg_named).unwrap();
    let before = std::fs::read(&svg_named).unwrap();
    let out = cli(&["render", &svg_named.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("already ends in .svg; name the output with --out"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(&svg_named).unwrap(), before);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_missing_argument_says_what_would_have_been_used() {
    let out = cli(&["render"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("render: name the plan FILE to draw"), "{err}");
    assert!(
        err.contains("--view dashboard, --width 1280, --out FILE.svg"),
        "{err}"
    );

    let out = cli(&["render", "--width", "390", "--format", "html"]);
    let err = stderr(&out);
    assert!(err.contains("--view dashboard, --out FILE.html"), "{err}");
    assert!(!err.contains("--width 1280"), "{err}");

    let out = cli(&["status"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("as of the file's plan.asOf, else today"));
    let out = cli(&["status", "--as-of", "2025-06-30"]);
    assert!(
        stderr(&out).contains("as of 2025-06-30"),
        "{}",
        stderr(&out)
    );

    let out = cli(&["check"]);
    assert!(stderr(&out).contains("plan-widget check plan.json"));
    let out = cli(&["draft", "--year", "2024"]);
    assert!(stderr(&out).contains("would be 2024"), "{}", stderr(&out));
}

#[test]
fn version_names_the_tool_and_the_format() {
    for flag in ["--version", "-V"] {
        let out = cli(&[flag]);
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            format!(
                "plan-widget {} (plan-indicator format version 1)\n",
                env!("CARGO_PKG_VERSION")
            )
        );
    }
}
