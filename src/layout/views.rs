//! The three views: the dashboard (header, status summary, cards by section), one indicator in
//! detail, and roll-ups by section and responsible unit. Each lays out top to bottom and returns
//! the bottom of its content.

use std::collections::HashMap;

use super::canvas::{flow, Canvas, Pin, Slot, Style, BOX, LEADING};
use super::describe::Subject;
use super::icons::{icon_text, icon_text_flow, status_tag};
use super::list::{Anchor, Baseline, HitTarget, Rect, Stroke};
use super::marks::{chip, draw_mark, mark_width, CHIP_PAD};
use super::text::Fx;
use super::trend::{legend_for, sparkline_for, trend_chart_for, TrendData};
use super::{Filter, LayoutOptions, Scene};
use crate::format::{as_of, join_names};
use crate::model::{Indicator, Locale, Section};
use crate::status::{IndicatorStatus, Rollup, Status, StatusCounts};

/// Card columns for a width: 1 under 600 px, 2 to 1000, 3 to 1400, 4 above.
pub fn columns(width: f32) -> usize {
    if width < 600.0 {
        1
    } else if width < 1000.0 {
        2
    } else if width < 1400.0 {
        3
    } else {
        4
    }
}

/// The subject for an indicator of the scene, when it was evaluated.
pub fn subject<'a>(scene: &Scene<'a>, ind: &'a Indicator, locale: Locale) -> Option<Subject<'a>> {
    let section = scene.plan.sections.iter().find(|s| s.id == ind.section);
    subject_in(scene, ind, locale, section)
}

/// Each section id's first section: what [`subject`] finds for an indicator, looked up without
/// a search when a view takes the subjects of thousands of indicators.
fn sections_by_id<'a>(scene: &Scene<'a>) -> HashMap<&'a str, &'a Section, Fx> {
    let mut out = HashMap::with_capacity_and_hasher(scene.plan.sections.len(), Fx::default());
    for s in &scene.plan.sections {
        out.entry(s.id.as_str()).or_insert(s);
    }
    out
}

/// [`subject`] with the indicator's section already found.
fn subject_in<'a>(
    scene: &Scene<'a>,
    ind: &'a Indicator,
    locale: Locale,
    section: Option<&'a Section>,
) -> Option<Subject<'a>> {
    // The evaluation lists the plan's indicators in plan order: look there first (by the
    // indicator's position in the plan), and search by id only when that is not it. A plan of
    // thousands of indicators would otherwise cost a search per card.
    let base = scene.plan.indicators.as_ptr() as usize;
    let at = (ind as *const Indicator as usize).wrapping_sub(base)
        / std::mem::size_of::<Indicator>().max(1);
    let st: &IndicatorStatus = match scene.eval.indicators.get(at) {
        Some(st) if st.id == ind.id => st,
        _ => scene.eval.get(&ind.id)?,
    };
    Some(Subject {
        ind,
        st,
        header: &scene.plan.plan,
        section,
        as_of: scene.eval.as_of,
        locale,
    })
}

/// True when a subject passes the filter (empty lists pass everything).
pub fn matches(filter: &Filter, s: &Subject) -> bool {
    let section_ok = filter.sections.is_empty() || filter.sections.contains(&s.ind.section);
    let status_ok = filter.statuses.is_empty() || filter.statuses.contains(&s.st.status);
    let unit_ok = filter.units.is_empty() || s.units().iter().any(|u| filter.units.contains(u));
    section_ok && status_ok && unit_ok
}

fn title_style(cv: &Canvas) -> Style {
    Style {
        size: cv.sz.title,
        bold: true,
        color: cv.theme.text,
    }
}

fn heading_style(cv: &Canvas) -> Style {
    Style {
        size: cv.sz.base * 1.15,
        bold: true,
        color: cv.theme.text,
    }
}

