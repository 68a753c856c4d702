//! Review round trip: auto-code → reject / accept / add / recode / memo →
//! re-run auto-coding (same and changed rules) → the human decisions survive.

use policyscope_coding::{
    run_codebook, Codebook, CodingFilter, CodingStore, Error, MemoTarget, NewCode, NewCoding, RunOptions,
    Status,
};
use policyscope_corpus::import::{import_paths, ImportOptions};
use policyscope_corpus::Project;

fn book(version: &str, extra_term: &str) -> Codebook {
    Codebook::parse(&format!(
        "[codebook]\nname = \"mini\"\nversion = \"{version}\"\n\
         [[code]]\nname = \"Goal\"\nfolder = true\n\
         [[code]]\nname = \"Global\"\nparent = \"Goal\"\n[[code.rule]]\nterms = [\"国际标准\"{extra_term}]\n\
         [[code]]\nname = \"Market\"\nparent = \"Goal\"\n[[code.rule]]\nterms = [\"团体标准\"]\n"
    ))
    .unwrap()
}

fn project(dir: &std::path::Path) -> Project {
    let docs = dir.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join("a(2019-01-01).md"), "# 甲\n\n参与国际标准。发展团体标准。\n\n国际交流。\n")
        .unwrap();
    std::fs::write(docs.join("b(2021-01-01).md"), "# 乙\n\n采用国际标准。其他事项。\n").unwrap();
    let mut p = Project::init(&dir.join("p")).unwrap();
    assert_eq!(import_paths(&mut p, &[docs], &ImportOptions::default(), &mut |_| {}).imported(), 2);
    p
}

fn doc_id(p: &Project, title: &str) -> i64 {
    p.documents(false).unwrap().into_iter().find(|d| d.title == title).unwrap().id
}

