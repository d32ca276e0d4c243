//! Line breaking and ellipsizing, measured through [`TextMeasure`].
//!
//! Chinese may break between any two characters; Latin words and numbers stay whole when they
//! fit on a line; closing punctuation (`，。、）”` …) never starts a line and opening punctuation
//! (`（“《` …) never ends one.

use std::cell::RefCell;
use std::collections::HashMap;

use super::list::TextMeasure;

/// The ellipsis appended to shortened text.
pub const ELLIPSIS: char = '…';

/// Punctuation that must not start a line.
pub fn is_closing(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '！'
            | '？'
            | '）'
            | '”'
            | '’'
            | '」'
            | '』'
            | '》'
            | '】'
            | '〉'
            | '…'
            | '%'
            | ','
            | '.'
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | ']'
    )
}

/// Punctuation that must not end a line.
pub fn is_opening(c: char) -> bool {
    matches!(
        c,
        '（' | '“' | '‘' | '「' | '『' | '《' | '【' | '〈' | '(' | '['
    )
}

/// True for characters that join into unbreakable Latin words and numbers.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | ',' | '%' | '-' | '_' | '/' | '\'' | '+')
}

/// Splits text into atoms: a Latin word or number, a single space, or a single other character.
fn atoms(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if is_word_char(c) {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            out.push(&text[s..i]);
        }
        out.push(&text[i..i + c.len_utf8()]);
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// The ideograph whose width stands for every CJK ideograph's (see [`width_by_parts`]).
pub const IDEOGRAPH: &str = "国";

/// CJK Unified Ideographs and Extension A.
pub fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// Characters whose advance does not depend on their neighbours in the fonts the widget draws
/// with: ideographs, ASCII digits, and the spaces and punctuation that sit next to numbers.
fn is_additive(c: char) -> bool {
    is_ideograph(c)
        || c.is_ascii_digit()
        || matches!(
            c,
            ' ' | '.'
                | ','
                | '%'
                | '+'
                | '-'
                | '\u{2212}'
                | ':'
                | '/'
                | '('
                | ')'
                | '·'
                | '—'
                | '–'
                | '，'
                | '。'
                | '、'
                | '：'
                | '；'
                | '（'
                | '）'
                | '“'
                | '”'
                | '《'
                | '》'
        )
}

/// The width of `text` from the widths of pieces measured once per font, for a measure whose
/// every call is expensive (the browser's `measureText`): CJK fonts give every ideograph the
/// same advance and no kerning, so a run of ideographs is [`IDEOGRAPH`]'s width times its
/// length; a text of ideographs, digits and number punctuation ("目标 2026 年 80%") is the sum
/// of its characters' widths. `None` when the text has to be measured whole ([`IDEOGRAPH`]
/// itself, any other single character, anything with letters). `part` measures one piece.
pub fn width_by_parts(text: &str, mut part: impl FnMut(&str) -> f32) -> Option<f32> {
    if text.is_empty() || text == IDEOGRAPH {
        return None;
    }
    if text.chars().all(is_ideograph) {
        return Some(part(IDEOGRAPH) * text.chars().count() as f32);
    }
    if text.chars().nth(1).is_none() || !text.chars().all(is_additive) {
        return None;
    }
    let mut buf = [0u8; 4];
    Some(
        text.chars()
            .map(|c| {
                if is_ideograph(c) {
                    part(IDEOGRAPH)
                } else {
                    part(c.encode_utf8(&mut buf))
                }
            })
            .sum(),
    )
}

/// A measure that asks another one once per distinct text, size and weight and remembers the
/// answer for the rest of a layout: a layout asks for the same atoms (a space, a common
/// character, a year) and the same labels many times, and in the browser every question goes
/// to the canvas measure. Answers are the wrapped measure's own, so layout is unchanged.
pub struct MeasureCache<'a> {
    inner: &'a dyn TextMeasure,
    /// Widths by font (size bits and weight; a layout uses a handful), most recent first.
    fonts: RefCell<Vec<FontWidths>>,
}

/// The widths measured in one font.
struct FontWidths {
    size: u32,
    bold: bool,
    /// Single characters (most questions: the atoms of line breaking) by code point.
    chars: HashMap<char, f32, Fx>,
    /// Longer texts.
    texts: HashMap<Box<str>, f32, Fx>,
}

