//! The one date type of policyscope: a calendar date that may be partial.
//!
//! Policy documents and catalogs name a year (`2021`), a month (`2021-08`)
//! or a day (`2021-08-20`). [`PolicyDate`] holds exactly that, checked
//! against the calendar (leap years included), orders like its ISO string,
//! displays and serialises as that string, and is what every date that
//! enters or leaves the project goes through.
//!
//! A partial date names a period. Read as a *point* (a document's date, the
//! date of a version) it is the first day of that period; read as an *upper
//! bound* (`--to 2020`, a citing date) it is the last day. [`DateRange`] and
//! [`PolicyDate::in_force_by`] are the two places that apply this rule.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Inputs longer than this are refused before being looked at.
const MAX_INPUT_CHARS: usize = 32;
/// Four-digit years only: the ISO display and the string order rely on it.
const YEARS: std::ops::RangeInclusive<u32> = 1000..=9999;

/// A date with a year and, optionally, a month and then a day.
///
/// The derived order is that of the ISO strings: `2021` < `2021-01` <
/// `2021-01-01` < `2021-02`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PolicyDate {
    year: u16,
    month: Option<u8>,
    day: Option<u8>,
}

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateProblem {
    /// Nothing was given.
    #[error("it is empty")]
    Empty,
    /// The input is longer than any date.
    #[error("it is longer than {MAX_INPUT_CHARS} characters")]
    TooLong,
    /// The input is not written as a date.
    #[error("it is not written as a date")]
    Form,
    /// The year is not a four-digit year.
    #[error("year {0} is not between 1000 and 9999")]
    Year(u32),
    /// The month is not 1–12.
    #[error("month {0} is not between 1 and 12")]
    Month(u32),
    /// The day does not exist in that month.
    #[error("day {day} does not exist in {year:04}-{month:02}, which has {days} days")]
    Day {
        /// The year.
        year: u32,
        /// The month.
        month: u32,
        /// The day asked for.
        day: u32,
        /// The days that month has.
        days: u32,
    },
}

/// A text that could not be read as a [`PolicyDate`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{input}` is not a date: {problem} (expected YYYY, YYYY-MM or YYYY-MM-DD)")]
pub struct DateError {
    /// The text given (cut to a readable length).
    pub input: String,
    /// What is wrong with it.
    pub problem: DateProblem,
}

/// Days in `month` of `year` (Gregorian calendar).
pub fn days_in_month(year: u32, month: u32) -> u32 {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl PolicyDate {
    /// A date from its parts, checked against the calendar; a day needs a month.
    pub fn new(year: u32, month: Option<u32>, day: Option<u32>) -> Result<Self, DateProblem> {
        if !YEARS.contains(&year) {
            return Err(DateProblem::Year(year));
        }
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(DateProblem::Month(m));
            }
        }
        match (month, day) {
            (None, Some(_)) => return Err(DateProblem::Form),
            (Some(m), Some(d)) if d == 0 || d > days_in_month(year, m) => {
                return Err(DateProblem::Day { year, month: m, day: d, days: days_in_month(year, m) });
            }
            _ => {}
        }
        // The ranges checked above fit the narrower fields.
        Ok(PolicyDate { year: year as u16, month: month.map(|m| m as u8), day: day.map(|d| d as u8) })
    }

    /// A full date (year, month and day).
    pub fn ymd(year: u32, month: u32, day: u32) -> Result<Self, DateProblem> {
        Self::new(year, Some(month), Some(day))
    }

    /// The year.
    pub fn year(&self) -> i32 {
        i32::from(self.year)
    }

    /// The month, when given.
    pub fn month(&self) -> Option<u8> {
        self.month
    }

    /// The day, when given.
    pub fn day(&self) -> Option<u8> {
        self.day
    }

    /// Whether year, month and day are all given.
    pub fn is_full(&self) -> bool {
        self.day.is_some()
    }

    /// The first day of the period this date names.
    pub fn first_day(&self) -> PolicyDate {
        PolicyDate { year: self.year, month: Some(self.month.unwrap_or(1)), day: Some(self.day.unwrap_or(1)) }
    }

    /// The last day of the period this date names.
    pub fn last_day(&self) -> PolicyDate {
        let month = self.month.unwrap_or(12);
        let days = days_in_month(u32::from(self.year), u32::from(month)) as u8;
        PolicyDate { year: self.year, month: Some(month), day: Some(self.day.unwrap_or(days)) }
    }

    /// The first day as the number `YYYYMMDD`: the key a numeric index
    /// sorts and filters on.
    pub fn day_number(&self) -> i64 {
        let f = self.first_day();
        i64::from(f.year) * 10_000 + i64::from(f.month.unwrap_or(1)) * 100 + i64::from(f.day.unwrap_or(1))
    }

    /// Whether something dated `self` already exists at the end of the
    /// period `limit` names: a version of `2021-06-10` is in force by a
    /// citing date of `2021-06`, one of `2021` is in force by `2021-01-05`.
    pub fn in_force_by(&self, limit: &PolicyDate) -> bool {
        self.first_day() <= limit.last_day()
    }

    /// Whether `other` names a period inside this one (`2021` covers
    /// `2021-08-20`; every date covers itself): the more precise of two
    /// dates that agree.
    pub fn covers(&self, other: &PolicyDate) -> bool {
        self.year == other.year
            && self.month.is_none_or(|m| other.month == Some(m))
            && self.day.is_none_or(|d| other.day == Some(d))
    }

    /// Reads an optional date given as text (a flag, a column, a field).
    pub fn parse_opt(s: Option<&str>) -> Result<Option<PolicyDate>, DateError> {
        s.map(str::parse).transpose()
    }
}

