//! Citations between policy documents: extraction, resolution, snowball
//! sampling and the citation graph.
//!
//! * [`extract`] finds references in a text — titles in `《…》` (with
//!   clauses), document numbers, short names introduced by `（以下简称…）` —
//!   and recognises self-references (`本法`).
//! * [`resolve`] matches each reference to a project document (the version
//!   in force on the citing document's date), a catalog entry, the citing
//!   document itself, or nothing (with candidates).
//! * [`store`] keeps resolved citations in the project database so the
//!   graph, snowball, report and web app read them without re-extracting.
//! * [`snowball`] expands a seed set round by round under inclusion rules.
//! * [`missing`] lists what the project lacks: cited versions issued
//!   before every version it holds, and unresolved references by name.
//! * [`graph`] builds the citation graph, its metrics and its exports (DOT,
//!   GraphML, JSON, SVG).
//!
//! ```no_run
//! # fn main() -> policyscope_cite::Result<()> {
//! let project = policyscope_corpus::Project::open("study".as_ref())?;
//! let all = policyscope_cite::store::all_citations(&project, None)?;
//! let rules = policyscope_cite::snowball::Rules::default();
//! let sample = policyscope_cite::snowball::snowball(&project, &all, &[1], &rules)?;
//! let graph = policyscope_cite::graph::build_graph(&all, Some(&sample));
//! println!("{}", policyscope_cite::graph::export::to_dot(&graph));
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

mod error;
pub mod extract;
pub mod graph;
pub mod missing;
pub mod model;
pub mod resolve;
pub mod snowball;
pub mod store;
pub mod summary;

pub use error::{Error, Result};
pub use model::{Candidate, Citation, DocRef, RefKind, Reference, Status, VersionStatus};
