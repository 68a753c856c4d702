//! Codebooks, dictionary auto-coding, human review and memos.
//!
//! * [`Codebook`] is a tree of codes with definitions, colours, tags and
//!   dictionary rules, read from TOML ([`Codebook::parse`], with line and
//!   column on every error) or built in ([`Codebook::study`], the model
//!   study's ten codes).
//! * [`Engine`] compiles a codebook into one Aho–Corasick automaton (plus a
//!   regex per `regex` rule) and codes a text in one pass.
//! * [`CodingStore`] holds the project's codes, codings, review decisions
//!   and memos in the project database (migration component `coding`).
//! * [`run_codebook`] auto-codes a project idempotently, never touching a
//!   person's decisions.
//!
//! "The codings of coder X" (used by queries and agreement, see
//! [`CodingFilter::coder`]): for an auto-coder `auto:<book>@<version>`, every
//! coding it proposed, whatever became of it (`auto:<book>` = any version);
//! for a person, the codings they made and have not themselves rejected
//! since, plus other coders' codings whose latest review by them is an
//! acceptance.
//!
//! ```no_run
//! use policyscope_coding::{run_codebook, Codebook, CodingFilter, CodingStore, RunOptions};
//! let project = policyscope_corpus::Project::open("my-study".as_ref()).unwrap();
//! let store = CodingStore::open(&project).unwrap();
//! let book = Codebook::study().unwrap();
//! let summary = run_codebook(&store, &book, RunOptions::default(), &mut |_, _| {}).unwrap();
//! println!("{} proposals", summary.added);
//! let proposed = store.codings(&CodingFilter::not_rejected()).unwrap();
//! if let Some(first) = proposed.first() {
//!     store.reject(first.id, "alice").unwrap();
//! }
//! ```
#![deny(missing_docs)]

pub mod codebook;
mod codename;
mod config;
pub mod engine;
mod error;
pub mod evaluate;
pub mod guid;
pub mod learn;
mod model;
mod person;
mod run;
mod store;

pub use codebook::{
    Anchors, Builtin, CodeDef, Codebook, CodebookSource, Confidence, DocLayout, DocRule, Matcher, Part,
    Problem, Rule, Scope, Severity, Unit,
};
pub use codename::{check_description, CodeName, Colour, MAX_CODE_NAME, MAX_DESCRIPTION};
pub use config::{configured_coder, SETTINGS_FILE};
pub use engine::{Engine, Hit};
pub use error::{Error, Result};
pub use model::{auto_coder, Code, Coding, Memo, MemoTarget, Review, Status, AUTO_PREFIX};
pub use person::{HumanCoder, MACHINE_PREFIXES, MAX_PERSON_NAME, MODEL_PREFIX, PLACEHOLDER_NAMES};
pub use run::{
    order_by_confidence, recorded_codebooks, rule_confidences, run_codebook, RunOptions, RunSummary,
};
pub use store::{
    AuditAction, AuditEntry, AuditFilter, AuditTarget, CodeAction, CodeEvent, CodeRemoval, CodingFilter,
    CodingStore, DeleteCodings, NewCode, NewCoding, Verdict, MIGRATIONS,
};
