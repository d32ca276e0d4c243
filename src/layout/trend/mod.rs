//! Trend charts: time (day numbers) across, value up. Actuals as a line with points, the
//! baseline as a hollow square, each target as a ring with its period, the expected glide path
//! dashed in the accent colour, and the projection dotted from the last actual through the
//! projected value at each later target period to the final
//! target with "预计 …" at its end. A compact sparkline variant has no axes.

mod axes;
mod line;

use axes::{x_axis, y_axis};
pub use line::decimate;
use line::decimated_line;

use super::canvas::{flow, Canvas, Pin, Placer, Slot, Style, BOX};
use super::describe::Subject;
use super::list::{Anchor, Baseline, Rect, Stroke};
use super::scale::{nice_ticks, Scale};
use crate::format::{format_number, format_value, unit_word_en};
use crate::model::{Kind, Locale};
use crate::period::{Day, Period};

/// A point in time and value.
type Pt = (f64, f64);

/// What a trend chart plots, in days and values.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TrendData {
    /// Reported values (running totals for `cumulative`) at their period ends.
    pub actual: Vec<(Pt, Period)>,
    /// The baseline point and its period, if any.
    pub baseline: Option<(Pt, Option<Period>)>,
    /// Each target's level at its period end.
    pub targets: Vec<(Pt, Period)>,
    /// The expected path through baseline and targets.
    pub glide: Vec<Pt>,
    /// The projection: the last actual, then the projected value at each later target period.
    pub projection: Vec<Pt>,
}

impl TrendData {
    /// The data for a trended indicator; `None` for other kinds or when there is nothing to plot.
    pub fn new(s: &Subject) -> Option<TrendData> {
        if !s.ind.kind.is_trended() {
            return None;
        }
        let day = |d: Day| d.0 as f64;
        let mut actual: Vec<(Pt, Period)> = Vec::with_capacity(s.st.series.len());
        for p in &s.st.series {
            if let Some(v) = p.value.filter(|v| v.is_finite()) {
                actual.push(((day(p.period.end()), v), p.period));
            }
        }
        let baseline = match (s.ind.baseline, s.st.baseline) {
            (Some(b), Some(v)) => Some(((day(b.period.end()), v), Some(b.period))),
            (None, Some(v)) if s.ind.kind == Kind::Cumulative => {
                Some(((day(s.header.start.start()) - 1.0, v), None))
            }
            _ => None,
        };
        let targets: Vec<(Pt, Period)> = s
            .ind
            .targets
            .iter()
            .zip(&s.st.targets)
            .filter_map(|(t, e)| Some(((day(t.period.end()), e.level?), t.period)))
            .filter(|((_, v), _)| v.is_finite())
            .collect();
        if actual.is_empty() && targets.is_empty() {
            return None;
        }
        // A level without baseline: the expected path starts at the first report and runs
        // through the targets due after it.
        let from_first = s.ind.baseline.is_none() && s.ind.kind == Kind::Level;
        let glide = match actual.first().map(|a| a.0).filter(|_| from_first) {
            Some(start) => {
                let later: Vec<(Pt, Period)> = targets
                    .iter()
                    .filter(|t| t.0 .0 > start.0)
                    .cloned()
                    .collect();
                glide_path(Some(start), &later, false)
            }
            None => glide_path(
                baseline.map(|b| b.0),
                &targets,
                s.ind.kind == Kind::GrowthRate,
            ),
        };
        let projection = projection(s, &actual, baseline.map(|b| b.0));
        Some(TrendData {
            actual,
            baseline,
            targets,
            glide,
            projection,
        })
    }

    /// The smallest and largest finite day and value of every point drawn (actuals, baseline,
    /// targets and projection, in that order), in one pass.
    fn extent(&self) -> (MinMax, MinMax) {
        let (mut x, mut y) = (MinMax::EMPTY, MinMax::EMPTY);
        let mut add = |p: Pt| {
            x.add(p.0);
            y.add(p.1);
        };
        for a in &self.actual {
            add(a.0);
        }
        if let Some(b) = &self.baseline {
            add(b.0);
        }
        for t in &self.targets {
            add(t.0);
        }
        for &p in &self.projection {
            add(p);
        }
        (x, y)
    }

