//! `estu publish --out plan.html|card.png [--period P | --date D]`: the action plan for the
//! akimat's website (both languages in one page) or its progress card (in `--lang`).

use super::Cli;
use super::forms::period_of;
use clap::Args;
use estu_core::error::Result;
use estu_core::i18n::trf;
use estu_core::publish::{self, Kind};
use estu_core::safety::output::Protected;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct PublishArgs {
    /// The plan as of this date (default: today), or…
    #[arg(long)]
    pub date: Option<String>,
    /// …the items created in this period: 2026, 2026-H1, 2026-Q1, FROM..TO.
    #[arg(long)]
    pub period: Option<String>,
    /// plan.html (the page, Russian and Kazakh) or card.png (the picture, in --lang).
    #[arg(long)]
    pub out: PathBuf,
}

pub fn publish(cli: &Cli, a: &PublishArgs) -> Result<()> {
    let store = cli.open_to_read()?;
    store.check_whole()?;
    let today = store.today();
    let date = a.date.clone().or_else(|| {
        a.period
            .is_none()
            .then(|| today.format("%Y-%m-%d").to_string())
    });
    let period = period_of(a.period.as_deref(), date.as_deref(), today)?;
    let pages = publish::prepare(store.conn(), period, today)?;
    let kind = publish::save(&pages, cli.lang, &a.out, &Protected::of(&store))?;
    let key = match kind {
        Kind::Html => "publish.saved_html",
        Kind::Png => "publish.saved_png",
    };
    println!("{}", trf(cli.lang, key, &[("path", &a.out.display())]));
    Ok(())
}
