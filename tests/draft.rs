//! Draft extraction from plan text: every source plan drafts a valid document with verbatim
//! quotes, each target pattern is recognised on small inputs, no input makes it panic, and the
//! recall/precision table in `docs/draft-quality.md` is the one the code computes.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::path::Path;

use common::{plans_dir, samples, source_text};

use plan_widget::draft::{
    compare, draft, quality_table, Draft, DraftItem, DraftOptions, Quality, QuoteMatch,
    UNKNOWN_YEAR,
};
use plan_widget::model::{Bound, Direction, Goal, Kind, Target};
use plan_widget::Period;
use serde_json::{json, Value};

// --- helpers --------------------------------------------------------------------------------

fn opts() -> DraftOptions {
    DraftOptions::default()
}

/// Asserts the document loads with no diagnostic at all, and that the metadata agrees with it.
fn assert_valid(d: &Draft, what: &str) {
    let text = serde_json::to_string(&d.document).unwrap();
    let loaded = plan_widget::load(&text);
    // Hidden characters of the source stay in the draft (its quotes are verbatim) and draw
    // their warning; nothing else may be reported.
    assert!(
        loaded
            .diagnostics
            .iter()
            .all(|d| d.code == plan_widget::Code::HiddenText),
        "{what}: {:#?}\n{}",
        loaded.diagnostics,
        d.to_json()
    );
    let plan = loaded.plan.expect("usable plan");
    assert_eq!(plan.indicators.len(), d.items.len(), "{what}");
    for (ind, item) in plan.indicators.iter().zip(&d.items) {
        assert_eq!(ind.id, item.id, "{what}");
        assert_eq!(ind.kind, item.kind, "{what}");
        assert_eq!(ind.quote, plan_widget::hidden::strip(&item.quote), "{what}");
        // A name is words of the plan: contiguous text of its quote.
        assert!(
            item.quote.contains(&item.name) || item.quote.trim().is_empty(),
            "{what}: name {:?} is not text of its quote {:?}",
            item.name,
            item.quote
        );
        assert!(item.needs_review, "{what}");
        assert!((0.0..=1.0).contains(&item.confidence), "{what}");
        let note = ind.note.as_deref().unwrap_or("");
        assert!(
            note.starts_with(&format!("自动提取，需人工确认（置信度{}", item.confidence)),
            "{what}: {note}"
        );
        if item.stand_in() {
            assert_eq!(ind.kind, Kind::Milestone, "{what}");
            assert!(
                item.intended_kind.needs_baseline() || item.intended_kind == Kind::Level,
                "{what}"
            );
            assert!(note.contains("原文未给基期值"), "{what}: {note}");
        }
    }
}

/// Asserts every quote is a verbatim substring of the text, at its recorded offset.
fn assert_verbatim(d: &Draft, text: &str, what: &str) {
    for item in &d.items {
        assert!(!item.quote.trim().is_empty(), "{what}: {}", item.id);
        assert!(
            text.get(item.quote_start..)
                .is_some_and(|rest| rest.starts_with(&item.quote)),
            "{what}: {} quote {:?} is not at byte {}",
            item.id,
            item.quote,
            item.quote_start
        );
        assert!(text.contains(&item.quote), "{what}: {}", item.id);
    }
}

/// A one-year plan for 2024 with one section holding one numbered item whose text is `body`.
fn plan_2024(body: &str) -> String {
    format!("某区教育局2024年工作要点\n一、测试章节\n1.测试事项。{body}\n")
}

/// A three-year plan (2024–2026) with one section holding one numbered item.
fn plan_3y(body: &str) -> String {
    format!("某区教育高质量发展三年行动方案（2024—2026年）\n一、测试章节\n1.测试事项。{body}\n")
}

/// The drafted indicators other than tasks, after checking validity and quotes.
fn targets_of(text: &str) -> Vec<DraftItem> {
    let d = draft(text, &opts());
    assert_valid(&d, text);
    assert_verbatim(&d, text, text);
    d.items
        .into_iter()
        .filter(|i| i.kind != Kind::Task)
        .collect()
}

fn only(text: &str) -> DraftItem {
    let mut v = targets_of(text);
    assert_eq!(v.len(), 1, "{text}: {v:#?}");
    v.remove(0)
}

fn p(s: &str) -> Period {
    Period::parse(s).unwrap()
}

fn value(period: &str, v: f64, bound: Bound) -> Target {
    Target {
        period: p(period),
        goal: Goal::Value { value: v, bound },
    }
}

fn band(period: &str, min: Option<f64>, max: Option<f64>) -> Target {
    Target {
        period: p(period),
        goal: Goal::Band { min, max },
    }
}

fn deadline(period: &str) -> Target {
    Target {
        period: p(period),
        goal: Goal::Deadline,
    }
}

/// `f` of each drafted item, to compare a list at once.
fn each<'a, T>(items: &'a [DraftItem], f: impl Fn(&'a DraftItem) -> T) -> Vec<T> {
    items.iter().map(f).collect()
}

/// The titles of the drafted sections.
fn section_titles(d: &Draft) -> Vec<&str> {
    d.document["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect()
}

fn doc_indicator<'a>(d: &'a Draft, id: &str) -> &'a Value {
    d.document["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap()
}

// --- the five plans -------------------------------------------------------------------------

#[test]
fn every_plan_drafts_a_document_that_loads_without_error() {
    for (name, _) in samples() {
        let text = source_text(&name);
        let d = draft(&text, &opts());
        assert_valid(&d, &name);
        assert!(!d.items.is_empty(), "{name}");
        assert_eq!(d.document["plan"]["sampleData"], json!(false), "{name}");
    }
}

#[test]
fn every_quote_is_a_verbatim_substring_of_its_plan() {
    for (name, _) in samples() {
        let text = source_text(&name);
        let d = draft(&text, &opts());
        assert_verbatim(&d, &text, &name);
    }
}

