//! Standards and technologies counted per document and by year.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::year_of;
use crate::{DocInfo, Frame, MentionKind, MentionRecord, Result};

/// Entities counted by year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ByYear {
    /// Years (`YYYY`) ascending, then `undated` if any.
    pub years: Vec<String>,
    /// One row per entity.
    pub rows: Vec<ByYearRow>,
}

/// One entity's counts per year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ByYearRow {
    /// The entity.
    pub entity: String,
    /// Its display name.
    pub name: String,
    /// Mentions per year (same order as [`ByYear::years`]).
    pub mentions: Vec<usize>,
    /// Documents per year.
    pub documents: Vec<usize>,
}

/// A standard and where it is cited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StandardCited {
    /// Canonical identifier (`GB/T 18005-1999`).
    pub standard: String,
    /// Its family (`GB/T`, `ISO/IEC`, `T/CESA` …).
    pub family: String,
    /// Mentions.
    pub mentions: usize,
    /// The documents citing it.
    pub documents: Vec<DocInfo>,
}

/// The standards view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StandardsView {
    /// Every standard cited, by identifier.
    pub standards: Vec<StandardCited>,
    /// Standards by year of the citing document.
    pub by_year: ByYear,
}

/// Counts `mentions` of `kind` per entity and year.
fn by_year(frame: &Frame, mentions: &[MentionRecord], kind: MentionKind) -> ByYear {
    let mut cells: BTreeMap<&str, BTreeMap<String, (usize, BTreeSet<i64>)>> = BTreeMap::new();
    let mut years: BTreeSet<String> = BTreeSet::new();
    for m in mentions.iter().filter(|m| m.kind == kind) {
        let y = year_of(m.doc.date.as_ref());
        years.insert(y.clone());
        let c = cells.entry(&m.entity).or_default().entry(y).or_default();
        c.0 += 1;
        c.1.insert(m.doc.id);
    }
    let undated = policyscope_query::UNDATED;
    let mut years: Vec<String> = years
        .into_iter()
        .filter(|y| y != undated)
        .chain(
            std::iter::once(undated.to_string()).filter(|_| cells.values().any(|c| c.contains_key(undated))),
        )
        .collect();
    years.dedup();
    let rows = cells
        .into_iter()
        .map(|(entity, per)| ByYearRow {
            entity: entity.to_string(),
            name: frame.entity_name(kind, entity),
            mentions: years.iter().map(|y| per.get(y).map_or(0, |c| c.0)).collect(),
            documents: years.iter().map(|y| per.get(y).map_or(0, |c| c.1.len())).collect(),
        })
        .collect();
    ByYear { years, rows }
}

/// The standards cited in `mentions`.
pub fn standards(frame: &Frame, mentions: &[MentionRecord]) -> StandardsView {
    let mut per: BTreeMap<&str, (usize, BTreeMap<i64, DocInfo>)> = BTreeMap::new();
    for m in mentions.iter().filter(|m| m.kind == MentionKind::Standard) {
        let e = per.entry(&m.entity).or_default();
        e.0 += 1;
        e.1.entry(m.doc.id).or_insert_with(|| m.doc.clone());
    }
    let standards = per
        .into_iter()
        .map(|(s, (mentions, docs))| StandardCited {
            standard: s.to_string(),
            family: s.split(' ').next().unwrap_or(s).to_string(),
            mentions,
            documents: docs.into_values().collect(),
        })
        .collect();
    StandardsView { standards, by_year: by_year(frame, mentions, MentionKind::Standard) }
}

/// Chokepoint technologies mentioned, by year.
pub fn technologies(frame: &Frame, mentions: &[MentionRecord]) -> ByYear {
    by_year(frame, mentions, MentionKind::Technology)
}

impl ByYear {
    /// CSV in long form: `entity, name, year, mentions, documents`.
    pub fn write_csv(&self, w: impl std::io::Write) -> Result<()> {
        let mut out = csv::Writer::from_writer(w);
        out.write_record(["entity", "name", "year", "mentions", "documents"])?;
        for r in &self.rows {
            for (i, y) in self.years.iter().enumerate() {
                out.write_record([
                    &r.entity,
                    &r.name,
                    y,
                    &r.mentions[i].to_string(),
                    &r.documents[i].to_string(),
                ])?;
            }
        }
        out.flush()?;
        Ok(())
    }
}

impl StandardsView {
    /// CSV: `standard, family, mentions, doc_id, source_path, date` — one row per citing document.
    pub fn write_csv(&self, w: impl std::io::Write) -> Result<()> {
        let mut out = csv::Writer::from_writer(w);
        out.write_record(["standard", "family", "mentions", "doc_id", "source_path", "date"])?;
        for s in &self.standards {
            for d in &s.documents {
                let date = d.date.map(|d| d.to_string()).unwrap_or_default();
                out.write_record([
                    &s.standard,
                    &s.family,
                    &s.mentions.to_string(),
                    &d.id.to_string(),
                    &d.source_path,
                    &date,
                ])?;
            }
        }
        out.flush()?;
        Ok(())
    }
}