/// The dashboard. Returns the content's bottom.
pub fn dashboard<'a>(cv: &mut Canvas, scene: &Scene<'a>, opts: &LayoutOptions, width: f32) -> f32 {
    let pad = cv.sz.pad;
    let w = (width - 2.0 * pad).max(0.0);
    let mut y = header(cv, scene, Slot::new(pad, pad, w));
    let filtered = !(opts.filter.sections.is_empty()
        && opts.filter.statuses.is_empty()
        && opts.filter.units.is_empty());
    // Sections and their indicators are looked up once: a city-wide plan has thousands of
    // indicators in dozens of sections.
    let locale = cv.locale;
    let sections = sections_by_id(scene);
    let subject_of = |ind: &'a Indicator| {
        let section = sections.get(ind.section.as_str()).copied();
        subject_in(scene, ind, locale, section).filter(|s| matches(&opts.filter, s))
    };
    let matching = filtered.then(|| scene.plan.indicators.iter().filter_map(subject_of).count());
    y = summary(
        cv,
        &scene.eval.rollups.plan,
        opts,
        matching,
        Slot::new(pad, y, w),
    ) + cv.sz.gap;
    let mut members: HashMap<&str, Vec<&Indicator>, Fx> = HashMap::default();
    for ind in &scene.plan.indicators {
        members.entry(ind.section.as_str()).or_default().push(ind);
    }
    let cols = columns(width);
    // Every card is laid out, however many (the format allows 10,000 indicators): the browser
    // paints only the tiles of the picture near the screen (docs/limits.md).
    let mut shown = 0;
    for section in &scene.plan.sections {
        let in_section = members
            .get(section.id.as_str())
            .map_or(&[][..], Vec::as_slice);
        let subjects: Vec<Subject> = in_section.iter().copied().filter_map(subject_of).collect();
        if subjects.is_empty() {
            continue;
        }
        shown += subjects.len();
        y += cv.sz.gap;
        y += cv.para(Slot::new(pad, y, w), &section.title, heading_style(cv), 3) + 6.0;
        y = card_grid(
            cv,
            &subjects,
            Slot::new(pad, y, w),
            cols,
            opts.focus.as_deref(),
        );
    }
    if shown == 0 {
        let text = cv.tr("没有符合条件的指标", "No indicators match");
        y += cv.sz.gap + cv.para(Slot::new(pad, y + cv.sz.gap, w), text, cv.body(), 3);
    }
    y
}

/// Title, issuer, as-of date, sample badge, note and the rejected count.
fn header(cv: &mut Canvas, scene: &Scene, at: Slot) -> f32 {
    let Slot { x, y, w } = at;
    let h = &scene.plan.plan;
    let mut y = y + cv.para(Slot::new(x, y, w), &h.title, title_style(cv), 6) + 2.0;
    y += cv.para(Slot::new(x, y, w), &h.issuer, cv.muted(), 3) + 4.0;
    y = meta_row(cv, scene, Slot::new(x, y, w)) + 6.0;
    if let Some(note) = h.note.as_deref().filter(|n| !n.trim().is_empty()) {
        y = note_box(cv, note, Slot::new(x, y, w)) + 8.0;
    }
    if !scene.rejected.is_empty() {
        let n = scene.rejected.len();
        let text = match cv.locale {
            Locale::ZhCn => format!("{n} 项指标数据有误，未显示"),
            Locale::En if n == 1 => "1 indicator has data errors and is not shown".to_string(),
            Locale::En => format!("{n} indicators have data errors and are not shown"),
        };
        let style = Style {
            bold: true,
            ..cv.body()
        };
        let r = icon_text(cv, Slot::new(x, y, w), Status::AtRisk, &text, style);
        y = r.bottom() + 8.0;
    }
    y
}