    /// The day range, padded so that a single day still has width.
    pub fn x_range(&self) -> (f64, f64) {
        x_range_of(self.extent().0)
    }

    /// The value range (0 included for running totals, within 0–100 for percentages).
    pub fn y_range(&self, s: &Subject) -> (f64, f64) {
        y_range_of(self.extent().1, s)
    }

    /// True when the actual values are in order of their days (as the file format requires).
    fn actual_in_order(&self) -> bool {
        let mut previous = f64::NEG_INFINITY;
        for a in &self.actual {
            let day = a.0 .0;
            if day.is_nan() || previous > day {
                return false;
            }
            previous = day;
        }
        true
    }
}

fn x_range_of(days: MinMax) -> (f64, f64) {
    let (lo, hi) = days.range();
    if hi - lo < 1.0 {
        (lo - 180.0, hi + 180.0)
    } else {
        (lo, hi)
    }
}

fn y_range_of(values: MinMax, s: &Subject) -> (f64, f64) {
    let (mut lo, mut hi) = values.range();
    if s.ind.kind == Kind::Cumulative {
        lo = lo.min(0.0);
    }
    if s.ind.is_percent() {
        lo = lo.max(0.0);
        hi = hi.min(100.0);
    }
    (lo, hi.max(lo))
}

/// The smallest and largest of the finite numbers added.
#[derive(Clone, Copy, Debug)]
struct MinMax(f64, f64);

impl MinMax {
    const EMPTY: MinMax = MinMax(f64::INFINITY, f64::NEG_INFINITY);

    fn add(&mut self, v: f64) {
        // `min` and `max` (which settle ±0 their own way) only where they may change the bound:
        // inline comparisons are much cheaper than the calls they compile to.
        if v.is_finite() {
            if v <= self.0 {
                self.0 = self.0.min(v);
            }
            if v >= self.1 {
                self.1 = self.1.max(v);
            }
        }
    }

    /// The range, or 0–1 when nothing finite was added.
    fn range(self) -> (f64, f64) {
        if self.0.is_finite() && self.1.is_finite() {
            (self.0, self.1)
        } else {
            (0.0, 1.0)
        }
    }
}

/// The last index from `from` on before `holds` turns false, for a predicate that holds at
/// `from` and, on `from..n`, holds up to some index and not after it: found with about
/// 2·log₂ of the distance tests, not one per index.
fn last_holding(from: usize, n: usize, holds: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut step) = (from, 1usize);
    let mut hi = loop {
        let next = lo.saturating_add(step);
        if next >= n {
            break n;
        }
        if !holds(next) {
            break next;
        }
        lo = next;
        step = step.saturating_mul(2);
    };
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if holds(mid) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    lo
}

/// Baseline to each target; compounding (geometric) between knots for growth rates.
fn glide_path(base: Option<Pt>, targets: &[(Pt, Period)], geometric: bool) -> Vec<Pt> {
    let knots: Vec<Pt> = base
        .into_iter()
        .chain(targets.iter().map(|t| t.0))
        .collect();
    let mut out: Vec<Pt> = knots.first().copied().into_iter().collect();
    for w in knots.windows(2) {
        let (a, b) = (w[0], w[1]);
        if geometric && a.1 > 0.0 && b.1 > 0.0 {
            for i in 1..=8 {
                let t = i as f64 / 8.0;
                out.push((a.0 + (b.0 - a.0) * t, a.1 * (b.1 / a.1).powf(t)));
            }
        } else {
            out.push(b);
        }
    }
    out
}

