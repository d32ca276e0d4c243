//! The display list: a finished, positioned picture in CSS pixels. Layout produces it; painters
//! only walk it. Nothing here knows about canvases, SVG or the DOM.

use serde::Serialize;

use super::bands::BandIndex;
use crate::status::Status;
use crate::theme::Color;

/// A line style.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Stroke {
    /// Colour.
    pub color: Color,
    /// Width in CSS px.
    pub width: f32,
    /// Dash and gap lengths in CSS px; `None` for a solid line.
    pub dash: Option<(f32, f32)>,
}

impl Stroke {
    /// A solid line.
    pub fn solid(color: Color, width: f32) -> Stroke {
        Stroke {
            color,
            width,
            dash: None,
        }
    }

    /// A dashed line.
    pub fn dashed(color: Color, width: f32, dash: f32, gap: f32) -> Stroke {
        Stroke {
            color,
            width,
            dash: Some((dash, gap)),
        }
    }
}

/// Horizontal text alignment relative to the text's `x`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Anchor {
    /// `x` is the left edge.
    Start,
    /// `x` is the centre.
    Middle,
    /// `x` is the right edge.
    End,
}

/// Vertical text alignment relative to the text's `y`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Baseline {
    /// `y` is the top of the line box.
    Top,
    /// `y` is the middle.
    Middle,
    /// `y` is the bottom of the line box.
    Bottom,
}

/// An axis-aligned rectangle in CSS px.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Rect {
    /// Left.
    pub x: f32,
    /// Top.
    pub y: f32,
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
}

impl Rect {
    /// A rectangle.
    pub const fn new(x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect { x, y, w, h }
    }

    /// Right edge.
    pub fn right(&self) -> f32 {
        self.x + self.w
    }

    /// Bottom edge.
    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }

    /// Centre point.
    pub fn center(&self) -> (f32, f32) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    /// True when the rectangles share interior area (touching edges do not count).
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.right() - 0.01
            && o.x < self.right() - 0.01
            && self.y < o.bottom() - 0.01
            && o.y < self.bottom() - 0.01
    }

    /// True when `o` lies inside `self` (with a hair of tolerance).
    pub fn contains(&self, o: &Rect) -> bool {
        o.x >= self.x - 0.01
            && o.y >= self.y - 0.01
            && o.right() <= self.right() + 0.01
            && o.bottom() <= self.bottom() + 0.01
    }

    /// True when the point lies inside.
    pub fn contains_point(&self, x: f32, y: f32) -> bool {
        x >= self.x && x < self.right() && y >= self.y && y < self.bottom()
    }

    /// Shrinks by `d` on every side.
    pub fn inset(&self, d: f32) -> Rect {
        Rect::new(
            self.x + d,
            self.y + d,
            (self.w - 2.0 * d).max(0.0),
            (self.h - 2.0 * d).max(0.0),
        )
    }
}

/// One thing to draw. Coordinates are CSS px from the top-left of the widget.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Item {
    /// A rectangle, filled and/or outlined.
    Rect {
        /// Where.
        rect: Rect,
        /// Corner radius (painters may draw square corners).
        radius: f32,
        /// Fill colour.
        fill: Option<Color>,
        /// Outline.
        stroke: Option<Stroke>,
        /// The status this shape shows in colour, if any (for tests and audits).
        status: Option<Status>,
    },
    /// A circle.
    Circle {
        /// Centre x.
        cx: f32,
        /// Centre y.
        cy: f32,
        /// Radius.
        r: f32,
        /// Fill colour.
        fill: Option<Color>,
        /// Outline.
        stroke: Option<Stroke>,
        /// The status this shape shows in colour, if any.
        status: Option<Status>,
    },
    /// A thick circular arc (a gauge track or value) with round ends, the ends' half-discs lying
    /// within its angles. Angles in degrees, 0 = east (3 o'clock), growing clockwise on screen
    /// (y points down).
    Arc {
        /// Centre x.
        cx: f32,
        /// Centre y.
        cy: f32,
        /// Radius of the arc's centre line.
        r: f32,
        /// Start angle.
        start_deg: f32,
        /// Sweep, positive clockwise.
        sweep_deg: f32,
        /// Thickness.
        width: f32,
        /// Colour.
        color: Color,
        /// The status this shape shows in colour, if any.
        status: Option<Status>,
    },
    /// An open polyline.
    Polyline {
        /// Points.
        points: Vec<(f32, f32)>,
        /// Line style.
        stroke: Stroke,
    },
    /// A filled polygon (icons, markers, areas).
    Polygon {
        /// Vertices.
        points: Vec<(f32, f32)>,
        /// Fill colour.
        fill: Color,
        /// The status this shape shows in colour, if any.
        status: Option<Status>,
    },
    /// One line of text (layout has already wrapped or ellipsized it).
    Text {
        /// Anchor point x.
        x: f32,
        /// Anchor point y.
        y: f32,
        /// The text, plain (never markup).
        text: String,
        /// Font size in CSS px.
        size: f32,
        /// Bold weight.
        bold: bool,
        /// Colour.
        color: Color,
        /// Horizontal alignment.
        anchor: Anchor,
        /// Vertical alignment.
        baseline: Baseline,
        /// The box layout reserved for it (used by overlap and bounds checks).
        bounds: Rect,
    },
}

