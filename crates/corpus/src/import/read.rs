//! Turning a file's decoded content into text and a title, per format.

use scraper::{ElementRef, Html, Node};

/// The supported formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text.
    Text,
    /// Markdown (kept as written; headings give the title).
    Markdown,
    /// HTML (converted to text, one block element a line).
    Html,
}

impl Format {
    /// The format for a file extension, if supported.
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            _ => None,
        }
    }
}

/// Text and title (if the format carries one) extracted from a file.
pub struct Extracted {
    /// The text users will see.
    pub text: String,
    /// A title the format states (`<title>`, first `<h1>`).
    pub title: Option<String>,
}

/// Extracts text from decoded file content.
pub fn extract(format: Format, content: String) -> Extracted {
    match format {
        Format::Text | Format::Markdown => Extracted { text: content, title: None },
        Format::Html => html_to_text(&content),
    }
}

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "dd",
    "dt",
    "hr",
    "title",
    "main",
    "nav",
    "aside",
    "figure",
    "td",
    "th",
];

fn html_to_text(html: &str) -> Extracted {
    let doc = Html::parse_document(html);
    let mut out = String::new();
    let title_sel = scraper::Selector::parse("title").ok();
    let h1_sel = scraper::Selector::parse("h1").ok();
    let clean = |s: String| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let title = title_sel
        .and_then(|sel| doc.select(&sel).next().map(|t| clean(t.text().collect())))
        .filter(|t| !t.is_empty())
        .or_else(|| h1_sel.and_then(|sel| doc.select(&sel).next().map(|t| clean(t.text().collect()))))
        .filter(|t| !t.is_empty());
    if let Some(body) = scraper::Selector::parse("body").ok().and_then(|s| doc.select(&s).next()) {
        walk(body, &mut out);
    } else {
        walk(doc.root_element(), &mut out);
    }
    let text = out
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    Extracted { text, title }
}

fn walk(el: ElementRef<'_>, out: &mut String) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => {
                let name = e.name();
                if matches!(name, "script" | "style" | "head" | "noscript" | "template") {
                    continue;
                }
                let block = BLOCKS.contains(&name);
                if block {
                    out.push('\n');
                }
                if let Some(child_el) = ElementRef::wrap(child) {
                    walk(child_el, out);
                }
                if block {
                    out.push('\n');
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_blocks_become_lines() {
        let html = "<html><head><title>关于 印发的通知</title><style>p{}</style></head><body><h1>通知</h1><p>第一段&lt;script&gt;。</p><div>第二<b>段</b></div><script>x()</script></body></html>";
        let e = extract(Format::Html, html.to_string());
        assert_eq!(e.title.as_deref(), Some("关于 印发的通知"));
        assert_eq!(e.text, "通知\n\n第一段<script>。\n\n第二段");
    }

    #[test]
    fn formats() {
        assert_eq!(Format::from_extension("HTM"), Some(Format::Html));
        assert_eq!(Format::from_extension("pdf"), None);
    }
}
