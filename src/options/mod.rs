//! The widget's options (`setOptions()`, and the `<plan-widget>` attributes the loader turns into
//! options): the JSON a page hands over, checked field by field into the [`Settings`] a widget
//! renders with. Every refusal is an [`OptionError`] naming the option (its `path`) with a message
//! in Chinese and English; `src/web.rs` turns it into an `options.invalid` error.

use std::collections::BTreeMap;
use std::fmt;

use crate::layout::{Filter, LayoutOptions, View};
use crate::model::Locale;
use crate::period::{Day, PeriodError};
use crate::status::Status;
use crate::theme::{Theme, ThemeName};

mod read;

/// Options a page may set; every field optional. Unknown fields are errors. (Named as the page
/// sees it: the messages of [`read`], shown to the page, name this type as serde's did.)
/// In the native tests serde's derived reader of these same structs is the oracle that
/// [`read`]'s refusals are compared with.
#[cfg_attr(
    all(test, not(target_arch = "wasm32")),
    derive(serde::Deserialize),
    serde(rename_all = "camelCase", deny_unknown_fields)
)]
#[derive(Default, Debug)]
struct JsOptions {
    view: Option<String>,
    indicator: Option<String>,
    lang: Option<String>,
    theme: Option<String>,
    as_of: Option<String>,
    colors: Option<BTreeMap<String, String>>,
    font_family: Option<String>,
    font_scale: Option<f32>,
    focus: Option<String>,
    filter: Option<JsFilter>,
    today: Option<String>,
}

/// The `filter` option: section ids, status names and responsible units, each list optional.
#[cfg_attr(
    all(test, not(target_arch = "wasm32")),
    derive(serde::Deserialize),
    serde(rename_all = "camelCase", deny_unknown_fields)
)]
#[derive(Default, Debug)]
struct JsFilter {
    #[cfg_attr(all(test, not(target_arch = "wasm32")), serde(default))]
    sections: Vec<String>,
    #[cfg_attr(all(test, not(target_arch = "wasm32")), serde(default))]
    statuses: Vec<String>,
    #[cfg_attr(all(test, not(target_arch = "wasm32")), serde(default))]
    units: Vec<String>,
}

/// Why options were refused. Nothing of them is applied then.
#[derive(Clone, Debug, PartialEq)]
pub enum OptionError {
    /// Not an options object: not JSON, a field that is no option, a value of the wrong type
    /// (serde's or the caller's explanation, in English).
    Unreadable(String),
    /// `lang` is neither Chinese nor English.
    Lang(String),
    /// `theme` names no built-in theme.
    Theme(String),
    /// A `colors` entry whose key names nothing to colour or whose value is no `#rrggbb`.
    Color(String),
    /// `fontFamily` is empty, too long or could break out of a CSS font shorthand.
    FontFamily,
    /// `fontScale` outside 0.5–3.
    FontScale,
    /// `asOf` or `today` (`field`) is not a `YYYY-MM-DD` date.
    Date {
        /// `asOf` or `today`.
        field: &'static str,
        /// The text given.
        text: String,
        /// What is wrong with it.
        error: PeriodError,
    },
    /// `view` names no view (the `indicator:ID` shorthand of the CLI included).
    View(String),
    /// A `filter.statuses` entry names no status.
    Status(String),
}

impl OptionError {
    /// The option refused, e.g. `colors.text` or `filter.statuses`; empty for the whole object.
    pub fn path(&self) -> String {
        match self {
            OptionError::Unreadable(_) => String::new(),
            OptionError::Lang(_) => "lang".into(),
            OptionError::Theme(_) => "theme".into(),
            OptionError::Color(key) => format!("colors.{key}"),
            OptionError::FontFamily => "fontFamily".into(),
            OptionError::FontScale => "fontScale".into(),
            OptionError::Date { field, .. } => (*field).into(),
            OptionError::View(_) => "view".into(),
            OptionError::Status(_) => "filter.statuses".into(),
        }
    }

