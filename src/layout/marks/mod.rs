//! One mark per indicator, chosen by kind: a gauge for bounded percentages, a meter (progress
//! bar) for other levels and running totals, per-period bars for recurring amounts, a counter
//! for incident-free targets, a timeline for milestones and a state chip with a percent bar for
//! tasks. Every mark draws in its [`Slot`] (from its top down, within its width) and returns
//! the height used.

mod gauge;

use gauge::{gauge_side, gauge_with_facts};

use super::canvas::{flow, Canvas, Pin, Placer, Slot, Style, BOX};
use super::describe::Subject;
use super::icons::{icon, icon_text_flow, status_colors};
use super::list::{Anchor, Baseline, Rect, Stroke};
use super::scale::Scale;
use crate::format::{period_short, plain, single_year, task_state};
use crate::model::{Goal, Kind};
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
/// also writes the card's short facts, each led by the marker it explains.
pub fn draw_mark(cv: &mut Canvas, s: &Subject, at: Slot, large: bool) -> f32 {
    let Slot { x, y, w } = at;
    let w = w.max(0.0);
    let facts = if large { Vec::new() } else { compact_facts(s) };
    let kind = mark_kind(s.ind.kind, s.ind.is_percent());
    if kind == MarkKind::Gauge {
        return gauge_with_facts(cv, s, Slot::new(x, y, w), large, &facts);
    }
    let h = match kind {
        MarkKind::Meter => meter_mark(cv, s, Slot::new(x, y, w), large),
        MarkKind::Periods => periods_mark(cv, s, Slot::new(x, y, w), large),
        MarkKind::Counter => counter_mark(cv, s, Slot::new(x, y, w), large),
        MarkKind::Timeline => timeline_mark(cv, s, Slot::new(x, y, w), large),
        _ => task_mark(cv, s, Slot::new(x, y, w)),
    };
    let fh = fact_lines(cv, Slot::new(x, y + h + 4.0, w), &facts);
    h + if fh > 0.0 { fh + 4.0 } else { 0.0 }
}

/// The width a mark needs when it does not use all it is given (a gauge is a square), for
/// placing something beside it; `None` when it takes the whole width.
pub fn mark_width(cv: &Canvas, s: &Subject, w: f32, large: bool) -> Option<f32> {
    (mark_kind(s.ind.kind, s.ind.is_percent()) == MarkKind::Gauge)
        .then(|| gauge_side(cv, s, w.max(0.0), large))
}

/// The marker a card's fact line explains, drawn as a small key before its words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// A target level: a bar across the gauge's ring or the meter (text colour).
    Target,
    /// A per-period goal: a horizontal line over the bars (accent).
    GoalLine,
    /// The value expected by now: a triangle pointing at the mark (accent).
    Expected,
}

/// One short fact of a card, with the marker it explains, if any.
#[derive(Clone, Debug, PartialEq)]
pub struct FactLine {
    /// The marker drawn before the words.
    pub key: Option<Key>,
    /// The words.
    pub text: String,
}

impl FactLine {
    fn new(key: Option<Key>, text: String) -> FactLine {
        FactLine { key, text }
    }
}

/// The short facts a card shows under (or beside) its mark. A milestone's deadline is written
/// on its timeline instead.
pub fn compact_facts(s: &Subject) -> Vec<FactLine> {
    let mut out = Vec::new();
    let levels = s.st.targets.iter().any(|t| t.level.is_some());
    let expected = |key: Option<Key>| s.expected_line().map(|t| FactLine::new(key, t));
    match s.ind.kind {
        Kind::Milestone | Kind::Zero => {}
        Kind::Task => {
            out.push(FactLine::new(None, s.deadline(&s.deadline_period())));
            let bar = s.st.latest.as_ref().is_some_and(|p| p.value.is_some());
            out.extend(expected(bar.then_some(Key::Expected)));
        }
        Kind::Recurring => {
            out.extend(
                s.target_line()
                    .map(|t| FactLine::new(Some(Key::GoalLine), t)),
            );
            out.extend(expected(None));
        }
        _ => {
            let key = levels.then_some(Key::Target);
            out.extend(s.target_line().map(|t| FactLine::new(key, t)));
            out.extend(expected(Some(Key::Expected)));
        }
    }
    out
}

