//! The on-screen preview of a computed form: the same `forms::Form` value the PDF and Excel
//! renderers lay out (title, header grid with spans, rows with numbering and nesting, totals,
//! overdue marks, charts, footer), drawn with egui. Nothing is computed here.

mod measure;
#[cfg(test)]
mod tests;

use egui::{Color32, FontId, Pos2, Rect, RichText, Sense, Stroke, Ui, Vec2};
use estu_core::forms::{Align, Cell, ColumnRole, Form, Row, RowMark, Table};
pub use measure::Heights;
use std::borrow::Cow;

const LINE: f32 = 17.0;
const PAD: f32 = 3.0;

/// Draws the whole form.
pub fn show(ui: &mut Ui, form: &Form, heights: &mut Heights) {
    // The table's width leaves room for the scroll bar from the start, so that the bar
    // appearing does not change the width and with it every row's height.
    let width = (ui.available_width() - 10.0 - ui.spacing().scroll.allocated_width()).max(700.0);
    heights.advance(ui, form, width);
    egui::ScrollArea::both()
        .id_salt("form_preview")
        .show(ui, |ui| {
            ui.vertical(|ui| {
                for t in &form.title {
                    let text = RichText::new(&t.text).size(14.0);
                    ui.vertical_centered(|ui| {
                        ui.label(if t.bold { text.strong() } else { text });
                    });
                }
                for p in &form.preamble {
                    ui.label(p);
                }
                ui.add_space(6.0);
                for (t, table) in form.tables.iter().enumerate() {
                    if !table.caption.is_empty() {
                        ui.label(RichText::new(&table.caption).strong());
                    }
                    draw_table(ui, table, width, heights.of(t, table));
                    ui.add_space(8.0);
                }
                for p in &form.postscript {
                    ui.label(p);
                }
                for chart in &form.charts {
                    let max = chart
                        .bars
                        .iter()
                        .map(|b| b.value)
                        .fold(0.0, f64::max)
                        .max(1.0);
                    for b in &chart.bars {
                        ui.horizontal(|ui| {
                            ui.add_sized([260.0, LINE], egui::Label::new(&b.label).truncate());
                            let (rect, _) = ui
                                .allocate_exact_size(Vec2::new(300.0, LINE - 4.0), Sense::hover());
                            let w = (b.value / max) as f32 * rect.width();
                            ui.painter().rect_filled(
                                Rect::from_min_size(rect.min, Vec2::new(w, rect.height())),
                                0.0,
                                Color32::from_rgb(0x5a, 0x7d, 0xb0),
                            );
                            ui.label(
                                Cell::Dec {
                                    value: b.value,
                                    places: 0,
                                }
                                .text(),
                            );
                        });
                    }
                    ui.label(RichText::new(&chart.caption).italics());
                    ui.add_space(6.0);
                }
                ui.add_space(10.0);
                ui.horizontal(|ui| {
                    ui.label(RichText::new(&form.footer.position).strong());
                    ui.add_space(60.0);
                    ui.label(RichText::new(&form.footer.name).strong());
                });
                if !form.footer.executor.is_empty() {
                    ui.label(RichText::new(&form.footer.executor).small());
                }
            });
        });
}

/// Wraps `text` into lines of at most `width` points with the given font, by the PDF's rule
/// (`text::wrap`): lines break between words (and after a slash); only a word wider than the
/// whole cell (in F1's narrow category columns) is cut, the others stay whole.
fn layout(
    ui: &Ui,
    text: &str,
    width: f32,
    font: FontId,
    color: Color32,
) -> std::sync::Arc<egui::Galley> {
    // A little margin: kerning may make a word a hair wider than its glyphs' sum.
    let width = width.max(10.0) * 0.97;
    ui.fonts_mut(|f| {
        let lines = estu_core::text::wrap(text, width, |s| {
            s.chars().map(|c| f.glyph_width(&font, c)).sum()
        });
        f.layout_no_wrap(lines.join("\n"), font, color)
    })
}

/// The height of `text` as `layout` lays it out, without laying it out: its lines by the same
/// rule, each one row of the font (a long plan has a hundred thousand cells: building each
/// one's galley to measure it took seconds of the first frame).
#[cfg(test)]
fn wrapped_height(ui: &Ui, text: &str, width: f32, font: &FontId) -> f32 {
    let row = pixel_row(ui, font);
    ui.fonts_mut(|f| {
        cell_height(text, width, row, |s| {
            s.chars().map(|c| f.glyph_width(font, c)).sum()
        })
    })
}

/// One row of `font`, a whole number of pixels tall as the layout places rows.
fn pixel_row(ui: &Ui, font: &FontId) -> f32 {
    let ppp = ui.ctx().pixels_per_point();
    ui.fonts_mut(|f| (f.row_height(font) * ppp).round() / ppp)
}

