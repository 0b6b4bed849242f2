//! The journal's list, as filtered on screen or on the command line, written to Excel: one
//! row per appeal with every field of the record (the columns an okrug's own journal has,
//! then the terms, who accepted it, where it was redirected and which appeal it repeats),
//! headed in the user's language with the words the import recognises, so the file comes
//! back in through `tabular` whole.

use crate::error::Result;
use crate::i18n::{Lang, tr};
use crate::model::Appeal;
use crate::safety::output::{self, Protected};
use crate::store::{Db, Store, appeals, reference};
use chrono::{Datelike, NaiveDate, Timelike};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use std::collections::HashMap;

/// The columns, by the i18n key of their header.
const COLUMNS: &[&str] = &[
    "journal.col.reg_number",
    "journal.col.received_on",
    "journal.col.received_time",
    "journal.col.channel",
    "journal.col.kind",
    "journal.col.applicant_type",
    "journal.col.applicant_name",
    "journal.col.applicant_id",
    "journal.col.applicant_address",
    "journal.col.applicant_phone",
    "journal.col.persons",
    "journal.col.settlement",
    "journal.col.topic",
    "journal.col.summary",
    "journal.col.executor",
    "journal.col.repeated",
    "journal.col.outcome",
    "journal.col.answered_on",
    "journal.col.answer",
    "journal.col.registered_on",
    "journal.col.accepted_by",
    "journal.col.deadline",
    "journal.col.extended_to",
    "journal.col.extension_reason",
    "journal.col.extension_notified_on",
    "journal.col.redirected_to",
    "journal.col.repeated_of",
];

fn xlsx_error(e: XlsxError) -> crate::Error {
    crate::Error::Io(std::io::Error::other(e))
}

fn excel_date(d: NaiveDate) -> std::result::Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
}

/// The workbook of the appeals `filter` matches.
pub fn to_xlsx(
    conn: &Db,
    filter: &appeals::Filter,
    today: NaiveDate,
    lang: Lang,
) -> Result<Vec<u8>> {
    let ids = appeals::matching_ids(conn, filter, today)?;
    let names = Names::read(conn, lang)?;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let head = Format::new().set_bold().set_text_wrap();
    for (c, key) in COLUMNS.iter().enumerate() {
        ws.write_with_format(0, c as u16, tr(lang, key), &head)
            .map_err(xlsx_error)?;
    }
    let formats = Formats {
        date: Format::new().set_num_format("dd.mm.yyyy"),
        time: Format::new().set_num_format("hh:mm"),
    };
    for (i, id) in ids.iter().enumerate() {
        let a = appeals::get(conn, *id)?;
        let r = i as u32 + 1;
        let texts = names.texts(conn, &a, lang)?;
        for (c, v) in texts.iter().filter(|(_, v)| !v.is_empty()) {
            ws.write(r, *c, v).map_err(xlsx_error)?;
        }
        formats.write_numbers(ws, r, &a)?;
    }
    ws.set_freeze_panes(1, 0).map_err(xlsx_error)?;
    ws.set_autofit_max_width(400);
    ws.autofit();
    wb.save_to_buffer().map_err(xlsx_error)
}

/// The names the appeals' ids point to, in the user's language, read once for the workbook.
struct Names {
    topics: HashMap<i64, String>,
    settlements: HashMap<i64, String>,
    executors: HashMap<i64, String>,
    staff: HashMap<i64, String>,
}

impl Names {
    fn read(conn: &Db, lang: Lang) -> Result<Names> {
        let names = |v: Vec<(i64, String, String)>| -> HashMap<i64, String> {
            v.into_iter()
                .map(|(id, ru, kk)| (id, lang.pick(&ru, &kk).to_string()))
                .collect()
        };
        Ok(Names {
            topics: names(
                reference::topics(conn)?
                    .into_iter()
                    .map(|t| (t.id, t.name_ru, t.name_kk))
                    .collect(),
            ),
            settlements: names(
                reference::settlements(conn)?
                    .into_iter()
                    .map(|s| (s.id, s.name_ru, s.name_kk))
                    .collect(),
            ),
            executors: reference::executors(conn)?
                .into_iter()
                .map(|e| (e.id, e.name))
                .collect(),
            staff: reference::staff(conn)?
                .into_iter()
                .map(|s| (s.id, s.full_name))
                .collect(),
        })
    }

