//! The nesting depth of HTML, measured by a linear scan of its tag stream
//! before the parser sees it.

use super::HtmlError;

/// Elements that never have content (no end tag).
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
    "wbr",
];

/// Elements whose end tag may be left out: a new one closes the open one,
/// as the parser does, so a page of unclosed `<p>` or `<li>` is not deep.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rb", "rt",
    "rp",
];

/// Elements whose content is raw text up to their own end tag.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"];

/// Measures the element nesting of `html` by a linear scan of its tags and
/// refuses it past `limit`. End tags close up to the matching open element;
/// void elements, comments and raw-text content do not nest; formatting
/// elements left open count as nested (see [`Nesting`]).
pub(crate) fn check_depth(html: &str, limit: usize) -> Result<(), HtmlError> {
    let bytes = html.as_bytes();
    let mut nesting = Nesting::default();
    let mut i = 0;
    while let Some(lt) = memchr_from(bytes, b'<', i) {
        i = lt + 1;
        if bytes[i..].starts_with(b"!--") {
            i = find(bytes, b"-->", i + 3).map_or(bytes.len(), |e| e + 3);
            continue;
        }
        let closing = bytes.get(i) == Some(&b'/');
        let name_start = if closing { i + 1 } else { i };
        let name_end = bytes[name_start..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b':'))
            .map_or(bytes.len(), |p| name_start + p);
        let starts_with_letter = bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic);
        if !starts_with_letter {
            // `<!doctype`, `<?xml`, a lone `<` in text: not an element.
            continue;
        }
        let name = html[name_start..name_end].to_ascii_lowercase();
        let tag_end = tag_end(bytes, name_end);
        let self_closing = tag_end > 0 && bytes.get(tag_end - 1) == Some(&b'/');
        let attributes = &bytes[name_end..tag_end];
        i = (tag_end + 1).min(bytes.len());
        if closing {
            nesting.end(&name);
            continue;
        }
        if VOID.contains(&name.as_str()) || self_closing {
            continue;
        }
        if RAW_TEXT.contains(&name.as_str()) {
            let end_tag = format!("</{name}");
            i = find_ascii_ci(bytes, end_tag.as_bytes(), i).unwrap_or(bytes.len());
            continue;
        }
        if nesting.start(name, attributes) > limit {
            return Err(HtmlError::TooDeep { limit, offset: lt });
        }
    }
    Ok(())
}

/// Formatting elements: left open, the parser re-opens them inside the
/// next block (its "active formatting elements"), so they nest there.
const FORMATTING: &[&str] =
    &["a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u"];

/// Elements that start a fresh list of formatting elements.
const MARKERS: &[&str] = &["td", "th", "caption", "applet", "object", "marquee", "template"];

/// The open elements as the scan sees them, and the formatting elements the
/// parser would re-open (at most three alike, as the parser keeps them;
/// `None` stands for a marker).
#[derive(Default)]
struct Nesting {
    open: Vec<String>,
    formatting: Vec<Option<(String, Vec<u8>)>>,
}

impl Nesting {
    /// Opens an element; returns the depth it may reach: the open elements
    /// plus the formatting elements that could be re-opened inside it.
    fn start(&mut self, name: String, attributes: &[u8]) -> usize {
        if OPTIONAL_END.contains(&name.as_str()) {
            if let Some(pos) = self.open.iter().rposition(|n| *n == name) {
                self.close_to(pos);
            }
        }
        if MARKERS.contains(&name.as_str()) {
            self.formatting.push(None);
        } else if FORMATTING.contains(&name.as_str()) {
            let since = self.formatting.iter().rposition(Option::is_none).map_or(0, |m| m + 1);
            let alike = |e: &Option<(String, Vec<u8>)>| {
                e.as_ref().is_some_and(|(n, a)| *n == name && a.as_slice() == attributes)
            };
            let same: Vec<usize> =
                (since..self.formatting.len()).filter(|&k| alike(&self.formatting[k])).collect();
            if same.len() >= 3 {
                self.formatting.remove(same[0]);
            }
            self.formatting.push(Some((name.clone(), attributes.to_vec())));
        }
        self.open.push(name);
        self.open.len() + self.formatting.iter().filter(|e| e.is_some()).count()
    }

