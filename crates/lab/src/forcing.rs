//! The evidence bridge: a coded series (documents per code per year, the CSV
//! of `policyscope query trend --csv`) becomes a policy-intensity schedule.
//!
//! Assumptions: coded documents measure policy *attention*, not budget or
//! implementation. Intensity in a year is Σ_c β_c·m_c(year) over the chosen
//! codes, with m the chosen measure (documents, passages, share of the year's
//! corpus, or a `weighted` column); the policy *stock* decays with a half-life
//! in years; the schedule follows the stock, normalised so its peak equals
//! `scale` (the unknown conversion into model units, to be swept), held
//! constant within a year. Undated documents (year `undated`) are left out.
//! A code is named by its path (`Tool/BRI`) or its last part (`BRI`).

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{check_range, LabError, Result};
use crate::models::policy::{Policy, PolicyKind};
use crate::spec::limits::{MAX_LIST_BYTES, MAX_STEPS};

/// One row of a coded trend.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct TrendRow {
    /// Code path.
    pub code: String,
    /// Year.
    pub year: i32,
    /// Documents coded with the code that year.
    pub documents: f64,
    /// Passages coded.
    pub passages: f64,
    /// Documents of the corpus that year.
    pub corpus_documents: f64,
    /// A weighted document count, when the trend was weighted.
    #[serde(default)]
    pub weighted: Option<f64>,
}

/// Which column measures intensity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    /// Documents coded.
    Documents,
    /// Passages coded.
    Passages,
    /// Documents coded over the year's corpus documents.
    Share,
    /// The `weighted` column.
    Weighted,
}

/// How to turn a trend into a policy.
#[derive(Debug, Clone, PartialEq)]
pub struct ForcingOptions {
    /// Codes and their weights β_c.
    pub codes: Vec<(String, f64)>,
    /// The measure.
    pub measure: Measure,
    /// Half-life of the policy stock in years (0: no memory).
    pub half_life: f64,
    /// Simulation steps per year.
    pub steps_per_year: u32,
    /// Peak value of the schedule.
    pub scale: f64,
    /// The policy the schedule drives.
    pub kind: PolicyKind,
    /// Its bloc.
    pub bloc: Option<String>,
    /// Its standard.
    pub standard: usize,
    /// Step at which the first year starts.
    pub t_on: u32,
}

/// A trend turned into a schedule.
#[derive(Debug, Clone, PartialEq)]
pub struct Forcing {
    /// Years covered (consecutive).
    pub years: Vec<i32>,
    /// Weighted intensity per year.
    pub intensity: Vec<f64>,
    /// Decayed stock per year.
    pub stock: Vec<f64>,
    /// The resulting policy.
    pub policy: Policy,
}

/// Reads a trend CSV (size-limited; the header must name the columns).
pub fn read_trend(path: &Path) -> Result<Vec<TrendRow>> {
    let file = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| LabError::io(path, e))?;
    if meta.len() > MAX_LIST_BYTES as u64 {
        return Err(LabError::Limit(format!("{file} is larger than {MAX_LIST_BYTES} bytes")));
    }
    let mut rdr = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_path(path)
        .map_err(|e| LabError::Table { file: file.clone(), reason: e.to_string() })?;
    let table = |i: usize, e: csv::Error| LabError::Table {
        file: file.clone(),
        reason: format!("row {}: {e}", i + 2),
    };
    let headers = rdr.headers().map_err(|e| table(0, e))?.clone();
    let year_col = headers.iter().position(|h| h == "year");
    let mut rows = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| table(i, e))?;
        if year_col.and_then(|c| rec.get(c)).is_some_and(|y| y == "undated") {
            continue;
        }
        let row: TrendRow = rec.deserialize(Some(&headers)).map_err(|e| table(i, e))?;
        if !(1800..=2300).contains(&row.year) {
            return Err(LabError::Table {
                file,
                reason: format!("row {}: year {} is implausible", i + 2, row.year),
            });
        }
        rows.push(row);
    }
    Ok(rows)
}

/// Whether `code` names the code at `path`: the path itself (`Tool/BRI`) or its last part (`BRI`).
pub fn names_code(path: &str, code: &str) -> bool {
    path == code || path.rsplit('/').next() == Some(code)
}

