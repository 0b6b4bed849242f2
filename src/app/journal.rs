//! The journal of appeals: a table that reads only the rows on screen from SQL (a page at a
//! time, never every row), with filters (period, channel, status, overdue, topic, settlement,
//! executor) and search by name, ИИН, number or words of the text. A row opens the record.

use super::reader::Asked;
use super::widgets::{self, combo, fmt_date, parse_date};
use super::{Cx, Go, Screen};
use chrono::NaiveDate;
use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};
use estu_core::error::Result;
use estu_core::i18n::{Lang, tr, trf};
use estu_core::model::*;
use estu_core::rules::deadline::{Urgency, urgency};
use estu_core::store::Db;
use estu_core::store::appeals::{self, Filter, JournalRow, StatusFilter};
use std::collections::HashMap;

/// Rows read from SQL at a time.
pub const PAGE: i64 = 100;
/// Pages kept in memory; older ones are read again when scrolled back to.
const KEPT_PAGES: usize = 12;

/// What the journal shows: the filters, the data generation and the day.
type Key = (Filter, u64, NaiveDate);

/// A page of rows and the count of all that match.
type Page = Result<(Vec<JournalRow>, appeals::Total)>;

/// Page `page` of the rows that `filter` shows on `today`.
fn read_page(db: &Db, (filter, today, page): &(Filter, NaiveDate, i64)) -> Page {
    appeals::page(db, filter, *today, page * PAGE, PAGE)
}

#[derive(Default)]
pub struct Journal {
    pub filter: Filter,
    from: String,
    to: String,
    key: Option<Key>,
    total: appeals::Total,
    pages: HashMap<i64, Vec<JournalRow>>,
    error: Option<String>,
    /// Row to bring into view on the next frame (tests and the benchmark scroll with it).
    pub scroll_to: Option<usize>,
    /// The filters changed: show the list from its top in this very frame (not after a frame
    /// drawn at the old offset, which would read a page deep in the new list for nothing).
    to_top: bool,
    /// Pages asked of the reader thread and not yet come (dropped: no longer wanted).
    asked: HashMap<i64, Asked<Page>>,
    /// The count of the current filters has come (until then the label says "searching").
    counted: bool,
}

fn status_options(lang: Lang) -> Vec<(StatusFilter, String)> {
    [
        (StatusFilter::All, "ui.journal.status.all"),
        (StatusFilter::Open, "ui.journal.status.open"),
        (StatusFilter::Answered, "ui.journal.status.answered"),
        (StatusFilter::Overdue, "ui.journal.status.overdue"),
        (StatusFilter::DueSoon, "ui.journal.status.due_soon"),
    ]
    .into_iter()
    .map(|(s, k)| (s, tr(lang, k)))
    .collect()
}

impl Journal {
    /// How many rows match the filters (after the last frame).
    pub fn total(&self) -> appeals::Total {
        self.total
    }

    /// Whether pages asked of the reader thread have not come yet.
    pub fn is_reading(&self) -> bool {
        !self.asked.is_empty()
    }

    /// Rows currently held in memory.
    pub fn rows_in_memory(&self) -> usize {
        self.pages.values().map(Vec::len).sum()
    }

    /// The row at `index`: from memory, else its page is asked of the reader (None until it
    /// comes), or read in the frame when there is no reader thread.
    fn row(&mut self, cx: &mut Cx, index: usize) -> Option<&JournalRow> {
        let page = index as i64 / PAGE;
        if !self.pages.contains_key(&page) {
            if self.asked.contains_key(&page) {
                return None;
            }
            let key = (self.filter.clone(), cx.today(), page);
            match cx.reader.ask(key.clone(), read_page) {
                Some(asked) => {
                    self.asked.insert(page, asked);
                    return None;
                }
                None => {
                    let result = read_page(cx.store.conn(), &key);
                    self.keep(cx, page, result);
                }
            }
        }
        self.pages.get(&page)?.get(index % PAGE as usize)
    }