    /// Closes `name` and what is open inside it; a formatting element's own
    /// end tag also takes it off the list to re-open.
    fn end(&mut self, name: &str) {
        if FORMATTING.contains(&name) {
            let since = self.formatting.iter().rposition(Option::is_none).map_or(0, |m| m + 1);
            let last = (since..self.formatting.len())
                .rev()
                .find(|&k| self.formatting[k].as_ref().is_some_and(|(n, _)| n == name));
            if let Some(k) = last {
                self.formatting.remove(k);
            }
        }
        if let Some(pos) = self.open.iter().rposition(|n| n == name) {
            self.close_to(pos);
        }
    }

    /// Closes the open elements from `pos` on; a closed marker ends its list
    /// of formatting elements.
    fn close_to(&mut self, pos: usize) {
        for name in self.open.drain(pos..) {
            if MARKERS.contains(&name.as_str()) {
                if let Some(m) = self.formatting.iter().rposition(Option::is_none) {
                    self.formatting.truncate(m);
                }
            }
        }
    }
}

/// Index of the `>` ending a tag whose name ends at `from`, skipping quoted
/// attribute values; the end of input when there is none. As in the HTML
/// tokenizer, a quote opens a value only right after `=` (and spaces): a
/// stray quote elsewhere must not hide the tags that follow it.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote: Option<u8> = None;
    let mut after_equals = false;
    for (k, &b) in bytes.iter().enumerate().skip(from) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if (b == b'"' || b == b'\'') && after_equals => quote = Some(b),
            None if b == b'>' => return k,
            None => {}
        }
        if quote.is_none() && !b.is_ascii_whitespace() {
            after_equals = b == b'=';
        }
    }
    bytes.len()
}

fn memchr_from(bytes: &[u8], needle: u8, from: usize) -> Option<usize> {
    bytes.get(from..)?.iter().position(|&b| b == needle).map(|p| from + p)
}

fn find(bytes: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    bytes.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|p| from + p)
}

fn find_ascii_ci(bytes: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    bytes.get(from..)?.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle)).map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::super::MAX_HTML_DEPTH;
    use super::*;
    use scraper::Html;

    #[test]
    fn unclosed_paragraphs_and_list_items_are_not_deep() {
        let html = format!("<ul>{}</ul>{}", "<li>条".repeat(5000), "<p>段".repeat(5000));
        assert_eq!(check_depth(&html, 8), Ok(()));
    }

    #[test]
    fn a_stray_quote_in_a_tag_does_not_hide_deep_nesting() {
        let html = format!("<a href=x'y>{}'", "<div>".repeat(300));
        assert!(check_depth(&html, MAX_HTML_DEPTH).is_err());
        assert_eq!(check_depth("<p title = 'a>b' class=\"c>d\">x</p>", 1), Ok(()));
    }

    #[test]
    fn formatting_elements_left_open_count_as_the_parser_reopens_them() {
        // Each unclosed `<b>` with new attributes is re-opened in the next
        // block by the parser: the tree grows deeper with every one.
        let reopened: String = (0..300).map(|k| format!("<div><b id={k}>x</div>")).collect();
        assert!(check_depth(&reopened, MAX_HTML_DEPTH).is_err());
        // What the parser makes of 50 of them: the last text sits 50 deep.
        let fifty: String = (0..50).map(|k| format!("<div><b id={k}>x</div>")).collect();
        let doc = Html::parse_document(&fifty);
        let depth = doc.tree.nodes().filter(|n| n.value().is_text()).map(|n| n.ancestors().count()).max();
        assert!(depth.is_some_and(|d| d > 50), "{depth:?}");
        // Alike ones are kept three times at most, and table cells start afresh.
        let sloppy = "<p><font size=3>段</p>".repeat(5000);
        let cells: String = (0..5000).map(|k| format!("<tr><td><font id={k}>x</td>")).collect();
        assert_eq!(check_depth(&sloppy, 8), Ok(()));
        assert_eq!(check_depth(&format!("<table>{cells}</table>"), 8), Ok(()));
        assert_eq!(check_depth(&"<b>粗</b>".repeat(5000), 4), Ok(()));
    }

    #[test]
    fn tags_inside_comments_scripts_and_attributes_do_not_nest() {
        let html = format!(
            "<!-- {} --><script>{}</script><div title=\"<div><div>\">x</div><br><img src=a/>",
            "<div>".repeat(100),
            "<div>".repeat(100)
        );
        assert_eq!(check_depth(&html, 2), Ok(()));
    }
}
