//! The one store interface: what a store function asks of a database, over
//! SQLite (the embedded default) or PostgreSQL. A statement is written once,
//! in the SQL the two share, with `?N` placeholders (`$N` for PostgreSQL);
//! what only one backend has (SQLite's pragmas, FTS5, its bulk load) is
//! reached through `Db::sqlite`, in the store module that needs it.
//!
//! The two dynamic filters (`users::where_clause`, `audit::where_clause`)
//! build their SQL by hand, not with sea-query: a trial of the audit
//! filter in sea-query 0.32 came out no shorter (its clauses plus a
//! conversion of its values into `Owned`), its case-insensitive compare is
//! custom SQL per dialect anyway, and its PostgreSQL builder left a custom
//! expression's `?` untranslated and dropped its value without an error.
//! The users' filter adds planner hints and index narrowing no builder
//! expresses.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::error::{Error, Result};

/// A value bound to a statement or read from a row. Times are stored as
/// RFC 3339 text in UTC (`store::timestamp`) on both backends, so that they
/// compare, sort and show the same way on each.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value<'a> {
    Null,
    Int(i64),
    Real(f64),
    Text(&'a str),
    Blob(&'a [u8]),
}

/// An owned value, for statements whose parameters are gathered at run time
/// (a list's filters) or kept to send later (`Db::defer_inserts`).
#[derive(Debug, Clone, PartialEq)]
pub enum Owned {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

impl From<Value<'_>> for Owned {
    fn from(value: Value<'_>) -> Self {
        match value {
            Value::Null => Owned::Null,
            Value::Int(i) => Owned::Int(i),
            Value::Real(r) => Owned::Real(r),
            Value::Text(s) => Owned::Text(s.to_owned()),
            Value::Blob(b) => Owned::Blob(b.to_vec()),
        }
    }
}

/// What can be bound to a statement.
pub trait Param {
    fn value(&self) -> Value<'_>;
}

/// What can be read from a row's column.
pub trait Column: Sized {
    /// `Err` says what was found instead.
    fn column(value: Value<'_>) -> std::result::Result<Self, String>;
}

/// `params![a, b]`: the parameters of one statement, in order.
#[macro_export]
macro_rules! params {
    () => { &[] as &[&dyn $crate::store::db::Param] };
    ($($p:expr),+ $(,)?) => { &[$(&$p as &dyn $crate::store::db::Param),+] as &[&dyn $crate::store::db::Param] };
}
pub use params;

/// A statement's parameters: `params![…]`, an array of one type (`[id]`),
/// or those gathered at run time (`bound`).
pub trait Params {
    fn with<R>(&self, f: impl FnOnce(&[&dyn Param]) -> R) -> R;
}

impl Params for &[&dyn Param] {
    fn with<R>(&self, f: impl FnOnce(&[&dyn Param]) -> R) -> R {
        f(self)
    }
}

impl Params for Vec<&dyn Param> {
    fn with<R>(&self, f: impl FnOnce(&[&dyn Param]) -> R) -> R {
        f(self)
    }
}

impl<T: Param, const N: usize> Params for [T; N] {
    fn with<R>(&self, f: impl FnOnce(&[&dyn Param]) -> R) -> R {
        let refs: [&dyn Param; N] = std::array::from_fn(|i| &self[i] as &dyn Param);
        f(&refs)
    }
}

/// Adds `value` to the parameters a statement is being built with, and
/// returns its placeholder.
pub fn bind(values: &mut Vec<Owned>, value: Owned) -> String {
    values.push(value);
    format!("?{}", values.len())
}

/// Parameters gathered at run time, for `Db`'s methods.
pub fn bound(values: &[Owned]) -> Vec<&dyn Param> {
    values.iter().map(|v| v as &dyn Param).collect()
}

impl Param for Owned {
    fn value(&self) -> Value<'_> {
        match self {
            Owned::Null => Value::Null,
            Owned::Int(i) => Value::Int(*i),
            Owned::Real(r) => Value::Real(*r),
            Owned::Text(s) => Value::Text(s),
            Owned::Blob(b) => Value::Blob(b),
        }
    }
}

/// For what only SQLite runs (an export's scans).
impl rusqlite::ToSql for Owned {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(rusqlite::types::ToSqlOutput::Borrowed(sqlite_value_ref(self.value())))
    }
}

impl<T: Param + ?Sized> Param for &T {
    fn value(&self) -> Value<'_> {
        (**self).value()
    }
}

impl<T: Param> Param for Option<T> {
    fn value(&self) -> Value<'_> {
        self.as_ref().map_or(Value::Null, Param::value)
    }
}

impl Param for str {
    fn value(&self) -> Value<'_> {
        Value::Text(self)
    }
}

impl Param for String {
    fn value(&self) -> Value<'_> {
        Value::Text(self)
    }
}

impl Param for [u8] {
    fn value(&self) -> Value<'_> {
        Value::Blob(self)
    }
}

