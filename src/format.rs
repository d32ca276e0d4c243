//! Number, unit, date and period formatting for the widget's two languages.
//!
//! Chinese writes large numbers with 万 and 亿 and puts the measure word right after the number
//! (`2520个`, `2.52万`, `1.6亿元`); English groups digits with commas and names the unit in words
//! where a word is derivable (`2,520 schools`, `160 million yuan`). At most two decimals are shown,
//! trailing zeros are trimmed, and `-0` never appears.

use crate::model::{Bound, Goal, Locale, TaskState};
use crate::period::{Day, Period};

/// Formats `v` with at most `max_dec` decimals, trailing zeros trimmed, never `-0`, no grouping.
/// Non-finite values give `—`.
pub fn plain(v: f64, max_dec: usize) -> String {
    if !v.is_finite() {
        return "—".to_string();
    }
    let mut s = format!("{:.*}", max_dec, v);
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
    if s == "-0" {
        s = "0".to_string();
    }
    s
}

/// Formats `v` with at most `max_dec` decimals and comma grouping of the integer part
/// (`2520` → `2,520`).
pub fn grouped(v: f64, max_dec: usize) -> String {
    let s = plain(v, max_dec);
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", s.as_str()),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    if !int.bytes().all(|b| b.is_ascii_digit()) {
        return s;
    }
    let mut out = String::with_capacity(s.len() + int.len() / 3);
    out.push_str(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// A plain number in a locale: Chinese uses 万 (10⁴) and 亿 (10⁸) from 10,000 up (`2.52万`);
/// English groups digits and says `million`/`billion` from one million up.
pub fn format_number(v: f64, locale: Locale) -> String {
    let a = v.abs();
    match locale {
        Locale::ZhCn if a >= 1e8 => format!("{}亿", plain(v / 1e8, 2)),
        Locale::ZhCn if a >= 1e4 => format!("{}万", plain(v / 1e4, 2)),
        Locale::ZhCn => plain(v, 2),
        Locale::En if a >= 1e9 => format!("{} billion", plain(v / 1e9, 2)),
        Locale::En if a >= 1e6 => format!("{} million", plain(v / 1e6, 2)),
        Locale::En => grouped(v, 2),
    }
}

/// The English word for a Chinese measure word, singular and plural; `None` when no word is
/// derivable (个 counts places, classes, schools… alike).
pub fn unit_word_en(unit: &str) -> Option<(&'static str, &'static str)> {
    Some(match unit {
        "所" | "校" => ("school", "schools"),
        "名" | "人" | "位" => ("person", "people"),
        "学时" | "小时" => ("hour", "hours"),
        "课时" => ("class hour", "class hours"),
        "场" => ("session", "sessions"),
        "项" => ("item", "items"),
        "次" => ("time", "times"),
        "分钟" => ("minute", "minutes"),
        "起" => ("incident", "incidents"),
        "种" => ("type", "types"),
        "份" => ("copy", "copies"),
        "年" => ("year", "years"),
        "天" | "日" => ("day", "days"),
        "元" => ("yuan", "yuan"),
        _ => return None,
    })
}

/// Money in yuan, in a locale (`160 million yuan`; Chinese keeps 万元/亿元).
fn yuan_en(yuan: f64) -> String {
    format!("{} yuan", format_number(yuan, Locale::En))
}

/// A value with its unit: `68%`, `1.6亿元` / `160 million yuan`, `2520个` / `2,520`,
/// `3所` / `3 schools`, `9.5个百分点` / `9.5 pp`.
pub fn format_value(value: f64, unit: &str, locale: Locale) -> String {
    let unit = unit.trim();
    match (unit, locale) {
        ("%", _) => format!("{}%", plain(value, 2)),
        ("个百分点", Locale::ZhCn) => format!("{}个百分点", plain(value, 2)),
        ("个百分点", Locale::En) => format!("{} pp", plain(value, 2)),
        ("亿元", Locale::ZhCn) => format!("{}亿元", plain(value, 2)),
        ("亿元", Locale::En) => yuan_en(value * 1e8),
        ("万元", Locale::ZhCn) if value.abs() >= 1e4 => format!("{}亿元", plain(value / 1e4, 2)),
        ("万元", Locale::ZhCn) => format!("{}万元", plain(value, 2)),
        ("万元", Locale::En) => yuan_en(value * 1e4),
        ("", _) => format_number(value, locale),
        (u, Locale::ZhCn) => format!("{}{u}", format_number(value, locale)),
        (u, Locale::En) => {
            let n = format_number(value, locale);
            match unit_word_en(u) {
                Some((one, _)) if (value - 1.0).abs() < 1e-9 => format!("{n} {one}"),
                Some((_, many)) => format!("{n} {many}"),
                None if u == "个" => n,
                None => format!("{n} {u}"),
            }
        }
    }
}

/// A change in percentage points, signed: `+10个百分点` / `+10 pp`, `-0.5个百分点`.
pub fn format_pp(delta: f64, locale: Locale) -> String {
    let sign = if delta > 0.0 && plain(delta, 2) != "0" {
        "+"
    } else {
        ""
    };
    match locale {
        Locale::ZhCn => format!("{sign}{}个百分点", plain(delta, 2)),
        Locale::En => format!("{sign}{} pp", plain(delta, 2)),
    }
}

/// A progress ratio as a whole percent: `0.953` → `95%`.
pub fn format_ratio(ratio: f64) -> String {
    format!("{}%", plain((ratio * 100.0).round(), 0))
}

/// A period's label in a locale (`2024年上半年` / `H1 2024`).
pub fn period_label(p: &Period, locale: Locale) -> String {
    match locale {
        Locale::ZhCn => p.label_zh(),
        Locale::En => p.label_en(),
    }
}

/// A period's label on a chart axis or gauge, in the words readers use: `2025年6月` /
/// `Jun 2025`; with `in_year` (an axis that writes the year once) `6月` / `Jun`.
pub fn period_short(p: &Period, locale: Locale, in_year: bool) -> String {
    match locale {
        Locale::ZhCn => p.label_axis_zh(in_year),
        Locale::En => p.label_axis_en(in_year),
    }
}

/// The one calendar year every period lies within, when they all are shorter than a year and
/// share it (an axis that may write the year once); `None` otherwise or when there are none.
pub fn single_year(periods: impl IntoIterator<Item = Period>) -> Option<i32> {
    let mut year = None;
    for p in periods {
        let y = p.within_year()?;
        if *year.get_or_insert(y) != y {
            return None;
        }
    }
    year
}

/// A day's label: `2025年6月30日` / `30 Jun 2025`.
pub fn format_day(day: Day, locale: Locale) -> String {
    period_label(&Period::Date(day), locale)
}

/// "As of" a day: `截至 2025年6月30日` / `As of 30 Jun 2025`.
pub fn as_of(day: Day, locale: Locale) -> String {
    match locale {
        Locale::ZhCn => format!("截至 {}", format_day(day, locale)),
        Locale::En => format!("As of {}", format_day(day, locale)),
    }
}

/// The label of a milestone's or task's state.
pub fn task_state(state: TaskState, locale: Locale) -> &'static str {
    match (state, locale) {
        (TaskState::NotStarted, Locale::ZhCn) => "未启动",
        (TaskState::InProgress, Locale::ZhCn) => "推进中",
        (TaskState::Done, Locale::ZhCn) => "已完成",
        (TaskState::Blocked, Locale::ZhCn) => "受阻",
        (TaskState::NotStarted, Locale::En) => "Not started",
        (TaskState::InProgress, Locale::En) => "In progress",
        (TaskState::Done, Locale::En) => "Done",
        (TaskState::Blocked, Locale::En) => "Blocked",
    }
}

