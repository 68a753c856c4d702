//! Document pages show stored text as a document — heading markers and HTML
//! comments hidden, headings as headings, codings on a heading line still on
//! the right characters — and a translation with its original, counted once
//! in Table 4.

use policyscope_coding::{CodingStore, NewCode, NewCoding, Status};
use policyscope_corpus::import::{import_paths, ImportOptions};
use policyscope_corpus::Project;
use policyscope_report::{build_site, ReportOptions};

const ORIGINAL: &str =
    "# 标准化工作办法\n<!-- 来源：示例网站 -->\n## 第一章 国际标准\n第一条 推动国际标准合作。\n";
const TRANSLATION: &str =
    "# Measures on Standardisation Work\n\nArticle 1 Promote cooperation on international standards.\n";

#[test]
fn headings_and_comments_render_and_a_translation_counts_once() {
    let tmp = tempfile::tempdir().unwrap();
    let (zh_file, en_file) = (tmp.path().join("original.md"), tmp.path().join("translation.md"));
    std::fs::write(&zh_file, ORIGINAL).unwrap();
    std::fs::write(&en_file, TRANSLATION).unwrap();
    let mut project = Project::init(&tmp.path().join("p")).unwrap();
    let summary = import_paths(&mut project, &[zh_file, en_file], &ImportOptions::default(), &mut |_| {});
    assert_eq!(summary.imported(), 2, "{:?}", summary.files);
    let docs = project.documents(false).unwrap();
    let (zh, en) = (docs[0].id, docs[1].id);
    project.link_translation(en, zh).unwrap();
    let store = CodingStore::open(&project).unwrap();
    let code = store
        .upsert_code(&NewCode {
            path: "Internationalisation".into(),
            colour: Some("#1f77b4".into()),
            codable: true,
            ..Default::default()
        })
        .unwrap();
    // 国际标准 in the heading line `## 第一章 国际标准`: code points 41..45 of the stored text.
    let chars: Vec<char> = ORIGINAL.chars().collect();
    let at = ORIGINAL.find("章 国际").map(|b| ORIGINAL[..b].chars().count() + 2).unwrap();
    assert_eq!(chars[at..at + 4].iter().collect::<String>(), "国际标准");
    for (doc, start, end) in [(zh, at as i64, at as i64 + 4), (en, 10, 20)] {
        store
            .add_coding(&NewCoding {
                doc_id: doc,
                code_id: code.id,
                start,
                end,
                coder: "alice".into(),
                status: Status::Accepted,
                guid: None,
            })
            .unwrap();
    }
    let out = tmp.path().join("site");
    build_site(&project, &ReportOptions::new(&out)).unwrap();
    let page = std::fs::read_to_string(out.join(format!("docs/{zh}.html"))).unwrap();
    let text = &page[page.find("<div class=\"doc-text\"").unwrap()..];
    assert!(!text.contains("## ") && !text.contains("&lt;!--") && !text.contains("来源"), "{text}");
    assert!(text.contains("<p class=\"heading h2\""), "{text}");
    let heading = text.split("<p class=\"heading h2\"").nth(1).unwrap().split("</p>").next().unwrap();
    assert!(
        heading.ends_with(
            "第一章 <mark class=\"one\" style=\"--c:#1f77b4\" title=\"Internationalisation\">国际标准</mark>"
        ),
        "{heading}"
    );
    assert!(page.contains("<strong>Translations:</strong>"), "the original names its translation");
    let en_page = std::fs::read_to_string(out.join(format!("docs/{en}.html"))).unwrap();
    assert!(
        en_page.contains(&format!("<strong>Translation of:</strong> <a href=\"{zh}.html\">")),
        "{en_page}"
    );

    // Table 4: the code's row counts one document, the original.
    let table = std::fs::read_to_string(out.join("table.html")).unwrap();
    let row = table.split("Internationalisation</a></td>").nth(1).unwrap().split("</tr>").next().unwrap();
    assert!(row.contains("<td class=\"num\">1</td>"), "{row}");
    assert!(row.contains(&format!("docs/{zh}.html")) && !row.contains(&format!("docs/{en}.html")), "{row}");
}
