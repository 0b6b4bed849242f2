//! Reference data: the okrug profile, settlements, staff, executors, topics and their form
//! mapping, the holiday calendar, and reception sessions.

use super::Db;
use super::{Tx, unique_violation};
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::model::*;
use crate::rules::calendar::Calendar;
use crate::rules::validate::{Checker, MAX_SHORT, fmt_date};
use rusqlite::{OptionalExtension, Row, params};

const PROFILE_COLS: &str = "org_name_ru, org_name_kk, okrug_gen_ru, okrug_gen_kk, district_ru, district_kk, \
     district_gen_ru, district_gen_kk, region_ru, region_kk, akim_position_ru, akim_position_kk, \
     akim_name, executor_name, executor_phone, phone, reception_days, work_start, work_end, reg_pattern";

pub fn profile(conn: &Db) -> Result<OkrugProfile> {
    let sql = format!("SELECT {PROFILE_COLS} FROM okrug WHERE id = 1");
    let p = conn
        .query_row(&sql, [], |r| {
            let days: String = r.get(16)?;
            Ok(OkrugProfile {
                org_name_ru: r.get(0)?,
                org_name_kk: r.get(1)?,
                okrug_gen_ru: r.get(2)?,
                okrug_gen_kk: r.get(3)?,
                district_ru: r.get(4)?,
                district_kk: r.get(5)?,
                district_gen_ru: r.get(6)?,
                district_gen_kk: r.get(7)?,
                region_ru: r.get(8)?,
                region_kk: r.get(9)?,
                akim_position_ru: r.get(10)?,
                akim_position_kk: r.get(11)?,
                akim_name: r.get(12)?,
                executor_name: r.get(13)?,
                executor_phone: r.get(14)?,
                phone: r.get(15)?,
                reception_days: days
                    .split(',')
                    .filter_map(|d| d.trim().parse().ok())
                    .collect(),
                work_start: r.get(17)?,
                work_end: r.get(18)?,
                reg_pattern: r.get(19)?,
            })
        })
        .optional()?;
    p.ok_or_else(|| Error::NotFound(Text::new("err.no_profile")))
}

pub fn validate_profile(p: &OkrugProfile) -> Result<()> {
    let mut c = Checker::new(Text::new("rec.profile"));
    c.required("okrug.org_name_ru", &p.org_name_ru);
    for (f, v) in [
        ("okrug.org_name_ru", &p.org_name_ru),
        ("okrug.org_name_kk", &p.org_name_kk),
        ("okrug.akim_name", &p.akim_name),
        ("okrug.akim_position_ru", &p.akim_position_ru),
        ("okrug.executor_name", &p.executor_name),
        ("okrug.phone", &p.phone),
    ] {
        c.text(f, v, MAX_SHORT);
    }
    if p.reception_days.iter().any(|d| !(1..=7).contains(d)) {
        c.fail("okrug.reception_days", Text::new("err.weekday"));
    }
    for (f, v) in [
        ("okrug.work_start", &p.work_start),
        ("okrug.work_end", &p.work_end),
    ] {
        if !v.is_empty() && chrono::NaiveTime::parse_from_str(v, "%H:%M").is_err() {
            c.fail(f, Text::new("err.time").arg("value", v));
        }
    }
    if !p.reg_pattern.is_empty() && !p.reg_pattern.contains("{N") {
        c.fail("okrug.reg_pattern", Text::new("err.reg_pattern"));
    }
    // The forms print «по Акмолинской области»: a nominative «область» would read wrong.
    if let Some(genitive) = region_genitive(&p.region_ru) {
        c.fail(
            "okrug.region_ru",
            Text::new("err.okrug.region_not_genitive")
                .arg("value", p.region_ru.trim())
                .arg("genitive", genitive),
        );
    }
    c.into_result().map_err(Error::Invalid)
}

