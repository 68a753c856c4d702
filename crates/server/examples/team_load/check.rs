//! Holds a load's record against the database and the audit log.
//!
//! Every acknowledged change bumps its coding's version by one and writes one
//! audit entry; a refused one does neither. So, per coding, the versions the
//! acknowledged changes answered must be exactly `base+1 ..= now` (none lost,
//! none applied twice, nothing refused slipped in), its status the last
//! acknowledged decision's, and the audit log must hold one entry per
//! acknowledged change (same person, action, coding and version) and no other
//! entry by the coders.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;
use serde_json::Value;

use crate::load::{Attempt, Intent, Op, Record, Row};

/// The figures of a run.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Changes attempted.
    pub attempts: usize,
    /// Acknowledged (2xx).
    pub acked: usize,
    /// Refused as stale (409).
    pub conflicts: usize,
    /// Refused as another coder's (403).
    pub forbidden: usize,
    /// Acknowledged changes per second.
    pub acked_per_s: f64,
    /// Attempts per second.
    pub attempts_per_s: f64,
    /// Median latency of an attempt, ms.
    pub p50_ms: f64,
    /// 95th percentile latency, ms.
    pub p95_ms: f64,
    /// Slowest attempt, ms.
    pub max_ms: f64,
    /// Seconds of load.
    pub seconds: f64,
    /// Whether the time limit ended the load early.
    pub stopped_by_time_limit: bool,
}

/// The figures of `record`.
pub fn summary(record: &Record) -> Summary {
    let a = &record.attempts;
    let mut ms: Vec<f64> = a.iter().map(|x| x.ms).collect();
    ms.sort_by(f64::total_cmp);
    let pick =
        |q: f64| ms.get(((ms.len() as f64 * q).ceil() as usize).saturating_sub(1)).copied().unwrap_or(0.0);
    let acked = a.iter().filter(|x| x.acked()).count();
    let secs = record.seconds.max(1e-9);
    Summary {
        attempts: a.len(),
        acked,
        conflicts: a.iter().filter(|x| x.status == 409).count(),
        forbidden: a.iter().filter(|x| x.status == 403).count(),
        acked_per_s: acked as f64 / secs,
        attempts_per_s: a.len() as f64 / secs,
        p50_ms: pick(0.50),
        p95_ms: pick(0.95),
        max_ms: ms.last().copied().unwrap_or(0.0),
        seconds: record.seconds,
        stopped_by_time_limit: record.stopped_by_time_limit,
    }
}

/// (person, action, coding, version after the change): what one change leaves.
type Key = (String, String, i64, i64);

