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
            ThemeName::Light => Theme {
                name,
                background: Color::rgb(0xff, 0xff, 0xff),
                surface: Color::rgb(0xf6, 0xf8, 0xfa),
                text: Color::rgb(0x1f, 0x23, 0x28),
                muted: Color::rgb(0x57, 0x60, 0x6a),
                grid: Color::rgb(0xd0, 0xd7, 0xde),
                border: Color::rgb(0xd0, 0xd7, 0xde),
                accent: Color::rgb(0x09, 0x69, 0xda),
                status: [
                    Color::rgb(0x11, 0x6d, 0x3a), // achieved: deep green
                    Color::rgb(0x2f, 0x9e, 0x44), // onTrack: green
                    Color::rgb(0xb0, 0x6d, 0x00), // atRisk: amber
                    Color::rgb(0xd1, 0x45, 0x0f), // offTrack: orange-red
                    Color::rgb(0xa6, 0x1e, 0x4d), // missed: crimson
                    Color::rgb(0x49, 0x5f, 0xd6), // notDue: blue
                    Color::rgb(0x7a, 0x83, 0x8c), // noData: grey
                ],
                font_family: FONT_FAMILY.to_string(),
                font_scale: 1.0,
                line_scale: 1.0,
            },
            ThemeName::Dark => Theme {
                name,
                background: Color::rgb(0x0d, 0x11, 0x17),
                surface: Color::rgb(0x16, 0x1b, 0x22),
                text: Color::rgb(0xe6, 0xed, 0xf3),
                muted: Color::rgb(0x9d, 0xa7, 0xb3),
                grid: Color::rgb(0x30, 0x36, 0x3d),
                border: Color::rgb(0x30, 0x36, 0x3d),
                accent: Color::rgb(0x58, 0xa6, 0xff),
                status: [
                    Color::rgb(0x3f, 0xb9, 0x50),
                    Color::rgb(0x8d, 0xdb, 0x8c),
                    Color::rgb(0xe3, 0xb3, 0x41),
                    Color::rgb(0xf0, 0x88, 0x3e),
                    Color::rgb(0xff, 0x7b, 0x9c),
                    Color::rgb(0x9c, 0xb4, 0xff),
                    Color::rgb(0x9d, 0xa7, 0xb3),
                ],
                font_family: FONT_FAMILY.to_string(),
                font_scale: 1.0,
                line_scale: 1.0,
            },
            ThemeName::Contrast => Theme {
                name,
                background: Color::rgb(0, 0, 0),
                surface: Color::rgb(0, 0, 0),
                text: Color::rgb(0xff, 0xff, 0xff),
                muted: Color::rgb(0xff, 0xff, 0xff),
                grid: Color::rgb(0xc0, 0xc0, 0xc0),
                border: Color::rgb(0xff, 0xff, 0xff),
                accent: Color::rgb(0x00, 0xe5, 0xff),
                status: [
                    Color::rgb(0x3d, 0xff, 0x8b),
                    Color::rgb(0x9b, 0xff, 0x3d),
                    Color::rgb(0xff, 0xe0, 0x3d),
                    Color::rgb(0xff, 0x9a, 0x3d),
                    Color::rgb(0xff, 0x5c, 0x8a),
                    Color::rgb(0x9e, 0xc5, 0xff),
                    Color::rgb(0xff, 0xff, 0xff),
                ],
                font_family: FONT_FAMILY.to_string(),
                font_scale: 1.0,
                line_scale: 1.5,
            },
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
