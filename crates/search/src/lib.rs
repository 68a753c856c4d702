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
use policyscope_text::PolicyDate;

pub use index::{sync_index, SearchIndex, INDEX_TABLES};
pub use snippet::Snippet;

/// Errors of search.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The query could not be understood.
    #[error("query: {0}")]
    Query(String),
    /// The query has more characters than the parser accepts.
    #[error("query is longer than {limit} characters")]
    QueryTooLong {
        /// The most characters accepted.
        limit: usize,
    },
    /// The query nests parentheses and negations too deeply.
    #[error("query nests parentheses and negations (NOT, -) deeper than {limit} levels")]
    QueryTooDeep {
        /// The deepest nesting accepted.
        limit: usize,
    },
    /// The query has more terms than the parser accepts.
    #[error("query has more than {limit} terms")]
    TooManyTerms {
        /// The most terms accepted.
        limit: usize,
    },
    /// A numeric parameter of the request is out of its range.
    #[error("{parameter} {value} is too large (at most {max})")]
    OutOfRange {
        /// Which parameter (`limit`, `offset`, `snippets`).
        parameter: &'static str,
        /// The value given.
        value: usize,
        /// The largest value accepted.
        max: usize,
    },
    /// The project store failed.
    #[error(transparent)]
    Corpus(#[from] policyscope_corpus::Error),
    /// The database failed.
    #[error("database: {0}")]
    Sql(#[from] policyscope_store::Error),
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

impl Error {
    /// Whether the request itself is at fault (a bad query or parameter),
    /// as opposed to the project or the index failing.
    pub fn is_bad_request(&self) -> bool {
        matches!(
            self,
            Error::Query(_)
                | Error::QueryTooLong { .. }
                | Error::QueryTooDeep { .. }
                | Error::TooManyTerms { .. }
                | Error::OutOfRange { .. }
        )
    }
}

/// Most hits one request returns.
pub const MAX_LIMIT: usize = 10_000;
/// Most hits a request may skip. The index keeps `offset + limit` candidates
/// in memory, so both are bounded.
pub const MAX_OFFSET: usize = 100_000;
/// Most snippets per hit.
pub const MAX_SNIPPETS: usize = 100;

/// What to search for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    /// The query in the query language.
    pub query: String,
    /// Only documents dated on or after the first day of this date.
    pub from: Option<PolicyDate>,
    /// Only documents dated on or before the last day of this date
    /// (`2021` includes all of 2021).
    pub to: Option<PolicyDate>,
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
    /// Refuses a limit, offset or snippet count above [`MAX_LIMIT`],
    /// [`MAX_OFFSET`] or [`MAX_SNIPPETS`].
    pub fn check(&self) -> Result<(), Error> {
        for (parameter, value, max) in [
            ("limit", self.limit, MAX_LIMIT),
            ("offset", self.offset, MAX_OFFSET),
            ("snippets", self.snippets, MAX_SNIPPETS),
        ] {
            if value > max {
                return Err(Error::OutOfRange { parameter, value, max });
            }
        }
        Ok(())
    }

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
    pub date: Option<PolicyDate>,
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
    /// Time the search took, in milliseconds: index search and snippets (not
    /// process start, query parsing or index updates).
    pub took_ms: f64,
}

/// Runs a search on a freshly opened index, which must be in sync
/// ([`sync_index`]). A program that searches repeatedly keeps a
/// [`SearchIndex`] open instead.
pub fn search(project: &Project, req: &SearchRequest) -> Result<SearchResults, Error> {
    SearchIndex::open(project)?.search(project, req)
}

impl SearchIndex {
    /// Runs a search over what the index held at its last [`SearchIndex::sync`]
    /// or [`SearchIndex::reload`]. Reads only: nothing is written.
    pub fn search(&self, project: &Project, req: &SearchRequest) -> Result<SearchResults, Error> {
        req.check()?;
        let parsed = query::parse(&req.query)?;
        let started = std::time::Instant::now();
        let f = self.fields();
        let q = compile::with_filters(&f, compile::compile(&f, &parsed)?, req)?;
        let searcher = self.searcher();
        // Equal scores are ranked by document id: the index's own order
        // depends on how its writer threads split the documents, so would
        // differ between two projects made from the same files.
        let by_score_then_id = TopDocs::with_limit(req.limit.max(1)).and_offset(req.offset).tweak_score(
            |segment: &tantivy::SegmentReader| {
                let ids = segment.fast_fields().i64("doc_id").ok();
                move |doc: tantivy::DocId, score: tantivy::Score| {
                    (score, std::cmp::Reverse(ids.as_ref().and_then(|c| c.first(doc)).unwrap_or(i64::MAX)))
                }
            },
        );
        let (top, total) = searcher.search(&q, &(by_score_then_id, Count))?;
        let terms = parsed.positive_terms();
        let mut hits = Vec::new();
        for ((score, _), address) in top {
            let stored: TantivyDocument = searcher.doc(address)?;
            let Some(id) = stored.get_first(f.doc_id).and_then(|v| v.as_i64()) else { continue };
            let doc = match project.document(id) {
                Ok(doc) => doc,
                // Removed since the index was last synced: not a hit any more.
                Err(policyscope_corpus::Error::NoSuchDocument(_)) => continue,
                Err(e) => return Err(e.into()),
            };
            let matches = snippet::find_matches(&doc.norm_text, &terms);
            let mut snippets = snippet::snippets(&doc.text, &matches, req.snippets, 30);
            if snippets.is_empty() && req.snippets > 0 {
                // Matched in the title only: show the opening of the text.
                snippets.push(snippet::opening(&doc.text, 80));
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
}
