//! Precision rules, third pass: what a stage verb really acts on (a basis
//! phrase ending in 标准, a criterion linked by 的, an object of its own) and
//! the class of national committees written as if it were one.

use super::*;

fn mentions(text: &str) -> Vec<(String, String)> {
    let norm = policyscope_text::normalize_for_search(text);
    let x = Extractor::new(&Frame::builtin().unwrap()).unwrap();
    x.extract(text, &norm).unwrap().mentions.into_iter().map(|m| (m.text, m.entity)).collect()
}

fn stages(text: &str) -> Vec<String> {
    mentions(text).into_iter().filter(|(_, e)| e.starts_with("SAC:")).map(|(t, _)| t).collect()
}

fn entities(text: &str) -> Vec<String> {
    mentions(text).into_iter().map(|(_, e)| e).collect()
}

#[test]
fn a_standard_closing_a_basis_phrase_is_a_yardstick_not_the_object() {
    // A list or a relative clause inside the 按照/依据… phrase.
    assert!(stages("评审小组按照本办法规定的条件、标准审查批准").is_empty());
    assert!(stages("仲裁庭依据双方事先约定的标准审查材料").is_empty());
    assert!(stages("主管部门根据区域发展计划、用水定额和行业标准进行审查").is_empty());
    assert!(stages("由县人民政府按照下列标准审查批准：").is_empty());
    // An object marker or a verb closes the phrase: 标准 is an object again.
    assert_eq!(stages("根据实施效果对行业标准进行复审"), ["复审"]);
    assert_eq!(stages("依据职责负责团体标准的起草"), ["起草"]);
}

#[test]
fn a_criterion_linked_by_de_is_still_a_criterion() {
    assert!(stages("补偿的标准由市人民政府批准").is_empty());
    assert!(stages("收费的标准经省价格部门批准").is_empty());
    assert_eq!(stages("地方标准由市人民政府批准"), ["批准"]);
}

#[test]
fn a_stage_verb_with_an_object_of_its_own_is_no_stage_of_the_standard_before_it() {
    // The object phrase ends in a warning or a guide, even with 标准 inside it.
    assert!(stages("修订地方标准、发布农产品质量安全风险警示的依据").is_empty());
    assert!(stages("协会每季度发布团体标准制定指南，征集建议").is_empty());
    assert!(stages("主管部门审查行业标准制修订申请，").is_empty());
    // The object phrase ends in the standard itself.
    assert_eq!(stages("协会每季度发布团体标准，并公开征集意见"), ["发布"]);
    assert_eq!(stages("修订行业标准、废止过时的行业标准"), ["废止"]);
    // 立项 holds its own object: the noun after it is what it qualifies.
    assert_eq!(stages("公布行业标准立项指南，"), ["立项"]);
}

#[test]
fn the_class_of_national_committees_is_not_one_named_committee() {
    assert_eq!(entities("鼓励企业参加全国专业标准化技术委员会"), ["technical-committees"]);
    assert_eq!(entities("推荐专家进入全国相关专业标准化技术委员会"), ["technical-committees"]);
    assert_eq!(entities("全国汽车标准化技术委员会"), ["committee:全国汽车标准化技术委员会"]);
}
