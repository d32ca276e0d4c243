//! Plans as tables: a 目标任务分解表 pasted from Word or Excel, one row a line, its columns
//! separated by tabs, by `|`, or aligned with runs of spaces, under a header row that names
//! them (序号 | 目标与任务 | 分管领导 | 牵头责任单位 | 责任单位). Each row becomes a numbered item of
//! its own section: its task cell is scanned for targets like any item (quantified rows become
//! indicators, qualitative rows tasks), with the leaders and units of its columns.

use super::lines::{Line, LineKind};
use super::structure::{Item, Section};
use super::text::{digit_number, is_han, is_space, sub};

/// Header cells naming the task column.
const TASK_HEADERS: &[&str] = &[
    "目标与任务",
    "目标任务",
    "工作任务",
    "重点任务",
    "主要任务",
    "工作内容",
    "任务内容",
    "项目内容",
    "项目名称",
    "主要内容",
    "具体目标",
    "目标内容",
    "工作目标",
    "指标名称",
    "任务",
    "指标",
    "目标",
    "事项",
];
/// Header cells naming people.
const LEADER_HEADERS: &[&str] = &["分管领导", "责任领导", "牵头领导", "分管负责人", "责任人"];
/// Header cells naming bodies.
const UNIT_HEADERS: &[&str] = &[
    "牵头责任单位",
    "牵头单位",
    "责任单位",
    "配合单位",
    "协办单位",
    "责任部门",
    "牵头部门",
    "配合部门",
    "责任科室",
    "牵头科室",
    "配合科室",
    "责任处室",
];
/// Header cells naming the row number.
const NUMBER_HEADERS: &[&str] = &["序号", "编号", "序"];

