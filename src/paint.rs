//! Painting: walks a [`DisplayList`] and draws it on any plotters [`DrawingBackend`]: plotters'
//! SVG backend natively ([`to_svg`]), plotters-canvas's `CanvasBackend` in the browser.
//!
//! The list is in CSS px; [`paint`] multiplies everything by a scale (the device pixel ratio)
//! and rounds to the backend's whole-number coordinates:
//!
//! - the edges of filled rectangles are snapped to whole device pixels independently, so
//!   rectangles that touch keep touching, and anything with a positive size covers at least one
//!   device pixel;
//! - horizontal and vertical line segments and square-cornered outlines are drawn as filled
//!   bands on whole device pixels, so a 1 px line stays one crisp pixel row instead of smearing
//!   over two;
//! - line widths are rounded to whole device pixels but never drop below one, so hairlines
//!   still show;
//! - arcs and rounded corners are tessellated finely enough that the polygon strays less than
//!   [`ARC_TOLERANCE`] device px from the true circle;
//! - dashes are cut here (plotters' backends draw solid lines only), continuing across vertices
//!   as in SVG; a backend that can dash natively ([`LineDash`], the browser's canvas) gets the
//!   whole line as one path with a dash pattern instead ([`paint_band_dashed`]).
//!
//! Backend coordinates are integers, so on a canvas the finest position is one device pixel.
//! [`to_svg`] writes coordinates in 1/[`SVG_RESOLUTION`] px (its `viewBox` is that many times its
//! size) so that diagonal dashes, arcs and markers stay true when the SVG is zoomed or printed,
//! while still snapping straight lines and rectangle edges to whole CSS px.
//!
//! Nothing here asks a backend for font metrics (`estimate_text_size`): with plotters' default
//! features off there are no fonts to measure. Text is placed by its anchor point, which the SVG
//! and canvas backends honour natively (`text-anchor`, `textAlign`). Vertically, a text item's
//! `baseline` says where `y` lies on the line box that layout reserved (its `bounds`, 1.25 em
//! tall); the painter centres the glyphs' em box in that line box, as CSS does with half-leading:
//! on a canvas by `textBaseline = "middle"` at the box's centre, in SVG (whose backend only
//! offers `dy` guesses in em and ex) by putting the alphabetic baseline [`EM_CENTRE_TO_BASELINE`]
//! em below the centre.

use std::borrow::Cow;
use std::f64::consts::PI;
use std::fmt;

use plotters::prelude::{
    DrawingBackend, FontDesc, FontFamily, FontStyle, RGBAColor, SVGBackend, ShapeStyle, TextStyle,
};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_backend::BackendCoord;

use crate::layout::list::{Anchor, Baseline, DisplayList, Item, Rect, Stroke};
use crate::theme::Color;
use crate::trig::{acos, sin_cos};

/// Largest deviation, in device px, of a tessellated arc or rounded corner from the true circle.
pub const ARC_TOLERANCE: f64 = 0.15;

/// Coordinate units per CSS px in [`to_svg`]'s output: its `viewBox` is this many times its
/// `width` and `height`.
pub const SVG_RESOLUTION: u32 = 4;

/// Largest coordinate magnitude handed to a backend (keeps backend arithmetic on `i32` far from
/// overflow whatever the display list holds).
const COORD_LIMIT: f64 = 1.0e8;
/// Largest SVG width or height, in CSS px.
const MAX_SVG_SIZE: f64 = 1.0e6;
/// Most segments in one tessellated arc.
const MAX_ARC_SEGMENTS: usize = 720;
/// Most dashes cut from one polyline; a longer pattern is drawn solid.
const MAX_DASHES: f64 = 20_000.0;
/// Gaps narrower than this (device px) are invisible, so such a pattern is drawn solid.
const MIN_GAP: f64 = 0.5;
/// plotters' SVG backend writes `font-size` as the style's size divided by this factor.
const SVG_FONT_DIVISOR: f64 = 1.24;
/// Where plotters' SVG backend puts the baseline below `y` for a top-anchored text (`dy`), in em.
const SVG_TOP_DY: f64 = 0.76;
/// Height of a text's line box in em when its item has no usable `bounds` (layout's box).
const LINE_BOX: f64 = 1.25;

/// From the middle of the em box down to the alphabetic baseline, in em: CJK fonts put the em box
/// 0.88 em above and 0.12 em below the baseline, and Latin digits and capitals centre there too.
pub const EM_CENTRE_TO_BASELINE: f64 = 0.38;

/// Why painting failed.
#[derive(Clone, Debug, PartialEq)]
pub enum PaintError {
    /// The scale was not a finite number greater than zero.
    InvalidScale(f32),
    /// The backend refused a drawing call; the message is the backend's (via plotters).
    Backend(String),
}

impl fmt::Display for PaintError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PaintError::InvalidScale(s) => {
                write!(f, "paint scale must be a finite number above 0, got {s}")
            }
            PaintError::Backend(message) => write!(f, "painting failed: {message}"),
        }
    }
}

impl std::error::Error for PaintError {}

/// Maps any plotters drawing error (`DrawingErrorKind<DB::ErrorType>`) to a [`PaintError`].
fn backend_error(e: impl std::error::Error) -> PaintError {
    PaintError::Backend(e.to_string())
}

