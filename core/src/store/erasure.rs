//! Erasure and retention: emptying the trash (all of it, or what was deleted more than N days
//! ago) and anonymising the applicants of appeals closed more than N years ago. Both are the
//! administrator's, take the personal data out of the audit trail too (the rows stay: who did
//! what and when, without the values), re-seal the trail from the first row they changed, and
//! record themselves in it. With `secure_delete` on and the WAL checkpointed and truncated
//! afterwards, the erased bytes are gone from the file. Backup copies keep them until rotation
//! or deletion removes the copies (they are encrypted like the file).

use super::{Store, Tx};
use crate::error::Result;
use crate::secure::{Role, seal};
use chrono::{Months, NaiveDate};

/// The setting: anonymise applicants of appeals closed more than this many years ago.
pub const SETTING_ANONYMISE_YEARS: &str = "anonymise_after_years";

/// The default: the storage term of citizens' appeals in the archive rules (Перечень типовых
/// документов, образующихся в деятельности государственных и негосударственных организаций,
/// с указанием срока хранения: обращения физических и юридических лиц и документы по их
/// рассмотрению — 5 лет, ЭПК). After it the file need not name the applicant.
pub const DEFAULT_ANONYMISE_YEARS: u32 = 5;

/// What replaces an anonymised applicant's name (the column may not be empty).
pub const ANONYMOUS: &str = "—";

/// The applicant's fields of an appeal, as the audit trail names them.
const APPLICANT_FIELDS: [&str; 4] = [
    "applicant_name",
    "applicant_id",
    "applicant_address",
    "applicant_phone",
];

/// The longest age asked of the trash's records, in days (ten years; more is a typing slip).
pub const MAX_TRASH_DAYS: u32 = 3650;

/// An age of the trash's records as typed: whole days from 1 to `MAX_TRASH_DAYS`.
pub fn check_days(typed: &str) -> Result<u32> {
    let typed = typed.trim();
    match typed.parse::<u32>() {
        Ok(d) if (1..=MAX_TRASH_DAYS).contains(&d) => Ok(d),
        _ => Err(crate::Error::Other(
            crate::i18n::Text::new("err.trash.days")
                .arg("value", typed)
                .arg("max", MAX_TRASH_DAYS),
        )),
    }
}

/// With `older_than_days`, the trash keeps what was deleted on this day or later.
pub fn trash_cutoff(today: NaiveDate, older_than_days: u32) -> NaiveDate {
    today
        .checked_sub_days(chrono::Days::new(u64::from(older_than_days)))
        .unwrap_or(NaiveDate::MIN)
}

