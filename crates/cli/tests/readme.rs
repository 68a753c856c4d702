//! The README's usage examples, run as written.
//!
//! The commands are read from README.md itself (every ```sh block of the
//! Usage section), so an example that stops working fails here. They run in
//! order in a temporary folder: `policyscope init study` and the lines with
//! `--project` run in that folder, the others (which use the current folder
//! as the project, or write beside it) inside `study/`. Only the binary, the
//! placeholders in [`PLACEHOLDERS`] and paths into the repository
//! ([`REPO_PATHS`]) are replaced; optional `[…]` parts are left out and of
//! `a|b|c` alternatives the first is taken. The few lines that cannot run as
//! written are listed in [`CANNOT_RUN`] with the reason.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// README lines (after joining continuations and dropping comments) that are
/// not run, and why.
const CANNOT_RUN: &[(&str, &str)] = &[
    (
        "policyscope --project study serve",
        "serves until stopped; the server's tests and e2e/app.spec.mjs drive it",
    ),
    (
        "policyscope --project study serve --bind 127.0.0.1:0",
        "serves until stopped; the server's tests and e2e/app.spec.mjs drive it",
    ),
    (
        "policyscope --database postgres://policyscope:SECRET@localhost/study serve --bind 0.0.0.0:8080 --public-url http://coding-server:8080",
        "serves until stopped; the server's tests drive it on PostgreSQL",
    ),
    (
        "policyscope --project study users add Bo --role coder --password-stdin < bo-password.txt",
        "reads the password from stdin (or needs users added so); crates/cli/tests/users.rs runs it",
    ),
    (
        "policyscope --project study users set-role Bo viewer",
        "reads the password from stdin (or needs users added so); crates/cli/tests/users.rs runs it",
    ),
    (
        "policyscope --project study users disable Bo",
        "reads the password from stdin (or needs users added so); crates/cli/tests/users.rs runs it",
    ),
    (
        "policyscope --project study users token Ann --label nightly",
        "reads the password from stdin (or needs users added so); crates/cli/tests/users.rs runs it",
    ),
    (
        "policyscope --project study serve --bind 0.0.0.0:8737 --public-url https://team.example --secure-cookies",
        "serves until stopped; crates/server/tests/security.rs drives the app with accounts",
    ),
    (
        "policyscope --project study import scans/ --ocr",
        "needs scanned PDFs, which the examples do not have; crates/extract's tests OCR their own",
    ),
];

/// Words starting with these are paths inside the repository (e.g. the lab's
/// `crates/lab/specs/…`) and are given from its root.
const REPO_PATHS: &[&str] = &["crates/", "examples/"];

/// Subcommands that make the project, run in the folder holding it.
const PROJECTLESS: &[&str] = &["init", "copy"];

/// The team-server database of the README's examples: a new, empty database
/// on the test PostgreSQL server stands for it.
const TEAM_DATABASE: &str = "postgres://policyscope:SECRET@localhost/study";

/// Placeholders in the README's commands (whole words) and what they stand
/// for here; `{repo}` and `{shared}` are the repository and `../shared`.
const PLACEHOLDERS: &[(&str, &str)] = &[
    ("~/docs", "{repo}/examples/corpus"),
    ("../shared/corpus/study", "{shared}/corpus/study"),
    ("catalog.tsv", "{repo}/examples/catalog.tsv"),
    ("rules.toml", "{repo}/crates/cite/rules/study.toml"),
    // A project from another tool: the project's own export (`export qdpx study.qdpx` above).
    ("other-tool.qdpx", "study.qdpx"),
];

/// The seed id in the README's snowball examples stands for this document.
const SEED_ID: (&str, &str) = ("3283", "study/08-generative-ai-services-interim-measures-2023.md");

/// One command of the README, ready to run.
#[derive(Debug, Clone, PartialEq)]
struct Example {
    /// The line as it stands in the README (continuations joined).
    line: String,
    /// The words after `policyscope`, placeholders not yet replaced.
    args: Vec<String>,
    /// `> FILE`: where stdout goes.
    stdout_to: Option<String>,
}

/// The ```sh blocks of the `## Usage` section (up to the next `## ` heading).
fn usage_blocks(readme: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut in_usage = false;
    let mut block: Option<String> = None;
    for line in readme.lines() {
        if let Some(b) = block.as_mut() {
            if line.trim_start().starts_with("```") {
                blocks.push(std::mem::take(b));
                block = None;
            } else {
                b.push_str(line);
                b.push('\n');
            }
        } else if line.starts_with("## ") {
            in_usage = line.trim() == "## Usage";
        } else if in_usage && line.trim() == "```sh" {
            block = Some(String::new());
        }
    }
    blocks
}

