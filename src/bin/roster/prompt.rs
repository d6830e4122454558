//! Confirmations: a terminal prompt (dialoguer), or `--yes` for scripts.
//! Without a terminal and without `--yes`, refuse (exit 2).

use std::io::IsTerminal;

use crate::Failure;

/// Asks the person to type `expected` (the number of users about to change).
pub fn confirm_typed(yes: bool, question: &str, expected: &str) -> Result<(), Failure> {
    if yes {
        return Ok(());
    }
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return Err(Failure::Usage(format!("{question} No terminal to confirm on: pass --yes. Nothing was changed.")));
    }
    let typed: String = dialoguer::Input::new()
        .with_prompt(format!("{question} Type {expected} to confirm"))
        .allow_empty(true)
        .interact_text()
        .map_err(|e| Failure::Usage(format!("confirmation: {e}")))?;
    if typed.trim() == expected {
        Ok(())
    } else {
        Err(Failure::Usage(format!("you typed {typed:?}, not {expected}: nothing was changed")))
    }
}

/// Reads `n` secrets, one a line, from standard input (`--password-stdin`),
/// or asks on the terminal; a new password (`confirm`) is asked twice there.
pub fn secrets(from_stdin: bool, prompts: &[(&str, bool)]) -> Result<Vec<String>, Failure> {
    if from_stdin {
        let mut lines = std::io::stdin().lines();
        return prompts
            .iter()
            .map(|(what, _)| match lines.next() {
                Some(Ok(line)) => Ok(line.trim_end_matches(['\r', '\n']).to_owned()),
                _ => Err(Failure::Usage(format!("--password-stdin: expected a line for the {what}"))),
            })
            .collect();
    }
    if !std::io::stdin().is_terminal() {
        return Err(Failure::Usage("no terminal to ask for the password on: use --password-stdin".into()));
    }
    prompts
        .iter()
        .map(|(what, confirm)| {
            let mut input = dialoguer::Password::new().with_prompt(capitalized(what));
            if *confirm {
                input = input.with_confirmation("Again", "The two entries differ");
            }
            input.interact().map_err(|e| Failure::Usage(format!("password prompt: {e}")))
        })
        .collect()
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// A token given as an argument, or (with none, or `-`) read from standard
/// input so that it stays out of the process list.
pub fn token(arg: Option<String>) -> Result<String, Failure> {
    match arg.filter(|a| a != "-") {
        Some(token) => Ok(token),
        None => match std::io::stdin().lines().next() {
            Some(Ok(line)) if !line.trim().is_empty() => Ok(line.trim().to_owned()),
            _ => Err(Failure::Usage("expected the token on standard input".into())),
        },
    }
}
