//! Reception days: start a session (the akim or a deputy receives citizens), then add each
//! citizen received; each is an appeal registered at that session.

use super::reader::Fetch;
use super::widgets::{self, Fields, fmt_date, parse_date, problem_box};
use super::{Cx, Go};
use chrono::{Datelike, Days, NaiveDate};
use egui::{RichText, Ui};
use estu_core::error::Problem;
use estu_core::error::Result;
use estu_core::i18n::{Text, tr, trf};
use estu_core::model::*;
use estu_core::store::{Db, appeals, reference};

#[derive(Default)]
pub struct ReceptionScreen {
    /// The session being worked on.
    open: Option<i64>,
    date: String,
    host: String,
    level: u8,
    settlement: Option<i64>,
    note: String,
    picker: widgets::Picker,
    problems: Vec<Problem>,
    /// The sessions of the last year with their appeals' counts, by (generation, today).
    list: Fetch<(u64, NaiveDate), Result<Sessions>>,
    /// The open session and its appeals, by (generation, session).
    session: Fetch<(u64, i64), Result<Session>>,
}

/// Sessions with the number of appeals registered at each.
type Sessions = Vec<(Reception, i64)>;

/// A session and the appeals registered at it.
type Session = (Reception, Vec<Appeal>);

fn read_sessions(db: &Db, &(_, today): &(u64, NaiveDate)) -> Result<Sessions> {
    reference::receptions_with_appeal_counts(db, today - Days::new(366), today)
}

fn read_session(db: &Db, &(_, id): &(u64, i64)) -> Result<Session> {
    Ok((
        reference::reception(db, id)?,
        appeals::of_reception(db, id)?,
    ))
}

/// The next day on or after `from` that is a reception day and a working day.
pub fn next_reception_day(refs: &super::Refs, from: NaiveDate) -> Option<NaiveDate> {
    (0..60).map(|i| from + Days::new(i)).find(|d| {
        refs.profile
            .reception_days
            .contains(&(d.weekday().number_from_monday() as u8))
            && refs.calendar.is_working(*d)
    })
}

impl ReceptionScreen {
    pub fn open_session(&mut self, id: i64) {
        self.open = Some(id);
    }

    /// Whether a read has not come yet.
    pub fn is_reading(&self) -> bool {
        self.list.is_reading() || self.session.is_reading()
    }

    fn draw(&mut self, ui: &mut Ui, cx: &mut Cx) {
        let lang = cx.lang;
        ui.heading(tr(lang, "ui.nav.reception"));
        if let Some(next) = next_reception_day(cx.refs, cx.today()) {
            ui.label(trf(
                lang,
                "ui.reception.next_day",
                &[("date", &fmt_date(next))],
            ));
        }
        ui.separator();
        ui.columns(2, |cols| {
            self.start_form(&mut cols[0], cx);
            cols[0].add_space(10.0);
            self.session_list(&mut cols[0], cx);
            self.session_view(&mut cols[1], cx);
        });
    }

    fn start_form(&mut self, ui: &mut Ui, cx: &mut Cx) {
        let lang = cx.lang;
        if self.date.is_empty() {
            self.date = fmt_date(cx.today());
            self.host = cx.refs.profile.akim_name.clone();
            self.level = LEVEL_OKRUG;
        }
        ui.label(RichText::new(tr(lang, "ui.reception.start_title")).strong());
        problem_box(ui, lang, &self.problems, None);
        let problems = std::mem::take(&mut self.problems);
        let mut f = Fields::new(lang, &problems);
        f.width = widgets::input_width(ui, 170.0, 160.0).min(260.0);
        egui::Grid::new("reception_start")
            .num_columns(2)
            .show(ui, |ui| {
                f.date(
                    ui,
                    "field.reception.held_on",
                    "reception.held_on",
                    &mut self.date,
                    Some(&cx.refs.calendar),
                );
                f.text(
                    ui,
                    "field.reception.host_name",
                    "reception.host_name",
                    &mut self.host,
                );
                let levels: Vec<(u8, String)> = AKIM_LEVELS
                    .map(|l| (l, tr(lang, &format!("level.{l}"))))
                    .collect();
                f.combo(
                    ui,
                    "field.reception.akim_level",
                    "reception.akim_level",
                    &mut self.level,
                    &levels,
                );
                f.pick(
                    ui,
                    "ui.reception.settlement",
                    "reception.settlement",
                    &mut self.picker,
                    &cx.refs.settlement_options(lang),
                    &mut self.settlement,
                    true,
                );
                f.text(ui, "field.reception.note", "reception.note", &mut self.note);
            });
        f.chain.finish(ui);
        self.problems = problems;
        if ui
            .button(RichText::new(tr(lang, "ui.reception.start")).strong())
            .clicked()
        {
            self.start(cx);
        }
    }

