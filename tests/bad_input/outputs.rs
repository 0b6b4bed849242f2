//! Ordinary mistakes around the files the program writes and the database file itself: a hard
//! link, an output aimed at the database, a full disk, a damaged file, a restore from the
//! wrong copy, a second program beside the first.

use super::support::*;
use estu_core::safety::backup::{self, Kind};
use estu_core::{Error, Lang, Store};
use std::path::Path;

fn read(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap()
}

#[test]
fn a_hard_link_to_the_database_is_the_same_lock() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with(dir.path(), "okrug.db", 2);
    let link = dir.path().join("other-name.db");
    std::fs::hard_link(&db, &link).unwrap();
    let writer = estu_core::safety::open(&db).unwrap();
    let err = estu_core::safety::open(&link)
        .err()
        .expect("a second writer through a link");
    assert!(matches!(err, Error::Locked), "{err:?}");
    let before = read(&db);
    refused(&link, &["trash", "restore", "1"], "err.db.locked", &[&link]);
    assert_eq!(read(&db), before);
    drop(writer);
    drop(estu_core::safety::open(&link).unwrap());
}

#[test]
fn no_output_overwrites_the_database_its_wal_or_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with(dir.path(), "okrug.db", 3);
    let copy = {
        let s = estu_core::safety::open(&db).unwrap();
        backup::backup_now(&s).unwrap().path
    };
    let as_json = dir.path().join("looks-like-an-export.json");
    std::fs::hard_link(&db, &as_json).unwrap();
    let as_pdf = dir.path().join("looks-like-a-form.pdf");
    std::fs::hard_link(&db, &as_pdf).unwrap();
    let wal = dir.path().join("okrug.db-wal");
    let copy_json = dir.path().join("copy.json");
    std::fs::hard_link(&copy, &copy_json).unwrap();
    let (db_bytes, copy_bytes) = (read(&db), read(&copy));
    let s = |p: &Path| p.to_str().unwrap().to_string();
    let cases: Vec<Vec<String>> = vec![
        vec!["export".into(), "--out".into(), s(&db)],
        vec!["export".into(), "--out".into(), s(&as_json)],
        vec!["export".into(), "--out".into(), s(&wal)],
        vec!["export".into(), "--out".into(), s(&copy)],
        vec!["export".into(), "--out".into(), s(&copy_json)],
        vec![
            "form".into(),
            "f1".into(),
            "--period".into(),
            "2023".into(),
            "--out".into(),
            s(&as_pdf),
        ],
        vec![
            "talon".into(),
            "12-2023/0001".into(),
            "--out".into(),
            s(&as_pdf),
        ],
    ];
    for args in &cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let target = Path::new(args[args.len() - 1]);
        refused(&db, &args, "err.output.own_file", &[target, &db]);
        assert_eq!(read(&db), db_bytes, "{args:?} changed the database");
        assert_eq!(read(&copy), copy_bytes, "{args:?} changed the copy");
    }
    assert!(!wal.exists() || read(&wal).is_empty() || estu_core::safety::open(&db).is_ok());
    assert_eq!(temporaries(dir.path()), Vec::<std::path::PathBuf>::new());
}