/// "截至 …" and the "示例数据" badge, side by side when they fit.
fn meta_row(cv: &mut Canvas, scene: &Scene, at: Slot) -> f32 {
    let Slot { x, y, w } = at;
    let body = cv.body();
    let date = as_of(scene.eval.as_of, cv.locale);
    let date_w = cv.width(&date, body).min(w);
    let badge_style = Style {
        size: cv.sz.small,
        bold: true,
        color: cv.theme.text,
    };
    let badge = cv.tr("示例数据", "Sample data");
    let badge_w = (cv.width(badge, badge_style) + 2.0 * CHIP_PAD).min(w);
    let badge_h = badge_style.size * BOX + 6.0;
    let row_h = body.leading().max(badge_h);
    let mut widths = vec![date_w];
    if scene.plan.plan.sample_data {
        widths.push(badge_w);
    }
    let pos = flow(&widths, w, cv.sz.gap);
    let top = |row: usize| y + row as f32 * (row_h + 4.0);
    let (dx, row) = pos[0];
    cv.label(
        Slot::new(x + dx, top(row) + (row_h - body.size * BOX) / 2.0, w),
        &date,
        body,
    );
    let mut bottom = top(row) + row_h;
    if let Some(&(dx, row)) = pos.get(1) {
        let r = Rect::new(x + dx, top(row) + (row_h - badge_h) / 2.0, badge_w, badge_h);
        chip(cv, r, badge, badge_style);
        bottom = top(row) + row_h;
    }
    bottom
}

/// The plan's note in a tinted box with an accent rule.
fn note_box(cv: &mut Canvas, note: &str, at: Slot) -> f32 {
    let Slot { x, y, w } = at;
    let inset = 10.0;
    let style = Style {
        size: cv.sz.small,
        bold: false,
        color: cv.theme.text,
    };
    let mut sub = cv.sub();
    let th = sub.para(
        Slot::new(x + inset + 4.0, y + inset, w - 2.0 * inset - 4.0),
        note,
        style,
        40,
    );
    let r = Rect::new(x, y, w, th + 2.0 * inset);
    cv.rect(
        r,
        6.0,
        Some(cv.theme.surface),
        Some(Stroke::solid(cv.theme.border, 1.0)),
        None,
    );
    cv.fill(Rect::new(x, y, 4.0, r.h), cv.theme.accent, None);
    cv.absorb(sub);
    r.bottom()
}

/// Widths of stacked-bar segments: proportional, but each non-empty status at least `min_w`
/// when that fits.
pub fn segment_widths(counts: &StatusCounts, total_w: f32, min_w: f32) -> Vec<(Status, f32)> {
    let present: Vec<(Status, usize)> = Status::ALL
        .iter()
        .map(|&s| (s, counts.get(s)))
        .filter(|(_, n)| *n > 0)
        .collect();
    let total: usize = present.iter().map(|(_, n)| n).sum();
    if total == 0 || total_w <= 0.0 {
        return Vec::new();
    }
    let n = present.len() as f32;
    let (floor, rest) = if n * min_w < total_w {
        (min_w, total_w - n * min_w)
    } else {
        (0.0, total_w)
    };
    present
        .into_iter()
        .map(|(s, c)| (s, floor + rest * c as f32 / total as f32))
        .collect()
}

/// A stacked bar of status counts inside `bar`; returns each segment's rectangle.
pub fn stacked_bar(cv: &mut Canvas, bar: Rect, counts: &StatusCounts) -> Vec<(Status, Rect)> {
    cv.rect(bar, 4.0, Some(cv.theme.grid), None, None);
    let mut x = bar.x;
    let mut out = Vec::new();
    let style = Style {
        size: cv.sz.small,
        bold: true,
        color: cv.theme.text,
    };
    for (s, w) in segment_widths(counts, bar.w, 22.0) {
        let r = Rect::new(x, bar.y, w, bar.h);
        let color = cv.status_color(s);
        cv.fill(r, color, Some(s));
        let n = counts.get(s).to_string();
        let on = Style {
            color: cv.text_on(color),
            ..style
        };
        if cv.width(&n, on) + 6.0 <= w && on.size * BOX <= bar.h {
            let (cx, cy) = r.center();
            cv.text(Pin::new(cx, cy, Anchor::Middle, Baseline::Middle), &n, on);
        }
        out.push((s, r));
        x += w;
    }
    out
}

