//! REFI-QDA exchange: `.qdpx` projects and `.qdc` codebooks.
//!
//! * [`model`]: the in-memory project ([`QdaProject`]) — users, code tree,
//!   variables, cases, text sources with selections and codings, notes,
//!   links. Texts are `\n`-terminated UTF-8 and selections count code
//!   points, half-open.
//! * [`write`]: `project.qde` / `.qdc` XML in schema order and the `.qdpx`
//!   zip with fixed timestamps, so equal projects give equal bytes.
//! * [`read`]: a tolerant reader for what NVivo, ATLAS.ti, MAXQDA and
//!   QualCoder write (any-case `sources/`, any single `*.qde`, braced and
//!   upper-case GUIDs, CRLF sources counted either way, BOMs, flat
//!   `Parent::Child` code names, nameless cases), safe against zip bombs and
//!   path tricks, returning a data-loss [`Report`].
//! * [`bridge`]: project database ⇄ model (export and import).
//! * [`table`]: the codings table (one 0/1 column per code per passage or
//!   document) as CSV or JSON, for R and pandas.
#![deny(missing_docs)]

pub mod bridge;
mod error;
pub mod guid;
pub mod model;
pub mod read;
mod report;
pub mod table;
pub mod write;

pub use bridge::{
    export_codebook, export_model, export_project, import_codebook, import_model, import_project,
    ExportOptions, ImportReport,
};
pub use error::{Error, Result};
pub use model::QdaProject;
pub use read::{read_qdc, read_qde, read_qdpx, read_qdpx_bytes, Limits};
pub use report::{Loss, Report};
pub use write::{codebook_xml, project_xml, qdpx_bytes, write_qdpx};
