//! Parsed queries → tantivy queries.

use std::ops::Bound;

use policyscope_text::DateRange;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, Occur, PhraseQuery, Query as TQuery, RangeQuery, RegexQuery,
    TermQuery,
};
use tantivy::schema::{Field as TField, IndexRecordOption};
use tantivy::Term;

use crate::index::Fields;
use crate::query::{Field, Query, MAX_DEPTH, MAX_TREE_DEPTH};
use crate::tokenizer::exact_tokens;
use crate::{Error, SearchRequest};

type Boxed = Box<dyn TQuery>;

fn term(field: TField, text: &str) -> Boxed {
    Box::new(TermQuery::new(Term::from_field_text(field, text), IndexRecordOption::WithFreqsAndPositions))
}

fn any_of(parts: Vec<Boxed>) -> Boxed {
    Box::new(BooleanQuery::new(parts.into_iter().map(|q| (Occur::Should, q)).collect()))
}

fn all_of(parts: Vec<Boxed>) -> Boxed {
    Box::new(BooleanQuery::new(parts.into_iter().map(|q| (Occur::Must, q)).collect()))
}

/// An exact substring query on a bigram field.
fn exact(field: TField, text: &str) -> Option<Boxed> {
    let tokens = exact_tokens(text);
    match tokens.as_slice() {
        [] => None,
        [one]
            if one.text.chars().count() == 1 && policyscope_text::lang::is_han(one.text.chars().next()?) =>
        {
            // A lone character is indexed only where it stands alone; elsewhere
            // it is inside bigrams, so match those too.
            let c = regex_escape(&one.text);
            RegexQuery::from_pattern(&format!("{c}|{c}.|.{c}"), field).ok().map(|q| Box::new(q) as Boxed)
        }
        [one] => Some(term(field, &one.text)),
        many => Some(Box::new(PhraseQuery::new_with_offset(
            many.iter().map(|t| (t.position, Term::from_field_text(field, &t.text))).collect(),
        ))),
    }
}

fn regex_escape(s: &str) -> String {
    s.chars().flat_map(|c| if c.is_alphanumeric() { vec![c] } else { vec!['\\', c] }).collect()
}

fn text_query(f: &Fields, field: Field, text: &str, phrase: bool) -> Result<Boxed, Error> {
    let norm = policyscope_text::normalize_for_search(text);
    let targets: Vec<(TField, TField, f32)> = match field {
        Field::Title => vec![(f.title, f.title_exact, 1.0)],
        _ => vec![(f.body, f.body_exact, 1.0), (f.title, f.title_exact, 2.0)],
    };
    let mut alternatives: Vec<Boxed> = Vec::new();
    for (words_field, exact_field, boost) in targets {
        let mut per_field: Vec<Boxed> = Vec::new();
        if let Some(q) = exact(exact_field, &norm) {
            per_field.push(q);
        }
        if !phrase {
            let words = policyscope_text::segment::words_for_query(&norm);
            if !words.is_empty() {
                per_field.push(all_of(words.iter().map(|w| term(words_field, &w.to_lowercase())).collect()));
            }
        }
        if !per_field.is_empty() {
            alternatives.push(Box::new(BoostQuery::new(any_of(per_field), boost)));
        }
    }
    if alternatives.is_empty() {
        return Err(Error::Query(format!("`{text}` has no searchable characters")));
    }
    Ok(any_of(alternatives))
}

/// Compiles one parsed query.
pub(crate) fn compile(f: &Fields, q: &Query) -> Result<Boxed, Error> {
    compile_at(f, q, 1)
}

/// Compiles `q`, found at `depth` in the tree. The parser never builds a tree
/// deeper than [`MAX_TREE_DEPTH`]; the check keeps a hand-built one from
/// exhausting the stack.
fn compile_at(f: &Fields, q: &Query, depth: usize) -> Result<Boxed, Error> {
    if depth > MAX_TREE_DEPTH {
        return Err(Error::QueryTooDeep { limit: MAX_DEPTH });
    }
    Ok(match q {
        Query::Word(Field::Type, t) | Query::Phrase(Field::Type, t) => term(f.doc_type, t),
        Query::Word(Field::Docno, t) | Query::Phrase(Field::Docno, t) => {
            let canonical = policyscope_text::docno::find_document_numbers(t)
                .first()
                .map(|d| d.canonical())
                .unwrap_or_else(|| t.clone());
            term(f.docno, &canonical)
        }
        Query::Word(field, t) => text_query(f, *field, t, false)?,
        Query::Phrase(field, t) => text_query(f, *field, t, true)?,
        Query::And(parts) | Query::Or(parts) => {
            let occur = if matches!(q, Query::And(_)) { Occur::Must } else { Occur::Should };
            let mut clauses = Vec::new();
            for p in parts {
                match (p, occur) {
                    (Query::Not(inner), Occur::Must) => {
                        clauses.push((Occur::MustNot, compile_at(f, inner, depth + 2)?))
                    }
                    _ => clauses.push((occur, compile_at(f, p, depth + 1)?)),
                }
            }
            with_positive(clauses)
        }
        Query::Not(inner) => with_positive(vec![(Occur::MustNot, compile_at(f, inner, depth + 1)?)]),
    })
}

/// A boolean query with only exclusions matches nothing in tantivy; give it
/// "everything" to exclude from.
fn with_positive(mut clauses: Vec<(Occur, Boxed)>) -> Boxed {
    if clauses.iter().all(|(o, _)| *o == Occur::MustNot) {
        clauses.push((Occur::Must, Box::new(AllQuery)));
    }
    Box::new(BooleanQuery::new(clauses))
}

/// Adds the request's filters (dates, type) around the compiled query.
pub(crate) fn with_filters(f: &Fields, query: Boxed, req: &SearchRequest) -> Result<Boxed, Error> {
    let mut clauses = vec![(Occur::Must, query)];
    let range = DateRange::new(req.from, req.to).map_err(|e| Error::Query(e.to_string()))?;
    if !range.is_unbounded() {
        // `to 2021` or `to 2021-06` reaches the last day of that period.
        let bound =
            |n: Option<i64>| n.map_or(Bound::Unbounded, |n| Bound::Included(Term::from_field_i64(f.date, n)));
        let (lower, upper) = range.day_numbers();
        clauses.push((Occur::Must, Box::new(RangeQuery::new(bound(lower), bound(upper))) as Boxed));
    }
    if let Some(t) = &req.doc_type {
        clauses.push((Occur::Must, term(f.doc_type, t)));
    }
    Ok(Box::new(BooleanQuery::new(clauses)))
}
