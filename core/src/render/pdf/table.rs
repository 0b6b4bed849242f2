//! A ruled table: a multi-level header (spans, rotated narrow headers) repeated on every page
//! the table runs over, wrapped labels indented by nesting, numbers in their columns.

use super::fonts::{Style, fit, width, wrap};
use super::layout::{HAlign, LEADING, MM, Writer};
use crate::forms::{Align, ColumnRole, HeaderCell, Row, RowMark, Table};

/// Font sizes and padding of one table.
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    pub head: f32,
    pub body: f32,
    pub pad: f32,
}

fn halign(a: Align) -> HAlign {
    match a {
        Align::Left => HAlign::Left,
        Align::Center => HAlign::Center,
        Align::Right => HAlign::Right,
    }
}

/// A header cell laid out: its lines, and whether they run bottom to top.
struct HeadBox<'a> {
    cell: &'a HeaderCell,
    size: f32,
    lines: Vec<String>,
}

/// A body row laid out: the lines of every column.
struct RowBox {
    /// Per column: font size (shrunk so that no word is cut) and lines.
    cells: Vec<(f32, Vec<String>)>,
    height: f32,
}

pub struct Layout<'a> {
    t: &'a Table,
    s: Sizes,
    x: Vec<f32>,
    w: Vec<f32>,
    head: Vec<HeadBox<'a>>,
    head_h: Vec<f32>,
    rows: Vec<RowBox>,
}

fn row_style(r: &Row) -> Style {
    match (r.mark, r.italic) {
        (RowMark::Total | RowMark::Group, _) => Style::Bold,
        (_, true) => Style::Italic,
        _ => Style::Regular,
    }
}

fn indent(level: u8, size: f32) -> f32 {
    level as f32 * size * 1.2
}

/// How many of a table's last rows the signature block keeps with it.
const KEEP_ROWS: usize = 2;

