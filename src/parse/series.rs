//! An indicator's values over time: its baseline, targets and actuals (as a list or a series).

use super::read::Want;
use super::*;
use crate::period::MAX_YEAR;

/// Where an indicator's actuals stand in the file, for the paths of later checks.
pub(super) enum ActualsForm {
    /// `"actuals": [{period, value, …}, …]`: actual `i` is `actuals[i]`.
    List,
    /// `"actuals": {start, values}`: actual `i` came from `actuals.values[entries[i]]` (null
    /// entries give no actual).
    Series(Vec<usize>),
}

/// How many actuals an indicator's raw `actuals` holds: the list's entries, or a series'
/// `values` (nulls included).
pub(super) fn actual_count(actuals: &Node) -> usize {
    match &actuals.value {
        Value::Array(items) => items.len(),
        Value::Object(series) => series
            .get("values")
            .and_then(Node::as_array)
            .map_or(0, Vec::len),
        _ => 0,
    }
}

/// The list form (`[{"period": …, "value": …}, …]`) of a compact series of actuals
/// (`{"start": …, "values": […]}`), one entry per number; `None` when `series` is not a
/// well-formed series (no readable `start`, no `values` array, an entry neither a number nor
/// null, or entries past the last period that can be named).
#[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
pub fn series_to_list(series: &serde_json::Value) -> Option<Vec<serde_json::Value>> {
    use crate::period::Period;
    use serde_json::{Map, Value};
    let start = Period::parse(series.get("start")?.as_str()?).ok()?;
    let values = series.get("values")?.as_array()?;
    let mut out = Vec::new();
    let mut period = Some(start);
    for value in values {
        let p = period?;
        match value {
            Value::Null => {}
            Value::Number(_) => {
                let mut actual = Map::new();
                actual.insert("period".into(), Value::String(p.to_string()));
                actual.insert("value".into(), value.clone());
                out.push(Value::Object(actual));
            }
            _ => return None,
        }
        period = p.next();
    }
    Some(out)
}