impl Param for Vec<u8> {
    fn value(&self) -> Value<'_> {
        Value::Blob(self)
    }
}

impl<const N: usize> Param for [u8; N] {
    fn value(&self) -> Value<'_> {
        Value::Blob(self)
    }
}

impl Param for bool {
    fn value(&self) -> Value<'_> {
        Value::Int(i64::from(*self))
    }
}

impl Param for f64 {
    fn value(&self) -> Value<'_> {
        Value::Real(*self)
    }
}

macro_rules! integer_params {
    ($($t:ty),*) => {$(
        impl Param for $t {
            fn value(&self) -> Value<'_> {
                // Counts and ids: none comes near 2^63 (a value past it is
                // stored as the largest, never wrapped to a negative one).
                Value::Int(i64::try_from(*self).unwrap_or(i64::MAX))
            }
        }
        impl Column for $t {
            fn column(value: Value<'_>) -> std::result::Result<Self, String> {
                match value {
                    Value::Int(i) => <$t>::try_from(i).map_err(|_| format!("{i}, out of range")),
                    other => Err(format!("{other:?}, not an integer")),
                }
            }
        }
    )*};
}
integer_params!(i64, i32, u32, u64, usize, u8, u16);

impl<T: Column> Column for Option<T> {
    fn column(value: Value<'_>) -> std::result::Result<Self, String> {
        match value {
            Value::Null => Ok(None),
            other => T::column(other).map(Some),
        }
    }
}

impl Column for bool {
    fn column(value: Value<'_>) -> std::result::Result<Self, String> {
        match value {
            Value::Int(i) => Ok(i != 0),
            other => Err(format!("{other:?}, not a boolean")),
        }
    }
}

impl Column for f64 {
    fn column(value: Value<'_>) -> std::result::Result<Self, String> {
        match value {
            Value::Real(r) => Ok(r),
            // Exact for every count a database here holds.
            #[allow(clippy::cast_precision_loss)]
            Value::Int(i) => Ok(i as f64),
            other => Err(format!("{other:?}, not a number")),
        }
    }
}

impl Column for String {
    fn column(value: Value<'_>) -> std::result::Result<Self, String> {
        match value {
            Value::Text(s) => Ok(s.to_owned()),
            other => Err(format!("{other:?}, not text")),
        }
    }
}

impl Column for Vec<u8> {
    fn column(value: Value<'_>) -> std::result::Result<Self, String> {
        match value {
            Value::Blob(b) => Ok(b.to_vec()),
            other => Err(format!("{other:?}, not bytes")),
        }
    }
}

impl<const N: usize> Column for [u8; N] {
    fn column(value: Value<'_>) -> std::result::Result<Self, String> {
        match value {
            Value::Blob(b) => b.try_into().map_err(|_| format!("{} bytes, not {N}", b.len())),
            other => Err(format!("{other:?}, not bytes")),
        }
    }
}

/// One row of a result.
pub struct Row<'r>(RowOf<'r>);

enum RowOf<'r> {
    Sqlite(&'r rusqlite::Row<'r>),
    Postgres(&'r postgres::Row),
    Kept(&'r [rusqlite::types::Value]),
}

/// A row read out to keep (`Db::query_kept`).
pub struct KeptRow(Kept);

enum Kept {
    Postgres(postgres::Row),
    Sqlite(Vec<rusqlite::types::Value>),
}

impl KeptRow {
    pub fn row(&self) -> Row<'_> {
        Row(match &self.0 {
            Kept::Postgres(row) => RowOf::Postgres(row),
            Kept::Sqlite(values) => RowOf::Kept(values),
        })
    }
}

impl<'r> Row<'r> {
    /// A row SQLite's own statement read (an import's lookup, an export's scan).
    pub(super) fn of_sqlite(row: &'r rusqlite::Row<'r>) -> Self {
        Row(RowOf::Sqlite(row))
    }

    /// The `i`th column (from 0), as `T`.
    pub fn get<T: Column>(&self, i: usize) -> Result<T> {
        T::column(self.value(i)?).map_err(|found| unreadable(i, &found))
    }

    /// The `i`th column's text, borrowed from the row (NULL is `None`).
    pub fn text(&self, i: usize) -> Result<Option<&str>> {
        match self.value(i)? {
            Value::Null => Ok(None),
            Value::Text(s) => Ok(Some(s)),
            other => Err(unreadable(i, &format!("{other:?}, not text"))),
        }
    }

    /// The `i`th column's bytes, borrowed from the row (NULL is `None`).
    pub fn blob(&self, i: usize) -> Result<Option<&[u8]>> {
        match self.value(i)? {
            Value::Null => Ok(None),
            Value::Blob(b) => Ok(Some(b)),
            other => Err(unreadable(i, &format!("{other:?}, not bytes"))),
        }
    }

