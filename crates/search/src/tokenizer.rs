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

/// jieba words (search mode) of the normalised text.
#[derive(Clone, Default)]
pub struct WordTokenizer;

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordTokenStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordTokenStream<'a> {
        WordTokenStream::new(text, WORD_CHUNK_BYTES)
    }
}

/// Bytes of text segmented at a time: a long document is never held as one
/// list of words.
const WORD_CHUNK_BYTES: usize = 64 * 1024;

/// The words of a text, segmented a chunk at a time. Chunks end after a
/// character jieba never puts inside a word (white space, punctuation), so
/// the words, offsets and positions are those of the whole text at once.
pub struct WordTokenStream<'a> {
    text: &'a str,
    chunk_bytes: usize,
    /// Where the next chunk starts.
    next_chunk: usize,
    /// The current chunk's words.
    tokens: Vec<Token>,
    next: usize,
    /// Position of the next word in the whole text.
    position: usize,
}

impl<'a> WordTokenStream<'a> {
    fn new(text: &'a str, chunk_bytes: usize) -> Self {
        WordTokenStream { text, chunk_bytes, next_chunk: 0, tokens: Vec::new(), next: 0, position: 0 }
    }

    /// Segments the next chunk; false at the end of the text.
    fn load_chunk(&mut self) -> bool {
        let start = self.next_chunk;
        if start >= self.text.len() {
            return false;
        }
        let rest = &self.text[start..];
        let mut from = self.chunk_bytes.min(rest.len());
        while !rest.is_char_boundary(from) {
            from += 1;
        }
        let separator = |c: char| !c.is_alphanumeric() && !"+#&._%-".contains(c);
        let end = rest[from..]
            .char_indices()
            .find(|&(_, c)| separator(c))
            .map_or(rest.len(), |(i, c)| from + i + c.len_utf8());
        self.next_chunk = start + end;
        let words = policyscope_text::segment::words_for_index(&rest[..end]);
        self.tokens.clear();
        for w in words {
            self.tokens.push(Token {
                offset_from: start + w.start,
                offset_to: start + w.end,
                position: self.position,
                text: w.text.to_lowercase(),
                position_length: 1,
            });
            self.position += 1;
        }
        self.next = 0;
        true
    }
}

impl TokenStream for WordTokenStream<'_> {
    fn advance(&mut self) -> bool {
        while self.next >= self.tokens.len() {
            if !self.load_chunk() {
                return false;
            }
        }
        self.next += 1;
        true
    }
    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

/// Han bigrams and ASCII words at code-point positions.
#[derive(Clone, Default)]
pub struct ExactTokenizer;

impl Tokenizer for ExactTokenizer {
    type TokenStream<'a> = ExactTokenStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> ExactTokenStream<'a> {
        ExactTokenStream::new(text)
    }
}

/// The exact-match tokens of a text (for queries, which are short).
pub fn exact_tokens(text: &str) -> Vec<Token> {
    let mut stream = ExactTokenStream::new(text);
    let mut tokens = Vec::new();
    while stream.advance() {
        tokens.push(stream.token.clone());
    }
    tokens
}

/// The exact-match tokens of a text, made one at a time as the index asks
/// for them: a Han character starts a bigram with the next one (or stands
/// alone between non-Han characters); other letters and digits make a
/// lower-case word.
pub struct ExactTokenStream<'a> {
    text: &'a str,
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
    /// Code-point position of the next character.
    position: usize,
    /// Whether the character before the next one is Han.
    prev_is_han: bool,
    token: Token,
}

impl<'a> ExactTokenStream<'a> {
    fn new(text: &'a str) -> Self {
        ExactTokenStream {
            text,
            chars: text.char_indices().peekable(),
            position: 0,
            prev_is_han: false,
            token: Token::default(),
        }
    }

    fn set(&mut self, from: usize, to: usize, position: usize, lower: bool) {
        self.token.offset_from = from;
        self.token.offset_to = to;
        self.token.position = position;
        self.token.position_length = 1;
        self.token.text.clear();
        if lower {
            self.token.text.push_str(&self.text[from..to].to_lowercase());
        } else {
            self.token.text.push_str(&self.text[from..to]);
        }
    }
}

impl TokenStream for ExactTokenStream<'_> {
    fn advance(&mut self) -> bool {
        while let Some((start, c)) = self.chars.next() {
            let i = self.position;
            self.position += 1;
            let han = is_han(c);
            let prev_is_han = std::mem::replace(&mut self.prev_is_han, han);
            if han {
                match self.chars.peek().copied() {
                    Some((next, n)) if is_han(n) => {
                        self.set(start, next + n.len_utf8(), i, false);
                        return true;
                    }
                    _ if !prev_is_han => {
                        self.set(start, start + c.len_utf8(), i, false);
                        return true;
                    }
                    _ => {}
                }
            } else if c.is_alphanumeric() {
                let mut end = start + c.len_utf8();
                while let Some(&(b, d)) = self.chars.peek() {
                    if !d.is_alphanumeric() || is_han(d) {
                        break;
                    }
                    end = b + d.len_utf8();
                    self.chars.next();
                    self.position += 1;
                }
                self.set(start, end, i, true);
                return true;
            }
        }
        false
    }
    fn token(&self) -> &Token {
        &self.token
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
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

    /// The words of a text in tiny chunks: the same as segmenting it whole.
    fn words_in_chunks(text: &str, chunk_bytes: usize) -> Vec<(String, usize, usize, usize)> {
        let mut stream = WordTokenStream::new(text, chunk_bytes);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    #[test]
    fn words_segmented_in_chunks_are_the_words_of_the_whole_text() {
        let text = "国务院关于印发新一代人工智能发展规划的通知。\n各省、自治区：GB/T 1.1-2020 规定了标准化工作导则，\nAI 标准体系 建设指南 2024年版";
        let whole: Vec<(String, usize, usize, usize)> = policyscope_text::segment::words_for_index(text)
            .into_iter()
            .enumerate()
            .map(|(p, w)| (w.text.to_lowercase(), w.start, w.end, p))
            .collect();
        for chunk in [1, 7, 32, 1 << 20] {
            assert_eq!(words_in_chunks(text, chunk), whole, "chunks of {chunk} bytes");
        }
    }

    proptest::proptest! {
        #[test]
        fn chunked_words_match_whole_text_words(text in "[\\p{Han}a-z0-9 ，。\n.+-]{0,120}", chunk in 1usize..40) {
            let whole: Vec<(String, usize, usize, usize)> = policyscope_text::segment::words_for_index(&text)
                .into_iter()
                .enumerate()
                .map(|(p, w)| (w.text.to_lowercase(), w.start, w.end, p))
                .collect();
            proptest::prop_assert_eq!(words_in_chunks(&text, chunk), whole);
        }
    }
}
