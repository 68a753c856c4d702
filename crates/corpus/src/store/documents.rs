//! Reading and writing documents, their paths and passages.

use policyscope_store::{params, params_from_iter, OptionalExtension, Row, Value};

use policyscope_text::{PolicyDate, SpanKind};

use super::Project;
use crate::{Document, DocumentMeta, Error, Passage, Result};

/// The metadata columns; the `documents_meta` index (corpus_003.sql) holds
/// them all, so that a listing never reads the texts.
const META_COLUMNS: &str = "id, title, date, docno, language, encoding, doc_type, issuer, source_path, \
     char_count, catalog_no, title_en, previous_version, superseded, translation_of";

/// The query listing documents in id order.
fn listing_sql(include_superseded: bool) -> String {
    format!(
        "SELECT {META_COLUMNS} FROM documents {} ORDER BY id",
        if include_superseded { "" } else { "WHERE superseded = 0" }
    )
}

/// Reads a stored ISO date through [`PolicyDate`]; a value that is not a
/// date is a conversion error naming it, not a silently missing date.
pub(crate) fn date_column(row: &Row<'_>, idx: usize) -> policyscope_store::Result<Option<PolicyDate>> {
    let text: Option<String> = row.get(idx)?;
    PolicyDate::parse_opt(text.as_deref()).map_err(|e| {
        policyscope_store::Error::FromSqlConversionFailure(idx, policyscope_store::Type::Text, Box::new(e))
    })
}

/// The stored form of a date: its ISO string.
pub(crate) fn date_text(date: Option<&PolicyDate>) -> Option<String> {
    date.map(PolicyDate::to_string)
}

fn meta_from_row(row: &Row<'_>) -> policyscope_store::Result<DocumentMeta> {
    Ok(DocumentMeta {
        id: row.get(0)?,
        title: row.get(1)?,
        date: date_column(row, 2)?,
        docno: row.get(3)?,
        language: row.get(4)?,
        encoding: row.get(5)?,
        doc_type: row.get(6)?,
        issuer: row.get(7)?,
        source_path: row.get(8)?,
        paths: Vec::new(),
        char_count: row.get(9)?,
        catalog_no: row.get(10)?,
        title_en: row.get(11)?,
        previous_version: row.get(12)?,
        superseded: row.get::<_, i64>(13)? != 0,
        translation_of: row.get(14)?,
    })
}

/// Descriptive metadata to change on a document; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MetadataUpdate {
    /// Title.
    pub title: Option<String>,
    /// Date.
    pub date: Option<PolicyDate>,
    /// Document number.
    pub docno: Option<String>,
    /// Document type.
    pub doc_type: Option<String>,
    /// Issuing body.
    pub issuer: Option<String>,
    /// Language tag.
    pub language: Option<String>,
    /// Catalog number.
    pub catalog_no: Option<String>,
    /// English title.
    pub title_en: Option<String>,
    /// Fields to empty (a field cannot be both set and emptied).
    pub clear: Vec<MetadataField>,
}

impl MetadataUpdate {
    /// The stored form of the value given for `field`, if any.
    fn value(&self, field: MetadataField) -> Option<String> {
        match field {
            MetadataField::Date => date_text(self.date.as_ref()),
            MetadataField::Docno => self.docno.clone(),
            MetadataField::DocType => self.doc_type.clone(),
            MetadataField::Issuer => self.issuer.clone(),
            MetadataField::Language => self.language.clone(),
            MetadataField::CatalogNo => self.catalog_no.clone(),
            MetadataField::TitleEn => self.title_en.clone(),
        }
    }
}

/// A metadata field that can be emptied (every one but the title).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MetadataField {
    /// The date.
    Date,
    /// The document number.
    Docno,
    /// The document type.
    DocType,
    /// The issuing body.
    Issuer,
    /// The language tag.
    Language,
    /// The catalog number.
    CatalogNo,
    /// The English title.
    TitleEn,
}

impl MetadataField {
    /// Every field that can be emptied.
    pub const ALL: [MetadataField; 7] = [
        MetadataField::Date,
        MetadataField::Docno,
        MetadataField::DocType,
        MetadataField::Issuer,
        MetadataField::Language,
        MetadataField::CatalogNo,
        MetadataField::TitleEn,
    ];

