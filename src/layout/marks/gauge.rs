//! The gauge: a ring open at the bottom for bounded percentages, with the latest value inside,
//! markers for the targets and the expected value, and (large) each target's level outside.

use super::{fact_lines, fact_lines_height, key_row, FactLine, Key};
use crate::format::period_short;
use crate::layout::canvas::{Canvas, Pin, Placer, Ring, Slot, Style, BOX, MIN_FONT};
use crate::layout::describe::Subject;
use crate::layout::list::{Anchor, Baseline, Rect, Stroke};

pub(super) fn gauge_with_facts(
    cv: &mut Canvas,
    s: &Subject,
    at: Slot,
    large: bool,
    facts: &[FactLine],
) -> f32 {
    let Slot { x, y, w } = at;
    let (size, drawn_h) = gauge(cv, s, at, large);
    if large {
        // The ring opens at the bottom: the key goes under what was drawn, not the square.
        let (side, size) = (size, drawn_h);
        let mut keys = Vec::new();
        if s.st.targets.iter().any(|t| t.level.is_some()) {
            keys.push((Key::Target, cv.tr("目标", "Target")));
        }
        if s.st.expected_now.is_some() {
            keys.push((Key::Expected, cv.tr("当前应达", "Expected now")));
        }
        // Under the gauge only: beside it, in a wide view, are the facts.
        let kh = key_row(cv, Slot::new(x, y + size + 4.0, side.min(w)), &keys);
        return size + if kh > 0.0 { kh + 4.0 } else { 0.0 };
    }
    if facts.is_empty() {
        return size;
    }
    let fx = x + size + cv.sz.gap;
    let fw = w - size - cv.sz.gap;
    if fw >= 110.0 {
        let total = fact_lines_height(cv, fw, facts);
        let fy = y + ((size - total) / 2.0).max(0.0);
        size.max(fact_lines(cv, Slot::new(fx, fy, fw), facts) + (fy - y))
    } else {
        size + 4.0 + fact_lines(cv, at.down(size + 4.0), facts)
    }
}

/// The side of a gauge's square in width `w`.
pub(super) fn gauge_side(cv: &Canvas, s: &Subject, w: f32, large: bool) -> f32 {
    gauge_geometry(w, large, label_room(cv, s, large)).side
}

/// The sizes of a gauge for a width.
#[derive(Clone, Copy, Debug)]
struct GaugeGeometry {
    /// Radius of the ring's centre line.
    r: f32,
    /// The ring's thickness.
    t: f32,
    /// How far a target tick reaches past the ring on each side.
    overhang: f32,
    /// The expected-value triangle: height (radial) and half-width.
    tri_h: f32,
    tri_hw: f32,
    /// Room outside the ring, the ticks and the triangle for the target labels.
    label_room: f32,
    /// The square the gauge takes.
    side: f32,
}

/// Gap between the triangle's base (or a tick's end) and a target label.
const LABEL_GAP: f32 = 3.0;

fn gauge_geometry(w: f32, large: bool, label_room: f32) -> GaugeGeometry {
    let (t, overhang, tri_h, tri_hw) = if large {
        (14.0, 3.0, 9.0, 6.0)
    } else {
        (8.0, 2.0, 6.5, 4.5)
    };
    // Room outside the ring for a tick's end, the triangle beyond it and the labels.
    let margin = overhang + 1.0 + tri_h + 0.5 + label_room;
    let want = if large {
        (w * 0.2).clamp(48.0, 84.0)
    } else {
        38.0
    };
    let r = want.min(w / 2.0 - t / 2.0 - margin).max(8.0);
    GaugeGeometry {
        r,
        t,
        overhang,
        tri_h,
        tri_hw,
        label_room,
        side: 2.0 * (r + t / 2.0 + margin),
    }
}

/// The distinct target positions of a gauge, in order of value: each the level of the latest
/// target drawn there. Targets whose ticks (at `angle`, in degrees) would touch (within
/// `min_deg` of each other) share one tick: "//" tells a reader nothing.
fn gauge_ticks(s: &Subject, min_deg: f32, angle: impl Fn(f64) -> f32) -> Vec<f64> {
    let mut levels: Vec<(usize, f64)> =
        s.st.targets
            .iter()
            .enumerate()
            .filter_map(|(i, e)| Some((i, e.level?)))
            .filter(|(_, l)| l.is_finite())
            .collect();
    levels.sort_by(|a, b| a.1.total_cmp(&b.1));
    let mut out: Vec<(usize, f64)> = Vec::new();
    for (i, l) in levels {
        match out.last_mut() {
            Some(last) if angle(l) - angle(last.1) < min_deg => {
                // Same position: the later target's level names it.
                if i > last.0 {
                    *last = (i, l);
                }
            }
            _ => out.push((i, l)),
        }
    }
    out.into_iter().map(|(_, l)| l).collect()
}

