//! Trend charts: time (day numbers) across, value up. Actuals as a line with points, the
//! baseline as a hollow square, each target as a ring with its period, the expected glide path
//! dashed in the accent colour, and the projection dotted from the last actual through the
//! projected value at each later target period to the final
//! target with "预计 …" at its end. A compact sparkline variant has no axes.

use super::canvas::{flow, Canvas, Placer, Style, BOX, PLACER_MARGIN};
use super::describe::Subject;
use super::list::{Anchor, Baseline, Rect, Stroke};
use super::scale::{nice_ticks, Scale};
use crate::format::{format_number, format_value, period_short, single_year, unit_word_en};
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

/// The actual line (from the baseline) through `f`, [`decimate`]d. Points in order of their days
/// (as the format requires) are mapped only where needed: a column's run of points is found by
/// bisection and its lowest and highest by comparing values, since the mapping is monotonic.
/// The result is the same as mapping every point and decimating.
fn decimated_line(d: &TrendData, f: &Frame, in_order: bool) -> Vec<(f32, f32)> {
    let baseline = d.baseline.iter().map(|b| f.pt(b.0));
    if !in_order {
        return decimate(baseline.chain(d.actual.iter().map(|a| f.pt(a.0))));
    }
    let mut out: Vec<(f32, f32)> = Vec::new();
    let mut run = LazyRun::new(f);
    let mut column = f32::NAN;
    if let Some(b) = &d.baseline {
        let p = f.pt(b.0);
        column = p.0.floor();
        run.push(p, b.0 .1);
    }
    let actual = &d.actual;
    let col = |i: usize| f.x.px(actual[i].0 .0).floor();
    let mut i = 0;
    while i < actual.len() {
        let c = col(i);
        if c != column {
            run.flush(&mut out);
            column = c;
        }
        // Days in order map to columns in order: the column's points are i..=j.
        let j = last_holding(i, actual.len(), |k| col(k) == c);
        run.push_all(&actual[i..=j]);
        i = j + 1;
    }
    run.flush(&mut out);
    out
}

/// A [`Run`] of one column fed with data points, mapping through the frame only the points it
/// may keep: the first four, each new lowest or highest candidate, and the last.
struct LazyRun<'f> {
    f: &'f Frame,
    run: Run,
    /// The data values of the run's lowest and highest points so far.
    lo_value: f64,
    hi_value: f64,
    /// The last point pushed lazily, not yet mapped.
    last: Option<Pt>,
    /// The y mapping never decreases (else it never increases) as the value grows.
    y_rises: bool,
}

