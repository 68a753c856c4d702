//! Indexes the segmentation dictionary by first character at build time, so
//! that a query's segmenter reads only the entries its characters can start
//! (see `src/segment/query.rs`) and never parses the whole dictionary.
//!
//! Writes `$OUT_DIR/dict_index.rs`: `DICT_TOTAL`, the sum of every entry's
//! frequency (the segmenter's probabilities are relative to it), and
//! `FIRST_CHAR`, the byte range of the entries starting with each character.
//! The dictionary must be `word freq tag` lines sorted by word with no word
//! twice; anything else fails the build with the line it found.

use std::error::Error;
use std::fmt::Write as _;
use std::path::PathBuf;

const DICT: &str = "data/jieba-dict.txt";

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo:rerun-if-changed={DICT}");
    println!("cargo:rerun-if-changed=build.rs");
    let text = std::fs::read_to_string(DICT)?;
    let mut total: u64 = 0;
    // (first character, start byte, end byte) of each run of entries.
    let mut runs: Vec<(char, usize, usize)> = Vec::new();
    let mut previous: Option<&str> = None;
    let mut offset = 0;
    for (number, line) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        let fields: Vec<&str> = line.split_ascii_whitespace().collect();
        let [word, freq, _tag] = fields.as_slice() else {
            return Err(format!("{DICT}:{}: not `word freq tag`", number + 1).into());
        };
        let freq: u64 = freq.parse().map_err(|e| format!("{DICT}:{}: frequency: {e}", number + 1))?;
        total = total.checked_add(freq).ok_or("dictionary total overflows")?;
        if previous.is_some_and(|p| p >= *word) {
            return Err(format!("{DICT}:{}: `{word}` is out of order or repeated", number + 1).into());
        }
        previous = Some(word);
        let first = word.chars().next().ok_or("empty word")?;
        match runs.last_mut() {
            Some(run) if run.0 == first => run.2 = offset,
            _ => runs.push((first, start, offset)),
        }
    }
    let mut out = String::new();
    writeln!(out, "/// Sum of the frequencies of every dictionary entry.")?;
    writeln!(out, "const DICT_TOTAL: u64 = {total};")?;
    writeln!(out, "/// Byte range of the entries starting with each character, by character.")?;
    writeln!(out, "static FIRST_CHAR: [(char, u32, u32); {}] = [", runs.len())?;
    for (c, start, end) in runs {
        writeln!(out, "    ({:?}, {start}, {end}),", c)?;
    }
    writeln!(out, "];")?;
    let dest = PathBuf::from(std::env::var("OUT_DIR")?).join("dict_index.rs");
    std::fs::write(dest, out)?;
    Ok(())
}
