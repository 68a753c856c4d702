//! Decoding file bytes into text without silent wrong guesses.
//!
//! Order of decisions: a byte-order mark wins; then valid UTF-8; then a
//! statistical guess by `chardetng`, accepted only if the guessed encoding
//! decodes every byte without replacement. Files with NUL bytes (and no
//! UTF-16 BOM) are treated as binary and refused.

use encoding_rs::{Encoding, GB18030, UTF_8};

/// Text decoded from a file, with the name of the encoding that was used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without byte-order mark, with line endings normalised to `\n`.
    pub text: String,
    /// The encoding's WHATWG name, e.g. `UTF-8`, `gb18030`, `UTF-16LE`.
    pub encoding: String,
}

/// Why a file could not be decoded.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeError {
    /// The file has no bytes (or only a byte-order mark / whitespace).
    #[error("the file is empty")]
    Empty,
    /// The file looks like binary data (NUL bytes or many control characters).
    #[error("the file looks binary, not text ({0})")]
    Binary(String),
    /// The bytes are not valid in any encoding that could be detected.
    #[error("invalid byte sequence: not valid UTF-8, and not valid {guessed} either (first bad byte near offset {offset})")]
    Invalid {
        /// The encoding that was tried after UTF-8.
        guessed: String,
        /// Byte offset of the first invalid sequence under UTF-8.
        offset: usize,
    },
}

/// Decodes `bytes`, detecting the encoding.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        let (text, had_errors) = encoding.decode_without_bom_handling(body);
        if had_errors {
            return Err(DecodeError::Invalid { guessed: encoding.name().to_string(), offset: 0 });
        }
        return finish(text.into_owned(), encoding);
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        if let Some(decoded) = utf16_without_bom(bytes) {
            return decoded;
        }
        return Err(DecodeError::Binary(format!("NUL byte at offset {pos}")));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => finish(text.to_string(), UTF_8),
        Err(utf8_err) => {
            let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            let guessed = detector.guess(None, chardetng::Utf8Detection::Deny);
            // GBK is a subset of GB18030: decode with the superset so that rare
            // characters outside GBK do not become replacement characters.
            let encoding = if guessed == encoding_rs::GBK { GB18030 } else { guessed };
            let (text, _, had_errors) = encoding.decode(bytes);
            if had_errors || !plausible_legacy(encoding, bytes) {
                return Err(DecodeError::Invalid {
                    guessed: encoding.name().to_string(),
                    offset: utf8_err.valid_up_to(),
                });
            }
            finish(text.into_owned(), encoding)
        }
    }
}

/// UTF-16 written without a byte-order mark: believed only when the length
/// is even, at least nine in ten NUL bytes stand on the same side of their
/// code unit (the high byte of ASCII characters; CJK characters such as 一
/// U+4E00 put a few on the other side) and the whole file decodes cleanly;
/// anything else is left to be refused as binary.
fn utf16_without_bom(bytes: &[u8]) -> Option<Result<Decoded, DecodeError>> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let (even, odd) = bytes.iter().enumerate().filter(|(_, b)| **b == 0).fold((0, 0), |(e, o), (i, _)| {
        if i.is_multiple_of(2) {
            (e + 1, o)
        } else {
            (e, o + 1)
        }
    });
    let encoding = if odd >= 9 * even && odd > 0 {
        encoding_rs::UTF_16LE
    } else if even >= 9 * odd && even > 0 {
        encoding_rs::UTF_16BE
    } else {
        return None;
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        return None;
    }
    let decoded = finish(text.into_owned(), encoding);
    decoded.is_ok().then_some(decoded)
}

/// Legacy encodings accepted after UTF-8 failed. Single-byte Latin
/// encodings decode any byte soup, so they are believed only for mostly-ASCII
/// text (an English document with a few accented letters or smart quotes).
fn plausible_legacy(encoding: &'static Encoding, bytes: &[u8]) -> bool {
    if encoding == GB18030 || encoding == encoding_rs::BIG5 {
        return true;
    }
    if encoding == encoding_rs::WINDOWS_1252 || encoding == encoding_rs::ISO_8859_2 {
        let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
        return non_ascii * 20 <= bytes.len();
    }
    false
}

fn finish(text: String, encoding: &'static Encoding) -> Result<Decoded, DecodeError> {
    let text = normalize_line_endings(&text);
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    let controls = text.chars().filter(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\u{c}')).count();
    if controls * 20 > text.chars().count().max(1) {
        return Err(DecodeError::Binary(format!("{controls} control characters")));
    }
    Ok(Decoded { text, encoding: encoding.name().to_string() })
}

/// Turns `\r\n` and lone `\r` into `\n`, so that offsets mean the same in
/// every tool that reads the text later.
pub fn normalize_line_endings(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("标题\r\n正文".as_bytes()).unwrap();
        assert_eq!(d.text, "标题\n正文");
        assert_eq!(d.encoding, "UTF-8");
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("标题".as_bytes());
        assert_eq!(decode(&b).unwrap().text, "标题");
    }

    #[test]
    fn utf16_with_bom() {
        let mut b = vec![0xFF, 0xFE];
        for u in "国务院关于印发".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&b).unwrap();
        assert_eq!(d.text, "国务院关于印发");
        assert_eq!(d.encoding, "UTF-16LE");
    }

    #[test]
    fn gb18030_round_trip() {
        let original = "中华人民共和国个人信息保护法\n第一条 为了保护个人信息权益，规范个人信息处理活动，促进个人信息合理利用，根据宪法，制定本法。";
        let (bytes, _, _) = GB18030.encode(original);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, original);
        assert_eq!(d.encoding, "gb18030");
    }

    #[test]
    fn utf16_without_bom_is_recognised() {
        let text = "Notice 关于 AI 标准化\n第一条";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&le).unwrap(), Decoded { text: text.into(), encoding: "UTF-16LE".into() });
        assert_eq!(decode(&be).unwrap().encoding, "UTF-16BE");
        // NULs on both sides of code units: binary, not text.
        assert!(matches!(decode(b"a\0\0b\0c\0d"), Err(DecodeError::Binary(_))));
    }

    #[test]
    fn refuses_binary_and_empty() {
        assert!(matches!(decode(b"\x89PNG\r\n\x1a\n\0\0\0"), Err(DecodeError::Binary(_))));
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b"  \n\n "), Err(DecodeError::Empty));
    }

    #[test]
    fn refuses_invalid_sequences() {
        // Lone continuation bytes and truncated multi-byte sequences.
        let bytes = b"\xE4\xB8 abc \xFF\xFE\xFD\x80\x80";
        assert!(decode(bytes).is_err());
    }
}
