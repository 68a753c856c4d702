//! The query language.
//!
//! ```text
//! 人工智能 标准化            both words (implicit AND)
//! "个人信息保护"             exact phrase (substring of the text)
//! 数据 OR 算法              either
//! 数据 AND NOT 跨境         NOT (or a leading -) excludes
//! (数据 OR 算法) 安全        grouping
//! title:条例  type:办法      field filters: title, type, docno
//! ```
//! `AND`, `OR` and `NOT` are operators only in capitals; `OR` binds looser
//! than `AND`.
//!
//! A query comes from a person or a web page, so parsing is bounded: at most
//! [`MAX_QUERY_CHARS`] characters, [`MAX_TERMS`] terms and [`MAX_DEPTH`]
//! levels of parentheses and negations. Every walk over the tree is bounded by
//! that depth too, so no input can exhaust the stack.

use crate::Error;

/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 1000;
/// Most terms (words and phrases) in one query.
pub const MAX_TERMS: usize = 100;
/// Deepest nesting of parentheses and negations (`NOT`, `-`) together.
pub const MAX_DEPTH: usize = 32;

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    /// Every sub-query must match.
    And(Vec<Query>),
    /// At least one sub-query must match.
    Or(Vec<Query>),
    /// The sub-query must not match.
    Not(Box<Query>),
    /// A word (or words, if it segments into several) in a field.
    Word(Field, String),
    /// An exact phrase in a field.
    Phrase(Field, String),
}

/// Where a term is looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Title and body.
    Any,
    /// Title only.
    Title,
    /// Document type (exact).
    Type,
    /// Document number (exact, canonical form).
    Docno,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Open,
    Close,
    And,
    Or,
    Not,
    Term(Field, String, bool),
}

fn lex(input: &str) -> Result<Vec<Tok>, Error> {
    if input.chars().nth(MAX_QUERY_CHARS).is_some() {
        return Err(Error::QueryTooLong { limit: MAX_QUERY_CHARS });
    }
    let mut toks = Vec::new();
    let mut terms = 0;
    let mut chars = input.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '(' || c == '（' {
            chars.next();
            toks.push(Tok::Open);
        } else if c == ')' || c == '）' {
            chars.next();
            toks.push(Tok::Close);
        } else if c == '-' && chars.clone().nth(1).is_some_and(|n| !n.is_whitespace()) {
            // A leading `-` excludes the term that follows it.
            chars.next();
            toks.push(Tok::Not);
        } else {
            let mut word = String::new();
            let mut field = Field::Any;
            let mut quoted = false;
            loop {
                match chars.peek().copied() {
                    Some(q @ ('"' | '“' | '”')) if word.is_empty() => {
                        chars.next();
                        let close = if q == '“' { '”' } else { q };
                        let mut phrase = String::new();
                        let mut closed = false;
                        for c in chars.by_ref() {
                            if c == close || (close == '"' && c == '”') {
                                closed = true;
                                break;
                            }
                            phrase.push(c);
                        }
                        if !closed {
                            return Err(Error::Query(format!("unclosed quote in `{input}`")));
                        }
                        word = phrase;
                        quoted = true;
                        break;
                    }
                    Some(c) if c.is_whitespace() || matches!(c, '(' | ')' | '（' | '）') => break,
                    Some(':') if field == Field::Any && !quoted => {
                        chars.next();
                        field = match word.to_lowercase().as_str() {
                            "title" | "标题" => Field::Title,
                            "type" | "类型" => Field::Type,
                            "docno" | "文号" => Field::Docno,
                            other => {
                                return Err(Error::Query(format!(
                                    "unknown field `{other}:` (fields: title, type, docno)"
                                )))
                            }
                        };
                        word.clear();
                    }
                    Some(c) => {
                        chars.next();
                        word.push(c);
                    }
                    None => break,
                }
            }
            match (word.as_str(), field, quoted) {
                ("AND", Field::Any, false) => toks.push(Tok::And),
                ("OR", Field::Any, false) => toks.push(Tok::Or),
                ("NOT", Field::Any, false) => toks.push(Tok::Not),
                ("", _, false) => return Err(Error::Query(format!("empty term in `{input}`"))),
                _ => toks.push(Tok::Term(field, word, quoted)),
            }
            terms += usize::from(matches!(toks.last(), Some(Tok::Term(..))));
            if terms > MAX_TERMS {
                return Err(Error::TooManyTerms { limit: MAX_TERMS });
            }
        }
    }
    Ok(toks)
}

/// Parses a query string.
pub fn parse(input: &str) -> Result<Query, Error> {
    let toks = lex(input)?;
    if toks.is_empty() {
        return Err(Error::Query("the query is empty".into()));
    }
    let mut p = Parser { toks, pos: 0, depth: 0 };
    let q = p.or()?;
    if p.pos < p.toks.len() {
        return Err(Error::Query(format!("unexpected `)` in `{input}`")));
    }
    Ok(q)
}

