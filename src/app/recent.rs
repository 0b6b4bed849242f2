//! The databases the app worked on: the last one, opened again at the next start, and a short
//! list for the File menu. Kept in the app's own settings file (`data_dir::settings_path`: the
//! platform's config folder, or `data` beside a portable copy), written whole through
//! `safety::output`. The file is a convenience: when it cannot be read the app starts as on a
//! first run and says nothing is lost; when it cannot be written the caller says so.

use estu_core::error::Result;
use estu_core::safety::output::{self, Protected};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// How many databases the File menu lists.
pub const MAX: usize = 6;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Recent {
    /// The settings file.
    file: PathBuf,
    /// The databases, the last one first.
    list: Vec<PathBuf>,
}

impl Recent {
    /// Reads the settings file `file`; a missing or unreadable file is an empty list.
    pub fn load(file: PathBuf) -> Recent {
        let list = match std::fs::read(&file) {
            Ok(bytes) => parse(&bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => {
                tracing::warn!(error = %e, "the app's settings cannot be read");
                Vec::new()
            }
        };
        Recent { file, list }
    }

    /// The database worked on last.
    pub fn last(&self) -> Option<&Path> {
        self.list.first().map(PathBuf::as_path)
    }

    /// The databases, the last one first.
    pub fn list(&self) -> &[PathBuf] {
        &self.list
    }

    /// Puts `db` first (as an absolute path) and writes the settings file whole.
    pub fn remember(&mut self, db: &Path) -> Result<()> {
        let db = std::path::absolute(db).unwrap_or_else(|_| db.to_path_buf());
        if self.last() == Some(db.as_path()) {
            return Ok(());
        }
        self.list.retain(|p| p != &db);
        self.list.insert(0, db);
        self.list.truncate(MAX);
        self.save()
    }

    /// Takes `db` off the list (it is gone) and writes the settings file.
    pub fn forget(&mut self, db: &Path) -> Result<()> {
        let before = self.list.len();
        self.list.retain(|p| p != db);
        if self.list.len() == before {
            return Ok(());
        }
        self.save()
    }

    fn save(&self) -> Result<()> {
        if let Some(dir) = self.file.parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir).map_err(|e| estu_core::error::Error::File {
                path: dir.to_path_buf(),
                source: e,
            })?;
        }
        let paths: Vec<Value> = self
            .list
            .iter()
            .map(|p| Value::String(p.display().to_string()))
            .collect();
        let text =
            serde_json::to_string_pretty(&json!({ "recent_databases": paths })).unwrap_or_default();
        output::save(&self.file, &Protected::none(), text.as_bytes())
    }
}

/// The list in the settings file; anything else in it (or a damaged file) is ignored.
fn parse(bytes: &[u8]) -> Vec<PathBuf> {
    let Ok(v) = serde_json::from_slice::<Value>(bytes) else {
        tracing::warn!("the app's settings file is not JSON; starting with no recent list");
        return Vec::new();
    };
    v.get("recent_databases")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .filter(|s| !s.is_empty())
                .map(PathBuf::from)
                .take(MAX)
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_database_comes_first_and_the_list_is_short() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("conf").join("settings.json");
        let mut r = Recent::load(file.clone());
        assert_eq!(r.last(), None);
        for i in 0..MAX + 2 {
            r.remember(&dir.path().join(format!("{i}.db"))).unwrap();
        }
        r.remember(&dir.path().join("3.db")).unwrap();
        let again = Recent::load(file);
        assert_eq!(again.last(), Some(dir.path().join("3.db").as_path()));
        assert_eq!(again.list().len(), MAX);
        assert_eq!(again.list()[1], dir.path().join(format!("{}.db", MAX + 1)));
        assert_eq!(
            again.list().iter().filter(|p| p.ends_with("3.db")).count(),
            1
        );
    }

    #[test]
    fn a_damaged_settings_file_is_an_empty_list_and_is_replaced_whole() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("settings.json");
        std::fs::write(&file, "{ not json").unwrap();
        let mut r = Recent::load(file.clone());
        assert!(r.list().is_empty());
        r.remember(&dir.path().join("a.db")).unwrap();
        assert_eq!(Recent::load(file).list(), [dir.path().join("a.db")]);
    }

    #[test]
    fn a_forgotten_database_leaves_the_list() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("settings.json");
        let mut r = Recent::load(file.clone());
        let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
        r.remember(&a).unwrap();
        r.remember(&b).unwrap();
        r.forget(&b).unwrap();
        assert_eq!(Recent::load(file).list(), [a]);
    }
}
