//! Passwords on the terminal, staff accounts (`estu users`), encrypting an open database
//! (`estu encrypt`), anonymising old appeals (`estu anonymise`) and the app's idle lock
//! (`estu idle-lock`).

use super::Cli;
use clap::{Args, Subcommand, ValueEnum};
use estu_core::error::{Error, Result};
use estu_core::i18n::{Text, tr, trf};
use estu_core::secure::{Role, convert, keyring::MIN_PASSWORD, lock, users as accounts_admin};
use estu_core::store::{accounts, erasure};
use std::io::IsTerminal;

/// A secret from the environment variable `var`, else asked on the terminal without echo.
pub fn secret(var: &str, prompt: &str) -> Result<String> {
    if let Ok(v) = std::env::var(var) {
        return Ok(v);
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::Other(Text::new("err.password.missing")));
    }
    rpassword::prompt_password(prompt).map_err(Error::Io)
}

/// A new password: from `var`, else asked twice on the terminal.
pub fn new_password(cli: &Cli, var: &str, prompt: &str) -> Result<String> {
    if let Ok(v) = std::env::var(var) {
        return Ok(v);
    }
    let first = secret(var, prompt)?;
    let again = secret(var, &tr(cli.lang, "cli.prompt.repeat"))?;
    if first != again {
        return Err(Error::Other(Text::new("err.password.mismatch")));
    }
    Ok(first)
}

/// The first administrator's password for a new encrypted file.
pub fn admin_password(cli: &Cli, admin: &str) -> Result<String> {
    new_password(
        cli,
        "ESTU_PASSWORD",
        &trf(
            cli.lang,
            "cli.prompt.admin_password",
            &[("user", &admin), ("min", &MIN_PASSWORD)],
        ),
    )
}

/// Prints the recovery code, once, with what it is for.
pub fn show_recovery(cli: &Cli, code: &estu_core::secure::RecoveryCode) {
    println!(
        "{}",
        trf(cli.lang, "cli.recovery_code", &[("code", &code.as_str())])
    );
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RoleArg {
    Admin,
    Staff,
    Viewer,
}

impl RoleArg {
    fn role(self) -> Role {
        match self {
            RoleArg::Admin => Role::Admin,
            RoleArg::Staff => Role::Staff,
            RoleArg::Viewer => Role::Viewer,
        }
    }
}

#[derive(Debug, Args)]
pub struct UsersArgs {
    #[command(subcommand)]
    pub action: Option<UsersAction>,
}

#[derive(Debug, Subcommand)]
pub enum UsersAction {
    /// List the accounts (the default).
    List,
    /// Add an account; its password comes from ESTU_NEW_PASSWORD or is asked.
    Add {
        name: String,
        #[arg(long, value_enum)]
        role: RoleArg,
    },
    /// Change an account's role, or deactivate / reactivate it.
    Set {
        name: String,
        #[arg(long, value_enum)]
        role: RoleArg,
        #[arg(long)]
        inactive: bool,
    },
    /// Set an account's password (ESTU_NEW_PASSWORD or asked): your own, or anyone's as
    /// administrator (with `--recovery` after every password was lost).
    Passwd { name: String },
}

pub fn users(cli: &Cli, a: &UsersArgs) -> Result<()> {
    let lang = cli.lang;
    match &a.action {
        None | Some(UsersAction::List) => {
            let store = cli.open_to_read()?;
            for acc in accounts::list(store.conn())? {
                let state = if acc.active {
                    "cli.user_active"
                } else {
                    "cli.user_inactive"
                };
                println!(
                    "{}\t{}\t{}",
                    acc.name,
                    tr(lang, acc.role.key()),
                    tr(lang, state)
                );
            }
        }
        Some(UsersAction::Add { name, role }) => {
            let mut store = cli.open()?;
            let pw = if store.key().is_some() {
                new_password(
                    cli,
                    "ESTU_NEW_PASSWORD",
                    &trf(lang, "cli.prompt.password", &[("user", name)]),
                )?
            } else {
                String::new()
            };
            accounts_admin::add(&mut store, name, role.role(), &pw)?;
            println!(
                "{}",
                trf(
                    lang,
                    "cli.user_added",
                    &[("user", name), ("role", &tr(lang, role.role().key()))]
                )
            );
        }
        Some(UsersAction::Set {
            name,
            role,
            inactive,
        }) => {
            let mut store = cli.open()?;
            accounts_admin::update(&mut store, name, role.role(), !inactive)?;
            let state = if *inactive {
                "cli.user_inactive"
            } else {
                "cli.user_active"
            };
            println!(
                "{}",
                trf(
                    lang,
                    "cli.user_changed",
                    &[
                        ("user", name),
                        ("role", &tr(lang, role.role().key())),
                        ("state", &tr(lang, state))
                    ]
                )
            );
        }
        Some(UsersAction::Passwd { name }) => {
            let mut store = cli.open()?;
            let pw = new_password(
                cli,
                "ESTU_NEW_PASSWORD",
                &trf(lang, "cli.prompt.password", &[("user", name)]),
            )?;
            accounts_admin::set_password(&mut store, name, &pw)?;
            println!("{}", trf(lang, "cli.password_changed", &[("user", name)]));
        }
    }
    Ok(())
}

#[derive(Debug, Args)]
pub struct EncryptArgs {
    /// Also delete the plain (unencrypted) backup copies once the file is encrypted.
    #[arg(long)]
    pub delete_plain: bool,
}

pub fn encrypt(cli: &Cli, a: &EncryptArgs) -> Result<()> {
    let db = cli.db_path();
    let admin = admin_name(cli, None);
    let pw = admin_password(cli, &admin)?;
    let done = convert::encrypt_file(&db, &admin, &pw)?;
    println!(
        "{}",
        trf(
            cli.lang,
            "cli.encrypted",
            &[("path", &db.display()), ("user", &admin)]
        )
    );
    show_recovery(cli, &done.recovery);
    if done.plain_copies.is_empty() {
        return Ok(());
    }
    if a.delete_plain {
        let n = convert::delete_plain(&done.plain_copies)?;
        println!("{}", trf(cli.lang, "cli.plain_deleted", &[("count", &n)]));
    } else {
        println!("{}", tr(cli.lang, "cli.plain_left"));
        for p in &done.plain_copies {
            println!("  {}", p.display());
        }
    }
    Ok(())
}

/// The first administrator's name: `--user`, else the okrug's executor, else the role's name.
pub fn admin_name(cli: &Cli, executor: Option<&str>) -> String {
    cli.user
        .clone()
        .or_else(|| executor.map(str::to_string))
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| tr(cli.lang, "role.admin"))
}