    /// The message in Chinese.
    pub fn message_zh(&self) -> String {
        match self {
            OptionError::Unreadable(e) => format!("选项无效：{e}"),
            OptionError::Lang(lang) => format!("不支持的语言“{lang}”，可用 zh-CN、en"),
            OptionError::Theme(name) => format!("未知主题“{name}”，可用 light、dark、contrast"),
            OptionError::Color(key) => {
                format!("颜色“{key}”无效：键应为 background、text、onTrack 等，值应为 #rrggbb")
            }
            OptionError::FontFamily => "字体名称无效".into(),
            OptionError::FontScale => "字号倍数应在 0.5 到 3 之间".into(),
            OptionError::Date { text, error, .. } => format!("日期“{text}”无效：{}", error.zh()),
            OptionError::View(v) => format!("未知视图“{v}”，可用 dashboard、sections、indicator"),
            OptionError::Status(name) => format!("未知状态“{name}”"),
        }
    }

    /// The message in English.
    pub fn message_en(&self) -> String {
        match self {
            OptionError::Unreadable(e) => format!("invalid options: {e}"),
            OptionError::Lang(lang) => format!("unsupported language \"{lang}\"; use zh-CN or en"),
            OptionError::Theme(name) => {
                format!("unknown theme \"{name}\"; use light, dark or contrast")
            }
            OptionError::Color(key) => format!(
                "invalid colour \"{key}\": keys are background, text, onTrack, …; values #rrggbb"
            ),
            OptionError::FontFamily => "invalid font family".into(),
            OptionError::FontScale => "fontScale must lie between 0.5 and 3".into(),
            OptionError::Date { text, error, .. } => {
                format!("invalid date \"{text}\": {}", error.en())
            }
            OptionError::View(v) => {
                format!("unknown view \"{v}\"; use dashboard, sections or indicator")
            }
            OptionError::Status(name) => format!("unknown status \"{name}\""),
        }
    }
}

impl fmt::Display for OptionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_en())
    }
}

impl std::error::Error for OptionError {}

/// The settings a widget renders with.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// The view drawn.
    pub view: View,
    /// The labels' language; `None` follows the plan's locale.
    pub locale: Option<Locale>,
    /// Colours and fonts.
    pub theme: Theme,
    /// Evaluate as of this date instead of the plan's `asOf`.
    pub as_of: Option<Day>,
    /// Today, for a plan without `asOf` (the loader passes the page's date).
    pub today: Option<Day>,
    /// The key of the highlighted region (`hits()`), if any.
    pub focus: Option<String>,
    /// Which indicators are shown.
    pub filter: Filter,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            view: View::Dashboard,
            locale: None,
            theme: Theme::default(),
            as_of: None,
            today: None,
            focus: None,
            filter: Filter::default(),
        }
    }
}

impl Settings {
    /// These settings with the options of the JSON object `json` applied: `{view:
    /// "dashboard"|"sections"|"indicator", indicator, lang: "zh-CN"|"en", theme:
    /// "light"|"dark"|"contrast", asOf: "YYYY-MM-DD", colors: {name: "#rrggbb"}, fontFamily,
    /// fontScale, focus, filter: {sections, statuses, units}, today}`. Omitted fields keep their
    /// value, `focus: ""` clears the focus; a misspelt option is an error, not ignored. A theme
    /// keeps the font family and scale already set.
    pub fn apply(&self, json: &str) -> Result<Settings, OptionError> {
        let opts = read::read(json).map_err(OptionError::Unreadable)?;
        let mut s = self.clone();
        if let Some(lang) = &opts.lang {
            s.locale = Some(Locale::parse(lang).ok_or_else(|| OptionError::Lang(lang.clone()))?);
        }
        if let Some(name) = &opts.theme {
            let n = ThemeName::parse(name).ok_or_else(|| OptionError::Theme(name.clone()))?;
            let (family, scale) = (s.theme.font_family.clone(), s.theme.font_scale);
            s.theme = Theme::named(n);
            s.theme.font_family = family;
            s.theme.font_scale = scale;
        }
        if let Some(colors) = &opts.colors {
            let refused = s
                .theme
                .apply_colors(colors.iter().map(|(k, v)| (k.as_str(), v.as_str())));
            if let Some(k) = refused.into_iter().next() {
                return Err(OptionError::Color(k));
            }
        }
        if let Some(f) = &opts.font_family {
            if !s.theme.set_font_family(f) {
                return Err(OptionError::FontFamily);
            }
        }
        if let Some(k) = opts.font_scale {
            if !(0.5..=3.0).contains(&k) {
                return Err(OptionError::FontScale);
            }
            s.theme.font_scale = k;
        }
        for (field, value, slot) in [
            ("asOf", &opts.as_of, &mut s.as_of),
            ("today", &opts.today, &mut s.today),
        ] {
            if let Some(text) = value {
                *slot = Some(Day::parse(text).map_err(|error| OptionError::Date {
                    field,
                    text: text.clone(),
                    error,
                })?);
            }
        }
        if let Some(v) = &opts.view {
            // The option names the view alone (`indicator` carries its id separately), so the
            // CLI's `indicator:ID` shorthand is not part of it.
            s.view = match View::parse(v) {
                Ok(View::Indicator(id)) if id.is_empty() => {
                    View::Indicator(opts.indicator.clone().unwrap_or_default())
                }
                Ok(view @ (View::Dashboard | View::Sections)) => view,
                Ok(View::Indicator(_)) | Err(_) => return Err(OptionError::View(v.clone())),
            };
        } else if let (Some(id), View::Indicator(_)) = (&opts.indicator, &s.view) {
            s.view = View::Indicator(id.clone());
        }
        if opts.focus.is_some() {
            s.focus = opts.focus.filter(|f| !f.is_empty());
        }
        if let Some(f) = opts.filter {
            let statuses = f
                .statuses
                .iter()
                .map(|name| Status::parse(name).ok_or_else(|| OptionError::Status(name.clone())))
                .collect::<Result<_, _>>()?;
            s.filter = Filter {
                sections: f.sections,
                statuses,
                units: f.units,
            };
        }
        Ok(s)
    }

