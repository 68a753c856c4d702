//! The judged fixture (`tests/judged/`): sentences of the shared corpus read
//! and judged against the study codebook's definitions, held out to measure
//! auto-coding. These tests keep the fixture usable: every span is a sentence
//! of its document as the project stores and splits it, every judged column
//! is a code of the study codebook, and the rows match the recorded sampling
//! design (so recall and precision can be weighted by stratum).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use policyscope_coding::Codebook;
use policyscope_text::{split_passages, SpanKind};

/// Columns before the judged codes, in order.
const LEADING: [&str; 5] = ["id", "stratum", "path", "start", "end"];

/// One judged sentence.
struct Row {
    id: String,
    stratum: String,
    path: String,
    start: usize,
    end: usize,
    /// One judgement per code column, in header order.
    judged: Vec<bool>,
}

/// The parsed `sentences.tsv`.
struct Fixture {
    codes: Vec<String>,
    rows: Vec<Row>,
}

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/judged")
}

fn read_fixture_file(name: &str) -> String {
    let path = fixture_dir().join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Parses `sentences.tsv`, naming the line of anything malformed.
fn load() -> Fixture {
    let text = read_fixture_file("sentences.tsv");
    let mut lines = text.lines();
    let header: Vec<&str> =
        lines.next().unwrap_or_else(|| panic!("sentences.tsv is empty")).split('\t').collect();
    assert!(header.len() > LEADING.len() + 1, "header has no code columns: {header:?}");
    assert_eq!(header[..LEADING.len()], LEADING, "leading columns");
    assert_eq!(header.last(), Some(&"note"), "the last column is the note");
    let codes: Vec<String> = header[LEADING.len()..header.len() - 1].iter().map(|s| s.to_string()).collect();
    let mut rows = Vec::new();
    for (n, line) in lines.enumerate() {
        let at = n + 2;
        let cells: Vec<&str> = line.split('\t').collect();
        assert_eq!(
            cells.len(),
            header.len(),
            "line {at}: {} cells, header has {}",
            cells.len(),
            header.len()
        );
        let number = |i: usize| -> usize {
            cells[i]
                .parse()
                .unwrap_or_else(|_| panic!("line {at}: {} is not a number: {:?}", LEADING[i], cells[i]))
        };
        let judged = cells[LEADING.len()..cells.len() - 1]
            .iter()
            .map(|c| match *c {
                "1" => true,
                "0" => false,
                other => panic!("line {at}: judgement must be 0 or 1, found {other:?}"),
            })
            .collect();
        rows.push(Row {
            id: cells[0].to_string(),
            stratum: cells[1].to_string(),
            path: cells[2].to_string(),
            start: number(3),
            end: number(4),
            judged,
        });
    }
    Fixture { codes, rows }
}

/// Each judged document's text as import stores it (decoded, BOM removed,
/// line endings `\n`), as code points.
fn stored_texts(fixture: &Fixture) -> HashMap<String, Vec<char>> {
    let corpus = policyscope_testkit::shared_corpus();
    let mut texts = HashMap::new();
    for row in &fixture.rows {
        if texts.contains_key(&row.path) {
            continue;
        }
        let file = corpus.join(&row.path);
        let bytes = std::fs::read(&file)
            .unwrap_or_else(|e| panic!("{}: judged document unreadable: {e}", file.display()));
        let decoded = policyscope_text::decode(&bytes)
            .unwrap_or_else(|e| panic!("{}: judged document undecodable: {e}", file.display()));
        texts.insert(row.path.clone(), decoded.text.chars().collect());
    }
    texts
}

#[test]
fn every_judged_span_is_a_stored_sentence_of_its_document() {
    let fixture = load();
    let texts = stored_texts(&fixture);
    let mut sentences: HashMap<&str, HashSet<(usize, usize)>> = HashMap::new();
    for (path, chars) in &texts {
        let text: String = chars.iter().collect();
        let spans = split_passages(&text);
        let set = spans.iter().filter(|s| s.kind == SpanKind::Sentence).map(|s| (s.start, s.end)).collect();
        sentences.insert(path.as_str(), set);
    }
    let mut wrong = Vec::new();
    for row in &fixture.rows {
        let len = texts[&row.path].len();
        if row.start >= row.end || row.end > len {
            wrong.push(format!("{} {}: [{}, {}) outside 0..{len}", row.id, row.path, row.start, row.end));
        } else if !sentences[row.path.as_str()].contains(&(row.start, row.end)) {
            wrong.push(format!("{} {}: [{}, {}) is not one sentence", row.id, row.path, row.start, row.end));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} judged spans do not fit the stored text:\n{}",
        wrong.len(),
        fixture.rows.len(),
        wrong.join("\n")
    );
}

#[test]
fn judged_columns_are_codes_of_the_study_codebook_with_both_verdicts() {
    let fixture = load();
    let book = Codebook::study().expect("the built-in study codebook loads");
    let codable: HashSet<&str> = book.codes.iter().filter(|c| !c.folder).map(|c| c.name.as_str()).collect();
    for code in &fixture.codes {
        assert!(
            codable.contains(code.as_str()),
            "judged column {code:?} is not a code of the study codebook"
        );
    }
    // A code can only measure recall and precision with positives and negatives.
    let measurable: Vec<&String> = fixture
        .codes
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            let positives = fixture.rows.iter().filter(|r| r.judged[*i]).count();
            positives > 0 && positives < fixture.rows.len()
        })
        .map(|(_, c)| c)
        .collect();
    assert!(measurable.len() >= 4, "only {measurable:?} have both positive and negative judgements");
}

