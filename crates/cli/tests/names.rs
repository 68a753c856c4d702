//! Names a person types that could mean two things: a codebook that is both
//! built in and a folder, and a coder name that is the machine's.

mod common;

use std::path::Path;

use common::{json, policyscope, repo};

/// `policyscope init study` then an import of the examples, run from the
/// folder that holds `study/` (as the README does).
fn study_beside(dir: &Path) {
    policyscope(&dir.join("study")).arg("init").assert().success();
    policyscope(&dir.join("study")).arg("import").arg(repo().join("examples/corpus")).assert().success();
}

fn in_dir(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut cmd = policyscope(Path::new("study"));
    cmd.current_dir(dir).env_remove("POLICYSCOPE_CODER").args(args);
    cmd.output().unwrap()
}

#[test]
fn bare_builtin_codebook_name_beside_a_folder_of_that_name_is_refused_naming_both_choices() {
    let tmp = tempfile::tempdir().unwrap();
    study_beside(tmp.path());
    let out = in_dir(tmp.path(), &["code", "run", "--codebook", "study"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("builtin:study") && err.contains("./study"), "{err}");
    assert!(!err.contains("Is a directory"), "{err}");
}

#[test]
fn builtin_prefix_codes_with_the_builtin_codebook_beside_a_folder_of_that_name() {
    let tmp = tempfile::tempdir().unwrap();
    study_beside(tmp.path());
    let out = in_dir(tmp.path(), &["--json", "code", "run", "--codebook", "builtin:study"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["coder"].as_str(), Some("auto:study@2"), "{summary}");
    assert!(summary["added"].as_u64().unwrap_or(0) > 0, "{summary}");
    // The default codebook is the built-in one, wherever the command runs.
    let out = in_dir(tmp.path(), &["code", "check"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn codebook_path_with_a_slash_or_toml_suffix_is_read_as_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    study_beside(tmp.path());
    let out = in_dir(tmp.path(), &["code", "show", "builtin:study"]);
    std::fs::write(tmp.path().join("mine.toml"), &out.stdout).unwrap();
    for spec in ["mine.toml", "./mine.toml"] {
        let out = in_dir(tmp.path(), &["code", "check", "--codebook", spec]);
        assert!(out.status.success(), "{spec}: {}", String::from_utf8_lossy(&out.stderr));
    }
    // `./study` is the project folder, not a codebook file: a read error that names it.
    let out = in_dir(tmp.path(), &["code", "check", "--codebook", "./study"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("./study"));
}

fn coded_examples() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let tmp = tempfile::tempdir().unwrap();
    study_beside(tmp.path());
    let p = tmp.path().join("study");
    policyscope(&p).args(["code", "run", "--codebook", "builtin:study"]).assert().success();
    let list = json(policyscope(&p).args(["code", "review", "list"]));
    let id = list[0]["id"].as_i64().expect("the examples get proposals").to_string();
    (tmp, p, id)
}

#[test]
fn machine_coder_names_are_refused_from_the_coder_flag_and_environment() {
    let (_tmp, p, id) = coded_examples();
    for name in ["auto:study@1", "auto:study", "model:gpt", " Auto:x"] {
        let out = policyscope(&p)
            .env_remove("POLICYSCOPE_CODER")
            .args(["code", "review", "accept", &id, "--coder", name])
            .output()
            .unwrap();
        assert!(!out.status.success(), "{name} was accepted as a person");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("reserved for the machine"), "{name}: {err}");
    }
    let out = policyscope(&p)
        .env("POLICYSCOPE_CODER", "auto:study@1")
        .args(["code", "review", "add", "--doc", "1", "--code", "IPR", "--start", "0", "--end", "2"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("reserved for the machine"));
    let coders = json(policyscope(&p).args(["code", "coders"]));
    assert_eq!(coders, serde_json::json!(["auto:study@2"]), "nothing was recorded under a machine name");
}

#[test]
fn machine_coder_name_in_the_project_settings_is_refused_naming_the_file() {
    let (_tmp, p, id) = coded_examples();
    std::fs::write(p.join("policyscope.toml"), "[coding]\ncoder = \"model:reviewer\"\n").unwrap();
    let out = policyscope(&p)
        .env_remove("POLICYSCOPE_CODER")
        .args(["code", "review", "reject", &id])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("policyscope.toml") && err.contains("reserved for the machine"), "{err}");
    // A person's name in the same place works.
    std::fs::write(p.join("policyscope.toml"), "[coding]\ncoder = \"alice\"\n").unwrap();
    policyscope(&p)
        .env_remove("POLICYSCOPE_CODER")
        .args(["code", "review", "reject", &id])
        .assert()
        .success();
}
