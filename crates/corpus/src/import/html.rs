//! HTML → text and title, with the nesting depth bounded before parsing.
//!
//! The HTML parser keeps a stack of open elements and, for many start tags,
//! scans it (the "element in scope" checks): its time grows with the square
//! of the nesting depth, and a walk over a deep tree could exhaust the
//! stack. A linear scan of the tag stream measures the depth first, and the
//! tree is then walked without recursion.

mod depth;

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node};

pub(crate) use depth::check_depth;

/// Deepest element nesting accepted in an HTML file (as in REFI-QDA XML).
pub(crate) const MAX_HTML_DEPTH: usize = 256;

/// Why an HTML file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum HtmlError {
    /// Elements nested deeper than [`MAX_HTML_DEPTH`].
    #[error("HTML nested deeper than {limit} elements (near byte {offset}); the file is refused")]
    TooDeep {
        /// The limit that was passed.
        limit: usize,
        /// Byte offset of the start tag that passed it.
        offset: usize,
    },
}

/// Text and title (`<title>`, else the first `<h1>`) of an HTML document.
pub(super) struct HtmlText {
    pub(super) text: String,
    pub(super) title: Option<String>,
}

/// Elements that end a line of text.
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

/// Elements whose content is not text for readers.
const HIDDEN: &[&str] = &["script", "style", "head", "noscript", "template"];

/// Converts an HTML document to text (one block element a line, blank
/// lines between) and its title; refuses documents nested too deeply.
pub(super) fn html_to_text(html: &str) -> Result<HtmlText, HtmlError> {
    check_depth(html, MAX_HTML_DEPTH)?;
    let doc = Html::parse_document(html);
    let clean = |s: String| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let first = |tag: &str| {
        let sel = scraper::Selector::parse(tag).ok()?;
        doc.select(&sel).next().map(|t| clean(t.text().collect())).filter(|t| !t.is_empty())
    };
    let title = first("title").or_else(|| first("h1"));
    let body = scraper::Selector::parse("body").ok().and_then(|s| doc.select(&s).next());
    let mut out = String::new();
    walk(body.unwrap_or_else(|| doc.root_element()), &mut out);
    let text = out
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    Ok(HtmlText { text, title })
}

/// Appends the text under `root`, a line break around each block element,
/// skipping hidden elements; iterative, so depth costs no stack.
fn walk(root: ElementRef<'_>, out: &mut String) {
    let mut hidden_until: Option<ego_tree::NodeId> = None;
    for edge in root.traverse() {
        let (node, open) = match edge {
            Edge::Open(n) => (n, true),
            Edge::Close(n) => (n, false),
        };
        if node.id() == root.id() {
            continue;
        }
        if let Some(id) = hidden_until {
            if !open && id == node.id() {
                hidden_until = None;
            }
            continue;
        }
        match node.value() {
            Node::Text(t) if open => out.push_str(t),
            Node::Element(e) => {
                let name = e.name();
                if open && HIDDEN.contains(&name) {
                    hidden_until = Some(node.id());
                } else if BLOCKS.contains(&name) {
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
    use proptest::prelude::*;

    fn nested(depth: usize) -> String {
        format!("<html><body>{}深{}</body></html>", "<div>".repeat(depth), "</div>".repeat(depth))
    }

    #[test]
    fn deeply_nested_html_is_refused_not_crashed() {
        let err = html_to_text(&nested(30_000)).err();
        assert_eq!(err, Some(HtmlError::TooDeep { limit: MAX_HTML_DEPTH, offset: 12 + 5 * 254 }));
        let message = err.map(|e| e.to_string()).unwrap_or_default();
        assert!(message.contains("HTML nested deeper than 256 elements"), "{message}");
    }

    #[test]
    fn nesting_up_to_the_limit_is_read() {
        // html and body count as two levels.
        let doc = html_to_text(&nested(MAX_HTML_DEPTH - 2)).map(|d| d.text);
        assert_eq!(doc.as_deref(), Ok("深"));
        assert!(html_to_text(&nested(MAX_HTML_DEPTH - 1)).is_err());
    }

    proptest! {
        #[test]
        fn garbage_html_never_panics(s in "(<[a-z/!]{0,3}[ a-z\"'=]{0,6}>?|[^<]{0,4}|<!--|-->){0,200}") {
            let _ = html_to_text(&s);
        }

        #[test]
        fn arbitrary_text_never_panics(s in any::<String>()) {
            let _ = html_to_text(&s);
        }
    }
}
