//! Linear scales and "nice" tick values (1, 2 or 5 × 10ⁿ).

/// Maps a value range onto a pixel range (either may be reversed).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    /// Domain start.
    pub v0: f64,
    /// Domain end.
    pub v1: f64,
    /// Pixel at `v0`.
    pub p0: f32,
    /// Pixel at `v1`.
    pub p1: f32,
}

impl Scale {
    /// A scale; a zero-width domain is widened so that mapping never divides by zero.
    pub fn new(v0: f64, v1: f64, p0: f32, p1: f32) -> Scale {
        let (v0, v1) = if (v1 - v0).abs() < 1e-12 || !(v1 - v0).is_finite() {
            (v0 - 1.0, v0 + 1.0)
        } else {
            (v0, v1)
        };
        Scale { v0, v1, p0, p1 }
    }

    /// The pixel for a value, clamped to the pixel range.
    pub fn px(&self, v: f64) -> f32 {
        let t = ((v - self.v0) / (self.v1 - self.v0)).clamp(0.0, 1.0);
        let t = if t.is_finite() { t as f32 } else { 0.0 };
        self.p0 + (self.p1 - self.p0) * t
    }

    /// The fraction of the domain a value lies at, clamped to 0–1.
    pub fn frac(&self, v: f64) -> f32 {
        let t = ((v - self.v0) / (self.v1 - self.v0)).clamp(0.0, 1.0);
        if t.is_finite() {
            t as f32
        } else {
            0.0
        }
    }
}

/// The nice step (1, 2 or 5 × 10ⁿ) nearest above `raw`.
pub fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    let f = raw / mag;
    let nice = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * mag
}

/// Nice ticks covering `[lo, hi]` with at most about `max_ticks` ticks: returns the ticks (the
/// first ≤ lo, the last ≥ hi).
pub fn nice_ticks(lo: f64, hi: f64, max_ticks: usize) -> Vec<f64> {
    let (lo, hi) = if lo.is_finite() && hi.is_finite() {
        (lo.min(hi), lo.max(hi))
    } else {
        (0.0, 1.0)
    };
    let (lo, hi) = if hi - lo < 1e-9 {
        let d = if lo.abs() > 1e-9 { lo.abs() * 0.1 } else { 1.0 };
        (lo - d, hi + d)
    } else {
        (lo, hi)
    };
    let n = max_ticks.max(2) as f64;
    let step = nice_step((hi - lo) / (n - 1.0));
    let start = (lo / step).floor() * step;
    let end = (hi / step).ceil() * step;
    let count = (((end - start) / step).round() as usize).min(50);
    (0..=count)
        .map(|i| {
            let v = start + step * i as f64;
            // Snap away float noise like 0.30000000000000004.
            (v / step).round() * step
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_1_2_5() {
        assert_eq!(nice_step(0.7), 1.0);
        assert_eq!(nice_step(1.5), 2.0);
        assert_eq!(nice_step(3.0), 5.0);
        assert_eq!(nice_step(7.0), 10.0);
        assert_eq!(nice_step(230.0), 500.0);
    }

    #[test]
    fn ticks_cover_the_range() {
        let t = nice_ticks(62.0, 70.3, 5);
        assert!(t[0] <= 62.0 && *t.last().unwrap() >= 70.3, "{t:?}");
        assert!(t.len() <= 7, "{t:?}");
        let t = nice_ticks(5.0, 5.0, 5);
        assert!(t.len() >= 2);
        let t = nice_ticks(f64::NAN, 1.0, 5);
        assert!(!t.is_empty());
        assert_eq!(Scale::new(1.0, 1.0, 0.0, 10.0).px(1.0), 5.0);
    }
}
