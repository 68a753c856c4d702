//! The code tree.

use policyscope_store::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::{CodingStore, NOW};
use crate::model::Code;
use crate::{guid, Error, Result};

/// A code to create or update, addressed by its path.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCode {
    /// Full path, names joined by `/` (missing ancestors are created as folders).
    pub path: String,
    /// Definition.
    pub description: String,
    /// Colour `#rrggbb`.
    pub colour: Option<String>,
    /// Whether text can be coded with it.
    pub codable: bool,
    /// Tags.
    pub tags: Vec<String>,
    /// Defining codebook, if any.
    pub codebook: Option<String>,
    /// GUID to use (e.g. from a REFI-QDA file); a code already holding this
    /// GUID is updated (and moved to `path` if it lies elsewhere). Without
    /// one, a new code gets a GUID derived from its path.
    pub guid: Option<String>,
    /// Order among its siblings.
    pub position: i64,
}

const CODE_COLUMNS: &str = "id, guid, parent_id, name, path, description, colour, codable, tags, codebook";

fn code_from_row(r: &Row<'_>) -> policyscope_store::Result<Code> {
    let tags: String = r.get(8)?;
    Ok(Code {
        id: r.get(0)?,
        guid: r.get(1)?,
        parent_id: r.get(2)?,
        name: r.get(3)?,
        path: r.get(4)?,
        description: r.get(5)?,
        colour: r.get(6)?,
        codable: r.get::<_, i64>(7)? != 0,
        tags: serde_json::from_str(&tags).unwrap_or_default(),
        codebook: r.get(9)?,
    })
}

/// Splits and checks a code path: non-empty names, no surrounding spaces.
pub fn split_path(path: &str) -> Result<Vec<&str>> {
    let parts: Vec<&str> = path.split('/').collect();
    if parts.iter().any(|p| p.trim().is_empty() || p.trim() != *p) {
        return Err(Error::Invalid(format!(
            "bad code path {path:?}: names joined by `/`, none empty or with surrounding spaces"
        )));
    }
    Ok(parts)
}

