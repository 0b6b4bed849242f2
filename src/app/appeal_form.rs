//! The appeal form ("Новое обращение" / "Приём" / an existing appeal): filled by keyboard
//! alone (Tab and Enter go on, Ctrl+S saves, Esc cancels); the ИИН is checked as it is typed,
//! an earlier appeal it probably repeats is suggested with a link, and the deadline the law
//! gives is shown with the days left. A refused save keeps everything typed.

use super::reader::Fetch;
use super::widgets::{self, Fields, Picker, fmt_date, parse_date, parse_time, problem_box};
use super::{Cx, Editor, Go, Refs};
use chrono::{NaiveDate, NaiveDateTime};
use egui::{Key, Modifiers, RichText, Ui};
use estu_core::error::Problem;
use estu_core::i18n::{Lang, Text, tr, trf};
use estu_core::model::*;
use estu_core::rules::deadline::{self, Urgency};
use estu_core::rules::iin;
use estu_core::store::appeals;

/// Everything the user can type, as typed: compared with its first state for "unsaved".
#[derive(Debug, Clone, PartialEq)]
struct Data {
    a: Appeal,
    date: String,
    time: String,
    id_number: String,
    answered_on: String,
    redirected_to: String,
    extended_to: String,
    extension_reason: String,
    extension_notified_on: String,
}

/// What the repeat suggestion is asked for.
#[derive(Debug, Clone, PartialEq)]
struct HintKey {
    /// The appeal's own id, never suggested to itself.
    id: i64,
    name: String,
    /// The ИИН/БИН once all twelve digits are typed.
    iin: Option<String>,
    topic_id: i64,
    day: NaiveDate,
    /// Read again after any write.
    generation: u64,
}

impl HintKey {
    /// The appeal `appeals::suggest_repeated` compares the earlier ones with.
    fn probe(&self) -> Appeal {
        let at = self.day.and_time(chrono::NaiveTime::MIN);
        let mut a = Appeal::new(at, Channel::WrittenPerson, &self.name, self.topic_id, "");
        a.id = self.id;
        a.applicant_id = self.iin.clone();
        a
    }
}

/// Ctrl+T: the талон as a PDF file.
pub const TALON: egui::KeyboardShortcut = egui::KeyboardShortcut::new(Modifiers::COMMAND, Key::T);
/// Ctrl+N: the next appeal (the next visitor at a reception).
pub const NEW: egui::KeyboardShortcut = egui::KeyboardShortcut::new(Modifiers::COMMAND, Key::N);

pub struct AppealForm {
    data: Data,
    initial: Data,
    reception: Option<Reception>,
    topic: Picker,
    settlement: Picker,
    executor: Picker,
    problems: Vec<Problem>,
    other_error: Option<String>,
    /// An earlier appeal this one probably repeats, read on the reader as the name, ИИН,
    /// topic or day change.
    hint: Fetch<HintKey, Option<appeals::RepeatHint>>,
    /// The number just issued, shown until the next appeal is started.
    saved_number: Option<String>,
    focus_first: bool,
    /// Saved a moment ago: the keyboard goes to the next thing to do (the талон).
    focus_next: bool,
    confirm_delete: bool,
    /// The registration number of the appeal this one repeats, read on the reader.
    repeated_of_number: Fetch<i64, String>,
}

fn data_of(a: Appeal) -> Data {
    Data {
        date: fmt_date(a.received_at.date()),
        time: a.received_at.format("%H:%M").to_string(),
        id_number: a.applicant_id.clone().unwrap_or_default(),
        answered_on: widgets::fmt_opt_date(a.answered_on),
        redirected_to: a.redirected_to.clone().unwrap_or_default(),
        extended_to: widgets::fmt_opt_date(a.extended_to),
        extension_reason: a.extension_reason.clone().unwrap_or_default(),
        extension_notified_on: widgets::fmt_opt_date(a.extension_notified_on),
        a,
    }
}

/// The staff member who usually accepts appeals: the profile's executor, else the first one.
fn default_acceptor(refs: &Refs) -> Option<i64> {
    let surname = refs
        .profile
        .executor_name
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string();
    refs.staff
        .iter()
        .filter(|s| s.active)
        .find(|s| !surname.is_empty() && s.full_name.starts_with(&surname))
        .or_else(|| refs.staff.iter().find(|s| s.active))
        .map(|s| s.id)
}

