//! The rows of the frame's tables.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::tsv::{Row, Tsv};
use crate::Result;

/// Shortest alias or term, in characters: one character is a word part
/// in Chinese and a letter in English, never a name.
pub const MIN_TERM_CHARS: usize = 2;

/// An NIS element and what technical standards do for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NisElement {
    /// Name (`Institutions` …): what `nis:` tags of codes name.
    pub name: String,
    /// The feature of technical standards that serves it.
    pub technical_standard_feature: String,
    /// Its positive impact.
    pub positive_impact: String,
}

/// A standardisation mode with the government's roles in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mode {
    /// Name (`Market-based` …): what `mode:` tags of codes name.
    pub mode: String,
    /// Coordination mechanism.
    pub mechanism: String,
    /// Government's role while a standard is developed.
    pub government_role_in_development: String,
    /// Government's role while it diffuses.
    pub government_role_in_diffusion: String,
    /// The kind of standard that results.
    pub outcome_standard: String,
}

/// A stage of a stage model, with the words that name it in text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stage {
    /// The model (`ISO`, `SAC`, `standard-war`).
    pub scheme: String,
    /// Position in the model, from 1.
    pub order: u32,
    /// Name.
    pub stage: String,
    /// Chinese and English words for it.
    pub terms: Vec<String>,
}

/// Whether a gazetteer entry is an actor or a standard-setting body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    /// Ministries, commissions, firms, universities, alliances …
    Actor,
    /// Standard-setting bodies and technical committees.
    Body,
}

/// An entry of the actor gazetteer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Actor {
    /// Stable id (`miit`).
    pub id: String,
    /// Actor or body.
    pub kind: ActorKind,
    /// Sector (`government`, `committee`, `firm` …).
    pub sector: String,
    /// NIS element it belongs to, if given.
    pub nis_element: Option<String>,
    /// English name.
    pub name: String,
    /// Chinese full name.
    pub name_zh: String,
    /// Short names, English names and other forms (`工信部`, `MIIT`).
    pub aliases: Vec<String>,
    /// The organisation it belongs to (a committee's administration).
    pub parent: Option<String>,
    /// Free note.
    pub note: String,
}

/// A relation of the study's actor map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Relation {
    /// Source id.
    pub source: String,
    /// Relation (`sponsors` …).
    pub relation: String,
    /// Target id (an actor, a platform, a standard or a document).
    pub target: String,
    /// Free note.
    pub note: String,
}

/// A technology chokepoint with its Chinese and English terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Chokepoint {
    /// Number in the study's list.
    pub no: u32,
    /// English name.
    pub chokepoint: String,
    /// Relevant to AI.
    pub ai_relevant: bool,
    /// Still a chokepoint in 2023.
    pub still_open: bool,
    /// Words naming it in text (its name first).
    pub terms: Vec<String>,
    /// Where its words mean something else: a longer word holding a term
    /// (芯片卡 is a payment card) or a word that, in the same clause, marks
    /// another sense (渔船 near 适航标准).
    pub exclude: Vec<String>,
}

impl NisElement {
    pub(crate) fn parse(t: &Tsv) -> Result<Vec<NisElement>> {
        let mut out: Vec<NisElement> = Vec::new();
        for r in t.rows() {
            let name = r.required("nis_element")?;
            if out.iter().any(|e| e.name == name) {
                return Err(r.error("nis_element", format!("duplicate NIS element `{name}`")));
            }
            out.push(NisElement {
                name: name.to_string(),
                technical_standard_feature: r.get("technical_standard_feature").to_string(),
                positive_impact: r.get("positive_impact").to_string(),
            });
        }
        Ok(out)
    }
}

impl Mode {
    pub(crate) fn parse(t: &Tsv) -> Result<Vec<Mode>> {
        let mut out: Vec<Mode> = Vec::new();
        for r in t.rows() {
            let mode = r.required("mode")?;
            if out.iter().any(|m| m.mode == mode) {
                return Err(r.error("mode", format!("duplicate mode `{mode}`")));
            }
            out.push(Mode {
                mode: mode.to_string(),
                mechanism: r.get("mechanism").to_string(),
                government_role_in_development: r.get("government_role_in_development").to_string(),
                government_role_in_diffusion: r.get("government_role_in_diffusion").to_string(),
                outcome_standard: r.get("outcome_standard").to_string(),
            });
        }
        Ok(out)
    }
}

impl Stage {
    pub(crate) fn parse(t: &Tsv) -> Result<Vec<Stage>> {
        let mut out: Vec<Stage> = Vec::new();
        for r in t.rows() {
            let scheme = r.required("scheme")?.to_string();
            let order: u32 =
                r.required("order")?.parse().map_err(|_| r.error("order", "order must be a whole number"))?;
            let stage = r.required("stage")?.to_string();
            if out.iter().any(|s| s.scheme == scheme && s.order == order) {
                return Err(r.error("order", format!("duplicate stage {scheme} {order}")));
            }
            let terms = terms(&r, &["terms_zh", "terms_en"])?;
            out.push(Stage { scheme, order, stage, terms });
        }
        Ok(out)
    }

