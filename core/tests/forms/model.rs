//! The form value every renderer lays out: the forms' codes as the command line and file names
//! write them, cells as printed and read back, and finding a cell by its row and column.

use crate::support::*;
use estu_core::Lang;
use estu_core::forms::{Align, Cell, Column, ColumnRole, FormKind, Row, RowMark, Table};

#[test]
fn a_form_is_named_by_its_code_and_found_by_it_in_any_case() {
    let codes: Vec<&str> = FormKind::ALL.iter().map(|k| k.code()).collect();
    assert_eq!(codes, ["f1", "f2", "f3", "f4", "f5"]);
    for k in FormKind::ALL {
        assert_eq!(FormKind::parse(k.code()), Some(k));
    }
    assert_eq!(FormKind::parse(" F4 "), Some(FormKind::F4));
    assert_eq!(FormKind::parse("f6"), None);
    assert_eq!(FormKind::parse(""), None);
}

#[test]
fn cells_print_as_russian_and_kazakh_write_numbers_and_read_back_as_numbers() {
    let dec = Cell::Dec {
        value: 1250.5,
        places: 2,
    };
    assert_eq!(Cell::Empty.text(), "");
    assert_eq!(Cell::Int(-42).text(), "-42");
    assert_eq!(dec.text(), "1250,50");
    assert_eq!(Cell::Text("да".into()).text(), "да");

    assert_eq!(Cell::Int(7).as_int(), Some(7));
    assert_eq!(dec.as_int(), None);
    assert_eq!(Cell::Empty.as_int(), None);

    assert_eq!(Cell::Int(7).as_f64(), Some(7.0));
    assert_eq!(dec.as_f64(), Some(1250.5));
    assert_eq!(Cell::Text("3".into()).as_f64(), None);
    assert_eq!(Cell::Empty.as_f64(), None);
}

fn column(key: &str, role: ColumnRole) -> Column {
    Column {
        key: key.into(),
        role,
        width: 1.0,
        align: Align::Right,
    }
}

fn row(key: &str, cells: Vec<Cell>) -> Row {
    Row {
        key: key.into(),
        number: String::new(),
        label: key.into(),
        level: 0,
        italic: false,
        mark: RowMark::Normal,
        cells,
    }
}

#[test]
fn a_cell_is_found_by_its_row_and_its_value_column() {
    let table = Table {
        caption: String::new(),
        sheet: String::new(),
        columns: vec![
            column("no", ColumnRole::Number),
            column("label", ColumnRole::Label),
            column("total", ColumnRole::Value),
            column("done", ColumnRole::Value),
        ],
        header_rows: 1,
        header: Vec::new(),
        rows: vec![
            row("line1", vec![Cell::Int(5), Cell::Int(3)]),
            row("line2", vec![Cell::Int(9), Cell::Int(8)]),
        ],
        repeat_header: false,
    };
    assert_eq!(table.value_columns(), [2, 3]);
    assert_eq!(table.row("line2").unwrap().cells[0], Cell::Int(9));
    assert!(table.row("line3").is_none());
    assert_eq!(table.cell("line1", "done"), Some(&Cell::Int(3)));
    assert_eq!(table.cell("line2", "total"), Some(&Cell::Int(9)));
    // Number and label columns hold no cell of the row.
    assert_eq!(table.cell("line1", "label"), None);
    assert_eq!(table.cell("line3", "total"), None);
}

#[test]
fn a_computed_form_hands_its_first_table() {
    let f = Fixture::new();
    let form = f.form(FormKind::F3, "2024", Lang::Ru);
    assert_eq!(form.table(), &form.tables[0]);
    assert!(!form.table().rows.is_empty());
}
