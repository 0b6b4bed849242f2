//! Справочники: the okrug's profile and the forms' footer, settlements, executors, staff,
//! topics with their mapping onto each form (visible and editable), and the holiday calendar.
//! Changes are typed in place and saved together in one transaction.

use super::profile_form::ProfileForm;
use super::reader::Fetch;
use super::widgets::{self, Fields, fmt_date, parse_date, problem_box};
use super::{Cx, Editor};
use chrono::NaiveDate;
use egui::{RichText, Ui};
use estu_core::error::Problem;
use estu_core::i18n::{Lang, tr, trf};
use estu_core::model::*;
use estu_core::store::reference::{self as store_ref, F3_ITEMS};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Tab {
    #[default]
    Profile,
    Settlements,
    Executors,
    Staff,
    Topics,
    Calendar,
}

impl Tab {
    const ALL: [Tab; 6] = [
        Tab::Profile,
        Tab::Settlements,
        Tab::Executors,
        Tab::Staff,
        Tab::Topics,
        Tab::Calendar,
    ];
    fn key(self) -> &'static str {
        match self {
            Tab::Profile => "ui.ref.profile",
            Tab::Settlements => "ui.ref.settlements",
            Tab::Executors => "ui.ref.executors",
            Tab::Staff => "ui.ref.staff",
            Tab::Topics => "ui.ref.topics",
            Tab::Calendar => "ui.ref.calendar",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
struct Data {
    profile: OkrugProfile,
    days: [bool; 7],
    settlements: Vec<Settlement>,
    executors: Vec<Executor>,
    staff: Vec<Staff>,
    topics: Vec<Topic>,
}

/// The calendar's own days and the fixed holidays.
type CalendarData = (Vec<CalendarDay>, Vec<store_ref::HolidayRule>);

#[derive(Default)]
pub struct Reference {
    tab: Tab,
    data: Data,
    initial: Data,
    loaded_at: Option<u64>,
    problems: Vec<Problem>,
    other_error: Option<String>,
    /// The calendar's own days and the fixed holidays, by generation.
    calendar: Fetch<u64, estu_core::Result<CalendarData>>,
    new_day: NewDay,
}

impl Reference {
    fn load(&mut self, cx: &Cx) {
        let profile = cx.refs.profile.clone();
        let mut days = [false; 7];
        for d in &profile.reception_days {
            if (1..=7).contains(d) {
                days[*d as usize - 1] = true;
            }
        }
        self.data = Data {
            profile,
            days,
            settlements: cx.refs.settlements.clone(),
            executors: cx.refs.executors.clone(),
            staff: cx.refs.staff.clone(),
            topics: cx.refs.topics.clone(),
        };
        self.initial = self.data.clone();
        self.loaded_at = Some(*cx.generation);
    }

    fn draw(&mut self, ui: &mut Ui, cx: &mut Cx) {
        let lang = cx.lang;
        if self.loaded_at != Some(*cx.generation) && !self.dirty() {
            self.load(cx);
        }
        if ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::S)) {
            self.save(cx);
        }
        ui.horizontal(|ui| {
            ui.heading(tr(lang, "ui.nav.reference"));
            let dirty = self.dirty();
            if ui
                .add_enabled(
                    dirty,
                    egui::Button::new(RichText::new(tr(lang, "ui.save_ctrl_s")).strong()),
                )
                .clicked()
            {
                self.save(cx);
            }
            if ui
                .add_enabled(dirty, egui::Button::new(tr(lang, "ui.ref.undo")))
                .clicked()
            {
                self.discard();
            }
        });
        ui.horizontal(|ui| {
            for t in Tab::ALL {
                if ui
                    .selectable_label(self.tab == t, tr(lang, t.key()))
                    .clicked()
                {
                    self.tab = t;
                }
            }
        });
        problem_box(ui, lang, &self.problems, self.other_error.as_deref());
        ui.separator();
        egui::ScrollArea::both()
            .id_salt("reference")
            .show(ui, |ui| match self.tab {
                Tab::Profile => self.profile(ui, lang),
                Tab::Settlements => self.settlements(ui, lang),
                Tab::Executors => self.executors(ui, lang),
                Tab::Staff => self.staff(ui, lang),
                Tab::Topics => self.topics(ui, lang),
                Tab::Calendar => self.calendar(ui, cx),
            });
    }

