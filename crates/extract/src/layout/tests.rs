use super::*;

/// A page of body lines 5 units high, pitch 6, with a header and a page number.
fn page(n: usize, body: &[(&str, f32, f32)]) -> Page {
    let mut lines =
        vec![Line {
            x0: 40.0, y0: 5.0, x1: 160.0, y1: 10.0, text: "关于印发某某办法的通知".into()
        }];
    for (i, (text, x0, x1)) in body.iter().enumerate() {
        let y0 = 40.0 + 6.0 * i as f32;
        lines.push(Line { x0: *x0, y0, x1: *x1, y1: y0 + 5.0, text: text.to_string() });
    }
    lines.push(Line { x0: 95.0, y0: 285.0, x1: 100.0, y1: 290.0, text: format!("- {n} -") });
    Page { width: 210.0, height: 297.0, lines }
}

#[test]
fn wrapped_chinese_lines_join_without_spaces() {
    let mut p = "第一条　为了规范".to_string();
    join_wrapped(&mut p, "数据处理活动");
    assert_eq!(p, "第一条　为了规范数据处理活动");
}

#[test]
fn english_hyphenation_is_repaired_and_words_spaced() {
    let mut p = "artificial intel-".to_string();
    join_wrapped(&mut p, "ligence and data");
    assert_eq!(p, "artificial intelligence and data");
    let mut q = "data".to_string();
    join_wrapped(&mut q, "security");
    assert_eq!(q, "data security");
}

#[test]
fn headers_and_page_numbers_are_dropped_and_pages_spanned() {
    let pages = vec![
        page(
            1,
            &[
                ("第一条　为了规范数据处理活动，保障", 20.0, 190.0),
                ("数据安全。", 20.0, 70.0),
                ("第二条　本法适用于", 30.0, 120.0),
            ],
        ),
        page(2, &[("境内的数据处理活动。", 20.0, 110.0), ("第三条　国家保护数据。", 30.0, 130.0)]),
        page(3, &[("第四条　附则。", 30.0, 100.0)]),
    ];
    let (text, spans) = assemble(&pages);
    assert_eq!(
        text,
        "第一条　为了规范数据处理活动，保障数据安全。\n\n第二条　本法适用于\n\n境内的数据处理活动。\n\n第三条　国家保护数据。\n\n第四条　附则。"
    );
    let page_of = |needle: &str| {
        let at = text[..text.find(needle).unwrap_or(0)].chars().count();
        spans.iter().find(|s| s.start <= at && at < s.end).map(|s| s.page)
    };
    assert_eq!(page_of("第二条"), Some(1));
    assert_eq!(page_of("境内"), Some(2));
    assert_eq!(page_of("第四条"), Some(3));
    assert!(!text.contains("通知") && !text.contains('-'));
}

#[test]
fn a_paragraph_running_over_a_page_break_is_joined() {
    let pages = vec![
        page(1, &[("第一条　为了规范数据处理活动，保障", 20.0, 190.0)]),
        page(2, &[("数据安全，制定本法。", 20.0, 110.0)]),
    ];
    let (text, spans) = assemble(&pages);
    assert_eq!(text, "第一条　为了规范数据处理活动，保障数据安全，制定本法。");
    assert_eq!(spans[1].start, "第一条　为了规范数据处理活动，保障".chars().count());
    assert_eq!(spans[1].end, text.chars().count());
}

#[test]
fn a_single_page_keeps_its_header_but_drops_its_page_number() {
    let (text, _) = assemble(&[page(1, &[("正文。", 20.0, 60.0)])]);
    assert_eq!(text, "关于印发某某办法的通知\n\n正文。");
}
