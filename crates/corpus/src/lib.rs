//! The corpus: a project store and the import of documents into it.
//!
//! A [`Project`] is a folder holding an embedded SQLite database
//! (`policyscope.db`) and, beside it, the derived search index. Documents
//! enter through [`import::import_paths`], which reads `.txt`, `.md` and
//! `.html` files in any supported encoding — and PDF, Word and OFD files
//! through `policyscope-extract`, keeping their page spans and the original
//! file —, extracts metadata (title, date,
//! document number, language, type), keeps the exact text and its source
//! paths, and splits it into passages with code-point offsets.
//!
//! Later stages (search, citations, coding) read documents through
//! [`Project`] and keep their own tables in the same database, each under its
//! own migration component ([`Project::migrate`]).
//!
//! ```no_run
//! use policyscope_corpus::{Project, import::{import_paths, ImportOptions}};
//! let mut project = Project::init("my-study".as_ref()).unwrap();
//! let summary = import_paths(&mut project, &["docs".into()], &ImportOptions::default(), &mut |_| {});
//! println!("{} imported", summary.imported());
//! ```
#![deny(missing_docs)]

pub mod catalog;
pub mod display;
mod error;
pub mod import;
pub mod label;
pub mod metadata;
mod model;
mod store;

pub use catalog::{Catalog, CatalogEntry};
pub use error::{Error, Result};
pub use label::{find_by_label, label};
pub use model::{Document, DocumentMeta, Passage};
pub(crate) use store::documents::{write as store_write, NewDocument};
pub use store::documents::{MetadataField, MetadataUpdate};
pub use store::pages::{page_of, DocumentPage, DocumentSource, ORIGINALS_DIR};
pub use store::{Project, DATABASE_FILE};
