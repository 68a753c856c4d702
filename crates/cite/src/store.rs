//! Computed citations in the project database (migration component
//! `cite`), so the graph, snowball, report and web app read them without
//! re-extracting.
//!
//! Resolution depends on every document (a new version changes what older
//! references resolve to) and on the catalog, so the stored set carries a
//! fingerprint of both; when it no longer matches, everything is
//! recomputed.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::{mpsc, Mutex};

use policyscope_corpus::{Catalog, DocumentMeta, Project};
use policyscope_store::{params, OptionalExtension};

use crate::extract::extract;
use crate::model::{Citation, DocRef, RefKind, Reference, Status, VersionStatus};
use crate::resolve::{doc_ref, Resolver};
use crate::Result;

/// Bumped whenever extraction or resolution changes its results.
const RESOLVER_VERSION: u32 = 2;

const MIGRATIONS: &[&str] = &[
    include_str!("sql/cite_001.sql"),
    include_str!("sql/cite_002.sql"),
    include_str!("sql/cite_003.sql"),
    include_str!("sql/cite_004.sql"),
];

/// Creates or updates the citation tables.
pub fn migrate(project: &Project) -> Result<()> {
    Ok(project.migrate("cite", MIGRATIONS)?)
}

fn fingerprint(docs: &[DocumentMeta], catalog: Option<&Catalog>) -> String {
    let mut h = DefaultHasher::new();
    RESOLVER_VERSION.hash(&mut h);
    for d in docs {
        (d.id, &d.title, &d.date, &d.docno).hash(&mut h);
    }
    if let Some(c) = catalog {
        for e in &c.entries {
            (&e.no, &e.title, &e.date, &e.docno, &e.aliases).hash(&mut h);
        }
    }
    format!("{}:{:016x}", docs.len(), h.finish())
}

