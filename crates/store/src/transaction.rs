//! Transactions: all of a change or none of it, on either back end.

use std::ops::Deref;

use crate::connection::{Connection, Inner};
use crate::{Error, Result};

/// An open transaction; rolled back when dropped without [`Transaction::commit`].
/// It derefs to the connection, so statements run inside it as usual.
pub struct Transaction<'conn> {
    conn: &'conn Connection,
    done: bool,
}

impl Deref for Transaction<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        self.conn
    }
}

impl Transaction<'_> {
    /// Makes the changes permanent.
    pub fn commit(mut self) -> Result<()> {
        self.done = true;
        self.conn.end("COMMIT")
    }

    /// Discards the changes.
    pub fn rollback(mut self) -> Result<()> {
        self.done = true;
        self.conn.end("ROLLBACK")
    }
}

impl Drop for Transaction<'_> {
    fn drop(&mut self) {
        if !self.done {
            // Nothing can be reported from a drop; an unreachable server has
            // discarded the transaction already.
            let _ = self.conn.end("ROLLBACK");
        }
    }
}

impl Connection {
    /// Begins a transaction through a shared reference (as SQLite's
    /// `unchecked_transaction`): nesting is an error, not checked statically.
    pub fn unchecked_transaction(&self) -> Result<Transaction<'_>> {
        self.begin("BEGIN")
    }

    /// Begins a transaction.
    pub fn transaction(&mut self) -> Result<Transaction<'_>> {
        self.begin("BEGIN")
    }

    /// Begins a transaction that writes: on SQLite it takes the write lock at
    /// once (`BEGIN IMMEDIATE`), so a read-then-write never fails half-way on
    /// a lock another writer holds.
    pub fn write_transaction(&self) -> Result<Transaction<'_>> {
        self.begin("BEGIN IMMEDIATE")
    }

    fn begin(&self, sqlite_begin: &str) -> Result<Transaction<'_>> {
        match &self.inner {
            Inner::Sqlite(c) => c.execute_batch(sqlite_begin)?,
            Inner::Postgres(s) => {
                let mut session = s.borrow_mut();
                session.reconnect_if_closed()?;
                session.client().batch_execute("BEGIN")?;
                session.depth += 1;
            }
        }
        Ok(Transaction { conn: self, done: false })
    }

    fn end(&self, verb: &str) -> Result<()> {
        match &self.inner {
            Inner::Sqlite(c) => Ok(c.execute_batch(verb)?),
            Inner::Postgres(s) => {
                let mut session = s.borrow_mut();
                session.depth = session.depth.saturating_sub(1);
                if session.client().is_closed() {
                    return Err(Error::Unavailable(
                        "the connection closed before the transaction ended; nothing of it was written"
                            .into(),
                    ));
                }
                Ok(session.client().batch_execute(verb)?)
            }
        }
    }
}
