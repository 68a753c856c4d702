//! Reading stored mentions and role statements, with their documents.

use std::collections::HashMap;

use policyscope_text::PolicyDate;
use serde::Serialize;

use super::FrameStore;
use crate::{Frame, MentionKind, Result, RoleStatement};

/// A document as mention listings show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocInfo {
    /// Document id.
    pub id: i64,
    /// Path it was first imported from.
    pub source_path: String,
    /// Title.
    pub title: String,
    /// Date, ISO `YYYY[-MM[-DD]]`.
    pub date: Option<PolicyDate>,
}

/// Which mentions to list.
#[derive(Debug, Clone, Default)]
pub struct MentionFilter {
    /// Only this kind.
    pub kind: Option<MentionKind>,
    /// Only this document.
    pub doc_id: Option<i64>,
    /// Only this entity (actor id, canonical standard …).
    pub entity: Option<String>,
}

/// A stored mention with its document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MentionRecord {
    /// The document.
    pub doc: DocInfo,
    /// What it names.
    pub kind: MentionKind,
    /// The entity it resolves to.
    pub entity: String,
    /// The entity's name in the frame (an actor's English name, a
    /// chokepoint, a stage), or the entity itself.
    pub entity_name: String,
    /// The text as written.
    pub text: String,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// Index of its sentence.
    pub sentence: usize,
    /// The rule that found it.
    pub rule: String,
}

/// A stored role statement with its document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoleRecord {
    /// The document.
    pub doc: DocInfo,
    /// The actor's English name.
    pub actor_name: String,
    /// The statement.
    #[serde(flatten)]
    pub role: RoleStatement,
}

impl FrameStore<'_> {
    fn doc_info(&self, cache: &mut HashMap<i64, DocInfo>, id: i64) -> Result<DocInfo> {
        if let Some(d) = cache.get(&id) {
            return Ok(d.clone());
        }
        let m = self.project.document_meta(id)?;
        let d = DocInfo { id, source_path: m.source_path, title: m.title, date: m.date };
        cache.insert(id, d.clone());
        Ok(d)
    }

    /// Stored mentions the filter picks, by document and position.
    pub fn mentions(&self, frame: &Frame, filter: &MentionFilter) -> Result<Vec<MentionRecord>> {
        let mut stmt = self.conn().prepare(
            "SELECT doc_id, kind, entity, text, start, end, sentence, rule FROM mentions
             WHERE (CAST(?1 AS TEXT) IS NULL OR kind = ?1) AND (CAST(?2 AS BIGINT) IS NULL OR doc_id = ?2)
               AND (CAST(?3 AS TEXT) IS NULL OR entity = ?3)
             ORDER BY doc_id, start, end, id",
        )?;
        let kind = filter.kind.map(MentionKind::as_str);
        let rows = stmt.query_map(policyscope_store::params![kind, filter.doc_id, filter.entity], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, i64>(5)?,
                r.get::<_, i64>(6)?,
                r.get::<_, String>(7)?,
            ))
        })?;
        let mut cache = HashMap::new();
        let mut out = Vec::new();
        for row in rows {
            let (doc_id, kind, entity, text, start, end, sentence, rule) = row?;
            let kind: MentionKind = kind.parse()?;
            out.push(MentionRecord {
                doc: self.doc_info(&mut cache, doc_id)?,
                kind,
                entity_name: frame.entity_name(kind, &entity),
                entity,
                text,
                start: start as usize,
                end: end as usize,
                sentence: sentence as usize,
                rule,
            });
        }
        Ok(out)
    }

    /// Stored role statements, of one actor or all, optionally of one document.
    pub fn roles(&self, frame: &Frame, actor: Option<&str>, doc_id: Option<i64>) -> Result<Vec<RoleRecord>> {
        let mut stmt = self.conn().prepare(
            "SELECT doc_id, actor, actor_text, actor_start, actor_end, verb, verb_start, object, pattern, partners,
                    start, end, sentence FROM roles
             WHERE (CAST(?1 AS TEXT) IS NULL OR actor = ?1) AND (CAST(?2 AS BIGINT) IS NULL OR doc_id = ?2)
             ORDER BY doc_id, start, actor, id",
        )?;
        let rows = stmt.query_map(policyscope_store::params![actor, doc_id], |r| {
            let partners: String = r.get(9)?;
            Ok((
                r.get::<_, i64>(0)?,
                RoleStatement {
                    actor: r.get(1)?,
                    actor_text: r.get(2)?,
                    actor_start: r.get::<_, i64>(3)? as usize,
                    actor_end: r.get::<_, i64>(4)? as usize,
                    verb: r.get(5)?,
                    verb_start: r.get::<_, i64>(6)? as usize,
                    object: r.get(7)?,
                    pattern: r.get(8)?,
                    partners: serde_json::from_str(&partners).unwrap_or_default(),
                    start: r.get::<_, i64>(10)? as usize,
                    end: r.get::<_, i64>(11)? as usize,
                    sentence: r.get::<_, i64>(12)? as usize,
                },
            ))
        })?;
        let mut cache = HashMap::new();
        let mut out = Vec::new();
        for row in rows {
            let (doc_id, role) = row?;
            out.push(RoleRecord {
                doc: self.doc_info(&mut cache, doc_id)?,
                actor_name: frame.entity_name(MentionKind::Actor, &role.actor),
                role,
            });
        }
        Ok(out)
    }

    /// Whether mentions were ever run in this project.
    pub fn has_run(&self) -> Result<bool> {
        let n: i64 = self.conn().query_row("SELECT count(*) FROM mention_runs", [], |r| r.get(0))?;
        Ok(n > 0)
    }
}

/// CSV of mentions: `doc_id, source_path, kind, entity, entity_name, text, start, end`.
pub fn write_mentions_csv(ms: &[MentionRecord], w: impl std::io::Write) -> Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(["doc_id", "source_path", "kind", "entity", "entity_name", "text", "start", "end"])?;
    for m in ms {
        out.write_record([
            &m.doc.id.to_string(),
            &m.doc.source_path,
            m.kind.as_str(),
            &m.entity,
            &m.entity_name,
            &m.text,
            &m.start.to_string(),
            &m.end.to_string(),
        ])?;
    }
    out.flush()?;
    Ok(())
}

/// CSV of role statements: `doc_id, source_path, actor, actor_text, verb,
/// pattern, partners, object, start, end`.
pub fn write_roles_csv(rs: &[RoleRecord], w: impl std::io::Write) -> Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record([
        "doc_id",
        "source_path",
        "actor",
        "actor_text",
        "verb",
        "pattern",
        "partners",
        "object",
        "start",
        "end",
    ])?;
    for r in rs {
        let x = &r.role;
        out.write_record([
            &r.doc.id.to_string(),
            &r.doc.source_path,
            &x.actor,
            &x.actor_text,
            &x.verb,
            &x.pattern,
            &x.partners.join(";"),
            &x.object,
            &x.start.to_string(),
            &x.end.to_string(),
        ])?;
    }
    out.flush()?;
    Ok(())
}
