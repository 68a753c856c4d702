//! `policyscope agree --coder A --coder B [--unit …]`.

use std::process::ExitCode;

use policyscope::agree::compare::{Comparison, UnitFigures};
use policyscope::agree::{compare, CompareOptions, Unit};

use super::Context;

/// Inter-coder agreement.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A coder or group to compare (give two or more); `alice+bob` is a
    /// group that codes a unit when either does; `auto:study` is the study
    /// codebook's auto-coder.
    #[arg(long = "coder", required = true, num_args = 1)]
    coders: Vec<String>,
    /// The unit: char (as NVivo), sentence, paragraph or document.
    #[arg(long, default_value = "char", value_parser = ["char", "sentence", "paragraph", "document"])]
    unit: String,
    /// Only this code (path or unambiguous name); repeatable.
    #[arg(long = "code")]
    codes: Vec<String>,
    /// Only this document id; repeatable.
    #[arg(long = "doc")]
    documents: Vec<i64>,
    /// Also list code × document pairs no compared coder used (as NVivo does).
    #[arg(long)]
    all_cells: bool,
    /// How many disagreements to list (all with --json).
    #[arg(long, default_value_t = 20)]
    show: usize,
}

fn fmt(x: Option<f64>, percent: bool) -> String {
    match x {
        Some(v) if percent => format!("{v:.2}%"),
        Some(v) => format!("{v:.3}"),
        None => "-".into(),
    }
}

fn figures(f: &UnitFigures) -> String {
    let (pct, kappa) = match f.pair {
        Some(p) => (fmt(p.percent_agreement, true), fmt(p.kappa, false)),
        None => ("-".into(), fmt(f.fleiss_kappa, false)),
    };
    format!("{:>9}  {:>8}  {:>7}  {:>7}", f.units, pct, kappa, fmt(f.alpha, false))
}

fn print(c: &Comparison, show: usize) -> anyhow::Result<()> {
    let kappa = if c.coders.len() == 2 { "kappa" } else { "fleiss" };
    let unit = match c.unit {
        Unit::Char => "characters",
        Unit::Sentence => "sentences",
        Unit::Paragraph => "paragraphs",
        Unit::Document => "documents",
    };
    crate::output::line(&format!("coders: {}   unit: {unit}", c.coders.join(" vs ")))?;
    if !c.cells.is_empty() {
        crate::output::line(&format!(
            "\n{:<36} {:>6}  {:>9}  {:>8}  {:>7}  {:>7}",
            "code × document", "doc", "units", "agree", kappa, "alpha"
        ))?;
        for cell in &c.cells {
            crate::output::line(&format!(
                "{:<36} {:>6}  {}",
                policyscope::text::shorten(&cell.code, 36),
                cell.doc_id,
                figures(&cell.figures)
            ))?;
        }
    }
    crate::output::line(&format!(
        "\n{:<36} {:>6}  {:>9}  {:>8}  {:>7}  {:>7}  {:>12}",
        "code (pooled)", "docs", "units", "agree", kappa, "alpha", "mean kappa"
    ))?;
    for code in c.codes.iter().filter(|k| k.pooled.units > 0) {
        crate::output::line(&format!(
            "{:<36} {:>6}  {}  {:>5}/{:<6}",
            policyscope::text::shorten(&code.code, 36),
            code.documents,
            figures(&code.pooled),
            fmt(code.kappa_mean.mean, false),
            fmt(code.kappa_mean.weighted_mean, false)
        ))?;
    }
    let o = &c.overall;
    crate::output::line(&format!(
        "\noverall: agreement {} (weighted {}), {kappa} {} (weighted {}), alpha {} (weighted {})",
        fmt(o.percent_mean.mean, true),
        fmt(o.percent_mean.weighted_mean, true),
        fmt(o.kappa_mean.mean, false),
        fmt(o.kappa_mean.weighted_mean, false),
        fmt(o.alpha_mean.mean, false),
        fmt(o.alpha_mean.weighted_mean, false),
    ))?;
    if !c.disagreements.is_empty() {
        crate::output::line(&format!(
            "\n{} disagreements{}:",
            c.disagreements.len(),
            if c.disagreements.len() > show { format!(" (first {show})") } else { String::new() }
        ))?;
        for d in c.disagreements.iter().take(show) {
            crate::output::line(&format!(
                "  [{}] doc {} [{}, {}) coded by {}: {}",
                d.code,
                d.doc_id,
                d.start,
                d.end,
                d.coded_by.join(", "),
                policyscope::text::shorten(&d.text.replace('\n', " "), 60)
            ))?;
        }
    }
    Ok(())
}

/// Runs `agree`.
pub fn run(args: &Args, ctx: &Context) -> anyhow::Result<ExitCode> {
    let project = ctx.open_project()?;
    let unit = Unit::parse(&args.unit).unwrap_or(Unit::Char);
    let opts = CompareOptions {
        coders: args.coders.clone(),
        unit,
        codes: args.codes.clone(),
        documents: args.documents.clone(),
        all_cells: args.all_cells,
    };
    let result = compare(&project, &opts)?;
    if ctx.json {
        crate::output::json(&result)?;
    } else {
        print(&result, args.show)?;
    }
    Ok(ExitCode::SUCCESS)
}
