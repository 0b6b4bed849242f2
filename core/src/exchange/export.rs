//! Writing the exchange file from the database.

use super::format::{ExchangeFile, FORMAT, VERSION};
use crate::error::Result;
use crate::safety::output::{self, Protected};
use crate::store::{self, Db, Store, appeals, meetings, plan, reference};

/// Whether applicants' personal data goes into the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonalData {
    Include,
    /// For files that leave the okrug (to the district): names, ИИН, addresses, phones blanked.
    Omit,
}

/// The placeholder that replaces an applicant's name in a file without personal data.
pub(crate) const HIDDEN_NAME: &str = "—";

/// Reads every record into one exchange value, in id order (so equal databases give equal files).
pub fn collect(conn: &Db, personal: PersonalData) -> Result<ExchangeFile> {
    let mut f = ExchangeFile {
        format: FORMAT.to_string(),
        version: VERSION,
        personal_data: personal == PersonalData::Include,
        okrug: reference::profile(conn)?,
        settlements: reference::settlements(conn)?,
        staff: reference::staff(conn)?,
        executors: reference::executors(conn)?,
        topics: reference::topics(conn)?,
        calendar: reference::calendar_days(conn)?,
        receptions: Vec::new(),
        appeals: Vec::new(),
        meetings: Vec::new(),
        questions: Vec::new(),
        plan_items: Vec::new(),
    };
    f.settlements.sort_by_key(|s| s.id);
    f.staff.sort_by_key(|s| s.id);
    f.executors.sort_by_key(|s| s.id);
    f.topics.sort_by_key(|s| s.id);
    for id in store::ids(conn, "reception")? {
        f.receptions.push(reference::reception(conn, id)?);
    }
    for id in store::ids(conn, "appeal")? {
        let mut a = appeals::get(conn, id)?;
        if personal == PersonalData::Omit {
            if a.applicant_type == crate::model::ApplicantType::Person {
                a.applicant_name = HIDDEN_NAME.to_string();
                a.applicant_id = None;
            }
            // An ИП's or a КХ's 12-digit number is its owner's ИИН: a personal number too.
            if a.applicant_id
                .as_deref()
                .is_some_and(|id| crate::rules::iin::check_iin(id).is_ok())
            {
                a.applicant_id = None;
            }
            a.applicant_address.clear();
            a.applicant_phone.clear();
        }
        f.appeals.push(a);
    }
    for id in store::ids(conn, "meeting")? {
        f.meetings.push(meetings::get(conn, id)?);
    }
    for id in store::ids(conn, "question")? {
        f.questions.push(meetings::question(conn, id)?);
    }
    for id in store::ids(conn, "plan_item")? {
        f.plan_items.push(plan::get(conn, id)?);
    }
    Ok(f)
}

/// The file's bytes: pretty JSON, UTF-8, a newline at the end.
pub fn to_bytes(f: &ExchangeFile) -> Result<Vec<u8>> {
    let mut out = serde_json::to_vec_pretty(f).map_err(std::io::Error::other)?;
    out.push(b'\n');
    Ok(out)
}

/// Writes the file whole or not at all (`output::save`), never over the database, its side
/// files or a backup copy. Returns the number of records written.
pub fn write_file(store: &Store, path: &std::path::Path, personal: PersonalData) -> Result<usize> {
    let protected = Protected::of(store);
    // Before the records are read: a refused name costs nothing.
    protected.check(path)?;
    let f = collect(store.conn(), personal)?;
    let bytes = to_bytes(&f)?;
    output::save(path, &protected, &bytes)?;
    Ok(f.appeals.len()
        + f.meetings.len()
        + f.questions.len()
        + f.plan_items.len()
        + f.receptions.len())
}

/// `write_file` encrypted with `password` (`sealed`): the full export, personal data
/// included, leaves the program only this way unless a plain one is asked for explicitly.
pub fn write_sealed(
    store: &Store,
    path: &std::path::Path,
    personal: PersonalData,
    password: &str,
) -> Result<usize> {
    let protected = Protected::of(store);
    protected.check(path)?;
    let f = collect(store.conn(), personal)?;
    let bytes = super::sealed::seal(&to_bytes(&f)?, password)?;
    output::save(path, &protected, &bytes)?;
    Ok(f.appeals.len()
        + f.meetings.len()
        + f.questions.len()
        + f.plan_items.len()
        + f.receptions.len())
}
