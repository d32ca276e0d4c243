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

mod clause;
mod counts;
mod items;
mod levels;
mod lines;
mod names;
mod numbers;
mod quantified;
mod responsibility;
mod table;
mod text;
mod time;

use clause::{Found, Scanner, Span};
use lines::*;
use names::{clean_name, heading_name};
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
    let span = Span {
        start: head.start,
        end: head.end,
    };
    let mut scanner = Scanner::new(text, span);

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
