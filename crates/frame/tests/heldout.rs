//! Held-out precision of the extractor: a second sample of its output, drawn
//! with a new seed after the first sample's error patterns were fixed and
//! disjoint from that sample (`tests/heldout/`: file, code-point span, kind,
//! entity, verdict; see its README for the seed and the judging rules). The
//! extractor is re-run on every sampled document; precision is computed over
//! the judged items it still produces, and most of the sample must still be
//! produced so the fixture cannot silently go stale.

mod common;

use common::{check_sample, Floors, STILL_PRODUCED_FLOOR};

// This second sample (seed 202612011513) measured 140/152 = 0.921 for
// mentions and 57/62 = 0.919 for roles when it was drawn; its patterns were
// then fixed (see `tests/heldout/README.md`), so it is a development sample
// now and guards the levels it measures: after the stage-word rules of the
// third sample, mentions 140/140 still produced are right.
#[test]
fn heldout_sample_of_mentions_and_roles_keeps_its_precision() {
    check_sample(
        "heldout",
        Floors {
            mentions_still_produced: STILL_PRODUCED_FLOOR,
            mention_precision: 1.0,
            role_precision: 0.91,
        },
    );
}
