//! The two analyzers of the index.
//!
//! * `policy_words`: jieba words in search mode, for ranking and word queries.
//! * `policy_exact`: Han-character bigrams (a lone Han character as a
//!   unigram) and lower-case ASCII words, each at its code-point position, so
//!   that a phrase query on it is an exact substring match whatever jieba
//!   would have made of the context.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use policyscope_text::lang::is_han;

/// Name under which [`WordTokenizer`] is registered.
pub const WORDS: &str = "policy_words";
/// Name under which [`ExactTokenizer`] is registered.
pub const EXACT: &str = "policy_exact";

/// Streams a precomputed list of tokens.
pub struct VecTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }
    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

/// jieba words (search mode) of the normalised text.
#[derive(Clone, Default)]
pub struct WordTokenizer;

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = VecTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        let tokens = policyscope_text::segment::words_for_index(text)
            .into_iter()
            .enumerate()
            .map(|(position, w)| Token {
                offset_from: w.start,
                offset_to: w.end,
                position,
                text: w.text.to_lowercase(),
                position_length: 1,
            })
            .collect();
        VecTokenStream { tokens, next: 0 }
    }
}

/// Han bigrams and ASCII words at code-point positions.
#[derive(Clone, Default)]
pub struct ExactTokenizer;

impl Tokenizer for ExactTokenizer {
    type TokenStream<'a> = VecTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        VecTokenStream { tokens: exact_tokens(text), next: 0 }
    }
}

/// The exact-match tokens of `text` (also used to build phrase queries).
pub fn exact_tokens(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    let byte_end = |k: usize| chars.get(k).map_or(text.len(), |c| c.0);
    while i < chars.len() {
        let (start, c) = chars[i];
        if is_han(c) {
            let next_is_han = chars.get(i + 1).is_some_and(|n| is_han(n.1));
            let prev_is_han = i > 0 && is_han(chars[i - 1].1);
            if next_is_han {
                tokens.push(Token {
                    offset_from: start,
                    offset_to: byte_end(i + 2),
                    position: i,
                    text: text[start..byte_end(i + 2)].to_string(),
                    position_length: 1,
                });
            } else if !prev_is_han {
                tokens.push(Token {
                    offset_from: start,
                    offset_to: byte_end(i + 1),
                    position: i,
                    text: c.to_string(),
                    position_length: 1,
                });
            }
            i += 1;
        } else if c.is_alphanumeric() {
            let mut j = i;
            while j < chars.len() && chars[j].1.is_alphanumeric() && !is_han(chars[j].1) {
                j += 1;
            }
            tokens.push(Token {
                offset_from: start,
                offset_to: byte_end(j),
                position: i,
                text: text[start..byte_end(j)].to_lowercase(),
                position_length: 1,
            });
            i = j;
        } else {
            i += 1;
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bigrams_at_char_positions() {
        let t: Vec<(String, usize)> =
            exact_tokens("AI标准化 法").into_iter().map(|t| (t.text, t.position)).collect();
        assert_eq!(t, vec![("ai".into(), 0), ("标准".into(), 2), ("准化".into(), 3), ("法".into(), 6)]);
    }
}
