//! The shipped intervention-timing spec reproduces a closing policy window.

mod common;

use std::path::Path;

use policyscope_lab::runner;
use policyscope_lab::summary::aggregate;
use policyscope_lab::Spec;

#[test]
fn intervention_timing_spec_shows_a_closing_policy_window() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs/intervention-timing.toml");
    let mut spec = Spec::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    // Reduced: fewer replicates and three start times (early, mid, late).
    spec.experiment.replicates = 24;
    spec.design
        .factors
        .insert("policy[0].t_on".into(), toml::Value::Array(vec![0.into(), 40.into(), 160.into()]));
    let r = spec.resolve(path.parent().unwrap_or(Path::new("."))).unwrap_or_else(|e| panic!("{e}"));
    let out = runner::run(&r, None).unwrap_or_else(|e| panic!("{e}"));
    let summaries: Vec<_> = out.runs.iter().map(|x| x.summary.clone()).collect();
    let aggs = aggregate(&summaries);
    let (early, late) = (&aggs[0], &aggs[2]);
    assert!(early.p_success_lo > 0.75, "early subsidy should almost always win: {early:?}");
    assert!(late.p_success_hi < 0.25, "late subsidy should almost never win: {late:?}");
    assert!(
        aggs[1].p_success <= early.p_success && aggs[1].p_success >= late.p_success,
        "not monotone: {aggs:?}"
    );
    assert!(early.p_policy_after_fluid < 0.1, "an early start falls in the fluid period: {early:?}");
    assert!(late.p_policy_after_fluid > 0.9, "a late start falls after it: {late:?}");
    assert!(late.lock_in_mean > early.lock_in_mean, "lock-in grows with the start: {aggs:?}");
}