impl AppealForm {
    /// A new appeal: at a reception session when given (channel and date follow it).
    pub fn new_appeal(reception: Option<&Reception>, refs: &Refs, today: NaiveDate) -> Self {
        let now = chrono::Local::now().naive_local();
        let day = reception.map_or(today, |r| r.held_on);
        let at = NaiveDateTime::new(day, now.time());
        let channel = if reception.is_some() {
            Channel::Reception
        } else {
            Channel::WrittenPerson
        };
        let other = refs
            .topics
            .iter()
            .find(|t| t.code == "other")
            .or(refs.topics.first())
            .map_or(0, |t| t.id);
        let mut a = Appeal::new(at, channel, "", other, "");
        a.topic_id = 0;
        let _ = other;
        a.reception_id = reception.map(|r| r.id);
        a.settlement_id = reception
            .and_then(|r| r.settlement_id)
            .or_else(|| (refs.settlements.len() == 1).then(|| refs.settlements[0].id));
        a.accepted_by = default_acceptor(refs);
        let data = data_of(a);
        AppealForm {
            initial: data.clone(),
            data,
            reception: reception.cloned(),
            topic: Picker::default(),
            settlement: Picker::default(),
            executor: Picker::default(),
            problems: Vec::new(),
            other_error: None,
            hint: Fetch::default(),
            saved_number: None,
            focus_first: true,
            focus_next: false,
            confirm_delete: false,
            repeated_of_number: Fetch::default(),
        }
    }

    /// An existing appeal.
    pub fn edit(a: Appeal, reception: Option<&Reception>, refs: &Refs, today: NaiveDate) -> Self {
        let mut f = AppealForm::new_appeal(reception, refs, today);
        let data = data_of(a);
        f.initial = data.clone();
        f.data = data;
        f.focus_first = false;
        f
    }

    pub fn is_new(&self) -> bool {
        self.data.a.id == 0
    }

    pub fn reg_number(&self) -> &str {
        &self.data.a.reg_number
    }

    /// The appeal as typed, or the problems of what cannot even be read (a malformed date).
    fn collect(&self, today: NaiveDate) -> Result<Appeal, Vec<Problem>> {
        let d = &self.data;
        let mut a = d.a.clone();
        let rec = estu_core::rules::validate::appeal_record(&a);
        let mut problems = Vec::new();
        let mut date = |field: &str, s: &str| -> Option<NaiveDate> {
            if s.trim().is_empty() {
                return None;
            }
            let p = parse_date(s);
            if p.is_none() {
                problems.push(Problem::new(
                    rec.clone(),
                    field,
                    Text::new("ui.date.bad_value").arg("value", s.trim()),
                ));
            }
            p
        };
        let day = date("appeal.received_at", &d.date);
        a.answered_on = date("appeal.answered_on", &d.answered_on);
        a.extended_to = date("appeal.extended_to", &d.extended_to);
        a.extension_notified_on = date("appeal.extension_notified_on", &d.extension_notified_on);
        if d.date.trim().is_empty() {
            problems.push(Problem::new(
                rec.clone(),
                "appeal.received_at",
                Text::new("err.required"),
            ));
        }
        let time = parse_time(&d.time);
        if time.is_none() {
            problems.push(Problem::new(
                rec.clone(),
                "appeal.received_at",
                Text::new("ui.time.bad_value").arg("value", d.time.trim()),
            ));
        }
        if let (Some(day), Some(time)) = (day, time) {
            a.received_at = NaiveDateTime::new(day, time);
        }
        if a.topic_id == 0 {
            problems.push(Problem::new(
                rec.clone(),
                "appeal.topic",
                Text::new("err.required"),
            ));
        }
        let id = d.id_number.trim();
        a.applicant_id = (!id.is_empty()).then(|| id.to_string());
        let opt = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
        a.redirected_to = opt(&d.redirected_to);
        a.extension_reason = opt(&d.extension_reason);
        deadline::forget_stale_terms(&self.initial.a, &mut a);
        if problems.is_empty() {
            Ok(a)
        } else {
            // Name every problem at once: the rules' own checks of what could be read too.
            let unread: Vec<String> = problems.iter().map(|p| p.field.clone()).collect();
            if let Err(more) = estu_core::rules::validate::appeal(&a, today) {
                problems.extend(more.into_iter().filter(|p| !unread.contains(&p.field)));
            }
            Err(problems)
        }
    }