/// What a hit region leads to when pointed at, tapped or focused.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", content = "value", rename_all = "camelCase")]
pub enum HitTarget {
    /// An indicator card or chart, by id.
    Indicator(String),
    /// A status segment of the summary bar (acts as a filter).
    Status(Status),
    /// A section heading or roll-up bar, by id.
    Section(String),
    /// A responsible unit's roll-up bar, by name.
    Unit(String),
}

impl HitTarget {
    /// The string that names this target in [`crate::layout::LayoutOptions::focus`]: an
    /// indicator's id, or `status:onTrack`, `section:ID`, `unit:NAME` (ids never contain `:`).
    pub fn key(&self) -> String {
        match self {
            HitTarget::Indicator(id) => id.clone(),
            HitTarget::Status(s) => format!("status:{}", s.as_str()),
            HitTarget::Section(id) => format!("section:{id}"),
            HitTarget::Unit(u) => format!("unit:{u}"),
        }
    }

    /// Parses [`HitTarget::key`]'s form back (`None` for an unknown status).
    pub fn from_key(key: &str) -> Option<HitTarget> {
        Some(match key.split_once(':') {
            Some(("status", s)) => HitTarget::Status(Status::parse(s)?),
            Some(("section", id)) => HitTarget::Section(id.to_string()),
            Some(("unit", u)) => HitTarget::Unit(u.to_string()),
            Some(_) => return None,
            None => HitTarget::Indicator(key.to_string()),
        })
    }
}

/// A region that reacts to pointer, touch and keyboard focus, in reading order.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hit {
    /// Where.
    pub rect: Rect,
    /// What it leads to.
    pub target: HitTarget,
}

/// A finished picture.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DisplayList {
    /// Width in CSS px.
    pub width: f32,
    /// Height in CSS px (layout decides it: height follows content).
    pub height: f32,
    /// Background colour.
    pub background: Color,
    /// Font family for all text (a CSS font-family list).
    pub font_family: String,
    /// Items in paint order.
    pub items: Vec<Item>,
    /// Interactive regions in reading order.
    pub hits: Vec<Hit>,
    /// The items by vertical band ([`DisplayList::index_bands`]), for painting one tile.
    #[serde(skip)]
    pub bands: BandIndex,
}

impl DisplayList {
    /// An empty list of the given size.
    pub fn new(width: f32, height: f32, background: Color, font_family: &str) -> DisplayList {
        DisplayList {
            width,
            height,
            background,
            font_family: font_family.to_string(),
            items: Vec::new(),
            hits: Vec::new(),
            bands: BandIndex::default(),
        }
    }

    /// The text items, as `(bounds, text)`.
    pub fn texts(&self) -> impl Iterator<Item = (&Rect, &str)> {
        self.items.iter().filter_map(|i| match i {
            Item::Text { bounds, text, .. } => Some((bounds, text.as_str())),
            _ => None,
        })
    }

    /// The hit region at a point, topmost (last) first.
    pub fn hit_at(&self, x: f32, y: f32) -> Option<&Hit> {
        self.hits.iter().rev().find(|h| h.rect.contains_point(x, y))
    }
}

/// Measures text width. The browser uses `measureText`; natively a deterministic estimate.
pub trait TextMeasure {
    /// Width in CSS px of `text` at `size` px.
    fn width(&self, text: &str, size: f32, bold: bool) -> f32;
}

/// A deterministic estimate: CJK and full-width characters one em, digits and Latin letters
/// about half an em, so native layout (SVG, tests) is stable on every machine.
#[derive(Clone, Copy, Debug, Default)]
pub struct EstimateMeasure;

/// The estimate's width of one character, in ems.
pub fn char_em(c: char) -> f32 {
    match c {
        ' ' => 0.28,
        '.' | ',' | ':' | ';' | '!' | '|' | 'i' | 'l' | 'j' | '\'' => 0.3,
        '(' | ')' | '[' | ']' | '-' | 'f' | 't' | 'r' | '/' => 0.38,
        '0'..='9' => 0.56,
        'm' | 'w' | 'M' | 'W' | '%' | '@' => 0.86,
        'A'..='Z' => 0.66,
        c if c.is_ascii() => 0.54,
        // General punctuation (dashes, quotes, ellipsis) and Latin-1: narrow-ish.
        '\u{0080}'..='\u{02FF}' | '\u{2000}'..='\u{206F}' => 0.6,
        // CJK, full-width forms, symbols: one em.
        _ => 1.0,
    }
}

impl TextMeasure for EstimateMeasure {
    fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let em: f32 = text.chars().map(char_em).sum();
        em * size * if bold { 1.05 } else { 1.0 }
    }
}
