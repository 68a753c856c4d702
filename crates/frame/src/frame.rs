//! The frame's tables, parsed and checked as one whole.
//!
//! Six tables make the study's frame: the NIS elements, the standardisation
//! modes, the stage models, the actor gazetteer, the actor relations and
//! the technology chokepoints. Built-in defaults are compiled in; a
//! project may replace any of them (`frame load`). A frame is checked as a
//! whole before it is used or stored — an actor's NIS element must exist,
//! an alias must name one entity only — so a bad file never changes what
//! a project holds.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::model::{Actor, Chokepoint, Mode, NisElement, Relation, Stage};
use crate::tsv::Tsv;
use crate::{Error, MentionKind, Result};

/// The table names, in the order they are shown and hashed.
pub const TABLES: [&str; 6] = ["nis_elements", "modes", "stages", "actors", "relations", "chokepoints"];

/// The built-in text of a table.
pub fn builtin_text(table: &str) -> Option<&'static str> {
    Some(match table {
        "nis_elements" => include_str!("../data/nis_elements.tsv"),
        "modes" => include_str!("../data/modes.tsv"),
        "stages" => include_str!("../data/stages.tsv"),
        "actors" => include_str!("../data/actors.tsv"),
        "relations" => include_str!("../data/relations.tsv"),
        "chokepoints" => include_str!("../data/chokepoints.tsv"),
        _ => return None,
    })
}

/// The source of one table: where it came from and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableSource {
    /// `built-in` or the file it was loaded from.
    pub origin: String,
    /// The TSV text.
    #[serde(skip)]
    pub text: String,
}

/// The frame: every table, checked.
#[derive(Debug, Clone, Serialize)]
pub struct Frame {
    /// NIS elements and what standards do for each.
    pub nis_elements: Vec<NisElement>,
    /// Standardisation modes and the government's roles.
    pub modes: Vec<Mode>,
    /// Stage models of standard development.
    pub stages: Vec<Stage>,
    /// The actor gazetteer (actors and standard-setting bodies).
    pub actors: Vec<Actor>,
    /// Relations between actors (the study's actor map).
    pub relations: Vec<Relation>,
    /// Technology chokepoints.
    pub chokepoints: Vec<Chokepoint>,
    /// Where each table came from.
    pub sources: BTreeMap<String, TableSource>,
}

impl Frame {
    /// The built-in frame.
    pub fn builtin() -> Result<Frame> {
        Frame::from_sources(builtin_sources())
    }

    /// Parses and checks the tables in `sources` (every name of [`TABLES`]).
    pub fn from_sources(sources: BTreeMap<String, TableSource>) -> Result<Frame> {
        let src = |name: &str| -> Result<(String, &str)> {
            let s = sources
                .get(name)
                .ok_or_else(|| Error::Invalid(format!("frame table `{name}` is missing")))?;
            Ok((label(name, &s.origin), s.text.as_str()))
        };
        let (f, t) = src("nis_elements")?;
        let nis_elements = NisElement::parse(&Tsv::parse(&f, t, &["nis_element"])?)?;
        let (f, t) = src("modes")?;
        let modes = Mode::parse(&Tsv::parse(&f, t, &["mode"])?)?;
        let (f, t) = src("stages")?;
        let stages = Stage::parse(&Tsv::parse(&f, t, &["scheme", "order", "stage"])?)?;
        let (f, t) = src("actors")?;
        let actors_tsv = Tsv::parse(&f, t, &["id", "name"])?;
        let actors = Actor::parse(&actors_tsv, &nis_elements)?;
        let (f, t) = src("relations")?;
        let relations = Relation::parse(&Tsv::parse(&f, t, &["source", "relation", "target"])?)?;
        let (f, t) = src("chokepoints")?;
        let choke_tsv = Tsv::parse(&f, t, &["no", "chokepoint"])?;
        let chokepoints = Chokepoint::parse(&choke_tsv)?;
        let frame = Frame { nis_elements, modes, stages, actors, relations, chokepoints, sources };
        frame.check_terms(&actors_tsv, &choke_tsv)?;
        Ok(frame)
    }

