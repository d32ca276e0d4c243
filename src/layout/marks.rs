//! One mark per indicator, chosen by kind: a gauge for bounded percentages, a meter (progress
//! bar) for other levels and running totals, per-period bars for recurring amounts, a counter
//! for incident-free targets, a timeline for milestones and a state chip with a percent bar for
//! tasks. Every mark draws inside `[x, x + w]` from `y` down and returns the height it used.

use super::canvas::{flow, Canvas, Placer, Style, BOX};
use super::describe::Subject;
use super::icons::{icon, icon_text, icon_text_width, status_colors};
use super::list::{Anchor, Baseline, Rect, Stroke};
use super::scale::Scale;
use crate::format::{period_short, plain, task_state};
use crate::model::{Goal, Kind};
use crate::period::Day;
use crate::status::Status;

/// The drawing chosen for an indicator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkKind {
    /// A 270° gauge (bounded percentages).
    Gauge,
    /// A horizontal progress bar: done / target.
    Meter,
    /// Bars per period with the target band.
    Periods,
    /// An incident counter.
    Counter,
    /// A deadline timeline.
    Timeline,
    /// A state chip and percent bar.
    Task,
}

/// The mark for an indicator's kind and unit.
pub fn mark_kind(kind: Kind, percent: bool) -> MarkKind {
    match kind {
        Kind::Level | Kind::Change | Kind::AnnualChange | Kind::GrowthRate if percent => {
            MarkKind::Gauge
        }
        Kind::Level | Kind::Change | Kind::AnnualChange | Kind::GrowthRate | Kind::Cumulative => {
            MarkKind::Meter
        }
        Kind::Recurring => MarkKind::Periods,
        Kind::Zero => MarkKind::Counter,
        Kind::Milestone => MarkKind::Timeline,
        Kind::Task => MarkKind::Task,
    }
}

/// Margin reserved around bars for tick marks.
const TICK: f32 = 5.0;

/// Draws the indicator's mark. `large` is the detail view's variant; the compact (card) variant
/// also writes the card's short facts.
pub fn draw_mark(cv: &mut Canvas, s: &Subject, x: f32, y: f32, w: f32, large: bool) -> f32 {
    let w = w.max(0.0);
    let facts = if large { Vec::new() } else { compact_facts(s) };
    let kind = mark_kind(s.ind.kind, s.ind.is_percent());
    if kind == MarkKind::Gauge {
        return gauge_with_facts(cv, s, x, y, w, large, &facts);
    }
    let h = match kind {
        MarkKind::Meter => meter_mark(cv, s, x, y, w, large),
        MarkKind::Periods => periods_mark(cv, s, x, y, w, large),
        MarkKind::Counter => counter_mark(cv, s, x, y, w, large),
        MarkKind::Timeline => timeline_mark(cv, s, x, y, w, large),
        _ => task_mark(cv, s, x, y, w),
    };
    let fh = fact_lines(cv, x, y + h + 4.0, w, &facts);
    h + if fh > 0.0 { fh + 4.0 } else { 0.0 }
}

/// The short facts a card shows under (or beside) its mark.
pub fn compact_facts(s: &Subject) -> Vec<String> {
    let mut out = Vec::new();
    match s.ind.kind {
        Kind::Milestone => out.push(s.deadline(&s.deadline_period())),
        Kind::Task => {
            out.push(s.deadline(&s.deadline_period()));
            out.extend(s.expected_line());
        }
        Kind::Zero => {}
        _ => {
            out.extend(s.target_line());
            out.extend(s.expected_line());
        }
    }
    out
}

/// Muted lines, each wrapped to at most two lines. Returns the height used.
pub fn fact_lines(cv: &mut Canvas, x: f32, y: f32, w: f32, lines: &[String]) -> f32 {
    let style = cv.muted();
    let mut h = 0.0;
    for line in lines {
        h += cv.para(x, y + h, w, line, style, 2);
    }
    h
}

