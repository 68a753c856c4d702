//! A minimal OFD writer for tests: A4 pages of 12 pt monospaced text with a
//! running header (the title) and a "- N -" footer, text objects written in
//! scrambled drawing order (footer first, lines back to front, each line
//! split in two objects) as real producers do.

use std::io::Write;

const SIZE: f32 = 4.2; // mm, 12 pt
const LEFT: f32 = 25.0;
const PER_LINE: usize = 38;
const TOP: f32 = 30.0;
const PITCH: f32 = 6.3;
const LINES: usize = 38;

/// An OFD file and, per page, the body text placed on it.
pub struct Written {
    /// The file.
    pub bytes: Vec<u8>,
    /// Body text of each page (no header, no footer).
    pub pages: Vec<String>,
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn object(id: &mut usize, x: f32, y: f32, size: f32, text: &str) -> String {
    *id += 1;
    let n = text.chars().count();
    let w = size * n as f32;
    let delta = if n > 1 { format!(" DeltaX=\"g {} {size}\"", n - 1) } else { String::new() };
    format!(
        "<ofd:TextObject ID=\"{id}\" Boundary=\"{x} {} {w} {size}\" Font=\"1\" Size=\"{size}\"><ofd:TextCode X=\"0\" Y=\"{size}\"{delta}>{}</ofd:TextCode></ofd:TextObject>",
        y - size,
        esc(text)
    )
}

/// Lays out paragraphs (the first is the title, centred) and writes the OFD.
pub fn write(paragraphs: &[&str]) -> Written {
    let title = paragraphs.first().copied().unwrap_or("");
    // (indent in chars, text) of every line, in reading order.
    let mut lines: Vec<(usize, String)> = Vec::new();
    for (i, p) in paragraphs.iter().enumerate() {
        let chars: Vec<char> = p.chars().collect();
        if i == 0 {
            let indent = PER_LINE.saturating_sub(chars.len()) / 2;
            lines.push((indent, p.to_string()));
            continue;
        }
        let mut at = 0;
        let mut indent = 2;
        while at < chars.len() {
            let take = (PER_LINE - indent).min(chars.len() - at);
            lines.push((indent, chars[at..at + take].iter().collect()));
            at += take;
            indent = 0;
        }
    }
    let mut pages_xml = Vec::new();
    let mut pages_text = Vec::new();
    for (n, chunk) in lines.chunks(LINES).enumerate() {
        let mut id = 0;
        let mut objects = vec![object(&mut id, 100.0, 285.0, 3.2, &format!("- {} -", n + 1))];
        for (row, (indent, text)) in chunk.iter().enumerate().rev() {
            let y = TOP + PITCH * row as f32 + SIZE;
            let chars: Vec<char> = text.chars().collect();
            let half = chars.len() / 2;
            let x = LEFT + SIZE * *indent as f32;
            let second: String = chars[half..].iter().collect();
            if !second.is_empty() {
                objects.push(object(&mut id, x + SIZE * half as f32, y, SIZE, &second));
            }
            let first: String = chars[..half].iter().collect();
            if !first.is_empty() {
                objects.push(object(&mut id, x, y, SIZE, &first));
            }
        }
        let header_x = (210.0 - 3.2 * title.chars().count() as f32) / 2.0;
        objects.push(object(&mut id, header_x, 15.0, 3.2, title));
        pages_xml.push(format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:Page xmlns:ofd=\"http://www.ofdspec.org/2016\"><ofd:Content><ofd:Layer ID=\"0\">{}</ofd:Layer></ofd:Content></ofd:Page>",
            objects.join("")
        ));
        pages_text.push(chunk.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>().join("\n"));
    }
    let page_list: String = (0..pages_xml.len())
        .map(|i| format!("<ofd:Page ID=\"{}\" BaseLoc=\"Pages/Page_{i}/Content.xml\"/>", i + 1))
        .collect();
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:Document xmlns:ofd=\"http://www.ofdspec.org/2016\"><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages>{page_list}</ofd:Pages></ofd:Document>"
    );
    let root = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\" Version=\"1.0\" DocType=\"OFD\"><ofd:DocBody><ofd:DocInfo><ofd:DocID>test</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>";
    let mut parts =
        vec![("OFD.xml".to_string(), root.to_string()), ("Doc_0/Document.xml".to_string(), document)];
    for (i, xml) in pages_xml.into_iter().enumerate() {
        parts.push((format!("Doc_0/Pages/Page_{i}/Content.xml"), xml));
    }
    Written { bytes: zip(&parts), pages: pages_text }
}

/// A zip of (name, content) entries, deflated.
pub fn zip(parts: &[(String, String)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, content) in parts {
        zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap_or_else(|e| panic!("zip: {e}"));
        zip.write_all(content.as_bytes()).unwrap_or_else(|e| panic!("zip: {e}"));
    }
    zip.finish().unwrap_or_else(|e| panic!("zip: {e}")).into_inner()
}