/// The plan's status summary: a total line (with the number shown when filtered), the stacked
/// bar (a hit per segment, which acts as a status filter: selected segments are outlined) and a
/// legend of icons, labels and counts.
fn summary(
    cv: &mut Canvas,
    counts: &StatusCounts,
    opts: &LayoutOptions,
    shown: Option<usize>,
    at: Slot,
) -> f32 {
    let Slot { x, y, w } = at;
    let total = counts.total();
    let text = match (cv.locale, shown) {
        (Locale::ZhCn, None) => format!("共 {total} 项指标"),
        (Locale::ZhCn, Some(n)) => format!("共 {total} 项指标，筛选后显示 {n} 项"),
        (Locale::En, None) => format!("{total} indicators"),
        (Locale::En, Some(n)) => format!("{total} indicators, {n} shown by the filter"),
    };
    let mut y = y + cv.para(Slot::new(x, y, w), &text, heading_style(cv), 2) + 4.0;
    let bar = Rect::new(x, y, w, 28.0);
    for (s, r) in stacked_bar(cv, bar, counts) {
        let target = HitTarget::Status(s);
        if opts.filter.statuses.contains(&s) {
            let line = cv.lw(3.0);
            cv.rect(
                r.inset(line / 2.0),
                0.0,
                None,
                Some(Stroke::solid(cv.theme.text, line)),
                None,
            );
        }
        if opts.focus.as_deref() == Some(target.key().as_str()) {
            cv.focus_ring(r);
        }
        cv.hit(r, target);
    }
    y += bar.h + 8.0;
    y + status_legend(cv, counts, Slot::new(x, y, w), true)
}

/// Icons with labels (and counts) for each status present.
fn status_legend(cv: &mut Canvas, counts: &StatusCounts, at: Slot, with_counts: bool) -> f32 {
    let style = cv.muted();
    let style = Style {
        color: cv.theme.text,
        ..style
    };
    let entries: Vec<(Status, String)> = Status::ALL
        .iter()
        .filter(|s| counts.get(**s) > 0)
        .map(|&s| {
            let label = s.label(cv.locale);
            (
                s,
                if with_counts {
                    format!("{label} {}", counts.get(s))
                } else {
                    label.to_string()
                },
            )
        })
        .collect();
    icon_text_flow(cv, at, &entries, style, 14.0)
}

/// Cards in rows of `cols`; each row as tall as its tallest card. Returns the bottom.
fn card_grid(
    cv: &mut Canvas,
    subjects: &[Subject],
    at: Slot,
    cols: usize,
    focus: Option<&str>,
) -> f32 {
    let Slot { x, y, w } = at;
    let gap = cv.sz.gap;
    let cols = cols.max(1);
    let card_w = ((w - gap * (cols as f32 - 1.0)) / cols as f32).max(0.0);
    let inset = 12.0;
    let mut y = y;
    for row in subjects.chunks(cols) {
        let mut cards = Vec::with_capacity(row.len());
        for (i, s) in row.iter().enumerate() {
            let cx = x + i as f32 * (card_w + gap);
            let mut sub = cv.sub();
            let h = card(
                &mut sub,
                s,
                Slot::new(cx + inset, y + inset, card_w - 2.0 * inset),
            ) + 2.0 * inset;
            cards.push((cx, h, sub, s));
        }
        let row_h = cards.iter().map(|c| c.1).fold(0.0, f32::max);
        for (cx, h, mut sub, s) in cards {
            // A card shorter than its row uses the room for the plan's own words.
            let inner_w = card_w - 2.0 * inset;
            card_quote(
                &mut sub,
                s,
                Slot::new(cx + inset, y + h - inset, inner_w),
                row_h - h,
            );
            let r = Rect::new(cx, y, card_w, row_h);
            cv.rect(
                r,
                8.0,
                Some(cv.theme.surface),
                Some(Stroke::solid(cv.theme.border, cv.lw(1.0))),
                None,
            );
            if focus == Some(s.ind.id.as_str()) {
                cv.focus_ring(r);
            }
            cv.hit(r, HitTarget::Indicator(s.ind.id.clone()));
            cv.absorb(sub);
        }
        y += row_h + gap;
    }
    y - gap
}

