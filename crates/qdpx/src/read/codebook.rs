//! `.qdc` codebooks.

use super::dom;
use super::refs::{self, Guids};
use crate::model::QdaCode;
use crate::{Error, Report, Result};

/// Reads a codebook: its code tree and what was dropped (sets). A
/// project file's `<CodeBook>` is accepted too.
pub fn read_qdc(bytes: &[u8]) -> Result<(Vec<QdaCode>, Report)> {
    let what = "codebook";
    let text = super::source::decode_text(bytes)
        .ok_or_else(|| Error::NotXml { what: what.into(), message: "not UTF-8 or UTF-16 text".into() })?;
    let root = dom::parse(&text, what)?;
    let book = match root.name.as_str() {
        "CodeBook" => &root,
        "Project" => root.kid("CodeBook").ok_or_else(|| Error::NotQdaXml {
            what: what.into(),
            message: "a project file without a <CodeBook>".into(),
        })?,
        other => {
            return Err(Error::NotQdaXml {
                what: what.into(),
                message: format!("the root element is <{other}>, not <CodeBook>"),
            })
        }
    };
    let mut report = Report::default();
    let mut guids = Guids::default();
    let Some(codes) = book.kid("Codes") else {
        return Err(Error::NotQdaXml { what: what.into(), message: "no <Codes> element".into() });
    };
    let mut tree = super::project::read_codes(codes, &mut guids, &mut report, false);
    refs::unflatten(&mut tree, book.attr("origin"), &mut report);
    refs::finish_folders(&mut tree, "");
    for s in book.kid("Sets").into_iter().flat_map(|e| e.kids("Set")) {
        report.lose(format!("Set {:?}", s.attr("name").unwrap_or("")), "code sets are not supported");
    }
    Ok((tree, report))
}
