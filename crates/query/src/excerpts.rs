//! `excerpts`: the coded passages of a code in context (keyword in context).

use std::collections::BTreeMap;

use policyscope_coding::{CodingStore, Status};
use serde::{Deserialize, Serialize};

use crate::data::{DocRef, Selection};
use crate::Result;

/// One coded passage with the text around it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Excerpt {
    /// Code path.
    pub code: String,
    /// The document.
    pub document: DocRef,
    /// First code point of the passage.
    pub start: i64,
    /// One past its last code point.
    pub end: i64,
    /// Text before the passage (up to the context width, within its line).
    pub before: String,
    /// The coded passage.
    pub text: String,
    /// Text after the passage.
    pub after: String,
    /// The codings on this span: ids, coders, statuses.
    pub codings: Vec<ExcerptCoding>,
    /// The page the passage starts on, when the document is paged (PDF, OFD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

/// A coding behind an excerpt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExcerptCoding {
    /// Coding id (for review commands).
    pub id: i64,
    /// Coder.
    pub coder: String,
    /// Status.
    pub status: Status,
    /// Rule that fired (auto-coding).
    pub rule: Option<String>,
    /// Matched text (auto-coding).
    pub matched: Option<String>,
}

/// The excerpts of every code in the selection (filter the selection by
/// code to get one code's), in document and text order; `context` is the
/// number of characters shown on each side.
pub fn excerpts(store: &CodingStore<'_>, sel: &Selection, context: usize) -> Result<Vec<Excerpt>> {
    let mut grouped: BTreeMap<(i64, i64, i64, String), Vec<ExcerptCoding>> = BTreeMap::new();
    for c in &sel.codings {
        grouped.entry((c.doc_id, c.start, c.end, c.code_path.clone())).or_default().push(ExcerptCoding {
            id: c.id,
            coder: c.coder.clone(),
            status: c.status,
            rule: c.rule.clone(),
            matched: c.matched.clone(),
        });
    }
    let mut out = Vec::with_capacity(grouped.len());
    let mut text_of: Option<(i64, Vec<char>, Vec<policyscope_corpus::DocumentPage>)> = None;
    for ((doc, start, end, code), codings) in grouped {
        if text_of.as_ref().map(|t| t.0) != Some(doc) {
            let project = store.project();
            text_of = Some((doc, project.document(doc)?.text.chars().collect(), project.pages(doc)?));
        }
        let Some((_, chars, pages)) = &text_of else { continue };
        let (s, e) = (start.max(0) as usize, (end.max(0) as usize).min(chars.len()));
        let s = s.min(e);
        let line_start = chars[..s].iter().rposition(|&c| c == '\n').map_or(0, |i| i + 1);
        let line_end = chars[e..].iter().position(|&c| c == '\n').map_or(chars.len(), |i| e + i);
        let before: String = chars[s.saturating_sub(context).max(line_start)..s].iter().collect();
        let after: String = chars[e..e.saturating_add(context).min(line_end)].iter().collect();
        let Some(document) = sel.documents.get(&doc).cloned() else { continue };
        out.push(Excerpt {
            code,
            document,
            start,
            end,
            before,
            text: chars[s..e].iter().collect(),
            after,
            codings,
            page: passage_page(pages, start),
        });
    }
    Ok(out)
}

/// The page a coded passage starting at code point `start` is quoted with:
/// the page it starts on, or `None` for a document without pages. Every
/// place that quotes a passage with its page (excerpts, the report) asks here.
pub fn passage_page(pages: &[policyscope_corpus::DocumentPage], start: i64) -> Option<u32> {
    policyscope_corpus::page_of(pages, start)
}

/// CSV of excerpts: one row per passage.
pub fn write_csv(excerpts: &[Excerpt], w: impl std::io::Write) -> Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record([
        "code",
        "doc_id",
        "title",
        "start",
        "end",
        "before",
        "text",
        "after",
        "coding_ids",
        "coders",
    ])?;
    for x in excerpts {
        let ids: Vec<String> = x.codings.iter().map(|c| c.id.to_string()).collect();
        let coders: Vec<String> = x.codings.iter().map(|c| format!("{} ({})", c.coder, c.status)).collect();
        out.write_record([
            x.code.as_str(),
            &x.document.id.to_string(),
            &x.document.title,
            &x.start.to_string(),
            &x.end.to_string(),
            &x.before,
            &x.text,
            &x.after,
            &ids.join("; "),
            &coders.join("; "),
        ])?;
    }
    out.flush()?;
    Ok(())
}

/// A plain-text rendering: `[doc] …before 【text】 after…`.
pub fn to_text(excerpts: &[Excerpt]) -> String {
    let mut s = String::new();
    for x in excerpts {
        let ids: Vec<String> =
            x.codings.iter().map(|c| format!("#{} {} {}", c.id, c.coder, c.status)).collect();
        let page = x.page.map(|p| format!(" p. {p}")).unwrap_or_default();
        s.push_str(&format!(
            "{} | doc {} {}{page} [{}..{}] ({})\n  …{}【{}】{}…\n",
            x.code,
            x.document.id,
            x.document.title,
            x.start,
            x.end,
            ids.join(", "),
            x.before,
            x.text,
            x.after
        ));
    }
    s
}