/// Builds the schedule from `rows`.
pub fn build(rows: &[TrendRow], opts: &ForcingOptions) -> Result<Forcing> {
    check_range("half_life", opts.half_life, 0.0, 1000.0)?;
    check_range("scale", opts.scale, -1e3, 1e3)?;
    if opts.steps_per_year == 0 {
        return Err(LabError::param("steps_per_year", "must be at least 1"));
    }
    if opts.codes.is_empty() {
        return Err(LabError::param("codes", "name at least one code"));
    }
    let named = |r: &TrendRow, c: &str| names_code(&r.code, c);
    let chosen: Vec<&TrendRow> =
        rows.iter().filter(|r| opts.codes.iter().any(|(c, _)| named(r, c))).collect();
    for (c, _) in &opts.codes {
        if !chosen.iter().any(|r| named(r, c)) {
            return Err(LabError::param("codes", format!("code `{c}` is not in the trend")));
        }
    }
    let (Some(first), Some(last)) =
        (chosen.iter().map(|r| r.year).min(), chosen.iter().map(|r| r.year).max())
    else {
        return Err(LabError::param("codes", "no rows"));
    };
    let years: Vec<i32> = (first..=last).collect();
    let mut intensity = vec![0.0; years.len()];
    for r in &chosen {
        let beta = opts.codes.iter().find(|(c, _)| named(r, c)).map_or(0.0, |x| x.1);
        let m = match opts.measure {
            Measure::Documents => r.documents,
            Measure::Passages => r.passages,
            Measure::Share => {
                if r.corpus_documents > 0.0 {
                    r.documents / r.corpus_documents
                } else {
                    0.0
                }
            }
            Measure::Weighted => {
                r.weighted.ok_or_else(|| LabError::param("measure", "the trend has no `weighted` column"))?
            }
        };
        intensity[(r.year - first) as usize] += beta * m;
    }
    let decay = if opts.half_life > 0.0 { (-std::f64::consts::LN_2 / opts.half_life).exp() } else { 0.0 };
    let mut stock = Vec::with_capacity(years.len());
    let mut s = 0.0;
    for i in &intensity {
        s = s * decay + i;
        stock.push(s);
    }
    let peak = stock.iter().fold(0.0f64, |a, v| a.max(v.abs()));
    let steps = years.len() as u64 * u64::from(opts.steps_per_year);
    if steps > MAX_STEPS {
        return Err(LabError::Limit(format!("schedule of {steps} steps exceeds {MAX_STEPS}")));
    }
    let series: Vec<f64> = stock
        .iter()
        .flat_map(|v| {
            std::iter::repeat_n(
                if peak > 0.0 { opts.scale * v / peak } else { 0.0 },
                opts.steps_per_year as usize,
            )
        })
        .collect();
    let policy = Policy {
        kind: opts.kind,
        bloc: opts.bloc.clone(),
        standard: opts.standard,
        t_on: opts.t_on,
        t_off: None,
        duration: Some(steps as u32),
        strength: 0.0,
        series,
    };
    Ok(Forcing { years, intensity, stock, policy })
}

impl Forcing {
    /// The policy as a `[[base.policy]]` TOML block to append to a spec.
    pub fn to_toml(&self) -> Result<String> {
        #[derive(Serialize)]
        struct Base<'a> {
            policy: [&'a Policy; 1],
        }
        #[derive(Serialize)]
        struct Wrap<'a> {
            base: Base<'a>,
        }
        toml::to_string(&Wrap { base: Base { policy: [&self.policy] } })
            .map_err(|e| LabError::Spec(e.to_string()))
    }

    /// The figure: intensity and stock by year, normalised to their peaks.
    pub fn figure(&self, opts: &ForcingOptions) -> String {
        use crate::svg::{line_chart, Line, Point};
        let norm = |v: &[f64]| {
            let m = v.iter().fold(0.0f64, |a, x| a.max(x.abs()));
            v.iter()
                .zip(&self.years)
                .map(|(x, y)| {
                    let y0 = if m > 0.0 { x / m } else { 0.0 };
                    Point { x: f64::from(*y), y: y0, lo: y0, hi: y0 }
                })
                .collect::<Vec<_>>()
        };
        let codes: Vec<String> = opts.codes.iter().map(|(c, b)| format!("{c} × {b}")).collect();
        let notes = vec![
            "Assumptions: coded documents measure policy attention, not budget or implementation; intensity is the weighted sum of the chosen measure over codes; the stock decays with the stated half-life; the schedule peaks at `scale`, an unknown conversion into model units that should be swept.".to_string(),
            format!("Codes: {}; measure {:?}; half-life {} years; {} steps per year; peak {}.", codes.join(", "), opts.measure, opts.half_life, opts.steps_per_year, opts.scale),
        ];
        let lines = [
            Line { label: "intensity".into(), points: norm(&self.intensity) },
            Line { label: "stock".into(), points: norm(&self.stock) },
        ];
        line_chart(
            "Policy intensity from coded documents (share of peak)",
            "year",
            "share of peak",
            &lines,
            Some((0.0, 1.0)),
            &notes,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(code: &str, year: i32, documents: f64) -> TrendRow {
        TrendRow {
            code: code.into(),
            year,
            documents,
            passages: documents * 3.0,
            corpus_documents: 10.0,
            weighted: None,
        }
    }

    fn opts() -> ForcingOptions {
        ForcingOptions {
            codes: vec![("BRI".into(), 1.0)],
            measure: Measure::Documents,
            half_life: 1.0,
            steps_per_year: 2,
            scale: 0.5,
            kind: PolicyKind::Subsidy,
            bloc: Some("home".into()),
            standard: 0,
            t_on: 10,
        }
    }

    #[test]
    fn stock_halves_each_half_life_and_schedule_peaks_at_scale() {
        let rows = [row("Tool/BRI", 2015, 2.0), row("Tool/BRI", 2017, 0.0), row("Other", 2016, 9.0)];
        let f = build(&rows, &opts()).expect("valid");
        assert_eq!(f.years, [2015, 2016, 2017]);
        assert_eq!(f.stock, [2.0, 1.0, 0.5]);
        assert_eq!(f.policy.series, [0.5, 0.5, 0.25, 0.25, 0.125, 0.125]);
        assert_eq!(f.policy.end(), Some(16));
        assert!(f.to_toml().expect("serialises").contains("[[base.policy]]"));
    }

    #[test]
    fn trend_csv_of_the_query_command_is_read_and_undated_rows_left_out() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("trend.csv");
        let text =
            "code,year,documents,passages,corpus_documents\nTool/BRI,2015,2,5,40\nTool/BRI,undated,7,9,3\n";
        std::fs::write(&path, text).expect("write");
        let rows = read_trend(&path).expect("reads");
        let want = TrendRow {
            code: "Tool/BRI".into(),
            year: 2015,
            documents: 2.0,
            passages: 5.0,
            corpus_documents: 40.0,
            weighted: None,
        };
        assert_eq!(rows, [want]);
    }

    #[test]
    fn unknown_code_is_refused() {
        let mut o = opts();
        o.codes = vec![("Nope".into(), 1.0)];
        assert!(build(&[row("BRI", 2015, 1.0)], &o).is_err());
    }
}