#[test]
fn human_decisions_survive_re_runs() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    let store = CodingStore::open(&p).unwrap();
    let first = run_codebook(&store, &book("1", ""), RunOptions::default(), &mut |_, _| {}).unwrap();
    assert_eq!((first.coded, first.added), (2, 3));
    let all = store.codings(&CodingFilter::default()).unwrap();
    assert!(all.iter().all(|c| c.coder == "auto:mini@1" && c.status == Status::Proposed && c.rule.is_some()));
    let a = doc_id(&p, "甲");
    let b = doc_id(&p, "乙");

    // Review: reject the Global proposal in 乙, accept the Market one in 甲,
    // add 国际交流。 in 甲 as Global, recode 甲's Global proposal to Market.
    let global_b = all.iter().find(|c| c.doc_id == b).unwrap().id;
    let market_a = all.iter().find(|c| c.doc_id == a && c.code_path == "Goal/Market").unwrap().id;
    let global_a = all.iter().find(|c| c.doc_id == a && c.code_path == "Goal/Global").unwrap().id;
    assert_eq!(store.reject(global_b, "alice").unwrap().status, Status::Rejected);
    assert_eq!(store.accept(market_a, "alice").unwrap().status, Status::Accepted);
    let global = store.code_by_path("Goal/Global").unwrap().unwrap();
    let market = store.code_by_path("Goal/Market").unwrap().unwrap();
    let added = store
        .add_coding(&NewCoding {
            doc_id: a,
            code_id: global.id,
            start: 21,
            end: 26,
            coder: "alice".into(),
            status: Status::Accepted,
            guid: None,
        })
        .unwrap();
    assert_eq!(&p.document(a).unwrap().text.chars().skip(21).take(5).collect::<String>(), "国际交流。");
    let recoded = store.recode(global_a, market.id, "bob").unwrap();
    assert_eq!(
        (recoded.coder.as_str(), recoded.status, recoded.recoded_from),
        ("bob", Status::Accepted, Some(global_a))
    );
    assert_eq!(store.coding(global_a).unwrap().status, Status::Rejected);
    let memo = store.add_memo(MemoTarget::Coding(market_a), "alice", "typical association standard").unwrap();
    store.add_memo(MemoTarget::Code(global.id), "alice", "definition note").unwrap();
    store.add_memo(MemoTarget::Document(a), "bob", "read in full").unwrap();
    store.add_memo(MemoTarget::Project, "bob", "round one").unwrap();
    let snapshot = store.codings(&CodingFilter::default()).unwrap();

    // Same rules: nothing to do.
    let again = run_codebook(&store, &book("1", ""), RunOptions::default(), &mut |_, _| {}).unwrap();
    assert_eq!((again.coded, again.skipped, again.added), (0, 2, 0));
    // Forced: every decision stays, nothing is duplicated.
    let forced = run_codebook(&store, &book("1", ""), RunOptions { force: true }, &mut |_, _| {}).unwrap();
    assert_eq!((forced.coded, forced.added, forced.removed, forced.decided), (2, 0, 0, 3));
    assert_eq!(store.codings(&CodingFilter::default()).unwrap(), snapshot);

    // New version with one more term: only the new hit is proposed, the
    // decided codings keep their coder (version 1) and status.
    let v2 =
        run_codebook(&store, &book("2", ", \"国际交流\""), RunOptions::default(), &mut |_, _| {}).unwrap();
    assert_eq!((v2.coded, v2.added, v2.decided), (2, 1, 3));
    let after = store.codings(&CodingFilter::default()).unwrap();
    assert_eq!(after.len(), snapshot.len() + 1);
    for before in &snapshot {
        let now = after.iter().find(|c| c.id == before.id).unwrap();
        assert_eq!(
            (now.status, &now.coder, now.start, now.end),
            (before.status, &before.coder, before.start, before.end)
        );
    }
    let new = after.iter().find(|c| c.coder == "auto:mini@2").unwrap();
    assert_eq!((new.doc_id, new.start, new.end, new.status), (a, 21, 26, Status::Proposed));
    assert_eq!(store.memo(memo.id).unwrap().text, "typical association standard");

    // Back to version 1 rules: the undecided proposal is withdrawn.
    let v1 = run_codebook(&store, &book("1", ""), RunOptions::default(), &mut |_, _| {}).unwrap();
    assert_eq!(v1.removed, 1);
    assert_eq!(store.codings(&CodingFilter::default()).unwrap(), snapshot);

    // Whose codings are whose.
    let of = |who: &str| -> Vec<i64> {
        store
            .codings(&CodingFilter { coder: Some(who.into()), ..Default::default() })
            .unwrap()
            .iter()
            .map(|c| c.id)
            .collect()
    };
    let mut alice = of("alice");
    alice.sort_unstable();
    let mut expect = vec![market_a, added.id];
    expect.sort_unstable();
    assert_eq!(alice, expect, "alice: her own coding and the proposal she accepted");
    assert_eq!(of("bob"), vec![recoded.id]);
    assert_eq!(of("auto:mini").len(), 3);
    assert_eq!(of("auto:mini@1").len(), 3);
    assert!(of("auto:mini@2").is_empty());
    assert_eq!(store.coders().unwrap(), vec!["alice", "auto:mini@1", "bob"]);
    assert_eq!(store.reviews(global_a).unwrap()[0].decision, "recoded");
    assert_eq!(store.memos(None).unwrap().len(), 4);
    assert_eq!(store.memos(Some(MemoTarget::Project)).unwrap()[0].text, "round one");
}

#[test]
fn a_person_who_rejects_their_own_coding_no_longer_holds_it() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    let store = CodingStore::open(&p).unwrap();
    run_codebook(&store, &book("1", ""), RunOptions::default(), &mut |_, _| {}).unwrap();
    let global = store.code_by_path("Goal/Global").unwrap().unwrap();
    let a = doc_id(&p, "甲");
    let new = NewCoding {
        doc_id: a,
        code_id: global.id,
        start: 0,
        end: 3,
        coder: "carol".into(),
        status: Status::Accepted,
        guid: None,
    };
    let c = store.add_coding(&new).unwrap();
    assert_eq!(store.add_coding(&new).unwrap().id, c.id, "adding twice is idempotent");
    store.reject(c.id, "carol").unwrap();
    assert!(store
        .codings(&CodingFilter { coder: Some("carol".into()), ..Default::default() })
        .unwrap()
        .is_empty());
    store.delete_coding(c.id).unwrap();
    assert!(matches!(store.coding(c.id), Err(Error::NoSuchCoding(_))));
}

