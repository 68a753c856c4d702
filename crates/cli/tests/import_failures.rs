//! What `import` tells about files it could not import: every failure named
//! with its reason even under `--quiet`, names escaped, a non-zero exit.

mod common;

use std::path::Path;

use common::policyscope;

fn stderr_of(cmd: &mut assert_cmd::Command) -> (bool, String) {
    let out = cmd.output().unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// A folder with one good document and whatever `add` puts beside it.
fn folder(dir: &Path, add: impl FnOnce(&Path)) -> std::path::PathBuf {
    let folder = dir.join("docs");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("good.txt"), "关于标准化工作的通知\n\n第一条 正文。").unwrap();
    add(&folder);
    folder
}

#[test]
fn quiet_import_still_lists_every_failure_with_its_reason() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = folder(tmp.path(), |f| {
        std::os::unix::fs::symlink(f.join("missing.txt"), f.join("dangling.txt")).unwrap();
        std::fs::create_dir(f.join("sub")).unwrap();
        std::os::unix::fs::symlink(f, f.join("sub/loop")).unwrap();
        let deep = format!("<html><body>{}x{}</body></html>", "<div>".repeat(1000), "</div>".repeat(1000));
        std::fs::write(f.join("deep.html"), deep).unwrap();
        std::fs::write(f.join("picture.png"), b"\x89PNG").unwrap();
    });
    // `policyscope()` passes --quiet.
    let (ok, stderr) = stderr_of(policyscope(&tmp.path().join("p")).arg("import").arg("--init").arg(&docs));
    assert!(!ok, "failures must make the command fail:\n{stderr}");
    for needle in [
        "dangling.txt: dangling symbolic link",
        "sub/loop: symbolic link loop",
        "deep.html: HTML nested deeper than 256 elements",
        "skipped: ",
        "picture.png: unsupported file type",
        "1 imported, 0 unchanged, 1 skipped, 3 failed",
    ] {
        assert!(stderr.contains(needle), "missing {needle:?} in:\n{stderr}");
    }
    assert_eq!(stderr.lines().filter(|l| l.starts_with("failed: ")).count(), 3, "{stderr}");
}

#[test]
fn names_with_newlines_and_invalid_utf8_are_printed_escaped() {
    use std::os::unix::ffi::OsStrExt;
    let tmp = tempfile::tempdir().unwrap();
    let docs = folder(tmp.path(), |f| {
        // Fails (binary content) under a name that would forge a line.
        std::fs::write(f.join("a\nfailed: forged.txt"), b"\0\x01\x02\x03").unwrap();
        // Imports, under a name that is not UTF-8.
        let name = std::ffi::OsStr::from_bytes(b"b-\xFF.txt");
        std::fs::write(f.join(name), "关于数据安全的通知\n\n第一条 正文。").unwrap();
    });
    let (ok, stderr) = stderr_of(policyscope(&tmp.path().join("p")).arg("import").arg("--init").arg(&docs));
    assert!(!ok, "{stderr}");
    assert!(stderr.contains("a\\nfailed: forged.txt\": the file looks binary"), "{stderr}");
    assert_eq!(stderr.lines().filter(|l| l.starts_with("failed: ")).count(), 1, "{stderr}");
    assert!(
        stderr.contains("warning: \"") && stderr.contains("b-\\xFF.txt\": the file name is not valid UTF-8"),
        "{stderr}"
    );
}

#[test]
fn unreadable_folder_is_named_as_a_failure() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let docs = folder(tmp.path(), |f| {
        std::fs::create_dir(f.join("locked")).unwrap();
        std::fs::write(f.join("locked/inside.txt"), "关于的通知\n\n正文。").unwrap();
        std::fs::set_permissions(f.join("locked"), std::fs::Permissions::from_mode(0o000)).unwrap();
    });
    let project = tmp.path().join("p");
    let mut cmd = policyscope(&project);
    // The superuser reads any folder: run the command as `nobody` then,
    // with the project and the folder open to it.
    if running_as_root() {
        let setpriv = policyscope_testkit::require_tool("setpriv", "apt-get install -y util-linux");
        for dir in [tmp.path(), docs.as_path()] {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o777)).unwrap();
        }
        let bin = assert_cmd::cargo::cargo_bin("policyscope");
        cmd = assert_cmd::Command::new(setpriv);
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(bin)
            .arg("--project")
            .arg(&project)
            .arg("--quiet");
    }
    let (ok, stderr) = stderr_of(cmd.arg("import").arg("--init").arg(&docs));
    assert!(!ok, "{stderr}");
    assert!(stderr.contains("locked: cannot list the folder: Permission denied"), "{stderr}");
    assert!(stderr.contains("1 imported"), "{stderr}");
}

fn running_as_root() -> bool {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status.lines().find(|l| l.starts_with("Uid:")).and_then(|l| l.split_whitespace().nth(2)) == Some("0")
}

#[test]
fn qdpx_import_whose_documents_fail_exits_nonzero() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("p");
    policyscope(&project).arg("init").assert().success();
    use policyscope::qdpx::model::{QdaProject, TextSource};
    let source = TextSource {
        guid: policyscope::qdpx::guid::stable("source:empty"),
        name: Some("empty".into()),
        text: "  \n ".into(),
        ..Default::default()
    };
    let model = QdaProject { name: "t".into(), sources: vec![source], ..Default::default() };
    let file = tmp.path().join("t.qdpx");
    std::fs::write(&file, policyscope::qdpx::qdpx_bytes(&model).unwrap()).unwrap();
    let (ok, stderr) = stderr_of(policyscope(&project).arg("import").arg("qdpx").arg(&file));
    assert!(!ok, "{stderr}");
    assert!(
        stderr.contains("not imported: TextSource \"empty\"") && stderr.contains("the file is empty"),
        "{stderr}"
    );
}