    fn value(&self, i: usize) -> Result<Value<'_>> {
        Ok(match &self.0 {
            RowOf::Sqlite(row) => sqlite_value(row.get_ref(i)?),
            RowOf::Postgres(row) => postgres_value(row, i)?,
            RowOf::Kept(values) => {
                sqlite_value(values.get(i).ok_or_else(|| Error::Internal(format!("no column {i}")))?.into())
            }
        })
    }
}

fn unreadable(i: usize, found: &str) -> Error {
    Error::Internal(format!("column {i}: found {found}"))
}

fn sqlite_value(value: rusqlite::types::ValueRef<'_>) -> Value<'_> {
    use rusqlite::types::ValueRef;
    match value {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Int(i),
        ValueRef::Real(r) => Value::Real(r),
        // roster writes only UTF-8; anything else reads as bytes.
        ValueRef::Text(t) => std::str::from_utf8(t).map_or(Value::Blob(t), Value::Text),
        ValueRef::Blob(b) => Value::Blob(b),
    }
}

fn postgres_value(row: &postgres::Row, i: usize) -> Result<Value<'_>> {
    use postgres::types::Type;
    let ty =
        row.columns().get(i).map(|c| c.type_().clone()).ok_or_else(|| Error::Internal(format!("no column {i}")))?;
    Ok(match ty {
        Type::INT8 => row.try_get::<_, Option<i64>>(i)?.map_or(Value::Null, Value::Int),
        Type::INT4 => row.try_get::<_, Option<i32>>(i)?.map_or(Value::Null, |v| Value::Int(v.into())),
        Type::INT2 => row.try_get::<_, Option<i16>>(i)?.map_or(Value::Null, |v| Value::Int(v.into())),
        Type::BOOL => row.try_get::<_, Option<bool>>(i)?.map_or(Value::Null, |v| Value::Int(v.into())),
        Type::FLOAT8 => row.try_get::<_, Option<f64>>(i)?.map_or(Value::Null, Value::Real),
        Type::FLOAT4 => row.try_get::<_, Option<f32>>(i)?.map_or(Value::Null, |v| Value::Real(v.into())),
        Type::BYTEA => row.try_get::<_, Option<&[u8]>>(i)?.map_or(Value::Null, Value::Blob),
        Type::NUMERIC => row.try_get::<_, Option<WholeNumber>>(i)?.map_or(Value::Null, |n| Value::Int(n.0)),
        _ => row.try_get::<_, Option<&str>>(i)?.map_or(Value::Null, Value::Text),
    })
}

/// A `numeric` that holds a whole number, as PostgreSQL's `sum` of
/// integers gives (SQLite's is an integer); read from its binary form: digit
/// count, weight, sign and scale, then base-10,000 digits.
struct WholeNumber(i64);

impl postgres::types::FromSql<'_> for WholeNumber {
    fn from_sql(
        _: &postgres::types::Type,
        raw: &[u8],
    ) -> std::result::Result<Self, Box<dyn std::error::Error + Sync + Send>> {
        let word = |at: usize| raw.get(at..at + 2).map(|w| i16::from_be_bytes([w[0], w[1]])).ok_or("short numeric");
        let (digits, weight, sign) = (word(0)?, word(2)?, word(4)?);
        let mut value: i64 = 0;
        for at in 0..usize::try_from(digits)? {
            let place = i32::from(weight) - i32::try_from(at)?;
            let digit = i64::from(word(8 + 2 * at)?);
            if place < 0 && digit != 0 {
                return Err("a numeric with a fraction where a whole number was expected".into());
            }
            if place >= 0 {
                value = value
                    .checked_add(
                        digit
                            .checked_mul(10_000_i64.checked_pow(place.try_into()?).ok_or("overflow")?)
                            .ok_or("overflow")?,
                    )
                    .ok_or("overflow")?;
            }
        }
        match sign {
            0 => Ok(WholeNumber(value)),
            0x4000 => Ok(WholeNumber(-value)),
            _ => Err("NaN or infinity where a whole number was expected".into()),
        }
    }

    fn accepts(ty: &postgres::types::Type) -> bool {
        *ty == postgres::types::Type::NUMERIC
    }
}

/// A `Value` as PostgreSQL takes it: as the type the server inferred for
/// the parameter (an integer into an `int4` column, a count compared with
/// a `bigint`).
#[derive(Debug)]
pub(super) struct Bind<'a>(pub(super) Value<'a>);

