//! Loading many appeals in one transaction (import, demo data) at full speed.
//!
//! FTS5 writes its pending terms to disk at every statement savepoint once it takes part in a
//! transaction, so the per-row trigger that keeps `appeal_fts` current makes one tiny index
//! segment per appeal (and merges them). A bulk load instead lifts those triggers, and the
//! audit trigger that logs each insert, notes the new appeals as `appeals::insert` makes them
//! (not by a trigger: an INSERT with a trigger copies every page it touches to a statement
//! journal), and at the end indexes and logs them all with one statement each: the same index
//! and the same audit rows, several times faster. A load into an empty appeal table also drops
//! its secondary indexes and builds them once at the end. The triggers and indexes are dropped
//! and recreated inside the same transaction, so a failed or killed load rolls back to the
//! schema it started from.

use super::{Store, Tx};
use crate::error::Result;
use rusqlite::config::DbConfig;

/// The per-row triggers a bulk load replaces: the full-text index's, and the audit of inserts.
/// Changes `f` makes to the appeals it adds are part of their creation: not logged apart.
const LIFTED_TRIGGERS: [&str; 5] = [
    "appeal_fts_ai",
    "appeal_fts_au",
    "appeal_fts_ad",
    "audit_appeal_ai",
    "audit_appeal_au",
];

/// Page cache while loading: the appeal indexes of a region's file stay in memory.
const BULK_CACHE_KIB: i64 = 64 * 1024;
/// The normal page cache (see `configure`).
const NORMAL_CACHE_KIB: i64 = 32_000;

impl Store {
    /// `Store::write` for loads of many appeals: the same single transaction, with the
    /// full-text index filled and the inserts logged once at the end. `f` may insert and change the appeals it adds;
    /// changing or deleting an appeal that existed before is refused (the index could not
    /// follow).
    pub fn write_bulk<T>(&mut self, f: impl FnOnce(&mut Tx<'_>) -> Result<T>) -> Result<T> {
        // Plans that do not hang on the values bound: otherwise SQLite re-plans a statement
        // such as "questions of meeting ?1" at every new value (a third of a meeting import
        // went to re-parsing). The statements planned meanwhile are planned again after the
        // load: the schema changes at its end (or rolls back), which expires them.
        self.settings(true)?;
        let out = self.write(|tx| {
            let lifted = begin(tx)?;
            tx.bulk = true;
            // On error the transaction rolls back (schema included): nothing to restore.
            let out = f(tx)?;
            tx.bulk = false;
            finish(tx, &lifted)?;
            Ok(out)
        });
        // Settings are not part of the transaction: put them back whatever happened.
        let reset = self.settings(false);
        let out = out?;
        reset?;
        Ok(out)
    }

    /// The connection's settings for a bulk load, or back to normal.
    fn settings(&self, bulk: bool) -> Result<()> {
        let conn = self.conn();
        conn.sql()
            .set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, bulk)?;
        let kib = if bulk {
            BULK_CACHE_KIB
        } else {
            NORMAL_CACHE_KIB
        };
        conn.execute_batch(&format!("PRAGMA cache_size = -{kib};"))?;
        Ok(())
    }
}