/// `a / b` with the unit written once when both share it: `1000 / 2520个`.
pub fn pair(a: &str, b: &str, sep: &str) -> String {
    let common = a
        .chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let mut suffix: String = b
        .chars()
        .rev()
        .take(common)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    while suffix.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == ',') {
        suffix.remove(0);
    }
    let a_short = a.strip_suffix(suffix.as_str()).unwrap_or(a).trim_end();
    format!("{a_short}{sep}{b}")
}

fn headline(cv: &mut Canvas, x: f32, y: f32, w: f32, text: &str, large: bool) -> f32 {
    let style = Style {
        size: if large { cv.sz.big } else { cv.sz.base },
        bold: true,
        color: cv.theme.text,
    };
    cv.label(x, y, w, text, style);
    style.leading()
}

fn gauge_with_facts(
    cv: &mut Canvas,
    s: &Subject,
    x: f32,
    y: f32,
    w: f32,
    large: bool,
    facts: &[String],
) -> f32 {
    let size = gauge(cv, s, x, y, w, large);
    if facts.is_empty() {
        return size;
    }
    let fx = x + size + cv.sz.gap;
    let fw = w - size - cv.sz.gap;
    if fw >= 110.0 {
        let style = cv.muted();
        let total: f32 = facts.iter().map(|f| cv.para_height(f, fw, style, 2)).sum();
        let fy = y + ((size - total) / 2.0).max(0.0);
        size.max(fact_lines(cv, fx, fy, fw, facts) + (fy - y))
    } else {
        size + 4.0 + fact_lines(cv, x, y + size + 4.0, w, facts)
    }
}

/// A 270° gauge from 0 to 100 %: track, value arc in the status colour, a tick per target level
/// and an accent notch at the expected value. Returns its square's side.
fn gauge(cv: &mut Canvas, s: &Subject, x: f32, y: f32, w: f32, large: bool) -> f32 {
    let t = if large { 14.0 } else { 8.0 };
    let want = if large {
        (w * 0.2).clamp(48.0, 84.0)
    } else {
        32.0
    };
    let r = want.min(w / 2.0 - t / 2.0 - TICK).max(8.0);
    let side = 2.0 * (r + t / 2.0 + TICK);
    let (cx, cy) = (x + side / 2.0, y + side / 2.0);
    let angle = |v: f64| 135.0 + 270.0 * (v / 100.0).clamp(0.0, 1.0) as f32;
    let status = s.st.status;
    cv.arc(cx, cy, r, 135.0, 270.0, t, cv.theme.grid, None);
    let latest = s.st.latest.as_ref().and_then(|p| p.value);
    if let Some(v) = latest {
        let color = cv.status_color(status);
        cv.arc(cx, cy, r, 135.0, angle(v) - 135.0, t, color, Some(status));
    }
    let radial = |a: f32, r0: f32, r1: f32| {
        let (sn, cs) = a.to_radians().sin_cos();
        ((cx + r0 * cs, cy + r0 * sn), (cx + r1 * cs, cy + r1 * sn))
    };
    let outer = r + t / 2.0 + TICK - 1.5;
    for level in s.st.targets.iter().filter_map(|e| e.level) {
        let (a, b) = radial(angle(level), r - t / 2.0 - 1.0, outer);
        cv.segment(a, b, Stroke::solid(cv.theme.text, cv.lw(2.0)));
    }
    if let Some(e) = s.st.expected_now {
        let (a, b) = radial(angle(e), r + t / 2.0, outer);
        cv.segment(a, b, Stroke::solid(cv.theme.accent, cv.lw(2.5)));
    }
    let text = latest
        .map(|v| s.value(v))
        .unwrap_or_else(|| "—".to_string());
    let inner = 2.0 * (r - t / 2.0) - 6.0;
    let size = cv.fit_size(
        &text,
        inner,
        if large {
            cv.sz.title * 1.2
        } else {
            cv.sz.base + 1.0
        },
        true,
    );
    let style = Style {
        size,
        bold: true,
        color: cv.theme.text,
    };
    let fitted = super::text::ellipsize(&text, cv.font(style), inner);
    cv.text(cx, cy, &fitted, style, Anchor::Middle, Baseline::Middle);
    if large {
        if let Some(p) = s.st.latest.as_ref() {
            let cap = cv.muted();
            let label = super::text::ellipsize(&period_short(&p.period), cv.font(cap), inner);
            cv.text(
                cx,
                cy + size * 0.7,
                &label,
                cap,
                Anchor::Middle,
                Baseline::Top,
            );
        }
    }
    side
}

