//! Editing the code tree by hand: create, rename, move, recolour, describe,
//! merge and delete — every coding kept or explicitly removed, every change
//! recorded, and codebook runs that leave a person's codes alone.

use policyscope_coding::{
    run_codebook, CodeAction, CodeName, Codebook, CodingFilter, CodingStore, Colour, DeleteCodings, Error,
    HumanCoder, MemoTarget, NewCoding, RunOptions, Status,
};
use policyscope_corpus::import::{import_paths, ImportOptions};
use policyscope_corpus::Project;

fn book(version: &str) -> Codebook {
    Codebook::parse(&format!(
        "[codebook]\nname = \"mini\"\nversion = \"{version}\"\n\
         [[code]]\nname = \"Goal\"\nfolder = true\n\
         [[code]]\nname = \"Global\"\nparent = \"Goal\"\n[[code.rule]]\nterms = [\"国际标准\"]\n\
         [[code]]\nname = \"Market\"\nparent = \"Goal\"\n[[code.rule]]\nterms = [\"团体标准\"]\n"
    ))
    .unwrap()
}

fn project(dir: &std::path::Path) -> Project {
    let docs = dir.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join("a(2019-01-01).md"), "# 甲\n\n参与国际标准。发展团体标准。\n\n国际交流。\n")
        .unwrap();
    std::fs::write(docs.join("b(2021-01-01).md"), "# 乙\n\n采用国际标准和团体标准。其他事项。\n").unwrap();
    let mut p = Project::init(&dir.join("p")).unwrap();
    assert_eq!(import_paths(&mut p, &[docs], &ImportOptions::default(), &mut |_| {}).imported(), 2);
    p
}

fn alice() -> HumanCoder {
    HumanCoder::new("alice").unwrap()
}

fn name(s: &str) -> CodeName {
    CodeName::new(s).unwrap()
}

fn first_doc(p: &Project) -> i64 {
    p.documents(false).unwrap().into_iter().find(|d| d.title == "甲").unwrap().id
}

fn code_a(store: &CodingStore<'_>, doc: i64, code: i64, start: i64, end: i64, coder: &str) -> i64 {
    let new = NewCoding {
        doc_id: doc,
        code_id: code,
        start,
        end,
        coder: coder.into(),
        status: Status::Accepted,
        guid: None,
    };
    store.add_coding(&new).unwrap().id
}

#[test]
fn hand_edits_change_the_tree_and_are_recorded_with_their_author() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    let store = CodingStore::open(&p).unwrap();
    let who = alice();
    let top = store.create_code(&name("Themes"), None, None, "", &who).unwrap();
    let sub =
        store.create_code(&name("数据"), Some(top.id), Colour::parse("#AA0000").ok(), "data", &who).unwrap();
    assert_eq!(
        (sub.path.as_str(), sub.colour.as_deref(), sub.codable),
        ("Themes/数据", Some("#aa0000"), true)
    );
    let dup = store.create_code(&name("数据"), Some(top.id), None, "", &who).unwrap_err();
    assert!(matches!(dup, Error::Conflict(_)), "{dup}");

    let renamed = store.rename_code(top.id, &name("Topics"), &who).unwrap();
    assert_eq!(renamed.path, "Topics");
    assert_eq!(store.code(sub.id).unwrap().path, "Topics/数据", "sub-codes follow a rename");
    let other = store.create_code(&name("Other"), None, None, "", &who).unwrap();
    assert!(matches!(store.rename_code(other.id, &name("Topics"), &who), Err(Error::Conflict(_))));

    let moved = store.move_code_to(sub.id, Some(other.id), &who).unwrap();
    assert_eq!((moved.path.as_str(), moved.parent_id), ("Other/数据", Some(other.id)));
    store.set_code_colour(sub.id, Colour::parse("#00f").ok(), &who).unwrap();
    let described = store.set_code_description(sub.id, "数据相关条款", &who).unwrap();
    assert_eq!(
        (described.colour.as_deref(), described.description.as_str()),
        (Some("#0000ff"), "数据相关条款")
    );

    let history = store.code_history(Some(&sub.guid)).unwrap();
    let actions: Vec<CodeAction> = history.iter().map(|e| e.action).collect();
    assert_eq!(actions, [CodeAction::Create, CodeAction::Move, CodeAction::Recolour, CodeAction::Describe]);
    assert!(history.iter().all(|e| e.actor == "alice"));
    assert_eq!(history[1].code_path, "Topics/数据", "the path before the move");
}

