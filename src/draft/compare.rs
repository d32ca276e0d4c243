//! Comparison of a draft with a hand-curated file: quotes are related ([`quote_match`]),
//! indicators matched one-to-one by quote, kind, direction and targets, and recall and precision
//! reported ([`Quality`], [`quality_table`]).

use serde::Serialize;
use serde_json::Value;

use super::text::{fmt_num, is_space};
use super::Draft;
use crate::model::{Bound, Direction, Goal, Kind, Target};
use crate::period::Period;

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

/// A quote without white space, full-width `，：；（）` read as ASCII.
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

/// Whether `needle` is a run of `hay`.
fn contains_chars(hay: &[char], needle: &[char]) -> bool {
    needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle)
}

/// The length of the longest run `a` and `b` share.
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

impl Partial {
    /// The pair in one line: `` `drafted` ~ `curated` (Overlap): what differs ``.
    pub fn describe(&self) -> String {
        format!(
            "`{}` ~ `{}` ({:?}): {}",
            self.drafted,
            self.curated,
            self.quote,
            self.differences.join("; ")
        )
    }
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

/// a ÷ b, 1 when b is 0.
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
                out.push_str(&format!("- {}\n", p.describe()));
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

/// An indicator as compared: its id, kind (a drafted one's intended kind), direction, targets
/// and quote.
struct Compared {
    id: String,
    kind: Kind,
    direction: Direction,
    targets: Vec<Target>,
    quote: String,
}

/// A goal in the form compared: a band open at one end is a value with that bound, and the
/// targets of `zero`, `milestone` and `task` compare by period only.
#[derive(Clone, Copy, Debug, PartialEq)]
enum CanonicalGoal {
    Deadline,
    Value(f64, Bound),
    Band(Option<f64>, Option<f64>),
}

/// A target's period and canonical goal.
fn canonical(kind: Kind, t: &Target) -> (Period, CanonicalGoal) {
    let c = match (kind, t.goal) {
        (Kind::Zero | Kind::Milestone | Kind::Task, _) => CanonicalGoal::Deadline,
        (_, Goal::Deadline) => CanonicalGoal::Deadline,
        (_, Goal::Value { value, bound }) => CanonicalGoal::Value(value, bound),
        (
            _,
            Goal::Band {
                min: Some(a),
                max: None,
            },
        ) => CanonicalGoal::Value(a, Bound::AtLeast),
        (
            _,
            Goal::Band {
                min: None,
                max: Some(b),
            },
        ) => CanonicalGoal::Value(b, Bound::AtMost),
        (_, Goal::Band { min, max }) => CanonicalGoal::Band(min, max),
    };
    (t.period, c)
}

/// Equal up to rounding.
fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Equal canonical goals (values up to rounding).
fn canonical_eq(a: &CanonicalGoal, b: &CanonicalGoal) -> bool {
    match (a, b) {
        (CanonicalGoal::Deadline, CanonicalGoal::Deadline) => true,
        (CanonicalGoal::Value(x, p), CanonicalGoal::Value(y, q)) => close(*x, *y) && p == q,
        (CanonicalGoal::Band(a1, b1), CanonicalGoal::Band(a2, b2)) => {
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

/// Targets in canonical form, in words (`2024:95(atLeast), 2025`).
fn canonical_text(kind: Kind, targets: &[Target]) -> String {
    targets
        .iter()
        .map(|t| match canonical(kind, t) {
            (p, CanonicalGoal::Deadline) => p.to_string(),
            (p, CanonicalGoal::Value(v, b)) => format!("{p}:{}({})", fmt_num(v), b.as_str()),
            (p, CanonicalGoal::Band(a, b)) => format!(
                "{p}:{}–{}",
                a.map(fmt_num).unwrap_or_default(),
                b.map(fmt_num).unwrap_or_default()
            ),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Differences in kind, direction and targets (empty when they match).
fn differences(d: &Compared, c: &Compared) -> Vec<String> {
    let mut out = Vec::new();
    if d.kind != c.kind {
        out.push(format!("kind {} vs {}", d.kind.as_str(), c.kind.as_str()));
        return out;
    }
    if !matches!(d.kind, Kind::Milestone | Kind::Task) && d.direction != c.direction {
        out.push("direction".into());
    }
    if d.kind != Kind::Task {
        let da: Vec<_> = d.targets.iter().map(|t| canonical(d.kind, t)).collect();
        let ca: Vec<_> = c.targets.iter().map(|t| canonical(c.kind, t)).collect();
        let same = da.len() == ca.len()
            && da
                .iter()
                .zip(&ca)
                .all(|(x, y)| x.0 == y.0 && canonical_eq(&x.1, &y.1));
        if !same {
            out.push(format!(
                "targets [{}] vs [{}]",
                canonical_text(d.kind, &d.targets),
                canonical_text(c.kind, &c.targets)
            ));
        }
    }
    out
}

/// The valid indicators of a curated file.
fn curated_side(curated: &Value) -> Vec<Compared> {
    crate::parse::load_value(curated)
        .plan
        .map(|p| {
            p.indicators
                .into_iter()
                .map(|i| Compared {
                    id: i.id,
                    kind: i.kind,
                    direction: i.direction,
                    targets: i.targets,
                    quote: i.quote,
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The drafted indicators, as what the text says (a stand-in by its intended kind and targets).
fn drafted_side(draft: &Draft) -> Vec<Compared> {
    draft
        .items
        .iter()
        .map(|d| Compared {
            id: d.id.clone(),
            kind: d.intended_kind,
            direction: d.direction,
            targets: d.targets.clone(),
            quote: d.quote.clone(),
        })
        .collect()
}

/// A maximum bipartite matching: for each drafted indicator, the curated one it is matched to.
/// `adj[j]` lists the drafted candidates of curated `j`, best first.
fn matching(adj: &[Vec<usize>], drafted: usize) -> Vec<Option<usize>> {
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
    let mut owner: Vec<Option<usize>> = vec![None; drafted];
    for j in 0..adj.len() {
        let mut seen = vec![false; drafted];
        augment(j, adj, &mut owner, &mut seen);
    }
    owner
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
    let cur = curated_side(curated);
    let dra = drafted_side(draft);
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
    let owner = matching(&adj, dra.len());
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
    q.partial = partials(&dra, &cur, &quotes, &owner, &cur_matched);
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

/// Partial matches among the unmatched: each side at most once, closest quotes and same kinds
/// first; sorted by curated id.
fn partials(
    dra: &[Compared],
    cur: &[Compared],
    quotes: &[Vec<Option<QuoteMatch>>],
    owner: &[Option<usize>],
    cur_matched: &[bool],
) -> Vec<Partial> {
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
    let mut out = Vec::new();
    for (i, j, qm, _) in cands {
        if d_used[i] || c_used[j] {
            continue;
        }
        d_used[i] = true;
        c_used[j] = true;
        out.push(Partial {
            drafted: dra[i].id.clone(),
            curated: cur[j].id.clone(),
            quote: qm,
            differences: differences(&dra[i], &cur[j]),
        });
    }
    out.sort_by(|a, b| a.curated.cmp(&b.curated));
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    fn compared(kind: Kind, targets: Vec<Target>) -> Compared {
        Compared {
            id: "x".into(),
            kind,
            direction: Direction::Increase,
            targets,
            quote: String::new(),
        }
    }

    #[test]
    fn a_one_ended_band_equals_a_value_with_that_bound() {
        let period = Period::Year(2024);
        let band = Target {
            period,
            goal: Goal::Band {
                min: Some(12.0),
                max: None,
            },
        };
        let value = Target {
            period,
            goal: Goal::Value {
                value: 12.0,
                bound: Bound::AtLeast,
            },
        };
        let d = compared(Kind::Recurring, vec![band]);
        assert!(differences(&d, &compared(Kind::Recurring, vec![value])).is_empty());
        let other = compared(Kind::Cumulative, vec![value]);
        assert_eq!(differences(&d, &other), ["kind recurring vs cumulative"]);
        assert_eq!(canonical_text(Kind::Milestone, &[value]), "2024");
    }

    #[test]
    fn quote_match_is_defined_by_equality_containment_and_overlap() {
        assert_eq!(
            quote_match("覆盖率达70%", "覆盖率达70%"),
            Some(QuoteMatch::Same)
        );
        assert_eq!(
            quote_match("2024 年覆盖率达70%", "2024年覆盖率达70%"),
            Some(QuoteMatch::Same),
            "whitespace is ignored"
        );
        assert_eq!(
            quote_match("1.着力发展学前教育。", "1.着力发展学前教育。落实计划"),
            Some(QuoteMatch::Contains)
        );
        // 21 shared characters of 23 and 27.
        assert_eq!(
            quote_match(
                "计划实施沈巷片中小学维修改造等13个项目",
                "区本级资金暑期维修改造项目建设,计划实施沈巷片中小学维修改造等13个"
            ),
            Some(QuoteMatch::Overlap)
        );
        assert_eq!(
            quote_match("公安联网率100%", "区级以上文明校园占比达到90%"),
            None
        );
        assert_eq!(quote_match("", "x"), None);
    }

    #[test]
    fn matching_is_maximal() {
        // Curated 0 prefers drafted 0, which curated 1 needs.
        assert_eq!(matching(&[vec![0, 1], vec![0]], 2), [Some(1), Some(0)]);
        assert_eq!(matching(&[vec![], vec![]], 1), [None]);
    }

    #[test]
    fn longest_common_runs() {
        let c = |s: &str| norm_quote(s);
        assert_eq!(longest_common_run(&c("abcdef"), &c("xxcdeyy")), 3);
        assert_eq!(c("（一） 甲，乙"), c("(一)甲,乙"));
        assert!(contains_chars(&c("abc"), &c("")));
    }
}
