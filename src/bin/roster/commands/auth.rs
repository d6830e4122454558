//! `roster auth login|change-password|session|logout`, and the credential
//! commands under `roster user` (passwd, 2fa, impersonate).

use std::process::ExitCode;

use clap::Subcommand;
use roster::auth::{self, Login, SessionInfo};
use roster::totp;
use serde::Serialize;

use crate::Outcome;
use crate::cli::{App, ok};
use crate::output::{Record, cell, timestamp};
use crate::prompt::{secrets, token};

#[derive(Debug, Subcommand)]
pub enum AuthCmd {
    /// Check whether USER may sign in: prints ok (exit 0) or the refusal and
    /// its reason (exit 7). No ability needed: the password is the proof.
    Login {
        user: String,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
        /// The current code of the user's authenticator app.
        #[arg(long)]
        totp: Option<String>,
        /// Also open a session and print its token (once).
        #[arg(long)]
        session: bool,
        /// For an app that gates on ABILITY: refused (lacks_ability) unless
        /// the user holds it; the only way an app-only account signs in.
        #[arg(long = "for", value_name = "ABILITY")]
        for_ability: Option<String>,
    },
    /// Change one's password: the old one, then the new one (two lines with --password-stdin).
    ChangePassword {
        user: String,
        #[arg(long)]
        password_stdin: bool,
    },
    /// Whose session a token opens and until when (exit 7 if not valid).
    /// Give the token on standard input to keep it out of the process list.
    Session { token: Option<String> },
    /// End a session (the token as for `session`).
    Logout { token: Option<String> },
    /// Set a password with the one-time code of a welcome mail (without
    /// TOKEN, the first stdin line is the code).
    ResetPassword {
        token: Option<String>,
        #[arg(long)]
        password_stdin: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum TwoFactorCmd {
    /// Start enrollment: prints the secret once, an otpauth:// URI and a QR code.
    /// Needs users.manage, or to be the user.
    Enroll { user: String },
    /// Complete enrollment with a first code from the app.
    Confirm { user: String, code: String },
    /// Turn two-step verification off for the user.
    Disable { user: String },
}

#[derive(Serialize)]
#[serde(transparent)]
struct LoginView(Login);

impl Record for LoginView {
    fn headers() -> Vec<&'static str> {
        vec!["user", "result", "reason", "detail", "session_token", "session_expires_at"]
    }

    fn cells(&self) -> Vec<String> {
        let l = &self.0;
        let reason = l
            .refusal
            .map(|r| serde_json::to_value(r).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default());
        vec![
            l.user.clone(),
            if l.ok { "ok".into() } else { "refused".into() },
            reason.unwrap_or_default(),
            cell(l.detail.as_deref()),
            cell(l.session_token.as_deref()),
            l.session_expires_at.map(timestamp).unwrap_or_default(),
        ]
    }
}

#[derive(Serialize)]
#[serde(transparent)]
struct SessionView(SessionInfo);

impl Record for SessionView {
    fn headers() -> Vec<&'static str> {
        vec!["user", "valid", "created_at", "expires_at", "impersonated_by", "for"]
    }

    fn cells(&self) -> Vec<String> {
        let s = &self.0;
        vec![
            s.user.clone(),
            s.valid.to_string(),
            timestamp(s.created_at),
            timestamp(s.expires_at),
            cell(s.impersonated_by.as_deref()),
            cell(s.for_ability.as_deref()),
        ]
    }
}

pub fn run(app: &App, cmd: AuthCmd) -> Outcome {
    match cmd {
        AuthCmd::Login { user, password_stdin, totp, session, for_ability } => {
            let password = secrets(password_stdin, &[("password", false)])?.remove(0);
            let login = app
                .open()?
                .write(|tx| auth::login(tx, &user, &password, totp.as_deref(), session, for_ability.as_deref()))?;
            let refused = !login.ok;
            app.out.one(&LoginView(login))?;
            if refused {
                return Ok(ExitCode::from(7));
            }
        }
        AuthCmd::ChangePassword { user, password_stdin } => {
            let mut given = secrets(password_stdin, &[("current password", false), ("new password", true)])?;
            let (old, new) = (given.remove(0), given.remove(0));
            app.open()?.write_keeping_refusals(|tx| auth::change_password(tx, &user, &old, &new))?;
            app.out.message(&format!("changed the password of {user}"));
        }
        AuthCmd::Session { token: given } => {
            let token = token(given)?;
            let info = app.open()?.read(|tx| auth::session(tx, &token))?;
            app.out.one(&SessionView(info))?;
        }
        AuthCmd::ResetPassword { token, password_stdin } => {
            let prompts: &[(&str, bool)] =
                if token.is_some() { &[("new password", true)] } else { &[("code", false), ("new password", true)] };
            let mut given = secrets(password_stdin, prompts)?;
            let token = token.unwrap_or_else(|| given.remove(0));
            let password = given.remove(0);
            let user = app.open()?.write(|tx| roster::invites::reset_password(tx, &token, &password))?;
            app.out.message(&format!("set the password of {user}"));
        }
        AuthCmd::Logout { token: given } => {
            let token = token(given)?;
            app.open()?.write(|tx| auth::logout(tx, &token))?;
            app.out.message("logged out");
        }
    }
    ok()
}

/// `user passwd USER [--must-change] [--password-stdin]`.
pub fn passwd(app: &App, user: &str, must_change: bool, password_stdin: bool) -> Outcome {
    let password = secrets(password_stdin, &[("new password", true)])?.remove(0);
    app.open()?.write(|tx| auth::set_password(tx, user, &password, must_change))?;
    app.out
        .message(&format!("set the password of {user}{}", if must_change { " (to change at next login)" } else { "" }));
    ok()
}

pub fn two_factor(app: &App, cmd: TwoFactorCmd) -> Outcome {
    let mut roster = app.open()?;
    match cmd {
        TwoFactorCmd::Enroll { user } => {
            let enrollment = roster.write(|tx| totp::enroll(tx, &user))?;
            let text = format!(
                "Scan this code, or enter the secret, in an authenticator app; then confirm with\n  roster user 2fa confirm {} CODE\n\n{}\nsecret: {}\nuri:    {}\n(The secret is shown this once.)",
                enrollment.user, enrollment.qr, enrollment.secret, enrollment.uri
            );
            app.out.answer(&text, &enrollment)?;
        }
        TwoFactorCmd::Confirm { user, code } => {
            roster.write_keeping_refusals(|tx| totp::confirm(tx, &user, &code))?;
            app.out.message(&format!("two-step verification is on for {user}"));
        }
        TwoFactorCmd::Disable { user } => {
            roster.write(|tx| totp::disable(tx, &user))?;
            app.out.message(&format!("two-step verification is off for {user}"));
        }
    }
    ok()
}

/// `user impersonate USER`: a one-hour session token, printed once.
pub fn impersonate(app: &App, user: &str) -> Outcome {
    let (token, expires) = app.open()?.write(|tx| auth::impersonate(tx, user))?;
    app.out.message(&format!("a session as {user} until {}; the token is shown once", timestamp(expires)));
    app.out.answer(&token, &serde_json::json!({ "user": user, "session_token": token, "expires_at": expires }))?;
    ok()
}
