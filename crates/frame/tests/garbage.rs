//! Frame tables from outside are parsed without panicking, whatever they hold.

use policyscope_frame::{builtin_sources, Frame, TableSource, TABLES};
use proptest::prelude::*;

/// Pieces of the text the extractor looks for, shuffled into nonsense.
const FRAGMENTS: &[&str] = &[
    "国务院",
    "负责",
    "由",
    "会同",
    "标准",
    "GB/T",
    " ",
    "1",
    "-2020",
    "，",
    "。",
    "工信部",
    "、",
    "和",
    "SAC/TC",
    "28",
    "批准",
    "发布",
    "立项",
    "部门",
    "第一条",
    "ISO",
    "/IEC",
    "芯片",
    "\n",
    "的",
    "ＧＢ",
    "应当",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn garbage_tsv_in_any_table_never_panics(
        table in 0usize..6,
        text in prop_oneof![
            "\\PC{0,400}",
            "[a-z_\t\n;#]{0,200}",
            "(id\tkind\tname\taliases\n)?([a-z\t;甲乙部 ]{0,30}\n){0,12}",
        ],
    ) {
        let mut sources = builtin_sources();
        sources.insert(TABLES[table].to_string(), TableSource { origin: "garbage.tsv".into(), text });
        match Frame::from_sources(sources) {
            Ok(f) => prop_assert!(!f.hash().is_empty()),
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }

    #[test]
    fn garbage_text_never_panics_the_extractor(
        text in prop_oneof![
            "\\PC{0,300}".boxed(),
            prop::collection::vec(prop::sample::select(FRAGMENTS.to_vec()), 0..60).prop_map(|v| v.concat()).boxed(),
        ],
    ) {
        let x = policyscope_frame::Extractor::new(&Frame::builtin().unwrap()).unwrap();
        let norm = policyscope_text::normalize_for_search(&text);
        let found = x.extract(&text, &norm).unwrap();
        let n = text.chars().count();
        for m in &found.mentions {
            prop_assert!(m.start < m.end && m.end <= n);
        }
        for r in &found.roles {
            prop_assert!(r.start < r.end && r.end <= n);
        }
    }
}