/// A tick on a meter: a target (full-height line) or the expected value (a notch above).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Tick {
    /// A target level.
    Target(f64),
    /// The value expected by now.
    Expected(f64),
}

/// A horizontal bar: track, fill to `value` in the status colour, and ticks. Ticks reach
/// [`TICK`] px above and below `bar`.
pub fn meter(
    cv: &mut Canvas,
    bar: Rect,
    sc: &Scale,
    value: Option<f64>,
    status: Status,
    ticks: &[Tick],
) {
    let radius = bar.h / 2.0;
    cv.rect(bar, radius, Some(cv.theme.grid), None, None);
    if let Some(v) = value {
        let right = sc.px(v);
        let w = (right - bar.x).max(if v > sc.v0 { bar.h.min(bar.w) } else { 0.0 });
        let color = cv.status_color(status);
        cv.rect(
            Rect::new(bar.x, bar.y, w, bar.h),
            radius,
            Some(color),
            None,
            Some(status),
        );
    }
    for tick in ticks {
        match *tick {
            Tick::Target(v) => {
                let px = sc.px(v).max(bar.x + 1.0).min(bar.right() - 1.0);
                let stroke = Stroke::solid(cv.theme.text, cv.lw(2.0));
                cv.segment(
                    (px, bar.y - TICK + 1.0),
                    (px, bar.bottom() + TICK - 1.0),
                    stroke,
                );
            }
            Tick::Expected(v) => {
                let px = sc.px(v).max(bar.x + 4.0).min(bar.right() - 4.0);
                let top = bar.y - TICK;
                let tri = vec![(px - 4.0, top), (px + 4.0, top), (px, bar.y + 2.0)];
                cv.polygon(tri, cv.theme.accent, None);
            }
        }
    }
}

fn meter_mark(cv: &mut Canvas, s: &Subject, x: f32, y: f32, w: f32, large: bool) -> f32 {
    let latest = s.st.latest.as_ref().and_then(|p| p.value);
    let fin = s.st.final_target().and_then(|t| t.level);
    let latest_text = latest.map(|v| s.value(v)).unwrap_or_else(|| "—".into());
    let text = match fin {
        Some(l) if s.ind.direction.sign() > 0.0 => pair(&latest_text, &s.derived(l), " / "),
        Some(l) => pair(&latest_text, &s.derived(l), " → "),
        None => latest_text,
    };
    let mut h = headline(cv, x, y, w, &text, large);
    let levels: Vec<f64> = s.st.targets.iter().filter_map(|e| e.level).collect();
    let all = levels
        .iter()
        .chain(latest.iter())
        .chain(s.st.expected_now.iter())
        .chain(s.st.baseline.iter());
    let hi = all.clone().fold(0.0f64, |a, &b| a.max(b));
    let lo = all.fold(0.0f64, |a, &b| a.min(b));
    let bar_h = if large { 16.0 } else { 10.0 };
    let bar = Rect::new(x, y + h + TICK, w, bar_h);
    let sc = Scale::new(lo, if hi > lo { hi } else { lo + 1.0 }, bar.x, bar.right());
    let mut ticks: Vec<Tick> = levels.iter().map(|&l| Tick::Target(l)).collect();
    ticks.extend(s.st.expected_now.map(Tick::Expected));
    meter(cv, bar, &sc, latest, s.st.status, &ticks);
    h += bar_h + 2.0 * TICK;
    if large {
        h += tick_labels(cv, s, &sc, &levels, y + h);
    }
    h
}