impl Cx<'_> {
    pub(super) fn baseline(&mut self, v: &Node, at: &Path) -> Result<Option<Baseline>, ()> {
        let before = self.error_count();
        let map = self.object(v, at, BASELINE_FIELDS).ok_or(())?;
        let period = self
            .req(map, at, "period")
            .and_then(|(v, p)| self.period(v, &p));
        let value = self
            .req(map, at, "value")
            .and_then(|(v, p)| self.number(v, &p));
        if let Some(n) = map.get("note") {
            self.string(n, &at.key("note"));
        }
        if self.error_count() > before {
            return Err(());
        }
        match (period, value) {
            (Some(period), Some(value)) => Ok(Some(Baseline { period, value })),
            _ => Err(()),
        }
    }

    pub(super) fn targets(
        &mut self,
        map: &Object,
        at: &Path,
        direction: Direction,
    ) -> Result<Vec<Target>, ()> {
        let Some(items) = self.array(map, at, "targets", false) else {
            return if map.contains_key("targets") {
                Err(())
            } else {
                Ok(Vec::new())
            };
        };
        let tpath = at.key("targets");
        if items.len() > self.limits.targets {
            self.push_at(
                Code::LimitTargets,
                &tpath,
                format!(
                    "共有 {} 个目标，超过上限 {}",
                    items.len(),
                    self.limits.targets
                ),
                format!(
                    "{} targets, more than the limit of {}",
                    items.len(),
                    self.limits.targets
                ),
            );
            return Err(());
        }
        let before = self.error_count();
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let p = tpath.index(i);
            let Some(m) = self.object(item, &p, TARGET_FIELDS) else {
                continue;
            };
            let period = self
                .req(m, &p, "period")
                .and_then(|(v, pp)| self.period(v, &pp));
            let num = |cx: &mut Self, f: &str| m.get(f).map(|v| cx.number(v, &p.key(f)));
            let value = num(self, "value");
            let min = num(self, "min");
            let max = num(self, "max");
            let bound = m.get("bound").map(|v| {
                self.enumerated(
                    v,
                    &p.key("bound"),
                    |s| match s {
                        "atLeast" => Some(Bound::AtLeast),
                        "atMost" => Some(Bound::AtMost),
                        "exact" => Some(Bound::Exact),
                        "approx" => Some(Bound::Approx),
                        _ => None,
                    },
                    &["atLeast", "atMost", "exact", "approx"],
                )
            });
            let goal = match (value, min, max) {
                (None, None, None) => {
                    if bound.is_some() {
                        self.push_at(
                            Code::NotForKind,
                            &p.key("bound"),
                            "没有 value 的目标不能有 bound".into(),
                            "a target without a value cannot have a bound".into(),
                        );
                    }
                    Some(Goal::Deadline)
                }
                (Some(v), None, None) => v.map(|value| Goal::Value {
                    value,
                    bound: bound.flatten().unwrap_or(Bound::default_for(direction)),
                }),
                (None, lo, hi) => {
                    if bound.is_some() {
                        self.push_at(
                            Code::NotForKind,
                            &p.key("bound"),
                            "min/max 区间目标不能有 bound：落在区间内即达标".into(),
                            "a min/max target cannot have a bound: inside the band is met".into(),
                        );
                    }
                    let lo = lo.flatten();
                    let hi = hi.flatten();
                    if let (Some(a), Some(b)) = (lo, hi) {
                        if a > b {
                            self.push_at(
                                Code::MinMax,
                                &p.key("min"),
                                format!("下限 min {a} 大于上限 max {b}"),
                                format!("min {a} is greater than max {b}"),
                            );
                        }
                    }
                    Some(Goal::Band { min: lo, max: hi })
                }
                (Some(_), _, _) => {
                    self.push_at(
                        Code::NotForKind,
                        &p.key("value"),
                        "目标只能写 value，或写 min/max 区间，不能同时写".into(),
                        "a target has either a value or a min/max band, not both".into(),
                    );
                    None
                }
            };
            if let (Some(period), Some(goal)) = (period, goal) {
                out.push(Target { period, goal });
            }
        }
        if self.error_count() > before {
            return Err(());
        }
        for i in 1..out.len() {
            if out[i].period.end() <= out[i - 1].period.end() {
                let (a, b) = (out[i - 1].period, out[i].period);
                self.push_at(
                    Code::Order,
                    &tpath.index(i).key("period"),
                    format!("目标应按期间先后排列，且每个截止日只设一个目标：{b} 不在 {a} 之后"),
                    format!("targets must be in period order with one per deadline: {b} does not come after {a}"),
                );
                return Err(());
            }
        }
        Ok(out)
    }

    /// An indicator's `actuals`, in the list form or as a series.
    pub(super) fn actuals(
        &mut self,
        map: &Object,
        at: &Path,
    ) -> Result<(Vec<Actual>, ActualsForm), ()> {
        let apath = at.key("actuals");
        let items = match map.get("actuals") {
            None => return Ok((Vec::new(), ActualsForm::List)),
            Some(Node {
                value: Value::Array(items),
                ..
            }) => items,
            Some(
                series @ Node {
                    value: Value::Object(_),
                    ..
                },
            ) => {
                let (actuals, entries) = self.series(series, &apath)?;
                return Ok((actuals, ActualsForm::Series(entries)));
            }
            Some(other) => {
                self.wrong_type(&apath, Want::Actuals, other);
                return Err(());
            }
        };
        if items.len() > self.limits.actuals {
            self.push_at(
                Code::LimitActuals,
                &apath,
                format!(
                    "共有 {} 个实际值，超过上限 {}",
                    items.len(),
                    self.limits.actuals
                ),
                format!(
                    "{} actual values, more than the limit of {}",
                    items.len(),
                    self.limits.actuals
                ),
            );
            return Err(());
        }
        let before = self.error_count();
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let p = apath.index(i);
            let Some(m) = self.object(item, &p, ACTUAL_FIELDS) else {
                continue;
            };
            let period = self
                .req(m, &p, "period")
                .and_then(|(v, pp)| self.period(v, &pp));
            let value = m.get("value").map(|v| self.number(v, &p.key("value")));
            let state = m.get("state").map(|v| {
                self.enumerated(
                    v,
                    &p.key("state"),
                    TaskState::parse,
                    &["notStarted", "inProgress", "done", "blocked"],
                )
            });
            let note = self.opt_text(m, &p, "note");
            if let (Some(period), Ok(note)) = (period, note) {
                out.push(Actual {
                    period,
                    value: value.flatten(),
                    state: state.flatten(),
                    note,
                });
            }
        }
        if self.error_count() > before {
            return Err(());
        }
        for i in 1..out.len() {
            if out[i].period.cmp_end(&out[i - 1].period) != std::cmp::Ordering::Greater {
                let (a, b) = (out[i - 1].period, out[i].period);
                self.push_at(
                    Code::Order,
                    &apath.index(i).key("period"),
                    format!("实际值应按期间先后排列，每个期间一条：{b} 不在 {a} 之后"),
                    format!("actuals must be in period order, one per period: {b} does not come after {a}"),
                );
                return Err(());
            }
        }
        Ok((out, ActualsForm::List))
    }

    /// A compact series `{start, values}`: entry `k` of `values` is the value for the `k`-th
    /// period from `start` on, in `start`'s form; `null` reports nothing for its period. Returns
    /// the actuals and, for each, the index of its entry. (Consecutive periods of one form are
    /// in order and never overlap, so the list form's order check has nothing to find here.)
    pub(super) fn series(&mut self, v: &Node, at: &Path) -> Result<(Vec<Actual>, Vec<usize>), ()> {
        let before = self.error_count();
        let map = self.object(v, at, SERIES_FIELDS).ok_or(())?;
        let start = self
            .req(map, at, "start")
            .and_then(|(v, p)| self.period(v, &p));
        let values = self.array(map, at, "values", true).ok_or(())?;
        let vpath = at.key("values");
        // At `actuals`, as for the list form (docs/limits.md).
        if values.len() > self.limits.actuals {
            self.push_at(
                Code::LimitActuals,
                at,
                format!(
                    "共有 {} 个实际值，超过上限 {}",
                    values.len(),
                    self.limits.actuals
                ),
                format!(
                    "{} actual values, more than the limit of {}",
                    values.len(),
                    self.limits.actuals
                ),
            );
            return Err(());
        }
        let mut actuals = Vec::with_capacity(values.len());
        let mut entries = Vec::with_capacity(values.len());
        let mut period = start;
        for (k, item) in values.iter().enumerate() {
            if k > 0 {
                let previous = period;
                period = previous.and_then(|p| p.next());
                if let (Some(last), None) = (previous, period) {
                    self.push_at(
                        Code::BadPeriod,
                        &vpath.index(k),
                        format!("序列超出了可用的期间：{last} 之后没有下一个期间（年份最晚为 {MAX_YEAR}），此项及其后各项没有对应的期间"),
                        format!("the series runs past the last period that can be named ({last}; years end at {MAX_YEAR}): this entry and the ones after it have no period"),
                    );
                }
            }
            let value = match &item.value {
                Value::Null => continue,
                Value::Number(n) => Some(n.as_f64()).filter(|x| x.is_finite()),
                _ => None,
            };
            let Some(value) = value else {
                self.wrong_type(&vpath.index(k), Want::NumberOrNull, item);
                continue;
            };
            if let Some(period) = period {
                actuals.push(Actual {
                    period,
                    value: Some(value),
                    state: None,
                    note: None,
                });
                entries.push(k);
            }
        }
        if self.error_count() > before {
            return Err(());
        }
        Ok((actuals, entries))
    }
}
