//! For people who do not see the canvas: one sentence per indicator generated from its numbers,
//! the data as table rows and as CSV, tooltips' contents, and static fallback HTML (an SVG of the
//! view, the sentences and the table) for a portal to paste inside `<plan-widget>` so that
//! readers without WebAssembly or scripts still get everything.
//!
//! Pure: no DOM, no clock. The loader puts [`describe`]'s result into the canvas's fallback
//! content after every redraw; `plan-widget render --format html` prints [`fallback_html`].

use serde::Serialize;

use crate::format::{as_of, join_names, plain};
use crate::layout::describe::Subject;
use crate::layout::views::{filtered_rollups, matches, subject};
use crate::layout::{layout, EstimateMeasure, Filter, HitTarget, LayoutOptions, Scene, View};
use crate::model::{Kind, Locale, TaskState};
use crate::status::{Rollup, Status, StatusCounts};

/// One indicator in one sentence.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sentence {
    /// The indicator's id.
    pub id: String,
    /// Its status.
    pub status: Status,
    /// The sentence.
    pub text: String,
}

/// One row of the data table: the cells follow [`columns`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    /// The indicator's id.
    pub id: String,
    /// Its status.
    pub status: Status,
    /// The cells, as text, in [`columns`] order (the first is the indicator's name).
    pub cells: Vec<String>,
}

/// Everything the canvas shows, in words: what the loader keeps in the canvas's fallback content.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Description {
    /// `zh-CN` or `en`.
    pub lang: &'static str,
    /// The view's heading: the plan's title, or the indicator's name.
    pub heading: String,
    /// `截至 2025年6月30日` (with `· 示例数据` for sample data).
    pub as_of: String,
    /// The plan's note, if any.
    pub note: Option<String>,
    /// The status counts in words, and how many the filter shows.
    pub summary: String,
    /// The sections view's roll-ups, one sentence each (empty in other views).
    pub groups: Vec<String>,
    /// One sentence per indicator shown, in reading order.
    pub sentences: Vec<Sentence>,
    /// The table's caption.
    pub caption: String,
    /// The table's column headings.
    pub columns: Vec<String>,
    /// One row per indicator shown, in reading order.
    pub rows: Vec<Row>,
    /// `来源：…` when the plan names its source.
    pub source: Option<String>,
    /// The source's address, when it is `http:` or `https:`.
    pub source_url: Option<String>,
}

/// One labelled line of a tooltip.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Line {
    /// `最新值`, `目标`, … (empty for a continuation line).
    pub label: String,
    /// The value, as text.
    pub value: String,
}

/// What a tooltip says about a hit region.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Tooltip {
    /// The hit's key ([`HitTarget::key`]).
    pub key: String,
    /// The first line: the indicator's name, the status label, the section or unit.
    pub title: String,
    /// The indicator's status, for an indicator.
    pub status: Option<Status>,
    /// The labelled lines.
    pub lines: Vec<Line>,
    /// What a click, tap or Enter does here.
    pub hint: String,
}

fn tr(locale: Locale, zh: &'static str, en: &'static str) -> &'static str {
    match locale {
        Locale::ZhCn => zh,
        Locale::En => en,
    }
}

fn lang(locale: Locale) -> &'static str {
    match locale {
        Locale::ZhCn => "zh-CN",
        Locale::En => "en",
    }
}

/// The indicators a view shows, in reading order: the dashboard's order (by section, then plan
/// order) filtered by `opts.filter`; for the indicator view, that one indicator.
pub fn shown<'a>(scene: &Scene<'a>, opts: &LayoutOptions) -> Vec<Subject<'a>> {
    let locale = opts.locale;
    if let View::Indicator(id) = &opts.view {
        return scene
            .plan
            .indicators
            .iter()
            .filter(|i| &i.id == id)
            .filter_map(|i| subject(scene, i, locale))
            .collect();
    }
    scene
        .plan
        .sections
        .iter()
        .flat_map(|sec| {
            scene
                .plan
                .indicators
                .iter()
                .filter(move |i| i.section == sec.id)
        })
        .filter_map(|i| subject(scene, i, locale))
        .filter(|s| matches(&opts.filter, s))
        .collect()
}

