//! The one value every form is computed into. Renderers (PDF, Excel, JSON, the app's preview)
//! only lay it out: every label is already in the form's language and every number is final.

use crate::i18n::Lang;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Which official form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FormKind {
    F1,
    F2,
    F3,
    F4,
    F5,
}

impl FormKind {
    pub const ALL: [FormKind; 5] = [
        FormKind::F1,
        FormKind::F2,
        FormKind::F3,
        FormKind::F4,
        FormKind::F5,
    ];

    pub fn code(self) -> &'static str {
        match self {
            FormKind::F1 => "f1",
            FormKind::F2 => "f2",
            FormKind::F3 => "f3",
            FormKind::F4 => "f4",
            FormKind::F5 => "f5",
        }
    }

    pub fn parse(s: &str) -> Option<FormKind> {
        FormKind::ALL
            .into_iter()
            .find(|k| k.code().eq_ignore_ascii_case(s.trim()))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Orientation {
    Portrait,
    Landscape,
}

/// A computed form, ready to render.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Form {
    pub kind: FormKind,
    pub lang: Lang,
    pub orientation: Orientation,
    /// First and last day the numbers cover.
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The settlement the form is limited to, in the form's language (None: whole okrug).
    pub settlement: Option<String>,
    /// The day the form was produced (PDF/Excel metadata; the app shows it).
    pub produced_on: NaiveDate,
    /// Title block, centred, top to bottom.
    pub title: Vec<TitleLine>,
    /// Sentences between the title and the tables (F4's totals line).
    pub preamble: Vec<String>,
    pub tables: Vec<Table>,
    /// Lines right after the tables (F5's summary).
    pub postscript: Vec<String>,
    /// Bar charts drawn after the tables (F4's Рисунок 1 and 2).
    pub charts: Vec<Chart>,
    pub footer: Footer,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TitleLine {
    pub text: String,
    pub bold: bool,
}

/// What a column holds: the row number, the row label, or a value cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColumnRole {
    Number,
    Label,
    Value,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Column {
    /// Stable identifier (`total`, `cat3`, `q1`, `satisfied`…) for tests and machines.
    pub key: String,
    pub role: ColumnRole,
    /// Relative width: renderers share the page width in proportion to these.
    pub width: f32,
    pub align: Align,
}

/// One header cell; `row`/`col` are its top-left position in the header grid (columns count
/// every column of the table, number and label included).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeaderCell {
    pub text: String,
    pub row: usize,
    pub col: usize,
    pub row_span: usize,
    pub col_span: usize,
    /// Printed bottom to top (narrow category columns of F1).
    pub rotate: bool,
}

/// How a row stands out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RowMark {
    #[default]
    Normal,
    /// A total («Итого»), printed bold.
    Total,
    /// A plan item past its deadline and not done (F5).
    Overdue,
    /// A group heading spanning the whole width (its label only).
    Group,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// Stable identifier (`line2`, `line2.level6`, `cat.а`…) for tests and machines.
    pub key: String,
    /// What the № column shows (`1.`, `а)`…); empty when none.
    pub number: String,
    pub label: String,
    /// Nesting depth of the label: 0 for a line, 1 for its "в том числе" children, 2 below.
    pub level: u8,
    pub italic: bool,
    pub mark: RowMark,
    /// One cell per value column, in column order.
    pub cells: Vec<Cell>,
}

/// A value cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "t", content = "v", rename_all = "lowercase")]
pub enum Cell {
    Empty,
    Int(i64),
    /// A decimal (money in thousand tenge) printed with `places` decimals.
    Dec {
        value: f64,
        places: u8,
    },
    Text(String),
}

impl Cell {
    /// The cell as printed: integers plain, decimals with a comma, as Russian and Kazakh write.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Int(n) => n.to_string(),
            Cell::Dec { value, places } => {
                crate::input::format_number(*value, Some(*places as usize), false)
            }
            Cell::Text(s) => s.clone(),
        }
    }

    pub fn as_int(&self) -> Option<i64> {
        match self {
            Cell::Int(n) => Some(*n),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Cell::Int(n) => Some(*n as f64),
            Cell::Dec { value, .. } => Some(*value),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// «Таблица 1. …» above the table; empty when none.
    pub caption: String,
    /// The name of the table's Excel sheet (a district's annex: the okrug); empty: the form's
    /// code and the table's number.
    #[serde(default)]
    pub sheet: String,
    pub columns: Vec<Column>,
    /// Number of header rows (levels).
    pub header_rows: usize,
    pub header: Vec<HeaderCell>,
    pub rows: Vec<Row>,
    /// Repeat the header on every page the table spans.
    pub repeat_header: bool,
}

impl Table {
    /// Indexes of the value columns, in order (what `Row::cells` follow).
    pub fn value_columns(&self) -> Vec<usize> {
        (0..self.columns.len())
            .filter(|&i| self.columns[i].role == ColumnRole::Value)
            .collect()
    }

    pub fn row(&self, key: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.key == key)
    }

    /// The cell of row `row_key` in value column `col_key`.
    pub fn cell(&self, row_key: &str, col_key: &str) -> Option<&Cell> {
        let row = self.row(row_key)?;
        let idx = self
            .value_columns()
            .into_iter()
            .position(|i| self.columns[i].key == col_key)?;
        row.cells.get(idx)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chart {
    /// «Рисунок 1 - …», printed under the chart.
    pub caption: String,
    pub bars: Vec<Bar>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bar {
    pub label: String,
    pub value: f64,
}

/// The signature block and the executor line under it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Footer {
    /// «Аким Красноярского сельского округа».
    pub position: String,
    /// «Е.М. Серикбаев».
    pub name: String,
    /// «Исп.: Ахметова А.К., тел. 8 (7162) 40-12-34»; empty when the profile has no executor.
    pub executor: String,
}

impl Form {
    /// The first table (most forms have exactly one).
    pub fn table(&self) -> &Table {
        &self.tables[0]
    }
}
