//! A closed stdout or stderr never makes a command panic.
//!
//! `policyscope … | head -1` closes the reader of stdout early; `2>&-` and
//! `>&-` run a command with a stream closed. In every case the command does
//! its work and exits as it would have (0 here), without a panic message.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::{json, policyscope, repo};

/// The commands that print a lot, with the arguments they need.
const COMMANDS: &[&[&str]] = &[
    &["--help"],
    &["docs", "list"],
    &["docs", "list", "--json"],
    &["search", "标准"],
    &["query", "table"],
    &["query", "table", "--json"],
    &["query", "matrix", "--csv"],
    &["query", "excerpts", "Target/Marketisation"],
    &["cite", "list"],
    &["cite", "list", "--json"],
    &["cite", "summary"],
    &["snowball", "--seed", "2"],
    &["graph", "--format", "dot"],
    &["code", "review", "list"],
    &["code", "codes"],
    &["code", "coders"],
    &["code", "terms"],
    &["code", "show", "builtin:study"],
    &["agree", "--coder", "alice", "--coder", "auto:study"],
    &["export", "codings-table", "-"],
    &["export", "codings-table", "-", "--format", "json"],
];

/// The examples imported, auto-coded, and one proposal accepted by `alice`
/// (so that `agree` has two coders to compare).
fn coded_examples() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let p = dir.path().join("proj");
    policyscope(&p).arg("import").arg("--init").arg(repo().join("examples/corpus")).assert().success();
    policyscope(&p).args(["code", "run", "--codebook", "study"]).assert().success();
    let proposals = json(policyscope(&p).args(["code", "review", "list"]));
    let id = proposals[0]["id"].as_i64().expect("the examples get proposals").to_string();
    policyscope(&p).args(["code", "review", "accept", &id, "--coder", "alice"]).assert().success();
    (dir, p)
}

/// `policyscope --project P ARGS`, without `--quiet` so that messages are written too.
fn command(project: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_policyscope"));
    cmd.arg("--project").arg(project).args(args);
    cmd
}

/// The command run through `sh` with `redirect` (e.g. `2>&-`) applied to it.
fn through_shell(project: &Path, args: &[&str], redirect: &str) -> Command {
    let sh = policyscope_testkit::require_tool("sh", "apt-get install -y dash");
    let mut cmd = Command::new(sh);
    cmd.arg("-c")
        .arg(format!("exec \"$0\" \"$@\" {redirect}"))
        .arg(env!("CARGO_BIN_EXE_policyscope"))
        .arg("--project")
        .arg(project)
        .args(args);
    cmd
}

/// The write end of a pipe whose read end is already closed.
fn pipe_without_reader() -> Stdio {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    writer.into()
}

fn run(mut cmd: Command) -> Output {
    cmd.stdin(Stdio::null()).output().expect("policyscope runs")
}

/// What went wrong with a run that should have succeeded quietly, if anything.
fn trouble(out: &Output, args: &[&str], how: &str) -> Option<String> {
    let stderr = String::from_utf8_lossy(&out.stderr);
    let what = if stderr.contains("panicked") || out.status.code() == Some(101) {
        "panicked"
    } else if !out.status.success() {
        "failed"
    } else {
        return None;
    };
    Some(format!("`{}` {how} {what} ({}):\n{stderr}", args.join(" "), out.status))
}

#[test]
fn commands_with_a_closed_stdout_or_stderr_finish_without_panicking() {
    let (_d, p) = coded_examples();
    let mut problems = Vec::new();
    for args in COMMANDS {
        // The command as usual: it succeeds and prints something to lose.
        let normal = run(command(&p, args));
        problems.extend(trouble(&normal, args, "run normally"));
        assert!(!normal.stdout.is_empty(), "`{}` prints nothing to stdout", args.join(" "));

        // `… | head -0`: the reader of stdout is gone before the first write.
        let mut cmd = command(&p, args);
        cmd.stdout(pipe_without_reader());
        problems.extend(trouble(&run(cmd), args, "with stdout's reader gone"));

        // `>&-`: no stdout at all.
        problems.extend(trouble(&run(through_shell(&p, args, ">&-")), args, "with stdout closed"));

        // `2>&-`: no stderr at all; stdout is still complete.
        let out = run(through_shell(&p, args, "2>&-"));
        problems.extend(trouble(&out, args, "with stderr closed"));
        if out.stdout != normal.stdout {
            problems.push(format!("`{}` with stderr closed lost output", args.join(" ")));
        }

        // stderr's reader gone (`2>&1 | …` closed early): messages are lost,
        // stdout is still complete. (The stderr of these runs cannot be read:
        // the exit status tells a panic, 101.)
        let mut cmd = command(&p, args);
        cmd.stderr(pipe_without_reader());
        let out = run(cmd);
        problems.extend(trouble(&out, args, "with stderr's reader gone"));
        if out.stdout != normal.stdout {
            problems.push(format!("`{}` with stderr's reader gone lost output", args.join(" ")));
        }

        // Both readers gone.
        let mut cmd = command(&p, args);
        cmd.stdout(pipe_without_reader()).stderr(pipe_without_reader());
        problems.extend(trouble(&run(cmd), args, "with both readers gone"));
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn a_failing_command_with_a_closed_stderr_still_fails_without_panicking() {
    let (_d, p) = coded_examples();
    let args = ["docs", "show", "9999"];
    let mut cmd = command(&p, &args);
    cmd.stderr(pipe_without_reader());
    let out = run(cmd);
    assert_ne!(out.status.code(), Some(101), "a failing command panicked on a closed stderr");
    assert_eq!(out.status.code(), Some(1), "a failing command keeps its failure exit code");
}
