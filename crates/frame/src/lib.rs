//! The study's analytical frame as data, and what it finds in the text.
//!
//! The frame ([`Frame`]) is six tables: NIS elements, standardisation
//! modes, stage models, the actor gazetteer (actors and standard-setting
//! bodies with their Chinese, short and English names, sector and NIS
//! element), actor relations and technology chokepoints. Built-in defaults
//! are compiled in; a project may replace any table from a TSV file, which
//! is checked first (file, line and column on error; nothing changes).
//!
//! An [`Extractor`] finds in a document's text the mentions of actors,
//! bodies, standards (GB/T …, ISO/IEC …), technologies and stage words, and
//! the role statements that give an actor a task (负责, 由…制定, 会同 …).
//! [`FrameStore`] keeps them in the project like codings (spans in code
//! points, the rule and frame that found them) and reruns incrementally;
//! [`views`] aggregates them with the codings into the study's NIS views.
#![deny(missing_docs)]

mod error;
pub mod extract;
mod frame;
mod model;
mod store;
pub mod tsv;
pub mod views;

pub use error::{Error, Result};
pub use extract::{Extraction, Extractor, Mention, MentionKind, RoleStatement};
pub use frame::{builtin_sources, builtin_text, Frame, TableSource, TABLES};
pub use model::{Actor, ActorKind, Chokepoint, Mode, NisElement, Relation, Stage, MIN_TERM_CHARS};
pub use store::{
    write_mentions_csv, write_roles_csv, DocInfo, FrameStore, MentionFilter, MentionRecord, RoleRecord,
    RunSummary, MIGRATIONS,
};