/// A full disk, on a small filesystem: every output fails whole, the file it would have
/// replaced stays as it was, and nothing temporary is left. Without a small filesystem
/// (not root), the size limit of the process (`ulimit -f`) stands in for it.
#[test]
fn a_full_disk_leaves_every_existing_output_whole_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with(dir.path(), "okrug.db", 40);
    let Some(disk) = SmallDisk::new(dir.path(), 1024) else {
        return full_file_size_limit(dir.path(), &db);
    };
    let out = disk.dir.join("f5.pdf");
    let export = disk.dir.join("export.json");
    let talon = disk.dir.join("talon.pdf");
    for (args, file) in [
        (vec!["form", "f1", "--period", "2023", "--out"], &out),
        (vec!["export", "--out"], &export),
        (vec!["talon", "12-2023/0001", "--out"], &talon),
    ] {
        let mut a = args.clone();
        a.push(file.to_str().unwrap());
        let o = estu(&db, "ru", &a);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let before: Vec<Vec<u8>> = [&out, &export, &talon].iter().map(|p| read(p)).collect();
    disk.fill();
    for (args, file) in [
        (vec!["form", "f2", "--period", "2023", "--out"], &out),
        (vec!["export", "--out"], &export),
        (vec!["talon", "12-2023/0002", "--out"], &talon),
    ] {
        for lang in ["ru", "kk"] {
            let mut a = args.clone();
            a.push(file.to_str().unwrap());
            let o = estu(&db, lang, &a);
            assert!(!o.status.success(), "{a:?} succeeded on a full disk");
            in_language(&stderr(&o), lang, &[file]);
            assert!(stderr(&o).contains(&file.display().to_string()));
        }
    }
    let after: Vec<Vec<u8>> = [&out, &export, &talon].iter().map(|p| read(p)).collect();
    assert!(before == after, "an existing output changed on a full disk");
    assert_eq!(temporaries(&disk.dir), Vec::<std::path::PathBuf>::new());
    // A backup folder on the full disk: the copy fails, nothing of it stays.
    {
        let mut s = estu_core::safety::open(&db).unwrap();
        s.write(|tx| {
            estu_core::store::reference::set_setting(
                tx,
                backup::SETTING_DIR,
                disk.dir.to_str().unwrap(),
            )
        })
        .unwrap();
    }
    for lang in ["ru", "kk"] {
        let o = estu(&db, lang, &["backup"]);
        assert!(!o.status.success());
        in_language(&stderr(&o), lang, &[&disk.dir, &db]);
    }
    assert_eq!(temporaries(&disk.dir), Vec::<std::path::PathBuf>::new());
}

/// The same with the process's file-size limit instead of a small disk.
fn full_file_size_limit(dir: &Path, db: &Path) {
    let out = dir.join("f1.pdf");
    let o = estu(
        db,
        "ru",
        &[
            "form",
            "f1",
            "--period",
            "2023",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success());
    let before = read(&out);
    let o = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f 4; exec '{}' --db '{}' form f2 --period 2023 --out '{}'",
            env!("CARGO_BIN_EXE_estu"),
            db.display(),
            out.display()
        ))
        .output()
        .unwrap();
    assert!(!o.status.success());
    in_language(&stderr(&o), "ru", &[&out]);
    assert_eq!(read(&out), before);
    assert_eq!(temporaries(dir), Vec::<std::path::PathBuf>::new());
}

/// Damages a few pages in the middle of the file (not the schema): SQLite opens it.
fn damage_middle(db: &Path) -> Vec<u8> {
    let mut bytes = read(db);
    let page = 4096;
    let pages = bytes.len() / page;
    assert!(
        pages > 8,
        "the file is too small to damage in the middle ({pages} pages)"
    );
    for p in [pages / 2, pages / 2 + 1] {
        for b in &mut bytes[p * page..p * page + 100] {
            *b = 0xA5;
        }
    }
    std::fs::write(db, &bytes).unwrap();
    bytes
}

#[test]
fn a_damaged_file_is_said_in_the_users_language_and_gives_no_form() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with(dir.path(), "okrug.db", 300);
    damage_middle(&db);
    let _ = std::fs::remove_dir_all(dir.path().join("backups"));
    for lang in ["ru", "kk"] {
        let l = if lang == "ru" { Lang::Ru } else { Lang::Kk };
        for args in [vec!["list"], vec!["export", "--out", "x.json"]] {
            let o = estu(&db, lang, &args);
            let err = stderr(&o);
            assert!(
                err.contains(&literal(l, "err.db.damaged")),
                "{args:?}: {err:?}"
            );
            assert!(err.contains(&db.display().to_string()));
            in_language(&err, lang, &[&db]);
        }
    }
    let pdf = dir.path().join("f1.pdf");
    refused(
        &db,
        &[
            "form",
            "f1",
            "--period",
            "2023",
            "--out",
            pdf.to_str().unwrap(),
        ],
        "err.db.damaged",
        &[&db],
    );
    assert!(!pdf.exists());
}

