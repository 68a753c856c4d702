//! DOCX: `word/document.xml` read as a stream. Paragraphs and headings
//! become paragraphs; automatic numbering is written out from
//! `word/numbering.xml`; a table row becomes one line of cells separated by
//! tabs; footnotes and endnotes follow the body, each marked where it is
//! referenced (`[注1]`, `[尾注1]`) and where it is written out. Running
//! headers and footers (separate parts) are not read; deleted revisions and
//! field instructions are skipped, field results kept.

mod notes;
mod numbering;

use crate::archive::Container;
use crate::xml::{walk, Step};
use crate::{Deadline, Error, Extracted, Extractor, Limits, Result};

use numbering::Numbering;

const FORMAT: &str = "DOCX";

/// Reads a DOCX file.
pub(crate) fn extract(bytes: &[u8], limits: &Limits, deadline: Deadline) -> Result<Extracted> {
    let mut zip = Container::open(bytes, FORMAT, limits)?;
    if !zip.has("word/document.xml") {
        return Err(Error::corrupt(FORMAT, "no word/document.xml (not a Word document)"));
    }
    let numbering = match zip.read("word/numbering.xml")? {
        Some(xml) => Numbering::parse(&xml, limits, deadline)?,
        None => Numbering::default(),
    };
    let footnotes = notes::read(&mut zip, "word/footnotes.xml", "footnote", limits, deadline)?;
    let endnotes = notes::read(&mut zip, "word/endnotes.xml", "endnote", limits, deadline)?;
    let body = zip.require("word/document.xml")?;
    let mut reader = Body::new(numbering);
    walk(&body, FORMAT, limits.max_xml_depth, deadline, |s| reader.step(s))?;
    let mut paragraphs = reader.paragraphs;
    for (mark, (label, notes)) in
        [("注", (&reader.footnote_refs, &footnotes)), ("尾注", (&reader.endnote_refs, &endnotes))]
    {
        for (n, id) in label.iter().enumerate() {
            if let Some(text) = notes.get(id) {
                paragraphs.push(format!("[{mark}{}] {text}", n + 1));
            }
        }
    }
    let text = paragraphs.join("\n\n");
    if text.trim().is_empty() {
        return Err(Error::Empty);
    }
    Ok(Extracted {
        text,
        pages: Vec::new(),
        title: reader.title,
        extractor: Extractor { name: "policyscope-docx".into(), version: crate::VERSION.into() },
        ocr: false,
        warnings: Vec::new(),
    })
}

/// A table being read: the current row's cells and the current cell.
#[derive(Default)]
struct Table {
    row: Vec<String>,
    cell: String,
}

/// State while streaming the body.
pub(crate) struct Body {
    numbering: Numbering,
    pub(crate) paragraphs: Vec<String>,
    para: String,
    style: String,
    num: Option<(String, usize)>,
    tables: Vec<Table>,
    in_text: bool,
    /// Inside `w:del` or between a field's `begin` and `separate`.
    skipping: usize,
    field_code: bool,
    pub(crate) footnote_refs: Vec<String>,
    pub(crate) endnote_refs: Vec<String>,
    pub(crate) title: Option<String>,
}

impl Body {
    pub(crate) fn new(numbering: Numbering) -> Body {
        Body {
            numbering,
            paragraphs: Vec::new(),
            para: String::new(),
            style: String::new(),
            num: None,
            tables: Vec::new(),
            in_text: false,
            skipping: 0,
            field_code: false,
            footnote_refs: Vec::new(),
            endnote_refs: Vec::new(),
            title: None,
        }
    }

    pub(crate) fn step(&mut self, s: Step<'_>) -> Result<()> {
        match s {
            Step::Open(t) => match t.name.as_str() {
                "p" => {
                    self.para.clear();
                    self.style.clear();
                    self.num = None;
                }
                "pStyle" => self.style = t.attr("val").unwrap_or("").to_string(),
                "ilvl" => {
                    let lvl = t.attr("val").and_then(|v| v.parse().ok()).unwrap_or(0);
                    let id = self.num.take().map(|n| n.0).unwrap_or_default();
                    self.num = Some((id, lvl));
                }
                "numId" => {
                    let lvl = self.num.take().map_or(0, |n| n.1);
                    self.num = Some((t.attr("val").unwrap_or("").to_string(), lvl));
                }
                "t" if self.skipping == 0 && !self.field_code => self.in_text = true,
                "tab" if self.skipping == 0 => self.para.push('\t'),
                "br" | "cr" if self.skipping == 0 => self.para.push(' '),
                "del" => self.skipping += 1,
                "fldChar" => match t.attr("fldCharType") {
                    Some("begin") => self.field_code = true,
                    Some("separate") | Some("end") => self.field_code = false,
                    _ => {}
                },
                "footnoteReference" | "endnoteReference" => {
                    let id = t.attr("id").unwrap_or("").to_string();
                    let (refs, mark) = if t.name == "footnoteReference" {
                        (&mut self.footnote_refs, "注")
                    } else {
                        (&mut self.endnote_refs, "尾注")
                    };
                    refs.push(id);
                    self.para.push_str(&format!("[{mark}{}]", refs.len()));
                }
                "tbl" => self.tables.push(Table::default()),
                "tc" => {
                    if let Some(t) = self.tables.last_mut() {
                        t.cell.clear();
                    }
                }
                _ => {}
            },
            Step::Text(text) if self.in_text => self.para.push_str(text),
            Step::Text(_) => {}
            Step::Close(name) => match name {
                "t" => self.in_text = false,
                "del" => self.skipping = self.skipping.saturating_sub(1),
                "p" => self.end_paragraph(),
                "tc" => {
                    if let Some(t) = self.tables.last_mut() {
                        let cell = std::mem::take(&mut t.cell);
                        t.row.push(cell.trim().to_string());
                    }
                }
                "tr" => {
                    // A row belongs to what holds its table: the body, or
                    // the cell of an outer table.
                    if let Some(mut inner) = self.tables.pop() {
                        let row = std::mem::take(&mut inner.row).join("\t");
                        self.emit(row);
                        self.tables.push(inner);
                    }
                }
                "tbl" => {
                    self.tables.pop();
                }
                _ => {}
            },
        }
        Ok(())
    }

    fn end_paragraph(&mut self) {
        let mut text = std::mem::take(&mut self.para).trim().to_string();
        if text.is_empty() {
            return;
        }
        if let Some((id, lvl)) = self.num.take() {
            if let Some(label) = self.numbering.next_label(&id, lvl) {
                let sep =
                    if label.ends_with(['、', '．', '）', ')']) || label.is_empty() { "" } else { " " };
                text = format!("{label}{sep}{text}");
            }
        }
        let style = self.style.to_ascii_lowercase();
        if self.title.is_none() && (style == "title" || style == "heading1" || style == "1") {
            self.title = Some(text.clone());
        }
        self.emit(text);
    }

    /// A finished line goes into the enclosing cell, or the body.
    fn emit(&mut self, text: String) {
        match self.tables.last_mut() {
            Some(t) => {
                if !t.cell.is_empty() {
                    t.cell.push(' ');
                }
                t.cell.push_str(&text);
            }
            None => self.paragraphs.push(text),
        }
    }
}

#[cfg(test)]
mod tests;