#[test]
fn a_move_under_itself_or_its_sub_code_is_refused_as_a_cycle() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    let store = CodingStore::open(&p).unwrap();
    let who = alice();
    let a = store.create_code(&name("A"), None, None, "", &who).unwrap();
    let b = store.create_code(&name("B"), Some(a.id), None, "", &who).unwrap();
    let c = store.create_code(&name("C"), Some(b.id), None, "", &who).unwrap();
    for parent in [a.id, b.id, c.id] {
        let err = store.move_code_to(a.id, Some(parent), &who);
        // Moving A under A itself or below it is a cycle; A is already under nothing.
        let err = err.unwrap_err().to_string();
        assert!(err.contains("cycle"), "{err}");
    }
    assert_eq!(store.code(c.id).unwrap().path, "A/B/C", "nothing moved");
    assert!(matches!(store.move_code_to(a.id, Some(99_999), &who), Err(Error::NoSuchCode(_))));
}

#[test]
fn a_merge_keeps_every_coding_and_joins_identical_ones() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    let store = CodingStore::open(&p).unwrap();
    run_codebook(&store, &book("1"), RunOptions::default(), &mut |_, _| {}).unwrap();
    let who = alice();
    let global = store.code_by_path("Goal/Global").unwrap().unwrap();
    let market = store.code_by_path("Goal/Market").unwrap().unwrap();
    let doc = first_doc(&p);
    // The same span coded by alice with both codes: after the merge, one coding.
    let twin_source = code_a(&store, doc, global.id, 21, 26, "alice");
    let twin_target = store
        .add_coding(&NewCoding {
            doc_id: doc,
            code_id: market.id,
            start: 21,
            end: 26,
            coder: "alice".into(),
            status: Status::Rejected,
            guid: None,
        })
        .unwrap()
        .id;
    store.add_memo(MemoTarget::Coding(twin_source), "alice", "why global").unwrap();
    let sub = store.create_code(&name("Sub"), Some(global.id), None, "", &who).unwrap();
    let spans = |code: i64| -> Vec<(i64, i64, i64, String)> {
        let mut v: Vec<_> = store
            .codings(&CodingFilter::default())
            .unwrap()
            .into_iter()
            .filter(|c| c.code_id == code)
            .map(|c| (c.doc_id, c.start, c.end, c.coder))
            .collect();
        v.sort();
        v
    };
    let mut expected = spans(global.id);
    expected.extend(spans(market.id));
    expected.sort();
    expected.dedup();
    let before = store.codings(&CodingFilter::default()).unwrap().len();

    // Identical (document, span, coder) on both codes: alice's twin, and 乙's
    // sentence, which the auto-coder proposed for both codes.
    let identical = spans(global.id).iter().filter(|s| spans(market.id).contains(s)).count();
    assert_eq!(identical, 2);

    let out = store.merge_codes(global.id, market.id, &who).unwrap();
    assert_eq!((out.moved, out.joined, out.sub_codes_moved), (3, identical, 1));
    assert_eq!(spans(market.id), expected, "every span of both codes is on the target");
    assert_eq!(
        store.codings(&CodingFilter::default()).unwrap().len(),
        before - identical,
        "only identical codings became one"
    );
    assert!(matches!(store.code(global.id), Err(Error::NoSuchCode(_))));
    assert_eq!(store.code(sub.id).unwrap().path, "Goal/Market/Sub");
    let joined = store.coding(twin_target).unwrap();
    assert_eq!(joined.status, Status::Accepted, "the stronger decision wins");
    let memos = store.memos(Some(MemoTarget::Coding(twin_target))).unwrap();
    assert_eq!(memos.len(), 1, "the coding memo followed");
    let record = store.memos(Some(MemoTarget::Code(market.id))).unwrap();
    assert!(
        record.iter().any(|m| m.text.contains("Merged code `Goal/Global` into `Goal/Market`")),
        "{record:?}"
    );
    let merge = store.code_history(Some(&global.guid)).unwrap().pop().unwrap();
    assert_eq!(
        (merge.action, merge.codings, merge.target_guid),
        (CodeAction::Merge, 3, Some(market.guid.clone()))
    );

    // Into its own sub-code: refused.
    let a = store.create_code(&name("A"), None, None, "", &who).unwrap();
    let b = store.create_code(&name("B"), Some(a.id), None, "", &who).unwrap();
    assert!(matches!(store.merge_codes(a.id, b.id, &who), Err(Error::Invalid(_))));
}

