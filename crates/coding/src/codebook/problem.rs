//! Problems found in a codebook file, with their place.

use serde::{Deserialize, Serialize};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The codebook cannot be used.
    Error,
    /// Works, but probably not as meant.
    Warning,
}

/// A problem at a place in the file (1-based line and column, in characters).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// Line, from 1 (0 when the place is unknown).
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
    /// What is wrong, in words.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        if self.line == 0 {
            write!(f, "{sev}: {}", self.message)
        } else {
            write!(f, "{}:{}: {sev}: {}", self.line, self.column, self.message)
        }
    }
}

/// Turns byte offsets of a text into line and column: the line by binary
/// search over line starts found once, the column counted from the line
/// start or, for a later place on the same line, from the last place asked
/// (problems come mostly in file order, so a long line is not recounted).
pub(crate) struct Locator<'a> {
    text: &'a str,
    /// Byte offset where each line starts.
    line_starts: Vec<usize>,
    /// The last place found: (byte, line index, column).
    last: std::cell::Cell<(usize, usize, usize)>,
}

impl<'a> Locator<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1));
        Locator { text, line_starts: line_starts.collect(), last: std::cell::Cell::new((0, 0, 1)) }
    }

    pub(crate) fn at(&self, byte: usize) -> (usize, usize) {
        let byte = byte.min(self.text.len());
        let mut b = byte;
        while !self.text.is_char_boundary(b) {
            b -= 1;
        }
        let line = self.line_starts.partition_point(|&s| s <= b).saturating_sub(1);
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        let (last_byte, last_line, last_column) = self.last.get();
        let (from, column) = if last_line == line && (start..=b).contains(&last_byte) {
            (last_byte, last_column)
        } else {
            (start, 1)
        };
        let column = column + self.text[from..b].chars().count();
        self.last.set((b, line, column));
        (line + 1, column)
    }

    pub(crate) fn problem(&self, severity: Severity, byte: Option<usize>, message: String) -> Problem {
        let (line, column) = byte.map(|b| self.at(b)).unwrap_or((0, 0));
        Problem { severity, line, column, message }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_lines_and_columns_in_characters() {
        let l = Locator::new("ab\n中文x\n");
        assert_eq!(l.at(0), (1, 1));
        assert_eq!(l.at(3), (2, 1));
        assert_eq!(l.at(9), (2, 3));
        assert_eq!(l.at(100), (3, 1));
        // Out of order, and back on a line already counted.
        assert_eq!(l.at(7), (2, 2));
        assert_eq!(l.at(4), (2, 1));
        assert_eq!(l.at(9), (2, 3));
    }
}