/// The plan's wording of an indicator ("原文：“…”"), in as many lines as fit `room` below
/// `y` (two at least, unless it fits on one), when it says more than the indicator's name.
fn card_quote(cv: &mut Canvas, s: &Subject, at: Slot, room: f32) {
    let w = at.w;
    let quote = s.ind.quote.trim();
    if quote.is_empty() || quote == s.ind.name.trim() {
        return;
    }
    let style = cv.muted();
    let top = 10.0;
    let lines = ((room - top - style.size * BOX) / style.leading()).floor() as i64 + 1;
    let text = format!("{}“{quote}”", cv.tr("原文：", "Plan text: "));
    // Two lines at least, unless it all fits on one.
    let whole = lines == 1 && cv.para_height(&text, w, style, 2) <= style.leading();
    if lines < 2 && !whole {
        return;
    }
    cv.para(at.down(top), &text, style, lines as usize);
}

/// One card's content: name, status, mark and sparkline. Returns the height used.
fn card(cv: &mut Canvas, s: &Subject, at: Slot) -> f32 {
    let Slot { x, y, w } = at;
    let name_style = Style {
        bold: true,
        ..cv.body()
    };
    let mut h = cv.para(at, &s.ind.name, name_style, 2) + 4.0;
    let tag = status_tag(cv, at.down(h), s.st.status, cv.body());
    h += tag.h + 8.0;
    h += draw_mark(cv, s, at.down(h), false);
    if let Some(d) = TrendData::new(s).filter(|d| !d.actual.is_empty()) {
        sparkline_for(cv, s, &d, Rect::new(x, y + h + 6.0, w, 40.0));
        h += 46.0;
    }
    h
}

/// One indicator in detail. Returns the content's bottom.
pub fn indicator(
    cv: &mut Canvas,
    scene: &Scene,
    id: &str,
    opts: &LayoutOptions,
    width: f32,
) -> f32 {
    let pad = cv.sz.pad;
    let w = (width - 2.0 * pad).max(0.0);
    let found = scene.plan.indicators.iter().find(|i| i.id == id);
    let Some(s) = found.and_then(|i| subject(scene, i, cv.locale)) else {
        let text = match cv.locale {
            Locale::ZhCn => format!("未找到指标 {id}"),
            Locale::En => format!("No indicator {id}"),
        };
        return pad + cv.para(Slot::new(pad, pad, w), &text, title_style(cv), 4);
    };
    let mut y = pad + cv.para(Slot::new(pad, pad, w), &s.ind.name, title_style(cv), 6) + 2.0;
    if let Some(sec) = s.section {
        let text = format!("{}{}", cv.tr("所属：", "Section: "), sec.title);
        y += cv.para(Slot::new(pad, y, w), &text, cv.muted(), 3) + 4.0;
    }
    let tag_style = Style {
        size: cv.sz.base * 1.1,
        bold: true,
        color: cv.theme.text,
    };
    y = status_tag(cv, Slot::new(pad, y, w), s.st.status, tag_style).bottom() + cv.sz.gap;
    let block_top = y;
    let (key, context) = fact_rows(cv, &s);
    let all: Vec<&Row> = key.iter().chain(&context).collect();
    let label_w = label_width(cv, &all);
    let wide = w >= 900.0;
    if wide {
        let left = (w * 0.4).min(480.0);
        let mh = draw_mark(cv, &s, Slot::new(pad, y, left), true);
        // A gauge is square: the facts start beside it, not after the whole column.
        let left = mark_width(cv, &s, left, true).unwrap_or(left);
        let fx = pad + left + 2.0 * cv.sz.gap;
        let key_w = label_width(cv, &key.iter().collect::<Vec<_>>());
        let fy = facts_table(
            cv,
            &s,
            &key,
            key_w,
            Slot::new(fx, y, w - left - 2.0 * cv.sz.gap),
        );
        y = (y + mh).max(fy) + cv.sz.gap;
    } else {
        y += draw_mark(cv, &s, Slot::new(pad, y, w), true) + cv.sz.gap;
    }
    let chart_h = (w * 0.5).clamp(220.0, 360.0);
    if let Some(d) = TrendData::new(&s) {
        let ch = trend_chart_for(cv, &s, &d, Rect::new(pad, y, w, chart_h));
        if ch > 0.0 {
            y += ch + 6.0;
            y += legend_for(cv, &d, Slot::new(pad, y, w));
        }
    }
    let block = Rect::new(pad, block_top, w, (y - block_top).max(1.0));
    if opts.focus.as_deref() == Some(id) {
        cv.focus_ring(block);
    }
    cv.hit(block, HitTarget::Indicator(id.to_string()));
    y += cv.sz.gap + 4.0;
    if !wide {
        y = facts_table(cv, &s, &key, label_w, Slot::new(pad, y, w));
    }
    facts_table(cv, &s, &context, label_w, Slot::new(pad, y, w))
}

