//! The database's topics, settlements and executors as the rows of a table name them:
//! matched by name as typed (or as the user said), the settlements and executors the file
//! adds created once, the reception days of a journal's reception rows.

use super::columns::Field;
use super::rows::Reader;
use super::words::{self, best_match, fold};
use super::{Options, Preview};
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::model::*;
use crate::store::{Tx, reference};
use std::collections::HashMap;

/// The database's topics, settlements and executors, matched by name as typed; settlements
/// and executors the file adds are created once.
pub(super) struct Refs {
    topics: Vec<(i64, Vec<String>)>,
    by_code: HashMap<String, i64>,
    user_topics: HashMap<String, i64>,
    default_topic: Option<i64>,
    settlements: Vec<(i64, Vec<String>)>,
    /// The user's words for settlements → an existing settlement (`--settlement`).
    user_settlements: HashMap<String, i64>,
    executors: Vec<(i64, Vec<String>)>,
    staff: Vec<(i64, Vec<String>)>,
    receptions: HashMap<chrono::NaiveDate, i64>,
    /// What each word typed was matched to: a journal repeats its topics and villages on
    /// every row, and a tolerant match is not free.
    seen: HashMap<(u8, String), Option<i64>>,
    /// Topics typed that match none, each once, in the order met.
    pub unknown_topics: Vec<String>,
}

impl Refs {
    pub fn load(tx: &Tx, o: &Options) -> Result<Refs> {
        let topics = reference::topics(tx)?;
        let by_code: HashMap<String, i64> = topics.iter().map(|t| (t.code.clone(), t.id)).collect();
        let code = |c: &str| {
            by_code.get(c.trim()).copied().ok_or_else(|| {
                Error::Other(Text::new("err.import.unknown_topic_code").arg("code", c))
            })
        };
        let mut user_topics = HashMap::new();
        for (word, c) in &o.topics {
            user_topics.insert(fold(word), code(c)?);
        }
        let default_topic = o.default_topic.as_deref().map(code).transpose()?;
        let settlements: Vec<(i64, Vec<String>)> = reference::settlements(tx)?
            .into_iter()
            .map(|s| {
                (
                    s.id,
                    vec![
                        words::settlement_name(&s.name_ru),
                        words::settlement_name(&s.name_kk),
                    ],
                )
            })
            .collect();
        let mut user_settlements = HashMap::new();
        for (word, name) in &o.settlements {
            let id = best_match(&words::settlement_name(name), &settlements).ok_or_else(|| {
                Error::Other(Text::new("err.import.unknown_settlement").arg("name", name))
            })?;
            user_settlements.insert(words::settlement_name(word), id);
        }
        Ok(Refs {
            topics: topics
                .iter()
                .map(|t| {
                    (
                        t.id,
                        vec![t.name_ru.clone(), t.name_kk.clone(), t.code.clone()],
                    )
                })
                .collect(),
            by_code,
            user_topics,
            default_topic,
            settlements,
            user_settlements,
            executors: reference::executors(tx)?
                .into_iter()
                .map(|e| (e.id, vec![e.name]))
                .collect(),
            staff: reference::staff(tx)?
                .into_iter()
                .map(|s| (s.id, vec![s.full_name]))
                .collect(),
            receptions: HashMap::new(),
            seen: HashMap::new(),
            unknown_topics: Vec::new(),
        })
    }

    /// `best_match` over `names`, once per word typed.
    fn matched(&mut self, kind: u8, typed: &str) -> Option<i64> {
        let key = (kind, typed.to_string());
        if let Some(id) = self.seen.get(&key) {
            return *id;
        }
        let names = match kind {
            0 => &self.topics,
            1 => &self.settlements,
            2 => &self.executors,
            _ => &self.staff,
        };
        let id = best_match(typed, names);
        self.seen.insert(key, id);
        id
    }

    /// The topic row `index` names in column `field`: as the user mapped the word, by code,
    /// else by name; an empty cell takes the default topic. A topic that matches none, or a
    /// required one missing, is a problem of the row.
    pub fn topic(
        &mut self,
        reader: &mut Reader,
        index: usize,
        field: Field,
        required: bool,
    ) -> Option<i64> {
        let typed = reader.text(index, field);
        let typed = typed.trim();
        let found = if typed.is_empty() {
            self.default_topic.filter(|_| required)
        } else {
            match self
                .user_topics
                .get(&fold(typed))
                .or_else(|| self.by_code.get(typed))
            {
                Some(id) => Some(*id),
                None => self.matched(0, typed),
            }
        };
        match found {
            Some(id) => Some(id),
            None if typed.is_empty() => {
                if required {
                    reader.problem(index, field, Text::new("import.value.no_topic"));
                }
                None
            }
            None => {
                if !self.unknown_topics.iter().any(|t| t == typed) {
                    self.unknown_topics.push(typed.to_string());
                }
                reader.problem(
                    index,
                    field,
                    Text::new("import.value.unknown_topic").arg("value", typed),
                );
                None
            }
        }
    }

