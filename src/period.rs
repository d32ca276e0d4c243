//! Periods and dates: the one string form of each period kind, its span of days, and the
//! calendar arithmetic between days (years counted by anniversaries).
//!
//! | kind | form | span |
//! |---|---|---|
//! | year | `2024` | 1 Jan – 31 Dec |
//! | half-year | `2024-H1` | Jan–Jun or Jul–Dec |
//! | quarter | `2024-Q3` | three months |
//! | month | `2024-06` | the month |
//! | date | `2024-06-30` | one day |
//! | school year | `2023/2024` | 1 Sep 2023 – 31 Aug 2024 |

use std::cmp::Ordering;
use std::fmt;

use time::{Date, Month};

/// The first year a period may name.
pub const MIN_YEAR: i32 = 1900;
/// The last year a period may name.
pub const MAX_YEAR: i32 = 2200;
/// The last day a period may name, 2200-12-31 (checked against [`Day::from_ymd`] in the tests).
const LAST_DAY: Day = Day(84_370);

/// A calendar day, stored as a day number (days since 1970-01-01) so that spans subtract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub i32);

/// The Julian day number of 1970-01-01.
const UNIX_EPOCH_JULIAN_DAY: i32 = 2_440_588;

impl Day {
    /// The day for a calendar date, or `None` when the date does not exist.
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<Day> {
        let month = Month::try_from(month).ok()?;
        let date = Date::from_calendar_date(year, month, day).ok()?;
        Some(Day(date.to_julian_day() - UNIX_EPOCH_JULIAN_DAY))
    }

    /// The calendar date `(year, month, day)` of this day.
    pub fn ymd(self) -> (i32, u8, u8) {
        match Date::from_julian_day(self.0 + UNIX_EPOCH_JULIAN_DAY) {
            Ok(date) => (date.year(), u8::from(date.month()), date.day()),
            // Only reachable for days far outside MIN_YEAR..=MAX_YEAR, which no parser produces.
            Err(_) => (1970, 1, 1),
        }
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Day, PeriodError> {
        match Period::parse(text)? {
            Period::Date(day) => Ok(day),
            _ => Err(PeriodError::NotADate),
        }
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Day) -> i32 {
        later.0 - self.0
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

/// A named span of days in one of the six documented forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Period {
    /// A calendar year, `2024`.
    Year(i32),
    /// A half-year, `2024-H1` (half 1 or 2).
    Half(i32, u8),
    /// A quarter, `2024-Q3` (quarter 1 to 4).
    Quarter(i32, u8),
    /// A month, `2024-06`.
    Month(i32, u8),
    /// A single day, `2024-06-30`.
    Date(Day),
    /// A school year (学年) starting on 1 September of the given year: `2023/2024`.
    SchoolYear(i32),
}

/// Why a period string was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PeriodError {
    /// The string matches none of the six forms.
    Form,
    /// The year lies outside 1900–2200.
    YearRange,
    /// Month, quarter, half or day out of range (e.g. `2024-13`, `2023-02-29`).
    NoSuchDay,
    /// A school year whose two years are not consecutive (`2023/2025`).
    SchoolYearNotConsecutive,
    /// A period where only a single date is allowed.
    NotADate,
}

impl PeriodError {
    /// A short explanation in Chinese.
    pub fn zh(&self) -> &'static str {
        match self {
            PeriodError::Form => {
                "格式应为 2024、2024-H1、2024-Q3、2024-06、2024-06-30 或 2023/2024（学年）之一"
            }
            PeriodError::YearRange => "年份应在 1900 至 2200 之间",
            PeriodError::NoSuchDay => "月份、季度、半年或日期不存在",
            PeriodError::SchoolYearNotConsecutive => "学年的两个年份应相邻，如 2023/2024",
            PeriodError::NotADate => "此处应为具体日期，格式 2024-06-30",
        }
    }

    /// A short explanation in English.
    pub fn en(&self) -> &'static str {
        match self {
            PeriodError::Form => {
                "expected one of 2024, 2024-H1, 2024-Q3, 2024-06, 2024-06-30 or 2023/2024 (school year)"
            }
            PeriodError::YearRange => "the year must lie between 1900 and 2200",
            PeriodError::NoSuchDay => "no such month, quarter, half-year or day",
            PeriodError::SchoolYearNotConsecutive => {
                "a school year names two consecutive years, like 2023/2024"
            }
            PeriodError::NotADate => "a single date is expected here, like 2024-06-30",
        }
    }
}

