//! SQL written once, in SQLite's dialect, rewritten for PostgreSQL.
//!
//! The rewrite is token-based (string literals, quoted names and comments
//! are left alone) and covers only what the project's SQL uses: `?N`
//! parameters, the timestamp expression, `LIKE`, `IFNULL`, casts, and in
//! migrations the column types. Anything else must be written portably.

/// The timestamp expressions the schema and statements use, with their
/// PostgreSQL equivalents (same text form, UTC).
const TIMESTAMPS: &[(&str, &str)] = &[
    (
        "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
        "to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')",
    ),
    (
        "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
        "to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')",
    ),
];

#[derive(Debug, PartialEq)]
enum Token {
    /// A bare word (keyword or name).
    Word(String),
    /// `?` or `?N`.
    Param(Option<u32>),
    /// Anything else, copied as it is.
    Raw(String),
}

fn tokenize(sql: &str) -> Vec<Token> {
    let chars: Vec<char> = sql.chars().collect();
    let mut tokens = Vec::new();
    let mut raw = String::new();
    let mut i = 0;
    let flush = |raw: &mut String, tokens: &mut Vec<Token>| {
        if !raw.is_empty() {
            tokens.push(Token::Raw(std::mem::take(raw)));
        }
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' || c == '"' {
            // A literal or quoted name, with doubled quotes inside.
            raw.push(c);
            i += 1;
            while i < chars.len() {
                raw.push(chars[i]);
                if chars[i] == c {
                    if chars.get(i + 1) == Some(&c) {
                        raw.push(c);
                        i += 2;
                        continue;
                    }
                    i += 1;
                    break;
                }
                i += 1;
            }
        } else if c == '-' && chars.get(i + 1) == Some(&'-') {
            while i < chars.len() && chars[i] != '\n' {
                raw.push(chars[i]);
                i += 1;
            }
        } else if c == '/' && chars.get(i + 1) == Some(&'*') {
            let end = (i + 2..chars.len().saturating_sub(1))
                .find(|&j| chars[j] == '*' && chars[j + 1] == '/')
                .map_or(chars.len(), |j| j + 2);
            raw.extend(&chars[i..end]);
            i = end;
        } else if c == '?' {
            flush(&mut raw, &mut tokens);
            let start = i + 1;
            let mut end = start;
            while end < chars.len() && chars[end].is_ascii_digit() {
                end += 1;
            }
            let number: String = chars[start..end].iter().collect();
            tokens.push(Token::Param(number.parse().ok()));
            i = end;
        } else if c.is_ascii_alphabetic() || c == '_' {
            flush(&mut raw, &mut tokens);
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_' || chars[i] == '$')
            {
                i += 1;
            }
            tokens.push(Token::Word(chars[start..i].iter().collect()));
        } else if c.is_ascii_digit() {
            // Numbers (and names glued to them) stay as they are.
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '.' || chars[i] == '_')
            {
                raw.push(chars[i]);
                i += 1;
            }
        } else {
            raw.push(c);
            i += 1;
        }
    }
    flush(&mut raw, &mut tokens);
    tokens
}

/// The next word after token `i`, skipping whitespace-only raw tokens.
fn next_word(tokens: &[Token], i: usize) -> Option<(usize, &str)> {
    for (j, t) in tokens.iter().enumerate().skip(i + 1) {
        match t {
            Token::Word(w) => return Some((j, w)),
            Token::Raw(r) if r.trim().is_empty() => continue,
            _ => return None,
        }
    }
    None
}

fn previous_word(tokens: &[Token], i: usize) -> Option<&str> {
    for t in tokens[..i].iter().rev() {
        match t {
            Token::Word(w) => return Some(w),
            Token::Raw(r) if r.trim().is_empty() => continue,
            _ => return None,
        }
    }
    None
}

