//! An exchange file read as a stream: its header first (`head`), then its sections one record
//! at a time into an import (`feed`), so memory holds a record, not the file.
//!
//! The sections are imported in the order of `SECTIONS`, each referring only to those before
//! it. The program writes them in that order, so one pass reads its files; a file whose
//! sections come in another order (or lacks some) is read again for those that came too
//! early: each pass imports at least the first section still to do.

use super::format::{FORMAT, VERSION};
use super::import::Run;
use super::read::Opened;
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::model::OkrugProfile;
use serde::Deserialize;
use serde::de::{
    self, DeserializeSeed, Deserializer as _, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use std::fmt;
use std::path::Path;

/// The sections in the order they are imported.
const SECTIONS: [&str; 10] = [
    "settlements",
    "staff",
    "executors",
    "topics",
    "calendar",
    "receptions",
    "appeals",
    "meetings",
    "questions",
    "plan_items",
];

/// The file's header: what is known of it before any record is read.
#[derive(Debug, Clone, Default)]
pub(crate) struct Head {
    pub format: Option<String>,
    pub version: Option<u32>,
    pub personal_data: Option<bool>,
    pub okrug: Option<OkrugProfile>,
}

/// Reads and checks the header of `file`: the format, then a newer version, before the body.
pub(super) fn head(file: &Opened) -> Result<Head> {
    let mut pass = Pass::new(Mode::Head, file.path(), [false; SECTIONS.len()]);
    run_pass(file, &mut pass)?;
    Ok(pass.head)
}

/// Imports every section of `file` into `run`, in the order of `SECTIONS`.
pub(super) fn feed(file: &Opened, run: &mut Run) -> Result<()> {
    let mut done = [false; SECTIONS.len()];
    // Each pass imports at least the first section still to do.
    for _ in 0..=SECTIONS.len() {
        let mut pass = Pass::new(Mode::Import(run), file.path(), done);
        run_pass(file, &mut pass)?;
        let present = pass.present;
        done = pass.done;
        // What the file lacks is empty: imported as such, in its turn.
        for s in 0..SECTIONS.len() {
            if done[s] {
                continue;
            }
            if present[s] {
                break;
            }
            absent(run, s)?;
            done[s] = true;
        }
        if done.iter().all(|d| *d) {
            return Ok(());
        }
    }
    unreachable!("every pass imports a section")
}

/// A section the file does not have, imported as empty (a file without topics names the
/// database's own).
fn absent(run: &mut Run, s: usize) -> Result<()> {
    match s {
        0 => run.settlements(&[]),
        1 => run.staff(&[]),
        2 => run.executors(&[]),
        3 => run.topics(&[]),
        4 => run.calendar(&[]),
        _ => Ok(()),
    }
}

/// One reading of the file from its start.
fn run_pass(file: &Opened, pass: &mut Pass) -> Result<()> {
    let (reader, trouble) = file.reader()?;
    let mut de = serde_json::Deserializer::from_reader(reader);
    let read = de.deserialize_map(&mut *pass);
    let read = match (read, &pass.mode) {
        (Ok(()), Mode::Import(_)) => de.end(),
        (read, _) => read,
    };
    match (read, pass.stop.take()) {
        (_, Some(Stop::Failed(e))) => Err(e),
        (_, Some(Stop::HeadRead)) | (Ok(()), None) => Ok(()),
        (Err(e), None) if e.is_io() => Err(trouble.error(file.path(), e.into())),
        (Err(e), None) => Err(broken(file, &e)),
    }
}

/// The message for a file serde could not read: read again, every value tracked, to name
/// the section, record and field where it breaks.
fn broken(file: &Opened, first: &serde_json::Error) -> Error {
    let (reader, trouble) = match file.reader() {
        Ok(r) => r,
        Err(e) => return e,
    };
    let mut pass = Pass::new(Mode::Validate, file.path(), [false; SECTIONS.len()]);
    let mut de = serde_json::Deserializer::from_reader(reader);
    let mut track = serde_path_to_error::Track::new();
    let read = serde_path_to_error::Deserializer::new(&mut de, &mut track)
        .deserialize_map(&mut pass)
        .and_then(|()| de.end());
    let describe = |path: &str, e: &serde_json::Error| {
        Error::Other(super::parse_error::describe(file.path(), path, e))
    };
    match read {
        Err(_) if pass.stop.is_some() => describe("", first),
        Err(e) if e.is_io() => trouble.error(file.path(), e.into()),
        Err(e) => describe(&track.path().to_string(), &e),
        Ok(()) => describe("", first),
    }
}

/// What a pass does with the file.
enum Mode<'a, 'r, 't> {
    /// Reads the header, and stops once it has it.
    Head,
    /// Imports the sections whose turn it is.
    Import(&'a mut Run<'r, 't>),
    /// Reads every value and drops it: where a broken file breaks.
    Validate,
}

/// What stopped a pass when it was not the file's syntax.
enum Stop {
    /// A refused header, or an error of the database.
    Failed(Error),
    /// The header is read (`Mode::Head`).
    HeadRead,
}

/// One pass over the file: what it has seen and done.
struct Pass<'a, 'r, 't> {
    mode: Mode<'a, 'r, 't>,
    path: &'a Path,
    head: Head,
    /// The sections met in this pass.
    present: [bool; SECTIONS.len()],
    /// The sections imported, in this pass or before.
    done: [bool; SECTIONS.len()],
    stop: Option<Stop>,
}