#[test]
fn plan_headers_are_recognised() {
    let cases = [
        (
            "000",
            "鸠江区教育局2025年工作计划",
            "鸠江区教育局",
            "2025",
            "2025",
        ),
        // The title is not part of plan 001's published text; the span comes from 今后三年.
        (
            "001",
            "（未识别到标题，请填写）",
            "（未识别到发布单位，请填写）",
            "2024",
            "2026",
        ),
        (
            "002",
            "教育局年度工作思路",
            "教育局",
            &UNKNOWN_YEAR.to_string(),
            &UNKNOWN_YEAR.to_string(),
        ),
        (
            "003",
            "金凤区教育党工委 金凤区教育局 2024年工作要点",
            "金凤区教育党工委 金凤区教育局",
            "2024",
            "2024",
        ),
        (
            "004",
            "2022年鲤城教育工作要点",
            "泉州市鲤城区教育局",
            "2022",
            "2022",
        ),
    ];
    for (name, _) in samples() {
        let (_, title, issuer, start, end) = cases.iter().find(|c| name.starts_with(c.0)).unwrap();
        let d = draft(&source_text(&name), &opts());
        let plan = &d.document["plan"];
        assert_eq!(plan["title"], json!(title), "{name}");
        assert_eq!(plan["issuer"], json!(issuer), "{name}");
        assert_eq!(plan["start"], json!(start), "{name}");
        assert_eq!(plan["end"], json!(end), "{name}");
    }
}

#[test]
fn plan_003_sections_items_and_responsibilities() {
    let name = samples()
        .into_iter()
        .find(|(n, _)| n.starts_with("003"))
        .unwrap()
        .0;
    let d = draft(&source_text(&name), &opts());
    let sections = section_titles(&d);
    assert_eq!(sections.len(), 6);
    assert_eq!(sections[0], "实施党建引领强基工程,厚植高品质发展底色");
    let task = doc_indicator(&d, "s1-4");
    assert_eq!(task["kind"], "task");
    assert_eq!(task["quote"], "4.纵深推进全面从严治党。");
    assert_eq!(task["leaders"], json!(["张学兵", "高学芳", "郭 顺"]));
    assert_eq!(task["units"], json!(["教育党工委", "各支部"]));
    // Units continue on the next line.
    let kg = doc_indicator(&d, "s4-11-2");
    assert_eq!(
        kg["units"],
        json!([
            "督导室学前室",
            "人事室",
            "基建室",
            "条装室",
            "财务室",
            "教研室",
            "办公室",
            "校外培训机构管理室",
            "幼儿园"
        ])
    );
    assert_eq!(kg["leaders"], json!(["崔 茜"]));
    assert!(d.warnings.iter().any(|w| w.contains("郭 顺")));
}

// --- one test per pattern -------------------------------------------------------------------

#[test]
fn level_da_x_percent() {
    let text = plan_2024("2024年学前教育公办园覆盖率达70%。");
    let it = only(&text);
    assert_eq!(it.intended_kind, Kind::Level);
    // No baseline in the text: a level without one (format v1 allows it), value kept.
    assert_eq!(
        it.kind,
        Kind::Level,
        "a level without baseline keeps its kind"
    );
    assert_eq!(it.baseline, None);
    assert_eq!(it.name, "学前教育公办园覆盖率");
    assert_eq!(it.unit, "%");
    assert_eq!(it.direction, Direction::Increase);
    assert_eq!(it.targets, vec![value("2024", 70.0, Bound::AtLeast)]);
    assert_eq!(it.quote, "2024年学前教育公办园覆盖率达70%");
    let d = draft(&text, &opts());
    let ind = doc_indicator(&d, &it.id);
    assert_eq!(ind["kind"], "level");
    assert!(ind.get("baseline").is_none());
    assert_eq!(ind["targets"], json!([{ "period": "2024", "value": 70 }]));
    assert!(
        it.reasons.iter().any(|r| r.contains("原文未给基期值")),
        "{:?}",
        it.reasons
    );
}

#[test]
fn level_dadao_x_percent_yishang_by_year() {
    let it = only(&plan_3y("到2025年，区公办园在园幼儿占比达到70%以上。"));
    assert_eq!(it.intended_kind, Kind::Level);
    assert_eq!(it.name, "区公办园在园幼儿占比");
    assert_eq!(it.targets, vec![value("2025", 70.0, Bound::AtLeast)]);
    assert_eq!(it.quote, "区公办园在园幼儿占比达到70%以上");
}

#[test]
fn level_with_stated_baseline_is_a_real_level() {
    let text = plan_3y("到2025年，公办园覆盖率从60%提高到70%。");
    let it = only(&text);
    assert_eq!(it.kind, Kind::Level, "the text states the baseline");
    assert_eq!(it.name, "公办园覆盖率");
    let b = it.baseline.expect("baseline");
    assert_eq!((b.period, b.value), (p("2023"), 60.0));
    assert_eq!(it.targets, vec![value("2025", 70.0, Bound::AtLeast)]);
    let d = draft(&text, &opts());
    let ind = doc_indicator(&d, &it.id);
    assert_eq!(ind["baseline"], json!({ "period": "2023", "value": 60 }));
    assert_eq!(ind["targets"], json!([{ "period": "2025", "value": 70 }]));
}

#[test]
fn level_ceiling_yixia_and_buchaoguo_are_at_most_and_decrease() {
    let it = only(&plan_2024("2024年学生近视率控制在50%以下。"));
    assert_eq!(it.intended_kind, Kind::Level);
    assert_eq!(it.direction, Direction::Decrease);
    assert_eq!(it.targets, vec![value("2024", 50.0, Bound::AtMost)]);
    let it = only(&plan_2024("年底辍学率不超过0.5%。"));
    assert_eq!(it.direction, Direction::Decrease);
    assert_eq!(it.name, "辍学率");
    assert_eq!(it.targets, vec![value("2024", 0.5, Bound::AtMost)]);
}

