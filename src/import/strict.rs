//! What the file must be before the CSV parser sees it: a check that reads
//! ahead of the `csv` crate, byte by byte. Text after a closing quote
//! (`"abc"def`, where a lenient parser would run two values together) marks
//! its record as damaged, and the import refuses that row and reads on, so
//! every error of the file is reported in one run. An unterminated quoted
//! field (the rest of the file would be one value) or a field, a record or
//! the header past its limit stops the reading there. Memory stays bounded
//! whatever comes in (`/dev/zero`, one endless line), and each error names
//! the physical line, as an editor counts it (LF or CRLF, a BOM, newlines
//! inside quotes).
//!
//! A quote inside an unquoted field (`5'10"`) is kept as written, as the
//! `csv` crate and common spreadsheets read it.

use std::collections::VecDeque;
use std::io::Read;
use std::sync::{Arc, Mutex};

/// The longest field, record and header the import reads.
pub const MAX_FIELD: usize = 4 * 1024;
pub const MAX_RECORD: usize = 64 * 1024;
pub const MAX_COLUMNS: usize = 200;

/// Where the file broke, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    pub line: u64,
    /// 1-based.
    pub column: usize,
    pub reason: String,
}

impl std::fmt::Display for Broken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}, column {}: {}", self.line, self.column, self.reason)
    }
}

impl std::error::Error for Broken {}

/// Records where a lenient parser would have merged text, by the byte
/// offset their record starts at, shared with the reader like `Starts`.
#[derive(Clone, Default)]
pub struct Damage(Arc<Mutex<VecDeque<(u64, Broken)>>>);

impl Damage {
    /// What is wrong with the record that starts at byte `start`, if anything;
    /// forgets the records before it.
    pub fn of_record_at(&self, start: u64) -> Option<Broken> {
        let mut damage = self.0.lock().ok()?;
        while let Some((at, _)) = damage.front() {
            match at.cmp(&start) {
                std::cmp::Ordering::Less => drop(damage.pop_front()),
                std::cmp::Ordering::Equal => return damage.pop_front().map(|(_, broken)| broken),
                std::cmp::Ordering::Greater => return None,
            }
        }
        None
    }

