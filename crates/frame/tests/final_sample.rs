//! Final held-out precision of the extractor: a third sample of its output,
//! drawn with a new seed and disjoint from the two earlier samples
//! (`tests/final/`: file, code-point span, kind, entity, verdict; see its
//! README for the seed, the sampling and the judging rules). The extractor is
//! re-run on every sampled document; precision is computed over the judged
//! items it still produces, and most of the sample must still be produced so
//! the fixture cannot silently go stale.

mod common;

use std::path::Path;

use common::{assert_still_produced, load, produced, score};

/// The precision the project requires of mentions. It is NOT met: this sample
/// measured 141/150 = 0.940 (stage words whose object is not a technical
/// standard, and one generic committee phrase read as a named committee; see
/// `tests/final/README.md`), so the test guards the measured level and prints
/// the gap; raise the floor to this once the patterns are fixed.
const MENTION_PRECISION_REQUIRED: f64 = 0.95;
/// The precision the project requires of role statements.
const ROLE_PRECISION_REQUIRED: f64 = 0.85;
/// Mentions: the precision measured on this sample (0.940), rounded down.
const MENTION_PRECISION_FLOOR: f64 = 0.94;
/// Role statements: the precision measured on this sample (61/62 = 0.984,
/// above the required 0.85), rounded down.
const ROLE_PRECISION_FLOOR: f64 = 0.98;

#[test]
fn final_sample_of_mentions_and_roles_keeps_its_precision() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("final");
    let mentions = load(&dir, "mentions.tsv", false);
    let roles = load(&dir, "roles.tsv", true);
    assert!(mentions.len() >= 150 && roles.len() >= 60, "the final sample is too small");
    let (got_m, got_r) = produced(&mentions.iter().chain(&roles).collect::<Vec<_>>());
    let (mp, mc, ms) = score("mentions", &mentions, &got_m);
    let (rp, rc, rs) = score("roles", &roles, &got_r);
    assert_still_produced("mentions", mp, ms);
    assert_still_produced("roles", rp, rs);
    let m_prec = mc as f64 / mp as f64;
    let r_prec = rc as f64 / rp as f64;
    for (what, got, required) in
        [("mention", m_prec, MENTION_PRECISION_REQUIRED), ("role", r_prec, ROLE_PRECISION_REQUIRED)]
    {
        if got < required {
            println!("{what} precision {got:.3} is below the required {required}");
        }
    }
    assert!(
        m_prec >= MENTION_PRECISION_FLOOR,
        "mention precision {m_prec:.3} is below {MENTION_PRECISION_FLOOR}"
    );
    assert!(r_prec >= ROLE_PRECISION_FLOOR, "role precision {r_prec:.3} is below {ROLE_PRECISION_FLOOR}");
}
