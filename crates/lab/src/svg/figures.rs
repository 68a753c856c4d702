//! The figures an experiment writes: the policy-window curve (P(win) against
//! intervention start), phase diagrams over two factors, outcome curves over
//! one factor, and sensitivity bars — each with its assumptions underneath.

use std::collections::BTreeMap;

use super::{bars, heatmap, line_chart, Line, Point};
use crate::design::morris::MorrisIndex;
use crate::design::sobol::SobolIndex;
use crate::models::assumptions;
use crate::spec::Resolved;
use crate::summary::Aggregate;

fn num(v: &toml::Value) -> Option<f64> {
    v.as_float().or_else(|| v.as_integer().map(|i| i as f64))
}

fn text(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The notes block: model assumptions, phase thresholds, base parameters, expectation.
pub fn notes(resolved: &Resolved) -> Vec<String> {
    let spec = &resolved.spec;
    let th = spec.summary;
    let base: Vec<String> = spec
        .base
        .as_table()
        .map(|t| {
            t.iter()
                .filter(|(_, v)| !v.is_table() && !v.is_array())
                .map(|(k, v)| format!("{k} = {}", text(v)))
                .collect()
        })
        .unwrap_or_default();
    let mut out = vec![
        format!("Assumptions: {}", assumptions(spec.experiment.model)),
        format!(
            "Phases: fluid if leader share < {} or 1/HHI ≥ {}; specific once leader ≥ {} for {} steps. Seed {}; {} replicates per point; intervals are Wilson 95 %.",
            th.fluid_leader, th.fluid_neff, th.specific_leader, th.window, spec.experiment.master_seed, spec.experiment.replicates
        ),
        format!("Base: {}", base.join(", ")),
    ];
    if !spec.experiment.expected.is_empty() {
        out.push(format!("Expected: {}", spec.experiment.expected));
    }
    out
}

fn numeric_factors(resolved: &Resolved) -> Vec<usize> {
    let d = &resolved.design;
    (0..d.factors.len()).filter(|&f| d.rows.iter().all(|r| num(&r[f]).is_some())).collect()
}

/// Figures for a finished experiment, as (file name, SVG).
pub fn experiment(resolved: &Resolved, aggs: &[Aggregate], has_policy: bool) -> Vec<(String, String)> {
    let d = &resolved.design;
    let notes = notes(resolved);
    let numeric = numeric_factors(resolved);
    let mut out = Vec::new();
    let t_on = numeric.iter().copied().find(|&f| d.factors[f].ends_with("t_on"));
    if let (Some(ft), true) = (t_on, has_policy) {
        let mut groups: BTreeMap<String, Vec<Point>> = BTreeMap::new();
        for a in aggs {
            let row = &d.rows[a.config as usize];
            let key: Vec<String> = (0..d.factors.len())
                .filter(|&f| f != ft)
                .map(|f| format!("{} = {}", d.factors[f], text(&row[f])))
                .collect();
            let x = num(&row[ft]).unwrap_or(f64::NAN);
            groups.entry(key.join(", ")).or_default().push(Point {
                x,
                y: a.p_success,
                lo: a.p_success_lo,
                hi: a.p_success_hi,
            });
        }
        let lines: Vec<Line> = groups
            .into_iter()
            .take(8)
            .map(|(label, mut points)| {
                points.sort_by(|a, b| a.x.total_cmp(&b.x));
                Line { label: if label.is_empty() { "P(win)".into() } else { label }, points }
            })
            .collect();
        out.push((
            "policy-window.svg".to_string(),
            line_chart(
                "Policy window: P(policy's standard wins) by intervention start",
                &d.factors[ft],
                "P(win)",
                &lines,
                Some((0.0, 1.0)),
                &notes,
            ),
        ));
    }
    if numeric.len() >= 2 {
        let fx = t_on.unwrap_or(numeric[0]);
        let fy = numeric.iter().copied().find(|&f| f != fx).unwrap_or(numeric[1]);
        type Map = (&'static str, &'static str, fn(&Aggregate) -> f64);
        let maps: Vec<Map> = if has_policy {
            vec![("phase-diagram.svg", "P(policy's standard wins)", |a| a.p_success)]
        } else {
            vec![("phase-diagram.svg", "P(reaching the specific period)", |a| a.p_specific)]
        };
        let frag: fn(&Aggregate) -> f64 = |a| a.fragmentation_mean;
        let mut maps = maps;
        if aggs.iter().any(|a| a.fragmentation_mean > 0.0) {
            maps.push(("fragmentation.svg", "Mean fragmentation between blocs", frag));
        }
        for (file, what, metric) in maps {
            let xs = distinct(resolved, fx);
            let ys = distinct(resolved, fy);
            let mut sum = vec![vec![(0.0, 0usize); xs.len()]; ys.len()];
            for a in aggs {
                let row = &d.rows[a.config as usize];
                let (Some(x), Some(y)) = (num(&row[fx]), num(&row[fy])) else { continue };
                let (Some(i), Some(j)) = (xs.iter().position(|v| *v == x), ys.iter().position(|v| *v == y))
                else {
                    continue;
                };
                sum[j][i].0 += metric(a);
                sum[j][i].1 += 1;
            }
            let values: Vec<Vec<f64>> = sum
                .iter()
                .map(|r| r.iter().map(|(s, n)| if *n == 0 { f64::NAN } else { s / *n as f64 }).collect())
                .collect();
            let label = |v: &[f64]| v.iter().map(|x| super::fmt_num(*x)).collect::<Vec<_>>();
            out.push((
                file.to_string(),
                heatmap(
                    &format!("{what} over {} × {}", d.factors[fx], d.factors[fy]),
                    &d.factors[fx],
                    &d.factors[fy],
                    &label(&xs),
                    &label(&ys),
                    &values,
                    &notes,
                ),
            ));
        }
    } else if let (Some(&f), None) = (numeric.first(), t_on) {
        let mut points: Vec<Point> = aggs
            .iter()
            .map(|a| {
                let x = num(&d.rows[a.config as usize][f]).unwrap_or(f64::NAN);
                if has_policy {
                    Point { x, y: a.p_success, lo: a.p_success_lo, hi: a.p_success_hi }
                } else {
                    let se = a.leader_share_sd / (a.runs as f64).sqrt();
                    Point {
                        x,
                        y: a.leader_share_mean,
                        lo: a.leader_share_mean - 2.0 * se,
                        hi: a.leader_share_mean + 2.0 * se,
                    }
                }
            })
            .collect();
        points.sort_by(|a, b| a.x.total_cmp(&b.x));
        let what = if has_policy { "P(policy's standard wins)" } else { "final leader share (±2 SE)" };
        out.push((
            "outcome.svg".to_string(),
            line_chart(
                &format!("{what} by {}", d.factors[f]),
                &d.factors[f],
                what,
                &[Line { label: what.into(), points }],
                Some((0.0, 1.0)),
                &notes,
            ),
        ));
    }
    out
}

fn distinct(resolved: &Resolved, f: usize) -> Vec<f64> {
    let mut v: Vec<f64> = resolved.design.rows.iter().filter_map(|r| num(&r[f])).collect();
    v.sort_by(f64::total_cmp);
    v.dedup();
    v
}

/// Sobol' indices as bars (S1 and ST with bootstrap intervals).
pub fn sobol_bars(factors: &[String], idx: &[SobolIndex], metric: &str, notes: &[String]) -> String {
    let values: Vec<Vec<Point>> = idx
        .iter()
        .map(|i| {
            vec![
                Point { x: 0.0, y: i.s1, lo: i.s1_lo, hi: i.s1_hi },
                Point { x: 0.0, y: i.st, lo: i.st_lo, hi: i.st_hi },
            ]
        })
        .collect();
    bars(&format!("Sobol' indices of {metric}"), factors, &["S1", "ST"], &values, notes)
}

/// Morris μ* and σ as bars.
pub fn morris_bars(factors: &[String], idx: &[MorrisIndex], metric: &str, notes: &[String]) -> String {
    let values: Vec<Vec<Point>> = idx
        .iter()
        .map(|i| {
            vec![
                Point { x: 0.0, y: i.mu_star, lo: i.mu_star, hi: i.mu_star },
                Point { x: 0.0, y: i.sigma, lo: i.sigma, hi: i.sigma },
            ]
        })
        .collect();
    bars(&format!("Morris screening of {metric}"), factors, &["μ*", "σ"], &values, notes)
}