#[test]
fn level_two_targets_in_one_sentence_are_one_indicator() {
    let it = only(&plan_3y(
        "2024年全区中小学智慧校园覆盖率达95%，2025年达100%。",
    ));
    assert_eq!(it.intended_kind, Kind::Level);
    assert_eq!(it.name, "中小学智慧校园覆盖率");
    assert_eq!(
        it.targets,
        vec![
            value("2024", 95.0, Bound::AtLeast),
            value("2025", 100.0, Bound::AtLeast)
        ]
    );
    assert_eq!(
        it.quote,
        "2024年全区中小学智慧校园覆盖率达95%，2025年达100%"
    );
}

#[test]
fn level_lists_with_fenbie_become_one_indicator_each() {
    let v = targets_of(&plan_3y(
        "普通类高考优秀率、合格率2024年分别达55%和92%，2025年分别达60%和95%。",
    ));
    assert_eq!(v.len(), 2);
    assert_eq!(v[0].name, "普通类高考优秀率");
    // Names are text of the quote: the shared prefix is not spliced onto 合格率.
    assert_eq!(v[1].name, "普通类高考优秀率、合格率");
    assert_eq!(
        v[0].targets,
        vec![
            value("2024", 55.0, Bound::AtLeast),
            value("2025", 60.0, Bound::AtLeast)
        ]
    );
    assert_eq!(
        v[1].targets,
        vec![
            value("2024", 92.0, Bound::AtLeast),
            value("2025", 95.0, Bound::AtLeast)
        ]
    );
    assert_eq!(
        v[0].quote,
        "普通类高考优秀率、合格率2024年分别达55%和92%，2025年分别达60%和95%"
    );
}

#[test]
fn change_tigao_x_ge_baifendian() {
    let v = targets_of(&plan_3y(
        "2024年在省学业水平监测中，小学各科优秀率、合格率分别提高10个、5个百分点，初中分别提高10个、2个百分点。",
    ));
    let got: Vec<(&str, Kind, Vec<Target>)> = each(&v, |i| {
        (i.name.as_str(), i.intended_kind, i.targets.clone())
    });
    let change_2024 = |name, v| (name, Kind::Change, vec![value("2024", v, Bound::AtLeast)]);
    assert_eq!(
        got,
        vec![
            change_2024("小学各科优秀率", 10.0),
            // Text of the quote, not 小学各科 spliced onto 合格率.
            change_2024("小学各科优秀率、合格率", 5.0),
            // The clause names only 初中 (优秀率、合格率 are in the clause before).
            change_2024("初中", 10.0),
            change_2024("初中", 2.0),
        ]
    );
    assert!(v
        .iter()
        .all(|i| i.direction == Direction::Increase && i.unit == "%"));
}

#[test]
fn annual_change_nianjun_jiangdi_is_decrease() {
    let it = only(&plan_3y("到2025年，总体近视率年均降低0.5个百分点以上。"));
    assert_eq!(it.intended_kind, Kind::AnnualChange);
    assert_eq!(it.direction, Direction::Decrease);
    assert_eq!(it.name, "总体近视率");
    // "以上" asks for at least that fall, i.e. the level at most the reached one.
    assert_eq!(it.targets, vec![value("2025", 0.5, Bound::AtMost)]);
}

#[test]
fn growth_rate_meinian_zengzhang_every_plan_year() {
    let it = only(&plan_3y("全国著名高校录取人数力争每年增长30%。"));
    assert_eq!(it.intended_kind, Kind::GrowthRate);
    assert_eq!(it.name, "全国著名高校录取人数");
    assert_eq!(
        it.targets,
        vec![
            value("2024", 30.0, Bound::AtLeast),
            value("2025", 30.0, Bound::AtLeast),
            value("2026", 30.0, Bound::AtLeast)
        ]
    );
}

#[test]
fn cumulative_peiyang_x_ming_by_plan_end() {
    let v = targets_of(&plan_3y(
        "用三年左右时间，培养3名教育家型教师、9名卓越教师。",
    ));
    assert_eq!(v.len(), 2);
    assert_eq!(v[0].intended_kind, Kind::Cumulative);
    assert_eq!(v[0].kind, Kind::Cumulative);
    assert_eq!(v[0].name, "培养3名教育家型教师");
    assert_eq!(v[1].name, "卓越教师");
    assert_eq!(v[0].unit, "名");
    // 三年左右 dates the target (plan end); 左右 is not about the count.
    assert_eq!(v[0].targets, vec![value("2026", 3.0, Bound::AtLeast)]);
    assert_eq!(v[1].targets, vec![value("2026", 9.0, Bound::AtLeast)]);
}

#[test]
fn cumulative_xinzeng_x_ge_and_jiancheng_x_suo() {
    let v = targets_of(&plan_2024(
        "新建二十五小，建成后新增2520个学位。建成自治区级四星级智慧校园2所。",
    ));
    let got: Vec<(&str, &str, Kind, Vec<Target>)> = each(&v, |i| {
        (i.name.as_str(), i.unit.as_str(), i.kind, i.targets.clone())
    });
    assert_eq!(
        got,
        vec![
            (
                "新增2520个学位",
                "个",
                Kind::Cumulative,
                vec![value("2024", 2520.0, Bound::AtLeast)]
            ),
            (
                "建成自治区级四星级智慧校园",
                "所",
                Kind::Cumulative,
                vec![value("2024", 2.0, Bound::AtLeast)]
            ),
        ]
    );
}

