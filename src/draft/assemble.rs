//! Assembly: the findings of every section and item become entries with ids; each entry becomes
//! an indicator of the document (a stand-in `milestone` when its kind needs a baseline the text
//! does not give) and a [`DraftItem`]; the plan's header, sections and note complete the
//! document.

use std::collections::{HashMap, HashSet};

use serde_json::{json, Map, Value};

use super::clause::{Found, Scanner};
use super::header::Header;
use super::items::{task_for, with_heading};
use super::names::{clean_name, contiguous, levels_in_range};
use super::structure::{Item, Section};
use super::text::{clip, fmt_num, json_num, sub, year_period};
use super::{Draft, DraftItem, DraftOptions};
use crate::model::{Baseline, Bound, Direction, Goal, Kind, Target};

/// At most this many sections and indicators are drafted.
const MAX_SECTIONS: usize = 1000;
const MAX_ENTRIES: usize = 10_000;

/// One finding with its place in the document.
pub(super) struct Entry {
    id: String,
    section: String,
    found: Found,
    leaders: Vec<String>,
    units: Vec<String>,
}

/// The sections that hold findings (with their ids) and the entries, in document order.
pub(super) struct Findings<'s> {
    sections: Vec<(String, &'s Section)>,
    entries: Vec<Entry>,
}

/// Scans every section's text and items. Sections without findings are left out; ids are
/// `s<section>-<item>-<n>` (`s1-0-1` for a section's own text, `s1-4` for a task), unique.
pub(super) fn find<'s>(
    scanner: &mut Scanner,
    secs: &'s [Section],
    warnings: &mut Vec<String>,
) -> Findings<'s> {
    let mut out = Findings {
        sections: Vec::new(),
        entries: Vec::new(),
    };
    for sec in secs {
        if out.sections.len() >= MAX_SECTIONS || out.entries.len() >= MAX_ENTRIES {
            warnings.push("章节或指标过多，只保留前面部分".into());
            break;
        }
        let sid = format!("s{}", out.sections.len() + 1);
        let here = section_entries(scanner, &sid, sec);
        if here.is_empty() {
            continue;
        }
        out.sections.push((sid, sec));
        out.entries.extend(here);
    }
    out.entries.truncate(MAX_ENTRIES);
    unique_ids(&mut out.entries);
    out
}

/// What the scanner finds in `spans`.
fn scan_spans(scanner: &mut Scanner, spans: &[(usize, usize)]) -> Vec<Found> {
    let before = scanner.found.len();
    for &(a, b) in spans {
        scanner.scan(a, b);
    }
    scanner.found.drain(before..).collect()
}

/// The entries of one section: its own text's findings, then each item's (or the item as a
/// task when it has none).
fn section_entries(scanner: &mut Scanner, sid: &str, sec: &Section) -> Vec<Entry> {
    let entry = |id: String, found: Found, item: Option<&Item>| Entry {
        id,
        section: sid.to_string(),
        found,
        leaders: item.map(|i| i.leaders.clone()).unwrap_or_default(),
        units: item.map(|i| i.units.clone()).unwrap_or_default(),
    };
    let mut here: Vec<Entry> = scan_spans(scanner, &sec.body)
        .into_iter()
        .enumerate()
        .map(|(j, f)| entry(format!("{sid}-0-{}", j + 1), f, None))
        .collect();
    let text = scanner.text;
    for item in &sec.items {
        let found = with_heading(text, item, scan_spans(scanner, &item.spans));
        if found.is_empty() {
            if let Some(task) = task_for(text, item) {
                here.push(entry(format!("{sid}-{}", item.num), task, Some(item)));
            }
        }
        for (j, f) in found.into_iter().enumerate() {
            here.push(entry(
                format!("{sid}-{}-{}", item.num, j + 1),
                f,
                Some(item),
            ));
        }
    }
    here
}

/// Makes the ids unique: a repeated id gets `-2`, `-3` … appended.
fn unique_ids(entries: &mut [Entry]) {
    let mut ids: HashSet<String> = HashSet::new();
    let mut next_suffix: HashMap<String, usize> = HashMap::new();
    for e in entries.iter_mut() {
        let base = e.id.clone();
        let mut id = base.clone();
        while !ids.insert(id.clone()) {
            let n = next_suffix.entry(base.clone()).or_insert(2);
            id = format!("{base}-{n}");
            *n += 1;
        }
        e.id = id;
    }
}

