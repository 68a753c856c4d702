//! The figures of a comparison, from plain inputs.

use super::types::*;
use crate::{alpha_binary, fleiss_kappa, fleiss_kappa_runs, pool, spans, unitizing_alpha, BinaryCounts};

fn figures_from_flags(flags: &[Vec<bool>]) -> UnitFigures {
    let m = flags.len();
    let units = flags.first().map_or(0, Vec::len) as u64;
    let pair = (m == 2).then(|| pair_of(BinaryCounts::from_flags(&flags[0], &flags[1])));
    let fleiss = (m > 2)
        .then(|| {
            let rows: Vec<Vec<u64>> = (0..units as usize)
                .map(|u| {
                    let yes = flags.iter().filter(|f| f[u]).count() as u64;
                    vec![yes, m as u64 - yes]
                })
                .collect();
            fleiss_kappa(&rows)
        })
        .flatten();
    let data: Vec<Vec<Option<bool>>> = flags.iter().map(|f| f.iter().map(|&b| Some(b)).collect()).collect();
    UnitFigures { units, pair, fleiss_kappa: fleiss, alpha: alpha_binary(&data) }
}

fn pair_of(counts: BinaryCounts) -> PairFigures {
    PairFigures { counts, percent_agreement: counts.percent_agreement(), kappa: counts.kappa() }
}