impl postgres::types::ToSql for Bind<'_> {
    fn to_sql(
        &self,
        ty: &postgres::types::Type,
        out: &mut postgres::types::private::BytesMut,
    ) -> std::result::Result<postgres::types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        use postgres::types::{IsNull, Type};
        // The kind of value, never the value: it may be a secret.
        let kind = match self.0 {
            Value::Null => "null",
            Value::Int(_) => "an integer",
            Value::Real(_) => "a real",
            Value::Text(_) => "text",
            Value::Blob(_) => "bytes",
        };
        let mismatch = || format!("{kind} cannot be bound as {ty}").into();
        match (self.0, ty) {
            (Value::Null, _) => Ok(IsNull::Yes),
            (Value::Int(i), &Type::INT8) => i.to_sql(ty, out),
            (Value::Int(i), &Type::INT4) => i32::try_from(i)?.to_sql(ty, out),
            (Value::Int(i), &Type::INT2) => i16::try_from(i)?.to_sql(ty, out),
            (Value::Int(i), &Type::BOOL) => (i != 0).to_sql(ty, out),
            // An integer where text is expected, as SQLite would take it.
            (Value::Int(i), &Type::TEXT | &Type::VARCHAR) => i.to_string().to_sql(ty, out),
            #[allow(clippy::cast_precision_loss)]
            (Value::Int(i), &Type::FLOAT8) => (i as f64).to_sql(ty, out),
            (Value::Real(r), &Type::FLOAT8) => r.to_sql(ty, out),
            (Value::Text(s), _) if <&str as postgres::types::ToSql>::accepts(ty) => s.to_sql(ty, out),
            (Value::Text(s), &Type::JSON) => {
                out.extend_from_slice(s.as_bytes());
                Ok(IsNull::No)
            }
            (Value::Blob(b), &Type::BYTEA) => b.to_sql(ty, out),
            _ => Err(mismatch()),
        }
    }

    fn accepts(_: &postgres::types::Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

/// SQLite's functions and PostgreSQL's that do the same.
const SAME_FUNCTIONS: [(&str, &str); 4] = [
    ("group_concat(", "string_agg("),
    ("json_object(", "json_build_object("),
    ("json_group_array(", "json_agg("),
    // SQLite's `json(text)` reads its argument as JSON, which `json_agg` is.
    ("json((SELECT json_agg(", "((SELECT json_agg("),
];

/// A statement as PostgreSQL reads it: `$N` placeholders, its names of
/// SQLite's functions, no `INDEXED BY` or `COLLATE NOCASE`, and SQLite's `INSERT OR IGNORE` as
/// `ON CONFLICT DO NOTHING` (which SQLite reads too, but not after an
/// `INSERT … SELECT` without a `WHERE`).
fn postgres_sql(sql: &str) -> String {
    let mut sql = numbered_placeholders(sql);
    for (sqlite, postgres) in SAME_FUNCTIONS {
        sql = sql.replace(sqlite, postgres);
    }
    // What SQLite compares without case is citext there (migrations/postgres).
    sql = sql.replace(" COLLATE NOCASE", "");
    // SQLite's planner hints: PostgreSQL plans for itself.
    while let Some(at) = sql.find(" INDEXED BY ") {
        let end = sql[at + 12..].find(|c: char| c.is_whitespace()).map_or(sql.len(), |n| at + 12 + n);
        sql.replace_range(at..end, "");
    }
    match sql.trim_start().strip_prefix("INSERT OR IGNORE INTO") {
        Some(rest) => format!("INSERT INTO{rest} ON CONFLICT DO NOTHING"),
        None => sql,
    }
}

/// Outside quotes: `?N` to `$N`, the placeholders PostgreSQL reads; and no
/// unary `+` before a column (SQLite's hint not to use its index, which
/// PostgreSQL takes as arithmetic).
fn numbered_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut quote = None;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), _) if q == c => quote = None,
            (None, '?') => {
                out.push('$');
                continue;
            }
            (None, '+')
                if out.ends_with(|p: char| p.is_whitespace() || p == '(' || p == ',')
                    && chars.peek().is_some_and(|n| n.is_ascii_alphabetic()) =>
            {
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    out
}

/// A database, in a transaction or not, on either backend; store functions
/// take `&Db`.
pub struct Db<'c>(Backend<'c>);

