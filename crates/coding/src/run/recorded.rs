//! The codebooks a project recorded when it ran them: what queries read to
//! know each code's document rule.

use crate::codebook::Codebook;
use crate::store::CodingStore;
use crate::Result;

/// Every codebook the project ran, as recorded with its last run, in name
/// order; one whose recorded source no longer parses is left out (it can
/// only have parsed when it was run, so only a newer format would do that).
pub fn recorded_codebooks(store: &CodingStore<'_>) -> Result<Vec<Codebook>> {
    let mut stmt = store.conn().prepare("SELECT source FROM codebooks ORDER BY name")?;
    let sources =
        stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<policyscope_store::Result<Vec<_>>>()?;
    Ok(sources.iter().filter_map(|s| Codebook::parse(s).ok()).collect())
}