/// Words under a large meter's ticks ("目标", "应达"), dropped where they would collide.
fn tick_labels(cv: &mut Canvas, s: &Subject, sc: &Scale, levels: &[f64], y: f32) -> f32 {
    let style = cv.muted();
    let area = Rect::new(sc.p0.min(sc.p1), y, (sc.p1 - sc.p0).abs(), style.size * BOX);
    let mut placer = Placer::new(area);
    let mut any = false;
    let target_word = cv.tr("目标", "Target");
    for &l in levels {
        let text = format!("{target_word} {}", s.derived(l));
        any |= place_under(cv, &mut placer, &text, style, sc.px(l), y).is_some();
    }
    if let Some(e) = s.st.expected_now {
        let text = format!("{} {}", cv.tr("应达", "Expected"), s.derived(e));
        any |= place_under(cv, &mut placer, &text, style, sc.px(e), y).is_some();
    }
    if any {
        style.leading()
    } else {
        0.0
    }
}

fn place_under(
    cv: &mut Canvas,
    placer: &mut Placer,
    text: &str,
    style: Style,
    px: f32,
    y: f32,
) -> Option<Rect> {
    let c = [
        (px, y, Anchor::Middle, Baseline::Top),
        (px, y, Anchor::Start, Baseline::Top),
        (px, y, Anchor::End, Baseline::Top),
    ];
    placer.place(cv, text, style, &c)
}

/// The slots of a recurring indicator: each target period with its goal, else the reported
/// periods.
fn slots(s: &Subject) -> Vec<(crate::period::Period, Option<Goal>)> {
    if s.ind.targets.is_empty() {
        s.st.series.iter().map(|p| (p.period, None)).collect()
    } else {
        s.ind
            .targets
            .iter()
            .map(|t| (t.period, Some(t.goal)))
            .collect()
    }
}

fn periods_mark(cv: &mut Canvas, s: &Subject, x: f32, y: f32, w: f32, large: bool) -> f32 {
    let text = match (s.st.latest.as_ref(), s.headline_target()) {
        (Some(p), _) => {
            let v = s.value(p.value.unwrap_or(0.0));
            let i = s.ind.targets.iter().position(|t| t.period == p.period);
            let g = i.and_then(|i| s.goal(i));
            let vt = g.map(|g| pair(&v, &g, " / ")).unwrap_or(v);
            let sep = cv.tr("：", ": ");
            format!("{}{sep}{vt}", s.period(&p.period))
        }
        (None, _) => cv.tr("暂无报告", "Nothing reported").to_string(),
    };
    let mut h = headline(cv, x, y, w, &text, large);
    let chart_h = if large { 140.0 } else { 40.0 };
    let area = Rect::new(x, y + h, w, chart_h);
    draw_period_bars(cv, s, area, large);
    h += chart_h;
    if large {
        h += period_axis(cv, s, area) + 2.0;
    }
    h
}