impl<'a> Layout<'a> {
    pub fn new(t: &'a Table, s: Sizes, left: f32, total_w: f32) -> Layout<'a> {
        let sum: f32 = t.columns.iter().map(|c| c.width).sum::<f32>().max(1.0);
        let w: Vec<f32> = t.columns.iter().map(|c| total_w * c.width / sum).collect();
        let mut x = Vec::with_capacity(w.len());
        let mut acc = left;
        for cw in &w {
            x.push(acc);
            acc += cw;
        }
        let mut l = Layout {
            t,
            s,
            x,
            w,
            head: Vec::new(),
            head_h: vec![0.0; t.header_rows],
            rows: Vec::new(),
        };
        l.layout_header();
        l.layout_rows();
        l
    }

    fn span_w(&self, col: usize, span: usize) -> f32 {
        self.w[col..(col + span).min(self.w.len())].iter().sum()
    }

    fn layout_header(&mut self) {
        let (size, pad) = (self.s.head, self.s.pad);
        let lh = size * LEADING;
        let mut head = Vec::new();
        let mut need = Vec::new();
        for c in &self.t.header {
            let cw = self.span_w(c.col, c.col_span) - 2.0 * pad;
            let (size, lines, h) = if c.rotate {
                // The shortest height at which the wrapped lines, stacked across, fit the width;
                // never shorter than the longest word, so that words are not cut.
                let across = ((cw / lh).floor() as usize).max(1);
                let longest_word = super::fonts::longest_piece(&c.text, Style::Bold, size);
                let mut tall = (20.0 * MM).max(longest_word + 1.0);
                loop {
                    let lines = wrap(&c.text, Style::Bold, size, tall);
                    if lines.len() <= across || tall > 150.0 * MM {
                        let longest = lines
                            .iter()
                            .map(|l| width(l, Style::Bold, size))
                            .fold(0.0, f32::max);
                        break (size, lines, longest + 3.0 * pad);
                    }
                    tall += 2.0 * MM;
                }
            } else {
                let (fs, lines) = fit(&c.text, Style::Bold, size, cw);
                let h = lines.len() as f32 * fs * LEADING + 2.0 * pad;
                (fs, lines, h)
            };
            need.push(h);
            head.push(HeadBox {
                cell: c,
                size,
                lines,
            });
        }
        let mut rows = vec![lh + 2.0 * pad; self.t.header_rows];
        for (b, h) in head.iter().zip(&need) {
            if b.cell.row_span == 1 && b.cell.row < rows.len() {
                rows[b.cell.row] = rows[b.cell.row].max(*h);
            }
        }
        for (b, h) in head.iter().zip(&need) {
            let (r0, r1) = (b.cell.row, (b.cell.row + b.cell.row_span).min(rows.len()));
            if b.cell.row_span > 1 && r0 < r1 {
                let have: f32 = rows[r0..r1].iter().sum();
                if *h > have {
                    rows[r1 - 1] += h - have;
                }
            }
        }
        self.head = head;
        self.head_h = rows;
    }

    fn layout_rows(&mut self) {
        let (size, pad) = (self.s.body, self.s.pad);
        let values = self.t.value_columns();
        let mut out = Vec::with_capacity(self.t.rows.len());
        for r in &self.t.rows {
            let style = row_style(r);
            let mut cells = vec![(size, Vec::new()); self.t.columns.len()];
            if r.mark == RowMark::Group {
                let w = self.span_w(0, self.w.len()) - 2.0 * pad;
                cells[0] = fit(&r.label, style, size, w);
            } else {
                for (i, col) in self.t.columns.iter().enumerate() {
                    let cw = self.w[i] - 2.0 * pad;
                    cells[i] = match col.role {
                        ColumnRole::Number => fit(&r.number, style, size, cw),
                        ColumnRole::Label => fit(&r.label, style, size, cw - indent(r.level, size)),
                        ColumnRole::Value => {
                            let k = values.iter().position(|&v| v == i).expect("value column");
                            let text = r.cells.get(k).map(|c| c.text()).unwrap_or_default();
                            fit(&text, style, size, cw)
                        }
                    };
                }
            }
            let h = cells
                .iter()
                .map(|(fs, l)| l.len() as f32 * fs * LEADING)
                .fold(size * LEADING, f32::max);
            out.push(RowBox {
                cells,
                height: h + 2.0 * pad,
            });
        }
        self.rows = out;
    }

    pub fn header_height(&self) -> f32 {
        self.head_h.iter().sum()
    }

    pub fn first_row_height(&self) -> f32 {
        self.rows.first().map(|r| r.height).unwrap_or(0.0)
    }

    fn draw_header(&self, w: &mut Writer) {
        let pad = self.s.pad;
        let top = w.y;
        for b in &self.head {
            let (c, size) = (b.cell, b.size);
            let lh = size * LEADING;
            let x = self.x[c.col];
            let cw = self.span_w(c.col, c.col_span);
            let y0 = top - self.head_h[..c.row].iter().sum::<f32>();
            let end = (c.row + c.row_span).min(self.head_h.len());
            let h: f32 = self.head_h[c.row..end].iter().sum();
            w.frame(x, y0, cw, h);
            if c.rotate {
                let block = b.lines.len() as f32 * lh;
                let x0 = x + (cw - block) / 2.0;
                for (i, l) in b.lines.iter().enumerate() {
                    let bx = x0 + i as f32 * lh + size * 0.93;
                    w.text_up(bx, y0 - h + pad, Style::Bold, size, l);
                }
            } else {
                let block = b.lines.len() as f32 * lh;
                let ty = y0 - (h - block) / 2.0;
                w.lines(
                    &b.lines,
                    x + pad,
                    cw - 2.0 * pad,
                    ty,
                    (Style::Bold, size),
                    HAlign::Center,
                );
            }
        }
        w.y = top - self.header_height();
    }

    fn draw_row(&self, w: &mut Writer, r: &Row, b: &RowBox) {
        let (size, pad) = (self.s.body, self.s.pad);
        let style = row_style(r);
        let top = w.y;
        let total_w = self.span_w(0, self.w.len());
        if r.mark == RowMark::Overdue {
            w.fill(self.x[0], top, total_w, b.height, 0.9);
        }
        if r.mark == RowMark::Group {
            w.frame(self.x[0], top, total_w, b.height);
            let (fs, lines) = &b.cells[0];
            w.lines(
                lines,
                self.x[0] + pad,
                total_w - 2.0 * pad,
                top - pad,
                (style, *fs),
                HAlign::Left,
            );
        } else {
            // Every frame of the row, then every text: the texts share one text object.
            for (x, cw) in self.x.iter().zip(&self.w) {
                w.frame(*x, top, *cw, b.height);
            }
            for (i, col) in self.t.columns.iter().enumerate() {
                let (x, cw) = (self.x[i], self.w[i]);
                let (fs, lines) = &b.cells[i];
                let block = lines.len() as f32 * fs * LEADING;
                let (tx, tw, align, ty) = match col.role {
                    ColumnRole::Label => {
                        let ind = indent(r.level, size);
                        (x + pad + ind, cw - 2.0 * pad - ind, HAlign::Left, top - pad)
                    }
                    _ => (
                        x + pad,
                        cw - 2.0 * pad,
                        halign(col.align),
                        top - (b.height - block) / 2.0,
                    ),
                };
                w.lines(lines, tx, tw, ty, (style, *fs), align);
            }
        }
        w.y = top - b.height;
    }

    /// Draws the table at the cursor; `caption` (bold) goes right above it and stays with the
    /// header and the first row. `keep_after` points that follow the table (the signature
    /// block) stay on the page of its last rows: a page never holds the signature alone.
    pub fn draw(&self, w: &mut Writer, keep_after: f32) {
        let cap_size = self.s.body + 1.0;
        let caption = wrap(&self.t.caption, Style::Bold, cap_size, w.content_width());
        let cap_h =
            caption.len() as f32 * cap_size * LEADING + if caption.is_empty() { 0.0 } else { 3.0 };
        // A table of a row or two starts where it ends: with what follows it.
        let whole: f32 = self.rows.iter().map(|b| b.height).sum::<f32>() + keep_after;
        let first = if self.rows.len() <= KEEP_ROWS && keep_after > 0.0 && whole <= w.page_room() {
            whole
        } else {
            self.first_row_height()
        };
        w.ensure(cap_h + self.header_height() + first);
        if !caption.is_empty() {
            let (x, cw, top) = (w.left, w.content_width(), w.y);
            w.lines(&caption, x, cw, top, (Style::Bold, cap_size), HAlign::Left);
            w.y -= cap_h;
        }
        self.draw_header(w);
        let last_rows = self.rows.len().saturating_sub(KEEP_ROWS);
        let page = w.page_room() - self.header_height();
        for (i, (r, b)) in self.t.rows.iter().zip(&self.rows).enumerate() {
            let tail = if i == last_rows && i > 0 && keep_after > 0.0 {
                self.rows[i..].iter().map(|b| b.height).sum::<f32>() + keep_after
            } else {
                b.height
            };
            // A tail taller than a whole page could not be kept together anywhere.
            let tail = if tail > page { b.height } else { tail };
            if tail > w.room() {
                w.new_page();
                if self.t.repeat_header {
                    self.draw_header(w);
                }
            }
            self.draw_row(w, r, b);
        }
    }
}
