//! `estu import FILE.xlsx|.xls|.ods|.csv`: a journal, meetings with their questions, or an
//! action plan kept in a spreadsheet. What the rows are and the columns found are printed for
//! the user to check; `--records` and `--map` change them, `--topic` and `--settlement` map
//! the file's words to the database's, `--dry-run` checks every row and writes nothing.

use super::Cli;
use super::exchange::ImportArgs;
use estu_core::error::{Error, Result};
use estu_core::i18n::{Text, tr, trf};
use estu_core::model::{Channel, MeetingKind};
use estu_core::tabular::{self, Field, Kind, Mapping, Table, column_letter};

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

/// A code of a closed list given on the command line, or the error saying what is allowed.
fn code<T>(value: &Option<String>, parse: fn(&str) -> Option<T>, key: &str) -> Result<Option<T>> {
    value
        .as_deref()
        .map(|v| parse(v).ok_or_else(|| Error::Other(Text::new(key).arg("value", v))))
        .transpose()
}

pub fn import(cli: &Cli, a: &ImportArgs) -> Result<()> {
    let kind = code(&a.records, Kind::parse, "err.tabular.bad_records")?;
    let table = Table::open(&a.file)?;
    let mut store = cli.open()?;
    let mut mapping = table.mapping_as(store.conn(), kind)?;
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
        settlements: pairs(&a.settlement)?,
        meeting_kind: code(
            &a.meeting_kind,
            MeetingKind::parse,
            "err.tabular.bad_meeting_kind",
        )?
        .unwrap_or(MeetingKind::Gathering),
        remember: !a.dry_run,
    };
    let p = tabular::import(&mut store, &table, &mapping, &options)?;
    let lang = cli.lang;
    for (key, names) in [
        ("cli.tabular.new_settlements", &p.new_settlements),
        ("cli.tabular.new_executors", &p.new_executors),
        ("cli.tabular.new_staff", &p.new_staff),
    ] {
        if !names.is_empty() {
            println!("{}", trf(lang, key, &[("names", &names.join(", "))]));
        }
    }
    println!("{}", p.said(mapping.kind).render(lang));
    Ok(())
}

fn print_columns(cli: &Cli, table: &Table, m: &Mapping) {
    let lang = cli.lang;
    let saved = if m.saved {
        tr(lang, "cli.tabular.saved")
    } else {
        String::new()
    };
    let kind = tr(lang, &format!("import.kind.{}", m.kind.code()));
    println!("{}", trf(lang, "cli.tabular.records", &[("kind", &kind)]));
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
