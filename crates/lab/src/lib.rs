//! The scenario lab: simulated standard wars as reproducible experiments.
//!
//! Five model families share one runner: sequential-adoption urns
//! ([`models::urn`]), Bass / Generalized Bass diffusion ([`models::bass`]),
//! networked coordination ([`models::network`]), standard-setting coalitions
//! ([`models::coalition`]), and standard supply by committee, market, hybrid
//! and government ([`models::supply`]) feeding entries into the network. An
//! experiment is a TOML [`spec`] — a design over parameters, replicates, a
//! master seed — that [`runner`] executes in parallel with per-run random
//! streams, so results are identical whatever the thread count. Outputs are
//! tidy CSV with provenance and SVG figures; [`forcing`] turns coded policy
//! series into policy schedules, [`calibrate`] fits parameters by rejection
//! ABC to observed values ([`observed`]: summaries, or a coded series read as
//! adoption), and [`results`] reads finished experiments back for the report.

pub mod calibrate;
pub mod design;
pub mod error;
pub mod forcing;
pub mod models;
pub mod observed;
pub mod results;
pub mod rng;
pub mod runner;
pub mod sensitivity;
pub mod spec;
pub mod summary;
pub mod svg;

pub use error::{LabError, Result};
pub use spec::{load, Resolved, Spec};
