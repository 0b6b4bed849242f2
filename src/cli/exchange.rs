//! `estu import` and `estu export`.

use super::Cli;
use clap::Args;
use estu_core::error::{Error, Result};
use estu_core::exchange::{self, PersonalData};
use estu_core::i18n::trf;
use estu_core::secure::keyring::MIN_PASSWORD;
use estu_core::store::Store;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The file to write (JSON).
    #[arg(long)]
    pub out: PathBuf,
    /// A file for the district: leaves out applicants' names, ИИН, addresses and phones.
    #[arg(long)]
    pub for_district: bool,
    /// Leave out personal data even in a full export.
    #[arg(long)]
    pub no_personal_data: bool,
    /// Write a file with personal data unencrypted (by default, from an encrypted database,
    /// it is encrypted with a password: ESTU_EXPORT_PASSWORD or asked; the age format).
    #[arg(long)]
    pub plain: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// An exchange file (JSON, see docs/exchange-format.md), or a journal kept in a
    /// spreadsheet: .xlsx, .xls, .ods or .csv (UTF-8 or Windows-1251, `;` or `,`).
    pub file: PathBuf,
    /// Spreadsheets: which column holds what, «Заголовок=поле» or «C=поле» (`-` to skip a
    /// column); repeat or separate by commas. Saved for the next file with the same headers.
    #[arg(long)]
    pub map: Vec<String>,
    /// Spreadsheets: check every row and say what would be loaded, writing nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Spreadsheets: the user's word for a topic and the topic's code, «Свет=electricity».
    #[arg(long)]
    pub topic: Vec<String>,
    /// Spreadsheets: the topic (code) of rows whose topic is empty.
    #[arg(long)]
    pub default_topic: Option<String>,
    /// Spreadsheets: the channel of rows that name none (default: reception).
    #[arg(long)]
    pub channel: Option<String>,
    /// Spreadsheets: the user's word for a settlement and the existing settlement it means,
    /// «Новосёловка=Красный Яр» (a settlement that matches none is otherwise added).
    #[arg(long)]
    pub settlement: Vec<String>,
    /// Spreadsheets: what the rows are, when the headers say otherwise: appeals (a
    /// journal), meetings (meetings and the questions raised there) or plan (action plan).
    #[arg(long)]
    pub records: Option<String>,
    /// Spreadsheets: the kind of the meetings of rows that name none: akim826, report,
    /// gathering (default) or other.
    #[arg(long)]
    pub meeting_kind: Option<String>,
    /// Take the file's mapping of topics to form lines for topics the database has (it
    /// changes every year's forms; without this flag the differences are only listed).
    #[arg(long)]
    pub take_mapping: bool,
}

pub fn export(cli: &Cli, a: &ExportArgs) -> Result<()> {
    let store = cli.open_to_read()?;
    cli.warn_if_damaged(&store);
    let personal = if a.for_district || a.no_personal_data {
        PersonalData::Omit
    } else {
        PersonalData::Include
    };
    // A full export of an encrypted file is encrypted too, unless a plain one is asked for.
    // An open file (a test's, the open demo) protects nothing itself: its export stays plain.
    if personal == PersonalData::Omit || a.plain || store.key().is_none() {
        let n = exchange::write_file(&store, &a.out, personal)?;
        if personal == PersonalData::Include && a.plain {
            eprintln!(
                "{}",
                trf(
                    cli.lang,
                    "cli.export_plain_warning",
                    &[("path", &a.out.display())]
                )
            );
        }
        println!(
            "{}",
            trf(
                cli.lang,
                "cli.exported",
                &[("records", &n), ("path", &a.out.display())]
            )
        );
        return Ok(());
    }
    // The destination is refused before the password is asked for.
    estu_core::safety::output::Protected::of(&store).check(&a.out)?;
    let pw = super::secure::new_password(
        cli,
        "ESTU_EXPORT_PASSWORD",
        &trf(
            cli.lang,
            "cli.prompt.export_password",
            &[("min", &MIN_PASSWORD)],
        ),
    )?;
    let n = exchange::write_sealed(&store, &a.out, personal, &pw)?;
    println!(
        "{}",
        trf(
            cli.lang,
            "cli.exported_sealed",
            &[("records", &n), ("path", &a.out.display())]
        )
    );
    Ok(())
}

