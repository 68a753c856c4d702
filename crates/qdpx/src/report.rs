//! What an import or export could not carry over.

use serde::{Deserialize, Serialize};

/// One thing that was not imported (or exported), or was changed on the way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Loss {
    /// The element or object, e.g. `PictureSource "photo" {guid}`.
    pub what: String,
    /// Why it was dropped.
    pub reason: String,
}

/// The data-loss report of an import or export.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// Things dropped.
    pub lost: Vec<Loss>,
    /// Things kept but adjusted (offsets remapped, names repaired …).
    pub warnings: Vec<String>,
}

impl Report {
    /// Records something dropped.
    pub fn lose(&mut self, what: impl Into<String>, reason: impl Into<String>) {
        self.lost.push(Loss { what: what.into(), reason: reason.into() });
    }

    /// Records an adjustment.
    pub fn warn(&mut self, msg: impl Into<String>) {
        self.warnings.push(msg.into());
    }

    /// Whether nothing was lost or adjusted.
    pub fn is_clean(&self) -> bool {
        self.lost.is_empty() && self.warnings.is_empty()
    }

    /// Appends another report.
    pub fn extend(&mut self, other: Report) {
        self.lost.extend(other.lost);
        self.warnings.extend(other.warnings);
    }
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for l in &self.lost {
            writeln!(f, "dropped: {}: {}", l.what, l.reason)?;
        }
        for w in &self.warnings {
            writeln!(f, "note: {w}")?;
        }
        Ok(())
    }
}
