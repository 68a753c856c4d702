//! Sentence judgements read from a TSV file and stored as a person's
//! decisions: a `1` becomes that person's accepted coding of the span, a `0`
//! their coding of it which they rejected — a judged absence, which
//! evaluation on decided units and learning count as a negative.
//!
//! The file: a header `id, stratum, path, start, end, <one column per code
//! name>…, note`, then one row per judged sentence; `path` names the
//! document by the end of one of its paths, `start`/`end` are code points.

use serde::Serialize;

use crate::model::Status;
use crate::store::{CodingFilter, CodingStore, NewCoding};
use crate::{Error, HumanCoder, Result};

/// Largest judgements file read, in bytes.
pub const MAX_FILE_BYTES: usize = 16 << 20;
/// Most rows read.
pub const MAX_ROWS: usize = 200_000;
/// Most code columns.
pub const MAX_CODES: usize = 200;

/// One judged sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgement {
    /// 1-based line in the file.
    pub line: usize,
    /// The end of a document path.
    pub path: String,
    /// First code point.
    pub start: i64,
    /// One past the last code point.
    pub end: i64,
    /// Whether the sentence is an instance of each code (same order as the
    /// file's code columns).
    pub values: Vec<bool>,
}

/// A parsed judgements file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgements {
    /// Code names from the header.
    pub codes: Vec<String>,
    /// The rows.
    pub rows: Vec<Judgement>,
}

/// Parses a judgements file (see the module documentation).
pub fn parse(text: &str) -> Result<Judgements> {
    let bad = |line: usize, why: String| Err(Error::Invalid(format!("judgements line {line}: {why}")));
    if text.len() > MAX_FILE_BYTES {
        return Err(Error::Invalid(format!("judgements file is larger than {MAX_FILE_BYTES} bytes")));
    }
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l)).filter(|(_, l)| !l.trim().is_empty());
    let Some((_, header)) = lines.next() else {
        return bad(1, "empty file".into());
    };
    let cols: Vec<&str> = header.split('\t').map(str::trim).collect();
    let fixed = ["id", "stratum", "path", "start", "end"];
    if cols.len() < fixed.len() + 2 || cols[..fixed.len()] != fixed || cols.last() != Some(&"note") {
        return bad(1, format!("the header must be {} then code columns then note", fixed.join(", ")));
    }
    let codes: Vec<String> = cols[fixed.len()..cols.len() - 1].iter().map(|c| c.to_string()).collect();
    if codes.len() > MAX_CODES {
        return bad(1, format!("more than {MAX_CODES} code columns"));
    }
    let mut rows = Vec::new();
    for (line, l) in lines {
        if rows.len() == MAX_ROWS {
            return bad(line, format!("more than {MAX_ROWS} rows"));
        }
        let f: Vec<&str> = l.split('\t').collect();
        if f.len() != cols.len() && f.len() != cols.len() - 1 {
            return bad(line, format!("{} fields, the header has {}", f.len(), cols.len()));
        }
        let num = |i: usize| f[i].trim().parse::<i64>().ok().filter(|n| *n >= 0);
        let (Some(start), Some(end)) = (num(3), num(4)) else {
            return bad(line, "start and end must be code-point offsets".into());
        };
        if end <= start {
            return bad(line, format!("empty span [{start}, {end})"));
        }
        let mut values = Vec::with_capacity(codes.len());
        for (k, code) in codes.iter().enumerate() {
            match f[fixed.len() + k].trim() {
                "1" => values.push(true),
                "0" => values.push(false),
                other => return bad(line, format!("{code}: expected 0 or 1, got {other:?}")),
            }
        }
        let path = f[2].trim();
        if path.is_empty() {
            return bad(line, "empty path".into());
        }
        rows.push(Judgement { line, path: path.to_string(), start, end, values });
    }
    Ok(Judgements { codes, rows })
}

/// What [`import`] stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    /// Rows read.
    pub rows: usize,
    /// Accepted codings (judged instances) added.
    pub positives: usize,
    /// Rejected codings (judged absences) added.
    pub negatives: usize,
    /// Decisions already stored (a re-import adds nothing).
    pub unchanged: usize,
    /// Rows whose document is not in the project (skipped).
    pub skipped_rows: usize,
    /// Their paths, each once.
    pub missing_documents: Vec<String>,
}

