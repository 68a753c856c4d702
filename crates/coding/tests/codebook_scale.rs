//! Large codebooks: long parent chains and long term lists are checked in
//! time and memory that follow their size, with the same problems reported.

use policyscope_coding::{Codebook, Error, Severity};

const HEAD: &str = "[codebook]\nname = \"t\"\nversion = 1\n";

/// A chain of `n` codes, each the parent of the next.
fn chain(n: usize) -> String {
    let mut toml = HEAD.to_string();
    for i in 0..n {
        toml.push_str(&format!("\n[[code]]\nname = \"c{i}\"\ndescription = \"d\"\n"));
        if i > 0 {
            toml.push_str(&format!("parent = \"c{}\"\n", i - 1));
        }
    }
    toml
}

#[test]
fn parent_chain_at_the_depth_limit_is_accepted_in_tree_order() {
    let book = Codebook::parse(&chain(100)).unwrap();
    assert_eq!(book.codes.len(), 100);
    assert_eq!(book.codes[0].path, "c0");
    let last = &book.codes[99].path;
    assert!(last.starts_with("c0/c1/c2/") && last.ends_with("/c98/c99"), "{last}");
}

#[test]
fn parent_chain_deeper_than_the_limit_is_one_error_not_quadratic_paths() {
    // 10,000 levels: one error at the first code past the limit, not one
    // per code below it, and no path of ten thousand names is built.
    let problems = match Codebook::parse(&chain(10_000)) {
        Err(Error::Codebook(p)) => p,
        other => panic!("expected an error, got {:?}", other.map(|b| b.codes.len())),
    };
    let errors: Vec<_> = problems.iter().filter(|p| p.severity == Severity::Error).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].message.contains("code `c100` is nested 101 levels deep; at most 100"),
        "{}",
        errors[0]
    );
}

#[test]
fn long_terms_list_reports_each_contained_term_in_file_order() {
    // 20,000 distinct terms, of which a few contain others.
    let mut terms: Vec<String> = (0..20_000).map(|i| format!("术语{i:05}号")).collect();
    // (A whole-word term never matches inside a longer word: only the
    // ends marked `*` make a term contain another's hits.)
    terms.push("*标准*".into());
    terms.push("国际标准*".into());
    terms.push("国际标准化".into());
    let list = terms.iter().map(|t| format!("\"{t}\"")).collect::<Vec<_>>().join(", ");
    let toml =
        format!("{HEAD}\n[[code]]\nname = \"A\"\ndescription = \"d\"\n[[code.rule]]\nterms = [{list}]\n");
    let book = Codebook::parse(&toml).unwrap();
    let overlaps: Vec<&str> = book
        .warnings
        .iter()
        .filter(|w| w.message.contains("contains term"))
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(overlaps.len(), 3, "{overlaps:?}");
    assert!(overlaps[0].contains("term `国际标准*` contains term `*标准*`"), "{}", overlaps[0]);
    assert!(overlaps[1].contains("term `国际标准化` contains term `*标准*`"), "{}", overlaps[1]);
    assert!(overlaps[2].contains("term `国际标准化` contains term `国际标准*`"), "{}", overlaps[2]);
    // Placed at the code they belong to.
    let at: Vec<(usize, usize)> = book
        .warnings
        .iter()
        .filter(|w| w.message.contains("contains term"))
        .map(|w| (w.line, w.column))
        .collect();
    assert_eq!(at, vec![(5, 1); 3]);
}