/// Empties the trash: everything, or what was deleted more than `older_than_days` days ago.
/// Returns how many deleted records were erased.
pub fn empty_trash(store: &mut Store, older_than_days: Option<u32>) -> Result<usize> {
    let today = store.today();
    let n = store.write(|tx| {
        tx.require(Role::Admin)?;
        let cutoff =
            older_than_days.map(|d| trash_cutoff(today, d).format("%Y-%m-%d").to_string());
        let rows: Vec<(i64, String, i64)> = tx
            .prepare(
                "SELECT id, table_name, row_id FROM trash
                 WHERE ?1 IS NULL OR substr(deleted_at, 1, 10) < ?1 ORDER BY id",
            )?
            .query_map([&cutoff], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut first_changed: Option<i64> = None;
        for (id, table, row_id) in &rows {
            tx.execute("DELETE FROM trash WHERE id = ?1", [id])?;
            let first: Option<i64> = tx.query_row(
                "SELECT min(id) FROM audit_log
                 WHERE table_name = ?1 AND row_id = ?2 AND changes <> '{}'",
                rusqlite::params![table, row_id],
                |r| r.get(0),
            )?;
            tx.execute(
                "UPDATE audit_log SET changes = '{}' WHERE table_name = ?1 AND row_id = ?2",
                rusqlite::params![table, row_id],
            )?;
            first_changed = min_some(first_changed, first);
        }
        note(
            tx,
            "trash",
            "delete",
            &serde_json::json!({"erased": [null, rows.len()], "older_than_days": [null, older_than_days]}),
        )?;
        if let Some(from) = first_changed {
            seal::reseal_from(tx.sql(), from)?;
        }
        Ok(rows.len())
    })?;
    truncate_wal(store)?;
    Ok(n)
}

/// The years after which applicants are anonymised (the setting, else the default).
pub fn anonymise_years(store: &Store) -> Result<u32> {
    Ok(
        super::reference::setting(store.conn(), SETTING_ANONYMISE_YEARS)?
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(DEFAULT_ANONYMISE_YEARS),
    )
}

/// Sets the years after which applicants are anonymised (audited like every setting change
/// made through this function: it writes a trail row).
pub fn set_anonymise_years(store: &mut Store, years: u32) -> Result<()> {
    store.write(|tx| {
        tx.require(Role::Admin)?;
        super::reference::set_setting(tx, SETTING_ANONYMISE_YEARS, &years.to_string())?;
        note(
            tx,
            "setting",
            "update",
            &serde_json::json!({ SETTING_ANONYMISE_YEARS: [null, years] }),
        )
    })
}

/// The longest anonymisation term accepted, in years (the archive keeps some files 75 years;
/// more is a typing slip).
pub const MAX_ANONYMISE_YEARS: u32 = 75;

/// An anonymisation term as typed: whole years from 1 to `MAX_ANONYMISE_YEARS`.
pub fn check_years(typed: &str) -> Result<u32> {
    let typed = typed.trim();
    match typed.parse::<u32>() {
        Ok(y) if (1..=MAX_ANONYMISE_YEARS).contains(&y) => Ok(y),
        _ => Err(crate::Error::Other(
            crate::i18n::Text::new("err.anonymise.years")
                .arg("value", typed)
                .arg("max", MAX_ANONYMISE_YEARS),
        )),
    }
}

/// The last day an appeal may have been answered on to be anonymised `years` after `today`.
pub fn anonymise_cutoff(today: NaiveDate, years: u32) -> NaiveDate {
    today
        .checked_sub_months(Months::new(years * 12))
        .unwrap_or(NaiveDate::MIN)
}

/// The appeals `anonymise_closed` changes (?1 the cut-off day, ?2 `ANONYMOUS`): answered
/// before the cut-off and not anonymised yet. One predicate for the count shown before and
/// for the change itself.
const TO_ANONYMISE: &str = "outcome IS NOT NULL AND answered_on < ?1
     AND NOT (applicant_name = ?2 AND applicant_id IS NULL
              AND applicant_address = '' AND applicant_phone = '')";

/// How many appeals `anonymise_closed(store, years)` would anonymise on `today`: asked
/// before the administrator confirms.
pub fn count_to_anonymise(conn: &super::Db, today: NaiveDate, years: u32) -> Result<usize> {
    let cutoff = anonymise_cutoff(today, years)
        .format("%Y-%m-%d")
        .to_string();
    let n: i64 = conn.query_row(
        &format!("SELECT count(*) FROM appeal WHERE {TO_ANONYMISE}"),
        rusqlite::params![cutoff, ANONYMOUS],
        |r| r.get(0),
    )?;
    Ok(n as usize)
}

/// Anonymises the applicants of appeals answered before `anonymise_cutoff(today, years)`:
/// name, ИИН/БИН, address and phone, in the record and in its audit rows. Returns how many
/// appeals were anonymised.
pub fn anonymise_closed(store: &mut Store, years: u32) -> Result<usize> {
    let cutoff = anonymise_cutoff(store.today(), years)
        .format("%Y-%m-%d")
        .to_string();
    let n = store.write(|tx| {
        tx.require(Role::Admin)?;
        let ids: Vec<i64> = tx
            .prepare(&format!(
                "SELECT id FROM appeal WHERE {TO_ANONYMISE} ORDER BY id"
            ))?
            .query_map(rusqlite::params![cutoff, ANONYMOUS], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let paths: Vec<String> = APPLICANT_FIELDS
            .iter()
            .map(|f| format!("'$.{f}'"))
            .collect();
        let mut first_changed: Option<i64> = None;
        for id in &ids {
            tx.execute(
                "UPDATE appeal SET applicant_name = ?1, applicant_id = NULL,
                 applicant_address = '', applicant_phone = '' WHERE id = ?2",
                rusqlite::params![ANONYMOUS, id],
            )?;
            let first: Option<i64> = tx.query_row(
                "SELECT min(id) FROM audit_log WHERE table_name = 'appeal' AND row_id = ?1",
                [id],
                |r| r.get(0),
            )?;
            tx.execute(
                &format!(
                    "UPDATE audit_log SET changes = json_remove(changes, {})
                     WHERE table_name = 'appeal' AND row_id = ?1",
                    paths.join(", ")
                ),
                [id],
            )?;
            first_changed = min_some(first_changed, first);
        }
        // The trash keeps a deleted appeal's applicant too: anonymised alike.
        tx.execute(
            &format!(
                "UPDATE trash SET data = json_set(json_remove(data, {}), '$.applicant_name', ?1,
                 '$.applicant_address', '', '$.applicant_phone', '')
                 WHERE table_name = 'appeal' AND json_extract(data, '$.outcome') IS NOT NULL
                 AND json_extract(data, '$.answered_on') < ?2",
                paths.join(", ")
            ),
            rusqlite::params![ANONYMOUS, cutoff],
        )?;
        note(
            tx,
            "appeal",
            "update",
            &serde_json::json!({"anonymised": [null, ids.len()], "closed_before": [null, cutoff]}),
        )?;
        if let Some(from) = first_changed {
            seal::reseal_from(tx.sql(), from)?;
        }
        Ok(ids.len())
    })?;
    truncate_wal(store)?;
    Ok(n)
}

fn min_some(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

/// A row of the trail for a step that is not a record's own change (row 0).
pub(crate) fn note(tx: &Tx, table: &str, action: &str, changes: &serde_json::Value) -> Result<()> {
    tx.execute(
        "INSERT INTO audit_log (actor, table_name, row_id, action, changes)
         SELECT actor, ?1, 0, ?2, ?3 FROM audit_context WHERE id = 1",
        rusqlite::params![table, action, changes.to_string()],
    )?;
    Ok(())
}

/// Moves everything from the WAL into the file and empties the WAL, so the erased pages'
/// older versions do not stay in it.
pub(crate) fn truncate_wal(store: &Store) -> Result<()> {
    if store.path().is_some() {
        let _: (i64, i64, i64) =
            store
                .conn()
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })?;
    }
    Ok(())
}
