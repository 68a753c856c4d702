//! Bounded, deterministic fuzzing of the readers (runs in `cargo test`):
//! arbitrary bytes and mutations of valid files must give a result or an
//! error, never a panic, and whatever is read must satisfy the model's
//! invariants.

mod common;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

use policyscope_qdpx::model::{QdaCode, QdaProject};
use policyscope_qdpx::{read_qdc, read_qde, read_qdpx_bytes, Limits};

const TEXT: &str = "第一条 为了推进标准化工作，制定本法。\r\n第二条 国家积极推动参与国际标准化活动。\r\nArticle 3 Standards shall be open.\r\n";

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn limits() -> Limits {
    Limits { max_entry_bytes: 1 << 20, max_total_bytes: 4 << 20, max_entries: 64 }
}

fn check(p: &QdaProject) {
    for s in &p.sources {
        let n = s.text.chars().count() as u64;
        assert!(!s.text.contains('\r') && !s.text.starts_with('\u{feff}'));
        for sel in &s.selections {
            assert!(sel.start < sel.end && sel.end <= n, "[{}, {}) in {n}", sel.start, sel.end);
        }
        assert_eq!(policyscope_qdpx::guid::normalize(&s.guid).as_deref(), Some(s.guid.as_str()));
    }
    QdaCode::walk(&p.codes, &mut Vec::new(), &mut |_, c| {
        assert_eq!(policyscope_qdpx::guid::normalize(&c.guid).as_deref(), Some(c.guid.as_str()));
    });
}

fn runner(cases: u32) -> TestRunner {
    let config = Config { cases, failure_persistence: None, ..Config::default() };
    TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha))
}

/// A mutation: overwrite, insert or delete bytes at a position.
fn mutate(mut data: Vec<u8>, ops: &[(usize, u8, u8)]) -> Vec<u8> {
    for &(pos, kind, byte) in ops {
        if data.is_empty() {
            data.push(byte);
            continue;
        }
        let at = pos % data.len();
        match kind % 4 {
            0 => data[at] = byte,
            1 => data.insert(at, byte),
            2 => {
                data.remove(at);
            }
            _ => data.truncate(at),
        }
    }
    data
}

fn ops() -> impl Strategy<Value = Vec<(usize, u8, u8)>> {
    proptest::collection::vec(
        (
            any::<usize>(),
            any::<u8>(),
            prop_oneof![any::<u8>(), Just(b'<'), Just(b'"'), Just(b'&'), Just(b'9')],
        ),
        1..6,
    )
}

#[test]
fn arbitrary_bytes() {
    runner(4000)
        .run(&proptest::collection::vec(any::<u8>(), 0..400), |bytes| {
            if let Ok((p, _)) = read_qdpx_bytes(&bytes, limits()) {
                check(&p);
            }
            let _ = read_qdc(&bytes);
            let _ = read_qde(&bytes, &mut |_| Ok(None));
            Ok(())
        })
        .unwrap();
}

#[test]
fn mutated_project_files() {
    let files = [fixture("nvivo.qde"), fixture("atlas.qde"), fixture("maxqda.qde"), fixture("qualcoder.qde")];
    runner(4000)
        .run(&(0..files.len(), ops()), |(which, ops)| {
            let xml = mutate(files[which].clone().into_bytes(), &ops);
            let mut load = |_: &str| Ok(Some(TEXT.as_bytes().to_vec()));
            if let Ok((p, _)) = read_qde(&xml, &mut load) {
                check(&p);
            }
            let _ = read_qdc(&xml);
            Ok(())
        })
        .unwrap();
}

#[test]
fn mutated_archives() {
    let zip = common::zip_entries(&[
        ("project.qde", fixture("atlas.qde").as_bytes()),
        ("sources/B0000000-0000-4000-8000-0000000000D1.txt", TEXT.as_bytes()),
    ]);
    runner(3000)
        .run(&ops(), |ops| {
            if let Ok((p, _)) = read_qdpx_bytes(&mutate(zip.clone(), &ops), limits()) {
                check(&p);
            }
            Ok(())
        })
        .unwrap();
}
