//! Alias resolution, word boundaries, overlaps and role patterns.

use super::*;

fn extractor() -> Extractor {
    Extractor::new(&Frame::builtin().unwrap()).unwrap()
}

/// `(kind, entity, text)` of every mention in `text`.
fn found(text: &str) -> Vec<(MentionKind, String, String)> {
    let norm = policyscope_text::normalize_for_search(text);
    let x = extractor().extract(text, &norm).unwrap();
    x.mentions.into_iter().map(|m| (m.kind, m.entity, m.text)).collect()
}

fn entities(text: &str) -> Vec<String> {
    found(text).into_iter().map(|m| m.1).collect()
}

fn roles(text: &str) -> Vec<RoleStatement> {
    let norm = policyscope_text::normalize_for_search(text);
    extractor().extract(text, &norm).unwrap().roles
}

#[test]
fn full_short_and_english_names_resolve_to_one_actor() {
    for name in ["工业和信息化部", "工信部", "MIIT", "Ministry of Industry and Information Technology"]
    {
        assert_eq!(entities(&format!("（{name}）")), ["miit"], "{name}");
    }
    for name in ["国家标准化管理委员会", "国家标准委", "SAC", "Standardization Administration of China"]
    {
        assert_eq!(entities(&format!("由{name}牵头")), ["sac"], "{name}");
    }
    for name in ["国家市场监督管理总局", "市场监管总局", "SAMR"] {
        assert_eq!(entities(name), ["samr"], "{name}");
    }
    for name in ["国家互联网信息办公室", "国家网信办", "CAC", "Cyberspace Administration of China"]
    {
        assert_eq!(entities(name), ["cac"], "{name}");
    }
    let x = extractor();
    assert_eq!(x.resolve("工信部"), Some((MentionKind::Actor, "miit")));
    assert_eq!(x.resolve("tc260"), Some((MentionKind::Body, "tc260")));
}

#[test]
fn english_names_respect_letter_boundaries_and_acronym_case() {
    assert_eq!(entities("the CAC and ISO said"), ["cac", "iso"]);
    assert!(entities("ISOLATION of a cacophony; basic cases").is_empty());
    assert!(entities("the cas and the iso").is_empty(), "acronyms match in their own case");
    assert_eq!(
        entities("Baidu's chips and an operating system"),
        ["baidu", "chokepoint:15", "chokepoint:16"]
    );
}

#[test]
fn state_council_is_not_found_inside_a_longer_unlisted_body() {
    assert_eq!(entities("国务院办公厅印发"), ["state-council-office"]);
    assert!(entities("国务院农业农村主管部门负责").is_empty());
    assert!(entities("国务院反垄断委员会").is_empty());
    assert!(entities("国务院农业、林业行政主管部门").is_empty());
    assert!(entities("国务院市场监督管理等部门").is_empty());
    assert_eq!(entities("国务院、中央军事委员会"), ["state-council", "cmc"]);
    assert_eq!(entities("国务院和县级以上地方人民政府有关部门"), ["state-council"]);
    assert_eq!(entities("国务院批准，由国务院发布"), ["state-council", "state-council"]);
}

#[test]
fn ministry_names_are_not_found_inside_department_words() {
    assert!(entities("教育部门、公安部门和财政部门").is_empty());
    assert_eq!(entities("教育部、公安部和财政部"), ["moe", "mps", "mof"]);
}

#[test]
fn a_department_name_followed_by_a_verb_phrase_is_kept() {
    assert_eq!(entities("国家网信部门统筹协调有关部门"), ["cac"]);
}

#[test]
fn nested_names_give_one_mention_of_the_longest() {
    // A committee inside the standardisation administration's name, the
    // State Council inside its departments: one mention, the longer entity.
    assert_eq!(entities("国务院标准化行政主管部门"), ["sac"]);
    assert_eq!(entities("国务院有关部门"), ["state-council-depts"]);
    assert_eq!(entities("SAC/TC28"), ["tc28"]);
    assert_eq!(entities("SAC/TC 260"), ["tc260"]);
    assert_eq!(entities("全国信息安全标准化技术委员会"), ["tc260"]);
    assert_eq!(entities("工业和信息化部电子工业标准化研究院"), ["cesi"]);
    // An unlisted national committee is a body of its own, not the generic one.
    assert_eq!(entities("全国智能运输系统标准化技术委员会"), ["committee:全国智能运输系统标准化技术委员会"]);
    // A local government's department is the department, not the government.
    assert_eq!(entities("县级以上地方人民政府标准化行政主管部门"), ["standardization-depts"]);
}

#[test]
fn adjacent_mentions_do_not_overlap() {
    let all = found("依据GB/T 22239-2019和ISO/IEC 27001:2013，TC260与IEC合作");
    let kinds: Vec<_> = all.iter().map(|m| (m.0, m.1.as_str())).collect();
    assert_eq!(
        kinds,
        [
            (MentionKind::Standard, "GB/T 22239-2019"),
            (MentionKind::Standard, "ISO/IEC 27001:2013"),
            (MentionKind::Body, "tc260"),
            (MentionKind::Body, "iec")
        ]
    );
}

#[test]
fn spans_are_code_points_of_the_text_as_written() {
    let text = "第一条　依照ＧＢ／Ｔ　１８００５－１９９９执行。";
    let norm = policyscope_text::normalize_for_search(text);
    let m = extractor().extract(text, &norm).unwrap().mentions;
    assert_eq!(m.len(), 1);
    assert_eq!((m[0].start, m[0].end), (6, 21));
    assert_eq!(m[0].text, "ＧＢ／Ｔ　１８００５－１９９９");
    assert_eq!(m[0].entity, "GB/T 18005-1999");
}

