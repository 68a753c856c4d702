//! `project.qde` and `.qdc` from the in-memory model, in the element order
//! Project.xsd and Codebook.xsd prescribe.

use super::xml::XmlOut;
use crate::model::{Case, QdaCode, QdaCoding, QdaProject, Selection, TextSource, VariableValue};

/// Namespace of project files.
pub const PROJECT_NS: &str = "urn:QDA-XML:project:1.0";
/// Namespace of codebook files.
pub const CODEBOOK_NS: &str = "urn:QDA-XML:codebook:1.0";

/// The `plainTextPath` of a source inside the archive.
pub fn internal_path(guid: &str) -> String {
    format!("internal://{guid}.txt")
}

/// Writes `project.qde`. Sources refer to `sources/<guid>.txt`
/// ([`internal_path`]); their text is not embedded.
pub fn project_xml(p: &QdaProject) -> String {
    let mut x = XmlOut::new();
    x.open(
        "Project",
        &[
            ("xmlns", Some(PROJECT_NS)),
            ("name", Some(&p.name)),
            ("origin", p.origin.as_deref()),
            ("creatingUserGUID", p.creating_user.as_deref()),
            ("creationDateTime", p.creation_time.as_deref()),
        ],
    );
    if !p.users.is_empty() {
        x.open("Users", &[]);
        for u in &p.users {
            x.empty("User", &[("guid", Some(&u.guid)), ("name", u.name.as_deref())]);
        }
        x.close("Users");
    }
    if !p.codes.is_empty() {
        x.open("CodeBook", &[]);
        codes(&mut x, &p.codes, true);
        x.close("CodeBook");
    }
    if !p.variables.is_empty() {
        x.open("Variables", &[]);
        for v in &p.variables {
            let attrs = [
                ("guid", Some(v.guid.as_str())),
                ("name", Some(&v.name)),
                ("typeOfVariable", Some(v.kind.as_str())),
            ];
            match &v.description {
                Some(d) => {
                    x.open("Variable", &attrs);
                    x.text("Description", d);
                    x.close("Variable");
                }
                None => x.empty("Variable", &attrs),
            }
        }
        x.close("Variables");
    }
    if !p.cases.is_empty() {
        x.open("Cases", &[]);
        for c in &p.cases {
            case(&mut x, p, c);
        }
        x.close("Cases");
    }
    if !p.sources.is_empty() {
        x.open("Sources", &[]);
        for s in &p.sources {
            source(&mut x, p, s);
        }
        x.close("Sources");
    }
    if !p.notes.is_empty() {
        x.open("Notes", &[]);
        for n in &p.notes {
            x.open(
                "Note",
                &[
                    ("guid", Some(&n.guid)),
                    ("name", n.name.as_deref()),
                    ("creatingUser", n.creating_user.as_deref()),
                    ("creationDateTime", n.creation_time.as_deref()),
                ],
            );
            x.text("PlainTextContent", &n.text);
            x.close("Note");
        }
        x.close("Notes");
    }
    if !p.links.is_empty() {
        x.open("Links", &[]);
        for l in &p.links {
            x.empty(
                "Link",
                &[
                    ("guid", Some(&l.guid)),
                    ("name", l.name.as_deref()),
                    ("direction", Some("OneWay")),
                    ("originGUID", l.origin.as_deref()),
                    ("targetGUID", l.target.as_deref()),
                ],
            );
        }
        x.close("Links");
    }
    if let Some(d) = &p.description {
        x.text("Description", d);
    }
    note_refs(&mut x, &p.note_refs);
    x.close("Project");
    x.finish()
}

/// Writes a `.qdc` codebook. No `<Sets/>` is written (an empty one is
/// invalid).
pub fn codebook_xml(codes_: &[QdaCode], origin: Option<&str>) -> String {
    let mut x = XmlOut::new();
    x.open("CodeBook", &[("xmlns", Some(CODEBOOK_NS)), ("origin", origin)]);
    codes(&mut x, codes_, false);
    x.close("CodeBook");
    x.finish()
}

fn codes(x: &mut XmlOut, list: &[QdaCode], with_notes: bool) {
    // Codebook.xsd requires at least one Code inside Codes.
    if list.is_empty() {
        return;
    }
    x.open("Codes", &[]);
    for c in list {
        code(x, c, with_notes);
    }
    x.close("Codes");
}

fn code(x: &mut XmlOut, c: &QdaCode, with_notes: bool) {
    let codable = if c.codable { "true" } else { "false" };
    let attrs = [
        ("guid", Some(c.guid.as_str())),
        ("name", Some(c.name.as_str())),
        ("isCodable", Some(codable)),
        ("color", c.color.as_deref()),
    ];
    let has_notes = with_notes && !c.note_refs.is_empty();
    if c.description.is_none() && !has_notes && c.children.is_empty() {
        x.empty("Code", &attrs);
        return;
    }
    x.open("Code", &attrs);
    if let Some(d) = &c.description {
        x.text("Description", d);
    }
    if with_notes {
        note_refs(x, &c.note_refs);
    }
    for child in &c.children {
        code(x, child, with_notes);
    }
    x.close("Code");
}

