//! `policyscope code`: codebooks, auto-coding and review.

use std::process::ExitCode;

use anyhow::Context as _;
use policyscope::coding::{
    configured_coder, run_codebook, Code, Codebook, Coding, CodingFilter, CodingStore, HumanCoder,
    MemoTarget, NewCoding, RunOptions, Status, SETTINGS_FILE,
};
use serde_json::json;

use super::Context;

/// Codebooks, auto-coding and review.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Sub,
}

#[derive(Debug, clap::Subcommand)]
enum Sub {
    /// Auto-code every current document with a codebook (idempotent).
    Run {
        /// A codebook TOML file, or `builtin:study` for the built-in one (see `code check --help`).
        #[arg(long, default_value = "builtin:study")]
        codebook: String,
        /// Re-code documents even if these rules were already applied.
        #[arg(long)]
        force: bool,
    },
    /// Check a codebook file and show its errors and warnings.
    Check {
        /// A codebook TOML file (a path with `/` or ending in `.toml`), or `builtin:study`;
        /// a bare `study` means the built-in one unless a file or folder `study` is here.
        #[arg(long, default_value = "builtin:study")]
        codebook: String,
    },
    /// Print a codebook's TOML (e.g. `code show builtin:study > mine.toml` to start your own).
    Show {
        /// A codebook TOML file, or `builtin:study`.
        #[arg(default_value = "builtin:study")]
        codebook: String,
    },
    /// Print a codebook's literal terms, one per line (e.g. for `rg -F -f`).
    Terms {
        /// A codebook TOML file, or `builtin:study`.
        #[arg(default_value = "builtin:study")]
        codebook: String,
    },
    /// List the project's codes.
    Codes,
    /// List everyone who coded or reviewed.
    Coders,
    /// Review codings: list, accept, reject, add, recode, memo.
    #[command(subcommand)]
    Review(Review),
    /// Measure a codebook against a person's codings: precision, recall, F1 and kappa per code.
    Evaluate(super::learn::EvaluateArgs),
    /// Train a model per code on the coders' decisions (cross-validated, seeded).
    Learn(super::learn::LearnArgs),
    /// Propose codings from the learnt models (coder `model:<code>`, with a score).
    Suggest(super::learn::SuggestArgs),
    /// Store sentence judgements (TSV) as a person's codings.
    ImportJudgements(super::learn::ImportArgs),
    /// List memos.
    Memos {
        #[command(flatten)]
        target: Target,
    },
}

#[derive(Debug, clap::Subcommand)]
enum Review {
    /// List codings (default: proposed ones).
    List {
        /// Only this code (path or unique name) and the codes below it.
        #[arg(long)]
        code: Option<String>,
        /// Only this document.
        #[arg(long)]
        doc: Option<i64>,
        /// Only these statuses (proposed, accepted, rejected); `all` for every one.
        #[arg(long, value_delimiter = ',', default_value = "proposed")]
        status: Vec<String>,
        /// Only the codings of this coder.
        #[arg(long = "by")]
        by: Option<String>,
        /// At most this many.
        #[arg(long, short = 'n', default_value_t = 50)]
        limit: usize,
        /// `uncertainty`: the proposals a model was least sure of first (|score − 0.5| ascending);
        /// `confidence`: the proposals of the most confident rules first.
        #[arg(long, value_parser = ["text", "uncertainty", "confidence"], default_value = "text")]
        order: String,
    },
    /// Accept codings.
    Accept {
        /// Coding ids.
        #[arg(required = true)]
        ids: Vec<i64>,
        #[command(flatten)]
        who: Who,
    },
    /// Reject codings (kept, and never proposed again).
    Reject {
        /// Coding ids.
        #[arg(required = true)]
        ids: Vec<i64>,
        #[command(flatten)]
        who: Who,
    },
    /// Code a span of a document by hand.
    Add {
        /// Document id.
        #[arg(long)]
        doc: i64,
        /// Code (path or unique name).
        #[arg(long)]
        code: String,
        /// First code point of the span.
        #[arg(long, requires = "end", conflicts_with = "text")]
        start: Option<i64>,
        /// One past the last code point.
        #[arg(long, requires = "start")]
        end: Option<i64>,
        /// Code the first occurrence of this exact text instead of giving offsets.
        #[arg(long)]
        text: Option<String>,
        #[command(flatten)]
        who: Who,
    },
    /// Give a coding another code (the old one is rejected, a new one accepted).
    Recode {
        /// Coding id.
        id: i64,
        /// The new code (path or unique name).
        #[arg(long = "to")]
        to: String,
        #[command(flatten)]
        who: Who,
    },
    /// Write a memo on a code, a document, a coding or the project.
    Memo {
        #[command(flatten)]
        target: Target,
        /// The memo's text.
        text: String,
        #[command(flatten)]
        who: Who,
    },
}

