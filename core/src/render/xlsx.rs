//! A form as an Excel workbook: one sheet per table, each with the title block, merged header
//! cells, numbers stored as numbers, and print setup (A4 in the form's orientation, fit to the
//! page width, header rows repeated on every printed page).

use crate::error::{Error, Result};
use crate::forms::{Align, Cell, ColumnRole, Form, Orientation, RowMark, Table};
use crate::i18n::Text;
use rust_xlsxwriter::{
    DocProperties, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

fn err(e: XlsxError) -> Error {
    Error::Other(Text::new("forms.err.render").arg("detail", e))
}

fn align(a: Align) -> FormatAlign {
    match a {
        Align::Left => FormatAlign::Left,
        Align::Center => FormatAlign::Center,
        Align::Right => FormatAlign::Right,
    }
}

fn boxed() -> Format {
    Format::new()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter)
        .set_font_size(10)
}

/// Writes `s` over columns `c0..=c1` of `row` (merged when wider than one column).
fn span(
    ws: &mut Worksheet,
    row: u32,
    c0: u16,
    c1: u16,
    s: &str,
    f: &Format,
) -> Result<(), XlsxError> {
    if c1 > c0 {
        ws.merge_range(row, c0, row, c1, s, f)?;
    } else {
        ws.write_string_with_format(row, c0, s, f)?;
    }
    Ok(())
}

/// Rough row height (points) for `text` wrapped in a column `chars` wide.
fn height_for(text: &str, chars: f64) -> f64 {
    let len = text.chars().count() as f64;
    let lines = (len / chars.max(1.0)).ceil().max(1.0);
    lines * 13.5 + 2.0
}

fn sheet(
    ws: &mut Worksheet,
    form: &Form,
    t: &Table,
    first: bool,
    last: bool,
) -> Result<(), XlsxError> {
    let widths = column_widths(ws, form, t)?;
    let mut row = title_block(ws, form, t, &widths, first)?;
    row = header(ws, t, &widths, row)?;
    for r in &t.rows {
        body_row(ws, t, &widths, r, row)?;
        row += 1;
    }
    if last {
        footer(ws, form, t, &widths, row + 1)?;
    }
    print_setup(ws, form)
}

/// Sets the columns' widths (characters) in the proportions the form gives, across the page;
/// returns them.
fn column_widths(ws: &mut Worksheet, form: &Form, t: &Table) -> Result<Vec<f64>, XlsxError> {
    let total_chars = match form.orientation {
        Orientation::Portrait => 95.0,
        Orientation::Landscape => 150.0,
    };
    let sum: f32 = t.columns.iter().map(|c| c.width).sum::<f32>().max(1.0);
    let widths: Vec<f64> = t
        .columns
        .iter()
        .map(|c| total_chars * (c.width / sum) as f64)
        .collect();
    for (i, w) in widths.iter().enumerate() {
        ws.set_column_width(i as u16, *w)?;
    }
    Ok(widths)
}

/// The form's title, the preamble (on the first sheet) and the table's caption; returns the
/// next free row.
fn title_block(
    ws: &mut Worksheet,
    form: &Form,
    t: &Table,
    widths: &[f64],
    first: bool,
) -> Result<u32, XlsxError> {
    let last_col = (t.columns.len() as u16).saturating_sub(1);
    let full: f64 = widths.iter().sum();
    let title = Format::new()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_text_wrap()
        .set_font_size(12);
    let plain = Format::new().set_text_wrap().set_font_size(10);
    let mut row = 0u32;
    for l in &form.title {
        span(ws, row, 0, last_col, &l.text, &title)?;
        ws.set_row_height(row, height_for(&l.text, full * 0.9).max(16.0))?;
        row += 1;
    }
    row += 1;
    if first {
        for p in &form.preamble {
            span(ws, row, 0, last_col, p, &plain)?;
            ws.set_row_height(row, height_for(p, full))?;
            row += 2;
        }
    }
    if !t.caption.is_empty() {
        span(ws, row, 0, last_col, &t.caption, &Format::new().set_bold())?;
        row += 1;
    }
    Ok(row)
}

/// The table's header from `head0`: merged cells over their spans, rotated narrow headers read
/// bottom to top, repeated on every printed page; returns the first row of the body.
fn header(ws: &mut Worksheet, t: &Table, widths: &[f64], head0: u32) -> Result<u32, XlsxError> {
    for h in &t.header {
        let mut f = boxed().set_bold().set_align(FormatAlign::Center);
        if h.rotate {
            f = f.set_rotation(90);
        }
        let (r0, c0) = (head0 + h.row as u32, h.col as u16);
        let (r1, c1) = (
            r0 + h.row_span.max(1) as u32 - 1,
            c0 + h.col_span.max(1) as u16 - 1,
        );
        if r1 > r0 || c1 > c0 {
            ws.merge_range(r0, c0, r1, c1, &h.text, &f)?;
        } else {
            ws.write_string_with_format(r0, c0, &h.text, &f)?;
        }
    }
    if t.header_rows == 0 {
        return Ok(head0);
    }
    let rotated = t
        .header
        .iter()
        .filter(|h| h.rotate)
        .map(|h| h.text.chars().count())
        .max();
    let last_head = head0 + t.header_rows as u32 - 1;
    if let Some(n) = rotated {
        // Rotated text runs along the row height: about 5.5 points per character.
        ws.set_row_height(last_head, (n as f64 * 5.5).clamp(60.0, 400.0))?;
    }
    for h in t.header.iter().filter(|h| !h.rotate && h.row_span == 1) {
        let chars: f64 = widths[h.col..(h.col + h.col_span).min(widths.len())]
            .iter()
            .sum();
        let r = head0 + h.row as u32;
        if rotated.is_none() || r != last_head {
            ws.set_row_height(r, height_for(&h.text, chars * 1.1))?;
        }
    }
    ws.set_repeat_rows(head0, last_head)?;
    Ok(last_head + 1)
}