fn digits(s: &str, n: usize) -> Option<u32> {
    if s.len() == n && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

fn year(s: &str) -> Result<i32, PeriodError> {
    let y = digits(s, 4).ok_or(PeriodError::Form)? as i32;
    if (MIN_YEAR..=MAX_YEAR).contains(&y) {
        Ok(y)
    } else {
        Err(PeriodError::YearRange)
    }
}

impl Period {
    /// Parses one of the six documented forms.
    pub fn parse(text: &str) -> Result<Period, PeriodError> {
        if let Some((a, b)) = text.split_once('/') {
            let (a, b) = (year(a)?, year(b)?);
            return if b == a + 1 {
                Ok(Period::SchoolYear(a))
            } else {
                Err(PeriodError::SchoolYearNotConsecutive)
            };
        }
        let mut parts = text.split('-');
        let y = year(parts.next().unwrap_or(""))?;
        let second = parts.next();
        let third = parts.next();
        if parts.next().is_some() {
            return Err(PeriodError::Form);
        }
        let period = match (second, third) {
            (None, _) => Period::Year(y),
            (Some(h), None) if h.len() == 2 && h.starts_with('H') => {
                let n = digits(&h[1..], 1).ok_or(PeriodError::Form)? as u8;
                Period::Half(y, n)
            }
            (Some(q), None) if q.len() == 2 && q.starts_with('Q') => {
                let n = digits(&q[1..], 1).ok_or(PeriodError::Form)? as u8;
                Period::Quarter(y, n)
            }
            (Some(m), None) => Period::Month(y, digits(m, 2).ok_or(PeriodError::Form)? as u8),
            (Some(m), Some(d)) => {
                let m = digits(m, 2).ok_or(PeriodError::Form)? as u8;
                let d = digits(d, 2).ok_or(PeriodError::Form)? as u8;
                Period::Date(Day::from_ymd(y, m, d).ok_or(PeriodError::NoSuchDay)?)
            }
        };
        let in_range = match period {
            Period::Half(_, n) => (1..=2).contains(&n),
            Period::Quarter(_, n) => (1..=4).contains(&n),
            Period::Month(_, m) => (1..=12).contains(&m),
            _ => true,
        };
        if in_range {
            Ok(period)
        } else {
            Err(PeriodError::NoSuchDay)
        }
    }

    /// The period of the same form that follows this one: the next day, month, quarter,
    /// half-year, year or school year. `None` after the last period that can be named (the
    /// year 2200, or the school year 2199/2200).
    pub fn next(&self) -> Option<Period> {
        // The period that follows, and the last year it touches.
        let (next, last_year) = match *self {
            Period::Date(d) => return (d < LAST_DAY).then_some(Period::Date(Day(d.0 + 1))),
            Period::Year(y) => (Period::Year(y + 1), y + 1),
            Period::Half(y, 1) => (Period::Half(y, 2), y),
            Period::Half(y, _) => (Period::Half(y + 1, 1), y + 1),
            Period::Quarter(y, q) if q < 4 => (Period::Quarter(y, q + 1), y),
            Period::Quarter(y, _) => (Period::Quarter(y + 1, 1), y + 1),
            Period::Month(y, m) if m < 12 => (Period::Month(y, m + 1), y),
            Period::Month(y, _) => (Period::Month(y + 1, 1), y + 1),
            Period::SchoolYear(y) => (Period::SchoolYear(y + 1), y + 2),
        };
        (last_year <= MAX_YEAR).then_some(next)
    }

    /// The first day of the period.
    pub fn start(&self) -> Day {
        let ymd = |y, m, d| Day::from_ymd(y, m, d).unwrap_or(Day(0));
        match *self {
            Period::Year(y) => ymd(y, 1, 1),
            Period::Half(y, h) => ymd(y, 1 + 6 * (h - 1), 1),
            Period::Quarter(y, q) => ymd(y, 1 + 3 * (q - 1), 1),
            Period::Month(y, m) => ymd(y, m, 1),
            Period::Date(d) => d,
            Period::SchoolYear(y) => ymd(y, 9, 1),
        }
    }

    /// The last day of the period (inclusive): a target for `2025` is due on 2025-12-31.
    pub fn end(&self) -> Day {
        let last_of_month = |y: i32, m: u8| {
            let month = Month::try_from(m).unwrap_or(Month::December);
            Day::from_ymd(y, m, month.length(y)).unwrap_or(Day(0))
        };
        match *self {
            Period::Year(y) => last_of_month(y, 12),
            Period::Half(y, h) => last_of_month(y, 6 * h),
            Period::Quarter(y, q) => last_of_month(y, 3 * q),
            Period::Month(y, m) => last_of_month(y, m),
            Period::Date(d) => d,
            Period::SchoolYear(y) => last_of_month(y + 1, 8),
        }
    }

    /// Number of days in the period.
    pub fn len_days(&self) -> i32 {
        self.end().0 - self.start().0 + 1
    }

    /// Orders periods by their end, then by their start (of two periods ending on the same day,
    /// the longer comes first: `2024` before `2024-12`).
    pub fn cmp_end(&self, other: &Period) -> Ordering {
        self.end()
            .cmp(&other.end())
            .then(self.start().cmp(&other.start()))
    }

    /// A label in Chinese, e.g. `2024年`, `2024年上半年`, `2023—2024学年`.
    pub fn label_zh(&self) -> String {
        match *self {
            Period::Year(y) => format!("{y}年"),
            Period::Half(y, 1) => format!("{y}年上半年"),
            Period::Half(y, _) => format!("{y}年下半年"),
            Period::Quarter(y, q) => format!(
                "{y}年第{}季度",
                ["一", "二", "三", "四"][(q as usize - 1).min(3)]
            ),
            Period::Month(y, m) => format!("{y}年{m}月"),
            Period::Date(d) => {
                let (y, m, d) = d.ymd();
                format!("{y}年{m}月{d}日")
            }
            Period::SchoolYear(y) => format!("{y}—{}学年", y + 1),
        }
    }

    /// A label in English, e.g. `2024`, `H1 2024`, `Q3 2024`, `Jun 2024`, `2023/24 school year`.
    pub fn label_en(&self) -> String {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let month = |m: u8| MONTHS[(m.clamp(1, 12) - 1) as usize];
        match *self {
            Period::Year(y) => format!("{y}"),
            Period::Half(y, h) => format!("H{h} {y}"),
            Period::Quarter(y, q) => format!("Q{q} {y}"),
            Period::Month(y, m) => format!("{} {y}", month(m)),
            Period::Date(d) => {
                let (y, m, d) = d.ymd();
                format!("{d} {} {y}", month(m))
            }
            Period::SchoolYear(y) => format!("{y}/{:02} school year", (y + 1) % 100),
        }
    }

    /// A label for chart axes and gauges in the words readers use, in Chinese: `2025年6月`,
    /// `2025年上半年`, `2025年第三季度` (as [`Period::label_zh`] writes it), `2025年6月30日`,
    /// `2025年`, `2023—24学年`. With `in_year` the year is left out of periods within one
    /// calendar year (`6月`, `上半年`, `第三季度`, `6月30日`), for an axis that writes the year
    /// once.
    pub fn label_axis_zh(&self, in_year: bool) -> String {
        let year = |y: i32| {
            if in_year {
                String::new()
            } else {
                format!("{y}年")
            }
        };
        match *self {
            Period::Year(y) => format!("{y}年"),
            Period::Half(y, h) => format!("{}{}半年", year(y), if h == 1 { "上" } else { "下" }),
            Period::Quarter(y, q) => format!(
                "{}第{}季度",
                year(y),
                ["一", "二", "三", "四"][(q as usize).clamp(1, 4) - 1]
            ),
            Period::Month(y, m) => format!("{}{m}月", year(y)),
            Period::Date(d) => {
                let (y, m, d) = d.ymd();
                format!("{}{m}月{d}日", year(y))
            }
            Period::SchoolYear(y) => format!("{y}—{:02}学年", (y + 1) % 100),
        }
    }

    /// [`Period::label_axis_zh`] in English: `Jun 2025`, `H1 2025`, `Q3 2025`, `30 Jun 2025`,
    /// `2025`, `2023/24`; with `in_year`, `Jun`, `H1`, `Q3`, `30 Jun`.
    pub fn label_axis_en(&self, in_year: bool) -> String {
        let full = self.label_en();
        match *self {
            Period::Year(_) => full,
            Period::SchoolYear(y) => format!("{y}/{:02}", (y + 1) % 100),
            _ if in_year => full
                .rsplit_once(' ')
                .map_or(full.clone(), |(head, _)| head.to_string()),
            _ => full,
        }
    }

    /// The calendar year a period lies in when it is shorter than a year (a half, quarter,
    /// month or day); `None` for a year or school year.
    pub fn within_year(&self) -> Option<i32> {
        match *self {
            Period::Half(y, _) | Period::Quarter(y, _) | Period::Month(y, _) => Some(y),
            Period::Date(d) => Some(d.ymd().0),
            Period::Year(_) | Period::SchoolYear(_) => None,
        }
    }
}

impl fmt::Display for Period {
    /// The canonical string form, the one [`Period::parse`] reads.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Period::Year(y) => write!(f, "{y}"),
            Period::Half(y, h) => write!(f, "{y}-H{h}"),
            Period::Quarter(y, q) => write!(f, "{y}-Q{q}"),
            Period::Month(y, m) => write!(f, "{y}-{m:02}"),
            Period::Date(d) => write!(f, "{d}"),
            Period::SchoolYear(y) => write!(f, "{y}/{}", y + 1),
        }
    }
}