    /// The registration day and the deadline the law gives, as they would be saved.
    fn computed_terms(&self, refs: &Refs) -> Option<(NaiveDate, NaiveDate)> {
        let d = &self.data;
        let mut a = d.a.clone();
        a.received_at = NaiveDateTime::new(parse_date(&d.date)?, parse_time(&d.time)?);
        deadline::forget_stale_terms(&self.initial.a, &mut a);
        deadline::fill_terms(&refs.calendar, refs.hours, &mut a);
        let due = parse_date(&d.extended_to).or(a.deadline)?;
        Some((a.registered_on?, due))
    }

    /// The earlier appeal to suggest, once the reader has answered for what is typed now.
    fn repeat_hint(&mut self, cx: &mut Cx) -> Option<appeals::RepeatHint> {
        let d = &self.data;
        let iin = d.id_number.trim();
        let key = HintKey {
            id: d.a.id,
            name: d.a.applicant_name.trim().to_string(),
            iin: (iin.len() == 12).then(|| iin.to_string()),
            topic_id: d.a.topic_id,
            day: parse_date(&d.date).unwrap_or_else(|| cx.today()),
            generation: *cx.generation,
        };
        if key.name.is_empty() && key.iin.is_none() {
            return None;
        }
        cx.read(&mut self.hint, key, |db, k| {
            appeals::suggest_repeated(db, &k.probe()).ok().flatten()
        })
        .cloned()
        .flatten()
    }

