//! Clauses: a span of text is split into sentences (at `。；！？`) and clauses (at commas and
//! colons outside brackets); each clause is read once ([`Clause`]: its time expressions,
//! frequency words and numbers) and handed to the analysers in turn, the first that recognises
//! it winning: zero-event targets, quantified targets (`quantified`), unnumbered recurring
//! actions, milestones. What a clause finds may be continued by the next clause of its sentence
//! ([`Sentence`]).

use super::names::{clean_name, text_without};
use super::numbers::{quantities, Quantity};
use super::text::{chars_len, clip, digit, is_han, is_space, strip_any, sub, year_period};
use super::time::{freq_tokens, time_tokens, Freq, FreqTok, TimeTok, When};
use crate::model::{Bound, Direction, Goal, Kind, Target};
use crate::period::Period;

/// Characters of a clause that are analysed.
const MAX_CLAUSE_CHARS: usize = 1000;
/// Numbers, time expressions and frequency words analysed per clause.
pub(super) const MAX_TOKENS: usize = 100;

/// Verbs of a milestone when a period is stated: 2024年创成省三星级高中.
const MILESTONE_VERBS: &[&str] = &[
    "创成",
    "创建",
    "建成",
    "完成",
    "全覆盖",
    "到位",
    "化解",
    "全部实现",
    "全面实现",
    "开园",
    "投入使用",
    "通过验收",
    "配足",
    "配齐",
    "挂牌",
    "竣工",
    "成立",
];
/// Verbs of an unnumbered recurring action: 每年发布…报告.
const RECUR_VERBS: &[&str] = &[
    "召开", "举办", "举行", "开展", "发布", "评选", "评比", "组织", "进行", "分析",
];

/// The plan's span in whole years.
#[derive(Clone, Copy, Debug)]
pub(super) struct Span {
    pub(super) start: i32,
    pub(super) end: i32,
}

/// One extracted indicator before ids are given.
#[derive(Clone, Debug)]
pub(super) struct Found {
    pub(super) kind: Kind,
    pub(super) direction: Direction,
    pub(super) unit: String,
    pub(super) name: String,
    pub(super) baseline: Option<f64>,
    pub(super) targets: Vec<Target>,
    /// Absolute byte range of the quote.
    pub(super) quote: (usize, usize),
    pub(super) confidence: f64,
    pub(super) reasons: Vec<String>,
}

/// Findings of one clause that a later clause of the same sentence may continue.
#[derive(Clone, Debug, Default)]
pub(super) struct Group {
    pub(super) kind: Option<Kind>,
    /// Indices into [`Scanner::found`].
    pub(super) found: Vec<usize>,
    /// Distinguishing ends of list names (`优秀率`, `合格率`), for `初中分别提高…`.
    pub(super) tails: Vec<String>,
    pub(super) verb: String,
    pub(super) freq: Option<Freq>,
}

impl Group {
    /// The group of one finding of `kind`.
    fn of(kind: Kind, found: usize) -> Self {
        Group {
            kind: Some(kind),
            found: vec![found],
            ..Group::default()
        }
    }
}

/// What the clauses of a sentence read so far pass on to the next one.
#[derive(Clone, Debug, Default)]
pub(super) struct Sentence {
    /// The last time expression of the sentence so far.
    pub(super) when: Option<When>,
    pub(super) group: Group,
}

/// One clause, read once: its text and the tokens every analyser uses.
pub(super) struct Clause<'t> {
    /// The clause's text (trimmed, at most [`MAX_CLAUSE_CHARS`] characters); local byte offsets
    /// are into it.
    pub(super) text: &'t str,
    /// Absolute byte range of the clause in the plan's text: the quote of what it yields.
    pub(super) quote: (usize, usize),
    pub(super) times: Vec<TimeTok>,
    pub(super) freqs: Vec<FreqTok>,
    pub(super) quantities: Vec<Quantity>,
    /// Local ranges of the time expressions, left out of names.
    pub(super) cut: Vec<(usize, usize)>,
    /// When the clause is due: its last time expression, else the sentence's.
    pub(super) when: Option<When>,
}

impl<'t> Clause<'t> {
    /// Reads `text[a..b]` (trimmed and clipped), or `None` when it is empty.
    fn read(text: &'t str, a: usize, b: usize, sentence: &Sentence) -> Option<Self> {
        let raw = sub(text, a, b);
        let lead_trimmed = raw.trim_start_matches(|c: char| is_space(c) || c == '—');
        let lead = raw.len() - lead_trimmed.len();
        // Real clauses are short; a run-on "clause" is analysed (and quoted) from its start only,
        // which keeps the work linear in the text's length.
        let s = clip(lead_trimmed.trim_end_matches(is_space), MAX_CLAUSE_CHARS);
        if s.is_empty() {
            return None;
        }
        let mut times = time_tokens(s);
        times.truncate(MAX_TOKENS);
        let mut freqs = freq_tokens(s);
        freqs.truncate(MAX_TOKENS);
        let mut nums = quantities(s, &times);
        nums.truncate(MAX_TOKENS);
        let cut = times.iter().map(|t| (t.start, t.end)).collect();
        let when = times.last().map(|t| t.when).or(sentence.when);
        Some(Clause {
            text: s,
            quote: (a + lead, a + lead + s.len()),
            times,
            freqs,
            quantities: nums,
            cut,
            when,
        })
    }