/// Paints `list` on `backend`, in list order after the background, with every coordinate, size,
/// line width and font size multiplied by `scale` (the device pixel ratio: a canvas's backing
/// store is its CSS size times the ratio, and plotters' canvas backend does not scale for you).
///
/// The font size handed to the backend is in device px, which is what plotters-canvas puts in
/// the canvas `font`. The caller presents the frame (`backend.present()`, or dropping it).
pub fn paint<DB: DrawingBackend>(
    list: &DisplayList,
    backend: &mut DB,
    scale: f32,
) -> Result<(), PaintError> {
    paint_with(list, list.items.iter(), backend, scale, 1.0, false, None)
}

/// A backend that strokes dash patterns itself (a canvas's `setLineDash`), beyond what plotters'
/// [`DrawingBackend`] offers.
pub trait LineDash {
    /// Makes the following `draw_path` strokes dashed with `pattern` (lengths in backend units,
    /// dash first; empty for solid), their coordinates shifted by `shift` backend units (so a
    /// line of an odd number of pixels can lie on whole pixels though path points are integers).
    fn set_line_dash(&mut self, pattern: &[f64], shift: (f64, f64));
}

/// Paints one horizontal band of `list` — one tile of a picture painted on stacked canvases —
/// onto `backend`, whose row 0 is the band's top: the rows `top .. top + rows` of what [`paint`]
/// would draw at `scale` on one surface tall enough for the whole list (`top` and `rows` in
/// device px).
///
/// Every coordinate is the one [`paint`] computes, moved up by the whole number `top`, so the
/// tiles side by side show the single-surface picture pixel for pixel. Only the items reaching
/// into the band are drawn ([`DisplayList::items_in`], from the list's band index): an item that
/// crosses the band's edge is drawn in each tile it reaches, and the backend's own bounds (a
/// canvas `rows` tall) clip it.
pub fn paint_band<DB: DrawingBackend>(
    list: &DisplayList,
    backend: &mut DB,
    scale: f32,
    top: u32,
    rows: u32,
) -> Result<(), PaintError> {
    band(list, backend, scale, (top, rows), None)
}

/// [`paint_band`], with every dashed line handed to the backend as one path with its dash
/// pattern (see [`LineDash`]) instead of one path or band per dash: the same picture in far fewer
/// drawing calls (in plan 001's indicator view 116 of 187 calls were dashes).
pub fn paint_band_dashed<DB: DrawingBackend + LineDash>(
    list: &DisplayList,
    backend: &mut DB,
    scale: f32,
    top: u32,
    rows: u32,
) -> Result<(), PaintError> {
    band(list, backend, scale, (top, rows), Some(DB::set_line_dash))
}

/// [`paint_band`] with the backend's own dashing, if any.
fn band<DB: DrawingBackend>(
    list: &DisplayList,
    backend: &mut DB,
    scale: f32,
    (top, rows): (u32, u32),
    dash: Option<SetDash<DB>>,
) -> Result<(), PaintError> {
    if !(scale.is_finite() && scale > 0.0) {
        return Err(PaintError::InvalidScale(scale));
    }
    let css = |device: u32| (f64::from(device) / f64::from(scale)) as f32;
    let picked = list.items_in(css(top), css(top.saturating_add(rows)));
    let mut shifted = Shifted {
        inner: backend,
        dy: i32::try_from(top).unwrap_or(i32::MAX),
        dash,
    };
    let items = picked.iter().map(|&i| &list.items[i]);
    let relay = dash.map(|_| Shifted::relay_dash as SetDash<Shifted<'_, DB>>);
    paint_with(list, items, &mut shifted, scale, 1.0, false, relay)
}

/// A backend seen through a vertical shift: every coordinate handed to it is moved up by `dy`
/// units (one tile's top), so one painter's coordinates serve every tile.
struct Shifted<'b, DB> {
    inner: &'b mut DB,
    dy: i32,
    /// The inner backend's own dashing, if any.
    dash: Option<SetDash<DB>>,
}

impl<DB> Shifted<'_, DB> {
    /// Passes a dash pattern on to the inner backend (the shift is sub-pixel, not the tile's).
    fn relay_dash(&mut self, pattern: &[f64], shift: (f64, f64)) {
        if let Some(set) = self.dash {
            set(self.inner, pattern, shift);
        }
    }

    /// A point moved up by `dy` rows (a copy of `dy`, so that it can map a path while the inner
    /// backend is borrowed).
    fn to_inner(&self) -> impl Fn(BackendCoord) -> BackendCoord + Copy {
        let dy = self.dy;
        move |(x, y)| (x, y.saturating_sub(dy))
    }
}

