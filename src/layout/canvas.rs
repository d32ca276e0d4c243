//! The drawing surface layout writes to: items and hits plus the theme, sizes and measure, with
//! helpers that give every text item its true bounds and keep text inside its box.

use super::list::{Anchor, Baseline, Hit, HitTarget, Item, Rect, Stroke, TextMeasure};
use super::text::{ellipsize_measured, limit_lines, wrap, Font, Fx};
use crate::model::Locale;
use crate::status::Status;
use crate::theme::Color;
use crate::theme::Theme;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// The smallest font size layout ever uses (elderly readers).
pub const MIN_FONT: f32 = 12.0;

/// Height of a text item's box, as a multiple of its size.
pub const BOX: f32 = 1.25;

/// Distance between lines of a paragraph, as a multiple of the size.
pub const LEADING: f32 = 1.4;

/// Where a block of content goes: its top-left corner and its width. The block decides its own
/// height, and the function that draws it returns the height used.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Slot {
    /// Left.
    pub x: f32,
    /// Top.
    pub y: f32,
    /// Width available.
    pub w: f32,
}

impl Slot {
    /// A slot.
    pub const fn new(x: f32, y: f32, w: f32) -> Slot {
        Slot { x, y, w }
    }

    /// The same slot `dy` further down.
    pub fn down(self, dy: f32) -> Slot {
        Slot::new(self.x, self.y + dy, self.w)
    }

    /// The slot's rectangle once the block's height `h` is known.
    pub fn rect(self, h: f32) -> Rect {
        Rect::new(self.x, self.y, self.w, h)
    }
}

/// The point a line of text hangs from, and how the text sits on it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pin {
    /// Anchor point, horizontally.
    pub x: f32,
    /// Anchor point, vertically.
    pub y: f32,
    /// Which part of the text is at `x`.
    pub anchor: Anchor,
    /// Which part of the line box is at `y`.
    pub base: Baseline,
}

impl Pin {
    /// A pin.
    pub const fn new(x: f32, y: f32, anchor: Anchor, base: Baseline) -> Pin {
        Pin { x, y, anchor, base }
    }

    /// Text hanging from its top-left corner.
    pub const fn top_left(x: f32, y: f32) -> Pin {
        Pin::new(x, y, Anchor::Start, Baseline::Top)
    }
}

/// A ring arcs are drawn on: centre, radius (to the middle of the stroke) and stroke width.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ring {
    /// Centre, horizontally.
    pub cx: f32,
    /// Centre, vertically.
    pub cy: f32,
    /// Radius.
    pub r: f32,
    /// Stroke width.
    pub width: f32,
}

/// Font sizes and spacing for one width.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sizes {
    /// Body text.
    pub base: f32,
    /// Secondary text (labels, axes), never below [`MIN_FONT`].
    pub small: f32,
    /// The page title.
    pub title: f32,
    /// Headline numbers.
    pub big: f32,
    /// Outer padding.
    pub pad: f32,
    /// Gap between cards and blocks.
    pub gap: f32,
}

impl Sizes {
    /// Sizes for a widget width in CSS px and a font scale.
    pub fn for_width(width: f32, font_scale: f32) -> Sizes {
        let scale = if font_scale.is_finite() {
            font_scale.clamp(0.5, 3.0)
        } else {
            1.0
        };
        let base = if width < 600.0 {
            14.0
        } else if width < 1200.0 {
            15.0
        } else {
            16.0
        };
        let base = (base * scale).max(MIN_FONT);
        Sizes {
            base,
            small: (base * 0.86).max(MIN_FONT),
            title: base * 1.45,
            big: base * 1.3,
            pad: if width < 400.0 { 12.0 } else { 16.0 },
            gap: 12.0,
        }
    }
}

/// How a piece of text looks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    /// Size in px.
    pub size: f32,
    /// Bold weight.
    pub bold: bool,
    /// Colour.
    pub color: Color,
}

impl Style {
    /// The height one line of this style advances.
    pub fn leading(&self) -> f32 {
        self.size * LEADING
    }
}

/// Items and hits under construction.
pub struct Canvas<'a> {
    /// Colours.
    pub theme: &'a Theme,
    /// Text measure.
    pub measure: &'a dyn TextMeasure,
    /// The widget's language.
    pub locale: Locale,
    /// Sizes for this width.
    pub sz: Sizes,
    /// Items in paint order.
    pub items: Vec<Item>,
    /// Hits in reading order.
    pub hits: Vec<Hit>,
    /// Paragraphs already wrapped, shared with this canvas's sub-canvases (see [`Wraps`]).
    wraps: Rc<RefCell<Wraps>>,
}

