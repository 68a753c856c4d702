//! Writing `.qdpx` archives and `.qdc` codebooks.

mod archive;
mod project;
pub(crate) mod xml;

pub(crate) use archive::write_atomically;
pub use archive::{qdpx_bytes, write_qdpx};
pub use project::{codebook_xml, internal_path, internal_pdf_path, project_xml, CODEBOOK_NS, PROJECT_NS};