/// The `policyscope …` commands of a block: continuation lines joined,
/// comments dropped.
fn commands(block: &str) -> Vec<String> {
    let joined = block.replace("\\\n", " ");
    joined
        .lines()
        .map(|l| strip_comment(l).split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| l.starts_with("policyscope "))
        .collect()
}

/// The line without a ` #` comment that is outside quotes.
fn strip_comment(line: &str) -> &str {
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '\'' || c == '"' => quote = Some(c),
            None if c == '#' && prev.is_whitespace() => return &line[..i],
            None => {}
        }
        prev = c;
    }
    line
}

/// Splits a command as a shell would (quotes, no expansion), leaving out
/// unquoted `[…]` parts and taking the first of unquoted `a|b` alternatives.
fn parse(line: &str) -> Example {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quoted_word = false;
    let mut quote: Option<char> = None;
    let mut optional_depth = 0usize;
    let mut finish = |word: &mut String, in_word: &mut bool, quoted: &mut bool| {
        if *in_word {
            let w = std::mem::take(word);
            words.push(if *quoted { w } else { w.split('|').next().unwrap_or_default().to_string() });
        }
        *in_word = false;
        *quoted = false;
    };
    for c in line.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => word.push(c),
            None if optional_depth > 0 => match c {
                '[' => optional_depth += 1,
                ']' => optional_depth -= 1,
                _ => {}
            },
            None if c == '[' => optional_depth = 1,
            None if c == '\'' || c == '"' => {
                quote = Some(c);
                in_word = true;
                quoted_word = true;
            }
            None if c.is_whitespace() => finish(&mut word, &mut in_word, &mut quoted_word),
            None => {
                word.push(c);
                in_word = true;
            }
        }
    }
    finish(&mut word, &mut in_word, &mut quoted_word);
    let mut args: Vec<String> = words.into_iter().skip(1).collect();
    let mut stdout_to = None;
    if let Some(i) = args.iter().position(|a| a == ">") {
        stdout_to = args.get(i + 1).cloned();
        args.truncate(i);
    }
    Example { line: line.to_string(), args, stdout_to }
}

/// Every runnable example of the README, in order, and the lines left out.
fn examples(readme: &str) -> (Vec<Example>, Vec<String>) {
    let mut run = Vec::new();
    let mut left_out = Vec::new();
    for line in usage_blocks(readme).iter().flat_map(|b| commands(b)) {
        if CANNOT_RUN.iter().any(|(l, _)| *l == line) {
            left_out.push(line);
        } else {
            run.push(parse(&line));
        }
    }
    (run, left_out)
}

/// Where a command runs: the folder holding the project, or the project.
fn runs_beside_the_project(e: &Example) -> bool {
    e.args.iter().any(|a| a == "--project") || subcommand(e).first().is_some_and(|s| PROJECTLESS.contains(s))
}

/// The subcommand's words: the arguments without `--project DIR` and the
/// global output switches.
fn subcommand(e: &Example) -> Vec<&str> {
    let mut out = Vec::new();
    let mut args = e.args.iter().map(String::as_str);
    while let Some(a) = args.next() {
        match a {
            "--project" | "--database" => {
                args.next();
            }
            "--json" | "--quiet" | "-q" => {}
            _ => out.push(a),
        }
    }
    out
}

/// Subcommands whose result is printed (on stdout, or into the `-o` or `>`
/// file): an empty result is a failure. Listings that may rightly be empty
/// (`code review list`, `code memos`) and commands that change the project
/// are not here.
const PRINTS: &[&[&str]] = &[
    &["docs", "list"],
    &["docs", "show"],
    &["search"],
    &["cite"],
    &["graph"],
    &["code", "check"],
    &["code", "show"],
    &["code", "terms"],
    &["code", "codes"],
    &["code", "coders"],
    &["query"],
    &["agree"],
    &["report"],
];

/// Whether the example must print something.
fn prints(e: &Example) -> bool {
    let sub = subcommand(e);
    PRINTS.iter().any(|p| sub.starts_with(p))
}

/// The file given with `-o`, if any.
fn output_file(e: &Example) -> Option<&str> {
    e.args.iter().position(|a| a == "-o").and_then(|i| e.args.get(i + 1)).map(String::as_str)
}