fn action(op: Op) -> String {
    serde_json::to_value(op).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// The key an acknowledged change must leave in the audit log.
fn ack_key(a: &Attempt) -> Option<Key> {
    let version = match a.op {
        Op::Code => a.answer.as_ref()?.version,
        Op::Accept | Op::Reject => a.answer.as_ref()?.version,
        // The entry is on the old coding, whose version the change bumped.
        Op::Recode | Op::Delete => a.version? + 1,
    };
    let id = match a.op {
        Op::Code => a.answer.as_ref()?.id,
        _ => a.target?,
    };
    Some((a.coder.clone(), action(a.op), id, version))
}

/// The key of an audit entry (`policyscope audit --json`).
fn audit_key(e: &Value) -> Option<Key> {
    let version = match (e["after"]["version"].as_i64(), e["before"]["version"].as_i64()) {
        (Some(v), _) => v,
        (None, Some(v)) => v + 1,
        _ => return None,
    };
    Some((
        e["user"].as_str()?.to_string(),
        e["action"].as_str()?.to_string(),
        e["target_id"].as_i64()?,
        version,
    ))
}

/// Every way the database and the audit log disagree with the record (none: the run is sound).
pub fn verify(record: &Record, codings: &[Row], audit: &[Value]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut say = |p: String| {
        if problems.len() < 50 {
            problems.push(p);
        }
    };
    for a in record.attempts.iter().filter(|a| a.error.is_some()) {
        say(format!(
            "unexpected answer to {} {:?} {:?} on {:?}: {}",
            a.coder,
            a.intent,
            a.op,
            a.target,
            a.error.as_deref().unwrap_or("")
        ));
    }
    if record.attempts.iter().any(|a| a.acked() && a.op != Op::Delete && a.answer.is_none()) {
        say("an acknowledged change answered no coding".into());
    }

    // One audit entry per acknowledged change, none for the rest.
    let coders: HashSet<&str> = record.coders.iter().map(String::as_str).collect();
    let mut expected: HashMap<Key, i64> = HashMap::new();
    for k in record.attempts.iter().filter(|a| a.acked()).filter_map(ack_key) {
        *expected.entry(k).or_default() += 1;
    }
    let mut logged: HashMap<Key, i64> = HashMap::new();
    for e in audit
        .iter()
        .filter(|e| e["target_kind"] == "coding" && e["user"].as_str().is_some_and(|u| coders.contains(u)))
    {
        match audit_key(e) {
            Some(k) => *logged.entry(k).or_default() += 1,
            None => say(format!("an audit entry without a version: {e}")),
        }
    }
    for (k, n) in &expected {
        let found = logged.get(k).copied().unwrap_or(0);
        if found != *n {
            say(format!("acknowledged change {k:?}: {n} made, {found} in the audit log"));
        }
    }
    for (k, n) in &logged {
        if !expected.contains_key(k) {
            say(format!("audit entry {k:?} (×{n}) matches no acknowledged change"));
        }
    }

    // The coders' rows: made (coded or recoded into) and not deleted, each once.
    let db: HashMap<i64, &Row> = codings.iter().map(|r| (r.id, r)).collect();
    let deleted: HashSet<i64> =
        record.attempts.iter().filter(|a| a.acked() && a.op == Op::Delete).filter_map(|a| a.target).collect();
    let mut made: BTreeMap<i64, (&Attempt, &Row)> = BTreeMap::new();
    for a in record.attempts.iter().filter(|a| a.acked()) {
        if let (Op::Code | Op::Recode, Some(row)) = (a.op, &a.answer) {
            if made.insert(row.id, (a, row)).is_none() {
                continue;
            }
            if deleted.contains(&row.id) {
                say(format!(
                    "id {} of a deleted coding was given to a new coding: the audit log's entries for {} \
                     now name two codings, and a change sent for the deleted one can land on the new one",
                    row.id, row.id
                ));
            } else {
                say(format!("coding {} was answered as new twice", row.id));
            }
        }
    }
    for (id, (a, row)) in &made {
        let want = a.asked;
        let got = (row.doc_id, row.code_id, row.start, row.end);
        if want != Some(got) || row.coder != a.coder {
            say(format!("coding {id} answered as {got:?} by {} for {want:?} by {}", row.coder, a.coder));
        }
        match (db.get(id), deleted.contains(id)) {
            (Some(_), true) => say(format!("coding {id} was deleted (acknowledged) but is still there")),
            (None, false) => say(format!("coding {id} was acknowledged but is not in the database")),
            _ => {}
        }
    }
    for r in codings.iter().filter(|r| coders.contains(r.coder.as_str())) {
        if !made.contains_key(&r.id) {
            say(format!(
                "coding {} of {} is in the database but no acknowledged change made it",
                r.id, r.coder
            ));
        }
    }
    let mut spans = HashSet::new();
    for r in codings {
        if !spans.insert((r.doc_id, r.code_id, r.start, r.end, r.coder.as_str())) {
            say(format!("passage {:?} coded twice by {}", (r.doc_id, r.code_id, r.start, r.end), r.coder));
        }
    }

    // Versions and statuses: each coding as its acknowledged changes left it.
    let mut base: HashMap<i64, (i64, String)> =
        record.shared.iter().map(|r| (r.id, (r.version, r.status.clone()))).collect();
    for (id, (_, row)) in &made {
        base.insert(*id, (row.version, row.status.clone()));
    }
    let mut changes: HashMap<i64, Vec<(i64, Op)>> = HashMap::new();
    for a in record.attempts.iter().filter(|a| a.acked() && a.op != Op::Code) {
        if let (Some(id), Some((_, _, _, v))) = (a.target, ack_key(a)) {
            changes.entry(id).or_default().push((v, a.op));
        }
    }
    for (id, (v0, status0)) in &base {
        let mut list = changes.remove(id).unwrap_or_default();
        list.sort_by_key(|(v, _)| *v);
        let versions: Vec<i64> = list.iter().map(|(v, _)| *v).collect();
        let contiguous: Vec<i64> = (1..=list.len() as i64).map(|k| v0 + k).collect();
        if versions != contiguous {
            say(format!(
                "coding {id}: acknowledged versions {versions:?}, expected {contiguous:?} from {v0}"
            ));
            continue;
        }
        let (status, version) = match list.last() {
            Some((v, Op::Accept)) => ("accepted", *v),
            Some((v, _)) => ("rejected", *v),
            None => (status0.as_str(), *v0),
        };
        match (db.get(id), list.last()) {
            (None, Some((_, Op::Delete))) => {}
            (None, _) => say(format!("coding {id} is missing from the database")),
            (Some(r), _) if r.version != version || r.status != status => say(format!(
                "coding {id} is {} at version {}, its acknowledged changes left it {status} at {version}",
                r.status, r.version
            )),
            _ => {}
        }
    }
    for id in changes.keys() {
        say(format!("coding {id} was changed but neither made by the load nor shared"));
    }
    let refused = record
        .attempts
        .iter()
        .filter(|a| !a.acked() && matches!(a.intent, Intent::Foreign | Intent::Stale | Intent::Shared))
        .count();
    if refused == 0 && record.attempts.len() >= 100 {
        say("no change was refused: the load made no conflicts".into());
    }
    problems
}