#[derive(Clone, Copy, Debug, PartialEq)]
enum Sep {
    Tab,
    Bar,
    Spaces,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Col {
    Number,
    Task,
    Leaders,
    Units,
    Other,
}

/// The cells of a line as byte ranges of the text (trimmed; empty cells kept for tabs and bars).
fn cells(text: &str, line: Line, sep: Sep) -> Vec<(usize, usize)> {
    let t = sub(text, line.start, line.end);
    let mut out = Vec::new();
    let mut push = |a: usize, b: usize| {
        let cell = sub(t, a, b);
        let lead = cell.len() - cell.trim_start_matches(is_space).len();
        let trimmed = cell.trim_matches(is_space);
        out.push((line.start + a + lead, line.start + a + lead + trimmed.len()));
    };
    match sep {
        Sep::Tab | Sep::Bar => {
            let c = if sep == Sep::Tab { '\t' } else { '|' };
            let mut from = 0;
            for (i, ch) in t.char_indices() {
                if ch == c {
                    push(from, i);
                    from = i + ch.len_utf8();
                }
            }
            push(from, t.len());
            if sep == Sep::Bar {
                // `| a | b |`: the outer bars open and close the row.
                if out.first().is_some_and(|c| c.0 == c.1) {
                    out.remove(0);
                }
                if out.last().is_some_and(|c| c.0 == c.1) {
                    out.pop();
                }
            }
        }
        Sep::Spaces => {
            // Runs of two or more spaces (or one ideographic space) separate the cells.
            let mut from = 0;
            let mut run: Option<(usize, usize)> = None; // (start, chars)
            for (i, ch) in t.char_indices() {
                if ch == ' ' || ch == '\u{3000}' {
                    let (s, n) = run.unwrap_or((i, 0));
                    run = Some((s, n + if ch == '\u{3000}' { 2 } else { 1 }));
                } else {
                    if let Some((s, n)) = run.take() {
                        if n >= 2 {
                            push(from, s);
                            from = i;
                        }
                    }
                }
            }
            push(from, t.len());
        }
    }
    out
}

/// What a header cell names.
fn column(name: &str) -> Col {
    let n: String = name.chars().filter(|c| !is_space(*c)).collect();
    let has = |list: &[&str]| {
        list.iter()
            .any(|h| n == *h || (n.len() <= 24 && n.contains(h)))
    };
    if NUMBER_HEADERS.contains(&n.as_str()) {
        Col::Number
    } else if has(LEADER_HEADERS) {
        Col::Leaders
    } else if has(UNIT_HEADERS) {
        Col::Units
    } else if has(TASK_HEADERS) {
        Col::Task
    } else {
        Col::Other
    }
}

/// A header row: at least three cells, one naming the task and one naming a number, leaders or
/// units, every cell short.
fn header(text: &str, line: Line) -> Option<(Sep, Vec<Col>)> {
    let t = sub(text, line.start, line.end);
    let seps = [Sep::Tab, Sep::Bar, Sep::Spaces];
    seps.into_iter().find_map(|sep| {
        let cs = cells(text, line, sep);
        if cs.len() < 3 || cs.iter().any(|c| sub(text, c.0, c.1).chars().count() > 12) {
            return None;
        }
        if sep == Sep::Tab && !t.contains('\t') || sep == Sep::Bar && !t.contains('|') {
            return None;
        }
        let cols: Vec<Col> = cs.iter().map(|c| column(sub(text, c.0, c.1))).collect();
        let tasks = cols.iter().filter(|c| **c == Col::Task).count();
        let other = cols
            .iter()
            .any(|c| matches!(c, Col::Number | Col::Leaders | Col::Units));
        (tasks == 1 && other).then_some((sep, cols))
    })
}

/// Names in a leaders or units cell, split on `、，,；;/` (and spaces in a tab or bar table).
fn names(cell: &str, sep: Sep) -> Vec<String> {
    cell.split(|c: char| "、，,；;/／".contains(c) || (sep != Sep::Spaces && is_space(c)))
        .map(|n| n.trim_matches(is_space))
        .filter(|n| !n.is_empty() && n.chars().any(is_han) && n.chars().count() <= 40)
        .map(str::to_string)
        .collect()
}

/// One table found in the text: its lines (header included) and its section.
pub(super) struct Table {
    /// Byte range of the table, header to last row.
    pub range: (usize, usize),
    /// The section holding its rows as items.
    pub section: Section,
}

/// Every table with a header row in the text. Rows run from the line after the header to the
/// first blank line, or the first line with fewer than two cells.
pub(super) fn tables(text: &str, lines: &[Line]) -> Vec<Table> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some((sep, cols)) = header(text, lines[i]) else {
            i += 1;
            continue;
        };
        let title = i
            .checked_sub(1)
            .map(|p| sub(text, lines[p].start, lines[p].end))
            .filter(|t| {
                let n = t.chars().count();
                (2..=40).contains(&n) && !t.contains('\t') && !t.ends_with('。')
            })
            .map(|t| t.trim_end_matches([':', '：']).to_string())
            .unwrap_or_else(|| "目标任务分解表".to_string());
        let mut sec = Section {
            title,
            ..Section::default()
        };
        let start = lines[i].start;
        let mut end = lines[i].end;
        let mut j = i + 1;
        while j < lines.len() {
            let line = lines[j];
            if line.start >= line.end {
                break;
            }
            let cs = cells(text, line, sep);
            if cs.len() < 2 {
                break;
            }
            let num = (sec.items.len() + 1) as u32;
            if let Some(item) = row_item(text, &cs, &cols, sep, num) {
                sec.items.push(item);
            }
            end = line.end;
            j += 1;
        }
        if !sec.items.is_empty() {
            out.push(Table {
                range: (start, end),
                section: sec,
            });
        }
        i = j.max(i + 1);
    }
    out
}

