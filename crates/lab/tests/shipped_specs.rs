//! Every shipped example spec parses, resolves and states its expected result.

use std::path::Path;

#[test]
fn every_shipped_spec_resolves_and_states_its_expectation() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| {
            let r = policyscope_lab::load(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            assert!(!r.spec.experiment.expected.is_empty(), "{} states no expected result", p.display());
            assert!(r.configs.len() > 1, "{} varies nothing", p.display());
            r.spec.experiment.id
        })
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "axelrod-unix",
            "calibrate-noise",
            "coded-share",
            "diffusion-vs-innovation",
            "fragmentation",
            "intervention-timing",
            "market-size",
            "modes",
            "openness",
            "sensitivity"
        ]
    );
}
