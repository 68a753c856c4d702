//! Document numbers as references. The numbers themselves are found by
//! [`policyscope_text::docno`]; here they are related to the titles around
//! them: a number inside a title belongs to that title, a number in the
//! parenthesis right after a title is attached to it.

use policyscope_text::docno::{find_document_numbers, DocumentNumber};

use super::title::TitleMatch;

/// What to do with a document number found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement {
    /// A reference of its own.
    Standalone(DocumentNumber),
    /// Written right after the title with this index.
    AfterTitle(usize, DocumentNumber),
}

/// Places the document numbers of `text` relative to `titles`.
pub fn place_numbers(text: &str, chars: &[char], titles: &[TitleMatch]) -> Vec<Placement> {
    let mut out = Vec::new();
    for n in find_document_numbers(text) {
        if titles.iter().any(|t| n.start < t.end && t.start < n.end) {
            continue; // inside a title: part of that reference
        }
        let follows = titles.iter().position(|t| {
            t.end <= n.start
                && n.start - t.end <= 3
                && chars[t.end..n.start].iter().all(|c| matches!(c, '（' | '(' | ' ' | '　' | '，' | ','))
        });
        match follows {
            Some(i) => out.push(Placement::AfterTitle(i, n)),
            None => out.push(Placement::Standalone(n)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::title::find_titles;
    use super::*;

    #[test]
    fn attaches_numbers_after_titles() {
        let text = "《新一代人工智能发展规划》（国发〔2017〕35号）和国办发〔2019〕5号";
        let chars: Vec<char> = text.chars().collect();
        let titles = find_titles(&chars);
        let placed = place_numbers(text, &chars, &titles);
        assert!(matches!(&placed[0], Placement::AfterTitle(0, n) if n.canonical() == "国发〔2017〕35号"));
        assert!(matches!(&placed[1], Placement::Standalone(n) if n.prefix == "国办发"));
    }
}
