//! The canvas the widget paints on: plotters-canvas's `CanvasBackend`, plus the one thing plotters'
//! `DrawingBackend` cannot say, a dash pattern ([`LineDash`]). plotters-canvas draws on the same
//! `CanvasRenderingContext2d` as this wrapper holds, and `setLineDash` (like the translation)
//! persists across its calls, so a dashed line is one plotters-canvas `draw_path` between two
//! `setLineDash` calls instead of one call per dash.

use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsValue;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::paint::LineDash;

/// plotters-canvas's backend with native dashing.
pub(super) struct Surface {
    inner: CanvasBackend,
    ctx: CanvasRenderingContext2d,
    /// The pattern last set (empty: solid), so that solid lines cost no call.
    dashed: bool,
}

impl Surface {
    /// The backend for `canvas`; `None` without a 2D context.
    pub(super) fn new(canvas: &HtmlCanvasElement) -> Option<Self> {
        Some(Surface {
            inner: CanvasBackend::with_canvas_object(canvas.clone())?,
            ctx: super::context(canvas)?,
            dashed: false,
        })
    }
}

impl LineDash for Surface {
    fn set_line_dash(&mut self, pattern: &[f64], (dx, dy): (f64, f64)) {
        if pattern.is_empty() && !self.dashed {
            return;
        }
        let lengths: js_sys::Array = pattern.iter().map(|&v| JsValue::from_f64(v)).collect();
        // A pattern of finite positive numbers is always accepted.
        let _ = self.ctx.set_line_dash(&lengths);
        let _ = self.ctx.set_transform(1.0, 0.0, 0.0, 1.0, dx, dy);
        self.dashed = !pattern.is_empty();
    }
}

/// plotters-canvas's error type (not exported by name).
type CanvasError = <CanvasBackend as DrawingBackend>::ErrorType;
type Drawn = Result<(), DrawingErrorKind<CanvasError>>;

impl DrawingBackend for Surface {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Drawn {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Drawn {
        self.inner.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Drawn {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Drawn {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Drawn {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Drawn {
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Drawn {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Drawn {
        self.inner.fill_polygon(vert, style)
    }

    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> Drawn {
        self.inner.draw_text(text, style, pos)
    }
}
