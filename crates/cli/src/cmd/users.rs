//! `policyscope users`: the accounts of the served app.
//!
//! Passwords are read from standard input, never from the command line
//! (where other users of the machine and the shell history would see them).

use std::io::{BufRead as _, IsTerminal as _};
use std::process::ExitCode;

use policyscope::accounts::{Accounts, Password, Role, User, UserName};

use super::Context;

/// Accounts of the served app.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Sub,
}

#[derive(Debug, clap::Subcommand)]
enum Sub {
    /// Add a user; the password (at least 10 characters) is read from stdin.
    Add {
        /// The user's name (what their codings, reviews and memos record).
        name: String,
        /// admin (users, codebooks, documents), coder (codes, reviews, memos as themselves) or viewer (reads only).
        #[arg(long)]
        role: Role,
        /// Read the password from stdin (the default; for scripts that say so).
        #[arg(long)]
        password_stdin: bool,
    },
    /// List the users.
    List,
    /// Give a user another role.
    SetRole {
        /// The user.
        name: String,
        /// admin, coder or viewer.
        role: Role,
    },
    /// Disable a user: they cannot sign in, their sessions and API tokens stop working.
    Disable {
        /// The user.
        name: String,
    },
    /// Make an API token for a user (printed once; send it as `Authorization: Bearer TOKEN`).
    Token {
        /// The user.
        name: String,
        /// What the token is for.
        #[arg(long, default_value = "")]
        label: String,
    },
}

/// Runs `users`.
pub fn run(args: &Args, ctx: &Context) -> anyhow::Result<ExitCode> {
    let project = ctx.open_project()?;
    let accounts = Accounts::open(&project)?;
    match &args.command {
        Sub::Add { name, role, password_stdin: _ } => {
            let name = UserName::new(name)?;
            let password = Password::new(&read_password()?)?;
            let user = accounts.add_user(&name, *role, &password)?;
            report(ctx, &user, "added")?;
        }
        Sub::List => {
            let users = accounts.users()?;
            if ctx.json {
                crate::output::json(&users)?;
            } else {
                for u in &users {
                    crate::output::line(&format!(
                        "{}  {}{}  (since {})",
                        crate::output::pad(&u.name, 20),
                        crate::output::pad(u.role.as_str(), 6),
                        if u.disabled { "  disabled" } else { "" },
                        u.created_at
                    ))?;
                }
                if users.is_empty() {
                    ctx.say("no users: `serve` on 127.0.0.1 needs no login; add one with `policyscope users add NAME --role admin`");
                }
            }
        }
        Sub::SetRole { name, role } => report(ctx, &accounts.set_role(name, *role)?, "changed")?,
        Sub::Disable { name } => report(ctx, &accounts.disable(name)?, "disabled")?,
        Sub::Token { name, label } => {
            let token = accounts.new_api_token(name, label)?;
            if ctx.json {
                crate::output::json(&serde_json::json!({ "user": name, "label": label, "token": token }))?;
            } else {
                crate::output::line(&token)?;
                ctx.say("shown once: keep it secret; send it as `Authorization: Bearer TOKEN`");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn report(ctx: &Context, user: &User, what: &str) -> anyhow::Result<()> {
    if ctx.json {
        crate::output::json(user)
    } else {
        ctx.say(format!(
            "{what} {} ({}{})",
            user.name,
            user.role,
            if user.disabled { ", disabled" } else { "" }
        ));
        Ok(())
    }
}

/// One line of stdin, the password (at most 4 KiB are read).
fn read_password() -> anyhow::Result<String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        crate::output::message("password (at least 10 characters; shown as you type), then Enter:");
    }
    let mut line = String::new();
    std::io::Read::take(stdin.lock(), 4096).read_line(&mut line)?;
    if line.is_empty() {
        anyhow::bail!(
            "no password on stdin: pipe it in, e.g. `printf '%s\\n' \"$PW\" | policyscope users add …`"
        );
    }
    Ok(line)
}
