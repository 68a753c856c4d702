//! Coding queries: the tables a study reports, from the codings.
//!
//! Every query starts from a [`Selection`]: the codings a
//! [`CodingFilter`] picks (by coder, status, coding date, document date)
//! with their codes and documents. From it:
//! * [`table`] — per code (a parent with the codes below it), the documents coded and their number (the
//!   model study's Table 4) and the number of coded passages;
//! * [`matrix`] — code × document counts (or 0/1);
//! * [`cooccur`] — code × code co-occurrence by sentence and by document;
//! * [`trend`] — codes by year of the document;
//! * [`excerpts()`] — coded passages in context, for quoting.
//!
//! Each result serialises to JSON and writes CSV.
//!
//! ```no_run
//! use policyscope_coding::{CodingFilter, CodingStore};
//! let project = policyscope_corpus::Project::open("my-study".as_ref()).unwrap();
//! let store = CodingStore::open(&project).unwrap();
//! let sel = policyscope_query::Selection::load(&store, &CodingFilter::not_rejected()).unwrap();
//! let t = policyscope_query::table(&sel);
//! println!("{}", serde_json::to_string(&t).unwrap());
//! ```
#![deny(missing_docs)]

mod cooccur;
mod data;
mod docrule;
mod error;
pub mod excerpts;
mod matrix;
mod table;
mod trend;

pub use cooccur::{cooccur, Cooccur};
pub use data::{lineage, DocRef, Selection, Translations};
pub use docrule::DocRules;
pub use error::{Error, Result};
pub use excerpts::{excerpts, passage_page, Excerpt, ExcerptCoding};
pub use matrix::{matrix, Matrix};
pub use policyscope_coding::CodingFilter;
pub use table::{table, Table, TableRow};
pub use trend::{trend, Trend, TrendRow, UNDATED};
