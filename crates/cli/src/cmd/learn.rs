//! `policyscope code evaluate | learn | suggest | import-judgements`: a
//! codebook measured against a person, and models learnt from the coders.

use std::process::ExitCode;

use anyhow::Context as _;
use policyscope::agree::evaluate::{CodeEvaluation, EvalPassage};
use policyscope::agree::{evaluate, EvaluateOptions, Evaluation, Scope, Unit};
use policyscope::coding::evaluate::judgements;
use policyscope::coding::learn::{self, CodeOutcome, LearnOptions, Params, SuggestOptions};
use policyscope::coding::{Codebook, CodingStore, HumanCoder};

use super::Context;

/// Measure a codebook against a person's codings.
#[derive(Debug, clap::Args)]
pub struct EvaluateArgs {
    /// A codebook TOML file, or `builtin:study`.
    #[arg(long, default_value = "builtin:study")]
    codebook: String,
    /// The person whose codings (or review decisions) are the truth.
    #[arg(long)]
    against: String,
    /// The unit counted.
    #[arg(long, default_value = "sentence", value_parser = ["sentence", "paragraph", "document"])]
    unit: String,
    /// Count only the units the person decided on for each code (a sample judged unit by unit),
    /// not every unit of the documents they coded.
    #[arg(long)]
    decided_only: bool,
    /// How many false positives and false negatives to list per code.
    #[arg(long, default_value_t = 5)]
    show: usize,
}

/// Train a model per code on the coders' decisions.
#[derive(Debug, clap::Args)]
pub struct LearnArgs {
    /// Seed of the example order and the folds (same seed, same model).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Cross-validation folds.
    #[arg(long, default_value_t = 5)]
    folds: usize,
    /// Fewest positive and negative examples a code needs.
    #[arg(long, default_value_t = 10)]
    min_examples: usize,
    /// Only this code (path or unique name); repeatable.
    #[arg(long = "code")]
    codes: Vec<String>,
    /// Learn only from sentences decided on for the code (a sample judged sentence by sentence).
    #[arg(long)]
    decided_only: bool,
    /// Passes over the examples.
    #[arg(long, default_value_t = Params::default().epochs)]
    epochs: u32,
}

/// Propose codings from the learnt models.
#[derive(Debug, clap::Args)]
pub struct SuggestArgs {
    /// Lowest score that makes a proposal.
    #[arg(long, default_value_t = 0.5)]
    min_score: f64,
    /// Only this code's model; repeatable.
    #[arg(long = "code")]
    codes: Vec<String>,
    /// Only this document; repeatable.
    #[arg(long = "doc")]
    documents: Vec<i64>,
}

/// Store sentence judgements (TSV) as a person's decisions.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The judgements file.
    file: std::path::PathBuf,
    /// The person who judged.
    #[arg(long)]
    coder: String,
}

fn fmt(x: Option<f64>) -> String {
    x.map_or_else(|| "-".into(), |v| format!("{v:.3}"))
}

