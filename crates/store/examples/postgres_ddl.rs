//! Prints a migration file as PostgreSQL receives it, to check a new
//! migration's rewrite: `cargo run -p policyscope-store --example postgres_ddl FILE.sql`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: postgres_ddl FILE.sql");
        return ExitCode::FAILURE;
    };
    match std::fs::read_to_string(&path) {
        Ok(sql) => {
            print!("{}", policyscope_store::dialect::to_postgres(&sql, true));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            ExitCode::FAILURE
        }
    }
}
