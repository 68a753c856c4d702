//! Imports a `.qdpx` (or, with `--qdc`, a codebook) into a project from the
//! command line, printing the data-loss report — the library calls behind
//! `policyscope import qdpx|qdc`.
//!
//! ```text
//! cargo run -p policyscope-qdpx --example import_qdpx -- PROJECT_DIR FILE.qdpx
//! cargo run -p policyscope-qdpx --example import_qdpx -- PROJECT_DIR FILE.qdc --qdc
//! ```

use std::path::PathBuf;
use std::time::Instant;

use policyscope_corpus::{Project, DATABASE_FILE};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(file)) = (args.first(), args.get(1)) else {
        eprintln!("usage: import_qdpx PROJECT_DIR FILE.qdpx [--qdc]");
        std::process::exit(2);
    };
    let dir = PathBuf::from(dir);
    // Open the project, or create it when the folder holds none.
    let mut project =
        if dir.join(DATABASE_FILE).exists() { Project::open(&dir)? } else { Project::init(&dir)? };
    let started = Instant::now();
    let report = if args.iter().any(|a| a == "--qdc") {
        policyscope_qdpx::import_codebook(&mut project, file.as_ref())?
    } else {
        policyscope_qdpx::import_project(&mut project, file.as_ref())?
    };
    print!("{}", report.report);
    println!(
        "{} documents added, {} matched, {} codes, {} codings (+{} already there), {} memos in {:.2?}",
        report.documents_added,
        report.documents_matched,
        report.codes,
        report.codings,
        report.codings_existing,
        report.memos,
        started.elapsed()
    );
    Ok(())
}