/// Runs `code evaluate`.
pub fn evaluate_cmd(args: &EvaluateArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let project = ctx.open_project()?;
    let book = Codebook::load(&args.codebook).with_context(|| format!("codebook {}", args.codebook))?;
    let opts = EvaluateOptions {
        coder: args.against.clone(),
        unit: Unit::parse(&args.unit).unwrap_or(Unit::Sentence),
        scope: if args.decided_only { Scope::Decided } else { Scope::Documents },
        examples: if ctx.json { usize::MAX } else { args.show },
    };
    let eval = evaluate(&project, &book, &opts)?;
    // Kept for the report and the app; the listed passages are trimmed to what the text shows.
    let mut kept = eval.clone();
    for c in &mut kept.codes {
        c.false_positives.truncate(args.show);
        c.false_negatives.truncate(args.show);
    }
    policyscope::agree::evaluate::stored::save(&project, &kept)?;
    if ctx.json {
        crate::output::json(&eval)?;
    } else {
        print_evaluation(&eval)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn print_evaluation(e: &Evaluation) -> anyhow::Result<()> {
    crate::output::line(&format!(
        "codebook {}@{} against {} — {} documents, by {}, {}",
        e.codebook,
        e.version,
        e.coder,
        e.documents,
        match e.unit {
            Unit::Char => "character",
            Unit::Sentence => "sentence",
            Unit::Paragraph => "paragraph",
            Unit::Document => "document",
        },
        match e.scope {
            Scope::Documents => "every unit of their documents",
            Scope::Decided => "units they decided on",
        }
    ))?;
    crate::output::line(&format!(
        "{}  {:>6} {:>5} {:>5} {:>5}  {:>9} {:>6} {:>6} {:>6}",
        crate::output::pad("code", 32),
        "units",
        "TP",
        "FP",
        "FN",
        "precision",
        "recall",
        "F1",
        "kappa"
    ))?;
    for c in &e.codes {
        crate::output::line(&format!(
            "{}  {:>6} {:>5} {:>5} {:>5}  {:>9} {:>6} {:>6} {:>6}",
            crate::output::pad(&c.code, 32),
            c.units,
            c.counts.tp,
            c.counts.fp,
            c.counts.fn_,
            fmt(c.precision),
            fmt(c.recall),
            fmt(c.f1),
            fmt(c.kappa)
        ))?;
    }
    for c in e.codes.iter().filter(|c| !c.rules.is_empty() || !c.false_negatives.is_empty()) {
        print_details(c)?;
    }
    Ok(())
}

fn print_details(c: &CodeEvaluation) -> anyhow::Result<()> {
    crate::output::line(&format!("\n{}", c.code))?;
    for r in &c.rules {
        crate::output::line(&format!("  rule {:<40} fired on {:>5}, kept {:>5}", r.rule, r.hits, r.kept))?;
    }
    let passage = |kind: &str, p: &EvalPassage| {
        let rules = if p.rules.is_empty() {
            String::new()
        } else {
            format!(" [{}: {}]", p.rules.join(", "), p.matched.join(", "))
        };
        format!("  {kind} doc {} [{}..{}]{rules}\n      {}", p.doc_id, p.start, p.end, p.text)
    };
    for p in &c.false_positives {
        crate::output::line(&passage("FP", p))?;
    }
    for p in &c.false_negatives {
        crate::output::line(&passage("FN", p))?;
    }
    Ok(())
}

/// Runs `code learn`.
pub fn learn_cmd(args: &LearnArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let project = ctx.open_project()?;
    let store = CodingStore::open(&project)?;
    let opts = LearnOptions {
        seed: args.seed,
        folds: args.folds,
        min_examples: args.min_examples,
        codes: args.codes.clone(),
        scope: if args.decided_only { Scope::Decided } else { Scope::Documents },
        params: Params { epochs: args.epochs.max(1), ..Params::default() },
    };
    let started = std::time::Instant::now();
    let summary = learn::learn(&store, &opts)?;
    let trained = summary.codes.iter().filter(|c| matches!(c, CodeOutcome::Trained { .. })).count();
    if ctx.json {
        crate::output::json(&summary)?;
    } else {
        ctx.say(format!(
            "{} decided documents, {} sentences, decisions of {}; seed {}; {:.2?}",
            summary.documents,
            summary.sentences,
            summary.coders.join(", "),
            summary.seed,
            started.elapsed()
        ));
        crate::output::line(&format!(
            "{}  {:>5} {:>6}  {:>9} {:>6} {:>6}  {:>11}",
            crate::output::pad("code", 32),
            "pos",
            "neg",
            "precision",
            "recall",
            "F1",
            "baseline F1"
        ))?;
        for c in &summary.codes {
            match c {
                CodeOutcome::Trained { model } => crate::output::line(&format!(
                    "{}  {:>5} {:>6}  {:>9} {:>6} {:>6}  {:>11}   model {}",
                    crate::output::pad(&model.code_path, 32),
                    model.positives,
                    model.negatives,
                    fmt(model.cv.precision),
                    fmt(model.cv.recall),
                    fmt(model.cv.f1),
                    fmt(model.cv.baseline_f1),
                    model.id
                ))?,
                CodeOutcome::TooFew { code, positives, negatives, needed } => ctx.warn(format!(
                    "{code}: not learnt — {positives} positive and {negatives} negative examples; \
                     it needs at least {needed} of each"
                )),
            }
        }
    }
    Ok(if trained > 0 || summary.codes.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// Runs `code suggest`.
pub fn suggest_cmd(args: &SuggestArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let project = ctx.open_project()?;
    let store = CodingStore::open(&project)?;
    let opts = SuggestOptions {
        min_score: args.min_score,
        codes: args.codes.clone(),
        documents: args.documents.clone(),
    };
    let started = std::time::Instant::now();
    let s = learn::suggest(&store, &opts)?;
    if s.models == 0 {
        anyhow::bail!("no model to suggest with: run `policyscope code learn` first");
    }
    if ctx.json {
        crate::output::json(&s)?;
    } else {
        ctx.say(format!(
            "{} models over {} documents ({} sentences scored) in {:.2?}: {} new proposals, {} re-scored, \
             {} withdrawn, {} left to a person's decision",
            s.models,
            s.documents,
            s.sentences,
            started.elapsed(),
            s.proposed,
            s.rescored,
            s.withdrawn,
            s.decided
        ));
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `code import-judgements`.
pub fn import_cmd(args: &ImportArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let coder = HumanCoder::new(&args.coder)?;
    let meta = std::fs::metadata(&args.file).with_context(|| format!("reading {}", args.file.display()))?;
    if meta.len() > judgements::MAX_FILE_BYTES as u64 {
        anyhow::bail!("{} is larger than {} bytes", args.file.display(), judgements::MAX_FILE_BYTES);
    }
    let text =
        std::fs::read_to_string(&args.file).with_context(|| format!("reading {}", args.file.display()))?;
    let parsed = judgements::parse(&text).with_context(|| args.file.display().to_string())?;
    let project = ctx.open_project()?;
    let store = CodingStore::open(&project)?;
    let s = judgements::import(&store, &parsed, &coder)?;
    if s.skipped_rows > 0 {
        ctx.warn(format!(
            "{} rows skipped: {} judged documents are not in the project (first: {})",
            s.skipped_rows,
            s.missing_documents.len(),
            s.missing_documents.first().map_or("", String::as_str)
        ));
    }
    if ctx.json {
        crate::output::json(&s)?;
    } else {
        ctx.say(format!(
            "{} rows: {} judged instances and {} judged absences stored for {}, {} already there",
            s.rows,
            s.positives,
            s.negatives,
            coder.as_str(),
            s.unchanged
        ));
    }
    Ok(ExitCode::SUCCESS)
}
