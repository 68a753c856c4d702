//! Decoding file bytes into text without silent wrong guesses.
//!
//! Order of decisions: a byte-order mark wins; then valid UTF-8; then UTF-16
//! without a byte-order mark, believed only on statistics that hold for
//! Chinese and English text (see [`utf16_without_bom`]); then a statistical
//! guess by `chardetng`, accepted only if the guessed encoding decodes every
//! byte without replacement. Anything else with NUL bytes is binary.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

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
    /// A byte-order mark names an encoding the rest of the bytes break.
    #[error("the byte-order mark says {encoding}, but the bytes after it are not valid {encoding} (first bad sequence near byte {offset})")]
    BadAfterBom {
        /// The encoding the mark names.
        encoding: String,
        /// Byte offset (from the start of the file) of the first bad sequence.
        offset: usize,
    },
}

/// Decodes `bytes`, detecting the encoding.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    decode_owned(bytes.to_vec())
}

/// Decodes `bytes`, detecting the encoding; UTF-8 input becomes the text
/// without a copy, so a large file is held once, not twice.
pub fn decode_owned(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    let exact = decode_exact(bytes)?;
    finish(exact.text, exact.encoding)
}

/// Decodes `bytes` as written: the byte-order mark removed, line endings
/// and control characters kept, empty text allowed. For formats whose
/// offsets count the text exactly as stored (REFI-QDA sources).
pub fn decode_exact(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    let (encoding, bom_len) = detect(&bytes)?;
    let text = if encoding == UTF_8 {
        let mut bytes = bytes;
        bytes.drain(..bom_len);
        String::from_utf8(bytes).map_err(|e| DecodeError::Invalid {
            guessed: UTF_8.name().to_string(),
            offset: e.utf8_error().valid_up_to() + bom_len,
        })?
    } else {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        text.into_owned()
    };
    Ok(Decoded { text, encoding: encoding.name().to_string() })
}

/// Finds the encoding of `bytes` and the length of its byte-order mark;
/// an encoding is returned only if it decodes every byte.
fn detect(bytes: &[u8]) -> Result<(&'static Encoding, usize), DecodeError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return match first_bad(encoding, &bytes[bom_len..]) {
            None => Ok((encoding, bom_len)),
            Some(at) => {
                Err(DecodeError::BadAfterBom { encoding: encoding.name().to_string(), offset: bom_len + at })
            }
        };
    }
    let utf8_err = match std::str::from_utf8(bytes) {
        Ok(_) if !bytes.contains(&0) => return Ok((UTF_8, 0)),
        Ok(_) => None,
        Err(e) => Some(e),
    };
    let utf16 = utf16_without_bom(bytes);
    let nul = bytes.iter().position(|&b| b == 0);
    // Text with NUL bytes is UTF-16 or nothing.
    let legacy = match nul {
        Some(pos) => Err(DecodeError::Binary(format!("NUL byte at offset {pos}"))),
        None => legacy_guess(bytes, utf8_err.map_or(0, |e| e.valid_up_to())),
    };
    match (utf16, legacy) {
        // Both readings clean: the one with more usual characters wins, the
        // legacy encoding on a tie (UTF-16 without a mark is the rarer).
        (Some((encoding, score)), Ok((_, legacy_score))) if score > legacy_score => Ok((encoding, 0)),
        (_, Ok((encoding, _))) => Ok((encoding, 0)),
        (Some((encoding, _)), Err(_)) => Ok((encoding, 0)),
        (None, Err(e)) => Err(e),
    }
}

/// The legacy encoding `chardetng` guesses, if it decodes every byte and is
/// plausible, with its share of usual characters (see [`usual_share`]).
fn legacy_guess(bytes: &[u8], utf8_offset: usize) -> Result<(&'static Encoding, u64), DecodeError> {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guessed = detector.guess(None, chardetng::Utf8Detection::Deny);
    // GBK is a subset of GB18030: decode with the superset so that rare
    // characters outside GBK do not become replacement characters.
    let encoding = if guessed == encoding_rs::GBK { GB18030 } else { guessed };
    let invalid = || DecodeError::Invalid { guessed: encoding.name().to_string(), offset: utf8_offset };
    if !plausible_legacy(encoding, bytes) {
        return Err(invalid());
    }
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(invalid());
    }
    Ok((encoding, usual_share(text.chars().map(u32::from))))
}

