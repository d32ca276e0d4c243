//! A trend chart's axes: value ticks at the left, period labels under the plot.

use super::{last_holding, Frame, TrendData};
use crate::format::{period_short, single_year};
use crate::layout::canvas::{Canvas, Pin, Placer, Style, BOX, PLACER_MARGIN};
use crate::layout::list::{Anchor, Baseline, Rect, Stroke};
use crate::period::Period;

pub(super) fn y_axis(
    cv: &mut Canvas,
    placer: &mut Placer,
    f: &Frame,
    plot: Rect,
    ticks: &[f64],
    labels: &[String],
    style: Style,
) {
    let grid = Stroke::solid(cv.theme.grid, 1.0);
    for (v, label) in ticks.iter().zip(labels) {
        let y = f.y.px(*v);
        cv.segment((plot.x, y), (plot.right(), y), grid);
        placer.place(
            cv,
            label,
            style,
            &[Pin::new(plot.x - 6.0, y, Anchor::End, Baseline::Middle)],
        );
    }
}

/// Period labels under the plot: targets first, then the baseline, then actuals, each dropped
/// when it would collide with one already placed.
pub(super) fn x_axis(
    cv: &mut Canvas,
    placer: &mut Placer,
    d: &TrendData,
    f: &Frame,
    in_order: bool,
    y: f32,
    style: Style,
) {
    let area = placer.area();
    // Every x here lies between the scale's ends; see `blocks_every_box` for the slack.
    let magnitude = f.x.p0.abs() + f.x.p1.abs() + area.x.abs() + area.right().abs() + 16.0;
    let mut axis = AxisLabels {
        y,
        style,
        row: Rect::new(0.0, y, 0.0, style.size * BOX),
        slack: 0.001 + 8.0 * f32::EPSILON * magnitude,
        done: Vec::new(),
        last_blocker: None,
        in_year: false,
    };
    // Within one year the year is written once, on the earliest period, offered first.
    if let Some(first) = year_once(d) {
        axis.offer(cv, placer, f.x.px(first.0), &first.1);
        axis.in_year = true;
    }
    for t in &d.targets {
        axis.offer(cv, placer, f.x.px(t.0 .0), &t.1);
    }
    if let Some((b, Some(p))) = &d.baseline {
        axis.offer(cv, placer, f.x.px(b.0), p);
    }
    let actual = &d.actual;
    let mut i = 0;
    while i < actual.len() {
        let blocker = axis.offer(cv, placer, f.x.px(actual[i].0 .0), &actual[i].1);
        i += 1;
        // A dense daily series has thousands of periods per label. Days in order map to x in
        // order, and the x a box blocks form an interval: the periods after this one that the
        // same box blocks are found by bisection and skipped.
        if let (Some(b), true) = (blocker, in_order) {
            let t = placer.taken()[b];
            let blocked = |k: usize| axis.blocks(&t, f.x.px(actual[k].0 .0));
            if i < actual.len() && blocked(i) {
                i = last_holding(i, actual.len(), blocked) + 1;
            }
        }
    }
}

/// The state of [`x_axis`]'s labelling.
struct AxisLabels {
    y: f32,
    style: Style,
    /// The label line: its `y` and `h` (any `x`).
    row: Rect,
    /// See [`blocks_every_box`].
    slack: f32,
    /// The labels placed.
    done: Vec<String>,
    /// The taken box that last ruled out a label (most neighbours fall in the same one).
    last_blocker: Option<usize>,
    /// Labels leave out the year (written once, on the earliest period).
    in_year: bool,
}