/// The comparison sign of a bound: `≥`, `≤`, `=` or `≈`.
pub fn bound_sign(bound: Bound) -> &'static str {
    match bound {
        Bound::AtLeast => "≥",
        Bound::AtMost => "≤",
        Bound::Exact => "=",
        Bound::Approx => "≈",
    }
}

/// A target's goal as written: `≥70%`, `1–2所`, `≤3个百分点`; `None` for a deadline-only goal.
pub fn format_goal(goal: &Goal, unit: &str, locale: Locale) -> Option<String> {
    match *goal {
        Goal::Deadline => None,
        Goal::Value { value, bound } => Some(format!(
            "{}{}",
            bound_sign(bound),
            format_value(value, unit, locale)
        )),
        Goal::Band {
            min: Some(a),
            max: Some(b),
        } => Some(format!(
            "{}–{}",
            format_number(a, locale),
            format_value(b, unit, locale)
        )),
        Goal::Band { min: Some(a), .. } => Some(format!("≥{}", format_value(a, unit, locale))),
        Goal::Band { max: Some(b), .. } => Some(format!("≤{}", format_value(b, unit, locale))),
        Goal::Band { .. } => None,
    }
}

/// Joins names with the locale's list separator (`、` / `, `).
pub fn join_names(names: &[String], locale: Locale) -> String {
    names.join(match locale {
        Locale::ZhCn => "、",
        Locale::En => ", ",
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Locale::{En, ZhCn};

    #[test]
    fn plain_numbers_trim_and_never_show_minus_zero() {
        assert_eq!(plain(68.0, 2), "68");
        assert_eq!(plain(66.5, 2), "66.5");
        assert_eq!(plain(1.0 / 3.0, 2), "0.33");
        assert_eq!(plain(-0.001, 2), "0");
        assert_eq!(plain(-0.0, 2), "0");
        assert_eq!(plain(f64::NAN, 2), "—");
        assert_eq!(grouped(2520.0, 2), "2,520");
        assert_eq!(grouped(-1234567.5, 2), "-1,234,567.5");
        assert_eq!(grouped(999.0, 2), "999");
    }

    #[test]
    fn percent_and_money() {
        assert_eq!(format_value(68.0, "%", ZhCn), "68%");
        assert_eq!(format_value(68.0, "%", En), "68%");
        assert_eq!(format_value(1.6, "亿元", ZhCn), "1.6亿元");
        assert_eq!(format_value(1.6, "亿元", En), "160 million yuan");
        assert_eq!(format_value(16.0, "亿元", En), "1.6 billion yuan");
        assert_eq!(format_value(3700.0, "万元", ZhCn), "3700万元");
        assert_eq!(format_value(3700.0, "万元", En), "37 million yuan");
        assert_eq!(format_value(50.0, "万元", En), "500,000 yuan");
        assert_eq!(format_value(37000.0, "万元", ZhCn), "3.7亿元");
    }

    #[test]
    fn counts_with_measure_words() {
        assert_eq!(format_value(2520.0, "个", ZhCn), "2520个");
        assert_eq!(format_value(2520.0, "个", En), "2,520");
        assert_eq!(format_value(3.0, "所", En), "3 schools");
        assert_eq!(format_value(1.0, "所", En), "1 school");
        assert_eq!(format_value(90.0, "名", En), "90 people");
        assert_eq!(format_value(96.0, "学时", En), "96 hours");
        assert_eq!(format_value(4.0, "课时", En), "4 class hours");
        assert_eq!(format_value(2.0, "场", En), "2 sessions");
        assert_eq!(format_value(5.0, "项", En), "5 items");
        assert_eq!(format_value(25200.0, "", ZhCn), "2.52万");
        assert_eq!(format_value(25200.0, "个", ZhCn), "2.52万个");
        assert_eq!(format_value(25200.0, "", En), "25,200");
        assert_eq!(format_value(9.5, "个百分点", En), "9.5 pp");
        assert_eq!(format_value(3.0, "台", En), "3 台");
    }

    #[test]
    fn points_ratios_and_periods() {
        assert_eq!(format_pp(10.0, ZhCn), "+10个百分点");
        assert_eq!(format_pp(10.0, En), "+10 pp");
        assert_eq!(format_pp(-0.5, ZhCn), "-0.5个百分点");
        assert_eq!(format_pp(0.0, En), "0 pp");
        assert_eq!(format_ratio(0.953), "95%");
        let p = Period::parse("2024-H1").unwrap();
        assert_eq!(period_label(&p, ZhCn), "2024年上半年");
        assert_eq!(period_label(&p, En), "H1 2024");
        assert_eq!(period_short(&p, ZhCn, false), "2024年上半年");
        assert_eq!(period_short(&p, En, true), "H1");
        let months = ["2025-06", "2025-08", "2025-Q3"].map(|s| Period::parse(s).unwrap());
        assert_eq!(single_year(months), Some(2025));
        let mixed = ["2025-06", "2024-12"].map(|s| Period::parse(s).unwrap());
        assert_eq!(single_year(mixed), None);
        let with_year = ["2025-06", "2025"].map(|s| Period::parse(s).unwrap());
        assert_eq!(single_year(with_year), None);
        let d = Day::from_ymd(2025, 6, 30).unwrap();
        assert_eq!(as_of(d, ZhCn), "截至 2025年6月30日");
        assert_eq!(as_of(d, En), "As of 30 Jun 2025");
    }

    #[test]
    fn goals() {
        let g = Goal::Value {
            value: 70.0,
            bound: Bound::AtLeast,
        };
        assert_eq!(format_goal(&g, "%", ZhCn).unwrap(), "≥70%");
        let band = Goal::Band {
            min: Some(1.0),
            max: Some(2.0),
        };
        assert_eq!(format_goal(&band, "所", ZhCn).unwrap(), "1–2所");
        assert_eq!(format_goal(&band, "所", En).unwrap(), "1–2 schools");
        assert_eq!(format_goal(&Goal::Deadline, "", En), None);
        assert_eq!(task_state(TaskState::Blocked, ZhCn), "受阻");
    }
}