/// Implements plotters' `DrawingBackend` for a wrapper by handing every call to its field
/// `inner` (a backend of type `$inner`, or a `&mut` one), each coordinate first mapped by the
/// closure that the wrapper's method `$map` returns. The one forwarding body of [`Shifted`] (a
/// tile's shift) and the browser's canvas surface (no shift, its own dashing beside).
/// `delegate_backend!([generics] Wrapper => Inner, map_method);`
macro_rules! delegate_backend {
    ([$($generics:tt)*] $ty:ty => $inner:ty, $map:ident) => {
        $crate::paint::delegate_backend!(@impl [$($generics)*] $ty => $inner, $map, [draw_path, fill_polygon]);
    };
    (@impl [$($generics:tt)*] $ty:ty => $inner:ty, $map:ident, [$($points:ident),*]) => {
        impl<$($generics)*> ::plotters_backend::DrawingBackend for $ty {
            type ErrorType = <$inner as ::plotters_backend::DrawingBackend>::ErrorType;

            fn get_size(&self) -> (u32, u32) {
                self.inner.get_size()
            }

            fn ensure_prepared(
                &mut self,
            ) -> Result<(), ::plotters_backend::DrawingErrorKind<Self::ErrorType>> {
                self.inner.ensure_prepared()
            }

            fn present(&mut self) -> Result<(), ::plotters_backend::DrawingErrorKind<Self::ErrorType>> {
                self.inner.present()
            }

            fn draw_pixel(
                &mut self,
                point: ::plotters_backend::BackendCoord,
                color: ::plotters_backend::BackendColor,
            ) -> Result<(), ::plotters_backend::DrawingErrorKind<Self::ErrorType>> {
                let m = self.$map();
                self.inner.draw_pixel(m(point), color)
            }

            fn draw_line<S: ::plotters_backend::BackendStyle>(
                &mut self,
                from: ::plotters_backend::BackendCoord,
                to: ::plotters_backend::BackendCoord,
                style: &S,
            ) -> Result<(), ::plotters_backend::DrawingErrorKind<Self::ErrorType>> {
                let m = self.$map();
                self.inner.draw_line(m(from), m(to), style)
            }

            fn draw_rect<S: ::plotters_backend::BackendStyle>(
                &mut self,
                upper_left: ::plotters_backend::BackendCoord,
                bottom_right: ::plotters_backend::BackendCoord,
                style: &S,
                fill: bool,
            ) -> Result<(), ::plotters_backend::DrawingErrorKind<Self::ErrorType>> {
                let m = self.$map();
                self.inner.draw_rect(m(upper_left), m(bottom_right), style, fill)
            }

            // The two calls that take a sequence of points, mapped lazily.
            $(
                fn $points<
                    S: ::plotters_backend::BackendStyle,
                    I: IntoIterator<Item = ::plotters_backend::BackendCoord>,
                >(
                    &mut self,
                    points: I,
                    style: &S,
                ) -> Result<(), ::plotters_backend::DrawingErrorKind<Self::ErrorType>> {
                    let m = self.$map();
                    self.inner.$points(points.into_iter().map(m), style)
                }
            )*

            fn draw_circle<S: ::plotters_backend::BackendStyle>(
                &mut self,
                center: ::plotters_backend::BackendCoord,
                radius: u32,
                style: &S,
                fill: bool,
            ) -> Result<(), ::plotters_backend::DrawingErrorKind<Self::ErrorType>> {
                let m = self.$map();
                self.inner.draw_circle(m(center), radius, style, fill)
            }

            fn draw_text<T: ::plotters_backend::BackendTextStyle>(
                &mut self,
                text: &str,
                style: &T,
                pos: ::plotters_backend::BackendCoord,
            ) -> Result<(), ::plotters_backend::DrawingErrorKind<Self::ErrorType>> {
                let m = self.$map();
                self.inner.draw_text(text, style, m(pos))
            }

            fn estimate_text_size<T: ::plotters_backend::BackendTextStyle>(
                &self,
                text: &str,
                style: &T,
            ) -> Result<(u32, u32), ::plotters_backend::DrawingErrorKind<Self::ErrorType>> {
                self.inner.estimate_text_size(text, style)
            }

            fn blit_bitmap(
                &mut self,
                pos: ::plotters_backend::BackendCoord,
                size: (u32, u32),
                src: &[u8],
            ) -> Result<(), ::plotters_backend::DrawingErrorKind<Self::ErrorType>> {
                let m = self.$map();
                self.inner.blit_bitmap(m(pos), size, src)
            }
        }
    };
}
pub(crate) use delegate_backend;

delegate_backend!([DB: DrawingBackend] Shifted<'_, DB> => DB, to_inner);

/// Renders `list` as a standalone SVG document of `ceil(width)` × `ceil(height)` px, with
/// plotters' SVG backend, as it would look at a device pixel ratio of 1: straight lines and
/// rectangle edges on whole CSS px, everything else placed to 1/[`SVG_RESOLUTION`] px (the
/// `viewBox` is in those units). Text is XML-escaped by the backend, and characters XML 1.0
/// forbids (most C0 controls, U+FFFE, U+FFFF) are dropped. The output is a pure function of the
/// list (no maps, fixed number formatting), so it can be snapshot-tested.
pub fn to_svg(list: &DisplayList) -> String {
    let (w, h) = (svg_dimension(list.width), svg_dimension(list.height));
    let res = SVG_RESOLUTION;
    let mut out = String::new();
    {
        let mut backend = SVGBackend::with_string(&mut out, (w * res, h * res));
        // Writing SVG into a String cannot fail and the scale is valid, so there is no error to
        // report; whatever was drawn is kept either way.
        let _ = paint_with(
            list,
            list.items.iter(),
            &mut backend,
            res as f32,
            f64::from(res),
            true,
            None,
        );
        let _ = backend.present();
    }
    // plotters sizes the document by its coordinate space; give it its size in CSS px instead,
    // keeping the finer viewBox.
    let drawn = format!("<svg width=\"{}\" height=\"{}\" ", w * res, h * res);
    if out.starts_with(&drawn) {
        out.replace_range(
            ..drawn.len(),
            &format!("<svg width=\"{w}\" height=\"{h}\" "),
        );
    }
    // XML 1.0 cannot carry most control characters, nor U+FFFE and U+FFFF, even escaped; the
    // data's strings may hold them (JSON allows "\u0000"), so drop them rather than write an SVG
    // that no XML parser reads.
    if !out.chars().all(is_xml_char) {
        out.retain(is_xml_char);
    }
    out
}

/// XML 1.0's `Char` production: what an SVG document may contain.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

fn svg_dimension(v: f32) -> u32 {
    if v.is_finite() && v > 0.0 {
        f64::from(v).ceil().min(MAX_SVG_SIZE) as u32
    } else {
        0
    }
}

/// Paints with `scale` backend units per CSS px, snapping straight edges to multiples of `grid`
/// units (one device pixel).
fn paint_with<'l, DB: DrawingBackend>(
    list: &DisplayList,
    items: impl Iterator<Item = &'l Item>,
    backend: &mut DB,
    scale: f32,
    grid: f64,
    svg: bool,
    native_dash: Option<SetDash<DB>>,
) -> Result<(), PaintError> {
    if !(scale.is_finite() && scale > 0.0) {
        return Err(PaintError::InvalidScale(scale));
    }
    backend.ensure_prepared().map_err(backend_error)?;
    let family = if list.font_family.trim().is_empty() {
        "sans-serif"
    } else {
        list.font_family.as_str()
    };
    let mut p = Painter {
        db: backend,
        s: f64::from(scale),
        grid,
        svg,
        family: FontFamily::from(family),
        native_dash,
    };
    p.background(list)?;
    for item in items {
        p.item(item)?;
    }
    Ok(())
}