/// `text`'s lines in `width` (as `layout` wraps them) times the `row` height.
fn cell_height(text: &str, width: f32, row: f32, width_of: impl FnMut(&str) -> f32) -> f32 {
    let lines = estu_core::text::line_count(text, width.max(10.0) * 0.97, width_of);
    lines.max(1) as f32 * row
}

/// One line, for a header printed bottom to top.
fn rotated(ui: &Ui, text: &str, font: FontId, color: Color32) -> std::sync::Arc<egui::Galley> {
    ui.fonts_mut(|f| f.layout_no_wrap(text.to_string(), font, color))
}

/// A row's cells as the preview prints them: (column, text, alignment). Texts are borrowed
/// from the form where they can be: every row of a long plan is measured through this.
fn row_cells<'a>(table: &Table, row: &'a Row) -> Vec<(usize, Cow<'a, str>, Align)> {
    let mut cells = Vec::with_capacity(table.columns.len());
    let mut value_i = 0;
    for (i, col) in table.columns.iter().enumerate() {
        match col.role {
            ColumnRole::Number => cells.push((i, Cow::Borrowed(row.number.as_str()), col.align)),
            ColumnRole::Label if row.level == 0 => {
                cells.push((i, Cow::Borrowed(row.label.as_str()), col.align))
            }
            ColumnRole::Label => {
                let indent = "   ".repeat(row.level as usize);
                cells.push((i, Cow::Owned(format!("{indent}{}", row.label)), col.align));
            }
            ColumnRole::Value => {
                let text = match row.cells.get(value_i) {
                    _ if row.mark == RowMark::Group => Cow::Borrowed(""),
                    Some(Cell::Text(s)) => Cow::Borrowed(s.as_str()),
                    Some(c) => Cow::Owned(c.text()),
                    None => Cow::Borrowed(""),
                };
                value_i += 1;
                cells.push((i, text, col.align));
            }
        }
    }
    cells
}

/// The table as a ruled grid: header cells with their spans, then the rows once their heights
/// are measured (only the rows in view drawn), a spinner until then.
fn draw_table(ui: &mut Ui, table: &Table, width: f32, heights: Option<&[f32]>) {
    let r = Ruling::new(ui, table, width);
    draw_header(ui, table, &r);
    match heights {
        Some(heights) => draw_rows(ui, table, &r, heights),
        None => {
            ui.add_space(PAD);
            ui.spinner();
        }
    }
}

/// What a table is ruled and written with on this frame: its columns' widths on screen, the
/// rules' stroke, the font and colour of its text.
struct Ruling {
    width: f32,
    widths: Vec<f32>,
    stroke: Stroke,
    font: FontId,
    text_color: Color32,
}

impl Ruling {
    fn new(ui: &Ui, table: &Table, width: f32) -> Ruling {
        let total: f32 = table.columns.iter().map(|c| c.width).sum::<f32>().max(1.0);
        let muted = ui.visuals().widgets.noninteractive.fg_stroke.color;
        Ruling {
            width,
            widths: table
                .columns
                .iter()
                .map(|c| c.width / total * width)
                .collect(),
            stroke: Stroke::new(1.0, muted.gamma_multiply(0.6)),
            font: FontId::proportional(12.0),
            text_color: ui.visuals().text_color(),
        }
    }

    /// The left edge of column `col`, from the table's left.
    fn x_of(&self, col: usize) -> f32 {
        self.widths[..col].iter().sum()
    }

    /// The width of `span` columns from `col`.
    fn span(&self, col: usize, span: usize) -> f32 {
        (col..col + span)
            .map(|i| self.widths.get(i).copied().unwrap_or(0.0))
            .sum()
    }
}

/// The header's levels' heights: each level as tall as its tallest cell; a cell spanning
/// levels that needs more room than they give adds the rest to its last level.
fn header_levels(ui: &Ui, table: &Table, r: &Ruling) -> Vec<f32> {
    let levels = table
        .header
        .iter()
        .map(|c| c.row + c.row_span.max(1))
        .max()
        .unwrap_or(0)
        .max(table.header_rows)
        .max(1);
    let mut level_h = vec![LINE; levels];
    let need = |c: &estu_core::forms::HeaderCell| {
        let inner = if c.rotate {
            // Printed bottom to top, as on paper: the text's length is the cell's height.
            rotated(ui, &c.text, r.font.clone(), r.text_color).size().x
        } else {
            let w = r.span(c.col, c.col_span) - 2.0 * PAD;
            layout(ui, &c.text, w, r.font.clone(), r.text_color)
                .size()
                .y
        };
        inner + 2.0 * PAD + 2.0
    };
    for c in table.header.iter().filter(|c| c.row_span <= 1) {
        level_h[c.row] = level_h[c.row].max(need(c));
    }
    for c in table.header.iter().filter(|c| c.row_span > 1) {
        let spanned: f32 = level_h[c.row..c.row + c.row_span].iter().sum();
        let n = need(c);
        if n > spanned {
            level_h[c.row + c.row_span - 1] += n - spanned;
        }
    }
    level_h
}

