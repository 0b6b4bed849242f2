//! Crash safety: the real `estu` binary writes a stream of records and is killed with SIGKILL at
//! random moments, hundreds of times. After every kill the database must open, pass
//! `integrity_check`, hold every write the program acknowledged, and hold no half-written
//! record (each meeting is written in one transaction with its broadcasts, remarks, question
//! and audit entry, and its title says how many of each it has).

use estu_core::Store;
use std::io::{BufRead, BufReader};
use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One acknowledged write: meeting id, broadcasts, remarks.
type Ack = (i64, i64, i64);

fn parse_ack(line: &str) -> Ack {
    let v: Vec<i64> = line
        .split_whitespace()
        .skip(1)
        .map(|x| x.parse().expect("number"))
        .collect();
    assert_eq!(v.len(), 3, "ack line {line:?}");
    (v[0], v[1], v[2])
}

/// Every meeting in the file with what it really has: (id, title, broadcasts, remarks,
/// questions, audit inserts of the meeting).
fn meetings(s: &Store) -> Vec<(i64, String, i64, i64, i64, i64)> {
    let mut st = s
        .conn()
        .prepare(
            "SELECT m.id, m.title,
                (SELECT count(*) FROM meeting_broadcast b WHERE b.meeting_id = m.id),
                (SELECT count(*) FROM meeting_remark r WHERE r.meeting_id = m.id),
                (SELECT count(*) FROM question q WHERE q.meeting_id = m.id),
                (SELECT count(*) FROM audit_log a WHERE a.table_name = 'meeting' AND a.row_id = m.id AND a.action = 'insert')
             FROM meeting m ORDER BY m.id",
        )
        .unwrap();
    st.query_map([], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
        ))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

#[test]
fn sigkill_at_random_moments_loses_no_acknowledged_write_and_leaves_no_half_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("okrug.db");
    drop(Store::create(&path, &estu_core::demo::profile()).unwrap());
    // The day's automatic backup is made by this first opening, not inside the killed runs.
    drop(estu_core::safety::open(&path).unwrap());

    let seed = std::env::var("ESTU_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_secs()
        });
    let mut rng = fastrand::Rng::with_seed(seed);
    let budget = Duration::from_secs(45);
    let started = Instant::now();
    let (mut runs, mut kills) = (0u32, 0u32);
    let mut acked: Vec<Ack> = Vec::new();

    while runs < 600 && started.elapsed() < budget {
        runs += 1;
        let mut child = Command::new(env!("CARGO_BIN_EXE_estu"))
            .args([
                "--db",
                path.to_str().unwrap(),
                "stress-writes",
                "--count",
                "1000000",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            // Only whole lines count: an acknowledgement cut by the kill was never given.
            let mut r = BufReader::new(stdout);
            let mut acks = Vec::new();
            let mut line = String::new();
            while r.read_line(&mut line).unwrap_or(0) > 0 {
                if line.ends_with('\n') {
                    acks.push(parse_ack(&line));
                }
                line.clear();
            }
            acks
        });
        // From before the database is opened to deep into the stream of writes.
        std::thread::sleep(Duration::from_micros(rng.u64(0..80_000)));
        child.kill().unwrap();
        let status = child.wait().unwrap();
        let run_acks = reader.join().unwrap();
        if status.signal() == Some(9) {
            kills += 1;
        } else {
            let mut err = String::new();
            std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
            panic!("run {runs} ended by itself ({status}): {err}");
        }
        acked.extend(run_acks);

        let s = estu_core::safety::open(&path)
            .unwrap_or_else(|e| panic!("run {runs} (seed {seed}): {e:?}"));
        let ok: String = s
            .conn()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok", "run {runs}, seed {seed}");
        let all = meetings(&s);
        for (id, title, b, r, q, audit) in &all {
            let expect = title
                .split_whitespace()
                .skip(2)
                .map(|t| t[1..].parse::<i64>().unwrap())
                .collect::<Vec<_>>();
            assert_eq!(
                (expect[0], expect[1], 1, 1),
                (*b, *r, *q, *audit),
                "meeting {id} «{title}» is half-written (run {runs}, seed {seed})"
            );
        }
        let present: std::collections::HashMap<i64, (i64, i64)> =
            all.iter().map(|m| (m.0, (m.2, m.3))).collect();
        for (id, b, r) in &acked {
            assert_eq!(
                present.get(id),
                Some(&(*b, *r)),
                "acknowledged meeting {id} lost (run {runs}, seed {seed})"
            );
        }
    }
    let s = estu_core::safety::open(&path).unwrap();
    let in_file = meetings(&s).len();
    println!(
        "crash test (seed {seed}): {runs} runs, {kills} SIGKILLs, {} acknowledged writes all present, \
         {in_file} meetings in the file, {:.1} s",
        acked.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(runs >= 100, "only {runs} runs in the time budget");
    assert_eq!(kills, runs);
    assert!(!acked.is_empty(), "no write was ever acknowledged");
    assert!(in_file >= acked.len());
}

/// An exchange file of `n` appeals for the kill loop of an import into a new file.
fn exchange_file(dir: &std::path::Path, n: usize) -> std::path::PathBuf {
    let mut s = Store::in_memory(&estu_core::demo::profile()).unwrap();
    let water = estu_core::store::reference::topic_id_by_code(s.conn(), "water")
        .unwrap()
        .unwrap();
    let at = chrono::NaiveDate::from_ymd_opt(2023, 3, 1)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap();
    s.write(|tx| {
        for i in 0..n {
            let mut a = estu_core::model::Appeal::new(
                at,
                estu_core::model::Channel::WrittenPerson,
                "Сатпаева Айгерим",
                water,
                &format!("Нет воды, дом {i}"),
            );
            estu_core::store::appeals::insert(tx, &mut a)?;
        }
        Ok(())
    })
    .unwrap();
    let f =
        estu_core::exchange::collect(s.conn(), estu_core::exchange::PersonalData::Include).unwrap();
    let path = dir.join("okrug.json");
    std::fs::write(&path, serde_json::to_vec(&f).unwrap()).unwrap();
    path
}