/// Stores `judgements` as `coder`'s decisions. Every code must exist in the
/// project (by unique name or path) and no path may name several current
/// documents, or nothing is written; rows of documents the project does not
/// hold are skipped and listed (a judged sample may cover a larger corpus),
/// but not all of them.
pub fn import(store: &CodingStore<'_>, judgements: &Judgements, coder: &HumanCoder) -> Result<ImportSummary> {
    let codes: Vec<crate::Code> =
        judgements.codes.iter().map(|n| store.find_code(n)).collect::<Result<_>>()?;
    let docs = store.project().documents(false)?;
    let mut targets = Vec::with_capacity(judgements.rows.len());
    let mut missing: Vec<String> = Vec::new();
    for row in &judgements.rows {
        let suffix = format!("/{}", row.path.trim_start_matches('/'));
        let found: Vec<i64> = docs
            .iter()
            .filter(|d| {
                d.paths.iter().chain([&d.source_path]).any(|p| p == &row.path || p.ends_with(&suffix))
            })
            .map(|d| d.id)
            .collect();
        match found.as_slice() {
            [one] => targets.push(Some(*one)),
            [] => {
                targets.push(None);
                missing.push(row.path.clone());
            }
            _ => return Err(Error::Invalid(format!("line {}: several documents at {}", row.line, row.path))),
        }
    }
    if !judgements.rows.is_empty() && missing.len() == judgements.rows.len() {
        return Err(Error::Invalid("none of the judged documents is in the project".into()));
    }
    let skipped_rows = missing.len();
    missing.sort();
    missing.dedup();
    let who = coder.as_str();
    let mut summary = ImportSummary {
        rows: judgements.rows.len(),
        skipped_rows,
        missing_documents: missing,
        ..ImportSummary::default()
    };
    // Everything is resolved above, so only a database failure can stop
    // the writes half-way, and a re-run completes them (decisions already
    // stored are recognised).
    for (row, doc_id) in judgements.rows.iter().zip(&targets) {
        let Some(doc_id) = *doc_id else { continue };
        let existing = store.codings(&CodingFilter { doc_id: Some(doc_id), ..CodingFilter::default() })?;
        for (code, &value) in codes.iter().zip(&row.values) {
            let wanted = if value { Status::Accepted } else { Status::Rejected };
            let same = existing.iter().any(|c| {
                c.code_id == code.id
                    && c.coder == who
                    && (c.start, c.end) == (row.start, row.end)
                    && c.status == wanted
            });
            if same {
                summary.unchanged += 1;
                continue;
            }
            let new = NewCoding {
                doc_id,
                code_id: code.id,
                start: row.start,
                end: row.end,
                coder: who.to_string(),
                status: Status::Accepted,
                guid: None,
            };
            let coding = store.add_coding(&new)?;
            if value {
                summary.positives += 1;
            } else {
                store.reject(coding.id, who)?;
                summary.negatives += 1;
            }
        }
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const HEADER: &str = "id\tstratum\tpath\tstart\tend\tIPR\tGreen\tnote\n";

    #[test]
    fn reads_rows_and_refuses_bad_cells_with_the_line() {
        let j =
            parse(&format!("{HEADER}j1\ts\tstudy/a.md\t3\t9\t1\t0\tbecause\nj2\ts\tb.md\t0\t4\t0\t0\t\n"))
                .unwrap();
        assert_eq!(j.codes, ["IPR", "Green"]);
        assert_eq!(j.rows[0].values, [true, false]);
        assert_eq!((j.rows[1].path.as_str(), j.rows[1].start, j.rows[1].end), ("b.md", 0, 4));
        let e = parse(&format!("{HEADER}j1\ts\ta.md\t3\t9\t2\t0\tx\n")).unwrap_err().to_string();
        assert!(e.contains("line 2") && e.contains("expected 0 or 1"), "{e}");
        let e = parse(&format!("{HEADER}j1\ts\ta.md\t9\t3\t1\t0\tx\n")).unwrap_err().to_string();
        assert!(e.contains("empty span"), "{e}");
        assert!(parse("id\tpath\n").is_err());
    }

    proptest! {
        #[test]
        fn garbage_is_refused_or_read_never_a_panic(body in "\\PC{0,400}", tabs in proptest::collection::vec("[0-9a-z\t\n]{0,30}", 0..10)) {
            let _ = parse(&body);
            let _ = parse(&format!("{HEADER}{}", tabs.concat()));
        }
    }
}
