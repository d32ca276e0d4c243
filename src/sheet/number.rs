//! How a number written as text in a sheet is read: as a person means it.
//!
//! The rules (also in `docs/spreadsheets.md`):
//!
//! - Spaces around it are ignored (also the full-width space and the no-break space).
//! - Full-width digits and signs are read as their ASCII forms: `１２３` is 123, `６６．５％` is
//!   66.5 %, `－３` is −3; the minus sign `−` (U+2212) is a minus.
//! - A trailing `%` (or `％`) says the number is in percent: `66.5%` is 66.5 (percentage
//!   points, as the file format stores percentages), not 0.665. The importer accepts it only for
//!   indicators whose unit is `%`.
//! - Commas (`,` or `，`) group thousands and are dropped, but only in groups of three digits
//!   before the decimal point: `1,234` and `1,234,567.5` are read; `1,5` and `12,34` are refused
//!   (a decimal comma cannot be told from a thousands comma).
//! - Otherwise the text is a decimal number: an optional sign, digits with an optional decimal
//!   point, an optional exponent (`1.5E+3`, as spreadsheet programs write large numbers in CSV).
//!   Anything else (`约70`, `七十`, `70 所`, `—`) is not a number.

/// A number read from text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TextNumber {
    /// The number, in the unit written (`66.5%` gives 66.5).
    pub value: f64,
    /// The text ended with a percent sign.
    pub percent: bool,
}

/// Why a text is not a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberError {
    /// The text is empty (after trimming): nothing was filled in.
    Empty,
    /// A comma that does not group three digits (`1,5`).
    Grouping,
    /// Not a decimal number at all.
    NotNumber,
}

impl NumberError {
    /// A short explanation in Chinese.
    pub fn zh(self) -> &'static str {
        match self {
            NumberError::Empty => "为空",
            NumberError::Grouping => "逗号只能用作千位分隔（如 1,234），小数点请用“.”",
            NumberError::NotNumber => "不是数字：只填数字，如 66.5、66.5%、1,234",
        }
    }

    /// A short explanation in English.
    pub fn en(self) -> &'static str {
        match self {
            NumberError::Empty => "empty",
            NumberError::Grouping => {
                "a comma may only group thousands (1,234); write the decimal point as '.'"
            }
            NumberError::NotNumber => "not a number: write digits only, like 66.5, 66.5% or 1,234",
        }
    }
}

/// Full-width forms (U+FF01–U+FF5E) to ASCII, the minus sign to `-`; spaces dropped at the ends.
pub fn normalize(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{2212}' => '-',
            '\u{3000}' | '\u{00A0}' => ' ',
            _ => c,
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// Reads a number written as text, by the rules of this module's documentation.
pub fn parse(text: &str) -> Result<TextNumber, NumberError> {
    let t = normalize(text);
    if t.is_empty() {
        return Err(NumberError::Empty);
    }
    let (body, percent) = match t.strip_suffix('%') {
        Some(b) => (b.trim_end(), true),
        None => (t.as_str(), false),
    };
    let plain = ungroup(body)?;
    if !is_decimal(&plain) {
        return Err(NumberError::NotNumber);
    }
    match plain.parse::<f64>() {
        Ok(value) if value.is_finite() => Ok(TextNumber { value, percent }),
        _ => Err(NumberError::NotNumber),
    }
}

/// Drops thousands commas when they group digits in threes before the decimal point.
fn ungroup(body: &str) -> Result<String, NumberError> {
    if !body.contains(',') {
        return Ok(body.to_string());
    }
    let (sign, rest) = match body.strip_prefix(['+', '-']) {
        Some(r) => (&body[..1], r),
        None => ("", body),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    if frac.is_some_and(|f| f.contains(',')) {
        return Err(NumberError::Grouping);
    }
    let groups: Vec<&str> = int.split(',').collect();
    let first_ok = (1..=3).contains(&groups[0].len());
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    let digits = groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    if !digits {
        return Err(NumberError::NotNumber);
    }
    if !(first_ok && rest_ok) {
        return Err(NumberError::Grouping);
    }
    let mut out = format!("{sign}{}", groups.concat());
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    Ok(out)
}

/// `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`
fn is_decimal(s: &str) -> bool {
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, f),
        None => (mantissa, ""),
    };
    let all_digits = |x: &str| x.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = (!int.is_empty() || !frac.is_empty()) && all_digits(int) && all_digits(frac);
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && all_digits(e)
    });
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> (f64, bool) {
        let n = parse(text).unwrap_or_else(|e| panic!("{text:?}: {e:?}"));
        (n.value, n.percent)
    }

    #[test]
    fn reads_numbers_as_people_write_them() {
        assert_eq!(ok("66.5"), (66.5, false));
        assert_eq!(ok(" 66.5% "), (66.5, true));
        assert_eq!(ok("66.5 %"), (66.5, true));
        assert_eq!(ok("１２３"), (123.0, false));
        assert_eq!(ok("６６．５％"), (66.5, true));
        assert_eq!(ok("1,234"), (1234.0, false));
        assert_eq!(ok("1，234，567.25"), (1_234_567.25, false));
        assert_eq!(ok("-3"), (-3.0, false));
        assert_eq!(ok("－３"), (-3.0, false));
        assert_eq!(ok("\u{2212}0.5"), (-0.5, false));
        assert_eq!(ok(".5"), (0.5, false));
        assert_eq!(ok("1.5E+3"), (1500.0, false));
        assert_eq!(ok("\u{3000}70\u{00A0}"), (70.0, false));
    }

    #[test]
    fn refuses_what_is_not_a_number() {
        assert_eq!(parse(""), Err(NumberError::Empty));
        assert_eq!(parse("  "), Err(NumberError::Empty));
        assert_eq!(parse("1,5"), Err(NumberError::Grouping));
        assert_eq!(parse("12,34"), Err(NumberError::Grouping));
        assert_eq!(parse("1,2345"), Err(NumberError::Grouping));
        assert_eq!(parse("1.234,5"), Err(NumberError::Grouping));
        for bad in [
            "约70", "七十", "70所", "—", "-", ".", "1.2.3", "e5", "1e", "NaN", "inf", "%", "0x10",
            "1,a34",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} was read");
        }
        assert_eq!(parse("1e999"), Err(NumberError::NotNumber));
    }
}