#[test]
fn stage_words_count_only_in_sentences_about_standards() {
    assert_eq!(
        entities("国家标准由国务院标准化行政主管部门批准发布。"),
        ["sac", "SAC:approval", "SAC:publication"]
    );
    assert_eq!(entities("经国务院批准后发布。"), ["state-council"]);
}

#[test]
fn technologies_in_chinese_and_english() {
    assert_eq!(
        entities("突破高端芯片、操作系统和激光雷达"),
        ["chokepoint:15", "chokepoint:16", "chokepoint:19"]
    );
    assert_eq!(entities("lidar and photoresist"), ["chokepoint:19", "chokepoint:4"]);
}

#[test]
fn subject_pattern_gives_the_actor_its_task() {
    let r = roles("第八条　国家网信部门负责统筹协调网络安全工作和相关监督管理工作。");
    assert_eq!(r.len(), 1);
    assert_eq!((r[0].actor.as_str(), r[0].verb.as_str(), r[0].pattern.as_str()), ("cac", "负责", "subject"));
    assert_eq!(r[0].object, "统筹协调网络安全工作和相关监督管理工作");
    assert_eq!((r[0].start, r[0].actor_start, r[0].actor_end, r[0].verb_start), (4, 4, 10, 10));
}

#[test]
fn coordinated_subjects_each_get_the_task() {
    let r = roles("国务院标准化行政主管部门和国务院有关行政主管部门依法组织实施标准化工作。");
    let got: Vec<_> = r.iter().map(|r| (r.actor.as_str(), r.verb.as_str())).collect();
    assert_eq!(got, [("sac", "组织实施"), ("state-council-depts", "组织实施")]);
}

#[test]
fn by_pattern_takes_the_actor_after_you() {
    let r = roles("行业标准由国务院有关行政主管部门制定，报国务院标准化行政主管部门备案。");
    assert_eq!(r.len(), 1);
    assert_eq!(
        (r[0].actor.as_str(), r[0].verb.as_str(), r[0].pattern.as_str()),
        ("state-council-depts", "制定", "by")
    );
    assert_eq!(r[0].object, "行业标准");
    let r = roles("具体办法由国务院制定。");
    assert_eq!((r[0].actor.as_str(), r[0].object.as_str()), ("state-council", "具体办法"));
}

#[test]
fn jointly_pattern_names_the_partners() {
    let r = roles("国家网信部门会同国务院电信主管部门、公安部门和其他有关机关依照本法制定网络安全标准。");
    assert!(r.is_empty(), "公安部门 is not an actor, so the partner list is cut: {r:?}");
    let r = roles("国家网信部门会同国务院电信主管部门、公安部制定管理办法。");
    assert_eq!(r.len(), 1);
    assert_eq!((r[0].actor.as_str(), r[0].verb.as_str(), r[0].pattern.as_str()), ("cac", "制定", "jointly"));
    assert_eq!(r[0].partners, ["telecom-regulator", "mps"]);
}

#[test]
fn adverbials_between_actor_and_verb_are_passed_over() {
    for (text, verb) in [
        ("国务院有关部门在各自职责范围内负责有关工作。", "负责"),
        ("国家网信部门按照职责分工指导平台工作。", "指导"),
        ("国务院标准化行政主管部门统一管理全国标准化工作。", "管理"),
        ("国务院应当将网络安全工作纳入规划。", "应当"),
        ("工信部牵头制定人工智能标准。", "牵头"),
        ("国家标准委监督标准实施。", "监督"),
    ] {
        let r = roles(text);
        assert_eq!(r.first().map(|r| r.verb.as_str()), Some(verb), "{text}");
    }
}

#[test]
fn an_actor_that_is_not_the_subject_gets_no_role() {
    assert!(roles("网络运营者应当向国家网信部门报告。").is_empty());
    assert!(roles("经国务院批准，对国务院负责。").is_empty());
}

#[test]
fn an_actor_inside_a_department_description_gets_no_role() {
    assert!(roles("县级以上地方人民政府负责煤矿安全生产监督管理的部门应当提请。").is_empty());
    assert!(roles("由最高人民法院建立或者参与的法律查明合作机制参与方提供。").is_empty());
}

#[test]
fn approval_by_a_government_is_not_a_standardisation_stage() {
    assert!(entities("地方标准项目，应当报省人民政府批准。").iter().all(|e| !e.starts_with("SAC:")));
    assert_eq!(
        entities("在标准立项、起草、技术审查等环节"),
        ["SAC:proposal", "SAC:preparatory", "SAC:voting"]
    );
}

#[test]
fn a_standard_reviewed_against_is_not_a_standard_under_review() {
    assert!(entities("对施工图设计文件中强制性标准的内容进行技术审查。")
        .iter()
        .all(|e| !e.starts_with("SAC:")));
    assert!(entities("禁止超标准收费、自立项目收费。").iter().all(|e| !e.starts_with("SAC:")));
    assert_eq!(
        entities("强制性国家标准由国务院批准发布。"),
        ["state-council", "SAC:approval", "SAC:publication"]
    );
    assert_eq!(entities("公告废止相关标准"), ["SAC:withdrawal"]);
}

#[test]
fn a_level_word_before_a_department_keeps_it_the_subject() {
    let r = roles("市标准化行政主管部门负责组织标准的宣贯。");
    assert_eq!(
        r.first().map(|r| (r.actor.as_str(), r.verb.as_str())),
        Some(("standardization-depts", "负责"))
    );
}