impl<'a> MeasureCache<'a> {
    /// An empty cache in front of `inner`.
    pub fn new(inner: &'a dyn TextMeasure) -> MeasureCache<'a> {
        MeasureCache {
            inner,
            fonts: RefCell::default(),
        }
    }
}

impl TextMeasure for MeasureCache<'_> {
    fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let size = size.to_bits();
        let mut fonts = self.fonts.borrow_mut();
        let at = match fonts.iter().position(|f| f.size == size && f.bold == bold) {
            Some(at) => at,
            None => {
                fonts.push(FontWidths {
                    size,
                    bold,
                    chars: HashMap::with_capacity_and_hasher(256, Fx::default()),
                    texts: HashMap::with_capacity_and_hasher(64, Fx::default()),
                });
                fonts.len() - 1
            }
        };
        // Runs of text come in one font: keep the font just used at the front.
        if at > 0 {
            fonts.swap(0, at);
        }
        let font = &mut fonts[0];
        let mut chars = text.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return *font
                .chars
                .entry(c)
                .or_insert_with(|| self.inner.width(text, f32::from_bits(size), bold));
        }
        if let Some(&w) = font.texts.get(text) {
            return w;
        }
        let w = self.inner.width(text, f32::from_bits(size), bold);
        font.texts.insert(text.into(), w);
        w
    }
}

/// A fast hash for short keys (FxHash, from `rustc-hash`), for layout's maps of texts and ids:
/// their keys are short strings no adversary picks to collide (a map of section ids holds at most
/// the plan's sections), and SipHash would cost more than measuring them.
pub(crate) type Fx = rustc_hash::FxBuildHasher;

/// How to measure: the measure, a font size and weight.
#[derive(Clone, Copy)]
pub struct Font<'a> {
    /// The measure.
    pub measure: &'a dyn TextMeasure,
    /// Size in px.
    pub size: f32,
    /// Bold weight.
    pub bold: bool,
}

impl Font<'_> {
    /// Width of `text`.
    pub fn width(&self, text: &str) -> f32 {
        let w = self.measure.width(text, self.size, self.bold);
        if w.is_finite() {
            w.max(0.0)
        } else {
            0.0
        }
    }

    /// True when `text` fits in `max_w`.
    pub fn fits(&self, text: &str, max_w: f32) -> bool {
        self.width(text) <= max_w + 0.01
    }
}

/// Wraps text into lines no wider than `max_w`. Explicit newlines are kept. Never returns a line
/// wider than `max_w` unless a single character is wider (then that character is dropped).
pub fn wrap(text: &str, font: Font, max_w: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        wrap_paragraph(para, font, max_w, &mut lines);
    }
    lines
}

/// How far, in em, the width of a run of text may differ from the sum of its atoms' widths
/// (kerning across atom boundaries, rounding): within this margin of the line's limit, the
/// candidate line is measured whole.
const ADDITIVE_SLACK_EM: f32 = 0.15;

fn wrap_paragraph(text: &str, font: Font, max_w: f32, lines: &mut Vec<String>) {
    let mut line: Vec<&str> = Vec::new();
    let mut queue: Vec<&str> = atoms(text);
    queue.reverse();
    // The line's width as the sum of its atoms' widths. Atoms repeat (single characters, common
    // words) so their widths come from the measure's cache; the whole candidate line is measured
    // only when that sum lies near the limit, so a paragraph costs about one measurement per new
    // atom instead of one per prefix.
    let mut line_w = 0.0_f32;
    let slack = ADDITIVE_SLACK_EM * font.size.abs();
    while let Some(atom) = queue.pop() {
        if line.is_empty() && atom == " " {
            continue;
        }
        let atom_w = font.width(atom);
        let sum = line_w + atom_w;
        let fits = if line.is_empty() {
            atom_w <= max_w + 0.01
        } else if sum <= max_w + 0.01 - slack {
            true
        } else if sum > max_w + 0.01 + slack {
            false
        } else {
            let candidate: String = line.iter().copied().chain([atom]).collect();
            font.fits(&candidate, max_w)
        };
        if fits {
            line.push(atom);
            line_w = sum;
            continue;
        }
        if line.is_empty() {
            // A single atom wider than the line: split it by characters.
            split_wide_atom(atom, font, max_w, &mut queue, lines);
            continue;
        }
        // Keep closing punctuation off the next line's start and opening punctuation off this
        // line's end by carrying atoms down, as long as the line keeps something.
        queue.push(atom);
        while line.len() > 1 && should_carry(&line, queue.last().copied()) {
            if let Some(a) = line.pop() {
                queue.push(a);
            }
        }
        lines.push(line.concat().trim_end().to_string());
        line.clear();
        line_w = 0.0;
    }
    let last = line.concat().trim_end().to_string();
    if !last.is_empty() || lines.is_empty() {
        lines.push(last);
    }
}