#[test]
fn judged_rows_match_the_recorded_sampling_design() {
    let fixture = load();
    assert!(fixture.rows.len() >= 400, "only {} judged sentences", fixture.rows.len());
    let from_study = fixture.rows.iter().filter(|r| r.path.starts_with("study/")).count();
    assert!(from_study >= 100, "only {from_study} judged sentences from study documents");

    let ids: HashSet<&str> = fixture.rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids.len(), fixture.rows.len(), "row ids repeat");
    let spans: HashSet<(&str, usize, usize)> =
        fixture.rows.iter().map(|r| (r.path.as_str(), r.start, r.end)).collect();
    assert_eq!(spans.len(), fixture.rows.len(), "a sentence is judged twice");

    // strata.tsv: stratum, frame, sampled, rule.
    let strata_text = read_fixture_file("strata.tsv");
    let mut design: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (n, line) in strata_text.lines().enumerate().skip(1) {
        let cells: Vec<&str> = line.split('\t').collect();
        assert_eq!(cells.len(), 4, "strata.tsv line {}: {line:?}", n + 1);
        let number = |s: &str| {
            s.parse::<usize>().unwrap_or_else(|_| panic!("strata.tsv line {}: bad number {s:?}", n + 1))
        };
        design.insert(cells[0].to_string(), (number(cells[1]), number(cells[2])));
    }
    let mut counted: BTreeMap<String, usize> = BTreeMap::new();
    for row in &fixture.rows {
        *counted.entry(row.stratum.clone()).or_default() += 1;
    }
    for (stratum, n) in &counted {
        let (frame, sampled) =
            design.get(stratum).unwrap_or_else(|| panic!("stratum {stratum:?} is not in strata.tsv"));
        assert_eq!(n, sampled, "stratum {stratum}: rows vs strata.tsv");
        assert!(sampled <= frame, "stratum {stratum}: more sampled than its frame");
    }

    // Each row belongs to its stratum by the stated rule.
    let texts = stored_texts(&fixture);
    let mut misplaced = Vec::new();
    for row in &fixture.rows {
        let sentence: String = texts[&row.path].get(row.start..row.end).unwrap_or_default().iter().collect();
        let (std, stdz) = (sentence.contains("标准"), sentence.contains("标准化"));
        let fits = match row.stratum.as_str() {
            "study-std" => row.path.starts_with("study/") && std,
            "study-other" => row.path.starts_with("study/") && !std,
            "laws-stdz" => row.path.starts_with("laws/") && stdz,
            "laws-std" => row.path.starts_with("laws/") && std && !stdz,
            "laws-other" => row.path.starts_with("laws/") && !std,
            _ => false,
        };
        if !fits {
            misplaced.push(format!("{} ({})", row.id, row.stratum));
        }
    }
    assert!(misplaced.is_empty(), "rows outside their stratum: {misplaced:?}");
}
