//! An okrug's `export --for-district` file, checked and loaded into a store in memory so that
//! the okrug's own form code computes its figures.
//!
//! Refused, nothing consolidated: a file with personal data (the district must not hold them),
//! the same okrug twice, a file from a newer version (`exchange::read`). Flagged: a file whose
//! records end before the period does, an okrug of the district with no file.

use super::profile::DistrictProfile;
use crate::error::{Error, Result};
use crate::exchange::{self, ExchangeFile, export::HIDDEN_NAME, import};
use crate::i18n::{Lang, Text};
use crate::model::{ApplicantType, OkrugProfile, Topic};
use crate::store::Store;
use crate::text::fold;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// One okrug of the district, read from its file.
pub struct Okrug {
    pub path: PathBuf,
    pub profile: OkrugProfile,
    /// The okrug's records, in memory: its forms are computed from here.
    pub store: Store,
    /// The okrug's topics with their form mapping, as its file has them.
    pub topics: Vec<Topic>,
    /// The last day any record of the file is dated (None: no records).
    pub last_day: Option<NaiveDate>,
}

impl Okrug {
    /// The okrug's organisation in `lang`.
    pub fn name(&self, lang: Lang) -> String {
        lang.pick(&self.profile.org_name_ru, &self.profile.org_name_kk)
            .to_string()
    }
}

/// The exchange files (`*.json`) in `dir`, by name; the district's profile file is not one.
pub fn files_in(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| Error::file(dir, e))? {
        let path = entry.map_err(|e| Error::file(dir, e))?.path();
        let is_json = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        let is_profile = path
            .file_name()
            .is_some_and(|n| n == super::profile::FILE_NAME);
        if is_json && !is_profile && path.is_file() {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

/// The okrug files named: each file as it is, each folder's `*.json` files.
pub fn expand(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in inputs {
        if p.is_dir() {
            out.extend(files_in(p)?);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// The district's profile: the file given, else `district.json` in the first folder named or
/// beside the first file.
pub fn find_profile(explicit: Option<&Path>, inputs: &[PathBuf]) -> Result<DistrictProfile> {
    if let Some(p) = explicit {
        return DistrictProfile::read(p);
    }
    let dir = inputs.first().map(|p| {
        if p.is_dir() {
            p.clone()
        } else {
            p.parent().map(Path::to_path_buf).unwrap_or_default()
        }
    });
    match dir.map(|d| d.join(super::profile::FILE_NAME)) {
        Some(p) if p.is_file() => DistrictProfile::read(&p),
        _ => Err(Error::Other(Text::new("err.district.profile_missing"))),
    }
}

/// Reads every okrug's file; refuses the whole set at the first file that must not be used.
pub fn load(paths: &[PathBuf]) -> Result<Vec<Okrug>> {
    if paths.is_empty() {
        return Err(Error::Other(Text::new("err.district.no_files")));
    }
    load_each(paths, |_| {}).into_iter().collect()
}

/// Reads each okrug's file on its own, in order: the okrug, or why the file must not be used
/// (personal data, a newer version, a broken file, an okrug already read from an earlier
/// file). `read(n)` is told after each file (`n` files read so far). The app lists every file
/// with its answer; `load` refuses the set at the first refusal.
pub fn load_each(paths: &[PathBuf], mut read: impl FnMut(usize)) -> Vec<Result<Okrug>> {
    let mut out: Vec<Result<Okrug>> = Vec::with_capacity(paths.len());
    for (i, path) in paths.iter().enumerate() {
        let okrug = read_one(path, out.iter().filter_map(|o| o.as_ref().ok()));
        out.push(okrug);
        read(i + 1);
    }
    out
}

/// One okrug's file, refused when it holds personal data or names an okrug of `earlier`.
fn read_one<'a>(path: &Path, mut earlier: impl Iterator<Item = &'a Okrug>) -> Result<Okrug> {
    let file = exchange::read_file(path)?;
    refuse_personal_data(&file, path)?;
    if let Some(first) = earlier.find(|o| same_okrug(&o.profile, &file.okrug)) {
        return Err(Error::Other(
            Text::new("err.district.duplicate")
                .arg("okrug", &file.okrug.org_name_ru)
                .arg("first", first.path.display())
                .arg("second", path.display()),
        ));
    }
    into_memory(file, path)
}

fn same_okrug(a: &OkrugProfile, b: &OkrugProfile) -> bool {
    fold(&a.org_name_ru) == fold(&b.org_name_ru)
}

/// A full export sent by mistake: said by its header, or by any applicant's data left in it.
fn refuse_personal_data(file: &ExchangeFile, path: &Path) -> Result<()> {
    let holds = file.personal_data
        || file.appeals.iter().any(|a| {
            let person = a.applicant_type == ApplicantType::Person;
            // An organisation's name and БИН are not personal data; export keeps them.
            (person && (a.applicant_name != HIDDEN_NAME || a.applicant_id.is_some()))
                || !a.applicant_address.trim().is_empty()
                || !a.applicant_phone.trim().is_empty()
        });
    if holds {
        return Err(Error::Other(
            Text::new("err.district.personal_data")
                .arg("path", path.display())
                .arg("okrug", &file.okrug.org_name_ru),
        ));
    }
    Ok(())
}

/// The okrug's store in memory, with the file's own topic mapping in force.
fn into_memory(file: ExchangeFile, path: &Path) -> Result<Okrug> {
    let last_day = last_day(&file);
    let mut store = Store::in_memory(&file.okrug)?;
    let options = import::Options { take_mapping: true };
    // The file is named around a refusal that does not name it itself.
    import::import_into(&mut store, &file, options).map_err(|e| match e {
        Error::Other(reason) => Error::Other(
            Text::new("err.district.import")
                .arg("path", path.display())
                .arg_text("reason", reason),
        ),
        other => other,
    })?;
    Ok(Okrug {
        path: path.to_path_buf(),
        profile: file.okrug,
        store,
        topics: file.topics,
        last_day,
    })
}

fn last_day(f: &ExchangeFile) -> Option<NaiveDate> {
    let appeals = f
        .appeals
        .iter()
        .map(|a| a.registered_on.unwrap_or(a.received_at.date()));
    // A meeting planned for later says nothing about how far the file goes.
    let meetings = f.meetings.iter().filter_map(|m| m.held_on);
    let receptions = f.receptions.iter().map(|r| r.held_on);
    let plan = f
        .plan_items
        .iter()
        .flat_map(|p| [p.created_on, p.done_on].into_iter().flatten());
    appeals.chain(meetings).chain(receptions).chain(plan).max()
}

/// What the district is told but may still print: okrugs whose records end before `to`, and
/// okrugs of the district with no file.
pub fn notes(district: &DistrictProfile, okrugs: &[Okrug], to: NaiveDate) -> Vec<Text> {
    let mut out = Vec::new();
    for o in okrugs {
        match o.last_day {
            Some(day) if day < to => out.push(
                Text::new("district.note.ends")
                    .arg("okrug", &o.profile.org_name_ru)
                    .arg("date", day.format("%d.%m.%Y")),
            ),
            None => out.push(Text::new("district.note.empty").arg("okrug", &o.profile.org_name_ru)),
            _ => {}
        }
    }
    for name in &district.okrugs {
        let wanted = fold(name);
        let present = okrugs.iter().any(|o| {
            fold(&o.profile.org_name_ru) == wanted
                || (!o.profile.org_name_kk.is_empty() && fold(&o.profile.org_name_kk) == wanted)
        });
        if !present {
            out.push(Text::new("district.note.missing").arg("okrug", name));
        }
    }
    out
}
