use policyscope_text::{PolicyDate, SpanKind};
use serde::{Deserialize, Serialize};

/// What the project knows about a document, without its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentMeta {
    /// Stable id within the project.
    pub id: i64,
    /// Title (first heading, `<title>`, catalog, or file name).
    pub title: String,
    /// Date of this version (a day, or a month or year from a catalog);
    /// serialised as ISO `YYYY[-MM[-DD]]`.
    pub date: Option<PolicyDate>,
    /// Document number (文号), canonical form.
    pub docno: Option<String>,
    /// `zh`, `en` or `und`.
    pub language: String,
    /// Encoding the file was decoded from.
    pub encoding: String,
    /// Type read from the title (法, 条例, 办法, 通知 …) or the catalog.
    pub doc_type: Option<String>,
    /// Issuing body, when known.
    pub issuer: Option<String>,
    /// The path the document was first imported from.
    pub source_path: String,
    /// Every path at which this exact content was found.
    pub paths: Vec<String>,
    /// Length of the text in code points.
    pub char_count: i64,
    /// Number in an attached catalog.
    pub catalog_no: Option<String>,
    /// English title from an attached catalog.
    pub title_en: Option<String>,
    /// The document this one replaced when its file changed.
    pub previous_version: Option<i64>,
    /// Whether a later import of the same path replaced this version.
    pub superseded: bool,
    /// The original of which this document is a translation.
    #[serde(default)]
    pub translation_of: Option<i64>,
}

impl DocumentMeta {
    /// Metadata with only an id, a title and a date: the language is read
    /// from the title, the encoding is UTF-8 and every other field is empty.
    /// For documents described from outside (catalogs, other tools, tests).
    pub fn new(id: i64, title: &str, date: Option<PolicyDate>) -> Self {
        DocumentMeta {
            id,
            title: title.to_string(),
            date,
            docno: None,
            language: policyscope_text::lang::detect_language(title).to_string(),
            encoding: "UTF-8".to_string(),
            doc_type: None,
            issuer: None,
            source_path: String::new(),
            paths: Vec::new(),
            char_count: 0,
            catalog_no: None,
            title_en: None,
            previous_version: None,
            superseded: false,
            translation_of: None,
        }
    }
}

/// A document with its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Metadata.
    #[serde(flatten)]
    pub meta: DocumentMeta,
    /// The text as decoded (BOM removed, line endings `\n`): what users see.
    pub text: String,
    /// The search view of the text: same length in code points.
    #[serde(skip)]
    pub norm_text: String,
}

/// A paragraph or sentence of a document, offsets in code points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Passage {
    /// The document.
    pub doc_id: i64,
    /// Paragraph or sentence.
    pub kind: SpanKind,
    /// Position among passages of this kind.
    pub index: i64,
    /// Paragraph that holds it.
    pub paragraph: i64,
    /// First code point.
    pub start: i64,
    /// One past the last code point.
    pub end: i64,
}
