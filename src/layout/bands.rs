//! The display list's spatial index: items by horizontal band, so that painting one tile of a
//! tall picture (the browser paints a long dashboard on stacked canvases) walks only the items
//! that reach into that tile, not the whole list.

use super::list::{DisplayList, Item};

/// Height in CSS px of one band of a [`BandIndex`].
pub const BAND_HEIGHT: f32 = 256.0;

/// How far, in CSS px, an item's paint may reach beyond its geometry: antialiasing, edges and
/// line widths snapped to whole device pixels (a hairline is at least one device pixel, at most
/// 2 CSS px at the smallest scale painting accepts), glyph overhang.
pub const INK_MARGIN: f32 = 3.0;

/// Most bands an index holds; a taller list shares the last one.
const MAX_BANDS: usize = 1 << 20;

/// Items by vertical band: for each band of [`BAND_HEIGHT`] CSS px, the indices (in paint
/// order) of the items whose ink ([`Item::y_extent`]) reaches into it. Built by
/// [`DisplayList::index_bands`]; [`DisplayList::items_in`] answers from it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BandIndex {
    /// The vertical extent of each item, `None` for one that draws nothing.
    extents: Vec<Option<(f32, f32)>>,
    /// Item indices per band, ascending.
    bands: Vec<Vec<u32>>,
}

impl BandIndex {
    /// Indexes `items` for a picture `height` CSS px tall.
    pub fn build(items: &[Item], height: f32) -> BandIndex {
        let count = if height.is_finite() && height > 0.0 {
            ((height / BAND_HEIGHT).ceil() as usize).clamp(1, MAX_BANDS)
        } else {
            1
        };
        let mut bands = vec![Vec::new(); count];
        let extents: Vec<Option<(f32, f32)>> = items.iter().map(Item::y_extent).collect();
        for (i, extent) in extents.iter().enumerate() {
            if let Some((top, bottom)) = *extent {
                let (first, last) = (band_of(top, count), band_of(bottom, count));
                for band in &mut bands[first..=last] {
                    band.push(i as u32);
                }
            }
        }
        BandIndex { extents, bands }
    }

    /// How many items the index covers.
    pub fn len(&self) -> usize {
        self.extents.len()
    }

    /// True when it covers no item.
    pub fn is_empty(&self) -> bool {
        self.extents.is_empty()
    }