#[test]
fn a_delete_refuses_without_a_decision_and_says_how_many_codings() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    let store = CodingStore::open(&p).unwrap();
    let who = alice();
    let doc = first_doc(&p);
    let x = store.create_code(&name("X"), None, None, "", &who).unwrap();
    let y = store.create_code(&name("Y"), None, None, "", &who).unwrap();
    let z = store.create_code(&name("Z"), None, None, "", &who).unwrap();
    code_a(&store, doc, x.id, 2, 4, "alice");
    code_a(&store, doc, x.id, 5, 8, "alice");
    let on_z = code_a(&store, doc, z.id, 2, 4, "alice");
    store.add_memo(MemoTarget::Code(z.id), "alice", "z note").unwrap();

    match store.delete_code(x.id, None, &who) {
        Err(Error::DeleteNeedsDecision { code, codings }) => assert_eq!((code.as_str(), codings), ("X", 2)),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(store.coding_count(x.id).unwrap(), 2, "nothing was deleted");
    let moved = store.delete_code(x.id, Some(DeleteCodings::MoveTo(y.id)), &who).unwrap();
    assert_eq!((moved.moved, moved.deleted), (2, 0));
    assert_eq!(store.coding_count(y.id).unwrap(), 2);

    let removed = store.delete_code(z.id, Some(DeleteCodings::Remove), &who).unwrap();
    assert_eq!((removed.moved, removed.deleted), (0, 1));
    assert!(matches!(store.coding(on_z), Err(Error::NoSuchCoding(_))));
    let project_memos = store.memos(Some(MemoTarget::Project)).unwrap();
    assert!(project_memos.iter().any(|m| m.text == "[on deleted code Z] z note"), "{project_memos:?}");

    let parent = store.create_code(&name("P"), None, None, "", &who).unwrap();
    store.create_code(&name("Child"), Some(parent.id), None, "", &who).unwrap();
    assert!(matches!(store.delete_code(parent.id, None, &who), Err(Error::Conflict(_))));
    let empty = store.create_code(&name("Empty"), None, None, "", &who).unwrap();
    assert_eq!(store.delete_code(empty.id, None, &who).unwrap().deleted, 0, "no codings, no decision needed");
}