    /// Keeps a page that was read (dropping the one farthest from it when many are held).
    fn keep(&mut self, cx: &Cx, page: i64, result: Result<(Vec<JournalRow>, appeals::Total)>) {
        match result {
            Ok((rows, total)) => {
                if self.pages.len() >= KEPT_PAGES
                    && let Some(far) = self.pages.keys().copied().max_by_key(|p| (p - page).abs())
                {
                    self.pages.remove(&far);
                }
                self.total = total;
                self.counted = true;
                self.pages.insert(page, rows);
            }
            Err(e) => self.error = Some(e.message(cx.lang)),
        }
    }

    /// Takes the pages the reader has read (those of older filters were dropped unread).
    fn receive(&mut self, cx: &Cx) {
        let answered: Vec<(i64, Result<Page, ()>)> = self
            .asked
            .iter()
            .filter_map(|(page, asked)| asked.take().map(|r| (*page, r)))
            .collect();
        for (page, answer) in answered {
            self.asked.remove(&page);
            // A page the ended thread never read is asked again (in the frame).
            if let Ok(result) = answer {
                self.keep(cx, page, result);
            }
        }
    }

    /// Drops what was read when the filters, the data or the day changed.
    fn refresh(&mut self, cx: &mut Cx) {
        let key = (self.filter.clone(), *cx.generation, cx.today());
        if self.key.as_ref() == Some(&key) {
            return;
        }
        self.pages.clear();
        self.asked.clear();
        self.error = None;
        self.to_top = self.key.as_ref().is_some_and(|k| k.0 != key.0);
        self.counted = false;
        self.key = Some(key);
        // The first page also gives the number of matching rows.
        let _ = self.row(cx, 0);
    }

