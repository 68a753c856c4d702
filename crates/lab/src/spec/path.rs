//! Dotted parameter paths (`graph.kappa`, `policy[0].t_on`) that design
//! factors use to override a spec's `[base]` table.

use crate::error::{LabError, Result};
use crate::spec::limits::MAX_PATH_SEGMENTS;

enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

fn parse(path: &str) -> Result<Vec<Seg<'_>>> {
    let bad = || LabError::Path(path.to_string());
    let mut out = Vec::new();
    for part in path.split('.') {
        let (key, mut rest) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(bad());
        }
        out.push(Seg::Key(key));
        while !rest.is_empty() {
            let (idx, after) = rest.split_once(']').ok_or_else(bad)?;
            out.push(Seg::Index(idx.parse().map_err(|_| bad())?));
            rest = after.strip_prefix('[').unwrap_or(after);
            if !after.is_empty() && !after.starts_with('[') {
                return Err(bad());
            }
        }
        if out.len() > MAX_PATH_SEGMENTS {
            return Err(LabError::Limit(format!(
                "parameter path `{path}` has more than {MAX_PATH_SEGMENTS} parts"
            )));
        }
    }
    Ok(out)
}

/// Sets `path` in `root` to `value`; missing tables on the way are created,
/// array elements must exist. Unknown names are caught later, when the
/// parameters are read into the model's typed configuration.
pub fn set(root: &mut toml::Value, path: &str, value: toml::Value) -> Result<()> {
    let segs = parse(path)?;
    let mut cur = root;
    for (i, seg) in segs.iter().enumerate() {
        let last = i + 1 == segs.len();
        cur = match seg {
            Seg::Key(k) => {
                let table = cur.as_table_mut().ok_or_else(|| LabError::Path(path.to_string()))?;
                if last {
                    table.insert((*k).to_string(), value);
                    return Ok(());
                }
                let next_is_index = matches!(segs.get(i + 1), Some(Seg::Index(_)));
                let fresh = if next_is_index {
                    toml::Value::Array(Vec::new())
                } else {
                    toml::Value::Table(Default::default())
                };
                table.entry((*k).to_string()).or_insert(fresh)
            }
            Seg::Index(n) => {
                let arr = cur.as_array_mut().ok_or_else(|| LabError::Path(path.to_string()))?;
                let slot =
                    arr.get_mut(*n).ok_or_else(|| LabError::Path(format!("{path} (no element {n})")))?;
                if last {
                    *slot = value;
                    return Ok(());
                }
                slot
            }
        };
    }
    Err(LabError::Path(path.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_and_indexed_paths_are_set() {
        let mut v: toml::Value =
            toml::from_str("[[policy]]\nt_on = 1\n[graph]\nkappa = 0.1").expect("literal parses");
        set(&mut v, "policy[0].t_on", toml::Value::Integer(40)).expect("exists");
        set(&mut v, "graph.kappa", toml::Value::Float(0.3)).expect("exists");
        set(&mut v, "extra.deep.value", toml::Value::Integer(1)).expect("tables are created");
        assert_eq!(v["policy"][0]["t_on"].as_integer(), Some(40));
        assert_eq!(v["graph"]["kappa"].as_float(), Some(0.3));
        assert_eq!(v["extra"]["deep"]["value"].as_integer(), Some(1));
    }

    #[test]
    fn malformed_or_missing_paths_are_refused() {
        let mut v: toml::Value = toml::from_str("policy = []").expect("literal parses");
        for bad in ["", "a..b", "policy[0].t_on", "policy[x]", "a]b", "a[0]x"] {
            assert!(set(&mut v, bad, toml::Value::Integer(1)).is_err(), "{bad} accepted");
        }
    }
}
