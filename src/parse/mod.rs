//! JSON text (or an already-parsed JSON value) → validated [`Plan`], with every problem found at
//! once, located and explained in Chinese and English.
//!
//! Policy: an indicator with any error is left out (and listed in [`Loaded::rejected`]); the
//! others are kept. Errors in the top level or in a required header field leave no plan.

use std::collections::HashSet;

use crate::json::{Node, Object, Value};

use crate::diag::{Code, Diagnostic};
use crate::dupkeys::Repeated;
use crate::locate::{self, Path};
use crate::model::*;

mod file;
mod kinds;
mod read;
mod series;
mod syntax;

#[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
pub use series::series_to_list;
use syntax::syntax_diagnostic;

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
    // One pass: the tree with every value's offset, and the keys given twice.
    let parsed = match crate::json::parse(body) {
        Ok(p) => p,
        Err(e) => return fatal(syntax_diagnostic(body, &e)),
    };
    let repeated = parsed.repeated;
    let mut loaded = load_parsed(&parsed.root, limits, &repeated);
    let paths: Vec<&str> = loaded.diagnostics.iter().map(|d| d.path.as_str()).collect();
    let positions = locate::locate_in(body, &parsed.root, &paths);
    drop(parsed.root);
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

/// Loads an already-parsed JSON value (e.g. one a test or the CLI built). Diagnostics carry
/// paths but no line or column. (The widget hands a JavaScript object over as JSON text.)
#[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
pub fn load_value(value: &serde_json::Value) -> Loaded {
    load_value_with(value, &Limits::default())
}

/// [`load_value`] with explicit limits.
#[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
pub fn load_value_with(value: &serde_json::Value, limits: &Limits) -> Loaded {
    load_parsed(&Node::from_serde(value), limits, &[])
}

/// Loads a parsed value whose text repeated the given keys.
fn load_parsed(value: &Node, limits: &Limits, repeated: &[Repeated]) -> Loaded {
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

struct Cx<'l> {
    diags: Vec<Diagnostic>,
    limits: &'l Limits,
    /// Indicators holding a repeated key (`key.duplicate`): left out.
    repeated_in: HashSet<usize>,
    /// A key repeated outside the indicators (header, sections, top level): no usable plan.
    repeated_outside: bool,
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

fn clip(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}