#[derive(Debug, Args)]
pub struct AnonymiseArgs {
    /// Appeals closed more than this many years ago (default: the setting, else 5 — the
    /// storage term of citizens' appeals in the archive rules).
    #[arg(long)]
    pub years: Option<u32>,
    /// Keep `--years` as the okrug's setting.
    #[arg(long)]
    pub save: bool,
}

pub fn anonymise(cli: &Cli, a: &AnonymiseArgs) -> Result<()> {
    let mut store = cli.open()?;
    let years = match a.years {
        Some(y) => y,
        None => erasure::anonymise_years(&store)?,
    };
    if a.save {
        erasure::set_anonymise_years(&mut store, years)?;
    }
    println!(
        "{}",
        trf(
            cli.lang,
            "cli.anonymise_years",
            &[
                ("years", &years),
                ("default", &erasure::DEFAULT_ANONYMISE_YEARS)
            ]
        )
    );
    let n = erasure::anonymise_closed(&mut store, years)?;
    let cutoff = erasure::anonymise_cutoff(store.today(), years);
    println!(
        "{}",
        trf(
            cli.lang,
            "cli.anonymised",
            &[("date", &cutoff.format("%d.%m.%Y")), ("count", &n)]
        )
    );
    Ok(())
}

#[derive(Debug, Args)]
pub struct IdleLockArgs {
    /// New idle time in minutes (1–240); without it the current one is shown.
    pub minutes: Option<String>,
}

pub fn idle_lock(cli: &Cli, a: &IdleLockArgs) -> Result<()> {
    let minutes = match &a.minutes {
        Some(typed) => lock::set(&mut cli.open()?, typed)?,
        None => lock::minutes(cli.open_to_read()?.conn()),
    };
    println!("{}", trf(cli.lang, "cli.idle_lock", &[("n", &minutes)]));
    Ok(())
}