/// One indicator in one sentence, from its numbers: `截至2024年上半年，公办园覆盖率为66%，
/// 2024年目标不低于70%，当前应达67%，进度滞后：低于预期进度，需加快。` The status label
/// always appears in it.
pub fn sentence(s: &Subject) -> String {
    let zh = s.locale == Locale::ZhCn;
    let name = s.ind.name.trim();
    let stated = matches!(s.ind.kind, Kind::Task | Kind::Milestone | Kind::Zero);
    let mut parts = Vec::new();
    match (s.latest_value(), s.latest_period()) {
        (Some(v), Some(p)) => parts.push(match (zh, stated) {
            (true, false) => format!("截至{p}，{name}为{v}"),
            (true, true) => format!("截至{p}，{name}：{v}"),
            (false, _) => format!("As of {p}, {name}: {v}"),
        }),
        _ => {
            let day = crate::format::format_day(s.as_of, s.locale);
            parts.push(if zh {
                format!("截至{day}，{name}尚无报告数据")
            } else {
                format!("As of {day}, {name}: nothing reported yet")
            });
        }
    }
    if let Some(t) = s.headline_target().and_then(|i| s.target_words(i)) {
        parts.push(t);
    }
    let assessed = !matches!(
        s.st.status,
        Status::Achieved | Status::NotDue | Status::NoData | Status::Missed
    );
    if s.lacks_baseline() {
        parts.push(tr(s.locale, "原文未给基期值", "no baseline in the plan text").to_string());
    }
    if let Some(e) = s.expected_value().filter(|_| assessed) {
        parts.push(if zh {
            format!("当前应达{e}")
        } else {
            format!("expected by now {e}")
        });
    }
    let mut out = if zh {
        let mut t = parts.join("，");
        t.push('，');
        t.push_str(&s.status_words());
        t.push('。');
        t
    } else {
        format!("{}. {}.", parts.join("; "), s.status_words())
    };
    if let Some(p) = s
        .projection_sentence()
        .filter(|_| s.st.status != Status::Achieved)
    {
        out.push_str(&p);
        out.push_str(if zh { "。" } else { "." });
        if !zh {
            // "At the current trend: …." reads as one more sentence after a space.
            out = out.replacen(".At the current", ". At the current", 1);
        }
    }
    out
}

/// The table's column headings in a language.
pub fn columns(locale: Locale) -> Vec<String> {
    let zh = [
        "指标",
        "章节",
        "状态",
        "最新值",
        "报告期",
        "目标",
        "当前应达",
        "预计",
        "责任单位",
        "原文",
    ];
    let en = [
        "Indicator",
        "Section",
        "Status",
        "Latest",
        "Period",
        "Targets",
        "Expected now",
        "Projection",
        "Responsible units",
        "Plan text",
    ];
    match locale {
        Locale::ZhCn => zh.iter().map(|s| s.to_string()).collect(),
        Locale::En => en.iter().map(|s| s.to_string()).collect(),
    }
}

