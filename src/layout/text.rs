//! Line breaking and ellipsizing, measured through [`TextMeasure`].
//!
//! Chinese may break between any two characters, with a small break table: closing punctuation
//! and signs (`，。、）」%` …) never start a line and opening punctuation (`（「“《` …) never
//! ends one. Latin words and numbers stay whole when they fit on a line, and so do short
//! Chinese words standing between spaces, punctuation or numbers (`已达成`, `存在风险`). A
//! line breaks at punctuation or between words when one lies near its end, and no line is left
//! with one character alone.

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
            | '〕'
            | '］'
            | '｝'
            | '…'
            | '·'
            | '～'
            | '%'
            | '％'
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
        '（' | '“' | '‘' | '「' | '『' | '《' | '【' | '〈' | '〔' | '［' | '｛' | '(' | '['
    )
}

/// True for characters that join into unbreakable Latin words and numbers.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | ',' | '%' | '-' | '_' | '/' | '\'' | '+')
}

/// The longest run of ideographs kept whole as a word when it stands alone between spaces,
/// punctuation, numbers or the text's ends (`已达成`, `存在风险`, `进度滞后`).
const SHORT_WORD: usize = 4;

/// Splits text into atoms: a Latin word or number, a single space, a short Chinese word (see
/// [`SHORT_WORD`]), or a single other character.
fn atoms(text: &str) -> Vec<&str> {
    // Spans first, as byte ranges, so that runs can be joined back into one slice.
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if is_word_char(c) {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            spans.push((s, i));
        }
        spans.push((i, i + c.len_utf8()));
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    // Runs of at most SHORT_WORD lone ideographs that no other ideograph touches become one.
    let ideo = |(s, e): (usize, usize)| {
        let mut cs = text[s..e].chars();
        matches!((cs.next(), cs.next()), (Some(c), None) if is_ideograph(c))
    };
    let mut out = Vec::with_capacity(spans.len());
    let mut i = 0;
    while i < spans.len() {
        let mut j = i;
        while j < spans.len() && ideo(spans[j]) {
            j += 1;
        }
        if j - i > 1 && j - i <= SHORT_WORD {
            out.push(&text[spans[i].0..spans[j - 1].1]);
            i = j;
        } else if j > i {
            out.extend(spans[i..j].iter().map(|&(s, e)| &text[s..e]));
            i = j;
        } else {
            out.push(&text[spans[i].0..spans[i].1]);
            i += 1;
        }
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

/// The CSS font shorthand for a size and weight, as the canvas measures and draws text in it:
/// `bold 14px family` or `normal 14px family`.
pub fn css_font(size: f32, bold: bool, family: &str) -> String {
    format!(
        "{} {}px {}",
        if bold { "bold" } else { "normal" },
        size,
        family
    )
}

/// Widths kept across layouts for a measure whose calls are expensive (the browser's
/// `measureText`, and `examples/profile.rs`'s model of it): per font (size in 1/100 px, weight)
/// the widths by text, looked up by `&str` without allocating. Holds at most `limit` texts: one
/// more empties it first.
#[derive(Debug)]
pub struct WidthCache {
    limit: usize,
    count: usize,
    fonts: HashMap<(u32, bool), HashMap<String, f32>>,
}

impl Default for WidthCache {
    /// An empty cache without a limit.
    fn default() -> Self {
        WidthCache::new(usize::MAX)
    }
}

impl WidthCache {
    /// An empty cache of at most `limit` texts.
    pub fn new(limit: usize) -> Self {
        WidthCache {
            limit,
            count: 0,
            fonts: HashMap::new(),
        }
    }

    /// The key of a font: its size in 1/100 px and its weight.
    fn key(size: f32, bold: bool) -> (u32, bool) {
        ((size * 100.0) as u32, bold)
    }

    /// The width of `text` in the font, if it was measured.
    pub fn get(&self, text: &str, size: f32, bold: bool) -> Option<f32> {
        self.fonts
            .get(&Self::key(size, bold))
            .and_then(|f| f.get(text))
            .copied()
    }

    /// Keeps the width of `text` in the font.
    pub fn insert(&mut self, text: &str, size: f32, bold: bool, width: f32) {
        if self.count >= self.limit {
            self.fonts.clear();
            self.count = 0;
        }
        self.count += 1;
        self.fonts
            .entry(Self::key(size, bold))
            .or_default()
            .insert(text.to_string(), width);
    }
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

/// A break at punctuation or between words is preferred when it keeps at least this share of
/// the line's width on the line.
const PREFERRED_BREAK_SHARE: f32 = 0.7;

fn wrap_paragraph(text: &str, font: Font, max_w: f32, lines: &mut Vec<String>) {
    let first_line = lines.len();
    let mut line: Vec<&str> = Vec::new();
    // The atoms of the line last ended, for [`no_lone_character`].
    let mut prev_atoms: Vec<&str> = Vec::new();
    // The width of each atom on the line, and their sum.
    let mut widths: Vec<f32> = Vec::new();
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
            widths.push(atom_w);
            line_w = sum;
            continue;
        }
        if line.is_empty() {
            // A single atom wider than the line: split it by characters.
            split_wide_atom(atom, font, max_w, &mut queue, lines);
            prev_atoms.clear();
            continue;
        }
        if is_short_word(atom) && (line.len() == 1 && ends_opening(&line)) {
            // Opening punctuation alone would end the line: the word gives way instead.
            push_chars(atom, &mut queue);
            continue;
        }
        queue.push(atom);
        // Break at punctuation or between words when such a break lies near the line's end.
        if let Some(k) = preferred_break(&line, &widths, max_w, queue.last().copied()) {
            while line.len() > k {
                if let (Some(a), Some(_)) = (line.pop(), widths.pop()) {
                    queue.push(a);
                }
            }
        }
        // Keep closing punctuation off the next line's start and opening punctuation off this
        // line's end by carrying atoms down, as long as the line keeps something.
        while should_carry(&line, queue.last().copied()) {
            let keeps_content = line[..line.len() - 1]
                .iter()
                .any(|a| !a.chars().all(is_opening));
            if !keeps_content {
                // Only a word (after opening punctuation) would remain: the word gives way and
                // its last character goes down instead.
                let Some(word) = line.pop().filter(|a| is_short_word(a)) else {
                    break;
                };
                widths.pop();
                let mut chars: Vec<&str> = Vec::new();
                push_chars(word, &mut chars);
                chars.reverse();
                widths.extend(chars.iter().map(|c| font.width(c)));
                line.extend(chars);
                continue;
            }
            if let (Some(a), Some(_)) = (line.pop(), widths.pop()) {
                queue.push(a);
            }
        }
        lines.push(line.concat().trim_end().to_string());
        prev_atoms.clear();
        prev_atoms.append(&mut line);
        widths.clear();
        line_w = 0.0;
    }
    let last = line.concat().trim_end().to_string();
    let ends_with_rest = !last.is_empty();
    if ends_with_rest || lines.len() == first_line {
        lines.push(last);
    }
    if ends_with_rest && !prev_atoms.is_empty() {
        no_lone_character(&mut lines[first_line..], &prev_atoms, font, max_w);
    }
}

/// Where to end a full line (`line`, whose atoms are `widths` wide, followed by `next`) at
/// punctuation or between words: after a space, after closing punctuation, before a Latin word
/// or number that follows an ideograph, or after a Latin word (not a number: its unit follows
/// it), as late as possible but keeping at least
/// [`PREFERRED_BREAK_SHARE`] of `max_w` on the line. `None` keeps the line as it is (it already
/// ends at such a break, or none lies near its end).
fn preferred_break(line: &[&str], widths: &[f32], max_w: f32, next: Option<&str>) -> Option<usize> {
    let is_break = |before: &str, after: &str| {
        let b = before.chars().last();
        let a = after.chars().next();
        let word = |c: Option<char>| c.is_some_and(is_word_char);
        let cjk = |c: Option<char>| c.is_some_and(|c| !is_word_char(c) && c != ' ');
        before == " "
            || after == " "
            || (b.is_some_and(is_closing) && !a.is_some_and(is_closing))
            // After a Latin word, not after a number: "2024年", "5 项" stay together.
            || (b.is_some_and(|c| c.is_ascii_alphabetic()) && cjk(a) && !a.is_some_and(is_closing))
            || (cjk(b) && word(a) && !b.is_some_and(is_opening))
    };
    if next.is_none_or(|n| is_break(line[line.len() - 1], n)) {
        return None;
    }
    let mut kept: f32 = widths.iter().sum();
    for k in (1..line.len()).rev() {
        kept -= widths[k];
        if kept < max_w * PREFERRED_BREAK_SHARE {
            return None;
        }
        if is_break(line[k - 1], line[k]) {
            return Some(k);
        }
    }
    None
}

/// Characters on a line that count towards its content (closing punctuation leans on the
/// character before it).
fn content_chars(line: &str) -> usize {
    line.chars()
        .filter(|c| !is_closing(*c) && *c != ' ')
        .count()
}

/// A paragraph's last line never holds one character alone: the previous line's last atom
/// (with the closing punctuation after it and the opening punctuation before it) moves down
/// when the two then fit and the previous line keeps at least two characters.
fn no_lone_character(lines: &mut [String], prev_atoms: &[&str], font: Font, max_w: f32) {
    let n = lines.len();
    if n < 2 || content_chars(&lines[n - 1]) != 1 {
        return;
    }
    let mut k = prev_atoms.len();
    while k > 0 && content_chars(prev_atoms[k - 1]) == 0 {
        k -= 1;
    }
    k = k.saturating_sub(1);
    while k > 0 && prev_atoms[k - 1].chars().all(is_opening) {
        k -= 1;
    }
    let head = prev_atoms[..k].concat();
    let head = head.trim_end();
    let moved = format!("{}{}", prev_atoms[k..].concat().trim_start(), lines[n - 1]);
    let moved = moved.trim_end();
    if content_chars(head) < 2 || !font.fits(moved, max_w) {
        return;
    }
    lines[n - 2] = head.to_string();
    lines[n - 1] = moved.to_string();
}

fn should_carry(line: &[&str], next: Option<&str>) -> bool {
    let starts_closing = next.and_then(|n| n.chars().next()).is_some_and(is_closing);
    starts_closing || ends_opening(line)
}

fn ends_opening(line: &[&str]) -> bool {
    line.last()
        .and_then(|a| a.chars().last())
        .is_some_and(is_opening)
}

/// True for a short Chinese word joined into one atom (see [`SHORT_WORD`]).
fn is_short_word(atom: &str) -> bool {
    atom.chars().nth(1).is_some() && atom.chars().all(is_ideograph)
}

/// Pushes the characters of `atom` onto `queue` (a stack: the first character ends on top).
fn push_chars<'t>(atom: &'t str, queue: &mut Vec<&'t str>) {
    let mut ends: Vec<usize> = atom.char_indices().map(|(i, _)| i).collect();
    ends.push(atom.len());
    for w in ends.windows(2).rev() {
        queue.push(&atom[w[0]..w[1]]);
    }
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
    limit_lines(wrap(text, font, max_w), font, max_w, max_lines)
}