    fn profile(&mut self, ui: &mut Ui, lang: Lang) {
        let problems = std::mem::take(&mut self.problems);
        let mut f = Fields::new(lang, &problems);
        f.width = 520.0;
        ProfileForm {
            profile: &mut self.data.profile,
            days: &mut self.data.days,
            executor_position: None,
            footer_heading: true,
        }
        .ui(ui, "ref_profile", f);
        self.problems = problems;
    }

    fn settlements(&mut self, ui: &mut Ui, lang: Lang) {
        egui::Grid::new("ref_settlements")
            .striped(true)
            .num_columns(5)
            .show(ui, |ui| {
                let h: Vec<egui::Response> = [
                    "field.settlement.name_ru",
                    "field.settlement.name_kk",
                    "field.settlement.population",
                    "field.settlement.households",
                    "ui.ref.active",
                ]
                .iter()
                .map(|k| ui.strong(tr(lang, k)))
                .collect();
                ui.end_row();
                for s in &mut self.data.settlements {
                    ui.add_sized([220.0, 22.0], egui::TextEdit::singleline(&mut s.name_ru))
                        .labelled_by(h[0].id);
                    ui.add_sized([220.0, 22.0], egui::TextEdit::singleline(&mut s.name_kk))
                        .labelled_by(h[1].id);
                    ui.add(egui::DragValue::new(&mut s.population).range(0..=10_000_000))
                        .labelled_by(h[2].id);
                    ui.add(egui::DragValue::new(&mut s.households).range(0..=10_000_000))
                        .labelled_by(h[3].id);
                    ui.checkbox(&mut s.active, "").labelled_by(h[4].id);
                    ui.end_row();
                }
            });
        if ui.button(tr(lang, "ui.wizard.add_village")).clicked() {
            self.data.settlements.push(Settlement {
                active: true,
                ..Default::default()
            });
        }
    }

    fn executors(&mut self, ui: &mut Ui, lang: Lang) {
        let kinds: Vec<(ExecutorKind, String)> = ExecutorKind::ALL
            .iter()
            .map(|k| (*k, k.label(lang)))
            .collect();
        egui::Grid::new("ref_executors")
            .striped(true)
            .num_columns(4)
            .show(ui, |ui| {
                let h: Vec<egui::Response> = [
                    "field.executor.name",
                    "ui.ref.kind",
                    "field.executor.phone",
                    "ui.ref.active",
                ]
                .iter()
                .map(|k| ui.strong(tr(lang, k)))
                .collect();
                ui.end_row();
                for e in &mut self.data.executors {
                    ui.add_sized([360.0, 22.0], egui::TextEdit::singleline(&mut e.name))
                        .labelled_by(h[0].id);
                    widgets::combo(ui, h[1].id, &mut e.kind, &kinds, 160.0);
                    ui.add_sized([140.0, 22.0], egui::TextEdit::singleline(&mut e.phone))
                        .labelled_by(h[2].id);
                    ui.checkbox(&mut e.active, "").labelled_by(h[3].id);
                    ui.end_row();
                }
            });
        if ui.button(tr(lang, "ui.ref.add_executor")).clicked() {
            self.data.executors.push(Executor {
                id: 0,
                name: String::new(),
                kind: ExecutorKind::Person,
                phone: String::new(),
                active: true,
            });
        }
    }

    fn staff(&mut self, ui: &mut Ui, lang: Lang) {
        egui::Grid::new("ref_staff")
            .striped(true)
            .num_columns(4)
            .show(ui, |ui| {
                let h: Vec<egui::Response> = [
                    "field.staff.full_name",
                    "field.staff.position_ru",
                    "ui.ref.position_kk",
                    "ui.ref.active",
                ]
                .iter()
                .map(|k| ui.strong(tr(lang, k)))
                .collect();
                ui.end_row();
                for s in &mut self.data.staff {
                    ui.add_sized([300.0, 22.0], egui::TextEdit::singleline(&mut s.full_name))
                        .labelled_by(h[0].id);
                    ui.add_sized(
                        [220.0, 22.0],
                        egui::TextEdit::singleline(&mut s.position_ru),
                    )
                    .labelled_by(h[1].id);
                    ui.add_sized(
                        [220.0, 22.0],
                        egui::TextEdit::singleline(&mut s.position_kk),
                    )
                    .labelled_by(h[2].id);
                    ui.checkbox(&mut s.active, "").labelled_by(h[3].id);
                    ui.end_row();
                }
            });
        if ui.button(tr(lang, "ui.ref.add_staff")).clicked() {
            self.data.staff.push(Staff {
                active: true,
                ..Default::default()
            });
        }
    }

