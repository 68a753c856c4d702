//! `policyscope audit [--since T] [--user U] [--json]`: who changed what and when.

use std::process::ExitCode;

use policyscope::coding::{AuditEntry, AuditFilter, CodingStore};

use super::Context;

/// The audit log of codings, reviews, memos and the code tree.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only changes at or after this time (ISO 8601 in UTC; a prefix such as 2026-12-01 works).
    #[arg(long)]
    since: Option<String>,
    /// Only this person's changes.
    #[arg(long)]
    user: Option<String>,
}

/// One line per change: when, who, what, on which row, and the row's new summary.
fn line(e: &AuditEntry) -> String {
    let target = match (&e.target_id, &e.target_guid) {
        (Some(id), _) => format!("{:?} {id}", e.target_kind),
        (None, Some(guid)) => format!("{:?} {guid}", e.target_kind),
        (None, None) => format!("{:?}", e.target_kind),
    }
    .to_lowercase();
    let what = [&e.after, &e.before]
        .into_iter()
        .find(|v| !v.is_null())
        .and_then(|v| {
            let pick = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
            let status =
                v.get("status").and_then(|x| x.as_str()).map(|s| format!(" ({s})")).unwrap_or_default();
            pick("code_path")
                .map(|p| p + &status)
                .or_else(|| pick("text"))
                .or_else(|| pick("path"))
                .or_else(|| pick("detail"))
        })
        .unwrap_or_default();
    format!(
        "{}  {:<12} {:<12} {:<16} {}",
        e.at,
        e.user,
        e.action,
        target,
        policyscope::text::shorten(&what, 60)
    )
}

/// Runs `audit`.
pub fn run(args: &Args, ctx: &Context) -> anyhow::Result<ExitCode> {
    let project = ctx.open_project()?;
    let store = CodingStore::open(&project)?;
    let entries = store.audit_log(&AuditFilter { since: args.since.clone(), user: args.user.clone() })?;
    if ctx.json {
        crate::output::json(&entries)?;
    } else {
        for e in &entries {
            crate::output::line(&line(e))?;
        }
        ctx.say(format!("{} change(s)", entries.len()));
    }
    Ok(ExitCode::SUCCESS)
}
