//! Turning a source's selection positions, as some tool counted them, into
//! code points of the text policyscope keeps (BOM removed, line endings
//! `\n`).
//!
//! NVivo and MAXQDA count `\r\n` as two code points, ATLAS.ti as one; tools
//! built on UTF-16 may count characters outside the BMP as two. The
//! exporting tool (`Project@origin`) gives the default, and the selections'
//! names — which usually hold the selected text, perhaps cut short with
//! `…` — decide when they disagree with it.

/// How an exporter counted positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Counting {
    /// Code points of the file as shipped (`\r\n` = 2).
    Raw,
    /// Code points with `\r\n` counted once.
    Collapsed,
    /// UTF-16 code units of the file as shipped.
    Utf16,
}

impl Counting {
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Counting::Raw => "code points with CRLF as two",
            Counting::Collapsed => "code points with CRLF as one",
            Counting::Utf16 => "UTF-16 units",
        }
    }
}

/// A source text with position maps from each way of counting.
pub(crate) struct SourceText {
    /// The text kept: `\n` line ends, no BOM.
    pub norm: String,
    norm_chars: Vec<char>,
    raw_to_norm: Vec<usize>,
    utf16_to_norm: Vec<Option<usize>>,
    pub has_crlf: bool,
    pub has_astral: bool,
}

impl SourceText {
    pub(crate) fn new(raw: &str) -> SourceText {
        let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
        let chars: Vec<char> = raw.chars().collect();
        let mut norm = String::with_capacity(raw.len());
        let mut raw_to_norm = Vec::with_capacity(chars.len() + 1);
        let mut utf16_to_norm = Vec::with_capacity(chars.len() + 1);
        let mut j = 0;
        let mut has_crlf = false;
        for (i, &c) in chars.iter().enumerate() {
            raw_to_norm.push(j);
            utf16_to_norm.push(Some(j));
            if c.len_utf16() == 2 {
                utf16_to_norm.push(None);
            }
            if c == '\r' && chars.get(i + 1) == Some(&'\n') {
                has_crlf = true;
                continue;
            }
            norm.push(if c == '\r' { '\n' } else { c });
            j += 1;
        }
        raw_to_norm.push(j);
        utf16_to_norm.push(Some(j));
        let has_astral = chars.iter().any(|c| c.len_utf16() == 2);
        let norm_chars = norm.chars().collect();
        SourceText { norm, norm_chars, raw_to_norm, utf16_to_norm, has_crlf, has_astral }
    }

    /// Length of the kept text in code points.
    pub(crate) fn len(&self) -> usize {
        self.norm_chars.len()
    }

    /// The countings worth trying for this text, `preferred` first.
    pub(crate) fn candidates(&self, preferred: Counting) -> Vec<Counting> {
        let mut out = vec![preferred];
        for c in [Counting::Raw, Counting::Collapsed, Counting::Utf16] {
            let useful = match c {
                Counting::Raw => true,
                Counting::Collapsed => self.has_crlf,
                Counting::Utf16 => self.has_astral,
            };
            if useful && !out.contains(&c) {
                out.push(c);
            }
        }
        out
    }

    /// A position as counted by `counting`, in code points of the kept
    /// text; `None` when it lies outside the text (or inside a surrogate
    /// pair).
    pub(crate) fn map(&self, counting: Counting, pos: u64) -> Option<usize> {
        let pos = usize::try_from(pos).ok()?;
        match counting {
            Counting::Raw => self.raw_to_norm.get(pos).copied(),
            Counting::Collapsed => (pos <= self.norm_chars.len()).then_some(pos),
            Counting::Utf16 => self.utf16_to_norm.get(pos).copied().flatten(),
        }
    }

    /// A span under `counting`, if it is a non-empty span of the text.
    pub(crate) fn span(&self, counting: Counting, start: u64, end: u64) -> Option<(usize, usize)> {
        let s = self.map(counting, start)?;
        let e = self.map(counting, end)?;
        (s < e).then_some((s, e))
    }

    /// The kept text of a span.
    pub(crate) fn slice(&self, start: usize, end: usize) -> String {
        self.norm_chars[start.min(self.len())..end.min(self.len())].iter().collect()
    }

    /// Whether `name` describes the span: equal to its text, or a prefix of
    /// it cut with `…`/`...` (white space compared loosely). `None` when the
    /// name carries no text to compare.
    pub(crate) fn name_matches(&self, name: &str, span: (usize, usize)) -> Option<bool> {
        let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let name = squash(name);
        let (stem, cut) = match name.strip_suffix('…').or_else(|| name.strip_suffix("...")) {
            Some(stem) => (squash(stem), true),
            None => (name.clone(), false),
        };
        if stem.chars().count() < 2 {
            return None;
        }
        let text = squash(&self.slice(span.0, span.1));
        Some(if cut { text.starts_with(&stem) } else { text == stem || text.starts_with(&stem) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_counted_two_ways() {
        let t = SourceText::new("\u{feff}ab\r\ncd\rX");
        assert_eq!(t.norm, "ab\ncd\nX");
        assert!(t.has_crlf);
        // "cd": raw [4,6), collapsed [3,5).
        assert_eq!(t.span(Counting::Raw, 4, 6), Some((3, 5)));
        assert_eq!(t.span(Counting::Collapsed, 3, 5), Some((3, 5)));
        assert_eq!(t.slice(3, 5), "cd");
        assert_eq!(t.map(Counting::Raw, 8), Some(7));
        assert_eq!(t.map(Counting::Raw, 9), None);
    }

    #[test]
    fn utf16_positions() {
        let t = SourceText::new("𠀀名字");
        assert!(t.has_astral);
        assert_eq!(t.span(Counting::Utf16, 2, 4), Some((1, 3)));
        assert_eq!(t.map(Counting::Utf16, 1), None);
    }

    #[test]
    fn names_compare_loosely() {
        let t = SourceText::new("国家加大财政支持力度");
        assert_eq!(t.name_matches("加大财政支持", (2, 8)), Some(true));
        assert_eq!(t.name_matches("加大…", (2, 8)), Some(true));
        assert_eq!(t.name_matches("财政支持力度", (2, 8)), Some(false));
        assert_eq!(t.name_matches("x", (2, 8)), None);
    }
}
