//! A numbered item's heading is its name: `1.加强思想理论武装。制定并落实……2024年度学习计划`
//! is 加强思想理论武装 (a task, or a milestone when its text gives a deadline), not a name cut
//! from one of its sub-clauses. Its quantified clauses (levels, counts, rates, …) are drafted as
//! indicators of their own.

use super::{digit, is_space, sub, task_for, Found, ItemB};
use crate::model::Kind;

/// The item's heading: its first sentence when that is short (at most 30 characters), ends with
/// `。` and holds no number, as 加强思想理论武装。 does.
fn heading(text: &str, item: &ItemB) -> bool {
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
pub(super) fn with_heading(text: &str, item: &ItemB, mut found: Vec<Found>) -> Vec<Found> {
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
