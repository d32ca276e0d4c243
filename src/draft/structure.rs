//! Document structure: the lines after the title become sections and numbered items by their
//! numbering (`一、`, `（一）`, `1.`, and inline `一是…二是…`); framing chapters (总体要求, 保障措施
//! …) are skipped with everything under them; responsibility lines attach to the preceding item
//! or section, and inline responsibility clauses are taken out of the text (`responsibility`).

use super::lines::{Line, LineKind};
use super::responsibility::{self, is_resp_continuation, resp_names};
use super::text::{clip, cn_number, is_cn_numeral, is_space, sub};

/// A section of the plan's text: its title, who is responsible, its own text and its items.
#[derive(Debug, Default)]
pub(super) struct Section {
    pub(super) title: String,
    pub(super) leaders: Vec<String>,
    pub(super) units: Vec<String>,
    /// Byte ranges of the section's text outside its items.
    pub(super) body: Vec<(usize, usize)>,
    pub(super) items: Vec<Item>,
}

/// A numbered item of a section.
#[derive(Debug, Default)]
pub(super) struct Item {
    pub(super) num: u32,
    /// Start of the numbering (the task quote starts here).
    pub(super) marker: usize,
    /// Start of the text after the numbering.
    pub(super) content: usize,
    /// Byte ranges of the item's text.
    pub(super) spans: Vec<(usize, usize)>,
    pub(super) leaders: Vec<String>,
    pub(super) units: Vec<String>,
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

/// The sections and items of the lines from `from` on.
pub(super) fn structure(
    text: &str,
    lines: &[Line],
    kinds: &[LineKind],
    from: usize,
    warnings: &mut Vec<String>,
) -> Vec<Section> {
    let skip = framing(text, lines, kinds);
    let mut present = [false; 4];
    for i in from..lines.len() {
        if let (LineKind::Heading { level, .. }, false) = (kinds[i], skip[i]) {
            present[level as usize] = true;
        }
    }
    let levels: Vec<u8> = (1..=3u8).filter(|l| present[*l as usize]).collect();
    let mut b = Builder {
        text,
        warnings,
        // With two numbering levels or more, the deepest numbers the items.
        item_level: if levels.len() >= 2 {
            levels.last().copied().unwrap_or(0)
        } else {
            0
        },
        numbered: !levels.is_empty(),
        secs: Vec::new(),
        in_sec: false,
        in_item: false,
        last_resp: None,
    };
    for i in from..lines.len() {
        if skip[i] {
            b.in_sec = false;
            b.in_item = false;
            b.last_resp = None;
            continue;
        }
        b.line(lines[i], kinds[i]);
    }
    let mut secs = b.secs;
    for sec in secs.iter_mut() {
        split_ordinal_items(text, sec);
    }
    responsibility::extract_inline(text, &mut secs);
    secs
}

/// Which lines belong to a framing chapter (the heading and everything under it).
fn framing(text: &str, lines: &[Line], kinds: &[LineKind]) -> Vec<bool> {
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
    skip
}

/// The sections being built, line by line.
struct Builder<'t, 'w> {
    text: &'t str,
    warnings: &'w mut Vec<String>,
    /// The heading level of items (0: every heading is a section).
    item_level: u8,
    /// The text has numbered headings (else prose goes into one implicit section).
    numbered: bool,
    secs: Vec<Section>,
    in_sec: bool,
    in_item: bool,
    /// The previous line named responsibilities (of leaders when true).
    last_resp: Option<bool>,
}

impl Builder<'_, '_> {
    fn line(&mut self, line: Line, kind: LineKind) {
        match kind {
            LineKind::Blank | LineKind::Boiler => self.last_resp = None,
            LineKind::Heading {
                level,
                num,
                content,
            } => {
                self.last_resp = None;
                self.heading(line, level, num, content);
            }
            LineKind::Resp { leaders, names } => {
                let names = resp_names(self.text, names, line.end, leaders, self.warnings);
                attach(&mut self.secs, self.in_item, leaders, names);
                self.last_resp = Some(leaders);
            }
            LineKind::Text => self.prose(line),
        }
    }

    /// Opens "正文", the section of text before (or without) numbered sections.
    fn implicit(&mut self) {
        self.secs.push(Section {
            title: "正文".into(),
            ..Section::default()
        });
        self.in_sec = true;
    }

    /// A numbered heading: an item at the item level, else a section.
    fn heading(&mut self, line: Line, level: u8, num: u32, content: usize) {
        if self.item_level > 0 && level == self.item_level {
            if !self.in_sec {
                self.implicit();
            }
            if let Some(sec) = self.secs.last_mut() {
                sec.items.push(Item {
                    num,
                    marker: line.start,
                    content,
                    spans: vec![(content, line.end)],
                    ..Item::default()
                });
                self.in_item = true;
            }
        } else {
            let (title, rest) = heading_title(self.text, content, line.end);
            self.secs.push(Section {
                title,
                body: rest.into_iter().collect(),
                ..Section::default()
            });
            self.in_sec = true;
            self.in_item = false;
        }
    }