/// Lifts the per-row triggers and, when there is no appeal yet, the appeal table's secondary
/// indexes (returning the SQL that recreates them), and starts noting new appeals.
fn begin(tx: &Tx) -> Result<Vec<String>> {
    // Into an empty table, building each index once from the whole table (a sort) is about
    // twice as fast as growing sixteen B-trees a row at a time. The UNIQUE number index has
    // no SQL and stays: it refuses duplicates as they come. Nothing the load reads needs the
    // others.
    let empty: bool = tx.query_row("SELECT NOT EXISTS (SELECT 1 FROM main.appeal)", [], |r| {
        r.get(0)
    })?;
    let lifted: Vec<(String, String, String)> = tx
        .prepare(
            "SELECT type, name, sql FROM main.sqlite_schema
             WHERE (type = 'trigger' AND name IN (SELECT value FROM json_each(?1)))
                OR (?2 AND type = 'index' AND tbl_name = 'appeal' AND sql IS NOT NULL)",
        )?
        .query_map(
            rusqlite::params![serde_json::json!(LIFTED_TRIGGERS).to_string(), empty],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?
        .collect::<rusqlite::Result<_>>()?;
    for (kind, name, _) in &lifted {
        tx.execute_batch(&format!("DROP {kind} main.{name}"))?;
    }
    tx.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS bulk_appeal (id INTEGER PRIMARY KEY);
         DELETE FROM temp.bulk_appeal;
         CREATE TEMP TRIGGER bulk_appeal_au AFTER UPDATE ON main.appeal BEGIN
             SELECT RAISE(ABORT, 'bulk load: an earlier appeal changed')
             WHERE old.id NOT IN (SELECT id FROM temp.bulk_appeal) OR old.id <> new.id;
         END;
         CREATE TEMP TRIGGER bulk_appeal_ad AFTER DELETE ON main.appeal BEGIN
             SELECT RAISE(ABORT, 'bulk load: an earlier appeal was deleted')
             WHERE old.id NOT IN (SELECT id FROM temp.bulk_appeal);
             DELETE FROM temp.bulk_appeal WHERE id = old.id;
         END;",
    )?;
    Ok(lifted.into_iter().map(|(_, _, sql)| sql).collect())
}