fn should_carry(line: &[&str], next: Option<&str>) -> bool {
    let starts_closing = next.and_then(|n| n.chars().next()).is_some_and(is_closing);
    let ends_opening = line
        .last()
        .and_then(|a| a.chars().last())
        .is_some_and(is_opening);
    starts_closing || ends_opening
}

fn split_wide_atom<'t>(
    atom: &'t str,
    font: Font,
    max_w: f32,
    queue: &mut Vec<&'t str>,
    lines: &mut Vec<String>,
) {
    let mut end = 0;
    for (i, c) in atom.char_indices() {
        if font.fits(&atom[..i + c.len_utf8()], max_w) {
            end = i + c.len_utf8();
        } else {
            break;
        }
    }
    if end == 0 {
        // Not even one character fits: drop it rather than overflow.
        let skip = atom.chars().next().map_or(atom.len(), char::len_utf8);
        if skip < atom.len() {
            queue.push(&atom[skip..]);
        }
        return;
    }
    lines.push(atom[..end].to_string());
    if end < atom.len() {
        queue.push(&atom[end..]);
    }
}

/// Shortens text to one line within `max_w`, ending in "…" when cut. Returns an empty string
/// when not even "…" fits.
pub fn ellipsize(text: &str, font: Font, max_w: f32) -> String {
    ellipsize_measured(text, font, max_w).0
}

/// [`ellipsize`] with the width of the returned line (0 when it is empty), measured on the way.
pub fn ellipsize_measured(text: &str, font: Font, max_w: f32) -> (String, f32) {
    let one_line: String = text.replace('\n', " ");
    let w = font.width(&one_line);
    if w <= max_w + 0.01 {
        return (one_line, w);
    }
    cut_measured(&one_line, font, max_w)
}

/// The longest prefix of `text` that fits in `max_w` with "…" appended (always appended), or an
/// empty string when not even "…" fits.
fn cut_with_ellipsis(text: &str, font: Font, max_w: f32) -> String {
    cut_measured(text, font, max_w).0
}

/// [`cut_with_ellipsis`] with the width of the result.
fn cut_measured(text: &str, font: Font, max_w: f32) -> (String, f32) {
    let chars: Vec<char> = text.chars().collect();
    let with = |n: usize| -> String { chars[..n].iter().chain([&ELLIPSIS]).collect() };
    let (mut lo, mut hi) = (0usize, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if font.fits(&with(mid), max_w) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let mut n = lo;
    while n > 0 && (matches!(chars[n - 1], ' ' | '，' | '、' | ',') || is_opening(chars[n - 1])) {
        n -= 1;
    }
    let out = with(n);
    let w = font.width(&out);
    if w <= max_w + 0.01 {
        (out, w)
    } else {
        (String::new(), 0.0)
    }
}

/// Joins wrapped lines back into one string, restoring the space between Latin words.
fn rejoin(lines: &[String]) -> String {
    let mut out = String::new();
    for l in lines {
        let word_gap = out
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric())
            && l.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
        if word_gap {
            out.push(' ');
        }
        out.push_str(l);
    }
    out
}