fn note_refs(x: &mut XmlOut, refs: &[String]) {
    for r in refs {
        x.empty("NoteRef", &[("targetGUID", Some(r))]);
    }
}

fn values(x: &mut XmlOut, p: &QdaProject, vals: &[VariableValue]) {
    for v in vals {
        let Some(var) = p.variables.iter().find(|d| d.guid == v.variable) else { continue };
        x.open("VariableValue", &[]);
        x.empty("VariableRef", &[("targetGUID", Some(&v.variable))]);
        x.text(var.kind.value_element(), &v.value);
        x.close("VariableValue");
    }
}

fn case(x: &mut XmlOut, p: &QdaProject, c: &Case) {
    x.open("Case", &[("guid", Some(&c.guid)), ("name", c.name.as_deref())]);
    if let Some(d) = &c.description {
        x.text("Description", d);
    }
    for r in &c.code_refs {
        x.empty("CodeRef", &[("targetGUID", Some(r))]);
    }
    values(x, p, &c.values);
    for r in &c.source_refs {
        x.empty("SourceRef", &[("targetGUID", Some(r))]);
    }
    for r in &c.selection_refs {
        x.empty("SelectionRef", &[("targetGUID", Some(r))]);
    }
    x.close("Case");
}

/// The `path` of an original PDF inside the archive.
pub fn internal_pdf_path(guid: &str) -> String {
    format!("internal://{guid}.pdf")
}

fn source(x: &mut XmlOut, p: &QdaProject, s: &TextSource) {
    if let Some(pdf) = &s.pdf {
        return pdf_source(x, p, s, &pdf.guid);
    }
    let path = internal_path(&s.guid);
    x.open(
        "TextSource",
        &[
            ("guid", Some(&s.guid)),
            ("name", s.name.as_deref()),
            ("plainTextPath", Some(&path)),
            ("creatingUser", s.creating_user.as_deref()),
            ("creationDateTime", s.creation_time.as_deref()),
        ],
    );
    if let Some(d) = &s.description {
        x.text("Description", d);
    }
    selections_and_codings(x, s);
    note_refs(x, &s.note_refs);
    values(x, p, &s.values);
    x.close("TextSource");
}

/// A text source read from a PDF: the `PDFSource` keeps what describes the
/// document (description, notes, variables, which is where readers look for
/// them); its `Representation` holds the text and the selections counted in it.
fn pdf_source(x: &mut XmlOut, p: &QdaProject, s: &TextSource, pdf_guid: &str) {
    let path = internal_pdf_path(pdf_guid);
    x.open(
        "PDFSource",
        &[
            ("guid", Some(pdf_guid)),
            ("name", s.name.as_deref()),
            ("path", Some(&path)),
            ("creatingUser", s.creating_user.as_deref()),
            ("creationDateTime", s.creation_time.as_deref()),
        ],
    );
    if let Some(d) = &s.description {
        x.text("Description", d);
    }
    let text_path = internal_path(&s.guid);
    x.open("Representation", &[("guid", Some(&s.guid)), ("plainTextPath", Some(&text_path))]);
    selections_and_codings(x, s);
    x.close("Representation");
    note_refs(x, &s.note_refs);
    values(x, p, &s.values);
    x.close("PDFSource");
}

fn selections_and_codings(x: &mut XmlOut, s: &TextSource) {
    for sel in &s.selections {
        selection(x, sel);
    }
    for c in &s.codings {
        coding(x, c);
    }
}

fn selection(x: &mut XmlOut, s: &Selection) {
    let (start, end) = (s.start.to_string(), s.end.to_string());
    x.open(
        "PlainTextSelection",
        &[
            ("guid", Some(&s.guid)),
            ("name", s.name.as_deref()),
            ("startPosition", Some(&start)),
            ("endPosition", Some(&end)),
            ("creatingUser", s.creating_user.as_deref()),
            ("creationDateTime", s.creation_time.as_deref()),
        ],
    );
    if let Some(d) = &s.description {
        x.text("Description", d);
    }
    for c in &s.codings {
        coding(x, c);
    }
    note_refs(x, &s.note_refs);
    x.close("PlainTextSelection");
}

fn coding(x: &mut XmlOut, c: &QdaCoding) {
    x.open(
        "Coding",
        &[
            ("guid", Some(&c.guid)),
            ("creatingUser", c.creating_user.as_deref()),
            ("creationDateTime", c.creation_time.as_deref()),
        ],
    );
    x.empty("CodeRef", &[("targetGUID", Some(&c.code))]);
    note_refs(x, &c.note_refs);
    x.close("Coding");
}
