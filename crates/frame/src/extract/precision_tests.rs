//! Precision rules: sub-units, local levels, senses of 标准 and of
//! technology words, and role tasks read across 由.

use super::*;

fn extractor() -> Extractor {
    Extractor::new(&Frame::builtin().unwrap()).unwrap()
}

fn extract(text: &str) -> Extraction {
    let norm = policyscope_text::normalize_for_search(text);
    extractor().extract(text, &norm).unwrap()
}

fn entities(text: &str) -> Vec<String> {
    extract(text).mentions.into_iter().map(|m| m.entity).collect()
}

fn stages(text: &str) -> Vec<String> {
    entities(text).into_iter().filter(|e| e.starts_with("SAC:")).collect()
}

#[test]
fn state_council_standardisation_department_without_xingzheng_is_sac() {
    assert_eq!(entities("国务院标准化主管部门负责"), ["sac"]);
    assert_eq!(entities("报国务院标准化行政主管部门备案"), ["sac"]);
}

#[test]
fn state_council_before_an_unlisted_department_description_is_not_the_state_council() {
    assert!(entities("国务院卫生健康主管部门").is_empty());
    assert!(entities("国务院住房城乡建设行政主管部门").is_empty());
    assert_eq!(entities("国务院依法组织"), ["state-council"]);
}

#[test]
fn provincial_telecom_administration_is_not_the_national_regulator() {
    assert_eq!(entities("省、自治区、直辖市电信管理机构负责"), ["provincial-telecom-regulators"]);
    assert_eq!(entities("由省级电信管理机构审批"), ["provincial-telecom-regulators"]);
    assert!(entities("地方电信管理机构").is_empty());
    assert_eq!(entities("电信管理机构应当"), ["telecom-regulator"]);
    assert_eq!(entities("国务院电信主管部门"), ["telecom-regulator"]);
}

#[test]
fn a_department_running_on_into_a_functional_sub_unit_is_not_the_department() {
    assert!(entities("公安机关交通管理部门负责").is_empty());
    assert!(entities("公安机关计算机管理监察机构").is_empty());
    assert_eq!(entities("公安机关依法查处"), ["police"]);
    assert_eq!(entities("公安机关负责侦查"), ["police"]);
    assert_eq!(entities("公安机关通报有关部门"), ["police"]);
    assert_eq!(entities("公安机关和国家安全机关"), ["police", "state-security-organs"]);
}

#[test]
fn a_name_running_on_into_a_coordination_mechanism_is_not_the_body() {
    assert!(entities("国务院标准化协调机制统筹").is_empty());
    assert!(entities("国务院有关部门联席会议").is_empty());
    assert_eq!(entities("国务院建立标准化协调机制"), ["state-council"]);
}

#[test]
fn criteria_and_rates_called_standard_have_no_standardisation_stage() {
    assert!(stages("收费标准的批准和调整").is_empty());
    assert!(stages("制定补偿标准，报省人民政府批准").is_empty());
    assert!(stages("明确审查标准和程序").is_empty());
    assert!(stages("评价标准由主管部门发布").is_empty());
    assert_eq!(stages("行业标准的批准和发布"), ["SAC:approval", "SAC:publication"]);
    assert_eq!(stages("推荐性国家标准草案的审查"), ["SAC:voting"]);
}

#[test]
fn review_against_a_standard_or_a_warning_issued_is_no_stage() {
    assert!(stages("按照国家标准审查产品").is_empty());
    assert!(stages("根据国家标准发布预警").is_empty());
    assert!(stages("主管部门发布预警信息").is_empty());
    assert!(stages("依据强制性标准批准项目").is_empty());
    assert_eq!(stages("发布团体标准"), ["SAC:publication"]);
    assert_eq!(stages("废止相关标准"), ["SAC:withdrawal"]);
}

#[test]
fn chip_and_ic_cards_are_not_chip_technology() {
    assert!(entities("推广芯片卡和集成电路卡").is_empty());
    assert_eq!(entities("集成电路布图设计"), ["chokepoint:15"]);
    assert_eq!(entities("发展高端芯片"), ["chokepoint:15"]);
}

#[test]
fn operating_system_as_a_service_procedure_or_metaphor_is_not_technology() {
    assert!(entities("建设城市空间操作系统").is_empty());
    assert!(entities("完善营业操作系统和客户服务流程").is_empty());
    assert!(entities("营业厅提供缴费、操作系统查询等服务").is_empty());
    assert_eq!(entities("国产操作系统"), ["chokepoint:16"]);
}

#[test]
fn airworthiness_of_ships_is_not_aviation_technology() {
    assert!(entities("渔船应当符合适航标准").is_empty());
    assert!(entities("船舶的适航标准由主管机关规定").is_empty());
    assert_eq!(entities("民用航空器的适航标准"), ["chokepoint:9"]);
}

#[test]
fn a_regulation_interpreted_by_an_actor_is_the_object_of_interpretation() {
    let r = extract("第三十条　本规定由国务院标准化行政主管部门负责解释。").roles;
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(
        (r[0].actor.as_str(), r[0].verb.as_str(), r[0].object.as_str()),
        ("sac", "负责解释", "本规定")
    );
    let r = extract("本条例由工信部会同公安部负责解释。").roles;
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!((r[0].verb.as_str(), r[0].object.as_str()), ("负责解释", "本条例"));
    assert_eq!(r[0].partners, ["mps"]);
}

#[test]
fn a_standard_approved_and_published_by_an_actor_is_the_object_of_both() {
    let r = extract("强制性国家标准由国务院批准发布。").roles;
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(
        (r[0].actor.as_str(), r[0].verb.as_str(), r[0].object.as_str()),
        ("state-council", "批准发布", "强制性国家标准")
    );
}

#[test]
fn consultation_organised_by_an_actor_has_a_non_empty_object() {
    let r = extract("跨地区的标准发生争议的，由国务院标准化行政主管部门组织协商。").roles;
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].verb, "组织协商");
    assert_eq!(r[0].object, "跨地区的标准发生争议的");
}
