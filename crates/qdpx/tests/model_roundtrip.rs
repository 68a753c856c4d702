//! Property: whatever the writer writes, the reader reads back unchanged
//! (names with markup characters, line breaks and tabs, any Unicode text,
//! nested codes, selections anywhere in the text).

use proptest::prelude::*;

use policyscope_qdpx::guid::stable;
use policyscope_qdpx::model::*;
use policyscope_qdpx::{qdpx_bytes, read_qdpx_bytes, Limits};

fn name() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9中文标准&<>\"' \t\n𠀀é:]{0,12}".prop_map(|s| format!("n{}x", s))
}

fn text() -> impl Strategy<Value = String> {
    "[a-z中文标准。&<> \n\t𠀀]{1,80}"
}

fn codes(depth: u32) -> BoxedStrategy<Vec<QdaCode>> {
    let leaf = (name(), any::<bool>(), proptest::option::of(name()), proptest::option::of("#[0-9a-f]{6}"))
        .prop_map(|(name, codable, description, color)| QdaCode {
            guid: stable(&format!("code:{name}:{description:?}:{color:?}:{codable}")),
            name,
            codable,
            color,
            description,
            ..QdaCode::default()
        });
    if depth == 0 {
        return proptest::collection::vec(leaf, 1..3).boxed();
    }
    proptest::collection::vec((leaf, codes(depth - 1)), 1..3)
        .prop_map(|v| {
            v.into_iter()
                .map(|(mut c, kids)| {
                    c.children = kids;
                    c
                })
                .collect()
        })
        .boxed()
}

fn renumber(codes: &mut [QdaCode], n: &mut usize) {
    for c in codes {
        *n += 1;
        c.guid = stable(&format!("code:{n}"));
        renumber(&mut c.children, n);
    }
}

fn project() -> impl Strategy<Value = QdaProject> {
    (
        name(),
        codes(2),
        proptest::collection::vec(
            (text(), proptest::collection::vec((any::<u16>(), any::<u16>()), 0..5)),
            1..4,
        ),
        proptest::collection::vec(text(), 0..3),
    )
        .prop_map(|(pname, mut codes, sources, notes)| {
            renumber(&mut codes, &mut 0);
            let mut all = Vec::new();
            QdaCode::walk(&codes, &mut Vec::new(), &mut |_, c| all.push(c.guid.clone()));
            let user = User { guid: stable("user:u"), name: Some("u & me".into()) };
            let mut used = std::collections::HashSet::new();
            let sources = sources
                .into_iter()
                .enumerate()
                .filter(|(_, (t, _))| used.insert(t.clone()))
                .map(|(i, (text, spans))| {
                    let n = text.chars().count() as u64;
                    let selections = spans
                        .into_iter()
                        .enumerate()
                        .filter_map(|(j, (a, b))| {
                            let (s, e) = (u64::from(a) % n, u64::from(b) % (n + 1));
                            (s < e).then(|| Selection {
                                guid: stable(&format!("sel:{i}:{j}")),
                                name: Some(text.chars().skip(s as usize).take((e - s) as usize).collect()),
                                start: s,
                                end: e,
                                creating_user: Some(user.guid.clone()),
                                codings: vec![QdaCoding {
                                    guid: stable(&format!("coding:{i}:{j}")),
                                    code: all[j % all.len()].clone(),
                                    creating_user: Some(user.guid.clone()),
                                    ..QdaCoding::default()
                                }],
                                ..Selection::default()
                            })
                        })
                        .collect();
                    TextSource {
                        guid: stable(&format!("source:{text}")),
                        name: Some(format!("s{i}")),
                        text,
                        selections,
                        ..TextSource::default()
                    }
                })
                .collect();
            let notes = notes
                .into_iter()
                .enumerate()
                .map(|(i, text)| Note {
                    guid: stable(&format!("note:{i}")),
                    text,
                    creating_user: Some(user.guid.clone()),
                    ..Note::default()
                })
                .collect::<Vec<_>>();
            QdaProject {
                name: pname,
                origin: Some("policyscope test".into()),
                users: vec![user],
                codes,
                sources,
                note_refs: notes.iter().map(|n| n.guid.clone()).collect(),
                notes,
                ..QdaProject::default()
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn write_then_read_is_identity(p in project()) {
        let bytes = qdpx_bytes(&p).unwrap();
        let (back, report) = read_qdpx_bytes(&bytes, Limits::default()).unwrap();
        prop_assert!(report.lost.is_empty(), "{}", report);
        prop_assert_eq!(&back, &p);
        prop_assert_eq!(qdpx_bytes(&back).unwrap(), bytes);
    }
}