/// One indicator's row of the table, in [`columns`] order.
pub fn row(s: &Subject) -> Row {
    let locale = s.locale;
    let n = s.ind.targets.len();
    let targets: Vec<String> = if n <= 3 {
        (0..n).filter_map(|i| s.target(i)).collect()
    } else {
        // A target per month or quarter: the next one, and how many there are (CSV has all).
        s.headline_target()
            .and_then(|i| s.target(i))
            .map(|t| match locale {
                Locale::ZhCn => format!("{t}（共 {n} 期）"),
                Locale::En => format!("{t} (one of {n})"),
            })
            .into_iter()
            .collect()
    };
    let cells = vec![
        s.ind.name.clone(),
        s.section.map(|x| x.title.clone()).unwrap_or_default(),
        s.st.status.label(locale).to_string(),
        s.latest_value()
            .unwrap_or_else(|| tr(locale, "暂无", "None yet").to_string()),
        s.latest_period().unwrap_or_default(),
        targets.join(tr(locale, "；", "; ")),
        match (s.expected_value(), s.lacks_baseline()) {
            (Some(e), true) => format!(
                "{e}{}",
                tr(
                    locale,
                    "（原文未给基期值）",
                    " (no baseline in the plan text)"
                )
            ),
            (None, true) => {
                tr(locale, "原文未给基期值", "No baseline in the plan text").to_string()
            }
            (e, false) => e.unwrap_or_default(),
        },
        s.projection_sentence().unwrap_or_default(),
        join_names(s.units(), locale),
        s.ind.quote.clone(),
    ];
    Row {
        id: s.ind.id.clone(),
        status: s.st.status,
        cells,
    }
}

/// `已完成 15 项，进度正常 34 项` / `Achieved 15, On track 34`: the statuses present.
pub fn counts_words(counts: &StatusCounts, locale: Locale) -> String {
    let parts: Vec<String> = Status::ALL
        .iter()
        .filter(|s| counts.get(**s) > 0)
        .map(|s| match locale {
            Locale::ZhCn => format!("{} {} 项", s.label(locale), counts.get(*s)),
            Locale::En => format!("{} {}", s.label(locale), counts.get(*s)),
        })
        .collect();
    parts.join(tr(locale, "，", ", "))
}

/// The filter in words (`状态：存在风险、进度滞后`), or `None` when nothing is filtered.
pub fn filter_words(scene: &Scene, filter: &Filter, locale: Locale) -> Option<String> {
    let mut parts = Vec::new();
    if !filter.statuses.is_empty() {
        let names: Vec<String> = filter
            .statuses
            .iter()
            .map(|s| s.label(locale).to_string())
            .collect();
        parts.push(format!(
            "{}{}",
            tr(locale, "状态：", "status: "),
            join_names(&names, locale)
        ));
    }
    if !filter.sections.is_empty() {
        let names: Vec<String> = filter
            .sections
            .iter()
            .map(|id| {
                scene
                    .plan
                    .sections
                    .iter()
                    .find(|s| &s.id == id)
                    .map_or_else(|| id.clone(), |s| s.title.clone())
            })
            .collect();
        parts.push(format!(
            "{}{}",
            tr(locale, "章节：", "section: "),
            join_names(&names, locale)
        ));
    }
    if !filter.units.is_empty() {
        parts.push(format!(
            "{}{}",
            tr(locale, "责任单位：", "responsible unit: "),
            join_names(&filter.units, locale)
        ));
    }
    (!parts.is_empty()).then(|| parts.join(tr(locale, "；", "; ")))
}

fn rollup_sentence(r: &Rollup, locale: Locale) -> String {
    let n = r.counts.total();
    match locale {
        Locale::ZhCn => format!(
            "{}：{n} 项指标，{}。",
            r.label,
            counts_words(&r.counts, locale)
        ),
        Locale::En => format!(
            "{}: {n} indicator{}: {}.",
            r.label,
            if n == 1 { "" } else { "s" },
            counts_words(&r.counts, locale)
        ),
    }
}

