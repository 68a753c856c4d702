//! Documents that cite themselves and each other in loops: resolution,
//! snowball and the graph terminate and stay correct.

mod common;

use policyscope_cite::graph::{build_graph, export, svg};
use policyscope_cite::snowball::{snowball, Direction, Rules};
use policyscope_cite::{store, Status};

#[test]
fn self_citations_and_cycles() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    let files = vec![
        write("a(2020-01-01).md", "# 甲管理办法\n\n依据《乙管理条例》和《甲管理办法》，制定本办法。"),
        write("b(2020-02-01).md", "# 乙管理条例\n\n依据《丙管理规定》制定本条例。"),
        write(
            "c(2020-03-01).md",
            "# 丙管理规定\n\n依据《甲管理办法》（以下简称《办法》）。《办法》第二条、《丙管理规定》",
        ),
    ];
    let (_p, project) = common::project_with(&files, None);
    let all = store::all_citations(&project, None).unwrap();
    let selfs = all.iter().filter(|c| c.status == Status::SelfRef).count();
    assert_eq!(selfs, 2, "{all:#?}");
    let a = common::id_at(&project, "a(2020-01-01).md");
    for direction in [Direction::Backward, Direction::Forward, Direction::Both] {
        let rules = Rules { direction, max_rounds: 50, ..Rules::default() };
        let result = snowball(&project, &all, &[a], &rules).unwrap();
        assert_eq!(result.admitted().count(), 3, "{direction:?}");
        let rounds = if direction == Direction::Both { 1 } else { 2 };
        assert_eq!(result.rounds.len(), rounds, "{direction:?}: {:?}", result.rounds);
        assert_eq!(result.stopped, "no new documents");
    }
    let g = build_graph(&all, None);
    assert_eq!((g.nodes.len(), g.edges.len(), g.components), (3, 3, 1));
    assert!(g.nodes.iter().all(|n| (n.pagerank - 1.0 / 3.0).abs() < 1e-6));
    let svg_text = svg::to_svg(&g, &svg::SvgOptions::default());
    assert_eq!(svg_text.matches("marker-end=").count(), 3);
    assert!(export::to_graphml(&g).contains("edgedefault=\"directed\""));
    // An unknown seed is an error, not a panic.
    assert!(snowball(&project, &all, &[9999], &Rules::default()).is_err());
    // Stored citations are reused until the documents change.
    assert!(!store::ensure(&project, None, &mut |_, _| {}).unwrap());
}
