//! Layout: plan + statuses + size + theme + locale -> a [`DisplayList`] in CSS px. Pure: no DOM,
//! no canvas, no clock. Text is measured through [`TextMeasure`].

pub mod list;

pub use list::{
    Anchor, Baseline, Color, DisplayList, EstimateMeasure, Hit, HitTarget, Item, Rect, Stroke,
    TextMeasure,
};