/// The view in words: heading, date, summary, one sentence per indicator shown and the table.
pub fn describe(scene: &Scene, opts: &LayoutOptions) -> Description {
    let locale = opts.locale;
    let zh = locale == Locale::ZhCn;
    let header = &scene.plan.plan;
    let subjects = shown(scene, opts);
    let heading = match (&opts.view, subjects.first()) {
        (View::Indicator(_), Some(s)) => match locale {
            Locale::ZhCn => format!("{}（{}）", s.ind.name, header.title),
            Locale::En => format!("{} ({})", s.ind.name, header.title),
        },
        (View::Sections, _) => format!(
            "{}{}",
            header.title,
            tr(
                locale,
                "：按章节和责任单位",
                ": by section and responsible unit"
            )
        ),
        _ => header.title.clone(),
    };
    let mut date = as_of(scene.eval.as_of, locale);
    if header.sample_data {
        date.push_str(tr(locale, " · 示例数据", " · Sample data"));
    }
    let all = &scene.eval.rollups.plan;
    let total = all.total();
    let mut summary = match locale {
        Locale::ZhCn => format!("共 {total} 项指标：{}。", counts_words(all, locale)),
        Locale::En => format!("{total} indicators: {}.", counts_words(all, locale)),
    };
    if !matches!(opts.view, View::Indicator(_)) {
        if let Some(words) = filter_words(scene, &opts.filter, locale) {
            let n = subjects.len();
            summary.push_str(&if zh {
                format!("筛选（{words}）后显示 {n} 项。")
            } else {
                format!(" Filtered by {words}: {n} shown.")
            });
        }
    }
    if !scene.rejected.is_empty() {
        let n = scene.rejected.len();
        summary.push_str(&if zh {
            format!("另有 {n} 项指标数据有误，未显示。")
        } else {
            format!(" {n} more indicator(s) have data errors and are not shown.")
        });
    }
    let groups = if opts.view == View::Sections {
        let (sections, units, _) = filtered_rollups(scene, &opts.filter);
        let mut g: Vec<String> = sections
            .iter()
            .map(|r| rollup_sentence(r, locale))
            .collect();
        g.extend(units.iter().map(|r| {
            let s = rollup_sentence(r, locale);
            if zh {
                format!("责任单位{s}")
            } else {
                format!("Responsible unit {s}")
            }
        }));
        g
    } else {
        Vec::new()
    };
    let sentences = subjects
        .iter()
        .map(|s| Sentence {
            id: s.ind.id.clone(),
            status: s.st.status,
            text: sentence(s),
        })
        .collect();
    let rows = subjects.iter().map(row).collect();
    let caption = match locale {
        Locale::ZhCn => format!(
            "{}：指标数据（{}）",
            header.title,
            as_of(scene.eval.as_of, locale)
        ),
        Locale::En => format!(
            "{}: indicator data ({})",
            header.title,
            as_of(scene.eval.as_of, locale)
        ),
    };
    let source = header
        .source
        .as_ref()
        .map(|s| format!("{}{}", tr(locale, "来源：", "Source: "), s.title));
    let source_url = header
        .source
        .as_ref()
        .and_then(|s| s.safe_url())
        .map(str::to_string);
    Description {
        lang: lang(locale),
        heading,
        as_of: date,
        note: header.note.clone().filter(|n| !n.trim().is_empty()),
        summary,
        groups,
        sentences,
        caption,
        columns: columns(locale),
        rows,
        source,
        source_url,
    }
}

