//! Editing the code tree by hand: create, rename, move, recolour, describe.
//!
//! Every edit names the person who makes it and is written together with
//! its entry in the code history, in one transaction. Codes made or edited
//! this way are a person's: a codebook run never renames, moves or
//! restyles them (see `history.rs`).

use policyscope_store::params;

use super::history::CodeAction;
use super::{CodingStore, NOW};
use crate::codename::{check_description, CodeName, Colour};
use crate::model::Code;
use crate::person::HumanCoder;
use crate::{guid, Error, Result};

/// Where a code goes: the path it gets under `parent` (top level for
/// `None`) with `name`.
fn child_path(parent: Option<&Code>, name: &CodeName) -> String {
    match parent {
        Some(p) => format!("{}/{}", p.path, name),
        None => name.to_string(),
    }
}

impl CodingStore<'_> {
    /// Refuses a second code of the same name under one parent.
    fn check_free(&self, path: &str) -> Result<()> {
        if let Some(c) = self.code_by_path(path)? {
            return Err(Error::Conflict(format!("a code `{}` exists already", c.path)));
        }
        Ok(())
    }

    /// The parent by id, if any (an unknown id is [`Error::NoSuchCode`]).
    fn parent(&self, parent: Option<i64>) -> Result<Option<Code>> {
        parent.map(|id| self.code(id)).transpose()
    }

    /// Creates a code by hand: codable, under `parent` (or at the top),
    /// with a fresh GUID; a sibling of the same name is a conflict.
    pub fn create_code(
        &self,
        name: &CodeName,
        parent: Option<i64>,
        colour: Option<Colour>,
        description: &str,
        by: &HumanCoder,
    ) -> Result<Code> {
        check_description(description)?;
        let parent = self.parent(parent)?;
        let path = child_path(parent.as_ref(), name);
        self.check_free(&path)?;
        let position: i64 = self.conn().query_row(
            "SELECT COALESCE(max(position), 0) + 1 FROM codes WHERE parent_id IS ?1",
            [parent.as_ref().map(|p| p.id)],
            |r| r.get(0),
        )?;
        let tx = self.conn().unchecked_transaction()?;
        let id: i64 = self.conn().query_row(
            "INSERT INTO codes (guid, parent_id, name, path, description, colour, codable, tags, codebook, position)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, '[]', NULL, ?7) RETURNING id",
            params![
                guid::fresh(&format!("code:{path}")),
                parent.as_ref().map(|p| p.id),
                name.as_str(),
                path,
                description,
                colour.map(|c| c.to_string()),
                position
            ],
            |r| r.get(0),
        )?;
        let code = self.code(id)?;
        self.record(by.as_str(), CodeAction::Create, &code, &code.path, None, 0)?;
        tx.commit()?;
        Ok(code)
    }

    /// Renames a code (its sub-codes' paths follow); a sibling of the new
    /// name is a conflict.
    pub fn rename_code(&self, id: i64, name: &CodeName, by: &HumanCoder) -> Result<Code> {
        let code = self.code(id)?;
        if code.name == name.as_str() {
            return Ok(code);
        }
        let parent = self.parent(code.parent_id)?;
        let path = child_path(parent.as_ref(), name);
        // A change of case alone keeps the path free of other codes.
        if !path.eq_ignore_ascii_case(&code.path) || self.code_by_path(&path)?.is_some() {
            self.check_free(&path)?;
        }
        let tx = self.conn().unchecked_transaction()?;
        self.relocate(&code, code.parent_id, name.as_str(), &path)?;
        self.record(by.as_str(), CodeAction::Rename, &code, name.as_str(), None, 0)?;
        tx.commit()?;
        self.code(id)
    }

    /// Moves a code (with its sub-codes) under `parent`, or to the top for
    /// `None`. Moving a code under itself or one of its sub-codes is
    /// refused, as is a move next to a code of the same name.
    pub fn move_code_to(&self, id: i64, parent: Option<i64>, by: &HumanCoder) -> Result<Code> {
        let code = self.code(id)?;
        if code.parent_id == parent {
            return Ok(code);
        }
        let new_parent = self.parent(parent)?;
        if let Some(p) = &new_parent {
            if p.id == code.id || p.path.starts_with(&format!("{}/", code.path)) {
                return Err(Error::Invalid(format!(
                    "cannot move `{}` under `{}`: that code is inside it (the tree would have a cycle)",
                    code.path, p.path
                )));
            }
        }
        let name = CodeName::new(&code.name)?;
        let path = child_path(new_parent.as_ref(), &name);
        self.check_free(&path)?;
        let tx = self.conn().unchecked_transaction()?;
        self.relocate(&code, parent, &code.name, &path)?;
        self.record(by.as_str(), CodeAction::Move, &code, &path, new_parent.as_ref(), 0)?;
        tx.commit()?;
        self.code(id)
    }

    /// Sets or clears a code's colour.
    pub fn set_code_colour(&self, id: i64, colour: Option<Colour>, by: &HumanCoder) -> Result<Code> {
        let code = self.code(id)?;
        let value = colour.map(|c| c.to_string());
        if code.colour == value {
            return Ok(code);
        }
        let tx = self.conn().unchecked_transaction()?;
        self.conn().execute(
            &format!("UPDATE codes SET colour = ?2, updated_at = {NOW} WHERE id = ?1"),
            params![id, value],
        )?;
        self.record(by.as_str(), CodeAction::Recolour, &code, value.as_deref().unwrap_or(""), None, 0)?;
        tx.commit()?;
        self.code(id)
    }

    /// Replaces a code's description (at most
    /// [`MAX_DESCRIPTION`](crate::MAX_DESCRIPTION) characters).
    pub fn set_code_description(&self, id: i64, description: &str, by: &HumanCoder) -> Result<Code> {
        check_description(description)?;
        let code = self.code(id)?;
        if code.description == description {
            return Ok(code);
        }
        let tx = self.conn().unchecked_transaction()?;
        self.conn().execute(
            &format!("UPDATE codes SET description = ?2, updated_at = {NOW} WHERE id = ?1"),
            params![id, description],
        )?;
        self.record(by.as_str(), CodeAction::Describe, &code, description, None, 0)?;
        tx.commit()?;
        self.code(id)
    }

    /// Codings of this code itself (every status), e.g. for the
    /// confirmation before a deletion.
    pub fn coding_count(&self, id: i64) -> Result<usize> {
        let n: i64 =
            self.conn().query_row("SELECT count(*) FROM codings WHERE code_id = ?1", [id], |r| r.get(0))?;
        Ok(n as usize)
    }

    /// [`coding_count`](Self::coding_count) of every code that has codings.
    pub fn coding_counts(&self) -> Result<std::collections::HashMap<i64, usize>> {
        let mut stmt = self.conn().prepare("SELECT code_id, count(*) FROM codings GROUP BY code_id")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)? as usize)))?;
        Ok(rows.collect::<policyscope_store::Result<_>>()?)
    }
}