    fn mark(&self, record_start: u64, broken: Broken) {
        if let Ok(mut damage) = self.0.lock() {
            // One error a record is enough to refuse it.
            if damage.back().is_none_or(|(at, _)| *at != record_start) {
                damage.push_back((record_start, broken));
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// At the start of a field (or of a record).
    FieldStart,
    Unquoted,
    Quoted,
    /// A quote inside a quoted field: the end of it, or the first of `""`.
    QuoteInQuoted,
}

/// Where each record read so far starts: (byte offset, physical line),
/// shared with the reader, which takes them as the parser gets there (so it
/// holds only what the parser has not reached yet).
#[derive(Clone, Default)]
pub struct Starts(Arc<Mutex<VecDeque<(u64, u64)>>>);

impl Starts {
    /// Where the record the parser says starts at byte `offset` really
    /// starts, (byte, physical line): the first start at or after it (the
    /// parser may count a record from the line break before it, as it does
    /// after a CRLF).
    pub fn record_at(&self, offset: u64) -> Option<(u64, u64)> {
        let mut starts = self.0.lock().ok()?;
        while let Some((at, line)) = starts.pop_front() {
            if at >= offset {
                return Some((at, line));
            }
        }
        None
    }

    fn push(&self, start: (u64, u64)) {
        if let Ok(mut starts) = self.0.lock() {
            starts.push_back(start);
        }
    }
}

pub struct Strict<R> {
    inner: R,
    starts: Starts,
    damage: Damage,
    /// Where the record being read starts.
    record_start: u64,
    offset: u64,
    delimiter: u8,
    state: State,
    line: u64,
    /// Where the open quoted field began, for the error at the end.
    quote_line: u64,
    column: usize,
    field: usize,
    record: usize,
    /// Whether the record has any byte yet (a blank line is no record).
    in_record: bool,
    /// The last byte was a CR that ended a record (a LF next is its CRLF).
    after_cr: bool,
    header_done: bool,
    ended: bool,
    /// Where the check stopped, given after the bytes before it were read.
    stopped: Option<std::io::Error>,
}

impl<R: Read> Strict<R> {
    pub fn new(inner: R, delimiter: u8, starts: Starts, damage: Damage) -> Strict<R> {
        Strict {
            inner,
            starts,
            damage,
            record_start: 0,
            offset: 0,
            delimiter,
            state: State::FieldStart,
            line: 1,
            quote_line: 1,
            column: 1,
            field: 0,
            record: 0,
            in_record: false,
            after_cr: false,
            header_done: false,
            ended: false,
            stopped: None,
        }
    }

    fn here(&self, reason: impl Into<String>) -> Broken {
        Broken { line: self.line, column: self.column, reason: reason.into() }
    }

    fn broken(&self, reason: impl Into<String>) -> std::io::Error {
        std::io::Error::new(std::io::ErrorKind::InvalidData, self.here(reason))
    }

    fn end_record(&mut self) {
        if self.in_record {
            self.header_done = true;
        }
        self.state = State::FieldStart;
        self.column = 1;
        self.field = 0;
        self.record = 0;
        self.in_record = false;
    }

    fn next_field(&mut self) -> std::io::Result<()> {
        self.state = State::FieldStart;
        self.column += 1;
        self.field = 0;
        if !self.header_done && self.column > MAX_COLUMNS {
            return Err(self.broken(format!("the header has more than {MAX_COLUMNS} columns")));
        }
        Ok(())
    }

    fn check(&mut self, byte: u8) -> std::io::Result<()> {
        self.record += 1;
        if self.record > MAX_RECORD {
            return Err(self.broken(format!("the record is longer than {} KiB", MAX_RECORD / 1024)));
        }
        if byte != b'\r' && byte != b'\n' && !self.in_record {
            self.in_record = true;
            self.record_start = self.offset;
            self.starts.push((self.offset, self.line));
        }
        self.offset += 1;
        match (self.state, byte) {
            (State::Quoted, b'"') => self.state = State::QuoteInQuoted,
            (State::Quoted, b'\n') => self.line += 1,
            (State::Quoted, _) => {}
            (State::QuoteInQuoted, b'"') => self.state = State::Quoted,
            (State::FieldStart, b'"') => {
                self.state = State::Quoted;
                self.quote_line = self.line;
            }
            // CR, LF and CRLF each end a record, as the `csv` crate reads them.
            (State::FieldStart | State::Unquoted | State::QuoteInQuoted, b'\n') if self.after_cr => {}
            (State::FieldStart | State::Unquoted | State::QuoteInQuoted, b'\n' | b'\r') => {
                self.end_record();
                self.line += 1;
            }
            (State::FieldStart | State::Unquoted | State::QuoteInQuoted, d) if d == self.delimiter => {
                return self.next_field();
            }
            (State::QuoteInQuoted, _) => {
                // The parser reads on as one unquoted value; the row is refused.
                let broken = self.here("text after the closing quote of a quoted field (quote it whole)");
                self.damage.mark(self.record_start, broken);
                self.state = State::Unquoted;
            }
            (State::FieldStart | State::Unquoted, _) => self.state = State::Unquoted,
        }
        self.after_cr = byte == b'\r' && self.state == State::FieldStart;
        if matches!(self.state, State::Quoted | State::QuoteInQuoted | State::Unquoted) {
            self.field += 1;
            if self.field > MAX_FIELD {
                return Err(self.broken(format!("a field is longer than {} KiB", MAX_FIELD / 1024)));
            }
        }
        Ok(())
    }
}

impl<R: Read> Read for Strict<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if let Some(stopped) = self.stopped.take() {
            self.ended = true;
            return Err(stopped);
        }
        if self.ended {
            return Ok(0);
        }
        let n = self.inner.read(buf)?;
        if n == 0 {
            self.ended = true;
            if self.state == State::Quoted {
                self.line = self.quote_line;
                return Err(
                    self.broken("a quoted field is never closed: it opens here and runs to the end of the file")
                );
            }
            return Ok(0);
        }
        for (at, &byte) in buf[..n].iter().enumerate() {
            // Most bytes are ordinary ones inside an unquoted field: counted, no more.
            if self.state == State::Unquoted
                && self.field < MAX_FIELD
                && self.record < MAX_RECORD
                && byte != self.delimiter
                && byte != b'\n'
                && byte != b'\r'
            {
                self.field += 1;
                self.record += 1;
                self.offset += 1;
                continue;
            }
            if let Err(stopped) = self.check(byte) {
                // The records before this byte are read first, so their
                // errors are reported too; the reading stops here.
                if at == 0 {
                    self.ended = true;
                    return Err(stopped);
                }
                self.stopped = Some(stopped);
                return Ok(at);
            }
        }
        Ok(n)
    }
}

/// The check's error inside a `csv` error, if that is what stopped it.
pub fn broken(e: &::csv::Error) -> Option<&Broken> {
    match e.kind() {
        ::csv::ErrorKind::Io(io) => io.get_ref().and_then(|inner| inner.downcast_ref::<Broken>()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first error in `text`: where it stopped, or else the first damaged record.
    fn check(text: &[u8]) -> Result<(), Broken> {
        let mut out = Vec::new();
        let damage = Damage::default();
        Strict::new(text, b',', Starts::default(), damage.clone())
            .read_to_end(&mut out)
            .map_err(|e| e.get_ref().and_then(|i| i.downcast_ref::<Broken>()).cloned().expect("a Broken"))?;
        damage.0.lock().unwrap().pop_front().map_or(Ok(()), |(_, broken)| Err(broken))
    }

    #[test]
    fn what_would_lose_data_is_named_by_its_line() {
        assert_eq!(check(b"a,b\n1,\"x\"\"y\"\n3,5'10\"\n"), Ok(()));
        let open = check(b"email,department\r\na@x.test,\"Sales\r\nb@x.test,Ops\r\n").unwrap_err();
        assert_eq!((open.line, open.column), (2, 2));
        let after = check(b"a,b\r\n\r\n1,\"x\"y\n").unwrap_err();
        assert_eq!((after.line, after.column), (3, 2));
        assert!(after.reason.contains("after the closing quote"));
        let multi = check(b"a,b\n\"two\nlines\",\"z\"q\n").unwrap_err();
        assert_eq!(multi.line, 3);
        // Lone CRs end records too (old Mac files), and count as lines.
        let wide_cr = "a,b\r".repeat(150);
        assert_eq!(check(wide_cr.as_bytes()), Ok(()));
        let cr = check(b"a,b\r1,\"x\"\r2,\"y\"z\r").unwrap_err();
        assert_eq!((cr.line, cr.column), (3, 2));
    }

    #[test]
    fn limits_hold_whatever_comes_in() {
        let long = [b'x'; MAX_FIELD + 1];
        assert!(check(&long).unwrap_err().reason.contains("field"));
        let wide = ",".repeat(MAX_COLUMNS + 1);
        assert!(check(wide.as_bytes()).unwrap_err().reason.contains("columns"));
        let mut endless = std::io::repeat(0).take(u64::MAX);
        let mut sink = [0u8; 8192];
        let mut strict = Strict::new(&mut endless, b',', Starts::default(), Damage::default());
        let mut total = 0;
        let stopped = loop {
            match strict.read(&mut sink) {
                Ok(n) => total += n,
                Err(e) => break e,
            }
        };
        assert!(total <= MAX_FIELD + sink.len());
        assert_eq!(stopped.kind(), std::io::ErrorKind::InvalidData);
    }
}