fn number(s: &str, max_digits: usize) -> Option<u32> {
    (!s.is_empty() && s.len() <= max_digits && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())?
}

/// Splits `2021-8-20`, `2021.08`, `2021/8/20`, `2021年8月20日`, `2021年`
/// into its numeric parts; `None` when the text is not written so.
fn parts(s: &str) -> Option<(u32, Option<u32>, Option<u32>)> {
    let fields: Vec<&str> = if s.contains('年') {
        let rest = s.strip_suffix('日').unwrap_or(s);
        let (year, rest) = rest.split_once('年')?;
        let (month, day) = match rest.split_once('月') {
            Some((m, d)) => (Some(m), (!d.is_empty()).then_some(d)),
            None if rest.is_empty() => (None, None),
            None => return None,
        };
        if s.ends_with('日') && day.is_none() {
            return None;
        }
        [Some(year), month, day].into_iter().flatten().collect()
    } else {
        let sep = s.chars().find(|c| matches!(c, '-' | '.' | '/'));
        match sep {
            Some(sep) => s.split(sep).collect(),
            None => vec![s],
        }
    };
    let year = fields.first().and_then(|y| (y.len() == 4).then(|| number(y, 4)).flatten())?;
    let month = match fields.get(1) {
        Some(m) => Some(number(m.trim(), 2)?),
        None => None,
    };
    let day = match fields.get(2) {
        Some(d) => Some(number(d.trim(), 2)?),
        None => None,
    };
    (fields.len() <= 3).then_some((year, month, day))
}

impl FromStr for PolicyDate {
    type Err = DateError;

    /// Reads `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (also with `.` or `/`, one-digit
    /// months and days, or written `2021年8月20日`), surrounding space ignored.
    fn from_str(s: &str) -> Result<Self, DateError> {
        let err = |problem| DateError { input: crate::shorten(s, 40), problem };
        let t = s.trim();
        if t.is_empty() {
            return Err(err(DateProblem::Empty));
        }
        if t.chars().count() > MAX_INPUT_CHARS {
            return Err(err(DateProblem::TooLong));
        }
        let (year, month, day) = parts(t).ok_or_else(|| err(DateProblem::Form))?;
        PolicyDate::new(year, month, day).map_err(err)
    }
}

impl fmt::Display for PolicyDate {
    /// ISO `YYYY[-MM[-DD]]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PolicyDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PolicyDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A window of dates, each bound optional: `from` counts from the first day
/// of its period, `to` through the last day of its (`to 2020` includes all
/// of 2020), and a date inside is read as its first day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateRange {
    /// Earliest date admitted.
    pub from: Option<PolicyDate>,
    /// Latest date admitted (through the end of its period).
    pub to: Option<PolicyDate>,
}

/// A date window that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RangeError {
    /// A bound is not a date.
    #[error("{bound} {source}")]
    Bound {
        /// Which bound (`from`, `to`, or the caller's name for it).
        bound: String,
        /// Why it is not a date.
        source: DateError,
    },
    /// The window closes before it opens.
    #[error("the date range starts ({from}) after it ends ({to})")]
    Reversed {
        /// The lower bound.
        from: PolicyDate,
        /// The upper bound.
        to: PolicyDate,
    },
}

impl DateRange {
    /// A window from two bounds; refused when it ends before it starts.
    pub fn new(from: Option<PolicyDate>, to: Option<PolicyDate>) -> Result<Self, RangeError> {
        if let (Some(f), Some(t)) = (from, to) {
            if !f.in_force_by(&t) {
                return Err(RangeError::Reversed { from: f, to: t });
            }
        }
        Ok(DateRange { from, to })
    }

    /// A window from two bounds given as text, each error naming its bound
    /// as the caller spells it (e.g. `--from`, `date_to`).
    pub fn parse(from: (&str, Option<&str>), to: (&str, Option<&str>)) -> Result<Self, RangeError> {
        let read = |(name, value): (&str, Option<&str>)| {
            PolicyDate::parse_opt(value)
                .map_err(|source| RangeError::Bound { bound: name.to_string(), source })
        };
        DateRange::new(read(from)?, read(to)?)
    }

    /// Whether neither bound is set.
    pub fn is_unbounded(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    /// Whether `date` lies in the window.
    pub fn contains(&self, date: &PolicyDate) -> bool {
        self.from.is_none_or(|f| date.first_day() >= f.first_day())
            && self.to.is_none_or(|t| date.in_force_by(&t))
    }

    /// Whether a possibly undated item passes: an undated one passes only a
    /// window without bounds.
    pub fn admits(&self, date: Option<&PolicyDate>) -> bool {
        match date {
            Some(d) => self.contains(d),
            None => self.is_unbounded(),
        }
    }

    /// The bounds as inclusive `YYYYMMDD` numbers (first day of `from`,
    /// last day of `to`), for numeric indexes.
    pub fn day_numbers(&self) -> (Option<i64>, Option<i64>) {
        (self.from.map(|f| f.day_number()), self.to.map(|t| t.last_day().day_number()))
    }
}

#[cfg(test)]
#[path = "date_tests.rs"]
mod tests;