/// The projection as a reader expects it: from the last actual (else the baseline) to the
/// projected value at each target period after it, in turn. Between two targets it follows the
/// fitted line (a curve for compounding growth); the first leg goes straight from the last point.
fn projection(s: &Subject, actual: &[(Pt, Period)], base: Option<Pt>) -> Vec<Pt> {
    let Some(p) = s.st.projection else {
        return Vec::new();
    };
    let Some(start) = actual.last().map(|a| a.0).or(base) else {
        return Vec::new();
    };
    let ends = s
        .ind
        .targets
        .iter()
        .map(|t| t.period.end())
        .filter(|d| d.0 as f64 > start.0);
    let mut pts = vec![start];
    let mut from = start.0;
    for end in ends {
        let end_x = end.0 as f64;
        if end_x <= from {
            continue;
        }
        // A straight leg needs only its end; a curve between targets a few points.
        let steps = if p.log && from > start.0 { 8 } else { 1 };
        for i in 1..=steps {
            let d = from + (end_x - from) * i as f64 / steps as f64;
            let v = if i == steps {
                p.at(end)
            } else {
                p.at(Day(d.round() as i32))
            };
            if v.is_finite() {
                pts.push((d, v));
            }
        }
        from = end_x;
    }
    if pts.len() < 2 {
        return Vec::new();
    }
    pts
}

/// A tick label in the indicator's unit (units of money and percent inline, others plain).
fn tick_label(s: &Subject, v: f64) -> String {
    match s.ind.unit.as_str() {
        "%" | "万元" | "亿元" | "个百分点" => format_value(v, &s.ind.unit, s.locale),
        _ => format_number(v, s.locale),
    }
}

/// "单位：个" / "Unit: schools", when tick labels do not carry the unit.
fn unit_caption(s: &Subject) -> Option<String> {
    let u = s.ind.unit.as_str();
    if matches!(u, "" | "%" | "万元" | "亿元" | "个百分点") {
        return None;
    }
    Some(match s.locale {
        Locale::ZhCn => format!("单位：{u}"),
        Locale::En => match unit_word_en(u) {
            Some((_, many)) => format!("Unit: {many}"),
            None if u == "个" => return None,
            None => format!("Unit: {u}"),
        },
    })
}

/// The pixel mapping of a chart.
struct Frame {
    x: Scale,
    y: Scale,
}

impl Frame {
    fn pt(&self, p: Pt) -> (f32, f32) {
        (self.x.px(p.0), self.y.px(p.1))
    }
}

/// Line styles of the chart's series.
struct Pens {
    actual: Stroke,
    glide: Stroke,
    projection: Stroke,
}

fn pens(cv: &Canvas, thin: bool) -> Pens {
    let w = if thin { 1.5 } else { 2.0 };
    Pens {
        actual: Stroke::solid(cv.theme.text, cv.lw(w + 0.5)),
        glide: Stroke::dashed(cv.theme.accent, cv.lw(w), 6.0, 4.0),
        projection: Stroke::dashed(cv.theme.muted, cv.lw(w), 2.0, 3.0),
    }
}

fn draw_series(cv: &mut Canvas, d: &TrendData, f: &Frame, in_order: bool, thin: bool) {
    let pens = pens(cv, thin);
    cv.polyline(d.glide.iter().map(|&p| f.pt(p)).collect(), pens.glide);
    cv.polyline(
        d.projection.iter().map(|&p| f.pt(p)).collect(),
        pens.projection,
    );
    cv.polyline(decimated_line(d, f, in_order), pens.actual);
}

/// True when the actual values are far enough apart to draw a dot on each (on average at least
/// three dot radii apart); denser series are drawn as a line only.
fn dots_fit(d: &TrendData, f: &Frame, r: f32) -> bool {
    let n = d.actual.len();
    if n < 2 {
        return true;
    }
    let (a, b) = (f.x.px(d.actual[0].0 .0), f.x.px(d.actual[n - 1].0 .0));
    (b - a).abs() / (n - 1) as f32 >= 3.0 * r
}