/// Paragraphs wrapped during one layout, by font (size and weight bits), width (bits) and text:
/// a block's height is measured before it is drawn ([`Canvas::para_height`], then
/// [`Canvas::para`]) and cards repeat the same lines, so most paragraphs are wrapped once instead
/// of two or more times. [`wrap`] depends on nothing else, so the lines are the same.
type Wraps = HashMap<(u32, bool, u32), HashMap<Box<str>, Rc<[String]>, Fx>, Fx>;

impl<'a> Canvas<'a> {
    /// An empty canvas.
    pub fn new(theme: &'a Theme, measure: &'a dyn TextMeasure, locale: Locale, sz: Sizes) -> Self {
        Canvas {
            theme,
            measure,
            locale,
            sz,
            items: Vec::new(),
            hits: Vec::new(),
            wraps: Rc::default(),
        }
    }

    /// An empty canvas with the same settings (to lay out a block before its background).
    pub fn sub(&self) -> Canvas<'a> {
        Canvas {
            wraps: Rc::clone(&self.wraps),
            ..Canvas::new(self.theme, self.measure, self.locale, self.sz)
        }
    }

    /// `text` wrapped by [`wrap`] into `max_w` in `style`, from [`Wraps`] when wrapped before.
    fn wrapped(&self, text: &str, style: Style, max_w: f32) -> Rc<[String]> {
        let key = (style.size.to_bits(), style.bold, max_w.to_bits());
        let mut wraps = self.wraps.borrow_mut();
        let by_text = wraps.entry(key).or_default();
        if let Some(lines) = by_text.get(text) {
            return Rc::clone(lines);
        }
        let lines: Rc<[String]> = wrap(text, self.font(style), max_w).into();
        by_text.insert(text.into(), Rc::clone(&lines));
        lines
    }

    /// [`super::text::wrap_max`] through [`Canvas::wrapped`]: the wrapped lines themselves
    /// when they are few enough.
    fn wrap_max(&self, text: &str, style: Style, max_w: f32, max_lines: usize) -> Rc<[String]> {
        if max_lines == 0 {
            return Rc::new([]);
        }
        let lines = self.wrapped(text, style, max_w);
        if lines.len() <= max_lines {
            return lines;
        }
        limit_lines(lines.to_vec(), self.font(style), max_w, max_lines).into()
    }

    /// Appends another canvas's items and hits.
    pub fn absorb(&mut self, other: Canvas) {
        self.items.extend(other.items);
        self.hits.extend(other.hits);
    }

    /// True for Chinese.
    pub fn zh(&self) -> bool {
        self.locale == Locale::ZhCn
    }

    /// Picks the Chinese or English string.
    pub fn tr<'s>(&self, zh: &'s str, en: &'s str) -> &'s str {
        if self.zh() {
            zh
        } else {
            en
        }
    }

    /// Body text style.
    pub fn body(&self) -> Style {
        Style {
            size: self.sz.base,
            bold: false,
            color: self.theme.text,
        }
    }

    /// Secondary text style.
    pub fn muted(&self) -> Style {
        Style {
            size: self.sz.small,
            bold: false,
            color: self.theme.muted,
        }
    }

    /// A line width scaled for the theme.
    pub fn lw(&self, w: f32) -> f32 {
        w * self.theme.line_scale.clamp(0.5, 4.0)
    }

    /// The font for a style.
    pub fn font(&self, style: Style) -> Font<'a> {
        Font {
            measure: self.measure,
            size: style.size,
            bold: style.bold,
        }
    }

    /// Width of text in a style.
    pub fn width(&self, text: &str, style: Style) -> f32 {
        self.font(style).width(text)
    }

    /// The box a text would occupy at an anchor point.
    pub fn text_box(&self, at: Pin, text: &str, style: Style) -> Rect {
        box_at(at, self.width(text, style), style)
    }

    /// Emits one line of text as given (the caller has made it fit). Returns its bounds.
    pub fn text(&mut self, at: Pin, text: &str, style: Style) -> Rect {
        let bounds = self.text_box(at, text, style);
        self.text_in(at, text, style, bounds)
    }

    /// Emits one line of text whose box is already known (from [`Canvas::text_box`] or
    /// [`box_at`] with its measured width). Returns its bounds.
    fn text_in(&mut self, at: Pin, text: &str, style: Style, bounds: Rect) -> Rect {
        let Pin { x, y, anchor, base } = at;
        if text.is_empty() {
            return Rect::new(bounds.x, bounds.y, 0.0, 0.0);
        }
        self.items.push(Item::Text {
            x,
            y,
            text: text.to_string(),
            size: style.size,
            bold: style.bold,
            color: style.color,
            anchor,
            baseline: base,
            bounds,
        });
        bounds
    }

    /// One line from the slot's top-left corner, ellipsized to its width. Returns its bounds.
    pub fn label(&mut self, at: Slot, text: &str, style: Style) -> Rect {
        let (fitted, w) = ellipsize_measured(text, self.font(style), at.w.max(0.0));
        let pin = Pin::top_left(at.x, at.y);
        self.text_in(pin, &fitted, style, box_at(pin, w, style))
    }

    /// A paragraph from the slot's top-left corner wrapped to its width, at most `max_lines` lines (the last
    /// ellipsized). Returns the height used.
    pub fn para(&mut self, at: Slot, text: &str, style: Style, max_lines: usize) -> f32 {
        let Slot { x, y, w: max_w } = at;
        let lines = self.wrap_max(text, style, max_w.max(0.0), max_lines);
        let mut h = 0.0;
        for line in lines.iter().filter(|l| !l.is_empty()) {
            self.text(Pin::top_left(x, y + h), line, style);
            h += style.leading();
        }
        h
    }

    /// The height [`Canvas::para`] would use.
    pub fn para_height(&self, text: &str, max_w: f32, style: Style, max_lines: usize) -> f32 {
        let lines = self.wrap_max(text, style, max_w.max(0.0), max_lines);
        lines.iter().filter(|l| !l.is_empty()).count() as f32 * style.leading()
    }

    /// The largest size from `preferred` down to [`MIN_FONT`] at which `text` fits `max_w`.
    pub fn fit_size(&self, text: &str, max_w: f32, preferred: f32, bold: bool) -> f32 {
        let mut size = preferred.max(MIN_FONT);
        while size > MIN_FONT && self.measure.width(text, size, bold) > max_w {
            size = (size - 1.0).max(MIN_FONT);
        }
        size
    }

    /// A rectangle.
    pub fn rect(
        &mut self,
        rect: Rect,
        radius: f32,
        fill: Option<Color>,
        stroke: Option<Stroke>,
        status: Option<Status>,
    ) {
        if rect.w <= 0.0 || rect.h <= 0.0 {
            return;
        }
        self.items.push(Item::Rect {
            rect,
            radius,
            fill,
            stroke,
            status,
        });
    }

    /// A filled rectangle.
    pub fn fill(&mut self, rect: Rect, color: Color, status: Option<Status>) {
        self.rect(rect, 0.0, Some(color), None, status);
    }

    /// A circle.
    pub fn circle(
        &mut self,
        cx: f32,
        cy: f32,
        r: f32,
        fill: Option<Color>,
        stroke: Option<Stroke>,
        status: Option<Status>,
    ) {
        if r > 0.0 {
            self.items.push(Item::Circle {
                cx,
                cy,
                r,
                fill,
                stroke,
                status,
            });
        }
    }

    /// An open line.
    pub fn polyline(&mut self, points: Vec<(f32, f32)>, stroke: Stroke) {
        if points.len() >= 2 {
            self.items.push(Item::Polyline { points, stroke });
        }
    }

    /// A straight segment.
    pub fn segment(&mut self, a: (f32, f32), b: (f32, f32), stroke: Stroke) {
        self.polyline(vec![a, b], stroke);
    }

    /// A filled polygon.
    pub fn polygon(&mut self, points: Vec<(f32, f32)>, fill: Color, status: Option<Status>) {
        if points.len() >= 3 {
            self.items.push(Item::Polygon {
                points,
                fill,
                status,
            });
        }
    }

    /// A thick arc on a ring (angles in degrees, clockwise from east).
    pub fn arc(
        &mut self,
        ring: Ring,
        start: f32,
        sweep: f32,
        color: Color,
        status: Option<Status>,
    ) {
        let Ring { cx, cy, r, width } = ring;
        if sweep.abs() > 0.01 && r > 0.0 {
            self.items.push(Item::Arc {
                cx,
                cy,
                r,
                start_deg: start,
                sweep_deg: sweep,
                width,
                color,
                status,
            });
        }
    }

    /// A hit region.
    pub fn hit(&mut self, rect: Rect, target: HitTarget) {
        self.hits.push(Hit { rect, target });
    }

    /// A focus ring around a box (accent, 3px, just outside it).
    pub fn focus_ring(&mut self, around: Rect) {
        let ring = Rect::new(
            around.x - 3.0,
            around.y - 3.0,
            around.w + 6.0,
            around.h + 6.0,
        );
        let stroke = Stroke::solid(self.theme.accent, 3.0);
        self.rect(ring, 8.0, None, Some(stroke), None);
    }

    /// The colour of a status.
    pub fn status_color(&self, s: Status) -> Color {
        self.theme.status_color(s)
    }

    /// The text colour that reads best on a fill: the theme's text or background colour.
    pub fn text_on(&self, fill: Color) -> Color {
        let (a, b) = (self.theme.text, self.theme.background);
        if a.contrast(fill) >= b.contrast(fill) {
            a
        } else {
            b
        }
    }
}

