//! On the server, the plain inserts of a bulk write (an import) held back
//! and sent as one binary `COPY` a statement, every couple of thousand rows
//! and before any other statement runs: a round trip a row was most of an
//! import's time there. Nothing can tell the difference but the time, and
//! where an error that should never happen (a broken key) is reported: at
//! the next flush, failing the transaction as it would have anyway.

use std::collections::{HashMap, VecDeque};

use std::io::Write;

use postgres::types::private::BytesMut;
use postgres::types::{IsNull, ToSql, Type};

use super::db::{Bind, Owned, Param};
use crate::error::{Error, Result};

/// Rows held back at most, over all statements.
const ROWS: usize = 2000;
/// Ids taken from a table's sequence at once, at most: a table's first
/// reservation takes a few, each next one twice as many, so that a group
/// made during an import leaves no gap of a thousand ids behind it.
const IDS: i32 = 1024;

/// `INSERT INTO t (a, b) VALUES (?2, ?1)`, perhaps `RETURNING id`, and
/// nothing else (no `ON CONFLICT`, no `SELECT`): what can go by `COPY`.
pub(super) struct PlainInsert<'s> {
    table: &'s str,
    columns: Vec<&'s str>,
    /// The parameter (from 0) each column takes.
    params: Vec<usize>,
    pub returns_id: bool,
}

pub(super) fn plain_insert(sql: &str) -> Option<PlainInsert<'_>> {
    let name = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    let rest = sql.trim().strip_prefix("INSERT INTO ")?;
    let (table, rest) = rest.split_once(" (")?;
    let (columns, rest) = rest.split_once(')')?;
    let (values, tail) = rest.trim_start().strip_prefix("VALUES (")?.split_once(')')?;
    let returns_id = match tail.trim() {
        "" => false,
        "RETURNING id" => true,
        _ => return None,
    };
    let columns: Vec<&str> = columns.split(',').map(str::trim).collect();
    let params = values
        .split(',')
        .map(|v| v.trim().strip_prefix('?')?.parse::<usize>().ok()?.checked_sub(1))
        .collect::<Option<Vec<_>>>()?;
    let id_given = returns_id && columns.contains(&"id");
    (name(table) && columns.iter().all(|c| name(c)) && columns.len() == params.len() && !id_given)
        .then_some(PlainInsert { table, columns, params, returns_id })
}

/// What the next flush sends.
#[derive(Default)]
pub(super) struct Deferred {
    /// In the order each statement was first run: a user's row goes before
    /// the rows that refer to it.
    batches: Vec<Batch>,
    /// Every statement seen, and its batch (`None`: not a plain insert):
    /// each is read once, not at each of a million runs (16% of an
    /// import's own time on the server).
    seen: HashMap<String, Option<usize>>,
    rows: usize,
    /// Ids taken from each table's sequence and not yet given out, and how
    /// many the next reservation takes.
    ids: HashMap<String, (VecDeque<i64>, i32)>,
}

struct Batch {
    sql: String,
    table: String,
    returns_id: bool,
    copy: String,
    /// For each column, the parameter it takes; the new id last, if any.
    params: Vec<usize>,
    types: Vec<Type>,
    rows: Vec<Vec<Owned>>,
}

impl Deferred {
    /// The batch that holds back runs of `sql`, made at its first run from
    /// its prepared statement's parameter `types`; `None` unless it is a
    /// plain insert that returns the new id exactly when `returning`.
    pub fn batch(
        &mut self,
        sql: &str,
        returning: bool,
        types: impl FnOnce() -> Result<Vec<Type>>,
    ) -> Result<Option<usize>> {
        let at = match self.seen.get(sql) {
            Some(&known) => known,
            None => {
                let at = match plain_insert(sql) {
                    Some(insert) => Some(self.new_batch(sql, &insert, &types()?)?),
                    None => None,
                };
                self.seen.insert(sql.to_owned(), at);
                at
            }
        };
        Ok(at.filter(|&at| self.batches[at].returns_id == returning))
    }

