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