/// Muted lines, each wrapped to at most two lines and led by its key. Returns the height used.
pub fn fact_lines(cv: &mut Canvas, at: Slot, lines: &[FactLine]) -> f32 {
    let Slot { x, y, w } = at;
    let style = cv.muted();
    let mut h = 0.0;
    for line in lines {
        let indent = match line.key {
            Some(k) => {
                draw_key(cv, k, x, y + h, style);
                key_width(style)
            }
            None => 0.0,
        };
        h += cv.para(
            Slot::new(x + indent, y + h, w - indent),
            &line.text,
            style,
            2,
        );
    }
    h
}

/// The height [`fact_lines`] would use.
fn fact_lines_height(cv: &Canvas, w: f32, lines: &[FactLine]) -> f32 {
    let style = cv.muted();
    lines
        .iter()
        .map(|l| {
            let indent = if l.key.is_some() {
                key_width(style)
            } else {
                0.0
            };
            cv.para_height(&l.text, w - indent, style, 2)
        })
        .sum()
}

/// Keys with their words in a row (wrapping), as a legend. Returns the height used.
fn key_row(cv: &mut Canvas, at: Slot, keys: &[(Key, &str)]) -> f32 {
    let Slot { x, y, w } = at;
    let style = cv.muted();
    let kw = key_width(style);
    let widths: Vec<f32> = keys
        .iter()
        .map(|(_, t)| (kw + cv.width(t, style)).min(w))
        .collect();
    let mut rows = 0;
    for ((key, text), (dx, row)) in keys.iter().zip(flow(&widths, w, 16.0)) {
        let ky = y + row as f32 * style.leading();
        draw_key(cv, *key, x + dx, ky, style);
        cv.label(
            Slot::new(x + dx + kw, ky, (w - dx - kw).max(0.0)),
            text,
            style,
        );
        rows = rows.max(row + 1);
    }
    rows as f32 * style.leading()
}

/// The room a key takes before its words.
fn key_width(style: Style) -> f32 {
    (style.size * 0.9).round() + 5.0
}