impl CodingStore<'_> {
    /// All codes in tree order (depth first; siblings by position, then name).
    pub fn codes(&self) -> Result<Vec<Code>> {
        let sql = format!("SELECT {CODE_COLUMNS}, position FROM codes");
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map([], |r| Ok((code_from_row(r)?, r.get::<_, i64>(10)?)))?;
        let mut all: Vec<(Code, i64)> = rows.collect::<policyscope_store::Result<_>>()?;
        all.sort_by(|a, b| (a.1, &a.0.name).cmp(&(b.1, &b.0.name)));
        let mut out = Vec::with_capacity(all.len());
        fn visit(parent: Option<i64>, all: &[(Code, i64)], out: &mut Vec<Code>, depth: usize) {
            // The tree cannot be deeper than the number of codes; the bound
            // guards against a corrupted parent chain.
            if depth > all.len() {
                return;
            }
            for (c, _) in all.iter().filter(|(c, _)| c.parent_id == parent) {
                out.push(c.clone());
                visit(Some(c.id), all, out, depth + 1);
            }
        }
        visit(None, &all, &mut out, 0);
        Ok(out)
    }

    /// One code by id.
    pub fn code(&self, id: i64) -> Result<Code> {
        let sql = format!("SELECT {CODE_COLUMNS} FROM codes WHERE id = ?1");
        self.conn().query_row(&sql, [id], code_from_row).optional()?.ok_or(Error::NoSuchCode(id.to_string()))
    }

    /// One code by path.
    pub fn code_by_path(&self, path: &str) -> Result<Option<Code>> {
        let sql = format!("SELECT {CODE_COLUMNS} FROM codes WHERE path = ?1");
        Ok(self.conn().query_row(&sql, [path], code_from_row).optional()?)
    }

    /// One code by GUID.
    pub fn code_by_guid(&self, guid: &str) -> Result<Option<Code>> {
        let sql = format!("SELECT {CODE_COLUMNS} FROM codes WHERE guid = ?1");
        Ok(self.conn().query_row(&sql, [guid], code_from_row).optional()?)
    }

    /// A code by path, or by its last name when that is unambiguous
    /// (`Internationalisation` for `Target/Internationalisation`).
    pub fn find_code(&self, name_or_path: &str) -> Result<Code> {
        if let Some(c) = self.code_by_path(name_or_path)? {
            return Ok(c);
        }
        let lower = name_or_path.to_lowercase();
        let matches: Vec<Code> =
            self.codes()?.into_iter().filter(|c| c.name.to_lowercase() == lower).collect();
        match matches.len() {
            1 => Ok(matches.into_iter().next().ok_or_else(|| Error::NoSuchCode(name_or_path.into()))?),
            0 => Err(Error::NoSuchCode(name_or_path.to_string())),
            _ => Err(Error::Invalid(format!(
                "code name `{name_or_path}` is ambiguous: {}",
                matches.iter().map(|c| c.path.as_str()).collect::<Vec<_>>().join(", ")
            ))),
        }
    }

    /// Creates the code at `new.path` or updates it; returns it.
    pub fn upsert_code(&self, new: &NewCode) -> Result<Code> {
        let parts = split_path(&new.path)?;
        if let Some(g) = &new.guid {
            if let Some(existing) = self.code_by_guid(g)? {
                if existing.path != new.path {
                    self.move_code(existing.id, &new.path)?;
                }
            }
        }
        let mut parent: Option<i64> = None;
        for depth in 0..parts.len() - 1 {
            let prefix = parts[..=depth].join("/");
            parent = Some(match self.code_by_path(&prefix)? {
                Some(c) => c.id,
                None => self.insert_code(
                    &prefix,
                    parts[depth],
                    parent,
                    &NewCode { codable: false, ..NewCode::default() },
                )?,
            });
        }
        let name = parts[parts.len() - 1];
        let id = match self.code_by_path(&new.path)? {
            Some(existing) => {
                let tags = serde_json::to_string(&new.tags).unwrap_or_else(|_| "[]".into());
                self.conn().execute(
                    &format!(
                        "UPDATE codes SET description = ?2, colour = ?3, codable = ?4, tags = ?5, codebook = ?6,
                         position = ?7, guid = COALESCE(?8, guid), updated_at = {NOW} WHERE id = ?1"
                    ),
                    params![
                        existing.id,
                        new.description,
                        new.colour,
                        new.codable as i64,
                        tags,
                        new.codebook,
                        new.position,
                        new.guid
                    ],
                )?;
                existing.id
            }
            None => self.insert_code(&new.path, name, parent, new)?,
        };
        self.code(id)
    }

    fn insert_code(&self, path: &str, name: &str, parent: Option<i64>, new: &NewCode) -> Result<i64> {
        let guid = new.guid.clone().unwrap_or_else(|| guid::stable(&format!("code:{path}")));
        let tags = serde_json::to_string(&new.tags).unwrap_or_else(|_| "[]".into());
        Ok(self.conn().query_row(
            "INSERT INTO codes (guid, parent_id, name, path, description, colour, codable, tags, codebook, position)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id",
            params![
                guid,
                parent,
                name,
                path,
                new.description,
                new.colour,
                new.codable as i64,
                tags,
                new.codebook,
                new.position
            ],
            |r| r.get(0),
        )?)
    }

    /// Moves or renames a code (and everything below it) to `new_path`.
    pub fn move_code(&self, id: i64, new_path: &str) -> Result<Code> {
        let parts = split_path(new_path)?;
        let code = self.code(id)?;
        if new_path == code.path {
            return Ok(code);
        }
        if new_path.starts_with(&format!("{}/", code.path)) {
            return Err(Error::Invalid(format!("cannot move `{}` below itself", code.path)));
        }
        if self.code_by_path(new_path)?.is_some() {
            return Err(Error::Invalid(format!("a code `{new_path}` exists already")));
        }
        let parent = if parts.len() > 1 {
            let parent_path = parts[..parts.len() - 1].join("/");
            Some(self.upsert_folder(&parent_path)?)
        } else {
            None
        };
        let tx = self.conn().unchecked_transaction()?;
        self.relocate(&code, parent, parts[parts.len() - 1], new_path)?;
        tx.commit()?;
        self.code(id)
    }

    /// Gives `code` a new parent, name and path and rewrites the paths of
    /// every code below it; the caller holds the transaction.
    pub(crate) fn relocate(
        &self,
        code: &Code,
        parent: Option<i64>,
        name: &str,
        new_path: &str,
    ) -> Result<()> {
        self.conn().execute(
            &format!(
                "UPDATE codes SET parent_id = ?2, name = ?3, path = ?4, updated_at = {NOW} WHERE id = ?1"
            ),
            params![code.id, parent, name, new_path],
        )?;
        self.conn().execute(
            "UPDATE codes SET path = ?2 || substr(path, length(?1) + 1) WHERE substr(path, 1, length(?1)) = ?1",
            params![format!("{}/", code.path), format!("{new_path}/")],
        )?;
        Ok(())
    }

    fn upsert_folder(&self, path: &str) -> Result<i64> {
        Ok(match self.code_by_path(path)? {
            Some(c) => c.id,
            None => self.upsert_code(&NewCode { path: path.to_string(), ..NewCode::default() })?.id,
        })
    }
}