    /// The settlement typed: the one the user mapped the word to, the one it names, else
    /// a new one (listed in the preview).
    pub fn settlement(&mut self, tx: &Tx, typed: &str, p: &mut Preview) -> Result<Option<i64>> {
        let name = words::settlement_name(typed);
        if name.is_empty() {
            return Ok(None);
        }
        if let Some(id) = self.user_settlements.get(&name) {
            return Ok(Some(*id));
        }
        if let Some(id) = self.matched(1, &name) {
            return Ok(Some(id));
        }
        let id = reference::save_settlement(
            tx,
            &Settlement {
                name_ru: typed.trim().to_string(),
                active: true,
                ..Default::default()
            },
        )?;
        self.settlements.push((id, vec![name.clone()]));
        self.seen.insert((1, name), Some(id));
        p.new_settlements.push(typed.trim().to_string());
        Ok(Some(id))
    }

    /// The okrug akim's reception on the appeal's day: the one the database has, else new.
    pub fn reception(&mut self, tx: &Tx, a: &Appeal, p: &mut Preview) -> Result<i64> {
        let day = a.received_at.date();
        if let Some(id) = self.receptions.get(&day) {
            return Ok(*id);
        }
        let id = match reference::receptions(tx, day, day)?
            .into_iter()
            .find(|r| r.akim_level == LEVEL_OKRUG)
        {
            Some(r) => r.id,
            None => {
                p.new_receptions += 1;
                reference::save_reception(
                    tx,
                    &Reception {
                        id: 0,
                        held_on: day,
                        akim_level: LEVEL_OKRUG,
                        host_name: String::new(),
                        settlement_id: a.settlement_id,
                        note: String::new(),
                    },
                )?
            }
        };
        self.receptions.insert(day, id);
        Ok(id)
    }

    /// The executor typed: the one the database has, else added (and listed).
    pub fn executor(&mut self, tx: &Tx, typed: &str, p: &mut Preview) -> Result<Option<i64>> {
        self.named(2, typed, &mut p.new_executors, |typed| {
            // «Иванов И.И.», «Ахметова Айгуль Канатовна»: a person; anything else an
            // organisation.
            let words = typed.split_whitespace().count();
            let person = (2..=3).contains(&words) && !typed.contains(['«', '"']);
            reference::save_executor(
                tx,
                &Executor {
                    id: 0,
                    name: typed.to_string(),
                    kind: if person {
                        ExecutorKind::Person
                    } else {
                        ExecutorKind::Organisation
                    },
                    phone: String::new(),
                    active: true,
                },
            )
        })
    }

    /// The member of staff typed: the one the database has, else added (name only; listed).
    pub fn staff(&mut self, tx: &Tx, typed: &str, p: &mut Preview) -> Result<Option<i64>> {
        self.named(3, typed, &mut p.new_staff, |typed| {
            reference::save_staff(
                tx,
                &Staff {
                    full_name: typed.to_string(),
                    active: true,
                    ..Default::default()
                },
            )
        })
    }

    /// The executor (`kind` 2) or member of staff (3) typed: matched by name, else added by
    /// `add` once, and named in `added`.
    fn named(
        &mut self,
        kind: u8,
        typed: &str,
        added: &mut Vec<String>,
        add: impl FnOnce(&str) -> Result<i64>,
    ) -> Result<Option<i64>> {
        let typed = typed.trim();
        if typed.is_empty() {
            return Ok(None);
        }
        if let Some(id) = self.matched(kind, typed) {
            return Ok(Some(id));
        }
        let id = add(typed)?;
        let names = if kind == 2 {
            &mut self.executors
        } else {
            &mut self.staff
        };
        names.push((id, vec![typed.to_string()]));
        self.seen.insert((kind, typed.to_string()), Some(id));
        added.push(typed.to_string());
        Ok(Some(id))
    }
}