/// Years from `a` to `b` counted on the calendar: whole anniversaries plus the fraction of the
/// next year (so 2023-12-31 → 2024-12-31 is exactly 1).
pub fn years_between(a: Day, b: Day) -> f64 {
    if b < a {
        return -years_between(b, a);
    }
    let (ya, ma, da) = a.ymd();
    // The same month and day n years on (28 Feb for 29 Feb in a common year).
    let anniversary = |n: i32| -> Day {
        (1..=da)
            .rev()
            .find_map(|d| Day::from_ymd(ya + n, ma, d))
            .unwrap_or(Day(a.0.saturating_add(n.saturating_mul(365))))
    };
    let (yb, _, _) = b.ymd();
    let mut n = yb - ya;
    while n > 0 && anniversary(n) > b {
        n -= 1;
    }
    let from = anniversary(n);
    let to = anniversary(n + 1);
    n as f64 + (b.0 - from.0) as f64 / (to.0 - from.0).max(1) as f64
}

/// Whole years elapsed from `a` to `b` (the steps of an `annualChange`).
pub fn whole_years(a: Day, b: Day) -> f64 {
    (years_between(a, b) + 1e-9).floor().max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        Period::parse(s).unwrap()
    }

    #[test]
    fn every_form_round_trips_and_spans_its_days() {
        let cases = [
            ("2024", "2024-01-01", "2024-12-31"),
            ("2024-H1", "2024-01-01", "2024-06-30"),
            ("2024-H2", "2024-07-01", "2024-12-31"),
            ("2024-Q1", "2024-01-01", "2024-03-31"),
            ("2024-Q4", "2024-10-01", "2024-12-31"),
            ("2024-02", "2024-02-01", "2024-02-29"),
            ("2023-02", "2023-02-01", "2023-02-28"),
            ("2024-06-30", "2024-06-30", "2024-06-30"),
            ("2023/2024", "2023-09-01", "2024-08-31"),
        ];
        for (text, start, end) in cases {
            let period = p(text);
            assert_eq!(period.to_string(), text);
            assert_eq!(period.start().to_string(), start, "{text}");
            assert_eq!(period.end().to_string(), end, "{text}");
        }
        assert_eq!(p("2024").len_days(), 366);
        assert_eq!(p("2023/2024").len_days(), 366);
    }

    #[test]
    fn bad_forms_are_refused_with_a_reason() {
        assert_eq!(Period::parse("2024年"), Err(PeriodError::Form));
        assert_eq!(Period::parse("24"), Err(PeriodError::Form));
        assert_eq!(Period::parse(""), Err(PeriodError::Form));
        assert_eq!(Period::parse("2024-6"), Err(PeriodError::Form));
        assert_eq!(Period::parse("2024-H3"), Err(PeriodError::NoSuchDay));
        assert_eq!(Period::parse("2024-Q0"), Err(PeriodError::NoSuchDay));
        assert_eq!(Period::parse("2024-13"), Err(PeriodError::NoSuchDay));
        assert_eq!(Period::parse("2023-02-29"), Err(PeriodError::NoSuchDay));
        assert_eq!(Period::parse("2024-06-31"), Err(PeriodError::NoSuchDay));
        assert_eq!(Period::parse("1899"), Err(PeriodError::YearRange));
        assert_eq!(
            Period::parse("2023/2025"),
            Err(PeriodError::SchoolYearNotConsecutive)
        );
        assert_eq!(Period::parse("2024-06-30-1"), Err(PeriodError::Form));
        assert_eq!(Period::parse("２０２４"), Err(PeriodError::Form));
        assert_eq!(Day::parse("2024"), Err(PeriodError::NotADate));
    }

    #[test]
    fn ordering_is_by_end_then_longer_first() {
        let mut ps = [
            p("2025"),
            p("2024-12"),
            p("2024"),
            p("2024-H1"),
            p("2023/2024"),
        ];
        ps.sort_by(|a, b| a.cmp_end(b));
        let got: Vec<String> = ps.iter().map(|x| x.to_string()).collect();
        assert_eq!(got, ["2024-H1", "2023/2024", "2024", "2024-12", "2025"]);
    }

    #[test]
    fn next_follows_with_the_same_form() {
        let cases = [
            ("2024", "2025"),
            ("2024-H1", "2024-H2"),
            ("2024-H2", "2025-H1"),
            ("2024-Q3", "2024-Q4"),
            ("2024-Q4", "2025-Q1"),
            ("2024-11", "2024-12"),
            ("2024-12", "2025-01"),
            ("2024-02-28", "2024-02-29"),
            ("2024-02-29", "2024-03-01"),
            ("2023-02-28", "2023-03-01"),
            ("2024-12-31", "2025-01-01"),
            ("2023/2024", "2024/2025"),
            ("1900-01-01", "1900-01-02"),
        ];
        for (a, b) in cases {
            let next = p(a).next().unwrap();
            assert_eq!(next.to_string(), b, "{a}");
            // Consecutive: no gap and no overlap.
            assert_eq!(next.start().0, p(a).end().0 + 1, "{a}");
        }
    }

    #[test]
    fn next_stops_after_the_last_period() {
        for last in [
            "2200",
            "2200-H2",
            "2200-Q4",
            "2200-12",
            "2200-12-31",
            "2199/2200",
        ] {
            assert_eq!(p(last).next(), None, "{last}");
        }
        assert_eq!(Day::from_ymd(MAX_YEAR, 12, 31), Some(LAST_DAY));
        assert_eq!(p("2200-12-30").next(), Some(p("2200-12-31")));
        assert_eq!(p("2198/2199").next(), Some(p("2199/2200")));
        // Every day from the first to the last, one step at a time.
        let mut day = p("1900-01-01");
        let mut steps = 0;
        while let Some(next) = day.next() {
            day = next;
            steps += 1;
        }
        assert_eq!(day, p("2200-12-31"));
        assert_eq!(steps, LAST_DAY.0 - Day::from_ymd(MIN_YEAR, 1, 1).unwrap().0);
    }

    #[test]
    fn labels() {
        assert_eq!(p("2024-H1").label_zh(), "2024年上半年");
        assert_eq!(p("2024-Q3").label_zh(), "2024年第三季度");
        assert_eq!(p("2023/2024").label_zh(), "2023—2024学年");
        assert_eq!(p("2024-06").label_en(), "Jun 2024");
        let axis = |s: &str, in_year: bool| {
            let q = p(s);
            (q.label_axis_zh(in_year), q.label_axis_en(in_year))
        };
        let own = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(axis("2025-06", false), own("2025年6月", "Jun 2025"));
        assert_eq!(axis("2025-06", true), own("6月", "Jun"));
        assert_eq!(axis("2025-H1", false), own("2025年上半年", "H1 2025"));
        assert_eq!(axis("2025-H2", true), own("下半年", "H2"));
        assert_eq!(axis("2025-Q3", false), own("2025年第三季度", "Q3 2025"));
        assert_eq!(axis("2025-Q3", true), own("第三季度", "Q3"));
        assert_eq!(axis("2025-06-30", true), own("6月30日", "30 Jun"));
        assert_eq!(axis("2025", true), own("2025年", "2025"));
        assert_eq!(axis("2023/2024", true), own("2023—24学年", "2023/24"));
        assert_eq!(p("2025-06").within_year(), Some(2025));
        assert_eq!(p("2025").within_year(), None);
        assert_eq!(Day::from_ymd(1970, 1, 1), Some(Day(0)));
        assert_eq!(Day(19_723).to_string(), "2024-01-01");
    }
}