/// What the tooltip of a hit region says, by its key ([`HitTarget::key`]); `None` when the key
/// names nothing in the scene.
pub fn tooltip(scene: &Scene, opts: &LayoutOptions, key: &str) -> Option<Tooltip> {
    let locale = opts.locale;
    let target = HitTarget::from_key(key)?;
    let line = |label: &str, value: String| Line {
        label: label.to_string(),
        value,
    };
    let counts_lines = |counts: &StatusCounts| -> Vec<Line> {
        Status::ALL
            .iter()
            .filter(|s| counts.get(**s) > 0)
            .map(|s| {
                let n = counts.get(*s);
                line(
                    s.label(locale),
                    match locale {
                        Locale::ZhCn => format!("{n} 项"),
                        Locale::En => n.to_string(),
                    },
                )
            })
            .collect()
    };
    // A section's or unit's roll-up: its name and how many indicators are in each status.
    let rollup_tooltip = |r: &Rollup, hint: &str| Tooltip {
        key: key.to_string(),
        title: r.label.clone(),
        status: None,
        lines: counts_lines(&r.counts),
        hint: hint.to_string(),
    };
    match target {
        HitTarget::Indicator(id) => {
            let ind = scene.plan.indicators.iter().find(|i| i.id == id)?;
            let s = subject(scene, ind, locale)?;
            let mut lines = vec![line(
                tr(locale, "最新值", "Latest"),
                s.latest()
                    .unwrap_or_else(|| tr(locale, "暂无", "None yet").to_string()),
            )];
            let n = s.ind.targets.len();
            if n <= 3 {
                for i in 0..n {
                    if let Some(t) = s.target(i) {
                        lines.push(line(tr(locale, "目标", "Target"), t));
                    }
                }
            } else if let Some(t) = s.headline_target().and_then(|i| s.target(i)) {
                // A recurring target per month: the next one, and how many there are.
                let more = match locale {
                    Locale::ZhCn => format!("{t}（共 {n} 期）"),
                    Locale::En => format!("{t} (one of {n})"),
                };
                lines.push(line(tr(locale, "目标", "Target"), more));
            }
            if let Some(b) = s.no_baseline_words() {
                lines.push(line(tr(locale, "基线", "Baseline"), b.to_string()));
            }
            if let Some(e) = s.expected_value() {
                lines.push(line(tr(locale, "当前应达", "Expected now"), e));
            }
            lines.push(line(
                tr(locale, "状态", "Status"),
                s.st.status.label(locale).to_string(),
            ));
            if let Some(p) = s.projection_sentence() {
                lines.push(line(tr(locale, "预计", "Projection"), p));
            }
            lines.push(line(
                tr(locale, "原文", "Plan text"),
                format!("“{}”", s.ind.quote),
            ));
            let hint = if matches!(opts.view, View::Indicator(_)) {
                tr(locale, "按 Esc 返回", "Press Escape to go back")
            } else {
                tr(
                    locale,
                    "点击或按回车查看详情",
                    "Click or press Enter for details",
                )
            };
            Some(Tooltip {
                key: key.to_string(),
                title: s.ind.name.clone(),
                status: Some(s.st.status),
                lines,
                hint: hint.to_string(),
            })
        }
        HitTarget::Status(st) => {
            let n = scene.eval.rollups.plan.get(st);
            let selected = opts.filter.statuses.contains(&st);
            let hint = match (selected, locale) {
                (false, Locale::ZhCn) => "点击或按回车只显示此状态的指标",
                (true, Locale::ZhCn) => "已筛选；再次点击或按回车取消",
                (false, Locale::En) => "Click or press Enter to show only these",
                (true, Locale::En) => "Filtered; click or press Enter again to clear",
            };
            Some(Tooltip {
                key: key.to_string(),
                title: st.label(locale).to_string(),
                status: None,
                lines: vec![line(
                    tr(locale, "指标数", "Indicators"),
                    match locale {
                        Locale::ZhCn => format!("{n} 项"),
                        Locale::En => n.to_string(),
                    },
                )],
                hint: hint.to_string(),
            })
        }
        HitTarget::Section(id) => {
            let (sections, _, _) = filtered_rollups(scene, &opts.filter);
            let r = sections.iter().find(|r| r.key == id)?;
            Some(rollup_tooltip(
                r,
                tr(
                    locale,
                    "点击或按回车查看本章节的指标",
                    "Click or press Enter to see this section's indicators",
                ),
            ))
        }
        HitTarget::Unit(u) => {
            let (_, units, _) = filtered_rollups(scene, &opts.filter);
            let r = units.iter().find(|r| r.key == u)?;
            Some(rollup_tooltip(
                r,
                tr(
                    locale,
                    "点击或按回车查看该单位的指标",
                    "Click or press Enter to see this unit's indicators",
                ),
            ))
        }
    }
}

