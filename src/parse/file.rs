//! The file's parts: the top level, the plan header, sections and indicators.

use super::read::{type_name, Want};
use super::series::actual_count;
use super::*;
use crate::period::Day;

impl Cx<'_> {
    pub(super) fn file(&mut self, v: &Node) -> (Option<Plan>, Vec<Rejected>) {
        let Some(top) = self.object(v, &ROOT, TOP_FIELDS) else {
            self.diags.retain(|d| d.code != Code::WrongType);
            let (gz, ge) = type_name(v);
            self.push(
                Code::TopLevel,
                "",
                format!("文件顶层应为 JSON 对象 {{…}}，实为{gz}"),
                format!("the top level must be a JSON object {{…}}, found {ge}"),
            );
            return (None, Vec::new());
        };
        if let Some(s) = top.get("$schema") {
            self.string(s, &ROOT.key("$schema"));
        }
        match top.get("schemaVersion") {
            Some(v) if v.as_u64() == Some(crate::SCHEMA_VERSION) => {}
            Some(v) => {
                self.push(
                    Code::SchemaVersion,
                    "schemaVersion",
                    format!("不支持的格式版本 {v}：本组件读取版本 1"),
                    format!("unsupported format version {v}: this widget reads version 1"),
                );
                return (None, Vec::new());
            }
            None => {
                self.push(
                    Code::SchemaVersion,
                    "schemaVersion",
                    "缺少“schemaVersion”：应写 \"schemaVersion\": 1".into(),
                    "\"schemaVersion\" is missing: write \"schemaVersion\": 1".into(),
                );
            }
        }
        let header = match top.get("plan") {
            Some(p) => self.header(p),
            None => {
                self.missing(&ROOT, "plan");
                None
            }
        };
        let sections = self.sections(top);
        let (indicators, rejected) = self.indicators(top, &sections, header.as_ref());
        let usable = header.is_some()
            && top.contains_key("schemaVersion")
            && top.get("sections").is_some_and(Node::is_array)
            && top.get("indicators").is_some_and(Node::is_array)
            && !self.repeated_outside
            && !self.diags.iter().any(|d| d.code == Code::LimitTotalActuals);
        let plan = header.filter(|_| usable).map(|plan| Plan {
            plan,
            sections,
            indicators,
        });
        (plan, rejected)
    }

    pub(super) fn header(&mut self, v: &Node) -> Option<PlanHeader> {
        let at = ROOT.key("plan");
        let map = self.object(v, &at, PLAN_FIELDS)?;
        let id = self.id(map, &at);
        let title = self.req_text(map, &at, "title");
        let issuer = self.req_text(map, &at, "issuer");
        let start = self
            .req(map, &at, "start")
            .and_then(|(v, p)| self.period(v, &p));
        let end = self
            .req(map, &at, "end")
            .and_then(|(v, p)| self.period(v, &p));
        if let (Some(s), Some(e)) = (start, end) {
            if s.end() > e.end() {
                self.push(
                    Code::PlanSpan,
                    "plan.end",
                    format!("规划结束期间 {e} 早于开始期间 {s}"),
                    format!("the plan ends ({e}) before it starts ({s})"),
                );
                return None;
            }
        }
        let as_of = map.get("asOf").and_then(|v| {
            let p = at.key("asOf");
            let s = self.str_of(v, &p)?;
            match Day::parse(s) {
                Ok(d) => Some(d),
                Err(e) => {
                    self.push_at(
                        Code::BadDate,
                        &p,
                        format!("无法识别的日期“{s}”：{}", e.zh()),
                        format!("unrecognised date \"{s}\": {}", e.en()),
                    );
                    None
                }
            }
        });
        let source = map.get("source").and_then(|v| {
            let p = at.key("source");
            let m = self.object(v, &p, SOURCE_FIELDS)?;
            let title = self.req_text(m, &p, "title")?;
            let url = self.opt_text(m, &p, "url").ok().flatten();
            if let Some(u) = &url {
                if !is_http_url(u) {
                    self.push(
                        Code::UnsafeUrl,
                        "plan.source.url",
                        "来源地址不是 http: 或 https: 链接，将只显示为文字".into(),
                        "the source address is not an http: or https: link; it is shown as text only".into(),
                    );
                }
            }
            Some(Source { title, url })
        });
        let sample_data = match map.get("sampleData") {
            None => false,
            Some(Node {
                value: Value::Bool(b),
                ..
            }) => *b,
            Some(other) => {
                self.wrong_type(&at.key("sampleData"), Want::Bool, other);
                false
            }
        };
        let locale = map
            .get("locale")
            .and_then(|v| self.enumerated(v, &at.key("locale"), Locale::parse, &["zh-CN", "en"]))
            .unwrap_or_default();
        let note = self.opt_text(map, &at, "note").ok().flatten();
        Some(PlanHeader {
            id: id?,
            title: title?,
            issuer: issuer?,
            start: start?,
            end: end?,
            as_of,
            source,
            sample_data,
            locale,
            note,
        })
    }

    pub(super) fn sections(&mut self, top: &Object) -> Vec<Section> {
        let Some(items) = self.array(top, &ROOT, "sections", true) else {
            return Vec::new();
        };
        let cap = self.limits.sections;
        if items.len() > cap {
            self.push(
                Code::LimitSections,
                "sections",
                format!(
                    "共有 {} 个章节，超过上限 {cap}；只读取前 {cap} 个",
                    items.len()
                ),
                format!(
                    "{} sections, more than the limit of {cap}; only the first {cap} are read",
                    items.len()
                ),
            );
        }
        let list = ROOT.key("sections");
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for (i, item) in items.iter().take(cap).enumerate() {
            let at = list.index(i);
            let Some(map) = self.object(item, &at, SECTION_FIELDS) else {
                continue;
            };
            let id = self.id(map, &at);
            let title = self.req_text(map, &at, "title");
            let leaders = self.names(map, &at, "leaders").unwrap_or_default();
            let units = self.names(map, &at, "units").unwrap_or_default();
            let (Some(id), Some(title)) = (id, title) else {
                continue;
            };
            if !seen.insert(id.clone()) {
                self.push_at(
                    Code::DuplicateId,
                    &at.key("id"),
                    format!("章节标识“{id}”重复"),
                    format!("the section id \"{id}\" is used twice"),
                );
                continue;
            }
            out.push(Section {
                id,
                title,
                leaders,
                units,
            });
        }
        out
    }

    pub(super) fn indicators(
        &mut self,
        top: &Object,
        sections: &[Section],
        header: Option<&PlanHeader>,
    ) -> (Vec<Indicator>, Vec<Rejected>) {
        let Some(items) = self.array(top, &ROOT, "indicators", true) else {
            return (Vec::new(), Vec::new());
        };
        let cap = self.limits.indicators;
        if items.len() > cap {
            self.push(
                Code::LimitIndicators,
                "indicators",
                format!(
                    "共有 {} 个指标，超过上限 {cap}；只读取前 {cap} 个",
                    items.len()
                ),
                format!(
                    "{} indicators, more than the limit of {cap}; only the first {cap} are read",
                    items.len()
                ),
            );
        }
        let total: usize = items
            .iter()
            .filter_map(|i| i.get("actuals"))
            .map(actual_count)
            .sum();
        if total > self.limits.total_actuals {
            self.push(
                Code::LimitTotalActuals,
                "indicators",
                format!(
                    "全文件共有 {total} 个实际值，超过上限 {}",
                    self.limits.total_actuals
                ),
                format!(
                    "{total} actual values in the file, more than the limit of {}",
                    self.limits.total_actuals
                ),
            );
            return (Vec::new(), Vec::new());
        }
        let section_ids: HashSet<&str> = sections.iter().map(|s| s.id.as_str()).collect();
        let list = ROOT.key("indicators");
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        let mut rejected = Vec::new();
        for (i, item) in items.iter().take(cap).enumerate() {
            let at = list.index(i);
            let before = self.error_count();
            let parsed = self.indicator(item, &at, &section_ids, header);
            // Checked on the raw id, so a duplicate is reported even when either copy has other errors.
            if let Some(id) = item.get("id").and_then(Node::as_str) {
                if !seen.insert(id) {
                    self.push_at(
                        Code::DuplicateId,
                        &at.key("id"),
                        format!("指标标识“{id}”重复"),
                        format!("the indicator id \"{id}\" is used twice"),
                    );
                }
            }
            match parsed {
                Some(ind) if self.error_count() == before && !self.repeated_in.contains(&i) => {
                    out.push(ind)
                }
                _ => rejected.push(Rejected {
                    index: i,
                    id: item.get("id").and_then(Node::as_str).map(|s| clip(s, 64)),
                    name: item
                        .get("name")
                        .and_then(Node::as_str)
                        .map(|s| clip(s, 200)),
                }),
            }
        }
        (out, rejected)
    }

    pub(super) fn indicator(
        &mut self,
        v: &Node,
        at: &Path,
        section_ids: &HashSet<&str>,
        header: Option<&PlanHeader>,
    ) -> Option<Indicator> {
        let map = self.object(v, at, INDICATOR_FIELDS)?;
        let id = self.id(map, at);
        let section = self.req_text(map, at, "section");
        if let Some(s) = &section {
            if !section_ids.contains(s.as_str()) {
                let known: Vec<&str> = {
                    let mut k: Vec<&str> = section_ids.iter().copied().collect();
                    k.sort_unstable();
                    k.truncate(20);
                    k
                };
                self.push_at(
                    Code::UnknownSection,
                    &at.key("section"),
                    format!("章节“{s}”不存在；已有章节：{}", known.join("、")),
                    format!(
                        "there is no section \"{s}\"; sections are: {}",
                        known.join(", ")
                    ),
                );
            }
        }
        let name = self.req_text(map, at, "name");
        let unit = self.opt_text(map, at, "unit");
        let quote = self.req_text(map, at, "quote");
        let note = self.opt_text(map, at, "note");
        let leaders = self.names(map, at, "leaders");
        let units = self.names(map, at, "units");
        let kind_at = at.key("kind");
        let kind = match map.get("kind") {
            None => {
                self.missing(at, "kind");
                None
            }
            Some(v) => {
                let s = self.str_of(v, &kind_at)?;
                let k = Kind::parse(s);
                if k.is_none() {
                    let names: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
                    self.push_at(
                        Code::UnknownKind,
                        &kind_at,
                        format!("无法识别的指标类型“{s}”，可用：{}", names.join("、")),
                        format!("unknown kind \"{s}\"; the kinds are: {}", names.join(", ")),
                    );
                }
                k
            }
        };
        let direction_given = map.get("direction").map(|v| {
            self.enumerated(
                v,
                &at.key("direction"),
                |s| match s {
                    "increase" => Some(Direction::Increase),
                    "decrease" => Some(Direction::Decrease),
                    _ => None,
                },
                &["increase", "decrease"],
            )
        });
        let direction = match (direction_given.flatten(), kind) {
            (Some(d), _) => d,
            (None, Some(Kind::Zero)) => Direction::Decrease,
            (None, _) => Direction::Increase,
        };
        let baseline = map
            .get("baseline")
            .map(|v| self.baseline(v, &at.key("baseline")));
        let targets = self.targets(map, at, direction);
        let actuals = self.actuals(map, at);
        let kind = kind?;
        let unit = unit.ok()?.unwrap_or_default();
        let baseline = baseline.transpose().ok()?.flatten();
        let targets = targets.ok()?;
        let (actuals, form) = actuals.ok()?;
        let ind = Indicator {
            id: id?,
            section: section?,
            name: name?,
            unit,
            kind,
            direction,
            baseline,
            targets,
            actuals,
            quote: quote?,
            leaders: leaders.ok()?,
            units: units.ok()?,
            note: note.ok()?,
        };
        let explicit_direction = direction_given.flatten();
        self.kind_rules(&ind, at, explicit_direction, &form, header);
        Some(ind)
    }
}