fn draw_period_bars(cv: &mut Canvas, s: &Subject, area: Rect, large: bool) {
    let slots = slots(s);
    if slots.is_empty() || area.w <= 0.0 {
        return;
    }
    let goal_max = |g: &Option<Goal>| match g {
        Some(Goal::Value { value, .. }) => *value,
        Some(Goal::Band { min, max }) => max.or(*min).unwrap_or(0.0),
        _ => 0.0,
    };
    let vmax = slots
        .iter()
        .map(|(_, g)| goal_max(g))
        .chain(s.st.series.iter().filter_map(|p| p.value))
        .fold(1.0f64, f64::max);
    let top_pad = if large { cv.sz.small * BOX + 2.0 } else { 2.0 };
    let sc = Scale::new(0.0, vmax * 1.1, area.bottom(), area.y + top_pad);
    cv.segment(
        (area.x, area.bottom() - 0.5),
        (area.right(), area.bottom() - 0.5),
        Stroke::solid(cv.theme.grid, 1.0),
    );
    let slot_w = area.w / slots.len() as f32;
    let mut placer = Placer::new(area);
    for (i, (period, goal)) in slots.iter().enumerate() {
        let sx = area.x + slot_w * i as f32;
        draw_goal_band(cv, goal, &sc, sx, slot_w);
        let actual =
            s.st.series
                .iter()
                .find(|p| p.period == *period)
                .and_then(|p| p.value);
        let Some(v) = actual else { continue };
        let bw = (slot_w * 0.6).clamp(1.0, 32.0);
        let bx = sx + (slot_w - bw) / 2.0;
        let top = sc.px(v).min(area.bottom() - 2.0);
        cv.fill(
            Rect::new(bx, top, bw, area.bottom() - top),
            cv.theme.muted,
            None,
        );
        if large {
            let style = cv.muted();
            let c = [(bx + bw / 2.0, top - 1.0, Anchor::Middle, Baseline::Bottom)];
            placer.place(cv, &plain(v, 2), style, &c);
        }
    }
}

/// The band (shaded) and threshold line of one period's goal.
fn draw_goal_band(cv: &mut Canvas, goal: &Option<Goal>, sc: &Scale, sx: f32, slot_w: f32) {
    let inset = (slot_w * 0.08).min(4.0);
    let (x0, x1) = (sx + inset, sx + slot_w - inset);
    let line = Stroke::solid(cv.theme.accent, cv.lw(2.0));
    match *goal {
        Some(Goal::Band {
            min: Some(a),
            max: Some(b),
        }) => {
            let (ya, yb) = (sc.px(a), sc.px(b));
            let band = Rect::new(x0, yb.min(ya), x1 - x0, (ya - yb).abs().max(2.0));
            cv.fill(band, cv.theme.accent.with_alpha(0.18), None);
            cv.segment((x0, ya), (x1, ya), line);
        }
        Some(Goal::Band { min, max }) => {
            if let Some(v) = min.or(max) {
                cv.segment((x0, sc.px(v)), (x1, sc.px(v)), line);
            }
        }
        Some(Goal::Value { value, .. }) => cv.segment((x0, sc.px(value)), (x1, sc.px(value)), line),
        _ => {}
    }
}

/// Period labels under a bar area, dropped when crowded. Returns the height used.
fn period_axis(cv: &mut Canvas, s: &Subject, area: Rect) -> f32 {
    let slots = slots(s);
    if slots.is_empty() {
        return 0.0;
    }
    let style = cv.muted();
    let y = area.bottom() + 2.0;
    let row = Rect::new(area.x, y, area.w, style.size * BOX);
    let mut placer = Placer::new(row);
    let slot_w = area.w / slots.len() as f32;
    for (i, (p, _)) in slots.iter().enumerate() {
        let cx = area.x + slot_w * (i as f32 + 0.5);
        let c = [(cx, y, Anchor::Middle, Baseline::Top)];
        placer.place(cv, &period_short(p), style, &c);
    }
    style.leading()
}

fn counter_mark(cv: &mut Canvas, s: &Subject, x: f32, y: f32, w: f32, large: bool) -> f32 {
    let text = match s.st.latest.as_ref().and_then(|p| p.value) {
        Some(n) => s.incidents(n),
        None => cv.tr("暂无报告", "Nothing reported").to_string(),
    };
    let style = Style {
        size: cv.sz.big,
        bold: true,
        color: cv.theme.text,
    };
    cv.label(x, y, w, &text, style);
    let mut h = style.leading();
    let (first, last) = match (s.ind.targets.first(), s.ind.targets.last()) {
        (Some(a), Some(b)) => (a.period, b.period),
        _ => (s.header.start, s.header.end),
    };
    let window = if first == last {
        s.period(&first)
    } else {
        format!(
            "{}{}{}",
            s.period(&first),
            cv.tr("—", " – "),
            s.period(&last)
        )
    };
    let muted = cv.muted();
    h += cv.para(x, y + h, w, &window, muted, 2);
    if large && !s.ind.targets.is_empty() {
        h += 6.0 + window_cells(cv, s, x, y + h + 6.0, w);
    }
    h
}