    /// The indices, in paint order, of the items whose ink reaches into the rows `top..bottom`
    /// (CSS px).
    pub fn items_in(&self, top: f32, bottom: f32) -> Vec<usize> {
        if self.bands.is_empty() || top.is_nan() || bottom.is_nan() || bottom <= top {
            return Vec::new();
        }
        let count = self.bands.len();
        let (first, last) = (band_of(top, count), band_of(bottom, count));
        let mut out: Vec<usize> = self.bands[first..=last]
            .iter()
            .flatten()
            .map(|&i| i as usize)
            .filter(|&i| matches!(self.extents[i], Some((t, b)) if t < bottom && b > top))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The band holding row `y`, clamped to the index.
fn band_of(y: f32, count: usize) -> usize {
    let band = (y / BAND_HEIGHT).floor();
    if band.is_nan() || band < 0.0 {
        0
    } else {
        (band as usize).min(count - 1)
    }
}

impl Item {
    /// The rows, in CSS px, that painting this item may touch (its geometry, half its line
    /// width and [`INK_MARGIN`] either side), or `None` for an item the painter skips (no
    /// finite coordinates).
    pub fn y_extent(&self) -> Option<(f32, f32)> {
        let half = |w: f32| if w.is_finite() { w.max(0.0) / 2.0 } else { 0.0 };
        let (top, bottom) = match self {
            Item::Rect { rect, stroke, .. } => {
                let s = stroke.as_ref().map_or(0.0, |s| half(s.width));
                (rect.y - s, rect.y + rect.h.max(0.0) + s)
            }
            Item::Circle { cy, r, stroke, .. } => {
                let reach = r.max(0.0) + stroke.as_ref().map_or(0.0, |s| half(s.width));
                (cy - reach, cy + reach)
            }
            Item::Arc { cy, r, width, .. } => {
                let reach = r.max(0.0) + half(*width);
                (cy - reach, cy + reach)
            }
            Item::Polyline { points, stroke } => {
                let (t, b) = rows(points)?;
                (t - half(stroke.width), b + half(stroke.width))
            }
            Item::Polygon { points, .. } => rows(points)?,
            Item::Text {
                y, size, bounds, ..
            } => {
                // The painter centres the glyphs in a line box reaching at most one box height
                // from `y` (whatever the baseline); glyphs may overhang their em box a little.
                let line = if bounds.h.is_finite() && bounds.h > 0.0 {
                    bounds.h
                } else {
                    size * 1.25
                };
                let reach = line + size.max(0.0);
                (y - reach, y + reach)
            }
        };
        (top.is_finite() && bottom.is_finite()).then_some((top - INK_MARGIN, bottom + INK_MARGIN))
    }
}

/// The smallest and largest finite `y` of some points.
fn rows(points: &[(f32, f32)]) -> Option<(f32, f32)> {
    points
        .iter()
        .filter(|(x, y)| x.is_finite() && y.is_finite())
        .fold(None, |acc, &(_, y)| match acc {
            None => Some((y, y)),
            Some((t, b)) => Some((t.min(y), b.max(y))),
        })
}

impl DisplayList {
    /// Builds the list's [`BandIndex`] (layout does this once it has placed every item; call it
    /// again after changing `items`).
    pub fn index_bands(&mut self) {
        self.bands = BandIndex::build(&self.items, self.height);
    }

    /// The indices, in paint order, of the items whose ink reaches into the rows `top..bottom`
    /// (CSS px), from the band index, or from a fresh one when `items` changed since it was
    /// built.
    pub fn items_in(&self, top: f32, bottom: f32) -> Vec<usize> {
        if self.bands.len() == self.items.len() {
            self.bands.items_in(top, bottom)
        } else {
            BandIndex::build(&self.items, self.height).items_in(top, bottom)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::list::{Rect, Stroke};
    use crate::theme::Color;

    fn rect(y: f32, h: f32) -> Item {
        Item::Rect {
            rect: Rect::new(0.0, y, 10.0, h),
            radius: 0.0,
            fill: Some(Color::rgb(1, 2, 3)),
            stroke: Some(Stroke::solid(Color::rgb(0, 0, 0), 2.0)),
            status: None,
        }
    }

    #[test]
    fn a_query_finds_exactly_the_items_reaching_into_its_rows() {
        let mut list = DisplayList::new(100.0, 2000.0, Color::rgb(255, 255, 255), "x");
        list.items = vec![
            rect(0.0, 20.0),
            rect(250.0, 20.0),
            rect(600.0, 900.0),
            rect(1990.0, 10.0),
        ];
        list.index_bands();
        assert_eq!(list.items_in(0.0, 100.0), vec![0]);
        // The second rect crosses the first band's seam; it is found from either side.
        assert_eq!(list.items_in(200.0, 256.0), vec![1]);
        assert_eq!(list.items_in(256.0, 300.0), vec![1]);
        assert_eq!(list.items_in(1000.0, 1010.0), vec![2]);
        assert_eq!(list.items_in(0.0, 2000.0), vec![0, 1, 2, 3]);
        assert_eq!(list.items_in(300.0, 500.0), Vec::<usize>::new());
        // Half the 2 px outline and the ink margin count.
        assert_eq!(list.items_in(20.0 + 1.0 + INK_MARGIN - 0.5, 30.0), vec![0]);
        // A list changed after indexing is answered from a fresh index.
        list.items.push(rect(400.0, 10.0));
        assert_eq!(list.items_in(300.0, 500.0), vec![4]);
    }

    #[test]
    fn items_without_finite_coordinates_are_in_no_band_and_odd_queries_are_empty() {
        let mut list = DisplayList::new(100.0, 500.0, Color::rgb(255, 255, 255), "x");
        list.items = vec![rect(f32::NAN, 20.0), rect(-50.0, 20.0), rect(1e30, 1.0)];
        list.index_bands();
        assert_eq!(list.items_in(-100.0, 1e31), vec![1, 2]);
        assert!(list.items_in(f32::NAN, 10.0).is_empty());
        assert!(list.items_in(10.0, 10.0).is_empty());
    }
}