/// Wraps into at most `max_lines` lines; the last kept line ends in "…" when text remains.
pub fn wrap_max(text: &str, font: Font, max_w: f32, max_lines: usize) -> Vec<String> {
    if max_lines == 0 {
        return Vec::new();
    }
    let mut lines = wrap(text, font, max_w);
    if lines.len() > max_lines {
        let rest = rejoin(&lines[max_lines - 1..]);
        lines.truncate(max_lines - 1);
        lines.push(cut_with_ellipsis(&rest, font, max_w));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::width_by_parts;

    #[test]
    fn widths_by_parts_sum_characters_and_keep_words_whole() {
        let mut asked = Vec::new();
        let mut part = |p: &str| {
            asked.push(p.to_string());
            p.chars().count() as f32 * 10.0
        };
        // Ideograph runs: one ideograph, times the length.
        assert_eq!(width_by_parts("规划目标", &mut part), Some(40.0));
        // Ideographs, digits and number punctuation: the sum of the characters.
        assert_eq!(width_by_parts("目标 80%", &mut part), Some(60.0));
        // A single ideograph (what line wrapping asks most) stands for all of them.
        assert_eq!(width_by_parts("盐", &mut part), Some(10.0));
        // Letters (kerning), other single characters, the stand-in itself and empty text are
        // measured whole.
        assert_eq!(width_by_parts("Target 80%", &mut part), None);
        assert_eq!(width_by_parts("8", &mut part), None);
        assert_eq!(width_by_parts("国", &mut part), None);
        assert_eq!(width_by_parts("", &mut part), None);
        assert_eq!(asked, ["国", "国", "国", " ", "8", "0", "%", "国"]);
    }

    use super::*;
    use crate::layout::list::EstimateMeasure;

    fn font() -> Font<'static> {
        Font {
            measure: &EstimateMeasure,
            size: 10.0,
            bold: false,
        }
    }

    #[test]
    fn the_cache_asks_once_per_text_and_font_and_answers_the_same() {
        struct Counting(std::cell::Cell<usize>);
        impl TextMeasure for Counting {
            fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
                self.0.set(self.0.get() + 1);
                EstimateMeasure.width(text, size, bold)
            }
        }
        let inner = Counting(std::cell::Cell::new(0));
        let cache = MeasureCache::new(&inner);
        let asks = [
            ("一二", 10.0, false),
            ("一二", 10.0, true),
            ("一二", 12.0, false),
            ("ab c", 10.0, false),
            ("", 10.0, false),
        ];
        for _ in 0..3 {
            for (text, size, bold) in asks {
                let want = EstimateMeasure.width(text, size, bold);
                assert_eq!(cache.width(text, size, bold), want, "{text}");
            }
        }
        assert_eq!(inner.0.get(), asks.len());
    }

    #[test]
    fn chinese_breaks_anywhere_but_not_before_closing_punctuation() {
        // Five CJK characters per line at 50px.
        let lines = wrap("一二三四五，六七八", font(), 50.0);
        assert_eq!(lines, ["一二三四", "五，六七八"]);
        for l in &lines {
            assert!(font().fits(l, 50.0));
            assert!(!l.starts_with('，'));
        }
    }

    #[test]
    fn latin_words_and_numbers_stay_whole() {
        let lines = wrap("hello world 2520 schools", font(), 40.0);
        assert!(lines.iter().all(|l| font().fits(l, 40.0)), "{lines:?}");
        assert!(lines.contains(&"2520".to_string()), "{lines:?}");
        let lines = wrap("共建设2520个学位", font(), 60.0);
        assert!(lines.iter().any(|l| l.contains("2520")), "{lines:?}");
    }

    #[test]
    fn too_long_words_split_and_nothing_overflows() {
        let lines = wrap("abcdefghijklmnopqrstuvwxyz", font(), 30.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| font().fits(l, 30.0)));
        assert!(wrap("一", font(), 5.0).iter().all(|l| l.is_empty()));
    }

    #[test]
    fn ellipsis_and_max_lines() {
        assert_eq!(ellipsize("一二三", font(), 100.0), "一二三");
        let e = ellipsize("一二三四五六七八九十", font(), 50.0);
        assert!(e.ends_with('…') && font().fits(&e, 50.0), "{e}");
        assert_eq!(ellipsize("一二三", font(), 3.0), "");
        let lines = wrap_max("一二三四五六七八九十一二三四五", font(), 50.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'), "{lines:?}");
        assert!(lines.iter().all(|l| font().fits(l, 50.0)));
        assert_eq!(wrap_max("一二", font(), 50.0, 2), ["一二"]);
    }
}