fn state_code(s: TaskState) -> &'static str {
    match s {
        TaskState::NotStarted => "notStarted",
        TaskState::InProgress => "inProgress",
        TaskState::Done => "done",
        TaskState::Blocked => "blocked",
    }
}

/// One CSV field: quoted when it holds a comma, quote or line break; text that a spreadsheet
/// would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a leading `'`.
fn csv_text(text: &str) -> String {
    let t = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    csv_field(&t)
}

fn csv_field(t: &str) -> String {
    if t.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", t.replace('"', "\"\""))
    } else {
        t.to_string()
    }
}

fn csv_number(v: Option<f64>) -> String {
    v.filter(|v| v.is_finite())
        .map(|v| plain(v, 4))
        .unwrap_or_default()
}

/// The indicators that pass the filter (all of them without one), in the dashboard's order, as
/// CSV (RFC 4180, CRLF line ends, a header row in the widget's language). Numbers are plain
/// (`66.5`, no units or grouping) so spreadsheets read them as numbers; periods are in the
/// file format's form (`2024-H1`).
pub fn csv(scene: &Scene, opts: &LayoutOptions) -> String {
    let locale = opts.locale;
    let header: &[&str] = match locale {
        Locale::ZhCn => &[
            "编号",
            "章节编号",
            "章节",
            "指标",
            "类型",
            "单位",
            "状态代码",
            "状态",
            "最新报告期",
            "最新值",
            "任务状态",
            "基线值",
            "目标",
            "当前应达",
            "完成进度比",
            "预计值",
            "责任单位",
            "责任领导",
            "原文",
        ],
        Locale::En => &[
            "id",
            "section id",
            "section",
            "indicator",
            "kind",
            "unit",
            "status code",
            "status",
            "latest period",
            "latest value",
            "task state",
            "baseline",
            "targets",
            "expected now",
            "progress ratio",
            "projected",
            "responsible units",
            "leaders",
            "plan text",
        ],
    };
    let mut out = header.join(",");
    out.push_str("\r\n");
    let dashboard = LayoutOptions {
        view: View::Dashboard,
        ..opts.clone()
    };
    for s in shown(scene, &dashboard) {
        let latest = s.st.latest.as_ref();
        let targets: Vec<String> = (0..s.ind.targets.len())
            .filter_map(|i| s.target(i))
            .collect();
        let fields = [
            csv_text(&s.ind.id),
            csv_text(&s.ind.section),
            csv_text(s.section.map_or("", |x| x.title.as_str())),
            csv_text(&s.ind.name),
            s.ind.kind.as_str().to_string(),
            csv_text(&s.ind.unit),
            s.st.status.as_str().to_string(),
            csv_text(s.st.status.label(locale)),
            latest.map(|p| p.period.to_string()).unwrap_or_default(),
            csv_number(latest.and_then(|p| p.value)),
            latest
                .and_then(|p| p.state)
                .map(state_code)
                .unwrap_or_default()
                .to_string(),
            csv_number(s.ind.baseline.map(|b| b.value)),
            csv_text(&targets.join(tr(locale, "；", "; "))),
            csv_number(s.st.expected_now),
            csv_number(s.st.progress_ratio),
            csv_number(s.st.projected),
            csv_text(&join_names(s.units(), locale)),
            csv_text(&join_names(s.leaders(), locale)),
            csv_text(&s.ind.quote),
        ];
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Escapes text for HTML content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Makes [`crate::paint::to_svg`]'s document scale with its container (width 100%, height from
/// the viewBox's ratio) and names it as one image.
fn responsive_svg(svg: &str, label: &str) -> String {
    let Some(start) = svg.find("<svg") else {
        return String::new();
    };
    let Some(end) = svg[start..].find('>').map(|e| start + e) else {
        return String::new();
    };
    let mut tag = svg[start + 4..end].to_string();
    for attr in ["width", "height"] {
        let needle = format!(" {attr}=\"");
        if let Some(i) = tag.find(&needle) {
            if let Some(j) = tag[i + needle.len()..].find('"') {
                tag.replace_range(i..i + needle.len() + j + 1, "");
            }
        }
    }
    format!(
        "<svg width=\"100%\" role=\"img\" aria-label=\"{}\"{tag}>{}",
        escape_html(label),
        &svg[end + 1..]
    )
}

/// The description as HTML (no SVG): heading, date, summary, the sentences and the table, all
/// text escaped. Every element carries a `plan-widget-fallback-…` class for the portal's CSS.
pub fn describe_html(d: &Description) -> String {
    let e = escape_html;
    let mut h = String::new();
    h.push_str(&format!(
        "<h2 class=\"plan-widget-fallback-heading\">{}</h2>\n",
        e(&d.heading)
    ));
    h.push_str(&format!("<p>{}</p>\n", e(&d.as_of)));
    if let Some(n) = &d.note {
        h.push_str(&format!("<p>{}</p>\n", e(n)));
    }
    h.push_str(&format!("<p>{}</p>\n", e(&d.summary)));
    if !d.groups.is_empty() {
        h.push_str("<ul class=\"plan-widget-fallback-groups\">\n");
        for g in &d.groups {
            h.push_str(&format!("<li>{}</li>\n", e(g)));
        }
        h.push_str("</ul>\n");
    }
    h.push_str("<ul class=\"plan-widget-fallback-sentences\">\n");
    for s in &d.sentences {
        h.push_str(&format!(
            "<li data-id=\"{}\" data-status=\"{}\">{}</li>\n",
            e(&s.id),
            s.status.as_str(),
            e(&s.text)
        ));
    }
    h.push_str("</ul>\n");
    h.push_str("<table class=\"plan-widget-fallback-table\">\n");
    h.push_str(&format!(
        "<caption>{}</caption>\n<thead><tr>",
        e(&d.caption)
    ));
    for c in &d.columns {
        h.push_str(&format!("<th scope=\"col\">{}</th>", e(c)));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for r in &d.rows {
        h.push_str(&format!(
            "<tr data-id=\"{}\" data-status=\"{}\">",
            e(&r.id),
            r.status.as_str()
        ));
        for (i, c) in r.cells.iter().enumerate() {
            if i == 0 {
                h.push_str(&format!("<th scope=\"row\">{}</th>", e(c)));
            } else {
                h.push_str(&format!("<td>{}</td>", e(c)));
            }
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n");
    match (&d.source, &d.source_url) {
        (Some(s), Some(url)) => {
            h.push_str(&format!("<p><a href=\"{}\">{}</a></p>\n", e(url), e(s)))
        }
        (Some(s), None) => h.push_str(&format!("<p>{}</p>\n", e(s))),
        _ => {}
    }
    h
}

/// Static HTML of a view for a portal to paste inside `<plan-widget>` at publish time: shown
/// as is where WebAssembly cannot run (a CSP without `'wasm-unsafe-eval'`, an old browser,
/// scripts off). A scalable SVG of the view (laid out at `opts.width` with the deterministic
/// text estimate), then the heading, date, summary, one sentence per indicator and the data
/// table. All text is HTML-escaped; there is no script, no `style` attribute and no event
/// handler, so it passes a strict Content-Security-Policy.
pub fn fallback_html(scene: &Scene, opts: &LayoutOptions) -> String {
    let d = describe(scene, opts);
    let list = layout(scene, opts, &EstimateMeasure);
    let svg = crate::paint::to_svg(&list);
    let label = format!(
        "{}{}",
        d.heading,
        tr(
            opts.locale,
            "（图表，数据见下文）",
            " (chart; the data follows)"
        )
    );
    format!(
        "<div class=\"plan-widget-fallback\" lang=\"{}\">\n{}\n{}</div>\n",
        d.lang,
        responsive_svg(&svg, &label),
        describe_html(&d)
    )
}