#[test]
fn cumulative_list_continues_into_the_next_clause() {
    let v = targets_of(&plan_2024(
        "年内创建6所安全规范化建设学校，10所安全规范化建设幼儿园。",
    ));
    assert_eq!(v.len(), 2);
    assert_eq!(v[1].name, "安全规范化建设幼儿园");
    assert_eq!(v[1].targets, vec![value("2024", 10.0, Bound::AtLeast)]);
    assert_eq!(v[1].quote, "10所安全规范化建设幼儿园");
}

#[test]
fn cumulative_ge_gives_one_indicator_per_list_element() {
    let v = targets_of(&plan_3y("力争到2025年建成省、市级项目各1个。"));
    let names: Vec<&str> = each(&v, |i| i.name.as_str());
    assert_eq!(names, ["建成省、市级项目", "建成省、市级项目"]);
    for i in &v {
        assert_eq!(i.targets, vec![value("2025", 1.0, Bound::AtLeast)]);
    }
}

#[test]
fn money_yiyuan_and_wanyuan_with_approx() {
    let v = targets_of(&plan_2024(
        "2024年概算投资约1.6亿元。概算投资约3700万元，用于设备采购。",
    ));
    let got: Vec<(&str, Kind, Vec<Target>)> =
        each(&v, |i| (i.unit.as_str(), i.kind, i.targets.clone()));
    assert_eq!(
        got,
        vec![
            (
                "亿元",
                Kind::Cumulative,
                vec![value("2024", 1.6, Bound::Approx)]
            ),
            (
                "万元",
                Kind::Cumulative,
                vec![value("2024", 3700.0, Bound::Approx)]
            ),
        ]
    );
}

#[test]
fn recurring_band_meinian_x_to_y_suo() {
    let it = only(&plan_3y("全区每年新增提供托育服务的幼儿园1—2所。"));
    assert_eq!(it.kind, Kind::Recurring);
    assert_eq!(it.name, "新增提供托育服务的幼儿园");
    assert_eq!(it.unit, "所");
    assert_eq!(
        it.targets,
        vec![
            band("2024", Some(1.0), Some(2.0)),
            band("2025", Some(1.0), Some(2.0)),
            band("2026", Some(1.0), Some(2.0))
        ]
    );
    // An ASCII hyphen works too.
    let it = only(&plan_3y("每年评选校本教研示范校1-2所。"));
    assert_eq!(it.targets[0], band("2024", Some(1.0), Some(2.0)));
}

#[test]
fn recurring_value_meinian_x_ge_with_list_and_approx() {
    let v = targets_of(&plan_3y(
        "每年新建优质课程基地1个、培植样本教程5种。每年新培育省、市级“四有”好教师团队1个左右。",
    ));
    let got: Vec<(&str, &str, Target)> =
        each(&v, |i| (i.name.as_str(), i.unit.as_str(), i.targets[2]));
    assert_eq!(
        got,
        vec![
            ("新建优质课程基地", "个", value("2026", 1.0, Bound::AtLeast)),
            ("培植样本教程", "种", value("2026", 5.0, Bound::AtLeast)),
            (
                "培育省、市级“四有”好教师团队",
                "个",
                value("2026", 1.0, Bound::Approx)
            ),
        ]
    );
    assert!(v
        .iter()
        .all(|i| i.kind == Kind::Recurring && i.targets.len() == 3));
}

#[test]
fn recurring_per_school_year_with_bushaoyu() {
    let text = "2022年鲤城教育工作要点\n一、测试章节\n1.测试事项。落实中小学每学年开设不少于12课时安全教育课程。\n";
    let it = only(text);
    assert_eq!(it.kind, Kind::Recurring);
    assert_eq!(it.unit, "课时");
    // School years ending within the plan's span.
    assert_eq!(it.targets, vec![value("2021/2022", 12.0, Bound::AtLeast)]);
}

#[test]
fn recurring_yi_yue_yi_is_monthly() {
    let v = targets_of(&plan_2024("做到一月一培训，一季一观摩，一年一汇报。"));
    let got: Vec<(&str, usize)> = each(&v, |i| (i.name.as_str(), i.targets.len()));
    assert_eq!(got, vec![("培训", 12), ("观摩", 4), ("汇报", 1)]);
    assert_eq!(v[0].targets[0], band("2024-01", Some(1.0), None));
    assert_eq!(v[1].targets[3], band("2024-Q4", Some(1.0), None));
}

#[test]
fn zero_wu_shigu_covers_the_plan_years() {
    let text = plan_3y("全区无较大及以上校园安全责任事故，涉生意外伤害事故逐年减少。");
    let it = only(&text);
    assert_eq!(it.kind, Kind::Zero);
    assert_eq!(it.direction, Direction::Decrease);
    assert_eq!(it.name, "较大及以上校园安全责任事故");
    assert_eq!(
        it.targets,
        vec![
            value("2024", 0.0, Bound::AtMost),
            value("2025", 0.0, Bound::AtMost),
            value("2026", 0.0, Bound::AtMost)
        ]
    );
    let d = draft(&text, &opts());
    assert_eq!(doc_indicator(&d, &it.id)["direction"], "decrease");
}

#[test]
fn milestone_chuangcheng_with_year() {
    let it = only(&plan_3y("北师大盐城附校2024年创成省三星级高中。"));
    assert_eq!(it.kind, Kind::Milestone);
    assert_eq!(it.intended_kind, Kind::Milestone);
    // The item's one finding is this milestone: the item's heading (测试事项) names it and
    // its quote runs from the numbering to the dated clause.
    assert_eq!(it.name, "测试事项");
    assert_eq!(it.quote, "1.测试事项。北师大盐城附校2024年创成省三星级高中");
    // Without a heading the clause names it, with its year (never cut out of the middle).
    let it = only("某区教育高质量发展三年行动方案（2024—2026年）\n一、测试章节\n1.北师大盐城附校2024年创成省三星级高中。\n");
    assert_eq!(it.name, "北师大盐城附校2024年创成省三星级高中");
    assert_eq!(it.targets, vec![deadline("2024")]);
}

