//! A small element tree parsed with quick-xml: local names only (REFI-QDA
//! uses one default namespace), attributes unescaped, text concatenated.

use quick_xml::events::Event;
use quick_xml::Reader;

use crate::{Error, Result};

/// Deepest nesting accepted (real files nest codes a dozen levels deep).
const MAX_DEPTH: usize = 256;

/// An element.
#[derive(Debug, Clone, Default)]
pub(crate) struct Elem {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Elem>,
    pub text: String,
}

impl Elem {
    /// An attribute by local name, case-insensitively (exporters vary).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// Children with this local name.
    pub fn kids<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Elem> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The first child with this name.
    pub fn kid(&self, name: &str) -> Option<&Elem> {
        self.children.iter().find(|c| c.name == name)
    }

    /// Text of the first child with this name.
    pub fn kid_text(&self, name: &str) -> Option<String> {
        self.kid(name).map(|e| e.text.clone())
    }
}

fn local(qname: &str) -> String {
    qname.rsplit(':').next().unwrap_or(qname).to_string()
}

/// Parses `xml` into its root element.
pub(crate) fn parse(xml: &str, what: &str) -> Result<Elem> {
    let err = |message: String| Error::NotXml { what: what.to_string(), message };
    let xml = xml.strip_prefix('\u{feff}').unwrap_or(xml);
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Elem> = Vec::new();
    let mut root: Option<Elem> = None;
    loop {
        let pos = reader.buffer_position();
        let event = reader.read_event().map_err(|e| err(format!("{e} (near byte {pos})")))?;
        match event {
            Event::Start(s) | Event::Empty(s) if root.is_some() => {
                let _ = s;
                return Err(err("content after the root element".into()));
            }
            Event::Start(ref s) | Event::Empty(ref s) => {
                let mut e = Elem { name: local(s.name().as_ref()), ..Elem::default() };
                for a in s.attributes() {
                    let a = a.map_err(|x| err(format!("bad attribute: {x} (near byte {pos})")))?;
                    let key = a.key.as_ref();
                    if key == "xmlns" || key.starts_with("xmlns:") {
                        e.attrs.push((
                            key.to_string(),
                            a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                                .map(|v| v.into_owned())
                                .unwrap_or_default(),
                        ));
                        continue;
                    }
                    let v = a
                        .normalized_value(quick_xml::XmlVersion::Explicit1_0)
                        .map_err(|x| err(format!("bad attribute value: {x} (near byte {pos})")))?;
                    e.attrs.push((local(key), v.into_owned()));
                }
                if matches!(event, Event::Empty(_)) {
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(e),
                        None => root = Some(e),
                    }
                } else {
                    if stack.len() >= MAX_DEPTH {
                        return Err(err(format!("elements nested deeper than {MAX_DEPTH}")));
                    }
                    stack.push(e);
                }
            }
            Event::End(_) => {
                let Some(done) = stack.pop() else { return Err(err("unexpected end tag".into())) };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(done),
                    None => root = Some(done),
                }
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.xml10_content());
                } else if !t.xml10_content().trim().is_empty() {
                    return Err(err("text outside the root element".into()));
                }
            }
            Event::CData(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => quick_xml::escape::resolve_predefined_entity(&r)
                        .ok_or_else(|| err(format!("unknown entity &{};", &*r)))?
                        .to_string(),
                    Err(e) => return Err(err(format!("bad character reference: {e}"))),
                };
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&resolved);
                }
            }
            Event::DocType(_) => return Err(err("DOCTYPE declarations are not accepted".into())),
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
    }
    if !stack.is_empty() {
        return Err(err(format!(
            "unexpected end of file inside <{}>",
            stack.last().map(|e| e.name.as_str()).unwrap_or("")
        )));
    }
    root.ok_or_else(|| err("no root element".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_entities_and_namespaces() {
        let e = parse(
            "\u{feff}<?xml version=\"1.0\"?><q:Project xmlns:q=\"urn:x\" name=\"a &amp; b\"><q:T>x &lt; &#20013;</q:T><E/></q:Project>",
            "t",
        )
        .unwrap();
        assert_eq!(e.name, "Project");
        assert_eq!(e.attr("NAME"), Some("a & b"));
        assert_eq!(e.kid_text("T").as_deref(), Some("x < 中"));
        assert!(e.kid("E").is_some());
    }

    #[test]
    fn rejects_broken_xml() {
        for bad in
            ["", "not xml", "<a><b></a>", "<a>", "<a/><b/>", "<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>"]
        {
            assert!(matches!(parse(bad, "t"), Err(Error::NotXml { .. })), "{bad}");
        }
    }
}
