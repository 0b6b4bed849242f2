//! Shared form widgets. Every input is tied to its visible label (`labelled_by`), so screen
//! readers and the tests find it by name; Enter in a one-line field moves to the next field;
//! problems refused by the store are shown under the field they name.

use chrono::{Datelike, Days, Months, NaiveDate};
use egui::{Color32, Id, Key, Response, RichText, TextEdit, Ui};
use estu_core::error::Problem;
use estu_core::i18n::{Lang, tr};
use estu_core::rules::calendar::Calendar;

/// The red of problems and overdue rows.
pub const RED: Color32 = Color32::from_rgb(0xc0, 0x20, 0x20);
/// The amber of "due soon".
pub const AMBER: Color32 = Color32::from_rgb(0xb0, 0x70, 0x00);
/// The green of "done".
pub const GREEN: Color32 = Color32::from_rgb(0x20, 0x80, 0x30);

/// `DD.MM.YYYY`, the way staff write dates (the forms' own formatter).
pub use estu_core::rules::validate::fmt_date;

pub fn fmt_opt_date(d: Option<NaiveDate>) -> String {
    d.map(fmt_date).unwrap_or_default()
}

/// Dates, times and sums as staff type them: one parser for the app and the command line.
pub use estu_core::input::{parse_date, parse_money, parse_time};

/// The fields of one form in the order they are drawn: Enter in a one-line field moves the
/// focus to the next one, as the Tab key does.
#[derive(Default)]
pub struct FocusChain {
    ids: Vec<Id>,
    advance_from: Option<usize>,
}

impl FocusChain {
    pub fn track(&mut self, ui: &Ui, resp: &Response) {
        let i = self.ids.len();
        self.ids.push(resp.id);
        if resp.lost_focus() && ui.input(|inp| inp.key_pressed(Key::Enter)) {
            self.advance_from = Some(i);
        }
    }

    /// Call once the whole form is drawn.
    pub fn finish(self, ui: &Ui) {
        if let Some(i) = self.advance_from
            && let Some(id) = self.ids.get(i + 1)
        {
            ui.memory_mut(|m| m.request_focus(*id));
        }
    }

    pub fn first(&self) -> Option<Id> {
        self.ids.first().copied()
    }
}

/// Below this width a form's two columns fold into one (a 1024-pixel screen with the side
/// panel leaves about 790).
pub const TWO_COLUMNS_FROM: f32 = 1000.0;

/// A form's two columns side by side when the window is wide enough, else one under the other;
/// `add(ui, i)` draws column `i` (0 or 1).
pub fn two_columns(ui: &mut Ui, mut add: impl FnMut(&mut Ui, usize)) {
    if ui.available_width() >= TWO_COLUMNS_FROM {
        ui.columns(2, |cols| {
            for (i, col) in cols.iter_mut().enumerate() {
                add(col, i);
            }
        });
    } else {
        add(ui, 0);
        ui.add_space(8.0);
        add(ui, 1);
    }
}

/// The width an input gets in a label | input grid of `ui`, leaving `label` for the labels.
pub fn input_width(ui: &Ui, label: f32, min: f32) -> f32 {
    (ui.available_width() - label).clamp(min, 520.0)
}

/// The messages of the problems that name `fields`.
pub fn problems_for(problems: &[Problem], fields: &[&str], lang: Lang) -> Vec<String> {
    problems
        .iter()
        .filter(|p| fields.contains(&p.field.as_str()))
        .map(|p| p.what.render(lang))
        .collect()
}

/// The summary box above a refused form: every problem with its record and field named.
pub fn problem_box(ui: &mut Ui, lang: Lang, problems: &[Problem], other: Option<&str>) {
    if problems.is_empty() && other.is_none() {
        return;
    }
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(1.0, RED))
        .show(ui, |ui| {
            ui.label(
                RichText::new(tr(lang, "ui.form.not_saved"))
                    .color(RED)
                    .strong(),
            );
            for p in problems {
                ui.label(RichText::new(p.message(lang)).color(RED));
            }
            if let Some(o) = other {
                ui.label(RichText::new(o).color(RED));
            }
        });
}

/// Draws a form as a two-column grid (label | input) with problems under their input.
pub struct Fields<'a> {
    pub lang: Lang,
    pub problems: &'a [Problem],
    pub chain: FocusChain,
    pub width: f32,
}

impl<'a> Fields<'a> {
    pub fn new(lang: Lang, problems: &'a [Problem]) -> Self {
        Fields {
            lang,
            problems,
            chain: FocusChain::default(),
            width: 360.0,
        }
    }

    fn label(&self, ui: &mut Ui, key: &str) -> Response {
        ui.label(tr(self.lang, key))
    }

