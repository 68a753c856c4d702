//! Every text of the shared corpus, re-encoded in each encoding a file may
//! come in, decodes back to the same text under the right encoding name;
//! random bytes stay refused.

use policyscope_text::encoding::{decode, normalize_line_endings};

/// The corpus texts (UTF-8 files), with their paths for messages.
fn corpus() -> Vec<(std::path::PathBuf, String)> {
    let root = policyscope_testkit::shared_corpus();
    let mut out = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        let entries =
            std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                if !text.trim().is_empty() {
                    out.push((path, text));
                }
            }
        }
    }
    assert!(out.len() > 100, "the shared corpus holds too few texts ({})", out.len());
    out
}

fn utf16(text: &str, le: bool, bom: bool) -> Vec<u8> {
    let mark: &[u8] = match (bom, le) {
        (false, _) => &[],
        (true, true) => &[0xFF, 0xFE],
        (true, false) => &[0xFE, 0xFF],
    };
    let units = text.encode_utf16().flat_map(move |u| if le { u.to_le_bytes() } else { u.to_be_bytes() });
    mark.iter().copied().chain(units).collect()
}

/// Checks one text in every encoding; returns how many variants it checked.
fn check(path: &std::path::Path, text: &str) -> usize {
    let expected = normalize_line_endings(text);
    let (gb, _, unmappable) = encoding_rs::GB18030.encode(text);
    assert!(!unmappable, "{}: GB18030 maps every character", path.display());
    let utf8_bom: Vec<u8> = [0xEF, 0xBB, 0xBF].into_iter().chain(text.bytes()).collect();
    let variants: [(&str, Vec<u8>, &str); 7] = [
        ("UTF-8", text.as_bytes().to_vec(), "UTF-8"),
        ("UTF-8 with BOM", utf8_bom, "UTF-8"),
        ("GB18030", gb.into_owned(), "gb18030"),
        ("UTF-16LE with BOM", utf16(text, true, true), "UTF-16LE"),
        ("UTF-16BE with BOM", utf16(text, false, true), "UTF-16BE"),
        ("UTF-16LE without BOM", utf16(text, true, false), "UTF-16LE"),
        ("UTF-16BE without BOM", utf16(text, false, false), "UTF-16BE"),
    ];
    let mut checked = 0;
    for (label, bytes, name) in variants {
        // An ASCII-only text is the same bytes in UTF-8 and GB18030.
        let name = if label == "GB18030" && text.is_ascii() { "UTF-8" } else { name };
        match decode(&bytes) {
            Ok(d) => {
                assert_eq!(d.encoding, name, "{} as {label}: wrong encoding", path.display());
                assert!(d.text == expected, "{} as {label}: the text differs", path.display());
            }
            Err(e) => panic!("{} as {label}: refused: {e}", path.display()),
        }
        checked += 1;
    }
    checked
}

#[test]
fn every_corpus_text_round_trips_in_every_encoding() {
    let texts = corpus();
    let half = texts.len() / 2;
    // Two threads: the corpus is large and the test runs in debug builds.
    let checked: usize = std::thread::scope(|scope| {
        let workers: Vec<_> = texts
            .chunks(half.max(1))
            .map(|chunk| scope.spawn(move || chunk.iter().map(|(p, t)| check(p, t)).sum::<usize>()))
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or_else(|_| panic!("a corpus text failed (see above)")))
            .sum()
    });
    assert_eq!(checked, texts.len() * 7);
}

#[test]
fn random_bytes_stay_refused() {
    // A fixed xorshift sequence: the same bytes on every run.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for len in [64usize, 1000, 4096, 65_536] {
        for _ in 0..20 {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    (state >> 24) as u8
                })
                .collect();
            let result = decode(&bytes);
            assert!(result.is_err(), "{len} random bytes decoded as {:?}", result.map(|d| d.encoding));
        }
    }
}
