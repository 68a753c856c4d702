//! Bad codebooks: every problem is reported with its line and column, and
//! odd-but-valid codebooks behave as documented.

use policyscope_coding::{Codebook, Error, Problem, Severity};
use proptest::prelude::*;

const HEAD: &str = "[codebook]\nname = \"t\"\nversion = 1\n";

fn errors(toml: &str) -> Vec<Problem> {
    match Codebook::parse(toml) {
        Err(Error::Codebook(p)) => p,
        other => panic!("expected codebook errors, got {other:?}"),
    }
}

fn one_error(toml: &str) -> Problem {
    let e = errors(toml);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].severity, Severity::Error);
    e.into_iter().next().unwrap()
}

#[test]
fn toml_syntax_error_has_line_and_column() {
    let p = one_error(&format!("{HEAD}[[code]]\nname = \"A\nfolder = true\n"));
    assert_eq!(p.line, 5);
    assert!(p.column >= 8, "{p}");
}

#[test]
fn unknown_field_is_an_error_at_its_place() {
    let p = one_error(&format!("{HEAD}[[code]]\nname = \"A\"\ncolor = \"#ffffff\"\n"));
    assert_eq!(p.line, 6);
    assert!(p.message.contains("color"), "{p}");
}

#[test]
fn duplicate_codes_point_at_the_second_and_name_the_first() {
    let toml = format!("{HEAD}[[code]]\nname = \"A\"\n\n[[code]]\nname = \"A\"\n");
    let p = one_error(&toml);
    assert_eq!((p.line, p.column), (8, 8));
    assert!(p.message.contains("duplicate code `A`") && p.message.contains("line 5"), "{p}");
    // Same name under different parents is fine: the paths differ.
    let ok = format!(
        "{HEAD}[[code]]\nname = \"P\"\nfolder = true\n[[code]]\nname = \"Q\"\nfolder = true\n\
         [[code]]\nname = \"A\"\nparent = \"P\"\n[[code]]\nname = \"A\"\nparent = \"Q\"\n"
    );
    let book = Codebook::parse(&ok).unwrap();
    let paths: Vec<&str> = book.codes.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(paths, vec!["P", "P/A", "Q", "Q/A"]);
}

#[test]
fn cycles_and_unknown_or_ambiguous_parents_are_errors() {
    let cycle =
        format!("{HEAD}[[code]]\nname = \"A\"\nparent = \"B\"\n[[code]]\nname = \"B\"\nparent = \"A\"\n");
    let e = errors(&cycle);
    assert!(e.iter().all(|p| p.message.contains("cycle")), "{e:?}");
    assert_eq!(e[0].line, 6);
    let selfish = format!("{HEAD}[[code]]\nname = \"A\"\nparent = \"A\"\n");
    assert!(one_error(&selfish).message.contains("cycle of parents: A → A"));
    // A cycle does not hide the other errors.
    let both = errors(&format!("{HEAD}[[code]]\nname = \"A\"\nparent = \"A\"\n[[code.rule]]\n"));
    assert_eq!(both.len(), 2, "{both:?}");
    assert!(both[1].message.contains("empty rule"));
    let unknown = one_error(&format!("{HEAD}[[code]]\nname = \"A\"\nparent = \"Nope\"\n"));
    assert_eq!(unknown.line, 6);
    assert!(unknown.message.contains("unknown parent `Nope`"));
    let ambiguous = format!(
        "{HEAD}[[code]]\nname = \"P\"\n[[code]]\nname = \"Q\"\n[[code]]\nname = \"X\"\nparent = \"P\"\n\
         [[code]]\nname = \"X\"\nparent = \"Q\"\n[[code]]\nname = \"Y\"\nparent = \"X\"\n"
    );
    assert!(one_error(&ambiguous).message.contains("ambiguous parent"));
}

