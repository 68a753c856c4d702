//! A minimal PDF writer for tests: pages of given content streams, one
//! font resource, a correct cross-reference table.

/// A standard Type 1 font (text extractable through its standard encoding).
pub const HELVETICA: &str = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

/// A CID font with no ToUnicode map and no embedded program: its glyph ids
/// cannot be turned back into characters.
pub const CID_WITHOUT_TOUNICODE: &str =
    "<< /Type /Font /Subtype /Type0 /BaseFont /NoMap /Encoding /Identity-H \
     /DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NoMap \
     /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> \
     /FontDescriptor << /Type /FontDescriptor /FontName /NoMap /Flags 4 /FontBBox [0 0 1000 1000] \
     /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >> >>] >>";

/// A PDF whose pages draw `contents` (content streams) with `font` as /F1.
pub fn pdf(contents: &[String], font: &str) -> Vec<u8> {
    let n = contents.len();
    // Objects: 1 catalog, 2 pages, 3 font, then (page, content) pairs.
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")),
        font.to_string(),
    ];
    for (i, c) in contents.iter().enumerate() {
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
            5 + 2 * i
        ));
        objects.push(format!("<< /Length {} >>\nstream\n{c}\nendstream", c.len() + 1));
    }
    assemble(objects.into_iter().map(String::into_bytes).collect())
}

/// Numbers `objects` from 1 (the first is the catalog) and writes the file
/// with its cross-reference table.
fn assemble(objects: Vec<Vec<u8>>) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    let trailer =
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1);
    out.extend_from_slice(trailer.as_bytes());
    out
}

/// A content stream writing `lines` of ASCII text from the top of the page.
pub fn text_page(lines: &[String]) -> String {
    let mut s = String::from("BT /F1 11 Tf 14 TL 72 770 Td\n");
    for l in lines {
        s.push_str(&format!("({}) Tj T*\n", l.replace('\\', "\\\\").replace('(', "\\(").replace(')', "\\)")));
    }
    s.push_str("ET");
    s
}

/// A one-page PDF holding only an 8-bit grey image (a scan): no text layer.
pub fn image_pdf(width: usize, height: usize, grey: &[u8]) -> Vec<u8> {
    let content = "q 595 0 0 842 0 0 cm /Im1 Do Q";
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>"
            .to_vec(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len() + 1).into_bytes(),
        [
            format!(
                "<< /Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Length {} >>\nstream\n",
                grey.len()
            )
            .into_bytes(),
            grey.to_vec(),
            b"\nendstream".to_vec(),
        ]
        .concat(),
    ];
    assemble(objects)
}

/// Page `page` of a PDF rendered to 8-bit grey by `pdftoppm` at `dpi`: (width, height, pixels).
pub fn render_grey(pdf: &std::path::Path, page: u32, dpi: u32) -> (usize, usize, Vec<u8>) {
    let tool = policyscope_testkit::require_tool("pdftoppm", "apt-get install -y poppler-utils");
    let p = page.to_string();
    let out = std::process::Command::new(tool)
        .args(["-gray", "-r", &dpi.to_string(), "-f", &p, "-l", &p])
        .arg(pdf)
        .output()
        .unwrap_or_else(|e| panic!("pdftoppm: {e}"));
    assert!(out.status.success(), "pdftoppm failed on {}", pdf.display());
    // PGM (P5): magic, width, height, max value, one whitespace, pixels.
    let bytes = out.stdout;
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..at]).into_owned());
    }
    let (w, h): (usize, usize) = (fields[1].parse().unwrap_or(0), fields[2].parse().unwrap_or(0));
    (w, h, bytes[at + 1..at + 1 + w * h].to_vec())
}
