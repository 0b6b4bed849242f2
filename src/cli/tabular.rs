//! `estu import FILE.xlsx|.xls|.ods|.csv`: a journal kept in a spreadsheet. The columns found
//! are printed for the user to check; `--map` changes them, `--dry-run` checks every row and
//! writes nothing.

use super::Cli;
use super::exchange::ImportArgs;
use estu_core::error::{Error, Result};
use estu_core::i18n::{Text, tr, trf};
use estu_core::model::Channel;
use estu_core::tabular::{self, Field, Mapping, Table, column_letter};

/// «A=b» pairs from repeated or comma-separated arguments.
fn pairs(args: &[String]) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for entry in args.iter().flat_map(|a| a.split(',')) {
        match entry.split_once('=') {
            Some((k, v)) => out.push((k.trim().to_string(), v.trim().to_string())),
            None => return Err(bad_map(entry)),
        }
    }
    Ok(out)
}

fn bad_map(entry: &str) -> Error {
    let fields: Vec<&str> = Field::ALL.iter().map(|f| f.code()).collect();
    Error::Other(
        Text::new("err.tabular.bad_map")
            .arg("entry", entry)
            .arg("fields", fields.join(", ")),
    )
}

pub fn import(cli: &Cli, a: &ImportArgs) -> Result<()> {
    let table = Table::open(&a.file)?;
    let mut store = cli.open()?;
    let mut mapping = table.mapping(store.conn())?;
    if let Some(entry) = mapping.apply(&pairs(&a.map)?, table.grid.first_col).first() {
        return Err(bad_map(entry));
    }
    print_columns(cli, &table, &mapping);
    let options = tabular::Options {
        dry_run: a.dry_run,
        default_channel: match &a.channel {
            Some(c) => Channel::parse(c).ok_or_else(|| bad_map(c))?,
            None => Channel::Reception,
        },
        default_topic: a.default_topic.clone(),
        topics: pairs(&a.topic)?,
        remember: !a.dry_run,
    };
    let p = tabular::import(&mut store, &table, &mapping, &options)?;
    let lang = cli.lang;
    if !p.new_settlements.is_empty() {
        let names = p.new_settlements.join(", ");
        println!(
            "{}",
            trf(lang, "cli.tabular.new_settlements", &[("names", &names)])
        );
    }
    if !p.new_executors.is_empty() {
        let names = p.new_executors.join(", ");
        println!(
            "{}",
            trf(lang, "cli.tabular.new_executors", &[("names", &names)])
        );
    }
    let key = if p.written {
        "cli.tabular.done"
    } else {
        "cli.tabular.would"
    };
    println!(
        "{}",
        trf(
            lang,
            key,
            &[("appeals", &p.appeals), ("answered", &p.answered)]
        )
    );
    Ok(())
}

fn print_columns(cli: &Cli, table: &Table, m: &Mapping) {
    let lang = cli.lang;
    let saved = if m.saved {
        tr(lang, "cli.tabular.saved")
    } else {
        String::new()
    };
    println!(
        "{}",
        trf(
            lang,
            "cli.tabular.columns",
            &[
                ("file", &table.file),
                ("row", &table.row_number(m.header_row)),
                ("saved", &saved),
            ]
        )
    );
    for (i, h) in m.headers.iter().enumerate() {
        if h.is_empty() && m.fields[i].is_none() {
            continue;
        }
        let field = m.fields[i].map_or_else(
            || tr(lang, "cli.tabular.ignored"),
            |f| format!("{} ({})", tr(lang, &format!("field.{}", f.key())), f.code()),
        );
        println!(
            "{}",
            trf(
                lang,
                "cli.tabular.column",
                &[
                    ("col", &column_letter(i + table.grid.first_col)),
                    ("header", h),
                    ("field", &field),
                ]
            )
        );
    }
}