    fn topics(&mut self, ui: &mut Ui, lang: Lang) {
        ui.label(RichText::new(tr(lang, "ui.ref.topics_hint")).weak());
        let f3: Vec<(String, String)> = F3_ITEMS
            .iter()
            .map(|s| (s.to_string(), tr(lang, &format!("ui.ref.f3.{s}"))))
            .collect();
        egui::Grid::new("ref_topics")
            .striped(true)
            .num_columns(8)
            .show(ui, |ui| {
                let h: Vec<egui::Response> = [
                    "field.topic.code",
                    "field.topic.name_ru",
                    "field.topic.name_kk",
                    "field.topic.f1",
                    "field.topic.f2",
                    "field.topic.f3",
                    "field.topic.f4",
                    "ui.ref.active",
                ]
                .iter()
                .map(|k| ui.strong(tr(lang, k)))
                .collect();
                ui.end_row();
                for t in &mut self.data.topics {
                    // A saved topic's code is the program's own (exchange files, the mapping):
                    // shown small, typed only for a new topic.
                    if t.id == 0 {
                        ui.add_sized([110.0, 22.0], egui::TextEdit::singleline(&mut t.code))
                            .labelled_by(h[0].id);
                    } else {
                        ui.label(RichText::new(&t.code).small().weak());
                    }
                    ui.add_sized([300.0, 22.0], egui::TextEdit::singleline(&mut t.name_ru))
                        .labelled_by(h[1].id);
                    ui.add_sized([300.0, 22.0], egui::TextEdit::singleline(&mut t.name_kk))
                        .labelled_by(h[2].id);
                    ui.add(egui::DragValue::new(&mut t.f1).range(1..=16))
                        .labelled_by(h[3].id);
                    ui.add(egui::DragValue::new(&mut t.f2).range(1..=12))
                        .labelled_by(h[4].id);
                    // The combo needs a Copy value: choose by index into the fixed item list.
                    let mut idx = F3_ITEMS.iter().position(|x| *x == t.f3).unwrap_or(0);
                    let opts: Vec<(usize, String)> = f3
                        .iter()
                        .enumerate()
                        .map(|(i, (_, n))| (i, n.clone()))
                        .collect();
                    widgets::combo(ui, h[5].id, &mut idx, &opts, 200.0);
                    t.f3 = F3_ITEMS[idx].to_string();
                    ui.add(egui::DragValue::new(&mut t.f4).range(1..=10))
                        .labelled_by(h[6].id);
                    ui.checkbox(&mut t.active, "").labelled_by(h[7].id);
                    ui.end_row();
                }
            });
        if ui.button(tr(lang, "ui.ref.add_topic")).clicked() {
            let order = self
                .data
                .topics
                .iter()
                .map(|t| t.sort_order)
                .max()
                .unwrap_or(0)
                + 1;
            self.data.topics.push(Topic {
                id: 0,
                code: String::new(),
                name_ru: String::new(),
                name_kk: String::new(),
                sort_order: order,
                active: true,
                f1: 16,
                f2: 12,
                f3: "з".into(),
                f4: 10,
            });
        }
    }

    fn calendar(&mut self, ui: &mut Ui, cx: &mut Cx) {
        let lang = cx.lang;
        ui.label(RichText::new(tr(lang, "ui.ref.calendar_hint")).weak());
        let read = cx.read(&mut self.calendar, *cx.generation, |db, _| {
            Ok((store_ref::calendar_days(db)?, store_ref::holiday_rules(db)?))
        });
        let (days, rules) = match read {
            Some(Ok((days, rules))) => (days.as_slice(), rules.as_slice()),
            Some(Err(e)) => {
                ui.label(RichText::new(e.message(lang)).color(widgets::RED));
                (&[][..], &[][..])
            }
            None => (&[][..], &[][..]),
        };
        if let Some(day) = days_grid(ui, lang, days) {
            match cx.store.write(|tx| store_ref::delete_calendar_day(tx, day)) {
                Ok(()) => {
                    cx.changed();
                    *cx.refs_changed = true;
                }
                Err(e) => cx.error(&e),
            }
        }
        self.new_day.ui(ui, cx);
        ui.add_space(6.0);
        ui.label(RichText::new(tr(lang, "ui.ref.fixed_holidays")).strong());
        for h in rules {
            ui.label(format!(
                "{:02}.{:02} — {}",
                h.day,
                h.month,
                lang.pick(&h.name_ru, &h.name_kk)
            ));
        }
    }
}

/// The row that adds a day to the calendar (a holiday moved by decree, a working Saturday).
#[derive(Default)]
struct NewDay {
    day: String,
    working: bool,
    note: String,
}