#[test]
fn empty_and_overfull_rules_are_errors() {
    let empty = one_error(&format!("{HEAD}[[code]]\nname = \"A\"\n[[code.rule]]\nunit = \"sentence\"\n"));
    assert!(empty.message.contains("empty rule"), "{empty}");
    assert_eq!(empty.line, 6);
    let no_terms = one_error(&format!("{HEAD}[[code]]\nname = \"A\"\n[[code.rule]]\nterms = []\n"));
    assert!(no_terms.message.contains("`terms` is empty"));
    let blank = one_error(&format!("{HEAD}[[code]]\nname = \"A\"\n[[code.rule]]\nterms = [\"x\", \"  \"]\n"));
    assert!(blank.message.contains("bad term"));
    assert_eq!((blank.line, blank.column), (7, 15));
    let both =
        one_error(&format!("{HEAD}[[code]]\nname = \"A\"\n[[code.rule]]\nterms = [\"x\"]\nregex = \"y\"\n"));
    assert!(both.message.contains("more than one"));
    let near = one_error(&format!(
        "{HEAD}[[code]]\nname = \"A\"\n[[code.rule]]\nnear = {{ a = [], b = [\"x\"], within = 3 }}\n"
    ));
    assert!(near.message.contains("`near` needs terms"));
}

#[test]
fn folders_take_no_rules_and_bad_values_are_reported() {
    let folder =
        one_error(&format!("{HEAD}[[code]]\nname = \"A\"\nfolder = true\n[[code.rule]]\nterms = [\"x\"]\n"));
    assert!(folder.message.contains("folder"));
    let colour = one_error(&format!("{HEAD}[[code]]\nname = \"A\"\ncolour = \"red\"\n"));
    assert_eq!((colour.line, colour.column), (6, 10));
    let unit = one_error(&format!("{HEAD}[[code]]\nname = \"A\"\nunit = \"chapter\"\n"));
    assert!(unit.message.contains("chapter") || unit.message.contains("unknown variant"), "{unit}");
    let no_header = one_error("[[code]]\nname = \"A\"\n");
    assert!(no_header.message.contains("[codebook]"));
    let bad_name = one_error("[codebook]\nname = \"a b\"\nversion = \"1\"\n");
    assert_eq!(bad_name.line, 2);
    let dup_rule = one_error(&format!(
        "{HEAD}[[code]]\nname = \"A\"\n[[code.rule]]\nid = \"r\"\nterms = [\"x\"]\n[[code.rule]]\nid = \"r\"\nterms = [\"y\"]\n"
    ));
    assert!(dup_rule.message.contains("duplicate rule id `r`") && dup_rule.message.contains("line 7"));
    let within = one_error(&format!(
        "{HEAD}[[code]]\nname = \"A\"\n[[code.rule]]\nnear = {{ a = [\"x\"], b = [\"y\"], within = 100000 }}\n"
    ));
    assert!(within.message.contains("within"));
}

#[test]
fn bad_empty_matching_and_huge_regexes_are_refused() {
    let bad = one_error(&format!("{HEAD}[[code]]\nname = \"A\"\n[[code.rule]]\nregex = \"(unclosed\"\n"));
    assert_eq!((bad.line, bad.column), (7, 9));
    assert!(bad.message.starts_with("bad regex"));
    let empty = one_error(&format!("{HEAD}[[code]]\nname = \"A\"\n[[code.rule]]\nregex = \"a*\"\n"));
    assert!(empty.message.contains("empty string"));
    let huge = one_error(&format!(
        "{HEAD}[[code]]\nname = \"A\"\n[[code.rule]]\nregex = \"(\\\\w{{1000}}){{1000}}\"\n"
    ));
    assert!(huge.message.starts_with("bad regex"), "{huge}");
}

#[test]
fn every_error_of_a_file_is_reported_at_once() {
    let toml = format!(
        "{HEAD}[[code]]\nname = \"A\"\ncolour = \"x\"\n[[code.rule]]\nterms = []\n[[code]]\nname = \"B\"\nparent = \"Z\"\n"
    );
    assert_eq!(errors(&toml).len(), 3);
}

#[test]
fn substring_terms_duplicates_and_upper_case_regexes_are_warnings() {
    let toml = format!(
        "{HEAD}[[code]]\nname = \"A\"\n[[code.rule]]\nterms = [\"*标准\", \"国际标准\", \"*标准\"]\n\
         [[code.rule]]\nregex = \"AI\"\n[[code.rule]]\nterms = [\"x\"]\nexclude = [\"x\"]\n"
    );
    let book = Codebook::parse(&toml).unwrap();
    let msgs: Vec<&str> = book.warnings.iter().map(|w| w.message.as_str()).collect();
    assert!(msgs.iter().any(|m| m.contains("`国际标准` contains term `*标准`")), "{msgs:?}");
    assert!(msgs.iter().any(|m| m.contains("listed twice")), "{msgs:?}");
    assert!(msgs.iter().any(|m| m.contains("upper-case")), "{msgs:?}");
    assert!(msgs.iter().any(|m| m.contains("own exclusion")), "{msgs:?}");
    assert!(msgs.iter().any(|m| m.contains("no description")), "{msgs:?}");
    assert!(book.warnings.iter().all(|w| w.severity == Severity::Warning && w.line > 0));
}

