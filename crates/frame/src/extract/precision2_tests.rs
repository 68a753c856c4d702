//! Precision rules, second pass: stage objects, court levels, lists under
//! 国务院, international committees, and roles in conditions or phrases.

use super::*;

fn extract(text: &str) -> Extraction {
    let norm = policyscope_text::normalize_for_search(text);
    Extractor::new(&Frame::builtin().unwrap()).unwrap().extract(text, &norm).unwrap()
}

fn entities(text: &str) -> Vec<String> {
    extract(text).mentions.into_iter().map(|m| m.entity).collect()
}

fn stages(text: &str) -> Vec<String> {
    entities(text).into_iter().filter(|e| e.starts_with("SAC:")).collect()
}

#[test]
fn a_stage_word_whose_object_is_a_project_plan_or_information_is_no_stage() {
    assert!(stages("建设项目的绿地率应当符合标准，并经审查批准").is_empty());
    assert!(stages("按标准编制的规划经批准后实施").is_empty());
    assert!(stages("收费标准经批准后公布").is_empty());
    assert!(stages("及时发布风险预警信息").is_empty());
    assert!(stages("制定信息发布标准").is_empty());
    assert!(stages("人民法院审查文件是否符合国家标准").is_empty());
    assert!(stages("审查国外标准，暂予适用").is_empty());
    assert!(stages("对国外标准进行审查").is_empty());
    assert!(stages("依照标准发布风险预警").is_empty());
    assert!(stages("标准化主管部门按标准批准建设项目").is_empty());
    assert!(stages("国家标准发布风险预警").is_empty());
    assert!(stages("依据规划和标准批准").is_empty());
    assert!(stages("符合标准的项目由县级人民政府批准").is_empty());
    assert_eq!(stages("标准的项目提出、组织起草"), ["SAC:preparatory"]);
    assert_eq!(stages("批准发布国家标准"), ["SAC:approval", "SAC:publication"]);
    assert_eq!(stages("对标准草案进行技术审查"), ["SAC:voting"]);
}

#[test]
fn state_council_before_a_long_authority_description_is_not_the_state_council() {
    assert!(entities("国务院工业产品生产许可证主管部门").is_empty());
    assert!(entities("国务院进出口商品检验管理部门").is_empty());
}

#[test]
fn a_court_with_its_level_is_named_in_full() {
    let m = extract("高级人民法院审理").mentions;
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!(m[0].entity, "courts");
    assert_eq!(m[0].text, "高级人民法院");
    assert_eq!(entities("最高人民法院"), ["spc"]);
}

#[test]
fn a_standardisation_department_in_a_state_council_list_is_sac() {
    assert_eq!(entities("国务院林业草原、标准化主管部门"), ["sac"]);
}

#[test]
fn an_international_technical_committee_is_not_a_national_one() {
    assert!(!entities("国际标准化技术委员会").iter().any(|e| e == "technical-committees"));
    assert!(!entities("ISO/IEC技术委员会").iter().any(|e| e == "technical-committees"));
}

#[test]
fn no_role_in_a_conditional_clause_a_noun_phrase_or_a_byline() {
    assert!(extract("国务院标准化行政主管部门认为必要的，可以组织复审。").roles.is_empty());
    assert!(extract("如果国务院批准发布标准，应当公告。").roles.is_empty());
    assert!(extract("由财政部门拨付的经费应当专款专用。").roles.is_empty());
    assert!(extract("国家标准化管理委员会\n2020年1月1日").roles.is_empty());
}

#[test]
fn an_actor_organising_keeps_the_object_of_the_organising() {
    let r = extract("由国务院标准化行政主管部门组织起草国家标准。").roles;
    assert_eq!(r.len(), 1, "{r:?}");
    assert!(r[0].object.contains("国家标准"), "{r:?}");
}

#[test]
fn no_role_in_a_temporal_clause_a_relative_clause_or_a_title_line() {
    assert!(extract("国务院批准发布标准时，应当公告。").roles.is_empty());
    assert!(extract("若由国务院标准化行政主管部门组织起草，应当公开。").roles.is_empty());
    assert!(extract("国务院标准化行政主管部门制定的标准应当公开。").roles.is_empty());
    assert!(extract("国家标准化管理委员会发布\n2020年1月1日").roles.is_empty());
    assert_eq!(extract("国家标准化管理委员会负责统一管理全国标准化工作。").roles.len(), 1);
}