#[test]
fn bad_requests_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    let store = CodingStore::open(&p).unwrap();
    run_codebook(&store, &book("1", ""), RunOptions::default(), &mut |_, _| {}).unwrap();
    let a = doc_id(&p, "甲");
    let folder = store.code_by_path("Goal").unwrap().unwrap();
    let global = store.code_by_path("Goal/Global").unwrap().unwrap();
    let mk = |code_id, start, end, coder: &str| NewCoding {
        doc_id: a,
        code_id,
        start,
        end,
        coder: coder.into(),
        status: Status::Accepted,
        guid: None,
    };
    assert!(matches!(store.add_coding(&mk(folder.id, 0, 2, "x")), Err(Error::NotCodable(_))));
    assert!(matches!(store.add_coding(&mk(global.id, 5, 5, "x")), Err(Error::BadSpan { .. })));
    assert!(matches!(store.add_coding(&mk(global.id, 0, 10_000, "x")), Err(Error::BadSpan { .. })));
    assert!(matches!(store.add_coding(&mk(global.id, 0, 2, " ")), Err(Error::Invalid(_))));
    assert!(matches!(store.accept(99_999, "x"), Err(Error::NoSuchCoding(_))));
    assert!(store.add_memo(MemoTarget::Code(99_999), "x", "t").is_err());
    assert!(matches!(store.find_code("Nope"), Err(Error::NoSuchCode(_))));
    assert!(store.upsert_code(&NewCode { path: "A//B".into(), ..NewCode::default() }).is_err());
}

#[test]
fn codes_keep_guids_and_move_with_their_children() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    let store = CodingStore::open(&p).unwrap();
    let c = store
        .upsert_code(&NewCode {
            path: "X/Y/Z".into(),
            codable: true,
            tags: vec!["nis:Institutions".into()],
            ..NewCode::default()
        })
        .unwrap();
    let x = store.code_by_path("X").unwrap().unwrap();
    assert!(!x.codable, "missing ancestors become folders");
    assert_eq!(c.tags, vec!["nis:Institutions"]);
    assert_eq!(store.find_code("z").unwrap().id, c.id, "unique names are found case-insensitively");
    let moved = store.move_code(store.code_by_path("X/Y").unwrap().unwrap().id, "W/Y2").unwrap();
    assert_eq!(moved.path, "W/Y2");
    let z = store.code(c.id).unwrap();
    assert_eq!((z.path.as_str(), z.guid.as_str()), ("W/Y2/Z", c.guid.as_str()));
    assert!(store.move_code(moved.id, "W/Y2/Z/inner").is_err(), "not below itself");
    // An import carrying a GUID updates the code holding it.
    let renamed = store
        .upsert_code(&NewCode {
            path: "V".into(),
            guid: Some(c.guid.clone()),
            codable: true,
            ..NewCode::default()
        })
        .unwrap();
    assert_eq!((renamed.id, renamed.path.as_str()), (c.id, "V"));
    let paths: Vec<String> = store.codes().unwrap().into_iter().map(|c| c.path).collect();
    assert!(paths.contains(&"W/Y2".to_string()) && paths.contains(&"V".to_string()));
}

#[test]
fn a_changed_codebook_rewrites_only_the_codes_whose_rules_changed() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    let store = CodingStore::open(&p).unwrap();
    run_codebook(&store, &book("1", ""), RunOptions::default(), &mut |_, _| {}).unwrap();
    let before = store.codings(&CodingFilter::default()).unwrap();
    // Version 2 changes only Global's rules.
    let v2 =
        run_codebook(&store, &book("2", ", \"国际交流\""), RunOptions::default(), &mut |_, _| {}).unwrap();
    assert_eq!((v2.added, v2.removed), (1, 0));
    let after = store.codings(&CodingFilter::default()).unwrap();
    for b in &before {
        let a = after.iter().find(|c| c.id == b.id).unwrap();
        if b.code_path == "Goal/Market" {
            assert_eq!(a, b, "Market's rules did not change: its proposals are untouched");
        } else {
            assert_eq!((a.coder.as_str(), a.start, a.end), ("auto:mini@2", b.start, b.end));
        }
    }
}
