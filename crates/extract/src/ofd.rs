//! OFD (GB/T 33190-2016): a zip whose `OFD.xml` names the document root
//! (`Document.xml`), which lists pages (`Pages/Page_N/Content.xml`); text is
//! in `TextObject`s (a `Boundary` box, a `Size`) holding `TextCode`s with a
//! start point `X`,`Y` and per-character advances `DeltaX` (`g N d` repeats
//! `d` N times). Objects are stored in drawing order, so glyphs are placed
//! and regrouped into lines by position.

use crate::archive::Container;
use crate::layout::{self, Glyph, Page};
use crate::xml::{walk, Step};
use crate::{Deadline, Error, Extracted, Extractor, Limits, Result};

const FORMAT: &str = "OFD";

/// Reads an OFD file.
pub(crate) fn extract(bytes: &[u8], limits: &Limits, deadline: Deadline) -> Result<Extracted> {
    let mut zip = Container::open(bytes, FORMAT, limits)?;
    let root = doc_root(&zip.require("OFD.xml")?, limits, deadline)?;
    let base = root.rsplit_once('/').map_or(String::new(), |(dir, _)| format!("{dir}/"));
    let (page_locs, page_box) = page_list(&zip.require(&root)?, limits, deadline)?;
    if page_locs.len() > limits.max_pages as usize {
        return Err(Error::TooLarge {
            what: "page count".into(),
            size: page_locs.len() as u64,
            limit: limits.max_pages.into(),
        });
    }
    let mut pages = Vec::with_capacity(page_locs.len());
    for loc in &page_locs {
        deadline.check()?;
        let path = resolve(&base, loc);
        let xml = zip.require(&path)?;
        let (glyphs, own_box) = page_glyphs(&xml, limits, deadline)?;
        let (width, height) = own_box.or(page_box).unwrap_or((210.0, 297.0));
        pages.push(Page { width, height, lines: layout::lines_from_glyphs(glyphs) });
    }
    let (text, spans) = layout::assemble(&pages);
    if text.trim().is_empty() {
        return Err(Error::Empty);
    }
    Ok(Extracted {
        text,
        pages: spans,
        title: None,
        extractor: Extractor { name: "policyscope-ofd".into(), version: crate::VERSION.into() },
        ocr: false,
        warnings: Vec::new(),
    })
}

/// A path inside the package: absolute (`/Doc_0/…`) or relative to `base`.
fn resolve(base: &str, loc: &str) -> String {
    let loc = loc.trim();
    match loc.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None if loc.starts_with(base) => loc.to_string(),
        None => format!("{base}{loc}"),
    }
}

/// `OFD.xml` → the path of the first document's `Document.xml`.
fn doc_root(xml: &[u8], limits: &Limits, deadline: Deadline) -> Result<String> {
    let mut in_root = false;
    let mut root = String::new();
    walk(xml, FORMAT, limits.max_xml_depth, deadline, |s| {
        match s {
            Step::Open(t) if t.name == "DocRoot" && root.is_empty() => in_root = true,
            Step::Text(text) if in_root => root.push_str(text),
            Step::Close("DocRoot") => in_root = false,
            _ => {}
        }
        Ok(())
    })?;
    let root = root.trim().trim_start_matches('/').to_string();
    if root.is_empty() {
        return Err(Error::corrupt(FORMAT, "OFD.xml names no DocRoot"));
    }
    Ok(root)
}

/// A page's width and height.
type Size = (f32, f32);

/// Parses a box attribute `x y w h` into (w, h).
fn box_size(v: &str) -> Option<Size> {
    let n: Vec<f32> = v.split_whitespace().filter_map(|x| x.parse().ok()).collect();
    (n.len() == 4 && n[2] > 0.0 && n[3] > 0.0).then(|| (n[2], n[3]))
}

/// `Document.xml` → page content paths in page order, and the default page size.
fn page_list(xml: &[u8], limits: &Limits, deadline: Deadline) -> Result<(Vec<String>, Option<Size>)> {
    let mut pages = Vec::new();
    let mut page_box = None;
    let mut in_physical = false;
    walk(xml, FORMAT, limits.max_xml_depth, deadline, |s| {
        match s {
            Step::Open(t) if t.name == "Page" => {
                if let Some(loc) = t.attr("BaseLoc") {
                    pages.push(loc.to_string());
                }
            }
            Step::Open(t) if t.name == "PhysicalBox" => in_physical = page_box.is_none(),
            Step::Text(v) if in_physical => page_box = box_size(v),
            Step::Close("PhysicalBox") => in_physical = false,
            _ => {}
        }
        Ok(())
    })?;
    Ok((pages, page_box))
}

