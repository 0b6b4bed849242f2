//! `estu form f1|f2|f3|f4|f5 --period P [--date D] [--settlement NAME] --out FILE.pdf|.xlsx|.json`
//! and `estu talon NUMBER --out FILE.pdf`. The file's format follows its extension.

use super::Cli;
use clap::{Args, ValueEnum};
use estu_core::error::{Error, Result};
use estu_core::forms::{self, FormKind, Period, Request, Scope, talon};
use estu_core::i18n::{Text, trf};
use estu_core::render::{self, Format};
use estu_core::safety::output::Protected;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormArg {
    F1,
    F2,
    F3,
    F4,
    F5,
}

impl FormArg {
    pub(super) fn kind(self) -> FormKind {
        match self {
            FormArg::F1 => FormKind::F1,
            FormArg::F2 => FormKind::F2,
            FormArg::F3 => FormKind::F3,
            FormArg::F4 => FormKind::F4,
            FormArg::F5 => FormKind::F5,
        }
    }
}

#[derive(Debug, Args)]
pub struct FormArgs {
    /// Which form.
    #[arg(value_enum)]
    pub form: FormArg,
    /// 2022, 2022-H1, 2022-Q1, 2022-9M, FROM..TO (dates as 2022-01-31 or 31.01.2022), or a date.
    #[arg(long)]
    pub period: Option<String>,
    /// Report date: F3 counts from 1 January to it, F5 lists the plan as of it.
    #[arg(long)]
    pub date: Option<String>,
    /// Only this settlement (its Russian or Kazakh name); it appears in the title.
    #[arg(long)]
    pub settlement: Option<String>,
    /// Output file: .pdf, .xlsx or .json.
    #[arg(long)]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct TalonArgs {
    /// The appeal's registration number, e.g. 12-2022/0045.
    pub number: String,
    /// Output file (.pdf).
    #[arg(long)]
    pub out: PathBuf,
}

pub(super) fn format_of(path: &Path) -> Result<Format> {
    Format::of_path(path)
        .ok_or_else(|| Error::Other(Text::new("forms.err.out_ext").arg("path", path.display())))
}

/// The period the arguments ask for: `--date` alone (or with a period) is an "as of" date.
pub(super) fn period_of(
    period: Option<&str>,
    date: Option<&str>,
    today: chrono::NaiveDate,
) -> Result<Period> {
    if let Some(d) = date {
        let day = estu_core::input::parse_date(d)
            .ok_or_else(|| Error::Other(Text::new("forms.err.date").arg("value", d)))?;
        return Ok(Period::as_of(day));
    }
    match period {
        Some(p) => Period::parse(p),
        None => Ok(Period::year(chrono::Datelike::year(&today))),
    }
}

pub fn form(cli: &Cli, a: &FormArgs) -> Result<()> {
    let format = format_of(&a.out)?;
    let store = cli.open_to_read()?;
    store.check_whole()?;
    let today = store.today();
    let period = period_of(a.period.as_deref(), a.date.as_deref(), today)?;
    let scope = Scope::resolve(store.conn(), a.settlement.as_deref())?;
    let req = Request::new(a.form.kind(), period, cli.lang, today).with_scope(scope);
    let form = forms::compute(store.conn(), &req)?;
    render::save(&form, format, &a.out, &Protected::of(&store))?;
    println!(
        "{}",
        trf(cli.lang, "forms.saved", &[("path", &a.out.display())])
    );
    Ok(())
}

pub fn talon(cli: &Cli, a: &TalonArgs) -> Result<()> {
    if !matches!(format_of(&a.out), Ok(Format::Pdf)) {
        return Err(Error::Other(
            Text::new("forms.err.talon_ext").arg("path", a.out.display()),
        ));
    }
    let store = cli.open_to_read()?;
    store.check_whole()?;
    let t = talon::compute(store.conn(), &a.number, cli.lang)?;
    render::save_talon(&t, &a.out, &Protected::of(&store))?;
    println!(
        "{}",
        trf(cli.lang, "forms.talon_saved", &[("path", &a.out.display())])
    );
    Ok(())
}
