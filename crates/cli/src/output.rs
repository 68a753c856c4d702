//! Printing: JSON on stdout for scripts, tables and messages for people.
//!
//! Every write of the tool to stdout or stderr goes through this module
//! (`print!` and `eprint!` are denied in `main.rs`), because the standard
//! macros panic when the stream is gone. What happens then:
//!
//! * stdout whose reader went away (`policyscope … | head -1`): the rest of
//!   the output is dropped, the command still does its work and exits with
//!   its own code (0 on success), silently. A stdout closed outright (`>&-`)
//!   behaves the same: the Rust runtime opens `/dev/null` in its place.
//! * stderr closed or gone (`2>&-`, a pipe closed early): messages are lost,
//!   never an error; the exit code is the command's own.
//! * any other failure to write stdout (a full disk behind `> file`) is an
//!   error: the command fails with exit code 1.

use serde::Serialize;

use std::io::Write;

/// Stdout as a writer, for output written in pieces (tables, CSV). A reader
/// that went away takes every write as done: the output is simply no longer
/// wanted, and the command must not fail (or panic) for it.
pub struct Stdout<W: Write = std::io::StdoutLock<'static>> {
    inner: W,
    /// Set once a write found the reader gone: nothing more is tried.
    gone: bool,
}

/// Stdout as a writer (see [`Stdout`]).
pub fn stdout() -> Stdout {
    Stdout::new(std::io::stdout().lock())
}

impl<W: Write> Stdout<W> {
    fn new(inner: W) -> Self {
        Stdout { inner, gone: false }
    }

    /// `result` of a write, with a gone reader turned into `done`.
    fn unless_gone<T>(&mut self, result: std::io::Result<T>, done: T) -> std::io::Result<T> {
        match result {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.gone = true;
                Ok(done)
            }
            other => other,
        }
    }
}

impl<W: Write> Write for Stdout<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.gone {
            return Ok(buf.len());
        }
        let result = self.inner.write(buf);
        self.unless_gone(result, buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.gone {
            return Ok(());
        }
        let result = self.inner.flush();
        self.unless_gone(result, ())
    }
}

/// Prints a value as pretty JSON on stdout.
pub fn json<T: Serialize>(value: &T) -> anyhow::Result<()> {
    let s = serde_json::to_string_pretty(value)?;
    line(&s)
}

/// Prints a line on stdout.
pub fn line(s: &str) -> anyhow::Result<()> {
    let mut out = stdout();
    writeln!(out, "{s}")?;
    Ok(())
}

/// Prints a block of text on stdout as it is (it ends its own lines).
pub fn text(s: &str) -> anyhow::Result<()> {
    let mut out = stdout();
    out.write_all(s.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Prints a line for people on stderr. Messages are a courtesy: a stderr
/// that is closed or whose reader went away (`2>&-`, a pipe closed early)
/// loses them, and the command still finishes with its own exit code
/// (`eprintln!` would panic instead).
pub fn message(s: &str) {
    let mut err = std::io::stderr().lock();
    // Nothing else can be told about a failure to write the message.
    let _ = writeln!(err, "{s}");
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
    use super::{pad, Stdout};
    use std::io::{ErrorKind, Write};

    /// A stream that fails every write and flush with `kind`, counting the writes.
    struct Failing(ErrorKind, usize);

    impl Write for Failing {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            self.1 += 1;
            Err(self.0.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Err(self.0.into())
        }
    }

    #[test]
    fn a_gone_reader_takes_the_output_without_error_and_is_not_written_again() {
        let mut out = Stdout::new(Failing(ErrorKind::BrokenPipe, 0));
        assert!(out.write_all("第一行\n".as_bytes()).is_ok());
        assert!(writeln!(out, "第二行").is_ok());
        assert!(out.flush().is_ok());
        assert_eq!(out.inner.1, 1, "one failed write is enough to know the reader is gone");
    }

    #[test]
    fn other_write_failures_stay_errors() {
        let mut out = Stdout::new(Failing(ErrorKind::StorageFull, 0));
        let err = out.write_all(b"row\n").map_err(|e| e.kind());
        assert_eq!(err, Err(ErrorKind::StorageFull));
        assert_eq!(out.flush().map_err(|e| e.kind()), Err(ErrorKind::StorageFull));
    }

    #[test]
    fn pads_by_terminal_columns() {
        assert_eq!(pad("国发〔2017〕35号", 18), "国发〔2017〕35号  ");
        assert_eq!(pad("abc", 5), "abc  ");
        assert_eq!(pad("toolong", 3), "toolong");
    }
}