/// Draws a key's marker in the first line box of `style` at `(x, y)` (top-left).
fn draw_key(cv: &mut Canvas, key: Key, x: f32, y: f32, style: Style) {
    let side = (style.size * 0.9).round();
    let (cx, cy) = (x + side / 2.0, y + style.size * BOX / 2.0);
    match key {
        Key::Target => {
            let bar_w = cv.lw(2.5);
            let stroke = Stroke::solid(cv.theme.text, bar_w);
            cv.segment((cx, cy - side / 2.0), (cx, cy + side / 2.0), stroke);
        }
        Key::GoalLine => {
            let stroke = Stroke::solid(cv.theme.accent, cv.lw(2.0));
            cv.segment((x, cy), (x + side, cy), stroke);
        }
        Key::Expected => {
            let hw = side * 0.42;
            let tri = vec![
                (cx - hw, cy - hw * 0.8),
                (cx + hw, cy - hw * 0.8),
                (cx, cy + hw * 0.8),
            ];
            cv.polygon(tri, cv.theme.accent, None);
        }
    }
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

fn headline(cv: &mut Canvas, at: Slot, text: &str, large: bool) -> f32 {
    let style = Style {
        size: if large { cv.sz.big } else { cv.sz.base },
        bold: true,
        color: cv.theme.text,
    };
    cv.label(at, text, style);
    style.leading()
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

fn meter_mark(cv: &mut Canvas, s: &Subject, at: Slot, large: bool) -> f32 {
    let Slot { x, y, w } = at;
    let latest = s.st.latest.as_ref().and_then(|p| p.value);
    let fin = s.st.final_target().and_then(|t| t.level);
    let latest_text = latest.map(|v| s.value(v)).unwrap_or_else(|| "—".into());
    let text = match fin {
        Some(l) if s.ind.direction.sign() > 0.0 => pair(&latest_text, &s.derived(l), " / "),
        Some(l) => pair(&latest_text, &s.derived(l), " → "),
        None => latest_text,
    };
    let mut h = headline(cv, Slot::new(x, y, w), &text, large);
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
        Pin::new(px, y, Anchor::Middle, Baseline::Top),
        Pin::new(px, y, Anchor::Start, Baseline::Top),
        Pin::new(px, y, Anchor::End, Baseline::Top),
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

fn periods_mark(cv: &mut Canvas, s: &Subject, at: Slot, large: bool) -> f32 {
    let Slot { x, y, w } = at;
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
    let mut h = headline(cv, Slot::new(x, y, w), &text, large);
    let chart_h = if large { 140.0 } else { 44.0 };
    let area = Rect::new(x, y + h, w, chart_h);
    draw_period_bars(cv, s, area, large);
    h += chart_h;
    h += period_axis(cv, s, area) + 2.0;
    if large
        && s.ind
            .targets
            .iter()
            .any(|t| matches!(t.goal, Goal::Value { .. } | Goal::Band { .. }))
    {
        h += key_row(
            cv,
            Slot::new(x, y + h, w),
            &[(Key::GoalLine, cv.tr("每期目标", "Target each period"))],
        ) + 2.0;
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
        let style = cv.muted();
        if v <= 0.0 {
            // Nothing done: an outlined stub on the axis and a "0" above it, never a hairline.
            let stub = Rect::new(bx + 0.75, area.bottom() - 5.0, (bw - 1.5).max(1.0), 4.0);
            let stroke = Stroke::solid(cv.theme.text, cv.lw(1.5));
            cv.rect(stub, 0.0, Some(cv.theme.background), Some(stroke), None);
            let zero = Style {
                bold: true,
                color: cv.theme.text,
                ..style
            };
            let c = [Pin::new(
                bx + bw / 2.0,
                stub.y - 2.0,
                Anchor::Middle,
                Baseline::Bottom,
            )];
            placer.place(cv, &plain(v, 2), zero, &c);
            continue;
        }
        let top = sc.px(v).min(area.bottom() - 2.0);
        cv.fill(
            Rect::new(bx, top, bw, area.bottom() - top),
            cv.theme.muted,
            None,
        );
        if large {
            let c = [Pin::new(
                bx + bw / 2.0,
                top - 1.0,
                Anchor::Middle,
                Baseline::Bottom,
            )];
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

/// Period labels under a bar area: every period when they fit, else every second, third …
/// period. Returns the height used (0 when none fit).
fn period_axis(cv: &mut Canvas, s: &Subject, area: Rect) -> f32 {
    let slots = slots(s);
    if slots.is_empty() {
        return 0.0;
    }
    let style = cv.muted();
    let y = area.bottom() + 2.0;
    let row = Rect::new(area.x, y, area.w, style.size * BOX);
    let slot_w = area.w / slots.len() as f32;
    // Within one year the year is written once, on the first slot.
    let one_year = single_year(slots.iter().map(|(p, _)| *p)).is_some();
    let labels: Vec<String> = slots
        .iter()
        .enumerate()
        .map(|(i, (p, _))| period_short(p, cv.locale, one_year && i > 0))
        .collect();
    let widest = labels
        .iter()
        .map(|l| cv.width(l, style))
        .fold(0.0, f32::max);
    let Some(step) = (1..=slots.len()).find(|&k| widest + 8.0 <= slot_w * k as f32) else {
        return 0.0;
    };
    let mut placer = Placer::new(row);
    let mut any = false;
    for (i, label) in labels.iter().enumerate().step_by(step) {
        let cx = area.x + slot_w * (i as f32 + 0.5);
        // Centred on the slot; the outermost may instead align with the area's edge.
        let mut c = vec![Pin::new(cx, y, Anchor::Middle, Baseline::Top)];
        if i == 0 {
            c.push(Pin::new(row.x, y, Anchor::Start, Baseline::Top));
        }
        if i + 1 == labels.len() {
            c.push(Pin::new(row.right(), y, Anchor::End, Baseline::Top));
        }
        any |= placer.place(cv, label, style, &c).is_some();
    }
    if any {
        style.leading()
    } else {
        0.0
    }
}

fn counter_mark(cv: &mut Canvas, s: &Subject, at: Slot, large: bool) -> f32 {
    let text = match s.st.latest.as_ref().and_then(|p| p.value) {
        Some(n) => s.incidents(n),
        None => cv.tr("暂无报告", "Nothing reported").to_string(),
    };
    let style = Style {
        size: cv.sz.big,
        bold: true,
        color: cv.theme.text,
    };
    cv.label(at, &text, style);
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
    h += cv.para(at.down(h), &window, muted, 2);
    if large && !s.ind.targets.is_empty() {
        h += 6.0 + window_cells(cv, s, at.down(h + 6.0));
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
fn window_cells(cv: &mut Canvas, s: &Subject, at: Slot) -> f32 {
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
    icon_text_flow(cv, at, &cells, style, 16.0)
}

/// A milestone's time line from the plan's start: the time passed shaded up to a dot labelled
/// "现在" (above), the deadline as a bar across the line labelled "截止 …" (below) and, once
/// done, a check icon labelled "完成于 …". The large variant also writes the line's first and
/// last dates. Labels that would collide move to a second row or are dropped (the deadline then
/// goes under the line as a fact).
fn timeline_mark(cv: &mut Canvas, s: &Subject, at: Slot, large: bool) -> f32 {
    let Slot { x, y, w } = at;
    let text = s
        .latest()
        .unwrap_or_else(|| cv.tr("暂无报告", "Nothing reported").to_string());
    let mut h = headline(cv, Slot::new(x, y, w), &text, large);
    let deadline = s.deadline_period();
    let d0 = s.header.start.start().min(deadline.start());
    let d1 = s.header.end.end().max(deadline.end()).max(s.as_of);
    let sc = Scale::new(d0.0 as f64, d1.0 as f64, x + 7.0, x + w - 7.0);
    let style = cv.muted();
    let line_h = style.size * BOX;
    let halo = if large {
        cv.theme.background
    } else {
        cv.theme.surface
    };
    // The row above the line, for "现在".
    let above = y + h;
    let ly = above + line_h + 11.0;
    let track_h = if large { 6.0 } else { 4.0 };
    let now = sc.px(s.as_of.0 as f64);
    let dx = sc.px(deadline.end().0 as f64);
    let done = done_period(s);
    let done_x = done.map(|p| sc.px(p.end().0 as f64));
    cv.rect(
        Rect::new(x, ly - track_h / 2.0, w, track_h),
        track_h / 2.0,
        Some(cv.theme.grid),
        None,
        None,
    );
    cv.rect(
        Rect::new(x, ly - track_h / 2.0, (now - x).max(0.0), track_h),
        track_h / 2.0,
        Some(cv.theme.muted),
        None,
        None,
    );
    let bar_w = cv.lw(3.0);
    cv.fill(
        Rect::new(dx - bar_w / 2.0 - 1.0, ly - 9.0, bar_w + 2.0, 18.0),
        halo,
        None,
    );
    cv.fill(
        Rect::new(dx - bar_w / 2.0, ly - 8.0, bar_w, 16.0),
        cv.theme.text,
        None,
    );
    cv.circle(
        now,
        ly,
        4.5,
        Some(cv.theme.text),
        Some(Stroke::solid(halo, 2.0)),
        None,
    );
    if let Some(cx) = done_x {
        let colors = status_colors(cv, Status::Achieved);
        cv.circle(cx, ly, 8.0, Some(halo), None, None);
        icon(cv, cx, ly, 14.0, Status::Achieved, colors);
    }
    // Words for the marks: the deadline and the completion below, "现在" above.
    let below = ly + 10.0;
    // Up to two rows below, 2 px apart.
    let area = Rect::new(x, above, w, below + 2.0 * line_h + 2.0 - above);
    let mut placer = Placer::new(area);
    let row_y = |i: f32| below + i * (line_h + 2.0);
    let under = |px: f32, row: f32| -> [Pin; 3] {
        let y = row_y(row);
        [
            Pin::new(px, y, Anchor::Middle, Baseline::Top),
            Pin::new(px + 4.0, y, Anchor::End, Baseline::Top),
            Pin::new(px - 4.0, y, Anchor::Start, Baseline::Top),
        ]
    };
    let mut used = 0.0f32;
    let mut put = |cv: &mut Canvas, placer: &mut Placer, text: &str, px: f32| -> bool {
        for row in [0.0, 1.0] {
            if let Some(r) = placer.place(cv, text, style, &under(px, row)) {
                used = used.max(r.bottom() - ly);
                return true;
            }
        }
        false
    };
    let deadline_text = s.deadline(&deadline);
    let deadline_placed = put(cv, &mut placer, &deadline_text, dx);
    if let (Some(p), Some(px)) = (done, done_x) {
        let text = match s.locale {
            crate::model::Locale::ZhCn => format!("完成于 {}", s.period(&p)),
            crate::model::Locale::En => format!("Done {}", s.period(&p)),
        };
        put(cv, &mut placer, &text, px);
    }
    if large {
        let start = crate::format::format_day(d0, s.locale);
        let end = crate::format::format_day(d1, s.locale);
        put(cv, &mut placer, &start, x + 4.0);
        put(cv, &mut placer, &end, x + w - 4.0);
    }
    let now_word = cv.tr("现在", "Now");
    let top = ly - 10.0;
    let c = [
        Pin::new(now, top, Anchor::Middle, Baseline::Bottom),
        Pin::new(now + 4.0, top, Anchor::End, Baseline::Bottom),
        Pin::new(now - 4.0, top, Anchor::Start, Baseline::Bottom),
    ];
    placer.place(cv, now_word, style, &c);
    h = ly - y + used.max(10.0) + 2.0;
    if !deadline_placed {
        let line = [FactLine::new(Some(Key::Target), deadline_text)];
        h += fact_lines(cv, Slot::new(x, y + h, w), &line) + 2.0;
    }
    h
}

/// The period a milestone was reported done in, if it was by the evaluation date.
fn done_period(s: &Subject) -> Option<crate::period::Period> {
    s.ind
        .actuals
        .iter()
        .find(|a| a.state == Some(crate::model::TaskState::Done) && a.period.start() <= s.as_of)
        .map(|a| a.period)
}

fn task_mark(cv: &mut Canvas, s: &Subject, at: Slot) -> f32 {
    let Slot { x, y, w } = at;
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
    let pct = latest.and_then(|p| p.value);
    let Some(pct) = pct else {
        chip(cv, Rect::new(x, y, chip_w, chip_h), &label, style);
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
    // In one row, chip, bar and percentage share the taller of chip and text.
    let one_row = chip_h.max(pct_style.size * BOX);
    let chip_y = if inline {
        y + (one_row - chip_h) / 2.0
    } else {
        y
    };
    chip(cv, Rect::new(x, chip_y, chip_w, chip_h), &label, style);
    let (bx, by, row_h) = if inline {
        (x + chip_w + gap, y, one_row)
    } else {
        (x, y + chip_h + 4.0, pct_style.leading())
    };
    let bw = (x + w - pw - gap - bx).max(0.0);
    let bar = Rect::new(bx, by + (row_h - 8.0) / 2.0, bw, 8.0);
    let sc = Scale::new(0.0, 100.0, bar.x, bar.right());
    let ticks: Vec<Tick> = s.st.expected_now.map(Tick::Expected).into_iter().collect();
    meter(cv, bar, &sc, Some(pct), s.st.status, &ticks);
    cv.text(
        Pin::new(x + w, by + row_h / 2.0, Anchor::End, Baseline::Middle),
        &pct_text,
        pct_style,
    );
    if inline {
        one_row
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
        Pin::new(
            r.x + r.w / 2.0,
            r.y + r.h / 2.0,
            Anchor::Middle,
            Baseline::Middle,
        ),
        &fitted,
        style,
    );
}
