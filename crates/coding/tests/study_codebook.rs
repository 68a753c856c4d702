//! The built-in study codebook parses, has the study's ten codes, and its
//! rules hit the passages of the real documents they were written from.

use policyscope_coding::{Codebook, Engine};

#[test]
fn study_codebook_has_ten_codable_codes_under_two_folders() {
    let book = Codebook::study().unwrap();
    assert!(book.warnings.is_empty(), "the built-in codebook is clean: {:?}", book.warnings);
    let codable: Vec<&str> = book.codes.iter().filter(|c| !c.folder).map(|c| c.path.as_str()).collect();
    assert_eq!(
        codable,
        vec![
            "Target/Internationalisation",
            "Target/Marketisation",
            "Target/Empowerment",
            "Target/Green Transition",
            "Tool/BRI",
            "Tool/Talent Training",
            "Tool/Testing Platform",
            "Tool/IPR",
            "Tool/Industrial Chain",
            "Tool/Propaganda",
        ]
    );
    assert!(book
        .codes
        .iter()
        .filter(|c| !c.folder)
        .all(|c| !c.rules.is_empty() && !c.description.is_empty()));
    assert_eq!(book.coder(), "auto:study@2");
}

fn codes_of(text: &str) -> Vec<String> {
    let book = Codebook::study().unwrap();
    let engine = Engine::new(&book).unwrap();
    let norm = policyscope_text::normalize_for_search(text);
    let spans = policyscope_text::split_passages(text);
    let pick = |k| spans.iter().filter(|s| s.kind == k).map(|s| (s.start, s.end)).collect::<Vec<_>>();
    let hits = engine.code(
        &norm,
        &pick(policyscope_text::SpanKind::Sentence),
        &pick(policyscope_text::SpanKind::Paragraph),
    );
    let mut out: Vec<String> = hits.iter().map(|h| book.codes[h.code].path.clone()).collect();
    out.sort();
    out.dedup();
    out
}

#[test]
fn codes_sentences_of_the_study_documents() {
    // Cybersecurity Law art. 7: international co-operation in standard-setting.
    assert!(codes_of("第七条 国家积极开展网络空间治理、网络技术研发和标准制定、打击网络违法犯罪等方面的国际交流与合作，推动构建和平、安全、开放、合作的网络空间。")
        .contains(&"Target/Internationalisation".to_string()));
    // Data Security Law art. 10: association standards.
    assert!(codes_of("第十条 相关行业组织按照章程，依法制定数据安全行为规范和团体标准，加强行业自律。")
        .contains(&"Target/Marketisation".to_string()));
    // Telecommunications Regulations: tariffs, not standards.
    assert!(codes_of("第二十三条 电信资费实行市场调节价。电信业务经营者应当合理确定电信业务资费标准。")
        .is_empty());
    // False advertising is not propaganda for standards.
    assert!(!codes_of("对服务范围、内容、标准等作虚假宣传。").contains(&"Tool/Propaganda".to_string()));
}

#[test]
fn compliance_with_a_standard_is_not_standardisation_policy() {
    assert!(codes_of("不符合建筑节能标准的建筑工程，建设主管部门不得批准开工建设。").is_empty());
    assert!(codes_of("产品应当符合国家标准、行业标准的要求。").is_empty());
    // Making the same standards is.
    assert_eq!(
        codes_of("国家民用建筑节能标准由国务院建设主管部门负责组织制定。"),
        vec!["Target/Green Transition"]
    );
}

#[test]
fn listed_items_and_word_fragments_do_not_code() {
    // 企业/为/主办单位 is not 企业为主; talent and standards as separate list items are not linked.
    assert!(codes_of("以全民所有制企业为主办单位的劳动就业服务企业。").is_empty());
    assert!(codes_of("加强人才培养、标准化建设和品牌培育。").is_empty());
    // 国家标准局 is an agency.
    assert!(codes_of("由国家标准局负责制定企业标准管理办法。").is_empty());
}

#[test]
fn belt_and_road_codes_only_with_its_name_in_the_sentence() {
    assert!(!codes_of("开拓国际市场，推动技术标准互认。").contains(&"Tool/BRI".to_string()));
    assert!(codes_of("推动与一带一路沿线国家的标准互认和标准化合作。").contains(&"Tool/BRI".to_string()));
}