    /// The problems row under an input, if the store refused something in `fields`.
    pub fn errors(&self, ui: &mut Ui, fields: &[&str]) {
        let msgs = problems_for(self.problems, fields, self.lang);
        if !msgs.is_empty() {
            ui.label("");
            ui.vertical(|ui| {
                for m in msgs {
                    ui.label(RichText::new(m).color(RED));
                }
            });
            ui.end_row();
        }
    }

    /// A hint or a live check under an input (red when `bad`).
    pub fn note(&self, ui: &mut Ui, text: &str, bad: bool) {
        // A refused save already printed this very message under the input.
        if bad
            && self
                .problems
                .iter()
                .any(|p| p.what.render(self.lang) == text)
        {
            return;
        }
        ui.label("");
        let t = RichText::new(text).small();
        ui.label(if bad { t.color(RED) } else { t.weak() });
        ui.end_row();
    }

    pub fn text(&mut self, ui: &mut Ui, key: &str, field: &str, value: &mut String) -> Response {
        let l = self.label(ui, key);
        let r = ui
            .add(TextEdit::singleline(value).desired_width(self.width))
            .labelled_by(l.id);
        self.chain.track(ui, &r);
        ui.end_row();
        self.errors(ui, &[field]);
        r
    }

    pub fn multiline(
        &mut self,
        ui: &mut Ui,
        key: &str,
        field: &str,
        value: &mut String,
        rows: usize,
    ) -> Response {
        let l = self.label(ui, key);
        let r = ui
            .add(
                TextEdit::multiline(value)
                    .desired_width(self.width)
                    .desired_rows(rows),
            )
            .labelled_by(l.id);
        self.chain.track(ui, &r);
        ui.end_row();
        self.errors(ui, &[field]);
        r
    }

    /// A date typed as `DD.MM.YYYY`, with a calendar button; a malformed date is named at once.
    pub fn date(
        &mut self,
        ui: &mut Ui,
        key: &str,
        field: &str,
        buf: &mut String,
        cal: Option<&Calendar>,
    ) -> Response {
        let l = self.label(ui, key);
        let r = ui
            .horizontal(|ui| date_input(ui, self.lang, l.id, buf, 110.0, cal))
            .inner;
        self.chain.track(ui, &r);
        ui.end_row();
        if !buf.trim().is_empty() && parse_date(buf).is_none() && !r.has_focus() {
            self.note(ui, &tr(self.lang, "ui.date.bad"), true);
        }
        self.errors(ui, &[field]);
        r
    }

    /// A whole number (counts: participants, viewers…).
    pub fn count(&mut self, ui: &mut Ui, key: &str, field: &str, value: &mut i64) -> Response {
        let l = self.label(ui, key);
        let r = ui
            .add(egui::DragValue::new(value).range(0..=10_000_000).speed(1.0))
            .labelled_by(l.id);
        self.chain.track(ui, &r);
        ui.end_row();
        self.errors(ui, &[field]);
        r
    }

    pub fn check(&mut self, ui: &mut Ui, key: &str, value: &mut bool) -> Response {
        ui.label("");
        let r = ui.checkbox(value, tr(self.lang, key));
        self.chain.track(ui, &r);
        ui.end_row();
        r
    }

    /// A choice among a few values.
    pub fn combo<T: Copy + PartialEq>(
        &mut self,
        ui: &mut Ui,
        key: &str,
        field: &str,
        value: &mut T,
        options: &[(T, String)],
    ) -> Response {
        let l = self.label(ui, key);
        let r = combo(ui, l.id, value, options, self.width);
        self.chain.track(ui, &r);
        ui.end_row();
        self.errors(ui, &[field]);
        r
    }

    /// A choice among many named records (topics, settlements, executors): typed to filter.
    #[allow(clippy::too_many_arguments)]
    pub fn pick(
        &mut self,
        ui: &mut Ui,
        key: &str,
        field: &str,
        picker: &mut Picker,
        options: &[(i64, String)],
        value: &mut Option<i64>,
        allow_none: bool,
    ) -> Response {
        let l = self.label(ui, key);
        let r = picker.ui(ui, self.lang, l.id, options, value, allow_none, self.width);
        self.chain.track(ui, &r);
        ui.end_row();
        self.errors(ui, &[field]);
        r
    }
}

/// A combo's options with a first entry for "none" (or "any", "whole okrug"…): `first`.
pub fn none_first<T>(
    first: String,
    items: impl IntoIterator<Item = (T, String)>,
) -> Vec<(Option<T>, String)> {
    std::iter::once((None, first))
        .chain(items.into_iter().map(|(v, s)| (Some(v), s)))
        .collect()
}

