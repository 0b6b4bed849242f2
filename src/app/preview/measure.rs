//! The rows' heights of a form on screen, measured a slice at a time.
//!
//! A row's height is its cells' lines (by `text::line_count`, the rule `layout` wraps by)
//! times the font's row. A region's plan has sixteen thousand rows: measured in one frame they
//! froze the window for most of a second, so each frame measures as many rows as fit in
//! `BUDGET` and asks for the next frame; until a table's last row is measured its place shows
//! a spinner. On the window's thread rather than a thread of its own, because the glyphs'
//! widths come from the window's fonts, and because a slice per frame needs no shared copy of
//! the form, no lock and no message: the form stays where the reader's answer put it.

use super::{LINE, PAD, Ruling, cell_height, pixel_row, row_cells};
use egui::{FontId, Ui};
use estu_core::forms::{Form, Table};
use std::time::{Duration, Instant};

/// Rows any frame measures before it looks at the clock: an okrug's forms (tens to a few
/// hundred rows, 3 ms or less in a release build) are measured whole in the frame
/// that shows them, and the tests see their rows at once.
const FIRST_ROWS: usize = 500;
/// How long a frame measures rows after the first ones: a frame at 60 per second is 16 ms.
const BUDGET: Duration = Duration::from_millis(8);
/// Rows measured between two looks at the clock.
const CHECK_EVERY: usize = 64;

/// The rows' heights of the form on screen, kept between frames. Start a new one with each
/// new form; a new width is measured while the rows are still drawn at the old heights.
#[derive(Debug, Default)]
pub struct Heights {
    /// Every table's heights, whole, at the width they were measured for.
    shown: Option<Measured>,
    /// The heights being measured for the width now on screen, table by table.
    next: Option<Measured>,
    glyphs: Glyphs,
}

#[derive(Debug)]
struct Measured {
    width: f32,
    tables: Vec<Vec<f32>>,
}

impl Heights {
    /// Measures the next slice of `form`'s rows at `width` (nothing when they are measured
    /// already); asks for another frame while rows are left.
    pub(super) fn advance(&mut self, ui: &Ui, form: &Form, width: f32) {
        if self.shown.as_ref().is_some_and(|m| m.fits(form, width)) {
            return;
        }
        if self.next.as_ref().is_none_or(|m| m.width != width) {
            self.next = Some(Measured {
                width,
                tables: vec![Vec::new(); form.tables.len()],
            });
        }
        let Some(next) = self.next.as_mut() else {
            return;
        };
        if next.measure(ui, form, &mut self.glyphs) {
            self.shown = self.next.take();
        } else {
            ui.ctx().request_repaint();
        }
    }

    /// Table `t`'s heights, once every row of the form is measured (at this width or, while
    /// a new width is measured, the last one).
    pub(super) fn of(&self, t: usize, table: &Table) -> Option<&[f32]> {
        let heights = self.shown.as_ref()?.tables.get(t)?;
        (heights.len() == table.rows.len()).then_some(heights.as_slice())
    }
}

impl Measured {
    fn fits(&self, form: &Form, width: f32) -> bool {
        self.width == width
            && self.tables.len() == form.tables.len()
            && (self.tables.iter().zip(&form.tables)).all(|(h, t)| h.len() == t.rows.len())
    }

    /// Measures rows until every table is done (true) or the frame's budget is spent.
    fn measure(&mut self, ui: &Ui, form: &Form, glyphs: &mut Glyphs) -> bool {
        let start = Instant::now();
        let mut count = 0;
        for (table, heights) in form.tables.iter().zip(&mut self.tables) {
            let r = Ruling::new(ui, table, self.width);
            let row_h = pixel_row(ui, &r.font);
            glyphs.use_font(&r.font, ui.ctx().pixels_per_point());
            ui.fonts_mut(|f| {
                let mut width_of = |s: &str| s.chars().map(|c| glyphs.width(f, c)).sum();
                for row in &table.rows[heights.len()..] {
                    if count >= FIRST_ROWS
                        && count.is_multiple_of(CHECK_EVERY)
                        && start.elapsed() > BUDGET
                    {
                        return;
                    }
                    count += 1;
                    let h = row_cells(table, row)
                        .iter()
                        .map(|(i, t, _)| {
                            cell_height(t, r.widths[*i] - 2.0 * PAD, row_h, &mut width_of)
                        })
                        .fold(LINE - 2.0 * PAD, f32::max);
                    heights.push(h + 2.0 * PAD);
                }
            });
            if heights.len() < table.rows.len() {
                return false;
            }
        }
        true
    }
}

/// Characters below this (Latin, Cyrillic with every Kazakh letter) have their widths in a
/// flat table; the few others in a map.
const FLAT: usize = 0x500;

/// Glyphs' widths in one font at one scale, each looked up in the fonts once.
#[derive(Debug, Default)]
struct Glyphs {
    font: Option<(FontId, f32)>,
    /// By character code below `FLAT`; NaN until looked up.
    flat: Vec<f32>,
    other: std::collections::HashMap<char, f32>,
}

impl Glyphs {
    /// Forgets the widths when the font or the pixels per point change.
    fn use_font(&mut self, font: &FontId, ppp: f32) {
        if self.font.as_ref() != Some(&(font.clone(), ppp)) {
            *self = Glyphs {
                font: Some((font.clone(), ppp)),
                flat: vec![f32::NAN; FLAT],
                other: Default::default(),
            };
        }
    }

    fn width(&mut self, fonts: &mut egui::epaint::text::FontsView<'_>, c: char) -> f32 {
        let Some((font, _)) = &self.font else {
            return 0.0;
        };
        match self.flat.get_mut(c as usize) {
            Some(w) if w.is_nan() => {
                *w = fonts.glyph_width(font, c);
                *w
            }
            Some(w) => *w,
            None => *self
                .other
                .entry(c)
                .or_insert_with(|| fonts.glyph_width(font, c)),
        }
    }
}