#[test]
fn terms_are_normalised_like_the_text() {
    let toml = format!("{HEAD}[[code]]\nname = \"A\"\n[[code.rule]]\nterms = [\"國際標準\", \"ＩＳＯ\"]\n");
    let book = Codebook::parse(&toml).unwrap();
    assert_eq!(book.literal_terms(), vec!["iso".to_string(), "国际标准".to_string()]);
}

#[test]
fn bad_confidence_doc_rule_anchors_and_stars_are_errors_at_their_lines() {
    let p = one_error(&format!(
        "{HEAD}[[code]]\nname = \"A\"\n[[code.rule]]\nterms = [\"x\"]\nconfidence = 1.5\n"
    ));
    assert_eq!(p.line, 8);
    assert!(p.message.contains("`confidence` must be a number from 0 to 1"), "{p}");
    let p = one_error(&format!(
        "{HEAD}[[code]]\nname = \"A\"\n[[code.rule]]\nterms = [\"x\"]\nconfidence = \"high\"\n"
    ));
    assert_eq!(p.line, 8);
    let p = one_error(&format!("{HEAD}doc_rule = \"most\"\n[[code]]\nname = \"A\"\n"));
    assert_eq!(p.line, 4);
    assert!(p.message.contains("bad document rule") && p.message.contains("at-least:N"), "{p}");
    let p = one_error(&format!("{HEAD}[[code]]\nname = \"A\"\ndoc_rule = \"share:2\"\n"));
    assert_eq!(p.line, 6);
    let p = one_error(&format!("{HEAD}[[code]]\nname = \"A\"\nanchors = {{ terms = [] }}\n"));
    assert_eq!(p.line, 6);
    assert!(p.message.contains("`anchors` needs at least one term"), "{p}");
    let p = one_error(&format!(
        "{HEAD}[[code]]\nname = \"A\"\nanchors = {{ terms = [\"a\"], scope = \"page\" }}\n"
    ));
    assert_eq!(p.line, 6);
    let p = one_error(&format!("{HEAD}[[code]]\nname = \"A\"\n[[code.rule]]\nterms = [\"标*准\"]\n"));
    assert_eq!(p.line, 7);
    assert!(p.message.contains("`*` only at an end"), "{p}");
    let p = one_error(&format!(
        "{HEAD}[[code]]\nname = \"A\"\nnot_in = [\"(\"]\n[[code.rule]]\nterms = [\"x\"]\n"
    ));
    assert_eq!(p.line, 6);
    assert!(p.message.contains("bad regex"), "{p}");
    let p =
        one_error(&format!("{HEAD}[[code]]\nname = \"F\"\nfolder = true\nanchors = {{ terms = [\"a\"] }}\n"));
    assert!(p.message.contains("folder"), "{p}");
}

#[test]
fn overlong_terms_patterns_and_lists_are_refused_with_their_line() {
    let long = "字".repeat(201);
    let p = one_error(&format!("{HEAD}[[code]]\nname = \"A\"\n[[code.rule]]\nterms = [\"{long}\"]\n"));
    assert_eq!(p.line, 7);
    assert!(p.message.contains("longer than 200 characters"), "{p}");
    let re = "a".repeat(2001);
    let p = one_error(&format!("{HEAD}[[code]]\nname = \"A\"\n[[code.rule]]\nregex = \"{re}\"\n"));
    assert!(p.message.contains("regex longer than 2000 characters"), "{p}");
    let many: Vec<String> = (0..101).map(|i| format!("\"p{i}\"")).collect();
    let p = one_error(&format!("{HEAD}[[code]]\nname = \"A\"\nnot_in = [{}]\n", many.join(", ")));
    assert!(p.message.contains("more than 100 `not_in` patterns"), "{p}");
}

