//! A streaming, depth-bounded XML walk over quick-xml: local names only,
//! attributes unescaped, only predefined and character entities resolved
//! (no DTD expansion, so no entity bombs). Readers keep their own small
//! state instead of building a tree, so memory follows the text, not the
//! markup.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::{Deadline, Error, Result};

/// One step of the walk.
pub(crate) enum Step<'a> {
    /// An element opens (empty elements give `Open` then `Close`).
    Open(&'a Tag),
    /// An element closes.
    Close(&'a str),
    /// Character data inside the current element.
    Text(&'a str),
}

/// An opening tag: local name and attributes (local names).
#[derive(Debug, Default)]
pub(crate) struct Tag {
    pub name: String,
    pub attrs: Vec<(String, String)>,
}

impl Tag {
    /// An attribute by local name.
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

fn local(qname: &str) -> String {
    qname.rsplit(':').next().unwrap_or(qname).to_string()
}

fn tag(s: &BytesStart<'_>, format: &'static str) -> Result<Tag> {
    let mut t = Tag { name: local(s.name().as_ref()), attrs: Vec::new() };
    for a in s.attributes() {
        let a = a.map_err(|e| Error::corrupt(format, format!("bad XML attribute: {e}")))?;
        let v = a
            .normalized_value(quick_xml::XmlVersion::Explicit1_0)
            .map_err(|e| Error::corrupt(format, format!("bad XML attribute value: {e}")))?;
        t.attrs.push((local(a.key.as_ref()), v.into_owned()));
    }
    Ok(t)
}

/// Walks `xml`, calling `f` for each step; errors name `format`.
pub(crate) fn walk(
    xml: &[u8],
    format: &'static str,
    max_depth: usize,
    deadline: Deadline,
    mut f: impl FnMut(Step<'_>) -> Result<()>,
) -> Result<()> {
    let xml = xml.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(xml);
    let xml =
        std::str::from_utf8(xml).map_err(|e| Error::corrupt(format, format!("XML is not UTF-8: {e}")))?;
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut depth = 0usize;
    let mut events = 0u32;
    let bad = |m: String| Error::corrupt(format, m);
    loop {
        events = events.wrapping_add(1);
        if events.is_multiple_of(4096) {
            deadline.check()?;
        }
        let pos = reader.buffer_position();
        let event = reader.read_event().map_err(|e| bad(format!("XML: {e} (near byte {pos})")))?;
        match event {
            Event::Start(ref s) => {
                depth += 1;
                if depth > max_depth {
                    return Err(bad(format!("XML elements nested deeper than {max_depth}")));
                }
                f(Step::Open(&tag(s, format)?))?;
            }
            Event::Empty(ref s) => {
                let t = tag(s, format)?;
                f(Step::Open(&t))?;
                f(Step::Close(&t.name))?;
            }
            Event::End(ref e) => {
                depth = depth.saturating_sub(1);
                f(Step::Close(&local(e.name().as_ref())))?;
            }
            Event::Text(ref t) => {
                f(Step::Text(&t.xml10_content()))?;
            }
            Event::CData(ref t) => {
                f(Step::Text(&t.xml10_content()))?;
            }
            Event::GeneralRef(ref r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => quick_xml::escape::resolve_predefined_entity(r)
                        .ok_or_else(|| bad(format!("unknown XML entity &{};", &**r)))?
                        .to_string(),
                    Err(e) => return Err(bad(format!("bad XML character reference: {e}"))),
                };
                f(Step::Text(&resolved))?;
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
    }
    if depth != 0 {
        return Err(bad("XML ends inside an element".into()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(xml: &str) -> Result<String> {
        let mut out = String::new();
        walk(xml.as_bytes(), "test", 8, Deadline::after(std::time::Duration::from_secs(5)), |s| {
            if let Step::Text(t) = s {
                out.push_str(t);
            }
            Ok(())
        })?;
        Ok(out)
    }

    #[test]
    fn entities_are_resolved_and_namespaces_dropped() {
        assert_eq!(texts("<w:a><w:t>x &lt; &#20013;&amp;</w:t></w:a>").unwrap(), "x < 中&");
    }

    #[test]
    fn deep_nesting_is_refused_not_crashed() {
        let xml = format!("{}{}", "<a>".repeat(50), "</a>".repeat(50));
        assert!(matches!(texts(&xml), Err(Error::Corrupt { .. })));
    }

    #[test]
    fn unknown_entities_and_broken_xml_are_errors() {
        for bad in ["<a>&bomb;</a>", "<a><b></a>", "<a>"] {
            assert!(texts(bad).is_err(), "{bad}");
        }
    }
}