/// The room a large gauge keeps outside its ring for target labels (none on cards, whose fact
/// lines name the targets).
fn label_room(cv: &Canvas, s: &Subject, large: bool) -> f32 {
    if !large {
        return 0.0;
    }
    let style = cv.muted();
    let widest =
        s.st.targets
            .iter()
            .filter_map(|e| e.level)
            .filter(|l| l.is_finite())
            .map(|l| cv.width(&s.derived(l), style))
            .fold(0.0, f32::max);
    if widest > 0.0 {
        widest.max(style.size * BOX) + LABEL_GAP
    } else {
        0.0
    }
}

/// The largest size, from `preferred` down to [`MIN_FONT`], at which one line of bold `text`
/// sits inside a circle of radius `radius` (its corners clear of the ring). The measured width
/// gets a margin, since the painting font may run wider than the measure.
fn fit_in_circle(cv: &Canvas, text: &str, radius: f32, preferred: f32) -> (f32, f32) {
    let allowed = |size: f32| {
        // Digits and "%" stand about three quarters of the size tall.
        let half_h = size * 0.375;
        2.0 * (radius * radius - half_h * half_h).max(0.0).sqrt()
    };
    let mut size = preferred.max(MIN_FONT);
    while size > MIN_FONT && cv.measure.width(text, size, true) * 1.2 > allowed(size) {
        size = (size - 0.5).max(MIN_FONT);
    }
    (size, allowed(size) / 1.2)
}