/// For a region written in the nominative («Акмолинская область»), its genitive
/// («Акмолинской области»); `None` when it is not a nominative «… область».
pub fn region_genitive(region: &str) -> Option<String> {
    let words: Vec<&str> = region.split_whitespace().collect();
    let (last, rest) = words.split_last()?;
    if last.to_lowercase() != "область" {
        return None;
    }
    let adj: Vec<String> = rest
        .iter()
        .map(|w| match w.strip_suffix("ая") {
            Some(stem) => format!("{stem}ой"),
            None => w.to_string(),
        })
        .collect();
    Some(format!("{} области", adj.join(" ")).trim().to_string())
}

/// «города Кокшетау» from «г.Кокшетау» / «г. Кокшетау», what the F2 title prints after
/// «сельского округа»; `None` for a district, whose genitive must be typed.
pub fn district_genitive(district: &str) -> Option<String> {
    let d = district.trim();
    let city = d.strip_prefix("г.").or_else(|| d.strip_prefix("г "))?;
    Some(format!("города {}", city.trim()))
}

pub fn save_profile(tx: &Tx, p: &OkrugProfile) -> Result<()> {
    tx.require(crate::secure::Role::Admin)?;
    validate_profile(p)?;
    let days = p
        .reception_days
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join(",");
    let or = |s: &str, d: &'static str| {
        if s.is_empty() {
            d.to_string()
        } else {
            s.to_string()
        }
    };
    tx.execute(
        &format!(
            "INSERT INTO okrug (id, {PROFILE_COLS}) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, \
             ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)
             ON CONFLICT(id) DO UPDATE SET org_name_ru=excluded.org_name_ru, org_name_kk=excluded.org_name_kk,
             okrug_gen_ru=excluded.okrug_gen_ru, okrug_gen_kk=excluded.okrug_gen_kk,
             district_ru=excluded.district_ru, district_kk=excluded.district_kk,
             district_gen_ru=excluded.district_gen_ru, district_gen_kk=excluded.district_gen_kk,
             region_ru=excluded.region_ru, region_kk=excluded.region_kk,
             akim_position_ru=excluded.akim_position_ru, akim_position_kk=excluded.akim_position_kk,
             akim_name=excluded.akim_name, executor_name=excluded.executor_name,
             executor_phone=excluded.executor_phone, phone=excluded.phone,
             reception_days=excluded.reception_days, work_start=excluded.work_start,
             work_end=excluded.work_end, reg_pattern=excluded.reg_pattern"
        ),
        params![
            p.org_name_ru,
            p.org_name_kk,
            p.okrug_gen_ru,
            p.okrug_gen_kk,
            p.district_ru,
            p.district_kk,
            p.district_gen_ru,
            p.district_gen_kk,
            p.region_ru,
            p.region_kk,
            p.akim_position_ru,
            p.akim_position_kk,
            p.akim_name,
            p.executor_name,
            p.executor_phone,
            p.phone,
            days,
            or(&p.work_start, "09:00"),
            or(&p.work_end, "18:30"),
            or(&p.reg_pattern, "{YYYY}/{NNNN}"),
        ],
    )?;
    Ok(())
}

// ---- settlements -------------------------------------------------------------------------

fn settlement_row(r: &Row) -> rusqlite::Result<Settlement> {
    Ok(Settlement {
        id: r.get(0)?,
        name_ru: r.get(1)?,
        name_kk: r.get(2)?,
        population: r.get(3)?,
        households: r.get(4)?,
        active: r.get(5)?,
    })
}

