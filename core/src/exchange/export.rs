//! Writing the exchange file from the database.

use super::format::ExchangeFile;
use crate::error::{Error, Result};
use crate::model::{Appeal, Meeting, PlanItem, Question, Reception};
use crate::safety::output::{self, Protected};
use crate::store::{self, Db, Store, appeals, meetings, plan, reference};
use serde::ser::{Error as _, Serialize, SerializeSeq, SerializeStruct, Serializer};
use std::cell::{Cell, RefCell};
use std::io::Write;
use std::path::Path;

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
    let mut f = head(conn, personal)?;
    for id in store::ids(conn, "reception")? {
        f.receptions.push(reference::reception(conn, id)?);
    }
    appeals::for_each(conn, |a| {
        f.appeals.push(redacted(a, personal));
        Ok(())
    })?;
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

/// The file's header and reference sections (in id order), without records.
fn head(conn: &Db, personal: PersonalData) -> Result<ExchangeFile> {
    let mut f = ExchangeFile {
        personal_data: personal == PersonalData::Include,
        okrug: reference::profile(conn)?,
        settlements: reference::settlements(conn)?,
        staff: reference::staff(conn)?,
        executors: reference::executors(conn)?,
        topics: reference::topics(conn)?,
        calendar: reference::calendar_days(conn)?,
        ..ExchangeFile::empty()
    };
    f.settlements.sort_by_key(|s| s.id);
    f.staff.sort_by_key(|s| s.id);
    f.executors.sort_by_key(|s| s.id);
    f.topics.sort_by_key(|s| s.id);
    Ok(f)
}

/// The appeal as the file carries it: without the applicant's personal data when
/// `personal` says so.
fn redacted(mut a: Appeal, personal: PersonalData) -> Appeal {
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
    a
}

/// The file's bytes: pretty JSON, UTF-8, a newline at the end.
pub fn to_bytes(f: &ExchangeFile) -> Result<Vec<u8>> {
    let mut out = serde_json::to_vec_pretty(f).map_err(std::io::Error::other)?;
    out.push(b'\n');
    Ok(out)
}

/// Writes the file whole or not at all (`output::save_stream`), never over the database,
/// its side files or a backup copy. Returns the number of records written.
pub fn write_file(store: &Store, path: &Path, personal: PersonalData) -> Result<usize> {
    let protected = Protected::of(store);
    // Before the records are read: a refused name costs nothing.
    protected.check(path)?;
    let mut n = 0;
    output::save_stream(path, &protected, |w| {
        n = write_to(store.conn(), personal, w, path)?;
        Ok(())
    })?;
    Ok(n)
}

/// `write_file` encrypted with `password` (`sealed`): the full export, personal data
/// included, leaves the program only this way unless a plain one is asked for explicitly.
pub fn write_sealed(
    store: &Store,
    path: &Path,
    personal: PersonalData,
    password: &str,
) -> Result<usize> {
    let protected = Protected::of(store);
    protected.check(path)?;
    let mut n = 0;
    output::save_stream(path, &protected, |w| {
        let mut sealed = super::sealed::seal_writer(w, password)?;
        n = write_to(store.conn(), personal, &mut sealed, path)?;
        sealed.finish().map_err(|e| Error::file(path, e))?;
        Ok(())
    })?;
    Ok(n)
}

/// Writes the exchange file of the database into `w` record by record, the bytes `to_bytes`
/// gives for `collect`'s value: only one record is in memory at a time. Returns the number
/// of records written.
fn write_to(conn: &Db, personal: PersonalData, w: impl Write, path: &Path) -> Result<usize> {
    let head = head(conn, personal)?;
    let file = Streamed {
        head,
        receptions: Section::by_id(conn, "reception", reference::reception)?,
        // A million lookups by id cost more than one pass over the table.
        appeals: Section::new(conn, move |c, f| {
            appeals::for_each(c, |a| f(redacted(a, personal)))
        }),
        meetings: Section::by_id(conn, "meeting", meetings::get)?,
        questions: Section::by_id(conn, "question", meetings::question)?,
        plan_items: Section::by_id(conn, "plan_item", plan::get)?,
        failed: RefCell::new(None),
    };
    let mut w = w;
    let mut ser = serde_json::Serializer::pretty(&mut w);
    let written = file.serialize(&mut ser).and_then(|()| {
        ser.into_inner()
            .write_all(b"\n")
            .map_err(serde_json::Error::io)
    });
    if let Some(e) = file.failed.take() {
        return Err(e);
    }
    written.map_err(|e| match e.io_error_kind() {
        Some(_) => Error::file(path, e.into()),
        None => Error::Io(std::io::Error::other(e)),
    })?;
    Ok(file.records())
}