impl<'a, 'r, 't> Pass<'a, 'r, 't> {
    fn new(mode: Mode<'a, 'r, 't>, path: &'a Path, done: [bool; SECTIONS.len()]) -> Self {
        Pass {
            mode,
            path,
            head: Head::default(),
            present: [false; SECTIONS.len()],
            done,
            stop: None,
        }
    }

    /// Stops the pass for `stop`; serde's error only carries it out.
    fn stop<E: de::Error>(&mut self, stop: Stop) -> E {
        self.stop = Some(stop);
        E::custom("stopped")
    }

    fn refuse<E: de::Error>(&mut self, what: Text) -> E {
        self.stop(Stop::Failed(Error::Other(what)))
    }

    fn file_error(&self, key: &str) -> Text {
        Text::new(key).arg("path", self.path.display())
    }

    /// Checks the header read so far: the format, then a newer version. A header pass stops
    /// once it has the whole header.
    fn check_head<E: de::Error>(&mut self) -> Result<(), E> {
        let h = &self.head;
        if h.format.as_deref().is_some_and(|f| f != FORMAT) {
            return Err(self.refuse(self.file_error("err.import.not_exchange")));
        }
        if let (Some(_), Some(v)) = (&h.format, h.version.filter(|v| *v > VERSION)) {
            let newer = (self.file_error("err.import.newer"))
                .arg("found", v)
                .arg("supported", VERSION);
            return Err(self.refuse(newer));
        }
        let whole = h.format.is_some()
            && h.version.is_some()
            && h.personal_data.is_some()
            && h.okrug.is_some();
        if whole && matches!(self.mode, Mode::Head) {
            return Err(self.stop(Stop::HeadRead));
        }
        Ok(())
    }

    /// Reads the section `s`: imported when its turn has come, else skipped.
    fn section<'de, A: MapAccess<'de>>(&mut self, s: usize, map: &mut A) -> Result<(), A::Error> {
        let due = match self.mode {
            Mode::Head => false,
            Mode::Validate => true,
            Mode::Import(_) => !self.done[s] && self.done[..s].iter().all(|d| *d),
        };
        if !due {
            map.next_value::<IgnoredAny>()?;
            return Ok(());
        }
        match s {
            0 => self.whole(map, Run::settlements)?,
            1 => self.whole(map, Run::staff)?,
            2 => self.whole(map, Run::executors)?,
            3 => self.whole(map, Run::topics)?,
            4 => self.whole(map, Run::calendar)?,
            5 => self.each(map, Run::reception)?,
            6 => {
                self.each(map, Run::appeal)?;
                self.with_run(Run::appeals_done)?;
            }
            7 => self.each(map, Run::meeting)?,
            8 => self.each(map, Run::question)?,
            _ => self.each(map, Run::plan_item)?,
        }
        self.done[s] = true;
        Ok(())
    }