#[test]
fn milestone_quanfugai_with_year_and_none_without() {
    let it = only(&plan_3y("2025年实现“护学岗”全覆盖。"));
    assert_eq!(it.kind, Kind::Milestone);
    assert_eq!(it.targets, vec![deadline("2025")]);
    // Without a stated period 全覆盖 is no milestone; the item becomes a task.
    let d = draft(&plan_3y("城乡公办学校集团化办学实现全覆盖。"), &opts());
    assert_eq!(d.items.len(), 1);
    assert_eq!(d.items[0].kind, Kind::Task);
}

#[test]
fn milestone_wancheng_in_a_school_year() {
    let it = only(&plan_3y("2023—2024学年全面完成义务教育“公参民”学校治理。"));
    assert_eq!(it.kind, Kind::Milestone);
    assert_eq!(it.targets, vec![deadline("2023/2024")]);
    let d = draft(
        &plan_3y("2023—2024学年全面完成义务教育“公参民”学校治理。"),
        &opts(),
    );
    assert_eq!(
        doc_indicator(&d, &it.id)["targets"],
        json!([{ "period": "2023/2024" }])
    );
}

#[test]
fn milestone_chutai_document_defaults_to_plan_end() {
    let it = only(&plan_2024(
        "推动出台《鲤城区新时代中小学劳动教育实施方案》。",
    ));
    assert_eq!(it.kind, Kind::Milestone);
    assert_eq!(it.name, "测试事项", "the item's heading");
    assert!(it
        .quote
        .ends_with("出台《鲤城区新时代中小学劳动教育实施方案》"));
    assert_eq!(it.targets, vec![deadline("2024")]);
}

#[test]
fn periods_niandi_nian_nei_jinhou_sannian_and_month() {
    // 年底 / 年内: the plan's first year.
    let it = only(&plan_3y("力争到年底党支部规范化率(一星级及以上)达92%。"));
    assert_eq!(it.name, "党支部规范化率(一星级及以上)");
    assert_eq!(it.targets, vec![value("2024", 92.0, Bound::AtLeast)]);
    // 今后三年 / 三年内: the plan's end.
    let it = only(&plan_3y("三年内创成省级品牌项目1个。"));
    assert_eq!(it.targets, vec![value("2026", 1.0, Bound::AtLeast)]);
    // No year at all: the plan's end, with a reason.
    let it = only(&plan_3y("公安联网率100%。"));
    assert_eq!(it.targets, vec![value("2026", 100.0, Bound::AtLeast)]);
    assert!(it.reasons.iter().any(|r| r.contains("规划期末")));
    // 暑期 and 9月份.
    let it = only(&plan_3y("力争2024年暑期按标配足配好专职教研员。"));
    assert_eq!(it.targets, vec![deadline("2024-08")]);
    let it = only(&plan_2024("保障9月份如期开园。"));
    assert_eq!(it.targets, vec![deadline("2024-09")]);
}

#[test]
fn bounds_from_wording() {
    let cases = [
        ("2024年优良率达到50%以上。", Bound::AtLeast),
        ("开展心理健康教育进校园活动不少于40场。", Bound::AtLeast),
        ("力争全区申报省级重点课题1个。", Bound::AtLeast),
        ("促进700余名年轻教师成长。", Bound::AtLeast),
        ("2024年概算投资约1.6亿元。", Bound::Approx),
        ("每年新培育好教师团队1个左右。", Bound::Approx),
        ("2024年学生近视率控制在50%以下。", Bound::AtMost),
    ];
    for (body, bound) in cases {
        let it = only(&plan_2024(body));
        match it.targets[0].goal {
            Goal::Value { bound: b, .. } => assert_eq!(b, bound, "{body}"),
            g => panic!("{body}: {g:?}"),
        }
    }
}

#[test]
fn responsibility_lines_attach_to_the_preceding_item() {
    let text = "金凤区教育局 2024年工作要点\n\
                一、实施党建引领强基工程\n\
                1.纵深推进全面从严治党。严格落实主体责任。\n\
                责任领导:张学兵 高学芳 郭 顺\n\
                责任单位:督导室学前室 人事室\n\
                财务室 各中小学、幼儿园\n\
                2.加强组织建设。力争到年底党支部规范化率达92%。\n\
                责任领导：崔 茜 马学明\n\
                责任单位：教育党工委\n";
    let d = draft(text, &opts());
    assert_valid(&d, "resp");
    let task = doc_indicator(&d, "s1-1");
    assert_eq!(task["kind"], "task");
    assert_eq!(task["quote"], "1.纵深推进全面从严治党。");
    assert_eq!(task["name"], "纵深推进全面从严治党");
    assert_eq!(task["leaders"], json!(["张学兵", "高学芳", "郭 顺"]));
    assert_eq!(
        task["units"],
        json!(["督导室学前室", "人事室", "财务室", "各中小学、幼儿园"])
    );
    let level = doc_indicator(&d, "s1-2-1");
    assert_eq!(level["leaders"], json!(["崔 茜", "马学明"]));
    assert_eq!(level["units"], json!(["教育党工委"]));
    assert_eq!(d.document["plan"]["issuer"], "金凤区教育局");
}