#[test]
fn a_codebook_re_run_never_deletes_or_renames_hand_made_codes_or_codings() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    let store = CodingStore::open(&p).unwrap();
    run_codebook(&store, &book("1"), RunOptions::default(), &mut |_, _| {}).unwrap();
    let who = alice();
    let doc = first_doc(&p);
    let mine =
        store.create_code(&name("Mine"), None, Colour::parse("#123456").ok(), "by hand", &who).unwrap();
    let mine_coding = code_a(&store, doc, mine.id, 21, 26, "alice");
    // A hand-made code at a path the codebook will define later.
    let goal = store.code_by_path("Goal").unwrap().unwrap();
    let local = store.create_code(&name("Local"), Some(goal.id), None, "mine", &who).unwrap();
    // A rule code renamed and one recoloured by hand.
    let global = store.code_by_path("Goal/Global").unwrap().unwrap();
    let renamed = store.rename_code(global.id, &name("International"), &who).unwrap();
    let market = store.code_by_path("Goal/Market").unwrap().unwrap();
    store.set_code_colour(market.id, Colour::parse("#00ff00").ok(), &who).unwrap();
    let snapshot = store.codings(&CodingFilter::default()).unwrap();

    let with_local = Codebook::parse(&format!(
        "{}[[code]]\nname = \"Local\"\nparent = \"Goal\"\ndescription = \"codebook's\"\ncolour = \"#ff0000\"\n[[code.rule]]\nterms = [\"其他事项\"]\n",
        book("2").source
    ))
    .unwrap();
    for (b, force) in [(book("1"), true), (with_local, false)] {
        run_codebook(&store, &b, RunOptions { force }, &mut |_, _| {}).unwrap();
        let now = store.code(mine.id).unwrap();
        assert_eq!(
            (now.path.as_str(), now.colour.as_deref(), now.description.as_str()),
            ("Mine", Some("#123456"), "by hand")
        );
        assert_eq!(store.code(renamed.id).unwrap().path, "Goal/International");
        assert_eq!(
            store.code_by_path("Goal/Global").unwrap(),
            None,
            "the renamed rule code is not recreated"
        );
        assert_eq!(store.code(market.id).unwrap().colour.as_deref(), Some("#00ff00"));
        let all = store.codings(&CodingFilter::default()).unwrap();
        for before in &snapshot {
            assert!(all.iter().any(|c| c.id == before.id && c.code_id == before.code_id), "{before:?} kept");
        }
        assert_eq!(store.coding(mine_coding).unwrap().status, Status::Accepted);
    }
    let local_now = store.code(local.id).unwrap();
    assert_eq!(
        (local_now.description.as_str(), local_now.colour),
        ("mine", None),
        "the codebook adopts, not rewrites"
    );
    assert!(
        store.codings(&CodingFilter::default()).unwrap().iter().any(|c| c.code_id == local.id && c.is_auto()),
        "the codebook's rule codes into the person's code"
    );

    // A merged rule code is not recreated: its rules code into the target.
    store.merge_codes(market.id, renamed.id, &who).unwrap();
    run_codebook(&store, &book("3"), RunOptions { force: true }, &mut |_, _| {}).unwrap();
    assert_eq!(store.code_by_path("Goal/Market").unwrap(), None);
    let on_target = store
        .codings(&CodingFilter::default())
        .unwrap()
        .into_iter()
        .filter(|c| c.code_id == renamed.id)
        .count();
    assert!(on_target >= 3, "the merged code's proposals stay on the target: {on_target}");
}

#[test]
fn a_deleted_code_never_lends_its_id_to_a_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    let store = CodingStore::open(&p).unwrap();
    let who = alice();
    let first = store.create_code(&name("First"), None, None, "", &who).unwrap();
    let last = store.create_code(&name("Last"), None, None, "", &who).unwrap();
    assert!(last.id > first.id);
    // The highest id is the one a plain SQLite key would give again.
    store.delete_code(last.id, None, &who).unwrap();
    let next = store.create_code(&name("Next"), None, None, "", &who).unwrap();
    assert!(next.id > last.id, "a new code took id {} after {} was deleted", next.id, last.id);
    // The tree and its references survived the table's rebuild.
    let child = store.create_code(&name("Child"), Some(first.id), None, "", &who).unwrap();
    assert_eq!(store.code(child.id).unwrap().parent_id, Some(first.id));
}