/// The status of one `zero` window: clear so far, clear and over, or with an incident.
fn window_status(s: &Subject, i: usize) -> Status {
    let (Some(t), Some(e)) = (s.ind.targets.get(i), s.st.targets.get(i)) else {
        return Status::NoData;
    };
    let started = t.period.start() <= s.as_of;
    match (e.met, e.due) {
        (Some(true), true) => Status::Achieved,
        (Some(true), false) if started => Status::OnTrack,
        (Some(false), true) => Status::Missed,
        (Some(false), false) => Status::OffTrack,
        (None, _) if started => Status::NoData,
        _ => Status::NotDue,
    }
}

/// One icon-and-words cell per window of a `zero` indicator, flowing into rows.
fn window_cells(cv: &mut Canvas, s: &Subject, x: f32, y: f32, w: f32) -> f32 {
    let style = cv.muted();
    let style = Style {
        color: cv.theme.text,
        ..style
    };
    let cells: Vec<(Status, String)> = (0..s.ind.targets.len())
        .map(|i| {
            let st = window_status(s, i);
            (
                st,
                format!(
                    "{} {}",
                    s.period(&s.ind.targets[i].period),
                    st.label(s.locale)
                ),
            )
        })
        .collect();
    let widths: Vec<f32> = cells
        .iter()
        .map(|(_, t)| icon_text_width(cv, t, style).min(w))
        .collect();
    let line_h = style.leading();
    let mut rows = 0;
    for ((st, text), (dx, row)) in cells.iter().zip(flow(&widths, w, 16.0)) {
        icon_text(
            cv,
            x + dx,
            y + row as f32 * line_h,
            w - dx,
            *st,
            text,
            style,
        );
        rows = rows.max(row + 1);
    }
    rows as f32 * line_h
}

fn timeline_mark(cv: &mut Canvas, s: &Subject, x: f32, y: f32, w: f32, large: bool) -> f32 {
    let text = s
        .latest()
        .unwrap_or_else(|| cv.tr("暂无报告", "Nothing reported").to_string());
    let mut h = headline(cv, x, y, w, &text, large);
    let deadline = s.deadline_period();
    let d0 = s.header.start.start().min(deadline.start());
    let d1 = s.header.end.end().max(deadline.end()).max(s.as_of);
    let sc = Scale::new(d0.0 as f64, d1.0 as f64, x + 7.0, x + w - 7.0);
    let ly = y + h + 9.0;
    cv.rect(
        Rect::new(x, ly - 2.0, w, 4.0),
        2.0,
        Some(cv.theme.grid),
        None,
        None,
    );
    let now = sc.px(s.as_of.0 as f64);
    cv.rect(
        Rect::new(x, ly - 2.0, (now - x).max(0.0), 4.0),
        2.0,
        Some(cv.theme.muted),
        None,
        None,
    );
    let dx = sc.px(deadline.end().0 as f64);
    cv.fill(
        Rect::new(dx - 1.5, ly - 8.0, 3.0, 16.0),
        cv.theme.text,
        None,
    );
    cv.polygon(
        vec![
            (now - 4.0, ly - 9.0),
            (now + 4.0, ly - 9.0),
            (now, ly - 3.0),
        ],
        cv.theme.accent,
        None,
    );
    if let Some(done) = done_day(s) {
        let colors = status_colors(cv, Status::Achieved);
        icon(cv, sc.px(done.0 as f64), ly, 12.0, Status::Achieved, colors);
    }
    h += 18.0;
    if large {
        h += timeline_labels(cv, s, &sc, y + h, d0, d1) + 2.0;
    }
    h
}

fn done_day(s: &Subject) -> Option<Day> {
    s.ind
        .actuals
        .iter()
        .filter(|a| a.period.start() <= s.as_of)
        .find(|a| a.state == Some(crate::model::TaskState::Done))
        .map(|a| a.period.end())
}