    /// Whether statuses must be evaluated again after going from `self` to `new` (another
    /// as-of date or today).
    pub fn reevaluates(&self, new: &Settings) -> bool {
        self.as_of != new.as_of || self.today != new.today
    }

    /// Whether going from `self` to `new` may change the widget's words (its description,
    /// sentences and table): a new evaluation, view, language or filter. Colours, fonts and
    /// focus change the picture, not the words.
    pub fn changes_words(&self, new: &Settings) -> bool {
        self.reevaluates(new)
            || self.view != new.view
            || self.locale != new.locale
            || self.filter != new.filter
    }

    /// The layout options at `width` CSS px in `locale` (the settings' own language, else the
    /// plan's).
    pub fn layout_options(&self, width: f32, locale: Locale) -> LayoutOptions {
        LayoutOptions {
            width,
            view: self.view.clone(),
            theme: self.theme.clone(),
            locale,
            focus: self.focus.clone(),
            filter: self.filter.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::Color;

    fn apply(json: &str) -> Result<Settings, OptionError> {
        Settings::default().apply(json)
    }

    /// The error `json` gives, as the page sees it: path, Chinese and English message.
    fn refused(json: &str) -> (String, String, String) {
        let e = apply(json).expect_err(json);
        (e.path(), e.message_zh(), e.message_en())
    }

    #[test]
    fn empty_object_changes_nothing() {
        assert_eq!(apply("{}").unwrap(), Settings::default());
    }

    #[test]
    fn not_an_options_object_is_unreadable() {
        for (json, says) in [
            ("null", "invalid type: null, expected struct JsOptions"),
            (
                "\"dashboard\"",
                "invalid type: string \"dashboard\", expected struct JsOptions",
            ),
            ("{\"colour\": \"red\"}", "unknown field `colour`"),
            (
                "{\"fontScale\": \"big\"}",
                "invalid type: string \"big\", expected f32",
            ),
            ("{\"filter\": {\"status\": []}}", "unknown field `status`"),
            (
                "{\"view\": 3}",
                "invalid type: integer `3`, expected a string",
            ),
        ] {
            let (path, zh, en) = refused(json);
            assert_eq!(path, "", "{json}");
            assert!(
                zh.starts_with("选项无效：") && zh.contains(says),
                "{json}: {zh}"
            );
            assert!(
                en.starts_with("invalid options: ") && en.contains(says),
                "{json}: {en}"
            );
        }
    }

    #[test]
    fn lang() {
        assert_eq!(apply(r#"{"lang": "en"}"#).unwrap().locale, Some(Locale::En));
        assert_eq!(
            apply(r#"{"lang": "zh-CN"}"#).unwrap().locale,
            Some(Locale::ZhCn)
        );
        assert_eq!(
            refused(r#"{"lang": "fr"}"#),
            (
                "lang".into(),
                "不支持的语言“fr”，可用 zh-CN、en".into(),
                "unsupported language \"fr\"; use zh-CN or en".into()
            )
        );
    }

    #[test]
    fn theme_keeps_the_font() {
        let s = apply(r#"{"fontFamily": "serif", "fontScale": 2}"#).unwrap();
        let dark = s.apply(r#"{"theme": "dark"}"#).unwrap();
        assert_eq!(dark.theme.name, ThemeName::Dark);
        assert_eq!(
            dark.theme.background,
            Theme::named(ThemeName::Dark).background
        );
        assert_eq!(
            (dark.theme.font_family.as_str(), dark.theme.font_scale),
            ("serif", 2.0)
        );
        assert_eq!(
            refused(r#"{"theme": "neon"}"#),
            (
                "theme".into(),
                "未知主题“neon”，可用 light、dark、contrast".into(),
                "unknown theme \"neon\"; use light, dark or contrast".into()
            )
        );
    }

    #[test]
    fn colors() {
        let s = apply(r##"{"colors": {"text": "#102030", "onTrack": "#abc"}}"##).unwrap();
        assert_eq!(s.theme.text, Color::parse_hex("#102030").unwrap());
        assert_eq!(
            s.theme.status_color(Status::OnTrack),
            Color::parse_hex("#abc").unwrap()
        );
        for (json, key) in [
            (r##"{"colors": {"txet": "#102030"}}"##, "txet"),
            (r#"{"colors": {"text": "red"}}"#, "text"),
            (
                r##"{"colors": {"zz": "#000", "accent": "blue"}}"##,
                "accent",
            ),
        ] {
            let (path, zh, en) = refused(json);
            assert_eq!(path, format!("colors.{key}"));
            assert_eq!(
                zh,
                format!("颜色“{key}”无效：键应为 background、text、onTrack 等，值应为 #rrggbb")
            );
            assert_eq!(
                en,
                format!(
                    "invalid colour \"{key}\": keys are background, text, onTrack, …; values \
                     #rrggbb"
                )
            );
        }
    }

    #[test]
    fn font_family() {
        let s = apply(r#"{"fontFamily": " Georgia, serif "}"#).unwrap();
        assert_eq!(s.theme.font_family, "Georgia, serif");
        for bad in ["", "  ", "a;b", "x{}", "a\\\\b"] {
            let json = format!(r#"{{"fontFamily": "{bad}"}}"#);
            assert_eq!(
                refused(&json),
                (
                    "fontFamily".into(),
                    "字体名称无效".into(),
                    "invalid font family".into()
                ),
                "{json}"
            );
        }
    }

    #[test]
    fn font_scale() {
        for k in [0.5, 1.25, 3.0] {
            let s = apply(&format!(r#"{{"fontScale": {k}}}"#)).unwrap();
            assert_eq!(s.theme.font_scale, k);
        }
        for k in ["0.49", "3.01", "-1", "0"] {
            assert_eq!(
                refused(&format!(r#"{{"fontScale": {k}}}"#)),
                (
                    "fontScale".into(),
                    "字号倍数应在 0.5 到 3 之间".into(),
                    "fontScale must lie between 0.5 and 3".into()
                )
            );
        }
    }

    #[test]
    fn dates() {
        let s = apply(r#"{"asOf": "2024-06-30", "today": "2025-01-02"}"#).unwrap();
        assert_eq!(s.as_of, Some(Day::parse("2024-06-30").unwrap()));
        assert_eq!(s.today, Some(Day::parse("2025-01-02").unwrap()));
        for field in ["asOf", "today"] {
            for bad in ["2024-13-01", "2024", "soon"] {
                let error = Day::parse(bad).unwrap_err();
                assert_eq!(
                    refused(&format!(r#"{{"{field}": "{bad}"}}"#)),
                    (
                        field.into(),
                        format!("日期“{bad}”无效：{}", error.zh()),
                        format!("invalid date \"{bad}\": {}", error.en())
                    )
                );
            }
        }
    }

    #[test]
    fn views() {
        assert_eq!(
            apply(r#"{"view": "sections"}"#).unwrap().view,
            View::Sections
        );
        let ind = apply(r#"{"view": "indicator", "indicator": "gdp"}"#).unwrap();
        assert_eq!(ind.view, View::Indicator("gdp".into()));
        assert_eq!(
            apply(r#"{"view": "indicator"}"#).unwrap().view,
            View::Indicator(String::new())
        );
        // `indicator` alone picks another indicator in the indicator view, and nothing elsewhere.
        assert_eq!(
            ind.apply(r#"{"indicator": "cpi"}"#).unwrap().view,
            View::Indicator("cpi".into())
        );
        assert_eq!(
            apply(r#"{"indicator": "cpi"}"#).unwrap().view,
            View::Dashboard
        );
        assert_eq!(
            ind.apply(r#"{"view": "dashboard"}"#).unwrap().view,
            View::Dashboard
        );
        for bad in ["indicator:gdp", "indicator:", "map", ""] {
            assert_eq!(
                refused(&format!(r#"{{"view": "{bad}"}}"#)),
                (
                    "view".into(),
                    format!("未知视图“{bad}”，可用 dashboard、sections、indicator"),
                    format!("unknown view \"{bad}\"; use dashboard, sections or indicator")
                )
            );
        }
    }

    #[test]
    fn focus() {
        let s = apply(r#"{"focus": "indicator:gdp"}"#).unwrap();
        assert_eq!(s.focus.as_deref(), Some("indicator:gdp"));
        assert_eq!(
            s.apply("{}").unwrap().focus.as_deref(),
            Some("indicator:gdp")
        );
        assert_eq!(s.apply(r#"{"focus": ""}"#).unwrap().focus, None);
    }

    #[test]
    fn filter() {
        let s = apply(
            r#"{"filter": {"sections": ["a"], "statuses": ["offTrack", "missed"], "units": ["u"]}}"#,
        )
        .unwrap();
        assert_eq!(
            s.filter,
            Filter {
                sections: vec!["a".into()],
                statuses: vec![Status::OffTrack, Status::Missed],
                units: vec!["u".into()],
            }
        );
        // A filter replaces the whole filter; omitted lists are empty.
        assert_eq!(
            s.apply(r#"{"filter": {"units": ["v"]}}"#).unwrap().filter,
            Filter {
                units: vec!["v".into()],
                ..Filter::default()
            }
        );
        assert_eq!(
            refused(r#"{"filter": {"statuses": ["onTrack", "late"]}}"#),
            (
                "filter.statuses".into(),
                "未知状态“late”".into(),
                "unknown status \"late\"".into()
            )
        );
    }

    #[test]
    fn omitted_options_keep_their_values_and_refusals_apply_nothing() {
        let s = apply(r#"{"lang": "en", "theme": "contrast", "view": "sections"}"#).unwrap();
        assert_eq!(
            s.apply(r#"{"fontScale": 2}"#).unwrap().locale,
            Some(Locale::En)
        );
        assert_eq!(s.apply(r#"{"fontScale": 2}"#).unwrap().view, View::Sections);
        // The first bad option is the one reported.
        let e = s.apply(r#"{"lang": "fr", "theme": "neon"}"#).unwrap_err();
        assert_eq!(e, OptionError::Lang("fr".into()));
        assert_eq!(e.to_string(), e.message_en());
    }

    #[test]
    fn what_a_change_touches() {
        let s = Settings::default();
        let changed = |json: &str| s.apply(json).unwrap();
        for json in [r#"{"asOf": "2024-01-01"}"#, r#"{"today": "2024-01-01"}"#] {
            assert!(s.reevaluates(&changed(json)) && s.changes_words(&changed(json)));
        }
        for json in [
            r#"{"view": "sections"}"#,
            r#"{"lang": "en"}"#,
            r#"{"filter": {"units": ["u"]}}"#,
        ] {
            assert!(!s.reevaluates(&changed(json)) && s.changes_words(&changed(json)));
        }
        for json in [
            r#"{"theme": "dark"}"#,
            r##"{"colors": {"text": "#000"}}"##,
            r#"{"fontScale": 2}"#,
            r#"{"focus": "indicator:x"}"#,
        ] {
            assert!(!s.changes_words(&changed(json)), "{json}");
        }
    }

    #[test]
    fn layout_options_carry_the_settings() {
        let s = apply(r#"{"view": "sections", "focus": "section:a", "fontScale": 2}"#).unwrap();
        let o = s.layout_options(640.0, Locale::En);
        assert_eq!(o.width, 640.0);
        assert_eq!(o.view, View::Sections);
        assert_eq!(o.locale, Locale::En);
        assert_eq!(o.focus.as_deref(), Some("section:a"));
        assert_eq!(o.theme, s.theme);
        assert_eq!(o.filter, s.filter);
    }
}