    /// Draws the form; Ctrl+S saves, Esc asks to close.
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut Cx) {
        if ui.input_mut(|i| i.consume_key(Modifiers::COMMAND, Key::S)) {
            self.save(cx);
        }
        if ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
            *cx.go = Some(Go::CloseForm);
        }
        let lang = cx.lang;
        ui.horizontal(|ui| {
            let title = if self.is_new() {
                match &self.reception {
                    Some(r) => trf(
                        lang,
                        "ui.appeal.new_at_reception",
                        &[("date", &fmt_date(r.held_on))],
                    ),
                    None => tr(lang, "ui.appeal.new"),
                }
            } else {
                trf(
                    lang,
                    "ui.appeal.title",
                    &[("number", &self.data.a.reg_number)],
                )
            };
            ui.heading(title);
        });
        if let Some(n) = &self.saved_number {
            ui.label(
                RichText::new(trf(lang, "ui.appeal.registered", &[("number", n)]))
                    .color(widgets::GREEN)
                    .strong(),
            );
        }
        problem_box(ui, lang, &self.problems, self.other_error.as_deref());
        self.buttons(ui, cx);
        self.delete_prompt(ui, cx);
        ui.separator();
        egui::ScrollArea::vertical().show(ui, |ui| {
            widgets::two_columns(ui, |ui, i| match i {
                0 => self.left_column(ui, cx),
                _ => self.right_column(ui, cx),
            });
        });
    }

    /// The талон: saved as PDF (Ctrl+T) or printed (Ctrl+P); right after a save the keyboard
    /// is on printing it, the next thing the applicant waits for.
    fn talon_buttons(&mut self, ui: &mut Ui, cx: &mut Cx) {
        let lang = cx.lang;
        let label = |key: &str, s: &egui::KeyboardShortcut| {
            format!("{} ({})", tr(lang, key), ui.ctx().format_shortcut(s))
        };
        let (save, print) = (
            label("ui.appeal.print_talon", &TALON),
            label("ui.appeal.print_talon_now", &super::reports::PRINT),
        );
        if ui.button(save).clicked() || ui.input_mut(|i| i.consume_shortcut(&TALON)) {
            super::reports::save_talon(cx, &self.data.a.reg_number);
        }
        let r = ui.button(print);
        if std::mem::take(&mut self.focus_next) {
            r.request_focus();
        }
        if r.clicked() || ui.input_mut(|i| i.consume_shortcut(&super::reports::PRINT)) {
            super::reports::print_talon(cx, &self.data.a.reg_number);
        }
    }

    fn buttons(&mut self, ui: &mut Ui, cx: &mut Cx) {
        let lang = cx.lang;
        ui.horizontal_wrapped(|ui| {
            if ui
                .button(RichText::new(tr(lang, "ui.save_ctrl_s")).strong())
                .clicked()
            {
                self.save(cx);
            }
            if ui.button(tr(lang, "ui.cancel_esc")).clicked() {
                *cx.go = Some(Go::CloseForm);
            }
            if !self.is_new() {
                self.talon_buttons(ui, cx);
                if ui.button(tr(lang, "ui.appeal.history")).clicked() {
                    // As staff know the appeal: by its number, as saved.
                    *cx.go = Some(Go::History(
                        estu_core::store::history::RecordKind::Appeal,
                        self.initial.a.reg_number.clone(),
                    ));
                }
                if ui.button(tr(lang, "ui.appeal.delete")).clicked() {
                    self.confirm_delete = true;
                }
                let next = format!(
                    "{} ({})",
                    tr(
                        lang,
                        if self.reception.is_some() {
                            "ui.reception.next_citizen"
                        } else {
                            "ui.appeal.new"
                        }
                    ),
                    ui.ctx().format_shortcut(&NEW)
                );
                if ui.button(next).clicked() || ui.input_mut(|i| i.consume_shortcut(&NEW)) {
                    *cx.go = Some(Go::NewAppeal {
                        reception: self.reception.as_ref().map(|r| r.id),
                    });
                }
            }
        });
    }

    /// «Удалить»: after a confirmation the appeal goes to the trash (it can be restored).
    fn delete_prompt(&mut self, ui: &mut Ui, cx: &mut Cx) {
        if !self.confirm_delete {
            return;
        }
        let lang = cx.lang;
        let title = trf(
            lang,
            "ui.appeal.delete_title",
            &[("number", &self.data.a.reg_number)],
        );
        let choice = widgets::confirm(
            ui,
            "confirm_delete_appeal",
            lang,
            &title,
            &tr(lang, "ui.appeal.delete_text"),
            &tr(lang, "ui.appeal.delete"),
        );
        match choice {
            Some(true) => {
                self.confirm_delete = false;
                let id = self.data.a.id;
                match cx.store.write(|tx| appeals::delete(tx, id)) {
                    Ok(()) => {
                        cx.changed();
                        cx.info(trf(
                            lang,
                            "ui.appeal.deleted",
                            &[("number", &self.data.a.reg_number)],
                        ));
                        self.initial = self.data.clone();
                        *cx.go = Some(Go::CloseForm);
                    }
                    Err(e) => cx.error(&e),
                }
            }
            Some(false) => self.confirm_delete = false,
            None => {}
        }
    }

    fn left_column(&mut self, ui: &mut Ui, cx: &mut Cx) {
        let lang = cx.lang;
        let refs = cx.refs;
        let problems = std::mem::take(&mut self.problems);
        let mut f = Fields::new(lang, &problems);
        f.width = widgets::input_width(ui, 200.0, 200.0);
        let at_reception = self.reception.is_some();
        let focus_first = std::mem::take(&mut self.focus_first);
        let AppealForm {
            data: d,
            topic,
            settlement,
            executor,
            ..
        } = self;
        egui::Grid::new("appeal_left")
            .num_columns(2)
            .show(ui, |ui| {
                applicant_fields(ui, &mut f, d, at_reception, focus_first);
                subject_fields(ui, &mut f, d, refs, settlement, topic);
                receipt_fields(ui, &mut f, d, refs, executor);
            });
        f.chain.finish(ui);
        self.problems = problems;
    }

    fn right_column(&mut self, ui: &mut Ui, cx: &mut Cx) {
        let lang = cx.lang;
        ui.group(|ui| self.term_box(ui, cx));
        self.repeat_suggestion(ui, cx);
        if let Some(of) = self.data.a.repeated_of {
            ui.horizontal(|ui| {
                ui.label(tr(lang, "field.appeal.repeated_of"));
                let number = cx.read(&mut self.repeated_of_number, of, |db, id| {
                    appeals::get(db, *id)
                        .map(|a| a.reg_number)
                        .unwrap_or_default()
                });
                if let Some(number) = number
                    && ui.link(number.as_str()).clicked()
                {
                    *cx.go = Some(Go::Appeal(of));
                }
            });
        }
        ui.add_space(6.0);
        ui.label(RichText::new(tr(lang, "ui.appeal.consideration")).strong());
        let problems = std::mem::take(&mut self.problems);
        let mut f = Fields::new(lang, &problems);
        f.width = widgets::input_width(ui, 200.0, 200.0);
        let d = &mut self.data;
        egui::Grid::new("appeal_right")
            .num_columns(2)
            .show(ui, |ui| consideration_fields(ui, &mut f, d, cx));
        f.chain.finish(ui);
        self.problems = problems;
    }

    /// The registration day and the deadline the law gives, with the days left.
    fn term_box(&self, ui: &mut Ui, cx: &Cx) {
        let lang = cx.lang;
        ui.label(RichText::new(tr(lang, "ui.appeal.term")).strong());
        let Some((reg, due)) = self.computed_terms(cx.refs) else {
            ui.label(RichText::new(tr(lang, "ui.appeal.term_unknown")).weak());
            return;
        };
        ui.label(trf(
            lang,
            "ui.appeal.registered_on",
            &[("date", &fmt_date(reg))],
        ));
        ui.label(trf(lang, "ui.appeal.deadline", &[("date", &fmt_date(due))]));
        match deadline::urgency(due, self.data.a.outcome.is_some(), cx.today()) {
            Urgency::Closed => {
                ui.label(tr(lang, "ui.appeal.closed"));
            }
            Urgency::DaysLeft(n) => {
                let t = RichText::new(trf(lang, "ui.appeal.days_left", &[("n", &n)]));
                ui.label(if n <= 3 { t.color(widgets::AMBER) } else { t });
            }
            Urgency::Overdue(n) => {
                ui.label(
                    RichText::new(trf(lang, "ui.appeal.overdue", &[("n", &n)]))
                        .color(widgets::RED)
                        .strong(),
                );
            }
        }
    }

    /// An earlier appeal this one probably repeats, with a link and «mark as repeated».
    fn repeat_suggestion(&mut self, ui: &mut Ui, cx: &mut Cx) {
        let lang = cx.lang;
        let Some(h) = self.repeat_hint(cx) else {
            return;
        };
        if self.data.a.repeated_of == Some(h.id) {
            return;
        }
        ui.group(|ui| {
            ui.label(
                RichText::new(tr(lang, "ui.appeal.maybe_repeated"))
                    .color(widgets::AMBER)
                    .strong(),
            );
            let short: String = h.summary.chars().take(120).collect();
            ui.label(trf(
                lang,
                "ui.appeal.earlier",
                &[
                    ("number", &h.reg_number),
                    ("date", &fmt_date(h.registered_on)),
                    ("summary", &short),
                ],
            ));
            ui.horizontal(|ui| {
                let open = trf(lang, "ui.appeal.open_earlier", &[("number", &h.reg_number)]);
                if ui.link(open).clicked() {
                    *cx.go = Some(Go::Appeal(h.id));
                }
                if ui.button(tr(lang, "ui.appeal.mark_repeated")).clicked() {
                    self.data.a.repeated = true;
                    self.data.a.repeated_of = Some(h.id);
                }
            });
        });
    }
}