enum Backend<'c> {
    SqliteTransaction(rusqlite::Transaction<'c>),
    Sqlite(&'c rusqlite::Connection),
    Postgres(Box<Postgres<'c>>),
}

enum Engine<'a, 'c> {
    Sqlite(&'a rusqlite::Connection),
    Postgres(&'a Postgres<'c>),
}

struct Postgres<'c> {
    tx: RefCell<postgres::Transaction<'c>>,
    /// The audit chain as this transaction's writer left it (SQLite keeps it
    /// in its connection's SQL functions).
    chain: RefCell<Option<super::audit::Chain>>,
    /// Prepared once a transaction, by their text.
    statements: RefCell<HashMap<String, postgres::Statement>>,
    /// Plain inserts held back (`Db::defer_inserts`).
    deferred: RefCell<Option<super::deferred::Deferred>>,
}

impl<'c> Db<'c> {
    /// A SQLite connection outside a transaction (each statement its own).
    pub fn of(conn: &'c rusqlite::Connection) -> Self {
        Db(Backend::Sqlite(conn))
    }

    pub fn sqlite_transaction(tx: rusqlite::Transaction<'c>) -> Self {
        Db(Backend::SqliteTransaction(tx))
    }

    pub fn postgres_transaction(tx: postgres::Transaction<'c>) -> Self {
        Db(Backend::Postgres(Box::new(Postgres {
            tx: RefCell::new(tx),
            chain: RefCell::default(),
            statements: RefCell::default(),
            deferred: RefCell::default(),
        })))
    }

    /// The SQLite connection, for what only SQLite has; `None` on PostgreSQL.
    pub fn sqlite(&self) -> Option<&rusqlite::Connection> {
        match &self.0 {
            Backend::SqliteTransaction(tx) => Some(tx),
            Backend::Sqlite(conn) => Some(conn),
            Backend::Postgres(_) => None,
        }
    }

    /// The SQLite connection where the caller has no PostgreSQL path yet.
    pub fn sqlite_only(&self, what: &str) -> Result<&rusqlite::Connection> {
        self.sqlite().ok_or_else(|| Error::Internal(format!("{what} is not available on PostgreSQL yet")))
    }

    /// The SQLite file's path, for errors (`None` on PostgreSQL or in memory).
    pub fn path(&self) -> Option<&str> {
        self.sqlite().and_then(rusqlite::Connection::path)
    }

    /// Where the audit chain is computed in Rust: on PostgreSQL.
    pub(super) fn chain(&self) -> Option<&RefCell<Option<super::audit::Chain>>> {
        match &self.0 {
            Backend::Postgres(pg) => Some(&pg.chain),
            _ => None,
        }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self.0, Backend::Postgres(_))
    }

    /// `text` (a column or a placeholder) as a case-insensitive index
    /// compares it, to compare or sort without case: on SQLite by NOCASE; on
    /// the server lowercased once and compared bytewise, as the indexes of
    /// migration V4 hold it (citext would lowercase both sides at every
    /// comparison).
    pub fn folded(&self, text: &str) -> String {
        match self.is_postgres() {
            true => format!("lower(CAST({text} AS TEXT)) COLLATE \"C\""),
            false => format!("{text} COLLATE NOCASE"),
        }
    }

    /// `column` equals the value of `placeholder`, without case, as its
    /// index compares (`folded`).
    pub fn equals_folded(&self, column: &str, placeholder: &str) -> String {
        format!("{} = {}", self.folded(column), self.folded(placeholder))
    }

    /// On the server, holds plain inserts back for the rest of the
    /// transaction and sends them a `COPY` at a time (`store::deferred`),
    /// before any other statement; SQLite, in the same process, needs no
    /// such thing.
    /// Returns whether they already were.
    pub fn defer_inserts(&self) -> bool {
        match &self.0 {
            Backend::Postgres(pg) => {
                let mut deferred = pg.deferred.borrow_mut();
                let already = deferred.is_some();
                deferred.get_or_insert_with(Default::default);
                already
            }
            _ => false,
        }
    }

    /// Sends what was held back and stops holding inserts back.
    pub fn stop_deferring(&self) -> Result<()> {
        if let Backend::Postgres(pg) = &self.0 {
            pg.flush()?;
            pg.deferred.borrow_mut().take();
        }
        Ok(())
    }

    /// Commits a transaction (outside one, every statement already was).
    pub fn commit(self) -> Result<()> {
        match self.0 {
            Backend::SqliteTransaction(tx) => tx.commit()?,
            Backend::Sqlite(_) => {}
            Backend::Postgres(pg) => {
                pg.flush()?;
                pg.tx.into_inner().commit()?;
            }
        }
        Ok(())
    }

    /// Runs statements without parameters, separated by `;`.
    pub fn execute_batch(&self, sql: &str) -> Result<()> {
        match self.engine() {
            Engine::Postgres(pg) => pg.flushed()?.batch_execute(sql)?,
            Engine::Sqlite(conn) => conn.execute_batch(sql)?,
        }
        Ok(())
    }

    /// Runs one statement; how many rows it changed.
    pub fn execute(&self, sql: &str, params: impl Params) -> Result<usize> {
        params.with(|params| self.execute_with(sql, params))
    }

    fn execute_with(&self, sql: &str, params: &[&dyn Param]) -> Result<usize> {
        match self.engine() {
            Engine::Postgres(pg) => {
                if pg.deferred(sql, params, false)?.is_some() {
                    return Ok(1);
                }
                let statement = pg.prepared(sql)?;
                let binds = binds(params);
                let changed = pg.flushed()?.execute(&statement, &bind_refs(&binds))?;
                Ok(usize::try_from(changed).unwrap_or(usize::MAX))
            }
            Engine::Sqlite(conn) => {
                Ok(conn.prepare_cached(sql)?.execute(rusqlite::params_from_iter(sqlite_binds(params)))?)
            }
        }
    }

    /// The first row `f` reads; an error if there is none.
    pub fn query_row<T>(&self, sql: &str, params: impl Params, f: impl FnOnce(&Row) -> Result<T>) -> Result<T> {
        self.query_opt(sql, params, f)?.ok_or_else(|| Error::Internal(format!("no row from: {sql}")))
    }

    /// The one row `f` reads, if there is one. A statement that gives more
    /// is an error on the server (and its first row on SQLite): ask for one.
    pub fn query_opt<T>(&self, sql: &str, params: impl Params, f: impl FnOnce(&Row) -> Result<T>) -> Result<Option<T>> {
        params.with(|params| self.query_opt_with(sql, params, f))
    }

    /// Runs an `INSERT … RETURNING id` (of a table whose key is its rowid on
    /// SQLite); the new row's id. SQLite runs it without the `RETURNING`:
    /// with it, every row is also written to a statement journal (an import
    /// 1.7 times slower).
    pub fn insert(&self, sql: &str, params: impl Params) -> Result<i64> {
        match self.engine() {
            Engine::Postgres(pg) => match params.with(|params| pg.deferred(sql, params, true))? {
                Some(Some(id)) => Ok(id),
                _ => self.query_row(sql, params, |r| r.get(0)),
            },
            Engine::Sqlite(conn) => {
                let plain = sql.rfind(" RETURNING ").map_or(sql, |at| &sql[..at]);
                self.execute(plain, params)?;
                Ok(conn.last_insert_rowid())
            }
        }
    }

    /// Whether the statement gives a row (at most one: `query_opt`).
    pub fn exists(&self, sql: &str, params: impl Params) -> Result<bool> {
        Ok(self.query_opt(sql, params, |_| Ok(()))?.is_some())
    }

    fn query_opt_with<T>(
        &self,
        sql: &str,
        params: &[&dyn Param],
        f: impl FnOnce(&Row) -> Result<T>,
    ) -> Result<Option<T>> {
        match self.engine() {
            Engine::Postgres(pg) => {
                let statement = pg.prepared(sql)?;
                let binds = binds(params);
                let row = pg.flushed()?.query_opt(&statement, &bind_refs(&binds))?;
                row.map(|row| f(&Row(RowOf::Postgres(&row)))).transpose()
            }
            Engine::Sqlite(conn) => {
                let mut statement = conn.prepare_cached(sql)?;
                let mut rows = statement.query(rusqlite::params_from_iter(sqlite_binds(params)))?;
                rows.next()?.map(|row| f(&Row(RowOf::Sqlite(row)))).transpose()
            }
        }
    }

    /// Every row, as `f` reads it.
    pub fn query_vec<T>(&self, sql: &str, params: impl Params, mut f: impl FnMut(&Row) -> Result<T>) -> Result<Vec<T>> {
        let mut all = Vec::new();
        self.query_each(sql, params, |row| {
            all.push(f(row)?);
            Ok(())
        })?;
        Ok(all)
    }

    /// Every row, kept whole: for rows looked up ahead and used one by one.
    pub fn query_kept(&self, sql: &str, params: impl Params) -> Result<Vec<KeptRow>> {
        params.with(|params| match self.engine() {
            Engine::Postgres(pg) => {
                let statement = pg.prepared(sql)?;
                let binds = binds(params);
                let rows = pg.flushed()?.query(&statement, &bind_refs(&binds))?;
                Ok(rows.into_iter().map(|row| KeptRow(Kept::Postgres(row))).collect())
            }
            Engine::Sqlite(conn) => {
                let mut statement = conn.prepare_cached(sql)?;
                let width = statement.column_count();
                let rows = statement.query_map(rusqlite::params_from_iter(sqlite_binds(params)), |row| {
                    (0..width).map(|i| row.get::<_, rusqlite::types::Value>(i)).collect()
                })?;
                rows.map(|values| Ok(KeptRow(Kept::Sqlite(values?)))).collect()
            }
        })
    }

    /// Calls `f` on every row in turn, holding few rows at a time whatever
    /// the result's size; `f` may use the database between rows.
    pub fn query_each(&self, sql: &str, params: impl Params, mut f: impl FnMut(&Row) -> Result<()>) -> Result<()> {
        self.query_while(sql, params, |row| f(row).map(|()| true))
    }

    /// Like `query_each`, while `f` says to go on.
    pub fn query_while(&self, sql: &str, params: impl Params, mut f: impl FnMut(&Row) -> Result<bool>) -> Result<()> {
        params.with(|params| self.query_while_with(sql, params, &mut f))
    }

    /// A statement to run, perhaps many times (each backend prepares a
    /// statement once and keeps it).
    pub fn prepare_cached<'d>(&'d self, sql: &str) -> Result<Statement<'d, 'c>> {
        Ok(Statement { db: self, sql: sql.to_owned() })
    }

    pub fn prepare<'d>(&'d self, sql: &str) -> Result<Statement<'d, 'c>> {
        self.prepare_cached(sql)
    }

    fn query_while_with(
        &self,
        sql: &str,
        params: &[&dyn Param],
        f: &mut dyn FnMut(&Row) -> Result<bool>,
    ) -> Result<()> {
        match self.engine() {
            Engine::Postgres(pg) => {
                const CHUNK: i32 = 1000;
                let statement = pg.prepared(sql)?;
                let binds = binds(params);
                let portal = pg.flushed()?.bind(&statement, &bind_refs(&binds))?;
                loop {
                    let rows = pg.tx.borrow_mut().query_portal(&portal, CHUNK)?;
                    for row in &rows {
                        if !f(&Row(RowOf::Postgres(row)))? {
                            return Ok(());
                        }
                    }
                    if rows.len() < CHUNK as usize {
                        return Ok(());
                    }
                }
            }
            Engine::Sqlite(conn) => {
                // A statement in use is out of the cache: `f` may run it again.
                let mut statement = conn.prepare_cached(sql)?;
                let mut rows = statement.query(rusqlite::params_from_iter(sqlite_binds(params)))?;
                while let Some(row) = rows.next()? {
                    if !f(&Row(RowOf::Sqlite(row)))? {
                        break;
                    }
                }
                Ok(())
            }
        }
    }

    fn engine(&self) -> Engine<'_, 'c> {
        match &self.0 {
            Backend::SqliteTransaction(tx) => Engine::Sqlite(tx),
            Backend::Sqlite(conn) => Engine::Sqlite(conn),
            Backend::Postgres(pg) => Engine::Postgres(pg),
        }
    }
}

