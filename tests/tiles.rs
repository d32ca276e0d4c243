//! Painting in tiles (`paint::paint_band`), through a recording `DrawingBackend`: on every sample
//! plan's views, the tiles together make exactly the calls of one full paint, each at the same
//! place; every call that reaches into a tile's rows is made on that tile; an item crossing a
//! seam is drawn on both sides of it.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::BTreeSet;
use std::convert::Infallible;

use plan_widget::layout::{layout, DisplayList, EstimateMeasure, Filter, LayoutOptions, Scene};
use plan_widget::model::Locale;
use plan_widget::paint::{paint, paint_band};
use plan_widget::theme::Theme;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};

use common::{all_views, loaded_samples};

/// One backend call, in full-picture coordinates, with the rows it may touch.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Call {
    /// Topmost and bottommost row the call may paint (device px).
    rows: (i32, i32),
    /// The call as text: kind, coordinates, style.
    what: String,
}

/// Records every call, moving it down by `top` (the tile's first row) back into the full
/// picture's coordinates.
struct Recorder {
    size: (u32, u32),
    top: i32,
    calls: Vec<Call>,
}

type Res = Result<(), DrawingErrorKind<Infallible>>;

fn color(c: BackendColor) -> String {
    format!("{:?}/{:.3}", c.rgb, c.alpha)
}

impl Recorder {
    fn new(width: u32, rows: u32, top: u32) -> Recorder {
        Recorder {
            size: (width, rows),
            top: top as i32,
            calls: Vec::new(),
        }
    }

    fn push(&mut self, kind: &str, points: &[BackendCoord], reach: i32, style: String) {
        let points: Vec<BackendCoord> = points.iter().map(|&(x, y)| (x, y + self.top)).collect();
        let top = points.iter().map(|p| p.1).min().unwrap_or(0) - reach;
        let bottom = points.iter().map(|p| p.1).max().unwrap_or(0) + reach;
        self.calls.push(Call {
            rows: (top, bottom),
            what: format!("{kind} {points:?} {style}"),
        });
    }
}

impl DrawingBackend for Recorder {
    type ErrorType = Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Res {
        Ok(())
    }

    fn present(&mut self) -> Res {
        Ok(())
    }

    fn draw_pixel(&mut self, p: BackendCoord, c: BackendColor) -> Res {
        self.push("pixel", &[p], 0, color(c));
        Ok(())
    }