/// The box of a text `w` px wide at an anchor point, one line of `style` tall.
pub fn box_at(at: Pin, w: f32, style: Style) -> Rect {
    let Pin { x, y, anchor, base } = at;
    let h = style.size * BOX;
    let left = match anchor {
        Anchor::Start => x,
        Anchor::Middle => x - w / 2.0,
        Anchor::End => x - w,
    };
    let top = match base {
        Baseline::Top => y,
        Baseline::Middle => y - h / 2.0,
        Baseline::Bottom => y - h,
    };
    Rect::new(left, top, w, h)
}

/// Lays boxes of the given widths left to right, wrapping to new rows within `max_w`. Returns
/// each box's `(dx, row)` offset.
pub fn flow(widths: &[f32], max_w: f32, gap: f32) -> Vec<(f32, usize)> {
    let mut out = Vec::with_capacity(widths.len());
    let (mut x, mut row) = (0.0f32, 0usize);
    for &w in widths {
        if x > 0.0 && x + w > max_w + 0.01 {
            x = 0.0;
            row += 1;
        }
        out.push((x, row));
        x += w + gap;
    }
    out
}

/// The clearance [`Placer::place`] keeps left and right of a label, in px.
pub const PLACER_MARGIN: f32 = 3.0;

/// Rectangles already taken by labels, for placing optional labels without overlap.
#[derive(Clone, Debug, Default)]
pub struct Placer {
    taken: Vec<Rect>,
    area: Rect,
}

