//! What a database holds, read from its own catalog: the tables, their
//! columns, primary keys and foreign keys (SQLite's `sqlite_master` and
//! table pragmas; PostgreSQL's `pg_catalog`, in the connection's schema).

use crate::{Backend, Connection, Result};

/// A column of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Its name, as the catalog spells it.
    pub name: String,
    /// Whether it refuses NULL.
    pub not_null: bool,
}

/// A foreign key of one column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignKey {
    /// The referencing column (index into [`Table::columns`]).
    pub column: usize,
    /// The referenced table, as the catalog spells it.
    pub table: String,
}

/// A table as the catalog describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Its name, as the catalog spells it.
    pub name: String,
    /// Its columns, in declaration order.
    pub columns: Vec<Column>,
    /// The primary key's columns (indexes into `columns`), in key order;
    /// empty when the table has none.
    pub primary_key: Vec<usize>,
    /// Its single-column foreign keys (the schema has no other kind).
    pub foreign_keys: Vec<ForeignKey>,
}

impl Table {
    /// The position of the column named `name` (compared without case, as
    /// both databases compare unquoted names).
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name.eq_ignore_ascii_case(name))
    }
}

/// `name` quoted as an SQL identifier, so that any name (`end`, `order`) is
/// read as a name on both back ends.
pub fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The names of the database's tables, sorted (SQLite's own tables and
/// PostgreSQL's system schemas left out).
pub fn table_names(conn: &Connection) -> Result<Vec<String>> {
    let sql = match conn.backend() {
        Backend::Sqlite => "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
        Backend::Postgres => {
            "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY 1"
        }
    };
    let mut stmt = conn.prepare(sql)?;
    let names = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>>>()?;
    Ok(names.into_iter().filter(|n| !n.starts_with("sqlite_")).collect())
}

/// The description of table `name`.
pub fn table(conn: &Connection, name: &str) -> Result<Table> {
    let (columns, primary_key, foreign_keys) = match conn.backend() {
        Backend::Sqlite => sqlite_table(conn, name)?,
        Backend::Postgres => postgres_table(conn, name)?,
    };
    let mut table =
        Table { name: name.to_string(), columns, primary_key: Vec::new(), foreign_keys: Vec::new() };
    table.primary_key = primary_key.iter().filter_map(|c| table.column(c)).collect();
    table.foreign_keys = foreign_keys
        .into_iter()
        .filter_map(|(column, target)| {
            table.column(&column).map(|column| ForeignKey { column, table: target })
        })
        .collect();
    Ok(table)
}

type Parts = (Vec<Column>, Vec<String>, Vec<(String, String)>);

fn sqlite_table(conn: &Connection, name: &str) -> Result<Parts> {
    let mut stmt = conn.prepare("SELECT name, \"notnull\", pk FROM pragma_table_info(?1) ORDER BY cid")?;
    let rows = stmt
        .query_map([name], |r| Ok((r.get::<_, String>(0)?, r.get::<_, bool>(1)?, r.get::<_, i64>(2)?)))?
        .collect::<Result<Vec<_>>>()?;
    let mut key: Vec<(i64, String)> = rows.iter().filter(|r| r.2 > 0).map(|r| (r.2, r.0.clone())).collect();
    key.sort();
    // An INTEGER PRIMARY KEY column is the rowid: NULL there means "a new
    // id", so it never holds NULL although the pragma says it may.
    let columns =
        rows.into_iter().map(|(name, not_null, pk)| Column { name, not_null: not_null || pk > 0 }).collect();
    let mut stmt =
        conn.prepare("SELECT \"from\", \"table\" FROM pragma_foreign_key_list(?1) ORDER BY id, seq")?;
    let fks = stmt.query_map([name], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<Vec<_>>>()?;
    Ok((columns, key.into_iter().map(|(_, n)| n).collect(), fks))
}

fn postgres_table(conn: &Connection, name: &str) -> Result<Parts> {
    let mut stmt = conn.prepare(
        "SELECT a.attname::text, a.attnotnull FROM pg_attribute a
         JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relname::text = ?1 AND a.attnum > 0 AND NOT a.attisdropped
         ORDER BY a.attnum",
    )?;
    let columns = stmt
        .query_map([name], |r| Ok(Column { name: r.get(0)?, not_null: r.get(1)? }))?
        .collect::<Result<Vec<_>>>()?;
    let mut stmt = conn.prepare(
        "SELECT a.attname::text FROM pg_index i
         JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
         WHERE n.nspname = current_schema() AND c.relname::text = ?1 AND i.indisprimary
         ORDER BY array_position(i.indkey::int2[], a.attnum)",
    )?;
    let key = stmt.query_map([name], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>>>()?;
    let mut stmt = conn.prepare(
        "SELECT a.attname::text, f.relname::text FROM pg_constraint k
         JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_class f ON f.oid = k.confrelid
         JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY(k.conkey)
         WHERE k.contype = 'f' AND n.nspname = current_schema() AND c.relname::text = ?1
         ORDER BY k.conname, a.attnum",
    )?;
    let fks = stmt.query_map([name], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<Vec<_>>>()?;
    Ok((columns, key, fks))
}

/// The columns of `table` that draw their values from a sequence (identity
/// and serial columns; PostgreSQL only, empty on SQLite, whose integer keys
/// continue after the largest id by themselves).
pub fn sequence_columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    if conn.backend() == Backend::Sqlite {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare(
        "SELECT a.attname::text FROM pg_attribute a
         JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relname::text = ?1 AND a.attnum > 0 AND NOT a.attisdropped
           AND pg_get_serial_sequence(quote_ident(n.nspname) || '.' || quote_ident(c.relname), a.attname) IS NOT NULL
         ORDER BY a.attnum",
    )?;
    let names = stmt.query_map([table], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>>>()?;
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_catalog_gives_keys_and_references() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE a (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES a(id), name TEXT NOT NULL);
             CREATE TABLE b (a_id INTEGER NOT NULL REFERENCES a(id), seq INTEGER NOT NULL, \"end\" INTEGER,
                             PRIMARY KEY (seq, a_id)) WITHOUT ROWID;",
        )
        .unwrap();
        assert_eq!(table_names(&conn).unwrap(), ["a", "b"]);
        let a = table(&conn, "a").unwrap();
        assert_eq!(a.primary_key, [0]);
        assert!(a.columns[0].not_null, "an INTEGER PRIMARY KEY never holds NULL");
        assert_eq!(a.foreign_keys, [ForeignKey { column: 1, table: "a".into() }]);
        let b = table(&conn, "b").unwrap();
        assert_eq!(b.primary_key, [1, 0], "key columns in key order, not column order");
        assert_eq!(b.column("END"), Some(2));
        assert_eq!(quote("we\"ird"), "\"we\"\"ird\"");
    }
}