fn timeline_labels(cv: &mut Canvas, s: &Subject, sc: &Scale, y: f32, d0: Day, d1: Day) -> f32 {
    let style = cv.muted();
    let row = Rect::new(sc.p0 - 7.0, y, sc.p1 - sc.p0 + 14.0, style.size * BOX);
    let mut placer = Placer::new(row);
    let deadline = s.deadline(&s.deadline_period());
    let dx = sc.px(s.deadline_period().end().0 as f64);
    let c = [
        (dx, y, Anchor::Middle, Baseline::Top),
        (dx, y, Anchor::End, Baseline::Top),
        (dx, y, Anchor::Start, Baseline::Top),
    ];
    placer.place(cv, &deadline, style, &c);
    let start = crate::format::format_day(d0, s.locale);
    placer.place(
        cv,
        &start,
        style,
        &[(row.x, y, Anchor::Start, Baseline::Top)],
    );
    let end = crate::format::format_day(d1, s.locale);
    placer.place(
        cv,
        &end,
        style,
        &[(row.right(), y, Anchor::End, Baseline::Top)],
    );
    style.leading()
}

fn task_mark(cv: &mut Canvas, s: &Subject, x: f32, y: f32, w: f32) -> f32 {
    let latest = s.st.latest.as_ref();
    let state = latest.and_then(|p| p.state);
    let label = match state {
        Some(st) => task_state(st, s.locale).to_string(),
        None => cv.tr("暂无报告", "Nothing reported").to_string(),
    };
    let style = Style {
        size: cv.sz.small,
        bold: true,
        color: cv.theme.text,
    };
    let chip_h = style.size * BOX + 8.0;
    let chip_w = (cv.width(&label, style) + 2.0 * CHIP_PAD).min(w);
    chip(cv, Rect::new(x, y, chip_w, chip_h), &label, style);
    let pct = latest.and_then(|p| p.value);
    let Some(pct) = pct else {
        return chip_h;
    };
    let pct_text = format!("{}%", plain(pct, 0));
    let pct_style = Style {
        bold: true,
        ..cv.body()
    };
    let pw = cv.width(&pct_text, pct_style);
    let gap = cv.sz.gap;
    let inline = w - chip_w - pw - 2.0 * gap >= 60.0;
    let (bx, by, row_h) = if inline {
        (x + chip_w + gap, y, chip_h)
    } else {
        (x, y + chip_h + 4.0, pct_style.leading())
    };
    let bw = (x + w - pw - gap - bx).max(0.0);
    let bar = Rect::new(bx, by + (row_h - 8.0) / 2.0, bw, 8.0);
    let sc = Scale::new(0.0, 100.0, bar.x, bar.right());
    let ticks: Vec<Tick> = s.st.expected_now.map(Tick::Expected).into_iter().collect();
    meter(cv, bar, &sc, Some(pct), s.st.status, &ticks);
    cv.text(
        x + w,
        by + row_h / 2.0,
        &pct_text,
        pct_style,
        Anchor::End,
        Baseline::Middle,
    );
    if inline {
        chip_h
    } else {
        chip_h + 4.0 + row_h
    }
}

/// Space between a chip's outline and its label, each side.
pub const CHIP_PAD: f32 = 11.0;

/// A rounded outlined chip with a label.
pub fn chip(cv: &mut Canvas, r: Rect, label: &str, style: Style) {
    let stroke = Stroke::solid(cv.theme.border, cv.lw(1.0));
    cv.rect(r, r.h / 2.0, Some(cv.theme.background), Some(stroke), None);
    let fitted = super::text::ellipsize(label, cv.font(style), (r.w - 2.0 * CHIP_PAD).max(0.0));
    cv.text(
        r.x + r.w / 2.0,
        r.y + r.h / 2.0,
        &fitted,
        style,
        Anchor::Middle,
        Baseline::Middle,
    );
}