/// Who is coding (`--coder`, shared by every command that records a person's work).
#[derive(Debug, clap::Args)]
pub(crate) struct Who {
    /// Your name as coder (or POLICYSCOPE_CODER, or `[coding] coder` in the project's policyscope.toml);
    /// names starting with `auto:` or `model:` are the machine's.
    #[arg(long, env = "POLICYSCOPE_CODER")]
    coder: Option<String>,
}

#[derive(Debug, clap::Args)]
struct Target {
    /// About this code (path or unique name).
    #[arg(long, group = "target")]
    code: Option<String>,
    /// About this document.
    #[arg(long, group = "target")]
    doc: Option<i64>,
    /// About this coding.
    #[arg(long, group = "target")]
    coding: Option<i64>,
    /// About the project.
    #[arg(long = "project-memo", group = "target")]
    whole_project: bool,
}

/// Runs `code`.
pub fn run(args: &Args, ctx: &Context) -> anyhow::Result<ExitCode> {
    match &args.command {
        Sub::Check { codebook } => return check(codebook, ctx),
        Sub::Evaluate(a) => return super::learn::evaluate_cmd(a, ctx),
        Sub::Learn(a) => return super::learn::learn_cmd(a, ctx),
        Sub::Suggest(a) => return super::learn::suggest_cmd(a, ctx),
        Sub::ImportJudgements(a) => return super::learn::import_cmd(a, ctx),
        Sub::Show { codebook } => {
            let book = Codebook::load(codebook).with_context(|| format!("codebook {codebook}"))?;
            crate::output::text(&book.source)?;
            return Ok(ExitCode::SUCCESS);
        }
        Sub::Terms { codebook } => {
            let book = Codebook::load(codebook).with_context(|| format!("codebook {codebook}"))?;
            for t in &book.literal_terms() {
                crate::output::line(t)?;
            }
            return Ok(ExitCode::SUCCESS);
        }
        _ => {}
    }
    let project = ctx.open_project()?;
    let store = CodingStore::open(&project)?;
    match &args.command {
        Sub::Check { .. }
        | Sub::Show { .. }
        | Sub::Terms { .. }
        | Sub::Evaluate(_)
        | Sub::Learn(_)
        | Sub::Suggest(_)
        | Sub::ImportJudgements(_) => {}
        Sub::Run { codebook, force } => {
            let book = Codebook::load(codebook).with_context(|| format!("codebook {codebook}"))?;
            for w in &book.warnings {
                ctx.warn(format!("{codebook}: {w}"));
            }
            let total = project.documents(false)?.len() as u64;
            let bar = crate::output::progress_bar(total, ctx.quiet, "coding");
            let started = std::time::Instant::now();
            let summary = run_codebook(&store, &book, RunOptions { force: *force }, &mut |done, _| {
                bar.set_position(done as u64)
            })?;
            bar.finish_and_clear();
            if ctx.json {
                crate::output::json(&summary)?;
            } else {
                ctx.say(format!(
                    "{}: {} documents ({} coded, {} unchanged) in {:.2?}; {} new proposals, {} kept, {} withdrawn, {} on spans already decided",
                    summary.coder,
                    summary.documents,
                    summary.coded,
                    summary.skipped,
                    started.elapsed(),
                    summary.added,
                    summary.kept,
                    summary.removed,
                    summary.decided
                ));
            }
        }
        Sub::Codes => {
            let codes = store.codes()?;
            if ctx.json {
                crate::output::json(&codes)?;
            } else {
                for c in &codes {
                    let depth = c.path.matches('/').count();
                    crate::output::line(&format!(
                        "{:>4}  {}{}{}  {}",
                        c.id,
                        "  ".repeat(depth),
                        c.name,
                        if c.codable { "" } else { "/" },
                        policyscope::text::shorten(&c.description, 60)
                    ))?;
                }
            }
        }
        Sub::Coders => {
            let coders = store.coders()?;
            if ctx.json {
                crate::output::json(&coders)?;
            } else {
                for c in &coders {
                    crate::output::line(c)?;
                }
            }
        }
        Sub::Memos { target } => {
            let memos = store.memos(memo_target(&store, target, false)?)?;
            if ctx.json {
                crate::output::json(&memos)?;
            } else {
                for m in &memos {
                    crate::output::line(&format!(
                        "#{} {:?} by {} at {}\n  {}",
                        m.id, m.target, m.author, m.created_at, m.text
                    ))?;
                }
            }
        }
        Sub::Review(r) => review(r, &store, &project, ctx)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn check(codebook: &str, ctx: &Context) -> anyhow::Result<ExitCode> {
    match Codebook::load(codebook) {
        Ok(book) => {
            if ctx.json {
                crate::output::json(&json!({
                    "ok": true, "name": book.name, "version": book.version,
                    "codes": book.codes.len(), "warnings": book.warnings,
                }))?;
            } else {
                for w in &book.warnings {
                    crate::output::line(&format!("{codebook}:{w}"))?;
                }
                let rules: usize = book.codes.iter().map(|c| c.rules.len()).sum();
                crate::output::line(&format!(
                    "{codebook}: ok — {} codes, {rules} rules, coder {}",
                    book.codes.len(),
                    book.coder()
                ))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(policyscope::coding::Error::Codebook(problems)) => {
            if ctx.json {
                crate::output::json(&json!({ "ok": false, "errors": problems }))?;
            } else {
                for p in &problems {
                    crate::output::line(&format!("{codebook}:{p}"))?;
                }
            }
            Ok(ExitCode::FAILURE)
        }
        Err(e) => Err(e.into()),
    }
}

/// The person coding: `--coder`, else POLICYSCOPE_CODER, else the project's
/// settings; never a machine coder's name.
pub(crate) fn coder(who: &Who, project: &policyscope::corpus::Project) -> anyhow::Result<HumanCoder> {
    if let Some(name) = who.coder.as_deref().filter(|c| !c.trim().is_empty()) {
        return HumanCoder::new(name).context("--coder (or POLICYSCOPE_CODER)");
    }
    let name = configured_coder(project.dir()).context(
        "who is coding? give --coder NAME (or set POLICYSCOPE_CODER, or `[coding] coder` in policyscope.toml)",
    )?;
    HumanCoder::new(&name)
        .with_context(|| format!("`[coding] coder` in {}", project.dir().join(SETTINGS_FILE).display()))
}

fn memo_target(store: &CodingStore<'_>, t: &Target, required: bool) -> anyhow::Result<Option<MemoTarget>> {
    Ok(if let Some(code) = &t.code {
        Some(MemoTarget::Code(store.find_code(code)?.id))
    } else if let Some(d) = t.doc {
        Some(MemoTarget::Document(d))
    } else if let Some(c) = t.coding {
        Some(MemoTarget::Coding(c))
    } else if t.whole_project {
        Some(MemoTarget::Project)
    } else if required {
        anyhow::bail!("say what the memo is about: --code, --doc, --coding or --project-memo")
    } else {
        None
    })
}

fn print_codings(
    codings: &[Coding],
    project: &policyscope::corpus::Project,
    ctx: &Context,
) -> anyhow::Result<()> {
    if ctx.json {
        return crate::output::json(&codings);
    }
    let mut cached: Option<(i64, Vec<char>)> = None;
    for c in codings {
        if cached.as_ref().map(|x| x.0) != Some(c.doc_id) {
            cached = Some((c.doc_id, project.document(c.doc_id)?.text.chars().collect()));
        }
        let text: String = cached
            .as_ref()
            .map(|(_, chars)| {
                let (s, e) = (c.start.max(0) as usize, (c.end.max(0) as usize).min(chars.len()));
                chars[s.min(e)..e].iter().collect()
            })
            .unwrap_or_default();
        crate::output::line(&format!(
            "#{:<6} doc {:<5} [{}..{}] {:<30} {:<9} {}{}\n        {}",
            c.id,
            c.doc_id,
            c.start,
            c.end,
            c.code_path,
            c.status,
            c.coder,
            c.rule.as_deref().map(|r| format!(" rule {r}")).unwrap_or_default(),
            policyscope::text::shorten(&text, 100)
        ))?;
    }
    Ok(())
}

fn review(
    r: &Review,
    store: &CodingStore<'_>,
    project: &policyscope::corpus::Project,
    ctx: &Context,
) -> anyhow::Result<()> {
    match r {
        Review::List { code, doc, status, by, limit, order } => {
            let code_path = code.as_deref().map(|c| store.find_code(c).map(|k: Code| k.path)).transpose()?;
            let statuses = parse_statuses(status)?;
            let filter = CodingFilter {
                doc_id: *doc,
                code: code_path,
                coder: by.clone(),
                statuses,
                ..CodingFilter::default()
            };
            let mut all = store.codings(&filter)?;
            if order == "uncertainty" {
                let ids: Vec<i64> = all.iter().map(|c| c.id).collect();
                let scores = policyscope::coding::learn::scores(store, &ids)?;
                policyscope::coding::learn::order_by_uncertainty(&mut all, |c| c.id, &scores);
            } else if order == "confidence" {
                let confidence = policyscope::coding::rule_confidences(store)?;
                policyscope::coding::order_by_confidence(&mut all, |c| c.id, &confidence);
            }
            let shown: Vec<Coding> = all.iter().take(*limit).cloned().collect();
            print_codings(&shown, project, ctx)?;
            if shown.len() < all.len() {
                ctx.say(format!("{} of {} codings shown (raise --limit)", shown.len(), all.len()));
            }
        }
        Review::Accept { ids, who } | Review::Reject { ids, who } => {
            let name = coder(who, project)?;
            let accept = matches!(r, Review::Accept { .. });
            let mut done = Vec::new();
            for &id in ids {
                done.push(if accept {
                    store.accept(id, name.as_str())?
                } else {
                    store.reject(id, name.as_str())?
                });
            }
            print_codings(&done, project, ctx)?;
        }
        Review::Add { doc, code, start, end, text, who } => {
            let name = coder(who, project)?;
            let code = store.find_code(code)?;
            let (s, e) = match (start, end, text) {
                (Some(s), Some(e), _) => (*s, *e),
                (_, _, Some(t)) => {
                    let body = project.document(*doc)?.text;
                    let byte = body
                        .find(t.as_str())
                        .with_context(|| format!("{t:?} does not occur in document {doc}"))?;
                    let s = body[..byte].chars().count() as i64;
                    (s, s + t.chars().count() as i64)
                }
                _ => anyhow::bail!("give --start and --end, or --text"),
            };
            let c = store.code_passage(&NewCoding {
                doc_id: *doc,
                code_id: code.id,
                start: s,
                end: e,
                coder: name.to_string(),
                status: Status::Accepted,
                guid: None,
            })?;
            print_codings(&[c], project, ctx)?;
        }
        Review::Recode { id, to, who } => {
            let name = coder(who, project)?;
            let code = store.find_code(to)?;
            let c = store.recode(*id, code.id, name.as_str())?;
            print_codings(&[c], project, ctx)?;
        }
        Review::Memo { target, text, who } => {
            let name = coder(who, project)?;
            let Some(t) = memo_target(store, target, true)? else { anyhow::bail!("a memo needs a target") };
            let m = store.write_memo(t, name.as_str(), text)?;
            if ctx.json {
                crate::output::json(&m)?;
            } else {
                ctx.say(format!("memo #{} written", m.id));
            }
        }
    }
    Ok(())
}

/// Parses `--status` values; `all` selects every status.
pub fn parse_statuses(values: &[String]) -> anyhow::Result<Vec<Status>> {
    let mut out = Vec::new();
    for v in values {
        if v == "all" {
            return Ok(Vec::new());
        }
        out.push(
            Status::parse(v)
                .with_context(|| format!("unknown status {v:?} (proposed, accepted, rejected, all)"))?,
        );
    }
    Ok(out)
}
