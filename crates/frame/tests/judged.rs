//! Precision of the extractor on a sample of its own output, judged by reading
//! each item in its sentence (`tests/judged/`: file, code-point span, kind,
//! entity, verdict). The extractor is re-run on every sampled document; the
//! precision is computed over the judged items it still produces, and most of
//! the sample must still be produced so the fixture cannot silently go stale.

mod common;

use std::path::Path;

use common::{assert_still_produced, load, produced, score};

/// This sample (seed 202612011430) was the development sample: it measured
/// 144/167 = 0.862 with the extractor it was drawn from, and the error
/// patterns it showed were then fixed (see `tests/judged/README.md`). The
/// held-out measurement of the fixed extractor is `tests/heldout.rs`. Here the
/// judged items the extractor still produces must keep the required precision.
const MENTION_PRECISION_FLOOR: f64 = 0.95;
/// The fixes removed 21 of the 167 sampled mentions (20 of them judged wrong),
/// so this sample keeps a lower still-produced floor than a fresh one.
const MENTIONS_STILL_PRODUCED_FLOOR: f64 = 0.85;
/// Role statements: at least this share of the judged sample must be correct.
const ROLE_PRECISION_FLOOR: f64 = 0.85;

#[test]
fn judged_sample_of_mentions_and_roles_keeps_its_precision() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("judged");
    let mentions = load(&dir, "mentions.tsv", false);
    let roles = load(&dir, "roles.tsv", true);
    assert!(mentions.len() >= 150 && roles.len() >= 60, "the judged sample is too small");
    let (got_m, got_r) = produced(&mentions.iter().chain(&roles).collect::<Vec<_>>());
    let (mp, mc, ms) = score("mentions", &mentions, &got_m);
    let (rp, rc, rs) = score("roles", &roles, &got_r);
    assert!(
        mp as f64 / ms as f64 >= MENTIONS_STILL_PRODUCED_FLOOR,
        "only {mp}/{ms} sampled mentions are still produced: judge a new sample"
    );
    assert_still_produced("roles", rp, rs);
    let m_prec = mc as f64 / mp as f64;
    let r_prec = rc as f64 / rp as f64;
    assert!(
        m_prec >= MENTION_PRECISION_FLOOR,
        "mention precision {m_prec:.3} is below {MENTION_PRECISION_FLOOR}"
    );
    assert!(r_prec >= ROLE_PRECISION_FLOOR, "role precision {r_prec:.3} is below {ROLE_PRECISION_FLOOR}");
}