    /// When a number at local position `p` is due: the last time expression before it in the
    /// clause, else the first one after it, else the sentence's.
    pub(super) fn when_of(&self, p: usize, sentence: &Sentence) -> Option<When> {
        self.times
            .iter()
            .rfind(|t| t.end <= p)
            .or_else(|| self.times.first())
            .map(|t| t.when)
            .or(sentence.when)
    }
}

/// Reads the plan's text clause by clause, collecting what it finds.
pub(super) struct Scanner<'a> {
    pub(super) text: &'a str,
    pub(super) span: Span,
    pub(super) found: Vec<Found>,
}

impl<'a> Scanner<'a> {
    /// A scanner of `text` for a plan spanning `span`.
    pub(super) fn new(text: &'a str, span: Span) -> Self {
        Scanner {
            text,
            span,
            found: Vec::new(),
        }
    }

    /// The period a time expression names, in the context of its sentence.
    pub(super) fn resolve(&self, w: When, sentence: &Sentence) -> Period {
        let ctx_year = match sentence.when {
            Some(When::Year(y)) | Some(When::Month(y, _)) => y,
            _ => self.span.start,
        };
        match w {
            When::Year(y) => year_period(y),
            When::Month(y, m) => Period::Month(y.clamp(1900, 2200), m.clamp(1, 12)),
            When::School(y) => Period::SchoolYear(y.clamp(1900, 2199)),
            When::Start => year_period(self.span.start),
            When::End => year_period(self.span.end),
            When::Summer => Period::Month(ctx_year.clamp(1900, 2200), 8),
            When::MonthOnly(m) => Period::Month(ctx_year.clamp(1900, 2200), m.clamp(1, 12)),
        }
    }

    /// Periods of a recurring target from the plan's start to `upto` (inclusive year).
    pub(super) fn periods(&self, freq: Freq, upto: i32) -> Vec<Period> {
        let (a, b) = (self.span.start, upto.max(self.span.start));
        let mut out = Vec::new();
        for y in a..=b {
            match freq {
                Freq::Year | Freq::Rounds(_) | Freq::Other => out.push(year_period(y)),
                Freq::SchoolYear => out.push(Period::SchoolYear((y - 1).clamp(1900, 2199))),
                Freq::Quarter => out.extend((1..=4).map(|q| Period::Quarter(y, q))),
                Freq::Month => out.extend((1..=12).map(|m| Period::Month(y, m))),
            }
        }
        if out.len() > 100 {
            // More than the format's 100 targets: yearly instead.
            out = (a..=b).map(year_period).take(100).collect();
        }
        out
    }

