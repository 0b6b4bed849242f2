//! Where the program keeps its database when no `--db` is given: in the platform's data
//! directory, or — for the portable copy, with the marker file `portable.txt` beside the
//! executable — in `data` beside the executable, so that the database, its backups (which go
//! beside the database) and its settings (stored in the database) travel with the program.

use std::path::{Path, PathBuf};

/// The file whose presence beside the executable makes the copy portable.
const PORTABLE_MARKER: &str = "portable.txt";
const DB_FILE: &str = "estu.db";
const SETTINGS_FILE: &str = "settings.json";

/// The default database path: `estu.db` in the data folder `data_dir_for` chooses.
pub fn default_db_path() -> PathBuf {
    data_dir_for(exe_dir().as_deref(), platform_data_dir()).join(DB_FILE)
}

/// The app's own settings (the recent databases): in the platform's config folder, or in the
/// portable copy's `data` folder, so that a copy on a USB stick remembers its own database.
pub fn settings_path() -> PathBuf {
    settings_dir_for(exe_dir().as_deref(), platform_config_dir()).join(SETTINGS_FILE)
}

/// The settings folder: like `data_dir_for`, with the platform's config folder.
fn settings_dir_for(exe_dir: Option<&Path>, platform: Option<PathBuf>) -> PathBuf {
    data_dir_for(exe_dir, platform)
}

fn platform_config_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("kz", "Estu", "Estu").map(|d| d.config_dir().to_path_buf())
}

/// Whether this copy of the program is portable (keeps its data beside itself).
pub fn is_portable() -> bool {
    exe_dir().as_deref().and_then(portable_dir).is_some()
}

/// The data folder: beside the executable when the portable marker is there, else the
/// platform's data directory, else the working directory (the empty path).
fn data_dir_for(exe_dir: Option<&Path>, platform: Option<PathBuf>) -> PathBuf {
    exe_dir
        .and_then(portable_dir)
        .or(platform)
        .unwrap_or_default()
}

/// `data` beside the executable, when the marker file is there.
fn portable_dir(exe_dir: &Path) -> Option<PathBuf> {
    exe_dir
        .join(PORTABLE_MARKER)
        .is_file()
        .then(|| exe_dir.join("data"))
}

fn exe_dir() -> Option<PathBuf> {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_path_buf))
}

fn platform_data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("kz", "Estu", "Estu").map(|d| d.data_dir().to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn platform() -> Option<PathBuf> {
        Some(PathBuf::from("/home/user/.local/share/estu"))
    }

    #[test]
    fn without_the_marker_the_data_stays_in_the_platform_folder() {
        let exe = tempfile::tempdir().unwrap();
        assert_eq!(
            data_dir_for(Some(exe.path()), platform()),
            platform().unwrap()
        );
        assert_eq!(portable_dir(exe.path()), None);
    }

    #[test]
    fn the_marker_moves_the_data_beside_the_program() {
        let exe = tempfile::tempdir().unwrap();
        std::fs::write(exe.path().join("portable.txt"), "").unwrap();
        let data = exe.path().join("data");
        assert_eq!(data_dir_for(Some(exe.path()), platform()), data);
        // Even where the platform has no data folder at all.
        assert_eq!(data_dir_for(Some(exe.path()), None), data);
    }

    #[test]
    fn a_folder_named_like_the_marker_is_not_the_marker() {
        let exe = tempfile::tempdir().unwrap();
        std::fs::create_dir(exe.path().join("portable.txt")).unwrap();
        assert_eq!(
            data_dir_for(Some(exe.path()), platform()),
            platform().unwrap()
        );
    }

    #[test]
    fn with_nothing_known_the_working_folder_is_used() {
        assert_eq!(
            data_dir_for(None, None).join(DB_FILE),
            PathBuf::from("estu.db")
        );
    }

    #[test]
    fn settings_travel_with_a_portable_copy_and_else_stay_in_the_config_folder() {
        let exe = tempfile::tempdir().unwrap();
        let config = PathBuf::from("/home/user/.config/estu");
        assert_eq!(
            settings_dir_for(Some(exe.path()), Some(config.clone())),
            config
        );
        std::fs::write(exe.path().join("portable.txt"), "").unwrap();
        assert_eq!(
            settings_dir_for(Some(exe.path()), Some(config)),
            exe.path().join("data")
        );
    }

    #[test]
    fn the_default_database_is_estu_db_in_the_chosen_folder() {
        assert_eq!(default_db_path().file_name().unwrap(), "estu.db");
    }
}