    /// The frame with the tables found in `dir` (`<table>.tsv`) replacing
    /// those of `current`; at least one must be there.
    pub fn with_dir(current: &Frame, dir: &Path) -> Result<Frame> {
        let mut sources = current.sources.clone();
        let mut found = 0;
        for name in TABLES {
            let path = dir.join(format!("{name}.tsv"));
            if !path.is_file() {
                continue;
            }
            let text = read_bounded(&path)?;
            sources.insert(name.to_string(), TableSource { origin: path.display().to_string(), text });
            found += 1;
        }
        if found == 0 {
            return Err(Error::Invalid(format!(
                "{} holds none of the frame tables ({})",
                dir.display(),
                TABLES.map(|t| format!("{t}.tsv")).join(", ")
            )));
        }
        Frame::from_sources(sources)
    }

    /// The frame with one table replaced by the file at `path`.
    pub fn with_file(current: &Frame, table: &str, path: &Path) -> Result<Frame> {
        if !TABLES.contains(&table) {
            return Err(Error::Invalid(format!(
                "unknown frame table `{table}` (one of {})",
                TABLES.join(", ")
            )));
        }
        let mut sources = current.sources.clone();
        let text = read_bounded(path)?;
        sources.insert(table.to_string(), TableSource { origin: path.display().to_string(), text });
        Frame::from_sources(sources)
    }

    /// A hash of every table's text and of the extraction rules' version:
    /// a mention run is redone when either changes.
    pub fn hash(&self) -> String {
        let mut h = blake3::Hasher::new();
        h.update(crate::extract::RULES_VERSION.as_bytes());
        for name in TABLES {
            h.update(name.as_bytes());
            h.update(&[0]);
            h.update(self.sources.get(name).map_or("", |s| s.text.as_str()).as_bytes());
            h.update(&[0]);
        }
        h.finalize().to_hex()[..16].to_string()
    }

    /// The actor with this id.
    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actors.iter().find(|a| a.id == id)
    }

    /// The display name of an entity: an actor's English name, a
    /// chokepoint, a stage; a standard or unlisted committee is its own name.
    pub fn entity_name(&self, kind: MentionKind, entity: &str) -> String {
        let found = match kind {
            MentionKind::Actor | MentionKind::Body => self.actor(entity).map(|a| a.name.clone()),
            MentionKind::Technology => {
                self.chokepoints.iter().find(|c| c.entity() == entity).map(|c| c.chokepoint.clone())
            }
            MentionKind::Stage => {
                self.stages.iter().find(|s| s.entity() == entity).map(|s| format!("{} {}", s.scheme, s.stage))
            }
            MentionKind::Standard => None,
        };
        found.unwrap_or_else(|| entity.strip_prefix("committee:").unwrap_or(entity).to_string())
    }

    /// Every surface term names one entity only, across actors, bodies,
    /// technologies and stages (compared case-insensitively).
    fn check_terms(&self, actors: &Tsv, chokepoints: &Tsv) -> Result<()> {
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        let mut claim = |term: &str, owner: String, at: &dyn Fn(String) -> Error| -> Result<()> {
            let key = term.to_lowercase();
            match seen.get(&key) {
                Some(prev) if *prev != owner => {
                    Err(at(format!("alias `{term}` of `{owner}` is already an alias of `{prev}`")))
                }
                _ => {
                    seen.insert(key, owner);
                    Ok(())
                }
            }
        };
        for (a, row) in self.actors.iter().zip(actors.rows()) {
            for t in a.terms() {
                claim(t, a.id.clone(), &|m| row.error("aliases", m))?;
            }
        }
        for (c, row) in self.chokepoints.iter().zip(chokepoints.rows()) {
            for t in &c.terms {
                claim(t, c.entity(), &|m| row.error("terms_zh", m))?;
            }
        }
        Ok(())
    }
}

/// The built-in text of every table.
pub fn builtin_sources() -> BTreeMap<String, TableSource> {
    TABLES
        .iter()
        .map(|t| {
            let text = builtin_text(t).unwrap_or_default().to_string();
            (t.to_string(), TableSource { origin: "built-in".to_string(), text })
        })
        .collect()
}