/// The plan's last year: a target after the header's span widens it (the title may name only
/// the first year), with a warning.
fn plan_end(entries: &[Entry], head_end: i32, warnings: &mut Vec<String>) -> i32 {
    let mut end = head_end;
    for e in entries {
        for t in &e.found.targets {
            let (y, _, _) = t.period.start().ymd();
            if y > end {
                end = y.min(2200);
            }
        }
    }
    if end > head_end {
        warnings.push(format!(
            "有目标期限晚于标题所示规划期，规划期末已延至{end}年，请核对"
        ));
    }
    end
}

/// The document and its metadata.
pub(super) fn document(
    text: &str,
    head: &Header,
    findings: Findings,
    options: &DraftOptions,
    mut warnings: Vec<String>,
) -> Draft {
    let end = plan_end(&findings.entries, head.end, &mut warnings);
    let mut items = Vec::new();
    let mut indicators = Vec::new();
    for e in findings.entries {
        let (item, json) = indicator(text, e, head.start);
        items.push(item);
        indicators.push(json);
    }
    let sections: Vec<Value> = findings
        .sections
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
    let document = json!({
        "schemaVersion": 1,
        "plan": plan_json(head, end, options, &warnings),
        "sections": sections,
        "indicators": indicators,
    });
    Draft {
        document,
        items,
        warnings,
    }
}