/// The exchange file with its record sections read as they are written.
struct Streamed<'c> {
    /// The header and the reference sections (a few hundred records at most).
    head: ExchangeFile,
    receptions: Section<'c, Reception>,
    appeals: Section<'c, Appeal>,
    meetings: Section<'c, Meeting>,
    questions: Section<'c, Question>,
    plan_items: Section<'c, PlanItem>,
    /// What stopped the writing, when it was the database (serde's error cannot carry it).
    failed: RefCell<Option<Error>>,
}

impl Streamed<'_> {
    fn records(&self) -> usize {
        self.receptions.written.get()
            + self.appeals.written.get()
            + self.meetings.written.get()
            + self.questions.written.get()
            + self.plan_items.written.get()
    }
}

/// Hands each record of a table, in id order, to the function it is given.
type Walk<'c, T> = Box<dyn Fn(&Db, &mut dyn FnMut(T) -> Result<()>) -> Result<()> + 'c>;

/// The records of one table, each read when it is written.
struct Section<'c, T> {
    conn: &'c Db,
    walk: Walk<'c, T>,
    written: Cell<usize>,
}

impl<'c, T: 'c> Section<'c, T> {
    fn new(
        conn: &'c Db,
        walk: impl Fn(&Db, &mut dyn FnMut(T) -> Result<()>) -> Result<()> + 'c,
    ) -> Self {
        Section {
            conn,
            walk: Box::new(walk),
            written: Cell::new(0),
        }
    }

    /// The records of `table` read one by one by id with `get`.
    fn by_id(conn: &'c Db, table: &str, get: fn(&Db, i64) -> Result<T>) -> Result<Self> {
        let ids = store::ids(conn, table)?;
        Ok(Section::new(conn, move |c, f| {
            ids.iter().try_for_each(|&id| f(get(c, id)?))
        }))
    }

    fn write<S: Serializer>(&self, s: S, failed: &RefCell<Option<Error>>) -> Result<S::Ok, S::Error>
    where
        T: Serialize,
    {
        let mut seq = s.serialize_seq(None)?;
        let mut serde_failed = None;
        let walked = (self.walk)(self.conn, &mut |record| {
            seq.serialize_element(&record).map_err(|e| {
                serde_failed = Some(e);
                // Only stops the walk: serde's own error is the one returned.
                Error::Io(std::io::ErrorKind::Interrupted.into())
            })?;
            self.written.set(self.written.get() + 1);
            Ok(())
        });
        if let Some(e) = serde_failed {
            return Err(e);
        }
        if let Err(e) = walked {
            failed.replace(Some(e));
            return Err(S::Error::custom("the database could not be read"));
        }
        seq.end()
    }
}

/// A section as a value for serde.
struct Written<'s, 'c, T>(&'s Section<'c, T>, &'s RefCell<Option<Error>>);

impl<T: Serialize> Serialize for Written<'_, '_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.write(s, self.1)
    }
}

impl Serialize for Streamed<'_> {
    /// The fields of `ExchangeFile`, in its order.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let h = &self.head;
        let f = &self.failed;
        let mut st = s.serialize_struct("ExchangeFile", 15)?;
        st.serialize_field("format", &h.format)?;
        st.serialize_field("version", &h.version)?;
        st.serialize_field("personal_data", &h.personal_data)?;
        st.serialize_field("okrug", &h.okrug)?;
        st.serialize_field("settlements", &h.settlements)?;
        st.serialize_field("staff", &h.staff)?;
        st.serialize_field("executors", &h.executors)?;
        st.serialize_field("topics", &h.topics)?;
        st.serialize_field("calendar", &h.calendar)?;
        st.serialize_field("receptions", &Written(&self.receptions, f))?;
        st.serialize_field("appeals", &Written(&self.appeals, f))?;
        st.serialize_field("meetings", &Written(&self.meetings, f))?;
        st.serialize_field("questions", &Written(&self.questions, f))?;
        st.serialize_field("plan_items", &Written(&self.plan_items, f))?;
        st.end()
    }
}