/// The rows of `Statement::query_map`, each as read.
pub type Rows<T> = std::iter::Map<std::vec::IntoIter<T>, fn(T) -> Result<T>>;

/// A statement of a `Db`, for code that prepares once and runs often.
pub struct Statement<'d, 'c> {
    db: &'d Db<'c>,
    sql: String,
}

impl Statement<'_, '_> {
    pub fn execute(&mut self, params: impl Params) -> Result<usize> {
        self.db.execute(&self.sql, params)
    }

    pub fn query_row<T>(&mut self, params: impl Params, f: impl FnOnce(&Row) -> Result<T>) -> Result<T> {
        self.db.query_row(&self.sql, params, f)
    }

    pub fn query_opt<T>(&mut self, params: impl Params, f: impl FnOnce(&Row) -> Result<T>) -> Result<Option<T>> {
        self.db.query_opt(&self.sql, params, f)
    }

    pub fn insert(&mut self, params: impl Params) -> Result<i64> {
        self.db.insert(&self.sql, params)
    }

    pub fn exists(&mut self, params: impl Params) -> Result<bool> {
        self.db.exists(&self.sql, params)
    }

    /// Every row, as `f` reads it (read at once: `Db::query_each` streams).
    pub fn query_map<T>(&mut self, params: impl Params, f: impl FnMut(&Row) -> Result<T>) -> Result<Rows<T>> {
        Ok(self.db.query_vec(&self.sql, params, f)?.into_iter().map(Ok as fn(T) -> Result<T>))
    }
}

