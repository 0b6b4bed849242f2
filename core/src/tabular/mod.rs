//! Bringing in the journals an okrug already keeps in Excel, LibreOffice or CSV: the columns
//! found from their headers and confirmed by the user, the values read as people type them,
//! a preview of what would be written (every problem with its row and column), then all or
//! nothing in one transaction.

mod columns;
mod csv;
mod meetings;
mod plan;
mod refs;
mod rows;
mod sheet;
mod words;

pub use columns::{Field, Kind, Mapping};
pub use sheet::read_bytes;
pub use sheet::{Cell, Grid, column_letter, read};
pub use words::{best_match, fold};

use crate::error::{Error, Problem, Result};
use crate::i18n::Text;
use crate::model::*;
use crate::store::{Db, Store, Tx, appeals};
use refs::Refs;
use rows::{Reader, RowAppeal};
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
        self.mapping_as(conn, None)
    }

    /// `mapping`, the rows being of `kind` when the user says (else as the headers say).
    pub fn mapping_as(&self, conn: &Db, kind: Option<Kind>) -> Result<Mapping> {
        let Some(found) = columns::detect(&self.grid, kind) else {
            return Err(Error::Other(
                Text::new("err.tabular.no_headers").arg("path", &self.file),
            ));
        };
        Ok(columns::saved(conn, &found, kind)?.unwrap_or(found))
    }

    /// The columns as the headers say for rows of `kind` (the user changed what the file
    /// holds); `None` when no row has two of that kind's headers.
    pub fn detected(&self, kind: Kind) -> Option<Mapping> {
        columns::detect(&self.grid, Some(kind))
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
    /// The user's words for settlements → an existing settlement's name (`--settlement
    /// "Новоселовка=Красный Яр"`); a settlement typed that matches none is otherwise added.
    pub settlements: Vec<(String, String)>,
    /// The kind of the meetings of rows that name none.
    pub meeting_kind: MeetingKind,
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
            settlements: Vec::new(),
            meeting_kind: MeetingKind::Gathering,
            remember: true,
        }
    }
}

/// What an import wrote, or (a dry run) would write.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Preview {
    pub appeals: usize,
    pub answered: usize,
    /// Meetings added (a meeting the database has on the same day, of the same kind, in the
    /// same settlement takes the questions instead), questions, plan items.
    pub meetings: usize,
    pub questions: usize,
    pub plan_items: usize,
    /// Settlements and executors the file names that the database lacks: created.
    pub new_settlements: Vec<String>,
    pub new_executors: Vec<String>,
    /// Staff the file names as having accepted appeals that the database lacks: added.
    pub new_staff: Vec<String>,
    /// Reception days the journal's reception rows fall on that the database lacks: created
    /// (the okrug akim's, in the row's settlement).
    pub new_receptions: usize,
    pub written: bool,
}

/// Checks every row and, unless `dry_run`, writes them all in one transaction; any problem
/// refuses the whole file (the database stays as it was) and every problem is returned.
pub fn import(store: &mut Store, table: &Table, mapping: &Mapping, o: &Options) -> Result<Preview> {
    if o.dry_run {
        // Every check a write would run, then rolled back.
        store.try_bulk(|tx| write(tx, table, mapping, o))
    } else {
        store.write_bulk(|tx| write(tx, table, mapping, o))
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
    store.try_bulk(|tx| run(tx, table, mapping, o))
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

impl Preview {
    /// Records of any kind written (or, a dry run, to be written).
    pub fn records(&self) -> usize {
        self.appeals + self.meetings + self.questions + self.plan_items
    }

    /// What was loaded from a table of `kind` (or, unless `written`, checked and would be).
    pub fn said(&self, kind: Kind) -> Text {
        let key = match (kind, self.written) {
            (Kind::Appeals, true) => "cli.tabular.done",
            (Kind::Appeals, false) => "cli.tabular.would",
            (Kind::Meetings, true) => "cli.tabular.done_meetings",
            (Kind::Meetings, false) => "cli.tabular.would_meetings",
            (Kind::Plan, true) => "cli.tabular.done_plan",
            (Kind::Plan, false) => "cli.tabular.would_plan",
        };
        Text::new(key)
            .arg("appeals", self.appeals)
            .arg("answered", self.answered)
            .arg("meetings", self.meetings)
            .arg("questions", self.questions)
            .arg("plan", self.plan_items)
    }
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
    let kind = mapping.kind;
    if kind
        .required()
        .iter()
        .any(|f| mapping.column_of(*f).is_none())
    {
        return Err(Error::Other(
            Text::new(format!("err.tabular.needs_columns.{}", kind.code()))
                .arg("path", &table.file),
        ));
    }
    let mut refs = Refs::load(tx, o)?;
    let mut preview = Preview::default();
    match kind {
        Kind::Appeals => journal(tx, &mut reader, &mut refs, o, &mut preview)?,
        Kind::Meetings => meetings::run(tx, &mut reader, &mut refs, o, &mut preview)?,
        Kind::Plan => plan::run(tx, &mut reader, &mut refs, &mut preview)?,
    }
    Ok(Check {
        preview,
        problems: reader.problems,
        unknown_topics: refs.unknown_topics,
    })
}

/// A journal's rows as appeals (with the reception days of those received in person).
fn journal(
    tx: &mut Tx,
    reader: &mut Reader,
    refs: &mut Refs,
    o: &Options,
    preview: &mut Preview,
) -> Result<()> {
    let indexes: Vec<usize> = reader.data_rows().collect();
    let rows: Vec<RowAppeal> = indexes
        .iter()
        .filter_map(|&i| reader.appeal(i, o.default_channel))
        .collect();
    let mut repeats = Vec::new();
    for mut r in rows {
        let before = reader.problems.len();
        r.appeal.topic_id = refs.topic(reader, r.index, Field::Topic, true).unwrap_or(0);
        r.appeal.settlement_id = refs.settlement(tx, &r.settlement, preview)?;
        r.appeal.executor_id = refs.executor(tx, &r.executor, preview)?;
        r.appeal.accepted_by = refs.staff(tx, &r.accepted_by, preview)?;
        if r.appeal.channel == Channel::Reception {
            r.appeal.reception_id = Some(refs.reception(tx, &r.appeal, preview)?);
        }
        if reader.problems.len() > before {
            continue;
        }
        match appeals::insert(tx, &mut r.appeal) {
            Ok(id) => {
                preview.appeals += 1;
                preview.answered += usize::from(r.appeal.outcome.is_some());
                if !r.repeated_of.is_empty() {
                    repeats.push((r.index, id, r.repeated_of));
                }
            }
            Err(Error::Invalid(ps)) => reader.refused(r.index, ps),
            Err(e) => return Err(e),
        }
    }
    // Linked once all are in: a list newest first names an appeal of a row below.
    for (index, id, number) in repeats {
        match appeals::by_number(tx, &number) {
            Ok(earlier) => appeals::set_repeated_of(tx, id, earlier.id)?,
            Err(Error::NotFound(_)) => reader.problem(
                index,
                Field::RepeatedOf,
                Text::new("import.value.unknown_appeal").arg("value", number),
            ),
            Err(e) => return Err(e),
        }
    }
    Ok(())
}
