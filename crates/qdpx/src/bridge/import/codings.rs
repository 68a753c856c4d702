//! Selections and their codings; comments on uncoded selections.

use policyscope_coding::{MemoTarget, NewCoding, Status, AUTO_PREFIX};

use super::Importer;
use crate::model::{QdaCoding, Selection, TextSource};
use crate::Result;

impl Importer<'_, '_> {
    /// Adds the codings of every imported source.
    pub(super) fn codings(&mut self) -> Result<()> {
        let model = self.model;
        for s in &model.sources {
            let Some(&(doc_id, len)) = self.doc_of.get(&s.guid) else { continue };
            for sel in &s.selections {
                if sel.end as usize > len {
                    self.out.report.lose(format!("selection {}", sel.guid), "outside the stored text");
                    continue;
                }
                self.selection(s, sel, doc_id)?;
            }
            for c in &s.codings {
                let guid = crate::guid::stable(&format!("qdpx-source-coding:{}", c.guid));
                if let Some(id) = self.add(s, guid, c, None, doc_id, (0, len as u64))? {
                    self.out.report.warn(format!(
                        "coding of a whole source {:?} imported as a span over its text",
                        s.name.as_deref().unwrap_or("")
                    ));
                    self.coding_ids.insert(c.guid.clone(), id);
                }
            }
            for n in &s.note_refs {
                self.pending_notes.push((n.clone(), MemoTarget::Document(doc_id)));
            }
        }
        Ok(())
    }

    fn selection(&mut self, s: &TextSource, sel: &Selection, doc_id: i64) -> Result<()> {
        for (i, c) in sel.codings.iter().enumerate() {
            // The first coding keeps the selection's GUID, so a file
            // policyscope wrote (one coding per selection) comes back whole.
            let guid = if i == 0 {
                sel.guid.clone()
            } else {
                crate::guid::stable(&format!("qdpx-selection:{}:{}", sel.guid, c.guid))
            };
            if let Some(id) =
                self.add(s, guid, c, sel.creating_user.as_ref(), doc_id, (sel.start, sel.end))?
            {
                self.coding_ids.insert(c.guid.clone(), id);
                self.coding_of_selection.entry(sel.guid.clone()).or_insert(id);
                for n in &c.note_refs {
                    self.pending_notes.push((n.clone(), MemoTarget::Coding(id)));
                }
            }
        }
        let first = self.coding_of_selection.get(&sel.guid).copied();
        let target = first.map(MemoTarget::Coding).unwrap_or(MemoTarget::Document(doc_id));
        for n in &sel.note_refs {
            self.pending_notes.push((n.clone(), target));
        }
        let author = self.user_name(sel.creating_user.as_ref());
        match (&sel.description, first) {
            (Some(d), Some(id)) => {
                self.store.add_memo(MemoTarget::Coding(id), &author, d)?;
                self.out.memos += 1;
            }
            (Some(d), None) => {
                // MAXQDA writes comments as selections with a description.
                let excerpt = crate::bridge::export::excerpt_of(&s.text, sel.start, sel.end);
                let text = format!("[{}–{}] «{excerpt}»: {d}", sel.start, sel.end);
                self.store.add_memo(MemoTarget::Document(doc_id), &author, &text)?;
                self.out.memos += 1;
                self.out.report.warn(format!(
                    "comment on an uncoded selection [{}, {}) kept as a document memo",
                    sel.start, sel.end
                ));
            }
            (None, None) if sel.note_refs.is_empty() => {
                self.out.report.lose(
                    format!("selection {} [{}, {})", sel.guid, sel.start, sel.end),
                    "no coding, comment or note",
                );
            }
            (None, _) => {}
        }
        Ok(())
    }

    /// Adds one coding; `Ok(None)` (with a loss entry) when the store
    /// refuses it.
    fn add(
        &mut self,
        s: &TextSource,
        guid: String,
        c: &QdaCoding,
        fallback_user: Option<&String>,
        doc_id: i64,
        (start, end): (u64, u64),
    ) -> Result<Option<i64>> {
        let Some(&code) = self.code_id.get(&c.code) else { return Ok(None) };
        let coder = self.user_name(c.creating_user.as_ref().or(fallback_user).or(s.creating_user.as_ref()));
        let status = if coder.starts_with(AUTO_PREFIX) { Status::Proposed } else { Status::Accepted };
        // A GUID already used in this project (the same file imported
        // twice) gets a derived one; the span itself is then found again.
        let guid = if self.store.coding_by_guid(&guid)?.is_some() {
            crate::guid::stable(&format!("qdpx-import:{guid}:{doc_id}:{start}:{end}:{}", c.code))
        } else {
            guid
        };
        let existed = self.store.coding_by_guid(&guid)?.is_some();
        let new = NewCoding {
            doc_id,
            code_id: code,
            start: start as i64,
            end: end as i64,
            coder,
            status,
            guid: Some(guid.clone()),
        };
        match self.store.add_coding(&new) {
            Ok(added) => {
                if added.guid == guid && !existed {
                    self.out.codings += 1;
                } else {
                    self.out.codings_existing += 1;
                }
                Ok(Some(added.id))
            }
            Err(
                e @ (policyscope_coding::Error::BadSpan { .. } | policyscope_coding::Error::NotCodable(_)),
            ) => {
                self.out.report.lose(format!("coding {guid}"), e.to_string());
                Ok(None)
            }
            Err(e) => Err(e.into()),
        }
    }
}