/// A 270° gauge from 0 to 100 % with round ring ends: track, value arc in the status colour,
/// one tick across the ring (text colour) per distinct target position, an accent triangle
/// outside the ring pointing at the expected value, and, on a large gauge, each target's level
/// written outside the ring beyond them. Returns its square's side and the height of what it
/// drew (less than the side: the ring opens at the bottom).
fn gauge(cv: &mut Canvas, s: &Subject, at: Slot, large: bool) -> (f32, f32) {
    let Slot { x, y, w } = at;
    let g = gauge_geometry(w, large, label_room(cv, s, large));
    let (r, t) = (g.r, g.t);
    let side = g.side;
    let (cx, cy) = (x + side / 2.0, y + side / 2.0);
    // Markers stay inside the sweep, clear of the ring's round ends, so that one at 0 or 100 %
    // still crosses the ring.
    let bar_w = cv.lw(if large { 3.5 } else { 2.5 });
    let inset = ((t / 2.0).max(bar_w / 2.0 + 1.0) / r).to_degrees();
    let angle = |v: f64| 135.0 + 270.0 * (v / 100.0).clamp(0.0, 1.0) as f32;
    let marker_angle = |v: f64| angle(v).clamp(135.0 + inset, 405.0 - inset);
    let status = s.st.status;
    let ring = Ring {
        cx,
        cy,
        r,
        width: t,
    };
    cv.arc(ring, 135.0, 270.0, cv.theme.grid, None);
    let latest = s.st.latest.as_ref().and_then(|p| p.value);
    if let Some(v) = latest {
        let color = cv.status_color(status);
        cv.arc(ring, 135.0, angle(v) - 135.0, color, Some(status));
    }
    let radial = |a: f32, r0: f32, r1: f32| {
        let (sn, cs) = crate::trig::sin_cos_f32(a.to_radians());
        ((cx + r0 * cs, cy + r0 * sn), (cx + r1 * cs, cy + r1 * sn))
    };
    // The card's or page's colour, as a halo that keeps markers apart from the arcs.
    let halo = if large {
        cv.theme.background
    } else {
        cv.theme.surface
    };
    let (inner, outer) = (r - t / 2.0 - g.overhang, r + t / 2.0 + g.overhang);
    // Ticks closer than two of their widths plus a gap draw as one.
    let min_deg = ((2.0 * bar_w + 3.0) / r).to_degrees();
    let levels = gauge_ticks(s, min_deg, marker_angle);
    let targets: Vec<f32> = levels.iter().map(|&l| marker_angle(l)).collect();
    for &a in &targets {
        let (p, q) = radial(a, inner - 1.0, outer + 1.0);
        cv.segment(p, q, Stroke::solid(halo, bar_w + 2.0));
        let (p, q) = radial(a, inner, outer);
        cv.segment(p, q, Stroke::solid(cv.theme.text, bar_w));
    }
    if let Some(e) = s.st.expected_now.filter(|e| e.is_finite()) {
        let a = marker_angle(e);
        // Outside the ring: touching it, or just past a tick that shares its angle.
        let near = (g.tri_hw + bar_w) / r;
        let clash = targets.iter().any(|&b| (b - a).to_radians().abs() < near);
        let tip = if clash {
            outer + 1.0
        } else {
            r + t / 2.0 + 0.5
        };
        let (sn, cs) = crate::trig::sin_cos_f32(a.to_radians());
        let at = |rad: f32, side: f32| (cx + rad * cs - side * sn, cy + rad * sn + side * cs);
        let base = tip + g.tri_h;
        let tri = vec![at(tip, 0.0), at(base, -g.tri_hw), at(base, g.tri_hw)];
        cv.polygon(tri, cv.theme.accent, None);
    }
    // The lowest ink: the ring's ends (at 45° below the centre line), a triangle there.
    let sin45 = std::f32::consts::FRAC_1_SQRT_2;
    let mut bottom = cy + sin45 * (outer + 1.0 + g.tri_h) + g.tri_hw + 1.0;
    if large && g.label_room > 0.0 {
        let label_r = outer + 1.0 + g.tri_h + LABEL_GAP;
        let area = Rect::new(x, y, side, side);
        let low = gauge_labels(cv, s, &levels, &targets, (cx, cy), label_r, area);
        bottom = bottom.max(low);
    }
    let text = latest
        .map(|v| s.value(v))
        .unwrap_or_else(|| "—".to_string());
    let room = r - t / 2.0 - 4.0;
    let preferred = if large {
        cv.sz.title * 1.2
    } else {
        cv.sz.base + 1.0
    };
    let caption = if large {
        s.st.latest
            .as_ref()
            .map(|p| period_short(&p.period, cv.locale, false))
    } else {
        None
    };
    // With a caption below, the value sits a little above the centre.
    let cap = cv.muted();
    let lift = if caption.is_some() {
        cap.size * BOX * 0.5
    } else {
        0.0
    };
    let (size, fit_w) = fit_in_circle(cv, &text, room - lift, preferred);
    let style = Style {
        size,
        bold: true,
        color: cv.theme.text,
    };
    let fitted = crate::layout::text::ellipsize(&text, cv.font(style), fit_w);
    let vy = cy - lift;
    cv.text(
        Pin::new(cx, vy, Anchor::Middle, Baseline::Middle),
        &fitted,
        style,
    );
    if let Some(label) = caption {
        let top = vy + size * BOX / 2.0;
        // Clear of the ring at the caption's lower corners.
        let depth = top + cap.size * BOX - cy;
        let half = (room * room - depth * depth).max(0.0).sqrt();
        // The period whole, else without its year, else not at all (a cut date misleads).
        let fits = |l: &String| cv.font(cap).fits(l, 2.0 * half);
        let short =
            s.st.latest
                .as_ref()
                .map(|p| period_short(&p.period, cv.locale, true));
        if let Some(label) = [Some(label), short].into_iter().flatten().find(fits) {
            cv.text(
                Pin::new(cx, top, Anchor::Middle, Baseline::Top),
                &label,
                cap,
            );
        }
    }
    (side, (bottom - y).clamp(0.0, side))
}

/// Each tick's level written outside the ring at radius `label_r`, anchored away from the
/// centre; a label that would overlap another or leave the gauge's square is left out (the
/// facts beside or below the gauge list every target). Returns the lowest label's bottom.
fn gauge_labels(
    cv: &mut Canvas,
    s: &Subject,
    levels: &[f64],
    angles: &[f32],
    (cx, cy): (f32, f32),
    label_r: f32,
    area: Rect,
) -> f32 {
    let style = cv.muted();
    let mut placer = Placer::new(area);
    let mut bottom = area.y;
    // The value and caption in the middle are not in the placer: labels stay outside the ring.
    for (&l, &a) in levels.iter().zip(angles).rev() {
        let (sn, cs) = crate::trig::sin_cos_f32(a.to_radians());
        let (px, py) = (cx + label_r * cs, cy + label_r * sn);
        let anchor = if cs > 0.35 {
            Anchor::Start
        } else if cs < -0.35 {
            Anchor::End
        } else {
            Anchor::Middle
        };
        let baseline = if sn < -0.35 {
            Baseline::Bottom
        } else if sn > 0.35 {
            Baseline::Top
        } else {
            Baseline::Middle
        };
        if let Some(r) = placer.place(
            cv,
            &s.derived(l),
            style,
            &[Pin::new(px, py, anchor, baseline)],
        ) {
            bottom = bottom.max(r.bottom());
        }
    }
    bottom
}