/// A ring with a dot: the target marker.
fn target_marker(cv: &mut Canvas, (x, y): (f32, f32), r: f32) {
    let stroke = Stroke::solid(cv.theme.text, cv.lw(2.0));
    cv.circle(x, y, r, Some(cv.theme.background), Some(stroke), None);
    cv.circle(x, y, r * 0.4, Some(cv.theme.text), None, None);
}

/// A hollow square: the baseline marker.
fn baseline_marker(cv: &mut Canvas, (x, y): (f32, f32), r: f32) {
    let stroke = Stroke::solid(cv.theme.text, cv.lw(2.0));
    cv.rect(
        Rect::new(x - r, y - r, 2.0 * r, 2.0 * r),
        0.0,
        Some(cv.theme.background),
        Some(stroke),
        None,
    );
}

fn markers(cv: &mut Canvas, d: &TrendData, f: &Frame, r: f32, placer: Option<&mut Placer>) {
    let mut taken = Vec::new();
    if let Some(b) = &d.baseline {
        baseline_marker(cv, f.pt(b.0), r * 0.8);
        taken.push(f.pt(b.0));
    }
    let point_r = r * 0.6;
    if dots_fit(d, f, point_r) {
        for a in &d.actual {
            let (x, y) = f.pt(a.0);
            cv.circle(x, y, point_r, Some(cv.theme.text), None, None);
            taken.push((x, y));
        }
    } else if let Some(a) = d.actual.last() {
        // A dense series: only the latest value gets its dot (its label goes beside it).
        let (x, y) = f.pt(a.0);
        cv.circle(x, y, point_r, Some(cv.theme.text), None, None);
        taken.push((x, y));
    }
    for t in &d.targets {
        target_marker(cv, f.pt(t.0), r);
        taken.push(f.pt(t.0));
    }
    if let Some(placer) = placer {
        for (x, y) in taken {
            placer.take(Rect::new(x - r, y - r, 2.0 * r, 2.0 * r));
        }
    }
}

/// A sparkline inside `area`: the actual line (from the baseline, [`decimate`]d like the
/// chart's, so a daily series costs what the sparkline's width does) with its latest point
/// emphasised, each target as a ring and, only when the final target is projected to be missed,
/// the projection dotted. No expected path. For scale, the starting value is written at the
/// left and the final target ("目标 …", else the latest value) at the right, each level with
/// its point. Returns false when the indicator has no trend.
pub fn sparkline(cv: &mut Canvas, s: &Subject, area: Rect) -> bool {
    let Some(d) = TrendData::new(s) else {
        return false;
    };
    sparkline_for(cv, s, &d, area);
    true
}

