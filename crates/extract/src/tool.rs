//! External tools as subprocesses: found on `PATH` or named for installation,
//! run in their own process group under a time limit, an output cap and an
//! address-space limit, killed (with their children) when they overrun.

use std::ffi::OsStr;
use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::{Deadline, Error, Limits, Result};

/// A program this crate may run, with the Debian package that provides it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tool {
    /// The program name.
    pub program: &'static str,
    /// The Debian package to install.
    pub package: &'static str,
    /// What it is needed for (in error messages).
    pub what: &'static str,
}

impl Tool {
    /// poppler's PDF text extractor.
    pub const PDFTOTEXT: Tool = Tool { program: "pdftotext", package: "poppler-utils", what: "PDF files" };
    /// poppler's PDF page renderer (for OCR).
    pub const PDFTOPPM: Tool =
        Tool { program: "pdftoppm", package: "poppler-utils", what: "PDF page images" };
    /// The OCR engine, with Simplified Chinese data.
    pub const TESSERACT: Tool = Tool {
        program: "tesseract",
        package: "tesseract-ocr tesseract-ocr-chi-sim",
        what: "scanned pages (OCR)",
    };
    /// LibreOffice, for Word 97–2003 and RTF files.
    pub const SOFFICE: Tool = Tool {
        program: "soffice",
        package: "libreoffice-writer-nogui",
        what: "Word 97-2003 (.doc) and RTF files",
    };

    /// The program's path, or the error naming the package to install.
    pub fn locate(&self) -> Result<PathBuf> {
        find_tool(self.program).ok_or(Error::ToolMissing {
            what: self.what,
            tool: self.program,
            package: self.package,
        })
    }
}

/// The full path of a program on `PATH`.
pub fn find_tool(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(program)).find(|p| p.is_file())
}

/// Runs `tool` with `args`; returns its standard output.
///
/// `limit_memory` applies [`Limits::max_tool_memory`] as an address-space
/// limit (not for LibreOffice, which reserves far more than it uses).
pub(crate) fn run(
    tool: &Tool,
    args: &[&OsStr],
    limits: &Limits,
    deadline: Deadline,
    limit_memory: bool,
) -> Result<Vec<u8>> {
    let program = tool.locate()?;
    let mut cmd = if limit_memory {
        let kb = (limits.max_tool_memory / 1024).to_string();
        let mut c = Command::new("/bin/sh");
        c.arg("-c").arg(format!("ulimit -v {kb} && exec \"$0\" \"$@\"")).arg(&program);
        c
    } else {
        Command::new(&program)
    };
    cmd.args(args).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).process_group(0);
    let mut child =
        cmd.spawn().map_err(|e| Error::ToolFailed { tool: tool.program.into(), message: e.to_string() })?;
    let cap = limits.max_tool_output;
    let stdout = child.stdout.take().map(|out| std::thread::spawn(move || read_capped(out, cap)));
    let stderr = child.stderr.take().map(|err| std::thread::spawn(move || read_capped(err, 64 * 1024)));
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) => {}
            Err(e) => return Err(Error::ToolFailed { tool: tool.program.into(), message: e.to_string() }),
        }
        if let Err(timed_out) = deadline.check() {
            kill_group(child.id());
            let _ = child.kill();
            let _ = child.wait();
            return Err(timed_out);
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let out = stdout.and_then(|h| h.join().ok()).unwrap_or_default();
    let err = stderr.and_then(|h| h.join().ok()).unwrap_or_default();
    if out.len() as u64 > cap {
        return Err(Error::TooLarge {
            what: format!("output of {}", tool.program),
            size: out.len() as u64,
            limit: cap,
        });
    }
    if !status.success() {
        let message = String::from_utf8_lossy(&err).lines().take(3).collect::<Vec<_>>().join("; ");
        return Err(Error::ToolFailed { tool: tool.program.into(), message: format!("{status}: {message}") });
    }
    Ok(out)
}

/// Reads at most `cap + 1` bytes, then drains the rest so the tool never blocks.
fn read_capped(mut r: impl Read, cap: u64) -> Vec<u8> {
    let mut buf = Vec::new();
    let _ = (&mut r).take(cap.saturating_add(1)).read_to_end(&mut buf);
    let _ = std::io::copy(&mut r, &mut std::io::sink());
    buf
}

/// Ends the tool's process group (LibreOffice forks a child that outlives its parent).
fn kill_group(pid: u32) {
    let _ = Command::new("kill").args(["-KILL", "--", &format!("-{pid}")]).status();
}

/// The first line of `program --version` (or `-v`), for extractor versions.
pub(crate) fn version(tool: &Tool, flag: &str) -> String {
    let Ok(path) = tool.locate() else { return String::new() };
    Command::new(path)
        .arg(flag)
        .stdin(Stdio::null())
        .output()
        .ok()
        .map(|o| {
            let text = if o.stdout.is_empty() { o.stderr } else { o.stdout };
            String::from_utf8_lossy(&text).lines().next().unwrap_or("").trim().to_string()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_tool_names_the_package_to_install() {
        let t = Tool { program: "no-such-tool-here", package: "some-package", what: "tests" };
        let e = t.locate().err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("apt-get install some-package"), "{e}");
    }

    #[test]
    fn a_tool_that_overruns_its_time_is_killed() {
        let sleep = Tool { program: "sleep", package: "coreutils", what: "tests" };
        let started = std::time::Instant::now();
        let r = run(
            &sleep,
            &[OsStr::new("5")],
            &Limits::default(),
            Deadline::after(Duration::from_millis(200)),
            true,
        );
        assert!(matches!(r, Err(Error::TimedOut(_))), "{r:?}");
        assert!(started.elapsed() < Duration::from_secs(3));
    }

    #[test]
    fn output_beyond_the_cap_is_refused() {
        let yes = Tool { program: "head", package: "coreutils", what: "tests" };
        let limits = Limits { max_tool_output: 1000, ..Limits::default() };
        let r = run(
            &yes,
            &[OsStr::new("-c"), OsStr::new("5000"), OsStr::new("/dev/zero")],
            &limits,
            Deadline::after(Duration::from_secs(5)),
            true,
        );
        assert!(matches!(r, Err(Error::TooLarge { .. })), "{r:?}");
    }
}