/// Rewrites a statement (or a batch) for PostgreSQL; `ddl` also rewrites
/// column types, for migrations.
pub fn to_postgres(sql: &str, ddl: bool) -> String {
    let mut text = sql.to_string();
    for (sqlite, postgres) in TIMESTAMPS {
        text = text.replace(sqlite, postgres).replace(&sqlite.replace(", ", ","), postgres);
    }
    let tokens = tokenize(&text);
    let mut out = String::with_capacity(text.len() + 16);
    let mut last_param = 0u32;
    let mut skip_until = 0usize;
    // `end` is a column name (passage spans) as well as the end of `CASE`;
    // PostgreSQL reserves it, so outside a CASE it is quoted.
    let mut case_depth = 0usize;
    for (i, token) in tokens.iter().enumerate() {
        if i < skip_until {
            continue;
        }
        match token {
            Token::Raw(r) => out.push_str(r),
            Token::Param(n) => {
                let n = n.unwrap_or(last_param + 1);
                last_param = last_param.max(n);
                out.push('$');
                out.push_str(&n.to_string());
            }
            Token::Word(w) => {
                let upper = w.to_ascii_uppercase();
                let after_as = previous_word(&tokens, i).is_some_and(|p| p.eq_ignore_ascii_case("AS"));
                // In a column definition the type follows the column's name;
                // a type word after punctuation is itself a name (`text TEXT`).
                let type_position = ddl && previous_word(&tokens, i).is_some();
                let replacement: Option<String> = match upper.as_str() {
                    "CASE" => {
                        case_depth += 1;
                        None
                    }
                    "END" if case_depth > 0 => {
                        case_depth -= 1;
                        None
                    }
                    "END" => Some(format!("\"{}\"", w.to_ascii_lowercase())),
                    // `IS ?1` (a parameter that may be NULL) has no PostgreSQL
                    // form but the long one.
                    "IS" => match tokens
                        .iter()
                        .skip(i + 1)
                        .find(|t| !matches!(t, Token::Raw(r) if r.trim().is_empty()))
                    {
                        Some(Token::Param(_)) => Some("IS NOT DISTINCT FROM".into()),
                        Some(Token::Word(n)) if n.eq_ignore_ascii_case("NOT") => {
                            match next_word(&tokens, i) {
                                Some((j, _))
                                    if matches!(
                                        tokens
                                            .iter()
                                            .skip(j + 1)
                                            .find(|t| !matches!(t, Token::Raw(r) if r.trim().is_empty())),
                                        Some(Token::Param(_))
                                    ) =>
                                {
                                    skip_until = j + 1;
                                    Some("IS DISTINCT FROM".into())
                                }
                                _ => None,
                            }
                        }
                        _ => None,
                    },
                    "LIKE" => Some("ILIKE".into()),
                    "IFNULL" => Some("COALESCE".into()),
                    "INTEGER" if after_as => Some("BIGINT".into()),
                    "REAL" if after_as => Some("DOUBLE PRECISION".into()),
                    "INTEGER" if type_position => match next_word(&tokens, i) {
                        Some((j, p)) if p.eq_ignore_ascii_case("PRIMARY") => {
                            if let Some((k, key)) = next_word(&tokens, j) {
                                if key.eq_ignore_ascii_case("KEY") {
                                    skip_until = k + 1;
                                }
                            }
                            Some("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY".into())
                        }
                        _ => Some("BIGINT".into()),
                    },
                    "REAL" if type_position => Some("DOUBLE PRECISION".into()),
                    "BLOB" if type_position => Some("BYTEA".into()),
                    "TEXT" if type_position => Some("TEXT COLLATE \"C\"".into()),
                    "AUTOINCREMENT" if ddl => Some(String::new()),
                    "WITHOUT" if ddl => match next_word(&tokens, i) {
                        Some((j, r)) if r.eq_ignore_ascii_case("ROWID") => {
                            skip_until = j + 1;
                            Some(String::new())
                        }
                        _ => None,
                    },
                    _ => None,
                };
                out.push_str(replacement.as_deref().unwrap_or(w));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parameters_become_numbered_and_literals_are_left_alone() {
        assert_eq!(
            to_postgres("SELECT ?1, '?2', \"a?\" FROM t WHERE x = ?2", false),
            "SELECT $1, '?2', \"a?\" FROM t WHERE x = $2"
        );
        assert_eq!(to_postgres("INSERT INTO t VALUES (?, ?, ?)", false), "INSERT INTO t VALUES ($1, $2, $3)");
        assert_eq!(to_postgres("SELECT 'it''s ?' -- ?3\n, ?1", false), "SELECT 'it''s ?' -- ?3\n, $1");
    }

    #[test]
    fn like_ifnull_and_casts_are_translated() {
        assert_eq!(
            to_postgres(
                "SELECT IFNULL(a, 0), CAST(b AS INTEGER), CAST(c AS REAL) FROM t WHERE d LIKE ?1",
                false
            ),
            "SELECT COALESCE(a, 0), CAST(b AS BIGINT), CAST(c AS DOUBLE PRECISION) FROM t WHERE d ILIKE $1"
        );
    }

    #[test]
    fn migration_types_become_postgres_types() {
        let sql =
            "CREATE TABLE d (id INTEGER PRIMARY KEY AUTOINCREMENT, n INTEGER NOT NULL, w REAL, b BLOB, \
                   t TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))) WITHOUT ROWID;";
        let pg = to_postgres(sql, true);
        assert!(pg.contains("id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY ,"), "{pg}");
        assert!(pg.contains("n BIGINT NOT NULL"), "{pg}");
        assert!(pg.contains("w DOUBLE PRECISION, b BYTEA, t TEXT COLLATE \"C\" DEFAULT (to_char("), "{pg}");
        assert!(!pg.to_ascii_uppercase().contains("ROWID") && !pg.contains("strftime"), "{pg}");
        // A column named after a type keeps its name.
        assert_eq!(
            to_postgres("CREATE TABLE t (text TEXT, real REAL)", true),
            "CREATE TABLE t (text TEXT COLLATE \"C\", real DOUBLE PRECISION)"
        );
    }

    #[test]
    fn is_with_a_parameter_becomes_distinct_from() {
        assert_eq!(
            to_postgres("WHERE parent_id IS ?1 AND x IS NOT ?2 AND y IS NULL AND z IS NOT NULL", false),
            "WHERE parent_id IS NOT DISTINCT FROM $1 AND x IS DISTINCT FROM $2 AND y IS NULL AND z IS NOT NULL"
        );
    }

    #[test]
    fn end_is_quoted_as_a_column_but_not_as_the_end_of_case() {
        assert_eq!(
            to_postgres("SELECT start, end, CASE WHEN a THEN (CASE b WHEN 1 THEN 2 END) END FROM p WHERE end > ?1", false),
            "SELECT start, \"end\", CASE WHEN a THEN (CASE b WHEN 1 THEN 2 END) END FROM p WHERE \"end\" > $1"
        );
    }

    #[test]
    fn unterminated_literals_and_comments_do_not_panic() {
        for sql in ["SELECT 'abc", "SELECT /* x", "SELECT \"q", "?", "??99999999999999"] {
            let _ = to_postgres(sql, true);
        }
    }

    proptest! {
        #[test]
        fn any_text_is_rewritten_without_panicking(sql in ".{0,200}") {
            let _ = to_postgres(&sql, true);
            let _ = to_postgres(&sql, false);
        }

        #[test]
        fn text_without_rewritten_words_is_unchanged(sql in "[a-hjkmo-z0-9 ,.()=<>*'\"-]{0,120}") {
            // No `?`, `i`, `l` or `n` (so no LIKE, IFNULL, INTEGER, REAL, END): nothing to rewrite.
            prop_assert_eq!(to_postgres(&sql, false), sql);
        }
    }
}