/// [`wrap_max`] of text already wrapped by [`wrap`] into `lines`: at most `max_lines` lines, the
/// last kept line ending in "…" when text remains.
pub fn limit_lines(
    mut lines: Vec<String>,
    font: Font,
    max_w: f32,
    max_lines: usize,
) -> Vec<String> {
    if max_lines == 0 {
        return Vec::new();
    }
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
    fn short_words_stay_whole_and_no_character_is_left_alone() {
        // "已达成" between a space and the end is one word: never "已达" / "成".
        for w in [30.0, 40.0, 50.0, 60.0, 70.0, 80.0] {
            let lines = wrap("目标 80% 已达成", font(), w);
            assert!(lines.iter().any(|l| l.contains("已达成")), "{w}: {lines:?}");
            assert!(lines.iter().all(|l| font().fits(l, w)), "{w}: {lines:?}");
        }
        // A long run breaks anywhere, but its last line keeps two characters.
        let lines = wrap("一二三四五六七八九十甲", font(), 50.0);
        assert_eq!(lines, ["一二三四五", "六七八九", "十甲"]);
        // A lone character with closing punctuation counts as alone too.
        let lines = wrap("一二三四五六七八九十甲。", font(), 50.0);
        assert_eq!(lines, ["一二三四五", "六七八九", "十甲。"]);
        // Never at the cost of leaving the line before with less than two.
        assert_eq!(wrap("一二三", font(), 20.0), ["一二", "三"]);
    }

    #[test]
    fn breaks_prefer_punctuation_and_word_gaps_near_the_end() {
        // The comma lies near the end of the first line: break after it.
        let lines = wrap("一二三四五六七，八九十甲乙丙丁", font(), 80.0);
        assert_eq!(lines[0], "一二三四五六七，");
        // Between Chinese and a number rather than inside the Chinese.
        let lines = wrap("完成进度比一二107%", font(), 90.0);
        assert_eq!(lines, ["完成进度比一二", "107%"]);
        // A number keeps the unit after it: the break goes before the number instead.
        let lines = wrap("一二三四五六七 2024年", font(), 100.0);
        assert_eq!(lines, ["一二三四五六七", "2024年"]);
        // A break far from the end is not worth a short line.
        let lines = wrap("一，二三四五六七八九十甲乙", font(), 80.0);
        assert_eq!(lines[0], "一，二三四五六七");
    }

    #[test]
    fn the_break_table_keeps_punctuation_with_its_neighbours() {
        for c in ['。', '，', '、', '）', '」', '%', '％', '》', '：'] {
            assert!(is_closing(c), "{c}");
        }
        for c in ['（', '「', '《', '“'] {
            assert!(is_opening(c), "{c}");
        }
        for w in [30.0, 40.0, 50.0, 60.0, 70.0] {
            let lines = wrap("甲乙丙（丁戊己）庚辛「壬癸」子丑，寅卯。", font(), w);
            for l in &lines {
                let first = l.chars().next().unwrap();
                let last = l.chars().last().unwrap();
                assert!(!is_closing(first), "{w}: {lines:?}");
                assert!(!is_opening(last), "{w}: {lines:?}");
            }
            assert_eq!(lines.concat(), "甲乙丙（丁戊己）庚辛「壬癸」子丑，寅卯。");
        }
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