    /// The appeal's text cells, by column.
    fn texts(&self, conn: &Db, a: &Appeal, lang: Lang) -> Result<[(u16, String); 19]> {
        let opt = |m: &HashMap<i64, String>, id: Option<i64>| {
            id.and_then(|id| m.get(&id).cloned()).unwrap_or_default()
        };
        Ok([
            (0, a.reg_number.clone()),
            (3, a.channel.label(lang)),
            (4, a.kind.label(lang)),
            (5, a.applicant_type.label(lang)),
            (6, a.applicant_name.clone()),
            (7, a.applicant_id.clone().unwrap_or_default()),
            (8, a.applicant_address.clone()),
            (9, a.applicant_phone.clone()),
            (11, opt(&self.settlements, a.settlement_id)),
            (
                12,
                self.topics.get(&a.topic_id).cloned().unwrap_or_default(),
            ),
            (13, a.summary.clone()),
            (14, opt(&self.executors, a.executor_id)),
            (
                15,
                tr(lang, if a.repeated { "word.yes" } else { "word.no" }),
            ),
            (16, a.outcome.map(|o| o.label(lang)).unwrap_or_default()),
            (18, a.answer.clone()),
            (20, opt(&self.staff, a.accepted_by)),
            (23, a.extension_reason.clone().unwrap_or_default()),
            (25, a.redirected_to.clone().unwrap_or_default()),
            (26, repeated_number(conn, a.repeated_of)?),
        ])
    }
}

/// The cell formats of dates and times.
struct Formats {
    date: Format,
    time: Format,
}

impl Formats {
    /// The appeal's dates, time and number of persons in row `r`.
    fn write_numbers(&self, ws: &mut Worksheet, r: u32, a: &Appeal) -> Result<()> {
        let t = a.received_at.time();
        ws.write_with_format(
            r,
            1,
            &excel_date(a.received_at.date()).map_err(xlsx_error)?,
            &self.date,
        )
        .map_err(xlsx_error)?;
        let tm = ExcelDateTime::from_hms(t.hour() as u16, t.minute() as u8, t.second())
            .map_err(xlsx_error)?;
        ws.write_with_format(r, 2, &tm, &self.time)
            .map_err(xlsx_error)?;
        ws.write(r, 10, a.persons as f64).map_err(xlsx_error)?;
        for (c, d) in [
            (17, a.answered_on),
            (19, a.registered_on),
            (21, a.deadline),
            (22, a.extended_to),
            (24, a.extension_notified_on),
        ] {
            if let Some(d) = d {
                ws.write_with_format(r, c, &excel_date(d).map_err(xlsx_error)?, &self.date)
                    .map_err(xlsx_error)?;
            }
        }
        Ok(())
    }
}

/// The registration number of the appeal that `earlier` names.
fn repeated_number(conn: &Db, earlier: Option<i64>) -> Result<String> {
    Ok(match earlier {
        Some(id) => appeals::get(conn, id)?.reg_number,
        None => String::new(),
    })
}

/// Writes the journal's list to `path` whole or not at all, never over the database or a
/// backup. Returns the number of appeals written.
pub fn write_xlsx(
    store: &Store,
    path: &std::path::Path,
    filter: &appeals::Filter,
    lang: Lang,
) -> Result<usize> {
    let protected = Protected::of(store);
    protected.check(path)?;
    let bytes = to_xlsx(store.conn(), filter, store.today(), lang)?;
    output::save(path, &protected, &bytes)?;
    Ok(appeals::matching_ids(store.conn(), filter, store.today())?.len())
}