/// The document's `plan` object.
fn plan_json(head: &Header, end: i32, options: &DraftOptions, warnings: &[String]) -> Value {
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
    for w in warnings {
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
    Value::Object(plan)
}

/// One entry as a [`DraftItem`] and a document indicator.
fn indicator(text: &str, e: Entry, plan_start: i32) -> (DraftItem, Value) {
    let Entry {
        id,
        section,
        mut found,
        leaders,
        units,
    } = e;
    found.targets = ordered(found.targets);
    let (emitted, baseline) = baseline_or_stand_in(&mut found, plan_start);
    let confidence = (found.confidence.clamp(0.1, 0.95) * 100.0).round() / 100.0;
    let quote = clip(sub(text, found.quote.0, found.quote.1), 500).to_string();
    let name = drafted_name(&found.name, &quote);
    let mut note = format!("自动提取，需人工确认（置信度{}）", fmt_num(confidence));
    if emitted != found.kind {
        note.push_str(&format!(
            "。原文为{}目标：{}；原文未给基期值，暂按里程碑（目标期限）录入，补录基期值后请改为“{}”类型并填写基期值与目标值",
            kind_zh(found.kind),
            describe(&found),
            found.kind.as_str()
        ));
    }
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
    let json = indicator_json(&item, leaders, units, &note);
    (item, json)
}

/// The kind to write and the baseline: a stated, plausible baseline (at the year before the
/// plan), or none for a level that can do without, or a stand-in `milestone`.
fn baseline_or_stand_in(found: &mut Found, plan_start: i32) -> (Kind, Option<Baseline>) {
    if !(found.kind.needs_baseline() || found.kind == Kind::Level) {
        return (found.kind, None);
    }
    let stated = found.baseline.map(|value| Baseline {
        period: year_period(plan_start - 1),
        value,
    });
    match stated.filter(|b| plausible(found, b)) {
        Some(b) => {
            found
                .reasons
                .push(format!("基期按规划开始前一年（{}年）计", plan_start - 1));
            (found.kind, Some(b))
        }
        // A level may omit its baseline (its path starts at the first report).
        None if found.kind == Kind::Level && levels_in_range(found) => {
            found
                .reasons
                .push("原文未给基期值：应达路径从首次报告值起算".into());
            (found.kind, None)
        }
        None => {
            found
                .reasons
                .push("原文未给基期值：暂以里程碑录入，补录基期值后改回原类型".into());
            (Kind::Milestone, None)
        }
    }
}

/// The name to write: words of the plan, contiguous text of the quote, never a splice (the
/// quote's opening when the finding has no name).
fn drafted_name(found_name: &str, quote: &str) -> String {
    let name = if found_name.trim().is_empty() {
        clean_name(clip(quote, 30))
    } else {
        found_name.to_string()
    };
    let name = contiguous(&name, quote);
    let name = if name.is_empty() {
        clip(quote.trim(), 30).trim().to_string()
    } else {
        name
    };
    if name.is_empty() {
        "未命名指标".to_string()
    } else {
        name
    }
}

/// The document's indicator for a drafted item.
fn indicator_json(item: &DraftItem, leaders: Vec<String>, units: Vec<String>, note: &str) -> Value {
    let emitted = item.kind;
    let plain = matches!(emitted, Kind::Milestone | Kind::Task);
    let mut m = Map::new();
    m.insert("id".into(), json!(item.id));
    m.insert("section".into(), json!(item.section));
    m.insert("name".into(), json!(item.name));
    if !item.unit.is_empty() && !plain {
        m.insert("unit".into(), json!(item.unit));
    }
    m.insert("kind".into(), json!(emitted.as_str()));
    let direction = if plain {
        Direction::Increase
    } else {
        item.direction
    };
    if direction == Direction::Decrease {
        m.insert("direction".into(), json!("decrease"));
    }
    if let Some(b) = item.baseline {
        m.insert(
            "baseline".into(),
            json!({ "period": b.period.to_string(), "value": json_num(b.value) }),
        );
    }
    let targets: Vec<Target> = if emitted == Kind::Milestone {
        let deadlines = item.targets.iter().map(|t| Target {
            period: t.period,
            goal: Goal::Deadline,
        });
        ordered(deadlines.collect())
    } else {
        item.targets.clone()
    };
    let doc_targets: Vec<Value> = targets.iter().map(|t| target_json(t, direction)).collect();
    if emitted != Kind::Task || !doc_targets.is_empty() {
        m.insert("targets".into(), Value::Array(doc_targets));
    }
    m.insert("quote".into(), json!(item.quote));
    if !leaders.is_empty() {
        m.insert("leaders".into(), json!(leaders));
    }
    if !units.is_empty() {
        m.insert("units".into(), json!(units));
    }
    m.insert("note".into(), json!(clip(note, 1000)));
    Value::Object(m)
}

/// A kind in words, for the note of a stand-in.
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

/// A target as the document writes it (a bound only when it is not the direction's default).
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::period::Period;

    fn value(y: i32, v: f64) -> Target {
        Target {
            period: Period::Year(y),
            goal: Goal::Value {
                value: v,
                bound: Bound::AtLeast,
            },
        }
    }

    fn level(targets: Vec<Target>) -> Found {
        Found {
            kind: Kind::Level,
            direction: Direction::Increase,
            unit: "%".into(),
            name: "覆盖率".into(),
            baseline: None,
            targets,
            quote: (0, 0),
            confidence: 0.8,
            reasons: Vec::new(),
        }
    }

    #[test]
    fn targets_in_period_order_one_per_deadline() {
        let got = ordered(vec![value(2025, 1.0), value(2024, 2.0), value(2025, 3.0)]);
        assert_eq!(got, [value(2024, 2.0), value(2025, 3.0)]);
    }

    #[test]
    fn ids_are_made_unique() {
        let entry = |id: &str| Entry {
            id: id.into(),
            section: "s1".into(),
            found: level(Vec::new()),
            leaders: Vec::new(),
            units: Vec::new(),
        };
        let mut e = vec![entry("s1-1"), entry("s1-1"), entry("s1-1-2"), entry("s1-1")];
        unique_ids(&mut e);
        let ids: Vec<&str> = e.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["s1-1", "s1-1-2", "s1-1-2-2", "s1-1-3"]);
    }

    #[test]
    fn baselines_must_be_plausible() {
        let b = |value| Baseline {
            period: Period::Year(2023),
            value,
        };
        assert!(plausible(&level(vec![value(2025, 70.0)]), &b(60.0)));
        assert!(!plausible(&level(vec![value(2025, 170.0)]), &b(60.0)));
        assert!(
            !plausible(&level(vec![value(2023, 70.0)]), &b(60.0)),
            "after the baseline"
        );
        let mut f = level(vec![value(2025, 70.0)]);
        f.baseline = Some(60.0);
        assert_eq!(
            baseline_or_stand_in(&mut f, 2024),
            (Kind::Level, Some(b(60.0)))
        );
        let mut f = level(vec![value(2025, 170.0)]);
        assert_eq!(baseline_or_stand_in(&mut f, 2024), (Kind::Milestone, None));
    }

    #[test]
    fn names_are_text_of_the_quote() {
        assert_eq!(drafted_name("", "，毛入园率达98%"), "毛入园率达98%");
        assert_eq!(drafted_name("覆盖率", "覆盖率达70%"), "覆盖率");
        assert_eq!(drafted_name("", ""), "未命名指标");
    }
}