    /// Splits a span into sentences and clauses and analyses each clause.
    pub(super) fn scan(&mut self, a: usize, b: usize) {
        let s = sub(self.text, a, b);
        let mut sentence = Sentence::default();
        let mut depth = 0i32;
        let mut clause_start = 0;
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        for (k, &(i, c)) in chars.iter().enumerate() {
            let end_sentence = matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';');
            match c {
                '《' | '“' | '（' | '(' | '【' | '「' | '‘' => depth += 1,
                '》' | '”' | '）' | ')' | '】' | '」' | '’' => depth = (depth - 1).max(0),
                _ => {}
            }
            let comma = matches!(c, '，' | ':' | '：')
                || (c == ','
                    && !(k > 0
                        && digit(chars[k - 1].1).is_some()
                        && chars.get(k + 1).is_some_and(|x| digit(x.1).is_some())));
            if end_sentence || (comma && depth == 0) {
                self.clause(a + clause_start, a + i, &mut sentence);
                clause_start = i + c.len_utf8();
                if end_sentence {
                    sentence = Sentence::default();
                    depth = 0;
                }
            }
        }
        self.clause(a + clause_start, b, &mut sentence);
    }

    /// Records a finding; its index in [`Scanner::found`].
    pub(super) fn push(&mut self, f: Found) -> usize {
        self.found.push(f);
        self.found.len() - 1
    }

    /// Analyses one clause (absolute byte range).
    fn clause(&mut self, a: usize, b: usize, sentence: &mut Sentence) {
        let Some(clause) = Clause::read(self.text, a, b, sentence) else {
            return;
        };
        // The first analyser that recognises the clause wins.
        let _recognised = self.zero(&clause, sentence)
            || (!clause.quantities.is_empty() && self.quantified(&clause, sentence))
            || self.unnumbered_recurring(&clause, sentence)
            || self.milestone(&clause, sentence);
        if let Some(w) = clause.times.last().map(|t| t.when) {
            sentence.when = Some(w);
        }
    }

    /// 无…事故 (at most 20 characters apart), 杜绝…, 零事故 / 零发生: a `zero` target.
    fn zero(&mut self, clause: &Clause, sentence: &mut Sentence) -> bool {
        let s = clause.text;
        let wu = s
            .match_indices('无')
            .map(|(p, _)| p + '无'.len_utf8())
            .find(|&from| {
                let after = sub(s, from, s.len());
                after
                    .find("事故")
                    .is_some_and(|q| chars_len(sub(after, 0, q)) <= 20)
            });
        let name_from = s
            .find("杜绝")
            .map(|p| p + "杜绝".len())
            .or(wu)
            .or_else(|| (s.contains("零事故") || s.contains("零发生")).then_some(0));
        let Some(from) = name_from else {
            return false;
        };
        let name_src = text_without(s, from, s.len(), &clause.cut);
        let name_src = name_src.strip_prefix("一切").unwrap_or(&name_src);
        let mut reasons = vec!["“无…事故/杜绝…”：零事件目标".to_string()];
        let none = Goal::Value {
            value: 0.0,
            bound: Bound::AtMost,
        };
        let targets: Vec<Target> = match clause.when {
            Some(w) => vec![Target {
                period: self.resolve(w, sentence),
                goal: none,
            }],
            None => {
                reasons.push("未写年份，覆盖规划期各年".into());
                (self.span.start..=self.span.end)
                    .map(|y| Target {
                        period: year_period(y),
                        goal: none,
                    })
                    .collect()
            }
        };
        let i = self.push(Found {
            kind: Kind::Zero,
            direction: Direction::Decrease,
            unit: "起".into(),
            name: clean_name(name_src),
            baseline: None,
            targets,
            quote: clause.quote,
            confidence: 0.8,
            reasons,
        });
        sentence.group = Group::of(Kind::Zero, i);
        true
    }

    /// A recurring action without a number (`一月一培训`, `每年发布…报告`): at least once per
    /// period.
    fn unnumbered_recurring(&mut self, clause: &Clause, sentence: &mut Sentence) -> bool {
        let s = clause.text;
        let upto = upto_year(clause.when, self.span, sentence);
        let mut push = |this: &mut Self, freq: Freq, name: String, confidence: f64, why: &str| {
            let goal = Goal::Band {
                min: Some(1.0),
                max: None,
            };
            let targets = this
                .periods(freq, upto)
                .into_iter()
                .map(|period| Target { period, goal })
                .collect();
            let i = this.push(Found {
                kind: Kind::Recurring,
                direction: Direction::Increase,
                unit: "次".into(),
                name,
                baseline: None,
                targets,
                quote: clause.quote,
                confidence,
                reasons: vec![why.to_string(), "未写数量，按每期至少1次计".into()],
            });
            sentence.group = Group {
                freq: Some(freq),
                ..Group::of(Kind::Recurring, i)
            };
        };
        for (pat, freq, label) in [
            ("一月一", Freq::Month, "每月"),
            ("一季一", Freq::Quarter, "每季度"),
            ("一年一", Freq::Year, "每年"),
        ] {
            if let Some(p) = s.find(pat) {
                let rest = sub(s, p + pat.len(), s.len());
                let x: String = rest.chars().take_while(|c| is_han(*c)).take(12).collect();
                if x.is_empty() || x.starts_with('度') || x.starts_with('次') {
                    continue;
                }
                let why = "“一月一X/一季一X/一年一X”：定期事项";
                push(self, freq, format!("{label}{x}"), 0.6, why);
                return true;
            }
        }
        let Some(&FreqTok { end: fe, freq, .. }) = clause.freqs.iter().find(|f| {
            matches!(
                f.freq,
                Freq::Year | Freq::SchoolYear | Freq::Quarter | Freq::Month
            )
        }) else {
            return false;
        };
        let rest = sub(s, fe, s.len());
        if !RECUR_VERBS.iter().any(|v| rest.contains(v)) {
            return false;
        }
        let name = clean_name(&text_without(s, fe, s.len(), &clause.cut));
        if name.is_empty() {
            return false;
        }
        push(self, freq, name, 0.5, "“每年/每学年/按季度…”：定期事项");
        true
    }

    /// A document to issue (`出台《…》`) or a dated deliverable (`2024年创成…`): a `milestone`.
    fn milestone(&mut self, clause: &Clause, sentence: &mut Sentence) -> bool {
        const PREFIX: &[&str] = &[
            "推动", "研究", "加快", "及时", "抓紧", "适时", "积极", "组织",
        ];
        const DOC_WORDS: &[&str] = &[
            "方案", "办法", "意见", "规划", "细则", "制度", "标准", "清单", "计划", "条例", "指南",
            "纲要", "》",
        ];
        let s = clause.text;
        let mut t = s;
        while let Some(r) = strip_any(t, PREFIX) {
            t = r;
        }
        let document = (t.starts_with("出台") || t.starts_with("制定"))
            && (t.contains('《') || DOC_WORDS.iter().any(|w| t.ends_with(w)));
        let verb = MILESTONE_VERBS.iter().find(|v| s.contains(*v));
        if !(document || (clause.when.is_some() && verb.is_some())) {
            return false;
        }
        let mut reasons = vec![if document {
            "“出台/制定…”：文件出台即完成".to_string()
        } else {
            format!("“{}”且写明期限：里程碑", verb.copied().unwrap_or(""))
        }];
        let mut confidence = 0.6;
        let period = match clause.when {
            Some(w) => self.resolve(w, sentence),
            None => {
                reasons.push("未写期限，按规划期末计".into());
                confidence -= 0.1;
                year_period(self.span.end)
            }
        };
        let name = clean_name(&text_without(s, 0, s.len(), &clause.cut));
        if name.is_empty() {
            return false;
        }
        let i = self.push(Found {
            kind: Kind::Milestone,
            direction: Direction::Increase,
            unit: String::new(),
            name,
            baseline: None,
            targets: vec![Target {
                period,
                goal: Goal::Deadline,
            }],
            quote: clause.quote,
            confidence,
            reasons,
        });
        sentence.group = Group::of(Kind::Milestone, i);
        true
    }
}