/// People named with `--coder` in the agreement examples (groups split,
/// machine coders left out), in order of appearance.
fn people_in_agreement(examples: &[Example]) -> Vec<String> {
    let mut people: Vec<String> = Vec::new();
    for e in examples.iter().filter(|e| subcommand(e).first() == Some(&"agree")) {
        for pair in e.args.windows(2).filter(|w| w[0] == "--coder") {
            for name in pair[1].split('+').filter(|n| !n.contains(':')) {
                if !people.iter().any(|p| p == name) {
                    people.push(name.to_string());
                }
            }
        }
    }
    people
}

struct Runner {
    bin: PathBuf,
    work: PathBuf,
    repo: PathBuf,
    shared: PathBuf,
}

impl Runner {
    fn command(&self, e: &Example) -> Command {
        let mut cmd = Command::new(&self.bin);
        cmd.env_remove("POLICYSCOPE_PROJECT").env_remove("POLICYSCOPE_CODER");
        cmd.current_dir(if runs_beside_the_project(e) { self.work.clone() } else { self.work.join("study") });
        for a in &e.args {
            cmd.arg(self.substitute(a));
        }
        cmd
    }

    fn substitute(&self, word: &str) -> String {
        if word == SEED_ID.0 {
            return self.seed_id().to_string();
        }
        if word == TEAM_DATABASE {
            static DATABASE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
            return DATABASE.get_or_init(policyscope_testkit::fresh_postgres_database).clone();
        }
        if REPO_PATHS.iter().any(|p| word.starts_with(p)) {
            return self.repo.join(word).display().to_string();
        }
        match PLACEHOLDERS.iter().find(|(p, _)| *p == word) {
            Some((_, to)) => to
                .replace("{repo}", &self.repo.display().to_string())
                .replace("{shared}", &self.shared.display().to_string()),
            None => word.to_string(),
        }
    }

    fn seed_id(&self) -> i64 {
        let out = Command::new(&self.bin)
            .args(["--json", "docs", "list"])
            .current_dir(self.work.join("study"))
            .env_remove("POLICYSCOPE_PROJECT")
            .output()
            .unwrap();
        let docs: serde_json::Value =
            serde_json::from_slice(&out.stdout).expect("docs list --json gives JSON");
        docs.as_array()
            .into_iter()
            .flatten()
            .find(|d| d.to_string().contains(SEED_ID.1))
            .and_then(|d| d["id"].as_i64())
            .unwrap_or_else(|| panic!("no document at {} in the project", SEED_ID.1))
    }

    /// Runs one example; the failure says which README line and why.
    fn run(&self, e: &Example) -> Result<(), String> {
        let cmd = self.command(e);
        let dir = cmd.get_current_dir().map(Path::to_path_buf).unwrap_or_default();
        let out = { cmd }.output().map_err(|err| format!("{}: cannot start: {err}", e.line))?;
        let stderr = String::from_utf8_lossy(&out.stderr);
        if !out.status.success() {
            return Err(format!("{}\n  exit {:?}\n  stderr: {}", e.line, out.status.code(), stderr.trim()));
        }
        if let Some(file) = &e.stdout_to {
            std::fs::write(dir.join(file), &out.stdout).map_err(|err| format!("{}: {err}", e.line))?;
        }
        let printed = match output_file(e) {
            Some(file) => std::fs::metadata(dir.join(file)).map(|m| m.len() > 0).unwrap_or(false),
            None => !String::from_utf8_lossy(&out.stdout).trim().is_empty(),
        };
        if prints(e) && !printed {
            return Err(format!("{}\n  printed nothing (stderr: {})", e.line, stderr.trim()));
        }
        Ok(())
    }

    /// Gives every person the agreement examples name some codings of their
    /// own, as a study's coders would have: each accepts a different share
    /// of the auto-coder's proposals (the README's review lines make only
    /// alice's, and she accepts a share too).
    fn code_as(&self, people: &[String]) {
        let project = self.work.join("study");
        let list = Command::new(&self.bin)
            .args(["--json", "code", "review", "list", "--by", "auto:study", "--status", "all", "-n", "40"])
            .current_dir(&project)
            .env_remove("POLICYSCOPE_PROJECT")
            .output()
            .unwrap();
        let codings: serde_json::Value =
            serde_json::from_slice(&list.stdout).expect("review list --json gives JSON");
        let ids: Vec<String> = codings
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|c| c["id"].as_i64())
            .map(|id| id.to_string())
            .collect();
        assert!(ids.len() >= 4, "the auto-coder made too few codings to share among coders: {ids:?}");
        for (i, person) in people.iter().enumerate() {
            let mine: Vec<&String> =
                ids.iter().enumerate().filter(|(k, _)| (k + i) % 3 != 0).map(|(_, id)| id).collect();
            let ok = Command::new(&self.bin)
                .args(["code", "review", "accept"])
                .args(&mine)
                .args(["--coder", person])
                .current_dir(&project)
                .env_remove("POLICYSCOPE_PROJECT")
                .env_remove("POLICYSCOPE_CODER")
                .output()
                .unwrap();
            assert!(
                ok.status.success(),
                "{person} cannot accept codings: {}",
                String::from_utf8_lossy(&ok.stderr)
            );
        }
    }
}