/// The item of one row (`num` unless its number column says otherwise), or `None` when its task
/// cell is empty.
fn row_item(text: &str, cs: &[(usize, usize)], cols: &[Col], sep: Sep, num: u32) -> Option<Item> {
    let mut item = Item {
        num,
        ..Item::default()
    };
    let mut task = None;
    for (k, &(a, b)) in cs.iter().enumerate() {
        let cell = sub(text, a, b);
        match cols.get(k).copied().unwrap_or(Col::Other) {
            Col::Number => {
                if let Some(n) = digit_number(cell.trim_end_matches(['.', '、', '．'])) {
                    item.num = n;
                }
            }
            Col::Task if a < b => task = Some((a, b)),
            Col::Leaders => push_new(&mut item.leaders, names(cell, sep)),
            Col::Units => push_new(&mut item.units, names(cell, sep)),
            _ => {}
        }
    }
    let (a, b) = task?;
    item.marker = a;
    item.content = a;
    item.spans = vec![(a, b)];
    Some(item)
}

/// Adds the names not yet in the list.
fn push_new(list: &mut Vec<String>, names: Vec<String>) {
    for n in names {
        if !list.contains(&n) {
            list.push(n);
        }
    }
}

/// Marks the lines of the tables as boilerplate, so that neither the title nor the numbered
/// structure reads them as prose.
pub(super) fn mask(tables: &[Table], lines: &[Line], kinds: &mut [LineKind]) {
    for (line, kind) in lines.iter().zip(kinds.iter_mut()) {
        if tables
            .iter()
            .any(|t| line.start >= t.range.0 && line.end <= t.range.1)
        {
            *kind = LineKind::Boiler;
        }
    }
}

/// Puts each table's section after the last section that starts before the table.
pub(super) fn merge(tables: Vec<Table>, secs: &mut Vec<Section>) {
    for t in tables.into_iter().rev() {
        let at = secs
            .iter()
            .rposition(|s| first_offset(s).is_some_and(|o| o < t.range.0))
            .map_or(0, |p| p + 1);
        secs.insert(at.min(secs.len()), t.section);
    }
}

fn first_offset(s: &Section) -> Option<usize> {
    let body = s.body.iter().map(|b| b.0);
    let items = s.items.iter().flat_map(|i| i.spans.iter().map(|b| b.0));
    body.chain(items).min()
}

#[cfg(test)]
mod tests {
    use super::super::lines::split_lines;
    use super::*;

    #[test]
    fn tab_bar_and_space_aligned_tables_become_items_with_their_columns() {
        for (sep, row) in [
            (
                "\t",
                "1\t学前教育毛入园率达到98%\t王伟\t基教科\t计财科、教师发展中心",
            ),
            (
                " | ",
                "| 1 | 学前教育毛入园率达到98% | 王伟 | 基教科 | 计财科、教师发展中心 |",
            ),
            (
                "    ",
                "1    学前教育毛入园率达到98%    王伟    基教科    计财科、教师发展中心",
            ),
        ] {
            let header = ["序号", "目标与任务", "分管领导", "牵头责任单位", "责任单位"].join(sep);
            let header = if sep == " | " {
                format!("| {header} |")
            } else {
                header
            };
            let text = format!("目标任务分解表\n{header}\n{row}\n\n其他。");
            let lines = split_lines(&text);
            let t = tables(&text, &lines);
            assert_eq!(t.len(), 1, "{sep:?}");
            let sec = &t[0].section;
            assert_eq!(sec.title, "目标任务分解表");
            assert_eq!(sec.items.len(), 1);
            let it = &sec.items[0];
            assert_eq!(it.num, 1);
            assert_eq!(
                sub(&text, it.spans[0].0, it.spans[0].1),
                "学前教育毛入园率达到98%"
            );
            assert_eq!(it.leaders, ["王伟"]);
            assert_eq!(it.units, ["基教科", "计财科", "教师发展中心"], "{sep:?}");
        }
    }

    #[test]
    fn prose_is_not_a_table() {
        let text = "一、目标任务\n到2025年，学前教育毛入园率达到98%。\n责任单位：基教科";
        assert!(tables(text, &split_lines(text)).is_empty());
    }
}
