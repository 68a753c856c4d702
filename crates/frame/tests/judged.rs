//! Precision of the extractor on a sample of its own output, judged by reading
//! each item in its sentence (`tests/judged/`: file, code-point span, kind,
//! entity, verdict). The extractor is re-run on every sampled document; the
//! precision is computed over the judged items it still produces, and most of
//! the sample must still be produced so the fixture cannot silently go stale.

mod common;

use common::{check_sample, Floors};

// This sample (seed 202612011430) was the first development sample: it
// measured 144/167 = 0.862 with the extractor it was drawn from, and the
// error patterns it showed were then fixed (see `tests/judged/README.md`).
// The fixes removed 21 of the 167 sampled mentions (20 of them judged wrong),
// so it keeps a lower still-produced floor (0.85) than a fresh sample. After the
// stage-word rules of the third sample, the mentions still produced measure
// 143/144 = 0.993, guarded rounded down.
#[test]
fn judged_sample_of_mentions_and_roles_keeps_its_precision() {
    check_sample(
        "judged",
        Floors { mentions_still_produced: 0.85, mention_precision: 0.99, role_precision: 0.85 },
    );
}
