//! Layout: plan + statuses + size + theme + locale -> a [`DisplayList`] in CSS px. Pure: no DOM,
//! no canvas, no clock. Text is measured through [`TextMeasure`].

pub mod bands;
pub mod canvas;
pub mod describe;
pub mod icons;
pub mod list;
pub mod marks;
pub mod scale;
pub mod text;
pub mod trend;
pub mod views;

/// The colour type every display-list item carries; defined with the palettes in [`crate::theme`].
pub use crate::theme::Color;
pub use list::{
    Anchor, Baseline, DisplayList, EstimateMeasure, Hit, HitTarget, Item, Rect, Stroke, TextMeasure,
};

use crate::model::{Locale, Plan};
use crate::status::{Evaluation, Status};
use crate::theme::Theme;

/// Which picture to lay out.
#[derive(Clone, Debug, PartialEq)]
pub enum View {
    /// The whole plan: header, status summary, and one card per indicator by section.
    Dashboard,
    /// Roll-up bars per section and per responsible unit.
    Sections,
    /// One indicator in detail, by id.
    Indicator(String),
}

/// Why [`View::parse`] refused a view name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ViewError {
    /// Not `dashboard`, `sections`, `indicator` or `indicator:ID`; carries the text given.
    Unknown(String),
    /// `indicator:` with nothing after the colon.
    EmptyIndicator,
}

impl std::fmt::Display for ViewError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ViewError::Unknown(text) => write!(f, "unknown view {text:?}"),
            ViewError::EmptyIndicator => f.write_str("indicator: needs an indicator id"),
        }
    }
}

impl std::error::Error for ViewError {}

impl View {
    /// Reads a view name, the one vocabulary the widget's `view` option and the CLI's `--view`
    /// share: `dashboard`, `sections`, `indicator:ID`, or a bare `indicator`, which gives
    /// `View::Indicator` with an empty id for the caller to fill in from elsewhere (the widget's
    /// separate `indicator` option).
    pub fn parse(text: &str) -> Result<View, ViewError> {
        match text {
            "dashboard" => Ok(View::Dashboard),
            "sections" => Ok(View::Sections),
            "indicator" => Ok(View::Indicator(String::new())),
            other => match other.strip_prefix("indicator:") {
                Some("") => Err(ViewError::EmptyIndicator),
                Some(id) => Ok(View::Indicator(id.to_string())),
                None => Err(ViewError::Unknown(other.to_string())),
            },
        }
    }
}

/// Which indicators to show; an empty list means "no filtering" on that axis.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    /// Section ids to keep.
    pub sections: Vec<String>,
    /// Statuses to keep.
    pub statuses: Vec<Status>,
    /// Responsible units to keep (an indicator's units, else its section's).
    pub units: Vec<String>,
}

/// Everything layout needs besides the data.
#[derive(Clone, Debug)]
pub struct LayoutOptions {
    /// Width in CSS px.
    pub width: f32,
    /// Which picture.
    pub view: View,
    /// Colours and sizes.
    pub theme: Theme,
    /// Language of the widget's own words.
    pub locale: Locale,
    /// Indicator id with keyboard focus: a focus ring is drawn around its card or chart.
    pub focus: Option<String>,
    /// Which indicators to show.
    pub filter: Filter,
}

/// The data to draw.
pub struct Scene<'a> {
    /// The plan.
    pub plan: &'a Plan,
    /// Its evaluation.
    pub eval: &'a Evaluation,
    /// Indicators left out because of errors.
    pub rejected: &'a [crate::parse::Rejected],
}

/// Lays out a scene: a pure function of its inputs. The list's height follows the content; its
/// items come indexed by vertical band ([`DisplayList::items_in`]).
pub fn layout(scene: &Scene, opts: &LayoutOptions, measure: &dyn TextMeasure) -> DisplayList {
    let width = if opts.width.is_finite() {
        opts.width.clamp(0.0, 100_000.0)
    } else {
        0.0
    };
    let sizes = canvas::Sizes::for_width(width, opts.theme.font_scale);
    // Every distinct text is measured once per layout, however often layout asks.
    let measure = text::MeasureCache::new(measure);
    let mut cv = canvas::Canvas::new(&opts.theme, &measure, opts.locale, sizes);
    let bottom = match &opts.view {
        View::Dashboard => views::dashboard(&mut cv, scene, opts, width),
        View::Sections => views::sections(&mut cv, scene, opts, width),
        View::Indicator(id) => views::indicator(&mut cv, scene, id, opts, width),
    };
    let mut list = DisplayList::new(
        width,
        (bottom + sizes.pad).max(0.0).ceil(),
        opts.theme.background,
        &opts.theme.font_family,
    );
    list.items = cv.items;
    list.hits = cv.hits;
    list.index_bands();
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn view_names_parse_and_bad_ones_say_why() {
        assert_eq!(View::parse("dashboard"), Ok(View::Dashboard));
        assert_eq!(View::parse("sections"), Ok(View::Sections));
        assert_eq!(View::parse("indicator"), Ok(View::Indicator(String::new())));
        assert_eq!(
            View::parse("indicator:gdp"),
            Ok(View::Indicator("gdp".into()))
        );
        assert_eq!(View::parse("indicator:"), Err(ViewError::EmptyIndicator));
        assert_eq!(
            View::parse("Dashboard"),
            Err(ViewError::Unknown("Dashboard".into()))
        );
        assert_eq!(View::parse(""), Err(ViewError::Unknown(String::new())));
    }
}
