//! Loading many records in one transaction (import, demo data) at full speed.
//!
//! FTS5 writes its pending terms to disk at every statement savepoint once it takes part in a
//! transaction, so the per-row trigger that keeps `appeal_fts` current makes one tiny index
//! segment per appeal (and merges them); and every per-row audit trigger costs an INSERT a
//! statement journal (each page it touches is copied first). A bulk load instead lifts those
//! triggers, notes the new rows as the record modules insert them (`Tx::added`, not by a
//! trigger: that would bring the journal back), and at the end indexes and logs them all with
//! one statement per table: the same index and the same audit rows, several times faster. A
//! load into an empty appeal table also drops its secondary indexes and builds them once at
//! the end. The CHECK constraints are off while rows are written and tested over the rows
//! written at the end (`checks`): a single-row INSERT builds a temporary index for each
//! `IN (…)` list of a CHECK every time. The triggers and indexes are dropped and recreated
//! inside the same transaction, so a failed or killed load rolls back to the schema it
//! started from.
//!
//! A bulk load only adds: changing a row it did not add, or deleting any row of these tables,
//! is refused (the audit rows written at the end could not tell it). Changes to the rows it
//! adds are part of their creation, not logged apart, as a record saved whole would be.

use super::{Store, Tx, checks};
use crate::error::{Error, Result};
use crate::i18n::Text;
use rusqlite::config::DbConfig;

/// The records whose new rows a bulk load notes, in the order their audit rows are written at
/// its end (an import's sections).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Added {
    Reception,
    Appeal,
    Meeting,
    Question,
    PlanItem,
}

const ADDED: [Added; 5] = [
    Added::Reception,
    Added::Appeal,
    Added::Meeting,
    Added::Question,
    Added::PlanItem,
];

impl Added {
    fn table(self) -> &'static str {
        match self {
            Added::Reception => "reception",
            Added::Appeal => "appeal",
            Added::Meeting => "meeting",
            Added::Question => "question",
            Added::PlanItem => "plan_item",
        }
    }
}

/// A table whose rows belong to one record (`parent`): the rows of the records a load adds
/// are new with them, since only a record's own save writes them and saving a record the
/// load did not add is refused. Their audit rows carry the row's fields as `changes`.
struct Child {
    table: &'static str,
    parent: Added,
    /// The column naming the parent: the audit row's `row_id`.
    key: &'static str,
    fields: &'static [&'static str],
    /// The order the rows were written in (or the nearest the table keeps).
    order: &'static str,
}

const CHILDREN: [Child; 3] = [
    Child {
        table: "meeting_broadcast",
        parent: Added::Meeting,
        key: "meeting_id",
        fields: &["meeting_id", "channel", "viewers"],
        order: "r.id",
    },
    Child {
        table: "meeting_remark",
        parent: Added::Meeting,
        key: "meeting_id",
        fields: &["meeting_id", "addressee_level", "count"],
        order: "r.meeting_id, r.addressee_level",
    },
    Child {
        table: "plan_item_question",
        parent: Added::PlanItem,
        key: "plan_item_id",
        fields: &["plan_item_id", "question_id"],
        order: "r.plan_item_id, r.question_id",
    },
];

/// The per-row triggers a bulk load replaces: the full-text index's, and the audit of inserts
/// and changes (the audit of deletions stays: a load deletes nothing).
fn lifted_triggers() -> Vec<String> {
    let audited = ADDED
        .iter()
        .map(|a| a.table())
        .chain(CHILDREN.iter().map(|c| c.table));
    ["appeal_fts_ai", "appeal_fts_au", "appeal_fts_ad"]
        .map(String::from)
        .into_iter()
        .chain(audited.flat_map(|t| [format!("audit_{t}_ai"), format!("audit_{t}_au")]))
        .collect()
}

/// Page cache while loading: the appeal indexes of a region's file stay in memory.
const BULK_CACHE_KIB: i64 = 64 * 1024;
/// The normal page cache (see `configure`).
const NORMAL_CACHE_KIB: i64 = 32_000;