/// [`sparkline`] of data already gathered by [`TrendData::new`].
pub fn sparkline_for(cv: &mut Canvas, s: &Subject, d: &TrendData, area: Rect) {
    let style = cv.muted();
    let line_h = style.size * BOX;
    let start: Option<Pt> = d.baseline.map(|b| b.0).or(d.actual.first().map(|a| a.0));
    let last = d.actual.last().map(|a| a.0);
    let target = d.targets.last().map(|t| t.0);
    let missed =
        s.st.final_target()
            .is_some_and(|t| !t.due && t.projected_met == Some(false));
    let projection: &[Pt] = if missed && d.projection.len() >= 2 {
        &d.projection
    } else {
        &[]
    };
    // The extent of the points drawn (those with both coordinates finite).
    let (mut days, mut values) = (MinMax::EMPTY, MinMax::EMPTY);
    let mut add = |p: Pt| {
        if p.0.is_finite() && p.1.is_finite() {
            days.add(p.0);
            values.add(p.1);
        }
    };
    start.into_iter().for_each(&mut add);
    d.actual.iter().for_each(|a| add(a.0));
    d.targets.iter().for_each(|t| add(t.0));
    projection.iter().copied().for_each(&mut add);
    // The right-hand label: the final target when it is the last point in time.
    let right: Option<(Pt, String, String)> = match (target, last) {
        (Some(t), l) if l.is_none_or(|l| t.0 >= l.0) => {
            let v = s.derived(t.1);
            let word = cv.tr("目标 ", "Target ");
            Some((t, format!("{word}{v}"), v))
        }
        (_, Some(l)) => Some((l, s.value(l.1), s.value(l.1))),
        _ => None,
    };
    let left: Option<(Pt, String)> = start.map(|p| (p, s.value(p.1)));
    // Label columns, dropped (long words first) when the plot would get too narrow.
    let gap = 8.0;
    let min_plot = (area.w * 0.4).max(60.0);
    let mut left_w = left.as_ref().map_or(0.0, |l| cv.width(&l.1, style) + gap);
    let mut right_text = right.as_ref().map(|r| r.1.clone());
    let rw = |cv: &Canvas, t: &Option<String>| t.as_ref().map_or(0.0, |t| cv.width(t, style) + gap);
    if area.w - left_w - rw(cv, &right_text) < min_plot {
        right_text = right.as_ref().map(|r| r.2.clone());
    }
    // No labels when too narrow, or when a line of text is taller than the sparkline.
    if area.w - left_w - rw(cv, &right_text) < min_plot || line_h > area.h {
        right_text = None;
        left_w = 0.0;
    }
    let right_w = rw(cv, &right_text);
    let m = 5.0;
    let plot = Rect::new(
        area.x + left_w,
        area.y,
        (area.w - left_w - right_w).max(1.0),
        area.h,
    );
    let (x0, x1) = days.range();
    let (x0, x1) = if x1 - x0 < 1.0 {
        (x0 - 180.0, x1 + 180.0)
    } else {
        (x0, x1)
    };
    let (mut y0, mut y1) = values.range();
    if s.ind.is_percent() {
        y0 = y0.max(0.0);
        y1 = y1.min(100.0).max(y0);
    }
    let f = Frame {
        x: Scale::new(x0, x1, plot.x + m, plot.right() - m),
        y: Scale::new(y0, y1, plot.bottom() - m, plot.y + m),
    };
    let thin = cv.lw(1.5);
    cv.polyline(
        projection.iter().map(|&p| f.pt(p)).collect(),
        Stroke::dashed(cv.theme.muted, thin, 2.0, 3.0),
    );
    let line = decimated_line(d, &f, d.actual_in_order());
    cv.polyline(line, Stroke::solid(cv.theme.text, cv.lw(2.0)));
    if let Some(b) = &d.baseline {
        baseline_marker(cv, f.pt(b.0), 3.0);
    }
    let n = d.actual.len();
    let spread = match (d.actual.first(), d.actual.last()) {
        (Some(a), Some(b)) if n > 1 => (f.x.px(b.0 .0) - f.x.px(a.0 .0)) / (n - 1) as f32,
        _ => f32::INFINITY,
    };
    if spread >= 8.0 {
        for a in &d.actual[..n.saturating_sub(1)] {
            let (x, y) = f.pt(a.0);
            cv.circle(x, y, 2.0, Some(cv.theme.text), None, None);
        }
    }
    let last_px = last.map(|l| f.pt(l));
    for t in &d.targets {
        let (x, y) = f.pt(t.0);
        let on_last = last_px.is_some_and(|(lx, ly)| (lx - x).hypot(ly - y) < 2.5);
        if on_last {
            // Reached where the target stands: a ring around the latest point.
            let stroke = Stroke::solid(cv.theme.text, cv.lw(1.5));
            cv.circle(x, y, 6.5, None, Some(stroke), None);
        } else {
            target_marker(cv, (x, y), 4.0);
        }
    }
    if let Some((x, y)) = last_px {
        // The latest value: a larger dot with a ring of the card's colour around it.
        let ring = Stroke::solid(cv.theme.surface, 1.5);
        cv.circle(x, y, 3.5, Some(cv.theme.text), Some(ring), None);
    }
    // min/max, not clamp: with a large font scale the line is taller than the area (clamp would
    // panic on min > max); the label then keeps to the area's top.
    let at_level = |y: f32| (y - line_h / 2.0).min(area.bottom() - line_h).max(area.y);
    // Each label is anchored on the plot's side, so that a font running wider than the measure
    // grows away from the line, into the card's margin.
    if left_w > 0.0 {
        if let Some((p, text)) = &left {
            let (_, y) = f.pt(*p);
            let x = plot.x - gap;
            cv.text(
                Pin::new(x, at_level(y), Anchor::End, Baseline::Top),
                text,
                style,
            );
        }
    }
    if let (Some(text), Some((p, _, _))) = (&right_text, &right) {
        let (_, y) = f.pt(*p);
        let x = plot.right() + gap;
        cv.text(Pin::top_left(x, at_level(y)), text, style);
    }
}

