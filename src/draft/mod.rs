//! Draft extraction: the text of a published plan → a plan-indicator document (format version 1)
//! for a clerk to review, plus per-indicator extraction metadata, and a comparison of a draft with
//! a hand-curated file (recall and precision).
//!
//! Pure: no I/O, no clock; builds for `wasm32-unknown-unknown`. Never panics on any input.
//!
//! What is recognised (see `docs/draft-quality.md` for the measured quality):
//!
//! * the header: title (skipping 通知/印发 boilerplate), issuer, the plan's year(s);
//! * sections and items by numbering (`一、`, `（一）`/`(一)`, `1.`, and inline `一是…二是…`);
//! * who is responsible (`responsibility`): 责任领导 / 分管领导 / 责任人 / 责任单位 / 牵头单位 /
//!   责任部门 / 牵头科室 / 配合单位 / 责任科室 …, as lines of their own (attached to the
//!   preceding item or section), in parentheses or after a colon inside an item;
//! * targets of every kind of the format, with their periods, bounds, directions and units;
//! * numbered items with no recognised target become `task`s.
//!
//! Plan text rarely states a baseline. A `level` needs none (its expected path starts at the
//! first report), so it keeps its kind and value. `change`, `annualChange` and `growthRate` do
//! need one: unless the text itself states the starting level (`从60%提高到70%`), such an
//! indicator is written as a stand-in `milestone` whose deadlines are the target periods, its
//! note states the target in words, and the [`DraftItem`] metadata keeps the intended kind,
//! targets and direction (which [`compare`] measures).
//!
//! A drafted name is always contiguous text of its quote (`names`), never a splice.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::model::{Baseline, Bound, Direction, Goal, Kind, Target};
use crate::period::Period;

mod items;
mod lines;
mod names;
mod numbers;
mod responsibility;
mod table;
mod text;
mod time;

use lines::*;
use numbers::*;
use responsibility::{is_resp_continuation, resp_names};
use text::*;
use time::*;

/// Year written into a draft whose text states no year at all and whose caller gave no
/// [`DraftOptions::fallback_year`]. Obviously not a plan year: the plan's note says to fix it.
pub const UNKNOWN_YEAR: i32 = 2000;

/// Caller-supplied facts the text may lack.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DraftOptions {
    /// Year to use when the text states none (e.g. a redacted `xxxx年`); the CLI passes the
    /// current year. Without it such a draft uses [`UNKNOWN_YEAR`] and says so in its note.
    pub fallback_year: Option<i32>,
    /// Issuing body, instead of the one guessed from the title.
    pub issuer: Option<String>,
    /// Plan id (ASCII letters, digits, `-`, `_`, `.`), instead of `draft-<years>`.
    pub plan_id: Option<String>,
}

/// A drafted plan: the document and what the extractor knows about each indicator.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Draft {
    /// The plan document in format version 1; [`crate::parse::load_value`] accepts it with no
    /// error.
    pub document: Value,
    /// One entry per drafted indicator, in document order.
    pub items: Vec<DraftItem>,
    /// Plan-level remarks (title or year not found, names joined, …), also in `plan.note`.
    pub warnings: Vec<String>,
}

impl Draft {
    /// The document as pretty-printed JSON text (what `plan-widget draft` writes).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.document).unwrap_or_default()
    }
}

/// Extraction metadata of one drafted indicator. The format has no place for these fields, so
/// they live beside the document.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DraftItem {
    /// The indicator's id in the document.
    pub id: String,
    /// Its section id.
    pub section: String,
    /// Its name.
    pub name: String,
    /// The verbatim quote (a substring of the input text).
    pub quote: String,
    /// Byte offset of the quote in the input text.
    pub quote_start: usize,
    /// The kind written into the document (`milestone` for a stand-in, see [`DraftItem::stand_in`]).
    pub kind: Kind,
    /// The kind the text describes.
    pub intended_kind: Kind,
    /// Which way is better.
    pub direction: Direction,
    /// Unit of the measured value (empty when unknown).
    pub unit: String,
    /// Baseline stated in the text (`从X%提高到Y%`), if any.
    pub baseline: Option<Baseline>,
    /// The targets the text describes (for a stand-in, these are not in the document).
    pub targets: Vec<Target>,
    /// 0–1: how sure the extractor is of kind, values and periods.
    pub confidence: f64,
    /// Always true: every drafted indicator must be checked by a person.
    pub needs_review: bool,
    /// Why the extractor decided as it did (Chinese, short).
    pub reasons: Vec<String>,
}

impl DraftItem {
    /// True when the intended kind needs a baseline the text does not give, so the document
    /// holds a `milestone` stand-in with the target periods as deadlines.
    pub fn stand_in(&self) -> bool {
        self.kind != self.intended_kind
    }
}

// ---------------------------------------------------------------------------------------------
// Clause analysis.

/// Characters of a clause that are analysed.
const MAX_CLAUSE_CHARS: usize = 1000;
/// Numbers, time expressions and frequency words analysed per clause.
const MAX_TOKENS: usize = 100;

/// Words that introduce a level: 达70%, 提高到29%, 实现100%.
const LEVEL_TRIGGERS: &[&str] = &[
    "提高到",
    "提高至",
    "提升到",
    "提升至",
    "增加到",
    "增加至",
    "增长到",
    "增长至",
    "上升到",
    "上升至",
    "降低到",
    "降低至",
    "下降到",
    "下降至",
    "减少到",
    "减少至",
    "降至",
    "降到",
    "控制在",
    "保持在",
    "达到",
    "达成",
    "达",
    "实现",
    "不低于",
    "不高于",
    "不超过",
    "保持",
    "为",
];
/// Level triggers that make lower better.
const FALLING_LEVEL: &[&str] = &[
    "降低到",
    "降低至",
    "下降到",
    "下降至",
    "减少到",
    "减少至",
    "降至",
    "降到",
    "控制在",
    "不高于",
    "不超过",
];
/// Words of a change: 提高10个百分点, 每年增长30%.
const CHANGE_VERBS: &[&str] = &[
    "提高", "提升", "增加", "增长", "上升", "降低", "下降", "减少", "缩小", "压减", "缩减",
];
const FALLING_CHANGE: &[&str] = &["降低", "下降", "减少", "缩小", "压减", "缩减"];
/// Verbs that make a count a target: 培养3名, 新增2520个, 建成2所.
const COUNT_VERBS: &[&str] = &[
    "培养",
    "新增",
    "新建",
    "建成",
    "创成",
    "创建",
    "建设",
    "打造",
    "成立",
    "申报",
    "增评",
    "完成",
    "评选",
    "评定",
    "评比",
    "培育",
    "培植",
    "遴选",
    "引进",
    "招聘",
    "促进",
    "推进",
    "实施",
    "组织",
    "指导",
    "开展",
    "举办",
    "推广",
    "认定",
    "投资",
    "投入",
    "争取",
    "改造",
    "扩建",
    "改扩建",
    "建立",
    "设立",
    "达成",
    "开设",
    "发布",
];
/// Verbs of a milestone when a period is stated: 2024年创成省三星级高中.
const MILESTONE_VERBS: &[&str] = &[
    "创成",
    "创建",
    "建成",
    "完成",
    "全覆盖",
    "到位",
    "化解",
    "全部实现",
    "全面实现",
    "开园",
    "投入使用",
    "通过验收",
    "配足",
    "配齐",
    "挂牌",
    "竣工",
    "成立",
];
/// Verbs of an unnumbered recurring action: 每年发布…报告.
const RECUR_VERBS: &[&str] = &[
    "召开", "举办", "举行", "开展", "发布", "评选", "评比", "组织", "进行", "分析",
];
const LEAD_FILLERS: &[&str] = &[
    "——",
    "—",
    "到",
    "至",
    "力争",
    "确保",
    "努力",
    "争取",
    "全区",
    "全县",
    "全市",
    "全省",
    "实现",
    "推动",
    "在",
    "并",
    "且",
    "将",
    "要",
    "分别",
    "全面",
    "进一步",
    "使",
    "做到",
    "保障",
    "计划",
    "的",
    "其中",
    "同时",
    "有",
    "按期",
    "如期",
    "使得",
    "以",
    "已",
];
const TRAIL_FILLERS: &[&str] = &[
    "力争",
    "年均",
    "每年",
    "分别",
    "均",
    "达到",
    "达",
    "实现",
    "的",
    "都",
    "要",
    "将",
    "各",
    "约",
    "约为",
    "不少于",
    "不低于",
    "至少",
    "超过",
    "不超过",
    "不高于",
    "控制在",
    "共",
    "累计",
    "等",
];

fn clean_name(s: &str) -> String {
    let punct = |c: char| is_space(c) || "，,、；;：:。—-－【】".contains(c);
    let mut t = s.trim_matches(punct);
    loop {
        let before = t;
        if let Some(r) = strip_any(t, LEAD_FILLERS) {
            t = r;
        }
        if let Some(r) = strip_any_suffix(t, TRAIL_FILLERS) {
            t = r;
        }
        t = t.trim_matches(punct);
        let opens = t.matches(['(', '（']).count();
        let closes = t.matches([')', '）']).count();
        if closes > opens {
            t = t.trim_start_matches([')', '）']);
        }
        if opens > closes {
            t = t.trim_end_matches(['(', '（']);
        }
        if t == before {
            break;
        }
    }
    clip(t, 60).to_string()
}

/// A task's name: its heading as written, without surrounding punctuation.
fn heading_name(s: &str) -> String {
    clip(
        s.trim_matches(|c: char| is_space(c) || "，,、；;：:。".contains(c)),
        60,
    )
    .to_string()
}

/// `s` without the given local ranges (time expressions).
fn without(s: &str, cut: &[(usize, usize)]) -> String {
    let mut out = String::new();
    let mut pos = 0;
    let mut ranges: Vec<(usize, usize)> = cut.to_vec();
    ranges.sort_unstable();
    for (a, b) in ranges {
        if a >= pos {
            out.push_str(sub(s, pos, a));
        }
        pos = pos.max(b);
    }
    out.push_str(sub(s, pos, s.len()));
    out
}

/// Splits a list written as `甲、乙` (or `甲和乙`) into `want` parts.
fn split_list(s: &str, want: usize) -> Option<Vec<String>> {
    let parts: Vec<String> = s
        .split('、')
        .map(clean_name)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() == want {
        return Some(parts);
    }
    let parts: Vec<String> = s
        .split(['、', '和', '及', '与'])
        .map(clean_name)
        .filter(|p| !p.is_empty())
        .collect();
    (parts.len() == want).then_some(parts)
}

/// Completes list names that share a prefix or suffix: `小学优秀率、合格率` →
/// `小学优秀率`, `小学合格率`; `省、市级项目` → `省级项目`, `市级项目`.
fn distribute(raw: Vec<String>) -> Vec<String> {
    if raw.len() < 2 {
        return raw;
    }
    let lens: Vec<usize> = raw.iter().map(|e| chars_len(e)).collect();
    let n = raw.len();
    if lens[1..].iter().all(|&l| l < lens[0]) {
        let first = &raw[0];
        let mut out = vec![first.clone()];
        for (e, &l) in raw[1..].iter().zip(&lens[1..]) {
            out.push(format!("{}{e}", clip(first, lens[0] - l)));
        }
        return out;
    }
    if lens[..n - 1].iter().all(|&l| l < lens[n - 1]) {
        let last = &raw[n - 1];
        let mut out = Vec::new();
        for (e, &l) in raw[..n - 1].iter().zip(&lens[..n - 1]) {
            out.push(format!("{e}{}", skip_chars(last, l)));
        }
        out.push(last.clone());
        return out;
    }
    raw
}

