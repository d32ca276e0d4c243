//! Sine, cosine and arc cosine for layout and painting. In the browser they are JavaScript's
//! `Math` functions: gauges and arcs are the module's only trigonometry, and libm's versions
//! (argument reduction included) are about 12 KB of code (docs/benchmarks.md). Natively they
//! are the standard library's. Results feed positions that are rounded to device pixels.

/// `(sin t, cos t)`.
#[cfg(target_arch = "wasm32")]
pub(crate) fn sin_cos(t: f64) -> (f64, f64) {
    (js_sys::Math::sin(t), js_sys::Math::cos(t))
}

/// `(sin t, cos t)`.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn sin_cos(t: f64) -> (f64, f64) {
    t.sin_cos()
}

/// `(sin t, cos t)` in `f32`: in the browser computed in `f64` and rounded.
#[cfg(target_arch = "wasm32")]
pub(crate) fn sin_cos_f32(t: f32) -> (f32, f32) {
    let (s, c) = sin_cos(f64::from(t));
    (s as f32, c as f32)
}

/// `(sin t, cos t)` in `f32`.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn sin_cos_f32(t: f32) -> (f32, f32) {
    t.sin_cos()
}

/// `acos x`.
#[cfg(target_arch = "wasm32")]
pub(crate) fn acos(x: f64) -> f64 {
    js_sys::Math::acos(x)
}

/// `acos x`.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn acos(x: f64) -> f64 {
    x.acos()
}
