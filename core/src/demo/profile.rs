//! The demo okrug: the profile, villages, staff and executors every demo database starts with.

use crate::error::Result;
use crate::model::*;
use crate::store::{Tx, reference};

/// A typical okrug profile (the one the forms were transcribed from), in both languages.
pub fn profile() -> OkrugProfile {
    OkrugProfile {
        org_name_ru: "ГУ «Аппарат акима Красноярского сельского округа»".into(),
        org_name_kk: "«Краснояр ауылдық округі әкімінің аппараты» ММ".into(),
        okrug_gen_ru: "Красноярского сельского округа".into(),
        okrug_gen_kk: "Краснояр ауылдық округі".into(),
        district_ru: "г.Кокшетау".into(),
        district_kk: "Көкшетау қ.".into(),
        district_gen_ru: "города Кокшетау".into(),
        district_gen_kk: "Көкшетау қаласы".into(),
        region_ru: "Акмолинской области".into(),
        region_kk: "Ақмола облысы".into(),
        akim_position_ru: "Аким Красноярского сельского округа".into(),
        akim_position_kk: "Краснояр ауылдық округінің әкімі".into(),
        akim_name: "Серикбаев Ерлан Маратович".into(),
        executor_name: "Ахметова А.К.".into(),
        executor_phone: "8 (7162) 40-12-34".into(),
        phone: "8 (7162) 40-12-30".into(),
        reception_days: vec![2, 4],
        work_start: "09:00".into(),
        work_end: "18:30".into(),
        reg_pattern: "12-{YYYY}/{NNNN}".into(),
    }
}

/// The okrug's villages: (Russian name, Kazakh name, population, households).
pub const SETTLEMENTS: &[(&str, &str, i64, i64)] = &[
    ("Красный Яр", "Қызыл Жар", 12_361, 3_410),
    ("Кызыл Жулдыз", "Қызыл Жұлдыз", 44, 15),
];

/// Staff of the akimat: (full name, position ru, position kk).
pub const STAFF: &[(&str, &str, &str)] = &[
    ("Серикбаев Ерлан Маратович", "аким", "әкім"),
    (
        "Ахметова Айгуль Кайратовна",
        "главный специалист",
        "бас маман",
    ),
    (
        "Жумабеков Нурлан Серикович",
        "заместитель акима",
        "әкімнің орынбасары",
    ),
];

/// Executors: (name, is organisation, phone).
pub(crate) const EXECUTORS: &[(&str, bool, &str)] = &[
    ("Ахметова А.К., главный специалист", false, "40-12-34"),
    ("Жумабеков Н.С., заместитель акима", false, "40-12-31"),
    ("ГКП «Кокшетау Су Арнасы»", true, "25-40-40"),
    ("ТОО «Красноярское ЖКХ»", true, "40-15-15"),
    ("Отдел ЖКХ г.Кокшетау", true, "25-11-00"),
    ("Отдел земельных отношений г.Кокшетау", true, "25-12-00"),
    ("КГУ «Красноярская средняя школа»", true, "40-16-01"),
];

/// The demo profile of the `n`-th okrug of a demo district (0 is `profile()` itself): its own
/// name, so that a district's okrug files are told apart.
pub fn numbered(n: usize) -> OkrugProfile {
    const NAMES: [(&str, &str); 8] = [
        ("Красноярского", "Краснояр"),
        ("Бестобинского", "Бестөбе"),
        ("Донского", "Дон"),
        ("Златопольского", "Златополь"),
        ("Кенесского", "Кеңес"),
        ("Урумкайского", "Өрімқай"),
        ("Ынтымакского", "Ынтымақ"),
        ("Заречного", "Заречный"),
    ];
    let (ru, kk) = NAMES[n % NAMES.len()];
    let lap = n / NAMES.len();
    let (ru, kk) = if lap == 0 {
        (ru.to_string(), kk.to_string())
    } else {
        (
            format!("{ru} {}-го", lap + 1),
            format!("{kk} {}-ші", lap + 1),
        )
    };
    OkrugProfile {
        org_name_ru: format!("ГУ «Аппарат акима {ru} сельского округа»"),
        org_name_kk: format!("«{kk} ауылдық округі әкімінің аппараты» ММ"),
        okrug_gen_ru: format!("{ru} сельского округа"),
        okrug_gen_kk: format!("{kk} ауылдық округі"),
        akim_position_ru: format!("Аким {ru} сельского округа"),
        akim_position_kk: format!("{kk} ауылдық округінің әкімі"),
        ..profile()
    }
}

/// Saves the demo okrug's villages; their ids in `SETTLEMENTS`' order.
pub fn save_settlements(tx: &Tx) -> Result<Vec<i64>> {
    let mut ids = Vec::new();
    for (ru, kk, pop, hh) in SETTLEMENTS {
        let village = Settlement {
            id: 0,
            name_ru: ru.to_string(),
            name_kk: kk.to_string(),
            population: *pop,
            households: *hh,
            active: true,
        };
        ids.push(reference::save_settlement(tx, &village)?);
    }
    Ok(ids)
}

/// Saves the demo okrug's staff.
pub fn save_staff(tx: &Tx) -> Result<()> {
    for (name, ru, kk) in STAFF {
        let member = Staff {
            id: 0,
            full_name: name.to_string(),
            position_ru: ru.to_string(),
            position_kk: kk.to_string(),
            active: true,
        };
        reference::save_staff(tx, &member)?;
    }
    Ok(())
}