/// A lower bound of `text`'s width from the widths of its characters (measured once each and
/// remembered): their sum for text of ideographs, digits and number punctuation, whose widths
/// add up (see [`crate::layout::text::width_by_parts`]), less a margin for rounding; for other text,
/// which kerning may narrow, three quarters of it.
fn width_at_least(cv: &Canvas, text: &str, style: Style) -> f32 {
    let part = |p: &str| cv.width(p, style);
    match crate::layout::text::width_by_parts(text, part) {
        Some(w) => (w - 0.05).max(0.0),
        None => {
            let mut buf = [0u8; 4];
            let sum: f32 = text.chars().map(|c| part(c.encode_utf8(&mut buf))).sum();
            0.75 * sum
        }
    }
}

/// Every period on a chart's time axis with its day: targets, baseline, actuals.
pub(super) fn axis_periods(d: &TrendData) -> impl Iterator<Item = (f64, Period)> + '_ {
    d.targets
        .iter()
        .map(|t| (t.0 .0, t.1))
        .chain(d.baseline.iter().filter_map(|b| Some((b.0 .0, b.1?))))
        .chain(d.actual.iter().map(|a| (a.0 .0, a.1)))
}

/// When every period on the axis lies within one calendar year: the earliest, whose label
/// writes the year (the others leave it out).
pub(super) fn year_once(d: &TrendData) -> Option<(f64, Period)> {
    single_year(axis_periods(d).map(|p| p.1))?;
    axis_periods(d).min_by(|a, b| a.0.total_cmp(&b.0))
}

impl AxisLabels {
    fn blocks(&self, t: &Rect, x: f32) -> bool {
        blocks_every_box(t, &self.row, x, self.slack)
    }

    /// Places the label of `p` at `x` if it fits. A period whose label could not be placed
    /// whatever its width is skipped before it is formatted and measured: then the returned
    /// value is the index of a taken box that rules it out.
    fn offer(&mut self, cv: &mut Canvas, placer: &mut Placer, x: f32, p: &Period) -> Option<usize> {
        let taken = placer.taken();
        if let Some(i) = self.last_blocker.filter(|&i| self.blocks(&taken[i], x)) {
            return Some(i);
        }
        if let Some(i) = taken.iter().position(|t| self.blocks(t, x)) {
            self.last_blocker = Some(i);
            return Some(i);
        }
        let text = period_short(p, cv.locale, self.in_year);
        if self.done.contains(&text) {
            return None;
        }
        let (y, style) = (self.y, self.style);
        let c = [
            Pin::new(x, y, Anchor::Middle, Baseline::Top),
            Pin::new(x, y, Anchor::End, Baseline::Top),
            Pin::new(x, y, Anchor::Start, Baseline::Top),
        ];
        // Labels with the year are distinct for every period of a long series: one that could
        // not be placed even at a lower bound of its width is not measured whole.
        if !placer.could_place(width_at_least(cv, &text, style), style, &c) {
            return None;
        }
        if placer.place(cv, &text, style, &c).is_some() {
            self.done.push(text);
        }
        None
    }
}

/// True when the taken box `t` overlaps (by [`Placer::place`]'s test) every box of any width
/// that [`Placer::place`] would try for a label anchored at `x` (start, middle or end) on the
/// line `row` (top-anchored: its `y` and `h`, any `x`), so that no label can be placed there.
///
/// Every such box spans `x`, so with the placer's margin it reaches at least
/// [`PLACER_MARGIN`] px left and right of `x`. The left test below is exactly the placer's (its
/// box's left edge rounds to at most `x − margin`); the right one keeps `slack` for the rounding
/// of an end-anchored box's right edge (`x − w − margin + (w + 2·margin)`): a few float ulps of
/// the coordinates involved, which are bounded by the area's (a box wider than the area never
/// fits) and the chart's. For a fixed `t` and `slack` the `x` it holds for form an interval.
fn blocks_every_box(t: &Rect, row: &Rect, x: f32, slack: f32) -> bool {
    t.y < row.bottom() - 0.01
        && row.y < t.bottom() - 0.01
        && x - PLACER_MARGIN < t.right() - 0.01
        && t.x < x + PLACER_MARGIN - 0.01 - slack
}