#[test]
fn notice_boilerplate_is_skipped_for_title_and_issuer() {
    let text = "泉州市鲤城区教育局关于印发《2022年鲤城教育工作要点》的通知\n\
                时间:2022-04-15 17:49 浏览量:1\n\n\
                各中小学、幼儿园,局属有关单位:\n\
                现将《2022年鲤城教育工作要点》印发给你们。请结合实际贯彻落实。\n\
                附件:《2022年鲤城教育工作要点》\n\
                \u{20}                            泉州市鲤城区教育局\n\
                2022年3月29日\n\
                (此件主动公开)\n\
                附件\n\
                2022年鲤城教育工作要点\n\
                总体要求:以习近平新时代中国特色社会主义思想为指导。\n\
                一、突出党建引领\n\
                1.加强意识形态管理。全面加强党对教育工作的领导。\n";
    let d = draft(text, &opts());
    assert_valid(&d, "notice");
    let plan = &d.document["plan"];
    assert_eq!(plan["title"], "2022年鲤城教育工作要点");
    assert_eq!(plan["issuer"], "泉州市鲤城区教育局");
    assert_eq!(
        (plan["start"].as_str(), plan["end"].as_str()),
        (Some("2022"), Some("2022"))
    );
    assert_eq!(
        d.document["sections"],
        json!([{ "id": "s1", "title": "突出党建引领" }])
    );
    assert_eq!(d.items.len(), 1);
    assert_eq!(d.items[0].quote, "1.加强意识形态管理。");
}

#[test]
fn numbering_styles_and_ordinal_items() {
    let text = "某区教育局2025年工作计划\n\
                (一)夯实党建基础,加强党的全面领导。一是加强教育系统党的建设。持续深入学习。二是纵深推进全面从严治党。出台兼职教研员考核办法。\n\
                （二）落实立德树人\n\
                1.深化五育融合发展。推进改革。\n";
    let d = draft(text, &opts());
    assert_valid(&d, "numbering");
    let titles = section_titles(&d);
    assert_eq!(titles, ["夯实党建基础,加强党的全面领导", "落实立德树人"]);
    let got: Vec<(&str, Kind, &str)> =
        each(&d.items, |i| (i.id.as_str(), i.kind, i.quote.as_str()));
    assert_eq!(
        got,
        vec![
            ("s1-1", Kind::Task, "一是加强教育系统党的建设。"),
            // Its heading names the item's one milestone, and the quote starts there.
            (
                "s1-2-1",
                Kind::Milestone,
                "二是纵深推进全面从严治党。出台兼职教研员考核办法"
            ),
            ("s2-1", Kind::Task, "1.深化五育融合发展。"),
        ]
    );
    assert_eq!(d.items[1].targets, vec![deadline("2025")]);
}

#[test]
fn three_levels_skip_framing_chapters() {
    let text = "某区教育三年行动方案（2024—2026年）\n\
                一、总体要求\n\
                以习近平新时代中国特色社会主义思想为指导,每年召开2次推进会。\n\
                二、主要目标\n\
                ——各类教育协调发展。2024年学前教育公办园覆盖率达70%。\n\
                三、重点任务\n\
                (一)实施党管教育“领航”行动\n\
                1.强化教育优先战略。区党工委每年9月份召开全区教育大会。\n\
                2.强化学校党的建设。全面推行校长负责制。\n\
                四、保障措施\n\
                (一)强化组织领导。成立工作专班,每年召开2次会议。\n";
    let d = draft(text, &opts());
    assert_valid(&d, "three levels");
    let titles = section_titles(&d);
    assert_eq!(titles, ["主要目标", "实施党管教育“领航”行动"]);
    let got: Vec<(&str, Kind)> = each(&d.items, |i| (i.id.as_str(), i.intended_kind));
    assert_eq!(
        got,
        vec![
            ("s1-0-1", Kind::Level),
            ("s2-1-1", Kind::Recurring),
            ("s2-2", Kind::Task)
        ]
    );
    assert_eq!(
        d.items[1].targets,
        vec![
            band("2024", Some(1.0), None),
            band("2025", Some(1.0), None),
            band("2026", Some(1.0), None)
        ]
    );
    assert_eq!(d.items[1].name, "召开全区教育大会");
}

#[test]
fn a_text_without_any_year_uses_the_fallback_year() {
    let text = "教育局年度工作思路\n(一)实施教育均衡发展提升工程\n1.着力发展学前教育。新建x所公办幼儿园。出台《教师考评指导意见》。\n";
    let d = draft(text, &opts());
    assert_valid(&d, "no year");
    let y = UNKNOWN_YEAR.to_string();
    assert_eq!(d.document["plan"]["start"], json!(y));
    assert!(d
        .warnings
        .iter()
        .any(|w| w.contains("xxxx年") || w.contains("未写明年份")));
    assert!(d.document["plan"]["note"]
        .as_str()
        .unwrap()
        .contains("请改为实际年份"));
    let d = draft(
        text,
        &DraftOptions {
            fallback_year: Some(2019),
            issuer: Some("某县教育局".into()),
            plan_id: Some("county-2019".into()),
        },
    );
    assert_valid(&d, "fallback");
    let plan = &d.document["plan"];
    assert_eq!(
        (plan["start"].as_str(), plan["end"].as_str()),
        (Some("2019"), Some("2019"))
    );
    assert_eq!(plan["issuer"], "某县教育局");
    assert_eq!(plan["id"], "county-2019");
    assert_eq!(d.items[0].targets, vec![deadline("2019")]);
}

// --- compare --------------------------------------------------------------------------------