impl Placer {
    /// A placer that keeps labels inside `area`.
    pub fn new(area: Rect) -> Placer {
        Placer {
            taken: Vec::new(),
            area,
        }
    }

    /// Marks a box as taken.
    pub fn take(&mut self, r: Rect) {
        self.taken.push(r);
    }

    /// True when a box is inside the area and clear of every taken box (with a margin).
    pub fn free(&self, r: &Rect, margin: f32) -> bool {
        let grown = Rect::new(r.x - margin, r.y, r.w + 2.0 * margin, r.h);
        self.area.contains(r) && !self.taken.iter().any(|t| t.overlaps(&grown))
    }

    /// The area labels are kept inside.
    pub fn area(&self) -> Rect {
        self.area
    }

    /// The boxes taken so far, in the order they were taken.
    pub fn taken(&self) -> &[Rect] {
        &self.taken
    }

    /// True when a box `w` wide in `style` would be free at one of the candidate anchor points
    /// (see [`Placer::place`]). A box at least as wide at the same anchor contains it, so when
    /// this is false no text at least `w` wide can be placed there.
    pub fn could_place(&self, w: f32, style: Style, candidates: &[Pin]) -> bool {
        candidates
            .iter()
            .any(|&pin| self.free(&box_at(pin, w, style), PLACER_MARGIN))
    }

    /// Tries candidate anchor points in order; emits the text at the first free one. The text
    /// is measured once for all of them.
    pub fn place(
        &mut self,
        cv: &mut Canvas,
        text: &str,
        style: Style,
        candidates: &[Pin],
    ) -> Option<Rect> {
        let w = cv.width(text, style);
        for &pin in candidates {
            let b = box_at(pin, w, style);
            if self.free(&b, PLACER_MARGIN) {
                let r = cv.text_in(pin, text, style, b);
                self.take(r);
                return Some(r);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flow_wraps_rows() {
        let f = flow(&[40.0, 40.0, 40.0], 100.0, 10.0);
        assert_eq!(f, [(0.0, 0), (50.0, 0), (0.0, 1)]);
    }

    #[test]
    fn sizes_grow_with_width_and_never_go_below_minimum() {
        assert_eq!(Sizes::for_width(320.0, 1.0).base, 14.0);
        assert_eq!(Sizes::for_width(1920.0, 1.0).base, 16.0);
        assert!(Sizes::for_width(320.0, 0.5).small >= MIN_FONT);
        assert!(Sizes::for_width(320.0, f32::NAN).base >= MIN_FONT);
    }
}
