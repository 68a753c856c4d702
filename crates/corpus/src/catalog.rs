//! External catalogs: TSV tables of documents (number, date, titles …).
//!
//! The header names the columns; recognised names (case-insensitive) are
//! `no`/`id`, `date`, `title_zh`/`title`, `title_en`, `issuer`, `type`/`doc_type`,
//! `docno`/`document_number`, `aliases` (separated by `;`). Other columns are
//! kept in [`CatalogEntry::extra`].

use std::collections::BTreeMap;
use std::path::Path;

use policyscope_text::PolicyDate;
use serde::{Deserialize, Serialize};

use crate::metadata::title_key;
use crate::{Error, Result};

/// One row of a catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogEntry {
    /// Number or identifier in the catalog.
    pub no: Option<String>,
    /// Date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`); a cell that is not a date
    /// refuses the catalog.
    pub date: Option<PolicyDate>,
    /// Title (Chinese or the only title).
    pub title: String,
    /// English title.
    pub title_en: Option<String>,
    /// Issuing body.
    pub issuer: Option<String>,
    /// Document type.
    pub doc_type: Option<String>,
    /// Document number (文号).
    pub docno: Option<String>,
    /// Other names the document is cited by.
    pub aliases: Vec<String>,
    /// Columns not recognised above.
    pub extra: BTreeMap<String, String>,
}

/// A loaded catalog.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalog {
    /// Rows in file order.
    pub entries: Vec<CatalogEntry>,
}

impl Catalog {
    /// Reads a TSV catalog file.
    pub fn load(path: &Path) -> Result<Catalog> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let decoded = policyscope_text::decode(&bytes)
            .map_err(|e| Error::Catalog { path: path.to_path_buf(), message: e.to_string() })?;
        Self::parse(&decoded.text).map_err(|message| Error::Catalog { path: path.to_path_buf(), message })
    }

    /// Parses TSV text with a header line.
    pub fn parse(text: &str) -> std::result::Result<Catalog, String> {
        let mut lines = text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty());
        let (_, header) = lines.next().ok_or("the catalog is empty")?;
        let columns: Vec<String> = header.split('\t').map(|c| c.trim().to_lowercase()).collect();
        let find = |names: &[&str]| columns.iter().position(|c| names.contains(&c.as_str()));
        let title_col = find(&["title_zh", "title", "标题", "名称"])
            .ok_or("the header has no title column (title_zh or title)")?;
        let no_col = find(&["no", "id", "number", "编号"]);
        let date_col = find(&["date", "日期"]);
        let en_col = find(&["title_en"]);
        let issuer_col = find(&["issuer", "发文机关"]);
        let type_col = find(&["type", "doc_type"]);
        let docno_col = find(&["docno", "document_number", "文号"]);
        let alias_col = find(&["aliases", "alias", "简称"]);
        let known = [Some(title_col), no_col, date_col, en_col, issuer_col, type_col, docno_col, alias_col];
        let mut entries = Vec::new();
        for (line_no, line) in lines {
            let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
            let get = |col: Option<usize>| {
                col.and_then(|c| cells.get(c)).filter(|v| !v.is_empty()).map(|v| v.to_string())
            };
            let title = get(Some(title_col)).ok_or(format!("line {}: empty title", line_no + 1))?;
            let date = PolicyDate::parse_opt(get(date_col).as_deref())
                .map_err(|e| format!("line {}: date {e}", line_no + 1))?;
            let extra = columns
                .iter()
                .enumerate()
                .filter(|(i, _)| !known.contains(&Some(*i)))
                .filter_map(|(i, name)| cells.get(i).map(|v| (name.clone(), v.to_string())))
                .collect();
            entries.push(CatalogEntry {
                no: get(no_col),
                date,
                title,
                title_en: get(en_col),
                issuer: get(issuer_col),
                doc_type: get(type_col),
                docno: get(docno_col),
                aliases: get(alias_col)
                    .map(|a| a.split(';').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect())
                    .unwrap_or_default(),
                extra,
            });
        }
        Ok(Catalog { entries })
    }

    /// The entry that describes a document: by catalog number prefixed to the
    /// file name (`08-….md`), else by title when the dates do not contradict.
    pub fn entry_for(
        &self,
        file_stem: &str,
        title: &str,
        date: Option<&PolicyDate>,
    ) -> Option<&CatalogEntry> {
        let by_number = self.entries.iter().find(|e| {
            e.no.as_deref().is_some_and(|no| {
                file_stem.strip_prefix(no).is_some_and(|rest| rest.starts_with(['-', '_', ' ', '.']))
            })
        });
        if by_number.is_some() {
            return by_number;
        }
        let key = title_key(title);
        self.entries.iter().find(|e| {
            title_key(&e.title) == key
                && match (e.date.as_ref(), date) {
                    (Some(c), Some(d)) => c.covers(d) || d.covers(c),
                    _ => true,
                }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TSV: &str = "no\tdate\ttitle_zh\ttitle_en\tnote\n08\t2023-07\t生成式人工智能服务管理暂行办法\tInterim Measures\tx\n16\t2021-12\t中华人民共和国科学技术进步法(2021年修订)\tS&T Law\t\n";

    #[test]
    fn parses_and_matches() {
        let c = Catalog::parse(TSV).unwrap();
        assert_eq!(c.entries.len(), 2);
        assert_eq!(c.entries[0].extra.get("note").map(String::as_str), Some("x"));
        assert_eq!(c.entry_for("08-generative", "whatever", None).and_then(|e| e.no.as_deref()), Some("08"));
        assert!(c.entry_for("080-x", "whatever", None).is_none());
        let day = |s: &str| s.parse::<PolicyDate>().ok();
        let e = c.entry_for(
            "科学技术进步法(2021-12-24)",
            "中华人民共和国科学技术进步法",
            day("2021-12-24").as_ref(),
        );
        assert_eq!(e.and_then(|e| e.no.as_deref()), Some("16"));
        assert!(c.entry_for("x", "中华人民共和国科学技术进步法", day("2007-12-29").as_ref()).is_none());
    }

    #[test]
    fn impossible_catalog_date_is_refused_with_its_line() {
        let tsv = "no\tdate\ttitle\n01\t2023-07\t甲办法\n02\t2021-02-30\t乙办法\n";
        let err = Catalog::parse(tsv).unwrap_err();
        assert!(err.starts_with("line 3: date `2021-02-30` is not a date"), "{err}");
        assert!(err.contains("has 28 days"), "{err}");
        let err = Catalog::parse("no\tdate\ttitle\n01\tgarbage\t甲办法\n").unwrap_err();
        assert!(err.starts_with("line 2: date `garbage` is not a date"), "{err}");
    }

    #[test]
    fn rejects_headerless() {
        assert!(Catalog::parse("a\tb\n1\t2\n").is_err());
        assert!(Catalog::parse("").is_err());
    }
}