#[test]
fn readme_usage_examples_run_as_written() {
    let repo = common::repo();
    let readme = std::fs::read_to_string(repo.join("README.md")).expect("README.md is readable");
    let (examples, left_out) = examples(&readme);
    for (line, why) in CANNOT_RUN {
        assert!(
            left_out.iter().any(|l| l == line),
            "CANNOT_RUN lists `{line}` ({why}), which the README no longer has"
        );
    }
    let work = tempfile::tempdir().unwrap();
    let runner = Runner {
        bin: assert_cmd::cargo::cargo_bin("policyscope"),
        work: work.path().to_path_buf(),
        repo: repo.canonicalize().expect("the repository folder exists"),
        shared: policyscope_testkit::shared_dir().canonicalize().expect("../shared exists"),
    };
    let people = people_in_agreement(&examples);
    let mut failures = Vec::new();
    let mut coded = false;
    for e in &examples {
        if !coded && subcommand(e).first() == Some(&"agree") {
            runner.code_as(&people);
            coded = true;
        }
        failures.extend(runner.run(e).err());
    }
    let ran: Vec<String> = examples.iter().map(|e| e.args.join(" ")).collect();
    println!("ran {} README examples; not run as written: {left_out:#?}", ran.len());
    assert!(
        failures.is_empty(),
        "{} of {} README examples failed:\n\n{}",
        failures.len(),
        ran.len(),
        failures.join("\n\n")
    );
    // The walk-through the README promises, in this order, was among them.
    let expected = [
        "init study",
        "--project study import",
        "search ",
        "code run --codebook",
        "query table",
        "--project study report",
    ];
    let mut from = 0;
    for want in expected {
        match ran[from..].iter().position(|r| r.starts_with(want) || r.contains(want)) {
            Some(i) => from += i + 1,
            None => panic!("no README example `{want}` after the previous ones; ran: {ran:#?}"),
        }
    }
}

#[test]
fn readme_commands_are_split_as_a_shell_would() {
    let e = parse(r#"policyscope search '(数据 OR 算法) AND NOT 跨境' --type 办法 --json"#);
    assert_eq!(e.args, ["search", "(数据 OR 算法) AND NOT 跨境", "--type", "办法", "--json"]);
    let e = parse("policyscope snowball --seed 3283 --rules rules.toml [--max-rounds N] [--direction backward|forward|both]");
    assert_eq!(e.args, ["snowball", "--seed", "3283", "--rules", "rules.toml"]);
    let e = parse("policyscope graph --format graphml|dot|json|svg -o graph.svg [--top 150]");
    assert_eq!(e.args, ["graph", "--format", "graphml", "-o", "graph.svg"]);
    let e = parse("policyscope code show builtin:study > mine.toml");
    assert_eq!(e.args, ["code", "show", "builtin:study"]);
    assert_eq!(e.stdout_to.as_deref(), Some("mine.toml"));
    let e = parse(r#"policyscope code review memo --coding 15 "a|b [c]" --coder alice"#);
    assert_eq!(e.args[5], "a|b [c]");
}

#[test]
fn readme_blocks_keep_only_policyscope_commands_without_comments() {
    let readme = "## Set-up\n```sh\npolicyscope no\n```\n## Usage\n### A\n```sh\n# a comment\npolicyscope a 'x # y' # note\npolicyscope b \\\n    --c d\necho no\n```\n```toml\npolicyscope no = 1\n```\n## Other\n```sh\npolicyscope no\n```\n";
    let lines: Vec<String> = usage_blocks(readme).iter().flat_map(|b| commands(b)).collect();
    assert_eq!(lines, ["policyscope a 'x # y'", "policyscope b --c d"]);
}
