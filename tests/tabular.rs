//! Bringing an okrug's journals in from Excel and CSV: the samples in assets/samples/ give the
//! records written by hand below; a bad row refuses the whole file, naming its row, column
//! and reason, and leaves the database byte-for-byte as it was.

#[path = "../benches/common/journal.rs"]
mod journal;
#[path = "tabular/samples.rs"]
mod records;

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
    std::fs::write(samples().join("meetings.xlsx"), records::meetings_xlsx()).unwrap();
    std::fs::write(samples().join("action-plan.csv"), records::plan_csv_1251()).unwrap();
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
    // One appeal's term extended (the demo has none): the extension's fields go out too.
    a.write(|tx| {
        let id: i64 = tx
            .query_row(
                "SELECT id FROM appeal WHERE outcome IS NOT NULL AND received_at >= '2022-03-01'
                 ORDER BY id LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let mut x = estu_core::store::appeals::get(tx, id)?;
        let due = x.deadline.unwrap();
        x.extended_to = Some(due + chrono::Days::new(14));
        x.extension_reason = Some("запрошены сведения в отделе земельных отношений".into());
        x.extension_notified_on = Some(x.registered_on.unwrap() + chrono::Days::new(1));
        estu_core::store::appeals::update(tx, &mut x)
    })
    .unwrap_or_else(|e| panic!("{}", e.message(Lang::Ru)));
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
    // Every field of every appeal came back, references by what they name.
    let every_field = "SELECT a.reg_number, a.received_at, a.registered_on, a.channel, a.kind,
            a.applicant_type, a.applicant_name, a.applicant_id, a.applicant_address,
            a.applicant_phone, a.persons, st.name_ru, t.code, a.summary, a.repeated,
            (SELECT e.reg_number FROM appeal e WHERE e.id = a.repeated_of), sf.full_name,
            ex.name, a.deadline, a.extended_to, a.extension_reason, a.extension_notified_on,
            a.outcome, a.redirected_to, a.answered_on, a.answer, rc.held_on
        FROM appeal a JOIN topic t ON t.id = a.topic_id
        LEFT JOIN settlement st ON st.id = a.settlement_id
        LEFT JOIN staff sf ON sf.id = a.accepted_by
        LEFT JOIN executor ex ON ex.id = a.executor_id
        LEFT JOIN reception rc ON rc.id = a.reception_id
        ORDER BY a.reg_number";
    let (was, back) = (texts(&a, every_field), texts(&b, every_field));
    assert_eq!(was.len(), back.len());
    for (w, b) in was.iter().zip(&back) {
        assert_eq!(w, b);
    }
    // The file had something in each of the columns a journal rarely fills.
    for column in [
        "a.extended_to",
        "a.repeated_of",
        "a.redirected_to",
        "a.accepted_by",
    ] {
        let sql = format!("SELECT count(*) FROM appeal a WHERE {column} IS NOT NULL");
        let n: i64 = b.conn().query_row(&sql, [], |r| r.get(0)).unwrap();
        assert!(n > 0, "{column}");
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

/// Rows of a query, each as its columns' text (NULL as «-»), joined by «|».
fn texts(s: &Store, sql: &str) -> Vec<String> {
    let mut st = s.conn().prepare(sql).unwrap();
    let n = st.column_count();
    st.query_map([], |r| {
        let cells: Vec<String> = (0..n)
            .map(|i| match r.get_ref(i).unwrap() {
                rusqlite::types::ValueRef::Null => "-".to_string(),
                rusqlite::types::ValueRef::Integer(v) => v.to_string(),
                rusqlite::types::ValueRef::Real(v) => v.to_string(),
                rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                rusqlite::types::ValueRef::Blob(_) => "blob".to_string(),
            })
            .collect();
        Ok(cells.join("|"))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

/// The meetings workbook (meeting cells merged over their questions' rows) gives three
/// meetings and their eight questions, with the broadcasts, the critical remarks and their
/// addressees; the questions are the meetings' F2 line 5.
#[test]
fn the_meetings_sample_gives_the_meetings_and_questions_written_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut s) = okrug(dir.path());
    let table = Table::open(&samples().join("meetings.xlsx")).unwrap();
    let mapping = table.mapping(s.conn()).unwrap();
    assert_eq!(mapping.kind, tabular::Kind::Meetings, "{mapping:?}");
    assert_eq!(mapping.header_row, 1);
    let p = tabular::import(&mut s, &table, &mapping, &options())
        .unwrap_or_else(|e| panic!("{}", e.message(Lang::Ru)));
    assert_eq!((p.meetings, p.questions, p.appeals), (3, 8, 0));
    assert!(p.new_settlements.is_empty(), "{:?}", p.new_settlements);
    assert_eq!(
        texts(
            &s,
            "SELECT m.kind, m.planned_on, m.held_on, st.name_ru, m.place, m.participants_offline,
                    m.speakers,
                    (SELECT group_concat(channel || ':' || viewers, ',') FROM meeting_broadcast b
                     WHERE b.meeting_id = m.id),
                    (SELECT group_concat(addressee_level || ':' || count, ',') FROM meeting_remark r
                     WHERE r.meeting_id = m.id)
             FROM meeting m LEFT JOIN settlement st ON st.id = m.settlement_id ORDER BY m.id"
        ),
        [
            "akim826|2022-01-18|2022-01-18|Красный Яр|Дом культуры|120|8|instagram:340|5:1",
            "gathering|2022-02-15|2022-02-15|Кызыл Жулдыз|Школа|45|3|-|6:1",
            "report|2022-03-28|2022-03-28|Красный Яр|Дом культуры|200|12|instagram:560,tv:1200|-",
        ]
    );
    assert_eq!(
        texts(
            &s,
            "SELECT m.planned_on, q.text, t.code, q.repeated, q.critical, q.addressee_level
             FROM question q JOIN meeting m ON m.id = q.meeting_id JOIN topic t ON t.id = q.topic_id
             ORDER BY q.id"
        ),
        [
            "2022-01-18|Ремонт дороги по ул. Школьная|roads|0|1|5",
            "2022-01-18|Уличное освещение на ул. Мира|power|0|0|-",
            "2022-01-18|Вывоз мусора с окраины села|sanitation|0|0|-",
            "2022-02-15|Подача питьевой воды по графику|water|0|1|6",
            "2022-02-15|Ремонт спортзала школы|education_facilities|0|0|-",
            "2022-03-28|Газификация микрорайона Северный|gas_heat|0|0|-",
            "2022-03-28|Ремонт дороги по ул. Школьная|roads|1|0|-",
            "2022-03-28|Детская площадка у школы|improvement|0|0|-",
        ]
    );
    // The same file again: the meetings and their questions are found, nothing doubled.
    let again = tabular::import(
        &mut s,
        &table,
        &mapping,
        &tabular::Options {
            dry_run: true,
            ..options()
        },
    )
    .unwrap();
    assert_eq!((again.meetings, again.questions), (0, 0));
}

/// The action plan as a Windows-1251 CSV in F5's columns gives its six items: the marks
/// «исполнено 15.09.2022», «не поддержано: …», «включено в бюджетную заявку …» read as
/// status, day done and note; a village the okrug calls otherwise is mapped to its own.
#[test]
fn the_plan_sample_gives_its_items_and_an_unknown_village_is_mapped_to_an_existing_one() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut s) = okrug(dir.path());
    let table = Table::open(&samples().join("action-plan.csv")).unwrap();
    let mapping = table.mapping(s.conn()).unwrap();
    assert_eq!(mapping.kind, tabular::Kind::Plan, "{mapping:?}");
    // Without a choice the village the database lacks would be added.
    let dry = tabular::check(&mut s, &table, &mapping, &tabular::Options::default()).unwrap();
    assert!(dry.problems.is_empty(), "{:?}", dry.problems);
    assert_eq!(dry.preview.new_settlements, ["Новосёловка"]);
    // The user says it is Красный Яр.
    let o = tabular::Options {
        settlements: vec![("Новосёловка".into(), "Красный Яр".into())],
        ..Default::default()
    };
    let p = tabular::import(&mut s, &table, &mapping, &o)
        .unwrap_or_else(|e| panic!("{}", e.message(Lang::Ru)));
    assert_eq!(p.plan_items, 6);
    assert!(p.new_settlements.is_empty(), "{:?}", p.new_settlements);
    assert_eq!(
        p.new_executors,
        [
            "ГУ «Отдел ЖКХ района»",
            "ТОО «Жарык»",
            "ГКП «Су арнасы»",
            "Отдел строительства района"
        ]
    );
    assert_eq!(
        texts(
            &s,
            "SELECT p.problem, st.name_ru, p.deadline, p.money_needed, p.money_allocated, p.status,
                    p.done_on, p.status_note, e.name
             FROM plan_item p LEFT JOIN settlement st ON st.id = p.settlement_id
             LEFT JOIN executor e ON e.id = p.executor_id ORDER BY p.id"
        ),
        [
            "Ремонт дороги по ул. Школьная|Красный Яр|2022-09-30|45000|45000|done|2022-09-15||ГУ «Отдел ЖКХ района»",
            "Уличное освещение на ул. Мира|Красный Яр|2022-06-30|3200.5|3200.5|done|2022-06-20||ТОО «Жарык»",
            "Подача питьевой воды по графику|Кызыл Жулдыз|2022-12-31|1800|0|in_progress|-||ГКП «Су арнасы»",
            "Газификация микрорайона Северный|Красный Яр|2023-12-31|120000|0|needs_region|-|требует решения на уровне области|Отдел строительства района",
            "Ремонт моста через реку|Красный Яр|2023-12-31|30000|0|budget_request|-|включено в бюджетную заявку на 2023 год|ГУ «Отдел ЖКХ района»",
            "Строительство нового клуба|Кызыл Жулдыз|-|250000|0|rejected|-|не поддержано: нет в генплане села|-",
        ]
    );
    // No meeting of those days is in the database: where each was raised is kept in the note.
    assert_eq!(
        texts(&s, "SELECT note FROM plan_item ORDER BY id")[4],
        "Где поднят: приём 08.02.2022"
    );
    // A settlement the database does not have cannot be the target of a mapping.
    let err = tabular::check(
        &mut s,
        &table,
        &mapping,
        &tabular::Options {
            settlements: vec![("Новосёловка".into(), "Атлантида".into())],
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(
        err.message(Lang::Ru)
            .contains("«Атлантида» нет в справочнике"),
        "{}",
        err.message(Lang::Ru)
    );
}

/// The meetings first, then the plan: each item raised at one of those meetings is linked to
/// the question with its text (F5's «где поднят» then names the meeting); the others keep
/// where they were raised in their note.
#[test]
fn the_plan_after_the_meetings_links_each_item_to_the_question_raised() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut s) = okrug(dir.path());
    for name in ["meetings.xlsx", "action-plan.csv"] {
        let table = Table::open(&samples().join(name)).unwrap();
        let mapping = table.mapping(s.conn()).unwrap();
        tabular::import(&mut s, &table, &mapping, &options())
            .unwrap_or_else(|e| panic!("{}", e.message(Lang::Ru)));
    }
    assert_eq!(
        texts(
            &s,
            "SELECT p.problem, coalesce(m.planned_on, '-'), p.note FROM plan_item p
             LEFT JOIN plan_item_question l ON l.plan_item_id = p.id
             LEFT JOIN question q ON q.id = l.question_id
             LEFT JOIN meeting m ON m.id = q.meeting_id ORDER BY p.id"
        ),
        [
            "Ремонт дороги по ул. Школьная|2022-01-18|",
            "Уличное освещение на ул. Мира|2022-01-18|",
            "Подача питьевой воды по графику|2022-02-15|",
            "Газификация микрорайона Северный|2022-03-28|",
            "Ремонт моста через реку|-|Где поднят: приём 08.02.2022",
            "Строительство нового клуба|-|Где поднят: сход 15.02.2022",
        ]
    );
}

/// A meetings file with bad rows is refused whole, each problem named by row, column and
/// reason in Russian and Kazakh; a plan row with more allocated than needed too; the
/// database file stays byte-for-byte as it was.
#[test]
fn bad_meeting_and_plan_rows_refuse_the_file_naming_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let (db, s) = okrug(dir.path());
    drop(s);
    let before = std::fs::read(&db).unwrap();
    let meetings = dir.path().join("встречи.csv");
    std::fs::write(
        &meetings,
        "Дата проведения;Вид встречи;Населённый пункт;Количество участников;Поднятый вопрос;Тема\n\
         18.01.2022;сход;Красный Яр;много;Ремонт дороги;Электроснабжение\n\
         ;;;;Освещение;Электроснабжение\n\
         30.02.2022;пикник;Красный Яр;10;Вода;Водоснабжение\n",
    )
    .unwrap();
    let mut s = estu_core::safety::open(&db).unwrap();
    let table = Table::open(&meetings).unwrap();
    let mapping = table.mapping(s.conn()).unwrap();
    assert_eq!(mapping.kind, tabular::Kind::Meetings);
    let err = tabular::import(&mut s, &table, &mapping, &Default::default()).unwrap_err();
    let msg = err.message(Lang::Ru);
    let Error::Invalid(ps) = &err else {
        panic!("{msg}")
    };
    assert_eq!(ps.len(), 3, "{msg}");
    assert!(
        msg.contains("Файл встречи.csv, строка 2, столбец D «Количество участников»")
            && msg.contains("«много» — не целое число"),
        "{msg}"
    );
    assert!(
        msg.contains("строка 4, столбец A «Дата проведения»")
            && msg.contains("дата «30.02.2022» не читается"),
        "{msg}"
    );
    assert!(msg.contains("строка 4, столбец B «Вид встречи»"), "{msg}");
    assert!(
        err.message(Lang::Kk).contains("встречи.csv файлы, 2-жол"),
        "{}",
        err.message(Lang::Kk)
    );

    let plan = dir.path().join("план.csv");
    std::fs::write(
        &plan,
        "Проблемный вопрос;Срок исполнения;Потребность;Выделено;Отметка об исполнении\n\
         Ремонт моста;31.12.2023;100;150;на исполнении\n\
         ;31.12.2023;;;\n\
         Клуб;31.12.2023;абв;;исполнено\n",
    )
    .unwrap();
    let table = Table::open(&plan).unwrap();
    let mapping = table.mapping(s.conn()).unwrap();
    assert_eq!(mapping.kind, tabular::Kind::Plan);
    let err = tabular::import(&mut s, &table, &mapping, &Default::default()).unwrap_err();
    let msg = err.message(Lang::Ru);
    assert!(
        msg.contains("строка 2, столбец D «Выделено»"),
        "allocated more than needed: {msg}"
    );
    assert!(
        msg.contains("строка 3, столбец A «Проблемный вопрос»")
            && msg.contains("не указан проблемный вопрос"),
        "{msg}"
    );
    assert!(
        msg.contains("строка 4, столбец C «Потребность»")
            && msg.contains("сумма «абв» не читается"),
        "{msg}"
    );
    drop(s);
    assert_eq!(std::fs::read(&db).unwrap(), before, "nothing written");
}