impl<'f> LazyRun<'f> {
    fn new(f: &'f Frame) -> LazyRun<'f> {
        let y = &f.y;
        LazyRun {
            f,
            run: Run::default(),
            lo_value: f64::NAN,
            hi_value: f64::NAN,
            last: None,
            y_rises: (y.v1 >= y.v0) == (y.p1 >= y.p0),
        }
    }

    /// Adds a point already mapped (`p`) with its data value `v`.
    fn push(&mut self, p: (f32, f32), v: f64) {
        self.settle_last();
        self.run.push(p);
        let i = self.run.n - 1;
        if self.run.lo.0 == i {
            self.lo_value = v;
        }
        if self.run.hi.0 == i {
            self.hi_value = v;
        }
    }

    /// Adds data points, mapping only those that may become the run's lowest or highest (or
    /// are among its first four); the last one is mapped when the run ends.
    fn push_all(&mut self, points: &[(Pt, Period)]) {
        let mut rest = points;
        while let (Some((head, after)), true) = (rest.split_first(), self.run.n < 4) {
            self.push(self.f.pt(head.0), head.0 .1);
            rest = after;
        }
        let Some(last) = rest.last() else {
            return;
        };
        let first = self.run.n;
        // A value on the far side of the current lowest (highest) point's value maps, the
        // mapping being monotonic, to a pixel no lower (higher) than it: only the others can
        // replace it, and only they are mapped. NaN proves nothing.
        if self.y_rises {
            for (k, a) in rest.iter().enumerate() {
                let v = a.0 .1;
                if !(v >= self.lo_value && v <= self.hi_value) {
                    self.consider(first + k, a.0);
                }
            }
        } else {
            for (k, a) in rest.iter().enumerate() {
                let v = a.0 .1;
                if !(v <= self.lo_value && v >= self.hi_value) {
                    self.consider(first + k, a.0);
                }
            }
        }
        self.run.n += rest.len();
        self.last = Some(last.0);
    }

    /// Maps the `i`th point of the run and keeps it if it is the lowest or highest so far.
    fn consider(&mut self, i: usize, p: Pt) {
        let q = self.f.pt(p);
        if q.1 < self.run.lo.1 .1 {
            self.run.lo = (i, q);
            self.lo_value = p.1;
        }
        if q.1 > self.run.hi.1 .1 {
            self.run.hi = (i, q);
            self.hi_value = p.1;
        }
    }

    /// Maps the point pushed last, if it was pushed lazily.
    fn settle_last(&mut self) {
        if let Some(p) = self.last.take() {
            let i = self.run.n - 1;
            let q = if self.run.lo.0 == i {
                self.run.lo.1
            } else if self.run.hi.0 == i {
                self.run.hi.1
            } else {
                self.f.pt(p)
            };
            self.run.last = (i, q);
        }
    }

    fn flush(&mut self, out: &mut Vec<(f32, f32)>) {
        self.settle_last();
        self.run.flush(out);
        self.lo_value = f64::NAN;
        self.hi_value = f64::NAN;
    }
}

/// Thins a polyline to what one CSS px column can show: of each run of consecutive points in
/// the same column, the first, the lowest, the highest and the last, in their order. The line
/// covers the same pixels as the full one (every column spans the same values and joins its
/// neighbours at the same points), so a series of any length costs at most four points per
/// pixel column to lay out and paint.
pub fn decimate(points: impl IntoIterator<Item = (f32, f32)>) -> Vec<(f32, f32)> {
    let mut out: Vec<(f32, f32)> = Vec::new();
    let mut run = Run::default();
    let mut column = f32::NAN;
    for p in points {
        let c = p.0.floor();
        if c != column {
            run.flush(&mut out);
            column = c;
        }
        run.push(p);
    }
    run.flush(&mut out);
    out
}

/// The points of one pixel column seen so far, kept as [`decimate`] needs them: the first four,
/// the first lowest, the first highest and the last, with their positions in the run.
#[derive(Default)]
struct Run {
    n: usize,
    head: [(f32, f32); 4],
    lo: (usize, (f32, f32)),
    hi: (usize, (f32, f32)),
    last: (usize, (f32, f32)),
}

impl Run {
    fn push(&mut self, p: (f32, f32)) {
        let i = self.n;
        if i < self.head.len() {
            self.head[i] = p;
        }
        if i == 0 || p.1 < self.lo.1 .1 {
            self.lo = (i, p);
        }
        if i == 0 || p.1 > self.hi.1 .1 {
            self.hi = (i, p);
        }
        self.last = (i, p);
        self.n += 1;
    }

    /// Appends the run's points to `out` (all of them up to four, else first, lowest, highest
    /// and last in their order, each once) and empties it.
    fn flush(&mut self, out: &mut Vec<(f32, f32)>) {
        if self.n <= self.head.len() {
            out.extend_from_slice(&self.head[..self.n]);
        } else {
            let (a, b) = if self.lo.0 <= self.hi.0 {
                (self.lo, self.hi)
            } else {
                (self.hi, self.lo)
            };
            let mut previous = usize::MAX;
            for (i, p) in [(0, self.head[0]), a, b, self.last] {
                if i != previous {
                    out.push(p);
                    previous = i;
                }
            }
        }
        self.n = 0;
    }
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
            cv.text(x, at_level(y), text, style, Anchor::End, Baseline::Top);
        }
    }
    if let (Some(text), Some((p, _, _))) = (&right_text, &right) {
        let (_, y) = f.pt(*p);
        let x = plot.right() + gap;
        cv.text(x, at_level(y), text, style, Anchor::Start, Baseline::Top);
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
        if let Some(r) = placer.place(
            cv,
            &cap,
            style,
            &[(area.x, area.y, Anchor::Start, Baseline::Top)],
        ) {
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

fn y_axis(
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
            &[(plot.x - 6.0, y, Anchor::End, Baseline::Middle)],
        );
    }
}