/// `estu import` into a file that does not exist yet, killed at random moments: afterwards
/// there is either no database at all or a whole one (profile and every record), never a file
/// the next import refuses.
#[test]
fn sigkill_during_an_import_into_a_new_file_leaves_nothing_the_next_import_refuses() {
    let dir = tempfile::tempdir().unwrap();
    let n = 200;
    let file = exchange_file(dir.path(), n);
    let db = dir.path().join("new.db");
    let run = |db: &std::path::Path| {
        Command::new(env!("CARGO_BIN_EXE_estu"))
            .args([
                "--db",
                db.to_str().unwrap(),
                "import",
                file.to_str().unwrap(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    // How long one whole import takes here: the kills fall anywhere within it.
    let started = Instant::now();
    let o = run(&db).wait_with_output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let whole = started.elapsed().as_micros() as u64;
    std::fs::remove_file(&db).unwrap();

    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let mut rng = fastrand::Rng::with_seed(seed);
    let (budget, started) = (Duration::from_secs(90), Instant::now());
    let (mut kills, mut absent, mut complete, mut refused) = (0u32, 0u32, 0u32, 0u32);
    while kills < 220 && started.elapsed() < budget {
        let mut child = run(&db);
        std::thread::sleep(Duration::from_micros(rng.u64(0..whole + whole / 5)));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            kills += 1;
        }
        child.wait().unwrap();
        if !db.exists() {
            absent += 1;
        } else {
            match estu_core::safety::open(&db) {
                Ok(s) => {
                    let appeals: i64 = s
                        .conn()
                        .query_row("SELECT count(*) FROM appeal", [], |r| r.get(0))
                        .unwrap();
                    assert_eq!(appeals, n as i64, "a half-imported database (seed {seed})");
                    assert_eq!(s.profile().unwrap(), estu_core::demo::profile());
                    complete += 1;
                }
                Err(e) => {
                    refused += 1;
                    eprintln!("the database left by a kill is refused (seed {seed}): {e:?}");
                    std::fs::remove_file(&db).unwrap();
                }
            }
            drop(std::fs::remove_file(&db));
            for side in ["-wal", "-shm"] {
                let _ = std::fs::remove_file(dir.path().join(format!("new.db{side}")));
            }
        }
    }
    // The last kill may have left its unfinished file: the next import takes its place.
    let o = run(&db).wait_with_output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".partial"))
        .collect();
    println!(
        "import kill loop (seed {seed}): {kills} SIGKILLs, {absent} left no file, {complete} left \
         a whole database, {refused} refused; one import {:.0} ms; {:.1} s",
        whole as f64 / 1000.0,
        started.elapsed().as_secs_f64()
    );
    assert!(kills >= 200, "only {kills} kills in the time budget");
    assert_eq!(refused, 0);
    assert!(
        left.is_empty(),
        "temporary files after a whole import: {left:?}"
    );
}

/// `estu demo` killed at random moments: afterwards there is no database at the name or a
/// whole one, never a half-filled file the next `demo` or `import` refuses.
#[test]
fn sigkill_during_demo_leaves_no_half_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let run = |db: &std::path::Path| {
        Command::new(env!("CARGO_BIN_EXE_estu"))
            .args([
                "--db",
                db.to_str().unwrap(),
                "demo",
                "--until",
                "2023-06-30",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let appeals = |db: &std::path::Path| -> i64 {
        let s = estu_core::safety::open_without_daily_backup(db).unwrap();
        s.check_whole().unwrap();
        s.conn()
            .query_row("SELECT count(*) FROM appeal", [], |r| r.get(0))
            .unwrap()
    };
    let started = Instant::now();
    let o = run(&db).wait_with_output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let whole = started.elapsed().as_micros() as u64;
    let n = appeals(&db);
    assert!(n > 0);
    std::fs::remove_file(&db).unwrap();

    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let mut rng = fastrand::Rng::with_seed(seed);
    let (budget, started) = (Duration::from_secs(60), Instant::now());
    let (mut kills, mut absent, mut complete) = (0u32, 0u32, 0u32);
    while kills < 40 && started.elapsed() < budget {
        let mut child = run(&db);
        std::thread::sleep(Duration::from_micros(rng.u64(0..whole + whole / 5)));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            kills += 1;
        }
        child.wait().unwrap();
        if db.exists() {
            assert_eq!(appeals(&db), n, "a half-filled demo database (seed {seed})");
            complete += 1;
            std::fs::remove_file(&db).unwrap();
            for side in ["-wal", "-shm"] {
                let _ = std::fs::remove_file(dir.path().join(format!("demo.db{side}")));
            }
        } else {
            absent += 1;
        }
    }
    // The last kill may have left its unfinished file: the next demo takes its place.
    let o = run(&db).wait_with_output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(appeals(&db), n);
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".partial"))
        .collect();
    println!(
        "demo kill loop (seed {seed}): {kills} SIGKILLs, {absent} left no file, {complete} left \
         a whole database; one demo {:.0} ms",
        whole as f64 / 1000.0
    );
    assert!(kills >= 10, "only {kills} kills in the time budget");
    assert!(
        left.is_empty(),
        "temporary files after a whole demo: {left:?}"
    );
}
