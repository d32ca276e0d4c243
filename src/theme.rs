//! Themes: light, dark and high-contrast palettes, with colours and font family overridable by
//! the embedding page, and the [`Color`] type they (and the display list) are made of.

use serde::Serialize;

use crate::status::Status;

/// An sRGB colour with alpha.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Color {
    /// Red 0–255.
    pub r: u8,
    /// Green 0–255.
    pub g: u8,
    /// Blue 0–255.
    pub b: u8,
    /// Opacity 0–1.
    pub a: f32,
}

impl Color {
    /// An opaque colour.
    pub const fn rgb(r: u8, g: u8, b: u8) -> Color {
        Color { r, g, b, a: 1.0 }
    }

    /// An opaque colour from `0xrrggbb`.
    pub const fn hex(rgb: u32) -> Color {
        Color::rgb((rgb >> 16) as u8, (rgb >> 8) as u8, rgb as u8)
    }

    /// The same colour with another opacity.
    pub fn with_alpha(self, a: f32) -> Color {
        Color {
            a: a.clamp(0.0, 1.0),
            ..self
        }
    }

    /// Parses `#rgb`, `#rrggbb` or `#rrggbbaa` (the forms a portal passes for overrides).
    pub fn parse_hex(text: &str) -> Option<Color> {
        let hex = text.trim().strip_prefix('#')?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        match hex.len() {
            3 => {
                let d = |i: usize| u8::from_str_radix(&hex[i..i + 1], 16).ok().map(|v| v * 17);
                Some(Color::rgb(d(0)?, d(1)?, d(2)?))
            }
            6 => Some(Color::rgb(byte(0)?, byte(2)?, byte(4)?)),
            8 => Some(Color::rgb(byte(0)?, byte(2)?, byte(4)?).with_alpha(byte(6)? as f32 / 255.0)),
            _ => None,
        }
    }

    /// `#rrggbb` (opacity not included).
    pub fn to_hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// Relative luminance (WCAG 2), 0 for black to 1 for white.
    pub fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = c as f64 / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.r) + 0.7152 * lin(self.g) + 0.0722 * lin(self.b)
    }

    /// WCAG contrast ratio between two colours (1 to 21).
    pub fn contrast(self, other: Color) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        let (hi, lo) = if a > b { (a, b) } else { (b, a) };
        (hi + 0.05) / (lo + 0.05)
    }
}

/// The built-in themes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ThemeName {
    /// Dark text on white.
    #[default]
    Light,
    /// Light text on a dark background.
    Dark,
    /// Maximum contrast: white and saturated colours on black, thick lines.
    Contrast,
}

impl ThemeName {
    /// Parses `light`, `dark` or `contrast`.
    pub fn parse(text: &str) -> Option<ThemeName> {
        match text.trim().to_ascii_lowercase().as_str() {
            "light" => Some(ThemeName::Light),
            "dark" => Some(ThemeName::Dark),
            "contrast" | "high-contrast" => Some(ThemeName::Contrast),
            _ => None,
        }
    }
}

/// Colours, font and sizes used by layout.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Theme {
    /// Which built-in theme this started from.
    pub name: ThemeName,
    /// Page background.
    pub background: Color,
    /// Card background.
    pub surface: Color,
    /// Main text.
    pub text: Color,
    /// Secondary text (labels, axes).
    pub muted: Color,
    /// Grid lines and gauge tracks.
    pub grid: Color,
    /// Card borders.
    pub border: Color,
    /// Links, the expected path, the focus ring.
    pub accent: Color,
    /// Colours per status, in [`Status::ALL`] order.
    pub status: [Color; 7],
    /// CSS font-family list.
    pub font_family: String,
    /// Multiplies every font size (large-text option; 1 = normal).
    pub font_scale: f32,
    /// Multiplies line widths (the contrast theme draws thicker lines).
    pub line_scale: f32,
}

/// The default font stack: system UI fonts with the common Chinese faces.
pub const FONT_FAMILY: &str = "system-ui, -apple-system, \"PingFang SC\", \"Hiragino Sans GB\", \"Microsoft YaHei\", \"Noto Sans CJK SC\", \"Source Han Sans SC\", sans-serif";