    fn new_batch(&mut self, sql: &str, insert: &PlainInsert, types: &[Type]) -> Result<usize> {
        let mut columns = insert.columns.join(", ");
        let mut column_types = Vec::with_capacity(insert.params.len() + 1);
        for p in &insert.params {
            column_types.push(types.get(*p).cloned().ok_or_else(|| missing(*p, sql))?);
        }
        if insert.returns_id {
            columns.push_str(", id");
            column_types.push(Type::INT8);
        }
        self.batches.push(Batch {
            sql: sql.to_owned(),
            table: insert.table.to_owned(),
            returns_id: insert.returns_id,
            copy: format!("COPY {} ({columns}) FROM STDIN (FORMAT binary)", insert.table),
            params: insert.params.clone(),
            types: column_types,
            rows: Vec::new(),
        });
        Ok(self.batches.len() - 1)
    }

    /// Holds back one run of batch `at`'s statement with `values`; the new
    /// row's id if it returns one. Flushes when enough rows wait.
    pub fn push(&mut self, tx: &mut postgres::Transaction, at: usize, values: &[&dyn Param]) -> Result<Option<i64>> {
        let batch = &mut self.batches[at];
        let id = if batch.returns_id { Some(new_id(&mut self.ids, tx, &batch.table)?) } else { None };
        let mut row = Vec::with_capacity(batch.types.len());
        for p in &batch.params {
            row.push(Owned::from(values.get(*p).ok_or_else(|| missing(*p, &batch.sql))?.value()));
        }
        if let Some(id) = id {
            row.push(Owned::Int(id));
        }
        batch.rows.push(row);
        self.rows += 1;
        if self.rows >= ROWS {
            self.flush(tx)?;
        }
        Ok(id)
    }

    /// Sends every row held back, a `COPY` a statement written 64 KiB at a
    /// time. (The crate's `BinaryCopyInWriter` enters its runtime at every
    /// row: 19% of an import's own time on the server.)
    pub fn flush(&mut self, tx: &mut postgres::Transaction) -> Result<()> {
        const CHUNK: usize = 64 * 1024;
        if self.rows == 0 {
            return Ok(());
        }
        let mut data = BytesMut::with_capacity(CHUNK + 4096);
        for batch in self.batches.iter_mut().filter(|b| !b.rows.is_empty()) {
            let mut writer = tx.copy_in(&batch.copy)?;
            let mut send = |data: &mut BytesMut| {
                let sent = writer.write_all(data);
                data.clear();
                // What failed is the connection or the server (exit 10, as
                // any statement's failure).
                sent.map_err(|e| {
                    let said = e.to_string();
                    match e.into_inner().map(|inner| inner.downcast::<postgres::Error>()) {
                        Some(Ok(server)) => Error::from(*server),
                        _ => Error::Internal(format!("a COPY into {}: {said}", batch.table)),
                    }
                })
            };
            data.extend_from_slice(b"PGCOPY\n\xff\r\n\0");
            data.extend_from_slice(&[0; 8]); // no flags, no header extension
            for row in batch.rows.drain(..) {
                encode(&row, &batch.types, &mut data)
                    .map_err(|e| Error::Internal(format!("a row of {}: {e}", batch.table)))?;
                if data.len() >= CHUNK {
                    send(&mut data)?;
                }
            }
            data.extend_from_slice(&(-1i16).to_be_bytes());
            send(&mut data)?;
            writer.finish()?;
        }
        self.rows = 0;
        Ok(())
    }
}

/// One row in `COPY`'s binary format: its number of columns, then each
/// value's length (-1: NULL) and bytes.
fn encode(row: &[Owned], types: &[Type], out: &mut BytesMut) -> std::result::Result<(), String> {
    if row.len() != types.len() {
        return Err(format!("{} values for {} columns", row.len(), types.len()));
    }
    let columns = i16::try_from(types.len()).map_err(|_| "too many columns".to_owned())?;
    out.extend_from_slice(&columns.to_be_bytes());
    for (i, (value, ty)) in row.iter().zip(types).enumerate() {
        let at = out.len();
        out.extend_from_slice(&[0; 4]);
        // The kind of value, never the value (`Bind`): it may be a secret.
        let encoded = Bind(value.value()).to_sql_checked(ty, out).map_err(|e| format!("column {}: {e}", i + 1))?;
        let length = match encoded {
            IsNull::Yes => -1,
            IsNull::No => i32::try_from(out.len() - at - 4).map_err(|_| format!("column {}: over 2 GiB", i + 1))?,
        };
        out[at..at + 4].copy_from_slice(&length.to_be_bytes());
    }
    Ok(())
}