/// Period labels under the plot: targets first, then the baseline, then actuals, each dropped
/// when it would collide with one already placed.
fn x_axis(
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
/// add up (see [`super::text::width_by_parts`]), less a margin for rounding; for other text,
/// which kerning may narrow, three quarters of it.
fn width_at_least(cv: &Canvas, text: &str, style: Style) -> f32 {
    let part = |p: &str| cv.width(p, style);
    match super::text::width_by_parts(text, part) {
        Some(w) => (w - 0.05).max(0.0),
        None => {
            let mut buf = [0u8; 4];
            let sum: f32 = text.chars().map(|c| part(c.encode_utf8(&mut buf))).sum();
            0.75 * sum
        }
    }
}

/// Every period on a chart's time axis with its day: targets, baseline, actuals.
fn axis_periods(d: &TrendData) -> impl Iterator<Item = (f64, Period)> + '_ {
    d.targets
        .iter()
        .map(|t| (t.0 .0, t.1))
        .chain(d.baseline.iter().filter_map(|b| Some((b.0 .0, b.1?))))
        .chain(d.actual.iter().map(|a| (a.0 .0, a.1)))
}

/// When every period on the axis lies within one calendar year: the earliest, whose label
/// writes the year (the others leave it out).
fn year_once(d: &TrendData) -> Option<(f64, Period)> {
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
            (x, y, Anchor::Middle, Baseline::Top),
            (x, y, Anchor::End, Baseline::Top),
            (x, y, Anchor::Start, Baseline::Top),
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
        (x, y - gap, Anchor::Middle, Baseline::Bottom),
        (x, y + gap, Anchor::Middle, Baseline::Top),
        (x - gap, y, Anchor::End, Baseline::Middle),
        (x + gap, y, Anchor::Start, Baseline::Middle),
        (x - gap, y - gap, Anchor::End, Baseline::Bottom),
        (x - gap, y + gap, Anchor::End, Baseline::Top),
    ];
    placer.place(cv, text, style, &c);
}

/// The chart's legend: a sample of each line and marker with its name. Returns the height used.
pub fn legend(cv: &mut Canvas, s: &Subject, x: f32, y: f32, w: f32) -> f32 {
    match TrendData::new(s) {
        Some(d) => legend_for(cv, &d, x, y, w),
        None => 0.0,
    }
}

