//! Reception days: start a session (the akim or a deputy receives citizens), then add each
//! citizen received; each is an appeal registered at that session.

use super::widgets::{self, Fields, fmt_date, parse_date, problem_box};
use super::{Cx, Go};
use chrono::{Datelike, Days, NaiveDate};
use egui::{RichText, Ui};
use estu_core::error::Problem;
use estu_core::i18n::{Text, tr, trf};
use estu_core::model::*;
use estu_core::store::{appeals, reference};

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
    /// (generation, sessions with their counts) read for the list.
    list: Option<(u64, Vec<(Reception, i64)>)>,
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

    fn sessions(&mut self, cx: &Cx) -> Vec<(Reception, i64)> {
        if let Some((g, l)) = &self.list
            && *g == *cx.generation
        {
            return l.clone();
        }
        let today = cx.today();
        let from = today - Days::new(366);
        let list = reference::receptions_with_appeal_counts(cx.store.conn(), from, today)
            .unwrap_or_default();
        self.list = Some((*cx.generation, list.clone()));
        list
    }

    pub fn ui(&mut self, ui: &mut Ui, cx: &mut Cx) {
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
        f.width = 260.0;
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
        let list = self.sessions(cx);
        if list.is_empty() {
            ui.label(RichText::new(tr(lang, "ui.reception.none")).weak());
        }
        egui::ScrollArea::vertical()
            .id_salt("sessions")
            .max_height(300.0)
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
        let Ok(r) = reference::reception(cx.store.conn(), id) else {
            self.open = None;
            return;
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
        if ui
            .button(RichText::new(tr(lang, "ui.reception.add_citizen")).strong())
            .clicked()
        {
            *cx.go = Some(Go::NewAppeal {
                reception: Some(id),
            });
        }
        let list = appeals::of_reception(cx.store.conn(), id).unwrap_or_default();
        ui.label(trf(
            lang,
            "ui.reception.received",
            &[("n", &list.iter().map(|a| a.persons).sum::<i64>())],
        ));
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
    }
}
