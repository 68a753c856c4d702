//! REFI-QDA exchange: `.qdpx` projects and `.qdc` codebooks.
//!
//! * [`model`]: the in-memory project ([`QdaProject`]) — users, code tree,
//!   variables, cases, text sources with selections and codings (and the
//!   PDF a source was read from, written as a `PDFSource`), notes, links. Texts are `\n`-terminated UTF-8 and selections count code
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
//!
//! ```
//! use policyscope_qdpx::model::{QdaCode, QdaCoding, QdaProject, Selection, TextSource};
//! use policyscope_qdpx::{guid, qdpx_bytes, read_qdpx_bytes, Limits};
//!
//! let code = QdaCode { guid: guid::stable("code:Finance"), name: "Finance".into(), codable: true, ..Default::default() };
//! let source = TextSource {
//!     guid: guid::stable("source:demo"),
//!     name: Some("国发〔2016〕1号".into()),
//!     text: "国家加大财政支持力度".into(),
//!     selections: vec![Selection {
//!         guid: guid::stable("selection:1"),
//!         start: 2,
//!         end: 8, // "加大财政支持": code points, end exclusive
//!         codings: vec![QdaCoding { guid: guid::stable("coding:1"), code: code.guid.clone(), ..Default::default() }],
//!         ..Default::default()
//!     }],
//!     ..Default::default()
//! };
//! let project = QdaProject { name: "demo".into(), codes: vec![code], sources: vec![source], ..Default::default() };
//! let bytes = qdpx_bytes(&project).unwrap();
//! let (back, report) = read_qdpx_bytes(&bytes, Limits::default()).unwrap();
//! assert_eq!(back, project);
//! assert!(report.is_clean());
//! ```
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
    import_project_with, ExportOptions, ImportReport,
};
pub use error::{Error, Result};
pub use model::QdaProject;
pub use read::{read_qdc, read_qde, read_qdpx, read_qdpx_bytes, Limits};
pub use report::{Loss, Report};
pub use write::{codebook_xml, project_xml, qdpx_bytes, write_qdpx};