impl Theme {
    /// A built-in theme.
    pub fn named(name: ThemeName) -> Theme {
        match name {
            // background, surface, text, muted, grid, border, accent; then the statuses:
            // achieved deep green, onTrack green, atRisk amber, offTrack orange-red, missed
            // crimson, notDue blue, noData grey.
            ThemeName::Light => Theme::palette(
                name,
                [
                    0xffffff, 0xf6f8fa, 0x1f2328, 0x57606a, 0xd0d7de, 0xd0d7de, 0x0969da,
                ],
                [
                    0x116d3a, 0x2f9e44, 0xb06d00, 0xd1450f, 0xa61e4d, 0x495fd6, 0x7a838c,
                ],
                1.0,
            ),
            ThemeName::Dark => Theme::palette(
                name,
                [
                    0x0d1117, 0x161b22, 0xe6edf3, 0x9da7b3, 0x30363d, 0x30363d, 0x58a6ff,
                ],
                [
                    0x3fb950, 0x8ddb8c, 0xe3b341, 0xf0883e, 0xff7b9c, 0x9cb4ff, 0x9da7b3,
                ],
                1.0,
            ),
            // Thicker lines.
            ThemeName::Contrast => Theme::palette(
                name,
                [
                    0x000000, 0x000000, 0xffffff, 0xffffff, 0xc0c0c0, 0xffffff, 0x00e5ff,
                ],
                [
                    0x3dff8b, 0x9bff3d, 0xffe03d, 0xff9a3d, 0xff5c8a, 0x9ec5ff, 0xffffff,
                ],
                1.5,
            ),
        }
    }

    /// A theme of the default font from `0xrrggbb` colours: `ui` holds background, surface,
    /// text, muted, grid, border and accent, `status` one per status in [`Status::ALL`] order.
    fn palette(name: ThemeName, ui: [u32; 7], status: [u32; 7], line_scale: f32) -> Theme {
        let [background, surface, text, muted, grid, border, accent] = ui.map(Color::hex);
        Theme {
            name,
            background,
            surface,
            text,
            muted,
            grid,
            border,
            accent,
            status: status.map(Color::hex),
            font_family: FONT_FAMILY.to_string(),
            font_scale: 1.0,
            line_scale,
        }
    }

    /// The colour of a status.
    pub fn status_color(&self, s: Status) -> Color {
        let i = Status::ALL.iter().position(|x| *x == s).unwrap_or(0);
        self.status[i]
    }

    /// Applies a portal's overrides. Keys: `background`, `surface`, `text`, `muted`, `grid`,
    /// `border`, `accent`, and each status name (`achieved`, `onTrack`, …); values `#rgb`,
    /// `#rrggbb` or `#rrggbbaa`. Returns the keys that were not understood.
    pub fn apply_colors<'a>(
        &mut self,
        colors: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Vec<String> {
        let mut rejected = Vec::new();
        for (key, value) in colors {
            let Some(c) = Color::parse_hex(value) else {
                rejected.push(key.to_string());
                continue;
            };
            let slot = match key {
                "background" => &mut self.background,
                "surface" => &mut self.surface,
                "text" => &mut self.text,
                "muted" => &mut self.muted,
                "grid" => &mut self.grid,
                "border" => &mut self.border,
                "accent" => &mut self.accent,
                other => match Status::parse(other) {
                    Some(s) => {
                        let i = Status::ALL.iter().position(|x| *x == s).unwrap_or(0);
                        &mut self.status[i]
                    }
                    None => {
                        rejected.push(key.to_string());
                        continue;
                    }
                },
            };
            *slot = c;
        }
        rejected
    }

    /// Sets the font family, refusing values that could break out of a CSS font shorthand.
    pub fn set_font_family(&mut self, family: &str) -> bool {
        let ok = !family.trim().is_empty()
            && family.len() <= 300
            && !family
                .chars()
                .any(|c| matches!(c, ';' | '{' | '}' | '<' | '>' | '\\') || c.is_control());
        if ok {
            self.font_family = family.trim().to_string();
        }
        ok
    }
}

impl Default for Theme {
    fn default() -> Self {
        Theme::named(ThemeName::Light)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_colours_are_distinct_and_readable_on_their_background() {
        for name in [ThemeName::Light, ThemeName::Dark, ThemeName::Contrast] {
            let t = Theme::named(name);
            for (i, a) in t.status.iter().enumerate() {
                // WCAG 1.4.11: graphical objects need 3:1 against what is next to them.
                assert!(
                    a.contrast(t.background) >= 3.0,
                    "{name:?} status {i}: {:.2}",
                    a.contrast(t.background)
                );
                for b in &t.status[i + 1..] {
                    assert_ne!(a, b, "{name:?}");
                }
            }
            assert!(t.text.contrast(t.background) >= 7.0, "{name:?} text");
            assert!(t.muted.contrast(t.background) >= 4.5, "{name:?} muted text");
        }
    }

    #[test]
    fn overrides_apply_and_report_what_they_refused() {
        let mut t = Theme::default();
        let bad = t.apply_colors([
            ("onTrack", "#00f"),
            ("background", "#101010"),
            ("nope", "#fff"),
            ("text", "red"),
        ]);
        assert_eq!(t.status_color(Status::OnTrack), Color::rgb(0, 0, 0xff));
        assert_eq!(t.background, Color::rgb(0x10, 0x10, 0x10));
        assert_eq!(bad, ["nope", "text"]);
        assert!(t.set_font_family("\"Source Han Sans\", serif"));
        assert!(!t.set_font_family("x; } body { color: red"));
        assert_eq!(Color::parse_hex("#0969da80").unwrap().a, 128.0 / 255.0);
    }
}