    fn draw(&mut self, ui: &mut Ui, cx: &mut Cx) {
        let lang = cx.lang;
        if ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::N)) {
            *cx.go = Some(Go::NewAppeal { reception: None });
        }
        ui.horizontal(|ui| {
            ui.heading(tr(lang, "ui.nav.journal"));
            if ui
                .button(RichText::new(tr(lang, "ui.journal.new_ctrl_n")).strong())
                .clicked()
            {
                *cx.go = Some(Go::NewAppeal { reception: None });
            }
            if ui.button(tr(lang, "ui.journal.reception")).clicked() {
                *cx.go = Some(Go::Screen(Screen::Reception));
            }
            if ui.button(tr(lang, "ui.journal.to_excel")).clicked() {
                self.save_excel(cx);
            }
        });
        self.filters(ui, cx);
        self.receive(cx);
        self.refresh(cx);
        if let Some(e) = &self.error {
            ui.label(RichText::new(e).color(widgets::RED));
        }
        if self.counted {
            let key = if self.total.more {
                "ui.journal.found_more"
            } else {
                "ui.journal.found"
            };
            ui.label(trf(lang, key, &[("n", &self.total.n)]));
            if self.total.n == 0 {
                // An empty table says nothing; say what to do.
                let hint = if self.filter == Filter::default() {
                    "ui.journal.empty"
                } else {
                    "ui.journal.none_found"
                };
                ui.label(RichText::new(tr(lang, hint)).weak());
            }
        } else {
            // Until the worker has counted the new filters.
            ui.label(RichText::new(tr(lang, "ui.journal.counting")).weak());
        }
        self.table(ui, cx);
    }

    /// «В Excel»: the list as filtered now, written whole on a thread through a read-only
    /// connection of its own (`exchange::journal::write_xlsx`); the message says where.
    fn save_excel(&self, cx: &mut Cx) {
        let Some(db) = cx.store.path().map(std::path::Path::to_path_buf) else {
            return;
        };
        let Some(path) = cx.dialogs.save_file("journal.xlsx", "xlsx") else {
            return;
        };
        let filter = self.filter.clone();
        let (today, lang) = (cx.today(), cx.lang);
        cx.start_job("ui.job.export", move || {
            let result = estu_core::store::Store::open_read_only(&db).and_then(|mut s| {
                s.set_today(today);
                estu_core::exchange::journal::write_xlsx(&s, &path, &filter, lang)
            });
            super::jobs::Done::Exported { path, result }
        });
    }

    fn filters(&mut self, ui: &mut Ui, cx: &mut Cx) {
        let lang = cx.lang;
        let refs = cx.refs;
        ui.horizontal_wrapped(|ui| {
            let l = ui.label(tr(lang, "ui.journal.search"));
            ui.add(
                egui::TextEdit::singleline(&mut self.filter.search)
                    .desired_width(220.0)
                    .hint_text(tr(lang, "ui.journal.search_hint")),
            )
            .labelled_by(l.id);
            for (key, buf, target) in [
                ("ui.journal.from", &mut self.from, &mut self.filter.from),
                ("ui.journal.to", &mut self.to, &mut self.filter.to),
            ] {
                let l = ui.label(tr(lang, key));
                let r = widgets::date_input(ui, lang, l.id, buf, 90.0, Some(&refs.calendar));
                let parsed = parse_date(buf);
                if buf.trim().is_empty() {
                    *target = None;
                } else if parsed.is_some() {
                    *target = parsed;
                } else if !r.has_focus() {
                    ui.label(RichText::new(tr(lang, "ui.date.bad")).color(widgets::RED));
                }
            }
        });
        ui.horizontal_wrapped(|ui| {
            let l = ui.label(tr(lang, "field.appeal.channel"));
            let opts = widgets::none_first(
                tr(lang, "ui.journal.any"),
                Channel::ALL.iter().map(|c| (*c, c.label(lang))),
            );
            combo(ui, l.id, &mut self.filter.channel, &opts, 150.0);
            let l = ui.label(tr(lang, "ui.journal.status"));
            combo(
                ui,
                l.id,
                &mut self.filter.status,
                &status_options(lang),
                150.0,
            );
            let l = ui.label(tr(lang, "field.appeal.topic"));
            combo(
                ui,
                l.id,
                &mut self.filter.topic_id,
                &widgets::none_first(tr(lang, "ui.journal.any"), refs.topic_options(lang)),
                220.0,
            );
            let l = ui.label(tr(lang, "field.appeal.settlement"));
            combo(
                ui,
                l.id,
                &mut self.filter.settlement_id,
                &widgets::none_first(tr(lang, "ui.journal.any"), refs.settlement_options(lang)),
                150.0,
            );
            let l = ui.label(tr(lang, "field.appeal.executor"));
            combo(
                ui,
                l.id,
                &mut self.filter.executor_id,
                &widgets::none_first(tr(lang, "ui.journal.any"), refs.executor_options()),
                200.0,
            );
            if ui.button(tr(lang, "ui.journal.reset")).clicked() {
                self.filter = Filter::default();
                self.from.clear();
                self.to.clear();
            }
        });
    }

    fn table(&mut self, ui: &mut Ui, cx: &mut Cx) {
        let lang = cx.lang;
        let today = cx.today();
        // Past the count limit the table lists the newest `COUNT_LIMIT` rows.
        let total = self.total.n.max(0) as usize;
        let row_h = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
        let mut open = None;
        // On a narrow window the columns scroll sideways: «Срок» and «Состояние» stay
        // reachable.
        egui::ScrollArea::horizontal()
            .id_salt("journal_sideways")
            .show(ui, |ui| {
                let mut table = columns(TableBuilder::new(ui));
                if std::mem::take(&mut self.to_top) {
                    table = table.vertical_scroll_offset(0.0);
                }
                if let Some(r) = self.scroll_to.take() {
                    table = table.scroll_to_row(r, Some(egui::Align::TOP));
                }
                table
                    .header(24.0, |mut h| {
                        for key in HEADERS {
                            h.col(|ui| {
                                ui.strong(tr(lang, key));
                            });
                        }
                    })
                    .body(|body| {
                        body.rows(row_h, total, |mut row| {
                            let i = row.index();
                            let Some(r) = self.row(cx, i).cloned() else {
                                // Being read: the row appears in a moment.
                                row.col(|ui| {
                                    ui.weak("…");
                                });
                                return;
                            };
                            row_cells(&mut row, &r, lang, today);
                            if row.response().clicked() {
                                open = Some(r.id);
                            }
                        });
                    });
            });
        if let Some(id) = open {
            *cx.go = Some(Go::Appeal(id));
        }
    }
}

