//! Precision of the extractor on a fourth sample of its output, drawn with a
//! new seed after the rules were last changed, disjoint from the three earlier
//! samples and judged before anything was tuned on it
//! (`tests/sample4/`: file, code-point span, kind, entity, verdict; see its
//! README for the seed, the sampling and the judging rules). The extractor is
//! re-run on every sampled document; precision is computed over the judged
//! items it still produces, and most of the sample must still be produced so
//! the fixture cannot silently go stale.

mod common;

use common::{check_sample, Floors, STILL_PRODUCED_FLOOR};

// Held out when judged (seed 202612012031): mentions 147/150 = 0.980, above
// the required 0.95; roles 58/60 = 0.967. The floors are those figures
// rounded down, so a rule change that costs precision on this sample fails
// here; see `tests/sample4/README.md` for the error patterns still open.
#[test]
fn fourth_sample_of_mentions_and_roles_keeps_its_held_out_precision() {
    check_sample(
        "sample4",
        Floors {
            mentions_still_produced: STILL_PRODUCED_FLOOR,
            mention_precision: 0.98,
            role_precision: 0.96,
        },
    );
}
