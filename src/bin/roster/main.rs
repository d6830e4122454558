//! `roster`: parse the command line, run it, map the outcome to an exit code.

mod cli;
mod commands;
mod output;
mod prompt;

use std::io;
use std::process::ExitCode;

use clap::Parser;
use roster::ErrorKind;

/// A bulk import allocates a few strings a cell on one thread and frees them
/// on another; glibc's allocator spent a fifth of the import's time on that.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Why a command did not succeed, as `main` sees it.
#[derive(Debug)]
pub enum Failure {
    Core(roster::Error),
    Io(io::Error),
    /// The command line asks for something it cannot mean (exit 2, like clap's errors).
    Usage(String),
}

impl From<roster::Error> for Failure {
    fn from(e: roster::Error) -> Self {
        Failure::Core(e)
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Io(e)
    }
}

/// What a handler returns: the exit code of a normal end (0, or 1 for a
/// predicate that said no), or a failure.
pub type Outcome = Result<ExitCode, Failure>;

/// One table from error kind to exit code (README, "Exit codes").
pub(crate) fn exit_code(kind: ErrorKind) -> u8 {
    match kind {
        ErrorKind::NotFound => 3,
        ErrorKind::Conflict => 4,
        ErrorKind::Invalid => 5,
        ErrorKind::Denied => 6,
        ErrorKind::AuthFailed => 7,
        ErrorKind::Database => 10,
        ErrorKind::Output => 74,
        ErrorKind::Internal => 70,
    }
}

#[allow(clippy::print_stderr)]
fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cli.run() {
        Ok(code) => code,
        // `roster user list | head` closes the pipe early: not an error.
        Err(Failure::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Io(e)) => {
            eprintln!("roster: {e}");
            ExitCode::from(74)
        }
        Err(Failure::Usage(message)) => {
            eprintln!("roster: {message}");
            ExitCode::from(2)
        }
        Err(Failure::Core(roster::Error::Output(e))) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Core(e)) => {
            eprintln!("roster: {e}");
            ExitCode::from(exit_code(e.kind()))
        }
    }
}