    /// A line of prose: more names after a responsibility line, else text of the current item
    /// or section.
    fn prose(&mut self, line: Line) {
        let t = sub(self.text, line.start, line.end);
        if let Some(leaders) = self.last_resp {
            if is_resp_continuation(t) {
                let names = resp_names(self.text, line.start, line.end, leaders, self.warnings);
                attach(&mut self.secs, self.in_item, leaders, names);
                return;
            }
        }
        self.last_resp = None;
        let span = (line.start, line.end);
        if self.in_item {
            if let Some(it) = self.secs.last_mut().and_then(|s| s.items.last_mut()) {
                it.spans.push(span);
            }
        } else if self.in_sec {
            if let Some(sec) = self.secs.last_mut() {
                sec.body.push(span);
            }
        } else if !self.numbered {
            self.implicit();
            if let Some(sec) = self.secs.last_mut() {
                sec.body.push(span);
            }
        }
    }
}

/// Adds names to the current item's (or section's) leaders or units, at most 50, each once.
fn attach(secs: &mut [Section], in_item: bool, leaders: bool, names: Vec<String>) {
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
    add_names(list, names);
}

/// Adds names to a list of leaders or units: at most 50, each once.
pub(super) fn add_names(list: &mut Vec<String>, names: Vec<String>) {
    for n in names {
        if list.len() < 50 && !list.contains(&n) {
            list.push(n);
        }
    }
}

/// Where `一是`, `二是` … start in `s` (in order, each at the start of a sentence): (marker
/// start, content start, number).
fn ordinal_cuts(s: &str, expected: &mut u32) -> Vec<(usize, usize, u32)> {
    let mut cuts = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in s.char_indices() {
        let at_start = prev.is_none_or(|p| "。；;！？!?：:".contains(p) || is_space(p));
        prev = Some(c);
        if !(at_start && is_cn_numeral(c)) {
            continue;
        }
        let rest = sub(s, i, s.len());
        let n_end = rest
            .char_indices()
            .find(|(_, x)| !is_cn_numeral(*x))
            .map(|(k, _)| k)
            .unwrap_or(rest.len());
        if !sub(rest, n_end, rest.len()).starts_with('是') {
            continue;
        }
        if cn_number(sub(rest, 0, n_end)) == Some(*expected) {
            cuts.push((i, i + n_end + '是'.len_utf8(), *expected));
            *expected += 1;
        }
    }
    cuts
}

/// Splits section bodies at 一是、二是… into items.
fn split_ordinal_items(text: &str, sec: &mut Section) {
    if !sec.items.is_empty() {
        return;
    }
    let mut expected = 1u32;
    let mut body = Vec::new();
    let mut items: Vec<Item> = Vec::new();
    for &(a, b) in &sec.body {
        let cuts = ordinal_cuts(sub(text, a, b), &mut expected);
        let before = cuts.first().map_or(b, |c| a + c.0);
        if before > a || cuts.is_empty() {
            match items.last_mut() {
                Some(it) => it.spans.push((a, before)),
                None => body.push((a, before)),
            }
        }
        for (k, &(m, content, n)) in cuts.iter().enumerate() {
            let end = cuts.get(k + 1).map(|c| a + c.0).unwrap_or(b);
            items.push(Item {
                num: n,
                marker: a + m,
                content: a + content,
                spans: vec![(a + content, end)],
                ..Item::default()
            });
        }
    }
    if !items.is_empty() {
        sec.body = body;
        sec.items = items;
    }
}

#[cfg(test)]
mod tests {
    use super::super::lines::{classify, split_lines};
    use super::*;

    fn sections(text: &str) -> Vec<Section> {
        let lines = split_lines(text);
        let kinds: Vec<LineKind> = lines.iter().map(|l| classify(text, *l)).collect();
        structure(text, &lines, &kinds, 0, &mut Vec::new())
    }

    #[test]
    fn headings_titles_and_ordinal_items() {
        assert_eq!(
            heading_title("标题。正文", 0, "标题。正文".len()),
            (
                "标题".to_string(),
                Some(("标题。".len(), "标题。正文".len()))
            )
        );
        assert_eq!(heading_title("：", 0, "：".len()).0, "（无标题）");
        let mut expected = 1;
        let cuts = ordinal_cuts("一是甲。三是乙。二是丙。", &mut expected);
        assert_eq!(cuts.iter().map(|c| c.2).collect::<Vec<_>>(), [1, 2]);
        let secs = sections("一、总体要求\n略。\n二、任务\n前言。一是甲。二是乙。\n");
        assert_eq!(secs.len(), 1, "the framing chapter is skipped");
        assert_eq!(secs[0].title, "任务");
        assert_eq!(secs[0].items.len(), 2);
        assert_eq!(secs[0].body.len(), 1, "the text before 一是");
    }

    #[test]
    fn responsibility_lines_attach_to_the_item() {
        let secs = sections("一、任务\n（一）组织\n1.甲。\n责任单位：基教科\n人事科\n");
        let it = &secs[1].items[0];
        assert_eq!(it.units, ["基教科", "人事科"]);
        assert!(secs[0].units.is_empty());
    }
}
