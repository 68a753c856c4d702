//! A fresh random sample of the study codebook's auto-codings in the laws
//! and study corpora, judged by reading (`fresh-sample/README.md`): the
//! sampled passages must still be coded by the built-in codebook, and the
//! strict precision judged on them must hold. The rules were written before
//! the sample was drawn, so this measures them rather than fits them.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

use policyscope_coding::{Codebook, Engine};

/// The judged sample: path (under `../shared/corpus`), start, end (code
/// points), code, rule, verdict (1 = clear instance), note.
const SAMPLE: &str = include_str!("fresh-sample/sample.tsv");

/// Share of sampled passages that must still be coded, so that changed rules
/// cannot quietly leave the judged sample behind.
const MIN_STILL_CODED: f64 = 0.90;

/// The required strict precision; 94 of 115 (0.817) were judged clear.
const MIN_PRECISION: f64 = 0.80;

/// One judged passage.
struct Judged {
    path: String,
    start: usize,
    end: usize,
    code: String,
    clear: bool,
}

/// The rows of `sample.tsv`, failing on a malformed one.
fn sample() -> Vec<Judged> {
    let mut out = Vec::new();
    for (n, line) in SAMPLE.lines().enumerate().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        assert!(f.len() == 7, "sample.tsv line {}: 7 tab-separated columns expected, got {}", n + 1, f.len());
        let number = |s: &str| -> usize {
            s.parse().unwrap_or_else(|_| panic!("sample.tsv line {}: {s:?} is not an offset", n + 1))
        };
        let clear = match f[5] {
            "1" => true,
            "0" => false,
            v => panic!("sample.tsv line {}: verdict {v:?} is neither 1 nor 0", n + 1),
        };
        out.push(Judged {
            path: f[0].to_string(),
            start: number(f[1]),
            end: number(f[2]),
            code: f[3].to_string(),
            clear,
        });
    }
    out
}

/// The (code path, start, end) of each coding, per sampled document.
type Coded = HashMap<String, HashSet<(String, usize, usize)>>;

/// (code path, start, end) of every coding the built-in study codebook makes
/// in each sampled document, coded the way a project run codes it (computed
/// once for both tests).
fn current_codings() -> &'static Coded {
    static CODED: OnceLock<Coded> = OnceLock::new();
    CODED.get_or_init(|| {
        let rows = sample();
        let paths: HashSet<&str> = rows.iter().map(|r| r.path.as_str()).collect();
        let book = Codebook::study().unwrap_or_else(|e| panic!("the built-in study codebook must load: {e}"));
        let engine =
            Engine::new(&book).unwrap_or_else(|e| panic!("the built-in study codebook must compile: {e}"));
        let mut out = HashMap::new();
        for path in paths {
            let file = policyscope_testkit::shared(&format!("corpus/{path}"));
            let text = std::fs::read_to_string(&file)
                .unwrap_or_else(|e| panic!("cannot read sampled document {}: {e}", file.display()));
            let norm = policyscope_text::normalize_for_search(&text);
            let spans = policyscope_text::split_passages(&text);
            let pick = |k| spans.iter().filter(|s| s.kind == k).map(|s| (s.start, s.end)).collect::<Vec<_>>();
            let hits = engine.code(
                &norm,
                &pick(policyscope_text::SpanKind::Sentence),
                &pick(policyscope_text::SpanKind::Paragraph),
            );
            let coded = hits.iter().map(|h| (book.codes[h.code].path.clone(), h.start, h.end)).collect();
            out.insert(path.to_string(), coded);
        }
        out
    })
}

/// The judged rows the codebook still codes.
fn still_coded(rows: &[Judged]) -> Vec<&Judged> {
    let coded = current_codings();
    rows.iter()
        .filter(|r| coded.get(&r.path).is_some_and(|c| c.contains(&(r.code.clone(), r.start, r.end))))
        .collect()
}

#[test]
fn sampled_passages_are_still_coded_by_the_study_codebook() {
    let rows = sample();
    assert!(rows.len() >= 100, "the fresh sample holds at least 100 passages, found {}", rows.len());
    let kept = still_coded(&rows);
    let share = kept.len() as f64 / rows.len() as f64;
    println!("{} of {} sampled passages still coded ({:.1} %)", kept.len(), rows.len(), 100.0 * share);
    assert!(
        share >= MIN_STILL_CODED,
        "only {} of {} sampled passages are still coded: the rules changed; draw and judge a new sample",
        kept.len(),
        rows.len()
    );
}

#[test]
fn strict_precision_on_the_fresh_sample_holds() {
    let rows = sample();
    let kept = still_coded(&rows);
    assert!(!kept.is_empty(), "no sampled passage is still coded");
    let mut per_code: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for r in &kept {
        let e = per_code.entry(r.code.as_str()).or_default();
        e.0 += usize::from(r.clear);
        e.1 += 1;
    }
    for (code, (clear, n)) in &per_code {
        println!("{code}: {clear}/{n} = {:.2}", *clear as f64 / *n as f64);
    }
    let clear = kept.iter().filter(|r| r.clear).count();
    let precision = clear as f64 / kept.len() as f64;
    println!("overall: {clear}/{} = {precision:.3}", kept.len());
    assert!(
        precision >= MIN_PRECISION,
        "strict precision on the fresh sample fell to {precision:.3} (floor {MIN_PRECISION})"
    );
}
