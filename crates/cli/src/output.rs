//! Printing: JSON on stdout for scripts, tables and messages for people.

use serde::Serialize;

use std::io::Write;

/// Prints a value as pretty JSON on stdout.
pub fn json<T: Serialize>(value: &T) -> anyhow::Result<()> {
    let s = serde_json::to_string_pretty(value)?;
    line(&s)
}

/// Prints a line on stdout. A reader that went away (`policyscope … | head`)
/// is not an error: the output is simply no longer wanted.
pub fn line(s: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{s}") {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// A progress bar on stderr, hidden in quiet mode or when stderr is not a terminal.
pub fn progress_bar(len: u64, quiet: bool, what: &str) -> indicatif::ProgressBar {
    if quiet {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::with_draw_target(Some(len), indicatif::ProgressDrawTarget::stderr());
    if let Ok(style) = indicatif::ProgressStyle::with_template(&format!(
        "{{spinner}} {what} [{{bar:40}}] {{pos}}/{{len}} ({{eta}}) {{msg}}"
    )) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// Pads `s` with spaces to `width` terminal columns, counting CJK and
/// full-width characters as two columns (a plain `{:<22}` counts characters,
/// which misaligns Chinese tables).
pub fn pad(s: &str, width: usize) -> String {
    let wide = |c: char| {
        matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
            | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
    };
    let columns: usize = s.chars().map(|c| if wide(c) { 2 } else { 1 }).sum();
    format!("{s}{}", " ".repeat(width.saturating_sub(columns)))
}

#[cfg(test)]
mod tests {
    use super::pad;

    #[test]
    fn pads_by_terminal_columns() {
        assert_eq!(pad("国发〔2017〕35号", 18), "国发〔2017〕35号  ");
        assert_eq!(pad("abc", 5), "abc  ");
        assert_eq!(pad("toolong", 3), "toolong");
    }
}