/// The detail view's facts: label and value rows. Returns the bottom.
fn facts_table(cv: &mut Canvas, s: &Subject, rows: &[Row], label_w: f32, at: Slot) -> f32 {
    let Slot { x, y, w } = at;
    let label_style = fact_label_style(cv);
    let body = cv.body();
    let side_by_side = w >= 480.0 && label_w < w * 0.35;
    let mut y = y;
    let mut first = true;
    for (label, value) in rows {
        if side_by_side {
            cv.label(
                Slot::new(x, y + (body.size - label_style.size) * 0.5, label_w),
                label,
                label_style,
            );
            let h = value_cell(cv, s, value, Slot::new(x + label_w, y, w - label_w));
            y += h.max(body.leading()) + 6.0;
        } else {
            // Label above value: a clear gap before each labelled fact, a small one before a
            // continuation (a further target).
            if !label.is_empty() {
                y += if first { 0.0 } else { 6.0 };
                y += cv.para(Slot::new(x, y, w), label, label_style, 2) + 2.0;
            }
            let h = value_cell(cv, s, value, Slot::new(x, y, w));
            y += h.max(body.leading()) + 4.0;
        }
        first = false;
    }
    if !side_by_side && !rows.is_empty() {
        y += 6.0;
    }
    y
}

fn fact_label_style(cv: &Canvas) -> Style {
    Style {
        bold: true,
        ..cv.muted()
    }
}

/// The label column's width for some rows.
fn label_width(cv: &Canvas, rows: &[&Row]) -> f32 {
    let style = fact_label_style(cv);
    rows.iter()
        .map(|(l, _)| cv.width(l, style))
        .fold(0.0, f32::max)
        + 16.0
}

/// A labelled fact of the detail view.
type Row = (String, Fact);

/// A fact's value: text, or the status tag.
enum Fact {
    Text(String),
    Status,
}

fn value_cell(cv: &mut Canvas, s: &Subject, value: &Fact, at: Slot) -> f32 {
    match value {
        Fact::Text(t) => cv.para(at, t, cv.body(), 60),
        Fact::Status => status_tag(cv, at, s.st.status, cv.body()).h,
    }
}

