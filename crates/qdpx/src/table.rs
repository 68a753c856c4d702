//! The codings table for R and pandas: one row per passage (or document),
//! one 0/1 column per code.

use std::collections::HashMap;

use policyscope_coding::{CodingFilter, CodingStore, Status};
use policyscope_corpus::Project;
use policyscope_text::SpanKind;
use serde::Serialize;

use crate::Result;

/// What a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RowUnit {
    /// A sentence.
    Sentence,
    /// A paragraph.
    Paragraph,
    /// A whole document.
    Document,
}

/// A table of strings with a header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Table {
    /// Column names.
    pub header: Vec<String>,
    /// Rows, as long as the header.
    pub rows: Vec<Vec<String>>,
    /// Columns holding whole numbers (ids, offsets, the 0/1 code columns).
    pub numeric: Vec<bool>,
}

/// Builds the table: `doc_id, title, date, docno`, for passages also
/// `unit, index, start, end, text`, then one column per codable code (its
/// path) holding 1 when a kept (not rejected) coding of that code — by
/// `coder`, if given — overlaps the row, else 0.
pub fn codings_table(project: &Project, unit: RowUnit, coder: Option<&str>) -> Result<Table> {
    let store = CodingStore::open(project)?;
    let codes: Vec<_> = store.codes()?.into_iter().filter(|c| c.codable).collect();
    let col: HashMap<i64, usize> = codes.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
    let filter = CodingFilter {
        coder: coder.map(str::to_string),
        statuses: vec![Status::Proposed, Status::Accepted],
        ..CodingFilter::default()
    };
    let mut by_doc: HashMap<i64, Vec<(usize, i64, i64)>> = HashMap::new();
    for c in store.codings(&filter)? {
        if let Some(&i) = col.get(&c.code_id) {
            by_doc.entry(c.doc_id).or_default().push((i, c.start, c.end));
        }
    }
    let mut header: Vec<String> =
        ["doc_id", "title", "date", "docno"].iter().map(|s| s.to_string()).collect();
    if unit != RowUnit::Document {
        header.extend(["unit", "index", "start", "end", "text"].iter().map(|s| s.to_string()));
    }
    header.extend(codes.iter().map(|c| c.path.clone()));
    let mut rows = Vec::new();
    for meta in project.documents(false)? {
        let codings = by_doc.get(&meta.id).map(Vec::as_slice).unwrap_or(&[]);
        let base = vec![
            meta.id.to_string(),
            meta.title.clone(),
            meta.date.map(|d| d.to_string()).unwrap_or_default(),
            meta.docno.clone().unwrap_or_default(),
        ];
        let flags = |start: i64, end: i64| -> Vec<String> {
            let mut f = vec!["0".to_string(); codes.len()];
            for &(i, s, e) in codings {
                if s < end && start < e {
                    f[i] = "1".into();
                }
            }
            f
        };
        match unit {
            RowUnit::Document => {
                let mut row = base;
                row.extend(flags(0, i64::MAX));
                rows.push(row);
            }
            RowUnit::Sentence | RowUnit::Paragraph => {
                let kind = if unit == RowUnit::Sentence { SpanKind::Sentence } else { SpanKind::Paragraph };
                let text: Vec<char> = project.document(meta.id)?.text.chars().collect();
                for p in project.passages(meta.id, Some(kind))? {
                    let mut row = base.clone();
                    let (s, e) = (p.start.max(0) as usize, (p.end.max(0) as usize).min(text.len()));
                    row.extend([
                        kind.as_str().to_string(),
                        p.index.to_string(),
                        p.start.to_string(),
                        p.end.to_string(),
                        text[s.min(e)..e].iter().collect(),
                    ]);
                    row.extend(flags(p.start, p.end));
                    rows.push(row);
                }
            }
        }
    }
    let first_code = header.len() - codes.len();
    let numeric = header
        .iter()
        .enumerate()
        .map(|(i, h)| i >= first_code || matches!(h.as_str(), "doc_id" | "index" | "start" | "end"))
        .collect();
    Ok(Table { header, rows, numeric })
}

impl Table {
    /// CSV (RFC 4180, `\r\n` row ends as spreadsheets expect), optionally
    /// with a UTF-8 BOM so Excel recognises the encoding.
    pub fn to_csv(&self, bom: bool) -> String {
        let mut out = String::new();
        if bom {
            out.push('\u{feff}');
        }
        for row in std::iter::once(&self.header).chain(&self.rows) {
            let cells: Vec<String> = row
                .iter()
                .map(|c| {
                    if c.contains([',', '"', '\n', '\r']) {
                        format!("\"{}\"", c.replace('"', "\"\""))
                    } else {
                        c.clone()
                    }
                })
                .collect();
            out.push_str(&cells.join(","));
            out.push_str("\r\n");
        }
        out
    }

    /// JSON records (one object per row, keys in header order; numeric
    /// columns as numbers).
    pub fn to_json(&self) -> String {
        let records: Vec<Record<'_>> = (0..self.rows.len()).map(|i| Record(self, i)).collect();
        serde_json::to_string_pretty(&records).unwrap_or_else(|_| "[]".into())
    }
}

/// One row as a JSON object whose keys keep the header's order.
struct Record<'a>(&'a Table, usize);

impl Serialize for Record<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let (table, row) = (self.0, &self.0.rows[self.1]);
        let mut map = serializer.serialize_map(Some(row.len()))?;
        for (i, (h, v)) in table.header.iter().zip(row).enumerate() {
            match v.parse::<i64>() {
                Ok(n) if table.numeric.get(i).copied().unwrap_or(false) => map.serialize_entry(h, &n)?,
                _ => map.serialize_entry(h, v)?,
            }
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_bom() {
        let t = Table {
            header: vec!["a".into(), "b".into()],
            rows: vec![vec!["x,y".into(), "say \"hi\"\nnow".into()]],
            numeric: vec![false, false],
        };
        assert_eq!(t.to_csv(false), "a,b\r\n\"x,y\",\"say \"\"hi\"\"\nnow\"\r\n");
        assert!(t.to_csv(true).starts_with('\u{feff}'));
    }

    #[test]
    fn json_numbers_only_in_numeric_columns() {
        let t = Table {
            header: vec!["doc_id".into(), "title".into(), "X".into()],
            rows: vec![vec!["12".into(), "1".into(), "1".into()]],
            numeric: vec![true, false, true],
        };
        let v: serde_json::Value = serde_json::from_str(&t.to_json()).unwrap();
        assert_eq!(v[0]["doc_id"], 12);
        assert_eq!(v[0]["title"], "1");
        assert_eq!(v[0]["X"], 1);
    }
}
