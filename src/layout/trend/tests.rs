use super::axes::{axis_periods, x_axis, year_once};
use super::line::decimated_line;
use super::*;
use crate::format::period_short;
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
            Pin::new(x, y, Anchor::Middle, Baseline::Top),
            Pin::new(x, y, Anchor::End, Baseline::Top),
            Pin::new(x, y, Anchor::Start, Baseline::Top),
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
