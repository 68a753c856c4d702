//! policyscope as a library: one import for every stage of the pipeline.
//!
//! Documents flow `corpus` → `search` / `cite` → `coding` → `query` →
//! `qdpx` / `report`, all keeping their tables through `store` (SQLite or
//! PostgreSQL); `server` is the web app over the same crates; `lab`
//! simulates standard wars as reproducible experiments.

pub use policyscope_accounts as accounts;
pub use policyscope_agree as agree;
pub use policyscope_cite as cite;
pub use policyscope_coding as coding;
pub use policyscope_corpus as corpus;
pub use policyscope_frame as frame;
pub use policyscope_lab as lab;
pub use policyscope_qdpx as qdpx;
pub use policyscope_query as query;
pub use policyscope_report as report;
pub use policyscope_search as search;
pub use policyscope_server as server;
pub use policyscope_store as store;
pub use policyscope_text as text;
