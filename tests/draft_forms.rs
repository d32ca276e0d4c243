//! Plans as they are written (issue 15), through `draft()` end to end: levels without baselines
//! keep their kind and value, every way of naming who is responsible, a numbered item's heading
//! as its name, names that are text of their quotes, and tables pasted as text.
#![cfg(not(target_arch = "wasm32"))]

use plan_widget::draft::{draft, Draft, DraftItem, DraftOptions};
use plan_widget::model::Kind;
use serde_json::Value;

fn drafted(text: &str) -> Draft {
    let d = draft(text, &DraftOptions::default());
    let json = serde_json::to_string(&d.document).unwrap();
    let loaded = plan_widget::load(&json);
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    for item in &d.items {
        assert!(
            text.contains(&item.quote),
            "{}: quote not verbatim",
            item.id
        );
        assert!(
            item.quote.contains(&item.name),
            "{}: name {:?} not in quote {:?}",
            item.id,
            item.name,
            item.quote
        );
    }
    d
}

fn doc<'a>(d: &'a Draft, id: &str) -> &'a Value {
    d.document["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("no {id}"))
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

fn item<'a>(d: &'a Draft, quote_part: &str) -> &'a DraftItem {
    d.items
        .iter()
        .find(|i| i.quote.contains(quote_part))
        .unwrap_or_else(|| panic!("no item quoting {quote_part}"))
}

const ISSUE_LEVELS: &str = "某区学前教育行动计划（2025—2027年）\n一、发展目标\n学前教育三年毛入园率保持在98.5%以上，普惠覆盖率94%，公办幼儿园在园幼儿占比65%，专任教师持证率达到100%。\n";

#[test]
fn levels_without_a_baseline_keep_their_kind_and_value() {
    let d = drafted(ISSUE_LEVELS);
    let got: Vec<(&str, Kind, f64)> = d
        .items
        .iter()
        .map(|i| {
            let v = match i.targets[0].goal {
                plan_widget::model::Goal::Value { value, .. } => value,
                _ => f64::NAN,
            };
            (i.name.as_str(), i.kind, v)
        })
        .collect();
    assert_eq!(
        got,
        [
            ("学前教育三年毛入园率", Kind::Level, 98.5),
            ("普惠覆盖率", Kind::Level, 94.0),
            ("公办幼儿园在园幼儿占比", Kind::Level, 65.0),
            ("专任教师持证率", Kind::Level, 100.0),
        ]
    );
    for i in &d.items {
        assert!(!i.stand_in());
        let j = doc(&d, &i.id);
        assert_eq!(j["kind"], "level");
        assert!(j.get("baseline").is_none());
        assert!(j["targets"][0]["value"].is_number());
    }
}

#[test]
fn responsibility_in_every_label_and_place() {
    let text = "某局2025年工作要点\n一、重点工作\n\
        1.加强思想理论武装。制定并落实党组理论学习中心组2025年度学习计划。（责任科室：组干科、机关党委）\n\
        2.推进普惠。普惠覆盖率达到94%。牵头单位：基教科；配合单位：计财科、教师发展中心\n\
        3.完善制度。修订考核办法。（责任部门：人事科）\n\
        4.规范办学。开展专项督查。（牵头科室：督导室）\n\
        5.加强队伍建设。完善干部考核办法。分管领导：王伟 责任人：李娜\n\
        6.抓好安全。开展隐患排查。责任领导：赵强\n\
        责任单位：安全科\n";
    let d = drafted(text);
    let units = |q: &str| strings(&doc(&d, &item(&d, q).id)["units"]).join("、");
    let leaders = |q: &str| strings(&doc(&d, &item(&d, q).id)["leaders"]).join("、");
    assert_eq!(units("加强思想理论武装"), "组干科、机关党委");
    assert_eq!(units("普惠覆盖率"), "基教科、计财科、教师发展中心");
    assert_eq!(units("完善制度"), "人事科");
    assert_eq!(units("规范办学"), "督导室");
    assert_eq!(leaders("加强队伍建设"), "王伟、李娜");
    assert_eq!(leaders("抓好安全"), "赵强");
    assert_eq!(units("抓好安全"), "安全科");
    // The label clauses are not part of any quote or name.
    for i in &d.items {
        for label in [
            "责任科室",
            "牵头单位",
            "配合单位",
            "责任部门",
            "牵头科室",
            "分管领导",
            "责任人",
        ] {
            assert!(!i.quote.contains(label), "{}: {}", i.id, i.quote);
        }
    }
}

#[test]
fn a_numbered_items_heading_is_its_name_and_its_quantified_clauses_are_indicators() {
    let text = "某局2025年机关党建工作要点\n一、加强政治建设\n\
        1.加强思想理论武装。制定并落实党委理论学习中心组2025年度学习计划。\n\
        2.推进学前教育普及普惠。学前教育三年毛入园率保持在98.5%以上，普惠覆盖率94%。\n\
        3.加强廉政教育。组织开展警示教育活动。\n";
    let d = drafted(text);
    let study = item(&d, "学习计划");
    assert_eq!(study.name, "加强思想理论武装");
    assert_eq!(study.kind, Kind::Milestone);
    assert_eq!(
        study.quote,
        "1.加强思想理论武装。制定并落实党委理论学习中心组2025年度学习计划"
    );
    // Never a splice of the clause (the issue's 中心组度学习计划).
    assert!(d.items.iter().all(|i| !i.name.contains("中心组度")));
    // The item's quantified clauses: indicators of their own, named by their clause.
    assert_eq!(item(&d, "毛入园率").name, "学前教育三年毛入园率");
    assert_eq!(item(&d, "普惠覆盖率").name, "普惠覆盖率");
    let task = item(&d, "加强廉政教育");
    assert_eq!(
        (task.kind, task.name.as_str()),
        (Kind::Task, "加强廉政教育")
    );
}

#[test]
fn a_pasted_table_becomes_indicators_and_tasks_with_its_columns() {
    for sep in ["\t", "    "] {
        let row = |cells: &[&str]| cells.join(sep);
        let text = [
            "某县2025年教育重点工作目标任务分解表".to_string(),
            row(&["序号", "目标与任务", "分管领导", "牵头责任单位", "责任单位"]),
            row(&[
                "1",
                "义务教育巩固率保持在99%以上",
                "张明",
                "基础教育股",
                "各中小学",
            ]),
            row(&[
                "2",
                "新建城区小学1所",
                "张明",
                "计划财务股",
                "县教育发展中心、各乡镇",
            ]),
            row(&[
                "3",
                "全面推进校园食品安全专项整治",
                "王芳",
                "安全管理股",
                "各学校",
            ]),
        ]
        .join("\n");
        let d = drafted(&text);
        assert_eq!(
            d.document["plan"]["title"],
            "某县2025年教育重点工作目标任务分解表"
        );
        let kinds: Vec<(Kind, &str)> = d.items.iter().map(|i| (i.kind, i.quote.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (Kind::Level, "义务教育巩固率保持在99%以上"),
                (Kind::Cumulative, "新建城区小学1所"),
                (Kind::Task, "全面推进校园食品安全专项整治"),
            ],
            "{sep:?}"
        );
        let second = doc(&d, &d.items[1].id);
        assert_eq!(strings(&second["leaders"]), ["张明"]);
        assert_eq!(
            strings(&second["units"]),
            ["计划财务股", "县教育发展中心", "各乡镇"]
        );
        assert_eq!(strings(&doc(&d, &d.items[2].id)["leaders"]), ["王芳"]);
    }
}