#[test]
fn compare_counts_matches_partials_misses_and_extras() {
    let text = plan_3y(
        "2024年全区中小学智慧校园覆盖率达95%，2025年达100%。全区每年新增提供托育服务的幼儿园1—2所。北师大盐城附校2024年创成省三星级高中。",
    );
    let d = draft(&text, &opts());
    assert_eq!(d.items.len(), 3);
    let curated = json!({
        "schemaVersion": 1,
        "plan": { "id": "x", "title": "t", "issuer": "i", "start": "2024", "end": "2026" },
        "sections": [{ "id": "a", "title": "a" }],
        "indicators": [
            {
                "id": "smart", "section": "a", "name": "n", "unit": "%", "kind": "level",
                "baseline": { "period": "2023", "value": 85 },
                "targets": [{ "period": "2024", "value": 95 }, { "period": "2025", "value": 100, "bound": "atLeast" }],
                "quote": "2024年全区中小学智慧校园覆盖率达95%，2025年达100%"
            },
            {
                "id": "childcare", "section": "a", "name": "n", "kind": "recurring",
                "targets": [{ "period": "2024", "min": 1, "max": 2 }, { "period": "2025", "min": 1, "max": 2 }],
                "quote": "全区每年新增提供托育服务的幼儿园1—2所"
            },
            {
                "id": "missing", "section": "a", "name": "n", "kind": "task",
                "quote": "不在草稿中的任务"
            }
        ]
    });
    let q = compare(&d, &curated);
    assert_eq!((q.curated, q.drafted, q.matched), (3, 3, 1));
    assert_eq!(
        (q.curated_targets, q.drafted_targets, q.matched_targets),
        (2, 3, 1)
    );
    assert_eq!(
        q.matches[0].curated, "smart",
        "a stand-in counts as its intended kind"
    );
    assert_eq!(q.matches[0].quote, QuoteMatch::Same);
    assert_eq!(q.partial.len(), 1);
    assert_eq!(q.partial[0].curated, "childcare");
    assert!(
        q.partial[0].differences[0].starts_with("targets"),
        "{:?}",
        q.partial
    );
    assert_eq!(q.missed, ["childcare", "missing"]);
    assert_eq!(q.extra.len(), 2);
    assert!((q.recall() - 1.0 / 3.0).abs() < 1e-9);
    assert!((q.precision() - 1.0 / 3.0).abs() < 1e-9);
    assert!(q.report().contains("Partial matches"));
    let table = quality_table(&[("x".into(), q.clone()), ("y".into(), Quality::default())]);
    assert!(
        table.contains("| x | 3 | 3 | 1 | 0.33 | 0.33 | 2 | 3 | 1 | 0.50 | 0.33 | 1 |"),
        "{table}"
    );
    assert!(table.contains("| **all** | 3 | 3 | 1 |"), "{table}");
}

// --- robustness -----------------------------------------------------------------------------

fn check_any(text: &str, what: &str) {
    let d = draft(text, &opts());
    assert_valid(&d, what);
    assert_verbatim(&d, text, what);
}

#[test]
fn never_panics_on_prefixes_of_the_plans() {
    for (name, _) in samples() {
        let text = source_text(&name);
        let step = if name.starts_with("003") { 97 } else { 331 };
        let mut end = 0;
        while end <= text.len() {
            let mut e = end;
            while !text.is_char_boundary(e) {
                e += 1;
            }
            check_any(&text[..e], &format!("{name}[..{e}]"));
            end += step;
        }
    }
}

