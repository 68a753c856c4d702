//! Turning a file's decoded content into text and a title, per format.

/// The supported formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text.
    Text,
    /// Markdown (kept as written; headings give the title).
    Markdown,
    /// HTML (converted to text, one block element a line).
    Html,
    /// A published format read by `policyscope-extract` (PDF, Word, OFD),
    /// with page numbers where the format has pages.
    Published(policyscope_extract::Kind),
}

impl Format {
    /// The format for a file extension, if supported.
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            other => policyscope_extract::Kind::from_extension(other).map(Format::Published),
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

/// Extracts text from decoded file content; errors are messages for the user.
pub fn extract(format: Format, content: String) -> Result<Extracted, String> {
    match format {
        Format::Text | Format::Markdown => Ok(Extracted { text: content, title: None }),
        Format::Published(kind) => {
            Err(format!("{} files are read from their bytes, not as text", kind.extension()))
        }
        Format::Html => super::html::html_to_text(&content)
            .map(|h| Extracted { text: h.text, title: h.title })
            .map_err(|e| e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_blocks_become_lines() {
        let html = "<html><head><title>关于 印发的通知</title><style>p{}</style></head><body><h1>通知</h1><p>第一段&lt;script&gt;。</p><div>第二<b>段</b></div><script>x()</script></body></html>";
        let e = extract(Format::Html, html.to_string()).unwrap();
        assert_eq!(e.title.as_deref(), Some("关于 印发的通知"));
        assert_eq!(e.text, "通知\n\n第一段<script>。\n\n第二段");
    }

    #[test]
    fn formats() {
        assert_eq!(Format::from_extension("HTM"), Some(Format::Html));
        assert_eq!(Format::from_extension("PDF"), Some(Format::Published(policyscope_extract::Kind::Pdf)));
        assert_eq!(Format::from_extension("rtf"), None);
    }
}
