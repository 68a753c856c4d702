//! What the test suite needs from outside the repository, found or failed loudly.
//!
//! Tests never skip because a tool or data set is missing: a missing
//! requirement is a failed test whose message says what to install. Everything
//! here is installed by `scripts/setup.sh` (Debian packages with apt-get,
//! Python packages into the project's `.venv` from `scripts/requirements.txt`);
//! a throw-away PostgreSQL server comes from `scripts/pg-test-server.sh`.

use std::path::PathBuf;
use std::process::Command;

mod pg;
pub use pg::{fresh_postgres_database, postgres_url, POSTGRES_ENV};

/// The repository's root folder (the workspace root).
///
/// Found from the package under test (`cargo test` sets `CARGO_MANIFEST_DIR`
/// when it runs a test; every package sits at `crates/<name>`), not from
/// where this crate was compiled: two checkouts that share a target folder
/// share this crate's build, and a test must still look in its own checkout.
pub fn repo_root() -> PathBuf {
    let package = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    package.join("../..")
}

/// The shared data folder beside the repository (`../shared`), which must exist.
pub fn shared_dir() -> PathBuf {
    let dir = repo_root().join("../shared");
    if !dir.is_dir() {
        panic!(
            "required data is missing: {} (the shared corpus and domain files must sit beside the repository)",
            dir.display()
        );
    }
    dir
}

/// A path under `../shared` (e.g. `corpus/laws`, `domain/catalog.tsv`), which must exist.
pub fn shared(relative: &str) -> PathBuf {
    let path = shared_dir().join(relative);
    if !path.exists() {
        panic!("required data is missing: {}", path.display());
    }
    path
}

/// The shared corpus folder (`../shared/corpus`), which must exist.
pub fn shared_corpus() -> PathBuf {
    shared("corpus")
}

/// The full path of a program on `PATH`, or a failed test naming what to install.
///
/// `install_hint` says how to get it, e.g. `"apt-get install -y libxml2-utils"`.
pub fn require_tool(program: &str, install_hint: &str) -> PathBuf {
    find_on_path(program).unwrap_or_else(|| {
        panic!("required tool `{program}` is missing: run scripts/setup.sh ({install_hint})")
    })
}

/// The project's Python interpreter (`.venv/bin/python`, made by `scripts/setup.sh`).
pub fn python() -> PathBuf {
    let python = repo_root().join(".venv/bin/python");
    if !python.is_file() {
        panic!(
            "required tool missing: {} — run scripts/setup.sh (creates the project venv from scripts/requirements.txt)",
            python.display()
        );
    }
    python
}

/// The project's Python interpreter, checked to import every module in `modules`.
pub fn python_with(modules: &[&str]) -> PathBuf {
    let python = python();
    for module in modules {
        let ok = Command::new(&python)
            .args(["-c", &format!("import {module}")])
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false);
        if !ok {
            panic!(
                "required Python module `{module}` is missing from {} — run scripts/setup.sh (installs scripts/requirements.txt)",
                python.display()
            );
        }
    }
    python
}

fn find_on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(program)).find(|p| p.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_repository_is_found_from_the_package_under_test() {
        assert!(repo_root().join("Cargo.toml").is_file(), "{}", repo_root().display());
        assert!(repo_root().join("crates/testkit").is_dir());
    }

    #[test]
    fn a_program_on_path_is_found() {
        assert!(find_on_path("sh").is_some());
    }

    #[test]
    #[should_panic(expected = "required tool `no-such-program-here` is missing")]
    fn a_missing_tool_fails_with_its_name() {
        require_tool("no-such-program-here", "nothing to install");
    }
}