    /// The entity id of mentions of this stage: `SAC:approval`.
    pub fn entity(&self) -> String {
        format!("{}:{}", self.scheme, self.stage)
    }
}

impl Actor {
    pub(crate) fn parse(t: &Tsv, nis: &[NisElement]) -> Result<Vec<Actor>> {
        let mut out: Vec<Actor> = Vec::new();
        for r in t.rows() {
            let id = r.required("id")?;
            if !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
                return Err(r.error("id", format!("id `{id}` must be ASCII letters, digits, `-` or `_`")));
            }
            if out.iter().any(|a| a.id == id) {
                return Err(r.error("id", format!("duplicate id `{id}`")));
            }
            let kind = match r.get("kind") {
                "" | "actor" => ActorKind::Actor,
                "body" => ActorKind::Body,
                k => return Err(r.error("kind", format!("kind `{k}` is neither `actor` nor `body`"))),
            };
            let nis_element = match r.get("nis_element") {
                "" => None,
                n if nis.iter().any(|e| e.name == n) => Some(n.to_string()),
                n => return Err(r.error("nis_element", format!("unknown NIS element `{n}`"))),
            };
            let mut aliases: Vec<String> = Vec::new();
            for a in r.list("aliases")? {
                if !aliases.iter().any(|x| x.eq_ignore_ascii_case(a)) {
                    aliases.push(a.to_string());
                }
            }
            let actor = Actor {
                id: id.to_string(),
                kind,
                sector: r.get("sector").to_string(),
                nis_element,
                name: r.required("name")?.to_string(),
                name_zh: r.get("name_zh").to_string(),
                aliases,
                parent: Some(r.get("parent").to_string()).filter(|p| !p.is_empty()),
                note: r.get("note").to_string(),
            };
            if let Some(t) = actor.terms().find(|t| t.chars().count() < MIN_TERM_CHARS) {
                return Err(
                    r.error("aliases", format!("alias `{t}` is shorter than {MIN_TERM_CHARS} characters"))
                );
            }
            out.push(actor);
        }
        for (a, r) in out.iter().zip(t.rows()) {
            if let Some(p) = &a.parent {
                if !out.iter().any(|b| &b.id == p) || p == &a.id {
                    return Err(r.error("parent", format!("unknown parent `{p}`")));
                }
            }
        }
        Ok(out)
    }

    /// Every form that names it: English name, Chinese name, aliases.
    pub fn terms(&self) -> impl Iterator<Item = &str> {
        let mut seen = BTreeSet::new();
        [self.name.as_str(), self.name_zh.as_str()]
            .into_iter()
            .chain(self.aliases.iter().map(String::as_str))
            .filter(move |t| !t.is_empty() && seen.insert(t.to_lowercase()))
    }
}

impl Relation {
    pub(crate) fn parse(t: &Tsv) -> Result<Vec<Relation>> {
        t.rows()
            .map(|r| {
                Ok(Relation {
                    source: r.required("source")?.to_string(),
                    relation: r.required("relation")?.to_string(),
                    target: r.required("target")?.to_string(),
                    note: r.get("note").to_string(),
                })
            })
            .collect()
    }
}

impl Chokepoint {
    pub(crate) fn parse(t: &Tsv) -> Result<Vec<Chokepoint>> {
        let mut out: Vec<Chokepoint> = Vec::new();
        for r in t.rows() {
            let no: u32 =
                r.required("no")?.parse().map_err(|_| r.error("no", "`no` must be a whole number"))?;
            if out.iter().any(|c| c.no == no) {
                return Err(r.error("no", format!("duplicate chokepoint number {no}")));
            }
            let name = r.required("chokepoint")?.to_string();
            let mut all = vec![name.clone()];
            for t in terms(&r, &["terms_zh", "terms_en"])? {
                if !all.iter().any(|x| x.eq_ignore_ascii_case(&t)) {
                    all.push(t);
                }
            }
            let yes = |c: &str| r.get(c) == "yes";
            out.push(Chokepoint {
                no,
                chokepoint: name,
                ai_relevant: yes("ai_relevant"),
                still_open: yes("still_open_2023"),
                terms: all,
                exclude: r.list("exclude_zh")?.into_iter().map(str::to_string).collect(),
            });
        }
        Ok(out)
    }

    /// The entity id of mentions of this chokepoint: `chokepoint:15`.
    pub fn entity(&self) -> String {
        format!("chokepoint:{}", self.no)
    }
}

fn terms(r: &Row<'_>, columns: &[&str]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for c in columns {
        for t in r.list(c)? {
            if t.chars().count() < MIN_TERM_CHARS {
                return Err(r.error(c, format!("term `{t}` is shorter than {MIN_TERM_CHARS} characters")));
            }
            out.push(t.to_string());
        }
    }
    Ok(out)
}
