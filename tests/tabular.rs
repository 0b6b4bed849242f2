//! Bringing an okrug's journals in from Excel and CSV: the samples in assets/samples/ give the
//! records written by hand below; a bad row refuses the whole file, naming its row, column
//! and reason, and leaves the database byte-for-byte as it was.

#[path = "../benches/common/journal.rs"]
mod journal;

use estu_core::model::*;
use estu_core::store::reference;
use estu_core::tabular::{self, Table};
use estu_core::{Error, Lang, Store};
use std::path::{Path, PathBuf};
use std::process::Command;

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples")
}

/// Rewrites the samples from `journal.rs`: `cargo test --test tabular -- --ignored`.
#[test]
#[ignore]
fn write_samples() {
    let lines = journal::lines();
    std::fs::write(
        samples().join("reception-journal.xlsx"),
        journal::xlsx(&lines),
    )
    .unwrap();
    std::fs::write(
        samples().join("reception-journal.csv"),
        journal::csv_1251(&lines),
    )
    .unwrap();
}

/// A new okrug database with its two villages (the samples also name a third).
fn okrug(dir: &Path) -> (PathBuf, Store) {
    let path = dir.join("okrug.db");
    let mut s = Store::create(&path, &estu_core::demo::profile()).unwrap();
    s.write(|tx| {
        for name in ["Красный Яр", "Кызыл Жулдыз"] {
            reference::save_settlement(
                tx,
                &Settlement {
                    name_ru: name.into(),
                    active: true,
                    ..Default::default()
                },
            )?;
        }
        Ok(())
    })
    .unwrap();
    (path, s)
}

fn options() -> tabular::Options {
    tabular::Options {
        topics: vec![("Дороги".into(), "roads".into())],
        ..Default::default()
    }
}

/// (received_at, applicant, ИИН, settlement, topic code, outcome, answered_on, repeated, executor)
type Row = (
    String,
    String,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    bool,
    Option<String>,
);

fn rows(s: &Store) -> Vec<Row> {
    let mut st = s
        .conn()
        .prepare(
            "SELECT a.received_at, a.applicant_name, a.applicant_id, st.name_ru, t.code, a.outcome,
                    a.answered_on, a.repeated, e.name
             FROM appeal a JOIN topic t ON t.id = a.topic_id
             LEFT JOIN settlement st ON st.id = a.settlement_id
             LEFT JOIN executor e ON e.id = a.executor_id ORDER BY a.id",
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
            r.get(6)?,
            r.get(7)?,
            r.get(8)?,
        ))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

fn expected() -> Vec<Row> {
    let s = |v: &str| Some(v.to_string());
    let iin = |i: usize| Some(journal::lines()[i].iin.clone());
    vec![
        (
            "2022-01-11 10:00:00".into(),
            "Сапарова Айгерим Болатовна".into(),
            iin(0),
            s("Красный Яр"),
            "water".into(),
            s("satisfied"),
            s("2022-01-20"),
            false,
            s("Ахметова А.К."),
        ),
        (
            "2022-01-11 10:30:00".into(),
            "Ким Виктор Олегович".into(),
            iin(1),
            s("Кызыл Жулдыз"),
            "public_services".into(),
            s("explained"),
            s("2022-01-12"),
            false,
            None,
        ),
        (
            "2022-01-25 11:00:00".into(),
            "Оспанов Ерлан Маратович".into(),
            iin(2),
            s("Красный Яр"),
            "roads".into(),
            None,
            None,
            true,
            s("ТОО «Жол Сервис»"),
        ),
        (
            "2022-02-08 09:15:00".into(),
            "Литвиненко Ольга Петровна".into(),
            iin(3),
            s("с. Новоселовка"),
            "power".into(),
            s("satisfied"),
            s("2022-02-15"),
            false,
            s("Ахметова А.К."),
        ),
        (
            "2022-02-22 10:00:00".into(),
            "Жумабаева Сауле Касымовна".into(),
            iin(4),
            s("Красный Яр"),
            "housing_provision".into(),
            s("rejected"),
            s("2022-03-01"),
            false,
            None,
        ),
        (
            "2022-03-09 15:40:00".into(),
            "Ибраев Нурлан Серикович".into(),
            iin(5),
            s("Кызыл Жулдыз"),
            "sanitation".into(),
            None,
            None,
            false,
            s("ИП Сейткали"),
        ),
        (
            "2022-03-22 11:20:00".into(),
            "Петренко Анна Ивановна".into(),
            iin(6),
            s("Красный Яр"),
            "land".into(),
            s("explained"),
            s("2022-03-22"),
            false,
            None,
        ),
        (
            "2022-04-12 10:05:00".into(),
            "Сапарова Айгерим Болатовна".into(),
            iin(0),
            s("Красный Яр"),
            "water".into(),
            None,
            None,
            true,
            s("Ахметова А.К."),
        ),
    ]
}

