//! The tantivy index in `<project>/index`, derived from the database.
//!
//! The database is the system of record; the index can always be rebuilt
//! from it. `search_indexed` records which documents the index holds, so a
//! sync after an interrupted import adds exactly what is missing (and a
//! document is deleted by id before it is added, so nothing is doubled).

use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, STORED, STRING,
};
use tantivy::{doc, Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, Term};

use policyscope_corpus::Project;

use crate::tokenizer::{ExactTokenizer, WordTokenizer, EXACT, WORDS};
use crate::Error;

/// Bump when the schema or the analyzers change: the index is then rebuilt.
const INDEX_VERSION: i64 = 1;

/// The tables that record what the index in the data folder holds: state of
/// that folder, not of the project, so a copy of the project leaves them out
/// and its index is built anew.
pub const INDEX_TABLES: &[&str] = &["search_indexed", "search_meta"];

const MIGRATIONS: &[&str] =
    &["CREATE TABLE search_indexed (doc_id INTEGER PRIMARY KEY, meta TEXT NOT NULL DEFAULT '');
     CREATE TABLE search_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"];

/// The metadata the index holds for a document, as one comparable string
/// computed by the database: when it changes (a catalog attached later, an
/// edit), the document is indexed again. Dates are stored as their ISO text,
/// so the string is the same one earlier versions computed from the values.
const INDEXED_META: &str = "COALESCE(d.title, '') || '\u{1f}' || COALESCE(d.date, '') || '\u{1f}' \
     || COALESCE(d.doc_type, '') || '\u{1f}' || COALESCE(d.docno, '')";

/// The current documents the index lacks or holds with other metadata, with
/// their metadata string. The comparison runs inside the database over the
/// covering `documents_meta` index, so a sync that finds nothing to do reads
/// no row into the program: every CLI search pays only this scan.
fn changed_documents_sql() -> String {
    format!(
        "SELECT d.id, {INDEXED_META} FROM documents d LEFT JOIN search_indexed s ON s.doc_id = d.id
         WHERE d.superseded = 0 AND (s.doc_id IS NULL OR s.meta <> {INDEXED_META}) ORDER BY d.id"
    )
}

/// Documents the index holds that are no longer current (deleted or superseded).
const GONE_DOCUMENTS: &str = "SELECT s.doc_id FROM search_indexed s
     LEFT JOIN documents d ON d.id = s.doc_id AND d.superseded = 0 WHERE d.id IS NULL ORDER BY s.doc_id";

/// Fields of the index.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    pub doc_id: Field,
    pub title: Field,
    pub title_exact: Field,
    pub body: Field,
    pub body_exact: Field,
    pub date: Field,
    pub doc_type: Field,
    pub docno: Field,
}

pub(crate) fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |analyzer: &str| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(analyzer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
    };
    let fields = Fields {
        doc_id: b.add_i64_field("doc_id", NumericOptions::default().set_indexed().set_stored().set_fast()),
        title: b.add_text_field("title", text(WORDS)),
        title_exact: b.add_text_field("title_exact", text(EXACT)),
        body: b.add_text_field("body", text(WORDS)),
        body_exact: b.add_text_field("body_exact", text(EXACT)),
        date: b.add_i64_field("date", NumericOptions::default().set_indexed().set_fast()),
        doc_type: b.add_text_field("doc_type", STRING | STORED),
        docno: b.add_text_field("docno", STRING),
    };
    (b.build(), fields)
}

/// The project's index, opened once, with one reader that every search
/// reuses. The reader sees what the index held at the last
/// [`SearchIndex::sync`] or [`SearchIndex::reload`], so searching never
/// writes and costs nothing per request beyond the search itself.
pub struct SearchIndex {
    index: Index,
    fields: Fields,
    reader: IndexReader,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex").finish_non_exhaustive()
    }
}