impl<'c> Postgres<'c> {
    /// Holds `sql` back if inserts are being deferred and it is a plain
    /// insert, returning the new id exactly when `returning` asks for it:
    /// `Some` then, with that id.
    fn deferred(&self, sql: &str, params: &[&dyn Param], returning: bool) -> Result<Option<Option<i64>>> {
        let mut deferred = self.deferred.borrow_mut();
        let Some(deferred) = deferred.as_mut() else {
            return Ok(None);
        };
        let Some(at) = deferred.batch(sql, returning, || Ok(self.prepared(sql)?.params().to_vec()))? else {
            return Ok(None);
        };
        deferred.push(&mut self.tx.borrow_mut(), at, params).map(Some)
    }

    /// Sends what was held back.
    fn flush(&self) -> Result<()> {
        if let Some(deferred) = self.deferred.borrow_mut().as_mut() {
            deferred.flush(&mut self.tx.borrow_mut())?;
        }
        Ok(())
    }

    /// The transaction, with nothing held back: for any statement but a
    /// plain insert.
    fn flushed(&self) -> Result<std::cell::RefMut<'_, postgres::Transaction<'c>>> {
        self.flush()?;
        Ok(self.tx.borrow_mut())
    }

    fn prepared(&self, sql: &str) -> Result<postgres::Statement> {
        if let Some(known) = self.statements.borrow().get(sql) {
            return Ok(known.clone());
        }
        let statement = self.tx.borrow_mut().prepare(&postgres_sql(sql))?;
        self.statements.borrow_mut().insert(sql.to_owned(), statement.clone());
        Ok(statement)
    }
}