fn label(table: &str, origin: &str) -> String {
    if origin == "built-in" {
        format!("{table}.tsv (built-in)")
    } else {
        origin.to_string()
    }
}

fn read_bounded(path: &Path) -> Result<String> {
    let io = |source| Error::Io { path: path.to_path_buf(), source };
    let len = std::fs::metadata(path).map_err(io)?.len();
    if len > crate::tsv::MAX_BYTES as u64 {
        return Err(Error::Table {
            file: path.display().to_string(),
            line: 1,
            column: 1,
            message: format!("file is larger than {} bytes", crate::tsv::MAX_BYTES),
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    String::from_utf8(bytes).map_err(|e| Error::Table {
        file: path.display().to_string(),
        line: 1,
        column: 1,
        message: format!("not UTF-8 (byte {})", e.utf8_error().valid_up_to()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ActorKind;

    #[test]
    fn builtin_frame_is_valid_and_covers_the_study_actors() {
        let f = Frame::builtin().unwrap();
        for id in [
            "miit", "sac", "samr", "cac", "tc260", "tc28", "cesi", "caict", "iso", "iec", "itu", "ieee",
            "3gpp",
        ] {
            assert!(f.actor(id).is_some(), "missing actor {id}");
        }
        assert_eq!(f.nis_elements.len(), 5);
        assert_eq!(f.chokepoints.len(), 35);
        assert_eq!(f.actor("tc260").map(|a| a.kind), Some(ActorKind::Body));
    }

    fn with_actors(text: &str) -> Result<Frame> {
        let mut s = builtin_sources();
        s.insert("actors".into(), TableSource { origin: "my/actors.tsv".into(), text: text.into() });
        Frame::from_sources(s)
    }

    const HEAD: &str = "id\tkind\tsector\tnis_element\tname\tname_zh\taliases\tparent\tnote\n";

    #[test]
    fn duplicate_actor_id_is_refused_with_line_and_column() {
        let t = format!(
            "{HEAD}a\tactor\tgovernment\t\tAlpha\t甲部\t\t\t\na\tactor\tgovernment\t\tBeta\t乙部\t\t\t\n"
        );
        assert_eq!(with_actors(&t).unwrap_err().to_string(), "my/actors.tsv:3:1: duplicate id `a`");
    }

    #[test]
    fn alias_shared_by_two_actors_is_refused() {
        let t = format!(
            "{HEAD}a\tactor\tgovernment\t\tAlpha\t甲部\tJB\t\t\nb\tactor\tgovernment\t\tBeta\t乙部\tjb\t\t\n"
        );
        let e = with_actors(&t).unwrap_err().to_string();
        assert_eq!(e, "my/actors.tsv:3:7: alias `jb` of `b` is already an alias of `a`");
    }

    #[test]
    fn empty_alias_is_refused() {
        let t = format!("{HEAD}a\tactor\tgovernment\t\tAlpha\t甲部\tJB;\t\t\n");
        assert_eq!(
            with_actors(&t).unwrap_err().to_string(),
            "my/actors.tsv:2:7: empty item in `aliases` (a `;` too many)"
        );
    }

    #[test]
    fn unknown_nis_element_and_parent_are_refused() {
        let t = format!("{HEAD}a\tactor\tgovernment\tMarkets\tAlpha\t甲部\t\t\t\n");
        assert!(with_actors(&t)
            .unwrap_err()
            .to_string()
            .starts_with("my/actors.tsv:2:4: unknown NIS element"));
        let t = format!("{HEAD}a\tactor\tgovernment\t\tAlpha\t甲部\t\tnobody\t\n");
        assert!(with_actors(&t).unwrap_err().to_string().starts_with("my/actors.tsv:2:8: unknown parent"));
    }

    #[test]
    fn the_shared_domain_actor_table_loads_as_it_is() {
        let dir = policyscope_testkit::shared("domain");
        let f = Frame::with_dir(&Frame::builtin().unwrap(), &dir).unwrap();
        assert_eq!(f.actors.len(), 25);
        assert!(f.sources["actors"].origin.ends_with("actors.tsv"));
    }
}