/// Advances from a `DeltaX` value, `g N d` groups expanded (N capped by `max`).
fn deltas(v: &str, max: usize) -> Vec<f32> {
    let mut out = Vec::new();
    let mut tokens = v.split_whitespace();
    while let Some(tok) = tokens.next() {
        if out.len() >= max {
            break;
        }
        if tok == "g" {
            let n: usize = tokens.next().and_then(|n| n.parse().ok()).unwrap_or(0);
            let d: f32 = tokens.next().and_then(|d| d.parse().ok()).unwrap_or(0.0);
            out.extend(std::iter::repeat_n(d, n.min(max - out.len())));
        } else if let Ok(d) = tok.parse() {
            out.push(d);
        }
    }
    out
}

/// The text object being read.
#[derive(Default)]
struct Object {
    origin: (f32, f32),
    size: f32,
    code: Option<(f32, f32, String, String)>,
}

/// A page's `Content.xml` → its glyphs and its own page size, if stated.
fn page_glyphs(xml: &[u8], limits: &Limits, deadline: Deadline) -> Result<(Vec<Glyph>, Option<Size>)> {
    let mut glyphs = Vec::new();
    let mut object: Option<Object> = None;
    let mut own_box = None;
    let mut in_physical = false;
    walk(xml, FORMAT, limits.max_xml_depth, deadline, |s| {
        match s {
            Step::Open(t) if t.name == "TextObject" => {
                let b: Vec<f32> = t
                    .attr("Boundary")
                    .unwrap_or("")
                    .split_whitespace()
                    .filter_map(|x| x.parse().ok())
                    .collect();
                let size = t.attr("Size").and_then(|v| v.parse().ok()).unwrap_or(3.5);
                object = Some(Object {
                    origin: (b.first().copied().unwrap_or(0.0), b.get(1).copied().unwrap_or(0.0)),
                    size,
                    code: None,
                });
            }
            Step::Open(t) if t.name == "TextCode" => {
                if let Some(o) = object.as_mut() {
                    let num = |k: &str| t.attr(k).and_then(|v| v.parse().ok()).unwrap_or(0.0);
                    o.code =
                        Some((num("X"), num("Y"), t.attr("DeltaX").unwrap_or("").to_string(), String::new()));
                }
            }
            Step::Text(text) => {
                if let Some((_, _, _, buf)) = object.as_mut().and_then(|o| o.code.as_mut()) {
                    buf.push_str(text);
                } else if in_physical {
                    own_box = box_size(text);
                }
            }
            Step::Close("TextCode") => {
                if let Some(o) = object.as_mut() {
                    if let Some((x, y, dx, text)) = o.code.take() {
                        place(o, x, y, &dx, &text, &mut glyphs);
                    }
                }
            }
            Step::Close("TextObject") => object = None,
            Step::Open(t) if t.name == "PhysicalBox" => in_physical = true,
            Step::Close("PhysicalBox") => in_physical = false,
            _ => {}
        }
        Ok(())
    })?;
    Ok((glyphs, own_box))
}

/// Places a `TextCode`'s characters: each after the previous by its delta
/// (the last delta repeats, the font size when none is given).
fn place(o: &Object, x: f32, y: f32, dx: &str, text: &str, out: &mut Vec<Glyph>) {
    let chars: Vec<char> = text.chars().collect();
    let d = deltas(dx, chars.len());
    let mut cx = o.origin.0 + x;
    for (i, &ch) in chars.iter().enumerate() {
        let advance = d.get(i).or(d.last()).copied().unwrap_or(o.size);
        if !ch.is_whitespace() || ch == ' ' {
            out.push(Glyph { x: cx, y: o.origin.1 + y, size: o.size, advance, ch });
        }
        cx += advance;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delta_groups_expand() {
        assert_eq!(deltas("1 g 3 2.5 4", 10), vec![1.0, 2.5, 2.5, 2.5, 4.0]);
        assert_eq!(deltas("g 1000000000 1", 3).len(), 3);
    }

    #[test]
    fn locations_resolve_inside_the_package() {
        assert_eq!(resolve("Doc_0/", "Pages/Page_0/Content.xml"), "Doc_0/Pages/Page_0/Content.xml");
        assert_eq!(resolve("Doc_0/", "/Doc_0/Pages/Page_0/Content.xml"), "Doc_0/Pages/Page_0/Content.xml");
    }
}
