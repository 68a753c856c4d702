//! The project database ⇄ the REFI-QDA model.
//!
//! Export reads documents (corpus, with the kept original of one read from
//! a PDF) and codes, codings and memos (coding store) and builds a [`QdaProject`](crate::QdaProject) whose GUIDs all
//! come from stable identities (code and coding GUIDs kept by the store,
//! source GUIDs from the text, user GUIDs from names) and which carries no
//! timestamps, so the same project always exports the same bytes. Import
//! adds the sources as documents (through the corpus import, keeping a
//! copy under `imported/` in the project), then codes, codings and memos
//! with their GUIDs, and reports anything it could not carry.

mod docmeta;
mod export;
mod import;

pub use export::{export_codebook, export_model, export_project, ExportOptions};
pub use import::{import_codebook, import_model, import_project, import_project_with, ImportReport};

/// Document metadata exported as REFI-QDA variables, in this order.
pub const VARIABLES: &[&str] = &["date", "docno", "doc_type", "issuer", "language", "catalog_no", "title_en"];

/// The user name given to codings and notes without a known author.
pub const UNKNOWN_USER: &str = "imported";
