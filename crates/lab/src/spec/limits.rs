//! Size limits on specs and experiments, each with the error it raises, so a
//! mistyped spec fails at once instead of exhausting memory or time.

/// Largest spec file read (bytes).
pub const MAX_SPEC_BYTES: usize = 1 << 20;
/// Deepest nesting of tables and arrays accepted in a spec.
pub const MAX_DEPTH: usize = 32;
/// Largest design-list file read (bytes).
pub const MAX_LIST_BYTES: usize = 16 << 20;
/// Most configurations in one experiment.
pub const MAX_CONFIGS: usize = 200_000;
/// Most replicates of one configuration.
pub const MAX_REPLICATES: u32 = 100_000;
/// Most runs (configurations × replicates) in one experiment.
pub const MAX_RUNS: u64 = 1_000_000;
/// Most steps of a run.
pub const MAX_STEPS: u64 = 1_000_000;
/// Most standards.
pub const MAX_K: usize = 8;
/// Most blocs.
pub const MAX_BLOCS: usize = 16;
/// Most potential adopters in a count-based model.
pub const MAX_AGENTS: u64 = 1_000_000_000;
/// Most agents in the networked model (one byte of state plus neighbour lists each).
pub const MAX_NET_AGENTS: u64 = 2_000_000;
/// Most agent-steps in a whole experiment (10¹³ is hours on two cores).
pub const MAX_WORK: u64 = 10_000_000_000_000;
/// Most rows of per-step records an experiment may write.
pub const MAX_RECORD_ROWS: u64 = 10_000_000;
/// Most segments in a parameter path such as `policy[0].t_on`.
pub const MAX_PATH_SEGMENTS: usize = 16;