/// The year a time expression falls in (a school year in its second calendar year).
fn when_year(w: When, span: Span, sentence: &Sentence) -> i32 {
    match w {
        When::Year(y) | When::Month(y, _) => y,
        When::School(y) => y + 1,
        When::Start => span.start,
        When::End => span.end,
        When::Summer | When::MonthOnly(_) => match sentence.when {
            Some(When::Year(y)) | Some(When::Month(y, _)) => y,
            _ => span.start,
        },
    }
}

/// Last year of a span of yearly targets (recurring, growth) limited by `w`: a month or 暑期
/// dates an event within a year and does not end the span.
pub(super) fn upto_year(w: Option<When>, span: Span, sentence: &Sentence) -> i32 {
    match w {
        None | Some(When::Month(..) | When::MonthOnly(_) | When::Summer) => span.end,
        Some(w) => when_year(w, span, sentence),
    }
}

/// What a scanner finds in `text` for a plan of 2024–2026 (for the analysers' tests).
#[cfg(test)]
pub(super) fn found(text: &str) -> Vec<Found> {
    let mut s = Scanner::new(
        text,
        Span {
            start: 2024,
            end: 2026,
        },
    );
    s.scan(0, text.len());
    s.found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clauses_are_split_at_commas_outside_brackets() {
        let text = "到2025年，覆盖率（含民办，公办）达95%；1,000所";
        let mut s = Scanner::new(
            text,
            Span {
                start: 2024,
                end: 2026,
            },
        );
        let sentence = Sentence::default();
        let c = Clause::read(text, 0, text.len(), &sentence).expect("a clause");
        assert_eq!(c.quote, (0, text.len()));
        s.scan(0, text.len());
        assert_eq!(s.found.len(), 1);
        assert_eq!(
            sub(text, s.found[0].quote.0, s.found[0].quote.1),
            "覆盖率（含民办，公办）达95%"
        );
        assert_eq!(s.found[0].targets[0].period, Period::Year(2025));
    }

    #[test]
    fn zero_milestone_and_recurring_without_numbers() {
        let f = found("杜绝重大安全事故。2025年建成智慧校园。每年召开表彰大会。");
        let kinds: Vec<Kind> = f.iter().map(|f| f.kind).collect();
        assert_eq!(kinds, [Kind::Zero, Kind::Milestone, Kind::Recurring]);
        assert_eq!(f[0].targets.len(), 3, "every plan year");
        assert_eq!(f[1].targets[0].goal, Goal::Deadline);
        assert_eq!(f[2].targets.len(), 3);
    }

    #[test]
    fn school_years_end_in_their_second_year() {
        let span = Span {
            start: 2024,
            end: 2026,
        };
        let s = Sentence::default();
        assert_eq!(upto_year(Some(When::School(2024)), span, &s), 2025);
        assert_eq!(upto_year(Some(When::MonthOnly(9)), span, &s), 2026);
        assert_eq!(upto_year(None, span, &s), 2026);
        assert_eq!(upto_year(Some(When::Start), span, &s), 2024);
    }
}
