//! `estu consolidate --form f1|f2|f3|f4|f5 (--period P | --date D) --out FILE OKRUG_FILE…`:
//! the district's form from its okrugs' `export --for-district` files (or folders of them).

use super::Cli;
use super::forms::{FormArg, format_of, period_of};
use clap::Args;
use estu_core::district;
use estu_core::error::Result;
use estu_core::forms::Request;
use estu_core::i18n::trf;
use estu_core::render;
use estu_core::safety::output::Protected;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ConsolidateArgs {
    /// Which form.
    #[arg(long, value_enum)]
    pub form: FormArg,
    /// 2022, 2022-H1, 2022-Q1, 2022-9M, FROM..TO, or a date.
    #[arg(long)]
    pub period: Option<String>,
    /// Report date: F3 counts from 1 January to it, F5 lists the plans as of it.
    #[arg(long)]
    pub date: Option<String>,
    /// The district's profile (name, akim, executor; JSON). Default: district.json beside the
    /// okrug files.
    #[arg(long)]
    pub district_profile: Option<PathBuf>,
    /// Output file: .pdf, .xlsx or .json.
    #[arg(long)]
    pub out: PathBuf,
    /// The okrugs' files (`estu export --for-district`), or folders holding them.
    #[arg(required = true)]
    pub okrugs: Vec<PathBuf>,
}

pub fn consolidate(cli: &Cli, a: &ConsolidateArgs) -> Result<()> {
    let format = format_of(&a.out)?;
    let today = chrono::Local::now().date_naive();
    let period = period_of(a.period.as_deref(), a.date.as_deref(), today)?;
    let profile = district::find_profile(a.district_profile.as_deref(), &a.okrugs)?;
    let files = district::expand(&a.okrugs)?;
    let protected = Protected::none();
    // Before the files are read: a refused output name costs nothing.
    protected.check(&a.out)?;
    let okrugs = district::load(&files)?;
    let req = Request::new(a.form.kind(), period, cli.lang, today);
    let done = district::consolidate(&profile, &okrugs, &req)?;
    for note in &done.notes {
        eprintln!("{}", note.render(cli.lang));
    }
    render::save(&done.form, format, &a.out, &protected)?;
    println!(
        "{}",
        trf(
            cli.lang,
            "district.saved",
            &[("path", &a.out.display()), ("n", &okrugs.len())]
        )
    );
    Ok(())
}
