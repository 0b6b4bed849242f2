//! Bringing in the journals an okrug already keeps in Excel, LibreOffice or CSV: the columns
//! found from their headers and confirmed by the user, the values read as people type them,
//! a preview of what would be written (every problem with its row and column), then all or
//! nothing in one transaction.

mod columns;
mod csv;
mod rows;
mod sheet;
mod words;

pub use columns::{Field, Mapping};
pub use sheet::read_bytes;
pub use sheet::{Cell, Grid, column_letter, read};
pub use words::{best_match, fold};

use crate::error::{Error, Problem, Result};
use crate::i18n::Text;
use crate::model::*;
use crate::store::{Db, Store, Tx, appeals, reference};
use rows::{Reader, RowAppeal};
use std::collections::HashMap;
use std::path::Path;

/// Whether `path` names a spreadsheet (by its extension) rather than an exchange file.
pub fn is_table(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "ods" | "csv")
}

/// A table read from the user's file.
#[derive(Debug, Clone)]
pub struct Table {
    /// The file's name as the user sees it (in messages).
    pub file: String,
    pub grid: Grid,
}

impl Table {
    pub fn open(path: &Path) -> Result<Table> {
        Ok(Table {
            file: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            grid: read(path)?,
        })
    }

    /// A table held in memory (the samples the app offers), named `name` in messages.
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Result<Table> {
        Ok(Table {
            file: name.to_string(),
            grid: sheet::read_bytes(name, bytes)?,
        })
    }

    /// The columns: as the user saved them for files of this shape, else as the headers say.
    pub fn mapping(&self, conn: &Db) -> Result<Mapping> {
        let Some(found) = columns::detect(&self.grid) else {
            return Err(Error::Other(
                Text::new("err.tabular.no_headers").arg("path", &self.file),
            ));
        };
        Ok(columns::saved(conn, &found)?.unwrap_or(found))
    }

    /// The user's row number of data row `index` (for previews).
    pub fn row_number(&self, index: usize) -> usize {
        self.grid.first_row + index
    }
}

/// What the user chose.
#[derive(Debug, Clone)]
pub struct Options {
    /// Check and count, write nothing.
    pub dry_run: bool,
    /// The channel of rows that name none (a reception journal: the reception).
    pub default_channel: Channel,
    /// The topic (code) of rows whose topic cell is empty.
    pub default_topic: Option<String>,
    /// The user's words for topics → topic codes (`--topic "Свет=electricity"`).
    pub topics: Vec<(String, String)>,
    /// Remember the mapping for the next file with the same headers.
    pub remember: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            dry_run: false,
            default_channel: Channel::Reception,
            default_topic: None,
            topics: Vec::new(),
            remember: true,
        }
    }
}

/// What an import wrote, or (a dry run) would write.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Preview {
    pub appeals: usize,
    pub answered: usize,
    /// Settlements and executors the file names that the database lacks: created.
    pub new_settlements: Vec<String>,
    pub new_executors: Vec<String>,
    /// Reception days the journal's reception rows fall on that the database lacks: created
    /// (the okrug akim's, in the row's settlement).
    pub new_receptions: usize,
    pub written: bool,
}

/// Checks every row and, unless `dry_run`, writes them all in one transaction; any problem
/// refuses the whole file (the database stays as it was) and every problem is returned.
pub fn import(store: &mut Store, table: &Table, mapping: &Mapping, o: &Options) -> Result<Preview> {
    let mut kept = None;
    let r = store.write_bulk(|tx| {
        let p = write(tx, table, mapping, o)?;
        if o.dry_run {
            kept = Some(p);
            // Rolls the transaction back: the preview ran every check a write would.
            return Err(Error::Other(Text::new("import.dry_run")));
        }
        Ok(p)
    });
    match (r, kept) {
        (_, Some(p)) => Ok(p),
        (r, None) => r,
    }
}

/// What a check of the whole file found, written nothing: what would be written, every
/// problem with its row and column, and the topics typed that match none of the database's
/// (for the user to map).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Check {
    pub preview: Preview,
    pub problems: Vec<Problem>,
    pub unknown_topics: Vec<String>,
}

/// Runs every check an import would in a transaction rolled back: the app's preview.
pub fn check(store: &mut Store, table: &Table, mapping: &Mapping, o: &Options) -> Result<Check> {
    let mut kept = None;
    let r: Result<()> = store.write_bulk(|tx| {
        kept = Some(run(tx, table, mapping, o)?);
        Err(Error::Other(Text::new("import.dry_run")))
    });
    match (r, kept) {
        (_, Some(c)) => Ok(c),
        (Err(e), None) => Err(e),
        (Ok(()), None) => Ok(Check::default()),
    }
}

fn write(tx: &mut Tx, table: &Table, mapping: &Mapping, o: &Options) -> Result<Preview> {
    let mut c = run(tx, table, mapping, o)?;
    if !c.problems.is_empty() {
        return Err(Error::Invalid(c.problems));
    }
    if o.remember {
        columns::save(tx, mapping)?;
    }
    c.preview.written = !o.dry_run;
    Ok(c.preview)
}

