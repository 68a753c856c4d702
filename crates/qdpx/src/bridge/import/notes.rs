//! Notes → memos, on what refers to them (NoteRef) or what a Link joins
//! them to (NVivo's annotations); notes about nothing become project memos.

use std::collections::{HashMap, HashSet};

use policyscope_coding::MemoTarget;

use super::Importer;
use crate::model::QdaCode;
use crate::Result;

impl Importer<'_, '_> {
    fn target_of(&self, g: &str) -> Option<MemoTarget> {
        if let Some(&id) = self.coding_of_selection.get(g).or_else(|| self.coding_ids.get(g)) {
            return Some(MemoTarget::Coding(id));
        }
        if let Some(&(id, _)) = self.doc_of.get(g) {
            return Some(MemoTarget::Document(id));
        }
        self.code_id.get(g).map(|&id| MemoTarget::Code(id))
    }

    /// Adds every note as a memo.
    pub(super) fn notes(&mut self) -> Result<()> {
        let model = self.model;
        let mut code_notes = Vec::new();
        QdaCode::walk(&model.codes, &mut Vec::new(), &mut |_, c| {
            if let Some(&id) = self.code_id.get(&c.guid) {
                code_notes.extend(c.note_refs.iter().map(|n| (n.clone(), MemoTarget::Code(id))));
            }
        });
        self.pending_notes.extend(code_notes);
        self.pending_notes.extend(model.note_refs.iter().map(|n| (n.clone(), MemoTarget::Project)));
        let is_note: HashSet<&str> = model.notes.iter().map(|n| n.guid.as_str()).collect();
        for l in &model.links {
            let (Some(o), Some(t)) = (&l.origin, &l.target) else { continue };
            let pair = if is_note.contains(o.as_str()) {
                Some((o, t))
            } else if is_note.contains(t.as_str()) {
                Some((t, o))
            } else {
                None
            };
            match pair.and_then(|(note, other)| self.target_of(other).map(|tg| (note, tg))) {
                Some((note, tg)) => self.pending_notes.push((note.clone(), tg)),
                None => self.out.report.lose(
                    format!("Link {:?}", l.name.as_deref().unwrap_or(&l.guid)),
                    "only links from a note to a coded span, source or code are kept",
                ),
            }
        }
        let mut target_by_note: HashMap<String, MemoTarget> = HashMap::new();
        for (n, t) in &self.pending_notes {
            if target_by_note.contains_key(n) {
                self.out.report.warn(format!("note {n} is attached to several objects; kept on the first"));
            } else {
                target_by_note.insert(n.clone(), *t);
            }
        }
        let existing: HashSet<String> = self.store.memos(None)?.into_iter().map(|m| m.guid).collect();
        for note in &model.notes {
            if existing.contains(&note.guid) {
                continue;
            }
            let target = target_by_note.get(&note.guid).copied().unwrap_or(MemoTarget::Project);
            let text = match &note.name {
                Some(n) if !n.trim().is_empty() && !self.own_export => format!("{n}\n{}", note.text),
                _ => note.text.clone(),
            };
            let author = self.user_name(note.creating_user.as_ref());
            self.store.add_memo_with_guid(target, &author, &text, Some(&note.guid))?;
            self.out.memos += 1;
        }
        Ok(())
    }
}