/// What a command that succeeded printed (or, failing, the test fails with its message).
fn succeeded(out: std::process::Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `estu import` takes the meetings workbook and the plan: the kind of records said, the
/// topics and villages mapped by flags, a dry run writing nothing, `--records` for a file
/// whose headers say otherwise.
#[test]
fn the_command_line_imports_meetings_and_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let (db, s) = okrug(dir.path());
    drop(s);
    let bytes = || std::fs::read(&db).unwrap();
    let before = bytes();
    let meetings = samples().join("meetings.xlsx");
    let meetings = meetings.to_str().unwrap();
    let said = succeeded(estu(
        &db,
        &["import", meetings, "--dry-run", "--topic", "Дороги=roads"],
    ));
    assert!(
        said.contains("В файле: встречи и поднятые на них вопросы"),
        "{said}"
    );
    assert!(
        said.contains("J «Поднятый вопрос» → Вопрос / предложение (question)"),
        "{said}"
    );
    assert!(
        said.contains("Будет загружено встреч: 3, вопросов: 8"),
        "{said}"
    );
    assert_eq!(bytes(), before);
    let said = succeeded(estu(&db, &["import", meetings, "--topic", "Дороги=roads"]));
    assert!(said.contains("Загружено встреч: 3, вопросов: 8"), "{said}");

    let plan = samples().join("action-plan.csv");
    let plan = plan.to_str().unwrap();
    // A village mapped to one the okrug does not have: refused, nothing written.
    let now = bytes();
    let out = estu(
        &db,
        &["import", plan, "--settlement", "Новосёловка=Атлантида"],
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("населённого пункта «Атлантида» нет"), "{err}");
    assert_eq!(bytes(), now);
    let said = succeeded(estu(
        &db,
        &["import", plan, "--settlement", "Новосёловка=Красный Яр"],
    ));
    assert!(said.contains("Загружено пунктов плана: 6"), "{said}");
    assert!(!said.contains("населённые пункты"), "{said}");
    // Read as appeals, the plan has no date of receipt: said, nothing written.
    let now = bytes();
    let out = estu(&db, &["import", plan, "--records", "appeals"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("не указаны столбцы даты поступления"), "{err}");
    let out = estu(&db, &["import", plan, "--records", "протоколы"]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("не вид записей файла"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(bytes(), now);
}