/// Reads and inserts every row; the rows with problems are left out and their problems
/// returned (the caller refuses the file when there is any).
fn run(tx: &mut Tx, table: &Table, mapping: &Mapping, o: &Options) -> Result<Check> {
    let mut reader = Reader {
        grid: &table.grid,
        mapping,
        file: table.file.clone(),
        problems: Vec::new(),
    };
    if mapping.column_of(Field::ReceivedOn).is_none() || mapping.column_of(Field::Summary).is_none()
    {
        return Err(Error::Other(
            Text::new("err.tabular.needs_columns").arg("path", &table.file),
        ));
    }
    let indexes: Vec<usize> = reader.data_rows().collect();
    let rows: Vec<RowAppeal> = indexes
        .iter()
        .filter_map(|&i| reader.appeal(i, o.default_channel))
        .collect();
    let mut refs = Refs::load(tx, o)?;
    let mut preview = Preview::default();
    for mut r in rows {
        let before = reader.problems.len();
        r.appeal.topic_id = refs.topic(&mut reader, &r);
        r.appeal.settlement_id = refs.settlement(tx, &r.settlement, &mut preview)?;
        r.appeal.executor_id = refs.executor(tx, &r.executor, &mut preview)?;
        if r.appeal.channel == Channel::Reception {
            r.appeal.reception_id = Some(refs.reception(tx, &r.appeal, &mut preview)?);
        }
        if reader.problems.len() > before {
            continue;
        }
        match appeals::insert(tx, &mut r.appeal) {
            Ok(_) => {
                preview.appeals += 1;
                preview.answered += usize::from(r.appeal.outcome.is_some());
            }
            Err(Error::Invalid(ps)) => {
                for p in ps {
                    let record = reader.place(r.index, Some(&p.field));
                    reader.problems.push(Problem::new(record, &p.field, p.what));
                }
            }
            Err(e) => return Err(e),
        }
    }
    Ok(Check {
        preview,
        problems: reader.problems,
        unknown_topics: refs.unknown_topics,
    })
}

/// The database's topics, settlements and executors, matched by name as typed; settlements
/// and executors the file adds are created once.
struct Refs {
    topics: Vec<(i64, Vec<String>)>,
    by_code: HashMap<String, i64>,
    user_topics: HashMap<String, i64>,
    default_topic: Option<i64>,
    settlements: Vec<(i64, Vec<String>)>,
    executors: Vec<(i64, Vec<String>)>,
    receptions: HashMap<chrono::NaiveDate, i64>,
    /// What each word typed was matched to: a journal repeats its topics and villages on
    /// every row, and a tolerant match is not free.
    seen: HashMap<(u8, String), Option<i64>>,
    /// Topics typed that match none, each once, in the order met.
    unknown_topics: Vec<String>,
}

impl Refs {
    fn load(tx: &Tx, o: &Options) -> Result<Refs> {
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
            settlements: reference::settlements(tx)?
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
                .collect(),
            executors: reference::executors(tx)?
                .into_iter()
                .map(|e| (e.id, vec![e.name]))
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
            _ => &self.executors,
        };
        let id = best_match(typed, names);
        self.seen.insert(key, id);
        id
    }

    fn topic(&mut self, reader: &mut Reader, r: &RowAppeal) -> i64 {
        let typed = r.topic.trim();
        let found = if typed.is_empty() {
            self.default_topic
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
            Some(id) => id,
            None if typed.is_empty() => {
                reader.problem(r.index, Field::Topic, Text::new("import.value.no_topic"));
                0
            }
            None => {
                if !self.unknown_topics.iter().any(|t| t == typed) {
                    self.unknown_topics.push(typed.to_string());
                }
                reader.problem(
                    r.index,
                    Field::Topic,
                    Text::new("import.value.unknown_topic").arg("value", typed),
                );
                0
            }
        }
    }

    fn settlement(&mut self, tx: &Tx, typed: &str, p: &mut Preview) -> Result<Option<i64>> {
        let name = words::settlement_name(typed);
        if name.is_empty() {
            return Ok(None);
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
    fn reception(&mut self, tx: &Tx, a: &Appeal, p: &mut Preview) -> Result<i64> {
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

    fn executor(&mut self, tx: &Tx, typed: &str, p: &mut Preview) -> Result<Option<i64>> {
        let typed = typed.trim();
        if typed.is_empty() {
            return Ok(None);
        }
        if let Some(id) = self.matched(2, typed) {
            return Ok(Some(id));
        }
        // «Иванов И.И.», «Ахметова Айгуль Канатовна»: a person; anything else an organisation.
        let words = typed.split_whitespace().count();
        let person = (2..=3).contains(&words) && !typed.contains(['«', '"']);
        let id = reference::save_executor(
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
        )?;
        self.executors.push((id, vec![typed.to_string()]));
        self.seen.insert((2, typed.to_string()), Some(id));
        p.new_executors.push(typed.to_string());
        Ok(Some(id))
    }
}
