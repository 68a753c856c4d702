//! A small, deterministic XML writer: fixed attribute order, two-space
//! indentation, `\n` line ends, only the characters XML 1.0 allows.

/// Builds an XML document as a string.
pub(crate) struct XmlOut {
    buf: String,
    depth: usize,
}

/// Drops characters XML 1.0 cannot carry (control characters other than
/// tab, line feed and carriage return; unpaired surrogates cannot occur in
/// a Rust string).
pub(crate) fn xml_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .filter(|&c| (c >= ' ' || matches!(c, '\t' | '\n' | '\r')) && !matches!(c, '\u{fffe}' | '\u{ffff}'))
}

fn escape_attr(s: &str, out: &mut String) {
    for c in xml_chars(s) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Attribute-value normalisation would turn these into spaces.
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
}

fn escape_text(s: &str, out: &mut String) {
    for c in xml_chars(s) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            // Parsers turn a literal CR into LF.
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
}

impl XmlOut {
    pub(crate) fn new() -> XmlOut {
        XmlOut { buf: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"), depth: 0 }
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.buf.push_str("  ");
        }
    }

    fn tag(&mut self, name: &str, attrs: &[(&str, Option<&str>)]) {
        self.indent();
        self.buf.push('<');
        self.buf.push_str(name);
        for (k, v) in attrs {
            if let Some(v) = v {
                self.buf.push(' ');
                self.buf.push_str(k);
                self.buf.push_str("=\"");
                escape_attr(v, &mut self.buf);
                self.buf.push('"');
            }
        }
    }

    /// `<name attrs>` followed by children.
    pub(crate) fn open(&mut self, name: &str, attrs: &[(&str, Option<&str>)]) {
        self.tag(name, attrs);
        self.buf.push_str(">\n");
        self.depth += 1;
    }

    /// `</name>`.
    pub(crate) fn close(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.indent();
        self.buf.push_str("</");
        self.buf.push_str(name);
        self.buf.push_str(">\n");
    }

    /// `<name attrs/>`.
    pub(crate) fn empty(&mut self, name: &str, attrs: &[(&str, Option<&str>)]) {
        self.tag(name, attrs);
        self.buf.push_str("/>\n");
    }

    /// `<name>text</name>`.
    pub(crate) fn text(&mut self, name: &str, text: &str) {
        self.tag(name, &[]);
        self.buf.push('>');
        escape_text(text, &mut self.buf);
        self.buf.push_str("</");
        self.buf.push_str(name);
        self.buf.push_str(">\n");
    }

    pub(crate) fn finish(self) -> String {
        self.buf
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_drops_forbidden_characters() {
        let mut x = XmlOut::new();
        x.open("A", &[("name", Some("a<b & \"c\"\nd")), ("skip", None)]);
        x.text("T", "x\u{1}y & <z>\r\n");
        x.close("A");
        let s = x.finish();
        assert!(s.contains(r#"<A name="a&lt;b &amp; &quot;c&quot;&#10;d">"#), "{s}");
        assert!(s.contains("<T>xy &amp; &lt;z&gt;&#13;\n</T>"), "{s}");
    }
}