#[test]
fn each_sample_gives_the_records_written_by_hand() {
    assert!(
        journal::lines()[1].iin.starts_with('0'),
        "Excel drops this leading zero"
    );
    for name in ["reception-journal.xlsx", "reception-journal.csv"] {
        let dir = tempfile::tempdir().unwrap();
        let (_, mut s) = okrug(dir.path());
        let table = Table::open(&samples().join(name)).unwrap();
        let mapping = table.mapping(s.conn()).unwrap();
        assert_eq!(mapping.header_row, 1, "{name}: the title line is skipped");
        let p = tabular::import(&mut s, &table, &mapping, &options()).unwrap();
        assert_eq!(p.appeals, 8, "{name}");
        assert_eq!(p.answered, 5, "{name}");
        assert_eq!(p.new_settlements, ["с. Новоселовка"], "{name}");
        assert_eq!(
            p.new_executors,
            ["Ахметова А.К.", "ТОО «Жол Сервис»", "ИП Сейткали"],
            "{name}"
        );
        // Seven days of reception (two appeals on 11 January).
        assert_eq!(p.new_receptions, 7, "{name}");
        let got = rows(&s);
        for (i, (g, e)) in got.iter().zip(expected()).enumerate() {
            assert_eq!(*g, e, "{name}, line {}", i + 1);
        }
        assert_eq!(got.len(), 8);
        // Registration numbers issued in order from the okrug's pattern.
        let first: String = s
            .conn()
            .query_row(
                "SELECT reg_number FROM appeal ORDER BY id LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(first, "12-2022/0001");
    }
}

#[test]
fn an_unknown_topic_and_a_bad_date_refuse_the_file_naming_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut s) = okrug(dir.path());
    let mut lines = journal::lines();
    lines[6].answered = None;
    let mut csv = String::from_utf8(
        encoding_rs::WINDOWS_1251
            .decode(&journal::csv_1251(&lines))
            .0
            .into_owned()
            .into_bytes(),
    )
    .unwrap();
    csv = csv.replace("22.02.22", "31.02.22");
    let path = dir.path().join("journal.csv");
    std::fs::write(&path, csv).unwrap();
    let table = Table::open(&path).unwrap();
    let mapping = table.mapping(s.conn()).unwrap();
    let err = tabular::import(&mut s, &table, &mapping, &tabular::Options::default()).unwrap_err();
    let Error::Invalid(ps) = &err else {
        panic!("{err:?}")
    };
    let msg = err.message(Lang::Ru);
    assert_eq!(ps.len(), 3, "{msg}");
    // Line 3 (row 5 of the file) names «Дороги», which the classifier does not know.
    assert!(
        msg.contains("Файл journal.csv, строка 5, столбец I «Тема»"),
        "{msg}"
    );
    assert!(msg.contains("темы «Дороги» нет в справочнике"), "{msg}");
    // Line 5 (row 7): no 31 February; line 7 (row 9): «разъясн.» with no date of the answer.
    assert!(msg.contains("строка 7, столбец B «Дата приёма»"), "{msg}");
    assert!(msg.contains("дата «31.02.22» не читается"), "{msg}");
    assert!(msg.contains("строка 9, столбец L «Дата ответа»"), "{msg}");
    assert!(
        err.message(Lang::Kk).contains("journal.csv файлы, 7-жол"),
        "{}",
        err.message(Lang::Kk)
    );
    assert_eq!(rows(&s).len(), 0);
}

/// The first administrator's password of a database `estu init` makes (encrypted).
const ADMIN_PASSWORD: &str = "пароль-администратора";