pub fn settlements(conn: &Db) -> Result<Vec<Settlement>> {
    let mut st = conn.prepare_cached(
        "SELECT id, name_ru, name_kk, population, households, active FROM settlement ORDER BY name_ru",
    )?;
    let v = st
        .query_map([], settlement_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

pub fn settlement_by_name(conn: &Db, name: &str) -> Result<Option<Settlement>> {
    let mut st = conn.prepare_cached(
        "SELECT id, name_ru, name_kk, population, households, active FROM settlement
         WHERE name_ru = ?1 OR (name_kk = ?1 AND name_kk <> '')",
    )?;
    Ok(st.query_row([name.trim()], settlement_row).optional()?)
}

pub fn save_settlement(tx: &Tx, s: &Settlement) -> Result<i64> {
    tx.require(crate::secure::Role::Admin)?;
    let rec = Text::new("rec.settlement").arg("name", &s.name_ru);
    let mut c = Checker::new(rec.clone());
    c.required("settlement.name_ru", &s.name_ru);
    c.text("settlement.name_ru", &s.name_ru, MAX_SHORT);
    c.text("settlement.name_kk", &s.name_kk, MAX_SHORT);
    c.count("settlement.population", s.population);
    c.count("settlement.households", s.households);
    c.into_result().map_err(Error::Invalid)?;
    let dup = |e| {
        unique_violation(
            e,
            rec.clone(),
            "settlement.name_ru",
            Text::new("err.duplicate_name"),
        )
    };
    if s.id == 0 {
        tx.execute(
            "INSERT INTO settlement (name_ru, name_kk, population, households, active) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![s.name_ru.trim(), s.name_kk.trim(), s.population, s.households, s.active],
        )
        .map_err(dup)?;
        Ok(tx.last_insert_rowid())
    } else {
        tx.execute(
            "UPDATE settlement SET name_ru=?2, name_kk=?3, population=?4, households=?5, active=?6 WHERE id=?1",
            params![s.id, s.name_ru.trim(), s.name_kk.trim(), s.population, s.households, s.active],
        )
        .map_err(dup)?;
        Ok(s.id)
    }
}

// ---- staff and executors -----------------------------------------------------------------

pub fn staff(conn: &Db) -> Result<Vec<Staff>> {
    let mut st = conn.prepare_cached(
        "SELECT id, full_name, position_ru, position_kk, active FROM staff ORDER BY full_name",
    )?;
    let v = st
        .query_map([], |r| {
            Ok(Staff {
                id: r.get(0)?,
                full_name: r.get(1)?,
                position_ru: r.get(2)?,
                position_kk: r.get(3)?,
                active: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

pub fn save_staff(tx: &Tx, s: &Staff) -> Result<i64> {
    tx.require(crate::secure::Role::Admin)?;
    let mut c = Checker::new(Text::new("rec.staff").arg("name", &s.full_name));
    c.required("staff.full_name", &s.full_name);
    c.text("staff.full_name", &s.full_name, MAX_SHORT);
    c.text("staff.position_ru", &s.position_ru, MAX_SHORT);
    c.into_result().map_err(Error::Invalid)?;
    if s.id == 0 {
        tx.execute(
            "INSERT INTO staff (full_name, position_ru, position_kk, active) VALUES (?1, ?2, ?3, ?4)",
            params![s.full_name.trim(), s.position_ru, s.position_kk, s.active],
        )?;
        Ok(tx.last_insert_rowid())
    } else {
        tx.execute(
            "UPDATE staff SET full_name=?2, position_ru=?3, position_kk=?4, active=?5 WHERE id=?1",
            params![
                s.id,
                s.full_name.trim(),
                s.position_ru,
                s.position_kk,
                s.active
            ],
        )?;
        Ok(s.id)
    }
}

pub fn executors(conn: &Db) -> Result<Vec<Executor>> {
    let mut st =
        conn.prepare_cached("SELECT id, name, kind, phone, active FROM executor ORDER BY name")?;
    let v = st
        .query_map([], |r| {
            Ok(Executor {
                id: r.get(0)?,
                name: r.get(1)?,
                kind: r.get(2)?,
                phone: r.get(3)?,
                active: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

pub fn save_executor(tx: &Tx, e: &Executor) -> Result<i64> {
    tx.require(crate::secure::Role::Admin)?;
    let rec = Text::new("rec.executor").arg("name", &e.name);
    let mut c = Checker::new(rec.clone());
    c.required("executor.name", &e.name);
    c.text("executor.name", &e.name, MAX_SHORT);
    c.text("executor.phone", &e.phone, 64);
    c.into_result().map_err(Error::Invalid)?;
    let dup = |x| {
        unique_violation(
            x,
            rec.clone(),
            "executor.name",
            Text::new("err.duplicate_name"),
        )
    };
    if e.id == 0 {
        tx.execute(
            "INSERT INTO executor (name, kind, phone, active) VALUES (?1, ?2, ?3, ?4)",
            params![e.name.trim(), e.kind, e.phone, e.active],
        )
        .map_err(dup)?;
        Ok(tx.last_insert_rowid())
    } else {
        tx.execute(
            "UPDATE executor SET name=?2, kind=?3, phone=?4, active=?5 WHERE id=?1",
            params![e.id, e.name.trim(), e.kind, e.phone, e.active],
        )
        .map_err(dup)?;
        Ok(e.id)
    }
}

// ---- topics ------------------------------------------------------------------------------

pub fn topics(conn: &Db) -> Result<Vec<Topic>> {
    let mut st = conn.prepare_cached(
        "SELECT id, code, name_ru, name_kk, sort_order, active, f1, f2, f3, f4 FROM topic ORDER BY sort_order, id",
    )?;
    let v = st
        .query_map([], |r| {
            Ok(Topic {
                id: r.get(0)?,
                code: r.get(1)?,
                name_ru: r.get(2)?,
                name_kk: r.get(3)?,
                sort_order: r.get(4)?,
                active: r.get(5)?,
                f1: r.get(6)?,
                f2: r.get(7)?,
                f3: r.get(8)?,
                f4: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

pub fn topic_id_by_code(conn: &Db, code: &str) -> Result<Option<i64>> {
    let mut st = conn.prepare_cached("SELECT id FROM topic WHERE code = ?1")?;
    Ok(st.query_row([code], |r| r.get(0)).optional()?)
}

/// Records in the audit trail a change of a topic's form mapping (`changes`: `{field: [old,
/// new]}`), in the actor's name: topics have no audit triggers.
pub(crate) fn audit_topic_change(tx: &Tx, topic_id: i64, changes: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO audit_log (actor, table_name, row_id, action, changes)
         SELECT actor, 'topic', ?1, 'update', ?2 FROM audit_context WHERE id = 1",
        params![topic_id, changes],
    )?;
    Ok(())
}

/// The F3 line-6 items a topic may map onto.
pub const F3_ITEMS: &[&str] = &[
    "eco", "pol", "soc", "gov", "а", "б", "в", "г", "д", "е", "ж", "з",
];

/// Adds a topic or changes one, including its mapping onto the forms' categories.
pub fn save_topic(tx: &Tx, t: &Topic) -> Result<i64> {
    tx.require(crate::secure::Role::Admin)?;
    let rec = Text::new("rec.topic").arg("name", &t.name_ru);
    let mut c = Checker::new(rec.clone());
    c.required("topic.code", &t.code);
    c.required("topic.name_ru", &t.name_ru);
    c.text("topic.name_ru", &t.name_ru, MAX_SHORT);
    c.text("topic.name_kk", &t.name_kk, MAX_SHORT);
    let range = |c: &mut Checker, f: &str, v: u8, max: u8| {
        if !(1..=max).contains(&v) {
            c.fail(
                f,
                Text::new("err.range")
                    .arg("value", v)
                    .arg("min", 1)
                    .arg("max", max),
            );
        }
    };
    range(&mut c, "topic.f1", t.f1, 16);
    range(&mut c, "topic.f2", t.f2, 12);
    range(&mut c, "topic.f4", t.f4, 10);
    if !F3_ITEMS.contains(&t.f3.as_str()) {
        c.fail("topic.f3", Text::new("err.f3_item").arg("value", &t.f3));
    }
    c.into_result().map_err(Error::Invalid)?;
    let dup = |e| {
        unique_violation(
            e,
            rec.clone(),
            "topic.code",
            Text::new("err.duplicate_code"),
        )
    };
    if t.id == 0 {
        tx.execute(
            "INSERT INTO topic (code, name_ru, name_kk, sort_order, active, f1, f2, f3, f4)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                t.code.trim(),
                t.name_ru.trim(),
                t.name_kk.trim(),
                t.sort_order,
                t.active,
                t.f1,
                t.f2,
                t.f3,
                t.f4
            ],
        )
        .map_err(dup)?;
        Ok(tx.last_insert_rowid())
    } else {
        tx.execute(
            "UPDATE topic SET code=?2, name_ru=?3, name_kk=?4, sort_order=?5, active=?6, f1=?7, f2=?8, f3=?9, f4=?10
             WHERE id=?1",
            params![t.id, t.code.trim(), t.name_ru.trim(), t.name_kk.trim(), t.sort_order, t.active, t.f1, t.f2, t.f3, t.f4],
        )
        .map_err(dup)?;
        Ok(t.id)
    }
}

// ---- calendar ----------------------------------------------------------------------------

pub fn load_calendar(conn: &Db) -> Result<Calendar> {
    let mut st = conn.prepare_cached("SELECT month, day FROM holiday_rule")?;
    let fixed = st
        .query_map([], |r| Ok((r.get::<_, u32>(0)?, r.get::<_, u32>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut st = conn.prepare_cached("SELECT day, working FROM calendar_day")?;
    let days = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Calendar::new(fixed, days))
}

pub fn calendar_days(conn: &Db) -> Result<Vec<CalendarDay>> {
    let mut st = conn.prepare_cached("SELECT day, working, note FROM calendar_day ORDER BY day")?;
    let v = st
        .query_map([], |r| {
            Ok(CalendarDay {
                day: r.get(0)?,
                working: r.get(1)?,
                note: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// Adds or replaces a dated exception (Құрбан айт, a moved day off, a working Saturday).
pub fn save_calendar_day(tx: &mut Tx, d: &CalendarDay) -> Result<()> {
    tx.require(crate::secure::Role::Admin)?;
    let mut c = Checker::new(Text::new("rec.calendar_day").arg("date", fmt_date(d.day)));
    c.plan_date("calendar.day", d.day, tx.today());
    c.text("calendar.note", &d.note, MAX_SHORT);
    c.into_result().map_err(Error::Invalid)?;
    tx.execute(
        "INSERT INTO calendar_day (day, working, note) VALUES (?1, ?2, ?3)
         ON CONFLICT(day) DO UPDATE SET working = excluded.working, note = excluded.note",
        params![d.day, d.working, d.note],
    )?;
    tx.calendar_changed();
    Ok(())
}

pub fn delete_calendar_day(tx: &mut Tx, day: chrono::NaiveDate) -> Result<()> {
    tx.require(crate::secure::Role::Admin)?;
    tx.execute("DELETE FROM calendar_day WHERE day = ?1", [day])?;
    tx.calendar_changed();
    Ok(())
}

// ---- reception sessions ------------------------------------------------------------------

fn reception_row(r: &Row) -> rusqlite::Result<Reception> {
    Ok(Reception {
        id: r.get(0)?,
        held_on: r.get(1)?,
        akim_level: r.get(2)?,
        host_name: r.get(3)?,
        settlement_id: r.get(4)?,
        note: r.get(5)?,
    })
}

pub fn reception(conn: &Db, id: i64) -> Result<Reception> {
    let mut st = conn.prepare_cached(
        "SELECT id, held_on, akim_level, host_name, settlement_id, note FROM reception WHERE id = ?1",
    )?;
    st.query_row([id], reception_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(Text::new("err.not_found.reception").arg("id", id)))
}

/// Reception sessions held in [from, to], newest first.
pub fn receptions(
    conn: &Db,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> Result<Vec<Reception>> {
    let mut st = conn.prepare_cached(
        "SELECT id, held_on, akim_level, host_name, settlement_id, note FROM reception
         WHERE held_on BETWEEN ?1 AND ?2 ORDER BY held_on DESC, id DESC",
    )?;
    let v = st
        .query_map([from, to], reception_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// `receptions` with the number of appeals registered at each, counted in the same query.
pub fn receptions_with_appeal_counts(
    conn: &Db,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> Result<Vec<(Reception, i64)>> {
    let mut counts: std::collections::HashMap<i64, i64> = conn
        .prepare_cached(
            "SELECT a.reception_id, count(*) FROM appeal a JOIN reception r ON r.id = a.reception_id
             WHERE r.held_on BETWEEN ?1 AND ?2 GROUP BY a.reception_id",
        )?
        .query_map([from, to], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(receptions(conn, from, to)?
        .into_iter()
        .map(|r| {
            let n = counts.remove(&r.id).unwrap_or(0);
            (r, n)
        })
        .collect())
}

/// A holiday that falls on the same date every year.
#[derive(Debug, Clone, PartialEq)]
pub struct HolidayRule {
    pub month: u32,
    pub day: u32,
    pub name_ru: String,
    pub name_kk: String,
}

/// The fixed holidays, by date in the year.
pub fn holiday_rules(conn: &Db) -> Result<Vec<HolidayRule>> {
    let v = conn
        .prepare_cached(
            "SELECT month, day, name_ru, name_kk FROM holiday_rule ORDER BY month, day",
        )?
        .query_map([], |r| {
            Ok(HolidayRule {
                month: r.get(0)?,
                day: r.get(1)?,
                name_ru: r.get(2)?,
                name_kk: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

pub fn save_reception(tx: &Tx, r: &Reception) -> Result<i64> {
    let mut c = Checker::new(Text::new("rec.reception").arg("date", fmt_date(r.held_on)));
    c.date("reception.held_on", r.held_on, tx.today());
    c.level("reception.akim_level", r.akim_level);
    c.text("reception.host_name", &r.host_name, MAX_SHORT);
    c.text("reception.note", &r.note, MAX_SHORT);
    c.into_result().map_err(Error::Invalid)?;
    if r.id == 0 || !super::meetings::exists(tx, "reception", r.id)? {
        tx.execute(
            "INSERT INTO reception (held_on, akim_level, host_name, settlement_id, note, id)
             VALUES (?1, ?2, ?3, ?4, ?5, nullif(?6, 0))",
            params![
                r.held_on,
                r.akim_level,
                r.host_name,
                r.settlement_id,
                r.note,
                r.id
            ],
        )?;
        let id = tx.last_insert_rowid();
        tx.added(super::Added::Reception, id)?;
        Ok(id)
    } else {
        tx.execute(
            "UPDATE reception SET held_on=?2, akim_level=?3, host_name=?4, settlement_id=?5, note=?6 WHERE id=?1",
            params![r.id, r.held_on, r.akim_level, r.host_name, r.settlement_id, r.note],
        )?;
        Ok(r.id)
    }
}

/// A setting of this file, e.g. the backup folder.
pub fn setting(conn: &Db, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

/// The window's own settings, which every role may change (a viewer reads in Kazakh too).
const WINDOW_SETTINGS: [&str; 2] = ["ui.lang", "ui.zoom"];

/// Saves one of the window's settings (`ui.lang`, `ui.zoom`): any signed-in role may, the
/// viewer included. Any other key is a change to the file and needs a role that writes.
pub fn set_window_setting(store: &mut super::Store, key: &str, value: &str) -> Result<()> {
    if WINDOW_SETTINGS.contains(&key) {
        store.write_any_role(|tx| set_setting(tx, key, value))
    } else {
        store.write(|tx| set_setting(tx, key, value))
    }
}

pub fn set_setting(tx: &Tx, key: &str, value: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}