/// How the appeal came and who brought it: channel, kind, the applicant and their ИИН/БИН
/// (checked as typed), address, phone, how many people.
fn applicant_fields(
    ui: &mut Ui,
    f: &mut Fields,
    d: &mut Data,
    at_reception: bool,
    focus_first: bool,
) {
    let lang = f.lang;
    let channels: Vec<(Channel, String)> = Channel::ALL
        .iter()
        .filter(|c| (**c == Channel::Reception) == at_reception)
        .map(|c| (*c, c.label(lang)))
        .collect();
    f.combo(
        ui,
        "field.appeal.channel",
        "appeal.channel",
        &mut d.a.channel,
        &channels,
    );
    let kinds: Vec<(AppealKind, String)> = AppealKind::ALL
        .iter()
        .map(|k| (*k, k.label(lang)))
        .collect();
    f.combo(
        ui,
        "field.appeal.kind",
        "appeal.kind",
        &mut d.a.kind,
        &kinds,
    );
    let types: Vec<(ApplicantType, String)> = ApplicantType::ALL
        .iter()
        .map(|k| (*k, k.label(lang)))
        .collect();
    f.combo(
        ui,
        "field.appeal.applicant_type",
        "appeal.applicant_type",
        &mut d.a.applicant_type,
        &types,
    );
    let name = f.text(
        ui,
        "field.appeal.applicant_name",
        "appeal.applicant_name",
        &mut d.a.applicant_name,
    );
    if focus_first {
        name.request_focus();
    }
    let person = d.a.applicant_type == ApplicantType::Person;
    let (key, field) = if person {
        ("field.appeal.applicant_iin", "appeal.applicant_iin")
    } else {
        ("field.appeal.applicant_bin", "appeal.applicant_bin")
    };
    f.text(ui, key, field, &mut d.id_number);
    id_number_note(ui, f, lang, d.id_number.trim(), person);
    f.text(
        ui,
        "field.appeal.applicant_address",
        "appeal.applicant_address",
        &mut d.a.applicant_address,
    );
    f.text(
        ui,
        "field.appeal.applicant_phone",
        "appeal.applicant_phone",
        &mut d.a.applicant_phone,
    );
    f.count(
        ui,
        "field.appeal.persons",
        "appeal.persons",
        &mut d.a.persons,
    );
}