/// The facts of the detail view: the key numbers, then the context (quote, people, notes).
fn fact_rows(cv: &Canvas, s: &Subject) -> (Vec<Row>, Vec<Row>) {
    let l = |zh: &str, en: &str| cv.tr(zh, en).to_string();
    let none = cv.tr("暂无", "None yet").to_string();
    let mut key = vec![(
        l("最新值", "Latest"),
        Fact::Text(s.latest().unwrap_or(none)),
    )];
    for i in 0..s.ind.targets.len() {
        let label = if i == 0 {
            l("目标", "Target")
        } else {
            String::new()
        };
        if let Some(t) = s.target(i) {
            key.push((label, Fact::Text(t)));
        }
    }
    push_some(
        &mut key,
        l("基线", "Baseline"),
        s.no_baseline_words().map(str::to_string),
    );
    push_some(&mut key, l("当前应达", "Expected now"), s.expected_value());
    push_some(&mut key, l("完成进度比", "Progress ratio"), s.ratio_value());
    key.push((l("状态", "Status"), Fact::Status));
    push_some(&mut key, String::new(), s.lowered_words());
    push_some(&mut key, l("预计", "Projection"), s.projection_sentence());
    let mut context = Vec::new();
    push_some(
        &mut context,
        l("原文", "Plan text"),
        Some(format!("“{}”", s.ind.quote)),
    );
    push_some(
        &mut context,
        l("责任领导", "Leaders"),
        Some(join_names(s.leaders(), cv.locale)),
    );
    push_some(
        &mut context,
        l("责任单位", "Responsible units"),
        Some(join_names(s.units(), cv.locale)),
    );
    push_some(&mut context, l("备注", "Note"), s.ind.note.clone());
    push_some(
        &mut context,
        l("报告说明", "Report note"),
        s.st.latest_note.clone(),
    );
    (key, context)
}

fn push_some(rows: &mut Vec<Row>, label: String, value: Option<String>) {
    if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
        rows.push((label, Fact::Text(v)));
    }
}

/// Roll-ups of the indicators that pass `filter`: per section (in plan order, empty ones left
/// out), per responsible unit (by name) and for the plan. With an empty filter, the evaluation's.
pub fn filtered_rollups(
    scene: &Scene,
    filter: &Filter,
) -> (Vec<Rollup>, Vec<Rollup>, StatusCounts) {
    let r = &scene.eval.rollups;
    if filter.sections.is_empty() && filter.statuses.is_empty() && filter.units.is_empty() {
        return (r.sections.clone(), r.units.clone(), r.plan);
    }
    let mut plan = StatusCounts::default();
    let mut sections: Vec<Rollup> = r
        .sections
        .iter()
        .map(|s| Rollup {
            counts: StatusCounts::default(),
            ..s.clone()
        })
        .collect();
    let mut units: std::collections::BTreeMap<String, StatusCounts> = Default::default();
    let by_id = sections_by_id(scene);
    let mut rollup_at: HashMap<&str, usize, Fx> =
        HashMap::with_capacity_and_hasher(r.sections.len(), Fx::default());
    for (i, rollup) in r.sections.iter().enumerate() {
        rollup_at.entry(rollup.key.as_str()).or_insert(i);
    }
    for ind in &scene.plan.indicators {
        let section = by_id.get(ind.section.as_str()).copied();
        let Some(s) = subject_in(scene, ind, Locale::ZhCn, section).filter(|s| matches(filter, s))
        else {
            continue;
        };
        plan.add(s.st.status);
        if let Some(&i) = rollup_at.get(ind.section.as_str()) {
            sections[i].counts.add(s.st.status);
        }
        for u in s.units() {
            units.entry(u.clone()).or_default().add(s.st.status);
        }
    }
    sections.retain(|r| r.counts.total() > 0);
    let units = units
        .into_iter()
        .map(|(k, counts)| Rollup {
            key: k.clone(),
            label: k,
            counts,
        })
        .collect();
    (sections, units, plan)
}

