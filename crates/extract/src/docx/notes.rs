//! Footnotes and endnotes (`word/footnotes.xml`, `word/endnotes.xml`): the
//! text of each note by id, separators and continuation notices left out.

use std::collections::HashMap;

use super::{Body, Numbering};
use crate::archive::Container;
use crate::xml::{walk, Step};
use crate::{Deadline, Limits, Result};

/// Reads the notes of one part; an absent part has none.
pub(crate) fn read(
    zip: &mut Container<'_>,
    part: &str,
    element: &str,
    limits: &Limits,
    deadline: Deadline,
) -> Result<HashMap<String, String>> {
    let Some(xml) = zip.read(part)? else { return Ok(HashMap::new()) };
    let mut notes = HashMap::new();
    let mut current: Option<(String, Body)> = None;
    walk(&xml, super::FORMAT, limits.max_xml_depth, deadline, |s| {
        match s {
            Step::Open(t) if t.name == element => {
                // Separator notes have a type; real notes have none ("normal").
                let real = matches!(t.attr("type"), None | Some("normal"));
                current =
                    real.then(|| (t.attr("id").unwrap_or("").to_string(), Body::new(Numbering::default())));
            }
            Step::Close(name) if name == element => {
                if let Some((id, body)) = current.take() {
                    notes.insert(id, body.paragraphs.join(" "));
                }
            }
            other => {
                if let Some((_, body)) = current.as_mut() {
                    body.step(other)?;
                }
            }
        }
        Ok(())
    })?;
    Ok(notes)
}
