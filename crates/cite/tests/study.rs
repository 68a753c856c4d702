//! The acceptance cases of the model study: the generative-AI measures
//! (study/08) and their references, the snowball from it, and the graph
//! exports.

mod common;

use std::path::PathBuf;

use policyscope_cite::graph::{build_graph, export, svg};
use policyscope_cite::snowball::{snowball, Rules};
use policyscope_cite::{store, Status};
use policyscope_corpus::{Catalog, Project};

const LAWS: &[&str] = &[
    "行政法/网络安全法(2016-11-07).md",
    "行政法/数据安全法(2021-06-10).md",
    "行政法/个人信息保护法(2021-08-20).md",
    "行政法/科学技术进步法(2021-12-24).md",
    "行政法规/互联网信息服务算法推荐管理规定(2021-11-16).md",
    "行政法规/互联网信息服务管理办法(2011-01-08).md",
    "行政法规/电信条例(2016-02-06).md",
    "行政法规/计算机信息网络国际联网安全保护管理办法(2011-01-08).md",
    "行政法规/计算机信息系统安全保护条例(2011-01-08).md",
];

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures")).join(name)
}

fn study_project(with_catalog: bool) -> (tempfile::TempDir, Project, Option<Catalog>) {
    let corpus = common::corpus();
    let mut files: Vec<PathBuf> = LAWS.iter().map(|l| corpus.join("laws").join(l)).collect();
    files.push(corpus.join("study/08-generative-ai-services-interim-measures-2023.md"));
    files.push(corpus.join("study/13-cybersecurity-law-2016.md"));
    // Made-up earlier and later versions, so the version choice is tested.
    files.push(fixture("versions/科学技术进步法(2007-12-29).md"));
    files.push(fixture("versions/网络安全法(2025-10-28).md"));
    let catalog = Catalog::load(&corpus.join("../domain/catalog.tsv")).unwrap();
    let (dir, project) = common::project_with(&files, Some(catalog.clone()));
    (dir, project, with_catalog.then_some(catalog))
}

fn path_of(project: &Project, id: Option<i64>) -> Vec<String> {
    id.map(|id| project.document_meta(id).unwrap().paths).unwrap_or_default()
}

#[test]
fn generative_ai_measures_resolve_to_the_versions_in_force() {
    let (_dir, project, catalog) = study_project(true);
    let seed = common::id_at(&project, "study/08-generative-ai-services-interim-measures-2023.md");
    let cites = store::citations_of(&project, seed, catalog.as_ref()).unwrap();
    for (title, file) in [
        ("网络安全法", "网络安全法(2016-11-07).md"),
        ("数据安全法", "数据安全法(2021-06-10).md"),
        ("个人信息保护法", "个人信息保护法(2021-08-20).md"),
        ("科学技术进步法", "科学技术进步法(2021-12-24).md"),
    ] {
        let refs: Vec<_> = cites.iter().filter(|c| c.reference.name.ends_with(title)).collect();
        assert!(!refs.is_empty(), "{title}");
        for c in refs {
            assert_eq!(c.status, Status::Resolved, "{title}");
            let paths = path_of(&project, c.target.as_ref().and_then(|d| d.id));
            assert!(paths.iter().any(|p| p.ends_with(file)), "{title}: {paths:?}");
        }
    }
    let deep = cites.iter().find(|c| c.reference.name == "互联网信息服务深度合成管理规定").unwrap();
    assert_eq!(deep.status, Status::External);
    assert_eq!(deep.target.as_ref().and_then(|d| d.catalog_no.as_deref()), Some("17"));
    // The two-version laws say which version was taken and why.
    let sci = cites.iter().find(|c| c.reference.name.ends_with("科学技术进步法")).unwrap();
    assert!(
        sci.version_note.as_deref().unwrap_or("").contains("latest on or before"),
        "{:?}",
        sci.version_note
    );
    // Readers without a catalog of their own keep the one used last.
    assert!(store::stored_catalog(&project).unwrap().is_some());
    let current = store::current(&project).unwrap();
    assert!(current.iter().any(|c| c.status == Status::External));
    // Without the catalog the same reference is unresolved, with candidates.
    let bare = store::citations_of(&project, seed, None).unwrap();
    let deep = bare.iter().find(|c| c.reference.name == "互联网信息服务深度合成管理规定").unwrap();
    assert_eq!(deep.status, Status::Unresolved);
    assert!(deep.target.is_none());
}