/// [`legend`] of data already gathered by [`TrendData::new`]. Returns the height used.
pub fn legend_for(cv: &mut Canvas, d: &TrendData, x: f32, y: f32, w: f32) -> f32 {
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
        cv.label(ex + sample_w + 6.0, ey, avail, text, style);
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
mod tests {
    use super::*;
    use crate::layout::canvas::Sizes;
    use crate::layout::list::EstimateMeasure;
    use crate::layout::text::MeasureCache;
    use crate::theme::Theme;

    /// A small deterministic generator (xorshift).
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> f64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 >> 11) as f64 / (1u64 << 53) as f64
        }
    }

    /// `n` daily values from 2000-01-01 (a random walk, with runs of equal values and repeated
    /// days), or a shuffled copy when `in_order` is false.
    fn series(rng: &mut Rng, n: usize, in_order: bool) -> Vec<(Pt, Period)> {
        let start = Day::from_ymd(2000, 1, 1).unwrap().0;
        let mut v = 50.0;
        let mut day = start;
        let mut out: Vec<(Pt, Period)> = (0..n)
            .map(|_| {
                if rng.next() < 0.9 {
                    day += 1;
                }
                if rng.next() < 0.7 {
                    v = (v + (rng.next() - 0.5) * 4.0).clamp(0.0, 100.0);
                }
                let v = (v * 10.0_f64).round() / 10.0;
                ((day as f64, v), Period::Date(Day(day)))
            })
            .collect();
        if !in_order {
            for i in (1..out.len()).rev() {
                let j = (rng.next() * (i + 1) as f64) as usize;
                out.swap(i, j.min(i));
            }
        }
        out
    }

    fn frame(d: &TrendData, width: f32, flip: bool) -> Frame {
        let (x0, x1) = d.x_range();
        let (lo, hi) = d.extent().1.range();
        let (top, bottom) = (20.0, 220.0);
        Frame {
            x: Scale::new(x0, x1, 40.0, 40.0 + width),
            y: if flip {
                Scale::new(lo, hi, top, bottom)
            } else {
                Scale::new(lo, hi, bottom, top)
            },
        }
    }

    #[test]
    fn decimated_line_is_decimate_of_every_point() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for n in [0, 1, 5, 40, 3_000, 20_000] {
            for in_order in [true, false] {
                for baseline in [None, Some(50.0), Some(f64::NAN), Some(f64::INFINITY)] {
                    let actual = series(&mut rng, n, in_order);
                    let d = TrendData {
                        baseline: baseline.map(|v| ((10_900.0, v), None)),
                        actual,
                        ..TrendData::default()
                    };
                    for width in [30.0, 333.3, 1_200.0] {
                        for flip in [false, true] {
                            let f = frame(&d, width, flip);
                            let every = d
                                .baseline
                                .iter()
                                .map(|b| f.pt(b.0))
                                .chain(d.actual.iter().map(|a| f.pt(a.0)));
                            let want = decimate(every);
                            let got = decimated_line(&d, &f, d.actual_in_order());
                            let bits = |p: &[(f32, f32)]| -> Vec<(u32, u32)> {
                                p.iter().map(|q| (q.0.to_bits(), q.1.to_bits())).collect()
                            };
                            assert_eq!(bits(&got), bits(&want), "n {n}, width {width}");
                        }
                    }
                }
            }
        }
    }

    /// The axis labelling as it was before periods were skipped: every period's label is
    /// formatted and tried.
    fn x_axis_every_period(
        cv: &mut Canvas,
        placer: &mut Placer,
        d: &TrendData,
        f: &Frame,
        y: f32,
        style: Style,
    ) {
        let first = year_once(d);
        let periods = first.into_iter().chain(axis_periods(d));
        let mut done: Vec<String> = Vec::new();
        for (i, (day, p)) in periods.enumerate() {
            let x = f.x.px(day);
            let in_year = first.is_some() && i > 0;
            let text = period_short(&p, cv.locale, in_year);
            if done.contains(&text) {
                continue;
            }
            let c = [
                (x, y, Anchor::Middle, Baseline::Top),
                (x, y, Anchor::End, Baseline::Top),
                (x, y, Anchor::Start, Baseline::Top),
            ];
            if placer.place(cv, &text, style, &c).is_some() {
                done.push(text);
            }
        }
    }

    #[test]
    fn axis_labels_skip_only_periods_that_could_not_be_placed() {
        let theme = Theme::default();
        let measure = MeasureCache::new(&EstimateMeasure);
        let mut rng = Rng(7);
        for n in [3, 400, 9_000] {
            for in_order in [true, false] {
                let actual = series(&mut rng, n, in_order);
                let last = actual.iter().map(|a| a.0 .0).fold(0.0, f64::max);
                let d = TrendData {
                    baseline: Some(((10_950.0, 50.0), Some(Period::Year(1999)))),
                    targets: vec![
                        ((last + 400.0, 70.0), Period::Year(2030)),
                        ((11_500.0, 60.0), Period::Half(2001, 2)),
                    ],
                    actual,
                    ..TrendData::default()
                };
                for width in [120.0, 640.0, 1_500.0] {
                    for size in [12.0, 13.76, 21.0] {
                        let f = frame(&d, width, false);
                        let area = Rect::new(0.0, 0.0, width + 80.0, 300.0);
                        let mut cvs = Vec::new();
                        for reference in [false, true] {
                            let sz = Sizes::for_width(width, 1.0);
                            let mut cv = Canvas::new(&theme, &measure, Locale::ZhCn, sz);
                            let mut placer = Placer::new(area);
                            // Boxes already taken on and near the label row.
                            placer.take(Rect::new(60.0, 236.0, 30.0, 10.0));
                            placer.take(Rect::new(width * 0.5, 200.0, 25.3, 30.0));
                            placer.take(Rect::new(0.0, 270.0, 500.0, 20.0));
                            let style = Style { size, ..cv.muted() };
                            if reference {
                                x_axis_every_period(&mut cv, &mut placer, &d, &f, 229.0, style);
                            } else {
                                let in_order = d.actual_in_order();
                                x_axis(&mut cv, &mut placer, &d, &f, in_order, 229.0, style);
                            }
                            cvs.push((cv.items, placer.taken().to_vec()));
                        }
                        assert!(!cvs[0].0.is_empty(), "n {n}, width {width}");
                        assert_eq!(cvs[0], cvs[1], "n {n}, width {width}, size {size}");
                    }
                }
            }
        }
    }
}