/// The next id of a new row of `table`, from the ids taken for it (`ids`).
fn new_id(ids: &mut HashMap<String, (VecDeque<i64>, i32)>, tx: &mut postgres::Transaction, table: &str) -> Result<i64> {
    let (ids, next) = match ids.get_mut(table) {
        Some(known) => known,
        None => ids.entry(table.to_owned()).or_insert_with(|| (VecDeque::new(), 4)),
    };
    if ids.is_empty() {
        // A block in one step: the sequence moved past it at once, where a
        // `nextval` an id was 3 µs each, 7% of an import. Only a writer can
        // take ids, and writers hold the write lock, so no one takes one
        // between the two calls (and if one did, the duplicate key would
        // fail this transaction, never pass unseen). `setval` needs the
        // sequence's UPDATE privilege, `nextval` only USAGE: a role without
        // it takes its ids one by one, given back as they are.
        let n = i64::from(*next);
        let taken: Vec<i64> = tx
            .query_one(
                "SELECT CASE WHEN has_sequence_privilege(seq, 'UPDATE')
                                 THEN ARRAY[setval(seq, nextval(seq) + $2 - 1)]
                                 ELSE ARRAY(SELECT nextval(seq) FROM generate_series(1, $2)) END
                     FROM (SELECT CAST(pg_get_serial_sequence($1, 'id') AS regclass) AS seq) s",
                &[&table, &n],
            )?
            .try_get(0)?;
        match taken[..] {
            [last] => ids.extend(last - n + 1..=last),
            _ => ids.extend(taken),
        }
        *next = (*next * 2).min(IDS);
    }
    ids.pop_front().ok_or_else(|| Error::Internal(format!("no id for a new row of {table}")))
}

fn missing(param: usize, sql: &str) -> Error {
    Error::Internal(format!("no parameter {} for: {sql}", param + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_is_encoded_as_copy_binary_says() {
        let mut out = BytesMut::new();
        let row = [Owned::Int(7), Owned::Null, Owned::Text("é".into())];
        encode(&row, &[Type::INT8, Type::TEXT, Type::TEXT], &mut out).unwrap();
        let mut want = vec![0, 3, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 7, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 2];
        want.extend_from_slice("é".as_bytes());
        assert_eq!(&out[..], &want[..]);
        assert!(encode(&row[..2], &[Type::INT8, Type::TEXT, Type::TEXT], &mut out).is_err());
        assert!(encode(&[Owned::Text("x".into())], &[Type::INT8], &mut out).is_err(), "text is no integer");
    }

    #[test]
    fn only_plain_inserts_are_held_back() {
        let insert =
            plain_insert("INSERT INTO users (email, created_at, updated_at)\n VALUES (?1, ?2, ?2) RETURNING id")
                .expect("plain");
        assert_eq!(
            (insert.table, insert.columns, insert.params, insert.returns_id),
            ("users", vec!["email", "created_at", "updated_at"], vec![0, 1, 1], true)
        );
        for not in [
            "INSERT INTO t (a) VALUES (?1) ON CONFLICT (a) DO NOTHING",
            "INSERT OR IGNORE INTO t (a) VALUES (?1)",
            "INSERT INTO t (a) SELECT ?1",
            "INSERT INTO t (a, b) VALUES (?1, 'x')",
            "INSERT INTO t (a, b) VALUES (?1)",
            "INSERT INTO t (a) VALUES (?1) RETURNING seq",
            "INSERT INTO t (id, a) VALUES (?1, ?2) RETURNING id",
            "UPDATE t SET a = ?1",
        ] {
            assert!(plain_insert(not).is_none(), "{not}");
        }
    }
}
