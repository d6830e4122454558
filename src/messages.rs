//! The words of the mails roster sends, in the recipient's language (by its
//! primary subtag; English when roster has no translation), as plain text and
//! HTML alternatives.

use chrono::NaiveDate;

use crate::mail::{Outgoing, escape};

struct Words {
    invite_subject: &'static str,
    invited_you: &'static str,
    roles: &'static str,
    code: &'static str,
    accept: &'static str,
    expires: &'static str,
    note: &'static str,
    welcome_subject: &'static str,
    welcome: &'static str,
    sign_in: &'static str,
    set_password: &'static str,
}

const EN: Words = Words {
    invite_subject: "You are invited to {org}",
    invited_you: "{inviter} invited you to {org}.",
    roles: "Your roles",
    code: "Your invite code",
    accept: "To accept, run this and paste the code at its prompt, then choose a password:",
    expires: "This invite expires on",
    note: "A note from who invited you",
    welcome_subject: "Welcome to {org}",
    welcome: "Your account at {org} is ready.",
    sign_in: "Sign in with your email address,",
    set_password: "First set your password with this one-time code:",
};

const PT: Words = Words {
    invite_subject: "Convite para {org}",
    invited_you: "{inviter} convidou-o para {org}.",
    roles: "As suas funções",
    code: "O seu código de convite",
    accept: "Para aceitar, execute isto, cole o código quando lhe for pedido e escolha uma palavra-passe:",
    expires: "Este convite expira em",
    note: "Uma nota de quem o convidou",
    welcome_subject: "Bem-vindo a {org}",
    welcome: "A sua conta em {org} está pronta.",
    sign_in: "Entre com o seu endereço de email,",
    set_password: "Primeiro defina a sua palavra-passe com este código de uso único:",
};

const DE: Words = Words {
    invite_subject: "Einladung zu {org}",
    invited_you: "{inviter} hat Sie zu {org} eingeladen.",
    roles: "Ihre Rollen",
    code: "Ihr Einladungscode",
    accept: "Um anzunehmen, führen Sie dies aus, fügen Sie den Code bei der Abfrage ein und wählen Sie ein Passwort:",
    expires: "Diese Einladung läuft ab am",
    note: "Eine Nachricht der einladenden Person",
    welcome_subject: "Willkommen bei {org}",
    welcome: "Ihr Konto bei {org} ist bereit.",
    sign_in: "Melden Sie sich mit Ihrer E-Mail-Adresse an,",
    set_password: "Legen Sie zuerst Ihr Passwort mit diesem Einmalcode fest:",
};

fn words(language: &str) -> &'static Words {
    match language.split('-').next().unwrap_or_default() {
        "pt" => &PT,
        "de" => &DE,
        _ => &EN,
    }
}

fn fill(template: &str, org: &str, inviter: &str) -> String {
    template.replace("{org}", org).replace("{inviter}", inviter)
}

/// What an invite mail says.
pub struct Invite<'a> {
    pub to: &'a str,
    pub to_name: Option<&'a str>,
    pub language: &'a str,
    pub org: &'a str,
    pub inviter: &'a str,
    pub roles: &'a [String],
    pub token: &'a str,
    pub expires_on: NaiveDate,
    pub note: Option<&'a str>,
}

pub fn invite(i: &Invite) -> Outgoing {
    let w = words(i.language);
    // The token is pasted at the prompt, never given as an argument, where
    // every user of the machine could read it in the process list.
    let command = "roster invite accept";
    let roles = i.roles.join(", ");
    let said = fill(w.invited_you, i.org, i.inviter);
    // The code stands on a line of its own: short enough that no mail
    // encoding wraps it.
    let mut text = format!(
        "{said}\n\n{}: {roles}\n\n{}:\n\n    {}\n\n{}\n\n    {command}\n\n{} {}.\n",
        w.roles, w.code, i.token, w.accept, w.expires, i.expires_on
    );
    let mut html = format!(
        "<p>{}</p><p>{}: <b>{}</b></p><p>{}:</p><pre>{}</pre><p>{}</p><pre>{}</pre><p>{} {}.</p>",
        escape(&said),
        w.roles,
        escape(&roles),
        w.code,
        i.token,
        w.accept,
        escape(command),
        w.expires,
        i.expires_on
    );
    if let Some(note) = i.note {
        text.push_str(&format!("\n{}:\n{note}\n", w.note));
        html.push_str(&format!("<p>{}:</p><blockquote>{}</blockquote>", w.note, escape(note)));
    }
    Outgoing {
        kind: "invite",
        to: i.to.to_owned(),
        to_name: i.to_name.map(str::to_owned),
        subject: fill(w.invite_subject, i.org, i.inviter),
        text,
        html,
    }
}

/// What a welcome mail says; `reset` is a one-time set-password token for a
/// user who has no password yet.
pub fn welcome(to: &str, to_name: Option<&str>, language: &str, org: &str, reset: Option<&str>) -> Outgoing {
    let w = words(language);
    let hello = fill(w.welcome, org, "");
    let mut text = format!("{hello}\n\n{} {to}.\n", w.sign_in);
    let mut html = format!("<p>{}</p><p>{} <b>{}</b>.</p>", escape(&hello), w.sign_in, escape(to));
    if let Some(token) = reset {
        let command = "roster auth reset-password";
        text.push_str(&format!("\n{}\n\n    {token}\n\n    {command}\n", w.set_password));
        html.push_str(&format!("<p>{}</p><pre>{token}</pre><pre>{}</pre>", w.set_password, escape(command)));
    }
    Outgoing {
        kind: "welcome",
        to: to.to_owned(),
        to_name: to_name.map(str::to_owned),
        subject: fill(w.welcome_subject, org, ""),
        text,
        html,
    }
}