#[test]
fn snowball_from_the_measures_is_reproducible_and_exports_load() {
    let (_dir, project, catalog) = study_project(true);
    let seed = common::id_at(&project, "study/08-generative-ai-services-interim-measures-2023.md");
    let all = store::all_citations(&project, catalog.as_ref()).unwrap();
    let rules =
        Rules::load(&PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/study.toml"))).unwrap();
    let first = snowball(&project, &all, &[seed], &rules).unwrap();
    let again =
        snowball(&project, &store::all_citations(&project, catalog.as_ref()).unwrap(), &[seed], &rules)
            .unwrap();
    assert_eq!(serde_json::to_string(&first).unwrap(), serde_json::to_string(&again).unwrap());
    let round1: Vec<String> = first.rounds[0].admitted.iter().map(|s| s.doc.title.clone()).collect();
    for t in ["网络安全法", "数据安全法", "个人信息保护法", "科学技术进步法", "算法推荐管理规定"]
    {
        assert!(round1.iter().any(|x| x.ends_with(t)), "{t} not in round 1: {round1:?}");
    }
    assert!(first.admitted().all(|s| s.doc.id.is_some()));
    assert!(first.admitted().skip(1).all(|s| s.via.is_some() && s.round >= 1));
    assert!(first.outside.iter().any(|o| o.status == "external" && o.reference.contains("深度合成")));
    // Forward from the Cybersecurity Law reaches the measures that cite it.
    let csl = common::id_at(&project, "网络安全法(2016-11-07).md");
    let fwd = Rules { direction: policyscope_cite::snowball::Direction::Forward, ..Rules::default() };
    let forward = snowball(&project, &all, &[csl], &fwd).unwrap();
    assert!(forward.admitted().any(|s| s.doc.id == Some(seed) && s.direction == "forward"));

    let graph = build_graph(&all, Some(&first));
    assert_eq!(graph.nodes.iter().filter(|n| n.seed).count(), 1);
    assert!(graph.nodes.iter().any(|n| n.external));
    let sum: f64 = graph.nodes.iter().map(|n| n.pagerank).sum();
    assert!((sum - 1.0).abs() < 1e-6);
    let graphml = export::to_graphml(&graph);
    let svg_text = svg::to_svg(&graph, &svg::SvgOptions::default());
    for doc in [&graphml, &svg_text] {
        let mut reader = quick_xml::Reader::from_str(doc);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("not well-formed XML: {e}"),
            }
        }
    }
    assert!(svg_text.contains("#ffd866"), "the seed is highlighted");
    assert!(export::to_dot(&graph).starts_with("digraph"));
    check_with_networkx(&graphml, &graph);
}

/// Loads the GraphML with networkx (the project's Python, made by
/// scripts/setup.sh) and compares node count, edge count and PageRank.
fn check_with_networkx(graphml: &str, graph: &policyscope_cite::graph::CitationGraph) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.graphml");
    std::fs::write(&path, graphml).unwrap();
    let script = "import sys, json\n\
import networkx as nx\n\
g = nx.read_graphml(sys.argv[1])\n\
pr = nx.pagerank(g, weight=None)\n\
print(json.dumps({'nodes': g.number_of_nodes(), 'edges': g.number_of_edges(), \
'diff': max(abs(pr[n] - d['pagerank']) for n, d in g.nodes(data=True)), \
'seeds': sum(1 for _, d in g.nodes(data=True) if d['seed'] is True)}))\n";
    let python = policyscope_testkit::python_with(&["networkx", "scipy"]);
    let o = std::process::Command::new(python).arg("-c").arg(script).arg(&path).output().unwrap();
    assert!(
        o.status.success(),
        "networkx could not read the GraphML: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["nodes"].as_u64(), Some(graph.nodes.len() as u64));
    assert_eq!(v["edges"].as_u64(), Some(graph.edges.len() as u64));
    assert_eq!(v["seeds"].as_u64(), Some(1));
    assert!(v["diff"].as_f64().unwrap() < 1e-5, "PageRank differs from networkx by {}", v["diff"]);
    println!("networkx read the GraphML: {out}");
}