/// Runs of constant coder sets over `[0, len)`: `(start, end, who)`.
fn runs(len: u64, merged: &[Vec<(u64, u64)>]) -> Vec<(u64, u64, Vec<bool>)> {
    let mut cuts: Vec<u64> = vec![0, len];
    for m in merged {
        for &(s, e) in m {
            cuts.push(s);
            cuts.push(e);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|w| (w[0], w[1], merged.iter().map(|m| spans::overlaps(m, w[0], w[1])).collect()))
        .collect()
}

fn figures_from_spans(len: u64, merged: &[Vec<(u64, u64)>]) -> UnitFigures {
    let m = merged.len();
    let pair = (m == 2).then(|| pair_of(BinaryCounts::from_spans(len, &merged[0], &merged[1])));
    let fleiss = (m > 2)
        .then(|| {
            let r: Vec<(u64, u64)> = runs(len, merged)
                .iter()
                .map(|(s, e, who)| (e - s, who.iter().filter(|x| **x).count() as u64))
                .collect();
            fleiss_kappa_runs(&r, m as u64)
        })
        .flatten();
    UnitFigures { units: len, pair, fleiss_kappa: fleiss, alpha: unitizing_alpha(len, merged) }
}

fn kappa_of(f: &UnitFigures) -> Option<f64> {
    f.pair.and_then(|p| p.kappa).or(f.fleiss_kappa)
}

/// Computes a comparison.
pub fn measure(input: &Input, unit: Unit) -> Comparison {
    let m = input.coders.len();
    let mut cells = Vec::new();
    let mut codes = Vec::new();
    let mut disagreements = Vec::new();
    for (ci, code) in input.codes.iter().enumerate() {
        let mut docs: Vec<usize> = input.spans.keys().filter(|(c, _)| *c == ci).map(|(_, d)| *d).collect();
        docs.sort_unstable();
        let mut code_cells: Vec<UnitFigures> = Vec::new();
        let mut all_flags: Vec<Vec<bool>> = vec![Vec::new(); m];
        let mut all_spans: Vec<Vec<(u64, u64)>> = vec![Vec::new(); m];
        let mut offset = 0;
        let docs_for_units: Vec<usize> =
            if unit == Unit::Document { (0..input.docs.len()).collect() } else { docs.clone() };
        for &di in &docs_for_units {
            let doc = &input.docs[di];
            let empty = vec![Vec::new(); m];
            let raw = input.spans.get(&(ci, di)).unwrap_or(&empty);
            let merged: Vec<Vec<(u64, u64)>> = raw.iter().map(|s| spans::merge(s, doc.len)).collect();
            // A unit some but not all coders coded; `with_text` is false for
            // whole documents, whose text is not repeated in the listing.
            let disagreement = |s: u64, e: u64, flags: &[bool], with_text: bool| {
                let mixed = flags.iter().any(|x| *x) && !flags.iter().all(|x| *x);
                mixed.then(|| Disagreement {
                    code: code.clone(),
                    doc_id: doc.doc_id,
                    title: doc.title.clone(),
                    start: s,
                    end: e,
                    coded_by: input
                        .coders
                        .iter()
                        .zip(flags)
                        .filter(|(_, f)| **f)
                        .map(|(c, _)| c.clone())
                        .collect(),
                    text: if with_text {
                        doc.text.chars().skip(s as usize).take((e - s) as usize).collect()
                    } else {
                        String::new()
                    },
                })
            };
            match unit {
                Unit::Char => {
                    let f = figures_from_spans(doc.len, &merged);
                    for (s, e, flags) in runs(doc.len, &merged) {
                        disagreements.extend(disagreement(s, e, &flags, true));
                    }
                    for (g, sp) in merged.iter().enumerate() {
                        all_spans[g].extend(sp.iter().map(|(s, e)| (s + offset, e + offset)));
                    }
                    offset += doc.len;
                    cells.push(Cell {
                        code: code.clone(),
                        doc_id: doc.doc_id,
                        title: doc.title.clone(),
                        figures: f,
                    });
                    code_cells.push(f);
                }
                Unit::Sentence | Unit::Paragraph => {
                    let flags: Vec<Vec<bool>> = merged
                        .iter()
                        .map(|sp| doc.passages.iter().map(|&(s, e)| spans::overlaps(sp, s, e)).collect())
                        .collect();
                    for (pi, &(s, e)) in doc.passages.iter().enumerate() {
                        let f: Vec<bool> = flags.iter().map(|x| x[pi]).collect();
                        disagreements.extend(disagreement(s, e, &f, true));
                    }
                    let fig = figures_from_flags(&flags);
                    for (g, f) in flags.into_iter().enumerate() {
                        all_flags[g].extend(f);
                    }
                    cells.push(Cell {
                        code: code.clone(),
                        doc_id: doc.doc_id,
                        title: doc.title.clone(),
                        figures: fig,
                    });
                    code_cells.push(fig);
                }
                Unit::Document => {
                    let f: Vec<bool> = merged.iter().map(|sp| !sp.is_empty()).collect();
                    disagreements.extend(disagreement(0, doc.len, &f, false));
                    for (g, x) in f.into_iter().enumerate() {
                        all_flags[g].push(x);
                    }
                }
            }
        }
        let pooled = match unit {
            Unit::Char => figures_from_spans(offset, &all_spans),
            _ => figures_from_flags(&all_flags),
        };
        let mean = |get: &dyn Fn(&UnitFigures) -> Option<f64>| {
            pool(code_cells.iter().map(|f| (get(f), f.units as f64)))
        };
        codes.push(CodeSummary {
            code: code.clone(),
            documents: docs.len(),
            pooled,
            percent_mean: mean(&|f| f.pair.and_then(|p| p.percent_agreement)),
            kappa_mean: mean(&kappa_of),
            alpha_mean: mean(&|f| f.alpha),
        });
    }
    let base: Vec<UnitFigures> = if unit == Unit::Document {
        codes.iter().map(|c| c.pooled).collect()
    } else {
        cells.iter().map(|c| c.figures).collect()
    };
    let mean =
        |get: &dyn Fn(&UnitFigures) -> Option<f64>| pool(base.iter().map(|f| (get(f), f.units as f64)));
    let overall = Overall {
        percent_mean: mean(&|f| f.pair.and_then(|p| p.percent_agreement)),
        kappa_mean: mean(&kappa_of),
        alpha_mean: mean(&|f| f.alpha),
    };
    Comparison { unit, coders: input.coders.clone(), cells, codes, overall, disagreements }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn input(a: Vec<(u64, u64)>, b: Vec<(u64, u64)>) -> Input {
        let text: String = "一".repeat(1000);
        Input {
            coders: vec!["A".into(), "B".into()],
            codes: vec!["X".into()],
            docs: vec![DocInput {
                doc_id: 7,
                title: "t".into(),
                len: 1000,
                passages: (0..10).map(|i| (i * 100, i * 100 + 100)).collect(),
                text,
            }],
            spans: HashMap::from([((0, 0), vec![a, b])]),
        }
    }

    #[test]
    fn nvivo_example_through_a_comparison() {
        let c = measure(&input(vec![(0, 150)], vec![(100, 200)]), Unit::Char);
        let p = c.cells[0].figures.pair.unwrap();
        assert_eq!(p.percent_agreement, Some(85.0));
        assert!((p.kappa.unwrap() - 70.0 / 220.0).abs() < 1e-12);
        assert_eq!(c.disagreements.len(), 2);
        assert_eq!((c.disagreements[0].start, c.disagreements[0].end), (0, 100));
        assert_eq!(c.disagreements[0].coded_by, vec!["A".to_string()]);
        assert_eq!(c.disagreements[1].coded_by, vec!["B".to_string()]);
        assert_eq!(c.codes[0].pooled.pair.unwrap().counts, p.counts);
    }

    #[test]
    fn passages_count_presence() {
        // A touches paragraphs 0 and 1, B paragraph 1 and 2.
        let c = measure(&input(vec![(50, 150)], vec![(120, 130), (250, 260)]), Unit::Paragraph);
        let p = c.cells[0].figures.pair.unwrap();
        assert_eq!(p.counts, BinaryCounts { both: 1, only_a: 1, only_b: 1, neither: 7 });
        assert_eq!(c.disagreements.len(), 2);
        assert!(c.cells[0].figures.alpha.is_some());
    }

    #[test]
    fn three_coders_use_fleiss() {
        let mut i = input(vec![(0, 100)], vec![(0, 100)]);
        i.coders.push("C".into());
        i.spans.get_mut(&(0, 0)).unwrap().push(vec![(0, 100)]);
        let c = measure(&i, Unit::Char);
        assert_eq!(c.cells[0].figures.fleiss_kappa, Some(1.0));
        assert_eq!(c.cells[0].figures.alpha, Some(1.0));
        assert!(c.disagreements.is_empty());
    }
}