/// A full trend chart in `area` (axes, labels, legend below). Returns the height used, 0 when
/// the indicator has no trend.
pub fn trend_chart(cv: &mut Canvas, s: &Subject, area: Rect) -> f32 {
    match TrendData::new(s) {
        Some(d) => trend_chart_for(cv, s, &d, area),
        None => 0.0,
    }
}

/// [`trend_chart`] of data already gathered by [`TrendData::new`]. Returns the height used.
pub fn trend_chart_for(cv: &mut Canvas, s: &Subject, d: &TrendData, area: Rect) -> f32 {
    let style = cv.muted();
    let line_h = style.size * BOX;
    let mut placer = Placer::new(area);
    let mut top = area.y;
    if let Some(cap) = unit_caption(s) {
        if let Some(r) = placer.place(cv, &cap, style, &[Pin::top_left(area.x, area.y)]) {
            top = r.bottom();
        }
    }
    let plot_top = top + line_h + 4.0;
    // Room under the plot for markers on its bottom line (up to 7 px) and the period labels.
    let plot_bottom = area.bottom() - line_h - 11.0;
    let (days, values) = d.extent();
    let (y0, y1) = y_range_of(values, s);
    let n_ticks = (((plot_bottom - plot_top) / 45.0) as usize).clamp(2, 6);
    let ticks = nice_ticks(y0, y1, n_ticks);
    let labels: Vec<String> = ticks.iter().map(|&v| tick_label(s, v)).collect();
    let label_w = labels
        .iter()
        .map(|l| cv.width(l, style))
        .fold(0.0, f32::max);
    let plot = Rect::new(
        area.x + label_w + 8.0,
        plot_top,
        (area.w - label_w - 16.0).max(1.0),
        (plot_bottom - plot_top).max(1.0),
    );
    let (lo, hi) = (
        ticks.first().copied().unwrap_or(y0),
        ticks.last().copied().unwrap_or(y1),
    );
    let (x0, x1) = x_range_of(days);
    let xpad = (x1 - x0) * 0.04;
    let f = Frame {
        x: Scale::new(x0 - xpad, x1 + xpad, plot.x + 8.0, plot.right() - 8.0),
        y: Scale::new(lo, hi, plot.bottom(), plot.y),
    };
    y_axis(cv, &mut placer, &f, plot, &ticks, &labels, style);
    let in_order = d.actual_in_order();
    x_axis(cv, &mut placer, d, &f, in_order, plot.bottom() + 9.0, style);
    draw_series(cv, d, &f, in_order, false);
    markers(cv, d, &f, 6.0, Some(&mut placer));
    point_labels(cv, &mut placer, s, d, &f, style);
    area.h
}

/// Target values beside their markers and "预计 …" at the projection's end.
fn point_labels(
    cv: &mut Canvas,
    placer: &mut Placer,
    s: &Subject,
    d: &TrendData,
    f: &Frame,
    style: Style,
) {
    for t in &d.targets {
        let text = s.derived(t.0 .1);
        place_near(cv, placer, &text, style, f.pt(t.0), 9.0);
    }
    if let (Some(&end), Some(text)) = (d.projection.last(), s.projected_short()) {
        let (x, y) = f.pt(end);
        cv.circle(
            x,
            y,
            3.5,
            Some(cv.theme.background),
            Some(Stroke::solid(cv.theme.muted, cv.lw(2.0))),
            None,
        );
        place_near(cv, placer, &text, style, (x, y), 9.0);
    }
    if let Some(a) = d.actual.last() {
        let text = s.value(a.0 .1);
        place_near(
            cv,
            placer,
            &text,
            Style {
                bold: true,
                color: cv.theme.text,
                ..style
            },
            f.pt(a.0),
            8.0,
        );
    }
}