struct Painter<'p, DB> {
    db: &'p mut DB,
    /// Backend units per CSS px.
    s: f64,
    /// Backend units per device pixel: straight edges and line widths snap to multiples of it.
    grid: f64,
    /// The backend is plotters' SVG backend: correct its font sizes and vertical anchors.
    svg: bool,
    family: FontFamily<'p>,
    /// The backend's own dashing, if it has one ([`LineDash::set_line_dash`]).
    native_dash: Option<SetDash<DB>>,
}

/// [`LineDash::set_line_dash`] of a backend.
type SetDash<DB> = fn(&mut DB, &[f64], (f64, f64));

/// Rounds a coordinate to the backend's integer units.
fn px(v: f64) -> i32 {
    v.round().clamp(-COORD_LIMIT, COORD_LIMIT) as i32
}

fn rgba(c: Color) -> RGBAColor {
    let a = if c.a.is_finite() {
        // Three decimals: alpha survives exactly enough and prints tidily (0.6, not 0.6000000238).
        (f64::from(c.a.clamp(0.0, 1.0)) * 1000.0).round() / 1000.0
    } else {
        1.0
    };
    RGBAColor(c.r, c.g, c.b, a)
}

fn filled(color: RGBAColor) -> ShapeStyle {
    ShapeStyle {
        color,
        filled: true,
        stroke_width: 1,
    }
}

fn outlined(color: RGBAColor, width: u32) -> ShapeStyle {
    ShapeStyle {
        color,
        filled: false,
        stroke_width: width,
    }
}

fn finite(values: &[f32]) -> bool {
    values.iter().all(|v| v.is_finite())
}

/// Segments needed for an arc of radius `r` sweeping `sweep` radians, to stray at most
/// `tolerance` (same unit as `r`) from the circle.
fn arc_segments(r: f64, sweep: f64, tolerance: f64) -> usize {
    if r <= tolerance {
        return 1;
    }
    let step = 2.0 * acos(1.0 - tolerance / r);
    ((sweep.abs() / step).ceil() as usize).clamp(1, MAX_ARC_SEGMENTS)
}

/// Points of an arc of radius `r` around `(cx, cy)`, angles in radians (clockwise on screen),
/// straying at most `tolerance` from the circle.
fn arc_points(
    (cx, cy): (f64, f64),
    r: f64,
    (start, sweep): (f64, f64),
    tolerance: f64,
    out: &mut Vec<(f64, f64)>,
) {
    let n = arc_segments(r, sweep, tolerance);
    out.extend((0..=n).map(|i| {
        let t = start + sweep * i as f64 / n as f64;
        let (sin, cos) = sin_cos(t);
        (cx + r * cos, cy + r * sin)
    }));
}

/// Rounds points to the grid, dropping consecutive duplicates (and a closing duplicate when
/// `closed`).
fn grid_points(points: &[(f64, f64)], closed: bool) -> Vec<(i32, i32)> {
    let mut out: Vec<(i32, i32)> = Vec::with_capacity(points.len());
    for &(x, y) in points {
        let p = (px(x), px(y));
        if out.last() != Some(&p) {
            out.push(p);
        }
    }
    if closed && out.len() > 1 && out.first() == out.last() {
        out.pop();
    }
    out
}