    /// The column that holds it.
    fn column(self) -> &'static str {
        match self {
            MetadataField::Date => "date",
            MetadataField::Docno => "docno",
            MetadataField::DocType => "doc_type",
            MetadataField::Issuer => "issuer",
            MetadataField::Language => "language",
            MetadataField::CatalogNo => "catalog_no",
            MetadataField::TitleEn => "title_en",
        }
    }

    /// Its name on the command line and in the API (`type`, `title-en`,
    /// `catalog-no`; the column names are accepted too).
    pub fn name(self) -> &'static str {
        match self {
            MetadataField::DocType => "type",
            MetadataField::CatalogNo => "catalog-no",
            MetadataField::TitleEn => "title-en",
            other => other.column(),
        }
    }
}

impl std::str::FromStr for MetadataField {
    type Err = Error;

    fn from_str(s: &str) -> Result<MetadataField> {
        let s = s.trim();
        MetadataField::ALL.into_iter().find(|f| f.name() == s || f.column() == s).ok_or_else(|| {
            let names: Vec<&str> = MetadataField::ALL.iter().map(|f| f.name()).collect();
            let shown: String = s.chars().take(40).collect();
            Error::InvalidMetadata(format!(
                "`{shown}` is not a field that can be emptied; one of: {}",
                names.join(", ")
            ))
        })
    }
}

impl std::fmt::Display for MetadataField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A new document as import hands it to the store.
#[derive(Debug, Clone)]
pub struct NewDocument {
    /// Metadata; `id`, `paths`, `previous_version` and `superseded` are ignored.
    pub meta: DocumentMeta,
    /// Decoded text.
    pub text: String,
    /// Search view of the text.
    pub norm_text: String,
    /// Content hash (hex).
    pub content_hash: String,
    /// Pages and source, when read from a published format.
    pub(crate) published: Option<crate::import::Published>,
}