/// Resolves the references of every current document (nothing stored).
///
/// This thread reads the texts; workers extract and resolve them (the
/// resolver is shared and read-only but for its memo of fuzzy lookups), and
/// the results are put back in document order, so the output does not
/// depend on the number of threads.
pub fn compute(
    project: &Project,
    catalog: Option<&Catalog>,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<Citation>> {
    let docs = project.documents(false)?;
    let resolver = Resolver::new(&docs, catalog);
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
    let mut found: Vec<Option<Vec<Citation>>> = vec![None; docs.len()];
    let mut done = 0;
    // Few texts in flight, so memory does not grow with the corpus.
    let (texts, jobs) = mpsc::sync_channel::<(usize, String)>(workers * 2);
    let jobs = Mutex::new(jobs);
    let (results, finished) = mpsc::channel::<(usize, Vec<Citation>)>();
    std::thread::scope(|scope| -> Result<()> {
        for _ in 0..workers {
            let (jobs, results, resolver, docs) = (&jobs, results.clone(), &resolver, &docs);
            scope.spawn(move || loop {
                let job = jobs.lock().unwrap_or_else(std::sync::PoisonError::into_inner).recv();
                let Ok((i, text)) = job else { return };
                // The receiver is gone only when reading failed.
                if results.send((i, resolver.resolve(&docs[i], &extract(&text)))).is_err() {
                    return;
                }
            });
        }
        drop(results);
        let mut collect = |(i, citations): (usize, Vec<Citation>)| {
            found[i] = Some(citations);
            done += 1;
            progress(done, docs.len());
        };
        for (i, meta) in docs.iter().enumerate() {
            let doc = project.document(meta.id)?;
            if texts.send((i, doc.text)).is_err() {
                break;
            }
            while let Ok(r) = finished.try_recv() {
                collect(r);
            }
        }
        drop(texts);
        for r in finished {
            collect(r);
        }
        Ok(())
    })?;
    Ok(found.into_iter().flatten().flatten().collect())
}

/// Makes sure the stored citations match the documents and catalog;
/// returns whether they had to be recomputed.
pub fn ensure(
    project: &Project,
    catalog: Option<&Catalog>,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<bool> {
    migrate(project)?;
    let docs = project.documents(false)?;
    let fp = fingerprint(&docs, catalog);
    let stored: Option<String> = project
        .conn()
        .query_row("SELECT fingerprint FROM cite_state WHERE id = 1", [], |r| r.get(0))
        .optional()?;
    if stored.as_deref() == Some(fp.as_str()) {
        return Ok(false);
    }
    let all = compute(project, catalog, progress)?;
    let tx = project.conn().unchecked_transaction()?;
    tx.execute("DELETE FROM cite_refs", [])?;
    {
        let mut stmt = tx.prepare(
            "INSERT INTO cite_refs (doc_id, seq, kind, text, target, clause, docno, start, end, alias_of, status,
                 cited_id, cited_json, method, score, version_note, candidates_json, version)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
        )?;
        for c in &all {
            let r = &c.reference;
            stmt.execute(params![
                c.citing.id,
                c.seq as i64,
                r.kind.as_str(),
                r.text,
                r.name,
                r.clause,
                r.docno,
                r.start as i64,
                r.end as i64,
                r.alias_of.map(|a| a as i64),
                c.status.as_str(),
                c.target.as_ref().and_then(|d| d.id),
                c.target.as_ref().map(serde_json::to_string).transpose()?,
                c.method,
                c.score,
                c.version_note,
                if c.candidates.is_empty() { None } else { Some(serde_json::to_string(&c.candidates)?) },
                c.version.map(VersionStatus::as_str),
            ])?;
        }
    }
    let catalog_json = catalog.map(serde_json::to_string).transpose()?;
    tx.execute(
        "INSERT INTO cite_state (id, fingerprint, catalog_json) VALUES (1, ?1, ?2)
         ON CONFLICT(id) DO UPDATE SET fingerprint = excluded.fingerprint, catalog_json = excluded.catalog_json,
             computed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
        params![fp, catalog_json],
    )?;
    tx.commit()?;
    Ok(true)
}

/// Every stored citation (recomputed first if out of date), by citing
/// document then text order.
pub fn all_citations(project: &Project, catalog: Option<&Catalog>) -> Result<Vec<Citation>> {
    ensure(project, catalog, &mut |_, _| {})?;
    load(project, None)
}

/// The catalog the stored citations were last resolved with.
pub fn stored_catalog(project: &Project) -> Result<Option<Catalog>> {
    migrate(project)?;
    let json: Option<Option<String>> = project
        .conn()
        .query_row("SELECT catalog_json FROM cite_state WHERE id = 1", [], |r| r.get(0))
        .optional()?;
    Ok(json.flatten().map(|j| serde_json::from_str(&j)).transpose()?)
}

/// Every citation as last resolved — with the catalog used then — brought
/// up to date if documents changed since. For readers without a catalog of
/// their own (report, web app), so they do not undo an `external`.
pub fn current(project: &Project) -> Result<Vec<Citation>> {
    let catalog = stored_catalog(project)?;
    all_citations(project, catalog.as_ref())
}

/// The citations of one document.
pub fn citations_of(project: &Project, doc: i64, catalog: Option<&Catalog>) -> Result<Vec<Citation>> {
    ensure(project, catalog, &mut |_, _| {})?;
    load(project, Some(doc))
}

/// Reads stored citations without checking that they are up to date.
pub fn load(project: &Project, doc: Option<i64>) -> Result<Vec<Citation>> {
    let metas: std::collections::HashMap<i64, DocRef> =
        project.documents(true)?.iter().map(|m| (m.id, doc_ref(m))).collect();
    let mut stmt = project.conn().prepare(
        "SELECT doc_id, seq, kind, text, target, clause, docno, start, end, alias_of, status, cited_json,
                method, score, version_note, candidates_json, version
         FROM cite_refs WHERE (CAST(?1 AS BIGINT) IS NULL OR doc_id = ?1) ORDER BY doc_id, seq",
    )?;
    let rows = stmt.query_map([doc], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            Reference {
                kind: RefKind::Title,
                text: r.get(3)?,
                name: r.get(4)?,
                clause: r.get(5)?,
                docno: r.get(6)?,
                start: r.get::<_, i64>(7)? as usize,
                end: r.get::<_, i64>(8)? as usize,
                alias_of: r.get::<_, Option<i64>>(9)?.map(|a| a as usize),
            },
            r.get::<_, String>(10)?,
            r.get::<_, Option<String>>(11)?,
            r.get::<_, Option<String>>(12)?,
            r.get::<_, Option<f64>>(13)?,
            r.get::<_, Option<String>>(14)?,
            r.get::<_, Option<String>>(15)?,
            r.get::<_, Option<String>>(16)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (
            doc_id,
            seq,
            kind,
            mut reference,
            status,
            cited,
            method,
            score,
            version_note,
            candidates,
            version,
        ) = row?;
        reference.kind = RefKind::parse(&kind).unwrap_or(RefKind::Title);
        out.push(Citation {
            citing: metas.get(&doc_id).cloned().unwrap_or(DocRef {
                id: Some(doc_id),
                source_path: None,
                title: String::new(),
                date: None,
                catalog_no: None,
            }),
            seq: seq as usize,
            reference,
            status: Status::parse(&status).unwrap_or(Status::Unresolved),
            target: cited.as_deref().map(serde_json::from_str).transpose()?,
            method,
            score,
            version: version.as_deref().and_then(VersionStatus::parse),
            version_note,
            candidates: candidates.as_deref().map(serde_json::from_str).transpose()?.unwrap_or_default(),
        });
    }
    Ok(out)
}

/// Records a snowball run; returns its id.
pub fn save_snowball(project: &Project, result: &crate::snowball::SnowballResult) -> Result<i64> {
    migrate(project)?;
    let seeds: Vec<String> = result.seeds.iter().filter_map(|s| s.doc.id).map(|id| id.to_string()).collect();
    Ok(project.conn().query_row(
        "INSERT INTO cite_snowball_runs (seeds, result_json) VALUES (?1, ?2) RETURNING id",
        params![seeds.join(","), serde_json::to_string(result)?],
        |r| r.get(0),
    )?)
}

/// The latest recorded snowball run, as JSON (id, time, result).
pub fn last_snowball(project: &Project) -> Result<Option<(i64, String, serde_json::Value)>> {
    migrate(project)?;
    let row: Option<(i64, String, String)> = project
        .conn()
        .query_row(
            "SELECT id, created_at, result_json FROM cite_snowball_runs ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    row.map(|(id, at, json)| Ok((id, at, serde_json::from_str(&json)?))).transpose()
}
