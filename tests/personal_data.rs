//! No personal data in logs: with every log level on, the command line's log lines never carry
//! an applicant's name, ИИН, address or phone; only the message meant for the user may quote
//! the value the user has to correct.

use chrono::NaiveDate;
use estu_core::exchange::{self, PersonalData};
use estu_core::model::*;
use estu_core::store::{appeals, reference};
use estu_core::{Lang, Store};
use std::process::Command;

const NAME: &str = "Жумабаева Гульнар Ерлановна";
const PHONE: &str = "+7 705 111 22 33";
const ADDRESS: &str = "ул. Абая, 17, кв. 4";
const BAD_IIN: &str = "061211600019";
const GOOD_IIN: &str = "061211600012";

fn exchange_file(iin: &str) -> Vec<u8> {
    let mut s = Store::in_memory(&estu_core::demo::profile()).unwrap();
    s.set_today(NaiveDate::from_ymd_opt(2023, 6, 30).unwrap());
    let water = reference::topic_id_by_code(s.conn(), "water")
        .unwrap()
        .unwrap();
    let mut a = Appeal::new(
        NaiveDate::from_ymd_opt(2023, 3, 1)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap(),
        Channel::WrittenPerson,
        NAME,
        water,
        "Нет воды",
    );
    a.applicant_id = Some(GOOD_IIN.into());
    a.applicant_phone = PHONE.into();
    a.applicant_address = ADDRESS.into();
    s.write(|tx| appeals::insert(tx, &mut a)).unwrap();
    let mut v =
        serde_json::to_value(exchange::collect(s.conn(), PersonalData::Include).unwrap()).unwrap();
    v["appeals"][0]["applicant_id"] = serde_json::json!(iin);
    serde_json::to_vec_pretty(&v).unwrap()
}

fn run(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_estu"))
        .env("ESTU_LOG", "trace")
        .args(["--db", db.to_str().unwrap()])
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn logs_never_carry_names_iin_addresses_or_phones() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("okrug.db");
    drop(Store::create(&db, &estu_core::demo::profile()).unwrap());
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, exchange_file(BAD_IIN)).unwrap();
    let good = dir.path().join("good.json");
    std::fs::write(&good, exchange_file(GOOD_IIN)).unwrap();

    // The refused import: the message names the record and quotes the ИИН to correct.
    let mut s = estu_core::safety::open(&db).unwrap();
    let message = exchange::import_file(&mut s, &bad)
        .unwrap_err()
        .message(Lang::Ru);
    drop(s);
    assert!(message.contains(BAD_IIN));
    assert!(!message.contains(NAME) && !message.contains(PHONE) && !message.contains(ADDRESS));

    let refused = run(&db, &["import", bad.to_str().unwrap()]);
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr).to_string();
    assert!(stderr.contains(&message), "{stderr}");
    let logs = stderr.replace(&message, "");

    // A successful import, a backup and a history with every level on.
    let imported = run(&db, &["import", good.to_str().unwrap()]);
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    let backed_up = run(&db, &["backup"]);
    assert!(backed_up.status.success());
    let history = run(&db, &["history", "appeal", "1"]);
    let all_logs = [
        logs,
        String::from_utf8_lossy(&imported.stderr).to_string(),
        String::from_utf8_lossy(&backed_up.stderr).to_string(),
        String::from_utf8_lossy(&history.stderr).to_string(),
    ]
    .join("\n");
    // The logs do say things (so the check below is not vacuous)…
    assert!(all_logs.contains("backup written"), "{all_logs}");
    // …but nothing about the person.
    for secret in [NAME, "Жумабаева", PHONE, ADDRESS, BAD_IIN, GOOD_IIN] {
        assert!(
            !all_logs.contains(secret),
            "«{secret}» in the logs:\n{all_logs}"
        );
    }
}