/// Recursive descent whose recursion is bounded: each nested call goes
/// through [`Parser::enter`], which refuses more than [`MAX_DEPTH`] levels.
struct Parser {
    toks: Vec<Tok>,
    pos: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }

    /// Parses one nested level (after `(` or a negation) with `inner`.
    fn enter(&mut self, inner: fn(&mut Parser) -> Result<Query, Error>) -> Result<Query, Error> {
        if self.depth >= MAX_DEPTH {
            return Err(Error::QueryTooDeep { limit: MAX_DEPTH });
        }
        self.depth += 1;
        let q = inner(self);
        self.depth -= 1;
        q
    }

    fn or(&mut self) -> Result<Query, Error> {
        let mut parts = vec![self.and()?];
        while self.peek() == Some(&Tok::Or) {
            self.pos += 1;
            parts.push(self.and()?);
        }
        Ok(if parts.len() == 1 { parts.remove(0) } else { Query::Or(parts) })
    }

    fn and(&mut self) -> Result<Query, Error> {
        let mut parts = vec![self.unary()?];
        loop {
            match self.peek() {
                Some(Tok::And) => {
                    self.pos += 1;
                    parts.push(self.unary()?);
                }
                Some(Tok::Term(..) | Tok::Not | Tok::Open) => parts.push(self.unary()?),
                _ => break,
            }
        }
        Ok(if parts.len() == 1 { parts.remove(0) } else { Query::And(parts) })
    }

    fn unary(&mut self) -> Result<Query, Error> {
        match self.toks.get(self.pos).cloned() {
            Some(Tok::Not) => {
                self.pos += 1;
                Ok(Query::Not(Box::new(self.enter(Parser::unary)?)))
            }
            Some(Tok::Open) => {
                self.pos += 1;
                let q = self.enter(Parser::or)?;
                if self.peek() != Some(&Tok::Close) {
                    return Err(Error::Query("missing `)`".into()));
                }
                self.pos += 1;
                Ok(q)
            }
            Some(Tok::Term(field, text, quoted)) => {
                self.pos += 1;
                Ok(if quoted { Query::Phrase(field, text) } else { Query::Word(field, text) })
            }
            Some(Tok::Close) => Err(Error::Query("unexpected `)`".into())),
            Some(Tok::And | Tok::Or) | None => {
                Err(Error::Query("an operator needs a term on each side".into()))
            }
        }
    }
}

/// Deepest tree a parsed query can have, leaves included: the top `OR` and
/// `AND`, at most an `OR` and an `AND` node for each level of parentheses,
/// one `NOT` node for each negation, and the term.
pub(crate) const MAX_TREE_DEPTH: usize = 2 * MAX_DEPTH + 3;

impl Query {
    /// The literal strings a hit must contain (for snippets and highlighting).
    ///
    /// Walks the tree with an explicit stack, so a hand-built tree of any
    /// depth is safe too.
    pub fn positive_terms(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut stack = vec![(self, false)];
        while let Some((q, negated)) = stack.pop() {
            match q {
                // Reversed so that terms come out in query order.
                Query::And(qs) | Query::Or(qs) => stack.extend(qs.iter().rev().map(|q| (q, negated))),
                Query::Not(q) => stack.push((q, !negated)),
                Query::Word(Field::Any | Field::Title, t) | Query::Phrase(Field::Any | Field::Title, t)
                    if !negated =>
                {
                    let norm = policyscope_text::normalize_for_search(t);
                    if !out.contains(&norm) {
                        out.push(norm);
                    }
                }
                _ => {}
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn w(s: &str) -> Query {
        Query::Word(Field::Any, s.into())
    }

    #[test]
    fn parses_operators_and_precedence() {
        assert_eq!(parse("人工智能 标准化").unwrap(), Query::And(vec![w("人工智能"), w("标准化")]));
        assert_eq!(
            parse("数据 OR 算法 安全").unwrap(),
            Query::Or(vec![w("数据"), Query::And(vec![w("算法"), w("安全")])])
        );
        assert_eq!(
            parse("(数据 OR 算法) AND NOT 跨境").unwrap(),
            Query::And(vec![Query::Or(vec![w("数据"), w("算法")]), Query::Not(Box::new(w("跨境")))])
        );
        assert_eq!(parse("\"个人信息保护\"").unwrap(), Query::Phrase(Field::Any, "个人信息保护".into()));
        assert_eq!(parse("“个人信息”").unwrap(), Query::Phrase(Field::Any, "个人信息".into()));
        assert_eq!(
            parse("title:条例 -草案").unwrap(),
            Query::And(vec![Query::Word(Field::Title, "条例".into()), Query::Not(Box::new(w("草案")))])
        );
        assert_eq!(parse("GB-T").unwrap(), w("GB-T"));
    }

    #[test]
    fn rejects_bad_queries() {
        for bad in ["", "  ", "\"open", "(a", "a)", "OR a", "a AND", "foo:bar"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let _ = parse(&s);
        }
    }
}