/// The plan's span in whole years.
#[derive(Clone, Copy, Debug)]
struct Span {
    start: i32,
    end: i32,
}

/// One extracted indicator before ids are given.
#[derive(Clone, Debug)]
struct Found {
    kind: Kind,
    direction: Direction,
    unit: String,
    name: String,
    baseline: Option<f64>,
    targets: Vec<Target>,
    /// Absolute byte range of the quote.
    quote: (usize, usize),
    confidence: f64,
    reasons: Vec<String>,
}

/// Findings of one clause that a later clause of the same sentence may continue.
#[derive(Clone, Debug, Default)]
struct Group {
    kind: Option<Kind>,
    found: Vec<usize>,
    /// Distinguishing ends of list names (`优秀率`, `合格率`), for `初中分别提高…`.
    tails: Vec<String>,
    verb: String,
    freq: Option<Freq>,
}

#[derive(Clone, Debug, Default)]
struct Sent {
    when: Option<When>,
    group: Group,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Class {
    Level,
    Change,
    Annual,
    Growth,
    Recurring,
    Cumulative,
}

struct Scanner<'a> {
    text: &'a str,
    span: Span,
    found: Vec<Found>,
}

impl<'a> Scanner<'a> {
    fn resolve(&self, w: When, sent: &Sent) -> Period {
        let ctx_year = match sent.when {
            Some(When::Year(y)) | Some(When::Month(y, _)) => y,
            _ => self.span.start,
        };
        match w {
            When::Year(y) => year_period(y),
            When::Month(y, m) => Period::Month(y.clamp(1900, 2200), m.clamp(1, 12)),
            When::School(y) => Period::SchoolYear(y.clamp(1900, 2199)),
            When::Start => year_period(self.span.start),
            When::End => year_period(self.span.end),
            When::Summer => Period::Month(ctx_year.clamp(1900, 2200), 8),
            When::MonthOnly(m) => Period::Month(ctx_year.clamp(1900, 2200), m.clamp(1, 12)),
        }
    }

    /// Periods of a recurring target from the plan's start to `upto` (inclusive year).
    fn periods(&self, freq: Freq, upto: i32) -> Vec<Period> {
        let (a, b) = (self.span.start, upto.max(self.span.start));
        let mut out = Vec::new();
        for y in a..=b {
            match freq {
                Freq::Year | Freq::Rounds(_) | Freq::Other => out.push(year_period(y)),
                Freq::SchoolYear => out.push(Period::SchoolYear((y - 1).clamp(1900, 2199))),
                Freq::Quarter => out.extend((1..=4).map(|q| Period::Quarter(y, q))),
                Freq::Month => out.extend((1..=12).map(|m| Period::Month(y, m))),
            }
        }
        if out.len() > 100 {
            // More than the format's 100 targets: yearly instead.
            out = (a..=b).map(year_period).take(100).collect();
        }
        out
    }

    /// Splits a span into sentences and clauses and analyses each clause.
    fn scan(&mut self, a: usize, b: usize) {
        let s = sub(self.text, a, b);
        let mut sent = Sent::default();
        let mut depth = 0i32;
        let mut clause_start = 0;
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        for (k, &(i, c)) in chars.iter().enumerate() {
            let end_sentence = matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';');
            match c {
                '《' | '“' | '（' | '(' | '【' | '「' | '‘' => depth += 1,
                '》' | '”' | '）' | ')' | '】' | '」' | '’' => depth = (depth - 1).max(0),
                _ => {}
            }
            let comma = matches!(c, '，' | ':' | '：')
                || (c == ','
                    && !(k > 0
                        && digit(chars[k - 1].1).is_some()
                        && chars.get(k + 1).is_some_and(|x| digit(x.1).is_some())));
            if end_sentence || (comma && depth == 0) {
                self.clause(a + clause_start, a + i, &mut sent);
                clause_start = i + c.len_utf8();
                if end_sentence {
                    sent = Sent::default();
                    depth = 0;
                }
            }
        }
        self.clause(a + clause_start, b, &mut sent);
    }

    fn push(&mut self, f: Found) -> usize {
        self.found.push(f);
        self.found.len() - 1
    }

    /// Analyses one clause (absolute byte range).
    fn clause(&mut self, a: usize, b: usize, sent: &mut Sent) {
        let raw = sub(self.text, a, b);
        let lead = raw.len()
            - raw
                .trim_start_matches(|c: char| is_space(c) || c == '—')
                .len();
        let s = raw
            .trim_start_matches(|c: char| is_space(c) || c == '—')
            .trim_end_matches(is_space);
        // Real clauses are short; a run-on "clause" is analysed (and quoted) from its start only,
        // which keeps the work linear in the text's length.
        let s = clip(s, MAX_CLAUSE_CHARS);
        let a = a + lead;
        let b = a + s.len();
        if s.is_empty() {
            return;
        }
        let mut times = time_tokens(s);
        times.truncate(MAX_TOKENS);
        let mut freqs = freq_tokens(s);
        freqs.truncate(MAX_TOKENS);
        let mut nums = quantities(s, &times);
        nums.truncate(MAX_TOKENS);
        let cut: Vec<(usize, usize)> = times.iter().map(|t| (t.start, t.end)).collect();
        let clause_when = times.last().map(|t| t.when);
        let explicit = clause_when.or(sent.when);
        // The first analyser that recognises the clause wins.
        let _recognised = self.zero(s, a, b, explicit, sent, &cut)
            || (!nums.is_empty() && self.numbers(s, a, b, &nums, &times, &freqs, sent))
            || self.unnumbered_recurring(s, a, b, &freqs, &cut, explicit, sent)
            || self.milestone(s, a, b, explicit, sent, &cut);
        if let Some(w) = clause_when {
            sent.when = Some(w);
        }
    }

    fn zero(
        &mut self,
        s: &str,
        a: usize,
        b: usize,
        when: Option<When>,
        sent: &mut Sent,
        cut: &[(usize, usize)],
    ) -> bool {
        // 无…事故 (at most 20 characters apart), 杜绝…, 零事故 / 零发生.
        let wu = s
            .match_indices('无')
            .map(|(p, _)| p + '无'.len_utf8())
            .find(|&from| {
                let after = sub(s, from, s.len());
                after
                    .find("事故")
                    .is_some_and(|q| chars_len(sub(after, 0, q)) <= 20)
            });
        let name_from = s
            .find("杜绝")
            .map(|p| p + "杜绝".len())
            .or(wu)
            .or_else(|| (s.contains("零事故") || s.contains("零发生")).then_some(0));
        let Some(from) = name_from else {
            return false;
        };
        let name_src = text_without(s, from, s.len(), cut);
        let name_src = name_src.strip_prefix("一切").unwrap_or(&name_src);
        let mut reasons = vec!["“无…事故/杜绝…”：零事件目标".to_string()];
        let targets: Vec<Target> = match when {
            Some(w) => vec![Target {
                period: self.resolve(w, sent),
                goal: Goal::Value {
                    value: 0.0,
                    bound: Bound::AtMost,
                },
            }],
            None => {
                reasons.push("未写年份，覆盖规划期各年".into());
                (self.span.start..=self.span.end)
                    .map(|y| Target {
                        period: year_period(y),
                        goal: Goal::Value {
                            value: 0.0,
                            bound: Bound::AtMost,
                        },
                    })
                    .collect()
            }
        };
        let i = self.push(Found {
            kind: Kind::Zero,
            direction: Direction::Decrease,
            unit: "起".into(),
            name: clean_name(name_src),
            baseline: None,
            targets,
            quote: (a, b),
            confidence: 0.8,
            reasons,
        });
        sent.group = Group {
            kind: Some(Kind::Zero),
            found: vec![i],
            ..Group::default()
        };
        true
    }
}

/// A level or change word right before a number: (word, local start, is a level word).
fn trigger_before(before: &str) -> Option<(&'static str, usize, bool)> {
    const STRIP: &[&str] = &[
        "约为",
        "约",
        "不少于",
        "至少",
        "超过",
        "了",
        "分别",
        "均",
        "各",
        "年均",
        "每年",
        " ",
        "　",
    ];
    let mut t = before;
    for _ in 0..4 {
        for w in LEVEL_TRIGGERS {
            if t.ends_with(w) {
                return Some((w, t.len() - w.len(), true));
            }
        }
        for w in CHANGE_VERBS {
            if t.ends_with(w) {
                return Some((w, t.len() - w.len(), false));
            }
        }
        match strip_any_suffix(t, STRIP) {
            Some(r) => t = r,
            None => return None,
        }
    }
    None
}

