//! What the ordinary-mistake cases share: the real binary, a small database, a small disk,
//! and the checks every case makes (nothing left behind, every word in the user's language).

use estu_core::model::*;
use estu_core::store::{appeals, reference};
use estu_core::{Lang, Store};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Messages checked, and those with words not in the user's language (reported at the end).
pub static CHECKED: AtomicUsize = AtomicUsize::new(0);
pub static FOREIGN: AtomicUsize = AtomicUsize::new(0);

pub fn estu(db: &Path, lang: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_estu"))
        .args(["--db", db.to_str().unwrap(), "--lang", lang])
        .args(args)
        .output()
        .unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).trim().to_string()
}

/// An okrug database with `n` appeals, closed.
pub fn db_with(dir: &Path, name: &str, n: usize) -> PathBuf {
    let path = dir.join(name);
    let mut s = Store::create(&path, &estu_core::demo::profile()).unwrap();
    s.set_today(chrono::NaiveDate::from_ymd_opt(2023, 6, 30).unwrap());
    add_appeals(&mut s, n);
    path
}

pub fn add_appeals(s: &mut Store, n: usize) {
    let water = reference::topic_id_by_code(s.conn(), "water")
        .unwrap()
        .unwrap();
    let at = chrono::NaiveDate::from_ymd_opt(2023, 3, 1)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap();
    s.write(|tx| {
        for i in 0..n {
            let mut a = Appeal::new(
                at,
                Channel::WrittenPerson,
                "Сатпаева Айгерим",
                water,
                &format!("Нет воды на улице № {i}. {}", "Подробности. ".repeat(20)),
            );
            appeals::insert(tx, &mut a)?;
        }
        Ok(())
    })
    .unwrap();
}

/// Files under `dir` (recursively) whose name says they are temporary: what a failure must
/// never leave behind.
pub fn temporaries(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(temporaries(&p));
        } else if p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.contains(".partial") || n.ends_with(".part"))
        {
            out.push(p);
        }
    }
    out
}

/// Checks that `msg` is in `lang`: Cyrillic text, no English words (file paths and the
/// program's own command words aside), no colour codes, no panic.
pub fn in_language(msg: &str, lang: &str, paths: &[&Path]) {
    CHECKED.fetch_add(1, Ordering::Relaxed);
    let mut rest = msg.to_string();
    for p in paths {
        rest = rest.replace(&p.display().to_string(), " ");
    }
    const ALLOWED: [&str; 6] = ["estu", "restore", "yes", "take", "mapping", "quick"];
    let english: Vec<&str> = rest
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 4 && !ALLOWED.contains(&w.to_ascii_lowercase().as_str()))
        .collect();
    let cyrillic = rest
        .chars()
        .any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap()));
    let ok = english.is_empty() && cyrillic && !msg.contains('\u{1b}') && !msg.contains("panicked");
    if !ok {
        FOREIGN.fetch_add(1, Ordering::Relaxed);
    }
    assert!(
        ok,
        "not in the user's language ({lang}): {msg:?} (words {english:?})"
    );
}

/// The message of `key` in `lang` without its placeholders: its longest literal part.
pub fn literal(lang: Lang, key: &str) -> String {
    let t = estu_core::i18n::tr(lang, key);
    let mut parts = Vec::new();
    let mut rest = t.as_str();
    while let Some(open) = rest.find('{') {
        parts.push(&rest[..open]);
        rest = rest[open..].split_once('}').map_or("", |(_, r)| r);
    }
    parts.push(rest);
    parts
        .into_iter()
        .map(str::trim)
        .max_by_key(|p| p.chars().count())
        .unwrap_or("")
        .to_string()
}

/// A refusal by the command line in both languages, with the message of `key`.
pub fn refused(db: &Path, args: &[&str], key: &str, paths: &[&Path]) {
    let mut said = Vec::new();
    for (lang, l) in [("ru", Lang::Ru), ("kk", Lang::Kk)] {
        let o = estu(db, lang, args);
        let err = stderr(&o);
        assert!(!o.status.success(), "{args:?} accepted: {err}");
        assert!(
            err.contains(&literal(l, key)),
            "{args:?}: expected {key}, got {err:?}"
        );
        in_language(&err, lang, paths);
        said.push(err);
    }
    assert_ne!(
        said[0], said[1],
        "{args:?}: the Kazakh message is the Russian one"
    );
}

/// A small filesystem (tmpfs, root only), unmounted when dropped; `None` where the machine
/// does not allow it.
pub struct SmallDisk {
    pub dir: PathBuf,
}

impl SmallDisk {
    pub fn new(parent: &Path, kb: u32) -> Option<SmallDisk> {
        let dir = parent.join("small");
        std::fs::create_dir_all(&dir).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kb}k"), "tmpfs"])
            .arg(&dir)
            .output()
            .is_ok_and(|o| o.status.success());
        ok.then_some(SmallDisk { dir })
    }

    /// Fills the disk so that no more than a few KB are free.
    pub fn fill(&self) {
        let mut f = std::fs::File::create(self.dir.join("filler")).unwrap();
        let block = vec![0u8; 4096];
        while std::io::Write::write_all(&mut f, &block).is_ok() {}
        let _ = f.sync_all();
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.dir).output();
    }
}
