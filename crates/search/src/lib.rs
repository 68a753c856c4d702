//! Chinese full-text search over a policyscope project.
//!
//! The index (tantivy, in `<project>/index`) is derived from the project
//! database by [`sync_index`] and holds two views of every title and body:
//! jieba words (ranking, word queries) and Han bigrams at code-point
//! positions (exact phrases). Queries use a small language ([`query`]):
//! words, `"exact phrases"`, `AND`/`OR`/`NOT`, parentheses and `title:`,
//! `type:`, `docno:` fields; [`SearchRequest`] adds date and type filters.
//! Hits come with keyword-in-context [`Snippet`]s cut from the original text.
//!
//! ```no_run
//! # use policyscope_corpus::Project;
//! # use policyscope_search::{search, sync_index, SearchRequest};
//! let project = Project::open("study".as_ref()).unwrap();
//! sync_index(&project).unwrap();
//! let results = search(&project, &SearchRequest::new("\"个人信息保护\"")).unwrap();
//! for hit in results.hits {
//!     println!("{} {}", hit.id, hit.title);
//! }
//! ```
#![deny(missing_docs)]

mod compile;
mod index;
pub mod query;
mod snippet;
mod tokenizer;

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::schema::Value;
use tantivy::TantivyDocument;

use policyscope_corpus::Project;

pub use index::{date_number, sync_index};
pub use snippet::Snippet;

/// Errors of search.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The query could not be understood.
    #[error("query: {0}")]
    Query(String),
    /// The project store failed.
    #[error(transparent)]
    Corpus(#[from] policyscope_corpus::Error),
    /// The database failed.
    #[error("database: {0}")]
    Sql(#[from] rusqlite::Error),
    /// The index failed.
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// The index folder could not be opened.
    #[error("search index: {0}")]
    Directory(#[from] tantivy::directory::error::OpenDirectoryError),
    /// A file-system error.
    #[error("{0}: {1}")]
    Io(String, std::io::Error),
}

/// What to search for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    /// The query in the query language.
    pub query: String,
    /// Only documents dated on or after this date (`YYYY[-MM[-DD]]`).
    pub from: Option<String>,
    /// Only documents dated on or before this date.
    pub to: Option<String>,
    /// Only documents of this type (法, 条例, 办法 …).
    pub doc_type: Option<String>,
    /// How many hits at most.
    pub limit: usize,
    /// Hits to skip (for paging).
    pub offset: usize,
    /// Snippets per hit.
    pub snippets: usize,
}

impl SearchRequest {
    /// A request with defaults: 20 hits, 3 snippets, no filters.
    pub fn new(query: &str) -> Self {
        SearchRequest {
            query: query.to_string(),
            from: None,
            to: None,
            doc_type: None,
            limit: 20,
            offset: 0,
            snippets: 3,
        }
    }
}

/// One matching document.
#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    /// Document id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Date.
    pub date: Option<String>,
    /// Document number.
    pub docno: Option<String>,
    /// Type.
    pub doc_type: Option<String>,
    /// Path it was imported from.
    pub source_path: String,
    /// BM25 score.
    pub score: f32,
    /// Keyword-in-context passages.
    pub snippets: Vec<Snippet>,
}

/// The answer to a [`SearchRequest`].
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// The query as given.
    pub query: String,
    /// Number of matching documents (all, not only those returned).
    pub total: usize,
    /// The hits, best first.
    pub hits: Vec<SearchHit>,
    /// Time the search took, in milliseconds: query parsing, index search and
    /// snippets (not process start, the one-off dictionary load or index updates).
    pub took_ms: f64,
}

/// Runs a search. The index must be in sync ([`sync_index`]).
pub fn search(project: &Project, req: &SearchRequest) -> Result<SearchResults, Error> {
    // The segmenter's dictionary loads once per process; keep that one-off
    // cost out of the reported search time.
    policyscope_text::segment::jieba();
    let started = std::time::Instant::now();
    let parsed = query::parse(&req.query)?;
    let open = index::open(project)?;
    let f = open.fields;
    let q = compile::with_filters(&f, compile::compile(&f, &parsed)?, req)?;
    let reader = open.index.reader()?;
    let searcher = reader.searcher();
    let collector = (TopDocs::with_limit(req.limit.max(1)).and_offset(req.offset).order_by_score(), Count);
    let (top, total) = searcher.search(&q, &collector)?;
    let terms = parsed.positive_terms();
    let mut hits = Vec::new();
    for (score, address) in top {
        let stored: TantivyDocument = searcher.doc(address)?;
        let Some(id) = stored.get_first(f.doc_id).and_then(|v| v.as_i64()) else { continue };
        let doc = project.document(id)?;
        let matches = snippet::find_matches(&doc.norm_text, &terms);
        let mut snippets = snippet::snippets(&doc.text, &matches, req.snippets, 30);
        if snippets.is_empty() && req.snippets > 0 {
            // Matched in the title only: show the opening of the text.
            let n = doc.text.chars().count().min(80);
            snippets.push(Snippet {
                start: 0,
                end: n,
                text: policyscope_text::slice_chars(&doc.text, 0, n).replace('\n', " "),
                highlights: vec![],
            });
        }
        hits.push(SearchHit {
            id,
            title: doc.meta.title,
            date: doc.meta.date,
            docno: doc.meta.docno,
            doc_type: doc.meta.doc_type,
            source_path: doc.meta.source_path,
            score,
            snippets,
        });
    }
    Ok(SearchResults {
        query: req.query.clone(),
        total,
        hits,
        took_ms: started.elapsed().as_secs_f64() * 1000.0,
    })
}