/// Count verbs of a clause: (start, word), ordered by end.
fn verbs_in(s: &str) -> Vec<(usize, &'static str)> {
    let mut out: Vec<(usize, &'static str)> = COUNT_VERBS
        .iter()
        .flat_map(|v| s.match_indices(v).map(|(p, _)| (p, *v)).take(MAX_TOKENS))
        .collect();
    out.sort_by_key(|(p, v)| (*p + v.len(), v.len()));
    out
}

/// The count verb ending last at or before `end`.
fn last_verb(verbs: &[(usize, &'static str)], end: usize) -> Option<(usize, &'static str)> {
    let k = verbs.partition_point(|(p, v)| p + v.len() <= end);
    k.checked_sub(1).map(|i| verbs[i])
}

fn starts_with_verb(s: &str) -> bool {
    COUNT_VERBS.iter().any(|v| s.starts_with(v))
}

/// Text of `s[from..to]` without the (clause-local) cut ranges.
fn text_without(s: &str, from: usize, to: usize, cut: &[(usize, usize)]) -> String {
    let shifted: Vec<(usize, usize)> = cut
        .iter()
        .filter(|(x, y)| *y > from && *x < to)
        .map(|(x, y)| (x.saturating_sub(from), y.min(&to) - from))
        .collect();
    without(sub(s, from, to), &shifted)
}

/// End of the noun after a number: when another number follows in the clause, the list
/// separator before it (`、`, or `和`/`及`/`与` right before a digit); else the clause's end.
fn tail_end(s: &str, from: usize, limit: usize) -> usize {
    if limit >= s.len() {
        return s.len();
    }
    let t = sub(s, from, limit);
    let mut end = t.len();
    if let Some(p) = t.find('、') {
        end = end.min(p);
    }
    for sep in ["以及", "和", "及", "与"] {
        for (p, _) in t.match_indices(sep) {
            let after = sub(s, from + p + sep.len(), s.len()).trim_start_matches(is_space);
            if after.chars().next().and_then(digit).is_some() {
                end = end.min(p);
            }
        }
    }
    from + end
}

fn when_year(w: When, span: Span, sent: &Sent) -> i32 {
    match w {
        When::Year(y) | When::Month(y, _) => y,
        When::School(y) => y + 1,
        When::Start => span.start,
        When::End => span.end,
        When::Summer | When::MonthOnly(_) => match sent.when {
            Some(When::Year(y)) | Some(When::Month(y, _)) => y,
            _ => span.start,
        },
    }
}

/// Last year of a span of yearly targets (recurring, growth) limited by `w`: a month or 暑期
/// dates an event within a year and does not end the span.
fn upto_year(w: Option<When>, span: Span, sent: &Sent) -> i32 {
    match w {
        None | Some(When::Month(..) | When::MonthOnly(_) | When::Summer) => span.end,
        Some(w) => when_year(w, span, sent),
    }
}

struct Classified {
    num: usize,
    class: Class,
    /// Trigger word and its local start, when the number has its own.
    trigger: Option<(&'static str, usize)>,
    falling: bool,
    freq: Option<Freq>,
    verb: Option<(usize, &'static str)>,
    continued: bool,
    /// Value and local start (at 从/由) of a baseline stated before the number.
    baseline: Option<(f64, usize)>,
}

impl Scanner<'_> {
    #[allow(clippy::too_many_arguments)]
    fn numbers(
        &mut self,
        s: &str,
        a: usize,
        b: usize,
        nums: &[Quantity],
        times: &[TimeTok],
        freqs: &[FreqTok],
        sent: &mut Sent,
    ) -> bool {
        let cut: Vec<(usize, usize)> = times
            .iter()
            .map(|t| (t.start, t.end))
            .chain(freqs.iter().map(|f| (f.start, f.end)))
            .collect();
        let verbs = verbs_in(s);
        let mut list: Vec<Classified> = Vec::new();
        let mut skip_next_as_baseline: Option<(f64, usize)> = None;
        for (i, n) in nums.iter().enumerate() {
            let before = sub(s, 0, n.start);
            let freq = freqs.iter().rfind(|f| f.end <= n.start).map(|f| f.freq);
            let trig = trigger_before(before);
            let prev = list.last();
            let joined_prev = prev.is_some_and(|p| {
                let between = sub(s, nums[p.num].end, n.start).trim_matches(is_space);
                matches!(between, "、" | "和" | "及" | "与" | "或" | "/")
            });
            let unit = n.unit.clone().unwrap_or(Unit::Percent);
            // 从60%提高到70%: the first number is the baseline of the second.
            if unit == Unit::Percent && (before.ends_with('从') || before.ends_with('由')) {
                if let Some(next) = nums.get(i + 1) {
                    let between = sub(s, n.end, next.start);
                    if next.unit == Some(Unit::Percent) && LEVEL_TRIGGERS.contains(&between) {
                        let from = before.len() - before.chars().last().map_or(0, char::len_utf8);
                        skip_next_as_baseline = Some((n.value, from));
                        continue;
                    }
                }
            }
            let mut c = Classified {
                num: i,
                class: Class::Level,
                trigger: trig.map(|(w, p, _)| (w, p)),
                falling: false,
                freq,
                verb: None,
                continued: false,
                baseline: skip_next_as_baseline.take(),
            };
            match unit {
                Unit::Percent => match trig {
                    Some((w, _, true)) => {
                        c.class = Class::Level;
                        c.falling = FALLING_LEVEL.contains(&w) || n.ceiling;
                    }
                    Some((w, _, false)) => {
                        if freq == Some(Freq::Year) {
                            c.class = Class::Growth;
                            c.falling = FALLING_CHANGE.contains(&w);
                        } else {
                            continue;
                        }
                    }
                    None => match prev {
                        Some(p) if joined_prev => {
                            c.class = p.class;
                            c.falling = p.falling;
                        }
                        _ => {
                            c.class = Class::Level;
                            c.falling = n.ceiling;
                        }
                    },
                },
                Unit::Points => match trig {
                    Some((w, _, false)) => {
                        c.class = if freq == Some(Freq::Year) {
                            Class::Annual
                        } else {
                            Class::Change
                        };
                        c.falling = FALLING_CHANGE.contains(&w);
                    }
                    Some(_) => continue,
                    None => match prev {
                        Some(p)
                            if joined_prev && matches!(p.class, Class::Change | Class::Annual) =>
                        {
                            c.class = p.class;
                            c.falling = p.falling;
                        }
                        _ => continue,
                    },
                },
                Unit::Count(_) | Unit::Money(_) => {
                    c.trigger = None;
                    c.verb = last_verb(&verbs, n.start);
                    match freq {
                        Some(Freq::Year | Freq::SchoolYear | Freq::Quarter | Freq::Month) => {
                            c.class = Class::Recurring;
                        }
                        Some(Freq::Other) => continue,
                        Some(Freq::Rounds(_)) => c.class = Class::Cumulative,
                        None => {
                            if c.verb.is_some() || matches!(unit, Unit::Money(_)) {
                                c.class = Class::Cumulative;
                            } else if matches!(
                                sent.group.kind,
                                Some(Kind::Cumulative | Kind::Recurring)
                            ) {
                                c.continued = true;
                                c.class = if sent.group.kind == Some(Kind::Recurring) {
                                    Class::Recurring
                                } else {
                                    Class::Cumulative
                                };
                                c.freq = sent.group.freq;
                            } else {
                                continue;
                            }
                        }
                    }
                }
            }
            list.push(c);
        }
        if list.is_empty() {
            return false;
        }
        // Level-like numbers form groups: a number with its own trigger starts a group, list
        // items without one join it.
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut produced = false;
        let mut last_end = 0usize;
        for (li, c) in list.iter().enumerate() {
            if matches!(c.class, Class::Recurring | Class::Cumulative) {
                continue;
            }
            let starts = match groups.last() {
                None => true,
                Some(g) => {
                    let p = &list[*g.last().unwrap_or(&0)];
                    c.trigger.is_some() || p.class != c.class
                }
            };
            if starts {
                groups.push(vec![li]);
            } else if let Some(g) = groups.last_mut() {
                g.push(li);
            }
        }
        for g in &groups {
            let first = &list[g[0]];
            let n0 = &nums[first.num];
            let mut subj_end = first.trigger.map(|t| t.1).unwrap_or(n0.start);
            if let Some((_, from)) = first.baseline {
                subj_end = subj_end.min(from);
            }
            let subj_raw = text_without(s, last_end.min(subj_end), subj_end, &cut);
            last_end = nums[list[*g.last().unwrap_or(&g[0])].num].end;
            self.level_group(s, a, b, nums, &list, g, &subj_raw, times, &cut, sent);
            produced = true;
        }
        // Counts: one indicator each (or one per list element with 各).
        let mut prev_tail_end: Option<usize> = None;
        let mut count_group = Group::default();
        for c in list
            .iter()
            .filter(|c| matches!(c.class, Class::Recurring | Class::Cumulative))
        {
            let n = &nums[c.num];
            let is_first = prev_tail_end.is_none();
            let head_start = match prev_tail_end {
                Some(e) => {
                    let t = sub(s, e, n.start);
                    let skip = t.len() - t.trim_start_matches(['、', '和', '及', '与']).len();
                    e + skip
                }
                None if matches!(n.unit, Some(Unit::Money(_))) => 0,
                None => c
                    .verb
                    .map(|v| v.0)
                    .or_else(|| freqs.iter().rfind(|f| f.end <= n.start).map(|f| f.end))
                    .unwrap_or(0),
            };
            let next_start = nums.get(c.num + 1).map_or(s.len(), |m| m.start);
            let te = tail_end(s, n.end, next_start);
            prev_tail_end = Some(te);
            let head = text_without(s, head_start.min(n.start), n.start, &cut);
            let tail = text_without(s, n.end, te, &cut);
            let verb = c
                .verb
                .map(|v| v.1.to_string())
                .unwrap_or_else(|| sent.group.verb.clone());
            let mut names: Vec<String> = Vec::new();
            if n.each {
                let h = head.strip_suffix('各').unwrap_or(&head);
                let h = h.strip_prefix(verb.as_str()).unwrap_or(h);
                let parts: Vec<String> = h
                    .split('、')
                    .map(clean_name)
                    .filter(|p| !p.is_empty())
                    .collect();
                if parts.len() >= 2 {
                    names = distribute(parts)
                        .into_iter()
                        .map(|p| format!("{verb}{p}"))
                        .collect();
                }
            }
            if names.is_empty() && head.trim_end().ends_with('等') {
                // 组织甲、乙等3所幼儿园参加…: the examples are not the name.
                let first_verb = verbs
                    .iter()
                    .min_by_key(|(p, _)| *p)
                    .map(|x| x.1)
                    .unwrap_or(verb.as_str());
                names.push(clean_name(&format!("{first_verb}{}", clean_name(&tail))));
            }
            if names.is_empty() {
                let h = clean_name(&head);
                let mut name = format!("{h}{}", clean_name(&tail));
                let needs_verb = !is_first || (c.continued && h.is_empty());
                if needs_verb && !verb.is_empty() && !starts_with_verb(&name) {
                    name = format!("{verb}{name}");
                }
                let mut name = clean_name(&name);
                if chars_len(&name) <= 2 {
                    name = clean_name(&without(s, &cut));
                }
                names.push(name);
            }
            let when = self.when_of(n.start, times, sent);
            let unit = match &n.unit {
                Some(Unit::Count(u)) | Some(Unit::Money(u)) => u.clone(),
                _ => String::new(),
            };
            let mut reasons = Vec::new();
            let mut confidence;
            let kind;
            let targets: Vec<Target>;
            if c.class == Class::Recurring {
                kind = Kind::Recurring;
                let freq = c.freq.unwrap_or(Freq::Year);
                let upto = upto_year(when, self.span, sent);
                let goal = match n.hi {
                    Some(hi) => Goal::Band {
                        min: Some(n.value.min(hi)),
                        max: Some(n.value.max(hi)),
                    },
                    None => Goal::Value {
                        value: n.value,
                        bound: n.bound.unwrap_or(Bound::AtLeast),
                    },
                };
                targets = self
                    .periods(freq, upto)
                    .into_iter()
                    .map(|period| Target { period, goal })
                    .collect();
                reasons.push(
                    match freq {
                        Freq::SchoolYear => "“每学年…X”：每学年一个目标",
                        Freq::Quarter => "“每季度…X”：每季度一个目标",
                        Freq::Month => "“每月…X”：每月一个目标",
                        _ => "“每年…X”：每年一个目标",
                    }
                    .to_string(),
                );
                confidence = 0.75;
            } else {
                kind = Kind::Cumulative;
                confidence = if c.verb.is_some() { 0.7 } else { 0.6 };
                let (value, bound) = match n.hi {
                    Some(hi) => {
                        reasons.push(format!(
                            "区间{}—{}按下限计（累计量不能写区间）",
                            fmt_num(n.value),
                            fmt_num(hi)
                        ));
                        (n.value.min(hi), Bound::AtLeast)
                    }
                    None => (n.value, n.bound.unwrap_or(Bound::AtLeast)),
                };
                if let Some(Freq::Rounds(every)) = c.freq {
                    let every = every as i32;
                    let mut t = Vec::new();
                    let mut k = 1;
                    let mut y = self.span.start + every - 1;
                    while y <= self.span.end && t.len() < 100 {
                        t.push(Target {
                            period: year_period(y),
                            goal: Goal::Value {
                                value: value * k as f64,
                                bound,
                            },
                        });
                        k += 1;
                        y += every;
                    }
                    if t.is_empty() {
                        t.push(Target {
                            period: year_period(self.span.end),
                            goal: Goal::Value { value, bound },
                        });
                    }
                    targets = t;
                    reasons.push(format!("“每{every}年…X”：每{every}年一轮，按轮累计"));
                    confidence = 0.5;
                } else {
                    let period = match when {
                        Some(w) => self.resolve(w, sent),
                        None => {
                            reasons.push("未写年份，按规划期末计".into());
                            confidence -= 0.1;
                            year_period(self.span.end)
                        }
                    };
                    targets = vec![Target {
                        period,
                        goal: Goal::Value { value, bound },
                    }];
                }
                reasons.push(if matches!(n.unit, Some(Unit::Money(_))) {
                    "金额：累计投入".to_string()
                } else if c.continued {
                    "并列数量，沿用前一分句的动词".to_string()
                } else {
                    format!("“{verb}…X{unit}”：累计数量")
                });
            }
            if n.bound == Some(Bound::Approx) {
                reasons.push("“约/左右”：约数".into());
            }
            let multi = names.len() > 1;
            for name in names {
                let mut r = reasons.clone();
                if multi {
                    r.push("“各”：每项一个指标".into());
                }
                let i = self.push(Found {
                    kind,
                    direction: Direction::Increase,
                    unit: unit.clone(),
                    name,
                    baseline: None,
                    targets: targets.clone(),
                    quote: (a, b),
                    confidence,
                    reasons: r,
                });
                count_group.found.push(i);
            }
            count_group.kind = Some(kind);
            count_group.verb = verb;
            count_group.freq = c.freq;
            produced = true;
        }
        if !count_group.found.is_empty() {
            sent.group = count_group;
        }
        produced
    }

    /// When a number at local position `p` is due: the last time expression before it in the
    /// clause, else the first one after it, else the sentence's.
    fn when_of(&self, p: usize, times: &[TimeTok], sent: &Sent) -> Option<When> {
        times
            .iter()
            .rfind(|t| t.end <= p)
            .or_else(|| times.first())
            .map(|t| t.when)
            .or(sent.when)
    }
}

impl Scanner<'_> {
    #[allow(clippy::too_many_arguments)]
    fn level_group(
        &mut self,
        s: &str,
        a: usize,
        b: usize,
        nums: &[Quantity],
        list: &[Classified],
        g: &[usize],
        subj_raw: &str,
        times: &[TimeTok],
        cut: &[(usize, usize)],
        sent: &mut Sent,
    ) {
        let k = g.len();
        let first = &list[g[0]];
        let kind = match first.class {
            Class::Change => Kind::Change,
            Class::Annual => Kind::AnnualChange,
            Class::Growth => Kind::GrowthRate,
            _ => Kind::Level,
        };
        let direction = if first.falling {
            Direction::Decrease
        } else {
            Direction::Increase
        };
        let n_of = |j: usize| &nums[list[g[j]].num];
        // 覆盖率2024年95%、2025年100%: one indicator, a target per year.
        let per_year = k >= 2
            && (1..k).all(|j| {
                times
                    .iter()
                    .any(|t| t.start >= n_of(j - 1).end && t.end <= n_of(j).start)
            });
        let lizheng = sub(s, 0, n_of(0).start).contains("力争");
        // Heads and tails of the list elements.
        let mut heads = Vec::new();
        let mut tails = Vec::new();
        let mut prev_end: Option<usize> = None;
        for j in 0..k {
            let n = n_of(j);
            let head = match prev_end {
                None => match first.trigger {
                    Some((w, p)) => text_without(s, p + w.len(), n.start, cut),
                    None => subj_raw.to_string(),
                },
                Some(e) => {
                    let t = sub(s, e, n.start);
                    let skip = t.len() - t.trim_start_matches(['、', '和', '及', '与', '或']).len();
                    text_without(s, e + skip, n.start, cut)
                }
            };
            let limit = if j + 1 < k {
                n_of(j + 1).start
            } else {
                s.len()
            };
            let te = tail_end(s, n.end, limit);
            heads.push(clean_name(&head));
            tails.push(clean_name(&text_without(s, n.end, te, cut)));
            prev_end = Some(te);
        }
        let subject = clean_name(subj_raw);
        let mut reasons: Vec<String> = Vec::new();
        let mut confidence: f64 = match (kind, first.trigger) {
            (Kind::Level, Some(_)) => 0.8,
            (Kind::Level, None) => 0.6,
            (Kind::Change, _) => 0.8,
            _ => 0.75,
        };
        reasons.push(match (kind, first.trigger) {
            (Kind::Level, Some((w, _))) => format!("“{w}X%”：水平目标"),
            (Kind::Level, None) => "百分数紧随指标：水平目标".to_string(),
            (Kind::Change, _) => "“提高/降低X个百分点”：较基期的变化".to_string(),
            (Kind::AnnualChange, _) => "“每年/年均…X个百分点”：每年的变化".to_string(),
            _ => "“每年增长X%”：按年增长率".to_string(),
        });
        let span = self.span;
        let mut no_year = false;
        let target_for =
            |this: &Self, n: &Quantity, sent: &Sent, no_year: &mut bool| -> Vec<Target> {
                let when = this.when_of(n.start, times, sent);
                let goal = if kind == Kind::Level {
                    match n.hi {
                        Some(hi) => Goal::Band {
                            min: Some(n.value.min(hi)),
                            max: Some(n.value.max(hi)),
                        },
                        None => Goal::Value {
                            value: n.value,
                            bound: n
                                .bound
                                .or((lizheng && direction == Direction::Increase)
                                    .then_some(Bound::AtLeast))
                                .unwrap_or(Bound::default_for(direction)),
                        },
                    }
                } else {
                    Goal::Value {
                        value: n.value,
                        bound: match n.bound {
                            Some(Bound::Approx) => Bound::Approx,
                            _ => Bound::default_for(direction),
                        },
                    }
                };
                if kind == Kind::GrowthRate {
                    let upto = upto_year(when, span, sent);
                    let years: Vec<i32> = if upto < span.start {
                        vec![upto]
                    } else {
                        (span.start..=upto).take(100).collect()
                    };
                    return years
                        .into_iter()
                        .map(|y| Target {
                            period: year_period(y),
                            goal,
                        })
                        .collect();
                }
                let period = match when {
                    Some(w) => this.resolve(w, sent),
                    None => {
                        *no_year = true;
                        year_period(span.end)
                    }
                };
                vec![Target { period, goal }]
            };
        // Continuation: "，2025年达100%" adds a target to the indicator(s) just found.
        if !per_year
            && subject.is_empty()
            && heads.iter().all(String::is_empty)
            && tails.iter().all(String::is_empty)
            && sent.group.kind == Some(kind)
            && sent.group.found.len() == k
        {
            for j in 0..k {
                let t = target_for(self, n_of(j), sent, &mut no_year);
                let idx = sent.group.found[j];
                if let Some(f) = self.found.get_mut(idx) {
                    f.targets.extend(t);
                    f.quote.1 = f.quote.1.max(b);
                    f.reasons.push("后续分句补充的目标".into());
                }
            }
            return;
        }
        let mut names: Vec<String>;
        let mut new_tails: Vec<String> = Vec::new();
        if per_year || k == 1 {
            let name = if subject.is_empty() {
                format!("{}{}", heads[0], tails[0])
            } else if first.trigger.is_none() {
                format!("{subject}{}", tails[0])
            } else {
                subject.clone()
            };
            names = vec![clean_name(&name)];
        } else if let Some(parts) = split_list(subj_raw, k) {
            let m = parts.iter().map(|p| chars_len(p)).min().unwrap_or(0);
            names = distribute(parts);
            new_tails = names.iter().map(|n| last_chars(n, m).to_string()).collect();
            reasons.push("名称由并列结构推断".into());
            confidence -= 0.05;
        } else if !subject.is_empty() && sent.group.tails.len() == k {
            names = sent
                .group
                .tails
                .iter()
                .map(|t| format!("{subject}{t}"))
                .collect();
            new_tails = sent.group.tails.clone();
            reasons.push("名称沿用前一分句的并列结构".into());
            confidence -= 0.1;
        } else {
            names = (0..k)
                .map(|j| {
                    let h = if j == 0 && heads[0].is_empty() {
                        subject.clone()
                    } else {
                        heads[j].clone()
                    };
                    clean_name(&format!("{h}{}", tails[j]))
                })
                .collect();
            confidence -= 0.05;
        }
        for n in names.iter_mut() {
            if n.is_empty() {
                *n = clean_name(&without(s, cut));
            }
        }
        let mut idxs = Vec::new();
        if per_year || k == 1 {
            let mut targets = Vec::new();
            for j in 0..k {
                targets.extend(target_for(self, n_of(j), sent, &mut no_year));
            }
            idxs.push(targets);
        } else {
            for j in 0..k {
                idxs.push(target_for(self, n_of(j), sent, &mut no_year));
            }
        }
        if no_year {
            reasons.push("未写年份，按规划期末计".into());
            confidence -= 0.1;
        }
        if first.baseline.is_some() {
            reasons.push("“从X%提高到Y%”：基期值取自原文".into());
        }
        let unit = match kind {
            Kind::GrowthRate => String::new(),
            _ => "%".to_string(),
        };
        let mut group = Group {
            kind: Some(kind),
            tails: new_tails,
            ..Group::default()
        };
        for (name, targets) in names.into_iter().zip(idxs) {
            let i = self.push(Found {
                kind,
                direction,
                unit: unit.clone(),
                name,
                baseline: first.baseline.map(|b| b.0),
                targets,
                quote: (a, b),
                confidence,
                reasons: reasons.clone(),
            });
            group.found.push(i);
        }
        sent.group = group;
    }

    #[allow(clippy::too_many_arguments)]
    fn unnumbered_recurring(
        &mut self,
        s: &str,
        a: usize,
        b: usize,
        freqs: &[FreqTok],
        cut: &[(usize, usize)],
        when: Option<When>,
        sent: &mut Sent,
    ) -> bool {
        let upto = upto_year(when, self.span, sent);
        let mut push = |this: &mut Self, freq: Freq, name: String, confidence: f64, why: &str| {
            let goal = Goal::Band {
                min: Some(1.0),
                max: None,
            };
            let targets = this
                .periods(freq, upto)
                .into_iter()
                .map(|period| Target { period, goal })
                .collect();
            let i = this.push(Found {
                kind: Kind::Recurring,
                direction: Direction::Increase,
                unit: "次".into(),
                name,
                baseline: None,
                targets,
                quote: (a, b),
                confidence,
                reasons: vec![why.to_string(), "未写数量，按每期至少1次计".into()],
            });
            sent.group = Group {
                kind: Some(Kind::Recurring),
                found: vec![i],
                freq: Some(freq),
                ..Group::default()
            };
        };
        for (pat, freq, label) in [
            ("一月一", Freq::Month, "每月"),
            ("一季一", Freq::Quarter, "每季度"),
            ("一年一", Freq::Year, "每年"),
        ] {
            if let Some(p) = s.find(pat) {
                let rest = sub(s, p + pat.len(), s.len());
                let x: String = rest.chars().take_while(|c| is_han(*c)).take(12).collect();
                if x.is_empty() || x.starts_with('度') || x.starts_with('次') {
                    continue;
                }
                push(
                    self,
                    freq,
                    format!("{label}{x}"),
                    0.6,
                    "“一月一X/一季一X/一年一X”：定期事项",
                );
                return true;
            }
        }
        let Some(&FreqTok { end: fe, freq, .. }) = freqs.iter().find(|f| {
            matches!(
                f.freq,
                Freq::Year | Freq::SchoolYear | Freq::Quarter | Freq::Month
            )
        }) else {
            return false;
        };
        let rest = sub(s, fe, s.len());
        if !RECUR_VERBS.iter().any(|v| rest.contains(v)) {
            return false;
        }
        let name = clean_name(&text_without(s, fe, s.len(), cut));
        if name.is_empty() {
            return false;
        }
        push(self, freq, name, 0.5, "“每年/每学年/按季度…”：定期事项");
        true
    }

    fn milestone(
        &mut self,
        s: &str,
        a: usize,
        b: usize,
        when: Option<When>,
        sent: &mut Sent,
        cut: &[(usize, usize)],
    ) -> bool {
        const PREFIX: &[&str] = &[
            "推动", "研究", "加快", "及时", "抓紧", "适时", "积极", "组织",
        ];
        const DOC_WORDS: &[&str] = &[
            "方案", "办法", "意见", "规划", "细则", "制度", "标准", "清单", "计划", "条例", "指南",
            "纲要", "》",
        ];
        let mut t = s;
        while let Some(r) = strip_any(t, PREFIX) {
            t = r;
        }
        let document = (t.starts_with("出台") || t.starts_with("制定"))
            && (t.contains('《') || DOC_WORDS.iter().any(|w| t.ends_with(w)));
        let verb = MILESTONE_VERBS.iter().find(|v| s.contains(*v));
        if !(document || (when.is_some() && verb.is_some())) {
            return false;
        }
        let mut reasons = vec![if document {
            "“出台/制定…”：文件出台即完成".to_string()
        } else {
            format!("“{}”且写明期限：里程碑", verb.copied().unwrap_or(""))
        }];
        let mut confidence = 0.6;
        let period = match when {
            Some(w) => self.resolve(w, sent),
            None => {
                reasons.push("未写期限，按规划期末计".into());
                confidence -= 0.1;
                year_period(self.span.end)
            }
        };
        let name = clean_name(&text_without(s, 0, s.len(), cut));
        if name.is_empty() {
            return false;
        }
        let i = self.push(Found {
            kind: Kind::Milestone,
            direction: Direction::Increase,
            unit: String::new(),
            name,
            baseline: None,
            targets: vec![Target {
                period,
                goal: Goal::Deadline,
            }],
            quote: (a, b),
            confidence,
            reasons,
        });
        sent.group = Group {
            kind: Some(Kind::Milestone),
            found: vec![i],
            ..Group::default()
        };
        true
    }
}

// ---------------------------------------------------------------------------------------------
// Document structure: sections and numbered items.

#[derive(Debug, Default)]
struct SecB {
    title: String,
    leaders: Vec<String>,
    units: Vec<String>,
    body: Vec<(usize, usize)>,
    items: Vec<ItemB>,
}

#[derive(Debug, Default)]
struct ItemB {
    num: u32,
    /// Start of the numbering (the task quote starts here).
    marker: usize,
    /// Start of the text after the numbering.
    content: usize,
    spans: Vec<(usize, usize)>,
    leaders: Vec<String>,
    units: Vec<String>,
}

/// Chapters that frame a plan rather than hold its tasks.
const FRAMING: &[&str] = &[
    "总体要求",
    "指导思想",
    "基本原则",
    "保障措施",
    "组织保障",
    "工作要求",
    "实施步骤",
    "组织实施",
    "工作保障",
];

/// Title of a heading line and the text after it (`（一）标题。正文…`).
fn heading_title(text: &str, content: usize, end: usize) -> (String, Option<(usize, usize)>) {
    let t = sub(text, content, end);
    let stop = t
        .char_indices()
        .find(|(_, c)| matches!(c, '。' | '：' | ':' | '！' | '；' | ';'));
    let (title, rest) = match stop {
        Some((i, c)) => {
            let r = content + i + c.len_utf8();
            let rest = sub(text, r, end).trim_matches(is_space);
            (sub(t, 0, i), (!rest.is_empty()).then_some((r, end)))
        }
        None => (t, None),
    };
    let title = title.trim_matches(|c: char| is_space(c) || "，,。：:；;".contains(c));
    let title = if title.is_empty() {
        "（无标题）".to_string()
    } else {
        clip(title, 100).to_string()
    };
    (title, rest)
}

/// Splits section bodies at 一是、二是… into items.
fn split_ordinal_items(text: &str, sec: &mut SecB) {
    if !sec.items.is_empty() {
        return;
    }
    let mut expected = 1u32;
    let mut body = Vec::new();
    let mut items: Vec<ItemB> = Vec::new();
    for &(a, b) in &sec.body {
        let s = sub(text, a, b);
        let mut cuts: Vec<(usize, usize, u32)> = Vec::new();
        let mut prev: Option<char> = None;
        for (i, c) in s.char_indices() {
            let at_start = prev.is_none_or(|p| "。；;！？!?：:".contains(p) || is_space(p));
            if at_start && is_cn_numeral(c) {
                let rest = sub(s, i, s.len());
                let n_end = rest
                    .char_indices()
                    .find(|(_, x)| !is_cn_numeral(*x))
                    .map(|(k, _)| k)
                    .unwrap_or(rest.len());
                if sub(rest, n_end, rest.len()).starts_with('是') {
                    if let Some(n) = cn_number(sub(rest, 0, n_end)) {
                        if n == expected {
                            cuts.push((i, i + n_end + '是'.len_utf8(), n));
                            expected += 1;
                        }
                    }
                }
            }
            prev = Some(c);
        }
        if cuts.is_empty() {
            match items.last_mut() {
                Some(it) => it.spans.push((a, b)),
                None => body.push((a, b)),
            }
            continue;
        }
        if cuts[0].0 > 0 {
            let pre = (a, a + cuts[0].0);
            match items.last_mut() {
                Some(it) => it.spans.push(pre),
                None => body.push(pre),
            }
        }
        for (k, &(m, content, n)) in cuts.iter().enumerate() {
            let end = cuts.get(k + 1).map(|c| a + c.0).unwrap_or(b);
            items.push(ItemB {
                num: n,
                marker: a + m,
                content: a + content,
                spans: vec![(a + content, end)],
                ..ItemB::default()
            });
        }
    }
    if !items.is_empty() {
        sec.body = body;
        sec.items = items;
    }
}

fn structure(
    text: &str,
    lines: &[Line],
    kinds: &[LineKind],
    from: usize,
    warnings: &mut Vec<String>,
) -> Vec<SecB> {
    // Framing chapters (总体要求, 保障措施 …) are skipped with everything under them.
    let mut skip = vec![false; lines.len()];
    let mut skip_level: Option<u8> = None;
    for (i, line) in lines.iter().enumerate() {
        if let LineKind::Heading { level, content, .. } = kinds[i] {
            if skip_level.is_some_and(|l| level <= l) {
                skip_level = None;
            }
            if skip_level.is_none() {
                let (title, _) = heading_title(text, content, line.end);
                if FRAMING.iter().any(|f| title.starts_with(f)) {
                    skip_level = Some(level);
                }
            }
        }
        skip[i] = skip_level.is_some();
    }
    let mut present = [false; 4];
    for i in from..lines.len() {
        if let (LineKind::Heading { level, .. }, false) = (kinds[i], skip[i]) {
            present[level as usize] = true;
        }
    }
    let levels: Vec<u8> = (1..=3u8).filter(|l| present[*l as usize]).collect();
    let item_level = if levels.len() >= 2 {
        levels.last().copied().unwrap_or(0)
    } else {
        0
    };
    let mut secs: Vec<SecB> = Vec::new();
    let mut in_sec = false;
    let mut in_item = false;
    let mut last_resp: Option<bool> = None;
    let implicit = |secs: &mut Vec<SecB>| {
        secs.push(SecB {
            title: "正文".into(),
            ..SecB::default()
        });
    };
    for i in from..lines.len() {
        let line = lines[i];
        if skip[i] {
            in_sec = false;
            in_item = false;
            last_resp = None;
            continue;
        }
        match kinds[i] {
            LineKind::Blank | LineKind::Boiler => last_resp = None,
            LineKind::Heading {
                level,
                num,
                content,
            } => {
                last_resp = None;
                if item_level > 0 && level == item_level {
                    if !in_sec {
                        implicit(&mut secs);
                        in_sec = true;
                    }
                    if let Some(sec) = secs.last_mut() {
                        sec.items.push(ItemB {
                            num,
                            marker: line.start,
                            content,
                            spans: vec![(content, line.end)],
                            ..ItemB::default()
                        });
                        in_item = true;
                    }
                } else {
                    let (title, rest) = heading_title(text, content, line.end);
                    secs.push(SecB {
                        title,
                        body: rest.into_iter().collect(),
                        ..SecB::default()
                    });
                    in_sec = true;
                    in_item = false;
                }
            }
            LineKind::Resp { leaders, names } => {
                let names = resp_names(text, names, line.end, leaders, warnings);
                attach(&mut secs, in_item, leaders, names);
                last_resp = Some(leaders);
            }
            LineKind::Text => {
                let t = sub(text, line.start, line.end);
                if let Some(leaders) = last_resp {
                    if is_resp_continuation(t) {
                        let names = resp_names(text, line.start, line.end, leaders, warnings);
                        attach(&mut secs, in_item, leaders, names);
                        continue;
                    }
                }
                last_resp = None;
                if in_item {
                    if let Some(it) = secs.last_mut().and_then(|s| s.items.last_mut()) {
                        it.spans.push((line.start, line.end));
                    }
                } else if in_sec {
                    if let Some(sec) = secs.last_mut() {
                        sec.body.push((line.start, line.end));
                    }
                } else if levels.is_empty() {
                    implicit(&mut secs);
                    in_sec = true;
                    if let Some(sec) = secs.last_mut() {
                        sec.body.push((line.start, line.end));
                    }
                }
            }
        }
    }
    for sec in secs.iter_mut() {
        split_ordinal_items(text, sec);
    }
    responsibility::extract_inline(text, &mut secs);
    secs
}

fn attach(secs: &mut [SecB], in_item: bool, leaders: bool, names: Vec<String>) {
    let Some(sec) = secs.last_mut() else {
        return;
    };
    let list = match (in_item, sec.items.last_mut()) {
        (true, Some(it)) => {
            if leaders {
                &mut it.leaders
            } else {
                &mut it.units
            }
        }
        _ => {
            if leaders {
                &mut sec.leaders
            } else {
                &mut sec.units
            }
        }
    };
    for n in names {
        if list.len() < 50 && !list.contains(&n) {
            list.push(n);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Header: title, issuer, years.

struct Head {
    title: String,
    title_found: bool,
    title_line: Option<usize>,
    issuer: String,
    start: i32,
    end: i32,
}

const ORG_SUFFIXES: &[&str] = &[
    "党工委",
    "委员会",
    "政府",
    "办公室",
    "教育局",
    "局",
    "委",
    "厅",
    "中心",
    "部",
    "办",
];

fn org_prefix(s: &str) -> Option<String> {
    let s = s.trim_matches(is_space);
    (!s.is_empty() && chars_len(s) <= 40 && ORG_SUFFIXES.iter().any(|x| s.ends_with(x)))
        .then(|| s.to_string())
}

fn outside_titles(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '《' => depth += 1,
            '》' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn header(
    text: &str,
    lines: &[Line],
    kinds: &[LineKind],
    options: &DraftOptions,
    warnings: &mut Vec<String>,
) -> Head {
    const KEYS: &[&str] = &[
        "计划", "方案", "要点", "思路", "规划", "意见", "安排", "纲要",
    ];
    let first_heading = kinds
        .iter()
        .position(|k| matches!(k, LineKind::Heading { .. }))
        .unwrap_or(lines.len().min(40));
    let texts: Vec<(usize, &str)> = (0..first_heading)
        .filter(|&i| kinds[i] == LineKind::Text)
        .map(|i| (i, sub(text, lines[i].start, lines[i].end)))
        .collect();
    let ends_sentence = |t: &str| t.ends_with(['。', '，', ',', '；', ';', '：', ':']);
    let title_line = texts
        .iter()
        .find(|(_, t)| {
            chars_len(t) <= 60 && KEYS.iter().any(|k| t.contains(k)) && !ends_sentence(t)
        })
        .or_else(|| {
            texts.iter().find(|(_, t)| {
                chars_len(t) <= 40 && !ends_sentence(t) && !t.contains(['，', ',', '。'])
            })
        })
        .copied();
    let (title, title_found) = match title_line {
        Some((_, t)) => (t.to_string(), true),
        None => {
            warnings.push("未识别到计划标题，请填写".into());
            ("（未识别到标题，请填写）".to_string(), false)
        }
    };

    // Issuer.
    let issuer = options
        .issuer
        .clone()
        .filter(|s| !s.trim().is_empty())
        .or_else(|| {
            if !title_found {
                return None;
            }
            let mut cut = title.len();
            for w in ["关于", "年度", "工作"] {
                if let Some(p) = title.find(w) {
                    cut = cut.min(p);
                }
            }
            if let Some(p) = title.find(|c: char| digit(c).is_some()) {
                cut = cut.min(p);
            }
            org_prefix(sub(&title, 0, cut))
        })
        .or_else(|| {
            lines.iter().take(40).find_map(|l| {
                let t = sub(text, l.start, l.end);
                let p = t.find("关于")?;
                org_prefix(sub(t, 0, p))
            })
        })
        .or_else(|| {
            (0..first_heading)
                .filter(|&i| kinds[i] != LineKind::Blank)
                .find_map(|i| {
                    let t = sub(text, lines[i].start, lines[i].end);
                    (chars_len(t) <= 30
                        && !t.contains(['，', ',', '。', '：', ':'])
                        && Some(i) != title_line.map(|x| x.0))
                    .then(|| org_prefix(t))
                    .flatten()
                })
        });
    let issuer = match issuer {
        Some(s) => clip(&s, 200).to_string(),
        None => {
            warnings.push("未识别到发布单位，请填写".into());
            "（未识别到发布单位，请填写）".to_string()
        }
    };

    // Years: the title's, else those named in the text.
    let mut years: Vec<i32> = Vec::new();
    if title_found {
        let c = Chars::new(&title);
        let mut i = 0;
        while i < c.len() {
            let (v, nd, j) = c.int(i);
            if nd == 4 && valid_year(v as i64) {
                years.push(v as i32);
            }
            i = j.max(i + 1);
        }
    }
    let from_title = !years.is_empty();
    let multi = |s: &str| -> Option<i32> {
        let s = outside_titles(s);
        if [
            "今后三年",
            "未来三年",
            "三年内",
            "三年行动",
            "三年左右",
            "三年时间",
        ]
        .iter()
        .any(|w| s.contains(w))
        {
            Some(3)
        } else if ["今后五年", "未来五年", "五年内", "五年行动"]
            .iter()
            .any(|w| s.contains(w))
        {
            Some(5)
        } else {
            None
        }
    };
    let mut span_years = if from_title { multi(&title) } else { None };
    if !from_title {
        for (i, l) in lines.iter().enumerate() {
            if kinds[i] == LineKind::Boiler || Some(i) == title_line.map(|x| x.0) {
                continue;
            }
            let t = sub(text, l.start, l.end);
            for tok in time_tokens(t) {
                match tok.when {
                    When::Year(y) | When::Month(y, _) => years.push(y),
                    When::School(y) => years.push(y + 1),
                    _ => {}
                }
            }
            if span_years.is_none() {
                span_years = multi(t);
            }
        }
        if !title_found {
            span_years = span_years.or_else(|| multi(text));
        }
    }
    let (start, end) = match (years.iter().min(), years.iter().max()) {
        (Some(&a), Some(&b)) => {
            let b = match span_years {
                Some(n) if a == b || !from_title => b.max(a + n - 1),
                _ => b,
            };
            (a, b.min(2200))
        }
        _ => {
            let y = options
                .fallback_year
                .filter(|y| valid_year(*y as i64))
                .unwrap_or(UNKNOWN_YEAR);
            let redacted = ["xxxx年", "XXXX年", "××××年"]
                .iter()
                .any(|w| text.contains(w));
            warnings.push(format!(
                "原文{}未写明年份，暂按{y}年填写，请改为实际年份",
                if redacted {
                    "年份已脱敏（xxxx年）、"
                } else {
                    ""
                }
            ));
            (y, y)
        }
    };
    Head {
        title,
        title_found,
        title_line: title_line.map(|x| x.0),
        issuer,
        start,
        end,
    }
}

// ---------------------------------------------------------------------------------------------
// Assembly.

fn kind_zh(k: Kind) -> &'static str {
    match k {
        Kind::Level => "水平值",
        Kind::Change => "变化量",
        Kind::AnnualChange => "年均变化",
        Kind::GrowthRate => "年增长率",
        Kind::Cumulative => "累计量",
        Kind::Recurring => "每期数量",
        Kind::Zero => "零事件",
        Kind::Milestone => "里程碑",
        Kind::Task => "任务",
    }
}

/// The targets in words, for the note of a stand-in.
fn describe(f: &Found) -> String {
    let up = f.direction == Direction::Increase;
    let unit = &f.unit;
    let bound = |b: Bound| match (b, f.kind) {
        (Bound::AtLeast, Kind::Level) if !up => "以上",
        (Bound::AtMost, Kind::Level) if up => "以下",
        (Bound::Approx, _) => "左右",
        (Bound::Exact, _) => "（保持）",
        _ => "",
    };
    let one = |t: &Target| -> String {
        let p = t.period.label_zh();
        match (f.kind, t.goal) {
            (Kind::Level, Goal::Value { value, bound: b }) => {
                format!("{p}达{}{unit}{}", fmt_num(value), bound(b))
            }
            (Kind::Level, Goal::Band { min, max }) => format!(
                "{p}{}—{}{unit}",
                min.map(fmt_num).unwrap_or_default(),
                max.map(fmt_num).unwrap_or_default()
            ),
            (Kind::Change, Goal::Value { value, .. }) => format!(
                "{p}{}{}个百分点",
                if up { "提高" } else { "降低" },
                fmt_num(value)
            ),
            (Kind::AnnualChange, Goal::Value { value, .. }) => format!(
                "年均{}{}个百分点（至{p}）",
                if up { "提高" } else { "降低" },
                fmt_num(value)
            ),
            _ => p,
        }
    };
    if f.kind == Kind::GrowthRate {
        let v = match f.targets.first().map(|t| t.goal) {
            Some(Goal::Value { value, .. }) => fmt_num(value),
            _ => String::new(),
        };
        let first = f
            .targets
            .first()
            .map(|t| t.period.label_zh())
            .unwrap_or_default();
        let last = f
            .targets
            .last()
            .map(|t| t.period.label_zh())
            .unwrap_or_default();
        return format!(
            "每年{}{v}%（{first}至{last}）",
            if up { "增长" } else { "下降" }
        );
    }
    f.targets.iter().map(one).collect::<Vec<_>>().join("、")
}

fn target_json(t: &Target, direction: Direction) -> Value {
    let mut m = Map::new();
    m.insert("period".into(), json!(t.period.to_string()));
    match t.goal {
        Goal::Deadline => {}
        Goal::Value { value, bound } => {
            m.insert("value".into(), json_num(value));
            if bound != Bound::default_for(direction) {
                m.insert("bound".into(), json!(bound.as_str()));
            }
        }
        Goal::Band { min, max } => {
            if let Some(v) = min {
                m.insert("min".into(), json_num(v));
            }
            if let Some(v) = max {
                m.insert("max".into(), json_num(v));
            }
        }
    }
    Value::Object(m)
}

/// Targets in period order with one per deadline (a later duplicate replaces an earlier one).
fn ordered(mut targets: Vec<Target>) -> Vec<Target> {
    targets.sort_by(|a, b| a.period.cmp_end(&b.period));
    let mut out: Vec<Target> = Vec::new();
    for t in targets {
        match out.last_mut() {
            Some(last) if last.period.end() == t.period.end() => *last = t,
            _ => out.push(t),
        }
    }
    out.truncate(100);
    out
}

/// Whether an indicator with a baseline would pass the format's value checks.
fn plausible(f: &Found, baseline: &Baseline) -> bool {
    let percent = f.unit == "%";
    let in_range = |v: f64| !percent || (0.0..=100.0).contains(&v);
    if !in_range(baseline.value) {
        return false;
    }
    let sign = f.direction.sign();
    let mut level = baseline.value;
    let mut from = baseline.period.end();
    f.targets.iter().all(|t| {
        t.period.end() > baseline.period.end()
            && match (f.kind, t.goal) {
                (Kind::Level, Goal::Value { value, .. }) => in_range(value),
                (Kind::Level, Goal::Band { min, max }) => {
                    min.is_none_or(in_range) && max.is_none_or(in_range)
                }
                (Kind::Change, Goal::Value { value, .. }) => {
                    value > 0.0 && in_range(baseline.value + sign * value)
                }
                (Kind::AnnualChange, Goal::Value { value, .. }) => {
                    let years = crate::period::whole_years(from, t.period.end());
                    level += sign * value * years;
                    from = t.period.end();
                    value > 0.0 && in_range(level)
                }
                (Kind::GrowthRate, Goal::Value { value, .. }) => {
                    value > 0.0
                        && baseline.value > 0.0
                        && (f.direction == Direction::Increase || value < 100.0)
                }
                _ => false,
            }
    })
}

struct Entry {
    id: String,
    section: String,
    found: Found,
    leaders: Vec<String>,
    units: Vec<String>,
}

/// Drafts a plan document from the plan's text. Never panics; the document always passes
/// [`crate::parse::load_value`] without error (and `plan_widget::load` once serialized).
pub fn draft(text: &str, options: &DraftOptions) -> Draft {
    let lines = split_lines(text);
    let mut kinds: Vec<LineKind> = lines.iter().map(|l| classify(text, *l)).collect();
    // Tables are read by their columns: their lines are neither title nor prose.
    let tables = table::tables(text, &lines);
    table::mask(&tables, &lines, &mut kinds);
    let mut warnings = Vec::new();
    let head = header(text, &lines, &kinds, options, &mut warnings);
    let from = head.title_line.map(|i| i + 1).unwrap_or(0);
    let mut secs = structure(text, &lines, &kinds, from, &mut warnings);
    table::merge(tables, &mut secs);
    let mut scanner = Scanner {
        text,
        span: Span {
            start: head.start,
            end: head.end,
        },
        found: Vec::new(),
    };

    let mut sections: Vec<(String, &SecB)> = Vec::new();
    let mut entries: Vec<Entry> = Vec::new();
    let mut ids: HashSet<String> = HashSet::new();
    let mut next_suffix: HashMap<String, usize> = HashMap::new();
    let mut unique = |base: String| -> String {
        let mut id = base.clone();
        while !ids.insert(id.clone()) {
            let n = next_suffix.entry(base.clone()).or_insert(2);
            id = format!("{base}-{n}");
            *n += 1;
        }
        id
    };
    for sec in &secs {
        if sections.len() >= 1000 || entries.len() >= 10_000 {
            warnings.push("章节或指标过多，只保留前面部分".into());
            break;
        }
        let sid = format!("s{}", sections.len() + 1);
        let mut here: Vec<Entry> = Vec::new();
        let before = scanner.found.len();
        for &(a, b) in &sec.body {
            scanner.scan(a, b);
        }
        for (j, f) in scanner.found.drain(before..).enumerate() {
            here.push(Entry {
                id: format!("{sid}-0-{}", j + 1),
                section: sid.clone(),
                found: f,
                leaders: Vec::new(),
                units: Vec::new(),
            });
        }
        for item in &sec.items {
            let before = scanner.found.len();
            for &(a, b) in &item.spans {
                scanner.scan(a, b);
            }
            let found: Vec<Found> = scanner.found.drain(before..).collect();
            let found = items::with_heading(text, item, found);
            if found.is_empty() {
                if let Some(task) = task_for(text, item) {
                    here.push(Entry {
                        id: format!("{sid}-{}", item.num),
                        section: sid.clone(),
                        found: task,
                        leaders: item.leaders.clone(),
                        units: item.units.clone(),
                    });
                }
            }
            for (j, f) in found.into_iter().enumerate() {
                here.push(Entry {
                    id: format!("{sid}-{}-{}", item.num, j + 1),
                    section: sid.clone(),
                    found: f,
                    leaders: item.leaders.clone(),
                    units: item.units.clone(),
                });
            }
        }
        if here.is_empty() {
            continue;
        }
        sections.push((sid, sec));
        entries.extend(here);
    }
    entries.truncate(10_000);
    for e in entries.iter_mut() {
        e.id = unique(e.id.clone());
    }

    // A target after the plan's span widens the span (the title may name only the first year).
    let mut end = head.end;
    for e in &entries {
        for t in &e.found.targets {
            let (y, _, _) = t.period.start().ymd();
            if y > end {
                end = y.min(2200);
            }
        }
    }
    if end > head.end {
        warnings.push(format!(
            "有目标期限晚于标题所示规划期，规划期末已延至{end}年，请核对"
        ));
    }

    let mut items = Vec::new();
    let mut indicators = Vec::new();
    for e in entries {
        let (item, json) = indicator(text, e, head.start);
        items.push(item);
        indicators.push(json);
    }
    let sections_json: Vec<Value> = sections
        .iter()
        .map(|(id, s)| {
            let mut m = Map::new();
            m.insert("id".into(), json!(id));
            m.insert("title".into(), json!(s.title));
            if !s.leaders.is_empty() {
                m.insert("leaders".into(), json!(s.leaders));
            }
            if !s.units.is_empty() {
                m.insert("units".into(), json!(s.units));
            }
            Value::Object(m)
        })
        .collect();
    let plan_id = options
        .plan_id
        .clone()
        .filter(|id| {
            !id.is_empty()
                && id.len() <= 64
                && id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        })
        .unwrap_or_else(|| {
            if head.start == end {
                format!("draft-{}", head.start)
            } else {
                format!("draft-{}-{end}", head.start)
            }
        });
    let mut note = String::from(
        "自动草稿：由计划原文自动提取，所有指标均需人工核对。原文未给基期值的水平、变化、年均变化和增长率目标暂以里程碑录入，目标值见各指标备注。",
    );
    for w in &warnings {
        note.push_str(w);
        note.push('。');
    }
    let mut plan = Map::new();
    plan.insert("id".into(), json!(plan_id));
    plan.insert("title".into(), json!(clip(&head.title, 200)));
    plan.insert("issuer".into(), json!(head.issuer));
    plan.insert("start".into(), json!(head.start.to_string()));
    plan.insert("end".into(), json!(end.to_string()));
    if head.title_found {
        plan.insert("source".into(), json!({ "title": clip(&head.title, 200) }));
    }
    plan.insert("sampleData".into(), json!(false));
    plan.insert("locale".into(), json!("zh-CN"));
    plan.insert("note".into(), json!(clip(&note, 1900)));
    let document = json!({
        "schemaVersion": 1,
        "plan": Value::Object(plan),
        "sections": sections_json,
        "indicators": indicators,
    });
    Draft {
        document,
        items,
        warnings,
    }
}

/// The task for a numbered item with no recognised target: its first sentence.
fn task_for(text: &str, item: &ItemB) -> Option<Found> {
    let &(_, first_end) = item.spans.first()?;
    let body = sub(text, item.content, first_end);
    let stop = body
        .char_indices()
        .find(|(_, c)| matches!(c, '。' | '！' | '？' | '；' | ';' | '!' | '?'));
    let (title_end, quote_end) = match stop {
        Some((i, c)) => (item.content + i, item.content + i + c.len_utf8()),
        None => (first_end, first_end),
    };
    let name = heading_name(sub(text, item.content, title_end));
    let quote = sub(text, item.marker, quote_end).trim_matches(is_space);
    if quote.is_empty() {
        return None;
    }
    let qs = item.marker
        + (sub(text, item.marker, quote_end).len()
            - sub(text, item.marker, quote_end)
                .trim_start_matches(is_space)
                .len());
    Some(Found {
        kind: Kind::Task,
        direction: Direction::Increase,
        unit: String::new(),
        name: if name.is_empty() {
            clean_name(clip(quote, 40))
        } else {
            name
        },
        baseline: None,
        targets: Vec::new(),
        quote: (qs, qs + quote.len()),
        confidence: 0.5,
        reasons: vec!["编号事项中未识别出量化目标：作为任务".into()],
    })
}

fn indicator(text: &str, e: Entry, plan_start: i32) -> (DraftItem, Value) {
    let Entry {
        id,
        section,
        mut found,
        leaders,
        units,
    } = e;
    found.targets = ordered(found.targets);
    let mut emitted = found.kind;
    let mut baseline = None;
    if found.kind.needs_baseline() || found.kind == Kind::Level {
        let stated = found.baseline.map(|value| Baseline {
            period: year_period(plan_start - 1),
            value,
        });
        match stated.filter(|b| plausible(&found, b)) {
            Some(b) => {
                baseline = Some(b);
                found
                    .reasons
                    .push(format!("基期按规划开始前一年（{}年）计", plan_start - 1));
            }
            // A level may omit its baseline (its path starts at the first report).
            None if found.kind == Kind::Level && names::levels_in_range(&found) => {
                found
                    .reasons
                    .push("原文未给基期值：应达路径从首次报告值起算".into());
            }
            None => {
                emitted = Kind::Milestone;
                found
                    .reasons
                    .push("原文未给基期值：暂以里程碑录入，补录基期值后改回原类型".into());
            }
        }
    }
    let confidence = (found.confidence.clamp(0.1, 0.95) * 100.0).round() / 100.0;
    let quote_full = sub(text, found.quote.0, found.quote.1);
    let quote = clip(quote_full, 500).to_string();
    let name = if found.name.trim().is_empty() {
        clean_name(clip(&quote, 30))
    } else {
        found.name.clone()
    };
    // Words of the plan: contiguous text of the quote, never a splice.
    let name = names::contiguous(&name, &quote);
    let name = if name.is_empty() {
        clip(quote.trim(), 30).trim().to_string()
    } else {
        name
    };
    let name = if name.is_empty() {
        "未命名指标".to_string()
    } else {
        name
    };
    let mut note = format!("自动提取，需人工确认（置信度{}）", fmt_num(confidence));
    if emitted != found.kind {
        note.push_str(&format!(
            "。原文为{}目标：{}；原文未给基期值，暂按里程碑（目标期限）录入，补录基期值后请改为“{}”类型并填写基期值与目标值",
            kind_zh(found.kind),
            describe(&found),
            found.kind.as_str()
        ));
    }
    let mut m = Map::new();
    m.insert("id".into(), json!(id));
    m.insert("section".into(), json!(section));
    m.insert("name".into(), json!(name));
    if !found.unit.is_empty() && !matches!(emitted, Kind::Milestone | Kind::Task) {
        m.insert("unit".into(), json!(found.unit));
    }
    m.insert("kind".into(), json!(emitted.as_str()));
    let direction = if matches!(emitted, Kind::Milestone | Kind::Task) {
        Direction::Increase
    } else {
        found.direction
    };
    if direction == Direction::Decrease {
        m.insert("direction".into(), json!("decrease"));
    }
    if let Some(b) = baseline {
        m.insert(
            "baseline".into(),
            json!({ "period": b.period.to_string(), "value": json_num(b.value) }),
        );
    }
    let doc_targets: Vec<Value> = if emitted == Kind::Milestone {
        let deadlines: Vec<Target> = found
            .targets
            .iter()
            .map(|t| Target {
                period: t.period,
                goal: Goal::Deadline,
            })
            .collect();
        ordered(deadlines)
            .iter()
            .map(|t| target_json(t, direction))
            .collect()
    } else {
        found
            .targets
            .iter()
            .map(|t| target_json(t, direction))
            .collect()
    };
    if emitted != Kind::Task || !doc_targets.is_empty() {
        m.insert("targets".into(), Value::Array(doc_targets));
    }
    m.insert("quote".into(), json!(quote));
    if !leaders.is_empty() {
        m.insert("leaders".into(), json!(leaders));
    }
    if !units.is_empty() {
        m.insert("units".into(), json!(units));
    }
    m.insert("note".into(), json!(clip(&note, 1000)));
    let item = DraftItem {
        id,
        section,
        name,
        quote,
        quote_start: found.quote.0,
        kind: emitted,
        intended_kind: found.kind,
        direction: found.direction,
        unit: found.unit,
        baseline,
        targets: found.targets,
        confidence,
        needs_review: true,
        reasons: found.reasons,
    };
    (item, Value::Object(m))
}

// ---------------------------------------------------------------------------------------------
// Comparison with a curated file.

/// How the quotes of a drafted and a curated indicator relate (weakest first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum QuoteMatch {
    /// They share a run of at least max(6, ⌈half the shorter quote⌉) characters.
    Overlap,
    /// One contains the other.
    Contains,
    /// Equal.
    Same,
}

fn norm_quote(q: &str) -> Vec<char> {
    q.chars()
        .filter(|c| !is_space(*c))
        .map(|c| match c {
            '，' => ',',
            '：' => ':',
            '；' => ';',
            '（' => '(',
            '）' => ')',
            _ => c,
        })
        .collect()
}

fn contains_chars(hay: &[char], needle: &[char]) -> bool {
    needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle)
}

fn longest_common_run(a: &[char], b: &[char]) -> usize {
    let mut best = 0;
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for &x in a {
        for (j, &y) in b.iter().enumerate() {
            cur[j + 1] = if x == y { prev[j] + 1 } else { 0 };
            best = best.max(cur[j + 1]);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    best
}

/// Relates two quotes after removing whitespace (and reading full-width `，：；（）` as ASCII):
/// equal, one containing the other, or overlapping by a common run of at least
/// max(6, ⌈half the shorter one⌉) characters. `None` otherwise.
pub fn quote_match(a: &str, b: &str) -> Option<QuoteMatch> {
    let (a, b) = (norm_quote(a), norm_quote(b));
    if a.is_empty() || b.is_empty() {
        return None;
    }
    if a == b {
        return Some(QuoteMatch::Same);
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if contains_chars(long, short) {
        return Some(QuoteMatch::Contains);
    }
    let need = 6.max(short.len().div_ceil(2));
    if short.len() < need {
        return None;
    }
    (longest_common_run(short, long) >= need).then_some(QuoteMatch::Overlap)
}

/// A drafted indicator matched to a curated one.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Pair {
    /// Drafted id.
    pub drafted: String,
    /// Curated id.
    pub curated: String,
    /// How their quotes relate.
    pub quote: QuoteMatch,
}

/// A drafted and a curated indicator with related quotes that did not match, and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Partial {
    /// Drafted id.
    pub drafted: String,
    /// Curated id.
    pub curated: String,
    /// How their quotes relate.
    pub quote: QuoteMatch,
    /// What differs: kind, direction, targets (in words).
    pub differences: Vec<String>,
}

/// Recall and precision of a draft against a curated file.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Quality {
    /// Valid indicators in the curated file.
    pub curated: usize,
    /// Drafted indicators.
    pub drafted: usize,
    /// One-to-one matches.
    pub matched: usize,
    /// Curated indicators other than `task`.
    pub curated_targets: usize,
    /// Drafted indicators whose intended kind is not `task`.
    pub drafted_targets: usize,
    /// Matches of kinds other than `task`.
    pub matched_targets: usize,
    /// The matches.
    pub matches: Vec<Pair>,
    /// Unmatched pairs with related quotes, for diagnosis.
    pub partial: Vec<Partial>,
    /// Curated ids without a match.
    pub missed: Vec<String>,
    /// Drafted ids without a match.
    pub extra: Vec<String>,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

impl Quality {
    /// matched ÷ curated (1 when nothing was curated).
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.curated)
    }
    /// matched ÷ drafted (1 when nothing was drafted).
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.drafted)
    }
    /// Recall over targets (indicators other than `task`).
    pub fn target_recall(&self) -> f64 {
        ratio(self.matched_targets, self.curated_targets)
    }
    /// Precision over targets (indicators other than `task`).
    pub fn target_precision(&self) -> f64 {
        ratio(self.matched_targets, self.drafted_targets)
    }

    /// A Markdown report: the counts, then partial matches, misses and extras.
    pub fn report(&self) -> String {
        let mut out = quality_table(&[("draft".to_string(), self.clone())]);
        out.push('\n');
        if !self.partial.is_empty() {
            out.push_str("Partial matches (quote related, kind or targets differ):\n\n");
            for p in &self.partial {
                out.push_str(&format!(
                    "- `{}` ~ `{}` ({:?}): {}\n",
                    p.drafted,
                    p.curated,
                    p.quote,
                    p.differences.join("; ")
                ));
            }
            out.push('\n');
        }
        if !self.missed.is_empty() {
            out.push_str(&format!("Missed (curated): {}\n\n", self.missed.join(", ")));
        }
        if !self.extra.is_empty() {
            out.push_str(&format!("Extra (drafted): {}\n", self.extra.join(", ")));
        }
        out
    }
}

struct Cmp {
    id: String,
    kind: Kind,
    direction: Direction,
    targets: Vec<Target>,
    quote: String,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Canon {
    Deadline,
    Value(f64, Bound),
    Band(Option<f64>, Option<f64>),
}

fn canon(kind: Kind, t: &Target) -> (Period, Canon) {
    let c = match (kind, t.goal) {
        (Kind::Zero | Kind::Milestone | Kind::Task, _) => Canon::Deadline,
        (_, Goal::Deadline) => Canon::Deadline,
        (_, Goal::Value { value, bound }) => Canon::Value(value, bound),
        (
            _,
            Goal::Band {
                min: Some(a),
                max: None,
            },
        ) => Canon::Value(a, Bound::AtLeast),
        (
            _,
            Goal::Band {
                min: None,
                max: Some(b),
            },
        ) => Canon::Value(b, Bound::AtMost),
        (_, Goal::Band { min, max }) => Canon::Band(min, max),
    };
    (t.period, c)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn canon_eq(a: &Canon, b: &Canon) -> bool {
    match (a, b) {
        (Canon::Deadline, Canon::Deadline) => true,
        (Canon::Value(x, p), Canon::Value(y, q)) => close(*x, *y) && p == q,
        (Canon::Band(a1, b1), Canon::Band(a2, b2)) => {
            let eq = |x: &Option<f64>, y: &Option<f64>| match (x, y) {
                (None, None) => true,
                (Some(x), Some(y)) => close(*x, *y),
                _ => false,
            };
            eq(a1, a2) && eq(b1, b2)
        }
        _ => false,
    }
}

fn canon_text(kind: Kind, targets: &[Target]) -> String {
    targets
        .iter()
        .map(|t| match canon(kind, t) {
            (p, Canon::Deadline) => p.to_string(),
            (p, Canon::Value(v, b)) => format!("{p}:{}({})", fmt_num(v), b.as_str()),
            (p, Canon::Band(a, b)) => format!(
                "{p}:{}–{}",
                a.map(fmt_num).unwrap_or_default(),
                b.map(fmt_num).unwrap_or_default()
            ),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Differences in kind, direction and targets (empty when they match).
fn differences(d: &Cmp, c: &Cmp) -> Vec<String> {
    let mut out = Vec::new();
    if d.kind != c.kind {
        out.push(format!("kind {} vs {}", d.kind.as_str(), c.kind.as_str()));
        return out;
    }
    if !matches!(d.kind, Kind::Milestone | Kind::Task) && d.direction != c.direction {
        out.push("direction".into());
    }
    if d.kind != Kind::Task {
        let da: Vec<(Period, Canon)> = d.targets.iter().map(|t| canon(d.kind, t)).collect();
        let ca: Vec<(Period, Canon)> = c.targets.iter().map(|t| canon(c.kind, t)).collect();
        let same = da.len() == ca.len()
            && da
                .iter()
                .zip(&ca)
                .all(|(x, y)| x.0 == y.0 && canon_eq(&x.1, &y.1));
        if !same {
            out.push(format!(
                "targets [{}] vs [{}]",
                canon_text(d.kind, &d.targets),
                canon_text(c.kind, &c.targets)
            ));
        }
    }
    out
}

/// Compares a draft with a curated plan file. A drafted indicator matches a curated one when
/// their quotes relate ([`quote_match`]), their kinds are equal (the drafted side's intended
/// kind, so a stand-in counts as what the text says) and their targets are equal: the same
/// periods in the same order with the same values under the same bound (a bound omitted in the
/// file is the direction's default; a band with one end equals a value with that bound:
/// `min: 12` = `value: 12, atLeast`), and the same direction. `zero` targets compare by period
/// only, `milestone` by deadline, `task` by kind alone. Matching is one-to-one (a maximum
/// bipartite matching preferring closer quotes); curated indicators that fail validation are not
/// counted.
pub fn compare(draft: &Draft, curated: &Value) -> Quality {
    let loaded = crate::parse::load_value(curated);
    let cur: Vec<Cmp> = loaded
        .plan
        .map(|p| {
            p.indicators
                .into_iter()
                .map(|i| Cmp {
                    id: i.id,
                    kind: i.kind,
                    direction: i.direction,
                    targets: i.targets,
                    quote: i.quote,
                })
                .collect()
        })
        .unwrap_or_default();
    let dra: Vec<Cmp> = draft
        .items
        .iter()
        .map(|d| Cmp {
            id: d.id.clone(),
            kind: d.intended_kind,
            direction: d.direction,
            targets: d
                .targets
                .iter()
                .map(|t| Target {
                    period: t.period,
                    goal: match (d.intended_kind, t.goal) {
                        (_, g @ Goal::Value { .. }) | (_, g @ Goal::Band { .. }) => g,
                        (_, Goal::Deadline) => Goal::Deadline,
                    },
                })
                .collect(),
            quote: d.quote.clone(),
        })
        .collect();
    let quotes: Vec<Vec<Option<QuoteMatch>>> = dra
        .iter()
        .map(|d| {
            cur.iter()
                .map(|c| quote_match(&d.quote, &c.quote))
                .collect()
        })
        .collect();
    // Edges of the matching: curated j → drafted i, closest quotes first.
    let adj: Vec<Vec<usize>> = (0..cur.len())
        .map(|j| {
            let mut v: Vec<usize> = (0..dra.len())
                .filter(|&i| quotes[i][j].is_some() && differences(&dra[i], &cur[j]).is_empty())
                .collect();
            v.sort_by_key(|&i| (std::cmp::Reverse(quotes[i][j]), i));
            v
        })
        .collect();
    let mut owner: Vec<Option<usize>> = vec![None; dra.len()];
    fn augment(
        j: usize,
        adj: &[Vec<usize>],
        owner: &mut [Option<usize>],
        seen: &mut [bool],
    ) -> bool {
        for &i in &adj[j] {
            if seen[i] {
                continue;
            }
            seen[i] = true;
            if owner[i].is_none_or(|k| augment(k, adj, owner, seen)) {
                owner[i] = Some(j);
                return true;
            }
        }
        false
    }
    for j in 0..cur.len() {
        let mut seen = vec![false; dra.len()];
        augment(j, &adj, &mut owner, &mut seen);
    }
    let mut q = Quality {
        curated: cur.len(),
        drafted: dra.len(),
        curated_targets: cur.iter().filter(|c| c.kind != Kind::Task).count(),
        drafted_targets: dra.iter().filter(|d| d.kind != Kind::Task).count(),
        ..Quality::default()
    };
    let mut cur_matched = vec![false; cur.len()];
    for (i, o) in owner.iter().enumerate() {
        if let Some(j) = *o {
            cur_matched[j] = true;
            q.matched += 1;
            if dra[i].kind != Kind::Task {
                q.matched_targets += 1;
            }
            q.matches.push(Pair {
                drafted: dra[i].id.clone(),
                curated: cur[j].id.clone(),
                quote: quotes[i][j].unwrap_or(QuoteMatch::Overlap),
            });
        }
    }
    // Partial matches among the unmatched, closest quotes and same kinds first.
    let mut cands: Vec<(usize, usize, QuoteMatch, bool)> = Vec::new();
    for (i, row) in quotes.iter().enumerate() {
        for (j, qm) in row.iter().enumerate() {
            if let (Some(qm), None, false) = (qm, owner[i], cur_matched[j]) {
                cands.push((i, j, *qm, dra[i].kind == cur[j].kind));
            }
        }
    }
    cands.sort_by_key(|&(i, j, qm, same)| (std::cmp::Reverse(same), std::cmp::Reverse(qm), j, i));
    let mut d_used = vec![false; dra.len()];
    let mut c_used = vec![false; cur.len()];
    for (i, j, qm, _) in cands {
        if d_used[i] || c_used[j] {
            continue;
        }
        d_used[i] = true;
        c_used[j] = true;
        q.partial.push(Partial {
            drafted: dra[i].id.clone(),
            curated: cur[j].id.clone(),
            quote: qm,
            differences: differences(&dra[i], &cur[j]),
        });
    }
    q.partial.sort_by(|a, b| a.curated.cmp(&b.curated));
    q.missed = cur
        .iter()
        .zip(&cur_matched)
        .filter(|(_, m)| !**m)
        .map(|(c, _)| c.id.clone())
        .collect();
    q.extra = dra
        .iter()
        .zip(&owner)
        .filter(|(_, o)| o.is_none())
        .map(|(d, _)| d.id.clone())
        .collect();
    q
}

/// Renders recall and precision for several plans as a Markdown table, with a total row when
/// there is more than one plan. Columns: all indicators (curated, drafted, matched, recall,
/// precision), then targets only (indicators other than `task`), then partial matches.
pub fn quality_table(rows: &[(String, Quality)]) -> String {
    let f = |x: f64| format!("{x:.2}");
    let mut out = String::from(
        "| plan | curated | drafted | matched | recall | precision | curated targets | drafted targets | matched targets | target recall | target precision | partial |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    let row = |name: &str, q: &Quality| {
        format!(
            "| {name} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            q.curated,
            q.drafted,
            q.matched,
            f(q.recall()),
            f(q.precision()),
            q.curated_targets,
            q.drafted_targets,
            q.matched_targets,
            f(q.target_recall()),
            f(q.target_precision()),
            q.partial.len()
        )
    };
    let mut total = Quality::default();
    for (name, q) in rows {
        out.push_str(&row(name, q));
        total.curated += q.curated;
        total.drafted += q.drafted;
        total.matched += q.matched;
        total.curated_targets += q.curated_targets;
        total.drafted_targets += q.drafted_targets;
        total.matched_targets += q.matched_targets;
        total.partial.extend(q.partial.iter().cloned());
    }
    if rows.len() > 1 {
        out.push_str(&row("**all**", &total));
    }
    out
}
