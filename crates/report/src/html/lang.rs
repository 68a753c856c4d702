//! `lang` attributes: the language of a page and of a document's text, so
//! that browsers pick Chinese or Latin fonts and screen readers the right
//! voice. One detector decides everywhere: the share of Han characters
//! among letters (`policyscope_text::lang::detect_language`), which import
//! also uses for each document's stored language.

use policyscope_text::lang::detect_language;

/// The `lang` of a text: `zh`, `en` or `und`.
pub fn lang_of(text: &str) -> &'static str {
    detect_language(text)
}

/// The `lang` of a page, from the text of its body HTML (tags and
/// character references left out). The navigation and footer are English
/// and carry their own `lang`.
pub fn page_lang(body_html: &str) -> &'static str {
    let mut text = String::with_capacity(body_html.len() / 2);
    let mut in_tag = false;
    let mut chars = body_html.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            // A character reference (`&amp;`, `&#39;`) is one character of
            // punctuation, not letters.
            '&' if !in_tag => {
                let mut n = 0;
                while n < 10 && chars.next_if(|c| *c != ';' && *c != '<' && !c.is_whitespace()).is_some() {
                    n += 1;
                }
                chars.next_if_eq(&';');
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    lang_of(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_pages_and_texts_are_not_chinese() {
        assert_eq!(lang_of("Personal Information Protection Law of the People's Republic of China"), "en");
        assert_eq!(lang_of("中华人民共和国个人信息保护法"), "zh");
        assert_eq!(page_lang("<p class=\"zh-looking\">Overview of 3 documents &amp; codes</p>"), "en");
        assert_eq!(
            page_lang(
                "<dl><dt>Date</dt><dd>2021</dd></dl><p>第一条 为了保护个人信息权益，规范个人信息处理活动</p>"
            ),
            "zh"
        );
        assert_eq!(page_lang("<p>2021 – 2023</p>"), "und");
    }
}
