//! A numbered item's heading is its name: `1.加强思想理论武装。制定并落实……2024年度学习计划`
//! is 加强思想理论武装 (a task, or a milestone when its text gives a deadline), not a name cut
//! from one of its sub-clauses. Its quantified clauses (levels, counts, rates, …) are drafted as
//! indicators of their own. An item with no finding at all is a `task` ([`task_for`]).

use super::clause::Found;
use super::names::{clean_name, heading_name};
use super::structure::Item;
use super::text::{clip, digit, is_space, sub};
use crate::model::{Direction, Kind};

/// The item's heading: its first sentence when that is short (at most 30 characters), ends with
/// `。` and holds no number, as 加强思想理论武装。 does.
fn heading(text: &str, item: &Item) -> bool {
    let Some(&(_, first_end)) = item.spans.first() else {
        return false;
    };
    let body = sub(text, item.content, first_end).trim_start_matches(is_space);
    let Some(i) = body.find('。') else {
        return false;
    };
    let h = &body[..i];
    let n = h.chars().count();
    (2..=30).contains(&n)
        && !h.chars().any(|c| digit(c).is_some())
        && !h.contains(['，', ',', '；', ';', '：', ':'])
}

/// The drafted entries of a numbered item. When it has a heading and its one finding is a
/// milestone (a dated deliverable, nothing quantified), that milestone is the item itself: it is
/// named by the heading and quotes the item from its numbering to the end of the dated clause,
/// so that its name is text of its quote. Quantified targets, and items with several findings,
/// are the item's indicators as found.
pub(super) fn with_heading(text: &str, item: &Item, mut found: Vec<Found>) -> Vec<Found> {
    if found.len() != 1 || found[0].kind != Kind::Milestone || !heading(text, item) {
        return found;
    }
    let Some(task) = task_for(text, item) else {
        return found;
    };
    let m = &mut found[0];
    if task.quote.0 <= m.quote.0 && !task.name.is_empty() {
        m.name = task.name;
        m.quote = (task.quote.0, m.quote.1.max(task.quote.1));
        m.reasons
            .push("编号事项的标题作为名称，引文自编号起至期限所在分句".into());
    }
    found
}

/// The task for a numbered item with no recognised target: its first sentence, named by its
/// heading.
pub(super) fn task_for(text: &str, item: &Item) -> Option<Found> {
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
    let from_marker = sub(text, item.marker, quote_end);
    let qs = item.marker + (from_marker.len() - from_marker.trim_start_matches(is_space).len());
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