impl NewDay {
    fn ui(&mut self, ui: &mut Ui, cx: &mut Cx) {
        let lang = cx.lang;
        ui.add_space(6.0);
        ui.label(RichText::new(tr(lang, "ui.ref.add_day")).strong());
        ui.horizontal(|ui| {
            let l = ui.label(tr(lang, "field.calendar.day"));
            widgets::date_input(
                ui,
                lang,
                l.id,
                &mut self.day,
                100.0,
                Some(&cx.refs.calendar),
            );
            ui.checkbox(&mut self.working, tr(lang, "ui.ref.working_day"));
            let l = ui.label(tr(lang, "field.calendar.note"));
            ui.add_sized([220.0, 22.0], egui::TextEdit::singleline(&mut self.note))
                .labelled_by(l.id);
            if ui.button(tr(lang, "ui.ref.add")).clicked() {
                match parse_date(&self.day) {
                    None => {
                        cx.info(trf(
                            lang,
                            "ui.date.bad_value",
                            &[("value", &self.day.trim())],
                        ));
                    }
                    Some(day) => {
                        let d = CalendarDay {
                            day,
                            working: self.working,
                            note: self.note.trim().to_string(),
                        };
                        match cx.store.write(|tx| store_ref::save_calendar_day(tx, &d)) {
                            Ok(()) => {
                                cx.changed();
                                *cx.refs_changed = true;
                                self.day.clear();
                                self.note.clear();
                            }
                            Err(e) => cx.error(&e),
                        }
                    }
                }
            }
        });
    }
}

/// The calendar's own days; returns the day whose «Удалить» was clicked.
fn days_grid(ui: &mut Ui, lang: Lang, days: &[CalendarDay]) -> Option<NaiveDate> {
    let mut remove = None;
    egui::Grid::new("ref_calendar")
        .striped(true)
        .num_columns(4)
        .show(ui, |ui| {
            for k in [
                "field.calendar.day",
                "ui.ref.working",
                "field.calendar.note",
            ] {
                ui.strong(tr(lang, k));
            }
            ui.end_row();
            for d in days {
                ui.label(fmt_date(d.day));
                ui.label(tr(
                    lang,
                    if d.working {
                        "ui.ref.working_day"
                    } else {
                        "ui.ref.day_off"
                    },
                ));
                ui.label(&d.note);
                if ui.button(tr(lang, "ui.remove")).clicked() {
                    remove = Some(d.day);
                }
                ui.end_row();
            }
        });
    remove
}

impl Editor for Reference {
    fn dirty(&self) -> bool {
        self.data != self.initial
    }

    fn save(&mut self, cx: &mut Cx) -> bool {
        self.problems.clear();
        self.other_error = None;
        let mut d = self.data.clone();
        d.profile.reception_days = (1..=7u8).filter(|x| d.days[*x as usize - 1]).collect();
        let init = self.initial.clone();
        let res = cx.store.write(|tx| {
            if d.profile != init.profile || d.days != init.days {
                store_ref::save_profile(tx, &d.profile)?;
            }
            for s in d
                .settlements
                .iter()
                .filter(|s| !init.settlements.contains(s))
            {
                store_ref::save_settlement(tx, s)?;
            }
            for e in d.executors.iter().filter(|e| !init.executors.contains(e)) {
                store_ref::save_executor(tx, e)?;
            }
            for s in d.staff.iter().filter(|s| !init.staff.contains(s)) {
                store_ref::save_staff(tx, s)?;
            }
            for t in d.topics.iter().filter(|t| !init.topics.contains(t)) {
                store_ref::save_topic(tx, t)?;
            }
            Ok(())
        });
        match res {
            Ok(()) => {
                cx.changed();
                *cx.refs_changed = true;
                // Read again on the next frame (the new rows got their ids).
                self.initial = self.data.clone();
                self.loaded_at = None;
                cx.info(tr(cx.lang, "ui.ref.saved"));
                true
            }
            Err(e) => {
                if e.problems().is_empty() {
                    self.other_error = Some(e.message(cx.lang));
                } else {
                    self.problems = e.problems().to_vec();
                }
                false
            }
        }
    }

    fn discard(&mut self) {
        self.data = self.initial.clone();
        self.problems.clear();
    }
}

impl super::View for Reference {
    fn ui(&mut self, ui: &mut Ui, cx: &mut Cx) {
        self.draw(ui, cx);
    }

    fn editor(&mut self) -> Option<&mut dyn Editor> {
        Some(self)
    }
}
