//! A bounded reader of tab-separated tables with a header row.
//!
//! Frame files are small tables people edit by hand, so errors name the
//! file, line and column. Limits keep a wrong file (a corpus dump, a binary)
//! from being read at all: at most [`MAX_BYTES`], [`MAX_ROWS`] rows and
//! [`MAX_FIELD_CHARS`] characters a field.

use crate::{Error, Result};

/// Largest frame file read.
pub const MAX_BYTES: usize = 2 * 1024 * 1024;
/// Most data rows a frame file may hold.
pub const MAX_ROWS: usize = 20_000;
/// Longest field, in characters.
pub const MAX_FIELD_CHARS: usize = 2_000;

/// A parsed table: the header and the data rows with their line numbers.
#[derive(Debug, Clone)]
pub struct Tsv {
    /// File name for messages.
    pub file: String,
    header: Vec<String>,
    rows: Vec<(usize, Vec<String>)>,
}

/// One data row, read by column name.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    tsv: &'a Tsv,
    /// Line in the file, from 1.
    pub line: usize,
    fields: &'a [String],
}

impl Tsv {
    /// Parses `text`: the first non-comment line is the header; blank lines
    /// and lines starting with `#` are skipped; every row must have as many
    /// fields as the header. `required` columns must be in the header.
    pub fn parse(file: &str, text: &str, required: &[&str]) -> Result<Tsv> {
        let err =
            |line, column, message: String| Error::Table { file: file.to_string(), line, column, message };
        if text.len() > MAX_BYTES {
            return Err(err(1, 1, format!("file is larger than {MAX_BYTES} bytes")));
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut header: Option<Vec<String>> = None;
        let mut rows = Vec::new();
        for (i, raw) in text.split('\n').enumerate() {
            let line = i + 1;
            let raw = raw.strip_suffix('\r').unwrap_or(raw);
            if raw.trim().is_empty() || raw.starts_with('#') {
                continue;
            }
            let fields: Vec<String> = raw.split('\t').map(|f| f.trim().to_string()).collect();
            for (c, f) in fields.iter().enumerate() {
                if f.chars().count() > MAX_FIELD_CHARS {
                    return Err(err(line, c + 1, format!("field longer than {MAX_FIELD_CHARS} characters")));
                }
                if f.chars().any(|ch| ch.is_control()) {
                    return Err(err(line, c + 1, "control character in field".to_string()));
                }
            }
            match &header {
                None => {
                    for (c, f) in fields.iter().enumerate() {
                        if f.is_empty() {
                            return Err(err(line, c + 1, "empty column name in header".to_string()));
                        }
                        if fields[..c].contains(f) {
                            return Err(err(line, c + 1, format!("column `{f}` appears twice")));
                        }
                    }
                    for r in required {
                        if !fields.iter().any(|f| f == r) {
                            return Err(err(line, fields.len() + 1, format!("missing column `{r}`")));
                        }
                    }
                    header = Some(fields);
                }
                Some(h) => {
                    if fields.len() != h.len() {
                        let column = fields.len().min(h.len()) + 1;
                        return Err(err(
                            line,
                            column,
                            format!("expected {} fields (tab-separated), found {}", h.len(), fields.len()),
                        ));
                    }
                    if rows.len() >= MAX_ROWS {
                        return Err(err(line, 1, format!("more than {MAX_ROWS} rows")));
                    }
                    rows.push((line, fields));
                }
            }
        }
        let header = header.ok_or_else(|| err(1, 1, "no header row".to_string()))?;
        Ok(Tsv { file: file.to_string(), header, rows })
    }

    /// The data rows in file order.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.rows.iter().map(move |(line, fields)| Row { tsv: self, line: *line, fields })
    }

    fn column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }
}

impl<'a> Row<'a> {
    /// The field of `column`, empty when the table has no such column.
    pub fn get(&self, column: &str) -> &'a str {
        self.tsv.column(column).and_then(|i| self.fields.get(i)).map_or("", String::as_str)
    }

    /// An error at this row's field of `column`.
    pub fn error(&self, column: &str, message: impl Into<String>) -> Error {
        Error::Table {
            file: self.tsv.file.clone(),
            line: self.line,
            column: self.tsv.column(column).map_or(1, |i| i + 1),
            message: message.into(),
        }
    }

    /// The field of `column`, which must not be empty.
    pub fn required(&self, column: &str) -> Result<&'a str> {
        let v = self.get(column);
        if v.is_empty() {
            return Err(self.error(column, format!("empty `{column}`")));
        }
        Ok(v)
    }

    /// The `;`-separated list in `column` (empty items are an error).
    pub fn list(&self, column: &str) -> Result<Vec<&'a str>> {
        let v = self.get(column);
        if v.is_empty() {
            return Ok(Vec::new());
        }
        let items: Vec<&str> = v.split(';').map(str::trim).collect();
        if items.iter().any(|s| s.is_empty()) {
            return Err(self.error(column, format!("empty item in `{column}` (a `;` too many)")));
        }
        Ok(items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_row_is_refused_with_line_and_column() {
        let e = Tsv::parse("a.tsv", "id\tname\nx\ty\nz\n", &["id"]).unwrap_err().to_string();
        assert_eq!(e, "a.tsv:3:2: expected 2 fields (tab-separated), found 1");
    }

    #[test]
    fn missing_required_column_is_named() {
        let e = Tsv::parse("a.tsv", "name\tnote\n", &["id"]).unwrap_err().to_string();
        assert!(e.contains("missing column `id`"), "{e}");
    }

    #[test]
    fn comments_and_blank_lines_are_skipped_and_lines_counted() {
        let t = Tsv::parse("a.tsv", "# c\nid\tname\n\nx\ty\n", &["id"]).unwrap();
        let rows: Vec<_> = t.rows().map(|r| (r.line, r.get("name").to_string())).collect();
        assert_eq!(rows, vec![(4, "y".to_string())]);
    }

    #[test]
    fn empty_list_item_is_refused() {
        let t = Tsv::parse("a.tsv", "id\taliases\nx\ta;;b\n", &["id"]).unwrap();
        let e = t.rows().next().map(|r| r.list("aliases").unwrap_err().to_string());
        assert_eq!(e.as_deref(), Some("a.tsv:2:2: empty item in `aliases` (a `;` too many)"));
    }
}
