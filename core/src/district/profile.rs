//! The district akimat's own profile: the title and signature of its forms. Kept in a small
//! JSON file beside the okrug files (the district holds no database of its own).

use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::model::OkrugProfile;
use crate::safety::output::Protected;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The file name the app and `estu consolidate` look for in the okrugs' folder.
pub const FILE_NAME: &str = "district.json";

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DistrictProfile {
    /// The organisation: «ГУ «Аппарат акима Бурабайского района»».
    pub org_name_ru: String,
    pub org_name_kk: String,
    /// The district in the genitive, as the titles say «акима … района»: «Бурабайского района».
    pub district_gen_ru: String,
    pub district_gen_kk: String,
    /// «Акмолинской области» (F3's «по …»).
    pub region_ru: String,
    pub region_kk: String,
    /// «Аким Бурабайского района».
    pub akim_position_ru: String,
    pub akim_position_kk: String,
    pub akim_name: String,
    pub executor_name: String,
    pub executor_phone: String,
    /// The district's okrugs by their organisation's name (Russian or Kazakh), to say which
    /// have not sent their file; empty: not checked.
    pub okrugs: Vec<String>,
}

impl DistrictProfile {
    /// Reads the profile file; a broken or incomplete one is named with its line and field.
    pub fn read(path: &Path) -> Result<DistrictProfile> {
        let bytes = std::fs::read(path).map_err(|e| Error::file(path, e))?;
        let bytes = bytes
            .strip_prefix(crate::exchange::read::BOM)
            .unwrap_or(&bytes);
        let p: DistrictProfile = serde_json::from_slice(bytes).map_err(|e| {
            Error::Other(
                Text::new("err.district.profile_broken")
                    .arg("path", path.display())
                    .arg("line", e.line())
                    .arg("column", e.column())
                    .arg("detail", e),
            )
        })?;
        if p.org_name_ru.trim().is_empty() {
            return Err(Error::Other(
                Text::new("err.district.profile_field")
                    .arg("path", path.display())
                    .arg("field", "org_name_ru"),
            ));
        }
        Ok(p)
    }

    /// Writes the profile where `estu consolidate` and the app look for it (`FILE_NAME` in the
    /// okrugs' folder), whole or not at all.
    pub fn save(&self, path: &Path, protected: &Protected) -> Result<()> {
        let mut bytes = serde_json::to_vec_pretty(self)
            .map_err(|e| Error::file(path, std::io::Error::other(e)))?;
        bytes.push(b'\n');
        crate::safety::output::save(path, protected, &bytes)
    }

    /// The profile in the shape the forms' titles and footers read: the district stands where
    /// an okrug's own form names the okrug.
    pub fn as_okrug_profile(&self) -> OkrugProfile {
        OkrugProfile {
            org_name_ru: self.org_name_ru.clone(),
            org_name_kk: self.org_name_kk.clone(),
            okrug_gen_ru: self.district_gen_ru.clone(),
            okrug_gen_kk: self.district_gen_kk.clone(),
            region_ru: self.region_ru.clone(),
            region_kk: self.region_kk.clone(),
            akim_position_ru: self.akim_position_ru.clone(),
            akim_position_kk: self.akim_position_kk.clone(),
            akim_name: self.akim_name.clone(),
            executor_name: self.executor_name.clone(),
            executor_phone: self.executor_phone.clone(),
            // Never used to number anything: the district's store holds no records.
            work_start: "09:00".into(),
            work_end: "18:00".into(),
            reg_pattern: "{YYYY}/{NNNN}".into(),
            ..OkrugProfile::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_profile_reads_back_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let p = DistrictProfile {
            org_name_ru: "ГУ «Аппарат акима Бурабайского района»".into(),
            akim_name: "Жумабеков Н.С.".into(),
            okrugs: vec!["ГУ «Аппарат акима Катаркольского сельского округа»".into()],
            ..DistrictProfile::default()
        };
        p.save(&path, &Protected::none()).unwrap();
        assert_eq!(DistrictProfile::read(&path).unwrap(), p);
        assert!(!dir.path().join("district.json.partial").exists());
    }
}
