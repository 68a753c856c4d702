//! The extractor on the shared corpus: every national standard identifier
//! with its exact span, and recall against five documents read in full.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use policyscope_frame::{Extractor, Frame, Mention, MentionKind};

/// The text as import keeps it: BOM removed, line endings `\n`.
fn read(path: &Path) -> String {
    let raw = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    raw.strip_prefix('\u{feff}').unwrap_or(&raw).replace("\r\n", "\n")
}

fn mentions(x: &Extractor, text: &str) -> Vec<Mention> {
    let norm = policyscope_text::normalize_for_search(text);
    x.extract(text, &norm).unwrap_or_else(|e| panic!("extracting: {e}")).mentions
}

fn markdown_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    // Folders are walked with an explicit stack: no recursion on input depth.
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).unwrap_or_else(|e| panic!("listing {}: {e}", d.display()));
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "md") {
                out.push(p);
            }
        }
    }
}

/// Every GB identifier in ../shared/corpus (found by reading the corpus
/// with grep): file, code-point span, canonical identifier.
const NATIONAL_STANDARDS: &[(&str, usize, usize, &str)] = &[
    ("laws/其他/人体损伤程度鉴定标准(2014-01-01).md", 160, 168, "GB 18667"),
    ("laws/其他/人体损伤程度鉴定标准(2014-01-01).md", 185, 195, "GB/T 16180"),
    ("laws/其他/人体损伤程度鉴定标准(2014-01-01).md", 217, 232, "GB/T 26341-2010"),
    ("laws/DLC/河南地方法规/地方性法规/河南/洛阳市森林公园管理条例.md", 1192, 1206, "GB/T 18005-1999"),
    ("laws/DLC/河南地方法规/地方性法规/河南/洛阳市森林公园管理条例.md", 1345, 1359, "GB/T 18005-1999"),
    ("laws/DLC/山东地方法规/地方性法规/山东/聊城市水环境保护条例(2018-01-23).md", 8977, 8988, "GB 3838-2002"),
    ("laws/案例/消费购物/江某诉某信息技术有限公司网络购物合同纠纷一案.md", 305, 316, "GB 2760-2011"),
    ("laws/案例/消费购物/江某诉某信息技术有限公司网络购物合同纠纷一案.md", 528, 539, "GB 2760-2011"),
    ("laws/案例/消费购物/郑某与某儿童食品公司网络购物合同纠纷案.md", 386, 398, "GB 19299-2015"),
];

#[test]
fn every_national_standard_in_the_shared_corpus_is_found_with_its_exact_span() {
    let corpus = policyscope_testkit::shared_corpus();
    let x = Extractor::new(&Frame::builtin().unwrap()).unwrap();
    let mut files = Vec::new();
    markdown_files(&corpus, &mut files);
    assert!(files.len() > 3000, "the shared corpus looks incomplete: {} files", files.len());
    let mut found: BTreeSet<(String, usize, usize, String)> = BTreeSet::new();
    for f in &files {
        let rel = f.strip_prefix(&corpus).map(|p| p.to_string_lossy().to_string()).unwrap_or_default();
        for m in mentions(&x, &read(f)) {
            if m.kind == MentionKind::Standard && m.entity.starts_with("GB") {
                found.insert((rel.clone(), m.start, m.end, m.entity));
            }
        }
    }
    let expected: BTreeSet<(String, usize, usize, String)> =
        NATIONAL_STANDARDS.iter().map(|(f, s, e, id)| (f.to_string(), *s, *e, id.to_string())).collect();
    assert_eq!(found, expected);
}

/// One hand-found mention: `(file, start, end, kind, entity)`.
type Labelled = (String, usize, usize, String, String);

fn fixture() -> Vec<Labelled> {
    let text = include_str!("fixtures/recall.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("file\t") && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 5, "bad fixture line {l:?}");
            let n = |s: &str| s.parse::<usize>().unwrap_or_else(|_| panic!("bad offset in {l:?}"));
            (f[0].to_string(), n(f[1]), n(f[2]), f[3].to_string(), f[4].to_string())
        })
        .collect()
}

#[test]
fn recall_on_five_documents_read_in_full() {
    let corpus = policyscope_testkit::shared_corpus();
    let x = Extractor::new(&Frame::builtin().unwrap()).unwrap();
    let labelled = fixture();
    let files: BTreeSet<&str> = labelled.iter().map(|l| l.0.as_str()).collect();
    assert_eq!(files.len(), 5, "the fixture covers five documents");
    let mut predicted: BTreeSet<Labelled> = BTreeSet::new();
    for f in &files {
        for m in mentions(&x, &read(&corpus.join(f))) {
            predicted.insert((f.to_string(), m.start, m.end, m.kind.as_str().to_string(), m.entity));
        }
    }
    let truth: BTreeSet<Labelled> = labelled.into_iter().collect();
    let mut per_kind: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for t in &truth {
        let e = per_kind.entry(t.3.as_str()).or_default();
        e.1 += 1;
        if predicted.contains(t) {
            e.0 += 1;
        } else {
            println!("missed: {} {}..{} {} {}", t.0, t.1, t.2, t.3, t.4);
        }
    }
    for p in predicted.difference(&truth) {
        println!("not in the fixture: {} {}..{} {} {}", p.0, p.1, p.2, p.3, p.4);
    }
    for (k, (hit, all)) in &per_kind {
        println!("recall {k}: {hit}/{all} = {:.3}", *hit as f64 / *all as f64);
    }
    let hits = truth.intersection(&predicted).count();
    let recall = hits as f64 / truth.len() as f64;
    let precision = hits as f64 / predicted.len() as f64;
    println!("recall: {hits}/{} = {recall:.3}; agreement of the output with the fixture: {hits}/{} = {precision:.3}", truth.len(), predicted.len());
    assert!(recall >= RECALL_FLOOR, "recall {recall:.3} fell below {RECALL_FLOOR}");
    let (hit, all) = per_kind.get("stage").copied().unwrap_or_default();
    let stage = hit as f64 / all.max(1) as f64;
    assert!(stage >= STAGE_RECALL_FLOOR, "stage recall {stage:.3} fell below {STAGE_RECALL_FLOOR}");
}

/// The recall measured when the fixture was made (130/141 = 0.922; 128/139 = 0.921
/// once the provincial telecom bodies and the State Council inside a mechanism's name
/// were read as what they are), rounded down.
const RECALL_FLOOR: f64 = 0.92;
/// Stage words are kept only with their standard in sight, for precision
/// (measured 24/35 = 0.686).
const STAGE_RECALL_FLOOR: f64 = 0.68;