/// What the appeal is about: the settlement, the topic and the summary.
fn subject_fields(
    ui: &mut Ui,
    f: &mut Fields,
    d: &mut Data,
    refs: &Refs,
    settlement: &mut Picker,
    topic: &mut Picker,
) {
    let lang = f.lang;
    f.pick(
        ui,
        "field.appeal.settlement",
        "appeal.settlement",
        settlement,
        &refs.settlement_options(lang),
        &mut d.a.settlement_id,
        true,
    );
    let mut topic_id = (d.a.topic_id != 0).then_some(d.a.topic_id);
    f.pick(
        ui,
        "field.appeal.topic",
        "appeal.topic",
        topic,
        &refs.topic_options(lang),
        &mut topic_id,
        false,
    );
    d.a.topic_id = topic_id.unwrap_or(0);
    f.multiline(
        ui,
        "field.appeal.summary",
        "appeal.summary",
        &mut d.a.summary,
        4,
    );
}

/// When and by whom it was received, who executes it, whether it repeats an earlier one.
fn receipt_fields(ui: &mut Ui, f: &mut Fields, d: &mut Data, refs: &Refs, executor: &mut Picker) {
    let lang = f.lang;
    f.date(
        ui,
        "ui.appeal.received_date",
        "appeal.received_at",
        &mut d.date,
        Some(&refs.calendar),
    );
    f.text(
        ui,
        "ui.appeal.received_time",
        "appeal.received_at_time",
        &mut d.time,
    );
    let staff = widgets::none_first(
        tr(lang, "ui.pick.none"),
        refs.staff
            .iter()
            .filter(|s| s.active)
            .map(|s| (s.id, s.full_name.clone())),
    );
    f.combo(
        ui,
        "field.appeal.accepted_by",
        "appeal.accepted_by",
        &mut d.a.accepted_by,
        &staff,
    );
    f.pick(
        ui,
        "field.appeal.executor",
        "appeal.executor",
        executor,
        &refs.executor_options(),
        &mut d.a.executor_id,
        true,
    );
    f.check(ui, "field.appeal.repeated", &mut d.a.repeated);
    if !d.a.repeated {
        d.a.repeated_of = None;
    }
    f.errors(
        ui,
        &[
            "appeal.repeated_of",
            "appeal.reception",
            "appeal.reg_number",
            "appeal.registered_on",
        ],
    );
}

