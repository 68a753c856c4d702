//! A document's own number (文号) is read by one rule for its metadata and
//! for its `self` citations: real texts of ../shared/corpus/laws that quote
//! another document's number in their first lines keep no number of their
//! own, and their citations of it are not `self`.

mod common;

use policyscope_cite::{store, Citation, RefKind, Status};
use policyscope_corpus::Project;

/// Files (under `laws/`) whose first lines quote a number that is not theirs.
const QUOTING: &[(&str, &str)] = &[
    (
        "案例/行政协议诉讼/成都某商贸有限公司诉四川省成都市温江区规划和自然资源局行政决定案.md",
        "温国土资发〔2018〕366号",
    ),
    (
        "案例/行政协议诉讼/某停车管理有限责任公司诉北京市门头沟区城市管理委员会行政协议解除通知案.md",
        "京政办字〔2017〕20号",
    ),
    (
        "司法解释/最高人民法院关于人民法院受理申请承认外国法院离婚判决案件有关问题的规定(2020-12-29).md",
        "法〔1998〕86号",
    ),
];

/// Files (under `laws/`) printing their own number alone under the title.
const OWN: &[(&str, &str)] = &[
    (
        "司法解释/最高人民法院关于办理人身安全保护令案件适用法律若干问题的规定(2022-07-14).md",
        "法释〔2022〕17号",
    ),
    (
        "部门规章/人力资源社会保障部/关于职工全年月平均工作时间和工资折算问题的通知(2009-03-29).md",
        "劳社部发〔2008〕3号",
    ),
];

fn project() -> (tempfile::TempDir, Project, Vec<Citation>) {
    let laws = common::corpus().join("laws");
    let files: Vec<_> = QUOTING.iter().chain(OWN).map(|(f, _)| laws.join(f)).collect();
    let (dir, project) = common::project_with(&files, None);
    let citations = store::compute(&project, None, &mut |_, _| {}).unwrap();
    (dir, project, citations)
}

fn docno_of(project: &Project, file: &str) -> (i64, Option<String>) {
    let id = common::id_at(project, &format!("/laws/{file}"));
    let doc = project.documents(false).unwrap().into_iter().find(|d| d.id == id).unwrap();
    (id, doc.docno)
}

fn citations_of<'a>(citations: &'a [Citation], id: i64, number: &str) -> Vec<&'a Citation> {
    citations
        .iter()
        .filter(|c| {
            c.citing.id == Some(id) && c.reference.kind == RefKind::Docno && c.reference.name == number
        })
        .collect()
}

#[test]
fn a_number_quoted_in_the_first_lines_is_neither_the_documents_number_nor_a_self_citation() {
    let (_dir, project, citations) = project();
    for (file, quoted) in QUOTING {
        let (id, docno) = docno_of(&project, file);
        assert_eq!(docno, None, "{file} took the number it quotes as its own");
        let cited = citations_of(&citations, id, quoted);
        assert!(!cited.is_empty(), "{file}: the quoted {quoted} is not read as a citation");
        for c in cited {
            assert_ne!(c.status, Status::SelfRef, "{file}: the quoted {quoted} is counted as self");
        }
    }
}

#[test]
fn the_number_under_the_title_is_the_documents_number() {
    let (_dir, project, citations) = project();
    let mut quoted_own = 0;
    for (file, own) in OWN {
        let (id, docno) = docno_of(&project, file);
        assert_eq!(docno.as_deref(), Some(*own), "{file}");
        for c in citations_of(&citations, id, own) {
            assert_eq!(c.status, Status::SelfRef, "{file}: its own {own} is read as another document");
            quoted_own += 1;
        }
    }
    // The notice's number under its title is read as a reference to itself.
    assert!(quoted_own > 0, "no document's own number was read as a self citation");
}
