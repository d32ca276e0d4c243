//! [`paint_band_dashed`]: on a backend that dashes natively ([`LineDash`], the browser's canvas),
//! a dashed line is one path between two dash-pattern calls, on the same pixels as the cut dashes
//! that [`paint_band`] draws elsewhere, in whichever tile it falls.
#![cfg(not(target_arch = "wasm32"))]

use plan_widget::layout::{Color, DisplayList, Item, Stroke};
use plan_widget::paint::{paint_band, paint_band_dashed, LineDash};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, DrawingBackend, DrawingErrorKind,
};

/// One recorded call.
#[derive(Clone, Debug, PartialEq)]
enum Call {
    Dash(Vec<f64>, (f64, f64)),
    Path(Vec<(i32, i32)>, u32),
    Rect((i32, i32), (i32, i32)),
}

#[derive(Default)]
struct Recorder {
    calls: Vec<Call>,
}

#[derive(Debug)]
struct Never;

impl std::fmt::Display for Never {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("never")
    }
}

impl std::error::Error for Never {}

type Drawn = Result<(), DrawingErrorKind<Never>>;

impl DrawingBackend for Recorder {
    type ErrorType = Never;

    fn get_size(&self) -> (u32, u32) {
        (300, 200)
    }

    fn ensure_prepared(&mut self) -> Drawn {
        Ok(())
    }

    fn present(&mut self) -> Drawn {
        Ok(())
    }

    fn draw_pixel(&mut self, _: BackendCoord, _: BackendColor) -> Drawn {
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        _: &S,
        _: bool,
    ) -> Drawn {
        self.calls.push(Call::Rect(a, b));
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Drawn {
        self.calls
            .push(Call::Path(path.into_iter().collect(), style.stroke_width()));
        Ok(())
    }
}

impl LineDash for Recorder {
    fn set_line_dash(&mut self, pattern: &[f64], shift: (f64, f64)) {
        self.calls.push(Call::Dash(pattern.to_vec(), shift));
    }
}

const INK: Color = Color::rgb(0x1f, 0x29, 0x37);

fn dashed(points: &[(f32, f32)], width: f32, dash: (f32, f32)) -> DisplayList {
    let mut l = DisplayList::new(300.0, 200.0, Color::rgb(255, 255, 255), "sans-serif");
    l.items = vec![Item::Polyline {
        points: points.to_vec(),
        stroke: Stroke {
            color: INK,
            width,
            dash: Some(dash),
        },
    }];
    l
}

/// The calls after the background rectangle, painting the whole list as one tile.
fn record(list: &DisplayList, scale: f32, native: bool) -> Vec<Call> {
    record_band(list, scale, native, 0)
}

/// The calls after the background rectangle for the tile from device row `top` down.
fn record_band(list: &DisplayList, scale: f32, native: bool, top: u32) -> Vec<Call> {
    let mut r = Recorder::default();
    let rows = 1000;
    if native {
        paint_band_dashed(list, &mut r, scale, top, rows).unwrap();
    } else {
        paint_band(list, &mut r, scale, top, rows).unwrap();
    }
    r.calls.split_off(1)
}

#[test]
fn a_diagonal_dashed_line_is_one_path_with_its_pattern() {
    let list = dashed(
        &[(10.0, 10.0), (110.0, 60.0), (200.0, 20.0)],
        1.5,
        (4.0, 3.0),
    );
    let cut = record(&list, 2.0, false);
    assert!(cut.len() > 20, "{cut:?}");
    assert_eq!(
        record(&list, 2.0, true),
        vec![
            Call::Dash(vec![8.0, 6.0], (0.0, 0.0)),
            Call::Path(vec![(20, 20), (220, 120), (400, 40)], 3),
            Call::Dash(vec![], (0.0, 0.0)),
        ]
    );
}

#[test]
fn straight_dashed_lines_stay_on_the_pixels_of_their_cut_bands() {
    // 1 CSS px at DPR 3: a band of three device rows, 29–31 for y = 10, so its centre is 30.5.
    let list = dashed(&[(10.0, 10.0), (100.0, 10.0)], 1.0, (4.2, 2.9));
    let cut = record(&list, 3.0, false);
    assert!(cut
        .iter()
        .all(|c| matches!(c, Call::Rect((_, 29), (_, 32)))));
    assert_eq!(
        record(&list, 3.0, true),
        vec![
            // Whole-pixel dash and gap (12.6 → 13, 8.7 → 9), the centre shifted half a pixel.
            Call::Dash(vec![13.0, 9.0], (0.0, 0.5)),
            Call::Path(vec![(30, 30), (300, 30)], 3),
            Call::Dash(vec![], (0.0, 0.0)),
        ]
    );
    // Vertical, drawn upwards, two device px wide: no shift, the pattern starts at the first point.
    let list = dashed(&[(20.0, 90.0), (20.0, 10.0)], 1.0, (4.0, 4.0));
    assert_eq!(
        record(&list, 2.0, true),
        vec![
            Call::Dash(vec![8.0, 8.0], (0.0, 0.0)),
            Call::Path(vec![(40, 180), (40, 20)], 2),
            Call::Dash(vec![], (0.0, 0.0)),
        ]
    );
}

#[test]
fn a_lower_tile_gets_the_same_dashes_moved_up() {
    let list = dashed(&[(10.0, 110.0), (100.0, 110.0)], 1.0, (4.0, 3.0));
    assert_eq!(
        record_band(&list, 3.0, true, 300),
        vec![
            Call::Dash(vec![12.0, 9.0], (0.0, 0.5)),
            Call::Path(vec![(30, 30), (300, 30)], 3),
            Call::Dash(vec![], (0.0, 0.0)),
        ]
    );
}

#[test]
fn solid_lines_never_touch_the_dash_pattern() {
    let mut list = dashed(&[(10.0, 10.0), (110.0, 60.0)], 1.0, (4.0, 3.0));
    if let Item::Polyline { stroke, .. } = &mut list.items[0] {
        stroke.dash = None;
    }
    let calls = record(&list, 1.0, true);
    assert_eq!(calls, vec![Call::Path(vec![(10, 10), (110, 60)], 1)]);
}