fn binds<'a>(params: &'a [&'a dyn Param]) -> Vec<Bind<'a>> {
    params.iter().map(|p| Bind(p.value())).collect()
}

fn bind_refs<'a>(binds: &'a [Bind<'a>]) -> Vec<&'a (dyn postgres::types::ToSql + Sync)> {
    binds.iter().map(|b| b as &(dyn postgres::types::ToSql + Sync)).collect()
}

fn sqlite_binds<'a>(params: &'a [&'a dyn Param]) -> impl Iterator<Item = rusqlite::types::ToSqlOutput<'a>> {
    params.iter().map(|p| rusqlite::types::ToSqlOutput::Borrowed(sqlite_value_ref(p.value())))
}

fn sqlite_value_ref(value: Value<'_>) -> rusqlite::types::ValueRef<'_> {
    use rusqlite::types::ValueRef;
    match value {
        Value::Null => ValueRef::Null,
        Value::Int(i) => ValueRef::Integer(i),
        Value::Real(r) => ValueRef::Real(r),
        Value::Text(s) => ValueRef::Text(s.as_bytes()),
        Value::Blob(b) => ValueRef::Blob(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ignored_conflict_is_spelled_for_postgres() {
        assert_eq!(
            postgres_sql("INSERT OR IGNORE INTO t (a) SELECT id FROM u INDEXED BY u_x WHERE x = ?1"),
            "INSERT INTO t (a) SELECT id FROM u WHERE x = $1 ON CONFLICT DO NOTHING"
        );
    }

    #[test]
    fn placeholders_are_numbered_outside_quotes() {
        assert_eq!(
            numbered_placeholders("SELECT '?1', x FROM t WHERE a = ?1 AND b = ?12"),
            "SELECT '?1', x FROM t WHERE a = $1 AND b = $12"
        );
    }

    /// The same statements, the same values, on either backend.
    fn values_go_in_and_come_out_alike(db: &Db) -> Result<()> {
        db.execute_batch("CREATE TEMP TABLE t (n BIGINT, i BIGINT, s TEXT, b BYTEA)")?;
        db.execute("INSERT INTO t VALUES (1, ?1, ?2, ?3)", params![42_u64, "ü'?1", vec![1_u8, 2]])?;
        db.execute("INSERT INTO t VALUES (2, ?1, ?2, ?3)", params![None::<i64>, None::<&str>, None::<Vec<u8>>])?;
        let rows = db.query_vec("SELECT i, s, b FROM t ORDER BY n", params![], |r| {
            Ok((r.get::<Option<u64>>(0)?, r.get::<Option<String>>(1)?, r.get::<Option<Vec<u8>>>(2)?))
        })?;
        assert_eq!(rows, [(Some(42), Some("ü'?1".to_owned()), Some(vec![1, 2])), (None, None, None)]);
        assert_eq!(db.query_row("SELECT count(*) FROM t WHERE i > ?1", params![41], |r| r.get::<u64>(0))?, 1);
        assert!(db.query_opt("SELECT i FROM t WHERE i = ?1", params![7], |r| r.get::<i64>(0))?.is_none());
        assert!(db.query_row("SELECT i FROM t WHERE i = ?1", params![-1_i64], |r| r.get::<i64>(0)).is_err());
        assert!(matches!(db.query_row("SELECT -1", params![], |r| r.get::<u64>(0)), Err(Error::Internal(_))));
        let mut seen = Vec::new();
        db.query_each("SELECT n FROM t ORDER BY n", params![], |r| {
            seen.push(r.get::<i64>(0)?);
            db.execute("UPDATE t SET i = 0 WHERE n = ?1", params![seen[seen.len() - 1]])?;
            Ok(())
        })?;
        assert_eq!(seen, [1, 2]);
        assert_eq!(db.query_row("SELECT sum(i) FROM t", params![], |r| r.get::<Option<i64>>(0))?, Some(0));
        for big in [0_i64, 7, -12_345, 10_000, 123_456_789_012, i64::MAX, i64::MIN + 1] {
            db.execute("UPDATE t SET i = ?1 WHERE n = 1", params![big])?;
            assert_eq!(db.query_row("SELECT sum(i) FROM t", params![], |r| r.get::<i64>(0))?, big);
        }
        Ok(())
    }

    #[test]
    fn sqlite_takes_and_gives_values() -> Result<()> {
        let conn = rusqlite::Connection::open_in_memory()?;
        values_go_in_and_come_out_alike(&Db::of(&conn))
    }

    #[test]
    #[ignore = "needs a PostgreSQL server: ROSTER_TEST_DB=postgres://… (.ci/run starts one)"]
    fn postgres_takes_and_gives_values() -> Result<()> {
        let url = std::env::var("ROSTER_TEST_DB").map_err(|_| Error::Internal("ROSTER_TEST_DB is not set".into()))?;
        let mut client = postgres::Client::connect(&url, postgres::NoTls)?;
        let db = Db::postgres_transaction(client.transaction()?);
        assert!(db.is_postgres());
        values_go_in_and_come_out_alike(&db)
    }
}