impl Project {
    /// All documents, ordered by id; superseded versions only if asked.
    pub fn documents(&self, include_superseded: bool) -> Result<Vec<DocumentMeta>> {
        let mut stmt = self.conn().prepare(&listing_sql(include_superseded))?;
        let mut docs: Vec<DocumentMeta> =
            stmt.query_map([], meta_from_row)?.collect::<policyscope_store::Result<_>>()?;
        let mut paths = self.conn().prepare("SELECT doc_id, path FROM document_paths ORDER BY path")?;
        let mut by_doc: std::collections::HashMap<i64, Vec<String>> = std::collections::HashMap::new();
        for row in paths.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
            let (id, path) = row?;
            by_doc.entry(id).or_default().push(path);
        }
        for d in &mut docs {
            d.paths = by_doc.remove(&d.id).unwrap_or_default();
        }
        Ok(docs)
    }

    /// Metadata of one document.
    pub fn document_meta(&self, id: i64) -> Result<DocumentMeta> {
        let sql = format!("SELECT {META_COLUMNS} FROM documents WHERE id = ?1");
        let mut meta =
            self.conn().query_row(&sql, [id], meta_from_row).optional()?.ok_or(Error::NoSuchDocument(id))?;
        meta.paths = self.paths_of(id)?;
        Ok(meta)
    }

    /// One document with its text.
    pub fn document(&self, id: i64) -> Result<Document> {
        let meta = self.document_meta(id)?;
        let (text, norm_text) =
            self.conn().query_row("SELECT text, norm_text FROM documents WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        Ok(Document { meta, text, norm_text })
    }

    /// Paths at which a document was found.
    pub fn paths_of(&self, id: i64) -> Result<Vec<String>> {
        let mut stmt =
            self.conn().prepare("SELECT path FROM document_paths WHERE doc_id = ?1 ORDER BY path")?;
        let paths = stmt.query_map([id], |r| r.get(0))?.collect::<policyscope_store::Result<_>>()?;
        Ok(paths)
    }

    /// The passages of a document of one kind (or all), in text order.
    pub fn passages(&self, id: i64, kind: Option<SpanKind>) -> Result<Vec<Passage>> {
        let mut stmt = self.conn().prepare(
            "SELECT doc_id, kind, idx, paragraph, start, end FROM passages
             WHERE doc_id = ?1 AND (CAST(?2 AS TEXT) IS NULL OR kind = ?2) ORDER BY kind, idx",
        )?;
        let kind_name = kind.map(SpanKind::as_str);
        let rows = stmt.query_map(params![id, kind_name], |r| {
            let kind: String = r.get(1)?;
            Ok(Passage {
                doc_id: r.get(0)?,
                kind: if kind == "paragraph" { SpanKind::Paragraph } else { SpanKind::Sentence },
                index: r.get(2)?,
                paragraph: r.get(3)?,
                start: r.get(4)?,
                end: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<policyscope_store::Result<_>>()?)
    }

    /// Changes descriptive metadata of a document (never its text). Derived
    /// artefacts that show metadata (the search index) pick it up on their
    /// next sync only if they re-read it; the date filter of search does.
    pub fn update_metadata(&self, id: i64, update: &MetadataUpdate) -> Result<()> {
        if update.title.as_deref().is_some_and(|t| t.trim().is_empty()) {
            return Err(Error::InvalidMetadata("the title cannot be empty".into()));
        }
        let values = MetadataField::ALL.map(|field| (field, update.value(field)));
        if let Some((field, _)) = values.iter().find(|(f, v)| v.is_some() && update.clear.contains(f)) {
            return Err(Error::InvalidMetadata(format!("{field} is both given a value and emptied")));
        }
        // An emptied field is set to NULL and takes no parameter (PostgreSQL
        // cannot type a parameter that is not used); one not given keeps its value.
        let text = |v: Option<String>| v.map_or(Value::Null, Value::Text);
        let mut args = vec![Value::Integer(id), text(update.title.clone())];
        let mut sets = vec!["title = COALESCE(?2, title)".to_string()];
        for (field, value) in values {
            let column = field.column();
            if update.clear.contains(&field) {
                sets.push(format!("{column} = NULL"));
            } else {
                args.push(text(value));
                sets.push(format!("{column} = COALESCE(?{}, {column})", args.len()));
            }
        }
        let sql = format!("UPDATE documents SET {} WHERE id = ?1", sets.join(", "));
        let changed = self.conn().execute(&sql, params_from_iter(args))?;
        if changed == 0 {
            return Err(Error::NoSuchDocument(id));
        }
        Ok(())
    }

    /// The document currently recorded for `path`, with its content hash.
    pub fn document_at_path(&self, path: &str) -> Result<Option<(i64, String)>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT d.id, d.content_hash FROM document_paths p JOIN documents d ON d.id = p.doc_id WHERE p.path = ?1",
                [path],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// The document recorded for `path` if the file's bytes had this hash.
    pub fn document_with_file_hash(&self, path: &str, file_hash: &str) -> Result<Option<i64>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT doc_id FROM document_paths WHERE path = ?1 AND file_hash = ?2",
                [path, file_hash],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The document with this content hash.
    pub fn document_with_hash(&self, hash: &str) -> Result<Option<i64>> {
        Ok(self
            .conn()
            .query_row("SELECT id FROM documents WHERE content_hash = ?1", [hash], |r| r.get(0))
            .optional()?)
    }
}

/// Writes inside one transaction; used by import so that a file is stored
/// whole or not at all.
pub(crate) mod write {
    use super::*;
    use policyscope_store::{Transaction, Value};

    /// Inserts a document and its passages. The passages are split only
    /// once the row is in, so their list and the database's copies of the
    /// text are never in memory at the same time.
    pub(crate) fn insert_document(
        tx: &Transaction<'_>,
        doc: &NewDocument,
        previous: Option<i64>,
    ) -> Result<i64> {
        let m = &doc.meta;
        let id: i64 = tx.query_row(
            "INSERT INTO documents (content_hash, title, date, docno, language, encoding, doc_type, issuer,
                 source_path, text, norm_text, char_count, catalog_no, title_en, previous_version)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) RETURNING id",
            params![
                doc.content_hash,
                m.title,
                date_text(m.date.as_ref()),
                m.docno,
                m.language,
                m.encoding,
                m.doc_type,
                m.issuer,
                m.source_path,
                doc.text,
                doc.norm_text,
                m.char_count,
                m.catalog_no,
                m.title_en,
                previous
            ],
            |r| r.get(0),
        )?;
        if let Some(p) = &doc.published {
            crate::store::pages::write::insert(tx, id, &p.source, &p.pages)?;
        }
        if let Some(prev) = previous {
            tx.execute("UPDATE documents SET superseded = 1 WHERE id = ?1", [prev])?;
            // A new version keeps the old one's translation links, both ways.
            tx.execute(
                "UPDATE documents SET translation_of = (SELECT translation_of FROM documents WHERE id = ?2)
                 WHERE id = ?1",
                [id, prev],
            )?;
            tx.execute("UPDATE documents SET translation_of = ?1 WHERE translation_of = ?2", [id, prev])?;
        }
        let passages = policyscope_text::split_passages(&doc.text);
        // Many rows per statement: on a server each statement is a round trip.
        let values: Vec<Value> = passages
            .iter()
            .flat_map(|p| {
                [
                    Value::Integer(id),
                    Value::Text(p.kind.as_str().to_string()),
                    Value::Integer(p.index as i64),
                    Value::Integer(p.paragraph as i64),
                    Value::Integer(p.start as i64),
                    Value::Integer(p.end as i64),
                ]
            })
            .collect();
        policyscope_store::insert_rows(
            tx,
            "INSERT INTO passages (doc_id, kind, idx, paragraph, start, end)",
            6,
            &values,
        )?;
        Ok(id)
    }

    pub(crate) fn set_path(tx: &Transaction<'_>, path: &str, doc_id: i64, file_hash: &str) -> Result<()> {
        tx.execute(
            "INSERT INTO document_paths (path, doc_id, file_hash) VALUES (?1, ?2, ?3)
             ON CONFLICT(path) DO UPDATE SET doc_id = excluded.doc_id, file_hash = excluded.file_hash,
                 seen_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
            params![path, doc_id, file_hash],
        )?;
        Ok(())
    }

    /// Attaches a catalog entry: its number, English title and date (the
    /// catalog is what the user asserts, so its date wins over one read from
    /// the text, unless that date is the same but more precise, e.g. the
    /// file's `2021-08-20` for the catalog's `2021-08`); other fields only
    /// where the document has none.
    pub(crate) fn apply_catalog(
        tx: &Transaction<'_>,
        doc_id: i64,
        entry: &crate::CatalogEntry,
    ) -> Result<()> {
        let current =
            tx.query_row("SELECT date FROM documents WHERE id = ?1", [doc_id], |r| date_column(r, 0))?;
        let date = match (current, entry.date) {
            (Some(own), Some(cat)) if cat.covers(&own) => Some(own),
            (own, cat) => cat.or(own),
        };
        tx.execute(
            "UPDATE documents SET catalog_no = ?2, title_en = COALESCE(?3, title_en), date = ?4,
                 issuer = COALESCE(issuer, ?5), doc_type = COALESCE(?6, doc_type), docno = COALESCE(docno, ?7)
             WHERE id = ?1",
            params![
                doc_id,
                entry.no,
                entry.title_en,
                date_text(date.as_ref()),
                entry.issuer,
                entry.doc_type,
                entry.docno
            ],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_named_by_its_name_and_its_column() {
        for field in MetadataField::ALL {
            assert_eq!(field.name().parse::<MetadataField>().unwrap(), field);
            assert_eq!(field.column().parse::<MetadataField>().unwrap(), field);
        }
        assert!("title".parse::<MetadataField>().is_err(), "the title cannot be emptied");
    }

    proptest::proptest! {
        #[test]
        fn any_field_name_is_a_field_or_a_short_refusal(text in "\\PC{0,300}") {
            match text.parse::<MetadataField>() {
                Ok(field) => proptest::prop_assert_eq!(field.name().parse::<MetadataField>().ok(), Some(field)),
                Err(e) => proptest::prop_assert!(e.to_string().chars().count() < 300, "{}", e),
            }
        }
    }

    #[test]
    fn listing_current_documents_reads_the_metadata_index_not_the_texts() {
        let dir = tempfile::tempdir().unwrap();
        let project = Project::init(dir.path()).unwrap();
        let plan: String = project
            .conn()
            .query_row(&format!("EXPLAIN QUERY PLAN {}", listing_sql(false)), [], |r| r.get(3))
            .unwrap();
        assert!(plan.contains("COVERING INDEX documents_meta"), "{plan}");
    }
}
