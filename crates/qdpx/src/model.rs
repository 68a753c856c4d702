//! The in-memory REFI-QDA project: what a `project.qde` (plus its text
//! sources) holds, reduced to what policyscope can represent.
//!
//! Every GUID is canonical (lower case, no braces); every source text is
//! the exact text whose code points the selections count — UTF-8 without
//! BOM, line endings `\n` — and every selection is half-open
//! `[start, end)` inside it. The reader guarantees this whatever the
//! exporting tool did; the writer relies on it.

use serde::{Deserialize, Serialize};

/// A whole project.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QdaProject {
    /// `Project@name`.
    pub name: String,
    /// `Project@origin`: the exporting software.
    pub origin: Option<String>,
    /// `Project@creatingUserGUID`.
    pub creating_user: Option<String>,
    /// `Project@creationDateTime`.
    pub creation_time: Option<String>,
    /// Project description.
    pub description: Option<String>,
    /// Users (coders, note authors).
    pub users: Vec<User>,
    /// The code tree.
    pub codes: Vec<QdaCode>,
    /// Variables (document attributes).
    pub variables: Vec<Variable>,
    /// Cases.
    pub cases: Vec<Case>,
    /// Text sources.
    pub sources: Vec<TextSource>,
    /// Notes (memos, annotations).
    pub notes: Vec<Note>,
    /// Links (e.g. an annotation Note → the selection it comments).
    pub links: Vec<Link>,
    /// Notes about the whole project.
    pub note_refs: Vec<String>,
}

/// A user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// GUID.
    pub guid: String,
    /// Display name.
    pub name: Option<String>,
}

/// A code and its children.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QdaCode {
    /// GUID.
    pub guid: String,
    /// Own name.
    pub name: String,
    /// `isCodable`: false for folders.
    pub codable: bool,
    /// `#RRGGBB`.
    pub color: Option<String>,
    /// Definition.
    pub description: Option<String>,
    /// Notes about the code.
    pub note_refs: Vec<String>,
    /// Sub-codes.
    pub children: Vec<QdaCode>,
}

impl QdaCode {
    /// Visits the tree depth first with each code's path of names.
    pub fn walk<'a>(
        codes: &'a [QdaCode],
        prefix: &mut Vec<&'a str>,
        f: &mut dyn FnMut(&[&'a str], &'a QdaCode),
    ) {
        for c in codes {
            prefix.push(&c.name);
            f(prefix, c);
            QdaCode::walk(&c.children, prefix, f);
            prefix.pop();
        }
    }
}

/// The type of a variable's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum VariableType {
    /// Free text.
    Text,
    /// `true`/`false`.
    Boolean,
    /// Whole number.
    Integer,
    /// Decimal.
    Float,
    /// `YYYY-MM-DD`.
    Date,
    /// `YYYY-MM-DDThh:mm:ssZ`.
    DateTime,
}

impl VariableType {
    /// The `typeOfVariable` name.
    pub fn as_str(self) -> &'static str {
        match self {
            VariableType::Text => "Text",
            VariableType::Boolean => "Boolean",
            VariableType::Integer => "Integer",
            VariableType::Float => "Float",
            VariableType::Date => "Date",
            VariableType::DateTime => "DateTime",
        }
    }

    /// Parses a `typeOfVariable` name.
    pub fn parse(s: &str) -> Option<VariableType> {
        [Self::Text, Self::Boolean, Self::Integer, Self::Float, Self::Date, Self::DateTime]
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(s))
    }

    /// The `VariableValue` child element for this type.
    pub fn value_element(self) -> &'static str {
        match self {
            VariableType::Text => "TextValue",
            VariableType::Boolean => "BooleanValue",
            VariableType::Integer => "IntegerValue",
            VariableType::Float => "FloatValue",
            VariableType::Date => "DateValue",
            VariableType::DateTime => "DateTimeValue",
        }
    }
}

/// A variable definition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variable {
    /// GUID.
    pub guid: String,
    /// Name (e.g. `date`, `docno`).
    pub name: String,
    /// Value type.
    pub kind: VariableType,
    /// Description.
    pub description: Option<String>,
}

/// A variable's value on a source or case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VariableValue {
    /// The variable's GUID.
    pub variable: String,
    /// The value as written in XML.
    pub value: String,
}

/// A case: a unit of analysis grouping sources, carrying variables.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    /// GUID.
    pub guid: String,
    /// Name (MAXQDA and Quirkos leave it out and use the case only to
    /// attach variables to one source).
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Codes the case is coded with.
    pub code_refs: Vec<String>,
    /// Variable values.
    pub values: Vec<VariableValue>,
    /// Sources belonging to the case.
    pub source_refs: Vec<String>,
    /// Selections belonging to the case.
    pub selection_refs: Vec<String>,
}

/// A plain-text source.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextSource {
    /// GUID.
    pub guid: String,
    /// Name shown in the tools (policyscope: the title).
    pub name: Option<String>,
    /// The text (UTF-8, `\n` line endings, no BOM).
    pub text: String,
    /// Who created it.
    pub creating_user: Option<String>,
    /// When.
    pub creation_time: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Selections with their codings.
    pub selections: Vec<Selection>,
    /// Codings of the whole source (no selection).
    pub codings: Vec<QdaCoding>,
    /// Notes about the source.
    pub note_refs: Vec<String>,
    /// Variable values.
    pub values: Vec<VariableValue>,
    /// The PDF the text was read from, when it travels with the text: the
    /// source is then written as a `PDFSource` whose `Representation` is
    /// this text source (readers get the text only).
    pub pdf: Option<PdfOriginal>,
}

/// An original PDF file written beside its text representation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PdfOriginal {
    /// GUID of the `PDFSource` (the text source's own GUID is its
    /// `Representation`'s, which the selections belong to).
    pub guid: String,
    /// The file, byte for byte.
    pub bytes: Vec<u8>,
}

/// A span of a text source.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Selection {
    /// GUID.
    pub guid: String,
    /// Name (tools often put the selected text here).
    pub name: Option<String>,
    /// First code point.
    pub start: u64,
    /// One past the last code point.
    pub end: u64,
    /// Who made it.
    pub creating_user: Option<String>,
    /// When.
    pub creation_time: Option<String>,
    /// Description (MAXQDA: a comment).
    pub description: Option<String>,
    /// Codes applied to the span.
    pub codings: Vec<QdaCoding>,
    /// Notes about the span.
    pub note_refs: Vec<String>,
}

/// One application of a code.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QdaCoding {
    /// GUID.
    pub guid: String,
    /// The code's GUID.
    pub code: String,
    /// The coder.
    pub creating_user: Option<String>,
    /// When.
    pub creation_time: Option<String>,
    /// Notes about the coding.
    pub note_refs: Vec<String>,
}

/// A note (memo or annotation).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// GUID.
    pub guid: String,
    /// Title.
    pub name: Option<String>,
    /// The text.
    pub text: String,
    /// Author.
    pub creating_user: Option<String>,
    /// When.
    pub creation_time: Option<String>,
}

/// A link between two objects.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// GUID.
    pub guid: String,
    /// Name.
    pub name: Option<String>,
    /// The object the link starts at.
    pub origin: Option<String>,
    /// The object it points to.
    pub target: Option<String>,
}