fn estu(db: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_estu"))
        .env("ESTU_PASSWORD", ADMIN_PASSWORD)
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_command_line_previews_refuses_whole_and_remembers_the_columns() {
    let dir = tempfile::tempdir().unwrap();
    let (db, s) = okrug(dir.path());
    drop(s);
    let sample = samples().join("reception-journal.xlsx");
    let sample = sample.to_str().unwrap();
    let bytes = || std::fs::read(&db).unwrap();
    let before = bytes();

    // Without the topic mapping: refused, the file byte-for-byte as it was.
    let out = estu(&db, &["import", sample]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("строка 5, столбец I «Тема»"), "{err}");
    assert_eq!(bytes(), before);

    // A dry run: the columns and what would be loaded, nothing written.
    let out = estu(
        &db,
        &["import", sample, "--dry-run", "--topic", "Дороги=roads"],
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        said.contains("B «Дата приёма» → Дата и время поступления (received_on)"),
        "{said}"
    );
    assert!(said.contains("A «№ п/п» → не загружается"), "{said}");
    assert!(
        said.contains("Будет загружено обращений: 8 (с результатом: 5)"),
        "{said}"
    );
    assert!(
        said.contains("Будут добавлены населённые пункты: с. Новоселовка"),
        "{said}"
    );
    assert_eq!(bytes(), before);

    // The user moves «Адрес» off and imports; the mapping is kept for the next file.
    let out = estu(
        &db,
        &[
            "import",
            sample,
            "--topic",
            "Дороги=roads",
            "--map",
            "Адрес=-",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Загружено обращений: 8"));
    let out = estu(
        &db,
        &["import", sample, "--dry-run", "--topic", "Дороги=roads"],
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("сохранённое соответствие"), "{said}");
    assert!(said.contains("F «Адрес» → не загружается"), "{said}");
}

fn form(s: &Store, kind: estu_core::forms::FormKind, period: &str) -> estu_core::forms::Form {
    use estu_core::forms::{self, Period, Request, Scope};
    let req = Request::new(kind, Period::parse(period).unwrap(), Lang::Ru, s.today())
        .with_scope(Scope::resolve(s.conn(), None).unwrap());
    forms::compute(s.conn(), &req).unwrap()
}

/// The journal exported to Excel (all of a demo okrug's 2022 appeals) comes back into an
/// empty database through the import, and the appeal forms are the same.
#[test]
fn the_journal_exported_to_excel_imports_back_into_an_empty_database_with_the_same_forms() {
    use estu_core::forms::FormKind;
    let until = chrono::NaiveDate::from_ymd_opt(2022, 12, 31).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut a = Store::create(&dir.path().join("a.db"), &estu_core::demo::profile()).unwrap();
    a.set_today(until);
    let mut o = estu_core::demo::Options::new(11, estu_core::demo::Scale::Okrug, until);
    o.first_year = 2022;
    estu_core::demo::generate(&mut a, &o).unwrap();
    let out = dir.path().join("journal.xlsx");
    let n =
        estu_core::exchange::journal::write_xlsx(&a, &out, &Default::default(), Lang::Ru).unwrap();
    assert!(n > 100, "{n}");

    let mut b = Store::create(&dir.path().join("b.db"), &estu_core::demo::profile()).unwrap();
    b.set_today(until);
    let table = Table::open(&out).unwrap();
    let mapping = table.mapping(b.conn()).unwrap();
    assert!(mapping.fields.iter().all(Option::is_some), "{mapping:?}");
    let p = tabular::import(&mut b, &table, &mapping, &tabular::Options::default())
        .unwrap_or_else(|e| panic!("{}", e.message(Lang::Ru)));
    assert_eq!(p.appeals, n);
    for period in ["2022", "2022-Q1", "2022-Q3"] {
        assert_eq!(
            form(&a, FormKind::F1, period).tables,
            form(&b, FormKind::F1, period).tables,
            "F1 {period}"
        );
    }
}

/// `estu init` takes what the forms print, says how it will read, and refuses a region in
/// the nominative (the forms print «по Акмолинской области»), creating nothing.
#[test]
fn init_takes_the_genitive_forms_and_the_settlements() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    let base = [
        "init",
        "--name",
        "ГУ «Аппарат акима Тестового сельского округа»",
        "--okrug",
        "Тестового сельского округа",
        "--district",
        "г.Кокшетау",
        "--akim",
        "Иванов Иван Иванович",
        "--akim-position",
        "Аким Тестового сельского округа",
        "--settlement",
        "Красный Яр|Қызыл Жар:12361:3410",
        "--settlement",
        "Кызыл Жулдыз:44",
    ];
    let out = estu(
        &db,
        &[&base[..], &["--region", "Акмолинская область"]].concat(),
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("например «Акмолинской области»"), "{err}");
    assert!(!db.exists());

    let out = estu(
        &db,
        &[&base[..], &["--region-gen", "Акмолинской области"]].concat(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("«…города Кокшетау»"), "{said}");
    assert!(said.contains("«по Акмолинской области»"), "{said}");
    assert!(said.contains("И.И. Иванов"), "{said}");
    let creds = estu_core::secure::Credentials::password(None, ADMIN_PASSWORD);
    let s = estu_core::safety::open_as(&db, Some(&creds)).unwrap();
    let p = reference::profile(s.conn()).unwrap();
    assert_eq!(p.district_gen_ru, "города Кокшетау");
    let villages: Vec<(String, String, i64, i64)> = reference::settlements(s.conn())
        .unwrap()
        .into_iter()
        .map(|v| (v.name_ru, v.name_kk, v.population, v.households))
        .collect();
    assert_eq!(
        villages,
        [
            ("Красный Яр".into(), "Қызыл Жар".into(), 12361, 3410),
            ("Кызыл Жулдыз".into(), String::new(), 44, 0)
        ]
    );
}
