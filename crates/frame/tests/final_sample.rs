//! Precision of the extractor on a third sample of its output, held out when
//! judged (the rules have been tuned on it since), drawn with a new seed and
//! disjoint from the two earlier samples
//! (`tests/final/`: file, code-point span, kind, entity, verdict; see its
//! README for the seed, the sampling and the judging rules). The extractor is
//! re-run on every sampled document; precision is computed over the judged
//! items it still produces, and most of the sample must still be produced so
//! the fixture cannot silently go stale.

mod common;

use common::{check_sample, Floors, STILL_PRODUCED_FLOOR};

// This third sample (seed 202612011523), drawn after the others' patterns
// were fixed, measured mentions 141/150 = 0.940 held out, below the required
// 0.95 (stage words whose object is not a technical standard, a committee
// class read as one committee; see `tests/final/README.md`), roles 61/62 =
// 0.984. Those patterns were then fixed, so it is a development sample now:
// the 141 mentions still produced are all right, and it guards that level.
#[test]
fn final_sample_of_mentions_and_roles_keeps_its_precision() {
    check_sample(
        "final",
        Floors {
            mentions_still_produced: STILL_PRODUCED_FLOOR,
            mention_precision: 1.0,
            role_precision: 0.98,
        },
    );
}
