//! Property tests: any valid small configuration keeps counts consistent,
//! shares summing to one, and garbage specs are refused, never crash.

use policyscope_lab::models::{ModelConfig, ModelKind};
use policyscope_lab::rng::run_rng;
use policyscope_lab::summary::{bloc_shares, global_shares};
use policyscope_lab::Spec;
use proptest::prelude::*;

fn net_config(n: u64, k: usize, rate: f64, sync: bool, t_on: u32, kind: &str, graph: &str) -> String {
    let strength = if kind == "subsidy" { 1.5 } else { 0.4 };
    format!(
        "n = {n}\nk = {k}\nsteps = 30\nupdate = \"{}\"\n\
         blocs = [{{ name = \"a\", share = 0.3, rate = {rate} }}, {{ name = \"b\", share = 0.7, rate = {rate} }}]\n\
         graph = {{ kind = \"{graph}\", mean_degree = 6 }}\n\
         [[policy]]\nkind = \"{kind}\"\nbloc = \"a\"\nstandard = {}\nt_on = {t_on}\nduration = 10\nstrength = {strength}\n",
        if sync { "sync" } else { "async" },
        k - 1
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn network_counts_stay_consistent_and_shares_sum_to_one(
        n in 2u64..400, k in 2usize..6, rate in 0.0f64..=1.0, sync in any::<bool>(), t_on in 0u32..30,
        kind in prop::sample::select(vec!["subsidy", "ban", "endorse", "seed", "mandate"]),
        graph in prop::sample::select(vec!["er", "sbm", "lattice", "ba"]), seed in 0u32..1000,
    ) {
        let text = net_config(n, k, rate, sync, t_on, kind, graph);
        let cfg = ModelConfig::from_value(ModelKind::Netchoice, toml::from_str(&text).expect("generated TOML parses"))
            .expect("generated config is valid");
        let mut rng = run_rng(1, seed, 0);
        let mut m = cfg.build(&mut rng).expect("builds");
        for t in 0..30 {
            m.step(t, &mut rng);
            let counts = m.counts();
            prop_assert_eq!(counts.iter().sum::<u64>(), n);
            let g = global_shares(counts, k);
            prop_assert!((g.iter().sum::<f64>() - 1.0).abs() < 1e-9);
            for row in bloc_shares(counts, 2, k) {
                let s: f64 = row.iter().sum();
                prop_assert!(s == 0.0 || (s - 1.0).abs() < 1e-9);
            }
        }
    }

    #[test]
    fn bass_adopters_never_exceed_market_or_go_negative(
        p in 0.0f64..0.5, q in 0.0f64..2.0, coupling in 0.0f64..=1.0, seed in 0u32..1000, sizes in (1u64..5000, 0u64..5000),
    ) {
        let text = format!(
            "k = 3\nsteps = 40\ncoupling = {coupling}\ngamma = 1.0\n\
             blocs = [{{ name = \"a\", size = {}, p = {p}, q = {q} }}, {{ name = \"b\", size = {}, p = {p}, q = {q} }}]\n\
             [[policy]]\nkind = \"intensity\"\nbloc = \"a\"\nstandard = 0\nt_on = 5\nstrength = 2.0\n",
            sizes.0, sizes.1
        );
        let cfg = ModelConfig::from_value(ModelKind::Bass, toml::from_str(&text).expect("parses")).expect("valid");
        let mut rng = run_rng(2, seed, 0);
        let mut m = cfg.build(&mut rng).expect("builds");
        let mut last = 0;
        for t in 0..40 {
            m.step(t, &mut rng);
            let c = m.counts();
            prop_assert!(c[..3].iter().sum::<u64>() <= sizes.0 && c[3..].iter().sum::<u64>() <= sizes.1);
            let total: u64 = c.iter().sum();
            prop_assert!(total >= last, "adopters never leave");
            last = total;
        }
    }

    #[test]
    fn garbage_spec_text_is_refused_not_crashed(text in "\\PC{0,400}") {
        let _ = Spec::parse(&text).and_then(|s| s.resolve(std::path::Path::new(".")));
    }

    #[test]
    fn mutated_spec_is_refused_or_resolved_not_crashed(
        cut in 0usize..600, insert in "[\\[\\]{}=\"a-z0-9.,\\n -]{0,30}",
    ) {
        let base = "[experiment]\nid = \"x\"\nmodel = \"netchoice\"\nmaster_seed = 1\nreplicates = 2\n\
                    [design]\nkind = \"lhs\"\nsamples = 4\n[design.factors]\n\"graph.kappa\" = { min = 0.0, max = 1.0 }\n\
                    [base]\nn = 100\nk = 3\nsteps = 10\nblocs = [{ name = \"a\", share = 0.5 }, { name = \"b\", share = 0.5 }]\n\
                    [[base.policy]]\nkind = \"ban\"\nbloc = \"a\"\nstandard = 1\nt_on = 2\n";
        let at = base.char_indices().map(|(i, _)| i).nth(cut % base.chars().count()).unwrap_or(0);
        let text = format!("{}{}{}", &base[..at], insert, &base[at..]);
        let _ = Spec::parse(&text).and_then(|s| s.resolve(std::path::Path::new(".")));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn garbage_tables_are_refused_not_crashed(bytes in prop::collection::vec(any::<u8>(), 0..600), header in any::<bool>()) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("t.csv");
        let mut content = if header { b"code,year,documents,passages,corpus_documents\n".to_vec() } else { Vec::new() };
        content.extend(bytes);
        std::fs::write(&path, content).expect("write temp file");
        let _ = policyscope_lab::forcing::read_trend(&path);
        let _ = policyscope_lab::design::read_list(&path);
    }
}