#[test]
fn a_damaged_database_is_replaced_by_a_good_copy_and_kept_aside() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with(dir.path(), "okrug.db", 300);
    let copy = {
        let s = estu_core::safety::open(&db).unwrap();
        backup::backup_now(&s).unwrap().path
    };
    let damaged = damage_middle(&db);
    for lang in ["ru", "kk"] {
        let o = estu(&db, lang, &["restore", copy.to_str().unwrap()]);
        assert!(
            o.status.success(),
            "restore over a damaged file: {}",
            stderr(&o)
        );
        if lang == "ru" {
            let kept = backup::list_in(&dir.path().join("backups"), "okrug")
                .unwrap()
                .into_iter()
                .find(|b| b.kind == Kind::Replaced)
                .expect("the damaged file is kept by name");
            assert!(String::from_utf8_lossy(&o.stdout).contains(&kept.path.display().to_string()));
            assert!(
                read(&kept.path) == damaged,
                "the damaged file is kept as it was"
            );
        }
    }
    let s = estu_core::safety::open(&db).unwrap();
    s.check_whole().unwrap();
    let n: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM appeal", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 300);
    assert_eq!(temporaries(dir.path()), Vec::<std::path::PathBuf>::new());
}

#[test]
fn another_okrugs_or_an_emptier_copy_is_described_and_asked_about() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with(dir.path(), "okrug.db", 12);
    let other = dir.path().join("other.db");
    {
        let mut p = estu_core::demo::profile();
        p.org_name_ru = "ГУ «Аппарат акима Другого сельского округа»".into();
        drop(Store::create(&other, &p).unwrap());
    }
    let empty = {
        let s = estu_core::safety::open(&db).unwrap();
        let b = backup::backup_now(&s).unwrap().path;
        drop(s);
        let mut s = estu_core::safety::open(&db).unwrap();
        add_appeals(&mut s, 3);
        b
    };
    let before = read(&db);
    for (copy, key) in [
        (&other, "err.restore.other_okrug"),
        (&empty, "err.restore.emptier"),
    ] {
        refused(&db, &["restore", copy.to_str().unwrap()], key, &[copy, &db]);
        assert_eq!(read(&db), before, "replaced without asking");
    }
    let o = estu(&db, "ru", &["restore", other.to_str().unwrap()]);
    let said = stderr(&o);
    assert!(
        said.contains("Другого сельского округа") && said.contains("обращений 0"),
        "{said}"
    );
    assert!(said.contains("обращений 15"), "{said}");
    let o = estu(&db, "ru", &["restore", "--yes", other.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_second_program_reads_beside_the_writer() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with(dir.path(), "okrug.db", 5);
    let writer = estu_core::safety::open(&db).unwrap();
    let pdf = dir.path().join("f1.pdf");
    let json = dir.path().join("all.json");
    for args in [
        vec!["list"],
        vec![
            "form",
            "f1",
            "--period",
            "2023",
            "--out",
            pdf.to_str().unwrap(),
        ],
        vec!["export", "--out", json.to_str().unwrap()],
        vec!["backup"],
        vec!["check"],
    ] {
        for lang in ["ru", "kk"] {
            let o = estu(&db, lang, &args);
            assert!(
                o.status.success(),
                "{args:?} beside the writer: {}",
                stderr(&o)
            );
            in_language(&stderr(&o), lang, &[&db]);
        }
    }
    assert!(pdf.exists() && json.exists());
    let reader = estu_core::safety::open_or_read(&db).unwrap();
    assert!(reader.is_read_only());
    let mut reader = reader;
    let err = reader
        .write(|tx| estu_core::store::reference::set_setting(tx, "x", "y"))
        .unwrap_err();
    assert!(matches!(err, Error::OpenedReadOnly(_)), "{err:?}");
    drop(writer);
}

#[test]
fn a_cut_pipe_ends_a_listing_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with(dir.path(), "okrug.db", 400);
    let o = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' --db '{}' list appeals | head -n 1 >/dev/null",
            env!("CARGO_BIN_EXE_estu"),
            db.display()
        ))
        .output()
        .unwrap();
    let err = stderr(&o);
    assert!(
        !err.contains("panicked") && !err.contains("Broken pipe"),
        "{err}"
    );
}