/// A date typed as `DD.MM.YYYY` beside its label (`label`), with the calendar button.
pub fn date_input(
    ui: &mut Ui,
    lang: Lang,
    label: Id,
    buf: &mut String,
    width: f32,
    cal: Option<&Calendar>,
) -> Response {
    let r = ui
        .add(
            TextEdit::singleline(buf)
                .desired_width(width)
                .hint_text(tr(lang, "ui.date.hint")),
        )
        .labelled_by(label);
    date_popup(ui, lang, r.id.with("cal"), buf, cal);
    r
}

/// A modal question with two answers: `Some(true)` for `yes`, `Some(false)` for the other
/// («Остаться»), `None` while unanswered.
pub fn confirm(ui: &Ui, id: &str, lang: Lang, title: &str, text: &str, yes: &str) -> Option<bool> {
    let mut choice = None;
    egui::Modal::new(Id::unique(id)).show(ui.ctx(), |ui| {
        ui.heading(title);
        ui.label(text);
        ui.horizontal(|ui| {
            if ui.button(yes).clicked() {
                choice = Some(true);
            }
            if ui.button(tr(lang, "ui.unsaved.stay")).clicked() {
                choice = Some(false);
            }
        });
    });
    choice
}

/// A combo box tied to its label.
pub fn combo<T: Copy + PartialEq>(
    ui: &mut Ui,
    label: Id,
    value: &mut T,
    options: &[(T, String)],
    width: f32,
) -> Response {
    let selected = options
        .iter()
        .find(|(v, _)| v == value)
        .map(|(_, s)| s.clone())
        .unwrap_or_default();
    // Rows of a grid share their column's label: the position keeps each combo's id apart.
    let ir = egui::ComboBox::from_id_salt((label, ui.next_auto_id()))
        .selected_text(selected)
        .width(width)
        // Tall enough for a short list to show whole (the reports' ten periods), not more.
        .height((options.len() as f32 * 24.0 + 8.0).clamp(200.0, 400.0))
        .show_ui(ui, |ui| {
            for (v, name) in options {
                ui.selectable_value(value, *v, name.as_str());
            }
        });
    ir.response.labelled_by(label)
}

/// Typeahead choice: the user types part of a name, the matches are listed under the field,
/// the arrows move through them and Enter (or Tab) takes the highlighted one. The "…" button
/// lists every option for the mouse.
#[derive(Debug, Clone, Default)]
pub struct Picker {
    query: String,
    editing: bool,
    typed: bool,
    highlighted: usize,
}

impl Picker {
    fn matches<'o>(&self, options: &'o [(i64, String)]) -> Vec<&'o (i64, String)> {
        let q = if self.typed {
            estu_core::text::fold(&self.query)
        } else {
            String::new()
        };
        options
            .iter()
            .filter(|(_, name)| q.is_empty() || estu_core::text::fold(name).contains(&q))
            .take(8)
            .collect()
    }

    #[allow(clippy::too_many_arguments)]
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        lang: Lang,
        label: Id,
        options: &[(i64, String)],
        value: &mut Option<i64>,
        allow_none: bool,
        width: f32,
    ) -> Response {
        let current = value
            .and_then(|id| options.iter().find(|(i, _)| *i == id))
            .map(|(_, n)| n.clone())
            .unwrap_or_default();
        if !self.editing {
            self.query = current.clone();
        }
        let mut resp = None;
        ui.vertical(|ui| {
            ui.horizontal(|ui| {
                let r = ui
                    .add(
                        TextEdit::singleline(&mut self.query)
                            .desired_width(width - 36.0)
                            .hint_text(tr(lang, "ui.pick.hint")),
                    )
                    .labelled_by(label);
                if r.has_focus() && !self.editing {
                    // Arriving in the field selects its text: typing replaces the choice.
                    self.editing = true;
                    self.typed = false;
                    self.highlighted = 0;
                    if let Some(mut st) = TextEdit::load_state(ui.ctx(), r.id) {
                        st.cursor
                            .set_char_range(Some(egui::text::CCursorRange::select_all_str(
                                &self.query,
                            )));
                        TextEdit::store_state(ui.ctx(), r.id, st);
                    }
                }
                if r.changed() {
                    self.typed = true;
                    self.highlighted = 0;
                }
                let found = self.matches(options);
                if r.has_focus() {
                    if ui.input(|i| i.key_pressed(Key::ArrowDown)) {
                        self.highlighted =
                            (self.highlighted + 1).min(found.len().saturating_sub(1));
                    }
                    if ui.input(|i| i.key_pressed(Key::ArrowUp)) {
                        self.highlighted = self.highlighted.saturating_sub(1);
                    }
                }
                if r.lost_focus() {
                    self.editing = false;
                    if self.typed {
                        if self.query.trim().is_empty() && allow_none {
                            *value = None;
                        } else if let Some((id, _)) = found.get(self.highlighted).or(found.first())
                        {
                            *value = Some(*id);
                        }
                    }
                }
                ui.menu_button("…", |ui| {
                    egui::ScrollArea::vertical()
                        .max_height(320.0)
                        .show(ui, |ui| {
                            if allow_none && ui.button(tr(lang, "ui.pick.none")).clicked() {
                                *value = None;
                                ui.close();
                            }
                            for (id, name) in options {
                                if ui.selectable_label(*value == Some(*id), name).clicked() {
                                    *value = Some(*id);
                                    ui.close();
                                }
                            }
                        });
                });
                resp = Some(r);
            });
        });
        let r = resp.expect("drawn above");
        if self.editing {
            self.suggestions(&r, lang, options, width);
        }
        r
    }

    /// The matches while typing, in a list over the fields below (so that nothing under the
    /// input moves) and in the body's size; ↑/↓ move the highlight, Enter or Tab takes it.
    fn suggestions(&self, r: &Response, lang: Lang, options: &[(i64, String)], width: f32) {
        let found = self.matches(options);
        egui::Popup::from_response(r)
            .open(true)
            .interactable(false)
            .close_behavior(egui::PopupCloseBehavior::IgnoreClicks)
            .width(width - 36.0)
            .show(|ui| {
                if found.is_empty() {
                    ui.label(RichText::new(tr(lang, "ui.pick.nothing")).color(RED));
                }
                for (i, (_, name)) in found.iter().enumerate() {
                    let t = RichText::new(name.as_str());
                    if i == self.highlighted {
                        ui.label(t.strong().underline());
                    } else {
                        ui.label(t);
                    }
                }
            });
    }
}