impl Store {
    /// `Store::write` for loads of many records: the same single transaction, with the
    /// full-text index filled and the inserts logged once at the end. `f` may insert records
    /// and change the ones it adds; changing a record that existed before, or deleting one,
    /// is refused (the index and the audit trail could not follow).
    pub fn write_bulk<T>(&mut self, f: impl FnOnce(&mut Tx<'_>) -> Result<T>) -> Result<T> {
        // On error the transaction rolls back (schema included): nothing to restore.
        self.bulk(f, finish)
    }

    /// `write_bulk` that keeps nothing: `f` and every check its load would pass, then all
    /// rolled back (an import's preview).
    pub fn try_bulk<T>(&mut self, f: impl FnOnce(&mut Tx<'_>) -> Result<T>) -> Result<T> {
        let (mut kept, mut passed) = (None, false);
        let r = self.bulk(
            |tx| {
                kept = Some(f(tx)?);
                Ok(())
            },
            |tx, lifted| {
                test_constraints(tx, lifted)?;
                passed = true;
                // An error rolls the transaction back.
                Err(Error::Other(Text::new("import.dry_run")))
            },
        );
        match (kept, passed, r) {
            (Some(out), true, _) => Ok(out),
            (_, _, Err(e)) => Err(e),
            (_, _, Ok(())) => unreachable!("a preview never commits"),
        }
    }

    /// `write` with the connection's settings for a bulk load (put back whatever happens):
    /// lifts what the load defers, runs `f` noting the rows it adds, then `end`.
    fn bulk<T>(
        &mut self,
        f: impl FnOnce(&mut Tx<'_>) -> Result<T>,
        end: impl FnOnce(&Tx, &Lifted) -> Result<()>,
    ) -> Result<T> {
        self.settings(true)?;
        let out = self.write(|tx| {
            let lifted = begin(tx)?;
            tx.bulk = true;
            let out = f(tx)?;
            tx.bulk = false;
            end(tx, &lifted)?;
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
        // Plans that do not hang on the values bound: otherwise SQLite re-plans a statement
        // such as "questions of meeting ?1" at every new value (a third of a meeting import
        // went to re-parsing). The statements planned meanwhile are planned again after the
        // load: the schema changes at its end (or rolls back), which expires them.
        conn.sql()
            .set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, bulk)?;
        let kib = if bulk {
            BULK_CACHE_KIB
        } else {
            NORMAL_CACHE_KIB
        };
        // The CHECK constraints are tested at the load's end (`test_constraints`).
        conn.execute_batch(&format!(
            "PRAGMA cache_size = -{kib}; PRAGMA ignore_check_constraints = {};",
            i32::from(bulk)
        ))?;
        Ok(())
    }
}

impl Tx<'_> {
    /// Notes a new row of `what`: during a bulk load it is logged (and an appeal indexed)
    /// when the load ends. Every insert of these records calls it.
    pub(crate) fn added(&self, what: Added, id: i64) -> Result<()> {
        if self.bulk {
            let sql = format!("INSERT INTO temp.bulk_{} (id) VALUES (?1)", what.table());
            self.prepare_cached(&sql)?.execute([id])?;
        }
        Ok(())
    }
}

/// What a load changed in the schema, and where the audit trail stood when it began.
struct Lifted {
    /// The SQL that recreates the triggers and indexes dropped.
    sql: Vec<String>,
    audit_before: i64,
}

/// Lifts the per-row triggers and, when there is no appeal yet, the appeal table's secondary
/// indexes, and starts noting new rows.
fn begin(tx: &Tx) -> Result<Lifted> {
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
            rusqlite::params![serde_json::json!(lifted_triggers()).to_string(), empty],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?
        .collect::<rusqlite::Result<_>>()?;
    for (kind, name, _) in &lifted {
        tx.execute_batch(&format!("DROP {kind} main.{name}"))?;
    }
    for a in ADDED {
        tx.execute_batch(&guard(a.table(), "id", &format!("temp.bulk_{}", a.table())))?;
    }
    for c in &CHILDREN {
        tx.execute_batch(&guard(
            c.table,
            c.key,
            &format!("temp.bulk_{}", c.parent.table()),
        ))?;
    }
    let audit_before =
        tx.query_row("SELECT coalesce(max(id), 0) FROM main.audit_log", [], |r| {
            r.get(0)
        })?;
    Ok(Lifted {
        sql: lifted.into_iter().map(|(_, _, sql)| sql).collect(),
        audit_before,
    })
}

/// The temporary triggers that refuse what the audit rows written at the end could not tell:
/// a change to a row of `table` whose `key` is not among the `added` ids, and any deletion.
/// Also creates the (empty) table of added ids when `key` is the table's own id.
fn guard(table: &str, key: &str, added: &str) -> String {
    let noted = if key == "id" {
        format!(
            "CREATE TEMP TABLE IF NOT EXISTS {added} (id INTEGER PRIMARY KEY); DELETE FROM {added};"
        )
    } else {
        String::new()
    };
    format!(
        "{noted}
         CREATE TEMP TRIGGER bulk_{table}_au AFTER UPDATE ON main.{table} BEGIN
             SELECT RAISE(ABORT, 'bulk load: a row it did not add changed: {table}')
             WHERE old.{key} NOT IN (SELECT id FROM {added}) OR old.{key} <> new.{key};
         END;
         CREATE TEMP TRIGGER bulk_{table}_ad AFTER DELETE ON main.{table} BEGIN
             SELECT RAISE(ABORT, 'bulk load: a row was deleted: {table}');
         END;"
    )
}

/// Tests the CHECK constraints, logs the new rows and indexes the new appeals, one statement
/// each, and puts the triggers (and indexes) back.
fn finish(tx: &Tx, lifted: &Lifted) -> Result<()> {
    test_constraints(tx, lifted)?;
    for a in ADDED {
        let t = a.table();
        tx.execute_batch(&format!(
            "INSERT INTO audit_log (actor, table_name, row_id, action)
                 SELECT c.actor, '{t}', b.id, 'insert'
                 FROM temp.bulk_{t} b, audit_context c WHERE c.id = 1 ORDER BY b.id;"
        ))?;
        for c in CHILDREN.iter().filter(|c| c.parent == a) {
            tx.execute_batch(&log_children(c))?;
        }
    }
    tx.execute_batch(
        "INSERT INTO appeal_fts (rowid, reg_number, applicant_name, applicant_id, summary)
             SELECT a.id, a.reg_number, a.applicant_name, a.applicant_id, a.summary
             FROM temp.bulk_appeal b JOIN main.appeal a ON a.id = b.id;",
    )?;
    for a in ADDED {
        let t = a.table();
        tx.execute_batch(&format!(
            "DROP TRIGGER temp.bulk_{t}_au; DROP TRIGGER temp.bulk_{t}_ad; DROP TABLE temp.bulk_{t};"
        ))?;
    }
    for c in &CHILDREN {
        let t = c.table;
        tx.execute_batch(&format!(
            "DROP TRIGGER temp.bulk_{t}_au; DROP TRIGGER temp.bulk_{t}_ad;"
        ))?;
    }
    for sql in &lifted.sql {
        tx.execute_batch(sql)?;
    }
    Ok(())
}

/// Turns the CHECK constraints back on and tests them over every row the load may have
/// written: the records it added and their children (it changed no other row of theirs:
/// `guard`), the audit rows since it began (the trail only grows), and the whole of every
/// other table (reference data: small).
fn test_constraints(tx: &Tx, lifted: &Lifted) -> Result<()> {
    tx.execute_batch("PRAGMA ignore_check_constraints = OFF")?;
    let tables: Vec<(String, String)> = tx
        .prepare(
            "SELECT name, sql FROM main.sqlite_schema WHERE type = 'table' AND sql LIKE '%CHECK%'",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (table, sql) in tables {
        let added = ADDED.iter().find(|a| a.table() == table);
        let child = CHILDREN.iter().find(|c| c.table == table);
        let scope = match (added, child) {
            (Some(_), _) => format!("id IN (SELECT b.id FROM temp.bulk_{table} b)"),
            (_, Some(c)) => format!(
                "{} IN (SELECT b.id FROM temp.bulk_{} b)",
                c.key,
                c.parent.table()
            ),
            _ if table == "audit_log" => format!("id > {}", lifted.audit_before),
            _ => "1".to_string(),
        };
        checks::test_rows(tx, &table, &sql, &scope)?;
    }
    Ok(())
}

/// The audit rows of the children of the added records, as their insert trigger writes them.
fn log_children(c: &Child) -> String {
    let changes = (c.fields.iter())
        .map(|f| format!("'{f}', json_array(NULL, r.{f})"))
        .collect::<Vec<_>>()
        .join(", ");
    let (t, key, parent, order) = (c.table, c.key, c.parent.table(), c.order);
    format!(
        "INSERT INTO audit_log (actor, table_name, row_id, action, changes)
             SELECT c.actor, '{t}', r.{key}, 'insert', json_object({changes})
             FROM temp.bulk_{parent} b JOIN main.{t} r ON r.{key} = b.id, audit_context c
             WHERE c.id = 1 ORDER BY {order};"
    )
}

#[cfg(test)]
mod tests {
    use crate::model::*;
    use crate::store::{Store, Tx, appeals, meetings, plan, reference};
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

    /// One record of each kind a load adds, with children: a reception, an appeal, a meeting
    /// with two broadcasts and a remark, its critical question, a plan item answering it.
    fn one_of_each(tx: &Tx) -> crate::error::Result<i64> {
        let day = NaiveDate::from_ymd_opt(2025, 3, 4).unwrap();
        let reception = Reception {
            id: 0,
            held_on: day,
            akim_level: LEVEL_OKRUG,
            host_name: "Ахметов Ерлан".into(),
            settlement_id: None,
            note: String::new(),
        };
        reference::save_reception(tx, &reception)?;
        appeals::insert(tx, &mut appeal("Серикова Айгуль", "ремонт дороги"))?;
        let mut m = Meeting::new(MeetingKind::Akim826, day);
        m.held_on = Some(day);
        m.participants_offline = 40;
        m.speakers = 3;
        m.broadcasts = vec![
            Broadcast {
                channel: BroadcastChannel::Instagram,
                viewers: 300,
            },
            Broadcast {
                channel: BroadcastChannel::Tv,
                viewers: 0,
            },
        ];
        m.remarks = vec![Remarks {
            addressee_level: LEVEL_OKRUG,
            count: 1,
        }];
        let meeting = meetings::save(tx, &mut m)?;
        let mut q = Question::at_meeting(meeting, "ремонт дороги", 1);
        q.critical = true;
        q.addressee_level = Some(LEVEL_OKRUG);
        let question = meetings::save_question(tx, &mut q)?;
        let mut p = PlanItem::new("дорога");
        p.measure = "отремонтировать".into();
        p.question_ids = vec![question];
        plan::save(tx, &mut p)?;
        Ok(meeting)
    }

    /// The audit rows by table in the order written, without their moments.
    fn audit(store: &Store) -> Vec<(String, i64, String, String)> {
        store
            .conn()
            .prepare(
                "SELECT table_name, row_id, action, changes FROM audit_log ORDER BY table_name, id",
            )
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    #[test]
    fn a_bulk_load_writes_the_audit_rows_the_triggers_would() {
        let profile = crate::demo::profile::profile();
        let mut by_row = Store::in_memory(&profile).unwrap();
        by_row.write(|tx| one_of_each(tx)).unwrap();
        let mut bulk = Store::in_memory(&profile).unwrap();
        let before = schema(&bulk);
        bulk.write_bulk(|tx| one_of_each(tx)).unwrap();
        let rows = audit(&by_row);
        let tables: std::collections::BTreeSet<&str> = rows.iter().map(|r| r.0.as_str()).collect();
        assert_eq!(
            tables.into_iter().collect::<Vec<_>>(),
            [
                "appeal",
                "meeting",
                "meeting_broadcast",
                "meeting_remark",
                "plan_item",
                "plan_item_question",
                "question",
                "reception"
            ],
            "every kind of row is logged"
        );
        assert_eq!(audit(&bulk), rows);
        assert_eq!(schema(&bulk), before, "every trigger is back");
        let temp: i64 = bulk
            .conn()
            .query_row("SELECT count(*) FROM temp.sqlite_schema", [], |r| r.get(0))
            .unwrap();
        assert_eq!(temp, 0, "nothing of the load's own is left");
    }

    #[test]
    fn a_bulk_load_refuses_to_change_or_delete_what_it_did_not_add() {
        let mut store = Store::in_memory(&crate::demo::profile::profile()).unwrap();
        let earlier = store.write(|tx| one_of_each(tx)).unwrap();
        let before = (schema(&store), audit(&store));
        let changed = store.write_bulk(|tx| {
            let mut m = meetings::get(tx, earlier)?;
            m.speakers = 4;
            meetings::save(tx, &mut m)
        });
        assert!(changed.is_err(), "saving an earlier meeting is refused");
        let deleted = store.write_bulk(|tx| {
            one_of_each(tx)?;
            meetings::delete(tx, earlier)
        });
        assert!(deleted.is_err(), "deleting a meeting is refused");
        assert_eq!((schema(&store), audit(&store)), before, "nothing changed");
        // A record the load adds may be changed before it ends: logged as one insert.
        let added = store
            .write_bulk(|tx| {
                let id = one_of_each(tx)?;
                let mut m = meetings::get(tx, id)?;
                m.speakers = 5;
                m.broadcasts[0].viewers = 310;
                meetings::save(tx, &mut m)
            })
            .unwrap();
        let logged: Vec<String> = audit(&store)
            .into_iter()
            .filter(|r| r.0 == "meeting" && r.1 == added)
            .map(|r| r.2)
            .collect();
        assert_eq!(logged, ["insert"]);
    }

    fn is_check_failure(r: crate::error::Result<()>) -> bool {
        matches!(r, Err(crate::error::Error::Sql(rusqlite::Error::SqliteFailure(f, _)))
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_CHECK)
    }

    #[test]
    fn a_row_that_breaks_a_check_is_refused_at_the_end_of_the_load() {
        let mut store = Store::in_memory(&crate::demo::profile::profile()).unwrap();
        let before = (schema(&store), audit(&store));
        // The rules in Rust come first; these rows get past them only by SQL of their own.
        let breaks = [
            "UPDATE appeal SET persons = 0 WHERE id = ?1",
            "UPDATE meeting_broadcast SET viewers = -1 WHERE meeting_id = (SELECT max(id) FROM meeting) AND ?1",
            "INSERT INTO settlement (name_ru, population) VALUES ('Жаңа ауыл', -?1)",
        ];
        for sql in breaks {
            let load = |tx: &mut Tx| {
                one_of_each(tx)?;
                let id = appeals::insert(tx, &mut appeal("Омаров Нурлан", "школа"))?;
                tx.execute(sql, [id])?;
                Ok(())
            };
            assert!(is_check_failure(store.write_bulk(load)), "{sql}");
            assert!(
                is_check_failure(store.try_bulk(load)),
                "{sql}: also in a dry run"
            );
            assert_eq!(
                (schema(&store), audit(&store)),
                before,
                "{sql}: nothing kept"
            );
        }
        // The constraints are on again after the load.
        let plain = store.write(|tx| {
            tx.execute(
                "INSERT INTO settlement (name_ru, population) VALUES ('Жаңа ауыл', -1)",
                [],
            )?;
            Ok(())
        });
        assert!(is_check_failure(plain));
        // Rows that keep every constraint pass, and so do the rows written before the load.
        store.write(|tx| one_of_each(tx).map(|_| ())).unwrap();
        store.write_bulk(|tx| one_of_each(tx).map(|_| ())).unwrap();
        store.try_bulk(|tx| one_of_each(tx).map(|_| ())).unwrap();
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