/// Cuts a polyline into dashes of length `dash` separated by gaps of length `gap`, the pattern
/// running on across vertices.
fn cut_dashes(points: &[(f64, f64)], dash: f64, gap: f64) -> Vec<Vec<(f64, f64)>> {
    const EPS: f64 = 1e-9;
    let mut pieces = Vec::new();
    let mut current = vec![points[0]];
    let mut on = true;
    let mut left = dash;
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        let len = (b.0 - a.0).hypot(b.1 - a.1);
        let mut t = 0.0;
        while len - t > EPS {
            let step = left.min(len - t);
            t += step;
            left -= step;
            let f = t / len;
            let p = (a.0 + (b.0 - a.0) * f, a.1 + (b.1 - a.1) * f);
            if on {
                current.push(p);
            }
            if left <= EPS {
                on = !on;
                if on {
                    left = dash;
                    current = vec![p];
                } else {
                    left = gap;
                    if current.len() >= 2 {
                        pieces.push(std::mem::take(&mut current));
                    }
                }
            }
        }
    }
    if on && current.len() >= 2 {
        pieces.push(current);
    }
    pieces
}

fn path_length(points: &[(f64, f64)]) -> f64 {
    points
        .windows(2)
        .map(|w| (w[1].0 - w[0].0).hypot(w[1].1 - w[0].1))
        .sum()
}

/// Replaces control characters (which XML forbids and a one-line label cannot show) by spaces.
fn printable(text: &str) -> Cow<'_, str> {
    if text.chars().any(char::is_control) {
        Cow::Owned(
            text.chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(text)
    }
}

/// The size to give plotters' SVG backend so that the `font-size` it writes (our size divided by
/// [`SVG_FONT_DIVISOR`]) is `px`, or failing that the nearest thousandth of a pixel that can be
/// written exactly: never a long tail like `12.900000000000002`.
fn svg_font_size(px: f64) -> f64 {
    let exact = |target: f64| {
        let mut v = target * SVG_FONT_DIVISOR;
        for _ in 0..8 {
            let written = v / SVG_FONT_DIVISOR;
            if written == target {
                return Some(v);
            }
            // `v` is positive, so the neighbouring representable values are one bit step away.
            v = f64::from_bits(if written < target {
                v.to_bits() + 1
            } else {
                v.to_bits() - 1
            });
        }
        None
    };
    let thousandths = (px * 1000.0).round();
    (0..=50)
        .flat_map(|k| [k, -k])
        .find_map(|k| exact((thousandths + f64::from(k)) / 1000.0))
        .unwrap_or(px * SVG_FONT_DIVISOR)
}