fn place_near(
    cv: &mut Canvas,
    placer: &mut Placer,
    text: &str,
    style: Style,
    (x, y): (f32, f32),
    gap: f32,
) {
    let c = [
        Pin::new(x, y - gap, Anchor::Middle, Baseline::Bottom),
        Pin::new(x, y + gap, Anchor::Middle, Baseline::Top),
        Pin::new(x - gap, y, Anchor::End, Baseline::Middle),
        Pin::new(x + gap, y, Anchor::Start, Baseline::Middle),
        Pin::new(x - gap, y - gap, Anchor::End, Baseline::Bottom),
        Pin::new(x - gap, y + gap, Anchor::End, Baseline::Top),
    ];
    placer.place(cv, text, style, &c);
}

/// The chart's legend: a sample of each line and marker with its name. Returns the height used.
pub fn legend(cv: &mut Canvas, s: &Subject, at: Slot) -> f32 {
    match TrendData::new(s) {
        Some(d) => legend_for(cv, &d, at),
        None => 0.0,
    }
}

/// [`legend`] of data already gathered by [`TrendData::new`]. Returns the height used.
pub fn legend_for(cv: &mut Canvas, d: &TrendData, at: Slot) -> f32 {
    let Slot { x, y, w } = at;
    let style = cv.muted();
    let mut entries: Vec<(Sample, &str)> = vec![(Sample::Actual, cv.tr("实际", "Actual"))];
    if d.baseline.is_some() {
        entries.push((Sample::Baseline, cv.tr("基线", "Baseline")));
    }
    if !d.targets.is_empty() {
        entries.push((Sample::Target, cv.tr("目标", "Target")));
        entries.push((Sample::Glide, cv.tr("应达路径", "Expected path")));
    }
    if !d.projection.is_empty() {
        entries.push((Sample::Projection, cv.tr("预计", "Projected")));
    }
    let sample_w = 22.0;
    let widths: Vec<f32> = entries
        .iter()
        .map(|(_, t)| sample_w + 6.0 + cv.width(t, style))
        .collect();
    let pos = flow(&widths, w, 14.0);
    let line_h = style.leading();
    let mut rows = 0;
    for ((sample, text), (dx, row)) in entries.iter().zip(pos) {
        let (ex, ey) = (x + dx, y + row as f32 * line_h);
        let cy = ey + style.size * BOX / 2.0;
        draw_sample(cv, *sample, ex, cy, sample_w);
        let avail = (w - dx - sample_w - 6.0).max(0.0);
        cv.label(Slot::new(ex + sample_w + 6.0, ey, avail), text, style);
        rows = rows.max(row + 1);
    }
    rows as f32 * line_h
}

#[derive(Clone, Copy)]
enum Sample {
    Actual,
    Baseline,
    Target,
    Glide,
    Projection,
}

fn draw_sample(cv: &mut Canvas, sample: Sample, x: f32, cy: f32, w: f32) {
    let p = pens(cv, false);
    let mid = (x + w / 2.0, cy);
    match sample {
        Sample::Actual => {
            cv.segment((x, cy), (x + w, cy), p.actual);
            cv.circle(mid.0, cy, 3.5, Some(cv.theme.text), None, None);
        }
        Sample::Baseline => baseline_marker(cv, mid, 5.0),
        Sample::Target => target_marker(cv, mid, 6.0),
        Sample::Glide => cv.segment((x, cy), (x + w, cy), p.glide),
        Sample::Projection => cv.segment((x, cy), (x + w, cy), p.projection),
    }
}

#[cfg(test)]
mod tests;
