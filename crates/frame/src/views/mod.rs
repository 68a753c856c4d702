//! The study's NIS views over a project's codings and mentions.
//!
//! * [`nis()`] — coded documents and passages by NIS element and by mode,
//!   per year: the codes' `nis:` and `mode:` tags regroup the codings, and
//!   the coding queries' own trend and table compute the counts;
//! * [`network()`] — actor × actor co-mentions (same sentence, same
//!   document) and actor × code co-occurrence, with the passages behind
//!   every edge;
//! * [`standards()`] — the standards cited, per document and by year;
//! * [`technologies()`] — chokepoint mentions by year.

mod counts;
mod network;
mod nis;

pub use counts::{standards, technologies, ByYear, ByYearRow, StandardCited, StandardsView};
pub use network::{network, ActorCode, ActorNode, Edge, Evidence, Network};
pub use nis::{nis, NisView};

use policyscope_text::PolicyDate;

/// The year column of a date, `undated` without one (as coding trends).
pub(crate) fn year_of(date: Option<&PolicyDate>) -> String {
    date.map_or_else(|| policyscope_query::UNDATED.to_string(), |d| d.year().to_string())
}