impl<DB: DrawingBackend> Painter<'_, DB> {
    /// CSS px to backend units.
    fn d(&self, v: f32) -> f64 {
        f64::from(v) * self.s
    }

    /// Rounds to the nearest whole device pixel, in backend units.
    fn snap(&self, v: f64) -> i32 {
        px((v / self.grid).round() * self.grid)
    }

    /// Snaps a span `a < b` to whole device pixels, keeping at least one.
    fn snap_span(&self, a: f64, b: f64) -> (i32, i32) {
        let lo = self.snap(a);
        let hi = self.snap(b).max(lo + self.grid as i32);
        (lo, hi)
    }

    /// Tessellation tolerance in backend units.
    fn tolerance(&self) -> f64 {
        ARC_TOLERANCE * self.grid
    }

    /// A stroke width in backend units: whole device pixels, at least one; `None` for no line.
    fn line_width(&self, width: f32) -> Option<u32> {
        let w = self.d(width) / self.grid;
        (w.is_finite() && w > 0.0).then(|| (w.round().clamp(1.0, 10_000.0) * self.grid) as u32)
    }

    /// The dash pattern in backend units, or `None` to draw solid.
    fn dash(&self, stroke: &Stroke, length: f64) -> Option<(f64, f64)> {
        let (dash, gap) = stroke.dash?;
        let (dash, gap) = (self.d(dash).max(self.grid), self.d(gap));
        let usable = dash.is_finite() && gap.is_finite() && gap >= MIN_GAP * self.grid;
        (usable && length / (dash + gap) <= MAX_DASHES).then_some((dash, gap))
    }

    fn fill_rect(&mut self, x0: i32, y0: i32, x1: i32, y1: i32, color: RGBAColor) -> Res {
        if x1 <= x0 || y1 <= y0 {
            return Ok(());
        }
        self.db
            .draw_rect((x0, y0), (x1, y1), &filled(color), true)
            .map_err(backend_error)
    }

    fn background(&mut self, list: &DisplayList) -> Res {
        // The whole picture, not capped at the SVG's largest size: a canvas tile at the bottom
        // of a view over a million px tall needs its background too (px() bounds it).
        let whole = |v: f32| {
            if v.is_finite() && v > 0.0 {
                f64::from(v).ceil()
            } else {
                0.0
            }
        };
        let (w, h) = (whole(list.width), whole(list.height));
        let (w, h) = ((w * self.s).ceil(), (h * self.s).ceil());
        self.fill_rect(0, 0, px(w), px(h), rgba(list.background))
    }

    fn item(&mut self, item: &Item) -> Res {
        match item {
            Item::Rect {
                rect,
                radius,
                fill,
                stroke,
                ..
            } => self.rect(rect, *radius, *fill, stroke.as_ref()),
            Item::Circle {
                cx,
                cy,
                r,
                fill,
                stroke,
                ..
            } => self.circle(*cx, *cy, *r, *fill, stroke.as_ref()),
            Item::Arc {
                cx,
                cy,
                r,
                start_deg,
                sweep_deg,
                width,
                color,
                ..
            } => self.arc((*cx, *cy), *r, (*start_deg, *sweep_deg), *width, *color),
            Item::Polyline { points, stroke } => {
                let pts: Vec<(f64, f64)> = points
                    .iter()
                    .filter(|(x, y)| x.is_finite() && y.is_finite())
                    .map(|&(x, y)| (self.d(x), self.d(y)))
                    .collect();
                self.polyline(&pts, stroke)
            }
            Item::Polygon { points, fill, .. } => {
                let pts: Vec<(f64, f64)> = points
                    .iter()
                    .filter(|(x, y)| x.is_finite() && y.is_finite())
                    .map(|&(x, y)| (self.d(x), self.d(y)))
                    .collect();
                self.polygon(&pts, *fill)
            }
            Item::Text {
                x,
                y,
                text,
                size,
                bold,
                color,
                anchor,
                baseline,
                bounds,
            } => {
                let style = TextLook {
                    size: *size,
                    bold: *bold,
                    color: *color,
                };
                self.text((*x, *y), text, style, *anchor, *baseline, bounds.h)
            }
        }
    }

    fn rect(&mut self, r: &Rect, radius: f32, fill: Option<Color>, stroke: Option<&Stroke>) -> Res {
        if !finite(&[r.x, r.y, r.w, r.h]) || r.w <= 0.0 || r.h <= 0.0 {
            return Ok(());
        }
        let (x0, x1) = self.snap_span(self.d(r.x), self.d(r.x + r.w));
        let (y0, y1) = self.snap_span(self.d(r.y), self.d(r.y + r.h));
        let radius = if radius.is_finite() {
            self.d(radius)
                .min(f64::from(x1 - x0) / 2.0)
                .min(f64::from(y1 - y0) / 2.0)
        } else {
            0.0
        };
        let (fx0, fy0, fx1, fy1) = (f64::from(x0), f64::from(y0), f64::from(x1), f64::from(y1));
        let rounded = radius >= self.grid;
        let outline: Vec<(f64, f64)> = if rounded {
            let (q, tol) = (std::f64::consts::FRAC_PI_2, self.tolerance());
            let mut o = Vec::new();
            let (l, t, r, b) = (fx0 + radius, fy0 + radius, fx1 - radius, fy1 - radius);
            arc_points((l, t), radius, (2.0 * q, q), tol, &mut o);
            arc_points((r, t), radius, (3.0 * q, q), tol, &mut o);
            arc_points((r, b), radius, (0.0, q), tol, &mut o);
            arc_points((l, b), radius, (q, q), tol, &mut o);
            o
        } else {
            vec![(fx0, fy0), (fx1, fy0), (fx1, fy1), (fx0, fy1)]
        };
        if let Some(fill) = fill {
            if rounded {
                self.fill_polygon(&outline, rgba(fill))?;
            } else {
                self.fill_rect(x0, y0, x1, y1, rgba(fill))?;
            }
        }
        let Some(stroke) = stroke else {
            return Ok(());
        };
        let Some(width) = self.line_width(stroke.width) else {
            return Ok(());
        };
        let mut closed = outline;
        closed.push(closed[0]);
        if rounded || self.dash(stroke, path_length(&closed)).is_some() {
            self.polyline(&closed, stroke)
        } else {
            self.frame(x0, y0, x1, y1, width, rgba(stroke.color))
        }
    }

    /// A square outline centred on the given edges, as four non-overlapping filled bands (so a
    /// translucent colour is not doubled at the corners).
    fn frame(&mut self, x0: i32, y0: i32, x1: i32, y1: i32, width: u32, c: RGBAColor) -> Res {
        // Whole device pixels on each side of the edge: the odd one goes inside.
        let (w, grid) = (width as i32, self.grid as i32);
        let lo = (w / grid / 2) * grid;
        let hi = w - lo;
        let (ox0, oy0, ox1, oy1) = (x0 - lo, y0 - lo, x1 + lo, y1 + lo);
        let (ix0, iy0, ix1, iy1) = (x0 + hi, y0 + hi, x1 - hi, y1 - hi);
        if ix1 <= ix0 || iy1 <= iy0 {
            return self.fill_rect(ox0, oy0, ox1, oy1, c);
        }
        self.fill_rect(ox0, oy0, ox1, iy0, c)?;
        self.fill_rect(ox0, iy1, ox1, oy1, c)?;
        self.fill_rect(ox0, iy0, ix0, iy1, c)?;
        self.fill_rect(ix1, iy0, ox1, iy1, c)
    }

    /// Strokes a polyline given in device px, cutting dashes if the stroke has them.
    fn polyline(&mut self, pts: &[(f64, f64)], stroke: &Stroke) -> Res {
        let Some(width) = self.line_width(stroke.width) else {
            return Ok(());
        };
        if pts.len() < 2 {
            return Ok(());
        }
        let color = rgba(stroke.color);
        match self.dash(stroke, path_length(pts)) {
            Some(pattern) if self.native_dash.is_some() => {
                self.dashed_path(pts, pattern, width, color)
            }
            Some((dash, gap)) => {
                for piece in cut_dashes(pts, dash, gap) {
                    self.stroke_piece(&piece, width, color)?;
                }
                Ok(())
            }
            None => self.stroke_piece(pts, width, color),
        }
    }

    /// A dashed polyline as one backend path with the backend's own dash pattern. A lone
    /// horizontal or vertical segment lies on whole pixels as its solid bands do: its centre is
    /// shifted half a pixel for an odd width, and its dashes and gaps are whole pixels.
    fn dashed_path(
        &mut self,
        pts: &[(f64, f64)],
        (dash, gap): (f64, f64),
        width: u32,
        color: RGBAColor,
    ) -> Res {
        let Some(set_dash) = self.native_dash else {
            return Ok(());
        };
        let w = f64::from(width);
        let whole = |v: f64| ((v / self.grid).round().max(1.0)) * self.grid;
        let (path, pattern, shift) = match pts {
            [a, b] if (a.1 - b.1).abs() < 1e-6 || (a.0 - b.0).abs() < 1e-6 => {
                let horizontal = (a.1 - b.1).abs() < 1e-6;
                // The band's edge on whole pixels, as `stroke_piece` puts it, and its centre.
                let across = if horizontal { a.1 } else { a.0 };
                let edge = f64::from(self.snap(across - w / 2.0));
                let centre = edge + w / 2.0;
                let rounded = centre.floor();
                let shift = centre - rounded;
                let (p, q) = if horizontal {
                    let (x0, x1) = self.snap_span(a.0.min(b.0), a.0.max(b.0));
                    let (x0, x1) = if a.0 <= b.0 { (x0, x1) } else { (x1, x0) };
                    ((x0, rounded as i32), (x1, rounded as i32))
                } else {
                    let (y0, y1) = self.snap_span(a.1.min(b.1), a.1.max(b.1));
                    let (y0, y1) = if a.1 <= b.1 { (y0, y1) } else { (y1, y0) };
                    ((rounded as i32, y0), (rounded as i32, y1))
                };
                let shift = if horizontal {
                    (0.0, shift)
                } else {
                    (shift, 0.0)
                };
                (vec![p, q], [whole(dash), whole(gap)], shift)
            }
            _ => (grid_points(pts, false), [dash, gap], (0.0, 0.0)),
        };
        if path.len() < 2 {
            return Ok(());
        }
        set_dash(self.db, &pattern, shift);
        let drawn = self
            .db
            .draw_path(path, &outlined(color, width))
            .map_err(backend_error);
        set_dash(self.db, &[], (0.0, 0.0));
        drawn
    }

    /// One solid run of a polyline. A lone horizontal or vertical segment becomes a filled band
    /// on whole pixels (crisp at any width); anything else a backend path.
    fn stroke_piece(&mut self, pts: &[(f64, f64)], width: u32, color: RGBAColor) -> Res {
        let w = f64::from(width);
        if let [a, b] = pts {
            if (a.1 - b.1).abs() < 1e-6 {
                if (a.0 - b.0).abs() < 1e-6 {
                    return Ok(());
                }
                let (x0, x1) = self.snap_span(a.0.min(b.0), a.0.max(b.0));
                let y0 = self.snap(a.1 - w / 2.0);
                return self.fill_rect(x0, y0, x1, y0 + width as i32, color);
            }
            if (a.0 - b.0).abs() < 1e-6 {
                let (y0, y1) = self.snap_span(a.1.min(b.1), a.1.max(b.1));
                let x0 = self.snap(a.0 - w / 2.0);
                return self.fill_rect(x0, y0, x0 + width as i32, y1, color);
            }
        }
        let grid = grid_points(pts, false);
        if grid.len() < 2 {
            return Ok(());
        }
        self.db
            .draw_path(grid, &outlined(color, width))
            .map_err(backend_error)
    }

    fn fill_polygon(&mut self, pts: &[(f64, f64)], color: RGBAColor) -> Res {
        let grid = grid_points(pts, true);
        if grid.len() < 3 {
            return Ok(());
        }
        self.db
            .fill_polygon(grid, &filled(color))
            .map_err(backend_error)
    }

    fn polygon(&mut self, pts: &[(f64, f64)], fill: Color) -> Res {
        self.fill_polygon(pts, rgba(fill))
    }

    fn circle(
        &mut self,
        cx: f32,
        cy: f32,
        r: f32,
        fill: Option<Color>,
        stroke: Option<&Stroke>,
    ) -> Res {
        if !finite(&[cx, cy, r]) || r <= 0.0 {
            return Ok(());
        }
        let (dcx, dcy, dr) = (self.d(cx), self.d(cy), self.d(r));
        let center = (px(dcx), px(dcy));
        let radius = dr.round().clamp(self.grid, COORD_LIMIT) as u32;
        if let Some(fill) = fill {
            self.db
                .draw_circle(center, radius, &filled(rgba(fill)), true)
                .map_err(backend_error)?;
        }
        let Some(stroke) = stroke else {
            return Ok(());
        };
        let Some(width) = self.line_width(stroke.width) else {
            return Ok(());
        };
        if stroke.dash.is_some() {
            let mut ring = Vec::new();
            let full = std::f64::consts::TAU;
            let tol = self.tolerance();
            arc_points((dcx, dcy), dr, (-full / 4.0, full), tol, &mut ring);
            return self.polyline(&ring, stroke);
        }
        self.db
            .draw_circle(center, radius, &outlined(rgba(stroke.color), width), false)
            .map_err(backend_error)
    }

    /// A thick arc as a filled band polygon with round ends: the outer edge forwards, a
    /// half-disc at the end, the inner edge back and a half-disc at the start. The half-discs lie
    /// within the sweep, so the band covers the same angles as a square-ended one.
    fn arc(
        &mut self,
        (cx, cy): (f32, f32),
        r: f32,
        (start_deg, sweep_deg): (f32, f32),
        width: f32,
        color: Color,
    ) -> Res {
        if !finite(&[cx, cy, r, start_deg, sweep_deg, width])
            || r <= 0.0
            || width <= 0.0
            || sweep_deg == 0.0
        {
            return Ok(());
        }
        let (cx, cy, r) = (self.d(cx), self.d(cy), self.d(r));
        let half = self.d(width).max(self.grid) / 2.0;
        let start = f64::from(start_deg).to_radians();
        let sweep = f64::from(sweep_deg.clamp(-360.0, 360.0)).to_radians();
        let (outer, inner) = (r + half, (r - half).max(0.0));
        let tol = self.tolerance();
        let mut band = Vec::new();
        if inner <= 0.0 {
            // A disc sector: no inner edge to round.
            arc_points((cx, cy), outer, (start, sweep), tol, &mut band);
            band.push((cx, cy));
            return self.fill_polygon(&band, rgba(color));
        }
        let dir = sweep.signum();
        let inset = (half / r).min(sweep.abs() / 2.0);
        let (a0, a1) = (start + dir * inset, start + sweep - dir * inset);
        let centre = |a: f64| {
            let (sin, cos) = sin_cos(a);
            (cx + r * cos, cy + r * sin)
        };
        arc_points((cx, cy), outer, (a0, a1 - a0), tol, &mut band);
        arc_points(centre(a1), half, (a1, dir * PI), tol, &mut band);
        let mut back = Vec::new();
        arc_points((cx, cy), inner, (a0, a1 - a0), tol, &mut back);
        band.extend(back.into_iter().rev());
        arc_points(centre(a0), half, (a0 + PI, dir * PI), tol, &mut band);
        self.fill_polygon(&band, rgba(color))
    }

    /// One line of text. `box_h` is the height of the line box layout reserved (CSS px).
    fn text(
        &mut self,
        (x, y): (f32, f32),
        text: &str,
        look: TextLook,
        anchor: Anchor,
        baseline: Baseline,
        box_h: f32,
    ) -> Res {
        let TextLook { size, bold, color } = look;
        if text.is_empty() || !finite(&[x, y, size]) || size <= 0.0 {
            return Ok(());
        }
        let em = f64::from(size);
        let line = if box_h.is_finite() && box_h > 0.0 {
            f64::from(box_h)
        } else {
            em * LINE_BOX
        };
        // The middle of the line box, in CSS px.
        let middle = f64::from(y)
            + match baseline {
                Baseline::Top => line / 2.0,
                Baseline::Middle => 0.0,
                Baseline::Bottom => -line / 2.0,
            };
        let (anchor_y, v) = if self.svg {
            (
                middle + (EM_CENTRE_TO_BASELINE - SVG_TOP_DY) * em,
                VPos::Top,
            )
        } else {
            (middle, VPos::Center)
        };
        // Two decimals: enough for any screen, and tidy in SVG.
        let px_size = (self.d(size) * 100.0).round() / 100.0;
        if px_size <= 0.0 {
            return Ok(());
        }
        let px_size = if self.svg {
            svg_font_size(px_size)
        } else {
            px_size
        };
        let h = match anchor {
            Anchor::Start => HPos::Left,
            Anchor::Middle => HPos::Center,
            Anchor::End => HPos::Right,
        };
        let weight = if bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        let color = rgba(color);
        let style = TextStyle::from(FontDesc::new(self.family, px_size, weight))
            .color(&color)
            .pos(Pos::new(h, v));
        let at = (px(self.d(x)), px(anchor_y * self.s));
        self.db
            .draw_text(&printable(text), &style, at)
            .map_err(backend_error)
    }
}

