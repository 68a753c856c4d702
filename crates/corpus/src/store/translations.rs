//! Links from a translation to its original. A translation is shown with
//! its original and counted with it: the two are one document of the study.

use std::collections::BTreeMap;

use policyscope_store::params;

use super::Project;
use crate::{Error, Result};

impl Project {
    /// Records that `translation` is a translation of `original`. An
    /// original is never itself a translation, so links are one level deep
    /// and a chain or a loop cannot arise.
    pub fn link_translation(&self, translation: i64, original: i64) -> Result<()> {
        let refuse =
            |reason: &str| Err(Error::TranslationLink { translation, original, reason: reason.into() });
        if translation == original {
            return refuse("a document cannot be a translation of itself");
        }
        let t = self.document_meta(translation)?;
        let o = self.document_meta(original)?;
        if let Some(of) = o.translation_of {
            return refuse(&format!("#{original} is itself a translation (of #{of}); link to that original"));
        }
        if self.translations_of(translation)?.iter().any(|&x| x != translation) {
            return refuse(&format!("#{translation} has translations of its own; it is an original"));
        }
        if t.superseded || o.superseded {
            return refuse("a superseded version cannot be linked; link the current versions");
        }
        self.conn().execute(
            "UPDATE documents SET translation_of = ?2 WHERE id = ?1",
            params![translation, original],
        )?;
        Ok(())
    }

    /// Removes the link of `translation` to its original, if any.
    pub fn unlink_translation(&self, translation: i64) -> Result<()> {
        self.document_meta(translation)?;
        self.conn().execute("UPDATE documents SET translation_of = NULL WHERE id = ?1", [translation])?;
        Ok(())
    }

    /// The translations of a document, by id.
    pub fn translations_of(&self, original: i64) -> Result<Vec<i64>> {
        let mut stmt =
            self.conn().prepare("SELECT id FROM documents WHERE translation_of = ?1 ORDER BY id")?;
        let ids = stmt.query_map([original], |r| r.get(0))?.collect::<policyscope_store::Result<_>>()?;
        Ok(ids)
    }

    /// Every link, translation id → original id.
    pub fn translation_links(&self) -> Result<BTreeMap<i64, i64>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT id, translation_of FROM documents WHERE translation_of IS NOT NULL")?;
        let links =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<policyscope_store::Result<_>>()?;
        Ok(links)
    }
}

#[cfg(test)]
mod tests {
    use crate::{Error, Project};

    fn project_with(n: usize) -> (tempfile::TempDir, Project, Vec<i64>) {
        let dir = tempfile::tempdir().unwrap();
        let p = Project::init(dir.path()).unwrap();
        let ids = (0..n)
            .map(|i| {
                p.conn()
                    .query_row(
                        "INSERT INTO documents (content_hash, title, language, encoding, source_path, text, norm_text, char_count)
                         VALUES (?1, ?1, 'zh', 'UTF-8', ?1, '正文', '正文', 2) RETURNING id",
                        [format!("d{i}")],
                        |r| r.get(0),
                    )
                    .unwrap()
            })
            .collect();
        (dir, p, ids)
    }

    #[test]
    fn translation_link_is_stored_and_removed() {
        let (_d, p, ids) = project_with(2);
        p.link_translation(ids[1], ids[0]).unwrap();
        assert_eq!(p.document_meta(ids[1]).unwrap().translation_of, Some(ids[0]));
        assert_eq!(p.translations_of(ids[0]).unwrap(), vec![ids[1]]);
        assert_eq!(p.translation_links().unwrap().get(&ids[1]), Some(&ids[0]));
        p.unlink_translation(ids[1]).unwrap();
        assert_eq!(p.document_meta(ids[1]).unwrap().translation_of, None);
    }

    #[test]
    fn translation_chains_and_self_links_are_refused() {
        let (_d, p, ids) = project_with(3);
        assert!(matches!(p.link_translation(ids[0], ids[0]), Err(Error::TranslationLink { .. })));
        p.link_translation(ids[1], ids[0]).unwrap();
        // Linking to a translation, or making an original a translation, would chain.
        assert!(matches!(p.link_translation(ids[2], ids[1]), Err(Error::TranslationLink { .. })));
        assert!(matches!(p.link_translation(ids[0], ids[2]), Err(Error::TranslationLink { .. })));
        assert!(matches!(p.link_translation(ids[2], 999), Err(Error::NoSuchDocument(999))));
    }
}
