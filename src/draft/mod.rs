//! Draft extraction: the text of a published plan → a plan-indicator document (format version 1)
//! for a clerk to review, plus per-indicator extraction metadata, and a comparison of a draft with
//! a hand-curated file (recall and precision).
//!
//! Pure: no I/O, no clock; builds for `wasm32-unknown-unknown`. Never panics on any input.
//!
//! What is recognised (see `docs/draft-quality.md` for the measured quality):
//!
//! * the header: title (skipping 通知/印发 boilerplate), issuer, the plan's year(s);
//! * sections and items by numbering (`一、`, `（一）`/`(一)`, `1.`, and inline `一是…二是…`);
//! * who is responsible (`responsibility`): 责任领导 / 分管领导 / 责任人 / 责任单位 / 牵头单位 /
//!   责任部门 / 牵头科室 / 配合单位 / 责任科室 …, as lines of their own (attached to the
//!   preceding item or section), in parentheses or after a colon inside an item;
//! * targets of every kind of the format, with their periods, bounds, directions and units;
//! * numbered items with no recognised target become `task`s.
//!
//! Plan text rarely states a baseline. A `level` needs none (its expected path starts at the
//! first report), so it keeps its kind and value. `change`, `annualChange` and `growthRate` do
//! need one: unless the text itself states the starting level (`从60%提高到70%`), such an
//! indicator is written as a stand-in `milestone` whose deadlines are the target periods, its
//! note states the target in words, and the [`DraftItem`] metadata keeps the intended kind,
//! targets and direction (which [`compare`] measures).
//!
//! A drafted name is always contiguous text of its quote (`names`), never a splice.
//!
//! The drafter runs in phases, one module each, called in order by [`draft`]:
//!
//! | phase | module | what it does |
//! |---|---|---|
//! | lines | `lines` | splits the text into lines and classifies them (heading, responsibility, boilerplate, prose) |
//! | tables | `table` | reads tables pasted as text (tabs, `|`, aligned spaces) as sections of their own |
//! | header | `header` | title, issuer and the plan's years |
//! | structure | `structure`, `responsibility` | sections and numbered items, who is responsible |
//! | clauses | `clause`, `time`, `numbers`, `quantified`, `levels`, `counts` | each item's text clause by clause: time expressions, numbers, then the targets they make |
//! | assemble | `assemble`, `items`, `names` | ids, stand-ins, names as text of their quotes, the document |
//!
//! `text` holds the small helpers every phase uses; `compare` measures a draft against a curated
//! file.

use serde::Serialize;
use serde_json::Value;

use crate::model::{Baseline, Direction, Kind, Target};
use lines::{classify, split_lines, LineKind};

mod assemble;
mod clause;
mod compare;
mod counts;
mod header;
mod items;
mod levels;
mod lines;
mod names;
mod numbers;
mod quantified;
mod responsibility;
mod structure;
mod table;
mod text;
mod time;

pub use compare::{compare, quality_table, quote_match, Pair, Partial, Quality, QuoteMatch};

/// Year written into a draft whose text states no year at all and whose caller gave no
/// [`DraftOptions::fallback_year`]. Obviously not a plan year: the plan's note says to fix it.
pub const UNKNOWN_YEAR: i32 = 2000;

/// Caller-supplied facts the text may lack.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DraftOptions {
    /// Year to use when the text states none (e.g. a redacted `xxxx年`); the CLI passes the
    /// current year. Without it such a draft uses [`UNKNOWN_YEAR`] and says so in its note.
    pub fallback_year: Option<i32>,
    /// Issuing body, instead of the one guessed from the title.
    pub issuer: Option<String>,
    /// Plan id (ASCII letters, digits, `-`, `_`, `.`), instead of `draft-<years>`.
    pub plan_id: Option<String>,
}

/// A drafted plan: the document and what the extractor knows about each indicator.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Draft {
    /// The plan document in format version 1; [`crate::parse::load_value`] accepts it with no
    /// error.
    pub document: Value,
    /// One entry per drafted indicator, in document order.
    pub items: Vec<DraftItem>,
    /// Plan-level remarks (title or year not found, names joined, …), also in `plan.note`.
    pub warnings: Vec<String>,
}

impl Draft {
    /// The document as pretty-printed JSON text (what `plan-widget draft` writes).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.document).unwrap_or_default()
    }
}

/// Extraction metadata of one drafted indicator. The format has no place for these fields, so
/// they live beside the document.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DraftItem {
    /// The indicator's id in the document.
    pub id: String,
    /// Its section id.
    pub section: String,
    /// Its name.
    pub name: String,
    /// The verbatim quote (a substring of the input text).
    pub quote: String,
    /// Byte offset of the quote in the input text.
    pub quote_start: usize,
    /// The kind written into the document (`milestone` for a stand-in, see [`DraftItem::stand_in`]).
    pub kind: Kind,
    /// The kind the text describes.
    pub intended_kind: Kind,
    /// Which way is better.
    pub direction: Direction,
    /// Unit of the measured value (empty when unknown).
    pub unit: String,
    /// Baseline stated in the text (`从X%提高到Y%`), if any.
    pub baseline: Option<Baseline>,
    /// The targets the text describes (for a stand-in, these are not in the document).
    pub targets: Vec<Target>,
    /// 0–1: how sure the extractor is of kind, values and periods.
    pub confidence: f64,
    /// Always true: every drafted indicator must be checked by a person.
    pub needs_review: bool,
    /// Why the extractor decided as it did (Chinese, short).
    pub reasons: Vec<String>,
}

impl DraftItem {
    /// True when the intended kind needs a baseline the text does not give, so the document
    /// holds a `milestone` stand-in with the target periods as deadlines.
    pub fn stand_in(&self) -> bool {
        self.kind != self.intended_kind
    }
}

/// Drafts a plan document from the plan's text. Never panics; the document always passes
/// [`crate::parse::load_value`] without error (and `plan_widget::load` once serialized).
pub fn draft(text: &str, options: &DraftOptions) -> Draft {
    let lines = split_lines(text);
    let mut kinds: Vec<LineKind> = lines.iter().map(|l| classify(text, *l)).collect();
    // Tables are read by their columns: their lines are neither title nor prose.
    let tables = table::tables(text, &lines);
    table::mask(&tables, &lines, &mut kinds);
    let mut warnings = Vec::new();
    let head = header::header(text, &lines, &kinds, options, &mut warnings);
    let from = head.title_line.map_or(0, |i| i + 1);
    let mut sections = structure::structure(text, &lines, &kinds, from, &mut warnings);
    table::merge(tables, &mut sections);
    let span = clause::Span {
        start: head.start,
        end: head.end,
    };
    let mut scanner = clause::Scanner::new(text, span);
    let findings = assemble::find(&mut scanner, &sections, &mut warnings);
    assemble::document(text, &head, findings, options, warnings)
}