/// Size, weight and colour of a text item.
#[derive(Clone, Copy)]
struct TextLook {
    size: f32,
    bold: bool,
    color: Color,
}

type Res = Result<(), PaintError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_font_sizes_come_out_exact() {
        for hundredths in 1..=20_000 {
            let px = f64::from(hundredths) / 100.0;
            let written = svg_font_size(px) / SVG_FONT_DIVISOR;
            assert!((written - px).abs() <= 0.005 + 1e-12, "{px}: {written}");
            assert!(written.to_string().len() <= 7, "{px}: {written}");
        }
    }

    #[test]
    fn arc_segments_keep_the_tolerance_and_stay_bounded() {
        for r in [1.0, 5.0, 40.0, 80.0, 400.0, 1e6] {
            let n = arc_segments(r, std::f64::consts::TAU, ARC_TOLERANCE);
            let step = std::f64::consts::TAU / n as f64;
            let sagitta = r * (1.0 - (step / 2.0).cos());
            assert!(
                n == MAX_ARC_SEGMENTS || sagitta <= ARC_TOLERANCE + 1e-9,
                "r {r}: {n}"
            );
            assert!(n <= MAX_ARC_SEGMENTS);
        }
    }

    #[test]
    fn dashes_continue_across_vertices() {
        // An L of total length 20 with dash 6, gap 4: dashes at 0–6, 10–16 (turning the corner).
        let pieces = cut_dashes(&[(0.0, 0.0), (12.0, 0.0), (12.0, 8.0)], 6.0, 4.0);
        assert_eq!(pieces.len(), 2);
        assert_eq!(pieces[0], vec![(0.0, 0.0), (6.0, 0.0)]);
        assert_eq!(pieces[1], vec![(10.0, 0.0), (12.0, 0.0), (12.0, 4.0)]);
    }
}