#[test]
fn more_rules_than_the_limit_is_one_error_before_any_work() {
    let mut toml = format!("{HEAD}[[code]]\nname = \"A\"\n");
    for _ in 0..10_001 {
        toml.push_str("[[code.rule]]\nterms = [\"x\"]\n");
    }
    let e = errors(&toml);
    assert_eq!(e.len(), 1, "{:?}", &e[..e.len().min(3)]);
    assert!(e[0].message.contains("more than 10000 rules"), "{}", e[0]);
    assert!(e[0].line > 20_000, "at the first rule past the limit: {}", e[0]);
}

#[test]
fn old_codebooks_load_with_the_new_defaults() {
    let book = Codebook::parse(&format!(
        "{HEAD}[[code]]\nname = \"A\"\n[[code.rule]]\nterms = [\"标准化\"]\n\
         [[code.rule]]\nnear = {{ a = [\"国际\"], b = [\"标准\"], within = 5 }}\n"
    ))
    .unwrap();
    let rule = &book.codes[0].rules[1];
    assert!(matches!(
        rule.matcher,
        policyscope_coding::Matcher::Near { scope: policyscope_coding::Scope::Clause, .. }
    ));
    assert_eq!(rule.confidence, policyscope_coding::Confidence::DEFAULT);
    assert_eq!(book.doc_rule, policyscope_coding::DocRule::Any);
    assert!(book.codes[0].anchors.is_none() && book.codes[0].doc_rule.is_none());
}

proptest! {
    #[test]
    fn parsing_never_panics(s in "\\PC{0,200}") {
        let _ = Codebook::parse(&s);
    }

    #[test]
    fn parsing_codebook_shaped_input_never_panics(
        name in "[A-Za-z/ ]{0,6}",
        parent in "[A-Za-z]{0,3}",
        term in "\\PC{0,6}",
        re in "[a-z()*+?|\\\\]{0,8}",
        within in -5i64..2000,
    ) {
        let toml = format!(
            "{HEAD}[[code]]\nname = {name:?}\nparent = {parent:?}\n[[code.rule]]\nterms = [{term:?}]\n\
             [[code.rule]]\nregex = {re:?}\n[[code.rule]]\nnear = {{ a = [{term:?}], b = [\"b\"], within = {within} }}\n"
        );
        match Codebook::parse(&toml) {
            Ok(book) => prop_assert!(!book.codes.is_empty()),
            Err(Error::Codebook(problems)) => prop_assert!(!problems.is_empty()),
            Err(e) => prop_assert!(false, "unexpected error {e}"),
        }
    }

    #[test]
    fn garbage_in_the_new_rule_keys_never_panics(
        term in "\\PC{0,8}",
        pattern in "\\PC{0,12}",
        scope in "[a-z]{0,9}",
        confidence in "[-0-9.a-z\"]{1,6}",
        doc_rule in "\\PC{0,16}",
        substring: bool,
    ) {
        let toml = format!(
            "{HEAD}doc_rule = {doc_rule:?}\nnot_in = [{pattern:?}]\n[[code]]\nname = \"A\"\n\
             anchors = {{ terms = [{term:?}], scope = {scope:?} }}\nexclude = [{term:?}]\ndoc_rule = {doc_rule:?}\n\
             [[code.rule]]\nterms = [{term:?}]\nsubstring = {substring}\nconfidence = {confidence}\nnot_in = [{pattern:?}]\n\
             [[code.rule]]\nnear = {{ a = [{term:?}], b = [\"b\"], within = 3, scope = {scope:?} }}\n"
        );
        match Codebook::parse(&toml) {
            Ok(book) => {
                prop_assert!(!book.codes.is_empty());
                // A codebook that parses compiles and codes without panicking.
                let engine = policyscope_coding::Engine::new(&book);
                prop_assert!(engine.is_ok());
                if let Ok(engine) = engine {
                    let text = format!("{term}，b。{pattern}");
                    let n = text.chars().count();
                    let _ = engine.code(&policyscope_text::normalize_for_search(&text), &[(0, n)], &[(0, n)]);
                }
            }
            Err(Error::Codebook(problems)) => prop_assert!(!problems.is_empty()),
            Err(e) => prop_assert!(false, "unexpected error {e}"),
        }
    }
}
