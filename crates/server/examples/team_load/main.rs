//! The team server's load test, against a running `policyscope serve`.
//!
//! ```text
//! team_load run   --url http://127.0.0.1:PORT --coders coders.json --changes 2000 \
//!                 [--time-limit 900] [--shared 24] [--seed 1] --out record.json
//! team_load check --url http://127.0.0.1:PORT --coders coders.json --record record.json \
//!                 --audit audit.json
//! ```
//!
//! `coders.json` lists the accounts: `[{"name": "c1", "auth": {"token": "…"}},
//! {"name": "c2", "auth": {"password": "…"}}, …]`. `run` makes the load and
//! writes what every attempt got; `check` reads the project's codings through
//! the API and the audit log as `policyscope audit --json` printed it, and
//! exits 1 when any acknowledged change is missing or doubled, a refused one
//! left a trace, or the audit log differs. Both print the run's figures as
//! JSON. Only loopback addresses are accepted.

mod check;
mod http;
mod load;
mod sim;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("team_load: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Vec<String>) -> Result<ExitCode, String> {
    let (command, rest) = args.split_first().ok_or(USAGE)?;
    let mut flags = HashMap::new();
    for pair in rest.chunks(2) {
        match pair {
            [k, v] if k.starts_with("--") => {
                flags.insert(k.trim_start_matches("--").to_string(), v.clone());
            }
            _ => return Err(format!("unexpected argument {:?}\n{USAGE}", pair[0])),
        }
    }
    let flag = |name: &str| flags.get(name).cloned().ok_or_else(|| format!("--{name} is missing\n{USAGE}"));
    let number = |name: &str, default: u64| -> Result<u64, String> {
        flags
            .get(name)
            .map_or(Ok(default), |v| v.parse().map_err(|_| format!("--{name} takes a number, got {v:?}")))
    };
    let addr = loopback(&flag("url")?)?;
    let coders: Vec<load::Coder> = read_json(&flag("coders")?)?;
    match command.as_str() {
        "run" => {
            let plan = load::Plan {
                addr,
                coders,
                changes: number("changes", 2000)? as usize,
                time_limit: Duration::from_secs(number("time-limit", 900)?),
                shared: number("shared", 24)? as usize,
                seed: number("seed", 1)?,
            };
            let record = load::run(&plan)?;
            let out = flag("out")?;
            let text = serde_json::to_string(&record).map_err(|e| e.to_string())?;
            std::fs::write(&out, text).map_err(|e| format!("cannot write {out}: {e}"))?;
            print(&check::summary(&record))?;
            Ok(ExitCode::SUCCESS)
        }
        "check" => {
            let record: load::Record = read_json(&flag("record")?)?;
            let audit: Vec<serde_json::Value> = read_json(&flag("audit")?)?;
            let first = coders.first().ok_or("no coders")?;
            let codings = load::all_codings(&mut load::client_for(addr, first)?)?;
            let problems = check::verify(&record, &codings, &audit);
            print(&serde_json::json!({
                "summary": check::summary(&record),
                "codings": codings.len(),
                "audit_entries": audit.len(),
                "problems": problems,
            }))?;
            Ok(if problems.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
        }
        other => Err(format!("unknown command {other:?}\n{USAGE}")),
    }
}

const USAGE: &str = "usage: team_load run|check --url http://127.0.0.1:PORT --coders FILE [run: --changes N --time-limit S --shared N --seed N --out FILE] [check: --record FILE --audit FILE]";

/// The address of `url`, which must be on loopback.
fn loopback(url: &str) -> Result<SocketAddr, String> {
    let rest = url.strip_prefix("http://").ok_or_else(|| format!("{url:?} is not an http:// URL"))?;
    let host_port = rest.split('/').next().unwrap_or("");
    let addr: SocketAddr =
        host_port.parse().map_err(|_| format!("{url:?} does not name an IP address and port"))?;
    if !addr.ip().is_loopback() {
        return Err(format!("{addr} is not a loopback address: the load test only targets this machine"));
    }
    Ok(addr)
}

fn read_json<T: serde::de::DeserializeOwned>(path: &str) -> Result<T, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    // The files are the run's own, but a wrong one must not take all memory.
    let limited = std::io::Read::take(file, 1 << 30);
    serde_json::from_reader(std::io::BufReader::new(limited)).map_err(|e| format!("{path}: {e}"))
}

fn print(value: &impl serde::Serialize) -> Result<(), String> {
    println!("{}", serde_json::to_string_pretty(value).map_err(|e| e.to_string())?);
    Ok(())
}