/// Roll-ups by section and by responsible unit, of the indicators that pass the filter; the
/// row whose key is `opts.focus` gets the focus ring. Returns the content's bottom.
pub fn sections(cv: &mut Canvas, scene: &Scene, opts: &LayoutOptions, width: f32) -> f32 {
    let pad = cv.sz.pad;
    let w = (width - 2.0 * pad).max(0.0);
    let plan = &scene.plan.plan;
    let mut y = pad + cv.para(Slot::new(pad, pad, w), &plan.title, title_style(cv), 6) + 2.0;
    y += cv.para(
        Slot::new(pad, y, w),
        &as_of(scene.eval.as_of, cv.locale),
        cv.muted(),
        2,
    ) + 8.0;
    let (by_section, by_unit, counts) = filtered_rollups(scene, &opts.filter);
    y += status_legend(cv, &counts, Slot::new(pad, y, w), false) + cv.sz.gap;
    let groups = [
        (cv.tr("按章节", "By section"), &by_section, true),
        (cv.tr("按责任单位", "By responsible unit"), &by_unit, false),
    ];
    // One column for the totals, as wide as the widest, so that every bar ends at one edge
    // and rows with the same counts draw the same bars.
    let total_w = by_section
        .iter()
        .chain(by_unit.iter())
        .map(|r| cv.width(&rollup_total(cv, r), cv.body()))
        .fold(0.0, f32::max);
    for (title, rollups, is_section) in groups {
        // A plan that names no responsible units gets no unit block at all.
        if !is_section && scene.eval.rollups.units.is_empty() {
            continue;
        }
        y += cv.para(Slot::new(pad, y, w), title, heading_style(cv), 2) + 6.0;
        if rollups.is_empty() {
            let text = cv.tr("无", "None");
            y += cv.para(Slot::new(pad, y, w), text, cv.muted(), 1) + cv.sz.gap;
            continue;
        }
        for r in rollups.iter() {
            let target = if is_section {
                HitTarget::Section(r.key.clone())
            } else {
                HitTarget::Unit(r.key.clone())
            };
            let focused = opts.focus.as_deref() == Some(target.key().as_str());
            y += rollup_row(cv, r, target, focused, Slot::new(pad, y, w), total_w);
        }
        y += cv.sz.gap;
    }
    y
}

/// A roll-up's total as written after its bar: `5 项` / `5`.
fn rollup_total(cv: &Canvas, r: &Rollup) -> String {
    let n = r.counts.total();
    match cv.locale {
        Locale::ZhCn => format!("{n} 项"),
        Locale::En => n.to_string(),
    }
}

/// One roll-up in a slot: label, stacked bar and total (right-aligned in a
/// column `total_w` wide); the whole row is a hit.
fn rollup_row(
    cv: &mut Canvas,
    r: &Rollup,
    target: HitTarget,
    focused: bool,
    at: Slot,
    total_w: f32,
) -> f32 {
    let Slot { x, y, w } = at;
    let body = cv.body();
    let total = rollup_total(cv, r);
    let bar_h = 22.0;
    let top = y + 4.0;
    let (content_h, bar_x, bar_y) = if w >= 560.0 {
        // Label column on the left, bar centred on the label's lines.
        let lw = (w * 0.32).clamp(140.0, 360.0);
        // The lines' boxes (without the last line's leading) centred on the bar.
        let text_h = cv.para_height(&r.label, lw - 12.0, body, 2);
        let ink_h = (text_h - (LEADING - BOX) * body.size).max(0.0);
        let row_h = ink_h.max(bar_h).max(body.size * BOX);
        cv.para(
            Slot::new(x, top + (row_h - ink_h) / 2.0, lw - 12.0),
            &r.label,
            body,
            2,
        );
        (row_h, x + lw, top + (row_h - bar_h) / 2.0)
    } else {
        // Label above, bar below (with the total beside it, which may be the taller).
        let text_h = cv.para(Slot::new(x, top, w), &r.label, body, 2);
        let slot = bar_h.max(body.size * BOX);
        let bar_y = top + text_h + 4.0 + (slot - bar_h) / 2.0;
        (text_h + 4.0 + slot, x, bar_y)
    };
    let bar_w = (x + w - total_w - 10.0 - bar_x).max(0.0);
    stacked_bar(cv, Rect::new(bar_x, bar_y, bar_w, bar_h), &r.counts);
    let ty = bar_y + bar_h / 2.0;
    cv.text(
        Pin::new(x + w, ty, Anchor::End, Baseline::Middle),
        &total,
        body,
    );
    let row_h = content_h + 8.0;
    if focused {
        cv.focus_ring(Rect::new(x, y, w, row_h));
    }
    cv.hit(Rect::new(x, y, w, row_h), target);
    row_h + 2.0
}
