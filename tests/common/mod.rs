//! Paths shared by the integration tests: the sample plans in `www/data/` and the source plans
//! in `../shared/plans/` (override with `PLAN_SOURCES_DIR`).
#![allow(dead_code)] // each test file uses a different subset

use std::path::{Path, PathBuf};

use plan_widget::layout::{Filter, LayoutOptions, View};
use plan_widget::model::Locale;
use plan_widget::parse::Rejected;
use plan_widget::theme::Theme;
use plan_widget::{evaluate, load, Evaluation, Options, Plan};

/// Whether snapshot-like tests (SVG snapshots, the draft-quality tables) should rewrite their expected files instead of checking them: `UPDATE_SNAPSHOTS=1`,
/// the one switch for all of them. Any other value, or none, checks.
pub fn update_snapshots() -> bool {
    std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|v| v == "1")
}

pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("www/data")
}

/// The source plans live in `../shared/plans` beside the repository (override with
/// `PLAN_SOURCES_DIR`).
pub fn plans_dir() -> PathBuf {
    std::env::var_os("PLAN_SOURCES_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/plans"))
}

pub fn samples() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(data_dir())
        .expect("www/data exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    out.sort();
    out
}

pub fn source_text(sample: &str) -> String {
    let prefix = &sample[..3];
    let dir = plans_dir();
    let entry = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| {
            panic!(
                "source plans not found at {}: {e} (set PLAN_SOURCES_DIR)",
                dir.display()
            )
        })
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(&format!("{prefix}_"))
        })
        .unwrap_or_else(|| panic!("no source plan {prefix}_*.txt in {}", dir.display()));
    std::fs::read_to_string(entry).unwrap()
}

/// A loaded sample: its file name, plan, evaluation and rejected indicators.
pub struct Sample {
    /// File name.
    pub name: String,
    /// The plan.
    pub plan: Plan,
    /// Its evaluation as of the plan's date.
    pub eval: Evaluation,
    /// Indicators left out.
    pub rejected: Vec<Rejected>,
}

/// Every plan in `www/data/`, loaded and evaluated.
pub fn loaded_samples() -> Vec<Sample> {
    samples()
        .into_iter()
        .map(|(name, text)| {
            let loaded = load(&text);
            let plan = loaded.plan.expect("usable plan");
            let eval = evaluate(&plan, &Options::default());
            Sample {
                name,
                plan,
                eval,
                rejected: loaded.rejected,
            }
        })
        .collect()
}

/// The dashboard, the sections view and every indicator's view of a plan.
pub fn all_views(plan: &Plan) -> Vec<View> {
    let mut views = vec![View::Dashboard, View::Sections];
    views.extend(
        plan.indicators
            .iter()
            .map(|i| View::Indicator(i.id.clone())),
    );
    views
}

/// Layout options with the default theme, no keyboard focus and no filter.
pub fn layout_options(width: f32, view: View, locale: Locale) -> LayoutOptions {
    LayoutOptions {
        width,
        view,
        theme: Theme::default(),
        locale,
        focus: None,
        filter: Filter::default(),
    }
}

/// Helpers for the status-engine tests.
pub mod status;
