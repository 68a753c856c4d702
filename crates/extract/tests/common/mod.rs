//! Fixtures made at test time from the shared corpus, a minimal OFD writer,
//! and the similarity measure the acceptance criteria use.
#![allow(dead_code)]

mod fixtures;
pub mod ofd_writer;
pub mod paged;
pub mod pdf_writer;

#[allow(unused_imports)] // each test binary uses a different subset
pub use fixtures::{fixtures, names, FIXTURES};

use std::path::Path;
use std::process::Command;

use policyscope_testkit::require_tool;

/// A text without any whitespace, as characters.
pub fn squash(text: &str) -> Vec<char> {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Character similarity after whitespace removal: `1 - D / (|a| + |b|)`,
/// where `D` is the insert/delete edit distance (Myers' O(ND) algorithm),
/// i.e. `2·LCS / (|a| + |b|)`. Distances beyond 5% are not computed: the
/// result is then an upper bound of `0.95`.
pub fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (squash(a), squash(b));
    let total = a.len() + b.len();
    if total == 0 {
        return 1.0;
    }
    let max = (total / 20).max(16).min(total);
    let d = edit_distance(&a, &b, max).unwrap_or(max);
    1.0 - d as f64 / total as f64
}

fn edit_distance(a: &[char], b: &[char], max: usize) -> Option<usize> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let offset = max as isize + 1;
    let mut v = vec![0isize; 2 * max + 3];
    for d in 0..=max as isize {
        let mut k = -d;
        while k <= d {
            let i = (k + offset) as usize;
            let mut x = if k == -d || (k != d && v[i - 1] < v[i + 1]) { v[i + 1] } else { v[i - 1] + 1 };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            v[i] = x;
            if x >= n && y >= m {
                return Some(d as usize);
            }
            k += 2;
        }
    }
    None
}

/// `pdftotext` (plain mode) of a whole PDF, or of one page.
pub fn pdftotext(pdf: &Path, page: Option<u32>) -> String {
    let tool = require_tool("pdftotext", "apt-get install -y poppler-utils");
    let mut cmd = Command::new(tool);
    cmd.args(["-enc", "UTF-8"]);
    if let Some(p) = page {
        cmd.args(["-f", &p.to_string(), "-l", &p.to_string()]);
    }
    let out = cmd.arg(pdf).arg("-").output().unwrap_or_else(|e| panic!("pdftotext: {e}"));
    assert!(out.status.success(), "pdftotext failed on {}", pdf.display());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn similarity_counts_edits() {
    assert_eq!(similarity("数据 安全", "数据安全"), 1.0);
    assert!((similarity("abcd", "abed") - 0.75).abs() < 1e-9);
    assert!(similarity(&"甲".repeat(100), &"乙".repeat(100)) <= 0.95);
}