/// Share of [`usual_in_text`] characters, in thousandths.
fn usual_share(chars: impl Iterator<Item = u32>) -> u64 {
    let (mut usual, mut total) = (0u64, 0u64);
    for c in chars {
        total += 1;
        usual += u64::from(usual_in_text(c));
    }
    usual * 1000 / total.max(1)
}

/// Byte offset of the first sequence `encoding` cannot decode, if any.
fn first_bad(encoding: &'static Encoding, bytes: &[u8]) -> Option<usize> {
    if encoding == UTF_8 {
        return std::str::from_utf8(bytes).err().map(|e| e.valid_up_to());
    }
    if encoding == UTF_16LE || encoding == UTF_16BE {
        return utf16_units(bytes, encoding == UTF_16LE).find_map(|u| u.err());
    }
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = vec![0u8; 4096];
    let mut read = 0;
    loop {
        let chunk = &bytes[read..bytes.len().min(read + 1024)];
        let last = read + chunk.len() == bytes.len();
        let (result, n, _) = decoder.decode_to_utf8_without_replacement(chunk, &mut out, last);
        match result {
            encoding_rs::DecoderResult::Malformed(bad, after) => {
                return Some((read + n).saturating_sub(bad as usize + after as usize));
            }
            _ if last && read + n == bytes.len() => return None,
            _ => read += n,
        }
    }
}

/// The UTF-16 code points of `bytes`, each `Err(byte offset)` where an
/// odd trailing byte or an unpaired surrogate stands.
fn utf16_units(bytes: &[u8], le: bool) -> impl Iterator<Item = Result<u32, usize>> + '_ {
    let units = bytes.chunks_exact(2).map(move |p| {
        if le {
            u16::from_le_bytes([p[0], p[1]])
        } else {
            u16::from_be_bytes([p[0], p[1]])
        }
    });
    let mut at = 0usize;
    let odd = (bytes.len() % 2 == 1).then_some(Err(bytes.len() - 1));
    char::decode_utf16(units)
        .map(move |r| {
            let here = at;
            match r {
                Ok(c) => {
                    at += c.len_utf16() * 2;
                    Ok(c as u32)
                }
                Err(_) => {
                    at += 2;
                    Err(here)
                }
            }
        })
        .chain(odd)
}

/// Whether a code point is usual in Chinese or English text: ASCII text
/// characters, Latin-1 letters and signs, general punctuation (dashes,
/// curly quotes, ellipsis), letter-like signs and arrows, numbers in
/// circles, shapes, CJK punctuation, enclosed CJK (`㈠`), the unified CJK
/// ideographs (and those beyond the BMP), compatibility ideographs and
/// full-width forms. Kana, bopomofo and the rare extension A are left out:
/// GB18030's four-byte sequences read as UTF-16 fall there.
fn usual_in_text(c: u32) -> bool {
    matches!(c,
        0x09 | 0x0A | 0x0D | 0x20..=0x7E | 0xA0..=0xFF
        | 0x2010..=0x205E | 0x2100..=0x22FF | 0x2460..=0x24FF | 0x2500..=0x27BF
        | 0x3000..=0x303F | 0x3200..=0x32FF | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3134F)
}

