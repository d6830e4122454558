//! `roster completions SHELL`: the files committed under `completions/`.

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use crate::Outcome;
use crate::cli::{Cli, ok};

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    pub shell: Shell,
}

pub fn run(args: CompletionsArgs) -> Outcome {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "roster", &mut std::io::stdout().lock());
    ok()
}
