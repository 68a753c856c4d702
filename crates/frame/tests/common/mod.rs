//! What the judged-sample tests share: reading a fixture of judged items
//! (file, code-point span, kind, entity, verdict), re-running the extractor on
//! the sampled documents and scoring the items it still produces.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use policyscope_frame::{Extraction, Extractor, Frame};

/// At least this share of each sample must still be produced by the extractor,
/// so a fixture cannot silently go stale when the rules change.
pub const STILL_PRODUCED_FLOOR: f64 = 0.90;

/// What identifies an item in a document: `(start, end, kind, entity, 0)` for a
/// mention; for a role, the actor's span, the pattern, the actor id and the
/// verb's first code point.
pub type Key = (usize, usize, String, String, usize);

/// Items the extractor produces now, by document path.
pub type Produced = BTreeSet<(String, Key)>;

/// One judged row: document, identifying key, verdict.
pub struct Judged {
    pub path: String,
    pub key: Key,
    pub correct: bool,
}

/// Reads `dir/file`; `with_verb` for a roles fixture, which has a `verb_start` column.
pub fn load(dir: &Path, file: &str, with_verb: bool) -> Vec<Judged> {
    let path = dir.join(file);
    let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    let mut rows = Vec::new();
    for (n, line) in raw.lines().enumerate().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        let need = if with_verb { 8 } else { 7 };
        assert!(f.len() >= need, "{file}:{}: {} columns, expected {need}", n + 1, f.len());
        let num = |s: &str| s.parse::<usize>().unwrap_or_else(|e| panic!("{file}:{}: `{s}`: {e}", n + 1));
        let verb = if with_verb { num(f[5]) } else { 0 };
        let verdict = f[need - 2];
        assert!(verdict == "0" || verdict == "1", "{file}:{}: verdict `{verdict}`", n + 1);
        rows.push(Judged {
            path: f[0].to_string(),
            key: (num(f[1]), num(f[2]), f[3].to_string(), f[4].to_string(), verb),
            correct: verdict == "1",
        });
    }
    rows
}

/// The text as import keeps it: BOM removed, line endings `\n`.
fn extract(x: &Extractor, corpus: &Path, rel: &str) -> Extraction {
    let path = corpus.join(rel);
    let raw = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("sampled document {} is missing or unreadable: {e}", path.display()));
    let text = raw.strip_prefix('\u{feff}').unwrap_or(&raw).replace("\r\n", "\n");
    let norm = policyscope_text::normalize_for_search(&text);
    x.extract(&text, &norm).unwrap_or_else(|e| panic!("extracting {rel}: {e}"))
}

/// The mentions and roles the built-in extractor produces now in every
/// document the judged rows name.
pub fn produced(rows: &[&Judged]) -> (Produced, Produced) {
    let corpus = policyscope_testkit::shared("corpus");
    let x = Extractor::new(&Frame::builtin().unwrap_or_else(|e| panic!("built-in frame: {e}")))
        .unwrap_or_else(|e| panic!("extractor: {e}"));
    let docs: BTreeSet<&str> = rows.iter().map(|r| r.path.as_str()).collect();
    let mut got_m = BTreeSet::new();
    let mut got_r = BTreeSet::new();
    for rel in docs {
        let ex = extract(&x, &corpus, rel);
        for m in ex.mentions {
            got_m.insert((rel.to_string(), (m.start, m.end, m.kind.as_str().to_string(), m.entity, 0)));
        }
        for r in ex.roles {
            got_r.insert((rel.to_string(), (r.actor_start, r.actor_end, r.pattern, r.actor, r.verb_start)));
        }
    }
    (got_m, got_r)
}

/// Per kind `(produced, correct among produced, sampled)`; prints and returns the totals.
pub fn score(what: &str, rows: &[Judged], produced: &Produced) -> (usize, usize, usize) {
    let mut per_kind: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for r in rows {
        let e = per_kind.entry(r.key.2.as_str()).or_default();
        e.2 += 1;
        if produced.contains(&(r.path.clone(), r.key.clone())) {
            e.0 += 1;
            e.1 += usize::from(r.correct);
        } else {
            println!(
                "{what} no longer produced: {} {}..{} {} {}",
                r.path, r.key.0, r.key.1, r.key.2, r.key.3
            );
        }
    }
    let mut total = (0, 0, 0);
    for (k, (p, c, s)) in &per_kind {
        println!(
            "{what} {k}: still produced {p}/{s}; precision {c}/{p} = {:.3}",
            *c as f64 / (*p).max(1) as f64
        );
        total = (total.0 + p, total.1 + c, total.2 + s);
    }
    println!(
        "{what} overall: still produced {}/{}; precision {}/{} = {:.3}",
        total.0,
        total.2,
        total.1,
        total.0,
        total.1 as f64 / total.0.max(1) as f64
    );
    total
}

/// What a judged sample must keep: the share of its mentions the extractor
/// still produces, and the precision over the produced mentions and roles.
pub struct Floors {
    /// Share of the sampled mentions still produced (roles keep
    /// [`STILL_PRODUCED_FLOOR`]).
    pub mentions_still_produced: f64,
    /// Precision of the judged mentions still produced.
    pub mention_precision: f64,
    /// Precision of the judged role statements still produced.
    pub role_precision: f64,
}

/// The precision the project requires of mentions and of role statements;
/// a sample below it prints the gap.
pub const REQUIRED: (f64, f64) = (0.95, 0.85);

/// Loads the sample in `tests/<name>/`, re-runs the extractor on its
/// documents, prints the figures and checks them against `floors`.
pub fn check_sample(name: &str, floors: Floors) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join(name);
    let mentions = load(&dir, "mentions.tsv", false);
    let roles = load(&dir, "roles.tsv", true);
    assert!(mentions.len() >= 150 && roles.len() >= 60, "the {name} sample is too small");
    let (got_m, got_r) = produced(&mentions.iter().chain(&roles).collect::<Vec<_>>());
    let (mp, mc, ms) = score("mentions", &mentions, &got_m);
    let (rp, rc, rs) = score("roles", &roles, &got_r);
    assert!(
        mp as f64 / ms.max(1) as f64 >= floors.mentions_still_produced,
        "only {mp}/{ms} sampled mentions are still produced: judge a new sample"
    );
    assert!(
        rp as f64 / rs.max(1) as f64 >= STILL_PRODUCED_FLOOR,
        "only {rp}/{rs} sampled roles are still produced: judge a new sample"
    );
    let m_prec = mc as f64 / mp.max(1) as f64;
    let r_prec = rc as f64 / rp.max(1) as f64;
    for (what, got, required) in [("mention", m_prec, REQUIRED.0), ("role", r_prec, REQUIRED.1)] {
        if got < required {
            println!("{what} precision {got:.3} is below the required {required}");
        }
    }
    assert!(
        m_prec >= floors.mention_precision,
        "mention precision {m_prec:.3} is below {}",
        floors.mention_precision
    );
    assert!(r_prec >= floors.role_precision, "role precision {r_prec:.3} is below {}", floors.role_precision);
}