/// The journal's columns.
const HEADERS: [&str; 9] = [
    "field.appeal.reg_number",
    "field.appeal.registered_on",
    "field.appeal.channel",
    "field.appeal.applicant_name",
    "field.appeal.topic",
    "field.appeal.settlement",
    "field.appeal.summary",
    "ui.journal.due",
    "ui.journal.status",
];

/// Appeal `r`'s cells: the due date red when overdue and amber when due soon, the state in
/// words (in italics for a repeated appeal).
fn row_cells(
    row: &mut egui_extras::TableRow<'_, '_>,
    r: &JournalRow,
    lang: Lang,
    today: NaiveDate,
) {
    let urgency = urgency(r.due, r.outcome.is_some(), today);
    let overdue = matches!(urgency, Urgency::Overdue(_));
    let soon = urgency.is_due_soon();
    let settlement = lang.pick(
        r.settlement_ru.as_deref().unwrap_or_default(),
        r.settlement_kk.as_deref().unwrap_or_default(),
    );
    let first_line = r.summary.lines().next().unwrap_or_default();
    for text in [
        r.reg_number.clone(),
        fmt_date(r.registered_on),
        r.channel.label(lang),
        r.applicant_name.clone(),
        lang.pick(&r.topic_ru, &r.topic_kk).to_string(),
        settlement.to_string(),
        first_line.to_string(),
    ] {
        row.col(|ui| cell(ui, text));
    }
    row.col(|ui| {
        let t = RichText::new(fmt_date(r.due));
        cell(
            ui,
            if overdue {
                t.color(widgets::RED).strong()
            } else if soon {
                t.color(widgets::AMBER)
            } else {
                t
            },
        );
    });
    row.col(|ui| {
        let text = match r.outcome {
            Some(o) => o.label(lang),
            None if overdue => tr(lang, "ui.journal.overdue"),
            None => tr(lang, "ui.journal.in_work"),
        };
        let mut t = RichText::new(text);
        if overdue {
            t = t.color(widgets::RED);
        }
        if r.repeated {
            t = t.italics();
        }
        cell(ui, t);
    });
}

/// A cell's text that lets the click through to its row (the row opens the record).
fn cell(ui: &mut Ui, text: impl Into<egui::WidgetText>) {
    ui.add(egui::Label::new(text).selectable(false).truncate());
}

impl super::View for Journal {
    fn ui(&mut self, ui: &mut Ui, cx: &mut Cx) {
        self.draw(ui, cx);
    }

    fn is_reading(&self) -> bool {
        self.is_reading()
    }
}

/// The journal's columns: fixed for numbers and dates, resizable for names and text.
fn columns(builder: TableBuilder<'_>) -> TableBuilder<'_> {
    builder
        .striped(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::exact(100.0))
        .column(Column::exact(82.0))
        .column(Column::initial(120.0).clip(true).resizable(true))
        .column(Column::initial(150.0).clip(true).resizable(true))
        .column(Column::initial(150.0).clip(true).resizable(true))
        .column(Column::initial(100.0).clip(true).resizable(true))
        .column(Column::remainder().at_least(120.0).clip(true))
        .column(Column::exact(82.0))
        .column(Column::exact(120.0).clip(true))
        .min_scrolled_height(200.0)
}
