//! A table as the user keeps it — the first sheet of a workbook (.xlsx, .xls, .ods) or a CSV
//! file — read into cells that keep their row and column in the user's file.

use super::csv;
use crate::error::{Error, Result};
use crate::i18n::Text;
use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use std::path::Path;

/// A cell's value as the file holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A cell Excel formats as a date or time.
    Moment(NaiveDateTime),
}

impl Cell {
    /// The cell as the user sees it, for messages and matching.
    pub fn shown(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.trim().to_string(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Moment(m) if m.time() == chrono::NaiveTime::MIN => {
                m.format("%d.%m.%Y").to_string()
            }
            Cell::Moment(m) => m.format("%d.%m.%Y %H:%M").to_string(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.shown().is_empty()
    }
}

/// The rows of a table; `first_row` is the number (from 1) of `rows[0]` in the user's file.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    pub rows: Vec<Vec<Cell>>,
    pub first_row: usize,
    pub first_col: usize,
}

/// Files larger than this are refused before reading (a 10,000-row journal is about 1 MB).
pub const MAX_FILE_BYTES: u64 = 200 << 20;

/// Reads the first sheet of a workbook or a CSV file, by the file's extension.
pub fn read(path: &Path) -> Result<Grid> {
    let len = crate::exchange::read::check_file(path)?;
    if len > MAX_FILE_BYTES {
        return Err(Error::Other(
            Text::new("err.import.too_big")
                .arg("path", path.display())
                .arg("mb", len >> 20),
        ));
    }
    match extension(path).as_str() {
        "csv" | "txt" => {
            let bytes = std::fs::read(path).map_err(|e| Error::file(path, e))?;
            Ok(csv_grid(&bytes))
        }
        "xlsx" | "xlsm" | "xls" | "ods" => {
            let unreadable =
                || Error::Other(Text::new("err.tabular.unreadable").arg("path", path.display()));
            workbook(
                calamine::open_workbook_auto(path).map_err(|_| unreadable())?,
                unreadable,
            )
        }
        _ => Err(Error::Other(
            Text::new("err.tabular.unknown_kind").arg("path", path.display()),
        )),
    }
}

/// Reads a table held in memory (the samples the app offers), its kind told by `name`'s
/// extension as `read` tells a file's.
pub fn read_bytes(name: &str, bytes: &[u8]) -> Result<Grid> {
    let path = Path::new(name);
    match extension(path).as_str() {
        "csv" | "txt" => Ok(csv_grid(bytes)),
        "xlsx" | "xlsm" | "xls" | "ods" => {
            let unreadable = || Error::Other(Text::new("err.tabular.unreadable").arg("path", name));
            workbook(
                calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
                    .map_err(|_| unreadable())?,
                unreadable,
            )
        }
        _ => Err(Error::Other(
            Text::new("err.tabular.unknown_kind").arg("path", name),
        )),
    }
}

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

fn csv_grid(bytes: &[u8]) -> Grid {
    Grid {
        rows: csv::parse(&csv::decode(bytes))
            .into_iter()
            .map(|r| r.into_iter().map(text_cell).collect())
            .collect(),
        first_row: 1,
        first_col: 1,
    }
}

fn text_cell(s: String) -> Cell {
    if s.trim().is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s)
    }
}

fn workbook<RS: std::io::Read + std::io::Seek>(
    mut book: calamine::Sheets<RS>,
    unreadable: impl Fn() -> Error,
) -> Result<Grid> {
    use calamine::{Data, Reader};
    let range = match book.worksheet_range_at(0) {
        Some(Ok(r)) => r,
        Some(Err(_)) => return Err(unreadable()),
        None => return Ok(Grid::default()),
    };
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let rows = range
        .rows()
        .map(|row| {
            row.iter()
                .map(|c| match c {
                    Data::Empty | Data::Error(_) => Cell::Empty,
                    Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
                        text_cell(s.clone())
                    }
                    Data::Int(i) => Cell::Number(*i as f64),
                    Data::Float(f) => Cell::Number(*f),
                    Data::Bool(b) => Cell::Text(b.to_string()),
                    Data::DateTime(d) => serial(d.as_f64()).map_or(Cell::Empty, Cell::Moment),
                })
                .collect()
        })
        .collect();
    Ok(Grid {
        rows,
        first_row: r0 as usize + 1,
        first_col: c0 as usize + 1,
    })
}

/// An Excel date serial (days since 30 December 1899, the fraction being the time of day; a
/// time alone is a fraction of day 0).
pub fn serial(v: f64) -> Option<NaiveDateTime> {
    if !(0.0..2_958_466.0).contains(&v) {
        return None;
    }
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?.and_hms_opt(0, 0, 0)?;
    let secs = (v * 86_400.0).round() as i64;
    base.checked_add_signed(TimeDelta::seconds(secs))
}

/// «A», «B», … «AA» for column `n` (from 1), as Excel shows it.
pub fn column_letter(mut n: usize) -> String {
    let mut s = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        s.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_and_letters() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(serial(44571.0).unwrap().date(), d(2022, 1, 10));
        assert_eq!(
            serial(44571.4375).unwrap(),
            d(2022, 1, 10).and_hms_opt(10, 30, 0).unwrap()
        );
        assert_eq!(
            serial(0.5).unwrap().time(),
            chrono::NaiveTime::from_hms_opt(12, 0, 0).unwrap()
        );
        assert_eq!(serial(-1.0), None);
        assert_eq!(column_letter(1), "A");
        assert_eq!(column_letter(26), "Z");
        assert_eq!(column_letter(27), "AA");
    }
}
