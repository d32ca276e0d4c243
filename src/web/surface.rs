//! The canvas the widget paints on: plotters-canvas's `CanvasBackend`, plus the one thing plotters'
//! `DrawingBackend` cannot say, a dash pattern ([`LineDash`]). plotters-canvas draws on the same
//! `CanvasRenderingContext2d` as this wrapper holds, and `setLineDash` (like the translation)
//! persists across its calls, so a dashed line is one plotters-canvas `draw_path` between two
//! `setLineDash` calls instead of one call per dash.

use plotters_backend::BackendCoord;
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

impl Surface {
    /// No shift: the canvas's coordinates are the painter's.
    fn to_inner(&self) -> impl Fn(BackendCoord) -> BackendCoord + Copy {
        |p| p
    }
}

crate::paint::delegate_backend!([] Surface => CanvasBackend, to_inner);