/// The calendar button next to a date field: a month grid in the user's language, with days
/// off (weekends, holidays, moved days) in red.
pub fn date_popup(ui: &mut Ui, lang: Lang, id: Id, buf: &mut String, cal: Option<&Calendar>) {
    let shown_id = id.with("month");
    let today = chrono::Local::now().date_naive();
    let mut month: NaiveDate = ui
        .data(|d| d.get_temp(shown_id))
        .or_else(|| parse_date(buf).and_then(|d| d.with_day(1)))
        .unwrap_or_else(|| today.with_day(1).expect("day 1"));
    let label = tr(lang, "ui.date.calendar");
    let r = ui.menu_button("…", |ui| {
        ui.horizontal(|ui| {
            if ui
                .button("<")
                .on_hover_text(tr(lang, "ui.date.prev"))
                .clicked()
            {
                month = month - Months::new(1);
            }
            ui.label(format!(
                "{} {}",
                tr(lang, &format!("ui.month.{}", month.month())),
                month.year()
            ));
            if ui
                .button(">")
                .on_hover_text(tr(lang, "ui.date.next"))
                .clicked()
            {
                month = month + Months::new(1);
            }
        });
        egui::Grid::new(id.with("grid")).show(ui, |ui| {
            for wd in 1..=7 {
                ui.label(RichText::new(tr(lang, &format!("ui.weekday.{wd}"))).small());
            }
            ui.end_row();
            let lead = month.weekday().num_days_from_monday();
            for _ in 0..lead {
                ui.label("");
            }
            let mut d = month;
            while d.month() == month.month() {
                let off = cal.map_or(d.weekday().num_days_from_monday() >= 5, |c| {
                    !c.is_working(d)
                });
                let mut t = RichText::new(d.day().to_string());
                if off {
                    t = t.color(RED);
                }
                if d == today {
                    t = t.strong().underline();
                }
                if ui.button(t).clicked() {
                    *buf = fmt_date(d);
                    ui.close();
                }
                if d.weekday().num_days_from_monday() == 6 {
                    ui.end_row();
                }
                d = d + Days::new(1);
            }
        });
    });
    r.response.on_hover_text(label);
    ui.data_mut(|d| d.insert_temp(shown_id, month));
}

/// `text` cut to `max` characters with "…", so that a list row keeps to one line and the
/// columns after it stay on screen.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_cells_are_cut_on_a_letter_with_an_ellipsis() {
        assert_eq!(shorten("Отдел ЖКХ", 9), "Отдел ЖКХ");
        assert_eq!(shorten("Отдел земельных отношений", 8), "Отдел з…");
        assert_eq!(shorten("Әлиев Ұлан", 4).chars().count(), 4);
    }
}