/// The consideration: the outcome (which answers the appeal today unless a day is there), the
/// answer, where it was redirected, an extension with its reason and notice.
fn consideration_fields(ui: &mut Ui, f: &mut Fields, d: &mut Data, cx: &Cx) {
    let lang = f.lang;
    let outcomes = widgets::none_first(
        tr(lang, "ui.appeal.no_outcome"),
        Outcome::ALL.iter().map(|o| (*o, o.label(lang))),
    );
    let outcome_before = d.a.outcome;
    f.combo(
        ui,
        "field.appeal.outcome",
        "appeal.outcome",
        &mut d.a.outcome,
        &outcomes,
    );
    if outcome_before.is_none() && d.a.outcome.is_some() && d.answered_on.trim().is_empty() {
        d.answered_on = fmt_date(cx.today());
    }
    f.date(
        ui,
        "field.appeal.answered_on",
        "appeal.answered_on",
        &mut d.answered_on,
        Some(&cx.refs.calendar),
    );
    f.multiline(
        ui,
        "field.appeal.answer",
        "appeal.answer",
        &mut d.a.answer,
        3,
    );
    if d.a.outcome == Some(Outcome::Redirected) {
        f.text(
            ui,
            "field.appeal.redirected_to",
            "appeal.redirected_to",
            &mut d.redirected_to,
        );
    }
    f.date(
        ui,
        "field.appeal.extended_to",
        "appeal.extended_to",
        &mut d.extended_to,
        Some(&cx.refs.calendar),
    );
    if !d.extended_to.trim().is_empty() {
        f.text(
            ui,
            "field.appeal.extension_reason",
            "appeal.extension_reason",
            &mut d.extension_reason,
        );
        f.date(
            ui,
            "field.appeal.extension_notified_on",
            "appeal.extension_notified_on",
            &mut d.extension_notified_on,
            Some(&cx.refs.calendar),
        );
    }
}

impl Editor for AppealForm {
    fn dirty(&self) -> bool {
        self.data != self.initial
    }

    fn save(&mut self, cx: &mut Cx) -> bool {
        self.problems.clear();
        self.other_error = None;
        let mut a = match self.collect(cx.today()) {
            Ok(a) => a,
            Err(p) => {
                self.problems = p;
                self.saved_number = None;
                cx.forget_note();
                return false;
            }
        };
        let new = a.id == 0;
        let res = cx.store.write(|tx| {
            if new {
                appeals::insert(tx, &mut a).map(|_| ())
            } else {
                appeals::update(tx, &mut a)
            }
        });
        match res {
            Ok(()) => {
                cx.changed();
                let number = a.reg_number.clone();
                let data = data_of(a);
                self.initial = data.clone();
                self.data = data;
                self.saved_number = Some(number.clone());
                self.focus_next = true;
                cx.info(trf(cx.lang, "ui.appeal.saved", &[("number", &number)]));
                true
            }
            Err(e) => {
                if e.problems().is_empty() {
                    self.other_error = Some(e.message(cx.lang));
                } else {
                    self.problems = e.problems().to_vec();
                }
                self.saved_number = None;
                cx.forget_note();
                false
            }
        }
    }

    fn discard(&mut self) {
        self.data = self.initial.clone();
        self.problems.clear();
    }
}

/// What the ИИН/БИН typed so far says: wrong characters at once, the count while typing (from
/// «0 из 12» on an empty field, so that the row is there before typing and the fields below do
/// not move down under the pointer), the check digit at twelve digits.
fn id_number_note(ui: &mut Ui, f: &Fields, lang: Lang, typed: &str, person: bool) {
    let n = typed.chars().count();
    let digits_only = typed.chars().all(|c| c.is_ascii_digit());
    if !digits_only || n > 12 {
        let e = if digits_only {
            iin::IdError::Length(n)
        } else {
            iin::IdError::NotDigits
        };
        f.note(ui, &e.text(typed).render(lang), true);
    } else if n < 12 {
        f.note(
            ui,
            &trf(lang, "ui.appeal.iin_progress", &[("n", &n)]),
            false,
        );
    } else {
        let check = if person {
            iin::check_iin(typed)
        } else {
            iin::check_bin(typed)
        };
        match check {
            Ok(()) => f.note(ui, &tr(lang, "ui.appeal.iin_ok"), false),
            Err(e) => f.note(ui, &e.text(typed).render(lang), true),
        }
    }
}
