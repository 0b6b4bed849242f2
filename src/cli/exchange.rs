//! `estu import` and `estu export`.

use super::Cli;
use clap::Args;
use estu_core::error::Result;
use estu_core::exchange::{self, PersonalData};
use estu_core::i18n::trf;
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
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// An exchange file (JSON, see docs/exchange-format.md).
    pub file: PathBuf,
}

pub fn export(cli: &Cli, a: &ExportArgs) -> Result<()> {
    let store = cli.open()?;
    let personal = if a.for_district || a.no_personal_data {
        PersonalData::Omit
    } else {
        PersonalData::Include
    };
    let n = exchange::write_file(store.conn(), &a.out, personal)?;
    println!(
        "{}",
        trf(
            cli.lang,
            "cli.exported",
            &[("records", &n), ("path", &a.out.display())]
        )
    );
    Ok(())
}

pub fn import(cli: &Cli, a: &ImportArgs) -> Result<()> {
    let path = cli.db_path();
    let mut store = if path.exists() {
        cli.open()?
    } else {
        // A new database takes the okrug's profile from the file itself.
        let bytes = std::fs::read(&a.file)?;
        let f = exchange::parse(&bytes, &a.file)?;
        let mut s = Store::create(&path, &f.okrug)?;
        s.set_actor(&cli.actor);
        s
    };
    let created_here = !path.exists();
    let r = match exchange::import_file(&mut store, &a.file) {
        Ok(r) => r,
        Err(e) => {
            if created_here {
                drop(store);
                let _ = std::fs::remove_file(&path);
            }
            return Err(e);
        }
    };
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
