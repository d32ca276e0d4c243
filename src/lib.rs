//! # plan-widget
//!
//! Progress gauges and trend charts for the targets of public plans. A pure core and a thin web
//! shell:
//!
//! ```text
//! JSON text -> parse (typed, located errors) -> model::Plan
//! Plan + as-of date -> status::evaluate -> statuses, projections, roll-ups
//! ```
//!
//! Everything here builds and tests natively with `cargo test`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod a11y;
#[cfg(all(target_arch = "wasm32", feature = "authoring"))]
pub mod authoring;
pub mod diag;
#[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
pub mod draft;
pub mod dupkeys;
#[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
pub mod edit;
pub mod format;
pub mod hidden;
#[cfg(target_arch = "wasm32")]
mod js_boundary;
pub mod json;
pub mod layout;
pub mod locate;
pub mod model;
pub mod options;
#[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
pub mod overview;
pub mod paint;
pub mod parse;
pub mod period;
#[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
pub mod pretty;
#[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
pub mod sheet;
pub mod status;
pub mod theme;
mod trig;
#[cfg(target_arch = "wasm32")]
pub mod web;

/// The plan-indicator format version this crate reads (the file's `schemaVersion`).
pub const SCHEMA_VERSION: u64 = 1;

pub use diag::{Code, Diagnostic, Severity};
pub use model::Plan;
#[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
pub use parse::load_value;
pub use parse::{load, Loaded};
pub use period::{Day, Period};
pub use status::{evaluate, Evaluation, IndicatorStatus, Options, Status};