pub fn import(cli: &Cli, a: &ImportArgs) -> Result<()> {
    if estu_core::tabular::is_table(&a.file) {
        return super::tabular::import(cli, a);
    }
    // The file's header is read and checked before the database is opened: a FIFO, a device
    // or a file of a newer version is refused at once, not while holding the database. Its
    // records are read during the import, one at a time.
    let file = match exchange::open(&a.file, None) {
        Err(Error::Other(t)) if t.key() == "err.import.sealed" => {
            let pw = super::secure::secret(
                "ESTU_EXPORT_PASSWORD",
                &trf(
                    cli.lang,
                    "cli.prompt.export_password",
                    &[("min", &MIN_PASSWORD)],
                ),
            )?;
            exchange::open(&a.file, Some(&pw))?
        }
        other => other?,
    };
    let options = exchange::Options {
        take_mapping: a.take_mapping,
    };
    let path = cli.db_path();
    let okrug = file.okrug();
    let r = if std::fs::symlink_metadata(&path).is_ok() {
        let mut store = cli.open()?;
        exchange::import_from(&mut store, &file, options)?
    } else if okrug == Default::default() {
        return Err(estu_core::Error::Other(
            estu_core::i18n::Text::new("err.import.no_okrug")
                .arg("path", a.file.display())
                .arg("db", path.display()),
        ));
    } else {
        // A new database takes the okrug's profile from the file itself, and gets its name
        // only when the import is whole: a refusal or a kill leaves no file behind.
        // Encrypted when a password is given (ESTU_PASSWORD); an open file otherwise, as a
        // scripted test load makes.
        let fill = |s: &mut Store| exchange::import_from(s, &file, options);
        if std::env::var_os("ESTU_PASSWORD").is_some() {
            let admin = super::secure::admin_name(cli, Some(okrug.executor_name.as_str()));
            let pw = super::secure::admin_password(cli, &admin)?;
            let (_, r, code) = Store::create_encrypted_with(&path, &okrug, &admin, &pw, fill)?;
            super::secure::show_recovery(cli, &code);
            r
        } else {
            Store::create_with(&path, &okrug, fill)?.1
        }
    };
    print_mapping(cli, &r);
    println!(
        "{}",
        trf(
            cli.lang,
            "cli.imported",
            &[
                ("appeals", &r.appeals),
                ("receptions", &r.receptions),
                ("meetings", &r.meetings),
                ("questions", &r.questions),
                ("plan", &r.plan_items),
                ("settlements", &r.settlements),
            ]
        )
    );
    Ok(())
}

/// Lists where the file maps topics to form lines differently, and whether it was taken.
fn print_mapping(cli: &Cli, r: &exchange::Report) {
    if r.mapping.is_empty() {
        return;
    }
    let key = if r.mapping_taken {
        "cli.mapping_taken"
    } else {
        "cli.mapping_not_taken"
    };
    println!("{}", estu_core::i18n::tr(cli.lang, key));
    for c in &r.mapping {
        println!("  {}", c.describe(cli.lang));
    }
}

#[derive(Debug, Args)]
pub struct ExportJournalArgs {
    /// The workbook to write (.xlsx).
    #[arg(long)]
    pub out: PathBuf,
    /// The journal's filters, as `estu list appeals` takes them.
    #[command(flatten)]
    pub filter: super::core::ListArgs,
}

/// `estu export-journal --out F.xlsx [filters]`: the journal's list, as filtered, to Excel.
pub fn export_journal(cli: &Cli, a: &ExportJournalArgs) -> Result<()> {
    let store = cli.open_to_read()?;
    cli.warn_if_damaged(&store);
    let settlement = super::core::settlement_id(&store, a.filter.settlement.as_deref())?;
    let filter = super::core::journal_filter(&store, &a.filter, settlement)?;
    let n = exchange::journal::write_xlsx(&store, &a.out, &filter, cli.lang)?;
    println!(
        "{}",
        trf(
            cli.lang,
            "cli.journal_exported",
            &[("n", &n), ("path", &a.out.display())]
        )
    );
    Ok(())
}