    /// A small section, read whole.
    fn whole<'de, A, T>(
        &mut self,
        map: &mut A,
        f: fn(&mut Run<'r, 't>, &[T]) -> Result<()>,
    ) -> Result<(), A::Error>
    where
        A: MapAccess<'de>,
        T: Deserialize<'de>,
    {
        let records: Vec<T> = map.next_value()?;
        self.with_run(|run| f(run, &records))
    }

    /// A section of records, each imported as it is read.
    fn each<'de, A, T>(
        &mut self,
        map: &mut A,
        f: fn(&mut Run<'r, 't>, usize, &T) -> Result<()>,
    ) -> Result<(), A::Error>
    where
        A: MapAccess<'de>,
        T: Deserialize<'de>,
    {
        map.next_value_seed(Each {
            pass: self,
            f,
            kind: std::marker::PhantomData,
        })
    }

    /// Lets the import do `f`, when this pass imports.
    fn with_run<E: de::Error>(
        &mut self,
        f: impl FnOnce(&mut Run<'r, 't>) -> Result<()>,
    ) -> Result<(), E> {
        let Mode::Import(run) = &mut self.mode else {
            return Ok(());
        };
        match f(run) {
            Ok(()) => Ok(()),
            Err(e) => Err(self.stop(Stop::Failed(e))),
        }
    }

    /// Notes a header field, refusing it twice as serde would.
    fn field<'de, A, T>(
        map: &mut A,
        slot: &mut Option<T>,
        name: &'static str,
    ) -> Result<(), A::Error>
    where
        A: MapAccess<'de>,
        T: Deserialize<'de>,
    {
        if slot.is_some() {
            return Err(de::Error::duplicate_field(name));
        }
        *slot = Some(map.next_value()?);
        Ok(())
    }
}

impl<'de> Visitor<'de> for &mut Pass<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("struct ExchangeFile")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            let h = &mut self.head;
            match key.as_str() {
                "format" => Pass::field(&mut map, &mut h.format, "format")?,
                "version" => Pass::field(&mut map, &mut h.version, "version")?,
                "personal_data" => Pass::field(&mut map, &mut h.personal_data, "personal_data")?,
                "okrug" => Pass::field(&mut map, &mut h.okrug, "okrug")?,
                name => match SECTIONS.iter().position(|s| *s == name) {
                    Some(s) if self.present[s] => {
                        return Err(de::Error::duplicate_field(SECTIONS[s]));
                    }
                    Some(s) => {
                        self.present[s] = true;
                        self.section(s, &mut map)?;
                    }
                    None => {
                        map.next_value::<IgnoredAny>()?;
                    }
                },
            }
            self.check_head()?;
        }
        if self.head.format.is_none() {
            return Err(self.refuse(self.file_error("err.import.not_exchange")));
        }
        if self.head.version.is_none() {
            return Err(de::Error::missing_field("version"));
        }
        Ok(())
    }
}

/// A section of records as serde reads it: each record handed to the import as it comes.
struct Each<'p, 'a, 'r, 't, T> {
    pass: &'p mut Pass<'a, 'r, 't>,
    f: fn(&mut Run<'r, 't>, usize, &T) -> Result<()>,
    kind: std::marker::PhantomData<T>,
}

impl<'de, 'r, 't, T: Deserialize<'de>> DeserializeSeed<'de> for Each<'_, '_, 'r, 't, T> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, 'r, 't, T: Deserialize<'de>> Visitor<'de> for Each<'_, '_, 'r, 't, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<(), S::Error> {
        let mut i = 0;
        while let Some(record) = seq.next_element::<T>()? {
            let f = self.f;
            self.pass.with_run(|run| f(run, i, &record))?;
            i += 1;
        }
        Ok(())
    }
}