#[test]
fn never_panics_on_random_text() {
    const PIECES: &[&str] = &[
        "年",
        "月",
        "%",
        "％",
        "个",
        "百分点",
        "个以上百分点",
        "达",
        "达到",
        "提高",
        "提高到",
        "降低",
        "每年",
        "年均",
        "每学年",
        "按季度",
        "一月一",
        "一、",
        "（一）",
        "(二)",
        "1.",
        "12、",
        "一是",
        "二是",
        "\n",
        "\r\n",
        "责任领导：",
        "责任单位:",
        "无",
        "事故",
        "杜绝",
        "创成",
        "全覆盖",
        "出台《",
        "》",
        "2024",
        "2025",
        "1900",
        "2200",
        "9999",
        "0",
        "7",
        "1.5",
        "１２",
        "—",
        "-",
        "～",
        "《",
        "“",
        "”",
        "(",
        ")",
        "，",
        ",",
        "。",
        "；",
        "：",
        "以上",
        "以下",
        "约",
        "左右",
        "各",
        "分别",
        "从",
        "到",
        "、",
        "和",
        "及",
        "x",
        " ",
        "　",
        "郭 顺",
        "所",
        "名",
        "亿元",
        "万元",
        "学时",
        "今后三年",
        "年底",
        "暑期",
        "培养",
        "新增",
        "建成",
        "每2年",
        "等",
        "附件",
        "关于印发",
        "计划",
        "要点",
        "🙂",
        "\u{feff}",
        "学年",
        "2023—2024学年",
        "率",
        "实现",
        "控制在",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for case in 0..400 {
        let len = (next() % 80) as usize;
        let text: String = (0..len)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        check_any(&text, &format!("random case {case}: {text:?}"));
    }
    for text in [
        "",
        "\n\n",
        "一、",
        "1.",
        "（一）\n1.",
        "责任领导：",
        "2024年",
        "达100%",
        "每年1—2所",
    ] {
        check_any(text, text);
    }
}

// --- the quality table ----------------------------------------------------------------------

const BEGIN: &str = "<!-- quality-table:begin (generated by tests/draft.rs; UPDATE_SNAPSHOTS=1 cargo test --test draft) -->";
const END: &str = "<!-- quality-table:end -->";

fn generated_section(rows: &[(String, Quality)]) -> String {
    let mut out = String::new();
    out.push_str(&quality_table(rows));
    out.push_str("\nPer plan (curated ids missed, drafted ids extra, partial matches):\n\n");
    for (name, q) in rows {
        out.push_str(&format!("- **{name}**\n"));
        for (what, ids) in [("missed", &q.missed), ("extra", &q.extra)] {
            let list = if ids.is_empty() {
                "—".to_string()
            } else {
                ids.join(", ")
            };
            out.push_str(&format!("  - {what} ({}): {list}\n", ids.len()));
        }
        for p in &q.partial {
            out.push_str(&format!("  - partial: {}\n", p.describe()));
        }
    }
    out
}

#[test]
fn quality_table_is_current_and_plan_001_meets_the_aim() {
    let rows: Vec<(String, Quality)> = samples()
        .into_iter()
        .map(|(name, json)| {
            let text = source_text(&name);
            let d = draft(&text, &opts());
            let curated: Value = serde_json::from_str(&json).unwrap();
            (
                name.trim_end_matches(".json").to_string(),
                compare(&d, &curated),
            )
        })
        .collect();
    keep_block_current(BEGIN, END, &generated_section(&rows));

    let (_, q) = rows.iter().find(|(n, _)| n.starts_with("001")).unwrap();
    // The aim, on targets (indicators other than `task`): recall ≥ 0.8, precision ≥ 0.9.
    assert!(q.recall() >= 0.8, "001 recall {}", q.recall());
    assert!(
        q.target_recall() >= 0.8,
        "001 target recall {}",
        q.target_recall()
    );
    assert!(
        q.target_precision() >= 0.9,
        "001 target precision {}",
        q.target_precision()
    );
    // Counting the drafted tasks too (the curated 001 lists no tasks), precision is lower; this
    // is what is reached, see docs/draft-quality.md.
    assert!(q.precision() >= 0.8, "001 precision {}", q.precision());
}

/// Writes (with `UPDATE_SNAPSHOTS=1`) or checks the generated block of `docs/draft-quality.md`
/// between the markers.
fn keep_block_current(begin: &str, end: &str, generated: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/draft-quality.md");
    let doc = std::fs::read_to_string(&path).unwrap_or_default();
    let (before, after) = match (doc.find(begin), doc.find(end)) {
        (Some(a), Some(b)) if a < b => (doc[..a].to_string(), doc[b + end.len()..].to_string()),
        _ => (String::new(), String::new()),
    };
    let current = doc
        .find(begin)
        .zip(doc.find(end))
        .map(|(a, b)| doc[a + begin.len()..b].trim().to_string());
    if common::update_snapshots() {
        assert!(
            !before.is_empty(),
            "docs/draft-quality.md lacks the {begin} … {end} markers"
        );
        std::fs::write(
            &path,
            format!("{before}{begin}\n\n{generated}\n{end}{after}"),
        )
        .unwrap();
    } else {
        assert_eq!(
            current.as_deref(),
            Some(generated.trim()),
            "docs/draft-quality.md is out of date: run UPDATE_SNAPSHOTS=1 cargo test --test draft"
        );
    }
}

const UNSEEN_BEGIN: &str = "<!-- unseen-quality-table:begin (generated by tests/draft.rs; UPDATE_SNAPSHOTS=1 cargo test --test draft) -->";
const UNSEEN_END: &str = "<!-- unseen-quality-table:end -->";

/// Texts the drafter was not written against (`tests/fixtures/unseen/*.txt`, each with its
/// hand-curated `.json`): their figures are reported apart from the five source plans'.
#[test]
fn unseen_quality_table_is_current() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/unseen");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".txt").map(str::to_string)
        })
        .collect();
    names.sort();
    assert!(names.len() >= 3, "at least three unseen texts");
    let rows: Vec<(String, Quality)> = names
        .into_iter()
        .map(|name| {
            let text = std::fs::read_to_string(dir.join(format!("{name}.txt"))).unwrap();
            let curated: Value = serde_json::from_str(
                &std::fs::read_to_string(dir.join(format!("{name}.json"))).unwrap(),
            )
            .unwrap();
            // The curated file is a valid plan: every indicator counts.
            let loaded = plan_widget::load_value(&curated);
            assert!(loaded.is_valid(), "{name}.json: {:?}", loaded.diagnostics);
            let d = draft(&text, &opts());
            assert_valid(&d, &name);
            assert_verbatim(&d, &text, &name);
            (name, compare(&d, &curated))
        })
        .collect();
    keep_block_current(UNSEEN_BEGIN, UNSEEN_END, &generated_section(&rows));
}

/// The acceptance as a person runs it: `plan-widget draft PLAN.txt > plan.json` on each of the
/// five plans, then `plan-widget check plan.json` exits 0; `--compare` prints the scores.
#[test]
fn cli_draft_output_passes_cli_check_for_every_plan() {
    let bin = env!("CARGO_BIN_EXE_plan-widget");
    let out_dir = std::env::temp_dir().join(format!("plan-widget-draft-{}", std::process::id()));
    std::fs::create_dir_all(&out_dir).unwrap();
    let mut plans: Vec<std::path::PathBuf> = std::fs::read_dir(plans_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    plans.sort();
    assert_eq!(plans.len(), 5);
    for plan in &plans {
        let drafted = std::process::Command::new(bin)
            .arg("draft")
            .arg(plan)
            .output()
            .unwrap();
        assert!(
            drafted.status.success(),
            "{}: {}",
            plan.display(),
            String::from_utf8_lossy(&drafted.stderr)
        );
        let file = out_dir.join(format!(
            "{}.json",
            plan.file_stem().unwrap().to_string_lossy()
        ));
        std::fs::write(&file, &drafted.stdout).unwrap();
        let checked = std::process::Command::new(bin)
            .arg("check")
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            checked.status.success(),
            "{}: {}",
            file.display(),
            String::from_utf8_lossy(&checked.stdout)
        );
    }
    let curated =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("www/data/001-yancheng-kfq.json");
    let plan001 = plans
        .iter()
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("001"))
        .unwrap();
    let cmp = std::process::Command::new(bin)
        .arg("draft")
        .arg(plan001)
        .arg("--compare")
        .arg(&curated)
        .output()
        .unwrap();
    assert!(cmp.status.success());
    let report = String::from_utf8(cmp.stdout).unwrap();
    assert!(
        report.contains("recall") || report.contains("Recall"),
        "{report}"
    );
    let _ = std::fs::remove_dir_all(&out_dir);
}
