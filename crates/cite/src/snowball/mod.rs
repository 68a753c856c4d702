//! Snowball sampling: from seed documents through resolved citations,
//! round by round, under explicit [`rules`].
//!
//! Every round looks at the references of the documents admitted in the
//! round before (backward: what they cite; forward: what cites them),
//! decides each new document once with the rules, and records the round,
//! the document it was reached from, the reference and the rule. Everything
//! is visited in id order, so a re-run on the same project gives the same
//! result.

pub mod rules;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use policyscope_corpus::{DocumentMeta, Project};
use serde::Serialize;

use crate::model::{Citation, DocRef, Status};
use crate::resolve::doc_ref;
use crate::{Error, Result};
pub use rules::{Action, Direction, Rule, Rules};

/// A document reached by the snowball and the decision about it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// The document.
    pub doc: DocRef,
    /// Round (0 for seeds).
    pub round: usize,
    /// `seed`, `backward` (cited by `via`) or `forward` (cites `via`).
    pub direction: String,
    /// The document it was reached from.
    pub via: Option<DocRef>,
    /// The reference as written that led here.
    pub reference: Option<String>,
    /// The rule that decided (`seed` for seeds).
    pub rule: String,
}

/// A reference out of the sample that points outside the project (each
/// cited title once per citing document).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outside {
    /// The citing document (in the sample).
    pub citing: DocRef,
    /// The reference as written.
    pub reference: String,
    /// `external` (catalog entry) or `unresolved`.
    pub status: String,
    /// The catalog entry, for external references.
    pub target: Option<DocRef>,
}

/// One round of the snowball.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Round {
    /// Round number (1 is the first after the seeds).
    pub round: usize,
    /// Documents admitted in this round.
    pub admitted: Vec<Step>,
    /// Documents excluded in this round.
    pub excluded: Vec<Step>,
}

/// The result of a snowball run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SnowballResult {
    /// The rules used.
    pub rules: Rules,
    /// Seeds with round 0.
    pub seeds: Vec<Step>,
    /// Rounds in order.
    pub rounds: Vec<Round>,
    /// Why it stopped: `no new documents` or `max rounds`.
    pub stopped: String,
    /// References of admitted documents to catalog entries or nothing.
    pub outside: Vec<Outside>,
}

impl SnowballResult {
    /// Seeds and every admitted document, in order of admission.
    pub fn admitted(&self) -> impl Iterator<Item = &Step> {
        self.seeds.iter().chain(self.rounds.iter().flat_map(|r| r.admitted.iter()))
    }

    /// Every excluded document.
    pub fn excluded(&self) -> impl Iterator<Item = &Step> {
        self.rounds.iter().flat_map(|r| r.excluded.iter())
    }

    /// The round at which each admitted document entered.
    pub fn round_of(&self) -> HashMap<i64, usize> {
        self.admitted().filter_map(|s| Some((s.doc.id?, s.round))).collect()
    }
}

/// Runs the snowball over the project's stored citations (brought up to
/// date first with `catalog`).
pub fn run(
    project: &Project,
    catalog: Option<&policyscope_corpus::Catalog>,
    seeds: &[i64],
    rules: &Rules,
) -> Result<SnowballResult> {
    let citations = crate::store::all_citations(project, catalog)?;
    snowball(project, &citations, seeds, rules)
}

/// Runs the snowball from `seeds` over `citations` (from
/// [`crate::store::all_citations`]).
pub fn snowball(
    project: &Project,
    citations: &[Citation],
    seeds: &[i64],
    rules: &Rules,
) -> Result<SnowballResult> {
    let metas: BTreeMap<i64, DocumentMeta> =
        project.documents(false)?.into_iter().map(|m| (m.id, m)).collect();
    let mut seen: BTreeSet<i64> = BTreeSet::new();
    let mut seed_steps = Vec::new();
    for &s in seeds.iter().collect::<BTreeSet<_>>() {
        let meta = metas.get(&s).ok_or(Error::NoSuchSeed(s))?;
        seen.insert(s);
        seed_steps.push(Step {
            doc: doc_ref(meta),
            round: 0,
            direction: "seed".into(),
            via: None,
            reference: None,
            rule: "seed".into(),
        });
    }
    let links: Vec<&Citation> = citations
        .iter()
        .filter(|c| {
            c.status == Status::Resolved
                && c.citing.id.is_some()
                && c.target.as_ref().is_some_and(|d| d.id.is_some())
        })
        .collect();
    let mut by_citing: HashMap<i64, Vec<&Citation>> = HashMap::new();
    let mut by_cited: HashMap<i64, Vec<&Citation>> = HashMap::new();
    for c in &links {
        by_citing.entry(c.citing.id.unwrap_or(-1)).or_default().push(c);
        by_cited.entry(c.target.as_ref().and_then(|d| d.id).unwrap_or(-1)).or_default().push(c);
    }
    let mut frontier: Vec<i64> = seen.iter().copied().collect();
    let mut admitted_all: BTreeSet<i64> = seen.clone();
    let mut rounds = Vec::new();
    let mut stopped = "no new documents".to_string();
    for round in 1..=rules.max_rounds {
        // Candidate → (from, direction, reference), first found in id order.
        let mut candidates: BTreeMap<i64, (i64, &'static str, String)> = BTreeMap::new();
        for &from in &frontier {
            let back = if rules.direction == Direction::Forward { None } else { by_citing.get(&from) };
            let fwd = if rules.direction == Direction::Backward { None } else { by_cited.get(&from) };
            let found = back
                .into_iter()
                .flatten()
                .map(|c| (c.target.as_ref().and_then(|d| d.id).unwrap_or(-1), "backward", *c))
                .chain(fwd.into_iter().flatten().map(|c| (c.citing.id.unwrap_or(-1), "forward", *c)));
            for (doc, dir, c) in found {
                if !seen.contains(&doc) && metas.contains_key(&doc) {
                    candidates.entry(doc).or_insert((from, dir, c.reference.text.clone()));
                }
            }
        }
        if candidates.is_empty() {
            break;
        }
        let mut this = Round { round, admitted: vec![], excluded: vec![] };
        for (doc, (from, dir, reference)) in candidates {
            seen.insert(doc);
            let meta = &metas[&doc];
            let mut text = || project.document(doc).map(|d| d.text).unwrap_or_default();
            let (action, rule) = rules.decide(meta, &mut text);
            let step = Step {
                doc: doc_ref(meta),
                round,
                direction: dir.into(),
                via: metas.get(&from).map(doc_ref),
                reference: Some(reference),
                rule,
            };
            match action {
                Action::Include => this.admitted.push(step),
                Action::Exclude => this.excluded.push(step),
            }
        }
        frontier = this.admitted.iter().filter_map(|s| s.doc.id).collect();
        admitted_all.extend(frontier.iter().copied());
        rounds.push(this);
        if frontier.is_empty() {
            break;
        }
        if round == rules.max_rounds {
            stopped = "max rounds".into();
        }
    }
    let mut listed = BTreeSet::new();
    let outside = citations
        .iter()
        .filter(|c| c.citing.id.is_some_and(|id| admitted_all.contains(&id)))
        .filter(|c| matches!(c.status, Status::External | Status::Unresolved))
        .filter(|c| listed.insert((c.citing.id, c.reference.name.clone())))
        .map(|c| Outside {
            citing: c.citing.clone(),
            reference: c.reference.text.clone(),
            status: c.status.as_str().into(),
            target: c.target.clone(),
        })
        .collect();
    Ok(SnowballResult { rules: rules.clone(), seeds: seed_steps, rounds, stopped, outside })
}
