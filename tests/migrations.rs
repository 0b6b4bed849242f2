//! Schema versions: a version-1 file is backed up, upgraded and keeps its records; a file from a
//! newer program is refused and left byte-for-byte as it was.

use estu_core::safety::backup::{self, Kind};
use estu_core::store::{APPLICATION_ID, migrations};
use estu_core::{Error, Lang, Store};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// A version-1 database as the first release wrote it: the frozen v1 schema, with records.
fn v1_file(dir: &Path) -> PathBuf {
    let path = dir.join("okrug.db");
    let c = Connection::open(&path).unwrap();
    let _: String = c
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .unwrap();
    c.execute_batch(include_str!("fixtures/schema_v1.sql"))
        .unwrap();
    c.pragma_update(None, "application_id", APPLICATION_ID)
        .unwrap();
    c.pragma_update(None, "user_version", 1).unwrap();
    c.execute_batch(
        "INSERT INTO okrug (id, org_name_ru) VALUES (1, 'ГУ «Аппарат акима Тестового сельского округа»');
         INSERT INTO settlement (id, name_ru, population) VALUES (1, 'с. Тестовое', 1200);
         INSERT INTO appeal (id, reg_number, received_at, registered_on, channel, applicant_name, topic_id, summary, deadline)
             VALUES (1, '2022/0001', '2022-03-01 10:00', '2022-03-01', 'written_person', 'Заявитель Один', 1, 'Нет воды', '2022-03-22'),
                    (2, '2022/0002', '2022-03-02 11:00', '2022-03-02', 'eotinish', 'Заявитель Два', 5, 'Яма на дороге', '2022-03-23');
         INSERT INTO meeting (id, kind, planned_on, held_on, participants_offline) VALUES (1, 'akim826', '2022-02-10', '2022-02-10', 80);
         INSERT INTO meeting_broadcast (meeting_id, channel, viewers) VALUES (1, 'instagram', 150), (1, 'vks', 20);
         INSERT INTO question (id, meeting_id, text, topic_id) VALUES (1, 1, 'Ремонт дороги', 5);
         INSERT INTO plan_item (id, problem, topic_id) VALUES (1, 'Ремонт дороги', 5);
         INSERT INTO plan_item_question (plan_item_id, question_id) VALUES (1, 1);",
    )
    .unwrap();
    path
}

fn objects(c: &Connection) -> Vec<(String, String, String, Option<String>)> {
    let mut st = c
        .prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name")
        .unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

fn count(c: &Connection, table: &str) -> i64 {
    c.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_version_1_file_is_backed_up_upgraded_and_keeps_its_records() {
    assert_eq!(migrations::LATEST, 6);
    let dir = tempfile::tempdir().unwrap();
    let path = v1_file(dir.path());

    let mut store = estu_core::safety::open(&path).unwrap();
    let version: i64 = store
        .conn()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, migrations::LATEST);

    // The backup was taken before the upgrade: a verified version-1 copy with the records.
    let copies = backup::list_backups(&store).unwrap();
    let pre: Vec<_> = copies
        .iter()
        .filter(|b| b.kind == Kind::PreMigration)
        .collect();
    assert_eq!(pre.len(), 1);
    assert_eq!(backup::verify(&pre[0].path).unwrap(), 1);
    let old = Connection::open(&pre[0].path).unwrap();
    assert_eq!(count(&old, "appeal"), 2);
    assert_eq!(count(&old, "sqlite_schema WHERE type = 'trigger'"), 3);

    // Records kept.
    let c = store.conn();
    assert_eq!(count(c, "appeal"), 2);
    assert_eq!(count(c, "meeting_broadcast"), 2);
    // v4 rebuilt the broadcasts as rows of their own: kept, in channel order, nothing trashed.
    let m = estu_core::store::meetings::get(c, 1).unwrap();
    let channels: Vec<_> = m
        .broadcasts
        .iter()
        .map(|b| (b.channel.code(), b.viewers))
        .collect();
    assert_eq!(channels, [("instagram", 150), ("vks", 20)]);
    assert_eq!(count(c, "trash"), 0);
    assert_eq!(count(c, "plan_item_question"), 1);
    let fts: i64 = c
        .query_row(
            "SELECT count(*) FROM appeal_fts WHERE appeal_fts MATCH 'дороге'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(fts, 1);

    // Exactly the schema of a fresh database: same objects, same SQL text.
    let fresh = Store::create(&dir.path().join("fresh.db"), &estu_core::demo::profile()).unwrap();
    assert_eq!(objects(store.conn()), objects(fresh.conn()));

    // And the new triggers work on the upgraded file.
    store.set_actor("Сотрудник");
    store
        .write(|tx| estu_core::store::meetings::delete(tx, 1))
        .unwrap();
    let trashed: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM trash WHERE parent IS NULL AND table_name = 'meeting'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(trashed, 1);
    // v5: every row the trail gets from now on is sealed, and the chain is whole.
    let c = store.conn();
    assert!(count(c, "audit_log") >= 1);
    assert_eq!(count(c, "audit_seal"), count(c, "audit_log"));
    assert_eq!(estu_core::store::seal::verify(c).unwrap(), None);
}

fn hash(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn a_newer_file_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    drop(Store::create(&path, &estu_core::demo::profile()).unwrap());
    {
        let c = Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", migrations::LATEST + 1)
            .unwrap();
    }
    let before = hash(&path);
    let files = listing(dir.path());

    let err = estu_core::safety::open(&path).err().expect("refused");
    assert!(matches!(
        err,
        Error::NewerDatabase { found, supported } if found == migrations::LATEST + 1 && supported == migrations::LATEST
    ));
    assert!(err.message(Lang::Ru).contains("файл не изменён"));
    assert!(
        err.message(Lang::Kk)
            .contains(&format!("{}", migrations::LATEST + 1))
    );
    assert_eq!(hash(&path), before, "the file is byte-for-byte unchanged");
    assert_eq!(
        listing(dir.path()),
        files,
        "no backup, lock or WAL file left"
    );

    // The command line says the same, in the chosen language.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_estu"))
        .args(["--db", path.to_str().unwrap(), "list"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        err.message(Lang::Ru)
    );
    assert_eq!(hash(&path), before);
}