/// Logs and indexes the new appeals, one statement each, and puts the triggers (and indexes)
/// back.
fn finish(tx: &Tx, lifted: &[String]) -> Result<()> {
    tx.execute_batch(
        "INSERT INTO audit_log (actor, table_name, row_id, action)
             SELECT c.actor, 'appeal', b.id, 'insert'
             FROM temp.bulk_appeal b, audit_context c WHERE c.id = 1 ORDER BY b.id;
         INSERT INTO appeal_fts (rowid, reg_number, applicant_name, applicant_id, summary)
             SELECT a.id, a.reg_number, a.applicant_name, a.applicant_id, a.summary
             FROM temp.bulk_appeal b JOIN main.appeal a ON a.id = b.id;
         DROP TRIGGER temp.bulk_appeal_au;
         DROP TRIGGER temp.bulk_appeal_ad;
         DROP TABLE temp.bulk_appeal;",
    )?;
    for sql in lifted {
        tx.execute_batch(sql)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::model::*;
    use crate::store::{Store, appeals};
    use chrono::NaiveDate;

    fn appeal(name: &str, summary: &str) -> Appeal {
        let at = NaiveDate::from_ymd_opt(2025, 3, 4)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        Appeal::new(at, Channel::WrittenPerson, name, 1, summary)
    }

    fn found(store: &Store, words: &str) -> Vec<i64> {
        let mut st = store
            .conn()
            .prepare("SELECT rowid FROM appeal_fts WHERE appeal_fts MATCH ?1 ORDER BY rowid")
            .unwrap();
        st.query_map([words], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    #[test]
    fn bulk_load_indexes_new_appeals_and_restores_the_triggers() {
        let mut store = Store::in_memory(&crate::demo::profile::profile()).unwrap();
        let before = store
            .write(|tx| appeals::insert(tx, &mut appeal("Ахметов Ерлан", "свет на улице")))
            .unwrap();
        let (a, b) = store
            .write_bulk(|tx| {
                let a = appeals::insert(tx, &mut appeal("Серикова Айгуль", "ремонт дороги"))?;
                let mut changed = appeal("Бекова Әсел", "вода");
                let b = appeals::insert(tx, &mut changed)?;
                changed.summary = "питьевая вода".into();
                appeals::update(tx, &mut changed)?;
                Ok((a, b))
            })
            .unwrap();
        assert_eq!(found(&store, "дороги"), vec![a]);
        assert_eq!(found(&store, "питьевая"), vec![b]);
        assert_eq!(found(&store, "свет"), vec![before]);
        // The per-row triggers are back: a later change is indexed at once.
        let mut later = appeal("Омаров Нурлан", "отопление школы");
        let c = store.write(|tx| appeals::insert(tx, &mut later)).unwrap();
        assert_eq!(found(&store, "отопление"), vec![c]);
        store.write(|tx| appeals::delete(tx, before)).unwrap();
        assert!(found(&store, "свет").is_empty());
        let n: i64 = store
            .conn()
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'appeal_fts_a_' OR name LIKE 'audit_appeal_a_'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 6);
        let logged: Vec<i64> = store
            .conn()
            .prepare("SELECT row_id FROM audit_log WHERE table_name = 'appeal' AND action = 'insert' ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            logged,
            vec![before, a, b, c],
            "each insert logged once, in order"
        );
        store
            .conn()
            .execute_batch("INSERT INTO appeal_fts(appeal_fts) VALUES ('integrity-check')")
            .unwrap();
    }

    fn schema(store: &Store) -> Vec<(String, String)> {
        store
            .conn()
            .prepare("SELECT name, sql FROM main.sqlite_schema WHERE sql IS NOT NULL ORDER BY name")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    #[test]
    fn a_load_into_an_empty_table_builds_the_indexes_at_the_end() {
        let mut store = Store::in_memory(&crate::demo::profile::profile()).unwrap();
        let before = schema(&store);
        let ids = store
            .write_bulk(|tx| {
                (0..30)
                    .map(|i| {
                        appeals::insert(tx, &mut appeal("Серикова Айгуль", &format!("дорога {i}")))
                    })
                    .collect::<crate::error::Result<Vec<i64>>>()
            })
            .unwrap();
        assert_eq!(
            schema(&store),
            before,
            "every index and trigger is back as it was"
        );
        let ok: String = store
            .conn()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok", "the rebuilt indexes hold every row");
        let by_index: i64 = store
            .conn()
            .query_row(
                "SELECT count(*) FROM appeal INDEXED BY appeal_registered WHERE registered_on > '2000'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(by_index, ids.len() as i64);
        // A failed load into an empty table leaves the indexes too.
        let mut empty = Store::in_memory(&crate::demo::profile::profile()).unwrap();
        let err = empty.write_bulk(|tx| {
            appeals::insert(tx, &mut appeal("Серикова Айгуль", "дорога"))?;
            appeals::insert(tx, &mut appeal("", "пусто"))
        });
        assert!(err.is_err());
        assert_eq!(schema(&empty), before);
    }

    #[test]
    fn a_bulk_load_remembers_the_rows_it_found_but_still_refuses_a_missing_one() {
        let mut store = Store::in_memory(&crate::demo::profile::profile()).unwrap();
        let err = store
            .write_bulk(|tx| {
                // The first appeal finds its topic; the second asks again for the same topic
                // (found, remembered) and for a village that is not there.
                appeals::insert(tx, &mut appeal("Серикова Айгуль", "дорога"))?;
                let mut second = appeal("Омаров Нурлан", "школа");
                second.settlement_id = Some(9_999);
                appeals::insert(tx, &mut second)
            })
            .unwrap_err();
        let crate::error::Error::Invalid(problems) = err else {
            panic!("expected the appeal refused, got {err:?}");
        };
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, vec!["appeal.settlement"]);
        let n: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM appeal", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0, "nothing of the load stays");
    }

    #[test]
    fn failed_bulk_load_leaves_nothing_and_keeps_the_triggers() {
        let mut store = Store::in_memory(&crate::demo::profile::profile()).unwrap();
        let earlier = store
            .write(|tx| appeals::insert(tx, &mut appeal("Ахметов Ерлан", "свет")))
            .unwrap();
        let err = store.write_bulk(|tx| {
            appeals::insert(tx, &mut appeal("Серикова Айгуль", "дорога"))?;
            appeals::delete(tx, earlier)
        });
        assert!(err.is_err());
        assert!(found(&store, "дорога").is_empty());
        assert_eq!(found(&store, "свет"), vec![earlier]);
        let mut later = appeal("Омаров Нурлан", "школа");
        let c = store.write(|tx| appeals::insert(tx, &mut later)).unwrap();
        assert_eq!(found(&store, "школа"), vec![c]);
    }
}
