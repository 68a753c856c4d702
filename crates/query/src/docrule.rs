//! Document-level decisions: which coded documents count for a code.
//!
//! A codebook may say when a document counts as coded with a code
//! ([`DocRule`]: any passage, at least N, a share of the sentences, a
//! passage in the title or the purpose article); the command line may
//! override it for every code. Table, matrix (binary) and trend count
//! documents through [`Selection::counted_documents`], so the rule is
//! applied in one place. Passage counts are never filtered.

use std::collections::{BTreeMap, BTreeSet};

use policyscope_coding::{recorded_codebooks, CodingStore, DocLayout, DocRule};
use policyscope_text::SpanKind;

use crate::data::Selection;
use crate::Result;

/// The document rules in force for a selection.
#[derive(Debug, Clone, Default)]
pub struct DocRules {
    /// Rule of each code id that has one other than `any`.
    by_code: BTreeMap<i64, DocRule>,
    /// A rule given for every code (the command line's `--doc-rule`).
    forced: Option<DocRule>,
    /// Parts of the coded documents, when some rule needs them.
    layouts: BTreeMap<i64, DocLayout>,
}

impl DocRules {
    /// The rules the project's recorded codebooks give its codes (a code
    /// without one takes its codebook's), or `forced` for every code.
    pub fn load(store: &CodingStore<'_>, forced: Option<DocRule>) -> Result<DocRules> {
        let mut by_code = BTreeMap::new();
        if forced.is_none() {
            let ids: BTreeMap<String, i64> = store.codes()?.into_iter().map(|c| (c.path, c.id)).collect();
            for book in recorded_codebooks(store)? {
                for code in &book.codes {
                    let rule = book.doc_rule_for(&code.path);
                    if let (Some(&id), false) = (ids.get(&code.path), *rule == DocRule::Any) {
                        by_code.insert(id, rule.clone());
                    }
                }
            }
        }
        Ok(DocRules { by_code, forced, layouts: BTreeMap::new() })
    }

    /// The rule for a code.
    pub fn rule_for(&self, code_id: i64) -> &DocRule {
        self.forced.as_ref().or_else(|| self.by_code.get(&code_id)).unwrap_or(&DocRule::Any)
    }

    /// Whether a rule needs the documents' parts.
    fn needs_layouts(&self) -> bool {
        self.forced.iter().chain(self.by_code.values()).any(DocRule::needs_layout)
    }

    /// Reads the parts of `docs` when some rule needs them.
    pub(crate) fn load_layouts(&mut self, store: &CodingStore<'_>, docs: &BTreeSet<i64>) -> Result<()> {
        if !self.needs_layouts() {
            return Ok(());
        }
        for &id in docs {
            let doc = store.project().document(id)?;
            let passages = store.project().passages(id, None)?;
            let pick = |k: SpanKind| -> Vec<(i64, i64)> {
                passages.iter().filter(|p| p.kind == k).map(|p| (p.start, p.end)).collect()
            };
            let layout = DocLayout::new(&doc.text, &pick(SpanKind::Paragraph), pick(SpanKind::Sentence));
            self.layouts.insert(id, layout);
        }
        Ok(())
    }

    /// The rule in force, in words: `any`, the forced rule, or each code's
    /// rule where it is not `any`.
    pub fn describe(&self, codes: &[policyscope_coding::Code]) -> String {
        if let Some(r) = &self.forced {
            return format!("{r} (every code)");
        }
        let named: Vec<String> = codes
            .iter()
            .filter_map(|c| self.by_code.get(&c.id).map(|r| format!("{}: {r}", c.path)))
            .collect();
        if named.is_empty() {
            "any (one coded passage)".to_string()
        } else {
            format!("{}; other codes: any", named.join("; "))
        }
    }
}

impl Selection {
    /// The documents (as counted: a translation as its original) that
    /// count as coded with `code_id`, given its distinct coded spans
    /// `(doc, start, end)`. The rule is judged on each document's own
    /// spans.
    pub fn counted_documents(
        &self,
        code_id: i64,
        spans: Option<&BTreeSet<(i64, i64, i64)>>,
    ) -> BTreeSet<i64> {
        let rule = self.doc_rules.rule_for(code_id);
        let mut by_doc: BTreeMap<i64, Vec<(i64, i64)>> = BTreeMap::new();
        for &(doc, s, e) in spans.into_iter().flatten() {
            by_doc.entry(doc).or_default().push((s, e));
        }
        by_doc
            .into_iter()
            .filter(|(doc, spans)| rule.admits(spans, self.doc_rules.layouts.get(doc)))
            .map(|(doc, _)| self.unit(doc))
            .collect()
    }

    /// Applies `forced` to every code instead of the codebooks' rules (the
    /// command line's `--doc-rule`).
    pub fn force_doc_rule(&mut self, store: &CodingStore<'_>, forced: DocRule) -> Result<()> {
        let mut rules = DocRules::load(store, Some(forced))?;
        let docs: BTreeSet<i64> = self.codings.iter().map(|c| c.doc_id).collect();
        rules.load_layouts(store, &docs)?;
        self.doc_rules = rules;
        Ok(())
    }

    /// The document rule in force, in words.
    pub fn doc_rule_text(&self) -> String {
        self.doc_rules.describe(&self.codes)
    }
}