fn draw_header(ui: &mut Ui, table: &Table, r: &Ruling) {
    let level_h = header_levels(ui, table, r);
    let header_h: f32 = level_h.iter().sum();
    let (rect, _) = ui.allocate_exact_size(Vec2::new(r.width, header_h), Sense::hover());
    let painter = ui.painter_at(rect.expand(1.0));
    for c in &table.header {
        let x = rect.left() + r.x_of(c.col);
        let w = r.span(c.col, c.col_span);
        let y = rect.top() + level_h[..c.row].iter().sum::<f32>();
        let h: f32 = level_h[c.row..c.row + c.row_span.max(1)].iter().sum();
        let cell = Rect::from_min_size(Pos2::new(x, y), Vec2::new(w, h));
        painter.rect_stroke(cell, 0.0, r.stroke, egui::StrokeKind::Inside);
        if c.rotate {
            let g = rotated(ui, &c.text, r.font.clone(), r.text_color);
            let pos = Pos2::new(cell.center().x - g.size().y / 2.0, cell.bottom() - PAD);
            painter.add(
                egui::epaint::TextShape::new(pos, g, r.text_color)
                    .with_angle(-std::f32::consts::FRAC_PI_2),
            );
        } else {
            let g = layout(ui, &c.text, w - 2.0 * PAD, r.font.clone(), r.text_color);
            cell_label(ui, cell, g, &c.text, Align::Center);
        }
    }
}

/// Only the rows in view are laid out, drawn and labelled (a region's plan has thousands):
/// the rows above and below them are one empty space each.
fn draw_rows(ui: &mut Ui, table: &Table, r: &Ruling, heights: &[f32]) {
    let clip = ui.clip_rect();
    let top = ui.cursor().top();
    let mut above = 0.0;
    let mut first = table.rows.len();
    for (i, h) in heights.iter().enumerate() {
        if top + above + h >= clip.top() {
            first = i;
            break;
        }
        above += h;
    }
    if above > 0.0 {
        ui.allocate_space(Vec2::new(r.width, above));
    }
    let mut y = top + above;
    let mut last = first;
    for (row, h) in table.rows[first..]
        .iter()
        .zip(heights[first..].iter().copied())
    {
        if y > clip.bottom() {
            break;
        }
        y += h;
        last += 1;
        draw_row(ui, table, row, r, h);
    }
    let below: f32 = heights[last..].iter().sum();
    if below > 0.0 {
        ui.allocate_space(Vec2::new(r.width, below));
    }
}

fn draw_row(ui: &mut Ui, table: &Table, row: &Row, r: &Ruling, h: f32) {
    let (rect, _) = ui.allocate_exact_size(Vec2::new(r.width, h), Sense::hover());
    // The app has no bold face: totals and group headings stand out in the strong colour.
    let color = match row.mark {
        RowMark::Overdue => crate::app::widgets::RED,
        RowMark::Total | RowMark::Group => ui.visuals().strong_text_color(),
        _ => r.text_color,
    };
    let painter = ui.painter_at(rect.expand(1.0));
    if row.mark == RowMark::Total {
        painter.rect_filled(rect, 0.0, ui.visuals().faint_bg_color);
    }
    for (i, text, align) in &row_cells(table, row) {
        let x = rect.left() + r.x_of(*i);
        let cell = Rect::from_min_size(Pos2::new(x, rect.top()), Vec2::new(r.widths[*i], h));
        painter.rect_stroke(cell, 0.0, r.stroke, egui::StrokeKind::Inside);
        if !text.is_empty() {
            let g = layout(ui, text, r.widths[*i] - 2.0 * PAD, r.font.clone(), color);
            cell_label(ui, cell, g, text, *align);
        }
    }
}

/// A laid-out text inside a ruled cell, as a real label (screen readers and tests read it):
/// named by its `text` as written, not by the lines it was broken into.
fn cell_label(
    ui: &mut Ui,
    cell: Rect,
    galley: std::sync::Arc<egui::Galley>,
    text: &str,
    align: Align,
) {
    let inner = cell.shrink(PAD);
    let layout = match align {
        Align::Left => egui::Layout::top_down(egui::Align::Min),
        Align::Center => egui::Layout::top_down(egui::Align::Center),
        Align::Right => egui::Layout::top_down(egui::Align::Max),
    };
    // A child that does not move the table's cursor: the row was allocated already.
    let mut child = ui.new_child(egui::UiBuilder::new().max_rect(inner).layout(layout));
    let r = child.add(egui::Label::new(galley).selectable(false));
    r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, text));
}