/// One row of the table's body at `row`: numbers stored as numbers, the row as tall as its
/// longest wrapped text.
fn body_row(
    ws: &mut Worksheet,
    t: &Table,
    widths: &[f64],
    r: &crate::forms::Row,
    row: u32,
) -> Result<(), XlsxError> {
    let mut f = boxed();
    match r.mark {
        RowMark::Total | RowMark::Group => f = f.set_bold(),
        RowMark::Overdue => f = f.set_background_color(0xE6E6E6),
        RowMark::Normal => {}
    }
    if r.italic {
        f = f.set_italic();
    }
    if r.mark == RowMark::Group {
        let last_col = (t.columns.len() as u16).saturating_sub(1);
        return span(ws, row, 0, last_col, &r.label, &f);
    }
    let values = t.value_columns();
    let mut tallest = 15.0_f64;
    for (i, col) in t.columns.iter().enumerate() {
        let c = i as u16;
        let cf = f.clone().set_align(align(col.align));
        match col.role {
            ColumnRole::Number => {
                ws.write_string_with_format(row, c, &r.number, &cf)?;
            }
            ColumnRole::Label => {
                ws.write_string_with_format(row, c, &r.label, &cf.set_indent(r.level))?;
                tallest = tallest.max(height_for(&r.label, widths[i] - 2.0 * r.level as f64));
            }
            ColumnRole::Value => {
                let k = values.iter().position(|&v| v == i).expect("value column");
                let cell = r.cells.get(k).unwrap_or(&Cell::Empty);
                if let Some(h) = value_cell(ws, row, c, cell, cf)? {
                    tallest = tallest.max(height_for(h, widths[i]));
                }
            }
        }
    }
    ws.set_row_height(row, tallest)?;
    Ok(())
}

/// Writes one value cell; returns its text when it is text (it may wrap).
fn value_cell<'c>(
    ws: &mut Worksheet,
    row: u32,
    c: u16,
    cell: &'c Cell,
    cf: Format,
) -> Result<Option<&'c str>, XlsxError> {
    match cell {
        Cell::Empty => {
            ws.write_blank(row, c, &cf)?;
        }
        Cell::Int(n) => {
            ws.write_number_with_format(row, c, *n as f64, &cf)?;
        }
        Cell::Dec { value, places } => {
            let fmt = format!("0.{}", "0".repeat(*places as usize));
            ws.write_number_with_format(row, c, *value, &cf.set_num_format(fmt))?;
        }
        Cell::Text(s) => {
            ws.write_string_with_format(row, c, s, &cf)?;
            return Ok(Some(s));
        }
    }
    Ok(None)
}

/// The postscript and the signature block (position, name, executor) from `row`, on the last
/// sheet.
fn footer(
    ws: &mut Worksheet,
    form: &Form,
    t: &Table,
    widths: &[f64],
    mut row: u32,
) -> Result<(), XlsxError> {
    let ncols = t.columns.len() as u16;
    let last_col = ncols.saturating_sub(1);
    let full: f64 = widths.iter().sum();
    let plain = Format::new().set_text_wrap().set_font_size(10);
    for p in &form.postscript {
        span(ws, row, 0, last_col, p, &plain)?;
        ws.set_row_height(row, height_for(p, full))?;
        row += 1;
    }
    row += 1;
    let f = &form.footer;
    let bold = Format::new().set_bold();
    let split = (ncols / 2).max(1);
    span(
        ws,
        row,
        0,
        split.saturating_sub(1),
        &f.position,
        &bold.clone().set_text_wrap(),
    )?;
    ws.set_row_height(
        row,
        height_for(&f.position, widths[..split as usize].iter().sum()),
    )?;
    if last_col >= split {
        span(
            ws,
            row,
            split,
            last_col,
            &format!("_______________ {}", f.name),
            &bold.set_align(FormatAlign::Right),
        )?;
    }
    row += 2;
    if !f.executor.is_empty() {
        ws.write_string_with_format(row, 0, &f.executor, &Format::new().set_font_size(8))?;
    }
    Ok(())
}

/// A4 in the form's orientation, fit to the page width, centred.
fn print_setup(ws: &mut Worksheet, form: &Form) -> Result<(), XlsxError> {
    ws.set_paper_size(9);
    if form.orientation == Orientation::Landscape {
        ws.set_landscape();
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.4, 0.3, 0.5, 0.5, 0.3, 0.3);
    Ok(())
}

/// A sheet name Excel accepts: none of `[]:*?/\\`, at most 31 characters.
fn sheet_name(s: &str) -> String {
    s.chars()
        .map(|c| if "[]:*?/\\'".contains(c) { ' ' } else { c })
        .take(31)
        .collect::<String>()
        .trim()
        .to_string()
}

/// Renders a computed form as .xlsx bytes.
pub fn render(form: &Form) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let title = form
        .title
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    wb.set_properties(&DocProperties::new().set_title(&title).set_author("Estu"));
    let n = form.tables.len();
    for (i, t) in form.tables.iter().enumerate() {
        let ws = wb.add_worksheet();
        let name = if !t.sheet.trim().is_empty() {
            sheet_name(&t.sheet)
        } else if n == 1 {
            form.kind.code().to_uppercase()
        } else {
            format!("{}-{}", form.kind.code().to_uppercase(), i + 1)
        };
        ws.set_name(name).map_err(err)?;
        sheet(ws, form, t, i == 0, i + 1 == n).map_err(err)?;
    }
    wb.save_to_buffer().map_err(err)
}
