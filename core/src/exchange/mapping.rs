//! The topic-to-form mapping an exchange file carries. It decides which line of F1–F4 every
//! appeal and question of every year is counted on, so a file's mapping replaces the
//! database's only when the user asks for it (`Options::take_mapping`, a question in the app),
//! after seeing what would change, and each change is written to the audit trail.

use crate::error::Result;
use crate::i18n::{Lang, Text};
use crate::model::Topic;
use crate::store::{Db, Tx, reference};

/// One form column of one topic that the file maps differently from the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappingChange {
    pub topic_id: i64,
    pub code: String,
    pub name_ru: String,
    /// `f1`, `f2`, `f3` or `f4`.
    pub form: &'static str,
    pub old: String,
    pub new: String,
}

impl MappingChange {
    /// «Тема «Водоснабжение» (water): Ф1 4 → 46».
    pub fn describe(&self, lang: Lang) -> String {
        Text::new("import.mapping_change")
            .arg("name", &self.name_ru)
            .arg("code", &self.code)
            .arg("form", self.form.to_uppercase())
            .arg("old", &self.old)
            .arg("new", &self.new)
            .render(lang)
    }
}

/// The form columns of `file_topics` whose mapping differs from the database's topic with
/// the same code (topics new to the database are not changes).
pub fn changes(conn: &Db, file_topics: &[Topic]) -> Result<Vec<MappingChange>> {
    let existing = reference::topics(conn)?;
    let mut out = Vec::new();
    for t in file_topics.iter().filter(|t| !code_only(t)) {
        let Some(e) = existing.iter().find(|e| e.code == t.code) else {
            continue;
        };
        let pairs = [
            ("f1", e.f1.to_string(), t.f1.to_string()),
            ("f2", e.f2.to_string(), t.f2.to_string()),
            ("f3", e.f3.clone(), t.f3.clone()),
            ("f4", e.f4.to_string(), t.f4.to_string()),
        ];
        for (form, old, new) in pairs {
            if old != new {
                out.push(MappingChange {
                    topic_id: e.id,
                    code: e.code.clone(),
                    name_ru: e.name_ru.clone(),
                    form,
                    old,
                    new,
                });
            }
        }
    }
    Ok(out)
}

/// A topic that only names one of the database's by its code (no names, no mapping): it
/// brings no mapping of its own.
pub(crate) fn code_only(t: &Topic) -> bool {
    t.name_ru.trim().is_empty() && t.f1 == 0 && t.f2 == 0 && t.f3.is_empty() && t.f4 == 0
}

/// The database's topic `existing` with the form mapping of the file's topic `file`: names and
/// order stay the database's.
pub(crate) fn taken(existing: &Topic, file: &Topic) -> Topic {
    Topic {
        f1: file.f1,
        f2: file.f2,
        f3: file.f3.clone(),
        f4: file.f4,
        ..existing.clone()
    }
}

/// Writes each taken change to the audit trail (topics have no audit triggers: their edits by
/// hand are settings, an import's are not).
pub(crate) fn audit(tx: &Tx, changes: &[MappingChange]) -> Result<()> {
    for c in changes {
        let diff = serde_json::json!({ c.form: [c.old, c.new] }).to_string();
        reference::audit_topic_change(tx, c.topic_id, &diff)?;
    }
    Ok(())
}
