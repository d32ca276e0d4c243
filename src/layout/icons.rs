//! Status icons drawn as shapes, distinct in outline so that greyscale still tells them apart:
//! a check in a disc (achieved), an up-arrow (on track), a triangle with "!" (at risk), a diamond
//! (off track), a cross in a disc (missed), a clock face (not due) and a dash in a ring (no data).

use super::canvas::{Canvas, Slot, Style};
use super::list::{Rect, Stroke};
use crate::status::Status;
use crate::theme::Color;

/// Colours of an icon: the shape and the glyph drawn on it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct IconColors {
    /// The shape.
    pub shape: Color,
    /// The glyph on the shape (check, cross, "!").
    pub glyph: Color,
}

/// The usual colours: the status colour with a background-coloured glyph.
pub fn status_colors(cv: &Canvas, s: Status) -> IconColors {
    IconColors {
        shape: cv.status_color(s),
        glyph: cv.theme.background,
    }
}

/// Draws a status icon of diameter `d` centred on `(cx, cy)`; it stays inside that square.
pub fn icon(cv: &mut Canvas, cx: f32, cy: f32, d: f32, s: Status, c: IconColors) {
    let r = d / 2.0;
    let glyph = Stroke::solid(c.glyph, (d * 0.14).max(1.5));
    let pt = |dx: f32, dy: f32| (cx + dx * r, cy + dy * r);
    match s {
        Status::Achieved => {
            cv.circle(cx, cy, r, Some(c.shape), None, Some(s));
            cv.polyline(vec![pt(-0.5, 0.0), pt(-0.12, 0.4), pt(0.52, -0.35)], glyph);
        }
        Status::OnTrack => {
            let arrow = [
                (0.0, -1.0),
                (0.95, 0.0),
                (0.38, 0.0),
                (0.38, 1.0),
                (-0.38, 1.0),
                (-0.38, 0.0),
                (-0.95, 0.0),
            ];
            cv.polygon(
                arrow.iter().map(|&(x, y)| pt(x, y)).collect(),
                c.shape,
                Some(s),
            );
        }
        Status::AtRisk => {
            cv.polygon(
                vec![pt(0.0, -1.0), pt(1.0, 0.85), pt(-1.0, 0.85)],
                c.shape,
                Some(s),
            );
            cv.segment(pt(0.0, -0.35), pt(0.0, 0.28), glyph);
            cv.circle(cx, cy + 0.58 * r, d * 0.07, Some(c.glyph), None, None);
        }
        Status::OffTrack => {
            cv.polygon(
                vec![pt(0.0, -1.0), pt(1.0, 0.0), pt(0.0, 1.0), pt(-1.0, 0.0)],
                c.shape,
                Some(s),
            );
            cv.polyline(
                vec![pt(-0.35, -0.12), pt(0.0, 0.28), pt(0.35, -0.12)],
                glyph,
            );
        }
        Status::Missed => {
            cv.circle(cx, cy, r, Some(c.shape), None, Some(s));
            cv.segment(pt(-0.38, -0.38), pt(0.38, 0.38), glyph);
            cv.segment(pt(-0.38, 0.38), pt(0.38, -0.38), glyph);
        }
        Status::NotDue | Status::NoData => {
            let ring_w = (d * 0.13).max(1.5);
            let ring = Stroke::solid(c.shape, ring_w);
            cv.circle(cx, cy, r - ring_w / 2.0, None, Some(ring), Some(s));
            let hand = Stroke::solid(c.shape, ring_w);
            if s == Status::NotDue {
                cv.polyline(vec![pt(0.0, -0.5), pt(0.0, 0.0), pt(0.4, 0.2)], hand);
            } else {
                cv.segment(pt(-0.45, 0.0), pt(0.45, 0.0), hand);
            }
        }
    }
}

/// An icon followed by the status label, from the slot's top-left corner on one line of `style`.
/// Returns the bounds of icon and label together.
pub fn status_tag(cv: &mut Canvas, at: Slot, s: Status, style: Style) -> Rect {
    let label = s.label(cv.locale);
    icon_text(cv, at, s, label, style)
}

/// An icon followed by any text (ellipsized to fit the slot's width).
pub fn icon_text(cv: &mut Canvas, at: Slot, s: Status, text: &str, style: Style) -> Rect {
    let Slot { x, y, w: max_w } = at;
    let d = icon_size(style);
    let line_h = style.size * super::canvas::BOX;
    let colors = status_colors(cv, s);
    icon(cv, x + d / 2.0, y + line_h / 2.0, d, s, colors);
    let gap = style.size * 0.35;
    let b = cv.label(
        Slot::new(x + d + gap, y, (max_w - d - gap).max(0.0)),
        text,
        style,
    );
    Rect::new(x, y, d + gap + b.w, line_h.max(d))
}

/// Icon-and-words cells laid out left to right, wrapping into rows of the slot's width with
/// `gap` px between cells. Returns the height used.
pub fn icon_text_flow(
    cv: &mut Canvas,
    at: Slot,
    cells: &[(Status, String)],
    style: Style,
    gap: f32,
) -> f32 {
    let Slot { x, y, w } = at;
    let widths: Vec<f32> = cells
        .iter()
        .map(|(_, t)| icon_text_width(cv, t, style).min(w))
        .collect();
    let line_h = style.leading();
    let mut rows = 0;
    for ((st, text), (dx, row)) in cells.iter().zip(super::canvas::flow(&widths, w, gap)) {
        let slot = Slot::new(x + dx, y + row as f32 * line_h, w - dx);
        icon_text(cv, slot, *st, text, style);
        rows = rows.max(row + 1);
    }
    rows as f32 * line_h
}

/// The width [`icon_text`] takes (unclipped).
pub fn icon_text_width(cv: &Canvas, text: &str, style: Style) -> f32 {
    icon_size(style) + style.size * 0.35 + cv.width(text, style)
}

fn icon_size(style: Style) -> f32 {
    (style.size * 1.05).round()
}