impl SearchIndex {
    /// Opens (or creates) the index in `<project>/index`. This may write: the
    /// search tables are created on first use, and an index built by another
    /// analyzer version is removed so that [`SearchIndex::sync`] rebuilds it.
    pub fn open(project: &Project) -> Result<SearchIndex, Error> {
        project.migrate("search", MIGRATIONS)?;
        let dir = project.artefact_dir("index");
        let (schema, fields) = schema();
        let stored_version: Option<i64> = project
            .conn()
            .query_row("SELECT value FROM search_meta WHERE key = 'index_version'", [], |r| {
                r.get::<_, String>(0)
            })
            .ok()
            .and_then(|v| v.parse().ok());
        let stale = stored_version != Some(INDEX_VERSION);
        if stale && dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| Error::Io(dir.display().to_string(), e))?;
        }
        if stale {
            project.conn().execute_batch("DELETE FROM search_indexed;")?;
            project.conn().execute(
                "INSERT INTO search_meta (key, value) VALUES ('index_version', ?1)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [INDEX_VERSION.to_string()],
            )?;
        }
        std::fs::create_dir_all(&dir).map_err(|e| Error::Io(dir.display().to_string(), e))?;
        let mmap = tantivy::directory::MmapDirectory::open(&dir)?;
        let index = Index::open_or_create(mmap, schema)?;
        index.tokenizers().register(WORDS, WordTokenizer);
        index.tokenizers().register(EXACT, ExactTokenizer);
        // Reloaded by hand (after a sync, or when the project changed underneath)
        // rather than by a file watcher: the caller decides when the view moves.
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(SearchIndex { index, fields, reader })
    }

    pub(crate) fn fields(&self) -> Fields {
        self.fields
    }

    pub(crate) fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// Makes searches see the index as last committed, also by another
    /// process (`policyscope search` syncs the index it finds stale).
    pub fn reload(&self) -> Result<(), Error> {
        Ok(self.reader.reload()?)
    }

    /// Brings the index up to date with the project's current documents and
    /// reloads the reader. Returns the number of documents added.
    pub fn sync(&self, project: &Project) -> Result<usize, Error> {
        let added = self.write_changes(project)?;
        self.reload()?;
        Ok(added)
    }

    fn write_changes(&self, project: &Project) -> Result<usize, Error> {
        let f = self.fields;
        let to_add: Vec<(i64, String)> = {
            let mut stmt = project.conn().prepare(&changed_documents_sql())?;
            let rows = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<policyscope_store::Result<_>>()?;
            rows
        };
        let to_remove: Vec<i64> = {
            let mut stmt = project.conn().prepare(GONE_DOCUMENTS)?;
            let rows = stmt.query_map([], |r| r.get(0))?.collect::<policyscope_store::Result<_>>()?;
            rows
        };
        if to_add.is_empty() && to_remove.is_empty() {
            return Ok(0);
        }
        // Segmentation happens in the writer's threads: use the cores there are.
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(4);
        let mut writer: IndexWriter = self.index.writer_with_num_threads(threads, 100_000_000 * threads)?;
        // A process killed in the middle of a commit leaves files that no
        // commit refers to; this commit may need the same names (they are
        // numbered by operation), so they go first.
        writer.garbage_collect_files().wait()?;
        for id in &to_remove {
            writer.delete_term(Term::from_field_i64(f.doc_id, *id));
        }
        for (id, _) in &to_add {
            let d = project.document(*id)?;
            writer.delete_term(Term::from_field_i64(f.doc_id, *id));
            let title = policyscope_text::normalize_for_search(&d.meta.title);
            let mut document = doc!(
                f.doc_id => *id,
                f.title => title.clone(),
                f.title_exact => title,
                f.body => d.norm_text.clone(),
                f.body_exact => d.norm_text,
            );
            if let Some(date) = d.meta.date {
                // A partial date is indexed as its first day, as date ranges read it.
                document.add_i64(f.date, date.day_number());
            }
            if let Some(t) = &d.meta.doc_type {
                document.add_text(f.doc_type, t);
            }
            if let Some(n) = &d.meta.docno {
                document.add_text(f.docno, n);
            }
            writer.add_document(document)?;
        }
        writer.commit()?;
        let tx = project.conn().unchecked_transaction()?;
        for id in &to_remove {
            tx.execute("DELETE FROM search_indexed WHERE doc_id = ?1", [id])?;
        }
        for (id, meta) in &to_add {
            tx.execute(
                "INSERT INTO search_indexed (doc_id, meta) VALUES (?1, ?2)
             ON CONFLICT(doc_id) DO UPDATE SET meta = excluded.meta",
                policyscope_store::params![id, meta],
            )?;
        }
        tx.commit()?;
        Ok(to_add.len())
    }
}

/// Brings the index up to date with the project's current documents.
/// Returns the number of documents added.
pub fn sync_index(project: &Project) -> Result<usize, Error> {
    SearchIndex::open(project)?.sync(project)
}