/// UTF-16 written without a byte-order mark, with its share of usual
/// characters. Chinese UTF-16 need not hold a single NUL byte (CJK code
/// units have no zero byte), so the decision rests on statistics: of the two
/// byte orders, one whose decoding has no unpaired surrogate and whose
/// characters are at least 95 % usual in text ([`usual_in_text`]) is
/// believed if it is clearly better than the other, and if the text has at
/// least sixteen code units or a NUL byte. GB18030 and random bytes fail:
/// their pairs fall among surrogates, Hangul, kana and private use.
fn utf16_without_bom(bytes: &[u8]) -> Option<(&'static Encoding, u64)> {
    // Without NUL bytes, a few pairs of legacy bytes can read as usual
    // characters by chance: sixteen code units make that vanishingly rare.
    let min_units = if bytes.contains(&0) { 2 } else { 16 };
    if bytes.len() < 2 * min_units || bytes.len() % 2 == 1 {
        return None;
    }
    // None on a bad sequence.
    let score = |le: bool| -> Option<u64> {
        let mut bad = false;
        let share = usual_share(utf16_units(bytes, le).map_while(|u| {
            bad |= u.is_err();
            u.ok()
        }));
        (!bad).then_some(share)
    };
    match (score(true), score(false)) {
        (Some(le), be) if le >= 950 && le > be.unwrap_or(0) => Some((UTF_16LE, le)),
        (le, Some(be)) if be >= 950 && be > le.unwrap_or(0) => Some((UTF_16BE, be)),
        _ => None,
    }
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

fn finish(text: String, encoding: String) -> Result<Decoded, DecodeError> {
    let text = normalize_line_endings_owned(text);
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    let (mut controls, mut chars) = (0usize, 0usize);
    for c in text.chars() {
        chars += 1;
        controls += usize::from(c.is_control() && !matches!(c, '\n' | '\t' | '\u{c}'));
    }
    if controls * 20 > chars.max(1) {
        return Err(DecodeError::Binary(format!("{controls} control characters")));
    }
    Ok(Decoded { text, encoding })
}

/// Turns `\r\n` and lone `\r` into `\n`, so that offsets mean the same in
/// every tool that reads the text later.
pub fn normalize_line_endings(text: &str) -> String {
    normalize_line_endings_owned(text.to_string())
}

/// [`normalize_line_endings`] in place: the text only shrinks, so no
/// second buffer is needed.
fn normalize_line_endings_owned(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut bytes = text.into_bytes();
    let mut write = 0;
    let mut read = 0;
    while read < bytes.len() {
        let b = bytes[read];
        read += 1;
        if b == b'\r' {
            bytes[write] = b'\n';
            if bytes.get(read) == Some(&b'\n') {
                read += 1;
            }
        } else {
            bytes[write] = b;
        }
        write += 1;
    }
    bytes.truncate(write);
    // Only ASCII bytes were replaced or removed, so the bytes stay UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
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
    fn chinese_utf16_without_bom_or_nul_is_text_not_binary() {
        // One line: a line break would be a 0x000A unit, with a NUL byte.
        let text =
            "国务院关于印发人工智能发展规划的通知：各省、自治区、直辖市人民政府，国务院各部委、各直属机构";
        for (le, name) in [(true, "UTF-16LE"), (false, "UTF-16BE")] {
            let bytes: Vec<u8> = text
                .encode_utf16()
                .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
                .collect();
            assert!(!bytes.contains(&0), "the sample must hold no NUL byte");
            assert_eq!(decode(&bytes), Ok(Decoded { text: text.into(), encoding: name.into() }));
        }
    }

    #[test]
    fn broken_bom_file_says_what_the_mark_claimed() {
        // FF FE then an unpaired high surrogate.
        let err = decode(&[0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]);
        assert_eq!(err, Err(DecodeError::BadAfterBom { encoding: "UTF-16LE".into(), offset: 2 }));
    }

    #[test]
    fn line_endings_are_normalised_in_place() {
        assert_eq!(normalize_line_endings("a\r\nb\rc\n\r\n中"), "a\nb\nc\n\n中");
        assert_eq!(decode(b"x\r\ny").map(|d| d.text), Ok("x\ny".to_string()));
    }

    proptest::proptest! {
        #[test]
        fn decoding_garbage_never_panics(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..512)) {
            let _ = decode(&bytes);
            let _ = decode_exact(bytes);
        }

        #[test]
        fn text_from_valid_encodings_round_trips(text in "[\\PC\n]{1,200}", which in 0usize..4) {
            let bytes: Vec<u8> = match which {
                0 => text.as_bytes().to_vec(),
                1 => [0xEF, 0xBB, 0xBF].into_iter().chain(text.bytes()).collect(),
                2 => [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect(),
                _ => [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect(),
            };
            // Accepted text is exactly the original; refusals (empty,
            // control characters) are allowed, wrong text is not.
            if let Ok(d) = decode(&bytes) {
                proptest::prop_assert_eq!(d.text, normalize_line_endings(&text));
            }
        }

        #[test]
        fn gb18030_text_round_trips_when_accepted(text in "[\\p{Han}，。、：；a-z0-9\n]{1,200}") {
            let (bytes, _, _) = GB18030.encode(&text);
            if let Ok(d) = decode(&bytes) {
                proptest::prop_assert_eq!(d.text, text);
            }
        }
    }

    #[test]
    fn refuses_invalid_sequences() {
        // Lone continuation bytes and truncated multi-byte sequences.
        let bytes = b"\xE4\xB8 abc \xFF\xFE\xFD\x80\x80";
        assert!(decode(bytes).is_err());
    }
}