    fn start(&mut self, cx: &mut Cx) {
        self.problems.clear();
        let Some(day) = parse_date(&self.date) else {
            self.problems.push(Problem::new(
                Text::new("rec.reception").arg("date", self.date.trim()),
                "reception.held_on",
                Text::new("ui.date.bad_value").arg("value", self.date.trim()),
            ));
            return;
        };
        let r = Reception {
            id: 0,
            held_on: day,
            akim_level: self.level,
            host_name: self.host.trim().to_string(),
            settlement_id: self.settlement,
            note: self.note.trim().to_string(),
        };
        match cx.store.write(|tx| reference::save_reception(tx, &r)) {
            Ok(id) => {
                cx.changed();
                self.open = Some(id);
                self.note.clear();
                cx.info(trf(
                    cx.lang,
                    "ui.reception.started",
                    &[("date", &fmt_date(day))],
                ));
            }
            Err(e) => {
                if e.problems().is_empty() {
                    cx.error(&e);
                } else {
                    self.problems = e.problems().to_vec();
                }
            }
        }
    }

    fn session_list(&mut self, ui: &mut Ui, cx: &mut Cx) {
        let lang = cx.lang;
        ui.label(RichText::new(tr(lang, "ui.reception.sessions")).strong());
        let key = (*cx.generation, cx.today());
        let list = match cx.read(&mut self.list, key, read_sessions) {
            Some(Ok(list)) => list.as_slice(),
            Some(Err(e)) => {
                ui.label(RichText::new(e.message(lang)).color(widgets::RED));
                return;
            }
            None => return,
        };
        if list.is_empty() {
            ui.label(RichText::new(tr(lang, "ui.reception.none")).weak());
        }
        egui::ScrollArea::vertical()
            .id_salt("sessions")
            // What the window leaves under the form: the list scrolls, it never runs out of it.
            .max_height((ui.clip_rect().bottom() - ui.cursor().top() - 12.0).max(120.0))
            .show(ui, |ui| {
                for (r, n) in list {
                    let text = trf(
                        lang,
                        "ui.reception.session_line",
                        &[
                            ("date", &fmt_date(r.held_on)),
                            ("host", &r.host_name),
                            ("n", &n),
                        ],
                    );
                    if ui.selectable_label(self.open == Some(r.id), text).clicked() {
                        self.open = Some(r.id);
                    }
                }
            });
    }

    fn session_view(&mut self, ui: &mut Ui, cx: &mut Cx) {
        let lang = cx.lang;
        let Some(id) = self.open else {
            ui.label(RichText::new(tr(lang, "ui.reception.pick")).weak());
            return;
        };
        let (r, list) = match cx.read(&mut self.session, (*cx.generation, id), read_session) {
            Some(Ok(read)) => read,
            // Deleted meanwhile (or unreadable): back to choosing one.
            Some(Err(_)) => {
                self.open = None;
                return;
            }
            None => {
                ui.spinner();
                return;
            }
        };
        ui.label(
            RichText::new(trf(
                lang,
                "ui.reception.session_title",
                &[("date", &fmt_date(r.held_on)), ("host", &r.host_name)],
            ))
            .strong()
            .size(16.0),
        );
        let add = format!(
            "{} ({})",
            tr(lang, "ui.reception.add_citizen"),
            ui.ctx().format_shortcut(&super::appeal_form::NEW)
        );
        if ui.button(RichText::new(add).strong()).clicked()
            || ui.input_mut(|i| i.consume_shortcut(&super::appeal_form::NEW))
        {
            *cx.go = Some(Go::NewAppeal {
                reception: Some(id),
            });
        }
        ui.label(trf(
            lang,
            "ui.reception.received",
            &[("n", &list.iter().map(|a| a.persons).sum::<i64>())],
        ));
        egui::ScrollArea::both()
            .id_salt("reception_appeals_scroll")
            .show(ui, |ui| {
                egui::Grid::new("reception_appeals")
                    .striped(true)
                    .num_columns(4)
                    .show(ui, |ui| {
                        for k in [
                            "field.appeal.reg_number",
                            "field.appeal.applicant_name",
                            "field.appeal.topic",
                            "field.appeal.summary",
                        ] {
                            ui.strong(tr(lang, k));
                        }
                        ui.end_row();
                        for a in list {
                            if ui.link(&a.reg_number).clicked() {
                                *cx.go = Some(Go::Appeal(a.id));
                            }
                            ui.label(&a.applicant_name);
                            ui.label(cx.refs.topic_name(Some(a.topic_id), lang));
                            ui.label(a.summary.chars().take(80).collect::<String>());
                            ui.end_row();
                        }
                    });
            });
    }
}

impl super::View for ReceptionScreen {
    fn ui(&mut self, ui: &mut Ui, cx: &mut Cx) {
        self.draw(ui, cx);
    }

    fn is_reading(&self) -> bool {
        self.is_reading()
    }
}
