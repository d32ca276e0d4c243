//! The actual line of a trend chart, thinned to what each pixel column can show.

use super::{last_holding, Frame, Pt, TrendData};
use crate::period::Period;

/// The actual line (from the baseline) through `f`, [`decimate`]d. Points in order of their days
/// (as the format requires) are mapped only where needed: a column's run of points is found by
/// bisection and its lowest and highest by comparing values, since the mapping is monotonic.
/// The result is the same as mapping every point and decimating.
pub(super) fn decimated_line(d: &TrendData, f: &Frame, in_order: bool) -> Vec<(f32, f32)> {
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