    fn draw_line<S: BackendStyle>(&mut self, a: BackendCoord, b: BackendCoord, s: &S) -> Res {
        let w = s.stroke_width() as i32;
        self.push("line", &[a, b], w, format!("{} {w}", color(s.color())));
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        s: &S,
        fill: bool,
    ) -> Res {
        let w = s.stroke_width() as i32;
        self.push(
            "rect",
            &[a, b],
            w,
            format!("{} {w} {fill}", color(s.color())),
        );
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        s: &S,
    ) -> Res {
        let pts: Vec<_> = path.into_iter().collect();
        let w = s.stroke_width() as i32;
        self.push("path", &pts, w, format!("{} {w}", color(s.color())));
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(&mut self, c: BackendCoord, r: u32, s: &S, fill: bool) -> Res {
        let w = s.stroke_width() as i32;
        let style = format!("{} {w} {fill} r{r}", color(s.color()));
        self.push("circle", &[c], r as i32 + w, style);
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        s: &S,
    ) -> Res {
        let pts: Vec<_> = vert.into_iter().collect();
        self.push("polygon", &pts, 1, color(s.color()));
        Ok(())
    }

    fn draw_text<T: BackendTextStyle>(&mut self, text: &str, s: &T, p: BackendCoord) -> Res {
        let size = s.size();
        let style = format!("{text:?} {size} {}", color(s.color()));
        // Glyphs reach about half an em either side of the middle the painter anchors them at.
        self.push("text", &[p], size.ceil() as i32, style);
        Ok(())
    }

    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        _: &str,
        _: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<Infallible>> {
        Ok((0, 0))
    }

    fn blit_bitmap(&mut self, p: BackendCoord, _: (u32, u32), _: &[u8]) -> Res {
        self.push("bitmap", &[p], 0, String::new());
        Ok(())
    }
}

fn lists() -> Vec<(String, DisplayList)> {
    let mut out = Vec::new();
    for s in loaded_samples() {
        let scene = Scene {
            plan: &s.plan,
            eval: &s.eval,
            rejected: &s.rejected,
        };
        for view in all_views(&s.plan).into_iter().take(3) {
            for width in [390.0, 1280.0] {
                let opts = LayoutOptions {
                    width,
                    view: view.clone(),
                    theme: Theme::default(),
                    locale: Locale::ZhCn,
                    focus: None,
                    filter: Filter::default(),
                };
                let list = layout(&scene, &opts, &EstimateMeasure);
                out.push((format!("{} {view:?} {width}", s.name), list));
            }
        }
    }
    out
}

/// Device rows of a list at a scale.
fn rows(list: &DisplayList, scale: f32) -> u32 {
    (list.height * scale).round().max(1.0) as u32
}

#[test]
fn tiles_together_make_exactly_the_calls_of_one_full_paint() {
    let mut seam_crossers = 0;
    for (what, list) in lists() {
        for (scale, tile) in [(1.0, 700), (2.0, 1024), (3.0, 1792)] {
            let (width, height) = ((list.width * scale).round() as u32, rows(&list, scale));
            let mut full = Recorder::new(width, height, 0);
            paint(&list, &mut full, scale).unwrap();
            let full: BTreeSet<Call> = full.calls.into_iter().collect();
            let mut union = BTreeSet::new();
            let mut tiles = Vec::new();
            for top in (0..height).step_by(tile as usize) {
                let n = tile.min(height - top);
                let mut r = Recorder::new(width, n, top);
                paint_band(&list, &mut r, scale, top, n).unwrap();
                let calls: BTreeSet<Call> = r.calls.into_iter().collect();
                // Each tile's calls are the full paint's, where the full paint made them.
                for c in &calls {
                    assert!(full.contains(c), "{what} @{scale} tile {top}: extra {c:?}");
                }
                // Every call of the full paint that reaches into the tile's rows is made on it.
                let (lo, hi) = (top as i32, (top + n) as i32);
                for c in full.iter().filter(|c| c.rows.1 >= lo && c.rows.0 < hi) {
                    assert!(
                        calls.contains(c),
                        "{what} @{scale} tile {top}: missing {c:?}"
                    );
                }
                union.extend(calls.iter().cloned());
                tiles.push((lo, hi, calls));
            }
            assert_eq!(union, full, "{what} @{scale}: the tiles miss some calls");
            // A call crossing a seam is made on both tiles.
            for pair in tiles.windows(2) {
                let seam = pair[0].1;
                for c in pair[0]
                    .2
                    .iter()
                    .filter(|c| c.rows.0 < seam && c.rows.1 > seam)
                {
                    assert!(pair[1].2.contains(c), "{what} @{scale} seam {seam}: {c:?}");
                    seam_crossers += 1;
                }
            }
        }
    }
    assert!(
        seam_crossers > 100,
        "only {seam_crossers} calls cross a seam"
    );
}

#[test]
fn a_tile_walks_only_its_own_items() {
    let (what, list) = lists()
        .into_iter()
        .filter(|(w, _)| w.contains("Dashboard") && w.ends_with(" 390"))
        .max_by(|a, b| a.1.height.total_cmp(&b.1.height))
        .unwrap();
    let scale = 3.0;
    let mut r = Recorder::new(1170, 1792, 0);
    paint_band(&list, &mut r, scale, 1792 * 4, 1792).unwrap();
    let picked = list.items_in(1792.0 * 4.0 / 3.0, 1792.0 * 5.0 / 3.0).len();
    assert!(picked > 0, "{what}: nothing in the tile");
    assert!(
        picked * 10 < list.items.len(),
        "{what}: a tile of a {}-px picture walks {picked} of {} items",
        list.height,
        list.items.len()
    );
    // The background and at most a few calls per item.
    assert!(r.calls.len() <= 1 + picked * 8, "{} calls", r.calls.len());
}

#[test]
fn a_bad_scale_is_refused() {
    let (_, list) = lists().remove(0);
    let mut r = Recorder::new(10, 10, 0);
    assert!(paint_band(&list, &mut r, 0.0, 0, 10).is_err());
    assert!(paint_band(&list, &mut r, f32::NAN, 0, 10).is_err());
}

#[test]
fn the_bottom_tile_of_a_view_over_a_million_px_tall_has_its_background() {
    // A 5,000-indicator dashboard is about 1,043,727 CSS px tall; the background once stopped
    // at the SVG's largest size (1,000,000 px), leaving the last tiles transparent.
    let theme = Theme::default();
    let list = DisplayList::new(390.0, 1_043_727.0, theme.background, "sans-serif");
    let (scale, rows) = (3.0, 513);
    let top = 1_043_727 * 3 - rows;
    let mut r = Recorder::new(1170, rows, top);
    paint_band(&list, &mut r, scale, top, rows).unwrap();
    let background = r.calls.first().expect("a background call");
    assert!(background.what.starts_with("rect"), "{background:?}");
    assert!(
        background.rows.0 <= top as i32 && background.rows.1 >= (top + rows) as i32,
        "the background covers rows {:?}, the tile {top}..{}",
        background.rows,
        top + rows
    );
}
